/*
 * Private to src/store (in the way of SQLite's btreeInt.h): what store.c,
 * query.c and fts.c share. Nothing outside src/store includes this, but
 * the unit tests may.
 *
 * Prepared statements are kept per connection in slots keyed by enum
 * store_stmt: each slot always holds the same SQL, is prepared on first
 * use and finalized only by store_close(). There is no eviction, so a
 * statement still stepping (upsert()'s SELECT across history_add(), a read
 * query whose callback writes) is never finalized under its user. A slot
 * asked for while its statement is running (a nested run of the same read
 * query) gets a statement of its own, finalized by store_stmt_done_().
 */
#ifndef MD_STORE_INT_H
#define MD_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* The read queries, by the names of STORE_QUERIES (records.h). Each has
 * STORE_QVARIANTS slots: one statement per combination of the filters it
 * was run with (query.c builds each variant's WHERE from the filters set;
 * a combination beyond the slots gets a statement of its own per run). */
#define STORE_QVARIANTS 8
enum store_qid {
#define STORE_QID_(q, rec) STORE_QID_##q,
	STORE_QUERIES(STORE_QID_)
#undef STORE_QID_
	STORE_QID_COUNT_
};

/* An upsert target: its SELECT, UPDATE and INSERT. */
#define STORE_UPSERT_SLOTS_(t) STMT_##t##_SELECT, STMT_##t##_UPDATE, STMT_##t##_INSERT,
/* A plan table's rows by identity (store.c, plan_tables[]): a row's number
 * and version, park it at -id, set its number, retire, restore, its number
 * as people write it ("A40"). Keep the order: store.c adds these offsets
 * to the group's first slot. */
#define STORE_PLAN_SLOTS_(t) STMT_##t##_NO, STMT_##t##_PARK, STMT_##t##_SETNO, \
	STMT_##t##_RETIRE, STMT_##t##_RESTORE, STMT_##t##_LABEL,
/* history's descriptions of a row, one slot per table (schema.h
 * STORE_DESCRIBE; store.c checks there are enough) */
#define STORE_NDESCRIBE_SLOTS 24
/* A (owner, ministry, lead) set: read, clear, insert; the owner's version. */
#define STORE_MINISTRY_SLOTS_(t) STMT_##t##_MIN_SELECT, STMT_##t##_MIN_DELETE, \
	STMT_##t##_MIN_INSERT, STMT_##t##_MIN_VERSION,

enum store_stmt {
	STMT_QUERY_ = 0,   /* + enum store_qid * STORE_QVARIANTS + variant */
	STMT_SCHEMA_VERSION = STORE_QID_COUNT_ * STORE_QVARIANTS,
	STMT_DATA_VERSION,
	STMT_PUBLIC_GEN,
	STMT_SEED_MINISTRY,
	STMT_HISTORY_ADD,
	STMT_RUN_BEGIN,
	STMT_PLAN_FIND_EDITION,
	STMT_PLAN_FIND_LATEST,
	STMT_PLAN_FOR_YEAR,
	STMT_PLAN_OF_GOAL,
	STMT_PLAN_OF_MEASURE,
	STMT_GOAL_BY_NO,
	STMT_MEASURE_BY_NO,
	STMT_BLOCKS_SELECT,
	STMT_BLOCKS_DELETE,
	STMT_BLOCKS_INSERT,
	STMT_SWEEP_SELECT,
	STMT_SWEEP_DELETE,
	STMT_INDICATOR_FIND,
	STMT_INDICATOR_DIMS_SELECT,
	STMT_INDICATOR_DIMS_UPDATE,
	STMT_FOLLOWUP_GET,
	STMT_FOLLOWUP_GET_MINISTRIES,
	STORE_UPSERT_SLOTS_(SOURCE)
	STORE_UPSERT_SLOTS_(PLAN)
	STORE_UPSERT_SLOTS_(VISION)
	STORE_UPSERT_SLOTS_(GOAL)
	STORE_UPSERT_SLOTS_(LISTING)
	STORE_UPSERT_SLOTS_(MEASURE)
	STORE_UPSERT_SLOTS_(ITEM)
	STORE_UPSERT_SLOTS_(AREA)
	STORE_UPSERT_SLOTS_(FISCAL_YEAR)
	STORE_UPSERT_SLOTS_(FOLLOWUP)
	STORE_UPSERT_SLOTS_(INDICATOR)
	STORE_UPSERT_SLOTS_(IVALUE)
	STORE_UPSERT_SLOTS_(FOLLOWUP_TEXT)
	STORE_UPSERT_SLOTS_(PROGRAMME)
	STORE_UPSERT_SLOTS_(BUDGET)
	STORE_UPSERT_SLOTS_(PRESULT)
	STORE_UPSERT_SLOTS_(PINDICATOR)
	STORE_UPSERT_SLOTS_(HUB)
	STORE_UPSERT_SLOTS_(PLINK)
	STORE_UPSERT_SLOTS_(DOCUMENT)
	STMT_PROGRAMME_FIND,
	STMT_ITEM_BY_NO,
	STORE_MINISTRY_SLOTS_(ITEM)
	STORE_MINISTRY_SLOTS_(FOLLOWUP)
	STORE_PLAN_SLOTS_(VISION)
	STORE_PLAN_SLOTS_(GOAL)
	STORE_PLAN_SLOTS_(MEASURE)
	STORE_PLAN_SLOTS_(ITEM)
	STORE_PLAN_SLOTS_(AREA)
	STMT_PLAN_VERSION,
	STMT_LISTINGS_SELECT,
	STMT_LISTING_DELETE,
	STMT_LISTING_PARK,
	STMT_LISTING_BUMP,
	STMT_DESCRIBE_,
	STMT_DESCRIBE_END_ = STMT_DESCRIBE_ + STORE_NDESCRIBE_SLOTS - 1,
	/* auth.c */
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_UPDATE,
	STMT_ACCOUNT_PWHASH,
	STMT_ACCOUNT_ROLES_DELETE,
	STMT_ACCOUNT_ROLE_INSERT,
	STMT_ACCOUNT_MINISTRIES_DELETE,
	STMT_ACCOUNT_MINISTRY_INSERT,
	STMT_SESSION_INSERT,
	STMT_SESSION_TOUCH,
	STMT_SESSION_REVOKE,
	STMT_SESSION_REVOKE_ALL,
	STMT_SESSION_PURGE,
	STMT_THROTTLE_GET,
	STMT_THROTTLE_PUT,
	STMT_THROTTLE_DELETE,
	STMT_THROTTLE_PURGE,
	STMT_AUDIT_HEAD,
	STMT_AUDIT_LAST,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_HEAD_PUT,
	/* fts.c */
	STMT_SEARCH_ANY_DIRTY,
	STMT_SEARCH_FLUSH_,   /* + i: statement i of the flush (flush_sql[]) */
	STMT_SEARCH_FLUSH_END_ = STMT_SEARCH_FLUSH_ + 13,
	STMT_SEARCH_ALL,
	STMT_SEARCH_PUBLIC,
	STMT_SEARCH_PRIVATE,
	STMT_SEARCH_CHECK_MISSING,
	STMT_SEARCH_CHECK_STALE,
	STMT_SEARCH_INTEGRITY,
	STMT_SEARCH_INTEGRITY_PRIVATE,
	/* round.c */
	STORE_UPSERT_SLOTS_(ROUND)
	STORE_UPSERT_SLOTS_(ENTRY)
	STMT_ROUND_ENTRIES,
	STMT_ROUND_CONSOLIDATED,
	STMT_ROUND_COMMITMENT,
	STMT_ENTRY_GET,
	STMT_ENTRY_GET_MINISTRIES,
	STMT_ENTRY_FIND,
	STMT_COMMENT_INSERT,
	STMT_EDITION_NEXT,
	STMT_EDITION_INSERT,
	STMT_EDITION_ROWS_ROUND,
	STMT_EDITION_ROWS_IMPORT,
	STMT_EDITION_BLOCKS_ROUND,
	STMT_EDITION_BLOCKS_IMPORT,
	STMT_EDITION_COUNT,
	STMT_EDITION_CHANGES,
	STMT_EDITION_CONTENT,
	STMT_EDITION_SEAL,
	STMT_EDITION_PLAN,
	/* remind.c */
	STMT_REMINDER_CLAIM,
	STMT_REMINDER_DONE,
	STMT_COUNT_
};

/* store.c */
/* A column of a row a writer puts (put_row). */
enum { V_NULL, V_INT, V_REAL, V_TEXT };

struct col {
	const char *name;
	int type;
	long long i;
	double r;
	const char *t;
	int meta;     /* bookkeeping (provenance): updated, never "a change" */
	const char *ref; /* the plan table this id names (history says "M12") */
};

#define CI(n, v) { .name = (n), .type = V_INT, .i = (v) }
#define CT(n, v) { .name = (n), .type = (v) ? V_TEXT : V_NULL, .t = (v) }
#define CR(n, v) { .name = (n), .type = V_REAL, .r = (v) }
#define CREF(n, v, tbl) { .name = (n), .type = (v) ? V_INT : V_NULL, .i = (v), .ref = (tbl) }
#define META_INT(n, v) { .name = (n), .type = (v) ? V_INT : V_NULL, .i = (v), .meta = 1 }
/* derived from another column (a normalized text): no history of its own */
#define META_TEXT(n, v) { .name = (n), .type = (v) ? V_TEXT : V_NULL, .t = (v), .meta = 1 }

/* Insert or update the row of table whose key columns equal key[]
 * (store.c's put_row: changed fields to history with the run's actor, the
 * version one more); PUT_UPDATE refuses to insert (MD_ENOTFOUND). slot is
 * the first of its STORE_UPSERT_SLOTS_. */
enum { PUT_UPSERT, PUT_UPDATE };
int store_put_row_(struct store *st, enum store_stmt slot, const char *table,
		   const struct col *key, int nkey, const struct col *val, int nval,
		   int mode, long long *id_out);
sqlite3 *store_db_(struct store *st);
/* Sets the error message (with SQLite's when rc is MD_EDB); returns rc. */
int store_fail_(struct store *st, int rc, const char *what);
/* The statement of slot id, prepared from sql on first use; NULL (error
 * set) when it cannot be prepared. A running slot gives a fresh statement. */
sqlite3_stmt *store_stmt_(struct store *st, enum store_stmt id, const char *sql);
/* The slot's statement when it is prepared and idle, else NULL: lets a
 * caller that builds its SQL at run time skip building it. */
sqlite3_stmt *store_stmt_idle_(struct store *st, enum store_stmt id);
/* Resets a statement from store_stmt_() (or finalizes a fresh one). */
void store_stmt_done_(struct store *st, enum store_stmt id, sqlite3_stmt *s);
void *store_fts_lens_(struct store *st);
/* What each read-query slot holds (query.c's key; 0 while empty), by
 * STMT_QUERY_ + slot; cleared with the statements. */
unsigned *store_qkeys_(struct store *st);

/* fts.c */
/* Registers the tokenizers "mdplan" and "mdplan_scoped" and the rank
 * functions on db; *state is the connection's copy of the public document
 * lengths and averages (freed with the db). */
int store_fts_register_(sqlite3 *db, void **state);
/* The lengths may be undone by a rollback: read them again. */
void store_fts_lens_stale_(void *lens);
/* Re-indexes the documents changed in this transaction (before COMMIT). */
int store_search_flush_(struct store *st);
/* " scope scope " for the viewer (appended to out); nothing for the
 * public (NULL or no scopes); MD_EUSAGE for a malformed scope. The search
 * and query.c's :viewer share it. */
int store_viewer_scopes_(struct store *st, const struct store_viewer *v,
			 struct buf *out);

#endif
