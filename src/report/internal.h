#ifndef MD_REPORT_INTERNAL_H
#define MD_REPORT_INTERNAL_H
/*
 * Shared by the report module's files; not part of its public header.
 */
#include "report.h"
#include "../kpi/kpi.h"

/* A query's result copied into an arena, for code that walks rows more
 * than once or out of order. Cells are NULL where SQL said NULL. */
struct tab {
	int ncol, nrow, cap;
	const char **names;
	char **cells;        /* nrow * ncol */
	struct arena *a;
};
int tab_load(struct store *st, enum store_q q, const struct store_filter *f,
	     struct arena *a, struct tab *t);
const char *tab_s(const struct tab *t, int row, const char *col);
long long tab_i(const struct tab *t, int row, const char *col);
int tab_null(const struct tab *t, int row, const char *col);

/* ---- search (search.c) ---- */

struct search_hit {
	int kind;             /* enum store_kind */
	long long ref;        /* row id in the kind's table */
	long long no;         /* the plan's number for it (0: none) */
	int fy;               /* fiscal year of a follow-up row, else 0 */
	const char *title;    /* what it is called */
	const char *field;    /* where the snippet comes from: title, text,
	                         issues, results, plans */
	const char *snippet;  /* HTML: escaped, hits in <mark> */
	const char *url;      /* root-relative page */
};
struct search_result {
	const char *query;
	long total;
	int n;
	struct search_hit *hit;
};
/* Runs q and prepares each hit of the page for display (in arena a). */
int search_load(struct store *st, const struct report_search_q *q,
		struct arena *a, struct search_result *r);

/* ---- indicators (indicator.c) ---- */

struct ind_value {
	int year;
	const char *breakdown;   /* "" headline, else "dim\x1fmember\x1e..." */
	int na;
	double value;
	const char *na_reason, *note, *source, *as_of;
};
struct ind {
	long long id;
	const char *code, *name_ja, *name_en, *unit, *unit_en;
	int up;                  /* direction: 1 up, 0 down */
	int calendar;            /* years are calendar years */
	int goal_no, measure_no, goal_linked;
	const char *goal_title, *measure_title;
	int has_baseline, baseline_year;
	double baseline_value;
	int has_target, target_year;
	double target_value;
	const char *target_note, *source, *notes;
	const char *dims[16];    /* breakdown dimensions, in import order */
	int ndims;
	struct ind_value *v;     /* by breakdown, then year */
	int nv;
	struct kpi_progress pr;  /* the headline series */
};
struct ind_set {
	struct ind *ind;
	int n;
};
/* Definitions, values and the headline progress of every indicator (code
 * NULL) or of one (MD_ENOTFOUND if undefined); goal > 0 keeps that goal's.
 * Everything lives in arena a. */
int ind_load(struct store *st, const char *code, int goal, struct arena *a,
	     struct ind_set *s);
/* Progress of one series of x ("" = headline). */
void ind_progress(const struct ind *x, const char *breakdown,
		  struct kpi_progress *pr);
/* A value as people read it: 4,086 / 0.5 (as many decimals as it has). */
void ind_num(struct buf *b, double v);
/* The same without separators, for CSV. */
void ind_num_plain(struct buf *b, double v);
/* The member of dimension dim in a breakdown key, or NULL. */
const char *ind_member(struct arena *a, const char *breakdown, const char *dim);
/* "2024年" / "令和6年度（FY2024）"; "2024" / "FY2024" in English. */
void ind_year(struct buf *b, const struct ind *x, int en, int year);

/* A goal page's section listing its indicators (nothing when none). */
int ind_goal_section(struct store *st, const struct report_page *p, int goal,
		     struct buf *out);
/* The SVG chart of x's headline series (chart.c); id prefixes the ids of
 * its title and description. */
void ind_chart(struct buf *b, const struct ind *x, int en, const char *id);

/* ---- HTML ---- */

/* The report pages' own helpers, until the pages move to src/page and
 * write through the emitter (src/html) whose names these would clash
 * with. */
#define html_fy report_html_fy_
#define html_link report_html_link_
#define html_paras report_html_paras_

/* Label in the page's language. */
#define L(p, ja_, en_) ((p)->en ? (en_) : (ja_))

/* Escapes & < > " ' for text and attribute values. */
void html_esc(struct buf *b, const char *s);
void html_escn(struct buf *b, const char *s, size_t n);
/* "令和7年度（FY2025）", or "FY2025" in English. */
void html_fy(struct buf *b, const struct report_page *p, int fy);
/* A link: href is root-relative ("goals/3/"), text is escaped. */
void html_link(struct buf *b, const struct report_page *p, const char *href,
	       const char *text);

struct crumb {
	const char *href;   /* root-relative; NULL for the current page */
	const char *text;
};
void html_head(struct buf *b, const struct report_page *p, const char *title,
	       const struct crumb *c, int nc);
void html_foot(struct buf *b, const struct report_page *p);
/* The stored blocks of (owner, id, field) as <p>, <ul><li>, <h3>; "—"
 * with a label for screen readers when there are none. */
int html_blocks(struct store *st, struct buf *b, const struct report_page *p,
		const char *owner, long long id, const char *field);
/* The same from rows already loaded (STORE_Q_YEAR_BLOCKS: sorted by
 * owner_id, field, seq). */
void html_blocks_tab(struct buf *b, const struct report_page *p,
		     const struct tab *t, long long id, const char *field);
/* Text with its line breaks as paragraphs. */
void html_paras(struct buf *b, const char *s);
/* "◎厚、経" as spans that say "lead" to a screen reader. */
void html_ministries(struct buf *b, const struct report_page *p, const char *s);

/* Word-level diff of two texts as <del>/<ins> (diff.c). */
int html_diff(struct buf *b, const char *from, const char *to);

#endif
