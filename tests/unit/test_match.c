/*
 * match_outline(): a re-imported outline paired with the stored one, on
 * small made-up outlines. Texts stand for normalized action items; parents
 * for the measures they sit under (the same identities old and new).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "import/import.h"

#define A "臨床現場のニーズに応じて医療機器の研究開発を行う医療従事者を育成する。"
#define B "大学における医療機器の研究開発に関する講義を他の教育機関に横展開する。"
#define C "企業の研究開発人材が臨床現場に入り込んで研究開発を進める環境を整備する。"
#define D "プロトタイプの作製を体験する機会を大学院等において拡充する。"
#define E "ベンチャー企業の研究開発を伴走支援し、事業化までの障壁を取り除く。"
#define X "医療機器の安全性情報を収集し、国際的な規制調和に向けて発信する。"

static const struct match_node old4[] = {
	{ A, 1, 0 }, { B, 1, 0 }, { C, 2, 0 }, { D, 2, 0 },
};

static void run(const struct match_node *old, long nold,
		const struct match_node *nw, long nnew, struct match_pair *p)
{
	assert_int_equal(match_outline(old, nold, nw, nnew, p), 0);
}

static void same_outline_pairs_in_order(void **state)
{
	struct match_pair p[4];
	long i;

	(void)state;
	run(old4, 4, old4, 4, p);
	for (i = 0; i < 4; i++) {
		assert_int_equal(p[i].old, i);
		assert_string_equal(p[i].how, "exact");
		assert_int_equal(p[i].moved, 0);
	}
}

static void inserted_item_shifts_nothing(void **state)
{
	const struct match_node nw[] = {
		{ A, 1, 0 }, { X, 1, 0 }, { B, 1, 0 }, { C, 2, 0 }, { D, 2, 0 },
	};
	struct match_pair p[5];

	(void)state;
	run(old4, 4, nw, 5, p);
	assert_int_equal(p[0].old, 0);
	assert_int_equal(p[1].old, -1);
	assert_null(p[1].how);
	assert_int_equal(p[2].old, 1);
	assert_int_equal(p[3].old, 2);
	assert_int_equal(p[4].old, 3);
	assert_int_equal(p[2].moved + p[3].moved + p[4].moved, 0);
}

static void removed_item_leaves_its_old_node_unpaired(void **state)
{
	const struct match_node nw[] = { { A, 1, 0 }, { C, 2, 0 }, { D, 2, 0 } };
	struct match_pair p[3];

	(void)state;
	run(old4, 4, nw, 3, p);
	assert_int_equal(p[0].old, 0);
	assert_int_equal(p[1].old, 2);   /* not B's node: B is gone */
	assert_int_equal(p[2].old, 3);
}

static void item_moved_to_another_parent(void **state)
{
	const struct match_node nw[] = {
		{ A, 1, 0 }, { C, 2, 0 }, { D, 2, 0 }, { B, 2, 0 },
	};
	struct match_pair p[4];

	(void)state;
	run(old4, 4, nw, 4, p);
	assert_int_equal(p[3].old, 1);
	assert_int_equal(p[3].moved, 1);
	assert_int_equal(p[0].moved + p[1].moved + p[2].moved, 0);
}

static void reorder_within_a_parent_moves_one(void **state)
{
	const struct match_node nw[] = {
		{ B, 1, 0 }, { A, 1, 0 }, { C, 2, 0 }, { D, 2, 0 },
	};
	struct match_pair p[4];

	(void)state;
	run(old4, 4, nw, 4, p);
	assert_int_equal(p[0].old, 1);
	assert_int_equal(p[1].old, 0);
	assert_int_equal(p[0].moved + p[1].moved, 1);
	assert_int_equal(p[2].moved + p[3].moved, 0);
}

static void reworded_item_matches_by_similarity(void **state)
{
	const struct match_node nw[] = {
		{ A, 1, 0 },
		{ "大学における医療機器の研究開発に関する講義をモデルとして他の教育機関にも広く横展開する。", 1, 0 },
		{ C, 2, 0 }, { D, 2, 0 },
	};
	struct match_pair p[4];

	(void)state;
	run(old4, 4, nw, 4, p);
	assert_int_equal(p[1].old, 1);
	assert_string_equal(p[1].how, "similar");
	assert_true(p[1].score > 0.6 && p[1].score < 1.0);
}

static void rewritten_item_in_the_same_slot_matches_by_position(void **state)
{
	/* too different for "similar", alone in its slot between two pairs */
	const struct match_node nw[] = {
		{ A, 1, 0 },
		{ "大学で医療機器の研究開発を教える講義を各地の機関に展開する。", 1, 0 },
		{ C, 2, 0 }, { D, 2, 0 },
	};
	struct match_pair p[4];
	double s = match_similarity(nw[1].norm, B);

	(void)state;
	assert_true(s >= 0.4 && s < 0.6);
	run(old4, 4, nw, 4, p);
	assert_int_equal(p[1].old, 1);
	assert_string_equal(p[1].how, "position");
}

static void unrelated_text_in_the_slot_is_new(void **state)
{
	const struct match_node nw[] = { { A, 1, 0 }, { E, 1, 0 }, { C, 2, 0 }, { D, 2, 0 } };
	struct match_pair p[4];

	(void)state;
	run(old4, 4, nw, 4, p);
	assert_int_equal(p[1].old, -1);
}

static void duplicates_pair_with_their_own_parent(void **state)
{
	const struct match_node old[] = { { A, 1, 0 }, { A, 2, 0 } };
	const struct match_node nw[] = { { A, 2, 0 }, { A, 1, 0 } };
	struct match_pair p[2];

	(void)state;
	run(old, 2, nw, 2, p);
	assert_int_equal(p[0].old, 1);
	assert_int_equal(p[1].old, 0);
}

static void retired_node_is_restored_but_current_wins(void **state)
{
	/* old: A and C current, B retired earlier, plus a retired copy of A */
	const struct match_node old[] = { { A, 1, 0 }, { C, 2, 0 }, { B, 1, 1 }, { A, 1, 1 } };
	const struct match_node nw[] = { { A, 1, 0 }, { B, 1, 0 }, { C, 2, 0 } };
	struct match_pair p[3];

	(void)state;
	run(old, 4, nw, 3, p);
	assert_int_equal(p[0].old, 0);
	assert_int_equal(p[1].old, 2);
	assert_int_equal(p[1].moved, 0);
	assert_int_equal(p[2].old, 1);
}

static void empty_sides(void **state)
{
	struct match_pair p[4];

	(void)state;
	run(NULL, 0, old4, 4, p);
	assert_int_equal(p[0].old, -1);
	assert_int_equal(p[3].old, -1);
	run(old4, 4, NULL, 0, p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_outline_pairs_in_order),
		cmocka_unit_test(inserted_item_shifts_nothing),
		cmocka_unit_test(removed_item_leaves_its_old_node_unpaired),
		cmocka_unit_test(item_moved_to_another_parent),
		cmocka_unit_test(reorder_within_a_parent_moves_one),
		cmocka_unit_test(reworded_item_matches_by_similarity),
		cmocka_unit_test(rewritten_item_in_the_same_slot_matches_by_position),
		cmocka_unit_test(unrelated_text_in_the_slot_is_new),
		cmocka_unit_test(duplicates_pair_with_their_own_parent),
		cmocka_unit_test(retired_node_is_restored_but_current_wins),
		cmocka_unit_test(empty_sides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
