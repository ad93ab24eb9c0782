/* libFuzzer target: the plan outline reader. */
#include <stdint.h>
#include <stdlib.h>

#include "import/import.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	static struct import *imp;

	if (!st) {
		if (store_open(":memory:", 0, &st))
			abort();
		imp = import_new(st);
	}
	import_plan_mem(imp, "fuzz.txt", (const char *)data, size);
	return 0;
}
