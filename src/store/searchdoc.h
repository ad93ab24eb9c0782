/* Internal to store: the searchable documents, one SELECT per kind, shared
 * by the search_doc view (schema.h) and the flush of changed documents
 * (fts.c). SEARCH_DOCS(from, on): `from` goes before each kind's table and
 * `on` after it, so "" "" reads every document and
 * "search_dirty d JOIN" with an ON clause reads just the changed ones. */
#ifndef MD_STORE_SEARCHDOC_H
#define MD_STORE_SEARCHDOC_H

#define SD_ON(k, t) " ON " t ".id = d.doc / 8 AND d.doc % 8 = " k

/* a follow-up row's text is its blocks (the stored cell may be HTML) */
#define SD_BLOCKS(f) \
	"coalesce((SELECT group_concat(text, char(10)) FROM (SELECT text" \
	" FROM text_block WHERE owner = 'followup' AND owner_id = f.id" \
	" AND field = '" f "' ORDER BY seq)), '')"

/*
 * L is SD_ALL or SD_LIVE: the live documents leave out retired plan rows
 * (schema 4; schema 2 had no such rows), and a follow-up row of a retired
 * action item is a document of its year, not of the item.
 */
#define SD_ALL_W(t) ""
#define SD_ALL_J(t) ""
#define SD_LIVE_W(t) " WHERE " t ".retired IS NULL"
#define SD_LIVE_J(t) " AND " t ".retired IS NULL"

#define SEARCH_DOCS(from, on1, on2, on3, on4, on5, L) \
	"SELECT v.id * 8 + 1 AS doc, 1 AS kind, v.id AS ref, NULL AS fiscal_year," \
	" v.no AS no, v.title AS label, v.title AS title, '' AS body, '' AS plans" \
	" FROM " from " vision v" on1 L##_W("v") \
	" UNION ALL SELECT g.id * 8 + 2, 2, g.id, NULL, g.no, g.title, g.title," \
	" g.issues, '' FROM " from " goal g" on2 L##_W("g") \
	" UNION ALL SELECT m.id * 8 + 3, 3, m.id, NULL, m.no, m.title, m.title," \
	" '', '' FROM " from " measure m" on3 L##_W("m") \
	" UNION ALL SELECT a.id * 8 + 4, 4, a.id, NULL, a.no, a.text, '', a.text," \
	" '' FROM " from " action_item a" on4 L##_W("a") \
	" UNION ALL SELECT f.id * 8 + 5, 5, f.id, f.fiscal_year, i.no, f.item_text," \
	" '', " SD_BLOCKS("results") ", " SD_BLOCKS("plans") \
	" FROM " from " followup f" on5 \
	" LEFT JOIN action_item i ON i.id = f.action_item_id" L##_J("i")

/* schema 2's view, before plan rows could be retired */
#define SEARCH_DOCS_V2 SEARCH_DOCS("", "", "", "", "", "", SD_ALL)
#define SEARCH_DOCS_ALL SEARCH_DOCS("", "", "", "", "", "", SD_LIVE)
#define SEARCH_DOCS_DIRTY SEARCH_DOCS("search_dirty d JOIN", SD_ON("1", "v"), \
	SD_ON("2", "g"), SD_ON("3", "m"), SD_ON("4", "a"), SD_ON("5", "f"), SD_LIVE)

#endif
