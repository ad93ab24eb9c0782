/*
 * The fiscal years with follow-up (a data view the pages, the server and
 * publish share).
 */
#include "report.h"

/* ---- fiscal years ---- */

struct years_ctx {
	int *years, max, n;
};

static int year_row(void *ctx, const struct store_fiscal_year_row *r)
{
	struct years_ctx *c = ctx;

	if (c->n < c->max)
		c->years[c->n++] = (int)r->fiscal_year;
	return 0;
}

int report_years(struct store *st, int *years, int max)
{
	struct years_ctx c = { years, max, 0 };
	int rc = store_each_fiscal_year(st, NULL, year_row, &c);

	return rc ? rc : c.n;
}
