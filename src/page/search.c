/*
 * The search page: a GET form that works without scripts, and the hits
 * of report's search_load() with their snippets (already HTML: escaped
 * text with <mark> around the hits, written by the emitter there).
 */
#include <string.h>

#include "internal.h"

#define PAGE_HITS 20

static const struct {
	int kind;
	enum msg label;
} kind_msg[] = {
	{ STORE_KIND_VISION, MSG_KIND_VISION },
	{ STORE_KIND_GOAL, MSG_GOAL },
	{ STORE_KIND_MEASURE, MSG_MEASURE },
	{ STORE_KIND_ITEM, MSG_ACTION_ITEM },
	{ STORE_KIND_FOLLOWUP, MSG_NAV_FOLLOWUP },
	{ STORE_KIND_INDICATOR, MSG_INDICATOR },
	{ STORE_KIND_ENTRY, MSG_KIND_ENTRY },
};

static const char *kind_label(const struct pg *g, int kind)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(kind_msg); i++) {
		if (kind_msg[i].kind == kind)
			return M(g, kind_msg[i].label);
	}
	return "";
}

/* The label of the field a snippet comes from, or NULL. */
static const char *field_label(const struct pg *g, const char *field)
{
	if (!field)
		return NULL;
	if (!strcmp(field, "results"))
		return M(g, MSG_RESULTS_SHORT);
	if (!strcmp(field, "plans"))
		return M(g, MSG_PLANS);
	if (!strcmp(field, "issues"))
		return M(g, MSG_ISSUES);
	if (!strcmp(field, "notes"))
		return M(g, MSG_NOTES);
	if (!strcmp(field, "unit"))
		return M(g, MSG_UNIT);
	return NULL;
}

/* Percent-encodes s for a query string. */
static const char *url_enc(struct pg *g, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), k = 0;
	char *o = arena_alloc(g->a, 3 * n + 1);

	if (!o)
		return "";
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.') {
			o[k++] = (char)ch;
		} else {
			o[k++] = '%';
			o[k++] = hex[ch >> 4];
			o[k++] = hex[ch & 15];
		}
	}
	o[k] = 0;
	return o;
}

/* "?q=…&year=…" for this search at another page. */
static void page_href(struct pg *g, const struct report_search_q *q, int page)
{
	const char *u = pg_fmt(g, "?q=%s", url_enc(g, q->text));

	if (q->year)
		u = pg_fmt(g, "%s&year=%d", u, q->year);
	if (q->ministry)
		u = pg_fmt(g, "%s&ministry=%s", u, url_enc(g, q->ministry));
	if (q->kind)
		u = pg_fmt(g, "%s&kind=%s", u, store_kind_name(q->kind));
	if (page > 1)
		u = pg_fmt(g, "%s&page=%d", u, page);
	if (g->p->en)
		u = pg_fmt(g, "%s&lang=en", u);
	html_url(g->h, u);
}

static int search_form(struct pg *g, const struct report_search_q *q)
{
	struct store_ministry_row *mi;
	struct html *h = g->h;
	int i, k, rc, nmi;

	if ((rc = store_load_ministry(g->st, NULL, g->a, &mi, &nmi)))
		return rc;
	H_RAW(h, "<form class=\"search\" role=\"search\" method=\"get\" action=\"./\">\n"
	      "<p><label for=\"q\">");
	html_msg(h, MSG_SEARCH_FOR);
	H_RAW(h, "</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"");
	html_attr(h, q->text ? q->text : "");
	H_RAW(h, "\" aria-describedby=\"qhelp\">\n<button type=\"submit\">");
	html_msg(h, MSG_NAV_SEARCH);
	H_RAW(h, "</button></p>\n<p id=\"qhelp\" class=\"help\">");
	html_msg(h, MSG_SEARCH_HELP);
	H_RAW(h, "</p>\n<p class=\"filters\"><label for=\"year\">");
	html_msg(h, MSG_FISCAL_YEAR);
	H_RAW(h, "</label> <select id=\"year\" name=\"year\">");
	html_option(h, "", M(g, MSG_SEARCH_ALL_YEARS), !q->year);
	for (i = g->ny - 1; i >= 0; i--) {
		int fy = g->years[i];
		struct buf l = BUF_INIT;

		if (g->p->en) {
			html_option(h, pg_fmt(g, "%d", fy), pg_fmt(g, "FY%d follow-up", fy),
				    q->year == fy);
		} else {
			text_era_fy_ja(fy, &l);
			html_option(h, pg_fmt(g, "%d", fy),
				    pg_fmt(g, "%sのフォローアップ", l.ptr), q->year == fy);
		}
		buf_release(&l);
	}
	H_RAW(h, "</select>\n<label for=\"ministry\">");
	html_msg(h, MSG_MINISTRY);
	H_RAW(h, "</label> <select id=\"ministry\" name=\"ministry\">");
	html_option(h, "", M(g, MSG_ALL), !q->ministry);
	for (i = 0; i < nmi; i++)
		html_option(h, mi[i].code, g->p->en ? mi[i].name_en : mi[i].name_ja,
			    q->ministry && !strcmp(q->ministry, mi[i].code));
	H_RAW(h, "</select>\n<label for=\"kind\">");
	html_msg(h, MSG_KIND);
	H_RAW(h, "</label> <select id=\"kind\" name=\"kind\">");
	html_option(h, "", M(g, MSG_ALL), !q->kind);
	for (i = 0; (k = store_kind_at(i)); i++)
		html_option(h, store_kind_name(k), kind_label(g, k), q->kind == k);
	/* the round's entries: offered to those who may read some */
	if (q->viewer && q->viewer->nscopes)
		html_option(h, store_kind_name(STORE_KIND_ENTRY),
			    kind_label(g, STORE_KIND_ENTRY), q->kind == STORE_KIND_ENTRY);
	H_RAW(h, "</select></p>\n");
	if (g->p->en)
		H_RAW(h, "<input type=\"hidden\" name=\"lang\" value=\"en\">\n");
	H_RAW(h, "</form>\n");
	return 0;
}

/* The label of a hit: the same numbering as every page ("施策M9",
 * "取組A40"; pg_*_label). */
static const char *numbered(struct pg *g, int kind, long long no)
{
	switch (kind) {
	case STORE_KIND_VISION: return pg_vision_label(g, no);
	case STORE_KIND_GOAL: return pg_goal_label(g, no);
	case STORE_KIND_MEASURE: return pg_measure_label(g, no);
	case STORE_KIND_ITEM: return pg_item_label(g, no);
	default: return kind_label(g, kind);
	}
}

static void hit_heading(struct pg *g, const struct search_hit *hit)
{
	const char *t = kind_label(g, hit->kind);

	if (hit->kind == STORE_KIND_ENTRY) {
		struct buf era = BUF_INIT;

		/* 下書き 令和8年度・取組A6・経（提出済み） / Draft FY2026, action
		 * item A6, meti (submitted) */
		if (g->p->en) {
			t = pg_fmt(g, "%s FY%d, %s, %s (%s)", t, hit->fy, pg_item_label(g, hit->no),
				   report_entry_whose(hit, 1), report_entry_state(hit->state, 1));
		} else {
			text_era_fy_ja(hit->fy, &era);
			t = pg_fmt(g, "%s %s・%s・%s（%s）", t, era.ptr, pg_item_label(g, hit->no),
				   report_entry_whose(hit, 0), report_entry_state(hit->state, 0));
		}
		buf_release(&era);
	} else if (hit->kind == STORE_KIND_FOLLOWUP) {
		struct buf era = BUF_INIT;

		if (g->p->en) {
			t = pg_fmt(g, "%s FY%d", t, hit->fy);
		} else {
			text_era_fy_ja(hit->fy, &era);
			t = pg_fmt(g, "%s %s", t, era.ptr);
		}
		buf_release(&era);
		if (hit->no)
			t = pg_fmt(g, g->p->en ? "%s, %s" : "%s・%s", t,
				   pg_item_label(g, hit->no));
	} else {
		if (hit->no)
			t = numbered(g, hit->kind, hit->no);
		else if (hit->code)
			t = pg_fmt(g, "%s %s", t, hit->code);
		if (hit->kind != STORE_KIND_ITEM)
			t = pg_fmt(g, g->p->en ? "%s: %s" : "%s：%s", t, hit->title);
	}
	pg_link(g, hit->url, t);
}

static void examples(struct pg *g)
{
	static const char *const ex[] = { "治験", "SaMD", "サイバーセキュリティ", "薬事" };
	struct html *h = g->h;
	size_t i;

	H_RAW(h, "<p>");
	html_msg(h, MSG_FOR_EXAMPLE);
	for (i = 0; i < MD_ARRAY_SIZE(ex); i++) {
		struct report_search_q e = { .text = ex[i] };

		if (i)
			html_msg(h, MSG_LIST_SEP);
		H_RAW(h, "<a href=\"");
		page_href(g, &e, 1);
		H_RAW(h, "\">");
		html_text(h, ex[i]);
		H_RAW(h, "</a>");
	}
	H_RAW(h, "</p>\n");
}

static void hits(struct pg *g, const struct search_result *r, int offset)
{
	struct html *h = g->h;
	int i;

	H_FMT(h, "<ol class=\"hits\" start=\"%d\">\n", offset + 1);
	for (i = 0; i < r->n; i++) {
		const struct search_hit *hit = &r->hit[i];
		const char *field = field_label(g, hit->field);

		H_RAW(h, "<li class=\"hit hit-");
		html_attr(h, store_kind_name(hit->kind));
		H_RAW(h, "\"><h2>");
		hit_heading(g, hit);
		H_RAW(h, "</h2>\n<p class=\"snip\">");
		if (field) {
			H_RAW(h, "<span class=\"field\">");
			html_text(h, field);
			H_RAW(h, "</span> ");
		}
		html_built(h, hit->snippet);
		H_RAW(h, "</p></li>\n");
	}
	H_RAW(h, "</ol>\n");
}

static void pages(struct pg *g, const struct report_search_q *q, long total,
		  int limit, int pageno)
{
	struct html *h = g->h;
	long n = (total + limit - 1) / limit;

	H_RAW(h, "<nav class=\"pages\" aria-label=\"");
	html_attr(h, M(g, MSG_RESULT_PAGES));
	H_RAW(h, "\"><ul>");
	if (pageno > 1) {
		H_RAW(h, "<li><a rel=\"prev\" href=\"");
		page_href(g, q, pageno - 1);
		H_RAW(h, "\">");
		html_msg(h, MSG_PREVIOUS);
		H_RAW(h, "</a></li>");
	}
	H_FMT(h, "<li aria-current=\"page\">%d / %ld</li>", pageno, n);
	if (pageno < n) {
		H_RAW(h, "<li><a rel=\"next\" href=\"");
		page_href(g, q, pageno + 1);
		H_RAW(h, "\">");
		html_msg(h, MSG_NEXT);
		H_RAW(h, "</a></li>");
	}
	H_RAW(h, "</ul></nav>\n");
}

int page_search(struct store *st, const struct page *p,
		const struct report_search_q *q, struct buf *out)
{
	struct pg g;
	struct search_result r;
	struct report_search_q page = *q;
	struct crumb c[2];
	struct html *h = g.h;
	const char *title;
	int rc, pageno = q->limit ? q->offset / q->limit + 1 : 1;
	int has_q = q->text && *q->text;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if (!page.limit)
		page.limit = PAGE_HITS;
	memset(&r, 0, sizeof(r));
	if (has_q && (rc = search_load(st, &page, g.a, &r)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_NAV_SEARCH);
	if (has_q)
		title = pg_fmt(&g, p->en ? "Search: %s" : "「%s」の検索結果", q->text);
	else
		title = M(&g, MSG_SEARCH_TITLE);
	pg_head(&g, title, c, 2);
	if ((rc = search_form(&g, q)))
		return pg_close(&g, rc);
	if (!has_q) {
		examples(&g);
		pg_foot(&g);
		return pg_close(&g, 0);
	}
	H_RAW(h, "<p class=\"count\" role=\"status\">");
	if (p->en) {
		H_FMT(h, "%ld result", r.total);
		if (r.total != 1)
			H_RAW(h, "s");
	} else {
		H_FMT(h, "%ld件", r.total);
	}
	if (r.n)
		html_msgf(h, MSG_SHOWING_F, page.offset + 1, page.offset + r.n);
	H_RAW(h, "</p>\n");
	if (r.n) {
		hits(&g, &r, page.offset);
	} else {
		H_RAW(h, "<p>");
		html_msg(h, MSG_NOTHING_MATCHED);
		H_RAW(h, "</p>\n");
	}
	if (r.total > page.limit)
		pages(&g, q, r.total, page.limit, pageno);
	pg_foot(&g);
	return pg_close(&g, 0);
}
