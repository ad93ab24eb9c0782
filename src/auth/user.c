/*
 * Accounts and the password policy.
 */
#include <string.h>

#include "internal.h"

#define DISPLAY_MAX 200
#define EMAIL_MAX 254
#define NAME_MIN 3
#define NAME_MAX 64

/* ---- the password policy ---- */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static void lower_into(const char *s, size_t n, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++)
		buf_putc(b, lower((unsigned char)s[i]));
}

static int is_strippable(int c)
{
	return (c >= '0' && c <= '9') || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
		(c >= '[' && c <= '`') || (c >= '{' && c <= '~') || c == ' ';
}

/* Undoes the digit-for-letter swaps people make (p@ssw0rd -> password);
 * one_is: what 1 stands for ('i' or 'l'). */
static void unleet(const char *s, size_t n, int one_is, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		switch (c) {
		case '@': case '4': c = 'a'; break;
		case '8': c = 'b'; break;
		case '3': c = 'e'; break;
		case '1': c = one_is; break;
		case '!': c = 'i'; break;
		case '0': c = 'o'; break;
		case '5': case '$': c = 's'; break;
		case '7': c = 't'; break;
		case '9': c = 'g'; break;
		default: break;
		}
		buf_putc(b, c);
	}
}

/* s[0..n) or s with trailing (then also leading) digits and punctuation
 * removed, or either with the swaps undone, is in the common list. */
static int common_variant(const char *s, size_t n)
{
	struct buf t = BUF_INIT;
	size_t start = 0, end = n;
	int hit = 0, one;

	if (auth_common_has(s, n))
		return 1;
	while (end > 0 && is_strippable((unsigned char)s[end - 1]))
		end--;
	if (end > 0 && end < n && auth_common_has(s, end))
		return 1;
	while (start < end && is_strippable((unsigned char)s[start]))
		start++;
	if (start > 0 && start < end && auth_common_has(s + start, end - start))
		return 1;
	for (one = 'i'; !hit; one = 'l') {
		unleet(s, n, one, &t);
		hit = auth_common_has(t.ptr, t.len);
		if (!hit && end > 0 && end < n) {
			unleet(s, end, one, &t);
			hit = auth_common_has(t.ptr, t.len);
		}
		if (one == 'l')
			break;
	}
	buf_release(&t);
	return hit;
}

/* One piece repeated (of at most 4 bytes, or a common one), or a run of
 * steps of +1 or -1 (abcdefghijkl, 987654321...). */
static int pattern(const char *s, size_t n)
{
	size_t u, i;
	int step;

	for (u = 1; u <= n / 2; u++) {
		if (n % u)
			continue;
		for (i = u; i < n && s[i] == s[i - u]; i++)
			;
		if (i == n && (u <= 4 || auth_common_has(s, u)))
			return 1;
	}
	if (n < 2)
		return 0;
	step = (unsigned char)s[1] - (unsigned char)s[0];
	if (step != 1 && step != -1)
		return 0;
	for (i = 2; i < n; i++) {
		if ((unsigned char)s[i] - (unsigned char)s[i - 1] != step)
			return 0;
	}
	return 1;
}

enum auth_pw_problem auth_password_problem(const char *name, const char *pw)
{
	struct buf lw = BUF_INIT, ln = BUF_INIT, t = BUF_INIT;
	enum auth_pw_problem p = AUTH_PW_OK;
	size_t n, bad;

	if (!pw)
		return AUTH_PW_INVALID;
	n = strlen(pw);
	if (n > AUTH_PW_MAX)
		return AUTH_PW_LONG;
	/* no control character, C0 or C1 (a password is never shown, so
	 * the bidirectional controls do not matter) */
	if (text_utf8_valid(pw, n, &bad) ||
	    text_typed_refused(pw, n, TEXT_TYPED_BIDI | TEXT_TYPED_SEPARATOR, NULL) >= 0)
		return AUTH_PW_INVALID;
	if (text_utf8_count(pw, n) < AUTH_PW_MIN)
		return AUTH_PW_SHORT;
	lower_into(pw, n, &lw);
	if (name && *name) {
		lower_into(name, strlen(name), &ln);
		unleet(lw.ptr, lw.len, 'i', &t);
		if (strstr(lw.ptr, ln.ptr) || strstr(t.ptr, ln.ptr))
			p = AUTH_PW_NAME;
	}
	if (!p && common_variant(lw.ptr, lw.len))
		p = AUTH_PW_COMMON;
	if (!p && pattern(lw.ptr, lw.len))
		p = AUTH_PW_PATTERN;
	crypto_wipe(lw.ptr, lw.len);
	crypto_wipe(t.ptr, t.len);
	buf_release(&lw);
	buf_release(&ln);
	buf_release(&t);
	return p;
}

const char *auth_password_problem_text(enum auth_pw_problem p)
{
	switch (p) {
	case AUTH_PW_OK: return "the password is acceptable";
	case AUTH_PW_INVALID: return "the password must be UTF-8 text without control characters";
	case AUTH_PW_SHORT: return "the password must have at least 12 characters";
	case AUTH_PW_LONG: return "the password must not be longer than 1024 bytes";
	case AUTH_PW_NAME: return "the password must not contain the user name";
	case AUTH_PW_COMMON: return "the password is a common one (or one with digits or"
		" symbols added): choose another";
	case AUTH_PW_PATTERN: return "the password is one short piece repeated or a"
		" sequence: choose another";
	}
	return "the password is not acceptable";
}

int auth_password_common(const char *s)
{
	return s && auth_common_has(s, strlen(s));
}

/* ---- checking what is typed ---- */

static int name_ok(const char *s)
{
	size_t n, i;

	if (!s || (n = strlen(s)) < NAME_MIN || n > NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return 0;
	}
	return 1;
}

int auth_name_reserved(const char *name)
{
	static const char *const reserved[] = { "new" };
	size_t i;

	for (i = 0; name && i < MD_ARRAY_SIZE(reserved); i++) {
		if (!strcmp(name, reserved[i]))
			return 1;
	}
	return 0;
}

/* Fails (MD_EINPUT, field) unless s is text a person may type of at most
 * max bytes: UTF-8 without control characters or line separators
 * (text_typed_class()); AUTH_WHY_BIDI for a bidirectional control, which
 * would reorder how the name reads beside others, why with msg for the
 * rest. */
static int check_typed(struct auth *a, const char *field, const char *s, size_t max,
		       enum auth_why why, const char *msg)
{
	size_t n = strlen(s), bad;
	int32_t cp = -1;

	if (n <= max && !text_utf8_valid(s, n, &bad) &&
	    (cp = text_typed_refused(s, n, 0, NULL)) < 0)
		return 0;
	if (cp >= 0 && text_typed_class(cp) == TEXT_TYPED_BIDI)
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_BIDI, field, "holds a bidirectional"
				     " control character (U+%04X), which changes the order the"
				     " text is shown in", (unsigned)cp);
	return auth_fail_why(a, MD_EINPUT, why, field, "%s", msg);
}

static int check_display(struct auth *a, const char *s)
{
	return check_typed(a, "display", s, DISPLAY_MAX, AUTH_WHY_BAD_DISPLAY,
			   "a display name is up to 200 bytes of text without control characters");
}

/* Empty, or one @ with something on both sides, no white space. */
static int check_email(struct auth *a, const char *s)
{
	const char *at = strchr(s, '@');
	int rc;

	if (!*s)
		return 0;
	/* check_typed() refuses tabs and line breaks */
	if ((rc = check_typed(a, "email", s, EMAIL_MAX, AUTH_WHY_BAD_EMAIL,
			      "not an e-mail address")))
		return rc;
	if (strchr(s, ' ') || !at || at == s || !at[1] || strchr(at + 1, '@'))
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_BAD_EMAIL, "email",
				     "not an e-mail address");
	return 0;
}

static int check_scope(struct auth *a, unsigned roles, unsigned ministries)
{
	if (!roles || (roles & ~AUTH_ROLES_ALL))
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_ROLES, "roles", "give at least one"
				     " role (admin, secretariat, editor, reviewer, desk)");
	if ((roles & AUTH_EDITOR) && !ministries)
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_ROLES, "ministries", "an editor"
				     " needs at least one ministry (内官 内 総 文 厚 経)");
	if (!(roles & AUTH_EDITOR) && ministries)
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_ROLES, "ministries", "ministries"
				     " apply to the editor role only");
	if (text_ministry_count() < 32 && (ministries >> text_ministry_count()))
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_ROLES, "ministries", "unknown ministry");
	return 0;
}

static int check_password(struct auth *a, const char *name, const char *pw)
{
	static const enum auth_why why[] = {
		[AUTH_PW_INVALID] = AUTH_WHY_PW_INVALID, [AUTH_PW_SHORT] = AUTH_WHY_PW_SHORT,
		[AUTH_PW_LONG] = AUTH_WHY_PW_LONG, [AUTH_PW_NAME] = AUTH_WHY_PW_NAME,
		[AUTH_PW_COMMON] = AUTH_WHY_PW_COMMON, [AUTH_PW_PATTERN] = AUTH_WHY_PW_PATTERN
	};
	enum auth_pw_problem p = auth_password_problem(name, pw);

	if (!p)
		return 0;
	return auth_fail_why(a, MD_EINPUT, (unsigned)p < MD_ARRAY_SIZE(why) ? why[p] :
			     AUTH_WHY_PW_INVALID, "password", "%s", auth_password_problem_text(p));
}

/* ---- reading ---- */

static unsigned ministries_of(const char *codes)
{
	unsigned set = 0;
	const char *p = codes;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int i = text_ministry_find(p, n);

		if (i >= 0 && i < 32)
			set |= 1u << i;
		p = e ? e + 1 : NULL;
	}
	return set;
}

static unsigned roles_of(const char *names)
{
	unsigned set = 0;
	const char *p = names;
	char one[32];

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n < sizeof(one)) {
			memcpy(one, p, n);
			one[n] = '\0';
			set |= auth_role_find(one);
		}
		p = e ? e + 1 : NULL;
	}
	return set;
}

int auth_user_from_row(const struct store_account_row *r, struct auth_user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = r->id;
	u->name = r->name;
	u->display = r->display;
	u->email = r->email;
	u->disabled = r->disabled != 0;
	u->roles = roles_of(r->roles);
	u->ministries = ministries_of(r->ministries);
	u->created = r->created;
	u->pw_changed = r->pw_changed;
	return 0;
}

int auth_user_read(struct auth *a, const char *name, struct arena *ar,
		   struct auth_user *out)
{
	struct store_filter f;
	struct store_account_row *rows = NULL;
	int n = 0, rc;

	if (!name_ok(name))
		return MD_ENOTFOUND;
	memset(&f, 0, sizeof(f));
	f.name = name;
	if ((rc = store_load_account(a->st, &f, ar, &rows, &n)))
		return auth_store_fail(a, rc);
	if (n != 1)
		return MD_ENOTFOUND;
	return auth_user_from_row(&rows[0], out);
}

int auth_user_get(struct auth *a, const char *name, struct arena *ar,
		  struct auth_user *out)
{
	int rc;

	auth_clear(a);
	rc = auth_user_read(a, name, ar, out);
	if (rc == MD_ENOTFOUND)
		auth_fail_why(a, rc, AUTH_WHY_NO_USER, "name", "no account called %s",
			      name ? name : "");
	return rc;
}

int auth_user_list(struct auth *a, struct arena *ar, struct auth_user **users, int *n)
{
	struct store_account_row *rows = NULL;
	struct auth_user *u = NULL;
	int k = 0, i, rc;

	auth_clear(a);
	if ((rc = store_load_account(a->st, NULL, ar, &rows, &k)))
		return auth_store_fail(a, rc);
	if (k && !(u = arena_alloc(ar, (size_t)k * sizeof(*u))))
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	for (i = 0; i < k; i++)
		auth_user_from_row(&rows[i], &u[i]);
	*users = u;
	*n = k;
	return 0;
}

int auth_check(struct auth *a, const struct auth_ctx *c, enum auth_action act,
	       const char *name)
{
	struct auth_target t = { NULL, name };

	if (!c || !c->user)
		return 0;   /* the command line */
	if (auth_may(c->user, act, &t) ||
	    (act == AUTH_OWN_ACCOUNT && auth_may(c->user, AUTH_MANAGE_USERS, NULL)))
		return 0;
	return auth_fail_why(a, MD_EFORBIDDEN, AUTH_WHY_FORBIDDEN, NULL, "%s may not %s",
			     c->user->name, act == AUTH_OWN_ACCOUNT ? "change another account" :
			     "manage accounts");
}

/* The account, for a change: it must exist (field "name" otherwise). */
static int need_user(struct auth *a, const char *name, struct arena *ar,
		     struct auth_user *u)
{
	int rc = auth_user_read(a, name, ar, u);

	if (rc == MD_ENOTFOUND)
		return auth_fail_why(a, rc, AUTH_WHY_NO_USER, "name", "no account called %s",
				     name ? name : "");
	return rc;
}

/* "display=...\nemail=...\nroles=...\nministries=...\ndisabled=N" */
static void summary(struct buf *b, const char *display, const char *email,
		    unsigned roles, unsigned ministries, int disabled)
{
	buf_printf(b, "display=%s\nemail=%s\nroles=", display, email);
	auth_roles_format(roles, b);
	buf_puts(b, "\nministries=");
	auth_ministries_format(ministries, 1, b);
	buf_printf(b, "\ndisabled=%d", disabled);
}

static void target_of(struct buf *b, const char *name)
{
	buf_reset(b);
	buf_printf(b, "user:%s", name);
}

/* Enabled admins other than the account `except`. */
static int other_admins(struct auth *a, long long except, int *count)
{
	struct arena *ar = arena_new();
	struct auth_user *u = NULL;
	int n = 0, i, rc;

	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	rc = auth_user_list(a, ar, &u, &n);
	*count = 0;
	for (i = 0; !rc && i < n; i++) {
		if (u[i].id != except && !u[i].disabled && (u[i].roles & AUTH_ADMIN))
			(*count)++;
	}
	arena_free(ar);
	return rc;
}

/* The role names and ministry codes of two sets, for store_account_roles()
 * (rn: room for 8, codes: room for 32). */
static void names_of(unsigned roles, unsigned ministries, const char **rn, int *nr,
		     const char **codes, int *nc)
{
	int i;

	*nr = *nc = 0;
	for (i = 0; i < 5; i++) {
		if (roles & (1u << i))
			rn[(*nr)++] = auth_role_name(1u << i);
	}
	for (i = 0; i < text_ministry_count() && i < 32; i++) {
		if (ministries & (1u << i))
			codes[(*nc)++] = text_ministry_at(i)->code;
	}
}

/* ---- changing ---- */

int auth_user_add(struct auth *a, const struct auth_ctx *c,
		  const struct auth_user_spec *u, const char *pw)
{
	struct buf actor = BUF_INIT, tgt = BUF_INIT, after = BUF_INIT;
	const char *roles[8], *codes[32];
	char hash[CRYPTO_PW_HASH_MAX];
	struct store_account sa;
	struct arena *ar = NULL;
	struct auth_user old;
	long long id;
	int nroles = 0, ncodes = 0, own = 0, paused, rc;
	const char *display = u->display ? u->display : "";
	const char *email = u->email ? u->email : "";

	auth_clear(a);
	if ((rc = auth_check(a, c, AUTH_MANAGE_USERS, u->name)))
		return rc;
	if (!name_ok(u->name))
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_BAD_NAME, "name", "a user name is 3"
				     " to 64 characters of a-z 0-9 . _ - starting with a letter"
				     " or digit");
	if (auth_name_reserved(u->name))
		return auth_fail_why(a, MD_EINPUT, AUTH_WHY_NAME_RESERVED, "name", "\"%s\" is"
				     " reserved: it names a page (/admin/users/%s/); choose"
				     " another name", u->name, u->name);
	if ((rc = check_display(a, display)) || (rc = check_email(a, email)) ||
	    (rc = check_scope(a, u->roles, u->ministries)) ||
	    (rc = check_password(a, u->name, pw)))
		return rc;
	if (!(ar = arena_new()))
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	/* a taken name is said before the slow hash (the insert checks again) */
	rc = auth_user_read(a, u->name, ar, &old);
	if (rc != MD_ENOTFOUND) {
		if (!rc)
			rc = auth_fail_why(a, MD_ECONFLICT, AUTH_WHY_NAME_TAKEN, "name",
					   "an account called %s exists", u->name);
		goto out;
	}
	paused = auth_pause(a, c);
	rc = crypto_pw_hash(pw, strlen(pw), &a->cfg.pw, hash);
	auth_resume(c, paused);
	if (rc) {
		auth_fail(a, rc, NULL, "cannot hash the password");
		goto out;
	}
	names_of(u->roles, u->ministries, roles, &nroles, codes, &ncodes);
	memset(&sa, 0, sizeof(sa));
	sa.name = u->name;
	sa.display = display;
	sa.email = email;
	sa.pwhash = hash;
	target_of(&tgt, u->name);
	summary(&after, display, email, u->roles, u->ministries, 0);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	rc = store_account_insert(a->st, &sa, auth_now(a), &id);
	if (rc == MD_ECONFLICT)
		auth_fail_why(a, rc, AUTH_WHY_NAME_TAKEN, "name", "an account called %s exists",
			      u->name);
	else if (rc)
		auth_store_fail(a, rc);
	else if ((rc = store_account_roles(a->st, id, roles, nroles, codes, ncodes)))
		auth_store_fail(a, rc);
	else
		rc = auth_audit_in(a, c, auth_actor_text(c, &actor), "user.add", tgt.ptr,
				   NULL, after.ptr);
	rc = auth_tx_end(a, own, rc);
out:
	crypto_wipe(hash, sizeof(hash));
	arena_free(ar);
	buf_release(&actor);
	buf_release(&tgt);
	buf_release(&after);
	return rc;
}

int auth_user_update(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *display, const char *email)
{
	struct buf actor = BUF_INIT, tgt = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
	struct arena *ar = arena_new();
	struct store_account sa;
	struct auth_user u;
	unsigned fields = 0;
	int own = 0, rc;

	auth_clear(a);
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_OWN_ACCOUNT, name)) ||
	    (rc = need_user(a, name, ar, &u)))
		goto out;
	if ((display && (rc = check_display(a, display))) ||
	    (email && (rc = check_email(a, email))))
		goto out;
	memset(&sa, 0, sizeof(sa));
	if (display && strcmp(display, u.display)) {
		fields |= STORE_ACCOUNT_DISPLAY;
		sa.display = display;
	}
	if (email && strcmp(email, u.email)) {
		fields |= STORE_ACCOUNT_EMAIL;
		sa.email = email;
	}
	rc = 0;
	if (!fields)
		goto out;
	target_of(&tgt, name);
	summary(&before, u.display, u.email, u.roles, u.ministries, u.disabled);
	summary(&after, sa.display ? sa.display : u.display, sa.email ? sa.email : u.email,
		u.roles, u.ministries, u.disabled);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	if ((rc = store_account_update(a->st, u.id, fields, &sa, auth_now(a))))
		auth_store_fail(a, rc);
	else
		rc = auth_audit_in(a, c, auth_actor_text(c, &actor), "user.update", tgt.ptr,
				   before.ptr, after.ptr);
	rc = auth_tx_end(a, own, rc);
out:
	arena_free(ar);
	buf_release(&actor);
	buf_release(&tgt);
	buf_release(&before);
	buf_release(&after);
	return rc;
}

int auth_user_passwd(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *old_pw, const char *pw)
{
	struct buf actor = BUF_INIT, tgt = BUF_INIT, after = BUF_INIT, stored = BUF_INIT;
	struct arena *ar = arena_new();
	char hash[CRYPTO_PW_HASH_MAX];
	struct store_account sa;
	struct auth_user u;
	long long id;
	long ended = 0;
	int own = 0, self, disabled, ok = 1, same, paused, hashed, rc;

	auth_clear(a);
	memset(hash, 0, sizeof(hash));
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_OWN_ACCOUNT, name)) ||
	    (rc = need_user(a, name, ar, &u)))
		goto out;
	self = c && c->user && c->user->id == u.id;
	if ((rc = check_password(a, name, pw)))
		goto out;
	if (self) {
		long long wait = 0;

		if (!old_pw) {
			rc = auth_fail_why(a, MD_EINPUT, AUTH_WHY_OLD_PASSWORD, "old_password",
					   "the current password is needed");
			goto out;
		}
		/* a guess like a login's: throttled and counted the same way */
		if ((rc = auth_guess_admit(a, c, name, "user.passwd", &wait)))
			goto out;
		if (wait > 0) {
			rc = auth_fail_why(a, MD_EFORBIDDEN, AUTH_WHY_THROTTLED, "old_password",
					   "too many wrong passwords: try again in %lld s", wait);
			a->retry_after = wait;
			goto out;
		}
		rc = store_account_pwhash(a->st, name, &id, &disabled, &stored);
		if (rc) {
			auth_store_fail(a, rc);
			goto out;
		}
	}
	/* the slow part: the current password's check, the new one's hash */
	paused = auth_pause(a, c);
	if (self)
		ok = crypto_pw_verify(stored.ptr, old_pw, strlen(old_pw));
	hashed = ok ? crypto_pw_hash(pw, strlen(pw), &a->cfg.pw, hash) : 0;
	auth_resume(c, paused);
	if (self) {
		if ((rc = auth_guess_settle(a, c, name, "user.passwd", ok)))
			goto out;
		/* the password checked is no longer the current one when it
		 * was changed during the pause */
		if (ok && paused) {
			if ((rc = auth_hash_same(a, name, stored.ptr, &id, &disabled, &same)))
				goto out;
			if (!same) {
				rc = auth_fail_why(a, MD_ECONFLICT, AUTH_WHY_PW_CHANGED,
						   "old_password", "the password was changed"
						   " elsewhere while this change was checked");
				goto out;
			}
		}
		if (!ok) {
			rc = auth_fail_why(a, MD_EINPUT, AUTH_WHY_OLD_PASSWORD, "old_password",
					   "the current password is"
				       " not right");
			goto out;
		}
	}
	if ((rc = hashed)) {
		auth_fail(a, rc, NULL, "cannot hash the password");
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.pwhash = hash;
	target_of(&tgt, name);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	if ((rc = store_account_update(a->st, u.id, STORE_ACCOUNT_PWHASH, &sa, auth_now(a))) ||
	    (rc = store_session_revoke_all(a->st, u.id, self ? c->session : 0, auth_now(a),
					   "password", &ended))) {
		auth_store_fail(a, rc);
	} else {
		buf_printf(&after, "sessions ended=%ld", ended);
		rc = auth_audit_in(a, c, auth_actor_text(c, &actor), "user.passwd", tgt.ptr,
				   NULL, after.ptr);
	}
	rc = auth_tx_end(a, own, rc);
out:
	crypto_wipe(hash, sizeof(hash));
	crypto_wipe(stored.ptr, stored.len);
	arena_free(ar);
	buf_release(&actor);
	buf_release(&tgt);
	buf_release(&after);
	buf_release(&stored);
	return rc;
}

int auth_user_set_disabled(struct auth *a, const struct auth_ctx *c,
			   const char *name, int disabled)
{
	struct buf actor = BUF_INIT, tgt = BUF_INIT, after = BUF_INIT;
	struct arena *ar = arena_new();
	struct store_account sa;
	struct auth_user u;
	long ended = 0;
	int own = 0, others, rc;

	auth_clear(a);
	disabled = disabled != 0;
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_MANAGE_USERS, name)) ||
	    (rc = need_user(a, name, ar, &u)))
		goto out;
	if (u.disabled == disabled)
		goto out;     /* already so: nothing to write */
	if (disabled && c && c->user && (u.roles & AUTH_ADMIN)) {
		if ((rc = other_admins(a, u.id, &others)))
			goto out;
		if (!others) {
			rc = auth_fail_why(a, MD_EINPUT, AUTH_WHY_LAST_ADMIN, "name",
					   "%s is the last enabled admin", name);
			goto out;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.disabled = disabled;
	target_of(&tgt, name);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	if ((rc = store_account_update(a->st, u.id, STORE_ACCOUNT_DISABLED, &sa, auth_now(a))) ||
	    (disabled && (rc = store_session_revoke_all(a->st, u.id, 0, auth_now(a),
							"disabled", &ended)))) {
		auth_store_fail(a, rc);
	} else {
		if (disabled)
			buf_printf(&after, "sessions ended=%ld", ended);
		rc = auth_audit_in(a, c, auth_actor_text(c, &actor),
				   disabled ? "user.disable" : "user.enable", tgt.ptr, NULL,
				   disabled ? after.ptr : NULL);
	}
	rc = auth_tx_end(a, own, rc);
out:
	arena_free(ar);
	buf_release(&actor);
	buf_release(&tgt);
	buf_release(&after);
	return rc;
}

int auth_user_set_roles(struct auth *a, const struct auth_ctx *c,
			const char *name, unsigned roles, unsigned ministries)
{
	struct buf actor = BUF_INIT, tgt = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
	struct arena *ar = arena_new();
	const char *rn[8], *codes[32];
	struct auth_user u;
	int nroles = 0, ncodes = 0, own = 0, others, rc;

	auth_clear(a);
	if (!ar)
		return auth_fail(a, MD_ENOMEM, NULL, "out of memory");
	if ((rc = auth_check(a, c, AUTH_MANAGE_USERS, name)) ||
	    (rc = need_user(a, name, ar, &u)) ||
	    (rc = check_scope(a, roles, ministries)))
		goto out;
	if (u.roles == roles && u.ministries == ministries)
		goto out;
	if (c && c->user && (u.roles & AUTH_ADMIN) && !(roles & AUTH_ADMIN) && !u.disabled) {
		if ((rc = other_admins(a, u.id, &others)))
			goto out;
		if (!others) {
			rc = auth_fail_why(a, MD_EINPUT, AUTH_WHY_LAST_ADMIN, "roles",
					   "%s is the last enabled admin", name);
			goto out;
		}
	}
	names_of(roles, ministries, rn, &nroles, codes, &ncodes);
	target_of(&tgt, name);
	buf_puts(&before, "roles=");
	auth_roles_format(u.roles, &before);
	buf_puts(&before, "\nministries=");
	auth_ministries_format(u.ministries, 1, &before);
	buf_puts(&after, "roles=");
	auth_roles_format(roles, &after);
	buf_puts(&after, "\nministries=");
	auth_ministries_format(ministries, 1, &after);
	if ((rc = auth_tx_begin(a, &own)))
		goto out;
	if ((rc = store_account_roles(a->st, u.id, rn, nroles, codes, ncodes)))
		auth_store_fail(a, rc);
	else
		rc = auth_audit_in(a, c, auth_actor_text(c, &actor), "user.roles", tgt.ptr,
				   before.ptr, after.ptr);
	rc = auth_tx_end(a, own, rc);
out:
	arena_free(ar);
	buf_release(&actor);
	buf_release(&tgt);
	buf_release(&before);
	buf_release(&after);
	return rc;
}
