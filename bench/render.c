/*
 * In-process render benchmark (bench/render.sh builds it against two
 * libraries): CPU time per rendering, without HTTP, of the item page
 * (/items/40/), the FY2025 table (/followups/2025/) and the API's
 * /api/v1/action-items/40, as `mdplan serve --no-cache` renders them.
 * Prints "name microseconds" per line, the best of REPS runs of N each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "report/report.h"
#include "store/store.h"

static double cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int render(struct store *st, int k, struct buf *b)
{
	static const struct report_page item = { 0, "../../", "../../", "items/40/", 0 };
	static const struct report_page year = { 0, "../../", "../../", "followups/2025/", 0 };

	switch (k) {
	case 0: return report_page_item(st, &item, 40, b);
	case 1: return report_page_year(st, &year, 2025, NULL, b);
	default: return report_api_items(st, 40, NULL, b);
	}
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "item", "year", "api" };
	struct store *st = NULL;
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1000;
	int k, rep, rc;
	long i;

	if (argc < 2 || n < 10) {
		fprintf(stderr, "usage: render DB [N]\n");
		return 2;
	}
	if (store_open(argv[1], STORE_READONLY, &st)) {
		fprintf(stderr, "render: %s\n", st ? store_errmsg(st) : "out of memory");
		return 1;
	}
	for (k = 0; k < 3; k++) {
		long m = k == 1 ? n / 10 : n;   /* the table is ~5x slower */
		double best = 1e18;

		for (rep = 0; rep < 5; rep++) {
			double t = cpu_us();

			for (i = 0; i < m; i++) {
				struct buf b = BUF_INIT;

				rc = render(st, k, &b);
				buf_release(&b);
				if (rc) {
					fprintf(stderr, "render %s: %d\n", names[k], rc);
					return 1;
				}
			}
			t = (cpu_us() - t) / (double)m;
			if (t < best)
				best = t;
		}
		printf("%s %.1f\n", names[k], best);
	}
	store_close(st);
	return 0;
}
