/*
 * Ministry (府省) pages: the list, and one ministry with the items it
 * leads and shares and its follow-up tables.
 */
#include <string.h>

#include "internal.h"

/* "A23（報告なし）、A51（実績未記入）": the items of a comma list, linked,
 * with why; *first says whether a separator is due. */
static void item_list(struct pg *g, const char *nos, enum msg why, int *first)
{
	struct html *h = g->h;

	while (*nos) {
		size_t w = strcspn(nos, ",");
		long long no = 0;
		size_t k;

		for (k = 0; k < w; k++)
			no = no * 10 + (nos[k] - '0');
		if (!*first)
			html_msg(h, MSG_LIST_SEP);
		*first = 0;
		pg_link(g, pg_fmt(g, "items/%lld/", no), pg_fmt(g, "A%lld", no));
		html_msg(h, MSG_PAREN_OPEN);
		html_msg(h, why);
		html_msg(h, MSG_PAREN_CLOSE);
		nos += w + (nos[w] == ',');
	}
}

/* Which items of r have no results: linked, no report first. */
static void without_results(struct pg *g, const struct store_reporting_row *r)
{
	int first = 1;

	if (!*r->missing && !*r->empty) {
		H_RAW(g->h, "<span class=\"none\">");
		html_msg(g->h, MSG_ALL_HAVE_RESULTS);
		H_RAW(g->h, "</span>");
		return;
	}
	item_list(g, r->missing, MSG_NO_ROW_SHORT, &first);
	item_list(g, r->empty, MSG_EMPTY_ROW_SHORT, &first);
}

int pg_reporting(struct pg *g, int fy, const char *ministry, int heading)
{
	struct store_reporting_row *r;
	struct store_filter f;
	struct html *h = g->h;
	int rc, i, n;

	if (!fy)
		return 0;
	memset(&f, 0, sizeof(f));
	f.year = fy;
	f.ministry = ministry;
	if ((rc = store_load_reporting(g->st, &f, g->a, &r, &n)))
		return rc;
	H_FMT(h, "<section aria-labelledby=\"rep%d\"><h%d id=\"rep%d\">", fy, heading, fy);
	pg_label_fy(g, MSG_REPORTING_TITLE, fy);
	H_FMT(h, "</h%d>\n<p class=\"meta\">", heading);
	html_msg(h, MSG_REPORTING_INTRO);
	H_RAW(h, "</p>\n");
	pg_region(g, pg_fmt(g, "%s %s", M(g, MSG_REPORTING_TITLE), pg_fy(g, fy)));
	H_RAW(h, "<table class=\"reporting\"><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_MINISTRY);
	H_RAW(h, "</th><th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_WITH_RESULTS);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_WITHOUT_RESULTS);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		if (!r[i].items)   /* a ministry with no items in this plan */
			continue;
		H_RAW(h, "<tr><th scope=\"row\">");
		if (*r[i].code)
			pg_link(g, pg_fmt(g, "ministries/%s/", r[i].code),
				g->p->en ? r[i].name_en : r[i].name_ja);
		else
			html_msg(h, MSG_ITEMS_NO_MINISTRY);
		H_RAW(h, "</th><td class=\"n\">");
		html_msgf(h, MSG_REPORTED_OF_F, r[i].reported, r[i].items);
		H_RAW(h, "</td><td class=\"items\">");
		without_results(g, &r[i]);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n</section>\n");
	return 0;
}

int page_ministries(struct store *st, const struct page *p, struct buf *out)
{
	struct pg g;
	struct store_ministry_row *mi;
	struct crumb c[2];
	struct html *h = g.h;
	int rc, i, n;

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = store_load_ministry(st, NULL, g.a, &mi, &n)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_NAV_MINISTRIES);
	pg_head(&g, M(&g, MSG_MINISTRIES_TITLE), c, 2);
	H_RAW(h, "<table><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_MINISTRY);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_ABBREV);
	H_RAW(h, "</th><th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_ITEMS_INVOLVED);
	H_RAW(h, "</th><th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_OF_WHICH_LEAD);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(&g, pg_fmt(&g, "ministries/%s/", mi[i].code),
			p->en ? mi[i].name_en : mi[i].name_ja);
		H_RAW(h, "</th><td>");
		html_text(h, mi[i].abbrev);
		H_FMT(h, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
		      mi[i].involved, mi[i].lead);
	}
	H_RAW(h, "</tbody></table>\n");
	for (i = g.ny - 1; i >= 0; i--) {
		if ((rc = pg_reporting(&g, g.years[i], NULL, 2)))
			return pg_close(&g, rc);
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

static void items_table(struct pg *g, const struct store_item_row *it, int nit,
			int lead)
{
	struct html *h = g->h;
	int i, n = 0;

	H_RAW(h, "<table><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_ACTION_ITEM);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_MEASURE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_MINISTRIES);
	H_RAW(h, "</th>");
	if (g->fy) {
		H_RAW(h, "<th scope=\"col\">");
		html_fy(h, g->fy);
		H_RAW(h, "</th>");
	}
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < nit; i++) {
		const struct store_item_row *r = &it[i];

		if ((r->ministry_lead != 0) != lead)
			continue;
		n++;
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(g, pg_fmt(g, "items/%lld/", r->no), pg_item_label(g, r->no));
		H_RAW(h, "<br>");
		html_text(h, r->text);
		H_RAW(h, "</th><td>");
		pg_link(g, pg_fmt(g, "measures/%lld/", r->measure_no),
			pg_fmt(g, "%s %s", pg_measure_label(g, r->measure_no), r->measure_title));
		H_RAW(h, "</td><td>");
		pg_ministries(g, r->ministries);
		H_RAW(h, "</td>");
		if (g->fy) {
			H_RAW(h, "<td>");
			pg_state_badge(g, r->followups, r->with_results);
			H_RAW(h, "</td>");
		}
		H_RAW(h, "</tr>\n");
	}
	if (!n) {
		H_FMT(h, "<tr><td colspan=\"%d\" class=\"none\">", g->fy ? 4 : 3);
		html_msg(h, MSG_NONE_ITEMS);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table>\n");
}

int page_ministry(struct store *st, const struct page *p, const char *code,
		  struct buf *out)
{
	struct pg g;
	struct store_filter f;
	struct store_ministry_row *mi;
	struct store_item_row *it;
	struct html *h = g.h;
	int rc, i, nmi, nit;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.ministry = code;
	if ((rc = store_load_ministry(st, &f, g.a, &mi, &nmi)))
		return pg_close(&g, rc);
	if (!nmi)
		return pg_close(&g, MD_ENOTFOUND);
	f.year = g.fy ? g.fy : -1;
	if ((rc = store_load_item(st, &f, g.a, &it, &nit)))
		return pg_close(&g, rc);
	{
		const char *name = p->en ? mi[0].name_en : mi[0].name_ja;
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ "ministries/", M(&g, MSG_NAV_MINISTRIES) },
			{ NULL, name },
		};
		pg_head(&g, name, c, 3);
	}
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_ITEMS_INVOLVED);
	html_msgf(h, MSG_COUNT_F, mi[0].involved);
	H_RAW(h, "・");
	html_msg(h, MSG_OF_WHICH_LEAD);
	html_msgf(h, MSG_COUNT_F, mi[0].lead);
	H_RAW(h, "</p>\n<h2>");
	html_msg(h, MSG_ITEMS_LEADS);
	H_RAW(h, "</h2>\n");
	items_table(&g, it, nit, 1);
	H_RAW(h, "<h2>");
	html_msg(h, MSG_ITEMS_SHARES);
	H_RAW(h, "</h2>\n");
	items_table(&g, it, nit, 0);
	for (i = g.ny - 1; i >= 0; i--) {
		if ((rc = pg_reporting(&g, g.years[i], code, 2)))
			return pg_close(&g, rc);
	}
	if (g.ny) {
		H_RAW(h, "<h2>");
		html_msg(h, MSG_MINISTRY_FOLLOWUP);
		H_RAW(h, "</h2>\n");
	}
	for (i = g.ny - 1; i >= 0; i--) {
		H_RAW(h, "<h3>");
		pg_link(&g, pg_fmt(&g, "followups/%d/%s/", g.years[i], code),
			pg_fy(&g, g.years[i]));
		H_RAW(h, "</h3>\n");
		pg_downloads(&g, g.years[i], code);
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}
