/* Search visibility: the round's entries (kind "entry", drafts of a
 * ministry's follow-up) are counted, ranked and shown only to the viewers
 * that may read them, and the index follows their text and state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/auth.h"
#include "edit/edit.h"
#include "report/report.h"
#include "store/store.h"

#define SECRET "秘匿草案語"

static const struct store_actor cli = { STORE_ACTOR_CLI, "tester" };

struct result {
	long total;
	int n;
	struct store_hit *hit;
};

static void search(struct store *st, const char *text, const struct store_viewer *v,
		   int kind, const char *ministry, int year, struct result *r)
{
	struct store_search_q q = { .text = text, .viewer = v, .kind = kind,
				    .ministry = ministry, .year = year };

	assert_int_equal(store_search(st, &q, &r->hit, &r->n, &r->total), 0);
	assert_int_equal(r->n, r->total);
}

static long total(struct store *st, const char *text, const struct store_viewer *v)
{
	struct result r;

	search(st, text, v, 0, NULL, 0, &r);
	free(r.hit);
	return r.total;
}

static int has_entry(const struct result *r)
{
	for (int i = 0; i < r->n; i++)
		if (r->hit[i].kind == STORE_KIND_ENTRY)
			return 1;
	return 0;
}

static int ministry(const char *code)
{
	for (int i = 0; i < text_ministry_count(); i++)
		if (!strcmp(text_ministry_at(i)->code, code))
			return i;
	return -1;
}

/* A small plan: one goal, measure and action item (A1 ［◎厚］) that
 * mention 治験, and two items that do not: A2 ［◎経］ and A3 ［◎厚、◎経］
 * (shared: a consolidated entry too); the FY2026 round open. */
static struct store *plan_db(void)
{
	struct store *st = NULL;
	struct store_loc loc = { 0, 1, 1 };
	long long plan, vision, goal, measure, item;
	struct store_listing listing = { .loc = { 0, 1, 1 } };
	struct text_tag tag = { .n = 1 };
	struct edit_round o = { 2026, "2027-01-31", EDIT_ANY_VERSION, NULL };
	struct edit_result r;
	struct edit *e;
	int ed;

	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, &ed), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 1, "医療の未来", "v", &loc, &vision), 0);
	assert_int_equal(store_goal_put(st, plan, 0, 1, "治験の環境整備", "x",
					"国内の治験は少ない", &loc, &goal), 0);
	listing.vision = vision;
	listing.goal = goal;
	assert_int_equal(store_listings_put(st, plan, &listing, 1), 0);
	assert_int_equal(store_measure_put(st, 0, goal, 1, "治験ネットワーク", "x", &loc,
					   &measure), 0);
	assert_int_equal(store_item_put(st, 0, measure, 1, "治験の支援を行う［◎厚］", "x", "",
					&loc, &item), 0);
	tag.ministry[0] = ministry("mhlw");   /* 厚 */
	tag.lead[0] = 1;
	assert_int_equal(store_item_ministries(st, item, &tag), 0);
	assert_int_equal(store_item_put(st, 0, measure, 2, "審査の迅速化を図る［◎経］", "x2", "",
					&loc, &item), 0);
	tag.ministry[0] = ministry("meti");
	assert_int_equal(store_item_ministries(st, item, &tag), 0);
	assert_int_equal(store_item_put(st, 0, measure, 3, "国際展開を支援する［◎厚、◎経］", "x3",
					"", &loc, &item), 0);
	tag.n = 2;
	tag.ministry[0] = ministry("mhlw");
	tag.ministry[1] = ministry("meti");
	tag.lead[1] = 1;
	assert_int_equal(store_item_ministries(st, item, &tag), 0);
	assert_int_equal(store_commit(st), 0);
	assert_non_null(e = edit_new(st));
	if (edit_round_open(e, &cli, &o, &r))
		fail_msg("round open: %s", edit_errmsg(e));
	edit_free(e);
	return st;
}

/* A step of the FY2026 entry of item no and ministry (NULL: the
 * consolidated one), as the command line takes it; rc expected. */
static void step(struct store *st, int no, const char *code, enum edit_op op,
		 const char *results, int want)
{
	struct edit *e = edit_new(st);
	struct edit_entry c;
	struct edit_result r;
	long long id;

	assert_non_null(e);
	assert_int_equal(store_entry_find(st, 2026, no, code, &id), 0);
	memset(&c, 0, sizeof(c));
	c.id = id;
	c.op = op;
	c.version = EDIT_ANY_VERSION;
	c.results = results;
	if (op == EDIT_ENTRY_SAVE)
		c.plans = "";
	if (op == EDIT_ENTRY_RETURN)
		c.reason = "数値を";
	assert_int_equal(edit_entry(e, &cli, &c, &r), want);
	edit_free(e);
}

#define DRAFT "治験の支援について、" SECRET "を含む下書き。"

static void index_ok(struct store *st)
{
	long missing = -1, stale = -1;

	assert_int_equal(store_search_check(st, &missing, &stale), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(stale, 0);
}

static void hidden_from_public_and_wrong_scopes(void **state)
{
	struct store *st = plan_db();
	const char *meti[] = { "ministry:meti" }, *mhlw[] = { "ministry:mhlw" },
		*sec[] = { "role:secretariat" }, *rev[] = { "role:reviewer" },
		*two[] = { "ministry:mhlw", "role:secretariat" };
	struct store_viewer v_meti = { meti, 1 }, v_mhlw = { mhlw, 1 }, v_sec = { sec, 1 },
		v_rev = { rev, 1 }, v_two = { two, 2 }, v_none = { NULL, 0 };
	struct result before, after, r;

	(void)state;
	/* the round's entries are empty: no documents */
	index_ok(st);
	search(st, "治験", NULL, 0, NULL, 0, &before);
	assert_int_equal(before.total, 3);
	step(st, 2, "meti", EDIT_ENTRY_SAVE, DRAFT, 0);

	/* the public (NULL or no scopes) never counts or sees it */
	search(st, "治験", NULL, 0, NULL, 0, &after);
	assert_int_equal(after.total, before.total);
	assert_false(has_entry(&after));
	/* nor does its presence move a public document's score */
	for (int i = 0; i < before.n; i++) {
		assert_int_equal(after.hit[i].kind, before.hit[i].kind);
		assert_true(after.hit[i].ref == before.hit[i].ref);
		assert_true(after.hit[i].rank == before.hit[i].rank);
	}
	free(after.hit);
	assert_int_equal(total(st, SECRET, NULL), 0);
	assert_int_equal(total(st, SECRET, &v_none), 0);
	assert_int_equal(total(st, "下書き", NULL), 0);

	/* its ministry and the secretariat do; other scopes do not */
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	assert_int_equal(total(st, SECRET, &v_sec), 1);
	assert_int_equal(total(st, SECRET, &v_two), 1);
	assert_int_equal(total(st, SECRET, &v_mhlw), 0);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	search(st, "治験", &v_meti, 0, NULL, 0, &r);
	assert_int_equal(r.total, before.total + 1);
	assert_true(has_entry(&r));
	/* ranked among the public hits with the same averages */
	for (int i = 0, j = 0; i < r.n; i++) {
		if (r.hit[i].kind == STORE_KIND_ENTRY)
			continue;
		assert_true(r.hit[i].rank == before.hit[j++].rank);
	}
	free(r.hit);
	free(before.hit);
	search(st, "治験", &v_mhlw, 0, NULL, 0, &r);
	assert_int_equal(r.total, 3);
	assert_false(has_entry(&r));
	free(r.hit);

	/* the filters apply to it as to any document */
	search(st, SECRET, &v_meti, STORE_KIND_ENTRY, "meti", 2026, &r);
	assert_int_equal(r.total, 1);
	free(r.hit);
	search(st, SECRET, &v_meti, 0, "mhlw", 0, &r);
	assert_int_equal(r.total, 0);
	free(r.hit);
	search(st, SECRET, &v_meti, 0, NULL, 2025, &r);
	assert_int_equal(r.total, 0);
	free(r.hit);
	search(st, SECRET, &v_meti, STORE_KIND_ITEM, NULL, 0, &r);
	assert_int_equal(r.total, 0);
	free(r.hit);

	/* the index agrees with the documents, hidden one included */
	index_ok(st);
	store_close(st);
}

static void visibility_follows_the_entry(void **state)
{
	struct store *st = plan_db();
	const char *rev[] = { "role:reviewer" }, *meti[] = { "ministry:meti" },
		*sec[] = { "role:secretariat" };
	struct store_viewer v_rev = { rev, 1 }, v_meti = { meti, 1 }, v_sec = { sec, 1 };
	struct store_actor as = cli;
	struct store_entry_put p = { "", "", "draft", 0, "", "", "" };
	struct edit *e;
	struct edit_result res;
	char sha[65];
	long long id;

	(void)state;
	step(st, 2, "meti", EDIT_ENTRY_SAVE, DRAFT, 0);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	/* submitted: the reviewers may read it now */
	step(st, 2, "meti", EDIT_ENTRY_SUBMIT, NULL, 0);
	assert_int_equal(total(st, SECRET, &v_rev), 1);
	assert_int_equal(total(st, SECRET, NULL), 0);
	/* returned to its ministry: not while it is being reworked */
	step(st, 2, "meti", EDIT_ENTRY_RETURN, NULL, 0);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	assert_int_equal(total(st, SECRET, &v_sec), 1);
	step(st, 2, "meti", EDIT_ENTRY_SUBMIT, NULL, 0);
	step(st, 2, "meti", EDIT_ENTRY_ACCEPT, NULL, 0);
	assert_int_equal(total(st, SECRET, &v_rev), 1);
	index_ok(st);
	/* published: the public reads the edition (the follow-up rows that
	 * publishing writes, one hit from here on), never the entry */
	assert_non_null(e = edit_new(st));
	assert_int_equal(edit_round_publish(e, &cli, 2026, &res, sha), 0);
	edit_free(e);
	{
		struct result pub;

		search(st, SECRET, NULL, 0, NULL, 0, &pub);
		assert_int_equal(pub.total, 1);
		assert_false(has_entry(&pub));
		free(pub.hit);
	}
	assert_int_equal(total(st, SECRET, &v_meti), 2);
	/* a new text replaces the old one in the index (and the accepted
	 * entry goes back to submitted): only the published text has it */
	step(st, 2, "meti", EDIT_ENTRY_SAVE, "書き直した本文", 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	assert_int_equal(total(st, SECRET, &v_sec), 1);
	assert_int_equal(total(st, "書き直した", &v_meti), 1);
	assert_int_equal(total(st, "書き直した", &v_rev), 1);
	assert_int_equal(total(st, "書き直した", NULL), 0);
	/* a refused step changes nothing: the same text again */
	step(st, 2, "meti", EDIT_ENTRY_SAVE, "書き直した本文", MD_EINPUT);
	assert_int_equal(total(st, "書き直した", &v_meti), 1);
	/* emptied: no document, gone for everyone */
	step(st, 2, "meti", EDIT_ENTRY_SAVE, "", 0);
	assert_int_equal(total(st, "書き直した", &v_meti), 0);
	assert_int_equal(total(st, "書き直した", &v_sec), 0);
	index_ok(st);
	/* written and rolled back: never there */
	assert_int_equal(store_entry_find(st, 2026, 2, "meti", &id), 0);
	p.results = DRAFT;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "edit", 0, &as), 0);
	assert_int_equal(store_entry_put(st, id, &p), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 2);   /* inside the transaction */
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);   /* the published text */
	index_ok(st);
	store_close(st);
}

static void consolidated_entry_readers(void **state)
{
	struct store *st = plan_db();
	const char *meti[] = { "ministry:meti" }, *mhlw[] = { "ministry:mhlw" },
		*mext[] = { "ministry:mext" }, *sec[] = { "role:secretariat" },
		*rev[] = { "role:reviewer" };
	struct store_viewer v_meti = { meti, 1 }, v_mhlw = { mhlw, 1 }, v_mext = { mext, 1 },
		v_sec = { sec, 1 }, v_rev = { rev, 1 };
	struct result r;

	(void)state;
	/* A3's consolidated text: both lead ministries write it */
	step(st, 3, NULL, EDIT_ENTRY_SAVE, "【厚生労働省】" SECRET "\n【経済産業省】拠点", 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	assert_int_equal(total(st, SECRET, &v_mhlw), 1);
	assert_int_equal(total(st, SECRET, &v_sec), 1);
	assert_int_equal(total(st, SECRET, &v_mext), 0);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	assert_int_equal(total(st, SECRET, NULL), 0);
	/* it belongs to both for the ministry filter */
	search(st, SECRET, &v_sec, 0, "mhlw", 0, &r);
	assert_int_equal(r.total, 1);
	free(r.hit);
	/* 厚's own entry of A3 is 厚's alone */
	step(st, 3, "mhlw", EDIT_ENTRY_SAVE, "厚の" SECRET, 0);
	assert_int_equal(total(st, SECRET, &v_mhlw), 2);
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	index_ok(st);
	store_close(st);
}

static void bad_scopes_are_refused(void **state)
{
	struct store *st = plan_db();
	const char *bad[] = { "ministry:meti' OR 1" }, *upper[] = { "Ministry:METI" },
		*empty[] = { "" };
	struct store_viewer v_bad = { bad, 1 }, v_upper = { upper, 1 }, v_empty = { empty, 1 };
	struct store_search_q q = { .text = "治験", .viewer = &v_bad };
	struct store_hit *hits = NULL;
	long n_total = -1;
	int n = -1;

	(void)state;
	step(st, 2, "meti", EDIT_ENTRY_SAVE, DRAFT, 0);
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	assert_null(hits);
	assert_int_equal(n_total, 0);
	q.viewer = &v_upper;
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	q.viewer = &v_empty;
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	assert_true(store_scope_valid("desk:mediso"));
	assert_false(store_scope_valid("desk mediso"));
	/* the kinds: "entry" may be asked for, but is not offered to all;
	 * the test kind is gone */
	assert_int_equal(store_kind_find("test"), 0);
	assert_null(store_kind_name(99));
	assert_int_equal(store_kind_find("entry"), STORE_KIND_ENTRY);
	assert_string_equal(store_kind_name(STORE_KIND_ENTRY), "entry");
	assert_int_equal(store_kind_find("indicator"), STORE_KIND_INDICATOR);
	for (int i = 0; store_kind_at(i); i++)
		assert_int_not_equal(store_kind_at(i), STORE_KIND_ENTRY);
	assert_int_equal(store_kind_at(5), STORE_KIND_INDICATOR);
	assert_int_equal(store_kind_at(6), 0);
	store_close(st);
}

static void reports_show_only_what_the_viewer_may_read(void **state)
{
	struct store *st = plan_db();
	const char *meti[] = { "ministry:meti" };
	struct store_viewer v_meti = { meti, 1 };
	struct report_search_q q = { .text = "治験" };
	struct buf pub = BUF_INIT, own = BUF_INIT, text = BUF_INIT, otext = BUF_INIT;

	(void)state;
	step(st, 2, "meti", EDIT_ENTRY_SAVE, DRAFT, 0);
	assert_int_equal(report_search_json(st, &q, &pub), 0);
	assert_int_equal(report_search_text(st, &q, &text), 0);
	q.viewer = &v_meti;
	assert_int_equal(report_search_json(st, &q, &own), 0);
	assert_int_equal(report_search_text(st, &q, &otext), 0);
	assert_null(strstr(pub.ptr, SECRET));
	assert_null(strstr(pub.ptr, "\"entry\""));
	assert_null(strstr(pub.ptr, "\"state\""));
	assert_non_null(strstr(pub.ptr, "\"total\": 3"));
	assert_null(strstr(text.ptr, SECRET));
	assert_non_null(strstr(own.ptr, "<mark>治験</mark>の支援について、" SECRET));
	assert_non_null(strstr(own.ptr, "\"total\": 4"));
	assert_non_null(strstr(own.ptr, "\"kind\": \"entry\""));
	assert_non_null(strstr(own.ptr, "\"url\": \"rounds/2026/items/2/meti/\""));
	assert_non_null(strstr(own.ptr, "\"state\": \"draft\""));
	assert_non_null(strstr(otext.ptr, "[下書き・令和8年度・取組A2・経 (作成中)]"));
	buf_release(&pub);
	buf_release(&own);
	buf_release(&text);
	buf_release(&otext);
	store_close(st);
}

/* auth_viewer(): the scopes come from the policy's read.drafts */
static void viewer_from_the_account(void **state)
{
	struct auth_user u = { .name = "x" };
	struct auth_viewer v;

	(void)state;
	auth_viewer(NULL, &v);
	assert_int_equal(v.viewer.nscopes, 0);
	u.roles = AUTH_SECRETARIAT;
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 1);
	assert_string_equal(v.viewer.scopes[0], "role:secretariat");
	u.roles = AUTH_REVIEWER;
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 1);
	assert_string_equal(v.viewer.scopes[0], "role:reviewer");
	u.roles = AUTH_EDITOR;
	u.ministries = auth_ministry_find("経") | auth_ministry_find("文");
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 2);
	assert_string_equal(v.viewer.scopes[0], "ministry:mext");
	assert_string_equal(v.viewer.scopes[1], "ministry:meti");
	for (int i = 0; i < v.viewer.nscopes; i++)
		assert_true(store_scope_valid(v.viewer.scopes[i]));
	/* no drafts: admin, desk, an editor of no ministry, a disabled account */
	u.roles = AUTH_ADMIN | AUTH_DESK;
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 0);
	u.roles = AUTH_EDITOR;
	u.ministries = 0;
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 0);
	u.roles = AUTH_SECRETARIAT;
	u.disabled = 1;
	auth_viewer(&u, &v);
	assert_int_equal(v.viewer.nscopes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hidden_from_public_and_wrong_scopes),
		cmocka_unit_test(visibility_follows_the_entry),
		cmocka_unit_test(consolidated_entry_readers),
		cmocka_unit_test(bad_scopes_are_refused),
		cmocka_unit_test(reports_show_only_what_the_viewer_may_read),
		cmocka_unit_test(viewer_from_the_account),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
