/*
 * report_trend.c - the trend since the first snapshot, for every report
 * format: the candidate's own ratings and each reviewer's who has
 * snapshots, area by area, from that snapshot to now.  Loaded once with
 * the role's records (report_role_load); text, Markdown, JSON and the
 * issue body only lay it out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "readiness.h"
#include "report_int.h"
#include "strbuf.h"
#include "xalloc.h"

/* The rater of trend t: self or one of the reviewers. */
const struct rater_readiness *
report_trend_rater(const struct report_role *rr, const struct report_trend *t)
{
	return t->k == 0 ? &rr->by.self : &rr->by.rev[t->k - 1];
}

enum store_status
report_trend_load(struct report_role *rr, struct store *st, const char *profile)
{
	for (size_t k = 0; k <= rr->by.nrev; k++) {
		const struct rater_readiness *g = k == 0 ? &rr->by.self : &rr->by.rev[k - 1];
		struct store_snapshot *sn = NULL;
		size_t nsn = 0;
		struct report_trend *t;
		enum store_status s =
		    store_snapshots_get(st, profile, rr->role->id, g->rater, &sn, &nsn);

		if (s != STORE_OK)
			return s;
		/* self always has a line (no snapshot yet says so); a
		 * reviewer only with snapshots */
		if (nsn == 0 && k > 0) {
			store_snapshots_free(sn, nsn);
			continue;
		}
		rr->trend = xreallocarray(rr->trend, rr->ntrend + 1, sizeof *rr->trend);
		t = &rr->trend[rr->ntrend++];
		memset(t, 0, sizeof *t);
		t->k = k;
		if (nsn > 0) {
			/* the day, and the time when another snapshot shares it */
			int64_t *times = xcalloc(nsn, sizeof *times);

			for (size_t i = 0; i < nsn; i++)
				times[i] = sn[i].taken_at;
			dates_label(sn[0].taken_at, times, nsn, t->since);
			free(times);
			readiness_of_snapshot(&t->first, rr->role, &sn[0]);
			t->has = true;
		}
		store_snapshots_free(sn, nsn);
	}
	return STORE_OK;
}

void
report_trend_done(struct report_role *rr)
{
	for (size_t i = 0; i < rr->ntrend; i++)
		if (rr->trend[i].has)
			readiness_done(&rr->trend[i].first);
	free(rr->trend);
	rr->trend = NULL;
	rr->ntrend = 0;
}

bool
report_trend_any(const struct report_role *rr)
{
	for (size_t i = 0; i < rr->ntrend; i++)
		if (rr->trend[i].has)
			return true;
	return false;
}

void
report_trend_each_area(const struct report_role *rr, const struct report_trend *t, trend_area_fn fn,
		       void *arg)
{
	const struct readiness *now = &report_trend_rater(rr, t)->rd;

	if (!t->has)
		return;
	for (size_t a = 0; a < t->first.nareas && a < now->nareas; a++)
		fn(arg, a, &t->first.areas[a], &now->areas[a],
		   readiness_trend_of(&t->first.areas[a], &now->areas[a], false));
}

/* ---- the layouts: text and Markdown (JSON: report_json.c) ---- */

/* An area's value as the text layouts show it: "3.5", "–" when not rated. */
static void
trend_value(const struct area_score *sc, char buf[16])
{
	readiness_area_value(sc, "\xe2\x80\x93", buf);
}

static void
text_trend_area(void *arg, size_t i, const struct area_score *first, const struct area_score *now,
		const char *arrow)
{
	struct strbuf *b = arg;
	const char *area = first->name;
	char before[16], after[16];

	trend_value(first, before);
	trend_value(now, after);
	strbuf_printf(b, "%s%s %s \xe2\x86\x92 %s%s%s", i > 0 ? " \xc2\xb7 " : "", area, before,
		      after, *arrow ? " " : "", arrow); /* U+2192 */
}

/* "Trend since the first snapshot:" a line per rater, or that there is
 * none (report_trend.c). */
void
report_trend_text(struct strbuf *b, const struct report_role *rr)
{
	if (!report_trend_any(rr)) {
		strbuf_puts(b, "\nTrend since the first snapshot: no snapshot yet\n");
		return;
	}
	strbuf_puts(b, "\nTrend since the first snapshot:\n");
	for (size_t i = 0; i < rr->ntrend; i++) {
		const struct report_trend *t = &rr->trend[i];
		const char *who = t->k == 0 ? "self" : report_trend_rater(rr, t)->rater;

		strbuf_printf(b, "  %s", who);
		if (!t->has) {
			strbuf_puts(b, ": no snapshot yet\n");
			continue;
		}
		strbuf_printf(b, ", since %s: ", t->since);
		report_trend_each_area(rr, t, text_trend_area, b);
		strbuf_puts(b, "\n");
	}
}

static void
md_trend_area(void *arg, size_t i, const struct area_score *first, const struct area_score *now,
	      const char *arrow)
{
	struct strbuf *b = arg;
	char before[16], after[16];

	trend_value(first, before);
	trend_value(now, after);
	if (i > 0)
		strbuf_puts(b, " \xc2\xb7 ");
	report_md_text(b, first->name);
	strbuf_printf(b, " %s \xe2\x86\x92 %s%s%s", before, after, *arrow ? " " : "", arrow);
}

void
report_trend_md(struct strbuf *b, const struct report_role *rr, const char *title_open,
		const char *title_close)
{
	if (!report_trend_any(rr)) {
		strbuf_printf(b, "\n%sTrend since the first snapshot:%s no snapshot yet\n",
			      title_open, title_close);
		return;
	}
	strbuf_printf(b, "\n%sTrend since the first snapshot%s\n\n", title_open, title_close);
	for (size_t i = 0; i < rr->ntrend; i++) {
		const struct report_trend *t = &rr->trend[i];

		strbuf_puts(b, "- ");
		if (t->k == 0)
			strbuf_puts(b, "self");
		else
			report_md_text(b, report_trend_rater(rr, t)->rater);
		if (!t->has) {
			strbuf_puts(b, ": no snapshot yet\n");
			continue;
		}
		strbuf_printf(b, ", since %s: ", t->since);
		report_trend_each_area(rr, t, md_trend_area, b);
		strbuf_puts(b, "\n");
	}
}
