#include <string.h>

#include "import.h"

static int add_field(struct arena *a, struct buf *cur, char ***f, int *n,
		     int *cap)
{
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		char **nf = arena_alloc(a, sizeof(char *) * (size_t)ncap);

		if (!nf)
			return MD_ENOMEM;
		if (*n)
			memcpy(nf, *f, sizeof(char *) * (size_t)*n);
		*f = nf;
		*cap = ncap;
	}
	(*f)[*n] = arena_strndup(a, cur->ptr, cur->len);
	if (!(*f)[*n])
		return MD_ENOMEM;
	(*n)++;
	buf_reset(cur);
	return 0;
}

int tsv_parse(const char *s, size_t n, struct arena *a, struct tsv_row **rows,
	      long *nrows, long *err_line)
{
	return dsv_parse(s, n, '\t', a, rows, nrows, err_line);
}

int dsv_parse(const char *s, size_t n, char sep, struct arena *a,
	      struct tsv_row **rows, long *nrows, long *err_line)
{
	struct tsv_row *r = NULL;
	struct buf cur = BUF_INIT;
	long nr = 0, cap = 0, line = 1, row_line = 1;
	char **f = NULL;
	int nf = 0, fcap = 0, rc = MD_ENOMEM;
	size_t i = 0;

	buf_init(&cur, 16 << 20);
	while (i <= n) {
		/* one field */
		if (i < n && s[i] == '"') {
			long qline = line;

			i++;
			for (;;) {
				if (i >= n) {
					*err_line = qline;
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
				if (s[i] == '\n')
					line++;
				buf_putc(&cur, s[i++]);
			}
			/* text after the closing quote belongs to the field */
			while (i < n && s[i] != sep && s[i] != '\n')
				buf_putc(&cur, s[i++]);
		} else {
			while (i < n && s[i] != sep && s[i] != '\n')
				buf_putc(&cur, s[i++]);
		}
		if (buf_error(&cur) || add_field(a, &cur, &f, &nf, &fcap))
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
		r[nr].n = nf;
		r[nr].f = f;
		r[nr].line = row_line;
		nr++;
		f = NULL;
		nf = fcap = 0;
		if (i >= n)
			break;
		i++;   /* the newline */
		line++;
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
