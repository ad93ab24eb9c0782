/*
 * The edit page of an indicator (指標) for the secretariat: the definition
 * form, a small form per yearly value of the headline series, one to add
 * a year, and the change history. Served only to signed-in users who may
 * edit indicators (web/indicator_edit.c decides); never published.
 *
 * The page shows what is stored unless the handler gives it what was
 * typed (a refused save: 400 with an error per field, or 409 with what is
 * stored now beside what was typed, so that nothing typed is lost).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const enum msg conflict_cols[] = { MSG_IE_FIELD, MSG_IE_STORED, MSG_IE_YOURS };
static const enum msg history_cols[] = { MSG_IE_WHEN, MSG_IE_WHO, MSG_IE_FIELD,
					 MSG_IE_BEFORE, MSG_IE_AFTER };

/* The definition's fields: form name (= src/edit's field name), label, how
 * it is written. */
enum fkind { F_TEXT, F_AREA, F_YEAR, F_NUMBER, F_INT, F_DIRECTION, F_YEAR_KIND };
static const struct {
	const char *name;
	enum msg label;
	enum fkind kind;
	int required;
} fields[PIF_COUNT] = {
	[PIF_NAME_JA] = { "name_ja", MSG_IE_NAME_JA, F_TEXT, 1 },
	[PIF_NAME_EN] = { "name_en", MSG_IE_NAME_EN, F_TEXT, 0 },
	[PIF_UNIT] = { "unit", MSG_IE_UNIT, F_TEXT, 1 },
	[PIF_UNIT_EN] = { "unit_en", MSG_IE_UNIT_EN, F_TEXT, 0 },
	[PIF_DIRECTION] = { "direction", MSG_DESIRED_DIRECTION, F_DIRECTION, 1 },
	[PIF_YEAR_KIND] = { "year_kind", MSG_YEARS, F_YEAR_KIND, 1 },
	[PIF_GOAL] = { "goal", MSG_IE_GOAL, F_INT, 0 },
	[PIF_MEASURE] = { "measure", MSG_IE_MEASURE, F_INT, 0 },
	[PIF_BASELINE_YEAR] = { "baseline_year", MSG_IE_BASELINE_YEAR, F_YEAR, 0 },
	[PIF_BASELINE_VALUE] = { "baseline_value", MSG_IE_BASELINE_VALUE, F_NUMBER, 0 },
	[PIF_TARGET_YEAR] = { "target_year", MSG_IE_TARGET_YEAR, F_YEAR, 0 },
	[PIF_TARGET_VALUE] = { "target_value", MSG_IE_TARGET_VALUE, F_NUMBER, 0 },
	[PIF_TARGET_NOTE] = { "target_note", MSG_IE_TARGET_NOTE, F_AREA, 0 },
	[PIF_SOURCE] = { "source", MSG_SOURCE, F_AREA, 0 },
	[PIF_NOTES] = { "notes", MSG_NOTES, F_AREA, 0 },
};

const char *page_ind_field_name(enum page_ind_field k)
{
	return (unsigned)k < PIF_COUNT ? fields[k].name : NULL;
}

int page_ind_field_multiline(enum page_ind_field k)
{
	return (unsigned)k < PIF_COUNT && fields[k].kind == F_AREA;
}

/* A number as the form writes it: no separators, as many decimals as it
 * has (up to 6). */
static const char *num_text(struct arena *a, double v)
{
	struct buf b = BUF_INIT;
	const char *s;

	ind_num_plain(&b, v);
	s = buf_error(&b) ? NULL : arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

static const char *int_text(struct arena *a, long long v)
{
	return arena_printf(a, "%lld", v);
}

int page_ind_form_values(const struct store_indicator_row *r, struct arena *a,
			 const char *out[PIF_COUNT])
{
	int k;

	out[PIF_NAME_JA] = r->name_ja;
	out[PIF_NAME_EN] = r->name_en;
	out[PIF_UNIT] = r->unit;
	out[PIF_UNIT_EN] = r->unit_en;
	out[PIF_DIRECTION] = r->direction;
	out[PIF_YEAR_KIND] = r->year_kind;
	out[PIF_GOAL] = r->goal_linked && r->goal_no ? int_text(a, r->goal_no) : "";
	out[PIF_MEASURE] = r->measure_no ? int_text(a, r->measure_no) : "";
	out[PIF_BASELINE_YEAR] = r->null.baseline_year ? "" : int_text(a, r->baseline_year);
	out[PIF_BASELINE_VALUE] = r->null.baseline_year ? "" : num_text(a, r->baseline_value);
	out[PIF_TARGET_YEAR] = r->null.target_year ? "" : int_text(a, r->target_year);
	out[PIF_TARGET_VALUE] = r->null.target_year ? "" : num_text(a, r->target_value);
	out[PIF_TARGET_NOTE] = r->target_note;
	out[PIF_SOURCE] = r->source;
	out[PIF_NOTES] = r->notes;
	for (k = 0; k < PIF_COUNT; k++) {
		if (!out[k])
			return MD_ENOMEM;
	}
	return 0;
}

/* ---- what the page loads ---- */

struct ie {
	struct pg *g;
	const struct page_ind_edit *e;
	const struct store_indicator_row *r;
	const char *stored[PIF_COUNT];
	struct store_ivalue_row *v;     /* every value, headline and breakdowns */
	int nv;
	int calendar;
};

/* "令和6年度（FY2024）" / "FY2024", or "2024年" / "2024" */
static const char *year_label(struct ie *ie, int year)
{
	struct ind x;
	struct buf b = BUF_INIT;
	const char *s;

	memset(&x, 0, sizeof(x));
	x.calendar = ie->calendar;
	ind_year(&b, &x, ie->g->p->en, year);
	s = buf_error(&b) ? NULL : arena_strdup(ie->g->a, b.ptr);
	buf_release(&b);
	return s ? s : "";
}

/* "令和6年度（FY2024）の値" / "Value for FY2024" */
static const char *for_year(struct ie *ie, enum msg m, int year)
{
	return ie->g->p->en ? pg_fmt(ie->g, "%s%s", M(ie->g, m), year_label(ie, year)) :
		pg_fmt(ie->g, "%s%s", year_label(ie, year), M(ie->g, m));
}

/* The version of the headline value of year, or 0 when there is none. */
static const struct store_ivalue_row *value_of(const struct ie *ie, int year)
{
	int i;

	for (i = 0; i < ie->nv; i++) {
		if (!*ie->v[i].breakdown && ie->v[i].year == year)
			return &ie->v[i];
	}
	return NULL;
}

/* A stored or typed text in a comparison cell: "(empty)" when empty. */
static void cmp_cell(struct pg *g, const char *s, int multiline)
{
	if (!s || !*s) {
		H_RAW(g->h, "<span class=\"none\">");
		html_msg(g->h, MSG_IE_EMPTY);
		H_RAW(g->h, "</span>");
	} else if (multiline) {
		H_RAW(g->h, "<pre class=\"typed\">");
		html_text(g->h, s);
		H_RAW(g->h, "</pre>");
	} else {
		html_text(g->h, s);
	}
}

/* Who changed the row last and when (its latest history entry). */
static void last_change(struct ie *ie, const char *tbl, long long id)
{
	struct pg *g = ie->g;
	struct store_filter f = { 0 };
	struct store_history_row *h;
	int n, i;

	f.id = id;
	if (id <= 0 || store_load_history(g->st, &f, g->a, &h, &n))
		return;
	for (i = n - 1; i >= 0; i--) {
		if (strcmp(h[i].tbl, tbl))
			continue;
		H_RAW(g->h, "<p>");
		html_msg(g->h, MSG_IE_LAST_CHANGE);
		pg_when_el(g, h[i].at);
		H_RAW(g->h, " ");
		html_text(g->h, h[i].actor);
		H_RAW(g->h, "</p>\n");
		return;
	}
}

/* The 409 box: what happened, then stored beside typed for each row
 * given (label, stored, typed, multiline). */
struct cmp_row {
	const char *label, *stored, *typed;
	int multiline;
};

static void conflict_box(struct ie *ie, long long seen, long long now,
			 const struct cmp_row *rows, int n, const char *tbl, long long id)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	int i;

	H_RAW(h, "<div class=\"conflict\" role=\"alert\"><p><strong>");
	html_msg(h, MSG_IE_CONFLICT);
	H_RAW(h, "</strong> ");
	if (seen > 0)   /* 0: it was new to the user (the add-a-year form) */
		html_msgf(h, MSG_IE_CONFLICT_F, seen, now);
	H_RAW(h, "</p>\n<p>");
	html_msg(h, MSG_IE_CONFLICT_HOW);
	H_RAW(h, "</p>\n");
	last_change(ie, tbl, id);
	pg_region(g, M(g, MSG_IE_CONFLICT_CAPTION));
	H_RAW(h, "<table class=\"cmp-table stack\"><caption>");
	html_msg(h, MSG_IE_CONFLICT_CAPTION);
	H_RAW(h, "</caption><thead><tr>");
	pg_col_heads(g, conflict_cols, (int)MD_ARRAY_SIZE(conflict_cols));
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		H_RAW(h, "<tr><th scope=\"row\">");
		html_text(h, rows[i].label);
		H_RAW(h, "</th><td class=\"stored\" data-label=\"");
		html_attr(h, M(g, MSG_IE_STORED));
		H_RAW(h, "\">");
		cmp_cell(g, rows[i].stored, rows[i].multiline);
		H_RAW(h, "</td><td class=\"yours\" data-label=\"");
		html_attr(h, M(g, MSG_IE_YOURS));
		H_RAW(h, "\">");
		cmp_cell(g, rows[i].typed, rows[i].multiline);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div></div>\n");
}

/* ---- the definition form ---- */

static const char *typed_of(const struct ie *ie, int k)
{
	return ie->e->typed && ie->e->typed[k] ? ie->e->typed[k] : ie->stored[k];
}

static void def_field(struct ie *ie, int k)
{
	static const char *const dir_v[] = { "up", "down" };
	static const char *const kind_v[] = { "fiscal", "calendar" };
	struct pg *g = ie->g;
	struct html_field f;
	const char *labels[2];

	memset(&f, 0, sizeof(f));
	f.name = fields[k].name;
	f.label = M(g, fields[k].label);
	f.value = typed_of(ie, k);
	f.error = ie->e->error ? ie->e->error[k] : NULL;
	f.required = fields[k].required;
	switch (fields[k].kind) {
	case F_DIRECTION:
		labels[0] = M(g, MSG_DIRECTION_UP);
		labels[1] = M(g, MSG_DIRECTION_DOWN);
		html_select(g->h, &f, dir_v, labels, 2);
		return;
	case F_YEAR_KIND:
		labels[0] = M(g, MSG_FISCAL_YEARS);
		labels[1] = M(g, MSG_CALENDAR_YEARS);
		html_select(g->h, &f, kind_v, labels, 2);
		return;
	case F_AREA:
		f.rows = k == PIF_TARGET_NOTE ? 2 : 4;
		html_textarea(g->h, &f);
		return;
	case F_YEAR:
		f.inputmode = "numeric";
		/* one hint for the pair, under the year */
		f.help = M(g, MSG_IE_YEAR_HELP);
		break;
	case F_NUMBER:
		f.inputmode = "decimal";
		f.help = M(g, MSG_IE_NUMBER_HELP);
		break;
	case F_INT:
		f.inputmode = "numeric";
		f.help = M(g, MSG_IE_EMPTY_NONE);
		break;
	default:
		break;
	}
	html_input(g->h, &f);
}

static void fieldset(struct ie *ie, enum msg legend, int from, int to)
{
	int k;

	H_RAW(ie->g->h, "<fieldset><legend>");
	html_msg(ie->g->h, legend);
	H_RAW(ie->g->h, "</legend>\n");
	for (k = from; k <= to; k++)
		def_field(ie, k);
	H_RAW(ie->g->h, "</fieldset>\n");
}

static void def_form(struct ie *ie)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	const struct page_ind_edit *e = ie->e;
	struct cmp_row rows[PIF_COUNT];
	int k, n = 0;

	H_RAW(h, "<section aria-labelledby=\"def\"><h2 id=\"def\">");
	html_msg(h, MSG_DEFINITION);
	H_RAW(h, "</h2>\n");
	if (e->conflict) {
		for (k = 0; k < PIF_COUNT; k++) {
			if (!strcmp(typed_of(ie, k), ie->stored[k]))
				continue;
			rows[n].label = M(g, fields[k].label);
			rows[n].stored = ie->stored[k];
			rows[n].typed = typed_of(ie, k);
			rows[n].multiline = fields[k].kind == F_AREA;
			n++;
		}
		conflict_box(ie, e->seen, ie->r->version, rows, n, "indicator", ie->r->id);
	}
	html_form_post(h, pg_fmt(g, "%sindicators/%s/edit/", g->p->root, ie->r->code), e->csrf);
	html_hidden_int(h, "version", e->version >= 0 ? e->version : ie->r->version);
	fieldset(ie, MSG_IE_NAMES, PIF_NAME_JA, PIF_UNIT_EN);
	fieldset(ie, MSG_IE_KIND, PIF_DIRECTION, PIF_YEAR_KIND);
	fieldset(ie, MSG_PART_OF_PLAN, PIF_GOAL, PIF_MEASURE);
	fieldset(ie, MSG_BASELINE, PIF_BASELINE_YEAR, PIF_BASELINE_VALUE);
	fieldset(ie, MSG_TARGET, PIF_TARGET_YEAR, PIF_TARGET_NOTE);
	def_field(ie, PIF_SOURCE);
	def_field(ie, PIF_NOTES);
	html_submit(h, NULL, NULL, M(g, MSG_IE_DEF_SAVE));
	html_form_end(h);
	H_RAW(h, "</section>\n");
}

/* ---- the value forms ---- */

/* The value form sent back, when it is this one (row_year: an existing
 * row, 0: the add form). */
static const struct page_ivalue_form *sent_back(const struct ie *ie, int row_year)
{
	const struct page_ivalue_form *v = ie->e->v;

	return v && v->row_year == row_year ? v : NULL;
}

static const char *err_for(const struct page_ivalue_form *v, const char *field)
{
	return v && v->error && v->error_field && !strcmp(v->error_field, field) ?
		v->error : NULL;
}

static void value_input(struct ie *ie, const char *name, const char *id, const char *label,
			const char *value, const char *error, const char *mode)
{
	struct html_field f;

	memset(&f, 0, sizeof(f));
	f.name = name;
	f.id = id;
	f.label = label;
	f.value = value;
	f.error = error;
	f.inputmode = mode;
	html_input(ie->g->h, &f);
}

static void value_row(struct ie *ie, const struct store_ivalue_row *r)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	const struct page_ivalue_form *v = sent_back(ie, (int)r->year);
	const char *stored_value = r->null.value ? "" : num_text(g->a, r->value);
	const char *value, *note, *source, *reason;
	int y = (int)r->year, more;

	if (!stored_value)
		stored_value = "";
	value = v && v->value ? v->value : stored_value;
	note = v && v->note ? v->note : r->note;
	source = v && v->source ? v->source : r->source;
	reason = v && v->reason ? v->reason : r->na_reason;
	H_FMT(h, "<li id=\"y%d\">", y);
	if (v && v->conflict) {
		struct cmp_row rows[4] = {
			{ M(g, MSG_VALUE), stored_value, value, 0 },
			{ M(g, MSG_NOTE), r->note, note, 0 },
			{ M(g, MSG_SOURCE), r->source, source, 0 },
			{ M(g, MSG_IE_REASON), r->na_reason, reason, 0 },
		};

		conflict_box(ie, v->seen, r->version, rows, 4, "indicator_value", r->id);
	}
	html_form_post(h, pg_fmt(g, "%sindicators/%s/values/", g->p->root, ie->r->code),
		       ie->e->csrf);
	H_FMT(h, "<input type=\"hidden\" name=\"year\" value=\"%d\">\n", y);
	html_hidden_int(h, "version", v && v->version >= 0 ? v->version : r->version);
	if (r->null.value) {
		H_RAW(h, "<p class=\"na\">");
		html_msg(h, MSG_NA);
		if (*r->na_reason) {
			H_RAW(h, "：");
			html_text(h, r->na_reason);
		}
		H_RAW(h, "</p>\n");
	}
	value_input(ie, "value", pg_fmt(g, "value-%d", y), for_year(ie, MSG_IE_VALUE_FOR, y),
		    value, err_for(v, "value"), "decimal");
	html_submit(h, "op", "set", M(g, MSG_IE_SAVE_VALUE));
	more = err_for(v, "note") || err_for(v, "source") || err_for(v, "reason") ||
		(v && v->conflict);
	H_RAW(h, "<details");
	if (more)
		H_RAW(h, " open");
	H_RAW(h, "><summary>");
	html_msg(h, MSG_IE_MORE);
	H_RAW(h, "</summary>\n");
	value_input(ie, "note", pg_fmt(g, "note-%d", y), for_year(ie, MSG_IE_NOTE_FOR, y),
		    note, err_for(v, "note"), NULL);
	value_input(ie, "source", pg_fmt(g, "source-%d", y), for_year(ie, MSG_IE_SOURCE_FOR, y),
		    source, err_for(v, "source"), NULL);
	value_input(ie, "reason", pg_fmt(g, "reason-%d", y), for_year(ie, MSG_IE_REASON_FOR, y),
		    reason, err_for(v, "reason"), NULL);
	html_submit(h, "op", "clear", M(g, MSG_IE_CLEAR_VALUE));
	H_RAW(h, "</details>\n");
	html_form_end(h);
	H_RAW(h, "</li>\n");
}

static void add_form(struct ie *ie)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	const struct page_ivalue_form *v = sent_back(ie, 0);
	struct html_field f;

	H_RAW(h, "<h3 id=\"add\">");
	html_msg(h, MSG_IE_ADD_YEAR);
	H_RAW(h, "</h3>\n");
	html_form_post(h, pg_fmt(g, "%sindicators/%s/values/", g->p->root, ie->r->code),
		       ie->e->csrf);
	html_hidden_int(h, "version", 0);
	memset(&f, 0, sizeof(f));
	f.name = "year";
	f.id = "new-year";
	f.label = M(g, MSG_IE_NEW_YEAR);
	f.value = v ? v->year : NULL;
	f.error = err_for(v, "year");
	f.help = M(g, MSG_IE_NEW_YEAR_HELP);
	f.inputmode = "numeric";
	f.required = 1;
	html_input(h, &f);
	value_input(ie, "value", "new-value", M(g, MSG_IE_NEW_VALUE), v ? v->value : NULL,
		    err_for(v, "value"), "decimal");
	value_input(ie, "note", "new-note", M(g, MSG_IE_NEW_NOTE), v ? v->note : NULL,
		    err_for(v, "note"), NULL);
	value_input(ie, "source", "new-source", M(g, MSG_IE_NEW_SOURCE), v ? v->source : NULL,
		    err_for(v, "source"), NULL);
	html_submit(h, "op", "set", M(g, MSG_IE_ADD_YEAR));
	html_form_end(h);
}

static void values_section(struct ie *ie)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	const struct page_ivalue_form *v = ie->e->v;
	int i, any = 0;

	H_RAW(h, "<section aria-labelledby=\"values\"><h2 id=\"values\">");
	html_msg(h, MSG_VALUES_BY_YEAR);
	H_RAW(h, "</h2>\n<p class=\"meta\">");
	html_msg(h, MSG_IE_HEADLINE_ONLY);
	H_RAW(h, "</p>\n");
	/* a form sent back for a year that has no row (any more) */
	if (v && v->row_year && !value_of(ie, v->row_year)) {
		H_RAW(h, "<p class=\"error\" role=\"alert\">");
		html_text(h, v->error ? v->error : M(g, MSG_IE_CONFLICT));
		H_RAW(h, "</p>\n");
	}
	for (i = 0; i < ie->nv; i++) {
		if (*ie->v[i].breakdown)
			continue;
		if (!any++)
			H_RAW(h, "<ul class=\"ivalues\">\n");
		value_row(ie, &ie->v[i]);
	}
	if (any)
		H_RAW(h, "</ul>\n");
	else {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_NO_VALUES_YET);
		H_RAW(h, "</p>\n");
	}
	add_form(ie);
	H_RAW(h, "</section>\n");
}

/* ---- history ---- */

struct hist {
	const struct store_history_row **r;
	int n, cap;
	struct arena *a;
};

static int hist_add(struct hist *hs, const struct store_history_row *rows, int n,
		    const char *tbl)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].tbl, tbl))
			continue;
		if (hs->n == hs->cap) {
			int cap = hs->cap ? hs->cap * 2 : 64;
			const struct store_history_row **r = arena_alloc(hs->a, sizeof(*r) * (size_t)cap);

			if (!r)
				return MD_ENOMEM;
			if (hs->n)
				memcpy(r, hs->r, sizeof(*r) * (size_t)hs->n);
			hs->r = r;
			hs->cap = cap;
		}
		hs->r[hs->n++] = &rows[i];
	}
	return 0;
}

/* A number as history stores it ("100.0") as the form writes it. */
static const char *hist_value(struct pg *g, const struct store_history_row *r, int old)
{
	const char *s = old ? (r->null.old_value ? NULL : r->old_value) :
		(r->null.new_value ? NULL : r->new_value);
	size_t n = s ? strlen(s) : 0;
	double v;

	if (n && n >= 5 && !strcmp(r->field + (strlen(r->field) >= 5 ? strlen(r->field) - 5 : 0),
				   "value") && !num_parse_decimal(s, n, &v, NULL))
		return num_text(g->a, v);
	return s;
}

/* newest first: by time, then run, then version */
static int hist_cmp(const void *a, const void *b)
{
	const struct store_history_row *x = *(const struct store_history_row *const *)a;
	const struct store_history_row *y = *(const struct store_history_row *const *)b;
	int c = strcmp(y->at, x->at);

	if (c)
		return c;
	if (x->run_id != y->run_id)
		return y->run_id > x->run_id ? 1 : -1;
	return y->version > x->version ? 1 : y->version < x->version ? -1 : 0;
}

static int history_section(struct ie *ie)
{
	struct pg *g = ie->g;
	struct html *h = g->h;
	struct store_filter f = { 0 };
	struct store_history_row *rows;
	struct hist hs = { NULL, 0, 0, g->a };
	int i, n, rc;

	f.id = ie->r->id;
	if ((rc = store_load_history(g->st, &f, g->a, &rows, &n)) ||
	    (rc = hist_add(&hs, rows, n, "indicator")))
		return rc;
	for (i = 0; i < ie->nv; i++) {
		f.id = ie->v[i].id;
		if ((rc = store_load_history(g->st, &f, g->a, &rows, &n)) ||
		    (rc = hist_add(&hs, rows, n, "indicator_value")))
			return rc;
	}
	if (hs.n > 1)
		qsort(hs.r, (size_t)hs.n, sizeof(*hs.r), hist_cmp);
	H_RAW(h, "<section aria-labelledby=\"hist\"><h2 id=\"hist\">");
	html_msg(h, MSG_IE_HISTORY);
	H_RAW(h, "</h2>\n");
	if (!hs.n) {
		H_RAW(h, "<p class=\"none\">");
		html_msg(h, MSG_IE_NO_HISTORY);
		H_RAW(h, "</p></section>\n");
		return 0;
	}
	pg_region(g, M(g, MSG_IE_HISTORY));
	H_RAW(h, "<table class=\"history stack\"><thead><tr>");
	pg_col_heads(g, history_cols, (int)MD_ARRAY_SIZE(history_cols));
	H_RAW(h, "</tr></thead><tbody>\n");
	for (i = 0; i < hs.n && i < 200; i++) {
		const struct store_history_row *r = hs.r[i];

		H_RAW(h, "<tr><td class=\"when\" data-label=\"");
		html_attr(h, M(g, MSG_IE_WHEN));
		H_RAW(h, "\">");
		pg_when_el(g, r->at);
		H_RAW(h, "</td><td class=\"who\" data-label=\"");
		html_attr(h, M(g, MSG_IE_WHO));
		H_RAW(h, "\">");
		html_text(h, r->actor);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_IE_FIELD));
		H_RAW(h, "\">");
		if (!strcmp(r->tbl, "indicator_value") && r->year) {
			html_text(h, year_label(ie, (int)r->year));
			H_RAW(h, " ");
		}
		H_RAW(h, "<code>");
		html_text(h, r->field);
		H_RAW(h, "</code></td><td data-label=\"");
		html_attr(h, M(g, MSG_IE_BEFORE));
		H_RAW(h, "\">");
		cmp_cell(g, hist_value(g, r, 1), 0);
		H_RAW(h, "</td><td data-label=\"");
		html_attr(h, M(g, MSG_IE_AFTER));
		H_RAW(h, "\">");
		cmp_cell(g, hist_value(g, r, 0), 0);
		H_RAW(h, "</td></tr>\n");
	}
	H_RAW(h, "</tbody></table></div></section>\n");
	return 0;
}

int page_indicator_edit(struct store *st, const struct page *p,
			const struct page_ind_edit *e, struct buf *out)
{
	struct pg g;
	struct ie ie;
	struct store_filter f = { 0 };
	struct store_indicator_row *r;
	struct crumb cr[4];
	struct html *h = g.h;
	const char *name;
	int n, k, rc, errors = 0;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	memset(&ie, 0, sizeof(ie));
	ie.g = &g;
	ie.e = e;
	f.code = e->code;
	if ((rc = store_load_indicator(st, &f, g.a, &r, &n)))
		return pg_close(&g, rc);
	if (!n)
		return pg_close(&g, MD_ENOTFOUND);
	ie.r = r;
	ie.calendar = !strcmp(r->year_kind, "calendar");
	if ((rc = page_ind_form_values(r, g.a, ie.stored)))
		return pg_close(&g, rc);
	f.id = r->id;
	f.code = NULL;
	if ((rc = store_load_ivalue(st, &f, g.a, &ie.v, &ie.nv)))
		return pg_close(&g, rc);
	name = p->en && *r->name_en ? r->name_en : r->name_ja;
	cr[0].href = "";
	cr[0].text = M(&g, MSG_TOP);
	cr[1].href = "indicators/";
	cr[1].text = M(&g, MSG_NAV_INDICATORS);
	cr[2].href = pg_fmt(&g, "indicators/%s/", r->code);
	cr[2].text = name;
	cr[3].href = NULL;
	cr[3].text = M(&g, MSG_IE_EDIT);
	pg_head(&g, pg_fmt(&g, "%s%s", M(&g, MSG_IE_TITLE), name), cr, 4);
	H_RAW(h, "<p>");
	html_msg(h, MSG_IE_INTRO);
	H_RAW(h, " ");
	pg_link(&g, pg_fmt(&g, "indicators/%s/", r->code), M(&g, MSG_IE_BACK));
	H_RAW(h, "</p>\n");
	for (k = 0; e->error && k < PIF_COUNT; k++)
		errors += e->error[k] != NULL;
	if (errors || (e->v && e->v->error && !e->v->conflict)) {
		H_RAW(h, "<p class=\"error\" role=\"alert\">");
		html_msg(h, MSG_IE_CHECK);
		H_RAW(h, "</p>\n");
	}
	def_form(&ie);
	values_section(&ie);
	if ((rc = history_section(&ie)))
		return pg_close(&g, rc);
	pg_foot(&g);
	return pg_close(&g, 0);
}
