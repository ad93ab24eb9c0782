/*
 * Programme files (事業), CSV in the layout of data/programmes.csv,
 * budgets.csv, programme-results.csv, programme-indicators.csv and
 * hubs.csv (data/SOURCES.md), with the indicator importer's rules (csv.c):
 * UTF-8 or Shift_JIS, English or Japanese headers, era years (令和6年度),
 * numbers as tables write them (full-width digits, 1,392), every row
 * checked before anything is written and every problem listed with its
 * line and column, then nothing written at all; a corrected file updates
 * rows in place and the old values go to history.
 *
 * Programmes come first: the other files name programmes by code, and a
 * code that is neither stored nor (for programmes) in the same file is an
 * error. A budget's amount is read with import_yen(); an amount_yen column,
 * when given, must agree with it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum kcol {
	K_CODE, K_NAME_JA, K_NAME_EN, K_MINISTRY, K_DIVISION, K_PARENT,
	K_PREDECESSOR, K_SUCCESSOR, K_FIRST_YEAR, K_LAST_YEAR, K_BODY,
	K_FUNDING, K_RATE, K_SELECTION, K_PURPOSE, K_SCHEME, K_NOTES,
	K_SOURCE, K_EVIDENCE,
	K_FISCAL_YEAR, K_KIND, K_KIND_AS_WRITTEN, K_AMOUNT, K_AMOUNT_YEN,
	K_SHARE, K_OF_CODE, K_MULTI_YEAR, K_FUND, K_NOTE,
	K_YEAR, K_YEAR_KIND, K_PERIOD, K_WHAT, K_VALUE, K_NUMBER, K_BOUND,
	K_UNIT, K_AS_OF, K_INDICATOR,
	K_STAGE, K_INSTITUTION, K_CATEGORY, K_COUNT, K_BUDGET_PER_HUB,
	K_BUDGET_PER_HUB_YEN, K_FISCAL_YEARS, K_PREFECTURE, K_PREFECTURE_BASIS,
	K_RESULTS, K_COUNT_
};

enum pkind { PK_PROGRAMMES, PK_BUDGETS, PK_RESULTS, PK_PINDICATORS, PK_HUBS };

#define H_CODE(n) { K_CODE, n "|code|コード|事業コード|programme|program|事業" }
#define H_SOURCE { K_SOURCE, "source|出典|出所" }
#define H_NOTE { K_NOTE, "note|備考|注記" }

/* Header spellings per file (after NFKC + case folding, spaces, _ and -
 * removed); the first name is the one messages use. */
static const struct csv_header h_programmes[] = {
	H_CODE("code"),
	{ K_NAME_JA, "name_ja|name|名称|事業名" },
	{ K_NAME_EN, "name_en|英語名|英名" },
	{ K_MINISTRY, "ministry|府省|省庁|府省庁|所管" },
	{ K_DIVISION, "division|担当課|所管課|担当部局" },
	{ K_PARENT, "parent|親事業|上位事業" },
	{ K_PREDECESSOR, "predecessor|前身事業|前身" },
	{ K_SUCCESSOR, "successor|後継事業|後継" },
	{ K_FIRST_YEAR, "first_year|開始年度|開始年" },
	{ K_LAST_YEAR, "last_year|終了年度|終了年" },
	{ K_BODY, "body|実施主体|実施機関" },
	{ K_FUNDING, "funding|補助・委託|事業形態|補助委託" },
	{ K_RATE, "rate|補助率" },
	{ K_SELECTION, "selection|選定方法|採択方法" },
	{ K_PURPOSE, "purpose|目的|事業目的" },
	{ K_SCHEME, "scheme|事業スキーム|スキーム" },
	{ K_NOTES, "notes|説明|注記" },
	H_SOURCE,
	{ K_EVIDENCE, "evidence|根拠" },
};
static const struct csv_header h_budgets[] = {
	H_CODE("code"),
	{ K_FISCAL_YEAR, "fiscal_year|year|年度|会計年度" },
	{ K_KIND, "kind|予算区分|区分" },
	{ K_KIND_AS_WRITTEN, "kind_as_written|区分の表記|表記" },
	{ K_AMOUNT, "amount|予算額|金額" },
	{ K_AMOUNT_YEN, "amount_yen|金額円|円" },
	{ K_SHARE, "share_of_larger|内数" },
	{ K_OF_CODE, "of_code|内数の事業" },
	{ K_MULTI_YEAR, "multi_year|複数年度" },
	{ K_FUND, "fund|基金" },
	H_NOTE,
	H_SOURCE,
};
static const struct csv_header h_results[] = {
	H_CODE("code"),
	{ K_YEAR, "year|年|年度" },
	{ K_YEAR_KIND, "year_kind|年の種類|年区分" },
	{ K_PERIOD, "period|期間" },
	{ K_WHAT, "what|項目|実績項目" },
	{ K_VALUE, "value|値|実績" },
	{ K_NUMBER, "number|数値" },
	{ K_BOUND, "bound|範囲" },
	{ K_UNIT, "unit|単位" },
	{ K_AS_OF, "as_of|date|時点|基準日" },
	H_NOTE,
	H_SOURCE,
};
static const struct csv_header h_pindicators[] = {
	H_CODE("code"),
	{ K_INDICATOR, "indicator|指標|指標コード" },
	H_NOTE,
};
static const struct csv_header h_hubs[] = {
	H_CODE("programme"),
	{ K_KIND, "kind|種類|種別" },
	{ K_STAGE, "stage|段階" },
	{ K_INSTITUTION, "institution|機関|機関名|拠点" },
	{ K_CATEGORY, "category|類型|区分" },
	{ K_COUNT, "count|数|件数" },
	{ K_BUDGET_PER_HUB, "budget_per_hub|1拠点あたり予算|拠点あたり予算" },
	{ K_BUDGET_PER_HUB_YEN, "budget_per_hub_yen" },
	{ K_FISCAL_YEARS, "fiscal_years|年度|fiscalyear" },
	{ K_AS_OF, "as_of|date|時点|基準日" },
	{ K_PREFECTURE, "prefecture|都道府県" },
	{ K_PREFECTURE_BASIS, "prefecture_basis|都道府県の根拠" },
	{ K_RESULTS, "results|実績" },
	H_NOTE,
	H_SOURCE,
};

static const struct spec {
	const char *kind;           /* the source's kind in the store */
	const struct csv_header *h;
	size_t nh;
	enum kcol need[3];          /* required columns (K_COUNT_ ends) */
	const char *example;        /* a header line */
} specs[] = {
	[PK_PROGRAMMES] = { "programmes", h_programmes, MD_ARRAY_SIZE(h_programmes),
			    { K_CODE, K_NAME_JA, K_COUNT_ }, "code,name_ja,ministry" },
	[PK_BUDGETS] = { "budgets", h_budgets, MD_ARRAY_SIZE(h_budgets),
			 { K_CODE, K_FISCAL_YEAR, K_AMOUNT }, "code,fiscal_year,kind,amount" },
	[PK_RESULTS] = { "programme-results", h_results, MD_ARRAY_SIZE(h_results),
			 { K_CODE, K_WHAT, K_VALUE }, "code,year,what,value,unit" },
	[PK_PINDICATORS] = { "programme-indicators", h_pindicators,
			     MD_ARRAY_SIZE(h_pindicators),
			     { K_CODE, K_INDICATOR, K_COUNT_ }, "code,indicator,note" },
	[PK_HUBS] = { "hubs", h_hubs, MD_ARRAY_SIZE(h_hubs),
		      { K_CODE, K_KIND, K_COUNT_ }, "programme,kind,institution" },
};

struct khdr {
	int at[K_COUNT_];   /* column index + 1, 0 if absent */
	int ncols;
};

/* The header's first name for column c in spec s (for messages). */
static const char *col_name(const struct spec *s, enum kcol c, struct arena *a)
{
	size_t i;

	for (i = 0; i < s->nh; i++) {
		if (s->h[i].col == (int)c)
			return arena_strndup(a, s->h[i].names, strcspn(s->h[i].names, "|"));
	}
	return "?";
}

static int read_header(const struct spec *s, struct arena *a,
		       const struct tsv_row *r, struct khdr *h, struct csv_errs *e)
{
	struct buf names = BUF_INIT;
	size_t k;
	int i;

	memset(h, 0, sizeof(*h));
	h->ncols = r->n;
	for (k = 0; k < s->nh; k++)
		buf_printf(&names, "%s%s", k ? ", " : "", col_name(s, (enum kcol)s->h[k].col, a));
	for (i = 0; i < r->n; i++) {
		struct buf key = BUF_INIT;
		char *name = csv_trimmed(a, r->f[i]);
		int c;

		if (!name) {
			buf_release(&names);
			return MD_ENOMEM;
		}
		if (!*name) {
			csv_err(e, r->line, NULL, "column %d of the header has no name", i + 1);
			continue;
		}
		csv_header_key(name, &key);
		c = csv_find_header(s->h, s->nh, key.ptr);
		buf_release(&key);
		if (c < 0)
			csv_err(e, r->line, name, "unknown column (a %s file has %s)",
				s->kind, names.ptr);
		else if (h->at[c])
			csv_err(e, r->line, name, "named twice in the header");
		else
			h->at[c] = i + 1;
	}
	for (k = 0; k < MD_ARRAY_SIZE(s->need) && s->need[k] != K_COUNT_; k++) {
		if (!h->at[s->need[k]])
			csv_err(e, r->line, NULL, "the header has no %s column (a %s "
				"file needs it)", col_name(s, s->need[k], a), s->kind);
	}
	buf_release(&names);
	return 0;
}

/* One row being checked: its cells trimmed, its messages located. */
struct kctx {
	const struct spec *s;
	struct arena *a;
	const struct tsv_row *r;
	const struct khdr *h;
	struct csv_errs *e;
	struct import *imp;
	int oom;
};

static const char *cellk(struct kctx *x, enum kcol c)
{
	int i = x->h->at[c] - 1;
	char *t = csv_trimmed(x->a, i >= 0 && i < x->r->n ? x->r->f[i] : "");

	if (!t) {
		x->oom = 1;
		return "";
	}
	return t;
}

static void bad(struct kctx *x, enum kcol c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct kctx *x, enum kcol c, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	csv_err(x->e, x->r->line, col_name(x->s, c, x->a), "%s", m.ptr);
	buf_release(&m);
}

/* A year cell (may be empty: 0). */
static int year_cell(struct kctx *x, enum kcol c)
{
	const char *t = cellk(x, c);
	int y, kind;

	if (!*t)
		return 0;
	if (import_year(t, &y, &kind)) {
		bad(x, c, "\"%s\" is not a year (expected 2024, 2024年度, FY2024 or "
		    "令和6年度)", csv_shown(x->e, t));
		return 0;
	}
	return y;
}

/* A 0/1 flag: empty, 0, 1 (or yes/no). */
static int flag_cell(struct kctx *x, enum kcol c, const char *yes)
{
	const char *t = cellk(x, c);

	if (!*t || !strcmp(t, "0") || !strcmp(t, "no") || !strcmp(t, "false"))
		return 0;
	if (!strcmp(t, "1") || !strcmp(t, "yes") || !strcmp(t, "true") ||
	    (yes && !strcmp(t, yes)))
		return 1;
	bad(x, c, "\"%s\" (expected 1, %s%s0 or empty)", csv_shown(x->e, t),
	    yes ? yes : "", yes ? ", " : "");
	return 0;
}

static int one_of(const char *t, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcmp(t, set[i]))
			return (int)i;
	}
	return -1;
}

/* A whole number (as tables write it: 1,392, full-width digits) >= 0. */
static int count_cell(struct kctx *x, enum kcol c, long long *v)
{
	const char *t = cellk(x, c);
	double d;

	if (!*t)
		return 0;
	if (import_number(t, &d) || d < 0 || d != (double)(long long)d || d > 1e15) {
		bad(x, c, "\"%s\" is not a whole number (expected digits such as "
		    "13 or 1,392)", csv_shown(x->e, t));
		return 0;
	}
	*v = (long long)d;
	return 1;
}

/* An amount (import_yen) and, when its _yen column is given, that they
 * agree. */
static int amount_cells(struct kctx *x, enum kcol c, enum kcol cyen,
			struct import_yen *y)
{
	const char *t = cellk(x, c), *ty = cellk(x, cyen);
	long long want;

	if (!*t) {
		if (*ty)
			bad(x, c, "empty, but %s is %s (give the amount as the "
			    "document writes it)", col_name(x->s, cyen, x->a),
			    csv_shown(x->e, ty));
		return 0;
	}
	if (import_yen(t, y)) {
		bad(x, c, "\"%s\": %s", csv_shown(x->e, t), y->why);
		return 0;
	}
	if (*ty) {
		struct buf d = BUF_INIT;
		const char *p;

		for (p = ty; *p; p++) {
			if (*p != ',')
				buf_putc(&d, *p);
		}
		if (num_parse_ll(d.ptr, d.len, 0, INT64_MAX, &want))
			bad(x, cyen, "\"%s\" is not a number of yen", csv_shown(x->e, ty));
		else if (want != y->yen)
			bad(x, cyen, "%s disagrees with %s \"%s\" (%lld yen)",
			    csv_shown(x->e, ty), col_name(x->s, c, x->a),
			    csv_shown(x->e, t), y->yen);
		buf_release(&d);
	}
	return 1;
}

/* ---- the stored programmes a file may name ---- */

struct codes {
	const char **code;      /* codes defined in this file (programmes) */
	long *line;
	long n;
};

static int known_code(struct import *imp, const struct codes *c, const char *code,
		      long long *id)
{
	long i;

	for (i = 0; c && i < c->n; i++) {
		if (!strcmp(c->code[i], code)) {
			*id = 0;
			return 0;
		}
	}
	return store_programme_find(imp->st, code, id);
}

static void need_code(struct kctx *x, enum kcol c, const char *code,
		      const struct codes *file, long long *id)
{
	long long dummy;
	int rc;

	if (!*code)
		return;
	rc = known_code(x->imp, file, code, id ? id : &dummy);
	if (rc == MD_ENOTFOUND)
		bad(x, c, "there is no programme %s (import it with `mdplan import "
		    "programmes FILE.csv` first)", csv_shown(x->e, code));
	else if (rc)
		x->oom = 1;
}

/* ---- the rows of each file ---- */

union krow {
	struct store_programme p;
	struct store_budget b;
	struct store_presult r;
	struct store_hub hb;
	struct {
		long long programme, indicator;
		const char *note;
	} pi;
};

static const char *const budget_kinds[] = {
	"initial", "initial_draft", "supplementary", "supplementary_draft", "request",
};
static const char *const budget_kinds_ja[] = {
	"当初予算", "当初予算案", "補正予算", "補正予算案", "概算要求",
};

static void check_programme(struct kctx *x, struct store_programme *p,
			    struct codes *file)
{
	static const char *const fundings[] = { "", "補助", "委託", "補助・委託" };
	const char *m;

	memset(p, 0, sizeof(*p));
	p->code = cellk(x, K_CODE);
	p->name_ja = cellk(x, K_NAME_JA);
	p->name_en = cellk(x, K_NAME_EN);
	m = cellk(x, K_MINISTRY);
	p->division = cellk(x, K_DIVISION);
	p->parent = cellk(x, K_PARENT);
	p->predecessor = cellk(x, K_PREDECESSOR);
	p->successor = cellk(x, K_SUCCESSOR);
	p->first_year = year_cell(x, K_FIRST_YEAR);
	p->last_year = year_cell(x, K_LAST_YEAR);
	p->body = cellk(x, K_BODY);
	p->funding = cellk(x, K_FUNDING);
	p->rate = cellk(x, K_RATE);
	p->selection = cellk(x, K_SELECTION);
	p->purpose = cellk(x, K_PURPOSE);
	p->scheme = cellk(x, K_SCHEME);
	p->notes = cellk(x, K_NOTES);
	p->source = cellk(x, K_SOURCE);
	p->evidence = cellk(x, K_EVIDENCE);
	if (import_indicator_code_check(p->code))
		bad(x, K_CODE, "\"%s\" is not a code (expected letters, digits, '-', "
		    "'_' and '.', at most 40, starting with a letter or digit)",
		    csv_shown(x->e, p->code));
	if (!*p->name_ja)
		bad(x, K_NAME_JA, "empty (expected the programme's name)");
	p->ministry = "";
	if (*m) {
		int k = text_ministry_find(m, strlen(m));

		if (k < 0)
			bad(x, K_MINISTRY, "\"%s\" is not a ministry (expected 厚, 経, "
			    "文, 内, 総 or their names)", csv_shown(x->e, m));
		else
			p->ministry = text_ministry_at(k)->abbrev;
	}
	if (p->first_year && p->last_year && p->last_year < p->first_year)
		bad(x, K_LAST_YEAR, "%d is before first_year %d", p->last_year,
		    p->first_year);
	if (one_of(p->funding, fundings, MD_ARRAY_SIZE(fundings)) < 0)
		bad(x, K_FUNDING, "\"%s\" (expected 補助 for a grant, 委託 for a "
		    "contract, 補助・委託 or empty)", csv_shown(x->e, p->funding));
	(void)file;
}

static void check_budget(struct kctx *x, struct store_budget *b)
{
	const char *kind = cellk(x, K_KIND);
	struct import_yen y;
	int k;

	memset(b, 0, sizeof(*b));
	need_code(x, K_CODE, cellk(x, K_CODE), NULL, &b->programme);
	if (!*cellk(x, K_CODE))
		bad(x, K_CODE, "empty (expected a programme code)");
	b->fiscal_year = year_cell(x, K_FISCAL_YEAR);
	if (!b->fiscal_year && !*cellk(x, K_FISCAL_YEAR))
		bad(x, K_FISCAL_YEAR, "empty (expected the fiscal year, e.g. 令和7年度)");
	b->kind_as_written = cellk(x, K_KIND_AS_WRITTEN);
	if ((k = one_of(kind, budget_kinds, MD_ARRAY_SIZE(budget_kinds))) < 0)
		k = one_of(kind, budget_kinds_ja, MD_ARRAY_SIZE(budget_kinds_ja));
	if (k < 0)
		bad(x, K_KIND, "\"%s\" (expected initial 当初予算, initial_draft "
		    "当初予算案, supplementary 補正予算, supplementary_draft 補正予算案 "
		    "or request 概算要求)", csv_shown(x->e, kind));
	else
		b->kind = budget_kinds[k];
	b->as_written = cellk(x, K_AMOUNT);
	if (!*b->as_written)
		bad(x, K_AMOUNT, "empty (a budget the document does not state is "
		    "left out, not zero)");
	else if (amount_cells(x, K_AMOUNT, K_AMOUNT_YEN, &y)) {
		b->amount_yen = y.yen;
		b->approx = y.approx;
	}
	b->share_of_larger = flag_cell(x, K_SHARE, "内数");
	b->of_code = cellk(x, K_OF_CODE);
	need_code(x, K_OF_CODE, b->of_code, NULL, NULL);
	if (*b->of_code && !b->share_of_larger)
		bad(x, K_OF_CODE, "given, but share_of_larger is not 1 (only a "
		    "share of a larger budget names the budget it is part of)");
	b->multi_year = flag_cell(x, K_MULTI_YEAR, NULL);
	b->fund = flag_cell(x, K_FUND, "基金");
	b->note = cellk(x, K_NOTE);
	b->source = cellk(x, K_SOURCE);
}

static void check_result(struct kctx *x, struct store_presult *r)
{
	static const char *const bounds[] = { "", "about", "at_least", "more_than" };
	static const char *const kinds[] = { "", "fiscal", "calendar" };
	const char *t;

	memset(r, 0, sizeof(*r));
	need_code(x, K_CODE, cellk(x, K_CODE), NULL, &r->programme);
	if (!*cellk(x, K_CODE))
		bad(x, K_CODE, "empty (expected a programme code)");
	r->year = year_cell(x, K_YEAR);
	r->year_kind = cellk(x, K_YEAR_KIND);
	if (one_of(r->year_kind, kinds, MD_ARRAY_SIZE(kinds)) < 0)
		bad(x, K_YEAR_KIND, "\"%s\" (expected fiscal, calendar or empty)",
		    csv_shown(x->e, r->year_kind));
	r->period = cellk(x, K_PERIOD);
	r->what = cellk(x, K_WHAT);
	if (!*r->what)
		bad(x, K_WHAT, "empty (expected what is counted)");
	r->value = cellk(x, K_VALUE);
	if (!*r->value)
		bad(x, K_VALUE, "empty (expected the figure as the document writes it)");
	t = cellk(x, K_NUMBER);
	if (*t) {
		if (import_number(t, &r->number))
			bad(x, K_NUMBER, "\"%s\" is not a number", csv_shown(x->e, t));
		else
			r->has_number = 1;
	}
	r->bound = cellk(x, K_BOUND);
	if (one_of(r->bound, bounds, MD_ARRAY_SIZE(bounds)) < 0)
		bad(x, K_BOUND, "\"%s\" (expected about, at_least, more_than or "
		    "empty)", csv_shown(x->e, r->bound));
	r->unit = cellk(x, K_UNIT);
	t = cellk(x, K_AS_OF);
	r->as_of = t;
	if (*t) {
		struct buf iso = BUF_INIT;

		if (import_date(t, &iso))
			bad(x, K_AS_OF, "\"%s\" is not a date (expected 2025-03-31, "
			    "2025-03 or 令和7年3月31日)", csv_shown(x->e, t));
		else if (!(r->as_of = arena_strndup(x->a, iso.ptr, iso.len)))
			x->oom = 1;
		buf_release(&iso);
	}
	r->note = cellk(x, K_NOTE);
	r->source = cellk(x, K_SOURCE);
}

static void check_hub(struct kctx *x, struct store_hub *h)
{
	static const char *const kinds[] = { "hub", "member", "category", "network" };
	static const char *const stages[] = { "", "adopted", "planned", "counted" };
	static const char *const bases[] = { "", "stated", "name" };
	struct import_yen y;
	const char *t;

	memset(h, 0, sizeof(*h));
	need_code(x, K_CODE, cellk(x, K_CODE), NULL, &h->programme);
	if (!*cellk(x, K_CODE))
		bad(x, K_CODE, "empty (expected a programme code)");
	h->kind = cellk(x, K_KIND);
	if (one_of(h->kind, kinds, MD_ARRAY_SIZE(kinds)) < 0)
		bad(x, K_KIND, "\"%s\" (expected hub, member, category or network)",
		    csv_shown(x->e, h->kind));
	h->stage = cellk(x, K_STAGE);
	if (one_of(h->stage, stages, MD_ARRAY_SIZE(stages)) < 0)
		bad(x, K_STAGE, "\"%s\" (expected adopted, planned, counted or empty)",
		    csv_shown(x->e, h->stage));
	h->institution = cellk(x, K_INSTITUTION);
	h->category = cellk(x, K_CATEGORY);
	h->has_count = count_cell(x, K_COUNT, &h->count);
	h->budget_per_hub = cellk(x, K_BUDGET_PER_HUB);
	if (amount_cells(x, K_BUDGET_PER_HUB, K_BUDGET_PER_HUB_YEN, &y)) {
		h->has_budget_yen = 1;
		h->budget_per_hub_yen = y.yen;
	}
	h->fiscal_years = t = cellk(x, K_FISCAL_YEARS);
	if (*t) {
		/* one year, or FIRST-LAST (also 〜 ~ ～) */
		const char *seps[] = { "-", "〜", "～", "~" };
		size_t i, at = strlen(t), w = 0;

		for (i = 0; i < MD_ARRAY_SIZE(seps); i++) {
			const char *p = strstr(t, seps[i]);

			if (p && (size_t)(p - t) < at) {
				at = (size_t)(p - t);
				w = strlen(seps[i]);
			}
		}
		{
			char *a = arena_strndup(x->a, t, at);
			int kind, ok = a != NULL;

			ok = ok && !import_year(a, &h->first_year, &kind);
			if (ok && w)
				ok = !import_year(t + at + w, &h->last_year, &kind) &&
					h->last_year >= h->first_year;
			else if (ok)
				h->last_year = h->first_year;
			if (!ok) {
				bad(x, K_FISCAL_YEARS, "\"%s\" is not a fiscal year or a "
				    "range of them (expected 2024, 令和6年度 or 2023-2025)",
				    csv_shown(x->e, t));
				h->first_year = h->last_year = 0;
			}
		}
	}
	t = cellk(x, K_AS_OF);
	h->as_of = t;
	if (*t) {
		struct buf iso = BUF_INIT;

		if (import_date(t, &iso))
			bad(x, K_AS_OF, "\"%s\" is not a date (expected 2025-03-31, "
			    "2025-03 or 令和7年3月31日)", csv_shown(x->e, t));
		else if (!(h->as_of = arena_strndup(x->a, iso.ptr, iso.len)))
			x->oom = 1;
		buf_release(&iso);
	}
	h->prefecture = cellk(x, K_PREFECTURE);
	if (*h->prefecture && text_prefecture_find(h->prefecture) < 0)
		bad(x, K_PREFECTURE, "\"%s\" is not a prefecture (expected its full "
		    "name, such as 東京都 or 大阪府)", csv_shown(x->e, h->prefecture));
	h->prefecture_basis = cellk(x, K_PREFECTURE_BASIS);
	if (one_of(h->prefecture_basis, bases, MD_ARRAY_SIZE(bases)) < 0)
		bad(x, K_PREFECTURE_BASIS, "\"%s\" (expected stated, name or empty)",
		    csv_shown(x->e, h->prefecture_basis));
	else if (*h->prefecture_basis && !*h->prefecture)
		bad(x, K_PREFECTURE_BASIS, "given, but prefecture is empty");
	h->results = cellk(x, K_RESULTS);
	h->note = cellk(x, K_NOTE);
	h->source = cellk(x, K_SOURCE);
}

static void check_pindicator(struct kctx *x, union krow *k)
{
	const char *ind = cellk(x, K_INDICATOR);
	int rc;

	memset(k, 0, sizeof(*k));
	need_code(x, K_CODE, cellk(x, K_CODE), NULL, &k->pi.programme);
	if (!*ind) {
		bad(x, K_INDICATOR, "empty (expected an indicator code)");
	} else if ((rc = store_indicator_find(x->imp->st, ind, &k->pi.indicator, NULL))) {
		if (rc == MD_ENOTFOUND)
			bad(x, K_INDICATOR, "indicator %s is not defined (import the "
			    "definitions first)", csv_shown(x->e, ind));
		else
			x->oom = 1;
	}
	k->pi.note = cellk(x, K_NOTE);
}

/* The row's key as text, for "repeats line N". */
static char *row_key(struct arena *a, enum pkind kind, const union krow *k)
{
	switch (kind) {
	case PK_PROGRAMMES:
		return arena_strdup(a, k->p.code);
	case PK_BUDGETS:
		return arena_printf(a, "%lld\x1f%d\x1f%s\x1f%s", k->b.programme,
				    k->b.fiscal_year, k->b.kind ? k->b.kind : "",
				    k->b.source);
	case PK_RESULTS:
		return arena_printf(a, "%lld\x1f%d\x1f%s\x1f%s\x1f%s", k->r.programme,
				    k->r.year, k->r.period, k->r.what, k->r.source);
	case PK_PINDICATORS:
		return arena_printf(a, "%lld\x1f%lld", k->pi.programme, k->pi.indicator);
	case PK_HUBS:
		return arena_printf(a, "%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
				    k->hb.programme, k->hb.kind, k->hb.institution,
				    k->hb.category, k->hb.fiscal_years, k->hb.source);
	}
	return NULL;
}

static const char *const repeat_what[] = {
	[PK_PROGRAMMES] = "the same code",
	[PK_BUDGETS] = "the same programme, fiscal year, kind and source",
	[PK_RESULTS] = "the same programme, year, period, what and source",
	[PK_PINDICATORS] = "the same programme and indicator",
	[PK_HUBS] = "the same programme, kind, institution, category, years and source",
};

static int write_row(struct import *imp, enum pkind kind, union krow *k,
		     long long source, long line)
{
	struct store_loc loc = { source, line, 1 };

	switch (kind) {
	case PK_PROGRAMMES:
		k->p.loc = loc;
		return store_programme_put(imp->st, &k->p, NULL);
	case PK_BUDGETS:
		k->b.loc = loc;
		return store_budget_put(imp->st, &k->b);
	case PK_RESULTS:
		k->r.loc = loc;
		return store_presult_put(imp->st, &k->r);
	case PK_PINDICATORS:
		return store_pindicator_put(imp->st, k->pi.programme, k->pi.indicator,
					    k->pi.note, &loc);
	case PK_HUBS:
		k->hb.loc = loc;
		return store_hub_put(imp->st, &k->hb);
	}
	return MD_EUSAGE;
}

static int run_kind(struct import *imp, const char *data, size_t len,
		    enum pkind kind)
{
	const struct spec *s = &specs[kind];
	struct arena *a = arena_new();
	struct buf text = BUF_INIT;
	struct csv_errs e = { imp, NULL, BUF_INIT, 0 };
	struct tsv_row *rows = NULL;
	union krow *k = NULL;
	long *lines = NULL;
	char **keys = NULL;
	struct codes file = { 0 };
	struct khdr h;
	long nrows = 0, first = 0, n = 0, i, j;
	long long source;
	int rc, header_errs;

	if (!a)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	e.a = a;
	if ((rc = csv_load(imp, a, data, len, s->example, &text, &rows, &nrows, &first)))
		goto out;
	if ((rc = read_header(s, a, &rows[first], &h, &e)))
		goto oom;
	header_errs = e.n;
	k = arena_alloc(a, sizeof(*k) * (size_t)nrows);
	lines = arena_alloc(a, sizeof(*lines) * (size_t)nrows);
	keys = arena_alloc(a, sizeof(*keys) * (size_t)nrows);
	file.code = arena_alloc(a, sizeof(*file.code) * (size_t)nrows);
	file.line = arena_alloc(a, sizeof(*file.line) * (size_t)nrows);
	if (!k || !lines || !keys || !file.code || !file.line)
		goto oom;
	/* programmes: the codes this file defines, for parent and successor */
	if (kind == PK_PROGRAMMES && !header_errs) {
		for (i = first + 1; i < nrows; i++) {
			int at = h.at[K_CODE] - 1;

			if (csv_blank_row(&rows[i]) || at >= rows[i].n)
				continue;
			if (!(file.code[file.n] = csv_trimmed(a, rows[i].f[at])))
				goto oom;
			file.line[file.n++] = rows[i].line;
		}
	}
	for (i = first + 1; !header_errs && i < nrows; i++) {
		struct kctx x = { s, a, &rows[i], &h, &e, imp, 0 };
		int errs = e.n;

		if (csv_blank_row(&rows[i]))
			continue;
		if (rows[i].n > h.ncols) {
			csv_err(&e, rows[i].line, NULL, "%d fields, but the header names "
				"%d columns", rows[i].n, h.ncols);
			continue;
		}
		for (j = 0; j < rows[i].n; j++) {
			if (csv_has_control(rows[i].f[j]))
				csv_err(&e, rows[i].line, NULL, "field %ld holds a control "
					"character", j + 1);
		}
		switch (kind) {
		case PK_PROGRAMMES:
			check_programme(&x, &k[n].p, &file);
			need_code(&x, K_PARENT, k[n].p.parent, &file, NULL);
			need_code(&x, K_PREDECESSOR, k[n].p.predecessor, &file, NULL);
			need_code(&x, K_SUCCESSOR, k[n].p.successor, &file, NULL);
			if (*k[n].p.parent && !strcmp(k[n].p.parent, k[n].p.code))
				bad(&x, K_PARENT, "a programme cannot be its own parent");
			break;
		case PK_BUDGETS:
			check_budget(&x, &k[n].b);
			break;
		case PK_RESULTS:
			check_result(&x, &k[n].r);
			break;
		case PK_PINDICATORS:
			check_pindicator(&x, &k[n]);
			break;
		case PK_HUBS:
			check_hub(&x, &k[n].hb);
			break;
		}
		if (x.oom)
			goto oom;
		if (e.n != errs)
			continue;
		if (!(keys[n] = row_key(a, kind, &k[n])))
			goto oom;
		for (j = 0; j < n; j++) {
			if (!strcmp(keys[j], keys[n])) {
				csv_err(&e, rows[i].line, NULL, "repeats line %ld (%s)",
					lines[j], repeat_what[kind]);
				break;
			}
		}
		if (j < n)
			continue;
		lines[n++] = rows[i].line;
	}
	if ((rc = csv_errs_finish(&e)))
		goto out;
	if (!n) {
		rc = import_fail(imp, MD_EINPUT, 0, "no rows below the header");
		goto out;
	}
	if ((rc = store_begin(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto out;
	}
	if ((rc = import_source(imp, s->kind, data, len, &source)))
		goto rollback;
	for (i = 0; i < n; i++) {
		/* a budget, result or hub of a programme this run did not know
		 * when it was checked cannot happen (programmes come first) */
		if ((rc = write_row(imp, kind, &k[i], source, lines[i]))) {
			import_fail(imp, rc, lines[i], "%s", store_errmsg(imp->st));
			goto rollback;
		}
		imp->sum.rows++;
	}
	if ((rc = store_commit(imp->st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(imp->st));
		goto rollback;
	}
	goto out;
oom:
	rc = import_fail(imp, MD_ENOMEM, 0, "out of memory");
	goto out;
rollback:
	store_rollback(imp->st);
out:
	buf_release(&e.msg);
	buf_release(&text);
	arena_free(a);
	return rc;
}

int import_programmes_run(struct import *imp, const char *data, size_t len)
{
	return run_kind(imp, data, len, PK_PROGRAMMES);
}

int import_budgets_run(struct import *imp, const char *data, size_t len)
{
	return run_kind(imp, data, len, PK_BUDGETS);
}

int import_presults_run(struct import *imp, const char *data, size_t len)
{
	return run_kind(imp, data, len, PK_RESULTS);
}

int import_pindicators_run(struct import *imp, const char *data, size_t len)
{
	return run_kind(imp, data, len, PK_PINDICATORS);
}

int import_hubs_run(struct import *imp, const char *data, size_t len)
{
	return run_kind(imp, data, len, PK_HUBS);
}
