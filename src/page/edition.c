/*
 * Published editions (版) of a year's follow-up: the list of a year's
 * editions, one edition's official table with what changed since the one
 * before (the site's word diff), and the note on the year page that says
 * which edition the public table is. An edition is immutable, so every
 * one stays readable at /followups/{fy}/editions/{k}/.
 */
#include <string.h>

#include "internal.h"

/* labels of these pages only */
#define L(g, ja, eng) ((g)->p->en ? (eng) : (ja))
static const enum msg edition_cols[] = { MSG_ED_EDITION, MSG_ED_PUBLISHED,
					 MSG_ED_PUBLISHED_BY, MSG_ED_ROWS, MSG_ED_CHANGES,
					 MSG_SHA256 };

/* who published: an account's name without "user:" */
static const char *who(const char *by)
{
	return !strncmp(by, "user:", 5) ? by + 5 : by;
}

static const char *origin(struct pg *g, const char *o)
{
	return !strcmp(o, "round") ? L(g, "フォローアップ調査（各府省の報告）",
				       "the follow-up round (the ministries' reports)") :
		L(g, "取り込んだ公式の表", "the imported official table");
}

static const char *edition_title(struct pg *g, int fy, long long no)
{
	return pg_fmt(g, g->p->en ? "%s follow-up, edition %lld" : "%sフォローアップ 第%lld版",
		      pg_fy(g, fy), no);
}

/* The official table's downloads of edition no (TSV, XLSX). */
static void edition_downloads(struct pg *g, int fy, long long no)
{
	static const char *const ext[] = { "tsv", "xlsx" };
	struct html *h = g->h;
	size_t k;

	H_RAW(h, "<ul class=\"dl noprint\" aria-label=\"");
	html_attr(h, L(g, "公式の表のダウンロード", "Downloads of the official table"));
	H_RAW(h, "\">");
	for (k = 0; k < MD_ARRAY_SIZE(ext); k++) {
		H_RAW(h, "<li><a download href=\"");
		html_url3(h, g->p->top, pg_fmt(g, "downloads/followup-%d-edition-%lld.%s", fy,
					       no, ext[k]), NULL);
		H_RAW(h, "\">");
		html_text(h, pg_fmt(g, g->p->en ? "Edition %lld, official table (%s)" :
				    "第%lld版 公式の表（%s）", no, k ? "XLSX" : "TSV"));
		H_RAW(h, "</a></li>");
	}
	H_RAW(h, "</ul>\n");
}

/* The facts of an edition as a definition list. */
static void edition_facts(struct pg *g, const struct store_edition_row *e)
{
	struct html *h = g->h;

	H_RAW(h, "<dl class=\"def edition\"><dt>");
	html_text(h, L(g, "公表日時", "Published"));
	H_RAW(h, "</dt><dd>");
	html_text(h, pg_when(g, e->published_at));
	H_RAW(h, "</dd><dt>");
	html_text(h, L(g, "公表者", "Published by"));
	H_RAW(h, "</dt><dd>");
	html_text(h, who(e->published_by));
	H_RAW(h, "</dd><dt>");
	html_text(h, L(g, "作成元", "Made from"));
	H_RAW(h, "</dt><dd>");
	html_text(h, origin(g, e->origin));
	H_RAW(h, "</dd><dt>");
	html_text(h, L(g, "行数", "Rows"));
	H_RAW(h, "</dt><dd>");
	html_int(h, e->rows);
	H_RAW(h, "</dd><dt>SHA-256</dt><dd><code class=\"digest\">");
	html_text(h, e->sha256);
	H_RAW(h, "</code></dd></dl>\n");
}

/* The year's editions, oldest first; *n 0 when none. */
static int load_editions(struct pg *g, int fy, struct store_edition_row **e, int *n)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.year = fy;
	return store_load_edition(g->st, &f, g->a, e, n);
}

int pg_edition_note(struct pg *g, int fy)
{
	struct store_edition_row *e;
	struct html *h = g->h;
	int n, rc;

	if ((rc = load_editions(g, fy, &e, &n)) || !n)
		return rc;
	H_RAW(h, "<section class=\"edition-note\" aria-labelledby=\"edition\"><h2 id=\"edition\">");
	html_text(h, pg_fmt(g, g->p->en ? "Published edition %lld" : "公表版 第%lld版",
			    e[n - 1].no));
	H_RAW(h, "</h2>\n");
	edition_facts(g, &e[n - 1]);
	H_RAW(h, "<p>");
	pg_link(g, pg_fmt(g, "followups/%d/editions/%lld/", fy, e[n - 1].no),
		L(g, "この版と前の版からの変更", "This edition and what changed"));
	H_RAW(h, " · ");
	pg_link(g, pg_fmt(g, "followups/%d/editions/", fy),
		pg_fmt(g, g->p->en ? "All editions (%d)" : "すべての版（%d）", n));
	H_RAW(h, "</p>\n</section>\n");
	return 0;
}

int page_editions(struct store *st, const struct page *p, int fy, struct buf *out)
{
	struct pg g;
	struct store_edition_row *e;
	struct html *h = g.h;
	int rc, n, i;

	if ((rc = pg_open(&g, st, p, out)) || (rc = load_editions(&g, fy, &e, &n)))
		return pg_close(&g, rc);
	if (!n)
		return pg_close(&g, MD_ENOTFOUND);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ "followups/", M(&g, MSG_NAV_FOLLOWUP) },
			{ pg_fmt(&g, "followups/%d/", fy), pg_fy(&g, fy) },
			{ NULL, L(&g, "版の一覧", "Editions") },
		};
		pg_head(&g, pg_fmt(&g, g.p->en ? "%s follow-up: editions" :
				   "%sフォローアップの版", pg_fy(&g, fy)), c, 4);
	}
	H_RAW(h, "<p>");
	html_text(h, L(&g, "公表された版は変更されません。訂正は新しい版として公表され、"
		       "前の版からの変更が記録されます。以前の版もここで読めます。",
		       "A published edition never changes. A correction is published as a "
		       "new edition with what changed since the one before; earlier editions "
		       "stay readable here."));
	H_RAW(h, "</p>\n");
	pg_region(&g, L(&g, "版の一覧", "Editions"));
	H_RAW(h, "<table class=\"editions stack\"><caption class=\"sr\">");
	html_text(h, pg_fmt(&g, g.p->en ? "Editions of the %s follow-up" :
			    "%sフォローアップの版", pg_fy(&g, fy)));
	H_RAW(h, "</caption>\n<thead><tr>");
	pg_col_heads(&g, edition_cols, (int)MD_ARRAY_SIZE(edition_cols));
	H_RAW(h, "</tr></thead>\n<tbody>\n");
	for (i = n - 1; i >= 0; i--) {
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(&g, pg_fmt(&g, "followups/%d/editions/%lld/", fy, e[i].no),
			pg_fmt(&g, g.p->en ? "Edition %lld" : "第%lld版", e[i].no));
		if (i == n - 1) {
			H_RAW(h, " <span class=\"meta\">");
			html_text(h, L(&g, "（最新）", "(latest)"));
			H_RAW(h, "</span>");
		}
		H_RAW(h, "</th><td data-label=\"");
		html_attr(h, L(&g, "公表日時", "Published"));
		H_RAW(h, "\">");
		html_text(h, pg_when(&g, e[i].published_at));
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, L(&g, "公表者", "Published by"));
		H_RAW(h, "\">");
		html_text(h, who(e[i].published_by));
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, L(&g, "行数", "Rows"));
		H_RAW(h, "\">");
		html_int(h, e[i].rows);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, L(&g, "前の版からの変更", "Changes since the previous"));
		H_RAW(h, "\">");
		if (i == 0)
			html_text(h, L(&g, "（最初の版）", "(the first edition)"));
		else
			html_int(h, e[i].changes);
		H_RAW(h, "</td><td data-label=\"SHA-256\"><code class=\"digest\">");
		html_text(h, e[i].sha256);
		H_RAW(h, "</code></td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- one edition ---- */

/* The row of r that has the item (or, for a row matched to none, the
 * text), or NULL. */
static const struct store_edition_row_row *row_of(const struct report_edition *e,
						  const struct store_edition_change_row *c)
{
	int i;

	for (i = 0; i < e->nrows; i++) {
		const struct store_edition_row_row *r = &e->row[i];

		if (c->null.item_id ? r->null.item_id && !strcmp(r->item_text, c->item_text) :
		    !r->null.item_id && r->item_id == c->item_id)
			return r;
	}
	return NULL;
}

static int diff_field(struct pg *g, const struct store_edition_row_row *from,
		      const struct store_edition_row_row *to, const char *field, enum msg label)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct html *h = g->h;
	int rc = 0;

	if (from)
		rc = report_blocks_plain(g->st, "edition_row", from->id, field, &a);
	if (!rc && to)
		rc = report_blocks_plain(g->st, "edition_row", to->id, field, &b);
	if (!rc) {
		H_RAW(h, "<h4>");
		html_msg(h, label);
		H_RAW(h, "</h4>\n");
		if (!strcmp(a.ptr, b.ptr)) {
			H_RAW(h, "<p class=\"none\">");
			html_msg(h, MSG_NO_CHANGE);
			H_RAW(h, "</p>\n");
		} else {
			H_RAW(h, "<div class=\"diff\"><p>");
			rc = html_diff(h, a.ptr, b.ptr);
			H_RAW(h, "</p></div>\n");
		}
	}
	buf_release(&a);
	buf_release(&b);
	return rc;
}

static const char *change_name(struct pg *g, const char *c)
{
	return !strcmp(c, "added") ? L(g, "追加", "added") : !strcmp(c, "removed") ?
		L(g, "削除", "removed") : L(g, "変更", "changed");
}

/* What edition e changed against prev (NULL for the first edition). */
static int edition_changes(struct pg *g, const struct report_edition *e,
			   const struct report_edition *prev)
{
	struct html *h = g->h;
	int i, rc;

	H_RAW(h, "<section aria-labelledby=\"changes\"><h2 id=\"changes\">");
	if (!prev) {
		html_text(h, L(g, "変更", "Changes"));
		H_RAW(h, "</h2>\n<p class=\"none\">");
		html_text(h, L(g, "最初の版です。", "This is the first edition."));
		H_RAW(h, "</p></section>\n");
		return 0;
	}
	html_text(h, pg_fmt(g, g->p->en ? "What changed since edition %lld" :
			    "第%lld版からの変更", prev->edition.no));
	H_RAW(h, "</h2>\n<p>");
	html_text(h, pg_fmt(g, g->p->en ? "%d rows changed." : "%d行が変わりました。",
			    e->nchanges));
	H_RAW(h, "</p>\n");
	for (i = 0; i < e->nchanges; i++) {
		const struct store_edition_change_row *c = &e->change[i];
		const struct store_edition_row_row *to = row_of(e, c), *from = row_of(prev, c);

		H_RAW(h, "<section class=\"change\"><h3>");
		if (!c->null.item_no) {
			pg_link(g, pg_fmt(g, "items/%lld/", c->item_no),
				pg_item_label(g, c->item_no));
			H_RAW(h, " ");
		}
		H_RAW(h, "<span class=\"meta\">");
		html_text(h, pg_fmt(g, g->p->en ? "(%s)" : "（%s）", change_name(g, c->change)));
		H_RAW(h, "</span></h3>\n<p class=\"meta\">");
		html_text(h, c->item_text);
		H_RAW(h, "</p>\n");
		if ((rc = diff_field(g, from, to, "results", MSG_RESULTS)) ||
		    (rc = diff_field(g, from, to, "plans", MSG_PLANS)))
			return rc;
		H_RAW(h, "</section>\n");
	}
	H_RAW(h, "</section>\n");
	return 0;
}

/* The edition's table, in the layout of the year page. */
static int edition_table(struct pg *g, int fy, const struct report_edition *e)
{
	struct html *h = g->h;
	const char *vision = NULL, *goal = NULL, *measure = NULL;
	int i, rc;

	H_RAW(h, "<h2 id=\"table\">");
	html_text(h, L(g, "この版の表", "The table of this edition"));
	H_RAW(h, "</h2>\n<div class=\"print-landscape\">\n<table class=\"fy\">\n"
	      "<caption class=\"sr\">");
	html_text(h, edition_title(g, fy, e->edition.no));
	H_RAW(h, "</caption>\n<colgroup><col class=\"c-item\"><col class=\"c-text\">"
	      "<col class=\"c-text\"></colgroup>\n<thead><tr><th scope=\"col\">");
	html_msg(h, MSG_MEASURE_AND_ITEM_MINISTRIES);
	H_RAW(h, "</th><th scope=\"col\">");
	pg_label_fy(g, MSG_RESULTS, fy);
	H_RAW(h, "</th><th scope=\"col\">");
	pg_label_fy(g, MSG_PLANS, fy + 1);
	H_RAW(h, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < e->nlines; i++) {
		const struct report_edition_line *l = &e->line[i];
		const struct store_edition_row_row *r = l->row;

		if (*l->vision && (!vision || strcmp(vision, l->vision))) {
			H_RAW(h, "<tr class=\"vision\"><th colspan=\"3\" scope=\"colgroup\">");
			html_text(h, l->vision);
			H_RAW(h, "</th></tr>\n");
			vision = l->vision;
			goal = measure = NULL;
		}
		if (!r) {
			H_RAW(h, "<tr class=\"goal relisted\"><th colspan=\"3\" scope=\"colgroup\">");
			html_text(h, l->goal);
			html_msg(h, MSG_RELISTED_AFTER);
			H_RAW(h, "</th></tr>\n<tr class=\"see-above\"><td colspan=\"3\">");
			html_msg(h, MSG_SEE_ABOVE);
			H_RAW(h, "</td></tr>\n");
			goal = measure = NULL;
			continue;
		}
		if (*l->goal && (!goal || strcmp(goal, l->goal))) {
			H_RAW(h, "<tr class=\"goal\"><th colspan=\"3\" scope=\"colgroup\">");
			html_text(h, l->goal);
			H_RAW(h, "</th></tr>\n");
			goal = l->goal;
			measure = NULL;
		}
		H_RAW(h, "<tr><td data-label=\"");
		html_attr(h, M(g, MSG_MEASURE_AND_ITEM));
		H_RAW(h, "\">");
		if (*r->measure_heading && (!measure || strcmp(measure, r->measure_heading))) {
			H_RAW(h, "<p class=\"meta\">");
			html_text(h, r->measure_heading);
			H_RAW(h, "</p>");
			measure = r->measure_heading;
		}
		H_RAW(h, "<p>");
		if (!r->null.item_no) {
			pg_link(g, pg_fmt(g, "items/%lld/", r->item_no), pg_item_label(g, r->item_no));
			H_RAW(h, " ");
		}
		html_text(h, r->item_text);
		H_RAW(h, "</p><p>");
		pg_ministries(g, r->ministries);
		H_RAW(h, "</p></td><td data-label=\"");
		html_attr(h, M(g, MSG_RESULTS_SHORT));
		H_RAW(h, "\">");
		if ((rc = pg_blocks(g, "edition_row", r->id, "results")))
			return rc;
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_PLANS));
		H_RAW(h, "\">");
		if ((rc = pg_blocks(g, "edition_row", r->id, "plans")))
			return rc;
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody>\n</table>\n</div>\n");
	return 0;
}

int page_edition(struct store *st, const struct page *p, int fy, int no, struct buf *out)
{
	struct pg g;
	struct report_edition e, prev;
	struct store_edition_row *all;
	struct html *h = g.h;
	int rc, n;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = report_edition_load(st, fy, no, g.a, &e)) ||
	    (no > 1 && (rc = report_edition_load(st, fy, no - 1, g.a, &prev))) ||
	    (rc = load_editions(&g, fy, &all, &n)))
		return pg_close(&g, rc);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ "followups/", M(&g, MSG_NAV_FOLLOWUP) },
			{ pg_fmt(&g, "followups/%d/", fy), pg_fy(&g, fy) },
			{ pg_fmt(&g, "followups/%d/editions/", fy), L(&g, "版の一覧", "Editions") },
			{ NULL, pg_fmt(&g, g.p->en ? "Edition %d" : "第%d版", no) },
		};
		pg_head(&g, edition_title(&g, fy, no), c, 5);
	}
	if (no != all[n - 1].no) {
		H_RAW(h, "<p class=\"notice\">");
		html_text(h, pg_fmt(&g, g.p->en ? "This is an earlier edition. The latest is "
				    "edition %lld: " : "これは以前の版です。最新は第%lld版です：",
				    all[n - 1].no));
		pg_link(&g, pg_fmt(&g, "followups/%d/editions/%lld/", fy, all[n - 1].no),
			edition_title(&g, fy, all[n - 1].no));
		H_RAW(h, "</p>\n");
	}
	edition_facts(&g, &e.edition);
	H_RAW(h, "<nav class=\"noprint\" aria-label=\"");
	html_attr(h, L(&g, "版", "Editions"));
	H_RAW(h, "\"><p>");
	if (no > 1) {
		pg_link(&g, pg_fmt(&g, "followups/%d/editions/%d/", fy, no - 1),
			pg_fmt(&g, g.p->en ? "← Edition %d" : "← 第%d版", no - 1));
		H_RAW(h, " · ");
	}
	if (no < all[n - 1].no) {
		pg_link(&g, pg_fmt(&g, "followups/%d/editions/%d/", fy, no + 1),
			pg_fmt(&g, g.p->en ? "Edition %d →" : "第%d版 →", no + 1));
		H_RAW(h, " · ");
	}
	pg_link(&g, pg_fmt(&g, "followups/%d/editions/", fy), L(&g, "版の一覧", "All editions"));
	H_RAW(h, "</p></nav>\n");
	edition_downloads(&g, fy, no);
	if ((rc = edition_changes(&g, &e, no > 1 ? &prev : NULL)) ||
	    (rc = edition_table(&g, fy, &e)))
		return pg_close(&g, rc);
	pg_foot(&g);
	return pg_close(&g, 0);
}
