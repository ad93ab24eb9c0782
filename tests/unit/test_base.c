#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/base.h"

static void buf_never_null(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	buf_release(&b);
	assert_non_null(b.ptr);
}

static void buf_appends_and_detaches(void **state)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *p;

	(void)state;
	buf_puts(&b, "令和");
	buf_printf(&b, "%d年度", 7);
	buf_putc(&b, '!');
	assert_int_equal(buf_error(&b), 0);
	assert_string_equal(b.ptr, "令和7年度!");
	p = buf_detach(&b, &len);
	assert_int_equal(len, strlen("令和7年度!"));
	assert_string_equal(p, "令和7年度!");
	assert_string_equal(b.ptr, "");
	free(p);
}

static void buf_cap_is_sticky(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "12345678"), 0);
	assert_int_equal(buf_puts(&b, "9"), MD_ENOMEM);
	/* later appends are ignored, the error stays */
	assert_int_equal(buf_puts(&b, ""), MD_ENOMEM);
	assert_int_equal(buf_error(&b), MD_ENOMEM);
	assert_string_equal(b.ptr, "12345678");
	assert_null(buf_detach(&b, NULL));
	buf_release(&b);
}

static void buf_rtrim_ideographic(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "施策\xe3\x80\x80 \n");
	buf_rtrim(&b);
	assert_string_equal(b.ptr, "施策");
	buf_release(&b);
}

static void num_parse_rejects_junk(void **state)
{
	long long v;
	int i;

	(void)state;
	assert_int_equal(num_parse_ll("2025", 4, 0, 3000, &v), 0);
	assert_int_equal(v, 2025);
	assert_int_equal(num_parse_ll("-5", 2, -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(num_parse_ll("12a", 3, 0, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_ll(" 12", 3, 0, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_ll("", 0, 0, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_ll("-", 1, -5, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_ll("1001", 4, 0, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_ll("99999999999999999999", 20, 0, 1000, &v), MD_EINPUT);
	assert_int_equal(num_parse_int("42", 1, 100, &i), 0);
	assert_int_equal(i, 42);
	assert_int_equal(num_parse_int("0", 1, 100, &i), MD_EINPUT);
}

static void arena_allocates_many(void **state)
{
	struct arena *a = arena_new();
	char *big;
	int k;

	(void)state;
	assert_non_null(a);
	for (k = 0; k < 10000; k++) {
		char *p = arena_strdup(a, "医療機器");

		assert_non_null(p);
		assert_string_equal(p, "医療機器");
	}
	big = arena_alloc(a, 1 << 20);
	assert_non_null(big);
	memset(big, 1, 1 << 20);
	assert_int_equal(arena_error(a), 0);
	arena_free(a);
	arena_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_never_null),
		cmocka_unit_test(buf_appends_and_detaches),
		cmocka_unit_test(buf_cap_is_sticky),
		cmocka_unit_test(buf_rtrim_ideographic),
		cmocka_unit_test(num_parse_rejects_junk),
		cmocka_unit_test(arena_allocates_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
