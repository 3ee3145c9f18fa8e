/*
 * cli_output.h - the one rule for where -o sends a command's output
 * (export, calendar): what a path names, and what may not be written.
 *
 * A regular file (or a new one) is replaced whole, through
 * files_replace() (the caller does it, with the path *real gives for a
 * symbolic link); a terminal or a pipe the user named is written into as
 * it is, never replaced; a name of an open descriptor (/dev/stdout,
 * /dev/fd/N, /proc/self/fd/N) writes to that descriptor.  The database and
 * its companions (-wal, -shm, -journal), folders, dangling symbolic links
 * and other special files are refused.  Messages go to stderr
 * (cli_error()), as "cannot VERB to PATH: why".
 */
#ifndef ROLEBOOK_CLI_OUTPUT_H
#define ROLEBOOK_CLI_OUTPUT_H

#include "store.h"

enum cli_target {
	CLI_TO_FILE,   /* replace the file (files_replace) */
	CLI_TO_STDOUT, /* the command's own output, as with -o - */
	CLI_TO_FD,     /* an open descriptor the path names */
	CLI_TO_DEVICE, /* a terminal or a pipe, opened by name */
};

/*
 * Decides where output goes (st: the open database, never written over):
 * 0 with *t set (*fd for CLI_TO_STDOUT and CLI_TO_FD; *real, a new string,
 * when output is a symbolic link to a file, which is replaced in its
 * place), or 1 after saying why it cannot.  verb names the action in
 * messages ("export", "write the calendar").
 */
int cli_output_target(struct store *st, const char *verb, const char *output, enum cli_target *t,
		      int *fd, char **real);

/* Writes text to the descriptor fd, or (fd < 0) to the terminal or pipe
 * output names, opened without creating or truncating anything; 0, or 1
 * after saying why not. */
int cli_output_into(const char *verb, const char *output, int fd, const char *text);

#endif
