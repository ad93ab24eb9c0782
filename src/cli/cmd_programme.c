/* mdplan programmes, programme show|link|suggest, budgets, hubs */
#include <stdlib.h>
#include <string.h>

#include "../edit/edit.h"
#include "cli.h"

int cmd_programmes(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("programmes");
	struct view_args va;
	struct prog_q q = { 0 };
	struct buf out = BUF_INIT;
	int rc, i;

	for (i = 1; i < argc; i++) {
		/* --vision N is ours; the shared options are parsed below */
		if (!strcmp(argv[i], "--vision") && i + 1 < argc) {
			if (num_parse_int(argv[i + 1], 1, 99, &q.vision))
				return cli_usage_error(self, "--vision takes a vision number");
			memmove(&argv[i], &argv[i + 2], sizeof(*argv) * (size_t)(argc - i - 2));
			argc -= 2;
			i--;
		}
	}
	if ((rc = cli_view_args(self, argc, argv, &va, 0)))
		return rc;
	q.ministry = va.o.ministry;
	q.goal = va.o.goal;
	q.year = va.o.year;
	rc = va.json ? report_programmes_json(c->st, &q, &out) :
		report_programmes_text(c->st, &q, &out);
	return cli_run_report(c, "programmes", rc, &out, va.outfile);
}

static int show(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("programme");
	struct buf out = BUF_INIT;
	int rc;

	if (argc != 3)
		return cli_usage_error(self, "programme show takes one CODE");
	rc = report_programme_show(c->st, argv[2], &out);
	if (rc == MD_ENOTFOUND) {
		fprintf(stderr, "mdplan programme: there is no programme %s\n", argv[2]);
		buf_release(&out);
		return EXIT_INPUT;
	}
	return cli_run_report(c, "programme", rc, &out, NULL);
}

static int link_one(struct cli *c, struct edit *ed, const struct edit_plink *l)
{
	struct edit_result res;
	int rc = edit_programme_link(ed, cli_actor(), l, &res);

	if (rc) {
		const char *f = edit_errfield(ed);

		fprintf(stderr, "mdplan programme: %s%s%s\n", f ? f : "", f ? ": " : "",
			edit_errmsg(ed));
		return cli_exit_code(rc);
	}
	(void)c;
	printf("%s %s → %s%d: %s (version %lld)\n", res.created ? "linked" :
	       res.changed ? "updated" : "unchanged", l->code, l->measure ? "M" : "A",
	       l->measure ? l->measure : l->item, l->status, res.version);
	return EXIT_OK;
}

static int link(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("programme");
	struct edit_plink l = { EDIT_ANY_VERSION, NULL, 0, 0, "confirmed", 0, NULL };
	struct edit *ed;
	const char *v;
	int i, m, rc;

	for (i = 2; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--measure", &v))) {
			if (m < 0 || num_parse_int(v, 1, 999, &l.measure))
				return cli_usage_error(self, "--measure takes a measure number");
		} else if ((m = cli_opt(argc, argv, &i, "--item", &v))) {
			if (m < 0 || num_parse_int(v, 1, 9999, &l.item))
				return cli_usage_error(self, "--item takes an action item number");
		} else if (!strcmp(argv[i], "--reject")) {
			l.status = "rejected";
		} else if ((m = cli_opt(argc, argv, &i, "--version", &v))) {
			long long ver;

			if (m < 0 || num_parse_ll(v, strlen(v), 0, 1LL << 40, &ver))
				return cli_usage_error(self, "--version takes a number");
			l.version = ver;
		} else if (argv[i][0] == '-') {
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (!l.code) {
			l.code = argv[i];
		} else {
			return cli_usage_error(self, "too many arguments");
		}
	}
	if (!l.code || !l.measure == !l.item)
		return cli_usage_error(self, "programme link takes CODE and --measure N "
				       "or --item N");
	if (!(ed = edit_new(c->st)))
		return EXIT_DB;
	rc = link_one(c, ed, &l);
	edit_free(ed);
	return rc;
}

/* Prints the suggestions and stores them as suggested links (a link the
 * secretariat confirmed or rejected keeps its status). */
static int suggest(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("programme");
	struct arena *a;
	struct prog_sugg *s = NULL;
	struct edit *ed = NULL;
	int n = 0, i, rc, stored = 0;

	if (argc > 3)
		return cli_usage_error(self, "programme suggest takes at most one CODE");
	if (!(a = arena_new()))
		return EXIT_DB;
	rc = prog_suggest(c->st, argc == 3 ? argv[2] : NULL, a, &s, &n);
	if (rc == MD_ENOTFOUND) {
		fprintf(stderr, "mdplan programme: there is no programme %s\n", argv[2]);
		arena_free(a);
		return EXIT_INPUT;
	}
	if (rc) {
		arena_free(a);
		return cli_fail(c, "programme suggest", rc);
	}
	if (!(ed = edit_new(c->st))) {
		arena_free(a);
		return EXIT_DB;
	}
	for (i = 0; i < n && !rc; i++) {
		struct store_filter f = { 0 };
		struct store_plink_row *l = NULL;
		int nl = 0, k, decided = 0;

		printf("%s → A%d (FY%d follow-up): %s\n", s[i].code, s[i].item_no,
		       s[i].fiscal_year, s[i].sentence);
		f.code = s[i].code;
		if ((rc = store_load_plink(c->st, &f, a, &l, &nl)))
			break;
		for (k = 0; k < nl; k++)
			decided |= !l[k].null.item_no && l[k].item_no == s[i].item_no &&
				strcmp(l[k].status, "suggested");
		if (!decided) {
			struct edit_plink e = { EDIT_ANY_VERSION, s[i].code, 0, s[i].item_no,
						"suggested", s[i].followup, s[i].sentence };
			struct edit_result res;

			if ((rc = edit_programme_link(ed, cli_actor(), &e, &res)))
				fprintf(stderr, "mdplan programme: %s\n", edit_errmsg(ed));
			else
				stored += res.changed;
		}
	}
	if (!rc)
		printf("%d suggestion%s, %d new\n", n, n == 1 ? "" : "s", stored);
	edit_free(ed);
	arena_free(a);
	return rc ? cli_exit_code(rc) : EXIT_OK;
}

int cmd_programme(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("programme");

	if (argc < 2)
		return cli_usage_error(self, "need show, link or suggest");
	if (!strcmp(argv[1], "show"))
		return show(c, argc, argv);
	if (!strcmp(argv[1], "link"))
		return link(c, argc, argv);
	if (!strcmp(argv[1], "suggest"))
		return suggest(c, argc, argv);
	return cli_usage_error(self, "unknown subcommand %s (expected show, link or "
			       "suggest)", argv[1]);
}

int cmd_budgets(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("budgets");
	struct buf out = BUF_INIT;
	const char *by = NULL, *v;
	int i, m, json = 0, year = 0, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if ((m = cli_opt(argc, argv, &i, "--year", &v))) {
			if (m < 0 || cli_year(v, &year))
				return cli_usage_error(self, "--year takes R7, 令和7年度, "
						       "FY2025 or 2025");
		} else if ((m = cli_opt(argc, argv, &i, "--by", &v))) {
			if (m < 0 || (strcmp(v, "ministry") && strcmp(v, "goal") &&
				      strcmp(v, "vision")))
				return cli_usage_error(self, "--by takes ministry, goal or vision");
			by = v;
		} else {
			return cli_usage_error(self, "unknown argument %s", argv[i]);
		}
	}
	rc = json ? report_budgets_json(c->st, by, year, &out) :
		report_budgets_text(c->st, by, year, &out);
	return cli_run_report(c, "budgets", rc, &out, NULL);
}

int cmd_hubs(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("hubs");
	struct buf out = BUF_INIT;
	int rc;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json")))
		return cli_usage_error(self, "hubs takes only --json");
	rc = argc == 2 ? report_hubs_json(c->st, &out) : report_hubs_text(c->st, &out);
	return cli_run_report(c, "hubs", rc, &out, NULL);
}
