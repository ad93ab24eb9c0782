#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "internal.h"

#define MAX_DOCUMENT ((size_t)64 << 20)

struct import *import_new(struct store *st)
{
	struct import *imp = calloc(1, sizeof(*imp));

	if (!imp)
		return NULL;
	imp->st = st;
	imp->max_removals = IMPORT_MAX_REMOVALS;
	/* no cap of its own: a message that did not fit would read "no error" */
	buf_init(&imp->err, 0);
	return imp;
}

void import_free(struct import *imp)
{
	if (!imp)
		return;
	buf_release(&imp->err);
	free(imp);
}

void import_set_encoding(struct import *imp, const char *enc) { imp->enc = enc; }
void import_set_year(struct import *imp, int fy) { imp->year = fy; }
void import_set_edition(struct import *imp, int ed) { imp->edition = ed; }
void import_set_max_removals(struct import *imp, double share) { imp->max_removals = share; }

void import_set_notes(struct import *imp, import_note_fn fn, void *ctx)
{
	imp->note = fn;
	imp->note_ctx = ctx;
}

void import_set_progress(struct import *imp, import_progress_fn fn, void *ctx)
{
	imp->progress = fn;
	imp->progress_ctx = ctx;
}

const char *import_errmsg(const struct import *imp)
{
	if (buf_error(&imp->err))
		return "the error message could not be built (out of memory)";
	return imp->err.len ? imp->err.ptr : "no error";
}

const struct import_summary *import_summary(const struct import *imp)
{
	return &imp->sum;
}

static int vfail(struct import *imp, int rc, long line, long col,
		 const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static int vfail(struct import *imp, int rc, long line, long col,
		 const char *fmt, va_list ap)
{
	buf_reset(&imp->err);
	if (line > 0 && col > 0)
		buf_printf(&imp->err, "%s:%ld:%ld: ", imp->path, line, col);
	else if (line > 0)
		buf_printf(&imp->err, "%s:%ld: ", imp->path, line);
	else
		buf_printf(&imp->err, "%s: ", imp->path);
	buf_vprintf(&imp->err, fmt, ap);
	return rc;
}

int import_fail(struct import *imp, int rc, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(imp, rc, line, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int import_fail_at(struct import *imp, int rc, long line, long col,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(imp, rc, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

void import_note(struct import *imp, long line, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;

	if (!imp->note)
		return;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	imp->note(imp->note_ctx, imp->path, line, m.ptr);
	buf_release(&m);
}

int import_cut(const char *s, int max)
{
	size_t n = strlen(s);

	if (max < 0 || n <= (size_t)max)
		return (int)n;
	n = (size_t)max;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;     /* s[n] continues a character: cut before it starts */
	return (int)n;
}

int import_decode(struct import *imp, const char *data, size_t len,
		  struct buf *out)
{
	struct text_decoded info;
	int rc;

	if (len == 0)
		return import_fail(imp, MD_EINPUT, 0, "the file is empty "
				   "(空のファイルです)");
	rc = text_decode(data, len, imp->enc, out, &info);
	if (rc == MD_EUSAGE)
		return import_fail(imp, MD_EUSAGE, 0, "unknown encoding \"%s\" "
				   "(expected utf-8 or shift_jis)", imp->enc);
	if (rc)
		return import_fail(imp, MD_EINPUT, info.err_line,
				   "column %ld: invalid byte sequence for %s "
				   "(文字コードが不正です; expected UTF-8 or Shift_JIS text)",
				   info.err_col, info.encoding);
	imp->sum.encoding = info.encoding;
	return 0;
}

/* The table's rows: a located message when one cannot be read. */
int import_tsv_rows(struct import *imp, struct arena *a, const char *text,
		    size_t len, char sep, struct tsv_row **rows, long *nrows)
{
	struct tsv_error e;
	int rc = dsv_parse(text, len, sep, a, rows, nrows, &e);

	if (rc == MD_EINPUT && e.what == TSV_ELONG)
		return import_fail_at(imp, rc, e.at.line, e.at.col, "column %d: this "
				      "cell holds %.1f MiB; one cell may hold at most "
				      "%zu MiB (セルが大きすぎます); nothing was imported",
				      e.field, (double)e.size / (1 << 20),
				      TSV_MAX_FIELD >> 20);
	if (rc == MD_EINPUT)
		return import_fail(imp, rc, e.at.line, "a quoted %s is never closed "
				   "(expected a closing \")", sep == '\t' ? "cell" : "field");
	if (rc)
		return import_fail(imp, rc, 0, "out of memory");
	return 0;
}

int import_lines(struct arena *a, const char *s, size_t n, struct line **out,
		 long *nout)
{
	long count = 1, k = 0;
	size_t i, start = 0;
	struct line *v;

	for (i = 0; i < n; i++)
		count += s[i] == '\n';
	v = arena_alloc(a, sizeof(*v) * (size_t)count);
	if (!v)
		return MD_ENOMEM;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '\n') {
			if (i == n && start == n && k > 0)
				break;
			v[k].s = s + start;
			v[k].n = i - start;
			v[k].no = k + 1;
			k++;
			start = i + 1;
		}
	}
	*out = v;
	*nout = k;
	return 0;
}

int import_source(struct import *imp, const char *kind, const char *data,
		  size_t len, long long *source)
{
	struct buf digest = BUF_INIT, name = BUF_INIT;
	struct store_actor actor = { STORE_ACTOR_IMPORT, NULL };
	const char *p;
	int rc;

	if (crypto_digest_hex(data, len, &digest)) {
		buf_release(&digest);
		return import_fail(imp, MD_ENOMEM, 0, "cannot compute digest");
	}
	/* the run is the actor: "followup data/followup-r7.tsv" (a control
	 * character in a file name becomes '?') */
	buf_init(&name, STORE_ACTOR_MAX);
	buf_printf(&name, "%s ", kind);
	for (p = imp->path; *p; p++)
		buf_putc(&name, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
	if (buf_error(&name)) {   /* a path too long to name: the kind */
		buf_reset(&name);
		buf_puts(&name, kind);
	}
	actor.name = name.ptr;
	rc = store_source_put(imp->st, imp->path, digest.ptr, (long long)len,
			      imp->sum.encoding, source);
	if (!rc)
		rc = store_run_begin(imp->st, kind, *source, &actor);
	buf_release(&digest);
	buf_release(&name);
	if (rc)
		return import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
	return 0;
}

void import_trim(const char **s, size_t *n)
{
	for (;;) {
		if (*n && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
			(*s)++;
			(*n)--;
		} else if (*n >= 3 && !memcmp(*s, "\xe3\x80\x80", 3)) {
			*s += 3;
			*n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) {
			(*n)--;
		} else if (*n >= 3 && !memcmp(*s + *n - 3, "\xe3\x80\x80", 3)) {
			*n -= 3;
		} else {
			break;
		}
	}
}

int import_text_blocks(const char *s, size_t n, struct arena *a,
		       struct store_block **out, int *nout)
{
	static const char *const bullets[] = { "・", "-", "●" };
	struct store_block *b;
	size_t i, lines = 1;
	int k = 0;

	for (i = 0; i < n; i++)
		lines += s[i] == '\n';
	if (!(b = arena_alloc(a, sizeof(*b) * lines)))
		return MD_ENOMEM;
	while (n) {
		const char *p = s, *nl = memchr(s, '\n', n);
		size_t l = nl ? (size_t)(nl - s) : n, m, j;
		const char *kind = "p";

		s += l + (nl != NULL);
		n -= l + (nl != NULL);
		if (l && p[l - 1] == '\r')
			l--;
		import_trim(&p, &l);
		for (j = 0; j < MD_ARRAY_SIZE(bullets); j++) {
			m = strlen(bullets[j]);
			if (l >= m && !memcmp(p, bullets[j], m)) {
				p += m;
				l -= m;
				import_trim(&p, &l);
				kind = "li";
				break;
			}
		}
		if (!l)
			continue;
		b[k].kind = kind;
		if (!(b[k].text = arena_strndup(a, p, l)))
			return MD_ENOMEM;
		k++;
	}
	*out = b;
	*nout = k;
	return 0;
}

int import_blank(const char *s)
{
	for (; *s; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	}
	return 1;
}

int import_number(const char *s, double *v)
{
	struct buf n = BUF_INIT;
	int rc = text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &n);

	if (!rc)
		rc = num_parse_decimal(n.ptr, n.len, v, NULL);
	buf_release(&n);
	return rc ? MD_EINPUT : 0;
}

int import_year(const char *s, int *year, int *kind)
{
	struct buf n = BUF_INIT;
	int fiscal, rc = text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &n);
	size_t i;

	if (!rc)
		rc = text_era_parse(n.ptr, year, &fiscal);
	if (!rc && (*year < 1900 || *year > 2200))
		rc = MD_EINPUT;
	*kind = 0;
	if (!rc) {
		for (i = 0; i < n.len && n.ptr[i] >= '0' && n.ptr[i] <= '9'; i++)
			;
		if (i < n.len)
			*kind = fiscal ? 1 : 2;
	}
	buf_release(&n);
	return rc ? MD_EINPUT : 0;
}

/* 1-2 (or exactly `want` when want > 0) ASCII digits at *p. */
static int digits(const char **p, int want, int *v)
{
	int k = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9' && k < (want ? want : 2)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k && (!want || k == want) && !(**p >= '0' && **p <= '9') ? 0 : MD_EINPUT;
}

static int lit(const char **p, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(*p, s, n))
		return MD_EINPUT;
	*p += n;
	return 0;
}

int import_date(const char *s, struct buf *iso)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct buf n = BUF_INIT;
	const char *p;
	int y = 0, m = 0, d = -1, fiscal = 0, rc = MD_EINPUT;
	size_t st, en;

	if (text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &n))
		goto out;
	p = n.ptr;
	if (!text_era_find(n.ptr, n.len, &y, &fiscal, &st, &en)) {
		/* 令和6年3月31日, 平成31年4月 */
		p += en;
		if (st || fiscal || en < 3 || strncmp(p - 3, "年", 3) ||
		    digits(&p, 0, &m) || lit(&p, "月") ||
		    (*p && (digits(&p, 0, &d) || lit(&p, "日"))))
			goto out;
	} else {
		char sep;

		if (digits(&p, 4, &y))
			goto out;
		sep = *p;
		if (sep == '-' || sep == '/') {
			/* 2024-03-31, 2024-03, 2024/3/31, 2024/3 */
			p++;
			if (digits(&p, 0, &m) || (*p && (*p++ != sep || digits(&p, 0, &d))))
				goto out;
		} else if (lit(&p, "年") || digits(&p, 0, &m) || lit(&p, "月") ||
			   (*p && (digits(&p, 0, &d) || lit(&p, "日")))) {
			goto out;   /* 2024年3月31日, 2024年3月 */
		}
	}
	/* d stays -1 when the text names a month only */
	if (*p || y < 1900 || y > 2200 || m < 1 || m > 12 || d == 0 ||
	    d > mdays[m - 1] || (m == 2 && d == 29 &&
				 (y % 4 || (y % 100 == 0 && y % 400))))
		goto out;
	if (d > 0)
		rc = buf_printf(iso, "%04d-%02d-%02d", y, m, d);
	else
		rc = buf_printf(iso, "%04d-%02d", y, m);
out:
	buf_release(&n);
	return rc ? MD_EINPUT : 0;
}

char *import_norm(struct arena *a, const char *s, size_t n, unsigned flags)
{
	struct buf b = BUF_INIT;
	char *r = NULL;

	if (!text_normalize(s, n, flags, &b))
		r = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

static int run(struct import *imp, const char *path, const char *data,
	       size_t len, int (*fn)(struct import *, const char *, size_t))
{
	struct store_counts c;
	int rc;

	memset(&imp->sum, 0, sizeof(imp->sum));
	imp->path = path;
	buf_reset(&imp->err);
	store_counts_reset(imp->st);
	rc = fn(imp, data, len);
	store_counts(imp->st, &c);
	imp->sum.counts = c;
	return rc;
}

static int run_file(struct import *imp, const char *path,
		    int (*fn)(struct import *, const char *, size_t))
{
	struct buf b = BUF_INIT;
	int rc;

	imp->path = path;
	rc = file_read(path, MAX_DOCUMENT, &b);
	if (rc == MD_ENOMEM)
		return import_fail(imp, MD_EINPUT, 0, "file is larger than %zu MiB",
				   MAX_DOCUMENT >> 20);
	if (rc)
		return import_fail(imp, MD_EIO, 0, "cannot read: %s", strerror(errno));
	rc = run(imp, path, b.ptr, b.len, fn);
	buf_release(&b);
	return rc;
}

int import_plan(struct import *imp, const char *path)
{
	return run_file(imp, path, import_plan_run);
}

int import_followup(struct import *imp, const char *path)
{
	return run_file(imp, path, import_followup_run);
}

int import_plan_mem(struct import *imp, const char *path, const char *data,
		    size_t len)
{
	return run(imp, path, data, len, import_plan_run);
}

int import_followup_mem(struct import *imp, const char *path,
			const char *data, size_t len)
{
	return run(imp, path, data, len, import_followup_run);
}

int import_indicators(struct import *imp, const char *path)
{
	return run_file(imp, path, import_indicators_run);
}

int import_indicator_defs(struct import *imp, const char *path)
{
	return run_file(imp, path, import_indicator_defs_run);
}

int import_indicators_mem(struct import *imp, const char *path,
			  const char *data, size_t len)
{
	return run(imp, path, data, len, import_indicators_run);
}

int import_indicator_defs_mem(struct import *imp, const char *path,
			      const char *data, size_t len)
{
	return run(imp, path, data, len, import_indicator_defs_run);
}

static const struct {
	const char *what;
	int (*fn)(struct import *, const char *, size_t);
} programme_files[] = {
	{ "programmes", import_programmes_run },
	{ "budgets", import_budgets_run },
	{ "programme-results", import_presults_run },
	{ "programme-indicators", import_pindicators_run },
	{ "hubs", import_hubs_run },
};

static int programme_fn(const char *what,
			int (**fn)(struct import *, const char *, size_t))
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(programme_files); i++) {
		if (!strcmp(programme_files[i].what, what)) {
			*fn = programme_files[i].fn;
			return 0;
		}
	}
	return MD_EUSAGE;
}

int import_programme_file(struct import *imp, const char *what, const char *path)
{
	int (*fn)(struct import *, const char *, size_t);

	if (programme_fn(what, &fn))
		return import_fail(imp, MD_EUSAGE, 0, "not a programme file kind: %s", what);
	return run_file(imp, path, fn);
}

int import_programme_mem(struct import *imp, const char *what, const char *path,
			 const char *data, size_t len)
{
	int (*fn)(struct import *, const char *, size_t);

	imp->path = path;
	if (programme_fn(what, &fn))
		return import_fail(imp, MD_EUSAGE, 0, "not a programme file kind: %s", what);
	return run(imp, path, data, len, fn);
}

int import_sources(struct import *imp, const char *path)
{
	return run_file(imp, path, import_sources_run);
}

int import_sources_mem(struct import *imp, const char *path, const char *data,
		       size_t len)
{
	return run(imp, path, data, len, import_sources_run);
}

void import_outline_words(const struct import_outline *o, struct buf *out)
{
	buf_printf(out, "%ld inserted, %ld reworded, %ld moved, %ld retired, "
		   "%ld restored, %ld unchanged; %ld renumbered", o->inserted,
		   o->reworded, o->moved, o->retired, o->restored, o->unchanged,
		   o->renumbered);
}
