#ifndef MD_BASE_H
#define MD_BASE_H
/*
 * base: error codes, the string builder, the arena, bounded number parsing
 * and whole-file reading. Every other module builds on this one; it uses
 * only the C library.
 *
 * Errors: functions return 0 on success or a negative MD_E* code. The
 * detailed message lives on the object that failed (for example
 * import_errmsg()); md_strerror() names the code only.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

enum {
	MD_OK = 0,
	MD_ENOMEM = -1,   /* allocation failed or a size cap was hit */
	MD_EINPUT = -2,   /* the input document or argument is malformed */
	MD_EUSAGE = -3,   /* the caller asked for something impossible */
	MD_EDB = -4,      /* the database failed */
	MD_EIO = -5,      /* reading or writing a file failed */
	MD_ENOTFOUND = -6,/* the named thing does not exist */
	MD_ECONFLICT = -7,/* a stale version: the row changed since the caller
			     read it (nothing was written) */
	MD_EFORBIDDEN = -8/* the actor may not make this change */
};

const char *md_strerror(int rc);

#define MD_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The string builder. After BUF_INIT or buf_init() ptr is never NULL and
 * always NUL-terminated. Every buffer has a size cap (max); growing past it,
 * or failing to allocate, sets the sticky err flag and further appends are
 * ignored, so callers may append freely and check buf_error() once.
 * The buffer owns ptr; buf_detach() hands it to the caller, who frees it
 * with free(). buf_release() frees and re-initialises.
 */
struct buf {
	char *ptr;   /* contents, NUL-terminated, never NULL */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated; 0 while ptr is the shared empty string */
	size_t max;  /* cap on len; 0 means BUF_DEFAULT_MAX */
	int err;     /* sticky: MD_ENOMEM once a growth failed or hit max */
};

#define BUF_DEFAULT_MAX ((size_t)256 << 20)
extern char buf_empty_[1];
#define BUF_INIT { buf_empty_, 0, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len);
/* Remove trailing ASCII and ideographic (U+3000) white space. */
void buf_rtrim(struct buf *b);
/* Takes the contents; *len may be NULL. Returns NULL if err is set. */
char *buf_detach(struct buf *b, size_t *len);
static inline int buf_error(const struct buf *b) { return b->err; }

/*
 * Arena: many small allocations freed in one call. Used for one import or
 * one request. arena_free(NULL) is a no-op. Allocation failure returns NULL
 * and sets the arena's sticky error.
 */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
int arena_error(const struct arena *a);
/* A printf into the arena (through a buf); NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/*
 * Bounded number parsing: the whole of s[0..n) must be an optional sign and
 * ASCII digits (no spaces, no junk) and the value must lie in [min, max].
 */
int num_parse_ll(const char *s, size_t n, long long min, long long max,
		 long long *out);
int num_parse_int(const char *s, int min, int max, int *out);
/*
 * A decimal number as people write it in a table: optional sign, digits
 * with optional thousands separators (commas in groups of three: 4,086),
 * optional fraction (.5). No exponent, no spaces, at most 15 significant
 * digits (so the double is the correctly rounded value). *decimals gets
 * the number of fraction digits written (may be NULL).
 */
int num_parse_decimal(const char *s, size_t n, double *out, int *decimals);
/* Formats v with `decimals` fraction digits and, when group, thousands
 * separators: 4086 -> "4,086". Appends to b. */
int num_format(struct buf *b, double v, int decimals, int group);
/* The fraction digits v is written with (0 to 6): 4086 -> 0, 0.25 -> 2. */
int num_decimals(double v);

/*
 * Read a whole file (at most max bytes) into b. "-" reads standard input.
 * Returns MD_EIO or MD_ENOMEM; errno is kept for the caller's message.
 */
int file_read(const char *path, size_t max, struct buf *b);

#include "banned.h"
#endif
