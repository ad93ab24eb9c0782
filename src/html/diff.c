/*
 * A readable diff of two texts for the year-over-year page.
 *
 * The texts are cut into tokens (a run of Latin letters or digits is one
 * token, every other character is one), the common head and tail are set
 * aside, and Myers' O((N+M)D) algorithm finds a shortest edit script for the
 * rest. Short equal stretches caught between changes are folded into the
 * change, as diff-match-patch's semantic clean-up does, so a reworded
 * sentence reads as one deletion and one insertion rather than confetti.
 * Past MAX_D edits the middle is shown as replaced whole.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "html.h"

#define MAX_D 1200
#define MIN_EQUAL 3     /* equal runs shorter than this, between changes, fold */

struct tok {
	const char *s;
	size_t n;
};

static int is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

static struct tok *tokenize(const char *s, int *count)
{
	size_t len = strlen(s), i = 0;
	struct tok *t = malloc(sizeof(*t) * (len + 1));
	int n = 0;

	if (!t)
		return NULL;
	while (i < len) {
		size_t start = i;

		if (is_word((unsigned char)s[i])) {
			while (i < len && is_word((unsigned char)s[i]))
				i++;
		} else {
			text_utf8_next(s, len, &i);
			if (i == start)
				i++;
		}
		t[n].s = s + start;
		t[n].n = i - start;
		n++;
	}
	*count = n;
	return t;
}

static int same(const struct tok *a, const struct tok *b)
{
	return a->n == b->n && !memcmp(a->s, b->s, a->n);
}

/* op per token: for a, 0 = kept, 1 = deleted; for b, 0 = kept, 1 = inserted */
static int myers(const struct tok *a, int n, const struct tok *b, int m,
		 unsigned char *da, unsigned char *db)
{
	int max = n + m, d, k, x, y;
	int off = max + 1;
	int *v, **trace;
	int rc = 1;

	if (max == 0)
		return 0;
	v = calloc((size_t)(2 * max + 3), sizeof(*v));
	trace = calloc((size_t)(MAX_D + 1), sizeof(*trace));
	if (!v || !trace) {
		free(v);
		free(trace);
		return MD_ENOMEM;
	}
	for (d = 0; d <= max && d <= MAX_D; d++) {
		trace[d] = malloc(sizeof(int) * (size_t)(2 * d + 1));
		if (!trace[d]) {
			rc = MD_ENOMEM;
			goto out;
		}
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m) {
				memcpy(trace[d], v + off - d, sizeof(int) * (size_t)(2 * d + 1));
				goto found;
			}
		}
		memcpy(trace[d], v + off - d, sizeof(int) * (size_t)(2 * d + 1));
	}
	/* too different: everything in the middle changed */
	memset(da, 1, (size_t)n);
	memset(db, 1, (size_t)m);
	rc = 0;
	goto out;
found:
	memset(da, 0, (size_t)n);
	memset(db, 0, (size_t)m);
	x = n;
	y = m;
	for (; d > 0; d--) {
		const int *pv = trace[d - 1];
		int pk, px, py;

		k = x - y;
		if (k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = pv[pk + d - 1];
		py = px - pk;
		while (x > px && y > py) {
			x--;
			y--;
		}
		if (x > px)
			da[--x] = 1;
		else if (y > py)
			db[--y] = 1;
	}
	rc = 0;
out:
	for (d = 0; d <= MAX_D; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return rc;
}

/* Emit in order: walk both token lists; equal tokens are shared. */
struct piece {
	int kind;       /* 0 equal, 1 deleted, 2 inserted */
	const char *s;
	size_t n;
};

static void emit(struct html *h, int kind, const char *s, size_t n)
{
	if (!n)
		return;
	if (kind == 1)
		H_RAW(h, "<del>");
	else if (kind == 2)
		H_RAW(h, "<ins>");
	html_textn(h, s, n);
	if (kind == 1)
		H_RAW(h, "</del>");
	else if (kind == 2)
		H_RAW(h, "</ins>");
}

int html_diff(struct html *h, const char *from, const char *to)
{
	struct tok *a = NULL, *c = NULL;
	unsigned char *da = NULL, *db = NULL;
	int n = 0, m = 0, head = 0, tail = 0, rc, i, j;
	struct buf del = BUF_INIT, ins = BUF_INIT;

	a = tokenize(from, &n);
	c = tokenize(to, &m);
	da = malloc((size_t)n + 1);
	db = malloc((size_t)m + 1);
	if (!a || !c || !da || !db) {
		rc = MD_ENOMEM;
		goto out;
	}
	while (head < n && head < m && same(&a[head], &c[head]))
		head++;
	while (tail < n - head && tail < m - head &&
	       same(&a[n - 1 - tail], &c[m - 1 - tail]))
		tail++;
	rc = myers(a + head, n - head - tail, c + head, m - head - tail,
		   da + head, db + head);
	if (rc)
		goto out;
	memset(da, 0, (size_t)head);
	memset(db, 0, (size_t)head);
	memset(da + n - tail, 0, (size_t)tail);
	memset(db + m - tail, 0, (size_t)tail);

	/* Walk the script. A change collects deletions and insertions into
	 * del/ins until an equal run of MIN_EQUAL tokens (or the end) closes
	 * it; a shorter equal run in between goes to both sides. */
	i = j = 0;
	while (i < n || j < m) {
		int run = 0, changed = 0;

		while (i + run < n && j + run < m && !da[i + run] && !db[j + run])
			run++;
		if (run >= MIN_EQUAL || (i + run >= n && j + run >= m) ||
		    (!del.len && !ins.len)) {
			emit(h, 1, del.ptr, del.len);
			emit(h, 2, ins.ptr, ins.len);
			buf_reset(&del);
			buf_reset(&ins);
			if (run)
				emit(h, 0, a[i].s, (size_t)(a[i + run - 1].s + a[i + run - 1].n - a[i].s));
		} else if (run) {
			buf_add(&del, a[i].s, (size_t)(a[i + run - 1].s + a[i + run - 1].n - a[i].s));
			buf_add(&ins, c[j].s, (size_t)(c[j + run - 1].s + c[j + run - 1].n - c[j].s));
		}
		i += run;
		j += run;
		while (i < n && da[i]) {
			buf_add(&del, a[i].s, a[i].n);
			i++;
			changed = 1;
		}
		while (j < m && db[j]) {
			buf_add(&ins, c[j].s, c[j].n);
			j++;
			changed = 1;
		}
		if (!changed && !run)
			break;  /* cannot happen with a consistent script */
	}
	emit(h, 1, del.ptr, del.len);
	emit(h, 2, ins.ptr, ins.len);
	rc = buf_error(&del) ? buf_error(&del) : buf_error(&ins);
out:
	buf_release(&del);
	buf_release(&ins);
	free(a);
	free(c);
	free(da);
	free(db);
	return rc ? rc : html_error(h);
}
