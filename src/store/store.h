#ifndef MD_STORE_H
#define MD_STORE_H
/*
 * store: the SQLite database. sqlite3 is used here and nowhere else; a
 * PostgreSQL backend would slot in behind this same header (below).
 *
 * One struct store per process, opened with store_open() and closed with
 * store_close() (store_close(NULL) is a no-op). The database is one file in
 * WAL mode with foreign keys on; the schema is migrated forward on open by
 * PRAGMA user_version.
 *
 * Writers call store_begin(), store_run_begin() with the actor, any number
 * of *_put() calls, then store_commit() or store_rollback(): one
 * transaction per import or edit. Every *_put() is an upsert on a natural
 * key: it inserts, updates in place (copying the old value of every
 * changed field into the history table, with the run's actor), or does
 * nothing when the stored row already says the same. The counts of each
 * outcome are kept for the caller (store_counts()).
 *
 * Versions: every row a *_put() writes carries a version, 1 when it is
 * inserted and one more on each put that changes it. What counts as a
 * change is what history records; provenance (src_*), the follow-up match
 * and seen_run, and an indicator's list of breakdown dimensions are
 * bookkeeping and do not count. A change of the ministries of an action
 * item or follow-up row is a change of that row. Each history row carries
 * the version its change made, so "version N" of a row is its state after
 * the history rows with version <= N. The records of editable rows carry
 * their version (records.h). Checking the version a user saw (optimistic
 * concurrency) is the edit layer's job (src/edit): it reads the row inside
 * the write transaction and compares.
 *
 * Readers get typed records (records.h): store_each_<query>() hands each
 * row to a callback as a struct store_<record>_row (strings live until the
 * callback returns), store_load_<query>() returns them as an array in an
 * arena. A record's fields, its SELECT list and its decoder come from one
 * column list, so a misspelt field is a compile error. (Reading values by
 * column name, the old store_query() and store_row_*, is gone: every
 * reader has its record.)
 *
 * Files: store.c (open, migrations, transactions, the writers and the
 * statement slots), query.c (the read queries), fts.c (the search index),
 * auth.c (accounts, sessions, login throttling, the audit trail),
 * schema.h (the migrations), records.h (the records, public),
 * searchdoc.h (what each kind of search document is, in SQL), store_int.h
 * (what the four .c files share, private to store).
 *
 * May call: base, text (normalization for the tokenizer and the stored
 * search keys), crypto (the audit trail's hash chain). Called by every
 * module above it; decides nothing about who may change what (src/auth,
 * src/edit) or how anything is shown.
 *
 * A new entity: its table (with a version column) in a new migration
 * (schema.h); its writer here, a *_put() built on store.c's upsert/put_row
 * so that changes go to history with the run's actor and bump the version
 * (and its history description in schema.h's history list); its reader as
 * a record and a query (records.h, the query's tail in query.c); a search
 * kind if it has text (below). Changes a person makes to it go through a
 * function in src/edit, never straight to these writers.
 *
 * A second backend (PostgreSQL through libpq, should a deployment outgrow
 * one SQLite file) would slot in the way curl's TLS backends do (struct
 * Curl_ssl in vtls.h): a table of functions, one per operation of this
 * header, that each backend fills in,
 *
 *   struct store_backend {
 *       const char *name;                          -- "sqlite", "postgres"
 *       int  (*open)(const char *where, int flags, struct store **out);
 *       void (*close)(struct store *st);
 *       int  (*begin)(struct store *st);
 *       int  (*commit)(struct store *st);
 *       int  (*rollback)(struct store *st);
 *       -- one reader per query, generated from STORE_QUERIES:
 *       int  (*each_<query>)(struct store *, const struct store_filter *,
 *                            int (*fn)(void *, const struct store_<record>_row *),
 *                            void *ctx);
 *       -- the writers: source_put ... ivalue_put, followup_sweep, ...
 *       int  (*search)(struct store *, const struct store_search_q *,
 *                      struct store_hit **, int *, long *);
 *   };
 *
 * with struct store holding a pointer to its backend's table and the public
 * functions of this header forwarding to it (store_load_<query> is backend
 * independent: it collects store_each_<query>'s rows into the arena). A
 * libpq backend would keep the column lists of records.h (their SQL is
 * portable but for group_concat -> string_agg and the FTS5 search, which
 * it would do with its own index), prepare each query once per connection
 * (PQprepare), and decode PQgetvalue() text by column position into the
 * same structs. Nothing outside src/store would change. It is not built.
 *
 * On failure a function returns a negative MD_E* code and store_errmsg()
 * says what went wrong.
 */
#include "../base/base.h"
#include "../text/text.h"

struct store;

/* STORE_READONLY opens for reading; an older schema is first brought
 * forward through a writable handle unless STORE_NO_UPGRADE. */
enum { STORE_READONLY = 1, STORE_NO_UPGRADE = 2 };

int store_open(const char *path, int flags, struct store **out);
void store_close(struct store *st);
const char *store_errmsg(const struct store *st);
int store_schema_version(struct store *st);
/* Changes whenever another connection commits to the database (PRAGMA
 * data_version); -1 on error. Readers use it to drop cached output. */
long long store_data_version(struct store *st);
/* The public generation: a number every committed change of public
 * content raises (an import, an edit of public data, a publication; not a
 * draft, a session or an audit entry). -1 on error. */
long long store_public_gen(struct store *st);
/* Resets every statement of st still running (one a caller left unreset
 * keeps a read transaction open, and a read-only connection would go on
 * seeing the database as it was then): the number reset, their SQL
 * appended to what (may be NULL). */
int store_end_reads(struct store *st, struct buf *what);
/* 1 if a change to the table leaves the public generation alone (only
 * signed-in pages read it), 0 if it raises it. */
int store_private_table(const char *name);

/* Checkpoints, for a server. A writable connection writes the WAL back
 * into the database file (two fsyncs) whenever the WAL passes about 4 MB,
 * inside whichever commit crossed the mark: now and then a save would
 * take many times its time. store_autocheckpoint(st, 0) stops that on st
 * (1: back to SQLite's default); then another writable connection calls
 * store_checkpoint() now and then, outside a transaction: a passive
 * checkpoint, which copies what no reader still needs and never makes a
 * writer wait. *left (may be NULL): WAL frames not yet copied. */
int store_autocheckpoint(struct store *st, int on);
int store_checkpoint(struct store *st, int *left);

int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

struct store_counts {
	long added;      /* rows inserted */
	long changed;    /* rows updated in place (old values in history) */
	long unchanged;  /* rows that already said the same */
	long removed;    /* rows removed (old values in history) */
};
void store_counts(const struct store *st, struct store_counts *c);
void store_counts_reset(struct store *st);

/* Where an imported text came from. */
struct store_loc {
	long long source;  /* store_source_put() id */
	long line, col;    /* 1-based */
};

/* Records an input document; the same path and digest give the same id. */
int store_source_put(struct store *st, const char *path, const char *digest,
		     long long bytes, const char *encoding, long long *id);

/*
 * Who makes a change. Stored as one text "kind:name" in each history row
 * and run:
 *   import:KIND PATH  an import run        import:followup data/followup-r7.tsv
 *   cli:NAME          a command-line user  cli:tanaka ($USER)
 *   user:NAME         a signed-in user of the web application (accounts)
 * The name is 1 to STORE_ACTOR_MAX bytes without control characters.
 */
enum store_actor_kind { STORE_ACTOR_IMPORT = 1, STORE_ACTOR_CLI, STORE_ACTOR_USER };
#define STORE_ACTOR_MAX 4096
struct store_actor {
	enum store_actor_kind kind;
	const char *name;      /* "followup data/x.tsv", a login name */
};
/* "import", "cli", "user"; NULL for anything else. */
const char *store_actor_kind_name(enum store_actor_kind k);
/* Appends "kind:name" to b; MD_EUSAGE when the actor is not valid. */
int store_actor_format(const struct store_actor *a, struct buf *b);

/* Opens a run inside the transaction: an import (source: its document) or
 * an edit (source 0). Every change until store_commit() or
 * store_rollback() is attributed to actor (copied); a put that would
 * change a row outside a run fails with MD_EUSAGE. */
int store_run_begin(struct store *st, const char *kind, long long source,
		    const struct store_actor *actor);

int store_plan_put(struct store *st, int edition, const char *title,
		   const struct store_loc *loc, long long *id);
/* The plan with this edition number, or the latest one when edition is 0. */
int store_plan_find(struct store *st, int edition, long long *id, int *ed);
/* The plan whose years cover fiscal year fy (or the latest). */
int store_plan_for_year(struct store *st, int fy, long long *id);

/*
 * Visions, goals, measures, action items and areas keep their row id for
 * as long as the plan has them: import/plan.c matches a re-imported plan to
 * the stored one by content and passes the id of the row each part is
 * (id 0 adds a row; an id that does not exist is MD_ENOTFOUND, and
 * nothing changes). Their number
 * (no) follows the document and is unique in the plan, so numbers change
 * through store_renumber() first; a part the document no longer has is
 * retired (store_retire): kept with its follow-up, out of the plan's tree,
 * counts and search, and restored (store_restore) when it comes back.
 * Changed fields go to history; ids of other plan rows are written there as
 * the numbers people know ("M12").
 */
int store_vision_put(struct store *st, long long plan, long long id, int no,
		     const char *title, const char *norm,
		     const struct store_loc *loc, long long *out);
int store_goal_put(struct store *st, long long plan, long long id, int no,
		   const char *title, const char *norm, const char *issues,
		   const struct store_loc *loc, long long *out);
int store_measure_put(struct store *st, long long id, long long goal, int no,
		      const char *title, const char *norm,
		      const struct store_loc *loc, long long *out);
int store_item_put(struct store *st, long long id, long long measure, int no,
		   const char *text, const char *norm, const char *tag_text,
		   const struct store_loc *loc, long long *out);
/* Replaces the item's ministries with those of tag. */
int store_item_ministries(struct store *st, long long item,
			  const struct text_tag *tag);
/* 重点分野 priority areas (kind "area") and platforms (kind "platform"). */
int store_area_put(struct store *st, long long plan, long long id,
		   const char *kind, int no, const char *title,
		   const char *description, const struct store_loc *loc,
		   long long *out);
/* Gives rows ids[i] of table ("vision", "goal", "measure", "action_item"
 * or "area") the numbers nos[i], in two passes so that no number is held
 * twice; a changed number goes to history. Every other row of the plan
 * must already hold a number none of nos[] has (retire those first). */
int store_renumber(struct store *st, const char *table, const long long *ids,
		   const int *nos, long n);
/* Retires row id (history: "retired"): its number becomes -id, the number
 * it had stays in retired_no. */
int store_retire(struct store *st, const char *table, long long id);
/* Brings a retired row back (history: "restored"); renumber it next. */
int store_restore(struct store *st, const char *table, long long id);
/* A history entry of the caller's (e.g. "inserted", or an import's summary
 * on its plan row), described like the others. */
int store_history_note(struct store *st, const char *table, long long id,
		       const char *field, const char *old, const char *new_);
/* A goal listed under a vision (目標の掲載), in document order. */
struct store_listing {
	long long vision, goal;
	int relisted;            /* 再掲: listed before under another vision */
	struct store_loc loc;
};
/* Makes the plan's listings l[0..n): a listing is its (vision, goal), its
 * position the order in the document; listings no longer there are
 * removed into history. */
int store_listings_put(struct store *st, long long plan,
		       const struct store_listing *l, int n);

/* Structured text: paragraphs ("p"), list items ("li"), headings ("h"). */
struct store_block {
	const char *kind;
	const char *text;
};
/* Replaces the blocks of (owner, id, field) when they differ. */
int store_blocks_put(struct store *st, const char *owner, long long owner_id,
		     const char *field, const struct store_block *b, int n);

int store_fiscal_year_put(struct store *st, int year);

struct store_followup {
	int fiscal_year;
	long long plan;
	const char *row_key;      /* natural key within the year */
	long long item;           /* matched action item, 0 if none */
	const char *match_method; /* "exact", "similar", "position" or "none" */
	double match_score;       /* 0..1 */
	const char *vision_text, *goal_text, *measure_text;
	const char *item_text;    /* the action item as the table quotes it */
	const char *item_norm;
	const char *tag_text;     /* its ministry tag as written */
	const char *results;      /* 実績・状況, original cell text */
	const char *plans;        /* 取組予定, original cell text */
	struct store_loc loc;
};
int store_followup_put(struct store *st, const struct store_followup *f,
		       long long *id);
int store_followup_ministries(struct store *st, long long followup,
			      const struct text_tag *tag);
/* Removes the year's rows that this run did not put (history keeps them).
 * Returns the number removed in *n. */
int store_followup_sweep(struct store *st, int fiscal_year, long *n);

/* A follow-up row as an edit sees it; strings live in the caller's arena. */
struct store_followup_text {
	long long id, version;
	int fiscal_year;
	const char *results;         /* 実績・状況 as stored (an imported cell may be HTML) */
	const char *plans;           /* 取組予定 */
	struct text_tag ministries;  /* the row's ministries, ◎ lead marked */
};
/* MD_ENOTFOUND (with a message) when there is no row id. */
int store_followup_get(struct store *st, long long id, struct arena *a,
		       struct store_followup_text *out);
/* Updates the row's results and plans text (both given: pass the stored
 * one to keep it), with history and version like a put; MD_ENOTFOUND when
 * the row is gone. The caller replaces the row's text blocks
 * (store_blocks_put()) to match. */
int store_followup_text_put(struct store *st, long long id,
			    const char *results, const char *plans);

/* ---- indicators (指標) ---- */

struct store_indicator {
	const char *code;          /* natural key, e.g. "G1-COURSES" */
	const char *name_ja, *name_en;
	const char *unit, *unit_en;
	const char *direction;     /* "up" (higher is better) or "down" */
	const char *year_kind;     /* "fiscal" (年度) or "calendar" (年) */
	int goal, measure;         /* numbers in the latest plan; 0: none */
	int has_baseline, baseline_year;
	double baseline_value;
	int has_target, target_year;
	double target_value;
	const char *target_note;   /* e.g. why there is no target */
	const char *source, *notes;
	struct store_loc loc;
};
/* Creates or updates the definition (changed fields go to history).
 * MD_ENOTFOUND when the goal or measure number is not in the plan. */
int store_indicator_put(struct store *st, const struct store_indicator *d,
			long long *id);
/* The indicator with this code: its id and whether its years are
 * calendar years. MD_ENOTFOUND (with a message) when it is not defined. */
int store_indicator_find(struct store *st, const char *code, long long *id,
			 int *calendar);
/* Appends the dimension names not yet listed to the indicator's breakdown
 * dimensions. */
int store_indicator_dims(struct store *st, long long id,
			 const char *const *dims, int n);

struct store_ivalue {
	long long indicator;
	int year;
	const char *breakdown;     /* "" or "dim\x1fmember\x1e..." sorted by dim */
	int na;                    /* 1: not available; na_reason says why */
	double value;
	const char *na_reason, *note, *source, *as_of;
	struct store_loc loc;
};
/* Creates or updates one yearly value (the old value goes to history). */
int store_ivalue_put(struct store *st, const struct store_ivalue *v);

/* ---- programmes (事業), budgets, results, hubs (schema 6) ---- */

struct store_programme {
	const char *code;          /* natural key, e.g. "MHLW-HUB" */
	const char *name_ja, *name_en;
	const char *ministry;      /* abbreviation as tags write it: 厚 経 文 内; "" unknown */
	const char *division;
	const char *parent, *predecessor, *successor;   /* programme codes or "" */
	int first_year, last_year; /* fiscal years; 0: not stated */
	const char *body, *funding, *rate, *selection, *purpose, *scheme;
	const char *notes, *source, *evidence;
	struct store_loc loc;
};
int store_programme_put(struct store *st, const struct store_programme *p,
			long long *id);
/* The programme with this code; MD_ENOTFOUND (with a message) if none. */
int store_programme_find(struct store *st, const char *code, long long *id);

/* budget kinds: 当初予算 initial, 当初予算案 initial_draft, 補正予算
 * supplementary, 補正予算案 supplementary_draft, 概算要求 request */
struct store_budget {
	long long programme;
	int fiscal_year;
	const char *kind, *kind_as_written;
	long long amount_yen;
	const char *as_written;    /* the figure as the document writes it */
	int approx;                /* 約 */
	int share_of_larger;       /* 内数: part of of_code's budget, not added */
	const char *of_code;
	int multi_year, fund;
	const char *note, *source; /* source is part of the key */
	struct store_loc loc;
};
int store_budget_put(struct store *st, const struct store_budget *b);

struct store_presult {
	long long programme;
	int year;                  /* 0: a count over a period */
	const char *year_kind, *period, *what, *value;
	int has_number;
	double number;
	const char *bound;         /* "", about, at_least, more_than */
	const char *unit, *as_of, *note, *source;
	struct store_loc loc;
};
int store_presult_put(struct store *st, const struct store_presult *r);
int store_pindicator_put(struct store *st, long long programme,
			 long long indicator, const char *note,
			 const struct store_loc *loc);

struct store_hub {
	long long programme;
	const char *kind, *stage, *institution, *category;
	int has_count;
	long long count;
	const char *budget_per_hub;
	int has_budget_yen;
	long long budget_per_hub_yen;
	const char *fiscal_years;  /* as written ("2024", "2023-2025", "") */
	int first_year, last_year; /* 0: not stated */
	const char *as_of, *prefecture, *prefecture_basis, *results, *note, *source;
	struct store_loc loc;
};
int store_hub_put(struct store *st, const struct store_hub *h);

/* A programme serves a measure (measure_no) or an action item (item_no) of
 * the latest plan; status suggested, confirmed or rejected; the sentence
 * and follow-up row that named it (0: none). MD_ENOTFOUND when the number
 * is not in the plan. */
int store_plink_put(struct store *st, long long programme, int measure_no,
		    int item_no, const char *status, long long followup,
		    const char *sentence);
/* ---- the yearly follow-up round and its editions (round.c, schema 10) ----
 *
 * store keeps the rows; the rules (who may, which state may follow which)
 * are src/edit's (edit/round.c). The writers run inside the caller's
 * transaction and run (store_run_begin()).
 */

/* Creates the round of fiscal year fy for plan (the plan in force) or
 * changes its deadline ("YYYY-MM-DD"), state ("open", "closed") and
 * reminder days (schema 16: "14,7,1" as edit checked it, "" none; NULL
 * keeps them, or none for a new round): an update keeps plan and
 * opened_by, its changes go to history. */
int store_round_put(struct store *st, int fy, long long plan, const char *deadline,
		    const char *state, const char *remind_days, const char *opened_by,
		    long long *id);
/* Gives round id the entries it lacks: one per live action item of its
 * plan and ministry of the item (lead and pos as in the item's tag), and
 * one consolidated entry (no ministry) per item of more than one
 * ministry; a new entry's commitment blocks (field "commitment") are the
 * previous year's 取組予定: its latest edition's if it has one, else its
 * imported follow-up row's. *n gets how many entries were added. */
int store_round_entries(struct store *st, long long round, long *n);

/* A round entry as an edit sees it; strings in the caller's arena. */
struct store_entry {
	long long id, version, round;
	int fiscal_year;
	const char *round_state;     /* "open", "closed" */
	long long item;              /* action item id */
	long long item_no;
	const char *ministry;        /* code ("meti"); "" for the consolidated entry */
	int lead, consolidated;
	const char *consolidated_by; /* who wrote the consolidated text (the
				      * actor, "user:NAME"), "" */
	const char *state;           /* draft submitted returned accepted */
	int flagged;
	const char *results, *plans; /* as typed */
	const char *return_reason, *return_field;
	struct text_tag scope;       /* who writes it: its ministry (marked
				      * lead), or for the consolidated entry
				      * the item's lead ministries */
};
/* MD_ENOTFOUND (with a message) when there is no entry id. */
int store_entry_get(struct store *st, long long id, struct arena *a,
		    struct store_entry *out);
/* The entry of fiscal year fy for the action item numbered item_no in the
 * round's plan and ministry code (NULL or "": the consolidated entry);
 * MD_ENOTFOUND when there is none. */
int store_entry_find(struct store *st, int fy, int item_no, const char *ministry,
		     long long *id);
/* Changes an entry (every field given; pass the stored value to keep
 * one), with history and version like a put; MD_ENOTFOUND when it is
 * gone. The caller replaces the blocks of results and plans
 * (store_blocks_put(), owner "round_entry") to match. */
struct store_entry_put {
	const char *results, *plans;
	const char *state;
	int flagged;
	const char *return_reason, *return_field;
	const char *consolidated_by; /* the actor; NULL or "": nobody */
};
int store_entry_put(struct store *st, long long id, const struct store_entry_put *e);
/* A comment on entry id by author ("user:NAME", "cli:NAME"). */
int store_comment_add(struct store *st, long long entry, const char *author,
		      const char *text, long long *id);

/*
 * Publishes fiscal year fy's follow-up as its next edition (1, 2, ...):
 * from the year's round when it has one (its accepted entries: a shared
 * item's consolidated entry, another item's one entry), else from the
 * year's imported follow-up table (every row). Rows come in the plan's
 * order (vision, the goal's place in it, measure, item; rows of the table
 * that match no item last, in the table's order). The
 * rows are frozen with their headings (from the plan for rows matched to
 * an item), item text, ministries ("◎厚、経"), results and plans with
 * their blocks; the changes against the previous edition are listed
 * (edition_change: added, removed, changed with the fields: results,
 * plans, ministries, item); and the edition is sealed with the SHA-256
 * (hex) of its content:
 *   "mdplan-edition-1\n" then per row in order "row\n" and, for the vision,
 *   goal and measure headings, item text and ministries, the length in
 *   bytes in decimal, ':', the bytes, '\n'; then per block (plans before
 *   results, by seq) "field kind " and the text as before.
 * The same content gives the same digest whatever the database, so a
 * table re-imported elsewhere can be compared. MD_ENOTFOUND when there is
 * nothing to publish (no round and no imported table, or no accepted
 * entry), MD_EINPUT (with a message) when nothing changed since the
 * previous edition. *id, *no, *rows (may be NULL) say what was made.
 *
 * What the public sees of a year is its follow-up rows (the pages, the
 * API, the downloads, search and `mdplan publish` read nothing else): for
 * a year with a round, publishing makes them the edition's rows (keyed by
 * item, source "edition FY2026 #2", rows the edition lacks swept), so
 * they are always the latest published edition and never an entry that
 * was not published; a year without a round keeps its imported table.
 */
int store_edition_publish(struct store *st, int fy, const char *by, long long *id,
			  int *no, long *rows, char sha256[65]);

/* ---- the round's reminder mail (remind.c, schema 12) ----
 * A row per (fiscal year, step, account): claimed ('sending') before the
 * message is sent, then 'ok' or 'failed' (store_reminder_done()). Each
 * runs in the caller's transaction; no history (it is a log). */
struct store_reminder_claim {
	int fiscal_year;
	const char *step;            /* "d7", "overdue+1" */
	const char *account;         /* login name */
	const char *address;         /* e-mail */
	const char *day;             /* YYYY-MM-DD the step ran */
	const char *entries;         /* "A4 meti,A6 consolidated" */
	const char *subject;
	long long retry;             /* a failed row older than this (seconds)
				      * is claimed again */
};
/* *claimed 1 with *id when the message is to be sent now; 0 when this
 * step reached the account already, is being sent, or failed too
 * recently. */
int store_reminder_claim(struct store *st, const struct store_reminder_claim *c,
			 long long *id, int *claimed);
int store_reminder_done(struct store *st, long long id, int ok, const char *message_id,
			const char *error);

/* ---- documents (the sources list) ----
 * A document the data come from, as a reader names it; code is the key
 * (e.g. "plan-2"), files the names it is imported or cited under (space
 * separated). Changed fields go to history. */
struct store_document {
	const char *code, *files;
	const char *title_ja, *title_en;
	const char *publisher_ja, *publisher_en;
	const char *issued;        /* ISO date (2022-05-31) or "" */
	const char *url;           /* official URL of the original, or "" */
	const char *note;
	struct store_loc loc;
};
int store_document_put(struct store *st, const struct store_document *d,
		       long long *id);

/* Appends every row of every table (search index included) as text, one
 * line a row, tables by name: two dumps are equal exactly when the
 * databases hold the same data. For tests that a refused change wrote
 * nothing. */
int store_dump(struct store *st, struct buf *out);

/* ---- accounts, sessions, login throttling, audit trail (auth.c) ----
 *
 * The tables of src/auth (schema 7). store decides nothing here: who may
 * log in, what a password must be, when a session ends and who may do
 * what is src/auth's policy; these functions read and write the rows.
 * Times are Unix seconds (UTC) that the caller gives (src/auth's clock,
 * which tests move). The writers run inside the caller's transaction
 * (store_begin()); they never open one themselves.
 */

/* The roles an account may hold, in their display order. */
#define STORE_ROLE_NAMES { "admin", "secretariat", "editor", "reviewer", "desk" }

struct store_account {
	const char *name;       /* login name (unique) */
	const char *display;    /* display name, "" if none */
	const char *email;      /* "" if none */
	int disabled;
	const char *pwhash;     /* the encoded argon2id hash */
};
/* Inserts an account at time now; MD_ECONFLICT (with a message) when the
 * name is taken. */
int store_account_insert(struct store *st, const struct store_account *a,
			 long long now, long long *id);
/* Changes the fields named by STORE_ACCOUNT_* bits (from a) of account id
 * at time now; MD_ENOTFOUND when there is no such account. */
enum {
	STORE_ACCOUNT_DISPLAY = 1u << 0,
	STORE_ACCOUNT_EMAIL = 1u << 1,
	STORE_ACCOUNT_DISABLED = 1u << 2,
	STORE_ACCOUNT_PWHASH = 1u << 3
};
int store_account_update(struct store *st, long long id, unsigned fields,
			 const struct store_account *a, long long now);
/* The id, disabled flag and password hash of the account called name
 * (hash appended to *hash); MD_ENOTFOUND when there is none. */
int store_account_pwhash(struct store *st, const char *name, long long *id,
			 int *disabled, struct buf *hash);
/* Replaces the account's roles (names from STORE_ROLE_NAMES) and its
 * ministries (codes: "meti"); MD_EINPUT for an unknown role or code. */
int store_account_roles(struct store *st, long long id,
			const char *const *roles, int nroles,
			const char *const *ministries, int nministries);

struct store_session_new {
	long long account;
	const char *token_hash;   /* SHA-256 hex of the session id */
	const char *csrf;         /* the session's CSRF token */
	long long created, expires;
	const char *address, *user_agent;
};
int store_session_insert(struct store *st, const struct store_session_new *s,
			 long long *id);
/* Sets last_seen of a session not yet ended. */
int store_session_touch(struct store *st, long long id, long long now);
/* Ends session id (only if it belongs to account, when account is not 0)
 * at now for reason; MD_ENOTFOUND when there is no such session not yet
 * ended. */
int store_session_revoke(struct store *st, long long id, long long account,
			 long long now, const char *reason);
/* Ends every session of account not yet ended, but keep (0: none); *n (may
 * be NULL) gets how many. */
int store_session_revoke_all(struct store *st, long long account, long long keep,
			     long long now, const char *reason, long *n);
/* Deletes sessions that ended or expired before `before`; *n how many. */
int store_session_purge(struct store *st, long long before, long *n);

/* Failed logins under one key ("account:NAME", "address:A"). */
struct store_throttle {
	long failures;            /* consecutive failures */
	long locks;               /* locks since the last success */
	long long last_failure;   /* time of the last failure, 0: none */
	long long locked_until;   /* 0: not locked */
};
/* *t is all zeros when the key has no row. */
int store_throttle_get(struct store *st, const char *key, struct store_throttle *t);
/* Writes the key's state; all zeros deletes the row. */
int store_throttle_put(struct store *st, const char *key, const struct store_throttle *t);
/* Deletes the keys whose last failure and lock are both before `before`. */
int store_throttle_purge(struct store *st, long long before, long *n);

/*
 * The audit trail: append-only, hash-chained.
 *
 * store_audit_append() gives the entry the next seq (1, 2, ...), copies the
 * previous entry's hash into prev_hash (64 zeros for the first) and stores
 * hash = SHA-256 (hex) of
 *     "mdplan-audit-1\n" then, for seq, time, actor, address, action,
 *     target, before, after, request_id and prev_hash in that order,
 *     the field's byte length in decimal, ':', its bytes, '\n'
 *     (a NULL before/after is "-\n");
 * and moves audit_head to it, all inside the caller's transaction (it is
 * MD_EUSAGE outside one, so the chain cannot fork). A before/after text
 * longer than STORE_AUDIT_TEXT_MAX bytes is stored as
 * "sha256:HEX (N bytes)". time is Unix seconds (0: now), stored as
 * "YYYY-MM-DDTHH:MM:SSZ". actor and action must not be empty.
 */
#define STORE_AUDIT_TEXT_MAX 1024
struct store_audit {
	long long time;
	const char *actor;        /* "user:NAME", "cli:NAME", "anonymous" */
	const char *address;      /* client address, "" for the command line */
	const char *action;       /* "login", "login.fail", "user.add", ... */
	const char *target;       /* "user:NAME", "session:ID", "indicator:CODE" */
	const char *before, *after; /* NULL when there is none */
	const char *request_id;
};
int store_audit_append(struct store *st, const struct store_audit *e, long long *seq);

/*
 * Checks the whole chain: seqs without gaps from 1, each prev_hash equal
 * to the previous entry's hash, each hash equal to the hash of its content,
 * and the head equal to the last entry. On return (0) r->bad is 0 when
 * the chain is intact, else the seq of the first bad entry (for newest
 * entries deleted: the first missing seq) and why says what is wrong with
 * it; r->entries is the number of entries read and r->head the last
 * entry's hash (record it elsewhere to detect a rewrite of the whole
 * chain). MD_EDB when the database cannot be read.
 */
struct store_audit_check {
	long long entries;
	long long bad;
	char head[65];
};
int store_audit_verify(struct store *st, struct store_audit_check *r, struct buf *why);
/* 1 when s is a time the trail's filters take: "2025-06-01" or
 * "2025-06-01T09:00:00Z" (UTC), as entries are stored. */
int store_audit_time_ok(const char *s);

/* 1 while a transaction is open on this connection. */
int store_in_transaction(struct store *st);

/* ---- reading ---- */

/* The typed records and their readers: records.h. */
#include "records.h"

/* Filters; a field left at its zero value does not filter. Which fields
 * each query reads: records.h, above STORE_QUERIES. */
struct store_viewer;
struct store_filter {
	long long plan;      /* plan id (0: latest plan) */
	int year;            /* fiscal year */
	const char *ministry;/* ministry code, e.g. "meti" */
	int lead;            /* 1: only where that ministry leads */
	int goal;            /* goal number */
	int measure;         /* measure number */
	int item;            /* action item number */
	int unmatched;       /* 1: only follow-up rows matched to nothing */
	long long id;        /* a row id, query-specific */
	const char *owner;   /* block: owner kind; history: its table */
	int kind;            /* enum store_kind */
	const char *code;    /* indicator code */
	int retired;         /* 1: retired plan rows too (store_each_item) */
	const char *name;    /* account name */
	const char *since;   /* audit: entries at or after this time (ISO 8601
			      * text, "2025-06-01" or "2025-06-01T09:00:00Z") */
	const char *until;   /* audit: entries up to this time, inclusive (a
			      * day "2025-06-30" takes the whole day) */
	const char *action;  /* audit action, e.g. "login" or "login.fail" */
	const char *token;   /* session: the token's hash */
	/* the round's board (round_count, round_goal, board_entry) */
	const char *state;   /* an entry state, or states "submitted,accepted" */
	int overdue;         /* 1: only entries past the deadline, not submitted */
	int flagged;         /* 1: only entries flagged for re-review */
	const char *ministries; /* ministry codes "mhlw,meti": their entries and
				 * the consolidated ones they lead */
	int limit, offset;   /* board_entry: a page (limit 0: every row);
			      * history of one row (id, owner): its last
			      * `limit` versions */
	const struct store_viewer *viewer; /* who reads (round_comment): the
					    * scopes that may read restricted
					    * rows; NULL: the public */
};

/* ---- full-text search ---- */

/*
 * Every searchable text is a document of one kind, indexed by the FTS5
 * tokenizer "mdplan" (registered on every connection): NFKC + case
 * folding, CJK runs as overlapping bigrams plus the run's last character,
 * words of letters and digits whole, punctuation one character a token.
 * Triggers keep the index in the same transaction as the text.
 *
 * The document map (table search_map, schema version 4) gives each
 * document a doc id, its kind and ref (the row id in the kind's table),
 * fiscal year, visibility and owning scope, and lists the ministries it
 * belongs to and the scopes that may read it.
 *
 * Visibility. A document is public, or readable only by the viewers that
 * hold one of its reader scopes: its owner (e.g. "ministry:meti" for a
 * ministry's draft, "desk:mediso" for a consultation case) and whatever
 * else its kind lists ("role:secretariat"; "role:reviewer" once a draft
 * is submitted). The search takes the viewer (struct store_viewer, bound
 * from the session by the caller; NULL is the anonymous public) and
 * applies the predicate inside the statement, before any ranking, count
 * or snippet: a hit, a total and a page never include what the viewer may
 * not read. Public and restricted documents live in two FTS5 tables, so
 * a public search never even reads a restricted one (no timing to
 * measure), and ranks use the public index's average lengths, so no
 * score depends on a restricted document either.
 *
 * A new kind joins in three places:
 *  1. a migration (schema.h) with its table, SEARCH_SYNC triggers that
 *     note changed rows in search_dirty (and SEARCH_STALE ones for tables
 *     its ministries or readers are derived from), and
 *     "INSERT INTO search_dirty SELECT <kind>, id FROM <table>" for the
 *     rows already there (the index is then built before the migration
 *     commits);
 *  2. an X(...) row in SEARCH_KINDS (searchdoc.h): its texts, fiscal year,
 *     owner, readers and ministries in SQL;
 *  3. a value here and an entry in kinds[] (fts.c), and in report the
 *     label, field names and link of a hit (report/search.c).
 * A restricted kind (a round entry, later a consultation case) gives an
 * owner; nothing else changes.
 */
enum store_kind {
	STORE_KIND_VISION = 1,
	STORE_KIND_GOAL = 2,
	STORE_KIND_MEASURE = 3,
	STORE_KIND_ITEM = 4,
	STORE_KIND_FOLLOWUP = 5,
	STORE_KIND_INDICATOR = 6,
	STORE_KIND_ENTRY = 7      /* a round entry (round_entry), never public:
				   * its ministry, the secretariat, the
				   * reviewers once submitted (searchdoc.h) */
};
/* "vision", "goal", "measure", "item", "followup", "indicator", "entry";
 * NULL if unknown. */
const char *store_kind_name(int kind);
/* The kind named s that a reader may ask for, or 0. */
int store_kind_find(const char *s);
/* The i-th kind every reader is offered (i from 0), 0 past the last: the
 * public kinds ("entry" may be asked for, but only its readers find any). */
int store_kind_at(int i);

/* Who is searching: the scopes the viewer holds, e.g. "ministry:meti",
 * "role:secretariat", "role:reviewer", "desk:mediso" (lower-case letters,
 * digits and : . _ -; at most 64 bytes). No scopes: the anonymous public,
 * who sees public documents only. The caller owns the strings. */
struct store_viewer {
	const char *const *scopes;
	int nscopes;
};
/* 1 when s is a well-formed scope. */
int store_scope_valid(const char *s);

struct store_search_q {
	const char *text;     /* what the reader typed; taken literally */
	int year;             /* only documents of this fiscal year (follow-up) */
	const char *ministry; /* ministry code: only documents it is part of */
	int kind;             /* only this kind */
	int offset, limit;    /* the page of hits wanted; limit 0: all */
	const struct store_viewer *viewer; /* NULL: the anonymous public */
};
struct store_hit {
	int kind;
	long long ref;        /* id in the kind's table */
	double rank;          /* bm25, titles weighted 10: lower is better */
};
/*
 * Runs a search: *hits (malloc'd, the caller frees) gets the page of hits
 * best first (equal ranks by ref, then kind), *total the number of
 * documents that match and that the viewer may read. A query that is
 * empty after normalization matches nothing. MD_EUSAGE for a malformed
 * scope.
 */
int store_search(struct store *st, const struct store_search_q *q,
		 struct store_hit **hits, int *nhits, long *total);
/* Compares the index and the map with the documents: *missing documents
 * not indexed as they now read (text, fiscal year, visibility, owner,
 * readers, ministries, or in the wrong index), *stale index or map rows
 * for no document; then runs FTS5's own integrity check on both indexes
 * (MD_EDB if one is corrupt). */
int store_search_check(struct store *st, long *missing, long *stale);
/* Builds both indexes anew from the texts, in one transaction, and merges
 * each into one segment (FTS5 'optimize'). */
int store_search_rebuild(struct store *st);

#endif
