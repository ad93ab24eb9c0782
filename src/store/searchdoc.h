/*
 * Internal to store: what each kind of searchable document is, in SQL, for
 * fts.c (the index and the search) and query.c (the documents as rows).
 *
 * SEARCH_KINDS(X, W) has one X(...) per kind:
 *
 *   X(W, kind, key, from, live, fy, no, code, label, title, body, plans,
 *     owner, readers, ministries)
 *
 *   kind        its enum store_kind value (SQL text; stored, never reused)
 *   key         the expression of its row id (the map's ref)
 *   from        FROM clause: one row per document (joins allowed)
 *   live        the condition for a row to be a document ("1": every row;
 *               a retired plan row is none)
 *   fy          fiscal year of the document or NULL (the --year filter)
 *   no, code    the plan's number, the code (NULL when none): for links
 *   label       what a hit is called
 *   title, body, plans   the three indexed texts (title weighs 10)
 *   owner       the owning scope ("ministry:meti", "desk:mediso", ...);
 *               NULL: a public document
 *   readers     a JSON array of further scopes that may read it (NULL:
 *               none); the owner always may
 *   ministries  a JSON array of ministry ids: the ministries the document
 *               belongs to (the --ministry filter)
 *
 * W(kind, key) is the restriction the caller wants (SD_ALL, SD_DIRTY, ...)
 * appended to each kind's WHERE. SEARCH_TEXT(W) and SEARCH_META(W) give
 * every such document as rows (kind, ref, fiscal_year, no, code, label,
 * title, body, plans) and (kind, ref, fiscal_year, owner, readers,
 * ministries).
 *
 * A follow-up row's text is its blocks (the stored cell may be HTML); a
 * follow-up row of a retired action item is a document of its year, not of
 * the item. A round entry (kind 7) is a document once it has text (its
 * 実績・状況 results and 取組予定 plans as typed), of its round's year,
 * never public: owned by its ministry (a consolidated entry by the
 * secretariat, and read by the item's lead ministries), read by the
 * secretariat, and by the reviewers while it is submitted or accepted. The ministries of a vision, goal or measure are those of its
 * live action items; an indicator's, those of its measure's items (or its
 * goal's).
 */
#ifndef MD_STORE_SEARCHDOC_H
#define MD_STORE_SEARCHDOC_H

#define SD_BLOCKS(f) \
	"coalesce((SELECT group_concat(text, char(10)) FROM (SELECT text" \
	" FROM text_block WHERE owner = 'followup' AND owner_id = f.id" \
	" AND field = '" f "' ORDER BY seq)), '')"

#define SD_ITEM_MINISTRIES(join, where) \
	"(SELECT json_group_array(DISTINCT am.ministry_id) FROM " join \
	" JOIN action_ministry am ON am.item_id = ai.id WHERE ai.retired IS NULL AND (" \
	where "))"

/* who besides its owner may read a round entry (kind 7): the
 * secretariat, the reviewers once it is submitted (not while it is a
 * draft or back with its ministry), and for a consolidated entry (owned
 * by the secretariat) the item's lead ministries, who write it */
#define SD_ENTRY_READERS \
	"(SELECT json_group_array(s) FROM (SELECT 'role:secretariat' s UNION ALL" \
	" SELECT 'role:reviewer' WHERE e.state IN ('submitted','accepted') UNION ALL" \
	" SELECT 'ministry:' || code FROM action_ministry JOIN ministry ON id = ministry_id" \
	" WHERE e.ministry_id IS NULL AND item_id = e.action_item_id AND lead))"

#define SEARCH_KINDS(X, W) \
	X(W, "1", "v.id", "vision v", "v.retired IS NULL", "NULL", "v.no", "NULL", "v.title", \
	  "v.title", "''", "''", "NULL", "NULL", \
	  SD_ITEM_MINISTRIES("goal_listing gl JOIN measure me ON me.goal_id = gl.goal_id" \
			     " JOIN action_item ai ON ai.measure_id = me.id", \
			     "gl.vision_id = v.id")) \
	X(W, "2", "g.id", "goal g", "g.retired IS NULL", "NULL", "g.no", "NULL", "g.title", \
	  "g.title", "g.issues", "''", "NULL", "NULL", \
	  SD_ITEM_MINISTRIES("measure me JOIN action_item ai ON ai.measure_id = me.id", \
			     "me.goal_id = g.id")) \
	X(W, "3", "m.id", "measure m", "m.retired IS NULL", "NULL", "m.no", "NULL", "m.title", \
	  "m.title", "''", "''", "NULL", "NULL", \
	  SD_ITEM_MINISTRIES("action_item ai", "ai.measure_id = m.id")) \
	X(W, "4", "a.id", "action_item a", "a.retired IS NULL", "NULL", "a.no", "NULL", "a.text", \
	  "''", "a.text", "''", "NULL", "NULL", \
	  SD_ITEM_MINISTRIES("action_item ai", "ai.id = a.id")) \
	X(W, "5", "f.id", "followup f LEFT JOIN action_item i ON i.id = f.action_item_id" \
	  " AND i.retired IS NULL", "1", "f.fiscal_year", "i.no", "NULL", "f.item_text", \
	  "''", SD_BLOCKS("results"), SD_BLOCKS("plans"), "NULL", "NULL", \
	  "(SELECT json_group_array(fm.ministry_id) FROM followup_ministry fm" \
	  " WHERE fm.followup_id = f.id)") \
	X(W, "6", "n.id", "indicator n", "1", "NULL", "NULL", "n.code", "n.name_ja", \
	  "n.code || char(10) || n.name_ja || char(10) || n.name_en", "n.notes", \
	  "n.unit || char(10) || n.unit_en", "NULL", "NULL", \
	  SD_ITEM_MINISTRIES("measure me JOIN action_item ai ON ai.measure_id = me.id", \
			     "me.id = n.measure_id OR (n.measure_id IS NULL" \
			     " AND me.goal_id = n.goal_id)")) \
	X(W, "7", "e.id", "round_entry e JOIN round r ON r.id = round_id" \
	  " JOIN action_item i ON i.id = action_item_id" \
	  " LEFT JOIN ministry mi ON mi.id = ministry_id", \
	  "e.results || e.plans <> ''", "r.fiscal_year", "i.no", "mi.code", "i.text", \
	  "''", "e.results", "e.plans", \
	  "coalesce('ministry:' || mi.code, 'role:secretariat')", SD_ENTRY_READERS, \
	  "(SELECT json_group_array(ministry_id) FROM action_ministry WHERE item_id" \
	  " = e.action_item_id AND ministry_id = coalesce(e.ministry_id, ministry_id))")

/* the restrictions: every document; those the triggers noted; those of
 * the given visibility among them (the index they go to) */
#define SD_ALL(k, key) ""
#define SD_DIRTY(k, key) " AND " key " IN (SELECT ref FROM search_dirty WHERE kind = " k ")"
#define SD_DIRTY_VIS(k, key, vis) " AND " key " IN (SELECT d.ref FROM search_dirty d" \
	" JOIN search_map sm ON sm.kind = d.kind AND sm.ref = d.ref WHERE d.kind = " k \
	" AND sm.vis " vis ")"
#define SD_DIRTY_PUBLIC(k, key) SD_DIRTY_VIS(k, key, "= 0")
#define SD_DIRTY_PRIVATE(k, key) SD_DIRTY_VIS(k, key, "<> 0")

#define SD_TEXT_ARM(W, k, key, from, live, fy, no, code, label, title, body, \
		    plans, owner, readers, ministries) \
	" UNION ALL SELECT " k ", " key ", " fy ", " no ", " code ", " label ", " \
	title ", " body ", " plans " FROM " from " WHERE " live W(k, key)
#define SD_META_ARM(W, k, key, from, live, fy, no, code, label, title, body, \
		    plans, owner, readers, ministries) \
	" UNION ALL SELECT " k ", " key ", " fy ", " owner ", " readers ", " \
	ministries " FROM " from " WHERE " live W(k, key)

#define SEARCH_TEXT(W) \
	"SELECT NULL kind, NULL ref, NULL fiscal_year, NULL no, NULL code, NULL label," \
	" NULL title, NULL body, NULL plans WHERE 0" SEARCH_KINDS(SD_TEXT_ARM, W)
#define SEARCH_META(W) \
	"SELECT NULL kind, NULL ref, NULL fiscal_year, NULL owner, NULL readers," \
	" NULL ministries WHERE 0" SEARCH_KINDS(SD_META_ARM, W)

#endif
