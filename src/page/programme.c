/*
 * Programme (事業) pages: the list, one programme (its budget chart and
 * figures, results, indicators, links to the plan, parent, sub-programmes
 * and successor), the budget totals and the hubs with their tile map.
 */
#include <string.h>

#include "internal.h"

static void yen(struct pg *g, long long v)
{
	html_num(g->h, (double)v);
}

static void th(struct html *h, enum msg k, int numeric)
{
	if (numeric)
		H_RAW(h, "<th scope=\"col\" class=\"n\">");
	else
		H_RAW(h, "<th scope=\"col\">");
	html_msg(h, k);
	H_RAW(h, "</th>");
}

static void fy_cell(struct pg *g, long long fy)
{
	H_RAW(g->h, "<td>");
	html_fy(g->h, (int)fy);
	H_RAW(g->h, "</td>");
}

static void programme_link(struct pg *g, const char *code, const char *name)
{
	pg_link(g, pg_fmt(g, "programmes/%s/", code), name && *name ? name : code);
}

/* The budget figures of one programme (or of many: with_code). */
static void budget_table(struct pg *g, const struct store_budget_row *b, int n,
			 int with_code)
{
	struct html *h = g->h;
	int i;

	pg_region(g, M(g, MSG_BUDGETS_TITLE));
	H_RAW(h, "<table><thead><tr>");
	if (with_code)
		th(h, MSG_PROGRAMME, 0);
	th(h, MSG_FISCAL_YEAR, 0);
	th(h, MSG_BUDGET_KIND, 0);
	th(h, MSG_AMOUNT, 0);
	th(h, MSG_AMOUNT_YEN, 1);
	th(h, MSG_NOTE, 0);
	th(h, MSG_SOURCE, 0);
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		H_RAW(h, "<tr>");
		if (with_code) {
			H_RAW(h, "<td>");
			programme_link(g, b[i].code, NULL);
			H_RAW(h, "</td>");
		}
		fy_cell(g, b[i].fiscal_year);
		H_RAW(h, "<td>");
		html_msg(h, (enum msg)prog_kind_label(b[i].kind));
		if (*b[i].kind_as_written) {
			H_RAW(h, "<br><small>");
			html_text(h, b[i].kind_as_written);
			H_RAW(h, "</small>");
		}
		H_RAW(h, "</td><td>");
		html_text(h, b[i].as_written);
		H_RAW(h, "</td><td class=\"n\">");
		yen(g, b[i].amount_yen);
		H_RAW(h, "</td><td>");
		if (b[i].share_of_larger) {
			html_msg(h, MSG_SHARE_OF_LARGER);
			if (*b[i].of_code) {
				H_RAW(h, " (");
				programme_link(g, b[i].of_code, NULL);
				H_RAW(h, ")");
			}
			H_RAW(h, " ");
		}
		if (b[i].multi_year) {
			html_msg(h, MSG_MULTI_YEAR);
			H_RAW(h, " ");
		}
		if (b[i].fund) {
			html_msg(h, MSG_FUND);
			H_RAW(h, " ");
		}
		html_text(h, b[i].note);
		H_RAW(h, "</td><td><small>");
		pg_source(g, b[i].source);
		H_RAW(h, "</small></td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
}

int page_programmes(struct store *st, const struct page *p, const struct prog_q *q,
		    struct buf *out)
{
	struct pg g;
	struct prog_set s;
	struct crumb c[2];
	struct html *h = g.h;
	int rc, i, j;

	if ((rc = pg_open(&g, st, p, out)) || (rc = prog_load(st, q, g.a, &s)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_PROGRAMMES_TITLE);
	pg_head(&g, M(&g, MSG_PROGRAMMES_TITLE), c, 2);
	H_RAW(h, "<p>");
	html_msg(h, MSG_PROGRAMMES_INTRO);
	H_RAW(h, "</p>\n<p>");
	pg_link(&g, "budgets/", M(&g, MSG_BUDGETS_TITLE));
	H_RAW(h, " · ");
	pg_link(&g, "hubs/", M(&g, MSG_HUBS_TITLE));
	H_RAW(h, "</p>\n");
	if (!p->published) {
		static const char *const abbrevs[] = { "厚", "経", "文", "内", "総" };
		size_t k;

		html_form_get(h, "", "filter");
		H_RAW(h, "<label for=\"f-ministry\">");
		html_msg(h, MSG_MINISTRY);
		H_RAW(h, "</label> <select id=\"f-ministry\" name=\"ministry\">");
		html_option(h, "", M(&g, MSG_ANY), !q->ministry);
		for (k = 0; k < MD_ARRAY_SIZE(abbrevs); k++) {
			const char *code = text_ministry_code(abbrevs[k]);

			html_option(h, code, abbrevs[k], q->ministry && code &&
				    !strcmp(q->ministry, code));
		}
		H_RAW(h, "</select> <label for=\"f-vision\">");
		html_msg(h, MSG_VISIONS);
		H_RAW(h, "</label> <input id=\"f-vision\" name=\"vision\" type=\"number\" "
		      "min=\"1\" max=\"99\"");
		if (q->vision)
			H_FMT(h, " value=\"%d\"", q->vision);
		H_RAW(h, "> <label for=\"f-goal\">");
		html_msg(h, MSG_GOAL);
		H_RAW(h, "</label> <input id=\"f-goal\" name=\"goal\" type=\"number\" "
		      "min=\"1\" max=\"99\"");
		if (q->goal)
			H_FMT(h, " value=\"%d\"", q->goal);
		H_RAW(h, "> <label for=\"f-year\">");
		html_msg(h, MSG_FISCAL_YEAR);
		H_RAW(h, "</label> <input id=\"f-year\" name=\"year\" type=\"number\" "
		      "min=\"1990\" max=\"2100\"");
		if (q->year)
			H_FMT(h, " value=\"%d\"", q->year);
		H_RAW(h, "> ");
		html_submit(h, NULL, NULL, M(&g, MSG_APPLY));
		html_form_end(h);
	}
	H_RAW(h, "<p>");
	html_msgf(h, MSG_PROGRAMME_COUNT_F, s.n);
	H_RAW(h, "</p>\n");
	pg_region(&g, M(&g, MSG_PROGRAMMES_TITLE));
	H_RAW(h, "<table><thead><tr>");
	th(h, MSG_PROGRAMME, 0);
	th(h, MSG_MINISTRY, 0);
	th(h, MSG_PERIOD, 0);
	th(h, MSG_BUDGETS_TITLE, 0);
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < s.n; i++) {
		const struct prog *x = &s.p[i];

		H_RAW(h, "<tr><th scope=\"row\">");
		programme_link(&g, x->p->code, x->p->name_ja);
		H_RAW(h, "<br><small>");
		html_text(h, x->p->code);
		H_RAW(h, "</small></th><td>");
		html_text(h, x->p->ministry);
		H_RAW(h, "</td><td>");
		if (!x->p->null.first_year)
			html_fy(h, (int)x->p->first_year);
		if (!x->p->null.first_year || !x->p->null.last_year)
			H_RAW(h, "–");
		if (!x->p->null.last_year)
			html_fy(h, (int)x->p->last_year);
		H_RAW(h, "</td><td>");
		for (j = 0; j < x->nb; j++) {
			if (j)
				H_RAW(h, "<br>");
			html_fy(h, (int)x->b[j].fiscal_year);
			H_RAW(h, " ");
			html_msg(h, (enum msg)prog_kind_label(x->b[j].kind));
			H_RAW(h, " ");
			html_text(h, x->b[j].as_written);
			if (x->b[j].share_of_larger) {
				H_RAW(h, " (");
				html_msg(h, MSG_SHARE_OF_LARGER);
				H_RAW(h, ")");
			}
		}
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}

static void dd(struct pg *g, enum msg k, const char *v)
{
	if (!v || !*v)
		return;
	H_RAW(g->h, "<dt>");
	html_msg(g->h, k);
	H_RAW(g->h, "</dt><dd>");
	html_text(g->h, v);
	H_RAW(g->h, "</dd>\n");
}

static void dd_programme(struct pg *g, enum msg k, const char *code)
{
	if (!*code)
		return;
	H_RAW(g->h, "<dt>");
	html_msg(g->h, k);
	H_RAW(g->h, "</dt><dd>");
	programme_link(g, code, NULL);
	H_RAW(g->h, "</dd>\n");
}

int page_programme(struct store *st, const struct page *p, const char *code,
		   struct buf *out)
{
	struct pg g;
	struct prog_set s;
	struct prog_q q = { 0 };
	struct store_programme_row *all = NULL;
	struct crumb c[3];
	struct html *h = g.h;
	const struct prog *x;
	int rc, i, n = 0, subs = 0;

	q.code = code;
	if ((rc = pg_open(&g, st, p, out)) || (rc = prog_load(st, &q, g.a, &s)) ||
	    (rc = store_load_programme(st, NULL, g.a, &all, &n)))
		return pg_close(&g, rc);
	x = &s.p[0];
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = "programmes/";
	c[1].text = M(&g, MSG_PROGRAMMES_TITLE);
	c[2].href = NULL;
	c[2].text = x->p->name_ja;
	pg_head(&g, x->p->name_ja, c, 3);
	H_RAW(h, "<dl class=\"fields\">\n");
	dd(&g, MSG_CODE, x->p->code);
	if (p->en)
		dd(&g, MSG_NAME, x->p->name_en);
	dd(&g, MSG_MINISTRY, x->p->ministry);
	dd(&g, MSG_DIVISION, x->p->division);
	dd_programme(&g, MSG_PARENT, x->p->parent);
	dd_programme(&g, MSG_PREDECESSOR, x->p->predecessor);
	dd_programme(&g, MSG_SUCCESSOR, x->p->successor);
	for (i = 0; i < n; i++) {
		if (strcmp(all[i].parent, code))
			continue;
		if (!subs++) {
			H_RAW(h, "<dt>");
			html_msg(h, MSG_SUBPROGRAMMES);
			H_RAW(h, "</dt>");
		}
		H_RAW(h, "<dd>");
		programme_link(&g, all[i].code, all[i].name_ja);
		H_RAW(h, "</dd>\n");
	}
	if (!x->p->null.first_year || !x->p->null.last_year) {
		H_RAW(h, "<dt>");
		html_msg(h, MSG_PERIOD);
		H_RAW(h, "</dt><dd>");
		if (!x->p->null.first_year)
			html_fy(h, (int)x->p->first_year);
		H_RAW(h, "–");
		if (!x->p->null.last_year)
			html_fy(h, (int)x->p->last_year);
		H_RAW(h, "</dd>\n");
	}
	dd(&g, MSG_BODY, x->p->body);
	dd(&g, MSG_FUNDING, x->p->funding);
	dd(&g, MSG_RATE, x->p->rate);
	dd(&g, MSG_SELECTION, x->p->selection);
	dd(&g, MSG_PURPOSE, x->p->purpose);
	dd(&g, MSG_SCHEME, x->p->scheme);
	dd(&g, MSG_NOTES, x->p->notes);
	if (*x->p->source) {
		H_RAW(h, "<dt>");
		html_msg(h, MSG_SOURCE);
		H_RAW(h, "</dt><dd>");
		pg_source(&g, x->p->source);
		H_RAW(h, "</dd>\n");
	}
	H_RAW(h, "</dl>\n<h2>");
	html_msg(h, MSG_BUDGETS_TITLE);
	H_RAW(h, "</h2>\n");
	if (x->nb) {
		H_RAW(h, "<figure class=\"chart\">");
		prog_chart(h, x, "budget-chart");
		H_RAW(h, "<figcaption>");
		html_msg(h, MSG_BUDGET_CHART);
		prog_chart_legend(h);
		H_RAW(h, "</figcaption></figure>\n");
		budget_table(&g, x->b, x->nb, 0);
	} else {
		H_RAW(h, "<p>");
		html_msg(h, MSG_NO_BUDGETS);
		H_RAW(h, "</p>\n");
	}
	if (x->nr) {
		H_RAW(h, "<h2>");
		html_msg(h, MSG_PROGRAMME_RESULTS);
		H_RAW(h, "</h2>\n");
		pg_region(&g, M(&g, MSG_PROGRAMME_RESULTS));
		H_RAW(h, "<table><thead><tr>");
		th(h, MSG_YEAR, 0);
		th(h, MSG_WHAT, 0);
		th(h, MSG_VALUE, 0);
		th(h, MSG_AS_OF, 0);
		th(h, MSG_SOURCE, 0);
		H_RAW(h, "</tr></thead><tbody>\n");
		for (i = 0; i < x->nr; i++) {
			const struct store_presult_row *r = &x->r[i];

			H_RAW(h, "<tr><td>");
			if (!r->null.year)
				html_fy(h, (int)r->year);
			else
				html_text(h, r->period);
			H_RAW(h, "</td><td>");
			html_text(h, r->what);
			H_RAW(h, "</td><td>");
			html_text(h, r->value);
			html_text(h, r->unit);
			H_RAW(h, "</td><td>");
			html_text(h, r->as_of);
			H_RAW(h, "</td><td><small>");
			pg_source(&g, r->source);
			H_RAW(h, "</small></td></tr>\n");
		}
		H_RAW(h, "</tbody></table></div>\n");
	}
	if (x->ni) {
		H_RAW(h, "<h2>");
		html_msg(h, MSG_INDICATORS_TITLE);
		H_RAW(h, "</h2>\n<ul>");
		for (i = 0; i < x->ni; i++) {
			H_RAW(h, "<li>");
			pg_link(&g, pg_fmt(&g, "indicators/%s/", x->i[i].indicator),
				x->i[i].name_ja);
			H_RAW(h, "</li>");
		}
		H_RAW(h, "</ul>\n");
	}
	H_RAW(h, "<h2>");
	html_msg(h, MSG_SERVES);
	H_RAW(h, "</h2>\n");
	if (!x->nl) {
		H_RAW(h, "<p>");
		html_msg(h, MSG_NO_LINKS);
		H_RAW(h, "</p>\n");
	} else {
		H_RAW(h, "<ul>");
		for (i = 0; i < x->nl; i++) {
			const struct store_plink_row *l = &x->l[i];

			if (!strcmp(l->status, "rejected"))
				continue;
			H_RAW(h, "<li>");
			if (!l->null.measure_no)
				pg_link(&g, pg_fmt(&g, "measures/%lld/", l->measure_no),
					pg_measure_label(&g, l->measure_no));
			else
				pg_link(&g, pg_fmt(&g, "items/%lld/", l->item_no),
					pg_item_label(&g, l->item_no));
			H_RAW(h, " (");
			html_msg(h, strcmp(l->status, "confirmed") ? MSG_LINK_SUGGESTED :
				 MSG_LINK_CONFIRMED);
			H_RAW(h, ")");
			if (*l->sentence) {
				H_RAW(h, "<blockquote>");
				html_text(h, l->sentence);
				H_RAW(h, "</blockquote>");
			}
			H_RAW(h, "</li>\n");
		}
		H_RAW(h, "</ul>\n");
	}
	if (pg_staff(&g) && (*x->p->source || *x->p->evidence)) {
		/* the exact file:line of every field, as stored */
		pg_staff_open(&g);
		H_RAW(h, "<dl class=\"def\"><dt>");
		html_msg(h, MSG_SOURCE);
		H_RAW(h, "</dt><dd><code>");
		html_text(h, x->p->source);
		H_RAW(h, "</code></dd>");
		if (*x->p->evidence) {
			H_RAW(h, "<dt>");
			html_msg(h, MSG_FILE_LINE);
			H_RAW(h, "</dt><dd><code>");
			html_text(h, x->p->evidence);
			H_RAW(h, "</code></dd>");
		}
		H_RAW(h, "</dl>\n");
		pg_staff_close(&g);
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

int page_budgets(struct store *st, const struct page *p, const char *by,
		 struct buf *out)
{
	struct pg g;
	struct prog_set s;
	struct prog_q q = { 0 };
	struct prog_totals t;
	struct crumb c[3];
	struct html *h = g.h;
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)) || (rc = prog_load(st, &q, g.a, &s)) ||
	    (rc = prog_totals(st, &s, by, 0, g.a, &t)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = "programmes/";
	c[1].text = M(&g, MSG_PROGRAMMES_TITLE);
	c[2].href = NULL;
	c[2].text = M(&g, MSG_BUDGETS_TITLE);
	pg_head(&g, M(&g, MSG_BUDGETS_TITLE), c, 3);
	H_RAW(h, "<p>");
	html_msg(h, MSG_BUDGET_RULE);
	H_RAW(h, "</p>\n<p>");
	pg_link(&g, "budgets/", M(&g, MSG_BUDGETS_BY_MINISTRY));
	H_RAW(h, " · ");
	pg_link(&g, "budgets/goal/", M(&g, MSG_BUDGETS_BY_GOAL));
	H_RAW(h, " · ");
	pg_link(&g, "budgets/vision/", M(&g, MSG_BUDGETS_BY_VISION));
	H_RAW(h, "</p>\n");
	pg_region(&g, M(&g, MSG_BUDGETS_TITLE));
	H_RAW(h, "<table><thead><tr>");
	th(h, MSG_FISCAL_YEAR, 0);
	th(h, MSG_BUDGET_KIND, 0);
	th(h, !by || !strcmp(by, "ministry") ? MSG_MINISTRY : !strcmp(by, "goal") ?
	   MSG_GOAL : MSG_VISIONS, 0);
	th(h, MSG_PROGRAMMES_COUNTED, 1);
	th(h, MSG_TOTAL, 1);
	th(h, MSG_SHARES_NOT_ADDED, 1);
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < t.n; i++) {
		const struct prog_total *x = &t.t[i];

		H_RAW(h, "<tr>");
		fy_cell(&g, x->fiscal_year);
		H_RAW(h, "<td>");
		html_msg(h, (enum msg)prog_kind_label(x->kind));
		H_RAW(h, "</td><td>");
		if (*x->group)
			html_text(h, x->group);
		else
			html_msg(h, by && strcmp(by, "ministry") ? MSG_NOT_LINKED : MSG_NOT_KNOWN);
		H_FMT(h, "</td><td class=\"n\">%d</td><td class=\"n\">", x->programmes);
		yen(&g, x->low_yen);
		if (x->high_yen != x->low_yen) {
			H_RAW(h, "–");
			yen(&g, x->high_yen);
		}
		H_RAW(h, "</td><td class=\"n\">");
		if (x->shares) {
			H_FMT(h, "%d (", x->shares);
			yen(&g, x->shares_yen);
			H_RAW(h, ")");
		}
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* The 47 prefectures as tiles, each shaded by how many rows name it. */
static void tile_map(struct pg *g, const struct store_hub_row *hb, int n)
{
	struct html *h = g->h;
	int count[47] = { 0 }, i, max = 0;

	for (i = 0; i < n; i++) {
		int k = text_prefecture_find(hb[i].prefecture);

		if (k >= 0 && ++count[k] > max)
			max = count[k];
	}
	H_RAW(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 442 476\" "
	      "width=\"442\" height=\"476\" role=\"img\" class=\"chart\" "
	      "aria-labelledby=\"map-t map-d\" font-size=\"11\" font-family=\"sans-serif\">"
	      "<title id=\"map-t\">");
	html_msg(h, MSG_HUB_MAP);
	H_RAW(h, "</title><desc id=\"map-d\">");
	html_msg(h, MSG_HUB_MAP_DESC);
	for (i = 0; i < text_prefecture_count(); i++) {
		const struct text_prefecture *pf = text_prefecture_at(i);

		if (!count[i])
			continue;
		html_text(h, g->p->en ? pf->name_en : pf->name_ja);
		H_FMT(h, " %d", count[i]);
		if (g->p->en)
			H_RAW(h, "; ");
		else
			H_RAW(h, "。");
	}
	H_RAW(h, "</desc>");
	for (i = 0; i < text_prefecture_count(); i++) {
		const struct text_prefecture *pf = text_prefecture_at(i);
		int shade = count[i] ? 40 + 160 * count[i] / (max ? max : 1) : 0;

		H_FMT(h, "<g><rect x=\"%d\" y=\"%d\" width=\"32\" height=\"32\" rx=\"3\" ",
		      pf->col * 34, pf->row * 34);
		if (count[i])
			H_FMT(h, "fill=\"rgb(%d,%d,%d)\"/>", 230 - shade, 240 - shade / 2, 255);
		else
			H_RAW(h, "fill=\"#eee\"/>");
		H_FMT(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" ",
		      pf->col * 34 + 16, pf->row * 34 + 14);
		if (shade > 120)
			H_RAW(h, "fill=\"#fff\">");
		else
			H_RAW(h, "fill=\"#222\">");
		/* the name without 都府県 (北海道 stays whole), short enough for a tile */
		{
			const char *nm = g->p->en ? pf->name_en : pf->name_ja;
			size_t l = strlen(nm);

			if (!g->p->en && l > 3 && strcmp(nm, "北海道"))
				l -= 3;   /* one CJK character: 県, 都 or 府 */
			html_textn(h, nm, g->p->en && l > 4 ? 4 : l);
		}
		H_FMT(h, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" ",
		      pf->col * 34 + 16, pf->row * 34 + 27);
		if (shade > 120)
			H_RAW(h, "fill=\"#fff\">");
		else
			H_RAW(h, "fill=\"#222\">");
		if (count[i])
			H_FMT(h, "%d", count[i]);
		H_RAW(h, "</text></g>");
	}
	H_RAW(h, "</svg>\n");
}

/* Rows a and b are of the same fiscal years (the stated text and the
 * first year), and, with cat, of the same category too. */
static int hub_same(const struct store_hub_row *a, const struct store_hub_row *b, int cat)
{
	return a->null.first_year == b->null.first_year &&
		(a->null.first_year || a->first_year == b->first_year) &&
		!strcmp(a->fiscal_years, b->fiscal_years) &&
		(!cat || !strcmp(a->category, b->category));
}

/* The heading of one fiscal year's hubs: the year, the years as written,
 * or that none is stated. */
static void hub_years(struct pg *g, const struct store_hub_row *r)
{
	if (r->null.first_year && !*r->fiscal_years)
		html_msg(g->h, MSG_HUB_NO_YEAR);
	else if (!r->null.first_year && !strcmp(r->fiscal_years, pg_fmt(g, "%lld", r->first_year)))
		html_fy(g->h, (int)r->first_year);
	else
		html_text(g->h, r->fiscal_years);
}

/* The optional columns of a table of hubs: those some row of it fills. */
enum { HUB_INST = 1, HUB_COUNT = 2, HUB_BUDGET = 4, HUB_PREF = 8 };

static int hub_cols(const struct store_hub_row *r)
{
	return (*r->institution ? HUB_INST : 0) | (!r->null.count ? HUB_COUNT : 0) |
		(*r->budget_per_hub ? HUB_BUDGET : 0) | (*r->prefecture ? HUB_PREF : 0);
}

static void hub_row(struct pg *g, const struct store_hub_row *r, int cols)
{
	struct html *h = g->h;

	H_RAW(h, "<tr><td>");
	html_text(h, r->kind);
	if (*r->stage) {
		H_RAW(h, " (");
		html_text(h, r->stage);
		H_RAW(h, ")");
	}
	H_RAW(h, "</td>");
	if (cols & HUB_INST) {
		H_RAW(h, "<td>");
		html_text(h, r->institution);
		H_RAW(h, "</td>");
	}
	if (cols & HUB_COUNT) {
		H_RAW(h, "<td class=\"n\">");
		if (!r->null.count)
			html_int(h, r->count);
		H_RAW(h, "</td>");
	}
	if (cols & HUB_BUDGET) {
		H_RAW(h, "<td>");
		html_text(h, r->budget_per_hub);
		H_RAW(h, "</td>");
	}
	if (cols & HUB_PREF) {
		H_RAW(h, "<td>");
		html_text(h, r->prefecture);
		H_RAW(h, "</td>");
	}
	H_RAW(h, "<td><small>");
	pg_source(g, r->source);
	H_RAW(h, "</small></td></tr>\n");
}

/* One programme's hubs, hb[s..e): a heading per fiscal year (in the order
 * they come, by first year), a table in it and a row group per category
 * (in the order the categories first come in that year). */
static void hub_programme(struct pg *g, const struct store_hub_row *hb, int s, int e)
{
	struct html *h = g->h;
	int i, j, k, m, seen, cols, ncol;

	H_RAW(h, "<section class=\"hubs\"><h2>");
	programme_link(g, hb[s].code, NULL);
	H_RAW(h, "</h2>\n");
	for (i = s; i < e; i++) {
		for (seen = 0, j = s; j < i && !seen; j++)
			seen = hub_same(&hb[j], &hb[i], 0);
		if (seen)
			continue;
		H_RAW(h, "<h3>");
		hub_years(g, &hb[i]);
		H_RAW(h, "</h3>\n");
		pg_region(g, pg_fmt(g, "%s %s", hb[i].code, M(g, MSG_HUBS_TITLE)));
		for (cols = 0, k = i; k < e; k++)
			if (hub_same(&hb[k], &hb[i], 0))
				cols |= hub_cols(&hb[k]);
		ncol = 2 + !!(cols & HUB_INST) + !!(cols & HUB_COUNT) + !!(cols & HUB_BUDGET) +
			!!(cols & HUB_PREF);
		H_RAW(h, "<table><thead><tr>");
		th(h, MSG_HUB_KIND, 0);
		if (cols & HUB_INST)
			th(h, MSG_INSTITUTION, 0);
		if (cols & HUB_COUNT)
			th(h, MSG_COUNT, 1);
		if (cols & HUB_BUDGET)
			th(h, MSG_BUDGET_PER_HUB, 0);
		if (cols & HUB_PREF)
			th(h, MSG_PREFECTURE, 0);
		th(h, MSG_SOURCE, 0);
		H_RAW(h, "</tr></thead>\n");
		for (k = i; k < e; k++) {
			if (!hub_same(&hb[k], &hb[i], 0))
				continue;
			for (seen = 0, j = i; j < k && !seen; j++)
				seen = hub_same(&hb[j], &hb[k], 1);
			if (seen)
				continue;
			H_FMT(h, "<tbody><tr><th scope=\"rowgroup\" colspan=\"%d\" class=\"cat\">", ncol);
			html_msg(h, MSG_CATEGORY);
			if (g->p->en)
				H_RAW(h, ": ");
			else
				H_RAW(h, "：");
			if (!strcmp(hb[k].category, "unknown"))
				html_msg(h, MSG_HUB_CATEGORY_UNKNOWN);
			else if (*hb[k].category)
				html_text(h, hb[k].category);
			else
				html_msg(h, MSG_NONE_SR);
			H_RAW(h, "</th></tr>\n");
			for (m = k; m < e; m++)
				if (hub_same(&hb[m], &hb[k], 1))
					hub_row(g, &hb[m], cols);
			H_RAW(h, "</tbody>\n");
		}
		H_RAW(h, "</table></div>\n");
	}
	H_RAW(h, "</section>\n");
}

int page_hubs(struct store *st, const struct page *p, struct buf *out)
{
	struct pg g;
	struct store_hub_row *hb = NULL;
	struct crumb c[3];
	struct html *h = g.h;
	int rc, i, e, n = 0;

	if ((rc = pg_open(&g, st, p, out)) || (rc = store_load_hub(st, NULL, g.a, &hb, &n)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = "programmes/";
	c[1].text = M(&g, MSG_PROGRAMMES_TITLE);
	c[2].href = NULL;
	c[2].text = M(&g, MSG_HUBS_TITLE);
	pg_head(&g, M(&g, MSG_HUBS_TITLE), c, 3);
	H_RAW(h, "<figure class=\"chart\">");
	tile_map(&g, hb, n);
	H_RAW(h, "<figcaption>");
	html_msg(h, MSG_HUB_MAP);
	H_RAW(h, "</figcaption></figure>\n<p>");
	html_msgf(h, MSG_HUBS_COUNT_F, n);
	H_RAW(h, " ");
	html_msg(h, MSG_HUBS_GROUPING);
	H_RAW(h, "</p>\n");
	/* the rows come by programme, then first year */
	for (i = 0; i < n; i = e) {
		for (e = i + 1; e < n && !strcmp(hb[e].code, hb[i].code); e++)
			;
		hub_programme(&g, hb, i, e);
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

int pg_serving_programmes(struct pg *g, int goal, int measure)
{
	struct store_plink_row *l = NULL;
	struct html *h = g->h;
	int n = 0, i, j, shown = 0, rc;

	if ((rc = store_load_plink(g->st, NULL, g->a, &l, &n)))
		return rc;
	for (i = 0; i < n; i++) {
		int dup = 0;

		if (strcmp(l[i].status, "confirmed") ||
		    (goal && (l[i].null.goal_no || l[i].goal_no != goal)) ||
		    (measure && !(l[i].measure_no == measure && !l[i].null.measure_no) &&
		     !(l[i].item_measure_no == measure && !l[i].null.item_measure_no)))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = !strcmp(l[j].code, l[i].code) && !strcmp(l[j].status, "confirmed") &&
				((goal && !l[j].null.goal_no && l[j].goal_no == goal) ||
				 (measure && ((l[j].measure_no == measure && !l[j].null.measure_no) ||
					      (l[j].item_measure_no == measure &&
					       !l[j].null.item_measure_no))));
		if (dup)
			continue;
		if (!shown++) {
			H_RAW(h, "<section aria-labelledby=\"programmes\"><h2 id=\"programmes\">");
			html_msg(h, MSG_PROGRAMMES_TITLE);
			H_RAW(h, "</h2>\n<ul>");
		}
		H_RAW(h, "<li>");
		programme_link(g, l[i].code, l[i].name_ja);
		H_RAW(h, "</li>");
	}
	if (shown)
		H_RAW(h, "</ul></section>\n");
	return 0;
}
