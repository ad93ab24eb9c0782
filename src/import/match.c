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

struct match_grams {
	uint64_t *v;   /* sorted bigrams */
	size_t n;
	const char *s; /* the text, for the empty case */
};

struct match_grams *match_grams_new(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0;
	struct match_grams *g = arena_alloc(a, sizeof(*g));
	int32_t prev = -1;

	if (!g || !(g->v = arena_alloc(a, sizeof(uint64_t) * (n + 1))))
		return NULL;
	g->n = 0;
	g->s = s;
	while (i < n) {
		int32_t cp = text_utf8_next(s, n, &i);

		if (cp < 0)
			continue;
		if (prev >= 0)
			g->v[g->n++] = ((uint64_t)(uint32_t)prev << 32) | (uint32_t)cp;
		prev = cp;
	}
	qsort(g->v, g->n, sizeof(*g->v), cmp_u64);
	return g;
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
	struct arena *ar = arena_new();
	struct match_grams *x, *y;
	double d = 0;

	if (ar && (x = match_grams_new(ar, a)) && (y = match_grams_new(ar, b)))
		d = match_dice(x, y);
	arena_free(ar);
	return d;
}
