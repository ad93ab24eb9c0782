#include "cli.h"

int cmd_stats(struct cli *c, int argc, char **argv)
{
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(cli_find("stats"), argc, argv, &a, 0);

	if (rc)
		return rc;
	rc = a.json ? report_stats_json(c->st, &out) : report_stats_text(c->st, &out);
	return cli_run_report(c, "stats", rc, &out, a.outfile);
}
