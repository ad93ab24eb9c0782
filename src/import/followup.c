/*
 * The follow-up table (フォローアップ): per action item of the plan, what
 * was done in a fiscal year (実績・状況) and what is planned next (取組予定).
 *
 * The file is tab-separated, as Excel saves it. Header rows ("…令和7年度の
 * 実績・状況 | 令和8年度の取組予定") repeat on every page and say where the
 * columns are and which year this is; sections of 3 and 4 columns may
 * alternate. Other rows are vision rows "(1)「…」に向けて", goal rows
 * 【…】 (with (再掲) and a "(上記参照)" row for re-listed goals), measure
 * heading rows, and action rows whose measure cell quotes the action item
 * and its ministry tag, as plain text or as an HTML fragment.
 *
 * Each action row is matched to the plan's action item by its normalized
 * text: exactly, or by bigram similarity, one row per item (best scores
 * first). Rows that match nothing are stored and reported, never dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "internal.h"

#define MATCH_MIN 0.60   /* below this a row is reported as unmatched */
#define POSITION_MIN 0.25 /* floor for a match by position in the sequence */

struct frow {
	long line;
	char *vision, *goal, *measure;    /* context at this row */
	char *item_text, *item_norm, *tag_text;
	struct text_tag tag;
	int tagged;
	char *results, *plans;            /* original cell texts */
	struct html_block *ib, *rb, *pb;  /* structure of the three cells */
	int nib, nrb, npb;
	int repeat_of;                    /* index of an identical earlier row, or -1 */
	char *ministries;                 /* tag rendered as "◎厚、経" */
	struct match_grams *grams;
	size_t ngrams;                    /* bigrams in item_norm */
	long long item;                   /* matched plan item id */
	int item_no;
	double score;
	const char *method;
};

struct pitem {
	long long id;
	int no;
	const char *norm;
	const char *ministries;           /* "◎厚、経" */
	struct match_grams *grams;
	size_t ngrams;
	int taken;                        /* index of the row that has it, or -1 */
};

struct fdoc {
	struct import *imp;
	struct arena *a;
	int year;
	long year_line;
	struct frow *rows;
	long nrows, cap;
	struct pitem *items;
	long nitems, icap;
	long long plan;
	long *seen;                       /* item_norm -> first row (open addressing), -1 free */
	size_t nseen;                     /* slots, a power of two */
};

/* The column layout a header row announces. */
struct layout {
	int ncols;      /* fields per row */
	int item;       /* index of the measure/action cell */
	int results;    /* 実績・状況 */
	int plans;      /* 取組予定 */
	long line;      /* where it was announced */
};

static char *cell_text(struct arena *a, struct html_block *b, int n)
{
	struct buf t = BUF_INIT;
	char *r;
	int i;

	for (i = 0; i < n; i++)
		buf_printf(&t, "%s%s", i ? " " : "", b[i].text);
	r = arena_strndup(a, t.ptr, t.len);
	buf_release(&t);
	return r;
}

/* The layout's name for field k, for messages. */
static const char *col_name(const struct layout *lay, int k)
{
	return k == lay->results ? " (実績・状況)" : k == lay->plans ? " (取組予定)" :
		k == lay->item ? " (施策・取組)" : "";
}

/*
 * The blocks of text, which is field k of row or a part of it. A cell that
 * cannot be read whole is an error at its file line and column (the
 * cell's own position plus where in the cell libxml2 stopped).
 */
static int cell_blocks(struct fdoc *d, const struct tsv_row *row,
		       const struct layout *lay, int k, const char *text,
		       struct html_block **b, int *n)
{
	struct html_error e;
	long line, col;
	int rc = html_cell_blocks(text, strlen(text), d->a, b, n, &e);
	const char *f = row->f[k];

	if (rc == MD_ENOMEM)
		return import_fail(d->imp, rc, row->line, "out of memory");
	if (!rc)
		return 0;
	line = row->pos[k].line + e.line - 1;
	col = e.col;
	if (e.line == 1) {
		/* text may start past the field's leading spaces */
		size_t off = text >= f && text <= f + strlen(f) ? (size_t)(text - f) : 0, i;

		col += row->pos[k].col - 1;
		for (i = 0; i < off; i++)
			col += ((unsigned char)f[i] & 0xC0) != 0x80;
	}
	if (e.too_deep)
		return import_fail_at(d->imp, MD_EINPUT, line, col, "column %d%s: "
				      "HTML elements nested too deep here (a cell may "
				      "nest at most %d; 入れ子が深すぎます); nothing was "
				      "imported", k + 1, col_name(lay, k), HTML_MAX_DEPTH);
	return import_fail_at(d->imp, MD_EINPUT, line, col, "column %d%s: %s "
			      "(the HTML reader stopped here); nothing was imported",
			      k + 1, col_name(lay, k), e.what);
}

/* "-" (or a full-width one) means an empty cell. */
static const char *cell_value(const char *s)
{
	const char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		e--;
	if ((e - s == 1 && *s == '-') || (e - s == 3 && !memcmp(s, "－", 3)))
		return "";
	return s;
}

static int starts(const char *s, const char *lit)
{
	return !strncmp(s, lit, strlen(lit));
}

/* "(1)「…」に向けて" in any width */
static int is_vision_row(const char *t)
{
	size_t i = 0, n = strlen(t);
	int32_t cp = text_utf8_next(t, n, &i);

	if (cp != '(' && cp != 0xff08)
		return 0;
	return strstr(t, "」に向けて") != NULL || strstr(t, "」に向けた") != NULL;
}

/* Strips one pair of ＜＞ or <> around a heading and a trailing (再掲). */
static char *clean_heading(struct arena *a, const char *t)
{
	size_t n = strlen(t);
	struct buf b = BUF_INIT;
	char *r;

	buf_add(&b, t, n);
	if (b.len >= strlen("(再掲)") && !strcmp(b.ptr + b.len - strlen("(再掲)"), "(再掲)"))
		buf_truncate(&b, b.len - strlen("(再掲)"));
	if (b.len >= strlen("（再掲）") &&
	    !strcmp(b.ptr + b.len - strlen("（再掲）"), "（再掲）"))
		buf_truncate(&b, b.len - strlen("（再掲）"));
	buf_rtrim(&b);
	if (b.len && b.ptr[b.len - 1] == '>')
		buf_truncate(&b, b.len - 1);
	else if (b.len >= 3 && !strcmp(b.ptr + b.len - 3, "＞"))
		buf_truncate(&b, b.len - 3);
	if (starts(b.ptr, "<"))
		r = arena_strdup(a, b.ptr + 1);
	else if (starts(b.ptr, "＜"))
		r = arena_strdup(a, b.ptr + 3);
	else
		r = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

/* Bigrams of a normalized (valid UTF-8) text: one per character after the
 * first, as match_grams_new() counts them. */
static size_t ngrams(const char *s)
{
	size_t c = 0;

	for (; *s; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c ? c - 1 : 0;
}

static int load_items(void *ctx, const struct store_item_row *r)
{
	struct fdoc *d = ctx;

	if (d->nitems == d->icap) {
		long ncap = d->icap ? d->icap * 2 : 128;
		struct pitem *n = arena_alloc(d->a, sizeof(*n) * (size_t)ncap);

		if (!n)
			return MD_ENOMEM;
		if (d->nitems)
			memcpy(n, d->items, sizeof(*n) * (size_t)d->nitems);
		d->items = n;
		d->icap = ncap;
	}
	d->items[d->nitems].id = r->id;
	d->items[d->nitems].no = (int)r->no;
	d->items[d->nitems].norm = arena_strdup(d->a, r->norm);
	d->items[d->nitems].ministries = arena_strdup(d->a, r->ministries);
	d->items[d->nitems].taken = -1;
	if (!d->items[d->nitems].norm || !d->items[d->nitems].ministries ||
	    !(d->items[d->nitems].grams = match_grams_new(d->a, d->items[d->nitems].norm)))
		return MD_ENOMEM;
	d->items[d->nitems].ngrams = ngrams(d->items[d->nitems].norm);
	d->nitems++;
	return 0;
}

static struct frow *new_row(struct fdoc *d)
{
	struct frow *r;

	if (d->nrows == d->cap) {
		long ncap = d->cap ? d->cap * 2 : 128;
		struct frow *n = arena_alloc(d->a, sizeof(*n) * (size_t)ncap);

		if (!n)
			return NULL;
		if (d->nrows)
			memcpy(n, d->rows, sizeof(*n) * (size_t)d->nrows);
		d->rows = n;
		d->cap = ncap;
	}
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof(*r));
	r->repeat_of = -1;
	r->method = "none";
	return r;
}

static int header_row(struct fdoc *d, const struct tsv_row *row,
		      struct layout *lay)
{
	struct import *imp = d->imp;
	int i, res = -1, pl = -1, year, fiscal;
	size_t s, e;

	for (i = 0; i < row->n; i++) {
		if (res < 0 && strstr(row->f[i], "実績"))
			res = i;
		else if (res >= 0 && pl < 0 && strstr(row->f[i], "予定"))
			pl = i;
	}
	if (res < 1 || pl != res + 1)
		return 0;
	for (i = 0; i < res; i++) {
		if (!import_blank(row->f[i]))
			return 0;
	}
	lay->ncols = row->n;
	lay->item = res - 1;
	lay->results = res;
	lay->plans = pl;
	lay->line = row->line;
	if (text_era_find(row->f[res], strlen(row->f[res]), &year, &fiscal, &s, &e))
		return import_fail(imp, MD_EINPUT, row->line, "header \"%s\" names no "
				   "fiscal year (expected e.g. 令和7年度の実績・状況)",
				   row->f[res]);
	if (imp->year && imp->year != year)
		return import_fail(imp, MD_EINPUT, row->line, "header says FY%d but "
				   "--year %d was given", year, imp->year);
	if (d->year && d->year != year)
		return import_fail(imp, MD_EINPUT, row->line, "header says FY%d but "
				   "the header at line %ld said FY%d; one file holds "
				   "one fiscal year", year, d->year_line, d->year);
	if (!d->year) {
		d->year = year;
		d->year_line = row->line;
	}
	return 1;
}

/* Which block of the measure cell is the action item (ends in a tag)? */
static int find_action(struct fdoc *d, struct frow *r, struct html_block *b,
		       int n, int *heading_end)
{
	struct buf err = BUF_INIT;
	int i, rc;

	for (i = 0; i < n; i++) {
		rc = text_tag_trailing(b[i].text, strlen(b[i].text), &r->tag, &err);
		if (rc == MD_EINPUT) {
			rc = import_fail(d->imp, MD_EINPUT, r->line, "%s", err.ptr);
			buf_release(&err);
			return rc;
		}
		if (rc == 0) {
			r->tagged = 1;
			*heading_end = i;
			buf_release(&err);
			return i;
		}
	}
	buf_release(&err);
	/* no tag: a heading followed by the text, or the text alone */
	if (n >= 2 && (b[0].kind == HTML_H || b[0].kind == HTML_P) &&
	    b[1].kind != HTML_H) {
		*heading_end = 1;
		return 1;
	}
	*heading_end = 0;
	return 0;
}

static int action_row(struct fdoc *d, struct frow *r, const struct tsv_row *row,
		      const struct layout *lay, const char **ctx_measure)
{
	struct arena *a = d->a;
	int t, hend = 0, k, rc;
	const char *txt;
	size_t n;

	if ((rc = cell_blocks(d, row, lay, lay->item, row->f[lay->item], &r->ib,
			      &r->nib)))
		return rc;
	if (r->nib == 0)
		return import_fail(d->imp, MD_EINPUT, r->line, "row has results or "
				   "plans but no action item text in its measure cell");
	t = find_action(d, r, r->ib, r->nib, &hend);
	if (t < 0)
		return MD_EINPUT;
	if (hend > 0) {
		struct buf h = BUF_INIT;

		for (k = 0; k < hend; k++)
			buf_printf(&h, "%s%s", k ? " " : "", r->ib[k].text);
		*ctx_measure = clean_heading(a, h.ptr);
		buf_release(&h);
	}
	txt = r->ib[t].text;
	n = r->tagged ? r->tag.start : strlen(txt);
	if (n >= 3 && !memcmp(txt, "・", 3)) {
		txt += 3;
		n -= 3;
	}
	while (n && (txt[n - 1] == ' '))
		n--;
	r->item_text = arena_strndup(a, txt, n);
	/* a trailing bracketed note (not a tag) is not part of the item */
	if (!r->tagged && n && (txt[n - 1] == ']' || (n >= 3 &&
	    (!memcmp(txt + n - 3, "］", 3) || !memcmp(txt + n - 3, "】", 3))))) {
		size_t o = n;

		while (o > 0 && txt[o - 1] != '[' && !(o >= 3 &&
		       (!memcmp(txt + o - 3, "［", 3) || !memcmp(txt + o - 3, "【", 3))))
			o--;
		if (o > 3)
			n = txt[o - 1] == '[' ? o - 1 : o - 3;
	}
	r->item_norm = import_norm(a, txt, n, TEXT_NORM_NOSPACE);
	{
		struct buf m = BUF_INIT;

		for (k = 0; r->tagged && k < r->tag.n; k++)
			buf_printf(&m, "%s%s%s", k ? "、" : "", r->tag.lead[k] ? "◎" : "",
				   text_ministry_at(r->tag.ministry[k])->abbrev);
		r->ministries = arena_strndup(a, m.ptr, m.len);
		buf_release(&m);
	}
	r->tag_text = r->tagged ? arena_strndup(a, r->ib[t].text + r->tag.start,
						r->tag.end - r->tag.start) :
		arena_strdup(a, "");
	if (!r->item_text || !r->item_norm || !r->tag_text || !r->ministries)
		return import_fail(d->imp, MD_ENOMEM, r->line, "out of memory");
	if (!*r->item_norm)
		return import_fail(d->imp, MD_EINPUT, r->line, "action item text is "
				   "empty (expected the item's text before its tag)");
	return 0;
}

struct cand {
	long row, item;
	double score;
};

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/*
 * A row whose text was rewritten too much to match by similarity, sitting
 * alone between two matched rows whose items leave exactly one item free,
 * with the same ministries: that item, reported as matched "by position".
 * One pass: the next matched row and the count of non-repeated rows are
 * known beforehand (rows after i are only matched later in the pass), the
 * last matched row is carried along.
 */
static int match_by_position(struct fdoc *d)
{
	long i, p = -1, *next = NULL, *own = NULL;
	struct pitem **by_no = NULL;
	int maxno = 0, rc = MD_ENOMEM;

	for (i = 0; i < d->nitems; i++)
		maxno = d->items[i].no > maxno ? d->items[i].no : maxno;
	next = malloc(sizeof(*next) * (size_t)(d->nrows + 1));
	own = malloc(sizeof(*own) * (size_t)(d->nrows + 1));
	by_no = calloc((size_t)maxno + 2, sizeof(*by_no));
	if (!next || !own || !by_no)
		goto out;
	for (i = d->nitems - 1; i >= 0; i--) {
		if (d->items[i].no >= 0)
			by_no[d->items[i].no] = &d->items[i];   /* the first with the number */
	}
	next[d->nrows] = d->nrows;
	for (i = d->nrows - 1; i >= 0; i--)
		next[i] = d->rows[i].item ? i : next[i + 1];
	own[0] = 0;    /* own[k]: rows before k that repeat nothing */
	for (i = 0; i < d->nrows; i++)
		own[i + 1] = own[i] + (d->rows[i].repeat_of < 0);
	for (i = 0; i < d->nrows; p = d->rows[i].item ? i : p, i++) {
		struct frow *r = &d->rows[i];
		struct pitem *it;
		long q = next[i + 1];
		int no;

		if (r->item || r->repeat_of >= 0)
			continue;
		if (p < 0 || q >= d->nrows || d->rows[p].item_no <= 0 ||
		    d->rows[q].item_no <= 0 ||
		    d->rows[q].item_no - d->rows[p].item_no != 2)
			continue;
		if (own[q] - own[p + 1] - 1 > 0)
			continue;     /* other rows between the two */
		no = d->rows[p].item_no + 1;
		it = no >= 0 && no <= maxno ? by_no[no] : NULL;
		if (!it || it->taken >= 0 || strcmp(it->ministries, r->ministries))
			continue;
		r->score = match_dice(r->grams, it->grams);
		if (r->score < POSITION_MIN)
			continue;
		it->taken = (int)i;
		r->item = it->id;
		r->item_no = it->no;
		r->method = "position";
	}
	rc = 0;
out:
	free(next);
	free(own);
	free(by_no);
	return rc;
}

/* One row per plan item, best similarity first; exact matches win. */
static int match_rows(struct fdoc *d)
{
	struct cand *c = NULL;
	long nc = 0, ccap = 0, i, j;

	for (i = 0; i < d->nrows; i++) {
		struct frow *r = &d->rows[i];

		if (r->repeat_of >= 0)
			continue;
		r->grams = match_grams_new(d->a, r->item_norm);
		if (!r->grams) {
			free(c);
			return MD_ENOMEM;
		}
		r->ngrams = ngrams(r->item_norm);
		for (j = 0; j < d->nitems; j++) {
			size_t nx = r->ngrams, ny = d->items[j].ngrams;
			double s;

			/* Dice is at most 2·min/(nx+ny): texts of too different
			 * lengths cannot reach MATCH_MIN, so skip the merge */
			if (nx + ny && 2.0 * (double)(nx < ny ? nx : ny) /
			    (double)(nx + ny) < MATCH_MIN)
				continue;
			s = !strcmp(r->item_norm, d->items[j].norm) ? 1.0 :
				match_dice(r->grams, d->items[j].grams);

			if (s >= MATCH_MIN) {
				if (nc == ccap) {
					struct cand *nw;

					ccap = ccap ? ccap * 2 : 256;
					nw = realloc(c, sizeof(*c) * (size_t)ccap);
					if (!nw) {
						free(c);
						return MD_ENOMEM;
					}
					c = nw;
				}
				c[nc].row = i;
				c[nc].item = j;
				c[nc].score = s;
				nc++;
			}
		}
	}
	if (nc)
		qsort(c, (size_t)nc, sizeof(*c), cmp_cand);
	for (i = 0; i < nc; i++) {
		struct frow *r = &d->rows[c[i].row];
		struct pitem *it = &d->items[c[i].item];

		if (r->item || it->taken >= 0)
			continue;
		it->taken = (int)c[i].row;
		r->item = it->id;
		r->item_no = it->no;
		r->score = c[i].score;
		r->method = c[i].score >= 1.0 ? "exact" : "similar";
	}
	free(c);
	if (match_by_position(d))
		return MD_ENOMEM;
	/* repeats share the match of the row they repeat */
	for (i = 0; i < d->nrows; i++) {
		struct frow *r = &d->rows[i];

		if (r->repeat_of >= 0) {
			const struct frow *o = &d->rows[r->repeat_of];

			r->item = o->item;
			r->item_no = o->item_no;
			r->score = o->score;
			r->method = o->method;
		}
	}
	return 0;
}

/* FNV-1a */
static size_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return (size_t)h;
}

/* The first row with this action item text, or -1 after noting row as it. */
static long seen_row(struct fdoc *d, const char *norm, long row)
{
	size_t m = d->nseen - 1, h = hash_str(norm) & m;

	for (;; h = (h + 1) & m) {
		long j = d->seen[h];

		if (j < 0) {
			d->seen[h] = row;
			return -1;
		}
		if (!strcmp(d->rows[j].item_norm, norm))
			return j;
	}
}

static int parse(struct fdoc *d, const char *text, size_t len)
{
	struct import *imp = d->imp;
	struct tsv_row *rows;
	struct layout lay;
	const char *vision = "", *goal = "", *measure = "";
	long nrows, i, j;
	int rc;

	memset(&lay, 0, sizeof(lay));
	if ((rc = import_tsv_rows(imp, d->a, text, len, '\t', &rows, &nrows)))
		return rc;
	/* one allocation for the rows: at most one per line of the table */
	if (!(d->rows = arena_alloc(d->a, sizeof(*d->rows) * (size_t)(nrows + 1))))
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	d->cap = nrows + 1;
	for (d->nseen = 16; d->nseen < 2 * (size_t)nrows; d->nseen *= 2)
		;
	if (!(d->seen = arena_alloc(d->a, sizeof(*d->seen) * d->nseen)))
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	memset(d->seen, 0xff, sizeof(*d->seen) * d->nseen);   /* all -1 */
	for (i = 0; i < nrows; i++) {
		const struct tsv_row *row = &rows[i];
		struct frow *r;
		const char *lead = "", *res, *pl;
		struct html_block *gb;
		int k, ngb, empty = 1;

		for (k = 0; k < row->n; k++)
			empty &= import_blank(row->f[k]);
		if (empty)
			continue;
		if (row->n > 4)
			return import_fail(imp, MD_EINPUT, row->line, "expected 3 or 4 "
					   "tab-separated columns (measure | 実績・状況 | "
					   "取組予定), found %d", row->n);
		if ((rc = header_row(d, row, &lay)) < 0)
			return rc;
		if (rc == 1)
			continue;
		if (!lay.ncols)
			return import_fail(imp, MD_EINPUT, row->line, "data before the "
					   "first header row (expected a row \"…令和N年度の"
					   "実績・状況<TAB>…取組予定\")");
		if (row->n != lay.ncols)
			return import_fail(imp, MD_EINPUT, row->line, "found %d columns but "
					   "the header at line %ld has %d", row->n,
					   lay.line, lay.ncols);
		res = cell_value(row->f[lay.results]);
		pl = cell_value(row->f[lay.plans]);
		/* a vision or goal row may sit in a group column */
		for (k = 0; k < lay.item && !*lead; k++) {
			if (import_blank(row->f[k]))
				continue;
			if ((rc = cell_blocks(d, row, &lay, k, row->f[k], &gb, &ngb)))
				return rc;
			if (!(lead = cell_text(d->a, gb, ngb)))
				return import_fail(imp, MD_ENOMEM, row->line, "out of memory");
		}
		if (!*res && !*pl) {
			const char *t = *lead ? lead : "";
			struct html_block *ib;
			int nib;

			if (!*t) {
				if ((rc = cell_blocks(d, row, &lay, lay.item, row->f[lay.item],
						      &ib, &nib)))
					return rc;
				t = cell_text(d->a, ib, nib);
				if (nib >= 2 && ib[0].kind == HTML_H)
					goto action;   /* heading + text, nothing reported */
			}
			if (is_vision_row(t)) {
				vision = t;
				goal = measure = "";
				continue;
			}
			if (starts(t, "【")) {
				goal = t;
				measure = "";
				continue;
			}
			if (strstr(t, "上記参照"))
				continue;
			{
				struct text_tag tg;

				if (text_tag_trailing(t, strlen(t), &tg, NULL) != 0) {
					measure = clean_heading(d->a, t);
					continue;
				}
			}
		}
action:
		r = new_row(d);
		if (!r)
			return import_fail(imp, MD_ENOMEM, row->line, "out of memory");
		r->line = row->line;
		r->results = arena_strdup(d->a, res);
		r->plans = arena_strdup(d->a, pl);
		if ((rc = action_row(d, r, row, &lay, &measure)))
			return rc;
		r->vision = (char *)vision;
		r->goal = (char *)goal;
		r->measure = (char *)measure;
		if ((rc = cell_blocks(d, row, &lay, lay.results, res, &r->rb, &r->nrb)) ||
		    (rc = cell_blocks(d, row, &lay, lay.plans, pl, &r->pb, &r->npb)))
			return rc;
		/* the same action item again (a re-listed measure) */
		if ((j = seen_row(d, r->item_norm, d->nrows - 1)) >= 0) {
			struct frow *o = &d->rows[j];

			if (strcmp(o->results, r->results) || strcmp(o->plans, r->plans))
				return import_fail(imp, MD_EINPUT, r->line, "this action "
						   "item is also at line %ld with different "
						   "results or plans; one fiscal year has one entry "
						   "per action item", o->line);
			r->repeat_of = (int)j;
		}
		if (imp->progress && (d->nrows % 16) == 0)
			imp->progress(imp->progress_ctx, i, nrows);
	}
	if (!d->year && imp->year)
		d->year = imp->year;
	if (!d->year)
		return import_fail(imp, MD_EINPUT, 0, "no header row found (expected "
				   "a row \"…令和N年度の実績・状況<TAB>…取組予定\", or "
				   "give --year)");
	if (d->nrows == 0)
		return import_fail(imp, MD_EINPUT, 0, "no action rows found");
	return 0;
}

/* Every block of the cell: there is no cap on their number. */
static int put_blocks(struct store *st, long long id, const char *field,
		      struct html_block *b, int n)
{
	struct store_block *sb = malloc(sizeof(*sb) * (size_t)(n > 0 ? n : 1));
	int i, rc;

	if (!sb)
		return MD_ENOMEM;
	for (i = 0; i < n; i++) {
		sb[i].kind = html_kind_name(b[i].kind);
		sb[i].text = b[i].text;
	}
	rc = store_blocks_put(st, "followup", id, field, sb, n);
	free(sb);
	return rc;
}

static int count_year(void *ctx, const struct store_followup_stat_row *r)
{
	*(long *)ctx += (long)r->entries;
	return 0;
}

static int write_rows(struct fdoc *d, const char *data, size_t len)
{
	struct import *imp = d->imp;
	struct store *st = imp->st;
	struct buf key = BUF_INIT;
	struct store_filter yf;
	long long source;
	long i, removed = 0, stored = 0;
	int rc;

#define CK(x) do { if ((rc = (x))) { \
		import_fail(imp, rc, 0, "%s", store_errmsg(st)); goto out; } } while (0)

	if ((rc = store_begin(st)))
		return import_fail(imp, rc, 0, "%s", store_errmsg(st));
	if ((rc = import_source(imp, "followup", data, len, &source)))
		goto out;
	CK(store_fiscal_year_put(st, d->year));
	memset(&yf, 0, sizeof(yf));
	yf.plan = d->plan;
	yf.year = d->year;
	CK(store_each_followup_stat(st, &yf, count_year, &stored));
	for (i = 0; i < d->nrows; i++) {
		struct frow *r = &d->rows[i];
		struct store_followup f;
		struct text_tag none;
		long long id;

		if (r->repeat_of >= 0) {
			imp->sum.repeats++;
			continue;
		}
		buf_reset(&key);
		if (r->item)   /* the item's identity: its number may change */
			buf_printf(&key, "item#%lld", r->item);
		else
			buf_printf(&key, "text:%s", r->item_norm);
		memset(&f, 0, sizeof(f));
		memset(&none, 0, sizeof(none));
		f.fiscal_year = d->year;
		f.plan = d->plan;
		f.row_key = key.ptr;
		f.item = r->item;
		f.match_method = r->method;
		f.match_score = r->score;
		f.vision_text = r->vision;
		f.goal_text = r->goal;
		f.measure_text = r->measure;
		f.item_text = r->item_text;
		f.item_norm = r->item_norm;
		f.tag_text = r->tag_text;
		f.results = r->results;
		f.plans = r->plans;
		f.loc.source = source;
		f.loc.line = r->line;
		f.loc.col = 1;
		CK(store_followup_put(st, &f, &id));
		CK(store_followup_ministries(st, id, r->tagged ? &r->tag : &none));
		CK(put_blocks(st, id, "item", r->ib, r->nib));
		CK(put_blocks(st, id, "results", r->rb, r->nrb));
		CK(put_blocks(st, id, "plans", r->pb, r->npb));
		imp->sum.rows++;
		if (!strcmp(r->method, "exact"))
			imp->sum.exact++;
		else if (!strcmp(r->method, "similar"))
			imp->sum.similar++;
		else if (!strcmp(r->method, "position"))
			imp->sum.position++;
		else
			imp->sum.unmatched++;
	}
	CK(store_followup_sweep(st, d->year, &removed));
	/* a file cut short must not empty the year: past the share, ask */
	if (removed && (double)removed > imp->max_removals * (double)stored + 1e-9) {
		rc = import_fail(imp, MD_EINPUT, 0, "this import would remove %ld of "
				 "the %ld rows stored for FY%d (%.0f%%; at most %.0f%% may "
				 "go at once). Is the file cut short? Nothing was written "
				 "(削除が多すぎるため取り込みを中止しました). To remove them, "
				 "import again with --allow-removals (or --max-removals "
				 "PERCENT).", removed, stored, d->year,
				 100.0 * (double)removed / (double)(stored ? stored : 1),
				 100.0 * imp->max_removals);
		goto out;
	}
	if ((rc = store_commit(st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(st));
		goto out;
	}
	/* tell the user only once the data has landed */
	for (i = 0; i < d->nrows; i++) {
		struct frow *r = &d->rows[i];

		if (r->repeat_of < 0 && !r->item)
			import_note(imp, r->line, "matches no action item of the plan "
				    "(stored as unmatched): %.*s",
				    import_cut(r->item_text, 90), r->item_text);
	}
	buf_release(&key);
	return 0;
out:
	buf_release(&key);
	store_rollback(st);
	return rc;
#undef CK
}

int import_followup_run(struct import *imp, const char *data, size_t len)
{
	struct arena *a = arena_new();
	struct buf text = BUF_INIT;
	struct store_filter f;
	struct fdoc d;
	int rc;

	if (!a)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	memset(&d, 0, sizeof(d));
	d.imp = imp;
	d.a = a;
	if ((rc = import_decode(imp, data, len, &text)))
		goto out;
	if ((rc = parse(&d, text.ptr, text.len)))
		goto out;
	buf_release(&text);     /* the rows hold copies; a large table needs the room */
	{
		/* a year with a round: its public table is the published
		 * edition (store_edition_publish()), not an imported file */
		struct store_round_row *rr;
		int nr;

		memset(&f, 0, sizeof(f));
		f.year = d.year;
		if ((rc = store_load_round(imp->st, &f, a, &rr, &nr))) {
			rc = import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
			goto out;
		}
		if (nr) {
			rc = import_fail(imp, MD_EINPUT, 0, "FY%d has a follow-up round: "
					 "its table is the edition `mdplan round publish %d` "
					 "makes, not an imported file (この年度はフォローアップ"
					 "調査で作成されます). Nothing was written.", d.year, d.year);
			goto out;
		}
	}
	if ((rc = store_plan_for_year(imp->st, d.year, &d.plan))) {
		rc = import_fail(imp, MD_EINPUT, 0, "%s", store_errmsg(imp->st));
		goto out;
	}
	memset(&f, 0, sizeof(f));
	f.plan = d.plan;
	f.retired = 1;   /* a row may still report on an item the plan retired */
	if ((rc = store_each_item(imp->st, &f, load_items, &d))) {
		rc = import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto out;
	}
	if ((rc = match_rows(&d))) {
		rc = import_fail(imp, rc, 0, "out of memory");
		goto out;
	}
	imp->sum.fiscal_year = d.year;
	rc = write_rows(&d, data, len);
out:
	buf_release(&text);
	arena_free(a);
	return rc;
}
