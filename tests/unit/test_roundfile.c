/*
 * The offline round file: report_round_xlsx() writes a ministry's entries,
 * the XLSX reader reads them back as written, tests/data/xlsx/edit-sheet.py
 * edits cells the way Excel saves them (new shared strings, its own
 * namespace prefixes), import_round_read() reads the file alone and
 * import_round_match() proposes the changes: edited rows as updates, rows
 * edited on the web since the download as conflicts with both texts (or
 * kept when the file left them alone), a row of another ministry, an
 * unknown key, a key twice and a damaged version cell refused; a workbook
 * of another year or kind refused whole. One read matched against other
 * entries gives their proposal; 20,000 rows with repeated keys refuse
 * exactly the second and later rows of each key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "import/import.h"
#include "import/xlsx.h"
#include "report/report.h"

static const struct import_round_row rows[] = {
	{ "2026/40/meti", 3, 40, "医療機器の研究開発に携わる人材を育成する。", "meti", "経済産業省",
	  "・拠点を整備する。", "・拠点を整備した。\n・研修を行った。", "・引き続き実施する。" },
	{ "2026/41/meti", 2, 41, "スタートアップを支援する。", "meti", "経済産業省",
	  "", "", "" },
	{ "2026/42/meti", 5, 42, "国際展開を支援する。", "meti", "経済産業省",
	  "・展示会に出展する。", "展示会に出展した。", "" },
	{ "2026/43/meti", 1, 43, "=SUM(A1) 数式に見える取組", "meti", NULL,
	  "-", "-1", "@x" },
};
#define NROWS ((int)MD_ARRAY_SIZE(rows))

static char dir[] = "/tmp/mdplan-roundfile-XXXXXX";
static struct buf book = BUF_INIT;

static int group_setup(void **state)
{
	struct report_round_book b = { 2026, "経済産業省", "2027-01-31", rows, NROWS };

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	return report_round_xlsx(&b, &book);
}

static int group_teardown(void **state)
{
	struct buf cmd = BUF_INIT;

	(void)state;
	buf_printf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	buf_release(&cmd);
	buf_release(&book);
	return 0;
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The downloaded book edited by edit-sheet.py with edits ("B7\ttext\n"...). */
static void edited(const char *edits, struct buf *out)
{
	struct buf p = BUF_INIT, cmd = BUF_INIT;
	const char *top = getenv("top");

	buf_printf(&p, "%s/in.xlsx", dir);
	write_file(p.ptr, book.ptr, book.len);
	buf_reset(&p);
	buf_printf(&p, "%s/edits.txt", dir);
	write_file(p.ptr, edits, strlen(edits));
	buf_printf(&cmd, "python3 '%s/tests/data/xlsx/edit-sheet.py' '%s/in.xlsx' '%s/out.xlsx' '%s/edits.txt'",
		   top && *top ? top : ".", dir, dir, dir);
	assert_int_equal(system(cmd.ptr), 0);
	buf_reset(&p);
	buf_printf(&p, "%s/out.xlsx", dir);
	buf_release(out);
	assert_int_equal(file_read(p.ptr, (size_t)16 << 20, out), 0);
	buf_release(&p);
	buf_release(&cmd);
}

/* The stored entries as at the download, plus one of another ministry. */
static void held_as_downloaded(struct import_round_held *h)
{
	int i;

	for (i = 0; i < NROWS; i++) {
		h[i].key = rows[i].key;
		h[i].version = rows[i].version;
		h[i].ministry = rows[i].ministry;
		h[i].results = rows[i].results;
		h[i].plans = rows[i].plans;
	}
	h[NROWS].key = "2026/44/mhlw";
	h[NROWS].version = 1;
	h[NROWS].ministry = "mhlw";
	h[NROWS].results = "厚生労働省の実績";
	h[NROWS].plans = "";
}

static const char *const meti[] = { "meti" };

/* An upload as edit_round_upload() takes it: read, then match. */
static int upload(const char *name, const void *data, size_t len, int year,
		  const struct import_round_held *h, int nh, const char *const *m, int nm,
		  struct arena *a, struct import_round_plan *p, struct buf *err)
{
	struct import_round_file f;
	int rc = import_round_read(name, data, len, year, a, &f, err);

	return rc ? rc : import_round_match(&f, h, nh, m, nm, a, p);
}

static void written_as_the_rows_say(void **state)
{
	struct xlsx *x = xlsx_new(NULL);
	const struct xlsx_table *t;
	struct buf d = BUF_INIT;
	int i;

	(void)state;
	assert_int_equal(xlsx_open_mem(x, "dl.xlsx", book.ptr, book.len), 0);
	assert_string_equal(xlsx_sheet(x, 0)->name, "令和8年度入力");
	assert_int_equal(xlsx_read_sheet(x, 0, &t), 0);
	assert_string_equal(xlsx_cell_at(t, 0, 0)->text, IMPORT_ROUND_MARK);
	assert_true(xlsx_cell_at(t, 0, 1)->num == 2026);
	assert_non_null(strstr(xlsx_cell_at(t, 0, 3)->text, "経済産業省"));
	assert_non_null(strstr(xlsx_cell_at(t, 0, 3)->text, "提出期限 2027-01-31"));
	assert_string_equal(xlsx_cell_at(t, 2, 6)->text, "前年度の取組予定（参考）");
	assert_string_equal(xlsx_cell_at(t, 2, 7)->text, "実績・状況（令和8年度）");
	assert_string_equal(xlsx_cell_at(t, 2, 8)->text, "取組予定（令和9年度）");
	/* key, version and digest hidden; the rest shown */
	assert_true(xlsx_col_hidden(t, 0) && xlsx_col_hidden(t, 1) && xlsx_col_hidden(t, 2));
	assert_false(xlsx_col_hidden(t, 3) || xlsx_col_hidden(t, 7) || xlsx_col_hidden(t, 8));
	for (i = 0; i < NROWS; i++) {
		long r = 3 + i;

		assert_string_equal(xlsx_cell_at(t, r, 0)->text, rows[i].key);
		assert_int_equal(xlsx_cell_at(t, r, 1)->type, XLSX_NUMBER);
		assert_true(xlsx_cell_at(t, r, 1)->num == (double)rows[i].version);
		buf_reset(&d);
		assert_int_equal(import_round_digest(rows[i].results, rows[i].plans, &d), 0);
		assert_string_equal(xlsx_cell_at(t, r, 2)->text, d.ptr);
		assert_string_equal(xlsx_cell_at(t, r, 4)->text, rows[i].item);
		assert_string_equal(xlsx_cell_at(t, r, 5)->text,
				    rows[i].ministry_name ? rows[i].ministry_name : rows[i].ministry);
		/* texts that look like formulas stay texts in a workbook */
		assert_int_equal(xlsx_cell_at(t, r, 7)->type,
				 *rows[i].results ? XLSX_STRING : XLSX_EMPTY);
		assert_string_equal(xlsx_cell_at(t, r, 6)->text, rows[i].prev_plans);
		assert_string_equal(xlsx_cell_at(t, r, 7)->text, rows[i].results);
		assert_string_equal(xlsx_cell_at(t, r, 8)->text, rows[i].plans);
	}
	assert_string_equal(xlsx_cell_at(t, 4, 3)->text, "A41");
	buf_release(&d);
	xlsx_free(x);
}

static void unedited_upload_changes_nothing(void **state)
{
	struct import_round_held h[NROWS + 1];
	struct import_round_plan p;
	struct arena *a = arena_new();
	struct buf err = BUF_INIT, pv = BUF_INIT;
	int i;

	(void)state;
	held_as_downloaded(h);
	assert_int_equal(upload("dl.xlsx", book.ptr, book.len, 2026, h,
				NROWS + 1, meti, 1, a, &p, &err), 0);
	assert_int_equal(p.n, NROWS);
	assert_int_equal(p.same, NROWS);
	for (i = 0; i < p.n; i++)
		assert_int_equal(p.c[i].what, IMPORT_ROUND_SAME);
	assert_int_equal(import_round_preview(&p, &pv), 0);
	assert_string_equal(pv.ptr, "0 to update, 0 conflicts, 0 refused, 0 changed on the web since "
			    "the download (kept), 4 unchanged / 更新 0・競合 0・拒否 0\n");
	buf_release(&err);
	buf_release(&pv);
	arena_free(a);
}

static const struct import_round_change *by_key(const struct import_round_plan *p,
						const char *key)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->c[i].key, key))
			return &p->c[i];
	fail_msg("no row for %s", key);
	return NULL;
}

/* Edited in Excel: A40's results, A41's plans and A42's results; A42 and
 * A43 were also saved on the web since the download; a row for an entry
 * of 厚生労働省 and one for no entry were added. */
static void edited_upload_proposes_updates_conflicts_and_refusals(void **state)
{
	struct import_round_held h[NROWS + 1];
	struct import_round_plan p;
	const struct import_round_change *c;
	struct arena *a = arena_new();
	struct buf up = BUF_INIT, err = BUF_INIT, pv = BUF_INIT;

	(void)state;
	edited("H4\t・拠点を整備した。\\n・研修を3回行った。\n"
	       "I5\t・令和9年度に公募する。\n"
	       "H6\t展示会に2回出展した。\n"
	       "A8\t2026/44/mhlw\nB8\t1\n"
	       "C8\t0000000000000000000000000000000000000000000000000000000000000000\n"
	       "H8\t他省の行\n"
	       "A9\t2026/99/meti\nB9\t1\nH9\t知らない行\n", &up);
	held_as_downloaded(h);
	h[2].version = 6;              /* A42 saved on the web after the download */
	h[2].results = "展示会に出展し、商談会を開いた。";
	h[3].version = 2;              /* A43 too; the file leaves it alone */
	h[3].plans = "Webで書いた予定";
	assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h, NROWS + 1,
				meti, 1, a, &p, &err), 0);
	assert_int_equal(p.n, 6);
	c = by_key(&p, "2026/40/meti");
	assert_int_equal(c->what, IMPORT_ROUND_UPDATE);
	assert_int_equal(c->row, 4);
	assert_true(c->results_changed);
	assert_false(c->plans_changed);
	assert_string_equal(c->results, "・拠点を整備した。\n・研修を3回行った。");
	assert_int_equal(c->version, 3);
	c = by_key(&p, "2026/41/meti");
	assert_int_equal(c->what, IMPORT_ROUND_UPDATE);
	assert_false(c->results_changed);
	assert_true(c->plans_changed);
	assert_string_equal(c->plans, "・令和9年度に公募する。");
	c = by_key(&p, "2026/42/meti");
	assert_int_equal(c->what, IMPORT_ROUND_CONFLICT);
	assert_int_equal(c->version, 5);
	assert_int_equal(c->stored_version, 6);
	assert_string_equal(c->results, "展示会に2回出展した。");
	assert_string_equal(c->stored_results, "展示会に出展し、商談会を開いた。");
	c = by_key(&p, "2026/43/meti");
	assert_int_equal(c->what, IMPORT_ROUND_STALE);
	assert_true(c->plans_changed);
	c = by_key(&p, "2026/44/mhlw");
	assert_int_equal(c->what, IMPORT_ROUND_REFUSED);
	assert_int_equal(c->row, 8);
	assert_non_null(strstr(c->why, "mhlw, which is not one of your ministries"));
	c = by_key(&p, "2026/99/meti");
	assert_int_equal(c->what, IMPORT_ROUND_REFUSED);
	assert_string_equal(c->why, "no such entry in this round");
	assert_int_equal(p.updates, 2);
	assert_int_equal(p.conflicts, 1);
	assert_int_equal(p.stale, 1);
	assert_int_equal(p.refused, 2);
	assert_int_equal(import_round_preview(&p, &pv), 0);
	assert_non_null(strstr(pv.ptr, "2 to update, 1 conflicts, 2 refused, 1 changed on the web"));
	assert_non_null(strstr(pv.ptr, "row 4 2026/40/meti: update results/実績・状況 (version 3)\n"
			       "    results / 実績・状況:\n      ・拠点を整備した。\n      ・研修を3回行った。\n"));
	assert_non_null(strstr(pv.ptr, "row 6 2026/42/meti: conflict / 競合"));
	assert_non_null(strstr(pv.ptr, "      展示会に2回出展した。\n    results on the web / Webの実績・状況:\n"
			       "      展示会に出展し、商談会を開いた。\n"));
	assert_non_null(strstr(pv.ptr, "row 7 2026/43/meti: changed on the web since the download "
			       "(version 1, now 2); the web's text is kept\n"));
	assert_non_null(strstr(pv.ptr, "row 8 2026/44/mhlw: refused / 拒否: an entry of mhlw"));
	/* a user holding both ministries may upload the mhlw row */
	{
		static const char *const both[] = { "meti", "mhlw" };

		assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h,
					NROWS + 1, both, 2, a, &p, &err), 0);
		assert_int_equal(by_key(&p, "2026/44/mhlw")->what, IMPORT_ROUND_UPDATE);
		assert_string_equal(by_key(&p, "2026/44/mhlw")->results, "他省の行");
		assert_int_equal(p.refused, 1);
	}
	/* nobody's ministries: every row refused */
	assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h, NROWS + 1,
				NULL, 0, a, &p, &err), 0);
	assert_int_equal(p.refused, 6);
	buf_release(&up);
	buf_release(&err);
	buf_release(&pv);
	arena_free(a);
}

static void damaged_rows_and_wrong_files_are_refused(void **state)
{
	struct import_round_held h[NROWS + 1];
	struct import_round_plan p;
	struct arena *a = arena_new();
	struct buf up = BUF_INIT, err = BUF_INIT;

	(void)state;
	held_as_downloaded(h);
	/* a version typed over, a key given twice */
	edited("B4\t三\nA6\t2026/41/meti\n", &up);
	assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h, NROWS + 1,
				meti, 1, a, &p, &err), 0);
	assert_int_equal(by_key(&p, "2026/40/meti")->what, IMPORT_ROUND_REFUSED);
	assert_string_equal(p.c[2].key, "2026/41/meti");
	assert_int_equal(p.c[2].what, IMPORT_ROUND_REFUSED);
	assert_string_equal(p.c[2].why, "the key is given twice in the file");
	/* another year */
	assert_int_equal(upload("dl.xlsx", book.ptr, book.len, 2027, h, NROWS + 1,
				meti, 1, a, &p, &err), MD_EINPUT);
	assert_string_equal(err.ptr, "dl.xlsx: the workbook is for fiscal year 2026, not 2027 / 年度が違います");
	/* the mark overwritten: not a round file */
	buf_reset(&err);
	edited("A1\tsomething\n", &up);
	assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h, NROWS + 1,
				meti, 1, a, &p, &err), MD_EINPUT);
	assert_non_null(strstr(err.ptr, "up.xlsx: not a round workbook of mdplan (cell A1 of sheet 令和8年度入力"));
	/* the header's key column renamed */
	buf_reset(&err);
	edited("A3\tキー\n", &up);
	assert_int_equal(upload("up.xlsx", up.ptr, up.len, 2026, h, NROWS + 1,
				meti, 1, a, &p, &err), MD_EINPUT);
	assert_non_null(strstr(err.ptr, "has no header row with key, version, digest"));
	/* not a workbook at all: the reader's message */
	buf_reset(&err);
	assert_int_equal(upload("x.xlsx", "PK\003\004junk", 8, 2026, h, NROWS + 1,
				meti, 1, a, &p, &err), MD_EINPUT);
	assert_non_null(strstr(err.ptr, "x.xlsx: not a workbook"));
	buf_release(&up);
	buf_release(&err);
	arena_free(a);
}


/* The read holds the file's rows and needs nothing else (the bytes may go);
 * matching the same read against other entries gives their proposal. */
static void one_read_many_matches(void **state)
{
	struct import_round_held h[NROWS + 1];
	struct import_round_file f;
	struct import_round_plan p;
	struct arena *a = arena_new();
	struct buf up = BUF_INIT, err = BUF_INIT;
	static const char *const both[] = { "meti", "mhlw" };

	(void)state;
	/* A40 edited, a version typed over in A41, A42's key again in row 8 */
	edited("H4\t・研修を5回行った。\nB5\t二\nA8\t2026/42/meti\nB8\t5\n", &up);
	assert_int_equal(import_round_read("up.xlsx", up.ptr, up.len, 2026, a, &f, &err), 0);
	buf_release(&up);           /* the read keeps what it needs */
	assert_int_equal(f.fiscal_year, 2026);
	assert_int_equal(f.n, 5);
	assert_int_equal(f.r[0].row, 4);
	assert_string_equal(f.r[0].key, "2026/40/meti");
	assert_string_equal(f.r[0].results, "・研修を5回行った。");
	assert_int_equal(f.r[0].version, 3);
	assert_false(f.r[0].damaged || f.r[0].twice);
	assert_true(f.r[1].damaged);
	assert_int_equal(f.r[1].version, 0);
	assert_false(f.r[2].twice);
	assert_int_equal(f.r[4].row, 8);
	assert_string_equal(f.r[4].key, "2026/42/meti");
	assert_true(f.r[4].twice);
	assert_true(f.r[4].damaged);    /* no digest in row 8 */

	held_as_downloaded(h);
	assert_int_equal(import_round_match(&f, h, NROWS + 1, meti, 1, a, &p), 0);
	assert_int_equal(p.n, 5);
	assert_int_equal(p.c[0].what, IMPORT_ROUND_UPDATE);
	assert_int_equal(p.c[1].what, IMPORT_ROUND_REFUSED);
	assert_int_equal(p.c[1].refusal, IMPORT_REFUSED_DAMAGED);
	assert_int_equal(p.c[2].what, IMPORT_ROUND_SAME);
	assert_int_equal(p.c[4].refusal, IMPORT_REFUSED_TWICE);
	assert_int_equal(p.updates, 1);
	assert_int_equal(p.refused, 2);
	/* the web saved A40 meanwhile: the same read is now a conflict */
	h[0].version = 4;
	h[0].results = "Webの実績";
	assert_int_equal(import_round_match(&f, h, NROWS + 1, both, 2, a, &p), 0);
	assert_int_equal(p.c[0].what, IMPORT_ROUND_CONFLICT);
	assert_int_equal(p.c[0].stored_version, 4);
	assert_string_equal(p.c[0].stored_results, "Webの実績");
	assert_int_equal(p.conflicts, 1);
	assert_int_equal(p.updates, 0);
	/* no entries held: every row unknown, but a repeat is still a repeat */
	assert_int_equal(import_round_match(&f, h, 0, meti, 1, a, &p), 0);
	assert_int_equal(p.refused, 5);
	assert_int_equal(p.c[0].refusal, IMPORT_REFUSED_UNKNOWN);
	assert_int_equal(p.c[4].refusal, IMPORT_REFUSED_TWICE);
	buf_release(&err);
	arena_free(a);
}

#define BIG IMPORT_ROUND_MAX_ROWS
#define BIG_ITEMS 7001

/* A workbook of n rows whose keys repeat out of order: row i names item
 * (i * 7919) % BIG_ITEMS, so every item comes back about three times,
 * far from its first row. */
static void big_book(int n, struct import_round_row *r, struct arena *a, struct buf *out)
{
	struct report_round_book b = { 2026, "経済産業省", NULL, r, n };
	int i;

	for (i = 0; i < n; i++) {
		long long item = (long long)i * 7919 % BIG_ITEMS;

		memset(&r[i], 0, sizeof(r[i]));
		r[i].key = import_round_key(2026, item, "meti", a);
		r[i].version = 1;
		r[i].item_no = item;
		r[i].item = "施策";
		r[i].ministry = "meti";
		r[i].prev_plans = "";
		r[i].results = "・実績";
		r[i].plans = "";
	}
	buf_release(out);           /* the book is read into a new buffer */
	assert_int_equal(report_round_xlsx(&b, out), 0);
}

static void repeated_keys_in_twenty_thousand_rows(void **state)
{
	struct import_round_row *r = calloc(BIG + 1, sizeof(*r));
	struct import_round_held *h = calloc(BIG_ITEMS, sizeof(*h));
	char *seen = calloc(BIG_ITEMS, 1);
	struct import_round_plan p;
	struct arena *a = arena_new();
	struct buf x = BUF_INIT, err = BUF_INIT;
	long twice = 0;
	int i;

	(void)state;
	assert_non_null(r);
	assert_non_null(h);
	assert_non_null(seen);
	big_book(BIG, r, a, &x);
	for (i = 0; i < BIG_ITEMS; i++) {
		h[i].key = import_round_key(2026, i, "meti", a);
		h[i].version = 1;
		h[i].ministry = "meti";
		h[i].results = "・実績";
		h[i].plans = "";
	}
	assert_int_equal(upload("big.xlsx", x.ptr, x.len, 2026, h, BIG_ITEMS, meti, 1, a, &p,
				&err), 0);
	assert_int_equal(p.n, BIG);
	/* in sheet order: the first row of each key is matched, every later
	 * one refused as given twice */
	for (i = 0; i < BIG; i++) {
		const struct import_round_change *c = &p.c[i];
		int item = (int)((long long)i * 7919 % BIG_ITEMS);

		assert_int_equal(c->row, 4 + i);
		assert_string_equal(c->key, r[i].key);
		if (seen[item]) {
			assert_int_equal(c->what, IMPORT_ROUND_REFUSED);
			assert_int_equal(c->refusal, IMPORT_REFUSED_TWICE);
			twice++;
		} else {
			assert_int_equal(c->what, IMPORT_ROUND_SAME);
		}
		seen[item] = 1;
	}
	assert_int_equal(twice, BIG - BIG_ITEMS);
	assert_int_equal(p.refused, twice);
	assert_int_equal(p.same, BIG_ITEMS);
	/* one row more than the limit: the whole file refused */
	big_book(BIG + 1, r, a, &x);
	buf_reset(&err);
	assert_int_equal(upload("big.xlsx", x.ptr, x.len, 2026, h, BIG_ITEMS, meti, 1, a, &p,
				&err), MD_EINPUT);
	assert_string_equal(err.ptr, "big.xlsx: more than 20000 entries (the limit)");
	buf_release(&x);
	buf_release(&err);
	arena_free(a);
	free(seen);
	free(h);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_as_the_rows_say),
		cmocka_unit_test(unedited_upload_changes_nothing),
		cmocka_unit_test(edited_upload_proposes_updates_conflicts_and_refusals),
		cmocka_unit_test(damaged_rows_and_wrong_files_are_refused),
		cmocka_unit_test(one_read_many_matches),
		cmocka_unit_test(repeated_keys_in_twenty_thousand_rows),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
