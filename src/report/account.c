/*
 * Accounts, sessions and the audit trail for people (text) and
 * spreadsheets (CSV); their JSON is in json.c.
 */
#include <string.h>
#include <time.h>

#include "report.h"

const char *report_iso_time_(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	out[0] = '\0';
	if (t && (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm)))
		out[0] = '\0';
	return out;
}

int report_users(const struct auth_user *u, int n, int json, struct buf *out)
{
	struct buf roles = BUF_INIT, mins = BUF_INIT;
	int i;

	if (json)
		return report_users_json_(u, n, out);
	buf_printf(out, "%-20s %-32s %-16s %-8s %s\n", "NAME", "ROLES", "MINISTRIES", "STATE",
		   "DISPLAY NAME <E-MAIL>");
	for (i = 0; i < n; i++) {
		buf_reset(&roles);
		buf_reset(&mins);
		auth_roles_format(u[i].roles, &roles);
		auth_ministries_format(u[i].ministries, 0, &mins);
		buf_printf(out, "%-20s %-32s %-16s %-8s %s", u[i].name, roles.ptr,
			   mins.len ? mins.ptr : "-", u[i].disabled ? "disabled" : "enabled",
			   u[i].display);
		if (*u[i].email)
			buf_printf(out, "%s<%s>", *u[i].display ? " " : "", u[i].email);
		buf_putc(out, '\n');
	}
	buf_release(&roles);
	buf_release(&mins);
	return buf_error(out);
}

int report_sessions(const struct auth_session *s, int n, int json, struct buf *out)
{
	char t1[32], t2[32], t3[32];
	int i;

	if (json)
		return report_sessions_json_(s, n, out);
	buf_printf(out, "%-6s %-20s %-20s %-20s %-20s %-15s %s\n", "ID", "STATE", "LOGIN",
		   "LAST USE", "ENDS", "ADDRESS", "USER AGENT");
	for (i = 0; i < n; i++) {
		const char *state = s[i].live ? "live" : s[i].revoked ? s[i].revoke_reason : "expired";
		long long ends = s[i].revoked ? s[i].revoked : s[i].idle_expires;

		buf_printf(out, "%-6lld %-20s %-20s %-20s %-20s %-15s %.60s\n", s[i].id,
			   s[i].revoked && !*state ? "ended" : state,
			   report_iso_time_(s[i].created, t1), report_iso_time_(s[i].last_seen, t2),
			   report_iso_time_(ends, t3), *s[i].address ? s[i].address : "-",
			   s[i].user_agent);
	}
	return buf_error(out);
}

/* Lines of a before/after text, indented. */
static void indented(struct buf *out, const char *label, const char *s)
{
	const char *p = s;

	buf_printf(out, "    %s:", label);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		buf_printf(out, " %.*s%s", (int)n, p, nl ? " |" : "");
		p = nl ? nl + 1 : p + n;
	}
	buf_putc(out, '\n');
}

static int audit_text(void *ctx, const struct store_audit_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%6lld %s %-24s %-15s %-18s %s", r->seq, r->time, r->actor,
		   *r->address ? r->address : "-", r->action, r->target);
	if (*r->request_id)
		buf_printf(out, " [%s]", r->request_id);
	buf_putc(out, '\n');
	if (!r->null.before)
		indented(out, "before", r->before);
	if (!r->null.after)
		indented(out, "after", r->after);
	return buf_error(out);
}

static int audit_csv(void *ctx, const struct store_audit_row *r)
{
	struct buf *out = ctx;

	buf_printf(out, "%lld,", r->seq);
	report_csv_field(out, r->time);
	buf_putc(out, ',');
	report_csv_field(out, r->actor);
	buf_putc(out, ',');
	report_csv_field(out, r->address);
	buf_putc(out, ',');
	report_csv_field(out, r->action);
	buf_putc(out, ',');
	report_csv_field(out, r->target);
	buf_putc(out, ',');
	report_csv_field(out, r->null.before ? "" : r->before);
	buf_putc(out, ',');
	report_csv_field(out, r->null.after ? "" : r->after);
	buf_putc(out, ',');
	report_csv_field(out, r->request_id);
	buf_putc(out, ',');
	report_csv_field(out, r->hash);
	buf_puts(out, "\r\n");
	return buf_error(out);
}

int report_audit(struct store *st, const struct store_filter *f,
		 enum report_format fmt, struct buf *out)
{
	int rc;

	switch (fmt) {
	case REPORT_JSON:
		return report_audit_json_(st, f, out);
	case REPORT_CSV:
		buf_puts(out, "\xef\xbb\xbfseq,time,actor,address,action,target,before,after,"
			 "request_id,hash\r\n");
		rc = store_each_audit(st, f, audit_csv, out);
		break;
	default:
		rc = store_each_audit(st, f, audit_text, out);
		break;
	}
	return rc ? rc : buf_error(out);
}
