/*
 * Sign-in, sign-out and the account page; and web_session(), which the
 * server calls to turn a session cookie into the request's user.
 */
#include <stdio.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "internal.h"


/* The sign-in form with a pre-session CSRF token (double submit: the
 * same random token in a short-lived cookie and in the form). */
static int login_form(struct ctx *c, int status, const char *user, const char *error)
{
	struct buf tok = BUF_INIT;
	struct page_login l;
	char pre[64];
	int rc;

	if (web_cookie_get(rt_header(c->rq, "Cookie"), WEB_PRE_COOKIE, pre, sizeof(pre)) == 1 &&
	    crypto_token_shape(pre, strlen(pre))) {
		buf_puts(&tok, pre);
	} else if (crypto_token_new(&tok) || rt_set_cookie(c, WEB_PRE_COOKIE, tok.ptr, 1, "Strict")) {
		buf_release(&tok);
		return rt_done(c, MD_ENOMEM, 0, NULL);
	}
	l.user = user;
	l.error = error;
	l.csrf = tok.ptr;
	rc = page_login(c->st, &c->page, &l, &c->rs->body);
	buf_release(&tok);
	rc = rt_done(c, rc, 0, NULL);
	if (!rc)
		c->rs->status = status;
	return rc;
}

int h_login(struct ctx *c)
{
	if (c->rq->user)
		return rt_see_other(c, "account/");
	return login_form(c, 200, NULL, NULL);
}

int h_login_post(struct ctx *c)
{
	struct auth *a = c->rq->writer->auth;
	struct auth_ctx ac;
	struct auth_login in;
	struct auth_login_result res;
	const char *user = web_form_get(c->rq->form, "user");
	const char *pw = web_form_get(c->rq->form, "password");
	char retry[32];
	int rc;

	if (!user || !pw)
		return login_form(c, 400, user, msg_get(MSG_LOGIN_DENIED, c->page.en));
	memset(&in, 0, sizeof(in));
	in.name = user;
	in.password = pw;
	in.old_token = c->rq->session_token;
	memset(&res, 0, sizeof(res));
	if ((rc = rt_writer_enter(c)))
		return rt_done(c, rc, 0, NULL);
	rt_auth_ctx(c, &ac);          /* with the lock: its pause lets go of it */
	ac.user = NULL;
	rc = auth_login(a, &ac, &in, &res);
	rt_writer_leave(c);
	if (rc)
		return rt_done(c, rc, 0, NULL);
	if (res.status == AUTH_LOGIN_THROTTLED) {
		snprintf(retry, sizeof(retry), "%lld", res.retry_after > 0 ? res.retry_after : 1);
		if (web_resp_header(c->rs, "Retry-After", retry))
			return rt_done(c, MD_ENOMEM, 0, NULL);
		return login_form(c, 429, user, msg_get(MSG_LOGIN_THROTTLED, c->page.en));
	}
	if (res.status != AUTH_LOGIN_OK)
		return login_form(c, 200, user, msg_get(MSG_LOGIN_DENIED, c->page.en));
	rc = rt_set_cookie(c, WEB_SESSION_COOKIE, res.token, -1, "Lax") ||
		rt_set_cookie(c, WEB_PRE_COOKIE, "", 0, "Strict");
	crypto_wipe(res.token, sizeof(res.token));
	if (rc)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	return rt_see_other(c, "account/");
}

int h_logout(struct ctx *c)
{
	struct auth_ctx ac;

	rt_auth_ctx(c, &ac);
	/* MD_ENOTFOUND: it ended meanwhile; signed out either way */
	if (auth_logout(c->rq->writer->auth, &ac, c->rq->user->token) == MD_EDB)
		return rt_done(c, MD_EDB, 0, NULL);
	if (rt_set_cookie(c, WEB_SESSION_COOKIE, "", 0, "Lax"))
		return rt_done(c, MD_ENOMEM, 0, NULL);
	return rt_see_other(c, "");
}

const char *web_pw_problem(enum auth_pw_problem p, int en)
{
	switch (p) {
	case AUTH_PW_OK: return NULL;
	case AUTH_PW_INVALID: return msg_get(MSG_PW_INVALID, en);
	case AUTH_PW_SHORT: return msg_get(MSG_PW_SHORT, en);
	case AUTH_PW_LONG: return msg_get(MSG_PW_LONG, en);
	case AUTH_PW_NAME: return msg_get(MSG_PW_NAME, en);
	case AUTH_PW_COMMON: return msg_get(MSG_PW_COMMON, en);
	default: return msg_get(MSG_PW_PATTERN, en);
	}
}

int web_retry_after(struct ctx *c, long long seconds)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", seconds > 0 ? seconds : 1);
	return web_resp_header(c->rs, "Retry-After", v);
}

/* The account page, with a form's outcome: status 200 unless a form was
 * refused (error beside field). */
static int account_page(struct ctx *c, int status, const char *done, const char *error,
			const char *field)
{
	const struct web_user *u = c->rq->user;
	struct buf roles = BUF_INIT;
	struct page_account pa;
	struct arena *ar = arena_new();
	int rc;

	memset(&pa, 0, sizeof(pa));
	if (!ar)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	auth_roles_format(u->roles, &roles);
	pa.name = u->name;
	pa.display = u->display;
	pa.roles = roles.ptr;
	pa.csrf = u->csrf;
	pa.current = u->session;
	pa.done = done;
	pa.error = error;
	pa.field = field;
	rc = auth_sessions_list(c->rq->writer->auth, u->name, ar, (struct auth_session **)&pa.sessions,
				&pa.nsessions);
	if (!rc)
		rc = page_account(c->st, &c->page, &pa, &c->rs->body);
	buf_release(&roles);
	arena_free(ar);
	rc = rt_done(c, rc, 0, NULL);
	if (!rc && status != 200)
		c->rs->status = status;
	return rc;
}

int h_account(struct ctx *c)
{
	const char *done = rt_arg(c, "done");

	if (done && strcmp(done, "password") && strcmp(done, "session"))
		done = NULL;
	return account_page(c, 200, done, NULL, NULL);
}

static int account_password(struct ctx *c)
{
	const struct web_user *u = c->rq->user;
	struct auth *a = c->rq->writer->auth;
	const char *old = web_form_get(c->rq->form, "old");
	const char *pw = web_form_get(c->rq->form, "new");
	const char *pw2 = web_form_get(c->rq->form, "new2");
	const char *why;
	struct auth_ctx ac;
	int en = c->page.en, rc;

	if (!old || !*old)
		return account_page(c, 400, NULL, msg_get(MSG_PW_WRONG_OLD, en), "old");
	if (!pw || !pw2)
		return account_page(c, 400, NULL, msg_get(MSG_PW_SHORT, en), "new");
	if ((why = web_pw_problem(auth_password_problem(u->name, pw), en)))
		return account_page(c, 400, NULL, why, "new");
	if (strcmp(pw, pw2))
		return account_page(c, 400, NULL, msg_get(MSG_PW_MISMATCH, en), "new2");
	rt_auth_ctx(c, &ac);
	rc = auth_user_passwd(a, &ac, u->name, old, pw);
	if (!rc)
		return rt_see_other(c, "account/?done=password");
	why = web_auth_why(auth_errwhy(a), en);
	if (auth_errwhy(a) == AUTH_WHY_THROTTLED) {
		if (web_retry_after(c, auth_retry_after(a)))
			return rt_done(c, MD_ENOMEM, 0, NULL);
		return account_page(c, 429, NULL, why, "old");
	}
	/* changed elsewhere meanwhile: 409, nothing written */
	if (auth_errwhy(a) == AUTH_WHY_PW_CHANGED)
		return account_page(c, 409, NULL, why, "old");
	/* the current password is what authorizes the change: 403 */
	if (auth_errwhy(a) == AUTH_WHY_OLD_PASSWORD)
		return account_page(c, 403, NULL, why, "old");
	if (rc == MD_EINPUT && why)   /* the policy said no after all */
		return account_page(c, 400, NULL, why, "new");
	return rt_done(c, rc == MD_EFORBIDDEN ? MD_EDB : rc, 0, NULL);
}

static int account_end_session(struct ctx *c)
{
	const struct web_user *u = c->rq->user;
	const char *id = web_form_get(c->rq->form, "session");
	struct auth_ctx ac;
	long long sid;
	int rc;

	if (!id || num_parse_ll(id, strlen(id), 1, 1LL << 62, &sid))
		return account_page(c, 400, NULL, msg_get(MSG_SESSION_UNKNOWN, c->page.en), "session");
	rt_auth_ctx(c, &ac);
	rc = auth_session_revoke(c->rq->writer->auth, &ac, u->name, sid);
	if (rc == MD_ENOTFOUND)
		return account_page(c, 404, NULL, msg_get(MSG_SESSION_UNKNOWN, c->page.en), "session");
	if (rc)
		return rt_done(c, rc == MD_EFORBIDDEN ? MD_EDB : rc, 0, NULL);
	if (sid == u->session) {   /* ended the one it came with: signed out */
		if (rt_set_cookie(c, WEB_SESSION_COOKIE, "", 0, "Lax"))
			return rt_done(c, MD_ENOMEM, 0, NULL);
		return rt_see_other(c, "login/");
	}
	return rt_see_other(c, "account/?done=session");
}

int h_account_post(struct ctx *c)
{
	const char *op = web_form_get(c->rq->form, "op");
	int rc;

	/* RF_OWN_LOCK: held from here on (the route lets go of it after)
	 * but while the password change hashes (rt_auth_ctx()) */
	if ((rc = rt_writer_enter(c)))
		return rt_done(c, rc, 0, NULL);

	if (op && !strcmp(op, "password"))
		return account_password(c);
	if (op && !strcmp(op, "end-session"))
		return account_end_session(c);
	return rt_html_error(c, 400, c->page.en ? "Unknown operation." : "不明な操作です。");
}

int web_session(struct web_writer *w, struct auth *reader, const char *cookie_header,
		struct arena *ar, struct web_user *u)
{
	struct auth_session *s;
	char tok[64];
	int rc = -1, touch = 1;

	memset(u, 0, sizeof(*u));
	if (!w || !w->auth || !cookie_header ||
	    web_cookie_get(cookie_header, WEB_SESSION_COOKIE, tok, sizeof(tok)) != 1 ||
	    !crypto_token_shape(tok, strlen(tok)))
		return 0;
	s = arena_alloc(ar, sizeof(*s));
	if (!s)
		return 0;
	/* the writer only when the use is to be noted (or the reader failed) */
	if (reader)
		rc = auth_session_peek(reader, tok, ar, s, &touch);
	if (rc == MD_ENOTFOUND)
		return 0;
	if (rc || touch) {
		pthread_mutex_lock(&w->mu);
		rc = auth_session_lookup(w->auth, tok, ar, s);
		pthread_mutex_unlock(&w->mu);
	}
	if (rc || !s->live)
		return 0;
	u->name = s->user.name;
	u->display = s->user.display;
	u->roles = s->user.roles;
	u->ministries = s->user.ministries;
	u->csrf = s->csrf;
	u->session = s->id;
	u->token = arena_strdup(ar, tok);
	u->account = &s->user;
	return u->token ? 1 : 0;
}

