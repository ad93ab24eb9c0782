/*
 * The follow-up table as an Excel workbook, in the official layout: a title
 * row with the plan's name, the header (施策 | 取組 | 担当府省 | 実績・状況 |
 * 取組予定), then the year table in the plan's order (report_year_table):
 * vision and goal headings as merged bands, a re-listed goal (再掲) with
 * its （上記参照） row, one row per action item with its measure written
 * once in a cell merged down over the measure's rows. One sheet per fiscal
 * year, named 令和7年度; printed A4 landscape with the title in the page
 * header and the page number in the footer.
 *
 * libxlsxwriter is used here and nowhere else. Version 1.1.4 writes only to
 * a file, so the workbook goes to a private temporary file that is read back
 * and removed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../text/text.h"
#include "report.h"

struct sheet {
	lxw_worksheet *ws;
	lxw_format *title, *head, *vision, *goal, *cell;
	int row;
};

#define NCOLS 5   /* 施策 | 取組 | 担当府省 | 実績・状況 | 取組予定 */

static void band(struct sheet *s, const char *text, lxw_format *f)
{
	worksheet_merge_range(s->ws, (lxw_row_t)s->row, 0, (lxw_row_t)s->row,
			      NCOLS - 1, text, f);
	s->row++;
}

/* Whether two rows' measure cells are one merged cell: the same measure of
 * the plan, or the same heading of the table for rows that match none. */
static int same_measure(const struct store_export_row *a,
			const struct store_export_row *b)
{
	if (!a->null.measure_no && !b->null.measure_no)
		return a->measure_no == b->measure_no;
	if (a->null.measure_no && b->null.measure_no)
		return *a->measure && !strcmp(a->measure, b->measure);
	return 0;
}

/* The plan's name, "第2期医療機器基本計画", or "" when none is loaded. */
static int plan_title(struct store *st, struct arena *a, const char **title)
{
	struct store_plan_row *pl;
	struct store_count_row *cn;
	int rc, i, npl, ncn;

	*title = "";
	if ((rc = store_load_plan(st, NULL, a, &pl, &npl)) ||
	    (rc = store_load_count(st, NULL, a, &cn, &ncn)))
		return rc;
	for (i = 0; ncn && i < npl; i++) {
		if (pl[i].edition == cn[0].edition)
			*title = pl[i].title;
	}
	return 0;
}

static int write_year(struct store *st, lxw_workbook *wb, struct sheet *s,
		      const struct report_opts *o, int fy, struct arena *a)
{
	struct buf name = BUF_INIT, t = BUF_INIT, r = BUF_INIT, p = BUF_INIT;
	struct report_year y;
	const char *plan;
	int rc, i, k;

	if ((rc = plan_title(st, a, &plan)) ||
	    (rc = report_year_table(st, fy, o->ministry, o->lead, a, &y)))
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
	worksheet_set_column(s->ws, 0, 0, 24, NULL);
	worksheet_set_column(s->ws, 1, 1, 40, NULL);
	worksheet_set_column(s->ws, 2, 2, 12, NULL);
	worksheet_set_column(s->ws, 3, 4, 56, NULL);
	buf_printf(&t, "%s%s%s（FY%d）フォローアップ", plan, *plan ? "　" : "",
		   name.ptr, fy);
	worksheet_write_string(s->ws, 0, 0, t.ptr, s->title);
	/* printed pages: the title on each, and "3 / 12" below; & is the
	 * header's escape character */
	buf_reset(&r);
	buf_puts(&r, "&L");
	for (k = 0; t.ptr[k]; k++) {
		if (t.ptr[k] == '&')
			buf_puts(&r, "&");
		buf_add(&r, t.ptr + k, 1);
	}
	worksheet_set_header(s->ws, r.ptr);
	worksheet_set_footer(s->ws, "&C&P / &N");
	worksheet_write_string(s->ws, 2, 0, "施策", s->head);
	worksheet_write_string(s->ws, 2, 1, "取組", s->head);
	worksheet_write_string(s->ws, 2, 2, "担当府省", s->head);
	buf_reset(&t);
	buf_printf(&t, "実績・状況（%s）", name.ptr);
	worksheet_write_string(s->ws, 2, 3, t.ptr, s->head);
	buf_reset(&t);
	text_era_fy_ja(fy + 1, &t);
	buf_reset(&name);
	buf_printf(&name, "取組予定（%s）", t.ptr);
	worksheet_write_string(s->ws, 2, 4, name.ptr, s->head);
	worksheet_repeat_rows(s->ws, 2, 2);
	worksheet_freeze_panes(s->ws, 3, 0);
	s->row = 3;
	for (i = 0; i < y.n; i++) {
		const struct report_line *l = &y.line[i];
		const struct store_export_row *e = l->row;

		buf_reset(&t);
		switch (l->kind) {
		case REPORT_LINE_VISION:
			buf_printf(&t, "ビジョン%lld %s", l->vision_no, l->title);
			band(s, t.ptr, s->vision);
			continue;
		case REPORT_LINE_GOAL:
		case REPORT_LINE_RELISTED:
			if (l->goal_no)
				buf_printf(&t, "ゴール%lld ", l->goal_no);
			buf_puts(&t, l->title);
			if (l->kind == REPORT_LINE_RELISTED)
				buf_puts(&t, "（再掲）");
			band(s, t.ptr, s->goal);
			if (l->kind == REPORT_LINE_RELISTED)
				band(s, "（上記参照）", s->cell);
			continue;
		case REPORT_LINE_ROW:
			break;
		}
		/* the measure once, merged down over its rows */
		if (i == 0 || y.line[i - 1].kind != REPORT_LINE_ROW ||
		    !same_measure(y.line[i - 1].row, e)) {
			for (k = i + 1; k < y.n && y.line[k].kind == REPORT_LINE_ROW &&
			     same_measure(y.line[k].row, e); k++)
				;
			if (k - i > 1)
				worksheet_merge_range(s->ws, (lxw_row_t)s->row, 0,
						      (lxw_row_t)(s->row + k - i - 1), 0,
						      e->measure, s->cell);
			else
				worksheet_write_string(s->ws, (lxw_row_t)s->row, 0,
						       e->measure, s->cell);
		}
		if (e->null.item_no)
			buf_puts(&t, e->null.retired_item ? "（計画の取組と未照合）" :
				 "（計画から削除された取組）");
		buf_puts(&t, e->item);
		buf_reset(&r);
		buf_reset(&p);
		if ((rc = report_blocks_plain(st, "followup", e->id, "results", &r)) ||
		    (rc = report_blocks_plain(st, "followup", e->id, "plans", &p)))
			goto out;
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 1, t.ptr, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 2,
				       e->ministries, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 3, r.ptr, s->cell);
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 4, p.ptr, s->cell);
		s->row++;
	}
	rc = buf_error(&t);
	if (!rc)
		rc = buf_error(&r);
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

/* The last sheet, 出典 (Sources): the attribution the terms of use ask
 * for, the documents of the sources list, and the legend of how rows were
 * matched to the plan. */
static int sources_sheet(struct store *st, lxw_workbook *wb, const struct sheet *s,
			 int en, struct arena *a)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "Sources" : "出典");
	struct store_document_row *d;
	struct buf t = BUF_INIT;
	int rc, n, i, row = 0;

	if (!ws)
		return MD_ENOMEM;
	worksheet_set_column(ws, 0, 0, 100, NULL);
	report_attribution(&t, en);
	worksheet_write_string(ws, row++, 0, t.ptr, s->title);
	row++;
	if (!(rc = store_load_document(st, NULL, a, &d, &n))) {
		for (i = 0; i < n; i++) {
			buf_reset(&t);
			buf_printf(&t, "%s「%s」", en && *d[i].publisher_en ? d[i].publisher_en :
				   d[i].publisher_ja, en && *d[i].title_en ? d[i].title_en :
				   d[i].title_ja);
			if (*d[i].issued) {
				buf_puts(&t, en ? " (" : "（");
				report_date(&t, d[i].issued, en);
				buf_puts(&t, en ? ")" : "）");
			}
			if (*d[i].url)
				buf_printf(&t, " %s", d[i].url);
			worksheet_write_string(ws, row++, 0, t.ptr, s->cell);
		}
	}
	row++;
	buf_reset(&t);
	report_match_legend(&t, en);
	worksheet_write_string(ws, row, 0, t.ptr, NULL);
	rc = rc ? rc : buf_error(&t);
	buf_release(&t);
	return rc;
}

/* A workbook on a private temporary file (libxlsxwriter 1.1.4 writes only
 * to files): book_open() makes it, book_close() closes it, reads it into
 * out when rc is 0 and removes the file. */
#define BOOK_TEMPLATE "/tmp/mdplan-xlsx-XXXXXX"
static int book_open(char *path, lxw_workbook **wb)
{
	lxw_workbook_options opt;
	int fd = mkstemp(path);

	*wb = NULL;
	if (fd < 0)
		return MD_EIO;
	close(fd);
	memset(&opt, 0, sizeof(opt));
	*wb = workbook_new_opt(path, &opt);
	if (!*wb) {
		unlink(path);
		return MD_EIO;
	}
	return 0;
}

static int book_close(lxw_workbook *wb, const char *path, int rc, struct buf *out)
{
	if (workbook_close(wb) != LXW_NO_ERROR && !rc)
		rc = MD_EIO;
	if (!rc)
		rc = file_read(path, (size_t)64 << 20, out);
	unlink(path);
	return rc;
}

int report_export_xlsx(struct store *st, const struct report_opts *o, struct buf *out)
{
	char path[] = BOOK_TEMPLATE;
	lxw_workbook *wb = NULL;
	struct arena *a = arena_new();
	struct sheet s;
	int years[64], n, i, rc = 0;

	if (!a)
		return MD_ENOMEM;
	n = report_years(st, years, 64);
	if (n < 0) {
		arena_free(a);
		return n;
	}
	if ((rc = book_open(path, &wb))) {
		arena_free(a);
		return rc;
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
	if (!rc)
		rc = sources_sheet(st, wb, &s, o->en, a);
	rc = book_close(wb, path, rc, out);
	arena_free(a);
	return rc;
}

/* ---- programmes, budgets and hubs: one sheet each, the CSV's columns ---- */

struct prog_sheet {
	lxw_worksheet *ws;
	lxw_format *head, *cell;
	int row;
	int numeric[32];     /* columns written as numbers (by the header) */
};

static int prog_sheet_row(void *ctx, const char *const *f, int n)
{
	static const char *const numbers[] = { "fiscal_year", "amount_yen", "first_year",
		"last_year", "count", "budget_per_hub_yen" };
	struct prog_sheet *s = ctx;
	int i;
	size_t k;

	for (i = 0; i < n && i < 32; i++) {
		if (!s->row) {
			for (k = 0; k < MD_ARRAY_SIZE(numbers); k++)
				s->numeric[i] |= !strcmp(f[i], numbers[k]);
			worksheet_write_string(s->ws, 0, (lxw_col_t)i, f[i], s->head);
		} else if (s->numeric[i] && *f[i]) {
			worksheet_write_number(s->ws, (lxw_row_t)s->row, (lxw_col_t)i,
					       strtod(f[i], NULL), s->cell);
		} else {
			worksheet_write_string(s->ws, (lxw_row_t)s->row, (lxw_col_t)i, f[i],
					       s->cell);
		}
	}
	s->row++;
	return 0;
}

int report_programmes_xlsx(struct store *st, struct buf *out)
{
	static const char *const what[] = { "programmes", "budgets", "hubs" };
	char path[] = BOOK_TEMPLATE;
	lxw_workbook *wb;
	lxw_format *head, *cell;
	size_t k;
	int rc;

	if ((rc = book_open(path, &wb)))
		return rc;
	head = format(wb, 1, 0xD9E1F2, 0, 1);
	cell = format(wb, 0, 0, 0, 1);
	for (k = 0; k < MD_ARRAY_SIZE(what) && !rc; k++) {
		struct prog_sheet s;

		memset(&s, 0, sizeof(s));
		s.ws = workbook_add_worksheet(wb, what[k]);
		s.head = head;
		s.cell = cell;
		rc = s.ws ? prog_table(st, what[k], prog_sheet_row, &s) : MD_ENOMEM;
		if (s.ws)
			worksheet_freeze_panes(s.ws, 1, 1);
	}
	if (!rc) {   /* the attribution and the documents, as the follow-up's */
		struct sheet src;
		struct arena *a = arena_new();

		memset(&src, 0, sizeof(src));
		src.title = format(wb, 1, 0, 0, 0);
		src.cell = cell;
		rc = a ? sources_sheet(st, wb, &src, 0, a) : MD_ENOMEM;
		arena_free(a);
	}
	return book_close(wb, path, rc, out);
}

/*
 * A ministry's round entries for offline editing (report.h). Columns:
 * A key, B version, C digest (hidden; A1/B1 hold the mark and the year),
 * D 番号, E 取組, F 担当府省, G 前年度の取組予定（参考）, H 実績・状況, I 取組予定.
 * The sheet is protected without a password so that only H and I take
 * typing by accident; the reader finds every column by its header.
 */
static int put(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	lxw_error e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
					     s ? s : "", f);

	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		return MD_EINPUT;   /* over Excel's 32,767 characters a cell */
	return e == LXW_NO_ERROR ? 0 : MD_ENOMEM;
}

int report_round_xlsx(const struct report_round_book *b, struct buf *out)
{
	static const char *const head[] = {
		"key", "version", "digest", "番号", "取組", "担当府省",
		"前年度の取組予定（参考）",
	};
	char path[] = BOOK_TEMPLATE;
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	lxw_format *title, *hd, *ref, *edit;
	lxw_row_col_options hidden = { .hidden = 1, .level = 0, .collapsed = 0 };
	lxw_protection prot;
	struct buf t = BUF_INIT, fy = BUF_INIT, d = BUF_INIT;
	int rc, i, k;

	if ((rc = book_open(path, &wb)))
		return rc;
	text_era_fy_ja(b->fiscal_year, &fy);
	buf_puts(&t, fy.ptr);
	buf_puts(&t, "入力");
	ws = workbook_add_worksheet(wb, t.ptr);
	if (!ws) {
		rc = MD_ENOMEM;
		goto out;
	}
	title = format(wb, 1, 0, 0, 0);
	format_set_font_size(title, 14);
	hd = format(wb, 1, 0xD9E1F2, 0, 1);
	ref = format(wb, 0, 0xF2F2F2, 0, 1);
	edit = format(wb, 0, 0, 0, 1);
	format_set_unlocked(edit);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_set_column_opt(ws, 0, 2, 10, NULL, &hidden);
	worksheet_set_column(ws, 3, 3, 8, NULL);
	worksheet_set_column(ws, 4, 4, 40, NULL);
	worksheet_set_column(ws, 5, 5, 12, NULL);
	worksheet_set_column(ws, 6, 6, 40, NULL);
	worksheet_set_column(ws, 7, 8, 56, NULL);
	if ((rc = put(ws, 0, 0, IMPORT_ROUND_MARK, NULL)))
		goto out;
	worksheet_write_number(ws, 0, 1, b->fiscal_year, NULL);
	buf_reset(&t);
	buf_printf(&t, "%s（FY%d）フォローアップ入力　%s", fy.ptr, b->fiscal_year,
		   b->ministry_name ? b->ministry_name : "");
	if (b->deadline && *b->deadline)
		buf_printf(&t, "　提出期限 %s", b->deadline);
	if ((rc = put(ws, 0, 3, t.ptr, title)) ||
	    (rc = put(ws, 1, 3, "「実績・状況」と「取組予定」の列だけを編集し、このファイルをアップロードしてください。"
		      "箇条書きは行頭に・を付けてください。 / Edit the results and plans columns only, "
		      "then upload this file; start a bullet line with ・.", NULL)))
		goto out;
	for (k = 0; k < (int)MD_ARRAY_SIZE(head); k++)
		if ((rc = put(ws, 2, k, head[k], hd)))
			goto out;
	buf_reset(&t);
	buf_printf(&t, "%s（%s）", IMPORT_ROUND_RESULTS, fy.ptr);
	if ((rc = put(ws, 2, 7, t.ptr, hd)))
		goto out;
	buf_reset(&t);
	text_era_fy_ja(b->fiscal_year + 1, &t);
	buf_reset(&d);
	buf_printf(&d, "%s%s）", IMPORT_ROUND_PLANS, t.ptr);
	if ((rc = put(ws, 2, 8, d.ptr, hd)))
		goto out;
	for (i = 0; i < b->n; i++) {
		const struct import_round_row *r = &b->row[i];
		int row = 3 + i;

		buf_reset(&d);
		buf_reset(&t);
		buf_printf(&t, "A%lld", r->item_no);
		if ((rc = import_round_digest(r->results, r->plans, &d)) ||
		    (rc = put(ws, row, 0, r->key, NULL)) ||
		    (rc = put(ws, row, 2, d.ptr, NULL)) ||
		    (rc = put(ws, row, 3, t.ptr, ref)) ||
		    (rc = put(ws, row, 4, r->item, ref)) ||
		    (rc = put(ws, row, 5, r->ministry_name ? r->ministry_name : r->ministry, ref)) ||
		    (rc = put(ws, row, 6, r->prev_plans, ref)) ||
		    (rc = put(ws, row, 7, r->results, edit)) ||
		    (rc = put(ws, row, 8, r->plans, edit)))
			goto out;
		worksheet_write_number(ws, (lxw_row_t)row, 1, (double)r->version, NULL);
	}
	worksheet_freeze_panes(ws, 3, 4);
	memset(&prot, 0, sizeof(prot));
	prot.format_columns = 1;
	prot.format_rows = 1;
	prot.no_select_locked_cells = 0;
	worksheet_protect(ws, NULL, &prot);
	rc = buf_error(&t) ? buf_error(&t) : buf_error(&d);
out:
	rc = book_close(wb, path, rc, out);
	buf_release(&t);
	buf_release(&fy);
	buf_release(&d);
	return rc;
}

/* ---- an edition's official table ---- */

struct edition_book {
	lxw_worksheet *ws;
	lxw_format *head, *vision, *goal, *cell;
	int row;
};

static int edition_row(void *ctx, enum report_table_kind kind, const char *const cell[4])
{
	struct edition_book *b = ctx;
	lxw_format *f = kind == REPORT_TABLE_HEADER ? b->head : kind == REPORT_TABLE_VISION ?
		b->vision : kind == REPORT_TABLE_GOAL || kind == REPORT_TABLE_RELISTED ?
		b->goal : b->cell;
	int k, rc;

	/* the TSV's cells, one for one: an empty cell stays empty */
	for (k = 0; k < 4; k++) {
		if (!*cell[k] && kind != REPORT_TABLE_ROW)
			continue;
		if ((rc = put(b->ws, b->row, k, cell[k], f)))
			return rc;
	}
	b->row++;
	return 0;
}

int report_edition_xlsx(struct store *st, int year, int no, struct buf *out)
{
	char path[] = BOOK_TEMPLATE;
	struct arena *a = arena_new();
	struct report_edition e;
	struct edition_book b;
	struct buf name = BUF_INIT;
	lxw_workbook *wb = NULL;
	int rc;

	if (!a)
		return MD_ENOMEM;
	if ((rc = report_edition_load(st, year, no, a, &e)) || (rc = book_open(path, &wb)))
		goto out;
	/* 令和7年度 第1版: the year and the edition name the sheet */
	text_era_fy_ja(year, &name);
	buf_printf(&name, " 第%lld版", e.edition.no);
	memset(&b, 0, sizeof(b));
	if (buf_error(&name) || !(b.ws = workbook_add_worksheet(wb, name.ptr))) {
		rc = MD_ENOMEM;
		goto close;
	}
	b.head = format(wb, 1, 0xD9E1F2, 0, 1);
	b.vision = format(wb, 1, 0xFCE4D6, 0, 1);
	b.goal = format(wb, 1, 0xEDEDED, 0, 1);
	b.cell = format(wb, 0, 0, 0, 1);
	worksheet_set_column(b.ws, 0, 0, 4, NULL);
	worksheet_set_column(b.ws, 1, 1, 60, NULL);
	worksheet_set_column(b.ws, 2, 3, 70, NULL);
	worksheet_freeze_panes(b.ws, 1, 0);
	worksheet_set_landscape(b.ws);
	worksheet_set_paper(b.ws, 9);   /* A4 */
	worksheet_repeat_rows(b.ws, 0, 0);
	rc = report_edition_table(st, &e, 1, edition_row, &b);
close:
	rc = book_close(wb, path, rc, out);
out:
	buf_release(&name);
	arena_free(a);
	return rc;
}
