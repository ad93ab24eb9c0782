/*
 * The HTTP server: libmicrohttpd with a thread pool. libmicrohttpd is used
 * here and nowhere else.
 *
 * - Each worker borrows a read-only database connection from a pool.
 * - Rendered responses are kept (a libmicrohttpd response may be queued on
 *   any number of connections) until the database changes, which a
 *   watcher connection sees through PRAGMA data_version; an import by the
 *   CLI therefore shows on the next request.
 * - Limits: request headers and URL must fit in CONN_MEMORY, a request body
 *   beyond MAX_BODY gets 413, idle connections close after TIMEOUT seconds.
 * - SIGINT/SIGTERM: stop accepting, let requests in flight finish (up to
 *   DRAIN_SECONDS), then close. SIGPIPE is ignored.
 * - One access-log line per request: time, client, method, path, status,
 *   bytes, microseconds.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>

#include "web.h"

#define CONN_MEMORY (64 * 1024)
#define MAX_BODY (64 * 1024)
#define TIMEOUT 30
#define MAX_CONNECTIONS 1024
#define DRAIN_SECONDS 10
#define CACHE_SLOTS 1024
#define CACHE_BYTES ((size_t)48 << 20)

static const char CSP[] =
	"default-src 'none'; style-src 'self'; img-src 'self' data:; "
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/* ---- the connection pool ---- */

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store **free;
	int nfree, n;
	struct store **all;
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

	for (i = 0; i < p->n; i++)
		store_close(p->all[i]);
	free(p->free);
	free(p->all);
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

static void pool_put(struct pool *p, struct store *st)
{
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
	size_t bytes;
	struct entry *next;
};

struct cache {
	pthread_mutex_t mu;
	struct entry *slot[CACHE_SLOTS];
	size_t bytes;
	long long version;
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
}

/* Queues the cached response for key on conn, under the lock so that a
 * flush cannot free it first (queueing takes libmicrohttpd's own
 * reference). Returns 1 if it did. */
static int cache_reply(struct cache *c, const char *key, struct MHD_Connection *conn,
		       int *status, enum MHD_Result *ok)
{
	struct entry *e;
	long long v;

	if (!c->on)
		return 0;
	pthread_mutex_lock(&c->mu);
	v = store_data_version(c->watch);
	if (v != c->version) {
		cache_flush(c);
		c->version = v;
	}
	for (e = c->slot[hash(key) % CACHE_SLOTS]; e; e = e->next) {
		if (!strcmp(e->key, key))
			break;
	}
	if (e) {
		*status = e->status;
		*ok = MHD_queue_response(conn, (unsigned)e->status, e->resp);
	}
	pthread_mutex_unlock(&c->mu);
	return e != NULL;
}

/* Keeps resp for key; the cache takes the caller's reference. Returns 0 if
 * it did not (the caller still owns resp). */
static int cache_put(struct cache *c, const char *key, struct MHD_Response *resp,
		     int status, size_t bytes)
{
	struct entry *e;
	unsigned h;

	if (!c->on)
		return 0;
	e = calloc(1, sizeof(*e));
	if (!e || !(e->key = strdup(key))) {
		free(e);
		return 0;
	}
	e->resp = resp;
	e->status = status;
	e->bytes = bytes;
	h = hash(key) % CACHE_SLOTS;
	pthread_mutex_lock(&c->mu);
	if (c->bytes + bytes > CACHE_BYTES)
		cache_flush(c);
	e->next = c->slot[h];
	c->slot[h] = e;
	c->bytes += bytes;
	pthread_mutex_unlock(&c->mu);
	return 1;
}

/* ---- requests ---- */

struct server {
	struct pool pool;
	struct cache cache;
	FILE *log;
	pthread_mutex_t log_mu;
};

struct request {
	struct timespec start;
	size_t body_bytes;
	int status;
	size_t bytes;
	char method[12];
	char path[256];
};

static const char *arg(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *k,
			       const char *v)
{
	struct buf *b = cls;

	(void)kind;
	buf_printf(b, "%c%s=%s", b->len && strchr(b->ptr, '?') ? '&' : '?', k, v ? v : "");
	return MHD_YES;
}

static void add_headers(struct MHD_Response *r, const struct web_resp *rs)
{
	MHD_add_response_header(r, "Content-Type", rs->ctype ? rs->ctype : "text/plain");
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", rs->status == 200 ? "no-cache" : "no-store");
	if (rs->api)
		MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
	if (rs->location[0])
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->allow)
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->filename[0]) {
		char cd[192];

		snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", rs->filename);
		MHD_add_response_header(r, "Content-Disposition", cd);
	}
}

static enum MHD_Result reply(struct MHD_Connection *conn, struct request *rq,
			     int status, struct MHD_Response *r, size_t bytes)
{
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)status, r);

	rq->status = status;
	rq->bytes = bytes;
	return ok;
}

static enum MHD_Result simple(struct MHD_Connection *conn, struct request *rq,
			      int status, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text,
								MHD_RESPMEM_PERSISTENT);
	struct web_resp rs;
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	memset(&rs, 0, sizeof(rs));
	rs.status = status;
	rs.ctype = "text/plain; charset=utf-8";
	add_headers(r, &rs);
	ok = reply(conn, rq, status, r, strlen(text));
	MHD_destroy_response(r);
	return ok;
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
	struct buf key = BUF_INIT;
	struct MHD_Response *r;
	struct store *st;
	enum MHD_Result ok;
	int status, rc;
	size_t len;
	char *body;
	const char *cl;

	(void)version;
	(void)upload;
	if (!rq) {
		rq = calloc(1, sizeof(*rq));
		if (!rq)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &rq->start);
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		snprintf(rq->path, sizeof(rq->path), "%s", url);
		*con_cls = rq;
		/* Refuse an announced large body before it is sent (a client
		 * that says Expect: 100-continue never sends it). */
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > MAX_BODY) {
			rq->body_bytes = MAX_BODY + 1;
			return simple(conn, rq, 413, "request body too large\n");
		}
		return MHD_YES;
	}
	if (*upload_size) {
		rq->body_bytes += *upload_size;
		*upload_size = 0;
		if (rq->body_bytes > MAX_BODY)
			return simple(conn, rq, 413, "request body too large\n");
		return MHD_YES;
	}
	if (rq->body_bytes > MAX_BODY)
		return MHD_YES;   /* 413 already queued */
	if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) {
		buf_init(&key, 4096);
		buf_puts(&key, url);
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, key_arg, &key);
		if (!buf_error(&key) && cache_reply(&sv->cache, key.ptr, conn, &status, &ok)) {
			rq->status = status;
			buf_release(&key);
			return ok;
		}
	}
	memset(&wr, 0, sizeof(wr));
	wr.method = method;
	wr.path = url;
	wr.arg = arg;
	wr.arg_ctx = conn;
	web_resp_init(&rs);
	st = pool_get(&sv->pool);
	rc = web_handle(st, &wr, &rs);
	pool_put(&sv->pool, st);
	if (rc) {
		web_resp_release(&rs);
		buf_release(&key);
		return simple(conn, rq, 500, "internal error\n");
	}
	len = rs.body.len;
	body = buf_detach(&rs.body, NULL);
	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		web_resp_release(&rs);
		buf_release(&key);
		return MHD_NO;
	}
	add_headers(r, &rs);
	ok = reply(conn, rq, rs.status, r, len);
	if (!(rs.cacheable && key.len && !buf_error(&key) &&
	      cache_put(&sv->cache, key.ptr, r, rs.status, len)))
		MHD_destroy_response(r);
	web_resp_release(&rs);
	buf_release(&key);
	return ok;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
		    enum MHD_RequestTerminationCode toe)
{
	struct server *sv = cls;
	struct request *rq = *con_cls;
	const union MHD_ConnectionInfo *ci;
	char addr[INET6_ADDRSTRLEN] = "-", when[32];
	struct timespec now;
	struct tm tm;
	time_t t;
	long us;

	if (!rq)
		return;
	*con_cls = NULL;
	if (sv->log) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		us = (long)((now.tv_sec - rq->start.tv_sec) * 1000000L +
			    (now.tv_nsec - rq->start.tv_nsec) / 1000);
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;

			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
					  addr, sizeof(addr));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
					  addr, sizeof(addr));
		}
		t = time(NULL);
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		pthread_mutex_lock(&sv->log_mu);
		fprintf(sv->log, "%s %s %s %s %d %zu %ldus%s\n", when, addr, rq->method,
			rq->path, rq->status, rq->bytes, us,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
		fflush(sv->log);
		pthread_mutex_unlock(&sv->log_mu);
	}
	free(rq);
}

static void on_error(void *cls, const char *fm, va_list ap)
{
	(void)cls;
	fputs("mdplan serve: ", stderr);
	vfprintf(stderr, fm, ap);
}

int web_serve(const struct web_opts *o)
{
	struct server sv;
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int threads = o->threads > 0 ? o->threads : 4, sig = 0, rc = 0, waited;
	unsigned port;

	memset(&sv, 0, sizeof(sv));
	pthread_mutex_init(&sv.log_mu, NULL);
	pthread_mutex_init(&sv.cache.mu, NULL);
	sv.log = o->log;
	sv.cache.on = o->cache;
	if ((rc = pool_open(&sv.pool, o->db_path, threads)))
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

	/* Workers inherit this mask: the signals come to sigwait() below. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			     MHD_USE_ERROR_LOG | MHD_USE_TURBO,
			     (uint16_t)o->port, NULL, NULL, on_request, &sv,
			     MHD_OPTION_EXTERNAL_LOGGER, on_error, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT,
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
			     MHD_OPTION_NOTIFY_COMPLETED, on_done, &sv,
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
		fprintf(o->info, "mdplan: serving %s on http://%s:%u/ (Ctrl-C stops)\n",
			o->db_path, o->bind ? o->bind : "127.0.0.1", port);
		fflush(o->info);
	}
	while (sigwait(&set, &sig) != 0)
		;
	/* Stop accepting, then let requests in flight finish. */
	MHD_quiesce_daemon(d);
	for (waited = 0; waited < DRAIN_SECONDS * 10; waited++) {
		info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || !info->num_connections)
			break;
		usleep(100000);
	}
	MHD_stop_daemon(d);
	if (o->info) {
		fprintf(o->info, "mdplan: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		fflush(o->info);
	}
out:
	cache_flush(&sv.cache);
	store_close(sv.cache.watch);
	pool_close(&sv.pool);
	pthread_mutex_destroy(&sv.cache.mu);
	pthread_mutex_destroy(&sv.log_mu);
	return rc;
}
