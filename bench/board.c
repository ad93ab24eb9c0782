/*
 * In-process benchmark of the follow-up round's board (bench/board.sh
 * builds it): wall time per rendering of /rounds/{fy}/ through
 * web_handle(), as `mdplan serve` answers a signed-in user (no cache), for
 * the secretariat (whole board, a filtered page), an editor of 厚, a
 * reviewer, and the list /rounds/; and as the reference, the round's
 * status as `mdplan round status` reads it (report_round_load: every entry
 * of the round with its texts, counted in C). Prints per case
 * "name p50_ms p99_ms max_ms cpu_p50_ms cpu_p99_ms" (wall time, and the
 * thread's CPU time, which other processes on the machine do not inflate)
 * over N renderings after 10 warm-up ones.
 *   board DB YEAR [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "store/store.h"
#include "web/web.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* the query of a case: "state=accepted&page=2" */
struct query {
	char buf[128];
	const char *name[8], *value[8];
	int n;
};

static const char *q_arg(void *ctx, const char *name)
{
	const struct query *q = ctx;
	int i;

	for (i = 0; i < q->n; i++) {
		if (!strcmp(q->name[i], name))
			return q->value[i];
	}
	return NULL;
}

static const char *q_name(void *ctx, int i)
{
	const struct query *q = ctx;

	return i < q->n ? q->name[i] : NULL;
}

static void q_parse(struct query *q, const char *s)
{
	char *p;

	snprintf(q->buf, sizeof(q->buf), "%s", s ? s : "");
	q->n = 0;
	for (p = q->buf; *p && q->n < 8;) {
		char *amp = strchr(p, '&'), *eq;

		if (amp)
			*amp = 0;
		eq = strchr(p, '=');
		if (eq)
			*eq = 0;
		q->name[q->n] = p;
		q->value[q->n++] = eq ? eq + 1 : "";
		if (!amp)
			break;
		p = amp + 1;
	}
}

struct bcase {
	const char *name;
	const char *path;        /* NULL: the reference */
	const char *query;
	unsigned roles;
	unsigned ministries;
};

static int once(struct store *st, const struct bcase *k, int year)
{
	static const char csrf[] = "bench-bench-bench-bench-bench-bench-bench-1";
	struct web_user u = { .name = "bench", .display = "", .roles = k->roles,
			      .ministries = k->ministries, .csrf = csrf, .session = 1,
			      .token = csrf };
	struct query q;
	struct web_req rq = { .method = "GET", .path = k->path, .user = &u, .arg = q_arg,
			      .arg_name = q_name, .arg_ctx = &q };
	struct web_resp rs;
	int rc;

	q_parse(&q, k->query);
	if (!k->path) {
		struct arena *a = arena_new();
		struct report_round r;

		if (!a)
			return MD_ENOMEM;
		rc = report_round_load(st, year, a, &r);
		arena_free(a);
		return rc;
	}
	web_resp_init(&rs);
	rc = web_handle(st, &rq, &rs);
	if (!rc && rs.status != 200) {
		fprintf(stderr, "board: %s: status %d\n", k->path, rs.status);
		rc = MD_EUSAGE;
	}
	web_resp_release(&rs);
	return rc;
}

int main(int argc, char **argv)
{
	char board[64], list[] = "/rounds/";
	struct store *st = NULL;
	int year = 0;
	long n = argc > 3 ? strtol(argv[3], NULL, 10) : 200, i;
	double *t, *cpu;
	size_t k;

	if (argc > 2 && num_parse_int(argv[2], 2000, 2200, &year))
		year = 0;
	if (argc < 3 || !year || n < 10) {
		fprintf(stderr, "usage: board DB YEAR [N]\n");
		return 2;
	}
	snprintf(board, sizeof(board), "/rounds/%d/", year);
	{
		const struct bcase cases[] = {
			{ "secretariat", board, NULL, WEB_ROLE_SECRETARIAT, 0 },
			{ "filtered", board, "ministry=mhlw&state=draft&page=2", WEB_ROLE_SECRETARIAT, 0 },
			{ "editor", board, NULL, WEB_ROLE_EDITOR, auth_ministry_find("厚") },
			{ "reviewer", board, NULL, WEB_ROLE_REVIEWER, 0 },
			{ "rounds", list, NULL, WEB_ROLE_SECRETARIAT, 0 },
			{ "reference", NULL, NULL, 0, 0 },
		};

		if (store_open(argv[1], STORE_READONLY, &st)) {
			fprintf(stderr, "board: %s\n", st ? store_errmsg(st) : "out of memory");
			return 1;
		}
		t = malloc(sizeof(*t) * (size_t)n);
		cpu = malloc(sizeof(*cpu) * (size_t)n);
		if (!t || !cpu)
			return 1;
		for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
			for (i = 0; i < 10; i++) {
				if (once(st, &cases[k], year))
					return 1;
			}
			for (i = 0; i < n; i++) {
				double t0 = now_ms(), c0 = cpu_ms();

				if (once(st, &cases[k], year))
					return 1;
				t[i] = now_ms() - t0;
				cpu[i] = cpu_ms() - c0;
			}
			qsort(t, (size_t)n, sizeof(*t), cmp);
			qsort(cpu, (size_t)n, sizeof(*cpu), cmp);
			printf("%s %.3f %.3f %.3f %.3f %.3f\n", cases[k].name, t[n / 2],
			       t[(n * 99 + 99) / 100 - 1], t[n - 1], cpu[n / 2],
			       cpu[(n * 99 + 99) / 100 - 1]);
		}
		free(t);
		free(cpu);
	}
	store_close(st);
	return 0;
}
