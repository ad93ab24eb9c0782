/* libFuzzer target: tag parser, normalization, era years, HTML cells,
 * dates, the CSV formula guard. */
#include <stdint.h>
#include <string.h>

#include "import/html.h"
#include "import/import.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf b = BUF_INIT, z = BUF_INIT, err = BUF_INIT;
	struct text_decoded info;
	struct text_tag t;
	struct arena *a;
	struct html_block *hb;
	int y, f, n;
	size_t st, en;

	if (text_decode(s, size, NULL, &b, &info) == 0) {
		text_normalize(b.ptr, b.len, TEXT_NORM_SPACES, &z);
		if (text_tag_trailing(b.ptr, b.len, &t, &err) == 0 &&
		    (t.n < 1 || t.n > TEXT_TAG_MAX || t.end > b.len || t.start >= t.end))
			__builtin_trap();
		text_era_find(b.ptr, b.len, &y, &f, &st, &en);
		if (memchr(b.ptr, '\0', b.len) == NULL)
			text_era_parse(b.ptr, &y, &f);
		a = arena_new();
		if (a) {
			struct html_error he;

			if (html_cell_blocks(b.ptr, b.len, a, &hb, &n, &he) == MD_EINPUT &&
			    (he.line < 1 || he.col < 1 || !he.what))
				__builtin_trap();
		}
		arena_free(a);
		if (memchr(b.ptr, '\0', b.len) == NULL) {
			struct buf iso = BUF_INIT;

			/* a date is yyyy-mm or yyyy-mm-dd; the guard is undone exactly */
			if (import_date(b.ptr, &iso) == 0 && iso.len != 7 && iso.len != 10)
				__builtin_trap();
			if (dsv_formula(b.ptr) && b.ptr[0] != '\'' &&
			    dsv_unguard(b.ptr) != b.ptr)
				__builtin_trap();
			buf_release(&iso);
		}
	}
	buf_release(&b);
	buf_release(&z);
	buf_release(&err);
	return 0;
}
