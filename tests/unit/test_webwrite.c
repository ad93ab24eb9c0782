/* The write side of the web layer, called directly: form bodies as the
 * post processor hands them over, the Cookie header, response headers,
 * and the checks web_handle() makes before any handler runs (cross-site
 * refusal, 405 with Allow, what a signed-in response may be: never
 * cached, never CORS-open). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "import/import.h"
#include "store/store.h"
#include "web/web.h"
#include "web/internal.h"
#include "text/text.h"

static struct store *st;

static void form_pieces(void **state)
{
	struct web_form f;
	char big[WEB_FORM_BYTES + 1];

	(void)state;
	web_form_init(&f);
	assert_int_equal(web_form_add(&f, "user", "ta", 0, 2), 0);
	assert_int_equal(web_form_add(&f, "user", "naka", 2, 4), 0);
	assert_int_equal(web_form_add(&f, "empty", NULL, 0, 0), 0);
	assert_int_equal(web_form_add(&f, "csrf", "abc", 0, 3), 0);
	assert_string_equal(web_form_get(&f, "user"), "tanaka");
	assert_string_equal(web_form_get(&f, "empty"), "");
	assert_null(web_form_get(&f, "password"));
	/* a field given twice means neither */
	assert_int_equal(web_form_add(&f, "csrf", "xyz", 0, 3), 0);
	assert_null(web_form_get(&f, "csrf"));
	assert_int_equal(f.bad, 0);
	/* a piece that does not continue where the field ended */
	assert_int_equal(web_form_add(&f, "csrf", "q", 7, 1), MD_EINPUT);
	assert_int_equal(f.bad, 1);
	/* a bad form answers nothing, not even its good fields */
	assert_null(web_form_get(&f, "user"));
	web_form_release(&f);

	web_form_init(&f);
	assert_int_equal(web_form_add(&f, "a b", "x", 0, 1), MD_EINPUT);
	web_form_release(&f);
	web_form_init(&f);
	assert_int_equal(web_form_add(&f, "v", "x\0y", 0, 3), MD_EINPUT);
	web_form_release(&f);
	web_form_init(&f);
	memset(big, 'x', sizeof(big));
	assert_int_equal(web_form_add(&f, "v", big, 0, WEB_FORM_BYTES - 1), 0);
	assert_int_equal(web_form_add(&f, "v", big, WEB_FORM_BYTES - 1, 2), MD_EINPUT);
	web_form_release(&f);
	web_form_init(&f);
	for (int i = 0; i < WEB_FORM_FIELDS; i++)
		assert_int_equal(web_form_add(&f, "k", "1", 0, 1), 0);
	assert_int_equal(web_form_add(&f, "k", "1", 0, 1), MD_EINPUT);
	web_form_release(&f);
}

/* The upload route's form: a larger cap, one field that takes any bytes;
 * every other route keeps the small cap and refuses NUL. */
static void form_with_a_file(void **state)
{
	static char blob[3 * WEB_FORM_BYTES];
	const char *binary, *v;
	struct web_form f;
	size_t cap, len;

	(void)state;
	cap = web_body_cap("POST", "/rounds/2026/offline/meti/", &binary);
	assert_true(cap >= IMPORT_ROUND_MAX_FILE);
	assert_string_equal(binary, "file");
	assert_int_equal(web_body_cap("POST", "/en/rounds/2026/offline/経/", &binary), cap);
	assert_int_equal(web_body_cap("POST", "/logout/", &binary), WEB_FORM_BYTES);
	assert_null(binary);
	assert_int_equal(web_body_cap("GET", "/rounds/2026/offline/meti/", &binary), WEB_FORM_BYTES);
	assert_int_equal(web_body_cap("POST", "/rounds/2026/offline/nowhere/", &binary),
			 WEB_FORM_BYTES);
	memset(blob, 'x', sizeof(blob));
	blob[5] = 0;    /* a zip holds NUL bytes */
	web_form_init_cap(&f, cap, "file");
	assert_int_equal(web_form_add(&f, "csrf", "abc", 0, 3), 0);
	assert_int_equal(web_form_add(&f, "file", blob, 0, WEB_FORM_BYTES), 0);
	assert_int_equal(web_form_add(&f, "file", blob + WEB_FORM_BYTES, WEB_FORM_BYTES,
				      2 * WEB_FORM_BYTES), 0);
	v = web_form_get_len(&f, "file", &len);
	assert_non_null(v);
	assert_int_equal(len, sizeof(blob));
	assert_memory_equal(v, blob, sizeof(blob));
	/* NUL only in the file field */
	assert_int_equal(web_form_add(&f, "op", "a\0b", 0, 3), MD_EINPUT);
	assert_int_equal(f.bad, 1);
	web_form_release(&f);
	/* the cap holds for the file too */
	web_form_init_cap(&f, 2 * WEB_FORM_BYTES, "file");
	assert_int_equal(web_form_add(&f, "file", blob, 0, sizeof(blob)), MD_EINPUT);
	web_form_release(&f);
}

static void cookies(void **state)
{
	char v[64];

	(void)state;
	assert_int_equal(web_cookie_get("a=1; mdplan_session=tok_-9; b=2", "mdplan_session",
					v, sizeof(v)), 1);
	assert_string_equal(v, "tok_-9");
	assert_int_equal(web_cookie_get("mdplan_session=\"q\"", "mdplan_session", v, sizeof(v)), 1);
	assert_string_equal(v, "q");
	assert_int_equal(web_cookie_get("a=1;", "mdplan_session", v, sizeof(v)), 0);
	assert_int_equal(web_cookie_get(NULL, "x", v, sizeof(v)), 0);
	/* a name given twice (a tossed cookie), malformed headers, too long */
	assert_int_equal(web_cookie_get("x=1; x=2", "x", v, sizeof(v)), -1);
	assert_string_equal(v, "");
	assert_int_equal(web_cookie_get("x=1; junk", "x", v, sizeof(v)), -1);
	assert_string_equal(v, "");
	assert_int_equal(web_cookie_get("x=a b", "x", v, sizeof(v)), -1);
	assert_int_equal(web_cookie_get("x=\"unclosed", "x", v, sizeof(v)), -1);
	assert_int_equal(web_cookie_get("x=1,y=2", "x", v, sizeof(v)), -1);
	assert_int_equal(web_cookie_get("x=12345678", "x", v, 4), -1);
	/* a longer name that starts with ours is not ours */
	assert_int_equal(web_cookie_get("xx=1", "x", v, sizeof(v)), 0);
}

static void response_headers(void **state)
{
	struct web_resp rs;

	(void)state;
	web_resp_init(&rs);
	rs.cacheable = 1;
	assert_int_equal(web_resp_header(&rs, "Retry-After", "30"), 0);
	assert_int_equal(rs.cacheable, 0);
	assert_int_equal(web_resp_header(&rs, "Set-Cookie", "a=1\r\nX-Evil: 1"), MD_EINPUT);
	assert_int_equal(web_resp_header(&rs, "Set-Cookie", "a=1\nb"), MD_EINPUT);
	assert_int_equal(web_resp_header(&rs, "Bad Name", "1"), MD_EINPUT);
	assert_int_equal(web_resp_header(&rs, "X:Y", "1"), MD_EINPUT);
	assert_int_equal(rs.nhdr, 1);
	web_resp_release(&rs);
}

/* headers, as the server's lookup gives them */
struct hdrs {
	int n;
	const char *k[6], *v[6];
};

static const char *header(void *ctx, const char *name)
{
	const struct hdrs *h = ctx;
	int i;

	for (i = 0; i < h->n; i++) {
		if (!strcasecmp(h->k[i], name))
			return h->v[i];
	}
	return NULL;
}

static const char *no_arg(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return NULL;
}

static void handle(const char *method, const char *path, struct hdrs *h,
		   const struct web_user *u, struct web_resp *rs)
{
	struct web_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.arg = no_arg;
	rq.header = header;
	rq.arg_ctx = h;
	rq.user = u;
	web_resp_init(rs);
	assert_int_equal(web_handle(st, &rq, rs), 0);
}

static void cross_site_refused(void **state)
{
	struct web_resp rs;
	struct hdrs evil = { 2, { "Host", "Origin" }, { "127.0.0.1:8080", "https://evil.example" } };
	struct hdrs fetch = { 2, { "Host", "Sec-Fetch-Site" }, { "127.0.0.1:8080", "cross-site" } };
	struct hdrs null = { 2, { "Host", "Origin" }, { "127.0.0.1:8080", "null" } };
	struct hdrs port = { 2, { "Host", "Origin" }, { "127.0.0.1:8080", "http://127.0.0.1:8081" } };
	struct hdrs same = { 3, { "Host", "Origin", "Sec-Fetch-Site" },
			     { "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin" } };
	struct hdrs same_null = { 3, { "Host", "Origin", "Sec-Fetch-Site" },
				  { "127.0.0.1:8080", "null", "same-origin" } };
	struct hdrs *bad[] = { &evil, &fetch, &null, &port };
	const char *methods[] = { "POST", "PUT", "PATCH", "DELETE" };
	size_t i, m;

	(void)state;
	for (m = 0; m < MD_ARRAY_SIZE(methods); m++) {
		for (i = 0; i < MD_ARRAY_SIZE(bad); i++) {
			handle(methods[m], "/goals/1/", bad[i], NULL, &rs);
			assert_int_equal(rs.status, 403);
			assert_int_equal(rs.cacheable, 0);
			web_resp_release(&rs);
			handle(methods[m], "/api/v1/plans", bad[i], NULL, &rs);
			assert_int_equal(rs.status, 403);
			assert_int_equal(rs.api, 0);
			web_resp_release(&rs);
		}
		/* from this site: on to the route, which takes GET only */
		handle(methods[m], "/goals/1/", &same, NULL, &rs);
		assert_int_equal(rs.status, 405);
		assert_string_equal(rs.allow, "GET, HEAD");
		web_resp_release(&rs);
		/* Chromium's own form under Referrer-Policy: no-referrer */
		handle(methods[m], "/goals/1/", &same_null, NULL, &rs);
		assert_int_equal(rs.status, 405);
		web_resp_release(&rs);
	}
	/* a GET from anywhere is a read */
	handle("GET", "/goals/1/", &evil, NULL, &rs);
	assert_int_equal(rs.status, 200);
	web_resp_release(&rs);
}

static void signed_in_is_private(void **state)
{
	struct web_resp rs;
	struct hdrs none = { 0, { NULL }, { NULL } };
	struct web_user u = { .name = "tanaka", .display = "", .roles = WEB_ROLE_EDITOR,
			      .csrf = "csrf-token", .session = 1 };
	struct web_req rq;
	struct buf key = BUF_INIT;

	(void)state;
	handle("GET", "/goals/1/", &none, NULL, &rs);
	assert_int_equal(rs.status, 200);
	assert_int_equal(rs.cacheable, 1);
	assert_int_equal(rs.private_, 0);
	web_resp_release(&rs);
	handle("GET", "/goals/1/", &none, &u, &rs);
	assert_int_equal(rs.status, 200);
	assert_int_equal(rs.cacheable, 0);
	assert_int_equal(rs.private_, 1);
	web_resp_release(&rs);
	/* the API: CORS open for anonymous reads only */
	handle("GET", "/api/v1/plans", &none, NULL, &rs);
	assert_int_equal(rs.api, 1);
	web_resp_release(&rs);
	handle("GET", "/api/v1/plans", &none, &u, &rs);
	assert_int_equal(rs.api, 0);
	assert_int_equal(rs.private_, 1);
	web_resp_release(&rs);
	/* and a signed-in request has no cache key */
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.path = "/goals/1/";
	rq.arg = no_arg;
	rq.arg_ctx = &none;
	assert_int_equal(web_cache_key(&rq, &key), 1);
	rq.user = &u;
	assert_int_equal(web_cache_key(&rq, &key), 0);
	buf_release(&key);
}

#include "demo_db.h"

/* A refusal's words: Japanese on a Japanese page, English on an English
 * one. */
static void has_words(const char *kind, int w, const char *ja, const char *en)
{
	const char *p;
	int wide = 0;

	if (!ja || !en)
		fail_msg("%s %d has no message", kind, w);
	for (p = ja; *p; p++)
		wide |= (unsigned char)*p >= 0x80;
	if (!wide || !*en || !strcmp(ja, en))
		fail_msg("%s %d: \"%s\" / \"%s\" is not Japanese and English", kind, w, ja, en);
	for (p = en; *p; p++) {
		if ((unsigned char)*p >= 0x80)
			fail_msg("%s %d: the English \"%s\" holds Japanese", kind, w, en);
	}
}

/* Every refusal of the edit layer a form can cause (enum edit_why), and
 * of the accounts (enum auth_why), has its words in both languages. */
static void every_refusal_has_words(void **state)
{
	int w;

	(void)state;
	assert_null(web_edit_why(EDIT_WHY_NONE, 0));
	assert_null(web_edit_why(EDIT_WHY_COUNT_, 1));
	for (w = EDIT_WHY_NONE + 1; w < EDIT_WHY_COUNT_; w++)
		has_words("edit_why", w, web_edit_why((enum edit_why)w, 0),
			  web_edit_why((enum edit_why)w, 1));
	assert_null(web_auth_why(AUTH_WHY_NONE, 0));
	assert_null(web_auth_why(AUTH_WHY_COUNT_, 1));
	for (w = AUTH_WHY_NONE + 1; w < AUTH_WHY_COUNT_; w++)
		has_words("auth_why", w, web_auth_why((enum auth_why)w, 0),
			  web_auth_why((enum auth_why)w, 1));
	assert_string_equal(web_auth_why(AUTH_WHY_LAST_ADMIN, 1),
			    "The last enabled admin cannot lose the admin role or be disabled.");
}

/* The i-th '/' segment of a route's pattern (pattern at p, up to the
 * line's tab) in seg; 0 when it has fewer. */
static int segment(const char *p, int i, char *seg, size_t max)
{
	const char *end = strchr(p, '\t');
	int k = -1;

	if (!end)
		return 0;
	while (p < end) {
		const char *q = p + 1;
		size_t n;

		while (q < end && *q != '/')
			q++;
		n = (size_t)(q - p - 1);
		if (++k == i) {
			if (!n || n >= max)
				return 0;
			memcpy(seg, p + 1, n);
			seg[n] = 0;
			return 1;
		}
		p = q;
	}
	return 0;
}

/* Where a URL holds an account's name ({user}) or a ministry's ({code}),
 * no page of the same place may have a name that could be one: an
 * account called "new" would be /admin/users/new/, the form that adds
 * accounts. Every literal beside {user} must be reserved in src/auth
 * (auth_name_reserved()), and none beside {code} may be a ministry. */
static void no_page_name_is_a_name(void **state)
{
	struct buf b = BUF_INIT;
	const char *pat[512];
	char *p;
	int n = 0, i, j, k, found = 0;

	(void)state;
	assert_int_equal(web_routes_format(&b), 0);
	for (p = b.ptr; p && *p && n < 512; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		char *t = strchr(p, '\t');

		if (t)
			pat[n++] = t + 1;
	}
	assert_true(n > 50);
	for (i = 0; i < n; i++) {
		char seg[128], other[128], a[128], c[128];

		for (k = 0; segment(pat[i], k, seg, sizeof(seg)); k++) {
			int user = !strcmp(seg, "{user}");

			if (!user && strcmp(seg, "{code}"))
				continue;
			for (j = 0; j < n; j++) {
				int same = 1, m;

				for (m = 0; same && m < k; m++)
					same = segment(pat[i], m, a, sizeof(a)) &&
						segment(pat[j], m, c, sizeof(c)) && !strcmp(a, c);
				if (!same || !segment(pat[j], k, other, sizeof(other)) ||
				    strchr(other, '{'))
					continue;
				found += user;
				if (user && !auth_name_reserved(other))
					fail_msg("the page %s beside {user} is not a reserved "
						 "account name", other);
				if (!user && text_ministry_find(other, strlen(other)) >= 0)
					fail_msg("the page %s beside {code} is a ministry", other);
			}
		}
	}
	assert_true(found >= 1);   /* /admin/users/new/ was seen */
	assert_true(auth_name_reserved("new"));
	assert_false(auth_name_reserved("newbie"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_pieces),
		cmocka_unit_test(form_with_a_file),
		cmocka_unit_test(cookies),
		cmocka_unit_test(response_headers),
		cmocka_unit_test(cross_site_refused),
		cmocka_unit_test(signed_in_is_private),
		cmocka_unit_test(every_refusal_has_words),
		cmocka_unit_test(no_page_name_is_a_name),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
