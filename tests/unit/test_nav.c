/*
 * test_nav.c - navigation at screen level: whatever opens a screen, q
 * comes back to the screen it was opened from, and Backspace comes back
 * from links; the role screen's header and its checklist boxes.  The real
 * views and app are driven by keys and read on a virtual frame.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"
#include "content.h"
#include "frame.h"
#include "keys.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

#define PM "program-manager"

static struct catalog cat;
static struct app app;
static struct frame fr;
static struct store *st;

static int64_t
fixed_clock(void)
{
	return 1795000000; /* 2026-11-18 */
}

/* The bundled roles, a database in memory, "me" reading and reviewing. */
static void
start(int rows, int cols)
{
	char *err = NULL;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	app_init(&app, &cat, rows, cols);
	app.store = st;
	app.profile = "me";
	app.reviewer = "rev";
	app.clock = fixed_clock;
	app_push(&app, view_home_new(&app));
	frame_init(&fr, rows, cols);
}

static void
stop(void)
{
	app_done(&app);
	store_close(st);
	catalog_done(&cat);
	frame_done(&fr);
}

static void
type(const char *s)
{
	for (; *s; s++)
		app_key(&app, (unsigned char)*s);
}

static void
press(int key)
{
	app_key(&app, key);
}

static char *
row(int r)
{
	app_draw(&app, &fr);
	return frame_row(&fr, r);
}

/* True when the header (row 0) starts with want, "rolebook › ..."; says
 * what it showed when not. */
static bool
header_is(const char *want)
{
	char *r = row(0);
	bool ok = strncmp(r + strspn(r, " "), want, strlen(want)) == 0;

	if (!ok)
		fprintf(stderr, "\nexpected the header to start \"%s\"; got \"%s\"\n", want, r);
	free(r);
	return ok;
}

static bool
on_screen(const char *needle)
{
	char *s;
	bool found;

	app_draw(&app, &fr);
	s = frame_dump(&fr);
	found = strstr(s, needle) != NULL;
	if (!found)
		fprintf(stderr, "\nexpected on screen: \"%s\"\n%s\n", needle, s);
	free(s);
	return found;
}

/* A document read once and its file changed: opened again from the home
 * screen, it shows the new text (it used to keep the first). */
static void
test_reopen_changed(void)
{
	char *dir = xasprintf("%s/nav-reopen", unit_tmpdir), *file, *err = NULL;
	FILE *f;

	mkdir(dir, 0700);
	file = xasprintf("%s/doc.md", dir);
	f = fopen(file, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("# Doc\n\nThe old words.\n", f);
	fclose(f);
	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&cat, dir, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	app_init(&app, &cat, 24, 80);
	app.store = st;
	app.profile = "me";
	app.clock = fixed_clock;
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 24, 80);

	press(K_ENTER);
	CU_ASSERT_TRUE(on_screen("The old words."));
	type("q");
	f = fopen(file, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("# Doc\n\nThe new words, and more of them.\n", f);
	fclose(f);
	press(K_ENTER);
	CU_ASSERT_TRUE(on_screen("The new words, and more of them."));
	type("q");
	stop();
	free(file);
	free(dir);
	free(err);
}

#define HOME "rolebook"
#define SEP " \u203a "

/* Chart, Enter on an area, q: back on the chart, then the assessment,
 * the role and home, one q each.  (The reader of the role below used to
 * be reused and everything above it closed: q landed on home.) */
static void
test_chart_area_and_back(void)
{
	start(24, 80);
	press(K_DOWN);
	press(K_ENTER); /* Program Manager */
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager"));
	type("a");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Self-assessment"));
	type("v");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Readiness"));
	press(K_ENTER); /* the first area: Leadership */
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Leadership"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Readiness"));
	/* and again, now with Backspace: it comes back as from a link */
	press(K_ENTER);
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Leadership"));
	press(K_BACKSPACE);
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Readiness"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Self-assessment"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager"));
	{
		char *r = row(0);
		CU_ASSERT_PTR_NULL(strstr(r, "Self-assessment"));
		free(r);
	}
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "roles"));
	CU_ASSERT_EQUAL(app.nviews, 1);
	stop();
}

/* Review, a candidate, the chart, an area; q q q q walks back through
 * each screen to the review. */
static void
test_review_chain_and_back(void)
{
	start(24, 80);
	CU_ASSERT_EQUAL(store_rating_set(st, "alice", PM, "", "s1", "Leadership", "x", 4, 10),
			STORE_OK);
	CU_ASSERT_EQUAL(store_item_set_done(st, "alice", PM, "i1", "x", true, 10), STORE_OK);
	type("R");
	CU_ASSERT_TRUE(header_is(HOME SEP "Review"));
	CU_ASSERT_TRUE(on_screen("alice"));
	press(K_ENTER);
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Review of alice by rev"));
	type("v");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Readiness"));
	press(K_ENTER);
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Leadership"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Readiness"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Review of alice by rev"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Review"));
	type("q");
	CU_ASSERT_EQUAL(app.nviews, 1);
	stop();
}

/* The checklist and assessment of a role, each opened from the role's
 * contents, come back to the role; help comes back to where it was asked
 * and ? on the help closes it. */
static void
test_role_screens_and_help(void)
{
	start(24, 80);
	press(K_DOWN);
	press(K_ENTER); /* Program Manager */
	type("c");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Checklist"));
	type("?");
	CU_ASSERT_TRUE(on_screen("help: checklist screen"));
	type("?");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager" SEP "Checklist"));
	type("q");
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager"));
	/* Backspace in a role opened from home: nothing to come back to, and
	 * the role stays */
	press(K_BACKSPACE);
	CU_ASSERT_TRUE(on_screen("Nothing to come back to"));
	CU_ASSERT_TRUE(header_is(HOME SEP "Program Manager"));
	CU_ASSERT_EQUAL(app.nviews, 2);
	stop();
}

/* The app loop honours the views' results: a key that changes nothing
 * asks for no redraw, unless a message goes away; one that moves does. */
static void
test_redraw_flags(void)
{
	start(24, 80);
	type("?");
	CU_ASSERT_TRUE(on_screen("help: home screen"));
	/* the help screen takes any other key and does nothing with it */
	CU_ASSERT_FALSE(app_key(&app, 'Z'));
	CU_ASSERT_TRUE(app_key(&app, 'j')); /* scrolls */
	CU_ASSERT_TRUE(app_key(&app, K_CTRL_L));
	type("q");
	CU_ASSERT_TRUE(app_key(&app, K_ENTER));	    /* a request: a new screen */
	CU_ASSERT_TRUE(app_key(&app, K_BACKSPACE)); /* "Nothing to come back to" */
	CU_ASSERT_TRUE(app_key(&app, 'j'));	    /* the message goes */
	stop();
}

/* The column where "/28" (the progress count) starts in the header. */
static int
progress_col(void)
{
	app_draw(&app, &fr);
	for (int c = 0; c + 2 < fr.cols; c++)
		if (frame_cell(&fr, 0, c)->cp == '/' && frame_cell(&fr, 0, c + 1)->cp == '2' &&
		    frame_cell(&fr, 0, c + 2)->cp == '9')
			return c;
	return -1;
}

/* The header's right side keeps its place as the position grows from one
 * digit to two: " 6%" and "10%" are as wide. */
static void
test_header_position_width(void)
{
	int at_top, below, guard = 0;
	char *r;

	start(24, 80);
	press(K_DOWN);
	press(K_ENTER); /* Program Manager */
	at_top = progress_col();
	CU_ASSERT(at_top > 0);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, " 0/29"));
	free(r);
	/* down until the position has two digits */
	for (;;) {
		char *h = row(0);
		bool two = strstr(h, "10%") != NULL || strstr(h, "11%") != NULL;
		free(h);
		if (two || ++guard > 400)
			break;
		type("j");
	}
	CU_ASSERT_TRUE(guard <= 400);
	below = progress_col();
	CU_ASSERT_EQUAL(below, at_top);
	if (below != at_top)
		fprintf(stderr, "\nthe progress moved from column %d to %d\n", at_top, below);
	stop();
}

/* Writes text to a file under the run's folder; returns its path. */
static char *
write_role(const char *name, const char *text)
{
	char *dir = xasprintf("%s/nav", unit_tmpdir), *path = xasprintf("%s/%s", dir, name);
	FILE *fp;

	mkdir(dir, 0700);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
	free(dir);
	return path;
}

/* The text pane's part of the row that shows text (after the contents
 * and their bar), or "(none)". */
static char *
row_with(const char *text)
{
	app_draw(&app, &fr);
	for (int r = 0; r < fr.rows; r++) {
		char *s = frame_row(&fr, r), *bar = strstr(s, "\u2502 ");
		if (strstr(s, text) != NULL && bar != NULL) {
			char *out = xstrdup(bar + strlen("\u2502 "));
			free(s);
			return out;
		}
		free(s);
	}
	return xstrdup("(none)");
}

#define ROW_IS(text, want)                                                                         \
	do {                                                                                       \
		char *got_ = row_with(text);                                                       \
		UNIT_ASSERT_STR(want, got_);                                                       \
		free(got_);                                                                        \
	} while (0)

/* The onboarding checklist in the role's text shows the profile's
 * progress, as the checklist screen does: ticked boxes for the done
 * items, empty ones for the others, whatever the Markdown says.  (Every
 * box stayed as the file had it: empty with 8 of 26 done.) */
static void
test_text_boxes(void)
{
	char *path = write_role("boxes.md", "# Boxes\n\nA role.\n\n## Onboarding checklist\n\n"
					    "- [x] Ticked in the file only\n"
					    "- [ ] Done by the profile\n"
					    "- [ ] Not done\n");
	char *err = NULL;
	struct role *r;

	start(24, 80);
	r = catalog_add_file(&cat, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	CU_ASSERT_EQUAL_FATAL(r->nitems, 3);
	CU_ASSERT_EQUAL(store_item_set_done(st, "me", "boxes", r->items[1].id, "x", true, 10),
			STORE_OK);
	CU_ASSERT_TRUE(app_open_role(&app, r, NULL));
	ROW_IS("Ticked in the file", "\u2610 Ticked in the file only");
	ROW_IS("Done by the profile", "\u2611 Done by the profile");
	ROW_IS("Not done", "\u2610 Not done");
	/* ticked on the checklist screen: the text shows it on coming back */
	type("c");
	type("x"); /* the first item */
	type("q");
	ROW_IS("Ticked in the file", "\u2611 Ticked in the file only");
	CU_ASSERT_TRUE(on_screen("2/3"));
	stop();
	free(path);
}

/* A file only read (a saved reading position) is no role of the reader's
 * on the review screen: there was a row "notes" for every file read. */
static void
test_review_ignores_reading(void)
{
	start(24, 80);
	CU_ASSERT_EQUAL(store_rating_set(st, "alice", PM, "", "s1", "Leadership", "x", 4, 10),
			STORE_OK);
	CU_ASSERT_EQUAL(store_position_set(st, "alice", "notes", NULL, 3, 20), STORE_OK);
	CU_ASSERT_EQUAL(store_position_set(st, "bob", "notes", NULL, 0, 20), STORE_OK);
	type("R");
	CU_ASSERT_TRUE(header_is(HOME SEP "Review"));
	{
		char *r = row(0), *all;
		CU_ASSERT_PTR_NOT_NULL(strstr(r, "1/1")); /* one candidate row: alice's PM */
		free(r);
		app_draw(&app, &fr);
		all = frame_dump(&fr);
		CU_ASSERT_PTR_NULL(strstr(all, "notes"));
		CU_ASSERT_PTR_NULL(strstr(all, "bob"));
		free(all);
	}
	stop();
}

/* Tab (the contents), then l: the link selected is in the text, and the
 * first Enter follows it.  (The contents kept the keys: the first Enter
 * only left them, a second one followed the link.) */
static void
test_tab_then_link(void)
{
	char *path = write_role("tablink.md", "# Tab link\n\nSee [the other one](tabother.md).\n\n"
					      "## Part\n\nText.\n");
	char *other = write_role("tabother.md", "# Other one\n\nThe target.\n");
	char *err = NULL;
	struct role *r;

	start(24, 80);
	r = catalog_add_file(&cat, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE_FATAL(app_open_role(&app, r, NULL));
	CU_ASSERT_TRUE(header_is(HOME SEP "Tab link"));
	press(K_TAB);
	type("l");
	CU_ASSERT_TRUE(on_screen("Enter follows"));
	press(K_ENTER);
	CU_ASSERT_TRUE(header_is(HOME SEP "Other one"));
	stop();
	free(path);
	free(other);
}

/* A file opened directly whose records an older rolebook kept under its
 * name: opening it adopts them, the status line says so once, and the
 * reader starts at the saved place. */
static void
test_adopted_records_said(void)
{
	char *path = write_role("adoptme.md", "# Adopt me\n\nText.\n");
	char *err = NULL;
	struct role *r;

	start(24, 80);
	CU_ASSERT_EQUAL(store_position_set(st, "me", "adoptme", NULL, 0, 20), STORE_OK);
	r = catalog_add_file(&cat, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE_FATAL(app_open_role(&app, r, NULL));
	CU_ASSERT_TRUE(on_screen("1 record kept under \"adoptme\" (this file's old id)"));
	type("q");
	app_status(&app, false, "%s", "");
	CU_ASSERT_TRUE_FATAL(app_open_role(&app, r, NULL));
	{
		char *s;
		app_draw(&app, &fr);
		s = frame_dump(&fr);
		CU_ASSERT_PTR_NULL(strstr(s, "kept under"));
		free(s);
	}
	stop();
	free(path);
}

int
test_nav_register(void)
{
	CU_pSuite s = CU_add_suite("navigation", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "chart, area, q: back on the chart", test_chart_area_and_back) ||
	    !CU_add_test(s, "review to an area and back", test_review_chain_and_back) ||
	    !CU_add_test(s, "role screens and help come back", test_role_screens_and_help) ||
	    !CU_add_test(s, "redraw flags", test_redraw_flags) ||
	    !CU_add_test(s, "header position is fixed width", test_header_position_width) ||
	    !CU_add_test(s, "the text's boxes show the progress", test_text_boxes) ||
	    !CU_add_test(s, "reading makes no row on the review", test_review_ignores_reading) ||
	    !CU_add_test(s, "Tab, l, Enter follows the link", test_tab_then_link) ||
	    !CU_add_test(s, "a file's old records adopted, said once", test_adopted_records_said) ||
	    !CU_add_test(s, "a changed file opened again shows its new text", test_reopen_changed))
		return CU_get_error();
	return 0;
}
