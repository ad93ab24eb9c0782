/*
 * The markup emitter against hostile input: every context (text,
 * attribute, URL, numbers, forms) with markup, quotes, script URLs in any
 * case and disguise, data: URLs, control characters and bad UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "html/html.h"

static struct buf out = BUF_INIT;
static struct html h;

static int setup(void **state)
{
	(void)state;
	buf_init(&out, 0);
	html_init(&h, &out, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_release(&out);
	return 0;
}

/* No tag can open and no attribute can be left from escaped text. */
static void assert_inert(const char *s)
{
	assert_null(strchr(s, '<'));
	assert_null(strchr(s, '>'));
	assert_null(strchr(s, '"'));
	assert_null(strchr(s, '\''));
}

static void text_escapes_markup_and_quotes(void **state)
{
	(void)state;
	html_text(&h, "<script>alert(\"x\")</script> & 'q' &amp;");
	assert_string_equal(out.ptr, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
			    "&amp; &#39;q&#39; &amp;amp;");
	assert_inert(out.ptr);
	assert_int_equal(html_error(&h), 0);
}

static void text_keeps_japanese_and_line_breaks(void **state)
{
	(void)state;
	html_text(&h, "令和7年度（FY2025）\t実績\n・取組");
	assert_string_equal(out.ptr, "令和7年度（FY2025）\t実績\n・取組");
}

static void text_drops_controls_and_replaces_bad_utf8(void **state)
{
	(void)state;
	/* NUL cannot be in a C string; the other C0 controls and DEL go */
	html_text(&h, "a\x01" "b\x1b[31m\x7f" "c\x0c" "d");
	assert_string_equal(out.ptr, "ab[31mcd");
	buf_reset(&out);
	/* a lone continuation byte, a truncated sequence, an overlong '<'
	 * (C0 BC), a surrogate (ED A0 80) */
	html_text(&h, "x\x80y\xe3\x81z\xc0\xbc" "w\xed\xa0\x80");
	assert_null(strstr(out.ptr, "\xc0"));
	assert_null(strchr(out.ptr, '<'));
	assert_string_equal(out.ptr, "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbdw"
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void attr_cannot_be_left(void **state)
{
	(void)state;
	H_RAW(&h, "<input value=\"");
	html_attr(&h, "\" onfocus=\"alert(1)\" x='");
	H_RAW(&h, "\">");
	assert_string_equal(out.ptr, "<input value=\"&quot; onfocus=&quot;alert(1)&quot; "
			    "x=&#39;\">");
}

static void url_allows_http_https_mailto_relative(void **state)
{
	static const char *const ok[] = {
		"https://www.mhlw.go.jp/a?b=1&c=2", "http://example.jp/",
		"HTTPS://EXAMPLE.JP/", "mailto:desk@example.jp", "MailTo:x@y",
		"goals/3/", "../../items/12/#fy2025", "?q=%E6%B2%BB&lang=en", "#main",
		"", "/static/mdplan.css", "//cdn.example.jp/x", "a/b:c", "1x:y",
		/* an entity is text here: '&' ends the scheme, the parser never
		 * sees a colon after "javascript" */
		"javascript&#58;x:y",
	};
	size_t i;

	(void)state;
	for (i = 0; i < MD_ARRAY_SIZE(ok); i++)
		assert_true(html_url_ok(ok[i]));
	html_url(&h, "?q=%E6%B2%BB&lang=en");
	assert_string_equal(out.ptr, "?q=%E6%B2%BB&amp;lang=en");
}

static void url_refuses_other_schemes_in_any_disguise(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
		"\x01\x02javascript:alert(1)", "java\tscript:alert(1)",
		"java\nscript:alert(1)", "jav\r\nascript:alert(1)",
		"data:text/html;base64,PHNjcmlwdD4=", "DATA:text/html,<b>",
		"vbscript:msgbox(1)", "file:///etc/passwd",
		"x-javascript:1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < MD_ARRAY_SIZE(bad); i++) {
		buf_reset(&out);
		assert_false(html_url_ok(bad[i]));
		html_url(&h, bad[i]);
		assert_string_equal(out.ptr, "#");
	}
}

static void url_encodes_what_cannot_stand_in_one(void **state)
{
	(void)state;
	html_url(&h, "a b\"c<d>e'f\x01g\x80h経");
	assert_string_equal(out.ptr, "a%20b&quot;c&lt;d&gt;e&#39;f%01g%80h経");
	assert_inert(out.ptr);
}

static void link_joins_base_and_href_and_escapes_text(void **state)
{
	(void)state;
	html_link(&h, "../../", "goals/3/", "ゴール3 <b>\"x\"</b>");
	assert_string_equal(out.ptr, "<a href=\"../../goals/3/\">ゴール3 &lt;b&gt;"
			    "&quot;x&quot;&lt;/b&gt;</a>");
	buf_reset(&out);
	/* the scheme is read across the two parts */
	html_link(&h, "java", "script:alert(1)", "x");
	assert_string_equal(out.ptr, "<a href=\"#\">x</a>");
}

static void doc_link_drops_a_bad_url_and_keeps_the_text(void **state)
{
	(void)state;
	html_doc_link(&h, "JaVaScRiPt:alert(document.cookie)", "<出典>");
	assert_string_equal(out.ptr, "&lt;出典&gt;");
	buf_reset(&out);
	html_doc_link(&h, "https://www.e-stat.go.jp/?a=1&b=\"2\"", "e-Stat");
	assert_string_equal(out.ptr, "<a href=\"https://www.e-stat.go.jp/?a=1&amp;b=&quot;2&quot;\">"
			    "e-Stat</a>");
}

static void numbers_and_years(void **state)
{
	(void)state;
	html_int(&h, -42);
	H_RAW(&h, " ");
	html_num(&h, 4086);
	H_RAW(&h, " ");
	html_num(&h, 0.25);
	H_RAW(&h, " ");
	html_fy(&h, 2025);
	assert_string_equal(out.ptr, "-42 4,086 0.25 令和7年度（FY2025）");
	buf_reset(&out);
	html_init(&h, &out, 1);
	html_fy(&h, 2025);
	H_FMT(&h, " %d%% %.1f %lld", 3, 2.25, 7LL);
	assert_string_equal(out.ptr, "FY2025 3% 2.2 7");
	assert_int_equal(html_error(&h), 0);
}

/* A format that would write a string is refused, not written. */
static void fmt_refuses_strings(void **state)
{
	const char *f = "<p>%s</p>";
	char fmt[16];

	(void)state;
	/* H_FMT only takes literals; reach the function as a misuse would */
	snprintf(fmt, sizeof(fmt), "%s", f);
	html_fmt_(&h, "%d", 1);
	assert_int_equal(html_error(&h), 0);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
	html_fmt_(&h, fmt, "<script>");
#pragma GCC diagnostic pop
	assert_int_equal(html_error(&h), MD_EUSAGE);
	assert_string_equal(out.ptr, "1");
}

static void paras_and_options(void **state)
{
	(void)state;
	html_paras(&h, "一行目<i>\n\n二行目");
	assert_string_equal(out.ptr, "<p>一行目&lt;i&gt;</p><p>二行目</p>");
	buf_reset(&out);
	html_option(&h, "\"><script>", "<b>", 1);
	assert_string_equal(out.ptr, "<option value=\"&quot;&gt;&lt;script&gt;\" selected>"
			    "&lt;b&gt;</option>");
}

static void form_post_carries_csrf_and_fields_escape(void **state)
{
	struct html_field ta = { .name = "results", .label = "実績・状況 <必須>",
		.value = "\n</textarea><script>x</script>", .error = "長すぎます \"8000\"",
		.rows = 4, .required = 1 };
	struct html_field in = { .name = "user", .label = "User", .value = "\" autofocus onfocus=\"x",
		.help = "Your user name", .autocomplete = "username" };
	struct html_field pw = { .name = "password", .label = "Password", .value = "secret",
		.type = HTML_INPUT_PASSWORD };

	(void)state;
	html_form_post(&h, "./", "tok\"en");
	html_hidden_int(&h, "version", 12);
	html_hidden(&h, "op\"", "<save>");
	html_textarea(&h, &ta);
	html_input(&h, &in);
	html_input(&h, &pw);
	html_submit(&h, "op", "save", "保存 <now>");
	html_form_end(&h);
	assert_int_equal(html_error(&h), 0);
	assert_non_null(strstr(out.ptr, "<form method=\"post\" action=\"./\">\n"
			       "<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">\n"));
	assert_non_null(strstr(out.ptr, "<input type=\"hidden\" name=\"version\" value=\"12\">"));
	assert_non_null(strstr(out.ptr, "name=\"op&quot;\" value=\"&lt;save&gt;\""));
	/* the error sits beside its field and is tied to it */
	assert_non_null(strstr(out.ptr, "<label for=\"results\">実績・状況 &lt;必須&gt;</label>\n"
			       "<p class=\"error\" id=\"results-error\">長すぎます &quot;8000&quot;</p>\n"
			       "<textarea id=\"results\" name=\"results\" required"
			       " aria-invalid=\"true\" aria-describedby=\"results-error\" rows=\"4\">\n"
			       "\n&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>"));
	assert_non_null(strstr(out.ptr, "value=\"&quot; autofocus onfocus=&quot;x\""));
	assert_non_null(strstr(out.ptr, "aria-describedby=\"user-help\""));
	/* a password is never written back */
	assert_null(strstr(out.ptr, "secret"));
	assert_non_null(strstr(out.ptr, "<button type=\"submit\" name=\"op\" value=\"save\">"
			       "保存 &lt;now&gt;</button>"));
	assert_null(strstr(out.ptr, "<script"));
	assert_null(strstr(out.ptr, "<now"));
}

/* A select: its label and error as an input's, the stored option selected,
 * values and labels escaped; inputmode on a text input. */
static void select_and_inputmode(void **state)
{
	static const char *const values[] = { "up", "\"><x>" };
	static const char *const labels[] = { "増加", "<b>減少</b>" };
	struct html_field f = { .name = "direction", .label = "方向", .value = "\"><x>",
		.error = "選んで <ください>" };
	struct html_field n = { .name = "target_value", .label = "目標値", .value = "60",
		.inputmode = "decimal\" onfocus=\"x" };

	(void)state;
	html_select(&h, &f, values, labels, 2);
	html_input(&h, &n);
	assert_int_equal(html_error(&h), 0);
	assert_string_equal(out.ptr,
		"<div class=\"field invalid\"><label for=\"direction\">方向</label>\n"
		"<p class=\"error\" id=\"direction-error\">選んで &lt;ください&gt;</p>\n"
		"<select id=\"direction\" name=\"direction\" aria-invalid=\"true\""
		" aria-describedby=\"direction-error\"><option value=\"up\">増加</option>"
		"<option value=\"&quot;&gt;&lt;x&gt;\" selected>&lt;b&gt;減少&lt;/b&gt;</option>"
		"</select></div>\n"
		"<div class=\"field\"><label for=\"target_value\">目標値</label>\n"
		"<input type=\"text\" id=\"target_value\" name=\"target_value\""
		" inputmode=\"decimal&quot; onfocus=&quot;x\" value=\"60\"></div>\n");
}

static void form_post_without_token_is_an_error(void **state)
{
	(void)state;
	html_form_post(&h, "./", NULL);
	assert_int_equal(html_error(&h), MD_EUSAGE);
	assert_null(strstr(out.ptr, "<form"));
}

/* The table's strings may be written as they are: no markup, and each
 * format has the same numeric conversions in every language. */
static void message_table_is_safe_to_write_raw(void **state)
{
	int k, lang;

	(void)state;
	for (k = 0; k < MSG_COUNT_; k++) {
		char conv[MSG_LANGS][64];

		for (lang = 0; lang < MSG_LANGS; lang++) {
			const char *s = msg_get((enum msg)k, lang), *p;
			size_t n = 0;

			assert_non_null(s);
			for (p = s; (p = strchr(p, '<')); p++) {
				if (p[1] == '/' || p[1] == '!' || p[1] == '?' ||
				    ((p[1] | 32) >= 'a' && (p[1] | 32) <= 'z'))
					fail_msg("message %d (%s) holds markup", k, s);
			}
			if (strchr(s, '&'))
				fail_msg("message %d (%s) holds an entity", k, s);
			for (p = s; (p = strchr(p, '%')); p++) {
				size_t w = strspn(p + 1, "0123456789.lh") + 2;

				if (p[1] == '%') {
					p++;
					continue;
				}
				assert_true(n + w < sizeof(conv[lang]));
				memcpy(conv[lang] + n, p, w);
				n += w;
			}
			conv[lang][n] = 0;
			assert_null(strstr(conv[lang], "s"));
			assert_null(strstr(conv[lang], "c"));
		}
		for (lang = 1; lang < MSG_LANGS; lang++)
			assert_string_equal(conv[0], conv[lang]);
	}
	assert_string_equal(msg_get(MSG_HOME, 1), "Home");
	assert_string_equal(msg_get(MSG_COUNT_, 0), "");
}

/* One spelling for one word: the board, search and mail say 差戻し (公用文,
 * like 差押え), so no page says 差し戻し (the verb 差し戻す stays). */
static void message_table_spells_one_way(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < MSG_COUNT_; k++) {
		const char *s = msg_get((enum msg)k, 0);

		if (strstr(s, "差し戻し"))
			fail_msg("message %d (%s) spells 差し戻し: write 差戻し", k, s);
	}
	assert_string_equal(msg_get(MSG_RE_ST_RETURNED, 0), msg_get(MSG_ENTRY_RETURNED, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(text_escapes_markup_and_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(text_keeps_japanese_and_line_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(text_drops_controls_and_replaces_bad_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(attr_cannot_be_left, setup, teardown),
		cmocka_unit_test_setup_teardown(url_allows_http_https_mailto_relative, setup, teardown),
		cmocka_unit_test_setup_teardown(url_refuses_other_schemes_in_any_disguise, setup, teardown),
		cmocka_unit_test_setup_teardown(url_encodes_what_cannot_stand_in_one, setup, teardown),
		cmocka_unit_test_setup_teardown(link_joins_base_and_href_and_escapes_text, setup, teardown),
		cmocka_unit_test_setup_teardown(doc_link_drops_a_bad_url_and_keeps_the_text, setup, teardown),
		cmocka_unit_test_setup_teardown(numbers_and_years, setup, teardown),
		cmocka_unit_test_setup_teardown(fmt_refuses_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(paras_and_options, setup, teardown),
		cmocka_unit_test_setup_teardown(form_post_carries_csrf_and_fields_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(select_and_inputmode, setup, teardown),
		cmocka_unit_test_setup_teardown(form_post_without_token_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(message_table_is_safe_to_write_raw, setup, teardown),
		cmocka_unit_test(message_table_spells_one_way),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
