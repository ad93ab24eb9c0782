/* JSON output; jansson is used here and nowhere else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <jansson.h>

#include "report.h"
#include "../html/msg.h"

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

static int stats_counts(void *ctx, const struct store_count_row *r)
{
	struct stats_ctx *c = ctx;

	json_object_set_new(c->root, "edition", json_integer(r->edition));
	json_object_set_new(c->root, "visions", json_integer(r->visions));
	json_object_set_new(c->root, "goals", json_integer(r->goals));
	json_object_set_new(c->root, "goal_listings", json_integer(r->goal_listings));
	json_object_set_new(c->root, "measures", json_integer(r->measures));
	json_object_set_new(c->root, "action_items", json_integer(r->action_items));
	json_object_set_new(c->root, "untagged_action_items", json_integer(r->untagged));
	json_object_set_new(c->root, "priority_areas", json_integer(r->areas));
	json_object_set_new(c->root, "platforms", json_integer(r->platforms));
	return 0;
}

static int stats_ministry(void *ctx, const struct store_ministry_row *r)
{
	struct stats_ctx *c = ctx;

	json_array_append_new(c->arr, json_pack("{s:s, s:s, s:I, s:I}",
		"code", r->abbrev,
		"id", r->code,
		"involved", (json_int_t)r->involved,
		"lead", (json_int_t)r->lead));
	return 0;
}

static int stats_followup(void *ctx, const struct store_followup_stat_row *r)
{
	struct stats_ctx *c = ctx;

	json_array_append_new(c->arr, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}",
		"fiscal_year", (json_int_t)r->fiscal_year,
		"entries", (json_int_t)r->entries,
		"with_results", (json_int_t)r->with_results,
		"with_plans", (json_int_t)r->with_plans,
		"unmatched", (json_int_t)r->unmatched,
		"action_items_covered", (json_int_t)r->items_covered));
	return 0;
}

int report_stats_json(struct store *st, struct buf *out)
{
	struct stats_ctx c;
	int rc;

	c.root = json_object();
	if (!c.root)
		return MD_ENOMEM;
	if ((rc = store_each_count(st, NULL, stats_counts, &c)))
		goto fail;
	c.arr = json_array();
	json_object_set_new(c.root, "ministries", c.arr);
	if ((rc = store_each_ministry(st, NULL, stats_ministry, &c)))
		goto fail;
	c.arr = json_array();
	json_object_set_new(c.root, "followups", c.arr);
	if ((rc = store_each_followup_stat(st, NULL, stats_followup, &c)))
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

static int blk_row(void *ctx, const struct store_block_row *r)
{
	struct blk_ctx *b = ctx;

	if (strcmp(r->field, b->field))
		return 0;
	json_array_append_new(b->arr, json_pack("{s:s, s:s}",
		"kind", r->kind, "text", r->text));
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
	*rc = store_each_block(st, &f, blk_row, &b);
	return b.arr;
}

/* An integer, or null where SQL said NULL. */
static json_t *opt_int(int null, long long v)
{
	return null ? json_null() : json_integer(v);
}

/* Field f of row r, null where SQL said NULL. */
#define OI(r, f) opt_int((r).null.f, (r).f)

static int export_row(void *ctx, const struct store_export_row *r)
{
	struct export_ctx *c = ctx;
	long long id = r->id;
	struct buf plain = BUF_INIT;
	json_t *o = json_object();
	int rc = 0;

	if (!o)
		return MD_ENOMEM;
	json_object_set_new(o, "fiscal_year", json_integer(r->fiscal_year));
	json_object_set_new(o, "vision_no", opt_int(r->null.vision_no, r->vision_no));
	json_object_set_new(o, "vision", json_string(r->vision));
	json_object_set_new(o, "goal_no", opt_int(r->null.goal_no, r->goal_no));
	json_object_set_new(o, "goal", json_string(r->goal));
	json_object_set_new(o, "measure_no", opt_int(r->null.measure_no, r->measure_no));
	json_object_set_new(o, "measure", json_string(r->measure));
	json_object_set_new(o, "action_item_no", opt_int(r->null.item_no, r->item_no));
	json_object_set_new(o, "action_item", json_string(r->item));
	json_object_set_new(o, "ministries", json_string(r->ministries));
	if (!(rc = report_blocks_plain(c->st, "followup", id, "results", &plain)))
		json_object_set_new(o, "results", json_string(plain.ptr));
	buf_reset(&plain);
	if (!rc && !(rc = report_blocks_plain(c->st, "followup", id, "plans", &plain)))
		json_object_set_new(o, "plans", json_string(plain.ptr));
	if (!rc)
		json_object_set_new(o, "results_blocks", blocks_json(c->st, id, "results", &rc));
	if (!rc)
		json_object_set_new(o, "plans_blocks", blocks_json(c->st, id, "plans", &rc));
	json_object_set_new(o, "match", json_string(r->match_method));
	json_object_set_new(o, "source_file", json_string(strrchr(r->source, '/') ?
		strrchr(r->source, '/') + 1 : r->source));
	json_object_set_new(o, "source_line", json_integer(r->line));
	json_array_append_new(c->arr, o);
	buf_release(&plain);
	return rc;
}

/* The follow-up rows f selects, as the export and the API give them. */
static json_t *followups_json(struct store *st, struct store_filter *f, int *rc)
{
	struct export_ctx c = { st, json_array() };

	*rc = c.arr ? store_each_export(st, f, export_row, &c) : MD_ENOMEM;
	return c.arr;
}

/* What a download says about itself: the attribution the terms of use
 * ask for and the legend of "match" (the codes are for programs; the
 * words and their meaning are here). */
static void about_json(json_t *o, int en)
{
	static const struct { const char *code; enum msg text; } m[] = {
		{ "exact", MSG_HELP_MATCH_EXACT }, { "similar", MSG_HELP_MATCH_SIMILAR },
		{ "position", MSG_HELP_MATCH_POSITION }, { "none", MSG_HELP_MATCH_NONE },
	};
	json_t *legend = json_object();
	size_t k;

	json_object_set_new(o, "attribution", json_string(msg_get(MSG_ATTRIBUTION, en)));
	json_object_set_new(o, "terms", json_string(msg_get(MSG_TERMS, en)));
	for (k = 0; k < MD_ARRAY_SIZE(m); k++)
		json_object_set_new(legend, m[k].code, json_string(msg_get(m[k].text, en)));
	json_object_set_new(o, "match_legend", legend);
}

int report_export_json(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct store_filter f;
	json_t *arr, *doc = json_object();
	int rc;

	memset(&f, 0, sizeof(f));
	f.year = o->year;
	f.ministry = o->ministry;
	f.lead = o->lead;
	arr = followups_json(st, &f, &rc);
	if (rc || !doc || !arr) {
		json_decref(arr);
		json_decref(doc);
		return rc ? rc : MD_ENOMEM;
	}
	about_json(doc, o->en);
	json_object_set_new(doc, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(doc, "followups", arr);
	return dump(doc, out);
}

static int history_row(void *ctx, const struct store_history_row *r)
{
	json_t *arr = ctx;

	json_array_append_new(arr, json_pack("{s:s, s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:s,"
					     " s:s, s:I}",
		"table", r->tbl,
		"row", (json_int_t)r->row_id,
		"what", r->what,
		"year", r->null.year ? json_null() : json_integer(r->year),
		"field", r->field,
		"old", r->null.old_value ? json_null() :
			json_string(r->old_value),
		"new", r->null.new_value ? json_null() :
			json_string(r->new_value),
		"run", r->null.run_id ? json_null() :
			json_integer(r->run_id),
		"at", r->at,
		"actor", r->actor,
		"version", (json_int_t)r->version));
	return 0;
}

/* "2026-… A40 「…」 (action_item#40) text: "old" -> "new"": what the row
 * was when it changed, as people name it, then its identity. */
static int history_text(void *ctx, const struct store_history_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%s ", r->at);
	if (*r->what && !strncmp(r->tbl, "indicator", 9))
		/* an indicator is its code ("HUB-COURSES", "HUB-COURSES 2024"):
		 * the row id adds nothing a reader can use */
		buf_printf(out, "%s", r->what);
	else if (*r->what)
		buf_printf(out, "%s (%s#%lld)", r->what, r->tbl, r->row_id);
	else
		buf_printf(out, "%s#%lld", r->tbl, r->row_id);
	buf_printf(out, " v%lld ", r->version);
	if (!strcmp(r->field, "inserted") || !strcmp(r->field, "retired") ||
	    !strcmp(r->field, "restored")) {
		buf_puts(out, r->field);
	} else if (!strcmp(r->field, "outline")) {   /* what a plan import did */
		buf_printf(out, "outline: %s", r->new_value);
	} else {
		buf_printf(out, "%s: \"%s\" -> ", r->field, r->old_value);
		if (r->null.new_value)
			buf_puts(out, "(removed)");
		else
			buf_printf(out, "\"%s\"", r->new_value);
	}
	buf_printf(out, " by %s\n", r->actor);
	return 0;
}

int report_history(struct store *st, int json, struct buf *out)
{
	json_t *arr;
	int rc;

	if (!json) {
		rc = store_each_history(st, NULL, history_text, out);
		return rc ? rc : buf_error(out);
	}
	arr = json_array();
	if (!arr)
		return MD_ENOMEM;
	if ((rc = store_each_history(st, NULL, history_row, arr))) {
		json_decref(arr);
		return rc;
	}
	return dump(arr, out);
}

/* ---- the JSON API ---- */

#include "report.h"

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
	struct store_plan_row *p;
	int rc, i, n;

	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_plan(st, NULL, a, &p, &n))) {
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:o, s:s, s:o, s:o, s:o, s:b}",
				"edition", OI(p[i], edition),
				"title", p[i].title,
				"adopted", p[i].null.adopted ? json_null() :
					json_string(p[i].adopted),
				"fy_start", opt_int(p[i].null.fy_start, p[i].fy_start),
				"fy_end", opt_int(p[i].null.fy_end, p[i].fy_end),
				"loaded", (int)p[i].loaded));
	}
	return api_done(a, arr, rc, 0, "plans", out);
}

int report_api_visions(struct store *st, int no, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_vision_row *v;
	struct store_listing_row *ls;
	int rc, i, j, nv, nls;

	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_vision(st, NULL, a, &v, &nv)) &&
		 !(rc = store_load_listing(st, NULL, a, &ls, &nls))) {
		for (i = 0; i < nv; i++) {
			json_t *goals;

			if (no && v[i].no != no)
				continue;
			goals = json_array();
			for (j = 0; j < nls; j++) {
				if (ls[j].vision_no == v[i].no)
					json_array_append_new(goals, json_pack("{s:o, s:s, s:b}",
						"no", OI(ls[j], goal_no),
						"title", ls[j].title,
						"relisted", (int)ls[j].relisted));
			}
			json_array_append_new(arr, json_pack("{s:o, s:s, s:o, s:o, s:o}",
				"no", OI(v[i], no), "title", v[i].title,
				"measures", OI(v[i], measures),
				"action_items", OI(v[i], items), "goals", goals));
		}
	}
	return api_done(a, arr, rc, no != 0, "visions", out);
}

/* Every item's ministries, loaded once. */
struct item_mins {
	struct store_item_ministry_row *m;
	int n;
};

/* [{code, abbrev, name_ja, name_en, lead}] of one item */
static json_t *item_ministries(const struct item_mins *m, long long item)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < m->n; i++) {
		const struct store_item_ministry_row *r = &m->m[i];

		if (r->item_id != item)
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:b}",
			"code", r->code, "abbrev", r->abbrev,
			"name_ja", r->name_ja, "name_en", r->name_en, "lead", (int)r->lead));
	}
	return arr;
}

static json_t *item_json(const struct store_item_row *r, const struct item_mins *m)
{
	return json_pack("{s:o, s:o, s:o, s:s, s:s, s:o, s:o}",
		"no", OI(*r, no), "measure_no", OI(*r, measure_no),
		"goal_no", OI(*r, goal_no), "text", r->text,
		"tag", r->tag, "ministries", item_ministries(m, r->id),
		"source_line", OI(*r, line));
}

int report_api_goals(struct store *st, int no, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct store_goal_row *g;
	struct store_listing_row *ls;
	struct store_measure_row *ms;
	struct store_item_row *it;
	struct item_mins mi;
	int rc, i, j, k, ng, nls, nms, nit;

	memset(&f, 0, sizeof(f));
	f.goal = no;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_goal(st, &f, a, &g, &ng)) &&
		 !(rc = store_load_listing(st, &f, a, &ls, &nls)) &&
		 !(rc = store_load_measure(st, &f, a, &ms, &nms)) &&
		 !(rc = store_load_item(st, &f, a, &it, &nit)) &&
		 !(rc = store_load_item_ministry(st, NULL, a, &mi.m, &mi.n))) {
		for (i = 0; i < ng; i++) {
			json_t *o, *vis = json_array(), *measures = json_array();
			long long nitems = 0, nmeasures = 0;

			for (j = 0; j < nls; j++) {
				if (ls[j].goal_no == g[i].no)
					json_array_append_new(vis, json_pack("{s:o, s:b}",
						"no", OI(ls[j], vision_no),
						"relisted", (int)ls[j].relisted));
			}
			for (j = 0; j < nms; j++) {
				json_t *items;

				if (ms[j].goal_no != g[i].no)
					continue;
				items = json_array();
				nmeasures++;
				for (k = 0; k < nit; k++) {
					if (it[k].measure_no != ms[j].no)
						continue;
					nitems++;
					if (no)
						json_array_append_new(items, item_json(&it[k], &mi));
				}
				if (no)
					json_array_append_new(measures, json_pack("{s:o, s:s, s:o}",
						"no", OI(ms[j], no),
						"title", ms[j].title,
						"action_items", items));
				else
					json_decref(items);
			}
			o = json_pack("{s:o, s:s, s:o, s:I, s:I}",
				"no", OI(g[i], no), "title", g[i].title,
				"visions", vis, "measure_count", (json_int_t)nmeasures,
				"action_item_count", (json_int_t)nitems);
			if (no) {
				json_object_set_new(o, "issues", json_string(g[i].issues));
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
	struct store_measure_row *ms;
	struct store_item_row *it;
	struct item_mins mi;
	int rc, i, k, nms, nit;

	api_filter(q, &f);
	f.measure = no;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_measure(st, &f, a, &ms, &nms)) &&
		 !(rc = store_load_item(st, &f, a, &it, &nit)) &&
		 !(rc = store_load_item_ministry(st, NULL, a, &mi.m, &mi.n))) {
		for (i = 0; i < nms; i++) {
			json_t *items = json_array();

			for (k = 0; k < nit; k++) {
				if (it[k].measure_no == ms[i].no)
					json_array_append_new(items, item_json(&it[k], &mi));
			}
			json_array_append_new(arr, json_pack("{s:o, s:o, s:s, s:o, s:o}",
				"no", OI(ms[i], no), "goal_no", OI(ms[i], goal_no),
				"title", ms[i].title,
				"source_line", OI(ms[i], line), "action_items", items));
		}
	}
	return api_done(a, arr, rc, no != 0, "measures", out);
}

/* A score as SQLite's text gave it (15 significant digits), so the API
 * says what it always said. */
static double sig15(double v)
{
	char b[40];

	snprintf(b, sizeof(b), "%.15g", v);
	return strtod(b, NULL);
}

/* Items f selects; one: a single item (by number or identity), with its
 * follow-up by fiscal year; by_id: also its identity and whether the plan
 * retired it (then no is null, retired_no the number it had). */
static int api_items(struct store *st, struct store_filter *f, int one, int by_id,
		     struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_item_row *it;
	struct store_followup_row *fu;
	struct item_mins mi;
	int rc, i, k, nit, nfu;

	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_item(st, f, a, &it, &nit)) &&
		 /* one item: just its ministries */
		 !(rc = store_load_item_ministry(st, &(struct store_filter){
				.id = one && nit == 1 ? it[0].id : 0 }, a, &mi.m, &mi.n))) {
		for (i = 0; !rc && i < nit; i++) {
			json_t *o = item_json(&it[i], &mi), *fus;
			struct store_filter ff;

			json_array_append_new(arr, o);
			if (!one)
				continue;
			if (by_id) {
				json_object_set_new(o, "id", json_integer(it[i].id));
				json_object_set_new(o, "retired", json_boolean(it[i].retired));
				if (it[i].retired) {
					json_object_set_new(o, "no", json_null());
					json_object_set_new(o, "retired_no",
							    json_integer(it[i].retired_no));
					json_object_set_new(o, "retired_at",
							    json_string(it[i].retired_at));
				}
			}
			/* one item: its follow-up by fiscal year */
			memset(&ff, 0, sizeof(ff));
			ff.id = it[i].id;
			if ((rc = store_load_followup(st, &ff, a, &fu, &nfu)))
				break;
			fus = json_array();
			json_object_set_new(o, "followups", fus);
			for (k = 0; !rc && k < nfu; k++) {
				struct buf r = BUF_INIT, p = BUF_INIT;

				if (!(rc = report_blocks_plain(st, "followup", fu[k].id, "results", &r)) &&
				    !(rc = report_blocks_plain(st, "followup", fu[k].id, "plans", &p)))
					json_array_append_new(fus, json_pack("{s:o, s:s, s:s, s:s, s:f, s:o}",
						"fiscal_year", OI(fu[k], fiscal_year),
						"results", r.ptr, "plans", p.ptr,
						"match", fu[k].match_method,
						"match_score", sig15(fu[k].match_score),
						"source_line", OI(fu[k], line)));
				buf_release(&r);
				buf_release(&p);
			}
		}
	}
	return api_done(a, arr, rc, one, "action_items", out);
}

int report_api_items(struct store *st, int no, const struct report_api_q *q,
		     struct buf *out)
{
	struct store_filter f;

	api_filter(q, &f);
	f.item = no;
	return api_items(st, &f, no != 0, 0, out);
}

int report_api_item_id(struct store *st, long long id, struct buf *out)
{
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.id = id;
	return api_items(st, &f, 1, 1, out);
}

int report_api_ministries(struct store *st, const char *code, struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_filter f;
	struct store_ministry_row *m;
	int rc, i, n;

	memset(&f, 0, sizeof(f));
	f.ministry = code;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_ministry(st, &f, a, &m, &n))) {
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}",
				"code", m[i].code, "abbrev", m[i].abbrev,
				"name_ja", m[i].name_ja,
				"name_en", m[i].name_en,
				"action_items", OI(m[i], involved),
				"lead", OI(m[i], lead)));
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

		json_t *o = json_pack("{s:s, s:I, s:o, s:o, s:s, s:s, s:s, s:s}",
			"kind", store_kind_name(h->kind), "id", (json_int_t)h->ref,
			"no", h->no ? json_integer(h->no) : json_null(),
			"fiscal_year", h->fy ? json_integer(h->fy) : json_null(),
			"title", h->title ? h->title : "",
			"field", h->field ? h->field : "",
			"snippet", h->snippet ? h->snippet : "",
			"url", h->url ? h->url : "");

		/* a round entry (only its readers get one): whose, in what state */
		if (o && h->kind == STORE_KIND_ENTRY)
			json_object_update_new(o, json_pack("{s:b, s:s, s:o, s:b}", "draft", 1,
				"state", h->state ? h->state : "",
				"ministry", h->consolidated || !h->ministry ? json_null() :
				json_string(h->ministry), "consolidated", h->consolidated));
		json_array_append_new(arr, o);
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

/* ---- accounts and the audit trail ---- */

/* A JSON string of text that should be UTF-8: what a client sent (a user
 * agent, an address) may not be, and is then shown with ? for bad bytes
 * rather than dropped. */
static json_t *jtext(const char *s)
{
	json_t *j = json_string(s ? s : "");
	struct buf b = BUF_INIT;
	size_t i, n;

	if (j || !s)
		return j;
	n = strlen(s);
	for (i = 0; i < n; i++) {
		size_t bad;

		if (!text_utf8_valid(s + i, n - i, &bad)) {
			buf_add(&b, s + i, n - i);
			break;
		}
		buf_add(&b, s + i, bad);
		buf_putc(&b, '?');
		i += bad;
	}
	j = buf_error(&b) ? NULL : json_string(b.ptr);
	buf_release(&b);
	return j;
}

static json_t *jset(unsigned set, int roles)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; arr && i < 32; i++) {
		if (!(set & (1u << i)))
			continue;
		if (roles && auth_role_name(1u << i))
			json_array_append_new(arr, json_string(auth_role_name(1u << i)));
		else if (!roles && i < text_ministry_count())
			json_array_append_new(arr, json_string(text_ministry_at(i)->code));
	}
	return arr;
}

int report_users_json_(const struct auth_user *u, int n, struct buf *out)
{
	json_t *arr = json_array();
	char t[32];
	int i;

	for (i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:b, s:o, s:o, s:s}",
			"name", u[i].name, "display", jtext(u[i].display),
			"email", jtext(u[i].email), "disabled", u[i].disabled,
			"roles", jset(u[i].roles, 1), "ministries", jset(u[i].ministries, 0),
			"created", report_iso_time_(u[i].created, t)));
	return dump(arr, out);
}

int report_sessions_json_(const struct auth_session *s, int n, struct buf *out)
{
	json_t *arr = json_array();
	char t1[32], t2[32], t3[32], t4[32];
	int i;

	for (i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:b, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
			"id", (json_int_t)s[i].id, "live", s[i].live,
			"created", report_iso_time_(s[i].created, t1),
			"last_seen", report_iso_time_(s[i].last_seen, t2),
			"expires", report_iso_time_(s[i].expires, t3),
			"revoked", s[i].revoked ? json_string(report_iso_time_(s[i].revoked, t4)) : json_null(),
			"reason", s[i].revoked ? jtext(s[i].revoke_reason) : json_null(),
			"address", jtext(s[i].address), "user_agent", jtext(s[i].user_agent)));
	return dump(arr, out);
}

static int audit_row(void *ctx, const struct store_audit_row *r)
{
	json_t *arr = ctx;
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"seq", (json_int_t)r->seq, "time", jtext(r->time), "actor", jtext(r->actor),
		"address", jtext(r->address), "action", jtext(r->action),
		"target", jtext(r->target),
		"before", r->null.before ? json_null() : jtext(r->before),
		"after", r->null.after ? json_null() : jtext(r->after),
		"request_id", jtext(r->request_id), "hash", jtext(r->hash));

	if (!o)
		return MD_ENOMEM;
	return json_array_append_new(arr, o) ? MD_ENOMEM : 0;
}

int report_audit_json_(struct store *st, const struct store_filter *f, struct buf *out)
{
	json_t *arr = json_array();
	int rc;

	if (!arr)
		return MD_ENOMEM;
	if ((rc = store_each_audit(st, f, audit_row, arr))) {
		json_decref(arr);
		return rc;
	}
	return dump(arr, out);
}

/* ---- programmes ---- */

static json_t *budget_json(const struct store_budget_row *b)
{
	json_t *o = json_object();

	json_object_set_new(o, "fiscal_year", json_integer(b->fiscal_year));
	json_object_set_new(o, "kind", json_string(b->kind));
	json_object_set_new(o, "amount_yen", json_integer(b->amount_yen));
	json_object_set_new(o, "as_written", json_string(b->as_written));
	json_object_set_new(o, "share_of_larger", json_boolean(b->share_of_larger));
	json_object_set_new(o, "source", json_string(b->source));
	return o;
}

int report_programmes_json(struct store *st, const struct prog_q *q, struct buf *out)
{
	struct arena *a = arena_new();
	struct prog_set s;
	json_t *root, *arr;
	int rc, i, j;

	if (!a)
		return MD_ENOMEM;
	if ((rc = prog_load(st, q, a, &s))) {
		arena_free(a);
		return rc;
	}
	root = json_object();
	arr = json_array();
	json_object_set_new(root, "count", json_integer(s.n));
	for (i = 0; i < s.n; i++) {
		const struct prog *x = &s.p[i];
		json_t *o = json_object(), *b = json_array(), *m = json_array(),
			*it = json_array();

		json_object_set_new(o, "code", json_string(x->p->code));
		json_object_set_new(o, "name_ja", json_string(x->p->name_ja));
		json_object_set_new(o, "ministry", json_string(x->p->ministry));
		json_object_set_new(o, "parent", json_string(x->p->parent));
		json_object_set_new(o, "successor", json_string(x->p->successor));
		json_object_set_new(o, "first_year",
				    opt_int(x->p->null.first_year, x->p->first_year));
		json_object_set_new(o, "last_year",
				    opt_int(x->p->null.last_year, x->p->last_year));
		json_object_set_new(o, "body", json_string(x->p->body));
		for (j = 0; j < x->nb; j++)
			json_array_append_new(b, budget_json(&x->b[j]));
		for (j = 0; j < x->nl; j++) {
			if (strcmp(x->l[j].status, "confirmed"))
				continue;
			if (!x->l[j].null.measure_no)
				json_array_append_new(m, json_integer(x->l[j].measure_no));
			else
				json_array_append_new(it, json_integer(x->l[j].item_no));
		}
		json_object_set_new(o, "budgets", b);
		json_object_set_new(o, "measures", m);
		json_object_set_new(o, "items", it);
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "programmes", arr);
	arena_free(a);
	return dump(root, out);
}

int report_budgets_json(struct store *st, const char *by, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct prog_q q = { 0 };
	struct prog_set s;
	struct prog_totals t;
	json_t *root, *arr;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = prog_load(st, &q, a, &s)) ||
	    (rc = prog_totals(st, &s, by, year, a, &t))) {
		arena_free(a);
		return rc;
	}
	root = json_object();
	arr = json_array();
	json_object_set_new(root, "rule", json_string(PROG_TOTAL_RULE));
	json_object_set_new(root, "by", json_string(by ? by : "ministry"));
	for (i = 0; i < t.n; i++) {
		const struct prog_total *x = &t.t[i];
		json_t *o = json_object();

		json_object_set_new(o, "fiscal_year", json_integer(x->fiscal_year));
		json_object_set_new(o, "kind", json_string(x->kind));
		json_object_set_new(o, "group", json_string(x->group));
		json_object_set_new(o, "programmes", json_integer(x->programmes));
		json_object_set_new(o, "total_yen", json_integer(x->low_yen));
		json_object_set_new(o, "total_yen_high", json_integer(x->high_yen));
		json_object_set_new(o, "disagreeing", json_integer(x->disagree));
		json_object_set_new(o, "shares_of_larger", json_integer(x->shares));
		json_object_set_new(o, "shares_of_larger_yen", json_integer(x->shares_yen));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "totals", arr);
	arena_free(a);
	return dump(root, out);
}

static int hub_row(void *ctx, const struct store_hub_row *h)
{
	json_t *o = json_object();

	json_object_set_new(o, "programme", json_string(h->code));
	json_object_set_new(o, "kind", json_string(h->kind));
	json_object_set_new(o, "stage", json_string(h->stage));
	json_object_set_new(o, "institution", json_string(h->institution));
	json_object_set_new(o, "category", json_string(h->category));
	json_object_set_new(o, "count", opt_int(h->null.count, h->count));
	json_object_set_new(o, "budget_per_hub", json_string(h->budget_per_hub));
	json_object_set_new(o, "budget_per_hub_yen",
			    opt_int(h->null.budget_per_hub_yen, h->budget_per_hub_yen));
	json_object_set_new(o, "fiscal_years", json_string(h->fiscal_years));
	json_object_set_new(o, "as_of", json_string(h->as_of));
	json_object_set_new(o, "prefecture", json_string(h->prefecture));
	json_object_set_new(o, "prefecture_basis", json_string(h->prefecture_basis));
	json_object_set_new(o, "results", json_string(h->results));
	json_object_set_new(o, "note", json_string(h->note));
	json_object_set_new(o, "source", json_string(h->source));
	return json_array_append_new(ctx, o) ? MD_ENOMEM : 0;
}

int report_hubs_json(struct store *st, struct buf *out)
{
	json_t *root = json_object(), *arr = json_array();
	int rc = store_each_hub(st, NULL, hub_row, arr);

	if (rc) {
		json_decref(root);
		json_decref(arr);
		return rc;
	}
	json_object_set_new(root, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(root, "hubs", arr);
	return dump(root, out);
}

/* ---- the follow-up round's status (round.c has the figures) ---- */

static json_t *states_json(const int *n)
{
	json_t *o = json_object();
	int k;

	for (k = 0; o && k < REPORT_ROUND_STATES; k++)
		json_object_set_new(o, report_round_state_name(k), json_integer(n[k]));
	return o;
}

int report_round_status_json(struct store *st, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct report_round r;
	json_t *root = NULL, *arr;
	const char *p;
	char *end;
	int rc, i;

	if (!a)
		return MD_ENOMEM;
	if ((rc = report_round_load(st, year, a, &r)))
		goto out;
	rc = MD_ENOMEM;
	root = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:i, s:i}",
			 "fiscal_year", (json_int_t)r.round.fiscal_year,
			 "plan", (json_int_t)r.round.plan_edition,
			 "state", jtext(r.round.state), "deadline", jtext(r.round.deadline),
			 "opened_by", jtext(r.round.opened_by),
			 "opened_at", jtext(r.round.opened_at), "entries", r.nentries,
			 "states", states_json(r.states),
			 "consolidated", states_json(r.consolidated),
			 "overdue", r.overdue, "flagged", r.flagged);
	if (!root || !(arr = json_array()))
		goto out;
	/* "14,7,1" as the round stores it: [14, 7, 1]; [] when not set */
	json_object_set_new(root, "remind_days", arr);
	for (p = r.round.remind_days; p && *p; p = *end ? end + 1 : end) {
		long d = strtol(p, &end, 10);

		if (end == p || json_array_append_new(arr, json_integer(d)))
			goto out;
	}
	if (!(arr = json_array()))
		goto out;
	json_object_set_new(root, "ministries", arr);
	for (i = 0; i < r.nministries; i++) {
		const struct report_round_ministry *m = &r.ministry[i];

		if (json_array_append_new(arr, json_pack("{s:o, s:o, s:i, s:o, s:i, s:i}",
				"code", jtext(m->code), "abbrev", jtext(m->abbrev),
				"entries", m->entries, "states", states_json(m->states),
				"overdue", m->overdue, "flagged", m->flagged)))
			goto out;
	}
	if (!(arr = json_array()))
		goto out;
	json_object_set_new(root, "goals", arr);
	for (i = 0; i < r.ngoals; i++) {
		if (json_array_append_new(arr, json_pack("{s:I, s:i, s:i, s:i}",
				"goal", (json_int_t)r.goal[i].goal_no, "entries", r.goal[i].entries,
				"submitted", r.goal[i].submitted, "accepted", r.goal[i].accepted)))
			goto out;
	}
	if (!(arr = json_array()))
		goto out;
	json_object_set_new(root, "attention", arr);
	for (i = 0; i < r.nentries; i++) {
		const struct store_round_entry_row *e = &r.entry[i];

		if (!e->overdue && !e->flagged)
			continue;
		if (json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:b, s:b}",
				"item", (json_int_t)e->item_no, "ministry", jtext(e->ministry),
				"state", jtext(e->state), "overdue", (int)e->overdue,
				"flagged", (int)e->flagged)))
			goto out;
	}
	rc = dump(root, out);
	root = NULL;
out:
	json_decref(root);
	arena_free(a);
	return rc;
}

/* ---- reporting status ---- */

/* "23,42" -> [23, 42] */
static json_t *nos_json(const char *s)
{
	json_t *arr = json_array();

	while (*s) {
		size_t w = strcspn(s, ",");
		long long v = 0;
		size_t k;

		for (k = 0; k < w; k++)
			v = v * 10 + (s[k] - '0');
		json_array_append_new(arr, json_integer(v));
		s += w + (s[w] == ',');
	}
	return arr;
}

int report_api_reporting(struct store *st, const struct report_api_q *q,
			 struct buf *out)
{
	struct arena *a = arena_new();
	json_t *arr = json_array();
	struct store_reporting_row *r;
	struct store_filter f;
	int rc, i, n;

	api_filter(q, &f);
	f.lead = 0;
	if (!a)
		rc = MD_ENOMEM;
	else if (!(rc = store_load_reporting(st, &f, a, &r, &n))) {
		for (i = 0; i < n; i++) {
			if (!r[i].items)
				continue;
			json_array_append_new(arr, json_pack(
				"{s:I, s:o, s:s, s:s, s:I, s:I, s:I, s:o, s:o}",
				"fiscal_year", (json_int_t)r[i].fiscal_year,
				"ministry", *r[i].code ? json_string(r[i].code) : json_null(),
				"name_ja", *r[i].code ? r[i].name_ja : "府省の記載がない取組",
				"name_en", *r[i].code ? r[i].name_en : "items naming no ministry",
				"action_items", (json_int_t)r[i].items,
				"lead", (json_int_t)r[i].leads,
				"with_results", (json_int_t)r[i].reported,
				"not_reported", nos_json(r[i].missing),
				"results_empty", nos_json(r[i].empty)));
		}
	}
	return api_done(a, arr, rc, 0, "reporting", out);
}

/* ---- the follow-up round's entries (issue 14) ---- */

static json_t *entry_json(const struct store_round_entry_row *e)
{
	char url[128];

	snprintf(url, sizeof(url), "/rounds/%lld/items/%lld/%s/", e->fiscal_year, e->item_no,
		 e->consolidated ? "consolidated" : e->ministry);
	return json_pack("{s:I, s:I, s:I, s:s, s:s?, s:b, s:b, s:s, s:b, s:I, s:s, s:s, s:s,"
			 " s:s, s:s, s:b, s:s}",
		"id", (json_int_t)e->id, "fiscal_year", (json_int_t)e->fiscal_year,
		"action_item_no", (json_int_t)e->item_no, "action_item", e->item_text,
		"ministry", e->consolidated ? NULL : e->ministry,
		"consolidated", (int)e->consolidated, "lead", (int)e->lead,
		"state", e->state, "flagged", (int)e->flagged,
		"version", (json_int_t)e->version, "results", e->results, "plans", e->plans,
		"return_reason", e->return_reason, "return_field", e->return_field,
		"consolidated_by", e->consolidated_by, "overdue", (int)e->overdue,
		"url", url);
}

int report_round_entries_json(const struct store_round_entry_row *rows, int n,
			      const unsigned char *keep, struct buf *out)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; arr && i < n; i++) {
		if (keep[i])
			json_array_append_new(arr, entry_json(&rows[i]));
	}
	return api_list("entries", arr, out);
}

int report_round_entry_json(struct store *st, const struct store_round_entry_row *e,
			    const struct store_viewer *viewer, const char *const *may,
			    int nmay, int status, const char *message, struct buf *out)
{
	struct arena *a = arena_new();
	struct store_filter f;
	struct store_round_comment_row *c = NULL;
	struct blk_ctx b = { "commitment", json_array() };
	json_t *o = entry_json(e), *cs = json_array(), *m = json_array();
	int n = 0, i, rc = a ? 0 : MD_ENOMEM;

	memset(&f, 0, sizeof(f));
	f.owner = "round_entry";
	f.id = e->id;
	if (!rc)
		rc = store_each_block(st, &f, blk_row, &b);
	f.owner = NULL;
	f.viewer = viewer;
	if (!rc && viewer)
		rc = store_load_round_comment(st, &f, a, &c, &n);
	for (i = 0; !rc && i < n; i++)
		json_array_append_new(cs, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)c[i].id,
						    "author", c[i].author, "at", c[i].at,
						    "text", c[i].text));
	for (i = 0; i < nmay; i++)
		json_array_append_new(m, json_string(may[i]));
	arena_free(a);
	if (rc || !o) {
		json_decref(o);
		json_decref(b.arr);
		json_decref(cs);
		json_decref(m);
		return rc ? rc : MD_ENOMEM;
	}
	json_object_set_new(o, "commitment", b.arr);
	json_object_set_new(o, "comments", cs);
	json_object_set_new(o, "may", m);
	if (message)
		json_object_set_new(o, "error", json_pack("{s:i, s:s}", "status", status,
							  "message", message));
	return dump(o, out);
}

/* ---- published editions of a year's follow-up ---- */

/* "results,plans" as ["results", "plans"] */
static json_t *fields_json(const char *s)
{
	json_t *arr = json_array();

	while (arr && *s) {
		size_t n = strcspn(s, ",");

		if (n)
			json_array_append_new(arr, json_stringn(s, n));
		s += n;
		s += *s == ',';
	}
	return arr;
}

int report_api_editions(struct store *st, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct store_filter f;
	struct store_edition_row *e;
	struct store_edition_change_row *c;
	json_t *arr = json_array();
	char tsv[96], xlsx[96];
	int n, nc, i, k, rc;

	if (!a || !arr) {
		arena_free(a);
		json_decref(arr);
		return MD_ENOMEM;
	}
	memset(&f, 0, sizeof(f));
	f.year = year;
	rc = store_load_edition(st, &f, a, &e, &n);
	for (i = n - 1; i >= 0 && !rc; i--) {
		json_t *ch = json_array();

		memset(&f, 0, sizeof(f));
		f.id = e[i].id;
		if ((rc = store_load_edition_change(st, &f, a, &c, &nc))) {
			json_decref(ch);
			break;
		}
		for (k = 0; k < nc; k++)
			json_array_append_new(ch, json_pack("{s:s, s:o, s:s, s:o}",
				"change", c[k].change, "action_item_no",
				opt_int(c[k].null.item_no, c[k].item_no),
				"action_item", c[k].item_text, "fields", fields_json(c[k].fields)));
		snprintf(tsv, sizeof(tsv), "/downloads/followup-%lld-edition-%lld.tsv",
			 e[i].fiscal_year, e[i].no);
		snprintf(xlsx, sizeof(xlsx), "/downloads/followup-%lld-edition-%lld.xlsx",
			 e[i].fiscal_year, e[i].no);
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:I,"
			" s:b, s:o, s:s, s:s}",
			"fiscal_year", (json_int_t)e[i].fiscal_year, "no", (json_int_t)e[i].no,
			"published_at", e[i].published_at, "published_by", e[i].published_by,
			"origin", e[i].origin, "rows", (json_int_t)e[i].rows,
			"sha256", e[i].sha256, "changes", (json_int_t)e[i].changes,
			"latest", i == n - 1, "change_list", ch, "tsv", tsv, "xlsx", xlsx));
	}
	return api_done(a, arr, rc, 0, "editions", out);
}

/* ---- the API's own description ---- */

/*
 * Every endpoint of the API as it is documented, independent of the route
 * table in web/routes.c (a test holds the two side by side): the path in
 * the route table's form ({n} a positive number, {code} a ministry,
 * {ind} an indicator code), what it answers, its query parameters and
 * the schema of a 200 answer (list: {"count", key: [schema]}).
 */
static const struct api_doc {
	const char *path, *summary, *params, *schema, *key;
	const char *post;      /* what a POST does, or NULL: GET only */
	int signed_in;         /* 1: a session is needed (401 without) */
} api_docs[] = {
	{ "/api/v1/", "This index: every endpoint of the API", "", "Index", NULL, NULL, 0 },
	{ "/api/v1/openapi.json", "This API described in OpenAPI 3", "", "OpenAPI", NULL, NULL, 0 },
	{ "/api/v1/plans", "Plan editions (第1期, 第2期, 第3期)", "", "Plan", "plans", NULL, 0 },
	{ "/api/v1/visions", "The visions (ビジョン) of the latest plan with their goals", "",
	  "Vision", "visions", NULL, 0 },
	{ "/api/v1/visions/{n}", "One vision", "", "Vision", NULL, NULL, 0 },
	{ "/api/v1/goals", "The goals (ゴール) with their measures and action items", "",
	  "Goal", "goals", NULL, 0 },
	{ "/api/v1/goals/{n}", "One goal", "", "Goal", NULL, NULL, 0 },
	{ "/api/v1/measures", "The measures (施策, M1...) with their action items",
	  "year ministry lead goal measure", "Measure", "measures", NULL, 0 },
	{ "/api/v1/measures/{n}", "One measure (M{n})", "year ministry lead goal measure",
	  "Measure", NULL, NULL, 0 },
	{ "/api/v1/action-items", "The action items (取組, A1...)",
	  "year ministry lead goal measure", "ActionItem", "action_items", NULL, 0 },
	{ "/api/v1/action-items/{n}", "One action item (A{n}) with its follow-up by fiscal year",
	  "year ministry lead goal measure", "ActionItem", NULL, NULL, 0 },
	{ "/api/v1/action-items/id/{n}", "An action item by its identity (row id), also one the "
	  "plan retired", "", "ActionItem", NULL, NULL, 0 },
	{ "/api/v1/ministries", "The ministries (府省) with the items they share and lead", "",
	  "Ministry", "ministries", NULL, 0 },
	{ "/api/v1/ministries/{code}", "One ministry", "", "Ministry", NULL, NULL, 0 },
	{ "/api/v1/followups", "Follow-up rows (実績・状況, 取組予定) in the official table's order",
	  "year ministry lead goal measure", "Followup", "followups", NULL, 0 },
	{ "/api/v1/followups/{n}/editions", "The published editions of fiscal year {n}'s "
	  "follow-up, newest first: number, date, publisher, SHA-256 of the content, what "
	  "changed since the previous one, the official table's downloads", "", "Edition",
	  "editions", NULL, 0 },
	{ "/api/v1/reporting", "Per fiscal year and ministry: how many of its action items "
	  "have results, and which have none", "year ministry", "Reporting", "reporting", NULL, 0 },
	{ "/api/v1/search", "Full-text search of the plan and the follow-up",
	  "q year ministry kind limit offset", "SearchAnswer", NULL, NULL, 0 },
	{ "/api/v1/indicators", "Indicators (指標) with their values and progress", "",
	  "Indicator", "indicators", NULL, 0 },
	{ "/api/v1/indicators/{ind}", "One indicator", "", "Indicator", NULL, NULL, 0 },
	{ "/api/v1/programmes", "Programmes (事業) with their budgets and the measures and "
	  "items they are confirmed to serve", "ministry vision goal year", "Programme",
	  "programmes", NULL, 0 },
	{ "/api/v1/programmes/{ind}", "One programme, by its code (a list of one)", "",
	  "Programme", "programmes", NULL, 0 },
	{ "/api/v1/budgets", "Budget totals by fiscal year and kind, per ministry, goal or vision",
	  "year by", "BudgetTotals", NULL, NULL, 0 },
	{ "/api/v1/hubs", "Hubs, network members and counted networks the programmes support",
	  "", "Hub", "hubs", NULL, 0 },
	{ "/api/v1/rounds/{fy}/entries", "The follow-up round's entries of fiscal year {fy} "
	  "that the signed-in user may read", "", "RoundEntry", "entries", NULL, 1 },
	{ "/api/v1/rounds/{fy}/items/{n}/{code}", "One round entry: action item A{n}, ministry "
	  "{code}, with its commitment, the comments the user may read and the steps they may "
	  "take", "", "RoundEntry", NULL, "A step of the entry (form fields or the same as "
	  "application/x-www-form-urlencoded): op=save|submit with results, plans (editors of "
	  "the ministry), op=return with reason and field, op=accept (the secretariat); "
	  "version is the one read; the CSRF token in csrf or X-CSRF-Token. 403 when the "
	  "user may not, 409 (with the stored entry) when version is stale or the round "
	  "is closed", 1 },
	{ "/api/v1/rounds/{fy}/items/{n}/consolidated", "A shared item's consolidated entry "
	  "(what its lead ministries write)", "", "RoundEntry", NULL, "As for a ministry's "
	  "entry: the lead ministries' editors save and submit, the secretariat returns "
	  "and accepts", 1 },
};

static const struct api_doc *api_doc_of(const char *path)
{
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(api_docs); k++) {
		if (!strcmp(api_docs[k].path, path))
			return &api_docs[k];
	}
	return NULL;
}

int report_api_index(const char *const *paths, int n, struct buf *out)
{
	json_t *o = json_object(), *arr = json_array();
	int i;

	if (!o || !arr) {
		json_decref(o);
		json_decref(arr);
		return MD_ENOMEM;
	}
	json_object_set_new(o, "api", json_string("mdplan"));
	json_object_set_new(o, "version", json_string("v1"));
	json_object_set_new(o, "openapi", json_string("/api/v1/openapi.json"));
	json_object_set_new(o, "attribution", json_string(msg_get(MSG_ATTRIBUTION, 1)));
	for (i = 0; i < n; i++) {
		const struct api_doc *d = api_doc_of(paths[i]);

		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "path", paths[i],
			"method", "GET", "summary", d ? d->summary : ""));
		if (d && d->post)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "path", paths[i],
				"method", "POST", "summary", d->post));
	}
	json_object_set_new(o, "endpoints", arr);
	return dump(o, out);
}

/*
 * Schemas in a short form: "name:type" separated by spaces, type one of
 * integer, number, string, boolean, object (any), a component name
 * (capitalized: a $ref), [type] an array of it; a trailing '?' allows
 * null.
 */
static json_t *type_schema(const char *t, size_t n)
{
	int nullable = n && t[n - 1] == '?';
	json_t *s;

	if (nullable)
		n--;
	if (n > 2 && t[0] == '[' && t[n - 1] == ']') {
		s = json_pack("{s:s, s:o}", "type", "array", "items", type_schema(t + 1, n - 2));
	} else if (n && t[0] >= 'A' && t[0] <= 'Z') {
		char ref[96];

		snprintf(ref, sizeof(ref), "#/components/schemas/%.*s", (int)n, t);
		if (nullable)   /* OpenAPI 3.0: a $ref takes no siblings */
			return json_pack("{s:[{s:s}], s:b}", "allOf", "$ref", ref, "nullable", 1);
		return json_pack("{s:s}", "$ref", ref);
	} else {
		char ty[16];

		snprintf(ty, sizeof(ty), "%.*s", (int)(n < 15 ? n : 15), t);
		s = json_pack("{s:s}", "type", ty);
	}
	if (nullable)
		json_object_set_new(s, "nullable", json_true());
	return s;
}

static json_t *object_schema(const char *fields)
{
	json_t *props = json_object();

	while (*fields) {
		size_t w = strcspn(fields, " "), c = strcspn(fields, ":");
		char name[48];

		if (c < w) {
			snprintf(name, sizeof(name), "%.*s", (int)c, fields);
			json_object_set_new(props, name, type_schema(fields + c + 1, w - c - 1));
		}
		fields += w;
		fields += strspn(fields, " ");
	}
	return json_pack("{s:s, s:o}", "type", "object", "properties", props);
}

static const struct { const char *name, *fields; } api_schemas[] = {
	{ "Error", "error:ErrorBody" },
	{ "ErrorBody", "status:integer message:string" },
	{ "Index", "api:string version:string openapi:string attribution:string "
	  "endpoints:[Endpoint]" },
	{ "Endpoint", "path:string method:string summary:string" },
	{ "OpenAPI", "openapi:string info:object paths:object components:object" },
	{ "Plan", "edition:integer title:string adopted:string? fy_start:integer? "
	  "fy_end:integer? loaded:boolean" },
	{ "Vision", "no:integer title:string measures:integer action_items:integer "
	  "goals:[VisionGoal]" },
	{ "VisionGoal", "no:integer title:string relisted:boolean" },
	{ "Goal", "no:integer title:string visions:[GoalListing] measure_count:integer "
	  "action_item_count:integer issues:string measures:[GoalMeasure]" },
	{ "GoalListing", "no:integer relisted:boolean" },
	{ "GoalMeasure", "no:integer title:string action_items:[ActionItem]" },
	{ "Measure", "no:integer goal_no:integer title:string source_line:integer "
	  "action_items:[ActionItem]" },
	{ "ActionItem", "id:integer no:integer? measure_no:integer goal_no:integer text:string "
	  "tag:string ministries:[ItemMinistry] source_line:integer retired:boolean "
	  "retired_no:integer retired_at:string followups:[ItemFollowup]" },
	{ "ItemMinistry", "code:string abbrev:string name_ja:string name_en:string lead:boolean" },
	{ "ItemFollowup", "fiscal_year:integer results:string plans:string match:string "
	  "match_score:number source_line:integer" },
	{ "Ministry", "code:string abbrev:string name_ja:string name_en:string "
	  "action_items:integer lead:integer" },
	{ "Followup", "fiscal_year:integer vision_no:integer? vision:string goal_no:integer? "
	  "goal:string measure_no:integer? measure:string action_item_no:integer? "
	  "action_item:string ministries:string results:string plans:string "
	  "results_blocks:[Block] plans_blocks:[Block] match:string source_file:string "
	  "source_line:integer" },
	{ "Block", "kind:string text:string" },
	{ "Edition", "fiscal_year:integer no:integer published_at:string published_by:string "
	  "origin:string rows:integer sha256:string changes:integer latest:boolean "
	  "change_list:[EditionChange] tsv:string xlsx:string" },
	{ "EditionChange", "change:string action_item_no:integer? action_item:string "
	  "fields:[string]" },
	{ "Reporting", "fiscal_year:integer ministry:string? name_ja:string name_en:string "
	  "action_items:integer lead:integer with_results:integer not_reported:[integer] "
	  "results_empty:[integer]" },
	{ "SearchAnswer", "query:string total:integer offset:integer limit:integer "
	  "results:[SearchHit]" },
	{ "SearchHit", "kind:string id:integer no:integer? fiscal_year:integer? title:string "
	  "field:string snippet:string url:string" },
	{ "Indicator", "code:string name:string name_en:string unit:string unit_en:string "
	  "direction:string year_kind:string goal:integer? measure:integer? baseline:object? "
	  "target:object? target_note:string source:string notes:string breakdowns:[string] "
	  "values:[IndicatorValue] status:string progress:object" },
	{ "IndicatorValue", "year:integer value:number? breakdown:object not_available:boolean "
	  "note:string source:string date:string" },
	{ "Programme", "code:string name_ja:string ministry:string parent:string successor:string "
	  "first_year:integer? last_year:integer? body:string budgets:[Budget] measures:[integer] "
	  "items:[integer]" },
	{ "Budget", "fiscal_year:integer kind:string amount_yen:integer as_written:string "
	  "share_of_larger:boolean source:string" },
	{ "BudgetTotals", "rule:string by:string totals:[BudgetTotal]" },
	{ "BudgetTotal", "fiscal_year:integer kind:string group:string programmes:integer "
	  "total_yen:integer total_yen_high:integer disagreeing:integer shares_of_larger:integer "
	  "shares_of_larger_yen:integer" },
	{ "RoundEntry", "id:integer fiscal_year:integer action_item_no:integer "
	  "action_item:string ministry:string? consolidated:boolean lead:boolean state:string "
	  "flagged:boolean version:integer results:string plans:string return_reason:string "
	  "return_field:string consolidated_by:string overdue:boolean url:string "
	  "commitment:[Block] comments:[RoundComment] may:[string] error:ErrorBody" },
	{ "RoundComment", "id:integer author:string at:string text:string" },
	{ "Hub", "programme:string kind:string stage:string institution:string category:string "
	  "count:integer? budget_per_hub:string budget_per_hub_yen:integer? fiscal_years:string "
	  "as_of:string prefecture:string prefecture_basis:string results:string note:string "
	  "source:string" },
};

/* The parameters of a query parameter name. */
static json_t *query_param(const char *name, size_t n)
{
	static const struct { const char *name, *type, *about; } q[] = {
		{ "year", "string", "fiscal year: 2025, FY2025, R7 or 令和7年度" },
		{ "ministry", "string", "ministry: code (mhlw, meti, ...), abbreviation (厚, 経) or name" },
		{ "lead", "string", "1 or true: only where the ministry leads (needs ministry)" },
		{ "goal", "integer", "goal number" },
		{ "measure", "integer", "measure number (M...)" },
		{ "q", "string", "what to search for, taken literally" },
		{ "kind", "string", "vision, goal, measure, item or followup" },
		{ "limit", "integer", "hits per page, 1 to 100 (default 20)" },
		{ "offset", "integer", "hits to skip" },
		{ "vision", "integer", "vision number: the programmes tied to a goal it lists" },
		{ "by", "string", "ministry (default), goal or vision" },
	};
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(q); k++) {
		if (strlen(q[k].name) == n && !strncmp(q[k].name, name, n))
			return json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", q[k].name,
				"in", "query", "required", !strcmp(q[k].name, "q"),
				"description", q[k].about, "schema", "type", q[k].type);
	}
	return NULL;
}

static json_t *path_params(const char *path)
{
	json_t *arr = json_array();

	if (strstr(path, "{fy}"))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:i, s:i}}",
			"name", "fy", "in", "path", "required", 1, "description",
			"a fiscal year (2026)", "schema", "type", "integer", "minimum", 2000,
			"maximum", 2200));
	if (strstr(path, "{n}"))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:i}}",
			"name", "n", "in", "path", "required", 1,
			"description", "a number: the plan's (visions, goals), the site's (M, A) or "
			"an action item's identity", "schema", "type", "integer", "minimum", 1));
	if (strstr(path, "{code}"))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}",
			"name", "code", "in", "path", "required", 1,
			"description", "a ministry: code (meti), abbreviation (経) or name",
			"schema", "type", "string"));
	if (strstr(path, "{ind}"))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}",
			"name", "ind", "in", "path", "required", 1,
			"description", strstr(path, "programmes") ? "a programme code (MHLW-HUB)" :
			"an indicator code (HUB-COURSES)", "schema", "type", "string"));
	return arr;
}

/* The fields of a round entry's POST. */
static json_t *entry_form_schema(void)
{
	return json_pack("{s:s, s:[s, s], s:{s:{s:s, s:[s, s, s, s]}, s:{s:s}, s:{s:s}, s:{s:s},"
			 " s:{s:s}, s:{s:s, s:[s, s, s]}, s:{s:s}}}",
		"type", "object", "required", "op", "version", "properties",
		"op", "type", "string", "enum", "save", "submit", "return", "accept",
		"version", "type", "integer", "results", "type", "string", "plans", "type", "string",
		"reason", "type", "string", "field", "type", "string", "enum", "", "results", "plans",
		"csrf", "type", "string");
}

static json_t *error_response(const char *what)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", what, "content",
		"application/json", "schema", "$ref", "#/components/schemas/Error");
}

int report_api_openapi(struct buf *out)
{
	json_t *doc, *paths = json_object(), *schemas = json_object();
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(api_schemas); k++)
		json_object_set_new(schemas, api_schemas[k].name,
				    object_schema(api_schemas[k].fields));
	for (k = 0; k < MD_ARRAY_SIZE(api_docs); k++) {
		const struct api_doc *d = &api_docs[k];
		json_t *params = path_params(d->path), *schema, *op, *responses;
		const char *p = d->params;
		char ref[96];

		while (*p) {
			size_t w = strcspn(p, " ");
			json_t *qp = query_param(p, w);

			if (qp)
				json_array_append_new(params, qp);
			p += w;
			p += strspn(p, " ");
		}
		snprintf(ref, sizeof(ref), "#/components/schemas/%s", d->schema);
		schema = d->key ? json_pack("{s:s, s:[s, s], s:{s:{s:s}, s:{s:s, s:{s:s}}}}",
					    "type", "object", "required", "count", d->key,
					    "properties", "count", "type", "integer", d->key,
					    "type", "array", "items", "$ref", ref) :
			json_pack("{s:s}", "$ref", ref);
		responses = json_pack("{s:{s:s, s:{s:{s:o}}}, s:o, s:o}",
			"200", "description", "OK", "content", "application/json", "schema", schema,
			"400", error_response("a parameter is not valid"),
			"404", error_response("no such thing"));
		if (d->signed_in) {
			json_object_set_new(responses, "401", error_response("not signed in"));
			json_object_set_new(responses, "403", error_response("the user may not "
									     "read this"));
		}
		op = json_pack("{s:s, s:s, s:O, s:o}", "summary", d->summary,
			       "operationId", d->path, "parameters", params,
			       "responses", responses);
		if (d->signed_in)
			json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
		json_object_set_new(paths, d->path, json_pack("{s:o}", "get", op));
		if (d->post) {
			char id[160];

			snprintf(id, sizeof(id), "POST %s", d->path);
			op = json_pack("{s:s, s:s, s:o, s:{s:b, s:{s:{s:o}, s:{s:o}}}, s:{s:{s:s,"
				       " s:{s:{s:{s:s}}}}, s:o, s:o, s:o, s:o, s:o}, s:[{s:[]}]}",
				"summary", d->post, "operationId", id, "parameters", params,
				"requestBody", "required", 1, "content",
				"application/x-www-form-urlencoded", "schema", entry_form_schema(),
				"multipart/form-data", "schema", entry_form_schema(),
				"responses", "200", "description", "the entry after the step",
				"content", "application/json", "schema", "$ref",
				"#/components/schemas/RoundEntry",
				"400", error_response("a field is not valid"),
				"401", error_response("not signed in"),
				"403", error_response("the user may not take this step, or the "
						      "CSRF token is missing or wrong"),
				"404", error_response("no such entry"),
				"409", error_response("the version is stale or the round is closed "
						      "(the answer is the stored entry with an error)"),
				"security", "session");
			json_object_set_new(json_object_get(paths, d->path), "post", op);
		} else {
			json_decref(params);
		}
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s, s:{s:s}}, s:[{s:s}], s:o, s:{s:o}}",
		"openapi", "3.0.3",
		"info", "title", "mdplan: the Medical Device Basic Plan and its follow-up",
		"version", "1",
		"description", msg_get(MSG_ATTRIBUTION, 1),
		"license", "name", "Government of Japan Standard Terms of Use (version 2.0), "
		"compatible with CC BY 4.0",
		"servers", "url", "/",
		"paths", paths,
		"components", "schemas", schemas);
	/* the signed-in endpoints: the session cookie of /login/ */
	json_object_set_new(json_object_get(doc, "components"), "securitySchemes",
			    json_pack("{s:{s:s, s:s, s:s}}", "session", "type", "apiKey", "in",
				      "cookie", "name", "mdplan_session"));
	return dump(doc, out);
}

/* ---- the reminders' record (report_reminders()) ---- */

static int reminder_row(void *ctx, const struct store_reminder_row *r)
{
	json_t *arr = ctx, *entries = json_array(), *o;
	const char *p = r->entries;

	while (entries && p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		json_array_append_new(entries, json_stringn(p, n));
		p = e ? e + 1 : NULL;
	}
	o = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o}",
		"id", (json_int_t)r->id, "fiscal_year", (json_int_t)r->fiscal_year,
		"step", jtext(r->step), "account", jtext(r->account), "address", jtext(r->address),
		"day", jtext(r->day), "entries", entries ? entries : json_array(),
		"subject", jtext(r->subject), "status", jtext(r->status),
		"message_id", jtext(r->message_id), "error", jtext(r->error),
		"attempts", (json_int_t)r->attempts, "created_at", jtext(r->created_at),
		"sent_at", jtext(r->sent_at));
	if (!o)
		return MD_ENOMEM;
	return json_array_append_new(arr, o) ? MD_ENOMEM : 0;
}

int report_reminders_json_(struct store *st, const struct store_filter *f, struct buf *out)
{
	json_t *arr = json_array();
	int rc;

	if (!arr)
		return MD_ENOMEM;
	if ((rc = store_each_reminder(st, f, reminder_row, arr))) {
		json_decref(arr);
		return rc;
	}
	return dump(arr, out);
}
