#ifndef MD_PAGE_INTERNAL_H
#define MD_PAGE_INTERNAL_H
/*
 * Shared by the page module's files; not part of its public header.
 */
#include <stdarg.h>

#include "page.h"
#include "../html/html.h"
#include "../kpi/kpi.h"
#include "../text/text.h"

/* One page being written: its store, its place, its output and an arena
 * for everything it loads (freed by pg_close). */
struct pg {
	struct store *st;
	const struct page *p;
	struct html h[1];    /* the output, through the emitter */
	struct arena *a;
	int years[64];       /* fiscal years with follow-up, ascending */
	int ny;
	int fy;              /* the latest of them, 0 if none */
	const struct store_document_row *docs;  /* the sources list (pg_doc) */
	int ndocs;           /* -1 until loaded */
	const char *updated; /* the latest import or edit (pg_updated), NULL until loaded */
};

/* Opens g (the arena, the years); pg_close frees it and returns rc, else
 * the output's error. Call pg_close whatever pg_open returned. */
int pg_open(struct pg *g, struct store *st, const struct page *p,
	    struct buf *out);
int pg_close(struct pg *g, int rc);
/* A label. */
#define M(g, key) msg_get((key), (g)->p->en)
/* A printf into the page's arena, for hrefs and titles that are then
 * written escaped; "" if it fails (the arena keeps the error). */
const char *pg_fmt(struct pg *g, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
/* html_fy() as a string in the arena. */
const char *pg_fy(struct pg *g, int fy);
/* "ja（令和7年度（FY2025））" / "en (FY2025)": a label with its fiscal year. */
void pg_label_fy(struct pg *g, enum msg label, int fy);
/* "ビジョン3", "Goal 3", "施策M12", "取組A40" */
const char *pg_vision_label(struct pg *g, long long no);
const char *pg_goal_label(struct pg *g, long long no);
const char *pg_measure_label(struct pg *g, long long no);
const char *pg_item_label(struct pg *g, long long no);
/* A link to a root-relative path of this page's language. */
void pg_link(struct pg *g, const char *href, const char *text);

/* ---- the frame (frame.c) ---- */
struct crumb {
	const char *href;   /* root-relative; NULL for the current page */
	const char *text;
};
void pg_head(struct pg *g, const char *title, const struct crumb *c, int nc);
void pg_foot(struct pg *g);
/* The frame for pages without a pg (the error page). */
void frame_head(struct html *h, const struct page *p, const char *title,
		const struct crumb *c, int nc);
/* The footer: attribution, when the data last changed (updated: a run
 * time, "" or NULL for none), the help page. */
void frame_foot(struct html *h, const struct page *p, const char *updated);
/* Opens a box a wide table scrolls in sideways, labelled for screen
 * readers and reachable by keyboard (role=region, tabindex=0); close it
 * with </div>. */
void pg_region(struct pg *g, const char *label);
/* A table's column headings: <th scope="col">label</th> for each of the
 * n message keys, in order. */
void pg_col_heads(struct pg *g, const enum msg *keys, int n);
/* The same for columns of numbers: <th scope="col" class="n">. */
void pg_num_heads(struct pg *g, const enum msg *keys, int n);

/* ---- shared pieces (frame.c) ---- */
/* The stored blocks of (owner, id, field) as <p>, <ul><li>, <h3>; "—"
 * with a label for screen readers when there are none. */
int pg_blocks(struct pg *g, const char *owner, long long id, const char *field);
/* The same from rows already loaded (sorted by owner_id, field, seq). */
void pg_blocks_of(struct pg *g, const struct store_year_block_row *b, int nb,
		  long long id, const char *field);
/* "◎厚、経" as spans that say "lead" to a screen reader. */
void pg_ministries(struct pg *g, const char *s);
/* The download links of a fiscal year's table (ministry NULL: all). */
void pg_downloads(struct pg *g, int fy, const char *ministry);

/* The head of an item's page and of its changes page (sub: the latter's
 * title, NULL for the former): the item (number no, or identity id when
 * not 0: also a retired item, then the head leaves the plan's tree out)
 * and its follow-up rows, by year (plan.c). */
int pg_item_head(struct pg *g, int no, long long id, const char *sub,
		 struct store_item_row **it, struct store_followup_row **fu,
		 int *nfu);
/* The follow-up state of an item in the latest year, as a badge. */
void pg_state_badge(struct pg *g, long long rows, long long with_results);
/* The follow-up row of fiscal year fy in fu, or -1. */
int pg_fu_row(const struct store_followup_row *fu, int n, int fy);

/* The year page's note on the published edition the table is (its
 * number, date, publisher, SHA-256, links to it and to the list; nothing
 * when the year has no edition) (edition.c). */
int pg_edition_note(struct pg *g, int fy);
/* ---- provenance and staff details (help.c) ---- */

/*
 * The one switch for what is the secretariat's: the import's matching
 * metadata and the exact file:line of every text, collapsed in a "details
 * for staff" disclosure at the end of the page: 1 only for a signed-in
 * viewer with a staff role (PG_STAFF_ROLES); anonymous pages and the
 * published site leave it out.
 */
int pg_staff(const struct pg *g);
/* The roles that count as staff: the plan cycle's people (the frame's
 * link to the rounds too). */
#define PG_STAFF_ROLES (AUTH_SECRETARIAT | AUTH_EDITOR | AUTH_REVIEWER)
/* Opens / closes that disclosure (<details class="staff">). */
void pg_staff_open(struct pg *g);
void pg_staff_close(struct pg *g);
/* The document of the sources list that ref names (a source path, a file
 * name, or a citation "FILE:LINE quote"), or NULL. */
const struct store_document_row *pg_doc(struct pg *g, const char *ref);
/* A reader's source: publisher「title」（date）and a link to the
 * original when its URL is known, then the row (row > 0: ", table row N")
 * of document doc; NULL doc (not in the list): ref and the row. */
void pg_cite_doc(struct pg *g, const struct store_document_row *doc,
		 const char *ref, long long row);
/* A stored reference "FILE:LINE quote" for a reader: the document
 * (pg_cite_doc) and the words it quotes; the text as it is when it names
 * no document of the list. */
void pg_source(struct pg *g, const char *ref);
/* When the data last changed ("" when never), cached in g. */
const char *pg_updated(struct pg *g);

/* The reporting status of fiscal year fy (ministry.c): per ministry (or
 * only ministry), how many of its action items have results and which
 * have none; a section with an <h`heading`>. Nothing when fy is 0. */
int pg_reporting(struct pg *g, int fy, const char *ministry, int heading);

/* A goal page's section listing its indicators (indicator.c; nothing when
 * none). */
int pg_goal_indicators(struct pg *g, int goal);

/* The programmes a confirmed link ties to goal (or to measure, directly
 * or through its items), as a section; nothing when there are none
 * (programme.c). */
int pg_serving_programmes(struct pg *g, int goal, int measure);
/* The record of the round's reminder mail of fiscal year fy, newest first,
 * as a section with an <h`heading`> (2 or 3) (offline.c; for the board). */
int pg_round_reminders(struct pg *g, int fy, int heading);
/* ---- accounts (account.c; also used by admin.c) ---- */
/* A stored time ("2026-12-01T13:29:05Z", UTC) as the footer says it:
 * "2026年12月1日 22:29（日本時間）", in English "2026-12-01 13:29 UTC"
 * (report_updated()); pg_time() the same for Unix seconds ("—" for 0).
 * pg_when_el() writes it as <time datetime="…">…</time>. */
const char *pg_when(struct pg *g, const char *at);
const char *pg_time(struct pg *g, long long t);
void pg_when_el(struct pg *g, const char *at);
/* A form's confirmation (done_text, NULL: none) and its error when it is
 * about no field (field NULL). */
void pg_form_note(struct pg *g, const char *done_text, const char *error, const char *field);
/* error when field is name, else NULL (for html_field.error). */
const char *pg_field_error(const char *error, const char *field, const char *name);
/* The live sessions of s as a table (current marked "this session"); with
 * end_buttons an "end" form each (POST action, op=end-session, session). */
void pg_sessions(struct pg *g, const struct auth_session *s, int n, long long current,
		 const char *action, const char *csrf, int end_buttons);

/* The pages write only through the emitter. */
#pragma GCC poison buf_puts buf_putc buf_printf buf_vprintf buf_add

#endif
