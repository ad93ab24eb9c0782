/*
 * mdplan user: accounts of the web application (src/auth). Passwords come
 * from the terminal (not echoed, asked twice) or from --password-file,
 * never from the command line, where ps and the shell history would show
 * them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "../auth/auth.h"
#include "cli.h"

#define PW_FILE_MAX 4096

/* "cli:NAME" for the audit trail (cli_actor()). */
static const char *actor(struct buf *b)
{
	buf_reset(b);
	store_actor_format(cli_actor(), b);
	return b->ptr;
}

struct args {
	const char *name;
	unsigned roles, ministries;
	int have_roles;
	const char *display, *email, *pwfile;
	long long revoke;
	int revoke_all, json;
};

/* The first line of FILE ("-": standard input) without its line end. */
static int password_from_file(const char *file, struct buf *pw)
{
	struct buf b = BUF_INIT;
	char *nl;
	size_t line;
	int rc = EXIT_OK;

	if (file_read(file, PW_FILE_MAX, &b)) {
		fprintf(stderr, "mdplan user: %s: cannot read the password file: %s\n", file,
			b.err ? "too large" : strerror(errno));
		rc = EXIT_INPUT;
		goto out;
	}
	nl = memchr(b.ptr, '\n', b.len);
	line = nl ? (size_t)(nl - b.ptr) : b.len;
	if (line && b.ptr[line - 1] == '\r')
		line--;
	if (memchr(b.ptr, '\0', line)) {
		fprintf(stderr, "mdplan user: %s: the password contains a NUL byte\n", file);
		rc = EXIT_INPUT;
		goto out;
	}
	buf_add(pw, b.ptr, line);
out:
	crypto_wipe(b.ptr, b.len);
	buf_release(&b);
	return rc;
}

/* One line from the terminal with echo off. */
static int ask(FILE *tty, const char *prompt, struct buf *pw)
{
	struct termios old, quiet;
	char line[AUTH_PW_MAX + 2];
	int fd = fileno(tty), rc = EXIT_OK;
	size_t n;

	if (tcgetattr(fd, &old))
		return EXIT_INPUT;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	fputs(prompt, tty);
	fflush(tty);
	if (tcsetattr(fd, TCSAFLUSH, &quiet))
		return EXIT_INPUT;
	if (!fgets(line, sizeof(line), tty))
		rc = EXIT_INPUT;
	tcsetattr(fd, TCSAFLUSH, &old);
	fputc('\n', tty);
	if (!rc) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		buf_puts(pw, line);
	}
	crypto_wipe(line, sizeof(line));
	return rc;
}

static int password(const struct args *a, struct buf *pw)
{
	struct buf again = BUF_INIT;
	FILE *tty;
	int rc;

	if (a->pwfile)
		return password_from_file(a->pwfile, pw);
	if (!(tty = fopen("/dev/tty", "r+"))) {
		fprintf(stderr, "mdplan user: no terminal to ask for the password: give"
			" --password-file FILE\n");
		return EXIT_USAGE;
	}
	rc = ask(tty, "New password (12 characters or more): ", pw);
	if (!rc)
		rc = ask(tty, "The same again: ", &again);
	if (!rc && strcmp(pw->ptr, again.ptr)) {
		fprintf(stderr, "mdplan user: the two passwords differ; nothing changed\n");
		rc = EXIT_INPUT;
	}
	fclose(tty);
	crypto_wipe(again.ptr, again.len);
	buf_release(&again);
	return rc;
}

static int parse(const struct cmd *self, int argc, char **argv, int first, struct args *a)
{
	const char *v;
	int i, m;

	memset(a, 0, sizeof(*a));
	for (i = first; i < argc; i++) {
		if (!strncmp(argv[i], "--password", 10) && strncmp(argv[i], "--password-file", 15))
			return cli_usage_error(self, "passwords are never taken from the command"
					       " line (ps and the shell history show it):"
					       " type it when asked, or give --password-file FILE");
		if ((m = cli_opt(argc, argv, &i, "--role", &v))) {
			const char *p = v;

			if (m < 0)
				return cli_usage_error(self, "--role needs a role");
			/* --role editor --role reviewer, or --role editor,reviewer */
			while (*p) {
				char one[32];
				size_t n = strcspn(p, ",");
				unsigned r = 0;

				if (n < sizeof(one)) {
					memcpy(one, p, n);
					one[n] = '\0';
					r = auth_role_find(one);
				}
				if (!r)
					return cli_usage_error(self, "unknown role '%.*s' (admin,"
							       " secretariat, editor, reviewer, desk)",
							       (int)n, p);
				a->roles |= r;
				p += n + (p[n] == ',');
			}
			a->have_roles = 1;
		} else if ((m = cli_opt(argc, argv, &i, "--ministry", &v))) {
			unsigned b = m < 0 ? 0 : auth_ministry_find(v);

			if (!b)
				return cli_usage_error(self, "--ministry takes 内官 内 総 文 厚 経"
						       " or a ministry name");
			a->ministries |= b;
		} else if ((m = cli_opt(argc, argv, &i, "--display", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--display needs a name");
			a->display = v;
		} else if ((m = cli_opt(argc, argv, &i, "--email", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--email needs an address");
			a->email = v;
		} else if ((m = cli_opt(argc, argv, &i, "--password-file", &v))) {
			if (m < 0)
				return cli_usage_error(self, "--password-file needs a file");
			a->pwfile = v;
		} else if ((m = cli_opt(argc, argv, &i, "--revoke", &v))) {
			if (m < 0 || num_parse_ll(v, strlen(v), 1, (long long)1 << 62, &a->revoke))
				return cli_usage_error(self, "--revoke takes a session id");
		} else if (!strcmp(argv[i], "--revoke-all")) {
			a->revoke_all = 1;
		} else if (!strcmp(argv[i], "--json")) {
			a->json = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error(self, "unknown option %s", argv[i]);
		} else if (!a->name) {
			a->name = argv[i];
		} else {
			return cli_usage_error(self, "unexpected argument '%s'", argv[i]);
		}
	}
	return EXIT_OK;
}

/* The message of a refused or failed call and its exit code. */
static int failed(struct auth *au, const char *what, int rc)
{
	const char *field = auth_errfield(au);

	fprintf(stderr, "mdplan user %s: %s%s%s\n", what, field ? field : "", field ? ": " : "",
		auth_errmsg(au));
	switch (rc) {
	case MD_EDB: case MD_ENOMEM: return EXIT_DB;
	case MD_EUSAGE: return EXIT_USAGE;
	default: return EXIT_INPUT;
	}
}

static int run(struct cli *c, const struct cmd *self, const char *sub, struct args *a,
	       struct auth *au, const struct auth_ctx *ctx)
{
	struct buf pw = BUF_INIT, out = BUF_INIT;
	struct arena *ar = arena_new();
	int rc = EXIT_OK, r = 0;
	int needs_name = strcmp(sub, "list") != 0;

	if (!ar)
		return EXIT_DB;
	if (needs_name && !a->name) {
		rc = cli_usage_error(self, "%s needs the user NAME", sub);
		goto out;
	}
	if (!needs_name && a->name) {
		rc = cli_usage_error(self, "list takes no NAME");
		goto out;
	}
	if (!strcmp(sub, "add")) {
		struct auth_user_spec u = { a->name, a->display, a->email, a->roles, a->ministries };

		if (!a->have_roles) {
			rc = cli_usage_error(self, "add needs --role");
			goto out;
		}
		if ((rc = password(a, &pw)))
			goto out;
		if ((r = auth_user_add(au, ctx, &u, pw.ptr)))
			goto fail;
		printf("added %s\n", a->name);
	} else if (!strcmp(sub, "list")) {
		struct auth_user *users = NULL;
		int n = 0;

		if ((r = auth_user_list(au, ar, &users, &n)))
			goto fail;
		if ((r = report_users(users, n, a->json, &out)))
			goto fail;
		rc = cli_write(&out);
	} else if (!strcmp(sub, "passwd")) {
		struct auth_user u;

		if ((r = auth_user_get(au, a->name, ar, &u)))
			goto fail;
		if ((rc = password(a, &pw)))
			goto out;
		if ((r = auth_user_passwd(au, ctx, a->name, NULL, pw.ptr)))
			goto fail;
		printf("password of %s changed; its sessions ended\n", a->name);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		if ((r = auth_user_set_disabled(au, ctx, a->name, sub[0] == 'd')))
			goto fail;
		printf("%s %sd\n", a->name, sub);
	} else if (!strcmp(sub, "roles")) {
		if (!a->have_roles) {
			rc = cli_usage_error(self, "roles needs --role");
			goto out;
		}
		if ((r = auth_user_set_roles(au, ctx, a->name, a->roles, a->ministries)))
			goto fail;
		buf_printf(&out, "%s: ", a->name);
		auth_roles_format(a->roles, &out);
		if (a->ministries) {
			buf_puts(&out, " (");
			auth_ministries_format(a->ministries, 0, &out);
			buf_putc(&out, ')');
		}
		buf_putc(&out, '\n');
		rc = cli_write(&out);
	} else if (!strcmp(sub, "sessions")) {
		struct auth_session *s = NULL;
		long ended = 0;
		int n = 0;

		if (a->revoke && a->revoke_all) {
			rc = cli_usage_error(self, "--revoke or --revoke-all, not both");
			goto out;
		}
		if (a->revoke) {
			if ((r = auth_session_revoke(au, ctx, a->name, a->revoke)))
				goto fail;
			printf("session %lld of %s ended\n", a->revoke, a->name);
		} else if (a->revoke_all) {
			if ((r = auth_sessions_revoke_all(au, ctx, a->name, &ended)))
				goto fail;
			printf("%ld session%s of %s ended\n", ended, ended == 1 ? "" : "s", a->name);
		} else {
			if ((r = auth_sessions_list(au, a->name, ar, &s, &n)) ||
			    (r = report_sessions(s, n, a->json, &out)))
				goto fail;
			rc = cli_write(&out);
		}
	} else {
		rc = cli_usage_error(self, "unknown subcommand '%s'", sub);
	}
	goto out;
fail:
	rc = r == MD_ENOMEM && !auth_errfield(au) ? cli_fail(c, "user", r) : failed(au, sub, r);
out:
	crypto_wipe(pw.ptr, pw.len);
	buf_release(&pw);
	buf_release(&out);
	arena_free(ar);
	return rc;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	const struct cmd *self = cli_find("user");
	struct buf who = BUF_INIT;
	struct auth_ctx ctx;
	struct auth *au = NULL;
	struct args a;
	int rc;

	if (argc < 2)
		return cli_usage_error(self, "which subcommand?");
	if ((rc = parse(self, argc, argv, 2, &a)))
		return rc;
	if (auth_new(c->st, NULL, &au)) {
		fprintf(stderr, "mdplan user: cannot start (libsodium)\n");
		return EXIT_DB;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.actor = actor(&who);
	ctx.address = "";
	rc = run(c, self, argv[1], &a, au, &ctx);
	auth_free(au);
	buf_release(&who);
	return rc;
}
