/*
 * src/crypto: digests against published test vectors, tokens (length,
 * alphabet, uniqueness, canonical shape), constant-time comparison, and
 * argon2id hashing with its rehash check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/crypto.h"

static void sha256_vectors(void **state)
{
	struct buf b = BUF_INIT;
	struct crypto_sha256_ctx c;

	(void)state;
	/* FIPS 180-2 appendix B.1 and the empty string */
	assert_int_equal(crypto_sha256_hex("abc", 3, &b), 0);
	assert_string_equal(b.ptr, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	buf_reset(&b);
	assert_int_equal(crypto_sha256_hex("", 0, &b), 0);
	assert_string_equal(b.ptr, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* pieces give the digest of the whole */
	buf_reset(&b);
	assert_int_equal(crypto_sha256_init(&c), 0);
	crypto_sha256_update(&c, "a", 1);
	crypto_sha256_update(&c, "bc", 2);
	assert_int_equal(crypto_sha256_final_hex(&c, &b), 0);
	assert_string_equal(b.ptr, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	buf_release(&b);
}

static void tokens_are_long_urlsafe_and_unique(void **state)
{
	enum { N = 2000 };
	char (*t)[CRYPTO_TOKEN_LEN + 1] = calloc(N, sizeof(*t));
	struct buf b = BUF_INIT;
	int i, j, k;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < N; i++) {
		buf_reset(&b);
		assert_int_equal(crypto_token_new(&b), 0);
		assert_int_equal(b.len, CRYPTO_TOKEN_LEN);
		for (k = 0; k < (int)b.len; k++)
			assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					       "0123456789-_", b.ptr[k]));
		assert_true(crypto_token_shape(b.ptr, b.len));
		memcpy(t[i], b.ptr, CRYPTO_TOKEN_LEN + 1);
	}
	for (i = 0; i < N; i++) {
		for (j = i + 1; j < N; j++)
			assert_string_not_equal(t[i], t[j]);
	}
	/* shape: wrong length, a character outside the alphabet, padding
	 * bits set in the last character */
	assert_false(crypto_token_shape(t[0], CRYPTO_TOKEN_LEN - 1));
	t[1][5] = '+';
	assert_false(crypto_token_shape(t[1], CRYPTO_TOKEN_LEN));
	t[2][CRYPTO_TOKEN_LEN - 1] = 'B';
	assert_false(crypto_token_shape(t[2], CRYPTO_TOKEN_LEN));
	t[2][CRYPTO_TOKEN_LEN - 1] = 'A';
	assert_true(crypto_token_shape(t[2], CRYPTO_TOKEN_LEN));
	assert_false(crypto_token_shape(NULL, 0));
	free(t);
	buf_release(&b);
}

static void equal_compares_everything(void **state)
{
	(void)state;
	assert_true(crypto_equal("abcdef", "abcdef", 6));
	assert_false(crypto_equal("abcdef", "abcdeg", 6));
	assert_false(crypto_equal("xbcdef", "abcdef", 6));
	assert_true(crypto_str_equal("token", "token"));
	assert_false(crypto_str_equal("token", "tokenX"));
	assert_false(crypto_str_equal("tokenX", "token"));
	assert_false(crypto_str_equal("", "a"));
	assert_true(crypto_str_equal("", ""));
	assert_false(crypto_str_equal(NULL, "a"));
	assert_false(crypto_str_equal("a", NULL));
}

static void password_hash_verify_and_rehash(void **state)
{
	struct crypto_pw_limits l, more, less;
	char h1[CRYPTO_PW_HASH_MAX], h2[CRYPTO_PW_HASH_MAX];
	const char *pw = "correct horse battery staple";

	(void)state;
	crypto_pw_limits_interactive(&l);
	assert_true(l.ops >= 2 && l.mem >= 64u << 20);
	assert_int_equal(crypto_pw_hash(pw, strlen(pw), &l, h1), 0);
	assert_int_equal(crypto_pw_hash(pw, strlen(pw), &l, h2), 0);
	assert_memory_equal(h1, "$argon2id$v=19$m=65536,t=2,p=1$", 31);
	assert_string_not_equal(h1, h2);                 /* a fresh salt each time */
	assert_true(crypto_pw_verify(h1, pw, strlen(pw)));
	assert_true(crypto_pw_verify(h2, pw, strlen(pw)));
	assert_false(crypto_pw_verify(h1, pw, strlen(pw) - 1));
	assert_false(crypto_pw_verify(h1, "Correct horse battery staple", strlen(pw)));
	assert_false(crypto_pw_verify("$argon2id$junk", pw, strlen(pw)));
	assert_false(crypto_pw_verify("", pw, strlen(pw)));
	/* current limits: no rehash; other limits or junk: rehash */
	assert_false(crypto_pw_needs_rehash(h1, &l));
	more = l;
	more.ops = l.ops + 1;
	assert_true(crypto_pw_needs_rehash(h1, &more));
	more = l;
	more.mem = l.mem * 2;
	assert_true(crypto_pw_needs_rehash(h1, &more));
	assert_true(crypto_pw_needs_rehash("not a hash", &l));
	/* below interactive is refused */
	less = l;
	less.ops = 1;
	assert_false(crypto_pw_limits_ok(&less));
	assert_int_equal(crypto_pw_hash(pw, strlen(pw), &less, h2), MD_EUSAGE);
	less = l;
	less.mem = l.mem / 2;
	assert_int_equal(crypto_pw_hash(pw, strlen(pw), &less, h2), MD_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(tokens_are_long_urlsafe_and_unique),
		cmocka_unit_test(equal_compares_everything),
		cmocka_unit_test(password_hash_verify_and_rehash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
