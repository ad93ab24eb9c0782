#include <string.h>
#include <sodium.h>

#include "crypto.h"

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((struct crypto_sha256_ctx *)0)->opaque),
	       "crypto_sha256_ctx too small for libsodium's state");
_Static_assert(CRYPTO_PW_HASH_MAX >= crypto_pwhash_STRBYTES, "CRYPTO_PW_HASH_MAX too small");
_Static_assert(CRYPTO_TOKEN_LEN + 1 ==
	       sodium_base64_ENCODED_LEN(CRYPTO_TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	       "token length");

int crypto_init(void)
{
	/* sodium_init() is thread-safe and returns 1 once initialised */
	return sodium_init() < 0 ? MD_EUSAGE : 0;
}

int crypto_digest_hex(const void *data, size_t len, struct buf *out)
{
	unsigned char h[32];
	char hex[65];

	if (crypto_init())
		return MD_EUSAGE;
	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return buf_puts(out, hex);
}

int crypto_sha256(const void *data, size_t len, unsigned char out[CRYPTO_SHA256_BYTES])
{
	if (crypto_init())
		return MD_EUSAGE;
	crypto_hash_sha256(out, data, len);
	return 0;
}

int crypto_sha256_hex(const void *data, size_t len, struct buf *out)
{
	unsigned char h[CRYPTO_SHA256_BYTES];
	char hex[CRYPTO_SHA256_HEX + 1];

	if (crypto_sha256(data, len, h))
		return MD_EUSAGE;
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return buf_puts(out, hex);
}

int crypto_sha256_init(struct crypto_sha256_ctx *c)
{
	if (crypto_init())
		return MD_EUSAGE;
	crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)c->opaque);
	return 0;
}

void crypto_sha256_update(struct crypto_sha256_ctx *c, const void *data, size_t len)
{
	crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)c->opaque, data, len);
}

int crypto_sha256_final_hex(struct crypto_sha256_ctx *c, struct buf *out)
{
	unsigned char h[CRYPTO_SHA256_BYTES];
	char hex[CRYPTO_SHA256_HEX + 1];

	crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)c->opaque, h);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return buf_puts(out, hex);
}

int crypto_token_new(struct buf *out)
{
	unsigned char raw[CRYPTO_TOKEN_BYTES];
	char enc[CRYPTO_TOKEN_LEN + 1];
	int rc;

	if (crypto_init())
		return MD_EUSAGE;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(enc, sizeof(enc), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	rc = buf_add(out, enc, CRYPTO_TOKEN_LEN);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(enc, sizeof(enc));
	return rc;
}

int crypto_token_shape(const char *s, size_t n)
{
	size_t i;

	if (!s || n != CRYPTO_TOKEN_LEN)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	/* the last character carries 2 bits of padding that must be zero
	 * (A E I M Q U Y c g k o s w 0 4 8) for a canonical encoding */
	return strchr("AEIMQUYcgkosw048", s[n - 1]) != NULL;
}

int crypto_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

int crypto_str_equal(const char *a, const char *b)
{
	size_t la, lb;
	int same;

	if (!a || !b)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	/* compare a against itself when the lengths differ, so the work is
	 * the same and no byte past either string is read */
	same = sodium_memcmp(a, la == lb ? b : a, la) == 0;
	return same & (la == lb);
}

void crypto_wipe(void *p, size_t n)
{
	if (p && n)
		sodium_memzero(p, n);
}

void crypto_pw_limits_interactive(struct crypto_pw_limits *l)
{
	l->ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
	l->mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
}

int crypto_pw_limits_ok(const struct crypto_pw_limits *l)
{
	return l && l->ops >= crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE &&
		l->ops <= crypto_pwhash_argon2id_OPSLIMIT_MAX &&
		l->mem >= crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE &&
		l->mem <= crypto_pwhash_argon2id_MEMLIMIT_MAX;
}

int crypto_pw_hash(const char *pw, size_t n, const struct crypto_pw_limits *l,
		   char out[CRYPTO_PW_HASH_MAX])
{
	char h[crypto_pwhash_STRBYTES];

	if (crypto_init() || !crypto_pw_limits_ok(l) || !pw)
		return MD_EUSAGE;
	if (crypto_pwhash_str_alg(h, pw, n, l->ops, l->mem,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return MD_ENOMEM;
	memcpy(out, h, sizeof(h));
	return 0;
}

int crypto_pw_verify(const char *hash, const char *pw, size_t n)
{
	char h[crypto_pwhash_STRBYTES];
	size_t len;

	if (crypto_init() || !hash || !pw)
		return 0;
	len = strlen(hash);
	if (len >= sizeof(h))
		return 0;
	/* libsodium reads the full STRBYTES: give it a padded copy */
	memset(h, 0, sizeof(h));
	memcpy(h, hash, len);
	return crypto_pwhash_str_verify(h, pw, n) == 0;
}

int crypto_pw_needs_rehash(const char *hash, const struct crypto_pw_limits *l)
{
	char h[crypto_pwhash_STRBYTES];
	size_t len;

	if (crypto_init() || !hash || !crypto_pw_limits_ok(l))
		return 1;
	len = strlen(hash);
	if (len >= sizeof(h))
		return 1;
	memset(h, 0, sizeof(h));
	memcpy(h, hash, len);
	return crypto_pwhash_str_needs_rehash(h, l->ops, l->mem) != 0;
}
