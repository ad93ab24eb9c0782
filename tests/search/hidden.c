/*
 * Restricted documents for the tests and benchmarks of search visibility
 * (kind "test", store_test_doc_put), and searches as a viewer with scopes,
 * which no shipped command offers:
 *
 *   search_hidden DB load FILE       one document a line, in one transaction:
 *                                    key TAB owner TAB readers TAB ministries
 *                                    TAB fiscal_year TAB title TAB body
 *                                    (owner "-": public; readers, ministries
 *                                    space-separated; \n in texts a newline)
 *   search_hidden DB remove KEY
 *   search_hidden DB batch FILE [OPTIONS]   as mdplan search --batch
 *   search_hidden DB json QUERY [OPTIONS]   as mdplan search --json
 *   OPTIONS: --scope S (repeatable), --kind K, --ministry CODE, --year FY,
 *            --limit N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store/store.h"

#define MAX_SCOPES 16

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

static int load(struct store *st, const char *file)
{
	FILE *in = fopen(file, "r");
	char line[1 << 16];
	long n = 0;

	if (!in)
		return fail(NULL, file);
	if (store_begin(st))
		return fail(st, "begin");
	while (fgets(line, sizeof(line), in)) {
		struct store_test_doc d = { 0 };
		char *f[7];
		size_t l = strlen(line);

		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		if (fields(line, f, 7) != 7) {
			store_rollback(st);
			fclose(in);
			fprintf(stderr, "search_hidden: %s: 7 fields a line\n", file);
			return 1;
		}
		d.key = f[0];
		d.owner = strcmp(f[1], "-") ? f[1] : NULL;
		d.readers = f[2];
		d.ministries = f[3];
		if (num_parse_int(f[4], 0, 9999, &d.fiscal_year)) {
			store_rollback(st);
			fclose(in);
			fprintf(stderr, "search_hidden: %s: bad fiscal year %s\n", file, f[4]);
			return 1;
		}
		d.title = f[5];
		d.body = f[6];
		if (store_test_doc_put(st, &d, NULL)) {
			store_rollback(st);
			fclose(in);
			return fail(st, d.key);
		}
		n++;
	}
	fclose(in);
	if (store_commit(st))
		return fail(st, "commit");
	printf("%ld test documents\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *scopes[MAX_SCOPES];
	struct store_viewer v = { scopes, 0 };
	struct report_search_q q;
	struct store *st = NULL;
	struct buf out = BUF_INIT, in = BUF_INIT;
	int i, rc = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: search_hidden DB load FILE | remove KEY |"
			" batch FILE [OPTIONS] | json QUERY [OPTIONS]\n");
		return 2;
	}
	memset(&q, 0, sizeof(q));
	q.limit = 20;
	q.viewer = &v;
	for (i = 4; i + 1 < argc; i += 2) {
		const char *o = argv[i], *val = argv[i + 1];
		int ok = 1;

		if (!strcmp(o, "--scope") && v.nscopes < MAX_SCOPES)
			scopes[v.nscopes++] = val;
		else if (!strcmp(o, "--kind"))
			ok = (q.kind = !strcmp(val, "test") ? STORE_KIND_TEST :
			      store_kind_find(val)) != 0;
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
	if (i < argc) {
		fprintf(stderr, "search_hidden: bad option %s\n", argv[i]);
		return 2;
	}
	if (store_open(argv[1], 0, &st))
		return fail(st, argv[1]);
	if (!strcmp(argv[2], "load")) {
		rc = load(st, argv[3]);
	} else if (!strcmp(argv[2], "remove")) {
		if (store_begin(st) || store_test_doc_remove(st, argv[3]) || store_commit(st))
			rc = fail(st, "remove");
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
	store_close(st);
	return rc;
}
