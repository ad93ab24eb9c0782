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

struct edit;

#define EDIT_ANY_VERSION (-1)

/* What is being changed; names are stable (audit entries, policies). */
enum edit_op {
	EDIT_INDICATOR_DEFINE = 1,  /* "indicator.define": create or change a definition */
	EDIT_IVALUE_SET,            /* "indicator.value.set": a yearly value */
	EDIT_IVALUE_CLEAR,          /* "indicator.value.clear": not available, with a reason */
	EDIT_FOLLOWUP_TEXT,         /* "followup.text": 実績・状況 / 取組予定 of a row */
	EDIT_PROGRAMME_LINK         /* "programme.link": a programme serves a measure or item */
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
					    * (its scope); NULL otherwise */
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
 * entry (action: the op's name; target "indicator:CODE [year:Y]" or
 * "followup:ID"; before/after "version=N", the follow-up's fields) with the
 * request's address and id. ea must outlive the policy's use; its auth
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

#endif
