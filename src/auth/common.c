/*
 * The common passwords: data/common-passwords.txt, compiled in as a
 * sorted array by scripts/gen-common-passwords (the Makefile writes
 * $(O)/gen/common-passwords.inc), so the policy cannot lose its list to a
 * missing file at run time.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const common[] = {
#include "common-passwords.inc"
};

struct key {
	const char *s;
	size_t n;
};

static int cmp(const void *k, const void *e)
{
	const struct key *key = k;
	const char *w = *(const char *const *)e;
	size_t wn = strlen(w);
	int c = memcmp(key->s, w, key->n < wn ? key->n : wn);

	if (c)
		return c;
	return key->n < wn ? -1 : key->n > wn;
}

int auth_common_has(const char *s, size_t n)
{
	struct key k = { s, n };

	return n && bsearch(&k, common, MD_ARRAY_SIZE(common), sizeof(common[0]), cmp) != NULL;
}
