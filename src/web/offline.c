/*
 * The offline path over HTTP (internal.h): a ministry's workbook of a
 * round (GET /rounds/{fy}/offline/{code}.xlsx), its page with the upload
 * form (GET /rounds/{fy}/offline/{code}/), and the upload (POST there):
 * multipart field "file" gives a preview; op=apply with the preview's
 * file_sha256 and digest saves it. Everything is decided by src/edit
 * (edit_round_download(), edit_round_upload()): the policy authorizes the
 * ministry and each entry, the audit trail records the download, the
 * upload and each save.
 *
 * Between the preview and the apply the uploaded bytes stay here, in
 * memory, bound to the session that uploaded them, the year, the ministry
 * and the file's SHA-256: the confirm form carries no file, only the
 * digests, so nobody can confirm another session's upload or swap the
 * file, and a browser need not send it twice. A kept upload expires after
 * PENDING_TTL seconds. The store is shared fairly: a session keeps one (a
 * new upload replaces it); a user keeps PENDING_PER_USER across all their
 * sessions (their own oldest goes first); there are PENDING_SLOTS in all,
 * enough for every editor of a round (6 ministries x 10) to upload at
 * once, and at most PENDING_BYTES are kept: when there is no free slot,
 * or a new file would pass the bytes, the oldest upload of whoever keeps
 * the most (slots, or bytes) goes, so a user with many sessions or big
 * files pushes out their own before anyone else's.
 *
 * The upload reads the file outside the writer's lock (the route is
 * RF_OWN_LOCK: a large hostile workbook takes its seconds beside the other
 * writers, not in front of them) and takes the lock for the transaction
 * and what follows. The apply re-reads the kept file, copied out of its
 * slot, and matches it against the entries as they are then, inside its
 * transaction, refusing (409, the new preview shown) when that proposal
 * is not the one the user saw (its digest). The slots have a mutex of
 * their own; no slot's bytes are used after it is unlocked.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../crypto/crypto.h"
#include "../edit/edit.h"
#include "../text/text.h"
#include "internal.h"

#define PENDING_SLOTS 64
#define PENDING_PER_USER 2
#define PENDING_BYTES ((size_t)64 << 20)
#define PENDING_TTL (30 * 60)

struct pending {
	long long session;      /* 0: free */
	unsigned long long id;  /* this upload's, never reused: the lower,
	                           the older */
	char user[72];
	int year;
	char code[16];
	char sha256[65];
	void *data;
	size_t len;
	time_t at;
};
static pthread_mutex_t pending_mu = PTHREAD_MUTEX_INITIALIZER;
/* under pending_mu: */
static struct pending pending[PENDING_SLOTS];
static size_t pending_bytes;
static unsigned long long pending_ids;

static void pending_drop(struct pending *p)
{
	pending_bytes -= p->session ? p->len : 0;
	free(p->data);
	memset(p, 0, sizeof(*p));
}

static void pending_expire(void)
{
	time_t now = time(NULL);
	int i;

	for (i = 0; i < PENDING_SLOTS; i++)
		if (pending[i].session && now - pending[i].at > PENDING_TTL)
			pending_drop(&pending[i]);
}

/* What user keeps: slots and bytes, and the oldest slot. */
static struct pending *pending_of(const char *user, int *n, size_t *bytes)
{
	struct pending *old = NULL;
	int i;

	*n = 0;
	*bytes = 0;
	for (i = 0; i < PENDING_SLOTS; i++) {
		struct pending *p = &pending[i];

		if (!p->session || strcmp(p->user, user))
			continue;
		++*n;
		*bytes += p->len;
		if (!old || p->id < old->id)
			old = p;
	}
	return old;
}

/* The slot to give up: the oldest of the user keeping the most slots
 * (by_bytes 0) or bytes (1), the newcomer's len counted as theirs; ties
 * go to the oldest upload. NULL: nothing kept. */
static struct pending *pending_victim(int by_bytes, const char *user, size_t len)
{
	struct pending *best = NULL;
	size_t best_w = 0;
	int i;

	for (i = 0; i < PENDING_SLOTS; i++) {
		struct pending *old;
		size_t b, w;
		int n;

		if (!pending[i].session)
			continue;
		old = pending_of(pending[i].user, &n, &b);
		if (old != &pending[i])
			continue;             /* each user once, at their oldest */
		w = by_bytes ? b + (strcmp(old->user, user) ? 0 : len) : (size_t)n;
		if (!best || w > best_w || (w == best_w && old->id < best->id)) {
			best = old;
			best_w = w;
		}
	}
	return best;
}

/* Copies the upload of u's session for year, code and sha into *data
 * (malloc'ed, the caller frees) with its id; MD_ENOTFOUND: none. */
static int pending_take(const struct web_user *u, int year, const char *code, const char *sha,
			void **data, size_t *len, unsigned long long *id)
{
	int i, rc = MD_ENOTFOUND;

	pthread_mutex_lock(&pending_mu);
	pending_expire();
	for (i = 0; i < PENDING_SLOTS; i++) {
		struct pending *p = &pending[i];

		if (!p->session || p->session != u->session || strcmp(p->user, u->name) ||
		    p->year != year || strcmp(p->code, code) || !crypto_str_equal(p->sha256, sha))
			continue;
		rc = MD_ENOMEM;
		if ((*data = malloc(p->len ? p->len : 1))) {
			memcpy(*data, p->data, p->len);
			*len = p->len;
			*id = p->id;
			rc = 0;
		}
		break;
	}
	pthread_mutex_unlock(&pending_mu);
	return rc;
}

/* Forgets the upload id (applied), if it is still kept. */
static void pending_forget(unsigned long long id)
{
	int i;

	pthread_mutex_lock(&pending_mu);
	for (i = 0; i < PENDING_SLOTS; i++)
		if (pending[i].session && pending[i].id == id)
			pending_drop(&pending[i]);
	pthread_mutex_unlock(&pending_mu);
}

static int pending_keep(const struct web_user *u, int year, const char *code,
			const char *sha, const void *data, size_t len)
{
	struct pending *p = NULL, *old;
	void *copy = malloc(len ? len : 1);
	size_t b;
	int i, n;

	if (!copy)
		return MD_ENOMEM;
	memcpy(copy, data, len);     /* before the lock: up to 8 MiB */
	pthread_mutex_lock(&pending_mu);
	pending_expire();
	for (i = 0; i < PENDING_SLOTS; i++) {
		struct pending *q = &pending[i];

		if (q->session == u->session && !strcmp(q->user, u->name))
			pending_drop(q);          /* one a session */
	}
	/* the user's own oldest, down to room for this one */
	while ((old = pending_of(u->name, &n, &b)) && n >= PENDING_PER_USER)
		pending_drop(old);
	while (pending_bytes + len > PENDING_BYTES && (old = pending_victim(1, u->name, len)))
		pending_drop(old);
	for (i = 0; i < PENDING_SLOTS && !p; i++)
		if (!pending[i].session)
			p = &pending[i];
	if (!p) {
		p = pending_victim(0, u->name, len);
		pending_drop(p);
	}
	p->data = copy;
	p->len = len;
	p->session = u->session;
	p->id = ++pending_ids;
	snprintf(p->user, sizeof(p->user), "%s", u->name);
	p->year = year;
	snprintf(p->code, sizeof(p->code), "%s", code);
	snprintf(p->sha256, sizeof(p->sha256), "%s", sha);
	p->at = time(NULL);
	pending_bytes += len;
	pthread_mutex_unlock(&pending_mu);
	return 0;
}

/* An edit's refusal in the page's language; for a file the workbook's
 * own words follow, naming the row or cell (from a, NULL when out of
 * memory). */
static const char *refusal(struct ctx *c, struct edit *ed, struct arena *a)
{
	const char *f = edit_errfield(ed);

	if (f && !strcmp(f, "file"))
		return arena_printf(a, "%s %s%s", web_edit_error(ed, c->page.en),
				    msg_get(MSG_EW_DETAIL, c->page.en), edit_errmsg(ed));
	return web_edit_error(ed, c->page.en);
}

/* What an edit's failure is over HTTP. */
static int edit_error(struct ctx *c, struct edit *ed, int rc)
{
	const char *msg = web_edit_error(ed, c->page.en);

	switch (rc) {
	case MD_EFORBIDDEN:
		return rt_html_error(c, 403, c->page.en ? "You may not edit this ministry's entries." :
				     "この府省の入力の権限がありません。");
	case MD_ENOTFOUND:
		return rt_html_error(c, 404, c->page.en ? "There is no round for this fiscal year." :
				     "この年度のフォローアップ調査はありません。");
	case MD_EINPUT:
	case MD_ECONFLICT:
		return rt_html_error(c, rc == MD_EINPUT ? 400 : 409, msg);
	default:
		return rt_done(c, rc, 0, NULL);
	}
}

static const char *ministry_name(struct ctx *c)
{
	int i = text_ministry_find(c->code, strlen(c->code));

	return i < 0 ? c->code : c->page.en ? text_ministry_at(i)->name_en :
		text_ministry_at(i)->name_ja;
}

int h_offline_xlsx(struct ctx *c)
{
	struct arena *a = arena_new();
	struct report_round_book b;
	struct buf sha = BUF_INIT;
	struct store_actor actor;
	struct edit_result res;
	struct edit_auth ea;
	struct edit *ed = NULL;
	int rc;

	if (!a)
		return rt_done(c, MD_ENOMEM, 0, NULL);
	rc = report_round_book_load(c->wst, (int)c->n[0], c->code, a, &b);
	if (rc) {
		rc = rc == MD_ENOTFOUND ? rt_html_error(c, 404, c->page.en ?
			"There is no round for this fiscal year." :
			"この年度のフォローアップ調査はありません。") : rt_done(c, rc, 0, NULL);
		goto out;
	}
	buf_reset(&c->rs->body);
	if ((rc = report_round_xlsx(&b, &c->rs->body)) ||
	    (rc = crypto_sha256_hex(c->rs->body.ptr, c->rs->body.len, &sha))) {
		rc = rt_done(c, rc, 0, NULL);
		goto out;
	}
	if (!(ed = rt_edit_new(c, &ea, &actor))) {
		rc = rt_done(c, MD_ENOMEM, 0, NULL);
		goto out;
	}
	if ((rc = edit_round_download(ed, &actor, (int)c->n[0], c->code, b.n, sha.ptr, &res))) {
		buf_reset(&c->rs->body);   /* not one byte of it goes out */
		rc = edit_error(c, ed, rc);
		goto out;
	}
	c->rs->status = 200;
	c->rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	snprintf(c->rs->filename, sizeof(c->rs->filename), "mdplan-FY%d-%s.xlsx",
		 (int)c->n[0], c->code);
	rc = 0;
out:
	edit_free(ed);
	buf_release(&sha);
	arena_free(a);
	return rc;
}

/* The page itself (forms, no plan): for those who may edit the ministry. */
static int may_edit(struct ctx *c)
{
	struct text_tag tag;
	struct auth_target t;
	int i = text_ministry_find(c->code, strlen(c->code));

	memset(&tag, 0, sizeof(tag));
	if (i < 0)
		return 0;
	tag.n = 1;
	tag.ministry[0] = i;
	t.ministries = &tag;
	t.user = NULL;
	return auth_may(c->rq->user->account, AUTH_EDIT_FOLLOWUP, &t);
}

static int render(struct ctx *c, int status, const struct page_offline *o)
{
	int rc;

	buf_reset(&c->rs->body);
	if ((rc = page_offline(c->st, &c->page, o, &c->rs->body)))
		return rt_done(c, rc, 0, NULL);
	rc = rt_done(c, 0, 0, NULL);
	c->rs->status = status;
	c->rs->cacheable = 0;
	return rc;
}

static void offline_page(struct ctx *c, struct page_offline *o)
{
	memset(o, 0, sizeof(*o));
	o->year = (int)c->n[0];
	o->code = c->code;
	o->ministry = ministry_name(c);
	o->csrf = c->rq->user->csrf;
	o->applied = -1;
}

int h_offline(struct ctx *c)
{
	struct page_offline o;
	struct store_filter f;
	struct store_round_row *r;
	struct arena *a;
	int n, rc;

	if (!may_edit(c))
		return rt_html_error(c, 403, c->page.en ? "You may not edit this ministry's entries." :
				     "この府省の入力の権限がありません。");
	if (!(a = arena_new()))
		return rt_done(c, MD_ENOMEM, 0, NULL);
	memset(&f, 0, sizeof(f));
	f.year = (int)c->n[0];
	rc = store_load_round(c->st, &f, a, &r, &n);
	arena_free(a);
	if (rc || !n)
		return rc ? rt_done(c, rc, 0, NULL) : rt_html_error(c, 404, c->page.en ?
			"There is no round for this fiscal year." :
			"この年度のフォローアップ調査はありません。");
	offline_page(c, &o);
	return render(c, 200, &o);
}

int h_offline_post(struct ctx *c)
{
	const struct web_form *form = c->rq->form;
	const char *op = web_form_get(form, "op");
	const char *data = NULL, *want_sha = NULL, *strict;
	size_t len = 0;
	void *kept = NULL;
	unsigned long long kept_id = 0;
	struct page_offline o;
	struct edit_upload u;
	struct edit_upload_read rd;
	struct edit_upload_result res;
	struct store_actor actor;
	struct edit_auth ea;
	struct edit *ed = NULL;
	struct arena *a = NULL;
	int apply, rc;

	/* who may, before anything is said about the form or the file */
	if (!may_edit(c))
		return rt_html_error(c, 403, c->page.en ? "You may not edit this ministry's entries." :
				     "この府省の入力の権限がありません。");
	apply = op && !strcmp(op, "apply");
	if (op && !apply && strcmp(op, "preview"))
		return rt_html_error(c, 400, c->page.en ? "Unknown operation." : "不明な操作です。");
	memset(&u, 0, sizeof(u));
	u.year = (int)c->n[0];
	u.ministry = c->code;
	u.name = "upload.xlsx";
	if (apply) {
		want_sha = web_form_get(form, "file_sha256");
		u.expect = web_form_get(form, "digest");
		strict = web_form_get(form, "strict");
		u.strict = strict && !strcmp(strict, "1");
		/* no digests, or none kept for them: nothing to confirm */
		rc = want_sha && u.expect ? pending_take(c->rq->user, u.year, c->code, want_sha,
							 &kept, &len, &kept_id) : MD_ENOTFOUND;
		if (rc == MD_ENOTFOUND) {
			offline_page(c, &o);
			o.error = c->page.en ? "The upload expired or was replaced; upload the file again." :
				"アップロードの有効期限が切れたか、別のファイルに置き換えられました。もう一度アップロードしてください。";
			return render(c, 409, &o);
		}
		if (rc)
			return rt_done(c, rc, 0, NULL);
		u.data = kept;
		u.len = len;
		u.apply = 1;
	} else {
		data = web_form_get_len(form, "file", &len);
		if (!data || !len) {
			offline_page(c, &o);
			o.error = c->page.en ? "Choose the workbook (.xlsx) to upload." :
				"アップロードするファイル（.xlsx）を選んでください。";
			return render(c, 400, &o);
		}
		u.data = data;
		u.len = len;
	}
	/* the slow part, beside the other writers */
	if (!(a = arena_new()) || edit_round_read(&u, a, &rd)) {
		rc = rt_done(c, MD_ENOMEM, 0, NULL);
		goto out;
	}
	u.read = &rd;
	free(kept);          /* read: the rows are in a */
	kept = NULL;
	u.data = NULL;
	u.len = 0;
	if ((rc = rt_writer_enter(c))) {
		rc = rt_done(c, rc, 0, NULL);
		goto out;
	}
	if (!(ed = rt_edit_new(c, &ea, &actor))) {
		rc = rt_done(c, MD_ENOMEM, 0, NULL);
		goto out;
	}
	rc = edit_round_upload(ed, &actor, &u, a, &res);
	if (rc == MD_ECONFLICT && apply) {
		/* the entries moved since the preview: show the new one */
		struct edit_upload again = u;

		again.apply = 0;
		again.expect = NULL;
		if (!edit_round_upload(ed, &actor, &again, a, &res)) {
			offline_page(c, &o);
			o.plan = &res.plan;
			o.sha256 = res.sha256;
			o.digest = res.digest;
			o.error = msg_get(MSG_EW_UPLOAD_CHANGED, c->page.en);
			rc = render(c, 409, &o);
			goto out;
		}
		rc = MD_ECONFLICT;
	}
	if (rc) {
		if (rc == MD_EINPUT) {
			offline_page(c, &o);
			o.error = refusal(c, ed, a);
			rc = render(c, 400, &o);
		} else {
			rc = edit_error(c, ed, rc);
		}
		goto out;
	}
	offline_page(c, &o);
	o.plan = &res.plan;
	o.sha256 = res.sha256;
	o.digest = res.digest;
	if (apply) {
		o.applied = res.applied;
		o.blocked = res.blocked;
		if (!res.blocked)
			pending_forget(kept_id);
	} else if ((rc = pending_keep(c->rq->user, u.year, c->code, res.sha256, data, len))) {
		rc = rt_done(c, rc, 0, NULL);
		goto out;
	}
	rc = render(c, 200, &o);
out:
	edit_free(ed);
	rt_writer_leave(c);
	arena_free(a);
	free(kept);
	return rc;
}
