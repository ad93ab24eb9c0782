/* JSON output; jansson is used here and nowhere else. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
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

/* The follow-up rows f selects, as the export and the API give them. */
static json_t *followups_json(struct store *st, struct store_filter *f, int *rc)
{
	struct export_ctx c = { st, json_array() };

	*rc = c.arr ? store_query(st, STORE_Q_EXPORT, f, export_row, &c) : MD_ENOMEM;
	return c.arr;
}

int report_export_json(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct store_filter f;
	json_t *arr;
	int rc;

	memset(&f, 0, sizeof(f));
	f.year = o->year;
	f.ministry = o->ministry;
	f.lead = o->lead;
	arr = followups_json(st, &f, &rc);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return dump(arr, out);
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

/* ---- the JSON API ---- */

#include "internal.h"

static json_t *tab_int(const struct tab *t, int i, const char *col)
{
	return tab_null(t, i, col) ? json_null() : json_integer(tab_i(t, i, col));
}

static json_t *tab_str(const struct tab *t, int i, const char *col)
{
	return json_string(tab_s(t, i, col));
}

/* Wraps arr as {"<key>": arr, "count": n} and dumps it. */
static int api_list(const char *key, json_t *arr, struct buf *out)
{
	json_t *o = json_object();

	if (!o || !arr) {
		json_decref(o);
		json_decref(arr);
		return MD_ENOMEM;
	}
	json_object_set_new(o, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(o, key, arr);
	return dump(o, out);
}

/* The first element, or MD_ENOTFOUND when there is none. */
static int api_one(json_t *arr, struct buf *out)
{
	json_t *o;

	if (!arr)
		return MD_ENOMEM;
	if (!json_array_size(arr)) {
		json_decref(arr);
		return MD_ENOTFOUND;
	}
	o = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return dump(o, out);
}

/* The end of every API call: frees the rows, then writes arr as one
 * object (one) or as a list, or drops it on error. */
static int api_done(struct arena *a, json_t *arr, int rc, int one, const char *key,
		    struct buf *out)
{
	arena_free(a);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return one ? api_one(arr, out) : api_list(key, arr, out);
}

/* The store filter an API query asks for. */
static void api_filter(const struct report_api_q *q, struct store_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (!q)
		return;
	f->year = q->year;
	f->ministry = q->ministry;
	f->lead = q->lead;
	f->goal = q->goal;
	f->measure = q->measure;
}

int report_api_error(int status, const char *message, struct buf *out)
{
	return dump(json_pack("{s:{s:i, s:s}}", "error", "status", status,
			      "message", message), out);
}

int report_api_plans(struct store *st, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct tab t;
	int rc, i;

	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_PLANS, NULL, a, &t))) {
		for (i = 0; i < t.nrow; i++)
			json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}",
				"edition", tab_int(&t, i, "edition"),
				"title", tab_str(&t, i, "title"),
				"adopted", tab_null(&t, i, "adopted") ? json_null() :
					tab_str(&t, i, "adopted"),
				"fy_start", tab_int(&t, i, "fy_start"),
				"fy_end", tab_int(&t, i, "fy_end"),
				"loaded", (int)tab_i(&t, i, "loaded")));
	}
	return api_done(a, arr, rc, 0, "plans", out);
}

int report_api_visions(struct store *st, int no, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct tab v, ls;
	int rc, i, j;

	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_VISIONS, NULL, a, &v)) &&
		 !(rc = tab_load(st, STORE_Q_LISTINGS, NULL, a, &ls))) {
		for (i = 0; i < v.nrow; i++) {
			long long vno = tab_i(&v, i, "no");
			json_t *goals;

			if (no && vno != no)
				continue;
			goals = json_array();
			for (j = 0; j < ls.nrow; j++) {
				if (tab_i(&ls, j, "vision_no") == vno)
					json_array_append_new(goals, json_pack("{s:o, s:o, s:b}",
						"no", tab_int(&ls, j, "goal_no"),
						"title", tab_str(&ls, j, "title"),
						"relisted", (int)tab_i(&ls, j, "relisted")));
			}
			json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:o}",
				"no", tab_int(&v, i, "no"), "title", tab_str(&v, i, "title"),
				"measures", tab_int(&v, i, "measures"),
				"action_items", tab_int(&v, i, "items"), "goals", goals));
		}
	}
	return api_done(a, arr, rc, no != 0, "visions", out);
}

/* Ministries of every item, loaded once: [{code, abbrev, name_ja, name_en, lead}] */
static json_t *item_ministries(const struct tab *m, long long item)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < m->nrow; i++) {
		if (tab_i(m, i, "item_id") != item)
			continue;
		json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:b}",
			"code", tab_str(m, i, "code"), "abbrev", tab_str(m, i, "abbrev"),
			"name_ja", tab_str(m, i, "name_ja"), "name_en", tab_str(m, i, "name_en"),
			"lead", (int)tab_i(m, i, "lead")));
	}
	return arr;
}

static json_t *item_json(const struct tab *it, int i, const struct tab *m)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"no", tab_int(it, i, "no"), "measure_no", tab_int(it, i, "measure_no"),
		"goal_no", tab_int(it, i, "goal_no"), "text", tab_str(it, i, "text"),
		"tag", tab_str(it, i, "tag"), "ministries", item_ministries(m, tab_i(it, i, "id")),
		"source_line", tab_int(it, i, "line"));
}

int report_api_goals(struct store *st, int no, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct tab g, ls, ms, it, mi;
	int rc, i, j, k;

	memset(&f, 0, sizeof(f));
	f.goal = no;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_GOALS, &f, a, &g)) &&
		 !(rc = tab_load(st, STORE_Q_LISTINGS, &f, a, &ls)) &&
		 !(rc = tab_load(st, STORE_Q_MEASURES, &f, a, &ms)) &&
		 !(rc = tab_load(st, STORE_Q_ITEMS, &f, a, &it)) &&
		 !(rc = tab_load(st, STORE_Q_ITEM_MINISTRIES, NULL, a, &mi))) {
		for (i = 0; i < g.nrow; i++) {
			long long gno = tab_i(&g, i, "no");
			json_t *o, *vis = json_array(), *measures = json_array();
			long long nitems = 0, nmeasures = 0;

			for (j = 0; j < ls.nrow; j++) {
				if (tab_i(&ls, j, "goal_no") == gno)
					json_array_append_new(vis, json_pack("{s:o, s:b}",
						"no", tab_int(&ls, j, "vision_no"),
						"relisted", (int)tab_i(&ls, j, "relisted")));
			}
			for (j = 0; j < ms.nrow; j++) {
				json_t *items;

				if (tab_i(&ms, j, "goal_no") != gno)
					continue;
				items = json_array();
				nmeasures++;
				for (k = 0; k < it.nrow; k++) {
					if (tab_i(&it, k, "measure_no") != tab_i(&ms, j, "no"))
						continue;
					nitems++;
					if (no)
						json_array_append_new(items, item_json(&it, k, &mi));
				}
				if (no)
					json_array_append_new(measures, json_pack("{s:o, s:o, s:o}",
						"no", tab_int(&ms, j, "no"),
						"title", tab_str(&ms, j, "title"),
						"action_items", items));
				else
					json_decref(items);
			}
			o = json_pack("{s:o, s:o, s:o, s:I, s:I}",
				"no", tab_int(&g, i, "no"), "title", tab_str(&g, i, "title"),
				"visions", vis, "measure_count", (json_int_t)nmeasures,
				"action_item_count", (json_int_t)nitems);
			if (no) {
				json_object_set_new(o, "issues", tab_str(&g, i, "issues"));
				json_object_set_new(o, "measures", measures);
			} else {
				json_decref(measures);
			}
			json_array_append_new(arr, o);
		}
	}
	return api_done(a, arr, rc, no != 0, "goals", out);
}

int report_api_measures(struct store *st, int no, const struct report_api_q *q,
			struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct tab ms, it, mi;
	int rc, i, k;

	api_filter(q, &f);
	f.measure = no;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_MEASURES, &f, a, &ms)) &&
		 !(rc = tab_load(st, STORE_Q_ITEMS, &f, a, &it)) &&
		 !(rc = tab_load(st, STORE_Q_ITEM_MINISTRIES, NULL, a, &mi))) {
		for (i = 0; i < ms.nrow; i++) {
			json_t *items = json_array();

			for (k = 0; k < it.nrow; k++) {
				if (tab_i(&it, k, "measure_no") == tab_i(&ms, i, "no"))
					json_array_append_new(items, item_json(&it, k, &mi));
			}
			json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:o}",
				"no", tab_int(&ms, i, "no"), "goal_no", tab_int(&ms, i, "goal_no"),
				"title", tab_str(&ms, i, "title"),
				"source_line", tab_int(&ms, i, "line"), "action_items", items));
		}
	}
	return api_done(a, arr, rc, no != 0, "measures", out);
}

int report_api_items(struct store *st, int no, const struct report_api_q *q,
		     struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct tab it, mi, fu;
	int rc, i, k;

	api_filter(q, &f);
	f.item = no;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_ITEMS, &f, a, &it)) &&
		 !(rc = tab_load(st, STORE_Q_ITEM_MINISTRIES, NULL, a, &mi))) {
		for (i = 0; !rc && i < it.nrow; i++) {
			json_t *o = item_json(&it, i, &mi), *fus;
			struct store_filter ff;

			json_array_append_new(arr, o);
			if (!no)
				continue;
			/* one item: its follow-up by fiscal year */
			memset(&ff, 0, sizeof(ff));
			ff.item = no;
			if ((rc = tab_load(st, STORE_Q_FOLLOWUPS, &ff, a, &fu)))
				break;
			fus = json_array();
			json_object_set_new(o, "followups", fus);
			for (k = 0; !rc && k < fu.nrow; k++) {
				struct buf r = BUF_INIT, p = BUF_INIT;
				long long id = tab_i(&fu, k, "id");

				if (!(rc = report_blocks_plain(st, "followup", id, "results", &r)) &&
				    !(rc = report_blocks_plain(st, "followup", id, "plans", &p)))
					json_array_append_new(fus, json_pack("{s:o, s:s, s:s, s:o, s:f, s:o}",
						"fiscal_year", tab_int(&fu, k, "fiscal_year"),
						"results", r.ptr, "plans", p.ptr,
						"match", tab_str(&fu, k, "match_method"),
						"match_score", strtod(tab_s(&fu, k, "match_score"), NULL),
						"source_line", tab_int(&fu, k, "line")));
				buf_release(&r);
				buf_release(&p);
			}
		}
	}
	return api_done(a, arr, rc, no != 0, "action_items", out);
}

int report_api_ministries(struct store *st, const char *code, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct tab m;
	int rc, i;

	memset(&f, 0, sizeof(f));
	f.ministry = code;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = tab_load(st, STORE_Q_MINISTRIES, &f, a, &m))) {
		for (i = 0; i < m.nrow; i++)
			json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
				"code", tab_str(&m, i, "code"), "abbrev", tab_str(&m, i, "abbrev"),
				"name_ja", tab_str(&m, i, "name_ja"),
				"name_en", tab_str(&m, i, "name_en"),
				"action_items", tab_int(&m, i, "involved"),
				"lead", tab_int(&m, i, "lead")));
	}
	return api_done(a, arr, rc, code != 0, "ministries", out);
}

int report_api_followups(struct store *st, const struct report_api_q *q,
			 struct buf *out)
{
	struct store_filter f;
	json_t *arr;
	int rc;

	api_filter(q, &f);
	arr = followups_json(st, &f, &rc);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return api_list("followups", arr, out);
}

int report_search_json(struct store *st, const struct report_search_q *q,
		       struct buf *out)
{
	struct arena *a = arena_new();
	struct search_result r;
	json_t *arr, *root;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = search_load(st, q, a, &r))) {
		arena_free(a);
		return rc;
	}
	arr = json_array();
	for (i = 0; arr && i < r.n; i++) {
		const struct search_hit *h = &r.hit[i];

		json_array_append_new(arr, json_pack("{s:s, s:I, s:o, s:o, s:s, s:s, s:s, s:s}",
			"kind", store_kind_name(h->kind), "id", (json_int_t)h->ref,
			"no", h->no ? json_integer(h->no) : json_null(),
			"fiscal_year", h->fy ? json_integer(h->fy) : json_null(),
			"title", h->title ? h->title : "",
			"field", h->field ? h->field : "",
			"snippet", h->snippet ? h->snippet : "",
			"url", h->url ? h->url : ""));
	}
	root = arr ? json_pack("{s:s, s:I, s:i, s:i, s:o}", "query", r.query,
			       "total", (json_int_t)r.total, "offset", q->offset,
			       "limit", q->limit, "results", arr) : NULL;
	arena_free(a);
	return dump(root, out);
}

/* ---- indicators ---- */

/* A number with only the decimals it has, as a JSON integer when whole. */
static json_t *num_json(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *opt_real(int has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *progress_json(const struct kpi_progress *pr)
{
	json_t *o = json_object();

	json_object_set_new(o, "method", json_string("statcan-cagr"));
	json_object_set_new(o, "status", json_string(kpi_status_code(pr->status)));
	json_object_set_new(o, "reason", pr->reason ?
			    json_string(kpi_reason_code(pr->reason)) : json_null());
	json_object_set_new(o, "base", pr->has_base ?
			    json_pack("{s:i, s:o, s:b}", "year", pr->base_year, "value",
				      num_json(pr->base_value), "defined",
				      pr->base_defined) : json_null());
	json_object_set_new(o, "latest", pr->has_latest ?
			    json_pack("{s:i, s:o}", "year", pr->latest_year, "value",
				      num_json(pr->latest_value)) : json_null());
	json_object_set_new(o, "observed_rate", opt_real(pr->has_rate, pr->rate));
	json_object_set_new(o, "required_rate", opt_real(pr->has_required, pr->required));
	json_object_set_new(o, "ratio", opt_real(pr->has_ratio, pr->ratio));
	json_object_set_new(o, "linear_progress", opt_real(pr->has_linear, pr->linear));
	json_object_set_new(o, "time_elapsed", opt_real(pr->has_elapsed, pr->elapsed));
	json_object_set_new(o, "gap_years", json_integer(pr->gaps));
	json_object_set_new(o, "not_available_after_latest", json_integer(pr->na_after));
	return o;
}

static json_t *breakdown_json(struct arena *a, const struct ind *x, const char *bk)
{
	json_t *o = json_object();
	int i;

	for (i = 0; i < x->ndims; i++) {
		const char *m = ind_member(a, bk, x->dims[i]);

		if (m)
			json_object_set_new(o, x->dims[i], json_string(m));
	}
	return o;
}

static json_t *indicator_json(struct arena *a, const struct ind *x)
{
	json_t *o = json_object(), *vals = json_array(), *dims = json_array();
	int i;

	json_object_set_new(o, "code", json_string(x->code));
	json_object_set_new(o, "name", json_string(x->name_ja));
	json_object_set_new(o, "name_en", json_string(x->name_en));
	json_object_set_new(o, "unit", json_string(x->unit));
	json_object_set_new(o, "unit_en", json_string(x->unit_en));
	json_object_set_new(o, "direction", json_string(x->up ? "up" : "down"));
	json_object_set_new(o, "year_kind", json_string(x->calendar ? "calendar" : "fiscal"));
	json_object_set_new(o, "goal", x->goal_no ? json_integer(x->goal_no) : json_null());
	json_object_set_new(o, "measure", x->measure_no ? json_integer(x->measure_no) :
			    json_null());
	json_object_set_new(o, "baseline", x->has_baseline ?
			    json_pack("{s:i, s:o}", "year", x->baseline_year, "value",
				      num_json(x->baseline_value)) : json_null());
	json_object_set_new(o, "target", x->has_target ?
			    json_pack("{s:i, s:o}", "year", x->target_year, "value",
				      num_json(x->target_value)) : json_null());
	json_object_set_new(o, "target_note", json_string(x->target_note));
	json_object_set_new(o, "source", json_string(x->source));
	json_object_set_new(o, "notes", json_string(x->notes));
	for (i = 0; i < x->ndims; i++)
		json_array_append_new(dims, json_string(x->dims[i]));
	json_object_set_new(o, "breakdowns", dims);
	for (i = 0; i < x->nv; i++) {
		const struct ind_value *v = &x->v[i];

		json_array_append_new(vals, json_pack("{s:i, s:o, s:o, s:b, s:s, s:s, s:s}",
			"year", v->year,
			"value", v->na ? json_null() : num_json(v->value),
			"breakdown", breakdown_json(a, x, v->breakdown),
			"not_available", v->na,
			"note", v->na ? v->na_reason : v->note,
			"source", v->source,
			"date", v->as_of));
	}
	json_object_set_new(o, "values", vals);
	json_object_set_new(o, "status", json_string(kpi_status_code(x->pr.status)));
	json_object_set_new(o, "progress", progress_json(&x->pr));
	return o;
}

static int indicators(struct store *st, const char *code, int api, struct buf *out)
{
	struct arena *a = arena_new();
	struct ind_set s;
	json_t *arr;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = ind_load(st, code, 0, a, &s))) {
		arena_free(a);
		return rc;
	}
	arr = json_array();
	for (i = 0; arr && i < s.n; i++)
		json_array_append_new(arr, indicator_json(a, &s.ind[i]));
	if (!code && !api) {     /* the CLI: a bare array */
		arena_free(a);
		return dump(arr, out);
	}
	return api_done(a, arr, 0, code != NULL, "indicators", out);
}

int report_indicators_json(struct store *st, const char *code, struct buf *out)
{
	return indicators(st, code, 0, out);
}

int report_api_indicators(struct store *st, const char *code, struct buf *out)
{
	return indicators(st, code, 1, out);
}
