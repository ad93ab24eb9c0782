/*
 * The web pages: home, vision, goal, measure, action item (with its
 * follow-up by fiscal year and its year-over-year changes), ministries,
 * and the fiscal-year follow-up table in the official layout.
 *
 * Each page loads what it needs into tabs (an arena per page), then writes
 * HTML. Nothing here knows about HTTP; the server and `mdplan publish` both
 * call these.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct pg {
	struct store *st;
	const struct report_page *p;
	struct buf *out;
	struct arena *a;
	int years[64];       /* fiscal years with follow-up, ascending */
	int ny;
	int fy;              /* the latest of them, 0 if none */
};

static int pg_open(struct pg *g, struct store *st, const struct report_page *p,
		   struct buf *out)
{
	g->st = st;
	g->p = p;
	g->out = out;
	g->a = arena_new();
	if (!g->a)
		return MD_ENOMEM;
	g->ny = report_years(st, g->years, (int)MD_ARRAY_SIZE(g->years));
	if (g->ny < 0)
		return g->ny;
	g->fy = g->ny ? g->years[g->ny - 1] : 0;
	return 0;
}

/* Whether fiscal year fy has follow-up rows. */
static int has_year(const struct pg *g, int fy)
{
	int i;

	for (i = 0; i < g->ny; i++) {
		if (g->years[i] == fy)
			return 1;
	}
	return 0;
}

/* The vision a goal is first listed under (not re-listed), 0 if none. */
static int home_vision(const struct tab *ls)
{
	int i;

	for (i = 0; i < ls->nrow; i++) {
		if (!tab_i(ls, i, "relisted"))
			return (int)tab_i(ls, i, "vision_no");
	}
	return 0;
}

/* "ja（令和7年度（FY2025））" / "en (FY2025)": a label with its fiscal year. */
static void label_fy(struct pg *g, const char *ja, const char *en, int fy)
{
	buf_puts(g->out, g->p->en ? en : ja);
	buf_puts(g->out, g->p->en ? " (" : "（");
	html_fy(g->out, g->p, fy);
	buf_puts(g->out, g->p->en ? ")" : "）");
}

static int pg_close(struct pg *g, int rc)
{
	arena_free(g->a);
	return rc ? rc : buf_error(g->out);
}

/* A printf into the page's arena, for hrefs and titles. */
static const char *fmt(struct pg *g, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
static const char *fmt(struct pg *g, const char *f, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	char *s;

	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	s = arena_strdup(g->a, b.ptr);
	buf_release(&b);
	return s ? s : "";
}

static const char *fy_text(struct pg *g, int fy)
{
	struct buf b = BUF_INIT;
	char *s;

	html_fy(&b, g->p, fy);
	s = arena_strdup(g->a, b.ptr);
	buf_release(&b);
	return s ? s : "";
}

static void out_fy(struct pg *g, int fy)
{
	html_fy(g->out, g->p, fy);
}

/* The follow-up state of an item in the latest year, as a badge. */
static void state_badge(struct pg *g, long long rows, long long with_results)
{
	const struct report_page *p = g->p;

	if (!g->fy)
		return;
	if (with_results)
		buf_printf(g->out, "<span class=\"state done\">%s</span>",
			   L(p, "実績報告あり", "reported"));
	else if (rows)
		buf_printf(g->out, "<span class=\"state partial\">%s</span>",
			   L(p, "実績未記入", "no results"));
	else
		buf_printf(g->out, "<span class=\"state missing\">%s</span>",
			   L(p, "報告なし", "not reported"));
}

static const char *vision_label(struct pg *g, long long no)
{
	return fmt(g, g->p->en ? "Vision %lld" : "ビジョン%lld", no);
}

static const char *goal_label(struct pg *g, long long no)
{
	return fmt(g, g->p->en ? "Goal %lld" : "ゴール%lld", no);
}

static const char *measure_label(struct pg *g, long long no)
{
	return fmt(g, g->p->en ? "Measure M%lld" : "施策M%lld", no);
}

static const char *item_label(struct pg *g, long long no)
{
	return fmt(g, g->p->en ? "Action item A%lld" : "取組A%lld", no);
}

/* ---- home and vision ---- */

static void listing_table(struct pg *g, const struct tab *ls, long long vision)
{
	const struct report_page *p = g->p;
	int i;

	buf_puts(g->out, "<table>\n<thead><tr><th scope=\"col\">");
	buf_puts(g->out, L(p, "ゴール", "Goal"));
	buf_printf(g->out, "</th><th scope=\"col\" class=\"n\">%s</th>"
		   "<th scope=\"col\" class=\"n\">%s</th>",
		   L(p, "施策", "Measures"), L(p, "取組", "Action items"));
	if (g->fy) {
		buf_puts(g->out, "<th scope=\"col\" class=\"n\">");
		out_fy(g, g->fy);
		buf_puts(g->out, L(p, "の報告", " reported"));
		buf_puts(g->out, "</th>");
	}
	buf_puts(g->out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ls->nrow; i++) {
		long long gno = tab_i(ls, i, "goal_no");

		if (tab_i(ls, i, "vision_no") != vision)
			continue;
		buf_puts(g->out, "<tr><th scope=\"row\">");
		html_link(g->out, p, fmt(g, "goals/%lld/", gno),
			  fmt(g, "%s %s", goal_label(g, gno), tab_s(ls, i, "title")));
		if (tab_i(ls, i, "relisted"))
			buf_printf(g->out, " <span class=\"meta\">%s</span>",
				   L(p, "（再掲）", "(re-listed)"));
		buf_printf(g->out, "</th><td class=\"n\">%lld</td><td class=\"n\">%lld</td>",
			   tab_i(ls, i, "measures"), tab_i(ls, i, "items"));
		if (g->fy)
			buf_printf(g->out, "<td class=\"n\">%lld / %lld</td>",
				   tab_i(ls, i, "followed"), tab_i(ls, i, "items"));
		buf_puts(g->out, "</tr>\n");
	}
	buf_puts(g->out, "</tbody>\n</table>\n");
}

static int load_listings(struct pg *g, struct tab *ls)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.year = g->fy;
	if (!g->fy)
		f.year = -1;   /* no follow-up yet: count none */
	return tab_load(g->st, STORE_Q_LISTINGS, &f, g->a, ls);
}

int report_page_home(struct store *st, const struct report_page *p, struct buf *out)
{
	struct pg g;
	struct tab plans, counts, vis, ls, stats;
	const char *title = "";
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = tab_load(st, STORE_Q_PLANS, NULL, g.a, &plans)) ||
	    (rc = tab_load(st, STORE_Q_COUNTS, NULL, g.a, &counts)) ||
	    (rc = tab_load(st, STORE_Q_VISIONS, NULL, g.a, &vis)) ||
	    (rc = tab_load(st, STORE_Q_FOLLOWUP_STATS, NULL, g.a, &stats)) ||
	    (rc = load_listings(&g, &ls)))
		return pg_close(&g, rc);
	for (i = 0; i < plans.nrow; i++) {
		if (tab_i(&plans, i, "edition") == tab_i(&counts, 0, "edition"))
			title = p->en ? fmt(&g, "Medical Device Basic Plan, edition %lld (FY%lld–FY%lld)",
					    tab_i(&plans, i, "edition"),
					    tab_i(&plans, i, "fy_start"),
					    tab_i(&plans, i, "fy_end")) :
				tab_s(&plans, i, "title");
	}
	if (!*title)
		title = L(p, "医療機器基本計画", "Medical Device Basic Plan");
	html_head(out, p, title, NULL, 0);
	buf_printf(out, "<ul class=\"meta\"><li>%s %lld・%s %lld・%s %lld・%s %lld</li>",
		   L(p, "ビジョン", "Visions"), tab_i(&counts, 0, "visions"),
		   L(p, "ゴール", "Goals"), tab_i(&counts, 0, "goals"),
		   L(p, "施策", "Measures"), tab_i(&counts, 0, "measures"),
		   L(p, "取組", "Action items"), tab_i(&counts, 0, "action_items"));
	for (i = 0; i < stats.nrow; i++) {
		int fy = (int)tab_i(&stats, i, "fiscal_year");

		buf_puts(out, "<li>");
		html_link(out, p, fmt(&g, "followups/%d/", fy),
			  fmt(&g, "%s%s", fy_text(&g, fy),
			      L(p, "フォローアップ", " follow-up")));
		buf_printf(out, p->en ? ": %lld rows, %lld action items covered</li>" :
			   "：%lld件、取組%lld件に対応</li>",
			   tab_i(&stats, i, "entries"), tab_i(&stats, i, "items_covered"));
	}
	buf_puts(out, "</ul>\n");
	if (!vis.nrow)
		buf_printf(out, "<p>%s</p>\n", L(p, "計画がまだ取り込まれていません。",
						 "No plan has been imported yet."));
	for (i = 0; i < vis.nrow; i++) {
		long long no = tab_i(&vis, i, "no");

		buf_printf(out, "<section aria-labelledby=\"v%lld\">\n<h2 id=\"v%lld\">", no, no);
		html_link(out, p, fmt(&g, "visions/%lld/", no), vision_label(&g, no));
		buf_puts(out, " ");
		html_esc(out, tab_s(&vis, i, "title"));
		buf_puts(out, "</h2>\n");
		listing_table(&g, &ls, no);
		buf_puts(out, "</section>\n");
	}
	html_foot(out, p);
	return pg_close(&g, 0);
}

int report_page_vision(struct store *st, const struct report_page *p, int no,
		       struct buf *out)
{
	struct pg g;
	struct tab vis, ls;
	int rc, i, row = -1;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = tab_load(st, STORE_Q_VISIONS, NULL, g.a, &vis)) ||
	    (rc = load_listings(&g, &ls)))
		return pg_close(&g, rc);
	for (i = 0; i < vis.nrow; i++) {
		if (tab_i(&vis, i, "no") == no)
			row = i;
	}
	if (row < 0)
		return pg_close(&g, MD_ENOTFOUND);
	{
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ NULL, vision_label(&g, no) },
		};
		html_head(out, p, fmt(&g, "%s %s", vision_label(&g, no),
				      tab_s(&vis, row, "title")), c, 2);
	}
	buf_printf(out, "<p class=\"meta\">%s %lld・%s %lld・%s %lld</p>\n",
		   L(p, "ゴール", "Goals"), tab_i(&vis, row, "goals"),
		   L(p, "施策", "Measures"), tab_i(&vis, row, "measures"),
		   L(p, "取組", "Action items"), tab_i(&vis, row, "items"));
	listing_table(&g, &ls, no);
	html_foot(out, p);
	return pg_close(&g, 0);
}

/* ---- goal, measure ---- */

/* An item as a list entry: number, text, ministries, state. */
static void item_entry(struct pg *g, const struct tab *it, int i, int heading)
{
	const struct report_page *p = g->p;
	long long no = tab_i(it, i, "no");

	buf_puts(g->out, "<div class=\"item\">");
	buf_printf(g->out, "<h%d>", heading);
	html_link(g->out, p, fmt(g, "items/%lld/", no), item_label(g, no));
	buf_puts(g->out, " ");
	state_badge(g, tab_i(it, i, "followups"), tab_i(it, i, "with_results"));
	buf_printf(g->out, "</h%d>", heading);
	html_paras(g->out, tab_s(it, i, "text"));
	buf_printf(g->out, "<p class=\"meta\">%s：", L(p, "担当府省", "Ministries"));
	html_ministries(g->out, p, tab_s(it, i, "ministries"));
	buf_puts(g->out, "</p></div>\n");
}

static int load_items(struct pg *g, int goal, int measure, const char *ministry,
		      int item, struct tab *it)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.goal = goal;
	f.measure = measure;
	f.ministry = ministry;
	f.item = item;
	f.year = g->fy ? g->fy : -1;
	return tab_load(g->st, STORE_Q_ITEMS, &f, g->a, it);
}

int report_page_goal(struct store *st, const struct report_page *p, int no,
		     struct buf *out)
{
	struct pg g;
	struct tab goals, ls, ms, it;
	struct store_filter f;
	int rc, i, j, first_vision = 0;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.goal = no;
	f.year = g.fy ? g.fy : -1;
	if ((rc = tab_load(st, STORE_Q_GOALS, &f, g.a, &goals)) ||
	    (rc = tab_load(st, STORE_Q_LISTINGS, &f, g.a, &ls)) ||
	    (rc = tab_load(st, STORE_Q_MEASURES, &f, g.a, &ms)) ||
	    (rc = load_items(&g, no, 0, NULL, 0, &it)))
		return pg_close(&g, rc);
	if (!goals.nrow)
		return pg_close(&g, MD_ENOTFOUND);
	first_vision = home_vision(&ls);
	{
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ fmt(&g, "visions/%d/", first_vision), vision_label(&g, first_vision) },
			{ NULL, goal_label(&g, no) },
		};
		html_head(out, p, fmt(&g, "%s %s", goal_label(&g, no),
				      tab_s(&goals, 0, "title")),
			  first_vision ? c : c + 2, first_vision ? 3 : 1);
	}
	buf_printf(out, "<p class=\"meta\">%s", L(p, "掲載：", "Listed under: "));
	for (i = 0; i < ls.nrow; i++) {
		long long v = tab_i(&ls, i, "vision_no");

		if (i)
			buf_puts(out, L(p, "、", ", "));
		html_link(out, p, fmt(&g, "visions/%lld/", v), vision_label(&g, v));
		if (tab_i(&ls, i, "relisted"))
			buf_puts(out, L(p, "（再掲）", " (re-listed)"));
	}
	buf_puts(out, "</p>\n");
	if (*tab_s(&goals, 0, "issues")) {
		buf_printf(out, "<details><summary>%s</summary>\n",
			   L(p, "現状と課題", "Current state and issues"));
		html_paras(out, tab_s(&goals, 0, "issues"));
		buf_puts(out, "</details>\n");
	}
	if ((rc = ind_goal_section(st, p, no, out)))
		return pg_close(&g, rc);
	for (i = 0; i < ms.nrow; i++) {
		long long mno = tab_i(&ms, i, "no");

		buf_printf(out, "<section aria-labelledby=\"m%lld\">\n<h2 id=\"m%lld\">", mno, mno);
		html_link(out, p, fmt(&g, "measures/%lld/", mno),
			  fmt(&g, "%s %s", measure_label(&g, mno), tab_s(&ms, i, "title")));
		buf_puts(out, "</h2>\n");
		for (j = 0; j < it.nrow; j++) {
			if (tab_i(&it, j, "measure_no") == mno)
				item_entry(&g, &it, j, 3);
		}
		buf_puts(out, "</section>\n");
	}
	html_foot(out, p);
	return pg_close(&g, 0);
}

/* The latest follow-up of one item: results and plans, compactly. */
static int latest_followup(struct pg *g, long long item_no)
{
	const struct report_page *p = g->p;
	struct store_filter f;
	struct tab fu;
	long long id;
	int rc;

	if (!g->fy)
		return 0;
	memset(&f, 0, sizeof(f));
	f.item = (int)item_no;
	f.year = g->fy;
	if ((rc = tab_load(g->st, STORE_Q_FOLLOWUPS, &f, g->a, &fu)))
		return rc;
	if (!fu.nrow)
		return 0;
	id = tab_i(&fu, 0, "id");
	buf_puts(g->out, "<div class=\"cmp\"><section><h4>");
	label_fy(g, "実績・状況", "Results", g->fy);
	buf_puts(g->out, "</h4>");
	if ((rc = html_blocks(g->st, g->out, p, "followup", id, "results")))
		return rc;
	buf_puts(g->out, "</section><section><h4>");
	label_fy(g, "取組予定", "Plans", g->fy + 1);
	buf_puts(g->out, "</h4>");
	if ((rc = html_blocks(g->st, g->out, p, "followup", id, "plans")))
		return rc;
	buf_puts(g->out, "</section></div>\n");
	return 0;
}

int report_page_measure(struct store *st, const struct report_page *p, int no,
			struct buf *out)
{
	struct pg g;
	struct tab ms, ls, it;
	struct store_filter f;
	long long goal;
	int rc, i, vision = 0;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.measure = no;
	if ((rc = tab_load(st, STORE_Q_MEASURES, &f, g.a, &ms)))
		return pg_close(&g, rc);
	if (!ms.nrow)
		return pg_close(&g, MD_ENOTFOUND);
	goal = tab_i(&ms, 0, "goal_no");
	memset(&f, 0, sizeof(f));
	f.goal = (int)goal;
	if ((rc = tab_load(st, STORE_Q_LISTINGS, &f, g.a, &ls)) ||
	    (rc = load_items(&g, 0, no, NULL, 0, &it)))
		return pg_close(&g, rc);
	vision = home_vision(&ls);
	{
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ fmt(&g, "visions/%d/", vision), vision_label(&g, vision) },
			{ fmt(&g, "goals/%lld/", goal), goal_label(&g, goal) },
			{ NULL, measure_label(&g, no) },
		};
		html_head(out, p, fmt(&g, "%s %s", measure_label(&g, no),
				      tab_s(&ms, 0, "title")), c, 4);
	}
	buf_printf(out, "<p class=\"meta\">%s ", L(p, "ゴール", "Goal"));
	html_link(out, p, fmt(&g, "goals/%lld/", goal),
		  fmt(&g, "%s %s", goal_label(&g, goal), tab_s(&ms, 0, "goal_title")));
	buf_puts(out, "</p>\n");
	for (i = 0; i < it.nrow; i++) {
		buf_puts(out, "<section>");
		item_entry(&g, &it, i, 2);
		if ((rc = latest_followup(&g, tab_i(&it, i, "no"))))
			return pg_close(&g, rc);
		buf_puts(out, "</section>\n");
	}
	html_foot(out, p);
	return pg_close(&g, 0);
}

/* ---- action item ---- */

/* Crumbs and head shared by the item page and its changes page. */
static int item_head(struct pg *g, int no, const char *sub, struct tab *it,
		     struct tab *fu)
{
	const struct report_page *p = g->p;
	struct store_filter f;
	struct tab ls;
	long long goal, measure;
	int rc, vision;

	if ((rc = load_items(g, 0, 0, NULL, no, it)))
		return rc;
	if (!it->nrow)
		return MD_ENOTFOUND;
	goal = tab_i(it, 0, "goal_no");
	measure = tab_i(it, 0, "measure_no");
	memset(&f, 0, sizeof(f));
	f.goal = (int)goal;
	if ((rc = tab_load(g->st, STORE_Q_LISTINGS, &f, g->a, &ls)))
		return rc;
	memset(&f, 0, sizeof(f));
	f.item = no;
	if ((rc = tab_load(g->st, STORE_Q_FOLLOWUPS, &f, g->a, fu)))
		return rc;
	vision = home_vision(&ls);
	{
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ fmt(g, "visions/%d/", vision), vision_label(g, vision) },
			{ fmt(g, "goals/%lld/", goal), goal_label(g, goal) },
			{ fmt(g, "measures/%lld/", measure), measure_label(g, measure) },
			{ sub ? fmt(g, "items/%d/", no) : NULL, item_label(g, no) },
			{ NULL, sub },
		};
		html_head(g->out, p, sub ? fmt(g, "%s %s", item_label(g, no), sub) :
			  item_label(g, no), c, sub ? 6 : 5);
	}
	return 0;
}

/* The follow-up row of fiscal year fy in fu, or -1. */
static int fu_row(const struct tab *fu, int fy)
{
	int i;

	for (i = 0; i < fu->nrow; i++) {
		if (tab_i(fu, i, "fiscal_year") == fy)
			return i;
	}
	return -1;
}

int report_page_item(struct store *st, const struct report_page *p, int no,
		     struct buf *out)
{
	struct pg g;
	struct tab it, fu, mins;
	struct store_filter f;
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = item_head(&g, no, NULL, &it, &fu)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.id = tab_i(&it, 0, "id");
	if ((rc = tab_load(st, STORE_Q_ITEM_MINISTRIES, &f, g.a, &mins)))
		return pg_close(&g, rc);
	buf_printf(out, "<p class=\"meta\">%s ", L(p, "施策", "Measure"));
	html_link(out, p, fmt(&g, "measures/%lld/", tab_i(&it, 0, "measure_no")),
		  fmt(&g, "%s %s", measure_label(&g, tab_i(&it, 0, "measure_no")),
		      tab_s(&it, 0, "measure_title")));
	buf_puts(out, "</p>\n<section aria-labelledby=\"text\"><h2 id=\"text\">");
	buf_puts(out, L(p, "計画の記載", "Text of the plan"));
	buf_puts(out, "</h2>\n<blockquote>");
	html_paras(out, tab_s(&it, 0, "text"));
	buf_puts(out, "</blockquote>\n");
	if (*tab_s(&it, 0, "tag")) {
		buf_printf(out, "<p class=\"meta\">%s", L(p, "府省の表記：", "Tag as written: "));
		html_esc(out, tab_s(&it, 0, "tag"));
		buf_puts(out, "</p>\n");
	}
	buf_puts(out, "</section>\n<section aria-labelledby=\"min\"><h2 id=\"min\">");
	buf_puts(out, L(p, "担当府省", "Ministries"));
	buf_puts(out, "</h2>\n");
	if (!mins.nrow) {
		buf_printf(out, "<p class=\"none\">%s</p>\n",
			   L(p, "この取組には府省の記載がありません。",
			     "The plan names no ministry for this item."));
	} else {
		buf_printf(out, "<table><thead><tr><th scope=\"col\">%s</th>"
			   "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
			   L(p, "府省", "Ministry"), L(p, "役割", "Role"));
		for (i = 0; i < mins.nrow; i++) {
			buf_puts(out, "<tr><td>");
			html_link(out, p, fmt(&g, "ministries/%s/", tab_s(&mins, i, "code")),
				  p->en ? tab_s(&mins, i, "name_en") : tab_s(&mins, i, "name_ja"));
			buf_printf(out, "</td><td>%s</td></tr>\n", tab_i(&mins, i, "lead") ?
				   L(p, "◎ 主担当（フォローアップを取りまとめ）",
				     "◎ lead (compiles the follow-up)") :
				   L(p, "共同", "shared"));
		}
		buf_puts(out, "</tbody></table>\n");
	}
	buf_puts(out, "</section>\n<section aria-labelledby=\"fu\"><h2 id=\"fu\">");
	buf_puts(out, L(p, "フォローアップ", "Follow-up"));
	buf_puts(out, "</h2>\n");
	if (!fu.nrow)
		buf_printf(out, "<p class=\"none\">%s</p>\n",
			   L(p, "この取組のフォローアップはまだありません。",
			     "No follow-up has been reported for this item yet."));
	if (fu.nrow > 1) {
		buf_puts(out, "<p>");
		html_link(out, p, fmt(&g, "items/%d/changes/", no),
			  L(p, "年度間の変更を見る", "See what changed between years"));
		buf_puts(out, "</p>\n");
	}
	for (i = fu.nrow - 1; i >= 0; i--) {
		int fy = (int)tab_i(&fu, i, "fiscal_year");
		int prev = fu_row(&fu, fy - 1);
		const char *method = tab_s(&fu, i, "match_method");

		buf_printf(out, "<section aria-labelledby=\"fy%d\"><h3 id=\"fy%d\">", fy, fy);
		out_fy(&g, fy);
		buf_puts(out, L(p, "のフォローアップ", " follow-up"));
		buf_puts(out, "</h3>\n");
		if (strcmp(method, "exact"))
			buf_printf(out, p->en ? "<p class=\"meta\">Matched to the plan by %s"
				   " (score %.2f); the table words it: " :
				   "<p class=\"meta\">計画との照合：%s（一致度 %.2f）。表の記載：",
				   !strcmp(method, "position") ? L(p, "位置", "position") :
				   L(p, "類似", "similarity"),
				   strtod(tab_s(&fu, i, "match_score"), NULL));
		if (strcmp(method, "exact")) {
			html_esc(out, tab_s(&fu, i, "item_text"));
			buf_puts(out, "</p>\n");
		}
		buf_puts(out, "<div class=\"cmp\">\n<section><h4>");
		buf_puts(out, L(p, "前年度の取組予定（", "Plans stated in the "));
		out_fy(&g, fy - 1);
		buf_puts(out, L(p, "のフォローアップ）", " follow-up"));
		buf_puts(out, "</h4>");
		if (prev >= 0) {
			if ((rc = html_blocks(st, out, p, "followup", tab_i(&fu, prev, "id"), "plans")))
				return pg_close(&g, rc);
		} else {
			buf_puts(out, "<p class=\"none\">");
			out_fy(&g, fy - 1);
			buf_puts(out, L(p, "のフォローアップはありません。",
					" has no follow-up."));
			buf_puts(out, "</p>");
		}
		buf_puts(out, "</section>\n<section><h4>");
		label_fy(&g, "実績・状況", "Results and status", fy);
		buf_puts(out, "</h4>");
		if ((rc = html_blocks(st, out, p, "followup", tab_i(&fu, i, "id"), "results")))
			return pg_close(&g, rc);
		buf_puts(out, "</section>\n</div>\n<h4>");
		label_fy(&g, "取組予定", "Plans", fy + 1);
		buf_puts(out, "</h4>");
		if ((rc = html_blocks(st, out, p, "followup", tab_i(&fu, i, "id"), "plans")))
			return pg_close(&g, rc);
		buf_printf(out, "<p class=\"meta\">%s %lld</p>\n</section>\n",
			   L(p, "出典：フォローアップ表 行", "Source: follow-up table line"),
			   tab_i(&fu, i, "line"));
	}
	buf_puts(out, "</section>\n");
	html_foot(out, p);
	return pg_close(&g, 0);
}

static int diff_field(struct pg *g, long long from_id, long long to_id,
		      const char *field, const char *label)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int rc;

	if (!(rc = report_blocks_plain(g->st, "followup", from_id, field, &a)) &&
	    !(rc = report_blocks_plain(g->st, "followup", to_id, field, &b))) {
		buf_printf(g->out, "<h3>%s</h3>\n", label);
		if (!strcmp(a.ptr, b.ptr)) {
			buf_printf(g->out, "<p class=\"none\">%s</p>\n",
				   L(g->p, "変更はありません。", "No change."));
		} else {
			buf_puts(g->out, "<div class=\"diff\"><p>");
			rc = html_diff(g->out, a.ptr, b.ptr);
			buf_puts(g->out, "</p></div>\n");
		}
	}
	buf_release(&a);
	buf_release(&b);
	return rc;
}

int report_page_changes(struct store *st, const struct report_page *p, int no,
			int from, int to, struct buf *out)
{
	struct pg g;
	struct tab it, fu;
	int rc, i, pairs = 0;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((from || to) && (from <= 0 || to <= 0 || from >= to))
		return pg_close(&g, MD_EINPUT);
	if ((rc = item_head(&g, no, L(p, "年度間の変更", "changes between years"), &it, &fu)))
		return pg_close(&g, rc);
	buf_printf(out, "<p class=\"meta\">%s</p>\n",
		   L(p, "前年度の記載から削除された部分を取り消し線で、追加された部分を下線で示します。",
		     "Text removed since the earlier year is struck through; added text is underlined."));
	for (i = 1; i < fu.nrow; i++) {
		int a = (int)tab_i(&fu, i - 1, "fiscal_year");
		int b = (int)tab_i(&fu, i, "fiscal_year");
		int ra = i - 1, rb = i;

		if (from || to) {
			ra = fu_row(&fu, from);
			rb = fu_row(&fu, to);
			if (ra < 0 || rb < 0)
				break;
			a = from;
			b = to;
			i = fu.nrow;   /* one pair only */
		}
		pairs++;
		buf_puts(out, "<section><h2>");
		out_fy(&g, a);
		buf_puts(out, " → ");
		out_fy(&g, b);
		buf_puts(out, "</h2>\n");
		if ((rc = diff_field(&g, tab_i(&fu, ra, "id"), tab_i(&fu, rb, "id"), "results",
				     L(p, "実績・状況", "Results and status"))) ||
		    (rc = diff_field(&g, tab_i(&fu, ra, "id"), tab_i(&fu, rb, "id"), "plans",
				     L(p, "取組予定", "Plans"))))
			return pg_close(&g, rc);
		buf_puts(out, "</section>\n");
	}
	if (!pairs)
		buf_printf(out, "<p class=\"none\">%s</p>\n",
			   L(p, "比べられる2つの年度のフォローアップがありません。",
			     "There are not two fiscal years of follow-up to compare."));
	html_foot(out, p);
	return pg_close(&g, 0);
}

/* ---- ministries ---- */

int report_page_ministries(struct store *st, const struct report_page *p,
			   struct buf *out)
{
	struct pg g;
	struct tab mi;
	int rc, i;
	struct crumb c[2];

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = tab_load(st, STORE_Q_MINISTRIES, NULL, g.a, &mi)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = L(p, "ホーム", "Home");
	c[1].href = NULL;
	c[1].text = L(p, "府省", "Ministries");
	html_head(out, p, L(p, "府省別の取組", "Action items by ministry"), c, 2);
	buf_printf(out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
		   "</tr></thead><tbody>\n", L(p, "府省", "Ministry"),
		   L(p, "略称", "Abbreviation"), L(p, "担当する取組", "Action items"),
		   L(p, "うち主担当（◎）", "of which lead (◎)"));
	for (i = 0; i < mi.nrow; i++) {
		buf_puts(out, "<tr><th scope=\"row\">");
		html_link(out, p, fmt(&g, "ministries/%s/", tab_s(&mi, i, "code")),
			  p->en ? tab_s(&mi, i, "name_en") : tab_s(&mi, i, "name_ja"));
		buf_puts(out, "</th><td>");
		html_esc(out, tab_s(&mi, i, "abbrev"));
		buf_printf(out, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
			   tab_i(&mi, i, "involved"), tab_i(&mi, i, "lead"));
	}
	buf_puts(out, "</tbody></table>\n");
	html_foot(out, p);
	return pg_close(&g, 0);
}

static void items_table(struct pg *g, const struct tab *it, int lead)
{
	const struct report_page *p = g->p;
	int i, n = 0;

	buf_printf(g->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\">%s</th>", L(p, "取組", "Action item"),
		   L(p, "施策", "Measure"), L(p, "担当府省", "Ministries"));
	if (g->fy) {
		buf_puts(g->out, "<th scope=\"col\">");
		out_fy(g, g->fy);
		buf_puts(g->out, "</th>");
	}
	buf_puts(g->out, "</tr></thead><tbody>\n");
	for (i = 0; i < it->nrow; i++) {
		const char *ms = tab_s(it, i, "ministries");
		int is_lead = tab_i(it, i, "ministry_lead") != 0;
		long long no = tab_i(it, i, "no"), mno = tab_i(it, i, "measure_no");

		if (is_lead != lead)
			continue;
		n++;
		buf_puts(g->out, "<tr><th scope=\"row\">");
		html_link(g->out, p, fmt(g, "items/%lld/", no), item_label(g, no));
		buf_puts(g->out, "<br>");
		html_esc(g->out, tab_s(it, i, "text"));
		buf_puts(g->out, "</th><td>");
		html_link(g->out, p, fmt(g, "measures/%lld/", mno),
			  fmt(g, "%s %s", measure_label(g, mno), tab_s(it, i, "measure_title")));
		buf_puts(g->out, "</td><td>");
		html_ministries(g->out, p, ms);
		buf_puts(g->out, "</td>");
		if (g->fy) {
			buf_puts(g->out, "<td>");
			state_badge(g, tab_i(it, i, "followups"), tab_i(it, i, "with_results"));
			buf_puts(g->out, "</td>");
		}
		buf_puts(g->out, "</tr>\n");
	}
	if (!n)
		buf_printf(g->out, "<tr><td colspan=\"%d\" class=\"none\">%s</td></tr>\n",
			   g->fy ? 4 : 3, L(p, "該当する取組はありません。", "None."));
	buf_puts(g->out, "</tbody></table>\n");
}

static void downloads(struct pg *g, int fy, const char *ministry)
{
	static const char *const ext[] = { "csv", "xlsx", "json" };
	static const char *const what[] = { "CSV（UTF-8 BOM付き）", "Excel（XLSX）", "JSON" };
	static const char *const what_en[] = { "CSV (UTF-8 with BOM)", "Excel (XLSX)", "JSON" };
	size_t k;

	buf_printf(g->out, "<ul class=\"dl noprint\" aria-label=\"%s\">",
		   L(g->p, "ダウンロード", "Downloads"));
	for (k = 0; k < MD_ARRAY_SIZE(ext); k++) {
		buf_puts(g->out, "<li><a download href=\"");
		html_esc(g->out, g->p->top);
		buf_printf(g->out, "downloads/followup-%d", fy);
		if (ministry) {
			buf_putc(g->out, '-');
			html_esc(g->out, ministry);
		}
		buf_printf(g->out, ".%s\">", ext[k]);
		html_esc(g->out, fy_text(g, fy));
		buf_puts(g->out, " ");
		buf_puts(g->out, g->p->en ? what_en[k] : what[k]);
		buf_puts(g->out, "</a></li>");
	}
	buf_puts(g->out, "</ul>\n");
}

int report_page_ministry(struct store *st, const struct report_page *p,
			 const char *code, struct buf *out)
{
	struct pg g;
	struct store_filter f;
	struct tab mi, it;
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.ministry = code;
	if ((rc = tab_load(st, STORE_Q_MINISTRIES, &f, g.a, &mi)))
		return pg_close(&g, rc);
	if (!mi.nrow)
		return pg_close(&g, MD_ENOTFOUND);
	if ((rc = load_items(&g, 0, 0, code, 0, &it)))
		return pg_close(&g, rc);
	{
		const char *name = p->en ? tab_s(&mi, 0, "name_en") : tab_s(&mi, 0, "name_ja");
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ "ministries/", L(p, "府省", "Ministries") },
			{ NULL, name },
		};
		html_head(out, p, name, c, 3);
	}
	buf_printf(out, "<p class=\"meta\">%s %lld・%s %lld</p>\n",
		   L(p, "担当する取組", "Action items"), tab_i(&mi, 0, "involved"),
		   L(p, "うち主担当（◎）", "of which lead (◎)"), tab_i(&mi, 0, "lead"));
	buf_printf(out, "<h2>%s</h2>\n", L(p, "主担当（◎）の取組", "Items it leads (◎)"));
	items_table(&g, &it, 1);
	buf_printf(out, "<h2>%s</h2>\n", L(p, "共同で担当する取組", "Items it shares"));
	items_table(&g, &it, 0);
	if (g.ny)
		buf_printf(out, "<h2>%s</h2>\n", L(p, "この府省のフォローアップ",
						  "This ministry's follow-up"));
	for (i = g.ny - 1; i >= 0; i--) {
		buf_puts(out, "<h3>");
		html_link(out, p, fmt(&g, "followups/%d/%s/", g.years[i], code),
			  fy_text(&g, g.years[i]));
		buf_puts(out, "</h3>\n");
		downloads(&g, g.years[i], code);
	}
	html_foot(out, p);
	return pg_close(&g, 0);
}

/* ---- follow-up tables ---- */

int report_page_followups(struct store *st, const struct report_page *p,
			  struct buf *out)
{
	struct pg g;
	struct tab stats;
	struct crumb c[2];
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = tab_load(st, STORE_Q_FOLLOWUP_STATS, NULL, g.a, &stats)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = L(p, "ホーム", "Home");
	c[1].href = NULL;
	c[1].text = L(p, "フォローアップ", "Follow-up");
	html_head(out, p, L(p, "年度別フォローアップ", "Follow-up by fiscal year"), c, 2);
	if (!stats.nrow)
		buf_printf(out, "<p class=\"none\">%s</p>\n",
			   L(p, "フォローアップはまだ取り込まれていません。",
			     "No follow-up has been imported yet."));
	for (i = stats.nrow - 1; i >= 0; i--) {
		int fy = (int)tab_i(&stats, i, "fiscal_year");

		buf_puts(out, "<section><h2>");
		html_link(out, p, fmt(&g, "followups/%d/", fy), fy_text(&g, fy));
		buf_puts(out, "</h2>\n");
		buf_printf(out, p->en ? "<p>%lld rows: %lld with results, %lld with plans,"
			   " %lld action items covered, %lld not matched to the plan.</p>\n" :
			   "<p>%lld件（実績記載 %lld件、取組予定記載 %lld件）。"
			   "計画の取組 %lld件に対応、計画と照合できなかった行 %lld件。</p>\n",
			   tab_i(&stats, i, "entries"), tab_i(&stats, i, "with_results"),
			   tab_i(&stats, i, "with_plans"), tab_i(&stats, i, "items_covered"),
			   tab_i(&stats, i, "unmatched"));
		downloads(&g, fy, NULL);
		buf_puts(out, "</section>\n");
	}
	html_foot(out, p);
	return pg_close(&g, 0);
}

int report_page_year(struct store *st, const struct report_page *p, int fy,
		     const char *ministry, struct buf *out)
{
	struct pg g;
	struct store_filter f;
	struct tab ex, mi, bl;
	const char *vision = NULL, *goal = NULL, *mname = NULL;
	int rc, i;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if (ministry) {
		memset(&f, 0, sizeof(f));
		f.ministry = ministry;
		if ((rc = tab_load(st, STORE_Q_MINISTRIES, &f, g.a, &mi)))
			return pg_close(&g, rc);
		if (!mi.nrow)
			return pg_close(&g, MD_ENOTFOUND);
		mname = p->en ? tab_s(&mi, 0, "name_en") : tab_s(&mi, 0, "name_ja");
	}
	if (!has_year(&g, fy))
		return pg_close(&g, MD_ENOTFOUND);
	memset(&f, 0, sizeof(f));
	f.year = fy;
	if ((rc = tab_load(st, STORE_Q_YEAR_BLOCKS, &f, g.a, &bl)))
		return pg_close(&g, rc);
	f.ministry = ministry;
	if ((rc = tab_load(st, STORE_Q_EXPORT, &f, g.a, &ex)))
		return pg_close(&g, rc);
	{
		struct crumb c[] = {
			{ "", L(p, "ホーム", "Home") },
			{ "followups/", L(p, "フォローアップ", "Follow-up") },
			{ ministry ? fmt(&g, "followups/%d/", fy) : NULL, fy_text(&g, fy) },
			{ NULL, mname },
		};
		html_head(out, p, mname ? fmt(&g, p->en ? "%s follow-up: %s" :
					      "%sフォローアップ（%s）", fy_text(&g, fy), mname) :
			  fmt(&g, p->en ? "%s follow-up" : "%sフォローアップ", fy_text(&g, fy)),
			  c, ministry ? 4 : 3);
	}
	downloads(&g, fy, ministry);
	buf_puts(out, "<div class=\"print-landscape\">\n<table class=\"fy\">\n<caption class=\"sr\">");
	html_esc(out, fy_text(&g, fy));
	buf_puts(out, L(p, "フォローアップ表", " follow-up table"));
	buf_puts(out, "</caption>\n<colgroup><col class=\"c-item\"><col class=\"c-text\">"
		 "<col class=\"c-text\"></colgroup>\n");
	buf_printf(out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">",
		   L(p, "施策・取組（担当府省）", "Measure and action item (ministries)"));
	label_fy(&g, "実績・状況", "Results and status", fy);
	buf_puts(out, "</th><th scope=\"col\">");
	label_fy(&g, "取組予定", "Plans", fy + 1);
	buf_puts(out, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < ex.nrow; i++) {
		const char *v = tab_s(&ex, i, "vision"), *gl = tab_s(&ex, i, "goal");
		long long id = tab_i(&ex, i, "id");

		if (*v && (!vision || strcmp(vision, v))) {
			vision = v;
			buf_puts(out, "<tr class=\"vision\"><th colspan=\"3\" scope=\"colgroup\">");
			html_esc(out, fmt(&g, "%s %s", vision_label(&g, tab_i(&ex, i, "vision_no")), v));
			buf_puts(out, "</th></tr>\n");
		}
		if (*gl && (!goal || strcmp(goal, gl))) {
			goal = gl;
			buf_puts(out, "<tr class=\"goal\"><th colspan=\"3\" scope=\"colgroup\">");
			if (!tab_null(&ex, i, "goal_no"))
				html_link(out, p, fmt(&g, "goals/%lld/", tab_i(&ex, i, "goal_no")),
					  fmt(&g, "%s %s", goal_label(&g, tab_i(&ex, i, "goal_no")), gl));
			else
				html_esc(out, gl);
			buf_puts(out, "</th></tr>\n");
		}
		buf_printf(out, "<tr><td data-label=\"%s\">",
			   L(p, "施策・取組", "Measure and action item"));
		if (!tab_null(&ex, i, "measure_no")) {
			buf_puts(out, "<p class=\"meta\">");
			html_esc(out, fmt(&g, "%s %s", measure_label(&g, tab_i(&ex, i, "measure_no")),
					  tab_s(&ex, i, "measure")));
			buf_puts(out, "</p>");
		}
		buf_puts(out, "<p>");
		if (!tab_null(&ex, i, "item_no")) {
			html_link(out, p, fmt(&g, "items/%lld/", tab_i(&ex, i, "item_no")),
				  item_label(&g, tab_i(&ex, i, "item_no")));
			buf_puts(out, " ");
		} else {
			buf_printf(out, "<span class=\"meta\">%s</span> ",
				   L(p, "（計画の取組と未照合）", "(not matched to the plan)"));
		}
		html_esc(out, tab_s(&ex, i, "item"));
		buf_puts(out, "</p><p>");
		html_ministries(out, p, tab_s(&ex, i, "ministries"));
		buf_printf(out, "</p></td><td data-label=\"%s\">", L(p, "実績・状況", "Results"));
		html_blocks_tab(out, p, &bl, id, "results");
		buf_printf(out, "</td><td data-label=\"%s\">", L(p, "取組予定", "Plans"));
		html_blocks_tab(out, p, &bl, id, "plans");
		buf_puts(out, "</td></tr>\n");
	}
	if (!ex.nrow)
		buf_printf(out, "<tr><td colspan=\"3\" class=\"none\">%s</td></tr>\n",
			   L(p, "該当する行はありません。", "No rows."));
	buf_puts(out, "</tbody>\n</table>\n</div>\n");
	html_foot(out, p);
	return pg_close(&g, 0);
}
