#include <string.h>

#include "cli.h"

int cmd_show(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("show");
	struct view_args a;
	struct buf out = BUF_INIT;
	int rc = cli_view_args(self, argc, argv, &a, 1), no;

	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error(self, "need an ID such as M12, A40 or item#123");
	if ((rc = cli_year_has_data(c, self, a.o.year)))
		return rc;
	rc = report_show(c->st, a.pos[0], &a.o, &out);
	if (rc == MD_EINPUT && !num_parse_int(a.pos[0], 1, 1000000, &no)) {
		/* a bare number: measure or action item? */
		buf_reset(&out);
		rc = report_show_choices(c->st, no, &out);
		if (rc < 0) {
			buf_release(&out);
			return cli_fail(c, a.pos[0], rc);
		}
		if (rc == 2)
			fprintf(stderr, "mdplan show: '%s' is ambiguous: write M%d for the measure "
				"or A%d for the action item\n%s", a.pos[0], no, no, out.ptr);
		else if (rc == 1)
			fprintf(stderr, "mdplan show: '%s' is not an ID (a bare number could be a "
				"measure or an action item); did you mean\n%s", a.pos[0], out.ptr);
		else
			fprintf(stderr, "mdplan show: there is no measure M%d and no action item "
				"A%d\n", no, no);
		buf_release(&out);
		return EXIT_USAGE;
	}
	if (rc == MD_EUSAGE) {
		buf_release(&out);
		return cli_usage_error(self, "'%s' is not an ID (expected M12, A40 "
				       "or item#123)",
				       a.pos[0]);
	}
	return cli_run_report(c, a.pos[0], rc, &out, a.outfile);
}
