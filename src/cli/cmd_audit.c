/*
 * mdplan audit: the audit trail (who did what, when, from where) and the
 * check of its hash chain.
 */
#include <string.h>

#include "cli.h"

static int verify(struct cli *c)
{
	struct store_audit_check r;
	struct buf why = BUF_INIT;
	int rc = store_audit_verify(c->st, &r, &why);

	if (rc) {
		buf_release(&why);
		return cli_fail(c, "audit verify", rc);
	}
	if (r.bad) {
		fprintf(stderr, "mdplan audit verify: the trail is broken at entry %lld: %s\n",
			r.bad, why.ptr);
		printf("BROKEN at entry %lld (%lld entries read)\n", r.bad, r.entries);
		rc = EXIT_INPUT;
	} else {
		printf("intact: %lld entries, head %s\n", r.entries,
		       r.entries ? r.head : "(empty)");
	}
	buf_release(&why);
	return rc;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("audit");
	struct store_filter f;
	struct buf out = BUF_INIT;
	enum report_format fmt = REPORT_TEXT;
	const char *v, *outfile = NULL;
	int i, m;

	if (argc >= 2 && !strcmp(argv[1], "verify")) {
		if (argc > 2)
			return cli_usage_error(self, "verify takes no arguments");
		return verify(c);
	}
	memset(&f, 0, sizeof(f));
	for (i = 1; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--since", &v))) {
			if (m < 0 || !store_audit_time_ok(v))
				return cli_usage_error(self, "--since takes 2025-06-01 or"
						       " 2025-06-01T09:00:00Z (UTC)");
			f.since = v;
		} else if ((m = cli_opt(argc, argv, &i, "--until", &v))) {
			if (m < 0 || !store_audit_time_ok(v))
				return cli_usage_error(self, "--until takes 2025-06-30 or"
						       " 2025-06-30T18:00:00Z (UTC)");
			f.until = v;
		} else if ((m = cli_opt(argc, argv, &i, "--user", &v))) {
			if (m < 0 || !*v)
				return cli_usage_error(self, "--user needs a user name");
			f.name = v;
		} else if ((m = cli_opt(argc, argv, &i, "--action", &v))) {
			if (m < 0 || !*v)
				return cli_usage_error(self, "--action needs an action (login,"
						       " login.fail, user.add, ...)");
			f.action = v;
		} else if ((m = cli_opt(argc, argv, &i, "-o", &v))) {
			if (m < 0)
				return cli_usage_error(self, "-o needs a file name");
			outfile = v;
		} else if (!strcmp(argv[i], "--json")) {
			fmt = REPORT_JSON;
		} else if (!strcmp(argv[i], "--csv")) {
			fmt = REPORT_CSV;
		} else {
			return cli_usage_error(self, "unexpected argument '%s'", argv[i]);
		}
	}
	return cli_run_report(c, "audit", report_audit(c->st, &f, fmt, &out), &out, outfile);
}
