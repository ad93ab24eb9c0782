#include <string.h>

#include "cli.h"

/* "wrote fu.csv: the follow-up table of FY2025, mext, as CSV (61234 bytes)" */
static void wrote(const char *file, const char *what, const char *as,
		  const struct view_args *a, size_t bytes)
{
	printf("wrote %s: %s", file, what);
	if (a->o.year)
		printf(" of FY%d", a->o.year);
	if (a->o.ministry)
		printf(", %s%s", a->o.ministry, a->o.lead ? " (lead)" : "");
	printf(", as %s (%zu bytes)\n", as, bytes);
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("export");
	struct view_args a;
	struct buf out = BUF_INIT;
	const char *what, *as = "CSV";
	size_t bytes;
	int rc = cli_view_args(self, argc, argv, &a, 2);

	if (rc)
		return rc;
	if (a.npos >= 1 && !strcmp(a.pos[0], "indicators")) {
		rc = report_indicators_csv(c->st, a.npos > 1 ? a.pos[1] : NULL, &out);
		if (rc == MD_ENOTFOUND) {
			fprintf(stderr, "mdplan export: no indicator %s\n", a.pos[1]);
			buf_release(&out);
			return EXIT_INPUT;
		}
		what = "indicator values";
		as = "CSV in the import layout";
	} else if (a.npos == 1 && !strcmp(a.pos[0], "indicator-defs")) {
		rc = report_indicator_defs_csv(c->st, &out);
		what = "indicator definitions";
		as = "CSV in the import layout";
	} else if (a.npos == 1 && !strcmp(a.pos[0], "programmes-xlsx")) {
		rc = report_programmes_xlsx(c->st, &out);
		what = "programmes, budgets and hubs";
		as = "XLSX";
	} else if (a.npos == 1 && (!strcmp(a.pos[0], "programmes") ||
				   !strcmp(a.pos[0], "budgets") || !strcmp(a.pos[0], "hubs"))) {
		rc = report_programme_csv(c->st, a.pos[0], &out);
		what = a.pos[0];
		as = "CSV in the import layout";
	} else {
		if (a.npos != 1)
			return cli_usage_error(self, "need a format: csv, xlsx, json, indicators, "
					       "indicator-defs, programmes, budgets or hubs");
		if (strcmp(a.pos[0], "csv") && strcmp(a.pos[0], "xlsx") &&
		    strcmp(a.pos[0], "json"))
			return cli_usage_error(self, "unknown format '%s' (expected csv, xlsx "
					       "or json)", a.pos[0]);
		if ((rc = cli_year_has_data(c, self, a.o.year)))
			return rc;
		if (!strcmp(a.pos[0], "csv")) {
			rc = report_export_csv(c->st, &a.o, &out);
			what = "the follow-up table";
		} else if (!strcmp(a.pos[0], "xlsx")) {
			rc = report_export_xlsx(c->st, &a.o, &out);
			what = "the follow-up table";
			as = "XLSX";
		} else {
			rc = report_export_json(c->st, &a.o, &out);
			what = "the follow-up table";
			as = "JSON";
		}
	}
	bytes = out.len;
	rc = cli_run_report(c, "export", rc, &out, a.outfile);
	if (rc == EXIT_OK && a.outfile && strcmp(a.outfile, "-"))
		wrote(a.outfile, what, as, &a, bytes);
	return rc;
}
