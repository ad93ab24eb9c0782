/*
 * The message and its delivery (mail.h). libcurl speaks SMTP; this file
 * writes the RFC 5322 / MIME text it uploads and checks everything that
 * goes into a header or an SMTP command first.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>

#include "../crypto/crypto.h"
#include "mail.h"

int mail_address_ok(const char *s)
{
	const char *at = NULL, *p;

	if (!s || !*s || strlen(s) > 254)
		return 0;
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c >= 0x7f || strchr("<>()[],;:\"\\", c))
			return 0;
		if (c == '@') {
			if (at)
				return 0;
			at = p;
		}
	}
	return at && at > s && at[1] && at[1] != '.' && p[-1] != '.';
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(struct buf *out, const unsigned char *p, size_t n, size_t wrap)
{
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		char q[4];

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		if (wrap && col + 4 > wrap) {
			buf_puts(out, "\r\n");
			col = 0;
		}
		buf_add(out, q, 4);
		col += 4;
	}
}

/* A header value as one line: CR, LF and other controls become spaces. */
static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* Subject: as written when it is short printable ASCII, else RFC 2047
 * encoded words (=?UTF-8?B?...?=) of whole UTF-8 characters, at most 39
 * bytes each (64 characters a word), folded onto continuation lines. */
static void subject(struct buf *out, const char *s)
{
	struct buf clean = BUF_INIT;
	const char *p;
	size_t i, n;

	for (p = s; *p; p++)
		buf_putc(&clean, (unsigned char)*p < ' ' || *p == 0x7f ? ' ' : *p);
	buf_puts(out, "Subject: ");
	if (plain_ascii(clean.ptr) && clean.len <= 68 && !strstr(clean.ptr, "=?")) {
		buf_puts(out, clean.ptr);
		buf_puts(out, "\r\n");
		buf_release(&clean);
		return;
	}
	for (i = 0; i < clean.len; i += n) {
		n = clean.len - i < 39 ? clean.len - i : 39;
		/* never cut a character: back up to the start of one */
		while (n < clean.len - i && n > 1 &&
		       ((unsigned char)clean.ptr[i + n] & 0xC0) == 0x80)
			n--;
		if (i)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		base64(out, (const unsigned char *)clean.ptr + i, n, 0);
		buf_puts(out, "?=");
	}
	buf_puts(out, "\r\n");
	buf_release(&clean);
}

static void rfc5322_date(struct buf *out, long long t)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		buf_puts(out, "Thu, 01 Jan 1970 00:00:00 +0000");
		return;
	}
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", day[tm.tm_wday],
		   tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
}

static int message_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 5 && n < 190 && s[0] == '<' && s[n - 1] == '>' && plain_ascii(s) &&
	       !strchr(s, ' ') && strchr(s, '@');
}

int mail_format(const struct mail_msg *m, struct buf *out, struct buf *id)
{
	struct buf body = BUF_INIT, mid = BUF_INIT;
	const char *p;
	int i, rc = MD_EINPUT;

	if (!mail_address_ok(m->from) || m->nto < 1 || !m->subject || !m->body)
		goto out;
	for (i = 0; i < m->nto; i++)
		if (!mail_address_ok(m->to[i]))
			goto out;
	if (m->message_id) {
		if (!message_id_ok(m->message_id))
			goto out;
		buf_puts(&mid, m->message_id);
	} else {
		buf_putc(&mid, '<');
		if ((rc = crypto_token_new(&mid)))
			goto out;
		buf_printf(&mid, "@%s>", strchr(m->from, '@') + 1);
	}
	buf_printf(out, "From: %s\r\nTo: ", m->from);
	for (i = 0; i < m->nto; i++)
		buf_printf(out, "%s%s", i ? ",\r\n " : "", m->to[i]);
	buf_puts(out, "\r\n");
	subject(out, m->subject);
	buf_puts(out, "Date: ");
	rfc5322_date(out, m->date ? m->date : (long long)time(NULL));
	buf_printf(out, "\r\nMessage-ID: %s\r\n", mid.ptr);
	buf_puts(out, "MIME-Version: 1.0\r\n"
		 "Content-Type: text/plain; charset=UTF-8\r\n"
		 "Content-Transfer-Encoding: base64\r\n\r\n");
	/* the body with CRLF line ends, in base64 lines of 76 */
	for (p = m->body; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n' || *p == '\r')
			buf_puts(&body, "\r\n");
		else
			buf_putc(&body, *p);
	}
	base64(out, (const unsigned char *)body.ptr, body.len, 76);
	buf_puts(out, "\r\n");
	if (id)
		buf_puts(id, mid.ptr);
	rc = buf_error(out) ? MD_ENOMEM : buf_error(&body) ? MD_ENOMEM : 0;
out:
	buf_release(&body);
	buf_release(&mid);
	return rc;
}

/* ---- delivery ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static void say(struct mail_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say(struct mail_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->error, sizeof(res->error), fmt, ap);
	va_end(ap);
}

int mail_send_msg(const char *relay, const struct mail_msg *m, struct mail_result *res)
{
	struct buf text = BUF_INIT, id = BUF_INIT, addr = BUF_INIT;
	struct curl_slist *rcpt = NULL, *nl;
	struct mail_msg mm = *m;
	struct upload u;
	char ebuf[CURL_ERROR_SIZE];
	CURL *c = NULL;
	CURLcode cc;
	int i, rc;

	memset(res, 0, sizeof(*res));
	if (!relay || (strncmp(relay, "smtp://", 7) && strncmp(relay, "smtps://", 8))) {
		say(res, "the relay must be an smtp:// or smtps:// URL");
		return MD_EUSAGE;
	}
	if (!mm.date)
		mm.date = (long long)time(NULL);
	if ((rc = mail_format(&mm, &text, &id))) {
		say(res, "%s", rc == MD_EINPUT ? "a bad address, message id or no recipient" :
		    md_strerror(rc));
		goto out;
	}
	snprintf(res->message_id, sizeof(res->message_id), "%s", id.ptr);
	res->sent_at = mm.date;
	pthread_once(&curl_once, curl_init);
	rc = MD_EIO;
	if (curl_init_rc != CURLE_OK || !(c = curl_easy_init())) {
		say(res, "libcurl cannot start");
		goto out;
	}
	for (i = 0; i < mm.nto; i++) {
		buf_reset(&addr);
		buf_printf(&addr, "<%s>", mm.to[i]);
		if (buf_error(&addr) || !(nl = curl_slist_append(rcpt, addr.ptr))) {
			rc = MD_ENOMEM;
			goto out;
		}
		rcpt = nl;
	}
	buf_reset(&addr);
	buf_printf(&addr, "<%s>", mm.from);
	u.p = text.ptr;
	u.left = text.len;
	ebuf[0] = 0;
	curl_easy_setopt(c, CURLOPT_URL, relay);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr.ptr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	cc = curl_easy_perform(c);
	if (cc != CURLE_OK) {
		long code = 0;

		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code)
			say(res, "the relay refused the message (SMTP %ld): %s", code,
			    *ebuf ? ebuf : curl_easy_strerror(cc));
		else
			say(res, "%s", *ebuf ? ebuf : curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	if (c)
		curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	buf_release(&text);
	buf_release(&id);
	buf_release(&addr);
	return rc;
}

int mail_send(const char *relay, const char *from, const char *const *to, int nto,
	      const char *subj, const char *body, struct mail_result *res)
{
	struct mail_msg m;

	memset(&m, 0, sizeof(m));
	m.from = from;
	m.to = to;
	m.nto = nto;
	m.subject = subj;
	m.body = body;
	return mail_send_msg(relay, &m, res);
}
