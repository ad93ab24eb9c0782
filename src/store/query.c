/*
 * The read queries. Each query's SELECT list comes from its record's column
 * list (records.h); here is the rest of it (FROM, WHERE, ORDER BY). A
 * query may use the parameters :plan :year :ministry :lead :goal :measure
 * :item :unmatched :id :owner :kind :code :retired :name :since :until :action
 * :token. A filter that may be unset is written "{year? AND f.fiscal_year
 * = :year}" (records.h): its clause is in the text only when the filter is
 * set, so that SQLite plans each combination with the indexes it can use.
 * A query's text is put together when a connection first runs it with
 * that combination of filters, and kept prepared in one of its
 * STORE_QVARIANTS slots (store_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "searchdoc.h"

#define LIVE(t) STORE_SQL_LIVE(t)

/* The board's queries: a round's entries (its year always given), the
 * entries of :ministries ("mhlw,meti") and the consolidated ones they lead */
#define BOARD_FROM(joins) " FROM round_entry e JOIN round r ON r.id = e.round_id" joins
#define BOARD_JOINS " JOIN action_item i ON i.id = e.action_item_id" \
	" JOIN measure m ON m.id = i.measure_id JOIN goal g ON g.id = m.goal_id" \
	" LEFT JOIN ministry mi ON mi.id = e.ministry_id"
#define BOARD_IN_LIST(col) "instr(',' || :ministries || ',', ',' || " col " || ',') > 0"
#define BOARD_SCOPE "{ministries? AND (" BOARD_IN_LIST("mi.code") \
	" OR (e.consolidated = 1 AND EXISTS (SELECT 1 FROM action_ministry am" \
	" JOIN ministry lm ON lm.id = am.ministry_id WHERE am.item_id = e.action_item_id" \
	" AND am.lead = 1 AND " BOARD_IN_LIST("lm.code") ")))}"

static const char *const tails[STORE_QID_COUNT_] = {
	[STORE_QID_plan] = " FROM plan ORDER BY edition",

	[STORE_QID_vision] = " FROM vision v WHERE v.plan_id = :plan AND" LIVE("v")
	" ORDER BY v.no",

	[STORE_QID_listing] =
	" FROM goal_listing gl JOIN vision v ON v.id = gl.vision_id"
	" JOIN goal g ON g.id = gl.goal_id"
	" WHERE v.plan_id = :plan AND" LIVE("v") " AND" LIVE("g")
	"{goal? AND g.no = :goal}"
	" ORDER BY v.no, gl.pos",

	[STORE_QID_goal] =
	" FROM goal g WHERE g.plan_id = :plan AND" LIVE("g")
	"{goal? AND g.no = :goal}"
	" ORDER BY g.no",

	[STORE_QID_measure] =
	" FROM measure m JOIN goal g ON g.id = m.goal_id"
	" WHERE m.plan_id = :plan AND" LIVE("m") "{goal? AND g.no = :goal}"
	"{measure? AND m.no = :measure}"
	"{ministry? AND EXISTS (SELECT 1 FROM action_item i"
	"  JOIN action_ministry am ON am.item_id = i.id"
	"  JOIN ministry mi ON mi.id = am.ministry_id WHERE i.measure_id = m.id"
	"  AND" LIVE("i") " AND mi.code = :ministry{lead? AND am.lead = 1})}"
	" ORDER BY m.no",

	/* by :id (or with :retired) also the items the plan retired */
	[STORE_QID_item] =
	" FROM action_item i JOIN measure m ON m.id = i.measure_id"
	" JOIN goal g ON g.id = m.goal_id"
	" WHERE i.plan_id = :plan{goal? AND g.no = :goal}"
	"{measure? AND m.no = :measure}"
	"{item? AND i.no = :item}"
	"{id? AND i.id = :id}"
	"{!id,!retired? AND" LIVE("i") "}"
	"{ministry? AND EXISTS (SELECT 1 FROM action_ministry am"
	" JOIN ministry mi ON mi.id = am.ministry_id WHERE am.item_id = i.id"
	" AND mi.code = :ministry{lead? AND am.lead = 1})}"
	" ORDER BY i.no",

	[STORE_QID_item_ministry] =
	" FROM action_ministry am JOIN ministry mi ON mi.id = am.ministry_id"
	" JOIN action_item i ON i.id = am.item_id"
	" WHERE i.plan_id = :plan{id? AND am.item_id = :id}"
	" ORDER BY i.no, am.pos",

	[STORE_QID_ministry] =
	" FROM ministry mi{ministry? WHERE mi.code = :ministry}"
	" ORDER BY mi.sort",

	[STORE_QID_followup] =
	" FROM followup f LEFT JOIN action_item i ON i.id = f.action_item_id"
	" LEFT JOIN measure m ON m.id = i.measure_id"
	" LEFT JOIN goal g ON g.id = m.goal_id"
	" WHERE f.plan_id = :plan{year? AND f.fiscal_year = :year}"
	"{item? AND i.no = :item AND" LIVE("i") "}"
	"{id? AND f.action_item_id = :id}"
	"{measure? AND m.no = :measure AND" LIVE("m") " AND" LIVE("i") "}"
	"{unmatched? AND f.action_item_id IS NULL}"
	" ORDER BY f.fiscal_year, f.src_line",

	[STORE_QID_followup_stat] =
	" FROM followup WHERE plan_id = :plan"
	"{year? AND fiscal_year = :year}"
	" GROUP BY fiscal_year ORDER BY fiscal_year",

	[STORE_QID_fiscal_year] =
	" FROM followup f WHERE f.plan_id = :plan"
	" GROUP BY f.fiscal_year ORDER BY f.fiscal_year",

	[STORE_QID_count] = "",

	[STORE_QID_block] =
	" FROM text_block WHERE owner = :owner AND owner_id = :id ORDER BY field, seq",

	[STORE_QID_area] = " FROM area a WHERE plan_id = :plan AND" LIVE("a")
	" ORDER BY kind, no",

	/* a retired item's row keeps its own texts, outside the plan's tree */
	[STORE_QID_export] =
	" FROM followup f LEFT JOIN action_item i ON i.id = f.action_item_id AND" LIVE("i")
	" LEFT JOIN measure m ON m.id = i.measure_id"
	" LEFT JOIN goal g ON g.id = m.goal_id"
	" LEFT JOIN vision v ON v.id = (SELECT gl.vision_id FROM goal_listing gl"
	"  WHERE gl.goal_id = g.id ORDER BY gl.relisted, gl.id LIMIT 1)"
	" WHERE f.plan_id = :plan{year? AND f.fiscal_year = :year}"
	"{goal? AND g.no = :goal}"
	"{ministry? AND EXISTS (SELECT 1 FROM followup_ministry fm"
	"  JOIN ministry mi ON mi.id = fm.ministry_id WHERE fm.followup_id = f.id"
	"  AND mi.code = :ministry{lead? AND fm.lead = 1})}"
	" ORDER BY f.fiscal_year, f.src_line",

	/* owner: only that table's rows (the index's order: tbl, row_id) */
	/* with a limit, a row's last `limit` versions only (the entry page),
	 * a range of the index history_version */
	[STORE_QID_history] = " FROM history{id? WHERE row_id = :id{owner? AND tbl = :owner"
	" AND version > (SELECT max(h2.version) FROM history h2"
	"  WHERE h2.tbl = :owner AND h2.row_id = :id)"
	"  - CASE WHEN :limit < 0 THEN 1 << 62 ELSE :limit END}}"
	" ORDER BY id",

	[STORE_QID_year_block] =
	" FROM followup f"
	" JOIN text_block b ON b.owner = 'followup' AND b.owner_id = f.id"
	" WHERE f.plan_id = :plan AND f.fiscal_year = :year"
	" ORDER BY b.owner_id, b.field, b.seq",

	[STORE_QID_search_doc] =
	" FROM (" SEARCH_TEXT(SD_ALL) ") WHERE kind = :kind AND ref = :id",

	[STORE_QID_search_docs] =
	" FROM (" SEARCH_TEXT(SD_ALL) ") d JOIN (" SEARCH_META(SD_ALL) ") x"
	" ON x.kind = d.kind AND x.ref = d.ref ORDER BY 1, 2",   /* kind, ref */

	[STORE_QID_indicator] =
	" FROM indicator i LEFT JOIN measure m ON m.id = i.measure_id AND" LIVE("m")
	" LEFT JOIN goal g ON g.id = coalesce(i.goal_id, m.goal_id) AND" LIVE("g")
	" WHERE 1{code? AND i.code = :code}{goal? AND g.no = :goal}"
	" ORDER BY g.no IS NULL, g.no, i.code",

	[STORE_QID_ivalue] =
	" FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
	" WHERE 1{code? AND i.code = :code}{id? AND i.id = :id}"
	" ORDER BY i.code, v.breakdown, v.year",

	[STORE_QID_programme] =
	" FROM programme p"
	" WHERE (:code IS NULL OR p.code = :code)"
	" AND (:ministry IS NULL OR p.ministry = :ministry OR p.ministry ="
	"  (SELECT abbrev FROM ministry WHERE code = :ministry))"
	" AND (:goal IS NULL OR EXISTS (SELECT 1 FROM programme_link l"
	"  LEFT JOIN measure m ON m.id = l.measure_id"
	"  LEFT JOIN action_item i ON i.id = l.item_id"
	"  LEFT JOIN measure m2 ON m2.id = i.measure_id"
	"  JOIN goal g ON g.id = coalesce(m.goal_id, m2.goal_id)"
	"  WHERE l.programme_id = p.id AND l.status = 'confirmed' AND g.no = :goal))"
	" AND (:year IS NULL OR EXISTS (SELECT 1 FROM budget b WHERE"
	"  b.programme_id = p.id AND b.fiscal_year = :year)"
	"  OR (p.first_year IS NOT NULL AND p.first_year <= :year"
	"  AND (p.last_year IS NULL OR p.last_year >= :year)))"
	" ORDER BY p.ministry = '', p.ministry, p.code",

	[STORE_QID_budget] =
	" FROM budget b JOIN programme p ON p.id = b.programme_id"
	" WHERE (:code IS NULL OR p.code = :code)"
	" AND (:year IS NULL OR b.fiscal_year = :year)"
	" AND (:ministry IS NULL OR p.ministry = :ministry OR p.ministry ="
	"  (SELECT abbrev FROM ministry WHERE code = :ministry))"
	" ORDER BY p.code, b.fiscal_year, b.kind, b.source",

	[STORE_QID_presult] =
	" FROM programme_result r JOIN programme p ON p.id = r.programme_id"
	" WHERE (:code IS NULL OR p.code = :code)"
	" ORDER BY p.code, r.year IS NULL, r.year, r.id",

	[STORE_QID_pindicator] =
	" FROM programme_indicator x JOIN programme p ON p.id = x.programme_id"
	" JOIN indicator i ON i.id = x.indicator_id"
	" WHERE (:code IS NULL OR p.code = :code) ORDER BY p.code, i.code",

	[STORE_QID_plink] =
	" FROM programme_link l JOIN programme p ON p.id = l.programme_id"
	" LEFT JOIN measure m ON m.id = l.measure_id"
	" LEFT JOIN goal g ON g.id = m.goal_id"
	" LEFT JOIN action_item i ON i.id = l.item_id"
	" LEFT JOIN measure m2 ON m2.id = i.measure_id"
	" LEFT JOIN goal g2 ON g2.id = m2.goal_id"
	" WHERE (:code IS NULL OR p.code = :code)"
	" ORDER BY p.code, m.no IS NULL, m.no, i.no",

	[STORE_QID_hub] =
	" FROM hub h JOIN programme p ON p.id = h.programme_id"
	" WHERE (:code IS NULL OR p.code = :code)"
	" AND (:year IS NULL OR (h.first_year <= :year AND h.last_year >= :year))"
	" ORDER BY p.code, h.first_year IS NULL, h.first_year, h.id",

	[STORE_QID_outline] =
	" FROM (SELECT 'vision' AS tbl, id, no, retired_no, retired IS NOT NULL AS retired,"
	"  0 AS parent, title AS text, title_norm AS norm, '' AS extra, '' AS kind"
	"  FROM vision WHERE plan_id = :plan"
	" UNION ALL SELECT 'goal', id, no, retired_no, retired IS NOT NULL, 0, title,"
	"  title_norm, issues, '' FROM goal WHERE plan_id = :plan"
	" UNION ALL SELECT 'measure', id, no, retired_no, retired IS NOT NULL, goal_id,"
	"  title, title_norm, '', '' FROM measure WHERE plan_id = :plan"
	" UNION ALL SELECT 'action_item', id, no, retired_no, retired IS NOT NULL,"
	"  measure_id, text, text_norm, tag_text, '' FROM action_item WHERE plan_id = :plan"
	" UNION ALL SELECT 'area', id, no, retired_no, retired IS NOT NULL, 0, title, '',"
	"  description, kind FROM area WHERE plan_id = :plan)"
	" ORDER BY tbl, retired, no",
	[STORE_QID_account] =
	" FROM account a WHERE (:name IS NULL OR a.name = :name) ORDER BY a.name",

	[STORE_QID_session] =
	" FROM session s JOIN account a ON a.id = s.account_id"
	" WHERE (:name IS NULL OR a.name = :name) AND (:id IS NULL OR s.id = :id)"
	" AND (:token IS NULL OR s.token_hash = :token)"
	" ORDER BY s.id DESC",

	[STORE_QID_audit] =
	" FROM audit WHERE (:since IS NULL OR time >= :since)"
	" AND (:until IS NULL OR substr(time, 1, length(:until)) <= :until)"
	" AND (:name IS NULL OR actor = 'user:' || :name OR target = 'user:' || :name)"
	" AND (:action IS NULL OR action = :action"
	"  OR substr(action, 1, length(:action) + 1) = :action || '.')"
	" ORDER BY seq",

	[STORE_QID_round] = " FROM round r{year? WHERE r.fiscal_year = :year}"
	" ORDER BY r.fiscal_year",

	[STORE_QID_round_entry] =
	" FROM round_entry e JOIN round r ON r.id = e.round_id"
	" JOIN action_item i ON i.id = e.action_item_id JOIN measure m ON m.id = i.measure_id"
	" JOIN goal g ON g.id = m.goal_id LEFT JOIN ministry mi ON mi.id = e.ministry_id"
	" WHERE 1{year? AND r.fiscal_year = :year}{item? AND i.no = :item}{id? AND e.id = :id}"
	"{ministry? AND (mi.code = :ministry{lead? OR (e.consolidated = 1 AND EXISTS"
	" (SELECT 1 FROM action_ministry am JOIN ministry lm ON lm.id = am.ministry_id"
	" WHERE am.item_id = i.id AND am.lead = 1 AND lm.code = :ministry))})}"
	" ORDER BY r.fiscal_year, i.no, e.consolidated DESC, e.pos",

	[STORE_QID_reminder] = " FROM reminder rm WHERE 1{year? AND rm.fiscal_year = :year}"
	" AND (:name IS NULL OR rm.account = :name) ORDER BY rm.fiscal_year, rm.id DESC",

	/* only for a viewer who may read them (store.h): the secretariat,
	 * reviewers, and the ministries that write the entry */
	[STORE_QID_round_comment] = " FROM round_comment c JOIN round_entry e ON e.id = c.entry_id"
	" LEFT JOIN ministry mi ON mi.id = e.ministry_id"
	" WHERE c.entry_id = :id AND :viewer IS NOT NULL"
	" AND (instr(:viewer, ' role:secretariat ') > 0 OR instr(:viewer, ' role:reviewer ') > 0"
	" OR (e.consolidated = 0 AND instr(:viewer, ' ministry:' || mi.code || ' ') > 0)"
	" OR (e.consolidated = 1 AND EXISTS (SELECT 1 FROM action_ministry am"
	" JOIN ministry lm ON lm.id = am.ministry_id WHERE am.item_id = e.action_item_id"
	" AND am.lead = 1 AND instr(:viewer, ' ministry:' || lm.code || ' ') > 0)))"
	" ORDER BY c.id",

	/* the board (records.h): the counts by GROUP BY and one page of the
	 * list, all from the round's entries through round_entry_key */
	[STORE_QID_round_count] = BOARD_FROM(" LEFT JOIN ministry mi ON mi.id = e.ministry_id")
	" WHERE 1{year? AND r.fiscal_year = :year}" BOARD_SCOPE
	" GROUP BY r.fiscal_year, e.consolidated, e.ministry_id, e.state"
	" ORDER BY r.fiscal_year, e.consolidated, mi.sort, e.state",

	[STORE_QID_round_goal] = BOARD_FROM(BOARD_JOINS)
	" WHERE r.fiscal_year = :year" BOARD_SCOPE
	" GROUP BY g.id ORDER BY g.no",

	/* the page's ids first (and how many there are), so that the columns
	 * are computed for the page's rows only */
	[STORE_QID_board_entry] =
	" FROM (SELECT e.id AS id, count(*) OVER () AS total" BOARD_FROM(BOARD_JOINS)
	" WHERE r.fiscal_year = :year" BOARD_SCOPE
	"{ministry? AND (mi.code = :ministry{lead? OR (e.consolidated = 1 AND EXISTS"
	" (SELECT 1 FROM action_ministry am JOIN ministry lm ON lm.id = am.ministry_id"
	" WHERE am.item_id = i.id AND am.lead = 1 AND lm.code = :ministry))})}"
	"{state? AND instr(',' || :state || ',', ',' || e.state || ',') > 0}"
	"{goal? AND g.no = :goal}"
	"{overdue? AND date('now') > r.deadline AND e.state IN ('draft', 'returned')}"
	"{flagged? AND e.flagged = 1}"
	" ORDER BY i.no, e.consolidated DESC, e.pos LIMIT :limit OFFSET :offset) p"
	" JOIN round_entry e ON e.id = p.id JOIN round r ON r.id = e.round_id" BOARD_JOINS
	" ORDER BY i.no, e.consolidated DESC, e.pos",

	[STORE_QID_edition] = " FROM edition ed{year? WHERE ed.fiscal_year = :year}"
	" ORDER BY ed.fiscal_year, ed.no",

	[STORE_QID_edition_row] = " FROM edition_row er WHERE er.edition_id = :id ORDER BY er.pos",

	[STORE_QID_edition_change] = " FROM edition_change c WHERE c.edition_id = :id"
	" ORDER BY c.pos",

	[STORE_QID_document] = " FROM document d ORDER BY d.src_line, d.code",

	[STORE_QID_updated] = "",

	/* every ministry, and a row for items without one when there are
	 * such items */
	[STORE_QID_reporting] =
	" FROM (SELECT DISTINCT fiscal_year AS fy FROM followup WHERE plan_id = :plan"
	"  AND (:year IS NULL OR fiscal_year = :year)) y"
	" JOIN (SELECT id, code, abbrev, name_ja, name_en, sort FROM ministry"
	"  WHERE :ministry IS NULL OR code = :ministry"
	"  UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, 1000000 WHERE :ministry IS NULL"
	"  AND EXISTS (SELECT 1 FROM action_item i WHERE i.plan_id = :plan AND" LIVE("i")
	"  AND NOT EXISTS (SELECT 1 FROM action_ministry am WHERE am.item_id = i.id))) mi"
	" ORDER BY y.fy, mi.sort",
};

/* ", expr AS name" per column: the SELECT list after its first 2 bytes */
#define SELECT_COL_(type, name, sql) ", " sql " AS " #name
#define SELECT_LIST_(q, rec) [STORE_QID_##q] = STORE_COLS_##rec(SELECT_COL_),
static const char *const cols[STORE_QID_COUNT_] = { STORE_QUERIES(SELECT_LIST_) };

/* ---- decoding by position ---- */

typedef int (*decode_fn)(sqlite3_stmt *s, void *row, struct arena *a);

static unsigned dec_I(sqlite3_stmt *s, int i, long long *v, struct arena *a, int *rc)
{
	(void)a;
	(void)rc;
	*v = sqlite3_column_int64(s, i);
	return sqlite3_column_type(s, i) == SQLITE_NULL;
}

static unsigned dec_R(sqlite3_stmt *s, int i, double *v, struct arena *a, int *rc)
{
	(void)a;
	(void)rc;
	*v = sqlite3_column_double(s, i);
	return sqlite3_column_type(s, i) == SQLITE_NULL;
}

/* With an arena the text is copied there (it outlives the statement). */
static unsigned dec_T(sqlite3_stmt *s, int i, const char **v, struct arena *a, int *rc)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	if (!t) {
		*v = "";
		return 1;
	}
	if (a && !(t = arena_strndup(a, t, (size_t)sqlite3_column_bytes(s, i)))) {
		*rc = MD_ENOMEM;
		t = "";
	}
	*v = t;
	return 0;
}

#define DECODE_COL_(type, name, sql) r->null.name = dec_##type(s, i++, &r->name, a, &rc) & 1;
#define DECODER_(rec) \
	static int dec_##rec(sqlite3_stmt *s, void *row, struct arena *a) \
	{ \
		struct store_##rec##_row *r = row; \
		int i = 0, rc = 0; \
		STORE_COLS_##rec(DECODE_COL_) \
		return rc; \
	}
STORE_RECORDS(DECODER_)

/* ---- running a query ---- */

typedef int (*row_fn)(void *self, sqlite3_stmt *s);

/* ---- the text of a combination of filters ---- */

/* the filters a "{name? ...}" may test, by bit */
static const char *const filter_names[] = {
	"year", "ministry", "lead", "goal", "measure", "item", "unmatched", "id",
	"code", "retired", "state", "overdue", "flagged", "ministries", "owner",
};

static unsigned filters_set(const struct store_filter *f)
{
	return (f->year != 0) << 0 | (f->ministry != NULL) << 1 | (f->lead != 0) << 2 |
		(f->goal != 0) << 3 | (f->measure != 0) << 4 | (f->item != 0) << 5 |
		(f->unmatched != 0) << 6 | (f->id != 0) << 7 | (f->code != NULL) << 8 |
		(f->retired != 0) << 9 | (f->state != NULL) << 10 | (f->overdue != 0) << 11 |
		(f->flagged != 0) << 12 | (f->ministries != NULL) << 13 |
		(f->owner != NULL) << 14;
}

/* The end of the "{...}" that starts at p (its '}'), or NULL. */
static const char *cond_end(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

/* Appends sql to b with each "{cond? text}" kept when the filters in set
 * hold (text expanded in turn) or dropped; ORs into *used the bits the
 * conditions test. Returns -1 on a malformed condition. */
static int expand(struct buf *b, const char *sql, const char *end, unsigned set,
		  unsigned *used)
{
	while (sql < end) {
		const char *open = memchr(sql, '{', (size_t)(end - sql));
		const char *q, *close, *p;
		int hold = 1;

		if (!open) {
			buf_add(b, sql, (size_t)(end - sql));
			break;
		}
		buf_add(b, sql, (size_t)(open - sql));
		if (!(close = cond_end(open)) || close > end ||
		    !(q = memchr(open, '?', (size_t)(close - open))))
			return -1;
		for (p = open + 1; p < q;) {
			int neg = *p == '!';
			size_t n, k;
			const char *e;

			p += neg;
			e = memchr(p, ',', (size_t)(q - p));
			if (!e)
				e = q;
			n = (size_t)(e - p);
			for (k = 0; k < MD_ARRAY_SIZE(filter_names); k++) {
				if (strlen(filter_names[k]) == n && !memcmp(filter_names[k], p, n))
					break;
			}
			if (k == MD_ARRAY_SIZE(filter_names))
				return -1;
			*used |= 1u << k;
			if ((int)(set >> k & 1) == neg)
				hold = 0;
			p = e + (e < q);
		}
		if (hold && expand(b, q + 1, close, set, used))
			return -1;
		sql = close + 1;
	}
	return 0;
}

/* A slot's key: taken, the filters its query tests and which were set
 * (KEY_BITS_ bits each, so that many filter names at most). */
#define KEY_BITS_ 15
#define KEY_MASK_ ((1u << KEY_BITS_) - 1)
#define KEY_TAKEN_ (1u << 31)
#define KEY_(used, set) (KEY_TAKEN_ | (used) << KEY_BITS_ | ((set) & (used)))
_Static_assert(MD_ARRAY_SIZE(filter_names) <= KEY_BITS_, "widen the query slots' keys");

/* The statement for query q with the filters in set: its variant's slot
 * (*slot) when one holds it or is free, else a statement of its own, which
 * store_stmt_done_() finalizes. */
static sqlite3_stmt *query_stmt(struct store *st, enum store_qid q, unsigned set,
				enum store_stmt *slot)
{
	unsigned *keys = store_qkeys_(st) + (int)q * STORE_QVARIANTS, used = 0;
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	int v;

	*slot = (enum store_stmt)(STMT_QUERY_ + (int)q * STORE_QVARIANTS);
	for (v = 0; v < STORE_QVARIANTS && keys[v]; v++) {
		if (keys[v] == KEY_(keys[v] >> KEY_BITS_ & KEY_MASK_, set)) {
			*slot += v;
			if ((s = store_stmt_idle_(st, *slot)))
				return s;
			break;
		}
	}
	buf_puts(&sql, "SELECT ");
	if (expand(&sql, cols[q] + 2, cols[q] + strlen(cols[q]), set, &used) ||
	    expand(&sql, tails[q], tails[q] + strlen(tails[q]), set, &used)) {
		store_fail_(st, MD_EUSAGE, "internal error: bad {filter? } in a query");
		buf_release(&sql);
		return NULL;
	}
	if (buf_error(&sql)) {
		store_fail_(st, MD_ENOMEM, "query text");
	} else if (v < STORE_QVARIANTS && !keys[v]) {
		*slot += v;
		if ((s = store_stmt_(st, *slot, sql.ptr)))
			keys[v] = KEY_(used, set);
	} else if (v < STORE_QVARIANTS) {
		s = store_stmt_(st, *slot, sql.ptr);  /* running: a fresh one */
	} else if (sqlite3_prepare_v2(store_db_(st), sql.ptr, -1, &s, NULL) != SQLITE_OK) {
		store_fail_(st, MD_EDB, "prepare");
		sqlite3_finalize(s);
		s = NULL;
	}
	buf_release(&sql);
	return s;
}

static void bind_int(sqlite3_stmt *s, const char *name, int set, long long v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i <= 0)
		return;
	if (set)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static void bind_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i <= 0)
		return;
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static int run(struct store *st, enum store_qid q, const struct store_filter *f,
	       row_fn fn, void *self)
{
	static const struct store_filter none;
	enum store_stmt slot;
	sqlite3_stmt *s;
	long long plan;
	int rc = 0, step = SQLITE_DONE;

	if (!f)
		f = &none;
	if (!(s = query_stmt(st, q, filters_set(f), &slot)))
		return MD_EDB;
	plan = f->plan;
	if (!plan && sqlite3_bind_parameter_index(s, ":plan") > 0 &&
	    (rc = store_plan_find(st, 0, &plan, NULL)))
		goto out;
	bind_int(s, ":plan", 1, plan);
	bind_int(s, ":year", f->year != 0, f->year);
	bind_text(s, ":ministry", f->ministry);
	bind_int(s, ":lead", f->lead != 0, 1);
	bind_int(s, ":goal", f->goal != 0, f->goal);
	bind_int(s, ":measure", f->measure != 0, f->measure);
	bind_int(s, ":item", f->item != 0, f->item);
	bind_int(s, ":unmatched", f->unmatched != 0, 1);
	bind_int(s, ":id", f->id != 0, f->id);
	bind_text(s, ":owner", f->owner);
	bind_int(s, ":kind", f->kind != 0, f->kind);
	bind_text(s, ":code", f->code);
	bind_int(s, ":retired", f->retired != 0, 1);
	bind_text(s, ":name", f->name);
	bind_text(s, ":since", f->since);
	bind_text(s, ":until", f->until);
	bind_text(s, ":action", f->action);
	bind_text(s, ":token", f->token);
	bind_text(s, ":state", f->state);
	bind_int(s, ":overdue", f->overdue != 0, 1);
	bind_int(s, ":flagged", f->flagged != 0, 1);
	bind_text(s, ":ministries", f->ministries);
	bind_int(s, ":limit", 1, f->limit > 0 ? f->limit : -1);
	bind_int(s, ":offset", 1, f->offset > 0 ? f->offset : 0);
	if (sqlite3_bind_parameter_index(s, ":viewer") > 0) {
		struct buf vs = BUF_INIT;

		if ((rc = store_viewer_scopes_(st, f->viewer, &vs))) {
			buf_release(&vs);
			goto out;
		}
		bind_text(s, ":viewer", vs.len ? vs.ptr : NULL);
		buf_release(&vs);
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		rc = fn(self, s);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail_(st, MD_EDB, "query");
	else if (rc == MD_ENOMEM)
		store_fail_(st, MD_ENOMEM, "out of memory");
out:
	store_stmt_done_(st, slot, s);
	return rc;
}

struct loader {
	decode_fn dec;
	size_t size;       /* of one row */
	struct arena *a;
	char *rows;        /* malloc'd while loading */
	int n, cap;
};

static int load_row(void *self, sqlite3_stmt *s)
{
	struct loader *l = self;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		char *p = realloc(l->rows, (size_t)cap * l->size);

		if (!p)
			return MD_ENOMEM;
		l->rows = p;
		l->cap = cap;
	}
	return l->dec(s, l->rows + (size_t)l->n++ * l->size, l->a);
}

static int load(struct store *st, enum store_qid q, const struct store_filter *f,
		struct arena *a, decode_fn dec, size_t size, void **rows, int *n)
{
	struct loader l = { dec, size, a, NULL, 0, 0 };
	void *out = NULL;
	int rc = run(st, q, f, load_row, &l);

	if (!rc && l.n) {
		out = arena_alloc(a, (size_t)l.n * size);
		if (out)
			memcpy(out, l.rows, (size_t)l.n * size);
		else
			rc = store_fail_(st, MD_ENOMEM, "out of memory");
	}
	free(l.rows);
	if (!rc) {
		*rows = out;
		*n = l.n;
	}
	return rc;
}

#define READERS_(q, rec) \
	struct each_##q { \
		int (*fn)(void *ctx, const struct store_##rec##_row *r); \
		void *ctx; \
	}; \
	static int each_row_##q(void *self, sqlite3_stmt *s) \
	{ \
		struct each_##q *e = self; \
		struct store_##rec##_row r; \
		dec_##rec(s, &r, NULL); \
		return e->fn(e->ctx, &r); \
	} \
	int store_each_##q(struct store *st, const struct store_filter *f, \
			   int (*fn)(void *ctx, const struct store_##rec##_row *r), \
			   void *ctx) \
	{ \
		struct each_##q e = { fn, ctx }; \
		return run(st, STORE_QID_##q, f, each_row_##q, &e); \
	} \
	int store_load_##q(struct store *st, const struct store_filter *f, \
			   struct arena *a, struct store_##rec##_row **rows, int *n) \
	{ \
		void *p = NULL; \
		int rc = load(st, STORE_QID_##q, f, a, dec_##rec, sizeof(**rows), &p, n); \
		if (!rc) \
			*rows = p; \
		return rc; \
	}
STORE_QUERIES(READERS_)
