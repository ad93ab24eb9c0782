#ifndef MD_PAGE_H
#define MD_PAGE_H
/*
 * page: the HTML pages of the site and, later, its forms. One file per
 * entity (plan.c: home, vision, goal, measure, item; followup.c: the
 * follow-up list, the year table and the changes page; ministry.c;
 * indicator.c; search.c), the frame every page shares (frame.c: head,
 * header, breadcrumbs, footer, the error page) and the style sheet
 * (style.c).
 *
 * Owns: how things look. Everything is written through the emitter
 * (src/html: raw markup from literals only, run-time text escaped by
 * context, labels from the message table); the output functions of the
 * string builder are poisoned in this module's files, so there is no other
 * way. Data comes from the store's typed records and report's data views
 * (ind_load, search_load, report_years).
 * May call: base, text, kpi, html, store, report. Called by: web.
 * Nothing here knows about HTTP; the server and `mdplan publish` both call
 * these.
 *
 * Links are relative, so a page works at any depth below any prefix: the
 * server at /, a published folder at /any/subpath/. A page for something
 * that does not exist returns MD_ENOTFOUND; every function appends to the
 * caller's buf and returns 0 or a negative MD_E* code (MD_EDB: the store
 * has the message).
 *
 * A new page: a function here, its file by entity, its labels in
 * html/msg.h, its route in web/routes.c (and web/publish.c if it is
 * published).
 */
#include "../base/base.h"
#include "../store/store.h"
#include "../report/report.h"

/* The Content-Security-Policy the server sends with every response, and
 * the same without frame-ancestors (which a <meta> element cannot carry)
 * that every published page holds as <meta http-equiv>, so that a host
 * that sends no headers still applies it. No script source at all. */
#define PAGE_CSP_META "default-src 'none'; style-src 'self'; img-src 'self' data:; " \
	"form-action 'self'; base-uri 'none'"
#define PAGE_CSP PAGE_CSP_META "; frame-ancestors 'none'"

struct page {
	int en;             /* English labels */
	const char *root;   /* this page -> root of its language's pages ("../../", "../../en/") */
	const char *top;    /* this page -> top of the site (static/, downloads/) */
	const char *path;   /* this page below its language root ("goals/3/") */
	int published;      /* static files: no links that need the server */
};

int page_home(struct store *st, const struct page *p, struct buf *out);
int page_vision(struct store *st, const struct page *p, int no, struct buf *out);
int page_goal(struct store *st, const struct page *p, int no, struct buf *out);
int page_measure(struct store *st, const struct page *p, int no, struct buf *out);
int page_item(struct store *st, const struct page *p, int no, struct buf *out);
/* An item by its identity (/items/id/N/), also one the plan retired: then
 * marked as no longer in the plan, with the number it had and its
 * follow-up. */
int page_item_id(struct store *st, const struct page *p, long long id, struct buf *out);
/* What changed in an item's follow-up text between fiscal years: from/to,
 * or every pair of consecutive years when both are 0. */
int page_changes(struct store *st, const struct page *p, int no, int from,
		 int to, struct buf *out);
int page_ministries(struct store *st, const struct page *p, struct buf *out);
int page_ministry(struct store *st, const struct page *p, const char *code,
		  struct buf *out);
int page_followups(struct store *st, const struct page *p, struct buf *out);
/* The fiscal year's follow-up table in the official layout; ministry code
 * or NULL for all. */
int page_year(struct store *st, const struct page *p, int fy,
	      const char *ministry, struct buf *out);
/* The scorecard (goals x status) and the list of indicators. */
int page_indicators(struct store *st, const struct page *p, struct buf *out);
/* One indicator: definition, progress with its inputs, chart, data. */
int page_indicator(struct store *st, const struct page *p, const char *code,
		   struct buf *out);
/* The search page: a form (GET, works without scripts) and the hits. */
int page_search(struct store *st, const struct page *p,
		const struct report_search_q *q, struct buf *out);
/* Programmes (programme.c): the list (filters q; a GET form when served),
 * one programme (MD_ENOTFOUND when there is none), the budget totals by
 * ministry, goal or vision (by NULL: ministry), the hubs with a tile map. */
int page_programmes(struct store *st, const struct page *p, const struct prog_q *q,
		    struct buf *out);
int page_programme(struct store *st, const struct page *p, const char *code,
		   struct buf *out);
int page_budgets(struct store *st, const struct page *p, const char *by,
		 struct buf *out);
int page_hubs(struct store *st, const struct page *p, struct buf *out);
/* About this site: what the numbers are, the sources list, the terms of
 * use and the attribution, what the downloads hold. */
int page_help(struct store *st, const struct page *p, struct buf *out);
/* The sign-in form: the user name as typed back (never the password), the
 * message for a refused attempt (one for every reason), the CSRF token. */
struct page_login {
	const char *user;
	const char *error;
	const char *csrf;
};
int page_login(struct store *st, const struct page *p, const struct page_login *l,
	       struct buf *out);
/* "My account": who is signed in, their roles, the sign-out form. */
struct page_account {
	const char *name, *display, *roles;
	const char *csrf;
};
int page_account(struct store *st, const struct page *p, const struct page_account *a,
		 struct buf *out);
/* ---- the offline path (offline.c) ----
 * A ministry's workbook of a round: the download link and the upload form;
 * with a plan, the preview of an upload (a row per entry) and its confirm
 * form (op=apply, file_sha256, digest; applied < 0), or the result of
 * applying it (applied >= 0). csrf NULL: no forms. */
struct page_offline {
	int year;
	const char *code;          /* ministry code (the URL's) */
	const char *ministry;      /* its name as shown */
	const char *csrf;
	const struct import_round_plan *plan;  /* NULL: the forms only */
	const char *sha256;        /* the uploaded file's */
	const char *digest;        /* the proposal's (edit_round_upload()) */
	int applied;               /* -1: a preview; else the entries saved */
	int blocked;               /* strict: nothing saved */
	const char *error;         /* shown first (a refused file, an expired upload) */
};
int page_offline(struct store *st, const struct page *p, const struct page_offline *o,
		 struct buf *out);
/* ---- the follow-up round's board (board.c, issue 14) ----
 * For signed-in staff; the caller (web/board.c) decides the view from the
 * user's roles and passes an editor's ministries: nothing here reads an
 * account, and an entry outside the view is never loaded. */
enum page_board_view {
	PAGE_BOARD_SECRETARIAT = 1, /* every entry, the counts, the forms */
	PAGE_BOARD_EDITOR,          /* the entries of `ministries` (and the
				     * consolidated ones they lead) */
	PAGE_BOARD_REVIEWER         /* the submitted and accepted entries */
};
/* The board's query: /rounds/{fy}/?ministry&state&goal&overdue&flagged&page */
struct page_board_q {
	const char *ministry;  /* a code ("meti"), NULL: all */
	const char *state;     /* "draft" ... "accepted", NULL: all */
	int goal;              /* 0: all */
	int overdue, flagged;  /* 1: only those */
	int page;              /* 1-based; 0: the first */
};
struct page_board {
	int year;
	enum page_board_view view;
	const char *ministries;   /* editor: "mhlw,meti" (codes, comma-joined) */
	const char *csrf;         /* the session's token, for the forms */
	struct page_board_q q;
	const char *error;        /* a refused form's message, shown first */
	const char *deadline;     /* the deadline as typed in a refused form */
};
#define PAGE_BOARD_PAGE 50       /* entries a page of the list */
/* The list of rounds (/rounds/), with the form to open one for the
 * secretariat (b->year, b->deadline: a refused form's values). */
int page_rounds(struct store *st, const struct page *p, const struct page_board *b,
		struct buf *out);
/* The board of round b->year; MD_ENOTFOUND when the year has none. */
int page_board(struct store *st, const struct page *p, const struct page_board *b,
	       struct buf *out);
int page_error(const struct page *p, int status, const char *detail,
	       struct buf *out);
/* The site's one style sheet. */
int page_css(struct buf *out);

#endif
