/* The twin of msg_key.bad.c: a key that exists. */
#include "html/html.h"

void page_part(struct html *h);

void page_part(struct html *h)
{
	html_msg(h, MSG_HOME);
}
