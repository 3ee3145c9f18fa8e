/*
 * readiness.h - the arithmetic of a self-assessment: averages per skill
 * area, thresholds, the one-line verdict, and snapshot comparison.
 *
 * Pure: no terminal, no database.  Ratings are 1..5; 0 means not rated
 * (skipped or cleared) and is left out of averages.  An area meets its
 * threshold when its average is at least the threshold; an area with no
 * rating at all does not.  The verdict is a guide for a conversation with
 * the chairs, not a decision, and says so (READINESS_DISCLAIMER).
 */
#ifndef ROLEBOOK_READINESS_H
#define ROLEBOOK_READINESS_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "store.h"

#define READINESS_DISCLAIMER \
	"A guide for a conversation with the SIG chairs, not a decision."

/* The five points of the scale; labels[0] is "not rated". */
extern const char *const readiness_labels[6];

struct area_score {
	const char *name;   /* borrowed from the role */
	long section;       /* outline entry describing the area, or -1 */
	size_t rated, total; /* statements rated, statements in the area */
	double avg;         /* mean of the rated statements; 0 when rated == 0 */
	double threshold;
	bool meets;         /* rated > 0 && avg >= threshold */
};

struct readiness {
	size_t items_done, items_total;
	struct area_score *areas; /* one per skill area of the role, in order */
	size_t nareas;
	bool ready;    /* every item done and every area meets its threshold */
	char *verdict; /* "ready", or "not yet: 3 checklist items left; Architecture 2.3 below 3.0" */
};

/*
 * Computes readiness for role from ratings (any rater's list; statements
 * are matched by statement_id, ratings of statements the role no longer
 * has are ignored) and checklist progress.  Fills out (free with
 * readiness_done()).
 */
void readiness_compute(struct readiness *out, const struct role *role,
                       const struct store_rating *ratings, size_t nratings, size_t items_done,
                       size_t items_total);
void readiness_done(struct readiness *r);

/* Formats an average for display: one decimal, or two where one decimal
 * would round onto the threshold ("2.95", not "3.0 below 3.0").  Writes
 * into buf (16 bytes). */
void readiness_format(double avg, double threshold, char buf[16]);

/* The average of the ratings in one area by name, from a snapshot's
 * ratings; *rated receives how many were rated.  Returns 0 when none. */
double readiness_area_avg(const struct store_rating *ratings, size_t n, const char *area,
                          size_t *rated);

/* A trend mark comparing now with before: "↑", "↓", "=" (ASCII "+",
 * "-", "=") or "" when either is unrated (rated counts 0). */
const char *readiness_trend(double before, size_t before_rated, double now, size_t now_rated,
                            bool ascii);

#endif
