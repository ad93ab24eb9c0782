#include "cli.h"

int cmd_show(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("show");
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(self, argc, argv, &a, 1);

	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error(self, "need an ID such as M12, A40 or item#123");
	rc = report_show(c->st, a.pos[0], &a.o, &out);
	if (rc == MD_EUSAGE) {
		buf_release(&out);
		return cli_usage_error(self, "'%s' is not an ID (expected M12, A40, 12 "
				       "or item#123)",
				       a.pos[0]);
	}
	return cli_run_report(c, a.pos[0], rc, &out, a.outfile);
}
