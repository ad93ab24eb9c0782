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
#include <stdio.h>
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

static int tokenize(const char *text, size_t n, int query, token_fn emit, void *ctx)
{
	struct tk t = { .ctx = ctx, .emit = emit, .query = query };
	int rc;

	buf_init(&t.word, (size_t)1 << 20);
	rc = text_norm_each(text, n, tk_cp, &t);
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

static int tok_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
			const char *text, int n, token_fn emit)
{
	(void)tok;
	return tokenize(text, n < 0 ? 0 : (size_t)n, (flags & FTS5_TOKENIZE_QUERY) != 0,
			emit, ctx);
}

/*
 * "mdplan_scoped", the tokenizer of the private index. A text there starts
 * with the scopes that may read it, "\x1e" scope " " scope ... "\x1f", and
 * each token is indexed once per scope, as scope "\x1f" token, all at the
 * token's one position; a query phrase starts with one scope. So a search
 * reads the postings of the documents that one of the viewer's scopes may
 * read, and of no other: what a viewer may not see costs it no time.
 */
#define SCOPE_MARK '\x1e'
#define SCOPE_END '\x1f'
#define SCOPE_MAX 32

struct scoped {
	void *ctx;
	token_fn emit;
	const char *scope[SCOPE_MAX];
	size_t len[SCOPE_MAX];
	int n;
	int skip;             /* bytes of the scope list before the text */
	struct buf tok;
};

static int scoped_emit(void *ctx, int flags, const char *t, int n, int start, int end)
{
	struct scoped *sc = ctx;
	int i, rc = 0;

	for (i = 0; i < sc->n && !rc; i++) {
		buf_reset(&sc->tok);
		buf_add(&sc->tok, sc->scope[i], sc->len[i]);
		buf_putc(&sc->tok, SCOPE_END);
		buf_add(&sc->tok, t, (size_t)n);
		if (buf_error(&sc->tok))
			return SQLITE_NOMEM;
		rc = sc->emit(sc->ctx, flags | (i ? FTS5_TOKEN_COLOCATED : 0), sc->tok.ptr,
			      (int)sc->tok.len, start + sc->skip, end + sc->skip);
	}
	return rc;
}

static int tok_tokenize_scoped(Fts5Tokenizer *tok, void *ctx, int flags,
			       const char *text, int n, token_fn emit)
{
	struct scoped sc = { .ctx = ctx, .emit = emit };
	const char *end;
	size_t len = n < 0 ? 0 : (size_t)n, i;
	int rc;

	(void)tok;
	if (!len || text[0] != SCOPE_MARK || !(end = memchr(text, SCOPE_END, len)))
		return SQLITE_OK;   /* nobody may read it: no tokens */
	for (i = 1; text + i < end;) {
		size_t w = 0;

		while (text + i + w < end && text[i + w] != ' ')
			w++;
		if (w && sc.n == SCOPE_MAX)
			return SQLITE_ERROR;
		if (w) {
			sc.scope[sc.n] = text + i;
			sc.len[sc.n++] = w;
		}
		i += w + 1;
	}
	sc.skip = (int)(end + 1 - text);
	buf_init(&sc.tok, (size_t)1 << 20);
	rc = tokenize(end + 1, len - (size_t)sc.skip, (flags & FTS5_TOKENIZE_QUERY) != 0,
		      scoped_emit, &sc);
	buf_release(&sc.tok);
	return rc;
}

/* ---- kinds ---- */

static const struct {
	int kind;
	const char *name;
	int listed;        /* a reader may ask for it (--kind, kind=); 1: and
			    * every reader is offered it (store_kind_at) */
	int norm;          /* its lengths make the averages ranks use */
} kinds[] = {
	{ STORE_KIND_VISION, "vision", 1, 1 },
	{ STORE_KIND_GOAL, "goal", 1, 1 },
	{ STORE_KIND_MEASURE, "measure", 1, 1 },
	{ STORE_KIND_ITEM, "item", 1, 1 },
	{ STORE_KIND_FOLLOWUP, "followup", 1, 1 },
	{ STORE_KIND_INDICATOR, "indicator", 1, 0 },
	{ STORE_KIND_ENTRY, "entry", 2, 0 },
};

const char *store_kind_name(int kind)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(kinds); k++) {
		if (kinds[k].kind == kind)
			return kinds[k].name;
	}
	return NULL;
}

int store_kind_find(const char *s)
{
	size_t k;

	for (k = 0; s && k < MD_ARRAY_SIZE(kinds); k++) {
		if (kinds[k].listed && !strcmp(s, kinds[k].name))
			return kinds[k].kind;
	}
	return 0;
}

int store_kind_at(int i)
{
	size_t k;

	for (k = 0; i >= 0 && k < MD_ARRAY_SIZE(kinds); k++) {
		if (kinds[k].listed == 1 && !i--)
			return kinds[k].kind;
	}
	return 0;
}

static int kind_norm(int kind)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(kinds); k++) {
		if (kinds[k].kind == kind)
			return kinds[k].norm;
	}
	return 0;
}

/*
 * mdrank(search), mdrankp(search_private): bm25 (k1 1.2, b 0.75) with the
 * title weighted 10. Every query is one phrase, so bm25's IDF factor is
 * the same for every row and leaves the order unchanged: it is left out,
 * which spares the second pass over the phrase's documents that bm25()
 * makes to count them. Lower is better, as with bm25().
 *
 * The average column lengths, by which every length is normalized, are
 * those of the public documents of the plan and its follow-up (kinds with
 * norm set): the same for both indexes, so a document's score depends on
 * itself and on public documents only, never on one the viewer may not
 * read; and a new kind (its documents may be short records, or many)
 * leaves the order of the others' hits as it was.
 *
 * Document lengths come from an in-memory copy of each index's docsize
 * table (one B-tree seek per matching row was three quarters of the time
 * of a common query), reloaded whenever the database changed; the averages
 * are summed while the public one loads.
 */
#define RANK_COLS 3
static const double rank_weight[RANK_COLS] = { 10.0, 1.0, 1.0 };

struct fts_state;

/* a public document: its index row, what it is, its column lengths */
struct lens_doc {
	sqlite3_int64 rowid;
	long long ref;
	int kind;               /* 0: no map row (an inconsistent index) */
	int len[RANK_COLS];
};

struct fts_lens {
	const char *sql;        /* reads (id, sz, kind, ref) by id */
	struct fts_state *state;
	struct lens_doc *doc;   /* by rowid, ascending */
	size_t n, cap;
	int *at;                /* doc index by rowid (-1: none), when the rowids
	                           are dense enough; else NULL: binary search */
	size_t nat;
	int valid;
	long long version;      /* PRAGMA data_version when loaded */
	sqlite3_int64 changes;  /* sqlite3_total_changes64 when loaded */
};

/* The connection's state: the public index's documents (the map's kind
 * and ref with the lengths, so that a search without filters need not
 * read the map row by row) and the averages. The private index has no copy (lens[1] stays empty): its
 * lengths are read per hit, so that loading them takes no time that
 * grows with documents a viewer may not read. */
struct fts_state {
	struct fts_lens lens[2];
	double avg[RANK_COLS];
	int avg_ok;             /* avg is that of the loaded public lengths */
};

static void state_free(void *p)
{
	struct fts_state *s = p;

	if (!s)
		return;
	free(s->lens[0].doc);
	free(s->lens[0].at);
	free(s);
}

void store_fts_lens_stale_(void *state)
{
	struct fts_state *s = state;

	if (s) {
		s->lens[0].valid = 0;
		s->avg_ok = 0;
	}
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

/* Reads every public document's column lengths and the averages. Anything
 * unexpected leaves the copy invalid and md_rank() asks FTS5 instead. */
static int lens_load(struct fts_lens *l, sqlite3 *db)
{
	struct fts_state *fs = l->state;
	sqlite3_stmt *s = NULL;
	long long total[RANK_COLS] = { 0 }, rows = 0;
	int rc = 0, step, c;

	l->n = 0;
	l->valid = 0;
	fs->avg_ok = 0;
	if (sqlite3_prepare_v2(db, l->sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct lens_doc *d;

		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 1024;

			if (!(d = realloc(l->doc, nc * sizeof(*d)))) {
				rc = MD_ENOMEM;
				goto out;
			}
			l->doc = d;
			l->cap = nc;
		}
		d = &l->doc[l->n];
		d->rowid = sqlite3_column_int64(s, 0);
		d->kind = sqlite3_column_int(s, 2);
		d->ref = sqlite3_column_int64(s, 3);
		if (lens_parse(sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1), d->len))
			goto out;
		if (kind_norm(d->kind)) {
			rows++;
			for (c = 0; c < RANK_COLS; c++)
				total[c] += d->len[c];
		}
		l->n++;
	}
	l->valid = step == SQLITE_DONE;
	free(l->at);
	l->at = NULL;
	l->nat = 0;
	if (l->valid && l->n && l->doc[l->n - 1].rowid >= 0 &&
	    (size_t)l->doc[l->n - 1].rowid < 4 * l->n + 1024) {
		size_t i, na = (size_t)l->doc[l->n - 1].rowid + 1;

		if ((l->at = malloc(na * sizeof(*l->at)))) {
			for (i = 0; i < na; i++)
				l->at[i] = -1;
			for (i = 0; i < l->n; i++)
				if (l->doc[i].rowid >= 0)
					l->at[l->doc[i].rowid] = (int)i;
			l->nat = na;
		}
	}
	if (l->valid) {
		/* as FTS5 would give them for these documents alone */
		for (c = 0; c < RANK_COLS; c++)
			fs->avg[c] = rows && total[c] ? (double)total[c] / (double)rows : 1.0;
		fs->avg_ok = 1;
	}
out:
	sqlite3_finalize(s);
	return rc;
}

static const struct lens_doc *lens_find(const struct fts_lens *l, sqlite3_int64 rowid)
{
	size_t lo = 0, hi = l->n;

	if (l->at) {
		if (rowid < 0 || (sqlite3_uint64)rowid >= l->nat || l->at[rowid] < 0)
			return NULL;
		return &l->doc[l->at[rowid]];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->doc[mid].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->doc[lo].rowid == rowid ? &l->doc[lo] : NULL;
}

/* Without the in-memory copy: the averages of this index, from FTS5. */
static double *own_avg(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	double *avg = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, total = 0;
	int c;

	if (avg)
		return avg;
	avg = sqlite3_malloc(RANK_COLS * sizeof(*avg));
	if (!avg || api->xRowCount(fts, &rows) != SQLITE_OK) {
		sqlite3_free(avg);
		return NULL;
	}
	for (c = 0; c < RANK_COLS; c++) {
		total = 0;
		api->xColumnTotalSize(fts, c, &total);
		avg[c] = rows && total ? (double)total / (double)rows : 1.0;
	}
	return api->xSetAuxdata(fts, avg, sqlite3_free) == SQLITE_OK ? avg : NULL;
}

static void md_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
		    sqlite3_context *ctx, int nv, sqlite3_value **v)
{
	const struct fts_lens *l = api->xUserData(fts);
	const double *avg = l->state->avg_ok ? l->state->avg : own_avg(api, fts);
	int tf[RANK_COLS] = { 0 }, col, off, c, p;
	const int *len = NULL;
	double score = 0;
	Fts5PhraseIter it;

	(void)nv;
	(void)v;
	if (!avg) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	/* one phrase (the private index: one per scope of the viewer, and a
	 * document has the same hits in each phrase it matches) */
	for (p = 0; p < api->xPhraseCount(fts); p++) {
		int n[RANK_COLS] = { 0 };

		for (api->xPhraseFirst(fts, p, &it, &col, &off); col >= 0;
		     api->xPhraseNext(fts, &it, &col, &off)) {
			if (col < RANK_COLS)
				n[col]++;
		}
		for (c = 0; c < RANK_COLS; c++)
			tf[c] = n[c] > tf[c] ? n[c] : tf[c];
	}
	if (l->valid) {
		const struct lens_doc *d = lens_find(l, api->xRowid(fts));

		len = d ? d->len : NULL;
	}
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

int store_fts_register_(sqlite3 *db, void **state)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	static fts5_tokenizer tok_scoped = { tok_create, tok_delete, tok_tokenize_scoped };
	struct fts_state *s = calloc(1, sizeof(*s));
	fts5_api *api = NULL;
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_ERROR, i;

	if (!s)
		return MD_ENOMEM;
	s->lens[0].sql = "SELECT d.id, d.sz, m.kind, m.ref FROM search_docsize d"
		" LEFT JOIN search_map m ON m.doc = d.id ORDER BY d.id";
	for (i = 0; i < 2; i++)
		s->lens[i].state = s;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) != SQLITE_OK) {
		free(s);
		return MD_EDB;
	}
	sqlite3_bind_pointer(q, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(q);
	sqlite3_finalize(q);
	if (api && api->iVersion >= 2)
		rc = api->xCreateTokenizer(api, "mdplan", NULL, &tok, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateTokenizer(api, "mdplan_scoped", NULL, &tok_scoped, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "mdrankp", &s->lens[1], md_rank, NULL);
	/* the connection owns s from here and frees it on close */
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "mdrank", &s->lens[0], md_rank, state_free);
	if (rc != SQLITE_OK) {
		free(s);
		return MD_EDB;
	}
	*state = s;
	return 0;
}

/* ---- keeping the index ---- */

#define DIRTY_DOCS "SELECT m.doc FROM search_dirty d JOIN search_map m" \
	" ON m.kind = d.kind AND m.ref = d.ref"
#define META_MAP(w) "(" SEARCH_META(w) ") x JOIN search_map m" \
	" ON m.kind = x.kind AND m.ref = x.ref"
#define TEXT_INTO(t, w, col) "INSERT INTO " t "(rowid, title, body, plans)" \
	" SELECT m.doc, " col("x.title") ", " col("x.body") ", " col("x.plans") \
	" FROM (" SEARCH_TEXT(w) ") x JOIN search_map m ON m.kind = x.kind AND m.ref = x.ref"
#define AS_IS(c) c
/* in the private index a text starts with its readers (mdplan_scoped) */
#define READERS_FIRST(c) "char(30) || (SELECT group_concat(scope, ' ') FROM (SELECT scope" \
	" FROM search_reader WHERE doc = m.doc ORDER BY scope)) || char(31) || " c

/* Re-indexes the documents the triggers noted: a dozen statements however
 * many changed (FTS5 writes a segment per statement). */
static const char *const flush_sql[] = {
	/* kinds whose ministries changed: all their documents */
	"INSERT OR IGNORE INTO search_dirty SELECT kind, ref FROM search_map"
	" WHERE kind IN (SELECT kind FROM search_stale)",
	"DELETE FROM search_stale",
	"DELETE FROM search WHERE rowid IN (" DIRTY_DOCS ")",
	"DELETE FROM search_private WHERE rowid IN (" DIRTY_DOCS ")",
	/* the map: documents gone, then the others as they are now */
	"DELETE FROM search_map WHERE (kind, ref) IN (SELECT kind, ref FROM search_dirty)"
	" AND (kind, ref) NOT IN (SELECT kind, ref FROM (" SEARCH_META(SD_DIRTY) "))",
	"INSERT INTO search_map(kind, ref, fiscal_year, vis, scope)"
	" SELECT kind, ref, fiscal_year, owner IS NOT NULL, owner"
	" FROM (" SEARCH_META(SD_DIRTY) ") WHERE 1 ON CONFLICT(kind, ref) DO UPDATE"
	" SET fiscal_year = excluded.fiscal_year, vis = excluded.vis, scope = excluded.scope",
	"DELETE FROM search_ministry WHERE doc IN (" DIRTY_DOCS ")",
	"INSERT OR IGNORE INTO search_ministry SELECT m.doc, j.value"
	" FROM " META_MAP(SD_DIRTY) ", json_each(x.ministries) j",
	"DELETE FROM search_reader WHERE doc IN (" DIRTY_DOCS ")",
	/* the owner is always a reader */
	"INSERT OR IGNORE INTO search_reader SELECT m.doc, j.value"
	" FROM " META_MAP(SD_DIRTY) ","
	" json_each(" STORE_SQL_READERS("x") ") j"
	" WHERE m.vis <> 0 AND j.value IS NOT NULL",
	/* the texts, each into the index of its visibility */
	TEXT_INTO("search", SD_DIRTY_PUBLIC, AS_IS),
	TEXT_INTO("search_private", SD_DIRTY_PRIVATE, READERS_FIRST),
	"DELETE FROM search_dirty",
};

_Static_assert(MD_ARRAY_SIZE(flush_sql) == STMT_SEARCH_FLUSH_END_ - STMT_SEARCH_FLUSH_,
	       "a statement slot for each statement of the flush (store_int.h)");

/* Runs one statement in slot id; *row (if given) gets the first column of
 * its first row, 0 when there is none. */
static int run_one(struct store *st, enum store_stmt id, const char *sql, long *row)
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

int store_search_flush_(struct store *st)
{
	long any = 0;
	size_t i;
	int rc;

	if ((rc = run_one(st, STMT_SEARCH_ANY_DIRTY, "SELECT EXISTS (SELECT 1 FROM search_dirty)"
			  " OR EXISTS (SELECT 1 FROM search_stale)", &any)) || !any)
		return rc;
	if (sqlite3_db_readonly(store_db_(st), "main") == 1)
		return 0;   /* a writer left them; it re-indexes on its next commit */
	for (i = 0; i < MD_ARRAY_SIZE(flush_sql); i++) {
		if ((rc = run_one(st, STMT_SEARCH_FLUSH_ + (int)i, flush_sql[i], NULL)))
			return rc;
	}
	return 0;
}

/* ---- searching ---- */

/*
 * One statement per index. The viewer's scopes are bound as one string,
 * " scope scope ", so that a document whose readers share one with it
 * passes; the public viewer binds NULL and only `search` is read.
 */
#define SEARCH_SQL(t, rank) \
	"SELECT m.kind, m.ref, " rank " FROM " t " CROSS JOIN search_map m" \
	" WHERE " t " MATCH ?1 AND m.doc = " t ".rowid" \
	" AND (?2 IS NULL OR m.kind = ?2)" \
	" AND (?3 IS NULL OR m.fiscal_year = ?3)" \
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM search_ministry x WHERE x.doc = m.doc" \
	"  AND x.ministry_id = (SELECT id FROM ministry WHERE code = ?4)))" \
	" AND (m.vis = 0 OR EXISTS (SELECT 1 FROM search_reader r WHERE r.doc = m.doc" \
	"  AND instr(?5, ' ' || r.scope || ' ')))"

static const char *const search_sql[2] = {
	SEARCH_SQL("search", "mdrank(search)"),
	SEARCH_SQL("search_private", "mdrankp(search_private)"),
};
/* the public index without filters: every row is a hit any viewer may see
 * (`search` holds public documents only, as search --check verifies);
 * kind and ref come from the in-memory copy rather than a seek per row */
static const char search_all_sql[] =
	"SELECT rowid, mdrank(search) FROM search WHERE search MATCH ?1";

struct sh {
	long long ref;
	int kind;
	double rank;
};

/* a ranks before b; equal ranks by ref, then kind (the order the first
 * index's rowids, ref * 8 + kind, gave) */
static int before(const struct sh *a, const struct sh *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->ref != b->ref)
		return a->ref < b->ref;
	return a->kind < b->kind;
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

struct heap {
	struct sh *h;
	size_t n, cap, k;
	long count;
};

static int heap_add(struct heap *hp, const struct sh *x)
{
	hp->count++;
	if (hp->n < hp->k) {
		if (hp->n == hp->cap) {
			size_t nc = hp->cap ? hp->cap * 2 : 64;
			struct sh *g = realloc(hp->h, nc * sizeof(*g));

			if (!g)
				return MD_ENOMEM;
			hp->h = g;
			hp->cap = nc;
		}
		hp->h[hp->n] = *x;
		sift_up(hp->h, hp->n++);
	} else if (hp->n && before(x, &hp->h[0])) {
		hp->h[0] = *x;
		sift_down(hp->h, hp->n, 0);
	}
	return 0;
}

/* The FTS5 phrase for a query's search key; in the private index (scope
 * not NULL) the phrase of the documents that scope may read. */
static int match_expr(const char *key, size_t n, const char *scope, struct buf *m)
{
	size_t i = 0;
	int32_t last = 0, before_last = 0;

	buf_putc(m, '"');
	if (scope)
		buf_printf(m, "%c%s%c", SCOPE_MARK, scope, SCOPE_END);
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

int store_scope_valid(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (!n || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int store_viewer_scopes_(struct store *st, const struct store_viewer *v,
			 struct buf *out)
{
	int i;

	for (i = 0; v && i < v->nscopes; i++) {
		if (!store_scope_valid(v->scopes[i]))
			return store_fail_(st, MD_EUSAGE, "a viewer's scope is"
					   " lower-case letters, digits and : . _ -");
		buf_printf(out, "%s%s ", out->len ? "" : " ", v->scopes[i]);
	}
	return buf_error(out);
}

static int search_index(struct store *st, int which, const struct store_search_q *q,
			const struct buf *m, const struct buf *scopes, struct heap *hp)
{
	struct fts_state *fs = store_fts_lens_(st);
	const struct fts_lens *pub = &fs->lens[0];
	enum store_stmt slot = which ? STMT_SEARCH_PRIVATE : STMT_SEARCH_PUBLIC;
	sqlite3_stmt *s;
	int rc, step, all;

	/* the public lengths give the averages both indexes rank by */
	if ((rc = lens_fresh(st, &fs->lens[0])))
		return rc;
	all = !which && !q->kind && !q->year && !q->ministry && pub->valid;
	if (all)
		slot = STMT_SEARCH_ALL;
	if (!(s = store_stmt_(st, slot, all ? search_all_sql : search_sql[which])))
		return MD_EDB;
	sqlite3_bind_text(s, 1, m->ptr, (int)m->len, SQLITE_STATIC);
	if (!all && q->kind)
		sqlite3_bind_int(s, 2, q->kind);
	if (!all && q->year)
		sqlite3_bind_int(s, 3, q->year);
	if (!all && q->ministry)
		sqlite3_bind_text(s, 4, q->ministry, -1, SQLITE_STATIC);
	if (!all && scopes->len)
		sqlite3_bind_text(s, 5, scopes->ptr, (int)scopes->len, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sh x;

		if (all) {
			const struct lens_doc *d = lens_find(pub, sqlite3_column_int64(s, 0));

			if (!d || !d->kind)
				continue;   /* no map row: not a document */
			x.ref = d->ref;
			x.kind = d->kind;
			x.rank = sqlite3_column_double(s, 1);
		} else {
			x.ref = sqlite3_column_int64(s, 1);
			x.kind = sqlite3_column_int(s, 0);
			x.rank = sqlite3_column_double(s, 2);
		}
		if ((rc = heap_add(hp, &x)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail_(st, MD_EDB, "search");
	store_stmt_done_(st, slot, s);
	return rc;
}

int store_search(struct store *st, const struct store_search_q *q,
		 struct store_hit **hits, int *nhits, long *total)
{
	struct buf key = BUF_INIT, m = BUF_INIT, mp = BUF_INIT, scopes = BUF_INIT;
	struct heap hp = { 0 };
	size_t i;
	int rc, k;

	*hits = NULL;
	*nhits = 0;
	*total = 0;
	if (q->offset < 0 || q->limit < 0)
		return store_fail_(st, MD_EUSAGE, "negative offset or limit");
	if ((rc = store_viewer_scopes_(st, q->viewer, &scopes)))
		goto out;
	if ((rc = text_search_key(q->text ? q->text : "",
				  q->text ? strlen(q->text) : 0, &key)))
		goto out;
	if (!key.len)
		goto out;
	if ((rc = match_expr(key.ptr, key.len, NULL, &m)))
		goto out;
	/* only a viewer with a scope reads the private index, and there only
	 * the documents one of its scopes may read */
	for (k = 0; scopes.len && k < q->viewer->nscopes; k++) {
		if (k)
			buf_puts(&mp, " OR ");
		if ((rc = match_expr(key.ptr, key.len, q->viewer->scopes[k], &mp)))
			goto out;
	}
	hp.k = q->limit ? (size_t)q->offset + (size_t)q->limit : (size_t)-1;
	if ((rc = store_search_flush_(st)) ||
	    (rc = search_index(st, 0, q, &m, &scopes, &hp)) ||
	    (mp.len && (rc = search_index(st, 1, q, &mp, &scopes, &hp))))
		goto out;
	if (hp.n)
		qsort(hp.h, hp.n, sizeof(*hp.h), cmp_sh);
	*total = hp.count;
	if (hp.n > (size_t)q->offset) {
		struct store_hit *o = calloc(hp.n - (size_t)q->offset, sizeof(*o));

		if (!o) {
			rc = MD_ENOMEM;
			goto out;
		}
		for (i = (size_t)q->offset; i < hp.n; i++) {
			o[i - (size_t)q->offset].kind = hp.h[i].kind;
			o[i - (size_t)q->offset].ref = hp.h[i].ref;
			o[i - (size_t)q->offset].rank = hp.h[i].rank;
		}
		*hits = o;
		*nhits = (int)(hp.n - (size_t)q->offset);
	}
out:
	if (rc)
		*total = 0;
	free(hp.h);
	buf_release(&key);
	buf_release(&m);
	buf_release(&mp);
	buf_release(&scopes);
	return rc;
}

/* ---- checking and rebuilding ---- */

/* the document as the index holds it, in the index of its visibility */
#define SAME_TEXT(t, vis, col) "EXISTS (SELECT 1 FROM " t " s WHERE m.vis = " vis \
	" AND s.rowid = m.doc AND s.title IS " col("d.title") " AND s.body IS " \
	col("d.body") " AND s.plans IS " col("d.plans") ")"
/* the ids of a JSON array as a set of rows of a table */
#define SAME_SET(json, tbl, col) \
	"(SELECT count(*) FROM " tbl " WHERE doc = m.doc) =" \
	" (SELECT count(DISTINCT value) FROM json_each(" json ") WHERE value IS NOT NULL)" \
	" AND NOT EXISTS (SELECT 1 FROM json_each(" json ") j WHERE j.value IS NOT NULL" \
	" AND NOT EXISTS (SELECT 1 FROM " tbl " WHERE doc = m.doc AND " col " = j.value))"

/* every document as it reads, against the map and the indexes; built at
 * run time, as one literal it would pass the 4095 bytes C promises */
static const char *const check_missing[] = {
	"SELECT count(*) FROM (", SEARCH_TEXT(SD_ALL), ") d JOIN (", SEARCH_META(SD_ALL),
	") x ON x.kind = d.kind AND x.ref = d.ref"
	" LEFT JOIN search_map m ON m.kind = d.kind AND m.ref = d.ref"
	" WHERE m.doc IS NULL OR m.fiscal_year IS NOT x.fiscal_year"
	" OR m.scope IS NOT x.owner OR m.vis <> (x.owner IS NOT NULL)"
	" OR NOT (" SAME_TEXT("search", "0", AS_IS) " OR ",
	SAME_TEXT("search_private", "1", READERS_FIRST) ")"
	" OR NOT (" SAME_SET("x.ministries", "search_ministry", "ministry_id") ")"
	" OR NOT (" SAME_SET("CASE WHEN x.owner IS NULL THEN '[]' ELSE "
	STORE_SQL_READERS("x") " END", "search_reader", "scope") ")",
};

static const char check_stale[] =
	"SELECT (SELECT count(*) FROM search s WHERE NOT EXISTS (SELECT 1 FROM search_map m"
	"  WHERE m.doc = s.rowid AND m.vis = 0))"
	" + (SELECT count(*) FROM search_private s WHERE NOT EXISTS (SELECT 1"
	"  FROM search_map m WHERE m.doc = s.rowid AND m.vis = 1))"
	" + (SELECT count(*) FROM search_map m LEFT JOIN (" SEARCH_META(SD_ALL) ") x"
	"  ON x.kind = m.kind AND x.ref = m.ref WHERE x.kind IS NULL)";

int store_search_check(struct store *st, long *missing, long *stale)
{
	struct buf sql = BUF_INIT;
	size_t i;
	int rc;

	/* the slot holds the statement once prepared: build it only then */
	for (i = 0; !store_stmt_idle_(st, STMT_SEARCH_CHECK_MISSING) &&
	     i < MD_ARRAY_SIZE(check_missing); i++)
		buf_puts(&sql, check_missing[i]);
	if ((rc = buf_error(&sql)) || (rc = store_search_flush_(st)) ||
	    (rc = run_one(st, STMT_SEARCH_CHECK_MISSING, sql.ptr, missing)) ||
	    (rc = run_one(st, STMT_SEARCH_CHECK_STALE, check_stale, stale))) {
		buf_release(&sql);
		return rc;
	}
	buf_release(&sql);
	/* the indexes themselves against the stored texts */
	if ((rc = run_one(st, STMT_SEARCH_INTEGRITY,
			  "INSERT INTO search(search) VALUES ('integrity-check')", NULL)))
		return rc;
	return run_one(st, STMT_SEARCH_INTEGRITY_PRIVATE, "INSERT INTO search_private(search_private)"
		       " VALUES ('integrity-check')", NULL);
}

/* Drops an FTS5 table and creates it again as the schema says: quicker
 * than deleting row by row, which would tokenize every old text again. */
static int recreate(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	char *ddl = NULL, *drop;
	int rc = MD_EDB;

	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'table'"
			       " AND name = ?1", -1, &s, NULL) != SQLITE_OK)
		return MD_EDB;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		ddl = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	drop = sqlite3_mprintf("DROP TABLE %s", name);
	if (ddl && drop && sqlite3_exec(db, drop, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, ddl, NULL, NULL, NULL) == SQLITE_OK)
		rc = 0;
	sqlite3_free(ddl);
	sqlite3_free(drop);
	return rc;
}

int store_search_rebuild(struct store *st)
{
	static const char *const fill[] = {
		/* every document and every map row, as if all had changed */
		"INSERT OR IGNORE INTO search_dirty SELECT kind, ref FROM (" SEARCH_META(SD_ALL) ")",
		"INSERT OR IGNORE INTO search_dirty SELECT kind, ref FROM search_map",
	};
	sqlite3 *db = store_db_(st);
	size_t i;
	int rc;

	if ((rc = store_begin(st)))
		return rc;
	rc = MD_EDB;
	if (recreate(db, "search") || recreate(db, "search_private"))
		goto out;
	for (i = 0; i < MD_ARRAY_SIZE(fill); i++) {
		if (sqlite3_exec(db, fill[i], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
	}
	if ((rc = store_search_flush_(st)))
		goto out;
	rc = MD_EDB;
	if (sqlite3_exec(db, "INSERT INTO search(search) VALUES ('optimize')", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "INSERT INTO search_private(search_private) VALUES ('optimize')",
			 NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	rc = 0;
out:
	if (rc) {
		rc = store_fail_(st, rc, "search rebuild");
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}
