/*
 * src/auth on a real (in-memory) store with a clock the tests move:
 * the password policy (length, user name, the shipped list), accounts
 * (and that a refused change writes nothing), sessions (new id per login,
 * idle and absolute timeouts, CSRF, logout, revocation), throttling
 * (growing delays, lock, unlock after the delay), unknown-user
 * equivalence (same answer, same work), rehash on login, the
 * authorization matrix, and the audit chain against tampering.
 *
 * Linked with -Wl,--wrap for sodium_memcmp and crypto_pwhash_str_verify
 * (Makefile), so the tests count the constant-time comparisons and the
 * password checks that src/crypto makes on auth's behalf.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "auth/auth.h"
#include "report/report.h"
#include "store/store_int.h"

/* ---- the wrapped libsodium calls ---- */

static long memcmp_calls, verify_calls, hash_calls;

int __real_sodium_memcmp(const void *b1, const void *b2, size_t len);
int __wrap_sodium_memcmp(const void *b1, const void *b2, size_t len);
int __wrap_sodium_memcmp(const void *b1, const void *b2, size_t len)
{
	memcmp_calls++;
	return __real_sodium_memcmp(b1, b2, len);
}

int __real_crypto_pwhash_str_verify(const char *str, const char *pw, unsigned long long n);
int __wrap_crypto_pwhash_str_verify(const char *str, const char *pw, unsigned long long n);
int __wrap_crypto_pwhash_str_verify(const char *str, const char *pw, unsigned long long n)
{
	verify_calls++;
	return __real_crypto_pwhash_str_verify(str, pw, n);
}

int __real_crypto_pwhash_str_alg(char *out, const char *pw, unsigned long long n,
				 unsigned long long ops, size_t mem, int alg);
int __wrap_crypto_pwhash_str_alg(char *out, const char *pw, unsigned long long n,
				 unsigned long long ops, size_t mem, int alg);
int __wrap_crypto_pwhash_str_alg(char *out, const char *pw, unsigned long long n,
				 unsigned long long ops, size_t mem, int alg)
{
	hash_calls++;
	return __real_crypto_pwhash_str_alg(out, pw, n, ops, mem, alg);
}

/* ---- fixtures ---- */

struct fx {
	struct store *st;
	struct auth *a;
	struct arena *ar;
	long long now;
};

static long long clock_of(void *ctx)
{
	return ((struct fx *)ctx)->now;
}

static const char *const PW = "Kx7-harbour-Lantern-92";
static const char *const PW2 = "violet*Quarry*ember*58";

static const struct auth_ctx cli = { NULL, "cli:tester", "", "", "req-1", 0, NULL, NULL };

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct auth_config cfg;

	if (!f || store_open(":memory:", 0, &f->st))
		return -1;
	f->now = 1750000000;   /* 2025-06-15 */
	auth_config_default(&cfg);
	cfg.now = clock_of;
	cfg.now_ctx = f;
	if (auth_new(f->st, &cfg, &f->a) || !(f->ar = arena_new()))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	auth_free(f->a);
	store_close(f->st);
	arena_free(f->ar);
	free(f);
	return 0;
}

static void add(struct fx *f, const char *name, unsigned roles, unsigned ministries)
{
	struct auth_user_spec u = { name, "", "", roles, ministries };
	int rc = auth_user_add(f->a, &cli, &u, PW);

	if (rc)
		fail_msg("add %s: %s", name, auth_errmsg(f->a));
}

static int dump_row(void *ctx, int n, char **v, char **names)
{
	struct buf *b = ctx;
	int i;

	(void)names;
	for (i = 0; i < n; i++)
		buf_printf(b, "%s|", v[i] ? v[i] : "NULL");
	buf_putc(b, '\n');
	return 0;
}

/* Every row of every table auth writes. */
static void dump(struct fx *f, struct buf *b)
{
	static const char *const q[] = {
		"SELECT * FROM account ORDER BY id", "SELECT * FROM account_role ORDER BY 1, 2",
		"SELECT * FROM account_ministry ORDER BY 1, 2", "SELECT * FROM session ORDER BY id",
		"SELECT * FROM login_throttle ORDER BY key", "SELECT * FROM audit ORDER BY seq",
		"SELECT * FROM audit_head",
	};
	size_t i;

	buf_reset(b);
	for (i = 0; i < MD_ARRAY_SIZE(q); i++) {
		buf_printf(b, "-- %s\n", q[i]);
		assert_int_equal(sqlite3_exec(store_db_(f->st), q[i], dump_row, b, NULL), SQLITE_OK);
	}
}

static void sql(struct fx *f, const char *s)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db_(f->st), s, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", s, msg);
}

static long long count(struct fx *f, const char *q)
{
	sqlite3_stmt *s;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db_(f->st), q, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static enum auth_login_status login(struct fx *f, const char *name, const char *pw,
				    const char *address, struct auth_login_result *r)
{
	struct auth_ctx c = { NULL, NULL, address, "test-agent", "req", 0, NULL, NULL };
	struct auth_login in = { name, pw, NULL };
	struct auth_login_result tmp;

	if (!r)
		r = &tmp;
	assert_int_equal(auth_login(f->a, &c, &in, r), 0);
	return r->status;
}

/* ---- the password policy ---- */

static void password_policy(void **state)
{
	static const struct {
		const char *name, *pw;
		enum auth_pw_problem want;
	} cases[] = {
		{ "tanaka", "Kx7-harbour-Lantern-92", AUTH_PW_OK },
		{ "tanaka", "Kx7-harbour", AUTH_PW_SHORT },             /* 11 */
		{ "tanaka", "Kx7-harbour!", AUTH_PW_OK },               /* 12 */
		{ "tanaka", "あいうえおかきくけこさし", AUTH_PW_OK },    /* 12 characters, 36 bytes */
		{ "tanaka", "あいうえおかきくけこさ", AUTH_PW_SHORT },   /* 11 characters */
		{ "tanaka", "my-TANAKA-secret-99", AUTH_PW_NAME },
		{ "tanaka", "my-t4n4k4-secret-99", AUTH_PW_NAME },
		{ "sato", "xx-Sato-rules-the-world", AUTH_PW_NAME },
		{ "tanaka", "password1234", AUTH_PW_COMMON },           /* list word + digits */
		{ "tanaka", "Password2024!!", AUTH_PW_COMMON },
		{ "tanaka", "p@ssw0rd2024", AUTH_PW_COMMON },           /* swaps undone */
		{ "tanaka", "Sakura20242024", AUTH_PW_COMMON },         /* romaji favourite */
		{ "tanaka", "1qaz2wsx3edc", AUTH_PW_COMMON },           /* keyboard walk */
		{ "tanaka", "iloveyou123456", AUTH_PW_COMMON },
		{ "tanaka", "Kasumigaseki2025", AUTH_PW_COMMON },       /* the service's words */
		{ "tanaka", "abcabcabcabc", AUTH_PW_PATTERN },
		{ "tanaka", "zzzzzzzzzzzzzz", AUTH_PW_PATTERN },
		{ "tanaka", "klmnopqrstuv", AUTH_PW_PATTERN },
		{ "tanaka", "tab\there-is-long", AUTH_PW_INVALID },
		{ "tanaka", "bad\xff-utf8-here-long", AUTH_PW_INVALID },
		{ NULL, "Kx7-harbour-Lantern-92", AUTH_PW_OK },
	};
	char big[AUTH_PW_MAX + 2];
	size_t i;

	(void)state;
	for (i = 0; i < MD_ARRAY_SIZE(cases); i++) {
		enum auth_pw_problem p = auth_password_problem(cases[i].name, cases[i].pw);

		if (p != cases[i].want)
			fail_msg("%s: got %d want %d", cases[i].pw, p, cases[i].want);
	}
	memset(big, 'q', sizeof(big) - 1);
	big[0] = 'Z';
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(auth_password_problem("tanaka", big), AUTH_PW_LONG);
	assert_int_equal(auth_password_problem("tanaka", NULL), AUTH_PW_INVALID);
	assert_non_null(strstr(auth_password_problem_text(AUTH_PW_SHORT), "12"));
}

/* Every entry of the shipped list is refused (as it is or, short ones, by
 * length), and the compiled-in list is the file. */
static void password_list_is_the_shipped_file(void **state)
{
	const char *top = getenv("top");
	struct buf path = BUF_INIT, data = BUF_INIT, pw = BUF_INIT;
	size_t i = 0;
	long entries = 0, long_ones = 0;

	(void)state;
	buf_printf(&path, "%s/data/common-passwords.txt", top && *top ? top : ".");
	assert_int_equal(file_read(path.ptr, 1 << 22, &data), 0);
	while (i < data.len) {
		char *nl = memchr(data.ptr + i, '\n', data.len - i);
		size_t end = nl ? (size_t)(nl - data.ptr) : data.len;

		data.ptr[end] = '\0';
		if (data.ptr[i] && data.ptr[i] != '#') {
			const char *w = data.ptr + i;

			entries++;
			if (!auth_password_common(w))
				fail_msg("'%s' is in the file but not compiled in", w);
			if (strlen(w) >= AUTH_PW_MIN) {
				long_ones++;
				if (auth_password_problem(NULL, w) == AUTH_PW_OK)
					fail_msg("'%s' from the list was accepted", w);
			}
			/* a short one with digits added to 12 is refused too */
			if (strlen(w) >= 4 && strlen(w) < AUTH_PW_MIN && strspn(w, "abcdefghijklmnopqrstuvwxyz") == strlen(w)) {
				buf_reset(&pw);
				buf_puts(&pw, w);
				while (pw.len < AUTH_PW_MIN)
					buf_putc(&pw, '0' + (int)(pw.len % 10));
				if (auth_password_problem(NULL, pw.ptr) == AUTH_PW_OK)
					fail_msg("'%s' (list word + digits) was accepted", pw.ptr);
			}
		}
		i = end + 1;
	}
	assert_true(entries >= 10000);
	assert_true(long_ones >= 200);
	assert_false(auth_password_common("kx7-harbour-lantern-92"));
	buf_release(&path);
	buf_release(&data);
	buf_release(&pw);
}

/* ---- accounts ---- */

static void accounts_and_refusals_write_nothing(void **state)
{
	struct fx *f = *state;
	struct buf before = BUF_INIT, after = BUF_INIT;
	struct auth_user u, *all = NULL, admin;
	struct auth_user_spec s;
	struct auth_ctx web = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	unsigned meti = auth_ministry_find("経"), mext = auth_ministry_find("mext");
	int n = 0;

	assert_true(meti && mext && meti != mext);
	assert_int_equal(auth_ministry_find("財"), 0);
	add(f, "admin", AUTH_ADMIN, 0);
	add(f, "tanaka", AUTH_EDITOR, meti | mext);
	assert_int_equal(auth_user_get(f->a, "tanaka", f->ar, &u), 0);
	assert_int_equal(u.roles, AUTH_EDITOR);
	assert_int_equal(u.ministries, meti | mext);
	assert_int_equal(u.disabled, 0);

	dump(f, &before);
	memset(&s, 0, sizeof(s));
	s.name = "tanaka";
	s.roles = AUTH_REVIEWER;
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_ECONFLICT);
	assert_string_equal(auth_errfield(f->a), "name");
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_NAME_TAKEN);
	s.name = "Bad Name";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BAD_NAME);
	s.name = "new";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_NAME_RESERVED);
	s.name = "ab";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	s.name = "suzuki";
	assert_int_equal(auth_user_add(f->a, &cli, &s, "suzuki-is-my-password"), MD_EINPUT);
	assert_string_equal(auth_errfield(f->a), "password");
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_PW_NAME);
	assert_int_equal(auth_user_add(f->a, &cli, &s, "password1234"), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_PW_COMMON);
	assert_int_equal(auth_user_add(f->a, &cli, &s, "short-pw"), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_PW_SHORT);
	s.roles = AUTH_EDITOR;                      /* editor without ministry */
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_string_equal(auth_errfield(f->a), "ministries");
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_ROLES);
	s.roles = AUTH_REVIEWER;
	s.ministries = meti;                        /* ministry without editor */
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	s.ministries = 0;
	s.roles = 0;
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	s.roles = AUTH_REVIEWER;
	s.email = "not-an-address";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BAD_EMAIL);
	s.email = NULL;
	s.display = "line\nbreak";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BAD_DISPLAY);
	s.display = "C1\xc2\x9b";                 /* U+009B CSI */
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BAD_DISPLAY);
	s.display = "管理者\xe2\x80\xae";          /* U+202E RLO */
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BIDI);
	assert_string_equal(auth_errfield(f->a), "display");
	s.display = NULL;
	s.email = "a\xe2\x81\xa6@example.go.jp";   /* U+2066 LRI */
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BIDI);
	assert_string_equal(auth_errfield(f->a), "email");
	s.email = "a b@example.go.jp";
	assert_int_equal(auth_user_add(f->a, &cli, &s, PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BAD_EMAIL);
	s.email = NULL;
	assert_int_equal(auth_user_update(f->a, &cli, "tanaka", "田中\xe2\x80\xab", NULL), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_BIDI);
	assert_int_equal(auth_user_set_roles(f->a, &cli, "tanaka", AUTH_EDITOR, 0), MD_EINPUT);
	assert_int_equal(auth_user_set_roles(f->a, &cli, "nobody", AUTH_EDITOR, meti), MD_ENOTFOUND);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_NO_USER);
	assert_int_equal(auth_user_passwd(f->a, &cli, "tanaka", NULL, "tanaka-2025-xyz"), MD_EINPUT);
	/* a signed-in editor may not manage accounts */
	web.user = &u;
	assert_int_equal(auth_user_add(f->a, &web, &s, PW), MD_EFORBIDDEN);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_FORBIDDEN);
	assert_int_equal(auth_user_set_disabled(f->a, &web, "admin", 1), MD_EFORBIDDEN);
	assert_int_equal(auth_user_set_roles(f->a, &web, "tanaka", AUTH_ADMIN, 0), MD_EFORBIDDEN);
	assert_int_equal(auth_user_passwd(f->a, &web, "admin", NULL, PW2), MD_EFORBIDDEN);
	assert_int_equal(auth_user_update(f->a, &web, "admin", "x", NULL), MD_EFORBIDDEN);
	/* own password: the old one is required */
	assert_int_equal(auth_user_passwd(f->a, &web, "tanaka", NULL, PW2), MD_EINPUT);
	assert_string_equal(auth_errfield(f->a), "old_password");
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_OLD_PASSWORD);
	/* a weak new password is refused before the old one is tried */
	assert_int_equal(auth_user_passwd(f->a, &web, "tanaka", "wrong-old-password",
					  "tanaka-2025-xyz"), MD_EINPUT);
	assert_string_equal(auth_errfield(f->a), "password");
	/* a signed-in admin cannot remove the last admin */
	assert_int_equal(auth_user_get(f->a, "admin", f->ar, &admin), 0);
	web.user = &admin;
	assert_int_equal(auth_user_set_disabled(f->a, &web, "admin", 1), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_LAST_ADMIN);
	assert_int_equal(auth_user_set_roles(f->a, &web, "admin", AUTH_SECRETARIAT, 0), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_LAST_ADMIN);
	/* no change is no write (and a success leaves no id behind) */
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "tanaka", 0), 0);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_NONE);
	assert_int_equal(auth_user_set_roles(f->a, &cli, "tanaka", AUTH_EDITOR, meti | mext), 0);
	dump(f, &after);
	assert_string_equal(before.ptr, after.ptr);

	/* a wrong current password is a guess: refused, counted and audited
	 * (user.passwd.fail), throttled like a login */
	web.user = &u;
	assert_int_equal(auth_user_passwd(f->a, &web, "tanaka", "wrong-old-password", PW2), MD_EINPUT);
	assert_string_equal(auth_errfield(f->a), "old_password");
	assert_int_equal(auth_retry_after(f->a), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'user.passwd.fail'"
			       " AND actor = 'user:tanaka'"), 1);
	{
		int i, throttled = 0;

		/* 3 free, then a delay: even the right password is not tried */
		for (i = 0; i < 5 && !throttled; i++)
			throttled = auth_user_passwd(f->a, &web, "tanaka", "wrong-old-password",
						     PW2) == MD_EFORBIDDEN;
		assert_true(throttled);
		assert_true(auth_retry_after(f->a) > 0);
		assert_string_equal(auth_errfield(f->a), "old_password");
		assert_int_equal(auth_errwhy(f->a), AUTH_WHY_THROTTLED);
		assert_int_equal(auth_user_passwd(f->a, &web, "tanaka", PW, PW2), MD_EFORBIDDEN);
		assert_true(count(f, "SELECT count(*) FROM audit WHERE action ="
				  " 'user.passwd.throttled'") >= 2);
		f->now += 3600;    /* past the delay */
	}

	/* the changes that are allowed, each audited */
	assert_int_equal(auth_user_passwd(f->a, &web, "tanaka", PW, PW2), 0);
	assert_int_equal(auth_user_update(f->a, &web, "tanaka", "田中 太郎", "tanaka@example.go.jp"), 0);
	assert_int_equal(auth_user_set_roles(f->a, &cli, "tanaka", AUTH_EDITOR | AUTH_REVIEWER, meti), 0);
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "tanaka", 1), 0);
	assert_int_equal(auth_user_list(f->a, f->ar, &all, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(all[1].name, "tanaka");
	assert_string_equal(all[1].display, "田中 太郎");
	assert_int_equal(all[1].roles, AUTH_EDITOR | AUTH_REVIEWER);
	assert_int_equal(all[1].ministries, meti);
	assert_true(all[1].disabled);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action IN ('user.add',"
			       " 'user.passwd', 'user.update', 'user.roles', 'user.disable')"), 6);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE actor = 'user:tanaka'"
			       " AND action IN ('user.passwd', 'user.update')"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM account WHERE pwhash LIKE '$argon2id$%'"), 2);
	buf_release(&before);
	buf_release(&after);
}

/* ---- sessions ---- */

/* auth_session_peek(): what the server reads a session with on its
 * read-only connections; it never writes, and says when the use is due
 * to be written (then the writer's auth_session_lookup() does it) */
static void session_peek_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct auth_login_result r1;
	struct auth_session s;
	struct auth_ctx c = { NULL, NULL, "192.0.2.7", "ua", "r", 0, NULL, NULL };
	struct buf q = BUF_INIT;
	long long seen;
	int touch = -1;

	add(f, "sato", AUTH_SECRETARIAT, 0);
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	buf_printf(&q, "SELECT last_seen FROM session WHERE revoked IS NULL");
	seen = count(f, q.ptr);
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), 0);
	assert_string_equal(s.user.name, "sato");
	assert_true(auth_csrf_ok(&s, r1.csrf));
	assert_int_equal(touch, 0);
	/* past the touch interval: due, and still not written */
	f->now += 61;
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), 0);
	assert_int_equal(touch, 1);
	assert_int_equal(count(f, q.ptr), seen);
	/* the writer's look-up writes it; then it is not due */
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), 0);
	assert_int_equal(count(f, q.ptr), seen + 61);
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), 0);
	assert_int_equal(touch, 0);
	/* idle, unknown, ended: not found, as with the look-up */
	assert_int_equal(auth_session_peek(f->a, "junk", f->ar, &s, &touch), MD_ENOTFOUND);
	f->now += 31 * 60;
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), MD_ENOTFOUND);
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), 0);
	assert_int_equal(auth_logout(f->a, &c, r1.token), 0);
	assert_int_equal(auth_session_peek(f->a, r1.token, f->ar, &s, &touch), MD_ENOTFOUND);
	buf_release(&q);
}

static void sessions_new_id_timeouts_csrf(void **state)
{
	struct fx *f = *state;
	struct auth_login_result r1, r2;
	struct auth_session s, *list = NULL;
	struct auth_ctx c = { NULL, NULL, "192.0.2.7", "ua", "r", 0, NULL, NULL };
	struct auth_login in;
	long before;
	int n = 0, i;

	add(f, "sato", AUTH_SECRETARIAT, 0);
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	assert_int_equal(strlen(r1.token), CRYPTO_TOKEN_LEN);
	assert_int_equal(strlen(r1.csrf), CRYPTO_TOKEN_LEN);
	assert_string_not_equal(r1.token, r1.csrf);
	assert_int_equal(r1.expires, f->now + 12 * 3600);
	/* only the hash is stored */
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE length(token_hash) = 64"), 1);
	{
		struct buf q = BUF_INIT;

		buf_printf(&q, "SELECT count(*) FROM session WHERE token_hash = '%s'"
			   " OR csrf = token_hash", r1.token);
		assert_int_equal(count(f, q.ptr), 0);
		buf_release(&q);
	}
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), 0);
	assert_string_equal(s.user.name, "sato");
	assert_int_equal(s.user.roles, AUTH_SECRETARIAT);
	/* the CSRF check goes through sodium_memcmp */
	before = memcmp_calls;
	assert_true(auth_csrf_ok(&s, r1.csrf));
	assert_true(memcmp_calls > before);
	assert_false(auth_csrf_ok(&s, r1.token));
	assert_false(auth_csrf_ok(&s, ""));
	assert_false(auth_csrf_ok(&s, NULL));
	/* so does the session look-up, after the hash look-up */
	before = memcmp_calls;
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), 0);
	assert_true(memcmp_calls > before);
	assert_int_equal(auth_session_lookup(f->a, "junk", f->ar, &s), MD_ENOTFOUND);
	r2 = r1;
	r2.token[3] = r2.token[3] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), MD_ENOTFOUND);

	/* a new login is a new id, and ends the session it came with */
	memset(&in, 0, sizeof(in));
	in.name = "sato";
	in.password = PW;
	in.old_token = r1.token;
	assert_int_equal(auth_login(f->a, &c, &in, &r2), 0);
	assert_int_equal(r2.status, AUTH_LOGIN_OK);
	assert_string_not_equal(r1.token, r2.token);
	assert_string_not_equal(r1.csrf, r2.csrf);
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), 0);

	/* idle: 30 minutes without use ends it */
	f->now += 29 * 60;
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), 0);
	f->now += 29 * 60;                   /* used 29 min ago: still fine */
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), 0);
	f->now += 30 * 60;
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), MD_ENOTFOUND);

	/* absolute: however busy, 12 hours after login it ends */
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	for (i = 0; i < 12 * 3; i++) {
		assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), 0);
		f->now += 20 * 60 - 1;
	}
	f->now += 12 * 3600;  /* well past */
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);

	/* logout ends it; the old cookie is worth nothing after */
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	assert_int_equal(auth_logout(f->a, &c, r1.token), 0);
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);
	assert_int_equal(auth_logout(f->a, &c, r1.token), MD_ENOTFOUND);

	/* list, revoke one, revoke all */
	assert_int_equal(login(f, "sato", PW, "192.0.2.7", &r1), AUTH_LOGIN_OK);
	assert_int_equal(login(f, "sato", PW, "192.0.2.8", &r2), AUTH_LOGIN_OK);
	assert_int_equal(auth_sessions_list(f->a, "sato", f->ar, &list, &n), 0);
	assert_int_equal(n, 6);
	assert_int_equal(list[0].id, r2.session);     /* newest first */
	assert_true(list[0].live && list[1].live && !list[2].live);
	assert_string_equal(list[0].address, "192.0.2.8");
	assert_int_equal(auth_session_revoke(f->a, &cli, "sato", r1.session), 0);
	assert_int_equal(auth_session_revoke(f->a, &cli, "sato", r1.session), MD_ENOTFOUND);
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), 0);
	assert_int_equal(login(f, "sato", PW, "192.0.2.9", &r1), AUTH_LOGIN_OK);
	{
		long ended = 0;

		assert_int_equal(auth_sessions_revoke_all(f->a, &cli, "sato", &ended), 0);
		assert_int_equal(ended, 2);
	}
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), MD_ENOTFOUND);

	/* disabling ends the sessions too, and keeps the account out */
	assert_int_equal(login(f, "sato", PW, "192.0.2.9", &r1), AUTH_LOGIN_OK);
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "sato", 1), 0);
	assert_int_equal(auth_session_lookup(f->a, r1.token, f->ar, &s), MD_ENOTFOUND);
	assert_int_equal(login(f, "sato", PW, "192.0.2.9", NULL), AUTH_LOGIN_DENIED);
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "sato", 0), 0);
	assert_int_equal(login(f, "sato", PW, "192.0.2.9", NULL), AUTH_LOGIN_OK);
}

/* Someone else's session cannot be ended through one's own account. */
static void sessions_belong_to_their_account(void **state)
{
	struct fx *f = *state;
	struct auth_login_result ra;
	struct auth_user ub;
	struct auth_session s;
	struct auth_ctx web = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	struct buf before = BUF_INIT, after = BUF_INIT;

	add(f, "alice", AUTH_REVIEWER, 0);
	add(f, "bobby", AUTH_REVIEWER, 0);
	assert_int_equal(login(f, "alice", PW, "192.0.2.1", &ra), AUTH_LOGIN_OK);
	assert_int_equal(auth_user_get(f->a, "bobby", f->ar, &ub), 0);
	web.user = &ub;
	dump(f, &before);
	assert_int_equal(auth_session_revoke(f->a, &web, "bobby", ra.session), MD_ENOTFOUND);
	assert_int_equal(auth_session_revoke(f->a, &web, "alice", ra.session), MD_EFORBIDDEN);
	assert_int_equal(auth_sessions_revoke_all(f->a, &web, "alice", NULL), MD_EFORBIDDEN);
	dump(f, &after);
	assert_string_equal(before.ptr, after.ptr);
	assert_int_equal(auth_session_lookup(f->a, ra.token, f->ar, &s), 0);
	buf_release(&before);
	buf_release(&after);
}

/* Ended sessions and forgotten throttle state go after a while; live
 * sessions stay. */
static void sweep_removes_what_is_over(void **state)
{
	struct fx *f = *state;
	struct auth_login_result r1, r2;
	struct auth_session s;
	long n = -1;

	add(f, "inoue", AUTH_REVIEWER, 0);
	assert_int_equal(login(f, "inoue", PW, "192.0.2.1", &r1), AUTH_LOGIN_OK);
	assert_int_equal(login(f, "inoue", "Wrong-password-1", "192.0.2.1", NULL), AUTH_LOGIN_DENIED);
	assert_int_equal(auth_logout(f->a, &cli, r1.token), 0);
	assert_int_equal(auth_sweep(f->a, &n), 0);
	assert_int_equal(n, 0);
	f->now += 31LL * 24 * 3600;
	assert_int_equal(login(f, "inoue", PW, "192.0.2.1", &r2), AUTH_LOGIN_OK);
	assert_int_equal(login(f, "nobody", "Wrong-password-1", "192.0.2.2", NULL), AUTH_LOGIN_DENIED);
	assert_int_equal(auth_sweep(f->a, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM session"), 1);
	assert_int_equal(auth_session_lookup(f->a, r2.token, f->ar, &s), 0);
	/* the fresh failure stays, the month-old one is gone */
	assert_int_equal(count(f, "SELECT count(*) FROM login_throttle"), 2);
	f->now += 2 * 24 * 3600;
	assert_int_equal(auth_sweep(f->a, &n), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM login_throttle"), 0);
}

/* ---- throttling ---- */

/* Exactly: failures 1..3 free; 4th makes the next wait 1 s, then 2, 4, ...;
 * the 10th locks for 15 minutes, even against the right password, which
 * works again when the lock is over. */
static void throttle_exact(void **state)
{
	struct fx *f = *state;
	struct auth_login_result r;
	static const long long delay_after[] = { 0, 0, 0, 1, 2, 4, 8, 16, 32 };
	int i;

	add(f, "kato", AUTH_REVIEWER, 0);
	for (i = 0; i < 9; i++) {
		assert_int_equal(login(f, "kato", "Wrong-password-1", "198.51.100.2", &r),
				 AUTH_LOGIN_DENIED);
		if (delay_after[i]) {
			assert_int_equal(login(f, "kato", PW, "198.51.100.2", &r),
					 AUTH_LOGIN_THROTTLED);
			assert_int_equal(r.retry_after, delay_after[i]);
			f->now += delay_after[i] - 1;
			assert_int_equal(login(f, "kato", PW, "198.51.100.2", &r),
					 AUTH_LOGIN_THROTTLED);
			assert_int_equal(r.retry_after, 1);
			f->now += 1;
		}
	}
	/* the 10th failure locks */
	assert_int_equal(login(f, "kato", "Wrong-password-1", "198.51.100.2", &r), AUTH_LOGIN_DENIED);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.lock'"
			       " AND target = 'user:kato'"), 1);
	assert_int_equal(login(f, "kato", PW, "198.51.100.3", &r), AUTH_LOGIN_THROTTLED);
	assert_int_equal(r.retry_after, 15 * 60);
	f->now += 15 * 60 - 1;
	assert_int_equal(login(f, "kato", PW, "198.51.100.3", &r), AUTH_LOGIN_THROTTLED);
	assert_int_equal(r.retry_after, 1);
	/* a throttled attempt checks no password */
	{
		long v = verify_calls;

		assert_int_equal(login(f, "kato", PW, "198.51.100.3", &r), AUTH_LOGIN_THROTTLED);
		assert_int_equal(verify_calls, v);
	}
	f->now += 1;
	assert_int_equal(login(f, "kato", PW, "198.51.100.3", &r), AUTH_LOGIN_OK);
	/* a success starts the account afresh */
	assert_int_equal(count(f, "SELECT count(*) FROM login_throttle WHERE key = 'account:kato'"), 0);
	assert_int_equal(login(f, "kato", "Wrong-password-1", "198.51.100.3", &r), AUTH_LOGIN_DENIED);
	assert_int_equal(login(f, "kato", PW, "198.51.100.3", &r), AUTH_LOGIN_OK);
	/* every attempt is in the trail */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.fail'"), 11);
	assert_true(count(f, "SELECT count(*) FROM audit WHERE action = 'login.throttled'") >= 14);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login'"), 2);
}

/* One address guessing many accounts is throttled by the address. */
static void throttle_by_address(void **state)
{
	struct fx *f = *state;
	struct auth_login_result r;
	char name[32];
	int i;

	add(f, "abe", AUTH_REVIEWER, 0);
	for (i = 0; i < 11; i++) {
		snprintf(name, sizeof(name), "guess%02d", i);
		assert_int_equal(login(f, name, "Wrong-password-1", "2001:db8:1:2::5", &r),
				 AUTH_LOGIN_DENIED);
	}
	/* 10 failures are free for an address; after the 11th, the same /64
	 * is throttled, even for another account and the right password */
	assert_int_equal(login(f, "abe", PW, "2001:db8:1:2:ffff::9", &r), AUTH_LOGIN_THROTTLED);
	assert_int_equal(r.retry_after, 1);
	/* another address is not */
	assert_int_equal(login(f, "abe", PW, "2001:db8:1:3::5", &r), AUTH_LOGIN_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM login_throttle"
			       " WHERE key = 'address:2001:db8:1:2::/64'"), 1);
}

/* An unknown name: the same answers, in the same sequence, after the same
 * work as a known name with a wrong password. */
static void unknown_user_is_a_wrong_password(void **state)
{
	struct fx *f = *state;
	struct auth_login_result rk, ru;
	long v;
	int i;

	add(f, "mori", AUTH_REVIEWER, 0);
	for (i = 0; i < 24; i++) {
		v = verify_calls;
		login(f, "mori", "Wrong-password-1", "203.0.113.1", &rk);
		if (rk.status == AUTH_LOGIN_DENIED)
			assert_int_equal(verify_calls - v, 1);
		v = verify_calls;
		login(f, "morii", "Wrong-password-1", "203.0.113.2", &ru);
		if (ru.status == AUTH_LOGIN_DENIED)
			assert_int_equal(verify_calls - v, 1);
		assert_int_equal(rk.status, ru.status);
		assert_int_equal(rk.retry_after, ru.retry_after);
		assert_memory_equal(&rk, &ru, sizeof(rk));
		if (rk.retry_after)
			f->now += rk.retry_after;
	}
	/* the trail knows the difference; the caller does not */
	assert_true(count(f, "SELECT count(*) FROM audit WHERE action = 'login.fail'"
			  " AND after_text = 'reason=unknown user'") > 0);
	assert_true(count(f, "SELECT count(*) FROM audit WHERE action = 'login.lock'"
			  " AND target = 'user:morii'") >= 2);      /* locked, and again */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.lock'"
			       " AND target = 'user:morii'"),
			 count(f, "SELECT count(*) FROM audit WHERE action = 'login.lock'"
			       " AND target = 'user:mori'"));
	/* names that cannot exist share one key */
	login(f, "x' OR 1=1 --", "Wrong-password-1", "203.0.113.3", &ru);
	assert_int_equal(ru.status, AUTH_LOGIN_DENIED);
	assert_int_equal(count(f, "SELECT count(*) FROM login_throttle WHERE key = 'account:(invalid)'"), 1);
	/* ASCII case is folded */
	f->now += 2 * 24 * 3600;
	assert_int_equal(login(f, "MORI", PW, "203.0.113.1", NULL), AUTH_LOGIN_OK);
}

/* An auth on f's store whose hashes take 3 passes (one more than the
 * interactive limits add() hashes with): a login through it rehashes;
 * cfg: its configuration. */
static struct auth *stronger_auth(struct fx *f, struct auth_config *cfg)
{
	struct auth *a = NULL;

	auth_config_default(cfg);
	cfg->now = clock_of;
	cfg->now_ctx = f;
	cfg->pw.ops = 3;
	assert_int_equal(auth_new(f->st, cfg, &a), 0);
	return a;
}

static void rehash_on_login(void **state)
{
	struct fx *f = *state;
	struct auth_config cfg;
	struct auth *stronger = NULL;
	struct auth_ctx c = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	struct auth_login in = { "ogawa", PW, NULL };
	struct auth_login_result r;
	struct buf h1 = BUF_INIT, h2 = BUF_INIT;
	long long id;
	int disabled;

	add(f, "ogawa", AUTH_REVIEWER, 0);
	assert_int_equal(store_account_pwhash(f->st, "ogawa", &id, &disabled, &h1), 0);
	assert_non_null(strstr(h1.ptr, "t=2,"));
	stronger = stronger_auth(f, &cfg);
	assert_int_equal(auth_login(stronger, &c, &in, &r), 0);
	assert_int_equal(r.status, AUTH_LOGIN_OK);
	assert_int_equal(store_account_pwhash(f->st, "ogawa", &id, &disabled, &h2), 0);
	assert_string_not_equal(h1.ptr, h2.ptr);
	assert_non_null(strstr(h2.ptr, "t=3,"));
	assert_false(crypto_pw_needs_rehash(h2.ptr, &cfg.pw));
	assert_true(crypto_pw_verify(h2.ptr, PW, strlen(PW)));
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login'"
			       " AND after_text LIKE '%rehashed%'"), 1);
	/* below interactive is refused outright */
	cfg.pw.ops = 1;
	auth_free(stronger);
	stronger = NULL;
	assert_int_equal(auth_new(f->st, &cfg, &stronger), MD_EUSAGE);
	assert_null(stronger);
	buf_release(&h1);
	buf_release(&h2);
}

/* auth_login()'s pause: the caller's lock is let go for the password
 * check only. Inside the pause no transaction is open and the check has
 * not run; another login, a wrong password for the same account, runs
 * there to the end on the same struct auth and store (what a second
 * thread does under the server's writer lock); the first login then
 * checks its password and settles with the state the other left. */
struct pause_probe {
	struct fx *f;
	int calls[2];
	long verify_at[2];
	int in_tx[2];
	enum auth_login_status other;
};

static void probe_pause(void *arg, int resume)
{
	struct pause_probe *p = arg;

	p->calls[resume]++;
	p->verify_at[resume] = verify_calls;
	p->in_tx[resume] = store_in_transaction(p->f->st);
	if (!resume)
		p->other = login(p->f, "kato", "not-the-password-at-all", "192.0.2.9", NULL);
}

static void login_pause_lets_others_in(void **state)
{
	struct fx *f = *state;
	struct auth_ctx c = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	struct auth_login in = { "kato", PW, NULL };
	struct auth_login_result r;
	struct pause_probe p;
	long v0;

	add(f, "kato", AUTH_REVIEWER, 0);
	memset(&p, 0, sizeof(p));
	p.f = f;
	c.pause = probe_pause;
	c.pause_arg = &p;
	v0 = verify_calls;
	assert_int_equal(auth_login(f->a, &c, &in, &r), 0);
	assert_int_equal(r.status, AUTH_LOGIN_OK);
	assert_int_equal(p.calls[0], 1);
	assert_int_equal(p.calls[1], 1);
	/* paused before its own check, resumed after it (and the other's) */
	assert_int_equal(p.verify_at[0], v0);
	assert_int_equal(p.verify_at[1], v0 + 2);
	assert_false(p.in_tx[0]);
	assert_false(p.in_tx[1]);
	assert_int_equal(p.other, AUTH_LOGIN_DENIED);
	/* both attempts in the trail, the other's failure before the success */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.fail'"
			       " AND target = 'user:kato'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login'"
			       " AND actor = 'user:kato'"), 1);
	assert_true(count(f, "SELECT max(seq) FROM audit WHERE action = 'login.fail'") <
		    count(f, "SELECT max(seq) FROM audit WHERE action = 'login'"));
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE revoked IS NULL"), 1);
	crypto_wipe(r.token, sizeof(r.token));
}

/* A password change's and a new account's pause: their slow part (the
 * current password's check, the new one's hash) runs between the two
 * calls, outside any transaction; what another caller does meanwhile is
 * seen after it. Inside the caller's transaction there is no pause. */
struct hash_probe {
	struct fx *f;
	int calls[2], in_tx[2];
	long verify_at[2], hash_at[2];
	int (*meanwhile)(struct fx *f);
	int meanwhile_rc;
};

static void hash_pause(void *arg, int resume)
{
	struct hash_probe *p = arg;

	p->calls[resume]++;
	p->verify_at[resume] = verify_calls;
	p->hash_at[resume] = hash_calls;
	p->in_tx[resume] = store_in_transaction(p->f->st);
	if (!resume && p->meanwhile)
		p->meanwhile_rc = p->meanwhile(p->f);
}

static const char *const PW3 = "Copper-meadow-Quiet-417";

static int admin_resets_sato(struct fx *f)
{
	return auth_user_passwd(f->a, &cli, "sato", NULL, PW3);
}

static int cli_adds_ito(struct fx *f)
{
	struct auth_user_spec u = { "ito", "伊藤", "", AUTH_DESK, 0 };

	return auth_user_add(f->a, &cli, &u, PW3);
}

static void password_change_pauses(void **state)
{
	struct fx *f = *state;
	struct auth_ctx web = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	struct auth_ctx by_cli = cli;
	struct auth_user_spec ito = { "ito", "", "", AUTH_REVIEWER, 0 };
	struct auth_user u;
	struct hash_probe p;
	long v0, h0;

	add(f, "sato", AUTH_REVIEWER, 0);
	assert_int_equal(auth_user_get(f->a, "sato", f->ar, &u), 0);
	web.user = &u;
	web.pause = hash_pause;
	web.pause_arg = &p;
	memset(&p, 0, sizeof(p));
	p.f = f;
	/* one's own: paused before the current password is checked, resumed
	 * after it, with no transaction open either side */
	v0 = verify_calls;
	h0 = hash_calls;
	assert_int_equal(auth_user_passwd(f->a, &web, "sato", PW, PW2), 0);
	assert_int_equal(p.calls[0], 1);
	assert_int_equal(p.calls[1], 1);
	assert_int_equal(p.verify_at[0], v0);
	assert_int_equal(p.verify_at[1], v0 + 1);
	assert_int_equal(p.hash_at[0], h0);          /* the new hash too */
	assert_int_equal(p.hash_at[1], h0 + 1);
	assert_int_equal(hash_calls, h0 + 1);
	assert_false(p.in_tx[0]);
	assert_false(p.in_tx[1]);
	assert_int_equal(login(f, "sato", PW2, "192.0.2.5", NULL), AUTH_LOGIN_OK);

	/* a wrong current password: checked in the pause, counted and audited
	 * after it, and no new hash is made */
	memset(&p, 0, sizeof(p));
	p.f = f;
	v0 = verify_calls;
	h0 = hash_calls;
	assert_int_equal(auth_user_passwd(f->a, &web, "sato", "not-the-password-at-all", PW), MD_EINPUT);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_OLD_PASSWORD);
	assert_int_equal(p.calls[0] + p.calls[1], 2);
	assert_int_equal(p.verify_at[1], v0 + 1);
	assert_int_equal(hash_calls, h0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'user.passwd.fail'"
			       " AND actor = 'user:sato'"), 1);

	/* an admin sets another password during the pause: the one checked is
	 * no longer the current one, so the change is refused (a conflict) and
	 * the admin's stays */
	p.meanwhile = admin_resets_sato;
	assert_int_equal(auth_user_passwd(f->a, &web, "sato", PW2, PW), MD_ECONFLICT);
	assert_int_equal(p.meanwhile_rc, 0);
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_PW_CHANGED);
	assert_string_equal(auth_errfield(f->a), "old_password");
	assert_int_equal(login(f, "sato", PW3, "192.0.2.5", NULL), AUTH_LOGIN_OK);
	assert_int_equal(login(f, "sato", PW, "192.0.2.5", NULL), AUTH_LOGIN_DENIED);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'user.passwd'"
			       " AND target = 'user:sato'"), 2);

	/* a new account: the name is taken during the pause, the insert says so */
	memset(&p, 0, sizeof(p));
	p.f = f;
	p.meanwhile = cli_adds_ito;
	by_cli.pause = hash_pause;
	by_cli.pause_arg = &p;
	assert_int_equal(auth_user_add(f->a, &by_cli, &ito, PW), MD_ECONFLICT);
	assert_int_equal(p.meanwhile_rc, 0);
	assert_int_equal(p.calls[0], 1);
	assert_int_equal(p.calls[1], 1);
	assert_false(p.in_tx[0]);
	assert_int_equal(p.hash_at[1] - p.hash_at[0], 2);  /* its own and the other's */
	assert_int_equal(auth_errwhy(f->a), AUTH_WHY_NAME_TAKEN);
	assert_int_equal(count(f, "SELECT count(*) FROM account WHERE name = 'ito'"
			       " AND display = '伊藤'"), 1);

	/* inside the caller's transaction: no pause, the same outcome */
	memset(&p, 0, sizeof(p));
	p.f = f;
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(auth_user_passwd(f->a, &by_cli, "sato", NULL, PW2), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(p.calls[0] + p.calls[1], 0);
	assert_int_equal(login(f, "sato", PW2, "192.0.2.5", NULL), AUTH_LOGIN_OK);
}

/* A sign-in checks its password in the pause; when the password is
 * changed or the account disabled meanwhile, it fails, so that no session
 * outlives the change and no rehash of the old password replaces the new
 * one. */
static int admin_resets_kudo(struct fx *f)
{
	return auth_user_passwd(f->a, &cli, "kudo", NULL, PW3);
}

static int admin_disables_kudo(struct fx *f)
{
	return auth_user_set_disabled(f->a, &cli, "kudo", 1);
}

static void login_after_a_change_meanwhile(void **state)
{
	struct fx *f = *state;
	struct auth_config cfg;
	struct auth *stronger = NULL;
	struct auth_ctx c = { NULL, NULL, "192.0.2.1", "ua", "r", 0, NULL, NULL };
	struct auth_login in = { "kudo", PW, NULL };
	struct auth_login_result r;
	struct hash_probe p;
	struct buf h = BUF_INIT;
	long long id;
	int disabled;

	add(f, "kudo", AUTH_REVIEWER, 0);
	memset(&p, 0, sizeof(p));
	p.f = f;
	p.meanwhile = admin_resets_kudo;
	c.pause = hash_pause;
	c.pause_arg = &p;
	/* with limits that want a rehash: the old password's would overwrite */
	stronger = stronger_auth(f, &cfg);
	assert_int_equal(auth_login(stronger, &c, &in, &r), 0);
	assert_int_equal(p.meanwhile_rc, 0);
	assert_int_equal(r.status, AUTH_LOGIN_DENIED);
	assert_int_equal(count(f, "SELECT count(*) FROM session s JOIN account a ON a.id = s.account_id"
			       " WHERE a.name = 'kudo'"), 0);
	assert_int_equal(store_account_pwhash(f->st, "kudo", &id, &disabled, &h), 0);
	assert_true(crypto_pw_verify(h.ptr, PW3, strlen(PW3)));
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.fail'"
			       " AND after_text = 'reason=password changed during the check'"), 1);
	/* disabled meanwhile */
	in.password = PW3;
	p.meanwhile = admin_disables_kudo;
	assert_int_equal(auth_login(f->a, &c, &in, &r), 0);
	assert_int_equal(r.status, AUTH_LOGIN_DENIED);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'login.fail'"
			       " AND after_text = 'reason=disabled'"), 1);
	/* nothing meanwhile: the new password signs in once enabled again */
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "kudo", 0), 0);
	p.meanwhile = NULL;
	f->now += 3600;
	assert_int_equal(auth_login(f->a, &c, &in, &r), 0);
	assert_int_equal(r.status, AUTH_LOGIN_OK);
	crypto_wipe(r.token, sizeof(r.token));
	auth_free(stronger);
	buf_release(&h);
}

/* ---- authorization ---- */

static void policy_matrix(void **state)
{
	unsigned meti = auth_ministry_find("経"), mext = auth_ministry_find("文");
	unsigned mhlw = auth_ministry_find("厚");
	/* a follow-up row: ◎厚 (lead), 経 */
	struct text_tag tag;
	struct auth_target row = { &tag, NULL }, self = { NULL, "u" }, other = { NULL, "v" };
	struct auth_user anon_disabled = { 1, "u", "", "", 1, AUTH_ROLES_ALL, meti, 0, 0 };
	struct {
		const char *who;
		unsigned roles, ministries;
	} users[] = {
		{ "admin", AUTH_ADMIN, 0 },
		{ "secretariat", AUTH_SECRETARIAT, 0 },
		{ "editor 経", AUTH_EDITOR, meti },
		{ "editor 厚", AUTH_EDITOR, mhlw },
		{ "editor 文", AUTH_EDITOR, mext },
		{ "reviewer", AUTH_REVIEWER, 0 },
		{ "desk", AUTH_DESK, 0 },
	};
	/* per action: may each user (in the order above) on `row`? */
	static const struct {
		enum auth_action act;
		const char *may;   /* one letter per user: y/n */
	} matrix[] = {
		{ AUTH_READ_PUBLIC, "yyyyyyy" },
		{ AUTH_READ_DRAFTS, "nyyynyn" },
		{ AUTH_EDIT_INDICATOR, "nynnnnn" },
		{ AUTH_EDIT_FOLLOWUP, "nyyynnn" },
		{ AUTH_SUBMIT_FOLLOWUP, "nnnynnn" },
		{ AUTH_EDIT_ENTRY, "nnyynnn" },
		{ AUTH_ACCEPT_FOLLOWUP, "nynnnnn" },
		{ AUTH_RETURN_FOLLOWUP, "nynnnnn" },
		{ AUTH_COMMENT, "nynnnyn" },
		{ AUTH_PUBLISH, "nynnnnn" },
		{ AUTH_EXPORT_PRIVATE, "yynnnnn" },
		{ AUTH_MANAGE_USERS, "ynnnnnn" },
		{ AUTH_READ_AUDIT, "ynnnnnn" },
		{ AUTH_DESK_WORK, "nnnnnny" },
	};
	size_t i, j;

	(void)state;
	memset(&tag, 0, sizeof(tag));
	tag.n = 2;
	tag.ministry[0] = __builtin_ctz(mhlw);
	tag.lead[0] = 1;
	tag.ministry[1] = __builtin_ctz(meti);
	for (i = 0; i < MD_ARRAY_SIZE(matrix); i++) {
		assert_non_null(auth_action_name(matrix[i].act));
		for (j = 0; j < MD_ARRAY_SIZE(users); j++) {
			struct auth_user u = { 1, "u", "", "", 0, users[j].roles, users[j].ministries, 0, 0 };
			int want = matrix[i].may[j] == 'y';

			if (auth_may(&u, matrix[i].act, &row) != want)
				fail_msg("%s %s: want %d", users[j].who,
					 auth_action_name(matrix[i].act), want);
			/* a disabled account may only read what is public */
			u.disabled = 1;
			assert_int_equal(auth_may(&u, matrix[i].act, &row),
					 matrix[i].act == AUTH_READ_PUBLIC);
		}
		/* anonymous */
		assert_int_equal(auth_may(NULL, matrix[i].act, &row), matrix[i].act == AUTH_READ_PUBLIC);
	}
	assert_true(auth_may(&anon_disabled, AUTH_READ_PUBLIC, NULL));
	/* scoped actions need the real target */
	{
		struct auth_user ed = { 1, "u", "", "", 0, AUTH_EDITOR, meti, 0, 0 };
		struct auth_user rv = { 1, "u", "", "", 0, AUTH_REVIEWER, 0, 0, 0 };

		assert_false(auth_may(&ed, AUTH_EDIT_FOLLOWUP, NULL));
		assert_true(auth_may_some(&ed, AUTH_EDIT_FOLLOWUP));
		assert_false(auth_may_some(&ed, AUTH_EDIT_INDICATOR));
		assert_true(auth_may(&rv, AUTH_OWN_ACCOUNT, &self));
		assert_false(auth_may(&rv, AUTH_OWN_ACCOUNT, &other));
		assert_false(auth_may(&rv, AUTH_OWN_ACCOUNT, NULL));
		assert_false(auth_may(NULL, AUTH_OWN_ACCOUNT, &self));
		assert_false(auth_may(&rv, (enum auth_action)0, &row));
		assert_false(auth_may(&rv, AUTH_ACTION_COUNT_, &row));
	}
}

static void edit_hook_actors(void **state)
{
	struct fx *f = *state;
	struct text_tag tag;
	struct auth_target row = { &tag, NULL };
	struct buf why = BUF_INIT;

	add(f, "keizai", AUTH_EDITOR, auth_ministry_find("経"));
	memset(&tag, 0, sizeof(tag));
	tag.n = 1;
	tag.ministry[0] = __builtin_ctz(auth_ministry_find("経"));
	assert_int_equal(auth_authorize_actor(f->a, "cli:tester", AUTH_EDIT_INDICATOR, NULL, &why), 0);
	assert_int_equal(auth_authorize_actor(f->a, "user:keizai", AUTH_EDIT_FOLLOWUP, &row, &why), 0);
	assert_int_equal(auth_authorize_actor(f->a, "user:keizai", AUTH_EDIT_INDICATOR, NULL, &why),
			 MD_EFORBIDDEN);
	assert_non_null(strstr(why.ptr, "indicator.edit"));
	tag.ministry[0] = __builtin_ctz(auth_ministry_find("文"));
	assert_int_equal(auth_authorize_actor(f->a, "user:keizai", AUTH_EDIT_FOLLOWUP, &row, &why),
			 MD_EFORBIDDEN);
	assert_int_equal(auth_authorize_actor(f->a, "user:nobody", AUTH_READ_DRAFTS, NULL, &why),
			 MD_EFORBIDDEN);
	assert_int_equal(auth_authorize_actor(f->a, "import:plan x", AUTH_EDIT_INDICATOR, NULL, &why),
			 MD_EFORBIDDEN);
	assert_int_equal(auth_authorize_actor(f->a, "cli:", AUTH_EDIT_INDICATOR, NULL, &why),
			 MD_EFORBIDDEN);
	assert_int_equal(auth_authorize_actor(f->a, NULL, AUTH_EDIT_INDICATOR, NULL, &why),
			 MD_EFORBIDDEN);
	tag.ministry[0] = __builtin_ctz(auth_ministry_find("経"));
	assert_int_equal(auth_user_set_disabled(f->a, &cli, "keizai", 1), 0);
	assert_int_equal(auth_authorize_actor(f->a, "user:keizai", AUTH_EDIT_FOLLOWUP, &row, &why),
			 MD_EFORBIDDEN);
	buf_release(&why);
}

/* ---- the audit chain ---- */

static void verify(struct fx *f, long long want_bad, const char *want_why)
{
	struct store_audit_check r;
	struct buf why = BUF_INIT;

	assert_int_equal(store_audit_verify(f->st, &r, &why), 0);
	if (r.bad != want_bad)
		fail_msg("bad %lld, want %lld: %s", r.bad, want_bad, why.ptr);
	if (want_why && !strstr(why.ptr, want_why))
		fail_msg("why: %s (want %s)", why.ptr, want_why);
	buf_release(&why);
}

static void audit_chain_detects_tampering(void **state)
{
	struct fx *f = *state;
	struct store_audit_check r;
	struct buf why = BUF_INIT, big = BUF_INIT;
	char *msg = NULL;
	int i;

	verify(f, 0, NULL);
	add(f, "hayashi", AUTH_REVIEWER, 0);                            /* 1 */
	for (i = 0; i < 3; i++)
		login(f, "hayashi", i == 1 ? PW : "Wrong-password-1", "192.0.2.1", NULL); /* 2-4 */
	assert_int_equal(auth_user_set_roles(f->a, &cli, "hayashi", AUTH_SECRETARIAT, 0), 0); /* 5 */
	for (i = 0; i < 2000; i++)
		buf_putc(&big, 'x');
	assert_int_equal(auth_audit(f->a, &cli, "export.private", "export:csv", NULL, big.ptr), 0); /* 6 */
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 6);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE seq = 6 AND after_text"
			       " LIKE 'sha256:% (2000 bytes)'"), 1);
	assert_int_equal(store_audit_verify(f->st, &r, &why), 0);
	assert_int_equal(r.bad, 0);
	assert_int_equal(r.entries, 6);
	assert_int_equal(strlen(r.head), 64);
	assert_int_equal(count(f, "SELECT count(*) FROM audit a JOIN audit b ON b.seq = a.seq + 1"
			       " WHERE b.prev_hash = a.hash"), 5);

	/* the table refuses changes while its triggers are there */
	assert_int_not_equal(sqlite3_exec(store_db_(f->st), "UPDATE audit SET actor = 'x' WHERE seq = 3",
					  NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(store_db_(f->st), "DELETE FROM audit WHERE seq = 3",
					  NULL, NULL, NULL), SQLITE_OK);
	verify(f, 0, NULL);

	/* someone with the sqlite3 shell drops them and edits entry 3 */
	sql(f, "DROP TRIGGER audit_no_UPDATE; DROP TRIGGER audit_no_DELETE;");
	sql(f, "CREATE TABLE keep AS SELECT * FROM audit;");
	sql(f, "UPDATE audit SET after_text = 'reason=nothing to see' WHERE seq = 3");
	verify(f, 3, "entry 3");
	verify(f, 3, "does not match its hash");
	/* re-hashing the edited entry breaks the link of the next one */
	sql(f, "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep;");
	verify(f, 0, NULL);
	sql(f, "UPDATE audit SET hash = (SELECT hash FROM audit WHERE seq = 2) WHERE seq = 3");
	verify(f, 3, NULL);
	sql(f, "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep;");
	/* a deleted entry */
	sql(f, "DELETE FROM audit WHERE seq = 4");
	verify(f, 4, "entry 4 is missing");
	sql(f, "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep;");
	/* the newest entry deleted: the head knows */
	sql(f, "DELETE FROM audit WHERE seq = 6");
	verify(f, 6, "missing");
	sql(f, "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep;");
	/* two entries swapped */
	sql(f, "UPDATE audit SET seq = -2 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3;"
	    " UPDATE audit SET seq = 3 WHERE seq = -2;");
	verify(f, 2, "entry 2");
	sql(f, "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep;");
	verify(f, 0, NULL);
	/* renumbered after a deletion: the hashes cover the numbers */
	sql(f, "DELETE FROM audit WHERE seq = 2; UPDATE audit SET seq = seq - 1 WHERE seq > 2;");
	verify(f, 2, NULL);
	buf_release(&why);
	buf_release(&big);
}

static void audit_needs_a_transaction(void **state)
{
	struct fx *f = *state;
	struct store_audit e = { 0, "cli:x", "", "test", "", NULL, NULL, "" };
	long long seq = 0;

	assert_int_equal(store_audit_append(f->st, &e, &seq), MD_EUSAGE);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_audit_append(f->st, &e, &seq), 0);
	assert_int_equal(seq, 1);
	e.action = "";
	assert_int_equal(store_audit_append(f->st, &e, &seq), MD_EUSAGE);
	assert_int_equal(store_commit(f->st), 0);
	verify(f, 0, NULL);
	/* inside the caller's transaction auth joins it: a rollback drops it */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(auth_audit(f->a, &cli, "publish", "edition:2", NULL, NULL), 0);
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 1);
	verify(f, 0, NULL);
	/* and auth_login refuses to run inside one */
	{
		struct auth_login in = { "x", "y", NULL };
		struct auth_login_result r;

		assert_int_equal(store_begin(f->st), 0);
		assert_int_equal(auth_login(f->a, &cli, &in, &r), MD_EUSAGE);
		assert_int_equal(store_rollback(f->st), 0);
	}
}

/* What a client sent (its address, a typed name) cannot become a formula
 * in the CSV an admin opens. */
static void audit_csv_is_not_a_formula(void **state)
{
	struct fx *f = *state;
	struct auth_ctx c = { NULL, "cli:x", "=HYPERLINK(\"http://evil/\",\"x\")", "", "+1", 0, NULL, NULL };
	struct buf out = BUF_INIT;

	assert_int_equal(auth_audit(f->a, &c, "export.private", "-2+3", "@SUM(A1)", "plain"), 0);
	assert_int_equal(report_audit(f->st, NULL, REPORT_CSV, &out), 0);
	assert_non_null(strstr(out.ptr, ",\"'=HYPERLINK(\"\"http://evil/\"\",\"\"x\"\")\","));
	assert_non_null(strstr(out.ptr, ",\"'-2+3\",\"'@SUM(A1)\",plain,\"'+1\","));
	assert_null(strstr(out.ptr, ",=HYPERLINK"));
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_policy),
		cmocka_unit_test(password_list_is_the_shipped_file),
		cmocka_unit_test_setup_teardown(accounts_and_refusals_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions_new_id_timeouts_csrf, setup, teardown),
		cmocka_unit_test_setup_teardown(session_peek_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions_belong_to_their_account, setup, teardown),
		cmocka_unit_test_setup_teardown(sweep_removes_what_is_over, setup, teardown),
		cmocka_unit_test_setup_teardown(throttle_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(throttle_by_address, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_user_is_a_wrong_password, setup, teardown),
		cmocka_unit_test_setup_teardown(rehash_on_login, setup, teardown),
		cmocka_unit_test_setup_teardown(login_pause_lets_others_in, setup, teardown),
		cmocka_unit_test_setup_teardown(password_change_pauses, setup, teardown),
		cmocka_unit_test_setup_teardown(login_after_a_change_meanwhile, setup, teardown),
		cmocka_unit_test(policy_matrix),
		cmocka_unit_test_setup_teardown(edit_hook_actors, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_chain_detects_tampering, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_needs_a_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_csv_is_not_a_formula, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
