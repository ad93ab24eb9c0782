/*
 * Administration pages: the accounts (list, new, one account with its
 * forms) and the audit trail. The accounts come from the caller (web, from
 * src/auth); the audit page reads the trail with the query `mdplan audit`
 * uses (store_each_audit) and checks its chain (store_audit_verify).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* the columns of the accounts list and of the audit trail */
static const enum msg user_cols[] = {
	MSG_USER_NAME, MSG_USER_DISPLAY, MSG_USER_ROLES, MSG_USER_MINISTRIES, MSG_USER_STATE,
	MSG_USER_LAST_LOGIN
};
static const enum msg audit_cols[] = {
	MSG_AUDIT_TIME, MSG_AUDIT_ACTOR, MSG_AUDIT_ACTION, MSG_AUDIT_TARGET, MSG_SESSION_ADDRESS,
	MSG_AUDIT_CHANGE
};

#define NROLES 5

static const enum msg role_msg[NROLES] = { MSG_ROLE_ADMIN, MSG_ROLE_SECRETARIAT,
					   MSG_ROLE_EDITOR, MSG_ROLE_REVIEWER, MSG_ROLE_DESK };

/* "管理者、事務局" / "Administrator, Secretariat" */
static void roles_text(struct pg *g, unsigned roles)
{
	int i, first = 1;

	for (i = 0; i < NROLES; i++) {
		if (!(roles & (1u << i)))
			continue;
		if (!first)
			html_text(g->h, g->p->en ? ", " : "、");
		html_msg(g->h, role_msg[i]);
		first = 0;
	}
	if (first)
		H_RAW(g->h, "—");
}

static void ministries_text(struct pg *g, unsigned ministries)
{
	const struct text_ministry *m;
	int i, first = 1;

	for (i = 0; (m = text_ministry_at(i)); i++) {
		if (!(ministries & (1u << i)))
			continue;
		if (!first)
			html_text(g->h, g->p->en ? ", " : "、");
		html_text(g->h, g->p->en ? m->code : m->abbrev);
		first = 0;
	}
	if (first)
		H_RAW(g->h, "—");
}

static void admin_head(struct pg *g, const char *title, const char *parent_href,
		       const char *parent)
{
	struct crumb c[2];
	int n = 0;

	if (parent) {
		c[n].href = parent_href;
		c[n++].text = parent;
	}
	c[n].href = NULL;
	c[n++].text = title;
	pg_head(g, title, c, n);
}

int page_admin_users(struct store *st, const struct page *p, const struct auth_user *u,
		     const long long *last, int n, struct buf *out)
{
	struct pg g;
	int i, rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	admin_head(&g, M(&g, MSG_USERS), NULL, NULL);
	H_RAW(g.h, "<p>");
	pg_link(&g, "admin/users/new/", M(&g, MSG_USER_NEW));
	H_RAW(g.h, " · ");
	pg_link(&g, "admin/audit/", M(&g, MSG_AUDIT));
	H_RAW(g.h, "</p>\n");
	pg_region(&g, M(&g, MSG_USERS));
	H_RAW(g.h, "<table class=\"users\"><thead><tr>");
	pg_col_heads(&g, user_cols, (int)MD_ARRAY_SIZE(user_cols));
	H_RAW(g.h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		H_RAW(g.h, "<tr><th scope=\"row\">");
		pg_link(&g, pg_fmt(&g, "admin/users/%s/", u[i].name), u[i].name);
		H_RAW(g.h, "</th><td>");
		html_text(g.h, u[i].display);
		H_RAW(g.h, "</td><td>");
		roles_text(&g, u[i].roles);
		H_RAW(g.h, "</td><td>");
		ministries_text(&g, u[i].ministries);
		H_RAW(g.h, "</td><td>");
		if (u[i].disabled)
			H_RAW(g.h, "<span class=\"state missing\">");
		else
			H_RAW(g.h, "<span class=\"state done\">");
		html_msg(g.h, u[i].disabled ? MSG_USER_DISABLED : MSG_USER_ENABLED);
		H_RAW(g.h, "</span></td><td>");
		if (last && last[i])
			html_text(g.h, pg_time(&g, last[i]));
		else
			html_msg(g.h, MSG_USER_NEVER);
		H_RAW(g.h, "</td></tr>\n");
	}
	H_RAW(g.h, "</tbody></table></div>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* The role and ministry checkboxes, ticked as roles/ministries say. */
static void role_boxes(struct pg *g, unsigned roles, unsigned ministries)
{
	const struct text_ministry *m;
	int i;

	H_RAW(g->h, "<fieldset class=\"checks\"><legend>");
	html_msg(g->h, MSG_USER_ROLES);
	H_RAW(g->h, "</legend>\n");
	for (i = 0; i < NROLES; i++)
		html_checkbox(g->h, pg_fmt(g, "role_%s", auth_role_name(1u << i)), NULL,
			      M(g, role_msg[i]), (roles & (1u << i)) != 0);
	H_RAW(g->h, "</fieldset>\n<fieldset class=\"checks\"><legend>");
	html_msg(g->h, MSG_USER_MINISTRIES);
	H_RAW(g->h, "</legend>\n");
	for (i = 0; (m = text_ministry_at(i)); i++)
		html_checkbox(g->h, pg_fmt(g, "ministry_%s", m->code), NULL,
			      g->p->en ? m->name_en : m->name_ja, (ministries & (1u << i)) != 0);
	H_RAW(g->h, "</fieldset>\n");
}

static void password_fields(struct pg *g, const struct page_user_form *f, enum msg l1,
			    enum msg l2)
{
	struct html_field pw = { .name = "password", .type = HTML_INPUT_PASSWORD,
				 .required = 1, .autocomplete = "new-password" };
	struct html_field pw2 = { .name = "password2", .type = HTML_INPUT_PASSWORD,
				  .required = 1, .autocomplete = "new-password" };

	pw.label = M(g, l1);
	pw.help = M(g, MSG_PW_HINT);
	pw.error = pg_field_error(f->error, f->field, "password");
	pw2.label = M(g, l2);
	pw2.error = pg_field_error(f->error, f->field, "password2");
	html_input(g->h, &pw);
	html_input(g->h, &pw2);
}

static void new_user(struct pg *g, const struct page_user_form *f)
{
	struct html_field name = { .name = "name", .required = 1, .autocomplete = "off" };
	struct html_field display = { .name = "display" };
	struct html_field email = { .name = "email", .type = HTML_INPUT_EMAIL };

	name.label = M(g, MSG_USER_NAME);
	name.help = M(g, MSG_USER_NAME_HINT);
	name.value = f->name;
	name.error = pg_field_error(f->error, f->field, "name");
	display.label = M(g, MSG_USER_DISPLAY);
	display.value = f->display;
	display.error = pg_field_error(f->error, f->field, "display");
	email.label = M(g, MSG_USER_EMAIL);
	email.value = f->email;
	email.error = pg_field_error(f->error, f->field, "email");
	html_form_post(g->h, pg_fmt(g, "%sadmin/users/new/", g->p->root), f->csrf);
	html_input(g->h, &name);
	html_input(g->h, &display);
	html_input(g->h, &email);
	role_boxes(g, f->roles, f->ministries);
	password_fields(g, f, MSG_USER_PASSWORD, MSG_USER_PASSWORD2);
	html_submit(g->h, NULL, NULL, M(g, MSG_USER_ADD));
	html_form_end(g->h);
}

static void one_user(struct pg *g, const struct page_user_form *f)
{
	const struct auth_user *u = f->user;
	const char *self = pg_fmt(g, "%sadmin/users/%s/", g->p->root, u->name);
	struct html_field display = { .name = "display" };
	struct html_field email = { .name = "email", .type = HTML_INPUT_EMAIL };

	H_RAW(g->h, "<dl class=\"facts\"><dt>");
	html_msg(g->h, MSG_USER_NAME);
	H_RAW(g->h, "</dt><dd>");
	html_text(g->h, u->name);
	H_RAW(g->h, "</dd><dt>");
	html_msg(g->h, MSG_USER_ROLES);
	H_RAW(g->h, "</dt><dd>");
	roles_text(g, u->roles);
	H_RAW(g->h, "</dd><dt>");
	html_msg(g->h, MSG_USER_MINISTRIES);
	H_RAW(g->h, "</dt><dd>");
	ministries_text(g, u->ministries);
	H_RAW(g->h, "</dd><dt>");
	html_msg(g->h, MSG_USER_STATE);
	H_RAW(g->h, "</dt><dd>");
	html_msg(g->h, u->disabled ? MSG_USER_DISABLED : MSG_USER_ENABLED);
	H_RAW(g->h, "</dd></dl>\n");

	H_RAW(g->h, "<h2 id=\"profile\">");
	html_msg(g->h, MSG_USER_PROFILE);
	H_RAW(g->h, "</h2>\n");
	display.label = M(g, MSG_USER_DISPLAY);
	display.value = u->display;
	display.error = pg_field_error(f->error, f->field, "display");
	email.label = M(g, MSG_USER_EMAIL);
	email.value = u->email;
	email.error = pg_field_error(f->error, f->field, "email");
	html_form_post(g->h, self, f->csrf);
	html_hidden(g->h, "op", "roles");
	html_input(g->h, &display);
	html_input(g->h, &email);
	role_boxes(g, u->roles, u->ministries);
	html_submit(g->h, NULL, NULL, M(g, MSG_USER_SAVE));
	html_form_end(g->h);

	H_RAW(g->h, "<h2 id=\"access\">");
	html_msg(g->h, MSG_USER_ACCESS);
	H_RAW(g->h, "</h2>\n");
	html_form_post(g->h, self, f->csrf);
	html_hidden(g->h, "op", u->disabled ? "enable" : "disable");
	html_submit(g->h, NULL, NULL, M(g, u->disabled ? MSG_USER_ENABLE : MSG_USER_DISABLE));
	html_form_end(g->h);

	H_RAW(g->h, "<h2 id=\"password\">");
	html_msg(g->h, MSG_USER_SET_PW);
	H_RAW(g->h, "</h2>\n");
	html_form_post(g->h, self, f->csrf);
	html_hidden(g->h, "op", "passwd");
	password_fields(g, f, MSG_PW_NEW, MSG_PW_NEW2);
	html_submit(g->h, NULL, NULL, M(g, MSG_USER_SET_PW_BTN));
	html_form_end(g->h);

	H_RAW(g->h, "<h2 id=\"sessions\">");
	html_msg(g->h, MSG_SESSIONS);
	H_RAW(g->h, "</h2>\n");
	pg_sessions(g, f->sessions, f->nsessions, 0, NULL, NULL, 0);
	html_form_post(g->h, self, f->csrf);
	html_hidden(g->h, "op", "end-sessions");
	html_submit(g->h, NULL, NULL, M(g, MSG_SESSION_END_ALL));
	html_form_end(g->h);
}

int page_admin_user(struct store *st, const struct page *p, const struct page_user_form *f,
		    struct buf *out)
{
	struct pg g;
	const char *done = NULL;
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	admin_head(&g, f->user ? f->user->name : M(&g, MSG_USER_NEW), "admin/users/",
		   M(&g, MSG_USERS));
	if (f->done)
		done = M(&g, !strcmp(f->done, "add") ? MSG_USER_ADDED : MSG_USER_DONE);
	/* an error beside a field is also said at the top, where it is seen */
	pg_form_note(&g, done, f->error, NULL);
	if (f->user)
		one_user(&g, f);
	else
		new_user(&g, f);
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- the audit trail ---- */

struct audit_win {
	struct pg *g;
	long long total;      /* entries that match */
	long long from, to;   /* the window: seq numbers by position, [from, to) */
	struct store_audit_row *rows;
	int n;
};

static int audit_count(void *ctx, const struct store_audit_row *r)
{
	(void)r;
	((struct audit_win *)ctx)->total++;
	return 0;
}

static const char *keep_str(struct pg *g, const char *s)
{
	const char *d = arena_strdup(g->a, s ? s : "");

	return d ? d : "";
}

static int audit_keep(void *ctx, const struct store_audit_row *r)
{
	struct audit_win *w = ctx;
	struct store_audit_row *k;
	long long pos = w->total++;

	if (pos < w->from || pos >= w->to)
		return 0;
	k = &w->rows[w->n++];
	*k = *r;
	k->time = keep_str(w->g, r->time);
	k->actor = keep_str(w->g, r->actor);
	k->address = keep_str(w->g, r->address);
	k->action = keep_str(w->g, r->action);
	k->target = keep_str(w->g, r->target);
	k->before = r->null.before ? NULL : keep_str(w->g, r->before);
	k->after = r->null.after ? NULL : keep_str(w->g, r->after);
	k->request_id = keep_str(w->g, r->request_id);
	k->prev_hash = k->hash = "";
	return arena_error(w->g->a);
}

/* The query string of the filters (values percent-encoded), then extra. */
static const char *audit_query(struct pg *g, const struct store_filter *f, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *names[4] = { "since", "until", "user", "action" };
	const char *vals[4];
	char out[1024];
	size_t n = 0;
	int i;

	vals[0] = f->since;
	vals[1] = f->until;
	vals[2] = f->name;
	vals[3] = f->action;
	out[0] = 0;
	for (i = 0; i < 4; i++) {
		const unsigned char *s = (const unsigned char *)vals[i];

		if (!s || !*s)
			continue;
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s=", n ? "&" : "?", names[i]);
		for (; *s && n + 4 < sizeof(out); s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' || *s == '_' ||
			    *s == ':')
				out[n++] = (char)*s;
			else {
				out[n++] = '%';
				out[n++] = hex[*s >> 4];
				out[n++] = hex[*s & 15];
			}
		}
		out[n] = 0;
		if (n + 4 >= sizeof(out))
			break;
	}
	if (extra)
		return pg_fmt(g, "%s%s%s", out, *out ? "&" : "?", extra);
	return pg_fmt(g, "%s", out);
}

static void audit_form(struct pg *g, const struct store_filter *f, const char *error)
{
	struct html_field since = { .name = "since", .value = f->since };
	struct html_field until = { .name = "until", .value = f->until };
	struct html_field user = { .name = "user", .value = f->name };
	struct html_field action = { .name = "action", .value = f->action };

	since.label = M(g, MSG_AUDIT_SINCE);
	since.help = M(g, MSG_AUDIT_DATE_HINT);
	since.error = error;
	until.label = M(g, MSG_AUDIT_UNTIL);
	user.label = M(g, MSG_AUDIT_USER);
	action.label = M(g, MSG_AUDIT_ACTION);
	action.help = "login, login.fail, user, user.passwd, export, …";
	html_form_get(g->h, pg_fmt(g, "%sadmin/audit/", g->p->root), "search audit");
	html_input(g->h, &since);
	html_input(g->h, &until);
	html_input(g->h, &user);
	html_input(g->h, &action);
	H_RAW(g->h, "<p>");
	html_submit(g->h, NULL, NULL, M(g, MSG_AUDIT_FILTER));
	H_RAW(g->h, "</p>");
	html_form_end(g->h);
}

static void audit_text(struct pg *g, enum msg label, const char *s)
{
	if (!s)
		return;
	H_RAW(g->h, "<div class=\"change\"><span class=\"meta\">");
	html_msg(g->h, label);
	H_RAW(g->h, "</span><pre>");
	html_text(g->h, s);
	H_RAW(g->h, "</pre></div>");
}

int page_admin_audit(struct store *st, const struct page *p, const struct store_filter *f,
		     int page, const char *error, struct buf *out)
{
	struct pg g;
	struct store_audit_check chk;
	struct buf why = BUF_INIT;
	struct audit_win w;
	long long pages;
	int i, rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&w, 0, sizeof(w));
	w.g = &g;
	if ((rc = store_audit_verify(st, &chk, &why)) ||
	    (rc = store_each_audit(st, f, audit_count, &w)))
		goto out;
	pages = w.total ? (w.total + PAGE_AUDIT_PER_PAGE - 1) / PAGE_AUDIT_PER_PAGE : 1;
	if (page > pages)
		page = (int)pages;
	/* page 1 is the newest: the last PAGE_AUDIT_PER_PAGE by position */
	w.to = w.total - (long long)(page - 1) * PAGE_AUDIT_PER_PAGE;
	w.from = w.to - PAGE_AUDIT_PER_PAGE > 0 ? w.to - PAGE_AUDIT_PER_PAGE : 0;
	w.total = 0;
	if (!(w.rows = arena_alloc(g.a, sizeof(*w.rows) * PAGE_AUDIT_PER_PAGE))) {
		rc = MD_ENOMEM;
		goto out;
	}
	if ((rc = store_each_audit(st, f, audit_keep, &w)))
		goto out;

	admin_head(&g, M(&g, MSG_AUDIT), "admin/users/", M(&g, MSG_USERS));
	if (chk.bad) {
		H_RAW(g.h, "<p class=\"error chain\" role=\"alert\">");
		html_msgf(g.h, MSG_AUDIT_BROKEN_F, chk.bad);
		H_RAW(g.h, "（");
		html_text(g.h, why.ptr);
		H_RAW(g.h, "）</p>\n");
	} else {
		H_RAW(g.h, "<p class=\"done chain\">");
		html_msgf(g.h, MSG_AUDIT_INTACT_F, chk.entries);
		H_RAW(g.h, "</p>\n");
	}
	if (error) {
		H_RAW(g.h, "<p class=\"error\" role=\"alert\">");
		html_text(g.h, error);
		H_RAW(g.h, "</p>\n");
	}
	audit_form(&g, f, error);
	H_RAW(g.h, "<p><a href=\"");
	html_url3(g.h, p->root, "admin/audit.csv", audit_query(&g, f, NULL));
	H_RAW(g.h, "\" download>");
	html_msg(g.h, MSG_AUDIT_CSV);
	H_RAW(g.h, "</a></p>\n");
	if (!w.total) {
		H_RAW(g.h, "<p class=\"none\">");
		html_msg(g.h, MSG_AUDIT_NONE);
		H_RAW(g.h, "</p>\n");
		goto foot;
	}
	H_RAW(g.h, "<p class=\"meta\">");
	html_msgf(g.h, MSG_AUDIT_COUNT_F, w.total, w.total - w.to + 1, w.total - w.from);
	H_RAW(g.h, "</p>\n");
	pg_region(&g, M(&g, MSG_AUDIT));
	H_RAW(g.h, "<table class=\"audit\"><thead><tr><th scope=\"col\">#</th>");
	pg_col_heads(&g, audit_cols, (int)MD_ARRAY_SIZE(audit_cols));
	H_RAW(g.h, "</tr></thead>\n<tbody>\n");
	for (i = w.n - 1; i >= 0; i--) {
		const struct store_audit_row *r = &w.rows[i];

		H_FMT(g.h, "<tr><td class=\"n\">%lld</td><td class=\"t\">", r->seq);
		html_text(g.h, r->time);
		H_RAW(g.h, "</td><td>");
		html_text(g.h, r->actor);
		H_RAW(g.h, "</td><td><code>");
		html_text(g.h, r->action);
		H_RAW(g.h, "</code></td><td>");
		html_text(g.h, r->target);
		H_RAW(g.h, "</td><td>");
		html_text(g.h, *r->address ? r->address : "—");
		H_RAW(g.h, "</td><td>");
		audit_text(&g, MSG_AUDIT_BEFORE, r->before);
		audit_text(&g, MSG_AUDIT_AFTER, r->after);
		H_RAW(g.h, "</td></tr>\n");
	}
	H_RAW(g.h, "</tbody></table></div>\n");
	if (pages > 1) {
		H_RAW(g.h, "<nav class=\"pages\" aria-label=\"");
		html_attr(g.h, M(&g, MSG_PAGING));
		H_RAW(g.h, "\"><ul>");
		if (page > 1) {
			H_RAW(g.h, "<li><a rel=\"prev\" href=\"");
			html_url3(g.h, p->root, "admin/audit/",
				  audit_query(&g, f, pg_fmt(&g, "page=%d", page - 1)));
			H_RAW(g.h, "\">");
			html_msg(g.h, MSG_PREVIOUS);
			H_RAW(g.h, "</a></li>");
		}
		H_FMT(g.h, "<li>%d / %lld</li>", page, pages);
		if (page < pages) {
			H_RAW(g.h, "<li><a rel=\"next\" href=\"");
			html_url3(g.h, p->root, "admin/audit/",
				  audit_query(&g, f, pg_fmt(&g, "page=%d", page + 1)));
			H_RAW(g.h, "\">");
			html_msg(g.h, MSG_NEXT);
			H_RAW(g.h, "</a></li>");
		}
		H_RAW(g.h, "</ul></nav>\n");
	}
foot:
	pg_foot(&g);
out:
	buf_release(&why);
	return pg_close(&g, rc);
}
