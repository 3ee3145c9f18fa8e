/*
 * test_truth.c - one fixture through every place that shows readiness:
 * the `assessment` command, the text, Markdown and JSON reports, the
 * review list, the rating screen opened from it, the chart, the history
 * and the compare view.  They must print the same numbers, readiness's.
 *
 * The fixture is alice's export (tests/data/export/alice.json) with its
 * orphan rating (statement 0000000000ff, which the role no longer has)
 * set to 5, and that rating also in her first snapshot: counted, it would
 * make Architecture 4.0; the rule is that it is counted nowhere (3.5).
 *
 * Also here: the bars, the sparkline, snapshots of one sitting, and the
 * narrow layouts of these screens.  Screens are driven as test_screen.c
 * drives them: app_key() and app_draw() into a virtual frame.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "fixture.h"
#include "frame.h"
#include "keys.h"
#include "readiness.h"
#include "report.h"
#include "theme.h"
#include "unit.h"
#include "xalloc.h"

#define ORPHAN "0000000000ff"

#ifndef STORE_SNAPSHOT_SITTING /* before snapshots had sittings */
#define STORE_SNAPSHOT_SITTING (30 * 60)
#endif

static struct app app;
static struct frame fr;

/* alice.json with the orphan rated 5, in her ratings and first snapshot. */
static char *
orphan_doc(void)
{
	char *text = fixture_json(), *out;
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err), *role, *rt, *snap, *copy = NULL;
	size_t i;
	json_t *v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	role = json_array_get(json_object_get(doc, "roles"), 0);
	rt = json_object_get(role, "ratings");
	json_array_foreach(rt, i, v)
	{
		if (strcmp(json_string_value(json_object_get(v, "statement_id")), ORPHAN) == 0) {
			json_object_set_new(v, "value", json_integer(5));
			copy = json_deep_copy(v);
		}
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	json_object_del(copy, "rater");
	snap = json_array_get(json_object_get(role, "snapshots"), 0);
	json_array_append_new(json_object_get(snap, "ratings"), copy);
	out = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2));
	json_decref(doc);
	free(text);
	return out;
}

static struct store *
truth_store(const char *name)
{
	struct store *st = fixture_fresh(name);
	char *doc = orphan_doc(), *detail = NULL;

	CU_ASSERT_EQUAL_FATAL(fixture_import(st, doc, NULL, NULL, &detail), EXPORT_OK);
	free(detail);
	free(doc);
	return st;
}

/* The app on the fixture's handbook, a reviewer "dave" at the review. */
static void
start(struct store *st, int rows, int cols)
{
	app_init(&app, &fixture_cat, rows, cols);
	app.store = st;
	app.profile = "dave";
	app.reviewer = "dave";
	app_push(&app, view_review_new(&app));
	frame_init(&fr, rows, cols);
}

static void
stop(void)
{
	app_done(&app);
	frame_done(&fr);
}

static char *
screen(void)
{
	app_draw(&app, &fr);
	return frame_dump(&fr);
}

/* Whether the screen shows needle; prints the screen when it does not. */
static bool
shows(const char *needle)
{
	char *s = screen();
	bool found = strstr(s, needle) != NULL;

	if (!found)
		fprintf(stderr, "\nexpected on the screen: \"%s\"; got:\n%s\n", needle, s);
	free(s);
	return found;
}

static bool
shows_not(const char *needle)
{
	char *s = screen();
	bool found = strstr(s, needle) != NULL;

	if (found)
		fprintf(stderr, "\nnot expected on the screen: \"%s\"; got:\n%s\n", needle, s);
	free(s);
	return !found;
}

/* The first row holding needle, or -1. */
static int
row_of(const char *needle)
{
	app_draw(&app, &fr);
	for (int r = 0; r < fr.rows; r++) {
		char *t = frame_row(&fr, r);
		bool found = strstr(t, needle) != NULL;
		free(t);
		if (found)
			return r;
	}
	return -1;
}

/* The first row starting with prefix, or -1. */
static int
row_starting(const char *prefix)
{
	app_draw(&app, &fr);
	for (int r = 0; r < fr.rows; r++) {
		char *t = frame_row(&fr, r);
		bool found = strncmp(t, prefix, strlen(prefix)) == 0;
		free(t);
		if (found)
			return r;
	}
	return -1;
}

static bool
has(const char *text, const char *needle)
{
	bool found = text != NULL && strstr(text, needle) != NULL;

	if (!found)
		fprintf(stderr, "\nexpected: \"%s\"; in:\n%s\n", needle, text ? text : "(null)");
	return found;
}

static char *
assessment_output(struct store *st, bool ascii)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	CU_ASSERT_EQUAL(
	    cli_assessment(st, "alice", NULL, catalog_find(&fixture_cat, DEMO), ascii, fp), 0);
	fclose(fp);
	return buf;
}

/* ---- one truth ---- */

/* The overall verdict of the fixture: carol rates Architecture below. */
#define VERDICT                                                                                    \
	"not yet: 1 checklist item left; self: Community 2.0 below 3.0; carol: Architecture 2.0 "  \
	"below 3.0 (10 of the records it rests on are unverified, from unsigned files)"

static void
test_truth_everywhere(void)
{
	struct store *st = truth_store("truth");
	char *out;
	json_t *doc, *area;
	json_error_t err;

	/* `rolebook -p alice assessment demo` */
	out = assessment_output(st, false);
	CU_ASSERT(
	    has(out, "\nArchitecture: average 3.5 (2 of 2 statements rated), threshold 3.0\n"));
	CU_ASSERT(has(out, "\nCommunity: average 2.0 (1 of 2 statements rated), threshold 3.0, "
			   "below\n"));
	CU_ASSERT(has(out, "\nNot counted: 1 rating of a statement the role no longer has.\n"));
	CU_ASSERT(has(out, "\n  2026-11-24 00:00  Architecture 3.5 \xc2\xb7 Community 1.0\n"));
	CU_ASSERT(has(out, "\n  2026-11-25 00:00  Architecture 3.5 \xc2\xb7 Community 2.0\n"));
	CU_ASSERT(has(out, "\nReadiness: " VERDICT "\n"));
	CU_ASSERT(has(
	    out, "\ncarol: Architecture 2.0 \xc2\xb7 Community 5.0 (2 of 2 ratings unverified)\n"));
	free(out);

	/* every report format */
	out = fixture_report(st, "alice", NULL, REPORT_TEXT);
	CU_ASSERT(has(out, "\nReadiness: " VERDICT "\n"));
	CU_ASSERT(has(out, "\nArchitecture  3.5         3.0         2.0         3.0\n"));
	CU_ASSERT(has(out, "\nNot counted: 1 rating of a statement the role no longer has.\n"));
	free(out);
	out = fixture_report(st, "alice", NULL, REPORT_MARKDOWN);
	CU_ASSERT(has(out, "\n| Architecture | 3.5 | 3.0 | 2.0 | 3.0 |\n"));
	CU_ASSERT(has(out, "\n**Readiness:** " VERDICT "\n"));
	CU_ASSERT(has(out, "|\n\nNot counted: 1 rating of a statement the role no longer has.\n"));
	free(out);
	out = fixture_report(st, "alice", NULL, REPORT_JSON);
	doc = json_loads(out, 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	area = json_array_get(
	    json_object_get(json_array_get(json_object_get(doc, "roles"), 0), "areas"), 0);
	CU_ASSERT_DOUBLE_EQUAL(
	    json_real_value(json_object_get(json_object_get(area, "self"), "average")), 3.5, 1e-9);
	{
		json_t *rd =
		    json_object_get(json_array_get(json_object_get(doc, "roles"), 0), "readiness");
		CU_ASSERT(has(json_string_value(json_object_get(rd, "verdict")), VERDICT));
		CU_ASSERT_TRUE(json_is_false(json_object_get(rd, "ready")));
		CU_ASSERT_TRUE(json_is_true(json_object_get(rd, "reviewed")));
	}
	json_decref(doc);
	free(out);

	/* the review list: self, and each reviewer apart */
	start(st, 30, 120);
	CU_ASSERT(shows("self:      Architecture 3.5 \xc2\xb7 Community 2.0"));
	CU_ASSERT(shows("bob: Architecture 3.0 \xc2\xb7 Community 4.0"));
	CU_ASSERT(shows("carol: Architecture 2.0 \xc2\xb7 Community 5.0"));
	/* every rater's ratings from the unsigned file marked as such */
	CU_ASSERT(shows("self:      Architecture 3.5 \xc2\xb7 Community 2.0 (3 of 3 ratings "
			"unverified)"));
	CU_ASSERT(shows("carol: Architecture 2.0 \xc2\xb7 Community 5.0 (2 of 2 ratings "
			"unverified)"));
	/* the verdict wraps on screen: its start and its note */
	CU_ASSERT(shows("not yet: 1 checklist item left; self: Community 2.0 below 3.0;"));
	CU_ASSERT(shows("carol: Architecture 2.0 below 3.0 (10 of the records it rests on are "
			"unverified, from unsigned files)"));

	/* the rating screen opened from it */
	app_key(&app, K_ENTER);
	CU_ASSERT(shows("Architecture  self 3.5  dave -  bob 3.0  carol 2.0"));
	CU_ASSERT(shows("Community  self 2.0  dave -  bob 4.0  carol 5.0"));
	CU_ASSERT(shows("Not counted: 1 rating of a statement the role no longer has."));

	/* the chart */
	app_key(&app, 'v');
	CU_ASSERT(row_starting(" Architecture") > 0 &&
		  row_of(" 3.5 ") == row_starting(" Architecture"));
	CU_ASSERT(shows("Readiness: not yet: 1 checklist item left; self: Community 2.0 below 3.0; "
			"carol: Architecture 2.0 below 3.0 (10 of the"));
	CU_ASSERT(shows("records it rests on are unverified, from unsigned files)"));
	CU_ASSERT(
	    shows("carol: Architecture 2.0 \xc2\xb7 Community 5.0 (2 of 2 ratings unverified)"));
	CU_ASSERT(shows("Checklist: 2 of 3 done, 2 unverified"));

	/* the checklist screen: each item from the unsigned file says so */
	app.profile = "alice";
	app_push(&app, view_checklist_new(&app, catalog_find(&fixture_cat, DEMO)));
	CU_ASSERT(shows("done 2026-11-23 \xc2\xb7 unverified"));
	app_pop(&app);
	app.profile = "dave";

	/* the history: the snapshot holding the orphan is 3.5 too */
	app_key(&app, 'H');
	CU_ASSERT(shows("2026-11-24 00:00  Architecture 3.5 \xc2\xb7 Community 1.0"));
	CU_ASSERT(shows("2026-11-25 00:00  Architecture 3.5 \xc2\xb7 Community 2.0"));
	CU_ASSERT(shows_not("4.0 \xc2\xb7"));
	stop();
	store_close(st);
}

/* v and H from the review screen show the candidate's readiness, saying
 * whose; the rating screen shows every rater's note. */
static void
test_review_shows_candidate(void)
{
	struct store *st = truth_store("truth-review");

	start(st, 30, 100);
	app_key(&app, K_ENTER);
	/* the notes of alice and of bob, on the statement they rated, dated */
	CU_ASSERT(shows("note, self, 2026-11-24: I reviewed three designs this cycle."));
	CU_ASSERT(shows("note, bob, 2026-11-26: Solid reviews; wants more depth on trade-offs."));
	CU_ASSERT(shows("note, carol, 2026-11-27: Welcomed two newcomers at the meeting."));
	app_key(&app, 'v');
	CU_ASSERT(shows("Readiness of alice"));
	CU_ASSERT(
	    shows("Ratings: alice's own (3 of 3 ratings unverified); yours as dave: none yet"));
	CU_ASSERT(shows("Community 2.0 below 3.0"));
	app_key(&app, 'q');
	/* dave rates: his column stays where it was, the chart stays alice's */
	app_key(&app, '5');
	CU_ASSERT(shows("Architecture  self 3.5  dave 5.0  bob 3.0  carol 2.0"));
	app_key(&app, 'v');
	CU_ASSERT(shows("Ratings: alice's own (3 of 3 ratings unverified); yours as dave: "
			"Architecture 5.0 \xc2\xb7 Community -"));
	CU_ASSERT(row_of(" 3.5 ") == row_starting(" Architecture"));
	app_key(&app, 'H');
	CU_ASSERT(shows("History of alice"));
	CU_ASSERT(shows("Snapshots of alice's own ratings"));
	CU_ASSERT(shows(" 2  2026-11-25 00:00"));
	stop();
	store_close(st);
}

/* Views load on open, on reload and in the layout step, never in draw:
 * a change drawn by draw alone is not seen; by app_draw (layout, then
 * draw) it is. */
static void
test_no_load_in_draw(void)
{
	struct store *st = truth_store("truth-draw");
	struct view *v;
	char *s;

	start(st, 30, 120);
	CU_ASSERT(shows("self:      Architecture 3.5"));
	OK(store_rating_set(st, "alice", DEMO, "", S_WRITE, "Architecture", NULL, 5, T0));
	v = app_top(&app);
	frame_clear(&fr);
	v->ops->draw(v, &app, &fr, 1, fr.rows - 2);
	s = frame_dump(&fr);
	CU_ASSERT(has(s, "self:      Architecture 3.5"));
	free(s);
	CU_ASSERT(shows("self:      Architecture 4.5"));
	stop();
	store_close(st);
}

/* The home screen reads each role's progress in its layout step, never
 * in draw: a change drawn by draw alone is not seen; by app_draw it is. */
static void
test_home_no_load_in_draw(void)
{
	struct store *st = truth_store("truth-home");
	struct view *v;
	char *s;

	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "alice";
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 24, 80);
	app_draw(&app, &fr);
	while (app_idle(&app))
		app_draw(&app, &fr);
	CU_ASSERT(shows("2/3"));
	OK(store_item_set_done(st, "alice", DEMO, "c59296626ebf", "Attend a meeting", true, T0));
	v = app_top(&app);
	frame_clear(&fr);
	v->ops->draw(v, &app, &fr, 1, fr.rows - 2);
	s = frame_dump(&fr);
	CU_ASSERT(has(s, "2/3"));
	free(s);
	CU_ASSERT(shows("done"));
	CU_ASSERT(shows_not("2/3"));
	stop();
	store_close(st);
}

/* ---- the chart ---- */

/* The threshold marked on every bar, a below-threshold bar distinct in
 * colour, in monochrome and in ASCII, and "below 3.0" beside it. */
static void
test_bars(void)
{
	static const int widths[] = {80, 200};
	struct store *st = truth_store("truth-bars");

	for (size_t w = 0; w < 2; w++) {
		int ra, rc, col_meets = -1, col_below = -1;
		struct attr am, ab;
		char *row;

		start(st, 24, widths[w]);
		app.ascii = true;
		app_key(&app, K_ENTER);
		app_key(&app, 'v');
		ra = row_starting(" Architecture");
		rc = row_starting(" Community");
		CU_ASSERT_FATAL(ra > 0 && rc > ra);
		/* ASCII: "#" meets, "=" below, "|" the threshold on both */
		row = frame_row(&fr, ra);
		CU_ASSERT(has(row, "#|"));
		CU_ASSERT_PTR_NULL(strstr(row, "below"));
		free(row);
		row = frame_row(&fr, rc);
		CU_ASSERT(has(row, " ====") && has(row, "=-") && has(row, "-|-"));
		/* the label beside the bar's number, not at the far right */
		CU_ASSERT(has(row, " 2.0  below 3.0"));
		CU_ASSERT(strstr(row, "below") - row < 70);
		free(row);
		/* Unicode: other glyphs and another colour for below */
		app.ascii = false;
		app_draw(&app, &fr);
		for (int c = 0; c < fr.cols; c++) {
			if (col_meets < 0 && frame_cell(&fr, ra, c)->cp == 0x2588)
				col_meets = c;
			if (col_below < 0 && frame_cell(&fr, rc, c)->cp == 0x2592)
				col_below = c;
		}
		CU_ASSERT_FATAL(col_meets > 0 && col_below > 0);
		theme_attr(frame_cell(&fr, ra, col_meets)->style, true, &am);
		theme_attr(frame_cell(&fr, rc, col_below)->style, true, &ab);
		CU_ASSERT(am.fg != ab.fg);
		CU_ASSERT(ab.bg == COL_DEFAULT); /* the glyph shows its colour */
		/* monochrome: the below bar is not reversed (reversed blocks
		 * look empty) */
		theme_attr(frame_cell(&fr, rc, col_below)->style, false, &ab);
		CU_ASSERT_FALSE(ab.reverse);
		stop();
	}
	store_close(st);
}

/* Many snapshots: the sparkline keeps to its column and the labels stay. */
static void
test_sparkline(void)
{
	struct store *st = truth_store("truth-spark");
	char *row;
	int64_t id;
	int r;

	for (int i = 0; i < 14; i++) {
		OK(store_rating_set(st, "alice", DEMO, "", S_ANSWER, "Community", NULL, 1 + i % 2,
				    T0 + 40 * DAY + i * DAY));
		OK(store_snapshot_take(st, "alice", DEMO, "", T0 + 40 * DAY + i * DAY, &id));
	}
	start(st, 24, 80);
	app.ascii = true;
	app_key(&app, K_ENTER);
	app_key(&app, 'v');
	r = row_starting(" Community");
	CU_ASSERT_FATAL(r > 0);
	row = frame_row(&fr, r);
	/* the last 12 snapshots, digits, after the label and the trend */
	CU_ASSERT(has(row, "below 3.0 + 121212121212"));
	free(row);
	stop();
	store_close(st);
}

/* ---- snapshots of one sitting ---- */

static void
test_snapshot_sitting(void)
{
	struct store *st = truth_store("truth-sitting");
	struct store_snapshot *sn;
	size_t n, before;
	int64_t id, t = T0 + 60 * DAY;

	OK(store_snapshots_get(st, "alice", DEMO, "", &sn, &before));
	store_snapshots_free(sn, before);
	OK(store_rating_set(st, "alice", DEMO, "", S_WELCOME, "Community", NULL, 3, t));
	OK(store_snapshot_take(st, "alice", DEMO, "", t, &id));
	CU_ASSERT(id > 0);
	/* a correction five minutes later replaces that snapshot */
	OK(store_rating_set(st, "alice", DEMO, "", S_WELCOME, "Community", NULL, 4, t + 300));
	OK(store_snapshot_take(st, "alice", DEMO, "", t + 300, &id));
	OK(store_snapshots_get(st, "alice", DEMO, "", &sn, &n));
	CU_ASSERT_EQUAL(n, before + 1);
	CU_ASSERT_EQUAL(sn[n - 1].taken_at, t + 300);
	CU_ASSERT_EQUAL(sn[n - 1].nratings, 5); /* the orphan too: a copy of the ratings */
	store_snapshots_free(sn, n);
	/* after the sitting: a new one */
	OK(store_rating_set(st, "alice", DEMO, "", S_WELCOME, "Community", NULL, 5,
			    t + 300 + STORE_SNAPSHOT_SITTING + 1));
	OK(store_snapshot_take(st, "alice", DEMO, "", t + 300 + STORE_SNAPSHOT_SITTING + 1, &id));
	OK(store_snapshots_get(st, "alice", DEMO, "", &sn, &n));
	CU_ASSERT_EQUAL(n, before + 2);
	store_snapshots_free(sn, n);
	/* another rater's sitting is its own */
	OK(store_rating_set(st, "alice", DEMO, "bob", S_WELCOME, "Community", NULL, 2, t + 400));
	OK(store_snapshot_take(st, "alice", DEMO, "bob", t + 400, &id));
	CU_ASSERT(id > 0);
	OK(store_snapshots_get(st, "alice", DEMO, "bob", &sn, &n));
	CU_ASSERT_EQUAL(n, 2);
	store_snapshots_free(sn, n);
	store_close(st);
}

/* ---- narrow ---- */

static void
test_narrow(void)
{
	struct store *st = truth_store("truth-narrow");

	start(st, 16, 50);
	app_key(&app, K_ENTER);
	/* the whole scale */
	CU_ASSERT(shows("1 not yet  2 learning  3 practising"));
	CU_ASSERT(shows("4 confident  5 could teach it  0 clear"));
	app_key(&app, 'H');
	/* every area of a snapshot, wrapped, none cut */
	CU_ASSERT(shows("Community 1.0"));
	CU_ASSERT(shows("Community 2.0"));
	/* compare: the first snapshot with the second, area headings whole */
	app_key(&app, 'g');
	app_key(&app, ' ');
	app_key(&app, 'j');
	app_key(&app, ' ');
	app_key(&app, K_ENTER);
	CU_ASSERT(shows("Architecture 3.5 \xe2\x86\x92 3.5"));
	CU_ASSERT(shows("Community 1.0 \xe2\x86\x92 2.0"));
	CU_ASSERT(shows("1 \xe2\x86\x92 2"));
	stop();
	store_close(st);
}

/* At 50 columns the chart keeps the areas' names whole: Enter acts on
 * them (a bundled role with "Strategic thinking"). */
static void
test_narrow_chart(void)
{
	struct catalog cat;
	struct store *st = NULL;
	struct role *pm;
	char *err = NULL;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	pm = catalog_find(&cat, "program-manager");
	CU_ASSERT_FATAL(pm != NULL && role_load(pm) == 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	for (size_t i = 0; i < pm->nstmts; i++)
		OK(store_rating_set(st, "tester", pm->id, "", pm->stmts[i].id,
				    pm->areas[pm->stmts[i].area].name, pm->stmts[i].text, 3, T0));
	app_init(&app, &cat, 16, 50);
	app.store = st;
	app.profile = "tester";
	app_push(&app, view_chart_new(&app, pm, "tester", NULL, false));
	frame_init(&fr, 16, 50);
	for (size_t a = 0; a < pm->nareas; a++) {
		char *name = xasprintf(" %s ", pm->areas[a].name);
		CU_ASSERT(shows(name));
		free(name);
	}
	stop();
	store_close(st);
	catalog_done(&cat);
}

/* ---- registration ---- */

int
test_truth_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"one fixture, the same numbers everywhere", test_truth_everywhere},
	    {"from review: the candidate's chart, every note", test_review_shows_candidate},
	    {"no loading in draw", test_no_load_in_draw},
	    {"home: no loading in draw", test_home_no_load_in_draw},
	    {"bars: threshold tick, below distinct", test_bars},
	    {"sparkline with many snapshots", test_sparkline},
	    {"snapshots of one sitting", test_snapshot_sitting},
	    {"narrow: scale, history, compare", test_narrow},
	    {"narrow: the chart's area names whole", test_narrow_chart},
	};
	CU_pSuite s = CU_add_suite("truth", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
