/* libFuzzer target: the XLSX reader (libzip container, libxml2 parts,
 * shared strings, cells, merges, limits) on workbooks seeded from the
 * files `mdplan export xlsx` and `mdplan round download` write, deflated
 * and stored. Limits are lowered so that the fuzzer explores the
 * refusals, not the allocator. Then the round workbook's reader
 * (import_round_read(): the mark, the year, the header, the rows, the
 * repeated keys) on the same bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "import/import.h"
#include "import/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_limits lim;
	struct xlsx *x;
	const struct xlsx_table *t;
	int i;

	xlsx_limits_default(&lim);
	lim.max_part = (size_t)4 << 20;
	lim.max_total = (size_t)16 << 20;
	lim.max_rows = 4096;
	lim.max_cols = 64;
	lim.max_cells = 100000;
	x = xlsx_new(&lim);
	if (!x)
		abort();
	if (!xlsx_open_mem(x, "fuzz.xlsx", data, size)) {
		for (i = 0; i < xlsx_nsheets(x); i++) {
			if (!xlsx_read_sheet(x, i, &t) && t->n)
				(void)xlsx_cell_at(t, t->row[t->n - 1].row, 0);
		}
	}
	if (!xlsx_errmsg(x))
		abort();
	xlsx_free(x);
	{
		struct arena *a = arena_new();
		struct import_round_file f;
		struct buf err = BUF_INIT;
		int rc, k;

		if (!a)
			abort();
		rc = import_round_read("fuzz.xlsx", data, size, 2026, a, &f, &err);
		if (rc == MD_EINPUT && !err.len)
			abort();         /* a refusal always says why */
		for (k = 0; !rc && k < f.n; k++)
			if (!f.r[k].key || !*f.r[k].key || f.r[k].row < 1 ||
			    (k && f.r[k].row < f.r[k - 1].row))
				abort();
		buf_release(&err);
		arena_free(a);
	}
	return 0;
}
