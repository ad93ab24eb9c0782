/*
 * The plan's pages: home, vision, goal, measure and action item (with its
 * follow-up by fiscal year). Each page loads the typed records it needs
 * into the page's arena, then writes.
 */
#include <string.h>

#include "internal.h"

/* The vision a goal is first listed under (not re-listed), 0 if none. */
static int home_vision(const struct store_listing_row *ls, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!ls[i].relisted)
			return (int)ls[i].vision_no;
	}
	return 0;
}

/* The follow-up state of an item in the latest year, as a badge. */
void pg_state_badge(struct pg *g, long long rows, long long with_results)
{
	struct html *h = g->h;

	if (!g->fy)
		return;
	if (with_results) {
		H_RAW(h, "<span class=\"state done\">");
		html_msg(h, MSG_STATE_REPORTED);
	} else if (rows) {
		H_RAW(h, "<span class=\"state partial\">");
		html_msg(h, MSG_STATE_NO_RESULTS);
	} else {
		H_RAW(h, "<span class=\"state missing\">");
		html_msg(h, MSG_STATE_NOT_REPORTED);
	}
	H_RAW(h, "</span>");
}

/* ---- home and vision ---- */

struct listings {
	struct store_listing_row *r;
	int n;
};

static void listing_table(struct pg *g, const struct listings *ls, long long vision)
{
	struct html *h = g->h;
	int i;

	H_RAW(h, "<table>\n<thead><tr><th scope=\"col\">");
	html_msg(h, MSG_GOAL);
	H_RAW(h, "</th><th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_MEASURES);
	H_RAW(h, "</th><th scope=\"col\" class=\"n\">");
	html_msg(h, MSG_ACTION_ITEMS);
	H_RAW(h, "</th>");
	if (g->fy) {
		H_RAW(h, "<th scope=\"col\" class=\"n\">");
		html_fy(h, g->fy);
		html_msg(h, MSG_FY_REPORTED);
		H_RAW(h, "</th>");
	}
	H_RAW(h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ls->n; i++) {
		const struct store_listing_row *r = &ls->r[i];

		if (r->vision_no != vision)
			continue;
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(g, pg_fmt(g, "goals/%lld/", r->goal_no),
			pg_fmt(g, "%s %s", pg_goal_label(g, r->goal_no), r->title));
		if (r->relisted) {
			H_RAW(h, " <span class=\"meta\">");
			html_msg(h, MSG_RELISTED_PAREN);
			H_RAW(h, "</span>");
		}
		H_FMT(h, "</th><td class=\"n\">%lld</td><td class=\"n\">%lld</td>",
		      r->measures, r->items);
		if (g->fy)
			H_FMT(h, "<td class=\"n\">%lld / %lld</td>", r->followed, r->items);
		H_RAW(h, "</tr>\n");
	}
	H_RAW(h, "</tbody>\n</table>\n");
}

static int load_listings(struct pg *g, int goal, struct listings *ls)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.goal = goal;
	f.year = g->fy ? g->fy : -1;   /* no follow-up yet: count none */
	return store_load_listing(g->st, &f, g->a, &ls->r, &ls->n);
}

int page_home(struct store *st, const struct page *p, struct buf *out)
{
	struct pg g;
	struct store_plan_row *plans;
	struct store_count_row *counts, zero;
	struct store_vision_row *vis;
	struct store_followup_stat_row *stats;
	struct listings ls;
	const char *title = "";
	struct html *h = g.h;
	int rc, i, nplans, ncounts, nvis, nstats;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = store_load_plan(st, NULL, g.a, &plans, &nplans)) ||
	    (rc = store_load_count(st, NULL, g.a, &counts, &ncounts)) ||
	    (rc = store_load_vision(st, NULL, g.a, &vis, &nvis)) ||
	    (rc = store_load_followup_stat(st, NULL, g.a, &stats, &nstats)) ||
	    (rc = load_listings(&g, 0, &ls)))
		return pg_close(&g, rc);
	if (!ncounts) {
		memset(&zero, 0, sizeof(zero));
		counts = &zero;
	}
	for (i = 0; i < nplans; i++) {
		if (plans[i].edition == counts->edition)
			title = p->en ? pg_fmt(&g, "Medical Device Basic Plan, edition %lld (FY%lld–FY%lld)",
					       plans[i].edition, plans[i].fy_start,
					       plans[i].fy_end) : plans[i].title;
	}
	if (!*title)
		title = M(&g, MSG_PLAN_TITLE);
	pg_head(&g, title, NULL, 0);
	H_RAW(h, "<ul class=\"meta\"><li>");
	html_msg(h, MSG_VISIONS);
	html_msgf(h, MSG_COUNT_F, counts->visions);
	H_RAW(h, "・");
	html_msg(h, MSG_GOALS);
	html_msgf(h, MSG_COUNT_F, counts->goals);
	H_RAW(h, "・");
	html_msg(h, MSG_MEASURES);
	html_msgf(h, MSG_COUNT_F, counts->measures);
	H_RAW(h, "・");
	html_msg(h, MSG_ACTION_ITEMS);
	html_msgf(h, MSG_COUNT_F, counts->action_items);
	H_RAW(h, "</li>");
	for (i = 0; i < nstats; i++) {
		int fy = (int)stats[i].fiscal_year;

		H_RAW(h, "<li>");
		pg_link(&g, pg_fmt(&g, "followups/%d/", fy),
			pg_fmt(&g, "%s%s", pg_fy(&g, fy), M(&g, MSG_FY_FOLLOWUP_SUFFIX)));
		html_msgf(h, MSG_HOME_YEAR_F, stats[i].entries, stats[i].items_covered);
		H_RAW(h, "</li>");
	}
	H_RAW(h, "</ul>\n");
	if (!nvis) {
		H_RAW(h, "<p>");
		html_msg(h, MSG_NO_PLAN);
		H_RAW(h, "</p>\n");
	}
	for (i = 0; i < nvis; i++) {
		long long no = vis[i].no;

		H_FMT(h, "<section aria-labelledby=\"v%lld\">\n<h2 id=\"v%lld\">", no, no);
		pg_link(&g, pg_fmt(&g, "visions/%lld/", no), pg_vision_label(&g, no));
		H_RAW(h, " ");
		html_text(h, vis[i].title);
		H_RAW(h, "</h2>\n");
		listing_table(&g, &ls, no);
		H_RAW(h, "</section>\n");
	}
	if ((rc = pg_reporting(&g, g.fy, NULL, 2)))
		return pg_close(&g, rc);
	pg_foot(&g);
	return pg_close(&g, 0);
}

int page_vision(struct store *st, const struct page *p, int no, struct buf *out)
{
	struct pg g;
	struct store_vision_row *vis, *v = NULL;
	struct listings ls;
	struct html *h = g.h;
	int rc, i, nvis;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = store_load_vision(st, NULL, g.a, &vis, &nvis)) ||
	    (rc = load_listings(&g, 0, &ls)))
		return pg_close(&g, rc);
	for (i = 0; i < nvis; i++) {
		if (vis[i].no == no)
			v = &vis[i];
	}
	if (!v)
		return pg_close(&g, MD_ENOTFOUND);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ NULL, pg_vision_label(&g, no) },
		};
		pg_head(&g, pg_fmt(&g, "%s %s", pg_vision_label(&g, no), v->title), c, 2);
	}
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_GOALS);
	html_msgf(h, MSG_COUNT_F, v->goals);
	H_RAW(h, "・");
	html_msg(h, MSG_MEASURES);
	html_msgf(h, MSG_COUNT_F, v->measures);
	H_RAW(h, "・");
	html_msg(h, MSG_ACTION_ITEMS);
	html_msgf(h, MSG_COUNT_F, v->items);
	H_RAW(h, "</p>\n");
	listing_table(&g, &ls, no);
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- goal, measure ---- */

struct items {
	struct store_item_row *r;
	int n;
};

/* An item as a list entry: number, text, ministries, state. */
static void item_entry(struct pg *g, const struct store_item_row *it, int heading)
{
	struct html *h = g->h;

	H_FMT(h, "<div class=\"item\"><h%d>", heading);
	pg_link(g, pg_fmt(g, "items/%lld/", it->no), pg_item_label(g, it->no));
	H_RAW(h, " ");
	pg_state_badge(g, it->followups, it->with_results);
	H_FMT(h, "</h%d>", heading);
	html_paras(h, it->text);
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_MINISTRIES);
	H_RAW(h, "：");
	pg_ministries(g, it->ministries);
	H_RAW(h, "</p></div>\n");
}

static int load_items(struct pg *g, int goal, int measure, const char *ministry,
		      int item, struct items *it)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.goal = goal;
	f.measure = measure;
	f.ministry = ministry;
	f.item = item;
	f.year = g->fy ? g->fy : -1;
	return store_load_item(g->st, &f, g->a, &it->r, &it->n);
}

int page_goal(struct store *st, const struct page *p, int no, struct buf *out)
{
	struct pg g;
	struct store_goal_row *goals;
	struct store_measure_row *ms;
	struct listings ls;
	struct items it;
	struct store_filter f;
	struct html *h = g.h;
	int rc, i, j, first_vision, ngoals, nms;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.goal = no;
	f.year = g.fy ? g.fy : -1;
	if ((rc = store_load_goal(st, &f, g.a, &goals, &ngoals)) ||
	    (rc = store_load_listing(st, &f, g.a, &ls.r, &ls.n)) ||
	    (rc = store_load_measure(st, &f, g.a, &ms, &nms)) ||
	    (rc = load_items(&g, no, 0, NULL, 0, &it)))
		return pg_close(&g, rc);
	if (!ngoals)
		return pg_close(&g, MD_ENOTFOUND);
	first_vision = home_vision(ls.r, ls.n);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ pg_fmt(&g, "visions/%d/", first_vision), pg_vision_label(&g, first_vision) },
			{ NULL, pg_goal_label(&g, no) },
		};
		pg_head(&g, pg_fmt(&g, "%s %s", pg_goal_label(&g, no), goals[0].title),
			first_vision ? c : c + 2, first_vision ? 3 : 1);
	}
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_LISTED_UNDER);
	for (i = 0; i < ls.n; i++) {
		long long v = ls.r[i].vision_no;

		if (i)
			html_msg(h, MSG_LIST_SEP);
		pg_link(&g, pg_fmt(&g, "visions/%lld/", v), pg_vision_label(&g, v));
		if (ls.r[i].relisted)
			html_msg(h, MSG_RELISTED_AFTER);
	}
	H_RAW(h, "</p>\n");
	if (*goals[0].issues) {
		H_RAW(h, "<details><summary>");
		html_msg(h, MSG_ISSUES);
		H_RAW(h, "</summary>\n");
		html_paras(h, goals[0].issues);
		H_RAW(h, "</details>\n");
	}
	if ((rc = pg_goal_indicators(&g, no)) || (rc = pg_serving_programmes(&g, no, 0)))
		return pg_close(&g, rc);
	for (i = 0; i < nms; i++) {
		long long mno = ms[i].no;

		H_FMT(h, "<section aria-labelledby=\"m%lld\">\n<h2 id=\"m%lld\">", mno, mno);
		pg_link(&g, pg_fmt(&g, "measures/%lld/", mno),
			pg_fmt(&g, "%s %s", pg_measure_label(&g, mno), ms[i].title));
		H_RAW(h, "</h2>\n");
		for (j = 0; j < it.n; j++) {
			if (it.r[j].measure_no == mno)
				item_entry(&g, &it.r[j], 3);
		}
		H_RAW(h, "</section>\n");
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* The latest follow-up of one item: results and plans, compactly. */
static int latest_followup(struct pg *g, long long item_no)
{
	struct store_followup_row *fu;
	struct store_filter f;
	struct html *h = g->h;
	int rc, n;

	if (!g->fy)
		return 0;
	memset(&f, 0, sizeof(f));
	f.item = (int)item_no;
	f.year = g->fy;
	if ((rc = store_load_followup(g->st, &f, g->a, &fu, &n)))
		return rc;
	if (!n)
		return 0;
	H_RAW(h, "<div class=\"cmp\"><section><h4>");
	pg_label_fy(g, MSG_RESULTS_SHORT, g->fy);
	H_RAW(h, "</h4>");
	if ((rc = pg_blocks(g, "followup", fu[0].id, "results")))
		return rc;
	H_RAW(h, "</section><section><h4>");
	pg_label_fy(g, MSG_PLANS, g->fy + 1);
	H_RAW(h, "</h4>");
	if ((rc = pg_blocks(g, "followup", fu[0].id, "plans")))
		return rc;
	H_RAW(h, "</section></div>\n");
	return 0;
}

int page_measure(struct store *st, const struct page *p, int no, struct buf *out)
{
	struct pg g;
	struct store_measure_row *ms;
	struct listings ls;
	struct items it;
	struct store_filter f;
	struct html *h = g.h;
	long long goal;
	int rc, i, vision, nms;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.measure = no;
	if ((rc = store_load_measure(st, &f, g.a, &ms, &nms)))
		return pg_close(&g, rc);
	if (!nms)
		return pg_close(&g, MD_ENOTFOUND);
	goal = ms[0].goal_no;
	memset(&f, 0, sizeof(f));
	f.goal = (int)goal;
	if ((rc = store_load_listing(st, &f, g.a, &ls.r, &ls.n)) ||
	    (rc = load_items(&g, 0, no, NULL, 0, &it)))
		return pg_close(&g, rc);
	vision = home_vision(ls.r, ls.n);
	{
		struct crumb c[] = {
			{ "", M(&g, MSG_HOME) },
			{ pg_fmt(&g, "visions/%d/", vision), pg_vision_label(&g, vision) },
			{ pg_fmt(&g, "goals/%lld/", goal), pg_goal_label(&g, goal) },
			{ NULL, pg_measure_label(&g, no) },
		};
		pg_head(&g, pg_fmt(&g, "%s %s", pg_measure_label(&g, no), ms[0].title), c, 4);
	}
	H_RAW(h, "<p class=\"meta\">");
	html_msg(h, MSG_GOAL);
	H_RAW(h, " ");
	pg_link(&g, pg_fmt(&g, "goals/%lld/", goal),
		pg_fmt(&g, "%s %s", pg_goal_label(&g, goal), ms[0].goal_title));
	H_RAW(h, "</p>\n");
	if ((rc = pg_serving_programmes(&g, 0, no)))
		return pg_close(&g, rc);
	for (i = 0; i < it.n; i++) {
		H_RAW(h, "<section>");
		item_entry(&g, &it.r[i], 2);
		if ((rc = latest_followup(&g, it.r[i].no)))
			return pg_close(&g, rc);
		H_RAW(h, "</section>\n");
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- action item ---- */

int pg_item_head(struct pg *g, int no, long long id, const char *sub,
		 struct store_item_row **it, struct store_followup_row **fu,
		 int *nfu)
{
	struct store_filter f;
	struct listings ls;
	struct items items;
	long long goal, measure;
	int rc, vision;

	if (id) {   /* by identity: also an item the plan retired */
		memset(&f, 0, sizeof(f));
		f.id = id;
		f.year = g->fy ? g->fy : -1;
		rc = store_load_item(g->st, &f, g->a, &items.r, &items.n);
	} else {
		rc = load_items(g, 0, 0, NULL, no, &items);
	}
	if (rc)
		return rc;
	if (!items.n)
		return MD_ENOTFOUND;
	*it = &items.r[0];
	memset(&f, 0, sizeof(f));
	f.id = items.r[0].id;
	if ((rc = store_load_followup(g->st, &f, g->a, fu, nfu)))
		return rc;
	if (items.r[0].retired) {
		/* out of the plan's tree: no vision, goal or measure above it */
		const char *label = pg_fmt(g, "%s（%s）", pg_item_label(g, items.r[0].retired_no),
					   M(g, MSG_RETIRED_ITEM));
		struct crumb c[] = { { "", M(g, MSG_HOME) }, { NULL, label } };

		pg_head(g, label, c, 2);
		return 0;
	}
	no = (int)items.r[0].no;
	goal = items.r[0].goal_no;
	measure = items.r[0].measure_no;
	memset(&f, 0, sizeof(f));
	f.goal = (int)goal;
	if ((rc = store_load_listing(g->st, &f, g->a, &ls.r, &ls.n)))
		return rc;
	vision = home_vision(ls.r, ls.n);
	{
		struct crumb c[] = {
			{ "", M(g, MSG_HOME) },
			{ pg_fmt(g, "visions/%d/", vision), pg_vision_label(g, vision) },
			{ pg_fmt(g, "goals/%lld/", goal), pg_goal_label(g, goal) },
			{ pg_fmt(g, "measures/%lld/", measure), pg_measure_label(g, measure) },
			{ sub ? pg_fmt(g, "items/%d/", no) : NULL, pg_item_label(g, no) },
			{ NULL, sub },
		};
		pg_head(g, sub ? pg_fmt(g, "%s %s", pg_item_label(g, no), sub) :
			pg_item_label(g, no), c, sub ? 6 : 5);
	}
	return 0;
}

int pg_fu_row(const struct store_followup_row *fu, int n, int fy)
{
	int i;

	for (i = 0; i < n; i++) {
		if (fu[i].fiscal_year == fy)
			return i;
	}
	return -1;
}

static int item_followup(struct pg *g, const struct store_followup_row *fu,
			 int nfu, int i)
{
	struct html *h = g->h;
	int fy = (int)fu[i].fiscal_year, prev = pg_fu_row(fu, nfu, fy - 1), rc;

	H_FMT(h, "<section aria-labelledby=\"fy%d\"><h3 id=\"fy%d\">", fy, fy);
	html_fy(h, fy);
	html_msg(h, MSG_FY_FOLLOWUP_OF);
	H_RAW(h, "</h3>\n<div class=\"cmp\">\n<section><h4>");
	html_msg(h, MSG_PREV_PLANS_BEFORE);
	html_fy(h, fy - 1);
	html_msg(h, MSG_PREV_PLANS_AFTER);
	H_RAW(h, "</h4>");
	if (prev >= 0) {
		if ((rc = pg_blocks(g, "followup", fu[prev].id, "plans")))
			return rc;
	} else {
		H_RAW(h, "<p class=\"none\">");
		html_fy(h, fy - 1);
		html_msg(h, MSG_NO_FOLLOWUP_THAT_YEAR);
		H_RAW(h, "</p>");
	}
	H_RAW(h, "</section>\n<section><h4>");
	pg_label_fy(g, MSG_RESULTS, fy);
	H_RAW(h, "</h4>");
	if ((rc = pg_blocks(g, "followup", fu[i].id, "results")))
		return rc;
	H_RAW(h, "</section>\n</div>\n<h4>");
	pg_label_fy(g, MSG_PLANS, fy + 1);
	H_RAW(h, "</h4>");
	if ((rc = pg_blocks(g, "followup", fu[i].id, "plans")))
		return rc;
	/* the reader's source: the document and the table row */
	H_RAW(h, "<p class=\"meta src\">");
	html_msg(h, MSG_SOURCE_COLON);
	pg_cite_doc(g, pg_doc(g, fu[i].source), M(g, MSG_FOLLOWUP_TABLE_ROW), fu[i].line);
	H_RAW(h, "</p>\n</section>\n");
	return 0;
}

/* "data/followup-r7.tsv:69" */
static void file_line(struct pg *g, const char *path, long long line)
{
	H_RAW(g->h, "<code>");
	html_text(g->h, *path ? path : "?");
	H_FMT(g->h, ":%lld</code>", line);
}

/* The secretariat's view of the item: how the import matched each year's
 * row to the plan, and where every text is in its file. */
static void item_staff(struct pg *g, const struct store_item_row *it,
		       const struct store_followup_row *fu, int nfu)
{
	struct html *h = g->h;
	int i;

	pg_staff_open(g);
	H_RAW(h, "<dl class=\"def\"><dt>");
	html_msg(h, MSG_PLAN_TEXT_AT);
	H_RAW(h, "</dt><dd>");
	html_msg(h, MSG_FILE_LINE);
	file_line(g, it->source, it->line);
	H_RAW(h, "</dd>");
	for (i = nfu - 1; i >= 0; i--) {
		const char *method = fu[i].match_method;

		H_RAW(h, "<dt>");
		html_fy(h, (int)fu[i].fiscal_year);
		html_msg(h, MSG_FY_FOLLOWUP_OF);
		H_RAW(h, "</dt><dd>");
		html_msg(h, MSG_FILE_LINE);
		file_line(g, fu[i].source, fu[i].line);
		H_RAW(h, "</dd><dd>");
		html_msg(h, MSG_MATCH_METHOD);
		html_msg(h, !strcmp(method, "exact") ? MSG_MATCH_EXACT :
			 !strcmp(method, "position") ? MSG_MATCH_POSITION :
			 !strcmp(method, "none") ? MSG_MATCH_NONE : MSG_MATCH_SIMILARITY);
		if (strcmp(method, "exact")) {
			html_msgf(h, MSG_MATCH_SCORE_ONLY_F, fu[i].match_score);
			H_RAW(h, "</dd><dd>");
			html_msg(h, MSG_TABLE_WORDING);
			html_text(h, fu[i].item_text);
		}
		H_RAW(h, "</dd>");
	}
	H_RAW(h, "</dl>\n");
	pg_staff_close(g);
}

static int item_page(struct store *st, const struct page *p, int no, long long id,
		     struct buf *out)
{
	struct pg g;
	struct store_item_row *it;
	struct store_followup_row *fu;
	struct store_item_ministry_row *mins;
	struct store_filter f;
	struct html *h = g.h;
	int rc, i, nfu, nmins;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	if ((rc = pg_item_head(&g, no, id, NULL, &it, &fu, &nfu)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.id = it->id;
	if ((rc = store_load_item_ministry(st, &f, g.a, &mins, &nmins)))
		return pg_close(&g, rc);
	if (it->retired) {
		H_RAW(h, "<p><span class=\"state missing\">");
		html_msg(h, MSG_ITEM_RETIRED);
		H_RAW(h, "</span></p>\n<p class=\"meta\">");
		html_msg(h, MSG_ITEM_RETIRED_WAS);
		html_text(h, pg_fmt(&g, "A%lld", it->retired_no));
		H_RAW(h, "　");
		html_msg(h, MSG_ITEM_RETIRED_AT);
		html_text(h, pg_fmt(&g, "%.10s", it->retired_at));
		H_RAW(h, "</p>\n");
	} else {
		no = (int)it->no;
		H_RAW(h, "<p class=\"meta\">");
		html_msg(h, MSG_MEASURE);
		H_RAW(h, " ");
		pg_link(&g, pg_fmt(&g, "measures/%lld/", it->measure_no),
			pg_fmt(&g, "%s %s", pg_measure_label(&g, it->measure_no),
			       it->measure_title));
		H_RAW(h, "</p>\n");
	}
	H_RAW(h, "<section aria-labelledby=\"text\"><h2 id=\"text\">");
	html_msg(h, MSG_PLAN_TEXT);
	H_RAW(h, "</h2>\n<blockquote>");
	html_paras(h, it->text);
	H_RAW(h, "</blockquote>\n<p class=\"meta src\">");
	html_msg(h, MSG_SOURCE_COLON);
	pg_cite_doc(&g, pg_doc(&g, it->source), M(&g, MSG_PLAN_TITLE), 0);
	H_RAW(h, "</p>\n");
	if (*it->tag) {
		H_RAW(h, "<p class=\"meta\">");
		html_msg(h, MSG_TAG_AS_WRITTEN);
		html_text(h, it->tag);
		H_RAW(h, "</p>\n");
	}
	H_RAW(h, "</section>\n<section aria-labelledby=\"min\"><h2 id=\"min\">");
	html_msg(h, MSG_MINISTRIES);
	H_RAW(h, "</h2>\n");
	if (!nmins) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_ITEM_NO_MINISTRY);
		H_RAW(h, "</p>\n");
	} else {
		H_RAW(h, "<table><thead><tr><th scope=\"col\">");
		html_msg(h, MSG_MINISTRY);
		H_RAW(h, "</th><th scope=\"col\">");
		html_msg(h, MSG_ROLE);
		H_RAW(h, "</th></tr></thead><tbody>\n");
		for (i = 0; i < nmins; i++) {
			H_RAW(h, "<tr><td>");
			pg_link(&g, pg_fmt(&g, "ministries/%s/", mins[i].code),
				p->en ? mins[i].name_en : mins[i].name_ja);
			H_RAW(h, "</td><td>");
			html_msg(h, mins[i].lead ? MSG_ROLE_LEAD : MSG_ROLE_SHARED);
			H_RAW(h, "</td></tr>\n");
		}
		H_RAW(h, "</tbody></table>\n");
	}
	H_RAW(h, "</section>\n<section aria-labelledby=\"fu\"><h2 id=\"fu\">");
	html_msg(h, MSG_NAV_FOLLOWUP);
	H_RAW(h, "</h2>\n");
	if (!nfu) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_ITEM_NO_FOLLOWUP);
		H_RAW(h, "</p>\n");
	}
	if (nfu > 1 && !it->retired) {
		H_RAW(h, "<p>");
		pg_link(&g, pg_fmt(&g, "items/%d/changes/", no), M(&g, MSG_SEE_CHANGES));
		H_RAW(h, "</p>\n");
	}
	for (i = nfu - 1; i >= 0; i--) {
		if ((rc = item_followup(&g, fu, nfu, i)))
			return pg_close(&g, rc);
	}
	H_RAW(h, "</section>\n");
	if (pg_staff(&g))
		item_staff(&g, it, fu, nfu);
	pg_foot(&g);
	return pg_close(&g, 0);
}

int page_item(struct store *st, const struct page *p, int no, struct buf *out)
{
	return item_page(st, p, no, 0, out);
}

int page_item_id(struct store *st, const struct page *p, long long id, struct buf *out)
{
	return item_page(st, p, 0, id, out);
}
