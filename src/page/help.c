/*
 * The help page (what the numbers are, the sources, the terms of use, the
 * downloads) and the provenance every page writes from the same sources
 * list: a reader's source names the document by its title, publisher and
 * date, with the official URL where it is known; the exact file:line is
 * the secretariat's (pg_staff).
 */
#include <string.h>

#include "internal.h"

int pg_staff(const struct pg *g)
{
	return !g->p->published && g->p->user && (g->p->roles & PG_STAFF_ROLES);
}

void pg_staff_open(struct pg *g)
{
	H_RAW(g->h, "<details class=\"staff\"><summary>");
	html_msg(g->h, MSG_STAFF_DETAILS);
	H_RAW(g->h, "</summary>\n");
}

void pg_staff_close(struct pg *g)
{
	H_RAW(g->h, "</details>\n");
}

static void load_docs(struct pg *g)
{
	struct store_document_row *d = NULL;
	int n = 0;

	if (g->ndocs >= 0)
		return;
	/* a database without the list names no documents */
	if (store_load_document(g->st, NULL, g->a, &d, &n))
		n = 0;
	g->docs = d;
	g->ndocs = n;
}

const struct store_document_row *pg_doc(struct pg *g, const char *ref)
{
	struct report_cite c;
	size_t n = strlen(ref);

	if (!*ref)
		return NULL;
	load_docs(g);
	if (!report_cite_parse(ref, &c))
		n = c.file_len;
	return report_doc(g->docs, g->ndocs, ref, n);
}

void pg_cite_doc(struct pg *g, const struct store_document_row *doc,
		 const char *ref, long long row)
{
	struct html *h = g->h;
	int en = g->p->en;

	if (!doc) {
		html_text(h, ref);
		if (row > 0)
			html_msgf(h, MSG_TABLE_ROW_F, row);
		return;
	}
	html_text(h, en && *doc->publisher_en ? doc->publisher_en : doc->publisher_ja);
	if (en)
		H_RAW(h, ", “");
	else
		H_RAW(h, "「");
	html_text(h, en && *doc->title_en ? doc->title_en : doc->title_ja);
	if (en)
		H_RAW(h, "”");
	else
		H_RAW(h, "」");
	if (*doc->issued) {
		struct buf d = BUF_INIT;

		report_date(&d, doc->issued, en);
		html_msg(h, MSG_PAREN_OPEN);
		html_text(h, d.ptr);
		html_msg(h, MSG_PAREN_CLOSE);
		buf_release(&d);
	}
	if (row > 0)
		html_msgf(h, MSG_TABLE_ROW_F, row);
	if (*doc->url) {
		H_RAW(h, " ");
		html_doc_link(h, doc->url, msg_get(MSG_ORIGINAL, en));
	}
}

void pg_source(struct pg *g, const char *ref)
{
	const struct store_document_row *doc = pg_doc(g, ref);
	struct report_cite c;

	if (!doc || report_cite_parse(ref, &c)) {
		html_text(g->h, ref);
		return;
	}
	pg_cite_doc(g, doc, ref, 0);
	if (*c.quote) {
		html_text(g->h, g->p->en ? ": “" : "：「");
		html_text(g->h, c.quote);
		html_text(g->h, g->p->en ? "”" : "」");
	}
}

const char *pg_updated(struct pg *g)
{
	if (!g->updated && report_last_update(g->st, g->a, &g->updated))
		g->updated = "";
	return g->updated;
}

/* ---- the help page ---- */

static void section(struct pg *g, const char *id, enum msg title)
{
	H_RAW(g->h, "<section aria-labelledby=\"");
	html_attr(g->h, id);
	H_RAW(g->h, "\"><h2 id=\"");
	html_attr(g->h, id);
	H_RAW(g->h, "\">");
	html_msg(g->h, title);
	H_RAW(g->h, "</h2>\n");
}

static void para(struct pg *g, enum msg text)
{
	H_RAW(g->h, "<p>");
	html_msg(g->h, text);
	H_RAW(g->h, "</p>\n");
}

static void sources_table(struct pg *g)
{
	struct html *h = g->h;
	int en = g->p->en, i;

	load_docs(g);
	if (!g->ndocs) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_NO_SOURCES_YET);
		H_RAW(h, "</p>\n");
		return;
	}
	H_RAW(h, "<table class=\"sources stack\"><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_DOCUMENT);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_PUBLISHER);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_ISSUED);
	H_RAW(h, "</th><th scope=\"col\">");
	html_msg(h, MSG_URL);
	H_RAW(h, "</th></tr></thead><tbody>\n");
	for (i = 0; i < g->ndocs; i++) {
		const struct store_document_row *d = &g->docs[i];
		struct buf t = BUF_INIT;

		H_RAW(h, "<tr><th scope=\"row\">");
		html_text(h, en && *d->title_en ? d->title_en : d->title_ja);
		if (*d->note && !en) {
			H_RAW(h, "<br><span class=\"meta\">");
			html_text(h, d->note);
			H_RAW(h, "</span>");
		}
		H_RAW(h, "</th><td data-label=\"");
		html_attr(h, msg_get(MSG_PUBLISHER, en));
		H_RAW(h, "\">");
		html_text(h, en && *d->publisher_en ? d->publisher_en : d->publisher_ja);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, msg_get(MSG_ISSUED, en));
		H_RAW(h, "\">");
		report_date(&t, d->issued, en);
		if (*d->issued)
			html_text(h, t.ptr);
		else
			html_msg(h, MSG_NOT_RECORDED);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, msg_get(MSG_URL, en));
		H_RAW(h, "\">");
		if (*d->url)
			html_doc_link(h, d->url, d->url);
		else
			html_msg(h, MSG_NOT_RECORDED);
		H_RAW(h, "</td></tr>\n");
		buf_release(&t);
	}
	H_RAW(h, "</tbody></table>\n");
	if (pg_staff(g)) {
		pg_staff_open(g);
		H_RAW(h, "<dl class=\"def\">");
		for (i = 0; i < g->ndocs; i++) {
			H_RAW(h, "<dt><code>");
			html_text(h, g->docs[i].code);
			H_RAW(h, "</code></dt><dd>");
			html_msg(h, MSG_FILES);
			H_RAW(h, " <code>");
			html_text(h, g->docs[i].files);
			H_RAW(h, "</code></dd>");
		}
		H_RAW(h, "</dl>\n");
		pg_staff_close(g);
	}
}

int page_help(struct store *st, const struct page *p, struct buf *out)
{
	static const struct { const char *code; enum msg label, text; } match[] = {
		{ "exact", MSG_MATCH_EXACT, MSG_HELP_MATCH_EXACT },
		{ "similar", MSG_MATCH_SIMILARITY, MSG_HELP_MATCH_SIMILAR },
		{ "position", MSG_MATCH_POSITION, MSG_HELP_MATCH_POSITION },
		{ "none", MSG_MATCH_NONE, MSG_HELP_MATCH_NONE },
	};
	struct pg g;
	struct crumb c[2];
	struct html *h = g.h;
	const char *up;
	size_t k;
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_HELP_TITLE);
	pg_head(&g, M(&g, MSG_HELP_TITLE), c, 2);
	para(&g, MSG_HELP_INTRO);

	section(&g, "numbers", MSG_HELP_NUMBERS);
	para(&g, MSG_HELP_NUMBERS_TEXT);
	para(&g, MSG_HELP_EXAMPLES);
	H_RAW(h, "</section>\n");

	section(&g, "sources", MSG_HELP_SOURCES);
	para(&g, MSG_HELP_SOURCES_TEXT);
	sources_table(&g);
	H_RAW(h, "</section>\n");

	section(&g, "terms", MSG_HELP_TERMS);
	para(&g, MSG_HELP_TERMS_TEXT);
	H_RAW(h, "<blockquote><p>");
	html_msg(h, MSG_ATTRIBUTION);
	H_RAW(h, "</p></blockquote>\n</section>\n");

	section(&g, "downloads", MSG_HELP_DOWNLOADS);
	para(&g, MSG_HELP_DOWNLOADS_TEXT);
	H_RAW(h, "<h3>");
	html_msg(h, MSG_HELP_MATCH);
	H_RAW(h, "</h3>\n<dl class=\"def\">");
	for (k = 0; k < MD_ARRAY_SIZE(match); k++) {
		H_RAW(h, "<dt>");
		html_msg(h, match[k].label);
		H_RAW(h, " <code>");
		html_text(h, match[k].code);
		H_RAW(h, "</code></dt><dd>");
		html_msg(h, match[k].text);
		H_RAW(h, "</dd>");
	}
	H_RAW(h, "</dl>\n</section>\n");

	section(&g, "updated", MSG_HELP_UPDATED);
	para(&g, MSG_HELP_UPDATED_TEXT);
	if (*(up = pg_updated(&g))) {
		struct buf t = BUF_INIT;

		report_updated(&t, up, p->en);
		H_RAW(h, "<p>");
		html_msg(h, MSG_UPDATED);
		html_text(h, t.ptr);
		H_RAW(h, "</p>\n");
		buf_release(&t);
	}
	H_RAW(h, "</section>\n");

	if (!p->published) {   /* a published folder has no API */
		section(&g, "api", MSG_HELP_API);
		para(&g, MSG_HELP_API_TEXT);
		H_RAW(h, "<ul><li><a href=\"");
		html_url3(h, p->top, "api/v1/", NULL);
		H_RAW(h, "\">/api/v1/</a></li><li><a href=\"");
		html_url3(h, p->top, "api/v1/openapi.json", NULL);
		H_RAW(h, "\">/api/v1/openapi.json</a></li></ul>\n</section>\n");
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}
