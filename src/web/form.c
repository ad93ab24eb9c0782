/*
 * Form bodies and cookies, as the handlers see them. Pure C, no
 * libmicrohttpd: the server's post processor hands each field here in
 * pieces (web_form_add()), and the Cookie header is read here as sent
 * (web_cookie_get()), so both can be fuzzed (tests/fuzz/fuzz_form.c).
 *
 * Caps: WEB_FORM_FIELDS fields, WEB_FORM_BYTES of names and values in
 * all; a field name of 1 to WEB_FORM_NAME_MAX - 1 bytes of [A-Za-z0-9_.-];
 * a value without NUL bytes. Anything else marks the form bad, and a bad
 * form is refused as a whole (400) before a handler sees it: a request
 * never half-applies.
 */
#include <stdio.h>
#include <string.h>

#include "web.h"

void web_form_init(struct web_form *f)
{
	memset(f, 0, sizeof(*f));
}

void web_form_init_cap(struct web_form *f, size_t cap, const char *binary)
{
	memset(f, 0, sizeof(*f));
	f->cap = cap;
	f->binary = binary;
}

void web_form_release(struct web_form *f)
{
	int i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++)
		buf_release(&f->field[i].value);
	web_form_init(f);
}

static int name_ok(const char *k)
{
	size_t n = strlen(k), i;

	if (!n || n >= WEB_FORM_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char ch = k[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
			return 0;
	}
	return 1;
}

static int refuse(struct web_form *f)
{
	f->bad = 1;
	return MD_EINPUT;
}

int web_form_add(struct web_form *f, const char *key, const char *data, size_t off,
		 size_t size)
{
	struct web_field *fl;
	size_t cap = f->cap ? f->cap : WEB_FORM_BYTES;
	int binary;

	if (f->bad)
		return MD_EINPUT;
	binary = key && f->binary && !strcmp(key, f->binary);
	if (!key || !name_ok(key) || (size && !data) ||
	    (size && !binary && memchr(data, 0, size)))
		return refuse(f);
	if (size > cap || f->bytes + size > cap)
		return refuse(f);
	fl = f->n ? &f->field[f->n - 1] : NULL;
	/* a piece continues the last field when it names it and starts where
	 * that one ends; any other piece starts a field and must be at 0 */
	if (!fl || off == 0 || strcmp(fl->name, key)) {
		if (off || f->n >= WEB_FORM_FIELDS)
			return refuse(f);
		if (f->bytes + strlen(key) + size > cap)
			return refuse(f);
		fl = &f->field[f->n++];
		snprintf(fl->name, sizeof(fl->name), "%s", key);
		buf_init(&fl->value, binary ? cap : WEB_FORM_BYTES);
		f->bytes += strlen(key);
	} else if (off != fl->value.len) {
		return refuse(f);
	}
	if (size && buf_add(&fl->value, data, size))
		return refuse(f);
	f->bytes += size;
	return 0;
}

const char *web_form_get(const struct web_form *f, const char *name)
{
	size_t len;

	return web_form_get_len(f, name, &len);
}

const char *web_form_get_len(const struct web_form *f, const char *name, size_t *len)
{
	int i, found = -1;

	*len = 0;
	if (!f || f->bad)
		return NULL;
	for (i = 0; i < f->n; i++) {
		if (strcmp(f->field[i].name, name))
			continue;
		if (found >= 0)
			return NULL;   /* given twice: which one was meant? neither */
		found = i;
	}
	if (found < 0)
		return NULL;
	*len = f->field[found].value.len;
	return f->field[found].value.ptr;
}

/*
 * Cookie: name=value; name2=value2 (RFC 6265 section 4.2.1, read
 * strictly): pairs separated by ";" and optional spaces, names of token
 * characters, values of cookie-octets, optionally in double quotes.
 * Returns 1 with the value in out, 0 when the cookie is absent, and -1
 * when it is there but cannot be trusted: the header is malformed, the
 * name comes twice (a sibling site may have tossed in a cookie of its
 * own), or the value does not fit in cap. -1 is to be treated as absent.
 */
static int token_char(unsigned char ch)
{
	return ch > 0x20 && ch < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", ch);
}

static int octet(unsigned char ch)
{
	return ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) || (ch >= 0x2d && ch <= 0x3a) ||
	       (ch >= 0x3c && ch <= 0x5b) || (ch >= 0x5d && ch <= 0x7e);
}

static int cookie_scan(const char *header, const char *name, char *out, size_t cap)
{
	const char *p = header;
	size_t nlen = strlen(name);
	int found = 0;

	if (cap)
		out[0] = 0;
	if (!header)
		return 0;
	if (strlen(header) > WEB_COOKIE_HEADER_MAX)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p) {
		const char *k = p, *v, *ve;
		size_t klen;
		int quoted = 0;

		while (token_char((unsigned char)*p))
			p++;
		klen = (size_t)(p - k);
		if (!klen || *p != '=')
			return -1;
		v = ++p;
		if (*p == '"') {
			quoted = 1;
			v = ++p;
		}
		while (octet((unsigned char)*p))
			p++;
		ve = p;
		if (quoted) {
			if (*p != '"')
				return -1;
			p++;
		}
		if (klen == nlen && !memcmp(k, name, nlen)) {
			if (found)
				return -1;
			found = 1;
			if ((size_t)(ve - v) >= cap)
				return -1;
			memcpy(out, v, (size_t)(ve - v));
			out[ve - v] = 0;
		}
		if (!*p)
			break;
		if (*p != ';')
			return -1;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;   /* a trailing ';' is tolerated */
	}
	if (!found && cap)
		out[0] = 0;
	return found;
}

int web_cookie_get(const char *header, const char *name, char *out, size_t cap)
{
	int rc = cookie_scan(header, name, out, cap);

	if (rc != 1 && cap)
		out[0] = 0;
	return rc;
}
