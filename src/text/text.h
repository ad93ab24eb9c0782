#ifndef MD_TEXT_H
#define MD_TEXT_H
/*
 * text: everything that knows about Japanese text. ICU lives here and
 * nowhere else.
 *
 *  - decoding input documents to UTF-8 (UTF-8 with or without BOM,
 *    Shift_JIS/CP932 detected, CRLF folded to LF); invalid bytes are an
 *    error with a line and column, never a silent replacement;
 *  - the normalized form used for matching and search (NFKC, width and
 *    case folding, white space collapsed, PUA bullets dropped);
 *  - era years (令和7年度 = FY2025, 平成28年 = 2016);
 *  - the ministry table and the ministry-tag parser (［◎厚、経］ and kin).
 *
 * Originals are never modified: callers keep the input for display and
 * store the normalized form beside it. All output goes into caller-owned
 * struct buf; nothing here keeps state between calls except ICU's
 * process-wide singletons.
 */
#include <stddef.h>
#include <stdint.h>

#include "../base/base.h"

/* ---- UTF-8 ---- */

/* Checks s[0..n) is well-formed UTF-8; on failure *bad is the offset of
 * the first bad byte. */
int text_utf8_valid(const char *s, size_t n, size_t *bad);
/* Decodes one code point at s[*i], advancing *i; returns -1 on bad input
 * (and advances one byte). */
int32_t text_utf8_next(const char *s, size_t n, size_t *i);
/* UTF-8 of cp into out (room for 4 bytes); returns its length. A value
 * that is not a Unicode scalar value is written as U+FFFD. */
int text_utf8_enc(char *out, int32_t cp);
int text_utf8_put(struct buf *b, int32_t cp);
/* Number of code points (columns for error messages) in s[0..n). */
size_t text_utf8_count(const char *s, size_t n);

/* ---- what a person may type ---- */

/*
 * What a code point is to a text a person types (a form field, a display
 * name, an option on the command line), as bits so that a caller can say
 * which it allows:
 *   TEXT_TYPED_TEXT       anything else (0)
 *   TEXT_TYPED_BREAK      \n \r \t: for a field of several lines
 *   TEXT_TYPED_CONTROL    the other C0 controls and DEL (U+007F)
 *   TEXT_TYPED_C1         the C1 controls U+0080-U+009F
 *   TEXT_TYPED_BIDI       the bidirectional embeddings, overrides and
 *                        isolates U+202A-U+202E, U+2066-U+2069: they
 *                        reorder what a reader sees ("Trojan Source"), so
 *                        that a reviewer reads other than what is stored
 *   TEXT_TYPED_SEPARATOR  U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
 * Documents that are imported keep what they hold; this is for typed text.
 */
enum text_typed {
	TEXT_TYPED_TEXT = 0,
	TEXT_TYPED_BREAK = 1u << 0,
	TEXT_TYPED_CONTROL = 1u << 1,
	TEXT_TYPED_C1 = 1u << 2,
	TEXT_TYPED_BIDI = 1u << 3,
	TEXT_TYPED_SEPARATOR = 1u << 4
};
enum text_typed text_typed_class(int32_t cp);
/* The first code point of s[0..n) (UTF-8; a bad byte is skipped) whose
 * class is neither TEXT_TYPED_TEXT nor one of the bits in allow, with its
 * byte offset in *at (may be NULL); -1 when there is none. */
int32_t text_typed_refused(const char *s, size_t n, unsigned allow, size_t *at);

/* ---- decoding documents ---- */

struct text_decoded {
	const char *encoding;  /* "UTF-8", "UTF-8 (BOM)" or "Shift_JIS" */
	int crlf;              /* the input used CRLF line ends */
	long err_line;         /* on MD_EINPUT: 1-based line of the bad bytes */
	long err_col;          /* and 1-based byte column */
};

/*
 * Decode a document to UTF-8 with LF line ends into out. enc may be NULL
 * (detect), "utf-8" or "shift_jis"/"cp932". Detection: a BOM or clean
 * UTF-8 is UTF-8; input that is not UTF-8 and has no valid multi-byte
 * UTF-8 sequence before its first bad byte is tried as CP932. NUL bytes
 * are refused.
 */
int text_decode(const char *data, size_t len, const char *enc,
		struct buf *out, struct text_decoded *info);

/* ---- normalized form ---- */

enum {
	TEXT_NORM_SPACES = 0,     /* collapse white space runs to one space */
	TEXT_NORM_NOSPACE = 1     /* drop all white space (matching keys) */
};

/*
 * NFKC + case folding (ICU nfkc_cf), which also folds width (ＳａＭＤ ->
 * samd, ｶﾙﾃ -> カルテ); white space (including U+3000) collapsed or
 * dropped per flags; the PUA bullets U+F0FC U+F0B2 U+F06C dropped; leading
 * and trailing space trimmed. Appends to out.
 */
int text_normalize(const char *s, size_t n, unsigned flags, struct buf *out);

/* 1 if cp is one of the PUA bullet glyphs the plan uses. */
int text_is_bullet(int32_t cp);
/* 1 for ASCII white space, U+3000 and NBSP. */
int text_is_space(int32_t cp);

/* ---- search form ---- */

/* Classes of normalized code points, as search sees them. */
enum {
	TEXT_CC_SPACE = 0,  /* white space: separates words, else ignored */
	TEXT_CC_WORD = 1,   /* letters and digits of alphabetic scripts */
	TEXT_CC_CJK = 2,    /* kanji, kana (with ー 々), hangul */
	TEXT_CC_OTHER = 3   /* punctuation and symbols: one character each */
};
int text_char_class(int32_t cp);

/*
 * Walks the NFKC + case-folded form of s[0..n) (as text_normalize, white
 * space not collapsed), calling fn for each normalized code point with the
 * byte span [start, end) of the original it came from; a character that
 * normalizes to several (㈱ -> (株)) gives each of them the same span. PUA
 * bullets are dropped; an invalid byte comes out as U+FFFD. fn returns
 * non-zero to stop, and that value is returned.
 */
typedef int (*text_norm_fn)(void *ctx, int32_t cp, size_t start, size_t end);
int text_norm_each(const char *s, size_t n, text_norm_fn fn, void *ctx);

/*
 * The search key of s: its normalized form with white space kept only
 * (as one space) between two word characters, so "医療\n機器" and
 * "医療機器" are the same and "AI 研究" is "ai研究". Appends to out.
 */
int text_search_key(const char *s, size_t n, struct buf *out);

/*
 * Where the search key `key` occurs in s[0..n): a match must start and end
 * on a word boundary where the key starts or ends with a word character
 * ("ai" is in "AI研究" but not in "MAIL"). Matches do not overlap. Up to
 * max spans of original bytes go to sp; *count gets the number of matches
 * (which may exceed max).
 */
struct text_span {
	size_t start, end;
};
int text_search_spans(const char *s, size_t n, const char *key,
		      size_t keylen, struct text_span *sp, int max, int *count);

/* ---- era years ---- */

/*
 * Parse a year: 令和7年度, 令和 ７ 年度, 令和元年, 平成28年, R7, H28, FY2025,
 * 2025, 2025年度. *year is the Western year; *fiscal is 1 when the text says
 * 年度 or FY (a fiscal year), else 0. Returns MD_EINPUT on junk.
 */
int text_era_parse(const char *s, int *year, int *fiscal);
/* Find the first era year inside running text; *end gets the offset after
 * it. Returns MD_ENOTFOUND if there is none. */
int text_era_find(const char *s, size_t n, int *year, int *fiscal,
		  size_t *start, size_t *end);
/* 2025 -> 令和7年度; 2019 -> 令和元年度; 2016 -> 平成28年度. */
int text_era_fy_ja(int year, struct buf *out);

/* ---- prefectures (pref.c) ---- */

struct text_prefecture {
	const char *name_ja;  /* 東京都 */
	const char *name_en;  /* Tokyo */
	int col, row;         /* its tile on a map of Japan (cols 0-12, rows 0-13) */
};
int text_prefecture_count(void);   /* 47 */
/* JIS X 0401 order: 0 北海道 ... 46 沖縄県; NULL outside. */
const struct text_prefecture *text_prefecture_at(int idx);
/* The index of the prefecture named s (full Japanese name as 東京都, or
 * the English name), or -1. */
int text_prefecture_find(const char *s);

/* ---- ministries and tags ---- */

struct text_ministry {
	const char *code;    /* stable ASCII code: cas, cao, mic, mext, mhlw, meti */
	const char *abbrev;  /* 略称 as the plan writes it: 内官 内 総 文 厚 経 */
	const char *name_ja; /* 内閣官房 ... */
	const char *name_en; /* Cabinet Secretariat ... */
	const char *aliases; /* other spellings, '|' separated */
};

/* The columns s[0..n) takes in a terminal: 2 for East Asian Wide and
 * Fullwidth characters (ICU's East Asian Width property, UAX #11), 0 for
 * combining marks and format characters, 1 for the rest (ambiguous ones
 * included, as most terminals show them). */
int text_width(const char *s, size_t n);
/* Appends s and spaces up to width columns (nothing more if it is wider). */
void text_pad(struct buf *out, const char *s, int width);

int text_ministry_count(void);
const struct text_ministry *text_ministry_at(int idx);
/* Index of the ministry named s[0..n) (abbreviation, full name, code,
 * English name or alias; width-insensitive), or -1. */
int text_ministry_find(const char *s, size_t n);
/* The stable code ("meti") of the ministry named s (as text_ministry_find),
 * or NULL. */
const char *text_ministry_code(const char *s);

#define TEXT_TAG_MAX 8
struct text_tag {
	int n;                        /* ministries in the tag */
	int ministry[TEXT_TAG_MAX];   /* indexes for text_ministry_at() */
	int lead[TEXT_TAG_MAX];       /* 1 where marked ◎ (or ④, its mojibake) */
	size_t start, end;            /* byte span of the tag, brackets included */
};

/*
 * Look for a ministry tag at the end of s[0..n): an opening bracket of
 * 【〔[［ matched by its closer, followed only by white space. Returns
 *   0            and fills *tag when a tag is there;
 *   MD_ENOTFOUND when the text does not end in a bracket that looks like a
 *                ministry list (a note such as [担当省庁については…] is not);
 *   MD_EINPUT    when it looks like a ministry list but a name is unknown
 *                or malformed; err then says which name and why.
 * Line breaks inside the tag are allowed (the plan wraps tags).
 */
int text_tag_trailing(const char *s, size_t n, struct text_tag *tag,
		      struct buf *err);
/* Parse just the inside of a tag ("◎厚、経"). Same returns. */
int text_tag_parse(const char *s, size_t n, struct text_tag *tag,
		   struct buf *err);

#endif
