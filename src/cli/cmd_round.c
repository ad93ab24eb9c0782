/*
 * mdplan round: the yearly follow-up round from the command line (open,
 * close, reopen, status, entries, one step of an entry, comments,
 * publication, the official table of an edition). Changes go through
 * src/edit as cli:$USER, or as a web user with --as NAME (then that
 * account's roles decide, exactly as on the web).
 */
#include <stdlib.h>
#include <string.h>

#include "../edit/edit.h"
#include "../text/text.h"
#include "cli.h"

#define TEXT_FILE_MAX (1u << 20)

struct round_args {
	int year;
	const char *deadline, *as, *outfile, *results_file, *plans_file, *text_file;
	const char *reason, *field, *ministry, *pos[3];
	long long version;
	int json, edition, npos, item, dry_run, strict;
	const char *smtp, *mail_from, *remind_days, *today, *site;
	enum edit_op op;
	int ops;                    /* how many of --save --submit ... */
};

static int parse_version(const char *v, long long *out)
{
	char *end;
	long long n;

	if (!v || !*v)
		return -1;
	n = strtoll(v, &end, 10);
	if (*end || n < 0)
		return -1;
	*out = n;
	return 0;
}

static int parse(const struct cmd *self, int argc, char **argv, struct round_args *a)
{
	const char *v;
	int i, m;

	memset(a, 0, sizeof(*a));
	a->version = EDIT_ANY_VERSION;
	for (i = 2; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--deadline", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--deadline needs YYYY-MM-DD");
			a->deadline = v;
		} else if ((m = cli_opt(argc, argv, &i, "--as", &v))) {
			if (m < 0 || !*v)
				return cli_usage_error(self, "--as needs a user name");
			a->as = v;
		} else if ((m = cli_opt(argc, argv, &i, "--version", &v))) {
			if (m < 0 || parse_version(v, &a->version))
				return cli_usage_error(self, "--version needs the version you read");
		} else if ((m = cli_opt(argc, argv, &i, "--edition", &v))) {
			long long n;

			if (m < 0 || parse_version(v, &n) || n < 1 || n > 100000)
				return cli_usage_error(self, "--edition needs an edition number");
			a->edition = (int)n;
		} else if ((m = cli_opt(argc, argv, &i, "-o", &v))) {
			if (m < 0)
				return cli_usage_error(self, "-o needs a file name");
			a->outfile = v;
		} else if ((m = cli_opt(argc, argv, &i, "--results-file", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--results-file needs a file");
			a->results_file = v;
		} else if ((m = cli_opt(argc, argv, &i, "--plans-file", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--plans-file needs a file");
			a->plans_file = v;
		} else if ((m = cli_opt(argc, argv, &i, "--text-file", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--text-file needs a file");
			a->text_file = v;
		} else if ((m = cli_opt(argc, argv, &i, "--ministry", &v))) {
			if (m < 0 || !(a->ministry = text_ministry_code(v)))
				return cli_usage_error(self, "--ministry needs a ministry (経, meti)");
		} else if ((m = cli_opt(argc, argv, &i, "--return", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--return needs the reason");
			a->reason = v;
			a->op = EDIT_ENTRY_RETURN;
			a->ops++;
		} else if ((m = cli_opt(argc, argv, &i, "--field", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--field needs results or plans");
			a->field = v;
		} else if (!strcmp(argv[i], "--save")) {
			a->op = EDIT_ENTRY_SAVE;
			a->ops++;
		} else if (!strcmp(argv[i], "--submit")) {
			a->op = EDIT_ENTRY_SUBMIT;
			a->ops++;
		} else if (!strcmp(argv[i], "--accept")) {
			a->op = EDIT_ENTRY_ACCEPT;
			a->ops++;
		} else if (!strcmp(argv[i], "--json")) {
			a->json = 1;
		} else if (!strcmp(argv[i], "--dry-run")) {
			a->dry_run = 1;
		} else if (!strcmp(argv[i], "--strict")) {
			a->strict = 1;
		} else if ((m = cli_opt(argc, argv, &i, "--smtp", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--smtp needs smtp://HOST:PORT");
			a->smtp = v;
		} else if ((m = cli_opt(argc, argv, &i, "--mail-from", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--mail-from needs an address");
			a->mail_from = v;
		} else if ((m = cli_opt(argc, argv, &i, "--remind-days", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--remind-days needs days such as 14,7,1");
			a->remind_days = v;
		} else if ((m = cli_opt(argc, argv, &i, "--site", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--site needs the site's address");
			a->site = v;
		} else if ((m = cli_opt(argc, argv, &i, "--today", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--today needs YYYY-MM-DD");
			a->today = v;
		} else if (argv[i][0] == '-' && argv[i][1] &&
			   !(argv[i][1] >= '0' && argv[i][1] <= '9')) {
			/* (-3: a number, for the edit to refuse with its reason) */
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (a->npos < 3) {
			a->pos[a->npos++] = argv[i];
		} else {
			return cli_usage_error(self, "too many arguments");
		}
	}
	if (!a->npos || cli_year(a->pos[0], &a->year))
		return cli_usage_error(self, "give the fiscal year (2026, R8, 令和8年度)");
	return EXIT_OK;
}

static int read_text(const char *file, struct buf *b)
{
	if (file_read(file, TEXT_FILE_MAX, b)) {
		fprintf(stderr, "mdplan round: cannot read %s\n", file);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* The edit's failure: its message (and field), the exit code. */
static int edit_failed(struct edit *ed, const char *what, int rc)
{
	const char *f = edit_errfield(ed);

	fprintf(stderr, "mdplan round %s: %s%s%s\n", what, f ? f : "", f ? ": " : "",
		edit_errmsg(ed));
	return rc == MD_EFORBIDDEN ? EXIT_INPUT : cli_exit_code(rc);
}

static void actor_of(const struct round_args *a, struct store_actor *out)
{
	if (a->as) {
		out->kind = STORE_ACTOR_USER;
		out->name = a->as;
	} else {
		*out = *cli_actor();
	}
}

/* A12 or 12 */
static int item_no(const char *s, int *no)
{
	char *end;
	long n;

	if (s[0] == 'A' || s[0] == 'a')
		s++;
	n = strtol(s, &end, 10);
	if (!*s || *end || n < 1 || n > 100000)
		return -1;
	*no = (int)n;
	return 0;
}

static int entry_cmd(struct cli *c, const struct cmd *self, struct round_args *a,
		     struct edit *ed)
{
	struct buf results = BUF_INIT, plans = BUF_INIT, text = BUF_INIT;
	struct store_actor actor;
	struct edit_entry e;
	struct edit_result res;
	const char *min = NULL;
	long long id;
	int no, rc;

	if (a->npos != 3 || item_no(a->pos[1], &no))
		return cli_usage_error(self, "round entry YEAR A12 MINISTRY|consolidated ...");
	if (strcmp(a->pos[2], "consolidated") && !(min = text_ministry_code(a->pos[2])))
		return cli_usage_error(self, "%s: not a ministry (経, meti) nor \"consolidated\"",
				       a->pos[2]);
	if (a->ops != 1 && !a->text_file)
		return cli_usage_error(self, "give one of --save --submit --return REASON"
				       " --accept, or --text-file FILE (a comment)");
	if ((rc = store_entry_find(c->st, a->year, no, min, &id)))
		return cli_fail(c, "round entry", rc);
	actor_of(a, &actor);
	if (a->text_file) {
		if (a->ops)
			return cli_usage_error(self, "a comment (--text-file) is a step of its own");
		if ((rc = read_text(a->text_file, &text)))
			return rc;
		if ((rc = edit_entry_comment(ed, &actor, id, text.ptr, &res))) {
			rc = edit_failed(ed, "comment", rc);
		} else {
			printf("comment %lld on A%d %s\n", res.id, no, min ? min : "consolidated");
		}
		buf_release(&text);
		return rc;
	}
	memset(&e, 0, sizeof(e));
	e.id = id;
	e.op = a->op;
	e.version = a->version;
	e.reason = a->reason;
	e.field = a->field;
	if (a->results_file) {
		if ((rc = read_text(a->results_file, &results)))
			goto out;
		e.results = results.ptr;
	}
	if (a->plans_file) {
		if ((rc = read_text(a->plans_file, &plans)))
			goto out;
		e.plans = plans.ptr;
	}
	if ((rc = edit_entry(ed, &actor, &e, &res))) {
		rc = edit_failed(ed, "entry", rc);
		goto out;
	}
	printf("A%d %s: %s, version %lld\n", no, min ? min : "consolidated",
	       edit_op_name(a->op), res.version);
	rc = EXIT_OK;
out:
	buf_release(&results);
	buf_release(&plans);
	return rc;
}

static int entries_cmd(struct cli *c, const struct round_args *a)
{
	struct store_filter f;
	struct store_round_entry_row *e;
	struct arena *ar = arena_new();
	struct buf out = BUF_INIT;
	int n, i, rc;

	if (!ar)
		return cli_fail(c, "round entries", MD_ENOMEM);
	memset(&f, 0, sizeof(f));
	f.year = a->year;
	f.ministry = a->ministry;
	f.lead = a->ministry != NULL;
	if ((rc = store_load_round_entry(c->st, &f, ar, &e, &n))) {
		arena_free(ar);
		return cli_fail(c, "round entries", rc);
	}
	/* item, ministry, state, version, flagged, the item's ministries */
	for (i = 0; i < n; i++)
		buf_printf(&out, "A%lld\t%s\t%s\t%lld\t%s\t%s\n", e[i].item_no,
			   e[i].consolidated ? "consolidated" : e[i].ministry, e[i].state,
			   e[i].version, e[i].flagged ? "flagged" : "-", e[i].item_ministries);
	arena_free(ar);
	rc = cli_write(&out);
	buf_release(&out);
	return rc;
}

int cmd_round(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("round");
	struct round_args a;
	struct store_actor actor;
	struct edit_result res;
	struct edit_round r;
	struct buf out = BUF_INIT;
	struct edit *ed = NULL;
	const char *sub = argc > 1 ? argv[1] : "";
	char sha[65];
	int rc;

	if (argc < 2)
		return cli_usage_error(self, "give a subcommand");
	if ((rc = parse(self, argc, argv, &a)))
		return rc;
	memset(&r, 0, sizeof(r));
	r.year = a.year;
	r.deadline = a.deadline;
	r.remind_days = a.remind_days;
	r.version = a.version;
	actor_of(&a, &actor);
	if (!strcmp(sub, "status")) {
		rc = a.json ? report_round_status_json(c->st, a.year, &out) :
			report_round_status_text(c->st, a.year, &out);
		if (rc == MD_ENOTFOUND) {
			fprintf(stderr, "mdplan round status: there is no FY%d round\n", a.year);
			buf_release(&out);
			return EXIT_INPUT;
		}
		return cli_run_report(c, "round status", rc, &out, a.outfile);
	}
	if (!strcmp(sub, "editions"))
		return cli_run_report(c, "round editions", report_editions_text(c->st, a.year, &out),
				      &out, a.outfile);
	if (!strcmp(sub, "export-tsv") || !strcmp(sub, "export-xlsx")) {
		int xlsx = !strcmp(sub, "export-xlsx");

		rc = xlsx ? report_edition_xlsx(c->st, a.year, a.edition, &out) :
			report_edition_tsv(c->st, a.year, a.edition, &out);
		if (rc == MD_ENOTFOUND) {
			fprintf(stderr, "mdplan round %s: FY%d has no %s edition\n", sub,
				a.year, a.edition ? "such" : "published");
			buf_release(&out);
			return EXIT_INPUT;
		}
		return cli_run_report(c, xlsx ? "round export-xlsx" : "round export-tsv", rc,
				      &out, a.outfile);
	}
	if (!strcmp(sub, "entries"))
		return entries_cmd(c, &a);
	if (!strcmp(sub, "reminders"))
		return cli_run_report(c, "round reminders",
				      report_reminders(c->st, a.year, a.json, &out), &out, a.outfile);
	if (!(ed = cli_edit_new(c))) {
		fprintf(stderr, "mdplan round: out of memory\n");
		return EXIT_DB;
	}
	if (!strcmp(sub, "open")) {
		if (!a.deadline) {
			rc = cli_usage_error(self, "round open YEAR --deadline YYYY-MM-DD "
					     "[--remind-days 14,7,1]");
		} else if ((rc = edit_round_open(ed, &actor, &r, &res))) {
			rc = edit_failed(ed, "open", rc);
		} else {
			printf("FY%d round open until %s: %s\n", a.year, a.deadline, res.note);
		}
	} else if (!strcmp(sub, "remind-days")) {
		/* the round's reminder days: round remind-days 2026 14,7,1 | none */
		if (a.npos != 2 || a.remind_days || !*a.pos[1]) {
			rc = cli_usage_error(self, "round remind-days YEAR 14,7,1 (or none)");
		} else {
			r.remind_days = a.pos[1];
			if ((rc = edit_round_remind_days(ed, &actor, &r, &res)))
				rc = edit_failed(ed, "remind-days", rc);
			else
				printf("FY%d round: reminder days %s (version %lld)\n", a.year,
				       res.note, res.version);
		}
	} else if (!strcmp(sub, "close") || !strcmp(sub, "reopen")) {
		int close = !strcmp(sub, "close");

		if (a.remind_days) {
			cli_edit_free(ed);
			return cli_usage_error(self, "the reminder days are set with "
					       "round remind-days YEAR 14,7,1");
		}
		rc = close ? edit_round_close(ed, &actor, &r, &res) :
			edit_round_reopen(ed, &actor, &r, &res);
		if (rc)
			rc = edit_failed(ed, sub, rc);
		else
			printf("FY%d round %s (version %lld)\n", a.year, close ? "closed" : "open",
			       res.version);
	} else if (!strcmp(sub, "publish")) {
		if ((rc = edit_round_publish(ed, &actor, a.year, &res, sha)))
			rc = edit_failed(ed, "publish", rc);
		else
			printf("FY%d edition %lld published, sha256 %s\n", a.year, res.version, sha);
	} else if (!strcmp(sub, "entry")) {
		rc = entry_cmd(c, self, &a, ed);
	} else if (!strcmp(sub, "remind")) {
		struct cli_remind o = { a.year, a.smtp, a.mail_from, a.remind_days, a.today,
					a.site, a.dry_run };

		rc = !a.smtp && !a.dry_run ? cli_usage_error(self, "round remind YEAR --smtp "
							      "smtp://HOST:PORT (or --dry-run)") :
			cli_round_remind(c, &o, &actor, ed);
	} else if (!strcmp(sub, "download")) {
		rc = cli_round_download(c, self, a.year, a.ministry, a.outfile, &actor, ed);
	} else if (!strcmp(sub, "upload")) {
		rc = a.npos != 2 ? cli_usage_error(self, "round upload YEAR FILE.xlsx --as USER "
						   "[--ministry 経] [--dry-run] [--strict]") :
			cli_round_upload(c, a.year, a.pos[1], a.ministry, a.dry_run, a.strict,
					 &actor, ed);
	} else {
		rc = cli_usage_error(self, "unknown subcommand %s", sub);
	}
	cli_edit_free(ed);
	return rc;
}
