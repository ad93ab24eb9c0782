/*
 * The sources list (data/sources.csv): the documents the data come from, as
 * a reader names them. CSV (RFC 4180 quoting, UTF-8 with or without BOM,
 * or Shift_JIS), one document a row:
 *
 *   code,files,title_ja,title_en,publisher_ja,publisher_en,issued,url,note
 *
 * code is the document's key (letters, digits, '-', '_', '.'); files the
 * names it is imported or cited under, separated by spaces (a follow-up
 * import of data/followup-r7.tsv is the document whose files hold
 * "followup-r7.tsv"; an indicator value citing "000_….txt:364" the one
 * holding "000_….txt"); a name may belong to one document only. title_ja
 * and publisher_ja are required; issued is a date (2022-05-31, 令和4年5月31日,
 * 2025-03) or empty; url the official address of the original (http or
 * https) or empty when it is not known. Every row is checked before
 * anything is written; a document the list no longer has is kept.
 */
#include <string.h>

#include "internal.h"

enum { S_CODE, S_FILES, S_TITLE_JA, S_TITLE_EN, S_PUB_JA, S_PUB_EN, S_ISSUED,
       S_URL, S_NOTE, S_COUNT_ };
static const char *const names[S_COUNT_] = {
	"code", "files", "title_ja", "title_en", "publisher_ja", "publisher_en",
	"issued", "url", "note",
};

static int code_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n > 40)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

/* An absolute http(s) URL without spaces, quotes or controls. */
static int url_ok(const char *s)
{
	const char *p;

	if (strncmp(s, "https://", 8) && strncmp(s, "http://", 7))
		return 0;
	for (p = s; *p; p++) {
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\')
			return 0;
	}
	return strlen(s) > 8;
}

static char *cell_text(struct arena *a, const struct tsv_row *r, const int *at, int c)
{
	const char *s = at[c] && at[c] <= r->n ? r->f[at[c] - 1] : "";
	size_t n = strlen(s);

	import_trim(&s, &n);
	return arena_strndup(a, s, n);
}

/* Whether name is one of the space-separated names of list. */
static int listed(const char *list, const char *name, size_t n)
{
	while (*list) {
		size_t w = strcspn(list, " ");

		if (w == n && !memcmp(list, name, n))
			return 1;
		list += w;
		list += strspn(list, " ");
	}
	return 0;
}

int import_sources_run(struct import *imp, const char *data, size_t len)
{
	struct arena *a = arena_new();
	struct buf text = BUF_INIT, iso = BUF_INIT;
	struct tsv_row *rows = NULL;
	struct store_document *d = NULL;
	long nrows = 0, i, first, n = 0, k;
	long long source;
	int at[S_COUNT_] = { 0 }, rc, c, j;

	if (!a)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	if ((rc = import_decode(imp, data, len, &text)) ||
	    (rc = import_tsv_rows(imp, a, text.ptr, text.len, ',', &rows, &nrows)))
		goto out;
	for (first = 0; first < nrows; first++) {
		for (j = 0; j < rows[first].n && import_blank(rows[first].f[j]); j++)
			;
		if (j < rows[first].n)
			break;
	}
	if (first == nrows) {
		rc = import_fail(imp, MD_EINPUT, 0, "no header row (expected %s,%s,%s,...)",
				 names[0], names[1], names[2]);
		goto out;
	}
	for (j = 0; j < rows[first].n; j++) {
		int col[1] = { j + 1 };
		char *h = cell_text(a, &rows[first], col, 0);

		for (c = 0; c < S_COUNT_ && (!h || strcmp(h, names[c])); c++)
			;
		if (c == S_COUNT_) {
			rc = import_fail(imp, MD_EINPUT, rows[first].line, "column %d: unknown "
					 "column \"%s\" (expected code, files, title_ja, title_en, "
					 "publisher_ja, publisher_en, issued, url, note)", j + 1,
					 h ? h : "");
			goto out;
		}
		if (at[c]) {
			rc = import_fail(imp, MD_EINPUT, rows[first].line, "column %s named "
					 "twice in the header", names[c]);
			goto out;
		}
		at[c] = j + 1;
	}
	for (c = 0; c < S_COUNT_; c++) {
		if (!at[c] && (c == S_CODE || c == S_FILES || c == S_TITLE_JA || c == S_PUB_JA)) {
			rc = import_fail(imp, MD_EINPUT, rows[first].line, "the header has no "
					 "%s column (a sources list needs code, files, title_ja "
					 "and publisher_ja)", names[c]);
			goto out;
		}
	}
	if (!(d = arena_alloc(a, sizeof(*d) * (size_t)(nrows + 1)))) {
		rc = import_fail(imp, MD_ENOMEM, 0, "out of memory");
		goto out;
	}
	for (i = first + 1; i < nrows; i++) {
		const struct tsv_row *r = &rows[i];
		struct store_document *x = &d[n];
		const char *f;

		for (j = 0; j < r->n && import_blank(r->f[j]); j++)
			;
		if (j == r->n)
			continue;
		if (r->n > rows[first].n) {
			rc = import_fail(imp, MD_EINPUT, r->line, "%d fields, but the header "
					 "names %d columns", r->n, rows[first].n);
			goto out;
		}
		memset(x, 0, sizeof(*x));
		x->code = cell_text(a, r, at, S_CODE);
		x->files = cell_text(a, r, at, S_FILES);
		x->title_ja = cell_text(a, r, at, S_TITLE_JA);
		x->title_en = cell_text(a, r, at, S_TITLE_EN);
		x->publisher_ja = cell_text(a, r, at, S_PUB_JA);
		x->publisher_en = cell_text(a, r, at, S_PUB_EN);
		x->issued = cell_text(a, r, at, S_ISSUED);
		x->url = cell_text(a, r, at, S_URL);
		x->note = cell_text(a, r, at, S_NOTE);
		if (!x->code || !x->files || !x->title_ja || !x->title_en ||
		    !x->publisher_ja || !x->publisher_en || !x->issued || !x->url ||
		    !x->note) {
			rc = import_fail(imp, MD_ENOMEM, 0, "out of memory");
			goto out;
		}
		for (c = 0; c < S_COUNT_; c++) {
			const char *s = cell_text(a, r, at, c);

			for (; s && *s; s++) {
				if ((unsigned char)*s < 0x20) {
					rc = import_fail(imp, MD_EINPUT, r->line, "column %s: "
							 "a control character or line break",
							 names[c]);
					goto out;
				}
			}
		}
		if (!code_ok(x->code)) {
			rc = import_fail(imp, MD_EINPUT, r->line, "column code: \"%s\" is not "
					 "a code (1-40 of A-Z a-z 0-9 - _ .)", x->code);
			goto out;
		}
		if (!*x->files || !*x->title_ja || !*x->publisher_ja) {
			rc = import_fail(imp, MD_EINPUT, r->line, "column %s: empty (a document "
					 "needs its files, title_ja and publisher_ja)",
					 !*x->files ? "files" : !*x->title_ja ? "title_ja" :
					 "publisher_ja");
			goto out;
		}
		if (*x->issued) {
			buf_reset(&iso);
			if (import_date(x->issued, &iso)) {
				rc = import_fail(imp, MD_EINPUT, r->line, "column issued: \"%s\" "
						 "is not a date (expected 2022-05-31, 2025-03 or "
						 "令和4年5月31日)", x->issued);
				goto out;
			}
			x->issued = arena_strdup(a, iso.ptr);
		}
		if (*x->url && !url_ok(x->url)) {
			rc = import_fail(imp, MD_EINPUT, r->line, "column url: \"%s\" is not "
					 "an http or https address", x->url);
			goto out;
		}
		for (k = 0; k < n; k++) {
			if (!strcmp(d[k].code, x->code)) {
				rc = import_fail(imp, MD_EINPUT, r->line, "column code: %s is "
						 "listed twice", x->code);
				goto out;
			}
		}
		for (f = x->files; *f; ) {
			size_t w = strcspn(f, " ");

			for (k = 0; k < n; k++) {
				if (listed(d[k].files, f, w)) {
					rc = import_fail(imp, MD_EINPUT, r->line, "column files: "
							 "%.*s is already a file of %s", (int)w, f,
							 d[k].code);
					goto out;
				}
			}
			f += w;
			f += strspn(f, " ");
		}
		x->loc.line = r->line;
		x->loc.col = 1;
		n++;
	}
	if (!n) {
		rc = import_fail(imp, MD_EINPUT, 0, "no documents below the header");
		goto out;
	}
	if ((rc = store_begin(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto out;
	}
	if ((rc = import_source(imp, "sources", data, len, &source)))
		goto rollback;
	for (k = 0; k < n; k++) {
		d[k].loc.source = source;
		if ((rc = store_document_put(imp->st, &d[k], NULL))) {
			import_fail(imp, rc, d[k].loc.line, "%s", store_errmsg(imp->st));
			goto rollback;
		}
		imp->sum.rows++;
	}
	if ((rc = store_commit(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto rollback;
	}
	goto out;
rollback:
	store_rollback(imp->st);
out:
	buf_release(&text);
	buf_release(&iso);
	arena_free(a);
	return rc;
}
