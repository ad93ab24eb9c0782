/*
 * The ICU half of the text module: normalization and legacy encodings.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "text.h"

/* UTF-8 -> UTF-16 into a malloc'd array. */
static UChar *to_u16(const char *s, size_t n, int32_t *ulen)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t need = 0;
	UChar *u;

	if (n > INT32_MAX / 2)
		return NULL;
	u_strFromUTF8(NULL, 0, &need, s, (int32_t)n, &ec);
	if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
		return NULL;
	u = malloc(((size_t)need + 1) * sizeof(UChar));
	if (!u)
		return NULL;
	ec = U_ZERO_ERROR;
	u_strFromUTF8(u, need + 1, ulen, s, (int32_t)n, &ec);
	if (U_FAILURE(ec)) {
		free(u);
		return NULL;
	}
	return u;
}

static int put_u16(struct buf *out, const UChar *u, int32_t ulen)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t need = 0;
	size_t at = out->len;

	u_strToUTF8(NULL, 0, &need, u, ulen, &ec);
	if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
		return MD_EINPUT;
	/* reserve, then let ICU write in place */
	if (buf_add(out, NULL, 0) || buf_printf(out, "%*s", need, ""))
		return MD_ENOMEM;
	ec = U_ZERO_ERROR;
	u_strToUTF8(out->ptr + at, need + 1, NULL, u, ulen, &ec);
	if (U_FAILURE(ec)) {
		buf_truncate(out, at);
		return MD_EINPUT;
	}
	return 0;
}

int text_normalize(const char *s, size_t n, unsigned flags, struct buf *out)
{
	const UNormalizer2 *nf;
	UErrorCode ec = U_ZERO_ERROR;
	struct buf pre = BUF_INIT, post = BUF_INIT;
	UChar *u = NULL, *v = NULL;
	int32_t ulen = 0, vlen;
	int rc = MD_EINPUT, space = 0, any = 0;
	size_t i;

	/* PUA bullets carry structure, not text: drop them first. */
	for (i = 0; i < n;) {
		int32_t cp = text_utf8_next(s, n, &i);

		if (cp < 0)
			goto out;
		if (!text_is_bullet(cp))
			text_utf8_put(&pre, cp);
	}
	if (buf_error(&pre)) {
		rc = MD_ENOMEM;
		goto out;
	}
	nf = unorm2_getNFKCCasefoldInstance(&ec);
	if (U_FAILURE(ec))
		goto out;
	u = to_u16(pre.ptr, pre.len, &ulen);
	if (!u)
		goto out;
	vlen = unorm2_normalize(nf, u, ulen, NULL, 0, &ec);
	if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
		goto out;
	v = malloc(((size_t)vlen + 1) * sizeof(UChar));
	if (!v) {
		rc = MD_ENOMEM;
		goto out;
	}
	ec = U_ZERO_ERROR;
	unorm2_normalize(nf, u, ulen, v, vlen + 1, &ec);
	if (U_FAILURE(ec))
		goto out;
	if ((rc = put_u16(&post, v, vlen)))
		goto out;
	rc = MD_EINPUT;
	for (i = 0; i < post.len;) {
		int32_t cp = text_utf8_next(post.ptr, post.len, &i);

		if (cp < 0)
			goto out;
		if (text_is_space(cp)) {
			space = 1;
			continue;
		}
		if (space && any && !(flags & TEXT_NORM_NOSPACE))
			buf_putc(out, ' ');
		space = 0;
		any = 1;
		text_utf8_put(out, cp);
	}
	rc = buf_error(out);
out:
	free(u);
	free(v);
	buf_release(&pre);
	buf_release(&post);
	return rc;
}

int text_char_class(int32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return TEXT_CC_WORD;
		return text_is_space(cp) ? TEXT_CC_SPACE : TEXT_CC_OTHER;
	}
	if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) ||
	    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x3099 && cp <= 0x309f) ||
	    (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
	    (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x3005 && cp <= 0x3007) ||
	    cp == 0x303b || (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3131 && cp <= 0x318e))
		return TEXT_CC_CJK;
	if (text_is_space(cp) || u_isUWhiteSpace(cp))
		return TEXT_CC_SPACE;
	if (u_isalnum(cp))
		return TEXT_CC_WORD;
	return TEXT_CC_OTHER;
}

/* The normalized form of one segment (a run with no normalization
 * boundary inside) u[0..ulen), handed to fn code point by code point. */
static int seg_emit(const UNormalizer2 *nf, const UChar *u, int32_t ulen,
		    size_t start, size_t end, text_norm_fn fn, void *ctx)
{
	UErrorCode ec = U_ZERO_ERROR;
	UChar small[64], *v = small;
	int32_t vlen, i = 0;
	int rc = 0;

	vlen = unorm2_normalize(nf, u, ulen, small, (int32_t)MD_ARRAY_SIZE(small), &ec);
	if (ec == U_BUFFER_OVERFLOW_ERROR) {
		v = malloc(((size_t)vlen + 1) * sizeof(UChar));
		if (!v)
			return MD_ENOMEM;
		ec = U_ZERO_ERROR;
		vlen = unorm2_normalize(nf, u, ulen, v, vlen + 1, &ec);
	}
	if (U_FAILURE(ec)) {
		rc = MD_EINPUT;
		goto out;
	}
	while (i < vlen && !rc) {
		UChar32 c;

		U16_NEXT(v, i, vlen, c);
		rc = fn(ctx, c, start, end);
	}
out:
	if (v != small)
		free(v);
	return rc;
}

int text_norm_each(const char *s, size_t n, text_norm_fn fn, void *ctx)
{
	const UNormalizer2 *nf;
	UErrorCode ec = U_ZERO_ERROR;
	UChar seg[128];
	int32_t slen = 0;
	size_t i = 0, sstart = 0, send = 0;
	int rc = 0;

	nf = unorm2_getNFKCCasefoldInstance(&ec);
	if (U_FAILURE(ec))
		return MD_EINPUT;
	while (i < n && !rc) {
		size_t at = i;
		int32_t cp = text_utf8_next(s, n, &i);

		if (cp < 0)
			cp = 0xfffd;
		if (text_is_bullet(cp))
			continue;
		/* a boundary before cp ends the pending segment */
		if (slen && (unorm2_hasBoundaryBefore(nf, cp) ||
			     slen > (int32_t)MD_ARRAY_SIZE(seg) - 2)) {
			rc = seg_emit(nf, seg, slen, sstart, send, fn, ctx);
			slen = 0;
			if (rc)
				break;
		}
		/* fast path: a character normalization leaves alone */
		if (!slen && i < n && cp < 0x80 && (unsigned char)s[i] < 0x80) {
			rc = fn(ctx, (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp, at, i);
			continue;
		}
		/* fast path: kanji, 、。ー and kana not followed by a voicing mark
		 * (U+3099/U+309A) are their own NFKC_CF form */
		if (!slen && ((cp >= 0x4e00 && cp <= 0x9fff) || cp == 0x3001 ||
			      cp == 0x3002 || cp == 0x30fc ||
			      (((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa)) &&
			       !(i + 2 < n && (unsigned char)s[i] == 0xe3 &&
				 (unsigned char)s[i + 1] == 0x82 &&
				 ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x9a))))) {
			rc = fn(ctx, cp, at, i);
			continue;
		}
		/* inert: unchanged, with a boundary before and after */
		if (!slen && unorm2_isInert(nf, cp)) {
			rc = fn(ctx, cp, at, i);
			continue;
		}
		if (!slen)
			sstart = at;
		U16_APPEND_UNSAFE(seg, slen, cp);
		send = i;
	}
	if (!rc && slen)
		rc = seg_emit(nf, seg, slen, sstart, send, fn, ctx);
	return rc;
}

/* Offset -> 1-based line and byte column. */
static void locate(const char *s, size_t off, long *line, long *col)
{
	size_t i, ls = 0;
	long l = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			ls = i + 1;
		}
	}
	*line = l;
	*col = (long)(off - ls) + 1;
}

/* CP932 -> UTF-8, one line at a time so that an error has a line. Bytes
 * 0x0A never occur inside a CP932 character, so splitting is safe. */
static int decode_cp932(const char *s, size_t n, struct buf *out,
			struct text_decoded *info)
{
	UErrorCode ec = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("windows-31j", &ec);
	UChar *u = NULL;
	size_t ls = 0;
	long line = 1;
	int rc = MD_EINPUT;

	if (U_FAILURE(ec))
		return MD_EINPUT;
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &ec);
	if (U_FAILURE(ec))
		goto out;
	while (ls < n) {
		const char *nl = memchr(s + ls, '\n', n - ls);
		size_t le = nl ? (size_t)(nl - s) + 1 : n;
		int32_t cap = (int32_t)(le - ls) * 2 + 2, ul;

		free(u);
		u = malloc((size_t)cap * sizeof(UChar));
		if (!u) {
			rc = MD_ENOMEM;
			goto out;
		}
		ec = U_ZERO_ERROR;
		ucnv_reset(cv);
		ul = ucnv_toUChars(cv, u, cap, s + ls, (int32_t)(le - ls), &ec);
		if (U_FAILURE(ec)) {
			info->err_line = line;
			info->err_col = 1;
			goto out;
		}
		if ((rc = put_u16(out, u, ul)))
			goto out;
		rc = MD_EINPUT;
		ls = le;
		line++;
	}
	rc = 0;
out:
	free(u);
	ucnv_close(cv);
	return rc;
}

int text_decode(const char *data, size_t len, const char *enc,
		struct buf *out, struct text_decoded *info)
{
	struct buf raw = BUF_INIT;
	size_t bad = 0, i;
	int rc, sjis = 0, utf8_seen = 0;

	memset(info, 0, sizeof(*info));
	info->encoding = "UTF-8";
	if (memchr(data, '\0', len)) {
		locate(data, (size_t)((const char *)memchr(data, '\0', len) - data),
		       &info->err_line, &info->err_col);
		return MD_EINPUT;
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
		info->encoding = "UTF-8 (BOM)";
	} else if (enc && (!strcmp(enc, "shift_jis") || !strcmp(enc, "sjis") ||
			   !strcmp(enc, "cp932"))) {
		sjis = 1;
	} else if (!enc || strcmp(enc, "utf-8")) {
		if (enc)
			return MD_EUSAGE;
		if (text_utf8_valid(data, len, &bad)) {
			/* Any well-formed multi-byte sequence before the bad
			 * byte means UTF-8 with damage, not Shift_JIS. */
			for (i = 0; i < bad;) {
				if (text_utf8_next(data, bad, &i) >= 0x80) {
					utf8_seen = 1;
					break;
				}
			}
			sjis = !utf8_seen;
		}
	}
	if (sjis) {
		info->encoding = "Shift_JIS";
		rc = decode_cp932(data, len, &raw, info);
		if (rc)
			goto out;
	} else {
		if (text_utf8_valid(data, len, &bad)) {
			locate(data, bad, &info->err_line, &info->err_col);
			rc = MD_EINPUT;
			goto out;
		}
		buf_add(&raw, data, len);
	}
	/* CRLF (and lone CR) to LF */
	for (i = 0; i < raw.len; i++) {
		if (raw.ptr[i] == '\r') {
			info->crlf = 1;
			buf_putc(out, '\n');
			if (i + 1 < raw.len && raw.ptr[i + 1] == '\n')
				i++;
		} else {
			buf_putc(out, raw.ptr[i]);
		}
	}
	rc = buf_error(out);
out:
	buf_release(&raw);
	return rc;
}

/* ---- display width (UAX #11, East Asian Width) ---- */

int text_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		int32_t c = text_utf8_next(s, n, &i);
		int8_t cat;

		if (c < 0) {          /* a broken byte shows as one U+FFFD */
			w++;
			continue;
		}
		cat = (int8_t)u_charType(c);
		if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
		    cat == U_FORMAT_CHAR || c == 0x200B)
			continue;     /* combining and zero-width: no column */
		switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
		case U_EA_FULLWIDTH:
		case U_EA_WIDE:
			w += 2;
			break;
		default:              /* narrow, half-width, neutral, ambiguous */
			w += 1;
		}
	}
	return w;
}

void text_pad(struct buf *out, const char *s, int width)
{
	int w = text_width(s, strlen(s));

	buf_puts(out, s);
	while (w++ < width)
		buf_putc(out, ' ');
}
