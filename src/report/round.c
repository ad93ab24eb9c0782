/*
 * The follow-up round's views: its status (per ministry and state, per
 * goal, overdue, flagged) and an edition as the official table (TSV in
 * the layout of the FY2025 table, which `mdplan import followup` reads).
 */
#include <string.h>

#include "../text/text.h"
#include "report.h"
#include "../base/banned.h"

static const char *const states[REPORT_ROUND_STATES] = {
	"draft", "submitted", "returned", "accepted"
};

const char *report_round_state_name(int i)
{
	return i >= 0 && i < REPORT_ROUND_STATES ? states[i] : NULL;
}

static int state_index(const char *s)
{
	int i;

	for (i = 0; i < REPORT_ROUND_STATES; i++) {
		if (!strcmp(states[i], s))
			return i;
	}
	return 0;
}

int report_round_load(struct store *st, int year, struct arena *a,
		      struct report_round *out)
{
	struct store_filter f;
	struct store_round_row *r;
	struct store_round_entry_row *e;
	struct report_round x;
	int n, ne, i, k, rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round(st, &f, a, &r, &n)))
		return rc;
	if (!n)
		return MD_ENOTFOUND;
	if ((rc = store_load_round_entry(st, &f, a, &e, &ne)))
		return rc;
	memset(&x, 0, sizeof(x));
	x.round = r[0];
	x.entry = e;
	x.nentries = ne;
	x.ministry = arena_alloc(a, sizeof(*x.ministry) * (size_t)(text_ministry_count() + 1));
	x.goal = arena_alloc(a, sizeof(*x.goal) * (size_t)(ne + 1));
	if (!x.ministry || !x.goal)
		return MD_ENOMEM;
	for (i = 0; i < ne; i++) {
		const struct store_round_entry_row *y = &e[i];
		struct report_round_ministry *m = NULL;
		struct report_round_goal *g = NULL;
		int s = state_index(y->state);

		x.states[s]++;
		x.overdue += y->overdue != 0;
		x.flagged += y->flagged != 0;
		if (y->consolidated) {
			x.consolidated[s]++;
		} else {
			for (k = 0; k < x.nministries && strcmp(x.ministry[k].code, y->ministry); k++)
				;
			if (k == x.nministries) {
				if (x.nministries > text_ministry_count())
					continue;
				m = &x.ministry[x.nministries++];
				memset(m, 0, sizeof(*m));
				m->code = y->ministry;
				m->abbrev = y->abbrev;
			} else {
				m = &x.ministry[k];
			}
			m->states[s]++;
			m->entries++;
			m->overdue += y->overdue != 0;
			m->flagged += y->flagged != 0;
		}
		for (k = 0; k < x.ngoals && x.goal[k].goal_no != y->goal_no; k++)
			;
		if (k == x.ngoals) {
			g = &x.goal[x.ngoals++];
			memset(g, 0, sizeof(*g));
			g->goal_no = y->goal_no;
		} else {
			g = &x.goal[k];
		}
		g->entries++;
		g->submitted += s == 1 || s == 3;
		g->accepted += s == 3;
	}
	/* ministries in the table's order (the entries come by item) */
	for (i = 1; i < x.nministries; i++) {
		struct report_round_ministry t = x.ministry[i];
		int ti = text_ministry_find(t.code, strlen(t.code));

		for (k = i; k > 0; k--) {
			const char *c = x.ministry[k - 1].code;

			if (text_ministry_find(c, strlen(c)) <= ti)
				break;
			x.ministry[k] = x.ministry[k - 1];
		}
		x.ministry[k] = t;
	}
	for (i = 1; i < x.ngoals; i++) {
		struct report_round_goal t = x.goal[i];

		for (k = i; k > 0 && x.goal[k - 1].goal_no > t.goal_no; k--)
			x.goal[k] = x.goal[k - 1];
		x.goal[k] = t;
	}
	*out = x;
	return 0;
}

int report_round_status_text(struct store *st, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct report_round r;
	int rc, i, k;

	if (!a)
		return MD_ENOMEM;
	if ((rc = report_round_load(st, year, a, &r)))
		goto out;
	buf_printf(out, "FY%lld round (plan %lld): %s, deadline %s, opened by %s at %s\n",
		   r.round.fiscal_year, r.round.plan_edition, r.round.state,
		   r.round.deadline, r.round.opened_by, r.round.opened_at);
	if (*r.round.remind_days)
		buf_printf(out, "reminder days: %s (days before the deadline)\n",
			   r.round.remind_days);
	else
		buf_puts(out, "reminder days: not set (the server's --remind-days)\n");
	buf_printf(out, "%d entries:", r.nentries);
	for (k = 0; k < REPORT_ROUND_STATES; k++)
		buf_printf(out, " %s %d", states[k], r.states[k]);
	buf_printf(out, "; overdue %d, flagged %d\n\n", r.overdue, r.flagged);
	buf_printf(out, "%-10s %7s %9s %8s %8s %7s %7s\n", "ministry", "draft",
		   "submitted", "returned", "accepted", "overdue", "flagged");
	for (i = 0; i < r.nministries; i++) {
		const struct report_round_ministry *m = &r.ministry[i];

		buf_printf(out, "%-10s %7d %9d %8d %8d %7d %7d\n", m->code, m->states[0],
			   m->states[1], m->states[2], m->states[3], m->overdue, m->flagged);
	}
	buf_printf(out, "%-10s %7d %9d %8d %8d\n", "(◎ consol.)", r.consolidated[0],
		   r.consolidated[1], r.consolidated[2], r.consolidated[3]);
	buf_puts(out, "\ngoal  entries  submitted  accepted\n");
	for (i = 0; i < r.ngoals; i++)
		buf_printf(out, "G%-4lld %7d %10d %9d\n", r.goal[i].goal_no,
			   r.goal[i].entries, r.goal[i].submitted, r.goal[i].accepted);
	for (i = 0; i < r.nentries; i++) {
		const struct store_round_entry_row *e = &r.entry[i];

		if (e->overdue || e->flagged)
			buf_printf(out, "%s A%lld %s (%s)\n", e->flagged ? "flagged" : "overdue",
				   e->item_no, *e->ministry ? e->ministry : "consolidated",
				   e->state);
	}
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}

/* ---- an edition as the official table ---- */

/* Text for a cell's HTML: & < > escaped; tabs and line breaks (which would
 * end the cell) as character references. */
static void cell_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '\t': buf_puts(out, "&#9;"); break;
		case '\n': buf_puts(out, "&#10;"); break;
		case '\r': buf_puts(out, "&#13;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *s);
		}
	}
}

struct blocks_ctx {
	struct buf *out;
	int in_list;
};

static int block_html(void *ctx, const struct store_block_row *b)
{
	struct blocks_ctx *c = ctx;
	int li = !strcmp(b->kind, "li");

	if (li && !c->in_list)
		buf_puts(c->out, "<ul>");
	if (!li && c->in_list)
		buf_puts(c->out, "</ul>");
	c->in_list = li;
	buf_puts(c->out, li ? "<li>" : !strcmp(b->kind, "h") ? "<p><b>" : "<p>");
	cell_text(c->out, b->text);
	buf_puts(c->out, li ? "</li>" : !strcmp(b->kind, "h") ? "</b></p>" : "</p>");
	return 0;
}

struct field_ctx {
	const char *field;
	struct blocks_ctx c;
};

static int field_block(void *ctx, const struct store_block_row *b)
{
	struct field_ctx *x = ctx;

	return strcmp(b->field, x->field) ? 0 : block_html(&x->c, b);
}

static int field_html(struct store *st, long long row, const char *field, struct buf *out)
{
	struct field_ctx x;
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.owner = "edition_row";
	f.id = row;
	x.field = field;
	x.c.out = out;
	x.c.in_list = 0;
	if ((rc = store_each_block(st, &f, field_block, &x)))
		return rc;
	if (x.c.in_list)
		buf_puts(out, "</ul>");
	return 0;
}

/* The edition of year numbered no (0: the latest). */
static int find_edition(struct store *st, int year, int no, struct arena *a,
			struct store_edition_row *out)
{
	struct store_filter f;
	struct store_edition_row *e;
	int n, i, rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_edition(st, &f, a, &e, &n)))
		return rc;
	for (i = n - 1; i >= 0; i--) {
		if (!no || e[i].no == no) {
			*out = e[i];
			return 0;
		}
	}
	return MD_ENOTFOUND;
}

static int goal_heading_of(const struct store_edition_row_row *r, int n, long long goal,
			   const char **out)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!r[i].null.goal_no && r[i].goal_no == goal) {
			*out = r[i].goal_heading;
			return 1;
		}
	}
	return 0;
}

/* The heading of vision no: from a row of the edition, else the plan's. */
static const char *vision_heading_of(const struct store_edition_row_row *r, int n,
				     const struct store_vision_row *vis, int nvis,
				     long long no, struct arena *a)
{
	int k;

	for (k = 0; k < n; k++) {
		if (!r[k].null.vision_no && r[k].vision_no == no)
			return r[k].vision_heading;
	}
	for (k = 0; k < nvis; k++) {
		if (vis[k].no == no)
			return arena_printf(a, "(%lld)「%s」に向けて", no, vis[k].title);
	}
	return "";
}

int report_edition_lines(struct store *st, const struct store_edition_row *ed,
			 const struct store_edition_row_row *r, int n, struct arena *a,
			 struct report_edition_line **out, int *nout)
{
	struct store_filter f;
	struct store_listing_row *ls = NULL;
	struct store_vision_row *vis = NULL;
	struct report_edition_line *l;
	long long plan;
	int nls = 0, nvis = 0, i, k, m = 0, cur = -1, rc;

	memset(&f, 0, sizeof(f));
	if (!store_plan_for_year(st, (int)ed->fiscal_year, &plan)) {
		f.plan = plan;
		if ((rc = store_load_listing(st, &f, a, &ls, &nls)) ||
		    (rc = store_load_vision(st, &f, a, &vis, &nvis)))
			return rc;
	}
	l = arena_alloc(a, sizeof(*l) * (size_t)(n + nls + 1));
	if (!l)
		return MD_ENOMEM;
	/* rows in order; before a row of a goal, the re-listings the plan has
	 * before that goal's own listing; the rest after the last row */
	for (i = 0; i <= n; i++) {
		int to = nls;
		const char *gh;

		if (i < n) {
			if (r[i].null.goal_no) {
				to = -1;   /* unmatched: stays where it is */
			} else {
				for (to = 0; to < nls && (ls[to].relisted ||
							  ls[to].goal_no != r[i].goal_no); to++)
					;
				if (to == nls)
					to = -1;   /* a goal the plan does not list */
			}
		}
		for (k = cur + 1; k < to; k++) {
			if (!ls[k].relisted || !goal_heading_of(r, n, ls[k].goal_no, &gh))
				continue;
			l[m].row = NULL;
			l[m].vision = vision_heading_of(r, n, vis, nvis, ls[k].vision_no, a);
			l[m++].goal = gh;
		}
		if (to > cur && to < nls)
			cur = to;
		if (i < n) {
			l[m].row = &r[i];
			l[m].vision = r[i].vision_heading;
			l[m++].goal = r[i].goal_heading;
		}
	}
	*out = l;
	*nout = m;
	return 0;
}

int report_edition_load(struct store *st, int year, int no, struct arena *a,
			struct report_edition *out)
{
	struct store_filter f;
	struct report_edition x;
	int rc;

	memset(&x, 0, sizeof(x));
	if ((rc = find_edition(st, year, no, a, &x.edition)))
		return rc;
	memset(&f, 0, sizeof(f));
	f.id = x.edition.id;
	if ((rc = store_load_edition_row(st, &f, a, &x.row, &x.nrows)) ||
	    (rc = store_load_edition_change(st, &f, a, &x.change, &x.nchanges)) ||
	    (rc = report_edition_lines(st, &x.edition, x.row, x.nrows, a, &x.line,
				       &x.nlines)))
		return rc;
	*out = x;
	return 0;
}

/* Plain text of a block list, as the XLSX cells hold it: one line a
 * block, a list item after "・". */
struct plain_ctx {
	struct buf *out;
	const char *field;
	int n;
};

static int block_plain(void *ctx, const struct store_block_row *b)
{
	struct plain_ctx *c = ctx;

	if (strcmp(b->field, c->field))
		return 0;
	if (c->n++)
		buf_putc(c->out, '\n');
	if (!strcmp(b->kind, "li"))
		buf_puts(c->out, "・");
	buf_puts(c->out, b->text);
	return 0;
}

int report_edition_cell(struct store *st, long long row, const char *field,
			struct buf *out)
{
	struct plain_ctx c = { out, field, 0 };
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.owner = "edition_row";
	f.id = row;
	return store_each_block(st, &f, block_plain, &c);
}

/* The measure cell of a row: the measure's heading (when shown) and the
 * item with its tag, as the cell's HTML or as plain lines. */
static void item_cell(struct buf *out, const struct store_edition_row_row *x, int heading,
		      int plain)
{
	if (heading) {
		if (plain) {
			buf_puts(out, x->measure_heading);
			buf_putc(out, '\n');
		} else {
			buf_puts(out, "<p><b>");
			cell_text(out, x->measure_heading);
			buf_puts(out, "</b></p>");
		}
	}
	if (!plain)
		buf_puts(out, "<p>");
	if (plain)
		buf_puts(out, x->item_text);
	else
		cell_text(out, x->item_text);
	if (*x->ministries) {
		buf_puts(out, "【");
		if (plain)
			buf_puts(out, x->ministries);
		else
			cell_text(out, x->ministries);
		buf_puts(out, "】");
	}
	if (!plain)
		buf_puts(out, "</p>");
}

static void cell_put(struct buf *out, const char *s, int plain)
{
	if (plain)
		buf_puts(out, s);
	else
		cell_text(out, s);
}

int report_edition_table(struct store *st, const struct report_edition *e, int plain,
			 int (*fn)(void *ctx, enum report_table_kind kind,
				   const char *const cell[4]),
			 void *ctx)
{
	struct buf c[4];
	const char *cells[4];
	const char *vision = NULL, *goal = NULL, *measure = NULL;
	int i, k, rc = 0, year = (int)e->edition.fiscal_year;

#define ROW(kind) do { \
		for (k = 0; k < 4; k++) { \
			if ((rc = buf_error(&c[k]))) \
				goto out; \
			cells[k] = c[k].ptr; \
		} \
		if ((rc = fn(ctx, (kind), cells))) \
			goto out; \
		for (k = 0; k < 4; k++) \
			buf_reset(&c[k]); \
	} while (0)

	for (k = 0; k < 4; k++)
		buf_init(&c[k], (size_t)16 << 20);
	/* the header names the year as the FY2025 table does: 令和7年度の実績・状況 */
	text_era_fy_ja(year, &c[2]);
	buf_puts(&c[2], "の実績・状況");
	text_era_fy_ja(year + 1, &c[3]);
	buf_puts(&c[3], "の取組予定");
	ROW(REPORT_TABLE_HEADER);
	for (i = 0; i < e->nlines; i++) {
		const struct report_edition_line *l = &e->line[i];
		const struct store_edition_row_row *x = l->row;

		if (*l->vision && (!vision || strcmp(vision, l->vision))) {
			if (!plain)
				buf_puts(&c[0], "<b>");
			cell_put(&c[0], l->vision, plain);
			if (!plain)
				buf_puts(&c[0], "</b>");
			ROW(REPORT_TABLE_VISION);
			vision = l->vision;
			goal = measure = NULL;
		}
		if (!x) {
			/* a re-listed goal: its heading marked (再掲) and a
			 * "(上記参照)" row, as the FY2025 table has them */
			cell_put(&c[1], l->goal, plain);
			buf_puts(&c[1], "(再掲)");
			ROW(REPORT_TABLE_RELISTED);
			buf_puts(&c[1], "(上記参照)");
			ROW(REPORT_TABLE_SEE_ABOVE);
			goal = measure = NULL;
			continue;
		}
		if (*l->goal && (!goal || strcmp(goal, l->goal))) {
			cell_put(&c[1], l->goal, plain);
			ROW(REPORT_TABLE_GOAL);
			goal = l->goal;
			measure = NULL;
		}
		/* the measure's heading before its first row (and before an
		 * untagged row: without it the reader would take the row for a
		 * heading) */
		if (*x->measure_heading && (!measure || strcmp(measure, x->measure_heading) ||
					    !*x->ministries)) {
			item_cell(&c[1], x, 1, plain);
			measure = x->measure_heading;
		} else {
			item_cell(&c[1], x, 0, plain);
		}
		if (plain) {
			if ((rc = report_edition_cell(st, x->id, "results", &c[2])) ||
			    (rc = report_edition_cell(st, x->id, "plans", &c[3])))
				goto out;
		} else if ((rc = field_html(st, x->id, "results", &c[2])) ||
			   (rc = field_html(st, x->id, "plans", &c[3]))) {
			goto out;
		}
		ROW(REPORT_TABLE_ROW);
	}
out:
	for (k = 0; k < 4; k++)
		buf_release(&c[k]);
	return rc;
#undef ROW
}

static int tsv_row(void *ctx, enum report_table_kind kind, const char *const cell[4])
{
	struct buf *out = ctx;

	(void)kind;
	buf_printf(out, "%s\t%s\t%s\t%s\n", cell[0], cell[1], cell[2], cell[3]);
	return buf_error(out);
}

int report_edition_tsv(struct store *st, int year, int no, struct buf *out)
{
	struct arena *a = arena_new();
	struct report_edition e;
	int rc;

	if (!a)
		return MD_ENOMEM;
	if (!(rc = report_edition_load(st, year, no, a, &e)))
		rc = report_edition_table(st, &e, 0, tsv_row, out);
	arena_free(a);
	return rc;
}

int report_editions_text(struct store *st, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct store_edition_row *e;
	struct store_edition_change_row *c;
	struct store_filter f;
	int n, nc, i, k, rc;

	if (!a)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_edition(st, &f, a, &e, &n)))
		goto out;
	for (i = 0; i < n; i++) {
		buf_printf(out, "FY%lld edition %lld: published %s by %s, from the %s, %lld rows,"
			   " sha256 %s\n", e[i].fiscal_year, e[i].no, e[i].published_at,
			   e[i].published_by, !strcmp(e[i].origin, "round") ? "round" :
			   "imported table", e[i].rows, e[i].sha256);
		memset(&f, 0, sizeof(f));
		f.id = e[i].id;
		if ((rc = store_load_edition_change(st, &f, a, &c, &nc)))
			goto out;
		for (k = 0; k < nc; k++)
			buf_printf(out, "  %s A%lld%s%s 「%s」\n", c[k].change, c[k].item_no,
				   *c[k].fields ? " " : "", c[k].fields, c[k].item_text);
	}
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}
