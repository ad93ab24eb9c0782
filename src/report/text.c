#include <string.h>

#include "../html/msg.h"
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

/* The widest of a column's cells, in terminal columns (text_width). */
static int col_width(int w, const char *s)
{
	int x = text_width(s, strlen(s));

	return x > w ? x : w;
}

int report_measures(struct store *st, const struct report_opts *o, struct buf *out)
{
	static const char *const hj[] = { "施策", "ゴール", "主担当", "施策名 (取組数)" };
	static const char *const he[] = { "ID", "Goal", "Lead", "Measure (items)" };
	const char *const *h = o->en ? he : hj;
	struct arena *a = arena_new();
	struct store_measure_row *m;
	struct store_filter f;
	struct buf t = BUF_INIT;
	int rc, n, i, w[3];

	if (!a)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.goal = o->goal;
	f.ministry = o->ministry;
	f.lead = o->lead;
	if ((rc = store_load_measure(st, &f, a, &m, &n)))
		goto out;
	for (i = 0; i < 3; i++)
		w[i] = text_width(h[i], strlen(h[i]));
	for (i = 0; i < n; i++) {
		buf_reset(&t);
		buf_printf(&t, "M%lld", m[i].no);
		w[0] = col_width(w[0], t.ptr);
		buf_reset(&t);
		buf_printf(&t, "G%lld", m[i].goal_no);
		w[1] = col_width(w[1], t.ptr);
		w[2] = col_width(w[2], m[i].leads);
	}
	for (i = 0; i < 3; i++) {
		text_pad(out, h[i], w[i]);
		buf_putc(out, ' ');
	}
	buf_printf(out, "%s\n", h[3]);
	for (i = 0; i < n; i++) {
		buf_reset(&t);
		buf_printf(&t, "M%lld", m[i].no);
		text_pad(out, t.ptr, w[0] + 1);
		buf_reset(&t);
		buf_printf(&t, "G%lld", m[i].goal_no);
		text_pad(out, t.ptr, w[1] + 1);
		text_pad(out, m[i].leads, w[2] + 1);
		buf_printf(out, "%s (%lld)\n", m[i].title, m[i].items);
	}
	rc = buf_error(&t) ? MD_ENOMEM : buf_error(out);
out:
	buf_release(&t);
	arena_free(a);
	return rc;
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
	} else if (!num_parse_int(id, 1, 1000000, &no)) {
		return MD_EINPUT;   /* M40 or A40? report_show_choices() */
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

int report_show_choices(struct store *st, int no, struct buf *out)
{
	struct arena *a = arena_new();
	struct store_measure_row *m;
	struct store_item_row *it;
	struct store_filter f;
	int rc, nm = 0, ni = 0;

	if (!a)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.measure = no;
	if ((rc = store_load_measure(st, &f, a, &m, &nm)))
		goto out;
	memset(&f, 0, sizeof(f));
	f.item = no;
	if ((rc = store_load_item(st, &f, a, &it, &ni)))
		goto out;
	if (nm) {
		buf_printf(out, "  M%d  measure: ", no);
		clip(out, m[0].title, 40);
		buf_putc(out, '\n');
	}
	if (ni) {
		buf_printf(out, "  A%d  action item: ", no);
		clip(out, it[0].text, 40);
		buf_putc(out, '\n');
	}
	rc = buf_error(out) ? MD_ENOMEM : nm + ni;
out:
	arena_free(a);
	return rc;
}

int report_ministries(struct store *st, const struct report_opts *o, struct buf *out)
{
	static const char *const hj[] = { "code", "略称", "府省名", "関係", "主担当", "English name" };
	static const char *const he[] = { "code", "abbr", "name", "involved", "lead", "English name" };
	const char *const *h = o->en ? he : hj;
	struct arena *a = arena_new();
	struct store_ministry_row *m;
	struct store_filter f;
	struct buf t = BUF_INIT;
	int rc, n, i, k, w[5];

	if (!a)
		return MD_ENOMEM;
	memset(&f, 0, sizeof(f));
	f.ministry = o->ministry;
	if ((rc = store_load_ministry(st, &f, a, &m, &n)))
		goto out;
	for (k = 0; k < 5; k++)
		w[k] = text_width(h[k], strlen(h[k]));
	for (i = 0; i < n; i++) {
		w[0] = col_width(w[0], m[i].code);
		w[1] = col_width(w[1], m[i].abbrev);
		w[2] = col_width(w[2], m[i].name_ja);
	}
	for (k = 0; k < 5; k++) {
		text_pad(out, h[k], w[k]);
		buf_putc(out, ' ');
	}
	buf_printf(out, "%s\n", h[5]);
	for (i = 0; i < n; i++) {
		text_pad(out, m[i].code, w[0] + 1);
		text_pad(out, m[i].abbrev, w[1] + 1);
		text_pad(out, m[i].name_ja, w[2] + 1);
		/* numbers right-aligned under their headings */
		buf_reset(&t);
		buf_printf(&t, "%lld", m[i].involved);
		for (k = text_width(t.ptr, t.len); k < w[3]; k++)
			buf_putc(out, ' ');
		buf_printf(out, "%s ", t.ptr);
		buf_reset(&t);
		buf_printf(&t, "%lld", m[i].lead);
		for (k = text_width(t.ptr, t.len); k < w[4]; k++)
			buf_putc(out, ' ');
		buf_printf(out, "%s %s\n", t.ptr, m[i].name_en);
	}
	rc = buf_error(&t) ? MD_ENOMEM : buf_error(out);
out:
	buf_release(&t);
	arena_free(a);
	return rc;
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
	int en;
	int rc;
};

/* The last component of a path: downloads name the file, not where the
 * importer's disk kept it. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* How a row was matched to the plan, in words (the legend at the end of
 * the file and on the help page says what each means). */
static const char *match_words(const char *method, int en)
{
	static const struct { const char *code, *ja, *en; } w[] = {
		{ "exact", "完全一致", "exact" },
		{ "similar", "類似", "similar" },
		{ "position", "位置", "position" },
		{ "none", "未照合", "not matched" },
	};
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(w); k++) {
		if (!strcmp(method, w[k].code))
			return en ? w[k].en : w[k].ja;
	}
	return method;
}

static int csv_row(void *ctx, const struct store_export_row *r)
{
	struct csv_ctx *c = ctx;
	struct buf t = BUF_INIT;
	long long id = r->id;
	int rc;

	if (c->en)
		buf_printf(&t, "FY%lld", r->fiscal_year);
	else
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
	report_csv_field(c->out, match_words(r->match_method, c->en));
	buf_putc(c->out, ',');
	buf_reset(&t);
	buf_printf(&t, "%s:%lld", base_name(r->source), r->line);
	report_csv_field(c->out, t.ptr);
	buf_puts(c->out, "\r\n");
out:
	buf_release(&t);
	return rc;
}

void report_attribution(struct buf *out, int en)
{
	buf_puts(out, msg_get(MSG_ATTRIBUTION, en));
	buf_puts(out, msg_get(MSG_FULL_STOP, en));
	buf_puts(out, msg_get(MSG_TERMS, en));
}

void report_match_legend(struct buf *out, int en)
{
	static const struct { const char *code; enum msg text; } m[] = {
		{ "exact", MSG_HELP_MATCH_EXACT }, { "similar", MSG_HELP_MATCH_SIMILAR },
		{ "position", MSG_HELP_MATCH_POSITION }, { "none", MSG_HELP_MATCH_NONE },
	};
	size_t k;

	buf_puts(out, msg_get(MSG_MATCH_METHOD, en));
	for (k = 0; k < MD_ARRAY_SIZE(m); k++) {
		if (k)
			buf_puts(out, en ? "; " : "／");
		buf_printf(out, en ? "%s = %s" : "%s＝%s", match_words(m[k].code, en),
			   msg_get(m[k].text, en));
	}
}

/*
 * The follow-up table as CSV: UTF-8 with BOM, CRLF, headers in one
 * language (Japanese, or English with en). The file is not read back by
 * any import, so its last two lines carry the attribution the terms of use
 * ask for and the legend of the matching column, each as a one-field row
 * after the data.
 */
int report_export_csv(struct store *st, const struct report_opts *o, struct buf *out)
{
	struct csv_ctx c = { st, out, o->en, 0 };
	struct store_filter f;
	struct buf t = BUF_INIT;
	int rc;

	memset(&f, 0, sizeof(f));
	f.year = o->year;
	f.ministry = o->ministry;
	f.lead = o->lead;
	buf_puts(out, "\xef\xbb\xbf");  /* BOM: Excel reads the file as UTF-8 */
	if (o->en)
		buf_puts(out, "Fiscal year,Fiscal year (number),Vision,Goal,Measure,"
			 "Action item number,Action item,Ministries,Results and status,"
			 "Plans for the next year,Matched to the plan,Source (file:line)\r\n");
	else
		buf_puts(out, "年度,年度（西暦）,ビジョン,ゴール,施策,取組番号,取組事項,"
			 "担当府省,実績・状況,取組予定,計画との照合,出典（ファイル:行）\r\n");
	rc = store_each_export(st, &f, csv_row, &c);
	if (!rc) {
		report_attribution(&t, o->en);
		report_csv_field(out, t.ptr);
		buf_puts(out, "\r\n");
		buf_reset(&t);
		report_match_legend(&t, o->en);
		report_csv_field(out, t.ptr);
		buf_puts(out, "\r\n");
		rc = buf_error(&t);
	}
	buf_release(&t);
	return rc ? rc : buf_error(out);
}
