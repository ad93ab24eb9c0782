/*
 * Rows copied into an arena (struct tab, read by column name: the old
 * reading path, kept until every reader has its typed record) and the
 * fiscal years with follow-up.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- tables of rows ---- */

static int tab_row(void *ctx, const struct store_row *r)
{
	struct tab *t = ctx;
	int i;

	if (!t->names) {
		t->ncol = store_row_columns(r);
		t->names = arena_alloc(t->a, sizeof(*t->names) * (size_t)t->ncol);
		if (!t->names)
			return MD_ENOMEM;
		for (i = 0; i < t->ncol; i++) {
			t->names[i] = arena_strdup(t->a, store_row_name(r, i));
			if (!t->names[i])
				return MD_ENOMEM;
		}
	}
	if (t->nrow == t->cap) {
		int cap = t->cap ? t->cap * 2 : 16;
		char **c = arena_alloc(t->a, sizeof(*c) * (size_t)cap * (size_t)t->ncol);

		if (!c)
			return MD_ENOMEM;
		if (t->cells)
			memcpy(c, t->cells, sizeof(*c) * (size_t)t->nrow * (size_t)t->ncol);
		t->cells = c;
		t->cap = cap;
	}
	for (i = 0; i < t->ncol; i++) {
		const char *v = store_row_text_at(r, i);
		char **cell = &t->cells[(size_t)t->nrow * (size_t)t->ncol + (size_t)i];

		*cell = NULL;
		if (v && !(*cell = arena_strdup(t->a, v)))
			return MD_ENOMEM;
	}
	t->nrow++;
	return 0;
}

int tab_load(struct store *st, enum store_q q, const struct store_filter *f,
	     struct arena *a, struct tab *t)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
	return store_query(st, q, f, tab_row, t);
}

static const char *cell(const struct tab *t, int row, const char *col)
{
	int i;

	if (row < 0 || row >= t->nrow)
		return NULL;
	for (i = 0; i < t->ncol; i++) {
		if (!strcmp(t->names[i], col))
			return t->cells[(size_t)row * (size_t)t->ncol + (size_t)i];
	}
	return NULL;
}

const char *tab_s(const struct tab *t, int row, const char *col)
{
	const char *s = cell(t, row, col);

	return s ? s : "";
}

long long tab_i(const struct tab *t, int row, const char *col)
{
	const char *s = cell(t, row, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

int tab_null(const struct tab *t, int row, const char *col)
{
	return cell(t, row, col) == NULL;
}

/* ---- fiscal years ---- */

struct years_ctx {
	int *years, max, n;
};

static int year_row(void *ctx, const struct store_followup_stat_row *r)
{
	struct years_ctx *c = ctx;

	if (c->n < c->max)
		c->years[c->n++] = (int)r->fiscal_year;
	return 0;
}

int report_years(struct store *st, int *years, int max)
{
	struct years_ctx c = { years, max, 0 };
	int rc = store_each_followup_stat(st, NULL, year_row, &c);

	return rc ? rc : c.n;
}
