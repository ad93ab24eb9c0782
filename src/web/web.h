#ifndef MD_WEB_H
#define MD_WEB_H
/*
 * web: the HTTP front end and the static publication.
 *
 * web_handle() maps one request to one response through the route table in
 * routes.c; it knows nothing of sockets, so the server (server.c, the only
 * user of libmicrohttpd) and `mdplan publish` (publish.c) share it.
 */
#include <stdio.h>

#include "../base/base.h"
#include "../store/store.h"

struct web_req {
	const char *method;     /* "GET", "HEAD", ... */
	const char *path;       /* URL path, percent-decoded; any string (a path
				 * not starting with '/' is answered 400) */
	/* Query argument by name (the first of that name), NULL when absent. */
	const char *(*arg)(void *ctx, const char *name);
	/* Name of the i-th query argument, NULL past the last; NULL: none. */
	const char *(*arg_name)(void *ctx, int i);
	void *arg_ctx;
	int published;          /* rendering for `mdplan publish` */
};

struct web_resp {
	int status;
	const char *ctype;
	struct buf body;
	char location[512];     /* for redirects */
	char filename[128];     /* Content-Disposition attachment name */
	const char *allow;      /* for 405 */
	int cacheable;          /* same cache key, same database: same bytes */
	int api;                /* an /api/ response (CORS open) */
};

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
	FILE *log;              /* access log, NULL: none */
	FILE *info;             /* "serving URL" and shutdown messages */
};
/* Serves until SIGINT or SIGTERM, then closes idle connections at once and
 * lets requests in flight finish. Returns 0, or a negative MD_E* with a
 * message on stderr. */
int web_serve(const struct web_opts *o);

/* Writes the public site below outdir: every page in Japanese and English,
 * the downloads, the style sheet and sitemap.xml (with base_url). *files
 * gets the number of files written. */
int web_publish(struct store *st, const char *outdir, const char *base_url,
		long *files, struct buf *err);

#endif
