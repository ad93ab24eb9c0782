/* Internal to store: the schema migrations, one string per version. */
#ifndef MD_STORE_SCHEMA_H
#define MD_STORE_SCHEMA_H

#define TS "(strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
#define SRC "src_id INTEGER REFERENCES source(id), src_line INTEGER, src_col INTEGER"

/* 1: the plan core; one string per statement, NULL-terminated */
static const char *const store_migration_1[] = {
	"CREATE TABLE ministry("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" abbrev TEXT NOT NULL UNIQUE, name_ja TEXT NOT NULL,"
	" name_en TEXT NOT NULL, variants TEXT NOT NULL DEFAULT '',"
	" sort INTEGER NOT NULL);",
	"CREATE TABLE source("
	" id INTEGER PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL,"
	" bytes INTEGER NOT NULL, encoding TEXT NOT NULL,"
	" first_seen TEXT NOT NULL DEFAULT " TS ", UNIQUE(path, digest));",
	"CREATE TABLE import_run("
	" id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
	" source_id INTEGER REFERENCES source(id),"
	" at TEXT NOT NULL DEFAULT " TS ");",
	"CREATE TABLE plan("
	" id INTEGER PRIMARY KEY, edition INTEGER NOT NULL UNIQUE,"
	" title TEXT NOT NULL, adopted TEXT, fy_start INTEGER, fy_end INTEGER, "
	SRC ");",
	"INSERT INTO plan(edition, title, adopted, fy_start, fy_end) VALUES"
	" (1, '第1期医療機器基本計画', '2016-05-31', 2016, 2021),"
	" (2, '第2期医療機器基本計画', '2022-05-31', 2022, 2026),"
	" (3, '第3期医療機器基本計画', NULL, 2027, NULL);",
	"CREATE TABLE vision("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" no INTEGER NOT NULL, title TEXT NOT NULL, title_norm TEXT NOT NULL, "
	SRC ", UNIQUE(plan_id, no));",
	"CREATE TABLE goal("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" no INTEGER NOT NULL, title TEXT NOT NULL, title_norm TEXT NOT NULL,"
	" issues TEXT NOT NULL DEFAULT '', "
	SRC ", UNIQUE(plan_id, no));",
	"CREATE TABLE goal_listing("
	" id INTEGER PRIMARY KEY,"
	" vision_id INTEGER NOT NULL REFERENCES vision(id),"
	" pos INTEGER NOT NULL,"
	" goal_id INTEGER NOT NULL REFERENCES goal(id),"
	" relisted INTEGER NOT NULL DEFAULT 0, "
	SRC ", UNIQUE(vision_id, pos));",
	"CREATE TABLE measure("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" goal_id INTEGER NOT NULL REFERENCES goal(id),"
	" no INTEGER NOT NULL, title TEXT NOT NULL, title_norm TEXT NOT NULL, "
	SRC ", UNIQUE(plan_id, no));",
	"CREATE INDEX measure_goal ON measure(goal_id);",
	"CREATE TABLE action_item("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" measure_id INTEGER NOT NULL REFERENCES measure(id),"
	" no INTEGER NOT NULL, text TEXT NOT NULL, text_norm TEXT NOT NULL,"
	" tag_text TEXT NOT NULL DEFAULT '', "
	SRC ", UNIQUE(plan_id, no));",
	"CREATE INDEX action_item_measure ON action_item(measure_id);",
	"CREATE TABLE action_ministry("
	" item_id INTEGER NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,"
	" ministry_id INTEGER NOT NULL REFERENCES ministry(id),"
	" lead INTEGER NOT NULL CHECK (lead IN (0, 1)),"
	" pos INTEGER NOT NULL, PRIMARY KEY(item_id, ministry_id));",
	"CREATE INDEX action_ministry_m ON action_ministry(ministry_id);",
	"CREATE TABLE area("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('area', 'platform')),"
	" no INTEGER NOT NULL, title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', "
	SRC ", UNIQUE(plan_id, kind, no));",
	"CREATE TABLE text_block("
	" owner TEXT NOT NULL, owner_id INTEGER NOT NULL, field TEXT NOT NULL,"
	" seq INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('p','li','h')),"
	" text TEXT NOT NULL, PRIMARY KEY(owner, owner_id, field, seq));",
	"CREATE TABLE fiscal_year("
	" year INTEGER PRIMARY KEY, label_ja TEXT NOT NULL, label_en TEXT NOT NULL);",
	"CREATE TABLE followup("
	" id INTEGER PRIMARY KEY,"
	" fiscal_year INTEGER NOT NULL REFERENCES fiscal_year(year),"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" row_key TEXT NOT NULL,"
	" action_item_id INTEGER REFERENCES action_item(id),"
	" match_method TEXT NOT NULL CHECK (match_method IN ('exact','similar','position','none')),"
	" match_score REAL NOT NULL DEFAULT 0,"
	" vision_text TEXT NOT NULL DEFAULT '', goal_text TEXT NOT NULL DEFAULT '',"
	" measure_text TEXT NOT NULL DEFAULT '', item_text TEXT NOT NULL,"
	" item_norm TEXT NOT NULL, tag_text TEXT NOT NULL DEFAULT '',"
	" results TEXT NOT NULL DEFAULT '', plans TEXT NOT NULL DEFAULT '', "
	SRC ", seen_run INTEGER, UNIQUE(fiscal_year, row_key));",
	"CREATE INDEX followup_item ON followup(action_item_id);",
	"CREATE TABLE followup_ministry("
	" followup_id INTEGER NOT NULL REFERENCES followup(id) ON DELETE CASCADE,"
	" ministry_id INTEGER NOT NULL REFERENCES ministry(id),"
	" lead INTEGER NOT NULL CHECK (lead IN (0, 1)),"
	" pos INTEGER NOT NULL, PRIMARY KEY(followup_id, ministry_id));",
	"CREATE TABLE history("
	" id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id INTEGER NOT NULL,"
	" field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
	" run_id INTEGER REFERENCES import_run(id),"
	" at TEXT NOT NULL DEFAULT " TS ");",
	"CREATE INDEX history_row ON history(tbl, row_id);",
	NULL
};

/*
 * 2: full-text search, as first made (an FTS5 table whose rowid encoded
 * the kind, a view of the documents and triggers). Version 6 drops all of
 * it and builds the index anew, so a database still at version 1 gets
 * nothing here.
 */
static const char *const store_migration_2[] = {
	NULL
};

/*
 * 3: indicators (指標). A definition hangs off a goal or a measure of a
 * plan; its yearly values are calendar or fiscal years as the definition
 * says. A value is a number or not available (value NULL) with a reason.
 * breakdown is '' for the headline series, else "dim\x1fmember" pairs
 * sorted by dimension and joined by \x1e; `breakdowns` lists the
 * dimension names (\x1f-joined) in the order they were first imported.
 */
static const char *const store_migration_3[] = {
	"CREATE TABLE indicator("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name_ja TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '',"
	" unit TEXT NOT NULL, unit_en TEXT NOT NULL DEFAULT '',"
	" direction TEXT NOT NULL CHECK (direction IN ('up','down')),"
	" year_kind TEXT NOT NULL DEFAULT 'fiscal'"
	"  CHECK (year_kind IN ('fiscal','calendar')),"
	" goal_id INTEGER REFERENCES goal(id),"
	" measure_id INTEGER REFERENCES measure(id),"
	" baseline_year INTEGER, baseline_value REAL,"
	" target_year INTEGER, target_value REAL,"
	" target_note TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',"
	" breakdowns TEXT NOT NULL DEFAULT '', "
	SRC ","
	" CHECK ((baseline_year IS NULL) = (baseline_value IS NULL)),"
	" CHECK ((target_year IS NULL) = (target_value IS NULL)));",
	"CREATE INDEX indicator_goal ON indicator(goal_id);",
	"CREATE TABLE indicator_value("
	" id INTEGER PRIMARY KEY,"
	" indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL, breakdown TEXT NOT NULL DEFAULT '',"
	" value REAL, na_reason TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" as_of TEXT NOT NULL DEFAULT '', "
	SRC ","
	" UNIQUE(indicator_id, breakdown, year),"
	" CHECK ((value IS NULL) = (na_reason <> '')));",
	NULL
};

/*
 * 4: versions and actors. Every row a *_put() writes carries a version (1
 * when inserted, one more on each put that changes it); every history row
 * and every run carries its actor ("import:followup data/followup-r7.tsv",
 * "cli:NAME", "user:NAME") and history rows the version their change made.
 * Existing rows are brought forward from history: a run's actor from its
 * kind and document (a run without one was `indicator define`, whose user
 * was not recorded: "cli:unknown"), a row's version as 1 + the changes
 * history holds for it (one per run and table; an item's or follow-up
 * row's ministries count as the row's).
 */
#define VERSIONED(t) "ALTER TABLE " t " ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
/* the changes history holds for row `id` of table t (tbls: t and the
 * tables whose changes count as t's), up to history id `upto` */
#define CHANGES(tbls, id, upto) \
	"(SELECT count(DISTINCT h.tbl || ' ' || coalesce(h.run_id, -h.id))" \
	" FROM history h WHERE h.tbl IN (" tbls ") AND h.row_id = " id upto ")"
#define BACKFILL(t, tbls) \
	VERSIONED(t), \
	"UPDATE " t " SET version = 1 + " CHANGES(tbls, t ".rowid", "") ";", \
	"UPDATE history SET version = 1 + " CHANGES(tbls, "history.row_id", \
		" AND h.id <= history.id") " WHERE tbl IN (" tbls ");"

static const char *const store_migration_4[] = {
	"ALTER TABLE import_run ADD COLUMN actor TEXT NOT NULL DEFAULT '';",
	"UPDATE import_run SET actor = CASE WHEN source_id IS NULL THEN 'cli:unknown'"
	" ELSE 'import:' || kind || ' ' || (SELECT path FROM source s"
	" WHERE s.id = import_run.source_id) END;",
	"ALTER TABLE history ADD COLUMN actor TEXT NOT NULL DEFAULT '';",
	"ALTER TABLE history ADD COLUMN version INTEGER NOT NULL DEFAULT 0;",
	"UPDATE history SET actor = coalesce((SELECT actor FROM import_run r"
	" WHERE r.id = history.run_id), 'unknown');",
	BACKFILL("source", "'source'"),
	BACKFILL("plan", "'plan'"),
	BACKFILL("vision", "'vision'"),
	BACKFILL("goal", "'goal'"),
	BACKFILL("goal_listing", "'goal_listing'"),
	BACKFILL("measure", "'measure'"),
	BACKFILL("action_item", "'action_item', 'action_ministry'"),
	BACKFILL("area", "'area'"),
	BACKFILL("fiscal_year", "'fiscal_year'"),
	BACKFILL("followup", "'followup', 'followup_ministry'"),
	BACKFILL("indicator", "'indicator'"),
	BACKFILL("indicator_value", "'indicator_value'"),
	NULL
};

/*
 * What a history row is about, as people name it: "A40 「…」", "M12 「…」",
 * "FY2025 follow-up of A40 「…」", "G1-COURSES 2024". X(table, what, year,
 * from): what and year are expressions over the row x (its id is the
 * history row's row_id) in `from`. History stores them when it is written,
 * so renumbering later does not change what an old entry says.
 */
#define EXCERPT(c) "CASE WHEN length(" c ") > 30 THEN substr(" c ", 1, 30) || '…'" \
	" ELSE " c " END"
#define NO_OF(x) "coalesce(" x ".retired_no, " x ".no)"
#define NAMED(prefix, x, col) "'" prefix "' || " NO_OF(x) " || ' 「' || " \
	EXCERPT(x "." col) " || '」'"
#define FOLLOWUP_WHAT "'FY' || x.fiscal_year || ' follow-up ' || CASE WHEN i.id" \
	" IS NULL THEN 'line ' || x.src_line ELSE 'of A' || " NO_OF("i") " END ||" \
	" ' 「' || " EXCERPT("x.item_text") " || '」'"
#define FOLLOWUP_FROM "followup x LEFT JOIN action_item i ON i.id = x.action_item_id"
#define STORE_DESCRIBE(X) \
	X("plan", "x.title", "NULL", "plan x") \
	X("vision", NAMED("V", "x", "title"), "NULL", "vision x") \
	X("goal", NAMED("G", "x", "title"), "NULL", "goal x") \
	X("goal_listing", "'G' || g.no || ' in V' || v.no", "NULL", \
	  "goal_listing x JOIN goal g ON g.id = x.goal_id JOIN vision v ON v.id = x.vision_id") \
	X("measure", NAMED("M", "x", "title"), "NULL", "measure x") \
	X("action_item", NAMED("A", "x", "text"), "NULL", "action_item x") \
	X("action_ministry", NAMED("A", "x", "text"), "NULL", "action_item x") \
	X("area", "x.kind || ' ' || " NO_OF("x") " || ' 「' || " EXCERPT("x.title") \
	  " || '」'", "NULL", "area x") \
	X("followup", FOLLOWUP_WHAT, "x.fiscal_year", FOLLOWUP_FROM) \
	X("followup_ministry", FOLLOWUP_WHAT, "x.fiscal_year", FOLLOWUP_FROM) \
	X("indicator", "x.code", "NULL", "indicator x") \
	X("indicator_value", "i.code || ' ' || x.year || CASE WHEN x.breakdown <> ''" \
	  " THEN ' (' || replace(replace(x.breakdown, char(31), ': '), char(30), ', ')" \
	  " || ')' ELSE '' END", "x.year", \
	  "indicator_value x JOIN indicator i ON i.id = x.indicator_id")

/* the same for the round's tables (schema 10; kept apart because migration 5
 * fills history from STORE_DESCRIBE, before these tables exist) */
#define ENTRY_WHAT "'FY' || r.fiscal_year || ' entry of A' || " NO_OF("i") \
	" || ' ' || coalesce(mi.code, 'consolidated')"
#define STORE_DESCRIBE_ROUND(X) \
	X("round", "'FY' || x.fiscal_year || ' round'", "x.fiscal_year", "round x") \
	X("round_entry", ENTRY_WHAT, "r.fiscal_year", "round_entry x JOIN round r" \
	  " ON r.id = x.round_id JOIN action_item i ON i.id = x.action_item_id" \
	  " LEFT JOIN ministry mi ON mi.id = x.ministry_id")

#define RETIRABLE(t) \
	"ALTER TABLE " t " ADD COLUMN retired INTEGER;", \
	"ALTER TABLE " t " ADD COLUMN retired_no INTEGER;"
#define FILL_HISTORY(t, what, year, from) \
	"UPDATE history SET what = coalesce((SELECT " what " FROM " from \
	" WHERE x.id = history.row_id), ''), year = (SELECT " year " FROM " from \
	" WHERE x.id = history.row_id) WHERE tbl = '" t "';",

/*
 * 5: plan rows keep their identity. A vision, goal, measure, action item or
 * area that a re-imported plan no longer has is retired, not deleted or
 * reused: retired is the import run that retired it (NULL while it is in
 * the plan), retired_no the number it had, and no becomes -id so that the
 * document's numbers stay free (UNIQUE(plan_id, no)). Retired rows leave
 * the search index. A follow-up row's key is its action item's id, not its
 * number. History says what a row is (what) and its year.
 */
static const char *const store_migration_5[] = {
	RETIRABLE("vision"),
	RETIRABLE("goal"),
	RETIRABLE("measure"),
	RETIRABLE("action_item"),
	RETIRABLE("area"),
	"ALTER TABLE history ADD COLUMN what TEXT NOT NULL DEFAULT '';",
	"ALTER TABLE history ADD COLUMN year INTEGER;",
	STORE_DESCRIBE(FILL_HISTORY)
	"UPDATE followup SET row_key = 'item#' || action_item_id"
	" WHERE action_item_id IS NOT NULL;",
	/* retired rows leave the search index: version 6 builds it anew */
	NULL
};

/*
 * 6: the search index with a document map (fts.c, searchdoc.h). Every
 * searchable document has a row in search_map: its doc id (the rowid in
 * the index), kind and ref (the row id in the kind's table), fiscal year,
 * visibility (0 public, 1 readers only) and owning scope; search_ministry
 * lists the ministries it belongs to, search_reader the scopes that may
 * read it (the owner and the kind's readers). Public documents are
 * indexed in `search`, the others in `search_private`, each token there
 * once per reader scope (tokenizer mdplan_scoped), so that a search never
 * reads a document its viewer may not see.
 *
 * Triggers on the tables that hold the texts note the changed documents
 * (kind, ref) in search_dirty; changes of the plan's structure, which
 * change the ministries of whole kinds, note the kinds in search_stale.
 * store re-indexes them in a few statements before the transaction
 * commits (and before a search inside it), so the index changes in the
 * same transaction as the data. A kind joins with its own migration: its
 * table, triggers like these, and its rows noted as dirty.
 */
#define DIRTY(k, id) " INSERT OR IGNORE INTO search_dirty VALUES (" k ", " id ");"
#define SEARCH_SYNC(tbl, k, changed) \
	"CREATE TRIGGER search_" tbl "_ins AFTER INSERT ON " tbl " BEGIN" \
	DIRTY(k, "new.id") " END;", \
	"CREATE TRIGGER search_" tbl "_upd AFTER UPDATE ON " tbl " WHEN " changed \
	" BEGIN" DIRTY(k, "new.id") " END;", \
	"CREATE TRIGGER search_" tbl "_del AFTER DELETE ON " tbl " BEGIN" \
	DIRTY(k, "old.id") " END;"
#define STALE(kinds) " INSERT OR IGNORE INTO search_stale VALUES " kinds ";"
#define SEARCH_STALE(tbl, kinds) \
	"CREATE TRIGGER search_" tbl "_ins AFTER INSERT ON " tbl " BEGIN" \
	STALE(kinds) " END;", \
	"CREATE TRIGGER search_" tbl "_upd AFTER UPDATE ON " tbl " BEGIN" \
	STALE(kinds) " END;", \
	"CREATE TRIGGER search_" tbl "_del AFTER DELETE ON " tbl " BEGIN" \
	STALE(kinds) " END;"
#define SEARCH_STALE_UPD(name, tbl, when, kinds) \
	"CREATE TRIGGER search_" name " AFTER UPDATE ON " tbl " WHEN " when \
	" BEGIN" STALE(kinds) " END;"
/* a plan row retired or restored is a document gone or back */
#define LIVE " OR (old.retired IS NULL) <> (new.retired IS NULL)"
#define FTS_TABLE(name, opt) "CREATE VIRTUAL TABLE " name " USING fts5(title, body, plans," \
	opt " detail=full);"
#define DROP_V2(tbl) "DROP TRIGGER IF EXISTS search_" tbl "_ins;", \
	"DROP TRIGGER IF EXISTS search_" tbl "_upd;", \
	"DROP TRIGGER IF EXISTS search_" tbl "_del;"

static const char *const store_migration_6[] = {
	/* what versions 2 and 5 made (and this one, should a database that has it
	 * say an older version: it is all built anew from the texts) */
	"DROP VIEW IF EXISTS search_doc;",
	DROP_V2("vision"), DROP_V2("goal"), DROP_V2("measure"), DROP_V2("action_item"),
	DROP_V2("followup"), DROP_V2("block"), DROP_V2("indicator"),
	DROP_V2("search_test_doc"), DROP_V2("followup_ministry"),
	DROP_V2("action_ministry"), DROP_V2("goal_listing"),
	"DROP TRIGGER IF EXISTS search_vision_ret;",
	"DROP TRIGGER IF EXISTS search_goal_ret;",
	"DROP TRIGGER IF EXISTS search_measure_ret;",
	"DROP TRIGGER IF EXISTS search_action_item_ret;",
	"DROP TRIGGER IF EXISTS search_item_measure;",
	"DROP TRIGGER IF EXISTS search_measure_goal;",
	"DROP TABLE IF EXISTS search_ministry;",
	"DROP TABLE IF EXISTS search_reader;",
	"DROP TABLE IF EXISTS search_map;",
	"DROP TABLE IF EXISTS search_stale;",
	"DROP TABLE IF EXISTS search_test_doc;",
	"DROP TABLE IF EXISTS search_private;",
	"DROP TABLE IF EXISTS search_dirty;",
	"DROP TABLE IF EXISTS search;",
	FTS_TABLE("search", " tokenize='mdplan', prefix='1',"),
	/* every token prefixed by a reader scope: a prefix index would not help */
	FTS_TABLE("search_private", " tokenize='mdplan_scoped',"),
	"CREATE TABLE search_map("
	" doc INTEGER PRIMARY KEY, kind INTEGER NOT NULL, ref INTEGER NOT NULL,"
	" fiscal_year INTEGER, vis INTEGER NOT NULL CHECK (vis IN (0, 1)),"
	" scope TEXT, CHECK ((vis = 0) = (scope IS NULL)), UNIQUE(kind, ref));",
	"CREATE TABLE search_ministry("
	" doc INTEGER NOT NULL REFERENCES search_map(doc) ON DELETE CASCADE,"
	" ministry_id INTEGER NOT NULL REFERENCES ministry(id),"
	" PRIMARY KEY(doc, ministry_id)) WITHOUT ROWID;",
	"CREATE TABLE search_reader("
	" doc INTEGER NOT NULL REFERENCES search_map(doc) ON DELETE CASCADE,"
	" scope TEXT NOT NULL, PRIMARY KEY(doc, scope)) WITHOUT ROWID;",
	"CREATE TABLE search_dirty(kind INTEGER NOT NULL, ref INTEGER NOT NULL,"
	" PRIMARY KEY(kind, ref)) WITHOUT ROWID;",
	"CREATE TABLE search_stale(kind INTEGER PRIMARY KEY);",
	/* kind 99: documents for the tests of visibility (store_test_doc_put) */
	"CREATE TABLE search_test_doc("
	" id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, fiscal_year INTEGER,"
	" owner TEXT, readers TEXT NOT NULL DEFAULT '[]',"
	" ministries TEXT NOT NULL DEFAULT '[]',"
	" title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '');",
	SEARCH_SYNC("vision", "1", "old.title IS NOT new.title" LIVE),
	SEARCH_SYNC("goal", "2", "old.title IS NOT new.title OR old.issues IS NOT new.issues" LIVE),
	SEARCH_SYNC("measure", "3", "old.title IS NOT new.title" LIVE),
	SEARCH_SYNC("action_item", "4", "old.text IS NOT new.text" LIVE),
	SEARCH_SYNC("followup", "5", "old.fiscal_year IS NOT new.fiscal_year"
		    " OR old.item_text IS NOT new.item_text"),
	SEARCH_SYNC("indicator", "6", "old.code IS NOT new.code OR old.name_ja IS NOT new.name_ja"
		    " OR old.name_en IS NOT new.name_en OR old.unit IS NOT new.unit"
		    " OR old.unit_en IS NOT new.unit_en OR old.notes IS NOT new.notes"
		    " OR old.goal_id IS NOT new.goal_id OR old.measure_id IS NOT new.measure_id"),
	SEARCH_SYNC("search_test_doc", "99", "1"),
	"CREATE TRIGGER search_block_ins AFTER INSERT ON text_block"
	" WHEN new.owner = 'followup' BEGIN" DIRTY("5", "new.owner_id") " END;",
	"CREATE TRIGGER search_block_upd AFTER UPDATE ON text_block"
	" WHEN new.owner = 'followup' BEGIN" DIRTY("5", "new.owner_id") " END;",
	"CREATE TRIGGER search_block_del AFTER DELETE ON text_block"
	" WHEN old.owner = 'followup' BEGIN" DIRTY("5", "old.owner_id") " END;",
	"CREATE TRIGGER search_followup_ministry_ins AFTER INSERT ON followup_ministry"
	" BEGIN" DIRTY("5", "new.followup_id") " END;",
	"CREATE TRIGGER search_followup_ministry_del AFTER DELETE ON followup_ministry"
	" BEGIN" DIRTY("5", "old.followup_id") " END;",
	"CREATE TRIGGER search_followup_ministry_upd AFTER UPDATE ON followup_ministry"
	" BEGIN" DIRTY("5", "old.followup_id") DIRTY("5", "new.followup_id") " END;",
	/* the plan's structure: which items a vision, goal, measure or
	 * indicator reaches, and the items' ministries */
	SEARCH_STALE("action_ministry", "(1), (2), (3), (4), (6)"),
	SEARCH_STALE("goal_listing", "(1)"),
	SEARCH_STALE_UPD("item_measure", "action_item", "old.measure_id IS NOT new.measure_id"
			 LIVE, "(1), (2), (3), (6)"),
	SEARCH_STALE_UPD("measure_goal", "measure", "old.goal_id IS NOT new.goal_id" LIVE,
			 "(1), (2), (6)"),
	/* what there is now */
	"INSERT INTO search_dirty SELECT 1, id FROM vision;",
	"INSERT INTO search_dirty SELECT 2, id FROM goal;",
	"INSERT INTO search_dirty SELECT 3, id FROM measure;",
	"INSERT INTO search_dirty SELECT 4, id FROM action_item;",
	"INSERT INTO search_dirty SELECT 5, id FROM followup;",
	"INSERT INTO search_dirty SELECT 6, id FROM indicator;",
	NULL
};

/*
 * 7: accounts, sessions, login throttling and the audit trail (src/auth
 * decides; these are its tables). Times are Unix seconds, UTC, from
 * src/auth's clock; the audit trail keeps its time as ISO 8601 text too.
 *   account          a user of the web application; pwhash is the encoded
 *                    argon2id hash (never read by the listing queries)
 *   role             the role names, seeded; account_role: who holds which
 *   account_ministry an editor's ministries (scope)
 *   session          token_hash is the SHA-256 of the session id (the id
 *                    itself is never stored); revoked NULL while live
 *   login_throttle   failures per key ("account:NAME", "address:A")
 *   audit            append-only (triggers refuse UPDATE and DELETE):
 *                    seq 1, 2, 3, ... without gaps; prev_hash is the
 *                    previous entry's hash (64 zeros for the first), hash
 *                    the SHA-256 over this entry's fields and prev_hash
 *                    (store_audit_append() says how)
 *   audit_head       the last entry's seq and hash, so that deleting the
 *                    newest entries is seen too
 */
#define AUDIT_FROZEN(op) \
	"CREATE TRIGGER audit_no_" op " BEFORE " op " ON audit BEGIN" \
	" SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"

static const char *const store_migration_7[] = {
	"CREATE TABLE account("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" display TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" pwhash TEXT NOT NULL, created INTEGER NOT NULL,"
	" changed INTEGER NOT NULL, pw_changed INTEGER NOT NULL);",
	"CREATE TABLE role(name TEXT PRIMARY KEY, sort INTEGER NOT NULL) WITHOUT ROWID;",
	"INSERT INTO role VALUES ('admin', 1), ('secretariat', 2), ('editor', 3),"
	" ('reviewer', 4), ('desk', 5);",
	"CREATE TABLE account_role("
	" account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL REFERENCES role(name),"
	" PRIMARY KEY(account_id, role)) WITHOUT ROWID;",
	"CREATE TABLE account_ministry("
	" account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" ministry_id INTEGER NOT NULL REFERENCES ministry(id),"
	" PRIMARY KEY(account_id, ministry_id)) WITHOUT ROWID;",
	"CREATE TABLE session("
	" id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
	" account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL, created INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	" expires INTEGER NOT NULL, address TEXT NOT NULL DEFAULT '',"
	" user_agent TEXT NOT NULL DEFAULT '', revoked INTEGER,"
	" revoke_reason TEXT NOT NULL DEFAULT '');",
	"CREATE INDEX session_account ON session(account_id);",
	"CREATE TABLE login_throttle("
	" key TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
	" locks INTEGER NOT NULL DEFAULT 0, last_failure INTEGER NOT NULL,"
	" locked_until INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;",
	"CREATE TABLE audit("
	" seq INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL,"
	" address TEXT NOT NULL DEFAULT '', action TEXT NOT NULL,"
	" target TEXT NOT NULL DEFAULT '', before_text TEXT, after_text TEXT,"
	" request_id TEXT NOT NULL DEFAULT '', prev_hash TEXT NOT NULL,"
	" hash TEXT NOT NULL);",
	"CREATE INDEX audit_time ON audit(time);",
	AUDIT_FROZEN("UPDATE"),
	AUDIT_FROZEN("DELETE"),
	"CREATE TABLE audit_head("
	" id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL,"
	" hash TEXT NOT NULL);",
	NULL
};

/*
 * 8: indexes for the read queries (query.c), checked with EXPLAIN QUERY
 * PLAN: a year's follow-up rows in table order (export, followup,
 * year_block, the fiscal years), a goal's listings in the order that picks
 * its home vision (export, goal), a follow-up row's ministries in tag
 * order (export), an item's ministries in tag order.
 */
static const char *const store_migration_8[] = {
	"CREATE INDEX IF NOT EXISTS followup_year ON followup(plan_id, fiscal_year, src_line);",
	"CREATE INDEX IF NOT EXISTS goal_listing_goal ON goal_listing(goal_id, relisted, id);",
	"CREATE INDEX IF NOT EXISTS followup_ministry_pos ON followup_ministry(followup_id, pos);",
	"CREATE INDEX IF NOT EXISTS action_ministry_pos ON action_ministry(item_id, pos);",
	NULL
};

/*
 * 9: programmes (事業), what the plan is carried out with (issue 16).
 * A programme is known by its code; parent, predecessor and successor
 * name other programmes by code (kept as written so that a file can name
 * a programme defined further down). first_year/last_year are fiscal
 * years. A budget figure is one programme's amount for one fiscal year and
 * kind as one source states it: two documents that disagree are two rows
 * (the source is part of the key), neither overwrites the other.
 * amount_yen is the whole-yen value of as_written; share_of_larger (内数)
 * figures are part of another budget (of_code) and never add to totals.
 * Results are counts a programme reports; programme_indicator lets a
 * programme own indicators; programme_link ties a programme to a measure
 * or an action item, suggested (with the follow-up sentence that names it)
 * until the secretariat confirms or rejects it. A hub is an institution
 * (or a category or counted network) a programme supports.
 */
static const char *const store_migration_9[] = {
	"CREATE TABLE programme("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name_ja TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '',"
	" ministry TEXT NOT NULL DEFAULT '', division TEXT NOT NULL DEFAULT '',"
	" parent TEXT NOT NULL DEFAULT '', predecessor TEXT NOT NULL DEFAULT '',"
	" successor TEXT NOT NULL DEFAULT '',"
	" first_year INTEGER, last_year INTEGER,"
	" body TEXT NOT NULL DEFAULT '', funding TEXT NOT NULL DEFAULT '',"
	" rate TEXT NOT NULL DEFAULT '', selection TEXT NOT NULL DEFAULT '',"
	" purpose TEXT NOT NULL DEFAULT '', scheme TEXT NOT NULL DEFAULT '',"
	" notes TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" evidence TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1, "
	SRC ");",
	"CREATE TABLE budget("
	" id INTEGER PRIMARY KEY,"
	" programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	" fiscal_year INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('initial','initial_draft',"
	"'supplementary','supplementary_draft','request')),"
	" kind_as_written TEXT NOT NULL DEFAULT '',"
	" amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),"
	" as_written TEXT NOT NULL, approx INTEGER NOT NULL DEFAULT 0,"
	" share_of_larger INTEGER NOT NULL DEFAULT 0, of_code TEXT NOT NULL DEFAULT '',"
	" multi_year INTEGER NOT NULL DEFAULT 0, fund INTEGER NOT NULL DEFAULT 0,"
	" note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1, " SRC ","
	" UNIQUE(programme_id, fiscal_year, kind, source));",
	"CREATE INDEX budget_year ON budget(fiscal_year);",
	"CREATE TABLE programme_result("
	" id INTEGER PRIMARY KEY,"
	" programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	" year INTEGER, year_kind TEXT NOT NULL DEFAULT '',"
	" period TEXT NOT NULL DEFAULT '', what TEXT NOT NULL,"
	" value TEXT NOT NULL, number REAL, bound TEXT NOT NULL DEFAULT ''"
	"  CHECK (bound IN ('','about','at_least','more_than')),"
	" unit TEXT NOT NULL DEFAULT '', as_of TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1, " SRC ");",
	"CREATE INDEX programme_result_p ON programme_result(programme_id);",
	"CREATE TABLE programme_indicator("
	" id INTEGER PRIMARY KEY,"
	" programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	" indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
	" note TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1, " SRC ","
	" UNIQUE(programme_id, indicator_id));",
	"CREATE TABLE programme_link("
	" id INTEGER PRIMARY KEY,"
	" programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	" measure_id INTEGER REFERENCES measure(id),"
	" item_id INTEGER REFERENCES action_item(id),"
	" status TEXT NOT NULL CHECK (status IN ('suggested','confirmed','rejected')),"
	" followup_id INTEGER REFERENCES followup(id), sentence TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK ((measure_id IS NULL) <> (item_id IS NULL)));",
	"CREATE INDEX programme_link_p ON programme_link(programme_id);",
	"CREATE TABLE hub("
	" id INTEGER PRIMARY KEY,"
	" programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('hub','member','category','network')),"
	" stage TEXT NOT NULL DEFAULT '' CHECK (stage IN ('','adopted','planned','counted')),"
	" institution TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',"
	" count INTEGER, budget_per_hub TEXT NOT NULL DEFAULT '',"
	" budget_per_hub_yen INTEGER, fiscal_years TEXT NOT NULL DEFAULT '',"
	" first_year INTEGER, last_year INTEGER,"
	" as_of TEXT NOT NULL DEFAULT '', prefecture TEXT NOT NULL DEFAULT '',"
	" prefecture_basis TEXT NOT NULL DEFAULT '', results TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1, " SRC ");",
	"CREATE INDEX hub_p ON hub(programme_id);",
	NULL
};

/* What history rows of the programme tables are about (as STORE_DESCRIBE;
 * a separate list because migration 5 fills history from that one). */
#define STORE_DESCRIBE_9(X) \
	X("programme", "x.code", "NULL", "programme x") \
	X("budget", "p.code || ' FY' || x.fiscal_year || ' ' || x.kind", \
	  "x.fiscal_year", "budget x JOIN programme p ON p.id = x.programme_id") \
	X("programme_result", "p.code || ' ' || x.what", "x.year", \
	  "programme_result x JOIN programme p ON p.id = x.programme_id") \
	X("hub", "p.code || ' ' || x.kind || ' ' || x.institution || x.category", \
	  "x.first_year", "hub x JOIN programme p ON p.id = x.programme_id") \
	X("programme_indicator", "p.code || ' ' || i.code", "NULL", \
	  "programme_indicator x JOIN programme p ON p.id = x.programme_id" \
	  " JOIN indicator i ON i.id = x.indicator_id") \
	X("programme_link", "p.code || ' → ' || CASE WHEN x.measure_id IS NOT NULL" \
	  " THEN 'M' || (SELECT no FROM measure WHERE id = x.measure_id) ELSE" \
	  " 'A' || (SELECT no FROM action_item WHERE id = x.item_id) END", "NULL", \
	  "programme_link x JOIN programme p ON p.id = x.programme_id")

/*
 * 10: the yearly follow-up round (round.c) and the published editions.
 *   round          one a fiscal year: the plan in force, the deadline
 *                  (YYYY-MM-DD), open or closed, who opened it and when
 *   round_entry    per action item of the plan and ministry responsible
 *                  for it (ministry_id, lead as in the item's tag, pos its
 *                  place there), what that ministry reports: results
 *                  (実績・状況) and plans (取組予定) as typed (their blocks:
 *                  text_block owner 'round_entry'); a shared item (more
 *                  than one ministry) has one more entry, consolidated = 1
 *                  and ministry_id NULL, the lead ministry's consolidated
 *                  text, consolidated_by who last wrote it (the actor). The
 *                  commitment (last year's 取組予定) is copied into its
 *                  blocks (field 'commitment') when the round opens. state
 *                  draft -> submitted -> returned (return_reason, about
 *                  return_field) -> submitted -> accepted; flagged: an
 *                  accepted entry changed again, waiting for re-review.
 *                  State changes go to history like any other field.
 *   round_comment  a reviewer's or the secretariat's comment on an entry
 *                  (visible to the entry's ministry and the secretariat)
 *   edition        a published, numbered edition of a year's follow-up
 *                  (no 1, 2, ... per year): when, by whom, from the round
 *                  or from the imported table, and the SHA-256 of its
 *                  content (store.h, store_edition_publish()); sealed once
 *   edition_row    its rows in the table's order (pos), frozen: headings,
 *                  item text and tag, results and plans (their blocks:
 *                  text_block owner 'edition_row'), src_ref the round_entry
 *                  or followup row it was frozen from
 *   edition_change what an edition changed against the previous one
 * Editions, their rows, changes and blocks are immutable (triggers).
 */
#define FROZEN(t, op, when) \
	"CREATE TRIGGER " t "_no_" op " BEFORE " op " ON " t when " BEGIN" \
	" SELECT RAISE(ABORT, 'a published edition cannot change'); END;"

static const char *const store_migration_10[] = {
	"CREATE TABLE round("
	" id INTEGER PRIMARY KEY,"
	" fiscal_year INTEGER NOT NULL UNIQUE REFERENCES fiscal_year(year),"
	" plan_id INTEGER NOT NULL REFERENCES plan(id),"
	" deadline TEXT NOT NULL,"
	" state TEXT NOT NULL CHECK (state IN ('open', 'closed')),"
	" opened_by TEXT NOT NULL, opened_at TEXT NOT NULL DEFAULT " TS ","
	" version INTEGER NOT NULL DEFAULT 1);",
	"CREATE TABLE round_entry("
	" id INTEGER PRIMARY KEY,"
	" round_id INTEGER NOT NULL REFERENCES round(id),"
	" action_item_id INTEGER NOT NULL REFERENCES action_item(id),"
	" ministry_id INTEGER REFERENCES ministry(id),"
	" lead INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),"
	" pos INTEGER NOT NULL DEFAULT 0,"
	" consolidated INTEGER NOT NULL DEFAULT 0 CHECK (consolidated IN (0, 1)),"
	" consolidated_by TEXT NOT NULL DEFAULT '',"
	" results TEXT NOT NULL DEFAULT '', plans TEXT NOT NULL DEFAULT '',"
	" state TEXT NOT NULL DEFAULT 'draft'"
	"  CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),"
	" flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),"
	" return_reason TEXT NOT NULL DEFAULT '', return_field TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK ((ministry_id IS NULL) = (consolidated = 1)));",
	"CREATE UNIQUE INDEX round_entry_key ON round_entry(round_id, action_item_id,"
	" coalesce(ministry_id, 0));",
	"CREATE INDEX round_entry_item ON round_entry(action_item_id);",
	"CREATE TABLE round_comment("
	" id INTEGER PRIMARY KEY,"
	" entry_id INTEGER NOT NULL REFERENCES round_entry(id),"
	" author TEXT NOT NULL, text TEXT NOT NULL,"
	" at TEXT NOT NULL DEFAULT " TS ");",
	"CREATE INDEX round_comment_entry ON round_comment(entry_id);",
	"CREATE TABLE edition("
	" id INTEGER PRIMARY KEY,"
	" fiscal_year INTEGER NOT NULL REFERENCES fiscal_year(year),"
	" no INTEGER NOT NULL, published_at TEXT NOT NULL,"
	" published_by TEXT NOT NULL,"
	" origin TEXT NOT NULL CHECK (origin IN ('round', 'import')),"
	" rows INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL DEFAULT '',"
	" UNIQUE(fiscal_year, no));",
	"CREATE TABLE edition_row("
	" id INTEGER PRIMARY KEY,"
	" edition_id INTEGER NOT NULL REFERENCES edition(id),"
	" pos INTEGER NOT NULL,"
	" action_item_id INTEGER REFERENCES action_item(id),"
	" item_no INTEGER, goal_no INTEGER, vision_no INTEGER,"
	" vision_heading TEXT NOT NULL, goal_heading TEXT NOT NULL,"
	" measure_heading TEXT NOT NULL, item_text TEXT NOT NULL,"
	" ministries TEXT NOT NULL, results TEXT NOT NULL, plans TEXT NOT NULL,"
	" src_ref INTEGER NOT NULL, UNIQUE(edition_id, pos));",
	"CREATE TABLE edition_change("
	" edition_id INTEGER NOT NULL REFERENCES edition(id),"
	" pos INTEGER NOT NULL,"
	" action_item_id INTEGER REFERENCES action_item(id),"
	" item_no INTEGER, item_text TEXT NOT NULL,"
	" change TEXT NOT NULL CHECK (change IN ('added', 'removed', 'changed')),"
	" fields TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY(edition_id, pos)) WITHOUT ROWID;",
	/* sealing: the digest is written once, after the rows */
	FROZEN("edition", "UPDATE", " WHEN old.sha256 <> '' OR new.id IS NOT old.id"
	       " OR new.no IS NOT old.no OR new.fiscal_year IS NOT old.fiscal_year"
	       " OR new.published_at IS NOT old.published_at"
	       " OR new.published_by IS NOT old.published_by OR new.origin IS NOT old.origin"),
	FROZEN("edition", "DELETE", ""),
	FROZEN("edition_row", "UPDATE", ""),
	FROZEN("edition_row", "DELETE", ""),
	FROZEN("edition_change", "UPDATE", ""),
	FROZEN("edition_change", "DELETE", ""),
	FROZEN("text_block", "UPDATE", " WHEN old.owner = 'edition_row'"),
	FROZEN("text_block", "DELETE", " WHEN old.owner = 'edition_row'"),
	NULL
};

/*
 * 11: the documents the data come from, as a reader names them (title,
 * publisher, date, the official URL of the original where known), from a
 * sources list (`mdplan import sources`, data/sources.csv). files lists the
 * names (space separated) under which the document is imported or cited:
 * an import's source path ends in one of them, an indicator value's
 * source starts with one ("000_6f8e9a04738d3045.txt:364 …"). The pages
 * name documents from here; the exact file:line stays for staff and in the
 * data downloads.
 */
static const char *const store_migration_11[] = {
	/* IF NOT EXISTS: a database that says an older version but has it */
	"CREATE TABLE IF NOT EXISTS document("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" files TEXT NOT NULL DEFAULT '',"
	" title_ja TEXT NOT NULL, title_en TEXT NOT NULL DEFAULT '',"
	" publisher_ja TEXT NOT NULL, publisher_en TEXT NOT NULL DEFAULT '',"
	" issued TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '', "
	SRC ", version INTEGER NOT NULL DEFAULT 1);",
	NULL
};

/*
 * 12: the round's reminder mail (remind.c): a row per fiscal year, step of
 * the schedule ("d7": 7 days before the deadline, "overdue+1", ...) and
 * account, claimed ('sending') before the message goes out and then 'ok'
 * (with the relay's Message-ID) or 'failed' (with the error; tried again
 * later, attempts counts); to whom, which entries, the subject, the day
 * the step ran and when it was sent. The unique key is what makes a step
 * reach an editor once, whoever sends it and however often.
 */
static const char *const store_migration_12[] = {
	"CREATE TABLE IF NOT EXISTS reminder("
	" id INTEGER PRIMARY KEY,"
	" fiscal_year INTEGER NOT NULL,"
	" step TEXT NOT NULL, account TEXT NOT NULL, address TEXT NOT NULL,"
	" day TEXT NOT NULL, entries TEXT NOT NULL, subject TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('sending', 'ok', 'failed')),"
	" message_id TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '',"
	" attempts INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL DEFAULT " TS ","
	" sent_at TEXT NOT NULL DEFAULT '',"
	" UNIQUE(fiscal_year, step, account));",
	NULL
};

/*
 * 14: the round's entries are searchable by those who may read them
 * (searchdoc.h, kind 7): a text or state change of an entry marks it for
 * re-indexing, a change of an item's ministries (the consolidated
 * entry's readers) all of them; the test kind (99) and its table go, the
 * entries that exist are indexed.
 */
static const char *const store_migration_14[] = {
	DROP_V2("search_test_doc"),
	"INSERT OR IGNORE INTO search_dirty SELECT kind, ref FROM search_map WHERE kind = 99;",
	"DROP TABLE IF EXISTS search_test_doc;",
	SEARCH_SYNC("round_entry", "7", "old.results IS NOT new.results"
		    " OR old.plans IS NOT new.plans OR old.state IS NOT new.state"
		    " OR old.ministry_id IS NOT new.ministry_id"),
	DROP_V2("action_ministry"),
	SEARCH_STALE("action_ministry", "(1), (2), (3), (4), (6), (7)"),
	"INSERT OR IGNORE INTO search_dirty SELECT 7, id FROM round_entry;",
	NULL
};

/*
 * 15: the public generation (issue 13's benchmark). public_state holds a
 * number that every change of public content raises, and the time of the
 * latest such change; the server keeps its response cache until the
 * number moves, and the pages' "updated" line shows the time. The
 * triggers that raise it are made by store.c (public_triggers()) for
 * every table but the few only signed-in pages read, so a table a later
 * migration adds is public unless it is listed there.
 */
static const char *const store_migration_15[] = {
	"CREATE TABLE public_state("
	" id INTEGER PRIMARY KEY CHECK (id = 1), gen INTEGER NOT NULL,"
	" at TEXT NOT NULL);",
	"INSERT INTO public_state VALUES (1, 1,"
	" coalesce((SELECT max(at) FROM import_run), ''));",
	NULL
};

/* History's descriptions of the tables schema 11 added (store.c appends
 * them to STORE_DESCRIBE's; migration 5 fills history from STORE_DESCRIBE
 * only, before these tables exist). */
#define STORE_DESCRIBE_11(X) \
	X("document", "x.code", "NULL", "document x")

/*
 * 13: the board of a round (issue 14) counts its entries by state,
 * ministry and flag (store round_count, round_goal, board_entry): an index
 * that holds those columns after the round, so a count reads the index
 * only, however many rounds the history has.
 */
static const char *const store_migration_13[] = {
	"CREATE INDEX IF NOT EXISTS round_entry_state ON round_entry(round_id, consolidated,"
	" ministry_id, state, flagged);",
	NULL
};

/*
 * 16: the round's reminder days (edit.h, edit_round_remind()): the days
 * before the deadline at which editors with entries not yet submitted get
 * mail, as the secretariat set them ("14,7,1": whole days 0-366, largest
 * first, no repeats; '' when not set, then the server's or the command's
 * --remind-days decide). Changes go to history like the deadline.
 */
static const char *const store_migration_16[] = {
	"ALTER TABLE round ADD COLUMN remind_days TEXT NOT NULL DEFAULT '';",
	NULL
};

/*
 * 17: a row's history by version (store_load_history() with a limit: the
 * entry page's last versions, and their newest version), read from the
 * index alone: history_row would read every history row of the entry, each
 * with its texts, on every form and save, so that an entry grew slower with
 * every save. The new index starts with history_row's columns and takes its
 * place.
 */
static const char *const store_migration_17[] = {
	"CREATE INDEX IF NOT EXISTS history_version ON history(tbl, row_id, version);",
	"DROP INDEX IF EXISTS history_row;",
	NULL
};

/*
 * 18: the board's lists and goal table (store board_entry, round_goal)
 * read every entry of the round for its item, order and state: an index
 * that holds those columns after the round, so that they read the index
 * only (a round of 10,000 entries: the board's queries about 30% faster).
 * round_entry_state stays for the counts, which it gives in GROUP BY order.
 */
static const char *const store_migration_18[] = {
	"CREATE INDEX IF NOT EXISTS round_entry_board ON round_entry(round_id, action_item_id,"
	" consolidated, pos, ministry_id, state, flagged);",
	NULL
};

static const char *const *const store_migrations[] = {
	store_migration_1,
	store_migration_2,
	store_migration_3,
	store_migration_4,
	store_migration_5,
	store_migration_6,
	store_migration_7,
	store_migration_8,
	store_migration_9,
	store_migration_10,
	store_migration_11,
	store_migration_12,
	store_migration_13,
	store_migration_14,
	store_migration_15,
	store_migration_16,
	store_migration_17,
	store_migration_18,
};

#undef TS
#undef DIRTY
#undef SEARCH_SYNC
#undef SRC
#undef VERSIONED
#undef CHANGES
#undef BACKFILL
#undef RETIRABLE
#undef FILL_HISTORY
#undef SEARCH_STALE
#undef SEARCH_STALE_UPD
#undef STALE
#undef LIVE
#undef FTS_TABLE
#undef DROP_V2
#undef AUDIT_FROZEN
#undef FROZEN
#endif
