/* Shared by the viewing commands: option parsing and output. */
#include <errno.h>
#include <string.h>

#include "../text/text.h"
#include "cli.h"

int cli_view_args(const struct cmd *self, int argc, char **argv,
		  struct view_args *a, int max_pos)
{
	const char *v;
	int i, m;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--year", &v))) {
			if (m < 0 || cli_year(v, &a->o.year))
				return cli_usage_error(self, "--year takes R7, 令和7年度, "
						       "FY2025 or 2025");
		} else if ((m = cli_opt(argc, argv, &i, "--ministry", &v))) {
			if (m < 0 || !(a->o.ministry = text_ministry_code(v)))
				return cli_usage_error(self, "--ministry takes 内官 内 総 文 "
						       "厚 経 or a ministry name");
		} else if ((m = cli_opt(argc, argv, &i, "--goal", &v))) {
			if (m < 0 || num_parse_int(v, 1, 1000, &a->o.goal))
				return cli_usage_error(self, "--goal takes a goal number");
		} else if ((m = cli_opt(argc, argv, &i, "-o", &v))) {
			if (m < 0)
				return cli_usage_error(self, "-o needs a file name");
			a->outfile = v;
		} else if (!strcmp(argv[i], "--lead")) {
			a->o.lead = 1;
		} else if (!strcmp(argv[i], "--items")) {
			a->o.items = 1;
		} else if (!strcmp(argv[i], "--en")) {
			a->o.en = 1;
		} else if (!strcmp(argv[i], "--json")) {
			a->json = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (a->npos < max_pos) {
			a->pos[a->npos++] = argv[i];
		} else {
			return cli_usage_error(self, "unexpected argument '%s'", argv[i]);
		}
	}
	if (a->o.lead && !a->o.ministry)
		return cli_usage_error(self, "--lead goes with --ministry");
	return EXIT_OK;
}

int cli_run_report(struct cli *c, const char *what, int rc, struct buf *out,
		   const char *outfile)
{
	FILE *f;

	if (rc) {
		buf_release(out);
		return cli_fail(c, what, rc);
	}
	if (!outfile || !strcmp(outfile, "-")) {
		rc = cli_write(out);
		buf_release(out);
		return rc;
	}
	f = fopen(outfile, "wb");
	if (!f || fwrite(out->ptr, 1, out->len, f) != out->len || fclose(f)) {
		fprintf(stderr, "mdplan: %s: %s\n", outfile, strerror(errno));
		buf_release(out);
		return EXIT_INPUT;
	}
	buf_release(out);
	return EXIT_OK;
}

int cli_year_has_data(struct cli *c, const struct cmd *self, int year)
{
	int years[64], n, i;
	struct buf ja = BUF_INIT;

	if (!year)
		return EXIT_OK;
	n = report_years(c->st, years, (int)MD_ARRAY_SIZE(years));
	if (n < 0)
		return cli_fail(c, self->name, n);
	for (i = 0; i < n; i++) {
		if (years[i] == year)
			return EXIT_OK;
	}
	text_era_fy_ja(year, &ja);
	fprintf(stderr, "mdplan %s: there is no follow-up for %s (FY%d)", self->name,
		ja.ptr, year);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s%d", i ? ", " : "; the database has FY", i ? "FY" : "",
			years[i]);
	fprintf(stderr, n ? "\n" : "; the database has none yet\n");
	buf_release(&ja);
	return EXIT_INPUT;
}
