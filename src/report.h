/*
 * report.h - readiness reports of a profile's records.
 *
 * A report is a profile's checklist progress, self and reviewer averages
 * per skill area, readiness verdict and notes (the evidence), for one role
 * or every role with a record, as text (for a terminal or a pipe),
 * Markdown (for a GitHub issue) or JSON "rolebook-report" version 1.
 * man/json-format.txt documents the JSON; its times are integers, Unix
 * seconds UTC (0 = none).  A report is for reading: it cannot be imported
 * (export.h makes the document that can).
 *
 * Functions never print and never exit: they return a status whose
 * message comes from report_strerror() and, where a detail pointer is
 * given, a new string with specifics (caller frees).  The command-line
 * side (cli_report() in cli.c) writes the result and the messages.
 */
#ifndef ROLEBOOK_REPORT_H
#define ROLEBOOK_REPORT_H

#include <stdbool.h>

#include "content.h"
#include "store.h"

#define REPORT_FORMAT "rolebook-report"
#define REPORT_VERSION 2

enum report_status {
	REPORT_OK = 0,
	REPORT_ERR_STORE,   /* the records cannot be read; the detail says why */
	REPORT_ERR_INVALID, /* bad argument: the role asked for does not load */
};

/* Static message for a status, e.g. "cannot read the database". */
const char *report_strerror(enum report_status status);

enum report_format {
	REPORT_TEXT = 0, /* for a terminal or a pipe */
	REPORT_MARKDOWN, /* GitHub-flavoured, to paste into an issue */
	REPORT_JSON,	 /* "rolebook-report" version 1 */
};

/*
 * Writes the readiness report of profile into *out (a new NUL-terminated
 * string, caller frees): for role only, or, when only is NULL, for every
 * role of cat with a record of the profile (all of cat's roles when there
 * is none).  Roles with records but missing from cat, or whose file does
 * not load, are named at the end as not reported.  Text from the database
 * and the content is sanitised; in Markdown it is escaped so that it
 * cannot start a heading, break a table or open code, links or HTML.
 * REPORT_ERR_STORE (detail: the store's message) when the records cannot
 * be read; only, when given, must load (else REPORT_ERR_INVALID, detail:
 * why it does not).  *out is NULL on failure.
 */
enum report_status report_profile(struct store *st, struct catalog *cat, const char *profile,
				  struct role *only, enum report_format format, char **out,
				  char **detail);

#endif
