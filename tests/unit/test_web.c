/* The router and the cache key, called directly: web_handle() answers
 * every path (each given in a buffer of exactly its size, so that
 * AddressSanitizer sees any read past it), and web_cache_key() gives two
 * requests one key only when web_handle() gives them the same answer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "import/import.h"
#include "store/store.h"
#include "web/web.h"

static struct store *st;

/* Query arguments, decoded, as the server would hand them over. */
struct args {
	int n;
	const char *k[8], *v[8];
};

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

static struct web_req req(const char *method, const char *path, struct args *a)
{
	struct web_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.arg = arg;
	rq.arg_name = arg_name;
	rq.arg_ctx = a;
	return rq;
}

/* Status and body for path; the path is copied into a buffer of its size. */
static int answer(const char *method, const char *path, struct args *a, struct buf *body)
{
	char *p = path ? malloc(strlen(path) + 1) : NULL;
	struct web_req rq;
	struct web_resp rs;
	int status;

	if (path)
		memcpy(p, path, strlen(path) + 1);
	rq = req(method, p, a);
	web_resp_init(&rs);
	assert_int_equal(web_handle(st, &rq, &rs), 0);
	status = rs.status;
	if (body) {
		buf_reset(body);
		buf_add(body, rs.body.ptr, rs.body.len);
	}
	web_resp_release(&rs);
	free(p);
	return status;
}

static int keyed(const char *method, const char *path, struct args *a, struct buf *key)
{
	struct web_req rq = req(method, path, a);

	return web_cache_key(&rq, key);
}

static void router_is_total(void **state)
{
	static const char *const bad[] = { "", "?", "a", "goals/1/", "http://x/goals/1/", "*", " " };
	static const char *const odd[] = {
		"/", "//", "/en", "/en/", "/en//", "/en/..", "/en/../", "/..", "/.", "/./", "/\\",
		"/goals", "/goals/", "/goals/0/", "/goals/-1/", "/goals/99999999999999999999/",
		"/goals/1", "/goals/1//", "/items/40/changes", "/items/40/changes/x",
		"/downloads/", "/downloads/.", "/downloads/.csv", "/downloads/followup-",
		"/downloads/followup-.csv", "/downloads/followup-2025-.csv", "/downloads/followup-2025",
		"/downloads/followup-2025-meti-x.csv", "/downloads/followup-99999999.json",
		"/indicators/./", "/indicators/../", "/indicators/.x/chart.svg",
		"/static/mdplan.css/", "/static/", "/api", "/api/", "/api/v1", "/api/v1/",
		"/api/v1/goals/", "/api/v1/goals/0", "/en/api/v1/plans", "/en/en/", "/ministries/x/",
		"/ministries/経/", "/ministries/\xff/", "/followups/2025/\xe3\x81/", "/search",
		"/\x7f", "/\x01/",
	};
	struct args none = { 0, { NULL }, { NULL } };
	char longpath[5000];
	size_t i;
	int s;

	(void)state;
	for (i = 0; i < MD_ARRAY_SIZE(bad); i++) {
		s = answer("GET", bad[i], &none, NULL);
		assert_int_equal(s, 400);
	}
	assert_int_equal(answer("GET", NULL, &none, NULL), 400);
	for (i = 0; i < MD_ARRAY_SIZE(odd); i++) {
		s = answer("GET", odd[i], &none, NULL);
		assert_true(s == 200 || s == 301 || s == 400 || s == 404);
		s = answer("POST", odd[i], &none, NULL);
		assert_true(s == 301 || s == 400 || s == 404 || s == 405);
	}
	assert_int_equal(answer(NULL, "/goals/1/", &none, NULL), 405);
	/* long paths: deep, and one segment */
	for (i = 0; i + 2 < sizeof(longpath); i += 2)
		memcpy(longpath + i, "/a", 2);
	longpath[i] = 0;
	assert_int_equal(answer("GET", longpath, &none, NULL), 404);
	longpath[0] = '/';
	memset(longpath + 1, 'x', sizeof(longpath) - 2);
	longpath[sizeof(longpath) - 1] = 0;
	assert_int_equal(answer("GET", longpath, &none, NULL), 404);
	memcpy(longpath, "/goals/", 7);
	assert_int_equal(answer("GET", longpath, &none, NULL), 404);
}

static void cache_key_is_canonical(void **state)
{
	struct args poison = { 1, { "q" }, { "治験&limit=1" } };
	struct args victim = { 2, { "q", "limit" }, { "治験", "1" } };
	struct args swapped = { 2, { "limit", "q" }, { "1", "治験" } };
	struct args eq = { 2, { "q=治験", "q" }, { "1", "医療" } };
	struct args twice = { 2, { "q", "q" }, { "治験", "医療" } };
	struct args once = { 1, { "q" }, { "治験" } };
	struct args unknown = { 2, { "q", "x" }, { "治験", "1" } };
	struct args space = { 1, { "q" }, { "医療 機器" } };
	struct args en = { 1, { "lang" }, { "en" } };
	struct args none = { 0, { NULL }, { NULL } };
	struct buf a = BUF_INIT, b = BUF_INIT;

	(void)state;
	assert_int_equal(keyed("GET", "/api/v1/search", &poison, &a), 1);
	assert_int_equal(keyed("GET", "/api/v1/search", &victim, &b), 1);
	assert_string_not_equal(a.ptr, b.ptr);
	assert_string_equal(a.ptr, "/api/v1/search?q=%E6%B2%BB%E9%A8%93%26limit%3D1");
	assert_string_equal(b.ptr, "/api/v1/search?q=%E6%B2%BB%E9%A8%93&limit=1");
	/* the route's order, whatever the URL's */
	assert_int_equal(keyed("HEAD", "/api/v1/search", &swapped, &a), 1);
	assert_string_equal(a.ptr, b.ptr);
	/* a name with '=' is not a parameter of the route: not kept */
	assert_int_equal(keyed("GET", "/api/v1/search", &eq, &a), 0);
	assert_int_equal(keyed("GET", "/api/v1/search", &unknown, &a), 0);
	assert_int_equal(keyed("GET", "/", &unknown, &a), 0);
	/* a repeated parameter: the handler reads the first, so does the key */
	assert_int_equal(keyed("GET", "/api/v1/search", &twice, &a), 1);
	assert_int_equal(keyed("GET", "/api/v1/search", &once, &b), 1);
	assert_string_equal(a.ptr, b.ptr);
	assert_int_equal(keyed("GET", "/search/", &space, &a), 1);
	assert_string_equal(a.ptr, "/search/?q=%E5%8C%BB%E7%99%82%20%E6%A9%9F%E5%99%A8");
	/* /en/ and ?lang=en are different pages (their links differ) */
	assert_int_equal(keyed("GET", "/en/goals/1/", &none, &a), 1);
	assert_int_equal(keyed("GET", "/goals/1/", &en, &b), 1);
	assert_string_not_equal(a.ptr, b.ptr);
	assert_string_equal(b.ptr, "/goals/1/?lang=en");
	/* only what has a route, and only GET and HEAD */
	assert_int_equal(keyed("POST", "/goals/1/", &none, &a), 0);
	assert_int_equal(keyed("GET", "/nope/", &none, &a), 0);
	assert_int_equal(keyed("GET", "", &none, &a), 0);
	assert_int_equal(keyed("GET", "/goals/1", &none, &a), 0);
	assert_int_equal(keyed("GET", "/api/v1/plans", &en, &a), 0);
	buf_release(&a);
	buf_release(&b);
}

/* Every pair of requests from a small grid: one key, one answer. */
static void same_key_same_answer(void **state)
{
	static const char *const paths[] = {
		"/api/v1/search", "/search/", "/goals/1/", "/en/goals/1/", "/api/v1/action-items",
		"/items/40/changes/",
	};
	static const char *const names[] = { "q", "limit", "lang", "ministry", "lead", "from", "to", "page" };
	static const char *const values[] = {
		"治験", "治験&limit=1", "1", "en", "meti", "meti&lead=1", "2025", "2024", "", "2",
	};
	enum { MAX = 400 };
	struct args *a = calloc(MAX, sizeof(*a));
	struct buf *keys = calloc(MAX, sizeof(*keys)), *bodies = calloc(MAX, sizeof(*bodies));
	int *status = calloc(MAX, sizeof(*status)), *has = calloc(MAX, sizeof(*has));
	unsigned seed = 12;
	int n = 0, i, j, pairs = 0;

	(void)state;
	assert_non_null(a);
	assert_non_null(keys);
	assert_non_null(bodies);
	assert_non_null(status);
	assert_non_null(has);
	for (n = 0; n < MAX; n++) {
		const char *path = paths[n % MD_ARRAY_SIZE(paths)];
		int k, count = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3;

		for (k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			a[n].k[k] = names[(seed >> 16) % MD_ARRAY_SIZE(names)];
			seed = seed * 1103515245u + 12345u;
			a[n].v[k] = values[(seed >> 16) % MD_ARRAY_SIZE(values)];
		}
		a[n].n = count;
		keys[n] = (struct buf)BUF_INIT;
		bodies[n] = (struct buf)BUF_INIT;
		has[n] = keyed("GET", path, &a[n], &keys[n]);
		status[n] = has[n] ? answer("GET", path, &a[n], &bodies[n]) : 0;
	}
	for (i = 0; i < MAX; i++) {
		for (j = i + 1; j < MAX; j++) {
			if (!has[i] || !has[j] || strcmp(keys[i].ptr, keys[j].ptr))
				continue;
			pairs++;
			assert_int_equal(status[i], status[j]);
			assert_int_equal(bodies[i].len, bodies[j].len);
			assert_memory_equal(bodies[i].ptr, bodies[j].ptr, bodies[i].len);
		}
	}
	assert_true(pairs > 50);
	for (i = 0; i < MAX; i++) {
		buf_release(&keys[i]);
		buf_release(&bodies[i]);
	}
	free(a);
	free(keys);
	free(bodies);
	free(status);
	free(has);
}

#include "demo_db.h"

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(router_is_total),
		cmocka_unit_test(cache_key_is_canonical),
		cmocka_unit_test(same_key_same_answer),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
