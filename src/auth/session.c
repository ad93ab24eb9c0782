/*
 * Sessions, logins and login throttling.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define SWEEP_AFTER (30LL * 24 * 3600)
#define KEY_NAME_MAX 64

/* ---- throttling ---- */

/* "account:NAME" for what was typed (ASCII folded); one key for every
 * name that cannot be an account, so junk names lock nothing real. */
static void account_key(const char *typed, struct buf *name, struct buf *key)
{
	size_t i, n = typed ? strlen(typed) : 0;
	int valid = n >= 1 && n <= KEY_NAME_MAX;

	buf_reset(name);
	for (i = 0; valid && i < n; i++) {
		int c = (unsigned char)typed[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-'))
			valid = 0;
		buf_putc(name, c);
	}
	if (!valid) {
		buf_reset(name);
		buf_puts(name, "(invalid)");
	}
	buf_reset(key);
	buf_printf(key, "account:%s", name->ptr);
}

/* "address:A": IPv4 as it is, IPv6 by its /64 (one host has a whole
 * /64), anything else as given (at most 64 bytes); "" for no address. */
static void address_key(const char *addr, struct buf *key)
{
	unsigned char v6[16];
	struct in_addr v4;
	char text[INET6_ADDRSTRLEN];

	buf_reset(key);
	if (!addr || !*addr)
		return;
	if (inet_pton(AF_INET, addr, &v4) == 1) {
		buf_printf(key, "address:%s", addr);
	} else if (inet_pton(AF_INET6, addr, v6) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (!memcmp(v6, mapped, sizeof(mapped))) {
			memcpy(&v4, v6 + 12, 4);
			buf_printf(key, "address:%s", inet_ntop(AF_INET, &v4, text, sizeof(text)));
		} else {
			memset(v6 + 8, 0, 8);
			buf_printf(key, "address:%s/64", inet_ntop(AF_INET6, v6, text, sizeof(text)));
		}
	} else {
		buf_printf(key, "address:%.64s", addr);
	}
}

static void forget_old(struct store_throttle *t, const struct auth_throttle_rule *r,
		       long long now)
{
	if (t->last_failure && now - t->last_failure >= r->forget && t->locked_until <= now)
		memset(t, 0, sizeof(*t));
}

/* The wait after n consecutive failures. */
static long long delay_of(const struct auth_throttle_rule *r, long n)
{
	long long d = r->delay;
	long k;

	if (n <= r->free)
		return 0;
	for (k = n - r->free - 1; k > 0 && d < r->max_delay; k--)
		d *= 2;
	return d < r->max_delay ? d : r->max_delay;
}

static long long lock_len(const struct auth_throttle_rule *r, long locks)
{
	long long d = r->lock;
	long k;

	for (k = locks - 1; k > 0 && d < r->max_lock; k--)
		d *= 2;
	return d < r->max_lock ? d : r->max_lock;
}

/* Seconds until the key may try again; 0: now. */
static long long wait_of(const struct store_throttle *t, const struct auth_throttle_rule *r,
			 long long now)
{
	long long w = t->locked_until > now ? t->locked_until - now : 0;
	long long d = t->last_failure ? t->last_failure + delay_of(r, t->failures) - now : 0;

	return d > w ? d : w;
}

struct keys {
	struct buf name;      /* the typed name, folded ("(invalid)" if it cannot be one) */
	struct buf acct;      /* its throttle key */
	struct buf addr;      /* the address's key, "" for none */
	struct buf target;    /* "user:NAME" */
};

static void keys_make(struct keys *k, const char *name, const struct auth_ctx *c)
{
	account_key(name, &k->name, &k->acct);
	address_key(c ? c->address : NULL, &k->addr);
	buf_printf(&k->target, "user:%s", k->name.ptr);
}

static void keys_release(struct keys *k)
{
	buf_release(&k->name);
	buf_release(&k->acct);
	buf_release(&k->addr);
	buf_release(&k->target);
}

/* Reads a key's state (fresh: old failures forgotten); an empty key is
 * all zeros. */
static int throttle_read(struct auth *a, const struct buf *key,
			 const struct auth_throttle_rule *r, long long now,
			 struct store_throttle *t)
{
	memset(t, 0, sizeof(*t));
	if (!key->len)
		return 0;
	if (store_throttle_get(a->st, key->ptr, t))
		return auth_store_fail(a, MD_EDB);
	forget_old(t, r, now);
	return 0;
}

static int throttle_write(struct auth *a, const struct buf *key, const struct store_throttle *t)
{
	if (!key->len)
		return 0;
	return store_throttle_put(a->st, key->ptr, t) ? auth_store_fail(a, MD_EDB) : 0;
}

/* A failure that reached the lock: lock the key and say so in the trail. */
static int maybe_lock(struct auth *a, const struct auth_ctx *c, const struct buf *key,
		      const char *target, struct store_throttle *t,
		      const struct auth_throttle_rule *r, long long now)
{
	char after[96];

	if (!key->len || t->failures < r->lock_after || t->locked_until > now)
		return 0;
	t->locks++;
	t->locked_until = now + lock_len(r, t->locks);
	snprintf(after, sizeof(after), "failures=%ld\nlocked for=%llds", t->failures,
		 t->locked_until - now);
	return auth_audit_in(a, c, "anonymous", "login.lock", target, NULL, after);
}

/* ---- sessions ---- */

static int live(const struct auth *a, const struct store_session_row *s, long long now)
{
	return s->null.revoked && now < s->expires &&
		now < s->last_seen + a->cfg.idle_timeout;
}

static void session_from_row(const struct auth *a, const struct store_session_row *r,
			     long long now, struct auth_session *s)
{
	memset(s, 0, sizeof(*s));
	s->id = r->id;
	s->csrf = r->csrf;
	s->created = r->created;
	s->last_seen = r->last_seen;
	s->expires = r->expires;
	s->idle_expires = r->last_seen + a->cfg.idle_timeout;
	if (s->idle_expires > s->expires)
		s->idle_expires = s->expires;
	s->address = r->address;
	s->user_agent = r->user_agent;
	s->revoked = r->null.revoked ? 0 : r->revoked;
	s->revoke_reason = r->revoke_reason;
	s->live = live(a, r, now);
}

/* The session row whose token hashes to hash (NULL row when none). */
static int find_by_hash(struct auth *a, const char *hash, struct arena *ar,
			struct store_session_row **row)
{
	struct store_filter f;
	struct store_session_row *rows = NULL;
	int n = 0, rc;

	memset(&f, 0, sizeof(f));
	f.token = hash;
	*row = NULL;
	if ((rc = store_load_session(a->st, &f, ar, &rows, &n)))
		return auth_store_fail(a, rc);
	/* the index found it by equality; compare again in constant time */
	if (n == 1 && crypto_str_equal(rows[0].token_hash, hash))
		*row = &rows[0];
	return 0;
}

static int token_hash(const char *token, struct buf *hash)
{
	buf_reset(hash);
	return crypto_sha256_hex(token, strlen(token), hash) || buf_error(hash) ? MD_ENOMEM : 0;
}

/* auth_session_lookup(), or with touch set auth_session_peek(): then
 * nothing is written, and *touch says the use is due to be. */
static int session_find(struct auth *a, const char *token, struct arena *ar,
			struct auth_session *out, int *touch)
{
	struct buf hash = BUF_INIT;
	struct store_session_row *r;
	struct auth_user u;
	long long now = auth_now(a);
	int own, rc;

	auth_clear(a);
	if (!token || !crypto_token_shape(token, strlen(token)))
		return MD_ENOTFOUND;
	if ((rc = token_hash(token, &hash)) || (rc = find_by_hash(a, hash.ptr, ar, &r)))
		goto out;
	rc = MD_ENOTFOUND;
	if (!r || !live(a, r, now))
		goto out;
	if ((rc = auth_user_read(a, r->account, ar, &u)))
		goto out;
	rc = MD_ENOTFOUND;
	if (u.disabled)
		goto out;
	if (touch)
		*touch = now - r->last_seen >= a->cfg.touch_interval;
	if (!touch && now - r->last_seen >= a->cfg.touch_interval) {
		if ((rc = auth_tx_begin(a, &own)))
			goto out;
		rc = store_session_touch(a->st, r->id, now) ? auth_store_fail(a, MD_EDB) : 0;
		if ((rc = auth_tx_end(a, own, rc)))
			goto out;
		r->last_seen = now;
	}
	session_from_row(a, r, now, out);
	out->user = u;
	rc = 0;
out:
	buf_release(&hash);
	return rc;
}

int auth_session_lookup(struct auth *a, const char *token, struct arena *ar,
			struct auth_session *out)
{
	return session_find(a, token, ar, out, NULL);
}

int auth_session_peek(struct auth *a, const char *token, struct arena *ar,
		      struct auth_session *out, int *touch)
{
	*touch = 0;
	return session_find(a, token, ar, out, touch);
}

int auth_csrf_ok(const struct auth_session *s, const char *token)
{
	return s && s->csrf && *s->csrf && token && crypto_str_equal(s->csrf, token);
}

int auth_sessions_list(struct auth *a, const char *name, struct arena *ar,
		       struct auth_session **out, int *n)
{
	struct store_filter f;
	struct store_session_row *rows = NULL;
	struct auth_session *s = NULL;
	struct auth_user u;
	long long now = auth_now(a);
	int k = 0, i, rc;

	auth_clear(a);
	if ((rc = auth_user_read(a, name, ar, &u)))
		return rc == MD_ENOTFOUND ? auth_fail_why(a, rc, AUTH_WHY_NO_USER, "name",
							  "no account called %s",
							  name ? name : "") : rc;
	memset(&f, 0, sizeof(f));
	f.name = name;
	if ((rc = store_load_session(a->st, &f, ar, &rows, &k)))
		return auth_store_fail(a, rc);
	if (k && !(s = arena_alloc(ar, (size_t)k * sizeof(*s))))
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	for (i = 0; i < k; i++) {
		session_from_row(a, &rows[i], now, &s[i]);
		s[i].user = u;
	}
	*out = s;
	*n = k;
	return 0;
}

/* Ends a live session of the account (its row given) and audits it. */
static int end_session(struct auth *a, const struct auth_ctx *c, const char *actor,
		       const char *action, const char *reason, long long id,
		       const char *account)
{
	char target[64], before[96];
	int rc;

	if ((rc = store_session_revoke(a->st, id, 0, auth_now(a), reason)))
		return rc == MD_ENOTFOUND ? auth_fail_why(a, rc, AUTH_WHY_NO_SESSION, "session",
							  "no such session") :
			auth_store_fail(a, rc);
	snprintf(target, sizeof(target), "session:%lld", id);
	snprintf(before, sizeof(before), "user=%.64s", account);
	return auth_audit_in(a, c, actor, action, target, before, NULL);
}

int auth_session_revoke(struct auth *a, const struct auth_ctx *c,
			const char *name, long long id)
{
	struct store_filter f;
	struct store_session_row *rows = NULL;
	struct buf actor = BUF_INIT;
	struct arena *ar = arena_new();
	int n = 0, own = 0, rc;

	auth_clear(a);
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_OWN_ACCOUNT, name)))
		goto out;
	memset(&f, 0, sizeof(f));
	f.name = name;
	f.id = id;
	rc = MD_ENOTFOUND;
	if (id <= 0 || !name) {
		auth_fail_why(a, rc, AUTH_WHY_NO_SESSION, "session", "no such session");
		goto out;
	}
	if ((rc = store_load_session(a->st, &f, ar, &rows, &n))) {
		auth_store_fail(a, rc);
		goto out;
	}
	rc = MD_ENOTFOUND;
	if (n != 1 || !live(a, &rows[0], auth_now(a))) {
		auth_fail_why(a, rc, AUTH_WHY_NO_SESSION, "session", "%s has no live session %lld",
			      name, id);
		goto out;
	}
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	rc = end_session(a, c, auth_actor_text(c, &actor), "session.revoke", "revoked", id, name);
	rc = auth_tx_end(a, own, rc);
out:
	arena_free(ar);
	buf_release(&actor);
	return rc;
}

int auth_sessions_revoke_all(struct auth *a, const struct auth_ctx *c,
			     const char *name, long *n)
{
	struct buf actor = BUF_INIT;
	struct auth_session *s = NULL;
	struct arena *ar = arena_new();
	long ended = 0;
	int k = 0, i, own = 0, rc;

	auth_clear(a);
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_OWN_ACCOUNT, name)) ||
	    (rc = auth_sessions_list(a, name, ar, &s, &k)))
		goto out;
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	auth_actor_text(c, &actor);
	for (i = 0; !rc && i < k; i++) {
		if (!s[i].live)
			continue;
		rc = end_session(a, c, actor.ptr, "session.revoke", "revoked", s[i].id, name);
		ended++;
	}
	rc = auth_tx_end(a, own, rc);
	if (!rc && n)
		*n = ended;
out:
	arena_free(ar);
	buf_release(&actor);
	return rc;
}

int auth_logout(struct auth *a, const struct auth_ctx *c, const char *token)
{
	struct buf hash = BUF_INIT, actor = BUF_INIT;
	struct store_session_row *r;
	struct arena *ar = arena_new();
	int own = 0, rc;

	auth_clear(a);
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	rc = MD_ENOTFOUND;
	if (!token || !crypto_token_shape(token, strlen(token)))
		goto out;
	if ((rc = token_hash(token, &hash)) || (rc = find_by_hash(a, hash.ptr, ar, &r)))
		goto out;
	rc = MD_ENOTFOUND;
	if (!r || !live(a, r, auth_now(a)))
		goto out;
	buf_printf(&actor, "user:%s", r->account);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	rc = end_session(a, c, actor.ptr, "logout", "logout", r->id, r->account);
	rc = auth_tx_end(a, own, rc);
out:
	if (rc == MD_ENOTFOUND && !a->err.len)
		auth_fail_why(a, rc, AUTH_WHY_NO_SESSION, NULL, "not a live session");
	arena_free(ar);
	buf_release(&hash);
	buf_release(&actor);
	return rc;
}

int auth_sweep(struct auth *a, long *n)
{
	long long now = auth_now(a), forget = a->cfg.account.forget;
	int own, rc;

	auth_clear(a);
	if (a->cfg.address.forget > forget)
		forget = a->cfg.address.forget;
	if ((rc = auth_tx_begin(a, &own)))
		return rc;
	rc = store_session_purge(a->st, now - SWEEP_AFTER, n) ||
		store_throttle_purge(a->st, now - forget, NULL) ? auth_store_fail(a, MD_EDB) : 0;
	return auth_tx_end(a, own, rc);
}

/* ---- logging in ---- */

/* A hash to check unknown names against, made once with the configured
 * limits (so the work is that of a real account's check). */
static int dummy_hash(struct auth *a)
{
	struct buf pw = BUF_INIT;
	int rc;

	if (a->have_dummy)
		return 0;
	if ((rc = crypto_token_new(&pw)) == 0 &&
	    (rc = crypto_pw_hash(pw.ptr, pw.len, &a->cfg.pw, a->dummy)) == 0)
		a->have_dummy = 1;
	crypto_wipe(pw.ptr, pw.len);
	buf_release(&pw);
	return rc ? auth_fail(a, rc, NULL, "cannot prepare the password check") : 0;
}

/* The new session of account id (at most max_sessions stay live). */
static int new_session(struct auth *a, const struct auth_ctx *c, long long account,
		       const char *name, long long now, struct auth_login_result *res)
{
	struct buf token = BUF_INIT, csrf = BUF_INIT, hash = BUF_INIT;
	struct store_session_new sn;
	struct auth_session *s = NULL;
	struct arena *ar = arena_new();
	int k = 0, i, kept = 0, rc = MD_ENOMEM;

	if (!ar || crypto_token_new(&token) || crypto_token_new(&csrf) ||
	    token_hash(token.ptr, &hash) || buf_error(&token) || buf_error(&csrf)) {
		auth_fail(a, rc, NULL, "cannot make a session id");
		goto out;
	}
	memset(&sn, 0, sizeof(sn));
	sn.account = account;
	sn.token_hash = hash.ptr;
	sn.csrf = csrf.ptr;
	sn.created = now;
	sn.expires = now + a->cfg.lifetime;
	sn.address = c && c->address ? c->address : "";
	sn.user_agent = c && c->user_agent ? c->user_agent : "";
	if ((rc = store_session_insert(a->st, &sn, &res->session))) {
		auth_store_fail(a, rc);
		goto out;
	}
	/* the oldest live sessions beyond the limit end */
	if ((rc = auth_sessions_list(a, name, ar, &s, &k)))
		goto out;
	for (i = 0; i < k; i++) {
		if (!s[i].live || ++kept <= a->cfg.max_sessions)
			continue;
		if ((rc = store_session_revoke(a->st, s[i].id, account, now, "too many sessions"))) {
			auth_store_fail(a, rc);
			goto out;
		}
	}
	snprintf(res->token, sizeof(res->token), "%s", token.ptr);
	snprintf(res->csrf, sizeof(res->csrf), "%s", csrf.ptr);
	res->expires = sn.expires;
	rc = 0;
out:
	crypto_wipe(token.ptr, token.len);
	arena_free(ar);
	buf_release(&token);
	buf_release(&csrf);
	buf_release(&hash);
	return rc;
}

/* Phase 1, inside the open transaction: may the attempt be heard? If so
 * it is counted as a failure now (and taken back on success), so parallel
 * guesses are throttled. A refusal is audited as `throttled`. */
static int admit_in(struct auth *a, const struct auth_ctx *c, const struct keys *k,
		    long long now, long long *wait, const char *actor, const char *throttled)
{
	struct store_throttle ta, tb;
	long long wa, wb;
	char after[64];
	int rc;

	if ((rc = throttle_read(a, &k->acct, &a->cfg.account, now, &ta)) ||
	    (rc = throttle_read(a, &k->addr, &a->cfg.address, now, &tb)))
		return rc;
	wa = wait_of(&ta, &a->cfg.account, now);
	wb = k->addr.len ? wait_of(&tb, &a->cfg.address, now) : 0;
	*wait = wa > wb ? wa : wb;
	if (*wait > 0) {
		snprintf(after, sizeof(after), "retry after=%llds", *wait);
		return auth_audit_in(a, c, actor, throttled, k->target.ptr, NULL, after);
	}
	ta.failures++;
	ta.last_failure = now;
	tb.failures++;
	tb.last_failure = now;
	if ((rc = throttle_write(a, &k->acct, &ta)) || (rc = throttle_write(a, &k->addr, &tb)))
		return rc;
	return 0;
}

static int login_admit(struct auth *a, const struct auth_ctx *c, const struct keys *k,
		       long long now, long long *wait)
{
	if (store_begin(a->st))
		return auth_store_fail(a, MD_EDB);
	return auth_tx_end(a, 1, admit_in(a, c, k, now, wait, "anonymous", "login.throttled"));
}

/* A failure (counted already by admit_in): audited as `failed` with the
 * reason, and each key that reached its limit locked. Inside the open
 * transaction, with the keys' state as read in it. */
static int fail_in(struct auth *a, const struct auth_ctx *c, const struct keys *k,
		   const char *actor, const char *failed, const char *why,
		   struct store_throttle *ta, struct store_throttle *tb, long long now)
{
	char after[160];
	int rc;

	snprintf(after, sizeof(after), "reason=%s", why);
	if ((rc = auth_audit_in(a, c, actor, failed, k->target.ptr, NULL, after)) ||
	    (rc = maybe_lock(a, c, &k->acct, k->target.ptr, ta, &a->cfg.account, now)) ||
	    (rc = throttle_write(a, &k->acct, ta)))
		return rc;
	if (k->addr.len) {
		if ((rc = maybe_lock(a, c, &k->addr, k->addr.ptr, tb, &a->cfg.address, now)) ||
		    (rc = throttle_write(a, &k->addr, tb)))
			return rc;
	}
	return 0;
}

/* A success: the account's key starts afresh, the address's failure is
 * taken back. */
static int clear_in(struct auth *a, const struct keys *k, struct store_throttle *ta,
		    struct store_throttle *tb, long long now)
{
	int rc;

	memset(ta, 0, sizeof(*ta));
	if (tb->failures > 0)
		tb->failures--;
	if (!tb->failures && tb->locked_until <= now)
		memset(tb, 0, sizeof(*tb));
	if ((rc = throttle_write(a, &k->acct, ta)) || (rc = throttle_write(a, &k->addr, tb)))
		return rc;
	return 0;
}

/* Phase 3: the outcome, in one transaction. verified: the hash the
 * password was checked against outside the lock (auth_pause()), or NULL;
 * a password changed or an account disabled meanwhile makes it a failure
 * (else a session would outlive the change, and a rehash overwrite it). */
static int login_settle(struct auth *a, const struct auth_ctx *c, const struct keys *k,
			long long now, long long account, const char *why,
			const char *verified, const char *rehash,
			const struct auth_login *in, struct auth_login_result *res)
{
	struct store_throttle ta, tb;
	struct buf actor = BUF_INIT, hash = BUF_INIT;
	struct store_session_row *old;
	struct arena *ar = NULL;
	char target[64], after[160];
	long long id = 0;
	int disabled = 0, same = 0, rc;

	if ((rc = store_begin(a->st)))
		return auth_store_fail(a, MD_EDB);
	if ((rc = throttle_read(a, &k->acct, &a->cfg.account, now, &ta)) ||
	    (rc = throttle_read(a, &k->addr, &a->cfg.address, now, &tb)))
		goto out;
	if (!why && verified) {
		if ((rc = auth_hash_same(a, k->name.ptr, verified, &id, &disabled, &same)))
			goto out;
		if (id != account)
			why = "unknown user";
		else if (!same)
			why = "password changed during the check";
		else if (disabled)
			why = "disabled";
	}
	if (why) {
		/* the failure is counted already (login_admit) */
		if (!(rc = fail_in(a, c, k, "anonymous", "login.fail", why, &ta, &tb, now)))
			res->status = AUTH_LOGIN_DENIED;
		goto out;
	}
	if ((rc = clear_in(a, k, &ta, &tb, now)))
		goto out;
	if (rehash) {
		struct store_account sa;

		memset(&sa, 0, sizeof(sa));
		sa.pwhash = rehash;
		if ((rc = store_account_update(a->st, account, STORE_ACCOUNT_PWHASH, &sa, now))) {
			auth_store_fail(a, rc);
			goto out;
		}
	}
	/* the session the request came with ends: no fixation */
	if (in->old_token && crypto_token_shape(in->old_token, strlen(in->old_token))) {
		if (!(ar = arena_new())) {
			rc = auth_fail(a, MD_ENOMEM, NULL, "out of memory");
			goto out;
		}
		if ((rc = token_hash(in->old_token, &hash)) ||
		    (rc = find_by_hash(a, hash.ptr, ar, &old)))
			goto out;
		if (old && old->null.revoked &&
		    (rc = store_session_revoke(a->st, old->id, 0, now, "new login"))) {
			auth_store_fail(a, rc);
			goto out;
		}
	}
	if ((rc = new_session(a, c, account, k->name.ptr, now, res)))
		goto out;
	buf_reset(&actor);
	buf_printf(&actor, "user:%s", k->name.ptr);
	snprintf(target, sizeof(target), "session:%lld", res->session);
	snprintf(after, sizeof(after), "session=%lld%s", res->session,
		 rehash ? "\npassword rehashed" : "");
	if ((rc = auth_audit_in(a, c, actor.ptr, "login", target, NULL, after)))
		goto out;
	res->status = AUTH_LOGIN_OK;
out:
	rc = auth_tx_end(a, 1, rc);
	if (rc || res->status != AUTH_LOGIN_OK) {
		crypto_wipe(res->token, sizeof(res->token));
		crypto_wipe(res->csrf, sizeof(res->csrf));
		res->session = res->expires = 0;
		if (rc)
			res->status = AUTH_LOGIN_DENIED;
	}
	arena_free(ar);
	buf_release(&actor);
	buf_release(&hash);
	return rc;
}

int auth_login(struct auth *a, const struct auth_ctx *c, const struct auth_login *in,
	       struct auth_login_result *res)
{
	struct keys k = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf stored = BUF_INIT;
	char rehash[CRYPTO_PW_HASH_MAX];
	const char *pw = in && in->password ? in->password : "";
	const char *why = NULL;
	long long now = auth_now(a), id = 0, wait = 0;
	size_t pwlen = strlen(pw);
	int disabled = 0, found, ok, need_rehash = 0, paused, rc;

	auth_clear(a);
	memset(res, 0, sizeof(*res));
	res->status = AUTH_LOGIN_DENIED;
	if (!in)
		return auth_fail(a, MD_EUSAGE, NULL, "no login");
	if (store_in_transaction(a->st))
		return auth_fail(a, MD_EUSAGE, NULL, "auth_login inside a transaction");
	/* the dummy is made before anything depends on the name, so the first
	 * attempt costs the same for a known and an unknown name */
	if ((rc = dummy_hash(a)))
		return rc;
	keys_make(&k, in->name, c);
	if ((rc = login_admit(a, c, &k, now, &wait)))
		goto out;
	if (wait > 0) {
		res->status = AUTH_LOGIN_THROTTLED;
		res->retry_after = wait;
		goto out;
	}
	/* phase 2, outside any transaction: the slow check */
	rc = strcmp(k.name.ptr, "(invalid)") ?
		store_account_pwhash(a->st, k.name.ptr, &id, &disabled, &stored) : MD_ENOTFOUND;
	if (rc && rc != MD_ENOTFOUND) {
		auth_store_fail(a, rc);
		goto out;
	}
	found = rc == 0;
	paused = auth_pause(a, c);
	ok = crypto_pw_verify(found ? stored.ptr : a->dummy, pw, pwlen) && found;
	if (!found)
		why = "unknown user";
	else if (!ok)
		why = "wrong password";
	else if (disabled)
		why = "disabled";
	if (!why && crypto_pw_needs_rehash(stored.ptr, &a->cfg.pw)) {
		if (crypto_pw_hash(pw, pwlen, &a->cfg.pw, rehash) == 0)
			need_rehash = 1;
	}
	auth_resume(c, paused);
	rc = login_settle(a, c, &k, now, id, why, paused ? stored.ptr : NULL,
			  need_rehash ? rehash : NULL, in, res);
out:
	crypto_wipe(rehash, sizeof(rehash));
	crypto_wipe(stored.ptr, stored.len);
	buf_release(&stored);
	keys_release(&k);
	return rc;
}

int auth_guess_admit(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *what, long long *wait)
{
	struct keys k = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf action = BUF_INIT, actor = BUF_INIT;
	int own, rc;

	*wait = 0;
	keys_make(&k, name, c);
	buf_printf(&action, "%s.throttled", what);
	if ((rc = buf_error(&k.target) || buf_error(&action) ? MD_ENOMEM : 0) ||
	    (rc = auth_tx_begin(a, &own)))
		goto out;
	rc = auth_tx_end(a, own, admit_in(a, c, &k, auth_now(a), wait,
					  auth_actor_text(c, &actor), action.ptr));
out:
	keys_release(&k);
	buf_release(&action);
	buf_release(&actor);
	return rc;
}

int auth_guess_settle(struct auth *a, const struct auth_ctx *c, const char *name,
		      const char *what, int ok)
{
	struct keys k = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf action = BUF_INIT, actor = BUF_INIT;
	struct store_throttle ta, tb;
	long long now = auth_now(a);
	int own, rc;

	keys_make(&k, name, c);
	buf_printf(&action, "%s.fail", what);
	if ((rc = buf_error(&k.target) || buf_error(&action) ? MD_ENOMEM : 0) ||
	    (rc = auth_tx_begin(a, &own)))
		goto out;
	if (!(rc = throttle_read(a, &k.acct, &a->cfg.account, now, &ta)) &&
	    !(rc = throttle_read(a, &k.addr, &a->cfg.address, now, &tb)))
		rc = ok ? clear_in(a, &k, &ta, &tb, now) :
			fail_in(a, c, &k, auth_actor_text(c, &actor), action.ptr,
				"wrong password", &ta, &tb, now);
	rc = auth_tx_end(a, own, rc);
out:
	keys_release(&k);
	buf_release(&action);
	buf_release(&actor);
	return rc;
}
