/* The twin of misspelt_column.bad.c: the same reader with the column
 * spelt right compiles. */
#include <string.h>

#include "store/store.h"

int goal_title_len(void *ctx, const struct store_goal_row *r);

int goal_title_len(void *ctx, const struct store_goal_row *r)
{
	(void)ctx;
	return r->null.title ? 0 : (int)strlen(r->title);
}
