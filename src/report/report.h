#ifndef MD_REPORT_H
#define MD_REPORT_H
/*
 * report: data views and the renderers that are not web pages.
 *
 * Owns: the data views that more than one output needs (ind_load: an
 * indicator with its values and progress; search_load: a page of hits with
 * snippets; report_years in followup.c) and one renderer per format: text
 * (text.c), CSV, JSON (jansson lives here, in json.c), XLSX
 * (libxlsxwriter, xlsx.c) and the SVG chart (chart.c); accounts and the
 * audit trail as text and CSV (account.c). Markup (the SVG, the search snippets) is written
 * through the emitter (src/html) only. The HTML pages are src/page.
 * May call: base, text, kpi, html, store, import (dsv_formula(), the CSV
 * formula test the importer shares), auth. Called by: page, web, cli.
 * A new output format is a file here; a new page goes to src/page.
 *
 * Every function appends to the caller's buf and returns 0 or a negative
 * MD_E* code; on MD_EDB the store has the message.
 */
#include "../auth/auth.h"
#include "../base/base.h"
#include "../import/import.h"
#include "../store/store.h"
#include "../kpi/kpi.h"

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
/* id: "M12" (measure), "A40" (action item), or "item#123": an action item
 * by its identity (row id), also one the plan retired. A bare number
 * ("40") is MD_EINPUT: it could be either (report_show_choices); anything
 * else that is not an id is MD_EUSAGE. */
int report_show(struct store *st, const char *id, const struct report_opts *o,
		struct buf *out);
/* What a bare number could mean: a line per measure and action item with
 * that number ("  M40  measure: …"); returns how many (0, 1 or 2). */
int report_show_choices(struct store *st, int no, struct buf *out);
int report_ministries(struct store *st, const struct report_opts *o, struct buf *out);
int report_history(struct store *st, int json, struct buf *out);
int report_stats_text(struct store *st, struct buf *out);

/* The follow-up table as CSV (headers in o->en's language; the last two
 * lines: the attribution and the legend of the matching column), JSON
 * ({"attribution", "terms", "match_legend", "count", "followups"}) and
 * XLSX (a sheet of sources and the attribution after the year sheets). */
int report_export_csv(struct store *st, const struct report_opts *o, struct buf *out);
int report_export_json(struct store *st, const struct report_opts *o, struct buf *out);
int report_stats_json(struct store *st, struct buf *out);

/* Plain text of a stored cell's blocks: paragraphs as they are, list items
 * as "・text", one per line. */
int report_blocks_plain(struct store *st, const char *owner, long long id,
			const char *field, struct buf *out);
/* One CSV field, quoted when it needs to be; a text a spreadsheet would
 * take for a formula (= + - @ tab CR first) gets a leading single quote
 * (dsv_formula() in import.h). Numbers are written by their own code, so
 * -5 in a value column stays a number. */
void report_csv_field(struct buf *out, const char *s);

/* The fiscal years that have follow-up rows, ascending; returns how many
 * (at most max) or a negative MD_E* code. */
int report_years(struct store *st, int *years, int max);

/* ---- one fiscal year's table in the plan's order (followup.c) ----
 *
 * The lines of the follow-up table as the web page and the XLSX lay it
 * out. The plan decides the headings: its visions in order, under each the
 * goals it lists, each heading once; a goal re-listed under a second vision
 * (再掲) is a line of its own there (the official table's （上記参照）), its
 * rows stay under its first listing. A row goes under the goal of the
 * plan's item it matched, in the table's order within the goal; a row the
 * table put under another goal's heading takes its place among its own
 * goal's rows by the plan's order of items. The table's section of a row
 * is the goal heading it sits under; the section's goal is the goal of
 * most of its matched rows. A row that matches no item stays where the
 * table put it: under its section's goal, in the table's order (beside the
 * row before it when nothing in its section matched). Rows whose goal the
 * plan does not list come last, in the table's order, under their own goal
 * headings (goal_no 0: the table's heading as written).
 *
 * With a ministry (and lead) only its rows and the headings above them are
 * kept; the places are decided on the whole year, so the order is the
 * same. Headings of goals without a row to show are left out. Everything
 * lives in arena a; row points into rows loaded there. */
enum report_line_kind {
	REPORT_LINE_VISION,    /* a vision's heading */
	REPORT_LINE_GOAL,      /* a goal's heading, its rows follow */
	REPORT_LINE_RELISTED,  /* a re-listed goal (再掲): see its first listing */
	REPORT_LINE_ROW,       /* a follow-up row */
};
struct report_line {
	enum report_line_kind kind;
	long long vision_no;   /* the vision a heading is under, 0: none */
	long long goal_no;     /* GOAL, RELISTED: the goal, 0: not the plan's */
	const char *title;     /* a heading's title */
	const struct store_export_row *row;   /* ROW */
};
struct report_year {
	struct report_line *line;
	int n;
	int rows;              /* how many lines are rows */
};
int report_year_table(struct store *st, int fy, const char *ministry, int lead,
		      struct arena *a, struct report_year *out);

/* ---- programmes (programme.c; JSON in json.c) ---- */

struct prog_q {
	const char *code;       /* one programme, or NULL */
	const char *ministry;   /* 経 or meti, or NULL */
	int goal;               /* served by a confirmed link in this goal */
	int vision;             /* ... in a goal this vision lists */
	int year;               /* with a budget (or period) in this fiscal year;
				 * then only that year's budgets */
};
/* A programme with its rows (pointers into the arena; n* may be 0). */
struct prog {
	const struct store_programme_row *p;
	const struct store_budget_row *b;
	int nb;
	const struct store_plink_row *l;
	int nl;
	const struct store_presult_row *r;
	int nr;
	const struct store_pindicator_row *i;
	int ni;
};
struct prog_set {
	struct prog *p;
	int n;
};
/* MD_ENOTFOUND when q->code names no programme. */
int prog_load(struct store *st, const struct prog_q *q, struct arena *a,
	      struct prog_set *out);

/* Budget totals per fiscal year, kind and group (PROG_TOTAL_RULE says how). */
struct prog_total {
	int fiscal_year;
	const char *kind;
	const char *group;      /* 厚, "G6", "V2"; "" not known / not linked */
	int programmes;         /* programmes counted */
	long long low_yen, high_yen;   /* the total; a range where documents disagree */
	int disagree;           /* programmes whose documents disagree */
	int sources;            /* figures behind the total */
	int shares;             /* 内数 figures: shown, not added */
	long long shares_yen;
};
struct prog_totals {
	struct prog_total *t;
	int n, cap;
};
extern const char *const PROG_TOTAL_RULE;
/* by: "ministry" (or NULL), "goal" or "vision"; year 0: every year. */
int prog_totals(struct store *st, const struct prog_set *s, const char *by,
		int year, struct arena *a, struct prog_totals *out);
/* 770000000 -> "770,000,000" */
void prog_yen(struct buf *out, long long yen);

/* Links the follow-up texts suggest: the programme's name (its search
 * key), or the short name its name ends with in brackets (MEDISO) and the
 * name without it, found in the results or plans of a follow-up row
 * matched to an action item, one per programme and item, with the
 * sentence that names it. code NULL: every programme. MD_ENOTFOUND when
 * code names none. */
struct prog_sugg {
	const char *code, *name_ja;
	const char *term;       /* the name found */
	int item_no, fiscal_year;
	long long followup;     /* the follow-up row */
	const char *sentence;
};
int prog_suggest(struct store *st, const char *code, struct arena *a,
		 struct prog_sugg **out, int *nout);

struct html;
/* The budget chart (chart.c): bars by fiscal year and kind, in 億円, as
 * SVG through the emitter; the legend as an HTML list; the label of a
 * budget kind. */
void prog_chart(struct html *h, const struct prog *x, const char *id);
void prog_chart_legend(struct html *h);
int prog_kind_label(const char *kind);

/* what: "programmes", "budgets" or "hubs": every row as CSV in the
 * layout the importer reads (CRLF, formula guard), so export -> import ->
 * export gives the same file. */
int report_programme_csv(struct store *st, const char *what, struct buf *out);
/* The same rows for any writer: fn gets the header first, then each row
 * (the cells live until it returns); a non-zero return stops. */
typedef int (*prog_row_fn)(void *ctx, const char *const *f, int n);
int prog_table(struct store *st, const char *what, prog_row_fn fn, void *ctx);
/* programmes, budgets and hubs as one workbook, a sheet each (xlsx.c). */
int report_programmes_xlsx(struct store *st, struct buf *out);

int report_programmes_text(struct store *st, const struct prog_q *q, struct buf *out);
int report_programme_show(struct store *st, const char *code, struct buf *out);
int report_budgets_text(struct store *st, const char *by, int year, struct buf *out);
int report_hubs_text(struct store *st, struct buf *out);
/* {"count":N,"programmes":[{"code","name_ja","ministry","parent",
 * "successor","first_year","last_year","body","budgets":[{"fiscal_year",
 * "kind","amount_yen","as_written","share_of_larger","source"}],
 * "measures":[N...],"items":[N...]}]} (confirmed links) */
int report_programmes_json(struct store *st, const struct prog_q *q, struct buf *out);
/* {"rule","by","totals":[{"fiscal_year","kind","group","programmes",
 * "total_yen","total_yen_high","disagreeing","shares_of_larger",
 * "shares_of_larger_yen"}]} */
int report_budgets_json(struct store *st, const char *by, int year, struct buf *out);
/* {"count":N,"hubs":[{...every column...}]} */
int report_hubs_json(struct store *st, struct buf *out);

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
/* One action item by its identity (row id), also one the plan retired:
 * the item's object with "id", "retired" (and then "retired_no", the
 * number it had, and "retired_at"; "no" is null) and its follow-up. */
int report_api_item_id(struct store *st, long long id, struct buf *out);
int report_api_ministries(struct store *st, const char *code, struct buf *out);
int report_api_followups(struct store *st, const struct report_api_q *q,
			 struct buf *out);
/* Per fiscal year and ministry (year, ministry of q): the action items it
 * leads or shares, how many have results, which have none:
 * {"count", "reporting": [{"fiscal_year", "ministry" (null: the items
 * naming no ministry), "name_ja", "name_en", "action_items", "lead",
 * "with_results", "not_reported": [23, 42], "results_empty": [51]}]}. */
/* The published editions of fiscal year year, newest first, with their
 * changes ({"count", "editions": [...]}; count 0 for a year none was
 * published of). */
int report_api_editions(struct store *st, int year, struct buf *out);
int report_api_reporting(struct store *st, const struct report_api_q *q,
			 struct buf *out);
/* The API's index: {"api", "version", "openapi", "attribution",
 * "endpoints": [{"path", "method", "summary"}]} for the n route patterns
 * given (the route table's), each with its documented summary. */
int report_api_index(const char *const *paths, int n, struct buf *out);
/* The API described in OpenAPI 3.0 (paths in the route table's form, from
 * the documented list in json.c, not from the route table). */
int report_api_openapi(struct buf *out);
/* ---- search (search.c) ---- */
struct report_search_q {
	const char *text;     /* as typed; taken literally */
	int year;             /* fiscal year of follow-up, 0 = any */
	const char *ministry; /* ministry code, NULL = any */
	int kind;             /* enum store_kind, 0 = any */
	int offset, limit;    /* limit 0: every hit */
	int en;               /* English labels (text output) */
	const struct store_viewer *viewer; /* NULL: the anonymous public */
};
/* Hits with a snippet each, as text (hits between ** **) or as JSON
 * {"query","total","offset","limit","results":[{"kind","id","no",
 * "fiscal_year","title","field","snippet","url"}]}; in the JSON snippet
 * the hits are <mark>…</mark> and everything else is HTML-escaped. */
int report_search_text(struct store *st, const struct report_search_q *q,
		       struct buf *out);
int report_search_json(struct store *st, const struct report_search_q *q,
		       struct buf *out);
/* For benchmarks: one query a line of queries (len bytes, modified in
 * place), one line out per query: "query TAB total TAB microseconds TAB
 * kind:id ..." (best first), every search run inside this process. */
int report_search_batch(struct store *st, const struct report_search_q *q,
			char *queries, size_t len, struct buf *out);
/* A hit ready for display (search_load). */
struct search_hit {
	int kind;             /* enum store_kind */
	long long ref;        /* row id in the kind's table */
	long long no;         /* the plan's number for it (0: none) */
	int fy;               /* fiscal year of a follow-up row, else 0 */
	const char *code;     /* an indicator's code, else NULL */
	const char *title;    /* what it is called */
	const char *field;    /* where the snippet comes from: title, text,
	                         issues, results, plans, notes, unit */
	const char *snippet;  /* HTML: escaped, hits in <mark> */
	const char *url;      /* root-relative page ("" when it has none) */
	/* a round entry (STORE_KIND_ENTRY): */
	const char *state;    /* draft submitted returned accepted */
	const char *ministry; /* its ministry's code (a consolidated entry:
			       * its first lead's, whose page shows it) */
	int consolidated;
};
struct search_result {
	const char *query;
	long total;
	int n;
	struct search_hit *hit;
};
/* A round entry's state as a reader reads it (作成中 / in progress,
 * 提出済み, 差戻し, 受理済み), and whose it is (経 / meti, 取りまとめ /
 * consolidated); static strings. */
const char *report_entry_state(const char *state, int en);
const char *report_entry_whose(const struct search_hit *h, int en);
/* The data view behind every search output: runs q and prepares each hit
 * of the page for display (in arena a). */
int search_load(struct store *st, const struct report_search_q *q,
		struct arena *a, struct search_result *r);

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
/* The SVG chart of an indicator's headline series (chart.c). */
int report_indicator_svg(struct store *st, const char *code, int en,
			 struct buf *out);

/* The indicator data view (indicator.c), shared by every indicator output. */

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
	const char **dims;       /* breakdown dimensions, in import order (all of them) */
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

/* The SVG chart of x's headline series (chart.c), through the emitter in
 * h's language; id prefixes the ids of its title and description. */
struct html;
void ind_chart(struct html *h, const struct ind *x, const char *id);

/* ---- accounts and the audit trail (account.c; JSON in json.c) ---- */

/* Accounts as a table (name, roles, ministries, state, display, e-mail)
 * or as JSON [{"name","display","email","disabled","roles":[...],
 * "ministries":[codes],"created"}]. No password hash is ever shown. */
int report_users(const struct auth_user *u, int n, int json, struct buf *out);
/* An account's sessions, newest first: id, state (live, ended: reason,
 * expired), login time, last use, end, address, user agent; or JSON
 * [{"id","live","created","last_seen","expires","revoked","reason",
 * "address","user_agent"}]. Never a token or a CSRF token. */
int report_sessions(const struct auth_session *s, int n, int json, struct buf *out);

enum report_format { REPORT_TEXT = 0, REPORT_JSON, REPORT_CSV };
/* The audit trail, oldest first, filtered (store_filter since, name,
 * action): text (one line an entry, before/after indented below it), JSON
 * [{"seq","time","actor","address","action","target","before","after",
 * "request_id","hash"}] or CSV (UTF-8 with BOM; a cell that a spreadsheet
 * would take for a formula, = + - @ tab CR first, starts with '). */
int report_audit(struct store *st, const struct store_filter *f,
		 enum report_format fmt, struct buf *out);
/* Shared by account.c and json.c: Unix seconds as "YYYY-MM-DDTHH:MM:SSZ"
 * ("" for 0), and the JSON of report_users/report_sessions/report_audit. */
const char *report_iso_time_(long long t, char out[32]);
int report_users_json_(const struct auth_user *u, int n, struct buf *out);
int report_sessions_json_(const struct auth_session *s, int n, struct buf *out);
int report_audit_json_(struct store *st, const struct store_filter *f, struct buf *out);

/* ---- a ministry's round entries for offline editing (xlsx.c) ----
 *
 * One sheet, one row per entry: hidden key, version and digest columns,
 * the item's number and text, the ministry, last year's plans (for
 * reference, locked), this year's results and plans (editable). The
 * layout is the one import_round_upload() reads back (import.h). MD_EINPUT
 * when a text is over Excel's 32,767 characters a cell. */
struct report_round_book {
	int fiscal_year;
	const char *ministry_name;  /* in the title (NULL: none) */
	const char *deadline;       /* ISO date in the title (NULL: none) */
	const struct import_round_row *row;
	int n;
};
int report_round_xlsx(const struct report_round_book *b, struct buf *out);
/* The book of ministry's (code or name) own entries of the year's round
 * (consolidated ones are the lead's web form's), in the plan's order, with
 * last year's 取組予定 (the entry's commitment) for reference (offline.c).
 * Everything in arena a. MD_ENOTFOUND: no round; MD_EINPUT: no such
 * ministry. */
int report_round_book_load(struct store *st, int year, const char *ministry,
			   struct arena *a, struct report_round_book *out);

/* The record of the round's reminder mail of year (0: every year), newest
 * first: text (a line each: when, FY, step, account, address, status,
 * entries, subject, error) or JSON [{"id","fiscal_year","step","account",
 * "address","day","entries":["A4 meti",...],"subject","status",
 * "message_id","error","attempts","created_at","sent_at"}] (offline.c,
 * json.c). */
int report_reminders(struct store *st, int year, int json, struct buf *out);
int report_reminders_json_(struct store *st, const struct store_filter *f, struct buf *out);

/* ---- the follow-up round (round.c; JSON in json.c) ---- */

/* The entry states in their order: draft submitted returned accepted. */
#define REPORT_ROUND_STATES 4
const char *report_round_state_name(int i);
struct report_round_ministry {
	const char *code, *abbrev;
	int entries, states[REPORT_ROUND_STATES], overdue, flagged;
};
struct report_round_goal {
	long long goal_no;
	int entries, submitted, accepted;  /* submitted: submitted or accepted */
};
/* The board's figures of a year's round: its entries (in the plan's
 * order), per ministry (its own entries, in the ministry table's order)
 * and state, the consolidated entries by state, per goal, overdue and
 * flagged. Everything in arena a; MD_ENOTFOUND when the year has no round. */
struct report_round {
	struct store_round_row round;
	struct store_round_entry_row *entry;
	int nentries;
	int states[REPORT_ROUND_STATES], consolidated[REPORT_ROUND_STATES];
	int overdue, flagged;
	struct report_round_ministry *ministry;
	int nministries;
	struct report_round_goal *goal;
	int ngoals;
};
int report_round_load(struct store *st, int year, struct arena *a,
		      struct report_round *out);
/* The status as text, or as JSON {"fiscal_year","plan","state","deadline",
 * "opened_by","opened_at","entries","states":{state:n},"consolidated":
 * {state:n},"overdue","flagged","ministries":[{"code","abbrev","entries",
 * "states":{...},"overdue","flagged"}],"goals":[{"goal","entries",
 * "submitted","accepted"}],"attention":[{"item","ministry","state",
 * "overdue","flagged"}]} (ministry "" for a consolidated entry). */
int report_round_status_text(struct store *st, int year, struct buf *out);
int report_round_status_json(struct store *st, int year, struct buf *out);
/* Edition no (0: the latest) of the year's follow-up as the official
 * table: TSV in the FY2025 table's layout (a header row 令和N年度の実績・状況
 * | 令和N+1年度の取組予定, vision and goal heading rows, a row per action
 * item with its measure's heading before the first, the item and its tag
 * 【◎厚、経】, the texts as HTML fragments of p/ul/li), which `mdplan
 * import followup` reads back to the same rows. MD_ENOTFOUND when there
 * is no such edition. */
int report_edition_tsv(struct store *st, int year, int no, struct buf *out);

/* An edition as the official table lays it out: the rows under the plan's
 * listing of goals in order (vision and goal headings as frozen), a goal
 * the plan re-lists under a second vision as its own line (row NULL: 再掲,
 * "(上記参照)"), rows no listed goal holds last. The TSV, the XLSX and the
 * edition page all go by these lines. */
struct report_edition_line {
	const struct store_edition_row_row *row;   /* NULL: a re-listed goal */
	const char *vision, *goal;                 /* headings, "" for none */
};
struct report_edition {
	struct store_edition_row edition;
	struct store_edition_row_row *row;         /* by pos */
	int nrows;
	struct store_edition_change_row *change;   /* against the previous one */
	int nchanges;
	struct report_edition_line *line;
	int nlines;
};
/* Edition no of year (0: the latest), everything in arena a;
 * MD_ENOTFOUND when there is none. */
int report_edition_load(struct store *st, int year, int no, struct arena *a,
			struct report_edition *out);
int report_edition_lines(struct store *st, const struct store_edition_row *ed,
			 const struct store_edition_row_row *r, int n, struct arena *a,
			 struct report_edition_line **out, int *nout);
/* The official table of an edition row by row, four cells each (the
 * group column, measure and item with its tag, 実績・状況, 取組予定):
 * as the TSV writes them (plain 0: HTML fragments) or as plain text
 * (plain 1: report_edition_cell()'s lines, the measure's heading on the
 * first line). fn's non-zero return stops the walk and is returned. */
enum report_table_kind {
	REPORT_TABLE_HEADER, REPORT_TABLE_VISION, REPORT_TABLE_GOAL,
	REPORT_TABLE_RELISTED, REPORT_TABLE_SEE_ABOVE, REPORT_TABLE_ROW
};
int report_edition_table(struct store *st, const struct report_edition *e, int plain,
			 int (*fn)(void *ctx, enum report_table_kind kind,
				   const char *const cell[4]),
			 void *ctx);
/* The edition as XLSX (xlsx.c): one sheet with the TSV's rows and four
 * columns, cells as plain text (paragraphs on their own lines, list items
 * after "・", the measure's heading first), vision and goal rows bold. */
int report_edition_xlsx(struct store *st, int year, int no, struct buf *out);
/* A block list of an edition row's field as the XLSX cell writes it. */
int report_edition_cell(struct store *st, long long row, const char *field,
			struct buf *out);
/* Every edition of the year (0: every year) with its changes, as text. */
int report_editions_text(struct store *st, int year, struct buf *out);
/* ---- provenance (source.c) ---- */

/* A stored reference "FILE:LINE quote" (an indicator value's source). */
struct report_cite {
	const char *file;     /* its start; file_len bytes */
	size_t file_len;
	long line;
	const char *quote;    /* the text after the line number, "" if none */
};
/* 0, or -1 when s is not of that form (then c->file is s). */
int report_cite_parse(const char *s, struct report_cite *c);
/* The document of d[0..n) one of whose files is the last component of
 * name[0..len) (a path or a file name), or NULL. */
const struct store_document_row *report_doc(const struct store_document_row *d,
					    int n, const char *name, size_t len);
/* An ISO date as people write it: "2022年5月31日", "2025年3月"; English
 * keeps ISO. Anything else is written as it is. */
void report_date(struct buf *b, const char *iso, int en);
/* A run time (UTC, "2026-03-02T09:00:00Z") as the footer says it:
 * "2026年3月2日 18:00（日本時間）", "2026-03-02 09:00 UTC". */
void report_updated(struct buf *b, const char *at, int en);
/* When the data last changed: the latest import or edit run ("" when
 * none), in arena a. */
int report_last_update(struct store *st, struct arena *a, const char **at);
/* Whether a value of year is stale (older than two years) as of the time
 * updated (a run time): for fiscal years the reference is the fiscal year
 * the time falls in. */
int report_stale(const char *updated, int year, int calendar);

/* The attribution the Standard Terms of Use ask for ("出典：厚生労働省「…」
 * …（加工して作成）。政府標準利用規約（第2.0版）に基づいて利用しています。"),
 * and the legend of the matching column, as one line of text each. */
void report_attribution(struct buf *out, int en);
void report_match_legend(struct buf *out, int en);

/* {"error":{"status":N,"message":"..."}} */
int report_api_error(int status, const char *message, struct buf *out);
/* ---- the follow-up round's entries in the API (json.c, issue 14) ----
 * report_round_entries_json(): {"count", "entries": [Entry]} of the rows
 * (store_load_round_entry) whose keep[i] is set (the caller decides who
 * reads what). report_round_entry_json(): one Entry with its commitment
 * (last year's 取組予定 as blocks), its comments as the viewer may read
 * them (store's filter; NULL viewer: none) and "may" (the steps the user
 * may take: may[0..nmay)); status and message, when message is not NULL,
 * add {"error": {"status", "message"}} (a refused or stale POST: the
 * entry is the stored one). */
int report_round_entries_json(const struct store_round_entry_row *rows, int n,
			      const unsigned char *keep, struct buf *out);
int report_round_entry_json(struct store *st, const struct store_round_entry_row *e,
			    const struct store_viewer *viewer, const char *const *may,
			    int nmay, int status, const char *message, struct buf *out);

#endif
