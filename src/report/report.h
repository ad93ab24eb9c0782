#ifndef MD_REPORT_H
#define MD_REPORT_H
/*
 * report: renders what the store holds for people and programs: the plan
 * tree, lists, one measure with its follow-up, CSV (UTF-8 with BOM, RFC
 * 4180 quoting, for Excel) and JSON (jansson lives here, in json.c).
 *
 * Every function appends to the caller's buf and returns 0 or a negative
 * MD_E* code; on MD_EDB the store has the message.
 */
#include "../base/base.h"
#include "../store/store.h"

struct report_opts {
	int year;             /* fiscal year, 0 = all */
	const char *ministry; /* ministry code, NULL = all */
	int lead;             /* only where that ministry leads */
	int goal;             /* goal number, 0 = all */
	int items;            /* plan tree: show action items too */
	int en;               /* English labels */
};

int report_plan_tree(struct store *st, const struct report_opts *o, struct buf *out);
int report_measures(struct store *st, const struct report_opts *o, struct buf *out);
/* id: "M12" (measure), "A40" (action item) or "12" (measure). */
int report_show(struct store *st, const char *id, const struct report_opts *o,
		struct buf *out);
int report_ministries(struct store *st, const struct report_opts *o, struct buf *out);
int report_history(struct store *st, int json, struct buf *out);
int report_stats_text(struct store *st, struct buf *out);

int report_export_csv(struct store *st, const struct report_opts *o, struct buf *out);
int report_export_json(struct store *st, const struct report_opts *o, struct buf *out);
int report_stats_json(struct store *st, struct buf *out);

/* Plain text of a stored cell's blocks: paragraphs as they are, list items
 * as "・text", one per line. */
int report_blocks_plain(struct store *st, const char *owner, long long id,
			const char *field, struct buf *out);
/* One CSV field, quoted when it needs to be. */
void report_csv_field(struct buf *out, const char *s);

/* ---- HTML pages (pages.c) ----
 *
 * Links are relative, so a page works at any depth below any prefix: the
 * server at /, a published folder at /any/subpath/. Every piece of document
 * or user text is escaped. A page for something that does not exist
 * returns MD_ENOTFOUND and writes nothing.
 */
struct report_page {
	int en;             /* English labels */
	const char *root;   /* this page -> root of its language's pages ("../../", "../../en/") */
	const char *top;    /* this page -> top of the site (static/, downloads/) */
	const char *path;   /* this page below its language root ("goals/3/") */
	int published;      /* static files: no links that need the server */
};

int report_page_home(struct store *st, const struct report_page *p, struct buf *out);
int report_page_vision(struct store *st, const struct report_page *p, int no,
		       struct buf *out);
int report_page_goal(struct store *st, const struct report_page *p, int no,
		     struct buf *out);
int report_page_measure(struct store *st, const struct report_page *p, int no,
			struct buf *out);
int report_page_item(struct store *st, const struct report_page *p, int no,
		     struct buf *out);
/* What changed in an item's follow-up text between fiscal years: from/to,
 * or every pair of consecutive years when both are 0. */
int report_page_changes(struct store *st, const struct report_page *p, int no,
			int from, int to, struct buf *out);
int report_page_ministries(struct store *st, const struct report_page *p,
			   struct buf *out);
int report_page_ministry(struct store *st, const struct report_page *p,
			 const char *code, struct buf *out);
int report_page_followups(struct store *st, const struct report_page *p,
			  struct buf *out);
/* The fiscal year's follow-up table in the official layout; ministry code
 * or NULL for all. */
int report_page_year(struct store *st, const struct report_page *p, int fy,
		     const char *ministry, struct buf *out);
int report_page_error(const struct report_page *p, int status,
		      const char *detail, struct buf *out);
/* The site's one style sheet. */
int report_css(struct buf *out);
/* The fiscal years that have follow-up rows, ascending; returns how many
 * (at most max) or a negative MD_E* code. */
int report_years(struct store *st, int *years, int max);

/* ---- XLSX (xlsx.c; libxlsxwriter is used there and nowhere else) ----
 * The follow-up table in the official column layout, one sheet per fiscal
 * year ("令和7年度"). */
int report_export_xlsx(struct store *st, const struct report_opts *o, struct buf *out);

/* ---- JSON API (api.c) ----
 * Each returns the JSON document in out, or MD_ENOTFOUND. */
struct report_api_q {
	const char *ministry;  /* code */
	int lead, goal, year, measure;
};
int report_api_plans(struct store *st, struct buf *out);
int report_api_visions(struct store *st, int no, struct buf *out);
int report_api_goals(struct store *st, int no, struct buf *out);
int report_api_measures(struct store *st, int no, const struct report_api_q *q,
			struct buf *out);
int report_api_items(struct store *st, int no, const struct report_api_q *q,
		     struct buf *out);
int report_api_ministries(struct store *st, const char *code, struct buf *out);
int report_api_followups(struct store *st, const struct report_api_q *q,
			 struct buf *out);
/* ---- search (search.c) ---- */
struct report_search_q {
	const char *text;     /* as typed; taken literally */
	int year;             /* fiscal year of follow-up, 0 = any */
	const char *ministry; /* ministry code, NULL = any */
	int kind;             /* enum store_kind, 0 = any */
	int offset, limit;    /* limit 0: every hit */
	int en;               /* English labels (text output) */
};
/* Hits with a snippet each, as text (hits between ** **) or as JSON
 * {"query","total","offset","limit","results":[{"kind","id","no",
 * "fiscal_year","title","field","snippet","url"}]}; in the JSON snippet
 * the hits are <mark>…</mark> and everything else is HTML-escaped. */
int report_search_text(struct store *st, const struct report_search_q *q,
		       struct buf *out);
int report_search_json(struct store *st, const struct report_search_q *q,
		       struct buf *out);
/* The search page: a form (GET, works without scripts) and the hits. */
int report_page_search(struct store *st, const struct report_page *p,
		       const struct report_search_q *q, struct buf *out);

/* ---- indicators (indicator.c, chart.c; JSON in json.c) ---- */

/* Every indicator (code NULL) or one, with its definition, values and
 * progress, as text. */
int report_indicators_text(struct store *st, const char *code, int en,
			   struct buf *out);
/* [{"code","name","name_en","unit","direction","year_kind","goal",
 *   "measure","baseline":{"year","value"}|null,"target":{"year","value",
 *   "note"}|null,"source","notes","values":[{"year","value","breakdown":
 *   {dim:member},"not_available","note","source","date"}],"status",
 *   "progress":{...}}]; one object (not an array) when code is given. */
int report_indicators_json(struct store *st, const char *code, struct buf *out);
/* The API's form: {"count":N,"indicators":[...]}, or the one object. */
int report_api_indicators(struct store *st, const char *code, struct buf *out);
/* Values as CSV in the import layout: code,year,value,note,source,date,
 * then one column per breakdown dimension (UTF-8 with BOM). */
int report_indicators_csv(struct store *st, const char *code, struct buf *out);
/* Definitions as CSV in the import layout. */
int report_indicator_defs_csv(struct store *st, struct buf *out);
/* The scorecard (goals x status) and the list of indicators. */
int report_page_indicators(struct store *st, const struct report_page *p,
			   struct buf *out);
/* One indicator: definition, progress with its inputs, chart, data. */
int report_page_indicator(struct store *st, const struct report_page *p,
			  const char *code, struct buf *out);
/* The SVG chart of an indicator's headline series (chart.c). */
int report_indicator_svg(struct store *st, const char *code, int en,
			 struct buf *out);

/* {"error":{"status":N,"message":"..."}} */
int report_api_error(int status, const char *message, struct buf *out);

#endif
