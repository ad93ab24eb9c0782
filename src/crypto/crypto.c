#include <sodium.h>

#include "crypto.h"

int crypto_digest_hex(const void *data, size_t len, struct buf *out)
{
	unsigned char h[32];
	char hex[65];

	if (sodium_init() < 0)
		return MD_EUSAGE;
	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return buf_puts(out, hex);
}
