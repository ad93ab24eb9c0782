#include <string.h>

#include "import.h"

struct fields {
	char **f;
	struct tsv_pos *pos;
	int n, cap;
};

static int add_field(struct arena *a, struct buf *cur, struct fields *fs,
		     struct tsv_pos at)
{
	if (fs->n == fs->cap) {
		int ncap = fs->cap ? fs->cap * 2 : 8;
		char **nf = arena_alloc(a, sizeof(char *) * (size_t)ncap);
		struct tsv_pos *np = arena_alloc(a, sizeof(*np) * (size_t)ncap);

		if (!nf || !np)
			return MD_ENOMEM;
		if (fs->n) {
			memcpy(nf, fs->f, sizeof(char *) * (size_t)fs->n);
			memcpy(np, fs->pos, sizeof(*np) * (size_t)fs->n);
		}
		fs->f = nf;
		fs->pos = np;
		fs->cap = ncap;
	}
	fs->f[fs->n] = arena_strndup(a, cur->ptr, cur->len);
	if (!fs->f[fs->n])
		return MD_ENOMEM;
	fs->pos[fs->n] = at;
	fs->n++;
	buf_reset(cur);
	return 0;
}

/* Column (characters, 1-based) of s[i] on the line starting at ls; *cpos
 * and *ccol remember the last answer so a line is counted once. */
static long col_at(const char *s, size_t ls, size_t i, size_t *cpos, long *ccol)
{
	size_t k = *cpos >= ls ? *cpos : ls;
	long c = *cpos >= ls ? *ccol : 1;

	for (; k < i; k++)
		c += ((unsigned char)s[k] & 0xC0) != 0x80;
	*cpos = i;
	*ccol = c;
	return c;
}

int tsv_parse(const char *s, size_t n, struct arena *a, struct tsv_row **rows,
	      long *nrows, struct tsv_error *err)
{
	return dsv_parse(s, n, '\t', a, rows, nrows, err);
}

int dsv_parse(const char *s, size_t n, char sep, struct arena *a,
	      struct tsv_row **rows, long *nrows, struct tsv_error *err)
{
	struct tsv_row *r = NULL;
	struct buf cur = BUF_INIT;
	struct fields fs = { NULL, NULL, 0, 0 };
	long nr = 0, cap = 0, line = 1, row_line = 1, ccol = 1;
	size_t i = 0, ls = 0, cpos = 0;
	int rc = MD_ENOMEM;

	memset(err, 0, sizeof(*err));
	while (i <= n) {
		struct tsv_pos at;

		at.line = line;
		at.col = col_at(s, ls, i, &cpos, &ccol);
		/* one field */
		if (i < n && s[i] == '"') {
			i++;
			at.col++;      /* the text starts after the quote */
			for (;;) {
				if (i >= n) {
					err->what = TSV_EQUOTE;
					err->at.line = at.line;
					err->at.col = at.col - 1;
					err->field = fs.n + 1;
					rc = MD_EINPUT;
					goto out;
				}
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						buf_putc(&cur, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (s[i] == '\n') {
					line++;
					ls = i + 1;
				}
				buf_putc(&cur, s[i++]);
			}
			/* text after the closing quote belongs to the field */
			while (i < n && s[i] != sep && s[i] != '\n')
				buf_putc(&cur, s[i++]);
		} else {
			while (i < n && s[i] != sep && s[i] != '\n')
				buf_putc(&cur, s[i++]);
		}
		if (buf_error(&cur))
			goto out;
		if (cur.len > TSV_MAX_FIELD) {
			err->what = TSV_ELONG;
			err->at = at;
			err->field = fs.n + 1;
			err->size = cur.len;
			rc = MD_EINPUT;
			goto out;
		}
		if (add_field(a, &cur, &fs, at))
			goto out;
		if (i < n && s[i] == sep) {
			i++;
			continue;
		}
		/* end of row (newline or end of input) */
		if (nr == cap) {
			long ncap = cap ? cap * 2 : 64;
			struct tsv_row *nrw = arena_alloc(a, sizeof(*nrw) * (size_t)ncap);

			if (!nrw)
				goto out;
			if (nr)
				memcpy(nrw, r, sizeof(*nrw) * (size_t)nr);
			r = nrw;
			cap = ncap;
		}
		r[nr].n = fs.n;
		r[nr].f = fs.f;
		r[nr].pos = fs.pos;
		r[nr].line = row_line;
		nr++;
		memset(&fs, 0, sizeof(fs));
		if (i >= n)
			break;
		i++;   /* the newline */
		line++;
		ls = i;
		row_line = line;
		if (i == n)
			break;
	}
	*rows = r;
	*nrows = nr;
	rc = 0;
out:
	buf_release(&cur);
	return rc;
}

int dsv_formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	       *s == '\r';
}

const char *dsv_unguard(const char *s)
{
	return *s == '\'' && dsv_formula(s) ? s + 1 : s;
}
