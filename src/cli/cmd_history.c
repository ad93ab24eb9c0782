#include "cli.h"

int cmd_history(struct cli *c, int argc, char **argv)
{
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(cli_find("history"), argc, argv, &a, 0);

	if (rc)
		return rc;
	return cli_run_report(c, "history", report_history(c->st, a.json, &out),
			      &out, a.outfile);
}
