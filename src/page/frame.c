/*
 * What every page shares: opening and closing a page, the frame (head,
 * header, breadcrumbs, footer), the error page, stored text blocks,
 * ministry tags and download links. No scripts anywhere: the pages work
 * without JavaScript and under a CSP that allows none.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

int pg_open(struct pg *g, struct store *st, const struct page *p,
	    struct buf *out)
{
	g->st = st;
	g->p = p;
	html_init(g->h, out, p->en);
	g->ny = 0;
	g->fy = 0;
	g->docs = NULL;
	g->ndocs = -1;
	g->updated = NULL;
	g->a = arena_new();
	if (!g->a)
		return MD_ENOMEM;
	g->ny = report_years(st, g->years, (int)MD_ARRAY_SIZE(g->years));
	if (g->ny < 0)
		return g->ny;
	g->fy = g->ny ? g->years[g->ny - 1] : 0;
	return 0;
}

int pg_close(struct pg *g, int rc)
{
	if (!rc && g->a)
		rc = arena_error(g->a);
	arena_free(g->a);
	g->a = NULL;
	return rc ? rc : html_error(g->h);
}

const char *pg_fmt(struct pg *g, const char *f, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, f);
	s = arena_vprintf(g->a, f, ap);
	va_end(ap);
	return s ? s : "";
}

const char *pg_fy(struct pg *g, int fy)
{
	struct buf b = BUF_INIT;
	struct html h;
	const char *s;

	html_init(&h, &b, g->p->en);
	html_fy(&h, fy);
	s = html_error(&h) ? NULL : arena_strdup(g->a, b.ptr);
	buf_release(&b);
	return s ? s : "";
}

void pg_label_fy(struct pg *g, enum msg label, int fy)
{
	html_msg(g->h, label);
	if (g->p->en)
		H_RAW(g->h, " (");
	else
		H_RAW(g->h, "（");
	html_fy(g->h, fy);
	if (g->p->en)
		H_RAW(g->h, ")");
	else
		H_RAW(g->h, "）");
}

const char *pg_vision_label(struct pg *g, long long no)
{
	return pg_fmt(g, g->p->en ? "Vision %lld" : "ビジョン%lld", no);
}

const char *pg_goal_label(struct pg *g, long long no)
{
	return pg_fmt(g, g->p->en ? "Goal %lld" : "ゴール%lld", no);
}

const char *pg_measure_label(struct pg *g, long long no)
{
	return pg_fmt(g, g->p->en ? "Measure M%lld" : "施策M%lld", no);
}

const char *pg_item_label(struct pg *g, long long no)
{
	return pg_fmt(g, g->p->en ? "Action item A%lld" : "取組A%lld", no);
}

void pg_link(struct pg *g, const char *href, const char *text)
{
	html_link(g->h, g->p->root, href, text);
}

/* ---- the frame ---- */

static void nav_item(struct html *h, const struct page *p, const char *href,
		     enum msg label)
{
	html_link(h, p->root, href, msg_get(label, p->en));
	H_RAW(h, "</li><li>");
}

/* Who is signed in, with their way to their account, the pages their
 * roles open and the sign-out button; a sign-in link for anyone else.
 * Not on a published site (it has no server to sign in to). */
static void frame_user(struct html *h, const struct page *p)
{
	char act[160];

	H_RAW(h, "<nav class=\"who\" aria-label=\"");
	html_attr(h, msg_get(MSG_NAV_USER, p->en));
	H_RAW(h, "\"><ul><li>");
	if (!p->user || !p->csrf) {
		html_link(h, p->root, "login/", msg_get(MSG_LOGIN, p->en));
		H_RAW(h, "</li></ul></nav>\n");
		return;
	}
	H_RAW(h, "<a class=\"me\" href=\"");
	html_url3(h, p->root, "account/", NULL);
	H_RAW(h, "\" title=\"");
	html_attr(h, msg_get(MSG_ACCOUNT, p->en));
	H_RAW(h, "\">");
	html_text(h, p->user_display && *p->user_display ? p->user_display : p->user);
	H_RAW(h, "</a></li><li>");
	if (p->roles & PG_STAFF_ROLES)
		nav_item(h, p, "rounds/", MSG_NAV_ROUNDS);
	if (p->roles & AUTH_ADMIN) {
		nav_item(h, p, "admin/users/", MSG_NAV_ADMIN);
		nav_item(h, p, "admin/audit/", MSG_NAV_AUDIT);
	}
	snprintf(act, sizeof(act), "%slogout/", p->root);
	html_form_post(h, act, p->csrf);
	html_submit(h, NULL, NULL, msg_get(MSG_LOGOUT, p->en));
	html_form_end(h);
	H_RAW(h, "</li></ul></nav>\n");
}

void frame_head(struct html *h, const struct page *p, const char *title,
		const struct crumb *c, int nc)
{
	int i;

	H_RAW(h, "<!DOCTYPE html>\n<html lang=\"");
	if (p->en)
		H_RAW(h, "en");
	else
		H_RAW(h, "ja");
	H_RAW(h, "\">\n<head>\n<meta charset=\"utf-8\">\n");
	if (p->published)   /* a host without headers still applies the policy */
		H_RAW(h, "<meta http-equiv=\"Content-Security-Policy\" content=\""
		      PAGE_CSP_META "\">\n");
	H_RAW(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>");
	html_text(h, title);
	html_msg(h, MSG_SITE_SUFFIX);
	H_RAW(h, "</title>\n<link rel=\"stylesheet\" href=\"");
	html_url3(h, p->top, "static/mdplan.css", NULL);
	H_RAW(h, "\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
	html_msg(h, MSG_SKIP);
	H_RAW(h, "</a>\n<header class=\"site\">\n<p class=\"brand\"><a href=\"");
	html_url(h, p->root);
	H_RAW(h, "\">");
	html_msg(h, MSG_BRAND);
	H_RAW(h, "</a></p>\n<nav aria-label=\"");
	html_attr(h, msg_get(MSG_NAV_SITE, p->en));
	H_RAW(h, "\"><ul><li>");
	nav_item(h, p, "", MSG_NAV_PLAN);
	nav_item(h, p, "ministries/", MSG_NAV_MINISTRIES);
	nav_item(h, p, "followups/", MSG_NAV_FOLLOWUP);
	nav_item(h, p, "indicators/", MSG_NAV_INDICATORS);
	nav_item(h, p, "programmes/", MSG_NAV_PROGRAMMES);
	if (!p->published)
		nav_item(h, p, "search/", MSG_NAV_SEARCH);
	/* the same page in the other language */
	H_RAW(h, "<a href=\"");
	html_url3(h, p->top, p->en ? NULL : "en/", p->path);
	if (p->en)
		H_RAW(h, "\" lang=\"ja\" hreflang=\"ja\">");
	else
		H_RAW(h, "\" lang=\"en\" hreflang=\"en\">");
	html_msg(h, MSG_OTHER_LANG);
	H_RAW(h, "</a></li></ul></nav>\n");
	if (!p->published) {
		/* a search box on every page the server answers (a published
		 * site has no search) */
		struct html_field q = { .name = "q", .id = "site-q",
			.label = msg_get(MSG_SITE_SEARCH, p->en), .type = HTML_INPUT_SEARCH };

		H_RAW(h, "<form class=\"site-search\" role=\"search\" method=\"get\" action=\"");
		html_url3(h, p->root, "search/", NULL);
		H_RAW(h, "\" aria-label=\"");
		html_attr(h, msg_get(MSG_SITE_SEARCH, p->en));
		H_RAW(h, "\">\n");
		html_input(h, &q);
		html_submit(h, NULL, NULL, msg_get(MSG_NAV_SEARCH, p->en));
		html_form_end(h);
		frame_user(h, p);
	}
	H_RAW(h, "</header>\n");
	if (nc > 0) {
		H_RAW(h, "<nav class=\"crumbs\" aria-label=\"");
		html_attr(h, msg_get(MSG_BREADCRUMB, p->en));
		H_RAW(h, "\"><ol>");
		for (i = 0; i < nc; i++) {
			H_RAW(h, "<li>");
			if (c[i].href) {
				html_link(h, p->root, c[i].href, c[i].text);
			} else {
				H_RAW(h, "<span aria-current=\"page\">");
				html_text(h, c[i].text);
				H_RAW(h, "</span>");
			}
			H_RAW(h, "</li>");
		}
		H_RAW(h, "</ol></nav>\n");
	}
	H_RAW(h, "<main id=\"main\">\n<h1>");
	html_text(h, title);
	H_RAW(h, "</h1>\n");
}

void frame_foot(struct html *h, const struct page *p, const char *updated)
{
	H_RAW(h, "</main>\n<footer class=\"site\"><p>");
	html_msg(h, MSG_ATTRIBUTION);
	html_msg(h, MSG_FULL_STOP);
	html_msg(h, MSG_TERMS);
	H_RAW(h, " ");
	html_link(h, p->root, "help/#sources", msg_get(MSG_SOURCES_LINK, p->en));
	H_RAW(h, "</p>\n");
	if (updated && *updated) {
		struct buf t = BUF_INIT;

		report_updated(&t, updated, p->en);
		H_RAW(h, "<p class=\"updated\">");
		html_msg(h, MSG_UPDATED);
		html_text(h, t.ptr);
		H_RAW(h, "</p>\n");
		buf_release(&t);
	}
	H_RAW(h, "<p>");
	html_link(h, p->root, "help/", msg_get(MSG_HELP_LINK, p->en));
	H_RAW(h, "</p></footer>\n</body>\n</html>\n");
}

void pg_region(struct pg *g, const char *label)
{
	H_RAW(g->h, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_attr(g->h, label);
	H_RAW(g->h, "\">");
}

static void col_heads(struct pg *g, int numbers, const enum msg *keys, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (numbers)
			H_RAW(g->h, "<th scope=\"col\" class=\"n\">");
		else
			H_RAW(g->h, "<th scope=\"col\">");
		html_msg(g->h, keys[i]);
		H_RAW(g->h, "</th>");
	}
}

void pg_col_heads(struct pg *g, const enum msg *keys, int n)
{
	col_heads(g, 0, keys, n);
}

void pg_num_heads(struct pg *g, const enum msg *keys, int n)
{
	col_heads(g, 1, keys, n);
}

void pg_head(struct pg *g, const char *title, const struct crumb *c, int nc)
{
	frame_head(g->h, g->p, title, c, nc);
}

void pg_foot(struct pg *g)
{
	frame_foot(g->h, g->p, pg_updated(g));
}

int page_error(const struct page *p, int status, const char *detail,
	       struct buf *out)
{
	struct html h[1];
	enum msg title;

	html_init(h, out, p->en);
	switch (status) {
	case 404: title = MSG_ERR_404; break;
	case 400: title = MSG_ERR_400; break;
	case 405: title = MSG_ERR_405; break;
	default: title = MSG_ERR_OTHER; break;
	}
	frame_head(h, p, msg_get(title, p->en), NULL, 0);
	H_RAW(h, "<p>");
	html_text(h, detail);
	H_RAW(h, "</p>\n<p>");
	html_link(h, p->root, "", msg_get(MSG_GO_HOME, p->en));
	H_RAW(h, "</p>\n");
	frame_foot(h, p, NULL);
	return html_error(h);
}

/* ---- shared pieces ---- */

void pg_ministries(struct pg *g, const char *s)
{
	static const char sep[] = "、";
	struct html *h = g->h;
	int first = 1;

	if (!*s) {
		H_RAW(h, "<span class=\"none\">");
		html_msg(h, MSG_NO_MINISTRY_TAG);
		H_RAW(h, "</span>");
		return;
	}
	while (*s) {
		const char *end = strstr(s, sep);
		size_t n = end ? (size_t)(end - s) : strlen(s);
		int lead = n >= 3 && !memcmp(s, "◎", 3);

		if (!first)
			H_RAW(h, " ");
		first = 0;
		if (lead) {
			H_RAW(h, "<span class=\"min lead\"><span aria-hidden=\"true\">◎</span>"
			      "<span class=\"sr\">");
			html_msg(h, MSG_LEAD_SR);
			H_RAW(h, "</span>");
			html_textn(h, s + 3, n - 3);
		} else {
			H_RAW(h, "<span class=\"min\">");
			html_textn(h, s, n);
		}
		H_RAW(h, "</span>");
		s += n;
		if (end)
			s += sizeof(sep) - 1;
	}
}

static void no_blocks(struct html *h)
{
	H_RAW(h, "<p class=\"none\">—<span class=\"sr\">");
	html_msg(h, MSG_NONE_SR);
	H_RAW(h, "</span></p>");
}

/* One block; *in_list says whether a <ul> is open. */
static void block(struct html *h, const char *kind, const char *text, int *in_list)
{
	if (!strcmp(kind, "li")) {
		if (*in_list)
			H_RAW(h, "<li>");
		else
			H_RAW(h, "<ul><li>");
		*in_list = 1;
		html_text(h, text);
		H_RAW(h, "</li>");
		return;
	}
	if (*in_list)
		H_RAW(h, "</ul>");
	*in_list = 0;
	if (!strcmp(kind, "h"))
		H_RAW(h, "<p class=\"bh\">");
	else
		H_RAW(h, "<p>");
	html_text(h, text);
	H_RAW(h, "</p>");
}

void pg_blocks_of(struct pg *g, const struct store_year_block_row *b, int nb,
		  long long id, const char *field)
{
	int lo = 0, hi = nb, in_list = 0, n = 0, i;

	while (lo < hi) {          /* first row of owner id */
		int mid = lo + (hi - lo) / 2;

		if (b[mid].owner_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < nb && b[i].owner_id == id; i++) {
		if (strcmp(b[i].field, field))
			continue;
		n++;
		block(g->h, b[i].kind, b[i].text, &in_list);
	}
	if (in_list)
		H_RAW(g->h, "</ul>");
	if (!n)
		no_blocks(g->h);
}

struct blocks_ctx {
	struct html *h;
	const char *field;
	int in_list, n;
};

static int block_row(void *ctx, const struct store_block_row *r)
{
	struct blocks_ctx *c = ctx;

	if (strcmp(r->field, c->field))
		return 0;
	c->n++;
	block(c->h, r->kind, r->text, &c->in_list);
	return 0;
}

int pg_blocks(struct pg *g, const char *owner, long long id, const char *field)
{
	struct blocks_ctx c = { g->h, field, 0, 0 };
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.owner = owner;
	f.id = id;
	rc = store_each_block(g->st, &f, block_row, &c);
	if (c.in_list)
		H_RAW(g->h, "</ul>");
	if (!rc && !c.n)
		no_blocks(g->h);
	return rc;
}

void pg_downloads(struct pg *g, int fy, const char *ministry)
{
	static const char *const ext[] = { "csv", "xlsx", "json" };
	static const enum msg what[] = { MSG_DL_CSV, MSG_DL_XLSX, MSG_DL_JSON };
	struct html *h = g->h;
	size_t k;

	H_RAW(h, "<ul class=\"dl noprint\" aria-label=\"");
	html_attr(h, M(g, MSG_DOWNLOADS));
	H_RAW(h, "\">");
	for (k = 0; k < MD_ARRAY_SIZE(ext); k++) {
		/* the English pages link the English files (/en/downloads/) */
		H_RAW(h, "<li><a download href=\"");
		html_url3(h, g->p->en ? g->p->root : g->p->top, ministry ?
				pg_fmt(g, "downloads/followup-%d-%s.%s", fy, ministry, ext[k]) :
				pg_fmt(g, "downloads/followup-%d.%s", fy, ext[k]), NULL);
		H_RAW(h, "\">");
		html_text(h, pg_fy(g, fy));
		H_RAW(h, " ");
		html_msg(h, what[k]);
		H_RAW(h, "</a></li>");
	}
	H_RAW(h, "</ul>\n");
}
