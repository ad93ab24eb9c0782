/*
 * Restricted documents for the tests and benchmarks of search visibility:
 * the round's entries (kind "entry"), written through src/edit as the
 * command line would, and searches as a viewer with scopes, which no
 * shipped command offers (mdplan search --as takes an account):
 *
 *   search_hidden DB open FY [FY ...]   opens each year's round (deadline
 *                                       the year after, 01-31)
 *   search_hidden DB write FILE         one change a line, each its own
 *                                       edit: FY TAB A-number TAB ministry
 *                                       code (or "consolidated") TAB op
 *                                       (save, submit, return) TAB results
 *                                       (\n in it a newline; "" with save
 *                                       empties the entry)
 *   search_hidden DB ids FY [MINISTRY]  "A-number TAB ministry TAB id" of
 *                                       every entry of the year
 *   search_hidden DB batch FILE [OPTIONS]   as mdplan search --batch
 *   search_hidden DB json QUERY [OPTIONS]   as mdplan search --json
 *   OPTIONS: --scope S (repeatable), --kind K, --ministry CODE, --year FY,
 *            --limit N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "report/report.h"
#include "store/store.h"

#define MAX_SCOPES 16

static const struct store_actor cli = { STORE_ACTOR_CLI, "search_hidden" };

/* A number, or -1 */
static int num(const char *s)
{
	int v;

	return num_parse_int(s, 0, 99999, &v) ? -1 : v;
}

static int fail(struct store *st, const char *what)
{
	fprintf(stderr, "search_hidden: %s: %s\n", what, st ? store_errmsg(st) : "");
	return 1;
}

/* Splits line at tabs into at most n fields; unescapes \n in each. */
static int fields(char *line, char **f, int n)
{
	int k = 0;

	while (k < n) {
		char *t = strchr(line, '\t');

		f[k++] = line;
		if (!t)
			break;
		*t = '\0';
		line = t + 1;
	}
	for (int i = 0; i < k; i++) {
		char *r = f[i], *w = f[i];

		while (*r) {
			if (r[0] == '\\' && r[1] == 'n') {
				*w++ = '\n';
				r += 2;
			} else {
				*w++ = *r++;
			}
		}
		*w = '\0';
	}
	return k;
}

static int open_rounds(struct edit *ed, char **years, int n)
{
	for (int i = 0; i < n; i++) {
		struct edit_round o = { 0, NULL, EDIT_ANY_VERSION, NULL };
		struct edit_result r;
		char deadline[32];

		o.year = num(years[i]);
		snprintf(deadline, sizeof(deadline), "%d-01-31", o.year + 1);
		o.deadline = deadline;
		if (edit_round_open(ed, &cli, &o, &r)) {
			fprintf(stderr, "search_hidden: open %s: %s\n", years[i], edit_errmsg(ed));
			return 1;
		}
	}
	return 0;
}

static int write_entries(struct store *st, struct edit *ed, const char *file)
{
	FILE *in = fopen(file, "r");
	static char line[1 << 16];
	long n = 0;
	int rc = 0;

	if (!in)
		return fail(NULL, file);
	while (!rc && fgets(line, sizeof(line), in)) {
		struct edit_entry c;
		struct edit_result r;
		long long id;
		char *f[5];
		size_t l = strlen(line);

		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		if (fields(line, f, 5) != 5) {
			fprintf(stderr, "search_hidden: %s: 5 fields a line\n", file);
			rc = 1;
			break;
		}
		if (store_entry_find(st, num(f[0]), num(f[1] + (f[1][0] == 'A')),
				     strcmp(f[2], "consolidated") ? f[2] : NULL, &id)) {
			rc = fail(st, line);
			break;
		}
		memset(&c, 0, sizeof(c));
		c.id = id;
		c.version = EDIT_ANY_VERSION;
		if (!strcmp(f[3], "save")) {
			c.op = EDIT_ENTRY_SAVE;
			c.results = f[4];
			c.plans = "";
		} else if (!strcmp(f[3], "submit")) {
			c.op = EDIT_ENTRY_SUBMIT;
			c.results = *f[4] ? f[4] : NULL;
		} else if (!strcmp(f[3], "return")) {
			c.op = EDIT_ENTRY_RETURN;
			c.reason = "search_hidden";
		} else {
			fprintf(stderr, "search_hidden: %s: op save, submit or return\n", f[3]);
			rc = 1;
			break;
		}
		if (edit_entry(ed, &cli, &c, &r)) {
			fprintf(stderr, "search_hidden: %s %s %s %s: %s\n", f[0], f[1], f[2], f[3],
				edit_errmsg(ed));
			rc = 1;
			break;
		}
		n++;
	}
	fclose(in);
	if (!rc)
		printf("%ld entries written\n", n);
	return rc;
}

static int ids(struct store *st, int fy, const char *ministry)
{
	/* item numbers are small: ask for each (a miss is no entry) */
	for (int no = 1; no <= 999; no++) {
		for (int m = -1; m < text_ministry_count(); m++) {
			const char *code = m < 0 ? NULL : text_ministry_at(m)->code;
			long long id;

			if (ministry && (!code || strcmp(code, ministry)))
				continue;
			if (store_entry_find(st, fy, no, code, &id) == 0)
				printf("A%d\t%s\t%lld\n", no, code ? code : "consolidated", id);
		}
	}
	(void)st;
	return 0;
}

int main(int argc, char **argv)
{
	const char *scopes[MAX_SCOPES];
	struct store_viewer v = { scopes, 0 };
	struct report_search_q q;
	struct store *st = NULL;
	struct edit *ed = NULL;
	struct buf out = BUF_INIT, in = BUF_INIT;
	int i, rc = 0, search;

	if (argc < 4) {
		fprintf(stderr, "usage: search_hidden DB open FY... | write FILE | ids FY [MINISTRY]"
			" | batch FILE [OPTIONS] | json QUERY [OPTIONS]\n");
		return 2;
	}
	search = !strcmp(argv[2], "batch") || !strcmp(argv[2], "json");
	memset(&q, 0, sizeof(q));
	q.limit = 20;
	q.viewer = &v;
	for (i = 4; search && i + 1 < argc; i += 2) {
		const char *o = argv[i], *val = argv[i + 1];
		int ok = 1;

		if (!strcmp(o, "--scope") && v.nscopes < MAX_SCOPES)
			scopes[v.nscopes++] = val;
		else if (!strcmp(o, "--kind"))
			ok = (q.kind = store_kind_find(val)) != 0;
		else if (!strcmp(o, "--ministry"))
			ok = (q.ministry = text_ministry_code(val)) != NULL;
		else if (!strcmp(o, "--year"))
			ok = !num_parse_int(val, 0, 9999, &q.year);
		else if (!strcmp(o, "--limit"))
			ok = !num_parse_int(val, 0, 100000, &q.limit);
		else
			ok = 0;
		if (!ok)
			break;
	}
	if (search && i < argc) {
		fprintf(stderr, "search_hidden: bad option %s\n", argv[i]);
		return 2;
	}
	if (store_open(argv[1], 0, &st))
		return fail(st, argv[1]);
	if (!search && !(ed = edit_new(st))) {
		store_close(st);
		return fail(NULL, "out of memory");
	}
	if (!strcmp(argv[2], "open")) {
		rc = open_rounds(ed, argv + 3, argc - 3);
	} else if (!strcmp(argv[2], "write")) {
		rc = write_entries(st, ed, argv[3]);
	} else if (!strcmp(argv[2], "ids")) {
		rc = ids(st, num(argv[3]), argc > 4 ? argv[4] : NULL);
	} else if (!strcmp(argv[2], "batch")) {
		if (file_read(argv[3], (size_t)64 << 20, &in) ||
		    report_search_batch(st, &q, in.ptr, in.len, &out))
			rc = fail(st, "batch");
	} else if (!strcmp(argv[2], "json")) {
		q.text = argv[3];
		if (report_search_json(st, &q, &out))
			rc = fail(st, "json");
	} else {
		rc = 2;
	}
	if (!rc)
		fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&in);
	buf_release(&out);
	edit_free(ed);
	store_close(st);
	return rc;
}
