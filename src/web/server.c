/*
 * The HTTP server: libmicrohttpd with a thread pool. libmicrohttpd is used
 * here and nowhere else.
 *
 * - Each worker borrows a read-only database connection from a pool.
 * - Requests of routes that write (web_route_run()) run one after the
 *   other on the writer thread, their connections suspended meanwhile, so
 *   that no worker waits for the writer's lock; the sign-in and the
 *   upload, slow but for a moment under the lock, run on side threads; the
 *   workers and side threads run at a lower priority than the writer
 *   thread (lane_main()).
 * - The writer never checkpoints: the main thread does, every REAP_MS
 *   (checkpoint()).
 * - After a change empties the cache, a page many readers miss at once is
 *   rendered once: the others wait for it (cache_reply()).
 * - Rendered responses are kept (a libmicrohttpd response may be queued on
 *   any number of connections) until the public content changes: a
 *   watcher connection sees any commit through PRAGMA data_version and
 *   then reads the public generation (store_public_gen()), which a draft
 *   save, a sign-in or an audit entry leaves alone; an import by the CLI
 *   therefore shows on the next request, and a busy round does not empty
 *   the cache. A response is kept only if the generation is the one seen
 *   at its cache miss: one rendered from data a later commit replaced is
 *   sent but not kept. The key is web_cache_key()'s
 *   canonical form, so two URLs share an entry only when the handler sees
 *   the same input; a URL with a parameter its route does not read is not
 *   kept. The cap counts everything an entry holds (key, headers, body,
 *   the structures around them); reaching it empties the cache.
 * - One client cannot starve the others: at most per_client connections
 *   per address (libmicrohttpd closes the rest at once), MAX_CONNECTIONS in
 *   all (fewer if the descriptor limit is lower), and a request must
 *   arrive whole (head and body) within timeout seconds of the connection
 *   opening or of its previous response, else the main thread shuts the
 *   socket down. libmicrohttpd's own timeout (IDLE) restarts on every byte
 *   received, so it alone does not stop a client that trickles its head.
 * - Limits: a request target over MAX_TARGET bytes or with more than
 *   MAX_ARGS parameters gets 414 (refused before libmicrohttpd parses the
 *   parameters: it needs per-connection memory for each); the whole head
 *   must fit in CONN_MEMORY (431, or 414 for the request line); a body
 *   over MAX_BODY (or the route's web_body_cap(), larger for a file
 *   upload) gets 413, a chunked one after it has been read (up to
 *   MAX_DRAIN more; beyond, the connection is closed).
 * - Every response, libmicrohttpd's own error responses included, carries
 *   the security headers (see MHD_queue_response() below for how).
 * - SIGINT/SIGTERM: stop accepting, close idle connections at once, let
 *   requests in flight finish (up to DRAIN_SECONDS), then close. SIGPIPE
 *   is ignored.
 * - One access-log line per request: time, client, method, path, status,
 *   bytes, microseconds. What the client chose (method, path) is escaped:
 *   control characters, spaces, backslashes and bytes that are not UTF-8
 *   appear as \xHH, so a request cannot write a line of its own.
 */
#define _GNU_SOURCE   /* RTLD_NEXT */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>

#include "../text/text.h"
#include "../page/page.h"
#include "web.h"

#define CONN_MEMORY (64 * 1024)
#define MAX_TARGET 8192
#define MAX_ARGS 64
#define MAX_BODY (64 * 1024)
#define MAX_DRAIN (1024 * 1024)
#define IDLE 30
#define TIMEOUT 10
#define PER_CLIENT 64
#define MAX_CONNECTIONS 1024
#define DRAIN_SECONDS 10
#define REAP_MS 250
#define CACHE_SLOTS 4096
#define CACHE_BYTES ((size_t)48 << 20)
#define LOG_BURST 20   /* libmicrohttpd messages a second, then counted */

/* What a cache entry costs besides the bytes we know: libmicrohttpd's
 * response (its struct and mutex) and, per header, its struct and the two
 * copies it makes, each with malloc's own overhead. */
#define RESPONSE_COST 512
#define HEADER_COST (64 + 2 * 16)
#define MALLOC_COST 16

/* the policy published pages carry as <meta> too (page.h) */
static const char CSP[] = PAGE_CSP;

/* ---- the connection pool ---- */

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store **free;
	int nfree, n;
	struct store **all;
	struct auth **auth;     /* all[i]'s, for reading sessions (pool_auth()) */
};

static int pool_open(struct pool *p, const char *path, int n)
{
	int i, rc;

	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->free = calloc((size_t)n, sizeof(*p->free));
	p->all = calloc((size_t)n, sizeof(*p->all));
	if (!p->free || !p->all)
		return MD_ENOMEM;
	for (i = 0; i < n; i++) {
		rc = store_open(path, STORE_READONLY, &p->all[i]);
		if (rc) {
			fprintf(stderr, "mdplan serve: %s: %s\n", path,
				p->all[i] ? store_errmsg(p->all[i]) : "cannot open");
			store_close(p->all[i]);
			p->all[i] = NULL;
			return rc;
		}
		p->free[p->nfree++] = p->all[i];
		p->n++;
	}
	return 0;
}

static void pool_close(struct pool *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		if (p->auth)
			auth_free(p->auth[i]);
		store_close(p->all[i]);
	}
	free(p->free);
	free(p->all);
	free(p->auth);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
}

static struct store *pool_get(struct pool *p)
{
	struct store *st;

	pthread_mutex_lock(&p->mu);
	while (!p->nfree)
		pthread_cond_wait(&p->cv, &p->mu);
	st = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return st;
}

/* An auth on each connection of the pool, with the writer's settings
 * (idle timeout, lifetime), for web_session(). */
static int pool_auths(struct pool *p, const struct auth_config *cfg)
{
	int i, rc;

	if (!(p->auth = calloc((size_t)p->n, sizeof(*p->auth))))
		return MD_ENOMEM;
	for (i = 0; i < p->n; i++) {
		if ((rc = auth_new(p->all[i], cfg, &p->auth[i])))
			return rc;
	}
	return 0;
}

static struct auth *pool_auth(struct pool *p, struct store *st)
{
	int i;

	for (i = 0; p->auth && i < p->n; i++) {
		if (p->all[i] == st)
			return p->auth[i];
	}
	return NULL;
}

static void pool_put(struct pool *p, struct store *st)
{
	struct buf what = BUF_INIT;

	/* a statement left running would pin the connection's snapshot: the
	 * next requests on it would see the database as it was */
	if (store_end_reads(st, &what))
		fprintf(stderr, "mdplan serve: internal error: a statement was left running: %s\n",
			what.ptr ? what.ptr : "");
	buf_release(&what);
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = st;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* ---- the response cache ---- */

struct entry {
	char *key;
	struct MHD_Response *resp;
	int status;
	size_t len;             /* body bytes, for the log */
	size_t cost;            /* all it holds, as counted against the cap */
	struct entry *next;
};

/* A response being rendered after a miss, which others wait for. */
struct flight {
	char *key;
	long long gen;          /* the public generation it renders */
	struct flight *next;
};

struct cache {
	pthread_mutex_t mu;
	pthread_cond_t landed;  /* a flight ended (its response kept or not) */
	struct flight *flights;
	unsigned long waited;   /* misses answered by another's rendering */
	struct entry *slot[CACHE_SLOTS];
	size_t bytes, cap, peak;
	unsigned long entries, stored, flushes;
	unsigned long stale;    /* rendered, not kept: public content changed */
	unsigned long changes;  /* emptied because public content changed */
	long long version;      /* PRAGMA data_version last seen */
	long long gen;          /* the public generation of what is kept */
	struct store *watch;    /* sees other connections' commits */
	int on;
};

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void cache_flush(struct cache *c)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++) {
		while (c->slot[i]) {
			struct entry *e = c->slot[i];

			c->slot[i] = e->next;
			MHD_destroy_response(e->resp);
			free(e->key);
			free(e);
		}
	}
	c->bytes = 0;
	c->entries = 0;
}

/* Under c->mu: empties the cache if the public content changed since it
 * last looked (a commit of any kind moves data_version; only a public one
 * moves the generation). An error reading either empties it too. */
static void cache_sync(struct cache *c)
{
	long long v = store_data_version(c->watch), g;

	if (v == c->version && v >= 0)
		return;
	c->version = v;
	g = store_public_gen(c->watch);
	if (g != c->gen || g < 0) {
		cache_flush(c);
		c->gen = g;
		c->changes++;
	}
}

static struct entry *cache_find(struct cache *c, const char *key)
{
	struct entry *e;

	for (e = c->slot[hash(key) % CACHE_SLOTS]; e; e = e->next) {
		if (!strcmp(e->key, key))
			break;
	}
	return e;
}

static struct flight *flight_find(struct cache *c, const char *key, long long gen)
{
	struct flight *f;

	for (f = c->flights; f; f = f->next) {
		if (f->gen == gen && !strcmp(f->key, key))
			break;
	}
	return f;
}

/*
 * Queues the cached response for key on conn, under the lock so that a
 * flush cannot free it first (queueing takes libmicrohttpd's own
 * reference). Returns 1 if it did; if not, *gen is the public generation
 * a response rendered now may be kept for (cache_put()).
 *
 * After a change empties the cache, every reader of a page misses it at
 * once; each rendering it would cost the CPU that many times over (64
 * readers of ten pages: 64 renderings of each, while saves wait for the
 * CPU). So the first miss of a key renders it (*flying = 1: the caller
 * calls cache_landed() when done, kept or not) and a miss of the same key
 * and generation meanwhile waits for it, up to FLIGHT_WAIT, and is then
 * answered from the cache; if the response was not kept (not cacheable,
 * the content changed again, an error) or the wait ran out, it renders
 * for itself.
 */
#define FLIGHT_WAIT_MS 2000
static int cache_reply(struct cache *c, const char *key, struct MHD_Connection *conn,
		       int *status, size_t *bytes, enum MHD_Result *ok, long long *gen,
		       int *flying)
{
	struct entry *e;
	struct flight *f;
	int waited = 0;

	*gen = -1;
	*flying = 0;
	if (!c->on)
		return 0;
	pthread_mutex_lock(&c->mu);
	cache_sync(c);
	*gen = c->gen;
	e = cache_find(c, key);
	if (!e && *gen >= 0 && (f = flight_find(c, key, *gen))) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += FLIGHT_WAIT_MS / 1000;
		until.tv_nsec += (FLIGHT_WAIT_MS % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while ((f = flight_find(c, key, *gen)) &&
		       pthread_cond_timedwait(&c->landed, &c->mu, &until) == 0)
			;
		cache_sync(c);
		e = c->gen == *gen ? cache_find(c, key) : NULL;
		*gen = c->gen;
		waited = 1;
	}
	if (e) {
		c->waited += waited;
		*status = e->status;
		*bytes = e->len;
		*ok = MHD_queue_response(conn, (unsigned)e->status, e->resp);
	} else if (!waited && *gen >= 0 && (f = calloc(1, sizeof(*f)))) {
		if ((f->key = strdup(key))) {
			f->gen = *gen;
			f->next = c->flights;
			c->flights = f;
			*flying = 1;
		} else {
			free(f);
		}
	}
	pthread_mutex_unlock(&c->mu);
	return e != NULL;
}

/* The rendering cache_reply() let fly for key and gen is over (after
 * cache_put(), kept or not): those waiting for it look again. */
static void cache_landed(struct cache *c, const char *key, long long gen)
{
	struct flight **p, *f;

	pthread_mutex_lock(&c->mu);
	for (p = &c->flights; (f = *p); p = &f->next) {
		if (f->gen == gen && !strcmp(f->key, key)) {
			*p = f->next;
			free(f->key);
			free(f);
			break;
		}
	}
	pthread_cond_broadcast(&c->landed);
	pthread_mutex_unlock(&c->mu);
}

/* Keeps resp for key; the cache takes the caller's reference. cost is
 * what the response holds (body, headers); the entry adds its own; gen is
 * cache_reply()'s at the miss: if public content changed since, resp may
 * show the old and is not kept. Returns 0 if it did not keep it (the
 * caller still owns resp). */
static int cache_put(struct cache *c, const char *key, struct MHD_Response *resp,
		     int status, size_t len, size_t cost, long long gen)
{
	struct entry *e;
	unsigned h;

	if (!c->on)
		return 0;
	cost += sizeof(*e) + strlen(key) + 1 + 2 * MALLOC_COST + RESPONSE_COST;
	if (cost > c->cap)
		return 0;
	e = calloc(1, sizeof(*e));
	if (!e || !(e->key = strdup(key))) {
		free(e);
		return 0;
	}
	e->resp = resp;
	e->status = status;
	e->len = len;
	e->cost = cost;
	h = hash(key) % CACHE_SLOTS;
	pthread_mutex_lock(&c->mu);
	cache_sync(c);
	if (gen < 0 || gen != c->gen) {
		c->stale++;
		pthread_mutex_unlock(&c->mu);
		free(e->key);
		free(e);
		return 0;
	}
	if (c->bytes + cost > c->cap) {
		cache_flush(c);
		c->flushes++;
	}
	e->next = c->slot[h];
	c->slot[h] = e;
	c->bytes += cost;
	c->entries++;
	c->stored++;
	if (c->bytes > c->peak)
		c->peak = c->bytes;
	pthread_mutex_unlock(&c->mu);
	return 1;
}

/* ---- connections and requests ---- */

struct server;

struct request {
	struct conn *conn;      /* NULL if its connection could not be tracked */
	struct timespec start;
	size_t body_bytes;
	int started;            /* on_request() has seen it */
	int answered;           /* a response is queued */
	int refuse;             /* 414: refused at the request line */
	int status;
	size_t bytes;
	char method[16];
	char path[256];
	size_t max_body;        /* web_body_cap(): MAX_BODY but for an upload */
	const char *binary;     /* its file field */
	struct MHD_PostProcessor *pp; /* a form body being read */
	int has_form;
	struct web_form form;
	char addr[INET6_ADDRSTRLEN];
	char id[40];                  /* request id: audit trail, log */
	/* a request run by a lane (lane_main()): the writer's or the side's */
	int queued;                   /* suspended, in its lane's queue */
	int wdone;                    /* the lane ran it: its answer below */
	int wrc;                      /* web_handle()'s */
	struct web_resp wrs;
	struct web_user wuser;
	struct arena *war;
	const char *wmethod, *wurl;   /* libmicrohttpd's, while it lives */
	struct MHD_Connection *mc;
	struct request *wnext;
	struct lane *lane;            /* whose queue it is in */
};

/* Where a connection is, for the main thread: the deadline applies until
 * its request is all in (C_WAIT, C_BODY), a stop closes it at once unless
 * a request is in flight (C_BODY, C_BUSY). */
enum conn_state {
	C_WAIT,                 /* for a request, or for the rest of its head */
	C_BODY,                 /* the head is in, the body coming */
	C_BUSY                  /* the request is in; its answer being sent */
};

/* One per TCP connection, from libmicrohttpd's connection notices. The
 * list and state/since are shared with the main thread (sv->conn_mu);
 * rq is only touched by the connection's own worker. */
struct conn {
	struct conn *prev, *next;
	struct server *sv;
	int fd;
	enum conn_state state;
	int cut;                /* we shut the socket down */
	struct timespec since;  /* opened, or its previous response was sent */
	struct request *rq;     /* the request being received or answered */
};

/* A queue of requests and the threads that run them (lane_main()). */
enum { LANE_WRITER, LANE_SIDE, LANES };
/* the side lane's threads: a workbook upload takes seconds, a password
 * hash 80 ms; with four, two uploads at once still leave sign-ins two */
#define LANE_THREADS 4
struct lane {
	struct server *sv;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	struct request *head, *tail;
	int nthreads, gives_way;       /* the side lane's threads do */
	pthread_t threads[LANE_THREADS];
};

struct server {
	struct pool pool;
	struct web_writer writer;     /* the one writable connection */
	struct store *ckpt;           /* writable too, for checkpoints alone:
				       * the main thread's (checkpoint()) */
	int ckpt_said;                /* its failure was reported */
	int secure_cookies;
	char proxy[INET6_ADDRSTRLEN]; /* --trusted-proxy, canonical; "" none */
	const char *hosts;            /* --host: "a,b"; NULL any */
	int tls;                      /* serving HTTPS */
	unsigned long requests;       /* for request ids */
	long long started;
	struct cache cache;
	FILE *log;
	pthread_mutex_t log_mu;
	pthread_mutex_t conn_mu;
	struct conn *conns;
	int nconns;
	int timeout;            /* seconds for a whole request */
	time_t err_second;      /* libmicrohttpd's messages: the second counted */
	int err_count;          /* messages in that second */
	long err_dropped;       /* left out since the last one printed */
	struct lane lanes[LANES];      /* LANE_WRITER, LANE_SIDE */
	int lanes_on;                  /* both run */
};

static long us_between(const struct timespec *a, const struct timespec *b)
{
	return (long)((b->tv_sec - a->tv_sec) * 1000000L + (b->tv_nsec - a->tv_nsec) / 1000);
}

static struct conn *conn_of(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static void conn_set(struct conn *c, enum conn_state state)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->sv->conn_mu);
	c->state = state;
	if (state == C_WAIT)
		clock_gettime(CLOCK_MONOTONIC, &c->since);
	pthread_mutex_unlock(&c->sv->conn_mu);
}

static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct server *sv = cls;
	struct conn *c = *socket_context;
	const union MHD_ConnectionInfo *ci;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		c = calloc(1, sizeof(*c));
		if (!c) {
			/* untracked, it would escape the deadline: refuse it */
			if (ci)
				shutdown(ci->connect_fd, SHUT_RDWR);
			return;
		}
		c->sv = sv;
		c->fd = ci ? ci->connect_fd : -1;
		clock_gettime(CLOCK_MONOTONIC, &c->since);
		pthread_mutex_lock(&sv->conn_mu);
		c->next = sv->conns;
		if (sv->conns)
			sv->conns->prev = c;
		sv->conns = c;
		sv->nconns++;
		pthread_mutex_unlock(&sv->conn_mu);
		*socket_context = c;
		return;
	}
	/* closed: libmicrohttpd closes the socket after this returns, so the
	 * main thread never shuts down a descriptor that was reused */
	if (!c)
		return;
	pthread_mutex_lock(&sv->conn_mu);
	if (c->prev)
		c->prev->next = c->next;
	else
		sv->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	sv->nconns--;
	pthread_mutex_unlock(&sv->conn_mu);
	if (c->rq)
		c->rq->conn = NULL;
	free(c);
	*socket_context = NULL;
}

/* Shuts down the connections whose request has not come whole within the
 * deadline, or, when stopping, every connection without a request in
 * flight. */
static void reap(struct server *sv, int stopping)
{
	struct timespec now;
	struct conn *c;

	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&sv->conn_mu);
	for (c = sv->conns; c; c = c->next) {
		if (c->state == C_BUSY || c->cut || c->fd < 0)
			continue;
		if ((stopping && c->state == C_WAIT) ||
		    us_between(&c->since, &now) >= sv->timeout * 1000000L) {
			shutdown(c->fd, SHUT_RDWR);
			c->cut = 1;
		}
	}
	pthread_mutex_unlock(&sv->conn_mu);
}

/* Every REAP_MS, on the main thread: what the writer committed goes from
 * the WAL into the database file here, with its fsyncs, instead of inside
 * a save (store_autocheckpoint()). A failure is said once; the WAL then
 * grows until a checkpoint succeeds (SQLite checkpoints when the last
 * connection closes, too). */
static void checkpoint(struct server *sv)
{
	if (sv->ckpt && store_checkpoint(sv->ckpt, NULL) && !sv->ckpt_said) {
		sv->ckpt_said = 1;
		fprintf(stderr, "mdplan serve: checkpoint: %s\n", store_errmsg(sv->ckpt));
	}
}

static int connections(struct server *sv)
{
	int n;

	pthread_mutex_lock(&sv->conn_mu);
	n = sv->nconns;
	pthread_mutex_unlock(&sv->conn_mu);
	return n;
}

/* ---- the access log ---- */

/* Appends s as the log shows it: printable ASCII and well-formed UTF-8 as
 * they are, but for backslashes, control characters (C0, DEL, C1), line
 * and paragraph separators and bidirectional overrides, bytes that are
 * not UTF-8, and spaces in a field (unless spaces), which appear as \xHH
 * per byte. */
static void log_escape(struct buf *b, const char *s, int spaces)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t at = i;
		int32_t cp = text_utf8_next(s, n, &i);

		if ((cp > 0x20 || (spaces && cp == 0x20)) && cp != 0x7f && cp != '\\' && !(cp >= 0x80 && cp < 0xa0) &&
		    cp != 0x2028 && cp != 0x2029 && !(cp >= 0x202a && cp <= 0x202e) &&
		    !(cp >= 0x2066 && cp <= 0x2069)) {
			buf_add(b, s + at, i - at);
			continue;
		}
		for (; at < i; at++)
			buf_printf(b, "\\x%02x", (unsigned char)s[at]);
	}
}

/* s (n bytes) as a canonical IPv4 or IPv6 address into addr; 0 if it is
 * not one. */
static int canon_addr(const char *s, size_t n, char *addr, size_t cap)
{
	unsigned char bin[sizeof(struct in6_addr)];
	char tmp[INET6_ADDRSTRLEN];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || n >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, addr, (socklen_t)cap) != NULL;
	if (inet_pton(AF_INET6, tmp, bin) == 1)
		return inet_ntop(AF_INET6, bin, addr, (socklen_t)cap) != NULL;
	return 0;
}

/* The client's address: the socket's, or behind the trusted proxy the
 * last address its X-Forwarded-For names (the one the proxy saw; what a
 * client wrote there itself comes before it). A proxy's request without
 * a valid one keeps the proxy's address. */
static void client_addr(const struct server *sv, struct MHD_Connection *mc, char *addr,
			size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const char *xff, *last;

	snprintf(addr, cap, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
			  addr, (socklen_t)cap);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
			  addr, (socklen_t)cap);
	if (!sv->proxy[0] || strcmp(addr, sv->proxy))
		return;
	xff = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	canon_addr(last, strlen(last), addr, cap);
}

static void log_request(struct server *sv, struct MHD_Connection *mc, const char *method,
			const char *path, int status, size_t bytes, long us, int aborted)
{
	struct buf line = BUF_INIT;
	char addr[INET6_ADDRSTRLEN], when[32];
	struct tm tm;
	time_t t;

	if (!sv->log)
		return;
	client_addr(sv, mc, addr, sizeof(addr));
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(&line, "%s %s ", when, addr);
	log_escape(&line, method[0] ? method : "-", 0);
	buf_putc(&line, ' ');
	log_escape(&line, path[0] ? path : "-", 0);
	buf_printf(&line, " %d %zu %ldus%s\n", status, bytes, us, aborted ? " aborted" : "");
	if (!buf_error(&line)) {
		pthread_mutex_lock(&sv->log_mu);
		fputs(line.ptr, sv->log);
		fflush(sv->log);
		pthread_mutex_unlock(&sv->log_mu);
	}
	buf_release(&line);
}

/* ---- responses ---- */

/* Adds our headers; returns what they cost in the response. */
static size_t add_headers(struct MHD_Response *r, const struct web_resp *rs)
{
	const char *h[20 + 2 * WEB_RESP_HEADERS];
	char cd[192];
	size_t cost = 0;
	int n = 0, i;

	h[n++] = "Content-Type";
	h[n++] = rs->ctype ? rs->ctype : "text/plain";
	h[n++] = "Content-Security-Policy";
	h[n++] = CSP;
	h[n++] = "X-Content-Type-Options";
	h[n++] = "nosniff";
	h[n++] = "Referrer-Policy";
	h[n++] = "no-referrer";
	h[n++] = "X-Frame-Options";
	h[n++] = "DENY";
	h[n++] = "Cache-Control";
	h[n++] = rs->private_ || rs->nhdr ? "private, no-store" :
		rs->status == 200 ? "no-cache" : "no-store";
	if (rs->private_) {
		h[n++] = "Vary";
		h[n++] = "Cookie";
	}
	if (rs->api && !rs->private_) {
		h[n++] = "Access-Control-Allow-Origin";
		h[n++] = "*";
	}
	if (rs->location[0]) {
		h[n++] = "Location";
		h[n++] = rs->location;
	}
	if (rs->allow[0]) {
		h[n++] = "Allow";
		h[n++] = rs->allow;
	}
	if (rs->filename[0]) {
		snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", rs->filename);
		h[n++] = "Content-Disposition";
		h[n++] = cd;
	}
	for (i = 0; i < rs->nhdr && n + 2 <= (int)MD_ARRAY_SIZE(h); i++) {
		h[n++] = rs->hdr[i].name;
		h[n++] = rs->hdr[i].value;
	}
	for (i = 0; i < n; i += 2) {
		MHD_add_response_header(r, h[i], h[i + 1]);
		cost += HEADER_COST + strlen(h[i]) + strlen(h[i + 1]) + 2;
	}
	return cost;
}

/* A plain-text response with our headers, for errors. */
static struct MHD_Response *text_response(int status, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text,
								MHD_RESPMEM_PERSISTENT);
	struct web_resp rs;

	if (!r)
		return NULL;
	memset(&rs, 0, sizeof(rs));
	rs.status = status;
	rs.ctype = "text/plain; charset=utf-8";
	add_headers(r, &rs);
	return r;
}

static enum MHD_Result reply(struct MHD_Connection *conn, struct request *rq,
			     int status, struct MHD_Response *r, size_t bytes)
{
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)status, r);

	rq->status = status;
	rq->bytes = bytes;
	rq->answered = 1;
	conn_set(rq->conn, C_BUSY);
	return ok;
}

static enum MHD_Result simple(struct MHD_Connection *conn, struct request *rq,
			      int status, const char *text)
{
	struct MHD_Response *r = text_response(status, text);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	ok = reply(conn, rq, status, r, strlen(text));
	MHD_destroy_response(r);
	return ok;
}

/*
 * libmicrohttpd answers some requests itself, before our handler sees
 * them: a malformed request line or header, an unsupported HTTP version,
 * a head too large for the connection's memory, a bad chunk or
 * Content-Length. Version 0.9.75 has no hook to change those responses,
 * but it queues them through its public MHD_queue_response(), which the
 * dynamic linker resolves to this definition ahead of the library's own
 * (as it does for every caller). A response that is not ours (ours all
 * carry a Content-Security-Policy) is swapped for a plain-text one with
 * our headers; ours go through unchanged. web_serve() refuses to start if
 * the library's function cannot be found, and tests/e2e/http_limits_test.py
 * checks the headers on each of libmicrohttpd's refusals.
 */
static enum MHD_Result (*mhd_queue)(struct MHD_Connection *, unsigned int, struct MHD_Response *);

static const char *refusal_text(unsigned status)
{
	switch (status) {
	case 400: return "bad request\n";
	case 413: return "request body too large\n";
	case 414: return "request target too long\n";
	case 431: return "request header fields too large\n";
	case 505: return "HTTP version not supported\n";
	default: return "the request could not be handled\n";
	}
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
				   struct MHD_Response *response)
{
	struct MHD_Response *mine;
	struct conn *c;
	const char *text;
	enum MHD_Result ok;

	if (!mhd_queue)
		return MHD_NO;
	if (!response || MHD_get_response_header(response, "Content-Security-Policy"))
		return mhd_queue(connection, status_code, response);
	text = refusal_text(status_code);
	mine = text_response((int)status_code, text);
	if (!mine)
		return mhd_queue(connection, status_code, response);
	ok = mhd_queue(connection, status_code, mine);
	MHD_destroy_response(mine);
	c = conn_of(connection);
	if (c && c->rq) {
		c->rq->status = (int)status_code;
		c->rq->bytes = strlen(text);
		c->rq->answered = 1;
	} else if (c) {
		/* before the request line was parsed: no request to log later */
		log_request(c->sv, connection, "", "", (int)status_code, strlen(text), 0, 0);
	}
	conn_set(c, C_BUSY);
	return ok;
}

/* The library's function behind ours. Refused (the server does not start)
 * when there is none (a static build), when the next definition is ours
 * again (it would recurse), or when the global lookup does not find ours
 * first (the executable does not export it, so libmicrohttpd would call
 * its own and its refusals would lack the headers). */
static int find_mhd_queue(void)
{
	enum MHD_Result (*self)(struct MHD_Connection *, unsigned int,
				struct MHD_Response *) = MHD_queue_response;
	void *f = dlsym(RTLD_NEXT, "MHD_queue_response");
	void *g = dlsym(RTLD_DEFAULT, "MHD_queue_response");
	void *me;

	memcpy(&me, &self, sizeof(me));
	if (!f || f == me || g != me)
		return MD_EUSAGE;
	memcpy(&mhd_queue, &f, sizeof(f));
	return 0;
}

/* ---- requests ---- */

static const char *arg(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static const char *header(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, name);
}

/* libmicrohttpd's post processor hands each field here, in pieces. */
static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *filename, const char *content_type,
				const char *transfer_encoding, const char *data,
				uint64_t off, size_t size)
{
	struct request *rq = cls;

	(void)kind;
	(void)filename;
	(void)content_type;
	(void)transfer_encoding;
	if (off > rq->max_body ||
	    web_form_add(&rq->form, key, data, (size_t)off, size))
		return MHD_NO;
	return MHD_YES;
}

/* A form body (urlencoded or multipart) gets a post processor; any other
 * body is counted and dropped (no route reads one). */
static void form_start(struct request *rq, struct MHD_Connection *conn)
{
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_TYPE);

	if (!ct || (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
				strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) &&
		    strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
				strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA))))
		return;
	web_form_init_cap(&rq->form, rq->max_body, rq->binary);
	rq->has_form = 1;
	rq->pp = MHD_create_post_processor(conn, 4096, on_field, rq);
	if (!rq->pp)
		rq->form.bad = 1;   /* multipart without a boundary */
}

static void form_end(struct request *rq)
{
	if (rq->pp && MHD_destroy_post_processor(rq->pp) != MHD_YES)
		rq->form.bad = 1;
	rq->pp = NULL;
}

struct nth {
	int i;
	const char *name;
};

static enum MHD_Result nth_arg(void *cls, enum MHD_ValueKind kind, const char *k,
			       const char *v)
{
	struct nth *n = cls;

	(void)kind;
	(void)v;
	if (n->i-- == 0) {
		n->name = k;
		return MHD_NO;
	}
	return MHD_YES;
}

static const char *arg_name(void *ctx, int i)
{
	struct nth n = { i, NULL };

	MHD_get_connection_values(ctx, MHD_GET_ARGUMENT_KIND, nth_arg, &n);
	return n.name;
}

/* Called with the request target as sent, before libmicrohttpd parses its
 * parameters: the request starts here (its clock, its log path), and a
 * target we refuse anyway is cut at the '?' so that its parameters are
 * never parsed (a thousand of them would exhaust the connection's memory,
 * which libmicrohttpd 0.9.75 then answers with a 30 s hang). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct request *rq = calloc(1, sizeof(*rq));
	const char *q, *p;
	size_t len, args = 0;

	(void)cls;
	if (!rq)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &rq->start);
	rq->conn = conn_of(mc);
	if (rq->conn)
		rq->conn->rq = rq;
	if (!uri)
		return rq;
	q = strchr(uri, '?');
	len = q ? (size_t)(q - uri) : strlen(uri);
	snprintf(rq->path, sizeof(rq->path), "%.*s", (int)(len < 255 ? len : 255), uri);
	if (q) {
		for (p = q, args = 1; *p; p++)
			args += *p == '&';
	}
	if (strlen(uri) > MAX_TARGET || args > MAX_ARGS) {
		rq->refuse = 414;
		/* the buffer is libmicrohttpd's and writable (it writes there
		 * itself); the pointer is const only in the callback's type */
		if (q && q[1])
			((char *)(uintptr_t)q)[1] = 0;
	}
	return rq;
}

/* With --host, a request must name one of those hosts (any port): a
 * page of another site whose name points at this server (DNS rebinding)
 * is refused before anything runs. Without, any name is served. */
static int host_ok(const struct server *sv, const char *host)
{
	const char *h, *end;
	size_t n;

	if (!sv->hosts || !*sv->hosts)
		return 1;
	if (!host || !*host)
		return 0;
	n = strlen(host);
	if (host[0] == '[') {           /* [v6]:port */
		end = strchr(host, ']');
		n = end ? (size_t)(end - host) + 1 : n;
	} else if ((end = strrchr(host, ':'))) {
		n = (size_t)(end - host);
	}
	for (h = sv->hosts; *h; h += strcspn(h, ",") + (h[strcspn(h, ",")] == ',')) {
		size_t l = strcspn(h, ",");

		if (l == n && !strncasecmp(h, host, n))
			return 1;
	}
	return 0;
}

/* The request as src/web sees it (after form_end()). */
static void req_init(struct server *sv, struct request *rq, struct MHD_Connection *conn,
		     const char *method, const char *url, struct web_req *wr)
{
	form_end(rq);
	client_addr(sv, conn, rq->addr, sizeof(rq->addr));
	snprintf(rq->id, sizeof(rq->id), "%llx-%lu", sv->started,
		 __atomic_add_fetch(&sv->requests, 1, __ATOMIC_RELAXED));
	memset(wr, 0, sizeof(*wr));
	wr->method = method;
	wr->path = url;
	wr->arg = arg;
	wr->arg_name = arg_name;
	wr->arg_ctx = conn;
	wr->header = header;
	wr->form = rq->has_form ? &rq->form : NULL;
	wr->writer = sv->writer.st ? &sv->writer : NULL;
	wr->address = rq->addr;
	wr->request_id = rq->id;
	wr->secure_cookies = sv->secure_cookies;
	wr->tls = sv->tls;
}

/* The request's session, if its cookie names a live one (wr->user then
 * points to user, in arena ar). Returns the pool connection it read on
 * (the caller puts it back), or NULL if it read none. */
static struct store *req_session(struct server *sv, struct MHD_Connection *conn,
				 struct web_req *wr, struct arena *ar, struct web_user *user,
				 char *tok, size_t toklen)
{
	const char *cookie = header(conn, "Cookie");
	struct store *st;

	if (!wr->writer || !ar || !cookie ||
	    web_cookie_get(cookie, WEB_SESSION_COOKIE, tok, toklen) != 1)
		return NULL;
	st = pool_get(&sv->pool);
	if (web_session(wr->writer, pool_auth(&sv->pool, st), cookie, ar, user) == 1) {
		wr->user = user;
		wr->session_token = user->token;
	} else {
		wr->session_token = tok;
	}
	return st;
}

/* Sends what web_handle() made of the request (rc, rs; released here),
 * kept in the cache under key when it may be (keyed, anonymous; gen and
 * flying as cache_reply() said). */
static enum MHD_Result deliver(struct server *sv, struct request *rq,
			       struct MHD_Connection *conn, int rc, struct web_resp *rs,
			       int keyed, int anonymous, const char *key, long long gen,
			       int flying)
{
	struct MHD_Response *r = NULL;
	enum MHD_Result ok;
	size_t len = rs->body.len, cost;
	char *body = NULL;

	if (!rc && !rs->body.err) {
		body = buf_detach(&rs->body, NULL);
		if (body && keyed && rs->cacheable && !rs->private_) {
			char *tight = realloc(body, len + 1);   /* kept: no slack */

			body = tight ? tight : body;
		}
		r = body ? MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE) : NULL;
		if (!r)
			free(body);
	}
	if (!r) {
		if (flying)
			cache_landed(&sv->cache, key, gen);
		web_resp_release(rs);
		return simple(conn, rq, 500, "internal error\n");
	}
	cost = add_headers(r, rs) + len + 1 + MALLOC_COST;
	ok = reply(conn, rq, rs->status, r, len);
	if (!(keyed && rs->cacheable && anonymous && !rs->private_ && !rs->nhdr &&
	      cache_put(&sv->cache, key, r, rs->status, len, cost, gen)))
		MHD_destroy_response(r);
	if (flying)
		cache_landed(&sv->cache, key, gen);
	web_resp_release(rs);
	return ok;
}

/*
 * The lanes. Requests of routes that write run on the writer thread, one
 * at a time under the writer's lock (web.h). Run on the worker threads,
 * each would hold its thread while it waits for the lock, leaving every
 * other connection of that thread (public readers, mostly) waiting too;
 * in a busy round every worker ends up blocked behind the writer. So the
 * worker suspends such a request's connection (libmicrohttpd stops
 * serving it; the worker goes on with the others) and queues it; the
 * writer thread runs the queue in order, first come first served (the
 * session, then the handler), and resumes each connection, whose worker
 * then sends the answer (deliver()). Routes that take the lock
 * themselves for part of their work (WEB_RUN_SIDE: the sign-in's password
 * hash, the upload's workbook) go the same way to the side lane, whose
 * LANE_THREADS threads give way like the workers.
 *
 * Priorities: the workers and the side lane lower their own (WORKER_NICE,
 * allowed without privileges) so that a save is not left waiting for the
 * CPU behind page renderings: writes are few and short, reads many. A
 * worker queues a request and signals the lane after letting go of the
 * lane's lock; the lane resumes the connection after letting go of it: a
 * thread at a lower priority, taken off the CPU while it holds a lock,
 * would otherwise keep the writer waiting for as long as it is off.
 */
#define WORKER_NICE 10

/* The calling thread gives way to the writer thread. */
static void give_way(void)
{
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WORKER_NICE);
}

static void *lane_main(void *arg_)
{
	struct lane *ln = arg_;
	struct server *sv = ln->sv;

	if (ln->gives_way)
		give_way();
	for (;;) {
		struct request *rq;
		struct web_req wr;
		struct store *st;
		char tok[64];

		pthread_mutex_lock(&ln->mu);
		while (!ln->head && !ln->stop)
			pthread_cond_wait(&ln->cv, &ln->mu);
		rq = ln->head;
		if (!rq) {
			pthread_mutex_unlock(&ln->mu);
			break;
		}
		ln->head = rq->wnext;
		if (!ln->head)
			ln->tail = NULL;
		rq->queued = 0;
		pthread_mutex_unlock(&ln->mu);

		req_init(sv, rq, rq->mc, rq->wmethod, rq->wurl, &wr);
		rq->war = arena_new();
		st = req_session(sv, rq->mc, &wr, rq->war, &rq->wuser, tok, sizeof(tok));
		web_resp_init(&rq->wrs);
		if (!st)
			st = pool_get(&sv->pool);
		rq->wrc = web_handle(st, &wr, &rq->wrs);
		pool_put(&sv->pool, st);
		explicit_bzero(tok, sizeof(tok));
		/* out of the queue, so on_done() cannot run for it before this:
		 * libmicrohttpd ends no suspended connection */
		rq->wdone = 1;
		MHD_resume_connection(rq->mc);
	}
	return NULL;
}

/* Starts ln's n threads (gives_way: at the workers' priority). */
static int lane_start(struct server *sv, struct lane *ln, int n, int gives_way)
{
	ln->sv = sv;
	ln->gives_way = gives_way;
	for (ln->nthreads = 0; ln->nthreads < n; ln->nthreads++) {
		if (pthread_create(&ln->threads[ln->nthreads], NULL, lane_main, ln))
			return MD_EIO;
	}
	return 0;
}

/* ln's threads run its queue out and end. */
static void lane_stop(struct lane *ln)
{
	int k;

	pthread_mutex_lock(&ln->mu);
	ln->stop = 1;
	pthread_cond_broadcast(&ln->cv);
	pthread_mutex_unlock(&ln->mu);
	for (k = 0; k < ln->nthreads; k++)
		pthread_join(ln->threads[k], NULL);
	ln->nthreads = 0;
}

/* Suspends rq's connection and queues rq on ln. */
static void lane_queue(struct lane *ln, struct request *rq, struct MHD_Connection *mc,
		       const char *method, const char *url)
{
	conn_set(rq->conn, C_BUSY);      /* in, and waiting: no deadline */
	MHD_suspend_connection(mc);
	rq->mc = mc;
	rq->wmethod = method;
	rq->wurl = url;
	rq->wnext = NULL;
	rq->lane = ln;
	pthread_mutex_lock(&ln->mu);
	rq->queued = 1;
	if (ln->tail)
		ln->tail->wnext = rq;
	else
		ln->head = rq;
	ln->tail = rq;
	pthread_mutex_unlock(&ln->mu);
	pthread_cond_signal(&ln->cv);
}

static void lanes_stop(struct server *sv)
{
	int ln;

	if (!sv->lanes_on)
		return;
	for (ln = 0; ln < LANES; ln++)
		lane_stop(&sv->lanes[ln]);
	sv->lanes_on = 0;
}

/* rq ends while queued (libmicrohttpd gave up its connection): out of the
 * queue before it is freed. */
static void lane_forget(struct request *rq)
{
	struct lane *ln = rq->lane;
	struct request **p, *q;

	pthread_mutex_lock(&ln->mu);
	for (p = &ln->head; *p; p = &(*p)->wnext) {
		if (*p == rq) {
			*p = rq->wnext;
			break;
		}
	}
	ln->tail = NULL;
	for (q = ln->head; q; q = q->wnext)
		ln->tail = q;
	pthread_mutex_unlock(&ln->mu);
}

/* A worker's first request: it gives way to the writer thread. */
static void worker_nice(void)
{
	static _Thread_local int done;

	if (!done) {
		done = 1;
		give_way();
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct server *sv = cls;
	struct request *rq = *con_cls;
	struct web_req wr;
	struct web_resp rs;
	struct web_user user;
	struct arena *ar = NULL;
	char tok[64];
	struct buf key = BUF_INIT;
	struct store *st;
	enum MHD_Result ok;
	int status, rc, keyed = 0, flying = 0;
	enum web_run run;
	long long gen = -1;
	size_t bytes;
	const char *cl;

	(void)version;
	(void)upload;
	if (!rq)
		return MHD_NO;
	if (sv->lanes_on)
		worker_nice();
	if (!rq->started) {
		rq->started = 1;
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		snprintf(rq->path, sizeof(rq->path), "%s", url);
		if (rq->refuse)
			return simple(conn, rq, 414, "request target too long or too many parameters\n");
		if (!host_ok(sv, MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_HOST)))
			return simple(conn, rq, 421, "this server does not serve that host name\n");
		/* Refuse an announced large body before it is sent (a client
		 * that says Expect: 100-continue never sends it). */
		rq->max_body = web_body_cap(method, url, &rq->binary);
		if (rq->max_body < MAX_BODY)
			rq->max_body = MAX_BODY;
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > rq->max_body) {
			rq->body_bytes = rq->max_body + 1;
			return simple(conn, rq, 413, "request body too large\n");
		}
		if (strcmp(method, "GET") && strcmp(method, "HEAD"))
			form_start(rq, conn);
		conn_set(rq->conn, C_BODY);
		return MHD_YES;
	}
	if (rq->answered)
		return MHD_YES;
	if (rq->wdone) {
		/* its lane ran it and resumed the connection */
		rq->wdone = 0;
		ok = deliver(sv, rq, conn, rq->wrc, &rq->wrs, 0, 0, NULL, -1, 0);
		arena_free(rq->war);
		rq->war = NULL;
		return ok;
	}
	if (rq->queued)
		return MHD_YES;
	if (*upload_size) {
		/* a chunked body is only known too large while it comes, and
		 * libmicrohttpd takes a response only once it is all in */
		rq->body_bytes += *upload_size;
		if (rq->pp && rq->body_bytes <= rq->max_body && !rq->form.bad &&
		    MHD_post_process(rq->pp, upload, *upload_size) != MHD_YES)
			rq->form.bad = 1;
		*upload_size = 0;
		return rq->body_bytes > rq->max_body + MAX_DRAIN ? MHD_NO : MHD_YES;
	}
	if (rq->body_bytes > rq->max_body)
		return simple(conn, rq, 413, "request body too large\n");
	if (sv->lanes_on && (run = web_route_run(method, url)) != WEB_RUN_HERE) {
		lane_queue(&sv->lanes[run == WEB_RUN_WRITER ? LANE_WRITER : LANE_SIDE], rq, conn,
			   method, url);
		return MHD_YES;
	}
	req_init(sv, rq, conn, method, url, &wr);
	ar = arena_new();
	st = req_session(sv, conn, &wr, ar, &user, tok, sizeof(tok));
	/* only an anonymous request is answered from the cache */
	if (sv->cache.on && !wr.user) {
		buf_init(&key, 16384);
		keyed = web_cache_key(&wr, &key);
		if (keyed && cache_reply(&sv->cache, key.ptr, conn, &status, &bytes, &ok, &gen,
					 &flying)) {
			rq->status = status;
			rq->bytes = bytes;
			rq->answered = 1;
			conn_set(rq->conn, C_BUSY);
			buf_release(&key);
			if (st)
				pool_put(&sv->pool, st);
			arena_free(ar);
			return ok;
		}
	}
	web_resp_init(&rs);
	if (!st)
		st = pool_get(&sv->pool);
	rc = web_handle(st, &wr, &rs);
	pool_put(&sv->pool, st);
	ok = deliver(sv, rq, conn, rc, &rs, keyed, !wr.user, key.ptr, gen, flying);
	buf_release(&key);
	arena_free(ar);
	return ok;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
		    enum MHD_RequestTerminationCode toe)
{
	struct server *sv = cls;
	struct request *rq = *con_cls;
	struct timespec now;

	if (!rq)
		return;
	*con_cls = NULL;
	if (rq->queued)
		lane_forget(rq);
	if (rq->wdone)
		web_resp_release(&rq->wrs);
	arena_free(rq->war);
	if (rq->pp)
		MHD_destroy_post_processor(rq->pp);
	if (rq->has_form)
		web_form_release(&rq->form);
	clock_gettime(CLOCK_MONOTONIC, &now);
	log_request(sv, conn, rq->method, rq->path, rq->status, rq->bytes,
		    us_between(&rq->start, &now), toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
	if (rq->conn) {
		rq->conn->rq = NULL;
		conn_set(rq->conn, C_WAIT);
	}
	free(rq);
}

/* libmicrohttpd's messages, at most LOG_BURST a second (a flood of
 * refused connections would otherwise be a flood of lines), with control
 * characters escaped like the access log's. */
static void on_error(void *cls, const char *fm, va_list ap)
{
	struct server *sv = cls;
	struct buf line = BUF_INIT;
	char msg[512];
	size_t n;
	time_t now = time(NULL);
	long dropped = 0;

	vsnprintf(msg, sizeof(msg), fm, ap);
	n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = 0;
	pthread_mutex_lock(&sv->log_mu);
	if (now != sv->err_second) {
		sv->err_second = now;
		sv->err_count = 0;
	}
	if (sv->err_count++ >= LOG_BURST) {
		sv->err_dropped++;
		pthread_mutex_unlock(&sv->log_mu);
		return;
	}
	dropped = sv->err_dropped;
	sv->err_dropped = 0;
	pthread_mutex_unlock(&sv->log_mu);
	if (dropped)
		buf_printf(&line, "mdplan serve: (%ld more messages left out)\n", dropped);
	buf_puts(&line, "mdplan serve: ");
	log_escape(&line, msg, 1);
	buf_putc(&line, '\n');
	if (!buf_error(&line))
		fputs(line.ptr, stderr);
	buf_release(&line);
}

/* The connections we can take: MAX_CONNECTIONS, or fewer when the
 * descriptor limit (raised to its hard limit if need be) leaves less
 * beside what the database connections and the workers hold. */
static unsigned connection_limit(int threads)
{
	struct rlimit rl;
	rlim_t reserve = 64 + 8 * (rlim_t)threads, want = MAX_CONNECTIONS + reserve;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 64;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		if (getrlimit(RLIMIT_NOFILE, &rl))
			return 64;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return MAX_CONNECTIONS;
	return rl.rlim_cur > reserve + 16 ? (unsigned)(rl.rlim_cur - reserve) : 16;
}

/*
 * glibc gives the free memory at the top of a worker thread's heap back to
 * the kernel (madvise) as soon as it exceeds the trim threshold, and serves
 * large blocks by mmap and munmap: each request's arena, SQLite's
 * temporary b-trees of a search-index flush and a page's body then fault
 * fresh zeroed pages in again, request after request. Measured on the
 * entry form and its save: a quarter of the server's time went to page
 * faults, and the request took 35% less time with the heap kept. Keep up
 * to KEEP_HEAP bytes a heap and take blocks below it from the heap.
 */
#define KEEP_HEAP (64 << 20)
static void keep_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, KEEP_HEAP);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
#endif
}

int web_serve(const struct web_opts *o)
{
	struct server sv;
	struct auth_config acfg;
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	struct timespec tick = { 0, REAP_MS * 1000000L };
	sigset_t set;
	int threads = o->threads > 0 ? o->threads : 4, sig = 0, rc = 0, waited, ln;
	unsigned port, limit;
	MHD_socket listen_fd;
	struct buf cert = BUF_INIT, key = BUF_INIT;
	struct MHD_OptionItem tls[3];

	memset(&sv, 0, sizeof(sv));
	keep_heap();
	pthread_mutex_init(&sv.log_mu, NULL);
	pthread_mutex_init(&sv.conn_mu, NULL);
	pthread_mutex_init(&sv.cache.mu, NULL);
	for (ln = 0; ln < LANES; ln++) {
		pthread_mutex_init(&sv.lanes[ln].mu, NULL);
		pthread_cond_init(&sv.lanes[ln].cv, NULL);
	}
	pthread_cond_init(&sv.cache.landed, NULL);
	sv.log = o->log;
	sv.secure_cookies = o->secure_cookies;
	sv.hosts = o->hosts;
	if (o->trusted_proxy && !canon_addr(o->trusted_proxy, strlen(o->trusted_proxy),
					    sv.proxy, sizeof(sv.proxy))) {
		fprintf(stderr, "mdplan serve: --trusted-proxy %s: not an IPv4 or IPv6 address\n",
			o->trusted_proxy);
		return MD_EUSAGE;
	}
	sv.started = (long long)time(NULL);
	pthread_mutex_init(&sv.writer.mu, NULL);
	sv.cache.on = o->cache;
	sv.cache.cap = o->cache_bytes ? o->cache_bytes : CACHE_BYTES;
	sv.timeout = o->timeout > 0 ? o->timeout : TIMEOUT;
	if (find_mhd_queue()) {
		fprintf(stderr, "mdplan serve: cannot put the security headers on "
			"libmicrohttpd's own responses (its MHD_queue_response is not "
			"found, or ours does not take its place)\n");
		rc = MD_EUSAGE;
		goto out;
	}
	/* one for each worker, the writer and the side lane's threads: none
	 * waits for another's */
	if ((rc = pool_open(&sv.pool, o->db_path, threads + 1 + LANE_THREADS)))
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind ? o->bind : "127.0.0.1", &sa.sin_addr) != 1) {
		fprintf(stderr, "mdplan serve: --bind: not an IPv4 address: %s\n", o->bind);
		rc = MD_EUSAGE;
		goto out;
	}
	if ((rc = store_open(o->db_path, STORE_READONLY, &sv.cache.watch))) {
		fprintf(stderr, "mdplan serve: %s: %s\n", o->db_path,
			store_errmsg(sv.cache.watch));
		goto out;
	}
	sv.cache.version = store_data_version(sv.cache.watch);
	sv.cache.gen = store_public_gen(sv.cache.watch);
	/* the writer: one per server; without it the site stays read-only */
	auth_config_default(&acfg);
	if (o->login_lock > 0) {
		struct auth_throttle_rule *r[2] = { &acfg.account, &acfg.address };
		int k;

		for (k = 0; k < 2; k++) {
			r[k]->lock = r[k]->max_lock = o->login_lock;
			if (r[k]->max_delay > o->login_lock)
				r[k]->max_delay = o->login_lock;
			if (r[k]->delay > r[k]->max_delay)
				r[k]->delay = r[k]->max_delay;
		}
	}
	if (o->login_lock_after > acfg.account.free)
		acfg.account.lock_after = o->login_lock_after;
	if (store_open(o->db_path, STORE_NO_UPGRADE, &sv.writer.st) ||
	    auth_new(sv.writer.st, &acfg, &sv.writer.auth)) {
		fprintf(stderr, "mdplan serve: %s: cannot open for writing (%s); serving read-only\n",
			o->db_path, sv.writer.st ? store_errmsg(sv.writer.st) : "no memory");
		auth_free(sv.writer.auth);
		sv.writer.auth = NULL;
		store_close(sv.writer.st);
		sv.writer.st = NULL;
	} else if ((rc = pool_auths(&sv.pool, &acfg))) {
		fprintf(stderr, "mdplan serve: cannot read sessions (%s)\n", md_strerror(rc));
		goto out;
	} else if (store_open(o->db_path, STORE_NO_UPGRADE, &sv.ckpt) ||
		   store_autocheckpoint(sv.writer.st, 0)) {
		/* the writer checkpoints as SQLite does by default */
		store_close(sv.ckpt);
		sv.ckpt = NULL;
	}
	limit = connection_limit(threads);
	memset(tls, 0, sizeof(tls));
	tls[0].option = MHD_OPTION_END;
	if (!o->tls_cert != !o->tls_key) {
		fprintf(stderr, "mdplan serve: --tls-cert and --tls-key go together\n");
		rc = MD_EUSAGE;
		goto out;
	}
	if (o->tls_cert) {
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
			fprintf(stderr, "mdplan serve: this libmicrohttpd has no TLS\n");
			rc = MD_EUSAGE;
			goto out;
		}
		if (file_read(o->tls_cert, 1 << 20, &cert) || file_read(o->tls_key, 1 << 20, &key)) {
			fprintf(stderr, "mdplan serve: cannot read %s\n",
				cert.len ? o->tls_key : o->tls_cert);
			rc = MD_EIO;
			goto out;
		}
		tls[0].option = MHD_OPTION_HTTPS_MEM_CERT;
		tls[0].ptr_value = cert.ptr;
		tls[1].option = MHD_OPTION_HTTPS_MEM_KEY;
		tls[1].ptr_value = key.ptr;
		tls[2].option = MHD_OPTION_END;
		sv.tls = 1;
	}

	/* Workers inherit this mask: the signals come to sigtimedwait() below. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (sv.writer.st) {
		sv.lanes_on = 1;
		if (lane_start(&sv, &sv.lanes[LANE_WRITER], 1, 0) ||
		    lane_start(&sv, &sv.lanes[LANE_SIDE], LANE_THREADS, 1)) {
			fprintf(stderr, "mdplan serve: cannot start the writer's threads\n");
			rc = MD_EIO;
			goto out;
		}
	}

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			     MHD_ALLOW_SUSPEND_RESUME |
			     MHD_USE_ERROR_LOG | MHD_USE_TURBO | (sv.tls ? MHD_USE_TLS : 0),
			     (uint16_t)o->port, NULL, NULL, on_request, &sv,
			     MHD_OPTION_EXTERNAL_LOGGER, on_error, &sv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
			     MHD_OPTION_CONNECTION_LIMIT, limit,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     (unsigned)(o->per_client < 0 ? 0 : o->per_client ? o->per_client : PER_CLIENT),
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE,
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, &sv,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, &sv,
			     MHD_OPTION_NOTIFY_COMPLETED, on_done, &sv,
			     MHD_OPTION_ARRAY, tls,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "mdplan serve: cannot listen on %s:%d: %s\n",
			o->bind ? o->bind : "127.0.0.1", o->port, strerror(errno));
		rc = MD_EIO;
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = info ? info->port : (unsigned)o->port;
	if (o->info) {
		fprintf(o->info, "mdplan: serving %s on %s://%s:%u/ (Ctrl-C stops)\n",
			o->db_path, sv.tls ? "https" : "http", o->bind ? o->bind : "127.0.0.1", port);
		fflush(o->info);
	}
	for (;;) {
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		reap(&sv, 0);
		checkpoint(&sv);
	}
	/* Stop accepting, close idle connections, let requests in flight
	 * finish (their connections close once they are answered). */
	listen_fd = MHD_quiesce_daemon(d);
	for (waited = 0; waited < DRAIN_SECONDS * 20; waited++) {
		reap(&sv, 1);
		if (!connections(&sv))
			break;
		usleep(50000);
	}
	lanes_stop(&sv);       /* runs what is queued, resuming each */
	MHD_stop_daemon(d);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	if (o->info) {
		fprintf(o->info, "mdplan: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		if (sv.cache.on)
			fprintf(o->info, "mdplan: cache: %lu stored, %lu flushes, peak %zu of %zu bytes; "
				"%lu responses in %zu bytes at exit\n", sv.cache.stored,
				sv.cache.flushes, sv.cache.peak, sv.cache.cap, sv.cache.entries,
				sv.cache.bytes);
		if (sv.cache.on)
			fprintf(o->info, "mdplan: cache: emptied %lu times by a change of public "
				"content; %lu responses rendered but not kept (the content "
				"changed while they were); %lu misses answered by another "
				"request's rendering\n", sv.cache.changes, sv.cache.stale,
				sv.cache.waited);
		fflush(o->info);
	}
out:
	lanes_stop(&sv);
	if (key.cap)
		explicit_bzero(key.ptr, key.len);   /* the private key */
	buf_release(&cert);
	buf_release(&key);
	cache_flush(&sv.cache);
	store_close(sv.cache.watch);
	pool_close(&sv.pool);
	auth_free(sv.writer.auth);
	store_close(sv.writer.st);
	store_close(sv.ckpt);
	pthread_mutex_destroy(&sv.writer.mu);
	pthread_mutex_destroy(&sv.cache.mu);
	for (ln = 0; ln < LANES; ln++) {
		pthread_mutex_destroy(&sv.lanes[ln].mu);
		pthread_cond_destroy(&sv.lanes[ln].cv);
	}
	pthread_cond_destroy(&sv.cache.landed);
	pthread_mutex_destroy(&sv.conn_mu);
	pthread_mutex_destroy(&sv.log_mu);
	return rc;
}
