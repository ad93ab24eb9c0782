/* A follow-up row's text: 実績・状況 (results) and 取組予定 (plans). */
#include <string.h>

#include "../import/import.h"
#include "internal.h"

static int put_text(struct edit *ed, long long id, const char *field,
		    const char *text)
{
	struct store_block *b;
	int n, rc;

	if (!text)
		return 0;
	if (import_text_blocks(text, strlen(text), ed->a, &b, &n))
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	if ((rc = store_blocks_put(ed->st, "followup", id, field, b, n)))
		return edit_store_fail(ed, rc, NULL);
	return 0;
}

int edit_followup_text(struct edit *ed, const struct store_actor *actor,
		       const struct edit_followup *c, struct edit_result *res)
{
	struct store_followup_text f;
	struct edit_target t;
	struct buf what = BUF_INIT;
	const char *results = NULL, *plans = NULL;
	int rc;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	if (c->version == 0 || c->version < EDIT_ANY_VERSION) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_VERSION,
			       "version", "%lld: give the version "
			       "you read (follow-up rows are not created here)",
			       c->version);
		goto out;
	}
	if (!c->results && !c->plans) {
		rc = edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NOTHING,
			       NULL, "nothing to change (give the "
			       "results, the plans or both)");
		goto out;
	}
	if ((c->results && (rc = edit_typed_text(ed, "results", c->results, &results))) ||
	    (c->plans && (rc = edit_typed_text(ed, "plans", c->plans, &plans))) ||
	    (rc = edit_begin(ed)))
		goto out;
	buf_printf(&what, "follow-up row %lld", c->id);
	rc = store_followup_get(ed->st, c->id, ed->a, &f);
	if (rc == MD_ENOTFOUND) {
		/* nothing to authorize against: say no more than that */
		rc = c->version == EDIT_ANY_VERSION ? edit_store_fail(ed, rc, NULL) :
			edit_check_version(ed, what.ptr, c->version, 0, 0);
		goto out;
	}
	if (rc) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	memset(&t, 0, sizeof(t));
	t.op = EDIT_FOLLOWUP_TEXT;
	t.table = "followup";
	t.id = c->id;
	t.version = f.version;
	t.fields = (results ? EDIT_FU_RESULTS : 0) | (plans ? EDIT_FU_PLANS : 0);
	t.year = f.fiscal_year;
	t.ministries = &f.ministries;
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, what.ptr, c->version, 1, f.version)))
		goto out;
	{
		/* a round's year shows its published edition: a change goes
		 * through the round's entry and a new edition */
		struct store_filter rf;
		struct store_round_row *rr;
		int nr;

		memset(&rf, 0, sizeof(rf));
		rf.year = f.fiscal_year;
		if ((rc = store_load_round(ed->st, &rf, ed->a, &rr, &nr))) {
			rc = edit_store_fail(ed, rc, NULL);
			goto out;
		}
		if (nr) {
			rc = edit_fail(ed, MD_EINPUT, NULL, "FY%d's table is its published "
				       "edition: change the round's entry and publish a "
				       "new edition", f.fiscal_year);
			goto out;
		}
	}
	/* what the audit entry keeps of the texts that change (a long one
	 * as its digest) */
	if (results)
		edit_audit_change(ed, &t.before, &t.after, "results", f.results, results);
	if (plans)
		edit_audit_change(ed, &t.before, &t.after, "plans", f.plans, plans);
	/* a field that already says so is not written (nor re-blocked: an
	 * imported cell's blocks came from its HTML) */
	if (results && !strcmp(results, f.results))
		results = NULL;
	if (plans && !strcmp(plans, f.plans))
		plans = NULL;
	if ((rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_followup_text_put(ed->st, c->id, results ? results : f.results,
					  plans ? plans : f.plans))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	if ((rc = put_text(ed, c->id, "results", results)) ||
	    (rc = put_text(ed, c->id, "plans", plans)))
		goto out;
	if ((rc = store_followup_get(ed->st, c->id, ed->a, &f))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	rc = edit_commit(ed, actor, &t, c->id, f.version, res);
out:
	buf_release(&what);
	return edit_end(ed, rc);
}
