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

enum col {
	C_CODE, C_YEAR, C_VALUE, C_NOTE, C_SOURCE, C_DATE,
	C_NAME_JA, C_NAME_EN, C_UNIT, C_UNIT_EN, C_DIRECTION, C_YEAR_KIND,
	C_GOAL, C_MEASURE, C_BASE_YEAR, C_BASE_VALUE, C_TARGET_YEAR,
	C_TARGET_VALUE, C_TARGET_NOTE, C_NOTES, C_COUNT_
};

/* Header spellings (after NFKC + case folding, spaces and _ removed). */
static const struct csv_header header_names[] = {
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







static const char *cell(const struct tsv_row *r, const struct hdr *h, enum col c)
{
	int i = h->at[c] - 1;

	return i >= 0 && i < r->n ? r->f[i] : "";
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
		       struct csv_errs *e)
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
		char *name = csv_trimmed(a, r->f[i]);
		int c, allowed = 1;
		size_t j;

		if (!name)
			return MD_ENOMEM;
		if (!*name) {
			csv_err(e, r->line, NULL, "column %d of the header has no name", i + 1);
			continue;
		}
		csv_header_key(name, &k);
		c = csv_find_header(header_names, MD_ARRAY_SIZE(header_names), k.ptr);
		buf_release(&k);
		if (c >= 0 && values) {
			allowed = 0;
			for (j = 0; j < MD_ARRAY_SIZE(vals); j++)
				allowed |= vals[j] == (enum col)c;
		}
		if (c >= 0 && allowed) {
			if (h->at[c])
				csv_err(e, r->line, name, "named twice in the header");
			h->at[c] = i + 1;
		} else if (values) {
			int d;

			for (d = 0; d < h->ndims; d++) {
				if (!strcmp(h->dim_name[d], name))
					csv_err(e, r->line, name, "named twice in the header");
			}
			if (csv_has_control(name) || strchr(name, '\n')) {
				csv_err(e, r->line, NULL, "column %d: a header name must be "
					"one line of text", i + 1);
			} else if (h->ndims == (int)MD_ARRAY_SIZE(h->dim_col)) {
				csv_err(e, r->line, name, "too many breakdown columns (at most %d)",
					(int)MD_ARRAY_SIZE(h->dim_col));
			} else {
				h->dim_col[h->ndims] = i;
				h->dim_name[h->ndims++] = name;
			}
		} else {
			csv_err(e, r->line, name, "unknown column (expected code, name_ja, "
				"name_en, unit, unit_en, direction, year_kind, goal, measure, "
				"baseline_year, baseline_value, target_year, target_value, "
				"target_note, source, notes)");
		}
	}
	for (i = 0; i < nneed; i++) {
		if (!h->at[need[i]])
			csv_err(e, r->line, NULL, "the header has no %s column (a %s file "
				"needs %s)", col_label(need[i]),
				values ? "values" : "definitions",
				values ? "code, year and value" :
				"code, name_ja, unit and direction");
	}
	return 0;
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
			struct csv_errs *e)
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

		if (csv_blank_row(r))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r->line;
		if (r->n > h->ncols) {
			csv_err(e, r->line, NULL, "%d fields, but the header names %d "
				"columns", r->n, h->ncols);
			continue;
		}
		for (j = 0; j < r->n; j++) {
			if (csv_has_control(r->f[j]))
				csv_err(e, r->line, NULL, "field %ld holds a control character",
					j + 1);
		}
		x->code = csv_trimmed(a, cell(r, h, C_CODE));
		ytext = csv_trimmed(a, cell(r, h, C_YEAR));
		vtext = csv_trimmed(a, cell(r, h, C_VALUE));
		x->note = csv_trimmed(a, cell(r, h, C_NOTE));
		x->source = csv_trimmed(a, cell(r, h, C_SOURCE));
		x->date = csv_trimmed(a, cell(r, h, C_DATE));
		if (!x->code || !ytext || !vtext || !x->note || !x->source || !x->date)
			return MD_ENOMEM;
		k = NULL;
		if (!*x->code) {
			csv_err(e, r->line, "code", "empty (expected an indicator code)");
		} else {
			if ((rc = lookup(imp, a, &known, &nknown, &kcap, x->code, &k)))
				return rc;
			if (!k->ok) {
				csv_err(e, r->line, "code", "indicator %s is not defined "
					"(define it first: mdplan indicator define %s --name … "
					"--unit … --direction up|down)", csv_shown(e, x->code),
					csv_shown(e, x->code));
				k = NULL;
			} else {
				x->ind = k->id;
			}
		}
		if (import_year(ytext, &x->year, &ykind)) {
			csv_err(e, r->line, "year", "\"%s\" is not a year (expected "
				"2024, 2024年度, FY2024 or 令和6年度)", csv_shown(e, ytext));
		} else if (k && ykind == 1 && k->calendar) {
			csv_err(e, r->line, "year", "\"%s\" is a fiscal year, but "
				"indicator %s counts calendar years", csv_shown(e, ytext), x->code);
		} else if (k && ykind == 2 && !k->calendar) {
			csv_err(e, r->line, "year", "\"%s\" is a calendar year, but "
				"indicator %s counts fiscal years (年度)", csv_shown(e, ytext), x->code);
		}
		if (*x->date) {
			struct buf iso = BUF_INIT;

			if (import_date(x->date, &iso))
				csv_err(e, r->line, "date", "\"%s\" is not a date (expected "
					"2025-03-31, 2025-03, 2025/3/31, 2025年3月31日 or "
					"令和7年3月31日)", csv_shown(e, x->date));
			else if (!(x->date = arena_strndup(a, iso.ptr, iso.len)))
				return MD_ENOMEM;
			buf_release(&iso);
		}
		if (!*vtext) {
			x->na = 1;
			if (!*x->note)
				csv_err(e, r->line, "value", "empty: give the number, or leave "
					"it empty and say in note why it is not available");
		} else if (import_number(vtext, &x->value)) {
			csv_err(e, r->line, "value", "\"%s\" is not a number (expected "
				"digits such as 2,737 or 0.5; for a figure that is not "
				"available leave the cell empty and give the reason in note)",
				csv_shown(e, vtext));
		}
		/* the breakdown key: pairs sorted by dimension */
		for (d = 0; d < h->ndims; d++) {
			const char *m = csv_trimmed(a, h->dim_col[d] < r->n ?
						r->f[h->dim_col[d]] : "");

			if (!m)
				return MD_ENOMEM;
			if (!*m)
				continue;
			if (strchr(m, '\n'))
				csv_err(e, r->line, h->dim_name[d], "a breakdown must be one "
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
				csv_err(e, r->line, NULL, "repeats line %ld (same code, year "
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


/* ---- definitions ---- */

static int check_def(struct import *imp, struct arena *a, const struct tsv_row *r,
		     const struct hdr *h, struct store_indicator *d,
		     struct csv_errs *e)
{
	const char *dir, *yk, *t;
	int kind;

	(void)imp;
	memset(d, 0, sizeof(*d));
#define CELL(c) csv_trimmed(a, cell(r, h, c))
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
		csv_err(e, r->line, "code", "\"%s\" is not a code (expected letters, "
			"digits, '-', '_' and '.', at most 40, starting with a letter "
			"or digit)", csv_shown(e, d->code));
	if (!*d->name_ja)
		csv_err(e, r->line, "name_ja", "empty (expected the indicator's name)");
	if (!*d->unit)
		csv_err(e, r->line, "unit", "empty (expected a unit such as 件 or 人)");
	if (!strcmp(dir, "up") || !strcmp(dir, "down"))
		d->direction = dir;
	else
		csv_err(e, r->line, "direction", "\"%s\" (expected up when higher "
			"is better, down when lower is better; there is no default)", csv_shown(e, dir));
	if (!*yk || !strcmp(yk, "fiscal") || !strcmp(yk, "年度"))
		d->year_kind = "fiscal";
	else if (!strcmp(yk, "calendar") || !strcmp(yk, "暦年") || !strcmp(yk, "年"))
		d->year_kind = "calendar";
	else
		csv_err(e, r->line, "year_kind", "\"%s\" (expected fiscal or calendar)",
			csv_shown(e, yk));
	if (*(t = CELL(C_GOAL)) && num_parse_int(t, 1, 99, &d->goal))
		csv_err(e, r->line, "goal", "\"%s\" is not a goal number", csv_shown(e, t));
	if (*(t = CELL(C_MEASURE)) && num_parse_int(t, 1, 999, &d->measure))
		csv_err(e, r->line, "measure", "\"%s\" is not a measure number", csv_shown(e, t));
	{
		const char *by = CELL(C_BASE_YEAR), *bv = CELL(C_BASE_VALUE);
		const char *ty = CELL(C_TARGET_YEAR), *tv = CELL(C_TARGET_VALUE);

		if (!by || !bv || !ty || !tv)
			return MD_ENOMEM;
		if (!*by != !*bv)
			csv_err(e, r->line, *by ? "baseline_value" : "baseline_year",
				"empty (a baseline needs both its year and its value)");
		else if (*by) {
			d->has_baseline = 1;
			if (import_year(by, &d->baseline_year, &kind))
				csv_err(e, r->line, "baseline_year", "\"%s\" is not a year", csv_shown(e, by));
			if (import_number(bv, &d->baseline_value))
				csv_err(e, r->line, "baseline_value", "\"%s\" is not a number", csv_shown(e, bv));
		}
		if (!*ty != !*tv)
			csv_err(e, r->line, *ty ? "target_value" : "target_year",
				"empty (a target needs both its year and its value)");
		else if (*ty) {
			d->has_target = 1;
			if (import_year(ty, &d->target_year, &kind))
				csv_err(e, r->line, "target_year", "\"%s\" is not a year", csv_shown(e, ty));
			if (import_number(tv, &d->target_value))
				csv_err(e, r->line, "target_value", "\"%s\" is not a number", csv_shown(e, tv));
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
		      long **lines, long *nout, struct csv_errs *e)
{
	struct store_indicator *d = arena_alloc(a, sizeof(*d) * (size_t)nrows);
	long *ln = arena_alloc(a, sizeof(*ln) * (size_t)nrows);
	long i, j, n = 0;
	int rc;

	if (!d || !ln)
		return MD_ENOMEM;
	for (i = first; !e->n && i < nrows; i++) {
		if (csv_blank_row(&rows[i]))
			continue;
		if (rows[i].n > h->ncols) {
			csv_err(e, rows[i].line, NULL, "%d fields, but the header names "
				"%d columns", rows[i].n, h->ncols);
			continue;
		}
		if ((rc = check_def(imp, a, &rows[i], h, &d[n], e)))
			return rc;
		for (j = 0; j < n; j++) {
			if (!strcmp(d[j].code, d[n].code))
				csv_err(e, rows[i].line, "code", "%s is defined again "
					"(first on line %ld)", csv_shown(e, d[n].code), ln[j]);
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
	struct csv_errs e = { imp, NULL, BUF_INIT, 0 };
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
	if ((rc = csv_load(imp, a, data, len, "code,year,value", &text, &rows, &nrows, &first)))
		goto out;
	if ((rc = read_header(imp, a, &rows[first], values, &h, &e)) ||
	    (!e.n && (rc = values ?
		      check_values(imp, a, rows, nrows, first + 1, &h, &v, &n, &e) :
		      check_defs(imp, a, rows, nrows, first + 1, &h, &d, &lines, &n, &e)))) {
		rc = import_fail(imp, rc, 0, "out of memory");
		goto out;
	}
	if ((rc = csv_errs_finish(&e)))
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
