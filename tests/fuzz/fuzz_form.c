/* libFuzzer target: the form-body accumulator and the Cookie parser
 * (src/web/form.c), the two pieces of the write side that read what a
 * client sends. Input: a Cookie header, a 0xff byte, then records of
 * [key][offset mode][length][bytes] that drive web_form_add() the way
 * libmicrohttpd's post processor calls it (fields in pieces, continued or
 * not, some names invalid).
 *
 * Besides crashes it checks the caps and the parsers' promises: a form
 * never holds more than WEB_FORM_BYTES or WEB_FORM_FIELDS, a bad form
 * answers nothing, a value found in a cookie holds cookie octets only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "csrf", "user", "password", "a b", "", "version" };

static int octet(unsigned char ch)
{
	return ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) || (ch >= 0x2d && ch <= 0x3a) ||
	       (ch >= 0x3c && ch <= 0x5b) || (ch >= 0x5d && ch <= 0x7e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0xff, size);
	size_t hlen = sep ? (size_t)(sep - data) : size, i;
	char *header = malloc(hlen + 1), v[64];
	struct web_form f;
	int rc, k;

	memcpy(header, data, hlen);
	header[hlen] = 0;
	rc = web_cookie_get(header, "mdplan_session", v, sizeof(v));
	if (rc == 1) {
		for (i = 0; v[i]; i++) {
			if (!octet((unsigned char)v[i]))
				abort();
		}
	} else if (v[0]) {
		abort();
	}
	free(header);

	web_form_init(&f);
	i = sep ? hlen + 1 : size;
	while (i + 3 <= size) {
		const char *key = names[data[i] % MD_ARRAY_SIZE(names)];
		size_t len = data[i + 2], off;
		struct web_field *last = f.n ? &f.field[f.n - 1] : NULL;

		if (data[i + 1] & 0x80)   /* a long piece */
			len *= 512;
		off = (data[i + 1] & 3) == 0 ? 0 : (data[i + 1] & 3) == 1 && last ?
			last->value.len : data[i + 1];
		i += 3;
		if (len > size - i)
			len = size - i;
		web_form_add(&f, key, (const char *)data + i, off, len);
		i += len;
	}
	if (f.bytes > WEB_FORM_BYTES || f.n > WEB_FORM_FIELDS)
		abort();
	for (k = 0; k < (int)MD_ARRAY_SIZE(names); k++) {
		const char *val = web_form_get(&f, names[k]);

		if (val && (f.bad || strlen(val) > WEB_FORM_BYTES))
			abort();
	}
	web_form_release(&f);
	return 0;
}
