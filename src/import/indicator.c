/*
 * Indicator files, CSV (comma-separated, RFC 4180 quoting, UTF-8 with or
 * without BOM or Shift_JIS as Excel writes it):
 *
 *   values       code,year,value[,note][,source][,date][,breakdown...]
 *   definitions  code,name_ja,unit,direction[,name_en,unit_en,year_kind,
 *                goal,measure,baseline_year,baseline_value,target_year,
 *                target_value,target_note,source,notes]
 *
 * Header names are matched after NFKC and case folding, in English or
 * Japanese (値, 年度, 備考, 出典, 単位 ...). In a values file every column
 * the header does not reserve is a breakdown dimension (e.g. 種類): a
 * non-empty cell there puts the row in that breakdown, and a row with all
 * of them empty is the headline series. An empty value is "not available"
 * and then needs a note saying why; "N/A" or "約1,900" in a value cell is
 * an error, not a zero.
 *
 * The whole file is checked before anything is written; every problem is
 * reported with its line and column (up to MAX_ERRORS), and then nothing
 * is written at all.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_ERRORS 20

enum col {
	C_CODE, C_YEAR, C_VALUE, C_NOTE, C_SOURCE, C_DATE,
	C_NAME_JA, C_NAME_EN, C_UNIT, C_UNIT_EN, C_DIRECTION, C_YEAR_KIND,
	C_GOAL, C_MEASURE, C_BASE_YEAR, C_BASE_VALUE, C_TARGET_YEAR,
	C_TARGET_VALUE, C_TARGET_NOTE, C_NOTES, C_COUNT_
};

/* Header spellings (after NFKC + case folding, spaces and _ removed). */
static const struct {
	enum col col;
	const char *names;   /* '|' separated */
} header_names[] = {
	{ C_CODE, "code|コード|指標コード|indicator|indicatorcode" },
	{ C_YEAR, "year|年|年度|年次" },
	{ C_VALUE, "value|値|数値|実績値" },
	{ C_NOTE, "note|備考|注記" },
	{ C_SOURCE, "source|出典|出所" },
	{ C_DATE, "date|asof|時点|日付|基準日" },
	{ C_NAME_JA, "name|nameja|名称|指標名" },
	{ C_NAME_EN, "nameen|英語名|英名" },
	{ C_UNIT, "unit|単位" },
	{ C_UNIT_EN, "uniten|単位英語" },
	{ C_DIRECTION, "direction|方向|望ましい方向" },
	{ C_YEAR_KIND, "yearkind|years|年の種類|年区分" },
	{ C_GOAL, "goal|ゴール" },
	{ C_MEASURE, "measure|施策" },
	{ C_BASE_YEAR, "baselineyear|基準年|基準年度" },
	{ C_BASE_VALUE, "baselinevalue|baseline|基準値" },
	{ C_TARGET_YEAR, "targetyear|目標年|目標年度" },
	{ C_TARGET_VALUE, "targetvalue|target|目標値" },
	{ C_TARGET_NOTE, "targetnote|目標備考|目標の注記" },
	{ C_NOTES, "notes|説明|定義" },
};

struct hdr {
	int at[C_COUNT_];        /* column index + 1, 0 if absent */
	int ndims;
	int dim_col[64];         /* breakdown columns */
	char *dim_name[64];
	int ncols;
};

struct errs {
	struct import *imp;
	struct arena *a;
	struct buf msg;
	int n;
};

#define SHOWN_CHARS 200

/* A cell's text for a message: whole, or its first SHOWN_CHARS characters
 * and "…(N characters)" so that twenty long cells still make a message one
 * can read. */
static const char *shown(struct errs *e, const char *s)
{
	size_t i, cut = 0;
	long chars = 0;
	struct buf b = BUF_INIT;
	const char *r;

	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == SHOWN_CHARS)
			cut = i;
	}
	if (chars <= SHOWN_CHARS)
		return s;
	buf_add(&b, s, cut);
	buf_printf(&b, "…(%ld characters)", chars);
	r = buf_error(&b) ? NULL : arena_strndup(e->a, b.ptr, b.len);
	buf_release(&b);
	return r ? r : "…";
}

static void err_add(struct errs *e, long line, const char *col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void err_add(struct errs *e, long line, const char *col,
		    const char *fmt, ...)
{
	va_list ap;

	e->n++;
	if (e->n > MAX_ERRORS)
		return;
	if (e->msg.len)
		buf_putc(&e->msg, '\n');
	buf_printf(&e->msg, "%s:%ld: ", e->imp->path, line);
	if (col)
		buf_printf(&e->msg, "column %s: ", shown(e, col));
	va_start(ap, fmt);
	buf_vprintf(&e->msg, fmt, ap);
	va_end(ap);
}

static int errs_finish(struct errs *e)
{
	if (!e->n)
		return 0;
	if (e->n > MAX_ERRORS)
		buf_printf(&e->msg, "\n%s: %d more problems not shown", e->imp->path,
			   e->n - MAX_ERRORS);
	buf_reset(&e->imp->err);
	buf_printf(&e->imp->err, "%s\n%s: %d problem%s; nothing was imported",
		   e->msg.ptr, e->imp->path, e->n, e->n == 1 ? "" : "s");
	return MD_EINPUT;
}

/* Trimmed copy of a cell (ASCII and ideographic spaces). */
static char *trimmed(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	import_trim(&s, &n);
	return arena_strndup(a, s, n);
}

static int has_control(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
			return 1;
	}
	return 0;
}

static const char *cell(const struct tsv_row *r, const struct hdr *h, enum col c)
{
	int i = h->at[c] - 1;

	return i >= 0 && i < r->n ? r->f[i] : "";
}

/* Header key: NFKC + case folded, without spaces, '_' and '-'. */
static int header_key(const char *s, struct buf *out)
{
	struct buf t = BUF_INIT;
	size_t i;
	int rc = text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &t);

	for (i = 0; !rc && i < t.len; i++) {
		if (t.ptr[i] != '_' && t.ptr[i] != '-')
			buf_putc(out, t.ptr[i]);
	}
	buf_release(&t);
	return rc;
}

static int find_header(const char *key)
{
	size_t i, kl = strlen(key);

	for (i = 0; i < MD_ARRAY_SIZE(header_names); i++) {
		const char *p = header_names[i].names;

		while (*p) {
			size_t w = strcspn(p, "|");

			if (w == kl && !memcmp(p, key, w))
				return (int)header_names[i].col;
			p += w + (p[w] == '|');
		}
	}
	return -1;
}

static const char *col_label(enum col c)
{
	const char *p = header_names[c].names;
	static char buf[C_COUNT_][24];
	size_t w = strcspn(p, "|");

	if (w >= sizeof(buf[0]))
		w = sizeof(buf[0]) - 1;
	memcpy(buf[c], p, w);
	buf[c][w] = '\0';
	return buf[c];
}

/* Reads the header row; `values` selects the values layout (breakdown
 * columns allowed), else the definitions layout. */
static int read_header(struct import *imp, struct arena *a,
		       const struct tsv_row *r, int values, struct hdr *h,
		       struct errs *e)
{
	static const enum col vals[] = { C_CODE, C_YEAR, C_VALUE, C_NOTE,
					 C_SOURCE, C_DATE };
	static const enum col need_v[] = { C_CODE, C_YEAR, C_VALUE };
	static const enum col need_d[] = { C_CODE, C_NAME_JA, C_UNIT, C_DIRECTION };
	const enum col *need = values ? need_v : need_d;
	int i, nneed = values ? 3 : 4;

	(void)imp;
	memset(h, 0, sizeof(*h));
	h->ncols = r->n;
	for (i = 0; i < r->n; i++) {
		struct buf k = BUF_INIT;
		char *name = trimmed(a, r->f[i]);
		int c, allowed = 1;
		size_t j;

		if (!name)
			return MD_ENOMEM;
		if (!*name) {
			err_add(e, r->line, NULL, "column %d of the header has no name", i + 1);
			continue;
		}
		header_key(name, &k);
		c = find_header(k.ptr);
		buf_release(&k);
		if (c >= 0 && values) {
			allowed = 0;
			for (j = 0; j < MD_ARRAY_SIZE(vals); j++)
				allowed |= vals[j] == (enum col)c;
		}
		if (c >= 0 && allowed) {
			if (h->at[c])
				err_add(e, r->line, name, "named twice in the header");
			h->at[c] = i + 1;
		} else if (values) {
			int d;

			for (d = 0; d < h->ndims; d++) {
				if (!strcmp(h->dim_name[d], name))
					err_add(e, r->line, name, "named twice in the header");
			}
			if (has_control(name) || strchr(name, '\n')) {
				err_add(e, r->line, NULL, "column %d: a header name must be "
					"one line of text", i + 1);
			} else if (h->ndims == (int)MD_ARRAY_SIZE(h->dim_col)) {
				err_add(e, r->line, name, "too many breakdown columns (at most %d)",
					(int)MD_ARRAY_SIZE(h->dim_col));
			} else {
				h->dim_col[h->ndims] = i;
				h->dim_name[h->ndims++] = name;
			}
		} else {
			err_add(e, r->line, name, "unknown column (expected code, name_ja, "
				"name_en, unit, unit_en, direction, year_kind, goal, measure, "
				"baseline_year, baseline_value, target_year, target_value, "
				"target_note, source, notes)");
		}
	}
	for (i = 0; i < nneed; i++) {
		if (!h->at[need[i]])
			err_add(e, r->line, NULL, "the header has no %s column (a %s file "
				"needs %s)", col_label(need[i]),
				values ? "values" : "definitions",
				values ? "code, year and value" :
				"code, name_ja, unit and direction");
	}
	return 0;
}

static int blank_row(const struct tsv_row *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		if (!import_blank(r->f[i]))
			return 0;
	}
	return 1;
}

/* ---- values ---- */

struct vrow {
	long line;
	const char *code;
	long long ind;
	int year, na;
	double value;
	const char *note, *source, *date;
	char *breakdown;
	const char *dims[64];     /* dimensions used by this row */
	int ndims;
};

struct known {
	const char *code;
	long long id;
	int calendar;
	int ok;
};

static int cmp_dim(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;

	return strcmp(*a, *b);
}

static int lookup(struct import *imp, struct arena *a, struct known **k,
		  int *nk, int *cap, const char *code, struct known **out)
{
	int i, rc;

	for (i = 0; i < *nk; i++) {
		if (!strcmp((*k)[i].code, code)) {
			*out = &(*k)[i];
			return 0;
		}
	}
	if (*nk == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct known *n = arena_alloc(a, sizeof(*n) * (size_t)ncap);

		if (!n)
			return MD_ENOMEM;
		if (*nk)
			memcpy(n, *k, sizeof(*n) * (size_t)*nk);
		*k = n;
		*cap = ncap;
	}
	(*k)[*nk].code = code;
	rc = store_indicator_find(imp->st, code, &(*k)[*nk].id, &(*k)[*nk].calendar);
	if (rc && rc != MD_ENOTFOUND)
		return rc;
	(*k)[*nk].ok = rc == 0;
	*out = &(*k)[(*nk)++];
	return 0;
}

static int check_values(struct import *imp, struct arena *a,
			const struct tsv_row *rows, long nrows, long first,
			const struct hdr *h, struct vrow **out, long *nout,
			struct errs *e)
{
	struct vrow *v = arena_alloc(a, sizeof(*v) * (size_t)(nrows ? nrows : 1));
	struct known *known = NULL;
	int nknown = 0, kcap = 0, rc;
	long i, j, n = 0;

	if (!v)
		return MD_ENOMEM;
	for (i = first; i < nrows; i++) {
		const struct tsv_row *r = &rows[i];
		struct vrow *x = &v[n];
		struct known *k;
		const char *ytext, *vtext;
		int ykind, d, bad = e->n;
		struct buf bk = BUF_INIT;
		const char *pairs[64][2];

		if (blank_row(r))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r->line;
		if (r->n > h->ncols) {
			err_add(e, r->line, NULL, "%d fields, but the header names %d "
				"columns", r->n, h->ncols);
			continue;
		}
		for (j = 0; j < r->n; j++) {
			if (has_control(r->f[j]))
				err_add(e, r->line, NULL, "field %ld holds a control character",
					j + 1);
		}
		x->code = trimmed(a, cell(r, h, C_CODE));
		ytext = trimmed(a, cell(r, h, C_YEAR));
		vtext = trimmed(a, cell(r, h, C_VALUE));
		x->note = trimmed(a, cell(r, h, C_NOTE));
		x->source = trimmed(a, cell(r, h, C_SOURCE));
		x->date = trimmed(a, cell(r, h, C_DATE));
		if (!x->code || !ytext || !vtext || !x->note || !x->source || !x->date)
			return MD_ENOMEM;
		k = NULL;
		if (!*x->code) {
			err_add(e, r->line, "code", "empty (expected an indicator code)");
		} else {
			if ((rc = lookup(imp, a, &known, &nknown, &kcap, x->code, &k)))
				return rc;
			if (!k->ok) {
				err_add(e, r->line, "code", "indicator %s is not defined "
					"(define it first: mdplan indicator define %s --name … "
					"--unit … --direction up|down)", shown(e, x->code),
					shown(e, x->code));
				k = NULL;
			} else {
				x->ind = k->id;
			}
		}
		if (import_year(ytext, &x->year, &ykind)) {
			err_add(e, r->line, "year", "\"%s\" is not a year (expected "
				"2024, 2024年度, FY2024 or 令和6年度)", shown(e, ytext));
		} else if (k && ykind == 1 && k->calendar) {
			err_add(e, r->line, "year", "\"%s\" is a fiscal year, but "
				"indicator %s counts calendar years", shown(e, ytext), x->code);
		} else if (k && ykind == 2 && !k->calendar) {
			err_add(e, r->line, "year", "\"%s\" is a calendar year, but "
				"indicator %s counts fiscal years (年度)", shown(e, ytext), x->code);
		}
		if (*x->date) {
			struct buf iso = BUF_INIT;

			if (import_date(x->date, &iso))
				err_add(e, r->line, "date", "\"%s\" is not a date (expected "
					"2025-03-31, 2025-03, 2025/3/31, 2025年3月31日 or "
					"令和7年3月31日)", shown(e, x->date));
			else if (!(x->date = arena_strndup(a, iso.ptr, iso.len)))
				return MD_ENOMEM;
			buf_release(&iso);
		}
		if (!*vtext) {
			x->na = 1;
			if (!*x->note)
				err_add(e, r->line, "value", "empty: give the number, or leave "
					"it empty and say in note why it is not available");
		} else if (import_number(vtext, &x->value)) {
			err_add(e, r->line, "value", "\"%s\" is not a number (expected "
				"digits such as 2,737 or 0.5; for a figure that is not "
				"available leave the cell empty and give the reason in note)",
				shown(e, vtext));
		}
		/* the breakdown key: pairs sorted by dimension */
		for (d = 0; d < h->ndims; d++) {
			const char *m = trimmed(a, h->dim_col[d] < r->n ?
						r->f[h->dim_col[d]] : "");

			if (!m)
				return MD_ENOMEM;
			if (!*m)
				continue;
			if (strchr(m, '\n'))
				err_add(e, r->line, h->dim_name[d], "a breakdown must be one "
					"line of text");
			pairs[x->ndims][0] = h->dim_name[d];
			pairs[x->ndims][1] = m;
			x->dims[x->ndims++] = h->dim_name[d];
		}
		qsort(pairs, (size_t)x->ndims, sizeof(pairs[0]), cmp_dim);
		for (d = 0; d < x->ndims; d++)
			buf_printf(&bk, "%s%s\x1f%s", d ? "\x1e" : "", pairs[d][0],
				   pairs[d][1]);
		x->breakdown = arena_strndup(a, bk.ptr, bk.len);
		buf_release(&bk);
		if (!x->breakdown)
			return MD_ENOMEM;
		if (e->n != bad)
			continue;
		for (j = 0; j < n; j++) {
			if (v[j].ind == x->ind && v[j].year == x->year &&
			    !strcmp(v[j].breakdown, x->breakdown)) {
				err_add(e, r->line, NULL, "repeats line %ld (same code, year "
					"and breakdown)", v[j].line);
				break;
			}
		}
		if (j == n)
			n++;
	}
	*out = v;
	*nout = n;
	return 0;
}

static int load(struct import *imp, struct arena *a, const char *data,
		size_t len, struct buf *text, struct tsv_row **rows, long *nrows,
		long *first)
{
	long i;
	int rc, j;

	if ((rc = import_decode(imp, data, len, text)) ||
	    (rc = import_tsv_rows(imp, a, text->ptr, text->len, ',', rows, nrows)))
		return rc;
	/* the quote our CSV writers put before a formula-like cell */
	for (i = 0; i < *nrows; i++) {
		for (j = 0; j < (*rows)[i].n; j++)
			(*rows)[i].f[j] += dsv_unguard((*rows)[i].f[j]) != (*rows)[i].f[j];
	}
	for (i = 0; i < *nrows && blank_row(&(*rows)[i]); i++)
		;
	if (i == *nrows)
		return import_fail(imp, MD_EINPUT, 0, "no header row (expected a "
				   "first line such as code,year,value)");
	*first = i;
	return 0;
}

/* ---- definitions ---- */

static int check_def(struct import *imp, struct arena *a, const struct tsv_row *r,
		     const struct hdr *h, struct store_indicator *d,
		     struct errs *e)
{
	const char *dir, *yk, *t;
	int kind;

	(void)imp;
	memset(d, 0, sizeof(*d));
#define CELL(c) trimmed(a, cell(r, h, c))
	d->code = CELL(C_CODE);
	d->name_ja = CELL(C_NAME_JA);
	d->name_en = CELL(C_NAME_EN);
	d->unit = CELL(C_UNIT);
	d->unit_en = CELL(C_UNIT_EN);
	dir = CELL(C_DIRECTION);
	yk = CELL(C_YEAR_KIND);
	d->target_note = CELL(C_TARGET_NOTE);
	d->source = CELL(C_SOURCE);
	d->notes = CELL(C_NOTES);
	if (!d->code || !d->name_ja || !d->name_en || !d->unit || !d->unit_en ||
	    !dir || !yk || !d->target_note || !d->source || !d->notes)
		return MD_ENOMEM;
	if (import_indicator_code_check(d->code))
		err_add(e, r->line, "code", "\"%s\" is not a code (expected letters, "
			"digits, '-', '_' and '.', at most 40, starting with a letter "
			"or digit)", shown(e, d->code));
	if (!*d->name_ja)
		err_add(e, r->line, "name_ja", "empty (expected the indicator's name)");
	if (!*d->unit)
		err_add(e, r->line, "unit", "empty (expected a unit such as 件 or 人)");
	if (!strcmp(dir, "up") || !strcmp(dir, "down"))
		d->direction = dir;
	else
		err_add(e, r->line, "direction", "\"%s\" (expected up when higher "
			"is better, down when lower is better; there is no default)", shown(e, dir));
	if (!*yk || !strcmp(yk, "fiscal") || !strcmp(yk, "年度"))
		d->year_kind = "fiscal";
	else if (!strcmp(yk, "calendar") || !strcmp(yk, "暦年") || !strcmp(yk, "年"))
		d->year_kind = "calendar";
	else
		err_add(e, r->line, "year_kind", "\"%s\" (expected fiscal or calendar)",
			shown(e, yk));
	if (*(t = CELL(C_GOAL)) && num_parse_int(t, 1, 99, &d->goal))
		err_add(e, r->line, "goal", "\"%s\" is not a goal number", shown(e, t));
	if (*(t = CELL(C_MEASURE)) && num_parse_int(t, 1, 999, &d->measure))
		err_add(e, r->line, "measure", "\"%s\" is not a measure number", shown(e, t));
	{
		const char *by = CELL(C_BASE_YEAR), *bv = CELL(C_BASE_VALUE);
		const char *ty = CELL(C_TARGET_YEAR), *tv = CELL(C_TARGET_VALUE);

		if (!by || !bv || !ty || !tv)
			return MD_ENOMEM;
		if (!*by != !*bv)
			err_add(e, r->line, *by ? "baseline_value" : "baseline_year",
				"empty (a baseline needs both its year and its value)");
		else if (*by) {
			d->has_baseline = 1;
			if (import_year(by, &d->baseline_year, &kind))
				err_add(e, r->line, "baseline_year", "\"%s\" is not a year", shown(e, by));
			if (import_number(bv, &d->baseline_value))
				err_add(e, r->line, "baseline_value", "\"%s\" is not a number", shown(e, bv));
		}
		if (!*ty != !*tv)
			err_add(e, r->line, *ty ? "target_value" : "target_year",
				"empty (a target needs both its year and its value)");
		else if (*ty) {
			d->has_target = 1;
			if (import_year(ty, &d->target_year, &kind))
				err_add(e, r->line, "target_year", "\"%s\" is not a year", shown(e, ty));
			if (import_number(tv, &d->target_value))
				err_add(e, r->line, "target_value", "\"%s\" is not a number", shown(e, tv));
		}
	}
#undef CELL
	return 0;
}

int import_indicator_code_check(const char *code)
{
	size_t i, n = strlen(code);

	if (!n || n > 40 || code[0] == '-' || code[0] == '.' || code[0] == '_')
		return MD_EINPUT;   /* starts with a letter or digit */
	for (i = 0; i < n; i++) {
		char c = code[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return MD_EINPUT;
	}
	return 0;
}

/* The definitions below the header, checked; *out and *lines get them. */
static int check_defs(struct import *imp, struct arena *a,
		      const struct tsv_row *rows, long nrows, long first,
		      const struct hdr *h, struct store_indicator **out,
		      long **lines, long *nout, struct errs *e)
{
	struct store_indicator *d = arena_alloc(a, sizeof(*d) * (size_t)nrows);
	long *ln = arena_alloc(a, sizeof(*ln) * (size_t)nrows);
	long i, j, n = 0;
	int rc;

	if (!d || !ln)
		return MD_ENOMEM;
	for (i = first; !e->n && i < nrows; i++) {
		if (blank_row(&rows[i]))
			continue;
		if (rows[i].n > h->ncols) {
			err_add(e, rows[i].line, NULL, "%d fields, but the header names "
				"%d columns", rows[i].n, h->ncols);
			continue;
		}
		if ((rc = check_def(imp, a, &rows[i], h, &d[n], e)))
			return rc;
		for (j = 0; j < n; j++) {
			if (!strcmp(d[j].code, d[n].code))
				err_add(e, rows[i].line, "code", "%s is defined again "
					"(first on line %ld)", shown(e, d[n].code), ln[j]);
		}
		ln[n++] = rows[i].line;
	}
	*out = d;
	*lines = ln;
	*nout = n;
	return 0;
}

/* Writes the checked rows: values (v) or definitions (d, lines). */
static int write_rows(struct import *imp, long long source, const struct vrow *v,
		      const struct store_indicator *d, const long *lines, long n)
{
	long i;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		long line = v ? v[i].line : lines[i];

		if (v) {
			struct store_ivalue iv = {
				.indicator = v[i].ind, .year = v[i].year,
				.breakdown = v[i].breakdown, .na = v[i].na,
				.value = v[i].value, .na_reason = v[i].na ? v[i].note : "",
				.note = v[i].na ? "" : v[i].note, .source = v[i].source,
				.as_of = v[i].date, .loc = { source, line, 1 },
			};

			if (v[i].ndims)
				rc = store_indicator_dims(imp->st, v[i].ind, v[i].dims,
							  v[i].ndims);
			if (!rc)
				rc = store_ivalue_put(imp->st, &iv);
			imp->sum.na += v[i].na;
		} else {
			struct store_indicator x = d[i];

			x.loc.source = source;
			x.loc.line = line;
			x.loc.col = 1;
			rc = store_indicator_put(imp->st, &x, NULL);
		}
		if (rc)
			return import_fail(imp, rc, line, "%s", store_errmsg(imp->st));
		imp->sum.rows++;
	}
	return 0;
}

/* Either file: decode, split, read the header, check every row, and only
 * then write them all in one transaction. */
static int run_csv(struct import *imp, const char *data, size_t len, int values)
{
	struct arena *a = arena_new();
	struct buf text = BUF_INIT;
	struct errs e = { imp, NULL, BUF_INIT, 0 };
	struct tsv_row *rows = NULL;
	struct vrow *v = NULL;
	struct store_indicator *d = NULL;
	long *lines = NULL;
	struct hdr h;
	long nrows = 0, first = 0, n = 0;
	long long source;
	int rc;

	if (!a)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	e.a = a;
	if ((rc = load(imp, a, data, len, &text, &rows, &nrows, &first)))
		goto out;
	if ((rc = read_header(imp, a, &rows[first], values, &h, &e)) ||
	    (!e.n && (rc = values ?
		      check_values(imp, a, rows, nrows, first + 1, &h, &v, &n, &e) :
		      check_defs(imp, a, rows, nrows, first + 1, &h, &d, &lines, &n, &e)))) {
		rc = import_fail(imp, rc, 0, "out of memory");
		goto out;
	}
	if ((rc = errs_finish(&e)))
		goto out;
	if (!n) {
		rc = import_fail(imp, MD_EINPUT, 0, "no %s below the header",
				 values ? "values" : "definitions");
		goto out;
	}
	if ((rc = store_begin(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto out;
	}
	if ((rc = import_source(imp, values ? "indicators" : "indicator-defs", data,
				len, &source)) ||
	    (rc = write_rows(imp, source, v, d, lines, n)))
		goto rollback;
	if ((rc = store_commit(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto rollback;
	}
	goto out;
rollback:
	store_rollback(imp->st);
out:
	buf_release(&e.msg);
	buf_release(&text);
	arena_free(a);
	return rc;
}

int import_indicators_run(struct import *imp, const char *data, size_t len)
{
	return run_csv(imp, data, len, 1);
}

int import_indicator_defs_run(struct import *imp, const char *data, size_t len)
{
	return run_csv(imp, data, len, 0);
}
