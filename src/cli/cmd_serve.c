#include <stdlib.h>
#include <string.h>

#include "../edit/edit.h"
#include "../web/web.h"
#include "cli.h"

/* --routes: the route table, and nothing served */
static int list_routes(struct cli *c)
{
	struct buf b = BUF_INIT;
	int rc = web_routes_format(&b);

	rc = rc ? cli_fail(c, "serve --routes", rc) : cli_write(&b);
	buf_release(&b);
	return rc;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("serve");
	struct web_opts o;
	struct web_remind_opts ro;
	struct web_remind *rem = NULL;
	const char *v, *log = "-", *days = "14,7,1";
	struct buf why = BUF_INIT;
	FILE *lf = NULL;
	int i, m, rc, n;

	memset(&o, 0, sizeof(o));
	o.db_path = c->db_path;
	o.bind = "127.0.0.1";
	o.port = 8080;
	o.threads = 4;
	o.cache = 1;
	o.info = stdout;
	memset(&ro, 0, sizeof(ro));
	ro.db_path = c->db_path;
	ro.interval = 3600;
	for (i = 1; i < argc; i++) {
		if ((m = cli_opt(argc, argv, &i, "--port", &v))) {
			if (m < 0 || num_parse_int(v, 0, 65535, &o.port))
				return cli_usage_error(self, "--port needs a number 0-65535");
		} else if ((m = cli_opt(argc, argv, &i, "--bind", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--bind needs an address");
			o.bind = v;
		} else if ((m = cli_opt(argc, argv, &i, "--threads", &v))) {
			if (m < 0 || num_parse_int(v, 1, 256, &o.threads))
				return cli_usage_error(self, "--threads needs a number 1-256");
		} else if ((m = cli_opt(argc, argv, &i, "--log", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--log needs a file (or - for stderr)");
			log = v;
		} else if ((m = cli_opt(argc, argv, &i, "--timeout", &v))) {
			if (m < 0 || num_parse_int(v, 1, 3600, &o.timeout))
				return cli_usage_error(self, "--timeout needs seconds 1-3600");
		} else if ((m = cli_opt(argc, argv, &i, "--max-per-client", &v))) {
			if (m < 0 || num_parse_int(v, 0, 100000, &n))
				return cli_usage_error(self, "--max-per-client needs a number (0: no limit)");
			o.per_client = n ? n : -1;
		} else if ((m = cli_opt(argc, argv, &i, "--cache-size", &v))) {
			if (m < 0 || num_parse_int(v, 1, 65536, &n))
				return cli_usage_error(self, "--cache-size needs MiB 1-65536");
			o.cache_bytes = (size_t)n << 20;
		} else if (!strcmp(argv[i], "--no-log")) {
			log = NULL;
		} else if (!strcmp(argv[i], "--no-cache")) {
			o.cache = 0;
		} else if ((m = cli_opt(argc, argv, &i, "--tls-cert", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--tls-cert needs a PEM file");
			o.tls_cert = v;
		} else if ((m = cli_opt(argc, argv, &i, "--tls-key", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--tls-key needs a PEM file");
			o.tls_key = v;
		} else if ((m = cli_opt(argc, argv, &i, "--smtp", &v))) {
			if (m < 0 || (strncmp(v, "smtp://", 7) && strncmp(v, "smtps://", 8)))
				return cli_usage_error(self, "--smtp needs smtp://HOST:PORT or smtps://");
			ro.relay = v;
		} else if ((m = cli_opt(argc, argv, &i, "--mail-from", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--mail-from needs an address");
			ro.from = v;
		} else if ((m = cli_opt(argc, argv, &i, "--remind-days", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--remind-days needs days such as 14,7,1");
			days = v;
		} else if ((m = cli_opt(argc, argv, &i, "--remind-interval", &v))) {
			if (m < 0 || num_parse_int(v, 1, 86400, &n))
				return cli_usage_error(self, "--remind-interval needs seconds 1-86400");
			ro.interval = n;
		} else if ((m = cli_opt(argc, argv, &i, "--site", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--site needs the site's address");
			ro.site = v;
		} else if ((m = cli_opt(argc, argv, &i, "--login-lock", &v))) {
			if (m < 0 || num_parse_int(v, 1, 86400, &o.login_lock))
				return cli_usage_error(self, "--login-lock needs seconds 1-86400");
		} else if ((m = cli_opt(argc, argv, &i, "--login-lock-after", &v))) {
			if (m < 0 || num_parse_int(v, 4, 1000, &o.login_lock_after))
				return cli_usage_error(self, "--login-lock-after needs a number 4-1000");
		} else if ((m = cli_opt(argc, argv, &i, "--host", &v))) {
			if (m < 0 || !*v || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
						"0123456789.-,[]:") != strlen(v))
				return cli_usage_error(self, "--host needs host names, e.g. "
						       "mdplan.example.go.jp,localhost");
			o.hosts = v;
		} else if ((m = cli_opt(argc, argv, &i, "--trusted-proxy", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--trusted-proxy needs the proxy's address");
			o.trusted_proxy = v;
		} else if (!strcmp(argv[i], "--secure-cookies")) {
			o.secure_cookies = 1;
		} else if (!strcmp(argv[i], "--routes")) {
			return list_routes(c);
		} else {
			return cli_usage_error(self, "unknown argument '%s'", argv[i]);
		}
	}
	/* the default for rounds without days of their own */
	if ((ro.ndays = edit_remind_days(days, ro.days, WEB_REMIND_DAYS_MAX, &why)) < 0) {
		rc = cli_usage_error(self, "--remind-days %s", why.ptr);
		buf_release(&why);
		return rc;
	}
	if (log && strcmp(log, "-")) {
		lf = fopen(log, "a");
		if (!lf) {
			fprintf(stderr, "mdplan serve: %s: cannot open the log\n", log);
			return EXIT_INPUT;
		}
	}
	o.log = lf ? lf : log ? stderr : NULL;
	/* the pool opens its own connections */
	store_close(c->st);
	c->st = NULL;
	/* the schedule has a connection of its own, like the pool */
	if (ro.relay && web_remind_start(&ro, stderr, &rem)) {
		fprintf(stderr, "mdplan serve: cannot start the reminder schedule\n");
		if (lf)
			fclose(lf);
		return EXIT_DB;
	}
	rc = web_serve(&o);
	web_remind_stop(rem);
	if (lf)
		fclose(lf);
	if (rc == MD_EUSAGE)
		return EXIT_USAGE;
	return rc ? EXIT_DB : EXIT_OK;
}
