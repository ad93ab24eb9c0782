/*
 * The offline path (edit.h): a ministry's workbook going out (authorized
 * and audited) and coming back (read by edit_round_read(), outside any
 * transaction; import_round_match()'s proposal applied as the uploading
 * user's saves, in one transaction).
 */
#include <string.h>

#include "../crypto/crypto.h"
#include "../text/text.h"
#include "internal.h"

/* A tag of one ministry (the scope the policy checks). */
static int one_ministry(const char *code, struct text_tag *t)
{
	int i = code ? text_ministry_find(code, strlen(code)) : -1;

	memset(t, 0, sizeof(*t));
	if (i < 0)
		return MD_EINPUT;
	t->n = 1;
	t->ministry[0] = i;
	return 0;
}

static int load_round(struct edit *ed, struct arena *a, int year,
		      struct store_round_row *out)
{
	struct store_filter f;
	struct store_round_row *r;
	int n, rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round(ed->st, &f, a, &r, &n)))
		return edit_store_fail(ed, rc, NULL);
	if (!n)
		return edit_fail_why(ed, MD_ENOTFOUND, EDIT_WHY_NO_ROUND,
				"year", "there is no FY%d round", year);
	*out = r[0];
	return 0;
}

static void offline_target(struct edit_target *t, enum edit_op op,
			   const struct store_round_row *r, const struct text_tag *tag,
			   const char *ref)
{
	memset(t, 0, sizeof(*t));
	t->op = op;
	t->table = "round";
	t->id = r->id;
	t->version = r->version;
	t->year = (int)r->fiscal_year;
	t->ministries = tag;
	t->ref = ref;
}

int edit_round_download(struct edit *ed, const struct store_actor *actor, int year,
			const char *ministry, int entries, const char *sha256,
			struct edit_result *res)
{
	struct store_round_row r;
	struct edit_target t;
	struct text_tag tag;
	int rc;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if (one_ministry(ministry, &tag)) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
				"ministry", "%s: not a ministry",
			       ministry ? ministry : "none");
		goto out;
	}
	if ((rc = edit_begin(ed)) || (rc = load_round(ed, ed->a, year, &r)))
		goto out;
	offline_target(&t, EDIT_ROUND_DOWNLOAD, &r, &tag,
		       arena_printf(ed->a, "round:%d offline %s", year, ministry));
	t.detail = arena_printf(ed->a, "entries=%d\nsha256=%s", entries,
				sha256 ? sha256 : "");
	if ((rc = edit_authorize(ed, actor, &t)))
		goto out;
	/* nothing changes: the round stays at its version */
	rc = edit_commit(ed, actor, &t, r.id, r.version, res);
out:
	return edit_end(ed, rc);
}

/* The entries the actor's upload is matched against: every entry of the
 * round but the consolidated ones (a workbook has a ministry's own). */
static int load_held(struct edit *ed, struct arena *a, int year,
		     struct import_round_held **out, int *nout)
{
	struct store_filter f;
	struct store_round_entry_row *e;
	struct import_round_held *h;
	int n, i, k = 0, rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round_entry(ed->st, &f, a, &e, &n)))
		return edit_store_fail(ed, rc, NULL);
	h = arena_alloc(a, sizeof(*h) * (size_t)(n + 1));
	if (!h)
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	for (i = 0; i < n; i++) {
		if (e[i].consolidated || !*e[i].ministry)
			continue;
		h[k].key = import_round_key(year, e[i].item_no, e[i].ministry, a);
		h[k].version = e[i].version;
		h[k].ministry = e[i].ministry;
		h[k].results = e[i].results;
		h[k].plans = e[i].plans;
		if (!h[k].key)
			return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
		k++;
	}
	*out = h;
	*nout = k;
	return 0;
}

/* The entry a row's key ("FY/ITEM/CODE") names. */
static int entry_of_key(struct edit *ed, int year, const struct import_round_change *c,
			long long *id)
{
	const char *p = strchr(c->key, '/'), *q = p ? strchr(p + 1, '/') : NULL;
	char num[16];
	size_t len = q ? (size_t)(q - p - 1) : 0;
	int item, rc = MD_EINPUT;

	if (q && len && len < sizeof(num)) {
		memcpy(num, p + 1, len);
		num[len] = 0;
		rc = num_parse_int(num, 1, 1000000, &item) ? MD_EINPUT :
			store_entry_find(ed->st, year, item, q + 1, id);
	}
	return rc ? edit_fail_why(ed, rc == MD_EDB ? rc : MD_EINPUT, EDIT_WHY_NO_ENTRY, "file",
			"row %ld %s: no such entry", c->row, c->key) : 0;
}

static const char *const what_name[] = { "same", "update", "stale", "conflict", "refused" };

/* The proposal's digest: the file's and every row's key, what and
 * versions, so that a preview and its apply agree on what happens. */
static int plan_digest(const struct import_round_plan *p, const char *file_sha,
		       char out[65])
{
	struct buf b = BUF_INIT, d = BUF_INIT;
	int i, rc;

	buf_printf(&b, "mdplan-upload-1\n%s\n%d\n", file_sha, p->fiscal_year);
	for (i = 0; i < p->n; i++)
		buf_printf(&b, "%ld %s %s %lld %lld\n", p->c[i].row, p->c[i].key,
			   what_name[p->c[i].what], p->c[i].version, p->c[i].stored_version);
	rc = buf_error(&b) ? MD_ENOMEM : crypto_sha256_hex(b.ptr, b.len, &d);
	if (!rc && d.len == 64)
		memcpy(out, d.ptr, 65);
	else if (!rc)
		rc = MD_ENOMEM;
	buf_release(&b);
	buf_release(&d);
	return rc;
}

/* The ministries the actor may edit (asking the policy about each), as
 * codes; MD_EFORBIDDEN when none. */
static int allowed_ministries(struct edit *ed, const struct store_actor *actor,
			      const struct store_round_row *r, const char *only,
			      struct arena *a, const char ***out, int *nout)
{
	const char **m;
	struct text_tag tag;
	struct edit_target t;
	int i, n = 0, count = text_ministry_count(), rc = 0;

	m = arena_alloc(a, sizeof(*m) * (size_t)(count + 1));
	if (!m)
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	for (i = 0; i < count; i++) {
		const char *code = text_ministry_at(i)->code;

		if (only && strcmp(only, code))
			continue;
		one_ministry(code, &tag);
		offline_target(&t, EDIT_ROUND_UPLOAD, r, &tag,
			       arena_printf(a, "round:%d offline %s", (int)r->fiscal_year, code));
		rc = edit_authorize(ed, actor, &t);
		if (rc == MD_EFORBIDDEN && !only)
			continue;
		if (rc)
			return rc;
		m[n++] = code;
	}
	if (!n)
		return edit_fail_why(ed, MD_EFORBIDDEN, EDIT_WHY_FORBIDDEN,
				NULL, "%s may edit no ministry's entries",
				 actor->name);
	*out = m;
	*nout = n;
	return 0;
}

/* The upload's own audit entry. */
static int record_upload(struct edit *ed, const struct store_actor *actor,
			 const struct store_round_row *r, const struct edit_upload *u,
			 const char *const *mins, int nmins,
			 const struct edit_upload_result *res, struct arena *a)
{
	const char *list = "";
	int i;

	struct text_tag tag;
	struct edit_target t;
	const struct import_round_plan *p = &res->plan;

	memset(&tag, 0, sizeof(tag));
	if (u->ministry)
		one_ministry(u->ministry, &tag);
	for (i = 0; i < nmins && list; i++)
		list = arena_printf(a, "%s%s%s", list, i ? "," : "", mins[i]);
	offline_target(&t, EDIT_ROUND_UPLOAD, r, u->ministry ? &tag : NULL,
		       arena_printf(a, "round:%d offline %s", u->year, list ? list : ""));
	t.detail = arena_printf(a, "sha256=%s\nupdated=%d\nconflicts=%ld\nstale=%ld\n"
				"refused=%ld\nsame=%ld", res->sha256, res->applied,
				p->conflicts, p->stale, p->refused, p->same);
	if (!t.ref || !t.detail)
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	if (ed->policy.record) {
		int rc = ed->policy.record(ed->policy.ctx, ed->st, actor, &t, r->version);

		if (rc)
			return edit_fail(ed, rc, NULL, "recording the upload failed: %s",
					 md_strerror(rc));
	}
	return 0;
}

int edit_round_read(const struct edit_upload *u, struct arena *a,
		    struct edit_upload_read *out)
{
	struct edit_upload_read r;
	struct buf err = BUF_INIT, sha = BUF_INIT;
	int rc = MD_ENOMEM;

	memset(&r, 0, sizeof(r));
	if (crypto_sha256_hex(u->data, u->len, &sha) || sha.len != 64)
		goto out;
	memcpy(r.sha256, sha.ptr, 65);
	r.rc = import_round_read(u->name ? u->name : "upload.xlsx", u->data, u->len, u->year,
				 a, &r.file, &err);
	if (!(r.err = arena_strdup(a, r.rc && err.len ? err.ptr : "")))
		goto out;
	*out = r;
	rc = 0;
out:
	buf_release(&err);
	buf_release(&sha);
	return rc;
}

int edit_round_upload(struct edit *ed, const struct store_actor *actor,
		      const struct edit_upload *u, struct arena *a,
		      struct edit_upload_result *res)
{
	struct store_round_row r;
	struct import_round_held *held = NULL;
	const char **mins = NULL;
	struct edit_result er;
	struct edit_upload_read own;
	const struct edit_upload_read *rd = u->read;
	struct edit_upload_result out;
	int nheld = 0, nmins = 0, i, rc;

	/* edit_start() of the first edit_entry() clears them otherwise */
	buf_reset(&ed->err);
	ed->errfield = NULL;
	memset(&out, 0, sizeof(out));
	if ((rc = edit_start(ed, actor, &er)))
		return rc;
	if (u->ministry && text_ministry_find(u->ministry, strlen(u->ministry)) < 0)
		return edit_end(ed, edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
				"ministry", "%s: not a ministry",
					      u->ministry));
	/* the command line reads here, still before the transaction */
	if (!rd && edit_round_read(u, a, &own))
		return edit_end(ed, edit_fail(ed, MD_ENOMEM, NULL, "out of memory"));
	if (!rd)
		rd = &own;
	memcpy(out.sha256, rd->sha256, 65);
	edit_end(ed, 0);
	if ((rc = edit_batch_begin(ed)))
		return rc;
	if ((rc = load_round(ed, a, u->year, &r)) ||
	    (rc = allowed_ministries(ed, actor, &r, u->ministry, a, &mins, &nmins)) ||
	    (rc = load_held(ed, a, u->year, &held, &nheld)))
		goto out;
	rc = rd->rc ? rd->rc : import_round_match(&rd->file, held, nheld, mins, nmins, a,
						     &out.plan);
	if (rc) {
		rc = rc == MD_EINPUT ? edit_fail_why(ed, rc, EDIT_WHY_BAD_FILE,
				"file", "%s", rd->err) :
			edit_fail(ed, rc, NULL, "reading the workbook failed: %s",
				  *rd->err ? rd->err : md_strerror(rc));
		goto out;
	}
	if ((rc = plan_digest(&out.plan, out.sha256, out.digest))) {
		rc = edit_fail(ed, rc, NULL, "out of memory");
		goto out;
	}
	if (!u->apply)
		goto out;        /* a preview: rolled back below, nothing written */
	if (u->expect && strcmp(u->expect, out.digest)) {
		rc = edit_fail_why(ed, MD_ECONFLICT, EDIT_WHY_UPLOAD_CHANGED,
			       "digest", "the entries or the file changed "
			       "since the preview: look at the new preview and confirm again");
		goto out;
	}
	if (u->strict && (out.plan.conflicts || out.plan.refused)) {
		out.blocked = 1;
		goto out;
	}
	for (i = 0; i < out.plan.n; i++) {
		const struct import_round_change *c = &out.plan.c[i];
		struct edit_entry e;

		if (c->what != IMPORT_ROUND_UPDATE)
			continue;
		memset(&e, 0, sizeof(e));
		if ((rc = entry_of_key(ed, u->year, c, &e.id)))
			goto out;
		e.op = EDIT_ENTRY_SAVE;
		e.version = c->version;
		e.results = c->results_changed ? c->results : NULL;
		e.plans = c->plans_changed ? c->plans : NULL;
		if ((rc = edit_entry(ed, actor, &e, &er))) {
			struct buf m = BUF_INIT;

			/* the row's refusal is still what it was (ed->why) */
			buf_printf(&m, "row %ld %s: %s%s%s", c->row, c->key,
				   edit_errfield(ed) ? edit_errfield(ed) : "",
				   edit_errfield(ed) ? ": " : "", edit_errmsg(ed));
			edit_fail_why(ed, rc, ed->why, "file", "%s", m.ptr);
			buf_release(&m);
			goto out;
		}
		out.applied++;
	}
	rc = record_upload(ed, actor, &r, u, mins, nmins, &out, a);
out:
	if (!u->apply || out.blocked) {
		edit_batch_end(ed, MD_EUSAGE);   /* roll back: a preview writes nothing */
		if (rc)
			return rc;
		*res = out;
		return 0;
	}
	rc = edit_batch_end(ed, rc);
	if (!rc)
		*res = out;
	return rc;
}
