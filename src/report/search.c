/*
 * Search results for people and programs: hits with a snippet each, where
 * the highlight falls on the matched characters of the original text (the
 * text module finds them; the FTS index only says which documents match).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "../html/html.h"

#define SNIP_BEFORE 30    /* characters of context before the first hit */
#define SNIP_CHARS 110    /* characters shown in all */
#define SNIP_SPANS 32

/* Writes text HTML-escaped, with white space runs folded: none between
 * two non-ASCII characters (a line break inside a Japanese sentence), else
 * one space. (Plain-text output unescapes it: plain_snippet().) */
struct emit {
	struct html *out;     /* the snippet, through the emitter */
	int32_t last;
	int space;
	int opening;      /* a mark opens before the next visible character */
};

static void emit_mark(struct emit *e, int open)
{
	if (open)
		e->opening = 1;
	else if (e->opening)
		e->opening = 0;   /* nothing visible was marked */
	else
		H_RAW(e->out, "</mark>");
}

static void emit_text(struct emit *e, const char *s, size_t a, size_t b)
{
	while (a < b) {
		size_t at = a;
		int32_t cp = text_utf8_next(s, b, &a);

		if (cp < 0 || text_is_space(cp)) {
			e->space = 1;
			continue;
		}
		if (text_is_bullet(cp))
			continue;
		if (e->space && e->last && !(e->last >= 0x80 && cp >= 0x80))
			H_RAW(e->out, " ");
		e->space = 0;
		e->last = cp;
		if (e->opening) {
			H_RAW(e->out, "<mark>");
			e->opening = 0;
		}
		html_textn(e->out, s + at, a - at);
	}
}

static size_t back_chars(const char *s, size_t at, int n)
{
	while (at > 0 && n > 0) {
		at--;
		while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
			at--;
		n--;
	}
	return at;
}

static size_t fwd_chars(const char *s, size_t len, size_t at, int n)
{
	while (at < len && n > 0) {
		text_utf8_next(s, len, &at);
		n--;
	}
	return at;
}

/* A window of s around its first hit, hits marked; returns the number of
 * hits in s. Without a hit nothing is written, unless or_start: then the
 * window is the start of s. */
static int snippet(struct buf *out, const char *s, const char *key,
		   size_t keylen, int or_start)
{
	struct text_span sp[SNIP_SPANS];
	struct html h;
	struct emit e = { &h, 0, 0, 0 };
	size_t len = strlen(s), ws = 0, we, at;
	int n = 0, i;

	if (text_search_spans(s, len, key, keylen, sp, SNIP_SPANS, &n))
		return 0;
	if (!n && !or_start)
		return 0;
	html_init(&h, out, 0);
	if (n)
		ws = back_chars(s, sp[0].start, SNIP_BEFORE);
	we = fwd_chars(s, len, ws, SNIP_CHARS);
	if (n && we < sp[0].end)
		we = sp[0].end;
	if (ws > 0)
		buf_puts(out, "…");
	at = ws;
	for (i = 0; i < n && i < SNIP_SPANS && sp[i].start < we; i++) {
		emit_text(&e, s, at, sp[i].start);
		emit_mark(&e, 1);
		emit_text(&e, s, sp[i].start, sp[i].end);
		emit_mark(&e, 0);
		at = sp[i].end;
		if (we < at)
			we = at;
	}
	emit_text(&e, s, at, we);
	if (we < len)
		buf_puts(out, "…");
	return n;
}

struct load_ctx {
	struct arena *a;
	struct search_hit *h;
	const char *key;
	size_t keylen;
	struct buf snip;
};

/* What each FTS column of a kind holds: body, plans, title. */
static const struct {
	int kind;
	const char *field[3];
} fields[] = {
	{ STORE_KIND_VISION, { NULL, NULL, "title" } },
	{ STORE_KIND_GOAL, { "issues", NULL, "title" } },
	{ STORE_KIND_MEASURE, { NULL, NULL, "title" } },
	{ STORE_KIND_ITEM, { "text", NULL, NULL } },
	{ STORE_KIND_FOLLOWUP, { "results", "plans", NULL } },
	{ STORE_KIND_INDICATOR, { "notes", "unit", "title" } },
	{ STORE_KIND_ENTRY, { "results", "plans", NULL } },
};

static const char *field_name(int kind, int col)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(fields); i++) {
		if (fields[i].kind == kind)
			return fields[i].field[col];
	}
	return NULL;
}

/* Percent-encodes s for a URL (unreserved characters stay). */
static void url_enc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')
			buf_putc(b, ch);
		else
			buf_printf(b, "%%%c%c", hex[ch >> 4], hex[ch & 15]);
	}
}

static const char *url_of(struct arena *a, const struct search_hit *h)
{
	struct buf b = BUF_INIT;
	const char *u;

	switch (h->kind) {
	case STORE_KIND_VISION: buf_printf(&b, "visions/%lld/", h->no); break;
	case STORE_KIND_GOAL: buf_printf(&b, "goals/%lld/", h->no); break;
	case STORE_KIND_MEASURE: buf_printf(&b, "measures/%lld/", h->no); break;
	case STORE_KIND_ITEM: buf_printf(&b, "items/%lld/", h->no); break;
	case STORE_KIND_INDICATOR:
		buf_puts(&b, "indicators/");
		url_enc(&b, h->code ? h->code : "");
		buf_putc(&b, '/');
		break;
	case STORE_KIND_ENTRY:   /* its page (a consolidated one: its lead's) */
		buf_printf(&b, "rounds/%d/items/%lld/", h->fy, h->no);
		url_enc(&b, h->ministry ? h->ministry : "");
		buf_putc(&b, '/');
		break;
	case STORE_KIND_FOLLOWUP:
		if (h->no)
			buf_printf(&b, "items/%lld/#fy%d", h->no, h->fy);
		else
			buf_printf(&b, "followups/%d/", h->fy);
		break;
	default:
		break;   /* no page */
	}
	u = buf_error(&b) ? NULL : arena_strdup(a, b.ptr);
	buf_release(&b);
	return u;
}

static int load_doc(void *ctx, const struct store_search_doc_row *r)
{
	struct load_ctx *c = ctx;
	const char *const cols[3] = { r->body, r->plans, r->title };
	struct search_hit *h = c->h;
	int k, kind = (int)r->kind;

	h->no = r->no;
	h->fy = (int)r->fiscal_year;
	h->title = arena_strdup(c->a, r->label);
	h->code = r->null.code ? NULL : arena_strdup(c->a, r->code);
	buf_reset(&c->snip);
	for (k = 0; k < 3; k++) {
		const char *name = field_name(kind, k);

		if (name && snippet(&c->snip, cols[k], c->key,
				    c->keylen, 0)) {
			h->field = name;
			break;
		}
	}
	/* no field shows the hit (the index and the highlighter disagree):
	 * show the start of the first field with text */
	for (k = 0; k < 3 && !h->field; k++) {
		const char *name = field_name(kind, k);
		const char *s = cols[k];

		if (name && *s) {
			h->field = name;
			snippet(&c->snip, s, c->key, c->keylen, 1);
		}
	}
	h->snippet = arena_strdup(c->a, c->snip.ptr);
	if (kind != STORE_KIND_ENTRY)
		h->url = url_of(c->a, h);
	return buf_error(&c->snip);
}

/* A round entry's state and ministry (the lead's for a consolidated
 * one), then its link. */
static int load_entry(struct store *st, struct arena *a, struct search_hit *h)
{
	struct store_entry e;
	int rc;

	if ((rc = store_entry_get(st, h->ref, a, &e)))
		return rc;
	h->state = e.state;
	h->consolidated = e.consolidated;
	h->ministry = *e.ministry ? e.ministry : e.scope.n ?
		text_ministry_at(e.scope.ministry[0])->code : NULL;
	h->url = url_of(a, h);
	return 0;
}

static void search_q(const struct report_search_q *q, const char *text,
		     struct store_search_q *sq)
{
	memset(sq, 0, sizeof(*sq));
	sq->text = text;
	sq->year = q->year;
	sq->ministry = q->ministry;
	sq->kind = q->kind;
	sq->offset = q->offset;
	sq->limit = q->limit;
	sq->viewer = q->viewer;
}

int search_load(struct store *st, const struct report_search_q *q,
		struct arena *a, struct search_result *r)
{
	struct store_search_q sq;
	struct store_hit *hits = NULL;
	struct load_ctx c = { .a = a };
	struct buf key = BUF_INIT;
	int rc, i, n = 0;

	memset(r, 0, sizeof(*r));
	r->query = q->text ? q->text : "";
	if (text_utf8_valid(r->query, strlen(r->query), NULL))
		return MD_EINPUT;
	search_q(q, r->query, &sq);
	if ((rc = text_search_key(r->query, strlen(r->query), &key)) ||
	    (rc = store_search(st, &sq, &hits, &n, &r->total)))
		goto out;
	r->hit = n ? arena_alloc(a, (size_t)n * sizeof(*r->hit)) : NULL;
	if (n && !r->hit) {
		rc = MD_ENOMEM;
		goto out;
	}
	c.key = key.ptr;
	c.keylen = key.len;
	for (i = 0; i < n; i++) {
		struct store_filter f;
		struct search_hit *h = &r->hit[i];

		memset(h, 0, sizeof(*h));
		h->kind = hits[i].kind;
		h->ref = hits[i].ref;
		if (!store_kind_name(h->kind))
			continue;
		memset(&f, 0, sizeof(f));
		f.kind = h->kind;
		f.id = h->ref;
		c.h = h;
		if ((rc = store_each_search_doc(st, &f, load_doc, &c)) ||
		    (h->kind == STORE_KIND_ENTRY && (rc = load_entry(st, a, h))))
			goto out;
	}
	r->n = n;
	rc = arena_error(a);
out:
	free(hits);
	buf_release(&key);
	buf_release(&c.snip);
	return rc;
}

int report_search_batch(struct store *st, const struct report_search_q *q,
			char *queries, size_t len, struct buf *out)
{
	size_t i = 0;
	int rc = 0;

	while (i < len && !rc) {
		char *nl = memchr(queries + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - queries) : len;
		struct store_search_q sq;
		struct store_hit *hits = NULL;
		struct timespec t0, t1;
		long total = 0;
		int n = 0, k;

		queries[end] = '\0';
		if (end > i && queries[end - 1] == '\r')
			queries[end - 1] = '\0';
		search_q(q, queries + i, &sq);
		i = end + 1;
		if (!*sq.text)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = store_search(st, &sq, &hits, &n, &total);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (rc)
			break;
		buf_printf(out, "%s\t%ld\t%.1f\t", sq.text, total,
			   (double)(t1.tv_sec - t0.tv_sec) * 1e6 +
			   (double)(t1.tv_nsec - t0.tv_nsec) / 1e3);
		for (k = 0; k < n; k++)
			buf_printf(out, "%s%s:%lld", k ? " " : "",
				   store_kind_name(hits[k].kind), hits[k].ref);
		buf_putc(out, '\n');
		free(hits);
	}
	return rc ? rc : buf_error(out);
}

static const char *kind_label(int kind, int en)
{
	static const struct {
		int kind;
		const char *ja, *en;
	} label[] = {
		{ STORE_KIND_VISION, "ビジョン", "Vision" },
		{ STORE_KIND_GOAL, "ゴール", "Goal" },
		{ STORE_KIND_MEASURE, "施策", "Measure" },
		{ STORE_KIND_ITEM, "取組", "Action item" },
		{ STORE_KIND_FOLLOWUP, "フォローアップ", "Follow-up" },
		{ STORE_KIND_INDICATOR, "指標", "Indicator" },
		{ STORE_KIND_ENTRY, "下書き", "Draft" },
	};
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(label); i++) {
		if (label[i].kind == kind)
			return en ? label[i].en : label[i].ja;
	}
	return "";
}

const char *report_entry_state(const char *state, int en)
{
	static const struct {
		const char *state, *ja, *en;
	} label[] = {
		{ "draft", "作成中", "in progress" },
		{ "submitted", "提出済み", "submitted" },
		{ "returned", "差戻し", "returned" },
		{ "accepted", "受理済み", "accepted" },
	};
	size_t i;

	for (i = 0; state && i < MD_ARRAY_SIZE(label); i++) {
		if (!strcmp(label[i].state, state))
			return en ? label[i].en : label[i].ja;
	}
	return state ? state : "";
}

const char *report_entry_whose(const struct search_hit *h, int en)
{
	int m = h->ministry ? text_ministry_find(h->ministry, strlen(h->ministry)) : -1;

	if (h->consolidated)
		return en ? "consolidated" : "取りまとめ";
	if (m < 0)
		return "";
	return en ? text_ministry_at(m)->code : text_ministry_at(m)->abbrev;
}

static const char *field_label(const char *field, int en)
{
	if (!field)
		return "";
	if (!strcmp(field, "results"))
		return en ? "Results" : "実績・状況";
	if (!strcmp(field, "plans"))
		return en ? "Plans" : "取組予定";
	if (!strcmp(field, "issues"))
		return en ? "Current state and issues" : "現状と課題";
	if (!strcmp(field, "notes"))
		return en ? "Notes" : "注記";
	if (!strcmp(field, "unit"))
		return en ? "Unit" : "単位";
	return "";
}

/* What a hit is, numbered as on the pages: 施策M9, 取組A40, ゴール3,
 * フォローアップ・令和7年度・取組A22 (Measure M9, Follow-up, FY2025,
 * action item A22). */
static void hit_label(struct buf *out, const struct search_hit *h, int en)
{
	const char *sep = en ? ", " : "・";

	buf_puts(out, kind_label(h->kind, en));
	if (h->kind == STORE_KIND_ENTRY) {
		buf_puts(out, sep);
		if (en)
			buf_printf(out, "FY%d", h->fy);
		else
			text_era_fy_ja(h->fy, out);
		buf_printf(out, "%s%s%lld%s%s (%s)", sep, en ? "action item A" : "取組A", h->no,
			   sep, report_entry_whose(h, en), report_entry_state(h->state, en));
		return;
	}
	if (h->kind == STORE_KIND_FOLLOWUP) {
		buf_puts(out, sep);
		if (en)
			buf_printf(out, "FY%d", h->fy);
		else
			text_era_fy_ja(h->fy, out);
		if (h->no)
			buf_printf(out, "%s%s%lld", sep, en ? "action item A" : "取組A", h->no);
		return;
	}
	if (!h->no) {
		if (h->code)   /* an indicator */
			buf_printf(out, " %s", h->code);
		return;
	}
	if (en)
		buf_putc(out, ' ');
	if (h->kind == STORE_KIND_MEASURE)
		buf_putc(out, 'M');
	else if (h->kind == STORE_KIND_ITEM)
		buf_putc(out, 'A');
	buf_printf(out, "%lld", h->no);
}

/* The snippet again, as plain text: the HTML form unescaped. */
static void plain_snippet(struct buf *out, const char *html)
{
	static const struct { const char *from, *to; } ent[] = {
		{ "<mark>", "**" }, { "</mark>", "**" }, { "&lt;", "<" },
		{ "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
		{ "&amp;", "&" },
	};
	size_t k;

	while (*html) {
		for (k = 0; k < MD_ARRAY_SIZE(ent); k++) {
			size_t n = strlen(ent[k].from);

			if (!strncmp(html, ent[k].from, n)) {
				buf_puts(out, ent[k].to);
				html += n;
				break;
			}
		}
		if (k == MD_ARRAY_SIZE(ent))
			buf_putc(out, *html++);
	}
}

int report_search_text(struct store *st, const struct report_search_q *q,
		       struct buf *out)
{
	struct arena *a = arena_new();
	struct search_result r;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = search_load(st, q, a, &r)))
		goto out;
	if (q->en)
		buf_printf(out, "%ld hits for \"%s\"\n", r.total, r.query);
	else
		buf_printf(out, "「%s」の検索結果 %ld件\n", r.query, r.total);
	for (i = 0; i < r.n; i++) {
		const struct search_hit *h = &r.hit[i];

		buf_printf(out, "%d. [", q->offset + i + 1);
		hit_label(out, h, q->en);
		buf_printf(out, "] %s\n   ", h->title);
		if (*field_label(h->field, q->en))
			buf_printf(out, "%s: ", field_label(h->field, q->en));
		plain_snippet(out, h->snippet);
		buf_puts(out, "\n");
	}
	rc = buf_error(out);
out:
	arena_free(a);
	return rc;
}
