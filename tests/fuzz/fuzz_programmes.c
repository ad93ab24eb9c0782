/* libFuzzer target: the programme CSV readers (programme.c, yen.c). The
 * first byte picks the file: P programmes, B budgets, R programme-results,
 * I programme-indicators, H hubs; the rest is the file. Against the real
 * plan, the demo indicators and the demo programmes (FUZZ_DATA: the data/
 * folder). Invariant: an import that fails leaves the programmes, budgets
 * and hubs as they were (one transaction); the pages never fail on what
 * was stored. */
#include <stdint.h>
#include <string.h>

#include "real_db.h"
#include "page/page.h"

static struct store *st;
static struct import *imp;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[] = { "programmes", "budgets", "programme-results",
				     "programme-indicators", "hubs" };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_DATA");
	char path[4096];
	size_t k;

	(void)argc;
	(void)argv;
	st = real_db("fuzz_programmes");
	imp = import_new(st);
	for (k = 0; dir && k < MD_ARRAY_SIZE(kinds); k++) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, kinds[k]);
		if (import_programme_file(imp, kinds[k], path)) {
			fprintf(stderr, "fuzz_programmes: %s\n", import_errmsg(imp));
			abort();
		}
	}
	return 0;
}

static void snapshot(struct buf *b)
{
	if (report_programme_csv(st, "programmes", b) ||
	    report_programme_csv(st, "budgets", b) || report_programme_csv(st, "hubs", b))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sel[] = "PBRIH";
	struct buf before = BUF_INIT, after = BUF_INIT, page = BUF_INIT;
	struct page p = { 0, "", "", "programmes/", 0 };
	struct prog_q q = { 0 };
	const char *k;
	int rc;

	if (!size || !(k = memchr(sel, data[0], 5)))
		return 0;
	snapshot(&before);
	rc = import_programme_mem(imp, kinds[k - sel], "fuzz.csv", (const char *)data + 1,
				  size - 1);
	snapshot(&after);
	if (rc && (before.len != after.len || memcmp(before.ptr, after.ptr, before.len)))
		abort();   /* a failed import changed the data */
	if (page_programmes(st, &p, &q, &page) || page_budgets(st, &p, NULL, &page) ||
	    page_hubs(st, &p, &page))
		abort();
	buf_release(&before);
	buf_release(&after);
	buf_release(&page);
	return 0;
}
