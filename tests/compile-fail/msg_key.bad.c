/* A misspelt message key does not compile. */
#include "html/html.h"

void page_part(struct html *h);

void page_part(struct html *h)
{
	html_msg(h, MSG_HOEM);
}
