/*
 * The markup emitter. Escaping is one loop (esc()) shared by text and
 * attribute values; URLs get their own walk because a scheme can hide
 * behind spaces, controls and tabs that a browser drops before it reads it.
 */
#include <stdio.h>
#include <string.h>

#include "../text/text.h"
#include "html.h"

void html_init(struct html *h, struct buf *b, int en)
{
	h->b = b;
	h->en = en;
}

int html_error(const struct html *h)
{
	return buf_error(h->b);
}

static void misuse(struct html *h)
{
	if (!h->b->err)
		h->b->err = MD_EUSAGE;
}

void html_raw_(struct html *h, const char *lit, size_t n)
{
	buf_add(h->b, lit, n);
}

void html_built(struct html *h, const char *markup)
{
	if (markup)
		buf_puts(h->b, markup);
}

/* Whether fmt converts numbers only (and %%). */
static int numeric_format(const char *f)
{
	while ((f = strchr(f, '%'))) {
		f++;
		if (*f == '%') {
			f++;
			continue;
		}
		f += strspn(f, "-+ #0");
		f += strspn(f, "0123456789*");
		if (*f == '.') {
			f++;
			f += strspn(f, "0123456789*");
		}
		f += strspn(f, "hlLqjzt");
		if (!*f || !strchr("diouxXfFeEgGaA", *f))
			return 0;
		f++;
	}
	return 1;
}

static void vfmt(struct html *h, const char *fmt, va_list ap)
{
	if (!numeric_format(fmt)) {
		misuse(h);
		return;
	}
	buf_vprintf(h->b, fmt, ap);
}

void html_fmt_(struct html *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfmt(h, fmt, ap);
	va_end(ap);
}

/* ---- escaping ---- */

static const char fffd[] = "\xef\xbf\xbd";

/* & < > " ' as entities, C0 controls but tab/LF/CR and DEL dropped, bad
 * UTF-8 as U+FFFD. */
static void esc(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, from = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;
		size_t next = i + 1;

		if (c >= 0x80) {
			size_t j = i;

			if (text_utf8_next(s, n, &j) >= 0) {
				i = j;
				continue;
			}
			rep = fffd;
		} else {
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			case '\t': case '\n': case '\r':
				i++;
				continue;
			default:
				if (c >= 0x20 && c != 0x7f) {
					i++;
					continue;
				}
				rep = "";
			}
		}
		buf_add(b, s + from, i - from);
		buf_puts(b, rep);
		i = from = next;
	}
	buf_add(b, s + from, n - from);
}

void html_textn(struct html *h, const char *s, size_t n)
{
	esc(h->b, s, n);
}

void html_text(struct html *h, const char *s)
{
	if (s)
		esc(h->b, s, strlen(s));
}

void html_attr(struct html *h, const char *s)
{
	html_text(h, s);
}

/* ---- URLs ---- */

/* A URL given in parts (a page's way to the root, then a path), read as
 * one string. */
struct two {
	const char *p[3];
	size_t n[3];
};

static void two_init(struct two *t, const char *a, const char *b, const char *c)
{
	t->p[0] = a ? a : "";
	t->p[1] = b ? b : "";
	t->p[2] = c ? c : "";
	t->n[0] = strlen(t->p[0]);
	t->n[1] = strlen(t->p[1]);
	t->n[2] = strlen(t->p[2]);
}

static int two_at(const struct two *t, size_t i)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (i < t->n[k])
			return (unsigned char)t->p[k][i];
		i -= t->n[k];
	}
	return -1;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The scheme rule of the URL standard: leading C0 controls and spaces are
 * skipped, tabs and line breaks anywhere are ignored, then ALPHA *(ALPHA /
 * DIGIT / "+" / "-" / ".") ":" is a scheme; anything else is relative. */
static int two_ok(const struct two *t)
{
	static const char *const allowed[] = { "http", "https", "mailto" };
	char scheme[8];
	size_t i = 0, k, n = 0;
	int c;

	while ((c = two_at(t, i)) >= 0 && c <= 0x20)
		i++;
	for (;; i++) {
		c = two_at(t, i);
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (c < 0 || !(is_alpha(c) || (n && ((c >= '0' && c <= '9') ||
						     c == '+' || c == '-' || c == '.'))))
			return 1;   /* no scheme: a relative reference */
		if (n < sizeof(scheme))
			scheme[n] = (char)lower(c);
		n++;
	}
	for (k = 0; k < MD_ARRAY_SIZE(allowed); k++) {
		if (n == strlen(allowed[k]) && !memcmp(scheme, allowed[k], n))
			return 1;
	}
	return 0;
}

int html_url_ok(const char *url)
{
	struct two t;

	two_init(&t, url, NULL, NULL);
	return two_ok(&t);
}

static void put_two(struct buf *b, const struct two *t)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = t->n[0] + t->n[1] + t->n[2], i = 0;
	char tmp[4];

	while (i < n) {
		int c = two_at(t, i);

		if (c >= 0x80) {
			/* a well-formed character stays as it is */
			size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, j = 0, k;

			for (k = 0; k < len && i + k < n; k++)
				tmp[k] = (char)two_at(t, i + k);
			if (c >= 0xc2 && c <= 0xf4 && k == len &&
			    text_utf8_next(tmp, len, &j) >= 0 && j == len) {
				buf_add(b, tmp, len);
				i += len;
				continue;
			}
		}
		if (c <= 0x20 || c >= 0x7f) {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else {
			tmp[0] = (char)c;
			esc(b, tmp, 1);
		}
		i++;
	}
}

void html_url3(struct html *h, const char *a, const char *b, const char *c)
{
	struct two t;

	two_init(&t, a, b, c);
	if (two_ok(&t))
		put_two(h->b, &t);
	else
		buf_putc(h->b, '#');
}

void html_url(struct html *h, const char *url)
{
	html_url3(h, url, NULL, NULL);
}

/* ---- numbers ---- */

void html_int(struct html *h, long long v)
{
	buf_printf(h->b, "%lld", v);
}

void html_num(struct html *h, double v)
{
	num_format(h->b, v, num_decimals(v), 1);
}

void html_fy(struct html *h, int fy)
{
	if (h->en) {
		buf_printf(h->b, "FY%d", fy);
		return;
	}
	text_era_fy_ja(fy, h->b);
	buf_printf(h->b, "（FY%d）", fy);
}

void html_msg(struct html *h, enum msg k)
{
	buf_puts(h->b, msg_get(k, h->en));
}

void html_msgf(struct html *h, enum msg k, ...)
{
	va_list ap;

	va_start(ap, k);
	vfmt(h, msg_get(k, h->en), ap);
	va_end(ap);
}

/* ---- elements ---- */

void html_link(struct html *h, const char *base, const char *href,
	       const char *text)
{
	H_RAW(h, "<a href=\"");
	html_url3(h, base, href, NULL);
	H_RAW(h, "\">");
	html_text(h, text);
	H_RAW(h, "</a>");
}

void html_doc_link(struct html *h, const char *url, const char *text)
{
	if (!html_url_ok(url)) {
		html_text(h, text);
		return;
	}
	html_link(h, NULL, url, text);
}

void html_paras(struct html *h, const char *s)
{
	const char *nl;

	while (*s) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		if (nl > s) {
			H_RAW(h, "<p>");
			html_textn(h, s, (size_t)(nl - s));
			H_RAW(h, "</p>");
		}
		s = *nl ? nl + 1 : nl;
	}
}

void html_option(struct html *h, const char *value, const char *label,
		 int selected)
{
	H_RAW(h, "<option value=\"");
	html_attr(h, value);
	if (selected)
		H_RAW(h, "\" selected>");
	else
		H_RAW(h, "\">");
	html_text(h, label);
	H_RAW(h, "</option>");
}

/* ---- forms ---- */

void html_form_post(struct html *h, const char *action, const char *csrf)
{
	if (!csrf || !*csrf) {
		misuse(h);
		return;
	}
	H_RAW(h, "<form method=\"post\" action=\"");
	html_url(h, action);
	H_RAW(h, "\">\n");
	html_hidden(h, "csrf", csrf);
}

void html_form_get(struct html *h, const char *action, const char *cls)
{
	H_RAW(h, "<form method=\"get\" action=\"");
	html_url(h, action);
	if (cls) {
		H_RAW(h, "\" class=\"");
		html_attr(h, cls);
	}
	H_RAW(h, "\">\n");
}

void html_form_end(struct html *h)
{
	H_RAW(h, "</form>\n");
}

void html_hidden(struct html *h, const char *name, const char *value)
{
	H_RAW(h, "<input type=\"hidden\" name=\"");
	html_attr(h, name);
	H_RAW(h, "\" value=\"");
	html_attr(h, value ? value : "");
	H_RAW(h, "\">\n");
}

void html_hidden_int(struct html *h, const char *name, long long v)
{
	H_RAW(h, "<input type=\"hidden\" name=\"");
	html_attr(h, name);
	H_FMT(h, "\" value=\"%lld\">\n", v);
}

/* The label, the hint and the error of a field, and the attributes that
 * tie them to it. */
static void field_start(struct html *h, const struct html_field *f,
			const char *id)
{
	H_RAW(h, "<div class=\"field");
	if (f->error)
		H_RAW(h, " invalid");
	H_RAW(h, "\"><label for=\"");
	html_attr(h, id);
	H_RAW(h, "\">");
	html_text(h, f->label);
	H_RAW(h, "</label>\n");
	if (f->help) {
		H_RAW(h, "<p class=\"help\" id=\"");
		html_attr(h, id);
		H_RAW(h, "-help\">");
		html_text(h, f->help);
		H_RAW(h, "</p>\n");
	}
	if (f->error) {
		H_RAW(h, "<p class=\"error\" id=\"");
		html_attr(h, id);
		H_RAW(h, "-error\">");
		html_text(h, f->error);
		H_RAW(h, "</p>\n");
	}
}

static void field_attrs(struct html *h, const struct html_field *f,
			const char *id)
{
	H_RAW(h, " id=\"");
	html_attr(h, id);
	H_RAW(h, "\" name=\"");
	html_attr(h, f->name);
	H_RAW(h, "\"");
	if (f->required)
		H_RAW(h, " required");
	if (f->autocomplete) {
		H_RAW(h, " autocomplete=\"");
		html_attr(h, f->autocomplete);
		H_RAW(h, "\"");
	}
	if (f->inputmode) {
		H_RAW(h, " inputmode=\"");
		html_attr(h, f->inputmode);
		H_RAW(h, "\"");
	}
	if (f->error)
		H_RAW(h, " aria-invalid=\"true\"");
	if (f->help || f->error) {
		H_RAW(h, " aria-describedby=\"");
		if (f->help) {
			html_attr(h, id);
			H_RAW(h, "-help");
		}
		if (f->help && f->error)
			H_RAW(h, " ");
		if (f->error) {
			html_attr(h, id);
			H_RAW(h, "-error");
		}
		H_RAW(h, "\"");
	}
}

void html_input(struct html *h, const struct html_field *f)
{
	const char *id = f->id ? f->id : f->name;

	field_start(h, f, id);
	switch (f->type) {
	case HTML_INPUT_PASSWORD: H_RAW(h, "<input type=\"password\""); break;
	case HTML_INPUT_SEARCH: H_RAW(h, "<input type=\"search\""); break;
	case HTML_INPUT_EMAIL: H_RAW(h, "<input type=\"email\""); break;
	default: H_RAW(h, "<input type=\"text\""); break;
	}
	field_attrs(h, f, id);
	/* a password is never written back into the page */
	if (f->type != HTML_INPUT_PASSWORD) {
		H_RAW(h, " value=\"");
		html_attr(h, f->value ? f->value : "");
		H_RAW(h, "\"");
	}
	H_RAW(h, "></div>\n");
}

void html_textarea(struct html *h, const struct html_field *f)
{
	const char *id = f->id ? f->id : f->name;

	field_start(h, f, id);
	H_RAW(h, "<textarea");
	field_attrs(h, f, id);
	H_FMT(h, " rows=\"%d\">", f->rows > 0 ? f->rows : 6);
	/* a parser drops one line break right after the tag: write one, so a
	 * value that starts with a line break keeps it */
	H_RAW(h, "\n");
	html_text(h, f->value);
	H_RAW(h, "</textarea></div>\n");
}

void html_checkbox(struct html *h, const char *name, const char *value,
		   const char *label, int checked)
{
	H_RAW(h, "<label class=\"check\"><input type=\"checkbox\" name=\"");
	html_attr(h, name);
	H_RAW(h, "\" value=\"");
	html_attr(h, value ? value : "1");
	H_RAW(h, "\"");
	if (checked)
		H_RAW(h, " checked");
	H_RAW(h, "> ");
	html_text(h, label);
	H_RAW(h, "</label>\n");
}

void html_select(struct html *h, const struct html_field *f,
		 const char *const *values, const char *const *labels, int n)
{
	const char *id = f->id ? f->id : f->name;
	int i;

	field_start(h, f, id);
	H_RAW(h, "<select");
	field_attrs(h, f, id);
	H_RAW(h, ">");
	for (i = 0; i < n; i++)
		html_option(h, values[i], labels[i], f->value && !strcmp(f->value, values[i]));
	H_RAW(h, "</select></div>\n");
}

void html_submit(struct html *h, const char *name, const char *value,
		 const char *label)
{
	H_RAW(h, "<button type=\"submit\"");
	if (name) {
		H_RAW(h, " name=\"");
		html_attr(h, name);
		H_RAW(h, "\" value=\"");
		html_attr(h, value ? value : "");
		H_RAW(h, "\"");
	}
	H_RAW(h, ">");
	html_text(h, label);
	H_RAW(h, "</button>\n");
}
