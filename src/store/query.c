/*
 * The named read queries. Every query may use the parameters :plan :year
 * :ministry :lead :goal :measure :item :unmatched :id :owner; unset filters
 * are bound as NULL and each query says "(:x IS NULL OR ...)".
 */
#include <string.h>
#include <sqlite3.h>

#include "store.h"

/* struct store is private to store.c; reach its db through this. */
sqlite3 *store_db_(struct store *st);
int store_fail_(struct store *st, int rc, const char *what);
sqlite3_stmt **store_qcache_(struct store *st);

#define MINISTRY_FILTER(item) \
	" AND (:ministry IS NULL OR EXISTS (SELECT 1 FROM action_ministry am" \
	" JOIN ministry mi ON mi.id = am.ministry_id WHERE am.item_id = " item \
	" AND mi.code = :ministry AND (:lead IS NULL OR am.lead = 1)))"

#define ITEM_MINISTRIES(item) \
	"(SELECT group_concat(x, '、') FROM (SELECT CASE WHEN am.lead THEN '◎'" \
	" ELSE '' END || mi.abbrev AS x FROM action_ministry am JOIN ministry mi" \
	" ON mi.id = am.ministry_id WHERE am.item_id = " item " ORDER BY am.pos))"

static const char *const sql[] = {
	[STORE_Q_PLANS] =
	"SELECT id, edition, title, adopted, fy_start, fy_end,"
	" EXISTS (SELECT 1 FROM vision v WHERE v.plan_id = plan.id) AS loaded"
	" FROM plan ORDER BY edition",

	[STORE_Q_VISIONS] =
	"SELECT v.id, v.no, v.title,"
	" (SELECT count(*) FROM goal_listing gl WHERE gl.vision_id = v.id) AS goals,"
	" (SELECT count(*) FROM goal_listing gl JOIN measure m ON m.goal_id = gl.goal_id"
	"  WHERE gl.vision_id = v.id AND gl.relisted = 0) AS measures,"
	" (SELECT count(*) FROM goal_listing gl JOIN measure m ON m.goal_id = gl.goal_id"
	"  JOIN action_item i ON i.measure_id = m.id"
	"  WHERE gl.vision_id = v.id AND gl.relisted = 0) AS items,"
	" v.src_line AS line"
	" FROM vision v WHERE v.plan_id = :plan ORDER BY v.no",

	[STORE_Q_LISTINGS] =
	"SELECT v.no AS vision_no, gl.pos, gl.relisted, g.id AS goal_id,"
	" g.no AS goal_no, g.title,"
	" (SELECT count(*) FROM measure m WHERE m.goal_id = g.id) AS measures,"
	" (SELECT count(*) FROM action_item i JOIN measure m ON m.id = i.measure_id"
	"  WHERE m.goal_id = g.id) AS items,"
	" (SELECT count(DISTINCT f.action_item_id) FROM followup f"
	"  JOIN action_item i ON i.id = f.action_item_id"
	"  JOIN measure m ON m.id = i.measure_id WHERE m.goal_id = g.id"
	"  AND (:year IS NULL OR f.fiscal_year = :year)) AS followed"
	" FROM goal_listing gl JOIN vision v ON v.id = gl.vision_id"
	" JOIN goal g ON g.id = gl.goal_id"
	" WHERE v.plan_id = :plan AND (:goal IS NULL OR g.no = :goal)"
	" ORDER BY v.no, gl.pos",

	[STORE_Q_GOALS] =
	"SELECT g.id, g.no, g.title, g.issues,"
	" (SELECT group_concat(v.no, ',') FROM goal_listing gl JOIN vision v"
	"  ON v.id = gl.vision_id WHERE gl.goal_id = g.id) AS listings,"
	" g.src_line AS line"
	" FROM goal g WHERE g.plan_id = :plan AND (:goal IS NULL OR g.no = :goal)"
	" ORDER BY g.no",

	[STORE_Q_MEASURES] =
	"SELECT m.id, m.no, g.no AS goal_no, g.title AS goal_title, m.title,"
	" (SELECT count(*) FROM action_item i WHERE i.measure_id = m.id) AS items,"
	" (SELECT group_concat(abbrev, '、') FROM (SELECT DISTINCT mi.abbrev, mi.sort"
	"  FROM action_item i JOIN action_ministry am ON am.item_id = i.id"
	"  JOIN ministry mi ON mi.id = am.ministry_id WHERE i.measure_id = m.id"
	"  ORDER BY mi.sort)) AS ministries,"
	" (SELECT group_concat(abbrev, '、') FROM (SELECT DISTINCT mi.abbrev, mi.sort"
	"  FROM action_item i JOIN action_ministry am ON am.item_id = i.id"
	"  JOIN ministry mi ON mi.id = am.ministry_id WHERE i.measure_id = m.id"
	"  AND am.lead = 1 ORDER BY mi.sort)) AS leads,"
	" m.src_line AS line"
	" FROM measure m JOIN goal g ON g.id = m.goal_id"
	" WHERE m.plan_id = :plan AND (:goal IS NULL OR g.no = :goal)"
	" AND (:measure IS NULL OR m.no = :measure)"
	" AND (:ministry IS NULL OR EXISTS (SELECT 1 FROM action_item i"
	"  JOIN action_ministry am ON am.item_id = i.id"
	"  JOIN ministry mi ON mi.id = am.ministry_id WHERE i.measure_id = m.id"
	"  AND mi.code = :ministry AND (:lead IS NULL OR am.lead = 1)))"
	" ORDER BY m.no",

	[STORE_Q_ITEMS] =
	"SELECT i.id, i.no, m.id AS measure_id, m.no AS measure_no,"
	" m.title AS measure_title, g.no AS goal_no, g.title AS goal_title,"
	" i.text, i.text_norm AS norm, i.tag_text AS tag,"
	" " ITEM_MINISTRIES("i.id") " AS ministries, i.src_line AS line,"
	" (SELECT count(*) FROM followup f WHERE f.action_item_id = i.id"
	"  AND (:year IS NULL OR f.fiscal_year = :year)) AS followups,"
	" (SELECT count(*) FROM followup f WHERE f.action_item_id = i.id"
	"  AND (:year IS NULL OR f.fiscal_year = :year) AND f.results <> '')"
	"  AS with_results,"
	" EXISTS (SELECT 1 FROM action_ministry am JOIN ministry mi"
	"  ON mi.id = am.ministry_id WHERE am.item_id = i.id"
	"  AND mi.code = :ministry AND am.lead = 1) AS ministry_lead"
	" FROM action_item i JOIN measure m ON m.id = i.measure_id"
	" JOIN goal g ON g.id = m.goal_id"
	" WHERE i.plan_id = :plan AND (:goal IS NULL OR g.no = :goal)"
	" AND (:measure IS NULL OR m.no = :measure)"
	" AND (:item IS NULL OR i.no = :item)"
	MINISTRY_FILTER("i.id")
	" ORDER BY i.no",

	[STORE_Q_ITEM_MINISTRIES] =
	"SELECT am.item_id, mi.code, mi.abbrev, mi.name_ja, mi.name_en, am.lead"
	" FROM action_ministry am JOIN ministry mi ON mi.id = am.ministry_id"
	" JOIN action_item i ON i.id = am.item_id"
	" WHERE i.plan_id = :plan AND (:id IS NULL OR am.item_id = :id)"
	" ORDER BY i.no, am.pos",

	[STORE_Q_MINISTRIES] =
	"SELECT mi.code, mi.abbrev, mi.name_ja, mi.name_en, mi.variants,"
	" (SELECT count(*) FROM action_ministry am JOIN action_item i"
	"  ON i.id = am.item_id WHERE am.ministry_id = mi.id"
	"  AND i.plan_id = :plan) AS involved,"
	" (SELECT count(*) FROM action_ministry am JOIN action_item i"
	"  ON i.id = am.item_id WHERE am.ministry_id = mi.id"
	"  AND i.plan_id = :plan AND am.lead = 1) AS lead"
	" FROM ministry mi WHERE (:ministry IS NULL OR mi.code = :ministry)"
	" ORDER BY mi.sort",

	[STORE_Q_FOLLOWUPS] =
	"SELECT f.id, f.fiscal_year, f.action_item_id AS item_id, i.no AS item_no,"
	" m.no AS measure_no, g.no AS goal_no, f.item_text, f.tag_text,"
	" f.results, f.plans, f.match_method, f.match_score,"
	" f.goal_text, f.measure_text, f.src_line AS line"
	" FROM followup f LEFT JOIN action_item i ON i.id = f.action_item_id"
	" LEFT JOIN measure m ON m.id = i.measure_id"
	" LEFT JOIN goal g ON g.id = m.goal_id"
	" WHERE f.plan_id = :plan AND (:year IS NULL OR f.fiscal_year = :year)"
	" AND (:item IS NULL OR i.no = :item)"
	" AND (:measure IS NULL OR m.no = :measure)"
	" AND (:unmatched IS NULL OR f.action_item_id IS NULL)"
	" ORDER BY f.fiscal_year, f.src_line",

	[STORE_Q_FOLLOWUP_STATS] =
	"SELECT fiscal_year, count(*) AS entries,"
	" sum(results <> '') AS with_results, sum(plans <> '') AS with_plans,"
	" sum(action_item_id IS NULL) AS unmatched,"
	" count(DISTINCT action_item_id) AS items_covered"
	" FROM followup WHERE plan_id = :plan"
	" AND (:year IS NULL OR fiscal_year = :year)"
	" GROUP BY fiscal_year ORDER BY fiscal_year",

	[STORE_Q_COUNTS] =
	"SELECT (SELECT count(*) FROM vision WHERE plan_id = :plan) AS visions,"
	" (SELECT count(*) FROM goal WHERE plan_id = :plan) AS goals,"
	" (SELECT count(*) FROM goal_listing gl JOIN vision v ON v.id = gl.vision_id"
	"  WHERE v.plan_id = :plan) AS goal_listings,"
	" (SELECT count(*) FROM measure WHERE plan_id = :plan) AS measures,"
	" (SELECT count(*) FROM action_item WHERE plan_id = :plan) AS action_items,"
	" (SELECT count(*) FROM action_item i WHERE plan_id = :plan AND NOT EXISTS"
	"  (SELECT 1 FROM action_ministry am WHERE am.item_id = i.id)) AS untagged,"
	" (SELECT count(*) FROM area WHERE plan_id = :plan AND kind = 'area') AS areas,"
	" (SELECT count(*) FROM area WHERE plan_id = :plan AND kind = 'platform') AS platforms,"
	" (SELECT edition FROM plan WHERE id = :plan) AS edition",

	[STORE_Q_BLOCKS] =
	"SELECT owner, owner_id, field, seq, kind, text FROM text_block"
	" WHERE owner = :owner AND owner_id = :id ORDER BY field, seq",

	[STORE_Q_AREAS] =
	"SELECT kind, no, title, description FROM area WHERE plan_id = :plan"
	" ORDER BY kind, no",

	[STORE_Q_EXPORT] =
	"SELECT f.fiscal_year, v.no AS vision_no, v.title AS vision,"
	" g.no AS goal_no, coalesce(g.title, f.goal_text) AS goal,"
	" m.no AS measure_no, coalesce(m.title, f.measure_text) AS measure,"
	" i.no AS item_no, coalesce(i.text, f.item_text) AS item,"
	" (SELECT group_concat(x, '、') FROM (SELECT CASE WHEN fm.lead THEN '◎'"
	"  ELSE '' END || mi.abbrev AS x FROM followup_ministry fm JOIN ministry mi"
	"  ON mi.id = fm.ministry_id WHERE fm.followup_id = f.id ORDER BY fm.pos))"
	"  AS ministries,"
	" f.results, f.plans, f.match_method, f.src_line AS line, f.id"
	" FROM followup f LEFT JOIN action_item i ON i.id = f.action_item_id"
	" LEFT JOIN measure m ON m.id = i.measure_id"
	" LEFT JOIN goal g ON g.id = m.goal_id"
	" LEFT JOIN vision v ON v.id = (SELECT gl.vision_id FROM goal_listing gl"
	"  WHERE gl.goal_id = g.id ORDER BY gl.relisted, gl.id LIMIT 1)"
	" WHERE f.plan_id = :plan AND (:year IS NULL OR f.fiscal_year = :year)"
	" AND (:goal IS NULL OR g.no = :goal)"
	" AND (:ministry IS NULL OR EXISTS (SELECT 1 FROM followup_ministry fm"
	"  JOIN ministry mi ON mi.id = fm.ministry_id WHERE fm.followup_id = f.id"
	"  AND mi.code = :ministry AND (:lead IS NULL OR fm.lead = 1)))"
	" ORDER BY f.fiscal_year, f.src_line",

	[STORE_Q_HISTORY] =
	"SELECT tbl, row_id, field, old_value, new_value, run_id, at FROM history"
	" WHERE (:id IS NULL OR row_id = :id) ORDER BY id",

	[STORE_Q_YEAR_BLOCKS] =
	"SELECT b.owner_id, b.field, b.seq, b.kind, b.text FROM followup f"
	" JOIN text_block b ON b.owner = 'followup' AND b.owner_id = f.id"
	" WHERE f.plan_id = :plan AND f.fiscal_year = :year"
	" ORDER BY b.owner_id, b.field, b.seq",

	[STORE_Q_SEARCH_DOC] =
	"SELECT doc, kind, ref, fiscal_year, no, label, title, body, plans"
	" FROM search_doc WHERE kind = :kind AND ref = :id",

	[STORE_Q_SEARCH_DOCS] =
	"SELECT doc, kind, ref, fiscal_year, no, label, title, body, plans"
	" FROM search_doc ORDER BY doc",

	[STORE_Q_INDICATORS] =
	"SELECT i.id, i.code, i.name_ja, i.name_en, i.unit, i.unit_en, i.direction,"
	" i.year_kind, g.no AS goal_no, g.title AS goal_title,"
	" m.no AS measure_no, m.title AS measure_title,"
	" i.baseline_year, i.baseline_value, i.target_year, i.target_value,"
	" i.target_note, i.source, i.notes, i.breakdowns,"
	" i.goal_id IS NOT NULL AS goal_linked,"
	" (SELECT count(*) FROM indicator_value v WHERE v.indicator_id = i.id) AS nvalues,"
	" i.src_line AS line"
	" FROM indicator i LEFT JOIN measure m ON m.id = i.measure_id"
	" LEFT JOIN goal g ON g.id = coalesce(i.goal_id, m.goal_id)"
	" WHERE (:code IS NULL OR i.code = :code) AND (:goal IS NULL OR g.no = :goal)"
	" ORDER BY g.no IS NULL, g.no, i.code",

	[STORE_Q_IVALUES] =
	"SELECT v.id, v.indicator_id, i.code, v.year, v.breakdown, v.value,"
	" v.na_reason, v.note, v.source, v.as_of, v.src_line AS line"
	" FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
	" WHERE (:code IS NULL OR i.code = :code) AND (:id IS NULL OR i.id = :id)"
	" ORDER BY i.code, v.breakdown, v.year",
};

struct store_row {
	sqlite3_stmt *stmt;
};

static int col_index(const struct store_row *r, const char *name)
{
	int i, n = sqlite3_column_count(r->stmt);

	for (i = 0; i < n; i++) {
		if (!strcmp(sqlite3_column_name(r->stmt, i), name))
			return i;
	}
	return -1;
}

const char *store_row_text(const struct store_row *r, const char *name)
{
	int i = col_index(r, name);
	const unsigned char *t;

	if (i < 0)
		return "";
	t = sqlite3_column_text(r->stmt, i);
	return t ? (const char *)t : "";
}

long long store_row_int(const struct store_row *r, const char *name)
{
	int i = col_index(r, name);

	return i < 0 ? 0 : sqlite3_column_int64(r->stmt, i);
}

double store_row_real(const struct store_row *r, const char *name)
{
	int i = col_index(r, name);

	return i < 0 ? 0 : sqlite3_column_double(r->stmt, i);
}

int store_row_null(const struct store_row *r, const char *name)
{
	int i = col_index(r, name);

	return i < 0 || sqlite3_column_type(r->stmt, i) == SQLITE_NULL;
}

int store_row_columns(const struct store_row *r)
{
	return sqlite3_column_count(r->stmt);
}

const char *store_row_name(const struct store_row *r, int i)
{
	return sqlite3_column_name(r->stmt, i);
}

const char *store_row_text_at(const struct store_row *r, int i)
{
	return (const char *)sqlite3_column_text(r->stmt, i);
}

static void bind_named(sqlite3_stmt *s, const char *name, int set, long long v)
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

int store_query(struct store *st, enum store_q q, const struct store_filter *f,
		store_row_fn fn, void *ctx)
{
	static const struct store_filter none;
	sqlite3 *db = store_db_(st);
	struct store_row row;
	sqlite3_stmt *s = NULL, **cache;
	long long plan;
	int rc = 0, step;

	if (!f)
		f = &none;
	if ((unsigned)q >= MD_ARRAY_SIZE(sql))
		return store_fail_(st, MD_EUSAGE, "no such query");
	plan = f->plan;
	if (!plan && strstr(sql[q], ":plan")) {
		rc = store_plan_find(st, 0, &plan, NULL);
		if (rc)
			return rc;
	}
	/* Each query is prepared once per connection; a nested run of the
	 * same query (its statement still stepping) gets a statement of its
	 * own. */
	cache = store_qcache_(st);
	if (cache[q] && !sqlite3_stmt_busy(cache[q])) {
		s = cache[q];
		sqlite3_clear_bindings(s);
	} else {
		if (sqlite3_prepare_v3(db, sql[q], -1, SQLITE_PREPARE_PERSISTENT,
				       &s, NULL) != SQLITE_OK)
			return store_fail_(st, MD_EDB, "query");
		if (!cache[q])
			cache[q] = s;
	}
	bind_named(s, ":plan", 1, plan);
	bind_named(s, ":year", f->year != 0, f->year);
	bind_text(s, ":ministry", f->ministry);
	bind_named(s, ":lead", f->lead != 0, 1);
	bind_named(s, ":goal", f->goal != 0, f->goal);
	bind_named(s, ":measure", f->measure != 0, f->measure);
	bind_named(s, ":item", f->item != 0, f->item);
	bind_named(s, ":unmatched", f->unmatched != 0, 1);
	bind_named(s, ":id", f->id != 0, f->id);
	bind_text(s, ":owner", f->owner);
	bind_named(s, ":kind", f->kind != 0, f->kind);
	bind_text(s, ":code", f->code);
	row.stmt = s;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		rc = fn(ctx, &row);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail_(st, MD_EDB, "query");
	if (s == cache[q])
		sqlite3_reset(s);
	else
		sqlite3_finalize(s);
	return rc;
}
