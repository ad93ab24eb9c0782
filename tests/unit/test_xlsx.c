/*
 * The XLSX reader (src/import/xlsx.c): the workbook `mdplan export xlsx`
 * writes (libxlsxwriter) read back cell for cell against the CSV export of
 * the same year; cell references; and hostile files — truncated, not a
 * zip, bad XML, entities, cells past the limits, sizes declared or inflated
 * past the caps (tests/data/xlsx/, made by make-hostile.py) — each refused
 * with an error naming the part, sheet or cell and the limit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "import/import.h"
#include "import/xlsx.h"
#include "report/report.h"
#include "store/store.h"

static const char *path_of(const char *env, const char *rel, struct buf *b)
{
	const char *v = env ? getenv(env) : NULL, *top = getenv("top");

	buf_reset(b);
	if (v && *v)
		buf_puts(b, v);
	else
		buf_printf(b, "%s/%s", top && *top ? top : ".", rel);
	return b->ptr;
}

/* The export of the real plan and FY2025 follow-up, made once. */
static struct buf xlsx_bytes = BUF_INIT, csv_bytes = BUF_INIT;

static int group_setup(void **state)
{
	struct buf p = BUF_INIT;
	struct store *st;
	struct import *imp;
	struct report_opts o;

	(void)state;
	if (store_open(":memory:", 0, &st))
		return -1;
	imp = import_new(st);
	if (import_plan(imp, path_of("PLAN", "data/plan-2nd.txt", &p)) ||
	    import_followup(imp, path_of("FOLLOWUP", "data/followup-r7.tsv", &p))) {
		fprintf(stderr, "import: %s\n", import_errmsg(imp));
		return -1;
	}
	import_free(imp);
	memset(&o, 0, sizeof(o));
	o.year = 2025;
	if (report_export_xlsx(st, &o, &xlsx_bytes) || report_export_csv(st, &o, &csv_bytes))
		return -1;
	store_close(st);
	buf_release(&p);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	buf_release(&xlsx_bytes);
	buf_release(&csv_bytes);
	return 0;
}

/* ---- a stored (uncompressed) zip written by hand, for hostile parts ---- */

static uint32_t crc32_of(const char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void le16(struct buf *b, unsigned v)
{
	buf_putc(b, (int)(v & 0xFF));
	buf_putc(b, (int)((v >> 8) & 0xFF));
}

static void le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xFFFF);
	le16(b, v >> 16);
}

struct member {
	const char *name, *data;
};

/* A zip of members; declared (when not 0) is the uncompressed size both
 * headers give the last member. */
static void make_zip(struct buf *z, const struct member *m, int n, uint32_t declared)
{
	struct buf cd = BUF_INIT;
	uint32_t off[16];
	int i;

	buf_reset(z);
	for (i = 0; i < n; i++) {
		size_t dl = strlen(m[i].data), nl = strlen(m[i].name);
		uint32_t crc = crc32_of(m[i].data, dl);
		uint32_t us = (i == n - 1 && declared) ? declared : (uint32_t)dl;

		off[i] = (uint32_t)z->len;
		le32(z, 0x04034b50);
		le16(z, 20);
		le16(z, 0);
		le16(z, 0);             /* stored */
		le16(z, 0);
		le16(z, 0x21);
		le32(z, crc);
		le32(z, us);
		le32(z, us);
		le16(z, (unsigned)nl);
		le16(z, 0);
		buf_add(z, m[i].name, nl);
		buf_add(z, m[i].data, dl);
		le32(&cd, 0x02014b50);
		le16(&cd, 20);
		le16(&cd, 20);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0x21);
		le32(&cd, crc);
		le32(&cd, us);
		le32(&cd, us);
		le16(&cd, (unsigned)nl);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le32(&cd, 0);
		le32(&cd, off[i]);
		buf_add(&cd, m[i].name, nl);
	}
	{
		uint32_t cdoff = (uint32_t)z->len;

		buf_add(z, cd.ptr, cd.len);
		le32(z, 0x06054b50);
		le16(z, 0);
		le16(z, 0);
		le16(z, (unsigned)n);
		le16(z, (unsigned)n);
		le32(z, (uint32_t)cd.len);
		le32(z, cdoff);
		le16(z, 0);
	}
	assert_int_equal(buf_error(z), 0);
	buf_release(&cd);
}

#define WB "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
	"<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>" \
	"<sheet name=\"Hid\" sheetId=\"2\" state=\"hidden\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>" \
	"</Relationships>"
#define SST "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<si><t>共有</t></si>" \
	"<si><r><t>リッチ</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 文字</t></r>" \
	"<rPh sb=\"0\" eb=\"3\"><t>ルビ</t></rPh></si>" \
	"<si><t>a_x000D_b_x005F_x0041_</t></si><si/></sst>"
#define SHEET_HEAD "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"

/* A workbook whose sheet is body (inside <worksheet>). */
static void book(struct buf *z, const char *body, uint32_t declared)
{
	struct buf s = BUF_INIT;
	struct member m[4];

	buf_printf(&s, SHEET_HEAD "%s</worksheet>", body);
	m[0].name = "xl/workbook.xml";
	m[0].data = WB;
	m[1].name = "xl/_rels/workbook.xml.rels";
	m[1].data = RELS;
	m[2].name = "xl/sharedStrings.xml";
	m[2].data = SST;
	m[3].name = "xl/worksheets/sheet1.xml";
	m[3].data = s.ptr;
	make_zip(z, m, 4, declared);
	buf_release(&s);
}

/* Opens z and reads sheet 0; returns the rc, the message in *msg (static
 * copy). */
static char msg[1024];
static int read_book(const struct buf *z, const struct xlsx_limits *lim,
		     struct xlsx **out, const struct xlsx_table **t)
{
	struct xlsx *x = xlsx_new(lim);
	int rc;

	assert_non_null(x);
	rc = xlsx_open_mem(x, "t.xlsx", z->ptr, z->len);
	if (!rc)
		rc = xlsx_read_sheet(x, 0, t);
	snprintf(msg, sizeof(msg), "%s", xlsx_errmsg(x));
	if (out && !rc)
		*out = x;
	else
		xlsx_free(x);
	return rc;
}

static void refs(void **state)
{
	long r;
	int c;
	char n[4];

	(void)state;
	assert_int_equal(xlsx_ref_parse("B7", 2, &r, &c), 0);
	assert_int_equal(r, 6);
	assert_int_equal(c, 1);
	assert_int_equal(xlsx_ref_parse("$AA$10", 6, &r, &c), 0);
	assert_int_equal(r, 9);
	assert_int_equal(c, 26);
	assert_int_equal(xlsx_ref_parse("XFD1048576", 10, &r, &c), 0);
	assert_int_equal(r, 1048575);
	assert_int_equal(c, 16383);
	assert_int_equal(xlsx_ref_parse("C", 1, &r, &c), 0);
	assert_int_equal(r, -1);
	assert_int_equal(c, 2);
	assert_int_equal(xlsx_ref_parse("XFE1", 4, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("A0", 2, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("A01", 3, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("A1048577", 8, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("a1", 2, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("1", 1, &r, &c), MD_EINPUT);
	assert_int_equal(xlsx_ref_parse("B7 ", 3, &r, &c), MD_EINPUT);
	xlsx_col_name(0, n);
	assert_string_equal(n, "A");
	xlsx_col_name(27, n);
	assert_string_equal(n, "AB");
	xlsx_col_name(16383, n);
	assert_string_equal(n, "XFD");
}

/* Every kind of cell, hidden rows and columns, merges, a hidden sheet. */
static void cells_of_every_kind(void **state)
{
	struct buf z = BUF_INIT;
	struct xlsx *x = NULL;
	const struct xlsx_table *t;
	const struct xlsx_cell *c;

	(void)state;
	book(&z, "<cols><col min=\"2\" max=\"3\" hidden=\"1\"/><col min=\"6\" max=\"16384\" hidden=\"true\"/></cols>"
	     "<sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
	     "<c r=\"C2\" t=\"inlineStr\"><is><t>インライン&amp;</t></is></c>"
	     "<c r=\"D2\"><v>1.5</v></c><c t=\"b\"><v>1</v></c></row>"
	     "<row r=\"5\" hidden=\"1\"><c r=\"A5\" t=\"e\"><v>#N/A</v></c><c r=\"B5\" t=\"s\"><v>2</v></c>"
	     "<c r=\"C5\" t=\"str\"><f>A1</f><v>式</v></c><c r=\"D5\" s=\"3\"/><c r=\"E5\" t=\"s\"><v>3</v></c>"
	     "<c r=\"Z5\"><v>-42</v></c></row><row/></sheetData>"
	     "<mergeCells count=\"1\"><mergeCell ref=\"A2:B3\"/></mergeCells>", 0);
	assert_int_equal(read_book(&z, NULL, &x, &t), 0);
	assert_int_equal(xlsx_nsheets(x), 2);
	assert_string_equal(xlsx_sheet(x, 0)->name, "S");
	assert_int_equal(xlsx_sheet(x, 0)->hidden, 0);
	assert_int_equal(xlsx_sheet(x, 1)->hidden, 1);
	assert_string_equal(xlsx_sheet(x, 0)->part, "xl/worksheets/sheet1.xml");
	assert_int_equal(xlsx_find_sheet(x, "Hid"), 1);
	assert_int_equal(xlsx_find_sheet(x, "none"), -1);
	assert_int_equal(t->n, 2);           /* an empty row without a flag is no row */
	assert_int_equal(t->nrows, 5);
	c = xlsx_cell_at(t, 1, 0);
	assert_non_null(c);
	assert_int_equal(c->type, XLSX_STRING);
	assert_string_equal(c->text, "共有");
	assert_int_equal(c->hidden, 0);
	c = xlsx_cell_at(t, 1, 1);
	assert_string_equal(c->text, "リッチ 文字");   /* runs joined, ルビ dropped */
	assert_int_equal(c->hidden, 1);
	c = xlsx_cell_at(t, 1, 2);
	assert_string_equal(c->text, "インライン&");
	c = xlsx_cell_at(t, 1, 3);
	assert_int_equal(c->type, XLSX_NUMBER);
	assert_string_equal(c->text, "1.5");
	assert_true(c->num == 1.5);
	c = xlsx_cell_at(t, 1, 4);           /* no r: after D2 */
	assert_int_equal(c->type, XLSX_BOOL);
	assert_string_equal(c->text, "TRUE");
	assert_int_equal(t->row[0].hidden, 0);
	assert_int_equal(t->row[1].hidden, 1);
	assert_int_equal(xlsx_cell_at(t, 4, 0)->type, XLSX_ERROR);
	assert_string_equal(xlsx_cell_at(t, 4, 0)->text, "#N/A");
	assert_string_equal(xlsx_cell_at(t, 4, 1)->text, "a\rb_x0041_");
	assert_string_equal(xlsx_cell_at(t, 4, 2)->text, "式");
	assert_int_equal(xlsx_cell_at(t, 4, 3)->type, XLSX_EMPTY);
	assert_string_equal(xlsx_cell_at(t, 4, 4)->text, "");
	assert_int_equal(xlsx_cell_at(t, 4, 4)->type, XLSX_STRING);
	assert_true(xlsx_cell_at(t, 4, 25)->num == -42);
	assert_int_equal(xlsx_cell_at(t, 4, 25)->hidden, 1);   /* F:XFD hidden */
	assert_null(xlsx_cell_at(t, 2, 0));
	assert_null(xlsx_cell_at(t, 1, 5));
	assert_true(xlsx_col_hidden(t, 1));
	assert_false(xlsx_col_hidden(t, 3));
	assert_int_equal(t->nmerge, 1);
	assert_int_equal(t->merge[0].r0, 1);
	assert_int_equal(t->merge[0].r1, 2);
	assert_int_equal(t->merge[0].c1, 1);
	xlsx_free(x);
	buf_release(&z);
}

/* The text of (row, col) through merged ranges: a merged cell's value is
 * its top-left cell's. */
static const char *merged_text(const struct xlsx_table *t, long row, int col)
{
	const struct xlsx_cell *c;
	int i;

	for (i = 0; i < t->nmerge; i++) {
		const struct xlsx_range *m = &t->merge[i];

		if (row >= m->r0 && row <= m->r1 && col >= m->c0 && col <= m->c1) {
			row = m->r0;
			col = m->c0;
			break;
		}
	}
	c = xlsx_cell_at(t, row, col);
	return c ? c->text : "";
}

static int band_row(const struct xlsx_table *t, long row)
{
	int i;

	for (i = 0; i < t->nmerge; i++)
		if (t->merge[i].r0 == row && t->merge[i].r1 == row &&
		    t->merge[i].c0 == 0 && t->merge[i].c1 == 4)
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The workbook libxlsxwriter wrote holds, cell for cell, what the CSV of
 * the same year holds: every row's measure (through its merged cell),
 * action item, ministries, results and plans, and every vision and goal
 * heading; the header and title as written. */
static void export_reads_back_as_the_csv(void **state)
{
	struct arena *a = arena_new();
	struct tsv_row *rows;
	struct tsv_error te;
	struct xlsx *x = xlsx_new(NULL);
	const struct xlsx_table *t;
	struct buf k = BUF_INIT;
	char **fromx, **fromc;
	long nrows, i, nx = 0, nc = 0, nbands = 0;
	int bom = !memcmp(csv_bytes.ptr, "\xEF\xBB\xBF", 3) ? 3 : 0;

	(void)state;
	assert_int_equal(xlsx_open_mem(x, "fu.xlsx", xlsx_bytes.ptr, xlsx_bytes.len), 0);
	/* the year's sheet, then the sources and the attribution */
	assert_int_equal(xlsx_nsheets(x), 2);
	assert_string_equal(xlsx_sheet(x, 0)->name, "令和7年度");
	assert_string_equal(xlsx_sheet(x, 1)->name, "出典");
	assert_int_equal(xlsx_read_sheet(x, 0, &t), 0);
	assert_string_equal(xlsx_cell_at(t, 0, 0)->text,
			    "第2期医療機器基本計画　令和7年度（FY2025）フォローアップ");
	assert_string_equal(xlsx_cell_at(t, 2, 0)->text, "施策");
	assert_string_equal(xlsx_cell_at(t, 2, 3)->text, "実績・状況（令和7年度）");
	assert_string_equal(xlsx_cell_at(t, 2, 4)->text, "取組予定（令和8年度）");
	assert_int_equal(dsv_parse(csv_bytes.ptr + bom, csv_bytes.len - (size_t)bom, ',',
				   a, &rows, &nrows, &te), 0);
	assert_true(nrows > 50);
	/* the last two lines: the attribution and the legend of the matching
	 * column, one field each */
	assert_int_equal(rows[nrows - 2].n, 1);
	assert_int_equal(rows[nrows - 1].n, 1);
	nrows -= 2;
	fromx = arena_alloc(a, sizeof(char *) * (size_t)(t->nrows + 1));
	fromc = arena_alloc(a, sizeof(char *) * (size_t)nrows);
	for (i = 3; i < t->nrows; i++) {
		const char *item = merged_text(t, i, 1);

		if (band_row(t, i)) {
			nbands++;
			continue;
		}
		/* the item cell of a row the plan does not match says so first */
		if (!strncmp(item, "（計画の取組と未照合）", strlen("（計画の取組と未照合）")))
			item += strlen("（計画の取組と未照合）");
		else if (!strncmp(item, "（計画から削除された取組）", strlen("（計画から削除された取組）")))
			item += strlen("（計画から削除された取組）");
		buf_reset(&k);
		buf_printf(&k, "%s\x1f%s\x1f%s\x1f%s\x1f%s", merged_text(t, i, 0), item,
			   merged_text(t, i, 2), merged_text(t, i, 3), merged_text(t, i, 4));
		fromx[nx++] = arena_strdup(a, k.ptr);
	}
	for (i = 1; i < nrows; i++) {
		char **f = rows[i].f;

		assert_int_equal(rows[i].n, 12);
		buf_reset(&k);
		buf_printf(&k, "%s\x1f%s\x1f%s\x1f%s\x1f%s", dsv_unguard(f[4]),
			   dsv_unguard(f[6]), dsv_unguard(f[7]), dsv_unguard(f[8]),
			   dsv_unguard(f[9]));
		fromc[nc++] = arena_strdup(a, k.ptr);
	}
	assert_int_equal(nx, nc);
	qsort(fromx, (size_t)nx, sizeof(char *), cmp_str);
	qsort(fromc, (size_t)nc, sizeof(char *), cmp_str);
	for (i = 0; i < nx; i++)
		assert_string_equal(fromx[i], fromc[i]);
	/* every vision and goal of the CSV has its band (a row the plan does
	 * not match has the table's heading in the CSV and sits under its
	 * section's goal in the workbook) */
	for (i = 1; i < nrows; i++) {
		long r;
		int found_v = 0, found_g = !strcmp(rows[i].f[10], "未照合");

		for (r = 3; r < t->nrows; r++) {
			const char *b = merged_text(t, r, 0);

			if (!band_row(t, r))
				continue;
			if (strstr(b, rows[i].f[2]))
				found_v = 1;
			if (strstr(b, rows[i].f[3]))
				found_g = 1;
		}
		if (!found_v || !found_g)
			fail_msg("no band for %s / %s (%s)", rows[i].f[2], rows[i].f[3], rows[i].f[10]);
	}
	assert_true(nbands > 10);
	buf_release(&k);
	xlsx_free(x);
	arena_free(a);
}

static void expect_refused(const struct buf *z, const struct xlsx_limits *lim,
			   const char *want1, const char *want2)
{
	const struct xlsx_table *t;
	int rc = read_book(z, lim, NULL, &t);

	if (rc != MD_EINPUT)
		fail_msg("rc %d (%s) where \"%s\" was expected", rc, msg, want1);
	if (!strstr(msg, want1) || (want2 && !strstr(msg, want2)))
		fail_msg("message \"%s\" lacks \"%s\" / \"%s\"", msg, want1,
			 want2 ? want2 : "");
}

static void hostile_files_are_refused_with_a_reason(void **state)
{
	struct buf z = BUF_INIT;
	struct xlsx_limits lim;
	size_t n;

	(void)state;
	/* truncated: every cut of the real export fails cleanly */
	for (n = 0; n < xlsx_bytes.len; n += xlsx_bytes.len / 23 + 1) {
		struct buf cut = BUF_INIT;
		const struct xlsx_table *t;
		int rc;

		buf_add(&cut, xlsx_bytes.ptr, n);
		rc = read_book(&cut, NULL, NULL, &t);
		assert_int_equal(rc, MD_EINPUT);
		assert_non_null(strstr(msg, "t.xlsx: "));
		buf_release(&cut);
	}
	buf_reset(&z);
	buf_puts(&z, "年度,fiscal_year\n令和7年度,2025\n");
	expect_refused(&z, NULL, "t.xlsx: not a workbook (not a zip file", NULL);
	/* damaged bytes in the sheet's compressed data */
	buf_reset(&z);
	buf_add(&z, xlsx_bytes.ptr, xlsx_bytes.len);
	{
		const struct xlsx_table *t;
		const char *at = NULL;

		for (n = 0; !at && n + 24 < z.len; n++)
			if (!memcmp(z.ptr + n, "xl/worksheets/sheet1.xml", 24))
				at = z.ptr + n;

		assert_non_null(at);
		for (n = 0; n < 64; n++)
			z.ptr[(size_t)(at - z.ptr) + 24 + 200 + n] ^= 0x5A;

		assert_int_equal(read_book(&z, NULL, NULL, &t), MD_EINPUT);
		assert_non_null(strstr(msg, "t.xlsx: "));
	}
	/* wrong XML */
	book(&z, "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>", 0);
	expect_refused(&z, NULL, "xl/worksheets/sheet1.xml:1: not well-formed XML", NULL);
	/* a document type with entities (billion laughs) */
	{
		struct member m[4] = {
			{ "xl/workbook.xml", "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>" WB },
			{ "xl/_rels/workbook.xml.rels", RELS },
			{ "xl/sharedStrings.xml", SST },
			{ "xl/worksheets/sheet1.xml", SHEET_HEAD "</worksheet>" },
		};
		make_zip(&z, m, 4, 0);
		expect_refused(&z, NULL, "xl/workbook.xml:1: a document type or entity", NULL);
	}
	/* not a workbook: a zip without one */
	{
		struct member m[1] = { { "word/document.xml", "<w/>" } };

		make_zip(&z, m, 1, 0);
		expect_refused(&z, NULL, "t.xlsx: not a workbook (no xl/workbook.xml", NULL);
	}
	/* a relationship out of the zip */
	{
		struct member m[2] = {
			{ "xl/workbook.xml", WB },
			{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"../../etc/passwd\"/></Relationships>" },
		};
		make_zip(&z, m, 2, 0);
		expect_refused(&z, NULL, "outside the workbook", NULL);
	}
	/* cells: references, types, indexes */
	book(&z, "<sheetData><row r=\"7\"><c r=\"B9\"><v>1</v></c></row></sheetData>", 0);
	expect_refused(&z, NULL, "sheet S, cell B7: reference B9 outside its row 7", NULL);
	book(&z, "<sheetData><row r=\"7\"><c r=\"B7\" t=\"s\"><v>99</v></c></row></sheetData>", 0);
	expect_refused(&z, NULL, "sheet S, cell B7: shared string 99 of 4", NULL);
	book(&z, "<sheetData><row r=\"7\"><c r=\"C7\"><v>1e</v></c></row></sheetData>", 0);
	expect_refused(&z, NULL, "sheet S, cell C7: bad number \"1e\"", NULL);
	book(&z, "<sheetData><row r=\"7\"><c r=\"C7\" t=\"zz\"><v>1</v></c></row></sheetData>", 0);
	expect_refused(&z, NULL, "sheet S, cell C7: unknown cell type \"zz\"", NULL);
	book(&z, "<sheetData><row r=\"7\"><c r=\"C7\"><v>1</v></c><c r=\"C7\"><v>2</v></c></row></sheetData>", 0);
	expect_refused(&z, NULL, "sheet S, cell C7: given twice", NULL);
	book(&z, "<sheetData><row r=\"7\"><c><v>1</v></c></row><row r=\"7\" hidden=\"1\"/></sheetData>", 0);
	expect_refused(&z, NULL, "row given twice", NULL);
	/* limits: rows, columns, cells, cell size, strings, part sizes */
	xlsx_limits_default(&lim);
	book(&z, "<sheetData><row r=\"65537\"><c r=\"E65537\"><v>1</v></c></row></sheetData>", 0);
	expect_refused(&z, &lim, "sheet S, cell A65537: more than 65536 rows (the limit)", NULL);
	book(&z, "<sheetData><row r=\"3\"><c r=\"AMK3\"><v>1</v></c></row></sheetData>", 0);
	expect_refused(&z, &lim, "sheet S, cell AMK3: more than 1024 columns (the limit)", NULL);
	lim.max_cells = 2;
	book(&z, "<sheetData><row><c/><c/><c/></row></sheetData>", 0);
	expect_refused(&z, &lim, "sheet S, cell C1: more than 2 cells (the limit)", NULL);
	xlsx_limits_default(&lim);
	lim.max_cell = 8;
	book(&z, "<sheetData><row><c t=\"inlineStr\"><is><t>123456789</t></is></c></row></sheetData>", 0);
	expect_refused(&z, &lim, "sheet S, cell A1: over the limit of 8 bytes a cell", NULL);
	book(&z, "<sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData>", 0);
	lim.max_cell = 5;
	expect_refused(&z, &lim, "xl/sharedStrings.xml: shared string 0 is over the limit of 5 bytes a cell", NULL);
	xlsx_limits_default(&lim);
	lim.max_strings = 2;
	expect_refused(&z, &lim, "xl/sharedStrings.xml: more than 2 shared strings (the limit)", NULL);
	xlsx_limits_default(&lim);
	lim.max_part = 200;
	book(&z, "<sheetData><row><c><v>1</v></c></row></sheetData>", 0);
	expect_refused(&z, &lim, "bytes uncompressed, over the limit of 200 bytes a part", NULL);
	/* a stored member whose headers both declare 4 GiB: libzip's
	 * consistency checks refuse the archive (a deflated member that
	 * declares its true size is bomb.xlsx below) */
	book(&z, "<sheetData/>", 0xFFFFFF00u);
	expect_refused(&z, NULL, "t.xlsx: not a workbook (not a zip file or a damaged one", NULL);
	lim.max_part = (size_t)64 << 20;
	lim.max_file = 100;
	expect_refused(&z, &lim, "over the limit of 100 bytes", NULL);
	buf_release(&z);
}

/* Zip bombs made by tests/data/xlsx/make-hostile.py: deflated zeros that
 * say how big they are, and the same whose headers claim 100 bytes. */
static void zip_bombs_stop_at_the_caps(void **state)
{
	struct buf p = BUF_INIT;
	struct xlsx_limits lim;
	struct xlsx *x;
	const struct xlsx_table *t;
	int rc;

	(void)state;
	xlsx_limits_default(&lim);
	lim.max_part = (size_t)1 << 20;
	x = xlsx_new(&lim);
	assert_int_equal(xlsx_open_file(x, path_of(NULL, "tests/data/xlsx/bomb.xlsx", &p)), 0);
	assert_int_equal(xlsx_read_sheet(x, 0, &t), MD_EINPUT);
	assert_non_null(strstr(xlsx_errmsg(x), "xl/worksheets/sheet1.xml: declares 16777317 bytes uncompressed, over the limit of 1048576 bytes a part"));
	xlsx_free(x);
	x = xlsx_new(&lim);
	assert_int_equal(xlsx_open_file(x, path_of(NULL, "tests/data/xlsx/bomb-lying.xlsx", &p)), 0);
	rc = xlsx_read_sheet(x, 0, &t);
	assert_int_equal(rc, MD_EINPUT);
	assert_non_null(strstr(xlsx_errmsg(x), "xl/worksheets/sheet1.xml: "));
	xlsx_free(x);
	x = xlsx_new(NULL);
	assert_int_equal(xlsx_open_file(x, "/nonexistent/x.xlsx"), MD_EIO);
	assert_non_null(strstr(xlsx_errmsg(x), "/nonexistent/x.xlsx: cannot be read"));
	xlsx_free(x);
	buf_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refs),
		cmocka_unit_test(cells_of_every_kind),
		cmocka_unit_test(export_reads_back_as_the_csv),
		cmocka_unit_test(hostile_files_are_refused_with_a_reason),
		cmocka_unit_test(zip_bombs_stop_at_the_caps),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
