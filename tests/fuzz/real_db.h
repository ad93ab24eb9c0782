/* For the fuzz targets that run against the real documents: an in-memory
 * database holding the plan and follow-up named by FUZZ_PLAN and
 * FUZZ_FOLLOWUP (tests/fuzz/run.sh sets them to the seeds). */
#ifndef MD_FUZZ_REAL_DB_H
#define MD_FUZZ_REAL_DB_H
#include <stdio.h>
#include <stdlib.h>

#include "import/import.h"
#include "store/store.h"

static struct store *real_db(const char *target)
{
	const char *plan = getenv("FUZZ_PLAN"), *fu = getenv("FUZZ_FOLLOWUP");
	struct store *st = NULL;
	struct import *imp;

	if (store_open(":memory:", 0, &st))
		abort();
	imp = import_new(st);
	if (!plan || !fu || import_plan(imp, plan) || import_followup(imp, fu)) {
		fprintf(stderr, "%s: set FUZZ_PLAN and FUZZ_FOLLOWUP to the seeds\n", target);
		abort();
	}
	import_free(imp);
	return st;
}

#endif
