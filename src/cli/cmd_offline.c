/*
 * mdplan round download|upload: the offline path from the command line.
 * download writes a ministry's workbook (report_round_book_load() and
 * report_round_xlsx()) once src/edit has authorized and audited it;
 * upload prints what the workbook proposes (import_round_preview()) and,
 * without --dry-run, applies it through edit_round_upload(): one
 * transaction of saves as the --as user, conflicts and refused rows left
 * alone and reported (with --strict they block the whole upload).
 */
#include <string.h>

#include "../crypto/crypto.h"
#include "../edit/edit.h"
#include "../text/text.h"
#include "cli.h"

static int failed(struct edit *ed, const char *what, int rc)
{
	const char *f = edit_errfield(ed);

	fprintf(stderr, "mdplan round %s: %s%s%s\n", what, f && strcmp(f, "file") ? f : "",
		f && strcmp(f, "file") ? ": " : "", edit_errmsg(ed));
	return rc == MD_EFORBIDDEN ? EXIT_INPUT : cli_exit_code(rc);
}

int cli_round_download(struct cli *c, const struct cmd *self, int year,
		       const char *ministry, const char *outfile,
		       const struct store_actor *actor, struct edit *ed)
{
	struct arena *a;
	struct report_round_book b;
	struct buf out = BUF_INIT, sha = BUF_INIT;
	struct edit_result res;
	int rc;

	if (!ministry || !outfile || !strcmp(outfile, "-"))
		return cli_usage_error(self, "round download YEAR --ministry 経 -o FILE.xlsx");
	if (!(a = arena_new()))
		return cli_fail(c, "round download", MD_ENOMEM);
	rc = report_round_book_load(c->st, year, ministry, a, &b);
	if (rc == MD_ENOTFOUND) {
		fprintf(stderr, "mdplan round download: there is no FY%d round\n", year);
		rc = EXIT_INPUT;
		goto out;
	}
	if (rc || (rc = report_round_xlsx(&b, &out)) ||
	    (rc = crypto_sha256_hex(out.ptr, out.len, &sha))) {
		rc = cli_fail(c, "round download", rc);
		goto out;
	}
	if ((rc = edit_round_download(ed, actor, year, ministry, b.n, sha.ptr, &res))) {
		rc = failed(ed, "download", rc);
		goto out;
	}
	if ((rc = cli_run_report(c, "round download", 0, &out, outfile)) == EXIT_OK)
		fprintf(stderr, "%s: %d entries of %s, FY%d\n", outfile, b.n,
			b.ministry_name, year);
out:
	buf_release(&out);
	buf_release(&sha);
	arena_free(a);
	return rc;
}

int cli_round_upload(struct cli *c, int year, const char *file, const char *ministry,
		     int dry_run, int strict, const struct store_actor *actor,
		     struct edit *ed)
{
	struct arena *a;
	struct buf data = BUF_INIT, pv = BUF_INIT;
	struct edit_upload u;
	struct edit_upload_result res;
	int rc;

	if (file_read(file, IMPORT_ROUND_MAX_FILE, &data)) {
		fprintf(stderr, "mdplan round upload: cannot read %s (or it is over %zu bytes)\n",
			file, IMPORT_ROUND_MAX_FILE);
		buf_release(&data);
		return EXIT_INPUT;
	}
	if (!(a = arena_new())) {
		buf_release(&data);
		return cli_fail(c, "round upload", MD_ENOMEM);
	}
	memset(&u, 0, sizeof(u));
	u.year = year;
	u.ministry = ministry;
	u.name = file;
	u.data = data.ptr;
	u.len = data.len;
	u.apply = !dry_run;
	u.strict = strict;
	if ((rc = edit_round_upload(ed, actor, &u, a, &res))) {
		rc = failed(ed, "upload", rc);
		goto out;
	}
	if (import_round_preview(&res.plan, &pv)) {
		rc = cli_fail(c, "round upload", MD_ENOMEM);
		goto out;
	}
	if (dry_run)
		buf_printf(&pv, "dry run: nothing written (proposal %s)\n", res.digest);
	else if (res.blocked)
		buf_printf(&pv, "--strict: %ld conflicts and %ld refused rows; nothing written\n",
			   res.plan.conflicts, res.plan.refused);
	else
		buf_printf(&pv, "saved %d entr%s as %s; conflicts and refused rows were not "
			   "written\n", res.applied, res.applied == 1 ? "y" : "ies", actor->name);
	rc = cli_write(&pv);
	if (rc == EXIT_OK && res.blocked)
		rc = EXIT_CONFLICT;
out:
	buf_release(&pv);
	buf_release(&data);
	arena_free(a);
	return rc;
}

static const char *status_word(enum edit_remind_status s)
{
	switch (s) {
	case EDIT_REMIND_SENT: return "sent";
	case EDIT_REMIND_FAILED: return "failed";
	case EDIT_REMIND_DONE_BEFORE: return "sent before";
	case EDIT_REMIND_DRY_RUN: return "dry run";
	}
	return "";
}

int cli_round_remind(struct cli *c, const struct cli_remind *o,
		     const struct store_actor *actor, struct edit *ed)
{
	struct arena *a = arena_new();
	struct edit_remind r;
	struct edit_remind_result res;
	struct buf out = BUF_INIT, why = BUF_INIT;
	int days[EDIT_REMIND_DAYS_MAX], i, rc;

	if (!a)
		return cli_fail(c, "round remind", MD_ENOMEM);
	memset(&r, 0, sizeof(r));
	r.year = o->year;
	r.today = o->today;
	/* the default for a round without days of its own */
	r.ndays = edit_remind_days(o->days ? o->days : "14,7,1", days, EDIT_REMIND_DAYS_MAX, &why);
	r.days = days;
	r.relay = o->smtp;
	r.from = o->from;
	r.site = o->site;
	r.dry_run = o->dry_run;
	r.retry = 3600;
	if (r.ndays < 0) {
		arena_free(a);
		fprintf(stderr, "mdplan round remind: --remind-days %s\n", why.ptr);
		buf_release(&why);
		return EXIT_USAGE;
	}
	if ((rc = edit_round_remind(ed, actor, &r, a, &res))) {
		arena_free(a);
		return failed(ed, "remind", rc);
	}
	if (!res.step)
		buf_printf(&out, "FY%d: %s, %d days to the deadline: no reminder due", o->year,
			   res.today, res.left);
	else
		buf_printf(&out, "FY%d: %s, step %s: %d sent, %d failed, %d sent before",
			   o->year, res.today, res.step, res.sent, res.failed, res.skipped);
	buf_printf(&out, " (days %s: %s)\n", res.days ? res.days : "",
		   res.round_days ? "the round's" : o->days ? "--remind-days" : "the default");
	for (i = 0; i < res.n; i++) {
		const struct edit_remind_msg *m = &res.msg[i];

		buf_printf(&out, "%s\t%s\t%s\t%s%s%s\n", m->account, m->address, m->entries,
			   status_word(m->status), m->error && *m->error ? ": " : "",
			   m->error ? m->error : "");
	}
	rc = cli_write(&out);
	buf_release(&out);
	arena_free(a);
	return rc == EXIT_OK && res.failed ? EXIT_INPUT : rc;
}
