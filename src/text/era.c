/*
 * Era years. 年度 (fiscal year) runs April to March and is named after the
 * year it starts in: 令和7年度 = FY2025 = April 2025 - March 2026.
 * 令和 N = 2018 + N, 平成 N = 1988 + N, 昭和 N = 1925 + N; 元 is year 1.
 */
#include <string.h>

#include "text.h"

struct era {
	const char *kanji;
	char latin;
	int base;   /* Western year of era year 0 */
	int first;  /* first Western year of the era */
	int last;   /* last era year (0: open) */
};

static const struct era eras[] = {
	{ "令和", 'R', 2018, 2019, 0 },
	{ "平成", 'H', 1988, 1989, 31 },
	{ "昭和", 'S', 1925, 1926, 64 },
};

/* Reads ASCII or full-width digits (or 元) at s[*i]; skips spaces. */
static int read_number(const char *s, size_t n, size_t *i, int allow_gan,
		       int *val)
{
	size_t p = *i;
	int v = 0, digits = 0;

	for (;;) {
		size_t q = p;
		int32_t cp = text_utf8_next(s, n, &q);

		if (cp < 0)
			break;
		if (text_is_space(cp) && !digits) {
			p = q;
			continue;
		}
		if (cp >= '0' && cp <= '9') {
			v = v * 10 + (cp - '0');
		} else if (cp >= 0xff10 && cp <= 0xff19) {
			v = v * 10 + (cp - 0xff10);
		} else if (cp == 0x5143 /* 元 */ && allow_gan && !digits) {
			*val = 1;
			*i = q;
			return 0;
		} else {
			break;
		}
		if (++digits > 4)
			return MD_EINPUT;
		p = q;
	}
	if (!digits)
		return MD_EINPUT;
	/* trailing spaces */
	for (;;) {
		size_t q = p;
		int32_t cp = text_utf8_next(s, n, &q);

		if (cp < 0 || !text_is_space(cp))
			break;
		p = q;
	}
	*val = v;
	*i = p;
	return 0;
}

static int starts(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);

	return i + l <= n && !memcmp(s + i, lit, l);
}

/* Consumes 年度 (sets *fy) or 年 at s[*i]; returns 1 if either was there. */
static int year_suffix(const char *s, size_t n, size_t *i, int *fy)
{
	if (starts(s, n, *i, "年度")) {
		*i += strlen("年度");
		*fy = 1;
		return 1;
	}
	if (starts(s, n, *i, "年")) {
		*i += strlen("年");
		return 1;
	}
	return 0;
}

/* Parses an era or Western year starting exactly at s[i]. */
static int parse_at(const char *s, size_t n, size_t i, int *year, int *fiscal,
		    size_t *end)
{
	size_t k;
	int v, fy = 0;

	for (k = 0; k < MD_ARRAY_SIZE(eras); k++) {
		const struct era *e = &eras[k];
		int latin = 0;

		if (starts(s, n, i, e->kanji)) {
			i += strlen(e->kanji);
		} else if (i < n && (s[i] == e->latin || s[i] == e->latin + 32) &&
			   i + 1 < n && ((s[i + 1] >= '0' && s[i + 1] <= '9') ||
					 s[i + 1] == ' ')) {
			i++;
			latin = 1;
		} else {
			continue;
		}
		if (read_number(s, n, &i, !latin, &v))
			return MD_EINPUT;
		if (v < 1 || (e->last && v > e->last))
			return MD_EINPUT;
		if (!year_suffix(s, n, &i, &fy)) {
			if (!latin)
				return MD_EINPUT;
			fy = 1;   /* R7 is how staff write a fiscal year */
		}
		*year = e->base + v;
		*fiscal = fy;
		*end = i;
		return 0;
	}
	if (i + 1 < n && (s[i] == 'F' || s[i] == 'f') &&
	    (s[i + 1] == 'Y' || s[i + 1] == 'y')) {
		i += 2;
		fy = 1;
	}
	if (read_number(s, n, &i, 0, &v) || v < 1868 || v > 2200)
		return MD_EINPUT;
	year_suffix(s, n, &i, &fy);
	*year = v;
	*fiscal = fy;
	*end = i;
	return 0;
}

int text_era_parse(const char *s, int *year, int *fiscal)
{
	size_t n = strlen(s), end = 0;
	int y, f;

	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (parse_at(s, n, 0, &y, &f, &end) || end != n)
		return MD_EINPUT;
	*year = y;
	*fiscal = f;
	return 0;
}

int text_era_find(const char *s, size_t n, int *year, int *fiscal,
		  size_t *start, size_t *end)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < MD_ARRAY_SIZE(eras); k++) {
			size_t e;

			if (starts(s, n, i, eras[k].kanji) &&
			    !parse_at(s, n, i, year, fiscal, &e)) {
				*start = i;
				*end = e;
				return 0;
			}
		}
	}
	return MD_ENOTFOUND;
}

int text_era_fy_ja(int year, struct buf *out)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(eras); k++) {
		const struct era *e = &eras[k];

		if (year >= e->first) {
			if (year - e->base == 1)
				return buf_printf(out, "%s元年度", e->kanji);
			return buf_printf(out, "%s%d年度", e->kanji, year - e->base);
		}
	}
	return MD_EINPUT;
}
