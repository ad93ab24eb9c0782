/* Programme links: a programme (事業) serves a measure or an action item. */
#include <string.h>

#include "internal.h"

/* The stored link of code to measure or item: its id, version, status. */
static int stored_link(struct edit *ed, const char *code, int measure, int item,
		       long long *id, long long *version, const char **sentence)
{
	struct store_filter f = { 0 };
	struct store_plink_row *l = NULL;
	int n = 0, i, rc;

	f.code = code;
	if ((rc = store_load_plink(ed->st, &f, ed->a, &l, &n)))
		return rc;
	for (i = 0; i < n; i++) {
		if ((measure && !l[i].null.measure_no && l[i].measure_no == measure) ||
		    (item && !l[i].null.item_no && l[i].item_no == item)) {
			*id = l[i].id;
			*version = l[i].version;
			*sentence = l[i].sentence;
			return 0;
		}
	}
	return MD_ENOTFOUND;
}

int edit_programme_link(struct edit *ed, const struct store_actor *actor,
			const struct edit_plink *c, struct edit_result *res)
{
	static const char *const statuses[] = { "confirmed", "rejected", "suggested" };
	struct edit_target t;
	struct buf what = BUF_INIT;
	const char *sentence = "";
	long long prog, id = 0, version = 0;
	size_t k;
	int rc, exists;

	if ((rc = edit_start(ed, actor, res)))
		return rc;
	for (k = 0; k < MD_ARRAY_SIZE(statuses) && c->status &&
	     strcmp(c->status, statuses[k]); k++)
		;
	if (k == MD_ARRAY_SIZE(statuses)) {
		rc = edit_fail(ed, MD_EINPUT, "status", "expected confirmed, rejected "
			       "or suggested");
		goto out;
	}
	if (!c->measure == !c->item) {
		rc = edit_fail(ed, MD_EINPUT, "measure", "give a measure or an action "
			       "item (one of them)");
		goto out;
	}
	/* the sentence is the follow-up table's (programme suggest), as imported */
	if (c->sentence && (rc = edit_check_text(ed, "sentence", c->sentence, 4000,
						 EDIT_TEXT_MULTILINE | EDIT_TEXT_QUOTED)))
		goto out;
	if ((rc = edit_begin(ed)))
		goto out;
	if ((rc = store_programme_find(ed->st, c->code, &prog))) {
		rc = edit_store_fail(ed, rc, "code");
		goto out;
	}
	rc = stored_link(ed, c->code, c->measure, c->item, &id, &version, &sentence);
	if (rc && rc != MD_ENOTFOUND) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	exists = !rc;
	memset(&t, 0, sizeof(t));
	t.op = EDIT_PROGRAMME_LINK;
	t.table = "programme_link";
	t.id = id;
	t.version = version;
	t.code = c->code;
	buf_printf(&what, "the link of %s to %s%d", c->code, c->measure ? "M" : "A",
		   c->measure ? c->measure : c->item);
	if ((rc = edit_authorize(ed, actor, &t)) ||
	    (rc = edit_check_version(ed, what.ptr, c->version, exists, version)) ||
	    (rc = edit_run(ed, actor)))
		goto out;
	if ((rc = store_plink_put(ed->st, prog, c->measure, c->item, c->status,
				  c->followup, c->sentence ? c->sentence : sentence))) {
		rc = edit_store_fail(ed, rc, c->measure ? "measure" : "item");
		goto out;
	}
	if ((rc = stored_link(ed, c->code, c->measure, c->item, &id, &version, &sentence))) {
		rc = edit_store_fail(ed, rc, NULL);
		goto out;
	}
	rc = edit_commit(ed, actor, &t, id, version, res);
out:
	buf_release(&what);
	return edit_end(ed, rc);
}
