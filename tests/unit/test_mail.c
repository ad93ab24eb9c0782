/*
 * Mail (src/mail): the message mdplan writes (RFC 2047 subject, Date,
 * Message-ID, MIME headers, base64 UTF-8 body), addresses that could
 * inject a header or an SMTP command refused, the reminder's text, and
 * delivery through libcurl to a local SMTP sink (tests/data/smtp-sink.py,
 * on loopback) whose own decoder (Python's email package) must read back
 * the Japanese subject and the entries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "mail/mail.h"

static char dir[] = "/tmp/mdplan-mail-XXXXXX";
static pid_t sink = -1;
static char relay[64];

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waits (up to 20 s, then gives up) for a file the sink writes. */
static int wait_for(const char *name)
{
	struct buf p = BUF_INIT;
	struct stat sb;
	int i, ok = 0;

	buf_printf(&p, "%s/%s", dir, name);
	for (i = 0; i < 400 && !ok; i++) {
		ok = stat(p.ptr, &sb) == 0;
		if (!ok)
			pause_ms(50);
	}
	buf_release(&p);
	return ok;
}

static void slurp(const char *name, struct buf *out)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/%s", dir, name);
	buf_release(out);
	if (file_read(p.ptr, (size_t)1 << 20, out))
		fail_msg("cannot read %s", p.ptr);
	buf_release(&p);
}

static int group_setup(void **state)
{
	const char *top = getenv("top");
	struct buf script = BUF_INIT, port = BUF_INIT;
	int ok;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	buf_printf(&script, "%s/tests/data/smtp-sink.py", top && *top ? top : ".");
	sink = fork();
	if (sink < 0)
		return -1;
	if (sink == 0) {
		execlp("python3", "python3", script.ptr, dir, (char *)NULL);
		_exit(127);
	}
	buf_release(&script);
	ok = wait_for("port");
	if (!ok)
		return -1;
	buf_printf(&script, "%s/port", dir);
	if (file_read(script.ptr, 64, &port))
		return -1;
	snprintf(relay, sizeof(relay), "smtp://127.0.0.1:%s", port.ptr);
	buf_release(&script);
	buf_release(&port);
	return 0;
}

static int group_teardown(void **state)
{
	struct buf cmd = BUF_INIT;

	(void)state;
	if (sink > 0) {
		kill(sink, SIGTERM);
		waitpid(sink, NULL, 0);
	}
	buf_printf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	buf_release(&cmd);
	return 0;
}

static void addresses(void **state)
{
	(void)state;
	assert_true(mail_address_ok("tanaka@example.go.jp"));
	assert_true(mail_address_ok("a.b+round@x"));
	assert_false(mail_address_ok(""));
	assert_false(mail_address_ok("tanaka"));
	assert_false(mail_address_ok("@x"));
	assert_false(mail_address_ok("a@"));
	assert_false(mail_address_ok("a@@x"));
	assert_false(mail_address_ok("a@b@c"));
	assert_false(mail_address_ok("a b@x"));
	assert_false(mail_address_ok("a@x\r\nBcc: e@vil"));
	assert_false(mail_address_ok("a@x>\r\nRCPT TO:<e@vil"));
	assert_false(mail_address_ok("<a@x>"));
	assert_false(mail_address_ok("田中@x"));
	assert_false(mail_address_ok("a@x,b@y"));
}

static const char *const two[] = { "tanaka@example.go.jp", "suzuki@example.go.jp" };

static void message_headers(void **state)
{
	struct mail_msg m;
	struct buf out = BUF_INIT, id = BUF_INIT;
	const char *p, *line;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.from = "mdplan@example.go.jp";
	m.to = two;
	m.nto = 2;
	m.subject = "【医療機器基本計画】令和8年度フォローアップ：提出期限まであと7日（2027-01-31）";
	m.body = "一行目\n二行目\n";
	m.date = 1764622320;     /* 2025-12-01T20:52:00Z, a Monday */
	m.message_id = "<r1@example.go.jp>";
	assert_int_equal(mail_format(&m, &out, &id), 0);
	assert_string_equal(id.ptr, "<r1@example.go.jp>");
	assert_non_null(strstr(out.ptr, "From: mdplan@example.go.jp\r\n"
			       "To: tanaka@example.go.jp,\r\n suzuki@example.go.jp\r\n"
			       "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(out.ptr, "\r\nDate: Mon, 01 Dec 2025 20:52:00 +0000\r\n"
			       "Message-ID: <r1@example.go.jp>\r\nMIME-Version: 1.0\r\n"
			       "Content-Type: text/plain; charset=UTF-8\r\n"
			       "Content-Transfer-Encoding: base64\r\n\r\n"));
	/* 一行目\r\n二行目\r\n in base64 */
	assert_non_null(strstr(out.ptr, "\r\n\r\n5LiA6KGM55uuDQrkuozooYznm64NCg==\r\n"));
	/* no header line over 78 characters; each encoded word at most 75 */
	for (line = out.ptr; (p = strstr(line, "\r\n")); line = p + 2) {
		assert_true(p - line <= 78);
		if (p == line)
			break;
	}
	/* plain ASCII stays readable */
	buf_reset(&out);
	m.subject = "FY2026 reminder";
	m.message_id = NULL;
	buf_reset(&id);
	assert_int_equal(mail_format(&m, &out, &id), 0);
	assert_non_null(strstr(out.ptr, "\r\nSubject: FY2026 reminder\r\n"));
	assert_int_equal(id.ptr[0], '<');
	assert_non_null(strstr(id.ptr, "@example.go.jp>"));
	assert_int_equal(strlen(id.ptr), 1 + 43 + strlen("@example.go.jp>"));
	/* a line break in the subject is no new header */
	buf_reset(&out);
	m.subject = "x\r\nBcc: e@vil";
	assert_int_equal(mail_format(&m, &out, NULL), 0);
	assert_null(strstr(out.ptr, "\r\nBcc:"));
	assert_non_null(strstr(out.ptr, "\r\nSubject: x  Bcc: e@vil\r\n"));
	/* refused: a bad recipient, no recipient, a bad message id */
	{
		static const char *const bad[] = { "a@x\r\nBcc: e@vil" };

		buf_reset(&out);
		m.subject = "s";
		m.to = bad;
		m.nto = 1;
		assert_int_equal(mail_format(&m, &out, NULL), MD_EINPUT);
		m.to = two;
		m.nto = 0;
		assert_int_equal(mail_format(&m, &out, NULL), MD_EINPUT);
		m.nto = 2;
		m.message_id = "<x\r\n>";
		assert_int_equal(mail_format(&m, &out, NULL), MD_EINPUT);
	}
	buf_release(&out);
	buf_release(&id);
}

static const struct mail_entry entries[] = {
	{ 40, "医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成に取り組む。関係学会等が中心となる。",
	  "経済産業省", "draft", "https://mdplan.example.go.jp/rounds/2026/items/40/meti/" },
	{ 41, "スタートアップを支援する。", "経済産業省", "returned",
	  "https://mdplan.example.go.jp/rounds/2026/items/41/meti/" },
};

static void reminder_text(void **state)
{
	struct mail_reminder r = { "田中 太郎", 2026, "2027-01-31", "2027-01-24", entries, 2,
		"https://mdplan.example.go.jp/" };
	struct buf s = BUF_INIT, b = BUF_INIT;
	int left;

	(void)state;
	assert_int_equal(mail_reminder(&r, &s, &b, &left), 0);
	assert_int_equal(left, 7);
	assert_string_equal(s.ptr, "【医療機器基本計画】令和8年度フォローアップ：提出期限まであと7日（2027-01-31）"
			    " / FY2026 follow-up reminder");
	assert_non_null(strstr(b.ptr, "田中 太郎 様\n\n令和8年度（FY2026）フォローアップの提出期限は 2027-01-31 です（あと7日）。\n"
			       "次の2件がまだ提出されていません。\n\n"
			       "・A40 経済産業省（下書き）医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成に取り組む。…\n"
			       "  https://mdplan.example.go.jp/rounds/2026/items/40/meti/\n"
			       "・A41 経済産業省（差戻し）スタートアップを支援する。\n"));
	assert_non_null(strstr(b.ptr, "The FY2026 follow-up is due on 2027-01-31 (in 7 days). 2 entries are not submitted yet:\n"
			       "- A40 経済産業省 (draft) https://mdplan.example.go.jp/rounds/2026/items/40/meti/\n"));
	buf_reset(&s);
	buf_reset(&b);
	r.today = "2027-01-31";
	assert_int_equal(mail_reminder(&r, &s, &b, &left), 0);
	assert_int_equal(left, 0);
	assert_non_null(strstr(s.ptr, "本日が提出期限です（2027-01-31）"));
	buf_reset(&s);
	buf_reset(&b);
	r.today = "2027-02-03";     /* across a month end */
	assert_int_equal(mail_reminder(&r, &s, &b, &left), 0);
	assert_int_equal(left, -3);
	assert_non_null(strstr(s.ptr, "提出期限を3日過ぎています（2027-01-31） / FY2026 follow-up overdue"));
	assert_non_null(strstr(b.ptr, "。期限を3日過ぎています。\n"));
	assert_non_null(strstr(b.ptr, "it is 3 days overdue."));
	r.today = "2028-02-30";
	assert_int_equal(mail_reminder(&r, &s, &b, &left), MD_EINPUT);
	r.today = "2027-1-31";
	assert_int_equal(mail_reminder(&r, &s, &b, &left), MD_EINPUT);
	r.today = "2027-02-03";
	r.n = 0;
	assert_int_equal(mail_reminder(&r, &s, &b, &left), MD_EINPUT);
	buf_release(&s);
	buf_release(&b);
}

/* Text with CR LF as LF. */
static void unix_lines(struct buf *b)
{
	size_t i, o = 0;

	for (i = 0; i < b->len; i++)
		if (!(b->ptr[i] == '\r' && i + 1 < b->len && b->ptr[i + 1] == '\n'))
			b->ptr[o++] = b->ptr[i];
	buf_truncate(b, o);
}

static void reminders_reach_the_sink(void **state)
{
	struct mail_reminder r = { "田中 太郎", 2026, "2027-01-31", "2027-01-24", entries, 2, NULL };
	struct buf s = BUF_INIT, b = BUF_INIT, got = BUF_INIT;
	struct mail_result res;

	(void)state;
	assert_int_equal(mail_reminder(&r, &s, &b, NULL), 0);
	assert_int_equal(mail_send(relay, "mdplan@example.go.jp", two, 2, s.ptr, b.ptr, &res), 0);
	assert_string_equal(res.error, "");
	assert_int_equal(res.message_id[0], '<');
	assert_true(res.sent_at > 0);
	assert_true(wait_for("1.done"));
	slurp("1.subject", &got);
	assert_string_equal(got.ptr, s.ptr);
	slurp("1.body", &got);
	unix_lines(&got);
	assert_string_equal(got.ptr, b.ptr);
	assert_non_null(strstr(got.ptr, "・A40 経済産業省（下書き）"));
	assert_non_null(strstr(got.ptr, "・A41 経済産業省（差戻し）スタートアップを支援する。"));
	slurp("1.env", &got);
	assert_string_equal(got.ptr, "MAIL FROM:<mdplan@example.go.jp>\n"
			    "RCPT TO:<tanaka@example.go.jp>\nRCPT TO:<suzuki@example.go.jp>\n");
	slurp("1.eml", &got);
	assert_non_null(strstr(got.ptr, res.message_id));
	assert_non_null(strstr(got.ptr, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	/* overdue, to one editor */
	buf_reset(&s);
	buf_reset(&b);
	r.today = "2027-02-03";
	r.n = 1;
	assert_int_equal(mail_reminder(&r, &s, &b, NULL), 0);
	assert_int_equal(mail_send(relay, "mdplan@example.go.jp", two, 1, s.ptr, b.ptr, &res), 0);
	assert_true(wait_for("2.done"));
	slurp("2.subject", &got);
	assert_string_equal(got.ptr, "【医療機器基本計画】令和8年度フォローアップ：提出期限を3日過ぎています（2027-01-31）"
			    " / FY2026 follow-up overdue");
	slurp("2.env", &got);
	assert_string_equal(got.ptr, "MAIL FROM:<mdplan@example.go.jp>\nRCPT TO:<tanaka@example.go.jp>\n");
	buf_release(&s);
	buf_release(&b);
	buf_release(&got);
}

static void refusals_and_unreachable_relays(void **state)
{
	struct mail_result res;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	char url[64];
	int fd;
	static const char *const bad[] = { "a@x>\r\nRCPT TO:<e@vil" };

	(void)state;
	assert_int_equal(mail_send("http://127.0.0.1:1/", "a@x", two, 1, "s", "b", &res), MD_EUSAGE);
	assert_string_equal(res.error, "the relay must be an smtp:// or smtps:// URL");
	assert_int_equal(mail_send(relay, "a@x", bad, 1, "s", "b", &res), MD_EINPUT);
	assert_int_equal(mail_send(relay, "a b@x", two, 1, "s", "b", &res), MD_EINPUT);
	/* a port nobody listens on: bound, then closed */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	close(fd);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%u", (unsigned)ntohs(sa.sin_port));
	assert_int_equal(mail_send(url, "a@x", two, 1, "s", "b", &res), MD_EIO);
	assert_true(strlen(res.error) > 0);
	/* nothing of these reached the sink */
	{
		struct buf p = BUF_INIT;
		struct stat sb;

		buf_printf(&p, "%s/3.env", dir);
		assert_int_not_equal(stat(p.ptr, &sb), 0);
		buf_release(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(addresses),
		cmocka_unit_test(message_headers),
		cmocka_unit_test(reminder_text),
		cmocka_unit_test(reminders_reach_the_sink),
		cmocka_unit_test(refusals_and_unreachable_relays),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
