/* mdplan indicators [CODE] and mdplan indicator define CODE ... */
#include <stdlib.h>
#include <string.h>

#include "../import/import.h"
#include "cli.h"

int cmd_indicators(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("indicators");
	struct buf out = BUF_INIT;
	const char *code = NULL, *outfile = NULL, *v;
	int i, m, json = 0, en = 0, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--en"))
			en = 1;
		else if ((m = cli_opt(argc, argv, &i, "-o", &v))) {
			if (m < 0)
				return cli_usage_error(self, "-o needs a file name");
			outfile = v;
		} else if (argv[i][0] == '-')
			return cli_usage_error(self, "unknown option %s", argv[i]);
		else if (!code)
			code = argv[i];
		else
			return cli_usage_error(self, "too many arguments");
	}
	rc = json ? report_indicators_json(c->st, code, &out) :
		report_indicators_text(c->st, code, en, &out);
	if (rc == MD_ENOTFOUND) {
		fprintf(stderr, "mdplan indicators: no indicator %s\n", code);
		buf_release(&out);
		return EXIT_INPUT;
	}
	return cli_run_report(c, "indicators", rc, &out, outfile);
}

/* The stored definition (strings live in keep). */
struct existing {
	struct store_indicator d;
	struct arena *keep;
	int found;
};

static void existing_def(struct existing *e, const struct store_indicator_row *r)
{
	struct store_indicator *d = &e->d;

	e->found = 1;
	d->name_ja = r->name_ja;
	d->name_en = r->name_en;
	d->unit = r->unit;
	d->unit_en = r->unit_en;
	d->direction = r->direction;
	d->year_kind = r->year_kind;
	d->goal = r->goal_linked ? (int)r->goal_no : 0;
	d->measure = (int)r->measure_no;
	d->has_baseline = !r->null.baseline_year;
	d->baseline_year = (int)r->baseline_year;
	d->baseline_value = r->baseline_value;
	d->has_target = !r->null.target_year;
	d->target_year = (int)r->target_year;
	d->target_value = r->target_value;
	d->target_note = r->target_note;
	d->source = r->source;
	d->notes = r->notes;
}

/* "2026:100", "令和8年度:100", "FY2026:1,000"; "none" clears. Year and
 * number are read as the CSV import reads them. */
static int year_value(const char *s, int *has, int *year, double *value)
{
	const char *colon = strrchr(s, ':');
	struct buf y = BUF_INIT;
	int kind, rc;

	if (!strcmp(s, "none") || !*s) {
		*has = 0;
		return 0;
	}
	if (!colon)
		return MD_EINPUT;
	buf_add(&y, s, (size_t)(colon - s));
	rc = buf_error(&y) || import_year(y.ptr, year, &kind) ||
		import_number(colon + 1, value) ? MD_EINPUT : 0;
	buf_release(&y);
	if (!rc)
		*has = 1;
	return rc;
}

static int define(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("indicator");
	struct existing e;
	struct store_filter f = { 0 };
	struct store_counts cnt;
	struct store_indicator *d = &e.d;
	struct store_indicator_row *rows;
	const char *code = NULL, *v;
	int i, m, rc, n;

	memset(&e, 0, sizeof(e));
	if (!(e.keep = arena_new()))
		return EXIT_DB;
	/* the code comes right after "define", options after it */
	if (argc > 2)
		code = argv[2];
	if (!code || import_indicator_code_check(code)) {
		arena_free(e.keep);
		return cli_usage_error(self, "need define CODE first: letters, digits, "
				       "'-', '_' or '.' (at most 40), such as G1-COURSES");
	}
	f.code = code;
	if ((rc = store_load_indicator(c->st, &f, e.keep, &rows, &n))) {
		arena_free(e.keep);
		return cli_fail(c, "indicator define", rc);
	}
	if (n)
		existing_def(&e, &rows[0]);
	d->code = code;
	for (i = 3; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--name", &v)) > 0)
			d->name_ja = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--name-en", &v)) > 0)
			d->name_en = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--unit", &v)) > 0)
			d->unit = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--unit-en", &v)) > 0)
			d->unit_en = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--direction", &v)) > 0) {
			if (strcmp(v, "up") && strcmp(v, "down"))
				goto bad_direction;
			d->direction = v;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--years", &v)) > 0) {
			if (strcmp(v, "fiscal") && strcmp(v, "calendar")) {
				arena_free(e.keep);
				return cli_usage_error(self, "--years takes fiscal or calendar");
			}
			d->year_kind = v;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--baseline", &v)) > 0) {
			if (year_value(v, &d->has_baseline, &d->baseline_year,
				       &d->baseline_value)) {
				arena_free(e.keep);
				return cli_usage_error(self, "--baseline takes YEAR:VALUE "
						       "(2022:49) or none");
			}
		} else if (!m && (m = cli_opt(argc, argv, &i, "--target", &v)) > 0) {
			if (year_value(v, &d->has_target, &d->target_year,
				       &d->target_value)) {
				arena_free(e.keep);
				return cli_usage_error(self, "--target takes YEAR:VALUE "
						       "(2026:100) or none");
			}
		} else if (!m && (m = cli_opt(argc, argv, &i, "--target-note", &v)) > 0)
			d->target_note = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--goal", &v)) > 0) {
			if (!strcmp(v, "none"))
				d->goal = 0;
			else if (num_parse_int(v, 1, 99, &d->goal)) {
				arena_free(e.keep);
				return cli_usage_error(self, "--goal takes a goal number or none");
			}
		} else if (!m && (m = cli_opt(argc, argv, &i, "--measure", &v)) > 0) {
			if (!strcmp(v, "none"))
				d->measure = 0;
			else if (num_parse_int(v, 1, 999, &d->measure)) {
				arena_free(e.keep);
				return cli_usage_error(self, "--measure takes a measure number or none");
			}
		} else if (!m && (m = cli_opt(argc, argv, &i, "--source", &v)) > 0)
			d->source = v;
		else if (!m && (m = cli_opt(argc, argv, &i, "--notes", &v)) > 0)
			d->notes = v;
		else {
			arena_free(e.keep);
			if (m < 0)
				return cli_usage_error(self, "%s needs a value", argv[i]);
			return cli_usage_error(self, "unknown option %s", argv[i]);
		}
	}
	if (!d->name_ja || !*d->name_ja || !d->unit || !*d->unit || !d->direction) {
		arena_free(e.keep);
		return cli_usage_error(self, "a new indicator needs --name, --unit and "
				       "--direction up|down (there is no default direction)");
	}
	if (d->has_baseline && d->has_target && d->target_year <= d->baseline_year)
		fprintf(stderr, "mdplan indicator: note: the target year is not after the "
			"baseline year; progress cannot be computed\n");
	store_counts_reset(c->st);
	if ((rc = store_begin(c->st)) || (rc = store_run_begin(c->st, "define", 0)) ||
	    (rc = store_indicator_put(c->st, d, NULL)) || (rc = store_commit(c->st))) {
		fprintf(stderr, "mdplan indicator define: %s\n", store_errmsg(c->st));
		store_rollback(c->st);
		arena_free(e.keep);
		return rc == MD_ENOTFOUND ? EXIT_INPUT : EXIT_DB;
	}
	store_counts(c->st, &cnt);
	printf("%s %s\n", !e.found ? "defined" : cnt.changed ? "updated" : "unchanged",
	       code);
	arena_free(e.keep);
	return EXIT_OK;
bad_direction:
	arena_free(e.keep);
	return cli_usage_error(self, "--direction takes up (higher is better) or down "
			       "(lower is better)");
}

int cmd_indicator(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("indicator");

	if (argc < 2 || strcmp(argv[1], "define"))
		return cli_usage_error(self, "expected: indicator define CODE ...");
	return define(c, argc, argv);
}
