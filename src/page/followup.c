/*
 * Follow-up (フォローアップ) pages: the list of fiscal years, one year's
 * table in the official layout, and what changed in an item's follow-up
 * text between years.
 */
#include <string.h>

#include "internal.h"

int page_followups(struct store *st, const struct page *p, struct buf *out)
{
	struct pg g;
	struct store_followup_stat_row *stats;
	struct crumb c[2];
	struct html *h = g.h;
	int rc, i, n;

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = store_load_followup_stat(st, NULL, g.a, &stats, &n)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_NAV_FOLLOWUP);
	pg_head(&g, M(&g, MSG_FOLLOWUPS_TITLE), c, 2);
	if (!n) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_NO_FOLLOWUP_YET);
		H_RAW(h, "</p>\n");
	}
	for (i = n - 1; i >= 0; i--) {
		const struct store_followup_stat_row *s = &stats[i];
		int fy = (int)s->fiscal_year;

		H_RAW(h, "<section><h2>");
		pg_link(&g, pg_fmt(&g, "followups/%d/", fy), pg_fy(&g, fy));
		H_RAW(h, "</h2>\n<p>");
		html_msgf(h, MSG_FOLLOWUP_STATS_F, s->entries, s->with_results,
			  s->with_plans, s->items_covered, s->unmatched);
		H_RAW(h, "</p>\n");
		pg_downloads(&g, fy, NULL);
		H_RAW(h, "</section>\n");
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* Whether fiscal year fy has follow-up rows. */
static int has_year(const struct pg *g, int fy)
{
	int i;

	for (i = 0; i < g->ny; i++) {
		if (g->years[i] == fy)
			return 1;
	}
	return 0;
}

static void year_row(struct pg *g, const struct store_export_row *r,
		     const struct store_year_block_row *bl, int nbl)
{
	struct html *h = g->h;

	H_RAW(h, "<tr><td data-label=\"");
	html_attr(h, M(g, MSG_MEASURE_AND_ITEM));
	H_RAW(h, "\">");
	if (!r->null.measure_no) {
		H_RAW(h, "<p class=\"meta\">");
		html_text(h, pg_fmt(g, "%s %s", pg_measure_label(g, r->measure_no), r->measure));
		H_RAW(h, "</p>");
	}
	H_RAW(h, "<p>");
	if (!r->null.item_no) {
		pg_link(g, pg_fmt(g, "items/%lld/", r->item_no), pg_item_label(g, r->item_no));
		H_RAW(h, " ");
	} else if (!r->null.retired_item) {
		/* its item is no longer in the plan: the row stays with it */
		H_RAW(h, "<span class=\"meta\">");
		pg_link(g, pg_fmt(g, "items/id/%lld/", r->retired_item), M(g, MSG_RETIRED_ITEM));
		H_RAW(h, "</span> ");
	} else {
		H_RAW(h, "<span class=\"meta\">");
		html_msg(h, MSG_NOT_MATCHED);
		H_RAW(h, "</span> ");
	}
	html_text(h, r->item);
	H_RAW(h, "</p><p>");
	pg_ministries(g, r->ministries);
	H_RAW(h, "</p></td><td data-label=\"");
	html_attr(h, M(g, MSG_RESULTS_SHORT));
	H_RAW(h, "\">");
	pg_blocks_of(g, bl, nbl, r->id, "results");
	H_RAW(h, "</td><td data-label=\"");
	html_attr(h, M(g, MSG_PLANS));
	H_RAW(h, "\">");
	pg_blocks_of(g, bl, nbl, r->id, "plans");
	H_RAW(h, "</td></tr>\n");
}

/* The anchor of a heading line: "v1", "g7", "v3-g7" (a re-listing). */
static const char *line_id(struct pg *g, const struct report_line *l)
{
	switch (l->kind) {
	case REPORT_LINE_VISION:
		return pg_fmt(g, "v%lld", l->vision_no);
	case REPORT_LINE_GOAL:
		return l->goal_no ? pg_fmt(g, "g%lld", l->goal_no) : NULL;
	case REPORT_LINE_RELISTED:
		return pg_fmt(g, "v%lld-g%lld", l->vision_no, l->goal_no);
	default:
		return NULL;
	}
}

static const char *line_title(struct pg *g, const struct report_line *l)
{
	if (l->kind == REPORT_LINE_VISION)
		return pg_fmt(g, "%s %s", pg_vision_label(g, l->vision_no), l->title);
	if (!l->goal_no)
		return l->title;
	return pg_fmt(g, "%s %s", pg_goal_label(g, l->goal_no), l->title);
}

/* The table of contents: the visions and goals of the table, linked to
 * their headings. */
static void year_toc(struct pg *g, const struct report_year *y)
{
	struct html *h = g->h;
	int i, open = 0;

	H_RAW(h, "<nav class=\"toc noprint\" aria-labelledby=\"toc\"><h2 id=\"toc\">");
	html_msg(h, MSG_TOC);
	H_RAW(h, "</h2>\n<ol>");
	for (i = 0; i < y->n; i++) {
		const struct report_line *l = &y->line[i];
		const char *id = line_id(g, l);

		if (l->kind == REPORT_LINE_ROW || !id)
			continue;
		if (l->kind == REPORT_LINE_VISION) {
			if (open)
				H_RAW(h, "</ol></li>\n");
			H_RAW(h, "<li>");
		} else {
			if (!open)
				H_RAW(h, "<li>");   /* goals before any vision */
			if (open < 2)
				H_RAW(h, "<ol>");
			H_RAW(h, "<li>");
		}
		H_RAW(h, "<a href=\"#");
		html_attr(h, id);
		H_RAW(h, "\">");
		html_text(h, line_title(g, l));
		if (l->kind == REPORT_LINE_RELISTED)
			html_msg(h, MSG_RELISTED_AFTER);
		H_RAW(h, "</a>");
		if (l->kind == REPORT_LINE_VISION) {
			open = 1;
		} else {
			H_RAW(h, "</li>");
			open = 2;
		}
	}
	if (open == 2)
		H_RAW(h, "</ol>");
	if (open)
		H_RAW(h, "</li>");
	H_RAW(h, "</ol></nav>\n");
}

/* The same year's table for every ministry (the one shown marked). */
static void year_ministries(struct pg *g, int fy, const char *ministry,
			    const struct store_ministry_row *mi, int nmi)
{
	struct html *h = g->h;
	int i;

	H_RAW(h, "<nav class=\"by-ministry noprint\" aria-labelledby=\"bymin\"><h2 id=\"bymin\">");
	html_msg(h, MSG_YEAR_BY_MINISTRY);
	H_RAW(h, "</h2>\n<ul><li>");
	if (ministry) {
		pg_link(g, pg_fmt(g, "followups/%d/", fy), M(g, MSG_ALL_MINISTRIES));
	} else {
		H_RAW(h, "<span aria-current=\"page\">");
		html_msg(h, MSG_ALL_MINISTRIES);
		H_RAW(h, "</span>");
	}
	H_RAW(h, "</li>");
	for (i = 0; i < nmi; i++) {
		const char *name = g->p->en ? mi[i].name_en : mi[i].name_ja;

		H_RAW(h, "<li>");
		if (ministry && !strcmp(ministry, mi[i].code)) {
			H_RAW(h, "<span aria-current=\"page\">");
			html_text(h, name);
			H_RAW(h, "</span>");
		} else {
			pg_link(g, pg_fmt(g, "followups/%d/%s/", fy, mi[i].code), name);
		}
		H_RAW(h, "</li>");
	}
	H_RAW(h, "</ul></nav>\n");
}

/* A heading line of the table. */
static void year_heading(struct pg *g, const struct report_line *l)
{
	struct html *h = g->h;
	const char *id = line_id(g, l);

	if (l->kind == REPORT_LINE_VISION)
		H_RAW(h, "<tr class=\"vision\"");
	else if (l->kind == REPORT_LINE_RELISTED)
		H_RAW(h, "<tr class=\"goal relisted\"");
	else
		H_RAW(h, "<tr class=\"goal\"");
	if (id) {
		H_RAW(h, " id=\"");
		html_attr(h, id);
		H_RAW(h, "\"");
	}
	H_RAW(h, "><th colspan=\"3\" scope=\"colgroup\">");
	if (l->kind != REPORT_LINE_VISION && l->goal_no)
		pg_link(g, pg_fmt(g, "goals/%lld/", l->goal_no), line_title(g, l));
	else
		html_text(h, line_title(g, l));
	if (l->kind == REPORT_LINE_RELISTED) {
		html_msg(h, MSG_RELISTED_AFTER);
		H_RAW(h, "</th></tr>\n<tr class=\"see-above\"><td colspan=\"3\"><a href=\"");
		html_url(h, pg_fmt(g, "#g%lld", l->goal_no));
		H_RAW(h, "\">");
		html_msg(h, MSG_SEE_ABOVE);
		H_RAW(h, "</a></td></tr>\n");
		return;
	}
	H_RAW(h, "</th></tr>\n");
}

int page_year(struct store *st, const struct page *p, int fy,
	      const char *ministry, struct buf *out)
{
	struct pg g;
	struct store_filter f;
	struct store_ministry_row *mi;
	struct store_year_block_row *bl;
	struct report_year y;
	const char *mname = NULL;
	struct html *h = g.h;
	int rc, i, nmi, nbl;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = store_load_ministry(st, NULL, g.a, &mi, &nmi)))
		return pg_close(&g, rc);
	if (ministry) {
		for (i = 0; i < nmi; i++) {
			if (!strcmp(mi[i].code, ministry))
				mname = p->en ? mi[i].name_en : mi[i].name_ja;
		}
		if (!mname)
			return pg_close(&g, MD_ENOTFOUND);
	}
	if (!has_year(&g, fy))
		return pg_close(&g, MD_ENOTFOUND);
	memset(&f, 0, sizeof(f));
	f.year = fy;
	if ((rc = store_load_year_block(st, &f, g.a, &bl, &nbl)) ||
	    (rc = report_year_table(st, fy, ministry, 0, g.a, &y)))
		return pg_close(&g, rc);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ "followups/", M(&g, MSG_NAV_FOLLOWUP) },
			{ ministry ? pg_fmt(&g, "followups/%d/", fy) : NULL, pg_fy(&g, fy) },
			{ NULL, mname },
		};
		pg_head(&g, mname ? pg_fmt(&g, p->en ? "%s follow-up: %s" :
					   "%sフォローアップ（%s）", pg_fy(&g, fy), mname) :
			pg_fmt(&g, p->en ? "%s follow-up" : "%sフォローアップ", pg_fy(&g, fy)),
			c, ministry ? 4 : 3);
	}
	if ((rc = pg_edition_note(&g, fy)))
		return pg_close(&g, rc);
	pg_downloads(&g, fy, ministry);
	year_ministries(&g, fy, ministry, mi, nmi);
	if (y.rows)
		year_toc(&g, &y);
	H_RAW(h, "<div class=\"print-landscape\">\n<table class=\"fy\">\n<caption class=\"sr\">");
	html_text(h, pg_fy(&g, fy));
	html_msg(h, MSG_FOLLOWUP_TABLE);
	H_RAW(h, "</caption>\n<colgroup><col class=\"c-item\"><col class=\"c-text\">"
	      "<col class=\"c-text\"></colgroup>\n<thead><tr><th scope=\"col\">");
	html_msg(h, MSG_MEASURE_AND_ITEM_MINISTRIES);
	H_RAW(h, "</th><th scope=\"col\">");
	pg_label_fy(&g, MSG_RESULTS, fy);
	H_RAW(h, "</th><th scope=\"col\">");
	pg_label_fy(&g, MSG_PLANS, fy + 1);
	H_RAW(h, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < y.n; i++) {
		if (y.line[i].kind == REPORT_LINE_ROW)
			year_row(&g, y.line[i].row, bl, nbl);
		else
			year_heading(&g, &y.line[i]);
	}
	if (!y.rows) {
		H_RAW(h, "<tr><td colspan=\"3\" class=\"none\">");
		html_msg(h, MSG_NO_ROWS);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody>\n</table>\n</div>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- what changed between years ---- */

static int diff_field(struct pg *g, long long from_id, long long to_id,
		      const char *field, enum msg label)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct html *h = g->h;
	int rc;

	if (!(rc = report_blocks_plain(g->st, "followup", from_id, field, &a)) &&
	    !(rc = report_blocks_plain(g->st, "followup", to_id, field, &b))) {
		H_RAW(h, "<h3>");
		html_msg(h, label);
		H_RAW(h, "</h3>\n");
		if (!strcmp(a.ptr, b.ptr)) {
			H_RAW(h, "<p class=\"none\">");
			html_msg(h, MSG_NO_CHANGE);
			H_RAW(h, "</p>\n");
		} else {
			H_RAW(h, "<div class=\"diff\"><p>");
			rc = html_diff(h, a.ptr, b.ptr);
			H_RAW(h, "</p></div>\n");
		}
	}
	buf_release(&a);
	buf_release(&b);
	return rc;
}

int page_changes(struct store *st, const struct page *p, int no, int from,
		 int to, struct buf *out)
{
	struct pg g;
	struct store_item_row *it;
	struct store_followup_row *fu;
	struct html *h = g.h;
	int rc, i, pairs = 0, nfu;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((from || to) && (from <= 0 || to <= 0 || from >= to))
		return pg_close(&g, MD_EINPUT);
	if ((rc = pg_item_head(&g, no, 0, M(&g, MSG_CHANGES_TITLE), &it, &fu, &nfu)))
		return pg_close(&g, rc);
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_CHANGES_HELP);
	H_RAW(h, "</p>\n");
	for (i = 1; i < nfu; i++) {
		int a = (int)fu[i - 1].fiscal_year, b = (int)fu[i].fiscal_year;
		int ra = i - 1, rb = i;

		if (from || to) {
			ra = pg_fu_row(fu, nfu, from);
			rb = pg_fu_row(fu, nfu, to);
			if (ra < 0 || rb < 0)
				break;
			a = from;
			b = to;
			i = nfu;   /* one pair only */
		}
		pairs++;
		H_RAW(h, "<section><h2>");
		html_fy(h, a);
		H_RAW(h, " → ");
		html_fy(h, b);
		H_RAW(h, "</h2>\n");
		if ((rc = diff_field(&g, fu[ra].id, fu[rb].id, "results", MSG_RESULTS)) ||
		    (rc = diff_field(&g, fu[ra].id, fu[rb].id, "plans", MSG_PLANS)))
			return pg_close(&g, rc);
		H_RAW(h, "</section>\n");
	}
	if (!pairs) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_NO_TWO_YEARS);
		H_RAW(h, "</p>\n");
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}
