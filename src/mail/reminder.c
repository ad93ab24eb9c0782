/*
 * The round's reminder (mail.h): whom, which entries, the deadline, how
 * many days are left or how many past. Pure text; the caller sends it.
 */
#include <string.h>

#include "../text/text.h"
#include "mail.h"

/* Days since 1970-01-01 of an ISO date (H. Hinnant's days_from_civil). */
static int iso_days(const char *s, long *out)
{
	int y, m, d;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long era, yoe, doy, doe;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return MD_EINPUT;
	{
		char ys[5], ms[3], ds[3];

		memcpy(ys, s, 4);
		ys[4] = 0;
		memcpy(ms, s + 5, 2);
		ms[2] = 0;
		memcpy(ds, s + 8, 2);
		ds[2] = 0;
		if (num_parse_int(ys, 1900, 2200, &y) || num_parse_int(ms, 1, 12, &m) ||
		    num_parse_int(ds, 1, mdays[m - 1], &d))
			return MD_EINPUT;
	}
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return MD_EINPUT;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

int mail_days_between(const char *from, const char *to, int *days)
{
	long a, b;

	if (iso_days(from, &a) || iso_days(to, &b))
		return MD_EINPUT;
	*days = (int)(b - a);
	return 0;
}

static const char *state_ja(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "draft"))
		return "下書き";
	if (!strcmp(s, "returned"))
		return "差戻し";
	if (!strcmp(s, "submitted"))
		return "提出済み";
	if (!strcmp(s, "accepted"))
		return "受理";
	return s;
}

/* At most max characters of s, with … when cut. */
static void shorten(struct buf *b, const char *s, int max)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int n = 0;

	while (*p && n < max) {
		const unsigned char *q = p + 1;

		while ((*q & 0xC0) == 0x80)
			q++;
		if (*p == '\n' || *p == '\r')
			buf_putc(b, ' ');
		else
			buf_add(b, p, (size_t)(q - p));
		p = q;
		n++;
	}
	if (*p)
		buf_puts(b, "…");
}

int mail_reminder(const struct mail_reminder *r, struct buf *subject, struct buf *body,
		  int *days_left)
{
	struct buf fy = BUF_INIT;
	long dl, td;
	int left, i, rc;

	if (!r->n || iso_days(r->deadline, &dl) || iso_days(r->today, &td))
		return MD_EINPUT;
	left = (int)(dl - td);
	if ((rc = text_era_fy_ja(r->fiscal_year, &fy)))
		goto out;
	buf_printf(subject, "【医療機器基本計画】%sフォローアップ：", fy.ptr);
	if (left > 0)
		buf_printf(subject, "提出期限まであと%d日（%s）", left, r->deadline);
	else if (left == 0)
		buf_printf(subject, "本日が提出期限です（%s）", r->deadline);
	else
		buf_printf(subject, "提出期限を%d日過ぎています（%s）", -left, r->deadline);
	buf_printf(subject, " / FY%d follow-up %s", r->fiscal_year,
		   left > 0 ? "reminder" : left == 0 ? "due today" : "overdue");

	if (r->to_name && *r->to_name)
		buf_printf(body, "%s 様\n\n", r->to_name);
	buf_printf(body, "%s（FY%d）フォローアップの提出期限は %s です", fy.ptr,
		   r->fiscal_year, r->deadline);
	if (left > 0)
		buf_printf(body, "（あと%d日）。\n", left);
	else if (left == 0)
		buf_puts(body, "（本日）。\n");
	else
		buf_printf(body, "。期限を%d日過ぎています。\n", -left);
	buf_printf(body, "次の%d件がまだ提出されていません。\n\n", r->n);
	for (i = 0; i < r->n; i++) {
		const struct mail_entry *e = &r->e[i];

		buf_printf(body, "・A%lld %s（%s）", e->item_no, e->ministry ? e->ministry : "",
			   state_ja(e->state));
		shorten(body, e->item, 40);
		buf_putc(body, '\n');
		if (e->url && *e->url)
			buf_printf(body, "  %s\n", e->url);
	}
	buf_puts(body, "\nmdplan にログインし、各項目の「提出」から提出してください。\n");
	if (r->site && *r->site)
		buf_printf(body, "%s\n", r->site);
	buf_puts(body, "\n-- \n");
	buf_printf(body, "The FY%d follow-up is due on %s", r->fiscal_year, r->deadline);
	if (left > 0)
		buf_printf(body, " (in %d day%s).", left, left == 1 ? "" : "s");
	else if (left == 0)
		buf_puts(body, " (today).");
	else
		buf_printf(body, "; it is %d day%s overdue.", -left, left == -1 ? "" : "s");
	buf_printf(body, " %d entr%s not submitted yet:\n", r->n, r->n == 1 ? "y is" : "ies are");
	for (i = 0; i < r->n; i++)
		buf_printf(body, "- A%lld %s (%s)%s%s\n", r->e[i].item_no,
			   r->e[i].ministry ? r->e[i].ministry : "",
			   r->e[i].state ? r->e[i].state : "",
			   r->e[i].url && *r->e[i].url ? " " : "",
			   r->e[i].url ? r->e[i].url : "");
	if (days_left)
		*days_left = left;
	rc = buf_error(subject) ? MD_ENOMEM : buf_error(body) ? MD_ENOMEM : 0;
out:
	buf_release(&fy);
	return rc;
}
