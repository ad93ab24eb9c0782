/*
 * The authorization policy: who may do what (auth.h, "authorization").
 * One table says which roles may take each action; the scoped actions add
 * the target's ministries or account.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum scope {
	ANY,          /* the role is enough */
	MINISTRY,     /* editor: one of the target's ministries */
	LEAD,         /* editor: the target's lead ministry */
	SELF          /* the account acted on is the user's own */
};

static const struct {
	const char *name;
	unsigned roles;      /* roles that may, whatever the target */
	unsigned scoped;     /* roles that may within their scope */
	enum scope scope;
} actions[AUTH_ACTION_COUNT_] = {
	[AUTH_READ_PUBLIC] = { "read.public", 0, 0, ANY },
	[AUTH_READ_DRAFTS] = { "read.drafts", AUTH_SECRETARIAT | AUTH_REVIEWER, AUTH_EDITOR, MINISTRY },
	[AUTH_EDIT_INDICATOR] = { "indicator.edit", AUTH_SECRETARIAT, 0, ANY },
	[AUTH_EDIT_FOLLOWUP] = { "followup.edit", AUTH_SECRETARIAT, AUTH_EDITOR, MINISTRY },
	[AUTH_SUBMIT_FOLLOWUP] = { "followup.submit", 0, AUTH_EDITOR, LEAD },
	[AUTH_ACCEPT_FOLLOWUP] = { "followup.accept", AUTH_SECRETARIAT, 0, ANY },
	[AUTH_RETURN_FOLLOWUP] = { "followup.return", AUTH_SECRETARIAT, 0, ANY },
	[AUTH_COMMENT] = { "comment", AUTH_SECRETARIAT | AUTH_REVIEWER, 0, ANY },
	[AUTH_PUBLISH] = { "publish", AUTH_SECRETARIAT, 0, ANY },
	[AUTH_EXPORT_PRIVATE] = { "export.private", AUTH_SECRETARIAT | AUTH_ADMIN, 0, ANY },
	[AUTH_MANAGE_USERS] = { "users.manage", AUTH_ADMIN, 0, ANY },
	[AUTH_READ_AUDIT] = { "audit.read", AUTH_ADMIN, 0, ANY },
	[AUTH_OWN_ACCOUNT] = { "account.own", 0, AUTH_ROLES_ALL, SELF },
	[AUTH_DESK_WORK] = { "desk", AUTH_DESK, 0, ANY },
	[AUTH_MANAGE_ROUND] = { "round.manage", AUTH_SECRETARIAT, 0, ANY },
	/* a round entry is its ministry's to write (issue 14): the
	 * secretariat returns and accepts it, it never writes it */
	[AUTH_EDIT_ENTRY] = { "round.entry.edit", 0, AUTH_EDITOR, MINISTRY },
};

static void viewer_add(struct auth_viewer *out, const char *prefix, const char *name)
{
	int n = out->viewer.nscopes;

	if (n >= AUTH_VIEWER_MAX)
		return;
	snprintf(out->text[n], sizeof(out->text[n]), "%s%s", prefix, name);
	out->scope[n] = out->text[n];
	out->viewer.nscopes = n + 1;
}

void auth_viewer(const struct auth_user *u, struct auth_viewer *out)
{
	static const struct {
		unsigned role;
		const char *scope;
	} roles[] = {
		{ AUTH_SECRETARIAT, "secretariat" },
		{ AUTH_REVIEWER, "reviewer" },
	};
	unsigned any = actions[AUTH_READ_DRAFTS].roles, scoped = actions[AUTH_READ_DRAFTS].scoped;
	size_t i;
	int m;

	memset(out, 0, sizeof(*out));
	out->viewer.scopes = out->scope;
	if (!u || u->disabled || !u->name)
		return;
	for (i = 0; i < MD_ARRAY_SIZE(roles); i++) {
		if (u->roles & roles[i].role & any)
			viewer_add(out, "role:", roles[i].scope);
	}
	if (!(u->roles & scoped))
		return;
	for (m = 0; m < text_ministry_count() && m < 32; m++) {
		if (u->ministries & (1u << m))
			viewer_add(out, "ministry:", text_ministry_at(m)->code);
	}
}

const char *auth_action_name(enum auth_action act)
{
	return act > 0 && act < AUTH_ACTION_COUNT_ ? actions[act].name : NULL;
}

/* The target's ministries (lead ones only when lead) as a set. */
static unsigned target_ministries(const struct text_tag *tag, int lead)
{
	unsigned set = 0;
	int i;

	for (i = 0; tag && i < tag->n && i < TEXT_TAG_MAX; i++) {
		if ((!lead || tag->lead[i]) && tag->ministry[i] >= 0 && tag->ministry[i] < 32)
			set |= 1u << tag->ministry[i];
	}
	return set;
}

/* What the action's roles decide alone: 1 may, 0 may not, -1 it depends
 * on the scope (the user holds a scoped role for it). */
static int by_role(const struct auth_user *u, enum auth_action act)
{
	if (act <= 0 || act >= AUTH_ACTION_COUNT_)
		return 0;
	if (act == AUTH_READ_PUBLIC)
		return 1;
	if (!u || u->disabled || !u->name)
		return 0;
	if (u->roles & actions[act].roles)
		return 1;
	return u->roles & actions[act].scoped ? -1 : 0;
}

int auth_may(const struct auth_user *u, enum auth_action act, const struct auth_target *t)
{
	int r = by_role(u, act);

	if (r >= 0)
		return r;
	if (!t)
		return 0;
	switch (actions[act].scope) {
	case MINISTRY:
		return (u->ministries & target_ministries(t->ministries, 0)) != 0;
	case LEAD:
		return (u->ministries & target_ministries(t->ministries, 1)) != 0;
	case SELF:
		return t->user && !strcmp(t->user, u->name);
	default:
		return 0;
	}
}

int auth_may_some(const struct auth_user *u, enum auth_action act)
{
	int r = by_role(u, act);

	if (r >= 0)
		return r;
	/* an editor without ministries has no scope */
	return actions[act].scope == SELF || u->ministries != 0;
}

unsigned auth_entry_access(const struct auth_user *u, const struct text_tag *writers,
			   const struct text_tag *owners, const char *state)
{
	struct auth_target w = { writers, NULL };
	unsigned acc = 0;

	if (!u || u->disabled || !u->name)
		return 0;
	if (auth_may(u, AUTH_EDIT_ENTRY, &w) && auth_may(u, AUTH_SUBMIT_FOLLOWUP, &w))
		acc |= AUTH_ENTRY_WRITE | AUTH_ENTRY_READ;
	if ((u->roles & AUTH_SECRETARIAT) ||
	    ((u->roles & AUTH_EDITOR) && (u->ministries & target_ministries(owners, 0))) ||
	    ((u->roles & AUTH_REVIEWER) && state && strcmp(state, "draft")))
		acc |= AUTH_ENTRY_READ;
	if (!(acc & AUTH_ENTRY_READ))
		return 0;
	if (auth_may(u, AUTH_RETURN_FOLLOWUP, &w) && auth_may(u, AUTH_ACCEPT_FOLLOWUP, &w))
		acc |= AUTH_ENTRY_REVIEW;
	if (auth_may(u, AUTH_COMMENT, &w))
		acc |= AUTH_ENTRY_COMMENT;
	if (auth_may(u, AUTH_READ_DRAFTS, &w))
		acc |= AUTH_ENTRY_COMMENTS;
	return acc;
}

int auth_authorize_actor(struct auth *a, const char *actor, enum auth_action act,
			 const struct auth_target *t, struct buf *why)
{
	struct arena *ar;
	struct auth_user u;
	int rc;

	if (actor && !strncmp(actor, "cli:", 4) && actor[4])
		return 0;
	if (!actor || strncmp(actor, "user:", 5)) {
		if (why)
			buf_printf(why, "%s may not change data", actor ? actor : "nobody");
		return MD_EFORBIDDEN;
	}
	if (!(ar = arena_new()))
		return MD_ENOMEM;
	rc = auth_user_read(a, actor + 5, ar, &u);
	if (rc == MD_ENOTFOUND || (!rc && !auth_may(&u, act, t))) {
		if (why)
			buf_printf(why, "%s may not %s%s", actor, auth_action_name(act) ?
				   auth_action_name(act) : "do this",
				   rc ? " (no such account)" : u.disabled ? " (disabled)" : "");
		rc = MD_EFORBIDDEN;
	}
	arena_free(ar);
	return rc;
}
