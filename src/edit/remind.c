/*
 * The round's reminders (edit.h, edit_round_remind()): which step of the
 * schedule is due today, which editors have entries not yet submitted,
 * one message each through src/mail, every message claimed in the
 * store's record before it is sent and marked ok or failed after (each in
 * its own short transaction: no write lock is held while the relay talks),
 * and audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../mail/mail.h"
#include "../text/text.h"
#include "internal.h"

int edit_remind_days(const char *s, int *days, int max, struct buf *why)
{
	int n = 0;

	if (!s || !*s) {
		if (why)
			buf_puts(why, "give the days before the deadline, such as 14,7,1");
		return -1;
	}
	while (s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char num[16];
		int d;

		/* "14, 7, 1" as a form may have it */
		while (len && *s == ' ') {
			s++;
			len--;
		}
		while (len && s[len - 1] == ' ')
			len--;
		if (!len) {
			if (why)
				buf_puts(why, "an empty day between commas: give whole days such "
					 "as 14,7,1");
			return -1;
		}
		if (len >= sizeof(num)) {
			if (why)
				buf_printf(why, "%.*s…: not a number of days (0 to %d)", 8, s,
					   EDIT_REMIND_DAY_MAX);
			return -1;
		}
		memcpy(num, s, len);
		num[len] = 0;
		if (num_parse_int(num, -1000000, 1000000, &d)) {
			if (why)
				buf_printf(why, "%s: not a whole number of days (0 to %d)", num,
					   EDIT_REMIND_DAY_MAX);
			return -1;
		}
		if (d < 0 || d > EDIT_REMIND_DAY_MAX) {
			if (why)
				buf_printf(why, "%s: %s (days before the deadline are 0 to %d)", num,
					   d < 0 ? "a reminder cannot come after the deadline" :
					   "further ahead than a round lasts", EDIT_REMIND_DAY_MAX);
			return -1;
		}
		if (n >= max) {
			if (why)
				buf_printf(why, "at most %d reminder days", max);
			return -1;
		}
		days[n++] = d;
		s = e ? e + 1 : NULL;
	}
	return n;
}

int edit_remind_days_norm(struct edit *ed, const char *s, const char **out)
{
	int days[EDIT_REMIND_DAYS_MAX], n, i, k, t;
	struct buf why = BUF_INIT, text = BUF_INIT;

	if (!s || !strcmp(s, "none") || !strcmp(s, "")) {
		*out = "";        /* not set: the server's or the command's days */
		return 0;
	}
	if ((n = edit_remind_days(s, days, EDIT_REMIND_DAYS_MAX, &why)) < 0) {
		edit_fail_why(ed, MD_EINPUT, EDIT_WHY_REMIND_DAYS, "remind_days", "%s", why.ptr);
		buf_release(&why);
		return MD_EINPUT;
	}
	/* largest first, each once */
	for (i = 1; i < n; i++) {
		for (t = days[i], k = i; k > 0 && days[k - 1] < t; k--)
			days[k] = days[k - 1];
		days[k] = t;
	}
	for (i = 0; i < n; i++) {
		if (!i || days[i] != days[i - 1])
			buf_printf(&text, "%s%d", i ? "," : "", days[i]);
	}
	*out = buf_error(&text) ? NULL : arena_strdup(ed->a, text.ptr);
	buf_release(&text);
	buf_release(&why);
	return *out ? 0 : edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
}

static void today_utc(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The step due when the deadline is left days away: "dN" for the
 * smallest N of days[] with left <= N, "overdue+K" once the deadline has
 * passed (K = 1, 8, 15, ...: a week apart), NULL when none is due yet. */
static const char *step_of(int left, const int *days, int ndays, struct arena *a)
{
	int i, best = -1;

	if (left < 0)
		return arena_printf(a, "overdue+%d", 1 + 7 * ((-left - 1) / 7));
	for (i = 0; i < ndays; i++)
		if (days[i] >= left && (best < 0 || days[i] < best))
			best = days[i];
	return best < 0 ? NULL : arena_printf(a, "d%d", best);
}

/* 1 when code is in the comma-separated list s. */
static int in_list(const char *s, const char *code)
{
	size_t n = strlen(code);

	while (s && *s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (len == n && !memcmp(s, code, n))
			return 1;
		s = e ? e + 1 : NULL;
	}
	return 0;
}

/* Whether the editor (ministries: codes) writes the entry: its own
 * ministry's, or a consolidated one of an item it leads (◎). */
static int writes(const char *ministries, const struct store_round_entry_row *e)
{
	struct text_tag tag;
	struct buf err = BUF_INIT;
	int i, yes = 0;

	if (!e->consolidated)
		return in_list(ministries, e->ministry);
	if (!text_tag_parse(e->item_ministries, strlen(e->item_ministries), &tag, &err))
		for (i = 0; i < tag.n && !yes; i++)
			yes = tag.lead[i] && in_list(ministries, text_ministry_at(tag.ministry[i])->code);
	buf_release(&err);
	return yes;
}

static const char *ministry_ja(const char *code)
{
	int i = code && *code ? text_ministry_find(code, strlen(code)) : -1;

	return i < 0 ? "取りまとめ" : text_ministry_at(i)->name_ja;
}

/* Records the outcome of one message and audits it (one transaction). */
static int record(struct edit *ed, const struct store_actor *actor, int year,
		  const struct edit_remind_msg *m, long long id, const char *mid,
		  struct arena *a)
{
	struct edit_target t;
	int rc;

	if ((rc = store_begin(ed->st)))
		return edit_store_fail(ed, rc, NULL);
	if ((rc = store_reminder_done(ed->st, id, m->status == EDIT_REMIND_SENT, mid, m->error))) {
		edit_store_fail(ed, rc, NULL);
		store_rollback(ed->st);
		return rc;
	}
	memset(&t, 0, sizeof(t));
	t.op = EDIT_ROUND_REMIND;
	t.table = "reminder";
	t.id = id;
	t.year = year;
	t.ref = arena_printf(a, "reminder:%lld FY%d %s user:%s", id, year, m->step, m->account);
	t.detail = arena_printf(a, "to=%s\nentries=%s\nstatus=%s%s%s", m->address, m->entries,
				m->status == EDIT_REMIND_SENT ? "ok" : "failed",
				m->error && *m->error ? "\nerror=" : "", m->error ? m->error : "");
	if (ed->policy.record && (rc = ed->policy.record(ed->policy.ctx, ed->st, actor, &t, 1))) {
		edit_fail(ed, rc, NULL, "recording the reminder failed: %s", md_strerror(rc));
		store_rollback(ed->st);
		return rc;
	}
	if ((rc = store_commit(ed->st))) {
		edit_store_fail(ed, rc, NULL);
		store_rollback(ed->st);
	}
	return rc;
}

static int claim(struct edit *ed, int year, const struct edit_remind_msg *m,
		 const char *day, long long retry, long long *id, int *claimed)
{
	struct store_reminder_claim c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.fiscal_year = year;
	c.step = m->step;
	c.account = m->account;
	c.address = m->address;
	c.day = day;
	c.entries = m->entries;
	c.subject = m->subject;
	c.retry = retry;
	if ((rc = store_begin(ed->st)))
		return edit_store_fail(ed, rc, NULL);
	if ((rc = store_reminder_claim(ed->st, &c, id, claimed)) || (rc = store_commit(ed->st))) {
		edit_store_fail(ed, rc, NULL);
		store_rollback(ed->st);
	}
	return rc;
}

/* The round, authorized for actor (nothing is written). */
static int authorized_round(struct edit *ed, const struct store_actor *actor, int year,
			    struct arena *a, struct store_round_row *out)
{
	struct store_filter f;
	struct store_round_row *r;
	struct edit_result er;
	struct edit_target t;
	int n, rc;

	if ((rc = edit_start(ed, actor, &er)))
		return rc;
	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = edit_begin(ed)) || (rc = store_load_round(ed->st, &f, a, &r, &n))) {
		rc = rc == MD_EDB ? edit_store_fail(ed, rc, NULL) : rc;
		return edit_end(ed, rc);
	}
	if (!n)
		return edit_end(ed, edit_fail(ed, MD_ENOTFOUND, "year", "there is no FY%d round",
					      year));
	memset(&t, 0, sizeof(t));
	t.op = EDIT_ROUND_REMIND;
	t.table = "round";
	t.id = r[0].id;
	t.version = r[0].version;
	t.year = year;
	t.ref = arena_printf(a, "round:%d", year);
	if ((rc = edit_authorize(ed, actor, &t)))
		return edit_end(ed, rc);
	*out = r[0];
	return edit_end(ed, 0);
}

int edit_round_remind(struct edit *ed, const struct store_actor *actor,
		      const struct edit_remind *r, struct arena *a,
		      struct edit_remind_result *res)
{
	struct store_round_row round;
	struct store_round_entry_row *e;
	struct store_account_row *acc;
	struct store_filter f;
	struct edit_remind_result out;
	struct buf list0 = BUF_INIT;
	char today[11];
	int ne, na, i, k, rc, left, ndays, days[EDIT_REMIND_DAYS_MAX];
	const char *from = r->from && *r->from ? r->from : "mdplan@localhost";

	memset(&out, 0, sizeof(out));
	memset(&round, 0, sizeof(round));
	if ((rc = authorized_round(ed, actor, r->year, a, &round)))
		return rc;
	if (r->today)
		snprintf(today, sizeof(today), "%s", r->today);
	else
		today_utc(today);
	if (mail_days_between(today, round.deadline, &left))
		return edit_fail(ed, MD_EINPUT, "today", "%s: give the day as YYYY-MM-DD", today);
	if (!r->dry_run && (!r->relay || !*r->relay))
		return edit_fail(ed, MD_EUSAGE, "smtp", "no SMTP relay to send through");
	if (!mail_address_ok(from))
		return edit_fail(ed, MD_EINPUT, "from", "%s: not an address to send from", from);
	out.today = arena_strdup(a, today);
	out.left = left;
	/* the round's own days, else the caller's default */
	if (round.remind_days && *round.remind_days) {
		ndays = edit_remind_days(round.remind_days, days, EDIT_REMIND_DAYS_MAX, NULL);
		if (ndays < 0)
			return edit_fail(ed, MD_EDB, "remind_days", "FY%d: the stored reminder "
					 "days '%s' do not read", r->year, round.remind_days);
		out.days = round.remind_days;
		out.round_days = 1;
	} else {
		ndays = r->ndays < EDIT_REMIND_DAYS_MAX ? r->ndays : EDIT_REMIND_DAYS_MAX;
		for (i = 0; i < ndays; i++) {
			days[i] = r->days[i];
			buf_printf(&list0, "%s%d", i ? "," : "", days[i]);
		}
		out.days = arena_strdup(a, list0.ptr);
		buf_release(&list0);
	}
	out.step = strcmp(round.state, "open") ? NULL : step_of(left, days, ndays, a);
	if (!out.step) {
		*res = out;      /* closed, or no step due yet */
		return 0;
	}
	memset(&f, 0, sizeof(f));
	f.year = r->year;
	if ((rc = store_load_round_entry(ed->st, &f, a, &e, &ne)))
		return edit_store_fail(ed, rc, NULL);
	memset(&f, 0, sizeof(f));
	if ((rc = store_load_account(ed->st, &f, a, &acc, &na)))
		return edit_store_fail(ed, rc, NULL);
	out.msg = arena_alloc(a, sizeof(*out.msg) * (size_t)(na + 1));
	if (!out.msg)
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	for (i = 0; i < na; i++) {
		const struct store_account_row *u = &acc[i];
		struct edit_remind_msg *m = &out.msg[out.n];
		struct mail_entry *me;
		struct mail_reminder mr;
		struct mail_result sent;
		struct buf subject = BUF_INIT, body = BUF_INIT, list = BUF_INIT;
		long long id = 0;
		int n = 0, claimed = 0;

		if (u->disabled || !u->roles || !in_list(u->roles, "editor") || !u->ministries ||
		    !u->email || !mail_address_ok(u->email))
			continue;
		me = arena_alloc(a, sizeof(*me) * (size_t)(ne + 1));
		if (!me)
			return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
		for (k = 0; k < ne; k++) {
			if ((strcmp(e[k].state, "draft") && strcmp(e[k].state, "returned")) ||
			    !writes(u->ministries, &e[k]))
				continue;
			me[n].item_no = e[k].item_no;
			me[n].item = e[k].item_text;
			me[n].ministry = ministry_ja(e[k].ministry);
			me[n].state = e[k].state;
			me[n].url = r->site && *r->site ?
				arena_printf(a, "%srounds/%d/items/%lld/%s/", r->site, r->year,
					     e[k].item_no, *e[k].ministry ? e[k].ministry :
					     "consolidated") : NULL;
			buf_printf(&list, "%sA%lld %s", n ? "," : "", e[k].item_no,
				   *e[k].ministry ? e[k].ministry : "consolidated");
			n++;
		}
		if (!n) {
			buf_release(&list);
			continue;         /* everything of theirs is in */
		}
		memset(&mr, 0, sizeof(mr));
		mr.to_name = u->display;
		mr.fiscal_year = r->year;
		mr.deadline = round.deadline;
		mr.today = today;
		mr.e = me;
		mr.n = n;
		mr.site = r->site;
		rc = mail_reminder(&mr, &subject, &body, NULL);
		memset(m, 0, sizeof(*m));
		m->account = u->name;
		m->address = u->email;
		m->step = out.step;
		m->nentries = n;
		m->entries = arena_strdup(a, list.ptr);
		m->subject = arena_strdup(a, subject.ptr);
		buf_release(&list);
		if (rc || buf_error(&body) || !m->entries || !m->subject) {
			buf_release(&subject);
			buf_release(&body);
			return edit_fail(ed, rc ? rc : MD_ENOMEM, NULL, "composing the reminder failed");
		}
		out.n++;
		if (r->dry_run) {
			m->status = EDIT_REMIND_DRY_RUN;
		} else if ((rc = claim(ed, r->year, m, today, r->retry, &id, &claimed))) {
			buf_release(&subject);
			buf_release(&body);
			return rc;
		} else if (!claimed) {
			m->status = EDIT_REMIND_DONE_BEFORE;
			out.skipped++;
		} else {
			const char *to[1] = { u->email };

			rc = mail_send(r->relay, from, to, 1, subject.ptr, body.ptr, &sent);
			m->status = rc ? EDIT_REMIND_FAILED : EDIT_REMIND_SENT;
			m->error = rc ? arena_strdup(a, *sent.error ? sent.error : md_strerror(rc)) : "";
			m->message_id = arena_strdup(a, sent.message_id);
			if (rc)
				out.failed++;
			else
				out.sent++;
			rc = record(ed, actor, r->year, m, id, m->message_id, a);
		}
		buf_release(&subject);
		buf_release(&body);
		if (rc)
			return rc;
	}
	*res = out;
	return 0;
}
