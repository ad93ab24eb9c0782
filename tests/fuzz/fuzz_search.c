/* libFuzzer target: search. The input is indexed as an action item's text
 * (the tokenizer in document mode, through the triggers) and searched for
 * whole and in part (query mode, the phrase builder, ranking, snippets), in
 * a transaction rolled back each time; the highlight spans must lie inside
 * the text. It is also a restricted document: the results of 経's FY2026
 * round entry (kind entry, owner ministry:meti, the scoped tokenizer): the
 * public and another scope must never count it, its owner must find it.
 * The database holds the real plan and follow-up and the FY2026 round. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "real_db.h"
#include "edit/edit.h"
#include "report/report.h"
#include "store/store.h"

static struct store *st;
static long long measure, entry;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int first_measure(void *ctx, const struct store_measure_row *r)
{
	(void)ctx;
	measure = r->id;
	return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const struct store_actor cli = { STORE_ACTOR_CLI, "fuzz" };
	struct edit_round o = { 2026, "2027-01-31", EDIT_ANY_VERSION, NULL };
	struct edit_result r;
	struct edit *ed;

	st = real_db("fuzz_search");
	store_each_measure(st, NULL, first_measure, NULL);
	if (!(ed = edit_new(st)) || edit_round_open(ed, &cli, &o, &r) ||
	    store_entry_find(st, 2026, 6, "meti", &entry))
		abort();
	edit_free(ed);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT, key = BUF_INIT, out = BUF_INIT;
	struct store_search_q q;
	struct store_hit *hits = NULL;
	struct report_search_q rq;
	struct text_span sp[8];
	struct store_loc loc = { 0, 1, 1 };
	long long id;
	long total;
	int n, cnt, i;

	if (size > 4096)
		return 0;
	buf_add(&text, data, size);   /* NUL-terminated copy */
	memset(&q, 0, sizeof(q));
	memset(&rq, 0, sizeof(rq));
	if (!text_search_key(text.ptr, text.len, &key) &&
	    !text_search_spans(text.ptr, text.len, key.ptr, key.len, sp, 8, &cnt)) {
		for (i = 0; i < cnt && i < 8; i++)
			if (sp[i].start >= sp[i].end || sp[i].end > text.len)
				__builtin_trap();
		/* a non-empty key always finds itself */
		if (key.len && !cnt && !memchr(text.ptr, '\0', text.len) &&
		    !text_utf8_valid(text.ptr, text.len, NULL))
			__builtin_trap();
	}
	if (store_begin(st) == 0) {
		if (!memchr(text.ptr, '\0', text.len) &&
		    store_item_put(st, 0, measure, 9999, text.ptr, key.ptr, "", &loc, &id) == 0) {
			q.text = text.ptr;
			q.limit = 5;
			if (store_search(st, &q, &hits, &n, &total) == 0 && key.len &&
			    !text_utf8_valid(text.ptr, text.len, NULL) && total < 1)
				__builtin_trap();   /* the new item must be found */
			free(hits);
			q.text = text.ptr + size / 2;
			q.kind = STORE_KIND_ITEM;
			store_search(st, &q, &hits, &n, &total);
			free(hits);
			rq.text = text.ptr;
			rq.limit = 3;
			report_search_json(st, &rq, &out);
		}
		store_rollback(st);
	}
	if (store_begin(st) == 0) {
		static const char *const meti[] = { "ministry:meti" }, *const mhlw[] = { "ministry:mhlw" };
		static const struct store_viewer owner = { meti, 1 }, other = { mhlw, 1 };
		static const struct store_actor as = { STORE_ACTOR_CLI, "fuzz" };
		struct store_entry_put d = { text.ptr, "", "draft", 0, "", "", "" };
		long pub = 0, as_other = 0, as_owner = 0;

		memset(&q, 0, sizeof(q));
		q.text = text.ptr;
		q.kind = STORE_KIND_ENTRY;
		if (!memchr(text.ptr, '\0', text.len) && store_run_begin(st, "edit", 0, &as) == 0 &&
		    store_entry_put(st, entry, &d) == 0) {
			if (!store_search(st, &q, &hits, &n, &pub))
				free(hits);
			q.viewer = &other;
			if (!store_search(st, &q, &hits, &n, &as_other))
				free(hits);
			q.viewer = &owner;
			if (!store_search(st, &q, &hits, &n, &as_owner))
				free(hits);
			if (pub || as_other)
				__builtin_trap();   /* seen without its scope */
			if (key.len && !text_utf8_valid(text.ptr, text.len, NULL) && as_owner != 1)
				__builtin_trap();   /* its owner must find it */
		}
		store_rollback(st);
	}
	buf_release(&text);
	buf_release(&key);
	buf_release(&out);
	return 0;
}
