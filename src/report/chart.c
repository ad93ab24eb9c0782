/*
 * The indicator chart: an SVG line chart of the headline series, drawn on
 * the server. It carries its own title and description (role="img"), so a
 * screen reader hears the values, and its colours as attributes, so it
 * prints and stands alone (downloads) the same as inline. The target, when
 * there is one, is a dashed line at its value up to its year, a vertical
 * line at the target year and a diamond at the point itself.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

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

static void label_value(struct buf *b, const struct ind *x, int en, double v)
{
	ind_num(b, v);
	buf_puts(b, en && *x->unit_en ? " " : "");
	buf_puts(b, en && *x->unit_en ? x->unit_en : x->unit);
}

void ind_chart(struct buf *b, const struct ind *x, int en, const char *id)
{
	struct frame f;
	int i, first = 1, prev_year = 0, n = 0, step_years;
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

	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		   "width=\"%d\" height=\"%d\" role=\"img\" class=\"chart\" "
		   "aria-labelledby=\"%s-t %s-d\" font-size=\"12\" "
		   "font-family=\"sans-serif\">", W, H, W, H, id, id);
	buf_printf(b, "<title id=\"%s-t\">", id);
	html_esc(b, en && *x->name_en ? x->name_en : x->name_ja);
	buf_printf(b, "</title><desc id=\"%s-d\">", id);
	for (i = 0; i < x->nv; i++) {
		struct buf v = BUF_INIT;

		if (*x->v[i].breakdown)
			continue;
		ind_year(&v, x, en, x->v[i].year);
		buf_puts(&v, en ? ": " : "：");
		if (x->v[i].na)
			buf_puts(&v, en ? "not available" : "値なし");
		else
			label_value(&v, x, en, x->v[i].value);
		buf_puts(&v, en ? "; " : "。");
		html_esc(b, v.ptr);
		buf_release(&v);
	}
	{
		struct buf v = BUF_INIT;

		if (x->has_target) {
			buf_puts(&v, en ? "Target: " : "目標：");
			label_value(&v, x, en, x->target_value);
			buf_puts(&v, en ? " by " : "（");
			ind_year(&v, x, en, x->target_year);
			buf_puts(&v, en ? "." : "）。");
		} else {
			buf_puts(&v, en ? "No target set." : "目標は設定されていません。");
		}
		html_esc(b, v.ptr);
		buf_release(&v);
	}
	buf_puts(b, "</desc>");

	/* grid and value axis */
	for (t = f.v0; t <= f.v1 + step / 2; t += step) {
		double y = py(&f, t);

		buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#d0d0d0\" stroke-width=\"1\"/>", ML, W - MR, y, y);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">",
			   ML - 6, y + 4);
		ind_num(b, fabs(t) < step / 1e6 ? 0 : t);
		buf_puts(b, "</text>");
	}
	buf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"#333\">", 4, MT - 12);
	html_esc(b, en && *x->unit_en ? x->unit_en : x->unit);
	buf_puts(b, "</text>");
	/* year axis */
	step_years = (f.y1 - f.y0) > 12 ? (f.y1 - f.y0 + 11) / 12 : 1;
	buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
		   ML, W - MR, H - MB, H - MB);
	for (i = f.y0; i <= f.y1; i += step_years) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">",
			   px(&f, i), H - MB + 18);
		if (x->calendar || en)
			buf_printf(b, x->calendar ? "%d" : "FY%d", i);
		else
			text_era_fy_ja(i, b);
		buf_puts(b, "</text>");
	}

	/* the target */
	if (x->has_target) {
		double ty = py(&f, x->target_value), tx = px(&f, x->target_year);
		struct buf v = BUF_INIT;

		buf_printf(b, "<g class=\"target\"><line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"#8a3b00\" stroke-width=\"2\" "
			   "stroke-dasharray=\"6 4\"/>", ML, tx, ty, ty);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
			   "stroke=\"#8a3b00\" stroke-dasharray=\"2 3\"/>", tx, tx, MT,
			   H - MB);
		buf_printf(b, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"#8a3b00\"/>",
			   tx, ty - 6);
		buf_puts(&v, en ? "Target " : "目標 ");
		label_value(&v, x, en, x->target_value);
		buf_puts(&v, " (");
		ind_year(&v, x, en, x->target_year);
		buf_puts(&v, ")");
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			   "fill=\"#8a3b00\">", tx - 8, ty - 8);
		html_esc(b, v.ptr);
		buf_puts(b, "</text></g>");
		buf_release(&v);
	}
	/* the baseline, when it is not one of the values */
	if (x->has_baseline)
		buf_printf(b, "<rect class=\"base\" x=\"%.1f\" y=\"%.1f\" width=\"8\" "
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
		if (!first)
			buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "stroke=\"#0b4f8a\" stroke-width=\"2.5\"%s/>", prev_x, prev_y,
				   cx, cy, v->year - prev_year > 1 ?
				   " stroke-dasharray=\"3 4\"" : "");
		first = 0;
		prev_x = cx;
		prev_y = cy;
		prev_year = v->year;
	}
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];
		struct buf lab = BUF_INIT;

		if (*v->breakdown || v->na)
			continue;
		buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
			   "fill=\"#0b4f8a\"/>", px(&f, v->year), py(&f, v->value));
		if (n <= 12) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				   "fill=\"#0b2f55\" font-weight=\"bold\">", px(&f, v->year),
				   py(&f, v->value) - 9);
			ind_num(&lab, v->value);
			html_esc(b, lab.ptr);
			buf_puts(b, "</text>");
		}
		buf_release(&lab);
	}
	buf_puts(b, "</svg>");
}

int report_indicator_svg(struct store *st, const char *code, int en,
			 struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	int rc;

	if (!a)
		return MD_ENOMEM;
	rc = ind_load(st, code, 0, a, &s);
	if (!rc) {
		buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		ind_chart(out, &s.ind[0], en, "chart");
		buf_putc(out, '\n');
		rc = buf_error(out);
	}
	arena_free(a);
	return rc;
}
