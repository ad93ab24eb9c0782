#include "cli.h"

int cmd_ministries(struct cli *c, int argc, char **argv)
{
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(cli_find("ministries"), argc, argv, &a, 0);

	if (rc)
		return rc;
	return cli_run_report(c, "ministries", report_ministries(c->st, &a.o, &out),
			      &out, a.outfile);
}
