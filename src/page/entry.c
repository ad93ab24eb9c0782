/*
 * One entry of the yearly follow-up round (issue 14): the form a ministry
 * fills in (last year's 取組予定 beside this year's 実績・状況, the next
 * 取組予定), the secretariat's return and accept, the co-owners' entries and
 * the consolidated text for a lead ministry, comments, the state and its
 * history; and the history page (every saved version as a word diff).
 * Who may do what comes from the caller (web asks src/auth): this file
 * only shows it. Comments are read through the store's viewer filter.
 */
#include <string.h>

#include "internal.h"

static const enum msg history_cols[] = { MSG_RE_VERSION, MSG_RE_WHEN, MSG_RE_WHO,
					 MSG_RE_CHANGE };

/* The loaded rows of one item's entries in the year. */
struct ent {
	const struct store_round_entry_row *rows;
	int n;
	const struct store_round_entry_row *e;   /* the entry shown */
	const struct store_round_entry_row *cons;/* the item's consolidated entry, or NULL */
	const struct store_round_row *round;
};

static const char *state_label(struct pg *g, const char *state)
{
	if (!strcmp(state, "submitted"))
		return M(g, MSG_RE_ST_SUBMITTED);
	if (!strcmp(state, "returned"))
		return M(g, MSG_RE_ST_RETURNED);
	if (!strcmp(state, "accepted"))
		return M(g, MSG_RE_ST_ACCEPTED);
	return M(g, MSG_RE_ST_DRAFT);
}

static void state_badge(struct pg *g, const struct store_round_entry_row *e)
{
	struct html *h = g->h;

	H_RAW(h, "<span class=\"state st-");
	html_attr(h, e->state);
	H_RAW(h, "\">");
	html_text(h, state_label(g, e->state));
	H_RAW(h, "</span>");
	if (e->flagged) {
		H_RAW(h, " <span class=\"stale\">");
		html_msg(h, MSG_RE_FLAGGED);
		H_RAW(h, "</span>");
	}
}

/* The ministry's name in the page's language ("" for none). */
static const char *ministry_name(struct pg *g, const char *code, int ja)
{
	int i = code && *code ? text_ministry_find(code, strlen(code)) : -1;
	const struct text_ministry *m = i >= 0 ? text_ministry_at(i) : NULL;

	if (!m)
		return "";
	return ja || !g->p->en ? m->name_ja : m->name_en;
}

static const char *entry_who(struct pg *g, const struct store_round_entry_row *e)
{
	return e->consolidated ? M(g, MSG_RE_CONSOLIDATED) : ministry_name(g, e->ministry, 0);
}

/* "rounds/2026/items/6/meti/" (or .../consolidated/), root-relative */
static const char *entry_path(struct pg *g, const struct store_round_entry_row *e)
{
	return pg_fmt(g, "rounds/%lld/items/%lld/%s/", e->fiscal_year, e->item_no,
		      e->consolidated ? "consolidated" : e->ministry);
}

static int load(struct pg *g, int year, int item, const char *ministry, struct ent *x)
{
	struct store_filter f;
	struct store_round_entry_row *rows;
	struct store_round_row *r;
	int n, nr, i, rc;

	memset(x, 0, sizeof(*x));
	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round(g->st, &f, g->a, &r, &nr)))
		return rc;
	if (nr != 1)
		return MD_ENOTFOUND;
	f.item = item;
	if ((rc = store_load_round_entry(g->st, &f, g->a, &rows, &n)))
		return rc;
	x->rows = rows;
	x->n = n;
	x->round = r;
	for (i = 0; i < n; i++) {
		if (rows[i].consolidated)
			x->cons = &rows[i];
		if ((ministry && *ministry) ? !rows[i].consolidated &&
		    !strcmp(rows[i].ministry, ministry) : rows[i].consolidated)
			x->e = &rows[i];
	}
	return x->e ? 0 : MD_ENOTFOUND;
}

static void head(struct pg *g, const struct ent *x, const char *sub)
{
	struct crumb c[4];
	const struct store_round_entry_row *e = x->e;
	const char *title = pg_fmt(g, "%s %s%s%s", pg_item_label(g, e->item_no),
				   entry_who(g, e), sub ? " — " : "", sub ? sub : "");

	c[0].href = "rounds/";
	c[0].text = M(g, MSG_RE_ROUNDS);
	c[1].href = pg_fmt(g, "rounds/%lld/", e->fiscal_year);
	c[1].text = pg_fy(g, (int)e->fiscal_year);
	c[2].href = sub ? entry_path(g, e) : NULL;
	c[2].text = pg_fmt(g, "%s %s", pg_item_label(g, e->item_no), entry_who(g, e));
	c[3].href = NULL;
	c[3].text = sub;
	pg_head(g, pg_fmt(g, "%s — %s", pg_fy(g, (int)e->fiscal_year), title), c, sub ? 4 : 3);
}

/* The item, the round's state and deadline, the entry's state. */
static void summary(struct pg *g, const struct ent *x)
{
	struct html *h = g->h;
	const struct store_round_entry_row *e = x->e;

	H_RAW(h, "<p class=\"item\">");
	pg_link(g, pg_fmt(g, "items/%lld/", e->item_no), pg_item_label(g, e->item_no));
	H_RAW(h, " ");
	html_text(h, e->item_text);
	H_RAW(h, " ");
	pg_ministries(g, e->item_ministries);
	H_RAW(h, "</p>\n<p class=\"meta\">");
	html_msg(h, MSG_RE_STATE);
	state_badge(g, e);
	H_RAW(h, " ／ ");
	html_msg(h, MSG_RE_DEADLINE);
	html_text(h, x->round->deadline);
	if (e->overdue)
		html_msg(h, MSG_RE_OVERDUE);
	if (e->consolidated && *e->consolidated_by) {
		H_RAW(h, " ／ ");
		html_msg(h, MSG_RE_CONS_BY);
		html_text(h, !strncmp(e->consolidated_by, "user:", 5) ?
			  e->consolidated_by + 5 : e->consolidated_by);
	}
	H_RAW(h, "</p>\n");
	if (strcmp(x->round->state, "open")) {
		H_RAW(h, "<p class=\"notice\" role=\"status\">");
		html_msg(h, MSG_RE_CLOSED);
		H_RAW(h, "</p>\n");
	}
}

static const char *field_label(struct pg *g, const char *field)
{
	if (field && !strcmp(field, "results"))
		return M(g, MSG_RE_RESULTS);
	if (field && !strcmp(field, "plans"))
		return M(g, MSG_RE_PLANS);
	return M(g, MSG_RE_FIELD_NONE);
}

/* The text an editor starts a consolidated entry from: each co-owner's
 * part under 【name】, as the official table marks it. */
static const char *draft_consolidated(struct pg *g, const struct ent *x, int plans)
{
	const char *out = "";
	int i;

	for (i = 0; i < x->n; i++) {
		const struct store_round_entry_row *r = &x->rows[i];
		const char *t = plans ? r->plans : r->results;

		if (r->consolidated || !*t)
			continue;
		out = pg_fmt(g, "%s%s【%s】\n%s", out, *out ? "\n" : "",
			     ministry_name(g, r->ministry, 1), t);
	}
	return out;
}

/* The editor's form: commitment beside results, then plans. */
static void entry_form(struct pg *g, const struct ent *x, const struct page_entry *pe)
{
	struct html *h = g->h;
	const struct store_round_entry_row *e = x->e;
	struct html_field res = { .name = "results", .rows = 10 };
	struct html_field pl = { .name = "plans", .rows = 8 };
	const char *ret = *e->return_reason ? e->return_reason : NULL;

	res.label = M(g, MSG_RE_RESULTS);
	pl.label = M(g, MSG_RE_PLANS);
	res.value = pe->results ? pe->results : e->results;
	pl.value = pe->plans ? pe->plans : e->plans;
	if (e->consolidated && !pe->results && !*e->results && !*e->plans) {
		res.value = draft_consolidated(g, x, 0);
		pl.value = draft_consolidated(g, x, 1);
	}
	res.help = e->consolidated ? pg_fmt(g, "%s %s", M(g, MSG_RE_TEXT_HELP),
					    M(g, MSG_RE_CONS_HELP)) : M(g, MSG_RE_TEXT_HELP);
	pl.help = M(g, MSG_RE_TEXT_HELP);
	/* the secretariat's reason sits beside the field it is about */
	if (ret && !strcmp(e->state, "returned")) {
		const char *why = pg_fmt(g, "%s%s", M(g, MSG_RE_RETURNED_BECAUSE), ret);

		if (!strcmp(e->return_field, "plans"))
			pl.error = why;
		else
			res.error = why;
	}
	if (pe->error && pe->error_field && !strcmp(pe->error_field, "results"))
		res.error = pe->error;
	if (pe->error && pe->error_field && !strcmp(pe->error_field, "plans"))
		pl.error = pe->error;
	html_form_post(h, pg_fmt(g, "%s%s", g->p->root, entry_path(g, e)), pe->csrf);
	H_RAW(h, "<fieldset><legend>");
	html_msg(h, MSG_RE_FORM);
	H_RAW(h, "</legend>\n");
	html_hidden_int(h, "version", e->version);
	H_RAW(h, "<div class=\"cmp\"><section aria-labelledby=\"commit-h\"><h3 id=\"commit-h\">");
	html_msg(h, MSG_RE_COMMITMENT);
	H_RAW(h, "</h3>");
	pg_blocks(g, "round_entry", e->id, "commitment");
	H_RAW(h, "</section>\n<section class=\"entry-field\">");
	html_textarea(h, &res);
	H_RAW(h, "</section></div>\n");
	html_textarea(h, &pl);
	H_RAW(h, "<p class=\"buttons\">");
	html_submit(h, "op", "save", M(g, MSG_RE_SAVE));
	html_submit(h, "op", "submit", M(g, MSG_RE_SUBMIT));
	H_RAW(h, "</p></fieldset>\n");
	html_form_end(h);
}

/* The entry's texts, read only: commitment beside results, then plans. */
static void entry_view(struct pg *g, const struct store_round_entry_row *e, int level,
		       int commitment)
{
	struct html *h = g->h;

	/* the commitment is the item's: shown once, beside the entry's own */
	if (commitment) {
		H_RAW(h, "<div class=\"cmp\"><section>");
		H_FMT(h, "<h%d>", level);
		html_msg(h, MSG_RE_COMMITMENT);
		H_FMT(h, "</h%d>", level);
		pg_blocks(g, "round_entry", e->id, "commitment");
		H_RAW(h, "</section>\n");
	}
	H_RAW(h, "<section>");
	H_FMT(h, "<h%d>", level);
	html_msg(h, MSG_RE_RESULTS);
	H_FMT(h, "</h%d>", level);
	pg_blocks(g, "round_entry", e->id, "results");
	H_RAW(h, "</section>");
	if (commitment)
		H_RAW(h, "</div>");
	H_RAW(h, "\n<section>");
	H_FMT(h, "<h%d>", level);
	html_msg(h, MSG_RE_PLANS);
	H_FMT(h, "</h%d>", level);
	pg_blocks(g, "round_entry", e->id, "plans");
	H_RAW(h, "</section>\n");
	if (*e->return_reason && !strcmp(e->state, "returned")) {
		H_RAW(h, "<p class=\"notice\">");
		html_msg(h, MSG_RE_RETURNED_BECAUSE);
		html_text(h, e->return_reason);
		H_RAW(h, "（");
		html_text(h, field_label(g, e->return_field));
		H_RAW(h, "）</p>\n");
	}
}

/* 409: what is stored now beside what the user typed (kept in the form). */
static void conflict(struct pg *g, const struct ent *x, const struct page_entry *pe)
{
	struct html *h = g->h;
	const struct store_round_entry_row *e = x->e;

	H_RAW(h, "<div class=\"error\" role=\"alert\"><p>");
	html_msg(h, MSG_RE_CONFLICT);
	H_RAW(h, "</p></div>\n<div class=\"cmp conflict\"><section aria-labelledby=\"stored-h\">"
	      "<h2 id=\"stored-h\">");
	html_msg(h, MSG_RE_STORED);
	H_RAW(h, "</h2><h3>");
	html_msg(h, MSG_RE_RESULTS);
	H_RAW(h, "</h3>");
	pg_blocks(g, "round_entry", e->id, "results");
	H_RAW(h, "<h3>");
	html_msg(h, MSG_RE_PLANS);
	H_RAW(h, "</h3>");
	pg_blocks(g, "round_entry", e->id, "plans");
	H_RAW(h, "</section>\n<section aria-labelledby=\"yours-h\"><h2 id=\"yours-h\">");
	html_msg(h, MSG_RE_YOURS);
	H_RAW(h, "</h2><h3>");
	html_msg(h, MSG_RE_RESULTS);
	H_RAW(h, "</h3><div class=\"typed\">");
	html_paras(h, pe->results ? pe->results : "");
	H_RAW(h, "</div><h3>");
	html_msg(h, MSG_RE_PLANS);
	H_RAW(h, "</h3><div class=\"typed\">");
	html_paras(h, pe->plans ? pe->plans : "");
	H_RAW(h, "</div></section></div>\n");
}

static void review_forms(struct pg *g, const struct ent *x, const struct page_entry *pe)
{
	struct html *h = g->h;
	const struct store_round_entry_row *e = x->e;
	struct html_field reason = { .name = "reason", .rows = 3, .required = 1 };
	const char *f = pe->field ? pe->field : "";

	reason.label = M(g, MSG_RE_REASON);
	reason.value = pe->reason;
	if (pe->error && pe->error_field && !strcmp(pe->error_field, "reason"))
		reason.error = pe->error;
	H_RAW(h, "<section class=\"review\" aria-labelledby=\"review-h\"><h2 id=\"review-h\">");
	html_msg(h, MSG_RE_REVIEW);
	H_RAW(h, "</h2>\n");
	html_form_post(h, pg_fmt(g, "%s%s", g->p->root, entry_path(g, e)), pe->csrf);
	H_RAW(h, "<fieldset><legend>");
	html_msg(h, MSG_RE_RETURN);
	H_RAW(h, "</legend>\n");
	html_hidden_int(h, "version", e->version);
	html_textarea(h, &reason);
	H_RAW(h, "<div class=\"field\"><label for=\"field\">");
	html_msg(h, MSG_RE_FIELD);
	H_RAW(h, "</label><select id=\"field\" name=\"field\">");
	html_option(h, "", M(g, MSG_RE_FIELD_NONE), !*f);
	html_option(h, "results", M(g, MSG_RE_RESULTS), !strcmp(f, "results"));
	html_option(h, "plans", M(g, MSG_RE_PLANS), !strcmp(f, "plans"));
	H_RAW(h, "</select></div>\n");
	html_submit(h, "op", "return", M(g, MSG_RE_RETURN));
	H_RAW(h, "</fieldset>\n");
	html_form_end(h);
	html_form_post(h, pg_fmt(g, "%s%s", g->p->root, entry_path(g, e)), pe->csrf);
	html_hidden_int(h, "version", e->version);
	html_submit(h, "op", "accept", M(g, MSG_RE_ACCEPT));
	html_form_end(h);
	H_RAW(h, "</section>\n");
}

static int hidden(const struct page_entry *pe, const struct store_round_entry_row *r)
{
	int i;

	if (pe->nhidden < 0)
		return 1;
	for (i = 0; i < pe->nhidden; i++)
		if (pe->hidden[i] == r->id)
			return 1;
	return 0;
}

/* For an entry of a shared item: the other ministries' entries (and the
 * consolidated one), read only, for the ministry that writes beside them;
 * those the viewer may not read are left out. */
static void coowners(struct pg *g, const struct ent *x, const struct page_entry *pe)
{
	struct html *h = g->h;
	int i, any = 0;

	for (i = 0; i < x->n; i++)
		any += !x->rows[i].consolidated && &x->rows[i] != x->e && !hidden(pe, &x->rows[i]);
	if (!any)
		return;
	H_RAW(h, "<section class=\"coowners\" aria-labelledby=\"co-h\"><h2 id=\"co-h\">");
	html_msg(h, MSG_RE_COOWNERS);
	H_RAW(h, "</h2>\n");
	for (i = 0; i < x->n; i++) {
		const struct store_round_entry_row *r = &x->rows[i];

		if (r->consolidated || r == x->e || hidden(pe, r))
			continue;
		H_RAW(h, "<article><h3>");
		pg_link(g, entry_path(g, r), ministry_name(g, r->ministry, 0));
		H_RAW(h, " ");
		state_badge(g, r);
		H_RAW(h, "</h3>\n");
		entry_view(g, r, 4, 0);
		H_RAW(h, "</article>\n");
	}
	H_RAW(h, "</section>\n");
	if (x->cons && x->cons != x->e) {
		H_RAW(h, "<section class=\"consolidated\" aria-labelledby=\"cons-h\"><h2 id=\"cons-h\">");
		html_msg(h, MSG_RE_CONS_TEXT);
		H_RAW(h, " ");
		state_badge(g, x->cons);
		H_RAW(h, "</h2>\n");
		H_RAW(h, "<p>");
		pg_link(g, entry_path(g, x->cons), pe->can_consolidated ?
			M(g, MSG_RE_CONS_WRITE) : M(g, MSG_RE_CONS_OPEN));
		H_RAW(h, "</p>\n</section>\n");
	}
}

static const char *who(const char *actor)
{
	return !strncmp(actor, "user:", 5) || !strncmp(actor, "cli:", 4) ?
		strchr(actor, ':') + 1 : actor;
}

static int comments(struct pg *g, const struct ent *x, const struct page_entry *pe)
{
	struct html *h = g->h;
	struct store_filter f;
	struct store_round_comment_row *c;
	struct html_field t = { .name = "text", .id = "comment", .rows = 4, .required = 1 };
	int n = 0, i, rc;

	if (!(pe->can & (PAGE_ENTRY_COMMENTS | PAGE_ENTRY_COMMENT)))
		return 0;
	memset(&f, 0, sizeof(f));
	f.id = x->e->id;
	f.viewer = pe->viewer;
	if ((rc = store_load_round_comment(g->st, &f, g->a, &c, &n)))
		return rc;
	H_RAW(h, "<section class=\"comments\" aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">");
	html_msg(h, MSG_RE_COMMENTS);
	H_RAW(h, "</h2>\n");
	if (!n) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_RE_NO_COMMENTS);
		H_RAW(h, "</p>\n");
	} else {
		H_RAW(h, "<ol class=\"comments\">");
		for (i = 0; i < n; i++) {
			H_RAW(h, "<li><p class=\"meta\">");
			html_text(h, who(c[i].author));
			H_RAW(h, " ");
			pg_when_el(g, c[i].at);
			H_RAW(h, "</p>");
			html_paras(h, c[i].text);
			H_RAW(h, "</li>\n");
		}
		H_RAW(h, "</ol>\n");
	}
	if (pe->can & PAGE_ENTRY_COMMENT) {
		t.label = M(g, MSG_RE_COMMENT_TEXT);
		t.help = M(g, MSG_RE_COMMENT_HELP);
		t.value = pe->comment;
		if (pe->error && pe->error_field && !strcmp(pe->error_field, "text"))
			t.error = pe->error;
		html_form_post(h, pg_fmt(g, "%s%scomments/", g->p->root, entry_path(g, x->e)),
			       pe->csrf);
		html_textarea(h, &t);
		html_submit(h, NULL, NULL, M(g, MSG_RE_COMMENT_POST));
		html_form_end(h);
	}
	H_RAW(h, "</section>\n");
	return 0;
}

/* The entry page shows its last STATE_VERSIONS versions (the history page
 * all): a page and its save must not grow with every save of an entry. */
#define STATE_VERSIONS 10

/* last: only the last that many versions (0: all) */
static int load_history(struct pg *g, long long id, int last,
			struct store_history_row **rows, int *n)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.owner = "round_entry";
	f.limit = last;
	return store_load_history(g->st, &f, g->a, rows, n);
}

/* The state's history: who moved it when, with the return reasons. */
static int state_history(struct pg *g, const struct ent *x)
{
	struct html *h = g->h;
	struct store_history_row *r;
	int n, i, rc, cut;

	if ((rc = load_history(g, x->e->id, STATE_VERSIONS, &r, &n)))
		return rc;
	cut = n && r[0].version > 2;    /* versions 2.. are the saves */
	H_RAW(h, "<section aria-labelledby=\"hist-h\"><h2 id=\"hist-h\">");
	html_msg(h, MSG_RE_HISTORY);
	H_RAW(h, "</h2>\n");
	pg_region(g, M(g, MSG_RE_HISTORY));
	H_RAW(h, "<table class=\"history\"><thead><tr>");
	pg_col_heads(g, history_cols, (int)MD_ARRAY_SIZE(history_cols));
	H_RAW(h, "</tr></thead><tbody>\n");
	if (!cut) {
		H_RAW(h, "<tr><td>1</td><td></td><td></td><td>");
		html_msg(h, MSG_RE_CREATED);
		H_RAW(h, "</td></tr>\n");
	}
	for (i = 0; i < n; i++) {
		int j, texts = 0;

		if (i && r[i].version == r[i - 1].version)
			continue;
		H_RAW(h, "<tr><td>");
		html_int(h, r[i].version);
		H_RAW(h, "</td><td>");
		pg_when_el(g, r[i].at);
		H_RAW(h, "</td><td>");
		html_text(h, who(r[i].actor));
		H_RAW(h, "</td><td>");
		for (j = i; j < n && r[j].version == r[i].version; j++) {
			if (!strcmp(r[j].field, "state")) {
				html_text(h, state_label(g, r[j].old_value ? r[j].old_value : ""));
				H_RAW(h, " → ");
				html_text(h, state_label(g, r[j].new_value ? r[j].new_value : ""));
				H_RAW(h, " ");
			} else if (!strcmp(r[j].field, "return_reason") && r[j].new_value &&
				   *r[j].new_value) {
				html_msg(h, MSG_RE_RETURNED_BECAUSE);
				html_text(h, r[j].new_value);
				H_RAW(h, " ");
			} else if (!strcmp(r[j].field, "return_field") && r[j].new_value &&
				   *r[j].new_value) {
				H_RAW(h, "（");
				html_text(h, field_label(g, r[j].new_value));
				H_RAW(h, "） ");
			} else if (!strcmp(r[j].field, "results") || !strcmp(r[j].field, "plans")) {
				if (texts++)
					html_msg(h, MSG_LIST_SEP);
				html_text(h, field_label(g, r[j].field));
			}
		}
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div>\n<p>");
	if (cut) {
		html_msg(h, MSG_RE_LAST_VERSIONS);
		H_RAW(h, " ");
	}
	pg_link(g, pg_fmt(g, "%shistory/", entry_path(g, x->e)), M(g, MSG_RE_SEE_HISTORY));
	H_RAW(h, "</p></section>\n");
	return 0;
}

int page_entry(struct store *st, const struct page *p, const struct page_entry *pe,
	       struct buf *out)
{
	struct pg g;
	struct ent x;
	struct html *h;
	int rc;

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = load(&g, pe->year, pe->item, pe->ministry, &x)))
		return pg_close(&g, rc);
	h = g.h;
	head(&g, &x, NULL);
	summary(&g, &x);
	if (pe->error && !pe->conflict) {
		H_RAW(h, "<p class=\"error\" role=\"alert\">");
		html_msg(h, MSG_RE_ERROR);
		html_text(h, pe->error);
		H_RAW(h, "</p>\n");
	}
	if (pe->conflict)
		conflict(&g, &x, pe);
	if ((pe->can & PAGE_ENTRY_WRITE) && !strcmp(x.round->state, "open")) {
		entry_form(&g, &x, pe);
	} else {
		if (!(pe->can & (PAGE_ENTRY_WRITE | PAGE_ENTRY_REVIEW))) {
			H_RAW(h, "<p class=\"readonly\">");
			html_msg(h, MSG_RE_READONLY);
			H_RAW(h, "</p>\n");
		}
		H_RAW(h, "<section aria-labelledby=\"entry-h\"><h2 id=\"entry-h\">");
		html_msg(h, MSG_RE_ENTRY);
		H_RAW(h, "</h2>\n");
		entry_view(&g, x.e, 3, 1);
		H_RAW(h, "</section>\n");
		/* refused (a closed round): what was typed is not lost */
		if (!pe->conflict && (pe->results || pe->plans)) {
			H_RAW(h, "<section class=\"typed\" aria-labelledby=\"typed-h\"><h2 id=\"typed-h\">");
			html_msg(h, MSG_RE_YOURS);
			H_RAW(h, "</h2><h3>");
			html_msg(h, MSG_RE_RESULTS);
			H_RAW(h, "</h3>");
			html_paras(h, pe->results ? pe->results : "");
			H_RAW(h, "<h3>");
			html_msg(h, MSG_RE_PLANS);
			H_RAW(h, "</h3>");
			html_paras(h, pe->plans ? pe->plans : "");
			H_RAW(h, "</section>\n");
		}
	}
	if (pe->can & PAGE_ENTRY_REVIEW)
		review_forms(&g, &x, pe);
	coowners(&g, &x, pe);
	if ((rc = comments(&g, &x, pe)) || (rc = state_history(&g, &x)))
		return pg_close(&g, rc);
	pg_foot(&g);
	return pg_close(&g, 0);
}

int page_entry_history(struct store *st, const struct page *p, int year, int item,
		       const char *ministry, struct buf *out)
{
	struct pg g;
	struct ent x;
	struct html *h;
	struct store_history_row *r;
	int n, i, rc;

	if ((rc = pg_open(&g, st, p, out)) ||
	    (rc = load(&g, year, item, ministry, &x)) ||
	    (rc = load_history(&g, x.e->id, 0, &r, &n)))
		return pg_close(&g, rc);
	h = g.h;
	head(&g, &x, M(&g, MSG_RE_HISTORY));
	summary(&g, &x);
	H_RAW(h, "<p>");
	html_msg(h, MSG_RE_HISTORY_ALL);
	H_RAW(h, "</p>\n");
	/* newest first; a version's history rows are consecutive */
	for (i = n - 1; i >= 0; i--) {
		int j, texts = 0, start = i;

		while (start > 0 && r[start - 1].version == r[i].version)
			start--;
		H_RAW(h, "<section class=\"version\"><h2>");
		html_msg(h, MSG_RE_VERSION);
		H_RAW(h, " ");
		html_int(h, r[i].version);
		H_RAW(h, "</h2>\n<p class=\"meta\">");
		pg_when_el(&g, r[i].at);
		H_RAW(h, " ／ ");
		html_text(h, who(r[i].actor));
		for (j = start; j <= i; j++) {
			if (!strcmp(r[j].field, "state")) {
				H_RAW(h, " ／ ");
				html_text(h, state_label(&g, r[j].old_value ? r[j].old_value : ""));
				H_RAW(h, " → ");
				html_text(h, state_label(&g, r[j].new_value ? r[j].new_value : ""));
			} else if (!strcmp(r[j].field, "return_reason") && r[j].new_value &&
				   *r[j].new_value) {
				H_RAW(h, " ／ ");
				html_msg(h, MSG_RE_RETURNED_BECAUSE);
				html_text(h, r[j].new_value);
			}
		}
		H_RAW(h, "</p>\n");
		for (j = start; j <= i; j++) {
			if (strcmp(r[j].field, "results") && strcmp(r[j].field, "plans"))
				continue;
			texts++;
			H_RAW(h, "<h3>");
			html_text(h, field_label(&g, r[j].field));
			H_RAW(h, "</h3><div class=\"diff\"><p>");
			if ((rc = html_diff(h, r[j].old_value ? r[j].old_value : "",
					    r[j].new_value ? r[j].new_value : "")))
				return pg_close(&g, rc);
			H_RAW(h, "</p></div>\n");
		}
		if (!texts) {
			H_RAW(h, "<p class=\"none\">");
			html_msg(h, MSG_RE_NO_TEXT_CHANGE);
			H_RAW(h, "</p>\n");
		}
		H_RAW(h, "</section>\n");
		i = start;
	}
	H_RAW(h, "<section class=\"version\"><h2>");
	html_msg(h, MSG_RE_VERSION);
	H_RAW(h, " 1</h2><p>");
	html_msg(h, MSG_RE_CREATED);
	H_RAW(h, "</p></section>\n<p>");
	pg_link(&g, entry_path(&g, x.e), M(&g, MSG_RE_BACK));
	H_RAW(h, "</p>\n");
	pg_foot(&g);
	return pg_close(&g, 0);
}
