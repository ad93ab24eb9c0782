/*
 * Indicators (指標): loading definitions and values, their progress (the
 * data view every indicator output uses), the text listing and the CSV
 * exports in the import layout. The pages are in src/page/indicator.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* ---- loading ---- */

int ind_load(struct store *st, const char *code, int goal, struct arena *a,
	     struct ind_set *s)
{
	struct store_filter f = { 0 };
	struct store_indicator_row *d;
	struct store_ivalue_row *v;
	int rc, i, j, k, nd, nv;

	memset(s, 0, sizeof(*s));
	f.code = code;
	f.goal = goal;
	if ((rc = store_load_indicator(st, &f, a, &d, &nd)))
		return rc;
	if (code && !nd)
		return MD_ENOTFOUND;
	f.goal = 0;
	if ((rc = store_load_ivalue(st, &f, a, &v, &nv)))
		return rc;
	s->ind = arena_alloc(a, sizeof(*s->ind) * (size_t)(nd ? nd : 1));
	if (!s->ind)
		return MD_ENOMEM;
	for (i = 0; i < nd; i++) {
		const struct store_indicator_row *r = &d[i];
		struct ind *x = &s->ind[i];
		const char *dims;

		memset(x, 0, sizeof(*x));
		x->id = r->id;
		x->code = r->code;
		x->name_ja = r->name_ja;
		x->name_en = r->name_en;
		x->unit = r->unit;
		x->unit_en = r->unit_en;
		x->up = !strcmp(r->direction, "up");
		x->calendar = !strcmp(r->year_kind, "calendar");
		x->goal_no = (int)r->goal_no;
		x->goal_title = r->goal_title;
		x->goal_linked = (int)r->goal_linked;
		x->measure_no = (int)r->measure_no;
		x->measure_title = r->measure_title;
		x->has_baseline = !r->null.baseline_year;
		x->baseline_year = (int)r->baseline_year;
		x->baseline_value = r->baseline_value;
		x->has_target = !r->null.target_year;
		x->target_year = (int)r->target_year;
		x->target_value = r->target_value;
		x->target_note = r->target_note;
		x->source = r->source;
		x->notes = r->notes;
		dims = r->breakdowns;
		/* every dimension: as many as the importer stored */
		for (j = 0, k = *dims != 0; dims[j]; j++)
			k += dims[j] == '\x1f';
		if (!(x->dims = arena_alloc(a, sizeof(*x->dims) * (size_t)(k ? k : 1))))
			return MD_ENOMEM;
		while (*dims) {
			size_t w = strcspn(dims, "\x1f");

			x->dims[x->ndims] = arena_strndup(a, dims, w);
			if (!x->dims[x->ndims])
				return MD_ENOMEM;
			x->ndims++;
			dims += w + (dims[w] != 0);
		}
		for (j = 0; j < nv; j++)
			x->nv += v[j].indicator_id == x->id;
		x->v = arena_alloc(a, sizeof(*x->v) * (size_t)(x->nv ? x->nv : 1));
		if (!x->v)
			return MD_ENOMEM;
		for (j = 0, k = 0; j < nv; j++) {
			struct ind_value *y = &x->v[k];

			if (v[j].indicator_id != x->id)
				continue;
			y->year = (int)v[j].year;
			y->breakdown = v[j].breakdown;
			y->na = v[j].null.value;
			y->value = y->na ? 0 : v[j].value;
			y->na_reason = v[j].na_reason;
			y->note = v[j].note;
			y->source = v[j].source;
			y->as_of = v[j].as_of;
			k++;
		}
		ind_progress(x, "", &x->pr);
	}
	s->n = nd;
	return 0;
}

void ind_progress(const struct ind *x, const char *breakdown,
		  struct kpi_progress *pr)
{
	/* one value a year and breakdown, years 1900-2200 (import_year()): the
	 * whole series fits */
	struct kpi_point pts[2200 - 1900 + 1];
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
	const char **dims = NULL;
	struct ind_set s;
	int rc, i, j, k, nd = 0, all = 0;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, code, 0, a, &s)))
		goto out;
	/* the union of every indicator's dimensions, in order of appearance */
	for (i = 0; i < s.n; i++)
		all += s.ind[i].ndims;
	if (!(dims = arena_alloc(a, sizeof(*dims) * (size_t)(all ? all : 1)))) {
		rc = MD_ENOMEM;
		goto out;
	}
	for (i = 0; i < s.n; i++) {
		for (j = 0; j < s.ind[i].ndims; j++) {
			for (k = 0; k < nd && strcmp(dims[k], s.ind[i].dims[j]); k++)
				;
			if (k == nd)
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
