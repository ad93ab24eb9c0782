/*
 * The yearly follow-up round (フォローアップ調査) and its published
 * editions: the rows (schema 9). The rules are src/edit's (edit/round.c).
 */
#include <stdio.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "store_int.h"
#include "../base/banned.h"

static void reset(struct store *st, enum store_stmt id, sqlite3_stmt *s)
{
	store_stmt_done_(st, id, s);
}

/* Runs a statement that returns no rows; binds are the caller's. */
static int run(struct store *st, enum store_stmt id, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail_(st, MD_EDB, what);

	reset(st, id, s);
	return rc;
}

int store_round_put(struct store *st, int fy, long long plan, const char *deadline,
		    const char *state, const char *remind_days, const char *opened_by,
		    long long *id)
{
	struct col key[] = { CI("fiscal_year", fy) };
	struct col val[] = { CT("deadline", deadline), CT("state", state),
			     CT("remind_days", remind_days) };
	struct buf keep = BUF_INIT;
	sqlite3_stmt *s;
	long long rid = 0;
	int rc;

	/* the plan and who opened it are set once, when it is made (the
	 * SELECT is put_row's own: the same text in its slot); remind_days
	 * NULL keeps what the round has */
	if (!(s = store_stmt_(st, STMT_ROUND_SELECT,
			      "SELECT rowid, version, deadline, state, remind_days FROM round"
			      " WHERE fiscal_year IS ?")))
		return MD_EDB;
	sqlite3_bind_int(s, 1, fy);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && !remind_days)
		buf_puts(&keep, (const char *)sqlite3_column_text(s, 4));
	reset(st, STMT_ROUND_SELECT, s);
	if (buf_error(&keep)) {
		buf_release(&keep);
		return store_fail_(st, MD_ENOMEM, "round");
	}
	if (!remind_days) {
		val[2].type = V_TEXT;
		val[2].t = rc == SQLITE_ROW ? keep.ptr : "";
	}
	if (rc == SQLITE_DONE) {
		if (!(s = store_stmt_(st, STMT_ROUND_INSERT, "INSERT INTO round(fiscal_year,"
				      " plan_id, deadline, state, opened_by, remind_days)"
				      " VALUES (?,?,?,?,?,?)"))) {
			buf_release(&keep);
			return MD_EDB;
		}
		sqlite3_bind_int(s, 1, fy);
		sqlite3_bind_int64(s, 2, plan);
		sqlite3_bind_text(s, 3, deadline, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, state, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, opened_by, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, val[2].t, -1, SQLITE_STATIC);
		rc = run(st, STMT_ROUND_INSERT, s, "insert round");
		if (!rc)
			rid = sqlite3_last_insert_rowid(store_db_(st));
	} else if (rc != SQLITE_ROW) {
		rc = store_fail_(st, MD_EDB, "read round");
	} else {
		rc = store_put_row_(st, STMT_ROUND_SELECT, "round", key, 1, val, 3,
				    PUT_UPDATE, &rid);
	}
	buf_release(&keep);
	if (rc)
		return rc;
	if (id)
		*id = rid;
	return 0;
}

int store_round_entries(struct store *st, long long round, long *n)
{
	sqlite3_stmt *s;
	long added = 0;
	int rc;

	s = store_stmt_(st, STMT_ROUND_ENTRIES, "INSERT OR IGNORE INTO round_entry("
			"round_id, action_item_id, ministry_id, lead, pos, consolidated)"
			" SELECT r.id, i.id, am.ministry_id, am.lead, am.pos, 0 FROM round r"
			" JOIN action_item i ON i.plan_id = r.plan_id AND i.retired IS NULL"
			" JOIN action_ministry am ON am.item_id = i.id WHERE r.id = ?"
			" ORDER BY i.no, am.pos");
	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, round);
	if ((rc = run(st, STMT_ROUND_ENTRIES, s, "create round entries")))
		return rc;
	added += sqlite3_changes(store_db_(st));
	s = store_stmt_(st, STMT_ROUND_CONSOLIDATED, "INSERT OR IGNORE INTO round_entry("
			"round_id, action_item_id, ministry_id, lead, pos, consolidated)"
			" SELECT r.id, i.id, NULL, 1, 0, 1 FROM round r"
			" JOIN action_item i ON i.plan_id = r.plan_id AND i.retired IS NULL"
			" WHERE r.id = ? AND (SELECT count(*) FROM action_ministry am"
			" WHERE am.item_id = i.id) > 1 ORDER BY i.no");
	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, round);
	if ((rc = run(st, STMT_ROUND_CONSOLIDATED, s, "create consolidated entries")))
		return rc;
	added += sqlite3_changes(store_db_(st));
	/* 取組予定 of the year before: its latest edition, else its table */
	s = store_stmt_(st, STMT_ROUND_COMMITMENT, "INSERT INTO text_block(owner, owner_id,"
			" field, seq, kind, text) SELECT 'round_entry', e.id, 'commitment',"
			" b.seq, b.kind, b.text FROM round_entry e JOIN round r ON r.id = e.round_id"
			" JOIN text_block b ON b.field = 'plans' AND ((b.owner = 'edition_row'"
			" AND b.owner_id = (SELECT er.id FROM edition_row er JOIN edition ed"
			" ON ed.id = er.edition_id WHERE ed.fiscal_year = r.fiscal_year - 1"
			" AND er.action_item_id = e.action_item_id ORDER BY ed.no DESC LIMIT 1))"
			" OR (b.owner = 'followup' AND NOT EXISTS (SELECT 1 FROM edition ed"
			" WHERE ed.fiscal_year = r.fiscal_year - 1) AND b.owner_id = (SELECT f.id"
			" FROM followup f WHERE f.fiscal_year = r.fiscal_year - 1"
			" AND f.action_item_id = e.action_item_id ORDER BY f.id LIMIT 1)))"
			" WHERE e.round_id = ? AND NOT EXISTS (SELECT 1 FROM text_block c"
			" WHERE c.owner = 'round_entry' AND c.owner_id = e.id"
			" AND c.field = 'commitment')");
	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, round);
	if ((rc = run(st, STMT_ROUND_COMMITMENT, s, "copy the commitments")))
		return rc;
	if (n)
		*n = added;
	return 0;
}

static const char *col_str(sqlite3_stmt *s, int i, struct arena *a)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return arena_strdup(a, t ? t : "");
}

int store_entry_get(struct store *st, long long id, struct arena *a,
		    struct store_entry *out)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_ENTRY_GET, "SELECT e.version, e.round_id,"
				      " r.fiscal_year, r.state, e.action_item_id, i.no,"
				      " coalesce(mi.code, ''), e.lead, e.consolidated,"
				      " e.consolidated_by, e.state, e.flagged,"
				      " e.results, e.plans, e.return_reason, e.return_field"
				      " FROM round_entry e JOIN round r ON r.id = e.round_id"
				      " JOIN action_item i ON i.id = e.action_item_id"
				      " LEFT JOIN ministry mi ON mi.id = e.ministry_id"
				      " WHERE e.id = ?");
	struct store_entry x;
	int step, m;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	step = sqlite3_step(s);
	if (step != SQLITE_ROW) {
		reset(st, STMT_ENTRY_GET, s);
		return step == SQLITE_DONE ?
			store_fail_(st, MD_ENOTFOUND, "there is no such round entry") :
			store_fail_(st, MD_EDB, "read round entry");
	}
	memset(&x, 0, sizeof(x));
	x.id = id;
	x.version = sqlite3_column_int64(s, 0);
	x.round = sqlite3_column_int64(s, 1);
	x.fiscal_year = sqlite3_column_int(s, 2);
	x.round_state = col_str(s, 3, a);
	x.item = sqlite3_column_int64(s, 4);
	x.item_no = sqlite3_column_int64(s, 5);
	x.ministry = col_str(s, 6, a);
	x.lead = sqlite3_column_int(s, 7);
	x.consolidated = sqlite3_column_int(s, 8);
	x.consolidated_by = col_str(s, 9, a);
	x.state = col_str(s, 10, a);
	x.flagged = sqlite3_column_int(s, 11);
	x.results = col_str(s, 12, a);
	x.plans = col_str(s, 13, a);
	x.return_reason = col_str(s, 14, a);
	x.return_field = col_str(s, 15, a);
	reset(st, STMT_ENTRY_GET, s);
	if (!x.round_state || !x.ministry || !x.consolidated_by || !x.state || !x.results ||
	    !x.plans || !x.return_reason || !x.return_field)
		return store_fail_(st, MD_ENOMEM, "out of memory");
	if (!x.consolidated) {
		/* a ministry's own entry: that ministry writes and submits it */
		if ((m = text_ministry_find(x.ministry, strlen(x.ministry))) >= 0) {
			x.scope.ministry[0] = m;
			x.scope.lead[0] = 1;
			x.scope.n = 1;
		}
	} else {
		s = store_stmt_(st, STMT_ENTRY_GET_MINISTRIES, "SELECT mi.code FROM"
				" action_ministry am JOIN ministry mi ON mi.id = am.ministry_id"
				" WHERE am.item_id = ? AND am.lead = 1 ORDER BY am.pos");
		if (!s)
			return MD_EDB;
		sqlite3_bind_int64(s, 1, x.item);
		while ((step = sqlite3_step(s)) == SQLITE_ROW && x.scope.n < TEXT_TAG_MAX) {
			const char *code = (const char *)sqlite3_column_text(s, 0);

			if (code && (m = text_ministry_find(code, strlen(code))) >= 0) {
				x.scope.ministry[x.scope.n] = m;
				x.scope.lead[x.scope.n++] = 1;
			}
		}
		reset(st, STMT_ENTRY_GET_MINISTRIES, s);
		if (step != SQLITE_DONE && step != SQLITE_ROW)
			return store_fail_(st, MD_EDB, "read the item's ministries");
	}
	*out = x;
	return 0;
}

int store_entry_find(struct store *st, int fy, int item_no, const char *ministry,
		     long long *id)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_ENTRY_FIND, "SELECT e.id FROM round_entry e"
				      " JOIN round r ON r.id = e.round_id"
				      " JOIN action_item i ON i.id = e.action_item_id"
				      " LEFT JOIN ministry mi ON mi.id = e.ministry_id"
				      " WHERE r.fiscal_year = ?1 AND i.no = ?2"
				      " AND ((?3 IS NULL AND e.consolidated = 1) OR mi.code = ?3)");
	int step;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int(s, 1, fy);
	sqlite3_bind_int(s, 2, item_no);
	if (ministry && *ministry)
		sqlite3_bind_text(s, 3, ministry, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 3);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	reset(st, STMT_ENTRY_FIND, s);
	if (step == SQLITE_DONE)
		return store_fail_(st, MD_ENOTFOUND, "the round has no such entry");
	return step == SQLITE_ROW ? 0 : store_fail_(st, MD_EDB, "find round entry");
}

int store_entry_put(struct store *st, long long id, const struct store_entry_put *e)
{
	const char *by = e->consolidated_by ? e->consolidated_by : "";
	struct col key[] = { CI("id", id) };
	struct col val[] = {
		CT("results", e->results), CT("plans", e->plans), CT("state", e->state),
		CI("flagged", e->flagged), CT("return_reason", e->return_reason),
		CT("return_field", e->return_field), CT("consolidated_by", by),
	};

	return store_put_row_(st, STMT_ENTRY_SELECT, "round_entry", key, 1, val,
			      (int)MD_ARRAY_SIZE(val), PUT_UPDATE, NULL);
}

int store_comment_add(struct store *st, long long entry, const char *author,
		      const char *text, long long *id)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_COMMENT_INSERT, "INSERT INTO"
				      " round_comment(entry_id, author, text) VALUES (?,?,?)");
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, entry);
	sqlite3_bind_text(s, 2, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	if ((rc = run(st, STMT_COMMENT_INSERT, s, "add comment")))
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(store_db_(st));
	return 0;
}

/* ---- editions ---- */

/* the vision a goal is listed under first (its home) */
#define HOME_LISTING(g, col) "(SELECT gl." col " FROM goal_listing gl WHERE gl.goal_id = " \
	g ".id ORDER BY gl.relisted, gl.id LIMIT 1)"
#define VISION_HEADING(v) "'(' || " v ".no || ')「' || " v ".title || '」に向けて'"
#define FU_MINISTRIES "(SELECT group_concat(x, '、') FROM (SELECT CASE WHEN fm.lead" \
	" THEN '◎' ELSE '' END || mi.abbrev AS x FROM followup_ministry fm" \
	" JOIN ministry mi ON mi.id = fm.ministry_id WHERE fm.followup_id = f.id" \
	" ORDER BY fm.pos))"
#define ROW_COLS "INSERT INTO edition_row(edition_id, pos, action_item_id, item_no," \
	" goal_no, vision_no, vision_heading, goal_heading, measure_heading, item_text," \
	" ministries, results, plans, src_ref) "
/* a block list as one text, for comparing two rows' fields */
#define BLOCKS_OF(x, field) "(SELECT group_concat(kind || ':' || text, char(10)) FROM" \
	" (SELECT kind, text FROM text_block WHERE owner = 'edition_row' AND owner_id = " \
	x ".id AND field = '" field "' ORDER BY seq))"
#define EDITION_SIDE(name, param) name " AS (SELECT er.*, coalesce('i' || er.action_item_id," \
	" 't' || er.item_text) AS k, " BLOCKS_OF("er", "results") " AS rb, " \
	BLOCKS_OF("er", "plans") " AS pb FROM edition_row er WHERE er.edition_id = " param ")"

static const char rows_round[] = ROW_COLS
	"SELECT ?1, row_number() OVER (ORDER BY v.no, gpos, m.no, i.no), i.id, i.no, g.no, v.no, "
	VISION_HEADING("v") ", '【' || g.title || '】', m.title, i.text, "
	"coalesce(" STORE_SQL_ITEM_MINISTRIES("i.id") ", ''), e.results, e.plans, e.id"
	" FROM (SELECT e.*, " HOME_LISTING("g", "vision_id") " AS home, "
	HOME_LISTING("g", "pos") " AS gpos FROM round r JOIN round_entry e ON e.round_id = r.id"
	" JOIN action_item i ON i.id = e.action_item_id JOIN measure m ON m.id = i.measure_id"
	" JOIN goal g ON g.id = m.goal_id WHERE r.fiscal_year = ?2 AND e.state = 'accepted'"
	" AND (e.consolidated = 1 OR NOT EXISTS (SELECT 1 FROM round_entry c"
	" WHERE c.round_id = r.id AND c.action_item_id = e.action_item_id"
	" AND c.consolidated = 1))) e"
	" JOIN action_item i ON i.id = e.action_item_id JOIN measure m ON m.id = i.measure_id"
	" JOIN goal g ON g.id = m.goal_id LEFT JOIN vision v ON v.id = e.home";

/* an imported table's rows in the plan's order; a row that matches no
 * item goes after the matched row before it in the table, under that
 * row's headings (so the official table does not jump between headings) */
static const char rows_import[] = ROW_COLS
	"WITH b AS (SELECT f.id, f.src_line, f.action_item_id AS iid, i.no AS ino, g.no AS gno,"
	" v.no AS vno, " HOME_LISTING("g", "pos") " AS gpos, m.no AS mno,"
	" CASE WHEN v.id IS NULL THEN f.vision_text ELSE " VISION_HEADING("v") " END AS vh,"
	" CASE WHEN g.id IS NULL THEN f.goal_text ELSE '【' || g.title || '】' END AS gh,"
	" coalesce(m.title, f.measure_text) AS mh, coalesce(i.text, f.item_text) AS it,"
	" coalesce(" FU_MINISTRIES ", '') AS mins, f.results, f.plans"
	" FROM followup f LEFT JOIN action_item i ON i.id = f.action_item_id"
	" LEFT JOIN measure m ON m.id = i.measure_id LEFT JOIN goal g ON g.id = m.goal_id"
	" LEFT JOIN vision v ON v.id = " HOME_LISTING("g", "vision_id")
	" WHERE f.fiscal_year = ?2),"
	" k AS (SELECT b.*, (SELECT x.id FROM b x WHERE x.gno IS NOT NULL AND"
	" (x.src_line < b.src_line OR (x.src_line = b.src_line AND x.id < b.id))"
	" ORDER BY x.src_line DESC, x.id DESC LIMIT 1) AS prev FROM b)"
	" SELECT ?1, row_number() OVER (ORDER BY coalesce(q.vno, k.vno), coalesce(q.gpos, k.gpos),"
	" coalesce(q.mno, k.mno), coalesce(q.ino, k.ino), k.gno IS NULL, k.src_line, k.id),"
	" k.iid, k.ino, k.gno, k.vno, coalesce(q.vh, k.vh), coalesce(q.gh, k.gh), k.mh, k.it,"
	" k.mins, k.results, k.plans, k.id"
	" FROM k LEFT JOIN b q ON k.gno IS NULL AND q.id = k.prev";

static const char changes_sql[] = "INSERT INTO edition_change(edition_id, pos,"
	" action_item_id, item_no, item_text, change, fields)"
	" WITH " EDITION_SIDE("cur", "?1") ", " EDITION_SIDE("prev", "?2")
	" SELECT ?1, row_number() OVER (ORDER BY ord), action_item_id, item_no, item_text,"
	" change, fields FROM ("
	"SELECT c.pos AS ord, c.action_item_id, c.item_no, c.item_text, 'changed' AS change,"
	" substr(CASE WHEN c.rb IS NOT p.rb THEN ',results' ELSE '' END"
	" || CASE WHEN c.pb IS NOT p.pb THEN ',plans' ELSE '' END"
	" || CASE WHEN c.ministries IS NOT p.ministries THEN ',ministries' ELSE '' END"
	" || CASE WHEN c.item_text IS NOT p.item_text THEN ',item' ELSE '' END, 2) AS fields"
	" FROM cur c JOIN prev p ON p.k = c.k WHERE c.rb IS NOT p.rb OR c.pb IS NOT p.pb"
	" OR c.ministries IS NOT p.ministries OR c.item_text IS NOT p.item_text"
	" UNION ALL SELECT c.pos, c.action_item_id, c.item_no, c.item_text, 'added', ''"
	" FROM cur c WHERE NOT EXISTS (SELECT 1 FROM prev p WHERE p.k = c.k)"
	" UNION ALL SELECT 1000000000 + p.pos, p.action_item_id, p.item_no, p.item_text,"
	" 'removed', '' FROM prev p WHERE NOT EXISTS (SELECT 1 FROM cur c WHERE c.k = p.k))";

static void hash_text(struct crypto_sha256_ctx *c, const char *t)
{
	char len[32];
	size_t n = t ? strlen(t) : 0;

	snprintf(len, sizeof(len), "%zu:", n);
	crypto_sha256_update(c, len, strlen(len));
	if (n)
		crypto_sha256_update(c, t, n);
	crypto_sha256_update(c, "\n", 1);
}

/* The digest of edition id's content (store.h says how). */
static int edition_digest(struct store *st, long long id, struct buf *hex)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_EDITION_CONTENT, "SELECT er.id,"
				      " er.vision_heading, er.goal_heading, er.measure_heading,"
				      " er.item_text, er.ministries, b.field, b.kind, b.text"
				      " FROM edition_row er LEFT JOIN text_block b"
				      " ON b.owner = 'edition_row' AND b.owner_id = er.id"
				      " WHERE er.edition_id = ? ORDER BY er.pos, b.field, b.seq");
	struct crypto_sha256_ctx c;
	long long last = 0;
	int step, i;

	if (!s)
		return MD_EDB;
	if (crypto_sha256_init(&c)) {
		reset(st, STMT_EDITION_CONTENT, s);
		return store_fail_(st, MD_ENOMEM, "digest");
	}
	crypto_sha256_update(&c, "mdplan-edition-1\n", strlen("mdplan-edition-1\n"));
	sqlite3_bind_int64(s, 1, id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) != last) {
			last = sqlite3_column_int64(s, 0);
			crypto_sha256_update(&c, "row\n", 4);
			for (i = 1; i <= 5; i++)
				hash_text(&c, (const char *)sqlite3_column_text(s, i));
		}
		if (sqlite3_column_type(s, 6) != SQLITE_NULL) {
			const char *f = (const char *)sqlite3_column_text(s, 6);
			const char *k = (const char *)sqlite3_column_text(s, 7);

			crypto_sha256_update(&c, f, strlen(f));
			crypto_sha256_update(&c, " ", 1);
			crypto_sha256_update(&c, k, strlen(k));
			crypto_sha256_update(&c, " ", 1);
			hash_text(&c, (const char *)sqlite3_column_text(s, 8));
		}
	}
	reset(st, STMT_EDITION_CONTENT, s);
	if (step != SQLITE_DONE)
		return store_fail_(st, MD_EDB, "read the edition");
	return crypto_sha256_final_hex(&c, hex) ? store_fail_(st, MD_ENOMEM, "digest") : 0;
}

/*
 * The year's public table (its follow-up rows) becomes edition id's rows:
 * one row per edition row, keyed by its action item, with the frozen
 * headings, text, ministries and blocks; rows of the year the edition
 * does not hold are swept (history keeps them). The pages, the API, the
 * downloads and `mdplan publish` read the follow-up rows, so for a year
 * with a round they show the latest published edition and nothing else.
 */
static int public_rows(struct store *st, int fy, long long id, int no, const char *hex,
		       long rows)
{
	struct arena *a = arena_new();
	struct store_filter f;
	struct store_edition_row_row *r;
	struct store_block_row *bl;
	struct buf key = BUF_INIT, tag = BUF_INIT, norm = BUF_INIT, path = BUF_INIT;
	long long plan = 0, source = 0, fid;
	sqlite3_stmt *s;
	int n, nb, i, k, rc = MD_EDB, step;
	long removed = 0;

	if (!a)
		return store_fail_(st, MD_ENOMEM, "out of memory");
	if (!(s = store_stmt_(st, STMT_EDITION_PLAN, "SELECT plan_id FROM round"
			      " WHERE fiscal_year = ?")))
		goto out;
	sqlite3_bind_int(s, 1, fy);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		plan = sqlite3_column_int64(s, 0);
	reset(st, STMT_EDITION_PLAN, s);
	if (step != SQLITE_ROW) {
		rc = store_fail_(st, MD_EDB, "read the round's plan");
		goto out;
	}
	buf_printf(&path, "edition FY%d #%d", fy, no);
	if ((rc = buf_error(&path) ? MD_ENOMEM : 0) ||
	    (rc = store_source_put(st, path.ptr, hex, rows, "UTF-8", &source)))
		goto out;
	memset(&f, 0, sizeof(f));
	f.id = id;
	if ((rc = store_load_edition_row(st, &f, a, &r, &n)))
		goto out;
	for (i = 0; i < n; i++) {
		struct store_followup fu;
		struct store_block *sb;
		struct text_tag tg;
		static const char *const fields[] = { "results", "plans" };
		int fi;

		buf_reset(&key);
		buf_reset(&tag);
		buf_reset(&norm);
		buf_printf(&key, "item#%lld", r[i].item_id);
		if (*r[i].ministries)
			buf_printf(&tag, "【%s】", r[i].ministries);
		if (text_normalize(r[i].item_text, strlen(r[i].item_text), TEXT_NORM_NOSPACE,
				   &norm) || buf_error(&key) || buf_error(&tag)) {
			rc = store_fail_(st, MD_ENOMEM, "out of memory");
			goto out;
		}
		memset(&fu, 0, sizeof(fu));
		fu.fiscal_year = fy;
		fu.plan = plan;
		fu.row_key = key.ptr;
		fu.item = r[i].null.item_id ? 0 : r[i].item_id;
		fu.match_method = fu.item ? "exact" : "none";
		fu.match_score = fu.item ? 1.0 : 0.0;
		fu.vision_text = r[i].vision_heading;
		fu.goal_text = r[i].goal_heading;
		fu.measure_text = r[i].measure_heading;
		fu.item_text = r[i].item_text;
		fu.item_norm = norm.ptr;
		fu.tag_text = tag.ptr;
		fu.results = r[i].results;
		fu.plans = r[i].plans;
		fu.loc.source = source;
		fu.loc.line = (long)r[i].pos;
		fu.loc.col = 1;
		memset(&tg, 0, sizeof(tg));
		if (*r[i].ministries &&
		    text_tag_parse(r[i].ministries, strlen(r[i].ministries), &tg, NULL))
			memset(&tg, 0, sizeof(tg));
		if ((rc = store_followup_put(st, &fu, &fid)) ||
		    (rc = store_followup_ministries(st, fid, &tg)))
			goto out;
		memset(&f, 0, sizeof(f));
		f.owner = "edition_row";
		f.id = r[i].id;
		if ((rc = store_load_block(st, &f, a, &bl, &nb)))
			goto out;
		if (!(sb = arena_alloc(a, sizeof(*sb) * (size_t)(nb + 1)))) {
			rc = store_fail_(st, MD_ENOMEM, "out of memory");
			goto out;
		}
		for (fi = 0; fi < 2; fi++) {
			int m = 0;

			for (k = 0; k < nb; k++) {
				if (!strcmp(bl[k].field, fields[fi])) {
					sb[m].kind = bl[k].kind;
					sb[m++].text = bl[k].text;
				}
			}
			if ((rc = store_blocks_put(st, "followup", fid, fields[fi], sb, m)))
				goto out;
		}
	}
	rc = store_followup_sweep(st, fy, &removed);
out:
	buf_release(&key);
	buf_release(&tag);
	buf_release(&norm);
	buf_release(&path);
	arena_free(a);
	return rc;
}

int store_edition_publish(struct store *st, int fy, const char *by, long long *id_out,
			  int *no_out, long *rows_out, char sha256[65])
{
	struct buf hex = BUF_INIT, msg = BUF_INIT;
	sqlite3_stmt *s;
	long long id = 0, prev = 0;
	int no = 1, from_round = 0, rc = MD_EDB, step;
	long rows = 0, changes = 0;

	/* the next number, the previous edition, and where the rows come from */
	if (!(s = store_stmt_(st, STMT_EDITION_NEXT, "SELECT coalesce((SELECT max(no) FROM"
			      " edition WHERE fiscal_year = ?1), 0) + 1, coalesce((SELECT id"
			      " FROM edition WHERE fiscal_year = ?1 ORDER BY no DESC LIMIT 1), 0),"
			      " EXISTS (SELECT 1 FROM round WHERE fiscal_year = ?1)")))
		return MD_EDB;
	sqlite3_bind_int(s, 1, fy);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		no = sqlite3_column_int(s, 0);
		prev = sqlite3_column_int64(s, 1);
		from_round = sqlite3_column_int(s, 2);
	}
	reset(st, STMT_EDITION_NEXT, s);
	if (step != SQLITE_ROW)
		return store_fail_(st, MD_EDB, "read editions");
	if (!(s = store_stmt_(st, STMT_EDITION_INSERT, "INSERT INTO edition(fiscal_year, no,"
			      " published_at, published_by, origin) VALUES (?, ?, " 
			      "strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?)")))
		return MD_EDB;
	sqlite3_bind_int(s, 1, fy);
	sqlite3_bind_int(s, 2, no);
	sqlite3_bind_text(s, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, from_round ? "round" : "import", -1, SQLITE_STATIC);
	if ((rc = run(st, STMT_EDITION_INSERT, s, "insert edition")))
		goto out;
	id = sqlite3_last_insert_rowid(store_db_(st));
	if (from_round)
		s = store_stmt_(st, STMT_EDITION_ROWS_ROUND, rows_round);
	else
		s = store_stmt_(st, STMT_EDITION_ROWS_IMPORT, rows_import);
	if (!s) {
		rc = MD_EDB;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, fy);
	if ((rc = run(st, from_round ? STMT_EDITION_ROWS_ROUND : STMT_EDITION_ROWS_IMPORT, s,
		      "freeze the rows")))
		goto out;
	rows = (long)sqlite3_changes(store_db_(st));
	if (!rows) {
		rc = store_fail_(st, MD_ENOTFOUND, from_round ?
				 "the round has no accepted entry to publish" :
				 "the year has no round and no imported follow-up table");
		goto out;
	}
	if (!(s = store_stmt_(st, from_round ? STMT_EDITION_BLOCKS_ROUND : STMT_EDITION_BLOCKS_IMPORT,
			      "INSERT INTO text_block(owner, owner_id, field, seq, kind, text)"
			      " SELECT 'edition_row', er.id, b.field, b.seq, b.kind, b.text"
			      " FROM edition_row er JOIN text_block b ON b.owner = ?2"
			      " AND b.owner_id = er.src_ref AND b.field IN ('results', 'plans')"
			      " WHERE er.edition_id = ?1"))) {
		rc = MD_EDB;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, from_round ? "round_entry" : "followup", -1, SQLITE_STATIC);
	if ((rc = run(st, from_round ? STMT_EDITION_BLOCKS_ROUND : STMT_EDITION_BLOCKS_IMPORT,
		      s, "freeze the texts")))
		goto out;
	if (prev) {
		if (!(s = store_stmt_(st, STMT_EDITION_CHANGES, changes_sql))) {
			rc = MD_EDB;
			goto out;
		}
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, prev);
		if ((rc = run(st, STMT_EDITION_CHANGES, s, "list the changes")))
			goto out;
		changes = (long)sqlite3_changes(store_db_(st));
		if (!changes) {
			buf_printf(&msg, "nothing changed since edition %d of FY%d: "
				   "there is nothing to publish", no - 1, fy);
			rc = store_fail_(st, MD_EINPUT, msg.ptr);
			goto out;
		}
	}
	if ((rc = edition_digest(st, id, &hex)))
		goto out;
	if (!(s = store_stmt_(st, STMT_EDITION_SEAL, "UPDATE edition SET sha256 = ?,"
			      " rows = ? WHERE id = ?"))) {
		rc = MD_EDB;
		goto out;
	}
	sqlite3_bind_text(s, 1, hex.ptr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, rows);
	sqlite3_bind_int64(s, 3, id);
	if ((rc = run(st, STMT_EDITION_SEAL, s, "seal the edition")))
		goto out;
	if (from_round && (rc = public_rows(st, fy, id, no, hex.ptr, rows)))
		goto out;
	if (id_out)
		*id_out = id;
	if (no_out)
		*no_out = no;
	if (rows_out)
		*rows_out = rows;
	if (sha256)
		snprintf(sha256, 65, "%s", hex.ptr);
	rc = 0;
out:
	buf_release(&hex);
	buf_release(&msg);
	return rc;
}
