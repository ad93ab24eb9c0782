/*
 * The follow-up data views the pages, the server, publish and the XLSX
 * share: the fiscal years with follow-up, and one year's table in the
 * plan's order.
 */
#include <string.h>

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

/* ---- the year table in the plan's order ---- */

struct year_ctx {
	struct store_export_row *all, *sel;
	int nall, nsel;
	struct store_export_row **shown;  /* all[i]'s row in sel, or NULL */
	long long *home;                  /* the goal all[i] goes under, 0: none */
	unsigned char *displaced, *placed;
	struct report_line *line;
	int n;
};

/* The goal of the table's section [s, e): the goal of most of its matched
 * rows (the first of them on a tie), 0 when none is matched. */
static long long section_goal(const struct year_ctx *c, int s, int e)
{
	long long best = 0;
	int i, j, most = 0;

	for (i = s; i < e; i++) {
		int k = 0;

		if (c->all[i].null.goal_no)
			continue;
		for (j = s; j < e; j++)
			k += !c->all[j].null.goal_no && c->all[j].goal_no == c->all[i].goal_no;
		if (k > most) {
			most = k;
			best = c->all[i].goal_no;
		}
	}
	return best;
}

static void place(struct year_ctx *c)
{
	int s = 0, e, i;

	while (s < c->nall) {
		long long g;

		for (e = s + 1; e < c->nall && !strcmp(c->all[e].section, c->all[s].section); e++)
			;
		g = section_goal(c, s, e);
		for (i = s; i < e; i++) {
			if (!c->all[i].null.goal_no) {
				c->home[i] = c->all[i].goal_no;
				c->displaced[i] = c->all[i].goal_no != g;
			} else {
				c->home[i] = g;
			}
		}
		s = e;
	}
	/* unmatched rows of a section nothing matched: beside the row before
	 * them in the table (or after them, at the start) */
	for (i = 1; i < c->nall; i++) {
		if (!c->home[i])
			c->home[i] = c->home[i - 1];
	}
	for (i = c->nall - 2; i >= 0; i--) {
		if (!c->home[i])
			c->home[i] = c->home[i + 1];
	}
}

static struct report_line *add_line(struct year_ctx *c, enum report_line_kind k)
{
	struct report_line *l = &c->line[c->n++];

	memset(l, 0, sizeof(*l));
	l->kind = k;
	return l;
}

static void add_row(struct year_ctx *c, int i)
{
	c->placed[i] = 1;
	if (c->shown[i])
		add_line(c, REPORT_LINE_ROW)->row = c->shown[i];
}

/* The unplaced row of goal no that the table put under another goal, with
 * the lowest item number, or -1. */
static int next_displaced(const struct year_ctx *c, long long no)
{
	int j, next = -1;

	for (j = 0; j < c->nall; j++) {
		if (c->home[j] == no && c->displaced[j] && !c->placed[j] &&
		    (next < 0 || c->all[j].item_no < c->all[next].item_no))
			next = j;
	}
	return next;
}

/* The rows of goal no: the table's order, and the rows the table put under
 * another goal merged in by the plan's order of items. */
static void goal_rows(struct year_ctx *c, long long no)
{
	int i, j;

	for (i = 0; i < c->nall; i++) {
		const struct store_export_row *r = &c->all[i];

		if (c->home[i] != no || c->placed[i] || c->displaced[i])
			continue;
		while (!r->null.item_no && (j = next_displaced(c, no)) >= 0 &&
		       c->all[j].item_no < r->item_no)
			add_row(c, j);
		add_row(c, i);
	}
	while ((j = next_displaced(c, no)) >= 0)
		add_row(c, j);
}

/* Whether goal no has a row to show. */
static int goal_shown(const struct year_ctx *c, long long no)
{
	int i;

	for (i = 0; i < c->nall; i++) {
		if (c->home[i] == no && c->shown[i])
			return 1;
	}
	return 0;
}

int report_year_table(struct store *st, int fy, const char *ministry, int lead,
		      struct arena *a, struct report_year *out)
{
	struct store_filter f;
	struct store_listing_row *ls;
	struct store_vision_row *vis;
	struct year_ctx c;
	long long vision = -1, goal = -1;
	const char *text = NULL;
	int rc, nls, nvis, i, j, k;

	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	f.year = fy;
	if ((rc = store_load_listing(st, &f, a, &ls, &nls)) ||
	    (rc = store_load_vision(st, NULL, a, &vis, &nvis)) ||
	    (rc = store_load_export(st, &f, a, &c.all, &c.nall)))
		return rc;
	c.sel = c.all;
	c.nsel = c.nall;
	f.ministry = ministry;
	f.lead = lead;
	if (ministry && (rc = store_load_export(st, &f, a, &c.sel, &c.nsel)))
		return rc;
	k = c.nall ? c.nall : 1;
	c.shown = arena_alloc(a, sizeof(*c.shown) * (size_t)k);
	c.home = arena_alloc(a, sizeof(*c.home) * (size_t)k);
	c.displaced = arena_alloc(a, (size_t)k);
	c.placed = arena_alloc(a, (size_t)k);
	c.line = arena_alloc(a, sizeof(*c.line) * (size_t)(2 * nls + nvis + 2 * k));
	if (!c.shown || !c.home || !c.displaced || !c.placed || !c.line)
		return MD_ENOMEM;
	memset(c.home, 0, sizeof(*c.home) * (size_t)k);
	memset(c.displaced, 0, (size_t)k);
	memset(c.placed, 0, (size_t)k);
	/* both lists are in the table's order */
	for (i = j = 0; i < c.nall; i++) {
		c.shown[i] = j < c.nsel && c.sel[j].id == c.all[i].id ? &c.sel[j++] : NULL;
	}
	place(&c);
	for (i = 0; i < nls; i++) {
		const struct store_listing_row *l = &ls[i];
		struct report_line *h;

		if (!goal_shown(&c, l->goal_no))
			continue;
		if (l->vision_no != vision) {
			vision = l->vision_no;
			h = add_line(&c, REPORT_LINE_VISION);
			h->vision_no = vision;
			for (j = 0; j < nvis; j++) {
				if (vis[j].no == vision)
					h->title = vis[j].title;
			}
		}
		h = add_line(&c, l->relisted ? REPORT_LINE_RELISTED : REPORT_LINE_GOAL);
		h->vision_no = vision;
		h->goal_no = l->goal_no;
		h->title = l->title;
		if (!l->relisted)
			goal_rows(&c, l->goal_no);
	}
	/* what the plan does not list, in the table's order, under the
	 * table's own goal headings */
	for (i = 0; i < c.nall; i++) {
		const struct store_export_row *r = &c.all[i];
		long long g = r->null.goal_no ? 0 : r->goal_no;
		const char *t = g ? r->goal : r->section;

		if (c.placed[i] || !c.shown[i])
			continue;
		if (g != goal || !text || strcmp(t, text)) {
			struct report_line *h = add_line(&c, REPORT_LINE_GOAL);

			h->vision_no = r->null.vision_no ? 0 : r->vision_no;
			h->goal_no = goal = g;
			h->title = text = t;
		}
		add_row(&c, i);
	}
	out->line = c.line;
	out->n = c.n;
	out->rows = c.nsel;
	return 0;
}
