/* libFuzzer target: the router and every page and API handler, fed any
 * path and query string, against a database holding the real plan and
 * follow-up. Input: "[POST |HEAD ]PATH?k=v&k=v", the path as given (it
 * need not start with '/'; it sits in a buffer of exactly its size).
 *
 * Besides crashes it checks the response cache's key: two inputs that
 * web_cache_key() gives one key must get the same status and body. */
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

#define MAX_ARGS 32

/* The query split at '&' and the first '=' (a pair without '=' has no
 * value, as libmicrohttpd gives it). */
struct args {
	int n;
	const char *k[MAX_ARGS], *v[MAX_ARGS];
};

static void split(char *q, struct args *a)
{
	a->n = 0;
	while (q && *q && a->n < MAX_ARGS) {
		char *amp = strchr(q, '&'), *eq;

		if (amp)
			*amp++ = 0;
		eq = strchr(q, '=');
		if (eq)
			*eq++ = 0;
		a->k[a->n] = q;
		a->v[a->n++] = eq;
		q = amp;
	}
}

static const char *arg(void *ctx, const char *name)
{
	const struct args *a = ctx;
	int i;

	for (i = 0; i < a->n; i++) {
		if (!strcmp(a->k[i], name))
			return a->v[i];
	}
	return NULL;
}

static const char *arg_name(void *ctx, int i)
{
	const struct args *a = ctx;

	return i < a->n ? a->k[i] : NULL;
}

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* key hash -> answer hash, for the inputs seen so far */
#define SEEN 65536
static struct {
	uint64_t key, answer;
} seen[SEEN];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *path, *q;
	const char *method = "GET";
	struct web_req rq;
	struct web_resp rs;
	struct buf key = BUF_INIT;
	struct args a;
	size_t off = 0, plen;

	if (size > 4096)
		return 0;
	if (size >= 5 && (!memcmp(data, "POST ", 5) || !memcmp(data, "HEAD ", 5))) {
		method = data[0] == 'P' ? "POST" : "HEAD";
		off = 5;
	}
	copy = malloc(size - off + 1);
	if (!copy)
		return 0;
	memcpy(copy, data + off, size - off);
	copy[size - off] = 0;
	q = strchr(copy, '?');
	if (q)
		*q++ = 0;
	split(q, &a);
	/* the path alone in a buffer of its size */
	plen = strlen(copy);
	path = malloc(plen + 1);
	if (!path) {
		free(copy);
		return 0;
	}
	memcpy(path, copy, plen + 1);
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.arg = arg;
	rq.arg_name = arg_name;
	rq.arg_ctx = &a;
	web_resp_init(&rs);
	if (web_handle(st, &rq, &rs) == 0) {
		if (rs.status < 200 || rs.status > 500)
			abort();
		if (web_cache_key(&rq, &key) && rs.cacheable) {
			uint64_t k = fnv(key.ptr, key.len, 1469598103934665603u);
			uint64_t v = fnv(rs.body.ptr, rs.body.len, (uint64_t)rs.status);
			size_t slot = (size_t)(k % SEEN);

			if (seen[slot].key == k && seen[slot].answer != v) {
				fprintf(stderr, "one cache key, two answers: %s\n", key.ptr);
				abort();
			}
			seen[slot].key = k;
			seen[slot].answer = v;
		}
	}
	buf_release(&key);
	web_resp_release(&rs);
	free(path);
	free(copy);
	return 0;
}
