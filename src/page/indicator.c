/*
 * Indicator (指標) pages: the scorecard with the list of indicators, one
 * indicator with its method, chart and data, and a goal page's section.
 * The data comes from report's ind_load(); the chart is report's SVG.
 */
#include <string.h>

#include "internal.h"

static const char *name_of(const struct page *p, const struct ind *x)
{
	return p->en && *x->name_en ? x->name_en : x->name_ja;
}

static const char *unit_of(const struct page *p, const struct ind *x)
{
	return p->en && *x->unit_en ? x->unit_en : x->unit;
}

static void status_badge(struct html *h, enum kpi_status s)
{
	H_RAW(h, "<span class=\"status ");
	html_attr(h, kpi_status_code(s));
	H_RAW(h, "\">");
	html_text(h, kpi_status_label(s, h->en));
	H_RAW(h, "</span>");
}

static void value_unit(struct pg *g, const struct ind *x, double v)
{
	html_num(g->h, v);
	if (g->p->en)
		H_RAW(g->h, " ");
	html_text(g->h, unit_of(g->p, x));
}

static void year_of(struct pg *g, const struct ind *x, int year)
{
	struct buf t = BUF_INIT;

	ind_year(&t, x, g->p->en, year);
	html_text(g->h, t.ptr);
	buf_release(&t);
}

/* "100コース（2026年）" / "100 courses by 2026", or "未設定" */
static void target_of(struct pg *g, const struct ind *x)
{
	struct html *h = g->h;

	if (!x->has_target) {
		H_RAW(h, "<span class=\"none\">");
		html_msg(h, MSG_NOT_SET);
		H_RAW(h, "</span>");
		return;
	}
	value_unit(g, x, x->target_value);
	html_msg(h, MSG_BY_YEAR_OPEN);
	year_of(g, x, x->target_year);
	html_msg(h, MSG_BY_YEAR_CLOSE);
}

/* "古い値" after a latest value more than two years older than the data's
 * last update (the reference is the store's, so a page says the same until
 * the data change). Returns 1 when it wrote it. */
static int stale_badge(struct pg *g, const struct ind *x, int year)
{
	if (!report_stale(pg_updated(g), year, x->calendar))
		return 0;
	H_RAW(g->h, " <span class=\"stale\">");
	html_msg(g->h, MSG_STALE);
	H_RAW(g->h, "</span>");
	return 1;
}

static void latest_of(struct pg *g, const struct ind *x)
{
	struct html *h = g->h;

	if (!x->pr.has_latest) {
		H_RAW(h, "<span class=\"none\">—</span>");
		return;
	}
	value_unit(g, x, x->pr.latest_value);
	html_msg(h, MSG_PAREN_OPEN);
	year_of(g, x, x->pr.latest_year);
	html_msg(h, MSG_PAREN_CLOSE);
	stale_badge(g, x, x->pr.latest_year);
}

/* "4,086件（2024年）" or "4,086 in FY2024": a value with its base year */
static void value_in(struct pg *g, const struct ind *x, double v, int year)
{
	value_unit(g, x, v);
	html_msg(g->h, MSG_IN_YEAR_OPEN);
	year_of(g, x, year);
	html_msg(g->h, MSG_BY_YEAR_CLOSE);
}

/* A rate as a signed percentage: +18.7%. */
static void pct(struct html *h, double r)
{
	H_FMT(h, "%+.1f%%", r * 100 + 0.0);
}

static void method_section(struct pg *g)
{
	static const enum msg crit[KPI_STATUS_COUNT_] = {
		MSG_CRIT_ACHIEVED, MSG_CRIT_ON_TRACK, MSG_CRIT_NEEDS_ACCELERATION,
		MSG_CRIT_LIMITED, MSG_CRIT_DETERIORATING, MSG_CRIT_NO_TARGET,
		MSG_CRIT_NOT_ENOUGH_DATA,
	};
	struct html *h = g->h;
	int s;

	H_RAW(h, "<section aria-labelledby=\"method\"><h2 id=\"method\">");
	html_msg(h, MSG_METHOD_TITLE);
	H_RAW(h, "</h2>\n<p>");
	html_msg(h, MSG_METHOD_TEXT);
	H_RAW(h, "</p>\n<table class=\"method\"><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_STATUS);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_CRITERION);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_CODE);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (s = 0; s < KPI_STATUS_COUNT_; s++) {
		H_RAW(h, "<tr><td>");
		status_badge(h, (enum kpi_status)s);
		H_RAW(h, "</td><td>");
		/* "R < 0.95": escaped, a bare '<' is a parse error */
		html_text(h, msg_get(crit[s], h->en));
		H_RAW(h, "</td><td><code>");
		html_text(h, kpi_status_code((enum kpi_status)s));
		H_RAW(h, "</code></td></tr>\n");
	}
	H_RAW(h, "</tbody></table></section>\n");
}

/* The indicators of goal `no` (0: of none) as a table. */
static void ind_table(struct pg *g, const struct ind_set *s, int no)
{
	struct html *h = g->h;
	int i;

	pg_region(g, no ? pg_fmt(g, "%s %s", pg_goal_label(g, no), M(g, MSG_INDICATOR)) :
		  M(g, MSG_NOT_LINKED));
	H_RAW(h, "<table class=\"inds\"><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_INDICATOR);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_LATEST_VALUE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_TARGET);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_STATUS);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (i = 0; i < s->n; i++) {
		const struct ind *x = &s->ind[i];

		if (x->goal_no != no)
			continue;
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(g, pg_fmt(g, "indicators/%s/", x->code), name_of(g->p, x));
		H_RAW(h, " <code>");
		html_text(h, x->code);
		H_RAW(h, "</code></th><td>");
		latest_of(g, x);
		H_RAW(h, "</td><td>");
		target_of(g, x);
		H_RAW(h, "</td><td>");
		status_badge(h, x->pr.status);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
}

int pg_goal_indicators(struct pg *g, int goal)
{
	struct ind_set s;
	int rc;

	rc = ind_load(g->st, NULL, goal, g->a, &s);
	if (!rc && s.n) {
		H_RAW(g->h, "<section aria-labelledby=\"kpi\"><h2 id=\"kpi\">");
		html_msg(g->h, MSG_NAV_INDICATORS);
		H_RAW(g->h, "</h2>\n");
		ind_table(g, &s, goal);
		H_RAW(g->h, "</section>\n");
	}
	return rc;
}

/* The trend of the headline series: the observed yearly growth rate and
 * its direction, "—" with one value. */
static void trend_of(struct pg *g, const struct ind *x)
{
	struct html *h = g->h;

	if (!x->pr.has_rate) {
		H_RAW(h, "<span class=\"none\">—</span>");
		return;
	}
	html_msg(h, x->pr.rate > 0 ? MSG_TREND_UP : x->pr.rate < 0 ? MSG_TREND_DOWN :
		 MSG_TREND_FLAT);
	html_msg(h, MSG_PAREN_OPEN);
	pct(h, x->pr.rate);
	html_msg(h, MSG_PER_YEAR);
	html_msg(h, MSG_PAREN_CLOSE);
}

/* The years the headline series has values for: "2022年〜2024年（3年分）". */
static void years_of(struct pg *g, const struct ind *x)
{
	int i, first = 0, last = 0, n = 0;

	for (i = 0; i < x->nv; i++) {
		if (*x->v[i].breakdown || x->v[i].na)
			continue;
		if (!n++)
			first = x->v[i].year;
		last = x->v[i].year;
	}
	if (!n) {
		H_RAW(g->h, "<span class=\"none\">—</span>");
		return;
	}
	year_of(g, x, first);
	if (last != first) {
		H_RAW(g->h, "〜");
		year_of(g, x, last);
	}
	html_msgf(g->h, MSG_N_YEARS_F, n);
}

/* While no indicator has a target the status grid would be all zeros:
 * what the panel can use instead, and a plain word that targets are not
 * set yet. */
static void overview(struct pg *g, const struct ind_set *s)
{
	struct html *h = g->h;
	int i;

	H_RAW(h, "<p class=\"notice\">");
	html_msg(h, MSG_NO_TARGETS_YET);
	H_RAW(h, "</p>\n");
	pg_region(g, M(g, MSG_OVERVIEW_CAPTION));
	H_RAW(h, "<table class=\"overview stack\"><caption>");
	html_msg(h, MSG_OVERVIEW_CAPTION);
	H_RAW(h, "</caption>\n<thead><tr><th scope=\"col\">");
	html_msg(h, MSG_INDICATOR);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_LATEST_VALUE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_TREND_COL);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_YEARS_COVERED);
	H_RAW(h, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < s->n; i++) {
		const struct ind *x = &s->ind[i];

		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(g, pg_fmt(g, "indicators/%s/", x->code), name_of(g->p, x));
		H_RAW(h, " <code>");
		html_text(h, x->code);
		H_RAW(h, "</code></th><td data-label=\"");
		html_attr(h, M(g, MSG_LATEST_VALUE));
		H_RAW(h, "\">");
		latest_of(g, x);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_TREND_COL));
		H_RAW(h, "\">");
		trend_of(g, x);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_YEARS_COVERED));
		H_RAW(h, "\">");
		years_of(g, x);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n<p class=\"meta\">");
	html_msg(h, MSG_STALE_NOTE);
	H_RAW(h, "</p>\n");
}

/* The goal heading of the scorecard and the list. */
static void goal_name(struct pg *g, int no, const char *title, int link)
{
	if (!no) {
		html_msg(g->h, MSG_NOT_LINKED);
		return;
	}
	if (link) {
		pg_link(g, pg_fmt(g, "goals/%d/", no),
			pg_fmt(g, "%s %s", pg_goal_label(g, no), title));
		return;
	}
	html_text(g->h, pg_fmt(g, "%s ", pg_goal_label(g, no)));
	html_text(g->h, title);
}

/* The scorecard: goals x progress status. */
static void scorecard(struct pg *g, const struct ind_set *s,
		      const struct store_goal_row *goals, int ng, int unlinked)
{
	struct html *h = g->h;
	int gi, i, k, total[KPI_STATUS_COUNT_] = { 0 };

	pg_region(g, M(g, MSG_SCORECARD_CAPTION));
	H_RAW(h, "<table class=\"scorecard\"><caption>");
	html_msg(h, MSG_SCORECARD_CAPTION);
	H_RAW(h, "</caption>\n<thead><tr><th scope=\"col\">");
	html_msg(h, MSG_GOAL);
	H_RAW(h, "</th>");
	for (k = 0; k < KPI_STATUS_COUNT_; k++) {
		H_RAW(h, "<th scope=\"col\" class=\"n\">");
		status_badge(h, (enum kpi_status)k);
		H_RAW(h, "</th>");
	}
	H_RAW(h, "<th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_TOTAL_SHORT);
	H_RAW(h, "</th></tr></thead>\n<tbody>\n");
	for (gi = 0; gi <= ng; gi++) {
		int no = gi < ng ? (int)goals[gi].no : 0, cnt[KPI_STATUS_COUNT_] = { 0 };
		int sum = 0;

		if (gi == ng && !unlinked)
			break;
		for (i = 0; i < s->n; i++) {
			if (s->ind[i].goal_no == no) {
				cnt[s->ind[i].pr.status]++;
				sum++;
			}
		}
		H_RAW(h, "<tr><th scope=\"row\">");
		goal_name(g, no, no ? goals[gi].title : NULL, 1);
		H_RAW(h, "</th>");
		for (k = 0; k < KPI_STATUS_COUNT_; k++) {
			total[k] += cnt[k];
			if (cnt[k]) {
				H_RAW(h, "<td class=\"n ");
				html_attr(h, kpi_status_code((enum kpi_status)k));
				H_FMT(h, "\">%d</td>", cnt[k]);
			} else {
				H_RAW(h, "<td class=\"n zero\">0</td>");
			}
		}
		if (sum) {
			H_FMT(h, "<td class=\"n\">%d</td></tr>\n", sum);
		} else {
			H_RAW(h, "<td class=\"n\"><span class=\"none\">");
			html_msg(h, MSG_NO_INDICATORS_SHORT);
			H_RAW(h, "</span></td></tr>\n");
		}
	}
	H_RAW(h, "</tbody><tfoot><tr><th scope=\"row\">");
	html_msg(h, MSG_TOTAL_SHORT);
	H_RAW(h, "</th>");
	for (k = 0; k < KPI_STATUS_COUNT_; k++)
		H_FMT(h, "<td class=\"n\">%d</td>", total[k]);
	H_FMT(h, "<td class=\"n\">%d</td></tr></tfoot></table></div>\n", s->n);

}

int page_indicators(struct store *st, const struct page *p, struct buf *out)
{
	struct pg g;
	struct ind_set s;
	struct store_goal_row *goals = NULL;
	struct crumb cr[2];
	struct html *h = g.h;
	int rc, gi, i, unlinked = 0, ng = 0, targets = 0;
	long long plan;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = ind_load(st, NULL, 0, g.a, &s)))
		return pg_close(&g, rc);
	if (store_plan_find(st, 0, &plan, NULL) == 0 &&
	    (rc = store_load_goal(st, NULL, g.a, &goals, &ng)))
		return pg_close(&g, rc);
	cr[0].href = "";
	cr[0].text = M(&g, MSG_TOP);
	cr[1].href = NULL;
	cr[1].text = M(&g, MSG_NAV_INDICATORS);
	pg_head(&g, M(&g, MSG_INDICATORS_TITLE), cr, 2);
	H_RAW(h, "<p>");
	html_msg(h, MSG_INDICATORS_INTRO);
	H_RAW(h, "</p>\n");
	for (i = 0; i < s.n; i++)
		unlinked += !s.ind[i].goal_no;

	for (i = 0; i < s.n; i++)
		targets += s.ind[i].has_target;
	if (s.n && !targets)
		overview(&g, &s);
	else
		scorecard(&g, &s, goals, ng, unlinked);

	/* every indicator, by goal */
	H_RAW(h, "<h2>");
	html_msg(h, MSG_ALL_INDICATORS);
	H_RAW(h, "</h2>\n");
	if (!s.n) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_NO_INDICATORS_YET);
		H_RAW(h, "</p>\n");
	}
	for (gi = 0; gi <= ng; gi++) {
		int no = gi < ng ? (int)goals[gi].no : 0, any = 0;

		for (i = 0; i < s.n; i++)
			any += s.ind[i].goal_no == no;
		if (!any)
			continue;
		H_RAW(h, "<h3>");
		goal_name(&g, no, no ? goals[gi].title : NULL, 0);
		H_RAW(h, "</h3>\n");
		ind_table(&g, &s, no);
	}
	H_RAW(h, "<p class=\"dl\">");
	html_msg(h, MSG_DATA_CSV);
	H_RAW(h, "<a href=\"");
	html_url3(h, p->top, "downloads/indicators.csv", NULL);
	H_RAW(h, "\">indicators.csv</a> <a href=\"");
	html_url3(h, p->top, "downloads/indicator-defs.csv", NULL);
	H_RAW(h, "\">indicator-defs.csv</a>");
	if (!p->published) {
		H_RAW(h, " <a href=\"");
		html_url3(h, p->top, "api/v1/indicators", NULL);
		H_RAW(h, "\">JSON</a>");
	}
	H_RAW(h, "</p>\n");
	method_section(&g);
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* One row of the inputs table: the label, then the value is written. */
static void input_row(struct pg *g, enum msg label)
{
	H_RAW(g->h, "<tr><th scope=\"row\">");
	html_msg(g->h, label);
	H_RAW(g->h, "</th><td>");
}

static void input_end(struct pg *g)
{
	H_RAW(g->h, "</td></tr>\n");
}

static void inputs_table(struct pg *g, const struct ind *x)
{
	const struct kpi_progress *pr = &x->pr;
	struct html *h = g->h;

	H_RAW(h, "<table class=\"inputs\"><caption>");
	html_msg(h, MSG_INPUTS_CAPTION);
	H_RAW(h, "</caption><tbody>\n");
	input_row(g, MSG_BASE);
	if (pr->has_base) {
		value_in(g, x, pr->base_value, pr->base_year);
		html_msg(h, pr->base_defined ? MSG_BASE_DEFINED : MSG_BASE_FIRST);
	} else {
		H_RAW(h, "—");
	}
	input_end(g);
	input_row(g, MSG_LATEST_VALUE);
	latest_of(g, x);
	input_end(g);
	input_row(g, MSG_TARGET);
	target_of(g, x);
	if (!x->has_target && *x->target_note) {
		H_RAW(h, " — ");
		html_text(h, x->target_note);
	}
	input_end(g);
	input_row(g, MSG_DESIRED_DIRECTION);
	html_msg(h, x->up ? MSG_DIRECTION_UP_D : MSG_DIRECTION_DOWN_D);
	input_end(g);
	input_row(g, MSG_OBSERVED_RATE);
	if (pr->has_rate) {
		pct(h, pr->rate);
		html_msg(h, MSG_OBSERVED_RATE_FORMULA);
	} else {
		H_RAW(h, "—");
	}
	input_end(g);
	input_row(g, MSG_REQUIRED_RATE);
	if (pr->has_required) {
		pct(h, pr->required);
		html_msg(h, MSG_REQUIRED_RATE_FORMULA);
	} else {
		H_RAW(h, "—");
	}
	input_end(g);
	input_row(g, MSG_RATIO_R);
	if (pr->has_ratio) {
		H_FMT(h, "%.3f = d × ", pr->ratio);
		html_msg(h, MSG_OBSERVED);
		H_RAW(h, " ÷ |");
		html_msg(h, MSG_NEEDED);
		H_RAW(h, "|");
	} else {
		H_RAW(h, "—");
	}
	input_end(g);
	input_row(g, MSG_LINEAR_PROGRESS);
	if (pr->has_linear) {
		H_FMT(h, "%.1f%%", pr->linear * 100 + 0.0);
		if (pr->has_elapsed)
			html_msgf(h, MSG_ELAPSED_F, pr->elapsed * 100 + 0.0);
	} else {
		H_RAW(h, "—");
	}
	input_end(g);
	input_row(g, MSG_YEARS_WITHOUT_VALUE);
	if (pr->gaps) {
		html_msgf(h, MSG_GAPS_F, pr->gaps);
		year_of(g, x, pr->first_gap);
		html_msg(h, MSG_GAPS_AFTER);
	} else {
		html_msg(h, MSG_NONE_WORD);
	}
	if (pr->na_after)
		html_msgf(h, MSG_NA_AFTER_F, pr->na_after);
	input_end(g);
	input_row(g, MSG_RESULT);
	status_badge(h, pr->status);
	if (pr->reason) {
		H_RAW(h, " ");
		html_text(h, kpi_reason_text(pr->reason, g->p->en));
	}
	input_end(g);
	H_RAW(h, "</tbody></table>\n");
}

/* The documents a page's values cite, numbered in the order they first
 * appear ([1], [2], ...): the data table names them by number, the list
 * under it by title and publisher (pg_cite_doc). */
struct refs {
	const struct store_document_row *doc[32];
	int n;
};

/* The reference number of v's document (1-based), 0 when its source names
 * no document of the list. */
static int ref_of(struct pg *g, struct refs *r, const char *source)
{
	const struct store_document_row *d = pg_doc(g, source);
	int i;

	if (!d)
		return 0;
	for (i = 0; i < r->n; i++) {
		if (r->doc[i] == d)
			return i + 1;
	}
	if (r->n == (int)MD_ARRAY_SIZE(r->doc))
		return 0;
	r->doc[r->n++] = d;
	return r->n;
}

/* A value's source for a reader: [n] and the words it quotes, or the
 * stored text when it names no document of the list. */
static void source_cell(struct pg *g, struct refs *r, const char *source)
{
	struct report_cite c;
	int n = ref_of(g, r, source);

	if (!n) {
		html_text(g->h, source);
		return;
	}
	H_FMT(g->h, "<a href=\"#ref-%d\">[%d]</a>", n, n);
	if (!report_cite_parse(source, &c) && *c.quote) {
		H_RAW(g->h, " ");
		html_text(g->h, g->p->en ? "“" : "「");
		html_text(g->h, c.quote);
		html_text(g->h, g->p->en ? "”" : "」");
	}
}

static void ref_list(struct pg *g, const struct refs *r)
{
	int i;

	if (!r->n)
		return;
	H_RAW(g->h, "<h3>");
	html_msg(g->h, MSG_SOURCES_OF_PAGE);
	H_RAW(g->h, "</h3>\n<ol class=\"refs\">");
	for (i = 0; i < r->n; i++) {
		H_FMT(g->h, "<li id=\"ref-%d\">", i + 1);
		pg_cite_doc(g, r->doc[i], "", 0);
		H_RAW(g->h, "</li>");
	}
	H_RAW(g->h, "</ol>\n");
}

static void data_table(struct pg *g, const struct ind *x, struct refs *r)
{
	struct html *h = g->h;
	int i, d, stale = 0;

	pg_region(g, M(g, MSG_VALUES_BY_YEAR));
	H_RAW(h, "<table class=\"data\"><caption>");
	html_msg(h, MSG_VALUES_BY_YEAR);
	H_RAW(h, "（");
	html_text(h, unit_of(g->p, x));
	H_RAW(h, "）</caption><thead><tr><th scope=\"col\">");
	html_msg(h, x->calendar ? MSG_YEAR : MSG_FISCAL_YEAR);
	H_RAW(h, "</th>");
	for (d = 0; d < x->ndims; d++) {
		H_RAW(h, "<th scope=\"col\">");
		html_text(h, x->dims[d]);
		H_RAW(h, "</th>");
	}
	H_RAW(h, "<th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_VALUE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_NOTE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_SOURCE);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_AS_OF);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		H_RAW(h, "<tr><th scope=\"row\">");
		year_of(g, x, v->year);
		H_RAW(h, "</th>");
		for (d = 0; d < x->ndims; d++) {
			const char *m = ind_member(g->a, v->breakdown, x->dims[d]);

			H_RAW(h, "<td>");
			if (m)
				html_text(h, m);
			else if (!*v->breakdown)
				html_msg(h, MSG_TOTAL);
			H_RAW(h, "</td>");
		}
		if (v->na) {
			H_RAW(h, "<td class=\"n na\">");
			html_msg(h, MSG_NA);
			H_RAW(h, "</td><td>");
			html_text(h, v->na_reason);
		} else {
			H_RAW(h, "<td class=\"n\">");
			html_num(h, v->value);
			/* the latest value says whether the series is current;
			 * earlier years are old by nature */
			if (!*v->breakdown && x->pr.has_latest && v->year == x->pr.latest_year)
				stale |= stale_badge(g, x, v->year);
			H_RAW(h, "</td><td>");
			html_text(h, v->note);
		}
		H_RAW(h, "</td><td class=\"src\">");
		source_cell(g, r, v->source);
		H_RAW(h, "</td><td>");
		html_text(h, v->as_of);
		H_RAW(h, "</td></tr>\n");
	}
	if (!x->nv) {
		H_FMT(h, "<tr><td colspan=\"%d\" class=\"none\">", 5 + x->ndims);
		html_msg(h, MSG_NO_VALUES_YET);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
	if (stale) {
		H_RAW(h, "<p class=\"meta\">");
		html_msg(h, MSG_STALE_NOTE);
		H_RAW(h, "</p>\n");
	}
}

/* The stored sources as they are (file:line): the secretariat's. */
static void ind_staff(struct pg *g, const struct ind *x)
{
	struct html *h = g->h;
	int i;

	pg_staff_open(g);
	H_RAW(h, "<dl class=\"def\">");
	if (*x->source) {
		H_RAW(h, "<dt>");
		html_msg(h, MSG_DEFINITION);
		H_RAW(h, "</dt><dd><code>");
		html_text(h, x->source);
		H_RAW(h, "</code></dd>");
	}
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		if (!*v->source)
			continue;
		H_RAW(h, "<dt>");
		year_of(g, x, v->year);
		if (*v->breakdown) {
			H_RAW(h, " ");
			html_text(h, ind_member(g->a, v->breakdown, x->dims[0]) ?
				  ind_member(g->a, v->breakdown, x->dims[0]) : "");
		}
		H_RAW(h, "</dt><dd><code>");
		html_text(h, v->source);
		H_RAW(h, "</code></dd>");
	}
	H_RAW(h, "</dl>\n");
	pg_staff_close(g);
}

/* A definition term and the start of its description. */
static void dt(struct pg *g, enum msg term, int src)
{
	H_RAW(g->h, "<dt>");
	html_msg(g->h, term);
	if (src)
		H_RAW(g->h, "</dt><dd class=\"src\">");
	else
		H_RAW(g->h, "</dt><dd>");
}

static void definition(struct pg *g, const struct ind *x)
{
	struct html *h = g->h;

	H_RAW(h, "<section aria-labelledby=\"def\"><h2 id=\"def\">");
	html_msg(h, MSG_DEFINITION);
	H_RAW(h, "</h2><dl class=\"def\">");
	dt(g, MSG_CODE, 0);
	H_RAW(h, "<code>");
	html_text(h, x->code);
	H_RAW(h, "</code></dd>");
	dt(g, MSG_NAME, 0);
	html_text(h, x->name_ja);
	if (*x->name_en) {
		H_RAW(h, " / <span lang=\"en\">");
		html_text(h, x->name_en);
		H_RAW(h, "</span>");
	}
	H_RAW(h, "</dd>");
	dt(g, MSG_UNIT, 0);
	html_text(h, unit_of(g->p, x));
	H_RAW(h, "</dd>");
	dt(g, MSG_DESIRED_DIRECTION, 0);
	html_msg(h, x->up ? MSG_DIRECTION_UP : MSG_DIRECTION_DOWN);
	H_RAW(h, "</dd>");
	dt(g, MSG_YEARS, 0);
	html_msg(h, x->calendar ? MSG_CALENDAR_YEARS : MSG_FISCAL_YEARS);
	H_RAW(h, "</dd>");
	if (x->goal_no) {
		dt(g, MSG_PART_OF_PLAN, 0);
		goal_name(g, x->goal_no, x->goal_title, 1);
		if (x->measure_no) {
			H_RAW(h, " › ");
			pg_link(g, pg_fmt(g, "measures/%d/", x->measure_no),
				pg_fmt(g, "%s %s", pg_measure_label(g, x->measure_no),
				       x->measure_title));
		}
		H_RAW(h, "</dd>");
	}
	dt(g, MSG_BASELINE, 0);
	if (x->has_baseline) {
		value_in(g, x, x->baseline_value, x->baseline_year);
	} else {
		H_RAW(h, "<span class=\"none\">");
		html_msg(h, MSG_BASELINE_NOT_SET);
		H_RAW(h, "</span>");
	}
	H_RAW(h, "</dd>");
	dt(g, MSG_TARGET, 0);
	target_of(g, x);
	if (*x->target_note) {
		H_RAW(h, " — ");
		html_text(h, x->target_note);
	}
	H_RAW(h, "</dd>");
	if (*x->source) {
		const struct store_document_row *doc = pg_doc(g, x->source);
		struct report_cite c;

		dt(g, MSG_SOURCE, 1);
		pg_cite_doc(g, doc, x->source, 0);
		if (doc && !report_cite_parse(x->source, &c) && *c.quote) {
			H_RAW(h, " ");
			html_text(h, g->p->en ? "“" : "「");
			html_text(h, c.quote);
			html_text(h, g->p->en ? "”" : "」");
		}
		H_RAW(h, "</dd>");
	}
	if (*x->notes) {
		dt(g, MSG_NOTES, 0);
		html_text(h, x->notes);
		H_RAW(h, "</dd>");
	}
	H_RAW(h, "</dl></section>\n");
}

int page_indicator(struct store *st, const struct page *p, const char *code,
		   int editable, struct buf *out)
{
	struct pg g;
	struct ind_set s;
	struct crumb cr[3];
	const struct ind *x;
	struct refs refs;
	struct html *h = g.h;
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = ind_load(st, code, 0, g.a, &s)))
		return pg_close(&g, rc);
	x = &s.ind[0];
	cr[0].href = "";
	cr[0].text = M(&g, MSG_TOP);
	cr[1].href = "indicators/";
	cr[1].text = M(&g, MSG_NAV_INDICATORS);
	cr[2].href = NULL;
	cr[2].text = name_of(p, x);
	pg_head(&g, name_of(p, x), cr, 3);
	H_RAW(h, "<p class=\"lead-status\">");
	html_msg(h, MSG_STATUS_COLON);
	H_RAW(h, " ");
	status_badge(h, x->pr.status);
	H_RAW(h, "</p>\n");
	if (editable && !p->published) {
		H_RAW(h, "<p class=\"edit-link\">");
		pg_link(&g, pg_fmt(&g, "indicators/%s/edit/", x->code), M(&g, MSG_IE_EDIT));
		H_RAW(h, "</p>\n");
	}
	definition(&g, x);

	H_RAW(h, "<section aria-labelledby=\"prog\"><h2 id=\"prog\">");
	html_msg(h, MSG_TREND);
	H_RAW(h, "</h2>\n<figure class=\"chart\">");
	ind_chart(h, x, "chart");
	H_RAW(h, "<figcaption>");
	/* the dashed target line is drawn only when there is a target */
	html_msg(h, x->has_target ? MSG_CHART_CAPTION : MSG_CHART_CAPTION_NO_TARGET);
	H_RAW(h, "</figcaption></figure>\n");
	inputs_table(&g, x);
	H_RAW(h, "</section>\n<section aria-labelledby=\"data\"><h2 id=\"data\">");
	html_msg(h, MSG_DATA);
	H_RAW(h, "</h2>\n");
	refs.n = 0;
	data_table(&g, x, &refs);
	ref_list(&g, &refs);
	H_RAW(h, "<p class=\"dl\"><a href=\"");
	html_url3(h, p->top, pg_fmt(&g, "indicators/%s/data.csv", x->code), NULL);
	H_RAW(h, "\">CSV</a> <a href=\"");
	html_url3(h, p->top, pg_fmt(&g, "indicators/%s/chart.svg", x->code), NULL);
	H_RAW(h, "\">SVG</a>");
	if (!p->published) {
		H_RAW(h, " <a href=\"");
		html_url3(h, p->top, pg_fmt(&g, "api/v1/indicators/%s", x->code), NULL);
		H_RAW(h, "\">JSON</a>");
	}
	H_RAW(h, "</p>\n</section>\n");
	if (pg_staff(&g))
		ind_staff(&g, x);
	pg_foot(&g);
	return pg_close(&g, 0);
}
