/*
 * Ministry tags: the bracketed list of responsible ministries that ends an
 * action item, e.g. ［◎厚、経］. ◎ marks the lead ministry (the one that
 * compiles the follow-up); ④ is what ◎ becomes when a CP932 document is
 * read with the wrong code page, so it means ◎ here.
 */
#include <pthread.h>
#include <string.h>

#include "text.h"

static const struct text_ministry ministries[] = {
	{ "cas", "内官", "内閣官房", "Cabinet Secretariat", "官房" },
	{ "cao", "内", "内閣府", "Cabinet Office", "" },
	{ "mic", "総", "総務省", "Ministry of Internal Affairs and Communications", "総務" },
	{ "mext", "文", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology", "文科省|文科|文部科学" },
	{ "mhlw", "厚", "厚生労働省", "Ministry of Health, Labour and Welfare", "厚労省|厚労|厚生労働" },
	{ "meti", "経", "経済産業省", "Ministry of Economy, Trade and Industry", "経産省|経産|経済産業" },
};

int text_ministry_count(void)
{
	return (int)MD_ARRAY_SIZE(ministries);
}

const struct text_ministry *text_ministry_at(int idx)
{
	if (idx < 0 || idx >= text_ministry_count())
		return NULL;
	return &ministries[idx];
}

/* The ministries' names as text_normalize() makes them, once (a tag and
 * a {code} in a URL are looked up on every save and page: 24 ICU
 * normalizations a call were a fifth of a save's time). */
#define NORM_NAMES 4
#define NORM_MAX 128
static char norm[MD_ARRAY_SIZE(ministries)][NORM_NAMES][NORM_MAX];
static pthread_once_t norm_once = PTHREAD_ONCE_INIT;

static void norm_init(void)
{
	struct buf b = BUF_INIT;
	size_t k, j;

	for (k = 0; k < MD_ARRAY_SIZE(ministries); k++) {
		const char *name[NORM_NAMES] = { ministries[k].abbrev, ministries[k].name_ja,
						 ministries[k].code, ministries[k].name_en };

		for (j = 0; j < NORM_NAMES; j++) {
			buf_reset(&b);
			/* a name that does not fit (none does not) matches nothing */
			if (!text_normalize(name[j], strlen(name[j]), TEXT_NORM_NOSPACE, &b) &&
			    b.len < NORM_MAX)
				memcpy(norm[k][j], b.ptr, b.len + 1);
		}
	}
	buf_release(&b);
}

int text_ministry_find(const char *s, size_t n)
{
	struct buf key = BUF_INIT;
	int found = -1;
	size_t k, j;

	pthread_once(&norm_once, norm_init);
	if (text_normalize(s, n, TEXT_NORM_NOSPACE, &key) || !key.len)
		goto out;
	for (k = 0; k < MD_ARRAY_SIZE(ministries) && found < 0; k++) {
		const struct text_ministry *m = &ministries[k];
		const char *a = m->aliases;

		for (j = 0; j < NORM_NAMES; j++) {
			if (*norm[k][j] && strlen(norm[k][j]) == key.len &&
			    !memcmp(norm[k][j], key.ptr, key.len))
				break;
		}
		if (j < NORM_NAMES) {
			found = (int)k;
			break;
		}
		while (*a) {
			const char *bar = strchr(a, '|');
			size_t l = bar ? (size_t)(bar - a) : strlen(a);

			if (l == key.len && !memcmp(a, key.ptr, l)) {
				found = (int)k;
				break;
			}
			a += l + (bar ? 1 : 0);
		}
	}
out:
	buf_release(&key);
	return found;
}

const char *text_ministry_code(const char *s)
{
	int i = text_ministry_find(s, strlen(s));

	return i < 0 ? NULL : text_ministry_at(i)->code;
}

#define LEAD_MARK 0x25ce    /* ◎ */
#define LEAD_MOJIBAKE 0x2463 /* ④ */

static int is_sep(int32_t cp)
{
	return cp == 0x3001 /* 、 */ || cp == ',' || cp == 0xff0c /* ， */ ||
	       cp == 0x30fb /* ・ */ || cp == 0xff65 || cp == '/' ||
	       text_is_space(cp);
}

/* Is there a ministry name (not just separators and marks) after s[i]? */
static int has_name_after(const char *s, size_t n, size_t i)
{
	while (i < n) {
		int32_t cp = text_utf8_next(s, n, &i);

		if (cp >= 0 && !is_sep(cp) && cp != LEAD_MARK && cp != LEAD_MOJIBAKE)
			return 1;
	}
	return 0;
}

int text_tag_parse(const char *s, size_t n, struct text_tag *tag,
		   struct buf *err)
{
	struct text_tag t;
	size_t i = 0, tokens = 0, cps = 0;
	int pass, rc = MD_ENOTFOUND;

	memset(&t, 0, sizeof(t));
	/* Pass 0 decides whether this looks like a ministry list at all (short
	 * names between separators); pass 1 resolves the names. */
	for (pass = 0; pass < 2; pass++) {
		int pending = 0;   /* a lone ◎ waiting for its name ("◎\n文") */

		i = 0;
		tokens = 0;
		while (i < n) {
			size_t ts, te, q;
			int lead = 0, ncp = 0, idx, k;
			int32_t cp;

			q = i;
			cp = text_utf8_next(s, n, &q);
			if (cp < 0)
				return MD_EINPUT;
			if (is_sep(cp)) {
				i = q;
				continue;
			}
			ts = i;
			te = i;
			/* one token: up to the next separator */
			while (i < n) {
				q = i;
				cp = text_utf8_next(s, n, &q);
				if (cp < 0 || is_sep(cp))
					break;
				if (cp == LEAD_MARK || cp == LEAD_MOJIBAKE) {
					lead = 1;
					if (te == ts)
						ts = q; /* mark before the name */
				} else {
					te = q;
					ncp++;
				}
				i = q;
			}
			if (ncp == 0 && lead) {
				if (pass == 1 && t.n > 0 && !has_name_after(s, n, i))
					t.lead[t.n - 1] = 1;   /* "厚 ◎": after its name */
				pending = 1;
				continue;
			}
			lead |= pending;
			pending = 0;
			tokens++;
			cps += (size_t)ncp;
			if (pass == 0) {
				if (ncp == 0 || ncp > 6 || tokens > TEXT_TAG_MAX)
					return MD_ENOTFOUND;
				continue;
			}
			idx = text_ministry_find(s + ts, te - ts);
			if (idx < 0) {
				if (err)
					buf_printf(err, "unknown ministry \"%.*s\" in tag "
						   "(expected one of 内官 内 総 文 厚 経 "
						   "or a full ministry name)",
						   (int)(te - ts), s + ts);
				return MD_EINPUT;
			}
			for (k = 0; k < t.n; k++) {
				if (t.ministry[k] == idx)
					break;
			}
			if (k == t.n) {
				t.ministry[t.n] = idx;
				t.lead[t.n] = lead;
				t.n++;
			} else {
				t.lead[k] |= lead;
			}
		}
		if (pass == 0 && (tokens == 0 || cps > 40))
			return MD_ENOTFOUND;
	}
	rc = 0;
	t.start = tag->start;
	t.end = tag->end;
	*tag = t;
	return rc;
}

struct pair {
	const char *open, *close;
};

static const struct pair brackets[] = {
	{ "【", "】" }, { "〔", "〕" }, { "［", "］" }, { "[", "]" },
};

int text_tag_trailing(const char *s, size_t n, struct text_tag *tag,
		      struct buf *err)
{
	size_t end = n, k, cl = 0, i;
	const struct pair *p = NULL;
	int rc;

	/* trailing white space, including U+3000 */
	for (;;) {
		if (end && (s[end - 1] == ' ' || s[end - 1] == '\n' ||
			    s[end - 1] == '\t')) {
			end--;
		} else if (end >= 3 && !memcmp(s + end - 3, "\xe3\x80\x80", 3)) {
			end -= 3;
		} else {
			break;
		}
	}
	for (k = 0; k < MD_ARRAY_SIZE(brackets); k++) {
		cl = strlen(brackets[k].close);
		if (end >= cl && !memcmp(s + end - cl, brackets[k].close, cl)) {
			p = &brackets[k];
			break;
		}
	}
	if (!p)
		return MD_ENOTFOUND;
	/* nearest opener of any kind: documents mix ［◎厚] and the like */
	for (i = end - cl; i > 0; i--) {
		for (k = 0; k < MD_ARRAY_SIZE(brackets); k++) {
			size_t ol = strlen(brackets[k].open);

			if (i >= ol && !memcmp(s + i - ol, brackets[k].open, ol)) {
				tag->start = i - ol;
				tag->end = end;
				rc = text_tag_parse(s + i, end - cl - i, tag, err);
				if (rc == 0) {
					tag->start = i - ol;
					tag->end = end;
				}
				return rc;
			}
		}
		/* a closer in between means the brackets do not pair up */
		for (k = 0; k < MD_ARRAY_SIZE(brackets); k++) {
			size_t l = strlen(brackets[k].close);

			if (i >= l && i - l < end - cl &&
			    !memcmp(s + i - l, brackets[k].close, l))
				return MD_ENOTFOUND;
		}
	}
	return MD_ENOTFOUND;
}
