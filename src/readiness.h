/*
 * readiness.h - the arithmetic of a self-assessment: averages per skill
 * area, thresholds, the one-line verdict, and snapshot comparison.
 *
 * Pure: no terminal, no database.  Ratings are 1..5; 0 means not rated
 * (skipped or cleared) and is left out of averages.  An area meets its
 * threshold when its average is at least the threshold; an area with no
 * rating at all does not.  The verdict hears every rater (the candidate
 * and each reviewer) and waits for the role's prerequisites (checklist
 * items marked required); it is a guide for a conversation with the
 * chairs, not a decision, and says so (READINESS_DISCLAIMER).
 */
#ifndef ROLEBOOK_READINESS_H
#define ROLEBOOK_READINESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checklist.h"
#include "content.h"
#include "store.h"

#define READINESS_DISCLAIMER "A guide for a conversation with the SIG chairs, not a decision."

/* The five points of the scale; labels[0] is "not rated". */
extern const char *const readiness_labels[6];

struct area_score {
	const char *name;    /* borrowed from the role */
	long section;	     /* outline entry describing the area, or -1 */
	size_t rated, total; /* statements rated, statements in the area */
	double avg;	     /* mean of the rated statements; 0 when rated == 0 */
	double threshold;
	bool meets; /* rated > 0 && avg >= threshold */
};

struct readiness {
	size_t items_done, items_total;
	/* The prerequisites: the items the role marks required (content
	 * README, "(required)").  A role that marks none makes every item one,
	 * as before such marks existed; marked tells which. */
	size_t req_done, req_total;
	bool marked;
	struct area_score *areas; /* one per skill area of the role, in order */
	size_t nareas;
	size_t uncounted; /* ratings (1..5) of statements the role no longer has */
	/* Records from unsigned files (STORE_UNVERIFIED) among those counted:
	 * done items, done prerequisites (every done item when the role marks
	 * none), and ratings counted in an average. */
	size_t items_unverified, req_unverified, rated_unverified;
	bool ready; /* every prerequisite done and every area meets its threshold */
	char *
	    verdict; /* "ready", or "not yet: 3 checklist items left; Architecture 2.3 below 3.0" */
};

/*
 * Computes readiness for role from ratings (one rater's list; statements
 * are matched by statement_id, and a rating of a statement the role no
 * longer has is never counted, anywhere: it only adds to uncounted) and
 * checklist progress.  Fills out (free with readiness_done()).
 */
void readiness_compute(struct readiness *out, const struct role *role,
		       const struct store_rating *ratings, size_t nratings, size_t items_done,
		       size_t items_total);
/* The same with the checklist itself (NULL: none), which tells the
 * prerequisites (items marked required) from the other items. */
void readiness_compute_cl(struct readiness *out, const struct role *role,
			  const struct store_rating *ratings, size_t nratings,
			  const struct checklist *cl);
void readiness_done(struct readiness *r);

/* The per-area values of a snapshot, by the same rule (no checklist). */
void readiness_of_snapshot(struct readiness *out, const struct role *role,
			   const struct store_snapshot *snap);

/* ---- per rater: the candidate's own ratings and each reviewer's ---- */

struct rater_readiness {
	const char *rater;	 /* "" for the candidate's own; borrowed */
	struct store_rating *rt; /* this rater's ratings (shallow copies) */
	size_t nrt;
	struct readiness rd;
};

struct readiness_raters {
	struct rater_readiness self; /* always there, rater "" */
	struct rater_readiness *rev; /* one per reviewer, by name */
	size_t nrev;
	/* The overall verdict, the one every screen and report shows: "ready"
	 * only when the prerequisites are done and both the self-ratings and
	 * every reviewer's ratings meet each area's threshold; with no
	 * reviewer it says so instead of "ready".  E.g. "not yet: 1 of 2
	 * prerequisites not done; self: Objectivity 2.5 below 3.0; chair-a:
	 * Objectivity 2.0 below 3.0" or "not yet: no reviewer has rated yet". */
	bool ready;
	char *verdict;
	/* How many of the records the verdict rests on (done items, counted
	 * ratings) came from unsigned files; the verdict then says so. */
	size_t unverified;
};

/* Groups every rater's ratings of one candidate's role (any order) by
 * rater and computes each group's readiness; the candidate's checklist
 * progress goes into every group.  Strings stay borrowed from all. */
void readiness_by_rater(struct readiness_raters *out, const struct role *role,
			const struct store_rating *all, size_t n, size_t items_done,
			size_t items_total);
/* The same with the checklist itself (NULL: none), for the prerequisites:
 * what screens, commands and reports call. */
void readiness_by_rater_cl(struct readiness_raters *out, const struct role *role,
			   const struct store_rating *all, size_t n, const struct checklist *cl);
void readiness_raters_done(struct readiness_raters *r);
/* The group of rater ("" self), or NULL. */
const struct rater_readiness *readiness_rater(const struct readiness_raters *r, const char *rater);

/* The rating that counts for statement id among one rater's ratings (the
 * last one), or NULL; its value is 0 when it is not rated. */
const struct store_rating *readiness_rating(const struct store_rating *rt, size_t n,
					    const char *id);
/* Whether two raters' values of statement id are 2 or more points apart. */
bool readiness_disagree(const struct readiness_raters *r, const char *id);

/* ---- wording: every screen and report says it the same way ---- */

/* Formats an average for display: one decimal, or two where one decimal
 * would round onto the threshold ("2.95", not "3.0 below 3.0").  Writes
 * into buf (16 bytes). */
void readiness_format(double avg, double threshold, char buf[16]);
/* A threshold with as few decimals (1 to 4) as show it exactly. */
void readiness_format_threshold(double threshold, char buf[16]);
/* An area's average as readiness_format() shows it, or none when nothing
 * is rated. */
void readiness_area_value(const struct area_score *sc, const char *none, char buf[16]);
/* "average 2.6 (5 of 8 statements rated)" or "not rated (8 statements)":
 * a new string. */
char *readiness_area_summary(const struct area_score *sc);
/* "Architecture 3.5 · Community -" (ASCII: ", " between areas): a new
 * string. */
char *readiness_area_list(const struct readiness *rd, bool ascii);
/* The checklist as the summary says it: "Prerequisites: 1 of 2 done;
 * onboarding tasks: 9 of 24 done", or "Checklist: 9 of 26 done" when the
 * role marks no prerequisite, or "Checklist: none in this role"; a count
 * with done items from unsigned files says how many ("2 of 2 done, 1
 * unverified"): a new string. */
char *readiness_checklist_line(const struct readiness *rd);
/* The summary lines of a candidate: the checklist line, then "self: "
 * and one line per reviewer ("chair-a: ") with readiness_area_list() and,
 * when some of the rater's counted ratings came from unsigned files,
 * readiness_unverified_mark(),
 * then "Readiness: " and the overall verdict.  Returns a new array of n
 * new strings; free with readiness_lines_free(). */
char **readiness_summary_lines(const struct readiness_raters *r, bool ascii, size_t *n);
void readiness_lines_free(char **v, size_t n);
/* " (3 of 15 ratings unverified)" for a rater some of whose counted
 * ratings came from unsigned files, else "": a new string. */
char *readiness_unverified_mark(const struct readiness *rd);

/* How many ratings, any rater's, are of statements the role no longer
 * has. */
size_t readiness_raters_uncounted(const struct readiness_raters *r);
/* "Not counted: 1 rating of a statement the role no longer has." for n
 * such ratings, or NULL when n is 0: a new string, the whole sentence
 * every screen and report prints. */
char *readiness_uncounted_note(size_t n);

/* A trend mark comparing now with before: "↑", "↓", "=" (ASCII "+",
 * "-", "=") or "" when either is unrated (rated counts 0). */
const char *readiness_trend(double before, size_t before_rated, double now, size_t now_rated,
			    bool ascii);
/* The same for two scores of one area. */
const char *readiness_trend_of(const struct area_score *before, const struct area_score *now,
			       bool ascii);

#endif
