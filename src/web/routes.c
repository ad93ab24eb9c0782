/*
 * The route table and the handlers. A pattern is a path whose segments are
 * literal, "{n}" (a positive integer), "{code}" (a ministry, by code,
 * abbreviation or name), "{file}" (a download's file name) or "{user}"
 * (an account name). Pages end in
 * '/'; a page asked for without it is redirected there, so that relative
 * links resolve the same way on the server and in a published folder.
 *
 * Each route names the query parameters it reads; a handler sees no other
 * (rt_arg() returns NULL for an undeclared name), so the parameters a route
 * declares are all its answer depends on, besides the path and lang. The
 * response cache keys on exactly those (web_cache_key()).
 *
 * English pages live under /en/ (published sites) and answer ?lang=en too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "../html/msg.h"
#include "../page/page.h"
#include "../text/text.h"
#include "internal.h"

/* Every page and API route reads lang (web_handle() does). */
static const char GLOBAL_PARAMS[] = "lang";

/* ---- small helpers ---- */

const char RT_HTML[] = "text/html; charset=utf-8";
const char RT_JSON[] = "application/json; charset=utf-8";

int rt_html_error(struct ctx *c, int status, const char *detail)
{
	struct web_resp *rs = c->rs;

	rs->status = status;
	rs->ctype = RT_HTML;
	buf_reset(&rs->body);
	return page_error(&c->page, status, detail, &rs->body);
}

int rt_api_error(struct ctx *c, int status, const char *message)
{
	struct web_resp *rs = c->rs;

	rs->status = status;
	rs->ctype = RT_JSON;
	buf_reset(&rs->body);
	return report_api_error(status, message, &rs->body);
}

/* Maps a renderer's return code to the response. */
int rt_done(struct ctx *c, int rc, int api, const char *what)
{
	struct web_resp *rs = c->rs;

	if (!rc) {
		rs->status = 200;
		if (!rs->ctype)
			rs->ctype = api ? RT_JSON : RT_HTML;
		rs->cacheable = 1;
		return 0;
	}
	if (rc == MD_ENOTFOUND)
		return api ? rt_api_error(c, 404, what) : rt_html_error(c, 404, what);
	if (rc == MD_EINPUT)
		return api ? rt_api_error(c, 400, what) : rt_html_error(c, 400, what);
	return api ? rt_api_error(c, 500, "internal error") :
		rt_html_error(c, 500, c->page.en ? "The database could not be read." :
			   "データベースを読めませんでした。");
}

/* The next word of a space-separated list of parameter names, into word
 * (a name longer than the room is cut); 0 past the last. */
static int next_word(const char **list, char *word, size_t room)
{
	const char *p = *list, *end;
	size_t len;

	if (!p || !*p)
		return 0;
	end = strchr(p, ' ');
	len = end ? (size_t)(end - p) : strlen(p);
	snprintf(word, room, "%.*s", (int)len, p);
	*list = end ? end + 1 : NULL;
	return 1;
}

/* 1 if name is a word of the space-separated list. */
static int listed(const char *list, const char *name)
{
	char word[16];

	while (next_word(&list, word, sizeof(word))) {
		if (!strcmp(word, name))
			return 1;
	}
	return 0;
}

static const char *req_arg(const struct web_req *rq, const char *name)
{
	return rq->arg ? rq->arg(rq->arg_ctx, name) : NULL;
}

/* A query argument the route declares; NULL when absent or undeclared. */
const char *rt_arg(struct ctx *c, const char *name)
{
	if (!c->route || !listed(c->route->params, name))
		return NULL;
	return req_arg(c->rq, name);
}

/* Query arguments for the API and the changes page. */
int rt_arg_int(struct ctx *c, const char *name, int lo, int hi, int *v)
{
	const char *s = rt_arg(c, name);

	*v = 0;
	if (!s)
		return 0;
	if (num_parse_int(s, lo, hi, v))
		return MD_EINPUT;
	return 0;
}

int rt_arg_year(struct ctx *c, const char *name, int *v)
{
	const char *s = rt_arg(c, name);
	int fiscal;

	*v = 0;
	if (!s || !*s)    /* an empty form field means "any" */
		return 0;
	if (text_era_parse(s, v, &fiscal) || *v < 1990 || *v > 2100)
		return MD_EINPUT;
	return 0;
}

int rt_arg_bool(struct ctx *c, const char *name, int *v)
{
	const char *s = rt_arg(c, name);

	*v = 0;
	if (!s)
		return 0;
	if (!strcmp(s, "1") || !strcmp(s, "true"))
		*v = 1;
	else if (strcmp(s, "0") && strcmp(s, "false"))
		return MD_EINPUT;
	return 0;
}

/* ---- requests and responses ---- */

const char *rt_header(const struct web_req *rq, const char *name)
{
	return rq->header ? rq->header(rq->arg_ctx, name) : NULL;
}


/* Set-Cookie for name=value (value "" with max_age 0 clears it):
 * HttpOnly, SameSite, Path=/, Secure under TLS or --secure-cookies. */
int rt_set_cookie(struct ctx *c, const char *name, const char *value, long long max_age,
		      const char *samesite)
{
	char v[400];

	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=%s%s%s", name, value,
		 samesite, c->rq->tls || c->rq->secure_cookies ? "; Secure" : "",
		 max_age >= 0 ? (max_age ? "; Max-Age=3600" : "; Max-Age=0") : "");
	return web_resp_header(c->rs, "Set-Cookie", v);
}

/* 303 to a page of this site (root-relative path), after a form. */
int rt_see_other(struct ctx *c, const char *path)
{
	c->rs->status = 303;
	c->rs->ctype = RT_HTML;
	snprintf(c->rs->location, sizeof(c->rs->location), "%s%s%s", c->root, path,
		 c->page.en && !strstr(c->root, "en/") && strncmp(c->rq->path, "/en", 3) ?
		 (strchr(path, '?') ? "&lang=en" : "?lang=en") : "");
	buf_reset(&c->rs->body);
	buf_puts(&c->rs->body, "<!DOCTYPE html><title>303</title>");
	return buf_error(&c->rs->body);
}

/* struct auth_ctx's pause for an RF_OWN_LOCK route: the writer's lock is
 * let go while a password is hashed or checked, so that a sign-in or a
 * password change holds up no save. */
static void writer_pause(void *arg, int resume)
{
	struct ctx *c = arg;

	if (resume)
		(void)rt_writer_enter(c);   /* fails only when misused */
	else
		rt_writer_leave(c);
}

void rt_auth_ctx(struct ctx *c, struct auth_ctx *ac)
{
	const char *ua = rt_header(c->rq, "User-Agent");

	memset(ac, 0, sizeof(*ac));
	ac->user = c->rq->user ? c->rq->user->account : NULL;
	ac->actor = "anonymous";
	ac->address = c->rq->address ? c->rq->address : "";
	ac->user_agent = ua ? ua : "";
	ac->request_id = c->rq->request_id ? c->rq->request_id : "";
	ac->session = c->rq->user ? c->rq->user->session : 0;
	if (c->route && (c->route->flags & RF_OWN_LOCK) && c->wst) {
		ac->pause = writer_pause;
		ac->pause_arg = c;
	}
}

struct edit *web_edit_new(struct store *st, struct auth *au, const char *address,
			  const char *request_id, struct edit_auth *ea)
{
	struct edit_policy pol;
	struct edit *ed = edit_new(st);

	if (!ed)
		return NULL;
	memset(ea, 0, sizeof(*ea));
	ea->auth = au;
	ea->address = address ? address : "";
	ea->request_id = request_id ? request_id : "";
	edit_policy_auth(&pol, ea);
	edit_set_policy(ed, &pol);
	return ed;
}

struct edit *rt_edit_new(struct ctx *c, struct edit_auth *ea, struct store_actor *actor)
{
	if (actor) {
		actor->kind = STORE_ACTOR_USER;
		actor->name = c->rq->user ? c->rq->user->name : "";
	}
	return web_edit_new(c->wst, c->rq->writer->auth, c->rq->address, c->rq->request_id, ea);
}

const struct store_viewer *rt_viewer(struct ctx *c, struct auth_viewer *v)
{
	if (!c->rq->user)
		return NULL;
	auth_viewer(c->rq->user->account, v);
	return &v->viewer;
}

/* ---- pages ---- */

static int h_home(struct ctx *c)
{
	return rt_done(c, page_home(c->st, &c->page, &c->rs->body), 0, NULL);
}

static int h_vision(struct ctx *c)
{
	return rt_done(c, page_vision(c->st, &c->page, (int)c->n[0], &c->rs->body), 0,
		    c->page.en ? "No such vision." : "該当するビジョンはありません。");
}

static int h_goal(struct ctx *c)
{
	return rt_done(c, page_goal(c->st, &c->page, (int)c->n[0], &c->rs->body), 0,
		    c->page.en ? "No such goal." : "該当するゴールはありません。");
}

static int h_measure(struct ctx *c)
{
	return rt_done(c, page_measure(c->st, &c->page, (int)c->n[0], &c->rs->body), 0,
		    c->page.en ? "No such measure." : "該当する施策はありません。");
}

static int h_item(struct ctx *c)
{
	return rt_done(c, page_item(c->st, &c->page, (int)c->n[0], &c->rs->body), 0,
		    c->page.en ? "No such action item." : "該当する取組はありません。");
}

/* An item by identity: also one the plan retired (its follow-up stays) */
static int h_item_id(struct ctx *c)
{
	return rt_done(c, page_item_id(c->st, &c->page, c->n[0], &c->rs->body), 0,
		    c->page.en ? "No such action item." : "該当する取組はありません。");
}

static int h_changes(struct ctx *c)
{
	int from, to, rc;

	if (rt_arg_year(c, "from", &from) || rt_arg_year(c, "to", &to) || (!from) != (!to))
		return rt_html_error(c, 400, c->page.en ?
				  "from and to must both be fiscal years, such as 2024 and 2025." :
				  "from と to には年度（例：2024 と 2025）を両方指定してください。");
	rc = page_changes(c->st, &c->page, (int)c->n[0], from, to, &c->rs->body);
	if (rc == MD_EINPUT)
		return rt_html_error(c, 400, c->page.en ? "from must be earlier than to." :
				  "from は to より前の年度にしてください。");
	return rt_done(c, rc, 0, c->page.en ? "No such action item." : "該当する取組はありません。");
}

static int h_ministries(struct ctx *c)
{
	return rt_done(c, page_ministries(c->st, &c->page, &c->rs->body), 0, NULL);
}

static int h_ministry(struct ctx *c)
{
	return rt_done(c, page_ministry(c->st, &c->page, c->code, &c->rs->body), 0,
		    c->page.en ? "No such ministry." : "該当する府省はありません。");
}

static int h_followups(struct ctx *c)
{
	return rt_done(c, page_followups(c->st, &c->page, &c->rs->body), 0, NULL);
}

static int h_year(struct ctx *c)
{
	return rt_done(c, page_year(c->st, &c->page, (int)c->n[0], c->code,
					&c->rs->body), 0,
		    c->page.en ? "There is no follow-up for that fiscal year." :
		    "その年度のフォローアップはありません。");
}

static int h_help(struct ctx *c)
{
	return rt_done(c, page_help(c->st, &c->page, &c->rs->body), 0, NULL);
}

static int h_css(struct ctx *c)
{
	c->rs->ctype = "text/css; charset=utf-8";
	return rt_done(c, page_css(&c->rs->body), 0, NULL);
}

/* downloads/followup-2025.csv, followup-2025-meti.xlsx, followup-all.json */
static int h_download(struct ctx *c)
{
	struct report_opts o;
	const char *f = c->file, *dot = strrchr(f, '.'), *dash;
	char year[8], code[16];
	int rc;
	size_t n;

	memset(&o, 0, sizeof(o));
	o.en = c->page.en;   /* /en/downloads/ or ?lang=en: English headers */
	if (!strcmp(f, "indicators.csv") || !strcmp(f, "indicator-defs.csv")) {
		c->rs->ctype = "text/csv; charset=utf-8";
		rc = !strcmp(f, "indicators.csv") ? report_indicators_csv(c->st, NULL, &c->rs->body) :
			report_indicator_defs_csv(c->st, &c->rs->body);
		snprintf(c->rs->filename, sizeof(c->rs->filename), "%s", c->file);
		return rt_done(c, rc, 0, NULL);
	}
	if (!strcmp(f, "programmes.xlsx")) {
		c->rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		snprintf(c->rs->filename, sizeof(c->rs->filename), "%s", c->file);
		return rt_done(c, report_programmes_xlsx(c->st, &c->rs->body), 0, NULL);
	}
	if (!strcmp(f, "programmes.csv") || !strcmp(f, "budgets.csv") ||
	    !strcmp(f, "hubs.csv")) {
		char what[16];

		snprintf(what, sizeof(what), "%.*s", (int)(dot - f), f);
		c->rs->ctype = "text/csv; charset=utf-8";
		snprintf(c->rs->filename, sizeof(c->rs->filename), "%s", c->file);
		return rt_done(c, report_programme_csv(c->st, what, &c->rs->body), 0, NULL);
	}
	if (strstr(f, "-edition-"))
		return h_edition_file(c);   /* editions.c */
	if (strncmp(f, "followup-", 9) || !dot)
		return rt_html_error(c, 404, NULL);
	f += 9;
	dash = strchr(f, '-');
	n = (size_t)((dash && dash < dot ? dash : dot) - f);
	if (n >= sizeof(year))
		return rt_html_error(c, 404, NULL);
	memcpy(year, f, n);
	year[n] = 0;
	if (strcmp(year, "all") && num_parse_int(year, 1990, 2100, &o.year))
		return rt_html_error(c, 404, NULL);
	if (dash && dash < dot) {
		n = (size_t)(dot - dash - 1);
		if (n >= sizeof(code))
			return rt_html_error(c, 404, NULL);
		memcpy(code, dash + 1, n);
		code[n] = 0;
		if (!(o.ministry = text_ministry_code(code)) || strcmp(o.ministry, code))
			return rt_html_error(c, 404, NULL);
	}
	if (o.year) {
		int years[64], k, ny = report_years(c->st, years, 64), found = 0;

		for (k = 0; k < ny; k++)
			found |= years[k] == o.year;
		if (!found)
			return rt_done(c, ny < 0 ? ny : MD_ENOTFOUND, 0, c->page.en ?
				    "There is no follow-up for that fiscal year." :
				    "その年度のフォローアップはありません。");
	}
	if (!strcmp(dot, ".csv")) {
		c->rs->ctype = "text/csv; charset=utf-8";
		rc = report_export_csv(c->st, &o, &c->rs->body);
	} else if (!strcmp(dot, ".json")) {
		c->rs->ctype = RT_JSON;
		rc = report_export_json(c->st, &o, &c->rs->body);
	} else if (!strcmp(dot, ".xlsx")) {
		c->rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		rc = report_export_xlsx(c->st, &o, &c->rs->body);
	} else {
		return rt_html_error(c, 404, NULL);
	}
	snprintf(c->rs->filename, sizeof(c->rs->filename), "%s", c->file);
	return rt_done(c, rc, 0, NULL);
}

static int h_indicators(struct ctx *c)
{
	return rt_done(c, page_indicators(c->st, &c->page, &c->rs->body), 0, NULL);
}

static const char *no_indicator(struct ctx *c)
{
	return c->page.en ? "No such indicator." : "該当する指標はありません。";
}

static int h_indicator(struct ctx *c)
{
	/* signed-in pages are never cached, so the link reaches no one else */
	int editable = c->rq->user && auth_may_some(c->rq->user->account, AUTH_EDIT_INDICATOR);

	return rt_done(c, page_indicator(c->st, &c->page, c->ind, editable, &c->rs->body), 0,
		    no_indicator(c));
}

static int h_indicator_csv(struct ctx *c)
{
	c->rs->ctype = "text/csv; charset=utf-8";
	snprintf(c->rs->filename, sizeof(c->rs->filename), "%s.csv", c->ind);
	return rt_done(c, report_indicators_csv(c->st, c->ind, &c->rs->body), 0,
		    no_indicator(c));
}

static int h_indicator_svg(struct ctx *c)
{
	c->rs->ctype = "image/svg+xml; charset=utf-8";
	return rt_done(c, report_indicator_svg(c->st, c->ind, c->page.en, &c->rs->body), 0,
		    no_indicator(c));
}

/* The search arguments both the page and the API take: q, year,
 * ministry, kind. Returns 1, or the response already made for a bad one. */
static int search_args(struct ctx *c, struct report_search_q *q, int api)
{
	const char *m = rt_arg(c, "ministry");
	const char *k = rt_arg(c, "kind");
	const char *bad = NULL;

	memset(q, 0, sizeof(*q));
	q->text = rt_arg(c, "q");
	q->en = c->page.en;
	if (q->text && text_utf8_valid(q->text, strlen(q->text), NULL))
		bad = "q: not valid UTF-8";
	else if (q->text && strlen(q->text) > 1000)
		bad = "q: longer than 1000 bytes";
	else if (rt_arg_year(c, "year", &q->year))
		bad = "year: expected a fiscal year such as 2025, FY2025 or R7";
	else if (m && *m && !(q->ministry = text_ministry_code(m)))
		bad = "ministry: expected a ministry code (mhlw, meti, ...) or abbreviation (厚, 経, ...)";
	else if (k && *k && !(q->kind = store_kind_find(k)))
		bad = "kind: expected vision, goal, measure, item, followup or indicator";
	if (bad)
		return api ? rt_api_error(c, 400, bad) : rt_html_error(c, 400, bad);
	return 1;
}

static int h_search(struct ctx *c)
{
	struct report_search_q q;
	struct auth_viewer v;
	int rc = search_args(c, &q, 0), page;

	if (rc != 1)
		return rc;
	/* signed in: the drafts they may read too (never cached: seal()) */
	q.viewer = rt_viewer(c, &v);
	/* an empty select sends year= : that is "any" */
	if (rt_arg_int(c, "page", 1, 10000, &page))
		return rt_html_error(c, 400, "page: expected a page number");
	q.limit = 20;
	q.offset = page > 1 ? (page - 1) * q.limit : 0;
	return rt_done(c, page_search(c->st, &c->page, &q, &c->rs->body), 0, NULL);
}

/* ---- the API ---- */

static int api_query(struct ctx *c, struct report_api_q *q)
{
	const char *m = rt_arg(c, "ministry");

	memset(q, 0, sizeof(*q));
	if (rt_arg_year(c, "year", &q->year))
		return rt_api_error(c, 400, "year: expected a fiscal year such as 2025, FY2025 or R7");
	if (rt_arg_bool(c, "lead", &q->lead))
		return rt_api_error(c, 400, "lead: expected 1, 0, true or false");
	if (rt_arg_int(c, "goal", 1, 999, &q->goal))
		return rt_api_error(c, 400, "goal: expected a goal number");
	if (rt_arg_int(c, "measure", 1, 9999, &q->measure))
		return rt_api_error(c, 400, "measure: expected a measure number");
	if (m && !(q->ministry = text_ministry_code(m)))
		return rt_api_error(c, 400, "ministry: expected a ministry code (mhlw, meti, ...)"
				 " or abbreviation (厚, 経, ...)");
	if (q->lead && !q->ministry)
		return rt_api_error(c, 400, "lead: needs ministry");
	return 1;
}

static int a_plans(struct ctx *c)
{
	return rt_done(c, report_api_plans(c->st, &c->rs->body), 1, NULL);
}

static int a_visions(struct ctx *c)
{
	return rt_done(c, report_api_visions(c->st, c->nn ? (int)c->n[0] : 0, &c->rs->body),
		    1, "no such vision");
}

static int a_goals(struct ctx *c)
{
	return rt_done(c, report_api_goals(c->st, c->nn ? (int)c->n[0] : 0, &c->rs->body),
		    1, "no such goal");
}

static int a_measures(struct ctx *c)
{
	struct report_api_q q;
	int rc = api_query(c, &q);

	if (rc != 1)
		return rc;
	return rt_done(c, report_api_measures(c->st, c->nn ? (int)c->n[0] : 0, &q,
					   &c->rs->body), 1, "no such measure");
}

static int a_items(struct ctx *c)
{
	struct report_api_q q;
	int rc = api_query(c, &q);

	if (rc != 1)
		return rc;
	return rt_done(c, report_api_items(c->st, c->nn ? (int)c->n[0] : 0, &q,
					&c->rs->body), 1, "no such action item");
}

static int a_item_id(struct ctx *c)
{
	return rt_done(c, report_api_item_id(c->st, c->n[0], &c->rs->body), 1,
		    "no such action item");
}

static int a_ministries(struct ctx *c)
{
	return rt_done(c, report_api_ministries(c->st, c->code, &c->rs->body), 1,
		    "no such ministry");
}

static int a_followups(struct ctx *c)
{
	struct report_api_q q;
	int rc = api_query(c, &q);

	if (rc != 1)
		return rc;
	return rt_done(c, report_api_followups(c->st, &q, &c->rs->body), 1, NULL);
}

static int a_search(struct ctx *c)
{
	struct report_search_q q;
	struct auth_viewer v;
	int rc = search_args(c, &q, 1);

	if (rc != 1)
		return rc;
	q.viewer = rt_viewer(c, &v);
	if (!q.text || !*q.text)
		return rt_api_error(c, 400, "q: expected a search query");
	if (rt_arg_int(c, "limit", 1, 100, &q.limit))
		return rt_api_error(c, 400, "limit: expected 1 to 100");
	if (rt_arg_int(c, "offset", 0, 1000000, &q.offset))
		return rt_api_error(c, 400, "offset: expected a number from 0");
	if (!q.limit)
		q.limit = 20;
	return rt_done(c, report_search_json(c->st, &q, &c->rs->body), 1, "bad query");
}

static int a_indicators(struct ctx *c)
{
	return rt_done(c, report_api_indicators(c->st, c->ind[0] ? c->ind : NULL,
					     &c->rs->body), 1, "no such indicator");
}

static int api_paths(const char **paths, int max);

/* /api/v1/: the endpoints of the route table, each with what it answers */
static int a_index(struct ctx *c)
{
	const char *paths[64];
	int n = api_paths(paths, (int)MD_ARRAY_SIZE(paths));

	return rt_done(c, report_api_index(paths, n, &c->rs->body), 1, NULL);
}

static int a_openapi(struct ctx *c)
{
	return rt_done(c, report_api_openapi(&c->rs->body), 1, NULL);
}

static int a_reporting(struct ctx *c)
{
	struct report_api_q q;
	int rc = api_query(c, &q);

	if (rc != 1)
		return rc;
	return rt_done(c, report_api_reporting(c->st, &q, &c->rs->body), 1, NULL);
}

/* api_query()'s filters */
#define API_Q "year lead goal measure ministry"

/* ---- programmes ---- */

static int h_programmes(struct ctx *c)
{
	struct prog_q q = { 0 };
	const char *m = rt_arg(c, "ministry");

	if (rt_arg_int(c, "vision", 1, 99, &q.vision))
		return rt_html_error(c, 400, "vision: expected a vision number");
	if (rt_arg_int(c, "goal", 1, 999, &q.goal))
		return rt_html_error(c, 400, "goal: expected a goal number");
	if (rt_arg_year(c, "year", &q.year))
		return rt_html_error(c, 400, "year: expected a fiscal year such as 2025");
	if (m && *m && !(q.ministry = text_ministry_code(m)))
		return rt_html_error(c, 400, "ministry: expected a ministry code");
	return rt_done(c, page_programmes(c->st, &c->page, &q, &c->rs->body), 0, NULL);
}

static int h_programme(struct ctx *c)
{
	return rt_done(c, page_programme(c->st, &c->page, c->ind, &c->rs->body), 0,
		    "no such programme");
}

static int h_budgets(struct ctx *c)
{
	return rt_done(c, page_budgets(c->st, &c->page, NULL, &c->rs->body), 0, NULL);
}

static int h_budgets_goal(struct ctx *c)
{
	return rt_done(c, page_budgets(c->st, &c->page, "goal", &c->rs->body), 0, NULL);
}

static int h_budgets_vision(struct ctx *c)
{
	return rt_done(c, page_budgets(c->st, &c->page, "vision", &c->rs->body), 0, NULL);
}

static int h_hubs(struct ctx *c)
{
	return rt_done(c, page_hubs(c->st, &c->page, &c->rs->body), 0, NULL);
}

static int a_programmes(struct ctx *c)
{
	struct prog_q q = { 0 };
	const char *m = rt_arg(c, "ministry");

	if (rt_arg_int(c, "vision", 1, 99, &q.vision))
		return rt_api_error(c, 400, "vision: expected a vision number");
	if (rt_arg_int(c, "goal", 1, 999, &q.goal))
		return rt_api_error(c, 400, "goal: expected a goal number");
	if (rt_arg_year(c, "year", &q.year))
		return rt_api_error(c, 400, "year: expected a fiscal year such as 2025, FY2025 or R7");
	if (m && !(q.ministry = text_ministry_code(m)))
		return rt_api_error(c, 400, "ministry: expected a ministry code or abbreviation");
	q.code = c->ind[0] ? c->ind : NULL;
	return rt_done(c, report_programmes_json(c->st, &q, &c->rs->body), 1,
		    "no such programme");
}

static int a_budgets(struct ctx *c)
{
	const char *by = rt_arg(c, "by");
	int year = 0;

	if (rt_arg_year(c, "year", &year))
		return rt_api_error(c, 400, "year: expected a fiscal year such as 2025, FY2025 or R7");
	if (by && strcmp(by, "ministry") && strcmp(by, "goal") && strcmp(by, "vision"))
		return rt_api_error(c, 400, "by: expected ministry, goal or vision");
	return rt_done(c, report_budgets_json(c->st, by, year, &c->rs->body), 1, NULL);
}

static int a_hubs(struct ctx *c)
{
	return rt_done(c, report_hubs_json(c->st, &c->rs->body), 1, NULL);
}

#define BOARD_STAFF (WEB_ROLE_SECRETARIAT | WEB_ROLE_EDITOR | WEB_ROLE_REVIEWER)
static const struct route routes[] = {
	{ "GET", "/", h_home, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/visions/{n}/", h_vision, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/goals/{n}/", h_goal, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/measures/{n}/", h_measure, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/items/{n}/", h_item, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/items/{n}/changes/", h_changes, 0, "from to", RF_CACHE, 0 },
	{ "GET", "/items/id/{n}/", h_item_id, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/ministries/", h_ministries, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/ministries/{code}/", h_ministry, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/followups/", h_followups, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/followups/{n}/", h_year, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/followups/{n}/{code}/", h_year, 0, NULL, RF_CACHE, 0 },
	/* editions.c */
	{ "GET", "/followups/{n}/editions/", h_editions, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/followups/{n}/editions/{n}/", h_edition, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/search/", h_search, 0, "q year ministry kind page", RF_CACHE, 0 },
	{ "GET", "/help/", h_help, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/indicators/", h_indicators, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/indicators/{ind}/", h_indicator, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/indicators/{ind}/data.csv", h_indicator_csv, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/indicators/{ind}/chart.svg", h_indicator_svg, 0, NULL, RF_CACHE, 0 },
	/* indicator editing (indicator_edit.c): the secretariat */
	{ "GET", "/indicators/{ind}/edit/", h_ind_edit, 0, NULL, RF_SIGNED_IN,
	  WEB_ROLE_SECRETARIAT },
	{ "POST", "/indicators/{ind}/edit/", h_ind_edit_post, 0, NULL, RF_SIGNED_IN | RF_WRITE,
	  WEB_ROLE_SECRETARIAT },
	{ "POST", "/indicators/{ind}/values/", h_ind_values_post, 0, NULL,
	  RF_SIGNED_IN | RF_WRITE, WEB_ROLE_SECRETARIAT },
	{ "GET", "/programmes/", h_programmes, 0, "ministry vision goal year", RF_CACHE, 0 },
	{ "GET", "/programmes/{ind}/", h_programme, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/budgets/", h_budgets, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/budgets/goal/", h_budgets_goal, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/budgets/vision/", h_budgets_vision, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/hubs/", h_hubs, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/static/mdplan.css", h_css, 0, NULL, RF_CACHE, 0 },
	{ "GET", "/login/", h_login, 0, NULL, 0, 0 },
	{ "POST", "/login/", h_login_post, 0, NULL, RF_WRITE | RF_OWN_LOCK | RF_PRE_CSRF, 0 },
	{ "POST", "/logout/", h_logout, 0, NULL, RF_WRITE | RF_SIGNED_IN, 0 },
	/* the follow-up round's board (board.c); never cached (signed in) */
	{ "GET", "/rounds/", h_rounds, 0, NULL, RF_SIGNED_IN, BOARD_STAFF },
	{ "POST", "/rounds/", h_rounds_post, 0, NULL, RF_WRITE | RF_SIGNED_IN,
	  WEB_ROLE_SECRETARIAT },
	{ "GET", "/rounds/{n}/", h_board, 0, "ministry state goal overdue flagged page",
	  RF_SIGNED_IN, BOARD_STAFF },
	{ "POST", "/rounds/{n}/", h_board_post, 0, NULL, RF_WRITE | RF_SIGNED_IN,
	  WEB_ROLE_SECRETARIAT },
	/* my account, administration, audit (account.c, admin.c) */
	{ "GET", "/account/", h_account, 0, "done", RF_SIGNED_IN | RF_WRITE, 0 },
	{ "POST", "/account/", h_account_post, 0, NULL, RF_SIGNED_IN | RF_WRITE | RF_OWN_LOCK, 0 },
	{ "GET", "/admin/users/", h_admin_users, 0, NULL, RF_WRITE, WEB_ROLE_ADMIN },
	{ "GET", "/admin/users/new/", h_admin_user_new, 0, NULL, RF_WRITE, WEB_ROLE_ADMIN },
	{ "POST", "/admin/users/new/", h_admin_user_add, 0, NULL, RF_WRITE | RF_OWN_LOCK,
	  WEB_ROLE_ADMIN },
	{ "GET", "/admin/users/{user}/", h_admin_user, 0, "done", RF_WRITE, WEB_ROLE_ADMIN },
	{ "POST", "/admin/users/{user}/", h_admin_user_post, 0, NULL, RF_WRITE | RF_OWN_LOCK,
	  WEB_ROLE_ADMIN },
	{ "GET", "/admin/audit/", h_admin_audit, 0, "since until user action page", 0,
	  WEB_ROLE_ADMIN },
	{ "GET", "/admin/audit.csv", h_admin_audit_csv, 0, "since until user action", RF_WRITE,
	  WEB_ROLE_ADMIN },
	/* the follow-up round: one entry (entry.c) */
	{ "GET", "/rounds/{fy}/items/{n}/consolidated/", h_entry, 0, NULL, RF_SIGNED_IN, 0 },
	{ "POST", "/rounds/{fy}/items/{n}/consolidated/", h_entry_post, 0, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
	{ "POST", "/rounds/{fy}/items/{n}/consolidated/comments/", h_entry_comment, 0, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
	{ "GET", "/rounds/{fy}/items/{n}/consolidated/history/", h_entry_history, 0, NULL,
	  RF_SIGNED_IN, 0 },
	{ "GET", "/rounds/{fy}/items/{n}/{code}/", h_entry, 0, NULL, RF_SIGNED_IN, 0 },
	{ "POST", "/rounds/{fy}/items/{n}/{code}/", h_entry_post, 0, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
	{ "POST", "/rounds/{fy}/items/{n}/{code}/comments/", h_entry_comment, 0, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
	{ "GET", "/rounds/{fy}/items/{n}/{code}/history/", h_entry_history, 0, NULL,
	  RF_SIGNED_IN, 0 },
	{ "GET", "/downloads/{file}", h_download, 0, NULL, RF_CACHE, 0 },
	/* offline.c: a ministry's round workbook and its upload */
	{ "GET", "/rounds/{n}/offline/{code}.xlsx", h_offline_xlsx, 0, NULL,
	  RF_SIGNED_IN | RF_WRITE, WEB_ROLE_EDITOR | WEB_ROLE_SECRETARIAT },
	{ "GET", "/rounds/{n}/offline/{code}/", h_offline, 0, NULL,
	  RF_SIGNED_IN, WEB_ROLE_EDITOR | WEB_ROLE_SECRETARIAT },
	{ "POST", "/rounds/{n}/offline/{code}/", h_offline_post, 0, NULL,
	  RF_SIGNED_IN | RF_WRITE | RF_OWN_LOCK, WEB_ROLE_EDITOR | WEB_ROLE_SECRETARIAT },
	{ "GET", "/api/v1/", a_index, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/openapi.json", a_openapi, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/plans", a_plans, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/visions", a_visions, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/visions/{n}", a_visions, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/goals", a_goals, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/goals/{n}", a_goals, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/measures", a_measures, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/measures/{n}", a_measures, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/action-items", a_items, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/action-items/{n}", a_items, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/action-items/id/{n}", a_item_id, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/ministries", a_ministries, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/ministries/{code}", a_ministries, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/followups", a_followups, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/followups/{n}/editions", a_editions, 1, NULL, RF_CACHE, 0 }, /* editions.c */
	{ "GET", "/api/v1/reporting", a_reporting, 1, API_Q, RF_CACHE, 0 },
	{ "GET", "/api/v1/search", a_search, 1, "q year ministry kind limit offset", RF_CACHE, 0 },
	{ "GET", "/api/v1/indicators", a_indicators, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/indicators/{ind}", a_indicators, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/programmes", a_programmes, 1, "ministry vision goal year", RF_CACHE, 0 },
	{ "GET", "/api/v1/programmes/{ind}", a_programmes, 1, NULL, RF_CACHE, 0 },
	{ "GET", "/api/v1/budgets", a_budgets, 1, "year by", RF_CACHE, 0 },
	{ "GET", "/api/v1/hubs", a_hubs, 1, NULL, RF_CACHE, 0 },
	/* the follow-up round: entries (entry.c) */
	{ "GET", "/api/v1/rounds/{fy}/entries", a_round_entries, 1, NULL, RF_SIGNED_IN, 0 },
	{ "GET", "/api/v1/rounds/{fy}/items/{n}/consolidated", a_entry, 1, NULL, RF_SIGNED_IN, 0 },
	{ "POST", "/api/v1/rounds/{fy}/items/{n}/consolidated", a_entry_post, 1, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
	{ "GET", "/api/v1/rounds/{fy}/items/{n}/{code}", a_entry, 1, NULL, RF_SIGNED_IN, 0 },
	{ "POST", "/api/v1/rounds/{fy}/items/{n}/{code}", a_entry_post, 1, NULL,
	  RF_WRITE | RF_SIGNED_IN, 0 },
};

static int api_paths(const char **paths, int max)
{
	int k, n = 0;

	for (k = 0; k < (int)MD_ARRAY_SIZE(routes) && n < max; k++) {
		/* a POST is listed with its path's GET (report_api_index) */
		if (routes[k].api && !strcmp(routes[k].method, "GET"))
			paths[n++] = routes[k].pattern;
	}
	return n;
}

/* ---- matching ---- */

int web_routes_format(struct buf *out)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(routes); k++) {
		const struct route *r = &routes[k];

		buf_printf(out, "%s\t%s\t%s%s%s%s%s%s\t", r->method, r->pattern,
			   r->api ? "api " : "", r->flags & RF_CACHE ? "cache " : "",
			   r->flags & RF_SIGNED_IN ? "signed-in " : "",
			   r->flags & RF_WRITE ? "write " : "",
			   r->flags & RF_OWN_LOCK ? "own-lock " : "",
			   r->flags & RF_PRE_CSRF ? "pre-csrf " : "");
		if (r->roles)
			auth_roles_format(r->roles, out);
		else
			buf_puts(out, "-");
		buf_putc(out, '\n');
	}
	return buf_error(out);
}

static int seg_len(const char *s)
{
	const char *e = strchr(s, '/');

	return (int)(e ? e - s : (long)strlen(s));
}

/* 1 if path matches pattern; fills c's parameters. */
static int match(const char *pat, const char *path, struct ctx *c)
{
	c->nn = 0;
	c->code = NULL;
	c->file = NULL;
	c->ind[0] = 0;
	c->user[0] = 0;
	while (*pat && *path) {
		int pl = seg_len(pat), sl = seg_len(path);

		if (*pat == '/' || *path == '/') {
			if (*pat != *path)
				return 0;
			pat++;
			path++;
			continue;
		}
		if (!strncmp(pat, "{n}", 3) && pl == 3) {
			char tmp[12];
			int v;

			if (sl <= 0 || sl >= (int)sizeof(tmp) || c->nn >= MAX_PARAMS)
				return 0;
			memcpy(tmp, path, (size_t)sl);
			tmp[sl] = 0;
			if (tmp[0] == '0' || num_parse_int(tmp, 1, 1000000, &v))
				return 0;
			c->n[c->nn++] = v;
		} else if (!strncmp(pat, "{fy}", 4) && pl == 4) {
			char tmp[8];
			int v;

			/* four digits, 2000-2200 */
			if (sl != 4)
				return 0;
			memcpy(tmp, path, 4);
			tmp[4] = 0;
			if (num_parse_int(tmp, 2000, 2200, &v))
				return 0;
			c->fy = v;
		} else if (!strncmp(pat, "{code}", 6)) {
			/* "{code}" or "{code}.xlsx": a literal suffix in the segment */
			char tmp[64];
			const char *code;
			int suf = pl - 6;

			if (sl - suf <= 0 || sl - suf >= (int)sizeof(tmp) ||
			    strncmp(path + sl - suf, pat + 6, (size_t)suf))
				return 0;
			memcpy(tmp, path, (size_t)(sl - suf));
			tmp[sl - suf] = 0;
			code = text_ministry_code(tmp);
			if (!code)
				return 0;
			c->code = code;
		} else if (!strncmp(pat, "{ind}", 5) && pl == 5) {
			int i;

			if (sl <= 0 || sl >= (int)sizeof(c->ind) || path[0] == '.')
				return 0;
			for (i = 0; i < sl; i++) {
				char ch = path[i];

				if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
				      ch == '.'))
					return 0;
			}
			memcpy(c->ind, path, (size_t)sl);
			c->ind[sl] = 0;
		} else if (!strncmp(pat, "{user}", 6) && pl == 6) {
			/* an account name as src/auth allows one: 3-64 of a-z 0-9
			 * . _ -, starting with a letter or digit */
			int i;

			if (sl < 3 || sl >= (int)sizeof(c->user) ||
			    !((path[0] >= 'a' && path[0] <= 'z') || (path[0] >= '0' && path[0] <= '9')))
				return 0;
			for (i = 0; i < sl; i++) {
				char ch = path[i];

				if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
				      ch == '-' || ch == '_' || ch == '.'))
					return 0;
			}
			memcpy(c->user, path, (size_t)sl);
			c->user[sl] = 0;
		} else if (!strncmp(pat, "{file}", 6) && pl == 6) {
			int i;

			if (sl <= 0 || path[sl] || path[0] == '.')
				return 0;
			for (i = 0; i < sl; i++) {
				char ch = path[i];

				if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
				      ch == '-' || ch == '.'))
					return 0;
			}
			c->file = path;
		} else if (pl != sl || strncmp(pat, path, (size_t)pl)) {
			return 0;
		}
		pat += pl;
		path += sl;
	}
	return !*pat && !*path;
}

static const char *repeat_up(char *out, size_t cap, int depth, const char *tail)
{
	size_t len = 0;
	int i;

	out[0] = 0;
	for (i = 0; i < depth && len + 3 < cap; i++) {
		memcpy(out + len, "../", 4);
		len += 3;
	}
	snprintf(out + len, cap - len, "%s", tail);
	return out;
}

void web_resp_init(struct web_resp *rs)
{
	memset(rs, 0, sizeof(*rs));
	buf_init(&rs->body, (size_t)64 << 20);
}

void web_resp_release(struct web_resp *rs)
{
	buf_release(&rs->body);
}

/* What a request's path names: the path without /en, its language (1:
 * under /en/, 2: by ?lang=en) and whether it is the API. Returns
 * MD_EINPUT for a path the site cannot have (empty, or not starting with
 * '/'), MD_ENOTFOUND for one that climbs or doubles its slashes. */
struct target {
	const char *path;
	int en, api;
};

static int target_of(const struct web_req *rq, struct target *t)
{
	const char *path = rq->path, *lang = req_arg(rq, "lang");

	memset(t, 0, sizeof(*t));
	t->path = "/";
	t->en = lang && !strcmp(lang, "en") ? 2 : 0;
	if (!path || path[0] != '/')
		return MD_EINPUT;
	t->api = !strncmp(path, "/api/", 5);
	if (!strncmp(path, "/en/", 4) || !strcmp(path, "/en")) {
		/* ?lang=en under /en/ changes nothing (the English search
		 * page's own links carry it): counted twice, every relative
		 * link of the page would point under /en/en/ */
		t->en = 1;
		path = path[3] ? path + 3 : "/";
	}
	t->path = path;
	if (strstr(path, "/../") || strstr(path, "/./") || strstr(path, "//") ||
	    strchr(path, '\\'))
		return MD_ENOTFOUND;
	return 0;
}

int rt_is_get(const struct web_req *rq)
{
	return rq->method && (!strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD"));
}

/* 1 when route r answers the request's method (GET also answers HEAD). */
static int method_ok(const struct route *r, const struct web_req *rq)
{
	if (!rq->method)
		return 0;
	if (!strcmp(r->method, "GET"))
		return rt_is_get(rq);
	return !strcmp(r->method, rq->method);
}

/* The route that answers path for rq's method (pages only when pages),
 * filling c's path parameters; NULL if none. *path_hit tells whether some
 * route has the path at all; allow gets the methods those routes take
 * ("GET, HEAD, POST"), for a 405. */
static const struct route *find(const char *path, int pages, struct ctx *c,
				const struct web_req *rq, int *path_hit,
				char *allow, size_t allow_cap)
{
	const struct route *hit = NULL;
	size_t len = 0;
	int k;

	*path_hit = 0;
	if (allow_cap)
		allow[0] = 0;
	for (k = 0; k < (int)MD_ARRAY_SIZE(routes); k++) {
		if (pages && routes[k].api)
			continue;
		if (!match(routes[k].pattern, path, c))
			continue;
		*path_hit = 1;
		if (len < allow_cap)
			len += (size_t)snprintf(allow + len, allow_cap - len, "%s%s",
						len ? ", " : "", !strcmp(routes[k].method, "GET") ?
						"GET, HEAD" : routes[k].method);
		if (!hit && method_ok(&routes[k], rq))
			hit = &routes[k];
	}
	/* the last match left c's parameters; match the hit again */
	if (hit)
		match(hit->pattern, path, c);
	return hit;
}

/* The routes whose body is larger than a form's: a file upload. */
static const struct {
	handler_fn fn;
	size_t cap;
	const char *binary;
} big_bodies[] = {
	{ h_offline_post, IMPORT_ROUND_MAX_FILE + WEB_FORM_BYTES, "file" },
};

size_t web_body_cap(const char *method, const char *path, const char **binary)
{
	struct ctx c;
	size_t k, i;

	*binary = NULL;
	if (!method || !path || strcmp(method, "POST"))
		return WEB_FORM_BYTES;
	if (!strncmp(path, "/en/", 4))
		path += 3;
	memset(&c, 0, sizeof(c));
	for (k = 0; k < MD_ARRAY_SIZE(routes); k++) {
		if (strcmp(routes[k].method, "POST") || !match(routes[k].pattern, path, &c))
			continue;
		for (i = 0; i < MD_ARRAY_SIZE(big_bodies); i++) {
			if (big_bodies[i].fn == routes[k].fn) {
				*binary = big_bodies[i].binary;
				return big_bodies[i].cap;
			}
		}
	}
	return WEB_FORM_BYTES;
}

enum web_run web_route_run(const char *method, const char *path)
{
	struct ctx c;
	size_t k;

	if (!method || !path)
		return WEB_RUN_HERE;
	if (!strcmp(method, "HEAD"))
		method = "GET";
	if (!strncmp(path, "/en/", 4))
		path += 3;
	memset(&c, 0, sizeof(c));
	for (k = 0; k < MD_ARRAY_SIZE(routes); k++) {
		if (!(routes[k].flags & RF_WRITE) || strcmp(routes[k].method, method) ||
		    !match(routes[k].pattern, path, &c))
			continue;
		return routes[k].flags & RF_OWN_LOCK ? WEB_RUN_SIDE : WEB_RUN_WRITER;
	}
	return WEB_RUN_HERE;
}

/* Percent-encodes all but the unreserved characters (and '/' in a path). */
static void put_encoded(struct buf *b, const char *s, int path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_' ||
		    ch == '~' || (path && ch == '/'))
			buf_putc(b, (char)ch);
		else
			buf_printf(b, "%%%c%c", hex[ch >> 4], hex[ch & 15]);
	}
}

int web_cache_key(const struct web_req *rq, struct buf *key)
{
	struct target t;
	struct ctx c;
	const struct route *r;
	const char *name, *lists[2], *p;
	int hit, i;
	char sep = '?', word[16];

	buf_reset(key);
	if (!rt_is_get(rq) || rq->user || target_of(rq, &t))
		return 0;
	memset(&c, 0, sizeof(c));
	if (!(r = find(t.path, t.en, &c, rq, &hit, NULL, 0)) || !(r->flags & RF_CACHE))
		return 0;
	/* a parameter the route does not read: not kept (a flood of made-up
	 * parameters must not fill the cache) */
	for (i = 0; rq->arg_name && (name = rq->arg_name(rq->arg_ctx, i)); i++) {
		if (!listed(GLOBAL_PARAMS, name) && !listed(r->params, name))
			return 0;
	}
	put_encoded(key, rq->path, 1);
	lists[0] = GLOBAL_PARAMS;
	lists[1] = r->params;
	for (i = 0; i < 2; i++) {
		for (p = lists[i]; next_word(&p, word, sizeof(word));) {
			/* the value the handler will see: the first, up to a NUL */
			const char *v = req_arg(rq, word);

			if (!v)
				continue;
			buf_printf(key, "%c%s=", sep, word);
			put_encoded(key, v, 0);
			sep = '&';
		}
	}
	return !buf_error(key);
}

/* ---- the checks every route gets ---- */

/* 0 when a state-changing request comes from another site: a browser
 * says so in Sec-Fetch-Site (anything but same-origin, or none for a
 * request the user typed) and names the page's origin in Origin, which
 * must then be this host (http or https, the Host header's host and
 * port) unless Sec-Fetch-Site says same-origin. A request with neither (not from a browser, or an old one) passes
 * here; its CSRF token is still checked. */
static int same_site(const struct web_req *rq)
{
	const char *sfs = rt_header(rq, "Sec-Fetch-Site"), *origin = rt_header(rq, "Origin");
	const char *host = rt_header(rq, "Host"), *h;

	if (sfs && strcmp(sfs, "same-origin") && strcmp(sfs, "none"))
		return 0;
	/* the browser vouches for it (a page's own form): its Origin is
	 * "null" under our Referrer-Policy: no-referrer, as Chromium sends it */
	if (sfs && !strcmp(sfs, "same-origin"))
		return 1;
	if (!origin)
		return 1;
	/* under our Referrer-Policy: no-referrer a browser sends Origin: null
	 * even for a form of this site (Fetch: a navigation's origin is
	 * serialized as null then); its Sec-Fetch-Site says where it came from */
	if (!strcmp(origin, "null"))
		return sfs && !strcmp(sfs, "same-origin");
	if (!strncmp(origin, "https://", 8))
		h = origin + 8;
	else if (!strncmp(origin, "http://", 7))
		h = origin + 7;
	else
		return 0;   /* "null" (a sandboxed or file page) and the rest */
	return host && *host && !strcmp(h, host);
}

static int refuse(struct ctx *c, int status, const char *en, const char *ja)
{
	return c->route->api ? rt_api_error(c, status, en) :
		rt_html_error(c, status, c->page.en ? en : ja);
}

/* The route's flags against the request, before its handler runs: 1 to
 * go on, else the response is made. */
static int guard(struct ctx *c, const struct route *r)
{
	const struct web_req *rq = c->rq;
	const struct web_user *u = rq->user;
	const char *token, *want;
	char pre[64];

	c->rs->api = r->api && !u;
	if (rq->form && rq->form->bad)
		return refuse(c, 400, "The form could not be read (too large or malformed).",
			      "フォームを読めませんでした（大きすぎるか、形式が正しくありません）。");
	if ((r->flags & RF_SIGNED_IN || r->roles) && !u) {
		if (r->api)
			return refuse(c, 401, "sign-in required", "ログインが必要です。");
		if (!rt_is_get(rq))
			return refuse(c, 403, "Sign in first.", "先にログインしてください。");
		c->rs->status = 303;
		c->rs->ctype = RT_HTML;
		snprintf(c->rs->location, sizeof(c->rs->location), "%slogin/", c->root);
		buf_reset(&c->rs->body);
		buf_puts(&c->rs->body, "<!DOCTYPE html><title>303</title>");
		return buf_error(&c->rs->body);
	}
	if (r->roles && !(u->roles & r->roles))
		return refuse(c, 403, "You may not do this.", "この操作の権限がありません。");
	if ((r->flags & RF_WRITE) && !rq->writer)
		return refuse(c, 503, "This server is read-only.", "このサーバーは読み取り専用です。");
	if (rt_is_get(rq))
		return 1;
	token = rq->form ? web_form_get(rq->form, "csrf") : NULL;
	if (!token)
		token = rt_header(rq, "X-CSRF-Token");
	if (r->flags & RF_PRE_CSRF)
		want = web_cookie_get(rt_header(rq, "Cookie"), WEB_PRE_COOKIE, pre,
				      sizeof(pre)) == 1 ? pre : NULL;
	else
		want = u ? u->csrf : NULL;
	if (!token || !want || !crypto_str_equal(token, want))
		return refuse(c, 403, "The form has expired or did not come from this site; "
			      "reload the page and try again.",
			      "フォームの有効期限が切れたか、このサイトからの送信ではありません。"
			      "ページを読み込み直してください。");
	return 1;
}

int rt_writer_enter(struct ctx *c)
{
	const struct route *r = c->route;

	if (!r || (r->flags & (RF_WRITE | RF_OWN_LOCK)) != (RF_WRITE | RF_OWN_LOCK) ||
	    !c->rq->writer || c->wst)
		return MD_EUSAGE;
	pthread_mutex_lock(&c->rq->writer->mu);
	c->wst = c->rq->writer->st;
	return 0;
}

void rt_writer_leave(struct ctx *c)
{
	if (!c->wst || !c->route || !(c->route->flags & RF_OWN_LOCK))
		return;
	c->wst = NULL;
	pthread_mutex_unlock(&c->rq->writer->mu);
}

/* After the handler: what may be kept and shared. */
static void seal(struct ctx *c, const struct route *r)
{
	struct web_resp *rs = c->rs;

	if (c->rq->user) {
		rs->private_ = 1;
		rs->api = 0;
	}
	if (c->rq->user || rs->nhdr || !(r->flags & RF_CACHE) || !rt_is_get(c->rq))
		rs->cacheable = 0;
}

int web_resp_header(struct web_resp *rs, const char *name, const char *value)
{
	const char *p;
	struct web_header *h;

	if (!*name || strlen(name) >= sizeof(rs->hdr[0].name) ||
	    strlen(value) >= sizeof(rs->hdr[0].value))
		return MD_EINPUT;
	for (p = name; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-'))
			return MD_EINPUT;
	}
	for (p = value; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return MD_EINPUT;
	}
	if (rs->nhdr >= WEB_RESP_HEADERS)
		return MD_ENOMEM;
	h = &rs->hdr[rs->nhdr++];
	snprintf(h->name, sizeof(h->name), "%s", name);
	snprintf(h->value, sizeof(h->value), "%s", value);
	rs->cacheable = 0;
	return 0;
}

static int answer(struct store *st, const struct web_req *rq, struct web_resp *rs)
{
	struct ctx c;
	struct target t;
	const struct route *r;
	const char *path, *p;
	int depth = 0, path_hit, rc;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.rq = rq;
	c.rs = rs;
	rc = target_of(rq, &t);
	path = t.path;
	for (p = path + 1; *p; p++)
		depth += *p == '/';
	/* Relative roots: from this page up to the top of the site, and to
	 * the root of its language (/en/ for English). */
	repeat_up(c.top, sizeof(c.top), depth + (t.en == 1), "");
	repeat_up(c.root, sizeof(c.root), depth, t.en == 2 ? "en/" : "");
	snprintf(c.path, sizeof(c.path), "%s", path + 1);
	c.page.en = t.en != 0;
	c.page.root = c.root;
	c.page.top = c.top;
	c.page.path = c.path;
	c.page.published = rq->published;
	if (rq->user && !rq->published) {
		c.page.user = rq->user->name;
		c.page.user_display = rq->user->display ? rq->user->display : "";
		c.page.roles = rq->user->roles;
		c.page.csrf = rq->user->csrf;
	}

	if (rc == MD_EINPUT)
		return rt_html_error(&c, 400, c.page.en ? "The request names no page." :
				  "要求にページのアドレスがありません。");
	if (rc)
		return t.api ? rt_api_error(&c, 404, "not found") : rt_html_error(&c, 404, NULL);
	if (!rt_is_get(rq) && !same_site(rq)) {
		if (t.api)
			rs->api = 0;
		return t.api ? rt_api_error(&c, 403, "cross-site request refused") :
			rt_html_error(&c, 403, c.page.en ? "A request from another site was refused." :
				   "別のサイトからの要求は受け付けません。");
	}
	/* ?lang=en is for pages; the API answers it the same (an /en/api/ path has none) */
	r = find(path, t.en == 1, &c, rq, &path_hit, rs->allow, sizeof(rs->allow));
	if (r) {
		c.route = r;
		rc = guard(&c, r);
		if (rc != 1)
			return rc;
		if ((r->flags & RF_WRITE) && !(r->flags & RF_OWN_LOCK)) {
			pthread_mutex_lock(&rq->writer->mu);
			c.wst = rq->writer->st;
			rc = r->fn(&c);
			c.wst = NULL;
			pthread_mutex_unlock(&rq->writer->mu);
		} else {
			rc = r->fn(&c);
			rt_writer_leave(&c);   /* an RF_OWN_LOCK handler that kept it */
		}
		seal(&c, r);
		return rc;
	}
	if (path_hit)
		return t.api ? rt_api_error(&c, 405, "method not allowed") :
			rt_html_error(&c, 405, NULL);
	rs->allow[0] = 0;
	/* a page without its trailing slash */
	if (!t.api && path[strlen(path) - 1] != '/' && strlen(path) + 2 < 256) {
		char with[256];

		snprintf(with, sizeof(with), "%s/", path);
		if (rt_is_get(rq) && find(with, 1, &c, rq, &path_hit, NULL, 0)) {
			rs->status = 301;
			rs->ctype = RT_HTML;
			snprintf(rs->location, sizeof(rs->location), "%s%s%s",
				 t.en == 1 ? "/en" : "", with, t.en == 2 ? "?lang=en" : "");
			buf_puts(&rs->body, "<!DOCTYPE html><title>301</title>");
			return buf_error(&rs->body);
		}
	}
	if (t.api)
		rs->api = 1;
	return t.api ? rt_api_error(&c, 404, "not found") :
		rt_html_error(&c, 404, c.page.en ? "There is no page at this address." :
			   "このアドレスのページはありません。");
}

/* Every answer to a signed-in user is private (Cache-Control: private,
 * no-store; Vary: Cookie) and without the anonymous API's CORS header,
 * also the refusals and error pages made before a handler runs (they carry
 * the signed-in header with the session's CSRF token). */
int web_handle(struct store *st, const struct web_req *rq, struct web_resp *rs)
{
	int rc = answer(st, rq, rs);

	if (rq->user) {
		rs->private_ = 1;
		rs->api = 0;
		rs->cacheable = 0;
	}
	return rc;
}
