#include "cli.h"

int cmd_measures(struct cli *c, int argc, char **argv)
{
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(cli_find("measures"), argc, argv, &a, 0);

	if (rc)
		return rc;
	return cli_run_report(c, "measures", report_measures(c->st, &a.o, &out),
			      &out, a.outfile);
}
