/* Shared by the commands that change data through src/edit. */
#include "../auth/auth.h"
#include "../edit/edit.h"
#include "cli.h"

/* One command a process: the policy's state can live here. */
static struct auth *auth;
static struct edit_auth edit_auth;

struct edit *cli_edit_new(struct cli *c)
{
	struct edit_policy p;
	struct edit *ed = edit_new(c->st);

	if (!ed || (!auth && auth_new(c->st, NULL, &auth))) {
		edit_free(ed);
		return NULL;
	}
	edit_auth.auth = auth;
	edit_auth.address = "";
	edit_auth.request_id = "";
	edit_policy_auth(&p, &edit_auth);
	edit_set_policy(ed, &p);
	return ed;
}

void cli_edit_free(struct edit *ed)
{
	edit_free(ed);
	auth_free(auth);
	auth = NULL;
}
