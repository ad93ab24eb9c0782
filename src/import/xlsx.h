#ifndef MD_XLSX_H
#define MD_XLSX_H
/*
 * xlsx: reads an Excel workbook (Office Open XML, .xlsx) as sheets of rows
 * of cells. There is no XLSX reader in Debian; this one uses libzip for
 * the container and libxml2's streaming reader for the parts. libzip is
 * used here and nowhere else; libxml2 is used by the import module's two
 * document readers only, this file and html.c (the HTML cell reader).
 *
 * What is read: the workbook's sheets (name, hidden state) in order, each
 * sheet's cells with their type — shared strings (rich text runs joined,
 * phonetic guides ルビ dropped), inline strings, formula results, numbers,
 * booleans, error codes — the hidden columns and rows, and the merged
 * ranges. Excel's _xHHHH_ escapes are decoded. Styles, formulas and
 * everything else are ignored.
 *
 * Hostile files: every size is capped (struct xlsx_limits). A zip member
 * whose declared size is over the cap is refused before it is inflated,
 * and inflating stops at the cap whatever the header says (zip bombs); a
 * document type declaration (entities) is refused; the network is never
 * used. Every refusal is an error naming the part, sheet or cell and the
 * limit, e.g. "fu.xlsx: sheet 令和7年度, cell E70001: more than 65536 rows
 * (the limit)".
 *
 * Usage: x = xlsx_new(NULL); xlsx_open_mem(x, "fu.xlsx", data, len) or
 * xlsx_open_file(x, path); for i < xlsx_nsheets(x): xlsx_sheet(x, i),
 * xlsx_read_sheet(x, i, &t); xlsx_errmsg(x) after a failure; xlsx_free(x).
 * The struct xlsx owns everything it returns (until xlsx_free); memory
 * given to xlsx_open_mem must stay valid until then. Threads may each read
 * their own struct xlsx at the same time.
 */
#include "../base/base.h"

struct xlsx;

struct xlsx_limits {
	size_t max_file;     /* bytes of the .xlsx file itself */
	size_t max_part;     /* inflated bytes of one zip member */
	size_t max_total;    /* inflated bytes of all members read */
	long max_entries;    /* members of the zip */
	int max_sheets;
	long max_rows;       /* rows of a sheet (the last row number) */
	int max_cols;        /* columns of a sheet (the last column) */
	long max_cells;      /* cells of one sheet */
	long max_strings;    /* shared strings */
	size_t max_cell;     /* bytes of one cell's text */
};
/* 64 MiB file, 64 MiB a part, 256 MiB in all, 10000 members, 256 sheets,
 * 65536 rows, 1024 columns, 2,000,000 cells, 1,000,000 shared strings,
 * 1 MiB a cell. */
void xlsx_limits_default(struct xlsx_limits *l);

enum xlsx_type {
	XLSX_EMPTY = 0,      /* a cell with a style only */
	XLSX_STRING,         /* shared, inline or a formula's string result */
	XLSX_NUMBER,
	XLSX_BOOL,           /* text "TRUE" / "FALSE", num 1 / 0 */
	XLSX_ERROR           /* text "#N/A", "#DIV/0!", ... */
};

struct xlsx_cell {
	int col;             /* 0-based: A = 0 */
	enum xlsx_type type;
	int hidden;          /* its column is hidden */
	const char *text;    /* NUL-terminated, never NULL ("" when empty); a
	                        number as the file writes it ("1.5", "42") */
	size_t len;          /* bytes of text (a string may hold NUL) */
	double num;          /* XLSX_NUMBER, XLSX_BOOL */
};

struct xlsx_row {
	long row;            /* 0-based: row 1 = 0 */
	int hidden;
	int n;               /* cells present, ascending by col */
	struct xlsx_cell *cell;
};

struct xlsx_range {
	long r0, r1;         /* first and last row, 0-based, inclusive */
	int c0, c1;          /* first and last column */
};

struct xlsx_table {
	const char *name;    /* the sheet's name */
	long n;              /* rows present (with a cell or a hidden flag), ascending */
	struct xlsx_row *row;
	long nrows;          /* last row index + 1 (0 for an empty sheet) */
	int ncols;           /* last column index + 1 over cells and <cols> */
	unsigned char *col_hidden;   /* [ncols]: 1 for a hidden column */
	int nmerge;
	struct xlsx_range *merge;    /* merged ranges, as the file lists them */
};

struct xlsx_sheet {
	const char *name;
	int hidden;          /* 1 hidden, 2 very hidden */
	const char *part;    /* its zip member, e.g. "xl/worksheets/sheet1.xml" */
};

/* NULL limits: the defaults. NULL when out of memory. */
struct xlsx *xlsx_new(const struct xlsx_limits *lim);
void xlsx_free(struct xlsx *x);
/* Opens the workbook and reads its list of sheets. name is for messages.
 * MD_EINPUT (not a workbook, corrupt, over a limit), MD_ENOMEM. */
int xlsx_open_mem(struct xlsx *x, const char *name, const void *data, size_t len);
/* The same from a file (at most max_file bytes): MD_EIO when unreadable. */
int xlsx_open_file(struct xlsx *x, const char *path);
int xlsx_nsheets(const struct xlsx *x);
const struct xlsx_sheet *xlsx_sheet(const struct xlsx *x, int i);
/* The index of the sheet named name, or -1. */
int xlsx_find_sheet(const struct xlsx *x, const char *name);
/* Reads sheet i (0-based). *out lives until xlsx_free. */
int xlsx_read_sheet(struct xlsx *x, int i, const struct xlsx_table **out);
/* "fu.xlsx: sheet 令和7年度, cell B7: ..." after a failure. */
const char *xlsx_errmsg(const struct xlsx *x);

/* The cell at (row, col) or NULL (binary search). */
const struct xlsx_cell *xlsx_cell_at(const struct xlsx_table *t, long row, int col);
/* 1 when column col is hidden. */
int xlsx_col_hidden(const struct xlsx_table *t, int col);

/* "B7" -> row 6, col 1; "$B$7" too. Columns A..XFD (16384), rows 1..1048576.
 * A reference without a row ("B") gives *row = -1. MD_EINPUT otherwise. */
int xlsx_ref_parse(const char *s, size_t n, long *row, int *col);
/* Column name of a 0-based index: 0 -> "A", 27 -> "AB" (out: 4 bytes). */
void xlsx_col_name(int col, char out[4]);

#endif
