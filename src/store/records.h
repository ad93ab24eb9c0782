/*
 * store records: every row a reader gets, as a typed C struct generated
 * from ONE column list per record. Included by store.h; read it to see
 * what each query returns.
 *
 * STORE_COLS_<record>(X) lists the record's columns as
 * X(type, name, "sql expression"), type one of
 *   I  long long     (0 when SQL NULL)
 *   T  const char *  ("" when SQL NULL, never NULL)
 *   R  double        (0 when SQL NULL)
 * From the list come
 *   - struct store_<record>_row { fields...; struct { unsigned f : 1; ... } null; }
 *     (r->null.baseline_year is 1 when the value was SQL NULL; a misspelt
 *     field does not compile);
 *   - the SELECT list ("expr AS name, ..."), to which query.c appends each
 *     query's FROM/WHERE/ORDER tail, built once per connection and
 *     combination of filters set;
 * An expression may hold "{year? SQL}": SQL only when the filter :year is
 * set, "{!year? SQL}" only when it is not; "{!id,!retired? SQL}" when all
 * hold; they nest (query.c). Never "(:x IS NULL OR ...)": that stops SQLite
 * from using an index for the filter.
 *   - the decoder, by column position (no name look-ups at run time).
 *
 * STORE_QUERIES(X) lists the read queries as X(query, record):
 * a query returns rows of its record; most queries are named after their
 * record. For each query
 * there are two readers, declared below from that list:
 *
 *   int store_each_<query>(struct store *st, const struct store_filter *f,
 *       int (*fn)(void *ctx, const struct store_<record>_row *r), void *ctx);
 *     calls fn per row; strings are valid until fn returns; fn may return
 *     non-zero to stop, and that value is returned.
 *   int store_load_<query>(struct store *st, const struct store_filter *f,
 *       struct arena *a, struct store_<record>_row **rows, int *n);
 *     the rows as an array in the arena, strings copied there (*rows is
 *     NULL when *n is 0); nothing to free but the arena.
 *
 * Adding a column: one X(...) line here (and, if it needs a new table or
 * join, the query's tail in query.c). Adding a query: a line in
 * STORE_QUERIES, its column list, and its tail in query.c.
 */
#ifndef MD_STORE_RECORDS_H
#define MD_STORE_RECORDS_H

/* Retired plan rows (schema 5) are kept for their follow-up but are no part
 * of the plan: the queries over the plan's tree leave them out. */
#define STORE_SQL_LIVE(t) " " t ".retired IS NULL"

/* the ministries of action item `item` as 経、◎厚 (◎ lead), in tag order */
#define STORE_SQL_ITEM_MINISTRIES(item) \
	"(SELECT group_concat(x, '、') FROM (SELECT CASE WHEN am.lead THEN '◎'" \
	" ELSE '' END || mi.abbrev AS x FROM action_ministry am JOIN ministry mi" \
	" ON mi.id = am.ministry_id WHERE am.item_id = " item " ORDER BY am.pos))"

/* the distinct ministries (only leads when `lead`) of measure m's items */
#define STORE_SQL_MEASURE_MINISTRIES(lead) \
	"(SELECT group_concat(abbrev, '、') FROM (SELECT DISTINCT mi.abbrev, mi.sort" \
	" FROM action_item i JOIN action_ministry am ON am.item_id = i.id" \
	" JOIN ministry mi ON mi.id = am.ministry_id WHERE i.measure_id = m.id" \
	" AND" STORE_SQL_LIVE("i") lead " ORDER BY mi.sort))"

/* every scope that may read a document x of SEARCH_META (searchdoc.h), as
 * a JSON array: its readers and its owner */
#define STORE_SQL_READERS(x) \
	"json_insert(coalesce(" x ".readers, '[]'), '$[#]', " x ".owner)"

/* plans (計画), by edition */
#define STORE_COLS_plan(X) \
	X(I, id, "id") \
	X(I, edition, "edition") \
	X(T, title, "title") \
	X(T, adopted, "adopted") \
	X(I, fy_start, "fy_start") \
	X(I, fy_end, "fy_end") \
	X(I, loaded, "EXISTS (SELECT 1 FROM vision v WHERE v.plan_id = plan.id)")

/* visions (目指す姿) of :plan with their counts (goals listed, measures and
 * items of the goals listed first there) */
#define STORE_COLS_vision(X) \
	X(I, id, "v.id") \
	X(I, no, "v.no") \
	X(T, title, "v.title") \
	X(I, goals, "(SELECT count(*) FROM goal_listing gl WHERE gl.vision_id = v.id)") \
	X(I, measures, "(SELECT count(*) FROM goal_listing gl JOIN measure m" \
	  " ON m.goal_id = gl.goal_id WHERE gl.vision_id = v.id AND gl.relisted = 0" \
	  " AND" STORE_SQL_LIVE("m") ")") \
	X(I, items, "(SELECT count(*) FROM goal_listing gl JOIN measure m" \
	  " ON m.goal_id = gl.goal_id JOIN action_item i ON i.measure_id = m.id" \
	  " WHERE gl.vision_id = v.id AND gl.relisted = 0 AND" STORE_SQL_LIVE("m") \
	  " AND" STORE_SQL_LIVE("i") ")") \
	X(I, line, "v.src_line")

/* goal listings: where each goal (目標) appears under a vision; followed =
 * items with a follow-up row in :year (or any year) */
#define STORE_COLS_listing(X) \
	X(I, vision_no, "v.no") \
	X(I, pos, "gl.pos") \
	X(I, relisted, "gl.relisted") \
	X(I, goal_id, "g.id") \
	X(I, goal_no, "g.no") \
	X(T, title, "g.title") \
	X(I, measures, "(SELECT count(*) FROM measure m WHERE m.goal_id = g.id" \
	  " AND" STORE_SQL_LIVE("m") ")") \
	X(I, items, "(SELECT count(*) FROM action_item i JOIN measure m" \
	  " ON m.id = i.measure_id WHERE m.goal_id = g.id AND" STORE_SQL_LIVE("m") \
	  " AND" STORE_SQL_LIVE("i") ")") \
	X(I, followed, "(SELECT count(DISTINCT f.action_item_id) FROM followup f" \
	  " JOIN action_item i ON i.id = f.action_item_id" \
	  " JOIN measure m ON m.id = i.measure_id WHERE m.goal_id = g.id" \
	  " AND" STORE_SQL_LIVE("m") " AND" STORE_SQL_LIVE("i") \
	  "{year? AND f.fiscal_year = :year})")

/* goals; issues = 現状と課題; listings = the vision numbers, "1,3" */
#define STORE_COLS_goal(X) \
	X(I, id, "g.id") \
	X(I, no, "g.no") \
	X(T, title, "g.title") \
	X(T, issues, "g.issues") \
	X(T, listings, "(SELECT group_concat(v.no, ',') FROM goal_listing gl" \
	  " JOIN vision v ON v.id = gl.vision_id WHERE gl.goal_id = g.id)") \
	X(I, line, "g.src_line")

/* measures (施策); ministries / leads as 厚、経 */
#define STORE_COLS_measure(X) \
	X(I, id, "m.id") \
	X(I, no, "m.no") \
	X(I, goal_no, "g.no") \
	X(T, goal_title, "g.title") \
	X(T, title, "m.title") \
	X(I, items, "(SELECT count(*) FROM action_item i WHERE i.measure_id = m.id" \
	  " AND" STORE_SQL_LIVE("i") ")") \
	X(T, ministries, STORE_SQL_MEASURE_MINISTRIES("")) \
	X(T, leads, STORE_SQL_MEASURE_MINISTRIES(" AND am.lead = 1")) \
	X(I, line, "m.src_line")

/* action items (取組); followups / with_results in :year (or any year);
 * ministry_lead: :ministry leads it; retired: the plan no longer has it
 * (then retired_no is the number it had, retired_at when); source: the
 * path of the document it was imported from, line its line there */
#define STORE_COLS_item(X) \
	X(I, id, "i.id") \
	X(I, no, "i.no") \
	X(I, measure_id, "m.id") \
	X(I, measure_no, "m.no") \
	X(T, measure_title, "m.title") \
	X(I, goal_no, "g.no") \
	X(T, goal_title, "g.title") \
	X(T, text, "i.text") \
	X(T, norm, "i.text_norm") \
	X(T, tag, "i.tag_text") \
	X(T, ministries, STORE_SQL_ITEM_MINISTRIES("i.id")) \
	X(I, line, "i.src_line") \
	X(I, followups, "(SELECT count(*) FROM followup f WHERE f.action_item_id = i.id" \
	  "{year? AND f.fiscal_year = :year})") \
	X(I, with_results, "(SELECT count(*) FROM followup f WHERE f.action_item_id = i.id" \
	  "{year? AND f.fiscal_year = :year} AND f.results <> '')") \
	X(I, ministry_lead, "{!ministry?0}{ministry?EXISTS (SELECT 1 FROM action_ministry am" \
	  " JOIN ministry mi ON mi.id = am.ministry_id WHERE am.item_id = i.id" \
	  " AND mi.code = :ministry AND am.lead = 1)}") \
	X(I, retired, "i.retired IS NOT NULL") \
	X(I, retired_no, "i.retired_no") \
	X(T, retired_at, "(SELECT r.at FROM import_run r WHERE r.id = i.retired)") \
	X(T, source, "(SELECT s.path FROM source s WHERE s.id = i.src_id)")

/* an action item's ministries in tag order; lead 1 where ◎ */
#define STORE_COLS_item_ministry(X) \
	X(I, item_id, "am.item_id") \
	X(T, code, "mi.code") \
	X(T, abbrev, "mi.abbrev") \
	X(T, name_ja, "mi.name_ja") \
	X(T, name_en, "mi.name_en") \
	X(I, lead, "am.lead")

/* ministries (府省庁) with the number of items of :plan they share/lead */
#define STORE_COLS_ministry(X) \
	X(T, code, "mi.code") \
	X(T, abbrev, "mi.abbrev") \
	X(T, name_ja, "mi.name_ja") \
	X(T, name_en, "mi.name_en") \
	X(T, variants, "mi.variants") \
	X(I, involved, "(SELECT count(*) FROM action_ministry am JOIN action_item i" \
	  " ON i.id = am.item_id WHERE am.ministry_id = mi.id AND i.plan_id = :plan" \
	  " AND" STORE_SQL_LIVE("i") ")") \
	X(I, lead, "(SELECT count(*) FROM action_ministry am JOIN action_item i" \
	  " ON i.id = am.item_id WHERE am.ministry_id = mi.id AND i.plan_id = :plan" \
	  " AND" STORE_SQL_LIVE("i") " AND am.lead = 1)")

/* follow-up rows (フォローアップ); item_id etc. NULL when unmatched. Their
 * texts, 実績・状況 (results) and 取組予定 (plans), are their blocks
 * (store_each_block with owner "followup", or year_block). */
#define STORE_COLS_followup(X) \
	X(I, id, "f.id") \
	X(I, fiscal_year, "f.fiscal_year") \
	X(I, item_id, "f.action_item_id") \
	X(I, item_no, "i.no") \
	X(I, measure_no, "m.no") \
	X(I, goal_no, "g.no") \
	X(T, item_text, "f.item_text") \
	X(T, tag_text, "f.tag_text") \
	X(T, match_method, "f.match_method") \
	X(R, match_score, "f.match_score") \
	X(T, goal_text, "f.goal_text") \
	X(T, measure_text, "f.measure_text") \
	X(I, line, "f.src_line") \
	X(I, version, "f.version") \
	X(T, source, "(SELECT s.path FROM source s WHERE s.id = f.src_id)")

/* the fiscal years :plan has follow-up rows for (report_years) */
#define STORE_COLS_fiscal_year(X) \
	X(I, fiscal_year, "f.fiscal_year")
/* per fiscal year: rows, with results, with plans, unmatched, items covered */
#define STORE_COLS_followup_stat(X) \
	X(I, fiscal_year, "fiscal_year") \
	X(I, entries, "count(*)") \
	X(I, with_results, "sum(results <> '')") \
	X(I, with_plans, "sum(plans <> '')") \
	X(I, unmatched, "sum(action_item_id IS NULL)") \
	X(I, items_covered, "count(DISTINCT CASE WHEN (SELECT i.retired FROM action_item i" \
	  " WHERE i.id = action_item_id) IS NULL THEN action_item_id END)")

/* the counts of :plan (one row) */
#define STORE_COLS_count(X) \
	X(I, visions, "(SELECT count(*) FROM vision v WHERE plan_id = :plan AND" \
	  STORE_SQL_LIVE("v") ")") \
	X(I, goals, "(SELECT count(*) FROM goal g WHERE plan_id = :plan AND" \
	  STORE_SQL_LIVE("g") ")") \
	X(I, goal_listings, "(SELECT count(*) FROM goal_listing gl JOIN vision v" \
	  " ON v.id = gl.vision_id WHERE v.plan_id = :plan AND" STORE_SQL_LIVE("v") ")") \
	X(I, measures, "(SELECT count(*) FROM measure m WHERE plan_id = :plan AND" \
	  STORE_SQL_LIVE("m") ")") \
	X(I, action_items, "(SELECT count(*) FROM action_item i WHERE plan_id = :plan" \
	  " AND" STORE_SQL_LIVE("i") ")") \
	X(I, untagged, "(SELECT count(*) FROM action_item i WHERE plan_id = :plan" \
	  " AND" STORE_SQL_LIVE("i") \
	  " AND NOT EXISTS (SELECT 1 FROM action_ministry am WHERE am.item_id = i.id))") \
	X(I, areas, "(SELECT count(*) FROM area a WHERE plan_id = :plan AND kind = 'area'" \
	  " AND" STORE_SQL_LIVE("a") ")") \
	X(I, platforms, "(SELECT count(*) FROM area a WHERE plan_id = :plan" \
	  " AND kind = 'platform' AND" STORE_SQL_LIVE("a") ")") \
	X(I, edition, "(SELECT edition FROM plan WHERE id = :plan)")

/* structured text: paragraphs "p", list items "li", headings "h" */
#define STORE_COLS_block(X) \
	X(T, owner, "owner") \
	X(I, owner_id, "owner_id") \
	X(T, field, "field") \
	X(I, seq, "seq") \
	X(T, kind, "kind") \
	X(T, text, "text")

/* 重点分野 priority areas (kind "area") and platforms ("platform") */
#define STORE_COLS_area(X) \
	X(T, kind, "kind") \
	X(I, no, "no") \
	X(T, title, "title") \
	X(T, description, "description")

/* the follow-up table in the official layout, one row per follow-up row
 * (texts: its blocks, as for followup); section = the goal heading the
 * table put the row under, as written */
#define STORE_COLS_export(X) \
	X(I, fiscal_year, "f.fiscal_year") \
	X(I, vision_no, "v.no") \
	X(T, vision, "v.title") \
	X(I, goal_no, "g.no") \
	X(T, goal, "coalesce(g.title, f.goal_text)") \
	X(I, measure_no, "m.no") \
	X(T, measure, "coalesce(m.title, f.measure_text)") \
	X(I, item_no, "i.no") \
	X(T, item, "coalesce(i.text, f.item_text)") \
	X(T, ministries, "(SELECT group_concat(x, '、') FROM (SELECT CASE WHEN fm.lead" \
	  " THEN '◎' ELSE '' END || mi.abbrev AS x FROM followup_ministry fm" \
	  " JOIN ministry mi ON mi.id = fm.ministry_id WHERE fm.followup_id = f.id" \
	  " ORDER BY fm.pos))") \
	X(T, match_method, "f.match_method") \
	X(I, line, "f.src_line") \
	X(I, id, "f.id") \
	X(I, retired_item, "(SELECT r.id FROM action_item r WHERE r.id = f.action_item_id" \
	  " AND r.retired IS NOT NULL)") \
	X(T, section, "f.goal_text") \
	X(T, source, "(SELECT s.path FROM source s WHERE s.id = f.src_id)")

/* earlier values: old_value NULL for a new field, new_value NULL when the
 * row was removed; actor "kind:name" (store_actor) and the version of the
 * row that the change made; what = the row as people named it then ("A40
 * 「…」", "FY2025 follow-up of A7 「…」"), year = its year, if it has one */
#define STORE_COLS_history(X) \
	X(T, tbl, "tbl") \
	X(I, row_id, "row_id") \
	X(T, field, "field") \
	X(T, old_value, "old_value") \
	X(T, new_value, "new_value") \
	X(I, run_id, "run_id") \
	X(T, at, "at") \
	X(T, actor, "actor") \
	X(I, version, "version") \
	X(T, what, "what") \
	X(I, year, "year")

/* every follow-up block of :year, by owner_id */
#define STORE_COLS_year_block(X) \
	X(I, owner_id, "b.owner_id") \
	X(T, field, "b.field") \
	X(I, seq, "b.seq") \
	X(T, kind, "b.kind") \
	X(T, text, "b.text")

/* a searchable document as a hit shows it (searchdoc.h: SEARCH_TEXT): kind
 * (enum store_kind) and ref (its row id); no, code: the plan's number, an
 * indicator's code, for links; label: what it is called; title, body,
 * plans: the three indexed texts */
#define STORE_COLS_search_doc(X) \
	X(I, kind, "kind") \
	X(I, ref, "ref") \
	X(I, fiscal_year, "fiscal_year") \
	X(I, no, "no") \
	X(T, code, "code") \
	X(T, label, "label") \
	X(T, title, "title") \
	X(T, body, "body") \
	X(T, plans, "plans")

/* the same for every document, with who may read it: owner NULL (public)
 * or the owning scope; readers every scope that may read it (the owner
 * included), space-separated, "" when public */
#define STORE_COLS_search_docs(X) \
	X(I, kind, "d.kind") \
	X(I, ref, "d.ref") \
	X(T, title, "d.title") \
	X(T, body, "d.body") \
	X(T, plans, "d.plans") \
	X(T, owner, "x.owner") \
	X(T, readers, "CASE WHEN x.owner IS NULL THEN '' ELSE (SELECT group_concat(value, ' ')" \
	  " FROM json_each(" STORE_SQL_READERS("x") ")) END")

/* indicators (指標); goal_* from the goal, or the measure's goal */
#define STORE_COLS_indicator(X) \
	X(I, id, "i.id") \
	X(T, code, "i.code") \
	X(T, name_ja, "i.name_ja") \
	X(T, name_en, "i.name_en") \
	X(T, unit, "i.unit") \
	X(T, unit_en, "i.unit_en") \
	X(T, direction, "i.direction") \
	X(T, year_kind, "i.year_kind") \
	X(I, goal_no, "g.no") \
	X(T, goal_title, "g.title") \
	X(I, measure_no, "m.no") \
	X(T, measure_title, "m.title") \
	X(I, baseline_year, "i.baseline_year") \
	X(R, baseline_value, "i.baseline_value") \
	X(I, target_year, "i.target_year") \
	X(R, target_value, "i.target_value") \
	X(T, target_note, "i.target_note") \
	X(T, source, "i.source") \
	X(T, notes, "i.notes") \
	X(T, breakdowns, "i.breakdowns") \
	X(I, goal_linked, "i.goal_id IS NOT NULL") \
	X(I, nvalues, "(SELECT count(*) FROM indicator_value v WHERE v.indicator_id = i.id)") \
	X(I, line, "i.src_line") \
	X(I, version, "i.version")

/* every vision, goal, measure, action item and area of :plan, retired ones
 * too, by tbl, then current ones by no: what a re-import is matched
 * against. parent: a measure's goal_id, an item's measure_id; extra: a
 * goal's issues, an item's tag, an area's description; kind: an area's */
#define STORE_COLS_outline(X) \
	X(T, tbl, "tbl") \
	X(I, id, "id") \
	X(I, no, "no") \
	X(I, retired_no, "retired_no") \
	X(I, retired, "retired") \
	X(I, parent, "parent") \
	X(T, text, "text") \
	X(T, norm, "norm") \
	X(T, extra, "extra") \
	X(T, kind, "kind")

/* an indicator's yearly values; value NULL when not available */
#define STORE_COLS_ivalue(X) \
	X(I, id, "v.id") \
	X(I, indicator_id, "v.indicator_id") \
	X(T, code, "i.code") \
	X(I, year, "v.year") \
	X(T, breakdown, "v.breakdown") \
	X(R, value, "v.value") \
	X(T, na_reason, "v.na_reason") \
	X(T, note, "v.note") \
	X(T, source, "v.source") \
	X(T, as_of, "v.as_of") \
	X(I, line, "v.src_line") \
	X(I, version, "v.version")

/* ISO 8601 UTC text of a Unix time column */
#define STORE_SQL_ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

/* accounts (users of the web application): roles as "admin,editor" (by
 * the role table's order), ministries as codes "mext,meti" (the editor's
 * scope, by the ministry table's order). The password hash is not here:
 * store_account_pwhash() reads it, so no listing can show it. */
#define STORE_COLS_account(X) \
	X(I, id, "a.id") \
	X(T, name, "a.name") \
	X(T, display, "a.display") \
	X(T, email, "a.email") \
	X(I, disabled, "a.disabled") \
	X(T, roles, "(SELECT group_concat(name, ',') FROM (SELECT ro.name FROM" \
	  " account_role ar JOIN role ro ON ro.name = ar.role WHERE ar.account_id = a.id" \
	  " ORDER BY ro.sort))") \
	X(T, ministries, "(SELECT group_concat(code, ',') FROM (SELECT mi.code FROM" \
	  " account_ministry am JOIN ministry mi ON mi.id = am.ministry_id" \
	  " WHERE am.account_id = a.id ORDER BY mi.sort))") \
	X(I, created, "a.created") \
	X(I, changed, "a.changed") \
	X(I, pw_changed, "a.pw_changed") \
	X(T, created_at, STORE_SQL_ISO("a.created"))

/* sessions, newest first; revoked is 0 (null.revoked 1) while not ended.
 * token_hash is the SHA-256 of the session id; csrf the session's CSRF
 * token. Whether a session is still valid (idle, lifetime) is src/auth's
 * decision, not the query's. */
#define STORE_COLS_session(X) \
	X(I, id, "s.id") \
	X(I, account_id, "s.account_id") \
	X(T, account, "a.name") \
	X(T, token_hash, "s.token_hash") \
	X(T, csrf, "s.csrf") \
	X(I, created, "s.created") \
	X(I, last_seen, "s.last_seen") \
	X(I, expires, "s.expires") \
	X(T, address, "s.address") \
	X(T, user_agent, "s.user_agent") \
	X(I, revoked, "s.revoked") \
	X(T, revoke_reason, "s.revoke_reason")

/* the audit trail, oldest first; before/after NULL when the action has
 * none (a text longer than STORE_AUDIT_TEXT_MAX is kept as its digest) */
#define STORE_COLS_audit(X) \
	X(I, seq, "seq") \
	X(T, time, "time") \
	X(T, actor, "actor") \
	X(T, address, "address") \
	X(T, action, "action") \
	X(T, target, "target") \
	X(T, before, "before_text") \
	X(T, after, "after_text") \
	X(T, request_id, "request_id") \
	X(T, prev_hash, "prev_hash") \
	X(T, hash, "hash")

/* programmes (事業, schema 9); ministry as tags write it (厚); years fiscal,
 * NULL when not stated */
#define STORE_COLS_programme(X) \
	X(I, id, "p.id") \
	X(T, code, "p.code") \
	X(T, name_ja, "p.name_ja") \
	X(T, name_en, "p.name_en") \
	X(T, ministry, "p.ministry") \
	X(T, division, "p.division") \
	X(T, parent, "p.parent") \
	X(T, predecessor, "p.predecessor") \
	X(T, successor, "p.successor") \
	X(I, first_year, "p.first_year") \
	X(I, last_year, "p.last_year") \
	X(T, body, "p.body") \
	X(T, funding, "p.funding") \
	X(T, rate, "p.rate") \
	X(T, selection, "p.selection") \
	X(T, purpose, "p.purpose") \
	X(T, scheme, "p.scheme") \
	X(T, notes, "p.notes") \
	X(T, source, "p.source") \
	X(T, evidence, "p.evidence") \
	X(I, line, "p.src_line") \
	X(I, version, "p.version")

/* budget figures, each as one source states it; share_of_larger (内数)
 * figures are part of of_code's budget */
#define STORE_COLS_budget(X) \
	X(I, id, "b.id") \
	X(I, programme_id, "b.programme_id") \
	X(T, code, "p.code") \
	X(T, ministry, "p.ministry") \
	X(I, fiscal_year, "b.fiscal_year") \
	X(T, kind, "b.kind") \
	X(T, kind_as_written, "b.kind_as_written") \
	X(I, amount_yen, "b.amount_yen") \
	X(T, as_written, "b.as_written") \
	X(I, approx, "b.approx") \
	X(I, share_of_larger, "b.share_of_larger") \
	X(T, of_code, "b.of_code") \
	X(I, multi_year, "b.multi_year") \
	X(I, fund, "b.fund") \
	X(T, note, "b.note") \
	X(T, source, "b.source") \
	X(I, line, "b.src_line") \
	X(I, version, "b.version")

/* results a programme reports; number NULL when the value is not a count */
#define STORE_COLS_presult(X) \
	X(I, id, "r.id") \
	X(T, code, "p.code") \
	X(I, year, "r.year") \
	X(T, year_kind, "r.year_kind") \
	X(T, period, "r.period") \
	X(T, what, "r.what") \
	X(T, value, "r.value") \
	X(R, number, "r.number") \
	X(T, bound, "r.bound") \
	X(T, unit, "r.unit") \
	X(T, as_of, "r.as_of") \
	X(T, note, "r.note") \
	X(T, source, "r.source") \
	X(I, version, "r.version")

/* the indicators a programme owns */
#define STORE_COLS_pindicator(X) \
	X(T, code, "p.code") \
	X(T, indicator, "i.code") \
	X(T, name_ja, "i.name_ja") \
	X(T, note, "x.note")

/* a programme's links to measures and action items of the latest plan */
#define STORE_COLS_plink(X) \
	X(I, id, "l.id") \
	X(T, code, "p.code") \
	X(I, measure_no, "m.no") \
	X(I, item_no, "i.no") \
	X(I, item_measure_no, "m2.no") \
	X(I, goal_no, "coalesce(g.no, g2.no)") \
	X(T, name_ja, "p.name_ja") \
	X(T, status, "l.status") \
	X(I, followup_id, "l.followup_id") \
	X(T, sentence, "l.sentence") \
	X(I, version, "l.version")

/* hubs, network members, hub categories and counted networks */
#define STORE_COLS_hub(X) \
	X(I, id, "h.id") \
	X(T, code, "p.code") \
	X(T, kind, "h.kind") \
	X(T, stage, "h.stage") \
	X(T, institution, "h.institution") \
	X(T, category, "h.category") \
	X(I, count, "h.count") \
	X(T, budget_per_hub, "h.budget_per_hub") \
	X(I, budget_per_hub_yen, "h.budget_per_hub_yen") \
	X(T, fiscal_years, "h.fiscal_years") \
	X(I, first_year, "h.first_year") \
	X(T, as_of, "h.as_of") \
	X(T, prefecture, "h.prefecture") \
	X(T, prefecture_basis, "h.prefecture_basis") \
	X(T, results, "h.results") \
	X(T, note, "h.note") \
	X(T, source, "h.source") \
	X(I, version, "h.version")
/* follow-up rounds (schema 10), by fiscal year; remind_days (schema 16):
 * "14,7,1" or "" (not set); entries, by state; overdue:
 * entries not yet submitted (draft, returned) when the deadline has passed
 * (today UTC after it) */
#define STORE_COLS_round(X) \
	X(I, id, "r.id") \
	X(I, fiscal_year, "r.fiscal_year") \
	X(I, plan_edition, "(SELECT p.edition FROM plan p WHERE p.id = r.plan_id)") \
	X(T, deadline, "r.deadline") \
	X(T, state, "r.state") \
	X(T, opened_by, "r.opened_by") \
	X(T, opened_at, "r.opened_at") \
	X(I, version, "r.version") \
	X(T, remind_days, "r.remind_days") \
	X(I, entries, "(SELECT count(*) FROM round_entry e WHERE e.round_id = r.id)") \
	X(I, overdue, "CASE WHEN date('now') > r.deadline THEN (SELECT count(*) FROM" \
	  " round_entry e WHERE e.round_id = r.id AND e.state IN ('draft', 'returned'))" \
	  " ELSE 0 END")

/* a round's entries in the plan's order (item, then consolidated first,
 * then the tag's order); ministry "" and consolidated 1 for a shared
 * item's consolidated entry; results/plans as typed (blocks: owner
 * "round_entry"); overdue as for round */
#define STORE_COLS_round_entry(X) \
	X(I, id, "e.id") \
	X(I, fiscal_year, "r.fiscal_year") \
	X(I, item_id, "i.id") \
	X(I, item_no, "i.no") \
	X(I, measure_no, "m.no") \
	X(I, goal_no, "g.no") \
	X(T, item_text, "i.text") \
	X(T, item_ministries, STORE_SQL_ITEM_MINISTRIES("i.id")) \
	X(T, ministry, "coalesce(mi.code, '')") \
	X(T, abbrev, "coalesce(mi.abbrev, '')") \
	X(I, lead, "e.lead") \
	X(I, consolidated, "e.consolidated") \
	X(T, consolidated_by, "e.consolidated_by") \
	X(T, state, "e.state") \
	X(I, flagged, "e.flagged") \
	X(T, return_reason, "e.return_reason") \
	X(T, return_field, "e.return_field") \
	X(T, results, "e.results") \
	X(T, plans, "e.plans") \
	X(I, version, "e.version") \
	X(I, overdue, "date('now') > r.deadline AND e.state IN ('draft', 'returned')")

/* The board of a round (page/board.c): aggregates and a paged list, so
 * that it reads a few rows whatever the round's size.
 * round_count: a round's (or, without :year, every round's) entries per
 * fiscal year, ministry and state (GROUP BY), a
 * shared item's consolidated entries as ministry "" with consolidated 1;
 * overdue, flagged as for round_entry; sort: the ministry table's order */
#define STORE_COLS_round_count(X) \
	X(I, fiscal_year, "r.fiscal_year") \
	X(I, consolidated, "e.consolidated") \
	X(T, ministry, "coalesce(mi.code, '')") \
	X(T, abbrev, "coalesce(mi.abbrev, '')") \
	X(T, name_ja, "coalesce(mi.name_ja, '')") \
	X(T, name_en, "coalesce(mi.name_en, '')") \
	X(T, state, "e.state") \
	X(I, entries, "count(*)") \
	X(I, overdue, "sum(date('now') > r.deadline AND e.state IN ('draft', 'returned'))") \
	X(I, flagged, "sum(e.flagged)")

/* round_goal: a round's entries per goal of its plan (GROUP BY), by state */
#define STORE_COLS_round_goal(X) \
	X(I, goal_no, "g.no") \
	X(T, title, "g.title") \
	X(I, entries, "count(*)") \
	X(I, draft, "sum(e.state = 'draft')") \
	X(I, submitted, "sum(e.state = 'submitted')") \
	X(I, returned, "sum(e.state = 'returned')") \
	X(I, accepted, "sum(e.state = 'accepted')") \
	X(I, overdue, "sum(date('now') > r.deadline AND e.state IN ('draft', 'returned'))") \
	X(I, flagged, "sum(e.flagged)")

/* board_entry: one page of a round's entries, without their texts (the
 * item's cut to 40 characters); code:
 * the ministry whose entry page shows it (a consolidated entry's: its
 * lead ministries, "mhlw,meti", whose pages show it); total: how many rows the filters give before
 * :limit/:offset */
#define STORE_COLS_board_entry(X) \
	X(I, id, "e.id") \
	X(I, item_no, "i.no") \
	X(I, measure_no, "m.no") \
	X(I, goal_no, "g.no") \
	X(T, item_text, "CASE WHEN length(i.text) > 40 THEN substr(i.text, 1, 39) || '…'" \
	  " ELSE i.text END") \
	X(T, ministry, "coalesce(mi.code, '')") \
	X(T, abbrev, "coalesce(mi.abbrev, '')") \
	X(T, code, "coalesce(mi.code, (SELECT group_concat(code, ',') FROM (SELECT lm.code" \
	  " FROM action_ministry am JOIN ministry lm ON lm.id = am.ministry_id" \
	  " WHERE am.item_id = i.id AND am.lead = 1 ORDER BY am.pos)), '')") \
	X(I, lead, "e.lead") \
	X(I, consolidated, "e.consolidated") \
	X(T, consolidated_by, "e.consolidated_by") \
	X(T, state, "e.state") \
	X(I, flagged, "e.flagged") \
	X(T, return_field, "e.return_field") \
	X(I, version, "e.version") \
	X(I, overdue, "date('now') > r.deadline AND e.state IN ('draft', 'returned')") \
	X(I, total, "p.total")

/* comments on round entry :id, oldest first */
#define STORE_COLS_round_comment(X) \
	X(I, id, "c.id") \
	X(I, entry_id, "c.entry_id") \
	X(T, author, "c.author") \
	X(T, text, "c.text") \
	X(T, at, "c.at")

/* the round's reminder mail (schema 12), by year then newest first
 * (name: that account's) */
#define STORE_COLS_reminder(X) \
	X(I, id, "rm.id") \
	X(I, fiscal_year, "rm.fiscal_year") \
	X(T, step, "rm.step") \
	X(T, account, "rm.account") \
	X(T, address, "rm.address") \
	X(T, day, "rm.day") \
	X(T, entries, "rm.entries") \
	X(T, subject, "rm.subject") \
	X(T, status, "rm.status") \
	X(T, message_id, "rm.message_id") \
	X(T, error, "rm.error") \
	X(I, attempts, "rm.attempts") \
	X(T, created_at, "rm.created_at") \
	X(T, sent_at, "rm.sent_at")

/* published editions of :year (or every year), by year and number;
 * changes: how many rows changed against the previous edition */
#define STORE_COLS_edition(X) \
	X(I, id, "ed.id") \
	X(I, fiscal_year, "ed.fiscal_year") \
	X(I, no, "ed.no") \
	X(T, published_at, "ed.published_at") \
	X(T, published_by, "ed.published_by") \
	X(T, origin, "ed.origin") \
	X(I, rows, "ed.rows") \
	X(T, sha256, "ed.sha256") \
	X(I, changes, "(SELECT count(*) FROM edition_change c WHERE c.edition_id = ed.id)")

/* the rows of edition :id in order (texts: blocks with owner
 * "edition_row"; results, plans as typed or imported); headings as the
 * table writes them */
#define STORE_COLS_edition_row(X) \
	X(I, id, "er.id") \
	X(I, pos, "er.pos") \
	X(I, item_id, "er.action_item_id") \
	X(I, item_no, "er.item_no") \
	X(I, goal_no, "er.goal_no") \
	X(I, vision_no, "er.vision_no") \
	X(T, vision_heading, "er.vision_heading") \
	X(T, goal_heading, "er.goal_heading") \
	X(T, measure_heading, "er.measure_heading") \
	X(T, item_text, "er.item_text") \
	X(T, ministries, "er.ministries") \
	X(T, results, "er.results") \
	X(T, plans, "er.plans")

/* what edition :id changed against the one before: added, removed, or
 * changed with fields "results,plans,ministries,item" */
#define STORE_COLS_edition_change(X) \
	X(I, pos, "c.pos") \
	X(I, item_id, "c.action_item_id") \
	X(I, item_no, "c.item_no") \
	X(T, item_text, "c.item_text") \
	X(T, change, "c.change") \
	X(T, fields, "c.fields")

/* the documents of the sources list (schema 6) */
#define STORE_COLS_document(X) \
	X(I, id, "d.id") \
	X(T, code, "d.code") \
	X(T, files, "d.files") \
	X(T, title_ja, "d.title_ja") \
	X(T, title_en, "d.title_en") \
	X(T, publisher_ja, "d.publisher_ja") \
	X(T, publisher_en, "d.publisher_en") \
	X(T, issued, "d.issued") \
	X(T, url, "d.url") \
	X(T, note, "d.note")

/* when the public content last changed (one row; at "" when it never
 * did): an import, an edit of public data, a publication; a draft, a
 * sign-in or an audit entry does not count (store.c public_triggers()) */
#define STORE_COLS_updated(X) \
	X(T, at, "(SELECT at FROM public_state)")

/* reporting status per fiscal year (with follow-up rows) and ministry: the
 * live action items of :plan the ministry leads or shares (items, leads),
 * how many have a follow-up row of the year with results (reported), and
 * the numbers of those that have none, ascending, as "23,42": without a
 * row (missing) and with a row but no results (empty). code '' is the
 * items no ministry is named for. */
#define STORE_SQL_REPORT_ITEMS(cond) \
	"(SELECT " cond " FROM action_item i WHERE i.plan_id = :plan AND" \
	STORE_SQL_LIVE("i") " AND (CASE WHEN mi.id IS NULL THEN NOT EXISTS" \
	" (SELECT 1 FROM action_ministry am WHERE am.item_id = i.id) ELSE EXISTS" \
	" (SELECT 1 FROM action_ministry am WHERE am.item_id = i.id AND" \
	" am.ministry_id = mi.id) END)"
#define STORE_SQL_FU(cond) "EXISTS (SELECT 1 FROM followup f WHERE" \
	" f.action_item_id = i.id AND f.fiscal_year = y.fy" cond ")"
#define STORE_COLS_reporting(X) \
	X(I, fiscal_year, "y.fy") \
	X(T, code, "coalesce(mi.code, '')") \
	X(T, abbrev, "coalesce(mi.abbrev, '')") \
	X(T, name_ja, "coalesce(mi.name_ja, '')") \
	X(T, name_en, "coalesce(mi.name_en, '')") \
	X(I, items, STORE_SQL_REPORT_ITEMS("count(*)") ")") \
	X(I, leads, STORE_SQL_REPORT_ITEMS("count(*)") " AND EXISTS (SELECT 1" \
	  " FROM action_ministry am WHERE am.item_id = i.id AND am.ministry_id = mi.id" \
	  " AND am.lead = 1))") \
	X(I, reported, STORE_SQL_REPORT_ITEMS("count(*)") " AND " \
	  STORE_SQL_FU(" AND f.results <> ''") ")") \
	X(T, missing, "(SELECT group_concat(no, ',') FROM " \
	  STORE_SQL_REPORT_ITEMS("i.no AS no") " AND NOT " STORE_SQL_FU("") \
	  " ORDER BY i.no))") \
	X(T, empty, "(SELECT group_concat(no, ',') FROM " \
	  STORE_SQL_REPORT_ITEMS("i.no AS no") " AND " STORE_SQL_FU("") " AND NOT " \
	  STORE_SQL_FU(" AND f.results <> ''") " ORDER BY i.no))")

/*
 * The read queries: X(query, record). The filter
 * fields each reads (struct store_filter, store.h; others are ignored):
 *   plan          -                      every plan, by edition
 *   vision        plan                   by no
 *   listing       plan year goal         by vision, position
 *   goal          plan goal              by no
 *   measure       plan goal measure ministry lead            by no
 *   item          plan goal measure item ministry lead year id retired  by no
 *                 (id: that item, retired or not; retired: retired ones too)
 *   item_ministry plan id (an item id)   by item, tag order
 *   ministry      plan ministry          in the table's order
 *   followup      plan year item measure unmatched id        by year, line
 *                 (item: by number; id: by item id, retired items too)
 *   followup_stat plan year              by year
 *   count         plan                   one row
 *   block         owner id               by field, seq
 *   area          plan                   by kind, no
 *   export        plan year goal ministry lead               by year, line
 *   history       id (a row id) owner (its table)  oldest first
 *   year_block    plan year              by owner_id, field, seq
 *   search_doc    kind id (the ref)      the one document
 *   search_docs   -                      every document, by kind and ref
 *   indicator     code goal              by goal, code
 *   ivalue        code id (an indicator id)                  by code, breakdown, year
 *   outline       plan                   by tbl, retired, no
 *   account       name                   by name
 *   session       name (the account) id token (its hash)     newest first
 *   audit         since until name action  oldest first (name: the actor or
 *                 the target is user:NAME; action: that action or one
 *                 below it, "login" takes "login.fail")

 *   programme     code ministry (code or 厚) goal (linked, confirmed) year
 *                 (a budget or period in that fiscal year)     by ministry, code
 *   budget        code year ministry     by code, year, kind, source
 *   presult       code                   by code, year, id
 *   pindicator    code                   by code, indicator
 *   plink         code                   by code, measure, item
 *   hub           code year              by code, year, id
 *   round         year                   by year
 *   round_entry   year ministry item id  by item no, consolidated first,
 *                 tag order (ministry: that ministry's entries, and with
 *                 lead the consolidated ones of items it leads too)
 *   round_comment id (an entry id) viewer  oldest first; only what the
 *                 viewer may read: every comment for role:secretariat or
 *                 role:reviewer, those of an entry its ministry writes
 *                 for ministry:CODE (a consolidated entry: its item's
 *                 lead ministries), none for the public (no viewer)
 *   reminder      year name              by year, newest first
 *   round_count   year ministries        by year, consolidated, ministry
 *                                        table, state (the board's counts)
 *   round_goal    year ministries        by goal no
 *   board_entry   year ministry lead ministries state goal overdue
 *                 flagged limit offset   as round_entry (ministries:
 *                 "mhlw,meti", entries of those and the consolidated ones
 *                 they lead; state: one or "submitted,accepted"; limit 0:
 *                 all)
 *   edition       year                   by year, no
 *   edition_row   id (an edition id)     by pos
 *   edition_change id (an edition id)    by pos
 *   document      -                      every document, in the list's order
 *   updated       -                      one row
 *   reporting     plan year ministry     by year, ministry (items of no
 *                                        ministry last; only when there are)
 * plan 0 is the latest plan (MD_ENOTFOUND when there is none).
 */
#define STORE_QUERIES(X) \
	X(plan, plan) \
	X(vision, vision) \
	X(listing, listing) \
	X(goal, goal) \
	X(measure, measure) \
	X(item, item) \
	X(item_ministry, item_ministry) \
	X(ministry, ministry) \
	X(followup, followup) \
	X(followup_stat, followup_stat) \
	X(fiscal_year, fiscal_year) \
	X(count, count) \
	X(block, block) \
	X(area, area) \
	X(export, export) \
	X(history, history) \
	X(year_block, year_block) \
	X(search_doc, search_doc) \
	X(search_docs, search_docs) \
	X(indicator, indicator) \
	X(ivalue, ivalue) \
	X(outline, outline) \
	X(account, account) \
	X(session, session) \
	X(audit, audit) \
	X(programme, programme) \
	X(budget, budget) \
	X(presult, presult) \
	X(pindicator, pindicator) \
	X(plink, plink) \
	X(hub, hub) \
	X(round, round) \
	X(round_entry, round_entry) \
	X(round_comment, round_comment) \
	X(reminder, reminder) \
	X(round_count, round_count) \
	X(round_goal, round_goal) \
	X(board_entry, board_entry) \
	X(edition, edition) \
	X(edition_row, edition_row) \
	X(edition_change, edition_change) \
	X(document, document) \
	X(updated, updated) \
	X(reporting, reporting)

/* The records (each has a column list above). */
#define STORE_RECORDS(X) \
	X(plan) X(vision) X(listing) X(goal) X(measure) X(item) X(item_ministry) \
	X(ministry) X(followup) X(followup_stat) X(fiscal_year) X(count) X(block) \
	X(area) X(export) X(history) X(year_block) X(search_doc) X(search_docs) \
	X(indicator) X(ivalue) X(outline) X(account) X(session) X(audit) X(programme) \
	X(budget) X(presult) X(pindicator) X(plink) X(hub) \
	X(round) X(round_entry) X(round_comment) X(reminder) X(round_count) X(round_goal) \
	X(board_entry) X(edition) X(edition_row) \
	X(edition_change) \
	X(document) X(updated) X(reporting)

/* ---- what the lists generate ---- */

#define STORE_CTYPE_I long long
#define STORE_CTYPE_T const char *
#define STORE_CTYPE_R double
#define STORE_FIELD_(type, name, sql) STORE_CTYPE_##type name;
#define STORE_NULLBIT_(type, name, sql) unsigned name : 1;
#define STORE_ROW_STRUCT_(rec) \
	struct store_##rec##_row { \
		STORE_COLS_##rec(STORE_FIELD_) \
		struct { STORE_COLS_##rec(STORE_NULLBIT_) } null; /* 1: SQL NULL */ \
	};
STORE_RECORDS(STORE_ROW_STRUCT_)

struct store;
struct store_filter;
struct arena;

#define STORE_READERS_(q, rec) \
	int store_each_##q(struct store *st, const struct store_filter *f, \
			   int (*fn)(void *ctx, const struct store_##rec##_row *r), \
			   void *ctx); \
	int store_load_##q(struct store *st, const struct store_filter *f, \
			   struct arena *a, struct store_##rec##_row **rows, int *n);
STORE_QUERIES(STORE_READERS_)

#endif
