/*
 * The load client of bench/edit-load.sh (issues 13 and 14): many HTTP/1.1
 * keep-alive connections driven from one thread over poll(), each one a
 * client that reads pages, or signs in as a browser does and saves forms,
 * timing every request. A Python client cannot keep 64 readers busy on a
 * 2-core machine; this one costs the server's host little.
 *
 *   loadtool --port N --seconds S [--log FILE] [--think MS] [--logins K]
 *            [--host ADDR] [--tag T] [--number-base B] < SCENARIO
 *
 * The scenario has a client group a line, fields separated by tabs (lines
 * starting with '#' and empty lines are skipped):
 *   read NAME COUNT SRC USER PASSWORD PATH...
 *   edit NAME SRC USER PASSWORD FIELDS SUBMIT_EVERY TARGET...
 * SRC is the loopback address the group's connections come from (the
 * server limits connections per address); USER "-" reads anonymously.
 * A read client asks for its PATHs in turn. An edit client signs in
 * (GET /login/ for the pre-session cookie and token, POST /login/, GET
 * its first form for the session's CSRF token), then repeatedly picks a
 * TARGET at random and GETs its form page. A TARGET is [FORM>]POST[#SEL]:
 * the page FORM (default POST) holds a <form> whose action ends with POST
 * and, with SEL ("k=v&k=v"), has those fields (name="k" value="v"); the
 * client takes that form's version and CSRF token and POSTs FIELDS, SEL,
 * version=V and csrf=T to POST. In FIELDS (urlencoded already) %M becomes
 * the save's unique marker ("BM-<tag>-<editor>-<n>", --tag: lower-case
 * letters and digits), %N a unique number (B + editor * 100000 + n), %O
 * the op: "submit" every SUBMIT_EVERY-th save (0: never), else "save".
 * --think MS: an editor's pause after each save (default 0: at once),
 * on average: each pause is drawn from [MS/2, 3 MS/2] and the first save
 * comes at a random moment within the first MS, so that paced editors do
 * not save in step;
 * --think NAME=MS (again for more groups): the pause of group NAME's
 * editors, instead.
 *
 * Output: with --log, one line per save attempt:
 *   user  POST[#SEL]  op  base-version  marker  status  microseconds
 *   start-ms  number
 * (status 0: no answer, e.g. the server died; start-ms from the run's
 * start); on stdout one line per group of requests (reads of a group,
 * an edit group's form GETs as NAME/form and its saves as NAME):
 *   NAME kind=read|form|save n= ok= conflict= other= failed= per_s= p50_ms=
 *   p99_ms= max_ms=
 * ok is 200 for reads and forms, 303 for saves; conflict is 409. A failed
 * request (refused connection, reset) is retried after 50 ms, so the
 * clients ride out a server restart (the crash test). The first
 * unexpected answer of each group is shown on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

#define MAX_GROUPS 32
#define MAX_COOKIES 4
#define MAX_LINE 8192
#define RETRY_US 50000
#define DRAIN_US 10000000LL
#define BODY_MAX ((size_t)16 << 20)

struct stat_group {
	char name[64];
	const char *kind;      /* "read", "form", "save" */
	long n, ok, conflict, other, failed;
	int told;              /* the first unexpected answer was shown */
	unsigned *lat;         /* microseconds of every answered request */
	size_t nlat, caplat;
	long long think_us;    /* its editors' pause; -1: the tool's */
};

/* What an editor saves: the form's page, where it posts, and which form of
 * the page (its fields name="k" value="v", sent back with the save). */
struct target {
	char *form, *post;
	char *select;          /* "k=v&k=v" or NULL */
};

struct cookie {
	char name[32];
	char value[160];
};

enum conn_state { C_CLOSED, C_CONNECTING, C_SENDING, C_RECEIVING, C_IDLE };

enum step {
	S_NONE,          /* nothing in flight */
	S_LOGIN_FORM, S_LOGIN_POST, S_LOGIN_CSRF,
	S_READ, S_FORM, S_SAVE
};

struct client {
	int edit;              /* an edit client (else a reader) */
	int idx;               /* editors: their number in markers */
	char *user, *password; /* NULL: anonymous */
	struct in_addr src;
	char **paths;          /* read: paths */
	struct target *tg;     /* edit: targets */
	int npaths, next;
	char *fields;
	int submit_every;
	int owns;              /* the first of its line: frees user .. fields */
	struct stat_group *g_main, *g_form;

	/* the connection */
	int fd;
	enum conn_state cs;
	struct buf out, in;
	size_t sent, head_len;
	long long body_len;     /* Content-Length; -1 until the head is in */
	int status, keep, reused, is_get;

	/* the session */
	struct cookie jar[MAX_COOKIES];
	int ncookies;
	char csrf[160];
	int logged_in;

	/* what is in flight */
	enum step step;
	long long t0, wake;
	int target;
	long long version, seq;
	long long number;       /* %N of the save in flight */
	char marker[64];
	const char *op;
	unsigned long long rnd;
};

#define MAX_THINKS 8
struct tool {
	int port;
	double seconds;
	long long think_us;
	struct { char name[64]; long long us; } think[MAX_THINKS]; /* --think NAME=MS */
	int nthink;
	int logins;
	FILE *log;
	struct stat_group groups[MAX_GROUPS];
	int ngroups;
	struct client *cl;
	int ncl;
	long long start, deadline;
	int running;            /* the measured run (else signing in) */
	char host[64];
	char tag[16];           /* in every marker: unique across runs */
	long long number_base;  /* added to every %N */
};

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "loadtool: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(2);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		die("out of memory", NULL);
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xcalloc(n, 1);

	memcpy(p, s, n);
	return p;
}

/* ---- statistics ---- */

static struct stat_group *group(struct tool *t, const char *name, const char *kind)
{
	struct stat_group *g;
	int i;

	for (i = 0; i < t->ngroups; i++)
		if (!strcmp(t->groups[i].name, name) && !strcmp(t->groups[i].kind, kind))
			return &t->groups[i];
	if (t->ngroups == MAX_GROUPS)
		die("too many groups", name);
	g = &t->groups[t->ngroups++];
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->kind = kind;
	g->think_us = -1;
	for (i = 0; i < t->nthink; i++)
		if (!strcmp(t->think[i].name, name))
			g->think_us = t->think[i].us;
	return g;
}

static void record(struct stat_group *g, int status, int ok, long long us)
{
	g->n++;
	if (status == 0) {
		g->failed++;
		return;
	}
	if (status == ok)
		g->ok++;
	else if (status == 409)
		g->conflict++;
	else
		g->other++;
	if (g->nlat == g->caplat) {
		size_t cap = g->caplat ? 2 * g->caplat : 4096;
		unsigned *p = realloc(g->lat, cap * sizeof(*p));

		if (!p)
			die("out of memory", NULL);
		g->lat = p;
		g->caplat = cap;
	}
	g->lat[g->nlat++] = us > 0xffffffffLL ? 0xffffffffu : (unsigned)us;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static double pct_ms(const struct stat_group *g, double p)
{
	size_t k;

	if (!g->nlat)
		return 0;
	k = (size_t)(p * (double)(g->nlat - 1) + 0.5);
	return g->lat[k] / 1000.0;
}

static void report(struct tool *t, double secs)
{
	int i;

	for (i = 0; i < t->ngroups; i++) {
		struct stat_group *g = &t->groups[i];

		qsort(g->lat, g->nlat, sizeof(*g->lat), cmp_uint);
		printf("%s kind=%s n=%ld ok=%ld conflict=%ld other=%ld failed=%ld per_s=%.1f"
		       " p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", g->name, g->kind, g->n, g->ok,
		       g->conflict, g->other, g->failed, (double)g->n / secs, pct_ms(g, 0.5),
		       pct_ms(g, 0.99), g->nlat ? g->lat[g->nlat - 1] / 1000.0 : 0.0);
	}
	printf("run seconds=%.2f\n", secs);
}

/* ---- small text helpers ---- */

static void urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, c);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

/* The value of the first <input name="NAME" value="..."> at or after from
 * (the emitter writes name before value), into out. 1 if found. */
static int form_value(const char *from, const char *name, char *out, size_t n)
{
	char pat[64];
	const char *p, *e;

	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if (!(p = strstr(from, pat)))
		return 0;
	p += strlen(pat);
	if (!(e = strchr(p, '"')) || (size_t)(e - p) >= n)
		return 0;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = 0;
	return 1;
}

static unsigned long long rnd_next(struct client *c)
{
	c->rnd ^= c->rnd << 13;
	c->rnd ^= c->rnd >> 7;
	c->rnd ^= c->rnd << 17;
	return c->rnd;
}

/* An editor's pause after a save: uniform in [think/2, 3 think/2], so
 * that editors who started together drift apart as people do instead of
 * saving in step; first: before the first save, uniform in [0, think). */
static long long pause_us(const struct tool *t, struct client *c, int first)
{
	long long th = c->g_main->think_us >= 0 ? c->g_main->think_us : t->think_us;

	if (th <= 0)
		return 0;
	if (first)
		return (long long)(rnd_next(c) % (unsigned long long)th);
	return th / 2 + (long long)(rnd_next(c) % (unsigned long long)th);
}

/* ---- cookies ---- */

static void jar_set(struct client *c, const char *line, size_t len)
{
	const char *eq = memchr(line, '=', len), *end;
	size_t nl, vl;
	int i;

	if (!eq)
		return;
	nl = (size_t)(eq - line);
	end = memchr(eq + 1, ';', len - nl - 1);
	vl = end ? (size_t)(end - eq - 1) : len - nl - 1;
	if (nl >= sizeof(c->jar[0].name) || vl >= sizeof(c->jar[0].value))
		return;
	for (i = 0; i < c->ncookies; i++)
		if (strlen(c->jar[i].name) == nl && !memcmp(c->jar[i].name, line, nl))
			break;
	if (!vl) {   /* cleared */
		if (i < c->ncookies)
			c->jar[i] = c->jar[--c->ncookies];
		return;
	}
	if (i == c->ncookies) {
		if (c->ncookies == MAX_COOKIES)
			return;
		c->ncookies++;
		memcpy(c->jar[i].name, line, nl);
		c->jar[i].name[nl] = 0;
	}
	memcpy(c->jar[i].value, eq + 1, vl);
	c->jar[i].value[vl] = 0;
}

static int jar_has(const struct client *c, const char *name)
{
	int i;

	for (i = 0; i < c->ncookies; i++)
		if (!strcmp(c->jar[i].name, name))
			return 1;
	return 0;
}

/* ---- the connection ---- */

static void conn_close(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->cs = C_CLOSED;
}

static int conn_open(struct tool *t, struct client *c)
{
	struct sockaddr_in sa;
	int one = 1;

	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr = c->src;
	if (bind(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		conn_close(c);
		return -1;
	}
	sa.sin_port = htons((uint16_t)t->port);
	inet_pton(AF_INET, t->host, &sa.sin_addr);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) && errno != EINPROGRESS) {
		conn_close(c);
		return -1;
	}
	c->cs = C_CONNECTING;
	c->reused = 0;
	return 0;
}

static void client_done(struct tool *t, struct client *c, int status);

/* Sends a request (body: urlencoded form, or NULL for a GET). */
static void request(struct tool *t, struct client *c, enum step step, const char *path,
		    const char *body)
{
	int i;

	c->step = step;
	c->is_get = !body;
	buf_reset(&c->out);
	buf_printf(&c->out, "%s %s HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: mdplan-loadtool\r\n",
		   body ? "POST" : "GET", path, t->host, t->port);
	if (c->ncookies) {
		buf_puts(&c->out, "Cookie: ");
		for (i = 0; i < c->ncookies; i++)
			buf_printf(&c->out, "%s%s=%s", i ? "; " : "", c->jar[i].name,
				   c->jar[i].value);
		buf_puts(&c->out, "\r\n");
	}
	if (body)
		buf_printf(&c->out, "Content-Type: application/x-www-form-urlencoded\r\n"
			   "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
	else
		buf_puts(&c->out, "\r\n");
	if (buf_error(&c->out))
		die("request too large", path);
	c->sent = 0;
	buf_reset(&c->in);
	c->head_len = 0;
	c->body_len = -1;
	c->status = 0;
	c->keep = 1;
	c->t0 = now_us();
	if (c->cs == C_IDLE) {
		c->cs = C_SENDING;
		c->reused = 1;
	} else if (conn_open(t, c)) {
		client_done(t, c, 0);
	}
}

/* Parses the head once it is in: 1 done, 0 more to read, -1 bad. */
static int parse_head(struct client *c)
{
	char *end = strstr(c->in.ptr, "\r\n\r\n"), *p, *nl;
	long long v;

	if (!end)
		return c->in.len > 65536 ? -1 : 0;
	c->head_len = (size_t)(end - c->in.ptr) + 4;
	if (strncmp(c->in.ptr, "HTTP/1.", 7) || c->in.len < 12 ||
	    num_parse_ll(c->in.ptr + 9, 3, 100, 599, &v))
		return -1;
	c->status = (int)v;
	c->keep = c->in.ptr[7] == '1';
	c->body_len = 0;
	for (p = strstr(c->in.ptr, "\r\n") + 2; p < end; p = nl + 2) {
		size_t len;

		nl = strstr(p, "\r\n");
		len = (size_t)(nl - p);
		if (len > 15 && !strncasecmp(p, "content-length:", 15)) {
			char *s = p + 15;

			while (*s == ' ')
				s++;
			if (num_parse_ll(s, (size_t)(nl - s), 0, (long long)BODY_MAX, &v))
				return -1;
			c->body_len = v;
		} else if (len > 11 && !strncasecmp(p, "set-cookie:", 11)) {
			char *s = p + 11;

			while (*s == ' ')
				s++;
			jar_set(c, s, (size_t)(nl - s));
		} else if (len > 11 && !strncasecmp(p, "connection:", 11)) {
			char *cl = strstr(p, "close");

			if (cl && cl < nl)
				c->keep = 0;
		} else if (len > 18 && !strncasecmp(p, "transfer-encoding:", 18)) {
			return -1;   /* the server sends lengths; anything else is a surprise */
		}
	}
	return 1;
}

static void conn_error(struct tool *t, struct client *c)
{
	int retry = c->reused && c->is_get && !c->in.len;

	conn_close(c);
	if (retry) {   /* a kept-alive connection the server had closed */
		size_t len = c->out.len;
		char *copy = xcalloc(len + 1, 1);

		memcpy(copy, c->out.ptr, len);
		if (conn_open(t, c)) {
			free(copy);
			client_done(t, c, 0);
			return;
		}
		buf_reset(&c->out);
		buf_add(&c->out, copy, len);
		free(copy);
		c->sent = 0;
		return;
	}
	client_done(t, c, 0);
}

static void on_writable(struct tool *t, struct client *c)
{
	ssize_t n;

	if (c->cs == C_CONNECTING) {
		int err = 0;
		socklen_t l = sizeof(err);

		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l) || err) {
			conn_error(t, c);
			return;
		}
		c->cs = C_SENDING;
	}
	n = send(c->fd, c->out.ptr + c->sent, c->out.len - c->sent, MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			conn_error(t, c);
		return;
	}
	c->sent += (size_t)n;
	if (c->sent == c->out.len)
		c->cs = C_RECEIVING;
}

static void on_readable(struct tool *t, struct client *c)
{
	char tmp[65536];
	ssize_t n;
	int h;

	n = recv(c->fd, tmp, sizeof(tmp), 0);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			conn_error(t, c);
		return;
	}
	if (n == 0) {
		if (c->cs == C_IDLE) {
			conn_close(c);
			return;
		}
		conn_error(t, c);
		return;
	}
	if (c->cs != C_RECEIVING && c->cs != C_SENDING) {
		conn_close(c);   /* bytes nobody asked for */
		return;
	}
	if (buf_add(&c->in, tmp, (size_t)n)) {
		conn_error(t, c);
		return;
	}
	if (!c->head_len) {
		h = parse_head(c);
		if (h < 0) {
			fprintf(stderr, "loadtool: a bad response head\n");
			conn_error(t, c);
			return;
		}
		if (!h)
			return;
	}
	if ((long long)(c->in.len - c->head_len) < c->body_len)
		return;
	if (c->keep)
		c->cs = C_IDLE;
	else
		conn_close(c);
	client_done(t, c, c->status);
}

/* ---- what the clients do ---- */

static void login_next(struct tool *t, struct client *c)
{
	request(t, c, S_LOGIN_FORM, "/login/", NULL);
}

/* TARGET: [FORM>]POST[#k=v&k=v] */
static void target_parse(const char *spec, struct target *tg)
{
	char *x = xstrdup(spec), *gt = strchr(x, '>'), *hash = strchr(x, '#');

	if (hash)
		*hash++ = 0;
	tg->select = hash ? xstrdup(hash) : NULL;
	if (gt) {
		*gt = 0;
		tg->post = xstrdup(gt + 1);
	} else {
		tg->post = xstrdup(x);
	}
	tg->form = x;
	if (tg->form[0] != '/' || tg->post[0] != '/')
		die("scenario: a target is a path", spec);
}

/* Does the form starting at f (up to end) post to path (its action, maybe
 * relative, ends with path without its '/') and hold every k=v of select? */
static int form_matches(const char *f, const char *end, const struct target *tg)
{
	const char *a = strstr(f, "action=\""), *q, *p, *amp;
	size_t n = strlen(tg->post + 1);
	char pat[160];

	if (!a || a > end || !(q = strchr(a + 8, '"')) || q > end ||
	    (size_t)(q - (a + 8)) < n || memcmp(q - n, tg->post + 1, n))
		return 0;
	for (p = tg->select; p && *p; p = amp ? amp + 1 : p + strlen(p)) {
		const char *eq = strchr(p, '='), *hit;

		amp = strchr(p, '&');
		if (!eq || (amp && eq > amp))
			return 0;
		snprintf(pat, sizeof(pat), "name=\"%.*s\" value=\"%.*s\"", (int)(eq - p), p,
			 (int)((amp ? amp : p + strlen(p)) - eq - 1), eq + 1);
		if (!(hit = strstr(f, pat)) || hit > end)
			return 0;
	}
	return 1;
}

/* The version and CSRF token of the target's form on the page. */
static int form_read(struct client *c, char *body, const struct target *tg)
{
	char *f, *end, keep, v[32];
	int ok = 0;

	for (f = strstr(body, "<form "); f; f = strstr(end, "<form ")) {
		if (!(end = strstr(f, "</form>")))
			return 0;
		if (!form_matches(f, end, tg))
			continue;
		keep = *end;
		*end = 0;
		ok = form_value(f, "version", v, sizeof(v)) &&
			!num_parse_ll(v, strlen(v), 0, (long long)1 << 60, &c->version);
		form_value(f, "csrf", c->csrf, sizeof(c->csrf));
		*end = keep;
		return ok;
	}
	return 0;
}

/* The next request of a client that has nothing in flight. */
static void client_next(struct tool *t, struct client *c)
{
	if (!c->edit) {
		request(t, c, S_READ, c->paths[c->next], NULL);
		c->next = (c->next + 1) % c->npaths;
		return;
	}
	c->target = (int)(rnd_next(c) % (unsigned long long)c->npaths);
	request(t, c, S_FORM, c->tg[c->target].form, NULL);
}

static void save(struct tool *t, struct client *c)
{
	struct buf body = BUF_INIT;
	const struct target *tg;
	const char *f;

	c->seq++;
	c->number = t->number_base + (long long)c->idx * 100000 + c->seq;
	snprintf(c->marker, sizeof(c->marker), "BM-%s-%d-%lld", t->tag, c->idx, c->seq);
	c->op = c->submit_every > 0 && c->seq % c->submit_every == 0 ? "submit" : "save";
	for (f = c->fields; *f; f++) {
		if (*f != '%' || !f[1]) {
			buf_putc(&body, *f);
			continue;
		}
		switch (*++f) {
		case 'M':
			urlencode(&body, c->marker);
			break;
		case 'N':
			buf_printf(&body, "%lld", c->number);
			break;
		case 'O':
			buf_puts(&body, c->op);
			break;
		default:
			buf_putc(&body, '%');
			buf_putc(&body, *f);
		}
	}
	tg = &c->tg[c->target];
	if (tg->select)
		buf_printf(&body, "%s%s", body.len ? "&" : "", tg->select);
	buf_printf(&body, "%sversion=%lld&csrf=", body.len ? "&" : "", c->version);
	urlencode(&body, c->csrf);
	if (buf_error(&body))
		die("save too large", c->fields);
	request(t, c, S_SAVE, tg->post, body.ptr);
	buf_release(&body);
}

static void login_fail(struct client *c, const char *what)
{
	char st[96];

	snprintf(st, sizeof(st), "%s (status %d) for %s", what, c->status, c->user);
	die("cannot sign in", st);
}

/* The first unexpected answer of a group goes to stderr: what went wrong
 * is in its text. */
static void tell(struct stat_group *g, int status, int ok, const char *body)
{
	const char *p;

	if (g->told || !status || status == ok || status == 409)
		return;
	g->told = 1;
	p = strstr(body, "<main");
	fprintf(stderr, "loadtool: %s: first unexpected answer %d: %.400s\n", g->name, status,
		p ? p : body);
}

static void client_done(struct tool *t, struct client *c, int status)
{
	long long now = now_us(), us = now - c->t0;
	const char *body = c->in.ptr + (c->head_len <= c->in.len ? c->head_len : 0);
	struct buf f = BUF_INIT;
	enum step was = c->step;

	c->step = S_NONE;
	c->wake = now;
	switch (was) {
	case S_LOGIN_FORM:
		if (status != 200 || !form_value(body, "csrf", c->csrf, sizeof(c->csrf)) ||
		    !jar_has(c, "mdplan_pre"))
			login_fail(c, "GET /login/");
		buf_puts(&f, "user=");
		urlencode(&f, c->user);
		buf_puts(&f, "&password=");
		urlencode(&f, c->password);
		buf_puts(&f, "&csrf=");
		urlencode(&f, c->csrf);
		request(t, c, S_LOGIN_POST, "/login/", f.ptr);
		buf_release(&f);
		return;
	case S_LOGIN_POST:
		if (status != 303 || !jar_has(c, "mdplan_session"))
			login_fail(c, "POST /login/");
		if (!c->edit) {
			c->logged_in = 1;
			return;
		}
		request(t, c, S_LOGIN_CSRF, c->tg[0].form, NULL);
		return;
	case S_LOGIN_CSRF:
		if (status != 200 || !form_value(body, "csrf", c->csrf, sizeof(c->csrf)))
			login_fail(c, "the first form");
		c->logged_in = 1;
		return;
	case S_READ:
		record(c->g_main, status, 200, us);
		tell(c->g_main, status, 200, body);
		break;
	case S_FORM:
		record(c->g_form, status, 200, us);
		tell(c->g_form, status, 200, body);
		if (status != 200)
			break;
		if (!form_read(c, c->in.ptr + c->head_len, &c->tg[c->target])) {
			if (!c->g_form->told)
				fprintf(stderr, "loadtool: %s: no form with a version posting to %s"
					" on %s\n", c->g_form->name, c->tg[c->target].post,
					c->tg[c->target].form);
			c->g_form->told = 1;
			c->g_form->other++;
			break;
		}
		save(t, c);
		return;
	case S_SAVE:
		record(c->g_main, status, 303, us);
		tell(c->g_main, status, 303, body);
		if (t->log)
			fprintf(t->log, "%s\t%s%s%s\t%s\t%lld\t%s\t%d\t%lld\t%lld\t%lld\n", c->user,
				c->tg[c->target].post, c->tg[c->target].select ? "#" : "",
				c->tg[c->target].select ? c->tg[c->target].select : "", c->op,
				c->version, c->marker, status, us, (c->t0 - t->start) / 1000,
				c->number);
		c->wake = now + pause_us(t, c, 0);
		break;
	case S_NONE:
		break;
	}
	if (!status)
		c->wake = now + RETRY_US;
}

/* ---- the scenario ---- */

static int split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		f[n++] = p;
		if (!(p = strchr(p, '\t')))
			break;
		*p++ = 0;
	}
	return n;
}

static void add_client(struct tool *t, struct client *c)
{
	struct client *a = realloc(t->cl, (size_t)(t->ncl + 1) * sizeof(*a));

	if (!a)
		die("out of memory", NULL);
	t->cl = a;
	c->fd = -1;
	c->cs = C_CLOSED;
	buf_init(&c->out, 1 << 20);
	buf_init(&c->in, BODY_MAX + 65536);
	t->cl[t->ncl++] = *c;
}

static void read_scenario(struct tool *t)
{
	char line[MAX_LINE], *f[256], name[80];
	int n, i, k, lineno = 0, editors = 0;

	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strlen(line);
		struct client c;
		int count = 1, first;
		long long v;

		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (!len || line[0] == '#')
			continue;
		n = split(line, f, (int)MD_ARRAY_SIZE(f));
		memset(&c, 0, sizeof(c));
		if (!strcmp(f[0], "read") && n >= 7) {
			if (num_parse_ll(f[2], strlen(f[2]), 1, 4096, &v))
				die("read: COUNT", f[2]);
			count = (int)v;
			first = 6;
		} else if (!strcmp(f[0], "edit") && n >= 8) {
			c.edit = 1;
			c.idx = ++editors;
			c.fields = xstrdup(f[5]);
			if (num_parse_ll(f[6], strlen(f[6]), 0, 1000000, &v))
				die("edit: SUBMIT_EVERY", f[6]);
			c.submit_every = (int)v;
			first = 7;
			/* the shifted fields: edit has no COUNT */
			memmove(f + 3, f + 2, 4 * sizeof(*f));
		} else {
			snprintf(name, sizeof(name), "line %d", lineno);
			die("scenario: neither a read nor an edit line", name);
		}
		if (inet_pton(AF_INET, f[3], &c.src) != 1)
			die("scenario: SRC is no IPv4 address", f[3]);
		if (strcmp(f[4], "-")) {
			c.user = xstrdup(f[4]);
			c.password = xstrdup(f[5]);
		} else if (c.edit) {
			die("scenario: an editor needs a user", NULL);
		}
		c.npaths = n - first;
		if (c.edit) {
			c.tg = xcalloc((size_t)c.npaths, sizeof(*c.tg));
			for (i = 0; i < c.npaths; i++)
				target_parse(f[first + i], &c.tg[i]);
		} else {
			c.paths = xcalloc((size_t)c.npaths, sizeof(*c.paths));
			for (i = 0; i < c.npaths; i++)
				c.paths[i] = xstrdup(f[first + i]);
		}
		c.g_main = group(t, f[1], c.edit ? "save" : "read");
		if (c.edit) {
			snprintf(name, sizeof(name), "%s/form", f[1]);
			c.g_form = group(t, name, "form");
		}
		for (k = 0; k < count; k++) {
			c.owns = !k;
			c.next = k % c.npaths;
			c.rnd = 0x9e3779b97f4a7c15ull ^ ((unsigned long long)(t->ncl + 1) << 20);
			add_client(t, &c);
		}
	}
	if (!t->ncl)
		die("scenario: no clients", NULL);
}

/* ---- the loop ---- */

static int busy(const struct client *c)
{
	return c->step != S_NONE;
}

static void loop(struct tool *t)
{
	struct pollfd *pf = xcalloc((size_t)t->ncl, sizeof(*pf));
	int *who = xcalloc((size_t)t->ncl, sizeof(*who));
	int i, np, inflight, pending;

	for (;;) {
		long long now = now_us(), wait = 1000000;

		inflight = pending = 0;
		for (i = 0; i < t->ncl; i++) {
			struct client *c = &t->cl[i];

			if (!t->running) {
				/* signing in, t->logins at a time */
				if (c->logged_in || !c->user)
					continue;
				pending++;
				if (busy(c))
					inflight++;
			}
		}
		if (!t->running) {
			if (!pending)
				break;
			for (i = 0; i < t->ncl && inflight < t->logins; i++) {
				struct client *c = &t->cl[i];

				if (c->user && !c->logged_in && !busy(c)) {
					login_next(t, c);
					inflight++;
				}
			}
		} else {
			for (i = 0; i < t->ncl; i++) {
				struct client *c = &t->cl[i];

				if (busy(c)) {
					inflight++;
				} else if (now < t->deadline) {
					if (c->wake <= now)
						client_next(t, c);
					else if (c->wake - now < wait)
						wait = c->wake - now;
					inflight += busy(c);
				}
			}
			if (now >= t->deadline && (!inflight || now > t->deadline + DRAIN_US))
				break;
			if (t->deadline - now > 0 && t->deadline - now < wait)
				wait = t->deadline - now;
		}
		np = 0;
		for (i = 0; i < t->ncl; i++) {
			struct client *c = &t->cl[i];

			if (c->fd < 0)
				continue;
			pf[np].fd = c->fd;
			pf[np].events = c->cs == C_CONNECTING || c->cs == C_SENDING ? POLLOUT : POLLIN;
			pf[np].revents = 0;
			who[np++] = i;
		}
		if (poll(pf, (nfds_t)np, (int)(wait / 1000) + 1) < 0 && errno != EINTR)
			die("poll", strerror(errno));
		for (i = 0; i < np; i++) {
			struct client *c = &t->cl[who[i]];

			if (!pf[i].revents || c->fd != pf[i].fd)
				continue;
			if (pf[i].revents & (POLLIN | POLLHUP | POLLERR))
				on_readable(t, c);
			else if (pf[i].revents & POLLOUT)
				on_writable(t, c);
		}
	}
	/* what is still in flight at the end did not get its answer */
	for (i = 0; i < t->ncl; i++)
		if (busy(&t->cl[i]) && t->running)
			client_done(t, &t->cl[i], 0);
	free(pf);
	free(who);
}

static void tool_release(struct tool *t)
{
	int i, k;

	for (i = 0; i < t->ncl; i++) {
		struct client *c = &t->cl[i];

		conn_close(c);
		buf_release(&c->out);
		buf_release(&c->in);
		if (!c->owns)
			continue;
		for (k = 0; k < c->npaths && c->paths; k++)
			free(c->paths[k]);
		for (k = 0; k < c->npaths && c->tg; k++) {
			free(c->tg[k].form);
			free(c->tg[k].post);
			free(c->tg[k].select);
		}
		free(c->paths);
		free(c->tg);
		free(c->user);
		free(c->password);
		free(c->fields);
	}
	free(t->cl);
	for (i = 0; i < t->ngroups; i++)
		free(t->groups[i].lat);
}

static void usage(const char *bad)
{
	if (bad)
		fprintf(stderr, "loadtool: %s: a bad or missing value\n", bad);
	fprintf(stderr, "usage: loadtool --port N --seconds S [--log FILE] [--think [NAME=]MS]"
		" [--logins K] [--host ADDR] [--tag T] [--number-base B] < SCENARIO\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct tool t;
	long long v;
	int i;

	memset(&t, 0, sizeof(t));
	t.logins = 4;
	snprintf(t.host, sizeof(t.host), "127.0.0.1");
	snprintf(t.tag, sizeof(t.tag), "x");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!val)
			usage(a);
		i++;
		if (!strcmp(a, "--port") && !num_parse_ll(val, strlen(val), 1, 65535, &v)) {
			t.port = (int)v;
		} else if (!strcmp(a, "--seconds") && !num_parse_ll(val, strlen(val), 1, 3600, &v)) {
			t.seconds = (double)v;
		} else if (!strcmp(a, "--think") && !strchr(val, '=') &&
			   !num_parse_ll(val, strlen(val), 0, 60000, &v)) {
			t.think_us = v * 1000;
		} else if (!strcmp(a, "--think") && t.nthink < MAX_THINKS &&
			   strchr(val, '=') - val < 64 &&
			   !num_parse_ll(strchr(val, '=') + 1, strlen(strchr(val, '=') + 1), 0, 60000, &v)) {
			snprintf(t.think[t.nthink].name, sizeof(t.think[0].name), "%.*s",
				 (int)(strchr(val, '=') - val), val);
			t.think[t.nthink++].us = v * 1000;
		} else if (!strcmp(a, "--logins") && !num_parse_ll(val, strlen(val), 1, 64, &v)) {
			t.logins = (int)v;
		} else if (!strcmp(a, "--host") && strlen(val) < sizeof(t.host)) {
			snprintf(t.host, sizeof(t.host), "%s", val);
		} else if (!strcmp(a, "--tag") && strlen(val) < sizeof(t.tag) &&
			   strspn(val, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(val)) {
			snprintf(t.tag, sizeof(t.tag), "%s", val);
		} else if (!strcmp(a, "--number-base") &&
			   !num_parse_ll(val, strlen(val), 0, (long long)1 << 40, &v)) {
			t.number_base = v;
		} else if (!strcmp(a, "--log")) {
			if (!(t.log = fopen(val, "w")))
				die("cannot write", val);
		} else {
			usage(a);
		}
	}
	if (!t.port || t.seconds <= 0)
		usage(NULL);
	signal(SIGPIPE, SIG_IGN);
	read_scenario(&t);
	loop(&t);               /* sign in */
	for (i = 0; i < t.ncl; i++)
		conn_close(&t.cl[i]);
	t.running = 1;
	t.start = now_us();
	t.deadline = t.start + (long long)(t.seconds * 1e6);
	for (i = 0; i < t.ncl; i++)
		t.cl[i].wake = t.start + (t.cl[i].edit ? pause_us(&t, &t.cl[i], 1) : 0);
	loop(&t);
	report(&t, (double)(now_us() - t.start) / 1e6);
	tool_release(&t);
	if (t.log && fclose(t.log))
		die("cannot write the log", NULL);
	return fflush(stdout) ? 1 : 0;
}
