/* JSON output; jansson is used here and nowhere else. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "report.h"

static int dump(json_t *j, struct buf *out)
{
	char *s;
	int rc;

	if (!j)
		return MD_ENOMEM;
	s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		return MD_ENOMEM;
	rc = buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
	return rc ? rc : buf_error(out);
}

struct stats_ctx {
	json_t *root;
	json_t *arr;
};

static int stats_counts(void *ctx, const struct store_row *r)
{
	struct stats_ctx *c = ctx;
	static const char *const keys[] = { "visions", "goals", "goal_listings",
		"measures", "action_items" };
	size_t k;

	json_object_set_new(c->root, "edition", json_integer(store_row_int(r, "edition")));
	for (k = 0; k < MD_ARRAY_SIZE(keys); k++)
		json_object_set_new(c->root, keys[k], json_integer(store_row_int(r, keys[k])));
	json_object_set_new(c->root, "untagged_action_items",
			    json_integer(store_row_int(r, "untagged")));
	json_object_set_new(c->root, "priority_areas", json_integer(store_row_int(r, "areas")));
	json_object_set_new(c->root, "platforms", json_integer(store_row_int(r, "platforms")));
	return 0;
}

static int stats_ministry(void *ctx, const struct store_row *r)
{
	struct stats_ctx *c = ctx;

	json_array_append_new(c->arr, json_pack("{s:s, s:s, s:I, s:I}",
		"code", store_row_text(r, "abbrev"),
		"id", store_row_text(r, "code"),
		"involved", (json_int_t)store_row_int(r, "involved"),
		"lead", (json_int_t)store_row_int(r, "lead")));
	return 0;
}

static int stats_followup(void *ctx, const struct store_row *r)
{
	struct stats_ctx *c = ctx;

	json_array_append_new(c->arr, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}",
		"fiscal_year", (json_int_t)store_row_int(r, "fiscal_year"),
		"entries", (json_int_t)store_row_int(r, "entries"),
		"with_results", (json_int_t)store_row_int(r, "with_results"),
		"with_plans", (json_int_t)store_row_int(r, "with_plans"),
		"unmatched", (json_int_t)store_row_int(r, "unmatched"),
		"action_items_covered", (json_int_t)store_row_int(r, "items_covered")));
	return 0;
}

int report_stats_json(struct store *st, struct buf *out)
{
	struct stats_ctx c;
	int rc;

	c.root = json_object();
	if (!c.root)
		return MD_ENOMEM;
	if ((rc = store_query(st, STORE_Q_COUNTS, NULL, stats_counts, &c)))
		goto fail;
	c.arr = json_array();
	json_object_set_new(c.root, "ministries", c.arr);
	if ((rc = store_query(st, STORE_Q_MINISTRIES, NULL, stats_ministry, &c)))
		goto fail;
	c.arr = json_array();
	json_object_set_new(c.root, "followups", c.arr);
	if ((rc = store_query(st, STORE_Q_FOLLOWUP_STATS, NULL, stats_followup, &c)))
		goto fail;
	return dump(c.root, out);
fail:
	json_decref(c.root);
	return rc;
}

struct export_ctx {
	struct store *st;
	json_t *arr;
};

static json_t *blocks_json(struct store *st, long long id, const char *field,
			   int *rc);

struct blk_ctx {
	const char *field;
	json_t *arr;
};

static int blk_row(void *ctx, const struct store_row *r)
{
	struct blk_ctx *b = ctx;

	if (strcmp(store_row_text(r, "field"), b->field))
		return 0;
	json_array_append_new(b->arr, json_pack("{s:s, s:s}",
		"kind", store_row_text(r, "kind"), "text", store_row_text(r, "text")));
	return 0;
}

static json_t *blocks_json(struct store *st, long long id, const char *field,
			   int *rc)
{
	struct blk_ctx b = { field, json_array() };
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.owner = "followup";
	f.id = id;
	*rc = store_query(st, STORE_Q_BLOCKS, &f, blk_row, &b);
	return b.arr;
}

static json_t *opt_int(const struct store_row *r, const char *name)
{
	return store_row_null(r, name) ? json_null() : json_integer(store_row_int(r, name));
}

static int export_row(void *ctx, const struct store_row *r)
{
	struct export_ctx *c = ctx;
	long long id = store_row_int(r, "id");
	struct buf plain = BUF_INIT;
	json_t *o = json_object();
	int rc = 0;

	if (!o)
		return MD_ENOMEM;
	json_object_set_new(o, "fiscal_year", json_integer(store_row_int(r, "fiscal_year")));
	json_object_set_new(o, "vision_no", opt_int(r, "vision_no"));
	json_object_set_new(o, "vision", json_string(store_row_text(r, "vision")));
	json_object_set_new(o, "goal_no", opt_int(r, "goal_no"));
	json_object_set_new(o, "goal", json_string(store_row_text(r, "goal")));
	json_object_set_new(o, "measure_no", opt_int(r, "measure_no"));
	json_object_set_new(o, "measure", json_string(store_row_text(r, "measure")));
	json_object_set_new(o, "action_item_no", opt_int(r, "item_no"));
	json_object_set_new(o, "action_item", json_string(store_row_text(r, "item")));
	json_object_set_new(o, "ministries", json_string(store_row_text(r, "ministries")));
	if (!(rc = report_blocks_plain(c->st, "followup", id, "results", &plain)))
		json_object_set_new(o, "results", json_string(plain.ptr));
	buf_reset(&plain);
	if (!rc && !(rc = report_blocks_plain(c->st, "followup", id, "plans", &plain)))
		json_object_set_new(o, "plans", json_string(plain.ptr));
	if (!rc)
		json_object_set_new(o, "results_blocks", blocks_json(c->st, id, "results", &rc));
	if (!rc)
		json_object_set_new(o, "plans_blocks", blocks_json(c->st, id, "plans", &rc));
	json_object_set_new(o, "match", json_string(store_row_text(r, "match_method")));
	json_object_set_new(o, "source_line", json_integer(store_row_int(r, "line")));
	json_array_append_new(c->arr, o);
	buf_release(&plain);
	return rc;
}

int report_export_json(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct export_ctx c = { st, json_array() };
	struct store_filter f;
	int rc;

	if (!c.arr)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.year = o->year;
	f.ministry = o->ministry;
	f.lead = o->lead;
	if ((rc = store_query(st, STORE_Q_EXPORT, &f, export_row, &c))) {
		json_decref(c.arr);
		return rc;
	}
	return dump(c.arr, out);
}

static int history_row(void *ctx, const struct store_row *r)
{
	json_t *arr = ctx;

	json_array_append_new(arr, json_pack("{s:s, s:I, s:s, s:o, s:o, s:o, s:s}",
		"table", store_row_text(r, "tbl"),
		"row", (json_int_t)store_row_int(r, "row_id"),
		"field", store_row_text(r, "field"),
		"old", store_row_null(r, "old_value") ? json_null() :
			json_string(store_row_text(r, "old_value")),
		"new", store_row_null(r, "new_value") ? json_null() :
			json_string(store_row_text(r, "new_value")),
		"run", store_row_null(r, "run_id") ? json_null() :
			json_integer(store_row_int(r, "run_id")),
		"at", store_row_text(r, "at")));
	return 0;
}

static int history_text(void *ctx, const struct store_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%s %s#%lld %s: \"%s\" -> ", store_row_text(r, "at"),
		   store_row_text(r, "tbl"), store_row_int(r, "row_id"),
		   store_row_text(r, "field"), store_row_text(r, "old_value"));
	if (store_row_null(r, "new_value"))
		buf_puts(out, "(removed)\n");
	else
		buf_printf(out, "\"%s\"\n", store_row_text(r, "new_value"));
	return 0;
}

int report_history(struct store *st, int json, struct buf *out)
{
	json_t *arr;
	int rc;

	if (!json) {
		rc = store_query(st, STORE_Q_HISTORY, NULL, history_text, out);
		return rc ? rc : buf_error(out);
	}
	arr = json_array();
	if (!arr)
		return MD_ENOMEM;
	if ((rc = store_query(st, STORE_Q_HISTORY, NULL, history_row, arr))) {
		json_decref(arr);
		return rc;
	}
	return dump(arr, out);
}
