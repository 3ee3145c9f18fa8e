/*
 * report_int.h - what the report modules share (report.c: text and the
 * choice of roles; report_json.c: JSON; report_md.c: Markdown;
 * report_issue.c: the Leadership Change issue).  Not a public API: only report*.c include it.
 */
#ifndef ROLEBOOK_REPORT_INT_H
#define ROLEBOOK_REPORT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "checklist.h"
#include <jansson.h>

#include "content.h"
#include "dates.h"
#include "due.h"
#include "readiness.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"

/* One rater's trend since their first snapshot (report_trend.c): self
 * always, each reviewer who has snapshots. */
struct report_trend {
	size_t k;		/* 0: self, else reviewer by.rev[k - 1] */
	bool has;		/* a first snapshot exists */
	char since[DATES_MAX];	/* its label: the day, the time if shared */
	struct readiness first; /* its readiness (when has) */
};

/* One role's records joined with its content; every number comes from
 * readiness_by_rater_cl(). */
struct report_role {
	struct role *role;
	struct checklist cl;
	struct store_rating *rt; /* every rater's, by rater then statement */
	size_t nrt;
	struct readiness_raters by; /* self and each reviewer */
	struct due_plan plan;	    /* from the appointment (report_due.c) */
	struct report_trend *trend; /* since each rater's first snapshot */
	size_t ntrend;
};

/* Loads the records of profile for r (loaded); report_role_done() frees
 * them, also after a failure. */
enum store_status report_role_load(struct report_role *rr, struct store *st, const char *profile,
				   struct role *r);
void report_role_done(struct report_role *rr);

/* The trends of rr (report_trend.c): loaded by report_role_load(). */
enum store_status report_trend_load(struct report_role *rr, struct store *st, const char *profile);
void report_trend_done(struct report_role *rr);
const struct rater_readiness *report_trend_rater(const struct report_role *rr,
						 const struct report_trend *t);
/* Whether any rater has a first snapshot. */
bool report_trend_any(const struct report_role *rr);
/* Calls fn for each area of t: its scores at the first snapshot and now
 * (first->name is the area's name; each layout writes the numbers its own
 * way) and the arrow (readiness_trend_of). */
typedef void (*trend_area_fn)(void *arg, size_t i, const struct area_score *first,
			      const struct area_score *now, const char *arrow);
void report_trend_each_area(const struct report_role *rr, const struct report_trend *t,
			    trend_area_fn fn, void *arg);
/* The trend laid out: text lines; Markdown list items under a title
 * wrapped in title_open/title_close ("### ", "" or "**", "**").  JSON lays
 * it out in report_json.c. */
void report_trend_text(struct strbuf *b, const struct report_role *rr);
void report_trend_md(struct strbuf *b, const struct report_role *rr, const char *title_open,
		     const char *title_close);

/*
 * Calls fn for every rating with a note, as evidence: the role's statements
 * in document order, each with its raters in order (self first), then
 * ratings of statements the role no longer has.
 */
typedef void (*evidence_fn)(void *arg, const struct report_role *rr, const struct store_rating *rt,
			    bool heading);
void report_each_evidence(const struct report_role *rr, evidence_fn fn, void *arg);

/* Calls fn for every step of rr's checklist with a note, as evidence
 * (dated by its record), in checklist order; num counts from 1. */
typedef void (*step_evidence_fn)(void *arg, size_t num, const struct checklist_entry *e);
void report_each_step_evidence(const struct report_role *rr, step_evidence_fn fn, void *arg);
/* One step's note as evidence in Markdown (arg: strbuf). */
void report_md_step_evidence(void *arg, size_t num, const struct checklist_entry *e);

/* The wording and area of the statement a rating is about: the content's
 * when the role still has it (true), else the rating's own (false). */
bool report_rating_subject(const struct report_role *rr, const struct store_rating *rt,
			   const char **text, const char **area);

/* The date a rater last rated or noted anything in the role: the latest
 * updated_at of their ratings, or 0 when there is none.  Reports show it
 * under the scores ("Last rated"). */
int64_t report_rater_latest(const struct rater_readiness *rd);
#define LATEST_LABEL "Last rated"

/* Whether any rater's counted ratings came from unsigned files; then the
 * scores end with an UNVERIFIED_LABEL row, each rater's cell "3 of 15"
 * (report_unverified_cell: a new string; none when nothing is rated). */
bool report_any_unverified(const struct readiness_raters *by);
char *report_unverified_cell(const struct readiness *rd, const char *none);
#define UNVERIFIED_LABEL "Unverified"

#define GONE_NOTE "(no longer in the role)"

/* "Not counted: ..." after the scores, when a rating is of a statement
 * the role no longer has. */
void report_uncounted_line(struct strbuf *b, const struct report_role *rr, const char *prefix);

/* REPORT_OK when the database holds profile, else REPORT_ERR_NOPROFILE
 * with the known ones in *detail ("no profile 'x' in the database; known
 * profiles: alice, bob"), or REPORT_ERR_STORE. */
enum report_status report_known_profile(struct store *st, const char *profile, char **detail);

/* ---- the appointment and what is overdue (report_due.c) ---- */

/* Fills rr->plan (rr->cl loaded) from profile's appointment for the role. */
void report_due_load(struct report_role *rr, struct store *st, const char *profile);
/* "Started: 2026-11-01; 2 overdue on 2026-11-10:" and the overdue items,
 * in text or (md) Markdown; nothing when the role was not started. */
void report_due_text(struct strbuf *b, const struct report_role *rr, bool md);
/* {"started", "today", "overdue": [{id, text, due, days_late}]}, or null. */
json_t *report_due_json(const struct report_role *rr);

/* ---- JSON (report_json.c) ---- */

/* A role left out of a report, and why (report.c chooses them). */
struct report_skipped {
	char *id;
	char *reason;
};

/* The head of a profile's report: format, version, profile and scale. */
json_t *report_json_doc(const char *profile);
/* One role's records laid out. */
json_t *report_json_role(const struct report_role *rr);
/* The roles left out: [{"id", "reason"}]. */
json_t *report_json_skipped(const struct report_skipped *skip, size_t nskip);

/* ---- Markdown (report_md.c) ---- */

/*
 * Appends s as inline Markdown text that survives GitHub: sanitised to one
 * line; every character that could start markup escaped with a backslash,
 * so that text can neither end a table cell, start a heading, nor open
 * code, emphasis, links, HTML, entities or math; web addresses written
 * whole as autolinks (<https://...>), so that their href is the address
 * as typed; and an @mention broken with an empty HTML comment (@<!-- -->x)
 * so that pasting it notifies no one.
 */
void report_md_text(struct strbuf *b, const char *s);
/* The self and reviewers table of a role, side by side. */
void report_md_scores(struct strbuf *b, const struct report_role *rr);
/* The verdict, each rater's own, and the disclaimer. */
void report_md_verdicts(struct strbuf *b, const struct report_role *rr);
/* One evidence entry as report_each_evidence() gives it (arg: strbuf). */
void report_md_evidence(void *arg, const struct report_role *rr, const struct store_rating *rt,
			bool heading);
/* A whole role's section of a Markdown report. */
void report_md_role(struct strbuf *b, const struct report_role *rr);

#endif
