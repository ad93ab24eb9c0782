#ifndef MD_HTML_EMITTER_H
#define MD_HTML_EMITTER_H
/*
 * html: the markup emitter, the only way to write HTML (and the SVG chart,
 * the <mark> snippets that search answers carry, and publish's
 * sitemap.xml). It sits low (May call: base and text only) so that every
 * module that writes markup, report's SVG and search, page's pages and
 * forms and web's sitemap, goes through it. It knows no store, no page and
 * no request. A new label goes to msg.h; a new kind of element or field,
 * with the escaping its place needs, goes here; a new page goes to
 * src/page.
 *
 * Two paths, and no third:
 *  - raw markup: H_RAW(h, "<p>") takes a string literal only; anything else
 *    does not compile (the macro concatenates "" lit). H_FMT(h, "<td>%d",
 *    n) is the same with numbers: the format is a literal and a conversion
 *    that is not a number (%s %c %p %n) sets the emitter's error instead of
 *    writing.
 *  - run-time values, escaped for where they go: html_text() for element
 *    content, html_attr() inside a quoted attribute value, html_url() for
 *    href/src (scheme allow-list), html_int()/html_num()/html_fy() for
 *    numbers and fiscal years, and the element helpers below, which escape
 *    every piece of text they are given.
 * Labels come from the message table (msg.h), which holds literals written
 * by us: html_msg() writes one as it is.
 *
 * Text is written as UTF-8 with & < > " ' escaped, the C0 controls other
 * than tab, line feed and carriage return (and DEL) dropped, and bytes that
 * are not well-formed UTF-8 written as U+FFFD, so no input can open a tag,
 * leave an attribute or smuggle a byte a parser would trip on.
 *
 * Ownership: a struct html writes into the caller's buf (html_init); it
 * owns nothing and needs no release. Errors are sticky on the buf
 * (buf_error()); a misuse (a non-numeric H_FMT conversion) sets MD_EUSAGE.
 */
#include <stddef.h>

#include "../base/base.h"
#include "msg.h"

struct html {
	struct buf *b;   /* where the markup goes */
	int en;          /* language of html_msg() and html_fy() */
};

void html_init(struct html *h, struct buf *b, int en);
/* The first error (MD_ENOMEM, MD_EUSAGE), else 0. */
int html_error(const struct html *h);

/* ---- raw markup: literals only ---- */
#define H_RAW(h, lit) html_raw_((h), "" lit, sizeof("" lit) - 1)
#define H_FMT(h, lit, ...) html_fmt_((h), "" lit, __VA_ARGS__)
/* Behind the macros; do not call these directly. */
void html_raw_(struct html *h, const char *lit, size_t n);
void html_fmt_(struct html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Markup an emitter built earlier into another buffer (a search snippet:
 * search_load() writes it with html_text() and H_RAW()). For nothing
 * else: text from a document or a person never comes this way. */
void html_built(struct html *h, const char *markup);

/* ---- escaped values ---- */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
/* The same escaping; named for the place (inside "..."). */
void html_attr(struct html *h, const char *s);
/* A URL for href or src. Allowed: http:, https:, mailto: and relative
 * references (no scheme); scheme letters in any case, after the leading
 * spaces and controls and the tabs and line breaks a browser would ignore.
 * Anything else (javascript:, data:, vbscript:, ...) is written as "#".
 * Controls, space, DEL and bytes that are not well-formed UTF-8 are
 * percent-encoded; well-formed non-ASCII characters stay as they are (an
 * IRI); the rest is attribute-escaped (& < > " ' as entities). */
void html_url(struct html *h, const char *url);
/* The URL a+b+c (NULL parts are empty) as html_url() writes one: a page's
 * way to the root and a path below it are one URL for the scheme check. */
void html_url3(struct html *h, const char *a, const char *b, const char *c);
/* Whether html_url() would keep url (1) or write "#" (0). */
int html_url_ok(const char *url);
void html_int(struct html *h, long long v);
/* A value as people read it: 4,086 / 0.5 (as many decimals as it has). */
void html_num(struct html *h, double v);
/* "令和7年度（FY2025）", "FY2025" in English. */
void html_fy(struct html *h, int fy);
/* A label from the table, in the emitter's language. */
void html_msg(struct html *h, enum msg k);
/* A label that is a format (its keys end in _F): numbers only, checked as
 * H_FMT does. */
void html_msgf(struct html *h, enum msg k, ...);

/* ---- elements that carry text ---- */

/* <a href="base+href">text</a>: base is the page's way to the root
 * ("../../"), href a root-relative path built by the caller; the two are
 * one URL for html_url(). */
void html_link(struct html *h, const char *base, const char *href,
	       const char *text);
/* A link that comes from a document: a URL html_url() refuses is dropped
 * and the text written alone. */
void html_doc_link(struct html *h, const char *url, const char *text);
/* Text with its line breaks as paragraphs (<p>…</p> per non-empty line). */
void html_paras(struct html *h, const char *s);
/* A word-level diff of two texts as <del>/<ins> around escaped text
 * (diff.c): 0 or MD_ENOMEM. */
int html_diff(struct html *h, const char *from, const char *to);
/* <option value="v"[ selected]>label</option> */
void html_option(struct html *h, const char *value, const char *label,
		 int selected);

/* ---- forms ----
 *
 * Every form that changes something is a POST with its CSRF token:
 * html_form_post() opens it and writes the token as the hidden field
 * "csrf" (NULL token: an error, nothing is written). Fields come with
 * their label; an error message sits beside its field, is tied to it by
 * aria-describedby and marks it aria-invalid. Values are escaped.
 *
 *	struct html_field f = { .name = "results", .label = msg_get(MSG_..),
 *		.value = typed, .error = why, .rows = 8 };
 *	html_form_post(h, "./", token);
 *	html_hidden(h, "version", "12");
 *	html_textarea(h, &f);
 *	html_submit(h, "op", "save", msg_get(MSG_SAVE, en));
 *	html_form_end(h);
 */
enum html_input { HTML_INPUT_TEXT, HTML_INPUT_PASSWORD, HTML_INPUT_SEARCH,
		  HTML_INPUT_EMAIL };
struct html_field {
	const char *name;     /* form field name; also its id unless id is set */
	const char *id;       /* element id, NULL: name */
	const char *label;    /* the visible label (plain text) */
	const char *value;    /* current value, NULL: empty */
	const char *help;     /* a hint under the field, NULL: none */
	const char *error;    /* what is wrong with the value, NULL: nothing */
	enum html_input type; /* text inputs: which type */
	int rows;             /* text areas: visible lines (0: 6) */
	int required;         /* the field must not be left empty */
	const char *autocomplete; /* e.g. "username", "current-password" */
	const char *inputmode;  /* text inputs: "decimal", "numeric" (a phone's
				 * keyboard); NULL: none */
};
void html_form_post(struct html *h, const char *action, const char *csrf);
/* A GET form (search): no token. */
void html_form_get(struct html *h, const char *action, const char *cls);
void html_form_end(struct html *h);
void html_hidden(struct html *h, const char *name, const char *value);
/* A hidden field holding a number (the version a form was rendered from). */
void html_hidden_int(struct html *h, const char *name, long long v);
void html_input(struct html *h, const struct html_field *f);
void html_textarea(struct html *h, const struct html_field *f);
/* <label class="check"><input type="checkbox" name="name" value="value"
 * [checked]> label</label> (value NULL: "1"). */
void html_checkbox(struct html *h, const char *name, const char *value,
		   const char *label, int checked);
/* A <select> with its label, hint and error as html_input() writes them;
 * the option whose value is f->value is selected. values and labels hold
 * n entries each. */
void html_select(struct html *h, const struct html_field *f,
		 const char *const *values, const char *const *labels, int n);
/* <button type="submit" name="name" value="value">label</button>; name
 * NULL: a plain submit button. */
void html_submit(struct html *h, const char *name, const char *value,
		 const char *label);

#endif
