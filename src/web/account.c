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
	rt_auth_ctx(c, &ac);
	ac.user = NULL;
	memset(&in, 0, sizeof(in));
	in.name = user;
	in.password = pw;
	in.old_token = c->rq->session_token;
	memset(&res, 0, sizeof(res));
	rc = auth_login(a, &ac, &in, &res);
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

int h_account(struct ctx *c)
{
	const struct web_user *u = c->rq->user;
	struct buf roles = BUF_INIT;
	struct page_account pa;
	int rc;

	auth_roles_format(u->roles, &roles);
	pa.name = u->name;
	pa.display = u->display;
	pa.roles = roles.ptr;
	pa.csrf = u->csrf;
	rc = page_account(c->st, &c->page, &pa, &c->rs->body);
	buf_release(&roles);
	return rt_done(c, rc, 0, NULL);
}

int web_session(struct web_writer *w, const char *cookie_header, struct arena *ar,
		struct web_user *u)
{
	struct auth_session *s;
	char tok[64];
	int rc;

	memset(u, 0, sizeof(*u));
	if (!w || !w->auth || !cookie_header ||
	    web_cookie_get(cookie_header, WEB_SESSION_COOKIE, tok, sizeof(tok)) != 1 ||
	    !crypto_token_shape(tok, strlen(tok)))
		return 0;
	s = arena_alloc(ar, sizeof(*s));
	if (!s)
		return 0;
	pthread_mutex_lock(&w->mu);
	rc = auth_session_lookup(w->auth, tok, ar, s);
	pthread_mutex_unlock(&w->mu);
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

