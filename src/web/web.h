#ifndef MD_WEB_H
#define MD_WEB_H
/*
 * web: the HTTP front end and the static publication.
 *
 * web_handle() maps one request to one response through the route table in
 * routes.c; it knows nothing of sockets, so the server (server.c, the only
 * user of libmicrohttpd) and `mdplan publish` (publish.c) share it.
 *
 * Owns: HTTP (routes and their flags, the cache, limits, headers, forms and
 * cookies as data) and the static publication. May call: base, text,
 * store, html (the sitemap), page (every HTML page), report (downloads, the
 * API's JSON), auth and edit (for the write routes). Holds no SQL and
 * writes no HTML of its own but the fixed literal body of a redirect. A new
 * page's route is a row in routes.c's table (and publish.c's list if it is
 * published).
 */
#include <pthread.h>
#include <stdio.h>

#include "../auth/auth.h"
#include "../base/base.h"
#include "../store/store.h"

/*
 * A form body's fields (form.c), as libmicrohttpd's post processor hands
 * them over (urlencoded and multipart alike), capped: WEB_FORM_FIELDS
 * fields, WEB_FORM_BYTES of names and values in all, names of
 * [A-Za-z0-9_.-], values without NUL. Anything else makes the form bad,
 * and a bad form is answered 400 before any handler runs.
 */
#define WEB_FORM_FIELDS 64
#define WEB_FORM_BYTES (64 * 1024)
#define WEB_FORM_NAME_MAX 64
struct web_field {
	char name[WEB_FORM_NAME_MAX];
	struct buf value;
};
struct web_form {
	int n;
	int bad;
	size_t bytes;
	size_t cap;             /* bytes in all; 0: WEB_FORM_BYTES */
	const char *binary;     /* the one field whose value may hold NUL
				 * bytes (an uploaded file), or NULL */
	struct web_field field[WEB_FORM_FIELDS];
};
void web_form_init(struct web_form *f);
/* A form of a route with a larger body (web_body_cap()): cap bytes in all
 * and field binary (may be NULL) taking any bytes. */
void web_form_init_cap(struct web_form *f, size_t cap, const char *binary);
void web_form_release(struct web_form *f);
/* Appends size bytes of data to field key at offset off (a field may come
 * in pieces: off 0 starts it, each further piece starts where the last
 * ended). 0, or MD_EINPUT when a cap or a rule is broken (f->bad is then
 * set and stays). */
int web_form_add(struct web_form *f, const char *key, const char *data, size_t off,
		 size_t size);
/* The value of field name; NULL when absent, given more than once, or the
 * form is bad. */
const char *web_form_get(const struct web_form *f, const char *name);
/* The same with its length (a binary field's value may hold NUL). */
const char *web_form_get_len(const struct web_form *f, const char *name, size_t *len);

/* The body a request to path may send: WEB_FORM_BYTES for every route but
 * the few that take a file (the offline workbook upload: the workbook's
 * cap and room for the other fields), whose file field is named in
 * *binary (else NULL). The server asks before it reads the body. */
size_t web_body_cap(const char *method, const char *path, const char **binary);
/* Where the server runs a request of method and path (web_serve()):
 *   WEB_RUN_WRITER  a route that writes under the writer's lock
 *                   throughout: on the writer thread, one at a time
 *   WEB_RUN_SIDE    a route that takes the lock itself for the part that
 *                   needs it (RF_OWN_LOCK: the upload reads its workbook
 *                   first, the sign-in checks its password hash in
 *                   between): on a side thread, so that its slow part
 *                   holds up neither the writer nor a worker's readers
 *   WEB_RUN_HERE    the others: on the worker that read the request */
enum web_run { WEB_RUN_HERE, WEB_RUN_WRITER, WEB_RUN_SIDE };
enum web_run web_route_run(const char *method, const char *path);

/* The cookie name from a Cookie header as sent (RFC 6265, read strictly),
 * into out[cap]: 1 found, 0 absent, -1 there but not to be trusted
 * (malformed header, the name twice, too long): treat as absent. */
#define WEB_COOKIE_HEADER_MAX 4096
int web_cookie_get(const char *header, const char *name, char *out, size_t cap);

/* The session cookie, and the login form's pre-session CSRF cookie. */
#define WEB_SESSION_COOKIE "mdplan_session"
#define WEB_PRE_COOKIE "mdplan_pre"

/* Who sent a request: set by the server from the session cookie before
 * web_handle() (NULL: anonymous). */
struct web_user {
	const char *name;       /* login name */
	const char *display;    /* display name (user text) */
	unsigned roles;         /* WEB_ROLE_* bits */
	unsigned ministries;    /* an editor's scope */
	const char *csrf;       /* the session's CSRF token */
	long long session;
	const char *token;      /* the session id (the cookie's value) */
	const struct auth_user *account; /* as src/auth read it */
};
enum {
	WEB_ROLE_ADMIN = 1u << 0,
	WEB_ROLE_SECRETARIAT = 1u << 1,
	WEB_ROLE_EDITOR = 1u << 2,
	WEB_ROLE_REVIEWER = 1u << 3,
	WEB_ROLE_DESK = 1u << 4
};

/* The one writable connection of a server; a handler that writes holds mu
 * for the whole request (one transaction per request, BEGIN IMMEDIATE in
 * store and edit, with store's busy timeout for the command line), or,
 * on a route that takes it itself (the upload, which reads its file
 * first), for the part that writes. */
struct web_writer {
	struct store *st;
	struct auth *auth;      /* accounts and sessions, on st */
	pthread_mutex_t mu;
};
/* The user a session cookie (Cookie header as sent) names: 1 with *u
 * filled (strings in ar), 0 anonymous (no cookie, or one that names no
 * live session). It is read through reader (an auth on a read-only
 * connection; NULL: none), and through w under its lock only when the
 * session's use is due to be noted (auth_session_peek()). */
int web_session(struct web_writer *w, struct auth *reader, const char *cookie_header,
		struct arena *ar, struct web_user *u);

struct web_req {
	const char *method;     /* "GET", "HEAD", ... */
	const char *path;       /* URL path, percent-decoded; any string (a path
				 * not starting with '/' is answered 400) */
	/* Query argument by name (the first of that name), NULL when absent. */
	const char *(*arg)(void *ctx, const char *name);
	/* Name of the i-th query argument, NULL past the last; NULL: none. */
	const char *(*arg_name)(void *ctx, int i);
	void *arg_ctx;
	/* Request header by name (case-insensitive), NULL when absent or no
	 * headers (publish); called with arg_ctx. */
	const char *(*header)(void *ctx, const char *name);
	const struct web_form *form; /* the body's fields, NULL: none */
	const struct web_user *user; /* NULL: anonymous */
	const char *session_token;   /* the session cookie as sent, NULL: none */
	struct web_writer *writer;   /* NULL: read-only (publish, fuzz) */
	const char *address;         /* client address, "" unknown */
	const char *request_id;      /* for the audit trail and the log */
	int tls;                     /* served over TLS (cookies get Secure) */
	int secure_cookies;          /* Secure even without (a TLS proxy) */
	int published;          /* rendering for `mdplan publish` */
};

/* A header a handler sets (Set-Cookie, Retry-After, ...). */
#define WEB_RESP_HEADERS 6
struct web_header {
	char name[32];
	char value[512];
};

struct web_resp {
	int status;
	const char *ctype;
	struct buf body;
	char location[512];     /* for redirects */
	char filename[128];     /* Content-Disposition attachment name */
	char allow[64];         /* for 405: the methods the path takes */
	int cacheable;          /* same cache key, same database: same bytes */
	int api;                /* an /api/ response (CORS open when anonymous) */
	int private_;           /* for a signed-in user: Cache-Control:
				 * private, no-store; never cached */
	int nhdr;
	struct web_header hdr[WEB_RESP_HEADERS];
};
/* Adds a header; MD_EINPUT for a name that is not a token or a value with
 * a control character (no header can be split), MD_ENOMEM when full. A
 * response with such headers is never cached. */
int web_resp_header(struct web_resp *rs, const char *name, const char *value);

void web_resp_init(struct web_resp *rs);
void web_resp_release(struct web_resp *rs);
/* Fills rs; returns 0 or a negative MD_E* when even the error page could
 * not be made (out of memory). */
int web_handle(struct store *st, const struct web_req *rq, struct web_resp *rs);
/* The response cache's key for rq: the path and the values of the
 * parameters its route reads, in the route's order, percent-encoded, so
 * that two requests with one key get the same answer from web_handle().
 * Returns 1 with the key in *key, 0 if rq is not to be cached (not a GET
 * or HEAD, no route, or a parameter its route does not read). */
int web_cache_key(const struct web_req *rq, struct buf *key);

struct web_opts {
	const char *db_path;
	const char *bind;       /* address, default 127.0.0.1 */
	int port;               /* 0: any free port */
	int threads;            /* worker threads, default 4 */
	int cache;              /* keep rendered responses until the db changes */
	size_t cache_bytes;     /* the cache's cap, all it holds counted; 0: 48 MiB */
	int timeout;            /* seconds for a whole request to arrive; 0: 10 */
	int per_client;         /* connections per client address; 0: 64, -1: any */
	int secure_cookies;     /* a TLS proxy is in front: cookies get Secure */
	const char *trusted_proxy; /* the reverse proxy's address: a request from
				 * it is from the last address its
				 * X-Forwarded-For names (throttle, audit, log);
				 * NULL: the socket's address, always */
	const char *hosts;      /* host names served, "a,b" (Host without its
				 * port, case-insensitive); another gets 421;
				 * NULL: any */
	const char *tls_cert;   /* PEM files: serve HTTPS (GnuTLS), both or */
	const char *tls_key;    /* neither */
	int login_lock;         /* seconds an account or address is locked
				 * after its failed sign-ins (delays capped
				 * at it); 0: src/auth's default */
	int login_lock_after;   /* failures that lock an account; 0: default */
	FILE *log;              /* access log, NULL: none */
	FILE *info;             /* "serving URL" and shutdown messages */
};
/* The reminder schedule of a server (remind.c): a thread of its own with
 * its own connection to db_path runs edit_round_remind() for every open
 * round at start and every interval seconds (0: 3600). */
#define WEB_REMIND_DAYS_MAX 16
struct web_remind_opts {
	const char *db_path;
	const char *relay;      /* smtp://host:port */
	const char *from;       /* NULL: mdplan@localhost */
	const char *site;       /* the site's address for entry links, or NULL */
	int days[WEB_REMIND_DAYS_MAX];
	int ndays;
	long long interval;
};
struct web_remind;
int web_remind_start(const struct web_remind_opts *o, FILE *info, struct web_remind **out);
/* Stops the thread (waits for a run in progress) and frees w. */
void web_remind_stop(struct web_remind *w);

/* Serves until SIGINT or SIGTERM, then closes idle connections at once and
 * lets requests in flight finish. Returns 0, or a negative MD_E* with a
 * message on stderr. */
int web_serve(const struct web_opts *o);

/* Writes the public site below outdir: every page in Japanese and English,
 * the downloads, the style sheet and sitemap.xml (with base_url). *files
 * gets the number of files written. */
int web_publish(struct store *st, const char *outdir, const char *base_url,
		long *files, struct buf *err);

/* The route table as text, one route a line: method, pattern, flags
 * ("api cache signed-in write own-lock pre-csrf", each when set,
 * space-separated),
 * roles (auth_roles_format(), "-" for none), tab-separated. For
 * `mdplan serve --routes` and the tests that must cover every write route. */
int web_routes_format(struct buf *out);

#endif
