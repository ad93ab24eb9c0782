#include <string.h>

#include "text.h"

int32_t text_utf8_next(const char *str, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	int32_t cp;
	int len, k;

	if (p >= n)
		return -1;
	if (s[p] < 0x80) {
		*i = p + 1;
		return s[p];
	}
	if (s[p] >= 0xc2 && s[p] <= 0xdf) {
		len = 2;
		cp = s[p] & 0x1f;
	} else if (s[p] >= 0xe0 && s[p] <= 0xef) {
		len = 3;
		cp = s[p] & 0x0f;
	} else if (s[p] >= 0xf0 && s[p] <= 0xf4) {
		len = 4;
		cp = s[p] & 0x07;
	} else {
		*i = p + 1;
		return -1;
	}
	if (p + (size_t)len > n) {
		*i = p + 1;
		return -1;
	}
	for (k = 1; k < len; k++) {
		if ((s[p + k] & 0xc0) != 0x80) {
			*i = p + 1;
			return -1;
		}
		cp = (cp << 6) | (s[p + k] & 0x3f);
	}
	/* overlongs, surrogates and out-of-range values */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		*i = p + 1;
		return -1;
	}
	*i = p + (size_t)len;
	return cp;
}

int text_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;

	while (i < n) {
		size_t at = i;

		if (text_utf8_next(s, n, &i) < 0) {
			if (bad)
				*bad = at;
			return MD_EINPUT;
		}
	}
	return 0;
}

int text_utf8_enc(char *out, int32_t cp)
{
	if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int text_utf8_put(struct buf *b, int32_t cp)
{
	char t[4];

	return buf_add(b, t, (size_t)text_utf8_enc(t, cp));
}

size_t text_utf8_count(const char *s, size_t n)
{
	size_t i = 0, c = 0;

	while (i < n) {
		text_utf8_next(s, n, &i);
		c++;
	}
	return c;
}

enum text_typed text_typed_class(int32_t cp)
{
	if (cp == '\n' || cp == '\r' || cp == '\t')
		return TEXT_TYPED_BREAK;
	if ((cp >= 0 && cp < 0x20) || cp == 0x7f)
		return TEXT_TYPED_CONTROL;
	if (cp >= 0x80 && cp <= 0x9f)
		return TEXT_TYPED_C1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return TEXT_TYPED_BIDI;
	if (cp == 0x2028 || cp == 0x2029)
		return TEXT_TYPED_SEPARATOR;
	return TEXT_TYPED_TEXT;
}

int32_t text_typed_refused(const char *s, size_t n, unsigned allow, size_t *at)
{
	size_t i = 0;

	while (i < n) {
		size_t here = i;
		int32_t cp = text_utf8_next(s, n, &i);
		enum text_typed k = text_typed_class(cp);

		if (cp >= 0 && k != TEXT_TYPED_TEXT && !(k & allow)) {
			if (at)
				*at = here;
			return cp;
		}
	}
	return -1;
}

int text_is_bullet(int32_t cp)
{
	return cp == 0xf0fc || cp == 0xf0b2 || cp == 0xf06c;
}

int text_is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xa0;
}
