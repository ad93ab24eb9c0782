/* libFuzzer target: the router and every page and API handler, fed any
 * path and query string, against a database holding the real plan and
 * follow-up. Input: "PATH?k=v&k=v" (a leading '/' is added if missing). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "real_db.h"
#include "store/store.h"
#include "web/web.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = real_db("fuzz_web");
	return 0;
}

struct args {
	char *q;
	char val[256];
};

static const char *arg(void *ctx, const char *name)
{
	struct args *a = ctx;
	size_t n = strlen(name);
	const char *p = a->q;

	while (p && *p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && !strncmp(p, name, n) && p[n] == '=') {
			size_t vl = len - n - 1 < sizeof(a->val) - 1 ? len - n - 1 : sizeof(a->val) - 1;

			memcpy(a->val, p + n + 1, vl);
			a->val[vl] = 0;
			return a->val;
		}
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = malloc(size + 2), *q;
	struct web_req rq;
	struct web_resp rs;
	struct args a;

	if (!path || size > 4096) {
		free(path);
		return 0;
	}
	path[0] = '/';
	memcpy(path + 1, data, size);
	path[size + 1] = 0;
	if (memchr(path, 0, size + 1))
		path[strlen(path)] = 0;
	q = strchr(path, '?');
	if (q)
		*q++ = 0;
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.path = path[1] == '/' ? path + 1 : path;
	rq.arg = arg;
	a.q = q;
	rq.arg_ctx = &a;
	web_resp_init(&rs);
	if (web_handle(st, &rq, &rs) == 0 && (rs.status < 200 || rs.status > 500))
		abort();
	web_resp_release(&rs);
	free(path);
	return 0;
}
