/*
 * In-process render benchmark (bench/render.sh builds it against two
 * libraries): CPU time per request, without HTTP, of the item page
 * (/items/40/), the FY2025 table (/followups/2025/) and the API's
 * /api/v1/action-items/40, through web_handle() as `mdplan serve
 * --no-cache` answers them. Prints "name microseconds" per line, the best
 * of 5 runs of N each (the table N/10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store/store.h"
#include "web/web.h"

static double cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static const char *const paths[] = { "/items/40/", "/followups/2025/",
				     "/api/v1/action-items/40" };

static int render(struct store *st, int k)
{
	struct web_req rq = { .method = "GET", .path = paths[k] };
	struct web_resp rs;
	int rc;

	web_resp_init(&rs);
	rc = web_handle(st, &rq, &rs);
	if (!rc && rs.status != 200)
		rc = MD_EUSAGE;
	web_resp_release(&rs);
	return rc;
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
				rc = render(st, k);
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
