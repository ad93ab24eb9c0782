/*
 * The tables of src/auth: accounts, roles and ministries, sessions, login
 * throttling and the hash-chained audit trail. No policy here (store.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../crypto/crypto.h"
#include "store_int.h"

static const char *const role_names[] = STORE_ROLE_NAMES;

static void done(struct store *st, enum store_stmt id, sqlite3_stmt *s)
{
	store_stmt_done_(st, id, s);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Runs a statement that returns no rows; *changes (may be NULL) gets the
 * rows it changed. */
static int exec_stmt(struct store *st, enum store_stmt id, sqlite3_stmt *s,
		     const char *what, long *changes)
{
	int rc = 0;

	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail_(st, MD_EDB, what);
	else if (changes)
		*changes = (long)sqlite3_changes(store_db_(st));
	done(st, id, s);
	return rc;
}

int store_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(store_db_(st));
}

/* ---- accounts ---- */

int store_account_insert(struct store *st, const struct store_account *a,
			 long long now, long long *id)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_ACCOUNT_INSERT,
		"INSERT INTO account(name, display, email, disabled, pwhash, created,"
		" changed, pw_changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)");
	int step;

	if (!s)
		return MD_EDB;
	bind_text(s, 1, a->name);
	bind_text(s, 2, a->display ? a->display : "");
	bind_text(s, 3, a->email ? a->email : "");
	sqlite3_bind_int(s, 4, a->disabled != 0);
	bind_text(s, 5, a->pwhash);
	sqlite3_bind_int64(s, 6, now);
	step = sqlite3_step(s);
	done(st, STMT_ACCOUNT_INSERT, s);
	if (step == SQLITE_CONSTRAINT_UNIQUE || step == SQLITE_CONSTRAINT_PRIMARYKEY)
		return store_fail_(st, MD_ECONFLICT, "an account of that name exists");
	if (step != SQLITE_DONE)
		return store_fail_(st, MD_EDB, "insert account");
	*id = sqlite3_last_insert_rowid(store_db_(st));
	return 0;
}

int store_account_update(struct store *st, long long id, unsigned fields,
			 const struct store_account *a, long long now)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_ACCOUNT_UPDATE,
		"UPDATE account SET"
		" display = CASE WHEN ?2 THEN ?3 ELSE display END,"
		" email = CASE WHEN ?4 THEN ?5 ELSE email END,"
		" disabled = CASE WHEN ?6 THEN ?7 ELSE disabled END,"
		" pwhash = CASE WHEN ?8 THEN ?9 ELSE pwhash END,"
		" pw_changed = CASE WHEN ?8 THEN ?10 ELSE pw_changed END,"
		" changed = ?10 WHERE id = ?1");
	long n = 0;
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, !!(fields & STORE_ACCOUNT_DISPLAY));
	bind_text(s, 3, a->display ? a->display : "");
	sqlite3_bind_int(s, 4, !!(fields & STORE_ACCOUNT_EMAIL));
	bind_text(s, 5, a->email ? a->email : "");
	sqlite3_bind_int(s, 6, !!(fields & STORE_ACCOUNT_DISABLED));
	sqlite3_bind_int(s, 7, a->disabled != 0);
	sqlite3_bind_int(s, 8, !!(fields & STORE_ACCOUNT_PWHASH));
	bind_text(s, 9, (fields & STORE_ACCOUNT_PWHASH) && a->pwhash ? a->pwhash : "");
	sqlite3_bind_int64(s, 10, now);
	if ((fields & STORE_ACCOUNT_PWHASH) && (!a->pwhash || !*a->pwhash)) {
		done(st, STMT_ACCOUNT_UPDATE, s);
		return store_fail_(st, MD_EUSAGE, "empty password hash");
	}
	if ((rc = exec_stmt(st, STMT_ACCOUNT_UPDATE, s, "update account", &n)))
		return rc;
	return n ? 0 : store_fail_(st, MD_ENOTFOUND, "no such account");
}

int store_account_pwhash(struct store *st, const char *name, long long *id,
			 int *disabled, struct buf *hash)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_ACCOUNT_PWHASH,
		"SELECT id, disabled, pwhash FROM account WHERE name = ?");
	int rc = MD_ENOTFOUND, step;

	if (!s)
		return MD_EDB;
	bind_text(s, 1, name);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*disabled = sqlite3_column_int(s, 1);
		rc = buf_puts(hash, (const char *)sqlite3_column_text(s, 2));
	} else if (step != SQLITE_DONE) {
		rc = store_fail_(st, MD_EDB, "read account");
	} else {
		store_fail_(st, MD_ENOTFOUND, "no such account");
	}
	done(st, STMT_ACCOUNT_PWHASH, s);
	return rc;
}

static int known_role(const char *r)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(role_names); i++) {
		if (!strcmp(r, role_names[i]))
			return 1;
	}
	return 0;
}

int store_account_roles(struct store *st, long long id,
			const char *const *roles, int nroles,
			const char *const *ministries, int nministries)
{
	sqlite3_stmt *s;
	long n = 0;
	int i, rc;

	for (i = 0; i < nroles; i++) {
		if (!known_role(roles[i]))
			return store_fail_(st, MD_EINPUT, "unknown role");
	}
	if (!(s = store_stmt_(st, STMT_ACCOUNT_ROLES_DELETE,
			      "DELETE FROM account_role WHERE account_id = ?")))
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = exec_stmt(st, STMT_ACCOUNT_ROLES_DELETE, s, "roles", NULL)))
		return rc;
	if (!(s = store_stmt_(st, STMT_ACCOUNT_MINISTRIES_DELETE,
			      "DELETE FROM account_ministry WHERE account_id = ?")))
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = exec_stmt(st, STMT_ACCOUNT_MINISTRIES_DELETE, s, "ministries", NULL)))
		return rc;
	for (i = 0; i < nroles; i++) {
		if (!(s = store_stmt_(st, STMT_ACCOUNT_ROLE_INSERT,
				      "INSERT OR IGNORE INTO account_role(account_id, role)"
				      " VALUES (?, ?)")))
			return MD_EDB;
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, roles[i]);
		if ((rc = exec_stmt(st, STMT_ACCOUNT_ROLE_INSERT, s, "role", NULL)))
			return rc;
	}
	for (i = 0; i < nministries; i++) {
		if (!(s = store_stmt_(st, STMT_ACCOUNT_MINISTRY_INSERT,
				      "INSERT OR IGNORE INTO account_ministry(account_id, ministry_id)"
				      " SELECT ?, id FROM ministry WHERE code = ?")))
			return MD_EDB;
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, ministries[i]);
		n = 0;
		if ((rc = exec_stmt(st, STMT_ACCOUNT_MINISTRY_INSERT, s, "ministry", &n)))
			return rc;
		if (!n) {
			int k;

			/* 0 changes: unknown, or given twice (that is fine) */
			for (k = 0; k < i && strcmp(ministries[k], ministries[i]); k++)
				;
			if (k == i)
				return store_fail_(st, MD_EINPUT, "unknown ministry code");
		}
	}
	return 0;
}

/* ---- sessions ---- */

int store_session_insert(struct store *st, const struct store_session_new *n,
			 long long *id)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_SESSION_INSERT,
		"INSERT INTO session(token_hash, account_id, csrf, created, last_seen,"
		" expires, address, user_agent) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)");
	int rc;

	if (!s)
		return MD_EDB;
	bind_text(s, 1, n->token_hash);
	sqlite3_bind_int64(s, 2, n->account);
	bind_text(s, 3, n->csrf);
	sqlite3_bind_int64(s, 4, n->created);
	sqlite3_bind_int64(s, 5, n->expires);
	bind_text(s, 6, n->address ? n->address : "");
	bind_text(s, 7, n->user_agent ? n->user_agent : "");
	if ((rc = exec_stmt(st, STMT_SESSION_INSERT, s, "insert session", NULL)))
		return rc;
	*id = sqlite3_last_insert_rowid(store_db_(st));
	return 0;
}

int store_session_touch(struct store *st, long long id, long long now)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_SESSION_TOUCH,
		"UPDATE session SET last_seen = ?2 WHERE id = ?1 AND revoked IS NULL"
		" AND last_seen < ?2");

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	return exec_stmt(st, STMT_SESSION_TOUCH, s, "touch session", NULL);
}

int store_session_revoke(struct store *st, long long id, long long account,
			 long long now, const char *reason)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_SESSION_REVOKE,
		"UPDATE session SET revoked = ?3, revoke_reason = ?4"
		" WHERE id = ?1 AND revoked IS NULL AND (?2 = 0 OR account_id = ?2)");
	long n = 0;
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, account);
	sqlite3_bind_int64(s, 3, now);
	bind_text(s, 4, reason ? reason : "");
	if ((rc = exec_stmt(st, STMT_SESSION_REVOKE, s, "revoke session", &n)))
		return rc;
	return n ? 0 : store_fail_(st, MD_ENOTFOUND, "no such session");
}

int store_session_revoke_all(struct store *st, long long account, long long keep,
			     long long now, const char *reason, long *n)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_SESSION_REVOKE_ALL,
		"UPDATE session SET revoked = ?3, revoke_reason = ?4"
		" WHERE account_id = ?1 AND revoked IS NULL AND id <> ?2");
	long changed = 0;
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, account);
	sqlite3_bind_int64(s, 2, keep);
	sqlite3_bind_int64(s, 3, now);
	bind_text(s, 4, reason ? reason : "");
	rc = exec_stmt(st, STMT_SESSION_REVOKE_ALL, s, "revoke sessions", &changed);
	if (!rc && n)
		*n = changed;
	return rc;
}

int store_session_purge(struct store *st, long long before, long *n)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_SESSION_PURGE,
		"DELETE FROM session WHERE expires < ?1 OR revoked < ?1");
	long changed = 0;
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, before);
	rc = exec_stmt(st, STMT_SESSION_PURGE, s, "purge sessions", &changed);
	if (!rc && n)
		*n = changed;
	return rc;
}

/* ---- login throttling ---- */

int store_throttle_get(struct store *st, const char *key, struct store_throttle *t)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_THROTTLE_GET,
		"SELECT failures, locks, last_failure, locked_until FROM login_throttle"
		" WHERE key = ?");
	int step, rc = 0;

	memset(t, 0, sizeof(*t));
	if (!s)
		return MD_EDB;
	bind_text(s, 1, key);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		t->failures = (long)sqlite3_column_int64(s, 0);
		t->locks = (long)sqlite3_column_int64(s, 1);
		t->last_failure = sqlite3_column_int64(s, 2);
		t->locked_until = sqlite3_column_int64(s, 3);
	} else if (step != SQLITE_DONE) {
		rc = store_fail_(st, MD_EDB, "read login throttle");
	}
	done(st, STMT_THROTTLE_GET, s);
	return rc;
}

int store_throttle_put(struct store *st, const char *key, const struct store_throttle *t)
{
	sqlite3_stmt *s;

	if (!t->failures && !t->locks && !t->last_failure && !t->locked_until) {
		if (!(s = store_stmt_(st, STMT_THROTTLE_DELETE,
				      "DELETE FROM login_throttle WHERE key = ?")))
			return MD_EDB;
		bind_text(s, 1, key);
		return exec_stmt(st, STMT_THROTTLE_DELETE, s, "login throttle", NULL);
	}
	if (!(s = store_stmt_(st, STMT_THROTTLE_PUT,
			      "INSERT OR REPLACE INTO login_throttle(key, failures, locks,"
			      " last_failure, locked_until) VALUES (?, ?, ?, ?, ?)")))
		return MD_EDB;
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, t->failures);
	sqlite3_bind_int64(s, 3, t->locks);
	sqlite3_bind_int64(s, 4, t->last_failure);
	sqlite3_bind_int64(s, 5, t->locked_until);
	return exec_stmt(st, STMT_THROTTLE_PUT, s, "login throttle", NULL);
}

int store_throttle_purge(struct store *st, long long before, long *n)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_THROTTLE_PURGE,
		"DELETE FROM login_throttle WHERE last_failure < ?1 AND locked_until < ?1");
	long changed = 0;
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, before);
	rc = exec_stmt(st, STMT_THROTTLE_PURGE, s, "purge login throttle", &changed);
	if (!rc && n)
		*n = changed;
	return rc;
}

/* ---- the audit trail ---- */

static const char zero_hash[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void hash_field(struct crypto_sha256_ctx *c, const char *v)
{
	char len[32];
	int k;

	if (!v) {
		crypto_sha256_update(c, "-\n", 2);
		return;
	}
	k = snprintf(len, sizeof(len), "%zu:", strlen(v));
	crypto_sha256_update(c, len, (size_t)k);
	crypto_sha256_update(c, v, strlen(v));
	crypto_sha256_update(c, "\n", 1);
}

/* The entry's hash as store.h describes it, appended to out. */
static int entry_hash(long long seq, const char *time, const char *actor,
		      const char *address, const char *action, const char *target,
		      const char *before, const char *after, const char *request_id,
		      const char *prev, struct buf *out)
{
	struct crypto_sha256_ctx c;
	char n[32];

	if (crypto_sha256_init(&c))
		return MD_EUSAGE;
	crypto_sha256_update(&c, "mdplan-audit-1\n", 15);
	snprintf(n, sizeof(n), "%lld", seq);
	hash_field(&c, n);
	hash_field(&c, time);
	hash_field(&c, actor);
	hash_field(&c, address);
	hash_field(&c, action);
	hash_field(&c, target);
	hash_field(&c, before);
	hash_field(&c, after);
	hash_field(&c, request_id);
	hash_field(&c, prev);
	return crypto_sha256_final_hex(&c, out);
}

/* A before/after text as stored: itself, or its digest when long. */
static const char *audit_text(const char *v, struct buf *tmp)
{
	size_t n;

	if (!v || (n = strlen(v)) <= STORE_AUDIT_TEXT_MAX)
		return v;
	buf_reset(tmp);
	buf_puts(tmp, "sha256:");
	crypto_sha256_hex(v, n, tmp);
	buf_printf(tmp, " (%zu bytes)", n);
	return buf_error(tmp) ? NULL : tmp->ptr;
}

/* The seq and hash the next entry follows: the head, else (no head yet)
 * the last entry, else nothing (0 and zeros). Following the head, not the
 * last row, keeps a deletion of the newest entries visible. */
static int audit_tip(struct store *st, long long *seq, struct buf *hash)
{
	sqlite3_stmt *s;
	int step, rc = 0, found = 0;

	if (!(s = store_stmt_(st, STMT_AUDIT_HEAD, "SELECT seq, hash FROM audit_head WHERE id = 1")))
		return MD_EDB;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*seq = sqlite3_column_int64(s, 0);
		rc = buf_puts(hash, (const char *)sqlite3_column_text(s, 1));
		found = 1;
	} else if (step != SQLITE_DONE) {
		rc = store_fail_(st, MD_EDB, "read audit head");
	}
	done(st, STMT_AUDIT_HEAD, s);
	if (rc || found)
		return rc;
	if (!(s = store_stmt_(st, STMT_AUDIT_LAST,
			      "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")))
		return MD_EDB;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*seq = sqlite3_column_int64(s, 0);
		rc = buf_puts(hash, (const char *)sqlite3_column_text(s, 1));
	} else if (step == SQLITE_DONE) {
		*seq = 0;
		rc = buf_puts(hash, zero_hash);
	} else {
		rc = store_fail_(st, MD_EDB, "read audit trail");
	}
	done(st, STMT_AUDIT_LAST, s);
	return rc;
}

static int iso_time(long long t, char out[32])
{
	time_t tt = (time_t)(t ? t : (long long)time(NULL));
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return MD_EINPUT;
	return 0;
}

int store_audit_append(struct store *st, const struct store_audit *e, long long *seq_out)
{
	struct buf prev = BUF_INIT, hash = BUF_INIT, tb = BUF_INIT, ta = BUF_INIT;
	const char *before, *after;
	sqlite3_stmt *s;
	char when[32];
	long long seq = 0;
	int rc;

	if (!store_in_transaction(st))
		return store_fail_(st, MD_EUSAGE, "audit entry outside a transaction");
	if (!e->actor || !*e->actor || !e->action || !*e->action)
		return store_fail_(st, MD_EUSAGE, "audit entry without actor or action");
	if (iso_time(e->time, when))
		return store_fail_(st, MD_EUSAGE, "audit entry with a bad time");
	if ((rc = audit_tip(st, &seq, &prev)))
		goto out;
	seq++;
	before = audit_text(e->before, &tb);
	after = audit_text(e->after, &ta);
	rc = MD_ENOMEM;
	if (buf_error(&tb) || buf_error(&ta) ||
	    entry_hash(seq, when, e->actor, e->address ? e->address : "", e->action,
		       e->target ? e->target : "", before, after,
		       e->request_id ? e->request_id : "", prev.ptr, &hash) ||
	    buf_error(&hash)) {
		store_fail_(st, rc, "audit entry");
		goto out;
	}
	rc = MD_EDB;
	if (!(s = store_stmt_(st, STMT_AUDIT_INSERT,
			      "INSERT INTO audit(seq, time, actor, address, action, target,"
			      " before_text, after_text, request_id, prev_hash, hash)"
			      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
		goto out;
	sqlite3_bind_int64(s, 1, seq);
	bind_text(s, 2, when);
	bind_text(s, 3, e->actor);
	bind_text(s, 4, e->address ? e->address : "");
	bind_text(s, 5, e->action);
	bind_text(s, 6, e->target ? e->target : "");
	bind_text(s, 7, before);
	bind_text(s, 8, after);
	bind_text(s, 9, e->request_id ? e->request_id : "");
	bind_text(s, 10, prev.ptr);
	bind_text(s, 11, hash.ptr);
	if ((rc = exec_stmt(st, STMT_AUDIT_INSERT, s, "append audit entry", NULL)))
		goto out;
	rc = MD_EDB;
	if (!(s = store_stmt_(st, STMT_AUDIT_HEAD_PUT,
			      "INSERT OR REPLACE INTO audit_head(id, seq, hash) VALUES (1, ?, ?)")))
		goto out;
	sqlite3_bind_int64(s, 1, seq);
	bind_text(s, 2, hash.ptr);
	if ((rc = exec_stmt(st, STMT_AUDIT_HEAD_PUT, s, "audit head", NULL)))
		goto out;
	if (seq_out)
		*seq_out = seq;
	rc = 0;
out:
	buf_release(&prev);
	buf_release(&hash);
	buf_release(&tb);
	buf_release(&ta);
	return rc;
}

struct verify {
	struct store_audit_check *r;
	struct buf *why;
	struct buf prev;         /* the previous entry's hash */
	struct buf got;
	long long last;          /* its seq */
};

static void name_entry(struct buf *why, const struct store_audit_row *e)
{
	buf_printf(why, "entry %lld (%s %s %s)", e->seq, e->time, e->actor, e->action);
}

static int verify_row(void *ctx, const struct store_audit_row *e)
{
	struct verify *v = ctx;

	v->r->entries++;
	if (e->seq != v->last + 1) {
		v->r->bad = v->last + 1;
		if (e->seq > v->last + 1)
			buf_printf(v->why, "entry %lld is missing (deleted): ", v->last + 1);
		else
			buf_printf(v->why, "entry %lld is out of order: ", e->seq);
		name_entry(v->why, e);
		buf_printf(v->why, " follows entry %lld", v->last);
		return 1;
	}
	if (!crypto_str_equal(e->prev_hash, v->prev.ptr)) {
		v->r->bad = e->seq;
		name_entry(v->why, e);
		buf_printf(v->why, " does not link to entry %lld: its previous-entry hash"
			   " differs (an entry before it was edited, removed or moved)", v->last);
		return 1;
	}
	buf_reset(&v->got);
	if (entry_hash(e->seq, e->time, e->actor, e->address, e->action, e->target,
		       e->null.before ? NULL : e->before, e->null.after ? NULL : e->after,
		       e->request_id, e->prev_hash, &v->got) || buf_error(&v->got))
		return MD_ENOMEM;
	if (!crypto_str_equal(e->hash, v->got.ptr)) {
		v->r->bad = e->seq;
		name_entry(v->why, e);
		buf_puts(v->why, " does not match its hash: it was edited or moved");
		return 1;
	}
	buf_reset(&v->prev);
	buf_puts(&v->prev, e->hash);
	v->last = e->seq;
	return buf_error(&v->prev) ? MD_ENOMEM : 0;
}

int store_audit_verify(struct store *st, struct store_audit_check *r, struct buf *why)
{
	struct verify v = { r, why, BUF_INIT, BUF_INIT, 0 };
	sqlite3_stmt *s;
	long long head_seq = 0;
	int rc, step, have_head = 0, same_head = 0;

	memset(r, 0, sizeof(*r));
	buf_puts(&v.prev, zero_hash);
	rc = store_each_audit(st, NULL, verify_row, &v);
	if (rc < 0)
		goto out;
	rc = 0;
	snprintf(r->head, sizeof(r->head), "%s", v.last ? v.prev.ptr : "");
	if (r->bad)
		goto out;
	rc = MD_EDB;
	if (!(s = store_stmt_(st, STMT_AUDIT_HEAD, "SELECT seq, hash FROM audit_head WHERE id = 1")))
		goto out;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		have_head = 1;
		head_seq = sqlite3_column_int64(s, 0);
		same_head = crypto_str_equal((const char *)sqlite3_column_text(s, 1), v.prev.ptr);
	}
	done(st, STMT_AUDIT_HEAD, s);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail_(st, MD_EDB, "read audit head");
		goto out;
	}
	rc = 0;
	if (!have_head && v.last) {
		r->bad = v.last;
		buf_printf(why, "the trail's head is missing: entries after %lld may have"
			   " been deleted", v.last);
	} else if (have_head && head_seq > v.last) {
		r->bad = v.last + 1;
		buf_printf(why, "entries %lld to %lld are missing (deleted): the trail's head"
			   " is entry %lld", v.last + 1, head_seq, head_seq);
	} else if (have_head && head_seq < v.last) {
		r->bad = head_seq + 1;
		buf_printf(why, "entry %lld was added outside mdplan: the trail's head is"
			   " entry %lld", head_seq + 1, head_seq);
	} else if (have_head && !same_head) {
		r->bad = v.last;
		buf_printf(why, "entry %lld does not match the trail's head", v.last);
	}
out:
	buf_release(&v.prev);
	buf_release(&v.got);
	return rc;
}

int store_audit_time_ok(const char *s)
{
	static const char day[] = "dddd-dd-dd", full[] = "dddd-dd-ddTdd:dd:ddZ";
	const char *shape;
	size_t i;

	if (!s)
		return 0;
	shape = strlen(s) == strlen(day) ? day : full;
	if (strlen(s) != strlen(shape))
		return 0;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	}
	return 1;
}
