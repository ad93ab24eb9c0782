#ifndef MD_REPORT_H
#define MD_REPORT_H
/*
 * report: renders what the store holds for people and programs: the plan
 * tree, lists, one measure with its follow-up, CSV (UTF-8 with BOM, RFC
 * 4180 quoting, for Excel) and JSON (jansson lives here, in json.c).
 *
 * Every function appends to the caller's buf and returns 0 or a negative
 * MD_E* code; on MD_EDB the store has the message.
 */
#include "../base/base.h"
#include "../store/store.h"

struct report_opts {
	int year;             /* fiscal year, 0 = all */
	const char *ministry; /* ministry code, NULL = all */
	int lead;             /* only where that ministry leads */
	int goal;             /* goal number, 0 = all */
	int items;            /* plan tree: show action items too */
	int en;               /* English labels */
};

int report_plan_tree(struct store *st, const struct report_opts *o, struct buf *out);
int report_measures(struct store *st, const struct report_opts *o, struct buf *out);
/* id: "M12" (measure), "A40" (action item) or "12" (measure). */
int report_show(struct store *st, const char *id, const struct report_opts *o,
		struct buf *out);
int report_ministries(struct store *st, const struct report_opts *o, struct buf *out);
int report_history(struct store *st, int json, struct buf *out);
int report_stats_text(struct store *st, struct buf *out);

int report_export_csv(struct store *st, const struct report_opts *o, struct buf *out);
int report_export_json(struct store *st, const struct report_opts *o, struct buf *out);
int report_stats_json(struct store *st, struct buf *out);

/* Plain text of a stored cell's blocks: paragraphs as they are, list items
 * as "・text", one per line. */
int report_blocks_plain(struct store *st, const char *owner, long long id,
			const char *field, struct buf *out);
/* One CSV field, quoted when it needs to be. */
void report_csv_field(struct buf *out, const char *s);

#endif
