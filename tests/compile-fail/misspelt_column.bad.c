/* A misspelt column is a compile error, not an empty string: struct
 * store_goal_row has `title`, not `titel` (misspelt_column.ok.c is the
 * same code spelt right). */
#include <string.h>

#include "store/store.h"

int goal_title_len(void *ctx, const struct store_goal_row *r);

int goal_title_len(void *ctx, const struct store_goal_row *r)
{
	(void)ctx;
	return r->null.title ? 0 : (int)strlen(r->titel);
}
