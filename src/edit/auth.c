/*
 * The accounts' policy in edit's hooks (src/auth): authorize() asks
 * auth_authorize_actor() with the action the change needs, record()
 * appends the change to the audit trail inside the edit's transaction.
 */
#include <stdio.h>
#include <string.h>

#include "../auth/auth.h"
#include "internal.h"

static enum auth_action action_of(enum edit_op op)
{
	switch (op) {
	case EDIT_FOLLOWUP_TEXT:
	case EDIT_ROUND_DOWNLOAD: case EDIT_ROUND_UPLOAD:
		return AUTH_EDIT_FOLLOWUP;
	case EDIT_ENTRY_SAVE: return AUTH_EDIT_ENTRY;
	case EDIT_ENTRY_SUBMIT: return AUTH_SUBMIT_FOLLOWUP;
	case EDIT_ENTRY_RETURN: return AUTH_RETURN_FOLLOWUP;
	case EDIT_ENTRY_ACCEPT: return AUTH_ACCEPT_FOLLOWUP;
	case EDIT_ENTRY_COMMENT: return AUTH_COMMENT;
	case EDIT_ROUND_PUBLISH: return AUTH_PUBLISH;
	case EDIT_ROUND_OPEN: case EDIT_ROUND_CLOSE: case EDIT_ROUND_REOPEN:
	case EDIT_ROUND_REMIND: case EDIT_ROUND_REMIND_DAYS:
		return AUTH_MANAGE_ROUND;
	default: return AUTH_EDIT_INDICATOR;
	}
}

static int authorize(void *ctx, const struct store_actor *actor,
		     const struct edit_target *t, struct buf *why)
{
	struct edit_auth *ea = ctx;
	struct auth_target at = { t->ministries, NULL };
	struct buf text = BUF_INIT;
	int rc;

	if (store_actor_format(actor, &text)) {
		buf_puts(why, "no valid actor");
		rc = MD_EFORBIDDEN;
	} else {
		rc = auth_authorize_actor(ea->auth, text.ptr, action_of(t->op), &at, why);
	}
	buf_release(&text);
	return rc;
}

static int record(void *ctx, struct store *st, const struct store_actor *actor,
		  const struct edit_target *t, long long new_version)
{
	struct edit_auth *ea = ctx;
	struct buf who = BUF_INIT, target = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
	struct auth_ctx c;
	int rc;

	(void)st;   /* the same connection as ea->auth's */
	memset(&c, 0, sizeof(c));
	store_actor_format(actor, &who);
	c.actor = who.ptr;
	c.address = ea->address;
	c.request_id = ea->request_id;
	if (t->ref)
		buf_puts(&target, t->ref);
	else if (t->code)
		buf_printf(&target, "indicator:%s", t->code);
	else
		buf_printf(&target, "%s:%lld", t->table, t->id);
	if (t->op == EDIT_IVALUE_SET || t->op == EDIT_IVALUE_CLEAR)
		buf_printf(&target, " year:%d", t->year);
	if (t->version)
		buf_printf(&before, "version=%lld", t->version);
	buf_printf(&after, "version=%lld", new_version);
	if (t->op == EDIT_FOLLOWUP_TEXT)
		buf_printf(&after, "\nfields=%s%s%s", t->fields & EDIT_FU_RESULTS ? "results" : "",
			   (t->fields & EDIT_FU_RESULTS) && (t->fields & EDIT_FU_PLANS) ? "," : "",
			   t->fields & EDIT_FU_PLANS ? "plans" : "");
	if (t->detail)
		buf_printf(&after, "\n%s", t->detail);
	if (t->before)
		buf_printf(&before, "%s%s", before.len ? "\n" : "", t->before);
	if (t->after)
		buf_printf(&after, "\n%s", t->after);
	rc = buf_error(&who) || buf_error(&target) || buf_error(&before) || buf_error(&after) ?
		MD_ENOMEM : auth_audit(ea->auth, &c, edit_op_name(t->op), target.ptr,
				       before.len ? before.ptr : NULL, after.ptr);
	buf_release(&who);
	buf_release(&target);
	buf_release(&before);
	buf_release(&after);
	return rc;
}

void edit_policy_auth(struct edit_policy *p, struct edit_auth *ea)
{
	p->authorize = authorize;
	p->record = record;
	p->ctx = ea;
}
