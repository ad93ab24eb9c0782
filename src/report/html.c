/*
 * HTML building blocks: escaping, the page frame (head, header, breadcrumbs,
 * footer), stored text blocks, and the style sheet. No scripts anywhere: the
 * pages work without JavaScript and under a CSP that allows none.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- tables of rows ---- */

static int tab_row(void *ctx, const struct store_row *r)
{
	struct tab *t = ctx;
	int i;

	if (!t->names) {
		t->ncol = store_row_columns(r);
		t->names = arena_alloc(t->a, sizeof(*t->names) * (size_t)t->ncol);
		if (!t->names)
			return MD_ENOMEM;
		for (i = 0; i < t->ncol; i++) {
			t->names[i] = arena_strdup(t->a, store_row_name(r, i));
			if (!t->names[i])
				return MD_ENOMEM;
		}
	}
	if (t->nrow == t->cap) {
		int cap = t->cap ? t->cap * 2 : 16;
		char **c = arena_alloc(t->a, sizeof(*c) * (size_t)cap * (size_t)t->ncol);

		if (!c)
			return MD_ENOMEM;
		if (t->cells)
			memcpy(c, t->cells, sizeof(*c) * (size_t)t->nrow * (size_t)t->ncol);
		t->cells = c;
		t->cap = cap;
	}
	for (i = 0; i < t->ncol; i++) {
		const char *v = store_row_text_at(r, i);
		char **cell = &t->cells[(size_t)t->nrow * (size_t)t->ncol + (size_t)i];

		*cell = NULL;
		if (v && !(*cell = arena_strdup(t->a, v)))
			return MD_ENOMEM;
	}
	t->nrow++;
	return 0;
}

int tab_load(struct store *st, enum store_q q, const struct store_filter *f,
	     struct arena *a, struct tab *t)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
	return store_query(st, q, f, tab_row, t);
}

static const char *cell(const struct tab *t, int row, const char *col)
{
	int i;

	if (row < 0 || row >= t->nrow)
		return NULL;
	for (i = 0; i < t->ncol; i++) {
		if (!strcmp(t->names[i], col))
			return t->cells[(size_t)row * (size_t)t->ncol + (size_t)i];
	}
	return NULL;
}

const char *tab_s(const struct tab *t, int row, const char *col)
{
	const char *s = cell(t, row, col);

	return s ? s : "";
}

long long tab_i(const struct tab *t, int row, const char *col)
{
	const char *s = cell(t, row, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

int tab_null(const struct tab *t, int row, const char *col)
{
	return cell(t, row, col) == NULL;
}

/* ---- escaping and small pieces ---- */

void html_escn(struct buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + from, i - from);
		buf_puts(b, rep);
		from = i + 1;
	}
	buf_add(b, s + from, n - from);
}

void html_esc(struct buf *b, const char *s)
{
	html_escn(b, s, strlen(s));
}

void html_fy(struct buf *b, const struct report_page *p, int fy)
{
	if (p->en) {
		buf_printf(b, "FY%d", fy);
		return;
	}
	text_era_fy_ja(fy, b);
	buf_printf(b, "（FY%d）", fy);
}

void html_link(struct buf *b, const struct report_page *p, const char *href,
	       const char *text)
{
	buf_puts(b, "<a href=\"");
	html_esc(b, p->root);
	html_esc(b, href);
	buf_puts(b, "\">");
	html_esc(b, text);
	buf_puts(b, "</a>");
}

void html_paras(struct buf *b, const char *s)
{
	const char *nl;

	while (*s) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		if (nl > s) {
			buf_puts(b, "<p>");
			html_escn(b, s, (size_t)(nl - s));
			buf_puts(b, "</p>");
		}
		s = *nl ? nl + 1 : nl;
	}
}

void html_ministries(struct buf *b, const struct report_page *p, const char *s)
{
	const char *sep = "、";
	size_t seplen = strlen(sep);
	int first = 1;

	if (!*s) {
		buf_puts(b, "<span class=\"none\">");
		buf_puts(b, L(p, "府省の記載なし", "no ministry tag"));
		buf_puts(b, "</span>");
		return;
	}
	while (*s) {
		const char *end = strstr(s, sep);
		size_t n = end ? (size_t)(end - s) : strlen(s);
		int lead = n >= 3 && !memcmp(s, "◎", 3);

		if (!first)
			buf_puts(b, " ");
		first = 0;
		buf_puts(b, lead ? "<span class=\"min lead\">" : "<span class=\"min\">");
		if (lead) {
			buf_puts(b, "<span aria-hidden=\"true\">◎</span><span class=\"sr\">");
			buf_puts(b, L(p, "主担当 ", "lead "));
			buf_puts(b, "</span>");
			html_escn(b, s + 3, n - 3);
		} else {
			html_escn(b, s, n);
		}
		buf_puts(b, "</span>");
		s += n;
		if (end)
			s += seplen;
	}
}

/* ---- stored blocks ---- */

struct blocks_ctx {
	struct buf *b;
	const char *field;
	int in_list, n;
};

static int block_row(void *ctx, const struct store_row *r)
{
	struct blocks_ctx *c = ctx;
	const char *kind = store_row_text(r, "kind");

	if (strcmp(store_row_text(r, "field"), c->field))
		return 0;
	c->n++;
	if (!strcmp(kind, "li")) {
		if (!c->in_list)
			buf_puts(c->b, "<ul>");
		c->in_list = 1;
		buf_puts(c->b, "<li>");
		html_esc(c->b, store_row_text(r, "text"));
		buf_puts(c->b, "</li>");
		return 0;
	}
	if (c->in_list)
		buf_puts(c->b, "</ul>");
	c->in_list = 0;
	buf_puts(c->b, !strcmp(kind, "h") ? "<p class=\"bh\">" : "<p>");
	html_esc(c->b, store_row_text(r, "text"));
	buf_puts(c->b, "</p>");
	return 0;
}

static void no_blocks(struct buf *b, const struct report_page *p)
{
	buf_puts(b, "<p class=\"none\">—<span class=\"sr\">");
	buf_puts(b, L(p, "記載なし", "none"));
	buf_puts(b, "</span></p>");
}

void html_blocks_tab(struct buf *b, const struct report_page *p,
		     const struct tab *t, long long id, const char *field)
{
	int lo = 0, hi = t->nrow, in_list = 0, n = 0, i;

	while (lo < hi) {          /* first row of owner id */
		int mid = lo + (hi - lo) / 2;

		if (tab_i(t, mid, "owner_id") < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < t->nrow && tab_i(t, i, "owner_id") == id; i++) {
		const char *kind = tab_s(t, i, "kind");

		if (strcmp(tab_s(t, i, "field"), field))
			continue;
		n++;
		if (!strcmp(kind, "li")) {
			buf_puts(b, in_list ? "<li>" : "<ul><li>");
			in_list = 1;
			html_esc(b, tab_s(t, i, "text"));
			buf_puts(b, "</li>");
			continue;
		}
		if (in_list)
			buf_puts(b, "</ul>");
		in_list = 0;
		buf_puts(b, !strcmp(kind, "h") ? "<p class=\"bh\">" : "<p>");
		html_esc(b, tab_s(t, i, "text"));
		buf_puts(b, "</p>");
	}
	if (in_list)
		buf_puts(b, "</ul>");
	if (!n)
		no_blocks(b, p);
}

int html_blocks(struct store *st, struct buf *b, const struct report_page *p,
		const char *owner, long long id, const char *field)
{
	struct blocks_ctx c = { b, field, 0, 0 };
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.owner = owner;
	f.id = id;
	rc = store_query(st, STORE_Q_BLOCKS, &f, block_row, &c);
	if (c.in_list)
		buf_puts(b, "</ul>");
	if (!rc && !c.n)
		no_blocks(b, p);
	return rc;
}

/* ---- the page frame ---- */

void html_head(struct buf *b, const struct report_page *p, const char *title,
	       const struct crumb *c, int nc)
{
	int i;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>", p->en ? "en" : "ja");
	html_esc(b, title);
	buf_puts(b, L(p, "｜医療機器基本計画", " | Medical Device Basic Plan"));
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	html_esc(b, p->top);
	buf_puts(b, "static/mdplan.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
	buf_puts(b, L(p, "本文へ移動", "Skip to content"));
	buf_puts(b, "</a>\n<header class=\"site\">\n<p class=\"brand\"><a href=\"");
	html_esc(b, p->root);
	buf_puts(b, "\">");
	buf_puts(b, L(p, "医療機器基本計画 フォローアップ", "Medical Device Basic Plan follow-up"));
	buf_puts(b, "</a></p>\n<nav aria-label=\"");
	buf_puts(b, L(p, "サイト", "Site"));
	buf_puts(b, "\"><ul>");
	buf_puts(b, "<li>");
	html_link(b, p, "", L(p, "計画", "Plan"));
	buf_puts(b, "</li><li>");
	html_link(b, p, "ministries/", L(p, "府省", "Ministries"));
	buf_puts(b, "</li><li>");
	html_link(b, p, "followups/", L(p, "フォローアップ", "Follow-up"));
	buf_puts(b, "</li><li>");
	html_link(b, p, "indicators/", L(p, "指標", "Indicators"));
	buf_puts(b, "</li><li>");
	if (!p->published) {
		html_link(b, p, "search/", L(p, "検索", "Search"));
		buf_puts(b, "</li><li>");
	}
	/* the same page in the other language */
	buf_puts(b, "<a href=\"");
	html_esc(b, p->top);
	if (!p->en)
		buf_puts(b, "en/");
	html_esc(b, p->path);
	buf_printf(b, "\" lang=\"%s\" hreflang=\"%s\">%s</a>", p->en ? "ja" : "en",
		   p->en ? "ja" : "en", p->en ? "日本語" : "English");
	buf_puts(b, "</li></ul></nav>\n</header>\n");
	if (nc > 0) {
		buf_puts(b, "<nav class=\"crumbs\" aria-label=\"");
		buf_puts(b, L(p, "パンくずリスト", "Breadcrumb"));
		buf_puts(b, "\"><ol>");
		for (i = 0; i < nc; i++) {
			buf_puts(b, "<li>");
			if (c[i].href) {
				html_link(b, p, c[i].href, c[i].text);
			} else {
				buf_puts(b, "<span aria-current=\"page\">");
				html_esc(b, c[i].text);
				buf_puts(b, "</span>");
			}
			buf_puts(b, "</li>");
		}
		buf_puts(b, "</ol></nav>\n");
	}
	buf_puts(b, "<main id=\"main\">\n<h1>");
	html_esc(b, title);
	buf_puts(b, "</h1>\n");
}

void html_foot(struct buf *b, const struct report_page *p)
{
	buf_puts(b, "</main>\n<footer class=\"site\"><p>");
	buf_puts(b, L(p, "出典：医療機器基本計画（第2期）および各年度のフォローアップ。"
		      "政府標準利用規約（第2.0版）に準拠して掲載しています。",
		      "Source: the 2nd Medical Device Basic Plan and its yearly follow-up,"
		      " used under the Government of Japan Standard Terms of Use 2.0."));
	buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}

int report_page_error(const struct report_page *p, int status,
		      const char *detail, struct buf *out)
{
	const char *title;

	switch (status) {
	case 404: title = L(p, "ページが見つかりません", "Page not found"); break;
	case 400: title = L(p, "要求が正しくありません", "Bad request"); break;
	case 405: title = L(p, "この方法では利用できません", "Method not allowed"); break;
	default: title = L(p, "エラーが発生しました", "Something went wrong"); break;
	}
	html_head(out, p, title, NULL, 0);
	buf_puts(out, "<p>");
	if (detail)
		html_esc(out, detail);
	buf_puts(out, "</p>\n<p>");
	html_link(out, p, "", L(p, "トップページへ", "Go to the home page"));
	buf_puts(out, "</p>\n");
	html_foot(out, p);
	return buf_error(out);
}

int report_years(struct store *st, int *years, int max)
{
	struct arena *a = arena_new();
	struct tab t;
	int rc, i, n = 0;

	if (!a)
		return MD_ENOMEM;
	rc = tab_load(st, STORE_Q_FOLLOWUP_STATS, NULL, a, &t);
	for (i = 0; !rc && i < t.nrow && n < max; i++)
		years[n++] = (int)tab_i(&t, i, "fiscal_year");
	arena_free(a);
	return rc ? rc : n;
}

/* ---- the style sheet ---- */

static const char css[] =
	":root{--ink:#1a1a1a;--muted:#4d4d4d;--line:#b3b3b3;--accent:#0b4f8a;"
	"--bg:#fff;--soft:#f2f5f8;--lead:#8a3b00}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%}\n"
	"body{margin:0;color:var(--ink);background:var(--bg);line-height:1.7;"
	"font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",Meiryo,sans-serif;"
	"font-size:1rem}\n"
	"a{color:var(--accent)}a:focus-visible,summary:focus-visible{outline:3px solid #f5a300;"
	"outline-offset:2px}\n"
	".skip{position:absolute;left:-999em}.skip:focus{left:1rem;top:1rem;background:#fff;"
	"padding:.5rem;z-index:9}\n"
	".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap}\n"
	"header.site{background:var(--accent);color:#fff;padding:.5rem 1rem;display:flex;"
	"flex-wrap:wrap;gap:.5rem 2rem;align-items:center}\n"
	"header.site a{color:#fff}.brand{margin:0;font-weight:bold}\n"
	"header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}\n"
	".crumbs ol{list-style:none;margin:0;padding:.5rem 1rem;display:flex;flex-wrap:wrap;"
	"font-size:.9rem;background:var(--soft)}\n"
	".crumbs li+li::before{content:\"›\";padding:0 .5em;color:var(--muted)}\n"
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;line-height:1.4}h2{font-size:1.25rem;border-bottom:2px solid "
	"var(--accent);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}\n"
	"table{border-collapse:collapse;width:100%;margin:1rem 0}\n"
	"th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;"
	"vertical-align:top}\n"
	"thead th{background:var(--soft)}td.n,th.n{text-align:right;white-space:nowrap}\n"
	"col.c-item{width:34%}col.c-text{width:33%}\n"
	"tr.vision th{background:var(--accent);color:#fff}tr.goal th{background:var(--soft)}\n"
	"td p,td ul{margin:0 0 .4rem}td ul{padding-left:1.2rem}\n"
	".bh{font-weight:bold}.none{color:var(--muted)}\n"
	".min{display:inline-block;border:1px solid var(--line);border-radius:3px;"
	"padding:0 .3em;margin-right:.2em;font-size:.9rem}\n"
	".min.lead{border-color:var(--lead);color:var(--lead);font-weight:bold}\n"
	".state{font-size:.85rem;padding:0 .4em;border-radius:3px;white-space:nowrap}\n"
	".state.done{background:#e3f1e3;color:#1b4d1b}.state.partial{background:#fff4d6;"
	"color:#5c4200}.state.missing{background:#f6e0e0;color:#6e1414}\n"
	".item{border-left:4px solid var(--line);padding:.2rem 0 .2rem .8rem;margin:1rem 0}\n"
	".cmp{display:grid;grid-template-columns:1fr 1fr;gap:1rem}\n"
	".cmp>section{border:1px solid var(--line);padding:.6rem;border-radius:4px}\n"
	".cmp h3{margin-top:0}\n"
	"del{background:#fbe0e0;color:#6e1414}ins{background:#dff3df;color:#1b4d1b;"
	"text-decoration:underline}\n"
	".meta{color:var(--muted);font-size:.9rem}\n"
	".diff p{white-space:pre-line}\n"
	"del::before,del::after,ins::before,ins::after{position:absolute;clip-path:inset(100%);"
	"clip:rect(1px,1px,1px,1px);width:1px;height:1px;overflow:hidden;white-space:nowrap}\n"
	"del::before{content:\" [削除] \"}del::after{content:\" [削除ここまで] \"}"
	"ins::before{content:\" [追加] \"}ins::after{content:\" [追加ここまで] \"}\n"
	":lang(en) del::before{content:\" [deleted] \"}:lang(en) del::after{content:\" [end deleted] \"}"
	":lang(en) ins::before{content:\" [added] \"}:lang(en) ins::after{content:\" [end added] \"}\n"
	".dl li{margin:.3rem 0}\n"
	"footer.site{border-top:1px solid var(--line);margin-top:2rem;padding:1rem;"
	"font-size:.85rem;color:var(--muted)}\n"
	".scroll{overflow-x:auto}\n"
	"@media (max-width:40rem){.cmp{grid-template-columns:1fr}"
	"table.fy thead{position:absolute;left:-999em}"
	"table.fy tr,table.fy td,table.fy th{display:block;width:100%}"
	"table.fy td::before{content:attr(data-label);display:block;font-weight:bold;"
	"color:var(--muted)}}\n"
	"@page{size:A4;margin:12mm}\n"
	"@page landscape{size:A4 landscape;margin:10mm}\n"
	"@media print{header.site,.crumbs,.skip,footer.site,.noprint,form.search,"
	"nav.pages{display:none}"
	"body{font-size:9pt;line-height:1.45}main{max-width:none;padding:0}"
	"a{color:inherit;text-decoration:none}"
	"main:has(.print-landscape){page:landscape}"
	"table.fy{font-size:8pt}table.fy thead{display:table-header-group}"
	"table.fy tr{break-inside:avoid}h2{break-after:avoid}"
	"tr.vision th{background:#ddd!important;color:#000}}\n";

/* the search page (a literal of its own: C caps one at 4095 bytes) */
/* indicators: status badges (the class is the status code), the
 * scorecard, the chart and its inputs; colour is never the only cue, the
 * label is always written */
static const char css_kpi[] =
	".status{display:inline-block;font-size:.85rem;padding:0 .45em;border-radius:3px;"
	"border:1px solid transparent;white-space:nowrap}\n"
	".status.achieved{background:#0b5d1e;color:#fff}"
	".status.on_track{background:#dff3df;color:#0b4a17;border-color:#6fb07a}"
	".status.needs_acceleration{background:#fff4d6;color:#5c4200;border-color:#d9b44a}"
	".status.limited_progress{background:#fde6d2;color:#6b3300;border-color:#e09a5b}"
	".status.deteriorating{background:#f6e0e0;color:#6e1414;border-color:#d07a7a}"
	".status.no_target{background:#eef1f4;color:#333;border-color:#b3b3b3}"
	".status.not_enough_data{background:#fff;color:#4d4d4d;border:1px dashed #808080}\n"
	"table.scorecard th,table.scorecard td{font-size:.9rem}"
	"table.scorecard tbody th{min-width:14rem}"
	"table.scorecard td.zero{color:#8a8a8a}"
	"table.scorecard td.achieved,table.scorecard td.on_track{font-weight:bold}\n"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
	"figure.chart{margin:1rem 0;max-width:100%;overflow-x:auto}"
	"figure.chart svg{max-width:100%;height:auto;border:1px solid var(--line)}\n"
	"figcaption{font-size:.85rem;color:var(--muted)}\n"
	"dl.def{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}"
	"dl.def dt{font-weight:bold}dl.def dd{margin:0}\n"
	"table.inputs th{width:38%;font-weight:normal;background:var(--soft)}"
	".src{font-size:.85rem;word-break:break-all}td.na{color:var(--muted)}\n"
	"@media print{figure.chart svg{border:0}.status{border:1px solid #000!important;"
	"background:#fff!important;color:#000!important}}\n";

static const char css_search[] =
	"form.search{background:var(--soft);padding:.6rem 1rem;border-radius:4px}\n"
	"form.search p{margin:.4rem 0}form.search label{font-weight:bold;margin-right:.3rem}\n"
	"form.search input[type=search]{width:min(28rem,100%);font:inherit;padding:.3rem;"
	"border:1px solid var(--muted)}\n"
	"form.search select,form.search button{font:inherit;padding:.25rem .4rem;"
	"margin-right:1rem}\n"
	"form.search button{background:var(--accent);color:#fff;border:0;border-radius:3px;"
	"padding:.3rem 1rem}\n"
	".help{color:var(--muted);font-size:.85rem}\n"
	"ol.hits{padding-left:1.5rem}ol.hits>li{margin:1rem 0}\n"
	"ol.hits h2{font-size:1.05rem;border:0;margin:0;padding:0}\n"
	".snip{margin:.2rem 0}.snip .field{font-size:.85rem;color:var(--muted);"
	"border:1px solid var(--line);border-radius:3px;padding:0 .3em}\n"
	"mark{background:#ffe98a;color:#000;font-weight:bold}\n"
	"nav.pages ul{list-style:none;display:flex;gap:1rem;padding:0}\n";

int report_css(struct buf *out)
{
	buf_add(out, css, sizeof(css) - 1);
	buf_add(out, css_search, sizeof(css_search) - 1);
	buf_add(out, css_kpi, sizeof(css_kpi) - 1);
	return buf_error(out);
}
