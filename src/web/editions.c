/*
 * The published editions of a year's follow-up (issue 14): the list, one
 * edition with its changes, their API, and the official table of an
 * edition as a download (downloads/followup-2025-edition-1.tsv, .xlsx).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *no_edition(struct ctx *c)
{
	return c->page.en ? "There is no such published edition." :
		"その版は公表されていません。";
}

int h_editions(struct ctx *c)
{
	return rt_done(c, page_editions(c->st, &c->page, (int)c->n[0], &c->rs->body), 0,
		       no_edition(c));
}

int h_edition(struct ctx *c)
{
	return rt_done(c, page_edition(c->st, &c->page, (int)c->n[0], (int)c->n[1],
				       &c->rs->body), 0, no_edition(c));
}

int a_editions(struct ctx *c)
{
	return rt_done(c, report_api_editions(c->st, (int)c->n[0], &c->rs->body), 1,
		       "no published edition of that fiscal year");
}

int h_edition_file(struct ctx *c)
{
	const char *f = c->file;
	char ext[8], tail[2], canon[64];
	int year, no, n;

	/* followup-YYYY-edition-K.tsv|xlsx, nothing else (and one spelling) */
	n = sscanf(f, "followup-%4d-edition-%6d.%5[a-z]%1s", &year, &no, ext, tail);
	if (n != 3 || (strcmp(ext, "tsv") && strcmp(ext, "xlsx")))
		return rt_html_error(c, 404, NULL);
	snprintf(canon, sizeof(canon), "followup-%d-edition-%d.%s", year, no, ext);
	if (strcmp(canon, f) || no < 1)
		return rt_html_error(c, 404, NULL);
	snprintf(c->rs->filename, sizeof(c->rs->filename), "%s", f);
	if (!strcmp(ext, "tsv")) {
		c->rs->ctype = "text/tab-separated-values; charset=utf-8";
		return rt_done(c, report_edition_tsv(c->st, year, no, &c->rs->body), 0,
			       no_edition(c));
	}
	c->rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return rt_done(c, report_edition_xlsx(c->st, year, no, &c->rs->body), 0, no_edition(c));
}
