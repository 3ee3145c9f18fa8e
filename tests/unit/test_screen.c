/*
 * test_screen.c - the real UI code driven by scripted keys, checked on a
 * virtual frame: what a user would see at 80x24 and on a narrow terminal.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"
#include "content.h"
#include "fixture.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "reader.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

static struct catalog cat;
static struct app app;
static struct frame fr;

static void
start(int rows, int cols)
{
	char *err = NULL;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	app_init(&app, &cat, rows, cols);
	app_push(&app, view_home_new(&app));
	frame_init(&fr, rows, cols);
}

static void
stop(void)
{
	app_done(&app);
	catalog_done(&cat);
	frame_done(&fr);
}

/* Sends keys: a string's characters, then any K_* given after it. */
static void
type(const char *s)
{
	for (; *s; s++)
		app_key(&app, (unsigned char)*s);
}

static void
press(int key, int times)
{
	while (times-- > 0)
		app_key(&app, key);
}

static char *
screen(void)
{
	app_draw(&app, &fr);
	return frame_dump(&fr);
}

static char *
row(int r)
{
	app_draw(&app, &fr);
	return frame_row(&fr, r);
}

/* Writes text to rel in this suite's folder "screen" of the run's
 * temporary folder, making the folders on the way; returns the path (new
 * string). */
static char *
write_file(const char *rel, const char *text)
{
	char *path = xasprintf("%s/screen/%s", unit_tmpdir, rel);

	fixture_put(unit_tmpdir, path + strlen(unit_tmpdir) + 1, text);
	return path;
}

/* Opens the file at path as the command line does: added to the
 * catalogue, shown in a reader. */
static void
open_file(const char *path)
{
	char *err = NULL;
	struct role *r = catalog_add_file(&cat, path, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(app_open_role(&app, r, NULL));
}

/* Rows [first, last] of the frame, each trimmed, run together. */
static char *
rows_joined(int first, int last)
{
	char *out = xstrdup("");

	app_draw(&app, &fr);
	for (int r = first; r <= last; r++) {
		char *t = frame_row(&fr, r), *j = xasprintf("%s%s", out, t);
		free(t);
		free(out);
		out = j;
	}
	return out;
}

/* The header names where we are. */
static bool
header_has(const char *needle)
{
	char *r = row(0);
	bool found = strstr(r, needle) != NULL;

	if (!found)
		fprintf(stderr, "\nexpected in the header: \"%s\"; got \"%s\"\n", needle, r);
	free(r);
	return found;
}

/* The same without a message: for what the header must not say. */
static bool
header_has_quiet(const char *needle)
{
	char *r = row(0);
	bool found = strstr(r, needle) != NULL;

	free(r);
	return found;
}

static bool
on_screen(const char *needle)
{
	char *s = screen();
	bool found = strstr(s, needle) != NULL;

	if (!found)
		fprintf(stderr, "\nexpected on screen: \"%s\"\n--- screen:\n%s---\n", needle, s);
	free(s);
	return found;
}

static bool
on_screen_quiet(const char *needle)
{
	char *s = screen();
	bool found = strstr(s, needle) != NULL;

	free(s);
	return found;
}

/* No row of the frame is wider than the terminal (checked cell by cell
 * by frame_put; here: no wide character cut at the right edge). */
static void
assert_sane(void)
{
	app_draw(&app, &fr);
	for (int r = 0; r < fr.rows; r++)
		CU_ASSERT_NOT_EQUAL(frame_cell(&fr, r, 0)->cp, 0u);
}

static void
test_home(void)
{
	char *r;

	start(24, 80);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "rolebook"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "1/4"));
	free(r);
	CU_ASSERT_TRUE(on_screen("SIG Chair"));
	CU_ASSERT_TRUE(on_screen("Program Manager"));
	CU_ASSERT_TRUE(on_screen("Subproject Owner"));
	CU_ASSERT_TRUE(on_screen("Technical Lead"));
	CU_ASSERT_TRUE(on_screen("?:help"));
	/* the first frame lists roles without reading them; idle time loads
	 * the visible ones and their progress appears */
	CU_ASSERT_FALSE(cat.v[0]->loaded);
	CU_ASSERT_FALSE(on_screen_quiet("0/40"));
	while (app_idle(&app))
		;
	CU_ASSERT_TRUE(cat.v[0]->loaded && cat.v[1]->loaded);
	/* the first role, SIG Chair, with its own count */
	CU_ASSERT_EQUAL(cat.v[0]->nitems, 40);
	CU_ASSERT_TRUE(on_screen("0/40"));
	/* the selection moves and Enter opens the selected role */
	press(K_DOWN, 1);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "2/4"));
	free(r);
	press(K_ENTER, 1);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Program Manager"));
	free(r);
	stop();
}

/* A large document on the home screen: idle time loads the other roles
 * but not it (a whole parse would hold the keys, and its tree the
 * memory); it is listed all the same. */
static void
test_home_large(void)
{
	char *err = NULL, *path = xasprintf("%s/home-large.md", unit_tmpdir);
	FILE *f = fopen(path, "w");
	struct role *big;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("# A large handbook\n\n## Onboarding checklist\n\n", f);
	for (int i = 0; ftell(f) < (long)READER_LAZY_BYTES + 1000; i++)
		fprintf(f, "- [ ] Step %d, with words enough to make the file large.\n", i);
	fclose(f);
	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	big = catalog_add_file(&cat, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	app_init(&app, &cat, 24, 80);
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 24, 80);
	CU_ASSERT_TRUE(on_screen("A large handbook"));
	while (app_idle(&app))
		;
	for (size_t i = 0; i < cat.n; i++)
		CU_ASSERT_EQUAL(cat.v[i]->loaded, cat.v[i] != big);
	CU_ASSERT_TRUE(on_screen("0/40")); /* SIG Chair's progress */
	CU_ASSERT_TRUE(on_screen("A large handbook"));
	stop();
	free(path);
}

static void
test_open_and_sections(void)
{
	char *r;
	int guard = 0;

	start(24, 80);
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Skill areas")); /* in the table of contents */
	/* ] walks the sections until the header names the skill areas */
	do {
		type("]");
		r = row(0);
		if (strstr(r, "Skill areas") != NULL) {
			free(r);
			break;
		}
		free(r);
	} while (++guard < 40);
	CU_ASSERT_TRUE(guard < 40);
	/* the section's heading is the first text line */
	r = row(1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "│ Skill areas"));
	free(r);
	type("[");
	r = row(0);
	CU_ASSERT_PTR_NULL(strstr(r, "Skill areas"));
	free(r);
	/* Tab to the contents, G to its end (the checklist and self-assessment
	 * entries follow the sections), up twice: the last section, Sources */
	press(K_TAB, 1);
	type("Gkk");
	press(K_ENTER, 1);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Sources"));
	free(r);
	assert_sane();
	stop();
}

static void
test_search(void)
{
	char *s;

	start(24, 80);
	press(K_DOWN, 1); /* Program Manager */
	press(K_ENTER, 1);
	type("/objectivity");
	/* incremental: the match is on screen before Enter */
	CU_ASSERT_TRUE(on_screen("/objectivity"));
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("match; n next, N previous"));
	/* the match is highlighted */
	app_draw(&app, &fr);
	{
		bool lit = false;
		for (int r = 1; r < fr.rows - 1; r++)
			for (int c = 0; c < fr.cols; c++)
				if (frame_cell(&fr, r, c)->style & STY_MATCH)
					lit = true;
		CU_ASSERT_TRUE(lit);
	}
	s = screen();
	CU_ASSERT_PTR_NOT_NULL(strcasestr(s, "objectivity"));
	free(s);
	type("n");
	type("N");
	CU_ASSERT_TRUE(on_screen("Objectivity") || on_screen("objectivity"));
	/* a pattern that is nowhere */
	type("/zzzqqq");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Pattern not found: zzzqqq"));
	stop();
}

static void
test_follow_link(void)
{
	char *r;

	start(24, 80);
	press(K_DOWN, 1);
	press(K_ENTER, 1); /* Program Manager */
	/* find the paragraph that links to the Technical Lead role */
	type("/Technical Leads");
	press(K_ENTER, 1);
	/* l walks the links on the screen; the footer names each target */
	for (int i = 0; i < 10; i++) {
		char *foot;
		type("l");
		foot = row(23);
		if (strstr(foot, "Link: technical-lead.md") != NULL) {
			free(foot);
			break;
		}
		free(foot);
	}
	CU_ASSERT_TRUE(on_screen("Link: technical-lead.md  (Enter follows)"));
	press(K_ENTER, 1);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Technical Lead"));
	CU_ASSERT_PTR_NULL(strstr(r, "Program Manager"));
	free(r);
	press(K_BACKSPACE, 1);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Program Manager"));
	free(r);
	stop();
}

static void
test_resize_and_small(void)
{
	start(24, 80);
	press(K_DOWN, 1); /* Program Manager */
	press(K_ENTER, 1);
	app_resize(&app, 20, 50); /* narrow: contents above the text */
	CU_ASSERT_TRUE(on_screen("Program Manager"));
	{
		char *r = row(1);
		/* the first row of the body is the contents, not text beside it */
		CU_ASSERT_PTR_NULL(strstr(r, "│"));
		free(r);
	}
	assert_sane();
	app_resize(&app, 8, 30);
	CU_ASSERT_TRUE(on_screen("Terminal too small (30x8)"));
	app_resize(&app, 24, 80);
	CU_ASSERT_TRUE(on_screen("│"));
	stop();
}

static void
test_help_and_quit(void)
{
	char *r;

	start(24, 80);
	press(K_DOWN, 1); /* Program Manager */
	press(K_ENTER, 1);
	type("?");
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "help: reader screen"));
	free(r);
	CU_ASSERT_TRUE(on_screen("next section"));
	type("q");
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Program Manager"));
	free(r);
	type("q");
	CU_ASSERT_FALSE(app.quit);
	r = row(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "roles"));
	free(r);
	press(K_ENTER, 1);
	type("Q"); /* from anywhere */
	CU_ASSERT_TRUE(app.quit);
	stop();
}

static void
test_unknown_key(void)
{
	start(24, 80);
	type("%");
	CU_ASSERT_TRUE(on_screen("press ? for help"));
	stop();
}

#define LONG_URL                                                                                   \
	"https://github.com/kubernetes/community/blob/master/committee-steering/governance/"       \
	"sig-governance.md#chair"

/* A message wider than the footer is wrapped over the rows above it, the
 * URL whole, and the next key gives the rows back to the text. */
static void
test_long_status(void)
{
	char *path = write_file("long/chair.md", "# Chair\n\nThe [standard description](" LONG_URL
						 ") of a chair.\n\nLast words of the body.\n");
	char *s, *r;

	start(12, 60);
	open_file(path);
	type("l");
	s = rows_joined(1, 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "Link:" LONG_URL));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "follows)"));
	free(s);
	press(K_ENTER, 1);
	s = rows_joined(9, 11);
	if (strstr(s, "External link:" LONG_URL) == NULL)
		fprintf(stderr, "\nexpected the whole URL in the bottom rows; got \"%s\"\n", s);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "External link:" LONG_URL));
	CU_ASSERT_PTR_NULL(strstr(s, "…"));
	free(s);
	/* the first row of the message starts a row: words are not cut */
	r = row(9);
	UNIT_ASSERT_STR("External link:", r);
	free(r);
	type("j"); /* any key clears it */
	r = row(11);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "?:help"));
	free(r);
	CU_ASSERT_FALSE(on_screen_quiet("External link"));
	/* wrapped or not, what a link says is data: no escape sequences */
	app_status(&app, false, "External link: %s", LONG_URL "\x1b[31m-red\x1b]0;title\x07");
	s = rows_joined(1, 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "sig-governance.md#chair-red"));
	CU_ASSERT_PTR_NULL(strstr(s, "[31m"));
	CU_ASSERT_PTR_NULL(strstr(s, "title"));
	free(s);
	/* a message longer than a few rows ends with an ellipsis */
	app_status(&app, false, "%0400d", 7);
	s = rows_joined(1, 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "000…"));
	free(s);
	assert_sane();
	stop();
	free(path);
}

/* Walking the links, the selected one is never under a long message. */
static void
test_link_not_covered(void)
{
	char *text = xstrdup("# Links\n\n"), *path;
	int shown = 0;

	for (int i = 0; i < 30; i++) {
		char *t = xasprintf("%s- [item %d](" LONG_URL "-%d)\n", text, i, i);
		free(text);
		text = t;
	}
	path = write_file("cover/links.md", text);
	start(14, 60);
	open_file(path);
	for (int k = 0; k < 20; k++) {
		int sel = -1, covered_from;
		type("l");
		app_draw(&app, &fr);
		covered_from = fr.rows - app_status_rows(&app);
		CU_ASSERT_TRUE(app_status_rows(&app) > 1);
		for (int r = 1; r < fr.rows - 1 && sel < 0; r++)
			for (int c = 0; c < fr.cols; c++)
				if (r < covered_from &&
				    (frame_cell(&fr, r, c)->style & STY_SELECT)) {
					sel = r;
					break;
				}
		if (sel < 0)
			fprintf(stderr, "\nlink %d is not in sight above the message\n", k);
		CU_ASSERT_TRUE(sel > 0);
		shown += sel > 0;
	}
	CU_ASSERT_EQUAL(shown, 20);
	stop();
	free(path);
	free(text);
}

/* On a narrow terminal the footer drops whole hints, least important
 * first, and keeps help and the way back. */
static void
test_narrow_hints(void)
{
	char *r;

	start(24, 45);
	r = row(23);
	UNIT_ASSERT_STR(" ?:help Enter:open /:search q:quit", r);
	free(r);
	press(K_ENTER, 1);
	r = row(23);
	UNIT_ASSERT_STR(" ?:help q:back Tab:contents ]/[:section", r);
	free(r);
	type("c");
	r = row(23);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "?:help"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "q:back"));
	CU_ASSERT_PTR_NULL(strstr(r, "…"));
	free(r);
	type("?");
	r = row(23);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "q:close help"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "Q:quit"));
	free(r);
	/* wide enough: every hint, as before */
	app_resize(&app, 24, 80);
	type("q");
	r = row(23);
	UNIT_ASSERT_STR(" ?:help Space:done Enter:why o:open link e:note Tab:offboarding q:back",
			r);
	free(r);
	stop();
}

/* A search that finds nothing leaves the text where the search began. */
static void
test_search_not_found(void)
{
	char *before, *after;

	start(24, 80);
	press(K_ENTER, 1);
	before = screen();
	type("/zzzq");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Pattern not found: zzzq"));
	after = screen();
	/* the same text; only the footer differs */
	*strrchr(before, '\n') = '\0';
	*strrchr(before, '\n') = '\0';
	*strrchr(after, '\n') = '\0';
	*strrchr(after, '\n') = '\0';
	UNIT_ASSERT_STR(before, after);
	free(before);
	free(after);
	stop();
}

/* On the home screen, typing selects the first role whose title
 * matches; Enter searches every document's text (issue 12), and a
 * pattern no document holds says so (not what typing said of the
 * titles); back on the home screen, the role
 * selected before the search is selected again. */
static void
test_home_search_not_found(void)
{
	start(24, 80);
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	type("/tech");
	CU_ASSERT_TRUE(on_screen("▶ Technical Lead"));
	type("zz");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("No document holds"));
	CU_ASSERT_FALSE(on_screen("No role matches"));
	press('q', 1);
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	stop();
}

/* The type-ahead matches what the home screen shows of a role (its title
 * and summary), not its id (the file's name); a pattern that matches
 * nothing leaves the selection where '/' was pressed, not where a shorter
 * pattern matched ("ver", of Program Manager's "deliver", for "very"). */
static void
test_home_typeahead_matches_shown(void)
{
	start(24, 80);
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	type("/program-");
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	press(K_ESC, 1);
	type("/deliver");
	CU_ASSERT_TRUE(on_screen("▶ Program Manager"));
	press(K_ESC, 1);
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	type("/very long");
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	press(K_ESC, 1);
	stop();
}

/* A role the list shows in part at the bottom shows its title only: its
 * second line would be the footer's, where the search's prompt is. */
static void
test_home_partial_role_clipped(void)
{
	char *r;

	start(10, 80); /* 7 lines: three roles, the fourth's title */
	type("/chair");
	r = row(9);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "/chair"));
	CU_ASSERT_PTR_NULL(strstr(r, "technical vision"));
	free(r);
	CU_ASSERT_TRUE(on_screen("Technical Lead"));
	press(K_ESC, 1);
	stop();
}

/* Escape after a type-ahead that scrolled the list shows the same rows as
 * when '/' was pressed, not merely the entry selected then. */
static void
test_home_search_restores_scroll(void)
{
	char *r;

	start(10, 80); /* 7 lines: three roles and a half */
	press(K_END, 1);
	press(K_UP, 3); /* Program Manager, at the top of the list */
	r = row(2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "▶ Program Manager"));
	free(r);
	type("/chair");
	CU_ASSERT_TRUE(on_screen("▶ SIG Chair"));
	press(K_ESC, 1);
	r = row(2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "▶ Program Manager"));
	free(r);
	stop();
}

/* Home with a folder tree of test documents (screen/tree), every folder
 * closed. */
static void
start_tree(int rows, int cols)
{
	char *err = NULL, *top;

	free(write_file("tree/a/one.md", "# Alpha One\n\nThe first.\n"));
	free(write_file("tree/b/two.md", "# Beta Two\n\nThe second.\n"));
	free(write_file("tree/b/c/three.md", "# Gamma Three\n\nThe third.\n"));
	top = xasprintf("%s/screen/tree", unit_tmpdir);
	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&cat, top, ORIGIN_DIR, false, &err), 0);
	free(top);
	app_init(&app, &cat, rows, cols);
	app_push(&app, view_home_new(&app));
	frame_init(&fr, rows, cols);
}

/* The type-ahead on home opens the folders around what it finds; Escape,
 * a pattern that matches nothing and Enter (then q) put the view back as
 * it was at '/': its folders closed again, the selection where it was (as
 * less, vim and tig do). */
static void
test_home_search_restores_folders(void)
{
	start_tree(24, 80);
	CU_ASSERT_TRUE(on_screen("a/"));
	CU_ASSERT_FALSE(on_screen_quiet("Gamma Three"));
	/* Escape */
	type("/Gamma");
	CU_ASSERT_TRUE(on_screen("Gamma Three"));
	press(K_ESC, 1);
	CU_ASSERT_FALSE(on_screen_quiet("Gamma Three"));
	CU_ASSERT_FALSE(on_screen_quiet("c/"));
	CU_ASSERT_TRUE(header_has("1/2"));
	/* a pattern that matches nothing, after a shorter one that did */
	type("/Gamma");
	CU_ASSERT_TRUE(on_screen("Gamma Three"));
	type("zzz");
	CU_ASSERT_FALSE(on_screen_quiet("Gamma Three"));
	CU_ASSERT_TRUE(header_has("1/2"));
	/* Enter: the results screen; q comes back to the view of '/' */
	press(K_BACKSPACE, 3);
	CU_ASSERT_TRUE(on_screen("Gamma Three"));
	press(K_ENTER, 1);
	press('q', 1);
	CU_ASSERT_FALSE(on_screen_quiet("Gamma Three"));
	CU_ASSERT_TRUE(header_has("1/2"));
	/* a folder the user opened stays open */
	press(K_DOWN, 1);
	press(K_ENTER, 1); /* b/ */
	CU_ASSERT_TRUE(on_screen("Beta Two"));
	type("/Gamma");
	CU_ASSERT_TRUE(on_screen("Gamma Three"));
	press(K_ESC, 1);
	CU_ASSERT_TRUE(on_screen("Beta Two"));
	CU_ASSERT_FALSE(on_screen_quiet("Gamma Three"));
	CU_ASSERT_TRUE(header_has("2/4"));
	stop();
}

/* A phrase the wrapping cut in two is found, and lit on both lines. */
static void
test_search_across_lines(void)
{
	int rows_lit = 0, cells = 0;

	start(24, 80);
	press(K_DOWN, 1); /* Program Manager */
	press(K_ENTER, 1);
	/* "a Special Interest" / "Group (SIG)" at 80 columns */
	CU_ASSERT_TRUE(on_screen("Special Interest\n"));
	type("/interest group");
	press(K_ENTER, 1);
	CU_ASSERT_FALSE(on_screen_quiet("Pattern not found"));
	CU_ASSERT_TRUE(on_screen("match; n next, N previous"));
	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++) {
		int lit = 0;
		for (int c = 0; c < fr.cols; c++)
			lit += (frame_cell(&fr, r, c)->style & STY_MATCH) != 0;
		rows_lit += lit > 0;
		cells += lit;
	}
	CU_ASSERT_EQUAL(rows_lit, 2);
	CU_ASSERT_EQUAL(cells, 13); /* "Interest" and "Group" */
	stop();
}

/* A link to a section of the same file is a step Backspace comes back from. */
static void
test_anchor_back(void)
{
	char *text = xstrdup("# Far\n\nSee [the far part](#far-away) first.\n\n"), *path, *r;

	for (int i = 0; i < 60; i++) {
		char *t = xasprintf("%sParagraph %d of the middle.\n\n", text, i);
		free(text);
		text = t;
	}
	{
		char *t = xasprintf("%s## Far away\n\nThe end.\n", text);
		free(text);
		text = t;
	}
	path = write_file("anchor/far.md", text);
	start(24, 80);
	open_file(path);
	type("jj"); /* a position of our own, not the top */
	r = row(1);
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("Far away"));
	press(K_BACKSPACE, 1);
	CU_ASSERT_FALSE(on_screen_quiet("Nothing to come back to"));
	{
		char *head = row(0), *back = row(1);
		CU_ASSERT_PTR_NULL(strstr(head, "Far away"));
		UNIT_ASSERT_STR(r, back);
		free(head);
		free(back);
	}
	free(r);
	/* and from there, nothing more in this file */
	press(K_BACKSPACE, 1);
	CU_ASSERT_TRUE(on_screen("Nothing to come back to"));
	stop();
	free(path);
	free(text);
}

/* The status line of a broken link: one row, cut with "…", over no line
 * of the text (issue 12 review, 3). */
static void
broken_link_one_row(void)
{
	char *last;

	app_draw(&app, &fr);
	CU_ASSERT_EQUAL(app_status_rows(&app), 1);
	last = frame_row(&fr, fr.rows - 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(last, "Broken link: /now"));
	CU_ASSERT_PTR_NOT_NULL(strstr(last, "\u2026"));
	free(last);
}

/* ... at 50 columns too. */
static void
test_broken_link_narrow(void)
{
	start(16, 50);
	app_status_row(&app, false, "Broken link: %s (%s)", "/nowhere/missing.md",
		       "no repository root (no .git above; see --root)");
	broken_link_one_row();
	stop();
}

/* Where a link leads: the file the path names from the file's folder, or
 * nowhere; never a role or a file of the same name elsewhere; the same
 * whatever was opened before. */
static void
test_link_resolution(void)
{
	char *pm =
	    write_file("res/sig/program.md",
		       "# Program\n\n"
		       "[gov](/committee-steering/governance/governance.md#program-manager)\n\n"
		       "[tl](technical-lead)\n\n"
		       "[up](../other/notes.md)\n\n"
		       "[none](/nowhere/missing.md)\n\n"
		       "[tl file](technical-lead.md)\n\n"
		       "[readme](../other/README.md)\n");
	char *tl = write_file("res/sig/technical-lead.md", "# The SIG's own page\n");
	char *readme = write_file("res/sig/README.md", "# This readme\n");
	char *readme2 = write_file("res/other/README.md", "# Other readme\n");
	char *gov = write_file("res/sig/governance.md",
			       "# Sig governance\n\n## Program manager\n\nText.\n");
	char *notes = write_file("res/other/notes.md", "# Other notes\n\n[gov](governance.md)\n");
	char *gov2 = write_file("res/other/governance.md", "# Other governance\n\nText.\n");

	start(24, 80);
	open_file(pm);
	/* a repository path with no .git above and no content folder: broken,
	 * never the file of that name beside this one (issue 12) */
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Broken link: /committee-steering/governance/governance.md"));
	CU_ASSERT_TRUE(header_has("Program"));
	/* a role's id no file answers: broken, never the bundled role (the
	 * selection stays on the link followed: l goes on to the next) */
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Broken link: technical-lead (no such file)"));
	CU_ASSERT_FALSE(header_has("Technical Lead"));
	/* a relative path; from there a link by name finds the file beside
	 * that one, not the one opened before from the other folder */
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("Other notes"));
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("Other governance"));
	press(K_BACKSPACE, 2);
	/* nothing matches */
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(on_screen("Broken link: /nowhere/missing.md"));
	/* one row, cut with "…", over no line of the text (80 and 50 columns) */
	broken_link_one_row();
	/* a file named like a role is that file; a README.md the one the
	 * path names, not the one beside (issue 12) */
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("The SIG's own page"));
	press(K_BACKSPACE, 1);
	type("l");
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("Other readme"));
	press(K_BACKSPACE, 1);
	/* following links does not change the handbook's list of roles */
	type("q");
	CU_ASSERT_FALSE(on_screen_quiet("Sig governance"));
	CU_ASSERT_FALSE(on_screen_quiet("Other governance"));
	stop();
	free(pm);
	free(gov);
	free(notes);
	free(gov2);
	free(tl);
	free(readme);
	free(readme2);
}

/* A file opened for the first time starts at its first line, not at its
 * first heading: the text before it is part of the file. */
static void
test_first_open_at_top(void)
{
	char *amb =
	    write_file("top/ambassador.md", "Future home of the role of a new ambassador lead.\n\n"
					    "# In Scope\n\nhelping contributors add value\n\n"
					    "# Out of Scope\n\nall other sigs or wgs\n");
	char *exp = write_file("top/expectations.md",
			       "---\ntitle: \"Community Expectations\"\n---\n\n"
			       "Kubernetes is a community project.\n\n"
			       "## Code review\n\nAs a community we believe in review.\n");
	char *r;

	start(24, 80);
	open_file(amb);
	r = row(1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "│ Future home of the role"));
	free(r);
	CU_ASSERT_TRUE(header_has("all")); /* not "end": nothing is above */
	type("q");
	open_file(exp);
	CU_ASSERT_TRUE(on_screen("Kubernetes is a community project."));
	CU_ASSERT_FALSE(header_has_quiet("Code review"));
	stop();
	free(amb);
	free(exp);
}

/* The first row of the text: the first row below the header that starts
 * with the text's column (beside the contents, or below them). */
static char *
top_text_row(const char *lead)
{
	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++) {
		char *t = frame_row(&fr, r);
		char *at = strstr(t, lead);
		if (at != NULL) {
			char *out = xstrdup(at + strlen(lead));
			free(t);
			return out;
		}
		free(t);
	}
	return xstrdup("");
}

/* A re-wrap keeps the words at the top at the top: in the middle of a
 * section, in one huge paragraph, and back at the first width. */
static void
test_resize_keeps_place(void)
{
	char *text = NULL, *path, *r, *word, *back;
	int pct_before, pct_after;

	start(24, 80);
	press(K_DOWN, 3);
	press(K_ENTER, 1);   /* Technical Lead */
	type("]]]]]]]jjjj"); /* into "Decisions they own" */
	r = row(1);
	UNIT_ASSERT_STR(" Technical Lead         │ approve retiring old ones. Tech leads resolve",
			r);
	CU_ASSERT_TRUE(header_has("20%"));
	app_resize(&app, 30, 100);
	free(r);
	r = row(1);
	if (strstr(r, "approve retiring old ones.") == NULL)
		fprintf(stderr,
			"\nexpected \"approve retiring old ones.\" on the top line; got \"%s\"\n",
			r);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "approve retiring old ones."));
	free(r);
	CU_ASSERT_TRUE(header_has("Decisions they own"));
	app_resize(&app, 24, 80);
	r = row(1);
	UNIT_ASSERT_STR(" Technical Lead         │ approve retiring old ones. Tech leads resolve",
			r);
	free(r);
	stop();

	/* one paragraph of numbered words, 20000 of them */
	text = xmalloc(20000 * 7 + 1);
	for (int i = 0; i < 20000; i++)
		snprintf(text + i * 7, 8, "w%05d ", i);
	path = write_file("rewrap/one.md", text);
	start(24, 80);
	open_file(path);
	press(K_PGDN, 120);
	word = top_text_row("│ ");
	*strchr(word, ' ') = '\0';
	r = row(0);
	pct_before = atoi(strrchr(r, ' ') + 1);
	free(r);
	CU_ASSERT_TRUE(pct_before > 20);
	app_resize(&app, 24, 45); /* the contents go above the text */
	back = top_text_row(" w");
	r = xasprintf("w%s", back);
	if (strncmp(r, word, strlen(word)) != 0 && strstr(r, word) == NULL)
		fprintf(stderr, "\nexpected %s on the top line; got \"%s\"\n", word, r);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, word));
	free(r);
	free(back);
	r = row(0);
	pct_after = atoi(strrchr(r, ' ') + 1);
	free(r);
	CU_ASSERT_TRUE(pct_after >= pct_before - 2 && pct_after <= pct_before + 2);
	free(word);
	stop();
	free(path);
	free(text);
}

/* Four weeks, each with its own "Homework" section, long enough that
 * where one is read shows in the percentage. */
static char *
weeks_text(const char *extra)
{
	char *text = xstrdup(extra);

	for (int w = 1; w <= 4; w++) {
		char *t = xasprintf("%s## Week %d\n\nThe plan of week %d.\n\n### Homework\n\n",
				    text, w, w);
		free(text);
		text = t;
		for (int i = 0; i < 12; i++) {
			t = xasprintf("%sTask %d of week %d.\n\n", text, i, w);
			free(text);
			text = t;
		}
	}
	return text;
}

/* The saved position reopens the section read, not the first one of the
 * same title; after an edit that moved it, the nearest of that title. */
static void
test_position_same_titles(void)
{
	char *text = weeks_text("# Weeks\n\n## Before\n\nA first section.\n\n");
	char *path = write_file("pos/weeks.md", text), *edited = weeks_text("# Weeks\n\n");
	char *err = NULL, *r, *want, *section = NULL;
	struct store *st = NULL;
	int line = -1;

	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	start(24, 80);
	app.store = st;
	app.profile = "tester";
	open_file(path);
	type("]]]]]]]jj"); /* Week 3's Homework, two lines in */
	CU_ASSERT_TRUE(header_has("Homework"));
	want = row(1);
	CU_ASSERT_PTR_NOT_NULL(strstr(want, "Task 0 of week 3"));
	type("q");
	CU_ASSERT_EQUAL(store_position_get(st, "tester", cat.v[0]->id, &section, &line), STORE_OK);
	UNIT_ASSERT_STR("\u00a78 Homework", section); /* the 8th section, from 1 */
	free(section);
	CU_ASSERT_EQUAL(line, 2);
	open_file(path);
	r = row(1);
	UNIT_ASSERT_STR(want, r);
	free(r);
	type("q");

	/* the section above taken out: number 8 is now "Week 4", and of the
	 * Homework sections next to it the first, week 3's, is the one */
	free(path);
	path = write_file("pos/weeks.md", edited);
	open_file(path);
	r = row(1);
	UNIT_ASSERT_STR(want, r);
	free(r);
	type("q");

	/* a title alone, as older versions saved it: the first of that title */
	CU_ASSERT_EQUAL(store_position_set(st, "tester", cat.v[0]->id, "Homework", 2, 1), STORE_OK);
	open_file(path);
	CU_ASSERT_TRUE(on_screen("Task 0 of week 1"));
	stop();
	store_close(st);
	free(want);
	free(path);
	free(text);
	free(edited);
}

/* A title given only in front matter heads the text and the contents,
 * as in print, while sections keep the file's numbering: in the saved
 * position and for the skill areas' sections. */
static void
test_front_matter_title(void)
{
	char *path = write_file(
	    "front/host.md", "---\ntitle: \"Host Handbook\"\n---\n\n"
			     "Hosts answer questions.\n\n## Host Responsibilities\n\nBe there.\n\n"
			     "## Skill areas\n\n### Listening\n\nHearing people out.\n\n"
			     "### Focus\n\nStaying on the point.\n");
	char *same = write_file("front/same.md", "---\ntitle: Same\n---\n\n# Same\n\nText.\n");
	char *err = NULL, *r, *section = NULL;
	struct store *st = NULL;
	int line = -1;

	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	start(24, 80);
	app.store = st;
	app.profile = "tester";
	open_file(path);
	r = row(1);
	UNIT_ASSERT_STR("▸Host Handbook          │ Host Handbook", r);
	free(r);
	r = row(2);
	UNIT_ASSERT_STR("  Host Responsibilities │ ═════════════", r);
	free(r);
	CU_ASSERT_TRUE(on_screen("│ Hosts answer questions."));
	type("]");
	CU_ASSERT_TRUE(header_has("Host Handbook › Host Responsibilities"));
	type("q");
	CU_ASSERT_EQUAL(store_position_get(st, "tester", cat.v[0]->id, &section, &line), STORE_OK);
	UNIT_ASSERT_STR("\u00a71 Host Responsibilities", section);
	free(section);
	open_file(path);
	CU_ASSERT_TRUE(header_has("Host Handbook › Host Responsibilities"));
	/* the chart's Enter reads an area's section: the outline's number */
	type("av");
	press(K_DOWN, 1);
	press(K_ENTER, 1);
	CU_ASSERT_TRUE(header_has("Host Handbook › Focus"));
	type("q");
	/* the text opens with the same words: no second title */
	open_file(same);
	r = row(1);
	UNIT_ASSERT_STR("▸Same                   │ Same", r);
	free(r);
	r = row(2); /* one entry in the contents */
	UNIT_ASSERT_STR("                        │ ════", r);
	free(r);
	stop();
	store_close(st);
	free(path);
	free(same);
}

/* In-file anchors are GitHub's: lower case beyond ASCII too, punctuation
 * dropped, and a repeated heading numbered from -1 in document order. */
static void
test_anchor_slugs(void)
{
	static const struct {
		const char *anchor, *heading, *text;
	} cases[] = {
	    {"homework-1", "Homework", "Second homework."},
	    {"homework-2", "Homework", "Third homework."},
	    {"homework", "Homework", "First homework."},
	    {"week-10-break", "Week 10: Break", "A break."},
	    {"ünïcode-title", "Ünïcode Title", "Unicode text."},
	    {"%C3%9Cn%C3%AFcode-title", "Ünïcode Title", "Unicode text."},
	    {"élan--ça-marche", "Élan — ça marche!", "French text."},
	};
	char *text = xstrdup("# Anchors\n\n"), *path;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = xasprintf("%s[go](#%s)\n\n", text, cases[i].anchor);
		free(text);
		text = t;
	}
	{
		char *t = xasprintf("%s## Homework\n\nFirst homework.\n\n"
				    "## Homework\n\nSecond homework.\n\n"
				    "## Week 10: Break\n\nA break.\n\n"
				    "## Homework\n\nThird homework.\n\n"
				    "## Ünïcode Title\n\nUnicode text.\n\n"
				    "## Élan — ça marche!\n\nFrench text.\n",
				    text);
		free(text);
		text = t;
	}
	path = write_file("slug/anchors.md", text);
	start(24, 80);
	open_file(path);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *head, *body;
		type("l");
		press(K_ENTER, 1);
		head = row(1);
		body = row(4);
		if (strstr(body, cases[i].text) == NULL)
			fprintf(stderr,
				"\n#%s: expected \"%s\" below \"%s\"; got \"%s\" / \"%s\"\n",
				cases[i].anchor, cases[i].text, cases[i].heading, head, body);
		CU_ASSERT_PTR_NOT_NULL(strstr(head, cases[i].heading));
		CU_ASSERT_PTR_NOT_NULL(strstr(body, cases[i].text));
		CU_ASSERT_FALSE(on_screen_quiet("No section"));
		free(head);
		free(body);
		press(K_BACKSPACE, 1);
	}
	stop();
	free(path);
	free(text);
}

/* A selected link that the wrapping cut over two lines is lit on both,
 * every cell of its words, and nothing else is. */
static void
test_wrapped_link_selected(void)
{
	const char *words = "a link whose words run on well past the end of one line";
	char *text = xasprintf("# Wrap\n\nSee [%s](x.md) and [another](y.md).\n", words);
	char *path = write_file("wrap/link.md", text);
	int rows_lit = 0, cells = 0;

	start(24, 60); /* text 56 cells wide beside the contents */
	open_file(path);
	type("l");
	app_draw(&app, &fr);
	for (int r = 1; r < fr.rows - 1; r++) {
		int lit = 0;
		for (int c = 0; c < fr.cols; c++)
			lit += (frame_cell(&fr, r, c)->style & STY_SELECT) != 0;
		rows_lit += lit > 0;
		cells += lit;
	}
	CU_ASSERT_EQUAL(rows_lit, 2);
	/* the space where the line breaks is not drawn */
	CU_ASSERT_EQUAL(cells, (int)strlen(words) - 1);
	stop();
	free(path);
	free(text);
}

/* The footer offers the checklist and the self-assessment only to a role
 * that has them; help and the way back always. */
static void
test_hints_per_role(void)
{
	char *plain = write_file("hints/plain.md", "# Plain\n\nNothing to tick or rate.\n");
	char *tasks = write_file("hints/tasks.md", "# Tasks\n\n## Onboarding checklist\n\n"
						   "- [ ] Read the guide\n");
	char *r, *far = NULL;

	start(24, 100);
	open_file(plain);
	r = row(23);
	UNIT_ASSERT_STR(" ?:help q:back Tab:contents /:search", r);
	free(r);
	type("q");
	open_file(tasks);
	r = row(23);
	UNIT_ASSERT_STR(" ?:help q:back Tab:contents ]/[:section /:search c:checklist", r);
	free(r);
	type("q");
	CU_ASSERT_TRUE(app_open_role(&app, catalog_find(&cat, "program-manager"), NULL)); /* both */
	r = row(23);
	UNIT_ASSERT_STR(" ?:help q:back Tab:contents ]/[:section /:search c:checklist a:assess", r);
	free(r);
	type("q");
	/* l is offered only while a link is on screen to select */
	{
		char *text = xstrdup("# Far\n\n"), *next;
		for (int i = 0; i < 60; i++) {
			next = xasprintf("%sParagraph %d.\n\n", text, i);
			free(text);
			text = next;
		}
		next = xasprintf("%s[A link](other.md)\n", text);
		free(text);
		free(far);
		far = write_file("hints/far.md", next);
		free(next);
	}
	open_file(far);
	r = row(23);
	UNIT_ASSERT_STR(" ?:help q:back Tab:contents /:search", r);
	free(r);
	type("G");
	r = row(23);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "l:link"));
	free(r);
	stop();
	free(plain);
	free(tasks);
	free(far);
}

/* The man page names every binding of the key table, spelt the same way
 * (roff writes '-' as '\-'), and every action's help text is distinct. */
static void
test_keys_documented(void)
{
	size_t n, len;
	const struct keydef *t = keys_table(&n);
	char *err = NULL, *man = content_read_file(TEST_SRCDIR "/man/rolebook.1", &len, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(man);
	for (size_t i = 0; i < n; i++) {
		char want[128];
		size_t o = 0;
		if (t[i].names == NULL)
			continue;
		for (const char *p = t[i].names; *p && o + 3 < sizeof want; p++) {
			if (*p == '-')
				want[o++] = '\\';
			want[o++] = *p;
		}
		want[o] = '\0';
		if (strstr(man, want) == NULL)
			fprintf(stderr, "\nman/rolebook.1 does not mention the keys \"%s\"\n",
				want);
		CU_ASSERT_PTR_NOT_NULL(strstr(man, want));
	}
	free(man);
	free(err);
}

/* At 50 columns the header keeps the screen's own name whole: the path
 * before it is cut first, then "rolebook" goes. */
static void
test_narrow_header(void)
{
	struct store *st = NULL;
	char *err = NULL;

	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, &err), STORE_OK);
	start(16, 50);
	app.store = st;
	app.profile = "tester";
	press(K_DOWN, 3); /* Technical Lead */
	press(K_ENTER, 1);
	type("av");
	CU_ASSERT_TRUE(header_has("Technical Lead \u203a Readiness of tester"));
	type("H");
	CU_ASSERT_TRUE(header_has("History of tester"));
	app_resize(&app, 12, 40);
	CU_ASSERT_TRUE(header_has("\u2026 \u203a History of tester"));
	type("qqc");
	CU_ASSERT_TRUE(header_has("\u203a Checklist"));
	stop();
	store_close(st);
}

/* The checklist screen marks the prerequisites, as the readiness summary
 * counts them apart. */
static void
test_checklist_prerequisites(void)
{
	start(24, 80);
	press(K_ENTER, 1);
	type("c");
	CU_ASSERT_TRUE(on_screen("Confirm you are a Kubernetes GitHub org"));
	CU_ASSERT_TRUE(on_screen("       prerequisite"));
	stop();
}

int
test_screen_register(void)
{
	CU_pSuite s = CU_add_suite("screen", NULL, NULL);

	if (s == NULL)
		return -1;
	if (!CU_add_test(s, "home screen", test_home) ||
	    !CU_add_test(s, "home screen: a large document not loaded in idle time",
			 test_home_large) ||
	    !CU_add_test(s, "the checklist marks prerequisites", test_checklist_prerequisites) ||
	    !CU_add_test(s, "a narrow header keeps the screen's name", test_narrow_header) ||
	    !CU_add_test(s, "open a role, walk its sections", test_open_and_sections) ||
	    !CU_add_test(s, "search and highlight", test_search) ||
	    !CU_add_test(s, "follow a link and come back", test_follow_link) ||
	    !CU_add_test(s, "resize and too small", test_resize_and_small) ||
	    !CU_add_test(s, "help and quit", test_help_and_quit) ||
	    !CU_add_test(s, "unknown key", test_unknown_key) ||
	    !CU_add_test(s, "a search that finds nothing", test_search_not_found) ||
	    !CU_add_test(s, "search across wrapped lines", test_search_across_lines) ||
	    !CU_add_test(s, "a home search that finds nothing", test_home_search_not_found) ||
	    !CU_add_test(s, "the home type-ahead matches what home shows",
			 test_home_typeahead_matches_shown) ||
	    !CU_add_test(s, "a role shown in part keeps off the prompt's line",
			 test_home_partial_role_clipped) ||
	    !CU_add_test(s, "Escape on home shows the rows shown at /",
			 test_home_search_restores_scroll) ||
	    !CU_add_test(s, "Escape and Enter on home close the folders the search opened",
			 test_home_search_restores_folders) ||
	    !CU_add_test(s, "narrow footer drops whole hints", test_narrow_hints) ||
	    !CU_add_test(s, "a long message wraps above the footer", test_long_status) ||
	    !CU_add_test(s, "the selected link stays in sight", test_link_not_covered) ||
	    !CU_add_test(s, "where links lead", test_link_resolution) ||
	    !CU_add_test(s, "a broken link's message in one row at 50 columns",
			 test_broken_link_narrow) ||
	    !CU_add_test(s, "Backspace after a link within the file", test_anchor_back) ||
	    !CU_add_test(s, "a first open starts at the top", test_first_open_at_top) ||
	    !CU_add_test(s, "a re-wrap keeps the place", test_resize_keeps_place) ||
	    !CU_add_test(s, "the position of one of many same titles", test_position_same_titles) ||
	    !CU_add_test(s, "a title only in front matter", test_front_matter_title) ||
	    !CU_add_test(s, "anchors as GitHub makes them", test_anchor_slugs) ||
	    !CU_add_test(s, "a wrapped link is selected whole", test_wrapped_link_selected) ||
	    !CU_add_test(s, "the footer offers what the role has", test_hints_per_role) ||
	    !CU_add_test(s, "every key is in the man page", test_keys_documented))
		return -1;
	return 0;
}
