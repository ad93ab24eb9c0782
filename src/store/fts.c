/*
 * Full-text search: the FTS5 tokenizer "mdplan" and the search itself.
 *
 * Tokens, over the NFKC + case-folded text (text_norm_each), with byte
 * offsets into the original so highlights land on what was written:
 *  - a run of CJK characters c1..ck (white space inside a run is ignored,
 *    so a word broken by a line end is whole) gives the bigrams c1c2 ..
 *    c(k-1)ck and then the unigram ck; every character thus starts a token;
 *  - a run of letters and digits is one token (white space ends it);
 *  - any other character (punctuation, symbols) is a token of its own.
 * A query is tokenized the same way, as one phrase, except that a CJK run
 * at the very end of the query does not add its closing unigram (the
 * text may go on); a query ending in a lone CJK character becomes a prefix
 * phrase ("… 研" *), which matches both 研究 and a final 研. Matching a
 * phrase of these tokens is then exactly "the search key of the document
 * contains the search key of the query, with whole words at its ends".
 */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store_int.h"
#include "searchdoc.h"

typedef int (*token_fn)(void *, int, const char *, int, int, int);

struct tk {
	void *ctx;
	token_fn emit;
	int query;            /* tokenizing a query phrase */
	struct buf word;      /* the word being collected (normalized) */
	size_t w_start, w_end;
	int32_t prev;         /* last character of the CJK run, 0 if none */
	size_t p_start, p_end;
	int runlen;           /* characters in the CJK run so far */
	int space;            /* white space since the last character */
};

/* The token of one or two characters (b 0: one). */
static int put2(char *out, int32_t a, int32_t b)
{
	int n = text_utf8_enc(out, a);

	return b ? n + text_utf8_enc(out + n, b) : n;
}

static int tk_word_flush(struct tk *t)
{
	int rc;

	if (!t->word.len)
		return 0;
	if (buf_error(&t->word))
		return SQLITE_NOMEM;
	rc = t->emit(t->ctx, 0, t->word.ptr, (int)t->word.len, (int)t->w_start,
		     (int)t->w_end);
	buf_reset(&t->word);
	return rc;
}

/* Ends a CJK run; its last character becomes a unigram unless the run is
 * the open end of a query. */
static int tk_run_flush(struct tk *t, int at_end)
{
	char b[8];
	int rc = 0;

	if (!t->prev)
		return 0;
	if (!(at_end && t->query && t->runlen > 1))
		rc = t->emit(t->ctx, 0, b, put2(b, t->prev, 0), (int)t->p_start,
			     (int)t->p_end);
	t->prev = 0;
	return rc;
}

static int tk_cp(void *ctx, int32_t cp, size_t start, size_t end)
{
	struct tk *t = ctx;
	int cc = text_char_class(cp), rc;
	char b[8];

	switch (cc) {
	case TEXT_CC_SPACE:
		t->space = 1;
		return 0;
	case TEXT_CC_WORD:
		if ((rc = tk_run_flush(t, 0)))
			return rc;
		if (t->space && (rc = tk_word_flush(t)))
			return rc;
		t->space = 0;
		if (!t->word.len)
			t->w_start = start;
		t->w_end = end;
		return text_utf8_put(&t->word, cp) ? SQLITE_NOMEM : 0;
	case TEXT_CC_CJK:
		t->space = 0;
		if ((rc = tk_word_flush(t)))
			return rc;
		if (t->prev) {
			if ((rc = t->emit(t->ctx, 0, b, put2(b, t->prev, cp),
					  (int)t->p_start, (int)end)))
				return rc;
			t->runlen++;
		} else {
			t->runlen = 1;
		}
		t->prev = cp;
		t->p_start = start;
		t->p_end = end;
		return 0;
	default:
		t->space = 0;
		if ((rc = tk_word_flush(t)) || (rc = tk_run_flush(t, 0)))
			return rc;
		return t->emit(t->ctx, 0, b, put2(b, cp, 0), (int)start, (int)end);
	}
}

static int tok_create(void *ctx, const char **argv, int argc,
		      Fts5Tokenizer **out)
{
	static char one;

	(void)ctx;
	(void)argv;
	if (argc)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)&one;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
			const char *text, int n, token_fn emit)
{
	struct tk t = { .ctx = ctx, .emit = emit };
	int rc;

	(void)tok;
	t.query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	buf_init(&t.word, (size_t)1 << 20);
	rc = text_norm_each(text, n < 0 ? 0 : (size_t)n, tk_cp, &t);
	if (rc == MD_ENOMEM)
		rc = SQLITE_NOMEM;
	else if (rc < 0)
		rc = SQLITE_ERROR;
	if (!rc)
		rc = tk_word_flush(&t);
	if (!rc)
		rc = tk_run_flush(&t, 1);
	buf_release(&t.word);
	return rc;
}

/*
 * mdrank(search): bm25 (k1 1.2, b 0.75) with the title weighted 10. Every
 * query is one phrase, so bm25's IDF factor is the same for every row and
 * leaves the order unchanged: it is left out, which spares the second pass
 * over the phrase's documents that bm25() makes to count them. Lower is
 * better, as with bm25().
 *
 * Document lengths come from an in-memory copy of the index's docsize
 * table (one B-tree seek per matching row was three quarters of the time
 * of a common query), reloaded whenever the database changed.
 */
#define RANK_COLS 3
static const double rank_weight[RANK_COLS] = { 10.0, 1.0, 1.0 };

struct fts_lens {
	sqlite3_int64 *rowid;   /* ascending */
	int *len;               /* RANK_COLS per row */
	size_t n, cap;
	int valid;
	long long version;      /* PRAGMA data_version when loaded */
	sqlite3_int64 changes;  /* sqlite3_total_changes64 when loaded */
};

static void lens_free(void *p)
{
	struct fts_lens *l = p;

	if (l) {
		free(l->rowid);
		free(l->len);
		free(l);
	}
}

void store_fts_lens_stale_(void *lens)
{
	struct fts_lens *l = lens;

	if (l)
		l->valid = 0;
}

/* A docsize record: one SQLite varint per column. */
static int lens_parse(const unsigned char *b, int n, int *out)
{
	int c, i = 0;

	for (c = 0; c < RANK_COLS; c++) {
		unsigned v = 0;
		int k, whole = 0;

		for (k = 0; k < 5 && i < n; k++) {
			v = (v << 7) | (b[i] & 0x7f);
			if (!(b[i++] & 0x80)) {
				whole = 1;
				break;
			}
		}
		if (!whole)
			return -1;
		out[c] = (int)v;
	}
	return 0;
}

/* Reads every document's column lengths. Anything unexpected leaves the
 * copy invalid and md_rank() asks FTS5 row by row instead. */
static int lens_load(struct fts_lens *l, sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	int rc = 0, step;

	l->n = 0;
	l->valid = 0;
	if (sqlite3_prepare_v2(db, "SELECT id, sz FROM search_docsize ORDER BY id", -1,
			       &s, NULL) != SQLITE_OK)
		return 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 1024;
			sqlite3_int64 *r = realloc(l->rowid, nc * sizeof(*r));
			int *len;

			if (r)
				l->rowid = r;
			len = r ? realloc(l->len, nc * RANK_COLS * sizeof(*len)) : NULL;
			if (!len) {
				rc = MD_ENOMEM;
				goto out;
			}
			l->len = len;
			l->cap = nc;
		}
		l->rowid[l->n] = sqlite3_column_int64(s, 0);
		if (lens_parse(sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1),
			       l->len + l->n * RANK_COLS))
			goto out;
		l->n++;
	}
	l->valid = step == SQLITE_DONE;
out:
	sqlite3_finalize(s);
	return rc;
}

static const int *lens_find(const struct fts_lens *l, sqlite3_int64 rowid)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->rowid[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->rowid[lo] == rowid ? l->len + lo * RANK_COLS : NULL;
}

static void md_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
		    sqlite3_context *ctx, int nv, sqlite3_value **v)
{
	const struct fts_lens *l = api->xUserData(fts);
	double *avg = api->xGetAuxdata(fts, 0), score = 0;
	int tf[RANK_COLS] = { 0 }, col, off, c;
	const int *len = NULL;
	Fts5PhraseIter it;

	(void)nv;
	(void)v;
	if (!avg) {
		sqlite3_int64 rows = 0, total = 0;

		avg = sqlite3_malloc(RANK_COLS * sizeof(*avg));
		if (!avg || api->xRowCount(fts, &rows) != SQLITE_OK) {
			sqlite3_free(avg);
			sqlite3_result_error_nomem(ctx);
			return;
		}
		for (c = 0; c < RANK_COLS; c++) {
			api->xColumnTotalSize(fts, c, &total);
			avg[c] = rows && total ? (double)total / (double)rows : 1.0;
		}
		if (api->xSetAuxdata(fts, avg, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	for (api->xPhraseFirst(fts, 0, &it, &col, &off); col >= 0;
	     api->xPhraseNext(fts, &it, &col, &off)) {
		if (col < RANK_COLS)
			tf[col]++;
	}
	if (l && l->valid)
		len = lens_find(l, api->xRowid(fts));
	for (c = 0; c < RANK_COLS; c++) {
		int n = 0;

		if (!tf[c])
			continue;
		if (len)
			n = len[c];
		else
			api->xColumnSize(fts, c, &n);
		score += rank_weight[c] * tf[c] * 2.2 /
			(tf[c] + 1.2 * (0.25 + 0.75 * n / avg[c]));
	}
	sqlite3_result_double(ctx, -score);
}

/* Brings the lengths up to date with the database before a search. */
static int lens_fresh(struct store *st, struct fts_lens *l)
{
	sqlite3 *db = store_db_(st);
	long long v = store_data_version(st);
	sqlite3_int64 ch = sqlite3_total_changes64(db);

	if (l->valid && v == l->version && ch == l->changes)
		return 0;
	l->version = v;
	l->changes = ch;
	return lens_load(l, db);
}

int store_fts_register_(sqlite3 *db, void **lens)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	struct fts_lens *l = calloc(1, sizeof(*l));
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	int rc = SQLITE_ERROR;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return MD_EDB;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (api && api->iVersion >= 2)
		rc = api->xCreateTokenizer(api, "mdplan", NULL, &tok, NULL);
	if (rc == SQLITE_OK && l) {
		/* the connection owns l from here and frees it on close */
		rc = api->xCreateFunction(api, "mdrank", l, md_rank, lens_free);
		*lens = l;
		l = NULL;
	}
	free(l);
	return rc == SQLITE_OK && *lens ? 0 : MD_EDB;
}

static const char *const kinds[] = {
	[STORE_KIND_VISION] = "vision",
	[STORE_KIND_GOAL] = "goal",
	[STORE_KIND_MEASURE] = "measure",
	[STORE_KIND_ITEM] = "item",
	[STORE_KIND_FOLLOWUP] = "followup",
};

const char *store_kind_name(int kind)
{
	if (kind <= 0 || (size_t)kind >= MD_ARRAY_SIZE(kinds))
		return NULL;
	return kinds[kind];
}

int store_kind_find(const char *s)
{
	size_t k;

	for (k = 1; s && k < MD_ARRAY_SIZE(kinds); k++) {
		if (!strcmp(s, kinds[k]))
			return (int)k;
	}
	return 0;
}

#define IN_MINISTRY(join, where) \
	" EXISTS (SELECT 1 FROM " join " JOIN ministry mi" \
	" ON mi.id = am.ministry_id WHERE " where " AND mi.code = ?4)"

static const char search_sql[] =
	"SELECT search.rowid, mdrank(search) FROM search"
	" WHERE search MATCH ?1"
	" AND (?2 IS NULL OR search.rowid % 8 = ?2)"
	" AND (?3 IS NULL OR (search.rowid % 8 = 5 AND"
	"  (SELECT fiscal_year FROM followup WHERE id = search.rowid / 8) = ?3))"
	" AND (?4 IS NULL OR CASE search.rowid % 8"
	"  WHEN 5 THEN" IN_MINISTRY("followup_ministry am", "am.followup_id = search.rowid / 8")
	"  WHEN 4 THEN" IN_MINISTRY("action_ministry am", "am.item_id = search.rowid / 8")
	"  WHEN 3 THEN" IN_MINISTRY("action_item i JOIN action_ministry am"
				    " ON am.item_id = i.id", "i.measure_id = search.rowid / 8")
	"  WHEN 2 THEN" IN_MINISTRY("measure m JOIN action_item i ON i.measure_id = m.id"
				    " JOIN action_ministry am ON am.item_id = i.id",
				    "m.goal_id = search.rowid / 8")
	"  WHEN 1 THEN" IN_MINISTRY("goal_listing gl JOIN measure m"
				    " ON m.goal_id = gl.goal_id JOIN action_item i"
				    " ON i.measure_id = m.id JOIN action_ministry am"
				    " ON am.item_id = i.id", "gl.vision_id = search.rowid / 8")
	"  ELSE 0 END)";

/* Runs one statement; *row (if given) gets the first column of its first
 * row, 0 when there is none. */
static int run_one(struct store *st, enum store_stmt id, const char *sql,
		   long *row)
{
	sqlite3_stmt *s = store_stmt_(st, id, sql);
	int step;

	if (!s)
		return MD_EDB;
	step = sqlite3_step(s);
	if (row)
		*row = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail_(st, MD_EDB, "search index");
		store_stmt_done_(st, id, s);
		return MD_EDB;
	}
	store_stmt_done_(st, id, s);
	return 0;
}

/* Re-indexes the documents the triggers noted as changed: three
 * statements however many changed (FTS5 writes a segment per statement). */
int store_search_flush_(struct store *st)
{
	long any = 0;
	int rc;

	if ((rc = run_one(st, STMT_SEARCH_ANY_DIRTY,
			    "SELECT EXISTS (SELECT 1 FROM search_dirty)", &any)) || !any)
		return rc;
	if (sqlite3_db_readonly(store_db_(st), "main") == 1)
		return 0;   /* a writer left them; it re-indexes on its next commit */
	if ((rc = run_one(st, STMT_SEARCH_DELETE_DIRTY, "DELETE FROM search WHERE rowid IN"
			  " (SELECT doc FROM search_dirty)", NULL)) ||
	    (rc = run_one(st, STMT_SEARCH_INSERT_DIRTY, "INSERT INTO search(rowid, title, body, plans)"
			  " SELECT doc, title, body, plans FROM (" SEARCH_DOCS_DIRTY ")",
			  NULL)))
		return rc;
	return run_one(st, STMT_SEARCH_CLEAR_DIRTY, "DELETE FROM search_dirty", NULL);
}

struct sh {
	long long doc;
	double rank;
};

/* a ranks before b */
static int before(const struct sh *a, const struct sh *b)
{
	return a->rank < b->rank || (a->rank == b->rank && a->doc < b->doc);
}

static int cmp_sh(const void *x, const void *y)
{
	const struct sh *a = x, *b = y;

	return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* The heap keeps the best k seen; its root is the worst of them. */
static void sift_down(struct sh *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		struct sh t;

		if (l < n && before(&h[w], &h[l]))
			w = l;
		if (r < n && before(&h[w], &h[r]))
			w = r;
		if (w == i)
			return;
		t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

static void sift_up(struct sh *h, size_t i)
{
	while (i) {
		size_t p = (i - 1) / 2;
		struct sh t;

		if (!before(&h[p], &h[i]))
			return;
		t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

/* The FTS5 phrase for a query's search key. */
static int match_expr(const char *key, size_t n, struct buf *m)
{
	size_t i = 0;
	int32_t last = 0, before_last = 0;

	buf_putc(m, '"');
	while (i < n) {
		int32_t cp = text_utf8_next(key, n, &i);

		before_last = last;
		last = cp;
		if (cp == '"')
			buf_putc(m, '"');
		text_utf8_put(m, cp < 0 ? 0xfffd : cp);
	}
	buf_putc(m, '"');
	if (text_char_class(last) == TEXT_CC_CJK &&
	    (!before_last || text_char_class(before_last) != TEXT_CC_CJK))
		buf_puts(m, " *");
	return buf_error(m);
}

int store_search(struct store *st, const struct store_search_q *q,
		 struct store_hit **hits, int *nhits, long *total)
{
	struct buf key = BUF_INIT, m = BUF_INIT;
	struct sh *h = NULL;
	size_t k, n = 0, cap = 0, i;
	sqlite3_stmt *s = NULL;
	long count = 0;
	int rc, step;

	*hits = NULL;
	*nhits = 0;
	*total = 0;
	if (q->offset < 0 || q->limit < 0)
		return store_fail_(st, MD_EUSAGE, "negative offset or limit");
	if ((rc = text_search_key(q->text ? q->text : "",
				  q->text ? strlen(q->text) : 0, &key)))
		goto out;
	if (!key.len)
		goto out;
	if ((rc = match_expr(key.ptr, key.len, &m)))
		goto out;
	k = q->limit ? (size_t)q->offset + (size_t)q->limit : (size_t)-1;
	if ((rc = store_search_flush_(st)) ||
	    (rc = lens_fresh(st, store_fts_lens_(st))))
		goto out;
	if (!(s = store_stmt_(st, STMT_SEARCH, search_sql))) {
		rc = MD_EDB;
		goto out;
	}
	sqlite3_bind_text(s, 1, m.ptr, (int)m.len, SQLITE_STATIC);
	if (q->kind)
		sqlite3_bind_int(s, 2, q->kind);
	if (q->year)
		sqlite3_bind_int(s, 3, q->year);
	if (q->ministry)
		sqlite3_bind_text(s, 4, q->ministry, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sh x = { sqlite3_column_int64(s, 0),
				sqlite3_column_double(s, 1) };

		count++;
		if (n < k) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct sh *g = realloc(h, nc * sizeof(*g));

				if (!g) {
					rc = MD_ENOMEM;
					goto out;
				}
				h = g;
				cap = nc;
			}
			h[n] = x;
			sift_up(h, n++);
		} else if (before(&x, &h[0])) {
			h[0] = x;
			sift_down(h, n, 0);
		}
	}
	if (step != SQLITE_DONE) {
		rc = store_fail_(st, MD_EDB, "search");
		goto out;
	}
	if (n)
		qsort(h, n, sizeof(*h), cmp_sh);
	*total = count;
	if (n > (size_t)q->offset) {
		struct store_hit *o = calloc(n - (size_t)q->offset, sizeof(*o));

		if (!o) {
			rc = MD_ENOMEM;
			goto out;
		}
		for (i = (size_t)q->offset; i < n; i++) {
			o[i - (size_t)q->offset].kind = (int)(h[i].doc % 8);
			o[i - (size_t)q->offset].ref = h[i].doc / 8;
			o[i - (size_t)q->offset].rank = h[i].rank;
		}
		*hits = o;
		*nhits = (int)(n - (size_t)q->offset);
	}
out:
	store_stmt_done_(st, STMT_SEARCH, s);
	free(h);
	buf_release(&key);
	buf_release(&m);
	return rc;
}

int store_search_check(struct store *st, long *missing, long *stale)
{
	int rc;

	if ((rc = store_search_flush_(st)) ||
	    (rc = run_one(st, STMT_SEARCH_CHECK_MISSING,
			  "SELECT count(*) FROM search_doc d WHERE NOT EXISTS"
			  " (SELECT 1 FROM search s WHERE s.rowid = d.doc"
			  " AND s.title IS d.title AND s.body IS d.body"
			  " AND s.plans IS d.plans)", missing)) ||
	    (rc = run_one(st, STMT_SEARCH_CHECK_STALE,
			  "SELECT count(*) FROM search s WHERE NOT EXISTS"
			  " (SELECT 1 FROM search_doc d WHERE d.kind = s.rowid % 8"
			  " AND d.ref = s.rowid / 8)", stale)))
		return rc;
	/* the index itself against the stored texts */
	return run_one(st, STMT_SEARCH_INTEGRITY,
		       "INSERT INTO search(search) VALUES ('integrity-check')", NULL);
}

int store_search_rebuild(struct store *st)
{
	static const char *const fill[] = {
		"INSERT INTO search(rowid, title, body, plans)"
		" SELECT doc, title, body, plans FROM search_doc",
		"INSERT INTO search(search) VALUES ('optimize')",
	};
	sqlite3 *db = store_db_(st);
	sqlite3_stmt *s = NULL;
	char *ddl = NULL;
	size_t i;
	int rc;

	if ((rc = store_begin(st)))
		return rc;
	/* drop and re-create (as the schema says) rather than delete row by
	 * row, which would tokenize every old text once more */
	rc = MD_EDB;
	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'table'"
			       " AND name = 'search'", -1, &s, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(s) == SQLITE_ROW)
		ddl = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (!ddl || sqlite3_exec(db, "DROP TABLE search", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < MD_ARRAY_SIZE(fill); i++) {
		if (sqlite3_exec(db, fill[i], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
	}
	if (sqlite3_exec(db, "DELETE FROM search_dirty", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	rc = 0;
out:
	sqlite3_free(ddl);
	if (rc) {
		rc = store_fail_(st, MD_EDB, "search rebuild");
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}
