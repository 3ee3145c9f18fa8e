/*
 * readiness.c - averages per skill area, thresholds, the verdict line and
 * trend marks (see readiness.h).
 *
 * Pure: no terminal, no database, no locale.  Invariants:
 *
 * - A rating counts when its value is 1..5; 0 (skipped or cleared) and
 *   anything out of range count as not rated.  Ratings are matched to the
 *   role's statements by statement_id; when one statement has several
 *   ratings the last in the list decides, so a later clear (0) undoes an
 *   earlier value.  Ratings of statements the role does not have are
 *   ignored.
 * - "Below the threshold" has one definition, below(), used both for
 *   area_score.meets and for choosing how many decimals to print, so a
 *   verdict never shows an average that looks equal to its threshold.
 * - A role with no checklist items and no skill areas is "ready": both
 *   conditions hold trivially.  The verdict is a guide, not a decision
 *   (READINESS_DISCLAIMER); callers show that next to it.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readiness.h"
#include "xalloc.h"

/* An average on its threshold meets it.  Quotients of small integers are
 * correctly rounded, so exact averages compare exactly anyway; the
 * tolerance covers averages and thresholds that went through printf and
 * strtod (readiness_format) or arithmetic elsewhere. */
#define EPS 1e-9

/* How many decimals formatting may use before giving up on telling an
 * average from its threshold (buffers are 16 bytes). */
#define MAX_DECIMALS 4

const char *const readiness_labels[6] = {
    "not rated", "not yet", "learning", "practising", "confident", "could teach it",
};

static bool
below(double avg, double threshold)
{
	return avg < threshold - EPS;
}

/* The threshold as shown in the verdict: "%.1f", or more decimals for a
 * threshold such as 3.25 that one decimal would misstate. */
static void
format_threshold(double threshold, char buf[16])
{
	for (int p = 1; p <= MAX_DECIMALS; p++) {
		snprintf(buf, 16, "%.*f", p, threshold);
		double d = strtod(buf, NULL) - threshold;
		if (d < EPS && d > -EPS)
			return;
	}
}

void
readiness_format(double avg, double threshold, char buf[16])
{
	bool is_below = below(avg, threshold);

	/* One decimal unless rounding would carry the average across the
	 * threshold: 2.95 against 3.0 reads "2.95", never "3.0 below 3.0". */
	for (int p = 1; p <= MAX_DECIMALS; p++) {
		snprintf(buf, 16, "%.*f", p, avg);
		if (below(strtod(buf, NULL), threshold) == is_below)
			return;
	}
}

/* Appends piece to the verdict being built in *s, after sep. */
static void
append(char **s, const char *sep, const char *piece)
{
	char *n = xasprintf("%s%s%s", *s, sep, piece);

	free(*s);
	*s = n;
}

/* The last rating of statement id in ratings, or NULL. */
static const struct store_rating *
last_rating(const struct store_rating *ratings, size_t n, const char *id)
{
	for (size_t i = n; i-- > 0;)
		if (ratings[i].statement_id != NULL && strcmp(ratings[i].statement_id, id) == 0)
			return &ratings[i];
	return NULL;
}

static char *
verdict(const struct readiness *r)
{
	char *v, *piece;
	const char *sep = "";

	if (r->ready)
		return xstrdup("ready");
	v = xstrdup("not yet: ");
	if (r->items_done < r->items_total) {
		size_t left = r->items_total - r->items_done;
		piece = xasprintf("%zu checklist item%s left", left, left == 1 ? "" : "s");
		append(&v, sep, piece);
		free(piece);
		sep = "; ";
	}
	for (size_t a = 0; a < r->nareas; a++) {
		const struct area_score *sc = &r->areas[a];
		char avg[16], thr[16];

		if (sc->meets)
			continue;
		if (sc->rated == 0) {
			piece = xasprintf("%s not rated", sc->name);
		} else {
			readiness_format(sc->avg, sc->threshold, avg);
			format_threshold(sc->threshold, thr);
			piece = xasprintf("%s %s below %s", sc->name, avg, thr);
		}
		append(&v, sep, piece);
		free(piece);
		sep = "; ";
	}
	return v;
}

void
readiness_compute(struct readiness *out, const struct role *role,
		  const struct store_rating *ratings, size_t nratings, size_t items_done,
		  size_t items_total)
{
	assert(out != NULL && role != NULL);
	assert(ratings != NULL || nratings == 0);

	memset(out, 0, sizeof *out);
	out->items_done = items_done;
	out->items_total = items_total;
	out->nareas = role->nareas;
	out->areas = xcalloc(role->nareas ? role->nareas : 1, sizeof *out->areas);
	for (size_t a = 0; a < role->nareas; a++) {
		struct area_score *sc = &out->areas[a];
		long sum = 0;

		sc->name = role->areas[a].name;
		sc->section = role->areas[a].section;
		sc->threshold = role->threshold;
		for (size_t i = 0; i < role->nstmts; i++) {
			const struct store_rating *rt;

			if (role->stmts[i].area != a)
				continue;
			sc->total++;
			rt = last_rating(ratings, nratings, role->stmts[i].id);
			if (rt != NULL && rt->value >= 1 && rt->value <= 5) {
				sum += rt->value;
				sc->rated++;
			}
		}
		sc->avg = sc->rated ? (double)sum / (double)sc->rated : 0.0;
		sc->meets = sc->rated > 0 && !below(sc->avg, sc->threshold);
	}
	out->ready = items_done >= items_total;
	for (size_t a = 0; a < out->nareas; a++)
		out->ready = out->ready && out->areas[a].meets;
	out->verdict = verdict(out);
}

void
readiness_done(struct readiness *r)
{
	if (r == NULL)
		return;
	free(r->areas);
	free(r->verdict);
	memset(r, 0, sizeof *r);
}

double
readiness_area_avg(const struct store_rating *ratings, size_t n, const char *area, size_t *rated)
{
	long sum = 0;
	size_t count = 0;

	assert(area != NULL);
	assert(ratings != NULL || n == 0);
	for (size_t i = 0; i < n; i++)
		if (ratings[i].area != NULL && strcmp(ratings[i].area, area) == 0 &&
		    ratings[i].value >= 1 && ratings[i].value <= 5) {
			sum += ratings[i].value;
			count++;
		}
	if (rated != NULL)
		*rated = count;
	return count ? (double)sum / (double)count : 0.0;
}

const char *
readiness_trend(double before, size_t before_rated, double now, size_t now_rated, bool ascii)
{
	if (before_rated == 0 || now_rated == 0)
		return "";
	if (now > before + 0.05)
		return ascii ? "+" : "\xe2\x86\x91"; /* U+2191 UPWARDS ARROW */
	if (now < before - 0.05)
		return ascii ? "-" : "\xe2\x86\x93"; /* U+2193 DOWNWARDS ARROW */
	return "=";
}
