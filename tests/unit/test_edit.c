/*
 * The edit layer on the real documents: the plan, the FY2025 follow-up and
 * the demo indicators (PLAN, FOLLOWUP and $top/data as tests/run.sh sets
 * them). Every refused change (stale version, invalid, forbidden, a
 * failing audit hook) is checked against a dump of the whole database
 * taken before it. An offline upload read ahead of its transaction
 * (edit_round_read(), no store) fails and succeeds exactly as one read
 * inside it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/auth.h"
#include "edit/edit.h"
#include "import/import.h"
#include "report/report.h"
#include "store/store.h"

static const struct store_actor cli = { STORE_ACTOR_CLI, "tester" };
static const struct store_actor web = { STORE_ACTOR_USER, "sato" };

static const char *path_of(const char *env, const char *rel, struct buf *b)
{
	const char *v = getenv(env), *top = getenv("top");

	buf_reset(b);
	if (v && *v)
		buf_puts(b, v);
	else
		buf_printf(b, "%s/%s", top && *top ? top : ".", rel);
	return b->ptr;
}

struct fx {
	struct store *st;
	struct edit *ed;
	struct arena *a;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct buf p = BUF_INIT;
	struct import *imp;

	assert_non_null(fx);
	assert_int_equal(store_open(":memory:", 0, &fx->st), 0);
	imp = import_new(fx->st);
	assert_non_null(imp);
	if (import_plan(imp, path_of("PLAN", "data/plan-2nd.txt", &p)) ||
	    import_followup(imp, path_of("FOLLOWUP", "data/followup-r7.tsv", &p)) ||
	    import_indicator_defs(imp, path_of("NO_SUCH_VAR", "data/indicator-defs.csv", &p)) ||
	    import_indicators(imp, path_of("NO_SUCH_VAR", "data/indicators.csv", &p)))
		fail_msg("import: %s", import_errmsg(imp));
	import_free(imp);
	buf_release(&p);
	fx->ed = edit_new(fx->st);
	fx->a = arena_new();
	assert_non_null(fx->ed);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	edit_free(fx->ed);
	arena_free(fx->a);
	store_close(fx->st);
	free(fx);
	return 0;
}

static char *dump(struct store *st)
{
	struct buf b = BUF_INIT;
	char *s;

	assert_int_equal(store_dump(st, &b), 0);
	s = buf_detach(&b, NULL);
	assert_non_null(s);
	return s;
}

/* The database still says exactly what `before` says. */
static void unchanged(struct store *st, const char *before, const char *what)
{
	char *after = dump(st);
	size_t i = 0, line = 1;

	if (strcmp(before, after)) {
		while (before[i] && before[i] == after[i])
			line += before[i++] == '\n';
		fail_msg("%s changed the database (first difference on dump line "
			 "%zu: %.120s)", what, line, after + i);
	}
	free(after);
}

/* The stored definition of code, as readers get it. */
static const struct store_indicator_row *def_of(struct fx *fx, const char *code)
{
	struct store_filter f = { .code = code };
	struct store_indicator_row *r;
	int n;

	assert_int_equal(store_load_indicator(fx->st, &f, fx->a, &r, &n), 0);
	assert_int_equal(n, 1);
	return r;
}

static long long version_of(struct fx *fx, const char *code)
{
	return def_of(fx, code)->version;
}

/* The stored value (code, year, breakdown), or NULL. */
static const struct store_ivalue_row *value_of(struct fx *fx, const char *code,
					       int year, const char *bk)
{
	struct store_filter f = { .code = code };
	struct store_ivalue_row *r;
	int i, n;

	assert_int_equal(store_load_ivalue(fx->st, &f, fx->a, &r, &n), 0);
	for (i = 0; i < n; i++) {
		if (r[i].year == year && !strcmp(r[i].breakdown, bk))
			return &r[i];
	}
	return NULL;
}

static int hist_row(void *ctx, const struct store_history_row *r)
{
	buf_printf(ctx, "%s %s %s->%s %s v%lld\n", r->tbl, r->field, r->old_value,
		   r->new_value, r->actor, r->version);
	return 0;
}

static void history_of(struct fx *fx, struct buf *b)
{
	buf_reset(b);
	assert_int_equal(store_each_history(fx->st, NULL, hist_row, b), 0);
}

/* ---- indicator definitions ---- */

static void define_creates_then_updates(void **state)
{
	struct fx *fx = *state;
	struct edit_indicator c;
	struct edit_result r;
	const struct store_indicator_row *d;
	struct buf h = BUF_INIT;

	memset(&c, 0, sizeof(c));
	c.version = 0;
	c.d.code = "G3-NEW";
	c.d.name_ja = "新しい指標";
	c.d.unit = "件";
	c.d.direction = "up";
	c.d.goal = 3;
	c.fields = EDIT_IND_NAME | EDIT_IND_UNIT | EDIT_IND_DIRECTION | EDIT_IND_GOAL;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_true(r.created && r.changed && r.version == 1 && r.id > 0);
	assert_null(r.note);
	d = def_of(fx, "G3-NEW");
	assert_string_equal(d->year_kind, "fiscal");
	assert_true(d->goal_linked && d->goal_no == 3 && d->version == 1);

	/* change two fields from the version read: the rest is kept */
	memset(&c, 0, sizeof(c));
	c.version = 1;
	c.d.code = "G3-NEW";
	c.d.unit = "人";
	c.d.has_baseline = 1;
	c.d.baseline_year = 2026;
	c.d.baseline_value = 5;
	c.d.has_target = 1;
	c.d.target_year = 2025;
	c.d.target_value = 9;
	c.fields = EDIT_IND_UNIT | EDIT_IND_BASELINE | EDIT_IND_TARGET;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_true(!r.created && r.changed && r.version == 2);
	assert_non_null(r.note);   /* target year before the baseline year */
	d = def_of(fx, "G3-NEW");
	assert_string_equal(d->unit, "人");
	assert_string_equal(d->name_ja, "新しい指標");
	assert_true(d->goal_no == 3 && !d->null.target_year && d->target_value == 9);
	assert_int_equal(d->version, 2);
	history_of(fx, &h);
	assert_string_equal(h.ptr,
		"indicator unit 件->人 cli:tester v2\n"
		"indicator baseline_year ->2026 cli:tester v2\n"
		"indicator baseline_value ->5 cli:tester v2\n"
		"indicator target_year ->2025 cli:tester v2\n"
		"indicator target_value ->9 cli:tester v2\n");

	/* the same again: nothing changes, the version stays */
	c.version = 2;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_true(!r.created && !r.changed && r.version == 2);
	/* without a version the CLI's "whatever is stored" */
	c.version = EDIT_ANY_VERSION;
	c.d.unit = "回";
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_true(r.changed && r.version == 3);
	/* an imported indicator: version 1 after the import */
	assert_int_equal(version_of(fx, "HUB-COURSES"), 1);
	buf_release(&h);
}

static void stale_version_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct edit_indicator c;
	struct edit_result r;
	char *before;

	memset(&c, 0, sizeof(c));
	c.version = 1;
	c.d.code = "HUB-COURSES";
	c.d.notes = "first";
	c.fields = EDIT_IND_NOTES;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_int_equal(r.version, 2);

	before = dump(fx->st);
	/* a second editor still holding version 1 */
	c.d.notes = "second";
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_ECONFLICT);
	assert_non_null(strstr(edit_errmsg(fx->ed), "at version 2, not 1"));
	assert_string_equal(edit_errfield(fx->ed), "version");
	unchanged(fx->st, before, "a stale define");
	/* a "new" form for a code that exists meanwhile */
	c.version = 0;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_ECONFLICT);
	assert_non_null(strstr(edit_errmsg(fx->ed), "already exists (version 2)"));
	/* a version of a definition that is not there */
	c.version = 3;
	c.d.code = "NOPE";
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_ECONFLICT);
	assert_non_null(strstr(edit_errmsg(fx->ed), "does not exist"));
	/* a version from the future is stale too */
	c.d.code = "HUB-COURSES";
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_ECONFLICT);
	unchanged(fx->st, before, "stale defines");
	free(before);
}

static void invalid_define_changes_nothing(void **state)
{
	static const struct {
		const char *code, *name, *unit, *direction, *year_kind;
		int goal, measure, rc;
		const char *field;
	} bad[] = {
		{ "bad code", "x", "件", "up", NULL, 0, 0, MD_EINPUT, "code" },
		{ "-X", "x", "件", "up", NULL, 0, 0, MD_EINPUT, "code" },
		{ "N1", "x", "件", "sideways", NULL, 0, 0, MD_EINPUT, "direction" },
		{ "N1", "x", "件", NULL, NULL, 0, 0, MD_EINPUT, "direction" },
		{ "N1", "", "件", "up", NULL, 0, 0, MD_EINPUT, "name_ja" },
		{ "N1", NULL, "件", "up", NULL, 0, 0, MD_EINPUT, "name_ja" },
		{ "N1", "x", NULL, "up", NULL, 0, 0, MD_EINPUT, "unit" },
		{ "N1", "x", "件", "up", "weekly", 0, 0, MD_EINPUT, "year_kind" },
		{ "N1", "x\ty", "件", "up", NULL, 0, 0, MD_EINPUT, "name_ja" },
		/* U+2028/2029 break the line as a reader sees it */
		{ "N1", "x\xe2\x80\xa8y", "件", "up", NULL, 0, 0, MD_EINPUT, "name_ja" },
		{ "N1", "x", "件\xe2\x80\xa9", "up", NULL, 0, 0, MD_EINPUT, "unit" },
		{ "N1", "x\xff", "件", "up", NULL, 0, 0, MD_EINPUT, "name_ja" },
		{ "N1", "x", "件", "up", NULL, 99, 0, MD_ENOTFOUND, "goal" },
		{ "N1", "x", "件", "up", NULL, 0, 998, MD_ENOTFOUND, "measure" },
		{ "HUB-COURSES", "", NULL, NULL, NULL, 0, 0, MD_EINPUT, "name_ja" },
		{ "HUB-COURSES", NULL, NULL, "left", NULL, 0, 0, MD_EINPUT, "direction" },
	};
	struct fx *fx = *state;
	char *before = dump(fx->st);
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(bad); i++) {
		struct edit_indicator c;
		struct edit_result r;

		memset(&c, 0, sizeof(c));
		c.version = EDIT_ANY_VERSION;
		c.d.code = bad[i].code;
#define GIVE(f, bit) if (bad[i].f) { c.d.f = bad[i].f; c.fields |= bit; }
		if (bad[i].name) {
			c.d.name_ja = bad[i].name;
			c.fields |= EDIT_IND_NAME;
		}
		GIVE(unit, EDIT_IND_UNIT);
		GIVE(direction, EDIT_IND_DIRECTION);
		GIVE(year_kind, EDIT_IND_YEAR_KIND);
		GIVE(goal, EDIT_IND_GOAL);
		GIVE(measure, EDIT_IND_MEASURE);
#undef GIVE
		if (edit_indicator_define(fx->ed, &cli, &c, &r) != bad[i].rc ||
		    !edit_errfield(fx->ed) || strcmp(edit_errfield(fx->ed), bad[i].field))
			fail_msg("case %zu: want %d on %s, got %s: %s", i, bad[i].rc,
				 bad[i].field, edit_errfield(fx->ed) ?
				 edit_errfield(fx->ed) : "(none)", edit_errmsg(fx->ed));
	}
	{
		/* a baseline that is not a number */
		struct edit_indicator c;
		struct edit_result r;

		memset(&c, 0, sizeof(c));
		c.version = EDIT_ANY_VERSION;
		c.d.code = "HUB-COURSES";
		c.d.has_baseline = 1;
		c.d.baseline_year = 2022;
		c.d.baseline_value = strtod("nan", NULL);
		c.fields = EDIT_IND_BASELINE;
		assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_EINPUT);
		c.d.baseline_value = 1;
		c.d.baseline_year = 1800;
		assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_EINPUT);
		assert_string_equal(edit_errfield(fx->ed), "baseline_year");
		assert_int_equal(edit_indicator_define(fx->ed, NULL, &c, &r), MD_EUSAGE);
	}
	unchanged(fx->st, before, "invalid defines");
	free(before);
}

/* ---- the policy ---- */

struct seen {
	int calls, refuse, record_rc, recorded;
	struct edit_target last;
	struct text_tag tag;
	char actor[64];
	long long new_version;
};

static int authorize(void *ctx, const struct store_actor *actor,
		     const struct edit_target *t, struct buf *why)
{
	struct seen *s = ctx;

	s->calls++;
	s->last = *t;
	if (t->ministries)
		s->tag = *t->ministries;
	snprintf(s->actor, sizeof(s->actor), "%s", actor->name);
	if (s->refuse) {
		buf_puts(why, "editors of 経 only");
		return MD_EFORBIDDEN;
	}
	return 0;
}

static int record(void *ctx, struct store *st, const struct store_actor *actor,
		  const struct edit_target *t, long long new_version)
{
	struct seen *s = ctx;

	(void)st;
	(void)actor;
	(void)t;
	s->recorded++;
	s->new_version = new_version;
	return s->record_rc;
}

static long long first_followup(struct fx *fx, struct store_followup_text *f,
				const char *ministry)
{
	long long id;

	/* the FY2025 rows are ids 1..; find one of the ministry */
	for (id = 1; id < 200; id++) {
		int i;

		if (store_followup_get(fx->st, id, fx->a, f))
			continue;
		for (i = 0; i < f->ministries.n; i++) {
			if (!strcmp(text_ministry_at(f->ministries.ministry[i])->code,
				    ministry) && *f->results)
				return id;
		}
	}
	fail_msg("no follow-up row of %s", ministry);
	return 0;
}

static void policy_refusal_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct seen seen = { 0 };
	struct edit_policy p = { authorize, record, &seen };
	struct edit_indicator c;
	struct edit_ivalue v;
	struct edit_followup f;
	struct store_followup_text fu;
	struct edit_result r;
	struct buf h = BUF_INIT;
	char *before = dump(fx->st);
	long long id = first_followup(fx, &fu, "meti");

	/* the default policy: the CLI may, a signed-in user may not */
	memset(&c, 0, sizeof(c));
	c.version = EDIT_ANY_VERSION;
	c.d.code = "HUB-COURSES";
	c.d.notes = "x";
	c.fields = EDIT_IND_NOTES;
	assert_int_equal(edit_indicator_define(fx->ed, &web, &c, &r), MD_EFORBIDDEN);
	assert_non_null(strstr(edit_errmsg(fx->ed), "user:sato"));
	unchanged(fx->st, before, "the default policy");

	edit_set_policy(fx->ed, &p);
	seen.refuse = 1;
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), MD_EFORBIDDEN);
	assert_string_equal(edit_errmsg(fx->ed), "editors of 経 only");
	assert_int_equal(seen.last.op, EDIT_INDICATOR_DEFINE);
	assert_string_equal(seen.last.code, "HUB-COURSES");
	assert_int_equal(seen.last.version, 1);
	assert_int_equal(seen.last.fields, EDIT_IND_NOTES);
	assert_int_equal(seen.last.goal, 1);

	memset(&v, 0, sizeof(v));
	v.version = EDIT_ANY_VERSION;
	v.code = "HUB-COURSES";
	v.year = 2025;
	v.value = 80;
	assert_int_equal(edit_ivalue_set(fx->ed, &web, &v, &r), MD_EFORBIDDEN);
	assert_int_equal(seen.last.op, EDIT_IVALUE_SET);
	assert_int_equal(seen.last.year, 2025);
	assert_int_equal(seen.last.id, 0);   /* a new value */

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.version = fu.version;
	f.results = "書き換え";
	assert_int_equal(edit_followup_text(fx->ed, &web, &f, &r), MD_EFORBIDDEN);
	assert_int_equal(seen.last.op, EDIT_FOLLOWUP_TEXT);
	assert_int_equal(seen.last.fields, EDIT_FU_RESULTS);
	assert_int_equal(seen.last.year, 2025);
	assert_true(seen.tag.n >= 1);
	assert_string_equal(seen.actor, "sato");
	assert_int_equal(seen.recorded, 0);
	unchanged(fx->st, before, "refused edits");

	/* the audit hook failing rolls the change back */
	seen.refuse = 0;
	seen.record_rc = MD_EDB;
	assert_int_equal(edit_followup_text(fx->ed, &web, &f, &r), MD_EDB);
	assert_int_equal(seen.recorded, 1);
	unchanged(fx->st, before, "a change whose audit entry failed");

	/* allowed: written with the user as the actor */
	seen.record_rc = 0;
	assert_int_equal(edit_followup_text(fx->ed, &web, &f, &r), 0);
	assert_true(r.changed && r.version == fu.version + 1);
	assert_int_equal(seen.new_version, r.version);
	history_of(fx, &h);
	assert_non_null(strstr(h.ptr, "->書き換え user:sato v2\n"));
	edit_set_policy(fx->ed, NULL);
	assert_int_equal(edit_followup_text(fx->ed, &web, &f, &r), MD_EFORBIDDEN);
	buf_release(&h);
	free(before);
}

/* ---- yearly values ---- */

static void value_set_and_clear(void **state)
{
	struct fx *fx = *state;
	struct edit_ivalue v;
	struct edit_result r;
	const struct store_ivalue_row *got;
	struct buf h = BUF_INIT;
	char *before;

	memset(&v, 0, sizeof(v));
	v.version = 0;
	v.code = "HUB-COURSES";
	v.year = 2025;
	v.value = 75;
	v.source = "研修実績報告";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), 0);
	assert_true(r.created && r.version == 1);
	got = value_of(fx, "HUB-COURSES", 2025, "");
	assert_non_null(got);
	assert_true(!got->null.value && got->value == 75 && got->version == 1);
	assert_string_equal(got->source, "研修実績報告");

	/* clear it: not available, with the reason; the source is kept */
	v.version = 1;
	v.clear = 1;
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "reason");
	v.reason = "集計中";
	v.source = NULL;
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), 0);
	assert_true(r.changed && r.version == 2);
	got = value_of(fx, "HUB-COURSES", 2025, "");
	assert_non_null(got);
	assert_true(got->null.value && got->version == 2);
	assert_string_equal(got->na_reason, "集計中");
	assert_string_equal(got->source, "研修実績報告");
	history_of(fx, &h);
	assert_string_equal(h.ptr,
		"indicator_value value 75.0-> cli:tester v2\n"
		"indicator_value na_reason ->集計中 cli:tester v2\n");

	/* an imported value: version 1, then stale */
	before = dump(fx->st);
	memset(&v, 0, sizeof(v));
	v.version = 2;
	v.code = "HUB-COURSES";
	v.year = 2024;
	v.value = 70;
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_ECONFLICT);
	assert_non_null(strstr(edit_errmsg(fx->ed), "at version 1, not 2"));
	v.code = "NO-SUCH";
	v.version = EDIT_ANY_VERSION;
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_ENOTFOUND);
	v.code = "HUB-COURSES";
	v.year = 1850;
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	v.year = 2024;
	v.breakdown = "種類";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	v.breakdown = "種類\x1f大\x1e地域\x1f東";   /* not sorted */
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	v.breakdown = "";
	v.value = strtod("inf", NULL);
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	/* a date (時点) must be one that exists, as the importer requires */
	v.value = 70;
	v.version = EDIT_ANY_VERSION;
	v.as_of = "2025-13-45";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "as_of");
	v.as_of = "=1+1";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	v.as_of = "<script>";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), MD_EINPUT);
	v.as_of = NULL;
	unchanged(fx->st, before, "refused value edits");
	free(before);

	/* a breakdown value names its dimensions on the indicator */
	v.value = 3;
	v.breakdown = "地域\x1f東日本";
	v.as_of = "令和7年3月31日";
	assert_int_equal(edit_ivalue_set(fx->ed, &cli, &v, &r), 0);
	assert_true(r.created);
	got = value_of(fx, "HUB-COURSES", 2024, "地域\x1f東日本");
	assert_true(got && got->value == 3 && got->version == 1);
	assert_string_equal(got->as_of, "2025-03-31");   /* stored as ISO */
	v.as_of = NULL;
	assert_string_equal(def_of(fx, "HUB-COURSES")->breakdowns, "地域");
	/* the definition did not change version for it */
	assert_int_equal(version_of(fx, "HUB-COURSES"), 1);
	buf_release(&h);
}

/* ---- follow-up text ---- */

static int block_row(void *ctx, const struct store_block_row *r)
{
	buf_printf(ctx, "%s:%s:%s\n", r->field, r->kind, r->text);
	return 0;
}

static long search_total(struct store *st, const char *text)
{
	struct store_search_q q = { .text = text };
	struct store_hit *hits = NULL;
	long total = -1;
	int n = 0;

	assert_int_equal(store_search(st, &q, &hits, &n, &total), 0);
	free(hits);
	return total;
}

static void followup_text(void **state)
{
	struct fx *fx = *state;
	struct store_followup_text fu, now;
	struct edit_followup f;
	struct edit_result r;
	struct store_filter flt = { 0 };
	struct buf b = BUF_INIT;
	long long id = first_followup(fx, &fu, "mhlw");
	char *before;

	assert_int_equal(fu.version, 1);
	assert_int_equal(search_total(fx->st, "架空の取組ゼータ"), 0);
	memset(&f, 0, sizeof(f));
	f.id = id;
	f.version = 1;
	f.results = "令和7年度は架空の取組ゼータを実施した。\r\n"
		    "・説明会を3回開催\r\n - 相談窓口を設置\r\n\r\n";
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), 0);
	assert_true(r.changed && r.version == 2 && r.id == id);
	assert_int_equal(store_followup_get(fx->st, id, fx->a, &now), 0);
	assert_string_equal(now.results, "令和7年度は架空の取組ゼータを実施した。\n"
			    "・説明会を3回開催\n - 相談窓口を設置");
	assert_string_equal(now.plans, fu.plans);   /* not given: kept */
	flt.owner = "followup";
	flt.id = id;
	assert_int_equal(store_each_block(fx->st, &flt, block_row, &b), 0);
	assert_non_null(strstr(b.ptr, "results:p:令和7年度は架空の取組ゼータを実施した。\n"
			       "results:li:説明会を3回開催\nresults:li:相談窓口を設置\n"));
	/* the search index follows in the same transaction */
	assert_int_equal(search_total(fx->st, "架空の取組ゼータ"), 1);

	/* stale, gone, invalid: nothing written */
	before = dump(fx->st);
	f.results = "別の編集";
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_ECONFLICT);
	assert_non_null(strstr(edit_errmsg(fx->ed), "at version 2, not 1"));
	f.version = 0;
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	f.version = 2;
	f.plans = "制御\x01文字";
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "plans");
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_CONTROL);
	f.plans = "C1の\xc2\x85制御文字";          /* U+0085 NEL */
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_CONTROL);
	assert_non_null(strstr(edit_errmsg(fx->ed), "U+0085"));
	/* reads "承認済み" but is stored "み済認承" reordered: refused */
	f.plans = "\xe2\x80\xae" "み済認承" "\xe2\x80\xac";
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "plans");
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_BIDI);
	f.plans = "分離\xe2\x81\xa7isolate";        /* U+2067 RLI */
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_BIDI);
	assert_non_null(strstr(edit_errmsg(fx->ed), "U+2067"));
	f.plans = NULL;
	f.results = NULL;
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
	f.results = "x";
	f.id = 999999;
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_ECONFLICT);
	f.version = EDIT_ANY_VERSION;
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_ENOTFOUND);
	{
		char *big = malloc(EDIT_TEXT_MAX + 2);

		assert_non_null(big);
		memset(big, 'a', EDIT_TEXT_MAX + 1);
		big[EDIT_TEXT_MAX + 1] = 0;
		f.id = id;
		f.results = big;
		assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), MD_EINPUT);
		free(big);
	}
	unchanged(fx->st, before, "refused follow-up edits");
	free(before);

	/* the same text again changes nothing */
	f.id = id;
	f.version = 2;
	f.results = "令和7年度は架空の取組ゼータを実施した。\n・説明会を3回開催\n - 相談窓口を設置\n";
	assert_int_equal(edit_followup_text(fx->ed, &cli, &f, &r), 0);
	assert_true(!r.changed && r.version == 2);

	/* a re-import of the table puts the document's text back, as a change */
	{
		struct import *imp = import_new(fx->st);
		struct buf p = BUF_INIT;

		assert_int_equal(import_followup(imp, path_of("FOLLOWUP",
				 "data/followup-r7.tsv", &p)), 0);
		assert_int_equal(import_summary(imp)->counts.changed, 1);
		import_free(imp);
		buf_release(&p);
	}
	assert_int_equal(store_followup_get(fx->st, id, fx->a, &now), 0);
	assert_string_equal(now.results, fu.results);
	assert_int_equal(now.version, 3);
	assert_int_equal(search_total(fx->st, "架空の取組ゼータ"), 0);
	history_of(fx, &b);
	assert_non_null(strstr(b.ptr, " import:followup "));
	assert_non_null(strstr(b.ptr, " v3\n"));
	buf_release(&b);
}

/* The accounts' policy in the hooks (edit_policy_auth): an editor of 経
 * may change a 経 row and nothing else, the secretariat the indicators,
 * the command line everything; each change is one audit entry with the
 * request's address and id, each refusal writes nothing. */
static void accounts_policy_authorizes_and_audits(void **state)
{
	struct fx *fx = *state;
	static const char pw[] = "Kx7-harbour-Lantern-92";
	struct auth_ctx admin = { NULL, "cli:tester", "", "", "", 0, NULL, NULL };
	struct edit_auth ea = { NULL, "192.0.2.9", "req-7" };
	struct auth_user_spec keizai = { "keizai", "", "", AUTH_EDITOR, 0 };
	struct auth_user_spec monka = { "monka", "", "", AUTH_EDITOR, 0 };
	struct auth_user_spec sato = { "sato", "", "", AUTH_SECRETARIAT, 0 };
	const struct store_actor as_keizai = { STORE_ACTOR_USER, "keizai" };
	const struct store_actor as_monka = { STORE_ACTOR_USER, "monka" };
	const struct store_actor as_nobody = { STORE_ACTOR_USER, "nobody" };
	struct store_audit_check chk;
	struct store_followup_text fu;
	struct edit_policy p;
	struct edit_followup f;
	struct edit_indicator c;
	struct edit_result r;
	struct buf why = BUF_INIT;
	struct auth *au = NULL;
	long long id = 0, k;
	char *before;
	int i, meti = 0, mext = 0;

	keizai.ministries = auth_ministry_find("経");
	monka.ministries = auth_ministry_find("文");
	assert_int_equal(auth_new(fx->st, NULL, &au), 0);
	assert_int_equal(auth_user_add(au, &admin, &keizai, pw), 0);
	assert_int_equal(auth_user_add(au, &admin, &monka, pw), 0);
	assert_int_equal(auth_user_add(au, &admin, &sato, pw), 0);
	ea.auth = au;
	edit_policy_auth(&p, &ea);
	edit_set_policy(fx->ed, &p);
	/* a row of 経 that 文 has no part in */
	for (k = 1; k < 200 && !id; k++) {
		if (store_followup_get(fx->st, k, fx->a, &fu))
			continue;
		for (i = meti = mext = 0; i < fu.ministries.n; i++) {
			meti |= !strcmp(text_ministry_at(fu.ministries.ministry[i])->code, "meti");
			mext |= !strcmp(text_ministry_at(fu.ministries.ministry[i])->code, "mext");
		}
		if (meti && !mext)
			id = k;
	}
	assert_true(id > 0);
	memset(&f, 0, sizeof(f));
	f.id = id;
	f.version = fu.version;
	f.results = "経の実績（書き換え）";
	memset(&c, 0, sizeof(c));
	c.version = EDIT_ANY_VERSION;
	c.d.code = "HUB-COURSES";
	c.d.notes = "secretariat note";
	c.fields = EDIT_IND_NOTES;

	before = dump(fx->st);
	assert_int_equal(edit_followup_text(fx->ed, &as_monka, &f, &r), MD_EFORBIDDEN);
	assert_non_null(strstr(edit_errmsg(fx->ed), "user:monka"));
	assert_int_equal(edit_followup_text(fx->ed, &as_nobody, &f, &r), MD_EFORBIDDEN);
	assert_int_equal(edit_indicator_define(fx->ed, &as_keizai, &c, &r), MD_EFORBIDDEN);
	unchanged(fx->st, before, "edits the accounts' policy refused");
	free(before);

	assert_int_equal(edit_followup_text(fx->ed, &as_keizai, &f, &r), 0);
	assert_int_equal(r.version, fu.version + 1);
	assert_int_equal(edit_indicator_define(fx->ed, &web, &c, &r), 0);   /* user:sato */
	c.d.notes = "from the command line";
	assert_int_equal(edit_indicator_define(fx->ed, &cli, &c, &r), 0);
	assert_int_equal(auth_user_set_disabled(au, &admin, "keizai", 1), 0);
	f.version = EDIT_ANY_VERSION;
	f.results = "もう一度";
	before = dump(fx->st);
	assert_int_equal(edit_followup_text(fx->ed, &as_keizai, &f, &r), MD_EFORBIDDEN);
	unchanged(fx->st, before, "an edit by a disabled account");
	free(before);

	/* the trail: 3 user.add, followup.text, indicator.define x2, user.disable */
	assert_int_equal(store_audit_verify(fx->st, &chk, &why), 0);
	assert_int_equal(chk.bad, 0);
	assert_int_equal(chk.entries, 7);
	{
		struct store_audit_row *rows = NULL;
		struct store_filter flt = { 0 };
		int n = 0;
		char want[64];

		flt.action = "followup";
		assert_int_equal(store_load_audit(fx->st, &flt, fx->a, &rows, &n), 0);
		assert_int_equal(n, 1);
		snprintf(want, sizeof(want), "followup:%lld", id);
		assert_string_equal(rows[0].target, want);
		assert_string_equal(rows[0].actor, "user:keizai");
		assert_string_equal(rows[0].address, "192.0.2.9");
		assert_string_equal(rows[0].request_id, "req-7");
		/* the texts before and after (a long one as its digest) */
		assert_non_null(strstr(rows[0].after, "\nresults=経の実績（書き換え）"));
		assert_null(strstr(rows[0].after, "plans="));
		assert_true(!strncmp(rows[0].before, "sha256:", 7) ||
			    (strstr(rows[0].before, "\nresults=") &&
			     strstr(rows[0].before, fu.results)));
		flt.action = "indicator.define";
		assert_int_equal(store_load_audit(fx->st, &flt, fx->a, &rows, &n), 0);
		assert_int_equal(n, 2);
		assert_string_equal(rows[0].actor, "user:sato");
		assert_string_equal(rows[0].target, "indicator:HUB-COURSES");
		assert_string_equal(rows[1].actor, "cli:tester");
	}
	edit_set_policy(fx->ed, NULL);
	auth_free(au);
	buf_release(&why);
}

/* The entry of FY2026 for item no and ministry (NULL: consolidated), and
 * its state and version now. */
static long long entry_of(struct fx *fx, int no, const char *ministry,
			  struct store_entry *e)
{
	long long id;

	assert_int_equal(store_entry_find(fx->st, 2026, no, ministry, &id), 0);
	assert_int_equal(store_entry_get(fx->st, id, fx->a, e), 0);
	return id;
}

static void round_steps(void **state)
{
	struct fx *fx = *state;
	static const char pw[] = "Kx7-harbour-Lantern-92";
	struct auth_ctx admin = { NULL, "cli:tester", "", "", "", 0, NULL, NULL };
	struct edit_auth ea = { NULL, "", "" };
	struct auth_user_spec keizai = { "keizai", "", "", AUTH_EDITOR, 0 };
	struct auth_user_spec sec = { "sec", "", "", AUTH_SECRETARIAT, 0 };
	struct auth_user_spec rev = { "rev", "", "", AUTH_REVIEWER, 0 };
	const struct store_actor as_keizai = { STORE_ACTOR_USER, "keizai" };
	const struct store_actor as_sec = { STORE_ACTOR_USER, "sec" };
	const struct store_actor as_rev = { STORE_ACTOR_USER, "rev" };
	struct edit_round o = { 2026, "2027-01-31", EDIT_ANY_VERSION, NULL };
	struct edit_policy p;
	struct edit_entry c;
	struct edit_result r;
	struct store_entry e;
	struct auth *au = NULL;
	char sha[65], *before;
	long long a6, a1;

	keizai.ministries = auth_ministry_find("経");
	assert_int_equal(auth_new(fx->st, NULL, &au), 0);
	assert_int_equal(auth_user_add(au, &admin, &keizai, pw), 0);
	assert_int_equal(auth_user_add(au, &admin, &sec, pw), 0);
	assert_int_equal(auth_user_add(au, &admin, &rev, pw), 0);
	ea.auth = au;
	edit_policy_auth(&p, &ea);
	edit_set_policy(fx->ed, &p);

	before = dump(fx->st);
	assert_int_equal(edit_round_open(fx->ed, &as_keizai, &o, &r), MD_EFORBIDDEN);
	unchanged(fx->st, before, "an editor opening a round");
	o.deadline = "2027-13-01";
	assert_int_equal(edit_round_open(fx->ed, &as_sec, &o, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "deadline");
	unchanged(fx->st, before, "a bad deadline");
	free(before);
	o.deadline = "2027-01-31";
	assert_int_equal(edit_round_open(fx->ed, &as_sec, &o, &r), 0);
	assert_non_null(strstr(r.note, "entries"));

	/* A6 is ◎厚、◎経: 経's own entry and the consolidated one */
	a6 = entry_of(fx, 6, "meti", &e);
	assert_string_equal(e.state, "draft");
	assert_int_equal(e.version, 1);
	a1 = entry_of(fx, 1, "mhlw", &e);
	memset(&c, 0, sizeof(c));
	c.id = a1;
	c.op = EDIT_ENTRY_SAVE;
	c.version = 1;
	c.results = "よその省の実績";
	before = dump(fx->st);
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), MD_EFORBIDDEN);
	unchanged(fx->st, before, "an editor writing another ministry's entry");
	assert_int_equal(edit_entry(fx->ed, &as_rev, &c, &r), MD_EFORBIDDEN);
	unchanged(fx->st, before, "a reviewer writing an entry");
	free(before);

	c.id = a6;
	c.op = EDIT_ENTRY_SUBMIT;
	c.results = "拠点を整備した。\n・伴走支援\n";
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), 0);
	assert_int_equal(r.version, 2);
	entry_of(fx, 6, "meti", &e);
	assert_string_equal(e.state, "submitted");
	/* stale, then an editor accepting: nothing written */
	before = dump(fx->st);
	c.op = EDIT_ENTRY_SAVE;
	c.results = "上書き";
	c.version = 1;
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), MD_ECONFLICT);
	assert_string_equal(edit_errfield(fx->ed), "version");
	memset(&c, 0, sizeof(c));
	c.id = a6;
	c.op = EDIT_ENTRY_ACCEPT;
	c.version = 2;
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), MD_EFORBIDDEN);
	c.op = EDIT_ENTRY_RETURN;
	assert_int_equal(edit_entry(fx->ed, &as_sec, &c, &r), MD_EINPUT);
	assert_string_equal(edit_errfield(fx->ed), "reason");
	unchanged(fx->st, before, "a stale save, an editor accepting, a return without reason");
	free(before);
	c.reason = "数値を";
	c.field = "results";
	assert_int_equal(edit_entry(fx->ed, &as_sec, &c, &r), 0);
	entry_of(fx, 6, "meti", &e);
	assert_string_equal(e.state, "returned");
	assert_string_equal(e.return_reason, "数値を");
	memset(&c, 0, sizeof(c));
	c.id = a6;
	c.op = EDIT_ENTRY_SUBMIT;
	c.version = e.version;
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), 0);
	c.op = EDIT_ENTRY_ACCEPT;
	c.version = r.version;
	assert_int_equal(edit_entry(fx->ed, &as_sec, &c, &r), 0);
	/* changed after acceptance: submitted again, flagged */
	c.op = EDIT_ENTRY_SAVE;
	c.version = r.version;
	c.results = "拠点を整備した(訂正)。";
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), 0);
	entry_of(fx, 6, "meti", &e);
	assert_string_equal(e.state, "submitted");
	assert_int_equal(e.flagged, 1);
	assert_int_equal(edit_entry_comment(fx->ed, &as_keizai, a6, "x", &r), MD_EFORBIDDEN);
	assert_int_equal(edit_entry_comment(fx->ed, &as_rev, a6, "受講者数は?", &r), 0);

	/* the consolidated text: a lead writes it; nothing accepted yet for A6 */
	entry_of(fx, 6, NULL, &e);
	memset(&c, 0, sizeof(c));
	c.id = e.id;
	c.op = EDIT_ENTRY_SUBMIT;
	c.version = e.version;
	c.results = "【厚生労働省】\n研修\n【経済産業省】\n拠点";
	assert_int_equal(edit_entry(fx->ed, &as_keizai, &c, &r), 0);
	entry_of(fx, 6, NULL, &e);
	assert_string_equal(e.consolidated_by, "user:keizai");
	assert_int_equal(edit_round_publish(fx->ed, &as_sec, 2026, &r, sha), MD_ENOTFOUND);
	memset(&c, 0, sizeof(c));
	c.id = e.id;
	c.op = EDIT_ENTRY_ACCEPT;
	c.version = e.version;
	assert_int_equal(edit_entry(fx->ed, &as_sec, &c, &r), 0);
	assert_int_equal(edit_round_publish(fx->ed, &as_keizai, 2026, &r, sha), MD_EFORBIDDEN);
	assert_int_equal(edit_round_publish(fx->ed, &as_sec, 2026, &r, sha), 0);
	assert_int_equal(r.version, 1);
	assert_int_equal(strlen(sha), 64);
	assert_int_equal(edit_round_publish(fx->ed, &as_sec, 2026, &r, sha), MD_EINPUT);
	edit_set_policy(fx->ed, NULL);
	auth_free(au);
}


/* The same upload, read inside edit_round_upload() and ahead of it. */
static int upload_both_ways(struct fx *fx, struct edit_upload *u, struct edit_upload_result *res,
			    char **msg)
{
	struct edit_upload_read rd;
	struct edit_upload_result r2;
	enum edit_why why;
	int rc, rc2;

	u->read = NULL;
	rc = edit_round_upload(fx->ed, &cli, u, fx->a, res);
	why = edit_errwhy(fx->ed);
	*msg = strdup(edit_errmsg(fx->ed));
	assert_non_null(*msg);
	/* ahead: nothing but the bytes (no struct edit, no store) */
	assert_int_equal(edit_round_read(u, fx->a, &rd), 0);
	u->read = &rd;
	rc2 = edit_round_upload(fx->ed, &cli, u, fx->a, &r2);
	u->read = NULL;
	assert_int_equal(rc2, rc);
	assert_int_equal(edit_errwhy(fx->ed), why);
	assert_string_equal(edit_errmsg(fx->ed), *msg);
	if (!rc) {
		assert_string_equal(r2.sha256, res->sha256);
		assert_string_equal(r2.digest, res->digest);
		assert_int_equal(r2.plan.n, res->plan.n);
		assert_int_equal(r2.applied, res->applied);
	}
	return rc;
}

static void upload_read_ahead(void **state)
{
	struct fx *fx = *state;
	struct edit_round o = { 2026, "2027-01-31", EDIT_ANY_VERSION, NULL };
	struct report_round_book b;
	struct edit_upload u;
	struct edit_upload_result res;
	struct edit_result r;
	struct buf x = BUF_INIT;
	char *before, *msg;

	assert_int_equal(edit_round_open(fx->ed, &cli, &o, &r), 0);
	before = dump(fx->st);
	memset(&u, 0, sizeof(u));
	u.year = 2026;
	u.ministry = "meti";
	u.name = "junk.xlsx";
	u.data = "PK\003\004junk";
	u.len = 8;
	u.apply = 1;
	/* not a workbook: the reader's words, nothing written */
	assert_int_equal(upload_both_ways(fx, &u, &res, &msg), MD_EINPUT);
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_BAD_FILE);
	assert_string_equal(edit_errfield(fx->ed), "file");
	assert_non_null(strstr(msg, "junk.xlsx: not a workbook"));
	free(msg);
	unchanged(fx->st, before, "an unreadable upload");
	/* no round that year: said before the file's fault, as always */
	u.year = 2030;
	assert_int_equal(upload_both_ways(fx, &u, &res, &msg), MD_ENOTFOUND);
	free(msg);
	u.year = 2026;
	u.ministry = "xx";
	assert_int_equal(upload_both_ways(fx, &u, &res, &msg), MD_EINPUT);
	assert_int_equal(edit_errwhy(fx->ed), EDIT_WHY_CHOICE);
	free(msg);
	unchanged(fx->st, before, "uploads to no round and of no ministry");
	/* the ministry's workbook as downloaded: every row the same */
	assert_int_equal(report_round_book_load(fx->st, 2026, "meti", fx->a, &b), 0);
	assert_int_equal(report_round_xlsx(&b, &x), 0);
	u.ministry = "meti";
	u.name = "meti.xlsx";
	u.data = x.ptr;
	u.len = x.len;
	u.apply = 0;
	assert_int_equal(upload_both_ways(fx, &u, &res, &msg), 0);
	free(msg);
	assert_int_equal(res.plan.n, b.n);
	assert_int_equal(res.plan.same, b.n);
	unchanged(fx->st, before, "a preview");
	free(before);
	buf_release(&x);
}

/* The reminder days a round or --remind-days takes, and why others are not. */
static void remind_days_parse(void **state)
{
	static const struct { const char *in; int n; const char *why; } cases[] = {
		{ "14,7,1", 3, NULL },
		{ " 14 , 7,1 ", 3, NULL },
		{ "0", 1, NULL },
		{ "366", 1, NULL },
		{ "367", -1, "367: further ahead than a round lasts" },
		{ "-3", -1, "-3: a reminder cannot come after the deadline" },
		{ "x", -1, "x: not a whole number of days" },
		{ "7.5", -1, "7.5: not a whole number of days" },
		{ "7,,1", -1, "an empty day between commas" },
		{ "7,", -1, "an empty day between commas" },
		{ "", -1, "give the days before the deadline" },
		{ "1,2,3,4,5", -1, "at most 4 reminder days" },
		{ "99999999999999999999", -1, "not a number of days" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf why = BUF_INIT;
		int days[4] = { -1, -1, -1, -1 };
		int n = edit_remind_days(cases[i].in, days, 4, &why);

		assert_int_equal(n, cases[i].n);
		if (cases[i].why)
			assert_non_null(strstr(why.ptr, cases[i].why));
		else
			assert_string_equal(why.ptr, "");
		buf_release(&why);
	}
	{
		int days[4];

		assert_int_equal(edit_remind_days(" 14 , 7,1 ", days, 4, NULL), 3);
		assert_int_equal(days[0], 14);
		assert_int_equal(days[1], 7);
		assert_int_equal(days[2], 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(remind_days_parse),
		cmocka_unit_test_setup_teardown(define_creates_then_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_version_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_define_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(policy_refusal_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(value_set_and_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(followup_text, setup, teardown),
		cmocka_unit_test_setup_teardown(accounts_policy_authorizes_and_audits, setup, teardown),
		cmocka_unit_test_setup_teardown(round_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(upload_read_ahead, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
