/*
 * mdplan: the Medical Device Basic Plan (医療機器基本計画) system.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../text/text.h"
#include "cli.h"

#define MDPLAN_VERSION "0.1.0"

static const struct cmd commands[] = {
	{ "import", cmd_import, NEED_DB | WRITE_DB,
	  "import a document: the plan, a follow-up table, indicators, programmes, budgets, hubs (CSV), the sources list",
	  "import plan FILE [--edition N] [--encoding utf-8|shift_jis]\n"
	  "       mdplan import followup FILE [--year R7|2025] [--encoding utf-8|shift_jis]\n"
	  "              [--allow-removals | --max-removals PERCENT (default 20)]\n"
	  "       mdplan import indicator-defs FILE.csv   (code,name_ja,unit,direction,...)\n"
	  "       mdplan import indicators FILE.csv       (code,year,value[,note,source,date,breakdowns...])\n"
	  "       mdplan import programmes FILE.csv       (code,name_ja,ministry,...; data/SOURCES.md)\n"
	  "       mdplan import budgets FILE.csv          (code,fiscal_year,kind,amount,...)\n"
	  "       mdplan import programme-results FILE.csv (code,year,what,value,unit,...)\n"
	  "       mdplan import programme-indicators FILE.csv (code,indicator,note)\n"
	  "       mdplan import hubs FILE.csv             (programme,kind,institution,...)\n"
	  "       mdplan import sources FILE.csv          (code,files,title_ja,title_en,publisher_ja,publisher_en,issued,url,note)" },
	{ "plan", cmd_plan, NEED_DB,
	  "print the plan tree: visions, goals, measures (and action items)",
	  "plan [--items] [--goal N] [--ministry 経] [--lead] [--en]" },
	{ "measures", cmd_measures, NEED_DB,
	  "list measures (施策), optionally by ministry or goal",
	  "measures [--ministry 経] [--lead] [--goal N] [--en]" },
	{ "show", cmd_show, NEED_DB,
	  "show a measure (M12) or action item (A40, or item#123 by identity) with its follow-up",
	  "show ID [--year R7] [--en]" },
	{ "ministries", cmd_ministries, NEED_DB,
	  "list ministries with the action items they share and lead",
	  "ministries [--ministry 経] [--en]" },
	{ "export", cmd_export, NEED_DB,
	  "export the follow-up table (CSV, XLSX, JSON) or the indicators (CSV)",
	  "export csv|xlsx|json [--year R7] [--ministry 経] [--lead] [-o FILE]\n"
	  "       mdplan export indicators [CODE] [-o FILE] | export indicator-defs [-o FILE]\n"
	  "       mdplan export programmes|budgets|hubs [-o FILE] | export programmes-xlsx -o FILE" },
	{ "programmes", cmd_programmes, NEED_DB,
	  "list programmes (事業) with their budgets",
	  "programmes [--ministry 経] [--vision N] [--goal N] [--year 2025] [--json] [-o FILE]" },
	{ "programme", cmd_programme, NEED_DB | WRITE_DB,
	  "show a programme, link it to a measure or action item, suggest links",
	  "programme show CODE\n"
	  "       mdplan programme link CODE --measure N | --item N [--reject] [--version N]\n"
	  "       mdplan programme suggest [CODE]" },
	{ "budgets", cmd_budgets, NEED_DB,
	  "budget totals by fiscal year and kind (内数 shown, not added)",
	  "budgets [--year 2025] [--by ministry|goal|vision] [--json]" },
	{ "hubs", cmd_hubs, NEED_DB,
	  "list hubs, network members and counted networks",
	  "hubs [--json]" },
	{ "indicators", cmd_indicators, NEED_DB,
	  "list indicators with their values and progress status",
	  "indicators [CODE] [--json] [--en] [-o FILE]" },
	{ "indicator", cmd_indicator, NEED_DB | WRITE_DB,
	  "define or change an indicator (指標)",
	  "indicator define CODE --name NAME --unit UNIT --direction up|down\n"
	  "       [--name-en NAME] [--unit-en UNIT] [--years fiscal|calendar]\n"
	  "       [--baseline YEAR:VALUE|none] [--target YEAR:VALUE|none] [--target-note TEXT]\n"
	  "       [--goal N|none] [--measure N|none] [--source TEXT] [--notes TEXT]\n"
	  "       [--version N]   (the version you read: refused if it changed since; 0: must be new)" },
	{ "serve", cmd_serve, NEED_DB,
	  "serve the web pages, downloads and JSON API on localhost",
	  "serve [--port 8080] [--bind 127.0.0.1] [--threads 4] [--log FILE|-]\n"
	  "       [--no-log] [--no-cache] [--cache-size 48] [--timeout 10]\n"
	  "       [--max-per-client 64] [--secure-cookies] [--trusted-proxy ADDR]\n"
	  "       [--host NAME[,NAME...]]   (the host names served; others get 421)\n"
	  "       [--tls-cert FILE --tls-key FILE]\n"
	  "       [--smtp smtp://HOST:PORT [--mail-from ADDR] [--remind-days 14,7,1]\n"
	  "        [--remind-interval 3600] [--site URL]]   (round reminders by mail;\n"
	  "       --remind-days for rounds without days of their own: round remind-days)\n"
	  "       [--login-lock SECONDS] [--login-lock-after N]   (sign-in throttling: the\n"
	  "       lock's length, delays capped at it; failures that lock an account)" },
	{ "publish", cmd_publish, NEED_DB,
	  "write the public site as static files (pages, downloads, sitemap)",
	  "publish OUTDIR [--base-url https://example.go.jp/mdplan/]" },
	{ "history", cmd_history, NEED_DB,
	  "list earlier values that imports and edits replaced or removed, and by whom",
	  "history [--json]" },
	{ "stats", cmd_stats, NEED_DB,
	  "counts of the plan and of each fiscal year's follow-up",
	  "stats [--json]" },
	{ "search", cmd_search, NEED_DB,
	  "full-text search of the plan and the follow-up (Japanese-aware)",
	  "search QUERY [--year 2025] [--ministry 経] [--kind item] [--limit 20]"
	  " [--offset 0] [--json] [--en] [--as USER] | search --batch FILE [--limit 10] [--as USER]"
	  " | search --check | search --rebuild" },
	{ "user", cmd_user, NEED_DB | WRITE_DB,
	  "accounts of the web application: add, list, passwords, roles, sessions",
	  "user add NAME --role admin|secretariat|editor|reviewer|desk [--role ...]\n"
	  "       [--ministry 経 [--ministry 文]] [--display NAME] [--email ADDRESS] [--password-file FILE]\n"
	  "       mdplan user list [--json]\n"
	  "       mdplan user passwd NAME [--password-file FILE]\n"
	  "       mdplan user disable NAME | user enable NAME\n"
	  "       mdplan user roles NAME --role ... [--ministry ...]\n"
	  "       mdplan user sessions NAME [--json] [--revoke ID | --revoke-all]\n"
	  "       Passwords are asked on the terminal (not echoed) or read from the first line\n"
	  "       of --password-file FILE (- is standard input); never from the command line." },
	{ "round", cmd_round, NEED_DB | WRITE_DB,
	  "the yearly follow-up round: open, entries, review, publish editions",
	  "round open YEAR --deadline YYYY-MM-DD [--remind-days 14,7,1]\n"
	  "       mdplan round close|reopen YEAR [--deadline D]\n"
	  "       mdplan round remind-days YEAR 14,7,1|none   (the round's reminder days)\n"
	  "       mdplan round status YEAR [--json] | round entries YEAR [--ministry 経]\n"
	  "       mdplan round entry YEAR A12 MINISTRY|consolidated --save|--submit|--accept\n"
	  "              |--return REASON [--field results|plans] [--results-file F] [--plans-file F]\n"
	  "       mdplan round entry YEAR A12 MINISTRY|consolidated --text-file F   (a comment)\n"
	  "       mdplan round publish YEAR | round editions YEAR\n"
	  "       mdplan round export-tsv|export-xlsx YEAR [--edition N] [-o FILE]\n"
	  "       mdplan round download YEAR --ministry 経 -o FILE.xlsx [--as USER]\n"
	  "       mdplan round upload YEAR FILE.xlsx --as USER [--ministry 経] [--dry-run] [--strict]\n"
	  "       mdplan round remind YEAR --smtp smtp://HOST:PORT [--mail-from ADDR]\n"
	  "              [--remind-days 14,7,1] [--site URL] [--today YYYY-MM-DD] [--dry-run]\n"
	  "              (the round's own days decide; --remind-days is for a round without)\n"
	  "       mdplan round reminders YEAR [--json]   (the reminder mail sent)\n"
	  "       Changes take [--version N] (the version you read) and [--as USER] (act as\n"
	  "       that account, with its roles, as on the web; default: the command line)." },
	{ "audit", cmd_audit, NEED_DB,
	  "the audit trail (who changed what, logins) and the check of its hash chain",
	  "audit [--since 2025-06-01] [--until 2025-06-30] [--user NAME] [--action login] [--json|--csv] [-o FILE]\n"
	  "       mdplan audit verify   (exit 1 and the first bad entry when the trail was altered)" },
};

const struct cmd *cli_find(const char *name)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(commands); k++) {
		if (!strcmp(commands[k].name, name))
			return &commands[k];
	}
	return NULL;
}

static void usage(FILE *f)
{
	size_t k;

	fprintf(f, "usage: mdplan [--db PATH] COMMAND [ARGS]\n\n"
		"Commands:\n");
	for (k = 0; k < MD_ARRAY_SIZE(commands); k++)
		fprintf(f, "  %-11s %s\n", commands[k].name, commands[k].summary);
	fprintf(f, "\nThe database is ./mdplan.db unless --db PATH or MDPLAN_DB says "
		"otherwise.\n'mdplan COMMAND --help' describes one command.\n"
		"Exit codes: 0 ok, 1 bad input, 2 usage, 3 database error, 4 conflict (the\n"
		"data changed since the --version given).\n");
}

void cli_print_usage(const struct cmd *cmd, FILE *f)
{
	fprintf(f, "usage: mdplan %s\n\n%s\n", cmd->usage, cmd->summary);
}

int cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	}
	return 0;
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t l = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, l))
		return 0;
	if (a[l] == '=') {
		*val = a + l + 1;
		return 1;
	}
	if (a[l])
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

int cli_usage_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mdplan %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: mdplan %s\n", cmd->usage);
	return EXIT_USAGE;
}

int cli_year(const char *s, int *year)
{
	int fiscal;

	return text_era_parse(s, year, &fiscal);
}

int cli_write(const struct buf *b)
{
	if (buf_error(b)) {
		fprintf(stderr, "mdplan: output too large\n");
		return EXIT_INPUT;
	}
	if (fwrite(b->ptr, 1, b->len, stdout) != b->len || fflush(stdout)) {
		fprintf(stderr, "mdplan: cannot write output: %s\n", strerror(errno));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int cli_fail(struct cli *c, const char *what, int rc)
{
	switch (rc) {
	case MD_ENOTFOUND:
		fprintf(stderr, "mdplan: %s: not found\n", what);
		return EXIT_INPUT;
	case MD_EUSAGE:
		fprintf(stderr, "mdplan: %s: bad argument\n", what);
		return EXIT_USAGE;
	case MD_EDB:
		fprintf(stderr, "mdplan: %s: %s\n", what, store_errmsg(c->st));
		return EXIT_DB;
	default:
		fprintf(stderr, "mdplan: %s: %s\n", what,
			c->st ? store_errmsg(c->st) : md_strerror(rc));
		return EXIT_INPUT;
	}
}

int cli_exit_code(int rc)
{
	switch (rc) {
	case MD_OK: return EXIT_OK;
	case MD_EUSAGE: return EXIT_USAGE;
	case MD_EDB: case MD_ENOMEM: return EXIT_DB;
	case MD_ECONFLICT: return EXIT_CONFLICT;
	default: return EXIT_INPUT;
	}
}

const struct store_actor *cli_actor(void)
{
	static struct store_actor a;
	static char uid[32];
	const char *n = getenv("USER");
	struct passwd *pw;

	if (!n || !*n)
		n = getenv("LOGNAME");
	if ((!n || !*n) && (pw = getpwuid(getuid())) && pw->pw_name && *pw->pw_name)
		n = pw->pw_name;
	if (!n || !*n) {
		snprintf(uid, sizeof(uid), "uid%ld", (long)getuid());
		n = uid;
	}
	a.kind = STORE_ACTOR_CLI;
	a.name = n;
	return &a;
}

int main(int argc, char **argv)
{
	struct cli c;
	const struct cmd *cmd;
	int i = 1, rc;
	const char *env = getenv("MDPLAN_DB");

	memset(&c, 0, sizeof(c));
	c.prog = argv[0];
	c.db_path = env && *env ? env : "mdplan.db";
	while (i < argc && argv[i][0] == '-') {
		const char *v;
		int m = cli_opt(argc, argv, &i, "--db", &v);

		if (m < 0) {
			fprintf(stderr, "mdplan: --db needs a path\n");
			return EXIT_USAGE;
		}
		if (m > 0) {
			c.db_path = v;
			i++;
			continue;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("mdplan %s\n", MDPLAN_VERSION);
			return EXIT_OK;
		}
		fprintf(stderr, "mdplan: unknown option %s\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc && (cmd = cli_find(argv[i + 1]))) {
			cli_print_usage(cmd, stdout);
			return EXIT_OK;
		}
		usage(stdout);
		return EXIT_OK;
	}
	cmd = cli_find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "mdplan: unknown command '%s'\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= i;
	argv += i;
	if (cli_wants_help(argc, argv)) {
		cli_print_usage(cmd, stdout);
		return EXIT_OK;
	}
	if (cmd->flags & NEED_DB) {
		rc = store_open(c.db_path, (cmd->flags & WRITE_DB) ? 0 : STORE_READONLY,
				&c.st);
		if (rc) {
			fprintf(stderr, "mdplan: %s: %s\n", c.db_path,
				c.st ? store_errmsg(c.st) : md_strerror(rc));
			store_close(c.st);
			return EXIT_DB;
		}
	}
	rc = cmd->fn(&c, argc, argv);
	store_close(c.st);
	if (fclose(stdout) != 0 && rc == EXIT_OK) {
		fprintf(stderr, "mdplan: cannot write output: %s\n", strerror(errno));
		rc = EXIT_INPUT;
	}
	return rc;
}
