/*
 * test_views.c - what the review, assessment, chart and home screens show
 * at the sizes a user has (50x16, 80x24, 200x50): nothing a user needs is
 * cut off or half shown.  Screens are driven as test_screen.c drives them:
 * app_key() and app_draw() into a virtual frame, on alice's records
 * (tests/data/export/alice.json: her own ratings, bob's and carol's).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "export.h"
#include "fixture.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "text.h"
#include "unit.h"
#include "xalloc.h"

static struct app app;
static struct frame fr;

/* The app on the fixture's handbook at rows x cols, on the review screen
 * of a reviewer `who`. */
static void
start(struct store *st, int rows, int cols, const char *who)
{
	app_init(&app, &fixture_cat, rows, cols);
	app.store = st;
	app.profile = who;
	app.reviewer = who;
	app_push(&app, view_review_new(&app));
	frame_init(&fr, rows, cols);
}

static void
stop(void)
{
	app_done(&app);
	frame_done(&fr);
}

/* Whether rows from..from+n-1 of the screen are exactly want[0..n);
 * prints the screen when they are not. */
static bool
rows_are(int from, const char *const *want, int n)
{
	bool ok = true;

	app_draw(&app, &fr);
	for (int i = 0; i < n; i++) {
		char *t = frame_row(&fr, from + i);
		if (strcmp(t, want[i]) != 0) {
			fprintf(stderr, "\n%dx%d row %d: expected \"%s\"; got \"%s\"", app.cols,
				app.rows, from + i, want[i], t);
			ok = false;
		}
		free(t);
	}
	if (!ok) {
		char *d = frame_dump(&fr);
		fprintf(stderr, "\n%s", d);
		free(d);
	}
	return ok;
}

#define ROWS_ARE(from, ...)                                                                        \
	rows_are((from), (const char *const[]){__VA_ARGS__},                                       \
		 (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))

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

/* The text of the first row drawn selected (from column 0), or "". */
static char *
selected(void)
{
	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++)
		if (frame_cell(&fr, r, 0)->style & STY_SELECT)
			return frame_row(&fr, r);
	return xstrdup("");
}

static bool
selected_has(const char *needle)
{
	char *s = selected();
	bool ok = strstr(s, needle) != NULL;

	if (!ok)
		fprintf(stderr, "\n%dx%d: expected the selected row to hold \"%s\"; got \"%s\"\n",
			app.cols, app.rows, needle, s);
	free(s);
	return ok;
}

static void
click(int row)
{
	app.mouse_row = row;
	app.mouse_col = 10;
	app_key(&app, K_CLICK);
	app_draw(&app, &fr);
}

/* ---- review ---- */

/* Every rater's averages and the whole verdict, wrapped under their
 * labels (they were cut with "…" on a fixed four-row entry). */
static void
test_review_wraps(void)
{
	struct store *st = fixture_store("views-review");

	start(st, 24, 80, "dave");
	CU_ASSERT(ROWS_ARE(
	    3,
	    "  alice  Demo Lead                                               2/3 "
	    "\xe2\x96\x95\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x91"
	    "\xe2\x96\x91\xe2\x96\x91\xe2\x96\x8f",
	    "    self:      Architecture 3.5 \xc2\xb7 Community 2.0",
	    "    reviewers: bob: Architecture 3.0 \xc2\xb7 Community 4.0;",
	    "               carol: Architecture 2.0 \xc2\xb7 Community 5.0",
	    "    not yet: 1 checklist item left; self: Community 2.0 below 3.0;",
	    "      carol: Architecture 2.0 below 3.0", "  alice  retired-role",
	    "    self:      not rated", "    reviewers: none yet",
	    "    role not in this handbook"));
	stop();

	/* 50 columns: an area stays beside its average, the verdict goes on
	 * indented */
	start(st, 16, 50, "dave");
	CU_ASSERT(ROWS_ARE(
	    3,
	    "  alice  Demo Lead                 2/3 "
	    "\xe2\x96\x95\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88"
	    "\xe2\x96\x88\xe2\x96\x91\xe2\x96\x91\xe2\x96\x91\xe2\x96\x8f",
	    "    self:      Architecture 3.5 \xc2\xb7 Community 2.0",
	    "    reviewers: bob: Architecture 3.0 \xc2\xb7", "               Community 4.0;",
	    "               carol: Architecture 2.0 \xc2\xb7", "               Community 5.0",
	    "    not yet: 1 checklist item left;", "      self: Community 2.0 below 3.0;",
	    "      carol: Architecture 2.0 below 3.0", "  alice  retired-role"));
	/* the heading keeps what fits whole: the keys are in the footer */
	CU_ASSERT(ROWS_ARE(1, " 2 candidate roles \xc2\xb7 sorted by profile"));
	stop();

	/* 200 columns: one row each */
	start(st, 50, 200, "dave");
	CU_ASSERT(
	    ROWS_ARE(5,
		     "    reviewers: bob: Architecture 3.0 \xc2\xb7 Community 4.0; carol: "
		     "Architecture 2.0 \xc2\xb7 Community 5.0",
		     "    not yet: 1 checklist item left; self: Community 2.0 below 3.0; carol: "
		     "Architecture 2.0 below 3.0",
		     "  alice  retired-role"));
	stop();
	store_close(st);
}

/* Where each rater's records came from, on the review of imported files:
 * the candidate's own file and signer, each reviewer's own file (not the
 * latest file of the candidate), and how many of the ratings no one
 * signed. */
static void
test_review_sources(void)
{
	struct store *st = fixture_fresh("views-review-sources");
	char *doc = fixture_json();
	struct export_import_opts o = {
	    .file = "team/alice.json", .signer = "alice", .now = T0 + 30 * DAY};

	CU_ASSERT_EQUAL(export_import_with(st, doc, strlen(doc), &o, NULL, NULL, NULL), EXPORT_OK);
	o.file = "team/alice-bob.json";
	o.signer = "bob";
	CU_ASSERT_EQUAL(export_import_with(st, doc, strlen(doc), &o, NULL, NULL, NULL), EXPORT_OK);
	o.file = "inbox/alice-unsigned.json";
	o.signer = NULL;
	o.accept_unsigned = true;
	CU_ASSERT_EQUAL(export_import_with(st, doc, strlen(doc), &o, NULL, NULL, NULL), EXPORT_OK);
	start(st, 50, 200, "dave");
	CU_ASSERT(row_of("self:      Architecture 3.5 \xc2\xb7 Community 2.0  [team/alice.json, "
			 "signed by alice, ") > 0);
	CU_ASSERT(row_of("reviewers: bob [team/alice-bob.json, signed by bob, ") > 0);
	CU_ASSERT(row_of("carol [inbox/alice-unsigned.json, unverified, ") > 0);
	CU_ASSERT(row_of("Community 5.0 (2 of 2 ratings unverified)") > 0);
	stop();
	free(doc);
	store_close(st);
}

/* Entries of many heights: a click selects the candidate on that row, a
 * second one opens it; keys and the wheel keep the selection whole on
 * screen. */
static void
test_review_click(void)
{
	struct store *st = fixture_store("views-review-click");
	int r;

	start(st, 18, 50, "dave"); /* both candidates whole on screen */
	CU_ASSERT(selected_has("Demo Lead"));
	r = row_of("retired-role");
	CU_ASSERT_EQUAL(r, 12);
	click(r);
	CU_ASSERT(selected_has("retired-role"));
	/* the first candidate's last row is the first candidate's */
	click(row_of("carol: Architecture 2.0 below 3.0"));
	CU_ASSERT(selected_has("Demo Lead"));
	click(r);
	CU_ASSERT(selected_has("retired-role"));
	click(r);
	CU_ASSERT(row_of("The role retired-role is not in this handbook") >= 0);
	/* at 50x10 the first candidate is taller than the screen: shown from
	 * its first row, the second below it once selected */
	app_resize(&app, 10, 50);
	app_key(&app, 'g');
	CU_ASSERT(selected_has("Demo Lead"));
	CU_ASSERT_EQUAL(row_of("Demo Lead"), 3);
	app_key(&app, 'j');
	CU_ASSERT(selected_has("retired-role"));
	CU_ASSERT_EQUAL(row_of("retired-role"), 3);
	app_key(&app, K_WHEEL_UP);
	CU_ASSERT(selected_has("Demo Lead"));
	stop();
	store_close(st);
}

/* ---- assessment and rating ---- */

/* The rating columns are as wide as their raters' names (up to ten
 * cells): the names show whole, the current rater's too ("car…" and
 * "cha…" were cut at four cells, at any width). */
static void
test_assess_columns(void)
{
	struct store *st = fixture_store("views-columns");
	struct role *demo = catalog_find(&fixture_cat, DEMO);

	/* rating as dave, opened from the review */
	start(st, 24, 80, "dave");
	app_key(&app, K_ENTER);
	CU_ASSERT(ROWS_ARE(
	    2, "  self dave bob  carol", " Architecture  self 3.5  dave -  bob 3.0  carol 2.0",
	    "   4   [ ]   3    2   ! I review designs.                      carol 2026-11-27"));
	app_resize(&app, 16, 50);
	CU_ASSERT(ROWS_ARE(3, "  self dave bob  carol"));
	stop();

	/* a long name: cut at ten cells, the columns after it moved on */
	start(st, 24, 80, "chairperson-of-sig");
	app_key(&app, K_ENTER);
	CU_ASSERT(ROWS_ARE(
	    2, "  self chairpers\xe2\x80\xa6 bob  carol",
	    " Architecture  self 3.5  chairperson-of-sig -  bob 3.0  carol 2.0",
	    "   4   [ ]         3    2   ! I review designs.                carol 2026-11-27"));
	/* at 50 columns the statements keep twenty cells: the name gives way */
	app_resize(&app, 16, 50);
	CU_ASSERT(ROWS_ARE(3, "  self chairper\xe2\x80\xa6 bob  carol",
			   " Architecture  self 3.5  chairperson-of-sig -", "   bob 3.0  carol 2.0",
			   "   4   [ ]        3    2   ! I review designs."));
	stop();

	/* alice's own self-assessment beside her reviewers */
	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "alice";
	app_push(&app, view_assess_new(&app, demo, "alice", NULL));
	frame_init(&fr, 24, 80);
	CU_ASSERT(ROWS_ARE(
	    2, "  self bob  carol", " Architecture  self 3.5  bob 3.0  carol 2.0",
	    "  [4]   3    2   ! I review designs.                           carol 2026-11-27"));
	stop();
	store_close(st);
}

/* Every rating's date is on the screen without selecting it: dim at the
 * end of its statement's row (wrapped narrower for it when that takes at
 * most one row more), under it when that is too narrow; a note's
 * row keeps its own date (alice's Community self-rating of 2026-11-25
 * has no note, and no date showed anywhere but in the title bar). */
static void
test_assess_dates(void)
{
	struct store *st = fixture_store("views-dates");
	struct role *demo = catalog_find(&fixture_cat, DEMO);

	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "alice";
	app_push(&app, view_assess_new(&app, demo, "alice", NULL));
	frame_init(&fr, 24, 80);
	CU_ASSERT(ROWS_ARE(
	    4, "  [4]   3    2   ! I review designs.                           carol 2026-11-27",
	    "                   note, self, 2026-11-24: I reviewed three designs this cycle.",
	    "                   note, bob, 2026-11-26: Solid reviews; wants more depth on",
	    "                     trade-offs.",
	    "  [3]   -    -     I write design documents.                    self 2026-11-24", "",
	    " Community  self 2.0  bob 4.0  carol 5.0",
	    "  [2]   4    -   ! I answer questions in the",
	    "                   channel.                     self 2026-11-25, bob 2026-11-26",
	    "  [ ]   4    5     I welcome newcomers.                          bob 2026-11-26"));
	app_resize(&app, 16, 50);
	CU_ASSERT(ROWS_ARE(5, "  [4]   3    2   ! I review designs.",
			   "                   rated carol 2026-11-27"));
	stop();

	/* one rater's own view: the date alone */
	store_close(st);
	st = fixture_store("views-dates-own");
	OK(store_rating_set(st, "erin", DEMO, "", S_REVIEW, "Architecture", "I review designs.", 2,
			    T0 + DAY));
	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "erin";
	app_push(&app, view_assess_new(&app, demo, "erin", NULL));
	frame_init(&fr, 24, 80);
	CU_ASSERT(ROWS_ARE(
	    4, "  [2]   I review designs.                                            2026-11-24"));
	stop();
	store_close(st);
}

/* ---- chart ---- */

/* Whether the screen shows needle; prints it when not. */
static bool
shows(const char *needle)
{
	return row_of(needle) >= 0;
}

/* The chart's closing hint shares the rows with the areas: shown whole or
 * not at all (at 50x16 its second row was under the footer). */
static void
test_chart_hint(void)
{
	struct store *st = fixture_store("views-chart");
	static const char *const sizes[][2] = {{"16", "50"}, {"17", "50"}, {"24", "80"}};

	for (size_t i = 0; i < 3; i++) {
		int rows = atoi(sizes[i][0]), cols = atoi(sizes[i][1]);
		start(st, rows, cols, "dave");
		app_key(&app, K_ENTER);
		app_key(&app, 'v');
		CU_ASSERT(shows("Community    "));
		if (cols == 80) {
			CU_ASSERT(shows(" Enter on an area reads what the role says about it; H "
					"shows the history."));
		} else if (rows == 17) {
			int r = row_of(" Enter on an area reads what the role says about");
			CU_ASSERT(r > 0 && r < rows - 2);
			CU_ASSERT(ROWS_ARE(r + 1, " it; H shows the history."));
		} else {
			/* no room for both rows: no hint, the footer says it */
			CU_ASSERT_EQUAL(row_of("Enter on an area"), -1);
			CU_ASSERT(shows("Enter:read the area H:history"));
		}
		stop();
	}
	store_close(st);
}

/* From a candidate's chart, Enter on an area opens the role's text, whose
 * checklist boxes are the app's profile's: the status says whose. */
static void
test_chart_open_says_whose(void)
{
	struct store *st = fixture_store("views-chart-open");

	start(st, 24, 80, "dave");
	app_key(&app, K_ENTER);
	app_key(&app, 'v');
	app_key(&app, K_ENTER);
	CU_ASSERT(shows("The role's text: its checklist shows dave's progress, not alice's"));
	app_key(&app, 'q');
	CU_ASSERT(shows("Readiness of alice"));
	stop();
	/* her own chart: nothing to say */
	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "alice";
	app_push(&app,
		 view_chart_new(&app, catalog_find(&fixture_cat, DEMO), "alice", NULL, false));
	frame_init(&fr, 24, 80);
	app_key(&app, K_ENTER);
	CU_ASSERT(!shows("its checklist shows"));
	CU_ASSERT(shows("You shape the design."));
	stop();
	store_close(st);
}

/* The compare view wraps each statement under itself (they were cut with
 * "…"); G shows the last one whole. */
static void
test_compare_wraps(void)
{
	struct store *st = fixture_store("views-compare");
	int r;

	start(st, 16, 40, "dave");
	app_key(&app, K_ENTER);
	app_key(&app, 'H');
	app_key(&app, 'g');
	app_key(&app, ' ');
	app_key(&app, 'j');
	app_key(&app, ' ');
	app_key(&app, K_ENTER);
	r = row_of("I answer questions in the");
	CU_ASSERT(r > 0);
	CU_ASSERT(ROWS_ARE(r, " 1 \xe2\x86\x92 2  \xe2\x86\x91 I answer questions in the",
			   "          channel."));
	CU_ASSERT(row_of("\xe2\x80\xa6") <= 0); /* the header may cut the role's title */
	app_key(&app, 'G');
	r = row_of("I welcome newcomers.");
	CU_ASSERT(r > 0 && r < 15);
	stop();
	store_close(st);
}

/* ---- home ---- */

/* The header keeps its position on the right, on every entry and size
 * (on the review entry, after the last role, it was blank). */
static void
test_home_position(void)
{
	static const int sizes[][2] = {{16, 50}, {24, 80}, {50, 200}};

	for (size_t i = 0; i < 3; i++) {
		int rows = sizes[i][0], cols = sizes[i][1];
		char *want;
		app_init(&app, &fixture_cat, rows, cols);
		app.profile = "alice";
		app_push(&app, view_home_new(&app));
		frame_init(&fr, rows, cols);
		want = xasprintf(" rolebook \xe2\x80\xba roles%*s1/1", cols - 21, "");
		CU_ASSERT(ROWS_ARE(0, want));
		free(want);
		app_key(&app, 'G');
		CU_ASSERT(selected_has("Review candidates"));
		want =
		    xasprintf(" rolebook \xe2\x80\xba roles%*s\xe2\x98\x85 review", cols - 26, "");
		CU_ASSERT(ROWS_ARE(0, want));
		free(want);
		if (i == 0) {
			app.ascii = true;
			CU_ASSERT(ROWS_ARE(0, " rolebook > roles                        * review"));
		}
		stop();
	}
}

/* The review entry's text names its key (R), which the footer drops at
 * 50 columns: wrapped, never cut. */
static void
test_home_review_entry(void)
{
	app_init(&app, &fixture_cat, 16, 50);
	app.profile = "alice";
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 16, 50);
	CU_ASSERT(ROWS_ARE(4, "  \xe2\x98\x85 Review candidates",
			   "    For SIG chairs: every profile's progress,",
			   "    ratings and readiness (R)", ""));
	/* a click on its last row selects it */
	click(6);
	CU_ASSERT(selected_has("Review candidates"));
	app_resize(&app, 24, 80);
	CU_ASSERT(ROWS_ARE(
	    5, "    For SIG chairs: every profile's progress, ratings and readiness (R)", ""));
	stop();
}

/* ---- lists of areas ---- */

/* The history and the review wrap lists after a separator, so that an
 * area stays beside its average (the history at 80 columns showed
 * "Strategic thinking" on one row and "2.4" on the next). */
static void
test_wrap_list(void)
{
	const char *s = "Leadership 2.2 \xc2\xb7 Objectivity 1.6 \xc2\xb7 Strategic thinking 2.4";
	const char *a = "Leadership 2.2, Objectivity 1.6, Strategic thinking 2.4";
	size_t next, cut;

	cut = text_wrap_list(s, strlen(s), 54, &next);
	CU_ASSERT_EQUAL(cut, strlen("Leadership 2.2 \xc2\xb7 Objectivity 1.6 \xc2\xb7"));
	CU_ASSERT_STRING_EQUAL(s + next, "Strategic thinking 2.4");
	cut = text_wrap_list(a, strlen(a), 52, &next);
	CU_ASSERT_EQUAL(cut, strlen("Leadership 2.2, Objectivity 1.6,"));
	CU_ASSERT_STRING_EQUAL(a + next, "Strategic thinking 2.4");
	/* "bob: ...; carol: ..." */
	s = "bob: Architecture 3.0; carol: Architecture 2.0";
	cut = text_wrap_list(s, strlen(s), 40, &next);
	CU_ASSERT_EQUAL(cut, strlen("bob: Architecture 3.0;"));
	/* no separator that fits: at a space, as text_wrap() */
	s = "Strategic thinking 2.4";
	cut = text_wrap_list(s, strlen(s), 20, &next);
	CU_ASSERT_EQUAL(cut, strlen("Strategic thinking"));
	CU_ASSERT_STRING_EQUAL(s + next, "2.4");
	/* all of it when it fits */
	cut = text_wrap_list(s, strlen(s), 22, &next);
	CU_ASSERT_EQUAL(cut, strlen(s));
	CU_ASSERT_EQUAL(next, strlen(s));
}

/* ---- registration ---- */

int
test_views_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"review: every average and the verdict, wrapped", test_review_wraps},
	    {"review: clicks on entries of many heights", test_review_click},
	    {"review: each rater's file, signer and age", test_review_sources},
	    {"assessment: rater columns as wide as the names", test_assess_columns},
	    {"assessment: every rating's date on screen", test_assess_dates},
	    {"chart: the closing hint whole or not at all", test_chart_hint},
	    {"chart: opening the role from a candidate's says whose", test_chart_open_says_whose},
	    {"compare: every statement whole", test_compare_wraps},
	    {"home: the position in the header on every entry", test_home_position},
	    {"home: the review entry's text whole", test_home_review_entry},
	    {"lists of areas wrap after a separator", test_wrap_list},
	};
	CU_pSuite s = CU_add_suite("views", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
