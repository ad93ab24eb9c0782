#ifndef MD_WEB_INTERNAL_H
#define MD_WEB_INTERNAL_H
/*
 * web's private header: the request context a handler gets, the route
 * flags, and the helpers every handler file shares. routes.c holds the
 * route table and the pages of the read side; each group of write pages
 * has a file of its own (account.c: sign-in and the account page; further
 * files for the round, administration, indicator editing, offline files),
 * whose handlers are declared here and listed in routes.c's table.
 * Nothing outside src/web includes this.
 */
#include <string.h>

#include "../edit/edit.h"
#include "../html/msg.h"
#include "../page/page.h"
#include "web.h"

#define MAX_PARAMS 4

struct route;

struct ctx {
	struct store *st;
	const struct web_req *rq;
	const struct route *route;   /* the route being answered */
	struct web_resp *rs;
	struct store *wst;           /* the writer (RF_WRITE routes only; with
	                                RF_OWN_LOCK only while it is held) */
	struct page page;
	long long n[MAX_PARAMS];     /* {n} values in order */
	const char *code;            /* {code}: ministry code */
	int fy;                      /* {fy}: a fiscal year, 2000-2200 */
	const char *file;            /* {file} */
	char ind[48];                /* {ind}: an indicator code */
	char user[65];               /* {user}: an account name */
	int nn;
	char root[96], top[96], path[256];
};

typedef int (*handler_fn)(struct ctx *c);

/*
 * A route's flags, checked in one place (web_handle()) before its handler
 * runs, so that no handler can forget one:
 *   RF_CACHE     an anonymous GET's response may enter the shared cache
 *                (never for a signed-in user, never with Set-Cookie)
 *   RF_SIGNED_IN a session is needed: an anonymous page request is sent
 *                to /login/ (303), an API request gets 401
 *   RF_WRITE     the handler gets the writer connection, under its lock
 *   RF_OWN_LOCK  (with RF_WRITE) the handler takes the writer itself, for
 *                the part that needs it: rt_writer_enter() locks it and
 *                sets c->wst, rt_writer_leave() clears and unlocks (and
 *                web_handle() does if the handler did not); the rest runs
 *                beside other writers (an upload's read of its file, a
 *                password's hash or check: rt_auth_ctx() gives the
 *                auth calls a pause that lets go of the lock for it, as
 *                the sign-in, the password change and the admin's user
 *                pages do); the server runs it on a side thread
 *                (web_route_run()). All
 *                the checks above still run before the handler
 *   RF_PRE_CSRF  the CSRF token is the pre-session one (the login form's
 *                double-submit cookie) instead of the session's
 * and roles: the user must hold one of these WEB_ROLE_* bits (0: any
 * visitor, or any signed-in user with RF_SIGNED_IN), else 403.
 * Every method but GET and HEAD is state-changing: it is refused (403)
 * when the request comes from another site (Origin, Sec-Fetch-Site) and
 * when its form's "csrf" field is not the token; nothing runs before.
 */
enum {
	RF_CACHE = 1u << 0,
	RF_SIGNED_IN = 1u << 1,
	RF_WRITE = 1u << 2,
	RF_PRE_CSRF = 1u << 3,
	RF_OWN_LOCK = 1u << 4
};

struct route {
	const char *method;   /* "GET" also answers HEAD; "POST" */
	const char *pattern;
	handler_fn fn;
	int api;
	const char *params;   /* the query parameters it reads, space-separated */
	unsigned flags;       /* RF_* */
	unsigned roles;       /* WEB_ROLE_*: one of them needed; 0: none */
};

extern const char RT_HTML[];
extern const char RT_JSON[];

/* Error pages and answers: status with a detail (NULL: the status's own). */
int rt_html_error(struct ctx *c, int status, const char *detail);
int rt_api_error(struct ctx *c, int status, const char *message);
/* Maps a renderer's return code to the response (0: 200, cacheable;
 * MD_ENOTFOUND: 404 with what; MD_EINPUT: 400; else 500). */
int rt_done(struct ctx *c, int rc, int api, const char *what);
/* RF_OWN_LOCK routes: takes the writer's lock and sets c->wst (0), or
 * MD_EUSAGE (not such a route, or held already); leave clears c->wst and
 * unlocks (nothing when not held). */
int rt_writer_enter(struct ctx *c);
void rt_writer_leave(struct ctx *c);
/* A query argument the route declares; NULL when absent or undeclared. */
const char *rt_arg(struct ctx *c, const char *name);
int rt_arg_int(struct ctx *c, const char *name, int lo, int hi, int *v);
int rt_arg_year(struct ctx *c, const char *name, int *v);
int rt_arg_bool(struct ctx *c, const char *name, int *v);
int rt_is_get(const struct web_req *rq);
/* A request header; NULL when absent. */
const char *rt_header(const struct web_req *rq, const char *name);
/* Set-Cookie for name=value (value "" with max_age 0 clears it):
 * HttpOnly, SameSite, Path=/, Secure under TLS or --secure-cookies. */
int rt_set_cookie(struct ctx *c, const char *name, const char *value, long long max_age,
		  const char *samesite);
/* 303 to a page of this site (root-relative path), after a form. */
int rt_see_other(struct ctx *c, const char *path);
/* The audit context of this request (user, address, agent, request id);
 * called in an RF_OWN_LOCK route with the writer's lock held, with a pause
 * (struct auth_ctx) that lets go of the lock while a password hashes. */
void rt_auth_ctx(struct ctx *c, struct auth_ctx *ac);
/* src/edit on st with the accounts' policy (au decides and audits every
 * change; src/edit's edit_policy_auth()) for a request from address with
 * request_id (NULL: ""). ea is the policy's context: it must outlive the
 * edit. The caller frees the edit (edit_free()); NULL: out of memory. */
struct edit *web_edit_new(struct store *st, struct auth *au, const char *address,
			  const char *request_id, struct edit_auth *ea);
/* web_edit_new() for this request: the writer connection (RF_WRITE
 * routes), its auth, the client's address and the request id; *actor (may
 * be NULL) is the signed-in user. */
struct edit *rt_edit_new(struct ctx *c, struct edit_auth *ea, struct store_actor *actor);
/* The search viewer of this request's user (auth_viewer(): the drafts
 * their roles and ministries may read), in *v; NULL for anonymous, the
 * public. Use it for q.viewer while v lives. */
const struct store_viewer *rt_viewer(struct ctx *c, struct auth_viewer *v);

/* ---- handlers outside routes.c ---- */
/* account.c */
int h_login(struct ctx *c);
int h_login_post(struct ctx *c);
int h_logout(struct ctx *c);
int h_account(struct ctx *c);
/* offline.c: GET /rounds/{fy}/offline/{code}.xlsx, GET and POST
 * /rounds/{fy}/offline/{code}/ */
int h_offline_xlsx(struct ctx *c);
int h_offline(struct ctx *c);
int h_offline_post(struct ctx *c);
/* board.c: the follow-up round's board (issue 14) */
int h_rounds(struct ctx *c);
int h_rounds_post(struct ctx *c);
int h_board(struct ctx *c);
int h_board_post(struct ctx *c);
int h_account_post(struct ctx *c);
/* The ja/en sentence for a password problem (NULL: none). */
const char *web_pw_problem(enum auth_pw_problem p, int en);
/* Retry-After: seconds (at least 1). */
int web_retry_after(struct ctx *c, long long seconds);
/* errors.c: an edit's refusal in the page's language (en 0: ja, 1: en):
 * the sentence for why (NULL for EDIT_WHY_NONE), and for ed's last error
 * (a general sentence when it has no why). */
const char *web_edit_why(enum edit_why why, int en);
const char *web_edit_error(const struct edit *ed, int en);
/* The sentence for an account refusal's id (auth_errwhy()); NULL for
 * AUTH_WHY_NONE. */
const char *web_auth_why(enum auth_why why, int en);
/* admin.c */
int h_admin_users(struct ctx *c);
int h_admin_user_new(struct ctx *c);
int h_admin_user_add(struct ctx *c);
int h_admin_user(struct ctx *c);
int h_admin_user_post(struct ctx *c);
int h_admin_audit(struct ctx *c);
int h_admin_audit_csv(struct ctx *c);
/* entry.c: one entry of the follow-up round (issue 14); {code} absent:
 * the item's consolidated entry */
int h_entry(struct ctx *c);
int h_entry_post(struct ctx *c);
int h_entry_comment(struct ctx *c);
int h_entry_history(struct ctx *c);
int a_round_entries(struct ctx *c);
int a_entry(struct ctx *c);
int a_entry_post(struct ctx *c);
/* indicator_edit.c */
int h_ind_edit(struct ctx *c);
int h_ind_edit_post(struct ctx *c);
int h_ind_values_post(struct ctx *c);
/* editions.c: the published editions of a year's follow-up */
int h_editions(struct ctx *c);
int h_edition(struct ctx *c);
int a_editions(struct ctx *c);
/* downloads/followup-YYYY-edition-K.tsv|xlsx (h_download passes them on) */
int h_edition_file(struct ctx *c);

#endif
