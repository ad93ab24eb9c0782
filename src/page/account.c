/*
 * The sign-in page and "my account": forms only, through the emitter.
 * What they show comes from the caller (web's handlers, which have it from
 * src/auth); nothing here reads an account. The sessions table and the
 * form messages are shared with the administration pages (admin.c).
 */
#include <string.h>

#include "internal.h"

/* the columns of a sessions list; the last only with end buttons */
static const enum msg session_cols[] = {
	MSG_SESSION_CREATED, MSG_SESSION_LAST, MSG_SESSION_ADDRESS, MSG_SESSION_AGENT, MSG_ACT
};

int page_login(struct store *st, const struct page *p, const struct page_login *l,
	       struct buf *out)
{
	struct pg g;
	struct crumb c[1];
	struct html_field user = { .name = "user", .label = NULL, .required = 1,
				   .autocomplete = "username" };
	struct html_field pw = { .name = "password", .label = NULL, .required = 1,
				 .type = HTML_INPUT_PASSWORD,
				 .autocomplete = "current-password" };
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	c[0].href = NULL;
	c[0].text = M(&g, MSG_LOGIN);
	pg_head(&g, M(&g, MSG_LOGIN), c, 1);	/* writes the <h1> */
	if (l->error) {
		H_RAW(g.h, "<p class=\"error\" role=\"alert\">");
		html_text(g.h, l->error);
		H_RAW(g.h, "</p>");
	}
	user.label = M(&g, MSG_LOGIN_USER);
	user.value = l->user;
	pw.label = M(&g, MSG_LOGIN_PASSWORD);
	html_form_post(g.h, pg_fmt(&g, "%slogin/", p->root), l->csrf);
	html_input(g.h, &user);
	html_input(g.h, &pw);
	html_submit(g.h, NULL, NULL, M(&g, MSG_LOGIN));
	html_form_end(g.h);
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- shared with admin.c ---- */

const char *pg_when(struct pg *g, const char *at)
{
	struct buf b = BUF_INIT;
	const char *s;

	report_updated(&b, at, g->p->en);
	s = arena_strdup(g->a, buf_error(&b) ? at : b.ptr);
	buf_release(&b);
	return s ? s : "—";     /* out of memory (at may be the caller's) */
}

const char *pg_time(struct pg *g, long long t)
{
	char iso[32];
	const char *s = report_iso_time_(t, iso);

	if (!t || strlen(s) < 16)
		return "—";
	return pg_when(g, s);
}

void pg_when_el(struct pg *g, const char *at)
{
	H_RAW(g->h, "<time datetime=\"");
	html_attr(g->h, at);
	H_RAW(g->h, "\">");
	html_text(g->h, pg_when(g, at));
	H_RAW(g->h, "</time>");
}

void pg_form_note(struct pg *g, const char *done_text, const char *error, const char *field)
{
	if (done_text) {
		H_RAW(g->h, "<p class=\"done\" role=\"status\">");
		html_text(g->h, done_text);
		H_RAW(g->h, "</p>\n");
	}
	if (error && !field) {
		H_RAW(g->h, "<p class=\"error\" role=\"alert\">");
		html_text(g->h, error);
		H_RAW(g->h, "</p>\n");
	}
}

const char *pg_field_error(const char *error, const char *field, const char *name)
{
	return error && field && !strcmp(field, name) ? error : NULL;
}

/* A sessions table's cell, labelled with its column for the stacked view
 * (cls: its class or NULL); it ends the row's previous cell unless it is
 * the first (MSG_SESSION_CREATED). */
static void session_cell(struct pg *g, enum msg col, const char *cls)
{
	if (col != MSG_SESSION_CREATED)
		H_RAW(g->h, "</td>");
	H_RAW(g->h, "<td");
	if (cls) {
		H_RAW(g->h, " class=\"");
		html_attr(g->h, cls);
		H_RAW(g->h, "\"");
	}
	H_RAW(g->h, " data-label=\"");
	html_attr(g->h, M(g, col));
	H_RAW(g->h, "\">");
}

void pg_sessions(struct pg *g, const struct auth_session *s, int n, long long current,
		 const char *action, const char *csrf, int end_buttons)
{
	int i, live = 0;

	for (i = 0; i < n; i++)
		live += s[i].live;
	if (!live) {
		H_RAW(g->h, "<p class=\"none\">");
		html_msg(g->h, MSG_SESSION_NONE);
		H_RAW(g->h, "</p>\n");
		return;
	}
	pg_region(g, M(g, MSG_SESSIONS));
	/* on a phone each session is a block of labelled lines */
	H_RAW(g->h, "<table class=\"sessions stack\"><thead><tr>");
	pg_col_heads(g, session_cols, (int)MD_ARRAY_SIZE(session_cols) - !end_buttons);
	H_RAW(g->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		if (!s[i].live)
			continue;
		H_RAW(g->h, "<tr>");
		session_cell(g, MSG_SESSION_CREATED, NULL);
		html_text(g->h, pg_time(g, s[i].created));
		if (current && s[i].id == current) {
			H_RAW(g->h, " <strong class=\"this\">");
			html_msg(g->h, MSG_SESSION_THIS);
			H_RAW(g->h, "</strong>");
		}
		session_cell(g, MSG_SESSION_LAST, NULL);
		html_text(g->h, pg_time(g, s[i].last_seen));
		session_cell(g, MSG_SESSION_ADDRESS, NULL);
		html_text(g->h, s[i].address && *s[i].address ? s[i].address : "—");
		session_cell(g, MSG_SESSION_AGENT, "ua");
		html_text(g->h, s[i].user_agent && *s[i].user_agent ? s[i].user_agent : "—");
		if (end_buttons) {
			session_cell(g, MSG_ACT, NULL);
			html_form_post(g->h, action, csrf);
			html_hidden(g->h, "op", "end-session");
			html_hidden_int(g->h, "session", s[i].id);
			html_submit(g->h, NULL, NULL, M(g, MSG_SESSION_END));
			html_form_end(g->h);
		}
		H_RAW(g->h, "</td></tr>\n");
	}
	H_RAW(g->h, "</tbody></table></div>\n");
}

/* ---- my account ---- */

int page_account(struct store *st, const struct page *p, const struct page_account *a,
		 struct buf *out)
{
	struct pg g;
	struct crumb c[1];
	struct html_field old = { .name = "old", .type = HTML_INPUT_PASSWORD, .required = 1,
				  .autocomplete = "current-password" };
	struct html_field nw = { .name = "new", .type = HTML_INPUT_PASSWORD, .required = 1,
				 .autocomplete = "new-password" };
	struct html_field nw2 = { .name = "new2", .type = HTML_INPUT_PASSWORD, .required = 1,
				  .autocomplete = "new-password" };
	const char *done = NULL, *self;
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	c[0].href = NULL;
	c[0].text = M(&g, MSG_ACCOUNT);
	pg_head(&g, M(&g, MSG_ACCOUNT), c, 1);
	if (a->done && !strcmp(a->done, "password"))
		done = M(&g, MSG_PW_DONE);
	else if (a->done && !strcmp(a->done, "session"))
		done = M(&g, MSG_SESSION_ENDED);
	pg_form_note(&g, done, a->error, a->field);
	H_RAW(g.h, "<p>");
	html_msg(g.h, MSG_ACCOUNT_SIGNED_IN);
	html_text(g.h, a->name);
	if (a->display && *a->display) {
		html_text(g.h, p->en ? " (" : "（");
		html_text(g.h, a->display);
		html_text(g.h, p->en ? ")" : "）");
	}
	H_RAW(g.h, "</p><p>");
	html_msg(g.h, MSG_ACCOUNT_ROLES);
	html_text(g.h, a->roles);
	H_RAW(g.h, "</p>\n");
	html_form_post(g.h, pg_fmt(&g, "%slogout/", p->root), a->csrf);
	html_submit(g.h, NULL, NULL, M(&g, MSG_LOGOUT));
	html_form_end(g.h);

	self = pg_fmt(&g, "%saccount/", p->root);
	H_RAW(g.h, "<h2 id=\"password\">");
	html_msg(g.h, MSG_PW_CHANGE);
	H_RAW(g.h, "</h2>\n");
	old.label = M(&g, MSG_PW_OLD);
	old.error = pg_field_error(a->error, a->field, "old");
	nw.label = M(&g, MSG_PW_NEW);
	nw.help = M(&g, MSG_PW_HINT);
	nw.error = pg_field_error(a->error, a->field, "new");
	nw2.label = M(&g, MSG_PW_NEW2);
	nw2.error = pg_field_error(a->error, a->field, "new2");
	html_form_post(g.h, self, a->csrf);
	html_hidden(g.h, "op", "password");
	html_input(g.h, &old);
	html_input(g.h, &nw);
	html_input(g.h, &nw2);
	html_submit(g.h, NULL, NULL, M(&g, MSG_PW_CHANGE));
	html_form_end(g.h);

	H_RAW(g.h, "<h2 id=\"sessions\">");
	html_msg(g.h, MSG_SESSIONS);
	H_RAW(g.h, "</h2>\n");
	if (pg_field_error(a->error, a->field, "session")) {
		H_RAW(g.h, "<p class=\"error\" role=\"alert\">");
		html_text(g.h, a->error);
		H_RAW(g.h, "</p>\n");
	}
	pg_sessions(&g, a->sessions, a->nsessions, a->current, self, a->csrf, 1);
	pg_foot(&g);
	return pg_close(&g, 0);
}
