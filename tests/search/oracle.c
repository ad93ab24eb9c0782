/*
 * The ground truth for search: a brute-force scan, independent of FTS5
 * and of the tokenizer. Reads every searchable document from the database
 * (the search_doc rows), normalizes each field with text_normalize (NFKC +
 * case folding), drops white space except between two word characters,
 * and for each query on stdin prints
 *     query TAB kind:id kind:id ...    (sorted by kind, then id)
 * where a document is listed when one of its fields contains the
 * normalized query, with a word boundary wherever the query starts or ends
 * with a letter or digit, and when the viewer may read it: a public
 * document always, a restricted one when one of the SCOPEs given is among
 * its readers (none given: the anonymous public).
 *
 *   oracle DB [SCOPE...] < queries
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"

struct doc {
	int kind;
	long long ref;
	char *f[3];
};

struct docs {
	struct doc *d;
	size_t n, cap;
	char **scopes;        /* the viewer's */
	int nscopes;
};

/* readers: the scopes that may read a restricted document, space-separated */
static int may_read(const struct docs *ds, int public, const char *readers)
{
	if (public)
		return 1;
	for (int i = 0; i < ds->nscopes; i++) {
		size_t n = strlen(ds->scopes[i]);

		for (const char *p = strstr(readers, ds->scopes[i]); p;
		     p = strstr(p + 1, ds->scopes[i]))
			if ((p == readers || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
				return 1;
	}
	return 0;
}

/* text_normalize, then white space only between word characters */
static char *oracle_norm(const char *s)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t i = 0;
	int32_t prev = 0;
	int space = 0;

	if (text_normalize(s, strlen(s), TEXT_NORM_SPACES, &a)) {
		fprintf(stderr, "oracle: cannot normalize\n");
		exit(2);
	}
	while (i < a.len) {
		int32_t cp = text_utf8_next(a.ptr, a.len, &i);

		if (cp == ' ') {
			space = 1;
			continue;
		}
		if (space && prev && text_char_class(prev) == TEXT_CC_WORD &&
		    text_char_class(cp) == TEXT_CC_WORD)
			buf_putc(&b, ' ');
		space = 0;
		prev = cp;
		text_utf8_put(&b, cp);
	}
	buf_release(&a);
	return buf_detach(&b, NULL);
}

static int32_t cp_before(const char *s, size_t at)
{
	size_t i;

	if (!at)
		return 0;
	i = at - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return text_utf8_next(s, at, &i);
}

static int32_t last_cp(const char *s)
{
	return cp_before(s, strlen(s));
}

static int contains(const char *text, const char *q)
{
	size_t ql = strlen(q), i = 0;
	int32_t first = text_utf8_next(q, ql, &i), last = last_cp(q);
	int wf, wl;

	wf = text_char_class(first) == TEXT_CC_WORD;
	wl = text_char_class(last) == TEXT_CC_WORD;
	for (const char *p = strstr(text, q); p; p = strstr(p + 1, q)) {
		size_t at = (size_t)(p - text), end = at + ql, j = end;

		if (wf && at && text_char_class(cp_before(text, at)) == TEXT_CC_WORD)
			continue;
		if (wl && text[end] &&
		    text_char_class(text_utf8_next(text, strlen(text), &j)) == TEXT_CC_WORD)
			continue;
		return 1;
	}
	return 0;
}

static int load(void *ctx, const struct store_search_docs_row *r)
{
	struct docs *ds = ctx;
	struct doc *d;

	if (!may_read(ds, r->null.owner, r->readers))
		return 0;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 256;
		ds->d = realloc(ds->d, ds->cap * sizeof(*ds->d));
		if (!ds->d)
			exit(2);
	}
	d = &ds->d[ds->n++];
	d->kind = (int)r->kind;
	d->ref = r->ref;
	d->f[0] = oracle_norm(r->title);
	d->f[1] = oracle_norm(r->body);
	d->f[2] = oracle_norm(r->plans);
	return 0;
}

static int by_kind_ref(const void *x, const void *y)
{
	const struct doc *a = x, *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

int main(int argc, char **argv)
{
	struct store *st = NULL;
	struct docs ds = { 0 };
	char line[4096];
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "usage: oracle DB [SCOPE...] < queries\n");
		return 2;
	}
	ds.scopes = argv + 2;
	ds.nscopes = argc - 2;
	if (store_open(argv[1], STORE_READONLY, &st) ||
	    store_each_search_docs(st, NULL, load, &ds)) {
		fprintf(stderr, "oracle: %s\n", store_errmsg(st));
		return 2;
	}
	qsort(ds.d, ds.n, sizeof(*ds.d), by_kind_ref);
	while (fgets(line, sizeof(line), stdin)) {
		size_t l = strlen(line);
		char *q;
		int first = 1;

		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		q = oracle_norm(line);
		printf("%s\t", line);
		for (i = 0; *q && i < ds.n; i++) {
			if (contains(ds.d[i].f[0], q) || contains(ds.d[i].f[1], q) ||
			    contains(ds.d[i].f[2], q)) {
				printf("%s%s:%lld", first ? "" : " ",
				       store_kind_name(ds.d[i].kind), ds.d[i].ref);
				first = 0;
			}
		}
		printf("\n");
		free(q);
	}
	for (i = 0; i < ds.n; i++)
		for (int k = 0; k < 3; k++)
			free(ds.d[i].f[k]);
	free(ds.d);
	store_close(st);
	return 0;
}
