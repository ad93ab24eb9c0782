#ifndef MD_CRYPTO_H
#define MD_CRYPTO_H
/*
 * crypto: digests, random tokens, password hashing and constant-time
 * comparison. libsodium lives here and nowhere else; no other module
 * calls it or compares a secret with memcmp/strcmp.
 *
 * Owns nothing but libsodium's one-time initialisation (crypto_init(),
 * called by every function that needs it; thread-safe). May call base.
 * Every function appends to or fills caller-owned memory; nothing here
 * keeps state between calls.
 *
 * Names: libsodium's own functions are crypto_<primitive>_*, so ours are
 * named after what they are for (crypto_pw_*, crypto_token_*, crypto_sha256_*)
 * and never shadow one of theirs.
 */
#include "../base/base.h"

/* 0, or MD_EUSAGE when libsodium cannot initialise (no entropy source). */
int crypto_init(void);

/* ---- digests ---- */

/* BLAKE2b-256 of data as 64 lowercase hex digits appended to out (the
 * digest of imported documents). */
int crypto_digest_hex(const void *data, size_t len, struct buf *out);

#define CRYPTO_SHA256_BYTES 32
#define CRYPTO_SHA256_HEX 64
/* SHA-256 of data into out[32]. */
int crypto_sha256(const void *data, size_t len, unsigned char out[CRYPTO_SHA256_BYTES]);
/* SHA-256 of data as 64 lowercase hex digits appended to out (the audit
 * chain; the server-side form of a session id). */
int crypto_sha256_hex(const void *data, size_t len, struct buf *out);

/*
 * Incremental SHA-256 for a digest over several pieces (an audit entry's
 * fields). The state lives in the caller's struct; init, update any number
 * of times, final appends the hex digest to out.
 */
struct crypto_sha256_ctx {
	_Alignas(16) unsigned char opaque[256]; /* libsodium's state */
};
int crypto_sha256_init(struct crypto_sha256_ctx *c);
void crypto_sha256_update(struct crypto_sha256_ctx *c, const void *data, size_t len);
int crypto_sha256_final_hex(struct crypto_sha256_ctx *c, struct buf *out);

/* ---- random tokens ---- */

/*
 * A new token of 256 bits from libsodium's CSPRNG (randombytes_buf),
 * encoded URL-safe base64 without padding: CRYPTO_TOKEN_LEN characters of
 * [A-Za-z0-9_-], safe in a cookie, a form field and a URL. Appended to
 * out. Session ids and CSRF tokens are such tokens.
 */
#define CRYPTO_TOKEN_BYTES 32
#define CRYPTO_TOKEN_LEN 43
int crypto_token_new(struct buf *out);
/* 1 when s[0..n) has the shape of a token (length and alphabet): lets a
 * caller refuse junk before it reaches the database. */
int crypto_token_shape(const char *s, size_t n);

/* ---- constant-time comparison ---- */

/* 1 when a[0..n) equals b[0..n), in time that depends on n only
 * (sodium_memcmp). */
int crypto_equal(const void *a, const void *b, size_t n);
/* 1 when the strings are equal. The time depends on the lengths only (a
 * shorter or longer guess is refused after the same work): for tokens and
 * hashes, whose length is public. NULL equals nothing. */
int crypto_str_equal(const char *a, const char *b);
/* Overwrites n bytes at p with zeros in a way the compiler keeps
 * (sodium_memzero): for password buffers before they are freed. */
void crypto_wipe(void *p, size_t n);

/* ---- passwords (argon2id) ---- */

/*
 * Cost limits for argon2id. crypto_pw_limits_interactive() gives
 * libsodium's INTERACTIVE limits (2 passes, 64 MiB), the least this system
 * accepts; a deployment may raise them. Changing the limits makes
 * crypto_pw_needs_rehash() say 1 for older hashes, so they are replaced at
 * the next successful login.
 */
struct crypto_pw_limits {
	unsigned long long ops;   /* passes (opslimit) */
	size_t mem;               /* bytes of memory (memlimit) */
};
void crypto_pw_limits_interactive(struct crypto_pw_limits *l);
/* 1 when l is at least the interactive limits and at most libsodium's
 * maxima. */
int crypto_pw_limits_ok(const struct crypto_pw_limits *l);

/* The encoded hash ($argon2id$v=19$m=...,t=...,p=1$salt$hash) is shorter
 * than this, NUL included. */
#define CRYPTO_PW_HASH_MAX 128
/* Hashes pw[0..n) with a fresh random salt; out gets the encoded hash.
 * MD_EUSAGE when the limits are out of range, MD_ENOMEM when the memory
 * cannot be had. */
int crypto_pw_hash(const char *pw, size_t n, const struct crypto_pw_limits *l,
		   char out[CRYPTO_PW_HASH_MAX]);
/* 1 when pw[0..n) matches the encoded hash, 0 when it does not or the hash
 * is malformed. The work is that of the hash's own limits. */
int crypto_pw_verify(const char *hash, const char *pw, size_t n);
/* 1 when the hash was made with other limits than l or is not argon2id
 * (it should be made again from the password just verified), 0 when it
 * is current; 1 for a malformed hash too. */
int crypto_pw_needs_rehash(const char *hash, const struct crypto_pw_limits *l);

#endif
