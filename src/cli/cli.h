#ifndef MD_CLI_H
#define MD_CLI_H
/*
 * The command-line front end. main.c holds the command table and the
 * shared set-up (database, exit codes, stdout checking); each cmd_*.c is
 * one subcommand and calls only the core modules' public headers. A
 * command that changes data parses its options into an edit_* change,
 * calls src/edit with cli_actor() and prints the result; it never
 * validates or writes itself.
 */
#include <stdio.h>

#include "../base/base.h"
#include "../report/report.h"
#include "../store/store.h"

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,   /* bad input file or argument value */
	EXIT_USAGE = 2,   /* wrong command line */
	EXIT_DB = 3,      /* the database failed */
	EXIT_CONFLICT = 4 /* the data changed since the --version given */
};

enum { NEED_DB = 1, WRITE_DB = 2 };

struct cli {
	const char *db_path;
	struct store *st;     /* open when the command has NEED_DB */
	const char *prog;
};

struct cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	int flags;
	const char *summary;
	const char *usage;
};

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. Returns 1 if
 * matched, 0 if not, -1 if the value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);
/* Prints "mdplan CMD: message" and the usage hint; returns EXIT_USAGE. */
int cli_usage_error(const struct cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Parses --year values: R7, 令和7年度, FY2025, 2025. */
int cli_year(const char *s, int *year);
/* Writes b to stdout; returns EXIT_OK or EXIT_INPUT on a write error. */
int cli_write(const struct buf *b);
/* Maps a report/store error to a message and exit code. */
int cli_fail(struct cli *c, const char *what, int rc);
/* The exit code for an MD_E* code (the message is printed already). */
int cli_exit_code(int rc);
/* Who the command line's changes are attributed to: cli:$USER (else
 * $LOGNAME, else the account name of the user id). */
const struct store_actor *cli_actor(void);
/* src/edit with the accounts' policy (src/auth): the command line is
 * allowed and every change is appended to the audit trail. NULL when it
 * cannot start. Free with cli_edit_free(). (edit.c) */
struct edit;
struct edit *cli_edit_new(struct cli *c);
void cli_edit_free(struct edit *ed);
const struct cmd *cli_find(const char *name);
/* 1 if argv has -h or --help */
int cli_wants_help(int argc, char **argv);
void cli_print_usage(const struct cmd *cmd, FILE *f);

/* Parses the options the viewing commands share (--year --ministry --lead
 * --goal --items --en --json -o FILE) into o; positional arguments go to
 * pos[0..npos) (*got says how many). Returns EXIT_OK or EXIT_USAGE. */
struct view_args {
	struct report_opts o;
	int json;
	const char *outfile;
	const char *pos[2];
	int npos;
};
int cli_view_args(const struct cmd *self, int argc, char **argv,
		  struct view_args *a, int max_pos);
/* EXIT_OK when year is 0 or has follow-up rows; else says on stderr that
 * there is no follow-up for it (and which years there are) and returns
 * EXIT_INPUT. */
int cli_year_has_data(struct cli *c, const struct cmd *self, int year);
/* Runs a report function and writes its output. */
int cli_run_report(struct cli *c, const char *what, int rc, struct buf *out,
		   const char *outfile);

int cmd_import(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_measures(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_ministries(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_publish(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_indicators(struct cli *c, int argc, char **argv);
int cmd_indicator(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_programmes(struct cli *c, int argc, char **argv);
int cmd_programme(struct cli *c, int argc, char **argv);
int cmd_budgets(struct cli *c, int argc, char **argv);
int cmd_hubs(struct cli *c, int argc, char **argv);
int cmd_round(struct cli *c, int argc, char **argv);
/* mdplan round download|upload (cmd_offline.c), called by cmd_round. */
struct store_actor;
int cli_round_download(struct cli *c, const struct cmd *self, int year,
		       const char *ministry, const char *outfile,
		       const struct store_actor *actor, struct edit *ed);
int cli_round_upload(struct cli *c, int year, const char *file, const char *ministry,
		     int dry_run, int strict, const struct store_actor *actor,
		     struct edit *ed);
/* mdplan round remind (cmd_offline.c) */
struct cli_remind {
	int year;
	const char *smtp, *from, *days, *today, *site;
	int dry_run;
};
int cli_round_remind(struct cli *c, const struct cli_remind *o,
		     const struct store_actor *actor, struct edit *ed);

#endif
