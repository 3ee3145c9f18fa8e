/*
 * cli.h - the commands that write to stdout instead of opening the UI.
 * Each returns the process exit status and reports errors on stderr with
 * the program's name.
 */
#ifndef ROLEBOOK_CLI_H
#define ROLEBOOK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "content.h"

enum cli_style {
	CLI_PLAIN = 0,  /* text only: pipes and files */
	CLI_MONO,       /* bold, underline, reverse: a terminal with NO_COLOR */
	CLI_COLOR,      /* a terminal */
};

/* `rolebook list`: id, title and summary of every role, tab-separated. */
int cli_list(struct catalog *cat, FILE *out);

/* `rolebook print`: the role rendered at width cells. */
int cli_print(struct role *r, int width, enum cli_style style, bool ascii, FILE *out);

/* Prints "rolebook: " and the message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
