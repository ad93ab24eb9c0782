/*
 * What every CSV importer shares (indicator.c, programme.c): loading a file
 * (decoding, splitting, undoing the formula guard, finding the header),
 * matching header names, and collecting every problem with its line and
 * column before anything is written.
 */
#include <string.h>

#include "internal.h"

#define MAX_ERRORS 20
#define SHOWN_CHARS 200

/* A cell's text for a message: whole, or its first SHOWN_CHARS characters
 * and "…(N characters)" so that twenty long cells still make a message one
 * can read. */
const char *csv_shown(struct csv_errs *e, const char *s)
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

void csv_err(struct csv_errs *e, long line, const char *col, const char *fmt, ...)
{
	va_list ap;

	e->n++;
	if (e->n > MAX_ERRORS)
		return;
	if (e->msg.len)
		buf_putc(&e->msg, '\n');
	buf_printf(&e->msg, "%s:%ld: ", e->imp->path, line);
	if (col)
		buf_printf(&e->msg, "column %s: ", csv_shown(e, col));
	va_start(ap, fmt);
	buf_vprintf(&e->msg, fmt, ap);
	va_end(ap);
}

int csv_errs_finish(struct csv_errs *e)
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

char *csv_trimmed(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	import_trim(&s, &n);
	return arena_strndup(a, s, n);
}

int csv_has_control(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
			return 1;
	}
	return 0;
}

int csv_header_key(const char *s, struct buf *out)
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

int csv_find_header(const struct csv_header *names, size_t n, const char *key)
{
	size_t i, kl = strlen(key);

	for (i = 0; i < n; i++) {
		const char *p = names[i].names;

		while (*p) {
			size_t w = strcspn(p, "|"), j, k = 0;

			/* a name may be spelt with '_' (fiscal_year), as keys are not */
			for (j = 0; j < w && k <= kl; j++) {
				if (p[j] == '_')
					continue;
				if (k == kl || p[j] != key[k])
					break;
				k++;
			}
			if (j == w && k == kl)
				return names[i].col;
			p += w + (p[w] == '|');
		}
	}
	return -1;
}

int csv_blank_row(const struct tsv_row *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		if (!import_blank(r->f[i]))
			return 0;
	}
	return 1;
}

int csv_load(struct import *imp, struct arena *a, const char *data, size_t len,
	     const char *example, struct buf *text, struct tsv_row **rows,
	     long *nrows, long *first)
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
	for (i = 0; i < *nrows && csv_blank_row(&(*rows)[i]); i++)
		;
	if (i == *nrows)
		return import_fail(imp, MD_EINPUT, 0, "no header row (expected a "
				   "first line such as %s)", example);
	*first = i;
	return 0;
}
