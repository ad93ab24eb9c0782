/*
 * Amounts of money as budget documents write them, to whole yen:
 * 7.7億円, 7.7 億円, 442,607千円, 51百万円, １４億円, 約3億円, 8.8（－億円）.
 * Exact integer arithmetic (no doubles): 0.1億円 is 10,000,000 yen, and a
 * fraction finer than one yen is refused rather than rounded.
 */
#include <limits.h>
#include <string.h>

#include "internal.h"

static const struct {
	const char *word;   /* NFKC form */
	int exp;            /* power of ten */
} yen_units[] = {
	/* longest first: 千万円 before 万円, 百万円 before 万円 */
	{ "千万円", 7 }, { "百万円", 6 }, { "兆円", 12 }, { "億円", 8 },
	{ "万円", 4 }, { "千円", 3 }, { "円", 0 },
};

/* The unit at *p (advanced past it), or -1. */
static int unit_at(const char **p)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(yen_units); i++) {
		size_t w = strlen(yen_units[i].word);

		if (!strncmp(*p, yen_units[i].word, w)) {
			*p += w;
			return yen_units[i].exp;
		}
	}
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A unit word without 円 where a unit could start (億 in 1億2,000万円). */
static int unit_char(const char *p)
{
	static const char *const w[] = { "兆", "億", "千", "百", "万", "円" };
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(w); i++) {
		if (!strncmp(p, w[i], strlen(w[i])))
			return 1;
	}
	return 0;
}

/* Digits with optional thousands separators and fraction: the digits
 * without separators into d (at most 30), the fraction's length. */
static int number_at(const char **p, char *d, int *nd, int *frac)
{
	const char *s = *p;
	int n = 0, group = -1, f = -1;

	if (!is_digit(*s))
		return MD_EINPUT;
	for (;; s++) {
		if (is_digit(*s)) {
			if (n == 30)
				return MD_ENOMEM;
			d[n++] = *s;
			if (group >= 0)
				group++;
			if (f >= 0)
				f++;
		} else if (*s == ',' && f < 0 && is_digit(s[1]) &&
			   (group < 0 ? n <= 3 : group == 3)) {
			group = 0;
		} else if (*s == '.' && f < 0 && is_digit(s[1]) &&
			   (group < 0 || group == 3)) {
			f = 0;
			group = -1;
		} else {
			break;
		}
	}
	if (group >= 0 && group != 3)
		return MD_EINPUT;
	*nd = n;
	*frac = f < 0 ? 0 : f;
	*p = s;
	return 0;
}

int import_yen(const char *s, struct import_yen *out)
{
	struct buf n = BUF_INIT;
	const char *p, *why = "not an amount (expected 7.7億円, 442,607千円, "
		"51百万円 or 約3億円)";
	char d[30];
	int nd, frac, exp = -1, inner = -1, approx = 0, rc = MD_EINPUT, i;
	long long v = 0;

	memset(out, 0, sizeof(*out));
	if (text_normalize(s, strlen(s), TEXT_NORM_NOSPACE, &n)) {
		rc = MD_EINPUT;
		goto out;
	}
	p = n.ptr;
	if (!strncmp(p, "約", strlen("約"))) {
		approx = 1;
		p += strlen("約");
		if (!*p || !is_digit(*p)) {
			why = *p == '-' || !strncmp(p, "▲", strlen("▲")) ?
				"a negative amount" : "約 (about) without a number";
			goto out;
		}
	}
	if (*p == '-' || *p == '+' || !strncmp(p, "▲", strlen("▲")) ||
	    !strncmp(p, "△", strlen("△"))) {
		why = *p == '+' ? "a sign before the amount" : "a negative amount";
		goto out;
	}
	if ((rc = number_at(&p, d, &nd, &frac))) {
		why = rc == MD_ENOMEM ? "too many digits" : why;
		rc = MD_EINPUT;
		goto out;
	}
	rc = MD_EINPUT;
	exp = unit_at(&p);
	if (exp < 0 && unit_char(p)) {
		why = "mixed units (write the amount in one unit: 1.2億円, not "
			"1億2,000万円)";
		goto out;
	}
	/* （前年度）: the previous year's figure in brackets, where the unit
	 * may sit inside (8.8（－億円）) or after the bracket (8.8（7.7）億円) */
	if (*p == '(') {
		const char *q = p + 1;
		char pd[30];
		int pnd, pfrac;

		out->prev_none = *q == '-';
		if (*q == '-')
			q++;
		else if (number_at(&q, pd, &pnd, &pfrac))
			goto out;
		inner = unit_at(&q);
		if (*q != ')')
			goto out;
		p = q + 1;
		out->bracket = 1;
	}
	if (exp < 0) {
		exp = unit_at(&p);
		if (exp < 0)
			exp = inner;
		else if (inner >= 0 && inner != exp) {
			why = "mixed units (the bracket and the amount name different units)";
			goto out;
		}
	} else if (inner >= 0 && inner != exp) {
		why = "mixed units (the bracket and the amount name different units)";
		goto out;
	}
	if (exp < 0) {
		why = *p ? why : "no unit (expected 円, 千円, 万円, 百万円, 億円 or 兆円)";
		goto out;
	}
	if (*p) {
		why = unit_char(p) || is_digit(*p) ?
			"mixed units (write the amount in one unit: 1.2億円, not "
			"1億2,000万円)" : why;
		goto out;
	}
	if (frac > exp) {
		why = "a fraction of a yen";
		goto out;
	}
	for (i = 0; i < nd + exp - frac; i++) {
		int digit = i < nd ? d[i] - '0' : 0;

		if (v > (LLONG_MAX - digit) / 10) {
			why = "too large (more than 9,223,372,036,854,775,807 yen)";
			goto out;
		}
		v = v * 10 + digit;
	}
	out->yen = v;
	out->approx = approx;
	rc = 0;
out:
	out->why = rc ? why : NULL;
	buf_release(&n);
	return rc;
}
