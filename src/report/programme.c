/*
 * Programmes (事業) as the outputs see them: prog_load() gathers each
 * programme with its budget figures, links, results and indicators;
 * prog_totals() adds budgets up by fiscal year, kind and group (ministry,
 * goal or vision) by the rule stated in PROG_TOTAL_RULE; and the text
 * renderers of the CLI. JSON is in json.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "report.h"

int prog_load(struct store *st, const struct prog_q *q, struct arena *a,
	      struct prog_set *out)
{
	struct store_filter f = { 0 };
	struct store_programme_row *p = NULL;
	struct store_budget_row *b = NULL;
	struct store_plink_row *l = NULL;
	struct store_presult_row *r = NULL;
	struct store_pindicator_row *pi = NULL;
	int np = 0, nb = 0, nl = 0, nr = 0, npi = 0, i, j, rc;

	memset(out, 0, sizeof(*out));
	f.code = q->code;
	f.ministry = q->ministry;
	f.goal = q->goal;
	f.year = q->year;
	if ((rc = store_load_programme(st, &f, a, &p, &np)))
		return rc;
	f.goal = 0;
	f.ministry = NULL;
	if ((rc = store_load_budget(st, &f, a, &b, &nb)))
		return rc;
	f.year = 0;
	if ((rc = store_load_plink(st, &f, a, &l, &nl)) ||
	    (rc = store_load_presult(st, &f, a, &r, &nr)) ||
	    (rc = store_load_pindicator(st, &f, a, &pi, &npi)))
		return rc;
	out->p = arena_alloc(a, sizeof(*out->p) * (size_t)(np ? np : 1));
	if (!out->p)
		return MD_ENOMEM;
	for (i = 0; i < np; i++) {
		struct prog *x = &out->p[i];

		memset(x, 0, sizeof(*x));
		x->p = &p[i];
		/* the rows come ordered by code: each programme's run */
		for (j = 0; j < nb; j++) {
			if (!strcmp(b[j].code, p[i].code)) {
				if (!x->nb)
					x->b = &b[j];
				x->nb++;
			}
		}
		for (j = 0; j < nl; j++) {
			if (!strcmp(l[j].code, p[i].code)) {
				if (!x->nl)
					x->l = &l[j];
				x->nl++;
			}
		}
		for (j = 0; j < nr; j++) {
			if (!strcmp(r[j].code, p[i].code)) {
				if (!x->nr)
					x->r = &r[j];
				x->nr++;
			}
		}
		for (j = 0; j < npi; j++) {
			if (!strcmp(pi[j].code, p[i].code)) {
				if (!x->ni)
					x->i = &pi[j];
				x->ni++;
			}
		}
	}
	out->n = np;
	if (q->code && !np)
		return MD_ENOTFOUND;
	if (q->vision) {
		/* the goals the vision lists; a programme stays when a confirmed
		 * link reaches one of them */
		struct store_listing_row *ls = NULL;
		int nls = 0, k, keep = 0;

		if ((rc = store_load_listing(st, NULL, a, &ls, &nls)))
			return rc;
		for (i = 0; i < out->n; i++) {
			int ok = 0;

			for (j = 0; j < out->p[i].nl && !ok; j++) {
				const struct store_plink_row *lk = &out->p[i].l[j];

				if (strcmp(lk->status, "confirmed") || lk->null.goal_no)
					continue;
				for (k = 0; k < nls && !ok; k++)
					ok = ls[k].vision_no == q->vision && ls[k].goal_no == lk->goal_no;
			}
			if (ok)
				out->p[keep++] = out->p[i];
		}
		out->n = keep;
	}
	return 0;
}

/* ---- totals ---- */

static struct prog_total *total_for(struct prog_totals *t, struct arena *a,
				    int year, const char *kind, const char *group)
{
	int i;

	for (i = 0; i < t->n; i++) {
		if (t->t[i].fiscal_year == year && !strcmp(t->t[i].kind, kind) &&
		    !strcmp(t->t[i].group, group))
			return &t->t[i];
	}
	if (t->n == t->cap) {
		int ncap = t->cap ? t->cap * 2 : 32;
		struct prog_total *n = arena_alloc(a, sizeof(*n) * (size_t)ncap);

		if (!n)
			return NULL;
		if (t->n)
			memcpy(n, t->t, sizeof(*n) * (size_t)t->n);
		t->t = n;
		t->cap = ncap;
	}
	memset(&t->t[t->n], 0, sizeof(t->t[0]));
	t->t[t->n].fiscal_year = year;
	t->t[t->n].kind = kind;
	t->t[t->n].group = group;
	return &t->t[t->n++];
}

static int cmp_total(const void *x, const void *y)
{
	const struct prog_total *a = x, *b = y;
	int c;

	if (a->fiscal_year != b->fiscal_year)
		return a->fiscal_year < b->fiscal_year ? -1 : 1;
	if ((c = strcmp(a->kind, b->kind)))
		return c;
	return strcmp(a->group, b->group);
}

/* The groups a programme counts in: its ministry, or the goals or visions
 * of its confirmed links ("" when none). */
static int groups_of(struct store *st, struct arena *a, const struct prog *x,
		     const char *by, const char **g, int max)
{
	int n = 0, i, k;

	if (!by || !strcmp(by, "ministry")) {
		g[n++] = x->p->ministry;
		return n;
	}
	for (i = 0; i < x->nl; i++) {
		const struct store_plink_row *l = &x->l[i];
		const char *key;

		if (strcmp(l->status, "confirmed") || l->null.goal_no)
			continue;
		if (!strcmp(by, "goal")) {
			key = arena_printf(a, "G%lld", l->goal_no);
			for (k = 0; k < n && strcmp(g[k], key ? key : ""); k++)
				;
			if (key && k == n && n < max)
				g[n++] = key;
		} else {
			struct store_filter f = { 0 };
			struct store_listing_row *ls = NULL;
			int nls = 0, j;

			f.goal = (int)l->goal_no;
			if (store_load_listing(st, &f, a, &ls, &nls))
				return -1;
			for (j = 0; j < nls; j++) {
				key = arena_printf(a, "V%lld", ls[j].vision_no);
				for (k = 0; k < n && strcmp(g[k], key ? key : ""); k++)
					;
				if (key && k == n && n < max)
					g[n++] = key;
			}
		}
	}
	if (!n)
		g[n++] = "";
	return n;
}

int prog_totals(struct store *st, const struct prog_set *s, const char *by,
		int year, struct arena *a, struct prog_totals *out)
{
	int i, j, k, m;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < s->n; i++) {
		const struct prog *x = &s->p[i];
		const char *g[16];
		int ng = groups_of(st, a, x, by, g, 16);

		if (ng < 0)
			return MD_EDB;
		for (j = 0; j < x->nb; j++) {
			const struct store_budget_row *b = &x->b[j];
			long long lo = b->amount_yen, hi = b->amount_yen;
			int first = 1, nsrc = 0;

			if (year && b->fiscal_year != year)
				continue;
			/* the programme's figures for this year and kind: count
			 * it once, at the first of them, with their range */
			for (m = 0; m < x->nb; m++) {
				const struct store_budget_row *o = &x->b[m];

				if (o->fiscal_year != b->fiscal_year || strcmp(o->kind, b->kind) ||
				    o->share_of_larger != b->share_of_larger)
					continue;
				if (m < j)
					first = 0;
				nsrc++;
				if (o->amount_yen < lo)
					lo = o->amount_yen;
				if (o->amount_yen > hi)
					hi = o->amount_yen;
			}
			if (!first)
				continue;
			for (k = 0; k < ng; k++) {
				struct prog_total *t = total_for(out, a, (int)b->fiscal_year,
								 b->kind, g[k]);

				if (!t)
					return MD_ENOMEM;
				if (b->share_of_larger) {
					t->shares++;
					t->shares_yen += lo;
				} else {
					t->programmes++;
					t->low_yen += lo;
					t->high_yen += hi;
					t->disagree += lo != hi;
					t->sources += nsrc;
				}
			}
		}
	}
	if (out->n)
		qsort(out->t, (size_t)out->n, sizeof(out->t[0]), cmp_total);
	return 0;
}

const char *const PROG_TOTAL_RULE =
	"Totals add each programme's figure once per fiscal year and kind. "
	"Where documents state different figures for the same programme, year "
	"and kind, the total is a range from the lowest to the highest. Figures "
	"that are a share of a larger budget (内数) are shown but not added. A "
	"programme linked to several goals or visions counts in each of them.";

/* ---- text ---- */

/* 7.7億円 as 770,000,000 yen: the figure as written and the yen. */
void prog_yen(struct buf *out, long long yen)
{
	num_format(out, (double)yen, 0, 1);
}

static void budget_line(struct buf *out, const struct store_budget_row *b)
{
	buf_printf(out, "  FY%lld %-19s %s (", b->fiscal_year, b->kind, b->as_written);
	prog_yen(out, b->amount_yen);
	buf_puts(out, " yen)");
	if (b->share_of_larger)
		buf_printf(out, " 内数%s%s", *b->of_code ? " of " : "", b->of_code);
	if (b->multi_year)
		buf_puts(out, " multi-year");
	if (b->fund)
		buf_puts(out, " fund");
	buf_printf(out, "  [%s]\n", b->source);
}

int report_programmes_text(struct store *st, const struct prog_q *q, struct buf *out)
{
	struct arena *a = arena_new();
	struct prog_set s;
	int i, j, rc;

	if (!a)
		return MD_ENOMEM;
	if ((rc = prog_load(st, q, a, &s)))
		goto out;
	for (i = 0; i < s.n; i++) {
		const struct prog *x = &s.p[i];

		buf_printf(out, "%-22s %-3s %s\n", x->p->code,
			   *x->p->ministry ? x->p->ministry : "-", x->p->name_ja);
		for (j = 0; j < x->nb; j++)
			budget_line(out, &x->b[j]);
	}
	buf_printf(out, "%d programme%s\n", s.n, s.n == 1 ? "" : "s");
out:
	arena_free(a);
	return rc ? rc : buf_error(out);
}

static void field(struct buf *out, const char *label, const char *v)
{
	if (v && *v)
		buf_printf(out, "%-13s %s\n", label, v);
}

int report_programme_show(struct store *st, const char *code, struct buf *out)
{
	struct arena *a = arena_new();
	struct prog_q q = { 0 };
	struct prog_set s;
	const struct prog *x;
	struct store_filter f = { 0 };
	struct store_programme_row *subs = NULL;
	struct store_hub_row *h = NULL;
	int i, n = 0, nh = 0, rc;

	if (!a)
		return MD_ENOMEM;
	q.code = code;
	if ((rc = prog_load(st, &q, a, &s)))
		goto out;
	x = &s.p[0];
	buf_printf(out, "%s %s\n", x->p->code, x->p->name_ja);
	field(out, "name (en)", x->p->name_en);
	field(out, "ministry", x->p->ministry);
	field(out, "division", x->p->division);
	field(out, "parent", x->p->parent);
	field(out, "predecessor", x->p->predecessor);
	field(out, "successor", x->p->successor);
	if (!x->p->null.first_year || !x->p->null.last_year) {
		buf_printf(out, "%-13s ", "years");
		if (!x->p->null.first_year)
			buf_printf(out, "FY%lld", x->p->first_year);
		buf_puts(out, "–");
		if (!x->p->null.last_year)
			buf_printf(out, "FY%lld", x->p->last_year);
		buf_putc(out, '\n');
	}
	field(out, "body", x->p->body);
	field(out, "funding", x->p->funding);
	field(out, "rate", x->p->rate);
	field(out, "selection", x->p->selection);
	field(out, "purpose", x->p->purpose);
	field(out, "scheme", x->p->scheme);
	field(out, "notes", x->p->notes);
	field(out, "source", x->p->source);
	/* sub-programmes: those whose parent is this one */
	if ((rc = store_load_programme(st, &f, a, &subs, &n)))
		goto out;
	for (i = 0; i < n; i++) {
		if (!strcmp(subs[i].parent, code))
			buf_printf(out, "%-13s %s %s\n", "sub-programme", subs[i].code,
				   subs[i].name_ja);
	}
	if (x->nb)
		buf_puts(out, "budgets\n");
	for (i = 0; i < x->nb; i++)
		budget_line(out, &x->b[i]);
	if (x->nr)
		buf_puts(out, "results\n");
	for (i = 0; i < x->nr; i++) {
		const struct store_presult_row *r = &x->r[i];

		if (r->null.year)
			buf_printf(out, "  %s", *r->period ? r->period : "-");
		else
			buf_printf(out, "  FY%lld", r->year);
		buf_printf(out, " %s: %s%s  [%s]\n", r->what, r->value, r->unit,
			   r->source);
	}
	for (i = 0; i < x->ni; i++)
		buf_printf(out, "%-13s %s %s\n", "indicator", x->i[i].indicator,
			   x->i[i].name_ja);
	for (i = 0; i < x->nl; i++) {
		const struct store_plink_row *l = &x->l[i];

		buf_printf(out, "%-13s %s%lld (%s)%s%s\n", "serves",
			   l->null.measure_no ? "A" : "M",
			   l->null.measure_no ? l->item_no : l->measure_no, l->status,
			   *l->sentence ? ": " : "", l->sentence);
	}
	f.code = code;
	if ((rc = store_load_hub(st, &f, a, &h, &nh)))
		goto out;
	if (nh)
		buf_printf(out, "hubs          %d (mdplan hubs)\n", nh);
out:
	arena_free(a);
	return rc ? rc : buf_error(out);
}

int report_budgets_text(struct store *st, const char *by, int year, struct buf *out)
{
	struct arena *a = arena_new();
	struct prog_q q = { 0 };
	struct prog_set s;
	struct prog_totals t;
	int i, rc;

	if (!a)
		return MD_ENOMEM;
	if ((rc = prog_load(st, &q, a, &s)) ||
	    (rc = prog_totals(st, &s, by, year, a, &t)))
		goto out;
	buf_printf(out, "%-8s %-20s %-8s %5s %28s %s\n", "year", "kind",
		   by ? by : "ministry", "prog.", "total (yen)", "内数 not added");
	for (i = 0; i < t.n; i++) {
		const struct prog_total *x = &t.t[i];
		struct buf v = BUF_INIT;

		prog_yen(&v, x->low_yen);
		if (x->high_yen != x->low_yen) {
			buf_puts(&v, "–");
			prog_yen(&v, x->high_yen);
		}
		buf_printf(out, "FY%-6d %-20s %-8s %5d %28s", x->fiscal_year, x->kind,
			   *x->group ? x->group : "-", x->programmes, v.ptr);
		if (x->shares) {
			buf_printf(out, " %d (", x->shares);
			prog_yen(out, x->shares_yen);
			buf_puts(out, " yen)");
		}
		buf_putc(out, '\n');
		buf_release(&v);
	}
	buf_printf(out, "%s\n", PROG_TOTAL_RULE);
out:
	arena_free(a);
	return rc ? rc : buf_error(out);
}

int report_hubs_text(struct store *st, struct buf *out)
{
	struct arena *a = arena_new();
	struct store_hub_row *h = NULL;
	int i, n = 0, rc;

	if (!a)
		return MD_ENOMEM;
	if ((rc = store_load_hub(st, NULL, a, &h, &n)))
		goto out;
	for (i = 0; i < n; i++) {
		buf_printf(out, "%-18s %-8s %-8s %-6s %s%s%s", h[i].code, h[i].kind,
			   *h[i].stage ? h[i].stage : "-",
			   *h[i].fiscal_years ? h[i].fiscal_years : "-",
			   h[i].institution, *h[i].institution && *h[i].category ? " / " : "",
			   h[i].category);
		if (!h[i].null.count)
			buf_printf(out, " ×%lld", h[i].count);
		if (*h[i].prefecture)
			buf_printf(out, " (%s)", h[i].prefecture);
		buf_putc(out, '\n');
	}
	buf_printf(out, "%d rows\n", n);
out:
	arena_free(a);
	return rc ? rc : buf_error(out);
}

/* ---- link suggestions ---- */

/* 1 when a new line starts at s: a list item (・ ● ○ - ＜), so the line
 * break before it ends a sentence; other breaks are the extraction's. */
static int item_start(const char *s, size_t n)
{
	static const char *const marks[] = { "・", "●", "○", "-", "＜", "<" };
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(marks); k++) {
		size_t l = strlen(marks[k]);

		if (l <= n && !memcmp(s, marks[k], l))
			return 1;
	}
	return 0;
}

/* The sentence of text around [at, end): from after the previous 。 (or a
 * line break before a list item) to the next one (included). */
static const char *sentence_at(struct arena *a, const char *s, size_t n,
			       size_t at, size_t end)
{
	static const char stop[] = "。";
	size_t b = at, e = end, sl = sizeof(stop) - 1;

	while (b > 0 && !(s[b - 1] == '\n' && item_start(s + b, n - b)) &&
	       !(b >= sl && !memcmp(s + b - sl, stop, sl)))
		b--;
	while (e < n && !(s[e] == '\n' && item_start(s + e + 1, n - e - 1)) &&
	       !(e + sl <= n && !memcmp(s + e, stop, sl)))
		e++;
	if (e + sl <= n && !memcmp(s + e, stop, sl))
		e += sl;
	while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n'))
		b++;
	return arena_strndup(a, s + b, e - b);
}

static int add_sugg(struct arena *a, struct prog_sugg **v, int *n, int *cap,
		    const struct prog_sugg *x)
{
	int i;

	for (i = 0; i < *n; i++) {
		if (!strcmp((*v)[i].code, x->code) && (*v)[i].item_no == x->item_no)
			return 0;   /* one suggestion per programme and item */
	}
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct prog_sugg *nv = arena_alloc(a, sizeof(*nv) * (size_t)ncap);

		if (!nv)
			return MD_ENOMEM;
		if (*n)
			memcpy(nv, *v, sizeof(*nv) * (size_t)*n);
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *x;
	return 0;
}

/* The follow-up rows that name the programme p by term: each matched to
 * an action item, with the sentence. */
static int suggest_term(struct store *st, struct arena *a,
			const struct store_programme_row *p, const char *term,
			struct prog_sugg **v, int *n, int *cap)
{
	struct store_search_q q = { 0 };
	struct store_hit *hits = NULL;
	struct buf key = BUF_INIT;
	int nh = 0, j, rc;
	long total = 0;

	q.text = term;
	q.kind = STORE_KIND_FOLLOWUP;
	if ((rc = store_search(st, &q, &hits, &nh, &total)) ||
	    (rc = text_search_key(term, strlen(term), &key)))
		goto out;
	for (j = 0; j < nh && !rc; j++) {
		struct store_filter df = { 0 };
		struct store_search_doc_row *d = NULL;
		int nd = 0, part;

		df.kind = STORE_KIND_FOLLOWUP;
		df.id = hits[j].ref;
		if ((rc = store_load_search_doc(st, &df, a, &d, &nd)) || !nd || d->null.no)
			continue;   /* a row matched to no action item */
		for (part = 0; part < 2 && !rc; part++) {
			const char *t = part ? d->plans : d->body;
			struct text_span sp[1];
			int cnt = 0;
			struct prog_sugg x;

			if (text_search_spans(t, strlen(t), key.ptr, key.len, sp, 1, &cnt) || !cnt)
				continue;
			x.code = p->code;
			x.name_ja = p->name_ja;
			x.term = term;
			x.item_no = (int)d->no;
			x.fiscal_year = (int)d->fiscal_year;
			x.followup = hits[j].ref;
			x.sentence = sentence_at(a, t, strlen(t), sp[0].start, sp[0].end);
			rc = x.sentence ? add_sugg(a, v, n, cap, &x) : MD_ENOMEM;
			break;
		}
	}
out:
	free(hits);
	buf_release(&key);
	return rc;
}

/* The names a programme goes by: its name, and for a name that ends in a
 * bracketed short name (医療系ベンチャー・トータルサポート事業（MEDISO）)
 * the short name and the name without it. */
static int names_of(struct arena *a, const char *name, const char **t)
{
	static const char open[] = "（", close[] = "）";
	size_t n = strlen(name), cl = sizeof(close) - 1, ol = sizeof(open) - 1;
	const char *o;
	int k = 0;

	t[k++] = name;
	if (n > cl && !memcmp(name + n - cl, close, cl)) {
		const char *p = name;

		o = NULL;
		while ((p = strstr(p, open)) != NULL)
			o = p++;
		if (o && o > name) {
			const char *in = o + ol;
			size_t il = (size_t)(name + n - cl - in);

			if (il >= 4 && (t[k] = arena_strndup(a, in, il)))
				k++;
			if ((size_t)(o - name) >= 9 && (t[k] = arena_strndup(a, name, (size_t)(o - name))))
				k++;
		}
	}
	return k;
}

int prog_suggest(struct store *st, const char *code, struct arena *a,
		 struct prog_sugg **out, int *nout)
{
	struct store_filter f = { 0 };
	struct store_programme_row *p = NULL;
	struct prog_sugg *v = NULL;
	int np = 0, n = 0, cap = 0, i, k, rc;

	f.code = code;
	if ((rc = store_load_programme(st, &f, a, &p, &np)))
		return rc;
	if (code && !np)
		return MD_ENOTFOUND;
	for (i = 0; i < np; i++) {
		const char *t[3];
		int nt = names_of(a, p[i].name_ja, t);

		for (k = 0; k < nt; k++) {
			if ((rc = suggest_term(st, a, &p[i], t[k], &v, &n, &cap)))
				return rc;
		}
	}
	*out = v;
	*nout = n;
	return 0;
}

/* ---- CSV, in the layouts the importer reads (data/SOURCES.md) ---- */

static int csv_row(void *ctx, const char *const *f, int n)
{
	struct buf *out = ctx;
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		report_csv_field(out, f[i]);
	}
	buf_puts(out, "\r\n");
	return buf_error(out);
}

static const char *num_text(struct arena *a, int null, long long v)
{
	return null ? "" : arena_printf(a, "%lld", v);
}

static const char *flag_text(long long v)
{
	return v ? "1" : "";
}

int prog_table(struct store *st, const char *what, prog_row_fn fn, void *ctx)
{
	struct arena *a = arena_new();
	int i, n = 0, rc = MD_EUSAGE;

	if (!a)
		return MD_ENOMEM;
	if (!strcmp(what, "programmes")) {
		static const char *const hdr[] = { "code", "name_ja", "name_en", "ministry",
			"division", "parent", "predecessor", "successor", "first_year",
			"last_year", "body", "funding", "rate", "selection", "purpose",
			"scheme", "notes", "source", "evidence" };
		struct store_programme_row *p = NULL;

		if ((rc = store_load_programme(st, NULL, a, &p, &n)))
			goto out;
		rc = fn(ctx, hdr, (int)MD_ARRAY_SIZE(hdr));
		for (i = 0; i < n && !rc; i++) {
			const char *f[] = { p[i].code, p[i].name_ja, p[i].name_en, p[i].ministry,
				p[i].division, p[i].parent, p[i].predecessor, p[i].successor,
				num_text(a, p[i].null.first_year, p[i].first_year),
				num_text(a, p[i].null.last_year, p[i].last_year), p[i].body,
				p[i].funding, p[i].rate, p[i].selection, p[i].purpose, p[i].scheme,
				p[i].notes, p[i].source, p[i].evidence };

			rc = fn(ctx, f, (int)MD_ARRAY_SIZE(f));
		}
	} else if (!strcmp(what, "budgets")) {
		static const char *const hdr[] = { "code", "fiscal_year", "kind",
			"kind_as_written", "amount", "amount_yen", "share_of_larger", "of_code",
			"multi_year", "fund", "note", "source" };
		struct store_budget_row *b = NULL;

		if ((rc = store_load_budget(st, NULL, a, &b, &n)))
			goto out;
		rc = fn(ctx, hdr, (int)MD_ARRAY_SIZE(hdr));
		for (i = 0; i < n && !rc; i++) {
			const char *f[] = { b[i].code, num_text(a, 0, b[i].fiscal_year), b[i].kind,
				b[i].kind_as_written, b[i].as_written,
				num_text(a, 0, b[i].amount_yen), flag_text(b[i].share_of_larger),
				b[i].of_code, flag_text(b[i].multi_year), flag_text(b[i].fund),
				b[i].note, b[i].source };

			rc = fn(ctx, f, (int)MD_ARRAY_SIZE(f));
		}
	} else if (!strcmp(what, "hubs")) {
		static const char *const hdr[] = { "programme", "kind", "stage", "institution",
			"category", "count", "budget_per_hub", "budget_per_hub_yen",
			"fiscal_years", "as_of", "prefecture", "prefecture_basis", "results",
			"note", "source" };
		struct store_hub_row *h = NULL;

		if ((rc = store_load_hub(st, NULL, a, &h, &n)))
			goto out;
		rc = fn(ctx, hdr, (int)MD_ARRAY_SIZE(hdr));
		for (i = 0; i < n && !rc; i++) {
			const char *f[] = { h[i].code, h[i].kind, h[i].stage, h[i].institution,
				h[i].category, num_text(a, h[i].null.count, h[i].count),
				h[i].budget_per_hub,
				num_text(a, h[i].null.budget_per_hub_yen, h[i].budget_per_hub_yen),
				h[i].fiscal_years, h[i].as_of, h[i].prefecture,
				h[i].prefecture_basis, h[i].results, h[i].note, h[i].source };

			rc = fn(ctx, f, (int)MD_ARRAY_SIZE(f));
		}
	}
	if (!rc && arena_error(a))
		rc = MD_ENOMEM;
out:
	arena_free(a);
	return rc;
}

int report_programme_csv(struct store *st, const char *what, struct buf *out)
{
	int rc = prog_table(st, what, csv_row, out);

	return rc ? rc : buf_error(out);
}
