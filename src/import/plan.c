/*
 * The Basic Plan outline (医療機器基本計画), as text extracted from its PDF:
 *
 *   １．…ビジョン            the visions, as a bullet list
 *   ２．…ゴール              per vision "(１) 「…」に向けたゴール" and, after
 *                            "○ 以上より…以下のとおり", its goals as bullets;
 *                            a goal marked （再掲） is re-listed (same goal)
 *   ３．…施策                per vision "（１）「…」に向けて", per goal
 *                            【…】, "○ 現状と課題" (issues) and
 *                            "○ 総合的かつ計画的に実施すべき施策" (measures):
 *                            ＜measure＞ headings, then action items that
 *                            start with a bullet and end in a ministry tag
 *                            ［◎厚、経］; numbered ①… lines under the
 *                            priority-area and platform measures
 *   ４．…                    the end of the outline
 *
 * Extraction defects handled here: headings, goals and tags wrap over
 * lines; page breaks insert footnote blocks (a long run of spaces, then
 * numbered notes) in the middle of sentences; bullets are PUA glyphs.
 */
#include <stdarg.h>
#include <string.h>

#include "internal.h"

#define MAX_VISIONS 16
#define MAX_GOALS 128
#define MAX_LISTINGS 256
#define MAX_MEASURES 1024
#define MAX_ITEMS 4096
#define MAX_AREAS 64
#define MAX_BLOCKS 256

struct p_goal {
	char *title, *norm;
	long line, col;
	int seen;                              /* met in section ３ */
	struct store_block blocks[MAX_BLOCKS]; /* 現状と課題 as structure */
	int nblocks;
};

struct p_listing {
	int vision;       /* 1-based vision number */
	int goal;         /* index into goals */
	int relisted;
	long line, col;
};

struct p_measure {
	int goal;
	char *title, *norm;
	long line, col;
};

struct p_item {
	int measure;
	char *text, *norm, *tag_text;
	struct text_tag tag;
	int tagged;
	long line, col;
};

struct p_area {
	const char *kind;
	int no;
	char *title, *desc;
	long line, col;
};

struct plan_doc {
	struct import *imp;
	struct arena *a;
	int edition;
	long edition_line;
	char *vision_title[MAX_VISIONS + 1];
	long vision_line[MAX_VISIONS + 1];
	int nvisions;
	struct p_goal goals[MAX_GOALS];
	int ngoals;
	struct p_listing listings[MAX_LISTINGS];
	int nlistings;
	struct p_measure measures[MAX_MEASURES];
	int nmeasures;
	struct p_item items[MAX_ITEMS];
	int nitems;
	struct p_area areas[MAX_AREAS];
	int nareas;
};

/* ---- line helpers ---- */

static int starts(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n >= l && !memcmp(s, lit, l);
}

static int contains(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit), i;

	for (i = 0; i + l <= n; i++) {
		if (!memcmp(s + i, lit, l))
			return 1;
	}
	return 0;
}

static int32_t first_cp(const char *s, size_t n, size_t *after)
{
	size_t i = 0;
	int32_t cp = text_utf8_next(s, n, &i);

	if (after)
		*after = i;
	return cp;
}

static int is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Appends a wrapped line: Japanese joins without a space, two ASCII words
 * with one. */
static void join(struct buf *acc, const char *s, size_t n)
{
	import_trim(&s, &n);
	if (!n)
		return;
	if (acc->len && is_ascii_alnum((unsigned char)acc->ptr[acc->len - 1]) &&
	    is_ascii_alnum((unsigned char)s[0]))
		buf_putc(acc, ' ');
	buf_add(acc, s, n);
}

/*
 * The bullet a line starts with, as the plan's PUA glyph (U+F0FC item,
 * U+F0B2 item, U+F06C sub-item), or 0. Documents saved as Shift_JIS cannot
 * carry the PUA glyphs; there ●/■ start items and ◆ sub-items.
 */
static int32_t bullet_of(int32_t cp)
{
	if (text_is_bullet(cp))
		return cp;
	if (cp == 0x25cf || cp == 0x25a0)
		return 0xf0fc;
	if (cp == 0x25c6)
		return 0xf06c;
	return 0;
}

/* Drops a leading bullet glyph and the space after it. */
static void strip_bullet(const char **s, size_t *n)
{
	size_t after;
	int32_t cp = first_cp(*s, *n, &after);

	if (bullet_of(cp)) {
		*s += after;
		*n -= after;
		import_trim(s, n);
	}
}

/* Full-width or ASCII digit value, or -1. */
static int digit_of(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0xff10 && cp <= 0xff19)
		return cp - 0xff10;
	return -1;
}

/* "１．" at the start of a line: a top-level section number, else -1. */
static int section_no(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp = text_utf8_next(s, n, &i);
	int d = digit_of(cp);

	if (d < 0 || cp < 0xff10)
		return -1;
	return starts(s + i, n - i, "．") ? d : -1;
}

/* "(１)" / "（１）" at the start: the vision number, else -1. */
static int paren_no(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp = text_utf8_next(s, n, &i);
	int d;

	if (cp != '(' && cp != 0xff08)
		return -1;
	d = digit_of(text_utf8_next(s, n, &i));
	cp = text_utf8_next(s, n, &i);
	if (d < 1 || (cp != ')' && cp != 0xff09))
		return -1;
	return d;
}

/* ①..⑳ at the start: the number, else -1. */
static int circled_no(const char *s, size_t n)
{
	int32_t cp = first_cp(s, n, NULL);

	return cp >= 0x2460 && cp <= 0x2473 ? (int)(cp - 0x2460 + 1) : -1;
}

/* The text between the first 「 and the last 」, or NULL. */
static char *quoted(struct arena *a, const char *s, size_t n)
{
	size_t i, open = n, close = n;

	for (i = 0; i + 3 <= n; i++) {
		if (open == n && !memcmp(s + i, "「", 3))
			open = i + 3;
		if (!memcmp(s + i, "」", 3))
			close = i;
	}
	if (open == n || close == n || close < open)
		return NULL;
	return arena_strndup(a, s + open, close - open);
}

static long col_of(const struct line *l, const char *at)
{
	return (long)text_utf8_count(l->s, (size_t)(at - l->s)) + 1;
}

/* ---- the document model ---- */

static int find_goal(struct plan_doc *d, const char *norm)
{
	int i, best = -1;
	double bs = 0;

	for (i = 0; i < d->ngoals; i++) {
		if (!strcmp(d->goals[i].norm, norm))
			return i;
	}
	/* section ３ sometimes words a goal slightly differently */
	for (i = 0; i < d->ngoals; i++) {
		double s = match_similarity(d->goals[i].norm, norm);

		if (s > bs) {
			bs = s;
			best = i;
		}
	}
	return bs >= 0.8 ? best : -1;
}

/* Strips "（再掲）"/"(再掲)" at the end; returns 1 if it was there. */
static int strip_relisted(struct buf *t)
{
	static const char *const marks[] = { "（再掲）", "(再掲)" };
	size_t k;

	buf_rtrim(t);
	for (k = 0; k < MD_ARRAY_SIZE(marks); k++) {
		size_t l = strlen(marks[k]);

		if (t->len >= l && !memcmp(t->ptr + t->len - l, marks[k], l)) {
			buf_truncate(t, t->len - l);
			buf_rtrim(t);
			return 1;
		}
	}
	return 0;
}

static int add_goal_listing(struct plan_doc *d, int vision, struct buf *title,
			    long line, long col)
{
	struct import *imp = d->imp;
	int relisted = strip_relisted(title), g;
	char *norm = import_norm(d->a, title->ptr, title->len, TEXT_NORM_NOSPACE);

	if (!norm)
		return import_fail(imp, MD_ENOMEM, line, "out of memory");
	g = find_goal(d, norm);
	if (g < 0 && relisted)
		return import_fail(imp, MD_EINPUT, line, "goal \"%s\" is marked "
				   "（再掲） but was not listed before", title->ptr);
	if (g < 0) {
		if (d->ngoals == MAX_GOALS)
			return import_fail(imp, MD_EINPUT, line, "more than %d goals",
					   MAX_GOALS);
		g = d->ngoals++;
		d->goals[g].title = arena_strndup(d->a, title->ptr, title->len);
		d->goals[g].norm = norm;
		d->goals[g].line = line;
		d->goals[g].col = col;
		relisted = 0;
	} else {
		relisted = 1;
	}
	if (d->nlistings == MAX_LISTINGS)
		return import_fail(imp, MD_EINPUT, line, "more than %d goal listings",
				   MAX_LISTINGS);
	d->listings[d->nlistings].vision = vision;
	d->listings[d->nlistings].goal = g;
	d->listings[d->nlistings].relisted = relisted;
	d->listings[d->nlistings].line = line;
	d->listings[d->nlistings].col = col;
	d->nlistings++;
	return 0;
}

/* ---- parsing ---- */

enum mode { M_NONE, M_ISSUES, M_MEASURES };
enum open_kind { O_NONE, O_VHEAD, O_GOAL2, O_GOAL3, O_MEASURE, O_ITEM,
		 O_AREA_TITLE, O_AREA_DESC, O_ISSUE, O_VISION1 };

struct parser {
	struct plan_doc *d;
	int section;          /* current top-level section ０..４ */
	int vision;           /* current vision number */
	int goal;             /* current goal index in section ３, -1 none */
	enum mode mode;
	int collect_goals;    /* in section ２, after "以下のとおり" */
	int collect_visions;  /* in section １, after "ビジョンを設定" */
	enum open_kind open;  /* what continuation lines extend */
	struct buf acc;       /* its text so far */
	long open_line, open_col;
	int open_vision;      /* vision number of a header being read */
	long cur_line;        /* line being read, for errors in it */
	int relisted_ref;     /* the last goal header was （再掲） */
};

static int close_open(struct parser *p);

static int finish_item(struct parser *p, int tagged, const struct text_tag *tag)
{
	struct plan_doc *d = p->d;
	struct p_item *it;
	struct buf body = BUF_INIT;
	size_t n = p->acc.len;

	if (d->nmeasures == 0)
		return import_fail(d->imp, MD_EINPUT, p->open_line, "action item "
				   "before any ＜measure＞ heading (expected a line "
				   "starting with ＜)");
	if (d->nitems == MAX_ITEMS)
		return import_fail(d->imp, MD_EINPUT, p->open_line, "too many action items");
	it = &d->items[d->nitems];
	memset(it, 0, sizeof(*it));
	it->measure = d->nmeasures - 1;
	it->line = p->open_line;
	it->col = p->open_col;
	it->tagged = tagged;
	if (tagged) {
		it->tag = *tag;
		it->tag_text = arena_strndup(d->a, p->acc.ptr + tag->start,
					     tag->end - tag->start);
		n = tag->start;
	}
	buf_add(&body, p->acc.ptr, n);
	buf_rtrim(&body);
	it->text = arena_strndup(d->a, body.ptr, body.len);
	it->norm = import_norm(d->a, body.ptr, body.len, TEXT_NORM_NOSPACE);
	buf_release(&body);
	if (!it->text || !it->norm || (tagged && !it->tag_text))
		return import_fail(d->imp, MD_ENOMEM, p->open_line, "out of memory");
	if (!*it->norm)
		return import_fail(d->imp, MD_EINPUT, p->open_line,
				   "action item has no text before its ministry tag");
	d->nitems++;
	return 0;
}

static int close_open(struct parser *p)
{
	struct plan_doc *d = p->d;
	int rc = 0;

	switch (p->open) {
	case O_NONE:
		break;
	case O_VISION1:
		break;  /* section １ titles are stored as they are read */
	case O_VHEAD: {
		char *t = quoted(d->a, p->acc.ptr, p->acc.len);
		int v = p->open_vision;

		if (!t) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line,
					 "vision heading without 「title」: %s", p->acc.ptr);
			break;
		}
		if (v > MAX_VISIONS) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line,
					 "vision number %d is out of range", v);
			break;
		}
		if (p->section == 2) {
			d->vision_title[v] = t;
			d->vision_line[v] = p->open_line;
			if (v > d->nvisions)
				d->nvisions = v;
		} else if (v > d->nvisions) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line,
					 "vision (%d) was not introduced in section ２", v);
		}
		p->vision = v;
		break;
	}
	case O_GOAL2:
		rc = add_goal_listing(d, p->vision, &p->acc, p->open_line, p->open_col);
		break;
	case O_GOAL3: {
		int relisted = strip_relisted(&p->acc);
		char *norm = import_norm(d->a, p->acc.ptr, p->acc.len, TEXT_NORM_NOSPACE);
		int g = norm ? find_goal(d, norm) : -1;

		if (g < 0 && norm && d->ngoals > 0 && !relisted) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line,
					 "goal 【%s】 is not among the goals listed in "
					 "section ２", p->acc.ptr);
			break;
		}
		if (g < 0) {
			/* an outline without section ２: goals come from here */
			rc = add_goal_listing(d, p->vision, &p->acc, p->open_line,
					      p->open_col);
			g = d->ngoals - 1;
		}
		p->goal = g;
		p->relisted_ref = relisted;
		if (!relisted)
			d->goals[g].seen = 1;
		p->mode = M_NONE;
		break;
	}
	case O_MEASURE: {
		struct p_measure *m;

		if (p->goal < 0) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line,
					 "measure heading before any 【goal】");
			break;
		}
		if (d->nmeasures == MAX_MEASURES) {
			rc = import_fail(d->imp, MD_EINPUT, p->open_line, "too many measures");
			break;
		}
		m = &d->measures[d->nmeasures++];
		m->goal = p->goal;
		m->title = arena_strndup(d->a, p->acc.ptr, p->acc.len);
		m->norm = import_norm(d->a, p->acc.ptr, p->acc.len, TEXT_NORM_NOSPACE);
		m->line = p->open_line;
		m->col = p->open_col;
		break;
	}
	case O_ITEM:
		rc = finish_item(p, 0, NULL);
		break;
	case O_AREA_TITLE:
	case O_AREA_DESC:
		break;  /* areas are filled in place */
	case O_ISSUE: {
		struct p_goal *g = &d->goals[p->goal];

		if (p->acc.len && g->nblocks < MAX_BLOCKS) {
			g->blocks[g->nblocks].kind = "li";
			g->blocks[g->nblocks].text = arena_strndup(d->a, p->acc.ptr,
								   p->acc.len);
			g->nblocks++;
		}
		break;
	}
	}
	p->open = O_NONE;
	buf_reset(&p->acc);
	return rc;
}

static void open_new(struct parser *p, enum open_kind k, const struct line *l,
		     const char *at)
{
	p->open = k;
	buf_reset(&p->acc);
	p->open_line = l->no;
	p->open_col = col_of(l, at);
}

/* Action item text so far ends in a ministry tag? Then it is complete. */
static int check_item_end(struct parser *p)
{
	struct buf err = BUF_INIT;
	struct text_tag tag;
	int rc;

	rc = text_tag_trailing(p->acc.ptr, p->acc.len, &tag, &err);
	if (rc == MD_ENOTFOUND) {
		rc = 0;
	} else if (rc == MD_EINPUT) {
		rc = import_fail(p->d->imp, MD_EINPUT, p->cur_line, "%s", err.ptr);
	} else if (rc == 0) {
		rc = finish_item(p, 1, &tag);
		p->open = O_NONE;
		buf_reset(&p->acc);
	}
	buf_release(&err);
	return rc;
}

static int area_start(struct parser *p, const struct line *l, const char *s,
		      size_t n, int no)
{
	struct plan_doc *d = p->d;
	struct p_measure *m = d->nmeasures ? &d->measures[d->nmeasures - 1] : NULL;
	struct p_area *ar;
	size_t after;
	int rc;

	if ((rc = close_open(p)))
		return rc;
	if (!m || d->nareas == MAX_AREAS)
		return import_fail(d->imp, MD_EINPUT, l->no,
				   "numbered item outside a measure");
	ar = &d->areas[d->nareas++];
	ar->kind = contains(m->title, strlen(m->title), "プラットフォーム") ?
		"platform" : "area";
	ar->no = no;
	ar->line = l->no;
	ar->col = col_of(l, s);
	first_cp(s, n, &after);
	open_new(p, O_AREA_TITLE, l, s);
	join(&p->acc, s + after, n - after);
	ar->title = arena_strndup(d->a, p->acc.ptr, p->acc.len);
	ar->desc = arena_strdup(d->a, "");
	return 0;
}

/* Extends the open area's title or description. */
static void area_extend(struct parser *p, const char *s, size_t n, int desc)
{
	struct plan_doc *d = p->d;
	struct p_area *ar = &d->areas[d->nareas - 1];
	struct buf b = BUF_INIT;

	buf_puts(&b, desc ? ar->desc : ar->title);
	if (desc && p->open == O_AREA_TITLE)
		buf_reset(&b);
	if (desc && p->open != O_AREA_TITLE && b.len && starts(s, n, "（"))
		buf_putc(&b, '\n');
	join(&b, s, n);
	if (desc)
		ar->desc = arena_strndup(d->a, b.ptr, b.len);
	else
		ar->title = arena_strndup(d->a, b.ptr, b.len);
	p->open = desc ? O_AREA_DESC : O_AREA_TITLE;
	buf_release(&b);
}

static int handle_line(struct parser *p, const struct line *l)
{
	struct plan_doc *d = p->d;
	const char *s = l->s;
	size_t n = l->n, after;
	int32_t cp;
	int no, rc = 0;

	p->cur_line = l->no;
	import_trim(&s, &n);
	if (!n)
		return 0;
	cp = first_cp(s, n, &after);
	if (bullet_of(cp))
		cp = bullet_of(cp);   /* one glyph per bullet kind from here on */

	if ((no = section_no(s, n)) >= 0) {
		if ((rc = close_open(p)))
			return rc;
		p->section = no;
		p->vision = 0;
		p->goal = -1;
		p->mode = M_NONE;
		p->collect_goals = 0;
		return 0;
	}
	switch (p->section) {
	case 1:
		if (starts(s, n, "○")) {
			close_open(p);
			p->collect_visions = contains(s, n, "ビジョンを設定");
			return 0;
		}
		if (p->collect_visions && text_is_bullet(cp)) {
			close_open(p);
			if (d->nvisions < MAX_VISIONS) {
				strip_bullet(&s, &n);
				d->nvisions++;
				d->vision_title[d->nvisions] = arena_strndup(d->a, s, n);
				d->vision_line[d->nvisions] = l->no;
				p->open = O_VISION1;
			}
			return 0;
		}
		if (p->open == O_VISION1) {
			struct buf b = BUF_INIT;

			buf_puts(&b, d->vision_title[d->nvisions]);
			join(&b, s, n);
			d->vision_title[d->nvisions] = arena_strndup(d->a, b.ptr, b.len);
			buf_release(&b);
		}
		return 0;
	case 2:
		if ((no = paren_no(s, n)) > 0) {
			if ((rc = close_open(p)))
				return rc;
			p->collect_goals = 0;
			open_new(p, O_VHEAD, l, s);
			p->open_vision = no;
			join(&p->acc, s, n);
			if (contains(p->acc.ptr, p->acc.len, "ゴール"))
				return close_open(p);
			return 0;
		}
		if (p->open == O_VHEAD) {
			join(&p->acc, s, n);
			if (contains(p->acc.ptr, p->acc.len, "ゴール"))
				return close_open(p);
			return 0;
		}
		if (starts(s, n, "○")) {
			if ((rc = close_open(p)))
				return rc;
			p->collect_goals = contains(s, n, "以下のとおり");
			return 0;
		}
		if (p->collect_goals && text_is_bullet(cp)) {
			if (!p->vision)
				return import_fail(d->imp, MD_EINPUT, l->no,
						   "goal before any vision heading "
						   "(expected \"(１) 「…」に向けたゴール\")");
			if ((rc = close_open(p)))
				return rc;
			open_new(p, O_GOAL2, l, s);
			strip_bullet(&s, &n);
			join(&p->acc, s, n);
			return 0;
		}
		if (p->open == O_GOAL2)
			join(&p->acc, s, n);
		return 0;
	case 3:
		break;
	default:
		return 0;
	}

	/* section ３: the goals with their issues and measures */
	if ((no = paren_no(s, n)) > 0 && (contains(s, n, "「") || p->open == O_NONE)) {
		if ((rc = close_open(p)))
			return rc;
		open_new(p, O_VHEAD, l, s);
		p->open_vision = no;
		join(&p->acc, s, n);
		if (contains(p->acc.ptr, p->acc.len, "に向けて"))
			return close_open(p);
		return 0;
	}
	if (p->open == O_VHEAD) {
		join(&p->acc, s, n);
		if (contains(p->acc.ptr, p->acc.len, "に向けて"))
			return close_open(p);
		return 0;
	}
	if (starts(s, n, "【")) {
		if ((rc = close_open(p)))
			return rc;
		if (!p->vision)
			return import_fail(d->imp, MD_EINPUT, l->no, "goal before any "
					   "vision heading (expected \"（１）「…」に向けて\")");
		open_new(p, O_GOAL3, l, s);
		join(&p->acc, s + 3, n - 3);
		goto goal_header_end;
	}
	if (p->open == O_GOAL3) {
		join(&p->acc, s, n);
		goto goal_header_end;
	}
	if (p->relisted_ref && starts(s, n, "（") && contains(s, n, "参照")) {
		p->relisted_ref = 0;   /* "（…については P21 参照）" */
		return 0;
	}
	if (starts(s, n, "○")) {
		if ((rc = close_open(p)))
			return rc;
		if (p->goal < 0)
			return 0;
		if (contains(s, n, "現状と課題"))
			p->mode = M_ISSUES;
		else if (contains(s, n, "実施すべき施策"))
			p->mode = M_MEASURES;
		return 0;
	}
	if (p->mode == M_ISSUES) {
		if (text_is_bullet(cp)) {
			if ((rc = close_open(p)))
				return rc;
			open_new(p, O_ISSUE, l, s);
			strip_bullet(&s, &n);
		} else if (p->open != O_ISSUE) {
			open_new(p, O_ISSUE, l, s);
		}
		join(&p->acc, s, n);
		return 0;
	}
	if (p->mode != M_MEASURES)
		return 0;
	if (starts(s, n, "＜")) {
		if ((rc = close_open(p)))
			return rc;
		open_new(p, O_MEASURE, l, s);
		join(&p->acc, s + 3, n - 3);
		goto measure_end;
	}
	if (p->open == O_MEASURE) {
		join(&p->acc, s, n);
		goto measure_end;
	}
	if (cp == 0xf0fc || cp == 0xf0b2) {
		if ((rc = close_open(p)))
			return rc;
		open_new(p, O_ITEM, l, s);
		strip_bullet(&s, &n);
		join(&p->acc, s, n);
		return check_item_end(p);
	}
	if ((no = circled_no(s, n)) > 0 && p->open != O_ITEM)
		return area_start(p, l, s, n, no);
	if ((no = circled_no(s, n)) > 0 && p->open == O_ITEM) {
		/* an untagged lead-in ("…以下の３つの基盤整備に取り組む。") */
		return area_start(p, l, s, n, no);
	}
	if (p->open == O_AREA_TITLE || p->open == O_AREA_DESC) {
		if (cp == 0xf06c) {
			strip_bullet(&s, &n);
			area_extend(p, s, n, 1);
			/* each sub-bullet on its own line */
			return 0;
		}
		area_extend(p, s, n, p->open == O_AREA_DESC || starts(s, n, "（"));
		return 0;
	}
	if (p->open == O_ITEM) {
		if (text_is_bullet(cp))
			strip_bullet(&s, &n);
		join(&p->acc, s, n);
		return check_item_end(p);
	}
	return 0;

goal_header_end:
	if (contains(p->acc.ptr, p->acc.len, "】")) {
		/* drop the closing bracket, keep a trailing （再掲） */
		char *close = strstr(p->acc.ptr, "】");
		struct buf t = BUF_INIT;

		buf_add(&t, p->acc.ptr, (size_t)(close - p->acc.ptr));
		buf_puts(&t, close + 3);
		buf_reset(&p->acc);
		buf_add(&p->acc, t.ptr, t.len);
		buf_release(&t);
		return close_open(p);
	}
	return 0;

measure_end:
	if (contains(p->acc.ptr, p->acc.len, "＞")) {
		char *close = strstr(p->acc.ptr, "＞");

		buf_truncate(&p->acc, (size_t)(close - p->acc.ptr));
		buf_rtrim(&p->acc);
		return close_open(p);
	}
	return 0;
}

/* Footnote blocks: a separator of many spaces, then notes, until the next
 * page resumes with an indented line (or a structural line). */
static int is_separator(const struct line *l)
{
	size_t i;

	if (l->n < 20)
		return 0;
	for (i = 0; i < l->n; i++) {
		if (l->s[i] != ' ')
			return 0;
	}
	return 1;
}

static int resumes_page(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->n;
	int32_t cp;

	if (!n)
		return 0;
	if (s[0] == ' ' || starts(s, n, "\xe3\x80\x80")) {
		import_trim(&s, &n);
		return n > 0;
	}
	cp = first_cp(s, n, NULL);
	return bullet_of(cp) || starts(s, n, "＜") || starts(s, n, "【") ||
	       starts(s, n, "○") || section_no(s, n) >= 0;
}

static int detect_edition(struct plan_doc *d, const struct line *lines, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		const char *s = lines[i].s;
		size_t len = lines[i].n, k;

		for (k = 0; k + 3 <= len; k++) {
			const char *hit = "期基本計画（以下「本基本計画」";
			size_t hl = strlen(hit), j;

			if (k + hl > len || memcmp(s + k, hit, hl))
				continue;
			/* the digit before 期, full-width or ASCII, maybe spaced */
			for (j = k; j > 0; j--) {
				unsigned char c = (unsigned char)s[j - 1];

				if (c == ' ')
					continue;
				if (c >= '0' && c <= '9') {
					d->edition = c - '0';
				} else if (j >= 3 && (unsigned char)s[j - 3] == 0xef &&
					   (unsigned char)s[j - 2] == 0xbc &&
					   c >= 0x90 && c <= 0x99) {
					d->edition = c - 0x90;
				}
				break;
			}
			if (d->edition) {
				d->edition_line = lines[i].no;
				return 0;
			}
		}
	}
	return MD_ENOTFOUND;
}

static int parse(struct plan_doc *d, const struct line *lines, long nlines)
{
	struct parser p;
	long i;
	int in_note = 0, rc = 0, g;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.goal = -1;
	p.section = -1;
	buf_init(&p.acc, 1 << 20);
	for (i = 0; i < nlines && !rc; i++) {
		const struct line *l = &lines[i];

		if (is_separator(l)) {
			in_note = 1;
			continue;
		}
		if (in_note) {
			if (!resumes_page(l))
				continue;
			in_note = 0;
		}
		rc = handle_line(&p, l);
		if (!rc && d->imp->progress && (i % 256) == 0)
			d->imp->progress(d->imp->progress_ctx, i, nlines);
		if (!rc && p.section == 4)
			break;
	}
	if (rc)
		goto out;
	if (p.open == O_ITEM && p.section == 3) {
		rc = import_fail(d->imp, MD_EINPUT, p.open_line, "the file ends inside "
				 "an action item that has no ministry tag "
				 "(expected ［…］; is the file truncated?)");
		goto out;
	}
	if ((rc = close_open(&p)))
		goto out;
	if (d->nvisions == 0 || d->ngoals == 0)
		rc = import_fail(d->imp, MD_EINPUT, 0, "no plan outline found "
				 "(expected the sections \"２．…ゴール\" with "
				 "\"(１) 「…」に向けたゴール\" and \"３．…施策\")");
	else if (d->nmeasures == 0)
		rc = import_fail(d->imp, MD_EINPUT, 0, "no ＜measure＞ headings found "
				 "in section ３ (is the file truncated?)");
	for (g = 0; !rc && g < d->ngoals; g++) {
		if (!d->goals[g].seen)
			rc = import_fail(d->imp, MD_EINPUT, d->goals[g].line,
					 "goal \"%s\" is listed in section ２ but has "
					 "no section in ３ (is the file truncated?)",
					 d->goals[g].title);
	}
out:
	buf_release(&p.acc);
	return rc;
}

/* ---- writing: the stored plan keeps its identities ---- */

/* A row of the stored plan (store_each_outline). */
struct old_row {
	long long id, parent;
	int no, retired_no, retired;
	char *text, *norm, *extra, *kind;
};

/* One level of the outline (visions, goals, measures, items, areas) being
 * matched: the stored rows of that table and the document's parts. */
struct level {
	const char *tbl;            /* "vision", …: the store's table */
	const char *prefix;         /* "V", "G", "M", "A" or "" (areas) */
	struct old_row *old;        /* current rows by number, then retired */
	long nold;
	long nnew;
	struct match_node *nn;      /* the document's parts */
	const char **text, **extra; /* their texts as written */
	int *no;                    /* their numbers */
	struct match_pair *pair;    /* what each part is */
	long long *id;              /* the row each part is, once written */
};

struct writer {
	struct plan_doc *d;
	struct arena *a;
	long long plan;
	int reimport;               /* the plan had rows before */
	struct old_row *rows;       /* every stored row, grouped by table */
	const char **row_tbl;
	long nrows, cap;
	struct wnote *notes, **tail; /* told once the data has landed */
	struct import_outline *out;
};

struct wnote {
	struct wnote *next;
	long line;
	char *msg;
};

static int load_row(void *ctx, const struct store_outline_row *r)
{
	struct writer *w = ctx;
	struct old_row *o;

	if (w->nrows == w->cap) {
		long ncap = w->cap ? w->cap * 2 : 256;
		struct old_row *n = arena_alloc(w->a, sizeof(*n) * (size_t)ncap);
		const char **t = arena_alloc(w->a, sizeof(*t) * (size_t)ncap);

		if (!n || !t)
			return MD_ENOMEM;
		if (w->nrows) {
			memcpy(n, w->rows, sizeof(*n) * (size_t)w->nrows);
			memcpy(t, w->row_tbl, sizeof(*t) * (size_t)w->nrows);
		}
		w->rows = n;
		w->row_tbl = t;
		w->cap = ncap;
	}
	o = &w->rows[w->nrows];
	w->row_tbl[w->nrows] = arena_strdup(w->a, r->tbl);
	o->id = r->id;
	o->parent = r->parent;
	o->no = (int)r->no;
	o->retired_no = (int)r->retired_no;
	o->retired = (int)r->retired;
	o->text = arena_strdup(w->a, r->text);
	o->extra = arena_strdup(w->a, r->extra);
	o->kind = arena_strdup(w->a, r->kind);
	o->norm = arena_strdup(w->a, r->norm);
	if (!w->row_tbl[w->nrows] || !o->text || !o->extra || !o->kind || !o->norm)
		return MD_ENOMEM;
	w->nrows++;
	return 0;
}

/* The first 30 characters of s, with … when cut. */
static const char *excerpt(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0;
	int k;

	for (k = 0; k < 30 && i < n; k++)
		text_utf8_next(s, n, &i);
	if (i >= n)
		return s;
	{
		char *e = arena_alloc(a, i + 4);

		if (!e)
			return s;
		memcpy(e, s, i);
		memcpy(e + i, "…", 4);
		return e;
	}
}

static void tell(struct writer *w, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void tell(struct writer *w, long line, const char *fmt, ...)
{
	struct wnote *n = arena_alloc(w->a, sizeof(*n));
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (n && !buf_error(&b) && (n->msg = arena_strndup(w->a, b.ptr, b.len))) {
		n->line = line;
		n->next = NULL;
		*w->tail = n;
		w->tail = &n->next;
	}
	buf_release(&b);
}

/* "A", "M", …, or "area " / "platform " for the numbered areas. */
static const char *prefix_of(const struct level *lv, long long parent)
{
	if (strcmp(lv->tbl, "area"))
		return lv->prefix;
	return parent == 1 ? "area " : "platform ";
}

/* Sets up level lv for table tbl with n parts of the document. */
static int level_init(struct writer *w, struct level *lv, const char *tbl,
		      const char *prefix, long n)
{
	long i, k = 0;

	memset(lv, 0, sizeof(*lv));
	lv->tbl = tbl;
	lv->prefix = prefix;
	lv->nnew = n;
	for (i = 0; i < w->nrows; i++)
		lv->nold += !strcmp(w->row_tbl[i], tbl);
	lv->old = arena_alloc(w->a, sizeof(*lv->old) * (size_t)(lv->nold + 1));
	lv->nn = arena_alloc(w->a, sizeof(*lv->nn) * (size_t)(n + 1));
	lv->text = arena_alloc(w->a, sizeof(*lv->text) * (size_t)(n + 1));
	lv->extra = arena_alloc(w->a, sizeof(*lv->extra) * (size_t)(n + 1));
	lv->no = arena_alloc(w->a, sizeof(*lv->no) * (size_t)(n + 1));
	lv->pair = arena_alloc(w->a, sizeof(*lv->pair) * (size_t)(n + 1));
	lv->id = arena_alloc(w->a, sizeof(*lv->id) * (size_t)(n + 1));
	if (!lv->old || !lv->nn || !lv->text || !lv->extra || !lv->no ||
	    !lv->pair || !lv->id)
		return MD_ENOMEM;
	/* store_each_outline gives them current first, by number */
	for (i = 0; i < w->nrows; i++) {
		if (!strcmp(w->row_tbl[i], tbl))
			lv->old[k++] = w->rows[i];
	}
	memset(lv->id, 0, sizeof(*lv->id) * (size_t)(n + 1));
	return 0;
}

static void level_part(struct level *lv, long j, int no, const char *text,
		       const char *norm, const char *extra, long long parent)
{
	lv->no[j] = no;
	lv->text[j] = text;
	lv->extra[j] = extra ? extra : "";
	lv->nn[j].norm = norm ? norm : "";
	lv->nn[j].parent = parent;
	lv->nn[j].retired = 0;
}

/*
 * Pairs the document's parts of one level with the stored rows, retires
 * the rows the document no longer has, restores the retired rows it has
 * again and gives the rows their document numbers. The caller then writes
 * each part to lv->id[j] (0: a new row).
 */
static int level_match(struct writer *w, struct level *lv)
{
	struct store *st = w->d->imp->st;
	struct match_node *on;
	long long *ids;
	int *nos;
	long i, j, n = 0;
	char *taken;
	int rc;

	on = arena_alloc(w->a, sizeof(*on) * (size_t)(lv->nold + 1));
	taken = arena_alloc(w->a, (size_t)lv->nold + 1);
	ids = arena_alloc(w->a, sizeof(*ids) * (size_t)(lv->nnew + 1));
	nos = arena_alloc(w->a, sizeof(*nos) * (size_t)(lv->nnew + 1));
	if (!on || !taken || !ids || !nos)
		return MD_ENOMEM;
	for (i = 0; i < lv->nold; i++) {
		on[i].norm = lv->old[i].norm;
		on[i].parent = lv->old[i].parent;
		on[i].retired = lv->old[i].retired;
		taken[i] = 0;
	}
	if ((rc = match_outline(on, lv->nold, lv->nn, lv->nnew, lv->pair)))
		return rc;
	for (j = 0; j < lv->nnew; j++) {
		if (lv->pair[j].old >= 0)
			taken[lv->pair[j].old] = 1;
	}
	/* retire first: their numbers are free for the document's parts */
	for (i = 0; i < lv->nold; i++) {
		const struct old_row *o = &lv->old[i];

		if (taken[i] || o->retired)
			continue;
		if ((rc = store_retire(st, lv->tbl, o->id)))
			return rc;
		w->out->retired++;
		if (!strcmp(lv->tbl, "action_item"))
			tell(w, 0, "retired A%d 「%s」: kept with its follow-up as "
			     "item#%lld (mdplan show item#%lld)", o->no,
			     excerpt(w->a, o->text), o->id, o->id);
		else
			tell(w, 0, "retired %s%d 「%s」", prefix_of(lv, o->parent), o->no,
			     excerpt(w->a, o->text));
	}
	for (j = 0; j < lv->nnew; j++) {
		const struct old_row *o;

		if (lv->pair[j].old < 0)
			continue;
		o = &lv->old[lv->pair[j].old];
		lv->id[j] = o->id;
		ids[n] = o->id;
		nos[n++] = lv->no[j];
		if (o->retired) {
			if ((rc = store_restore(st, lv->tbl, o->id)))
				return rc;
		} else if (o->no != lv->no[j]) {
			w->out->renumbered++;
		}
	}
	return store_renumber(st, lv->tbl, ids, nos, n);
}

/* Counts and tells what became of part j once it is written. */
static int level_told(struct writer *w, struct level *lv, long j, long line)
{
	const struct match_pair *pr = &lv->pair[j];
	const struct old_row *o = pr->old >= 0 ? &lv->old[pr->old] : NULL;
	const char *ex = excerpt(w->a, lv->text[j]);
	const char *pfx = prefix_of(lv, lv->nn[j].parent);

	if (!o) {
		w->out->inserted++;
		if (!w->reimport)
			return 0;
		tell(w, line, "inserted %s%d 「%s」", pfx, lv->no[j], ex);
		return store_history_note(w->d->imp->st, lv->tbl, lv->id[j], "inserted",
					  NULL, lv->text[j]);
	}
	if (o->retired) {
		w->out->restored++;
		tell(w, line, "restored %s%d 「%s」", pfx, lv->no[j], ex);
	} else if (pr->moved) {
		w->out->moved++;
		tell(w, line, "moved %s%d 「%s」 (was %s%d)", pfx, lv->no[j], ex,
		     pfx, o->no);
	} else if (strcmp(o->text, lv->text[j]) || strcmp(o->extra, lv->extra[j])) {
		w->out->reworded++;
		tell(w, line, "reworded %s%d 「%s」", pfx, lv->no[j], ex);
	} else {
		w->out->unchanged++;
	}
	return 0;
}

static int write_plan(struct plan_doc *d, const char *data, size_t len)
{
	struct import *imp = d->imp;
	struct store *st = imp->st;
	struct writer w;
	struct level lv;
	struct store_filter f;
	struct store_listing *ls = NULL;
	long long source = 0, plan = 0, vid[MAX_VISIONS + 1] = { 0 };
	long long *gid = NULL, *mid = NULL;
	int i, rc;
	struct store_loc loc;

#define CK(x) do { if ((rc = (x))) { \
		import_fail(imp, rc, 0, "%s", store_errmsg(st)); goto out; } } while (0)

	memset(&w, 0, sizeof(w));
	w.d = d;
	w.a = d->a;
	w.out = &imp->sum.outline;
	w.tail = &w.notes;
	gid = arena_alloc(d->a, sizeof(*gid) * (size_t)(d->ngoals + 1));
	mid = arena_alloc(d->a, sizeof(*mid) * (size_t)(d->nmeasures + 1));
	ls = arena_alloc(d->a, sizeof(*ls) * (size_t)(d->nlistings + 1));
	if (!gid || !mid || !ls)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	if ((rc = store_begin(st)))
		return import_fail(imp, rc, 0, "%s", store_errmsg(st));
	if ((rc = import_source(imp, "plan", data, len, &source)))
		goto out;
	loc.source = source;
	loc.line = d->edition_line;
	loc.col = 1;
	{
		struct buf title = BUF_INIT;

		buf_printf(&title, "第%d期医療機器基本計画", d->edition);
		rc = store_plan_put(st, d->edition, title.ptr, &loc, &plan);
		buf_release(&title);
		CK(rc);
	}
	w.plan = plan;
	memset(&f, 0, sizeof(f));
	f.plan = plan;
	CK(store_each_outline(st, &f, load_row, &w));
	w.reimport = w.nrows > 0;

	/* visions */
	CK(level_init(&w, &lv, "vision", "V", d->nvisions));
	for (i = 1; i <= d->nvisions; i++) {
		const char *t = d->vision_title[i];

		if (!t) {
			rc = import_fail(imp, MD_EINPUT, 0, "vision (%d) has no title", i);
			goto out;
		}
		level_part(&lv, i - 1, i, t, import_norm(d->a, t, strlen(t), TEXT_NORM_SPACES),
			   "", 0);
	}
	CK(level_match(&w, &lv));
	for (i = 1; i <= d->nvisions; i++) {
		loc.line = d->vision_line[i];
		loc.col = 1;
		CK(store_vision_put(st, plan, lv.id[i - 1], i, lv.text[i - 1],
				    lv.nn[i - 1].norm, &loc, &vid[i]));
		lv.id[i - 1] = vid[i];
		CK(level_told(&w, &lv, i - 1, loc.line));
	}

	/* goals, with 現状と課題 (issues) */
	CK(level_init(&w, &lv, "goal", "G", d->ngoals));
	for (i = 0; i < d->ngoals; i++) {
		struct p_goal *g = &d->goals[i];
		struct buf issues = BUF_INIT;
		int k;

		for (k = 0; k < g->nblocks; k++)
			buf_printf(&issues, "%s%s", k ? "\n" : "", g->blocks[k].text);
		level_part(&lv, i, i + 1, g->title,
			   import_norm(d->a, g->title, strlen(g->title), TEXT_NORM_SPACES),
			   arena_strndup(d->a, issues.ptr, issues.len), 0);
		buf_release(&issues);
	}
	CK(level_match(&w, &lv));
	for (i = 0; i < d->ngoals; i++) {
		struct p_goal *g = &d->goals[i];

		loc.line = g->line;
		loc.col = g->col;
		CK(store_goal_put(st, plan, lv.id[i], i + 1, g->title, lv.nn[i].norm,
				  lv.extra[i], &loc, &gid[i]));
		lv.id[i] = gid[i];
		CK(store_blocks_put(st, "goal", gid[i], "issues", g->blocks, g->nblocks));
		CK(level_told(&w, &lv, i, loc.line));
	}

	for (i = 0; i < d->nlistings; i++) {
		struct p_listing *li = &d->listings[i];

		if (li->vision < 1 || li->vision > d->nvisions) {
			rc = import_fail(imp, MD_EINPUT, li->line, "goal listed under "
					 "vision (%d), which does not exist", li->vision);
			goto out;
		}
		ls[i].vision = vid[li->vision];
		ls[i].goal = gid[li->goal];
		ls[i].relisted = li->relisted;
		ls[i].loc.source = source;
		ls[i].loc.line = li->line;
		ls[i].loc.col = li->col;
	}
	CK(store_listings_put(st, plan, ls, d->nlistings));

	/* measures, under their goals */
	CK(level_init(&w, &lv, "measure", "M", d->nmeasures));
	for (i = 0; i < d->nmeasures; i++) {
		struct p_measure *m = &d->measures[i];

		level_part(&lv, i, i + 1, m->title, m->norm, "", gid[m->goal]);
	}
	CK(level_match(&w, &lv));
	for (i = 0; i < d->nmeasures; i++) {
		struct p_measure *m = &d->measures[i];

		loc.line = m->line;
		loc.col = m->col;
		CK(store_measure_put(st, lv.id[i], gid[m->goal], i + 1, m->title,
				     lv.nn[i].norm, &loc, &mid[i]));
		lv.id[i] = mid[i];
		CK(level_told(&w, &lv, i, loc.line));
	}

	/* action items, under their measures */
	CK(level_init(&w, &lv, "action_item", "A", d->nitems));
	for (i = 0; i < d->nitems; i++) {
		struct p_item *it = &d->items[i];

		level_part(&lv, i, i + 1, it->text, it->norm, it->tag_text,
			   mid[it->measure]);
	}
	CK(level_match(&w, &lv));
	for (i = 0; i < d->nitems; i++) {
		struct p_item *it = &d->items[i];
		struct text_tag none;

		memset(&none, 0, sizeof(none));
		loc.line = it->line;
		loc.col = it->col;
		CK(store_item_put(st, lv.id[i], mid[it->measure], i + 1, it->text,
				  it->norm, it->tag_text, &loc, &lv.id[i]));
		CK(store_item_ministries(st, lv.id[i], it->tagged ? &it->tag : &none));
		CK(level_told(&w, &lv, i, loc.line));
		if (!it->tagged)
			import_note(imp, it->line, "action item %d has no ministry tag: %.*s…",
				    i + 1, import_cut(it->text, 60), it->text);
	}

	/* priority areas and platforms (numbered ① … within their kind) */
	CK(level_init(&w, &lv, "area", "", d->nareas));
	for (i = 0; i < d->nareas; i++) {
		struct p_area *ar = &d->areas[i];

		level_part(&lv, i, ar->no, ar->title,
			   import_norm(d->a, ar->title, strlen(ar->title), TEXT_NORM_NOSPACE),
			   ar->desc, !strcmp(ar->kind, "area") ? 1 : 2);
	}
	for (i = 0; i < lv.nold; i++) {
		lv.old[i].norm = import_norm(d->a, lv.old[i].text, strlen(lv.old[i].text),
					     TEXT_NORM_NOSPACE);
		lv.old[i].parent = !strcmp(lv.old[i].kind, "area") ? 1 : 2;
		if (!lv.old[i].norm) {
			rc = import_fail(imp, MD_ENOMEM, 0, "out of memory");
			goto out;
		}
	}
	CK(level_match(&w, &lv));
	for (i = 0; i < d->nareas; i++) {
		struct p_area *ar = &d->areas[i];

		loc.line = ar->line;
		loc.col = ar->col;
		CK(store_area_put(st, plan, lv.id[i], ar->kind, ar->no, ar->title,
				  ar->desc, &loc, &lv.id[i]));
		CK(level_told(&w, &lv, i, loc.line));
	}

	/* what the re-import did, in the same words as the summary */
	if (w.reimport && (w.out->inserted || w.out->reworded || w.out->moved ||
			   w.out->retired || w.out->restored || w.out->renumbered)) {
		struct buf b = BUF_INIT;

		import_outline_words(w.out, &b);
		rc = buf_error(&b) ? MD_ENOMEM :
			store_history_note(st, "plan", plan, "outline", NULL, b.ptr);
		buf_release(&b);
		CK(rc);
	}
	if ((rc = store_commit(st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(st));
		goto out;
	}
	/* tell the user only once the data has landed */
	if (w.reimport) {
		const struct wnote *n;

		for (n = w.notes; n; n = n->next)
			import_note(imp, n->line, "%s", n->msg);
	}
	imp->sum.edition = d->edition;
	imp->sum.visions = d->nvisions;
	imp->sum.goals = d->ngoals;
	imp->sum.listings = d->nlistings;
	imp->sum.measures = d->nmeasures;
	imp->sum.items = d->nitems;
	for (i = 0; i < d->nitems; i++)
		imp->sum.untagged += !d->items[i].tagged;
	for (i = 0; i < d->nareas; i++) {
		if (!strcmp(d->areas[i].kind, "area"))
			imp->sum.areas++;
		else
			imp->sum.platforms++;
	}
	return 0;
out:
	memset(&imp->sum.outline, 0, sizeof(imp->sum.outline));
	store_rollback(st);
	return rc;
#undef CK
}

int import_plan_run(struct import *imp, const char *data, size_t len)
{
	struct arena *a = arena_new();
	struct plan_doc *d = NULL;
	struct buf text = BUF_INIT;
	struct line *lines;
	long nlines;
	int rc;

	if (!a)
		return import_fail(imp, MD_ENOMEM, 0, "out of memory");
	if ((rc = import_decode(imp, data, len, &text)))
		goto out;
	d = arena_alloc(a, sizeof(*d));
	if (!d || import_lines(a, text.ptr, text.len, &lines, &nlines)) {
		rc = import_fail(imp, MD_ENOMEM, 0, "out of memory");
		goto out;
	}
	memset(d, 0, sizeof(*d));
	d->imp = imp;
	d->a = a;
	if (detect_edition(d, lines, nlines)) {
		if (!imp->edition) {
			rc = import_fail(imp, MD_EINPUT, 0, "cannot tell which plan "
					 "edition this is (expected \"第N期基本計画（以下"
					 "「本基本計画」…\"); give --edition N");
			goto out;
		}
	}
	if (imp->edition)
		d->edition = imp->edition;
	if (d->edition < 1 || d->edition > 9) {
		rc = import_fail(imp, MD_EINPUT, d->edition_line,
				 "plan edition %d is out of range", d->edition);
		goto out;
	}
	if ((rc = parse(d, lines, nlines)))
		goto out;
	rc = write_plan(d, data, len);
out:
	buf_release(&text);
	arena_free(a);
	return rc;
}
