/* Indicator (指標) definitions and yearly values. */
#include <math.h>
#include <string.h>

#include "../import/import.h"
#include "internal.h"

#define SHORT_MAX 1024          /* names, units */
#define LONG_MAX_ (16 * 1024)   /* notes, sources */

/* One text field of a definition: its bit, its name, where it is. */
struct text_field {
	unsigned bit;
	const char *name;
	size_t off;          /* offsetof(struct store_indicator, ...) */
	int multiline;
	size_t max;
};

#define TF(bit, f, ml, max) { bit, #f, offsetof(struct store_indicator, f), ml, max }
static const struct text_field text_fields[] = {
	TF(EDIT_IND_NAME, name_ja, 0, SHORT_MAX),
	TF(EDIT_IND_NAME_EN, name_en, 0, SHORT_MAX),
	TF(EDIT_IND_UNIT, unit, 0, SHORT_MAX),
	TF(EDIT_IND_UNIT_EN, unit_en, 0, SHORT_MAX),
	TF(EDIT_IND_DIRECTION, direction, 0, SHORT_MAX),
	TF(EDIT_IND_YEAR_KIND, year_kind, 0, SHORT_MAX),
	TF(EDIT_IND_TARGET_NOTE, target_note, 1, LONG_MAX_),
	TF(EDIT_IND_SOURCE, source, 1, LONG_MAX_),
	TF(EDIT_IND_NOTES, notes, 1, LONG_MAX_),
};
#undef TF

static const char **text_at(struct store_indicator *d, const struct text_field *f)
{
	return (const char **)(void *)((char *)d + f->off);
}

static const char *text_of(const struct store_indicator *d,
			   const struct text_field *f)
{
	return *(const char *const *)(const void *)((const char *)d + f->off);
}

static int check_year(struct edit *ed, const char *field, int year)
{
	if (year < 1900 || year > 2200)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_YEAR,
				 field, "%d is not a year from 1900 "
				 "to 2200", year);
	return 0;
}

static int check_number(struct edit *ed, const char *field, double v)
{
	if (!isfinite(v))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NUMBER,
				field, "not a finite number");
	return 0;
}

static int check_code(struct edit *ed, const char *code)
{
	if (!code || import_indicator_code_check(code))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CODE,
				 "code", "\"%s\" is not a code "
				 "(expected letters, digits, '-', '_' and '.', at "
				 "most 40, starting with a letter or digit, such as "
				 "G1-COURSES)", code ? code : "");
	return 0;
}

static int check_version_arg(struct edit *ed, long long v)
{
	if (v < EDIT_ANY_VERSION)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_VERSION,
				"version", "%lld is not a version",
				 v);
	return 0;
}

/* The stored definition of code as a store_indicator (strings in ed's
 * arena), with its id and version; MD_ENOTFOUND when it is not defined. */
static int stored_def(struct edit *ed, const char *code, struct store_indicator *d,
		      long long *id, long long *version)
{
	struct store_filter f = { 0 };
	struct store_indicator_row *r;
	int n, rc;

	f.code = code;
	if ((rc = store_load_indicator(ed->st, &f, ed->a, &r, &n)))
		return rc;
	if (!n)
		return MD_ENOTFOUND;
	memset(d, 0, sizeof(*d));
	d->code = r->code;
	d->name_ja = r->name_ja;
	d->name_en = r->name_en;
	d->unit = r->unit;
	d->unit_en = r->unit_en;
	d->direction = r->direction;
	d->year_kind = r->year_kind;
	d->goal = r->goal_linked ? (int)r->goal_no : 0;
	d->measure = (int)r->measure_no;
	d->has_baseline = !r->null.baseline_year;
	d->baseline_year = (int)r->baseline_year;
	d->baseline_value = r->baseline_value;
	d->has_target = !r->null.target_year;
	d->target_year = (int)r->target_year;
	d->target_value = r->target_value;
	d->target_note = r->target_note;
	d->source = r->source;
	d->notes = r->notes;
	*id = r->id;
	*version = r->version;
	return 0;
}

/* The stored value of (code, year, breakdown) as a store_ivalue, with its
 * id and version; MD_ENOTFOUND when there is none. */
static int stored_value(struct edit *ed, const char *code, int year,
			const char *bk, struct store_ivalue *v, long long *id,
			long long *version)
{
	struct store_filter f = { 0 };
	struct store_ivalue_row *r;
	int i, n, rc;

	f.code = code;
	if ((rc = store_load_ivalue(ed->st, &f, ed->a, &r, &n)))
		return rc;
	for (i = 0; i < n; i++) {
		if (r[i].year != year || strcmp(r[i].breakdown, bk))
			continue;
		memset(v, 0, sizeof(*v));
		v->indicator = r[i].indicator_id;
		v->year = year;
		v->breakdown = r[i].breakdown;
		v->na = r[i].null.value;
		v->value = r[i].value;
		v->na_reason = r[i].na_reason;
		v->note = r[i].note;
		v->source = r[i].source;
		v->as_of = r[i].as_of;
		*id = r[i].id;
		*version = r[i].version;
		return 0;
	}
	return MD_ENOTFOUND;
}

/* Step 1: the change on its own. */
static int check_change(struct edit *ed, const struct edit_indicator *c)
{
	const struct store_indicator *d = &c->d;
	size_t i;
	int rc;

	if ((rc = check_code(ed, d->code)) || (rc = check_version_arg(ed, c->version)))
		return rc;
	for (i = 0; i < MD_ARRAY_SIZE(text_fields); i++) {
		const struct text_field *f = &text_fields[i];
		const char *v = text_of(d, f);

		if (!(c->fields & f->bit))
			continue;
		if (!v)
			return edit_fail(ed, MD_EUSAGE, f->name, "given but NULL");
		if ((rc = edit_check_text(ed, f->name, v, f->max,
					   f->multiline ? EDIT_TEXT_MULTILINE : 0)))
			return rc;
	}
	if ((c->fields & EDIT_IND_NAME) && !*d->name_ja)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_REQUIRED,
				 "name_ja", "empty (expected the "
				 "indicator's name)");
	if ((c->fields & EDIT_IND_UNIT) && !*d->unit)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_REQUIRED,
				 "unit", "empty (expected a unit "
				 "such as 件 or 人)");
	if ((c->fields & EDIT_IND_DIRECTION) && strcmp(d->direction, "up") &&
	    strcmp(d->direction, "down"))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
				 "direction", "\"%s\" (expected up "
				 "when higher is better, down when lower is better)",
				 d->direction);
	if ((c->fields & EDIT_IND_YEAR_KIND) && strcmp(d->year_kind, "fiscal") &&
	    strcmp(d->year_kind, "calendar"))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
				 "year_kind", "\"%s\" (expected "
				 "fiscal or calendar)", d->year_kind);
	if ((c->fields & EDIT_IND_GOAL) && (d->goal < 0 || d->goal > 99))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_GOAL,
				"goal", "%d is not a goal number",
				 d->goal);
	if ((c->fields & EDIT_IND_MEASURE) && (d->measure < 0 || d->measure > 999))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_MEASURE,
				 "measure", "%d is not a measure "
				 "number", d->measure);
	if ((c->fields & EDIT_IND_BASELINE) && d->has_baseline &&
	    ((rc = check_year(ed, "baseline_year", d->baseline_year)) ||
	     (rc = check_number(ed, "baseline_value", d->baseline_value))))
		return rc;
	if ((c->fields & EDIT_IND_TARGET) && d->has_target &&
	    ((rc = check_year(ed, "target_year", d->target_year)) ||
	     (rc = check_number(ed, "target_value", d->target_value))))
		return rc;
	return 0;
}

/* The stored definition with the given fields laid over it. */
static void merge(struct store_indicator *m, const struct edit_indicator *c)
{
	const struct store_indicator *d = &c->d;
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(text_fields); i++) {
		if (c->fields & text_fields[i].bit)
			*text_at(m, &text_fields[i]) = text_of(d, &text_fields[i]);
	}
	if (c->fields & EDIT_IND_GOAL)
		m->goal = d->goal;
	if (c->fields & EDIT_IND_MEASURE)
		m->measure = d->measure;
	if (c->fields & EDIT_IND_BASELINE) {
		m->has_baseline = d->has_baseline;
		m->baseline_year = d->baseline_year;
		m->baseline_value = d->baseline_value;
	}
	if (c->fields & EDIT_IND_TARGET) {
		m->has_target = d->has_target;
		m->target_year = d->target_year;
		m->target_value = d->target_value;
	}
	m->code = d->code;
	/* provenance: an edit, not a line of a document */
	memset(&m->loc, 0, sizeof(m->loc));
}

/* A number field of a definition as the audit entry keeps it. */
static const char *num_text(struct edit *ed, int has, int year, double value)
{
	return has ? arena_printf(ed->a, "%d %.15g", year, value) : "none";
}

/* What the audit entry keeps of a definition's change: the fields that
 * differ between was (NULL: a new indicator) and now, as "field=value"
 * lines (edit_audit_change()). */
static void def_change(struct edit *ed, struct edit_target *t,
		       const struct store_indicator *was, const struct store_indicator *now)
{
	static const struct store_indicator none;
	const struct store_indicator *w = was ? was : &none;
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(text_fields); i++)
		edit_audit_change(ed, &t->before, &t->after, text_fields[i].name,
				  text_of(w, &text_fields[i]), text_of(now, &text_fields[i]));
	edit_audit_change(ed, &t->before, &t->after, "goal",
			  w->goal ? arena_printf(ed->a, "%d", w->goal) : "",
			  now->goal ? arena_printf(ed->a, "%d", now->goal) : "");
	edit_audit_change(ed, &t->before, &t->after, "measure",
			  w->measure ? arena_printf(ed->a, "%d", w->measure) : "",
			  now->measure ? arena_printf(ed->a, "%d", now->measure) : "");
	edit_audit_change(ed, &t->before, &t->after, "baseline",
			  was ? num_text(ed, w->has_baseline, w->baseline_year, w->baseline_value) : "",
			  num_text(ed, now->has_baseline, now->baseline_year, now->baseline_value));
	edit_audit_change(ed, &t->before, &t->after, "target",
			  was ? num_text(ed, w->has_target, w->target_year, w->target_value) : "",
			  num_text(ed, now->has_target, now->target_year, now->target_value));
	if (!was)
		t->before = NULL;   /* nothing was there */
}

int edit_indicator_define(struct edit *ed, const struct store_actor *actor,
			  const struct edit_indicator *c, struct edit_result *res)
{
	struct store_indicator m, stored;
	struct edit_target t;
	struct buf what = BUF_INIT;
	long long id = 0, version = 0;
	int rc, exists;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_change(ed, c)) || (rc = edit_begin(ed)))
		goto out;
	memset(&m, 0, sizeof(m));
	rc = stored_def(ed, c->d.code, &m, &id, &version);
	if (rc && rc != MD_ENOTFOUND) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	exists = !rc;
	memset(&t, 0, sizeof(t));
	t.op = EDIT_INDICATOR_DEFINE;
	t.table = "indicator";
	t.id = id;
	t.version = version;
	t.fields = c->fields;
	t.code = c->d.code;
	t.goal = exists || !(c->fields & EDIT_IND_GOAL) ? m.goal : c->d.goal;
	buf_printf(&what, "indicator %s", c->d.code);
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, what.ptr, c->version, exists, version)))
		goto out;
	stored = m;
	merge(&m, c);
	if (!m.name_ja || !*m.name_ja || !m.unit || !*m.unit || !m.direction ||
	    !*m.direction) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_REQUIRED,
				!m.name_ja || !*m.name_ja ? "name_ja" :
			       !m.unit || !*m.unit ? "unit" : "direction",
			       "a new indicator needs a name, a unit and a direction "
			       "(up: higher is better, down: lower is better; there "
			       "is no default direction)");
		goto out;
	}
	if (!m.year_kind || !*m.year_kind)
		m.year_kind = "fiscal";
	def_change(ed, &t, exists ? &stored : NULL, &m);
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_indicator_put(ed->st, &m, &id))) {
		rc = edit_store_fail(ed, rc, rc == MD_ENOTFOUND ?
				     (strstr(store_errmsg(ed->st), "measure") ?
				      "measure" : "goal") : NULL);
		if (rc == MD_ENOTFOUND)
			ed->why = EDIT_WHY_NOT_IN_PLAN;
		goto out;
	}
	if ((rc = stored_def(ed, c->d.code, &m, &id, &version))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	if ((rc = edit_commit(ed, actor, &t, id, version, res)))
		goto out;
	if (m.has_baseline && m.has_target && m.target_year <= m.baseline_year) {
		buf_puts(&ed->note, "the target year is not after the baseline "
			 "year; progress cannot be computed");
		res->note = ed->note.ptr;
	}
out:
	buf_release(&what);
	return edit_end(ed, rc);
}

/* ---- yearly values ---- */

/* A breakdown key: "" or "dim\x1fmember" pairs, non-empty, one line each,
 * joined by \x1e with the dimensions in strictly increasing order. Its
 * dimension names go to dims (arena). */
static int check_breakdown(struct edit *ed, const char *bk, const char **dims,
			   int *ndims)
{
	const char *p = bk, *prev = NULL;
	size_t prevlen = 0;

	*ndims = 0;
	while (*p) {
		size_t l = strcspn(p, "\x1e"), dl = strcspn(p, "\x1f");
		const char *sep = p + dl;

		if (dl == 0 || dl >= l || memchr(sep + 1, '\x1f', l - dl - 1) ||
		    l - dl - 1 == 0 || *ndims == 64)
			return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
					 "breakdown", "expected "
					 "dimension\\x1fmember pairs joined by \\x1e");
		if (prev) {
			size_t k = prevlen < dl ? prevlen : dl;
			int c = memcmp(prev, p, k);

			if (c > 0 || (c == 0 && prevlen >= dl))
				return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
						 "breakdown", "the "
						 "dimensions must be sorted and "
						 "not repeat");
		}
		if (!(dims[(*ndims)++] = arena_strndup(ed->a, p, dl)))
			return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
		prev = p;
		prevlen = dl;
		p += l + (p[l] != 0);
		if (!*p && p[-1] == '\x1e')
			return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CHOICE,
					"breakdown", "ends in a separator");
	}
	return 0;
}

/* A value's date (時点) as the importer takes it: a date that exists, stored
 * in ISO 8601 (import_date()); "" stays "" (no date). */
static int check_as_of(struct edit *ed, const char *s, const char **iso)
{
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = edit_check_text(ed, "as_of", s, SHORT_MAX, 0)))
		return rc;
	if (!*s) {
		*iso = s;
		return 0;
	}
	if (import_date(s, &b))
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_DATE,
			       "as_of", "\"%s\" is not a date "
			       "(expected 2025-03-31, 2025-03, 2025/3/31, "
			       "2025年3月31日 or 令和7年3月31日)", s);
	else if (!(*iso = arena_strndup(ed->a, b.ptr, b.len)))
		rc = edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	buf_release(&b);
	return rc;
}

static int check_ivalue(struct edit *ed, const struct edit_ivalue *c,
			const char **dims, int *ndims, const char **as_of)
{
	int rc;

	if ((rc = check_code(ed, c->code)) || (rc = check_version_arg(ed, c->version)) ||
	    (rc = check_year(ed, "year", c->year)))
		return rc;
	if (c->breakdown) {
		/* the texts between the separators: one line each */
		char *t = arena_strdup(ed->a, c->breakdown), *p;

		if (!t)
			return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
		for (p = t; *p; p++) {
			if (*p == '\x1e' || *p == '\x1f')
				*p = ' ';
		}
		if ((rc = edit_check_text(ed, "breakdown", t, SHORT_MAX, 0)) ||
		    (rc = check_breakdown(ed, c->breakdown, dims, ndims)))
			return rc;
	}
	if (c->clear) {
		if (!c->reason || !*c->reason)
			return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_VALUE_REASON,
					 "reason", "empty: a value that "
					 "is not available needs the reason");
		if ((rc = edit_check_text(ed, "reason", c->reason, LONG_MAX_,
					  EDIT_TEXT_MULTILINE)))
			return rc;
	} else if ((rc = check_number(ed, "value", c->value))) {
		return rc;
	}
	if ((c->note && (rc = edit_check_text(ed, "note", c->note, LONG_MAX_,
					      EDIT_TEXT_MULTILINE))) ||
	    (c->source && (rc = edit_check_text(ed, "source", c->source, LONG_MAX_,
						  EDIT_TEXT_MULTILINE))) ||
	    (c->as_of && (rc = check_as_of(ed, c->as_of, as_of))))
		return rc;
	return 0;
}

/* A value as the audit entry keeps it. */
static const char *v_text(struct edit *ed, const struct store_ivalue *v)
{
	if (v->na)
		return arena_printf(ed->a, "value=n/a\nreason=%s", v->na_reason ? v->na_reason : "");
	return arena_printf(ed->a, "value=%.15g%s%s%s%s", v->value,
			    v->note && *v->note ? "\nnote=" : "", v->note ? v->note : "",
			    v->source && *v->source ? "\nsource=" : "", v->source ? v->source : "");
}

int edit_ivalue_set(struct edit *ed, const struct store_actor *actor,
		    const struct edit_ivalue *c, struct edit_result *res)
{
	const char *bk = c->breakdown ? c->breakdown : "", *dims[64], *as_of = NULL;
	struct store_ivalue v, stored;
	struct edit_target t;
	struct buf what = BUF_INIT;
	long long ind, id = 0, version = 0;
	int rc, exists, ndims = 0;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if ((rc = check_ivalue(ed, c, dims, &ndims, &as_of)) || (rc = edit_begin(ed)))
		goto out;
	if ((rc = store_indicator_find(ed->st, c->code, &ind, NULL))) {
		rc = edit_store_fail(ed, rc, "code");
		if (rc == MD_ENOTFOUND)
			ed->why = EDIT_WHY_NO_INDICATOR;
		goto out;
	}
	memset(&v, 0, sizeof(v));
	rc = stored_value(ed, c->code, c->year, bk, &v, &id, &version);
	if (rc && rc != MD_ENOTFOUND) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	exists = !rc;
	memset(&t, 0, sizeof(t));
	t.op = c->clear ? EDIT_IVALUE_CLEAR : EDIT_IVALUE_SET;
	t.table = "indicator_value";
	t.id = id;
	t.version = version;
	t.code = c->code;
	t.year = c->year;
	{
		struct store_indicator d;
		long long did, dv;

		if ((rc = stored_def(ed, c->code, &d, &did, &dv))) {
			rc = edit_store_fail(ed, rc, NULL);
			goto out;
		}
		t.goal = d.goal;
	}
	buf_printf(&what, "the %d value of indicator %s%s", c->year, c->code,
		   *bk ? " (breakdown)" : "");
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, what.ptr, c->version, exists, version)))
		goto out;
	stored = v;
	v.indicator = ind;
	v.year = c->year;
	v.breakdown = bk;
	v.na = c->clear;
	v.value = c->clear ? 0 : c->value;
	v.na_reason = c->clear ? c->reason : "";
	if (!exists)
		v.note = v.source = v.as_of = "";
	if (c->note)
		v.note = c->note;
	if (c->source)
		v.source = c->source;
	if (as_of)
		v.as_of = as_of;
	memset(&v.loc, 0, sizeof(v.loc));
	if (exists)
		t.before = v_text(ed, &stored);
	t.after = v_text(ed, &v);
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((ndims && (rc = store_indicator_dims(ed->st, ind, dims, ndims))) ||
	    (rc = store_ivalue_put(ed->st, &v))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	if ((rc = stored_value(ed, c->code, c->year, bk, &v, &id, &version))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	rc = edit_commit(ed, actor, &t, id, version, res);
out:
	buf_release(&what);
	return edit_end(ed, rc);
}
