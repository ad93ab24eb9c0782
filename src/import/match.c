/*
 * Similarity of two normalized texts: the Dice coefficient of their
 * character-bigram multisets. The follow-up table quotes action items with
 * small edits (作製/作成, a dropped footnote mark, a changed word), so an
 * exact comparison is not enough and a bigram overlap is robust to them.
 */
#include <math.h>
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
	size_t n = strlen(s), i = 0, chars = 0;
	struct match_grams *g = arena_alloc(a, sizeof(*g));
	int32_t prev = -1;

	/* one bigram per character at most: size by characters, not bytes */
	for (i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	i = 0;
	if (!g || !(g->v = arena_alloc(a, sizeof(uint64_t) * (chars + 1))))
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

/* ---- a re-imported outline against the stored one ---- */

struct outline {
	const struct match_node *old, *nw;
	long nold, nnew, ncur;         /* ncur: current old nodes (the first ones) */
	struct match_grams **og, **ng;
	long *taken;                   /* per old node: the new node it is, or -1 */
	struct match_pair *pair;
};

/* qsort has no context argument: sort the keys with the indices */
struct okey {
	const char *norm;
	long long parent;
	long k;
};

static int cmp_norm(const void *x, const void *y)
{
	const struct okey *a = x, *b = y;
	int c = strcmp(a->norm, b->norm);

	return c ? c : (a->k > b->k) - (a->k < b->k);
}

static int cmp_parent(const void *x, const void *y)
{
	const struct okey *a = x, *b = y;

	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	return (a->k > b->k) - (a->k < b->k);
}

static void take(struct outline *o, long j, long i, double score, const char *how)
{
	o->pair[j].old = i;
	o->pair[j].score = score;
	o->pair[j].how = how;
	o->taken[i] = j;
}

/* Identical texts: among the old copies, the same parent, then a current
 * node, then the first in document order. */
static int pair_exact(struct outline *o)
{
	struct okey *idx = malloc(sizeof(*idx) * (size_t)(o->nold + 1));
	long i, j;

	if (!idx)
		return MD_ENOMEM;
	for (i = 0; i < o->nold; i++) {
		idx[i].norm = o->old[i].norm;
		idx[i].k = i;
	}
	qsort(idx, (size_t)o->nold, sizeof(*idx), cmp_norm);
	for (j = 0; j < o->nnew; j++) {
		long lo = 0, hi = o->nold, best = -1;
		int bkey = -1;

		while (lo < hi) {
			long mid = lo + (hi - lo) / 2;

			if (strcmp(idx[mid].norm, o->nw[j].norm) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < o->nold && !strcmp(idx[lo].norm, o->nw[j].norm); lo++) {
			const struct match_node *c = &o->old[idx[lo].k];
			int key = 2 * (c->parent == o->nw[j].parent) + !c->retired;

			if (o->taken[idx[lo].k] < 0 && key > bkey) {
				bkey = key;
				best = idx[lo].k;
			}
		}
		if (best >= 0)
			take(o, j, best, 1.0, "exact");
	}
	free(idx);
	return 0;
}

struct ocand {
	long j, i;
	double score, dist;
	int key;                       /* same parent * 2 + current */
};

static int cmp_ocand(const void *x, const void *y)
{
	const struct ocand *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->key != b->key)
		return a->key < b->key ? 1 : -1;
	if (a->dist != b->dist)
		return a->dist > b->dist ? 1 : -1;
	if (a->j != b->j)
		return a->j > b->j ? 1 : -1;
	return (a->i > b->i) - (a->i < b->i);
}

/* Where node i (old) or j (new) sits, 0..1. */
static double rel(long k, long n)
{
	return n > 1 ? (double)k / (double)(n - 1) : 0;
}

/* Bigram similarity, best first. An outline with very many unpaired nodes
 * on both sides compares each new node only with the old ones near its
 * place, so the work stays bounded. */
static int pair_similar(struct outline *o)
{
	struct ocand *c = NULL;
	long nc = 0, cap = 0, i, j, fn = 0, fo = 0, window;

	for (j = 0; j < o->nnew; j++)
		fn += o->pair[j].old < 0;
	for (i = 0; i < o->nold; i++)
		fo += o->taken[i] < 0;
	window = fn * fo > (1L << 22) ? 256 : o->nold;
	for (j = 0; j < o->nnew; j++) {
		long at = o->ncur > 0 ? (long)(rel(j, o->nnew) * (double)(o->ncur - 1)) : 0;

		if (o->pair[j].old >= 0)
			continue;
		for (i = 0; i < o->nold; i++) {
			const struct match_node *od = &o->old[i];
			double s;

			if (o->taken[i] >= 0 || (i < o->ncur && labs(i - at) > window))
				continue;
			s = match_dice(o->ng[j], o->og[i]);
			if (s < MATCH_SIMILAR)
				continue;
			if (nc == cap) {
				struct ocand *n2 = realloc(c, sizeof(*c) *
							   (size_t)(cap = cap ? cap * 2 : 64));

				if (!n2) {
					free(c);
					return MD_ENOMEM;
				}
				c = n2;
			}
			c[nc].j = j;
			c[nc].i = i;
			c[nc].score = s;
			c[nc].key = 2 * (od->parent == o->nw[j].parent) + !od->retired;
			c[nc].dist = od->retired ? 2.0 :
				fabs(rel(i, o->ncur) - rel(j, o->nnew));
			nc++;
		}
	}
	if (nc)
		qsort(c, (size_t)nc, sizeof(*c), cmp_ocand);
	for (i = 0; i < nc; i++) {
		if (o->pair[c[i].j].old < 0 && o->taken[c[i].i] < 0)
			take(o, c[i].j, c[i].i, c[i].score, "similar");
	}
	free(c);
	return 0;
}

/* A node alone in its slot: its paired neighbours' old counterparts
 * enclose exactly one unpaired current old node, under the same parent. */
static void pair_position(struct outline *o)
{
	long j;

	for (j = 0; j < o->nnew; j++) {
		long op, oq, om;
		double s;

		if (o->pair[j].old >= 0)
			continue;
		if (j > 0 && o->pair[j - 1].old < 0)
			continue;
		if (j + 1 < o->nnew && o->pair[j + 1].old < 0)
			continue;
		op = j > 0 ? o->pair[j - 1].old : -1;
		oq = j + 1 < o->nnew ? o->pair[j + 1].old : o->ncur;
		if (op >= o->ncur || oq > o->ncur || oq - op != 2)
			continue;
		om = op + 1;
		if (o->taken[om] >= 0 || o->old[om].parent != o->nw[j].parent)
			continue;
		s = match_dice(o->ng[j], o->og[om]);
		if (s >= MATCH_POSITION)
			take(o, j, om, s, "position");
	}
}

/* Marks as moved the nodes of one parent (seq: their old indices in new
 * order, at[]: their new indices) that are not on a longest increasing
 * run of old indices. */
static int mark_out_of_order(struct outline *o, const long *seq, const long *at,
			     long n)
{
	long *tail = malloc(sizeof(long) * (size_t)(n + 1));
	long *prev = malloc(sizeof(long) * (size_t)(n + 1));
	char *keep = calloc((size_t)n + 1, 1);
	long len = 0, k;

	if (!tail || !prev || !keep) {
		free(tail);
		free(prev);
		free(keep);
		return MD_ENOMEM;
	}
	for (k = 0; k < n; k++) {
		long lo = 0, hi = len;

		while (lo < hi) {
			long mid = lo + (hi - lo) / 2;

			if (seq[tail[mid]] < seq[k])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo > 0 ? tail[lo - 1] : -1;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	for (k = len ? tail[len - 1] : -1; k >= 0; k = prev[k])
		keep[k] = 1;
	for (k = 0; k < n; k++) {
		if (!keep[k])
			o->pair[at[k]].moved = 1;
	}
	free(tail);
	free(prev);
	free(keep);
	return 0;
}

static int mark_moved(struct outline *o)
{
	struct okey *idx = malloc(sizeof(*idx) * (size_t)(o->nnew + 1));
	long *seq = malloc(sizeof(long) * (size_t)(o->nnew + 1));
	long *at = malloc(sizeof(long) * (size_t)(o->nnew + 1));
	long n = 0, j, k, start;
	int rc = 0;

	if (!idx || !seq || !at) {
		free(idx);
		free(seq);
		free(at);
		return MD_ENOMEM;
	}
	for (j = 0; j < o->nnew; j++) {
		long i = o->pair[j].old;

		if (i < 0 || o->old[i].retired)
			continue;   /* new, or restored: not a move */
		if (o->old[i].parent != o->nw[j].parent)
			o->pair[j].moved = 1;
		else {
			idx[n].parent = o->nw[j].parent;
			idx[n++].k = j;
		}
	}
	qsort(idx, (size_t)n, sizeof(*idx), cmp_parent);
	for (start = 0; !rc && start < n; start = k) {
		for (k = start; k < n && idx[k].parent == idx[start].parent; k++) {
			seq[k - start] = o->pair[idx[k].k].old;
			at[k - start] = idx[k].k;
		}
		rc = mark_out_of_order(o, seq, at, k - start);
	}
	free(idx);
	free(seq);
	free(at);
	return rc;
}

int match_outline(const struct match_node *old, long nold,
		  const struct match_node *nw, long nnew, struct match_pair *pair)
{
	struct arena *a = arena_new();
	struct outline o;
	long i;
	int rc = MD_ENOMEM;

	memset(&o, 0, sizeof(o));
	o.old = old;
	o.nw = nw;
	o.nold = nold;
	o.nnew = nnew;
	o.pair = pair;
	for (o.ncur = 0; o.ncur < nold && !old[o.ncur].retired; o.ncur++)
		;
	for (i = 0; i < nnew; i++) {
		pair[i].old = -1;
		pair[i].score = 0;
		pair[i].how = NULL;
		pair[i].moved = 0;
	}
	if (!a)
		goto out;
	o.og = arena_alloc(a, sizeof(*o.og) * (size_t)(nold + 1));
	o.ng = arena_alloc(a, sizeof(*o.ng) * (size_t)(nnew + 1));
	o.taken = arena_alloc(a, sizeof(*o.taken) * (size_t)(nold + 1));
	if (!o.og || !o.ng || !o.taken)
		goto out;
	for (i = 0; i < nold; i++) {
		o.taken[i] = -1;
		if (!(o.og[i] = match_grams_new(a, old[i].norm)))
			goto out;
	}
	for (i = 0; i < nnew; i++) {
		if (!(o.ng[i] = match_grams_new(a, nw[i].norm)))
			goto out;
	}
	if ((rc = pair_exact(&o)) || (rc = pair_similar(&o)))
		goto out;
	pair_position(&o);
	rc = mark_moved(&o);
out:
	arena_free(a);
	return rc;
}
