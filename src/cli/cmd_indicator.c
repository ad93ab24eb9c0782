/* mdplan indicators [CODE] and mdplan indicator define CODE ... */
#include <stdlib.h>
#include <string.h>

#include "../edit/edit.h"
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

/* The options that set a text field of the definition. */
static const struct {
	const char *opt;
	unsigned bit;
	size_t off;             /* offsetof(struct store_indicator, ...) */
	const char *field;      /* the edit layer's name for it */
} text_opts[] = {
#define T(o, b, f) { o, b, offsetof(struct store_indicator, f), #f }
	T("--name", EDIT_IND_NAME, name_ja),
	T("--name-en", EDIT_IND_NAME_EN, name_en),
	T("--unit", EDIT_IND_UNIT, unit),
	T("--unit-en", EDIT_IND_UNIT_EN, unit_en),
	T("--direction", EDIT_IND_DIRECTION, direction),
	T("--years", EDIT_IND_YEAR_KIND, year_kind),
	T("--target-note", EDIT_IND_TARGET_NOTE, target_note),
	T("--source", EDIT_IND_SOURCE, source),
	T("--notes", EDIT_IND_NOTES, notes),
#undef T
};

/* The option that sets an edit field, for messages. */
static const char *option_of(const char *field)
{
	size_t k;

	if (!field)
		return NULL;
	for (k = 0; k < MD_ARRAY_SIZE(text_opts); k++) {
		if (!strcmp(text_opts[k].field, field))
			return text_opts[k].opt;
	}
	return !strcmp(field, "version") ? "--version" :
		!strncmp(field, "baseline", 8) ? "--baseline" :
		!strncmp(field, "target", 6) ? "--target" :
		!strcmp(field, "goal") ? "--goal" :
		!strcmp(field, "measure") ? "--measure" : NULL;
}

/* A goal or measure number, or none (0). */
static int number_or_none(const char *v, int max, int *out)
{
	if (!strcmp(v, "none")) {
		*out = 0;
		return 0;
	}
	return num_parse_int(v, 1, max, out);
}

static int define(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("indicator");
	struct edit_indicator e;
	struct store_indicator *d = &e.d;
	struct edit_result res;
	struct edit *ed;
	const char *v, *opt;
	long long version;
	size_t k;
	int i, m, rc;

	memset(&e, 0, sizeof(e));
	e.version = EDIT_ANY_VERSION;
	/* the code comes right after "define", options after it */
	if (argc < 3 || import_indicator_code_check(argv[2]))
		return cli_usage_error(self, "need define CODE first: letters, digits, "
				       "'-', '_' or '.' (at most 40), such as G1-COURSES");
	d->code = argv[2];
	for (i = 3; i < argc; i++) {
		for (k = 0, m = 0; k < MD_ARRAY_SIZE(text_opts) && !m; k++) {
			if ((m = cli_opt(argc, argv, &i, text_opts[k].opt, &v)) > 0) {
				*(const char **)(void *)((char *)d + text_opts[k].off) = v;
				e.fields |= text_opts[k].bit;
			}
		}
		if (!m && (m = cli_opt(argc, argv, &i, "--baseline", &v)) > 0) {
			if (year_value(v, &d->has_baseline, &d->baseline_year,
				       &d->baseline_value))
				return cli_usage_error(self, "--baseline takes YEAR:VALUE "
						       "(2022:49) or none");
			e.fields |= EDIT_IND_BASELINE;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--target", &v)) > 0) {
			if (year_value(v, &d->has_target, &d->target_year,
				       &d->target_value))
				return cli_usage_error(self, "--target takes YEAR:VALUE "
						       "(2026:100) or none");
			e.fields |= EDIT_IND_TARGET;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--goal", &v)) > 0) {
			if (number_or_none(v, 99, &d->goal))
				return cli_usage_error(self, "--goal takes a goal number or none");
			e.fields |= EDIT_IND_GOAL;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--measure", &v)) > 0) {
			if (number_or_none(v, 999, &d->measure))
				return cli_usage_error(self, "--measure takes a measure "
						       "number or none");
			e.fields |= EDIT_IND_MEASURE;
		} else if (!m && (m = cli_opt(argc, argv, &i, "--version", &v)) > 0) {
			if (num_parse_ll(v, strlen(v), 0, 1LL << 53, &version))
				return cli_usage_error(self, "--version takes the version "
						       "you read (0: the indicator must "
						       "be new)");
			e.version = version;
		}
		if (m < 0)
			return cli_usage_error(self, "%s needs a value", argv[i]);
		if (!m)
			return cli_usage_error(self, "unknown option %s", argv[i]);
	}
	if (!(ed = cli_edit_new(c)))
		return EXIT_DB;
	rc = edit_indicator_define(ed, cli_actor(), &e, &res);
	if (rc == MD_EINPUT && (opt = option_of(edit_errfield(ed)))) {
		rc = cli_usage_error(self, "%s: %s", opt, edit_errmsg(ed));
		cli_edit_free(ed);
		return rc;
	}
	if (rc) {
		fprintf(stderr, "mdplan indicator define: %s%s%s\n",
			edit_errfield(ed) ? edit_errfield(ed) : "",
			edit_errfield(ed) ? ": " : "", edit_errmsg(ed));
		cli_edit_free(ed);
		return cli_exit_code(rc);
	}
	if (res.note)
		fprintf(stderr, "mdplan indicator: note: %s\n", res.note);
	printf("%s %s (version %lld)\n", res.created ? "defined" : res.changed ?
	       "updated" : "unchanged", d->code, res.version);
	cli_edit_free(ed);
	return EXIT_OK;
}

int cmd_indicator(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("indicator");

	if (argc < 2 || strcmp(argv[1], "define"))
		return cli_usage_error(self, "expected: indicator define CODE ...");
	return define(c, argc, argv);
}
