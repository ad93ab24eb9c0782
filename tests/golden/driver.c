/*
 * Golden-test driver: reads "input" lines on stdin, one case per line, and
 * prints one output line per case. Escapes in input: \n \r \t \\ and \uXXXX.
 *   driver norm    normalized form (spaces collapsed)
 *   driver tag     trailing ministry tag: "◎厚、経", NOTFOUND or ERROR
 *   driver era     "YEAR F" (F=1 fiscal) or ERROR
 *   driver fy      a Western year -> 令和N年度
 *   driver html    blocks as "kind:text | kind:text"
 *   driver diff    "FROM || TO" -> the HTML diff (<del>/<ins>)
 *   driver skey    the search key
 *   driver spans   "TEXT || QUERY" -> TEXT with each match of the query's
 *                  search key in [brackets] (original characters)
 *   driver kpi     "up|down [BYEAR:VALUE] [TYEAR:VALUE] ; YEAR=VALUE|NA ..."
 *                  -> status, reason and every figure of the progress
 *   driver num     a number as written -> its value and decimals, or ERROR
 *   driver date    a date as tables write it -> ISO (2024-03-31, 2024-03) or ERROR
 *   driver yen     an amount as budgets write it -> whole yen, " approx"
 *                  and " bracket" / " bracket-none" when so, or ERROR why
 *   driver csv     a cell -> the CSV field written for it (\r \n \t shown
 *                  escaped), checked to read back to the cell
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/html.h"
#include "import/html.h"
#include "kpi/kpi.h"
#include "import/import.h"
#include "report/report.h"
#include "text/text.h"

static void unescape(const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			buf_putc(out, '\n');
			s++;
		} else if (s[0] == '\\' && s[1] == 't') {
			buf_putc(out, '\t');
			s++;
		} else if (s[0] == '\\' && s[1] == 'r') {
			buf_putc(out, '\r');
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			buf_putc(out, '\\');
			s++;
		} else if (s[0] == '\\' && s[1] == 'u' && strlen(s) >= 6) {
			char hex[5];
			long cp;

			memcpy(hex, s + 2, 4);
			hex[4] = '\0';
			cp = strtol(hex, NULL, 16);
			text_utf8_put(out, (int32_t)cp);
			s += 5;
		} else {
			buf_putc(out, *s);
		}
	}
}

static int parse_yv(const char *s, size_t n, int *year, double *v)
{
	const char *c = memchr(s, ':', n);

	if (!c)
		c = memchr(s, '=', n);
	if (!c || num_parse_ll(s, (size_t)(c - s), 1900, 2200, &(long long){ 0 }))
		return -1;
	*year = (int)strtol(s, NULL, 10);
	return num_parse_decimal(c + 1, n - (size_t)(c + 1 - s), v, NULL);
}

static void opt(const char *name, int has, double v)
{
	if (has)
		printf(" %s=%.4f", name, v);
	else
		printf(" %s=-", name);
}

static void kpi_case(const char *in)
{
	struct kpi_def d = { 0 };
	struct kpi_point p[32];
	struct kpi_progress o;
	const char *s = in;
	int n = 0, values = 0;

	while (*s) {
		size_t w;

		while (*s == ' ')
			s++;
		w = strcspn(s, " ");
		if (!w)
			break;
		if (values) {
			if (n == 32)
				goto bad;
			if (w > 3 && !strncmp(s + w - 3, "=NA", 3)) {
				p[n].na = 1;
				p[n].value = 0;
				p[n].year = (int)strtol(s, NULL, 10);
			} else {
				p[n].na = 0;
				if (parse_yv(s, w, &p[n].year, &p[n].value))
					goto bad;
			}
			n++;
		} else if (w == 1 && *s == ';') {
			values = 1;
		} else if (w == 2 && !strncmp(s, "up", 2)) {
			d.direction = 1;
		} else if (w == 4 && !strncmp(s, "down", 4)) {
			d.direction = -1;
		} else if (*s == 'B') {
			d.has_baseline = 1;
			if (parse_yv(s + 1, w - 1, &d.baseline_year, &d.baseline_value))
				goto bad;
		} else if (*s == 'T') {
			d.has_target = 1;
			if (parse_yv(s + 1, w - 1, &d.target_year, &d.target_value))
				goto bad;
		} else {
			goto bad;
		}
		s += w;
	}
	if (kpi_progress(&d, p, n, &o))
		goto bad;
	printf("%s", kpi_status_code(o.status));
	printf(" reason=%s", o.reason ? kpi_reason_code(o.reason) : "-");
	if (o.has_base)
		printf(" base=%d:%g%s", o.base_year, o.base_value,
		       o.base_defined ? "" : "(first)");
	else
		printf(" base=-");
	if (o.has_latest)
		printf(" latest=%d:%g", o.latest_year, o.latest_value);
	else
		printf(" latest=-");
	opt("rate", o.has_rate, o.rate);
	opt("required", o.has_required, o.required);
	opt("ratio", o.has_ratio, o.ratio);
	opt("linear", o.has_linear, o.linear);
	opt("elapsed", o.has_elapsed, o.elapsed);
	printf(" gaps=%d", o.gaps);
	if (o.first_gap)
		printf("(from %d)", o.first_gap);
	printf(" na_after=%d\n", o.na_after);
	return;
bad:
	printf("ERROR\n");
}

static void one(const char *mode, const char *in, size_t n)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	int i, rc;

	if (!strcmp(mode, "norm")) {
		rc = text_normalize(in, n, TEXT_NORM_SPACES, &out);
		printf("%s\n", rc ? "ERROR" : out.ptr);
	} else if (!strcmp(mode, "key")) {
		rc = text_normalize(in, n, TEXT_NORM_NOSPACE, &out);
		printf("%s\n", rc ? "ERROR" : out.ptr);
	} else if (!strcmp(mode, "tag")) {
		struct text_tag t;

		rc = text_tag_trailing(in, n, &t, &err);
		if (rc == MD_ENOTFOUND) {
			printf("NOTFOUND\n");
		} else if (rc) {
			printf("ERROR\n");
		} else {
			for (i = 0; i < t.n; i++)
				printf("%s%s%s", i ? "、" : "", t.lead[i] ? "◎" : "",
				       text_ministry_at(t.ministry[i])->abbrev);
			printf(" @%zu\n", t.start);
		}
	} else if (!strcmp(mode, "era")) {
		int y, f;

		if (text_era_parse(in, &y, &f))
			printf("ERROR\n");
		else
			printf("%d %d\n", y, f);
	} else if (!strcmp(mode, "fy")) {
		int y;

		if (num_parse_int(in, 1900, 2300, &y) || text_era_fy_ja(y, &out))
			printf("ERROR\n");
		else
			printf("%s\n", out.ptr);
	} else if (!strcmp(mode, "html")) {
		struct arena *a = arena_new();
		struct html_block *b;
		int nb;

		struct html_error he;

		rc = a ? html_cell_blocks(in, n, a, &b, &nb, &he) : MD_ENOMEM;
		if (rc == MD_EINPUT) {
			printf("ERROR %ld:%ld %s\n", he.line, he.col, he.what);
		} else if (rc) {
			printf("ERROR\n");
		} else {
			for (i = 0; i < nb; i++)
				printf("%s%s:%s", i ? " | " : "", html_kind_name(b[i].kind),
				       b[i].text);
			printf("\n");
		}
		arena_free(a);
	} else if (!strcmp(mode, "date")) {
		rc = import_date(in, &out);
		printf("%s\n", rc ? "ERROR" : out.ptr);
	} else if (!strcmp(mode, "csv")) {
		struct arena *a = arena_new();
		struct tsv_row *rows;
		struct tsv_error e;
		long nr;
		size_t k;

		report_csv_field(&out, in);
		for (k = 0; k < out.len; k++) {
			char c = out.ptr[k];

			if (c == '\r' || c == '\n' || c == '\t')
				printf("\\%c", c == '\r' ? 'r' : c == '\n' ? 'n' : 't');
			else
				putchar(c);
		}
		/* what the indicator importer reads back: the cell itself */
		if (!a || dsv_parse(out.ptr, out.len, ',', a, &rows, &nr, &e) || nr != 1 ||
		    rows[0].n != 1 || strcmp(dsv_unguard(rows[0].f[0]), in))
			printf(" DOES-NOT-READ-BACK");
		printf("\n");
		arena_free(a);
	} else if (!strcmp(mode, "skey")) {
		rc = text_search_key(in, n, &out);
		printf("%s\n", rc ? "ERROR" : out.ptr);
	} else if (!strcmp(mode, "spans")) {
		const char *sep = strstr(in, " || ");
		struct text_span sp[16];
		struct buf key = BUF_INIT;
		int cnt = 0, k;
		size_t at = 0, tl = sep ? (size_t)(sep - in) : 0;

		if (!sep || text_search_key(sep + 4, strlen(sep + 4), &key) ||
		    text_search_spans(in, tl, key.ptr, key.len, sp, 16, &cnt)) {
			printf("ERROR\n");
		} else {
			for (k = 0; k < cnt && k < 16; k++) {
				buf_add(&out, in + at, sp[k].start - at);
				buf_putc(&out, '[');
				buf_add(&out, in + sp[k].start, sp[k].end - sp[k].start);
				buf_putc(&out, ']');
				at = sp[k].end;
			}
			buf_add(&out, in + at, tl - at);
			for (k = 0; k < (int)out.len; k++)
				fputs(out.ptr[k] == '\n' ? "\\n" : (char[2]){ out.ptr[k], 0 }, stdout);
			putchar('\n');
		}
		buf_release(&key);
	} else if (!strcmp(mode, "kpi")) {
		kpi_case(in);
	} else if (!strcmp(mode, "yen")) {
		struct import_yen y;

		if (import_yen(in, &y))
			printf("ERROR %s\n", y.why);
		else
			printf("%lld%s%s\n", y.yen, y.approx ? " approx" : "",
			       y.bracket ? (y.prev_none ? " bracket-none" : " bracket") : "");
	} else if (!strcmp(mode, "num")) {
		double v;
		int dec;

		if (num_parse_decimal(in, n, &v, &dec))
			printf("ERROR\n");
		else {
			num_format(&out, v, dec, 1);
			printf("%.15g %d %s\n", v, dec, out.ptr);
		}
	} else if (!strcmp(mode, "diff")) {
		const char *sep = strstr(in, " || ");
		char *from;

		if (!sep || !(from = strndup(in, (size_t)(sep - in)))) {
			printf("ERROR\n");
		} else {
			struct html h;

			html_init(&h, &out, 0);
			if (html_diff(&h, from, sep + 4))
				printf("ERROR\n");
			else
				printf("%s\n", out.ptr);
			free(from);
		}
	}
	buf_release(&out);
	buf_release(&err);
}

int main(int argc, char **argv)
{
	char line[65536];

	if (argc != 2) {
		fprintf(stderr, "usage: driver norm|key|tag|era|fy|html < cases\n");
		return 2;
	}
	while (fgets(line, sizeof(line), stdin)) {
		struct buf in = BUF_INIT;
		size_t l = strlen(line);

		if (l && line[l - 1] == '\n')
			line[--l] = '\0';
		unescape(line, &in);
		one(argv[1], in.ptr, in.len);
		buf_release(&in);
	}
	return 0;
}
