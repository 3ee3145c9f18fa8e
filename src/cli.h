/*
 * cli.h - the commands that write to stdout instead of opening the UI.
 * Each returns the process exit status and reports errors on stderr with
 * the program's name.
 */
#ifndef ROLEBOOK_CLI_H
#define ROLEBOOK_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "checklist.h"
#include "content.h"
#include "report.h"
#include "store.h"

enum cli_style {
	CLI_PLAIN = 0, /* text only: pipes and files */
	CLI_MONO,      /* bold, underline, reverse: a terminal with NO_COLOR */
	CLI_COLOR,     /* a terminal */
};

/* `rolebook list`: id, title and summary of every role, tab-separated. */
int cli_list(struct catalog *cat, FILE *out);

/* `rolebook print`: the role rendered at width cells; with hyperlinks (and
 * a style other than plain), links are OSC 8 hyperlinks (hyperlink.h). */
int cli_print(struct role *r, int width, enum cli_style style, bool ascii, bool hyperlinks,
	      FILE *out);

/* `rolebook checklist`: the items of list numbered, [x] or [ ], done date
 * and note, grouped; then stale progress (onboarding).  When the profile
 * started the role (rolebook start), the onboarding list has a due column
 * first, as of the local day of now. */
int cli_checklist(struct store *st, const char *profile, struct role *r, enum checklist_list list,
		  int64_t now, FILE *out);

/* `rolebook check` / `uncheck`: marks the items of list named by args
 * (numbers or ids) done or not done and, when note is not NULL, sets
 * their note to it ("" removes it), all in one transaction; an invalid
 * argument changes nothing.  A step shared with another role changes
 * there too (checklist.h). */
int cli_check(struct store *st, const char *profile, struct role *r, enum checklist_list list,
	      char **args, int nargs, bool done, const char *note, int64_t now, FILE *out);

/* `rolebook assessment`: the latest ratings per skill area and statement,
 * the averages, the readiness summary and the history of snapshots.
 * rater NULL: the profile's own. */
int cli_assessment(struct store *st, const char *profile, const char *rater, struct role *r,
		   bool ascii, FILE *out);

/* --format of `report`: "text", "markdown" (or "md"), "json" or
 * "issue"; false for anything else. */
bool cli_report_format(const char *name, enum report_format *out);

/* `rolebook report`: report_profile() (report.c) of profile, or with all
 * report_many() of every profile (every candidate for only), or with
 * REPORT_ISSUE report_issue() of them (issue: its fields), written to
 * out, errors to stderr.  Returns 0, or 1 on failure. */
int cli_report(struct store *st, struct catalog *cat, const char *profile, bool all,
	       struct role *only, enum report_format format, const struct report_issue_opts *issue,
	       FILE *out);

/* `rolebook profiles`: every profile with its roles' progress. */
int cli_profiles(struct store *st, struct catalog *cat, FILE *out);

/* Prints "rolebook: " and the message to stderr. */
/* Writes the line saying where item is done (its link), if it has one. */
struct check_item;
void cli_put_where(FILE *out, const struct check_item *item);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
