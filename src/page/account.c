/*
 * The sign-in page and "my account": forms only, through the emitter.
 * What they show comes from the caller (web's handlers, which have it from
 * src/auth); nothing here reads an account.
 */
#include "internal.h"

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

int page_account(struct store *st, const struct page *p, const struct page_account *a,
		 struct buf *out)
{
	struct pg g;
	struct crumb c[1];
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	c[0].href = NULL;
	c[0].text = M(&g, MSG_ACCOUNT);
	pg_head(&g, M(&g, MSG_ACCOUNT), c, 1);
	H_RAW(g.h, "<p>");
	html_msg(g.h, MSG_ACCOUNT_SIGNED_IN);
	html_text(g.h, a->name);
	if (a->display && *a->display) {
		H_RAW(g.h, "（");
		html_text(g.h, a->display);
		H_RAW(g.h, "）");
	}
	H_RAW(g.h, "</p><p>");
	html_msg(g.h, MSG_ACCOUNT_ROLES);
	html_text(g.h, a->roles);
	H_RAW(g.h, "</p>");
	html_form_post(g.h, pg_fmt(&g, "%slogout/", p->root), a->csrf);
	html_submit(g.h, NULL, NULL, M(&g, MSG_LOGOUT));
	html_form_end(g.h);
	pg_foot(&g);
	return pg_close(&g, 0);
}
