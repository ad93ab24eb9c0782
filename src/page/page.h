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
	/* The signed-in viewer (web_handle() sets them from the request's
	 * session; all 0/NULL for an anonymous request and for `mdplan
	 * publish`). The frame header shows them; pg_staff() decides on
	 * roles. A page rendered with user set is private: the server never
	 * caches it (web's seal()). */
	const char *user;   /* login name; NULL: anonymous */
	const char *user_display; /* display name ("" none; user text: escaped) */
	unsigned roles;     /* enum auth_role bits (AUTH_ADMIN, ...) */
	const char *csrf;   /* the session's CSRF token (the sign-out form) */
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
/* Published editions (edition.c): the year's list (MD_ENOTFOUND when it
 * has none) and edition no with what changed since the one before. */
int page_editions(struct store *st, const struct page *p, int fy, struct buf *out);
int page_edition(struct store *st, const struct page *p, int fy, int no, struct buf *out);
/* The scorecard (goals x status) and the list of indicators. */
int page_indicators(struct store *st, const struct page *p, struct buf *out);
/* One indicator: definition, progress with its inputs, chart, data;
 * editable: a link to its edit page (the viewer may edit indicators). */
int page_indicator(struct store *st, const struct page *p, const char *code,
		   int editable, struct buf *out);
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
/* ---- my account and administration (account.c, admin.c) ----
 * What they show comes from the caller (web, from src/auth); nothing here
 * reads an account. Errors of a form: error (a sentence in the page's
 * language) beside field (the form field's name, NULL: the form's top). */

/* "My account": who is signed in, their roles, the password form, the
 * account's live sessions (this one marked) with an end button each, the
 * sign-out form; done names the confirmation to show after a form
 * ("password", "session"; NULL: none). */
struct page_account {
	const char *name, *display, *roles;
	const char *csrf;
	const struct auth_session *sessions;  /* newest first; ended ones skipped */
	int nsessions;
	long long current;      /* the request's own session */
	const char *done;
	const char *error, *field;
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
	const char *remind_days;  /* the reminder days as typed in a refused form */
};
#define PAGE_BOARD_PAGE 50       /* entries a page of the list */
/* The list of rounds (/rounds/), with the form to open one for the
 * secretariat (b->year, b->deadline: a refused form's values). */
int page_rounds(struct store *st, const struct page *p, const struct page_board *b,
		struct buf *out);
/* The board of round b->year; MD_ENOTFOUND when the year has none. */
int page_board(struct store *st, const struct page *p, const struct page_board *b,
	       struct buf *out);
/* /admin/users/: every account with its roles, ministries, state and
 * last sign-in (last[i]: Unix seconds, 0: none known). */
int page_admin_users(struct store *st, const struct page *p, const struct auth_user *u,
		     const long long *last, int n, struct buf *out);
/* /admin/users/new/ (user NULL: the values typed back in name..ministries)
 * and /admin/users/{user}/ (the account, its sessions, the forms for
 * profile and roles, disable/enable, a new password, ending the sessions);
 * done: "add", "roles", "disable", "enable", "passwd", "end-sessions". */
struct page_user_form {
	const struct auth_user *user;
	const char *name, *display, *email;
	unsigned roles, ministries;
	const struct auth_session *sessions;
	int nsessions;
	const char *csrf;
	const char *done;
	const char *error, *field;
};
int page_admin_user(struct store *st, const struct page *p, const struct page_user_form *f,
		    struct buf *out);
/* /admin/audit/: the trail filtered as `mdplan audit` filters it
 * (store_each_audit with f's since, until, name, action), newest first,
 * PAGE_AUDIT_PER_PAGE a page (page 1: the newest), the filter form, paging
 * links, the CSV link and whether the hash chain verifies. */
#define PAGE_AUDIT_PER_PAGE 50
int page_admin_audit(struct store *st, const struct page *p, const struct store_filter *f,
		     int page, const char *error, struct buf *out);
/* ---- the follow-up round: one entry (entry.c, issue 14) ----
 * page_entry(): one entry of fiscal year `year`, action item `item`,
 * ministry code (NULL or "": the item's consolidated entry); what the
 * viewer may do comes from the caller (src/auth's auth_entry_access()):
 * the form (PAGE_ENTRY_WRITE, while the round is open), the secretariat's
 * return and accept (PAGE_ENTRY_REVIEW), the comments (read through the
 * store's viewer filter: PAGE_ENTRY_COMMENTS; the form: _COMMENT); a
 * read-only view otherwise. A refused post comes back with the message
 * (beside its field when error_field names one) and what was typed; a
 * stale one (conflict) shows the stored text beside the typed. MD_ENOTFOUND
 * when the year has no round or the item no such entry.
 * page_entry_history(): every saved version as a word diff. */
enum {
	PAGE_ENTRY_WRITE = 1u << 0,
	PAGE_ENTRY_REVIEW = 1u << 1,
	PAGE_ENTRY_COMMENT = 1u << 2,
	PAGE_ENTRY_COMMENTS = 1u << 3
};
struct page_entry {
	int year, item;
	const char *ministry;
	unsigned can;                   /* PAGE_ENTRY_* */
	int can_consolidated;           /* may write the item's consolidated entry */
	const struct store_viewer *viewer;
	/* the item's other entries the viewer may not read (a co-owner's
	 * draft for a reviewer): left out of the page; nhidden -1: all */
	const long long *hidden;
	int nhidden;
	const char *csrf;
	const char *error, *error_field;/* a refused post, or NULL */
	int conflict;                   /* 409: stored beside typed */
	const char *results, *plans;    /* typed (NULL: the stored text) */
	const char *reason, *field;     /* a return's */
	const char *comment;            /* a comment's */
};
int page_entry(struct store *st, const struct page *p, const struct page_entry *e,
	       struct buf *out);
int page_entry_history(struct store *st, const struct page *p, int year, int item,
		       const char *ministry, struct buf *out);
/* ---- indicator editing (indicator_edit.c) ----
 * The edit page of an indicator: its definition form, a form per yearly
 * value of the headline series and one to add a year, and its change
 * history. The same page comes back with what was typed and an error per
 * field (400) or beside what is stored now (409). */
enum page_ind_field {
	PIF_NAME_JA, PIF_NAME_EN, PIF_UNIT, PIF_UNIT_EN, PIF_DIRECTION, PIF_YEAR_KIND,
	PIF_GOAL, PIF_MEASURE, PIF_BASELINE_YEAR, PIF_BASELINE_VALUE, PIF_TARGET_YEAR,
	PIF_TARGET_VALUE, PIF_TARGET_NOTE, PIF_SOURCE, PIF_NOTES, PIF_COUNT
};
/* The form field's name, which is also src/edit's name for the field
 * (edit_errfield()): "name_ja", ..., "notes". */
const char *page_ind_field_name(enum page_ind_field k);
/* 1 for the fields written in a <textarea> (line breaks kept). */
int page_ind_field_multiline(enum page_ind_field k);
/* The stored definition r as its form shows it (numbers without
 * separators, "" for none); strings in a. */
int page_ind_form_values(const struct store_indicator_row *r, struct arena *a,
			 const char *out[PIF_COUNT]);
/* A yearly value's form sent back (vyear_text non-NULL). */
struct page_ivalue_form {
	const char *year;          /* as typed (the add form) or the row's year */
	int row_year;              /* the year of an existing row it came from, 0: the add form */
	const char *value, *note, *source, *reason;  /* as typed (NULL: stored) */
	const char *error;         /* the message, or NULL */
	const char *error_field;   /* "year", "value", "note", "source", "reason" */
	long long version;         /* the version to send again; -1: the stored one */
	int conflict;              /* 409: show what is stored beside it */
	long long seen;            /* 409: the version the user had */
};
struct page_ind_edit {
	const char *code;
	const char *csrf;
	const char *const *typed;  /* PIF_COUNT values as typed; NULL: the stored ones */
	const char *const *error;  /* PIF_COUNT messages (NULL entries: none); NULL: none */
	long long version;         /* the definition form's version; -1: the stored one */
	int conflict;              /* 409 on the definition: stored beside typed */
	long long seen;            /* the version the user had */
	const struct page_ivalue_form *v;  /* a value form sent back, or NULL */
};
/* MD_ENOTFOUND when the indicator is not defined. */
int page_indicator_edit(struct store *st, const struct page *p,
			const struct page_ind_edit *e, struct buf *out);
int page_error(const struct page *p, int status, const char *detail,
	       struct buf *out);
/* The site's one style sheet. */
int page_css(struct buf *out);

#endif
