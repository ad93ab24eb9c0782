#ifndef MD_IMPORT_H
#define MD_IMPORT_H
/*
 * import: reads the documents users bring and writes them to the store.
 *
 *   import_plan()      the Basic Plan outline (the shape of seeds/001)
 *   import_followup()  one fiscal year's follow-up table (seeds/003)
 *   import_indicators()      yearly indicator values (CSV: code,year,value,
 *                            note, source, date, breakdown columns...)
 *   import_indicator_defs()  indicator definitions (CSV, see indicator.c)
 *   import_programme_file()  programmes, budgets, results, hubs (CSV,
 *                            programme.c)
 *   import_sources()   the sources list: the documents the data come from,
 *                      with title, publisher, date and URL (CSV, sources.c)
 *
 * An import is one transaction: it either lands whole or leaves the
 * database exactly as it was. Re-importing the same file changes nothing;
 * a corrected file updates rows in place and the old values go to history.
 * The import's run is the actor of its changes ("import:followup PATH",
 * PATH as given), and changed rows get their next version, through the
 * same store puts as an edit. Changes a person makes one at a time go
 * through src/edit instead, which may call the readers exposed here.
 *
 * Usage: imp = import_new(st); set options; import_plan(imp, path);
 * read import_errmsg() on failure (it names file:line and what was
 * expected) or import_summary() on success; import_free(imp).
 * The struct import owns its messages; the caller owns the store.
 */
#include "../base/base.h"
#include "../store/store.h"

struct import;

/* What a plan import did to the parts of the plan (visions, goals,
 * measures, action items, areas): each part of the document is one of
 * inserted, reworded, moved, restored (back after being retired) or
 * unchanged; a stored part the document no longer has is retired. */
struct import_outline {
	long inserted, reworded, moved, retired, restored, unchanged;
	long renumbered;        /* parts whose number changed (any of the above) */
};
/* "1 inserted, 0 reworded, 0 moved, 0 retired, 0 restored, 124 unchanged;
 * 59 renumbered": the words the CLI and the history use. */
void import_outline_words(const struct import_outline *o, struct buf *out);

struct import_summary {
	const char *encoding;   /* what the file was decoded from */
	int edition;            /* plan edition imported or matched against */
	int fiscal_year;        /* follow-up year */
	long visions, goals, listings, measures, items, untagged, areas, platforms;
	long rows;              /* follow-up rows that name an action item */
	long exact, similar;    /* rows matched exactly / by similarity */
	long position;          /* rows matched by their place between matches */
	long unmatched;         /* rows stored but matched to no action item */
	long repeats;           /* rows repeating an earlier row (再掲) */
	/* indicators: rows = values or definitions written */
	long na;                /* values marked not available */
	struct import_outline outline;  /* plan: what became of its parts */
	struct store_counts counts;
};

/* Called for each follow-up row that matched no action item, and for
 * other things worth telling the user; line is 1-based. */
typedef void (*import_note_fn)(void *ctx, const char *file, long line,
			       const char *msg);
/* Called with rows done / rows total, for a progress line. */
typedef void (*import_progress_fn)(void *ctx, long done, long total);

struct import *import_new(struct store *st);
void import_free(struct import *imp);
void import_set_encoding(struct import *imp, const char *enc);
void import_set_year(struct import *imp, int fiscal_year);
void import_set_edition(struct import *imp, int edition);
/* A follow-up re-import that would remove more than this share (0..1) of
 * the rows stored for its year stops with an error and writes nothing: a
 * file cut short must not empty the year. 1 allows any removal. */
#define IMPORT_MAX_REMOVALS 0.20
void import_set_max_removals(struct import *imp, double share);
void import_set_notes(struct import *imp, import_note_fn fn, void *ctx);
void import_set_progress(struct import *imp, import_progress_fn fn, void *ctx);

int import_plan(struct import *imp, const char *path);
int import_followup(struct import *imp, const char *path);
int import_indicators(struct import *imp, const char *path);
int import_indicator_defs(struct import *imp, const char *path);
int import_indicators_mem(struct import *imp, const char *path,
			  const char *data, size_t len);
int import_indicator_defs_mem(struct import *imp, const char *path,
			      const char *data, size_t len);
/* Programme files (programme.c; layouts in data/SOURCES.md): what is
 * "programmes", "budgets", "programme-results", "programme-indicators" or
 * "hubs". Programmes first: the others name programmes by code (and
 * programme-indicators names defined indicators). */
int import_programme_file(struct import *imp, const char *what, const char *path);
int import_programme_mem(struct import *imp, const char *what, const char *path,
			 const char *data, size_t len);
/* The sources list (sources.c); summary rows = documents written. */
int import_sources(struct import *imp, const char *path);
int import_sources_mem(struct import *imp, const char *path, const char *data,
		       size_t len);
/* A number as a table writes it (4,086, full-width digits, 0.5), after
 * NFKC; MD_EINPUT otherwise. */
int import_number(const char *s, double *v);
/* An amount of money as budget documents write it, in whole yen (yen.c):
 * 7.7億円, 7.7 億円, 442,607千円, 51百万円, １４億円 (after NFKC), 約3億円
 * (approx set), 8.8（－億円） (a bracketed previous-year figure, whose unit
 * may stand inside it, is read and dropped: bracket, prev_none). Units 円
 * 千円 万円 百万円 千万円 億円 兆円. Refused with MD_EINPUT and why set: 約
 * without a number, mixed units (1億2,000万円), a sign or ▲ (negative),
 * no unit, a fraction of a yen, more than LLONG_MAX yen. */
struct import_yen {
	long long yen;
	int approx;         /* 約: about */
	int bracket;        /* a （…） figure followed the amount */
	int prev_none;      /* that figure was － (none) */
	const char *why;    /* on MD_EINPUT: what is wrong (static text) */
};
int import_yen(const char *s, struct import_yen *out);
/* A year: 2024, 2024年, 2024年度, FY2024, 令和6年度, R6 (after NFKC), in
 * 1900-2200. *kind is 0 when the text does not say (plain digits), 1 for
 * a fiscal year, 2 for a calendar year. */
int import_year(const char *s, int *year, int *kind);
/* A date as tables write it, appended to iso in ISO 8601 form: 2024-03-31,
 * 2024/3/31, 2024年3月31日 and 令和6年3月31日 give "2024-03-31"; 2024-03,
 * 2024/3, 2024年3月 and 令和6年3月 give "2024-03" (after NFKC, so full-width
 * digits are digits). The day must exist; years 1900-2200. MD_EINPUT
 * otherwise. */
int import_date(const char *s, struct buf *iso);
/* 0 when code is a valid indicator code: 1-40 of A-Z a-z 0-9 - _ .,
 * starting with a letter or digit. */
int import_indicator_code_check(const char *code);
/* Text as a person types it (a form field, an edited cell; LF line
 * breaks) as blocks: every line that is not blank is one block, a list
 * item ("li", the marker dropped) when it starts with ・, - or ●, else a
 * paragraph ("p"); spaces (ASCII and U+3000) around a line are dropped.
 * Blocks and their texts are allocated from the arena. */
int import_text_blocks(const char *s, size_t n, struct arena *a,
		       struct store_block **out, int *nout);
/* Same, from memory (path is used in messages only). */
int import_plan_mem(struct import *imp, const char *path, const char *data,
		    size_t len);
int import_followup_mem(struct import *imp, const char *path,
			const char *data, size_t len);

const char *import_errmsg(const struct import *imp);
const struct import_summary *import_summary(const struct import *imp);

/*
 * ---- a ministry's round entries as a workbook (roundfile.c) ----
 *
 * The offline path: an editor downloads their ministry's entries of a
 * round as XLSX (report_round_xlsx() writes it from these rows), edits the
 * results and plans in Excel and uploads it. Coming back is two steps,
 * neither touching the database: import_round_read() reads the file
 * (xlsx.h) into a struct import_round_file, the slow part, which needs
 * nothing but the bytes (a server does it before it takes the writer);
 * import_round_match() matches that to the entries held now and proposes
 * changes, in time proportional to the rows and the held entries (n log n).
 * The caller (edit_round_upload()) applies the updates in one transaction;
 * conflicts, stale and refused rows are never written (with its strict
 * flag any of them stops the whole upload).
 */
struct import_round_row {
	const char *key;        /* the entry's key, stable for the round (hidden
	                           column), e.g. "2026/40/meti" */
	long long version;      /* the entry's version at download (hidden) */
	long long item_no;      /* the action item's number (A40 = 40) */
	const char *item;       /* its text */
	const char *ministry;   /* the entry's ministry code (meti) */
	const char *ministry_name;  /* as shown: 経済産業省 (NULL: the code) */
	const char *prev_plans; /* last year's 取組予定, for reference */
	const char *results;    /* 実績・状況 as plain text (・ list lines, LF) */
	const char *plans;      /* 取組予定 */
};
/* The key of a round entry as both sides write it: "FY/ITEM/MINISTRY"
 * ("2026/40/meti"), from arena a (NULL when out of memory). */
const char *import_round_key(int fiscal_year, long long item_no, const char *ministry,
			     struct arena *a);
/* The digest the file keeps of an entry's texts as downloaded (SHA-256 hex
 * of their blocks, import_text_blocks(), so line ends and spaces around
 * lines do not count): an upload tells a row the user edited from one left
 * as it was. Appended to out. */
int import_round_digest(const char *results, const char *plans, struct buf *out);

/* The layout both sides use: cell A1 holds IMPORT_ROUND_MARK and B1 the
 * fiscal year (hidden columns); the header row names the hidden columns
 * "key", "version", "digest" and the editable ones start with
 * IMPORT_ROUND_RESULTS / IMPORT_ROUND_PLANS. The reader finds the columns
 * by these names, so a column the user inserts or moves does no harm. */
#define IMPORT_ROUND_MARK "mdplan-round-1"
#define IMPORT_ROUND_RESULTS "実績・状況"
#define IMPORT_ROUND_PLANS "取組予定（"
#define IMPORT_ROUND_MAX_ROWS 20000
/* The largest workbook an upload takes (the web's body cap for the upload
 * route, the command line's read): a ministry's ~100 entries are ~50 KB. */
#define IMPORT_ROUND_MAX_FILE ((size_t)8 << 20)

/* What the database holds for an entry now (the caller loads these). */
struct import_round_held {
	const char *key;
	long long version;
	const char *ministry;   /* code */
	const char *results, *plans;   /* plain text as import_round_row */
};

enum import_round_what {
	IMPORT_ROUND_SAME = 0,  /* the file leaves the entry as it is */
	IMPORT_ROUND_UPDATE,    /* edited in the file; unchanged on the web since */
	IMPORT_ROUND_STALE,     /* not edited in the file, changed on the web since
	                           the download: the web's text stays */
	IMPORT_ROUND_CONFLICT,  /* edited in the file and on the web since the
	                           download: both texts reported, nothing written */
	IMPORT_ROUND_REFUSED    /* not the user's ministry, no such entry, a key
	                           given twice, a damaged hidden column */
};

enum import_round_refusal {
	IMPORT_REFUSED_NONE = 0,
	IMPORT_REFUSED_TWICE,   /* the key is given twice in the file */
	IMPORT_REFUSED_UNKNOWN, /* no such entry in this round */
	IMPORT_REFUSED_MINISTRY,/* not one of the user's ministries */
	IMPORT_REFUSED_DAMAGED  /* the hidden version or digest column changed */
};

struct import_round_change {
	enum import_round_what what;
	long row;               /* 1-based row of the sheet */
	const char *key;
	const char *ministry;   /* of the stored entry (NULL: none) */
	long long version;      /* as downloaded */
	long long stored_version;
	const char *results, *plans;   /* the file's texts (LF line ends) */
	const char *stored_results, *stored_plans;
	int results_changed, plans_changed;   /* file vs stored */
	const char *why;        /* REFUSED: why (English, static or arena) */
	enum import_round_refusal refusal;  /* REFUSED: the same as an id, for
	                                       a page in its own language */
};

struct import_round_plan {
	int fiscal_year;
	int n;
	struct import_round_change *c;   /* one per row with a key, in sheet order */
	long same, updates, stale, conflicts, refused;
};

/* One row of a round workbook with a key, as the file says it. */
struct import_round_line {
	long row;               /* 1-based row of the sheet */
	const char *key;
	const char *results, *plans;   /* the file's texts (LF line ends) */
	const char *digest;     /* the hidden digest cell */
	long long version;      /* the hidden version cell (damaged: 0) */
	int damaged;            /* the version cell is not a version or the
	                           digest cell not a digest */
	int twice;              /* an earlier row has the same key */
};
/* A round workbook as read: what the file holds, before any matching. */
struct import_round_file {
	int fiscal_year;
	int n;                  /* at most IMPORT_ROUND_MAX_ROWS */
	struct import_round_line *r;   /* the rows with a key, in sheet order */
};
/*
 * Reads the workbook data[0..len) (name for messages) that
 * report_round_xlsx() wrote for fiscal_year: the mark in A1, the year in
 * B1, the header row, then every row with a key (rows without one are
 * ones the user added, or blank), marking a row whose key an earlier row
 * has (twice) and one whose hidden cells were changed (damaged).
 * Everything lives in arena a; data may go once this returns. MD_EINPUT
 * with *err set when the file is not such a workbook (another year, no
 * key column, more than IMPORT_ROUND_MAX_ROWS rows, unreadable; the XLSX
 * reader's message names the sheet and cell). No database, no global
 * state: any thread may read at any time.
 */
int import_round_read(const char *name, const void *data, size_t len, int fiscal_year,
		      struct arena *a, struct import_round_file *out, struct buf *err);
/*
 * Matches the rows of f to held[] by key: a row is refused when its key
 * is given twice (the second and later rows, in sheet order) or unknown,
 * when its entry's ministry is not one of ministries[] (the user's), or
 * when its hidden cells are damaged; the others are same, update, stale
 * or conflict. The plan points into f's and held's memory and lives in
 * arena a. Never writes anything. 0, or MD_ENOMEM.
 */
int import_round_match(const struct import_round_file *f,
		       const struct import_round_held *held, int nheld,
		       const char *const *ministries, int nministries,
		       struct arena *a, struct import_round_plan *out);
/* What the upload would do, for the preview page and the CLI: a summary
 * line, then one paragraph per row that is not IMPORT_ROUND_SAME (update:
 * which fields; stale; conflict: both texts; refused: why). */
int import_round_preview(const struct import_round_plan *p, struct buf *out);

/* ---- pieces exposed for tests and fuzzing ---- */

/* Tab-separated rows with Excel-style quoting ("a""b", fields spanning
 * lines inside quotes). */
struct tsv_pos {
	long line, col;       /* 1-based; col counts characters */
};
struct tsv_row {
	int n;                /* fields */
	char **f;             /* field texts (arena) */
	long line;            /* line the row starts on */
	struct tsv_pos *pos;  /* where each field's text starts (after a quote) */
};
/* One field may hold at most this many bytes; a longer one is an error
 * (TSV_ELONG), never cut. */
#define TSV_MAX_FIELD ((size_t)16 << 20)
enum { TSV_EQUOTE = 1, TSV_ELONG = 2 };
struct tsv_error {
	int what;             /* TSV_EQUOTE: a quote never closed; TSV_ELONG: too long */
	struct tsv_pos at;    /* where the field starts (its opening quote) */
	int field;            /* its 1-based number in the row */
	size_t size;          /* TSV_ELONG: the field's bytes */
};
/* Splits text (UTF-8, LF) into rows. On MD_EINPUT *err says what and where. */
int tsv_parse(const char *s, size_t n, struct arena *a, struct tsv_row **rows,
	      long *nrows, struct tsv_error *err);
/* The same with another separator (',' for CSV). */
int dsv_parse(const char *s, size_t n, char sep, struct arena *a,
	      struct tsv_row **rows, long *nrows, struct tsv_error *err);

/*
 * Spreadsheet formulas (CSV injection, OWASP): a cell starting with = + -
 * @ tab or CR may run as a formula when a CSV is opened in Excel. Writers
 * put a single quote before such a cell; dsv_formula() says whether s needs
 * it, looking past quotes already there (so that "'=x" gets "''=x" and
 * dsv_unguard() can undo exactly one). dsv_unguard() returns s without the
 * quote a writer added, or s itself.
 */
int dsv_formula(const char *s);
const char *dsv_unguard(const char *s);

/* Dice coefficient of the character bigrams of two normalized strings. */
double match_similarity(const char *a, const char *b);

/*
 * A re-imported outline paired with the stored one (match.c). Each level of
 * the plan (visions, goals, measures, action items, areas) is matched on its
 * own, parents first, so a node's parent is an identity both sides share
 * (the parent's row id; 0 for none).
 */
struct match_node {
	const char *norm;    /* normalized text */
	long long parent;    /* identity of its parent */
	int retired;         /* old nodes: retired earlier, may be restored */
};
struct match_pair {
	long old;            /* index of the old node it is; -1: a new node */
	double score;        /* similarity of the texts, 1: identical */
	const char *how;     /* "exact", "similar" or "position"; NULL when new */
	int moved;           /* another parent, or out of order among the
			      * nodes that kept theirs */
};
/*
 * Pairs each new node with at most one old node: identical texts first
 * (the same parent, then a current node, then document order decide among
 * copies), then bigram similarity of MATCH_SIMILAR or more, best first
 * (ties: the same parent, a current node, the nearer position), then a
 * node alone between two paired neighbours whose old counterparts enclose
 * exactly one unpaired current old node with the same parent, when their
 * similarity is MATCH_POSITION or more. old[] lists the current nodes in
 * document order, then the retired ones. pair[] gets nnew entries.
 */
#define MATCH_SIMILAR 0.6
#define MATCH_POSITION 0.4
int match_outline(const struct match_node *old, long nold,
		  const struct match_node *nw, long nnew, struct match_pair *pair);

#endif
