/*
 * test_readiness.c - unit tests for src/readiness.c: area averages,
 * thresholds at their edges, the verdict line, trend marks, snapshot
 * averages and the scale labels.
 *
 * Roles are parsed from Markdown in memory with role_load_text(), in the
 * format of content/README.md, and rated through store_rating arrays built
 * here; nothing touches a file or a database.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "readiness.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

/* ---- helpers ----------------------------------------------------------- */

/* Two areas (Architecture: 4 statements, Community: 2) and 3 checklist
 * items, threshold from the front matter. */
static const char DEMO[] = "---\n"
			   "summary: Demo role\n"
			   "threshold: 3.0\n"
			   "---\n"
			   "# Demo\n"
			   "\n"
			   "A demo role.\n"
			   "\n"
			   "## Skill areas\n"
			   "\n"
			   "### Architecture\n"
			   "\n"
			   "You shape the design.\n"
			   "\n"
			   "### Community\n"
			   "\n"
			   "You help people.\n"
			   "\n"
			   "## Onboarding checklist\n"
			   "\n"
			   "### First week\n"
			   "\n"
			   "- [ ] Read the charter\n"
			   "- [ ] Join the channel\n"
			   "- [ ] Attend a meeting\n"
			   "\n"
			   "## Self-assessment\n"
			   "\n"
			   "### Architecture\n"
			   "\n"
			   "- I review designs.\n"
			   "- I write design documents.\n"
			   "- I mentor others on design.\n"
			   "- I keep the roadmap current.\n"
			   "\n"
			   "### Community\n"
			   "\n"
			   "- I answer questions in the channel.\n"
			   "- I welcome newcomers.\n";

/* A role parsed from memory, as role_load() would after reading a file
 * (role_new() starts every role at the default threshold 3.0). */
static struct role *
role_from_text(const char *text)
{
	struct role *r = xcalloc(1, sizeof *r);

	r->id = xstrdup("demo");
	r->path = xstrdup("(memory)");
	r->threshold = 3.0;
	role_load_text(r, text, strlen(text));
	return r;
}

/* Frees a role through a one-role catalogue, content.c's own cleanup. */
static void
role_drop(struct role *r)
{
	struct catalog c;

	catalog_init(&c);
	c.v = xmalloc(sizeof *c.v);
	c.v[0] = r;
	c.n = c.cap = 1;
	catalog_done(&c);
}

/* One area, "Architecture", with n statements; threshold as written in
 * the front matter. */
static struct role *
role_with_statements(const char *threshold, size_t n)
{
	char *text = xasprintf("---\nthreshold: %s\n---\n# Big\n\n## Skill areas\n\n"
			       "### Architecture\n\nYou shape the design.\n\n"
			       "## Self-assessment\n\n### Architecture\n\n",
			       threshold);
	struct role *r;

	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s- I do design task %zu.\n", text, i + 1);
		free(text);
		text = t;
	}
	r = role_from_text(text);
	free(text);
	return r;
}

/* The id of the statement with this text, or NULL (and a failure). */
static char *
sid(const struct role *r, const char *text)
{
	for (size_t i = 0; i < r->nstmts; i++)
		if (strcmp(r->stmts[i].text, text) == 0)
			return r->stmts[i].id;
	fprintf(stderr, "\nno statement \"%s\"\n", text);
	CU_FAIL("statement not found");
	return NULL;
}

/* A self-assessment rating; every string is borrowed. */
static struct store_rating
rating(char *statement_id, char *area, int value)
{
	struct store_rating rt;

	memset(&rt, 0, sizeof rt);
	rt.rater = "";
	rt.statement_id = statement_id;
	rt.area = area;
	rt.text = "";
	rt.value = value;
	return rt;
}

/* Computes readiness with r->stmts[i] rated values[i] (i < n).  The
 * ratings are freed before returning: the result must not borrow them. */
static void
compute_values(struct readiness *rd, const struct role *r, const int *values, size_t n, size_t done,
	       size_t total)
{
	struct store_rating *rt = xcalloc(n ? n : 1, sizeof *rt);

	CU_ASSERT_FATAL(n <= r->nstmts);
	for (size_t i = 0; i < n; i++)
		rt[i] = rating(r->stmts[i].id, r->areas[r->stmts[i].area].name, values[i]);
	readiness_compute(rd, r, rt, n, done, total);
	free(rt);
}

/* The verdict for the given values and checklist progress. */
static void
check_verdict(const struct role *r, const int *values, size_t n, size_t done, size_t total,
	      const char *want, bool want_ready)
{
	struct readiness rd;

	compute_values(&rd, r, values, n, done, total);
	UNIT_ASSERT_STR(want, rd.verdict);
	CU_ASSERT_EQUAL(rd.ready, want_ready);
	readiness_done(&rd);
}

/* ---- labels and formatting --------------------------------------------- */

static void
test_labels(void)
{
	CU_ASSERT_EQUAL(sizeof readiness_labels / sizeof readiness_labels[0], 6);
	UNIT_ASSERT_STR("not rated", readiness_labels[0]);
	UNIT_ASSERT_STR("not yet", readiness_labels[1]);
	UNIT_ASSERT_STR("learning", readiness_labels[2]);
	UNIT_ASSERT_STR("practising", readiness_labels[3]);
	UNIT_ASSERT_STR("confident", readiness_labels[4]);
	UNIT_ASSERT_STR("could teach it", readiness_labels[5]);
	UNIT_ASSERT_STR("A guide for a conversation with the SIG chairs, not a decision.",
			READINESS_DISCLAIMER);
}

/* readiness_format() into a buffer that starts out full of junk. */
static void
check_format(double avg, double threshold, const char *want)
{
	char buf[16];

	memset(buf, 'x', sizeof buf);
	readiness_format(avg, threshold, buf);
	UNIT_ASSERT_STR(want, buf);
}

static void
test_format(void)
{
	check_format(7.0 / 3.0, 3.0, "2.3");
	check_format(3.0, 3.0, "3.0");		/* exactly on the threshold */
	check_format(59.0 / 20.0, 3.0, "2.95"); /* one decimal would read "3.0" */
	check_format(2.96, 3.0, "2.96");
	check_format(2.94, 3.0, "2.9");	       /* rounds down: one decimal is honest */
	check_format(3.04, 3.0, "3.0");	       /* meets: rounding onto it is fine */
	check_format(2.996, 3.0, "2.996");     /* two decimals would still read "3.00" */
	check_format(3.0 - 1e-12, 3.0, "3.0"); /* within the tolerance: meets */
	check_format(4.5, 3.0, "4.5");
	check_format(0.0, 3.0, "0.0");
	check_format(5.0, 3.0, "5.0");
	check_format(3.45, 3.5, "3.45");
	check_format(10.0 / 3.0, 3.5, "3.3");
	check_format(3.5, 3.5, "3.5");
}

/* ---- compute ------------------------------------------------------------ */

static void
test_compute_averages(void)
{
	struct role *r = role_from_text(DEMO);
	struct readiness rd;
	/* Architecture 4, 3, 2 and one skipped; Community 5, 4 */
	static const int values[] = {4, 3, 2, 0, 5, 4};

	CU_ASSERT_EQUAL_FATAL(r->nareas, 2);
	CU_ASSERT_EQUAL_FATAL(r->nstmts, 6);
	CU_ASSERT_EQUAL_FATAL(r->nitems, 3);
	compute_values(&rd, r, values, 6, 3, 3);
	CU_ASSERT_EQUAL(rd.items_done, 3);
	CU_ASSERT_EQUAL(rd.items_total, 3);
	CU_ASSERT_EQUAL_FATAL(rd.nareas, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd.areas);

	UNIT_ASSERT_STR("Architecture", rd.areas[0].name);
	CU_ASSERT_PTR_EQUAL(rd.areas[0].name, r->areas[0].name); /* borrowed */
	CU_ASSERT_EQUAL(rd.areas[0].section, r->areas[0].section);
	CU_ASSERT_TRUE(rd.areas[0].section >= 0);
	CU_ASSERT_EQUAL(rd.areas[0].total, 4);
	CU_ASSERT_EQUAL(rd.areas[0].rated, 3); /* the skipped one is left out */
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[0].avg, 3.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[0].threshold, 3.0, 1e-12);
	CU_ASSERT_TRUE(rd.areas[0].meets); /* exactly equal meets */

	UNIT_ASSERT_STR("Community", rd.areas[1].name);
	CU_ASSERT_EQUAL(rd.areas[1].section, r->areas[1].section);
	CU_ASSERT_EQUAL(rd.areas[1].total, 2);
	CU_ASSERT_EQUAL(rd.areas[1].rated, 2);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[1].avg, 4.5, 1e-12);
	CU_ASSERT_TRUE(rd.areas[1].meets);

	CU_ASSERT_TRUE(rd.ready);
	UNIT_ASSERT_STR("ready", rd.verdict);
	readiness_done(&rd);
	CU_ASSERT_PTR_NULL(rd.areas);
	CU_ASSERT_PTR_NULL(rd.verdict);
	CU_ASSERT_EQUAL(rd.nareas, 0);
	readiness_done(&rd); /* a second call is harmless */
	readiness_done(NULL);
	role_drop(r);
}

static void
test_compute_cleared_duplicates_unknown(void)
{
	struct role *r = role_from_text(DEMO);
	char unknown[] = "000000000000";
	char arch[] = "Architecture", comm[] = "Community";
	struct store_rating rt[7];
	struct readiness rd;

	CU_ASSERT_EQUAL_FATAL(r->nareas, 2);
	/* rated 5, then cleared: the last rating wins, so not rated */
	rt[0] = rating(sid(r, "I review designs."), arch, 5);
	/* rated 1, then 4: counts as 4 */
	rt[1] = rating(sid(r, "I write design documents."), arch, 1);
	rt[2] = rating(sid(r, "I mentor others on design."), arch, 2);
	rt[3] = rating(sid(r, "I write design documents."), arch, 4);
	rt[4] = rating(sid(r, "I review designs."), arch, 0);
	/* statements the role does not have, even under its areas' names */
	rt[5] = rating(unknown, arch, 5);
	rt[6] = rating(unknown, comm, 5);
	readiness_compute(&rd, r, rt, 7, 3, 3);

	CU_ASSERT_EQUAL_FATAL(rd.nareas, 2);
	CU_ASSERT_EQUAL(rd.areas[0].total, 4);
	CU_ASSERT_EQUAL(rd.areas[0].rated, 2);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[0].avg, 3.0, 1e-12);
	CU_ASSERT_TRUE(rd.areas[0].meets);
	CU_ASSERT_EQUAL(rd.areas[1].total, 2);
	CU_ASSERT_EQUAL(rd.areas[1].rated, 0);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[1].avg, 0.0, 1e-12);
	CU_ASSERT_FALSE(rd.areas[1].meets);
	CU_ASSERT_FALSE(rd.ready);
	UNIT_ASSERT_STR("not yet: Community not rated", rd.verdict);
	readiness_done(&rd);

	/* the same ratings in the other order: the 5 is now the last word */
	rt[0] = rating(sid(r, "I review designs."), arch, 0);
	rt[4] = rating(sid(r, "I review designs."), arch, 5);
	readiness_compute(&rd, r, rt, 7, 3, 3);
	CU_ASSERT_EQUAL(rd.areas[0].rated, 3);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[0].avg, 11.0 / 3.0, 1e-12);
	readiness_done(&rd);
	role_drop(r);
}

static void
test_compute_unrated(void)
{
	struct role *r = role_from_text(DEMO);
	struct readiness rd;
	static const int skipped[] = {0, 0, 0, 0, 0, 0};

	/* no ratings at all */
	readiness_compute(&rd, r, NULL, 0, 3, 3);
	CU_ASSERT_EQUAL_FATAL(rd.nareas, 2);
	for (size_t a = 0; a < 2; a++) {
		CU_ASSERT_EQUAL(rd.areas[a].rated, 0);
		CU_ASSERT_DOUBLE_EQUAL(rd.areas[a].avg, 0.0, 1e-12);
		CU_ASSERT_FALSE(rd.areas[a].meets);
	}
	CU_ASSERT_EQUAL(rd.areas[0].total, 4);
	CU_ASSERT_EQUAL(rd.areas[1].total, 2);
	CU_ASSERT_FALSE(rd.ready);
	UNIT_ASSERT_STR("not yet: Architecture not rated; Community not rated", rd.verdict);
	readiness_done(&rd);

	/* every statement skipped is the same as none rated */
	check_verdict(
	    r, skipped, 6, 1, 3,
	    "not yet: 2 checklist items left; Architecture not rated; Community not rated", false);
	/* an unrated area never meets, even a threshold its 0 would reach */
	r->threshold = 0.0;
	check_verdict(r, skipped, 6, 3, 3, "not yet: Architecture not rated; Community not rated",
		      false);
	role_drop(r);
}

/* ---- thresholds ---------------------------------------------------------- */

/* Rates the n statements of a role_with_statements() role: fours of them
 * 4, twos of them 2, the rest 3. */
static void
check_many(const char *threshold, double want_threshold, size_t fours, size_t twos,
	   const char *want, bool want_meets)
{
	struct role *r = role_with_statements(threshold, 20);
	int values[20];
	struct readiness rd;

	CU_ASSERT_EQUAL_FATAL(r->nareas, 1);
	CU_ASSERT_EQUAL_FATAL(r->nstmts, 20);
	CU_ASSERT_DOUBLE_EQUAL(r->threshold, want_threshold, 1e-12);
	for (size_t i = 0; i < 20; i++)
		values[i] = i < fours ? 4 : i < fours + twos ? 2 : 3;
	compute_values(&rd, r, values, 20, 0, 0);
	CU_ASSERT_EQUAL_FATAL(rd.nareas, 1);
	CU_ASSERT_EQUAL(rd.areas[0].rated, 20);
	CU_ASSERT_EQUAL(rd.areas[0].total, 20);
	CU_ASSERT_DOUBLE_EQUAL(rd.areas[0].threshold, want_threshold, 1e-12);
	CU_ASSERT_EQUAL(rd.areas[0].meets, want_meets);
	CU_ASSERT_EQUAL(rd.ready, want_meets);
	UNIT_ASSERT_STR(want, rd.verdict);
	readiness_done(&rd);
	role_drop(r);
}

static void
test_threshold_edges(void)
{
	/* 2.95 against 3.0: below, and shown with two decimals */
	check_many("3.0", 3.0, 0, 1, "not yet: Architecture 2.95 below 3.0", false);
	/* exactly 3.0 */
	check_many("3.0", 3.0, 0, 0, "ready", true);
	/* 3.05 */
	check_many("3.0", 3.0, 1, 0, "ready", true);
	/* 2.9 */
	check_many("3.0", 3.0, 0, 2, "not yet: Architecture 2.9 below 3.0", false);
}

static void
test_threshold_custom(void)
{
	struct role *r;

	/* 3.5 from the front matter: 3.55 and 3.5 meet, 3.45 and 3.0 do not */
	check_many("3.5", 3.5, 11, 0, "ready", true);
	check_many("3.5", 3.5, 10, 0, "ready", true);
	check_many("3.5", 3.5, 9, 0, "not yet: Architecture 3.45 below 3.5", false);
	check_many("3.5", 3.5, 0, 0, "not yet: Architecture 3.0 below 3.5", false);
	/* a threshold one decimal would misstate is shown in full */
	check_many("3.25", 3.25, 4, 0, "not yet: Architecture 3.2 below 3.25", false);
	check_many("3.25", 3.25, 5, 0, "ready", true);

	/* the demo role's areas both take the role's threshold */
	{
		static const int values[] = {4, 4, 3, 3, 4, 3};
		char *text = xstrdup(DEMO);
		char *t = strstr(text, "threshold: 3.0");
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		memcpy(t, "threshold: 3.6", 14);
		r = role_from_text(text);
		free(text);
		CU_ASSERT_DOUBLE_EQUAL(r->threshold, 3.6, 1e-12);
		check_verdict(r, values, 6, 3, 3,
			      "not yet: Architecture 3.5 below 3.6; Community 3.5 below 3.6",
			      false);
		role_drop(r);
	}
}

/* ---- verdict ------------------------------------------------------------- */

static void
test_verdict_text(void)
{
	struct role *r = role_from_text(DEMO);
	static const int good[] = {4, 4, 3, 3, 3, 3};
	static const int weak[] = {2, 2, 3, 0, 4, 4}; /* Architecture 7/3 */
	static const int weak_unrated[] = {2, 2, 3, 0, 0, 0};

	check_verdict(r, good, 6, 3, 3, "ready", true);
	/* more done than there are items (stale records) still counts as done */
	check_verdict(r, good, 6, 4, 3, "ready", true);
	/* only the checklist */
	check_verdict(r, good, 6, 0, 3, "not yet: 3 checklist items left", false);
	check_verdict(r, good, 6, 2, 3, "not yet: 1 checklist item left", false);
	/* only the areas */
	check_verdict(r, weak, 6, 3, 3, "not yet: Architecture 2.3 below 3.0", false);
	/* both, checklist first */
	check_verdict(r, weak, 6, 0, 3,
		      "not yet: 3 checklist items left; Architecture 2.3 below 3.0", false);
	check_verdict(r, weak_unrated, 6, 2, 3,
		      "not yet: 1 checklist item left; Architecture 2.3 below 3.0; "
		      "Community not rated",
		      false);
	role_drop(r);

	/* areas in role order, whichever is rated */
	r = role_from_text("# Order\n\n## Skill areas\n\n### Zeta\n\nLast letter.\n\n"
			   "### Alpha\n\nFirst letter.\n\n## Self-assessment\n\n"
			   "### Zeta\n\n- I do zeta.\n\n### Alpha\n\n- I do alpha.\n");
	{
		static const int vals[] = {0, 1};
		CU_ASSERT_EQUAL_FATAL(r->nareas, 2);
		check_verdict(r, vals, 2, 0, 0, "not yet: Zeta not rated; Alpha 1.0 below 3.0",
			      false);
	}
	role_drop(r);
}

static void
test_verdict_no_areas(void)
{
	struct role *r;
	struct readiness rd;

	/* a checklist and no skill areas: the checklist alone decides */
	r = role_from_text("# Notes\n\n## Onboarding checklist\n\n- [ ] Do one thing\n");
	CU_ASSERT_EQUAL_FATAL(r->nareas, 0);
	CU_ASSERT_EQUAL(r->nitems, 1);
	readiness_compute(&rd, r, NULL, 0, 0, 1);
	CU_ASSERT_EQUAL(rd.nareas, 0);
	CU_ASSERT_FALSE(rd.ready);
	UNIT_ASSERT_STR("not yet: 1 checklist item left", rd.verdict);
	readiness_done(&rd);
	readiness_compute(&rd, r, NULL, 0, 1, 1);
	CU_ASSERT_TRUE(rd.ready);
	UNIT_ASSERT_STR("ready", rd.verdict);
	readiness_done(&rd);
	role_drop(r);

	/* neither: both conditions hold trivially */
	r = role_from_text("# Empty\n\nJust prose.\n");
	CU_ASSERT_EQUAL_FATAL(r->nareas, 0);
	readiness_compute(&rd, r, NULL, 0, 0, 0);
	CU_ASSERT_TRUE(rd.ready);
	UNIT_ASSERT_STR("ready", rd.verdict);
	readiness_done(&rd);
	role_drop(r);
}

/* ---- trends and snapshots ------------------------------------------------ */

static void
test_trend(void)
{
	/* up */
	UNIT_ASSERT_STR("\xe2\x86\x91", readiness_trend(3.0, 4, 3.5, 4, false));
	UNIT_ASSERT_STR("\xe2\x86\x91", readiness_trend(3.0, 4, 3.1, 4, false));
	UNIT_ASSERT_STR("+", readiness_trend(3.0, 4, 3.5, 4, true));
	/* down */
	UNIT_ASSERT_STR("\xe2\x86\x93", readiness_trend(3.5, 4, 3.0, 2, false));
	UNIT_ASSERT_STR("\xe2\x86\x93", readiness_trend(3.0, 4, 2.9, 4, false));
	UNIT_ASSERT_STR("-", readiness_trend(3.5, 4, 3.0, 2, true));
	/* equal, and within 0.05 either way */
	UNIT_ASSERT_STR("=", readiness_trend(3.0, 4, 3.0, 4, false));
	UNIT_ASSERT_STR("=", readiness_trend(3.0, 4, 3.04, 4, false));
	UNIT_ASSERT_STR("=", readiness_trend(3.0, 4, 2.96, 4, false));
	UNIT_ASSERT_STR("=", readiness_trend(3.0, 4, 3.0, 4, true));
	/* unrated on either side */
	UNIT_ASSERT_STR("", readiness_trend(0.0, 0, 3.0, 2, false));
	UNIT_ASSERT_STR("", readiness_trend(3.0, 2, 0.0, 0, false));
	UNIT_ASSERT_STR("", readiness_trend(0.0, 0, 0.0, 0, true));
}

/* A snapshot's per-area values follow the same rule as the live ones:
 * matched by statement id, never by area name; a rating of a statement
 * the role no longer has counts nowhere (it used to raise the history's
 * and sparkline's average while the verdict left it out). */
static void
test_snapshot_areas(void)
{
	struct role *r = role_from_text(DEMO);
	char arch[] = "Architecture", comm[] = "Community", gone[] = "0000000000ff";
	struct store_rating before_r[2], now_r[4];
	struct store_snapshot before, now;
	struct readiness rb, rn;
	char *list;

	memset(&before, 0, sizeof before);
	before_r[0] = rating(sid(r, "I review designs."), arch, 2);
	before_r[1] = rating(sid(r, "I welcome newcomers."), comm, 5);
	before.ratings = before_r;
	before.nratings = 2;
	memset(&now, 0, sizeof now);
	now_r[0] = rating(sid(r, "I review designs."), arch, 4);
	now_r[1] = rating(sid(r, "I write design documents."), arch, 2);
	now_r[2] = rating(gone, arch, 5); /* no longer in the role */
	now_r[3] = rating(sid(r, "I welcome newcomers."), comm, 3);
	now.ratings = now_r;
	now.nratings = 4;

	readiness_of_snapshot(&rb, r, &before);
	readiness_of_snapshot(&rn, r, &now);
	CU_ASSERT_DOUBLE_EQUAL(rb.areas[0].avg, 2.0, 1e-12);
	CU_ASSERT_EQUAL(rb.areas[0].rated, 1);
	CU_ASSERT_DOUBLE_EQUAL(rn.areas[0].avg, 3.0, 1e-12);
	CU_ASSERT_EQUAL(rn.areas[0].rated, 2);
	CU_ASSERT_EQUAL(rn.uncounted, 1);
	UNIT_ASSERT_STR("+", readiness_trend_of(&rb.areas[0], &rn.areas[0], true));
	UNIT_ASSERT_STR("\xe2\x86\x93", readiness_trend_of(&rb.areas[1], &rn.areas[1], false));
	list = readiness_area_list(&rn, false);
	UNIT_ASSERT_STR("Architecture 3.0 \xc2\xb7 Community 3.0", list);
	free(list);
	list = readiness_area_list(&rb, true);
	UNIT_ASSERT_STR("Architecture 2.0, Community 5.0", list);
	free(list);
	readiness_done(&rb);
	readiness_done(&rn);
	role_drop(r);
}

/* The wording of an area's average comes from one place, and cannot be
 * read as "2.6 out of 5". */
static void
test_area_summary(void)
{
	struct area_score sc = {
	    .name = "Architecture", .rated = 5, .total = 8, .avg = 2.6, .threshold = 3.0};
	char *s = readiness_area_summary(&sc);

	UNIT_ASSERT_STR("average 2.6 (5 of 8 statements rated)", s);
	free(s);
	sc.rated = 0;
	s = readiness_area_summary(&sc);
	UNIT_ASSERT_STR("not rated (8 statements)", s);
	free(s);
}

/* Self and each reviewer apart; the orphan rating counted nowhere. */
static void
test_by_rater(void)
{
	struct role *r = role_from_text(DEMO);
	char arch[] = "Architecture", gone[] = "0000000000ff";
	struct store_rating all[5];
	struct readiness_raters by;
	char *note;

	all[0] = rating(sid(r, "I review designs."), arch, 4);
	all[1] = rating(sid(r, "I write design documents."), arch, 3);
	all[2] = rating(gone, arch, 5);
	all[3] = rating(sid(r, "I review designs."), arch, 2);
	all[3].rater = "carol";
	all[4] = rating(sid(r, "I review designs."), arch, 3);
	all[4].rater = "bob";
	readiness_by_rater(&by, r, all, 5, 1, 3);
	CU_ASSERT_DOUBLE_EQUAL(by.self.rd.areas[0].avg, 3.5, 1e-12);
	CU_ASSERT_EQUAL(by.self.rd.uncounted, 1);
	CU_ASSERT_EQUAL_FATAL(by.nrev, 2);
	UNIT_ASSERT_STR("bob", by.rev[0].rater);
	UNIT_ASSERT_STR("carol", by.rev[1].rater);
	CU_ASSERT_DOUBLE_EQUAL(by.rev[1].rd.areas[0].avg, 2.0, 1e-12);
	CU_ASSERT_PTR_EQUAL(readiness_rater(&by, "carol"), &by.rev[1]);
	CU_ASSERT_PTR_NULL(readiness_rater(&by, "dave"));
	CU_ASSERT_TRUE(readiness_disagree(&by, sid(r, "I review designs.")));
	CU_ASSERT_FALSE(readiness_disagree(&by, sid(r, "I write design documents.")));
	note = readiness_uncounted_note(by.self.rd.uncounted);
	UNIT_ASSERT_STR("Not counted: 1 rating of a statement the role no longer has.", note);
	free(note);
	CU_ASSERT_PTR_NULL(readiness_uncounted_note(by.rev[0].rd.uncounted));
	CU_ASSERT_EQUAL(readiness_raters_uncounted(&by), 1);
	note = readiness_uncounted_note(2);
	UNIT_ASSERT_STR("Not counted: 2 ratings of statements the role no longer has.", note);
	free(note);
	readiness_raters_done(&by);
	role_drop(r);
}

/* Every statement of r rated v by rater (borrowed strings). */
static void
rate_all(struct store_rating *out, const struct role *r, const char *rater, int arch, int comm)
{
	for (size_t i = 0; i < r->nstmts; i++) {
		out[i] = rating(r->stmts[i].id, r->areas[r->stmts[i].area].name,
				r->stmts[i].area == 0 ? arch : comm);
		out[i].rater = (char *)rater;
	}
}

/* The verdict hears the reviewers: self-ratings that meet every threshold
 * are not "ready" when both chairs rate an area below it, nor while no
 * reviewer has rated. */
static void
test_verdict_hears_reviewers(void)
{
	struct role *r = role_from_text(DEMO);
	struct store_rating all[18];
	struct readiness_raters by;
	size_t n = r->nstmts;

	CU_ASSERT_EQUAL_FATAL(n, 6);
	rate_all(all, r, "", 4, 4);
	readiness_by_rater(&by, r, all, n, 3, 3);
	CU_ASSERT_TRUE(by.self.rd.ready);
	CU_ASSERT_FALSE(by.ready);
	UNIT_ASSERT_STR("not yet: no reviewer has rated yet", by.verdict);
	readiness_raters_done(&by);

	rate_all(all + n, r, "chair-a", 4, 2);
	rate_all(all + 2 * n, r, "chair-b", 3, 2);
	readiness_by_rater(&by, r, all, 3 * n, 3, 3);
	CU_ASSERT_TRUE(by.self.rd.ready);
	CU_ASSERT_FALSE(by.ready);
	UNIT_ASSERT_STR("not yet: chair-a: Community 2.0 below 3.0; chair-b: Community 2.0 below "
			"3.0",
			by.verdict);
	UNIT_ASSERT_STR("not yet: Community 2.0 below 3.0", by.rev[0].rd.verdict);
	readiness_raters_done(&by);

	rate_all(all + n, r, "chair-a", 4, 3);
	rate_all(all + 2 * n, r, "chair-b", 3, 5);
	readiness_by_rater(&by, r, all, 3 * n, 3, 3);
	CU_ASSERT_TRUE(by.ready);
	UNIT_ASSERT_STR("ready", by.verdict);
	readiness_raters_done(&by);

	/* self below, the checklist unfinished, one chair with an area unrated */
	rate_all(all, r, "", 2, 4);
	rate_all(all + n, r, "chair-a", 4, 0);
	readiness_by_rater(&by, r, all, 2 * n, 1, 3);
	UNIT_ASSERT_STR("not yet: 2 checklist items left; self: Architecture 2.0 below 3.0; "
			"chair-a: Community not rated",
			by.verdict);
	readiness_raters_done(&by);
	role_drop(r);
}

/* Items marked "(required)" are the prerequisites: they alone gate the
 * verdict, and the summary counts them apart from the other items. */
static void
test_prerequisites(void)
{
	static const char text[] =
	    "# P\n\n## Skill areas\n\n### Architecture\n\nDesign.\n\n"
	    "## Onboarding checklist\n\n"
	    "- [ ] Be an org member (required)\n"
	    "- [ ] Read the charter\n"
	    "- [ ] Take the course  (Required)\n"
	    "- [ ] Join the channel\n"
	    "- [ ] (required)\n"
	    "\n## Self-assessment\n\n### Architecture\n\n- I review designs.\n";
	struct role *r = role_from_text(text);
	struct checklist cl;
	struct store_rating all[2];
	struct readiness_raters by;
	char id[13], *line;

	CU_ASSERT_EQUAL_FATAL(r->nitems, 5);
	UNIT_ASSERT_STR("Be an org member", r->items[0].text);
	CU_ASSERT_TRUE(r->items[0].required);
	CU_ASSERT_FALSE(r->items[1].required);
	UNIT_ASSERT_STR("Take the course", r->items[2].text);
	CU_ASSERT_TRUE(r->items[2].required);
	UNIT_ASSERT_STR("(required)", r->items[4].text);
	CU_ASSERT_FALSE(r->items[4].required);
	/* the mark is not part of the id: progress recorded before it stays */
	content_item_id("Be an org member", id);
	UNIT_ASSERT_STR(id, r->items[0].id);

	checklist_load(&cl, NULL, "alice", r);
	cl.v[0].done = true;
	cl.v[3].done = true;
	cl.done = 2;
	all[0] = rating(r->stmts[0].id, "Architecture", 4);
	all[1] = all[0];
	all[1].rater = "chair";
	readiness_by_rater_cl(&by, r, all, 2, &cl);
	line = readiness_checklist_line(&by.self.rd);
	UNIT_ASSERT_STR("Prerequisites: 1 of 2 done; onboarding tasks: 1 of 3 done", line);
	free(line);
	UNIT_ASSERT_STR("not yet: 1 of 2 prerequisites not done", by.verdict);
	readiness_raters_done(&by);

	/* the prerequisites done, other items left: ready */
	cl.v[2].done = true;
	cl.v[3].done = false;
	readiness_by_rater_cl(&by, r, all, 2, &cl);
	UNIT_ASSERT_STR("ready", by.verdict);
	{
		size_t nl;
		char **lines = readiness_summary_lines(&by, true, &nl);
		CU_ASSERT_EQUAL_FATAL(nl, 4);
		UNIT_ASSERT_STR("Prerequisites: 2 of 2 done; onboarding tasks: 0 of 3 done",
				lines[0]);
		UNIT_ASSERT_STR("self: Architecture 4.0", lines[1]);
		UNIT_ASSERT_STR("chair: Architecture 4.0", lines[2]);
		UNIT_ASSERT_STR("Readiness: ready", lines[3]);
		readiness_lines_free(lines, nl);
	}
	readiness_raters_done(&by);
	checklist_done(&cl);
	role_drop(r);
}

/* Records from unsigned files are marked where the summary counts them:
 * done prerequisites and other items apart, each rater's counted ratings,
 * and the verdict's note counts only what it rests on (the prerequisites
 * and the ratings, not the other items). */
static void
test_unverified_marks(void)
{
	static const char text[] =
	    "# P\n\n## Skill areas\n\n### Architecture\n\nDesign.\n\n"
	    "## Onboarding checklist\n\n"
	    "- [ ] Be an org member (required)\n"
	    "- [ ] Read the charter\n"
	    "- [ ] Take the course (required)\n"
	    "- [ ] Join the channel\n"
	    "\n## Self-assessment\n\n### Architecture\n\n- I review designs.\n"
	    "- I write designs.\n";
	struct role *r = role_from_text(text);
	struct checklist cl;
	struct store_item recs[3];
	struct store_rating all[4];
	struct readiness_raters by;
	size_t nl;
	char **lines;

	memset(recs, 0, sizeof recs);
	checklist_load(&cl, NULL, "bob", r);
	CU_ASSERT_EQUAL_FATAL(cl.n, 4);
	for (size_t i = 0; i < 3; i++) {
		cl.v[i == 2 ? 3 : i].done = true;
		cl.v[i == 2 ? 3 : i].rec = &recs[i];
	}
	cl.done = 3;
	recs[0].origin = STORE_UNVERIFIED; /* a prerequisite */
	recs[1].origin = STORE_UNVERIFIED; /* "Read the charter" */
	recs[2].origin = STORE_SIGNED;
	all[0] = rating(r->stmts[0].id, "Architecture", 4);
	all[1] = rating(r->stmts[1].id, "Architecture", 4);
	all[2] = all[0];
	all[2].rater = "chair";
	all[2].value = 5;
	all[2].origin = STORE_UNVERIFIED;
	all[3] = all[1];
	all[3].rater = "chair";
	readiness_by_rater_cl(&by, r, all, 4, &cl);
	lines = readiness_summary_lines(&by, true, &nl);
	CU_ASSERT_EQUAL_FATAL(nl, 4);
	UNIT_ASSERT_STR("Prerequisites: 1 of 2 done, 1 unverified; onboarding tasks: 2 of 2 "
			"done, 1 unverified",
			lines[0]);
	UNIT_ASSERT_STR("self: Architecture 4.0", lines[1]);
	UNIT_ASSERT_STR("chair: Architecture 4.5 (1 of 2 ratings unverified)", lines[2]);
	/* one prerequisite and one rating: not "Read the charter" */
	CU_ASSERT_EQUAL(by.unverified, 2);
	UNIT_ASSERT_STR("Readiness: not yet: 1 of 2 prerequisites not done (2 of the records it "
			"rests on are unverified, from unsigned files)",
			lines[3]);
	readiness_lines_free(lines, nl);
	readiness_raters_done(&by);
	/* one: said in the singular */
	all[2].origin = STORE_SIGNED;
	readiness_by_rater_cl(&by, r, all, 4, &cl);
	UNIT_ASSERT_STR("not yet: 1 of 2 prerequisites not done (1 of the records it rests on is "
			"unverified, from an unsigned file)",
			by.verdict);
	readiness_raters_done(&by);
	for (size_t i = 0; i < cl.n; i++)
		cl.v[i].rec = NULL;
	checklist_done(&cl);
	role_drop(r);
}

/* ---- registration -------------------------------------------------------- */

int
test_readiness_register(void)
{
	static const struct {
		const char *name;
		CU_TestFunc fn;
	} tests[] = {
	    {"labels", test_labels},
	    {"format", test_format},
	    {"compute averages", test_compute_averages},
	    {"compute cleared, duplicate and unknown", test_compute_cleared_duplicates_unknown},
	    {"compute unrated", test_compute_unrated},
	    {"threshold edges", test_threshold_edges},
	    {"threshold custom", test_threshold_custom},
	    {"verdict text", test_verdict_text},
	    {"verdict without areas", test_verdict_no_areas},
	    {"trend", test_trend},
	    {"snapshot areas by statement", test_snapshot_areas},
	    {"area summary wording", test_area_summary},
	    {"by rater", test_by_rater},
	    {"verdict hears the reviewers", test_verdict_hears_reviewers},
	    {"unverified records marked and counted", test_unverified_marks},
	    {"prerequisites apart", test_prerequisites},
	};
	CU_pSuite suite = CU_add_suite("readiness", NULL, NULL);
	size_t i;

	if (suite == NULL)
		return (int)CU_get_error();
	for (i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL)
			return (int)CU_get_error();
	return 0;
}
