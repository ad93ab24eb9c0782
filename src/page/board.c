/*
 * The follow-up round's board (issue 14): the list of rounds and, per
 * round, what the secretariat needs to run it (counts per ministry and
 * state, completeness per goal, overdue and flagged entries, reminders
 * sent, close/reopen) and the paged, filterable list of entries that
 * editors (their ministries) and reviewers (submitted and accepted) see.
 *
 * Everything comes from the store's aggregate queries (round_count,
 * round_goal) and one page of board_entry, so the board reads a few
 * dozen rows however many entries the round has. No scripts: filters are
 * links and a GET form, changes are POST forms with the CSRF token.
 */
#include <string.h>

#include "internal.h"

/* the entry states in the board's order, with their labels */
static const char *const states[] = { "draft", "submitted", "returned", "accepted" };
static const enum msg state_msgs[] = { MSG_ENTRY_DRAFT, MSG_ENTRY_SUBMITTED,
				       MSG_ENTRY_RETURNED, MSG_ENTRY_ACCEPTED };
#define NSTATES ((int)MD_ARRAY_SIZE(states))
/* the column headings of the tables of counts */
#define SM MSG_ENTRY_DRAFT, MSG_ENTRY_SUBMITTED, MSG_ENTRY_RETURNED, MSG_ENTRY_ACCEPTED
static const enum msg rounds_cols[] = { MSG_FISCAL_YEAR, MSG_ROUND_STATE, MSG_ROUND_DEADLINE };
static const enum msg rounds_nums[] = { MSG_ROUND_ENTRIES, SM, MSG_ENTRY_OVERDUE,
					MSG_ENTRY_FLAGGED };
static const enum msg counts_nums[] = { SM, MSG_BOARD_TOTAL, MSG_ENTRY_OVERDUE,
					MSG_ENTRY_FLAGGED };
static const enum msg goals_nums[] = { MSG_ROUND_ENTRIES, MSG_BOARD_DONE, MSG_ENTRY_ACCEPTED,
				       MSG_ENTRY_OVERDUE, MSG_ENTRY_FLAGGED };
static const enum msg ministry_col = MSG_MINISTRY, goal_col = MSG_GOAL;
static const enum msg list_cols[] = { MSG_ACTION_ITEM, MSG_GOAL, MSG_MINISTRY,
				      MSG_ROUND_STATE };
#undef SM

static int state_index(const char *s)
{
	int i;

	for (i = 0; s && i < NSTATES; i++) {
		if (!strcmp(states[i], s))
			return i;
	}
	return -1;
}

static void state_badge(struct pg *g, const char *state)
{
	int k = state_index(state);

	if (k < 0)
		return;
	H_RAW(g->h, "<span class=\"state ");
	html_attr(g->h, states[k]);
	H_RAW(g->h, "\">");
	html_msg(g->h, state_msgs[k]);
	H_RAW(g->h, "</span>");
}

static void flag_badge(struct pg *g, enum msg label, const char *cls)
{
	H_RAW(g->h, " <span class=\"flag ");
	html_attr(g->h, cls);
	H_RAW(g->h, "\">");
	html_msg(g->h, label);
	H_RAW(g->h, "</span>");
}

/* "rounds/2026/?ministry=meti&state=draft" (root-relative), q's filters
 * with page pageno (1 or less: none) */
static const char *board_href(struct pg *g, int fy, const struct page_board_q *q,
			      int pageno)
{
	const char *s = pg_fmt(g, "rounds/%d/", fy);
	char sep = '?';

	if (q->ministry) {
		s = pg_fmt(g, "%s%cministry=%s", s, sep, q->ministry);
		sep = '&';
	}
	if (q->state) {
		s = pg_fmt(g, "%s%cstate=%s", s, sep, q->state);
		sep = '&';
	}
	if (q->goal) {
		s = pg_fmt(g, "%s%cgoal=%d", s, sep, q->goal);
		sep = '&';
	}
	if (q->overdue) {
		s = pg_fmt(g, "%s%coverdue=1", s, sep);
		sep = '&';
	}
	if (q->flagged) {
		s = pg_fmt(g, "%s%cflagged=1", s, sep);
		sep = '&';
	}
	if (pageno > 1)
		s = pg_fmt(g, "%s%cpage=%d", s, sep, pageno);
	return s;
}

/* A count as a link to the entries it counts (0 stays plain). */
static void count_link(struct pg *g, int fy, const struct page_board_q *q, long long n)
{
	if (!n) {
		H_RAW(g->h, "<span class=\"zero\">0</span>");
		return;
	}
	pg_link(g, board_href(g, fy, q, 0), pg_fmt(g, "%lld", n));
}

/* 1 when code is one of the comma-separated list's */
static int listed_code(const char *list, const char *code)
{
	const char *p;
	size_t n = strlen(code);

	for (p = list ? list : ""; (p = strstr(p, code)); p += n) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	}
	return 0;
}

static const char *ministry_name(struct pg *g, const char *code)
{
	int k = text_ministry_find(code, strlen(code));
	const struct text_ministry *m = k >= 0 ? text_ministry_at(k) : NULL;

	return m ? (g->p->en ? m->name_en : m->name_ja) : code;
}

/* ---- the list of rounds ---- */

static void round_state(struct pg *g, const char *state)
{
	html_msg(g->h, !strcmp(state, "open") ? MSG_ROUND_IS_OPEN : MSG_ROUND_IS_CLOSED);
}

static void title_of(struct pg *g, int fy, const char **title)
{
	*title = pg_fmt(g, "%s%s", pg_fy(g, fy), M(g, MSG_ROUND_OF));
}

static void error_box(struct pg *g, const char *error)
{
	if (!error)
		return;
	H_RAW(g->h, "<p class=\"error\" role=\"alert\">");
	html_text(g->h, error);
	H_RAW(g->h, "</p>\n");
}

static void field_text(struct html *h, const char *name, const char *label,
		       const char *value, const char *help)
{
	struct html_field f = { .name = name, .label = label, .value = value,
				.help = help, .required = 1 };

	html_input(h, &f);
}

/* The reminder days' field (optional: empty is the server's default). */
static void remind_field(struct pg *g, const char *value)
{
	struct html_field f = { .name = "remind_days", .label = M(g, MSG_ROUND_REMIND_FIELD),
				.value = value, .help = M(g, MSG_ROUND_REMIND_HELP),
				.inputmode = "numeric" };

	html_input(g->h, &f);
}

/* The round's reminder days as a sentence ("期限の14・7・1日前…"). */
static void remind_days_text(struct pg *g, const char *days)
{
	const char *p;

	if (!days || !*days) {
		html_msg(g->h, MSG_ROUND_REMIND_NONE);
		return;
	}
	html_msg(g->h, MSG_ROUND_REMIND_PRE);
	for (p = days; *p; p++) {
		if (*p == ',')
			html_msg(g->h, MSG_ROUND_REMIND_SEP);
		else
			html_textn(g->h, p, 1);
	}
	html_msg(g->h, MSG_ROUND_REMIND_POST);
}

static void open_form(struct pg *g, const struct page_board *b, int next)
{
	struct html *h = g->h;

	H_RAW(h, "<section aria-labelledby=\"open-round\"><h2 id=\"open-round\">");
	html_msg(h, MSG_ROUND_OPEN_FORM);
	H_RAW(h, "</h2>\n<p class=\"meta\">");
	html_msg(h, MSG_ROUND_OPEN_HELP);
	H_RAW(h, "</p>\n");
	html_form_post(h, pg_fmt(g, "%srounds/", g->p->root), b->csrf);
	html_hidden(h, "op", "open");
	field_text(h, "year", M(g, MSG_FISCAL_YEAR),
		   b->error && b->year ? pg_fmt(g, "%d", b->year) : pg_fmt(g, "%d", next),
		   M(g, MSG_ROUND_YEAR_HELP));
	field_text(h, "deadline", M(g, MSG_ROUND_DEADLINE),
		   b->deadline ? b->deadline : pg_fmt(g, "%d-01-31", next + 1),
		   M(g, MSG_ROUND_DEADLINE_HELP));
	remind_field(g, b->remind_days);
	html_submit(h, NULL, NULL, M(g, MSG_ROUND_OPEN_BUTTON));
	html_form_end(h);
	H_RAW(h, "</section>\n");
}

int page_rounds(struct store *st, const struct page *p, const struct page_board *b,
		struct buf *out)
{
	struct pg g;
	struct crumb c[2];
	struct store_filter f;
	struct store_round_row *r;
	struct store_round_count_row *cnt;
	struct html *h = g.h;
	int rc, n, nc, i, k, next;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	if ((rc = store_load_round(st, &f, g.a, &r, &n)))
		return pg_close(&g, rc);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = NULL;
	c[1].text = M(&g, MSG_ROUNDS_TITLE);
	pg_head(&g, M(&g, MSG_ROUNDS_TITLE), c, 2);
	error_box(&g, b->error);
	if (!n) {
		H_RAW(h, "<p>");
		html_msg(h, MSG_ROUND_NONE);
		H_RAW(h, "</p>\n");
	} else {
		pg_region(&g, M(&g, MSG_ROUNDS_CAPTION));
		H_RAW(h, "<table class=\"rounds\"><caption>");
		html_msg(h, MSG_ROUNDS_CAPTION);
		H_RAW(h, "</caption><thead><tr>");
		pg_col_heads(&g, rounds_cols, (int)MD_ARRAY_SIZE(rounds_cols));
		pg_num_heads(&g, rounds_nums, (int)MD_ARRAY_SIZE(rounds_nums));
		H_RAW(h, "</tr></thead><tbody>\n");
		/* every round's counts in one pass */
		memset(&f, 0, sizeof(f));
		if (b->view == PAGE_BOARD_EDITOR)
			f.ministries = b->ministries ? b->ministries : "";
		if ((rc = store_load_round_count(st, &f, g.a, &cnt, &nc)))
			return pg_close(&g, rc);
		/* newest first */
		for (i = n - 1; i >= 0; i--) {
			long long by[NSTATES] = { 0 }, total = 0, overdue = 0, flagged = 0;
			int j;

			for (j = 0; j < nc; j++) {
				if (cnt[j].fiscal_year != r[i].fiscal_year)
					continue;
				if ((k = state_index(cnt[j].state)) >= 0)
					by[k] += cnt[j].entries;
				total += cnt[j].entries;
				overdue += cnt[j].overdue;
				flagged += cnt[j].flagged;
			}
			H_RAW(h, "<tr><th scope=\"row\">");
			pg_link(&g, pg_fmt(&g, "rounds/%lld/", r[i].fiscal_year),
				pg_fy(&g, (int)r[i].fiscal_year));
			H_RAW(h, "</th><td>");
			round_state(&g, r[i].state);
			H_RAW(h, "</td><td>");
			html_text(h, r[i].deadline);
			H_FMT(h, "</td><td class=\"n\">%lld</td>", total);
			for (k = 0; k < NSTATES; k++)
				H_FMT(h, "<td class=\"n\">%lld</td>", by[k]);
			H_FMT(h, "<td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
			      overdue, flagged);
		}
		H_RAW(h, "</tbody></table></div>\n");
	}
	if (b->view == PAGE_BOARD_SECRETARIAT && b->csrf) {
		next = n ? (int)r[n - 1].fiscal_year + 1 : (g.fy ? g.fy + 1 : 2026);
		open_form(&g, b, next);
	}
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- the board ---- */

/* one row of the counts table: a ministry's own entries, or the
 * consolidated ones (code NULL), or the total (code NULL, total 1) */
struct count_row {
	const char *code;
	long long n[NSTATES], entries, overdue, flagged;
};

static void counts_row(struct pg *g, int fy, const struct count_row *r, int consolidated,
		       int total)
{
	struct html *h = g->h;
	struct page_board_q q;
	int k;

	memset(&q, 0, sizeof(q));
	q.ministry = r->code;
	H_RAW(h, "<tr><th scope=\"row\">");
	if (r->code)
		html_text(h, ministry_name(g, r->code));
	else
		html_msg(h, total ? MSG_BOARD_TOTAL : MSG_BOARD_CONSOLIDATED);
	H_RAW(h, "</th>");
	for (k = 0; k < NSTATES; k++) {
		H_RAW(h, "<td class=\"n\">");
		q.state = states[k];
		if (consolidated)
			H_FMT(h, "%lld", r->n[k]);
		else
			count_link(g, fy, &q, r->n[k]);
		H_RAW(h, "</td>");
	}
	q.state = NULL;
	H_RAW(h, "<td class=\"n\">");
	if (consolidated)
		H_FMT(h, "%lld", r->entries);
	else
		count_link(g, fy, &q, r->entries);
	H_RAW(h, "</td><td class=\"n\">");
	q.overdue = 1;
	if (consolidated)
		H_FMT(h, "%lld", r->overdue);
	else
		count_link(g, fy, &q, r->overdue);
	H_RAW(h, "</td><td class=\"n\">");
	q.overdue = 0;
	q.flagged = 1;
	if (consolidated)
		H_FMT(h, "%lld", r->flagged);
	else
		count_link(g, fy, &q, r->flagged);
	H_RAW(h, "</td></tr>\n");
}

static void add_count(struct count_row *r, const struct store_round_count_row *c)
{
	int k = state_index(c->state);

	if (k >= 0)
		r->n[k] += c->entries;
	r->entries += c->entries;
	r->overdue += c->overdue;
	r->flagged += c->flagged;
}

/* The counts per ministry and state (the secretariat's, or an editor's
 * own ministries); *sum gets the totals. */
static int counts_table(struct pg *g, const struct page_board *b, struct count_row *sum)
{
	struct html *h = g->h;
	struct store_filter f;
	struct store_round_count_row *c;
	struct count_row *rows, cons;
	int rc, n, i, nr = 0, any_cons = 0;

	memset(&f, 0, sizeof(f));
	f.year = b->year;
	if (b->view == PAGE_BOARD_EDITOR)
		f.ministries = b->ministries ? b->ministries : "";
	if ((rc = store_load_round_count(g->st, &f, g->a, &c, &n)))
		return rc;
	rows = arena_alloc(g->a, sizeof(*rows) * (size_t)(n + 1));
	if (!rows)
		return MD_ENOMEM;
	memset(&cons, 0, sizeof(cons));
	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < n; i++) {
		add_count(sum, &c[i]);
		if (c[i].consolidated) {
			add_count(&cons, &c[i]);
			any_cons = 1;
			continue;
		}
		/* rows come by ministry: a new one starts where the code changes */
		if (!nr || strcmp(rows[nr - 1].code, c[i].ministry)) {
			memset(&rows[nr], 0, sizeof(rows[nr]));
			rows[nr++].code = c[i].ministry;
		}
		add_count(&rows[nr - 1], &c[i]);
	}
	H_RAW(h, "<section aria-labelledby=\"counts\"><h2 id=\"counts\">");
	html_msg(h, MSG_BOARD_COUNTS);
	H_RAW(h, "</h2>\n<p class=\"meta noprint\">");
	html_msg(h, MSG_BOARD_COUNTS_HELP);
	H_RAW(h, "</p>\n");
	pg_region(g, M(g, MSG_BOARD_COUNTS));
	H_RAW(h, "<table class=\"board counts\"><caption class=\"sr\">");
	html_msg(h, MSG_BOARD_COUNTS);
	H_RAW(h, "</caption><thead><tr>");
	pg_col_heads(g, &ministry_col, 1);
	pg_num_heads(g, counts_nums, (int)MD_ARRAY_SIZE(counts_nums));
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < nr; i++)
		counts_row(g, b->year, &rows[i], 0, 0);
	if (any_cons)
		counts_row(g, b->year, &cons, 1, 0);
	H_RAW(h, "</tbody><tfoot>\n");
	counts_row(g, b->year, sum, b->view == PAGE_BOARD_EDITOR, 1);
	H_RAW(h, "</tfoot></table></div>\n</section>\n");
	return 0;
}

static void percent(struct pg *g, long long n, long long of)
{
	html_msgf(g->h, MSG_BOARD_PERCENT_F, n, of ? (n * 100 + of / 2) / of : 0LL);
}

static void goals_table(struct pg *g, const struct page_board *b,
			const struct store_round_goal_row *r, int n)
{
	struct html *h = g->h;
	struct page_board_q q;
	int i;

	H_RAW(h, "<section aria-labelledby=\"goals\"><h2 id=\"goals\">");
	html_msg(h, MSG_BOARD_GOALS);
	H_RAW(h, "</h2>\n");
	pg_region(g, M(g, MSG_BOARD_GOALS));
	H_RAW(h, "<table class=\"board goals\"><caption class=\"sr\">");
	html_msg(h, MSG_BOARD_GOALS);
	H_RAW(h, "</caption><thead><tr>");
	pg_col_heads(g, &goal_col, 1);
	pg_num_heads(g, goals_nums, (int)MD_ARRAY_SIZE(goals_nums));
	H_RAW(h, "</tr></thead><tbody>\n");
	memset(&q, 0, sizeof(q));
	for (i = 0; i < n; i++) {
		q.goal = (int)r[i].goal_no;
		H_RAW(h, "<tr><th scope=\"row\">");
		pg_link(g, board_href(g, b->year, &q, 0), pg_goal_label(g, r[i].goal_no));
		H_RAW(h, " ");
		html_text(h, r[i].title);
		H_FMT(h, "</th><td class=\"n\">%lld</td><td class=\"n\">", r[i].entries);
		percent(g, r[i].submitted + r[i].accepted, r[i].entries);
		H_RAW(h, "</td><td class=\"n\">");
		percent(g, r[i].accepted, r[i].entries);
		H_FMT(h, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
		      r[i].overdue, r[i].flagged);
	}
	H_RAW(h, "</tbody></table></div>\n</section>\n");
}

/* "A12 経" / "A12 取りまとめ" for an entry */
static const char *entry_label(struct pg *g, const struct store_board_entry_row *e)
{
	return pg_fmt(g, "A%lld %s", e->item_no,
		      e->consolidated ? M(g, MSG_BOARD_CONSOLIDATED) : e->abbrev);
}

/* The entry's page: a ministry's own, or for a consolidated entry the
 * page of its lead ministry (the viewer's own when they are an editor of
 * one of its leads, else the first). */
static const char *entry_href(struct pg *g, const struct page_board *b,
			      const struct store_board_entry_row *e)
{
	const char *code = e->code, *p, *comma;
	int n;

	if (e->consolidated) {
		code = NULL;
		for (p = e->code; *p; p = comma + 1) {
			comma = strchr(p, ',');
			n = comma ? (int)(comma - p) : (int)strlen(p);
			if (!code)
				code = pg_fmt(g, "%.*s", n, p);
			if (b->view == PAGE_BOARD_EDITOR &&
			    listed_code(b->ministries, pg_fmt(g, "%.*s", n, p))) {
				code = pg_fmt(g, "%.*s", n, p);
				break;
			}
			if (!comma)
				break;
		}
		if (!code)
			code = "";
	}
	return pg_fmt(g, "rounds/%d/items/%lld/%s/", b->year, e->item_no, code);
}

/* The filters every view's list and attention lists share. */
static void scope_filter(const struct page_board *b, struct store_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->year = b->year;
	if (b->view == PAGE_BOARD_EDITOR)
		f->ministries = b->ministries ? b->ministries : "";
	else if (b->view == PAGE_BOARD_REVIEWER)
		f->state = "submitted,accepted";
}

/* The first few overdue or flagged entries, with a link to all of them. */
static int attention(struct pg *g, const struct page_board *b, int flagged)
{
	struct html *h = g->h;
	struct store_filter f;
	struct store_board_entry_row *e;
	struct page_board_q q;
	const char *id = flagged ? "flagged" : "overdue";
	int rc, n, i;

	scope_filter(b, &f);
	f.overdue = !flagged;
	f.flagged = flagged;
	f.limit = 10;
	if ((rc = store_load_board_entry(g->st, &f, g->a, &e, &n)))
		return rc;
	H_RAW(h, "<section aria-labelledby=\"");
	html_attr(h, id);
	H_RAW(h, "\"><h2 id=\"");
	html_attr(h, id);
	H_RAW(h, "\">");
	html_msg(h, flagged ? MSG_BOARD_FLAGGED_TITLE : MSG_BOARD_OVERDUE_TITLE);
	H_RAW(h, "</h2>\n");
	if (!n) {
		H_RAW(h, "<p>");
		html_msg(h, flagged ? MSG_BOARD_NO_FLAGGED : MSG_BOARD_NO_OVERDUE);
		H_RAW(h, "</p>\n</section>\n");
		return 0;
	}
	H_RAW(h, "<ul class=\"attention\">");
	for (i = 0; i < n; i++) {
		H_RAW(h, "<li>");
		pg_link(g, entry_href(g, b, &e[i]), entry_label(g, &e[i]));
		H_RAW(h, " ");
		state_badge(g, e[i].state);
		H_RAW(h, " <span class=\"meta\">");
		html_text(h, e[i].item_text);
		H_RAW(h, "</span></li>");
	}
	H_RAW(h, "</ul>\n");
	if (e[0].total > n) {
		memset(&q, 0, sizeof(q));
		q.overdue = !flagged;
		q.flagged = flagged;
		H_RAW(h, "<p class=\"noprint\"><a href=\"");
		html_url3(h, g->p->root, board_href(g, b->year, &q, 0), NULL);
		H_RAW(h, "\">");
		html_msgf(h, MSG_BOARD_SHOW_ALL_F, e[0].total);
		H_RAW(h, "</a></p>\n");
	}
	H_RAW(h, "</section>\n");
	return 0;
}

static void manage_forms(struct pg *g, const struct page_board *b,
			 const struct store_round_row *r)
{
	struct html *h = g->h;
	const char *action = pg_fmt(g, "%srounds/%d/", g->p->root, b->year);
	struct html_field d = { .name = "deadline", .label = M(g, MSG_ROUND_NEW_DEADLINE),
		.value = b->deadline ? b->deadline : r->deadline,
		.help = M(g, MSG_ROUND_DEADLINE_HELP), .required = 1 };
	int open = !strcmp(r->state, "open");

	H_RAW(h, "<section class=\"noprint\" aria-labelledby=\"manage\"><h2 id=\"manage\">");
	html_msg(h, MSG_ROUND_MANAGE);
	H_RAW(h, "</h2>\n");
	if (open) {
		html_form_post(h, action, b->csrf);
		html_hidden_int(h, "version", r->version);
		html_submit(h, "op", "close", M(g, MSG_ROUND_CLOSE_BUTTON));
		html_form_end(h);
	}
	html_form_post(h, action, b->csrf);
	html_hidden_int(h, "version", r->version);
	html_input(h, &d);
	html_submit(h, "op", "reopen", M(g, open ? MSG_ROUND_DEADLINE_BUTTON :
					 MSG_ROUND_REOPEN_BUTTON));
	html_form_end(h);
	html_form_post(h, action, b->csrf);
	html_hidden_int(h, "version", r->version);
	remind_field(g, b->remind_days ? b->remind_days : r->remind_days);
	html_submit(h, "op", "remind-days", M(g, MSG_ROUND_REMIND_BUTTON));
	html_form_end(h);
	H_RAW(h, "</section>\n");
}

static void check_box(struct html *h, const char *name, const char *label, int on)
{
	H_RAW(h, "<span class=\"check\"><input type=\"checkbox\" id=\"f-");
	html_attr(h, name);
	H_RAW(h, "\" name=\"");
	html_attr(h, name);
	H_RAW(h, "\" value=\"1\"");
	if (on)
		H_RAW(h, " checked");
	H_RAW(h, "> <label for=\"f-");
	html_attr(h, name);
	H_RAW(h, "\">");
	html_text(h, label);
	H_RAW(h, "</label></span> ");
}

/* The GET form of the filters and the one-click ones. */
static void filters(struct pg *g, const struct page_board *b,
		    const struct store_round_goal_row *gr, int n)
{
	struct html *h = g->h;
	const struct page_board_q *q = &b->q;
	struct page_board_q one;
	int i, k;

	html_form_get(h, pg_fmt(g, "%srounds/%d/", g->p->root, b->year), "search filter noprint");
	H_RAW(h, "<fieldset><legend>");
	html_msg(h, MSG_BOARD_FILTER);
	H_RAW(h, "</legend><p><label for=\"f-ministry\">");
	html_msg(h, MSG_MINISTRY);
	H_RAW(h, "</label> <select id=\"f-ministry\" name=\"ministry\">");
	html_option(h, "", M(g, MSG_ANY), !q->ministry);
	for (k = 0; k < text_ministry_count(); k++) {
		const struct text_ministry *m = text_ministry_at(k);
		if (b->view == PAGE_BOARD_EDITOR && !listed_code(b->ministries, m->code))
			continue;
		html_option(h, m->code, g->p->en ? m->name_en : m->name_ja,
			    q->ministry && !strcmp(q->ministry, m->code));
	}
	H_RAW(h, "</select> <label for=\"f-state\">");
	html_msg(h, MSG_ROUND_STATE);
	H_RAW(h, "</label> <select id=\"f-state\" name=\"state\">");
	html_option(h, "", M(g, MSG_ANY), !q->state);
	for (k = 0; k < NSTATES; k++) {
		if (b->view == PAGE_BOARD_REVIEWER && k != 1 && k != 3)
			continue;
		html_option(h, states[k], M(g, state_msgs[k]),
			    q->state && !strcmp(q->state, states[k]));
	}
	H_RAW(h, "</select> <label for=\"f-goal\">");
	html_msg(h, MSG_GOAL);
	H_RAW(h, "</label> <select id=\"f-goal\" name=\"goal\">");
	html_option(h, "", M(g, MSG_ANY), !q->goal);
	for (i = 0; i < n; i++)
		html_option(h, pg_fmt(g, "%lld", gr[i].goal_no), pg_goal_label(g, gr[i].goal_no),
			    q->goal == gr[i].goal_no);
	H_RAW(h, "</select></p><p>");
	if (b->view != PAGE_BOARD_REVIEWER)
		check_box(h, "overdue", M(g, MSG_BOARD_ONLY_OVERDUE), q->overdue);
	check_box(h, "flagged", M(g, MSG_BOARD_ONLY_FLAGGED), q->flagged);
	html_submit(h, NULL, NULL, M(g, MSG_APPLY));
	H_RAW(h, "</p></fieldset>\n");
	html_form_end(h);
	/* one click: a state, overdue, flagged, none */
	H_RAW(h, "<nav class=\"quick noprint\" aria-label=\"");
	html_attr(h, M(g, MSG_BOARD_QUICK));
	H_RAW(h, "\"><ul>");
	for (k = 0; k < NSTATES; k++) {
		if (b->view == PAGE_BOARD_REVIEWER && k != 1 && k != 3)
			continue;
		memset(&one, 0, sizeof(one));
		one.state = states[k];
		H_RAW(h, "<li>");
		pg_link(g, board_href(g, b->year, &one, 0), M(g, state_msgs[k]));
		H_RAW(h, "</li>");
	}
	if (b->view != PAGE_BOARD_REVIEWER) {
		memset(&one, 0, sizeof(one));
		one.overdue = 1;
		H_RAW(h, "<li>");
		pg_link(g, board_href(g, b->year, &one, 0), M(g, MSG_ENTRY_OVERDUE));
		H_RAW(h, "</li>");
	}
	memset(&one, 0, sizeof(one));
	one.flagged = 1;
	H_RAW(h, "<li>");
	pg_link(g, board_href(g, b->year, &one, 0), M(g, MSG_ENTRY_FLAGGED));
	H_RAW(h, "</li><li>");
	memset(&one, 0, sizeof(one));
	pg_link(g, board_href(g, b->year, &one, 0), M(g, MSG_BOARD_CLEAR));
	H_RAW(h, "</li></ul></nav>\n");
}

static void pager(struct pg *g, const struct page_board *b, long long total, int pageno)
{
	struct html *h = g->h;
	long long pages = (total + PAGE_BOARD_PAGE - 1) / PAGE_BOARD_PAGE;

	if (pages <= 1)
		return;
	H_RAW(h, "<nav class=\"pages noprint\" aria-label=\"");
	html_attr(h, M(g, MSG_BOARD_PAGES));
	H_RAW(h, "\"><ul>");
	if (pageno > 1) {
		H_RAW(h, "<li><a rel=\"prev\" href=\"");
		html_url3(h, g->p->root, board_href(g, b->year, &b->q, pageno - 1), NULL);
		H_RAW(h, "\">");
		html_msg(h, MSG_PREVIOUS);
		H_RAW(h, "</a></li>");
	}
	H_FMT(h, "<li aria-current=\"page\">%d / %lld</li>", pageno, pages);
	if (pageno < pages) {
		H_RAW(h, "<li><a rel=\"next\" href=\"");
		html_url3(h, g->p->root, board_href(g, b->year, &b->q, pageno + 1), NULL);
		H_RAW(h, "\">");
		html_msg(h, MSG_NEXT);
		H_RAW(h, "</a></li>");
	}
	H_RAW(h, "</ul></nav>\n");
}

/* 1 when an editor asks for a ministry that is not theirs */
static int not_theirs(const struct page_board *b)
{
	return b->view == PAGE_BOARD_EDITOR && b->q.ministry &&
		!listed_code(b->ministries, b->q.ministry);
}

static int entry_list(struct pg *g, const struct page_board *b,
		      const struct store_round_goal_row *gr, int ngr)
{
	struct html *h = g->h;
	const struct page_board_q *q = &b->q;
	struct store_filter f;
	struct store_board_entry_row *e = NULL;
	int rc, n = 0, i, pageno = q->page > 1 ? q->page : 1;
	long long total;

	scope_filter(b, &f);
	f.ministry = q->ministry;
	f.lead = q->ministry != NULL;
	if (q->state) {
		/* a reviewer's list holds only submitted and accepted entries */
		if (b->view != PAGE_BOARD_REVIEWER || !strcmp(q->state, "submitted") ||
		    !strcmp(q->state, "accepted"))
			f.state = q->state;
		else
			f.state = "none";
	}
	f.goal = q->goal;
	f.overdue = q->overdue;
	f.flagged = q->flagged;
	f.limit = PAGE_BOARD_PAGE;
	f.offset = (pageno - 1) * PAGE_BOARD_PAGE;
	H_RAW(h, "<section aria-labelledby=\"list\"><h2 id=\"list\">");
	html_msg(h, MSG_BOARD_LIST);
	H_RAW(h, "</h2>\n");
	filters(g, b, gr, ngr);
	if (not_theirs(b)) {
		H_RAW(h, "<p>");
		html_msg(h, MSG_BOARD_NOT_YOURS);
		H_RAW(h, "</p>\n</section>\n");
		return 0;
	}
	if ((rc = store_load_board_entry(g->st, &f, g->a, &e, &n)))
		return rc;
	total = n ? e[0].total : 0;
	if (!n) {
		H_RAW(h, "<p>");
		html_msg(h, MSG_BOARD_EMPTY);
		H_RAW(h, "</p>\n</section>\n");
		return 0;
	}
	H_RAW(h, "<p class=\"meta\" id=\"list-range\">");
	html_msgf(h, MSG_BOARD_RANGE_F, (long long)f.offset + 1, (long long)f.offset + n, total);
	H_RAW(h, "</p>\n");
	pg_region(g, M(g, MSG_BOARD_LIST));
	H_RAW(h, "<table class=\"board entries stack\" aria-describedby=\"list-range\">"
	      "<caption class=\"sr\">");
	html_msg(h, MSG_BOARD_LIST);
	H_RAW(h, "</caption><thead><tr>");
	pg_col_heads(g, list_cols, (int)MD_ARRAY_SIZE(list_cols));
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		const struct store_board_entry_row *x = &e[i];

		H_RAW(h, "<tr><th scope=\"row\">");
		/* the link names the entry, not only the item (an item has one
		 * per ministry) */
		H_RAW(h, "<a href=\"");
		html_url3(h, g->p->root, entry_href(g, b, x), NULL);
		H_FMT(h, "\">A%lld<span class=\"sr\"> ", x->item_no);
		html_text(h, x->consolidated ? M(g, MSG_BOARD_CONSOLIDATED) : x->abbrev);
		H_RAW(h, "</span></a> <span class=\"text\">");
		html_text(h, x->item_text);
		H_RAW(h, "</span></th><td data-label=\"");
		html_attr(h, M(g, MSG_GOAL));
		H_RAW(h, "\">");
		html_text(h, pg_goal_label(g, x->goal_no));
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_MINISTRY));
		H_RAW(h, "\">");
		if (x->consolidated) {
			html_msg(h, MSG_BOARD_CONSOLIDATED);
			if (*x->consolidated_by) {
				H_RAW(h, "<br><span class=\"meta\">");
				html_msg(h, MSG_BOARD_CONSOLIDATED_BY);
				html_text(h, x->consolidated_by);
				H_RAW(h, "</span>");
			}
		} else {
			pg_ministries(g, pg_fmt(g, "%s%s", x->lead ? "◎" : "", x->abbrev));
		}
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_ROUND_STATE));
		H_RAW(h, "\">");
		state_badge(g, x->state);
		if (x->overdue)
			flag_badge(g, MSG_ENTRY_OVERDUE, "overdue");
		if (x->flagged)
			flag_badge(g, MSG_ENTRY_FLAGGED, "flagged");
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n");
	pager(g, b, total, pageno);
	H_RAW(h, "</section>\n");
	return 0;
}

int page_board(struct store *st, const struct page *p, const struct page_board *b,
	       struct buf *out)
{
	struct pg g;
	struct crumb c[3];
	struct store_filter f;
	struct store_round_row *r;
	struct store_round_goal_row *gr;
	struct count_row sum;
	struct html *h = g.h;
	const char *title;
	int rc, n, ngr;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&f, 0, sizeof(f));
	f.year = b->year;
	if ((rc = store_load_round(st, &f, g.a, &r, &n)))
		return pg_close(&g, rc);
	if (!n)
		return pg_close(&g, MD_ENOTFOUND);
	title_of(&g, b->year, &title);
	c[0].href = "";
	c[0].text = M(&g, MSG_HOME);
	c[1].href = "rounds/";
	c[1].text = M(&g, MSG_ROUNDS_TITLE);
	c[2].href = NULL;
	c[2].text = pg_fy(&g, b->year);
	pg_head(&g, title, c, 3);
	error_box(&g, b->error);
	H_RAW(h, "<dl class=\"def round\"><dt>");
	html_msg(h, MSG_ROUND_STATE);
	H_RAW(h, "</dt><dd>");
	round_state(&g, r->state);
	H_RAW(h, "</dd><dt>");
	html_msg(h, MSG_ROUND_DEADLINE);
	H_RAW(h, "</dt><dd>");
	html_text(h, r->deadline);
	H_RAW(h, "</dd><dt>");
	html_msg(h, MSG_ROUND_REMIND_DAYS);
	H_RAW(h, "</dt><dd>");
	remind_days_text(&g, r->remind_days);
	H_RAW(h, "</dd></dl>\n");
	if (b->view == PAGE_BOARD_EDITOR || b->view == PAGE_BOARD_REVIEWER) {
		H_RAW(h, "<p>");
		html_msg(h, b->view == PAGE_BOARD_EDITOR ? MSG_BOARD_EDITOR_INTRO :
			 MSG_BOARD_REVIEWER_INTRO);
		H_RAW(h, "</p>\n");
	}
	if (b->view != PAGE_BOARD_REVIEWER) {
		if ((rc = counts_table(&g, b, &sum)))
			return pg_close(&g, rc);
		H_RAW(h, "<p class=\"summary\">");
		html_msgf(h, MSG_BOARD_SUMMARY_F, sum.entries, sum.overdue, sum.flagged);
		H_RAW(h, "</p>\n");
	}
	/* the goals: the secretariat's table and everyone's filter */
	memset(&f, 0, sizeof(f));
	f.year = b->year;
	if ((rc = store_load_round_goal(st, &f, g.a, &gr, &ngr)))
		return pg_close(&g, rc);
	if (b->view == PAGE_BOARD_SECRETARIAT) {
		goals_table(&g, b, gr, ngr);
		if ((rc = attention(&g, b, 0)) || (rc = attention(&g, b, 1)) ||
		    (rc = pg_round_reminders(&g, b->year, 2)))
			return pg_close(&g, rc);
	}
	if ((rc = entry_list(&g, b, gr, ngr)))
		return pg_close(&g, rc);
	if (b->view == PAGE_BOARD_SECRETARIAT && b->csrf)
		manage_forms(&g, b, r);
	pg_foot(&g);
	return pg_close(&g, 0);
}
