#include <string.h>

#include "cli.h"

int cmd_export(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("export");
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(self, argc, argv, &a, 1);

	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error(self, "need a format: csv, xlsx or json");
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
