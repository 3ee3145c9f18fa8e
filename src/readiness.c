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
 *   earlier value.  A rating of a statement the role no longer has is
 *   never counted: not in an average, a count, a snapshot's values or a
 *   trend; it is only counted in readiness.uncounted so that screens can
 *   say so.  This is the one place the rule lives.
 * - "Below the threshold" has one definition, below(), used both for
 *   area_score.meets and for choosing how many decimals to print, so a
 *   verdict never shows an average that looks equal to its threshold.
 * - A role with no checklist items and no skill areas is "ready": both
 *   conditions hold trivially.  The verdict is a guide, not a decision
 *   (READINESS_DISCLAIMER); callers show that next to it.
 * - The checklist condition is the prerequisites: the items the role marks
 *   required, or every item when it marks none.  Other items are counted
 *   (readiness_checklist_line) but never hold a verdict back.
 * - Each rater has a verdict of their own (readiness.verdict); the one
 *   every screen and report shows is readiness_raters.verdict, made here
 *   from all of them (overall()): ready only when the candidate's own and
 *   every reviewer's are, and never before a reviewer has rated.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
void
readiness_format_threshold(double threshold, char buf[16])
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

/* The checklist's part of a verdict, or NULL when the prerequisites are
 * done: a new string. */
static char *
checklist_piece(const struct readiness *r)
{
	size_t left = r->req_total - r->req_done;

	if (r->req_done >= r->req_total)
		return NULL;
	if (r->marked)
		return xasprintf("%zu of %zu prerequisite%s not done", left, r->req_total,
				 r->req_total == 1 ? "" : "s");
	return xasprintf("%zu checklist item%s left", left, left == 1 ? "" : "s");
}

/* Appends to *v, after *sep, the areas of r below their threshold
 * ("Architecture 2.3 below 3.0", "Community not rated"), the first one
 * after prefix, the others after inner; when there is any, *sep becomes
 * "; " for what follows. */
static void
area_pieces(char **v, const char **sep, const char *prefix, const struct readiness *r,
	    const char *inner)
{
	bool first = true;

	for (size_t a = 0; a < r->nareas; a++) {
		const struct area_score *sc = &r->areas[a];
		char avg[16], thr[16], *piece;

		if (sc->meets)
			continue;
		if (sc->rated == 0) {
			piece = xasprintf("%s%s not rated", first ? prefix : "", sc->name);
		} else {
			readiness_format(sc->avg, sc->threshold, avg);
			readiness_format_threshold(sc->threshold, thr);
			piece =
			    xasprintf("%s%s %s below %s", first ? prefix : "", sc->name, avg, thr);
		}
		append(v, first ? *sep : inner, piece);
		free(piece);
		first = false;
	}
	if (!first)
		*sep = "; ";
}

static char *
verdict(const struct readiness *r)
{
	char *v, *piece;
	const char *sep = "";

	if (r->ready)
		return xstrdup("ready");
	v = xstrdup("not yet: ");
	if ((piece = checklist_piece(r)) != NULL) {
		append(&v, sep, piece);
		free(piece);
		sep = "; ";
	}
	area_pieces(&v, &sep, "", r, "; ");
	return v;
}

/* The checklist counts of a readiness. */
struct items {
	size_t done, total, req_done, req_total;
	bool marked;
	size_t unverified;     /* done items from unsigned files */
	size_t req_unverified; /* of which prerequisites (all when none is marked) */
};

static void compute(struct readiness *out, const struct role *role,
		    const struct store_rating *ratings, size_t nratings, const struct items *it);

void
readiness_compute(struct readiness *out, const struct role *role,
		  const struct store_rating *ratings, size_t nratings, size_t items_done,
		  size_t items_total)
{
	struct items it = {items_done, items_total, items_done, items_total, false, 0, 0};

	compute(out, role, ratings, nratings, &it);
}

static void
items_of(struct items *it, const struct checklist *cl)
{
	memset(it, 0, sizeof *it);
	if (cl == NULL)
		return;
	it->done = cl->done;
	it->total = cl->n;
	for (size_t i = 0; i < cl->n; i++)
		if (cl->v[i].done && cl->v[i].rec != NULL &&
		    cl->v[i].rec->origin == STORE_UNVERIFIED)
			it->unverified++;
	for (size_t i = 0; i < cl->n; i++)
		if (cl->v[i].item->required) {
			it->marked = true;
			it->req_total++;
			it->req_done += cl->v[i].done;
			it->req_unverified += cl->v[i].done && cl->v[i].rec != NULL &&
					      cl->v[i].rec->origin == STORE_UNVERIFIED;
		}
	if (!it->marked) {
		it->req_done = it->done;
		it->req_total = it->total;
		it->req_unverified = it->unverified;
	}
}

void
readiness_compute_cl(struct readiness *out, const struct role *role,
		     const struct store_rating *ratings, size_t nratings,
		     const struct checklist *cl)
{
	struct items it;

	items_of(&it, cl);
	compute(out, role, ratings, nratings, &it);
}

static void
compute(struct readiness *out, const struct role *role, const struct store_rating *ratings,
	size_t nratings, const struct items *it)
{
	assert(out != NULL && role != NULL);
	assert(ratings != NULL || nratings == 0);

	memset(out, 0, sizeof *out);
	out->items_done = it->done;
	out->items_total = it->total;
	out->req_done = it->req_done;
	out->req_total = it->req_total;
	out->marked = it->marked;
	out->items_unverified = it->unverified;
	out->req_unverified = it->req_unverified;
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
				out->rated_unverified += rt->origin == STORE_UNVERIFIED;
			}
		}
		sc->avg = sc->rated ? (double)sum / (double)sc->rated : 0.0;
		sc->meets = sc->rated > 0 && !below(sc->avg, sc->threshold);
	}
	for (size_t i = 0; i < nratings; i++) {
		bool known = false;

		if (ratings[i].value < 1 || ratings[i].value > 5 || ratings[i].statement_id == NULL)
			continue;
		for (size_t k = 0; k < role->nstmts && !known; k++)
			known = strcmp(role->stmts[k].id, ratings[i].statement_id) == 0;
		out->uncounted += !known;
	}
	out->ready = out->req_done >= out->req_total;
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

void
readiness_of_snapshot(struct readiness *out, const struct role *role,
		      const struct store_snapshot *snap)
{
	readiness_compute(out, role, snap->ratings, snap->nratings, 0, 0);
}

/* ---- per rater ---- */

static int
cmp_name(const void *x, const void *y)
{
	return strcmp(((const struct rater_readiness *)x)->rater,
		      ((const struct rater_readiness *)y)->rater);
}

static void
group_add(struct rater_readiness *g, const struct store_rating *rt, size_t cap)
{
	if (g->rt == NULL)
		g->rt = xcalloc(cap ? cap : 1, sizeof *g->rt);
	g->rt[g->nrt++] = *rt;
}

/* The overall verdict of every rater's readiness (see readiness.h). */
static void
overall(struct readiness_raters *r)
{
	const char *sep = "";
	char *v, *piece;

	r->ready = r->self.rd.ready && r->nrev > 0;
	for (size_t k = 0; k < r->nrev; k++)
		r->ready = r->ready && r->rev[k].rd.ready;
	if (r->ready) {
		r->verdict = xstrdup("ready");
		return;
	}
	v = xstrdup("not yet: ");
	if ((piece = checklist_piece(&r->self.rd)) != NULL) {
		append(&v, sep, piece);
		free(piece);
		sep = "; ";
	}
	area_pieces(&v, &sep, "self: ", &r->self.rd, ", ");
	for (size_t k = 0; k < r->nrev; k++) {
		char *prefix = xasprintf("%s: ", r->rev[k].rater);
		area_pieces(&v, &sep, prefix, &r->rev[k].rd, ", ");
		free(prefix);
	}
	if (r->nrev == 0)
		append(&v, sep, "no reviewer has rated yet");
	r->verdict = v;
}

/* The verdict says when records it rests on are not verified. */
static void
unverified_note(struct readiness_raters *r)
{
	char *v;

	if (r->unverified == 0)
		return;
	v = r->unverified == 1
		? xasprintf("%s (1 of the records it rests on is unverified, from an unsigned "
			    "file)",
			    r->verdict)
		: xasprintf("%s (%zu of the records it rests on are unverified, from unsigned "
			    "files)",
			    r->verdict, r->unverified);
	free(r->verdict);
	r->verdict = v;
}

static void by_rater(struct readiness_raters *out, const struct role *role,
		     const struct store_rating *all, size_t n, const struct items *it);

void
readiness_by_rater(struct readiness_raters *out, const struct role *role,
		   const struct store_rating *all, size_t n, size_t items_done, size_t items_total)
{
	struct items it = {items_done, items_total, items_done, items_total, false, 0, 0};

	by_rater(out, role, all, n, &it);
}

void
readiness_by_rater_cl(struct readiness_raters *out, const struct role *role,
		      const struct store_rating *all, size_t n, const struct checklist *cl)
{
	struct items it;

	items_of(&it, cl);
	by_rater(out, role, all, n, &it);
}

static void
by_rater(struct readiness_raters *out, const struct role *role, const struct store_rating *all,
	 size_t n, const struct items *it)
{
	size_t cap = 0;

	assert(out != NULL && role != NULL);
	memset(out, 0, sizeof *out);
	out->self.rater = "";
	for (size_t i = 0; i < n; i++) {
		const char *who = all[i].rater != NULL ? all[i].rater : "";
		struct rater_readiness *g = NULL;

		if (*who == '\0') {
			g = &out->self;
		} else {
			for (size_t k = 0; k < out->nrev && g == NULL; k++)
				if (strcmp(out->rev[k].rater, who) == 0)
					g = &out->rev[k];
			if (g == NULL) {
				out->rev = xgrow(out->rev, &cap, out->nrev + 1, sizeof *out->rev);
				g = &out->rev[out->nrev++];
				memset(g, 0, sizeof *g);
				g->rater = who;
			}
		}
		group_add(g, &all[i], n);
	}
	if (out->nrev > 1)
		qsort(out->rev, out->nrev, sizeof *out->rev, cmp_name);
	compute(&out->self.rd, role, out->self.rt, out->self.nrt, it);
	for (size_t k = 0; k < out->nrev; k++)
		compute(&out->rev[k].rd, role, out->rev[k].rt, out->rev[k].nrt, it);
	overall(out);
	/* what the verdict rests on: the prerequisites and the counted ratings */
	out->unverified = it->req_unverified + out->self.rd.rated_unverified;
	for (size_t k = 0; k < out->nrev; k++)
		out->unverified += out->rev[k].rd.rated_unverified;
	unverified_note(out);
}

void
readiness_raters_done(struct readiness_raters *r)
{
	if (r == NULL)
		return;
	readiness_done(&r->self.rd);
	free(r->self.rt);
	for (size_t k = 0; k < r->nrev; k++) {
		readiness_done(&r->rev[k].rd);
		free(r->rev[k].rt);
	}
	free(r->rev);
	free(r->verdict);
	memset(r, 0, sizeof *r);
}

const struct rater_readiness *
readiness_rater(const struct readiness_raters *r, const char *rater)
{
	if (rater == NULL || *rater == '\0')
		return &r->self;
	for (size_t k = 0; k < r->nrev; k++)
		if (strcmp(r->rev[k].rater, rater) == 0)
			return &r->rev[k];
	return NULL;
}

const struct store_rating *
readiness_rating(const struct store_rating *rt, size_t n, const char *id)
{
	return last_rating(rt, n, id);
}

/* The value that counts, 0 when none. */
static int
value_of(const struct rater_readiness *g, const char *id)
{
	const struct store_rating *rt = last_rating(g->rt, g->nrt, id);

	return rt != NULL && rt->value >= 1 && rt->value <= 5 ? rt->value : 0;
}

bool
readiness_disagree(const struct readiness_raters *r, const char *id)
{
	int lo = value_of(&r->self, id), hi = lo;

	for (size_t k = 0; k < r->nrev; k++) {
		int v = value_of(&r->rev[k], id);
		if (v == 0)
			continue;
		if (lo == 0 || v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	return lo > 0 && hi - lo >= 2;
}

/* ---- wording ---- */

void
readiness_area_value(const struct area_score *sc, const char *none, char buf[16])
{
	if (sc->rated > 0)
		readiness_format(sc->avg, sc->threshold, buf);
	else
		snprintf(buf, 16, "%s", none);
}

char *
readiness_area_summary(const struct area_score *sc)
{
	char avg[16];

	if (sc->rated == 0)
		return xasprintf("not rated (%zu statement%s)", sc->total,
				 sc->total == 1 ? "" : "s");
	readiness_format(sc->avg, sc->threshold, avg);
	return xasprintf("average %s (%zu of %zu statement%s rated)", avg, sc->rated, sc->total,
			 sc->total == 1 ? "" : "s");
}

char *
readiness_area_list(const struct readiness *rd, bool ascii)
{
	char *out = xstrdup("");

	for (size_t a = 0; a < rd->nareas; a++) {
		char avg[16], *next;

		readiness_area_value(&rd->areas[a], "-", avg);
		next = xasprintf("%s%s%s %s", out,
				 a == 0	 ? ""
				 : ascii ? ", "
					 : " \xc2\xb7 ",
				 rd->areas[a].name, avg);
		free(out);
		out = next;
	}
	return out;
}

char *
readiness_checklist_line(const struct readiness *rd)
{
	char req[48] = "", rest[48] = "";

	if (rd->items_total == 0)
		return xstrdup("Checklist: none in this role");
	if (rd->req_unverified > 0)
		snprintf(req, sizeof req, ", %zu unverified", rd->req_unverified);
	if (!rd->marked)
		return xasprintf("Checklist: %zu of %zu done%s", rd->items_done, rd->items_total,
				 req);
	if (rd->items_unverified > rd->req_unverified)
		snprintf(rest, sizeof rest, ", %zu unverified",
			 rd->items_unverified - rd->req_unverified);
	return xasprintf("Prerequisites: %zu of %zu done%s; onboarding tasks: %zu of %zu done%s",
			 rd->req_done, rd->req_total, req, rd->items_done - rd->req_done,
			 rd->items_total - rd->req_total, rest);
}

char *
readiness_unverified_mark(const struct readiness *rd)
{
	size_t rated = 0;

	if (rd->rated_unverified == 0)
		return xstrdup("");
	for (size_t a = 0; a < rd->nareas; a++)
		rated += rd->areas[a].rated;
	return xasprintf(" (%zu of %zu rating%s unverified)", rd->rated_unverified, rated,
			 rated == 1 ? "" : "s");
}

char **
readiness_summary_lines(const struct readiness_raters *r, bool ascii, size_t *n)
{
	char **v = xcalloc(r->nrev + 3, sizeof *v), *list;

	*n = 0;
	v[(*n)++] = readiness_checklist_line(&r->self.rd);
	for (size_t k = 0; k <= r->nrev; k++) {
		const struct rater_readiness *g = k == 0 ? &r->self : &r->rev[k - 1];
		char *mark = readiness_unverified_mark(&g->rd);

		list = readiness_area_list(&g->rd, ascii);
		v[(*n)++] = xasprintf("%s: %s%s", k == 0 ? "self" : g->rater, list, mark);
		free(list);
		free(mark);
	}
	v[(*n)++] = xasprintf("Readiness: %s", r->verdict);
	return v;
}

void
readiness_lines_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

size_t
readiness_raters_uncounted(const struct readiness_raters *r)
{
	size_t n = r->self.rd.uncounted;

	for (size_t k = 0; k < r->nrev; k++)
		n += r->rev[k].rd.uncounted;
	return n;
}

char *
readiness_uncounted_note(size_t n)
{
	if (n == 0)
		return NULL;
	if (n == 1)
		return xstrdup("Not counted: 1 rating of a statement the role no longer has.");
	return xasprintf("Not counted: %zu ratings of statements the role no longer has.", n);
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

const char *
readiness_trend_of(const struct area_score *before, const struct area_score *now, bool ascii)
{
	return readiness_trend(before->avg, before->rated, now->avg, now->rated, ascii);
}
