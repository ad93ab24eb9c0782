/*
 * For unit tests: the group set-up that opens an in-memory database with
 * the real plan and follow-up table ($PLAN and $FOLLOWUP, as tests/run.sh
 * sets them, else the copies in data/). The including file declares
 * `static struct store *st;` before including this.
 */
#ifndef MD_TEST_DEMO_DB_H
#define MD_TEST_DEMO_DB_H

static int setup(void **state)
{
	const char *plan = getenv("PLAN"), *fu = getenv("FOLLOWUP");
	struct import *imp;
	int rc;

	(void)state;
	if (store_open(":memory:", 0, &st))
		return -1;
	imp = import_new(st);
	rc = import_plan(imp, plan ? plan : "data/plan-2nd.txt") ||
		import_followup(imp, fu ? fu : "data/followup-r7.tsv");
	import_free(imp);
	return rc ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	return 0;
}

#endif
