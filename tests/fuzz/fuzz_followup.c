/* libFuzzer target: the follow-up reader (decoding, TSV, HTML cells, tags,
 * matching) against a database holding the real plan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "import/import.h"
#include "store/store.h"

static struct store *st;
static struct import *imp;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *plan = getenv("FUZZ_PLAN");

	(void)argc;
	(void)argv;
	if (store_open(":memory:", 0, &st))
		abort();
	imp = import_new(st);
	if (!plan || import_plan(imp, plan)) {
		fprintf(stderr, "fuzz_followup: set FUZZ_PLAN to the plan seed\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	import_followup_mem(imp, "fuzz.tsv", (const char *)data, size);
	return 0;
}
