/* The twin of raw_html.bad.c: literals go through the raw path, run-time
 * text through an escaping one. This must compile. */
#include "html/html.h"

void page_part(struct html *h, const char *user_text);

void page_part(struct html *h, const char *user_text)
{
	H_RAW(h, "<p class=\"note\">");
	html_text(h, user_text);
	H_FMT(h, "</p><p>%d</p>", 3);
}
