/*
 * test_lists.c - every list of the screens moved by the same keys: home,
 * checklist, review, history, assessment, the reader's contents and help,
 * driven through app_key() and checked on the virtual frame, at the sizes
 * a user has (50x16, 80x24, 200x50) and across resizes.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"
#include "content.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

#define CTRL(c) ((c)&0x1f)

static struct catalog cat;
static struct app app;
static struct frame fr;
static struct store *st;

/* The app at rows x cols on the home screen of the bundled roles, or of
 * the roles in dir; with an empty database in memory. */
/* The two roles as they were bundled, frozen for the tests that count
 * rows in their checklists and contents (see tests/data/lists/README). */
#define LISTS TEST_SRCDIR "/tests/data/lists"

static void
start_in(const char *dir, int rows, int cols)
{
	char *err = NULL;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&cat, dir ? dir : TEST_SRCDIR "/content/roles",
					      dir ? ORIGIN_DIR : ORIGIN_BUNDLED, false, &err),
			      0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	app_init(&app, &cat, rows, cols);
	app.store = st;
	app.profile = "me";
	app.reviewer = "chair";
	app_push(&app, view_home_new(&app));
	frame_init(&fr, rows, cols);
}

static void
start(int rows, int cols)
{
	start_in(NULL, rows, cols);
}

static void
stop(void)
{
	app_done(&app);
	store_close(st);
	st = NULL;
	catalog_done(&cat);
	frame_done(&fr);
}

/* Each key is followed by a frame, as in the terminal. */
static void
press(int key, int times)
{
	while (times-- > 0) {
		app_key(&app, key);
		app_draw(&app, &fr);
	}
}

static void
type(const char *s)
{
	for (; *s; s++)
		press((unsigned char)*s, 1);
}

static void
resize(int rows, int cols)
{
	app_resize(&app, rows, cols);
}

static void
click(int row, int col)
{
	app.mouse_row = row;
	app.mouse_col = col;
	app_key(&app, K_CLICK);
}

/* The text of the first row drawn selected (from column 0), trimmed, or
 * "" when no row is: the selection is on screen exactly when this is not
 * empty. */
static char *
selected(void)
{
	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++)
		if (frame_cell(&fr, r, 0)->style & STY_SELECT)
			return frame_row(&fr, r);
	return xstrdup("");
}

/* Whether the selected row holds needle; says what it holds when not. */
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

static bool
selection_shown(const char *what)
{
	char *s = selected();
	bool ok = *s != '\0';

	if (!ok) {
		char *d = frame_dump(&fr);
		fprintf(stderr, "\n%dx%d, %s: no selected row on screen\n%s", app.cols, app.rows,
			what, d);
		free(d);
	}
	free(s);
	return ok;
}

static char *
row(int r)
{
	app_draw(&app, &fr);
	return frame_row(&fr, r);
}

static bool
row_has(int r, const char *needle)
{
	char *t = row(r);
	bool ok = strstr(t, needle) != NULL;

	if (!ok)
		fprintf(stderr, "\n%dx%d: expected row %d to hold \"%s\"; got \"%s\"\n", app.cols,
			app.rows, r, needle, t);
	free(t);
	return ok;
}

static bool
row_has_quiet(const char *needle)
{
	char *d;
	bool found;

	app_draw(&app, &fr);
	d = frame_dump(&fr);
	found = strstr(d, needle) != NULL;
	free(d);
	return found;
}

/* The first row holding needle, or -1. */
static int
find_row(const char *needle)
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

/* The rows of the body (between header and footer) that are blank. */
static int
blank_rows(void)
{
	int n = 0;

	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++) {
		char *t = frame_row(&fr, r);
		n += *t == '\0';
		free(t);
	}
	return n;
}

static struct role *
role(const char *id)
{
	struct role *r = catalog_find(&cat, id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	return r;
}

/* Profiles p01..pN, each with one item of the Technical Lead done: N
 * candidates on the review screen. */
static void
add_candidates(int n)
{
	struct role *r = role("technical-lead");

	for (int i = 1; i <= n; i++) {
		char name[16];
		snprintf(name, sizeof name, "p%02d", i);
		CU_ASSERT_EQUAL(store_item_set_done(st, name, r->id, r->items[0].id,
						    r->items[0].text, true, 1000),
				STORE_OK);
	}
}

/* n snapshots of my self-assessment of role r, a day apart from
 * 2023-11-14 noon. */
static void
add_snapshots(struct role *r, int n)
{
	for (int i = 0; i < n; i++) {
		struct store_rating rt = {
		    .rater = "",
		    .statement_id = r->stmts[0].id,
		    .area = r->areas[r->stmts[0].area].name,
		    .text = r->stmts[0].text,
		    .value = i % 5 + 1,
		};
		struct store_snapshot s = {.rater = "",
					   .taken_at = 1699963200 + (int64_t)i * 86400,
					   .ratings = &rt,
					   .nratings = 1};
		CU_ASSERT_EQUAL(store_snapshot_put(st, "me", r->id, &s), STORE_OK);
	}
}

/* A folder of n roles, "Role 01" to "Role n"; returns its path. */
static char *
many_roles(int n)
{
	char *dir = xasprintf("%s/lists-roles", unit_tmpdir);

	mkdir(dir, 0700);
	for (int i = 1; i <= n; i++) {
		char *path = xasprintf("%s/role%02d.md", dir, i);
		FILE *fp = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		fprintf(fp, "# Role %02d\n\nWhat role %02d does.\n", i, i);
		fclose(fp);
		free(path);
	}
	return dir;
}

/* The review screen: a page is what the screen holds, Ctrl-D and Ctrl-U
 * half of it, as on every list (it was 5 rows, and half pages did
 * nothing). */
static void
test_review_pages(void)
{
	start(24, 80);
	add_candidates(30);
	type("R");
	CU_ASSERT_TRUE(selected_has("p01"));
	/* 20 rows, five a candidate (the verdict takes two): half a page
	 * is two candidates, a page four */
	press(CTRL('d'), 1);
	CU_ASSERT_TRUE(selected_has("p03"));
	press(CTRL('d'), 1);
	CU_ASSERT_TRUE(selected_has("p05"));
	press(CTRL('u'), 1);
	CU_ASSERT_TRUE(selected_has("p03"));
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("p07"));
	press(K_PGUP, 1);
	CU_ASSERT_TRUE(selected_has("p03"));
	/* 200x50: four rows a candidate, eleven on screen, so a page is
	 * eleven */
	press('g', 1);
	resize(50, 200);
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("p12"));
	CU_ASSERT_TRUE(row_has(3, "p12"));
	press('G', 1);
	CU_ASSERT_TRUE(selected_has("p30"));
	/* 50x16: the verdict wraps to four rows, seven a candidate: one
	 * whole on screen */
	resize(16, 50);
	CU_ASSERT_TRUE(selected_has("p30"));
	press('g', 1);
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("p02"));
	stop();
}

/* Home: half a page moves half the roles on screen, a page all of them
 * (half a page moved a whole page). */
static void
test_home_pages(void)
{
	char *dir = many_roles(30);

	start_in(dir, 24, 80);
	CU_ASSERT_TRUE(selected_has("Role 01"));
	/* 21 rows, two a role: ten roles on screen */
	press(CTRL('d'), 1);
	CU_ASSERT_TRUE(selected_has("Role 06"));
	press(CTRL('u'), 1);
	CU_ASSERT_TRUE(selected_has("Role 01"));
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("Role 11"));
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("Role 21"));
	press(CTRL('u'), 1);
	CU_ASSERT_TRUE(selected_has("Role 16"));
	stop();
	free(dir);
}

/* The checklist: Ctrl-D is half of what PgDn moves (they were equal). */
static void
test_checklist_pages(void)
{
	struct role *r;

	start_in(LISTS, 24, 80);
	r = role("technical-lead");
	app_push(&app, view_checklist_new(&app, r));
	CU_ASSERT_TRUE(selected_has(" 1 "));
	/* 20 rows: a heading, item 1 and its "prerequisite" line, items 2-4,
	 * item 5 on two rows, item 6: half a page (10 rows) is item 7 */
	press(CTRL('d'), 1);
	CU_ASSERT_TRUE(selected_has(" 7 "));
	CU_ASSERT_TRUE(row_has(3, " 7 "));
	press(CTRL('u'), 1);
	CU_ASSERT_TRUE(selected_has(" 1 "));
	/* a page: to item 14 */
	press(K_PGDN, 1);
	CU_ASSERT_TRUE(selected_has("14 "));
	press(K_PGUP, 1);
	CU_ASSERT_TRUE(selected_has(" 1 "));
	press('G', 1);
	CU_ASSERT_TRUE(selected_has("32 "));
	stop();
}

/* History with 40 snapshots: the list scrolls, so the selection is always
 * the row shown selected, G and g go to the ends, and Enter compares the
 * snapshot on screen. */
static void
test_history_scrolls(void)
{
	struct role *r;

	start(24, 80);
	r = role("technical-lead");
	add_snapshots(r, 40);
	app_push(&app, view_chart_new(&app, r, "me", NULL, true));
	/* it opens on the latest */
	CU_ASSERT_TRUE(selected_has("2023-12-23"));
	press('g', 1);
	CU_ASSERT_TRUE(selected_has("2023-11-14"));
	press('G', 1);
	CU_ASSERT_TRUE(selected_has("2023-12-23"));
	press(K_PGUP, 1);
	CU_ASSERT_TRUE(selected_has("2023-12-04"));
	press(CTRL('d'), 1);
	CU_ASSERT_TRUE(selected_has("2023-12-13"));
	press(K_DOWN, 3);
	CU_ASSERT_TRUE(selected_has("2023-12-16"));
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(row_has(1, "(2023-12-16 12:00)"));
	stop();
}

/* Checklist at 50x16 scrolled down to item 5, then the terminal grows:
 * the items above come back into view instead of blank rows. */
static void
test_checklist_resize(void)
{
	struct role *r;

	start_in(LISTS, 16, 50);
	r = role("technical-lead");
	app_push(&app, view_checklist_new(&app, r));
	press('j', 10);
	press('k', 6);
	CU_ASSERT_TRUE(selected_has(" 5 "));
	CU_ASSERT_TRUE(row_has(3, " 5 "));
	resize(50, 200);
	CU_ASSERT_TRUE(selected_has(" 5 "));
	CU_ASSERT_TRUE(row_has(3, "First week"));
	CU_ASSERT_TRUE(row_has(4, " 1 "));
	/* the whole list fits: blank rows only below its end */
	CU_ASSERT_TRUE(row_has(41, "32 ")); /* two prerequisites: a line more each */
	/* and back: the selection stays in view */
	resize(16, 50);
	CU_ASSERT_TRUE(selected_has(" 5 "));
	resize(10, 40);
	CU_ASSERT_TRUE(selected_has(" 5 "));
	stop();
}

/* Progress that no longer matches an item is listed below the last item:
 * Down there scrolls it into view while the last item stays on screen. */
static void
test_checklist_stale(void)
{
	struct role *r;

	start_in(LISTS, 12, 60); /* eight rows of items, most on two rows */
	r = role("technical-lead");
	CU_ASSERT_EQUAL(
	    store_item_set_done(st, "me", r->id, "0123456789ab", "An old item", true, 1000),
	    STORE_OK);
	app_push(&app, view_checklist_new(&app, r));
	/* stepping down to the last item shows it at the bottom */
	press('j', 31);
	CU_ASSERT_TRUE(selected_has("32 "));
	CU_ASSERT_FALSE(row_has_quiet("An old item"));
	press('j', 3);
	CU_ASSERT_TRUE(selected_has("32 "));
	CU_ASSERT_TRUE(row_has(8, "Earlier progress"));
	CU_ASSERT_TRUE(row_has(9, "An old item"));
	/* G goes to the end of the list, the old item too */
	press('g', 1);
	press('G', 1);
	CU_ASSERT_TRUE(selected_has("32 "));
	CU_ASSERT_TRUE(row_has(9, "An old item"));
	press('k', 1);
	CU_ASSERT_TRUE(selected_has("31 "));
	/* every item hidden: the list is the stale progress alone */
	press('g', 1);
	press('x', 1);
	press('h', 1);
	for (int i = 0; i < 32; i++)
		press('x', 1);
	CU_ASSERT_TRUE(row_has(4, "Earlier progress"));
	CU_ASSERT_TRUE(row_has(5, "An old item"));
	press(K_PGDN, 1);
	press('j', 1);
	CU_ASSERT_TRUE(row_has(5, "An old item"));
	stop();
}

/* The role screen at 50x16, Tab G (the contents' last entry), then
 * 200x50: the contents show from their first entry, no blank rows above
 * entries left out. */
static void
test_contents_resize(void)
{
	char *t;

	start_in(LISTS, 16, 50);
	press(K_ENTER, 1); /* Program Manager */
	press(K_TAB, 1);
	press('G', 1);
	CU_ASSERT_TRUE(selected_has("Self-assessment"));
	resize(50, 200);
	CU_ASSERT_TRUE(selected_has("Self-assessment"));
	t = row(1);
	if (strncmp(t, "\xe2\x96\xb8Program Manager", 18) != 0 &&
	    strncmp(t, " Program Manager", 16) != 0)
		fprintf(stderr, "\nexpected the first entry on row 1; got \"%s\"\n", t);
	CU_ASSERT_TRUE(strstr(t, "Program Manager") != NULL &&
		       strstr(t, "Program Manager") < t + 6);
	free(t);
	resize(16, 50);
	CU_ASSERT_TRUE(selected_has("Self-assessment"));
	stop();
}

/* Every list, at every size: after each movement key and after each
 * resize, a selected row is on screen. */
static const int sizes[][2] = {{16, 50}, {24, 80}, {50, 200}, {10, 40}};

static void
walk(const char *what)
{
	static const int keys[] = {
	    'j',	  'j', K_PGDN, CTRL('d'), 'G',		K_WHEEL_UP,   K_WHEEL_UP,
	    K_WHEEL_UP,	  'k', K_PGUP, CTRL('u'), K_WHEEL_DOWN, K_WHEEL_DOWN, K_WHEEL_DOWN,
	    K_WHEEL_DOWN, 'g', K_END,  K_HOME,	  K_PGDN,	K_PGDN};

	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		resize(sizes[s][0], sizes[s][1]);
		CU_ASSERT_TRUE(selection_shown(what));
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			char *before = selected(), *after;
			press(keys[k], 1);
			after = selected();
			CU_ASSERT_TRUE(selection_shown(what));
			free(before);
			free(after);
		}
		/* a resize in the middle of the list */
		resize(sizes[(s + 1) % 4][0], sizes[(s + 1) % 4][1]);
		CU_ASSERT_TRUE(selection_shown(what));
	}
}

static void
test_selection_always_shown(void)
{
	char *dir = many_roles(30);
	struct role *r;

	start_in(dir, 24, 80);
	walk("home");
	stop();

	start(24, 80);
	r = role("technical-lead");
	add_candidates(30);
	add_snapshots(r, 40);
	type("R");
	walk("review");
	type("q");
	app_push(&app, view_checklist_new(&app, r));
	walk("checklist");
	type("q");
	app_push(&app, view_assess_new(&app, r, "me", NULL));
	walk("assessment");
	type("q");
	app_push(&app, view_chart_new(&app, r, "me", NULL, true));
	walk("history");
	type("q");
	app_open_role(&app, r, NULL);
	press(K_TAB, 1);
	walk("contents");
	stop();
	free(dir);
}

/* The wheel scrolls three rows and moves the selection only to keep it
 * on screen; a click selects, a second click acts as Enter. */
static void
test_wheel_and_click(void)
{
	char *dir = many_roles(30);

	start_in(dir, 24, 80);
	press(K_WHEEL_DOWN, 1);
	CU_ASSERT_TRUE(row_has(2, "Role 02"));
	CU_ASSERT_TRUE(selected_has("Role 02"));
	press(K_DOWN, 1);
	press(K_WHEEL_UP, 1);
	CU_ASSERT_TRUE(row_has(2, "Role 01"));
	CU_ASSERT_TRUE(selected_has("Role 03"));
	/* rows 2-3 are Role 01, 4-5 Role 02 */
	click(5, 10);
	CU_ASSERT_TRUE(selected_has("Role 02"));
	click(4, 10);
	CU_ASSERT_TRUE(row_has(0, "Role 02"));
	stop();
	free(dir);

	start(24, 80);
	add_candidates(10);
	type("R");
	/* candidates from row 3, four rows each */
	click(8, 10);
	CU_ASSERT_TRUE(selected_has("p02"));
	press(K_WHEEL_DOWN, 2);
	CU_ASSERT_TRUE(selected_has("p03"));
	CU_ASSERT_TRUE(row_has(3, "p03"));
	click(3, 10);
	CU_ASSERT_TRUE(row_has(0, "Review of p03"));
	stop();

	start(24, 80);
	add_snapshots(role("technical-lead"), 40);
	app_push(&app, view_chart_new(&app, role("technical-lead"), "me", NULL, true));
	press('g', 1);
	press(K_WHEEL_DOWN, 1);
	CU_ASSERT_TRUE(selected_has("2023-11-17"));
	click(6, 10);
	CU_ASSERT_TRUE(selected_has("2023-11-19"));
	click(6, 10);
	CU_ASSERT_TRUE(row_has(1, "(2023-11-19 12:00)"));
	stop();

	/* the checklist: a click selects, a click on the selected box ticks */
	start_in(LISTS, 24, 80);
	app_push(&app, view_checklist_new(&app, role("technical-lead")));
	click(7, 4); /* item 3 (below item 1's prerequisite line): selected, not ticked */
	CU_ASSERT_TRUE(selected_has(" 3 "));
	CU_ASSERT_TRUE(row_has(1, "0 of 32 done"));
	click(7, 4);
	CU_ASSERT_TRUE(row_has(1, "1 of 32 done"));
	press(K_WHEEL_DOWN, 2);
	CU_ASSERT_TRUE(selected_has(" 4 "));
	CU_ASSERT_TRUE(row_has(3, " 4 "));
	stop();

	/* the assessment: a click on a statement's second row selects it */
	start(24, 80);
	app_push(&app, view_assess_new(&app, role("technical-lead"), "me", NULL));
	{
		int r = find_row("I explain technical decisions");
		CU_ASSERT_TRUE_FATAL(r > 0);
		click(r + 1, 30);
		CU_ASSERT_TRUE(selected_has("I explain technical decisions"));
		press('4', 1); /* rates it and moves on */
		CU_ASSERT_TRUE(row_has(r, "[4]"));
	}
	stop();
}

/* Help is a pager: its keys scroll it, and a taller screen shows its end
 * without blank rows while lines above could fill them. */
static void
test_help_pager(void)
{
	char *first;

	start(16, 50);
	type("?");
	first = row(1);
	CU_ASSERT_TRUE(row_has(1, "The home screen lists"));
	press('G', 1);
	CU_ASSERT_TRUE(row_has(14, "See also: man rolebook"));
	press('g', 1);
	press(CTRL('d'), 1);
	{
		char *t = row(1);
		CU_ASSERT_TRUE(strcmp(t, first) != 0);
		free(t);
	}
	press('G', 1);
	resize(50, 200);
	CU_ASSERT_TRUE(row_has(1, "The home screen lists"));
	CU_ASSERT_TRUE(blank_rows() > 0); /* all of it fits */
	free(first);
	stop();
}

int
test_lists_register(void)
{
	CU_pSuite s = CU_add_suite("lists", NULL, NULL);

	if (s == NULL)
		return -1;
	if (!CU_add_test(s, "review: pages and half pages", test_review_pages) ||
	    !CU_add_test(s, "home: half a page is half", test_home_pages) ||
	    !CU_add_test(s, "checklist: Ctrl-D is half of PgDn", test_checklist_pages) ||
	    !CU_add_test(s, "history: 40 snapshots scroll", test_history_scrolls) ||
	    !CU_add_test(s, "checklist: growing shows the items above", test_checklist_resize) ||
	    !CU_add_test(s, "checklist: the stale progress comes into view",
			 test_checklist_stale) ||
	    !CU_add_test(s, "contents: growing shows the first entries", test_contents_resize) ||
	    !CU_add_test(s, "the selection is always on screen", test_selection_always_shown) ||
	    !CU_add_test(s, "wheel and click on every list", test_wheel_and_click) ||
	    !CU_add_test(s, "help is a pager", test_help_pager))
		return -1;
	return 0;
}
