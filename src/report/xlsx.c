/*
 * The follow-up table as an Excel workbook, in the official layout: a title
 * row, the header (施策・取組 | 担当府省 | 実績・状況 | 取組予定), then the
 * table's own vision and goal rows as merged bands, one row per action item.
 * One sheet per fiscal year, named 令和7年度.
 *
 * libxlsxwriter is used here and nowhere else. Version 1.1.4 writes only to
 * a file, so the workbook goes to a private temporary file that is read back
 * and removed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report.h"

struct sheet {
	lxw_worksheet *ws;
	lxw_format *title, *head, *vision, *goal, *cell;
	int row;
	const char *vision_text, *goal_text;
};

static void band(struct sheet *s, const char *text, lxw_format *f)
{
	worksheet_merge_range(s->ws, (lxw_row_t)s->row, 0, (lxw_row_t)s->row, 3, text, f);
	s->row++;
}

static int write_year(struct store *st, lxw_workbook *wb, struct sheet *s,
		      const struct report_opts *o, int fy, struct arena *a)
{
	struct store_filter f;
	struct buf name = BUF_INIT, t = BUF_INIT, r = BUF_INIT, p = BUF_INIT;
	struct store_export_row *ex;
	int rc, i, n;

	memset(&f, 0, sizeof(f));
	f.year = fy;
	f.ministry = o->ministry;
	f.lead = o->lead;
	if ((rc = store_load_export(st, &f, a, &ex, &n)))
		return rc;
	text_era_fy_ja(fy, &name);
	s->ws = workbook_add_worksheet(wb, name.ptr);
	if (!s->ws) {
		rc = MD_ENOMEM;
		goto out;
	}
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, 9);          /* A4 */
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_set_column(s->ws, 0, 0, 48, NULL);
	worksheet_set_column(s->ws, 1, 1, 12, NULL);
	worksheet_set_column(s->ws, 2, 3, 60, NULL);
	s->row = 0;
	s->vision_text = s->goal_text = NULL;
	buf_printf(&t, "%s（FY%d）フォローアップ", name.ptr, fy);
	worksheet_write_string(s->ws, 0, 0, t.ptr, s->title);
	s->row = 2;
	worksheet_write_string(s->ws, 2, 0, "施策・取組", s->head);
	worksheet_write_string(s->ws, 2, 1, "担当府省", s->head);
	buf_reset(&t);
	buf_printf(&t, "実績・状況（%s）", name.ptr);
	worksheet_write_string(s->ws, 2, 2, t.ptr, s->head);
	buf_reset(&t);
	text_era_fy_ja(fy + 1, &t);
	buf_reset(&name);
	buf_printf(&name, "取組予定（%s）", t.ptr);
	worksheet_write_string(s->ws, 2, 3, name.ptr, s->head);
	worksheet_repeat_rows(s->ws, 2, 2);
	worksheet_freeze_panes(s->ws, 3, 0);
	s->row = 3;
	for (i = 0; i < n; i++) {
		const struct store_export_row *e = &ex[i];
		const char *v = e->vision, *g = e->goal;

		if (*v && (!s->vision_text || strcmp(v, s->vision_text))) {
			s->vision_text = v;
			buf_reset(&t);
			buf_printf(&t, "ビジョン%lld %s", e->vision_no, v);
			band(s, t.ptr, s->vision);
		}
		if (*g && (!s->goal_text || strcmp(g, s->goal_text))) {
			s->goal_text = g;
			buf_reset(&t);
			if (!e->null.goal_no)
				buf_printf(&t, "ゴール%lld ", e->goal_no);
			buf_puts(&t, g);
			band(s, t.ptr, s->goal);
		}
		buf_reset(&t);
		if (!e->null.measure_no)
			buf_printf(&t, "＜%s＞\n", e->measure);
		buf_puts(&t, e->item);
		buf_reset(&r);
		buf_reset(&p);
		if ((rc = report_blocks_plain(st, "followup", e->id, "results", &r)) ||
		    (rc = report_blocks_plain(st, "followup", e->id, "plans", &p)))
			goto out;
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 0, t.ptr, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 1,
				       e->ministries, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 2, r.ptr, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 3, p.ptr, s->cell);
		s->row++;
	}
	rc = buf_error(&t);
out:
	buf_release(&name);
	buf_release(&t);
	buf_release(&r);
	buf_release(&p);
	return rc;
}

static lxw_format *format(lxw_workbook *wb, int bold, uint32_t fill, uint32_t color,
			  int border)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "游ゴシック");
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (bold)
		format_set_bold(f);
	if (fill)
		format_set_bg_color(f, fill);
	if (color)
		format_set_font_color(f, color);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	return f;
}

int report_export_xlsx(struct store *st, const struct report_opts *o, struct buf *out)
{
	char path[] = "/tmp/mdplan-xlsx-XXXXXX";
	lxw_workbook_options opt;
	lxw_workbook *wb = NULL;
	struct arena *a = arena_new();
	struct sheet s;
	int years[64], n, i, fd, rc = 0;

	if (!a)
		return MD_ENOMEM;
	n = report_years(st, years, 64);
	if (n < 0) {
		arena_free(a);
		return n;
	}
	fd = mkstemp(path);
	if (fd < 0) {
		arena_free(a);
		return MD_EIO;
	}
	close(fd);
	memset(&opt, 0, sizeof(opt));
	wb = workbook_new_opt(path, &opt);
	if (!wb) {
		rc = MD_EIO;
		goto out;
	}
	memset(&s, 0, sizeof(s));
	s.title = format(wb, 1, 0, 0, 0);
	format_set_font_size(s.title, 14);
	s.head = format(wb, 1, 0xD9E1F2, 0, 1);
	s.vision = format(wb, 1, 0x0B4F8A, 0xFFFFFF, 1);
	s.goal = format(wb, 1, 0xF2F5F8, 0, 1);
	s.cell = format(wb, 0, 0, 0, 1);
	for (i = 0; i < n && !rc; i++) {
		if (o->year && years[i] != o->year)
			continue;
		rc = write_year(st, wb, &s, o, years[i], a);
	}
	if (!rc && o->year && !n)
		rc = MD_ENOTFOUND;
	if (workbook_close(wb) != LXW_NO_ERROR && !rc)
		rc = MD_EIO;
	wb = NULL;
	if (!rc)
		rc = file_read(path, (size_t)64 << 20, out);
out:
	unlink(path);
	arena_free(a);
	return rc;
}
