/* A raw write of text that is not a string literal: H_RAW must refuse it
 * at compile time ("" user_text is not a string literal). */
#include "html/html.h"

void page_part(struct html *h, const char *user_text);

void page_part(struct html *h, const char *user_text)
{
	H_RAW(h, user_text);
}
