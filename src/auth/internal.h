/* Internal to auth: what auth.c, user.c, session.c, policy.c and common.c
 * share. */
#ifndef MD_AUTH_INTERNAL_H
#define MD_AUTH_INTERNAL_H
#include "auth.h"

struct auth {
	struct store *st;
	struct auth_config cfg;
	struct buf err;                  /* the last error */
	const char *errfield;            /* the input it is about, or NULL */
	enum auth_why why;               /* the last refusal's id */
	char dummy[CRYPTO_PW_HASH_MAX];  /* a hash for unknown names */
	int have_dummy;
	long long retry_after;           /* the last call was throttled: seconds */
};

/* Sets the message (and field, may be NULL); returns rc. auth_fail_why()
 * also says which refusal it is (auth_fail(): AUTH_WHY_NONE). */
int auth_fail(struct auth *a, int rc, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int auth_fail_why(struct auth *a, int rc, enum auth_why why, const char *field,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A failed store call: its message, its code. */
int auth_store_fail(struct auth *a, int rc);
/* Clears the last call's message. */
void auth_clear(struct auth *a);

/* The actor text of c into b: "user:NAME", c->actor or "cli:unknown". */
const char *auth_actor_text(const struct auth_ctx *c, struct buf *b);
/* Joins the caller's transaction or opens one (*own = 1). */
int auth_tx_begin(struct auth *a, int *own);
/* Commits an own transaction when rc is 0, rolls it back otherwise;
 * returns rc (or the commit's error). */
int auth_tx_end(struct auth *a, int own, int rc);
/* Before a slow hash: c's pause (struct auth_ctx) when it has one and no
 * transaction is open; returns whether it paused, for auth_resume(). */
int auth_pause(struct auth *a, const struct auth_ctx *c);
void auth_resume(const struct auth_ctx *c, int paused);
/* After a pause, what may have changed meanwhile: *same 1 when account
 * name's stored hash is still verified; *id its id (0 when there is no
 * such account, *same 0), *disabled whether it is disabled now. */
int auth_hash_same(struct auth *a, const char *name, const char *verified, long long *id,
		   int *disabled, int *same);
/* Appends an audit entry inside the open transaction. */
int auth_audit_in(struct auth *a, const struct auth_ctx *c, const char *actor,
		  const char *action, const char *target, const char *before,
		  const char *after);

/* The account row -> struct auth_user (strings copied to ar when given). */
int auth_user_from_row(const struct store_account_row *r, struct auth_user *u);
/* Reads the account (no error message for MD_ENOTFOUND). */
int auth_user_read(struct auth *a, const char *name, struct arena *ar,
		   struct auth_user *out);
/* Fails with MD_EFORBIDDEN unless c may take act on the account name
 * (the command line may do anything). */
int auth_check(struct auth *a, const struct auth_ctx *c, enum auth_action act,
	       const char *name);

/* session.c: a guess at an account's own password other than a login (the
 * current password of a password change), throttled under the same keys
 * and rules as logins. guess_admit: 0 with *wait > 0 when the guess may
 * not be heard (audited as "<what>.throttled"), else counts it as a
 * failure now; guess_settle then takes it back (ok) or audits
 * "<what>.fail" and locks the keys that reached their limit. Each runs in
 * its own transaction or joins the caller's. */
int auth_guess_admit(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *what, long long *wait);
int auth_guess_settle(struct auth *a, const struct auth_ctx *c, const char *name,
		      const char *what, int ok);

/* common.c: the compiled-in list (lower case, sorted). */
int auth_common_has(const char *s, size_t n);

#endif
