#ifndef MD_MAIL_H
#define MD_MAIL_H
/*
 * mail: e-mail through an SMTP relay, and the round's reminders.
 *
 * libcurl (its SMTP support) is used here and nowhere else: mdplan has no
 * mail protocol code of its own. mail_send() hands one message to the
 * relay (smtp://host:port or smtps://host:port, STARTTLS when the relay
 * offers it); mail_format() is the message it sends — headers From, To,
 * Subject (RFC 2047 encoded words, UTF-8, when not plain ASCII), Date (RFC
 * 5322, UTC), Message-ID, MIME-Version, Content-Type text/plain; charset=
 * UTF-8, Content-Transfer-Encoding base64 — and the body (UTF-8, CRLF) in
 * base64. Addresses are plain addr-specs (user@example.go.jp); anything
 * else, a line break in a header above all, is refused, so no caller can
 * inject a header or an SMTP command.
 *
 * mail_reminder() composes a reminder (to whom, which entries, the
 * deadline, days left or overdue) in Japanese with an English part; the
 * caller (the round) sends it and records what mail_send() reports.
 *
 * Owns nothing between calls. May call: base, text (era years), crypto
 * (random message ids). Called by: edit, cli, web.
 */
#include "../base/base.h"

struct mail_msg {
	const char *from;            /* addr-spec */
	const char *const *to;       /* addr-specs, at least one */
	int nto;
	const char *subject;         /* UTF-8, one line */
	const char *body;            /* UTF-8, LF or CRLF line ends */
	long long date;              /* Unix seconds for Date; 0: now */
	const char *message_id;      /* "<id@host>"; NULL: a new random one
	                                at the domain of from */
};

/* 1 when s is an addr-spec mdplan sends to: local@domain, printable
 * ASCII without spaces, quotes, brackets, commas, semicolons, colons or
 * backslashes, at most 254 bytes. */
int mail_address_ok(const char *s);

/* The message as sent (CRLF line ends), appended to out; the Message-ID
 * used is appended to id (may be NULL). MD_EINPUT for a bad address or
 * an empty recipient list. */
int mail_format(const struct mail_msg *m, struct buf *out, struct buf *id);

/* What a send did: for the caller's record. */
struct mail_result {
	char message_id[200];        /* "<...>" */
	long long sent_at;           /* Unix seconds of the Date header */
	char error[512];             /* "" on success */
};

/* Sends m through relay (smtp:// or smtps:// URL; another scheme is
 * MD_EUSAGE). MD_EIO when the relay cannot be reached or refuses the
 * message (res->error says what libcurl or the relay said); MD_EINPUT as
 * mail_format(). res is filled either way. */
int mail_send_msg(const char *relay, const struct mail_msg *m, struct mail_result *res);
/* The same with the message's parts as arguments. */
int mail_send(const char *relay, const char *from, const char *const *to, int nto,
	      const char *subject, const char *body, struct mail_result *res);

/* ---- reminders ---- */

struct mail_entry {
	long long item_no;           /* A40 = 40 */
	const char *item;            /* the action item's text (shortened in the mail) */
	const char *ministry;        /* as shown: 経済産業省 */
	const char *state;           /* draft, returned, ... (shown in Japanese) */
	const char *url;             /* the entry's page, or NULL */
};

struct mail_reminder {
	const char *to_name;         /* 田中 太郎 (NULL: none) */
	int fiscal_year;             /* the round's */
	const char *deadline;        /* YYYY-MM-DD */
	const char *today;           /* YYYY-MM-DD, the day the mail goes out */
	const struct mail_entry *e;  /* the entries not submitted */
	int n;
	const char *site;            /* the site's address for the closing line, or NULL */
};

/* Subject and body of the reminder (appended). *days_left gets the days
 * until the deadline (0: today, negative: overdue by that many; may be
 * NULL). MD_EINPUT for a malformed date or no entries. */
int mail_reminder(const struct mail_reminder *r, struct buf *subject, struct buf *body,
		  int *days_left);
/* Days from the ISO date from to the ISO date to (negative when to is
 * earlier); MD_EINPUT for a malformed date. */
int mail_days_between(const char *from, const char *to, int *days);

#endif
