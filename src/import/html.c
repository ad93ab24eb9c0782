#include <limits.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html.h"

static const char *const known_tags[] = {
	"p", "b", "ul", "ol", "li", "br", "div", "span", "strong", "i", "u", "em",
	"font", "sup", "sub", "a",
};

int html_is_markup(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i + 1 < n; i++) {
		size_t j = i + 1, l = 0;

		if (s[i] != '<')
			continue;
		if (s[j] == '/')
			j++;
		while (j + l < n && ((s[j + l] >= 'a' && s[j + l] <= 'z') ||
				     (s[j + l] >= 'A' && s[j + l] <= 'Z')))
			l++;
		if (!l || j + l >= n || (s[j + l] != '>' && s[j + l] != ' ' &&
					 s[j + l] != '/'))
			continue;
		for (k = 0; k < MD_ARRAY_SIZE(known_tags); k++) {
			if (strlen(known_tags[k]) == l &&
			    !strncasecmp(known_tags[k], s + j, l))
				return 1;
		}
	}
	return 0;
}

const char *html_kind_name(enum html_kind k)
{
	return k == HTML_LI ? "li" : k == HTML_H ? "h" : "p";
}

struct walker {
	struct arena *a;
	struct html_block *blocks;
	int n, cap;
	struct buf cur;        /* text of the block being built */
	int cur_kind;
	size_t bold_chars;     /* non-space bytes inside <b>/<strong> */
	size_t all_chars;      /* all non-space bytes */
	int bold;              /* depth inside <b>/<strong> */
	int err;
};

/* Appends text with white space runs folded to one space. */
static void add_text(struct walker *w, const char *t)
{
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (w->cur.len && w->cur.ptr[w->cur.len - 1] != ' ')
				buf_putc(&w->cur, ' ');
			continue;
		}
		buf_putc(&w->cur, c);
		w->all_chars++;
		if (w->bold)
			w->bold_chars++;
	}
}

static void push(struct walker *w, enum html_kind kind, const char *t, size_t n)
{
	struct html_block *nb;

	while (n && t[0] == ' ') {
		t++;
		n--;
	}
	while (n && t[n - 1] == ' ')
		n--;
	if (kind == HTML_LI && n >= 3 && !memcmp(t, "・", 3)) {
		t += 3;
		n -= 3;
		while (n && t[0] == ' ') {
			t++;
			n--;
		}
	}
	if (!n)
		return;
	if (w->n == w->cap) {
		int ncap = w->cap ? w->cap * 2 : 8;

		nb = arena_alloc(w->a, sizeof(*nb) * (size_t)ncap);
		if (!nb) {
			w->err = MD_ENOMEM;
			return;
		}
		if (w->n)
			memcpy(nb, w->blocks, sizeof(*nb) * (size_t)w->n);
		w->blocks = nb;
		w->cap = ncap;
	}
	w->blocks[w->n].kind = kind;
	w->blocks[w->n].text = arena_strndup(w->a, t, n);
	if (!w->blocks[w->n].text)
		w->err = MD_ENOMEM;
	w->n++;
}

static void flush(struct walker *w)
{
	enum html_kind k = w->cur_kind;

	if (k == HTML_P && w->all_chars && w->bold_chars == w->all_chars)
		k = HTML_H;
	if (buf_error(&w->cur))
		w->err = MD_ENOMEM;
	push(w, k, w->cur.ptr, w->cur.len);
	buf_reset(&w->cur);
	w->cur_kind = HTML_P;
	w->bold_chars = w->all_chars = 0;
}

static int is_block(const char *name)
{
	static const char *const b[] = { "p", "div", "li", "ul", "ol", "br",
		"h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th" };
	size_t k;

	for (k = 0; k < MD_ARRAY_SIZE(b); k++) {
		if (!strcasecmp(name, b[k]))
			return 1;
	}
	return 0;
}

/* Elements whose content is never cell text: script, style and kin. */
static int is_hidden(const char *name)
{
	return !strcasecmp(name, "script") || !strcasecmp(name, "style") ||
	       !strcasecmp(name, "template") || !strcasecmp(name, "noscript");
}

static void walk(struct walker *w, xmlNode *node)
{
	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content)
				add_text(w, (const char *)node->content);
		} else if (node->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)node->name;
			int blk = is_block(name);
			int b = !strcasecmp(name, "b") || !strcasecmp(name, "strong");

			if (is_hidden(name))
				continue;

			if (blk)
				flush(w);
			if (!strcasecmp(name, "li"))
				w->cur_kind = HTML_LI;
			w->bold += b;
			walk(w, node->children);
			w->bold -= b;
			if (blk)
				flush(w);
		}
	}
}

static int plain_blocks(struct walker *w, const char *s, size_t n)
{
	size_t i = 0, start = 0;
	struct buf t = BUF_INIT;
	int first = 1;

	/* fold white space first so " ・" is found across line breaks */
	buf_add(&t, s, n);
	buf_reset(&w->cur);
	add_text(w, t.ptr);
	if (buf_error(&t) || buf_error(&w->cur))
		w->err = MD_ENOMEM;
	buf_release(&t);
	s = w->cur.ptr;
	n = w->cur.len;
	for (i = 0; i + 4 <= n; i++) {
		if (s[i] == ' ' && !memcmp(s + i + 1, "・", 3)) {
			int lead_bullet = start + 3 <= n && !memcmp(s + start, "・", 3);

			push(w, first && !lead_bullet ? HTML_P : HTML_LI, s + start,
			     i - start);
			first = 0;
			start = i + 1;
		}
	}
	if (start < n) {
		int lead_bullet = start + 3 <= n && !memcmp(s + start, "・", 3);

		push(w, first && !lead_bullet ? HTML_P : HTML_LI, s + start, n - start);
	}
	buf_reset(&w->cur);
	return w->err;
}

int html_cell_blocks(const char *s, size_t n, struct arena *a,
		     struct html_block **out, int *nout, struct html_error *err)
{
	static const char wrap[] = "<html><body>";
	struct walker w;
	struct buf doc = BUF_INIT;
	htmlParserCtxtPtr ctxt = NULL;
	htmlDocPtr d = NULL;
	xmlNode *root;
	int rc = MD_ENOMEM;

	memset(&w, 0, sizeof(w));
	w.a = a;
	buf_init(&w.cur, 0);
	if (!html_is_markup(s, n)) {
		rc = plain_blocks(&w, s, n);
		goto out;
	}
	buf_puts(&doc, wrap);
	buf_add(&doc, s, n);
	buf_puts(&doc, "</body></html>");
	if (buf_error(&doc) || doc.len > INT_MAX || !(ctxt = htmlNewParserCtxt()))
		goto out;
	d = htmlCtxtReadMemory(ctxt, doc.ptr, (int)doc.len, NULL, "UTF-8",
			       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			       HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	/* A fatal error means libxml2 stopped reading: the rest of the cell
	 * would be lost, so the cell is refused instead. */
	if (ctxt->lastError.level == XML_ERR_FATAL) {
		if (ctxt->lastError.code == XML_ERR_NO_MEMORY)
			goto out;
		rc = MD_EINPUT;
		if (err) {
			err->line = ctxt->lastError.line > 0 ? ctxt->lastError.line : 1;
			err->col = ctxt->lastError.int2 > 0 ? ctxt->lastError.int2 : 1;
			if (err->line == 1)
				err->col = err->col > (long)strlen(wrap) ?
					err->col - (long)strlen(wrap) : 1;
			/* libxml2 has no code of its own for its depth limit */
			err->too_deep = ctxt->lastError.message &&
				strstr(ctxt->lastError.message, "depth") != NULL;
			err->what = err->too_deep ? "HTML elements nested too deep" :
				"the HTML cannot be read to its end";
		}
		goto out;
	}
	if (!d) {
		rc = MD_EINPUT;
		if (err) {
			err->line = err->col = 1;
			err->too_deep = 0;
			err->what = "the HTML cannot be read";
		}
		goto out;
	}
	root = xmlDocGetRootElement(d);
	if (root)
		walk(&w, root);
	flush(&w);
	rc = w.err;
out:
	if (d)
		xmlFreeDoc(d);
	if (ctxt)
		htmlFreeParserCtxt(ctxt);
	buf_release(&doc);
	buf_release(&w.cur);
	if (rc == 0) {
		*out = w.blocks;
		*nout = w.n;
	}
	return rc;
}
