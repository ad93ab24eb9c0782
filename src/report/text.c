#include <string.h>

#include "../import/import.h"
#include "report.h"

/* Shortens s to at most max code points, adding "…". */
static void clip(struct buf *out, const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, c = 0;

	while (i < n && c < max) {
		text_utf8_next(s, n, &i);
		c++;
	}
	buf_add(out, s, i);
	if (i < n)
		buf_puts(out, "…");
}

struct tree_ctx {
	struct store *st;
	const struct report_opts *o;
	struct buf *out;
	int vision;           /* last vision printed */
	long long goal_id;
	int rc;
};

static int tree_item(void *ctx, const struct store_item_row *r)
{
	struct tree_ctx *t = ctx;
	const char *m = r->ministries;

	buf_printf(t->out, "        A%lld [%s] ", r->no,
		   *m ? m : "—");
	clip(t->out, r->text, 48);
	buf_putc(t->out, '\n');
	return 0;
}

static int tree_measure(void *ctx, const struct store_measure_row *r)
{
	struct tree_ctx *t = ctx;
	struct store_filter f;

	if (r->goal_no != (long long)t->goal_id)
		return 0;
	buf_printf(t->out, "      M%lld %s (%s %lld) [%s]\n", r->no,
		   r->title, t->o->en ? "items" : "取組",
		   r->items, r->ministries);
	if (t->o->items) {
		memset(&f, 0, sizeof(f));
		f.measure = (int)r->no;
		f.ministry = t->o->ministry;
		f.lead = t->o->lead;
		return store_each_item(t->st, &f, tree_item, t);
	}
	return 0;
}

static int tree_listing(void *ctx, const struct store_listing_row *r)
{
	struct tree_ctx *t = ctx;
	int v = (int)r->vision_no;
	struct store_filter f;

	if (v != t->vision) {
		t->vision = v;
		buf_printf(t->out, "  %s%d\n", t->o->en ? "Vision " : "ビジョン", v);
	}
	buf_printf(t->out, "    G%lld %s", r->goal_no,
		   r->title);
	if (r->relisted) {
		buf_printf(t->out, " （再掲）\n");
		return 0;
	}
	buf_printf(t->out, " (%s %lld, %s %lld)\n", t->o->en ? "measures" : "施策",
		   r->measures, t->o->en ? "items" : "取組",
		   r->items);
	t->goal_id = r->goal_no;
	memset(&f, 0, sizeof(f));
	f.goal = (int)t->goal_id;
	f.ministry = t->o->ministry;
	f.lead = t->o->lead;
	return store_each_measure(t->st, &f, tree_measure, t);
}

static int vision_titles(void *ctx, const struct store_vision_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "  %lld. %s\n", r->no, r->title);
	return 0;
}

static int plan_title(void *ctx, const struct store_plan_row *r)
{
	struct buf *out = ctx;

	if (r->loaded)
		buf_printf(out, "%s (%s)\n", r->title,
			   r->adopted);
	return 0;
}

int report_plan_tree(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct tree_ctx t;
	struct store_filter f;
	int rc;

	memset(&t, 0, sizeof(t));
	memset(&f, 0, sizeof(f));
	t.st = st;
	t.o = o;
	t.out = out;
	if ((rc = store_plan_find(st, 0, &f.plan, NULL)))
		return rc;
	if ((rc = store_each_plan(st, NULL, plan_title, out)))
		return rc;
	buf_puts(out, o->en ? "Visions:\n" : "ビジョン:\n");
	if ((rc = store_each_vision(st, &f, vision_titles, out)))
		return rc;
	f.goal = o->goal;
	rc = store_each_listing(st, &f, tree_listing, &t);
	return rc ? rc : buf_error(out);
}

static int measure_line(void *ctx, const struct store_measure_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "M%-3lld G%-2lld %-12s %s (%lld)\n", r->no,
		   r->goal_no, r->leads,
		   r->title, r->items);
	return 0;
}

int report_measures(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.goal = o->goal;
	f.ministry = o->ministry;
	f.lead = o->lead;
	buf_puts(out, o->en ? "ID   Goal Lead         Measure (items)\n" :
		 "施策 ゴール 主担当       施策名 (取組数)\n");
	rc = store_each_measure(st, &f, measure_line, out);
	return rc ? rc : buf_error(out);
}

struct show_ctx {
	struct store *st;
	const struct report_opts *o;
	struct buf *out;
	int n;
};

static int show_followup(void *ctx, const struct store_followup_row *r)
{
	struct show_ctx *s = ctx;
	struct buf ja = BUF_INIT, txt = BUF_INIT;
	long long id = r->id;
	int fy = (int)r->fiscal_year;
	int rc;

	text_era_fy_ja(fy, &ja);
	buf_printf(s->out, "      %s (FY%d)%s\n", ja.ptr, fy,
		   strcmp(r->match_method, "exact") ?
		   (s->o->en ? " [matched by similarity]" : " [類似照合]") : "");
	if ((rc = report_blocks_plain(s->st, "followup", id, "results", &txt)))
		goto out;
	buf_printf(s->out, "        %s: %s\n", s->o->en ? "Results" : "実績・状況",
		   txt.len ? txt.ptr : "—");
	buf_reset(&txt);
	if ((rc = report_blocks_plain(s->st, "followup", id, "plans", &txt)))
		goto out;
	buf_printf(s->out, "        %s: %s\n", s->o->en ? "Plans" : "取組予定",
		   txt.len ? txt.ptr : "—");
out:
	buf_release(&ja);
	buf_release(&txt);
	return rc;
}

static int show_item(void *ctx, const struct store_item_row *r)
{
	struct show_ctx *s = ctx;
	struct store_filter f;
	const char *m = r->ministries;

	if (r->retired)
		/* no longer in the plan; its follow-up stays with it */
		buf_printf(s->out, s->o->en ? "  A%lld (retired %.10s, item#%lld) [%s] %s\n" :
			   "  A%lld（%.10s 計画から削除, item#%lld） [%s] %s\n",
			   r->retired_no, r->retired_at, r->id, *m ? m : "—", r->text);
	else
		buf_printf(s->out, "  A%lld [%s] %s\n", r->no, *m ? m : "—", r->text);
	s->n++;
	memset(&f, 0, sizeof(f));
	f.id = r->id;
	f.year = s->o->year;
	return store_each_followup(s->st, &f, show_followup, s);
}

/* "item#123" (or "A#123"): an action item by its identity, retired or not;
 * *id 0 when s is not of that form, -1 when the number is bad. */
static void item_identity(const char *s, long long *id)
{
	static const char *const forms[] = { "item#", "action_item#", "A#", "a#" };
	size_t k;
	int v;

	*id = 0;
	for (k = 0; k < MD_ARRAY_SIZE(forms); k++) {
		size_t l = strlen(forms[k]);

		if (!strncmp(s, forms[k], l)) {
			*id = num_parse_int(s + l, 1, 2147483647, &v) ? -1 : v;
			return;
		}
	}
}

static int show_measure(void *ctx, const struct store_measure_row *r)
{
	struct show_ctx *s = ctx;

	buf_printf(s->out, "M%lld %s\n%s G%lld: %s\n", r->no,
		   r->title, s->o->en ? "Goal" : "ゴール",
		   r->goal_no, r->goal_title);
	s->n++;
	return 0;
}

int report_show(struct store *st, const char *id, const struct report_opts *o,
		struct buf *out)
{
	struct show_ctx s;
	struct store_filter f;
	int no, rc, item = 0;

	memset(&s, 0, sizeof(s));
	memset(&f, 0, sizeof(f));
	s.st = st;
	s.o = o;
	s.out = out;
	item_identity(id, &f.id);
	if (f.id < 0)
		return MD_EUSAGE;
	if (f.id) {
		rc = store_each_item(st, &f, show_item, &s);
		if (!rc && !s.n)
			return MD_ENOTFOUND;
		return rc ? rc : buf_error(out);
	}
	if (id[0] == 'A' || id[0] == 'a') {
		item = 1;
		id++;
	} else if (id[0] == 'M' || id[0] == 'm') {
		id++;
	}
	if (num_parse_int(id, 1, 1000000, &no))
		return MD_EUSAGE;
	if (item) {
		f.item = no;
		rc = store_each_item(st, &f, show_item, &s);
	} else {
		f.measure = no;
		rc = store_each_measure(st, &f, show_measure, &s);
		if (!rc && s.n)
			rc = store_each_item(st, &f, show_item, &s);
	}
	if (!rc && !s.n)
		return MD_ENOTFOUND;
	return rc ? rc : buf_error(out);
}

static int ministry_line(void *ctx, const struct store_ministry_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%-5s %-4s %-10s %4lld %4lld  %s\n", r->code,
		   r->abbrev, r->name_ja,
		   r->involved, r->lead,
		   r->name_en);
	return 0;
}

int report_ministries(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.ministry = o->ministry;
	buf_puts(out, o->en ? "code  abbr name       involved lead  English name\n" :
		 "code  略称 府省名     関係 主担当 English name\n");
	rc = store_each_ministry(st, &f, ministry_line, out);
	return rc ? rc : buf_error(out);
}

static int counts_text(void *ctx, const struct store_count_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "第%lld期: visions %lld, goals %lld (listings %lld), measures %lld, "
		   "action items %lld (untagged %lld), priority areas %lld, platforms %lld\n",
		   r->edition, r->visions,
		   r->goals, r->goal_listings,
		   r->measures, r->action_items,
		   r->untagged, r->areas,
		   r->platforms);
	return 0;
}

static int fu_text(void *ctx, const struct store_followup_stat_row *r)
{
	struct buf *out = ctx;
	struct buf ja = BUF_INIT;

	text_era_fy_ja((int)r->fiscal_year, &ja);
	buf_printf(out, "%s (FY%lld) follow-up: %lld entries, %lld with results, "
		   "%lld with plans, %lld unmatched, %lld action items covered\n",
		   ja.ptr, r->fiscal_year, r->entries,
		   r->with_results, r->with_plans,
		   r->unmatched, r->items_covered);
	buf_release(&ja);
	return 0;
}

int report_stats_text(struct store *st, struct buf *out)
{
	int rc = store_each_count(st, NULL, counts_text, out);

	if (!rc)
		rc = store_each_followup_stat(st, NULL, fu_text, out);
	return rc ? rc : buf_error(out);
}

struct blocks_ctx {
	const char *field;
	struct buf *out;
	int n;
};

static int blocks_plain_row(void *ctx, const struct store_block_row *r)
{
	struct blocks_ctx *b = ctx;

	if (strcmp(r->field, b->field))
		return 0;
	if (b->n++)
		buf_putc(b->out, '\n');
	if (!strcmp(r->kind, "li"))
		buf_puts(b->out, "・");
	buf_puts(b->out, r->text);
	return 0;
}

int report_blocks_plain(struct store *st, const char *owner, long long id,
			const char *field, struct buf *out)
{
	struct blocks_ctx b = { field, out, 0 };
	struct store_filter f;

	memset(&f, 0, sizeof(f));
	f.owner = owner;
	f.id = id;
	return store_each_block(st, &f, blocks_plain_row, &b);
}

void report_csv_field(struct buf *out, const char *s)
{
	/* OWASP CSV injection: a cell a spreadsheet would run as a formula is
	 * quoted and starts with a single quote (the indicator importer takes
	 * that quote off again, so exports round-trip). */
	int formula = dsv_formula(s);

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

struct csv_ctx {
	struct store *st;
	struct buf *out;
	int rc;
};

static int csv_row(void *ctx, const struct store_export_row *r)
{
	struct csv_ctx *c = ctx;
	struct buf t = BUF_INIT;
	long long id = r->id;
	int rc;

	text_era_fy_ja((int)r->fiscal_year, &t);
	report_csv_field(c->out, t.ptr);
	buf_printf(c->out, ",%lld,", r->fiscal_year);
	report_csv_field(c->out, r->vision);
	buf_putc(c->out, ',');
	report_csv_field(c->out, r->goal);
	buf_putc(c->out, ',');
	report_csv_field(c->out, r->measure);
	buf_putc(c->out, ',');
	if (!r->null.item_no)
		buf_printf(c->out, "A%lld", r->item_no);
	buf_putc(c->out, ',');
	report_csv_field(c->out, r->item);
	buf_putc(c->out, ',');
	report_csv_field(c->out, r->ministries);
	buf_putc(c->out, ',');
	buf_reset(&t);
	if ((rc = report_blocks_plain(c->st, "followup", id, "results", &t)))
		goto out;
	report_csv_field(c->out, t.ptr);
	buf_putc(c->out, ',');
	buf_reset(&t);
	if ((rc = report_blocks_plain(c->st, "followup", id, "plans", &t)))
		goto out;
	report_csv_field(c->out, t.ptr);
	buf_putc(c->out, ',');
	report_csv_field(c->out, r->match_method);
	buf_puts(c->out, "\r\n");
out:
	buf_release(&t);
	return rc;
}

int report_export_csv(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct csv_ctx c = { st, out, 0 };
	struct store_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.year = o->year;
	f.ministry = o->ministry;
	f.lead = o->lead;
	buf_puts(out, "\xef\xbb\xbf");  /* BOM: Excel reads the file as UTF-8 */
	buf_puts(out, "年度,fiscal_year,ビジョン,ゴール,施策,取組番号,取組事項,"
		 "担当府省,実績・状況,取組予定,照合\r\n");
	rc = store_each_export(st, &f, csv_row, &c);
	return rc ? rc : buf_error(out);
}
