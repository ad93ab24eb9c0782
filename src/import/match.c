/*
 * Similarity of two normalized texts: the Dice coefficient of their
 * character-bigram multisets. The follow-up table quotes action items with
 * small edits (作製/作成, a dropped footnote mark, a changed word), so an
 * exact comparison is not enough and a bigram overlap is robust to them.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "internal.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t *bigrams(const char *s, size_t *count)
{
	size_t n = strlen(s), i = 0, k = 0;
	uint64_t *v = malloc(sizeof(uint64_t) * (n + 1));
	int32_t prev = -1;

	if (!v)
		return NULL;
	while (i < n) {
		int32_t cp = text_utf8_next(s, n, &i);

		if (cp < 0)
			continue;
		if (prev >= 0)
			v[k++] = ((uint64_t)(uint32_t)prev << 32) | (uint32_t)cp;
		prev = cp;
	}
	qsort(v, k, sizeof(*v), cmp_u64);
	*count = k;
	return v;
}

struct match_grams {
	uint64_t *v;   /* sorted bigrams */
	size_t n;
	const char *s; /* the text, for the empty case */
};

struct match_grams *match_grams_new(struct arena *a, const char *s)
{
	struct match_grams *g = arena_alloc(a, sizeof(*g));
	uint64_t *v;

	if (!g)
		return NULL;
	v = bigrams(s, &g->n);
	if (!v)
		return NULL;
	g->v = arena_alloc(a, sizeof(*v) * (g->n + 1));
	if (g->v)
		memcpy(g->v, v, sizeof(*v) * g->n);
	free(v);
	g->s = s;
	return g->v ? g : NULL;
}

double match_dice(const struct match_grams *x, const struct match_grams *y)
{
	size_t i = 0, j = 0, common = 0;

	if (!x->n && !y->n)
		return !strcmp(x->s, y->s);
	while (i < x->n && j < y->n) {
		if (x->v[i] == y->v[j]) {
			common++;
			i++;
			j++;
		} else if (x->v[i] < y->v[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(x->n + y->n);
}

double match_similarity(const char *a, const char *b)
{
	size_t na, nb, i = 0, j = 0, common = 0;
	uint64_t *x = bigrams(a, &na), *y = bigrams(b, &nb);
	double d = 0;

	if (x && y && na + nb) {
		while (i < na && j < nb) {
			if (x[i] == y[j]) {
				common++;
				i++;
				j++;
			} else if (x[i] < y[j]) {
				i++;
			} else {
				j++;
			}
		}
		d = 2.0 * (double)common / (double)(na + nb);
	} else if (x && y && !strcmp(a, b)) {
		d = 1;
	}
	free(x);
	free(y);
	return d;
}
