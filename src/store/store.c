#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store_int.h"
#include "schema.h"

struct store {
	sqlite3 *db;
	struct buf err;                 /* last error message */
	sqlite3_stmt *stmt[STMT_COUNT_]; /* prepared statements, by slot (store_int.h) */
	unsigned qkeys[STORE_QID_COUNT_ * STORE_QVARIANTS]; /* query.c's, per query slot */
	long long run;                  /* current run, 0 if none */
	struct buf actor;               /* its actor, "kind:name"; "" if none */
	void *fts_lens;                 /* fts.c's state: document lengths (the connection owns it) */
	struct store_counts counts;
};

static int fail(struct store *st, int rc, const char *what)
{
	buf_reset(&st->err);
	if (rc == MD_EDB && st->db)
		buf_printf(&st->err, "%s: %s", what, sqlite3_errmsg(st->db));
	else
		buf_puts(&st->err, what);
	return rc;
}

sqlite3 *store_db_(struct store *st)
{
	return st->db;
}

int store_fail_(struct store *st, int rc, const char *what)
{
	return fail(st, rc, what);
}

const char *store_errmsg(const struct store *st)
{
	return st->err.len ? st->err.ptr : "no error";
}

sqlite3_stmt *store_stmt_(struct store *st, enum store_stmt id, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (st->stmt[id] && !sqlite3_stmt_busy(st->stmt[id]))
		return st->stmt[id];
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
			       NULL) != SQLITE_OK) {
		fail(st, MD_EDB, "prepare");
		return NULL;
	}
	if (!st->stmt[id])
		st->stmt[id] = s;
	return s;
}

sqlite3_stmt *store_stmt_idle_(struct store *st, enum store_stmt id)
{
	sqlite3_stmt *s = st->stmt[id];

	return s && !sqlite3_stmt_busy(s) ? s : NULL;
}

void store_stmt_done_(struct store *st, enum store_stmt id, sqlite3_stmt *s)
{
	if (!s)
		return;
	if (s != st->stmt[id]) {
		sqlite3_finalize(s);
		return;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* A writer's statement: the slot's own (writers never nest a slot, so a
 * running one is a bug, reported rather than doubled). The caller resets
 * it when done (done()). */
static sqlite3_stmt *prep(struct store *st, enum store_stmt id, const char *sql)
{
	if (st->stmt[id] && sqlite3_stmt_busy(st->stmt[id])) {
		fail(st, MD_EUSAGE, "internal error: statement already running");
		return NULL;
	}
	return store_stmt_(st, id, sql);
}

unsigned *store_qkeys_(struct store *st)
{
	return st->qkeys;
}

void *store_fts_lens_(struct store *st)
{
	return st->fts_lens;
}

static void done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

static int exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_reset(&st->err);
		buf_printf(&st->err, "%s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return MD_EDB;
	}
	return 0;
}

static int seed_ministries(struct store *st)
{
	sqlite3_stmt *s = prep(st, STMT_SEED_MINISTRY, "INSERT OR IGNORE INTO ministry"
			       "(code, abbrev, name_ja, name_en, variants, sort)"
			       " VALUES (?,?,?,?,?,?)");
	int i, rc = 0;

	if (!s)
		return MD_EDB;
	for (i = 0; i < text_ministry_count() && !rc; i++) {
		const struct text_ministry *m = text_ministry_at(i);

		sqlite3_bind_text(s, 1, m->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, m->abbrev, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, m->name_ja, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, m->name_en, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, m->aliases, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, i + 1);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = fail(st, MD_EDB, "seed ministries");
		done(s);
	}
	return rc;
}

/* The first column of the first row of a statement without parameters
 * (slot id); -1 when there is none or on error. */
static long long one_number(struct store *st, enum store_stmt id, const char *sql)
{
	sqlite3_stmt *s = prep(st, id, sql);
	long long v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	done(s);
	return v;
}

int store_schema_version(struct store *st)
{
	return (int)one_number(st, STMT_SCHEMA_VERSION, "PRAGMA user_version");
}

long long store_data_version(struct store *st)
{
	return one_number(st, STMT_DATA_VERSION, "PRAGMA data_version");
}

int store_end_reads(struct store *st, struct buf *what)
{
	sqlite3_stmt *s = NULL;
	int n = 0;

	while ((s = sqlite3_next_stmt(st->db, s))) {
		if (!sqlite3_stmt_busy(s))
			continue;
		if (what)
			buf_printf(what, "%s%.120s", n ? "; " : "", sqlite3_sql(s));
		sqlite3_reset(s);
		n++;
	}
	return n;
}

int store_autocheckpoint(struct store *st, int on)
{
	/* 1000 pages: SQLite's default */
	if (sqlite3_wal_autocheckpoint(st->db, on ? 1000 : 0) != SQLITE_OK)
		return fail(st, MD_EDB, "set the automatic checkpoint");
	return 0;
}

int store_checkpoint(struct store *st, int *left)
{
	int log = 0, done = 0, rc;

	if (left)
		*left = 0;
	if (!sqlite3_get_autocommit(st->db))
		return fail(st, MD_EUSAGE, "checkpoint inside a transaction");
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	/* BUSY: another checkpoint is running; it does the work */
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return fail(st, MD_EDB, "checkpoint");
	if (left)
		*left = log > done ? log - done : 0;
	return 0;
}

long long store_public_gen(struct store *st)
{
	return one_number(st, STMT_PUBLIC_GEN, "SELECT gen FROM public_state");
}

/*
 * The tables only signed-in pages read: a change to them leaves the
 * public generation alone (a draft save, a sign-in, an audit entry, an
 * account; an edition names its publisher by a copy of the name).
 * Every other table, one a later migration adds too, gets the three
 * triggers public_triggers() makes. The search tables (search and its
 * shadows, search_map, ...) are left out by their prefix: they change in
 * the same transaction as the texts they index (store_commit()), so a
 * public text's change has raised the number already, and a draft's
 * (search_private) must not. text_block and history hold both kinds of
 * row: theirs fire unless the row is a round entry's.
 */
static const char *const private_tables[] = {
	"account", "account_ministry", "account_role", "audit", "audit_head",
	"import_run", "login_throttle", "public_state", "reminder", "role",
	"round_comment", "round_entry", "session",
};

static const struct {
	const char *table, *column;
} mixed_tables[] = {
	{ "history", "tbl" },
	{ "text_block", "owner" },
};

int store_private_table(const char *name)
{
	size_t i;

	if (!strncmp(name, "search", 6) || !strncmp(name, "sqlite_", 7))
		return 1;
	for (i = 0; i < MD_ARRAY_SIZE(private_tables); i++) {
		if (!strcmp(private_tables[i], name))
			return 1;
	}
	return 0;
}

/* Makes the missing public-generation triggers (inside migrate()'s
 * transaction). */
static int public_triggers(struct store *st)
{
	static const char *const ops[] = { "INSERT", "UPDATE", "DELETE" };
	static const char *const tags[] = { "ins", "upd", "del" };
	sqlite3_stmt *s = NULL;
	struct buf sql = BUF_INIT, names = BUF_INIT;
	const char *name, *col;
	size_t i, k;
	int rc = MD_EDB;

	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
			       " ORDER BY name", -1, &s, NULL) != SQLITE_OK) {
		fail(st, MD_EDB, "list the tables");
		goto out;
	}
	/* names first: a statement reading sqlite_schema must not be live
	 * while triggers are created */
	while (sqlite3_step(s) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		if (name && !store_private_table(name))
			buf_add(&names, name, strlen(name) + 1);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (buf_error(&names)) {
		rc = fail(st, MD_ENOMEM, "list the tables");
		goto out;
	}
	for (name = names.ptr; names.len && name < names.ptr + names.len;
	     name += strlen(name) + 1) {
		col = NULL;
		for (k = 0; k < MD_ARRAY_SIZE(mixed_tables); k++) {
			if (!strcmp(mixed_tables[k].table, name))
				col = mixed_tables[k].column;
		}
		for (i = 0; i < MD_ARRAY_SIZE(ops); i++) {
			buf_reset(&sql);
			buf_printf(&sql, "CREATE TRIGGER IF NOT EXISTS public_%s_%s AFTER %s ON \"%s\"",
				   name, tags[i], ops[i], name);
			if (col && i == 0)
				buf_printf(&sql, " WHEN new.%s <> 'round_entry'", col);
			else if (col && i == 1)
				buf_printf(&sql, " WHEN old.%s <> 'round_entry' OR new.%s <> 'round_entry'",
					   col, col);
			else if (col)
				buf_printf(&sql, " WHEN old.%s <> 'round_entry'", col);
			buf_puts(&sql, " BEGIN UPDATE public_state SET gen = gen + 1,"
				 " at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'); END;");
			if (buf_error(&sql)) {
				rc = fail(st, MD_ENOMEM, "make the public triggers");
				goto out;
			}
			if (exec(st, sql.ptr))
				goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	buf_release(&sql);
	buf_release(&names);
	return rc;
}

static int migrate(struct store *st)
{
	int v = store_schema_version(st), n = (int)MD_ARRAY_SIZE(store_migrations);
	struct buf sql = BUF_INIT;
	int rc = MD_EDB;

	if (v < 0)
		return fail(st, MD_EDB, "read schema version");
	if (v > n) {
		buf_reset(&st->err);
		buf_printf(&st->err, "database schema version %d is newer than this "
			   "mdplan (%d); upgrade mdplan", v, n);
		return MD_EDB;
	}
	if (v == n)
		return 0;
	if (exec(st, "BEGIN IMMEDIATE"))
		return MD_EDB;
	for (; v < n; v++) {
		const char *const *stmt;

		for (stmt = store_migrations[v]; *stmt; stmt++) {
			if (exec(st, *stmt))
				goto out;
		}
	}
	/* the search index is built in the same transaction */
	if (public_triggers(st) || seed_ministries(st) || store_search_flush_(st))
		goto out;
	buf_printf(&sql, "PRAGMA user_version = %d", n);
	if (exec(st, sql.ptr))
		goto out;
	if (exec(st, "COMMIT"))
		goto out;
	rc = 0;
out:
	if (rc)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	buf_release(&sql);
	return rc;
}

int store_open(const char *path, int flags, struct store **out)
{
	struct store *st = calloc(1, sizeof(*st));
	int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = MD_EDB;

	if (!st)
		return MD_ENOMEM;
	buf_init(&st->err, 4096);
	buf_init(&st->actor, 2 * STORE_ACTOR_MAX);
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		fail(st, MD_EDB, "open database");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (exec(st, "PRAGMA foreign_keys = ON"))
		goto out;
	if (store_fts_register_(st->db, &st->fts_lens)) {
		fail(st, MD_EDB, "register the search tokenizer");
		goto out;
	}
	if (!(flags & STORE_READONLY)) {
		if (exec(st, "PRAGMA journal_mode = WAL") ||
		    exec(st, "PRAGMA synchronous = NORMAL") || migrate(st))
			goto out;
		/* changes a writer outside mdplan committed without indexing */
		if (exec(st, "BEGIN IMMEDIATE") || store_commit(st)) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
	} else if (store_schema_version(st) != (int)MD_ARRAY_SIZE(store_migrations)) {
		int v = store_schema_version(st);
		struct store *rw = NULL;

		if (v < 1 || v > (int)MD_ARRAY_SIZE(store_migrations) || (flags & STORE_NO_UPGRADE)) {
			fail(st, MD_EDB, v > 1 ? "database schema is newer than this mdplan" :
			     "database has no mdplan schema (import something first)");
			goto out;
		}
		/* an older schema: bring it forward once, then read */
		rc = store_open(path, 0, &rw);
		if (rc) {
			buf_reset(&st->err);
			buf_printf(&st->err, "upgrade database schema from version %d: %s", v,
				   rw ? store_errmsg(rw) : "out of memory");
			store_close(rw);
			goto out;
		}
		store_close(rw);
		rc = MD_EDB;
		if (store_schema_version(st) != (int)MD_ARRAY_SIZE(store_migrations)) {
			fail(st, MD_EDB, "database schema did not upgrade");
			goto out;
		}
	}
	rc = 0;
out:
	if (rc) {
		/* keep the message for the caller, then close */
		*out = st;
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < STMT_COUNT_; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	buf_release(&st->err);
	buf_release(&st->actor);
	free(st);
}

/* The run and its actor last one transaction. */
static void run_end(struct store *st)
{
	st->run = 0;
	buf_reset(&st->actor);
}

int store_begin(struct store *st)
{
	run_end(st);
	return exec(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
	int rc;

	run_end(st);
	/* the search index changes in the same transaction as its texts */
	if ((rc = store_search_flush_(st)))
		return rc;
	return exec(st, "COMMIT");
}

int store_rollback(struct store *st)
{
	run_end(st);
	/* lengths read inside the transaction may be undone: read them again */
	store_fts_lens_stale_(st->fts_lens);
	if (sqlite3_get_autocommit(st->db))
		return 0;
	return exec(st, "ROLLBACK");
}

void store_counts(const struct store *st, struct store_counts *c)
{
	*c = st->counts;
}

void store_counts_reset(struct store *st)
{
	memset(&st->counts, 0, sizeof(st->counts));
}

/* ---- the generic upsert ---- */

static void bind(sqlite3_stmt *s, int idx, const struct col *c)
{
	switch (c->type) {
	case V_INT: sqlite3_bind_int64(s, idx, c->i); break;
	case V_REAL: sqlite3_bind_double(s, idx, c->r); break;
	case V_TEXT: sqlite3_bind_text(s, idx, c->t, -1, SQLITE_STATIC); break;
	default: sqlite3_bind_null(s, idx); break;
	}
}

static int same(sqlite3_stmt *s, int idx, const struct col *c)
{
	int t = sqlite3_column_type(s, idx);

	switch (c->type) {
	case V_NULL: return t == SQLITE_NULL;
	case V_INT: return t == SQLITE_INTEGER && sqlite3_column_int64(s, idx) == c->i;
	case V_REAL: return t != SQLITE_NULL &&
		fabs(sqlite3_column_double(s, idx) - c->r) < 1e-9;
	default:
		return t == SQLITE_TEXT &&
			!strcmp((const char *)sqlite3_column_text(s, idx), c->t);
	}
}

#define DESCRIBE_SQL(t, what, year, from) \
	{ t, "SELECT " what ", " year " FROM " from " WHERE x.id = ?" },
static const struct {
	const char *tbl, *sql;
} describe[] = { STORE_DESCRIBE(DESCRIBE_SQL) STORE_DESCRIBE_9(DESCRIBE_SQL)
		 STORE_DESCRIBE_ROUND(DESCRIBE_SQL)
		 STORE_DESCRIBE_11(DESCRIBE_SQL) };
#undef DESCRIBE_SQL
_Static_assert(MD_ARRAY_SIZE(describe) <= STORE_NDESCRIBE_SLOTS,
	       "more history descriptions than slots (store_int.h)");

/* The plan tables whose rows keep their identity, with the prefix of the
 * numbers people use and their slots (STORE_PLAN_SLOTS_). */
enum { P_NO, P_PARK, P_SETNO, P_RETIRE, P_RESTORE, P_LABEL };
static const struct plan_table {
	const char *tbl, *prefix;
	enum store_stmt slot;
} plan_tables[] = {
	{ "vision", "V", STMT_VISION_NO },
	{ "goal", "G", STMT_GOAL_NO },
	{ "measure", "M", STMT_MEASURE_NO },
	{ "action_item", "A", STMT_ITEM_NO },
	{ "area", "", STMT_AREA_NO },
};

static const struct plan_table *plan_table(const char *tbl)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(plan_tables); k++) {
		if (!strcmp(plan_tables[k].tbl, tbl))
			return &plan_tables[k];
	}
	return NULL;
}

/* A plan table's statement of kind `which` (P_*): head, the table, tail;
 * the SQL is built only for the first prepare. */
static sqlite3_stmt *plan_stmt(struct store *st, const struct plan_table *t,
			       int which, const char *head, const char *tail)
{
	enum store_stmt slot = (enum store_stmt)(t->slot + which);
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = store_stmt_idle_(st, slot);

	if (s)
		return s;
	buf_puts(&sql, head);
	buf_puts(&sql, t->tbl);
	buf_puts(&sql, tail);
	s = buf_error(&sql) ? NULL : prep(st, slot, sql.ptr);
	buf_release(&sql);
	return s;
}

/* "M12": the number row `id` of plan table tbl has (or had when it was
 * retired), into out; "" when there is no such row. */
static int number_label(struct store *st, const char *tbl, long long id,
			struct buf *out)
{
	const struct plan_table *t = plan_table(tbl);
	sqlite3_stmt *s;

	buf_reset(out);
	if (!t)
		return fail(st, MD_EUSAGE, "not a plan table");
	if (!(s = plan_stmt(st, t, P_LABEL, "SELECT coalesce(retired_no, no) FROM ",
			      " WHERE id = ?")))
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		buf_printf(out, "%s%lld", t->prefix, sqlite3_column_int64(s, 0));
	done(s);
	return buf_error(out);
}

/* Records the old value of a changed field; version is the row's version
 * after the change. Refused outside a run: every change has an actor. */
static int history_add(struct store *st, const char *tbl, long long id,
		       const char *field, const char *old, const char *new_,
		       long long version)
{
	sqlite3_stmt *h, *d = NULL;
	const char *what = "";
	size_t k;
	int rc = 0, year = 0, has_year = 0;

	if (!st->actor.len)
		return fail(st, MD_EUSAGE, "a change needs an actor: begin a run "
			    "(store_run_begin) in the transaction first");
	/* what the row is, as it reads now (before the change) */
	for (k = 0; k < MD_ARRAY_SIZE(describe) && strcmp(describe[k].tbl, tbl); k++)
		;
	if (k < MD_ARRAY_SIZE(describe)) {
		if (!(d = prep(st, (enum store_stmt)(STMT_DESCRIBE_ + k), describe[k].sql)))
			return MD_EDB;
		sqlite3_bind_int64(d, 1, id);
		if (sqlite3_step(d) == SQLITE_ROW) {
			if (sqlite3_column_type(d, 0) != SQLITE_NULL)
				what = (const char *)sqlite3_column_text(d, 0);
			if ((has_year = sqlite3_column_type(d, 1) != SQLITE_NULL))
				year = sqlite3_column_int(d, 1);
		}
	}
	h = prep(st, STMT_HISTORY_ADD, "INSERT INTO history(tbl, row_id, field,"
		 " old_value, new_value, run_id, actor, version, what, year)"
		 " VALUES (?,?,?,?,?,?,?,?,?,?)");
	if (!h) {
		done(d);
		return MD_EDB;
	}
	sqlite3_bind_text(h, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(h, 2, id);
	sqlite3_bind_text(h, 3, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 4, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(h, 5, new_, -1, SQLITE_TRANSIENT);
	if (st->run)
		sqlite3_bind_int64(h, 6, st->run);
	else
		sqlite3_bind_null(h, 6);
	sqlite3_bind_text(h, 7, st->actor.ptr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(h, 8, version);
	sqlite3_bind_text(h, 9, what, -1, SQLITE_TRANSIENT);
	if (has_year)
		sqlite3_bind_int(h, 10, year);
	else
		sqlite3_bind_null(h, 10);
	if (sqlite3_step(h) != SQLITE_DONE)
		rc = fail(st, MD_EDB, "write history");
	done(h);
	done(d);
	return rc;
}

static const char *col_text(const struct col *c, struct buf *tmp)
{
	buf_reset(tmp);
	switch (c->type) {
	case V_INT: buf_printf(tmp, "%lld", c->i); return tmp->ptr;
	case V_REAL: buf_printf(tmp, "%.15g", c->r); return tmp->ptr;
	case V_TEXT: return c->t;
	default: return NULL;
	}
}

/*
 * Insert or update the row of `table` whose key columns equal key[]. Data
 * columns val[] that differ are updated, their old values go to history
 * and the row's version goes up by one (a change of bookkeeping columns
 * only, .meta, is written without either). PUT_UPDATE refuses to insert:
 * MD_ENOTFOUND when there is no such row (its slot's INSERT is unused).
 */
static int put_row(struct store *st, enum store_stmt slot, const char *table,
		   const struct col *key, int nkey, const struct col *val, int nval,
		   int mode, long long *id_out)
{
	struct buf sql = BUF_INIT, tmp = BUF_INIT;
	sqlite3_stmt *s = NULL;
	long long id = 0, version = 0;
	int i, rc = MD_EDB, step, changed = 0, meta_changed = 0;

	/* slot, slot + 1, slot + 2: its SELECT, UPDATE and INSERT, whose
	 * text is built only for the first prepare; without a key (a new
	 * row of a table keyed by id) only the INSERT */
	if (!nkey) {
		step = SQLITE_DONE;
	} else {
		if (!(s = store_stmt_idle_(st, slot))) {
			buf_printf(&sql, "SELECT rowid, version");
			for (i = 0; i < nval; i++)
				buf_printf(&sql, ", %s", val[i].name);
			buf_printf(&sql, " FROM %s WHERE ", table);
			for (i = 0; i < nkey; i++)
				buf_printf(&sql, "%s%s IS ?", i ? " AND " : "", key[i].name);
			if (buf_error(&sql) || !(s = prep(st, slot, sql.ptr)))
				goto out;
		}
		for (i = 0; i < nkey; i++)
			bind(s, i + 1, &key[i]);
		step = sqlite3_step(s);
	}
	if (step == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		version = sqlite3_column_int64(s, 1);
		for (i = 0; i < nval; i++) {
			if (same(s, i + 2, &val[i]))
				continue;
			if (val[i].meta) {
				meta_changed = 1;
				continue;
			}
			changed = 1;
			if (val[i].ref) {
				/* an id: history names the row it points at */
				struct buf was = BUF_INIT;
				int e = number_label(st, val[i].ref,
						     sqlite3_column_int64(s, i + 2), &was);

				if (!e)
					e = number_label(st, val[i].ref, val[i].i, &tmp);
				if (!e)
					e = history_add(st, table, id, val[i].name, was.ptr,
							tmp.ptr, version + 1);
				buf_release(&was);
				if (e) {
					rc = e;
					goto out;
				}
				continue;
			}
			if ((step = history_add(st, table, id, val[i].name,
					(const char *)sqlite3_column_text(s, i + 2),
					col_text(&val[i], &tmp), version + 1))) {
				rc = step;
				goto out;
			}
		}
		done(s);
		s = NULL;
		if (!changed && !meta_changed) {
			st->counts.unchanged++;
			rc = 0;
			goto out;
		}
		if (!(s = store_stmt_idle_(st, slot + 1))) {
			buf_reset(&sql);
			buf_printf(&sql, "UPDATE %s SET ", table);
			for (i = 0; i < nval; i++)
				buf_printf(&sql, "%s%s = ?", i ? ", " : "", val[i].name);
			buf_printf(&sql, ", version = version + ? WHERE rowid = ?");
			if (buf_error(&sql) || !(s = prep(st, slot + 1, sql.ptr)))
				goto out;
		}
		for (i = 0; i < nval; i++)
			bind(s, i + 1, &val[i]);
		sqlite3_bind_int(s, nval + 1, changed);
		sqlite3_bind_int64(s, nval + 2, id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fail(st, MD_EDB, table);
			goto out;
		}
		if (changed)
			st->counts.changed++;
		else
			st->counts.unchanged++;
	} else if (step == SQLITE_DONE && mode == PUT_UPDATE) {
		rc = fail(st, MD_ENOTFOUND, table);
		goto out;
	} else if (step == SQLITE_DONE) {
		done(s);
		s = NULL;
		if (!(s = store_stmt_idle_(st, slot + 2))) {
			buf_reset(&sql);
			buf_printf(&sql, "INSERT INTO %s(", table);
			for (i = 0; i < nkey; i++)
				buf_printf(&sql, "%s%s", i ? ", " : "", key[i].name);
			for (i = 0; i < nval; i++)
				buf_printf(&sql, "%s%s", nkey || i ? ", " : "", val[i].name);
			buf_puts(&sql, ") VALUES (");
			for (i = 0; i < nkey + nval; i++)
				buf_puts(&sql, i ? ", ?" : "?");
			buf_puts(&sql, ")");
			if (buf_error(&sql) || !(s = prep(st, slot + 2, sql.ptr)))
				goto out;
		}
		for (i = 0; i < nkey; i++)
			bind(s, i + 1, &key[i]);
		for (i = 0; i < nval; i++)
			bind(s, nkey + i + 1, &val[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fail(st, MD_EDB, table);
			goto out;
		}
		id = sqlite3_last_insert_rowid(st->db);
		st->counts.added++;
	} else {
		fail(st, MD_EDB, table);
		goto out;
	}
	rc = 0;
out:
	done(s);
	buf_release(&sql);
	buf_release(&tmp);
	if (rc == 0 && id_out)
		*id_out = id;
	return rc;
}

static int upsert(struct store *st, enum store_stmt slot, const char *table,
		  const struct col *key, int nkey, const struct col *val, int nval,
		  long long *id_out)
{
	return put_row(st, slot, table, key, nkey, val, nval, PUT_UPSERT, id_out);
}

int store_put_row_(struct store *st, enum store_stmt slot, const char *table,
		   const struct col *key, int nkey, const struct col *val, int nval,
		   int mode, long long *id_out)
{
	return put_row(st, slot, table, key, nkey, val, nval, mode, id_out);
}

static int step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : fail(st, MD_EDB, what);

	done(s);
	return rc;
}

/* ---- writers ---- */

int store_source_put(struct store *st, const char *path, const char *digest,
		     long long bytes, const char *encoding, long long *id)
{
	struct col key[] = { CT("path", path), CT("digest", digest) };
	struct col val[] = { CI("bytes", bytes), CT("encoding", encoding) };
	struct store_counts keep = st->counts;
	int rc = upsert(st, STMT_SOURCE_SELECT, "source", key, 2, val, 2, id);

	st->counts = keep;   /* bookkeeping, not content */
	return rc;
}

static const char *const actor_kinds[] = {
	[STORE_ACTOR_IMPORT] = "import",
	[STORE_ACTOR_CLI] = "cli",
	[STORE_ACTOR_USER] = "user",
};

const char *store_actor_kind_name(enum store_actor_kind k)
{
	return (unsigned)k < MD_ARRAY_SIZE(actor_kinds) ? actor_kinds[k] : NULL;
}

int store_actor_format(const struct store_actor *a, struct buf *b)
{
	const char *kind = a ? store_actor_kind_name(a->kind) : NULL;
	const char *p;

	if (!kind || !a->name || !*a->name || strlen(a->name) > STORE_ACTOR_MAX)
		return MD_EUSAGE;
	for (p = a->name; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return MD_EUSAGE;
	}
	buf_printf(b, "%s:%s", kind, a->name);
	return buf_error(b);
}

int store_run_begin(struct store *st, const char *kind, long long source,
		    const struct store_actor *actor)
{
	sqlite3_stmt *s;

	buf_reset(&st->actor);
	if (store_actor_format(actor, &st->actor)) {
		buf_reset(&st->actor);
		return fail(st, MD_EUSAGE, "a run needs an actor: a kind (import, "
			    "cli or user) and a name of 1 to 4096 bytes without "
			    "control characters");
	}
	s = prep(st, STMT_RUN_BEGIN, "INSERT INTO import_run(kind, source_id, actor)"
		 " VALUES (?,?,?)");
	if (!s)
		return MD_EDB;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	if (source)
		sqlite3_bind_int64(s, 2, source);
	else
		sqlite3_bind_null(s, 2);   /* an edit, not a document */
	sqlite3_bind_text(s, 3, st->actor.ptr, -1, SQLITE_STATIC);
	if (step_done(st, s, "import run"))
		return MD_EDB;
	st->run = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define LOC(loc) META_INT("src_id", (loc) ? (loc)->source : 0), \
	META_INT("src_line", (loc) ? (loc)->line : 0), \
	META_INT("src_col", (loc) ? (loc)->col : 0)

int store_plan_put(struct store *st, int edition, const char *title,
		   const struct store_loc *loc, long long *id)
{
	struct col key[] = { CI("edition", edition) };
	struct col val[] = { CT("title", title), LOC(loc) };

	return upsert(st, STMT_PLAN_SELECT, "plan", key, 1, val, 4, id);
}

int store_document_put(struct store *st, const struct store_document *d,
		       long long *id)
{
	struct col key[] = { CT("code", d->code) };
	struct col val[] = { CT("files", d->files), CT("title_ja", d->title_ja),
		CT("title_en", d->title_en), CT("publisher_ja", d->publisher_ja),
		CT("publisher_en", d->publisher_en), CT("issued", d->issued),
		CT("url", d->url), CT("note", d->note), LOC(&d->loc) };

	return upsert(st, STMT_DOCUMENT_SELECT, "document", key, 1, val,
		      (int)MD_ARRAY_SIZE(val), id);
}

int store_plan_find(struct store *st, int edition, long long *id, int *ed)
{
	sqlite3_stmt *s = edition ?
		prep(st, STMT_PLAN_FIND_EDITION, "SELECT id, edition FROM plan WHERE edition = ?") :
		prep(st, STMT_PLAN_FIND_LATEST, "SELECT id, edition FROM plan p WHERE EXISTS"
		" (SELECT 1 FROM vision v WHERE v.plan_id = p.id AND v.retired IS NULL)"
		" ORDER BY edition DESC LIMIT 1");
	int rc = MD_ENOTFOUND;

	if (!s)
		return MD_EDB;
	if (edition)
		sqlite3_bind_int(s, 1, edition);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (ed)
			*ed = sqlite3_column_int(s, 1);
		rc = 0;
	} else {
		fail(st, MD_ENOTFOUND, edition ? "no such plan edition" :
		     "no plan in the database: run `mdplan import plan FILE` first");
	}
	done(s);
	return rc;
}

int store_plan_for_year(struct store *st, int fy, long long *id)
{
	sqlite3_stmt *s = prep(st, STMT_PLAN_FOR_YEAR,
		"SELECT id FROM plan p WHERE EXISTS"
		" (SELECT 1 FROM vision v WHERE v.plan_id = p.id)"
		" ORDER BY (fy_start <= ?1 AND (fy_end IS NULL OR ?1 <= fy_end)) DESC,"
		" edition DESC LIMIT 1");
	int rc = MD_ENOTFOUND;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int(s, 1, fy);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		fail(st, MD_ENOTFOUND,
		     "no plan in the database: run `mdplan import plan FILE` first");
	}
	done(s);
	return rc;
}

/* ---- plan rows: identities kept across re-imports ---- */

/* A call that writes in several steps either does all of them or none
 * (inside the caller's transaction): open with savepoint(), close with
 * settle(rc). */
static int savepoint(struct store *st)
{
	return exec(st, "SAVEPOINT store_step");
}

static int settle(struct store *st, int rc)
{
	if (!rc && (rc = exec(st, "RELEASE store_step")) == 0)
		return 0;
	sqlite3_exec(st->db, "ROLLBACK TO store_step; RELEASE store_step",
		     NULL, NULL, NULL);
	return rc;
}

/* Updates row id of a table keyed by id (0: adds a row) through its
 * upsert slots; a row that is not there is MD_ENOTFOUND, and nothing
 * changes. */
static int put_by_id(struct store *st, enum store_stmt slot, const char *table,
		     long long id, const struct col *val, int nval, long long *out)
{
	struct col key[] = { CI("id", id) };
	struct store_counts was = st->counts;
	int rc;

	if (!(rc = savepoint(st)))
		rc = settle(st, put_row(st, slot, table, key, id ? 1 : 0, val, nval,
					id ? PUT_UPDATE : PUT_UPSERT, out));
	if (rc)
		st->counts = was;
	return rc;
}

int store_vision_put(struct store *st, long long plan, long long id, int no,
		     const char *title, const char *norm,
		     const struct store_loc *loc, long long *out)
{
	struct col val[] = { CI("plan_id", plan), CI("no", no), CT("title", title),
			     META_TEXT("title_norm", norm), LOC(loc) };

	return put_by_id(st, STMT_VISION_SELECT, "vision", id,
			 val, (int)MD_ARRAY_SIZE(val), out);
}

int store_goal_put(struct store *st, long long plan, long long id, int no,
		   const char *title, const char *norm, const char *issues,
		   const struct store_loc *loc, long long *out)
{
	struct col val[] = { CI("plan_id", plan), CI("no", no), CT("title", title),
			     META_TEXT("title_norm", norm),
			     CT("issues", issues ? issues : ""), LOC(loc) };

	return put_by_id(st, STMT_GOAL_SELECT, "goal", id, val,
			 (int)MD_ARRAY_SIZE(val), out);
}

/* The plan a parent row belongs to (0 if none: the insert then fails on
 * its foreign key, which reports the error). */
static long long plan_of(struct store *st, enum store_stmt id, const char *sql,
			 long long parent)
{
	sqlite3_stmt *s = prep(st, id, sql);
	long long plan = 0;

	if (!s)
		return 0;
	sqlite3_bind_int64(s, 1, parent);
	if (sqlite3_step(s) == SQLITE_ROW)
		plan = sqlite3_column_int64(s, 0);
	done(s);
	return plan;
}

int store_measure_put(struct store *st, long long id, long long goal, int no,
		      const char *title, const char *norm,
		      const struct store_loc *loc, long long *out)
{
	long long plan = plan_of(st, STMT_PLAN_OF_GOAL, "SELECT plan_id FROM goal WHERE id = ?",
				 goal);
	struct col val[] = { CI("plan_id", plan), CREF("goal_id", goal, "goal"),
			     CI("no", no), CT("title", title),
			     META_TEXT("title_norm", norm), LOC(loc) };

	return put_by_id(st, STMT_MEASURE_SELECT, "measure", id,
			 val, (int)MD_ARRAY_SIZE(val), out);
}

int store_item_put(struct store *st, long long id, long long measure, int no,
		   const char *text, const char *norm, const char *tag_text,
		   const struct store_loc *loc, long long *out)
{
	long long plan = plan_of(st, STMT_PLAN_OF_MEASURE,
				 "SELECT plan_id FROM measure WHERE id = ?", measure);
	struct col val[] = { CI("plan_id", plan), CREF("measure_id", measure, "measure"),
			     CI("no", no), CT("text", text), META_TEXT("text_norm", norm),
			     CT("tag_text", tag_text ? tag_text : ""), LOC(loc) };

	return put_by_id(st, STMT_ITEM_SELECT, "action_item", id,
			 val, (int)MD_ARRAY_SIZE(val), out);
}

int store_area_put(struct store *st, long long plan, long long id,
		   const char *kind, int no, const char *title,
		   const char *description, const struct store_loc *loc,
		   long long *out)
{
	struct col val[] = { CI("plan_id", plan), CT("kind", kind), CI("no", no),
			     CT("title", title),
			     CT("description", description ? description : ""),
			     LOC(loc) };

	return put_by_id(st, STMT_AREA_SELECT, "area", id, val,
			 (int)MD_ARRAY_SIZE(val), out);
}

/* The number and version of row id (MD_ENOTFOUND when there is none). */
static int row_no(struct store *st, const struct plan_table *t, long long id,
		  long long *no, long long *version)
{
	sqlite3_stmt *s = plan_stmt(st, t, P_NO, "SELECT no, version FROM ", " WHERE id = ?");
	int rc = MD_ENOTFOUND;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*no = sqlite3_column_int64(s, 0);
		*version = sqlite3_column_int64(s, 1);
		rc = 0;
	}
	done(s);
	return rc ? fail(st, rc, "no such row") : 0;
}

static int renumber(struct store *st, const struct plan_table *t,
		    const long long *ids, const int *nos, long n)
{
	struct buf o = BUF_INIT, w = BUF_INIT;
	sqlite3_stmt *s;
	char *moves;
	long i;
	int rc = MD_EDB;

	if (!(moves = calloc((size_t)n + 1, 1)))
		return fail(st, MD_ENOMEM, "out of memory");
	/* park the rows that move at -id, so that no number is held twice */
	for (i = 0; i < n; i++) {
		long long was, version;

		if ((rc = row_no(st, t, ids[i], &was, &version)))
			goto out;
		rc = MD_EDB;
		if (was == nos[i])
			continue;
		moves[i] = was > 0 ? 2 : 1;   /* 1: a restored row, numbered again */
		if (was > 0) {
			buf_reset(&o);
			buf_reset(&w);
			buf_printf(&o, "%lld", was);
			buf_printf(&w, "%d", nos[i]);
			if ((rc = buf_error(&o)) || (rc = buf_error(&w)) ||
			    (rc = history_add(st, t->tbl, ids[i], "no", o.ptr, w.ptr,
					      version + 1)))
				goto out;
			rc = MD_EDB;
		}
		if (!(s = plan_stmt(st, t, P_PARK, "UPDATE ", " SET no = -id WHERE id = ?")))
			goto out;
		sqlite3_bind_int64(s, 1, ids[i]);
		if (step_done(st, s, t->tbl))
			goto out;
	}
	for (i = 0; i < n; i++) {
		if (!moves[i])
			continue;
		/* a restored row's number is part of its restoring (one version) */
		if (!(s = plan_stmt(st, t, P_SETNO, "UPDATE ", " SET no = ?, version ="
				    " version + ? WHERE id = ?")))
			goto out;
		sqlite3_bind_int(s, 1, nos[i]);
		sqlite3_bind_int(s, 2, moves[i] == 2);
		sqlite3_bind_int64(s, 3, ids[i]);
		if (step_done(st, s, t->tbl))
			goto out;
	}
	rc = 0;
out:
	free(moves);
	buf_release(&o);
	buf_release(&w);
	return rc;
}

int store_renumber(struct store *st, const char *table, const long long *ids,
		   const int *nos, long n)
{
	const struct plan_table *t = plan_table(table);
	int rc;

	if (!t)
		return fail(st, MD_EUSAGE, "not a plan table");
	if ((rc = savepoint(st)))
		return rc;
	return settle(st, renumber(st, t, ids, nos, n));
}

/* retire: 1 retires, 0 restores */
static int set_retired(struct store *st, const struct plan_table *t,
		       long long id, int retire)
{
	struct buf label = BUF_INIT;
	sqlite3_stmt *s;
	long long no, version;
	int rc;

	if ((rc = row_no(st, t, id, &no, &version)) ||
	    (rc = number_label(st, t->tbl, id, &label)))
		goto out;
	rc = MD_EDB;
	/* history first: it describes the row as it was */
	if ((no < 0) == retire) {
		rc = fail(st, MD_EUSAGE, retire ? "the row is retired already" :
			  "the row is not retired");
		goto out;
	}
	if ((rc = history_add(st, t->tbl, id, retire ? "retired" : "restored",
			      label.ptr, NULL, version + 1)))
		goto out;
	rc = MD_EDB;
	if (retire)
		s = plan_stmt(st, t, P_RETIRE, "UPDATE ", " SET retired = ?,"
			      " retired_no = no, no = -id, version = version + 1"
			      " WHERE id = ? AND retired IS NULL");
	else
		s = plan_stmt(st, t, P_RESTORE, "UPDATE ", " SET retired = NULL,"
			      " retired_no = NULL, version = version + 1"
			      " WHERE id = ? AND retired IS NOT NULL");
	if (!s)
		goto out;
	if (retire) {
		sqlite3_bind_int64(s, 1, st->run);
		sqlite3_bind_int64(s, 2, id);
	} else {
		sqlite3_bind_int64(s, 1, id);
	}
	if (step_done(st, s, t->tbl))
		goto out;
	rc = sqlite3_changes(st->db) == 1 ? 0 :
		fail(st, MD_EUSAGE, retire ? "no such row to retire" : "no such row to restore");
out:
	buf_release(&label);
	return rc;
}

static int retire_or_restore(struct store *st, const char *table, long long id,
			     int retire)
{
	const struct plan_table *t = plan_table(table);
	int rc;

	if (!t)
		return fail(st, MD_EUSAGE, "not a plan table");
	if ((rc = savepoint(st)))
		return rc;
	return settle(st, set_retired(st, t, id, retire));
}

int store_retire(struct store *st, const char *table, long long id)
{
	return retire_or_restore(st, table, id, 1);
}

int store_restore(struct store *st, const char *table, long long id)
{
	return retire_or_restore(st, table, id, 0);
}

int store_history_note(struct store *st, const char *table, long long id,
		       const char *field, const char *old, const char *new_)
{
	const struct plan_table *t = plan_table(table);
	long long no, version = 0;
	sqlite3_stmt *s;
	int rc;

	/* a note changes no field: it carries the row's version */
	if (t) {
		if ((rc = row_no(st, t, id, &no, &version)))
			return rc;
	} else if (!strcmp(table, "plan")) {
		if (!(s = prep(st, STMT_PLAN_VERSION, "SELECT version FROM plan WHERE id = ?")))
			return MD_EDB;
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW)
			version = sqlite3_column_int64(s, 0);
		done(s);
	} else {
		return fail(st, MD_EUSAGE, "history notes are for plan rows");
	}
	return history_add(st, table, id, field, old, new_, version);
}

struct listing_row {
	long long id, vision, goal, version;
	int pos, relisted, taken;
};

static int listings_put(struct store *st, long long plan,
			const struct store_listing *l, int n)
{
	sqlite3_stmt *s = prep(st, STMT_LISTINGS_SELECT, "SELECT gl.id, gl.vision_id,"
			       " gl.goal_id, gl.pos, gl.relisted, gl.version FROM goal_listing gl"
			       " JOIN vision v ON v.id = gl.vision_id WHERE v.plan_id = ?"
			       " ORDER BY gl.id");
	struct listing_row *old = NULL;
	struct buf was = BUF_INIT, now = BUF_INIT;
	long long *ids = NULL;
	int *pos = NULL;
	long nold = 0, cap = 0, i, k;
	int rc = MD_EDB;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, plan);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (nold == cap) {
			struct listing_row *p = realloc(old, sizeof(*old) *
						(size_t)(cap = cap ? cap * 2 : 32));

			if (!p) {
				rc = fail(st, MD_ENOMEM, "out of memory");
				done(s);
				goto out;
			}
			old = p;
		}
		old[nold].id = sqlite3_column_int64(s, 0);
		old[nold].vision = sqlite3_column_int64(s, 1);
		old[nold].goal = sqlite3_column_int64(s, 2);
		old[nold].pos = sqlite3_column_int(s, 3);
		old[nold].relisted = sqlite3_column_int(s, 4);
		old[nold].version = sqlite3_column_int64(s, 5);
		old[nold].taken = 0;
		nold++;
	}
	done(s);
	ids = calloc((size_t)n + 1, sizeof(*ids));
	pos = calloc((size_t)n + 1, sizeof(*pos));
	if (!ids || !pos) {
		rc = fail(st, MD_ENOMEM, "out of memory");
		goto out;
	}
	/* a listing is its (vision, goal); its place follows the document */
	for (i = 0; i < n; i++) {
		for (k = 0; k < i; k++)
			pos[i] += l[k].vision == l[i].vision;
		pos[i]++;
		for (k = 0; k < nold; k++) {
			if (!old[k].taken && old[k].vision == l[i].vision &&
			    old[k].goal == l[i].goal) {
				old[k].taken = 1;
				ids[i] = old[k].id;
				break;
			}
		}
	}
	for (k = 0; k < nold; k++) {
		if (old[k].taken)
			continue;
		buf_reset(&was);
		buf_printf(&was, "%d", old[k].pos);
		if (buf_error(&was) ||
		    history_add(st, "goal_listing", old[k].id, "pos", was.ptr, NULL,
				old[k].version + 1) ||
		    !(s = prep(st, STMT_LISTING_DELETE, "DELETE FROM goal_listing WHERE id = ?")))
			goto out;
		sqlite3_bind_int64(s, 1, old[k].id);
		if (step_done(st, s, "goal_listing"))
			goto out;
		st->counts.removed++;
	}
	for (i = 0; i < n; i++) {
		if (!ids[i])
			continue;
		if (!(s = prep(st, STMT_LISTING_PARK, "UPDATE goal_listing SET pos = -id"
			       " WHERE id = ? AND pos <> ?")))
			goto out;
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int(s, 2, pos[i]);
		if (step_done(st, s, "goal_listing"))
			goto out;
	}
	for (i = 0; i < n; i++) {
		struct col val[] = { CI("vision_id", l[i].vision), CI("pos", pos[i]),
				     CREF("goal_id", l[i].goal, "goal"),
				     CI("relisted", l[i].relisted), LOC(&l[i].loc) };

		long changed = st->counts.changed;
		int moved = 0;

		if (ids[i]) {
			/* the parked position is written here, not by put_row */
			for (k = 0; k < nold && old[k].id != ids[i]; k++)
				;
			if ((moved = old[k].pos != pos[i])) {
				buf_reset(&was);
				buf_reset(&now);
				buf_printf(&was, "%d", old[k].pos);
				buf_printf(&now, "%d", pos[i]);
				if (buf_error(&was) || buf_error(&now) ||
				    history_add(st, "goal_listing", ids[i], "pos",
						was.ptr, now.ptr, old[k].version + 1))
					goto out;
			}
			val[1].meta = 1;
		}
		if ((rc = put_by_id(st, STMT_LISTING_SELECT, "goal_listing", ids[i], val,
				    (int)MD_ARRAY_SIZE(val), NULL)))
			goto out;
		rc = MD_EDB;
		if (moved && st->counts.changed == changed) {
			/* only its place changed: that is its change */
			if (!(s = prep(st, STMT_LISTING_BUMP, "UPDATE goal_listing"
				       " SET version = version + 1 WHERE id = ?")))
				goto out;
			sqlite3_bind_int64(s, 1, ids[i]);
			if (step_done(st, s, "goal_listing"))
				goto out;
			st->counts.changed++;
		}
	}
	rc = 0;
out:
	free(old);
	free(ids);
	free(pos);
	buf_release(&was);
	buf_release(&now);
	return rc;
}

/* Replace a (owner, ministry, lead) set; history records the old set as a
 * single text when it changes, and that is a change of the owning row of
 * owner_table (its version goes up). Slots: slot + 0..3, the set's read,
 * clear and insert and the owner's version bump. */
static int ministries_put(struct store *st, enum store_stmt slot,
			  const char *table, const char *owner_table,
			  const char *owner_col, long long owner,
			  const struct text_tag *tag)
{
	struct buf sql = BUF_INIT, old = BUF_INIT, new_ = BUF_INIT;
	sqlite3_stmt *s;
	int rc = MD_EDB, i;

	buf_printf(&sql, "SELECT m.abbrev, t.lead FROM %s t JOIN ministry m ON"
		   " m.id = t.ministry_id WHERE t.%s = ? ORDER BY t.pos",
		   table, owner_col);
	if (buf_error(&sql) || !(s = prep(st, slot, sql.ptr)))
		goto out;
	sqlite3_bind_int64(s, 1, owner);
	while (sqlite3_step(s) == SQLITE_ROW)
		buf_printf(&old, "%s%s%s", old.len ? "、" : "",
			   sqlite3_column_int(s, 1) ? "◎" : "",
			   (const char *)sqlite3_column_text(s, 0));
	done(s);
	for (i = 0; i < tag->n; i++)
		buf_printf(&new_, "%s%s%s", new_.len ? "、" : "",
			   tag->lead[i] ? "◎" : "",
			   text_ministry_at(tag->ministry[i])->abbrev);
	if (!strcmp(old.ptr, new_.ptr)) {
		rc = 0;
		goto out;
	}
	if (old.len) {
		long long v = 0;

		buf_reset(&sql);
		buf_printf(&sql, "UPDATE %s SET version = version + 1 WHERE rowid = ?"
			   " RETURNING version", owner_table);
		if (buf_error(&sql) || !(s = prep(st, slot + 3, sql.ptr)))
			goto out;
		sqlite3_bind_int64(s, 1, owner);
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		if (step_done(st, s, owner_table) || !v ||
		    history_add(st, table, owner, "ministries", old.ptr, new_.ptr, v))
			goto out;
	}
	buf_reset(&sql);
	buf_printf(&sql, "DELETE FROM %s WHERE %s = ?", table, owner_col);
	if (buf_error(&sql) || !(s = prep(st, slot + 1, sql.ptr)))
		goto out;
	sqlite3_bind_int64(s, 1, owner);
	if (step_done(st, s, table))
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "INSERT INTO %s(%s, ministry_id, lead, pos) SELECT ?, id,"
		   " ?, ? FROM ministry WHERE code = ?", table, owner_col);
	if (buf_error(&sql) || !(s = prep(st, slot + 2, sql.ptr)))
		goto out;
	for (i = 0; i < tag->n; i++) {
		sqlite3_bind_int64(s, 1, owner);
		sqlite3_bind_int(s, 2, tag->lead[i]);
		sqlite3_bind_int(s, 3, i + 1);
		sqlite3_bind_text(s, 4, text_ministry_at(tag->ministry[i])->code,
				  -1, SQLITE_STATIC);
		if (step_done(st, s, table))
			goto out;
	}
	rc = 0;
out:
	buf_release(&sql);
	buf_release(&old);
	buf_release(&new_);
	return rc;
}

int store_item_ministries(struct store *st, long long item,
			  const struct text_tag *tag)
{
	return ministries_put(st, STMT_ITEM_MIN_SELECT, "action_ministry", "action_item",
			      "item_id", item, tag);
}

int store_followup_ministries(struct store *st, long long followup,
			      const struct text_tag *tag)
{
	return ministries_put(st, STMT_FOLLOWUP_MIN_SELECT, "followup_ministry", "followup",
			      "followup_id", followup, tag);
}

int store_listings_put(struct store *st, long long plan,
		       const struct store_listing *l, int n)
{
	int rc = savepoint(st);

	return rc ? rc : settle(st, listings_put(st, plan, l, n));
}

int store_blocks_put(struct store *st, const char *owner, long long owner_id,
		     const char *field, const struct store_block *b, int n)
{
	sqlite3_stmt *s = prep(st, STMT_BLOCKS_SELECT, "SELECT kind, text FROM text_block WHERE"
			       " owner = ? AND owner_id = ? AND field = ? ORDER BY seq");
	int i = 0, same_ = 1;

	if (!s)
		return MD_EDB;
	sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, owner_id);
	sqlite3_bind_text(s, 3, field, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (i >= n || strcmp((const char *)sqlite3_column_text(s, 0), b[i].kind) ||
		    strcmp((const char *)sqlite3_column_text(s, 1), b[i].text))
			same_ = 0;
		i++;
	}
	done(s);
	if (same_ && i == n)
		return 0;
	/* the owning row's text field carries the history; blocks are derived */
	s = prep(st, STMT_BLOCKS_DELETE, "DELETE FROM text_block WHERE owner = ? AND owner_id = ? AND field = ?");
	if (!s)
		return MD_EDB;
	sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, owner_id);
	sqlite3_bind_text(s, 3, field, -1, SQLITE_STATIC);
	if (step_done(st, s, "text_block"))
		return MD_EDB;
	s = prep(st, STMT_BLOCKS_INSERT, "INSERT INTO text_block(owner, owner_id, field, seq, kind, text)"
		 " VALUES (?,?,?,?,?,?)");
	if (!s)
		return MD_EDB;
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, owner_id);
		sqlite3_bind_text(s, 3, field, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, i + 1);
		sqlite3_bind_text(s, 5, b[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, b[i].text, -1, SQLITE_STATIC);
		if (step_done(st, s, "text_block"))
			return MD_EDB;
	}
	return 0;
}

int store_fiscal_year_put(struct store *st, int year)
{
	struct buf ja = BUF_INIT, en = BUF_INIT;
	struct store_counts keep = st->counts;
	int rc;

	text_era_fy_ja(year, &ja);
	buf_printf(&en, "FY%d", year);
	{
		struct col key[] = { CI("year", year) };
		struct col val[] = { CT("label_ja", ja.ptr), CT("label_en", en.ptr) };

		rc = upsert(st, STMT_FISCAL_YEAR_SELECT, "fiscal_year", key, 1, val, 2, NULL);
	}
	st->counts = keep;
	buf_release(&ja);
	buf_release(&en);
	return rc;
}

int store_followup_put(struct store *st, const struct store_followup *f,
		       long long *id)
{
	struct col key[] = { CI("fiscal_year", f->fiscal_year),
			     CT("row_key", f->row_key) };
	struct col val[] = {
		CI("plan_id", f->plan),
		CREF("action_item_id", f->item, "action_item"),
		CT("match_method", f->match_method),
		CR("match_score", f->match_score),
		CT("vision_text", f->vision_text ? f->vision_text : ""),
		CT("goal_text", f->goal_text ? f->goal_text : ""),
		CT("measure_text", f->measure_text ? f->measure_text : ""),
		CT("item_text", f->item_text),
		CT("item_norm", f->item_norm),
		CT("tag_text", f->tag_text ? f->tag_text : ""),
		CT("results", f->results ? f->results : ""),
		CT("plans", f->plans ? f->plans : ""),
		LOC(&f->loc),
		META_INT("seen_run", st->run),
	};

	/* the match is derived data: a better matcher is not a user edit */
	val[2].meta = val[3].meta = 1;
	return upsert(st, STMT_FOLLOWUP_SELECT, "followup", key, 2, val, (int)MD_ARRAY_SIZE(val), id);
}

int store_followup_sweep(struct store *st, int fiscal_year, long *n)
{
	sqlite3_stmt *s = prep(st, STMT_SWEEP_SELECT, "SELECT id, item_text, results, plans,"
			       " version FROM followup WHERE fiscal_year = ? AND seen_run IS NOT ?");
	long long *ids = NULL;
	long cnt = 0, cap = 0, i;
	int rc = MD_EDB;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int(s, 1, fiscal_year);
	sqlite3_bind_int64(s, 2, st->run);
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(s, 0);
		int k;

		if (cnt == cap) {
			long long *p = realloc(ids, (size_t)(cap = cap ? cap * 2 : 16) *
					       sizeof(*ids));
			if (!p) {
				rc = MD_ENOMEM;
				done(s);
				goto out;
			}
			ids = p;
		}
		ids[cnt++] = id;
		for (k = 1; k <= 3; k++) {
			if (history_add(st, "followup", id,
					sqlite3_column_name(s, k),
					(const char *)sqlite3_column_text(s, k), NULL,
					sqlite3_column_int64(s, 4) + 1)) {
				done(s);
				goto out;
			}
		}
	}
	done(s);
	s = prep(st, STMT_SWEEP_DELETE, "DELETE FROM followup WHERE id = ?");
	if (!s)
		goto out;
	for (i = 0; i < cnt; i++) {
		sqlite3_bind_int64(s, 1, ids[i]);
		if (step_done(st, s, "sweep followup"))
			goto out;
	}
	st->counts.removed += cnt;
	*n = cnt;
	rc = 0;
out:
	free(ids);
	return rc;
}

/* ---- indicators ---- */

/* The id of goal or measure number `no` in the latest plan. */
static int plan_part(struct store *st, enum store_stmt slot, const char *table,
		     int no, long long *id)
{
	struct buf sql = BUF_INIT;
	long long plan;
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	if (!no)
		return 0;
	if ((rc = store_plan_find(st, 0, &plan, NULL)))
		return rc;
	buf_printf(&sql, "SELECT id FROM %s WHERE plan_id = ? AND no = ?", table);
	if (buf_error(&sql) || !(s = prep(st, slot, sql.ptr))) {
		buf_release(&sql);
		return MD_EDB;
	}
	sqlite3_bind_int64(s, 1, plan);
	sqlite3_bind_int(s, 2, no);
	rc = MD_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	}
	done(s);
	if (rc) {
		buf_reset(&st->err);
		buf_printf(&st->err, "there is no %s %d in the plan", table, no);
	}
	buf_release(&sql);
	return rc;
}

int store_indicator_put(struct store *st, const struct store_indicator *d,
			long long *id)
{
	long long goal, measure;
	int rc;

	if ((rc = plan_part(st, STMT_GOAL_BY_NO, "goal", d->goal, &goal)) ||
	    (rc = plan_part(st, STMT_MEASURE_BY_NO, "measure", d->measure, &measure)))
		return rc;
	{
		struct col key[] = { CT("code", d->code) };
		struct col val[] = {
			CT("name_ja", d->name_ja),
			CT("name_en", d->name_en ? d->name_en : ""),
			CT("unit", d->unit),
			CT("unit_en", d->unit_en ? d->unit_en : ""),
			CT("direction", d->direction),
			CT("year_kind", d->year_kind ? d->year_kind : "fiscal"),
			CREF("goal_id", goal, "goal"),
			CREF("measure_id", measure, "measure"),
			{ .name = "baseline_year", .type = d->has_baseline ? V_INT : V_NULL,
			  .i = d->baseline_year },
			{ .name = "baseline_value", .type = d->has_baseline ? V_REAL : V_NULL,
			  .r = d->baseline_value },
			{ .name = "target_year", .type = d->has_target ? V_INT : V_NULL,
			  .i = d->target_year },
			{ .name = "target_value", .type = d->has_target ? V_REAL : V_NULL,
			  .r = d->target_value },
			CT("target_note", d->target_note ? d->target_note : ""),
			CT("source", d->source ? d->source : ""),
			CT("notes", d->notes ? d->notes : ""),
			LOC(&d->loc),
		};

		return upsert(st, STMT_INDICATOR_SELECT, "indicator", key, 1, val,
			      (int)MD_ARRAY_SIZE(val), id);
	}
}

int store_indicator_find(struct store *st, const char *code, long long *id,
			 int *calendar)
{
	sqlite3_stmt *s = prep(st, STMT_INDICATOR_FIND, "SELECT id, year_kind = 'calendar' FROM indicator"
			       " WHERE code = ?");
	int rc = MD_ENOTFOUND;

	if (!s)
		return MD_EDB;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (calendar)
			*calendar = sqlite3_column_int(s, 1);
		rc = 0;
	}
	done(s);
	if (rc) {
		buf_reset(&st->err);
		buf_printf(&st->err, "indicator %s is not defined (define it with "
			   "`mdplan indicator define %s --name … --unit … "
			   "--direction up|down` first)", code, code);
	}
	return rc;
}

int store_indicator_dims(struct store *st, long long id,
			 const char *const *dims, int n)
{
	sqlite3_stmt *s = prep(st, STMT_INDICATOR_DIMS_SELECT, "SELECT breakdowns FROM indicator WHERE id = ?");
	struct buf cur = BUF_INIT;
	size_t was;
	int i, rc = MD_EDB;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		buf_puts(&cur, (const char *)sqlite3_column_text(s, 0));
	done(s);
	was = cur.len;
	for (i = 0; i < n; i++) {
		const char *p = cur.ptr;
		size_t l = strlen(dims[i]);
		int found = 0;

		while (*p) {
			size_t w = strcspn(p, "\x1f");

			if (w == l && !memcmp(p, dims[i], l))
				found = 1;
			p += w + (p[w] != 0);
		}
		if (!found)
			buf_printf(&cur, "%s%s", cur.len ? "\x1f" : "", dims[i]);
	}
	if (buf_error(&cur))
		goto out;
	rc = 0;
	if (cur.len != was) {
		s = prep(st, STMT_INDICATOR_DIMS_UPDATE, "UPDATE indicator SET breakdowns = ? WHERE id = ?");
		if (!s) {
			rc = MD_EDB;
			goto out;
		}
		sqlite3_bind_text(s, 1, cur.ptr, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		rc = step_done(st, s, "indicator breakdowns");
	}
out:
	buf_release(&cur);
	return rc;
}

int store_ivalue_put(struct store *st, const struct store_ivalue *v)
{
	struct col key[] = { CI("indicator_id", v->indicator),
			     CT("breakdown", v->breakdown ? v->breakdown : ""),
			     CI("year", v->year) };
	struct col val[] = {
		{ .name = "value", .type = v->na ? V_NULL : V_REAL, .r = v->value },
		CT("na_reason", v->na ? v->na_reason : ""),
		CT("note", v->note ? v->note : ""),
		CT("source", v->source ? v->source : ""),
		CT("as_of", v->as_of ? v->as_of : ""),
		LOC(&v->loc),
	};

	if (v->na && (!v->na_reason || !*v->na_reason))
		return fail(st, MD_EUSAGE, "a value marked not available needs a reason");
	return upsert(st, STMT_IVALUE_SELECT, "indicator_value", key, 3, val,
		      (int)MD_ARRAY_SIZE(val), NULL);
}

/* ---- programmes (schema 6) ---- */

#define CTE(n, v) CT(n, (v) ? (v) : "")
#define CIN(n, has, v) { .name = (n), .type = (has) ? V_INT : V_NULL, .i = (v) }

int store_programme_put(struct store *st, const struct store_programme *p,
			long long *id)
{
	struct col key[] = { CT("code", p->code) };
	struct col val[] = {
		CT("name_ja", p->name_ja), CTE("name_en", p->name_en),
		CTE("ministry", p->ministry), CTE("division", p->division),
		CTE("parent", p->parent), CTE("predecessor", p->predecessor),
		CTE("successor", p->successor),
		CIN("first_year", p->first_year, p->first_year),
		CIN("last_year", p->last_year, p->last_year),
		CTE("body", p->body), CTE("funding", p->funding),
		CTE("rate", p->rate), CTE("selection", p->selection),
		CTE("purpose", p->purpose), CTE("scheme", p->scheme),
		CTE("notes", p->notes), CTE("source", p->source),
		CTE("evidence", p->evidence), LOC(&p->loc),
	};

	return upsert(st, STMT_PROGRAMME_SELECT, "programme", key, 1, val,
		      (int)MD_ARRAY_SIZE(val), id);
}

int store_programme_find(struct store *st, const char *code, long long *id)
{
	sqlite3_stmt *s = prep(st, STMT_PROGRAMME_FIND,
			       "SELECT id FROM programme WHERE code = ?");
	int rc = MD_ENOTFOUND;

	if (!s)
		return MD_EDB;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	}
	done(s);
	if (rc) {
		buf_reset(&st->err);
		buf_printf(&st->err, "there is no programme %s (import it with "
			   "`mdplan import programmes FILE.csv` first)", code);
	}
	return rc;
}

int store_budget_put(struct store *st, const struct store_budget *b)
{
	struct col key[] = { CI("programme_id", b->programme),
			     CI("fiscal_year", b->fiscal_year), CT("kind", b->kind),
			     CTE("source", b->source) };
	struct col val[] = {
		CTE("kind_as_written", b->kind_as_written),
		CI("amount_yen", b->amount_yen), CT("as_written", b->as_written),
		CI("approx", b->approx), CI("share_of_larger", b->share_of_larger),
		CTE("of_code", b->of_code), CI("multi_year", b->multi_year),
		CI("fund", b->fund), CTE("note", b->note), LOC(&b->loc),
	};

	return upsert(st, STMT_BUDGET_SELECT, "budget", key, 4, val,
		      (int)MD_ARRAY_SIZE(val), NULL);
}

int store_presult_put(struct store *st, const struct store_presult *r)
{
	struct col key[] = { CI("programme_id", r->programme),
			     CIN("year", r->year, r->year), CTE("period", r->period),
			     CT("what", r->what), CTE("source", r->source) };
	struct col val[] = {
		CTE("year_kind", r->year_kind), CT("value", r->value),
		{ .name = "number", .type = r->has_number ? V_REAL : V_NULL,
		  .r = r->number },
		CTE("bound", r->bound), CTE("unit", r->unit), CTE("as_of", r->as_of),
		CTE("note", r->note), LOC(&r->loc),
	};

	return upsert(st, STMT_PRESULT_SELECT, "programme_result", key, 5, val,
		      (int)MD_ARRAY_SIZE(val), NULL);
}

int store_pindicator_put(struct store *st, long long programme,
			 long long indicator, const char *note,
			 const struct store_loc *loc)
{
	struct col key[] = { CI("programme_id", programme),
			     CI("indicator_id", indicator) };
	struct col val[] = { CTE("note", note), LOC(loc) };

	return upsert(st, STMT_PINDICATOR_SELECT, "programme_indicator", key, 2,
		      val, (int)MD_ARRAY_SIZE(val), NULL);
}

int store_hub_put(struct store *st, const struct store_hub *h)
{
	struct col key[] = { CI("programme_id", h->programme), CT("kind", h->kind),
			     CTE("institution", h->institution),
			     CTE("category", h->category),
			     CTE("fiscal_years", h->fiscal_years),
			     CTE("source", h->source) };
	struct col val[] = {
		CTE("stage", h->stage), CIN("count", h->has_count, h->count),
		CTE("budget_per_hub", h->budget_per_hub),
		CIN("budget_per_hub_yen", h->has_budget_yen, h->budget_per_hub_yen),
		CIN("first_year", h->first_year, h->first_year),
		CIN("last_year", h->last_year, h->last_year),
		CTE("as_of", h->as_of), CTE("prefecture", h->prefecture),
		CTE("prefecture_basis", h->prefecture_basis),
		CTE("results", h->results), CTE("note", h->note), LOC(&h->loc),
	};

	return upsert(st, STMT_HUB_SELECT, "hub", key, 6, val,
		      (int)MD_ARRAY_SIZE(val), NULL);
}

int store_plink_put(struct store *st, long long programme, int measure_no,
		    int item_no, const char *status, long long followup,
		    const char *sentence)
{
	long long measure = 0, item = 0;
	int rc;

	if ((rc = plan_part(st, STMT_MEASURE_BY_NO, "measure", measure_no, &measure)) ||
	    (rc = plan_part(st, STMT_ITEM_BY_NO, "action_item", item_no, &item)))
		return rc;
	if (!measure == !item)
		return fail(st, MD_EUSAGE, "a link names a measure or an action item");
	{
		struct col key[] = { CI("programme_id", programme),
				     { .name = "measure_id", .type = measure ? V_INT : V_NULL,
				       .i = measure },
				     { .name = "item_id", .type = item ? V_INT : V_NULL,
				       .i = item } };
		struct col val[] = {
			CT("status", status),
			{ .name = "followup_id", .type = followup ? V_INT : V_NULL,
			  .i = followup, .meta = 1 },
			CTE("sentence", sentence),
		};

		return upsert(st, STMT_PLINK_SELECT, "programme_link", key, 3, val,
			      (int)MD_ARRAY_SIZE(val), NULL);
	}
}

/* ---- a follow-up row's text, for an edit ---- */

int store_followup_get(struct store *st, long long id, struct arena *a,
		       struct store_followup_text *out)
{
	sqlite3_stmt *s = prep(st, STMT_FOLLOWUP_GET, "SELECT version, fiscal_year,"
			       " results, plans FROM followup WHERE id = ?");
	struct store_followup_text x;
	const char *t;
	int step;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	step = sqlite3_step(s);
	if (step != SQLITE_ROW) {
		done(s);
		return step == SQLITE_DONE ?
			fail(st, MD_ENOTFOUND, "there is no such follow-up row") :
			fail(st, MD_EDB, "read follow-up row");
	}
	memset(&x, 0, sizeof(x));
	x.id = id;
	x.version = sqlite3_column_int64(s, 0);
	x.fiscal_year = sqlite3_column_int(s, 1);
	t = (const char *)sqlite3_column_text(s, 2);
	x.results = arena_strdup(a, t ? t : "");
	t = (const char *)sqlite3_column_text(s, 3);
	x.plans = arena_strdup(a, t ? t : "");
	done(s);
	s = prep(st, STMT_FOLLOWUP_GET_MINISTRIES, "SELECT m.code, fm.lead"
		 " FROM followup_ministry fm JOIN ministry m ON m.id = fm.ministry_id"
		 " WHERE fm.followup_id = ? ORDER BY fm.pos");
	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW && x.ministries.n < TEXT_TAG_MAX) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		int m = code ? text_ministry_find(code, strlen(code)) : -1;

		if (m < 0)
			continue;
		x.ministries.ministry[x.ministries.n] = m;
		x.ministries.lead[x.ministries.n++] = sqlite3_column_int(s, 1);
	}
	done(s);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		return fail(st, MD_EDB, "read follow-up ministries");
	if (!x.results || !x.plans)
		return fail(st, MD_ENOMEM, "out of memory");
	*out = x;
	return 0;
}

int store_followup_text_put(struct store *st, long long id,
			    const char *results, const char *plans)
{
	struct col key[] = { CI("id", id) };
	struct col val[] = { CT("results", results), CT("plans", plans) };

	if (!results || !plans)
		return fail(st, MD_EUSAGE, "give both texts");
	return put_row(st, STMT_FOLLOWUP_TEXT_SELECT, "followup", key, 1, val, 2,
		       PUT_UPDATE, NULL);
}

/* ---- a dump of every table, for tests ---- */

static void dump_text(struct buf *b, const char *t)
{
	for (; *t; t++) {
		switch (*t) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_putc(b, *t); break;
		}
	}
}

static void dump_value(struct buf *out, sqlite3_stmt *s, int i)
{
	const unsigned char *blob;
	int k, len;

	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL:
		buf_puts(out, "\\N");
		break;
	case SQLITE_INTEGER:
		buf_printf(out, "%lld", (long long)sqlite3_column_int64(s, i));
		break;
	case SQLITE_FLOAT:
		buf_printf(out, "%.17g", sqlite3_column_double(s, i));
		break;
	case SQLITE_BLOB:
		blob = sqlite3_column_blob(s, i);
		len = sqlite3_column_bytes(s, i);
		buf_puts(out, "x'");
		for (k = 0; k < len; k++)
			buf_printf(out, "%02x", blob[k]);
		buf_putc(out, '\'');
		break;
	default:
		dump_text(out, (const char *)sqlite3_column_text(s, i));
		break;
	}
}

/* Table `name`'s rows, one line each; its own statement (the names are
 * only known at run time, so no slot). */
static int dump_table(struct store *st, const char *name, struct buf *out)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	int i, n, step, rc = MD_EDB;

	buf_printf(&sql, "SELECT * FROM \"%s\"", name);
	if (buf_error(&sql) ||
	    sqlite3_prepare_v2(st->db, sql.ptr, -1, &s, NULL) != SQLITE_OK) {
		fail(st, MD_EDB, name);
		goto out;
	}
	buf_printf(out, "== %s\n", name);
	n = sqlite3_column_count(s);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (i)
				buf_putc(out, '\t');
			dump_value(out, s, i);
		}
		buf_putc(out, '\n');
	}
	if (step != SQLITE_DONE) {
		fail(st, MD_EDB, name);
		goto out;
	}
	rc = buf_error(out);
out:
	sqlite3_finalize(s);
	buf_release(&sql);
	return rc;
}

int store_dump(struct store *st, struct buf *out)
{
	sqlite3_stmt *s = NULL;
	struct buf names = BUF_INIT;
	const char *p;
	int rc = MD_EDB;

	/* the names first: each table is read by a statement of its own */
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_schema WHERE"
			       " type = 'table' AND name NOT LIKE 'sqlite%'"
			       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
			       -1, &s, NULL) != SQLITE_OK)
		return fail(st, MD_EDB, "dump");
	while (sqlite3_step(s) == SQLITE_ROW) {
		buf_puts(&names, (const char *)sqlite3_column_text(s, 0));
		buf_putc(&names, '\n');
	}
	sqlite3_finalize(s);
	if (buf_error(&names))
		goto out;
	buf_printf(out, "user_version %d\n", store_schema_version(st));
	for (p = names.ptr; *p; ) {
		size_t l = strcspn(p, "\n");
		char name[256];

		if (l >= sizeof(name))
			goto out;
		memcpy(name, p, l);
		name[l] = 0;
		if ((rc = dump_table(st, name, out)))
			goto out;
		rc = MD_EDB;
		p += l + 1;
	}
	rc = buf_error(out);
out:
	buf_release(&names);
	return rc;
}
