/*
 * Administration: accounts (/admin/users/...) and the audit trail
 * (/admin/audit/, /admin/audit.csv). The routes need WEB_ROLE_ADMIN; every
 * change goes through src/auth, which checks AUTH_MANAGE_USERS again and
 * audits it. Forms answer with POST-redirect-GET (?done=...) or, when
 * refused, the page again with the reason beside its field.
 */
#include <stdio.h>
#include <string.h>

#include "../text/text.h"
#include "internal.h"

#define NROLES 5

/* ---- users ---- */

int h_admin_users(struct ctx *c)
{
	struct auth *a = c->rq->writer->auth;
	struct arena *ar = arena_new();
	struct auth_user *u = NULL;
	struct auth_session *s;
	long long *last = NULL;
	int n = 0, ns, i, k, rc;

	if (!ar)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	rc = auth_user_list(a, ar, &u, &n);
	if (!rc && n > 0 && !(last = arena_alloc(ar, sizeof(*last) * (size_t)n)))
		rc = MD_ENOMEM;
	/* the last sign-in: the newest session the account still has on
	 * record (ended ones are kept 30 days) */
	for (i = 0; !rc && i < n; i++) {
		last[i] = 0;
		if ((rc = auth_sessions_list(a, u[i].name, ar, &s, &ns)))
			break;
		for (k = 0; k < ns; k++)
			last[i] = s[k].created > last[i] ? s[k].created : last[i];
	}
	if (!rc)
		rc = page_admin_users(c->st, &c->page, u, last, n, &c->rs->body);
	arena_free(ar);
	return rt_done(c, rc, 0, NULL);
}

/* Role names or ministries (any name auth_ministry_find() knows) as a
 * comma-separated list, ORed into *bits; unknown words count as nothing
 * (src/auth then refuses an empty set). */
static void listed_bits(const char *v, int roles, unsigned *bits)
{
	char word[64];
	const char *e;
	size_t n;

	while (v && *v) {
		e = strchr(v, ',');
		n = e ? (size_t)(e - v) : strlen(v);
		if (n < sizeof(word)) {
			memcpy(word, v, n);
			word[n] = 0;
			*bits |= roles ? auth_role_find(word) : auth_ministry_find(word);
		}
		v = e ? e + 1 : NULL;
	}
}

/* The roles and ministries ticked in the form (role_admin, ...,
 * ministry_meti, ...; or, for a client that is not this form, "role" and
 * "ministry" as comma-separated lists). */
static void ticked(struct ctx *c, unsigned *roles, unsigned *ministries)
{
	const struct text_ministry *m;
	char name[48];
	int i;

	*roles = *ministries = 0;
	listed_bits(web_form_get(c->rq->form, "role"), 1, roles);
	listed_bits(web_form_get(c->rq->form, "ministry"), 0, ministries);
	for (i = 0; i < NROLES; i++) {
		snprintf(name, sizeof(name), "role_%s", auth_role_name(1u << i));
		if (web_form_get(c->rq->form, name))
			*roles |= 1u << i;
	}
	for (i = 0; (m = text_ministry_at(i)); i++) {
		snprintf(name, sizeof(name), "ministry_%s", m->code);
		if (web_form_get(c->rq->form, name))
			*ministries |= 1u << i;
	}
}

/* What src/auth refused, as the form shows it: the sentence for its id
 * (in the page's language) and the field it is about (auth's field names
 * are the form's: name, display, email, password; the others match no
 * input, and the page says every error at the top as well). */
static const char *refusal(struct ctx *c, const char **field)
{
	struct auth *a = c->rq->writer->auth;
	const char *why = web_auth_why(auth_errwhy(a), c->page.en);

	*field = why ? auth_errfield(a) : NULL;
	return why ? why : msg_get(MSG_USER_REFUSED, c->page.en);
}

/* A form's status for a refusal. */
static int status_of(int rc)
{
	return rc == MD_ECONFLICT ? 409 : rc == MD_EFORBIDDEN ? 403 : 400;
}

static int user_form(struct ctx *c, int status, struct page_user_form *f)
{
	int rc;

	f->csrf = c->rq->user->csrf;
	rc = rt_done(c, page_admin_user(c->st, &c->page, f, &c->rs->body), 0, NULL);
	if (!rc && status != 200)
		c->rs->status = status;
	return rc;
}

int h_admin_user_new(struct ctx *c)
{
	struct page_user_form f;

	memset(&f, 0, sizeof(f));
	return user_form(c, 200, &f);
}

/* The password pair of a form (fields password, password2) for account
 * name: NULL when it will do, else the sentence (*field set). */
static const char *password_pair(struct ctx *c, const char *name, const char **pw,
				 const char **field)
{
	const char *pw2 = web_form_get(c->rq->form, "password2");
	const char *why;

	*pw = web_form_get(c->rq->form, "password");
	*field = "password";
	if (!*pw || !pw2)
		return msg_get(MSG_PW_SHORT, c->page.en);
	if ((why = web_pw_problem(auth_password_problem(name, *pw), c->page.en)))
		return why;
	*field = "password2";
	if (strcmp(*pw, pw2))
		return msg_get(MSG_PW_MISMATCH, c->page.en);
	*field = NULL;
	return NULL;
}

int h_admin_user_add(struct ctx *c)
{
	struct page_user_form f;
	struct auth_user_spec spec;
	struct auth_ctx ac;
	const char *pw, *why;
	char to[128];
	int rc;

	/* RF_OWN_LOCK: held from here on but while the password hashes */
	if ((rc = rt_writer_enter(c)))
		return rt_done(c, rc, 0, NULL);
	memset(&f, 0, sizeof(f));
	f.name = web_form_get(c->rq->form, "name");
	f.display = web_form_get(c->rq->form, "display");
	f.email = web_form_get(c->rq->form, "email");
	ticked(c, &f.roles, &f.ministries);
	if (!f.name || !*f.name || auth_name_reserved(f.name)) {
		f.field = "name";
		f.error = msg_get(f.name && *f.name ? MSG_USER_RESERVED : MSG_USER_BAD_NAME,
				  c->page.en);
		return user_form(c, 400, &f);
	}
	if ((why = password_pair(c, f.name, &pw, &f.field))) {
		f.error = why;
		return user_form(c, 400, &f);
	}
	memset(&spec, 0, sizeof(spec));
	spec.name = f.name;
	spec.display = f.display;
	spec.email = f.email;
	spec.roles = f.roles;
	spec.ministries = f.ministries;
	rt_auth_ctx(c, &ac);
	rc = auth_user_add(c->rq->writer->auth, &ac, &spec, pw);
	if (rc == MD_EINPUT || rc == MD_ECONFLICT || rc == MD_EFORBIDDEN) {
		f.error = refusal(c, &f.field);
		return user_form(c, status_of(rc), &f);
	}
	if (rc)
		return rt_done(c, rc, 0, NULL);
	snprintf(to, sizeof(to), "admin/users/%s/?done=add", f.name);
	return rt_see_other(c, to);
}

/* The account page of {user}: the account, its sessions, the forms. */
static int user_page(struct ctx *c, int status, const char *done, const char *error,
		     const char *field)
{
	struct auth *a = c->rq->writer->auth;
	struct arena *ar = arena_new();
	struct page_user_form f;
	struct auth_user u;
	struct auth_session *s = NULL;
	int rc;

	if (!ar)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	memset(&f, 0, sizeof(f));
	rc = auth_user_get(a, c->user, ar, &u);
	if (!rc)
		rc = auth_sessions_list(a, c->user, ar, &s, &f.nsessions);
	if (!rc) {
		f.user = &u;
		f.sessions = s;
		f.done = done;
		f.error = error;
		f.field = field;
		rc = user_form(c, status, &f);
	} else {
		rc = rt_done(c, rc, 0, msg_get(MSG_USER_UNKNOWN, c->page.en));
	}
	arena_free(ar);
	return rc;
}

static const char *const DONE[] = { "add", "roles", "disable", "enable", "passwd",
				    "end-sessions" };

int h_admin_user(struct ctx *c)
{
	const char *done = rt_arg(c, "done");
	size_t i;

	for (i = 0; done && i < MD_ARRAY_SIZE(DONE) && strcmp(done, DONE[i]); i++)
		;
	return user_page(c, 200, done && i < MD_ARRAY_SIZE(DONE) ? DONE[i] : NULL, NULL, NULL);
}

/* op=roles: display name, e-mail, roles and ministries in one transaction. */
static int user_roles(struct ctx *c, struct auth_ctx *ac)
{
	struct auth *a = c->rq->writer->auth;
	const char *display = web_form_get(c->rq->form, "display");
	const char *email = web_form_get(c->rq->form, "email");
	unsigned roles, ministries;
	int rc;

	ticked(c, &roles, &ministries);
	if ((rc = store_begin(c->wst)))
		return rt_done(c, MD_EDB, 0, NULL);
	rc = auth_user_update(a, ac, c->user, display, email);
	if (!rc)
		rc = auth_user_set_roles(a, ac, c->user, roles, ministries);
	if (!rc) {
		if (store_commit(c->wst))
			rc = MD_EDB;
	}
	if (rc)
		store_rollback(c->wst);
	return rc;
}

int h_admin_user_post(struct ctx *c)
{
	struct auth *a = c->rq->writer->auth;
	const char *op = web_form_get(c->rq->form, "op");
	const char *pw, *why, *field = NULL;
	struct auth_ctx ac;
	struct auth_user u;
	struct arena *ar;
	char to[128];
	int rc;

	/* RF_OWN_LOCK: held from here on but while a password hashes */
	if ((rc = rt_writer_enter(c)))
		return rt_done(c, rc, 0, NULL);
	if (!(ar = arena_new()))
		return rt_done(c, MD_ENOMEM, 0, NULL);
	rc = auth_user_get(a, c->user, ar, &u);
	arena_free(ar);
	if (rc)
		return rt_done(c, rc, 0, msg_get(MSG_USER_UNKNOWN, c->page.en));
	if (!op)
		op = "";
	rt_auth_ctx(c, &ac);
	if (!strcmp(op, "roles")) {
		rc = user_roles(c, &ac);
	} else if (!strcmp(op, "disable") || !strcmp(op, "enable")) {
		rc = auth_user_set_disabled(a, &ac, c->user, !strcmp(op, "disable"));
	} else if (!strcmp(op, "passwd")) {
		if ((why = password_pair(c, c->user, &pw, &field)))
			return user_page(c, 400, NULL, why, field);
		rc = auth_user_passwd(a, &ac, c->user, NULL, pw);
	} else if (!strcmp(op, "end-sessions")) {
		rc = auth_sessions_revoke_all(a, &ac, c->user, NULL);
	} else {
		return rt_html_error(c, 400, c->page.en ? "Unknown operation." : "不明な操作です。");
	}
	if (rc == MD_EINPUT || rc == MD_ECONFLICT || rc == MD_EFORBIDDEN) {
		why = refusal(c, &field);
		return user_page(c, status_of(rc), NULL, why, field);
	}
	if (rc)
		return rt_done(c, rc, 0, NULL);
	/* ending one's own sessions ends this one too */
	if (!strcmp(op, "end-sessions") && !strcmp(c->user, c->rq->user->name)) {
		if (rt_set_cookie(c, WEB_SESSION_COOKIE, "", 0, "Lax"))
			return rt_done(c, MD_ENOMEM, 0, NULL);
		return rt_see_other(c, "login/");
	}
	snprintf(to, sizeof(to), "admin/users/%s/?done=%s", c->user, op);
	return rt_see_other(c, to);
}

/* ---- the audit trail ---- */

/* The filters of the page and the CSV: since, until, user, action (empty
 * fields do not filter). 0, or MD_EINPUT for a date of another shape. */
static int audit_filter(struct ctx *c, struct store_filter *f)
{
	const char *v;

	memset(f, 0, sizeof(*f));
	if ((v = rt_arg(c, "since")) && *v) {
		if (!store_audit_time_ok(v))
			return MD_EINPUT;
		f->since = v;
	}
	if ((v = rt_arg(c, "until")) && *v) {
		if (!store_audit_time_ok(v))
			return MD_EINPUT;
		f->until = v;
	}
	if ((v = rt_arg(c, "user")) && *v)
		f->name = v;
	if ((v = rt_arg(c, "action")) && *v)
		f->action = v;
	return 0;
}

int h_admin_audit(struct ctx *c)
{
	struct store_filter f;
	int page = 1, rc;

	if (rt_arg_int(c, "page", 1, 1000000, &page))
		page = 1;
	if (!page)
		page = 1;
	if (audit_filter(c, &f)) {
		rc = page_admin_audit(c->st, &c->page, &f, 1,
				      msg_get(MSG_AUDIT_BAD_DATE, c->page.en), &c->rs->body);
		rc = rt_done(c, rc, 0, NULL);
		if (!rc)
			c->rs->status = 400;
		return rc;
	}
	return rt_done(c, page_admin_audit(c->st, &c->page, &f, page, NULL, &c->rs->body), 0,
		       NULL);
}

/* The CSV (report_audit, as `mdplan audit --csv`): itself an export of
 * non-public data, so it is audited first, with the filters it used. */
int h_admin_audit_csv(struct ctx *c)
{
	struct store_filter f;
	struct auth_ctx ac;
	struct buf after = BUF_INIT;
	int rc;

	if (audit_filter(c, &f))
		return rt_html_error(c, 400, msg_get(MSG_AUDIT_BAD_DATE, c->page.en));
	buf_printf(&after, "since=%s\nuntil=%s\nuser=%s\naction=%s", f.since ? f.since : "",
		   f.until ? f.until : "", f.name ? f.name : "", f.action ? f.action : "");
	rt_auth_ctx(c, &ac);
	rc = buf_error(&after) ? MD_ENOMEM :
		auth_audit(c->rq->writer->auth, &ac, "export", "audit.csv", NULL, after.ptr);
	buf_release(&after);
	if (rc)
		return rt_done(c, rc, 0, NULL);
	c->rs->ctype = "text/csv; charset=utf-8";
	snprintf(c->rs->filename, sizeof(c->rs->filename), "audit.csv");
	/* the writer's connection: the trail as it is now, this export too */
	return rt_done(c, report_audit(c->wst, &f, REPORT_CSV, &c->rs->body), 0, NULL);
}
