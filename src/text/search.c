/*
 * The search form of text: the key a query and a document are compared
 * by, and where a key occurs in the original text (for highlighting).
 * The FTS5 tokenizer in store follows the same rules token by token.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* One character of the search form, with the original bytes it came from. */
struct sch {
	int32_t cp;
	size_t start, end;
};

/* Builds the search form: white space dropped except one space between two
 * word characters. Either appends UTF-8 to out or characters to v. */
struct form {
	struct buf *out;
	struct sch *v;
	size_t n, cap;
	int last;            /* class of the last character kept */
	int space;           /* white space seen since then */
	size_t sp_start, sp_end;
	int err;
};

static int form_put(struct form *f, int32_t cp, size_t start, size_t end)
{
	if (f->out)
		return text_utf8_put(f->out, cp);
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		struct sch *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			return MD_ENOMEM;
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n].cp = cp;
	f->v[f->n].start = start;
	f->v[f->n].end = end;
	f->n++;
	return 0;
}

static int form_cp(void *ctx, int32_t cp, size_t start, size_t end)
{
	struct form *f = ctx;
	int cc = text_char_class(cp), rc;

	if (cc == TEXT_CC_SPACE) {
		if (!f->space)
			f->sp_start = start;
		f->space = 1;
		f->sp_end = end;
		return 0;
	}
	if (f->space && cc == TEXT_CC_WORD && f->last == TEXT_CC_WORD &&
	    (rc = form_put(f, ' ', f->sp_start, f->sp_end)))
		return rc;
	f->space = 0;
	f->last = cc;
	return form_put(f, cp, start, end);
}

int text_search_key(const char *s, size_t n, struct buf *out)
{
	struct form f = { .out = out, .last = -1 };
	int rc = text_norm_each(s, n, form_cp, &f);

	return rc ? rc : buf_error(out);
}

int text_search_spans(const char *s, size_t n, const char *key,
		      size_t keylen, struct text_span *sp, int max, int *count)
{
	struct form f = { .last = -1 };
	int32_t *k = NULL;
	size_t nk = 0, i = 0, j;
	int rc, found = 0, wfirst, wlast;

	*count = 0;
	k = malloc((keylen + 1) * sizeof(*k));
	if (!k)
		return MD_ENOMEM;
	while (i < keylen) {
		int32_t cp = text_utf8_next(key, keylen, &i);

		k[nk++] = cp < 0 ? 0xfffd : cp;
	}
	if (!nk) {
		free(k);
		return 0;
	}
	if ((rc = text_norm_each(s, n, form_cp, &f)))
		goto out;
	wfirst = text_char_class(k[0]) == TEXT_CC_WORD;
	wlast = text_char_class(k[nk - 1]) == TEXT_CC_WORD;
	for (i = 0; i + nk <= f.n;) {
		for (j = 0; j < nk && f.v[i + j].cp == k[j]; j++)
			;
		if (j < nk ||
		    (wfirst && i > 0 &&
		     text_char_class(f.v[i - 1].cp) == TEXT_CC_WORD) ||
		    (wlast && i + nk < f.n &&
		     text_char_class(f.v[i + nk].cp) == TEXT_CC_WORD)) {
			i++;
			continue;
		}
		if (found < max) {
			sp[found].start = f.v[i].start;
			sp[found].end = f.v[i + nk - 1].end;
		}
		found++;
		i += nk;
	}
	*count = found;
out:
	free(f.v);
	free(k);
	return rc;
}
