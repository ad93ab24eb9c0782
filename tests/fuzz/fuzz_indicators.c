/* libFuzzer target: the indicator CSV readers (values, and definitions when
 * the input starts with 'D') against the real plan and the demo
 * indicators. Invariant: an import that fails leaves every value as it was
 * (one transaction); the rendered outputs never fail on what was stored. */
#include <stdint.h>
#include <string.h>

#include "real_db.h"
#include "page/page.h"

static struct store *st;
static struct import *imp;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = real_db("fuzz_indicators");
	imp = import_new(st);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf before = BUF_INIT, after = BUF_INIT, page = BUF_INIT;
	struct page p = { 0, "", "", "indicators/", 0 };
	int rc;

	if (report_indicators_csv(st, NULL, &before))
		abort();
	rc = size && data[0] == 'D' ?
		import_indicator_defs_mem(imp, "fuzz.csv", (const char *)data + 1, size - 1) :
		import_indicators_mem(imp, "fuzz.csv", (const char *)data, size);
	if (report_indicators_csv(st, NULL, &after))
		abort();
	if (rc && (before.len != after.len || memcmp(before.ptr, after.ptr, before.len)))
		abort();   /* a failed import changed the data */
	if (page_indicators(st, &p, &page))
		abort();
	buf_release(&before);
	buf_release(&after);
	buf_release(&page);
	return 0;
}
