/* A run-time format for raw markup: H_FMT takes a literal only. */
#include "html/html.h"

void page_part(struct html *h, const char *fmt);

void page_part(struct html *h, const char *fmt)
{
	H_FMT(h, fmt, 1);
}
