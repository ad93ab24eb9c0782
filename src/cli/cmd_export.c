#include <string.h>

#include "cli.h"

int cmd_export(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("export");
	struct view_args a;
	struct buf out = BUF_INIT;
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
		return cli_run_report(c, "export", rc, &out, a.outfile);
	}
	if (a.npos == 1 && !strcmp(a.pos[0], "indicator-defs"))
		return cli_run_report(c, "export", report_indicator_defs_csv(c->st, &out),
				      &out, a.outfile);
	if (a.npos == 1 && !strcmp(a.pos[0], "programmes-xlsx"))
		return cli_run_report(c, "export", report_programmes_xlsx(c->st, &out), &out,
				      a.outfile);
	if (a.npos == 1 && (!strcmp(a.pos[0], "programmes") || !strcmp(a.pos[0], "budgets") ||
			    !strcmp(a.pos[0], "hubs")))
		return cli_run_report(c, "export", report_programme_csv(c->st, a.pos[0], &out),
				      &out, a.outfile);
	if (a.npos != 1)
		return cli_usage_error(self, "need a format: csv, xlsx, json, indicators, "
				       "indicator-defs, programmes, budgets or hubs");
	if (!strcmp(a.pos[0], "csv"))
		rc = report_export_csv(c->st, &a.o, &out);
	else if (!strcmp(a.pos[0], "xlsx"))
		rc = report_export_xlsx(c->st, &a.o, &out);
	else if (!strcmp(a.pos[0], "json"))
		rc = report_export_json(c->st, &a.o, &out);
	else
		return cli_usage_error(self, "unknown format '%s' (expected csv, xlsx or json)",
				       a.pos[0]);
	return cli_run_report(c, "export", rc, &out, a.outfile);
}
