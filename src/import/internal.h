/* Internal to import: shared between import.c, plan.c and followup.c. */
#ifndef MD_IMPORT_INTERNAL_H
#define MD_IMPORT_INTERNAL_H
#include "../text/text.h"
#include "import.h"

struct import {
	struct store *st;
	const char *enc;                 /* forced encoding or NULL */
	int year;                        /* --year, 0 if not given */
	int edition;                     /* --edition, 0 if not given */
	double max_removals;             /* share of a year's follow-up rows a re-import may remove */
	import_note_fn note;
	void *note_ctx;
	import_progress_fn progress;
	void *progress_ctx;
	struct buf err;                  /* "file:line: message" */
	struct import_summary sum;
	const char *path;                /* file being imported */
};

struct line {
	const char *s;    /* start of the line in the decoded text */
	size_t n;         /* bytes, without the LF */
	long no;          /* 1-based line number */
};

/* Formats "path:line: message" into imp->err and returns rc. */
int import_fail(struct import *imp, int rc, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with a column: "path:line:col: message". */
int import_fail_at(struct import *imp, int rc, long line, long col,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void import_note(struct import *imp, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* How many bytes of s to show in a message ("%.*s") so that at most max
 * are shown and no UTF-8 character is cut in two. */
int import_cut(const char *s, int max);
/* Decodes data into out (UTF-8, LF) or fails with a located message. */
int import_decode(struct import *imp, const char *data, size_t len,
		  struct buf *out);
/* dsv_parse() with its errors as located messages in imp. */
int import_tsv_rows(struct import *imp, struct arena *a, const char *text,
		    size_t len, char sep, struct tsv_row **rows, long *nrows);
/* Splits decoded text into lines (arena). */
int import_lines(struct arena *a, const char *s, size_t n, struct line **out,
		 long *nout);
/* Records the source document and opens the import run; call inside the
 * transaction. */
int import_source(struct import *imp, const char *kind, const char *data,
		  size_t len, long long *source);
/* Trims ASCII space, tab and U+3000 from both ends of s[0..*n). */
void import_trim(const char **s, size_t *n);
/* 1 when s is empty or only spaces and tabs. */
int import_blank(const char *s);
/* Normalized matching key of a text (no spaces), into the arena. */
char *import_norm(struct arena *a, const char *s, size_t n, unsigned flags);

/* Precomputed bigrams of a normalized text (arena), and their Dice
 * coefficient: match_similarity() without re-reading either text. */
struct match_grams;
struct match_grams *match_grams_new(struct arena *a, const char *s);
double match_dice(const struct match_grams *x, const struct match_grams *y);

/* ---- CSV files (csv.c): what indicator.c and programme.c share ---- */

/* Every problem of a file, each "path:line: column NAME: what", up to 20
 * shown; nothing is written while there is one. */
struct csv_errs {
	struct import *imp;
	struct arena *a;
	struct buf msg;
	int n;                           /* problems found */
};
void csv_err(struct csv_errs *e, long line, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* 0 when there was no problem; else the list (and a count) into imp->err
 * and MD_EINPUT. */
int csv_errs_finish(struct csv_errs *e);
/* A cell as a message shows it: its first 200 characters and a count. */
const char *csv_shown(struct csv_errs *e, const char *s);
/* Trimmed copy of a cell (ASCII and ideographic spaces), in the arena. */
char *csv_trimmed(struct arena *a, const char *s);
/* 1 when s holds a control character other than LF and tab. */
int csv_has_control(const char *s);
/* Header key: NFKC + case folded, without spaces, '_' and '-'. */
int csv_header_key(const char *s, struct buf *out);
struct csv_header {
	int col;                         /* the importer's column number */
	const char *names;               /* header keys, '|' separated */
};
/* The column whose names include key, or -1. */
int csv_find_header(const struct csv_header *names, size_t n, const char *key);
int csv_blank_row(const struct tsv_row *r);
/* Decodes and splits a CSV file (formula guards undone); *first is the
 * header row (the first row not blank). example names a header line for
 * the message when there is none. */
int csv_load(struct import *imp, struct arena *a, const char *data, size_t len,
	     const char *example, struct buf *text, struct tsv_row **rows,
	     long *nrows, long *first);

int import_plan_run(struct import *imp, const char *data, size_t len);
int import_followup_run(struct import *imp, const char *data, size_t len);
int import_indicators_run(struct import *imp, const char *data, size_t len);
int import_indicator_defs_run(struct import *imp, const char *data, size_t len);
int import_programmes_run(struct import *imp, const char *data, size_t len);
int import_budgets_run(struct import *imp, const char *data, size_t len);
int import_presults_run(struct import *imp, const char *data, size_t len);
int import_pindicators_run(struct import *imp, const char *data, size_t len);
int import_hubs_run(struct import *imp, const char *data, size_t len);
int import_sources_run(struct import *imp, const char *data, size_t len);

#endif
