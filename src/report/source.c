/*
 * Provenance shared by every output: the document of the sources list a
 * stored reference names (an import's source path, an indicator value's
 * "FILE:LINE quote"), dates as people write them, and when the data last
 * changed.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"

/* The number the n digits at s write; 0 if one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int report_cite_parse(const char *s, struct report_cite *c)
{
	const char *colon, *p;
	long line = 0;

	memset(c, 0, sizeof(*c));
	c->file = s;
	c->quote = "";
	/* the file name runs to the first ':' that digits follow */
	for (colon = strchr(s, ':'); colon; colon = strchr(colon + 1, ':')) {
		if (colon[1] >= '0' && colon[1] <= '9')
			break;
	}
	if (!colon || colon == s || memchr(s, ' ', (size_t)(colon - s)))
		return -1;
	for (p = colon + 1; *p >= '0' && *p <= '9' && line < 100000000; p++)
		line = line * 10 + (*p - '0');
	if (*p && *p != ' ')
		return -1;
	c->file_len = (size_t)(colon - s);
	c->line = line;
	while (*p == ' ')
		p++;
	c->quote = p;
	return 0;
}

/* Whether name[0..n) is one of the space-separated names of files. */
static int names(const char *files, const char *name, size_t n)
{
	while (*files) {
		size_t w = strcspn(files, " ");

		if (w == n && !memcmp(files, name, n))
			return 1;
		files += w;
		files += strspn(files, " ");
	}
	return 0;
}

const struct store_document_row *report_doc(const struct store_document_row *d,
					    int n, const char *name, size_t len)
{
	const char *base = name;
	size_t i;
	int k;

	/* a path names its last component */
	for (i = 0; i < len; i++) {
		if (name[i] == '/')
			base = name + i + 1;
	}
	len -= (size_t)(base - name);
	for (k = 0; k < n; k++) {
		if (len && names(d[k].files, base, len))
			return &d[k];
	}
	return NULL;
}

void report_date(struct buf *b, const char *iso, int en)
{
	int y = 0, m = 0, day = 0;
	size_t n = strlen(iso);

	if (n >= 7 && n <= 10 && iso[4] == '-') {
		y = digits(iso, 4);
		m = digits(iso + 5, 2);
		if (n == 10)
			day = digits(iso + 8, 2);
	}
	if (!y || !m || en) {
		buf_puts(b, iso);
		return;
	}
	buf_printf(b, "%d年%d月", y, m);
	if (day)
		buf_printf(b, "%d日", day);
}

void report_updated(struct buf *b, const char *at, int en)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (strlen(at) < 16 || at[4] != '-' || at[10] != 'T') {
		buf_puts(b, at);
		return;
	}
	tm.tm_year = digits(at, 4) - 1900;
	tm.tm_mon = digits(at + 5, 2) - 1;
	tm.tm_mday = digits(at + 8, 2);
	tm.tm_hour = digits(at + 11, 2);
	tm.tm_min = digits(at + 14, 2);
	if (en) {   /* as stored: UTC */
		buf_printf(b, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900,
			   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
		return;
	}
	/* 日本時間 (JST, UTC+9, no daylight saving) */
	t = timegm(&tm) + 9 * 3600;
	gmtime_r(&t, &tm);
	buf_printf(b, "%d年%d月%d日 %d:%02d（日本時間）", tm.tm_year + 1900,
		   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

int report_last_update(struct store *st, struct arena *a, const char **at)
{
	struct store_updated_row *r;
	int rc, n;

	*at = "";
	if ((rc = store_load_updated(st, NULL, a, &r, &n)))
		return rc;
	if (n)
		*at = r[0].at;
	return 0;
}

int report_stale(const char *updated, int year, int calendar)
{
	int ref, m;

	if (strlen(updated) < 7 || updated[4] != '-')
		return 0;
	ref = digits(updated, 4);
	m = digits(updated + 5, 2);
	if (!calendar && m < 4)   /* January to March: the fiscal year before */
		ref--;
	return ref - year > 2;
}
