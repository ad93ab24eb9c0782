#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* --batch FILE: one query a line (report_search_batch), searched inside
 * this one process, as a server would. */
static int batch(struct cli *c, const char *file, const struct report_search_q *q)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int rc = EXIT_OK;

	if (file_read(file, (size_t)64 << 20, &in)) {
		fprintf(stderr, "mdplan search: %s: cannot read\n", file);
		return EXIT_INPUT;
	}
	if (report_search_batch(c->st, q, in.ptr, in.len, &out)) {
		fprintf(stderr, "mdplan search: %s: %s\n", file, store_errmsg(c->st));
		rc = EXIT_DB;
	} else {
		rc = cli_write(&out);
	}
	buf_release(&in);
	buf_release(&out);
	return rc;
}

/* --as NAME: search as that account would on the web (auth_viewer():
 * the drafts its roles and ministries may read). Accounts are read
 * through src/auth, which wants a writable handle. */
static int as_user(struct cli *c, const char *name, struct auth_viewer *v)
{
	struct arena *ar = arena_new();
	struct auth *au = NULL;
	struct auth_user u;
	int rc = EXIT_OK, r;

	if (!ar)
		return cli_fail(c, "search --as", MD_ENOMEM);
	store_close(c->st);
	c->st = NULL;
	if ((r = store_open(c->db_path, 0, &c->st)) || (r = auth_new(c->st, NULL, &au))) {
		rc = cli_fail(c, "search --as", r);
		goto out;
	}
	if ((r = auth_user_get(au, name, ar, &u))) {
		fprintf(stderr, "mdplan search: --as %s: no such account\n", name);
		rc = r == MD_ENOTFOUND ? EXIT_INPUT : EXIT_DB;
		goto out;
	}
	auth_viewer(&u, v);
out:
	auth_free(au);
	arena_free(ar);
	return rc;
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("search");
	struct report_search_q q;
	struct buf out = BUF_INIT;
	const char *v, *file = NULL, *text = NULL, *as = NULL;
	int i, json = 0, check = 0, r;   /* check: 1 --check, 2 --rebuild */
	struct auth_viewer viewer;

	memset(&q, 0, sizeof(q));
	q.limit = 20;
	for (i = 1; i < argc; i++) {
		if ((r = cli_opt(argc, argv, &i, "--year", &v))) {
			if (r < 0 || cli_year(v, &q.year))
				return cli_usage_error(self, "--year wants a fiscal year such as 2025, FY2025 or 令和7年度");
		} else if ((r = cli_opt(argc, argv, &i, "--ministry", &v))) {
			if (r < 0 || !(q.ministry = text_ministry_code(v)))
				return cli_usage_error(self, "--ministry: unknown ministry '%s'", r < 0 ? "" : v);
		} else if ((r = cli_opt(argc, argv, &i, "--kind", &v))) {
			if (r < 0 || !(q.kind = store_kind_find(v)))
				return cli_usage_error(self, "--kind wants vision, goal, measure, item, followup or indicator");
		} else if ((r = cli_opt(argc, argv, &i, "--limit", &v))) {
			if (r < 0 || num_parse_int(v, 0, 100000, &q.limit))
				return cli_usage_error(self, "--limit wants a number 0..100000 (0: all)");
		} else if ((r = cli_opt(argc, argv, &i, "--offset", &v))) {
			if (r < 0 || num_parse_int(v, 0, 1000000, &q.offset))
				return cli_usage_error(self, "--offset wants a number");
		} else if ((r = cli_opt(argc, argv, &i, "--batch", &v))) {
			if (r < 0)
				return cli_usage_error(self, "--batch wants a file");
			file = v;
		} else if ((r = cli_opt(argc, argv, &i, "--as", &v))) {
			if (r < 0 || !*v)
				return cli_usage_error(self, "--as needs a user name");
			as = v;
		} else if (!strcmp(argv[i], "--check")) {
			check = 1;
		} else if (!strcmp(argv[i], "--rebuild")) {
			check = 2;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--en")) {
			q.en = 1;
		} else if (!strcmp(argv[i], "--") && i + 1 < argc && !text) {
			text = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (!text) {
			text = argv[i];
		} else {
			return cli_usage_error(self, "one query at a time (quote it if it has spaces)");
		}
	}
	if (check) {
		long missing = 0, stale = 0;

		if (text || file)
			return cli_usage_error(self, "--check and --rebuild take no query");
		/* FTS5's integrity check is an INSERT: it needs a writable handle */
		store_close(c->st);
		c->st = NULL;
		if (store_open(c->db_path, 0, &c->st))
			return cli_fail(c, "search --check", MD_EDB);
		if (check == 2) {
			if ((r = store_search_rebuild(c->st)))
				return cli_fail(c, "search --rebuild", r);
			printf("search index rebuilt\n");
			return EXIT_OK;
		}
		if ((r = store_search_check(c->st, &missing, &stale)))
			return cli_fail(c, "search --check", r);
		printf("search index: %ld documents not indexed as they read, "
		       "%ld index rows without a document\n", missing, stale);
		return missing || stale ? EXIT_DB : EXIT_OK;
	}
	if (as && (r = as_user(c, as, &viewer)) != EXIT_OK)
		return r;
	if (as)
		q.viewer = &viewer.viewer;
	if (file) {
		if (text)
			return cli_usage_error(self, "give a query or --batch FILE, not both");
		return batch(c, file, &q);
	}
	if (!text)
		return cli_usage_error(self, "what to search for is missing");
	q.text = text;
	r = json ? report_search_json(c->st, &q, &out) : report_search_text(c->st, &q, &out);
	return cli_run_report(c, "search", r, &out, NULL);
}
