/*
 * report.h - readiness reports of a profile's records.
 *
 * A report is a profile's checklist progress, self and reviewer averages
 * per skill area, readiness verdict and notes (the evidence), for one role
 * or every role with a record, as text (for a terminal or a pipe),
 * Markdown (for a GitHub issue), JSON "rolebook-report" version 2, or the
 * body of the community's Leadership Change issue (report_issue.c).
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
	REPORT_ERR_STORE,     /* the records cannot be read; the detail says why */
	REPORT_ERR_INVALID,   /* bad argument: the role asked for does not load */
	REPORT_ERR_NOPROFILE, /* no such profile; the detail names the known ones */
};

/* The clock whose local day reports take as today for due dates
 * (report_due.c); NULL: the system's.  For tests. */
void report_set_clock(int64_t (*clock)(void));

/* Static message for a status, e.g. "cannot read the database". */
const char *report_strerror(enum report_status status);

enum report_format {
	REPORT_TEXT = 0, /* for a terminal or a pipe */
	REPORT_MARKDOWN, /* GitHub-flavoured, to paste into an issue */
	REPORT_JSON,	 /* "rolebook-report" version 2 */
	REPORT_ISSUE,	 /* the body of the Leadership Change issue (report_issue) */
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
 * why it does not); a profile the database does not hold is
 * REPORT_ERR_NOPROFILE (detail: "no profile 'x' in the database; known
 * profiles: alice, bob").  *out is NULL on failure.  format must not be
 * REPORT_ISSUE (see report_issue()).
 */
enum report_status report_profile(struct store *st, struct catalog *cat, const char *profile,
				  struct role *only, enum report_format format, char **out,
				  char **detail);

/*
 * The profiles a whole-team report covers: every profile of the database
 * with records, or, when role is not NULL, every one with records of that
 * role (its candidates), sorted.  *names is a new array of new strings
 * (free with report_names_free()); REPORT_ERR_STORE when the database
 * cannot be read; REPORT_ERR_NOPROFILE (detail says so) when there is no
 * one to report.
 */
enum report_status report_candidates(struct store *st, const char *role, char ***names, size_t *n,
				     char **detail);
void report_names_free(char **names, size_t n);

/*
 * The reports of every profile named (report_profile() each), one after
 * another in text and Markdown, and in JSON one document
 * {"format": "rolebook-reports", "version": 2, "reports": [...]}.  Same
 * contract as report_profile().
 */
enum report_status report_many(struct store *st, struct catalog *cat, char *const *profiles,
			       size_t n, struct role *only, enum report_format format, char **out,
			       char **detail);

/* The fields of the Leadership Change issue that rolebook cannot know. */
struct report_issue_opts {
	const char *sig;	 /* "SIG Foo": required */
	const char *discussion;	 /* link to the discussion, or NULL */
	const char *offboarding; /* GitHub handles of the leads stepping down, or NULL */
};

/*
 * Writes into *out the body of the community's "Leadership Change" issue
 * form for the candidates profiles (their GitHub handles) and role (NULL:
 * the one role they all have records of): the form's fields in order,
 * the prerequisites and the onboarding tasks as task-list items ticked
 * when every candidate has done them, and under "Additional information"
 * each candidate's readiness (self and reviewers side by side, the trend
 * since the first snapshot, dated evidence).  Markdown as
 * report_profile() writes it.  REPORT_ERR_INVALID (detail says why) for a
 * missing SIG name, an unusable handle or no single role;
 * REPORT_ERR_NOPROFILE and REPORT_ERR_STORE as report_profile().
 */
enum report_status report_issue(struct store *st, struct catalog *cat, char *const *profiles,
				size_t n, struct role *role, const struct report_issue_opts *opts,
				char **out, char **detail);

#endif
