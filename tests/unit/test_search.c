/* Search visibility: restricted documents (kind "test", the shape of a
 * ministry's draft follow-up) are counted, ranked and shown only to the
 * viewers that may read them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report.h"
#include "store/store.h"

#define SECRET "秘匿草案語"

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

static int has_test_doc(const struct result *r)
{
	for (int i = 0; i < r->n; i++)
		if (r->hit[i].kind == STORE_KIND_TEST)
			return 1;
	return 0;
}

/* A small plan: one goal, measure and action item that mention 治験. */
static struct store *plan_db(void)
{
	struct store *st = NULL;
	struct store_loc loc = { 0, 1, 1 };
	long long plan, goal, measure, item;
	struct text_tag tag = { .n = 1 };
	int ed;

	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, &ed), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_goal_put(st, plan, 0, 1, "治験の環境整備", "x",
					"国内の治験は少ない", &loc, &goal), 0);
	assert_int_equal(store_measure_put(st, 0, goal, 1, "治験ネットワーク", "x", &loc,
					   &measure), 0);
	assert_int_equal(store_item_put(st, 0, measure, 1, "治験の支援を行う［◎厚］", "x", "",
					&loc, &item), 0);
	for (int i = 0; i < text_ministry_count(); i++)
		if (!strcmp(text_ministry_at(i)->code, "mhlw"))
			tag.ministry[0] = i;   /* 厚 */
	tag.lead[0] = 1;
	assert_int_equal(store_item_ministries(st, item, &tag), 0);
	assert_int_equal(store_commit(st), 0);
	return st;
}

static const struct store_test_doc draft = {
	.key = "fy2026-a1-meti", .fiscal_year = 2026, .owner = "ministry:meti",
	.readers = "role:secretariat", .ministries = "meti",
	.title = "令和8年度 取組1 経済産業省",
	.body = "治験の支援について、" SECRET "を含む下書き。",
};

static void put(struct store *st, const struct store_test_doc *d)
{
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_test_doc_put(st, d, NULL), 0);
	assert_int_equal(store_commit(st), 0);
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
	long missing = -1, stale = -1;

	(void)state;
	search(st, "治験", NULL, 0, NULL, 0, &before);
	assert_int_equal(before.total, 3);
	put(st, &draft);

	/* the public (NULL or no scopes) never counts or sees it */
	search(st, "治験", NULL, 0, NULL, 0, &after);
	assert_int_equal(after.total, before.total);
	assert_false(has_test_doc(&after));
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

	/* its owner and its readers do; other scopes do not */
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	assert_int_equal(total(st, SECRET, &v_sec), 1);
	assert_int_equal(total(st, SECRET, &v_two), 1);
	assert_int_equal(total(st, SECRET, &v_mhlw), 0);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	search(st, "治験", &v_meti, 0, NULL, 0, &r);
	assert_int_equal(r.total, before.total + 1);
	assert_true(has_test_doc(&r));
	/* ranked among the public hits with the same averages */
	for (int i = 0, j = 0; i < r.n; i++) {
		if (r.hit[i].kind == STORE_KIND_TEST)
			continue;
		assert_true(r.hit[i].rank == before.hit[j++].rank);
	}
	free(r.hit);
	free(before.hit);
	search(st, "治験", &v_mhlw, 0, NULL, 0, &r);
	assert_int_equal(r.total, 3);
	assert_false(has_test_doc(&r));
	free(r.hit);

	/* the filters apply to it as to any document */
	search(st, SECRET, &v_meti, STORE_KIND_TEST, "meti", 2026, &r);
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
	assert_int_equal(store_search_check(st, &missing, &stale), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(stale, 0);
	store_close(st);
}

static void visibility_follows_the_document(void **state)
{
	struct store *st = plan_db();
	const char *rev[] = { "role:reviewer" }, *meti[] = { "ministry:meti" };
	struct store_viewer v_rev = { rev, 1 }, v_meti = { meti, 1 };
	struct store_test_doc d = draft;
	long missing = -1, stale = -1;

	(void)state;
	put(st, &d);
	assert_int_equal(total(st, SECRET, &v_rev), 0);
	/* submitted: the reviewers may read it now */
	d.readers = "role:secretariat role:reviewer";
	put(st, &d);
	assert_int_equal(total(st, SECRET, &v_rev), 1);
	assert_int_equal(total(st, SECRET, NULL), 0);
	/* published: public, in the public index */
	d.owner = NULL;
	d.readers = "";
	put(st, &d);
	assert_int_equal(total(st, SECRET, NULL), 1);
	assert_int_equal(store_search_check(st, &missing, &stale), 0);
	assert_int_equal(missing + stale, 0);
	/* back to a draft: hidden again */
	put(st, &draft);
	assert_int_equal(total(st, SECRET, NULL), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);
	/* a new text replaces the old one in the index */
	d = draft;
	d.body = "書き直した本文";
	put(st, &d);
	assert_int_equal(total(st, SECRET, &v_meti), 0);
	assert_int_equal(total(st, "書き直した", &v_meti), 1);
	/* removed: gone for everyone */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_test_doc_remove(st, draft.key), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(total(st, "書き直した", &v_meti), 0);
	/* written and rolled back: never there */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_test_doc_put(st, &draft, NULL), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 1);   /* inside the transaction */
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(total(st, SECRET, &v_meti), 0);
	assert_int_equal(store_search_check(st, &missing, &stale), 0);
	assert_int_equal(missing + stale, 0);
	store_close(st);
}

static void bad_scopes_are_refused(void **state)
{
	struct store *st = plan_db();
	const char *bad[] = { "ministry:meti' OR 1" }, *upper[] = { "Ministry:METI" },
		*empty[] = { "" };
	struct store_viewer v_bad = { bad, 1 }, v_upper = { upper, 1 }, v_empty = { empty, 1 };
	struct store_search_q q = { .text = "治験", .viewer = &v_bad };
	struct store_test_doc d = draft;
	struct store_hit *hits = NULL;
	long n_total = -1;
	int n = -1;

	(void)state;
	put(st, &draft);
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	assert_null(hits);
	assert_int_equal(n_total, 0);
	q.viewer = &v_upper;
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	q.viewer = &v_empty;
	assert_int_equal(store_search(st, &q, &hits, &n, &n_total), MD_EUSAGE);
	assert_true(store_scope_valid("desk:mediso"));
	assert_false(store_scope_valid("desk mediso"));
	/* a document with a malformed owner, reader or ministry is not written */
	assert_int_equal(store_begin(st), 0);
	d.key = "other";
	d.owner = "Ministry";
	assert_int_equal(store_test_doc_put(st, &d, NULL), MD_EINPUT);
	d.owner = "ministry:meti";
	d.readers = "role:secretariat \"x\"";
	assert_int_equal(store_test_doc_put(st, &d, NULL), MD_EINPUT);
	d.readers = "";
	d.ministries = "経";
	assert_int_equal(store_test_doc_put(st, &d, NULL), MD_EINPUT);
	assert_int_equal(store_commit(st), 0);
	/* the test kind is not one a reader may ask for */
	assert_int_equal(store_kind_find("test"), 0);
	assert_string_equal(store_kind_name(STORE_KIND_TEST), "test");
	assert_int_equal(store_kind_find("indicator"), STORE_KIND_INDICATOR);
	for (int i = 0; store_kind_at(i); i++)
		assert_int_not_equal(store_kind_at(i), STORE_KIND_TEST);
	assert_int_equal(store_kind_at(5), STORE_KIND_INDICATOR);
	store_close(st);
}

static void reports_show_only_what_the_viewer_may_read(void **state)
{
	struct store *st = plan_db();
	const char *meti[] = { "ministry:meti" };
	struct store_viewer v_meti = { meti, 1 };
	struct report_search_q q = { .text = "治験" };
	struct buf pub = BUF_INIT, own = BUF_INIT, text = BUF_INIT;

	(void)state;
	put(st, &draft);
	assert_int_equal(report_search_json(st, &q, &pub), 0);
	assert_int_equal(report_search_text(st, &q, &text), 0);
	q.viewer = &v_meti;
	assert_int_equal(report_search_json(st, &q, &own), 0);
	assert_null(strstr(pub.ptr, SECRET));
	assert_null(strstr(pub.ptr, "\"test\""));
	assert_non_null(strstr(pub.ptr, "\"total\": 3"));
	assert_null(strstr(text.ptr, SECRET));
	assert_non_null(strstr(own.ptr, "<mark>治験</mark>の支援について、" SECRET));
	assert_non_null(strstr(own.ptr, "\"total\": 4"));
	buf_release(&pub);
	buf_release(&own);
	buf_release(&text);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hidden_from_public_and_wrong_scopes),
		cmocka_unit_test(visibility_follows_the_document),
		cmocka_unit_test(bad_scopes_are_refused),
		cmocka_unit_test(reports_show_only_what_the_viewer_may_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
