/*
 * The auth object: configuration, the clock, messages, transactions and
 * audit entries; roles and ministry sets.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static const char *const role_names[] = STORE_ROLE_NAMES;
_Static_assert(MD_ARRAY_SIZE(role_names) == 5, "one name per enum auth_role bit");

void auth_config_default(struct auth_config *c)
{
	memset(c, 0, sizeof(*c));
	c->idle_timeout = 30 * 60;
	c->lifetime = 12 * 3600;
	c->touch_interval = 60;
	c->max_sessions = 10;
	crypto_pw_limits_interactive(&c->pw);
	c->account = (struct auth_throttle_rule){ 3, 1, 60, 10, 15 * 60, 24 * 3600, 24 * 3600 };
	c->address = (struct auth_throttle_rule){ 10, 1, 30, 50, 15 * 60, 3600, 3600 };
}

static int rule_ok(const struct auth_throttle_rule *r)
{
	return r->free >= 0 && r->delay > 0 && r->max_delay >= r->delay &&
		r->lock_after > r->free && r->lock > 0 && r->max_lock >= r->lock &&
		r->forget > 0;
}

int auth_new(struct store *st, const struct auth_config *cfg, struct auth **out)
{
	struct auth *a;

	*out = NULL;
	if (!st)
		return MD_EUSAGE;
	if (!(a = calloc(1, sizeof(*a))))
		return MD_ENOMEM;
	a->st = st;
	buf_init(&a->err, 4096);
	if (cfg)
		a->cfg = *cfg;
	else
		auth_config_default(&a->cfg);
	if (crypto_init() || !crypto_pw_limits_ok(&a->cfg.pw) || a->cfg.idle_timeout <= 0 ||
	    a->cfg.lifetime <= 0 || a->cfg.touch_interval < 0 || a->cfg.max_sessions < 1 ||
	    !rule_ok(&a->cfg.account) || !rule_ok(&a->cfg.address)) {
		auth_free(a);
		return MD_EUSAGE;
	}
	*out = a;
	return 0;
}

void auth_free(struct auth *a)
{
	if (!a)
		return;
	buf_release(&a->err);
	free(a);
}

const char *auth_errmsg(const struct auth *a)
{
	return a->err.len ? a->err.ptr : "no error";
}

const char *auth_errfield(const struct auth *a)
{
	return a->errfield;
}

enum auth_why auth_errwhy(const struct auth *a)
{
	return a->why;
}

long long auth_retry_after(const struct auth *a)
{
	return a->retry_after;
}

long long auth_now(const struct auth *a)
{
	return a->cfg.now ? a->cfg.now(a->cfg.now_ctx) : (long long)time(NULL);
}

void auth_clear(struct auth *a)
{
	buf_reset(&a->err);
	a->errfield = NULL;
	a->why = AUTH_WHY_NONE;
	a->retry_after = 0;
}

static int fail_v(struct auth *a, int rc, enum auth_why why, const char *field,
		  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static int fail_v(struct auth *a, int rc, enum auth_why why, const char *field,
		  const char *fmt, va_list ap)
{
	buf_reset(&a->err);
	buf_vprintf(&a->err, fmt, ap);
	a->errfield = field;
	a->why = why;
	return rc;
}

int auth_fail(struct auth *a, int rc, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = fail_v(a, rc, AUTH_WHY_NONE, field, fmt, ap);
	va_end(ap);
	return rc;
}

int auth_fail_why(struct auth *a, int rc, enum auth_why why, const char *field,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = fail_v(a, rc, why, field, fmt, ap);
	va_end(ap);
	return rc;
}

int auth_store_fail(struct auth *a, int rc)
{
	return auth_fail(a, rc, NULL, "%s", store_errmsg(a->st));
}

const char *auth_actor_text(const struct auth_ctx *c, struct buf *b)
{
	buf_reset(b);
	if (c && c->user)
		buf_printf(b, "user:%s", c->user->name);
	else
		buf_puts(b, c && c->actor && *c->actor ? c->actor : "cli:unknown");
	return b->ptr;
}

int auth_tx_begin(struct auth *a, int *own)
{
	*own = 0;
	if (store_in_transaction(a->st))
		return 0;
	if (store_begin(a->st))
		return auth_store_fail(a, MD_EDB);
	*own = 1;
	return 0;
}

int auth_tx_end(struct auth *a, int own, int rc)
{
	if (!own)
		return rc;
	if (rc) {
		store_rollback(a->st);
		return rc;
	}
	if (store_commit(a->st)) {
		rc = auth_store_fail(a, MD_EDB);
		store_rollback(a->st);
	}
	return rc;
}

int auth_pause(struct auth *a, const struct auth_ctx *c)
{
	if (!c || !c->pause || store_in_transaction(a->st))
		return 0;
	c->pause(c->pause_arg, 0);
	return 1;
}

void auth_resume(const struct auth_ctx *c, int paused)
{
	if (paused)
		c->pause(c->pause_arg, 1);
}

int auth_hash_same(struct auth *a, const char *name, const char *verified, long long *id,
		   int *disabled, int *same)
{
	struct buf now = BUF_INIT;
	int rc;

	*id = 0;
	*disabled = *same = 0;
	rc = store_account_pwhash(a->st, name, id, disabled, &now);
	if (!rc) {
		*same = crypto_str_equal(now.ptr, verified);
	} else if (rc == MD_ENOTFOUND) {
		*id = 0;
		*disabled = 0;
		rc = 0;
	} else {
		auth_store_fail(a, rc);
	}
	crypto_wipe(now.ptr, now.len);
	buf_release(&now);
	return rc;
}

int auth_audit_in(struct auth *a, const struct auth_ctx *c, const char *actor,
		  const char *action, const char *target, const char *before,
		  const char *after)
{
	struct store_audit e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.time = auth_now(a);
	e.actor = actor;
	e.address = c && c->address ? c->address : "";
	e.action = action;
	e.target = target;
	e.before = before;
	e.after = after;
	e.request_id = c && c->request_id ? c->request_id : "";
	if ((rc = store_audit_append(a->st, &e, NULL)))
		return auth_store_fail(a, rc);
	return 0;
}

int auth_audit(struct auth *a, const struct auth_ctx *c, const char *action,
	       const char *target, const char *before, const char *after)
{
	struct buf actor = BUF_INIT;
	int own, rc;

	auth_clear(a);
	if (!action || !*action)
		return auth_fail(a, MD_EUSAGE, NULL, "an audit entry needs an action");
	if ((rc = auth_tx_begin(a, &own)))
		return rc;
	rc = auth_audit_in(a, c, auth_actor_text(c, &actor), action, target, before, after);
	buf_release(&actor);
	return auth_tx_end(a, own, rc);
}

/* ---- roles and ministries ---- */

const char *auth_role_name(unsigned role)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(role_names); i++) {
		if (role == 1u << i)
			return role_names[i];
	}
	return NULL;
}

unsigned auth_role_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < MD_ARRAY_SIZE(role_names); i++) {
		if (!strcmp(name, role_names[i]))
			return 1u << i;
	}
	return 0;
}

unsigned auth_ministry_find(const char *name)
{
	int i;

	if (!name || !*name)
		return 0;
	i = text_ministry_find(name, strlen(name));
	return i < 0 || i >= 32 ? 0 : 1u << i;
}

int auth_roles_format(unsigned roles, struct buf *out)
{
	size_t i;
	int first = 1;

	for (i = 0; i < MD_ARRAY_SIZE(role_names); i++) {
		if (roles & (1u << i)) {
			buf_printf(out, "%s%s", first ? "" : ",", role_names[i]);
			first = 0;
		}
	}
	return buf_error(out);
}

int auth_ministries_format(unsigned ministries, int codes, struct buf *out)
{
	int i, first = 1;

	for (i = 0; i < text_ministry_count() && i < 32; i++) {
		const struct text_ministry *m = text_ministry_at(i);

		if (!(ministries & (1u << i)))
			continue;
		buf_printf(out, "%s%s", first ? "" : codes ? "," : "、",
			   codes ? m->code : m->abbrev);
		first = 0;
	}
	return buf_error(out);
}
