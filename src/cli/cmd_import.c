#include <string.h>
#include <unistd.h>

#include "../import/import.h"
#include "cli.h"

static void note(void *ctx, const char *file, long line, const char *msg)
{
	(void)ctx;
	if (line > 0)
		fprintf(stderr, "%s:%ld: note: %s\n", file, line, msg);
	else
		fprintf(stderr, "%s: note: %s\n", file, msg);
}

static void progress(void *ctx, long done, long total)
{
	const char *what = ctx;

	fprintf(stderr, "\r%s: %ld/%ld lines", what, done, total);
}

#define KINDS "plan, followup, indicators, indicator-defs, programmes, " \
	"budgets, programme-results, programme-indicators, hubs or sources"

static int programme_kind(const char *kind)
{
	return !strcmp(kind, "programmes") || !strcmp(kind, "budgets") ||
		!strcmp(kind, "programme-results") ||
		!strcmp(kind, "programme-indicators") || !strcmp(kind, "hubs");
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("import");
	const char *kind = NULL, *file = NULL, *enc = NULL, *v;
	struct import *imp;
	const struct import_summary *s;
	int i, rc, year = 0, edition = 0, m, pct = -1;

	for (i = 1; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--year", &v))) {
			if (m < 0 || cli_year(v, &year))
				return cli_usage_error(self, "--year takes R7, 令和7年度, "
						       "FY2025 or 2025");
		} else if ((m = cli_opt(argc, argv, &i, "--edition", &v))) {
			if (m < 0 || num_parse_int(v, 1, 9, &edition))
				return cli_usage_error(self, "--edition takes 1 to 9");
		} else if (!strcmp(argv[i], "--allow-removals")) {
			pct = 100;
		} else if ((m = cli_opt(argc, argv, &i, "--max-removals", &v))) {
			if (m < 0 || num_parse_int(v, 0, 100, &pct))
				return cli_usage_error(self, "--max-removals takes a percentage, "
						       "0 to 100");
		} else if ((m = cli_opt(argc, argv, &i, "--encoding", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--encoding needs a value");
			enc = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (!kind) {
			kind = argv[i];
		} else if (!file) {
			file = argv[i];
		} else {
			return cli_usage_error(self, "too many arguments");
		}
	}
	if (!kind || !file)
		return cli_usage_error(self, "need a kind (" KINDS ") and a FILE");
	if (strcmp(kind, "plan") && strcmp(kind, "followup") &&
	    strcmp(kind, "indicators") && strcmp(kind, "indicator-defs") &&
	    !programme_kind(kind) && strcmp(kind, "sources"))
		return cli_usage_error(self, "unknown kind '%s' (expected " KINDS ")",
				       kind);
	if (pct >= 0 && strcmp(kind, "followup"))
		return cli_usage_error(self, "--allow-removals and --max-removals are for "
				       "followup imports");
	imp = import_new(c->st);
	if (!imp)
		return EXIT_DB;
	import_set_encoding(imp, enc);
	import_set_year(imp, year);
	import_set_edition(imp, edition);
	if (pct >= 0)
		import_set_max_removals(imp, pct / 100.0);
	import_set_notes(imp, note, NULL);
	if (isatty(2))
		import_set_progress(imp, progress, (void *)file);
	rc = !strcmp(kind, "plan") ? import_plan(imp, file) :
		!strcmp(kind, "followup") ? import_followup(imp, file) :
		!strcmp(kind, "indicators") ? import_indicators(imp, file) :
		programme_kind(kind) ? import_programme_file(imp, kind, file) :
		!strcmp(kind, "sources") ? import_sources(imp, file) :
		import_indicator_defs(imp, file);
	if (isatty(2))
		fputc('\n', stderr);
	if (rc) {
		fprintf(stderr, "mdplan: %s\n", import_errmsg(imp));
		import_free(imp);
		return rc == MD_EDB ? EXIT_DB : rc == MD_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	s = import_summary(imp);
	if (!strcmp(kind, "plan")) {
		struct buf w = BUF_INIT;

		printf("imported plan 第%d期 from %s (%s): %ld visions, %ld goals in %ld "
		       "listings, %ld measures, %ld action items (%ld untagged), %ld "
		       "priority areas, %ld platforms\n", s->edition, file, s->encoding,
		       s->visions, s->goals, s->listings, s->measures, s->items,
		       s->untagged, s->areas, s->platforms);
		import_outline_words(&s->outline, &w);
		printf("outline: %s\n", w.ptr);
		buf_release(&w);
	} else if (!strcmp(kind, "indicators"))
		printf("imported indicator values from %s (%s): %ld values, %ld of them "
		       "marked not available\n", file, s->encoding, s->rows, s->na);
	else if (programme_kind(kind))
		printf("imported %s from %s (%s): %ld rows\n", kind, file, s->encoding,
		       s->rows);
	else if (!strcmp(kind, "sources"))
		printf("imported the sources list from %s (%s): %ld documents\n",
		       file, s->encoding, s->rows);
	else if (!strcmp(kind, "indicator-defs"))
		printf("imported indicator definitions from %s (%s): %ld indicators\n",
		       file, s->encoding, s->rows);
	else
		printf("imported follow-up FY%d from %s (%s): %ld rows: %ld matched "
		       "exactly, %ld by similarity, %ld by position, %ld unmatched; %ld "
		       "repeated rows\n", s->fiscal_year, file, s->encoding, s->rows,
		       s->exact, s->similar, s->position, s->unmatched, s->repeats);
	printf("database: %ld added, %ld changed, %ld unchanged, %ld removed\n",
	       s->counts.added, s->counts.changed, s->counts.unchanged, s->counts.removed);
	import_free(imp);
	return EXIT_OK;
}
