#ifndef MD_REPORT_INTERNAL_H
#define MD_REPORT_INTERNAL_H
/*
 * Shared by the report module's files; not part of its public header.
 */
#include "report.h"
#include "../kpi/kpi.h"

/* A query's result copied into an arena, for code that walks rows more
 * than once or out of order. Cells are NULL where SQL said NULL. */
struct tab {
	int ncol, nrow, cap;
	const char **names;
	char **cells;        /* nrow * ncol */
	struct arena *a;
};
int tab_load(struct store *st, enum store_q q, const struct store_filter *f,
	     struct arena *a, struct tab *t);
const char *tab_s(const struct tab *t, int row, const char *col);
long long tab_i(const struct tab *t, int row, const char *col);
int tab_null(const struct tab *t, int row, const char *col);

#endif
