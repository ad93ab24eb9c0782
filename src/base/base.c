#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

char buf_empty_[1];

const char *md_strerror(int rc)
{
	switch (rc) {
	case MD_OK: return "ok";
	case MD_ENOMEM: return "out of memory or size limit";
	case MD_EINPUT: return "bad input";
	case MD_EUSAGE: return "usage error";
	case MD_EDB: return "database error";
	case MD_EIO: return "i/o error";
	case MD_ENOTFOUND: return "not found";
	case MD_ECONFLICT: return "conflict (changed since it was read)";
	case MD_EFORBIDDEN: return "forbidden";
	}
	return "unknown error";
}

void buf_init(struct buf *b, size_t max)
{
	b->ptr = buf_empty_;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = 0;
}

void buf_release(struct buf *b)
{
	size_t max = b->max;

	if (b->cap)
		free(b->ptr);
	buf_init(b, max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
	b->err = 0;
}

static int buf_grow(struct buf *b, size_t extra)
{
	size_t max = b->max ? b->max : BUF_DEFAULT_MAX;
	size_t need, ncap;
	char *p;

	if (b->err)
		return b->err;
	if (extra > max || b->len > max - extra) {
		b->err = MD_ENOMEM;
		return b->err;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	p = realloc(b->cap ? b->ptr : NULL, ncap);
	if (!p) {
		b->err = MD_ENOMEM;
		return b->err;
	}
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = ncap;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len))
		return b->err;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	return buf_add(b, &ch, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return b->err;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = MD_EINPUT;
		return b->err;
	}
	if (buf_grow(b, (size_t)n))
		return b->err;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

void buf_rtrim(struct buf *b)
{
	while (b->len) {
		unsigned char c = (unsigned char)b->ptr[b->len - 1];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			b->len--;
		} else if (b->len >= 3 && !memcmp(b->ptr + b->len - 3,
						  "\xe3\x80\x80", 3)) {
			b->len -= 3;
		} else {
			break;
		}
	}
	if (b->cap)
		b->ptr[b->len] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (b->err) {
		buf_release(b);
		return NULL;
	}
	if (!b->cap) {
		p = malloc(1);
		if (!p)
			return NULL;
		p[0] = '\0';
	} else {
		p = b->ptr;
	}
	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

/* Arena: a chain of blocks; big requests get a block of their own. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_block *head;
	int err;
};

#define ARENA_BLOCK (64 * 1024)

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct arena_block *b, *n;

	if (!a)
		return;
	for (b = a->head; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	struct arena_block *b = a->head;
	size_t size;
	void *p;

	n = n ? (n + al - 1) / al * al : al;
	if (!b || b->size - b->used < n) {
		size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b) {
			a->err = MD_ENOMEM;
			return NULL;
		}
		b->used = 0;
		b->size = size;
		if (a->head && size != ARENA_BLOCK) {
			/* keep the current block for small requests */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

int arena_error(const struct arena *a)
{
	return a->err;
}

int num_parse_ll(const char *s, size_t n, long long min, long long max,
		 long long *out)
{
	unsigned long long v = 0, lim;
	size_t i = 0;
	int neg = 0;

	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return MD_EINPUT;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return MD_EINPUT;
		d = (unsigned)(s[i] - '0');
		if (v > (lim - d) / 10)
			return MD_EINPUT;
		v = v * 10 + d;
	}
	if (neg) {
		long long r = v == (unsigned long long)LLONG_MAX + 1 ?
			LLONG_MIN : -(long long)v;
		if (r < min || r > max)
			return MD_EINPUT;
		*out = r;
	} else {
		if ((long long)v < min || (long long)v > max)
			return MD_EINPUT;
		*out = (long long)v;
	}
	return 0;
}

int num_parse_int(const char *s, int min, int max, int *out)
{
	long long v;
	int rc = num_parse_ll(s, strlen(s), min, max, &v);

	if (rc == 0)
		*out = (int)v;
	return rc;
}

int num_parse_decimal(const char *s, size_t n, double *out, int *decimals)
{
	long long m = 0;
	size_t i = 0, start;
	int neg = 0, digits = 0, frac = 0, group = -1, sig = 0;
	double p = 1;

	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	start = i;
	for (; i < n && s[i] != '.'; i++) {
		if (s[i] == ',') {
			/* a separator: after 1-3 digits first, then exactly 3 */
			if (i == start || (group < 0 ? digits > 3 : group != 3))
				return MD_EINPUT;
			group = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return MD_EINPUT;
		if (sig || s[i] != '0')
			sig++;
		if (sig > 15)
			return MD_EINPUT;
		m = m * 10 + (s[i] - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (!digits || (group >= 0 && group != 3))
		return MD_EINPUT;
	if (i < n) {
		i++;   /* the point */
		if (i == n)
			return MD_EINPUT;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return MD_EINPUT;
			if (sig || s[i] != '0')
				sig++;
			if (sig > 15 || frac >= 15)
				return MD_EINPUT;
			m = m * 10 + (s[i] - '0');
			frac++;
			p *= 10;
		}
	}
	*out = (neg ? -(double)m : (double)m) / p;
	if (*out == 0)
		*out = 0;   /* no negative zero */
	if (decimals)
		*decimals = frac;
	return 0;
}

int num_format(struct buf *b, double v, int decimals, int group)
{
	char tmp[64];
	int len, i, intlen, start;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 15)
		decimals = 15;
	len = snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	if (len <= 0 || len >= (int)sizeof(tmp))
		return buf_puts(b, "?");
	if (!strcmp(tmp, "-0") || (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1)))
		memmove(tmp, tmp + 1, strlen(tmp));   /* -0.0 -> 0.0 */
	start = tmp[0] == '-';
	intlen = (int)strcspn(tmp + start, ".");
	if (!group || intlen <= 3)
		return buf_puts(b, tmp);
	buf_add(b, tmp, (size_t)start);
	for (i = 0; i < intlen; i++) {
		if (i && (intlen - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, tmp[start + i]);
	}
	return buf_puts(b, tmp + start + intlen);
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	char *s = NULL;

	if (!buf_vprintf(&b, fmt, ap))
		s = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return s;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

int num_decimals(double v)
{
	int d;
	double p = 1;

	for (d = 0; d < 6; d++, p *= 10) {
		double s = v * p;

		if (fabs(s - round(s)) < 1e-9 * (fabs(s) > 1 ? fabs(s) : 1))
			return d;
	}
	return 6;
}

int file_read(const char *path, size_t max, struct buf *b)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	int rc = MD_EIO;
	size_t n;

	if (!f)
		return MD_EIO;
	buf_init(b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(b, chunk, n)) {
			rc = MD_ENOMEM;
			goto out;
		}
	}
	if (ferror(f))
		goto out;
	rc = 0;
out:
	if (f != stdin)
		fclose(f);
	if (rc)
		buf_release(b);
	return rc;
}
