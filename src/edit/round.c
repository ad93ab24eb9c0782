/*
 * The yearly follow-up round (フォローアップ調査): opening, closing and
 * reopening a round, the steps of an entry, comments, and publication.
 * Every call takes edit.c's steps (edit.h): validate, read, authorize,
 * compare versions, check the state, write in one run, record, commit.
 */
#include <stdio.h>
#include <string.h>

#include "../import/import.h"
#include "internal.h"

/* YYYY-MM-DD naming a real day */
static int valid_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static int check_year(struct edit *ed, int year)
{
	return year < 2000 || year > 2200 ?
		edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ROUND_YEAR,
				"year", "%d: a fiscal year is 2000 to 2200", year) : 0;
}

/* The year's round, if any (*found 0 when none). */
static int load_round(struct edit *ed, int year, struct store_round_row *out, int *found)
{
	struct store_filter f;
	struct store_round_row *r;
	int n, rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round(ed->st, &f, ed->a, &r, &n)))
		return edit_store_fail(ed, rc, NULL);
	*found = n > 0;
	if (n)
		*out = r[0];
	return 0;
}

static void round_target(struct edit *ed, struct edit_target *t, enum edit_op op,
			 int year, long long id, long long version)
{
	memset(t, 0, sizeof(*t));
	t->op = op;
	t->table = "round";
	t->id = id;
	t->version = version;
	t->year = year;
	t->ref = arena_printf(ed->a, "round:%d", year);
}

int edit_round_open(struct edit *ed, const struct store_actor *actor,
		    const struct edit_round *c, struct edit_result *res)
{
	struct store_round_row r;
	struct edit_target t;
	struct buf who = BUF_INIT;
	const char *days;
	long long plan, id;
	long n = 0;
	int rc, found;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_year(ed, c->year)) ||
	    (rc = edit_remind_days_norm(ed, c->remind_days, &days)))
		goto out;
	if (!valid_date(c->deadline)) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_DATE,
			       "deadline", "%s: give the deadline as "
			       "YYYY-MM-DD (e.g. 2027-01-31)", c->deadline ? c->deadline : "none");
		goto out;
	}
	if ((rc = edit_begin(ed)) || (rc = load_round(ed, c->year, &r, &found)))
		goto out;
	round_target(ed, &t, EDIT_ROUND_OPEN, c->year, found ? r.id : 0,
		     found ? r.version : 0);
	t.detail = arena_printf(ed->a, "deadline=%s%s%s", c->deadline, *days ?
				"\nremind_days=" : "", days);
	if ((rc = edit_authorize(ed, actor, &t)))
		goto out;
	if (found) {
		rc = c->version == 0 ?
			edit_check_version(ed, t.ref, 0, 1, r.version) :
			edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ROUND_EXISTS,
				  NULL, "the FY%d round exists already (%s, "
				  "deadline %s): reopen it instead", c->year, r.state, r.deadline);
		goto out;
	}
	if ((rc = edit_check_version(ed, t.ref, c->version, 0, 0)))
		goto out;
	if ((rc = store_plan_for_year(ed->st, c->year, &plan))) {
		rc = edit_store_fail(ed, rc, "year");
		if (rc == MD_ENOTFOUND)
			ed->why = EDIT_WHY_ROUND_EMPTY;   /* no plan: nothing to report on */
		goto out;
	}
	store_actor_format(actor, &who);
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_fiscal_year_put(ed->st, c->year)) ||
	    (rc = store_round_put(ed->st, c->year, plan, c->deadline, "open", days,
				  who.ptr, &id)) ||
	    (rc = store_round_entries(ed->st, id, &n))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	if (!n) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ROUND_EMPTY,
			       "year", "the plan in force for FY%d has no "
			       "action item with a ministry: nothing to report on", c->year);
		goto out;
	}
	t.detail = arena_printf(ed->a, "deadline=%s%s%s\nentries=%ld", c->deadline,
				*days ? "\nremind_days=" : "", days, n);
	if ((rc = edit_commit(ed, actor, &t, id, 1, res)))
		goto out;
	buf_printf(&ed->note, "%ld entries", n);
	res->note = ed->note.ptr;
out:
	buf_release(&who);
	return edit_end(ed, rc);
}

/* The year's round, which must exist (MD_ENOTFOUND). */
static int existing_round(struct edit *ed, int year, struct store_round_row *out)
{
	int rc, found;

	if ((rc = load_round(ed, year, out, &found)))
		return rc;
	return found ? 0 : edit_fail_why(ed, MD_ENOTFOUND, EDIT_WHY_NO_ROUND, "year",
					 "there is no FY%d round (open it first)", year);
}

/* Writes the round of t (authorized, versions checked) with deadline,
 * state and reminder days (NULL keeps them) in one run and commits. */
static int change_round(struct edit *ed, const struct store_actor *actor,
			const struct edit_target *t, const char *deadline, const char *state,
			const char *days, struct edit_result *res)
{
	struct store_filter f;
	struct store_round_row *now;
	int rc, n;

	if ((rc = edit_run(ed, actor)) ||
	    (rc = store_round_put(ed->st, t->year, 0, deadline, state, days, "", NULL)))
		return rc == MD_EDB || rc == MD_ENOMEM || rc == MD_EUSAGE ?
			edit_store_fail(ed, rc, NULL) : rc;
	memset(&f, 0, sizeof(f));
	f.year = t->year;
	if ((rc = store_load_round(ed->st, &f, ed->a, &now, &n)) || n != 1)
		return edit_store_fail(ed, rc ? rc : MD_EDB, NULL);
	return edit_commit(ed, actor, t, t->id, now[0].version, res);
}

/* close (to "closed") and reopen (to "open") */
static int round_state(struct edit *ed, const struct store_actor *actor,
		       const struct edit_round *c, enum edit_op op, const char *to,
		       struct edit_result *res)
{
	struct store_round_row r;
	struct edit_target t;
	const char *deadline;
	int rc;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_year(ed, c->year)))
		goto out;
	if (c->deadline && !valid_date(c->deadline)) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_DATE,
			       "deadline", "%s: give the deadline as "
			       "YYYY-MM-DD (e.g. 2027-01-31)", c->deadline);
		goto out;
	}
	if ((rc = edit_begin(ed)) || (rc = existing_round(ed, c->year, &r)))
		goto out;
	round_target(ed, &t, op, c->year, r.id, r.version);
	deadline = c->deadline ? c->deadline : r.deadline;
	t.detail = arena_printf(ed->a, "state=%s\ndeadline=%s", to, deadline);
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, t.ref, c->version, 1, r.version)))
		goto out;
	if (!strcmp(r.state, to) && !strcmp(r.deadline, deadline)) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ROUND_SAME,
				NULL, "the FY%d round is %s already",
			       c->year, to);
		goto out;
	}
	rc = change_round(ed, actor, &t, deadline, to, NULL, res);
out:
	return edit_end(ed, rc);
}

int edit_round_close(struct edit *ed, const struct store_actor *actor,
		     const struct edit_round *c, struct edit_result *res)
{
	return round_state(ed, actor, c, EDIT_ROUND_CLOSE, "closed", res);
}

int edit_round_reopen(struct edit *ed, const struct store_actor *actor,
		      const struct edit_round *c, struct edit_result *res)
{
	return round_state(ed, actor, c, EDIT_ROUND_REOPEN, "open", res);
}

int edit_round_remind_days(struct edit *ed, const struct store_actor *actor,
			   const struct edit_round *c, struct edit_result *res)
{
	struct store_round_row r;
	struct edit_target t;
	const char *days;
	int rc;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_year(ed, c->year)))
		goto out;
	if (!c->remind_days) {
		rc = edit_fail(ed, MD_EINPUT, "remind_days", "give the days before the "
			       "deadline, such as 14,7,1 (or none)");
		goto out;
	}
	if ((rc = edit_remind_days_norm(ed, c->remind_days, &days)) ||
	    (rc = edit_begin(ed)) || (rc = existing_round(ed, c->year, &r)))
		goto out;
	round_target(ed, &t, EDIT_ROUND_REMIND_DAYS, c->year, r.id, r.version);
	t.before = arena_printf(ed->a, "remind_days=%s", r.remind_days);
	t.after = arena_printf(ed->a, "remind_days=%s", days);
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, t.ref, c->version, 1, r.version)))
		goto out;
	if (!strcmp(r.remind_days, days)) {
		rc = edit_fail(ed, MD_EINPUT, "remind_days", "the FY%d round has %s already",
			       c->year, *days ? days : "no reminder days of its own");
		goto out;
	}
	if ((rc = change_round(ed, actor, &t, r.deadline, r.state, days, res)))
		goto out;
	buf_puts(&ed->note, *days ? days : "none");
	res->note = ed->note.ptr;
out:
	return edit_end(ed, rc);
}

static int put_blocks(struct edit *ed, long long id, const char *field, const char *text)
{
	struct store_block *b;
	int n, rc;

	if (import_text_blocks(text, strlen(text), ed->a, &b, &n))
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	if ((rc = store_blocks_put(ed->st, "round_entry", id, field, b, n)))
		return edit_store_fail(ed, rc, NULL);
	return 0;
}

static const char *entry_ref(struct edit *ed, const struct store_entry *e)
{
	return arena_printf(ed->a, "round_entry:%lld FY%d A%lld %s", e->id, e->fiscal_year,
			    e->item_no, *e->ministry ? e->ministry : "consolidated");
}

/* What the audit entry keeps of an entry's step, as "field=value" lines
 * (edit_audit_change(); a long text as its digest): the state before and
 * after (always); the return's reason and field (always for a return,
 * else when they change: an accept clears them); the re-review flag, who
 * consolidated and the texts, when they change. */
static void entry_change(struct edit *ed, struct edit_target *t, const struct store_entry *e,
			 const struct store_entry_put *p)
{
	t->before = edit_audit_line(ed, NULL, "state", e->state);
	t->after = edit_audit_line(ed, NULL, "state", p->state);
	if (t->op == EDIT_ENTRY_RETURN) {
		/* a return always says why, even when it is the last reason again */
		t->before = edit_audit_line(ed, t->before, "reason", e->return_reason);
		t->after = edit_audit_line(ed, t->after, "reason", p->return_reason);
		t->after = edit_audit_line(ed, t->after, "field", p->return_field);
	} else {
		edit_audit_change(ed, &t->before, &t->after, "reason", e->return_reason,
				  p->return_reason);
		edit_audit_change(ed, &t->before, &t->after, "field", e->return_field,
				  p->return_field);
	}
	edit_audit_change(ed, &t->before, &t->after, "flagged", e->flagged ? "1" : "0",
			  p->flagged ? "1" : "0");
	edit_audit_change(ed, &t->before, &t->after, "consolidated_by", e->consolidated_by,
			  p->consolidated_by);
	edit_audit_change(ed, &t->before, &t->after, "results", e->results, p->results);
	edit_audit_change(ed, &t->before, &t->after, "plans", e->plans, p->plans);
}

int edit_entry(struct edit *ed, const struct store_actor *actor,
	       const struct edit_entry *c, struct edit_result *res)
{
	struct store_entry e;
	struct store_entry_put p;
	struct edit_target t;
	struct buf what = BUF_INIT, who = BUF_INIT;
	const char *results = NULL, *plans = NULL, *reason = NULL, *to;
	int rc, texts, changed;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if (c->op != EDIT_ENTRY_SAVE && c->op != EDIT_ENTRY_SUBMIT &&
	    c->op != EDIT_ENTRY_RETURN && c->op != EDIT_ENTRY_ACCEPT) {
		rc = edit_fail(ed, MD_EUSAGE, NULL, "not a step of an entry");
		goto out;
	}
	if (c->version == 0 || c->version < EDIT_ANY_VERSION) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_VERSION,
			       "version", "%lld: give the version you "
			       "read (entries are made when the round opens)", c->version);
		goto out;
	}
	texts = c->results || c->plans;
	if (texts && (c->op == EDIT_ENTRY_RETURN || c->op == EDIT_ENTRY_ACCEPT)) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_REVIEW_TEXT,
			       c->results ? "results" : "plans", "the "
			       "secretariat returns or accepts an entry as it is; "
			       "its ministry changes the text");
		goto out;
	}
	if (c->op == EDIT_ENTRY_SAVE && !texts) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NOTHING,
			       NULL, "nothing to save (give the results, "
			       "the plans or both)");
		goto out;
	}
	if ((c->results && (rc = edit_typed_text(ed, "results", c->results, &results))) ||
	    (c->plans && (rc = edit_typed_text(ed, "plans", c->plans, &plans))))
		goto out;
	if (c->op == EDIT_ENTRY_RETURN) {
		if (!c->reason || (rc = edit_typed_text(ed, "reason", c->reason, &reason)) || !*reason) {
			rc = rc ? rc : edit_fail_why(ed, MD_EINPUT, EDIT_WHY_RETURN_REASON,
						 "reason", "say why the "
						 "entry goes back (the ministry reads it)");
			goto out;
		}
		if (c->field && strcmp(c->field, "results") && strcmp(c->field, "plans")) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
				       "field", "%s: the reason is about "
				       "\"results\" or \"plans\"", c->field);
			goto out;
		}
	}
	if ((rc = edit_begin(ed)))
		goto out;
	buf_printf(&what, "round entry %lld", c->id);
	rc = store_entry_get(ed->st, c->id, ed->a, &e);
	if (rc == MD_ENOTFOUND) {
		rc = c->version == EDIT_ANY_VERSION ? edit_store_fail(ed, rc, NULL) :
			edit_check_version(ed, what.ptr, c->version, 0, 0);
		if (c->version == EDIT_ANY_VERSION)
			ed->why = EDIT_WHY_NO_ENTRY;
		goto out;
	}
	if (rc) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	memset(&t, 0, sizeof(t));
	t.op = c->op;
	t.table = "round_entry";
	t.id = e.id;
	t.version = e.version;
	t.fields = (results ? EDIT_FU_RESULTS : 0) | (plans ? EDIT_FU_PLANS : 0);
	t.year = e.fiscal_year;
	t.ministries = &e.scope;
	t.ref = entry_ref(ed, &e);
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, what.ptr, c->version, 1, e.version)))
		goto out;
	if (results && !strcmp(results, e.results))
		results = NULL;
	if (plans && !strcmp(plans, e.plans))
		plans = NULL;
	changed = results || plans;
	memset(&p, 0, sizeof(p));
	p.results = results ? results : e.results;
	p.plans = plans ? plans : e.plans;
	p.flagged = e.flagged;
	p.return_reason = e.return_reason;
	p.return_field = e.return_field;
	p.consolidated_by = e.consolidated_by;
	to = e.state;
	if ((c->op == EDIT_ENTRY_SAVE || c->op == EDIT_ENTRY_SUBMIT) &&
	    strcmp(e.round_state, "open")) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ROUND_CLOSED,
			       NULL, "the FY%d round is %s: entries "
			       "take no changes until it is reopened", e.fiscal_year,
			       e.round_state);
		goto out;
	}
	switch (c->op) {
	case EDIT_ENTRY_SAVE:
		if (!changed) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_UNCHANGED,
					NULL, "the entry says this already");
			goto out;
		}
		/* nothing accepted changes silently */
		if (!strcmp(e.state, "accepted")) {
			to = "submitted";
			p.flagged = 1;
		}
		break;
	case EDIT_ENTRY_SUBMIT:
		if (!strcmp(e.state, "accepted") && changed) {
			to = "submitted";
			p.flagged = 1;
		} else if (strcmp(e.state, "draft") && strcmp(e.state, "returned")) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_ALREADY_SUBMITTED,
					NULL, "the entry is %s already", e.state);
			goto out;
		}
		to = "submitted";
		if (!*p.results) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_RESULTS_EMPTY,
				       "results", "is empty: say what was "
				       "done (実績・状況) before submitting");
			goto out;
		}
		break;
	case EDIT_ENTRY_RETURN:
		if (strcmp(e.state, "submitted") && strcmp(e.state, "accepted")) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NOT_RETURNABLE,
				       NULL, "the entry is %s: only a "
				       "submitted or accepted entry goes back", e.state);
			goto out;
		}
		to = "returned";
		p.return_reason = reason;
		p.return_field = c->field ? c->field : "";
		break;
	default:   /* EDIT_ENTRY_ACCEPT */
		if (strcmp(e.state, "submitted")) {
			rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NOT_ACCEPTABLE,
				       NULL, "the entry is %s: only a "
				       "submitted entry is accepted", e.state);
			goto out;
		}
		to = "accepted";
		p.flagged = 0;
		p.return_reason = "";
		p.return_field = "";
		break;
	}
	p.state = to;
	if (e.consolidated && changed) {
		store_actor_format(actor, &who);
		p.consolidated_by = who.ptr;
	}
	entry_change(ed, &t, &e, &p);
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_entry_put(ed->st, e.id, &p))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	if ((results && (rc = put_blocks(ed, e.id, "results", results))) ||
	    (plans && (rc = put_blocks(ed, e.id, "plans", plans))))
		goto out;
	if ((rc = store_entry_get(ed->st, e.id, ed->a, &e))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	rc = edit_commit(ed, actor, &t, e.id, e.version, res);
out:
	buf_release(&what);
	buf_release(&who);
	return edit_end(ed, rc);
}

int edit_entry_comment(struct edit *ed, const struct store_actor *actor,
		       long long entry, const char *text, struct edit_result *res)
{
	struct store_entry e;
	struct edit_target t;
	struct buf who = BUF_INIT;
	const char *body;
	long long id;
	int rc;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if (!text || (rc = edit_typed_text(ed, "text", text, &body)) || !*body) {
		rc = rc ? rc : edit_fail_why(ed, MD_EINPUT, EDIT_WHY_COMMENT_EMPTY,
				"text", "is empty");
		goto out;
	}
	if ((rc = edit_begin(ed)))
		goto out;
	if ((rc = store_entry_get(ed->st, entry, ed->a, &e))) {
		rc = edit_store_fail(ed, rc, NULL);
		if (rc == MD_ENOTFOUND)
			ed->why = EDIT_WHY_NO_ENTRY;
		goto out;
	}
	memset(&t, 0, sizeof(t));
	t.op = EDIT_ENTRY_COMMENT;
	t.table = "round_entry";
	t.id = e.id;
	t.version = e.version;
	t.year = e.fiscal_year;
	t.ministries = &e.scope;
	t.ref = entry_ref(ed, &e);
	if ((rc = edit_authorize(ed, actor, &t)))
		goto out;
	store_actor_format(actor, &who);
	if ((rc = edit_run(ed, actor)) ||
	    (rc = store_comment_add(ed->st, e.id, who.ptr, body, &id))) {
		rc = rc == MD_EDB || rc == MD_ENOMEM ? edit_store_fail(ed, rc, NULL) : rc;
		goto out;
	}
	t.detail = arena_printf(ed->a, "comment=%lld", id);
	/* the entry itself is unchanged: its version stays */
	rc = edit_commit(ed, actor, &t, id, e.version, res);
	res->created = 1;
out:
	buf_release(&who);
	return edit_end(ed, rc);
}

int edit_round_publish(struct edit *ed, const struct store_actor *actor, int year,
		       struct edit_result *res, char sha256[65])
{
	struct edit_target t;
	struct buf who = BUF_INIT;
	char hex[65];
	long long id;
	long rows;
	int rc, no;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_year(ed, year)) || (rc = edit_begin(ed)))
		goto out;
	memset(&t, 0, sizeof(t));
	t.op = EDIT_ROUND_PUBLISH;
	t.table = "edition";
	t.year = year;
	t.ref = arena_printf(ed->a, "edition:FY%d", year);
	if ((rc = edit_authorize(ed, actor, &t)))
		goto out;
	store_actor_format(actor, &who);
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_edition_publish(ed->st, year, who.ptr, &id, &no, &rows, hex))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	t.ref = arena_printf(ed->a, "edition:FY%d #%d", year, no);
	t.detail = arena_printf(ed->a, "rows=%ld\nsha256=%s", rows, hex);
	if ((rc = edit_commit(ed, actor, &t, id, no, res)))
		goto out;
	res->created = 1;
	if (sha256)
		memcpy(sha256, hex, sizeof(hex));
out:
	buf_release(&who);
	return edit_end(ed, rc);
}
