/*
 * One entry of the yearly follow-up round over the web (issue 14): the
 * entry page and its steps (save, submit, return, accept), comments, the
 * history page, and the same in the JSON API. Who may do what is asked of
 * src/auth once per request (auth_entry_access()); src/edit then decides
 * each change again inside its transaction, so a refused request changes
 * nothing whichever check refuses it.
 */
#include <stdio.h>
#include <string.h>

#include "../edit/edit.h"
#include "internal.h"

/* An entry as a request sees it. */
struct at {
	struct arena *a;
	struct store_round_entry_row *rows;  /* the item's entries in the year */
	int n;
	struct store_round_entry_row *e;     /* the one asked for */
	struct store_round_row *round;
	struct text_tag writers, owners;
	unsigned acc;                        /* AUTH_ENTRY_* */
	int cons_write;                      /* may write the consolidated entry */
	struct auth_viewer av;               /* its .viewer: what the user reads */
};

static void tag_add(struct text_tag *t, const char *code, int lead)
{
	int m = text_ministry_find(code, strlen(code)), i;

	if (m < 0)
		return;
	for (i = 0; i < t->n; i++) {
		if (t->ministry[i] == m) {
			t->lead[i] |= lead;
			return;
		}
	}
	if (t->n < TEXT_TAG_MAX) {
		t->ministry[t->n] = m;
		t->lead[t->n++] = lead;
	}
}

/* Who writes rows[i] and which ministries own its item (rows are sorted
 * by year and item, so the item's rows are next to each other). */
static void tags_of(const struct store_round_entry_row *rows, int n, int i,
		    struct text_tag *writers, struct text_tag *owners)
{
	int lo = i, hi = i, k;

	memset(writers, 0, sizeof(*writers));
	memset(owners, 0, sizeof(*owners));
	while (lo > 0 && rows[lo - 1].item_id == rows[i].item_id &&
	       rows[lo - 1].fiscal_year == rows[i].fiscal_year)
		lo--;
	while (hi + 1 < n && rows[hi + 1].item_id == rows[i].item_id &&
	       rows[hi + 1].fiscal_year == rows[i].fiscal_year)
		hi++;
	for (k = lo; k <= hi; k++) {
		if (rows[k].consolidated)
			continue;
		tag_add(owners, rows[k].ministry, (int)rows[k].lead);
		if (rows[i].consolidated ? rows[k].lead : k == i)
			tag_add(writers, rows[k].ministry, 1);
	}
}

static unsigned access_of(struct ctx *c, const struct store_round_entry_row *rows, int n,
			  int i)
{
	struct text_tag w, o;

	tags_of(rows, n, i, &w, &o);
	return auth_entry_access(c->rq->user ? c->rq->user->account : NULL, &w, &o,
				 rows[i].state);
}

/* Loads the entry of the route (fy, item, {code} or consolidated). */
static int load(struct ctx *c, struct store *st, struct at *x)
{
	struct store_filter f;
	int nr, i, rc;

	memset(x, 0, sizeof(*x));
	if (!(x->a = arena_new()))
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.year = c->fy;
	if ((rc = store_load_round(st, &f, x->a, &x->round, &nr)))
		return rc;
	if (nr != 1)
		return MD_ENOTFOUND;
	f.item = (int)c->n[0];
	if ((rc = store_load_round_entry(st, &f, x->a, &x->rows, &x->n)))
		return rc;
	for (i = 0; i < x->n; i++) {
		if (c->code ? !x->rows[i].consolidated && !strcmp(x->rows[i].ministry, c->code) :
		    x->rows[i].consolidated) {
			x->e = &x->rows[i];
			x->acc = access_of(c, x->rows, x->n, i);
			tags_of(x->rows, x->n, i, &x->writers, &x->owners);
		}
	}
	for (i = 0; x->e && i < x->n; i++) {
		if (x->rows[i].consolidated && &x->rows[i] != x->e)
			x->cons_write = (access_of(c, x->rows, x->n, i) & AUTH_ENTRY_WRITE) != 0;
	}
	if (!x->e)
		return MD_ENOTFOUND;
	auth_viewer(c->rq->user ? c->rq->user->account : NULL, &x->av);
	return 0;
}

static void at_release(struct at *x)
{
	arena_free(x->a);
	x->a = NULL;
}

static const char *T(struct ctx *c, const char *en, const char *ja)
{
	return c->page.en ? en : ja;
}

/* The route's entry, root-relative ("rounds/2026/items/6/meti/"). */
static const char *path_of(struct ctx *c, struct at *x, const char *tail)
{
	return arena_printf(x->a, "rounds/%d/items/%lld/%s/%s", c->fy, (long long)c->n[0],
			    c->code ? c->code : "consolidated", tail);
}

static unsigned page_bits(unsigned acc)
{
	return (acc & AUTH_ENTRY_WRITE ? PAGE_ENTRY_WRITE : 0) |
		(acc & AUTH_ENTRY_REVIEW ? PAGE_ENTRY_REVIEW : 0) |
		(acc & AUTH_ENTRY_COMMENT ? PAGE_ENTRY_COMMENT : 0) |
		(acc & AUTH_ENTRY_COMMENTS ? PAGE_ENTRY_COMMENTS : 0);
}

static void page_of(struct ctx *c, struct at *x, struct page_entry *pe)
{
	long long *hid = arena_alloc(x->a, sizeof(*hid) * (size_t)(x->n + 1));
	int i, nh = 0;

	/* the co-owners' entries the page shows beside this one: only those
	 * the user may read by themselves (a reviewer: no drafts) */
	for (i = 0; hid && i < x->n; i++) {
		if (&x->rows[i] != x->e && !(access_of(c, x->rows, x->n, i) & AUTH_ENTRY_READ))
			hid[nh++] = x->rows[i].id;
	}
	memset(pe, 0, sizeof(*pe));
	pe->hidden = hid;
	pe->nhidden = hid ? nh : -1;   /* out of memory: none shown */
	pe->year = c->fy;
	pe->item = (int)c->n[0];
	pe->ministry = c->code;
	pe->can = page_bits(x->acc);
	pe->can_consolidated = x->cons_write;
	pe->viewer = &x->av.viewer;
	pe->csrf = c->rq->user ? c->rq->user->csrf : NULL;
}

/* The page with status (a refused post: 400, 403, 409). */
static int show(struct ctx *c, struct store *st, const struct page_entry *pe, int status)
{
	int rc;

	buf_reset(&c->rs->body);
	rc = page_entry(st, &c->page, pe, &c->rs->body);
	rc = rt_done(c, rc, 0, T(c, "There is no such entry.", "この報告はありません。"));
	if (!rc && status != 200)
		c->rs->status = status;
	return rc;
}

/* A failed load as a response. */
static int load_failed(struct ctx *c, struct at *x, int rc, int api)
{
	at_release(x);
	if (rc == MD_ENOTFOUND)
		return api ? rt_api_error(c, 404, "no such round entry") :
			rt_html_error(c, 404, T(c, "The round has no such entry.",
						"この調査にこの報告はありません。"));
	return rt_done(c, rc, api, NULL);
}

static int not_readable(struct ctx *c, struct at *x, int api)
{
	at_release(x);
	return api ? rt_api_error(c, 403, "you may not read this entry") :
		rt_html_error(c, 403, T(c, "You may not read this entry.",
					"この報告を読む権限がありません。"));
}

int h_entry(struct ctx *c)
{
	struct at x;
	struct page_entry pe;
	int rc;

	if ((rc = load(c, c->st, &x)))
		return load_failed(c, &x, rc, 0);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 0);
	page_of(c, &x, &pe);
	rc = show(c, c->st, &pe, 200);
	at_release(&x);
	return rc;
}

int h_entry_history(struct ctx *c)
{
	struct at x;
	int rc;

	if ((rc = load(c, c->st, &x)))
		return load_failed(c, &x, rc, 0);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 0);
	rc = page_entry_history(c->st, &c->page, c->fy, (int)c->n[0], c->code, &c->rs->body);
	at_release(&x);
	return rt_done(c, rc, 0, NULL);
}

/* What a step came to. */
struct step {
	int status;            /* 200 done; else 400 403 404 409 500 */
	const char *message;   /* for the user (the page's language), or NULL */
	const char *field;     /* the field it is about, or NULL */
	int conflict;          /* a stale version: show both texts */
	long long version;     /* done: the entry's version now */
	char msg[512], fld[16];/* copies: the edit's messages live in it */
};

/* An edit's refusal as a step's status and message (in the page's
 * language: web_edit_error()). */
static void edit_outcome(struct ctx *c, struct edit *ed, int rc, struct step *s)
{
	s->field = edit_errfield(ed);
	s->message = web_edit_error(ed, c->page.en);
	switch (rc) {
	case MD_EFORBIDDEN:
		s->status = 403;
		s->message = T(c, "You may not do this with this entry.",
			       "この報告に対してこの操作をする権限がありません。");
		s->field = NULL;
		break;
	case MD_ECONFLICT:
		s->status = 409;
		s->conflict = 1;
		break;
	case MD_ENOTFOUND:
		s->status = 404;
		break;
	case MD_EINPUT:
		s->status = 400;
		break;
	default:
		s->status = 500;
		s->field = NULL;
		break;
	}
	/* the edit (and its messages) is freed before the answer is made */
	if (s->message) {
		snprintf(s->msg, sizeof(s->msg), "%s", s->message);
		s->message = s->msg;
	}
	if (s->field) {
		snprintf(s->fld, sizeof(s->fld), "%s", s->field);
		s->field = s->fld;
	}
}

/* Takes the step the form or API request asks for on x's entry, with
 * the writer connection (inside its lock). */
static void take_step(struct ctx *c, struct at *x, const char *op, struct step *s)
{
	const struct web_form *fm = c->rq->form;
	const char *ver = fm ? web_form_get(fm, "version") : NULL;
	struct edit_entry e;
	struct edit_result res;
	struct edit_auth ea;
	struct store_actor actor;
	struct edit *ed;
	int v = 0, writes, rc;

	memset(s, 0, sizeof(*s));
	memset(&e, 0, sizeof(e));
	if (!op || (strcmp(op, "save") && strcmp(op, "submit") && strcmp(op, "return") &&
		    strcmp(op, "accept"))) {
		/* an op that is no step of an entry: refused like any other
		 * combination that may not be done */
		s->status = 403;
		s->message = T(c, "op: expected save, submit, return or accept.",
			       "op は save、submit、return、accept のいずれかです。");
		return;
	}
	writes = !strcmp(op, "save") || !strcmp(op, "submit");
	/* the server decides from the session: the URL's entry, never a field */
	if (!(x->acc & (writes ? AUTH_ENTRY_WRITE : AUTH_ENTRY_REVIEW))) {
		s->status = 403;
		s->message = writes ?
			T(c, "Only the editors of this entry's ministry save and submit it.",
			  "この報告を保存・提出できるのは、担当府省の編集者だけです。") :
			T(c, "Only the secretariat returns and accepts entries.",
			  "報告の差戻しと受理は事務局だけが行えます。");
		return;
	}
	if (writes && strcmp(x->round->state, "open")) {
		s->status = 409;
		s->message = T(c, "This round is closed: its entries take no changes until the "
			       "secretariat reopens it.", "この調査は締め切られています。"
			       "事務局が再開するまで報告は変更できません。");
		return;
	}
	if (!ver || num_parse_int(ver, 1, 1000000000, &v)) {
		s->status = 400;
		s->field = "version";
		s->message = T(c, "The form's version is missing or not valid; reload the page.",
			       "フォームの版が正しくありません。ページを読み込み直してください。");
		return;
	}
	e.id = x->e->id;
	e.version = v;
	if (!strcmp(op, "save"))
		e.op = EDIT_ENTRY_SAVE;
	else if (!strcmp(op, "submit"))
		e.op = EDIT_ENTRY_SUBMIT;
	else if (!strcmp(op, "return"))
		e.op = EDIT_ENTRY_RETURN;
	else
		e.op = EDIT_ENTRY_ACCEPT;
	if (writes) {
		e.results = web_form_get(fm, "results");
		e.plans = web_form_get(fm, "plans");
	} else if (e.op == EDIT_ENTRY_RETURN) {
		const char *f = web_form_get(fm, "field");

		e.reason = web_form_get(fm, "reason");
		e.field = f && *f ? f : NULL;
	}
	if (!(ed = rt_edit_new(c, &ea, &actor))) {
		s->status = 500;
		return;
	}
	rc = edit_entry(ed, &actor, &e, &res);
	if (rc) {
		edit_outcome(c, ed, rc, s);
		/* a save of what is stored already: nothing to do */
		if (edit_errwhy(ed) == EDIT_WHY_UNCHANGED) {
			memset(s, 0, sizeof(*s));
			s->status = 200;
			s->version = x->e->version;
		}
	} else {
		s->status = 200;
		s->version = res.version;
	}
	edit_free(ed);
}

/* After a refused post: the page again, with the message and what was
 * typed (reloaded, so a 409 shows what is stored now). */
static int refused(struct ctx *c, struct at *x, const struct step *s, int comment)
{
	const struct web_form *fm = c->rq->form;
	struct page_entry pe;
	int rc;

	if (s->status == 404 || s->status == 500) {
		at_release(x);
		return s->status == 404 ? rt_html_error(c, 404, NULL) : rt_done(c, MD_EDB, 0, NULL);
	}
	at_release(x);
	if ((rc = load(c, c->wst, x)))
		return load_failed(c, x, rc, 0);
	page_of(c, x, &pe);
	pe.error = s->message ? s->message : T(c, "Not saved.", "保存できませんでした。");
	pe.error_field = s->field;
	pe.conflict = s->conflict;
	if (comment) {
		pe.comment = web_form_get(fm, "text");
	} else {
		pe.results = web_form_get(fm, "results");
		pe.plans = web_form_get(fm, "plans");
		pe.reason = web_form_get(fm, "reason");
		pe.field = web_form_get(fm, "field");
	}
	rc = show(c, c->wst, &pe, s->status);
	at_release(x);
	return rc;
}

int h_entry_post(struct ctx *c)
{
	struct at x;
	struct step s;
	int rc;

	if ((rc = load(c, c->wst, &x)))
		return load_failed(c, &x, rc, 0);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 0);
	take_step(c, &x, web_form_get(c->rq->form, "op"), &s);
	if (s.status != 200)
		return refused(c, &x, &s, 0);
	rc = rt_see_other(c, path_of(c, &x, ""));
	at_release(&x);
	return rc;
}

int h_entry_comment(struct ctx *c)
{
	struct at x;
	struct step s;
	struct edit_result res;
	struct edit_auth ea;
	struct store_actor actor;
	struct edit *ed;
	int rc;

	if ((rc = load(c, c->wst, &x)))
		return load_failed(c, &x, rc, 0);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 0);
	memset(&s, 0, sizeof(s));
	if (!(x.acc & AUTH_ENTRY_COMMENT)) {
		s.status = 403;
		s.message = T(c, "Only reviewers and the secretariat comment on entries.",
			      "報告にコメントできるのは、検討会の委員と事務局だけです。");
		return refused(c, &x, &s, 1);
	}
	if (!(ed = rt_edit_new(c, &ea, &actor))) {
		at_release(&x);
		return rt_done(c, MD_ENOMEM, 0, NULL);
	}
	rc = edit_entry_comment(ed, &actor, x.e->id, web_form_get(c->rq->form, "text"), &res);
	if (rc) {
		edit_outcome(c, ed, rc, &s);
		edit_free(ed);
		return refused(c, &x, &s, 1);
	}
	edit_free(ed);
	rc = rt_see_other(c, path_of(c, &x, ""));
	at_release(&x);
	return rc;
}

/* ---- the API ---- */

static int entry_answer(struct ctx *c, struct store *st, struct at *x, int status,
			const char *message)
{
	const char *may[5];
	int n = 0, rc;

	if (x->acc & AUTH_ENTRY_WRITE) {
		may[n++] = "save";
		may[n++] = "submit";
	}
	if (x->acc & AUTH_ENTRY_REVIEW) {
		may[n++] = "return";
		may[n++] = "accept";
	}
	if (x->acc & AUTH_ENTRY_COMMENT)
		may[n++] = "comment";
	buf_reset(&c->rs->body);
	c->rs->ctype = RT_JSON;
	rc = report_round_entry_json(st, x->e, (x->acc & AUTH_ENTRY_COMMENTS) ? &x->av.viewer : NULL,
				     may, n, status, message, &c->rs->body);
	rc = rt_done(c, rc, 1, NULL);
	if (!rc)
		c->rs->status = status;
	return rc;
}

int a_round_entries(struct ctx *c)
{
	struct store_filter f;
	struct store_round_entry_row *rows;
	struct store_round_row *r;
	struct arena *a = arena_new();
	unsigned char *keep;
	int n, nr, i, rc;

	if (!a)
		return rt_done(c, MD_ENOMEM, 1, NULL);
	memset(&f, 0, sizeof(f));
	f.year = c->fy;
	if ((rc = store_load_round(c->st, &f, a, &r, &nr)) || !nr) {
		arena_free(a);
		return rc ? rt_done(c, rc, 1, NULL) : rt_api_error(c, 404, "no round that year");
	}
	if ((rc = store_load_round_entry(c->st, &f, a, &rows, &n)) ||
	    !(keep = arena_alloc(a, (size_t)n + 1))) {
		arena_free(a);
		return rt_done(c, rc ? rc : MD_ENOMEM, 1, NULL);
	}
	for (i = 0; i < n; i++)
		keep[i] = (access_of(c, rows, n, i) & AUTH_ENTRY_READ) != 0;
	rc = report_round_entries_json(rows, n, keep, &c->rs->body);
	arena_free(a);
	return rt_done(c, rc, 1, NULL);
}

int a_entry(struct ctx *c)
{
	struct at x;
	int rc;

	if ((rc = load(c, c->st, &x)))
		return load_failed(c, &x, rc, 1);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 1);
	rc = entry_answer(c, c->st, &x, 200, NULL);
	at_release(&x);
	return rc;
}

int a_entry_post(struct ctx *c)
{
	struct at x;
	struct step s;
	int rc;

	if ((rc = load(c, c->wst, &x)))
		return load_failed(c, &x, rc, 1);
	if (!(x.acc & AUTH_ENTRY_READ))
		return not_readable(c, &x, 1);
	c->page.en = 1;   /* the API speaks English */
	take_step(c, &x, c->rq->form ? web_form_get(c->rq->form, "op") : NULL, &s);
	if (s.status == 403 || s.status == 404 || s.status == 500) {
		at_release(&x);
		return rt_api_error(c, s.status, s.message ? s.message : "failed");
	}
	/* the entry as it is now, with the error when refused */
	at_release(&x);
	if ((rc = load(c, c->wst, &x)))
		return load_failed(c, &x, rc, 1);
	rc = entry_answer(c, c->wst, &x, s.status, s.status == 200 ? NULL :
			  s.message ? s.message : "refused");
	at_release(&x);
	return rc;
}
