/*
 * Indicators (指標): loading definitions and values, their progress, the
 * text listing, the CSV exports in the import layout, and the pages (the
 * scorecard and one indicator with its method, chart and data).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- loading ---- */

int ind_load(struct store *st, const char *code, int goal, struct arena *a,
	     struct ind_set *s)
{
	struct store_filter f = { 0 };
	struct tab d, v;
	int rc, i, j, k;

	memset(s, 0, sizeof(*s));
	f.code = code;
	f.goal = goal;
	if ((rc = tab_load(st, STORE_Q_INDICATORS, &f, a, &d)))
		return rc;
	if (code && !d.nrow)
		return MD_ENOTFOUND;
	f.goal = 0;
	if ((rc = tab_load(st, STORE_Q_IVALUES, &f, a, &v)))
		return rc;
	s->ind = arena_alloc(a, sizeof(*s->ind) * (size_t)(d.nrow ? d.nrow : 1));
	if (!s->ind)
		return MD_ENOMEM;
	for (i = 0; i < d.nrow; i++) {
		struct ind *x = &s->ind[i];
		const char *dims;

		memset(x, 0, sizeof(*x));
		x->id = tab_i(&d, i, "id");
		x->code = tab_s(&d, i, "code");
		x->name_ja = tab_s(&d, i, "name_ja");
		x->name_en = tab_s(&d, i, "name_en");
		x->unit = tab_s(&d, i, "unit");
		x->unit_en = tab_s(&d, i, "unit_en");
		x->up = !strcmp(tab_s(&d, i, "direction"), "up");
		x->calendar = !strcmp(tab_s(&d, i, "year_kind"), "calendar");
		x->goal_no = (int)tab_i(&d, i, "goal_no");
		x->goal_title = tab_s(&d, i, "goal_title");
		x->goal_linked = (int)tab_i(&d, i, "goal_linked");
		x->measure_no = (int)tab_i(&d, i, "measure_no");
		x->measure_title = tab_s(&d, i, "measure_title");
		x->has_baseline = !tab_null(&d, i, "baseline_year");
		x->baseline_year = (int)tab_i(&d, i, "baseline_year");
		x->baseline_value = strtod(tab_s(&d, i, "baseline_value"), NULL);
		x->has_target = !tab_null(&d, i, "target_year");
		x->target_year = (int)tab_i(&d, i, "target_year");
		x->target_value = strtod(tab_s(&d, i, "target_value"), NULL);
		x->target_note = tab_s(&d, i, "target_note");
		x->source = tab_s(&d, i, "source");
		x->notes = tab_s(&d, i, "notes");
		dims = tab_s(&d, i, "breakdowns");
		while (*dims && x->ndims < (int)MD_ARRAY_SIZE(x->dims)) {
			size_t w = strcspn(dims, "\x1f");

			x->dims[x->ndims] = arena_strndup(a, dims, w);
			if (!x->dims[x->ndims])
				return MD_ENOMEM;
			x->ndims++;
			dims += w + (dims[w] != 0);
		}
		for (j = 0; j < v.nrow; j++)
			x->nv += tab_i(&v, j, "indicator_id") == x->id;
		x->v = arena_alloc(a, sizeof(*x->v) * (size_t)(x->nv ? x->nv : 1));
		if (!x->v)
			return MD_ENOMEM;
		for (j = 0, k = 0; j < v.nrow; j++) {
			struct ind_value *y = &x->v[k];

			if (tab_i(&v, j, "indicator_id") != x->id)
				continue;
			y->year = (int)tab_i(&v, j, "year");
			y->breakdown = tab_s(&v, j, "breakdown");
			y->na = tab_null(&v, j, "value");
			y->value = y->na ? 0 : strtod(tab_s(&v, j, "value"), NULL);
			y->na_reason = tab_s(&v, j, "na_reason");
			y->note = tab_s(&v, j, "note");
			y->source = tab_s(&v, j, "source");
			y->as_of = tab_s(&v, j, "as_of");
			k++;
		}
		ind_progress(x, "", &x->pr);
	}
	s->n = d.nrow;
	return 0;
}

void ind_progress(const struct ind *x, const char *breakdown,
		  struct kpi_progress *pr)
{
	struct kpi_point pts[256];
	struct kpi_def d;
	int i, n = 0;

	memset(&d, 0, sizeof(d));
	d.direction = x->up ? 1 : -1;
	d.has_baseline = x->has_baseline;
	d.baseline_year = x->baseline_year;
	d.baseline_value = x->baseline_value;
	d.has_target = x->has_target;
	d.target_year = x->target_year;
	d.target_value = x->target_value;
	for (i = 0; i < x->nv && n < (int)MD_ARRAY_SIZE(pts); i++) {
		if (strcmp(x->v[i].breakdown, breakdown))
			continue;
		pts[n].year = x->v[i].year;
		pts[n].na = x->v[i].na;
		pts[n].value = x->v[i].value;
		n++;
	}
	kpi_progress(&d, pts, n, pr);
}

void ind_num(struct buf *b, double v)
{
	num_format(b, v, num_decimals(v), 1);
}

void ind_num_plain(struct buf *b, double v)
{
	num_format(b, v, num_decimals(v), 0);
}

const char *ind_member(struct arena *a, const char *bk, const char *dim)
{
	size_t dl = strlen(dim);

	while (*bk) {
		size_t w = strcspn(bk, "\x1e");
		const char *us = memchr(bk, '\x1f', w);

		if (us && (size_t)(us - bk) == dl && !memcmp(bk, dim, dl))
			return arena_strndup(a, us + 1, w - dl - 1);
		bk += w + (bk[w] != 0);
	}
	return NULL;
}

void ind_year(struct buf *b, const struct ind *x, int en, int year)
{
	if (x->calendar) {
		buf_printf(b, en ? "%d" : "%d年", year);
		return;
	}
	if (en) {
		buf_printf(b, "FY%d", year);
		return;
	}
	text_era_fy_ja(year, b);
	buf_printf(b, "（FY%d）", year);
}

/* A rate as a signed percentage: +18.7%. */
static void pct(struct buf *b, double r)
{
	buf_printf(b, "%+.1f%%", r * 100 + 0.0);
}

/* ---- text ---- */

static void text_one(struct buf *b, const struct ind *x, int en)
{
	const struct kpi_progress *pr = &x->pr;
	const char *cur = NULL;
	int i;

	buf_printf(b, "%s  %s [%s]\n", x->code, en && *x->name_en ? x->name_en : x->name_ja,
		   en && *x->unit_en ? x->unit_en : x->unit);
	buf_printf(b, "  %s; %s\n", x->up ? (en ? "higher is better" : "増加が望ましい") :
		   (en ? "lower is better" : "減少が望ましい"),
		   x->calendar ? (en ? "calendar years" : "暦年") :
		   (en ? "fiscal years" : "年度"));
	if (x->goal_no) {
		buf_printf(b, en ? "  goal %d" : "  ゴール%d", x->goal_no);
		if (x->measure_no)
			buf_printf(b, en ? ", measure %d" : "、施策%d", x->measure_no);
		buf_putc(b, '\n');
	}
	buf_puts(b, en ? "  baseline: " : "  基準: ");
	if (x->has_baseline) {
		ind_year(b, x, en, x->baseline_year);
		buf_putc(b, ' ');
		ind_num(b, x->baseline_value);
	} else {
		buf_puts(b, en ? "not set (the first value is used)" :
			 "未設定（最初の値を使用）");
	}
	buf_puts(b, en ? "; target: " : "；目標: ");
	if (x->has_target) {
		ind_num(b, x->target_value);
		buf_puts(b, " (");
		ind_year(b, x, en, x->target_year);
		buf_puts(b, ")");
	} else {
		buf_puts(b, en ? "not set" : "未設定");
		if (*x->target_note)
			buf_printf(b, " — %s", x->target_note);
	}
	buf_putc(b, '\n');
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		if (!cur || strcmp(cur, v->breakdown)) {
			const char *p;

			cur = v->breakdown;
			buf_puts(b, "  ");
			if (!*cur)
				buf_puts(b, en ? "total:" : "合計:");
			for (p = cur; *p; p++)
				buf_putc(b, *p == '\x1f' ? '=' : *p == '\x1e' ? ',' : *p);
			if (*cur)
				buf_putc(b, ':');
		}
		buf_putc(b, ' ');
		ind_year(b, x, en, v->year);
		buf_putc(b, ' ');
		if (v->na)
			buf_printf(b, en ? "n/a (%s)" : "なし（%s）", v->na_reason);
		else
			ind_num(b, v->value);
		if (i + 1 == x->nv || strcmp(x->v[i + 1].breakdown, cur))
			buf_putc(b, '\n');
		else
			buf_putc(b, ',');
	}
	buf_printf(b, en ? "  status: %s (%s)" : "  状況: %s（%s）",
		   kpi_status_code(pr->status), kpi_status_label(pr->status, en));
	if (pr->has_rate) {
		buf_puts(b, en ? "; observed rate " : "；年平均成長率 ");
		pct(b, pr->rate);
	}
	if (pr->has_ratio)
		buf_printf(b, en ? "; ratio %.2f" : "；比率 %.2f", pr->ratio);
	if (pr->reason)
		buf_printf(b, " — %s", kpi_reason_text(pr->reason, en));
	buf_putc(b, '\n');
}

int report_indicators_text(struct store *st, const char *code, int en,
			   struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	rc = ind_load(st, code, 0, a, &s);
	for (i = 0; !rc && i < s.n; i++) {
		if (i)
			buf_putc(out, '\n');
		text_one(out, &s.ind[i], en);
	}
	if (!rc && !s.n)
		buf_puts(out, en ? "No indicators are defined.\n" :
			 "指標は登録されていません。\n");
	arena_free(a);
	return rc ? rc : buf_error(out);
}

/* ---- CSV in the import layout ---- */

int report_indicators_csv(struct store *st, const char *code, struct buf *out)
{
	struct arena *a = arena_new();
	const char *dims[64];
	struct ind_set s;
	int rc, i, j, k, nd = 0;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, code, 0, a, &s)))
		goto out;
	for (i = 0; i < s.n; i++) {
		for (j = 0; j < s.ind[i].ndims; j++) {
			for (k = 0; k < nd && strcmp(dims[k], s.ind[i].dims[j]); k++)
				;
			if (k == nd && nd < (int)MD_ARRAY_SIZE(dims))
				dims[nd++] = s.ind[i].dims[j];
		}
	}
	buf_puts(out, "\xef\xbb\xbf" "code,year,value,note,source,date");
	for (k = 0; k < nd; k++) {
		buf_putc(out, ',');
		report_csv_field(out, dims[k]);
	}
	buf_puts(out, "\r\n");
	for (i = 0; i < s.n; i++) {
		for (j = 0; j < s.ind[i].nv; j++) {
			const struct ind_value *v = &s.ind[i].v[j];

			report_csv_field(out, s.ind[i].code);
			buf_printf(out, ",%d,", v->year);
			if (!v->na)
				ind_num_plain(out, v->value);
			buf_putc(out, ',');
			report_csv_field(out, v->na ? v->na_reason : v->note);
			buf_putc(out, ',');
			report_csv_field(out, v->source);
			buf_putc(out, ',');
			report_csv_field(out, v->as_of);
			for (k = 0; k < nd; k++) {
				const char *m = ind_member(a, v->breakdown, dims[k]);

				buf_putc(out, ',');
				report_csv_field(out, m ? m : "");
			}
			buf_puts(out, "\r\n");
		}
	}
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}

int report_indicator_defs_csv(struct store *st, struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, NULL, 0, a, &s)))
		goto out;
	buf_puts(out, "\xef\xbb\xbf" "code,name_ja,name_en,unit,unit_en,direction,"
		 "year_kind,goal,measure,baseline_year,baseline_value,target_year,"
		 "target_value,target_note,source,notes\r\n");
	for (i = 0; i < s.n; i++) {
		const struct ind *x = &s.ind[i];

		report_csv_field(out, x->code);
		buf_putc(out, ',');
		report_csv_field(out, x->name_ja);
		buf_putc(out, ',');
		report_csv_field(out, x->name_en);
		buf_putc(out, ',');
		report_csv_field(out, x->unit);
		buf_putc(out, ',');
		report_csv_field(out, x->unit_en);
		buf_printf(out, ",%s,%s,", x->up ? "up" : "down",
			   x->calendar ? "calendar" : "fiscal");
		if (x->goal_linked && x->goal_no)
			buf_printf(out, "%d", x->goal_no);
		buf_putc(out, ',');
		if (x->measure_no)
			buf_printf(out, "%d", x->measure_no);
		buf_putc(out, ',');
		if (x->has_baseline) {
			buf_printf(out, "%d,", x->baseline_year);
			ind_num_plain(out, x->baseline_value);
		} else {
			buf_putc(out, ',');
		}
		buf_putc(out, ',');
		if (x->has_target) {
			buf_printf(out, "%d,", x->target_year);
			ind_num_plain(out, x->target_value);
		} else {
			buf_putc(out, ',');
		}
		buf_putc(out, ',');
		report_csv_field(out, x->target_note);
		buf_putc(out, ',');
		report_csv_field(out, x->source);
		buf_putc(out, ',');
		report_csv_field(out, x->notes);
		buf_puts(out, "\r\n");
	}
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}

/* ---- pages ---- */

static const char *name_of(const struct report_page *p, const struct ind *x)
{
	return p->en && *x->name_en ? x->name_en : x->name_ja;
}

static const char *unit_of(const struct report_page *p, const struct ind *x)
{
	return p->en && *x->unit_en ? x->unit_en : x->unit;
}

static void status_badge(struct buf *b, const struct report_page *p,
			 enum kpi_status s)
{
	buf_printf(b, "<span class=\"status %s\">%s</span>", kpi_status_code(s),
		   kpi_status_label(s, p->en));
}

static void value_unit(struct buf *b, const struct report_page *p,
		       const struct ind *x, double v)
{
	ind_num(b, v);
	buf_puts(b, p->en ? " " : "");
	html_esc(b, unit_of(p, x));
}

static void year_html(struct buf *b, const struct report_page *p,
		      const struct ind *x, int year)
{
	struct buf t = BUF_INIT;

	ind_year(&t, x, p->en, year);
	html_esc(b, t.ptr);
	buf_release(&t);
}

/* "目標 100コース（2026年）" or "未設定" */
static void target_html(struct buf *b, const struct report_page *p,
			const struct ind *x)
{
	if (!x->has_target) {
		buf_printf(b, "<span class=\"none\">%s</span>", L(p, "未設定", "not set"));
		return;
	}
	value_unit(b, p, x, x->target_value);
	buf_puts(b, p->en ? " by " : "（");
	year_html(b, p, x, x->target_year);
	buf_puts(b, p->en ? "" : "）");
}

static void latest_html(struct buf *b, const struct report_page *p,
			const struct ind *x)
{
	if (!x->pr.has_latest) {
		buf_puts(b, "<span class=\"none\">—</span>");
		return;
	}
	value_unit(b, p, x, x->pr.latest_value);
	buf_puts(b, p->en ? " (" : "（");
	year_html(b, p, x, x->pr.latest_year);
	buf_puts(b, p->en ? ")" : "）");
}

static void ind_href(struct buf *b, const struct ind *x)
{
	buf_puts(b, "indicators/");
	buf_puts(b, x->code);   /* codes are [A-Za-z0-9._-] */
	buf_putc(b, '/');
}

static void method_section(struct buf *b, const struct report_page *p)
{
	int s;
	static const char *const crit_ja[KPI_STATUS_COUNT_] = {
		"最新値が目標値に達している（望ましい方向に）",
		"比率 R ≥ 0.95",
		"0.60 ≤ R < 0.95",
		"0 ≤ R < 0.60",
		"R < 0（望ましくない方向に変化）",
		"目標値が設定されていない（観測された成長率と方向は表示）",
		"値が1年分しかない、基準値・最新値・目標値が0以下など、成長率を正しく計算できない",
	};
	static const char *const crit_en[KPI_STATUS_COUNT_] = {
		"the latest value has reached the target (in the desired direction)",
		"ratio R ≥ 0.95",
		"0.60 ≤ R < 0.95",
		"0 ≤ R < 0.60",
		"R < 0 (moving the wrong way)",
		"no target is set (the observed rate and its direction are still shown)",
		"one year of data only, or a base, latest or target value of zero or "
		"less: the growth rate cannot be computed honestly",
	};

	buf_printf(b, "<section aria-labelledby=\"method\"><h2 id=\"method\">%s</h2>\n<p>",
		   L(p, "進捗の判定方法", "How progress is assessed"));
	buf_puts(b, L(p, "カナダ統計局が考案し Open SDG が用いる方法によります。"
		      "基準年から最新年までの年平均成長率（観測値）を、基準値から目標年に"
		      "目標値へ到達するのに必要な年平均成長率で割った比率 R"
		      "（減少が望ましい指標では符号を反転）で判定します。"
		      "基準値や目標値が0のときに0.001などで置き換える推計は行わず、"
		      "「データ不足」とします。目標までの距離のうち達成した割合"
		      "（直線的な進捗）も併せて示します。",
		      "The method is the one Statistics Canada designed and Open SDG uses: "
		      "the compound annual growth rate observed from the base year to the "
		      "latest year, divided by the rate needed to go from the base value to "
		      "the target by the target year, gives the ratio R (its sign turned "
		      "for indicators where lower is better). A zero base or target is not "
		      "replaced by a small number such as 0.001; the status is then "
		      "\"not enough data\". The share of the distance to the target covered "
		      "so far (linear progress) is shown alongside."));
	buf_puts(b, "</p>\n<table class=\"method\"><thead><tr><th scope=\"col\">");
	buf_puts(b, L(p, "状況", "Status"));
	buf_puts(b, "</th><th scope=\"col\">");
	buf_puts(b, L(p, "基準", "Criterion"));
	buf_puts(b, "</th><th scope=\"col\">");
	buf_puts(b, L(p, "コード", "Code"));
	buf_puts(b, "</th></tr></thead><tbody>\n");
	for (s = 0; s < KPI_STATUS_COUNT_; s++) {
		buf_puts(b, "<tr><td>");
		status_badge(b, p, (enum kpi_status)s);
		buf_printf(b, "</td><td>%s</td><td><code>%s</code></td></tr>\n",
			   p->en ? crit_en[s] : crit_ja[s], kpi_status_code((enum kpi_status)s));
	}
	buf_puts(b, "</tbody></table></section>\n");
}

/* The indicators of goal `no` (0: of none) as a table. */
static void ind_table(struct buf *out, const struct report_page *p,
		      const struct ind_set *s, int no)
{
	int i;

	buf_printf(out, "<div class=\"scroll\"><table class=\"inds\"><thead><tr>"
		   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		   L(p, "指標", "Indicator"), L(p, "最新値", "Latest value"),
		   L(p, "目標", "Target"), L(p, "状況", "Status"));
	for (i = 0; i < s->n; i++) {
		const struct ind *x = &s->ind[i];
		struct buf h = BUF_INIT;

		if (x->goal_no != no)
			continue;
		ind_href(&h, x);
		buf_puts(out, "<tr><th scope=\"row\">");
		html_link(out, p, h.ptr, name_of(p, x));
		buf_puts(out, " <code>");
		html_esc(out, x->code);
		buf_puts(out, "</code></th><td>");
		latest_html(out, p, x);
		buf_puts(out, "</td><td>");
		target_html(out, p, x);
		buf_puts(out, "</td><td>");
		status_badge(out, p, x->pr.status);
		buf_puts(out, "</td></tr>\n");
		buf_release(&h);
	}
	buf_puts(out, "</tbody></table></div>\n");
}

int ind_goal_section(struct store *st, const struct report_page *p, int goal,
		     struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	int rc;

	if (!a)
		return MD_ENOMEM;
	rc = ind_load(st, NULL, goal, a, &s);
	if (!rc && s.n) {
		buf_printf(out, "<section aria-labelledby=\"kpi\"><h2 id=\"kpi\">%s</h2>\n",
			   L(p, "指標", "Indicators"));
		ind_table(out, p, &s, goal);
		buf_puts(out, "</section>\n");
	}
	arena_free(a);
	return rc;
}


int report_page_indicators(struct store *st, const struct report_page *p,
			   struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	struct tab goals;
	struct crumb cr[2];
	int rc, g, i, k, total[KPI_STATUS_COUNT_] = { 0 }, unlinked = 0, ng;
	long long plan;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, NULL, 0, a, &s)))
		goto out;
	memset(&goals, 0, sizeof(goals));
	if (store_plan_find(st, 0, &plan, NULL) == 0 &&
	    (rc = tab_load(st, STORE_Q_GOALS, NULL, a, &goals)))
		goto out;
	ng = goals.nrow;
	cr[0].href = "";
	cr[0].text = L(p, "トップ", "Home");
	cr[1].href = NULL;
	cr[1].text = L(p, "指標", "Indicators");
	html_head(out, p, L(p, "指標と進捗", "Indicators and progress"), cr, 2);
	buf_printf(out, "<p>%s</p>\n", L(p,
		"基本計画のゴールごとに、指標の値と目標に対する進捗の状況を示します。"
		"判定の方法は下の「進捗の判定方法」にあります。",
		"The indicators of each goal of the plan, their values and their "
		"progress toward the target. The method is described under "
		"\"How progress is assessed\" below."));
	for (i = 0; i < s.n; i++)
		unlinked += !s.ind[i].goal_no;

	/* the scorecard: goals x status */
	buf_printf(out, "<div class=\"scroll\"><table class=\"scorecard\"><caption>%s"
		   "</caption>\n<thead><tr><th scope=\"col\">%s</th>",
		   L(p, "ゴール別・状況別の指標数", "Indicators by goal and status"),
		   L(p, "ゴール", "Goal"));
	for (k = 0; k < KPI_STATUS_COUNT_; k++)
		buf_printf(out, "<th scope=\"col\" class=\"n\"><span class=\"status %s\">"
			   "%s</span></th>", kpi_status_code((enum kpi_status)k),
			   kpi_status_label((enum kpi_status)k, p->en));
	buf_printf(out, "<th scope=\"col\" class=\"n\">%s</th></tr></thead>\n<tbody>\n",
		   L(p, "計", "Total"));
	for (g = 0; g <= ng; g++) {
		int no = g < ng ? (int)tab_i(&goals, g, "no") : 0, cnt[KPI_STATUS_COUNT_] = { 0 };
		int sum = 0;

		if (g == ng && !unlinked)
			break;
		for (i = 0; i < s.n; i++) {
			if (s.ind[i].goal_no == no) {
				cnt[s.ind[i].pr.status]++;
				sum++;
			}
		}
		buf_puts(out, "<tr><th scope=\"row\">");
		if (no) {
			struct buf h = BUF_INIT, t = BUF_INIT;

			buf_printf(&h, "goals/%d/", no);
			buf_printf(&t, p->en ? "Goal %d " : "ゴール%d ", no);
			buf_puts(&t, tab_s(&goals, g, "title"));
			html_link(out, p, h.ptr, t.ptr);
			buf_release(&h);
			buf_release(&t);
		} else {
			buf_puts(out, L(p, "ゴールに結び付いていない指標",
					"Not linked to a goal"));
		}
		buf_puts(out, "</th>");
		for (k = 0; k < KPI_STATUS_COUNT_; k++) {
			total[k] += cnt[k];
			if (cnt[k])
				buf_printf(out, "<td class=\"n %s\">%d</td>",
					   kpi_status_code((enum kpi_status)k), cnt[k]);
			else
				buf_puts(out, "<td class=\"n zero\">0</td>");
		}
		if (sum)
			buf_printf(out, "<td class=\"n\">%d</td></tr>\n", sum);
		else
			buf_printf(out, "<td class=\"n\"><span class=\"none\">%s</span></td></tr>\n",
				   L(p, "指標なし", "none"));
	}
	buf_printf(out, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", L(p, "計", "Total"));
	for (k = 0; k < KPI_STATUS_COUNT_; k++)
		buf_printf(out, "<td class=\"n\">%d</td>", total[k]);
	buf_printf(out, "<td class=\"n\">%d</td></tr></tfoot></table></div>\n", s.n);

	/* every indicator, by goal */
	buf_printf(out, "<h2>%s</h2>\n", L(p, "指標の一覧", "All indicators"));
	if (!s.n)
		buf_printf(out, "<p class=\"none\">%s</p>\n", L(p,
			   "指標はまだ登録されていません。",
			   "No indicators have been defined yet."));
	for (g = 0; g <= ng; g++) {
		int no = g < ng ? (int)tab_i(&goals, g, "no") : 0, any = 0;

		for (i = 0; i < s.n; i++)
			any += s.ind[i].goal_no == no;
		if (!any)
			continue;
		buf_puts(out, "<h3>");
		if (no) {
			buf_printf(out, p->en ? "Goal %d " : "ゴール%d ", no);
			html_esc(out, tab_s(&goals, g, "title"));
		} else {
			buf_puts(out, L(p, "ゴールに結び付いていない指標",
					"Not linked to a goal"));
		}
		buf_puts(out, "</h3>\n");
		ind_table(out, p, &s, no);
	}
	buf_puts(out, "<p class=\"dl\">");
	buf_puts(out, L(p, "データ（CSV、取り込みと同じ形式）：", "Data (CSV, the import layout): "));
	buf_puts(out, "<a href=\"");
	html_esc(out, p->top);
	buf_puts(out, "downloads/indicators.csv\">indicators.csv</a> <a href=\"");
	html_esc(out, p->top);
	buf_puts(out, "downloads/indicator-defs.csv\">indicator-defs.csv</a>");
	if (!p->published) {
		buf_puts(out, " <a href=\"");
		html_esc(out, p->top);
		buf_puts(out, "api/v1/indicators\">JSON</a>");
	}
	buf_puts(out, "</p>\n");
	method_section(out, p);
	html_foot(out, p);
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}

/* One row of the inputs table. */
static void input_row(struct buf *b, const char *label, const char *html)
{
	buf_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", label, html);
}

static void inputs_table(struct buf *b, const struct report_page *p,
			 const struct ind *x)
{
	const struct kpi_progress *pr = &x->pr;
	struct buf v = BUF_INIT;

	buf_printf(b, "<table class=\"inputs\"><caption>%s</caption><tbody>\n",
		   L(p, "計算に用いた値", "The inputs and the result"));
	buf_reset(&v);
	if (pr->has_base) {
		value_unit(&v, p, x, pr->base_value);
		buf_puts(&v, p->en ? " in " : "（");
		year_html(&v, p, x, pr->base_year);
		buf_puts(&v, p->en ? "" : "）");
		buf_puts(&v, pr->base_defined ? L(p, " — 定義された基準値", " — the defined baseline") :
			 L(p, " — 基準値が未設定のため最初の値", " — no baseline is defined, so the first value"));
	} else {
		buf_puts(&v, "—");
	}
	input_row(b, L(p, "基準", "Base"), v.ptr);
	buf_reset(&v);
	latest_html(&v, p, x);
	input_row(b, L(p, "最新値", "Latest value"), v.ptr);
	buf_reset(&v);
	target_html(&v, p, x);
	if (!x->has_target && *x->target_note) {
		buf_puts(&v, " — ");
		html_esc(&v, x->target_note);
	}
	input_row(b, L(p, "目標", "Target"), v.ptr);
	buf_reset(&v);
	buf_puts(&v, x->up ? L(p, "増加が望ましい（d = +1）", "higher is better (d = +1)") :
		 L(p, "減少が望ましい（d = −1）", "lower is better (d = −1)"));
	input_row(b, L(p, "望ましい方向", "Desired direction"), v.ptr);
	buf_reset(&v);
	if (pr->has_rate) {
		pct(&v, pr->rate);
		buf_puts(&v, L(p, "／年 = (最新値 ÷ 基準値)^(1 ÷ 年数) − 1",
			       " a year = (latest ÷ base)^(1 ÷ years) − 1"));
	} else {
		buf_puts(&v, "—");
	}
	input_row(b, L(p, "観測された年平均成長率", "Observed compound annual growth rate"),
		  v.ptr);
	buf_reset(&v);
	if (pr->has_required) {
		pct(&v, pr->required);
		buf_puts(&v, L(p, "／年 = (目標値 ÷ 基準値)^(1 ÷ 目標までの年数) − 1",
			       " a year = (target ÷ base)^(1 ÷ years to target) − 1"));
	} else {
		buf_puts(&v, "—");
	}
	input_row(b, L(p, "目標に必要な年平均成長率", "Growth rate needed for the target"),
		  v.ptr);
	buf_reset(&v);
	if (pr->has_ratio)
		buf_printf(&v, "%.3f = d × %s ÷ |%s|", pr->ratio,
			   L(p, "観測", "observed"), L(p, "必要", "needed"));
	else
		buf_puts(&v, "—");
	input_row(b, L(p, "比率 R", "Ratio R"), v.ptr);
	buf_reset(&v);
	if (pr->has_linear) {
		buf_printf(&v, "%.1f%%", pr->linear * 100 + 0.0);
		if (pr->has_elapsed)
			buf_printf(&v, L(p, "（目標年までの期間の %.1f%% が経過）",
					 " (%.1f%% of the time to the target year has passed)"),
				   pr->elapsed * 100 + 0.0);
	} else {
		buf_puts(&v, "—");
	}
	input_row(b, L(p, "直線的な進捗（目標までの距離のうち達成した割合）",
		       "Linear progress (share of the distance to the target covered)"), v.ptr);
	buf_reset(&v);
	if (pr->gaps) {
		buf_printf(&v, L(p, "%d年分（最初は ", "%d year(s) (the first is "), pr->gaps);
		year_html(&v, p, x, pr->first_gap);
		buf_puts(&v, L(p, "）。計算は基準と最新値の2点によります。",
			       "); the rates use the base and latest values only."));
	} else {
		buf_puts(&v, L(p, "なし", "none"));
	}
	if (pr->na_after)
		buf_printf(&v, L(p, "。最新値より後の %d 年分は値なし", "; %d later year(s) not available"),
			   pr->na_after);
	input_row(b, L(p, "値のない年", "Years without a value"), v.ptr);
	buf_reset(&v);
	status_badge(&v, p, pr->status);
	if (pr->reason) {
		buf_puts(&v, " ");
		html_esc(&v, kpi_reason_text(pr->reason, p->en));
	}
	input_row(b, L(p, "判定", "Result"), v.ptr);
	buf_puts(b, "</tbody></table>\n");
	buf_release(&v);
}

static void data_table(struct buf *b, const struct report_page *p,
		       const struct ind *x, struct arena *a)
{
	int i, d;

	buf_printf(b, "<div class=\"scroll\"><table class=\"data\"><caption>%s（%s）</caption>"
		   "<thead><tr><th scope=\"col\">%s</th>",
		   L(p, "年ごとの値", "Values by year"), unit_of(p, x),
		   x->calendar ? L(p, "年", "Year") : L(p, "年度", "Fiscal year"));
	for (d = 0; d < x->ndims; d++) {
		buf_puts(b, "<th scope=\"col\">");
		html_esc(b, x->dims[d]);
		buf_puts(b, "</th>");
	}
	buf_printf(b, "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		   L(p, "値", "Value"), L(p, "備考", "Note"), L(p, "出典", "Source"),
		   L(p, "時点", "As of"));
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		buf_puts(b, "<tr><th scope=\"row\">");
		year_html(b, p, x, v->year);
		buf_puts(b, "</th>");
		for (d = 0; d < x->ndims; d++) {
			const char *m = ind_member(a, v->breakdown, x->dims[d]);

			buf_puts(b, "<td>");
			if (m)
				html_esc(b, m);
			else
				buf_puts(b, *v->breakdown ? "" : L(p, "合計", "Total"));
			buf_puts(b, "</td>");
		}
		if (v->na) {
			buf_printf(b, "<td class=\"n na\">%s</td><td>", L(p, "値なし", "n/a"));
			html_esc(b, v->na_reason);
		} else {
			buf_puts(b, "<td class=\"n\">");
			ind_num(b, v->value);
			buf_puts(b, "</td><td>");
			html_esc(b, v->note);
		}
		buf_puts(b, "</td><td class=\"src\">");
		html_esc(b, v->source);
		buf_puts(b, "</td><td>");
		html_esc(b, v->as_of);
		buf_puts(b, "</td></tr>\n");
	}
	if (!x->nv)
		buf_printf(b, "<tr><td colspan=\"%d\" class=\"none\">%s</td></tr>\n",
			   5 + x->ndims, L(p, "値はまだありません。", "No values yet."));
	buf_puts(b, "</tbody></table></div>\n");
}

int report_page_indicator(struct store *st, const struct report_page *p,
			  const char *code, struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	struct crumb cr[3];
	const struct ind *x;
	struct buf t = BUF_INIT;
	int rc;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, code, 0, a, &s)))
		goto out;
	x = &s.ind[0];
	cr[0].href = "";
	cr[0].text = L(p, "トップ", "Home");
	cr[1].href = "indicators/";
	cr[1].text = L(p, "指標", "Indicators");
	cr[2].href = NULL;
	cr[2].text = name_of(p, x);
	html_head(out, p, name_of(p, x), cr, 3);
	buf_printf(out, "<p class=\"lead-status\">%s ", L(p, "状況：", "Status: "));
	status_badge(out, p, x->pr.status);
	buf_puts(out, "</p>\n");

	buf_printf(out, "<section aria-labelledby=\"def\"><h2 id=\"def\">%s</h2><dl class=\"def\">",
		   L(p, "定義", "Definition"));
	buf_printf(out, "<dt>%s</dt><dd><code>", L(p, "コード", "Code"));
	html_esc(out, x->code);
	buf_printf(out, "</code></dd><dt>%s</dt><dd>", L(p, "名称", "Name"));
	html_esc(out, x->name_ja);
	if (*x->name_en) {
		buf_puts(out, " / <span lang=\"en\">");
		html_esc(out, x->name_en);
		buf_puts(out, "</span>");
	}
	buf_printf(out, "</dd><dt>%s</dt><dd>", L(p, "単位", "Unit"));
	html_esc(out, unit_of(p, x));
	buf_printf(out, "</dd><dt>%s</dt><dd>%s</dd>", L(p, "望ましい方向", "Desired direction"),
		   x->up ? L(p, "増加（高いほど良い）", "up (higher is better)") :
		   L(p, "減少（低いほど良い）", "down (lower is better)"));
	buf_printf(out, "<dt>%s</dt><dd>%s</dd>", L(p, "年の区切り", "Years"),
		   x->calendar ? L(p, "暦年（1月～12月）", "calendar years") :
		   L(p, "年度（4月～翌年3月）", "fiscal years (April to March)"));
	if (x->goal_no) {
		buf_printf(out, "<dt>%s</dt><dd>", L(p, "計画との関係", "Part of the plan"));
		buf_reset(&t);
		buf_printf(&t, "goals/%d/", x->goal_no);
		{
			struct buf l = BUF_INIT;

			buf_printf(&l, p->en ? "Goal %d " : "ゴール%d ", x->goal_no);
			buf_puts(&l, x->goal_title);
			html_link(out, p, t.ptr, l.ptr);
			buf_release(&l);
		}
		if (x->measure_no) {
			struct buf l = BUF_INIT;

			buf_reset(&t);
			buf_printf(&t, "measures/%d/", x->measure_no);
			buf_printf(&l, p->en ? "Measure %d " : "施策%d ", x->measure_no);
			buf_puts(&l, x->measure_title);
			buf_puts(out, " › ");
			html_link(out, p, t.ptr, l.ptr);
			buf_release(&l);
		}
		buf_puts(out, "</dd>");
	}
	buf_printf(out, "<dt>%s</dt><dd>", L(p, "基準", "Baseline"));
	if (x->has_baseline) {
		value_unit(out, p, x, x->baseline_value);
		buf_puts(out, p->en ? " in " : "（");
		year_html(out, p, x, x->baseline_year);
		buf_puts(out, p->en ? "" : "）");
	} else {
		buf_printf(out, "<span class=\"none\">%s</span>", L(p,
			   "未設定（最初の値を基準とします）",
			   "not set (the first value is the base)"));
	}
	buf_printf(out, "</dd><dt>%s</dt><dd>", L(p, "目標", "Target"));
	target_html(out, p, x);
	if (*x->target_note) {
		buf_puts(out, " — ");
		html_esc(out, x->target_note);
	}
	buf_puts(out, "</dd>");
	if (*x->source) {
		buf_printf(out, "<dt>%s</dt><dd class=\"src\">", L(p, "出典", "Source"));
		html_esc(out, x->source);
		buf_puts(out, "</dd>");
	}
	if (*x->notes) {
		buf_printf(out, "<dt>%s</dt><dd>", L(p, "注記", "Notes"));
		html_esc(out, x->notes);
		buf_puts(out, "</dd>");
	}
	buf_puts(out, "</dl></section>\n");

	buf_printf(out, "<section aria-labelledby=\"prog\"><h2 id=\"prog\">%s</h2>\n",
		   L(p, "推移と進捗", "Trend and progress"));
	buf_puts(out, "<figure class=\"chart\">");
	ind_chart(out, x, p->en, "chart");
	buf_printf(out, "<figcaption>%s</figcaption></figure>\n", L(p,
		   "折れ線は値、破線は目標値（目標年まで）、縦の点線は目標年。"
		   "同じ数値は下の表にあります。",
		   "The line is the value, the dashed line the target (up to its year) "
		   "and the dotted vertical line the target year. The same figures are "
		   "in the table below."));
	inputs_table(out, p, x);
	buf_puts(out, "</section>\n");
	buf_printf(out, "<section aria-labelledby=\"data\"><h2 id=\"data\">%s</h2>\n",
		   L(p, "データ", "Data"));
	data_table(out, p, x, a);
	buf_puts(out, "<p class=\"dl\"><a href=\"");
	html_esc(out, p->top);
	buf_printf(out, "indicators/%s/data.csv\">CSV</a> <a href=\"", x->code);
	html_esc(out, p->top);
	buf_printf(out, "indicators/%s/chart.svg\">SVG</a>", x->code);
	if (!p->published) {
		buf_puts(out, " <a href=\"");
		html_esc(out, p->top);
		buf_printf(out, "api/v1/indicators/%s\">JSON</a>", x->code);
	}
	buf_puts(out, "</p>\n");
	buf_puts(out, "</section>\n");
	html_foot(out, p);
	rc = buf_error(out);
out:
	buf_release(&t);
	arena_free(a);
	return rc;
}
