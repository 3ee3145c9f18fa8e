/*
 * cmd.h - the command line as tables (tmux's cmd_entry): one table of
 * options and one of commands, each command with its name, its
 * arguments, the options it takes, its handler and its help line.  The
 * option parser, the command lookup and --help are all made from them.
 *
 * Part of the program, not of librolebook: the handbook's command starts
 * the terminal (tui.c).
 */
#ifndef ROLEBOOK_CMD_H
#define ROLEBOOK_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "store.h"

#define CMD_MAX_CONTENT_DIRS 32

/* The options given, whichever command they are for. */
struct cmd_options {
	const char *content[CMD_MAX_CONTENT_DIRS];
	size_t ncontent;
	bool no_color;
	bool color_always;    /* --color=always: styled output in a pipe too */
	bool color_never;     /* --color=never, --no-color: print writes no escape codes */
	int hyperlinks;	      /* --hyperlinks: enum hyperlink_when (hyperlink.h) */
	const char *config;   /* --config FILE ("" turns the config file off) */
	int width;	      /* 0: the terminal's, or 80 */
	const char *db;	      /* --db */
	const char *reviewer; /* --reviewer */
	const char *profile;  /* --profile */
	const char *format;   /* --format (report) */
	const char *role;     /* --role (report) */
	const char *output;   /* -o, --output (export) */
	const char *as;	      /* --as (import) */
	bool all;	      /* --all (report) */
	const char *sign;     /* --sign KEY (export) */
	const char *allowed;  /* --allowed-signers FILE (import, review) */
	bool reviews;	      /* --reviews (export) */
	bool accept_unsigned; /* --accept-unsigned (import) */
	bool dry_run;	      /* --dry-run (import) */
	bool yes;	      /* --yes (forget) */
	bool files_only;      /* --files-with-matches, -l (search) */
	int64_t undo;	      /* --undo N (import), 0: none */
	char given[16];	      /* the command-specific option keys given, in order */
	/* --sig, --discussion and --offboarding (report --format issue) */
	const char *sig;
	const char *discussion;
	const char *offboarding;
	bool stepping_down; /* --stepping-down (checklist, check, uncheck) */
	const char *note;   /* --note TEXT (check, uncheck), NULL: not given */
	const char *root;   /* --root DIR: the repository root of links */
};

/* What a handler works with. */
struct cmd_ctx {
	const struct cmd_options *o;
	struct catalog *cat;
	const char *profile; /* --profile, else the login */
	const char *argv0;
};

struct cmd_entry {
	const char *name;	/* NULL: no command, the handbook itself */
	const char *args;	/* for the usage: "ROLE N|ID..." */
	const char *options;	/* keys of the command-specific options it takes */
	int min_args, max_args; /* max -1: any number */
	const char *what;	/* its arguments in words, for errors: "one role" */
	const char *help;	/* one line (wrapped by --help) */
	int (*exec)(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
};

/*
 * Parses the options (anywhere on the line) into o.  Returns -1 when the
 * program goes on with argv[*optind...]; else the exit status, having
 * printed the help, the version or the error.
 */
int cmd_parse(struct cmd_options *o, int argc, char **argv, int *optind_out);

/*
 * The command argv[0] names, the handbook's when argc is 0 or argv[0] is
 * no command's name (a role or a file).  Sets *skip to the words it took
 * (0 or 1).  Never NULL.
 */
const struct cmd_entry *cmd_find(int argc, char **argv, int *skip);

/* Checks the options and the number of arguments for e; returns 0, or 2
 * after printing why not. */
int cmd_check(const struct cmd_entry *e, const struct cmd_options *o, int argc, char **argv);

/* Loads the roles (--content folders, the user's, the bundled ones) and
 * runs e's handler; returns the exit status. */
int cmd_run(const struct cmd_entry *e, const struct cmd_options *o, const char *argv0, int argc,
	    char **argv);

/* The handlers of the other commands and the handbook (cmd_exec.c). */
int cmd_exec_ui(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_list(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_print(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_checklist(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_check(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_assessment(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_profiles(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_report(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
/* start; agenda and calendar (cmd_due.c). */
int cmd_exec_start(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_agenda(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
/* The handlers of export, import, imports and forget (cmd_import.c). */
int cmd_exec_export(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
/* search (cmd_search.c). */
int cmd_exec_search(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
/* links (cmd_links.c). */
int cmd_exec_links(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
int cmd_exec_forget(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv);
/* review DIR: every export in dir (and its subfolders) read into a new
 * store in memory, signed ones verified against allowed (NULL:
 * DIR/allowed_signers), unsigned ones by the import's rules (reviewer
 * ratings only with accept_unsigned); *notice a new message for the
 * status line (a leading '!' marks a warning) naming every refused file.
 * NULL, with a message printed, when dir cannot be read. */
struct store *cmd_open_exports(const char *dir, const char *allowed, bool accept_unsigned,
			       size_t *loaded, char **notice);
/* Opens the database of --db, or says why not (NULL). */
struct store *cmd_open_store(const struct cmd_options *o);

/* How many lines of the config file cmd_parse could not use (each said
 * on stderr), for the handbook's status line (issue 16). */
size_t cmd_config_problems(void);

/* --help, made from the tables; db_option is the --db given, if any. */
void cmd_usage(FILE *out, const char *db_option);

#endif
