/*
 * test_steps.c - issue 11's steps: what `o` may do with a link and how
 * (open_link.c, app_open.c), the offboarding checklist and an item's
 * link in the role model (role_offboarding.c), where a step's why is
 * (item_why.c), and a step two roles share as one record (checklist.c),
 * on the roles of tests/data/steps.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "fixture.h"
#include "frame.h"
#include "open_link.h"
#include "strbuf.h"
#include "unit.h"
#include "view.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

/* ---- open_link ---- */

static const char *
refusal(const char *url)
{
	const char *why = NULL;

	return open_link_allowed(url, &why) ? "allowed" : why;
}

static void
test_allowed(void)
{
	UNIT_ASSERT_STR("allowed", refusal("https://example.org/a?b=c#d"));
	UNIT_ASSERT_STR("allowed", refusal("http://example.org"));
	UNIT_ASSERT_STR("allowed", refusal("HTTPS://EXAMPLE.ORG"));
	UNIT_ASSERT_STR("allowed", refusal("mailto:leads@example.org"));
	UNIT_ASSERT_STR("only http, https and mailto links are opened",
			refusal("javascript:alert(1)"));
	UNIT_ASSERT_STR("only http, https and mailto links are opened",
			refusal("file:///etc/passwd"));
	UNIT_ASSERT_STR("only http, https and mailto links are opened", refusal("../a.md"));
	UNIT_ASSERT_STR("only http, https and mailto links are opened", refusal("-e https://x"));
	UNIT_ASSERT_STR("only http, https and mailto links are opened", refusal("https:"));
	UNIT_ASSERT_STR("the link is empty", refusal(""));
	UNIT_ASSERT_STR("the link has spaces, control or non-ASCII characters",
			refusal("https://a b"));
	UNIT_ASSERT_STR("the link has spaces, control or non-ASCII characters",
			refusal("https://a\033]52;c;eA==\a"));
	UNIT_ASSERT_STR("the link has spaces, control or non-ASCII characters",
			refusal("https://ex\xc3\xa4mple.org"));
	{
		char *big = xmalloc(OPEN_URL_MAX + 2);
		memcpy(big, "https://", 8);
		memset(big + 8, 'a', OPEN_URL_MAX - 7);
		big[OPEN_URL_MAX + 1] = '\0';
		UNIT_ASSERT_STR("the link is too long", refusal(big));
		free(big);
	}
}

/* The plan as "method program". */
static char *
plan(const char *url, const char *display, const char *wayland, const char *browser,
     const char *term, bool xdg)
{
	struct open_env env = {display, wayland, browser, term, xdg};
	struct open_plan p;
	static const char *names[] = {"refused", "desktop", "terminal", "clipboard", "show"};
	char *out;

	open_link_plan(url, &env, &p);
	out = xasprintf("%s %s", names[p.method], p.program ? p.program : "-");
	open_plan_done(&p);
	return out;
}

#define PLAN(expected, ...)                                                                        \
	do {                                                                                       \
		char *got_ = plan(__VA_ARGS__);                                                    \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

static void
test_plan(void)
{
	const char *u = "https://example.org";

	PLAN("desktop xdg-open", u, ":0", NULL, NULL, "xterm", true);
	PLAN("desktop xdg-open", u, NULL, "wayland-0", NULL, "xterm", true);
	PLAN("desktop firefox", u, ":0", NULL, "firefox:chromium", "xterm", true);
	PLAN("desktop /usr/bin/firefox", u, ":0", NULL, "/usr/bin/firefox", "xterm", false);
	/* a $BROWSER with arguments or %s is not run: no shell parses it */
	PLAN("desktop xdg-open", u, ":0", NULL, "firefox --new-window %s", "xterm", true);
	PLAN("clipboard -", u, ":0", NULL, "firefox %s", "xterm", false);
	PLAN("clipboard -", u, ":0", NULL, NULL, "xterm", false);
	PLAN("clipboard -", u, "", "", NULL, "tmux-256color", true);
	/* no graphical session: a terminal browser, or the clipboard */
	PLAN("terminal w3m", u, NULL, NULL, "w3m", "xterm", true);
	PLAN("clipboard -", u, NULL, NULL, NULL, "xterm", true);
	PLAN("show -", u, NULL, NULL, NULL, "dumb", true);
	PLAN("show -", u, NULL, NULL, NULL, "linux", true);
	PLAN("show -", u, NULL, NULL, NULL, NULL, true);
	PLAN("refused -", "javascript:alert(1)", ":0", NULL, "firefox", "xterm", true);
}

static void
test_osc52(void)
{
	char *s = open_link_osc52("https://example.org/a");
	UNIT_ASSERT_STR("\033]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9h\a", s);
	free(s);
	s = open_link_osc52("a");
	UNIT_ASSERT_STR("\033]52;c;YQ==\a", s);
	free(s);
	s = open_link_osc52("ab");
	UNIT_ASSERT_STR("\033]52;c;YWI=\a", s);
	free(s);
}

static struct {
	int calls;
	enum open_method method;
	char *url;
} ran;

static int
fake_run(struct app *a, const struct open_plan *p, const char *url)
{
	(void)a;
	ran.calls++;
	ran.method = p->method;
	free(ran.url);
	ran.url = xstrdup(url);
	return 0;
}

/* app_open_url: the environment read, the plan carried out, said. */
static void
test_app_open(void)
{
	struct catalog cat;
	struct app a;

	catalog_init(&cat);
	app_init(&a, &cat, 24, 80);
	a.run_link = fake_run;
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("BROWSER");
	setenv("TERM", "xterm", 1);
	app_open_url(&a, "https://example.org/x");
	CU_ASSERT_EQUAL(ran.calls, 1);
	CU_ASSERT_EQUAL(ran.method, OPEN_CLIPBOARD);
	UNIT_ASSERT_STR("https://example.org/x", ran.url);
	UNIT_ASSERT_STR("Copied to the clipboard (OSC 52): https://example.org/x", a.status);
	app_open_url(&a, "file:///etc/passwd");
	CU_ASSERT_EQUAL(ran.calls, 1); /* never run */
	UNIT_ASSERT_STR("Not opened: only http, https and mailto links are opened", a.status);
	CU_ASSERT_TRUE(a.status_alert);
	setenv("TERM", "dumb", 1);
	app_open_url(&a, "mailto:x@example.org");
	/* shown by the terminal layer, off curses, as one line */
	CU_ASSERT_EQUAL(ran.calls, 2);
	CU_ASSERT_EQUAL(ran.method, OPEN_SHOW);
	UNIT_ASSERT_STR("Link shown as one line on the plain screen, to select: "
			"mailto:x@example.org",
			a.status);
	/* a $BROWSER that is not run is not ignored silently */
	setenv("TERM", "xterm", 1);
	setenv("BROWSER", "/tmp/fakeb %s", 1);
	app_open_url(&a, "https://example.org/x");
	UNIT_ASSERT_STR("Copied to the clipboard (OSC 52): https://example.org/x ($BROWSER is not "
			"a plain program name: it has a space, a % or a leading -; only a "
			"program name or path is run, with the URL as its one argument)",
			a.status);
	unsetenv("BROWSER");
	app_done(&a);
	catalog_done(&cat);
	free(ran.url);
	ran.url = NULL;
}

/* ---- the role model: offboarding and links ---- */

static struct role *
load(const char *id)
{
	return fixture_role_at(TEST_SRCDIR "/tests/data/steps", id, ORIGIN_FILE);
}

/* The title of the section Enter opens on r's step that starts with step. */
static const char *
why_title(const struct role *r, const char *step)
{
	long s = checklist_why(r, &r->items[fixture_step(r, step)]);

	CU_ASSERT_FATAL(s >= 0);
	return r->outline.v[s].title;
}

static void
test_offboarding(void)
{
	struct role *r = load("alpha-lead");

	CU_ASSERT_EQUAL(r->nitems, 5);
	CU_ASSERT_EQUAL_FATAL(r->noff_items, 3);
	UNIT_ASSERT_STR("Upload the first meeting recordings to the video channel",
			r->items[3].text);
	UNIT_ASSERT_STR("Propose a successor to the project", r->off_items[0].text);
	UNIT_ASSERT_STR("Hand over ownership of the mailing lists", r->off_items[1].text);
	UNIT_ASSERT_STR("group-list-owner", r->off_items[1].form);
	UNIT_ASSERT_STR("Handover", r->off_items[1].group);
	UNIT_ASSERT_STR("https://example.org/projects.yaml", r->off_items[2].url);
	UNIT_ASSERT_STR("https://example.org/style", r->items[2].url);
	UNIT_ASSERT_STR("#mailing-lists", r->items[4].url);
	CU_ASSERT_PTR_NULL(r->items[0].url);
	CU_ASSERT_TRUE(r->items[1].required);
	/* one id rule for both lists */
	{
		char id[13];
		content_item_id("Propose a successor to the project", id);
		UNIT_ASSERT_STR(id, r->off_items[0].id);
	}
	role_free(r);
}

static void
test_why(void)
{
	struct role *r = load("alpha-lead");
	long s;

	/* the section sharing the step's words */
	s = checklist_why(r, &r->items[3]);
	CU_ASSERT_FATAL(s >= 0);
	UNIT_ASSERT_STR("Recordings", r->outline.v[s].title);
	s = checklist_why(r, &r->off_items[1]);
	CU_ASSERT_FATAL(s >= 0);
	UNIT_ASSERT_STR("Mailing lists", r->outline.v[s].title);
	/* none: the heading the step is listed under */
	s = checklist_why(r, &r->items[0]);
	CU_ASSERT_FATAL(s >= 0);
	UNIT_ASSERT_STR("First week", r->outline.v[s].title);
	/* a step's own link into the role */
	CU_ASSERT_TRUE(checklist_link_in_role(r, &r->items[4]));
	CU_ASSERT_FALSE(checklist_link_in_role(r, &r->items[2]));
	CU_ASSERT_FALSE(checklist_link_in_role(r, &r->items[0]));
	role_free(r);
}

/* Every onboarding step of the four bundled roles lands on a section of
 * the role's text that shares a rare word with it, or on its own place in
 * the checklist (the heading it is listed under); never on the role's
 * title or a section sharing only common words.  ROLEBOOK_WHY_TABLE=1
 * prints the table step -> target. */
static void
test_why_bundled(void)
{
	static const char *const ids[] = {"chair", "program-manager", "subproject-owner",
					  "technical-lead"};
	bool table = getenv("ROLEBOOK_WHY_TABLE") != NULL;

	for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
		struct role *r = fixture_bundled(ids[k]);

		CU_ASSERT_FATAL(r->nitems > 0);
		for (size_t i = 0; i < r->nitems; i++) {
			const struct check_item *it = &r->items[i];
			long s = checklist_why(r, it);
			struct why_rank w;

			why_rank(r, it, &w);
			CU_ASSERT_FATAL(s >= 0);
			if (table)
				printf("%s | %s | %s%s%s\n", ids[k], it->text,
				       r->outline.v[s].title,
				       s == w.entry ? " -- " : " (own place)",
				       s == w.entry ? w.word : "");
			/* never the title */
			CU_ASSERT(r->outline.v[s].level > 1);
			if (s == why_place(r, it))
				continue;
			/* else the best section, with enough evidence */
			CU_ASSERT_EQUAL(s, w.entry);
			CU_ASSERT(w.score >= w.min);
			CU_ASSERT(w.word[0] != '\0');
		}
		role_free(r);
	}
}

/* Reviewed steps: where Enter must not land (the newcomer review found
 * them on unrelated sections), or must (they landed on the long "How the
 * role is chosen and what it can do", as 33 of the 124 bundled steps did,
 * 470 to 740 words to look through, and now on the short part of it that
 * explains them). */
static void
test_why_review(void)
{
	static const struct {
		const char *role, *step, *want, *not ;
	} cases[] = {
	    {"technical-lead", "Check the SIG's CI jobs", NULL, "Leave and stepping down"},
	    {"technical-lead", "Read the leads training curriculum", NULL,
	     "Leave and stepping down"},
	    {"chair", "Join the #chairs-and-techleads", NULL, "What the role is for"},
	    {"technical-lead", "Join the #chairs-and-techleads", NULL, "What the role is for"},
	    {"chair", "Complete the LFC102", "Who can hold it", NULL},
	    {"technical-lead", "Confirm you are a Kubernetes GitHub org member", "Who can hold it",
	     NULL},
	    {"chair", "Update OWNERS_ALIASES in kubernetes/org", "Permissions", NULL},
	    {"chair", "Ask the YouTube moderators", "Permissions", NULL},
	    {"chair", "Have the annual report draft ready", "What they report, and when", NULL},
	    {"subproject-owner", "Find out what the subproject does differently",
	     "Rules for the subproject", NULL},
	    {"program-manager", "Read the SIG charter and note how it defines", "Optional", NULL},
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct role *r = fixture_bundled(cases[k].role);
		const char *title = why_title(r, cases[k].step);

		if (cases[k].want != NULL)
			UNIT_ASSERT_STR(cases[k].want, title);
		else
			CU_ASSERT_STRING_NOT_EQUAL(title, cases[k].not );
		CU_ASSERT_STRING_NOT_EQUAL(title, r->title);
		role_free(r);
	}
}

/* Presses Down until the checklist on top selects the item of r whose
 * text starts with start; its index. */
static size_t
select_item(struct app *a, const struct role *r, const char *start)
{
	size_t i = fixture_step(r, start);

	for (size_t k = 0; k < i; k++)
		app_key(a, K_DOWN);
	return i;
}

/* o on an item with two links: the first, then the second; a link into
 * another bundled role opens it in the reader. */
static void
test_item_links(void)
{
	struct catalog cat;
	struct app a;
	struct store *st = NULL;
	struct role *r;
	char *err = NULL;
	size_t i;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	app_init(&a, &cat, 24, 80);
	a.store = st;
	a.profile = "ada";
	a.run_link = fake_run;
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("BROWSER");
	setenv("TERM", "xterm", 1);
	r = catalog_find(&cat, "chair");
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	app_push(&a, view_checklist_new(&a, r));
	i = select_item(&a, r, "Update OWNERS_ALIASES in kubernetes/org");
	CU_ASSERT_EQUAL_FATAL(r->items[i].nlinks, 2);
	app_key(&a, 'o');
	UNIT_ASSERT_STR(r->items[i].links[0], ran.url);
	{
		char *want =
		    xasprintf("Link 1 of 2 (o: next): Copied to the clipboard (OSC 52): %s",
			      r->items[i].links[0]);
		UNIT_ASSERT_STR(want, a.status);
		free(want);
	}
	app_key(&a, 'o');
	UNIT_ASSERT_STR(r->items[i].links[1], ran.url);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->items[i].links[1], "/enhancements/"));
	{
		char *want =
		    xasprintf("Link 2 of 2 (o: next): Copied to the clipboard (OSC 52): %s",
			      r->items[i].links[1]);
		UNIT_ASSERT_STR(want, a.status);
		free(want);
	}
	app_key(&a, 'o'); /* round again */
	UNIT_ASSERT_STR(r->items[i].links[0], ran.url);
	app_key(&a, 'q');
	/* a relative link into another role: the reader, on that role */
	r = catalog_find(&cat, "program-manager");
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	app_push(&a, view_checklist_new(&a, r));
	i = select_item(&a, r, "Ask each chair");
	UNIT_ASSERT_STR("chair.md", r->items[i].links[0]);
	ran.calls = 0;
	app_key(&a, 'o');
	CU_ASSERT_EQUAL(ran.calls, 0);
	UNIT_ASSERT_STR("reader", app_top(&a)->ops->name);
	CU_ASSERT_TRUE(a.status == NULL || strstr(a.status, "Not opened") == NULL);
	app_done(&a);
	store_close(st);
	catalog_done(&cat);
	free(ran.url);
	ran.url = NULL;
}

static char *draw(struct app *a, struct frame *f);

/* v: a URL too wide for a row is never broken among other words. */
static void
test_note_url(void)
{
	struct catalog cat;
	struct app a;
	struct frame f;
	struct store *st = NULL;
	struct role *r;
	char *err = NULL, *d;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/steps", ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	r = catalog_find(&cat, "alpha-lead");
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	CU_ASSERT_EQUAL(
	    checklist_set_note(st, "ada", r, &r->items[0],
			       "the course is at https://training.linuxfoundation.org/"
			       "training/inclusive-open-source-community-orientation-lfc102/"
			       " and takes an hour",
			       100),
	    STORE_OK);
	app_init(&a, &cat, 16, 50);
	a.store = st;
	a.profile = "ada";
	app_push(&a, view_checklist_new(&a, r));
	frame_init(&f, 16, 50);
	app_key(&a, 'v');
	d = draw(&a, &f);
	{
		const char *want = " rolebook \xe2\x80\xba Alpha Lead \xe2\x80\xba Note\n"
				   " Join the leads channel on Slack\n"
				   " not done\n"
				   "\n"
				   " the course is at\n"
				   " https://training.linuxfoundation.org/training/in\n"
				   " clusive-open-source-community-orientation-lfc102\n"
				   " /\n"
				   " and takes an hour\n";
		char *top = xstrndup(d, strlen(want));
		UNIT_ASSERT_STR(want, top);
		free(top);
	}
	free(d);
	frame_done(&f);
	app_done(&a);
	store_close(st);
	catalog_done(&cat);
}

/* where a step is done, as the shell prints it: cleaned, or nothing */
static void
test_where(void)
{
	struct check_item it = {.url = (char *)"https://example.org/\x1b[31mx\ty"};
	struct strbuf b = {0};
	char *s;

	checklist_item_where(&b, &it);
	it.url = NULL;
	checklist_item_where(&b, &it);
	it.url = (char *)"";
	checklist_item_where(&b, &it);
	s = strbuf_take(&b);
	UNIT_ASSERT_STR("      where: https://example.org/x y\n", s);
	free(s);
}

/* ---- shared steps ---- */

static void
test_shared(void)
{
	struct role *a = load("alpha-lead"), *b = load("beta-lead");
	struct store *st = NULL;
	struct checklist cl;

	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	/* ticked under alpha: done under beta, with alpha's date */
	CU_ASSERT_EQUAL(checklist_set_done(st, "ada", a, &a->items[0], true, 100), STORE_OK);
	checklist_load(&cl, st, "ada", b);
	CU_ASSERT_TRUE(cl.v[0].done);
	CU_ASSERT_TRUE(cl.v[0].shared);
	CU_ASSERT_EQUAL(cl.v[0].rec->done_at, 100);
	CU_ASSERT_EQUAL(cl.done, 1);
	CU_ASSERT_FALSE(cl.v[2].done);
	checklist_done(&cl);
	/* a note under beta keeps it done and its date, under both */
	CU_ASSERT_EQUAL(checklist_set_note(st, "ada", b, &b->items[0], "in #leads", 200), STORE_OK);
	checklist_load(&cl, st, "ada", a);
	CU_ASSERT_TRUE(cl.v[0].done);
	CU_ASSERT_EQUAL(cl.v[0].rec->done_at, 100);
	UNIT_ASSERT_STR("in #leads", cl.v[0].rec->note);
	checklist_done(&cl);
	/* unticked under beta: not done under alpha, the note kept */
	CU_ASSERT_EQUAL(checklist_set_done(st, "ada", b, &b->items[0], false, 300), STORE_OK);
	checklist_load(&cl, st, "ada", a);
	CU_ASSERT_FALSE(cl.v[0].done);
	UNIT_ASSERT_STR("in #leads", cl.v[0].rec->note);
	CU_ASSERT_EQUAL(cl.done, 0);
	checklist_done(&cl);
	/* other people are apart */
	checklist_load(&cl, st, "bob", a);
	CU_ASSERT_PTR_NULL(cl.v[0].rec);
	checklist_done(&cl);
	/* a record written directly under one role (an import) is read
	 * under the other when it is the latest */
	CU_ASSERT_EQUAL(
	    store_item_set_done(st, "ada", b->id, b->items[1].id, b->items[1].text, true, 400),
	    STORE_OK);
	checklist_load(&cl, st, "ada", a);
	CU_ASSERT_TRUE(cl.v[1].done);
	checklist_done(&cl);
	/* offboarding: its own progress, never stale in onboarding */
	CU_ASSERT_EQUAL(checklist_set_done(st, "ada", a, &a->off_items[0], true, 500), STORE_OK);
	checklist_load_list(&cl, st, "ada", a, CHECKLIST_OFFBOARDING);
	CU_ASSERT_EQUAL(cl.n, 3);
	CU_ASSERT_EQUAL(cl.done, 1);
	checklist_done(&cl);
	/* offboarding is stepping down from one role: never shared, even
	 * worded the same, neither read nor written across roles */
	checklist_load_list(&cl, st, "ada", b, CHECKLIST_OFFBOARDING);
	CU_ASSERT_EQUAL(cl.done, 0);
	CU_ASSERT_PTR_NULL(cl.v[0].rec);
	CU_ASSERT_FALSE(cl.v[0].shared);
	checklist_done(&cl);
	CU_ASSERT_EQUAL(checklist_set_note(st, "ada", b, &b->off_items[0], "later", 600), STORE_OK);
	CU_ASSERT_EQUAL(checklist_set_done(st, "ada", b, &b->off_items[0], false, 700), STORE_OK);
	checklist_load_list(&cl, st, "ada", a, CHECKLIST_OFFBOARDING);
	CU_ASSERT_EQUAL(cl.done, 1);
	CU_ASSERT_PTR_NULL(cl.v[0].rec->note);
	CU_ASSERT_EQUAL(cl.v[0].rec->done_at, 500);
	checklist_done(&cl);
	checklist_load(&cl, st, "ada", a);
	CU_ASSERT_EQUAL(cl.nstale, 0);
	CU_ASSERT_EQUAL(cl.done, 1);
	checklist_done(&cl);
	store_close(st);
	role_free(a);
	role_free(b);
}

/* ---- on screen: the checklist's keys and the note view ---- */

static char *
draw(struct app *a, struct frame *f)
{
	app_draw(a, f);
	return frame_dump(f);
}

static void
test_screen(void)
{
	struct catalog cat;
	struct app a;
	struct frame f;
	struct store *st = NULL;
	struct role *r;
	char *err = NULL, *d;

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/steps", ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&st, NULL), STORE_OK);
	r = catalog_find(&cat, "alpha-lead");
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	CU_ASSERT_EQUAL(checklist_set_note(st, "ada", r, &r->items[2],
					   "first line of a long note that goes on and on past "
					   "the width of the screen\nsecond line\nthird line",
					   100),
			STORE_OK);
	app_init(&a, &cat, 16, 50);
	a.store = st;
	a.profile = "ada";
	a.run_link = fake_run;
	app_push(&a, view_checklist_new(&a, r));
	frame_init(&f, 16, 50);
	app_key(&a, K_DOWN);
	app_key(&a, K_DOWN);
	d = draw(&a, &f);
	/* the checklist cuts the note to one line; the narrow footer keeps v,
	 * the way to the whole note, and Tab, to the other list (o, which
	 * does not fit beside them, still opens the link: below) */
	CU_ASSERT_PTR_NULL(strstr(d, "second line"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, " ?:help Space:done v:read Tab:offboard q:back"));
	free(d);
	/* wide, its lines run on one row, never as raw line breaks */
	app_resize(&a, 16, 200);
	frame_done(&f);
	frame_init(&f, 16, 200);
	d = draw(&a, &f);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "the width of the screen second line third line"));
	free(d);
	app_resize(&a, 16, 50);
	frame_done(&f);
	frame_init(&f, 16, 50);
	/* o hands the item's link over */
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("BROWSER");
	setenv("TERM", "xterm", 1);
	app_key(&a, 'o');
	UNIT_ASSERT_STR("https://example.org/style", ran.url);
	/* v: the note whole, wrapped, its lines kept */
	app_key(&a, 'v');
	d = draw(&a, &f);
	{
		const char *want = " rolebook \xe2\x80\xba Alpha Lead \xe2\x80\xba Note\n"
				   " Read the style notes\n"
				   " not done\n"
				   "\n"
				   " first line of a long note that goes on and on\n"
				   " past the width of the screen\n"
				   " second line\n"
				   " third line\n";
		char *top = xstrndup(d, strlen(want));
		UNIT_ASSERT_STR(want, top);
		free(top);
	}
	free(d);
	app_key(&a, 'q');
	UNIT_ASSERT_STR("checklist", app_top(&a)->ops->name);
	/* Tab: the offboarding checklist, its own progress */
	app_key(&a, K_TAB);
	d = draw(&a, &f);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "Alpha Lead \xe2\x80\xba Offboarding"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "0 of 3 done"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "Propose a successor to the project"));
	free(d);
	app_key(&a, ' ');
	d = draw(&a, &f);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "1 of 3 done"));
	free(d);
	/* Enter on "Hand over ownership of the mailing lists": its why */
	app_key(&a, K_DOWN);
	app_key(&a, K_ENTER);
	UNIT_ASSERT_STR("reader", app_top(&a)->ops->name);
	d = draw(&a, &f);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "Every lead moderates the project's mailing lists"));
	free(d);
	/* the text's boxes show the offboarding progress too */
	app_key(&a, 'G');
	d = draw(&a, &f);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\xe2\x98\x91 Propose a"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\xe2\x98\x90 Hand over"));
	free(d);
	/* o on the role screen: the selected link, offered once selected */
	app_key(&a, 'o');
	UNIT_ASSERT_STR("No link selected: l selects one", a.status);
	app_key(&a, 'L');
	UNIT_ASSERT_STR("Link: https://example.org/projects.yaml  (Enter follows)", a.status);
	{
		struct view_hint h[VIEW_MAX_HINTS];
		struct view *top = app_top(&a);
		size_t nh = top->ops->hints(top, &a, h);
		bool offered = false;
		for (size_t i = 0; i < nh; i++)
			offered |= h[i].act == ACT_OPEN_LINK;
		CU_ASSERT_TRUE(offered);
	}
	app_key(&a, 'o');
	UNIT_ASSERT_STR("https://example.org/projects.yaml", ran.url);
	app_key(&a, 'q');
	UNIT_ASSERT_STR("checklist", app_top(&a)->ops->name);
	app_done(&a);
	frame_done(&f);
	store_close(st);
	catalog_done(&cat);
	free(ran.url);
	ran.url = NULL;
}

int
test_steps_register(void)
{
	CU_pSuite s = CU_add_suite("steps", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "only http, https and mailto leave", test_allowed) ||
	    !CU_add_test(s, "how a link is opened", test_plan) ||
	    !CU_add_test(s, "OSC 52 carries base64", test_osc52) ||
	    !CU_add_test(s, "o says what it did", test_app_open) ||
	    !CU_add_test(s, "the offboarding checklist and item links", test_offboarding) ||
	    !CU_add_test(s, "where a step is done, as the shell prints it", test_where) ||
	    !CU_add_test(s, "a step's why", test_why) ||
	    !CU_add_test(s, "every bundled step's why", test_why_bundled) ||
	    !CU_add_test(s, "the reviewed steps' why", test_why_review) ||
	    !CU_add_test(s, "o on each of an item's links", test_item_links) ||
	    !CU_add_test(s, "a long URL in a note keeps its own rows", test_note_url) ||
	    !CU_add_test(s, "a shared step is one record", test_shared) ||
	    !CU_add_test(s, "o, v, Tab and Enter on the checklist", test_screen))
		return CU_get_error();
	return 0;
}
