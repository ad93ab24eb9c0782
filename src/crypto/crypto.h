#ifndef MD_CRYPTO_H
#define MD_CRYPTO_H
/*
 * crypto: digests and random tokens. libsodium lives here and nowhere else.
 */
#include "../base/base.h"

/* BLAKE2b-256 of data as 64 lowercase hex digits appended to out. */
int crypto_digest_hex(const void *data, size_t len, struct buf *out);

#endif
