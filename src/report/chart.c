/*
 * The indicator chart: an SVG line chart of the headline series, drawn on
 * the server. It carries its own title and description (role="img"), so a
 * screen reader hears the values, and its colours as attributes, so it
 * prints and stands alone (downloads) the same as inline. The target, when
 * there is one, is a dashed line at its value up to its year, a vertical
 * line at the target year and a diamond at the point itself.
 *
 * Written through the emitter (src/html) like every piece of markup: the
 * names and units it embeds are escaped.
 */
#include <math.h>
#include <string.h>

#include "report.h"
#include "../html/html.h"

#pragma GCC poison buf_puts buf_putc buf_printf buf_vprintf buf_add

#define W 640
#define H 300
#define ML 72
#define MR 24
#define MT 28
#define MB 44

static double nice_step(double span)
{
	double raw = span / 4, p = pow(10, floor(log10(raw))), f = raw / p;

	if (f <= 1)
		return p;
	if (f <= 2)
		return 2 * p;
	if (f <= 5)
		return 5 * p;
	return 10 * p;
}

struct frame {
	int y0, y1;
	double v0, v1;
};

/* Widens the frame to take in (year, v); y0 == 0 means empty so far. */
static void frame_add(struct frame *f, double *lo, double *hi, int year,
		      int has_value, double v)
{
	if (!f->y0 || year < f->y0)
		f->y0 = year;
	if (year > f->y1)
		f->y1 = year;
	if (has_value) {
		*lo = fmin(*lo, v);
		*hi = fmax(*hi, v);
	}
}

static double px(const struct frame *f, int year)
{
	return ML + (double)(year - f->y0) * (W - ML - MR) / (double)(f->y1 - f->y0);
}

static double py(const struct frame *f, double v)
{
	return MT + (f->v1 - v) * (H - MT - MB) / (f->v1 - f->v0);
}

/* 令和7年度 (the year axis in Japanese) */
static void year_era(struct html *h, int fy)
{
	struct buf t = BUF_INIT;

	text_era_fy_ja(fy, &t);
	html_text(h, t.ptr);
	buf_release(&t);
}

/* A value with its unit, escaped. */
static void label_value(struct html *h, const struct ind *x, double v)
{
	html_num(h, v);
	if (h->en && *x->unit_en)
		H_RAW(h, " ");
	html_text(h, h->en && *x->unit_en ? x->unit_en : x->unit);
}

static void year_text(struct html *h, const struct ind *x, int year)
{
	struct buf t = BUF_INIT;

	ind_year(&t, x, h->en, year);
	html_text(h, t.ptr);
	buf_release(&t);
}

void ind_chart(struct html *h, const struct ind *x, const char *id)
{
	struct frame f;
	int i, first = 1, prev_year = 0, n = 0, step_years, en = h->en;
	double lo = 0, hi = 0, prev_x = 0, prev_y = 0, step, t;

	/* the frame: every headline value, the baseline and the target */
	f.y0 = f.y1 = 0;
	for (i = 0; i < x->nv; i++) {
		if (*x->v[i].breakdown)
			continue;
		frame_add(&f, &lo, &hi, x->v[i].year, !x->v[i].na, x->v[i].value);
		n += !x->v[i].na;
	}
	if (x->has_baseline)
		frame_add(&f, &lo, &hi, x->baseline_year, 1, x->baseline_value);
	if (x->has_target)
		frame_add(&f, &lo, &hi, x->target_year, 1, x->target_value);
	if (!f.y0)
		f.y0 = f.y1 = 2000;
	if (f.y0 == f.y1) {
		f.y0--;
		f.y1++;
	}
	if (hi <= lo)
		hi = lo + 1;
	step = nice_step(hi - lo);
	f.v0 = floor(lo / step) * step;
	f.v1 = ceil(hi * 1.08 / step) * step;
	if (f.v1 <= hi)
		f.v1 += step;

	H_FMT(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	      "width=\"%d\" height=\"%d\" role=\"img\" class=\"chart\" "
	      "aria-labelledby=\"", W, H, W, H);
	html_attr(h, id);
	H_RAW(h, "-t ");
	html_attr(h, id);
	H_RAW(h, "-d\" font-size=\"12\" font-family=\"sans-serif\"><title id=\"");
	html_attr(h, id);
	H_RAW(h, "-t\">");
	html_text(h, en && *x->name_en ? x->name_en : x->name_ja);
	H_RAW(h, "</title><desc id=\"");
	html_attr(h, id);
	H_RAW(h, "-d\">");
	for (i = 0; i < x->nv; i++) {
		if (*x->v[i].breakdown)
			continue;
		year_text(h, x, x->v[i].year);
		if (en)
			H_RAW(h, ": ");
		else
			H_RAW(h, "：");
		if (x->v[i].na)
			html_msg(h, MSG_CHART_NA);
		else
			label_value(h, x, x->v[i].value);
		if (en)
			H_RAW(h, "; ");
		else
			H_RAW(h, "。");
	}
	if (x->has_target) {
		html_msg(h, MSG_CHART_TARGET_DESC);
		label_value(h, x, x->target_value);
		html_msg(h, MSG_BY_YEAR_OPEN);
		year_text(h, x, x->target_year);
		if (en)
			H_RAW(h, ".");
		else
			H_RAW(h, "）。");
	} else {
		html_msg(h, MSG_CHART_NO_TARGET);
	}
	H_RAW(h, "</desc>");

	/* grid and value axis */
	for (t = f.v0; t <= f.v1 + step / 2; t += step) {
		double y = py(&f, t);

		H_FMT(h, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"#d0d0d0\" stroke-width=\"1\"/>", ML, W - MR, y, y);
		H_FMT(h, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">",
		      ML - 6, y + 4);
		html_num(h, fabs(t) < step / 1e6 ? 0 : t);
		H_RAW(h, "</text>");
	}
	H_FMT(h, "<text x=\"%d\" y=\"%d\" fill=\"#333\">", 4, MT - 12);
	html_text(h, en && *x->unit_en ? x->unit_en : x->unit);
	H_RAW(h, "</text>");
	/* year axis */
	step_years = (f.y1 - f.y0) > 12 ? (f.y1 - f.y0 + 11) / 12 : 1;
	H_FMT(h, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
	      ML, W - MR, H - MB, H - MB);
	for (i = f.y0; i <= f.y1; i += step_years) {
		H_FMT(h, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">",
		      px(&f, i), H - MB + 18);
		if (x->calendar)
			H_FMT(h, "%d", i);
		else if (en)
			H_FMT(h, "FY%d", i);
		else
			year_era(h, i);
		H_RAW(h, "</text>");
	}

	/* the target */
	if (x->has_target) {
		double ty = py(&f, x->target_value), tx = px(&f, x->target_year);

		H_FMT(h, "<g class=\"target\"><line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" "
		      "y2=\"%.1f\" stroke=\"#8a3b00\" stroke-width=\"2\" "
		      "stroke-dasharray=\"6 4\"/>", ML, tx, ty, ty);
		H_FMT(h, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
		      "stroke=\"#8a3b00\" stroke-dasharray=\"2 3\"/>", tx, tx, MT,
		      H - MB);
		H_FMT(h, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"#8a3b00\"/>",
		      tx, ty - 6);
		H_FMT(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		      "fill=\"#8a3b00\">", tx - 8, ty - 8);
		html_msg(h, MSG_CHART_TARGET);
		label_value(h, x, x->target_value);
		H_RAW(h, " (");
		year_text(h, x, x->target_year);
		H_RAW(h, ")</text></g>");
	}
	/* the baseline, when it is not one of the values */
	if (x->has_baseline)
		H_FMT(h, "<rect class=\"base\" x=\"%.1f\" y=\"%.1f\" width=\"8\" "
		      "height=\"8\" fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\"/>",
		      px(&f, x->baseline_year) - 4, py(&f, x->baseline_value) - 4);

	/* the series: solid between consecutive years, dashed across gaps */
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];
		double cx, cy;

		if (*v->breakdown || v->na)
			continue;
		cx = px(&f, v->year);
		cy = py(&f, v->value);
		if (!first) {
			H_FMT(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			      "stroke=\"#0b4f8a\" stroke-width=\"2.5\"", prev_x, prev_y, cx, cy);
			if (v->year - prev_year > 1)
				H_RAW(h, " stroke-dasharray=\"3 4\"");
			H_RAW(h, "/>");
		}
		first = 0;
		prev_x = cx;
		prev_y = cy;
		prev_year = v->year;
	}
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		if (*v->breakdown || v->na)
			continue;
		H_FMT(h, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		      "fill=\"#0b4f8a\"/>", px(&f, v->year), py(&f, v->value));
		if (n <= 12) {
			H_FMT(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			      "fill=\"#0b2f55\" font-weight=\"bold\">", px(&f, v->year),
			      py(&f, v->value) - 9);
			html_num(h, v->value);
			H_RAW(h, "</text>");
		}
	}
	H_RAW(h, "</svg>");
}

int report_indicator_svg(struct store *st, const char *code, int en,
			 struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	struct html h;
	int rc;

	if (!a)
		return MD_ENOMEM;
	html_init(&h, out, en);
	rc = ind_load(st, code, 0, a, &s);
	if (!rc) {
		H_RAW(&h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		ind_chart(&h, &s.ind[0], "chart");
		H_RAW(&h, "\n");
		rc = html_error(&h);
	}
	arena_free(a);
	return rc;
}

/* ---- a programme's budget by fiscal year and kind ---- */

static const struct {
	const char *kind;
	enum msg label;
	const char *fill;
} bar_kinds[] = {
	{ "initial", MSG_KIND_INITIAL, "#1f5f99" },
	{ "initial_draft", MSG_KIND_INITIAL_DRAFT, "#6f9fcf" },
	{ "supplementary", MSG_KIND_SUPPLEMENTARY, "#2e7d32" },
	{ "supplementary_draft", MSG_KIND_SUPPLEMENTARY_DRAFT, "#81c784" },
	{ "request", MSG_KIND_REQUEST, "#b26a00" },
};

int prog_kind_label(const char *kind)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(bar_kinds); k++) {
		if (!strcmp(bar_kinds[k].kind, kind))
			return (int)bar_kinds[k].label;
	}
	return (int)MSG_KIND_INITIAL;
}

static int kind_index(const char *kind)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(bar_kinds); k++) {
		if (!strcmp(bar_kinds[k].kind, kind))
			return (int)k;
	}
	return 0;
}

/*
 * Bars in 億円 (100 million yen): one group per fiscal year, one bar per
 * kind in the order above, the highest figure when documents disagree (the
 * table beside the chart lists each); a share of a larger budget (内数) is
 * drawn hollow. The description lists every figure.
 */
void prog_chart(struct html *h, const struct prog *x, const char *id)
{
	int y0 = 0, y1 = 0, i, k, n = 0, slots = (int)MD_ARRAY_SIZE(bar_kinds);
	double hi = 0, step, v1, gw, bw;
	long long top[64][5];
	int has[64][5], share[64][5];

	memset(has, 0, sizeof(has));
	memset(share, 0, sizeof(share));
	for (i = 0; i < x->nb; i++) {
		int y = (int)x->b[i].fiscal_year;

		if (!y0 || y < y0)
			y0 = y;
		if (y > y1)
			y1 = y;
	}
	if (y1 - y0 >= 64)
		y0 = y1 - 63;
	for (i = 0; i < x->nb; i++) {
		int yi = (int)x->b[i].fiscal_year - y0;

		k = kind_index(x->b[i].kind);
		if (yi < 0)
			continue;
		if (!has[yi][k] || x->b[i].amount_yen > top[yi][k])
			top[yi][k] = x->b[i].amount_yen;
		has[yi][k] = 1;
		share[yi][k] |= (int)x->b[i].share_of_larger;
		hi = fmax(hi, (double)top[yi][k] / 1e8);
	}
	if (!x->nb)
		return;
	if (hi <= 0)
		hi = 1;
	step = nice_step(hi);
	v1 = ceil(hi * 1.08 / step) * step;
	n = y1 - y0 + 1;
	gw = (double)(W - ML - MR) / n;
	bw = gw * 0.8 / slots;
	H_FMT(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	      "width=\"%d\" height=\"%d\" role=\"img\" class=\"chart\" "
	      "aria-labelledby=\"", W, H, W, H);
	html_attr(h, id);
	H_RAW(h, "-t ");
	html_attr(h, id);
	H_RAW(h, "-d\" font-size=\"12\" font-family=\"sans-serif\"><title id=\"");
	html_attr(h, id);
	H_RAW(h, "-t\">");
	html_text(h, x->p->name_ja);
	H_RAW(h, "</title><desc id=\"");
	html_attr(h, id);
	H_RAW(h, "-d\">");
	for (i = 0; i < x->nb; i++) {
		if (h->en)
			H_FMT(h, "FY%lld ", x->b[i].fiscal_year);
		else
			year_era(h, (int)x->b[i].fiscal_year);
		html_msg(h, (enum msg)prog_kind_label(x->b[i].kind));
		H_RAW(h, " ");
		html_text(h, x->b[i].as_written);
		if (x->b[i].share_of_larger) {
			H_RAW(h, " (");
			html_msg(h, MSG_SHARE_OF_LARGER);
			H_RAW(h, ")");
		}
		if (h->en)
			H_RAW(h, "; ");
		else
			H_RAW(h, "。");
	}
	H_RAW(h, "</desc>");
	for (i = 0; i * step <= v1 + step / 2; i++) {
		double y = MT + (v1 - i * step) * (H - MT - MB) / v1;

		H_FMT(h, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"#d0d0d0\" stroke-width=\"1\"/>", ML, W - MR, y, y);
		H_FMT(h, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">",
		      ML - 6, y + 4);
		html_num(h, i * step);
		H_RAW(h, "</text>");
	}
	H_FMT(h, "<text x=\"%d\" y=\"%d\" fill=\"#333\">", 4, MT - 12);
	html_msg(h, MSG_OKU_YEN);
	H_RAW(h, "</text>");
	H_FMT(h, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
	      ML, W - MR, H - MB, H - MB);
	for (i = 0; i < n; i++) {
		double gx = ML + i * gw + gw * 0.1;

		H_FMT(h, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">",
		      ML + i * gw + gw / 2, H - MB + 18);
		if (h->en)
			H_FMT(h, "FY%d", y0 + i);
		else
			year_era(h, y0 + i);
		H_RAW(h, "</text>");
		for (k = 0; k < slots; k++) {
			double v, bh;

			if (!has[i][k])
				continue;
			v = (double)top[i][k] / 1e8;
			bh = v * (H - MT - MB) / v1;
			H_FMT(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ",
			      gx + k * bw, H - MB - bh, bw * 0.9, bh);
			if (share[i][k])
				H_RAW(h, "fill=\"#fff\" stroke-width=\"2\" stroke-dasharray=\"4 2\" "
				      "stroke=\"");
			else
				H_RAW(h, "fill=\"");
			html_attr(h, bar_kinds[k].fill);
			H_RAW(h, "\"/>");
		}
	}
	H_RAW(h, "</svg>\n");
}

/* The legend of prog_chart, as HTML (a list). */
void prog_chart_legend(struct html *h)
{
	size_t k;

	H_RAW(h, "<ul class=\"legend\">");
	for (k = 0; k < MD_ARRAY_SIZE(bar_kinds); k++) {
		H_RAW(h, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
		      "<rect width=\"12\" height=\"12\" fill=\"");
		html_attr(h, bar_kinds[k].fill);
		H_RAW(h, "\"/></svg> ");
		html_msg(h, bar_kinds[k].label);
		H_RAW(h, "</li>");
	}
	H_RAW(h, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect x=\"1\" "
	      "y=\"1\" width=\"10\" height=\"10\" fill=\"#fff\" stroke=\"#333\" "
	      "stroke-dasharray=\"3 2\"/></svg> ");
	html_msg(h, MSG_SHARE_OF_LARGER);
	H_RAW(h, "</li></ul>\n");
}
