/*
 * The follow-up round's board (issue 14): /rounds/ (the rounds, and the
 * secretariat's form to open one) and /rounds/{fy}/ (the board; close and
 * reopen). The view comes from the session's roles, never from the
 * request: the secretariat sees everything, an editor the entries of
 * their ministries, a reviewer the submitted and accepted ones. Changes go
 * through src/edit with the accounts' policy (authorized again there,
 * audited), one transaction each; a refused one changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "../edit/edit.h"
#include "../text/text.h"
#include "internal.h"

/* The view and scope of the signed-in user; ministries in ar. */
static void board_view(struct ctx *c, struct page_board *b, struct buf *codes)
{
	const struct web_user *u = c->rq->user;

	memset(b, 0, sizeof(*b));
	if (u->roles & WEB_ROLE_SECRETARIAT) {
		b->view = PAGE_BOARD_SECRETARIAT;
	} else if (u->roles & WEB_ROLE_EDITOR) {
		b->view = PAGE_BOARD_EDITOR;
		auth_ministries_format(u->ministries, 1, codes);
		b->ministries = codes->ptr;
	} else {
		b->view = PAGE_BOARD_REVIEWER;
	}
	b->csrf = u->csrf;
}

/* A query argument that may be empty (a form's "any"): NULL then. */
static const char *arg_nonempty(struct ctx *c, const char *name)
{
	const char *s = rt_arg(c, name);

	return s && *s ? s : NULL;
}

static int arg_int(struct ctx *c, const char *name, int lo, int hi, int *v)
{
	const char *s = arg_nonempty(c, name);

	*v = 0;
	return s && num_parse_int(s, lo, hi, v) ? MD_EINPUT : 0;
}

/* The board's filters from the query; MD_EINPUT for one that is not. */
static int board_query(struct ctx *c, struct page_board_q *q)
{
	static const char *const states[] = { "draft", "submitted", "returned", "accepted" };
	const char *m = arg_nonempty(c, "ministry"), *s = arg_nonempty(c, "state");
	size_t k;

	memset(q, 0, sizeof(*q));
	if (m && !(q->ministry = text_ministry_code(m)))
		return MD_EINPUT;
	if (s) {
		for (k = 0; k < MD_ARRAY_SIZE(states) && strcmp(states[k], s); k++)
			;
		if (k == MD_ARRAY_SIZE(states))
			return MD_EINPUT;
		q->state = states[k];
	}
	if (arg_int(c, "goal", 1, 999, &q->goal) || arg_int(c, "page", 1, 1000000, &q->page))
		return MD_EINPUT;
	if ((arg_nonempty(c, "overdue") && rt_arg_bool(c, "overdue", &q->overdue)) ||
	    (arg_nonempty(c, "flagged") && rt_arg_bool(c, "flagged", &q->flagged)))
		return MD_EINPUT;
	return 0;
}

static int render(struct ctx *c, struct page_board *b, int board, int status)
{
	int rc = board ? page_board(c->st, &c->page, b, &c->rs->body) :
		page_rounds(c->st, &c->page, b, &c->rs->body);

	rc = rt_done(c, rc, 0, c->page.en ? "There is no round for this year." :
		     "この年度のフォローアップ調査はありません。");
	if (!rc && status != 200 && c->rs->status == 200)
		c->rs->status = status;
	return rc;
}

int h_rounds(struct ctx *c)
{
	struct buf codes = BUF_INIT;
	struct page_board b;
	int rc;

	board_view(c, &b, &codes);
	rc = render(c, &b, 0, 200);
	buf_release(&codes);
	return rc;
}

int h_board(struct ctx *c)
{
	struct buf codes = BUF_INIT;
	struct page_board b;
	int rc;

	board_view(c, &b, &codes);
	b.year = (int)c->n[0];
	if (b.year < 2000 || b.year > 2200) {
		rc = rt_html_error(c, 404, NULL);
	} else if (board_query(c, &b.q)) {
		rc = rt_html_error(c, 400, c->page.en ? "A filter of the board is not valid." :
				   "絞り込みの指定が正しくありません。");
	} else {
		rc = render(c, &b, 1, 200);
	}
	buf_release(&codes);
	return rc;
}

/* ---- the secretariat's changes ---- */

/* Runs one round edit as the signed-in user; 0, or the page for its
 * refusal is made (400 with the form again, 403, 404, 409). */
typedef int (*round_fn)(struct edit *ed, const struct store_actor *actor,
			const struct edit_round *r, struct edit_result *res);

static int round_edit(struct ctx *c, round_fn fn, const struct edit_round *r, int board)
{
	struct edit_auth ea;
	struct store_actor actor;
	struct edit *ed = rt_edit_new(c, &ea, &actor);
	struct edit_result res;
	struct buf codes = BUF_INIT, msg = BUF_INIT;
	struct page_board b;
	int rc, status;

	if (!ed)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	rc = fn(ed, &actor, r, &res);
	if (!rc) {
		char path[64];

		snprintf(path, sizeof(path), "rounds/%d/", r->year);
		rc = rt_see_other(c, path);
		goto out;
	}
	switch (rc) {
	case MD_EINPUT:
		status = 400;
		break;
	case MD_ENOTFOUND:
		status = board ? 404 : 400;
		break;
	case MD_ECONFLICT:
		status = 409;
		break;
	case MD_EFORBIDDEN:
		rc = rt_html_error(c, 403, c->page.en ? "You may not do this." :
				   "この操作の権限がありません。");
		goto out;
	default:
		rc = rt_done(c, rc, 0, NULL);
		goto out;
	}
	if (status == 404) {
		rc = rt_html_error(c, 404, c->page.en ? "There is no round for this year." :
				   "この年度のフォローアップ調査はありません。");
		goto out;
	}
	board_view(c, &b, &codes);
	b.year = r->year;
	b.deadline = r->deadline;
	b.remind_days = r->remind_days;
	buf_puts(&msg, msg_get(status == 409 ? MSG_BOARD_STALE : MSG_BOARD_BAD_INPUT, c->page.en));
	buf_puts(&msg, web_edit_error(ed, c->page.en));
	/* which day was wrong, said in English only (the edit's own words) */
	if (c->page.en && edit_errwhy(ed) == EDIT_WHY_REMIND_DAYS)
		buf_printf(&msg, " (%s)", edit_errmsg(ed));
	b.error = msg.ptr;
	rc = buf_error(&msg) ? rt_done(c, MD_ENOMEM, 0, NULL) : render(c, &b, board, status);
out:
	buf_release(&codes);
	buf_release(&msg);
	edit_free(ed);
	return rc;
}

/* A form's version field: absent means any (a client without the form). */
static int form_version(struct ctx *c, long long *v)
{
	const char *s = web_form_get(c->rq->form, "version");
	int n;

	*v = EDIT_ANY_VERSION;
	if (!s)
		return 0;
	if (num_parse_int(s, 0, 1000000000, &n))
		return MD_EINPUT;
	*v = n;
	return 0;
}

static int bad_form(struct ctx *c, int board, int year, const char *deadline,
		    enum edit_why why)
{
	struct buf codes = BUF_INIT, msg = BUF_INIT;
	struct page_board b;
	const struct web_form *f = c->rq->form;
	int rc;

	board_view(c, &b, &codes);
	b.year = year;
	b.deadline = deadline;
	b.remind_days = f ? web_form_get(f, "remind_days") : NULL;
	buf_puts(&msg, msg_get(MSG_BOARD_BAD_INPUT, c->page.en));
	buf_puts(&msg, web_edit_why(why, c->page.en));
	b.error = msg.ptr;
	rc = render(c, &b, board, 400);
	if (board && c->rs->status == 404)
		rc = rt_html_error(c, 400, msg.ptr);
	buf_release(&codes);
	buf_release(&msg);
	return rc;
}

int h_rounds_post(struct ctx *c)
{
	const struct web_form *f = c->rq->form;
	const char *op = f ? web_form_get(f, "op") : NULL;
	const char *year = f ? web_form_get(f, "year") : NULL;
	const char *deadline = f ? web_form_get(f, "deadline") : NULL;
	struct edit_round r;
	int fy = 0, fiscal;

	if (!op || strcmp(op, "open"))
		return bad_form(c, 0, 0, deadline, EDIT_WHY_CHOICE);
	/* 2026, or as the era writes it (令和8年度) */
	if (!year || !*year || (num_parse_int(year, 2000, 2200, &fy) &&
				(text_era_parse(year, &fy, &fiscal) || fy < 2000 || fy > 2200)))
		return bad_form(c, 0, 0, deadline, EDIT_WHY_ROUND_YEAR);
	memset(&r, 0, sizeof(r));
	r.year = fy;
	r.deadline = deadline ? deadline : "";
	/* empty: no days of its own (the server's --remind-days) */
	r.remind_days = web_form_get(f, "remind_days");
	r.version = 0;
	return round_edit(c, edit_round_open, &r, 0);
}

int h_board_post(struct ctx *c)
{
	const struct web_form *f = c->rq->form;
	const char *op = f ? web_form_get(f, "op") : NULL;
	const char *deadline = f ? web_form_get(f, "deadline") : NULL;
	struct edit_round r;
	int fy = (int)c->n[0];

	if (fy < 2000 || fy > 2200)
		return rt_html_error(c, 404, NULL);
	memset(&r, 0, sizeof(r));
	r.year = fy;
	r.deadline = deadline && *deadline ? deadline : NULL;
	if (form_version(c, &r.version))
		return bad_form(c, 1, fy, deadline, EDIT_WHY_VERSION);
	if (op && !strcmp(op, "close"))
		return round_edit(c, edit_round_close, &r, 1);
	if (op && !strcmp(op, "reopen"))
		return round_edit(c, edit_round_reopen, &r, 1);
	if (op && !strcmp(op, "remind-days")) {
		/* absent is refused by the edit; empty clears */
		r.remind_days = web_form_get(f, "remind_days");
		return round_edit(c, edit_round_remind_days, &r, 1);
	}
	/* reminders are sent by the server's schedule (serve --smtp) and
	 * `mdplan round remind`; the board shows their record */
	return bad_form(c, 1, fy, deadline, EDIT_WHY_CHOICE);
}
