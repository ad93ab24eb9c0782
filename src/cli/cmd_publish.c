#include <string.h>

#include "../web/web.h"
#include "cli.h"

int cmd_publish(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("publish");
	const char *outdir = NULL, *base = "http://127.0.0.1:8080/", *v;
	struct buf err = BUF_INIT, b = BUF_INIT;
	long files = 0;
	int i, m, rc;

	for (i = 1; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--base-url", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--base-url needs a URL");
			base = v;
		} else if (argv[i][0] == '-') {
			return cli_usage_error(self, "unknown option '%s'", argv[i]);
		} else if (!outdir) {
			outdir = argv[i];
		} else {
			return cli_usage_error(self, "one output folder only");
		}
	}
	if (!outdir)
		return cli_usage_error(self, "need an output folder");
	if (strncmp(base, "http://", 7) && strncmp(base, "https://", 8))
		return cli_usage_error(self, "--base-url must start with http:// or https://");
	buf_puts(&b, base);
	if (b.ptr[b.len - 1] != '/')
		buf_putc(&b, '/');
	rc = web_publish(c->st, outdir, b.ptr, &files, &err);
	if (rc) {
		fprintf(stderr, "mdplan publish: %s\n", err.ptr);
		rc = rc == MD_EIO ? EXIT_INPUT : EXIT_DB;
	} else {
		printf("published %ld files to %s\n", files, outdir);
	}
	buf_release(&err);
	buf_release(&b);
	return rc;
}
