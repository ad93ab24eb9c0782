/*
 * A ministry's round entries as the offline workbook's rows (report.h,
 * report_round_book_load()); xlsx.c writes them.
 */
#include <string.h>

#include "../text/text.h"
#include "report.h"

int report_round_book_load(struct store *st, int year, const char *ministry,
			   struct arena *a, struct report_round_book *out)
{
	struct store_filter f;
	struct store_round_row *r;
	struct store_round_entry_row *e;
	struct import_round_row *row;
	const struct text_ministry *m;
	int n, nr, i, k = 0, idx, rc;

	idx = ministry ? text_ministry_find(ministry, strlen(ministry)) : -1;
	if (idx < 0)
		return MD_EINPUT;
	m = text_ministry_at(idx);
	memset(&f, 0, sizeof(f));
	f.year = year;
	if ((rc = store_load_round(st, &f, a, &r, &nr)))
		return rc;
	if (!nr)
		return MD_ENOTFOUND;
	f.ministry = m->code;
	if ((rc = store_load_round_entry(st, &f, a, &e, &n)))
		return rc;
	row = arena_alloc(a, sizeof(*row) * (size_t)(n + 1));
	if (!row)
		return MD_ENOMEM;
	for (i = 0; i < n; i++) {
		struct import_round_row *w = &row[k];
		struct buf prev = BUF_INIT;

		if (e[i].consolidated || strcmp(e[i].ministry, m->code))
			continue;
		memset(w, 0, sizeof(*w));
		w->key = import_round_key(year, e[i].item_no, m->code, a);
		w->version = e[i].version;
		w->item_no = e[i].item_no;
		w->item = e[i].item_text;
		w->ministry = m->code;
		w->ministry_name = m->name_ja;
		w->results = e[i].results;
		w->plans = e[i].plans;
		/* 取組予定 of last year: the commitment copied when the round opened */
		rc = report_blocks_plain(st, "round_entry", e[i].id, "commitment", &prev);
		w->prev_plans = rc ? NULL : arena_strdup(a, prev.ptr);
		buf_release(&prev);
		if (rc)
			return rc;
		if (!w->key || !w->prev_plans)
			return MD_ENOMEM;
		k++;
	}
	memset(out, 0, sizeof(*out));
	out->fiscal_year = year;
	out->ministry_name = m->name_ja;
	out->deadline = r[0].deadline;
	out->row = row;
	out->n = k;
	return arena_error(a) ? MD_ENOMEM : 0;
}

/* ---- the reminders' record ---- */

static int reminder_text(void *ctx, const struct store_reminder_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%s\tFY%lld\t%s\t%s\t%s\t%s\t%s\t%s%s%s\n", *r->sent_at ? r->sent_at :
		   r->created_at, r->fiscal_year, r->step, r->account, r->address, r->status,
		   r->entries, r->subject, *r->error ? "\terror: " : "", r->error);
	return buf_error(out);
}

int report_reminders(struct store *st, int year, int json, struct buf *out)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.year = year;
	if (json)
		return report_reminders_json_(st, &f, out);
	return store_each_reminder(st, &f, reminder_text, out);
}
