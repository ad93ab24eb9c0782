#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "text/text.h"

static void utf8_validation(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_int_equal(text_utf8_valid("医療機器", strlen("医療機器"), &bad), 0);
	assert_int_equal(text_utf8_valid("ab\xff" "cd", 5, &bad), MD_EINPUT);
	assert_int_equal(bad, 2);
	/* overlong and surrogate forms are invalid */
	assert_int_equal(text_utf8_valid("\xc0\xaf", 2, &bad), MD_EINPUT);
	assert_int_equal(text_utf8_valid("\xed\xa0\x80", 3, &bad), MD_EINPUT);
	/* truncated sequence at the end */
	assert_int_equal(text_utf8_valid("\xe5\x8c", 2, &bad), MD_EINPUT);
}

/* The classes of what a person may type: every bidirectional embedding,
 * override and isolate, every C0 and C1 control, and the neighbours that
 * are plain text. */
static void typed_char_classes(void **state)
{
	static const int32_t bidi[] = { 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
					0x2066, 0x2067, 0x2068, 0x2069 };
	static const int32_t text[] = { ' ', '~', 0xa0, 0xff, 0x2027, 0x202f, 0x2065,
					0x206a, 0x200e, 0x200f, 0x3000, 0x6cbb, 0x1f600, 0xfffd };
	const char rlo[] = "total = 1; /*\xe2\x80\xae } \xe2\x81\xa6 */";
	size_t i, at = 99;
	int32_t cp;

	(void)state;
	for (i = 0; i < MD_ARRAY_SIZE(bidi); i++)
		assert_int_equal(text_typed_class(bidi[i]), TEXT_TYPED_BIDI);
	for (i = 0; i < MD_ARRAY_SIZE(text); i++)
		assert_int_equal(text_typed_class(text[i]), TEXT_TYPED_TEXT);
	for (cp = 0; cp < 0x20; cp++)
		assert_int_equal(text_typed_class(cp), cp == '\n' || cp == '\r' || cp == '\t' ?
				 TEXT_TYPED_BREAK : TEXT_TYPED_CONTROL);
	assert_int_equal(text_typed_class(0x7f), TEXT_TYPED_CONTROL);
	for (cp = 0x80; cp <= 0x9f; cp++)
		assert_int_equal(text_typed_class(cp), TEXT_TYPED_C1);
	assert_int_equal(text_typed_class(0x2028), TEXT_TYPED_SEPARATOR);
	assert_int_equal(text_typed_class(0x2029), TEXT_TYPED_SEPARATOR);

	/* the first refused one, where it is; what is allowed passes */
	assert_int_equal(text_typed_refused(rlo, strlen(rlo), 0, &at), 0x202e);
	assert_int_equal(at, 13);
	assert_int_equal(text_typed_refused(rlo, strlen(rlo), TEXT_TYPED_BIDI, &at), -1);
	assert_int_equal(text_typed_refused("一行\n二行\t", strlen("一行\n二行\t"), 0, &at), '\n');
	assert_int_equal(at, 6);
	assert_int_equal(text_typed_refused("一行\n二行\t", strlen("一行\n二行\t"),
					    TEXT_TYPED_BREAK, NULL), -1);
	assert_int_equal(text_typed_refused("a\xc2\x85" "b", 4, TEXT_TYPED_BREAK, &at), 0x85);
	assert_int_equal(at, 1);
	assert_int_equal(text_typed_refused("\xe2\x80\xa9", 3, 0, NULL), 0x2029);
	assert_int_equal(text_typed_refused("", 0, 0, NULL), -1);
	/* a bad byte is no character of any class (the caller checks UTF-8) */
	assert_int_equal(text_typed_refused("\xc2", 1, 0, NULL), -1);
}

static void decode_bom_and_crlf(void **state)
{
	struct buf out = BUF_INIT;
	struct text_decoded info;
	const char in[] = "\xef\xbb\xbf" "一\r\n二\r\n";

	(void)state;
	assert_int_equal(text_decode(in, sizeof(in) - 1, NULL, &out, &info), 0);
	assert_string_equal(out.ptr, "一\n二\n");
	assert_string_equal(info.encoding, "UTF-8 (BOM)");
	assert_int_equal(info.crlf, 1);
	buf_release(&out);
}

static void decode_shift_jis(void **state)
{
	/* 医療機器 and 令和７年度 in CP932, with ◎ (0x819D) */
	const char sjis[] = "\x88\xe3\x97\xc3\x8b\x40\x8a\xed\n\x97\xdf\x98\x61\x82\x56"
		"\x94\x4e\x93\x78\n\x81\x9d\x8c\xfa";
	struct buf out = BUF_INIT;
	struct text_decoded info;

	(void)state;
	assert_int_equal(text_decode(sjis, sizeof(sjis) - 1, NULL, &out, &info), 0);
	assert_string_equal(info.encoding, "Shift_JIS");
	assert_string_equal(out.ptr, "医療機器\n令和７年度\n◎厚");
	buf_release(&out);
}

static void decode_reports_bad_line(void **state)
{
	/* valid UTF-8 Japanese, then a stray byte on line 3 */
	const char in[] = "一行目\n二行目\nabc\xff\n";
	struct buf out = BUF_INIT;
	struct text_decoded info;

	(void)state;
	assert_int_equal(text_decode(in, sizeof(in) - 1, NULL, &out, &info), MD_EINPUT);
	assert_int_equal(info.err_line, 3);
	assert_int_equal(info.err_col, 4);
	buf_release(&out);
	/* NUL bytes are refused */
	assert_int_equal(text_decode("a\nb\0c", 5, NULL, &out, &info), MD_EINPUT);
	assert_int_equal(info.err_line, 2);
	buf_release(&out);
}

static void decode_bad_shift_jis(void **state)
{
	/* 0x81 0x20 is not a CP932 character */
	const char in[] = "\x88\xe3\x97\xc3\n\x81\x20\n";
	struct buf out = BUF_INIT;
	struct text_decoded info;

	(void)state;
	assert_int_equal(text_decode(in, sizeof(in) - 1, NULL, &out, &info), MD_EINPUT);
	assert_int_equal(info.err_line, 2);
	buf_release(&out);
}

static void era_round_trip(void **state)
{
	struct buf b = BUF_INIT;
	int y, year, fiscal;

	(void)state;
	for (y = 1926; y <= 2200; y++) {
		buf_reset(&b);
		assert_int_equal(text_era_fy_ja(y, &b), 0);
		assert_int_equal(text_era_parse(b.ptr, &year, &fiscal), 0);
		assert_int_equal(year, y);
		assert_int_equal(fiscal, 1);
	}
	buf_release(&b);
}

static void era_find_in_header(void **state)
{
	const char *h = "令和7年度の実績・状況";
	int y, f;
	size_t s, e;

	(void)state;
	assert_int_equal(text_era_find(h, strlen(h), &y, &f, &s, &e), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(f, 1);
	assert_int_equal(s, 0);
	assert_int_equal(e, strlen("令和7年度"));
	assert_int_equal(text_era_find("実績", strlen("実績"), &y, &f, &s, &e),
			 MD_ENOTFOUND);
}

static void ministry_lookup(void **state)
{
	(void)state;
	assert_string_equal(text_ministry_at(text_ministry_find("経", strlen("経")))->code, "meti");
	assert_string_equal(text_ministry_at(text_ministry_find("METI", 4))->code, "meti");
	assert_string_equal(text_ministry_at(text_ministry_find("ｍｈｌｗ", strlen("ｍｈｌｗ")))->code, "mhlw");
	assert_string_equal(text_ministry_at(text_ministry_find("内官", strlen("内官")))->code, "cas");
	assert_string_equal(text_ministry_at(text_ministry_find("内閣府", strlen("内閣府")))->code, "cao");
	assert_int_equal(text_ministry_find("財", strlen("財")), -1);
	assert_int_equal(text_ministry_find("", 0), -1);
	assert_int_equal(text_ministry_count(), 6);
}

static void tag_error_names_the_ministry(void **state)
{
	struct buf err = BUF_INIT;
	struct text_tag t;
	const char *s = "取り組む。［◎厚、財］";

	(void)state;
	assert_int_equal(text_tag_trailing(s, strlen(s), &t, &err), MD_EINPUT);
	assert_non_null(strstr(err.ptr, "\"財\""));
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(typed_char_classes),
		cmocka_unit_test(decode_bom_and_crlf),
		cmocka_unit_test(decode_shift_jis),
		cmocka_unit_test(decode_reports_bad_line),
		cmocka_unit_test(decode_bad_shift_jis),
		cmocka_unit_test(era_round_trip),
		cmocka_unit_test(era_find_in_header),
		cmocka_unit_test(ministry_lookup),
		cmocka_unit_test(tag_error_names_the_ministry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
