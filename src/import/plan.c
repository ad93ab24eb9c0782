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

static int write_plan(struct plan_doc *d, const char *data, size_t len)
{
	struct import *imp = d->imp;
	struct store *st = imp->st;
	long long source = 0, plan = 0, vid[MAX_VISIONS + 1] = { 0 };
	long long *gid = NULL, *mid = NULL;
	int i, rc, pos[MAX_VISIONS + 1] = { 0 };
	struct store_loc loc;

#define CK(x) do { if ((rc = (x))) { \
		import_fail(imp, rc, 0, "%s", store_errmsg(st)); goto out; } } while (0)

	gid = arena_alloc(d->a, sizeof(*gid) * (size_t)(d->ngoals + 1));
	mid = arena_alloc(d->a, sizeof(*mid) * (size_t)(d->nmeasures + 1));
	if (!gid || !mid)
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
	for (i = 1; i <= d->nvisions; i++) {
		const char *t = d->vision_title[i];
		char *norm;

		if (!t) {
			rc = import_fail(imp, MD_EINPUT, 0, "vision (%d) has no title", i);
			goto out;
		}
		norm = import_norm(d->a, t, strlen(t), TEXT_NORM_SPACES);
		loc.line = d->vision_line[i];
		loc.col = 1;
		CK(store_vision_put(st, plan, i, t, norm ? norm : "", &loc, &vid[i]));
	}
	for (i = 0; i < d->ngoals; i++) {
		struct p_goal *g = &d->goals[i];
		struct buf issues = BUF_INIT;
		int k;

		for (k = 0; k < g->nblocks; k++)
			buf_printf(&issues, "%s%s", k ? "\n" : "", g->blocks[k].text);
		loc.line = g->line;
		loc.col = g->col;
		rc = store_goal_put(st, plan, i + 1, g->title,
				    import_norm(d->a, g->title, strlen(g->title),
						TEXT_NORM_SPACES), issues.ptr, &loc, &gid[i]);
		buf_release(&issues);
		CK(rc);
		CK(store_blocks_put(st, "goal", gid[i], "issues", g->blocks, g->nblocks));
	}
	for (i = 0; i < d->nlistings; i++) {
		struct p_listing *li = &d->listings[i];

		if (li->vision < 1 || li->vision > d->nvisions) {
			rc = import_fail(imp, MD_EINPUT, li->line, "goal listed under "
					 "vision (%d), which does not exist", li->vision);
			goto out;
		}
		loc.line = li->line;
		loc.col = li->col;
		CK(store_listing_put(st, vid[li->vision], ++pos[li->vision],
				     gid[li->goal], li->relisted, &loc));
	}
	for (i = 0; i < d->nmeasures; i++) {
		struct p_measure *m = &d->measures[i];

		loc.line = m->line;
		loc.col = m->col;
		CK(store_measure_put(st, gid[m->goal], i + 1, m->title,
				     m->norm ? m->norm : "", &loc, &mid[i]));
	}
	for (i = 0; i < d->nitems; i++) {
		struct p_item *it = &d->items[i];
		struct text_tag none;
		long long id;

		memset(&none, 0, sizeof(none));
		loc.line = it->line;
		loc.col = it->col;
		CK(store_item_put(st, mid[it->measure], i + 1, it->text, it->norm,
				  it->tag_text, &loc, &id));
		CK(store_item_ministries(st, id, it->tagged ? &it->tag : &none));
		if (!it->tagged)
			import_note(imp, it->line, "action item %d has no ministry tag: %.60s…",
				    i + 1, it->text);
	}
	for (i = 0; i < d->nareas; i++) {
		struct p_area *ar = &d->areas[i];

		loc.line = ar->line;
		loc.col = ar->col;
		CK(store_area_put(st, plan, ar->kind, ar->no, ar->title, ar->desc, &loc));
	}
	if ((rc = store_commit(st))) {
		import_fail(imp, rc, 0, "%s", store_errmsg(st));
		goto out;
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
