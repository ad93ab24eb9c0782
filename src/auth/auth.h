#ifndef MD_AUTH_H
#define MD_AUTH_H
/*
 * auth: who may use the write side. Accounts with roles and ministry
 * scopes, the password policy and argon2id hashes, sessions with their
 * CSRF tokens, login throttling, the authorization policy, and the audit
 * entries of all of it. No HTTP here: the web layer turns a request into
 * these calls (cookie -> auth_session_lookup(), form -> auth_login(), ...)
 * and their results into responses (401/403/429, Set-Cookie).
 *
 * Owns: the rules (password policy, timeouts, throttling, who may do
 * what) and the account, session and throttle rows through store. May
 * call base, text (the ministry table, UTF-8 checks), crypto (every secret:
 * hashing, tokens, constant-time comparison) and store (its tables and the
 * audit trail). Never SQL, never libsodium, never a front end; src/edit
 * and the front ends call this, never the other way round.
 *
 * Usage: auth_new(st, &cfg, &a) on a writable store (one struct auth per
 * store connection; like the store it is not thread-safe: a server keeps
 * one on its writer connection, under the writer's lock); any number of
 * calls; auth_free(a). Strings a call hands back live in the arena the
 * caller passes, or in the result struct; messages (auth_errmsg()) live in
 * a until its next call.
 *
 * Transactions: a function that writes joins the caller's transaction
 * when one is open (store_begin()), else runs in one of its own that it
 * commits. auth_login() is the exception: it must be called outside a
 * transaction, because it commits the attempt before the (slow) password
 * hash is checked and must not hold the write lock meanwhile.
 *
 * Errors: 0, or a negative MD_E* with auth_errmsg() saying why (English)
 * and auth_errfield() naming the input it is about ("name", "password",
 * "email", ...; NULL if none), for a form to show beside that field:
 *   MD_EINPUT      a value breaks a rule (password policy, name syntax)
 *   MD_ENOTFOUND   no such account / session
 *   MD_ECONFLICT   the account name is taken
 *   MD_EFORBIDDEN  the acting user may not do this (nothing was written)
 *   MD_EUSAGE      a call the API does not allow (limits below interactive)
 *   MD_EDB         the database failed
 * A refused call writes nothing at all, not even an audit entry; the
 * exceptions are the login outcomes (below), which are audited by design.
 *
 * Audit entries (store_audit_append(); actor "user:NAME" for a signed-in
 * user, ctx->actor such as "cli:NAME" for the command line, "anonymous"
 * for a login attempt): user.add, user.update, user.passwd, user.disable,
 * user.enable, user.roles (target "user:NAME", before/after as
 * "key=value" lines); login (target "session:ID"), login.fail and
 * login.throttled (target "user:NAME", after the reason; the reason is
 * for the admin reading the trail, never for the person logging in),
 * login.lock (target "user:NAME" or "address:A"); logout and
 * session.revoke (target "session:ID").
 */
#include "../base/base.h"
#include "../crypto/crypto.h"
#include "../store/store.h"
#include "../text/text.h"

struct auth;

/* ---- configuration ---- */

/* Throttling of failed logins under one key (an account, an address):
 * the first `free` consecutive failures cost nothing; each one after
 * makes the next attempt wait delay, 2*delay, 4*delay, ... up to
 * max_delay after the last failure; the lock_after-th failure locks the
 * key for `lock` seconds, the next lock twice as long, up to max_lock;
 * after `forget` seconds without a failure (and no lock running) the key
 * starts afresh. A success clears the account's key and takes back its
 * own failure from the address's key. */
struct auth_throttle_rule {
	int free;              /* failures without delay */
	long long delay;       /* seconds: the first delay */
	long long max_delay;
	int lock_after;        /* failures that lock */
	long long lock;        /* seconds: the first lock */
	long long max_lock;
	long long forget;      /* seconds */
};

struct auth_config {
	long long idle_timeout;    /* seconds a session may go unused: 1800 */
	long long lifetime;        /* seconds from login, however busy: 43200 */
	long long touch_interval;  /* last use is written at most this often: 60
				    * (so idle ends between idle_timeout - 60
				    * and idle_timeout after the last request) */
	int max_sessions;          /* per account; a new login ends the oldest
				    * beyond it: 10 */
	struct crypto_pw_limits pw;/* argon2id cost: interactive (the least
				    * accepted); raising it rehashes each
				    * password at its next login */
	struct auth_throttle_rule account; /* 3 free, 1 s doubling to 60 s,
					    * lock at 10 for 15 min doubling to
					    * 24 h, forget after 24 h */
	struct auth_throttle_rule address; /* 10 free, 1 s to 30 s, lock at 50
					    * for 15 min to 1 h, forget after
					    * 1 h (addresses behind one NAT are
					    * many people) */
	/* The clock: Unix seconds. NULL: time(). Tests move it. */
	long long (*now)(void *ctx);
	void *now_ctx;
};
/* Fills c with the defaults above. */
void auth_config_default(struct auth_config *c);

/* cfg NULL: the defaults. MD_EUSAGE when the password limits are below
 * interactive, a timeout is not positive or a rule makes no sense. */
int auth_new(struct store *st, const struct auth_config *cfg, struct auth **out);
void auth_free(struct auth *a);
const char *auth_errmsg(const struct auth *a);
const char *auth_errfield(const struct auth *a);
/*
 * What the last refusal was, as an id a front end turns into its own words
 * (the web's account and admin pages in Japanese and English,
 * web_auth_why()); auth_errmsg() stays the English of the command line.
 * Every refusal those forms can lead to has one; AUTH_WHY_NONE is a
 * failure no form causes (the database, out of memory, a caller's
 * mistake), or success.
 */
enum auth_why {
	AUTH_WHY_NONE = 0,
	AUTH_WHY_FORBIDDEN,        /* the acting user may not do this */
	AUTH_WHY_NO_USER,          /* no such account */
	AUTH_WHY_BAD_NAME,         /* not a user name (3-64 of a-z 0-9 . _ -) */
	AUTH_WHY_NAME_RESERVED,    /* a name a page has (auth_name_reserved()) */
	AUTH_WHY_NAME_TAKEN,       /* an account has the name already */
	AUTH_WHY_BAD_DISPLAY,      /* a display name too long or with a control */
	AUTH_WHY_BAD_EMAIL,        /* not an e-mail address */
	AUTH_WHY_BIDI,             /* a display name or e-mail with a
				    * bidirectional control (text_typed_class()) */
	AUTH_WHY_ROLES,            /* no role, editor without ministry, ... */
	AUTH_WHY_LAST_ADMIN,       /* disabling, or taking admin from, the last
				    * enabled admin */
	AUTH_WHY_PW_INVALID,       /* the new password: enum auth_pw_problem */
	AUTH_WHY_PW_SHORT,
	AUTH_WHY_PW_LONG,
	AUTH_WHY_PW_NAME,
	AUTH_WHY_PW_COMMON,
	AUTH_WHY_PW_PATTERN,
	AUTH_WHY_OLD_PASSWORD,     /* the current password missing or wrong */
	AUTH_WHY_THROTTLED,        /* too many wrong current passwords: wait
				    * auth_retry_after() */
	AUTH_WHY_NO_SESSION,       /* no such live session */
	AUTH_WHY_PW_CHANGED,       /* one's own change: the password was changed
				    * elsewhere while the current one was
				    * checked (MD_ECONFLICT) */
	AUTH_WHY_COUNT_
};
enum auth_why auth_errwhy(const struct auth *a);
/* The clock's time now. */
long long auth_now(const struct auth *a);
/* After a call refused because of throttling (auth_user_passwd()'s
 * current password after repeated wrong ones: MD_EFORBIDDEN, field
 * "old_password"): the seconds to wait (HTTP Retry-After); else 0. */
long long auth_retry_after(const struct auth *a);

/* ---- roles and scopes ---- */

enum auth_role {
	AUTH_ADMIN = 1u << 0,        /* users and settings */
	AUTH_SECRETARIAT = 1u << 1,  /* the plan cycle (MHLW 医政局) */
	AUTH_EDITOR = 1u << 2,       /* a ministry's follow-up, within its scope */
	AUTH_REVIEWER = 1u << 3,     /* review panel (検討会): reads drafts, comments */
	AUTH_DESK = 1u << 4          /* support-desk staff (a later issue) */
};
#define AUTH_ROLES_ALL 0x1fu
/* "admin", "secretariat", "editor", "reviewer", "desk" for one bit; NULL
 * otherwise. */
const char *auth_role_name(unsigned role);
/* The role called name (exactly, lower case), or 0. */
unsigned auth_role_find(const char *name);
/*
 * Ministry scopes are bit sets over the ministry table: bit i is
 * text_ministry_at(i) (内官 内 総 文 厚 経, codes cas cao mic mext mhlw meti).
 * auth_ministry_find() takes any name text_ministry_find() knows (経,
 * 経済産業省, meti, METI) and gives its bit, or 0.
 */
unsigned auth_ministry_find(const char *name);
/* Appends the role names (","-joined, in enum order) or the ministry
 * abbreviations ("文、経") or codes ("mext,meti") of a set to out. */
int auth_roles_format(unsigned roles, struct buf *out);
int auth_ministries_format(unsigned ministries, int codes, struct buf *out);

/* ---- accounts ---- */

/*
 * An account as readers see it. The password hash is never part of it.
 * Strings live in the arena of the call that filled it.
 */
struct auth_user {
	long long id;
	const char *name;          /* login name */
	const char *display;       /* display name, "" if none (user text: escape it) */
	const char *email;         /* "" if none */
	int disabled;              /* 1: cannot log in, has no session */
	unsigned roles;            /* AUTH_* bits */
	unsigned ministries;       /* an editor's scope (bits as above) */
	long long created;         /* Unix seconds */
	long long pw_changed;
};

/*
 * Who is acting, for authorization and the audit trail.
 *   user      the signed-in user (from auth_session_lookup()); every call
 *             that changes something checks auth_may() for them and says
 *             MD_EFORBIDDEN when they may not.
 *   NULL user the command line: whoever can open the database file can
 *             change it anyway, so it is trusted; actor names them
 *             ("cli:NAME", as src/edit's cli_actor() formats it).
 * address, user_agent and request_id go into the audit entry and, for a
 * login, into the session; session is the acting session's id (kept when
 * a user changes their own password; 0: none).
 */
struct auth_ctx {
	const struct auth_user *user;
	const char *actor;
	const char *address;       /* client address; "" for the command line */
	const char *user_agent;
	const char *request_id;
	long long session;
	/* A password hash or check (tens of milliseconds of CPU) that a call
	 * makes outside any transaction runs between pause(pause_arg, 0) and
	 * pause(pause_arg, 1), with no use of the auth or its store in
	 * between: a caller that lets one thread at a time use them (a
	 * server's writer lock) lets the others in meanwhile. What the call
	 * read before the pause is checked again after it where it matters
	 * (auth_user_passwd()). NULL: no pause. */
	void (*pause)(void *arg, int resume);
	void *pause_arg;
};

/*
 * Names: 3 to 64 characters of a-z 0-9 . _ - (lower case; the login form
 * folds ASCII upper case), starting with a letter or digit. Display names:
 * up to 200 bytes of UTF-8 without control characters (C0, C1, line
 * separators) or bidirectional controls (text_typed_class(); AUTH_WHY_BIDI).
 * E-mail: empty, or up to 254 bytes, no white space, control or
 * bidirectional characters, one @ with something on both sides. Roles: at least one; editor needs at least one
 * ministry and ministries need editor.
 */
struct auth_user_spec {
	const char *name;
	const char *display;       /* NULL: "" */
	const char *email;         /* NULL: "" */
	unsigned roles;
	unsigned ministries;
};
/* Creates an enabled account with password pw (policy below). Needs
 * AUTH_MANAGE_USERS. MD_ECONFLICT when the name is taken; MD_EINPUT
 * (field "name") when it is not a name or is reserved. */
int auth_user_add(struct auth *a, const struct auth_ctx *c,
		  const struct auth_user_spec *u, const char *pw);
/* 1 when name may not be given to a new account: it is a page's name
 * where a URL holds an account's (/admin/users/new/ beside
 * /admin/users/{user}/). The web's route table is checked against this
 * list by a unit test (test_webwrite). */
int auth_name_reserved(const char *name);
/* Changes the display name and/or e-mail (NULL keeps). Needs
 * AUTH_MANAGE_USERS, or AUTH_OWN_ACCOUNT for one's own. */
int auth_user_update(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *display, const char *email);
/*
 * Sets a new password. For one's own account (c->user is that account)
 * old_pw must be the current password (MD_EINPUT, field "old_password",
 * when it is not); an admin (AUTH_MANAGE_USERS) or the command line sets
 * it without (old_pw ignored). Ends every other session of the account
 * (all of them when it is not one's own).
 * The current password is a guess like a login's and is throttled under
 * the same keys and rules (the account's, c->address's): a wrong one is
 * audited (user.passwd.fail, and login.lock when a key locks) and
 * counted, so it writes although refused; while the keys must wait the
 * call is refused with MD_EFORBIDDEN (field "old_password",
 * auth_retry_after() > 0, audited as user.passwd.throttled) without
 * checking anything. The new password is checked against the policy
 * first: a weak one is refused (MD_EINPUT, field "password") before any
 * guess is counted. With a pause (struct auth_ctx), a password changed
 * elsewhere while the current one was checked refuses the change
 * (MD_ECONFLICT, AUTH_WHY_PW_CHANGED, field "old_password").
 */
int auth_user_passwd(struct auth *a, const struct auth_ctx *c, const char *name,
		     const char *old_pw, const char *pw);
/* Disables (ending every session) or enables an account. Needs
 * AUTH_MANAGE_USERS; a signed-in admin cannot disable the last enabled
 * admin (MD_EINPUT), the command line can. */
int auth_user_set_disabled(struct auth *a, const struct auth_ctx *c,
			   const char *name, int disabled);
/* Replaces the roles and ministries. Needs AUTH_MANAGE_USERS; a signed-in
 * admin cannot take admin from the last enabled admin. */
int auth_user_set_roles(struct auth *a, const struct auth_ctx *c,
			const char *name, unsigned roles, unsigned ministries);
/* Reading: no authorization here (the caller checks AUTH_MANAGE_USERS or
 * AUTH_OWN_ACCOUNT before showing them). */
int auth_user_get(struct auth *a, const char *name, struct arena *ar,
		  struct auth_user *out);
/* Every account by name; *users is NULL when *n is 0. */
int auth_user_list(struct auth *a, struct arena *ar, struct auth_user **users, int *n);

/* ---- password policy ---- */

/*
 * A password must be valid UTF-8 without control characters, 12 to 1024
 * bytes' worth of at least 12 characters (code points), and must not
 *   - contain the user name (ASCII case-insensitively),
 *   - be in the list of common passwords shipped in
 *     data/common-passwords.txt (compiled in), compared lower-cased, also
 *     with trailing digits and punctuation removed ("Sakura2024!!" is
 *     "sakura") and with the usual digit-for-letter swaps undone
 *     ("p@ssw0rd"),
 *   - be one short piece repeated ("abcabcabcabc", "111111111111").
 * No normalization: a full-width and a half-width password differ.
 */
enum auth_pw_problem {
	AUTH_PW_OK = 0,
	AUTH_PW_INVALID,     /* not UTF-8, or a control character */
	AUTH_PW_SHORT,       /* fewer than AUTH_PW_MIN characters */
	AUTH_PW_LONG,        /* more than AUTH_PW_MAX bytes */
	AUTH_PW_NAME,        /* contains the user name */
	AUTH_PW_COMMON,      /* a common password, or one with digits added */
	AUTH_PW_PATTERN      /* one piece repeated */
};
#define AUTH_PW_MIN 12
#define AUTH_PW_MAX 1024
/* What is wrong with pw for the account called name (NULL: no name). A
 * pure function, for a form to say it (in ja/en) before submitting. */
enum auth_pw_problem auth_password_problem(const char *name, const char *pw);
/* An English sentence for a problem. */
const char *auth_password_problem_text(enum auth_pw_problem p);
/* 1 when s (lower case ASCII) is in the common list itself. */
int auth_password_common(const char *s);

/* ---- sessions and logins ---- */

/*
 * Sessions. The session id is a 256-bit token (crypto_token_new(): 43
 * URL-safe characters) that only the client keeps (in the cookie); the
 * database has its SHA-256. A session ends when it is revoked (logout,
 * revocation, password change, disable), CONFIG idle_timeout after its
 * last use, or lifetime after the login, whichever comes first; a login
 * always makes a new session (and ends the one the request came with),
 * so an id fixed before login is worth nothing.
 *
 * The CSRF token is per session (another 256-bit token, stored with the
 * session): every state-changing form carries it and the web layer checks
 * it with auth_csrf_ok(). The login form has no session yet: give it a
 * double-submit token (crypto_token_new() in a short-lived cookie and in
 * the form, compared with crypto_str_equal()).
 */
struct auth_session {
	long long id;
	struct auth_user user;     /* the account, as auth_user_get() */
	const char *csrf;          /* the session's CSRF token */
	long long created, last_seen;
	long long expires;         /* the absolute end (created + lifetime) */
	long long idle_expires;    /* when it ends unless used */
	const char *address, *user_agent; /* of the login */
	long long revoked;         /* when it was ended; 0 if not */
	const char *revoke_reason; /* "logout", "revoked", "password", ... */
	int live;                  /* 1: still valid now */
};

/*
 * The session whose id is token, when it is live: fills *out (strings in
 * ar) and notes the use (last_seen; written at most every touch_interval,
 * so a read request rarely writes). MD_ENOTFOUND for anything else:
 * malformed, unknown, revoked, idle, past its lifetime, or the account
 * disabled; the web layer then treats the request as anonymous (and
 * clears the cookie).
 */
int auth_session_lookup(struct auth *a, const char *token, struct arena *ar,
			struct auth_session *out);
/* auth_session_lookup() that writes nothing, for an auth on a read-only
 * connection: *touch is 1 when the use is due to be noted, and the caller
 * then calls auth_session_lookup() on the writable one (a request then
 * waits for the writer about once a touch_interval per session, not every
 * time). */
int auth_session_peek(struct auth *a, const char *token, struct arena *ar,
		      struct auth_session *out, int *touch);
/* 1 when token is the session's CSRF token (constant time); 0 for NULL or
 * anything else. */
int auth_csrf_ok(const struct auth_session *s, const char *token);

/* The account's sessions, newest first, ended ones included (until
 * auth_sweep() removes them); live says which are valid now. */
int auth_sessions_list(struct auth *a, const char *name, struct arena *ar,
		       struct auth_session **out, int *n);
/* Ends session id of account name. Needs AUTH_MANAGE_USERS, or
 * AUTH_OWN_ACCOUNT for one's own. MD_ENOTFOUND when the account has no
 * such live session. */
int auth_session_revoke(struct auth *a, const struct auth_ctx *c,
			const char *name, long long id);
/* Ends every session of account name (*n: how many; may be NULL). Same
 * authorization. c->session is ended too. */
int auth_sessions_revoke_all(struct auth *a, const struct auth_ctx *c,
			     const char *name, long *n);
/* Ends the session whose id is token (logout). MD_ENOTFOUND when it is not
 * a live session. */
int auth_logout(struct auth *a, const struct auth_ctx *c, const char *token);
/* Deletes sessions that ended more than 30 days ago (*n: how many; may be
 * NULL) and throttle state that is forgotten anyway. A server calls it now
 * and then (say hourly). */
int auth_sweep(struct auth *a, long *n);

struct auth_login {
	const char *name;          /* as typed (ASCII upper case is folded) */
	const char *password;      /* as typed */
	const char *old_token;     /* the session cookie the request came
				    * with, ended on success; NULL: none */
};
enum auth_login_status {
	AUTH_LOGIN_OK = 0,         /* a new session: token, csrf */
	AUTH_LOGIN_DENIED,         /* wrong name or password, or disabled:
				    * one answer for all, so it says nothing */
	AUTH_LOGIN_THROTTLED       /* not tried: wait retry_after seconds
				    * (HTTP 429 with Retry-After) */
};
struct auth_login_result {
	enum auth_login_status status;
	long long retry_after;             /* THROTTLED: seconds */
	char token[CRYPTO_TOKEN_LEN + 1];  /* OK: the session id (the only
					    * copy: into the cookie) */
	char csrf[CRYPTO_TOKEN_LEN + 1];   /* OK: its CSRF token */
	long long session;                 /* OK: its id */
	long long expires;                 /* OK: its absolute end */
};
/*
 * One login attempt from c->address (c->user is ignored). Returns 0 with
 * res->status for every outcome (each is audited and throttled), a
 * negative MD_E* only when it could not be decided (the database failed);
 * MD_EUSAGE inside a transaction.
 * An unknown name gets the same answer, after the same work (a password
 * hash checked against a dummy hash), as a wrong password; a disabled
 * account likewise. The attempt is counted before the password is
 * checked, so parallel guesses are throttled too. On success an outdated
 * hash (auth_config.pw changed) is replaced.
 */
int auth_login(struct auth *a, const struct auth_ctx *c, const struct auth_login *in,
	       struct auth_login_result *res);

/* ---- authorization ---- */

enum auth_action {
	AUTH_READ_PUBLIC = 1,     /* published content: everyone, anonymous too */
	AUTH_READ_DRAFTS,         /* unpublished follow-up and indicators:
				   * secretariat, reviewer, editor (target:
				   * its ministries; no target: any) */
	AUTH_EDIT_INDICATOR,      /* definitions, baselines, targets, values:
				   * secretariat */
	AUTH_EDIT_FOLLOWUP,       /* a follow-up entry's 実績・状況/取組予定: an
				   * editor of one of the entry's ministries,
				   * or the secretariat */
	AUTH_SUBMIT_FOLLOWUP,     /* hand a ministry's entry to the secretariat:
				   * an editor of its lead (◎) ministry (a
				   * round entry's own ministry is its lead;
				   * the secretariat returns and accepts,
				   * it does not submit) */
	AUTH_ACCEPT_FOLLOWUP,     /* accept a submitted entry: secretariat */
	AUTH_RETURN_FOLLOWUP,     /* send it back for changes: secretariat */
	AUTH_COMMENT,             /* comment on a draft: reviewer, secretariat */
	AUTH_PUBLISH,             /* publish an edition: secretariat */
	AUTH_EXPORT_PRIVATE,      /* download non-public data: secretariat, admin */
	AUTH_MANAGE_USERS,        /* accounts, roles, others' sessions: admin */
	AUTH_READ_AUDIT,          /* the audit trail: admin */
	AUTH_OWN_ACCOUNT,         /* one's own password and sessions: any
				   * signed-in user, target->user themself */
	AUTH_DESK_WORK,           /* support-desk cases: desk */
	AUTH_MANAGE_ROUND,        /* open, close, reopen a follow-up round:
				   * secretariat */
	AUTH_EDIT_ENTRY,          /* save a round entry's texts: an editor of
				   * one of its ministries (target: the
				   * entry's writers), never the secretariat */
	AUTH_ACTION_COUNT_
};
/* "read.public", "read.drafts", "indicator.edit", "followup.edit",
 * "followup.submit", "followup.accept", "followup.return", "comment",
 * "publish", "export.private", "users.manage", "audit.read",
 * "account.own", "desk", "round.manage", "round.entry.edit"; NULL for
 * anything else. */
const char *auth_action_name(enum auth_action act);

/* What an action is done to; a field that does not matter is NULL. */
struct auth_target {
	const struct text_tag *ministries; /* the row's ministries, lead (◎)
					    * marked: a follow-up entry's scope
					    * (src/edit's edit_target.ministries) */
	const char *user;          /* the account acted on (AUTH_OWN_ACCOUNT) */
};

/*
 * 1 when user may take the action on the target, else 0. user NULL is an
 * anonymous visitor (AUTH_READ_PUBLIC only); a disabled account may do
 * nothing but what anonymous may. Actions scoped to a target
 * (AUTH_EDIT_FOLLOWUP, AUTH_SUBMIT_FOLLOWUP, AUTH_OWN_ACCOUNT) are refused
 * without one: ask with the real row. Pure: no database, no clock.
 */
int auth_may(const struct auth_user *user, enum auth_action act,
	     const struct auth_target *t);
/* 1 when the user may take the action on some target (for menus and for
 * the web's route flags before the row is known); never a substitute for
 * auth_may() on the row. */
int auth_may_some(const struct auth_user *user, enum auth_action act);

/*
 * What a user may do with one round entry (the web's entry page and API
 * ask this once and show or refuse accordingly; src/edit's policy still
 * decides each change):
 *   AUTH_ENTRY_READ      see the entry: the secretariat; an editor of one
 *                        of the item's ministries (owners: co-owners read
 *                        each other's entries); a reviewer once the
 *                        entry is no longer a draft
 *   AUTH_ENTRY_WRITE     save and submit it: an editor of one of its
 *                        writers (AUTH_EDIT_ENTRY, AUTH_SUBMIT_FOLLOWUP)
 *   AUTH_ENTRY_REVIEW    return and accept it: the secretariat
 *   AUTH_ENTRY_COMMENT   add a comment: a reviewer or the secretariat who
 *                        may read it
 *   AUTH_ENTRY_COMMENTS  read its comments: the secretariat, reviewers and
 *                        the editors of its writers, never another
 *                        ministry's editor (the store applies the same
 *                        rule to the viewer's scopes: auth_viewer())
 * writers: store_entry.scope (its ministry, or for a consolidated entry
 * the item's lead ministries); owners: every ministry of the item; state:
 * the entry's ("draft", "submitted", ...). Pure, like auth_may().
 */
enum {
	AUTH_ENTRY_READ = 1u << 0,
	AUTH_ENTRY_WRITE = 1u << 1,
	AUTH_ENTRY_REVIEW = 1u << 2,
	AUTH_ENTRY_COMMENT = 1u << 3,
	AUTH_ENTRY_COMMENTS = 1u << 4
};
unsigned auth_entry_access(const struct auth_user *user, const struct text_tag *writers,
			   const struct text_tag *owners, const char *state);
/*
 * The search viewer of a user (store.h, struct store_viewer): the scopes
 * of the restricted documents the policy lets them read (AUTH_READ_DRAFTS):
 * "role:secretariat" and "role:reviewer" for those roles, "ministry:CODE"
 * for each of an editor's ministries. NULL, a disabled account or a role
 * that reads no drafts (admin, desk): no scopes, the anonymous public.
 * Which documents a scope reads is the document's business (a reviewer
 * reads a round entry once it is submitted: store/searchdoc.h). Fills
 * *out, which holds the strings: pass &out->viewer to the search and do
 * not copy out (viewer points into it).
 */
#define AUTH_VIEWER_MAX 40
struct auth_viewer {
	struct store_viewer viewer;
	const char *scope[AUTH_VIEWER_MAX];
	char text[AUTH_VIEWER_MAX][32];
};
void auth_viewer(const struct auth_user *user, struct auth_viewer *out);

/*
 * For src/edit's policy hook (edit_policy.authorize), which sees actors as
 * text ("kind:name", store_actor_format()):
 *   "cli:NAME"   allowed (the command line is trusted, as above);
 *   "user:NAME"  the account is read (inside the caller's transaction) and
 *                auth_may() decides; a missing or disabled account is
 *                refused;
 *   anything else is refused.
 * Returns 0 when allowed, MD_EFORBIDDEN with a reason in why when not,
 * MD_EDB when the account cannot be read. src/edit's edit_policy_auth()
 * plugs this into its hooks, mapping its operations to actions:
 * indicator.define, indicator.value.set/.clear -> AUTH_EDIT_INDICATOR;
 * followup.text -> AUTH_EDIT_FOLLOWUP with the row's ministries; and it
 * audits every edit through auth_audit().
 */
int auth_authorize_actor(struct auth *a, const char *actor, enum auth_action act,
			 const struct auth_target *t, struct buf *why);

/* ---- audit ---- */

/* Appends an entry for something the caller did (a publication, an export
 * of non-public data) with c's actor, address and request id; joins the
 * open transaction or runs its own. */
int auth_audit(struct auth *a, const struct auth_ctx *c, const char *action,
	       const char *target, const char *before, const char *after);

#endif
