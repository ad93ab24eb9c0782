/* For the fuzz targets that run against the real documents: an in-memory
 * database holding the plan and follow-up named by FUZZ_PLAN and
 * FUZZ_FOLLOWUP (tests/fuzz/run.sh sets them to the seeds), and the demo
 * indicators named by FUZZ_INDICATOR_DEFS and FUZZ_INDICATORS. */
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
	const char *defs = getenv("FUZZ_INDICATOR_DEFS"), *vals = getenv("FUZZ_INDICATORS");

	if (!plan || !fu || import_plan(imp, plan) || import_followup(imp, fu) ||
	    !defs || !vals || import_indicator_defs(imp, defs) ||
	    import_indicators(imp, vals)) {
		fprintf(stderr, "%s: set FUZZ_PLAN, FUZZ_FOLLOWUP, FUZZ_INDICATOR_DEFS and "
			"FUZZ_INDICATORS (%s)\n", target, import_errmsg(imp));
		abort();
	}
	import_free(imp);
	return st;
}

#endif
