#ifndef MD_HTML_H
#define MD_HTML_H
/*
 * html: turns one table cell (plain text or an HTML fragment such as
 * "<p><b>見出し</b></p> <ul><li>本文</li></ul>") into blocks: paragraphs,
 * list items and headings (a paragraph that is all bold). libxml2's HTML
 * parser does the parsing; libxml2 is used here and in the XLSX reader
 * (xlsx.c, its streaming XML reader), both in the import module, and
 * nowhere else.
 *
 * Block texts have white space collapsed and are otherwise as written;
 * a leading "・" bullet of a list item is structure and is dropped.
 * Plain cells are split at " ・" into list items. Everything is allocated
 * from the caller's arena.
 *
 * Nothing is dropped silently: every block is returned, a plain cell of
 * any size is kept whole, and a cell that libxml2 cannot read to its end
 * (elements nested more than HTML_MAX_DEPTH deep: past its depth limit of
 * 256 libxml2 stops reading) is an error saying where.
 */
#include "../base/base.h"

enum html_kind { HTML_P, HTML_LI, HTML_H };

struct html_block {
	enum html_kind kind;
	const char *text;   /* NUL-terminated, in the arena */
};

/* 1 if the cell contains a tag we know (p b ul ol li br div span strong). */
int html_is_markup(const char *s, size_t n);
#define HTML_MAX_DEPTH 255

struct html_error {
	long line, col;     /* 1-based, in the cell's text; col counts characters */
	int too_deep;       /* 1: nested more than HTML_MAX_DEPTH deep */
	const char *what;   /* what went wrong, a static English sentence */
};

/* MD_EINPUT (and *err, which may be NULL) when the cell cannot be read
 * whole; MD_ENOMEM. */
int html_cell_blocks(const char *s, size_t n, struct arena *a,
		     struct html_block **out, int *nout, struct html_error *err);
const char *html_kind_name(enum html_kind k);

#endif
