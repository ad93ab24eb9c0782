/*
 * Indicator editing for the secretariat (issue 13): the edit page
 * (GET /indicators/{ind}/edit/), the definition form's save (POST there)
 * and a yearly value's save or clear (POST /indicators/{ind}/values/).
 *
 * The route table lets only secretariat sessions through (and checks the
 * CSRF token and the origin before anything here runs); each handler asks
 * auth_may() again, and the edit layer decides for real inside the write
 * transaction with the accounts' policy, which also writes the audit
 * entry in that transaction. The actor is user:NAME.
 *
 * What a person typed is read here into the edit layer's change: years as
 * people write them (2026, 令和8年度, FY2026) and numbers with thousands
 * separators or full-width digits; an empty year and value is "none". A
 * refusal answers the page again with what was typed: 400 with an error
 * beside each field, 409 with what is stored now beside what was typed
 * and the stored version in the form, so that saving again replaces it on
 * purpose. Success is a 303 to the indicator page (the definition) or back
 * to the edit page (a value).
 */
#include <stdio.h>
#include <string.h>

#include "../edit/edit.h"
#include "../text/text.h"
#include "internal.h"

static const char *not_found(struct ctx *c)
{
	return c->page.en ? "No such indicator." : "該当する指標はありません。";
}

static int may_edit(const struct ctx *c)
{
	return c->rq->user && auth_may(c->rq->user->account, AUTH_EDIT_INDICATOR, NULL);
}

static int forbidden(struct ctx *c)
{
	return rt_html_error(c, 403, c->page.en ? "You may not edit indicators." :
			     "指標を編集する権限がありません。");
}

/* Renders the edit page with status (200, 400, 409) from st. */
static int edit_page(struct ctx *c, struct store *st, int status, const struct page_ind_edit *e)
{
	int rc = page_indicator_edit(st, &c->page, e, &c->rs->body);

	if (rc) {
		buf_reset(&c->rs->body);
		return rt_done(c, rc, 0, not_found(c));
	}
	rc = rt_done(c, 0, 0, NULL);
	c->rs->status = status;
	return rc;
}

int h_ind_edit(struct ctx *c)
{
	struct page_ind_edit e;

	if (!may_edit(c))
		return forbidden(c);
	memset(&e, 0, sizeof(e));
	e.code = c->ind;
	e.csrf = c->rq->user->csrf;
	e.version = -1;
	return edit_page(c, c->st, 200, &e);
}

/* ---- reading what was typed ---- */

/* A year as people write it, 1900-2200. */
static int typed_year(const char *s, int *year)
{
	int fiscal;

	if (strlen(s) > 64 || text_era_parse(s, year, &fiscal))
		return MD_EINPUT;
	return *year >= 1900 && *year <= 2200 ? 0 : MD_EINPUT;
}

/* A number as people write it: 1,234.5, full-width digits, spaces around. */
static int typed_number(const char *s, double *v)
{
	struct buf b = BUF_INIT;
	int rc = MD_EINPUT;

	if (strlen(s) <= 64 && !text_utf8_valid(s, strlen(s), NULL) &&
	    !text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &b) && !buf_error(&b) && b.len)
		rc = num_parse_decimal(b.ptr, b.len, v, NULL) ? MD_EINPUT : 0;
	buf_release(&b);
	return rc;
}

/* 1 when s is empty or only spaces. */
static int blank(const char *s)
{
	for (; *s; s++) {
		if (*s != ' ' && *s != '\t')
			return 0;
	}
	return 1;
}

/* A textarea's text with CRLF and CR as LF (how the form shows it again),
 * in the arena. */
static const char *lf_only(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s), *w = t;

	if (!t)
		return NULL;
	for (; *s; s++) {
		if (*s == '\r') {
			*w++ = '\n';
			if (s[1] == '\n')
				s++;
		} else {
			*w++ = *s;
		}
	}
	*w = 0;
	return t;
}

/* The version a form carries: 0 or more; -1 when missing or not a number. */
static long long form_version(struct ctx *c)
{
	const char *s = web_form_get(c->rq->form, "version");
	long long v;

	if (!s || num_parse_ll(s, strlen(s), 0, 1LL << 53, &v))
		return -1;
	return v;
}

/* ---- the definition ---- */

/* Reads the form into d and fields (the EDIT_IND_* bits of what differs
 * from stored, as the form showed it); an error per field in err. Returns
 * the number of errors. */
static int read_definition(struct ctx *c, const char *typed[PIF_COUNT],
			   const char *const stored[PIF_COUNT], const char *err[PIF_COUNT],
			   struct store_indicator *d, unsigned *fields)
{
	static const unsigned bit[PIF_COUNT] = {
		EDIT_IND_NAME, EDIT_IND_NAME_EN, EDIT_IND_UNIT, EDIT_IND_UNIT_EN,
		EDIT_IND_DIRECTION, EDIT_IND_YEAR_KIND, EDIT_IND_GOAL, EDIT_IND_MEASURE,
		EDIT_IND_BASELINE, EDIT_IND_BASELINE, EDIT_IND_TARGET, EDIT_IND_TARGET,
		EDIT_IND_TARGET_NOTE, EDIT_IND_SOURCE, EDIT_IND_NOTES,
	};
	const char **text[PIF_COUNT] = {
		[PIF_NAME_JA] = &d->name_ja, [PIF_NAME_EN] = &d->name_en, [PIF_UNIT] = &d->unit,
		[PIF_UNIT_EN] = &d->unit_en, [PIF_DIRECTION] = &d->direction,
		[PIF_YEAR_KIND] = &d->year_kind, [PIF_TARGET_NOTE] = &d->target_note,
		[PIF_SOURCE] = &d->source, [PIF_NOTES] = &d->notes,
	};
	int en = c->page.en, k, n = 0;

	*fields = 0;
	for (k = 0; k < PIF_COUNT; k++) {
		if (strcmp(typed[k], stored[k]))
			*fields |= bit[k];
		if (text[k])
			*text[k] = typed[k];
	}
	if ((*fields & EDIT_IND_NAME) && blank(typed[PIF_NAME_JA]))
		err[PIF_NAME_JA] = msg_get(MSG_IE_ERR_REQUIRED, en);
	if ((*fields & EDIT_IND_UNIT) && blank(typed[PIF_UNIT]))
		err[PIF_UNIT] = msg_get(MSG_IE_ERR_REQUIRED, en);
	if (strcmp(typed[PIF_DIRECTION], "up") && strcmp(typed[PIF_DIRECTION], "down"))
		err[PIF_DIRECTION] = msg_get(MSG_IE_ERR_CHOICE, en);
	if (strcmp(typed[PIF_YEAR_KIND], "fiscal") && strcmp(typed[PIF_YEAR_KIND], "calendar"))
		err[PIF_YEAR_KIND] = msg_get(MSG_IE_ERR_CHOICE, en);
	if (!blank(typed[PIF_GOAL]) && num_parse_int(typed[PIF_GOAL], 1, 99, &d->goal))
		err[PIF_GOAL] = msg_get(MSG_IE_ERR_GOAL, en);
	if (!blank(typed[PIF_MEASURE]) && num_parse_int(typed[PIF_MEASURE], 1, 999, &d->measure))
		err[PIF_MEASURE] = msg_get(MSG_IE_ERR_MEASURE, en);
	/* the baseline and the target: a year and a value, or neither */
	for (k = PIF_BASELINE_YEAR; k <= PIF_TARGET_YEAR; k += 2) {
		int *has = k == PIF_BASELINE_YEAR ? &d->has_baseline : &d->has_target;
		int *year = k == PIF_BASELINE_YEAR ? &d->baseline_year : &d->target_year;
		double *value = k == PIF_BASELINE_YEAR ? &d->baseline_value : &d->target_value;
		int by = blank(typed[k]), bv = blank(typed[k + 1]);

		*has = !by || !bv;
		if (!by && typed_year(typed[k], year))
			err[k] = msg_get(MSG_IE_ERR_YEAR, en);
		if (!bv && typed_number(typed[k + 1], value))
			err[k + 1] = msg_get(MSG_IE_ERR_NUMBER, en);
		if (by != bv)
			err[by ? k : k + 1] = msg_get(MSG_IE_ERR_PAIR, en);
	}
	for (k = 0; k < PIF_COUNT; k++)
		n += err[k] != NULL;
	return n;
}

/* The field an edit-layer error is about, or -1. */
static int field_of(const char *name)
{
	int k;

	for (k = 0; name && k < PIF_COUNT; k++) {
		if (!strcmp(page_ind_field_name((enum page_ind_field)k), name))
			return k;
	}
	return -1;
}

int h_ind_edit_post(struct ctx *c)
{
	struct arena *a = arena_new();
	struct store_filter f = { 0 };
	struct store_indicator_row *r;
	const char *stored[PIF_COUNT], *typed[PIF_COUNT], *err[PIF_COUNT];
	struct page_ind_edit e;
	struct edit_indicator ch;
	struct edit_result res;
	struct edit_auth ea;
	struct store_actor actor;
	struct edit *ed = NULL;
	long long version = form_version(c);
	int k, n, rc;

	if (!a)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	if (!may_edit(c)) {
		rc = forbidden(c);
		goto out;
	}
	if (version < 1) {
		rc = rt_html_error(c, 400, c->page.en ?
				   "The form has no version; open the edit page again." :
				   "フォームに版がありません。編集ページを開き直してください。");
		goto out;
	}
	f.code = c->ind;
	if ((rc = store_load_indicator(c->wst, &f, a, &r, &n)) ||
	    (!n && (rc = MD_ENOTFOUND)) || (rc = page_ind_form_values(r, a, stored))) {
		rc = rt_done(c, rc, 0, not_found(c));
		goto out;
	}
	/* a field the form does not send keeps what is stored */
	for (k = 0; k < PIF_COUNT; k++) {
		const char *v = web_form_get(c->rq->form, page_ind_field_name((enum page_ind_field)k));

		typed[k] = !v ? stored[k] : page_ind_field_multiline((enum page_ind_field)k) ?
			lf_only(a, v) : v;
		err[k] = NULL;
		if (!typed[k]) {
			rc = rt_done(c, MD_ENOMEM, 0, NULL);
			goto out;
		}
	}
	memset(&e, 0, sizeof(e));
	e.code = r->code;
	e.csrf = c->rq->user->csrf;
	e.typed = typed;
	e.error = err;
	e.version = version;
	memset(&ch, 0, sizeof(ch));
	ch.version = version;
	ch.d.code = r->code;
	if (read_definition(c, typed, stored, err, &ch.d, &ch.fields)) {
		rc = edit_page(c, c->wst, 400, &e);
		goto out;
	}
	if (!(ed = rt_edit_new(c, &ea, &actor))) {
		rc = rt_done(c, MD_ENOMEM, 0, NULL);
		goto out;
	}
	rc = edit_indicator_define(ed, &actor, &ch, &res);
	if (!rc) {
		rc = rt_see_other(c, arena_printf(a, "indicators/%s/", r->code));
	} else if (rc == MD_ECONFLICT) {
		e.conflict = 1;
		e.seen = version;
		e.version = -1;    /* the stored one: saving again is on purpose */
		e.error = NULL;
		rc = edit_page(c, c->wst, 409, &e);
	} else if (rc == MD_EINPUT || rc == MD_ENOTFOUND) {
		k = field_of(edit_errfield(ed));
		if (k < 0)
			k = PIF_NAME_JA;
		err[k] = web_edit_error(ed, c->page.en);
		rc = edit_page(c, c->wst, 400, &e);
	} else if (rc == MD_EFORBIDDEN) {
		rc = forbidden(c);
	} else {
		rc = rt_done(c, rc, 0, NULL);
	}
out:
	edit_free(ed);
	/* the page copied what it needed into the response */
	arena_free(a);
	return rc;
}

/* ---- a yearly value ---- */

int h_ind_values_post(struct ctx *c)
{
	const struct web_form *fm = c->rq->form;
	const char *year_s = web_form_get(fm, "year"), *value = web_form_get(fm, "value");
	const char *op = web_form_get(fm, "op");
	struct page_ivalue_form v;
	struct page_ind_edit e;
	struct edit_ivalue ch;
	struct edit_result res;
	struct edit_auth ea;
	struct store_actor actor;
	struct edit *ed = NULL;
	long long version = form_version(c), id;
	int year = 0, rc, en = c->page.en;

	if (!may_edit(c))
		return forbidden(c);
	if (version < 0 || !year_s || !op || (strcmp(op, "set") && strcmp(op, "clear")))
		return rt_html_error(c, 400, en ?
				     "The form is incomplete (year, version, op=set|clear); "
				     "open the edit page again." :
				     "フォームが不完全です。編集ページを開き直してください。");
	if ((rc = store_indicator_find(c->wst, c->ind, &id, NULL)))
		return rt_done(c, rc, 0, not_found(c));
	memset(&v, 0, sizeof(v));
	v.year = year_s;
	v.value = value;
	v.note = web_form_get(fm, "note");
	v.source = web_form_get(fm, "source");
	v.reason = web_form_get(fm, "reason");
	v.version = version;
	memset(&e, 0, sizeof(e));
	e.code = c->ind;
	e.csrf = c->rq->user->csrf;
	e.version = -1;
	e.v = &v;
	memset(&ch, 0, sizeof(ch));
	ch.version = version;
	ch.code = c->ind;
	ch.clear = !strcmp(op, "clear");
	ch.note = v.note;
	ch.source = v.source;
	ch.reason = v.reason;
	if (typed_year(year_s, &year)) {
		v.error = msg_get(MSG_IE_ERR_YEAR, en);
		v.error_field = "year";
	} else if (!ch.clear && (!value || blank(value))) {
		v.error = msg_get(MSG_IE_ERR_REQUIRED, en);
		v.error_field = "value";
	} else if (!ch.clear && typed_number(value, &ch.value)) {
		v.error = msg_get(MSG_IE_ERR_NUMBER, en);
		v.error_field = "value";
	} else if (ch.clear && (!v.reason || blank(v.reason))) {
		v.error = msg_get(MSG_IE_ERR_REASON, en);
		v.error_field = "reason";
	}
	/* the row it came from: an existing year's form sends its version */
	v.row_year = version > 0 ? year : 0;
	if (v.error)
		return edit_page(c, c->wst, 400, &e);
	ch.year = year;
	if (!(ed = rt_edit_new(c, &ea, &actor)))
		return rt_done(c, MD_ENOMEM, 0, NULL);
	rc = edit_ivalue_set(ed, &actor, &ch, &res);
	if (!rc) {
		char path[128];

		snprintf(path, sizeof(path), "indicators/%s/edit/", c->ind);
		rc = rt_see_other(c, path);
	} else if (rc == MD_ECONFLICT) {
		/* shown on the year's row as it is now (added meanwhile, too) */
		v.conflict = 1;
		v.seen = version;
		v.version = -1;
		v.row_year = year;
		rc = edit_page(c, c->wst, 409, &e);
	} else if (rc == MD_EINPUT) {
		const char *f = edit_errfield(ed);

		v.error_field = f && (!strcmp(f, "note") || !strcmp(f, "source") ||
				      !strcmp(f, "reason") || !strcmp(f, "year")) ? f : "value";
		v.error = web_edit_error(ed, c->page.en);
		rc = edit_page(c, c->wst, 400, &e);
	} else if (rc == MD_EFORBIDDEN) {
		rc = forbidden(c);
	} else {
		rc = rt_done(c, rc, 0, NULL);
	}
	edit_free(ed);
	return rc;
}
