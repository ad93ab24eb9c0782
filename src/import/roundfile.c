/*
 * The upload of a round workbook (import.h, "a ministry's round entries
 * as a workbook"): the rows of the sheet report_round_xlsx() wrote, read
 * (import_round_read(): the file alone), then matched by their hidden key
 * to the entries the caller holds and turned into proposed changes
 * (import_round_match()). Pure: reads memory, writes nothing but the file
 * and the plan in the arena.
 */
#include <stdlib.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "internal.h"
#include "xlsx.h"

static void blocks_bytes(struct buf *b, const char *s, struct arena *a, int *rc)
{
	struct store_block *bl;
	int n, i;

	if (*rc)
		return;
	if ((*rc = import_text_blocks(s ? s : "", s ? strlen(s) : 0, a, &bl, &n)))
		return;
	for (i = 0; i < n; i++) {
		buf_puts(b, bl[i].kind);
		buf_putc(b, 0x1f);
		buf_puts(b, bl[i].text);
		buf_putc(b, 0x1e);
	}
}

/* 1 when the two texts have the same blocks. */
static int same_text(const char *x, const char *y, struct arena *a, int *rc)
{
	struct buf bx = BUF_INIT, by = BUF_INIT;
	int same;

	blocks_bytes(&bx, x, a, rc);
	blocks_bytes(&by, y, a, rc);
	if (buf_error(&bx) || buf_error(&by))
		*rc = MD_ENOMEM;
	same = bx.len == by.len && !memcmp(bx.ptr, by.ptr, bx.len);
	buf_release(&bx);
	buf_release(&by);
	return same;
}

int import_round_digest(const char *results, const char *plans, struct buf *out)
{
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	int rc = 0;

	if (!a)
		return MD_ENOMEM;
	blocks_bytes(&b, results, a, &rc);
	buf_putc(&b, 0x1d);
	blocks_bytes(&b, plans, a, &rc);
	if (!rc && buf_error(&b))
		rc = MD_ENOMEM;
	if (!rc)
		rc = crypto_sha256_hex(b.ptr, b.len, out);
	buf_release(&b);
	arena_free(a);
	return rc;
}

const char *import_round_key(int fiscal_year, long long item_no, const char *ministry,
			     struct arena *a)
{
	return arena_printf(a, "%d/%lld/%s", fiscal_year, item_no, ministry);
}

/* A cell's text with CR LF and lone CR as LF (Excel keeps LF in cells;
 * a file that passed through another tool may not). */
static const char *cell_text(const struct xlsx_table *t, long row, int col,
			     struct arena *a)
{
	const struct xlsx_cell *c = col >= 0 ? xlsx_cell_at(t, row, col) : NULL;
	char *s;
	size_t i, o = 0;

	if (!c)
		return "";
	s = arena_alloc(a, c->len + 1);
	if (!s)
		return NULL;
	for (i = 0; i < c->len; i++) {
		if (c->text[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < c->len && c->text[i + 1] == '\n')
				i++;
		} else {
			s[o++] = c->text[i];
		}
	}
	s[o] = 0;
	return s;
}

static int held_cmp(const void *x, const void *y)
{
	const struct import_round_held *const *p = x, *const *q = y;

	return strcmp((*p)->key, (*q)->key);
}

static const struct import_round_held *find_held(const struct import_round_held **v,
						 int n, const char *key)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(v[mid]->key, key);

		if (!c)
			return v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The layout: the mark, the year and the header's columns. */
struct layout {
	long head;      /* header row */
	int key, version, digest, results, plans;
};

static int find_layout(const struct xlsx_table *t, struct layout *l)
{
	long r;
	int k;

	memset(l, 0, sizeof(*l));
	l->head = -1;
	for (r = 0; r < t->n && t->row[r].row < 20; r++) {
		const struct xlsx_row *row = &t->row[r];
		int key = -1, ver = -1, dig = -1, res = -1, pl = -1;

		for (k = 0; k < row->n; k++) {
			const char *s = row->cell[k].text;

			if (!strcmp(s, "key"))
				key = row->cell[k].col;
			else if (!strcmp(s, "version"))
				ver = row->cell[k].col;
			else if (!strcmp(s, "digest"))
				dig = row->cell[k].col;
			else if (!strncmp(s, IMPORT_ROUND_RESULTS, strlen(IMPORT_ROUND_RESULTS)) && res < 0)
				res = row->cell[k].col;
			else if (!strncmp(s, IMPORT_ROUND_PLANS, strlen(IMPORT_ROUND_PLANS)) && pl < 0)
				pl = row->cell[k].col;
		}
		if (key >= 0 && ver >= 0 && dig >= 0 && res >= 0 && pl >= 0) {
			l->head = row->row;
			l->key = key;
			l->version = ver;
			l->digest = dig;
			l->results = res;
			l->plans = pl;
			return 0;
		}
	}
	return MD_EINPUT;
}

/* By key, then in sheet order (the rows' places in f->r). */
static int line_cmp(const void *x, const void *y)
{
	struct import_round_line *const *p = x, *const *q = y;
	int c = strcmp((*p)->key, (*q)->key);

	return c ? c : (*p > *q) - (*p < *q);
}

/* Marks the second and later rows of each key: sorted by key and sheet
 * order, every row after the first of a run of equal keys (n log n; a
 * comparison with every earlier row was 2*10^8 strcmp at the row limit). */
static int mark_twice(struct import_round_file *f, struct arena *a)
{
	struct import_round_line **v;
	int i;

	if (f->n < 2)
		return 0;
	v = arena_alloc(a, sizeof(*v) * (size_t)f->n);
	if (!v)
		return MD_ENOMEM;
	for (i = 0; i < f->n; i++)
		v[i] = &f->r[i];
	qsort(v, (size_t)f->n, sizeof(*v), line_cmp);
	for (i = 1; i < f->n; i++)
		v[i]->twice = !strcmp(v[i - 1]->key, v[i]->key);
	return 0;
}

static int read_rows(const struct xlsx_table *t, const struct layout *l, struct arena *a,
		     struct import_round_file *f, struct buf *err, const char *name)
{
	long r;

	f->r = arena_alloc(a, sizeof(*f->r) * (size_t)(t->n + 1));
	if (!f->r)
		return MD_ENOMEM;
	for (r = 0; r < t->n; r++) {
		const struct xlsx_row *row = &t->row[r];
		struct import_round_line *x;
		const char *key, *ver;

		if (row->row <= l->head)
			continue;
		key = cell_text(t, row->row, l->key, a);
		if (!key)
			return MD_ENOMEM;
		if (!*key)
			continue;          /* a row the user added, or a blank one */
		if (f->n >= IMPORT_ROUND_MAX_ROWS) {
			buf_printf(err, "%s: more than %d entries (the limit)", name,
				   IMPORT_ROUND_MAX_ROWS);
			return MD_EINPUT;
		}
		x = &f->r[f->n++];
		memset(x, 0, sizeof(*x));
		x->row = row->row + 1;
		x->key = key;
		ver = cell_text(t, row->row, l->version, a);
		x->digest = cell_text(t, row->row, l->digest, a);
		x->results = cell_text(t, row->row, l->results, a);
		x->plans = cell_text(t, row->row, l->plans, a);
		if (!ver || !x->digest || !x->results || !x->plans)
			return MD_ENOMEM;
		x->damaged = num_parse_ll(ver, strlen(ver), 1, (long long)1 << 53, &x->version) ||
			strlen(x->digest) != CRYPTO_SHA256_HEX;
		if (x->damaged)
			x->version = 0;
	}
	return mark_twice(f, a);
}

int import_round_read(const char *name, const void *data, size_t len, int fiscal_year,
		      struct arena *a, struct import_round_file *out, struct buf *err)
{
	struct xlsx *x = xlsx_new(NULL);
	const struct xlsx_table *t;
	const struct xlsx_cell *mark, *year;
	struct import_round_file f;
	struct layout l;
	int rc;

	if (!x)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	if ((rc = xlsx_open_mem(x, name, data, len)) ||
	    (xlsx_nsheets(x) < 1 && (rc = MD_EINPUT)) ||
	    (rc = xlsx_read_sheet(x, 0, &t))) {
		if (xlsx_nsheets(x) < 1 && !*xlsx_errmsg(x))
			buf_printf(err, "%s: a workbook without sheets", name);
		else
			buf_puts(err, xlsx_errmsg(x));
		goto out;
	}
	mark = xlsx_cell_at(t, 0, 0);
	year = xlsx_cell_at(t, 0, 1);
	if (!mark || strcmp(mark->text, IMPORT_ROUND_MARK) || !year ||
	    year->type != XLSX_NUMBER) {
		buf_printf(err, "%s: not a round workbook of mdplan (cell A1 of sheet %s is not \"%s\"); "
			   "download your entries again / mdplan の入力用ファイルではありません",
			   name, t->name, IMPORT_ROUND_MARK);
		rc = MD_EINPUT;
		goto out;
	}
	if ((int)year->num != fiscal_year) {
		buf_printf(err, "%s: the workbook is for fiscal year %d, not %d / 年度が違います",
			   name, (int)year->num, fiscal_year);
		rc = MD_EINPUT;
		goto out;
	}
	if (find_layout(t, &l)) {
		buf_printf(err, "%s: sheet %s has no header row with key, version, digest, %s… and %s… columns",
			   name, t->name, IMPORT_ROUND_RESULTS, IMPORT_ROUND_PLANS);
		rc = MD_EINPUT;
		goto out;
	}
	f.fiscal_year = fiscal_year;
	rc = read_rows(t, &l, a, &f, err, name);
	if (!rc && arena_error(a))
		rc = MD_ENOMEM;
	if (!rc)
		*out = f;
out:
	xlsx_free(x);
	return rc;
}

static int allowed(const char *ministry, const char *const *m, int n)
{
	int i;

	for (i = 0; ministry && i < n; i++)
		if (m[i] && !strcmp(m[i], ministry))
			return 1;
	return 0;
}

/* One row against the entry its key names (h, NULL: none). */
static int match_line(const struct import_round_line *x, const struct import_round_held *h,
		      const char *const *ministries, int nmin, struct arena *a,
		      struct import_round_plan *p)
{
	struct import_round_change *c = &p->c[p->n++];
	struct buf d = BUF_INIT;
	int edited, rc = 0;

	memset(c, 0, sizeof(*c));
	c->row = x->row;
	c->key = x->key;
	c->results = x->results;
	c->plans = x->plans;
	if (h)
		c->ministry = h->ministry;
	if (x->twice) {
		c->what = IMPORT_ROUND_REFUSED;
		c->refusal = IMPORT_REFUSED_TWICE;
		c->why = "the key is given twice in the file";
	} else if (!h) {
		c->what = IMPORT_ROUND_REFUSED;
		c->refusal = IMPORT_REFUSED_UNKNOWN;
		c->why = "no such entry in this round";
	} else if (!allowed(h->ministry, ministries, nmin)) {
		c->what = IMPORT_ROUND_REFUSED;
		c->refusal = IMPORT_REFUSED_MINISTRY;
		c->why = arena_printf(a, "an entry of %s, which is not one of your ministries",
				      h->ministry);
	} else if (x->damaged) {
		c->what = IMPORT_ROUND_REFUSED;
		c->refusal = IMPORT_REFUSED_DAMAGED;
		c->why = "the hidden version or digest column was changed";
	}
	if (c->what == IMPORT_ROUND_REFUSED) {
		if (!c->why)
			return MD_ENOMEM;
		p->refused++;
		return 0;
	}
	c->version = x->version;
	c->stored_version = h->version;
	c->stored_results = h->results ? h->results : "";
	c->stored_plans = h->plans ? h->plans : "";
	c->results_changed = !same_text(c->results, c->stored_results, a, &rc);
	c->plans_changed = !same_text(c->plans, c->stored_plans, a, &rc);
	if (!rc)
		rc = import_round_digest(c->results, c->plans, &d);
	edited = !rc && strcmp(d.ptr, x->digest) != 0;
	buf_release(&d);
	if (rc)
		return rc;
	if (!c->results_changed && !c->plans_changed) {
		c->what = IMPORT_ROUND_SAME;
		p->same++;
	} else if (!edited) {
		c->what = IMPORT_ROUND_STALE;   /* the web moved on; keep it */
		p->stale++;
	} else if (h->version != x->version) {
		c->what = IMPORT_ROUND_CONFLICT;
		p->conflicts++;
	} else {
		c->what = IMPORT_ROUND_UPDATE;
		p->updates++;
	}
	return 0;
}

int import_round_match(const struct import_round_file *f,
		       const struct import_round_held *held, int nheld,
		       const char *const *ministries, int nministries,
		       struct arena *a, struct import_round_plan *out)
{
	const struct import_round_held **idx;
	struct import_round_plan p;
	int i, rc = 0;

	memset(&p, 0, sizeof(p));
	p.fiscal_year = f->fiscal_year;
	idx = arena_alloc(a, sizeof(*idx) * (size_t)(nheld + 1));
	p.c = arena_alloc(a, sizeof(*p.c) * (size_t)(f->n + 1));
	if (!idx || !p.c)
		return MD_ENOMEM;
	for (i = 0; i < nheld; i++)
		idx[i] = &held[i];
	qsort(idx, (size_t)nheld, sizeof(*idx), held_cmp);
	for (i = 0; i < f->n && !rc; i++)
		rc = match_line(&f->r[i], find_held(idx, nheld, f->r[i].key), ministries,
				nministries, a, &p);
	if (!rc && arena_error(a))
		rc = MD_ENOMEM;
	if (!rc)
		*out = p;
	return rc;
}

static void quote(struct buf *out, const char *label, const char *s)
{
	const char *p = s;

	buf_printf(out, "    %s:\n", label);
	if (!*p)
		buf_puts(out, "      (empty / 空欄)\n");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		buf_puts(out, "      ");
		buf_add(out, p, n);
		buf_putc(out, '\n');
		p += n + (nl != NULL);
	}
}

int import_round_preview(const struct import_round_plan *p, struct buf *out)
{
	int i;

	buf_printf(out, "%ld to update, %ld conflicts, %ld refused, %ld changed on the web since "
		   "the download (kept), %ld unchanged / 更新 %ld・競合 %ld・拒否 %ld\n",
		   p->updates, p->conflicts, p->refused, p->stale, p->same, p->updates,
		   p->conflicts, p->refused);
	for (i = 0; i < p->n; i++) {
		const struct import_round_change *c = &p->c[i];

		switch (c->what) {
		case IMPORT_ROUND_SAME:
			continue;
		case IMPORT_ROUND_UPDATE:
			buf_printf(out, "row %ld %s: update%s%s (version %lld)\n", c->row, c->key,
				   c->results_changed ? " results/実績・状況" : "",
				   c->plans_changed ? " plans/取組予定" : "", c->version);
			if (c->results_changed)
				quote(out, "results / 実績・状況", c->results);
			if (c->plans_changed)
				quote(out, "plans / 取組予定", c->plans);
			break;
		case IMPORT_ROUND_STALE:
			buf_printf(out, "row %ld %s: changed on the web since the download "
				   "(version %lld, now %lld); the web's text is kept\n",
				   c->row, c->key, c->version, c->stored_version);
			break;
		case IMPORT_ROUND_CONFLICT:
			buf_printf(out, "row %ld %s: conflict / 競合: edited in the file and on the web "
				   "since the download (version %lld, now %lld); nothing is written\n",
				   c->row, c->key, c->version, c->stored_version);
			if (c->results_changed) {
				quote(out, "results in the file / ファイルの実績・状況", c->results);
				quote(out, "results on the web / Webの実績・状況", c->stored_results);
			}
			if (c->plans_changed) {
				quote(out, "plans in the file / ファイルの取組予定", c->plans);
				quote(out, "plans on the web / Webの取組予定", c->stored_plans);
			}
			break;
		case IMPORT_ROUND_REFUSED:
			buf_printf(out, "row %ld %s: refused / 拒否: %s\n", c->row, c->key, c->why);
			break;
		}
	}
	return buf_error(out);
}
