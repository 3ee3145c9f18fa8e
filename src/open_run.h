/*
 * open_run.h - the thin layer that carries out a plan of open_link.c:
 * runs the opener (posix_spawnp, no shell, argv {program, url}) and
 * writes the OSC 52 sequence.  Part of the program, not of librolebook.
 */
#ifndef ROLEBOOK_OPEN_RUN_H
#define ROLEBOOK_OPEN_RUN_H

#include <stdbool.h>

#include "open_link.h"

/*
 * Runs p->program with url as its only argument.  OPEN_DESKTOP: in its
 * own process group, standard input and output on /dev/null, not waited
 * for (reaped by a later call); OPEN_TERMINAL: on the terminal, waited
 * for (the caller has given the terminal back).  Writes the OSC 52
 * sequence of url to fd for OPEN_CLIPBOARD.  OPEN_SHOW: writes url to fd
 * as one line on the terminal's own screen (the caller has left curses)
 * and waits for Enter on standard input.  Returns 0 or an errno.
 */
int open_run(const struct open_plan *p, const char *url, int fd);

#endif
