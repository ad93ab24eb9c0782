#ifndef MD_EDIT_H
#define MD_EDIT_H
/*
 * edit: every change of data that a person makes (the CLI today, the web
 * forms of the accounts and follow-up-round issues next). Imports of whole
 * documents stay in src/import; they record their run as the actor in the
 * same way (store_run_begin()).
 *
 * Owns: the rules of each change (what must be given, what may be
 * changed, how typed text becomes blocks), the optimistic version check,
 * asking the policy whether the actor may make the change, and the one
 * transaction that writes the change and its history. May call base,
 * text, store, import (for the shared number, year, code and text
 * readers) and auth (the accounts' policy, auth.c); never a front end,
 * never SQL.
 *
 * Every edit function takes the actor and, in the change, the version the
 * caller last saw:
 *   EDIT_ANY_VERSION  no check: create or change what is stored (the CLI
 *                     without --version);
 *   0                 the row must not exist yet (a "new" form);
 *   N > 0             the row must be at version N (an edit form rendered
 *                     from version N).
 * Each call then, in this order and inside one write transaction
 * (BEGIN IMMEDIATE, so nobody writes between the check and the write):
 *   1. validates the change on its own           -> MD_EINPUT
 *   2. reads the stored row and asks the policy's authorize() about it
 *                                                -> MD_EFORBIDDEN
 *      (before anything else is said about the row)
 *   3. compares versions                         -> MD_ECONFLICT, the
 *      message naming the stored version (or that the row is gone / new)
 *   4. validates the merged row                  -> MD_EINPUT, MD_ENOTFOUND
 *   5. writes it in a run with the actor; history gets the actor and the
 *      new version
 *   6. calls the policy's record() (the audit trail's hook) and commits.
 * Any failure rolls back: a refused, stale or invalid change writes
 * nothing at all. On success *res says what happened and which version
 * the row is at now.
 *
 * Usage: ed = edit_new(st); edit_set_policy(ed, &policy) (optional); any
 * number of edit_*() calls; edit_free(ed). The caller owns the store and
 * must not be inside a transaction. Messages (edit_errmsg(), res->note)
 * live in ed until its next call.
 *
 * Files: edit.c (the steps above, shared through internal.h: edit_start,
 * edit_begin, edit_authorize, edit_check_version, edit_run, edit_commit,
 * edit_end), one file per entity (indicator.c: definitions and yearly
 * values; followup.c: a row's results and plans text) and auth.c (the
 * accounts' policy, edit_policy_auth()).
 *
 * A new edit: an op in enum edit_op with its name in edit_op_name() (the
 * name the policy and the audit trail see), a change struct and a function
 * here, its body in its entity's file taking the steps in the order above
 * through internal.h (validate before edit_begin(), authorize before the
 * version check, write only after both), the action it needs in src/auth's
 * policy (edit/auth.c's action_of()), and a test that a refused, stale and
 * invalid change leaves store_dump() as it was. Front ends then call it:
 * the CLI through cli_edit_new() (src/cli/edit.c), the web from a route.
 */
#include "../base/base.h"
#include "../store/store.h"
#include "../import/import.h"

struct edit;

#define EDIT_ANY_VERSION (-1)

/* What is being changed; names are stable (audit entries, policies). */
enum edit_op {
	EDIT_INDICATOR_DEFINE = 1,  /* "indicator.define": create or change a definition */
	EDIT_IVALUE_SET,            /* "indicator.value.set": a yearly value */
	EDIT_IVALUE_CLEAR,          /* "indicator.value.clear": not available, with a reason */
	EDIT_FOLLOWUP_TEXT,         /* "followup.text": 実績・状況 / 取組予定 of a row */
	EDIT_PROGRAMME_LINK,        /* "programme.link": a programme serves a measure or item */
	EDIT_ROUND_OPEN,            /* "round.open": a fiscal year's round and its entries */
	EDIT_ROUND_CLOSE,           /* "round.close" */
	EDIT_ROUND_REOPEN,          /* "round.reopen" */
	EDIT_ENTRY_SAVE,            /* "round.entry.save": an entry's texts */
	EDIT_ENTRY_SUBMIT,          /* "round.entry.submit": to the secretariat */
	EDIT_ENTRY_RETURN,          /* "round.entry.return": back, with a reason */
	EDIT_ENTRY_ACCEPT,          /* "round.entry.accept" */
	EDIT_ENTRY_COMMENT,         /* "round.entry.comment" */
	EDIT_ROUND_PUBLISH,         /* "round.publish": a numbered edition */
	EDIT_ROUND_DOWNLOAD,        /* "round.download": a ministry's workbook
				     * (non-public data) went out */
	EDIT_ROUND_UPLOAD,          /* "round.upload": a workbook came back and
				     * its updates were saved */
	EDIT_ROUND_REMIND,          /* "round.remind": a reminder mail went out
				     * (or failed) */
	EDIT_ROUND_REMIND_DAYS      /* "round.remind_days": the days before the
				     * deadline its reminders go out */
};
const char *edit_op_name(enum edit_op op);

/* The target of a change as the policy and the audit trail see it (its
 * pointers are valid during the hook's call). */
struct edit_target {
	enum edit_op op;
	const char *table;          /* "indicator", "indicator_value", "followup" */
	long long id;               /* the row; 0 when it is being created */
	long long version;          /* its version before the change; 0 when new */
	unsigned fields;            /* EDIT_IND_* or EDIT_FU_* bits being changed */
	const char *code;           /* indicator ops: the code */
	int goal;                   /* indicator ops: its goal number (0: none) */
	int year;                   /* value year, or the follow-up's fiscal year */
	const struct text_tag *ministries; /* follow-up: the row's ministries
					    * (its scope); round entries: who
					    * writes it (round.c); NULL otherwise */
	const char *ref;            /* the audit entry's target when set
				     * ("round:2026", "round_entry:ID FY2026 A12
				     * meti", "edition:FY2026 #2") */
	const char *detail;         /* more lines for the audit entry's after
				     * text ("deadline=...", "rows=N"), or NULL */
	const char *before, *after; /* the changed values before and after
				     * the change as "field=text" lines, for
				     * the audit entry (a text longer than
				     * STORE_AUDIT_TEXT_MAX is kept as its
				     * SHA-256); NULL: none. Filled by every
				     * edit of a text or a state: a definition's
				     * changed fields, a value, a follow-up's
				     * texts, an entry's state (and a return's
				     * reason) and texts */
};

/*
 * The policy the accounts issue fills in (roles, ministry scopes). Both
 * hooks run inside the write transaction.
 *   authorize  0 allows; MD_EFORBIDDEN (a reason in why) refuses. Called
 *              after the stored row is read, before anything is written.
 *   record     called after the change is written and before commit, with
 *              the row's new version; the audit trail appends its entry
 *              here (through st). Non-zero rolls the whole change back.
 * A NULL hook is the default: authorize allows CLI actors and refuses
 * every other actor; record does nothing.
 */
struct edit_policy {
	int (*authorize)(void *ctx, const struct store_actor *actor,
			 const struct edit_target *t, struct buf *why);
	int (*record)(void *ctx, struct store *st, const struct store_actor *actor,
		      const struct edit_target *t, long long new_version);
	void *ctx;
};

/*
 * The accounts' policy (src/auth) for these hooks: authorize() lets the
 * command line (cli:NAME) do anything and a signed-in user (user:NAME) what
 * auth_may() allows (indicator.* ops: AUTH_EDIT_INDICATOR; followup.text:
 * AUTH_EDIT_FOLLOWUP with the row's ministries); record() appends an audit
 * entry (action: the op's name; target edit_target.ref, else
 * "indicator:CODE [year:Y]" or "followup:ID"; before/after "version=N"
 * then edit_target.before/after) with the request's address and id. ea must outlive the policy's use; its auth
 * works on the same store as the edit.
 */
struct auth;
struct edit_auth {
	struct auth *auth;
	const char *address;        /* client address, "" for the command line */
	const char *request_id;
};
void edit_policy_auth(struct edit_policy *p, struct edit_auth *ea);

struct edit_result {
	long long id;        /* the row */
	long long version;   /* its version now */
	int created;         /* 1: the row is new */
	int changed;         /* 1: a field changed (0: it already said so) */
	const char *note;    /* a warning worth showing, or NULL (lives in ed) */
};

struct edit *edit_new(struct store *st);
void edit_free(struct edit *ed);
/* Copies *p; NULL restores the default policy. */
void edit_set_policy(struct edit *ed, const struct edit_policy *p);
/* The last error's message, and the field it is about ("name_ja",
 * "results", "version", ...; NULL when it is about no field): a form shows
 * the message beside that field, the CLI names the option. The message
 * does not repeat the field's name. */
const char *edit_errmsg(const struct edit *ed);
const char *edit_errfield(const struct edit *ed);

/*
 * What the last error was, as an id a front end turns into its own words
 * (the web's pages in Japanese and English, web_edit_why()); the English
 * of edit_errmsg() stays the command line's and the detail. Every refusal
 * a person can cause with a form has one; EDIT_WHY_NONE is an error no
 * form leads to (out of memory, the database, a caller's mistake), for
 * which a front end says something general.
 */
enum edit_why {
	EDIT_WHY_NONE = 0,
	EDIT_WHY_TOO_LONG,          /* a text over its limit */
	EDIT_WHY_NOT_UTF8,          /* a text that is not UTF-8 */
	EDIT_WHY_CONTROL,           /* a control character (a line break in a
				     * one-line field) */
	EDIT_WHY_STALE,             /* a version that is not the stored one */
	EDIT_WHY_FORBIDDEN,         /* the policy refused */
	EDIT_WHY_VERSION,           /* a version that is no version */
	EDIT_WHY_REQUIRED,          /* an empty field that must be given */
	EDIT_WHY_CHOICE,            /* a value that is not one of the choices */
	EDIT_WHY_YEAR,              /* a year out of range */
	EDIT_WHY_NUMBER,            /* not a finite number */
	EDIT_WHY_GOAL,              /* not a goal number */
	EDIT_WHY_MEASURE,           /* not a measure number */
	EDIT_WHY_NOT_IN_PLAN,       /* a goal or measure the plan does not have */
	EDIT_WHY_DATE,              /* not a date */
	EDIT_WHY_CODE,              /* not an indicator code */
	EDIT_WHY_NO_INDICATOR,      /* no such indicator */
	EDIT_WHY_VALUE_REASON,      /* a value cleared without a reason */
	EDIT_WHY_NOTHING,           /* nothing to change */
	EDIT_WHY_ROUND_YEAR,        /* a fiscal year out of range */
	EDIT_WHY_ROUND_EXISTS,      /* open: the year has a round */
	EDIT_WHY_ROUND_EMPTY,       /* open: no action item to report on */
	EDIT_WHY_NO_ROUND,          /* the year has no round */
	EDIT_WHY_ROUND_SAME,        /* close/reopen: it is so already */
	EDIT_WHY_ROUND_CLOSED,      /* save/submit in a closed round */
	EDIT_WHY_REVIEW_TEXT,       /* texts sent with a return or an accept */
	EDIT_WHY_RETURN_REASON,     /* a return without a reason */
	EDIT_WHY_UNCHANGED,         /* a save of what the entry says already */
	EDIT_WHY_ALREADY_SUBMITTED, /* a submit of a submitted or accepted entry */
	EDIT_WHY_NOT_RETURNABLE,    /* a return of an entry not submitted/accepted */
	EDIT_WHY_NOT_ACCEPTABLE,    /* an accept of an entry not submitted */
	EDIT_WHY_RESULTS_EMPTY,     /* a submit without results */
	EDIT_WHY_COMMENT_EMPTY,     /* an empty comment */
	EDIT_WHY_NO_ENTRY,          /* no such entry */
	EDIT_WHY_BAD_FILE,          /* an upload that is not the round's workbook
				     * (edit_errmsg() names the sheet and cell) */
	EDIT_WHY_UPLOAD_CHANGED,    /* the entries changed since the preview */
	EDIT_WHY_REMIND_DAYS,       /* reminder days that are not 0-366, "14,7,1" */
	EDIT_WHY_BIDI,              /* a bidirectional control character
				     * (U+202A-U+202E, U+2066-U+2069) */
	EDIT_WHY_COUNT_
};
enum edit_why edit_errwhy(const struct edit *ed);

/* ---- indicator definitions ---- */

/* Fields of a definition, for edit_indicator.fields and edit_target. */
enum {
	EDIT_IND_NAME = 1u << 0,        /* name_ja */
	EDIT_IND_NAME_EN = 1u << 1,
	EDIT_IND_UNIT = 1u << 2,
	EDIT_IND_UNIT_EN = 1u << 3,
	EDIT_IND_DIRECTION = 1u << 4,   /* "up" or "down" */
	EDIT_IND_YEAR_KIND = 1u << 5,   /* "fiscal" or "calendar" */
	EDIT_IND_GOAL = 1u << 6,        /* goal number, 0: none */
	EDIT_IND_MEASURE = 1u << 7,     /* measure number, 0: none */
	EDIT_IND_BASELINE = 1u << 8,    /* has_baseline, baseline_year, _value */
	EDIT_IND_TARGET = 1u << 9,      /* has_target, target_year, _value */
	EDIT_IND_TARGET_NOTE = 1u << 10,
	EDIT_IND_SOURCE = 1u << 11,
	EDIT_IND_NOTES = 1u << 12
};

struct edit_indicator {
	long long version;          /* EDIT_ANY_VERSION, 0 or N (above) */
	unsigned fields;            /* EDIT_IND_* given in d; others keep
				     * their stored value */
	struct store_indicator d;   /* d.code always; the fields given */
};
/*
 * Creates the indicator d.code or changes the fields given. A new one
 * needs a name, a unit and a direction (there is no default direction);
 * years default to fiscal. A goal or measure number not in the latest
 * plan is MD_ENOTFOUND. res->note warns when the target year is not
 * after the baseline year (progress cannot be computed then).
 */
int edit_indicator_define(struct edit *ed, const struct store_actor *actor,
			  const struct edit_indicator *c, struct edit_result *res);

/* ---- indicator values ---- */

struct edit_ivalue {
	long long version;          /* EDIT_ANY_VERSION, 0 or N (above) */
	const char *code;           /* the indicator */
	int year;                   /* 1900-2200, fiscal or calendar as the
				     * indicator counts */
	const char *breakdown;      /* NULL or "": the headline series; else
				     * "dim\x1fmember" pairs joined by \x1e,
				     * sorted by dimension */
	int clear;                  /* 1: not available; reason says why */
	double value;               /* the value when !clear */
	const char *reason;         /* why it is not available (clear) */
	const char *note, *source, *as_of; /* NULL keeps what is stored ("" for
					    * a new value); as_of, when not "",
					    * is a date as import_date() reads
					    * it, stored in ISO 8601 */
};
/* Sets a yearly value (EDIT_IVALUE_SET) or clears it with a reason
 * (EDIT_IVALUE_CLEAR). MD_ENOTFOUND when the indicator is not defined. */
int edit_ivalue_set(struct edit *ed, const struct store_actor *actor,
		    const struct edit_ivalue *c, struct edit_result *res);

/* ---- follow-up text ---- */

enum {
	EDIT_FU_RESULTS = 1u << 0,      /* 実績・状況 */
	EDIT_FU_PLANS = 1u << 1         /* 取組予定 */
};

struct edit_followup {
	long long id;               /* the follow-up row */
	long long version;          /* EDIT_ANY_VERSION or N; 0 is refused
				     * (rows come from the table or a round) */
	const char *results;        /* NULL keeps the stored text */
	const char *plans;
};
/*
 * Replaces a follow-up row's results and/or plans with text as a person
 * types it: UTF-8, CRLF or LF, at most EDIT_TEXT_MAX bytes, no control
 * characters but line breaks and tabs, no markup (stored as written; the
 * blocks the pages and the search index show come from
 * import_text_blocks(): a line starting with ・ - or ● is a list item).
 * A row that is gone is MD_ECONFLICT when a version was given, else
 * MD_ENOTFOUND.
 */
#define EDIT_TEXT_MAX (64 * 1024)
int edit_followup_text(struct edit *ed, const struct store_actor *actor,
		       const struct edit_followup *c, struct edit_result *res);

/* ---- programme links (programme.c) ---- */

struct edit_plink {
	long long version;          /* EDIT_ANY_VERSION, 0 or N (above) */
	const char *code;           /* the programme */
	int measure, item;          /* one of them: a number in the latest plan */
	const char *status;         /* "confirmed", "rejected" or "suggested" */
	long long followup;         /* suggested: the follow-up row that names it, or 0 */
	const char *sentence;       /* suggested: the sentence, or NULL (kept) */
};
/* Links programme c->code to a measure or action item, or changes the
 * link's status (the secretariat confirms or rejects a suggestion). A
 * programme or number that does not exist is MD_ENOTFOUND. */
int edit_programme_link(struct edit *ed, const struct store_actor *actor,
			const struct edit_plink *c, struct edit_result *res);
/* ---- the yearly follow-up round (round.c) ----
 *
 * A round (one per fiscal year) holds an entry per action item of the plan
 * in force and ministry responsible for it, and for a shared item (more
 * than one ministry) a consolidated entry that its lead ministries (◎,
 * either of two) write. An entry is draft -> submitted -> returned (with
 * a reason, about a field) -> submitted -> accepted; an accepted entry
 * that is saved again goes back to submitted, flagged for re-review.
 * Authorization (the policy's authorize(), target->ministries = who writes
 * the entry: its own ministry, marked lead; for a consolidated entry the
 * item's lead ministries):
 *   round.open/close/reopen   AUTH_MANAGE_ROUND (secretariat)
 *   round.remind_days         AUTH_MANAGE_ROUND
 *   round.entry.save          AUTH_EDIT_ENTRY (editors of that ministry;
 *                             not the secretariat)
 *   round.entry.submit        AUTH_SUBMIT_FOLLOWUP (the same)
 *   round.entry.return        AUTH_RETURN_FOLLOWUP (secretariat)
 *   round.entry.accept        AUTH_ACCEPT_FOLLOWUP (secretariat)
 *   round.entry.comment       AUTH_COMMENT (reviewer, secretariat)
 *   round.publish             AUTH_PUBLISH (secretariat)
 * A closed round takes no save or submit (MD_EINPUT); the secretariat may
 * still return, accept and publish. res->id is the round, entry, comment
 * or edition; res->version the row's version (an edition's number).
 */
struct edit_round {
	int year;                   /* fiscal year, 2000-2200 */
	const char *deadline;       /* "YYYY-MM-DD"; NULL keeps (reopen) */
	long long version;          /* EDIT_ANY_VERSION, 0 (open: must be new) or N */
	const char *remind_days;    /* open, remind_days: "14,7,1" (days before
				     * the deadline, 0-366, in any order);
				     * "" or "none": not set (the server's
				     * --remind-days decide); NULL keeps (open:
				     * not set). Close and reopen keep them. */
};
/* Opens the year's round (the plan in force for the year: store_plan_for_year)
 * with its entries, empty; each shows last year's 取組予定 as its
 * commitment (the latest edition of the year before, else its imported
 * table). A round that exists is MD_ECONFLICT with version 0, else
 * MD_EINPUT (reopen it). res->note says how many entries were made. */
int edit_round_open(struct edit *ed, const struct store_actor *actor,
		    const struct edit_round *c, struct edit_result *res);
/* Closes an open round, or opens a closed one again (a new deadline when
 * given). MD_ENOTFOUND when the year has no round. */
int edit_round_close(struct edit *ed, const struct store_actor *actor,
		     const struct edit_round *c, struct edit_result *res);
int edit_round_reopen(struct edit *ed, const struct store_actor *actor,
		      const struct edit_round *c, struct edit_result *res);
/* Sets the round's reminder days to c->remind_days (stored largest first,
 * each once: "14,7,1"; audited with before and after). Bad days are
 * MD_EINPUT (field "remind_days": "x: not a whole number of days", "-3:
 * a reminder cannot come after the deadline", ...) with nothing written;
 * the days it has already, MD_EINPUT; no round, MD_ENOTFOUND. res->note
 * is the days as stored ("14,7,1", or "none"). */
int edit_round_remind_days(struct edit *ed, const struct store_actor *actor,
			   const struct edit_round *c, struct edit_result *res);

struct edit_entry {
	long long id;               /* the entry (store_entry_find()) */
	enum edit_op op;            /* EDIT_ENTRY_SAVE, _SUBMIT, _RETURN, _ACCEPT */
	long long version;          /* EDIT_ANY_VERSION or N */
	const char *results;        /* save, submit: NULL keeps; text as
				     * edit_followup_text() takes it */
	const char *plans;
	const char *reason;         /* return: why (required, one text) */
	const char *field;          /* return: "results", "plans" or NULL */
};
/* One step of an entry (the rules above). Submitting needs results;
 * submitting what is submitted or accepted (unchanged), returning what is
 * not submitted or accepted, accepting what is not submitted: MD_EINPUT. */
int edit_entry(struct edit *ed, const struct store_actor *actor,
	       const struct edit_entry *c, struct edit_result *res);
/* A comment on an entry (text: EDIT_TEXT_MAX, line breaks allowed). */
int edit_entry_comment(struct edit *ed, const struct store_actor *actor,
		       long long entry, const char *text, struct edit_result *res);
/* Publishes the year's next edition (store_edition_publish(): from the
 * round's accepted entries, or from the imported table when the year has
 * no round). res->id is the edition, res->version its number; sha256
 * (may be NULL) gets its digest. */
int edit_round_publish(struct edit *ed, const struct store_actor *actor, int year,
		       struct edit_result *res, char sha256[65]);


/* ---- the offline path (offline.c) ----
 *
 * A ministry's entries go out as a workbook (report_round_xlsx()) and come
 * back (import_round_read() reads it, import_round_match() proposes the
 * changes). Both ends are authorized like a save of that ministry's
 * entries (AUTH_EDIT_FOLLOWUP: its editors, the secretariat) and audited.
 */
/* Records that the workbook of ministry's (code) entries of the year went
 * to actor: authorized, then an audit entry "round.download" (target
 * "round:FY offline CODE", after "entries=N\nsha256=HEX"). The caller
 * hands the file out only when this returns 0. MD_ENOTFOUND: no round. */
int edit_round_download(struct edit *ed, const struct store_actor *actor, int year,
			const char *ministry, int entries, const char *sha256,
			struct edit_result *res);

struct edit_upload_read;
struct edit_upload {
	int year;
	const char *ministry;       /* the workbook's ministry (code); NULL:
				     * every ministry the actor may edit */
	const char *name;           /* the file's name, for messages */
	const void *data;
	size_t len;
	int apply;                  /* 0: preview only, nothing is written */
	int strict;                 /* apply nothing when a row is a conflict
				     * or refused */
	const char *expect;         /* apply: the proposal's digest the
				     * preview showed (NULL: no check) */
	const struct edit_upload_read *read;  /* the file as edit_round_read()
				     * read it (name, data and len are then
				     * not looked at); NULL: edit_round_upload()
				     * reads them itself */
};
/* An upload's file read ahead of its transaction. */
struct edit_upload_read {
	int rc;                     /* the reader's: 0, MD_EINPUT (not the
				     * year's round workbook), MD_ENOMEM */
	const char *err;            /* its message, naming the file, sheet or
				     * cell ("" when rc is 0) */
	struct import_round_file file;  /* rc 0: the rows */
	char sha256[65];            /* of the file */
};
/*
 * Reads u's file (u->name, data, len, year) into *out, everything in
 * arena a, which must outlive the edit_round_upload() that gets it (the
 * proposal points into it). Needs no struct edit and no store, so a
 * server reads a large file before it takes its one writer. A file that
 * does not read is not this call's failure: out->rc and out->err keep
 * why, and edit_round_upload() reports it where it always did (after the
 * round and the actor's rights are checked: MD_EINPUT, EDIT_WHY_BAD_FILE,
 * field "file", the reader's message; nothing written). Returns 0, or
 * MD_ENOMEM (nothing kept).
 */
int edit_round_read(const struct edit_upload *u, struct arena *a,
		    struct edit_upload_read *out);
struct edit_upload_result {
	struct import_round_plan plan;  /* what the file proposes (arena a) */
	char sha256[65];            /* of the file */
	char digest[65];            /* of the proposal: the file and, per row,
				     * its key, what and versions */
	int applied;                /* entries saved */
	int blocked;                /* 1: strict and a conflict or refusal:
				     * nothing saved */
};
/*
 * Matches the workbook (u->read, or read here first) against the entries
 * as stored now (inside one write transaction) and, with apply, saves
 * every IMPORT_ROUND_UPDATE row as a round.entry.save of actor
 * (edit_entry(): the policy authorizes each entry, each save is audited),
 * then audits the upload ("round.upload", the file's SHA-256 and the
 * counts) and commits: all or nothing. Rows in
 * conflict (edited in the file and on the web since the download), rows
 * the web changed since (stale: the web's text stays) and refused rows
 * (another ministry's entry, unknown or repeated key, damaged hidden
 * cell) are never written; they are reported in res->plan, and with
 * strict they block the whole upload (res->blocked, 0 returned, nothing
 * written). A proposal whose digest is not expect (the entries changed
 * since the preview) is MD_ECONFLICT with nothing written. A file that is
 * not the year's round workbook is MD_EINPUT (the reader's message); a
 * ministry the actor may not edit MD_EFORBIDDEN; any failed save rolls
 * the whole upload back with its error ("row 5 2026/40/meti: ...").
 */
int edit_round_upload(struct edit *ed, const struct store_actor *actor,
		      const struct edit_upload *u, struct arena *a,
		      struct edit_upload_result *res);

/* ---- reminders (remind.c) ----
 *
 * Editors whose entries are not submitted (draft, returned; for a lead
 * ministry also the shared items' consolidated entries) get one message
 * each per step of the schedule: "dN" for N days before the deadline (the
 * smallest N of the days not below the days left: with 14,7,1 a round due
 * in 10 days is at step d14, on the deadline day at d1), then
 * "overdue+1", "overdue+8", ... a week apart after it. Each message is
 * claimed in the store's record (store_reminder_claim()) before it is
 * sent, so a step never reaches an editor twice, across restarts and
 * whoever runs it; a failed one is tried again after retry seconds. Each
 * message is audited ("round.remind", target "reminder:ID FY2026 d7
 * user:NAME"). Authorized as AUTH_MANAGE_ROUND (the secretariat; the
 * command line; the server's schedule acts as cli:schedule). Editors
 * need an e-mail address. A closed round sends nothing. The days are the
 * round's own (edit_round_remind_days(), store column remind_days) when
 * it has them, else days[] (the server's or the command's default).
 */
struct edit_remind {
	int year;
	const char *today;          /* YYYY-MM-DD; NULL: today (UTC) */
	const int *days;            /* the steps before the deadline, for a round
				     * that has no days of its own */
	int ndays;
	const char *relay;          /* smtp://host:port (not needed for dry_run) */
	const char *from;           /* NULL: mdplan@localhost */
	const char *site;           /* the site's address for entry links
				     * ("https://host/"), or NULL */
	int dry_run;                /* compose, send nothing, record nothing */
	long long retry;            /* seconds before a failed one is retried */
};
enum edit_remind_status {
	EDIT_REMIND_SENT = 1,
	EDIT_REMIND_FAILED,
	EDIT_REMIND_DONE_BEFORE,    /* this step reached them already */
	EDIT_REMIND_DRY_RUN
};
struct edit_remind_msg {
	const char *account, *address, *step, *subject;
	const char *entries;        /* "A4 meti,A6 consolidated" */
	int nentries;
	enum edit_remind_status status;
	const char *message_id, *error;
};
struct edit_remind_result {
	const char *today, *step;   /* step NULL: none due (or the round closed) */
	const char *days;           /* the days used ("14,7,1") */
	int round_days;             /* 1: the round's own, 0: r->days */
	int left;                   /* days to the deadline (negative: overdue) */
	struct edit_remind_msg *msg;
	int n, sent, failed, skipped;
};
/* Runs the schedule of the year's round for today (everything in arena
 * a). MD_ENOTFOUND: no round; MD_EFORBIDDEN; MD_EUSAGE: no relay. A
 * failed send is not an error (its message says failed). */
int edit_round_remind(struct edit *ed, const struct store_actor *actor,
		      const struct edit_remind *r, struct arena *a,
		      struct edit_remind_result *res);
/* "14,7,1" as days (at most max, each 0 to EDIT_REMIND_DAY_MAX, spaces
 * around a number allowed): the count, or -1, and then why (when not
 * NULL) gets what is wrong ("x: not a whole number of days (0 to 366)"). */
#define EDIT_REMIND_DAY_MAX 366
#define EDIT_REMIND_DAYS_MAX 16
int edit_remind_days(const char *s, int *days, int max, struct buf *why);

#endif
