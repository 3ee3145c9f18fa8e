/*
 * test_footer.c - footers that cannot lie: on every screen, each key the
 * footer offers is pressed and must do something (the frame changes, a
 * message explains, a prompt opens or rolebook quits); the key named is
 * the one the key table binds; labels follow the state; a narrow footer
 * keeps the only way to another screen.
 */
#include "config.h"

#include <stdlib.h>

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

static struct catalog cat;
static struct app app;
static struct frame fr;
static struct store *st;

static int64_t
fixed_clock(void)
{
	return 1767225600; /* 2026-01-01 00:00 UTC */
}

/* alice has ticked three items and rated herself twice (two snapshots);
 * carol rates as reviewer. */
static void
records(void)
{
	struct role *r = catalog_find(&cat, "program-manager");
	int64_t id;

	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	for (size_t i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(store_item_set_done(st, "alice", r->id, r->items[i].id,
						    r->items[i].text, true, fixed_clock()),
				STORE_OK);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->nstmts; i++)
			CU_ASSERT_EQUAL(store_rating_set(st, "alice", r->id, "", r->stmts[i].id,
							 r->areas[r->stmts[i].area].name,
							 r->stmts[i].text, 2 + pass + (int)(i % 2),
							 fixed_clock() + pass * 86400),
					STORE_OK);
		CU_ASSERT_EQUAL(
		    store_snapshot_take(st, "alice", r->id, "", fixed_clock() + pass * 86400, &id),
		    STORE_OK);
	}
}

static void
start(int rows, int cols)
{
	char *err = NULL;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	records();
	app_init(&app, &cat, rows, cols);
	app.store = st;
	app.profile = "alice";
	app.reviewer = "carol";
	app.clock = fixed_clock;
	app_push(&app, view_home_new(&app));
	app_key(&app, K_DOWN); /* alice's records are the Program Manager's */
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

static char *
screen(void)
{
	app_draw(&app, &fr);
	return frame_dump(&fr);
}

/* Keys as a terminal sends them: a frame is drawn before each. */
static void
keys(const int *k)
{
	for (; *k != K_NONE; k++) {
		app_draw(&app, &fr);
		app_key(&app, *k);
	}
}

static char *
footer(void)
{
	app_draw(&app, &fr);
	return frame_row(&fr, fr.rows - 1);
}

/* The screens, and the keys that reach each from the home screen. */
static const struct {
	const char *name;
	int keys[12];
} screens[] = {
    {"home", {K_NONE}},
    {"reader", {K_ENTER, K_NONE}},
    {"reader, contents focused", {K_ENTER, K_TAB, K_NONE}},
    {"reader, link selected", {K_ENTER, ']', ']', 'l', K_NONE}},
    {"checklist", {K_ENTER, 'c', K_NONE}},
    {"assessment", {K_ENTER, 'a', K_NONE}},
    {"chart", {K_ENTER, 'a', 'v', K_NONE}},
    {"history", {K_ENTER, 'a', 'H', K_NONE}},
    {"compare", {K_ENTER, 'a', 'H', K_ENTER, K_NONE}},
    {"reader, searched", {K_ENTER, '/', 'c', 'h', 'a', 'i', 'r', K_ENTER, K_NONE}},
    {"home, searched", {'/', 'l', 'e', 'a', 'd', K_ENTER, 'q', K_NONE}},
    {"search results", {'/', 'l', 'e', 'a', 'd', K_ENTER, K_NONE}},
    {"review", {'R', K_NONE}},
    {"rating as reviewer", {'R', K_ENTER, K_NONE}},
    {"help", {'?', K_NONE}},
    {"help of a role", {K_ENTER, '?', K_NONE}},
};

/* Opens screen s afresh, with no message showing. */
static void
open_screen(size_t s, int rows, int cols)
{
	start(rows, cols);
	keys(screens[s].keys);
	free(app.status);
	app.status = NULL;
}

/* The frame as drawn, text and styles: a moved selection shows only in
 * its style.  A new array of rows * cols cells. */
static struct cell *
cells(void)
{
	size_t n;
	struct cell *c;

	app_draw(&app, &fr);
	n = (size_t)fr.rows * (size_t)fr.cols;
	c = xcalloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++) { /* field by field: no padding compared */
		c[i].cp = fr.cells[i].cp;
		c[i].style = fr.cells[i].style;
	}
	return c;
}

/* Presses key; true when something happened that a user sees. */
static bool
press_and_see(int key)
{
	size_t n = (size_t)fr.rows * (size_t)fr.cols;
	struct cell *before = cells(), *after;
	bool seen;

	app_key(&app, key);
	after = cells();
	seen = app.quit || app.status != NULL || app.prompting ||
	       memcmp(before, after, n * sizeof *before) != 0;
	free(before);
	free(after);
	return seen;
}

static void
every_hint_works_at(int rows, int cols)
{
	for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
		struct view_hint h[VIEW_MAX_HINTS];
		size_t n;

		open_screen(s, rows, cols);
		free(screen()); /* the hints are of the screen as drawn */
		n = app_top(&app)->ops->hints(app_top(&app), &app, h);
		CU_ASSERT_TRUE(n >= 2);
		stop();
		for (size_t i = 0; i < n; i++) {
			enum action acts[2] = {h[i].act, h[i].alt};
			open_screen(s, rows, cols);
			free(screen());
			for (int k = 0; k < 2 && acts[k] != ACT_NONE; k++) {
				struct view *v = app_top(&app);
				unsigned ctx = v->ops->ctx;
				int key = keys_key(ctx, acts[k]);
				char name[16];

				CU_ASSERT_NOT_EQUAL(key, K_NONE);
				CU_ASSERT_EQUAL(keys_action(ctx, key), acts[k]);
				if (!press_and_see(key)) {
					fprintf(
					    stderr,
					    "\n%dx%d %s: the hint \"%s:%s\" (key %s) did nothing\n",
					    cols, rows, screens[s].name,
					    keys_name(key, name, sizeof name), h[i].label, name);
					CU_FAIL("a hinted key did nothing");
				}
				if (app.quit)
					break;
			}
			stop();
		}
	}
}

static void
test_every_hint_works(void)
{
	every_hint_works_at(24, 80);
	every_hint_works_at(16, 50);
	every_hint_works_at(50, 200);
}

/* What the footers said that was not true, and what they say now. */
static void
test_footers_tell_the_truth(void)
{
	char *f;
	size_t s;

	/* the chart offers no mark; the history and compare no reading */
	for (s = 0; strcmp(screens[s].name, "chart") != 0; s++)
		;
	open_screen(s, 24, 80);
	f = footer();
	UNIT_ASSERT_STR(" ?:help Enter:read the area H:history q:back", f);
	free(f);
	stop();
	open_screen(s + 1, 24, 80);
	f = footer();
	UNIT_ASSERT_STR(" ?:help Space:mark Enter:compare H:chart q:back", f);
	free(f);
	stop();
	open_screen(s + 2, 24, 80);
	f = footer();
	UNIT_ASSERT_STR(" ?:help H:chart q:back", f);
	free(f);
	stop();

	/* at 50 columns the chart keeps H, the only way to the history */
	open_screen(s, 16, 50);
	f = footer();
	CU_ASSERT_PTR_NOT_NULL(strstr(f, "H:history"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f, "q:back"));
	free(f);
	stop();
	/* and the assessment keeps v, the only way to the chart */
	open_screen(s - 1, 16, 50);
	f = footer();
	UNIT_ASSERT_STR(" ?:help 1-5:rate 0:clear e:note v:chart q:back", f);
	free(f);
	stop();

	/* after h the checklist offers to show the done items again */
	open_screen(4, 24, 120);
	f = footer();
	UNIT_ASSERT_STR(
	    " ?:help Space:not done Enter:why o:open link e:note Tab:offboarding h:hide done "
	    "s:start date r:reload q:back",
	    f);
	free(f);
	app_key(&app, 'h');
	app_key(&app, K_DOWN); /* the message goes */
	f = footer();
	UNIT_ASSERT_STR(
	    " ?:help Space:done Enter:why o:open link e:note Tab:offboarding h:show done "
	    "s:start date r:reload q:back",
	    f);
	free(f);
	stop();

	/* at 50 columns the checklist keeps its list-wide keys: Tab, the only
	 * way to the other list, and v, the only way to a note the row cuts
	 * short, in short words (they went, and Enter:why stayed) */
	open_screen(4, 16, 50);
	f = footer();
	UNIT_ASSERT_STR(" ?:help Space:not done Tab:offboarding q:back", f);
	free(f);
	{
		struct role *r = catalog_find(&cat, "program-manager");
		CU_ASSERT_EQUAL(store_item_set_note(st, "alice", r->id, r->items[0].id,
						    r->items[0].text,
						    "Passed; the certificate is at "
						    "https://example.org/certificates/alice",
						    fixed_clock()),
				STORE_OK);
	}
	app_key(&app, 'r');
	free(app.status);
	app.status = NULL;
	f = footer();
	UNIT_ASSERT_STR(" ?:help Space:not done v:read Tab:offboard q:back", f);
	free(f);
	stop();

	/* with the contents focused, Tab goes back to the text */
	open_screen(2, 24, 80);
	f = footer();
	UNIT_ASSERT_STR(" ?:help q:back Tab:text Enter:read", f);
	free(f);
	stop();

	/* after a search, n and N are offered */
	for (s = 0; strcmp(screens[s].name, "reader, searched") != 0; s++)
		;
	open_screen(s, 24, 80);
	f = footer();
	CU_ASSERT_PTR_NOT_NULL(strstr(f, " n/N:match"));
	free(f);
	stop();
	open_screen(s + 1, 24, 80);
	f = footer();
	UNIT_ASSERT_STR(" ?:help Enter:open /:search n/N:match R:review candidates q:quit", f);
	free(f);
	stop();

	/* a key that does nothing says so */
	open_screen(6, 24, 80);
	app_key(&app, '%');
	f = footer();
	UNIT_ASSERT_STR("No action for key '%' here; press ? for help", f);
	free(f);
	stop();
}

/* Enter on a checklist item reads the section of the role that explains
 * it, and q comes back to the same item; it never ticks.  Enter on a
 * statement opens its note, as e does. */
static void
test_enter_opens_the_note(void)
{
	char *f, *before;

	open_screen(4, 24, 80);
	app_key(&app, K_DOWN);
	before = screen();
	app_key(&app, K_ENTER);
	CU_ASSERT_FALSE(app.prompting);
	UNIT_ASSERT_STR("reader", app_top(&app)->ops->name);
	app_key(&app, 'q');
	UNIT_ASSERT_STR("checklist", app_top(&app)->ops->name);
	{
		char *after = screen();
		UNIT_ASSERT_STR(before, after); /* the same item, nothing ticked */
		free(after);
	}
	free(before);
	app_key(&app, 'e');
	CU_ASSERT_TRUE(app.prompting);
	f = footer();
	UNIT_ASSERT_STR("Note:", f);
	free(f);
	app_key(&app, K_ESC);
	CU_ASSERT_FALSE(app.prompting);
	stop();
	open_screen(5, 24, 80);
	app_key(&app, K_ENTER);
	CU_ASSERT_TRUE(app.prompting);
	stop();
	/* and the help of the checklist says so, and how to suspend */
	open_screen(4, 40, 100);
	app_key(&app, '?');
	{
		char *d = screen();
		CU_ASSERT_PTR_NOT_NULL(strstr(d, "Space ticks the selected item; e edits"));
		CU_ASSERT_PTR_NOT_NULL(strstr(d, "Enter        read the section of the role"));
		CU_ASSERT_PTR_NOT_NULL(
		    strstr(d, "Ctrl-Z       suspend rolebook; the shell's fg resumes it"));
		free(d);
	}
	stop();
}

/* The names the footer gives keys. */
static void
test_key_names(void)
{
	char b[16];

	UNIT_ASSERT_STR("Enter", keys_name(K_ENTER, b, sizeof b));
	UNIT_ASSERT_STR("Space", keys_name(' ', b, sizeof b));
	UNIT_ASSERT_STR("Ctrl-D", keys_name(0x04, b, sizeof b));
	UNIT_ASSERT_STR("H", keys_name('H', b, sizeof b));
	CU_ASSERT_EQUAL(keys_key(CTX_CHECKLIST, ACT_TOGGLE), ' ');
	/* Space pages elsewhere, but not where it ticks */
	CU_ASSERT_EQUAL(keys_key(CTX_READER, ACT_PAGE_DOWN), K_PGDN);
	CU_ASSERT_EQUAL(keys_key(CTX_HOME, ACT_CHART), K_NONE);
	CU_ASSERT_EQUAL(keys_action(CTX_HOME, 0x1a), ACT_SUSPEND);
}

int
test_footer_register(void)
{
	CU_pSuite s = CU_add_suite("footer", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "every hinted key does something", test_every_hint_works) ||
	    !CU_add_test(s, "footers tell the truth", test_footers_tell_the_truth) ||
	    !CU_add_test(s, "Enter opens the note", test_enter_opens_the_note) ||
	    !CU_add_test(s, "key names", test_key_names))
		return CU_get_error();
	return 0;
}
