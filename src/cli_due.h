/*
 * cli_due.h - the commands about time: `rolebook start`, `rolebook
 * agenda`, `rolebook calendar`, and the due column of `rolebook
 * checklist`.  They lay out what due.c and agenda.c compute.  Each
 * returns the exit status and reports errors on stderr (cli_error).
 */
#ifndef ROLEBOOK_CLI_DUE_H
#define ROLEBOOK_CLI_DUE_H

#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "due.h"
#include "store.h"

/* `rolebook start ROLE [YYYY-MM-DD|clear]`: records (day NULL: today, the
 * local day of now) or clears the day profile took up role.  A day that
 * is not a real calendar date is refused with status 2. */
int cli_start(struct store *st, const char *profile, struct role *r, const char *day, int64_t now,
	      FILE *out);

/* agenda's exit status on an error (an unusable database, content or
 * output): 2, as grep does, since 1 says that an item is overdue. */
#define CLI_AGENDA_ERROR 2

/* `rolebook agenda`: every open item of every role the profile started,
 * the dated ones by due date (so overdue first), then the undated ones.
 * Returns 1 when an item is overdue, CLI_AGENDA_ERROR on an error, else 0. */
int cli_agenda(struct store *st, struct catalog *cat, const char *profile, int64_t now, FILE *out);

/* `rolebook calendar [-o FILE]`: the agenda (done items too) as an
 * iCalendar file, to FILE (by export -o's rule, cli_output.h: mode 0600, a
 * temporary file renamed, never the database; into a FIFO or a named
 * descriptor) or, when output is NULL or "-", to out. */
int cli_calendar(struct store *st, struct catalog *cat, const char *profile, const char *output,
		 int64_t now, FILE *out);

/* The due column of `rolebook checklist`, CLI_DUE_WIDTH cells: "2026-11-08
 * in 5 days    " for item i of plan p when it is open and has a due date,
 * blanks otherwise.  Writes to buf (CLI_DUE_SIZE bytes), returns it. */
#define CLI_DUE_WIDTH 26
#define CLI_DUE_SIZE 64
char *cli_due_cell(const struct due_plan *p, size_t i, bool done, char *buf);

#endif
