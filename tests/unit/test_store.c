#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "import/import.h"
#include "store/store.h"
#include "store/store_int.h"

/* count_<record>: counts the rows it is given in *(int *)ctx */
#define COUNTER(rec) \
	static int count_##rec(void *ctx, const struct store_##rec##_row *r) \
	{ \
		(void)r; \
		(*(int *)ctx)++; \
		return 0; \
	}
COUNTER(ministry)
COUNTER(vision)
COUNTER(ivalue)
COUNTER(history)

static int first_text(void *ctx, const struct store_history_row *r)
{
	struct buf *b = ctx;

	buf_puts(b, r->old_value);
	return 1;
}

static void migrates_and_seeds(void **state)
{
	struct store *st = NULL;
	int n = 0;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_schema_version(st), 18);
	assert_int_equal(store_each_ministry(st, &(struct store_filter){ .plan = 1 },
					     count_ministry, &n), 0);
	assert_int_equal(n, 6);
	store_close(st);
	store_close(NULL);
}

static const struct store_actor tester = { STORE_ACTOR_CLI, "tester" };

static void upsert_counts_and_history(void **state)
{
	struct store *st = NULL;
	struct store_counts c;
	struct store_loc loc = { 0, 10, 1 };
	struct buf old = BUF_INIT;
	long long plan, v1, v2;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "test", 0, &tester), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, NULL), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 1, "旧", "旧", &loc, &v1), 0);
	store_counts(st, &c);
	assert_int_equal(c.added, 1);
	/* same values: unchanged, even with new provenance */
	loc.line = 11;
	assert_int_equal(store_vision_put(st, plan, v1, 1, "旧", "旧", &loc, &v2), 0);
	assert_true(v1 == v2);
	store_counts(st, &c);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(c.changed, 0);
	/* a new title: changed, old one in history */
	assert_int_equal(store_vision_put(st, plan, v1, 1, "新", "新", &loc, &v2), 0);
	store_counts(st, &c);
	assert_int_equal(c.changed, 1);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_each_history(st, NULL, first_text, &old), 1);
	assert_string_equal(old.ptr, "旧");
	buf_release(&old);
	store_close(st);
}

static void rollback_leaves_nothing(void **state)
{
	struct store *st = NULL;
	long long plan, v;
	int n = 0;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, NULL), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 1, "x", "x", NULL, &v), 0);
	assert_int_equal(store_rollback(st), 0);
	/* no plan has visions now, so "latest plan" is not found */
	assert_int_equal(store_each_vision(st, NULL, count_vision, &n),
			 MD_ENOTFOUND);
	assert_int_equal(n, 0);
	store_close(st);
}

static void readonly_refuses_empty_db(void **state)
{
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open("/nonexistent-dir/x.db", STORE_READONLY, &st), MD_EDB);
	assert_non_null(strstr(store_errmsg(st), "open"));
	store_close(st);
}

static void tsv_quotes_and_lines(void **state)
{
	struct arena *a = arena_new();
	struct tsv_row *rows;
	struct tsv_error err;
	long n;
	const char *in = "a\tb\t\"c\"\"d\ne\"\n\n\t\t\nlast";

	(void)state;
	assert_int_equal(tsv_parse(in, strlen(in), a, &rows, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].n, 3);
	assert_string_equal(rows[0].f[2], "c\"d\ne");
	assert_int_equal(rows[1].line, 3);
	assert_int_equal(rows[2].n, 3);
	assert_int_equal(rows[3].line, 5);
	assert_string_equal(rows[3].f[0], "last");
	/* where each field starts: the quoted one after its quote */
	assert_int_equal(rows[0].pos[2].line, 1);
	assert_int_equal(rows[0].pos[2].col, 6);
	assert_int_equal(rows[3].pos[0].line, 5);
	assert_int_equal(rows[3].pos[0].col, 1);
	assert_int_equal(tsv_parse("x\t\"open", 7, a, &rows, &n, &err), MD_EINPUT);
	assert_int_equal(err.what, TSV_EQUOTE);
	assert_int_equal(err.at.line, 1);
	assert_int_equal(err.at.col, 3);
	arena_free(a);
}

/* Columns count characters; a field over TSV_MAX_FIELD is an error saying
 * where it starts and how long it is, never cut. */
static void tsv_positions_and_limit(void **state)
{
	struct arena *a = arena_new();
	struct tsv_row *rows;
	struct tsv_error err;
	long n;
	const char *in = "医療\t機器\t\"複数\n行\"\tあ\n\t末";
	struct buf big = BUF_INIT;
	size_t k;

	(void)state;
	assert_int_equal(tsv_parse(in, strlen(in), a, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].pos[1].col, 4);
	assert_int_equal(rows[0].pos[2].col, 8);
	assert_int_equal(rows[0].pos[3].line, 2);   /* after the cell's line break */
	assert_int_equal(rows[0].pos[3].col, 4);
	assert_int_equal(rows[1].pos[1].line, 3);
	assert_int_equal(rows[1].pos[1].col, 2);
	buf_puts(&big, "a\tb\n\t");
	for (k = 0; k <= TSV_MAX_FIELD; k++)
		buf_putc(&big, 'x');
	buf_puts(&big, "\tc\n");
	assert_int_equal(buf_error(&big), 0);
	assert_int_equal(tsv_parse(big.ptr, big.len, a, &rows, &n, &err), MD_EINPUT);
	assert_int_equal(err.what, TSV_ELONG);
	assert_int_equal(err.at.line, 2);
	assert_int_equal(err.at.col, 2);
	assert_int_equal(err.field, 2);
	assert_true(err.size == TSV_MAX_FIELD + 1);
	/* exactly at the limit is fine */
	buf_truncate(&big, big.len - 4);
	buf_puts(&big, "\tc\n");
	assert_int_equal(tsv_parse(big.ptr, big.len, a, &rows, &n, &err), 0);
	assert_true(strlen(rows[1].f[1]) == TSV_MAX_FIELD);
	buf_release(&big);
	arena_free(a);
}

static void similarity_is_dice(void **state)
{
	(void)state;
	assert_true(match_similarity("医療機器", "医療機器") == 1.0);
	assert_true(match_similarity("abcd", "wxyz") == 0.0);
	/* ab bc cd vs ab bc ce: 2 shared of 3+3 bigrams */
	assert_true(match_similarity("abcd", "abce") > 0.66 &&
		    match_similarity("abcd", "abce") < 0.67);
	assert_true(match_similarity("", "") == 1.0);
}

static long search_total(struct store *st, const char *text, int kind)
{
	struct store_search_q q = { .text = text, .kind = kind };
	struct store_hit *hits = NULL;
	long total = -1;
	int n = 0;

	assert_int_equal(store_search(st, &q, &hits, &n, &total), 0);
	assert_int_equal(n, total);
	free(hits);
	return total;
}

static void search_follows_the_transaction(void **state)
{
	struct store *st = NULL;
	struct store_loc loc = { 0, 1, 1 };
	long long plan, goal, measure, item;
	long missing = -1, stale = -1;
	int ed;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, &ed), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_goal_put(st, plan, 0, 1, "ＳａＭＤの実用化", "samdの実用化", "",
					 &loc, &goal), 0);
	assert_int_equal(store_measure_put(st, 0, goal, 1, "治験の推進", "治験の推進", &loc,
					   &measure), 0);
	assert_int_equal(store_item_put(st, 0, measure, 1, "AI研究と電子ｶﾙﾃ\nの連携", "x", "",
					&loc, &item), 0);
	/* visible inside the transaction that wrote it */
	assert_int_equal(search_total(st, "samd", 0), 1);
	assert_int_equal(search_total(st, "カルテの連携", 0), 1);
	assert_int_equal(search_total(st, "ＡＩ", STORE_KIND_ITEM), 1);
	assert_int_equal(search_total(st, "AI", STORE_KIND_GOAL), 0);
	assert_int_equal(search_total(st, "ai研", 0), 1);
	assert_int_equal(search_total(st, "治", 0), 1);
	assert_int_equal(search_total(st, "mail", 0), 0);
	assert_int_equal(search_total(st, "\"", 0), 0);
	assert_int_equal(search_total(st, " 　", 0), 0);
	assert_int_equal(store_rollback(st), 0);
	/* gone with it */
	assert_int_equal(search_total(st, "samd", 0), 0);
	assert_int_equal(search_total(st, "治", 0), 0);
	assert_int_equal(store_search_check(st, &missing, &stale), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(stale, 0);
	assert_string_equal(store_kind_name(STORE_KIND_FOLLOWUP), "followup");
	assert_int_equal(store_kind_find("measure"), STORE_KIND_MEASURE);
	assert_int_equal(store_kind_find("table"), 0);
	store_close(st);
}

static int item_nos(void *ctx, const struct store_item_row *r)
{
	buf_printf(ctx, "%lld:%s ", r->no, r->text);
	return 0;
}

static int history_line(void *ctx, const struct store_history_row *r)
{
	buf_printf(ctx, "%s|%s|%s|%s\n", r->what, r->field, r->old_value,
		   r->null.new_value ? "-" : r->new_value);
	return 0;
}

/* Rows keep their id through renumbering, retirement and restoration;
 * history names them as people do; a bad request changes nothing. */
static void identities_renumber_retire_restore(void **state)
{
	struct store *st = NULL;
	struct store_loc loc = { 0, 1, 1 };
	struct buf b = BUF_INIT;
	long long plan, goal, m1, m2, a, bb, c, id;
	int ed;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, &ed), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "plan", 0, &tester), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 1, "ビジョン", "ビジョン", &loc, &id), 0);
	assert_int_equal(store_goal_put(st, plan, 0, 1, "ゴール", "ゴール", "", &loc, &goal), 0);
	assert_int_equal(store_measure_put(st, 0, goal, 1, "施策一", "施策一", &loc, &m1), 0);
	assert_int_equal(store_measure_put(st, 0, goal, 2, "施策二", "施策二", &loc, &m2), 0);
	assert_int_equal(store_item_put(st, 0, m1, 1, "甲の取組", "甲の取組", "", &loc, &a), 0);
	assert_int_equal(store_item_put(st, 0, m1, 2, "乙の取組", "乙の取組", "", &loc, &bb), 0);
	assert_int_equal(store_item_put(st, 0, m1, 3, "丙の取組", "丙の取組", "", &loc, &c), 0);
	/* 甲 retired; 乙 and 丙 move up one: the same numbers, swapped over */
	assert_int_equal(store_retire(st, "action_item", a), 0);
	assert_int_equal(store_renumber(st, "action_item", (long long[]){ bb, c },
					(int[]){ 1, 2 }, 2), 0);
	/* a number another row holds is refused, and nothing changed */
	assert_int_not_equal(store_renumber(st, "action_item", (long long[]){ c },
					    (int[]){ 1 }, 1), 0);
	assert_int_equal(store_item_put(st, 12345, m1, 9, "無", "無", "", &loc, &id),
			 MD_ENOTFOUND);
	assert_int_equal(store_retire(st, "ministry", 1), MD_EUSAGE);
	assert_int_equal(store_retire(st, "action_item", a), MD_EUSAGE);
	/* 丙 moves to the second measure */
	assert_int_equal(store_item_put(st, c, m2, 2, "丙の取組", "丙の取組", "", &loc, &id), 0);
	assert_true(id == c);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_each_item(st, NULL, item_nos, &b), 0);
	assert_string_equal(b.ptr, "1:乙の取組 2:丙の取組 ");
	buf_reset(&b);
	assert_int_equal(store_each_item(st, &(struct store_filter){ .id = a },
					 item_nos, &b), 0);
	assert_string_equal(b.ptr, "-1:甲の取組 ");   /* retired: -id, still there */
	buf_reset(&b);
	assert_int_equal(store_each_history(st, NULL, history_line, &b), 0);
	assert_string_equal(b.ptr,
		"A1 「甲の取組」|retired|A1|-\n"
		"A2 「乙の取組」|no|2|1\n"
		"A3 「丙の取組」|no|3|2\n"
		"A2 「丙の取組」|measure_id|M1|M2\n");
	/* back again: restored, then renumbered; a change needs its actor */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_restore(st, "action_item", a), MD_EUSAGE);
	assert_int_equal(store_run_begin(st, "plan", 0, &tester), 0);
	assert_int_equal(store_restore(st, "action_item", a), 0);
	assert_int_equal(store_renumber(st, "action_item", (long long[]){ a, bb, c },
					(int[]){ 1, 2, 3 }, 3), 0);
	assert_int_equal(store_commit(st), 0);
	buf_reset(&b);
	assert_int_equal(store_each_item(st, NULL, item_nos, &b), 0);
	assert_string_equal(b.ptr, "1:甲の取組 2:乙の取組 3:丙の取組 ");
	buf_release(&b);
	store_close(st);
}

static int dims_of(void *ctx, const struct store_indicator_row *r)
{
	buf_puts(ctx, r->breakdowns);
	return 0;
}

static void indicator_values(void **state)
{
	struct store *st = NULL;
	struct store_indicator d = { 0 };
	struct store_ivalue v = { 0 };
	struct store_counts c;
	struct buf dims = BUF_INIT;
	const char *const d1[] = { "地域", "種類" }, *const d2[] = { "種類", "規模" };
	long long id, found;
	int cal = -1, n = 0;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_indicator_find(st, "K1", &found, &cal), MD_ENOTFOUND);
	assert_non_null(strstr(store_errmsg(st), "indicator define K1"));
	d.code = "K1";
	d.name_ja = "件数";
	d.unit = "件";
	d.direction = "up";
	d.year_kind = "calendar";
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "test", 0, &tester), 0);
	assert_int_equal(store_indicator_put(st, &d, &id), 0);
	/* a goal that is not there (no plan at all) */
	d.goal = 3;
	assert_int_not_equal(store_indicator_put(st, &d, NULL), 0);
	d.goal = 0;
	assert_int_equal(store_indicator_find(st, "K1", &found, &cal), 0);
	assert_true(found == id && cal == 1);
	/* dimensions are appended once each, in first-seen order */
	assert_int_equal(store_indicator_dims(st, id, d1, 2), 0);
	assert_int_equal(store_indicator_dims(st, id, d2, 2), 0);
	assert_int_equal(store_each_indicator(st, NULL, dims_of, &dims), 0);
	assert_string_equal(dims.ptr, "地域\x1f種類\x1f規模");
	/* not available needs a reason */
	v.indicator = id;
	v.year = 2024;
	v.na = 1;
	assert_int_equal(store_ivalue_put(st, &v), MD_EUSAGE);
	v.na_reason = "未集計";
	assert_int_equal(store_ivalue_put(st, &v), 0);
	/* a number replaces it in place; the old state goes to history */
	store_counts_reset(st);
	v.na = 0;
	v.value = 12.5;
	assert_int_equal(store_ivalue_put(st, &v), 0);
	store_counts(st, &c);
	assert_int_equal(c.changed, 1);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_each_ivalue(st, NULL, count_ivalue, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_each_history(st, NULL, count_history, &n), 0);
	assert_int_equal(n, 2);   /* value (NULL -> 12.5) and na_reason */
	buf_release(&dims);
	store_close(st);
}

static int history_fields(void *ctx, const struct store_history_row *r)
{
	struct buf *b = ctx;

	buf_printf(b, "%s.%s;", r->tbl, r->field);
	return 0;
}

/*
 * The statement cache never finalizes a statement that is still running.
 * A vision is stored, then m distinct other statements are prepared (puts
 * of every kind, finds, the search), then the vision's title changes: its
 * upsert steps a SELECT across history_add(), which prepares the history
 * INSERT. For some m the old 48-slot cache found that SELECT the oldest
 * entry just then and finalized it mid-step (a use after free under ASan);
 * every m must keep the change and its history.
 */
static int first_item(void *ctx, const struct store_item_row *r)
{
	*(struct store_item_row *)ctx = *r;
	return 1;
}

static int goal_id(void *ctx, const struct store_goal_row *r)
{
	*(long long *)ctx = r->id;
	return 1;
}

static int area_no;

static void filler(struct store *st, long long plan, int k)
{
	struct store_loc loc = { 0, 2, 1 };
	struct text_tag tag = { .n = 1 };
	struct store_block b = { "p", "段落" };
	struct store_followup f = { 2025, plan, "k1", 0, "none", 0, "", "", "", "項目",
				    "項目", "", "実績", "予定", loc };
	struct store_indicator d = { .code = "K1", .name_ja = "件数", .unit = "件",
				     .direction = "up", .goal = 1, .measure = 1 };
	struct store_ivalue v = { 0, 2024, "", 0, 3, NULL, "", "", "", loc };
	struct store_search_q q = { .text = "項目", .limit = 5 };
	struct store_hit *hits = NULL;
	const char *dim = "地域";
	long long id = 0, goal = 0, measure = 0;
	long n;
	int nh;

	switch (k) {
	case 0: assert_int_equal(store_plan_for_year(st, 2025, &id), 0); break;
	case 1: assert_true(store_data_version(st) >= 0); break;
	case 2: assert_int_equal(store_run_begin(st, "import", 0, &tester), 0); break;
	case 3: assert_int_equal(store_source_put(st, "a.txt", "d", 1, "utf-8", &id), 0); break;
	case 4: assert_int_equal(store_plan_put(st, 9, "計画", &loc, NULL), 0); break;
	case 5: {
		/* rows keep their ids: the second time, the same rows again */
		struct store_item_row it;

		it.id = it.measure_id = 0;
		/* the callbacks stop at the first row (and return 1) */
		assert_true(store_each_item(st, &(struct store_filter){ .plan = plan,
					    .item = 1 }, first_item, &it) >= 0);
		if (it.id) {
			assert_int_equal(store_each_goal(st, &(struct store_filter){
				.plan = plan, .goal = 1 }, goal_id, &goal), 1);
			measure = it.measure_id;
		}
		assert_int_equal(store_goal_put(st, plan, goal, 1, "目標", "目標", "", &loc,
						&goal), 0);
		assert_int_equal(store_measure_put(st, measure, goal, 1, "施策", "施策", &loc,
						   &measure), 0);
		assert_int_equal(store_item_put(st, it.id, measure, 1, "項目", "項目", "", &loc,
						&id), 0);
		assert_int_equal(store_item_ministries(st, id, &tag), 0);
		break;
	}
	case 6:
		assert_int_equal(store_area_put(st, plan, 0, "area", ++area_no, "分野", "",
						&loc, NULL), 0);
		break;
	case 7: assert_int_equal(store_blocks_put(st, "goal", 1, "issues", &b, 1), 0); break;
	case 8: assert_int_equal(store_fiscal_year_put(st, 2025), 0); break;
	case 9:
		assert_int_equal(store_followup_put(st, &f, &id), 0);
		assert_int_equal(store_followup_ministries(st, id, &tag), 0);
		break;
	case 10: assert_int_equal(store_followup_sweep(st, 2025, &n), 0); break;
	case 11:
		assert_int_equal(store_indicator_put(st, &d, &id), 0);
		assert_int_equal(store_indicator_dims(st, id, &dim, 1), 0);
		v.indicator = id;
		assert_int_equal(store_ivalue_put(st, &v), 0);
		break;
	case 12: assert_int_equal(store_indicator_find(st, "K1", &id, NULL), 0); break;
	case 13:
		assert_int_equal(store_search(st, &q, &hits, &nh, &n), 0);
		free(hits);
		break;
	case 14: assert_int_equal(store_plan_find(st, 0, &id, NULL), 0); break;
	}
}

static int vision_title(void *ctx, const struct store_vision_row *r)
{
	buf_puts(ctx, r->title);
	return 0;
}

static void cache_keeps_running_statements(void **state)
{
	struct store_loc loc = { 0, 1, 1 };
	int m, k;

	(void)state;
	for (m = 0; m <= 15 * 4; m++) {
		struct store *st = NULL;
		struct buf t = BUF_INIT, h = BUF_INIT;
		long long plan, v;

		assert_int_equal(store_open(":memory:", 0, &st), 0);
		assert_int_equal(store_begin(st), 0);
		assert_int_equal(store_run_begin(st, "test", 0, &tester), 0);
		assert_int_equal(store_plan_find(st, 2, &plan, NULL), 0);
		assert_int_equal(store_vision_put(st, plan, 0, 1, "旧", "旧", &loc, &v), 0);
		/* m statement-preparing calls, each kind once in each pass */
		for (k = 0; k < m; k++)
			filler(st, plan, k % 15 == 4 && k >= 15 ? 14 : k % 15);
		assert_int_equal(store_vision_put(st, plan, v, 1, "新", "新", &loc, &v), 0);
		assert_int_equal(store_commit(st), 0);
		assert_int_equal(store_each_vision(st, &(struct store_filter){ .plan = plan },
						   vision_title, &t), 0);
		assert_string_equal(t.ptr, "新");
		assert_int_equal(store_each_history(st, &(struct store_filter){ .id = v },
						    history_fields, &h), 0);
		/* the normalized title is derived: no history of its own */
		assert_string_equal(h.ptr, "vision.title;");
		buf_release(&t);
		buf_release(&h);
		store_close(st);
	}
}

struct nest {
	struct store *st;
	long long plan;
	int n;
	struct buf titles;
};

static int nested_visions(void *ctx, const struct store_vision_row *r)
{
	struct nest *x = ctx;

	x->n++;
	buf_puts(&x->titles, r->title);
	/* the same query inside its own callback: a statement of its own */
	if (r->no == 1 && x->n == 1)
		return store_each_vision(x->st, &(struct store_filter){ .plan = x->plan },
					 nested_visions, ctx);
	return 0;
}

/* Typed records: fields by name, SQL NULL flagged, arrays in an arena
 * that outlive the connection, a nested run of one query. */
static void typed_records(void **state)
{
	struct store *st = NULL;
	struct store_indicator d = { .code = "K1", .name_ja = "件数", .unit = "件",
				     .direction = "up", .has_target = 1, .target_year = 2030,
				     .target_value = 7.5 };
	struct store_ivalue v = { 0 };
	struct store_indicator_row *ind = NULL;
	struct store_ivalue_row *val = NULL;
	struct store_vision_row *vis = NULL;
	struct store_loc loc = { 0, 3, 1 };
	struct arena *a = arena_new();
	struct nest nest = { NULL, 0, 0, BUF_INIT };
	long long plan, id;
	int n = -1, nv = -1;

	(void)state;
	assert_non_null(a);
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, NULL), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 1, "一", "一", &loc, NULL), 0);
	assert_int_equal(store_vision_put(st, plan, 0, 2, "二", "二", &loc, NULL), 0);
	assert_int_equal(store_indicator_put(st, &d, &id), 0);
	v.indicator = id;
	v.year = 2024;
	v.na = 1;
	v.na_reason = "未集計";
	assert_int_equal(store_ivalue_put(st, &v), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_load_indicator(st, &(struct store_filter){ .code = "K1" }, a,
					      &ind, &n), 0);
	assert_int_equal(n, 1);
	assert_true(ind[0].id == id);
	assert_string_equal(ind[0].code, "K1");
	assert_string_equal(ind[0].name_en, "");
	assert_true(ind[0].null.baseline_year && ind[0].null.baseline_value);
	assert_false(ind[0].null.target_year);
	assert_true(ind[0].target_year == 2030 && ind[0].target_value == 7.5);
	assert_true(ind[0].null.goal_no && ind[0].null.goal_title && ind[0].goal_title[0] == 0);
	assert_true(ind[0].nvalues == 1);
	assert_int_equal(store_load_ivalue(st, &(struct store_filter){ .id = id }, a, &val, &nv), 0);
	assert_int_equal(nv, 1);
	assert_true(val[0].null.value && val[0].value == 0);
	assert_string_equal(val[0].na_reason, "未集計");
	/* no rows: NULL and 0 */
	assert_int_equal(store_load_indicator(st, &(struct store_filter){ .code = "none" }, a,
					      &ind, &n), 0);
	assert_true(n == 0 && ind == NULL);
	assert_int_equal(store_load_vision(st, &(struct store_filter){ .plan = plan }, a, &vis, &nv), 0);
	assert_int_equal(nv, 2);
	nest.st = st;
	nest.plan = plan;
	assert_int_equal(store_each_vision(st, &(struct store_filter){ .plan = plan },
					   nested_visions, &nest), 0);
	assert_int_equal(nest.n, 4);
	assert_string_equal(nest.titles.ptr, "一一二二");
	buf_release(&nest.titles);
	/* each combination of filters its own statement (query.c): a filter
	 * the query does not test shares the statement, one it tests does not */
	{
		static const struct { const char *code; long long id; int year, goal, n; } c[] = {
			{ NULL, 0, 0, 0, 1 }, { "K1", 0, 0, 0, 1 }, { "none", 0, 0, 0, 0 },
			{ NULL, 0, 2024, 7, 1 }, { NULL, -1, 0, 0, 0 }, { "K1", -1, 0, 0, 0 },
			{ "K1", 0, 2025, 0, 1 }, { NULL, 0, 0, 0, 1 },
		};
		int k, it;

		for (k = 0; k < (int)MD_ARRAY_SIZE(c); k++) {
			struct store_filter f = { .code = c[k].code, .year = c[k].year,
						  .goal = c[k].goal };

			f.id = c[k].id < 0 ? id + 1 : c[k].id;
			assert_int_equal(store_load_ivalue(st, &f, a, &val, &nv), 0);
			assert_int_equal(nv, c[k].n);
		}
		/* more combinations than a query's slots (16 of the item query's
		 * filters, twice): the ones beyond get a statement per run */
		for (k = 0; k < 32; k++) {
			struct store_filter f = { .plan = plan, .goal = k & 1, .measure = k >> 1 & 1,
						  .item = k >> 2 & 1, .retired = k >> 3 & 1,
						  .ministry = (k & 15) == 5 ? "mhlw" : NULL };
			struct store_item_row *items = NULL;

			assert_int_equal(store_load_item(st, &f, a, &items, &it), 0);
			assert_int_equal(it, 0);
		}
	}
	store_close(st);
	/* the loaded strings live in the arena, not the connection */
	assert_string_equal(vis[1].title, "二");
	assert_string_equal(val[0].code, "K1");
	arena_free(a);
}

static int hist_row(void *ctx, const struct store_history_row *r)
{
	buf_printf(ctx, "%s#%lld %s %s->%s %s v%lld\n", r->tbl, r->row_id, r->field,
		   r->old_value, r->new_value, r->actor, r->version);
	return 0;
}

/* Versions count changes; history names the actor and the version made;
 * a change outside a run is refused. */
static void versions_and_actors(void **state)
{
	static const struct store_actor imp = { STORE_ACTOR_IMPORT, "plan x.txt" };
	static const struct store_actor bad[] = {
		{ STORE_ACTOR_CLI, "" }, { STORE_ACTOR_CLI, NULL },
		{ (enum store_actor_kind)9, "x" }, { STORE_ACTOR_USER, "a\nb" },
	};
	struct store *st = NULL;
	struct store_indicator d = { 0 };
	struct store_indicator_row *got;
	struct store_filter k1 = { .code = "K1" };
	struct store_loc loc = { 0, 3, 1 };
	struct arena *a = arena_new();
	struct buf h = BUF_INIT;
	long long plan, vid, id;
	size_t i;
	int n;

	(void)state;
	assert_int_equal(store_open(":memory:", 0, &st), 0);
	assert_int_equal(store_plan_find(st, 2, &plan, NULL), 0);
	assert_int_equal(store_begin(st), 0);
	for (i = 0; i < MD_ARRAY_SIZE(bad); i++)
		assert_int_equal(store_run_begin(st, "test", 0, &bad[i]), MD_EUSAGE);
	assert_int_equal(store_run_begin(st, "test", 0, NULL), MD_EUSAGE);
	/* inserting needs no run; changing does */
	assert_int_equal(store_vision_put(st, plan, 0, 1, "一", "一", &loc, &vid), 0);
	assert_int_equal(store_vision_put(st, plan, vid, 1, "二", "二", &loc, &vid), MD_EUSAGE);
	assert_non_null(strstr(store_errmsg(st), "actor"));
	assert_int_equal(store_rollback(st), 0);

	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "plan", 0, &imp), 0);
	d.code = "K1";
	d.name_ja = "件数";
	d.unit = "件";
	d.direction = "up";
	assert_int_equal(store_indicator_put(st, &d, &id), 0);
	assert_int_equal(store_load_indicator(st, &k1, a, &got, &n), 0);
	assert_true(n == 1 && got->version == 1);
	/* provenance alone is not a change */
	d.loc = loc;
	assert_int_equal(store_indicator_put(st, &d, &id), 0);
	assert_int_equal(store_load_indicator(st, &k1, a, &got, &n), 0);
	assert_true(got->version == 1 && got->line == 3);
	assert_int_equal(store_commit(st), 0);

	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_run_begin(st, "edit", 0, &tester), 0);
	d.unit = "人";
	d.has_target = 1;
	d.target_year = 2026;
	d.target_value = 10;
	assert_int_equal(store_indicator_put(st, &d, &id), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_load_indicator(st, &k1, a, &got, &n), 0);
	assert_true(got->id == id && got->version == 2);
	assert_string_equal(got->unit, "人");
	assert_int_equal(store_each_history(st, NULL, hist_row, &h), 0);
	assert_string_equal(h.ptr,
		"indicator#1 unit 件->人 cli:tester v2\n"
		"indicator#1 target_year ->2026 cli:tester v2\n"
		"indicator#1 target_value ->10 cli:tester v2\n");
	/* the dump sees every table, versions included */
	buf_reset(&h);
	assert_int_equal(store_dump(st, &h), 0);
	assert_non_null(strstr(h.ptr, "user_version 18\n"));
	assert_non_null(strstr(h.ptr, "== history\n"));
	assert_non_null(strstr(h.ptr, "\tcli:tester\t2\tHUB") || strstr(h.ptr, "\tcli:tester\t2\tK1"));
	buf_release(&h);
	arena_free(a);
	store_close(st);
}

/* The server's writer does not checkpoint (store_autocheckpoint(st, 0));
 * another connection does (store_checkpoint()). About 8 MB committed with
 * the automatic checkpoint off leave the database file as it was, all in
 * the WAL; one passive checkpoint from the other connection copies it all
 * (nothing left) into the file. Inside a transaction it is refused. */
static long long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	long long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	fclose(f);
	return n;
}

static void checkpoint_elsewhere(void **state)
{
	char dir[] = "/tmp/mdplan-ckpt-XXXXXX", path[64], wal[80];
	struct store *w = NULL, *c = NULL;
	long long before;
	int left = -1, k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	assert_int_equal(store_open(path, 0, &w), 0);
	assert_int_equal(store_open(path, 0, &c), 0);
	assert_int_equal(store_checkpoint(c, NULL), 0);
	before = file_size(path);
	assert_int_equal(store_autocheckpoint(w, 0), 0);
	assert_int_equal(sqlite3_exec(store_db_(w), "CREATE TABLE big(b BLOB)", NULL, NULL, NULL),
			 SQLITE_OK);
	for (k = 0; k < 64; k++)
		assert_int_equal(sqlite3_exec(store_db_(w), "INSERT INTO big VALUES (randomblob(131072))",
					      NULL, NULL, NULL), SQLITE_OK);
	/* past SQLite's 1000 pages, and still all in the WAL */
	assert_int_equal(file_size(path), before);
	assert_true(file_size(wal) > 8 * 1024 * 1024);
	assert_int_equal(store_checkpoint(c, &left), 0);
	assert_int_equal(left, 0);
	assert_true(file_size(path) > before + 8 * 1024 * 1024);
	assert_int_equal(store_begin(c), 0);
	assert_int_equal(store_checkpoint(c, &left), MD_EUSAGE);
	assert_int_equal(store_rollback(c), 0);
	store_close(w);
	store_close(c);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrates_and_seeds),
		cmocka_unit_test(upsert_counts_and_history),
		cmocka_unit_test(rollback_leaves_nothing),
		cmocka_unit_test(readonly_refuses_empty_db),
		cmocka_unit_test(tsv_quotes_and_lines),
		cmocka_unit_test(tsv_positions_and_limit),
		cmocka_unit_test(similarity_is_dice),
		cmocka_unit_test(search_follows_the_transaction),
		cmocka_unit_test(identities_renumber_retire_restore),
		cmocka_unit_test(indicator_values),
		cmocka_unit_test(versions_and_actors),
		cmocka_unit_test(cache_keeps_running_statements),
		cmocka_unit_test(typed_records),
		cmocka_unit_test(checkpoint_elsewhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
