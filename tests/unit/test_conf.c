/*
 * test_conf.c - the config file: the pure parser (settings and the exact
 * messages for what it cannot use), then what applying it does to the
 * theme, the key table, the help screen and the footers.
 */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "conf.h"
#include "content.h"
#include "fixture.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "store.h"
#include "theme.h"
#include "unit.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

static void
parse(struct conf *c, const char *text)
{
	conf_parse(c, "cfg", text, strlen(text));
}

/* Every message, one a line. */
static char *
messages(const struct conf *c)
{
	char *out = xstrdup("");

	for (size_t i = 0; i < c->nmessages; i++) {
		char *j = xasprintf("%s%s\n", out, c->messages[i]);
		free(out);
		out = j;
	}
	return out;
}

/* Asserts c's messages are want, one a line. */
static void
check_messages(const struct conf *c, const char *want)
{
	char *got = messages(c);

	UNIT_ASSERT_STR(want, got);
	free(got);
}

static void
test_settings(void)
{
	struct conf c;

	parse(&c, "# a comment\n"
		  "\n"
		  "  color.heading = red default bold\n"
		  "color.link=202 17 underline italic\n"
		  "color.bar = reverse\n"
		  "key.checklist = C\n"
		  "key.quit = Q Ctrl-Q\tF1\n"
		  "profile = alice\n"
		  "reviewer = chair\r\n"
		  "width = 72");
	check_messages(&c, "");
	CU_ASSERT_EQUAL(c.ncolors, 3);
	CU_ASSERT_EQUAL(c.colors[0].style, STY_HEADING);
	CU_ASSERT_EQUAL(c.colors[0].spec.fg, COL_RED);
	CU_ASSERT_EQUAL(c.colors[0].spec.bg, COL_DEFAULT);
	CU_ASSERT_EQUAL(c.colors[0].spec.attrs, TA_BOLD);
	CU_ASSERT_EQUAL(c.colors[1].style, STY_LINK);
	CU_ASSERT_EQUAL(c.colors[1].spec.fg, 202);
	CU_ASSERT_EQUAL(c.colors[1].spec.bg, 17);
	CU_ASSERT_EQUAL(c.colors[1].spec.attrs, TA_UNDERLINE | TA_ITALIC);
	CU_ASSERT_EQUAL(c.colors[2].spec.fg, COL_UNSET);
	CU_ASSERT_EQUAL(c.colors[2].spec.attrs, TA_REVERSE);
	CU_ASSERT_EQUAL(c.nkeys, 2);
	CU_ASSERT_EQUAL(c.keys[0].act, ACT_CHECKLIST);
	CU_ASSERT_EQUAL(c.keys[0].nkeys, 1);
	CU_ASSERT_EQUAL(c.keys[0].keys[0], 'C');
	CU_ASSERT_EQUAL(c.keys[1].act, ACT_QUIT);
	CU_ASSERT_EQUAL(c.keys[1].nkeys, 3);
	CU_ASSERT_EQUAL(c.keys[1].keys[1], 0x11);
	CU_ASSERT_EQUAL(c.keys[1].keys[2], K_F1);
	UNIT_ASSERT_STR("alice", c.profile);
	UNIT_ASSERT_STR("chair", c.reviewer);
	CU_ASSERT_EQUAL(c.width, 72);
	conf_done(&c);
}

static void
test_messages(void)
{
	struct conf c;

	parse(&c, "colour.heading = red\n"
		  "color.purple = red\n"
		  "color.code = purple\n"
		  "color.code = bold red\n"
		  "color.code = 256\n"
		  "key.fly = x\n"
		  "key.quit = Foo\n"
		  "key.help = a b c d e\n"
		  "key.click = x\n"
		  "profile = al ice\n"
		  "reviewer =\n"
		  "width = 5\n"
		  "width = 72px\n"
		  "just words\n"
		  "bogus\033[31m = 1\n"); /* the escape sequence is not passed on */
	check_messages(
	    &c,
	    "cfg:1: colour.heading: unknown setting (color.STYLE, key.ACTION, profile, reviewer or "
	    "width); ignored\n"
	    "cfg:2: color.purple: unknown style 'purple' (see Styles under CONFIGURATION in "
	    "rolebook(1)); ignored\n"
	    "cfg:3: color.code: 'purple' is neither a colour (default, black, red, green, yellow, "
	    "blue, magenta, cyan, white or 0-255, foreground then background) nor an attribute "
	    "(bold, underline, reverse, italic, dim); the default is used\n"
	    "cfg:4: color.code: 'red': the colours come before the attributes; the default is "
	    "used\n"
	    "cfg:5: color.code: '256' is neither a colour (default, black, red, green, yellow, "
	    "blue, magenta, cyan, white or 0-255, foreground then background) nor an attribute "
	    "(bold, underline, reverse, italic, dim); the default is used\n"
	    "cfg:6: key.fly: unknown action 'fly' (see Actions under CONFIGURATION in "
	    "rolebook(1)); ignored\n"
	    "cfg:7: key.quit: 'Foo' is not a key (a character, Ctrl-X, Space, Enter, Tab, Esc, "
	    "Up, PgDn, F1 ... as in rolebook(1)); the default is used\n"
	    "cfg:8: key.help: too many keys (at most four); the default is used\n"
	    "cfg:9: key.click: unknown action 'click' (see Actions under CONFIGURATION in "
	    "rolebook(1)); ignored\n"
	    "cfg:10: profile: 'al ice' is not a name (a name is one word); the default is used\n"
	    "cfg:11: reviewer: no value; ignored\n"
	    "cfg:12: width: '5' is not a width (a number from 20 to 1000); the default is used\n"
	    "cfg:13: width: '72px' is not a width (a number from 20 to 1000); the default is "
	    "used\n"
	    "cfg:14: 'just words' is not a setting (NAME = VALUE); ignored\n"
	    "cfg:15: bogus: unknown setting (color.STYLE, key.ACTION, profile, reviewer or "
	    "width); ignored\n");
	/* nothing of the bad lines was taken */
	CU_ASSERT_EQUAL(c.ncolors, 0);
	CU_ASSERT_EQUAL(c.nkeys, 0);
	CU_ASSERT_PTR_NULL(c.profile);
	CU_ASSERT_PTR_NULL(c.reviewer);
	CU_ASSERT_EQUAL(c.width, 0);
	conf_done(&c);
}

/* A bad later value keeps the earlier one, and says so; three colours are
 * too many colours. */
static void
test_later_values(void)
{
	struct conf c;

	parse(&c, "width = 50\n"
		  "width = 5\n"
		  "profile = bob\n"
		  "profile = b b\n"
		  "color.title = red blue green\n"
		  "color.link = red\n"
		  "color.link = purple\n"
		  "key.help = F1\n"
		  "key.help = Foo\n");
	check_messages(
	    &c,
	    "cfg:2: width: '5' is not a width (a number from 20 to 1000); the earlier value "
	    "stays\n"
	    "cfg:4: profile: 'b b' is not a name (a name is one word); the earlier value stays\n"
	    "cfg:5: color.title: too many colours (at most two); the default is used\n"
	    "cfg:7: color.link: 'purple' is neither a colour (default, black, red, green, yellow, "
	    "blue, magenta, cyan, white or 0-255, foreground then background) nor an attribute "
	    "(bold, underline, reverse, italic, dim); the earlier value stays\n"
	    "cfg:9: key.help: 'Foo' is not a key (a character, Ctrl-X, Space, Enter, Tab, Esc, "
	    "Up, PgDn, F1 ... as in rolebook(1)); the earlier value stays\n");
	CU_ASSERT_EQUAL(c.width, 50);
	UNIT_ASSERT_STR("bob", c.profile);
	conf_done(&c);
}

/* A # after a blank starts a comment; right after = it is the # key. */
static void
test_comments(void)
{
	struct conf c;

	parse(&c, "profile = alice   # default --profile\n"
		  "width = 72\t# print's\n"
		  "color.link = 33 #ncurses\n"
		  "key.checklist =#\n"
		  "key.search = a#b # a#b is not a key\n"
		  "reviewer = # nothing\n");
	check_messages(&c, "cfg:5: key.search: 'a#b' is not a key (a character, Ctrl-X, Space, "
			   "Enter, Tab, Esc, Up, PgDn, F1 ... as in rolebook(1)); the default is "
			   "used\n"
			   "cfg:6: reviewer: no value; ignored\n");
	UNIT_ASSERT_STR("alice", c.profile);
	CU_ASSERT_EQUAL(c.width, 72);
	CU_ASSERT_EQUAL(c.ncolors, 1);
	CU_ASSERT_EQUAL(c.colors[0].spec.fg, 33);
	CU_ASSERT_EQUAL(c.nkeys, 1);
	CU_ASSERT_EQUAL(c.keys[0].keys[0], '#');
	conf_done(&c);
}

/* The README's config example, as it stands there, is a valid config. */
static void
test_readme(void)
{
	size_t len;
	char *err = NULL, *text = content_read_file(TEST_SRCDIR "/README.md", &len, &err);
	char *start, *end;
	struct conf c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	start = strstr(text, "```\nprofile = ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(start);
	start += 4;
	end = strstr(start, "```");
	CU_ASSERT_PTR_NOT_NULL_FATAL(end);
	conf_parse(&c, "README", start, (size_t)(end - start));
	check_messages(&c, "");
	UNIT_ASSERT_STR("alice", c.profile);
	UNIT_ASSERT_STR("alice", c.reviewer);
	CU_ASSERT_EQUAL(c.width, 72);
	CU_ASSERT_EQUAL(c.ncolors, 2);
	CU_ASSERT_EQUAL(c.nkeys, 1);
	conf_done(&c);
	free(text);
}

/* Any bytes: a NUL ends its line's use, the next line still counts. */
static void
test_any_bytes(void)
{
	static const char text[] = "width = 40\0garbage\nprofile = bob\n\xff\xfe = \x01\n";
	struct conf c;
	char *big;

	conf_parse(&c, "cfg", text, sizeof text - 1);
	CU_ASSERT_EQUAL(c.width, 40);
	UNIT_ASSERT_STR("bob", c.profile);
	check_messages(&c, "cfg:3: \xef\xbf\xbd\xef\xbf\xbd: unknown setting (color.STYLE, "
			   "key.ACTION, profile, reviewer or width); ignored\n");
	conf_done(&c);
	big = xcalloc(CONF_MAX_BYTES + 1, 1);
	conf_parse(&c, "cfg", big, CONF_MAX_BYTES + 1);
	check_messages(&c, "cfg:0: larger than 1 MiB; ignored, the defaults are used\n");
	conf_done(&c);
	free(big);
	conf_parse(&c, "cfg", "", 0);
	CU_ASSERT_EQUAL(c.nmessages, 0);
	conf_done(&c);
}

static void
test_theme(void)
{
	struct conf c;
	struct attr a;

	parse(&c, "color.heading = red default underline\ncolor.link = 202\n");
	conf_apply(&c);
	theme_attr(STY_HEADING, true, &a);
	CU_ASSERT_EQUAL(a.fg, COL_RED);
	CU_ASSERT_EQUAL(a.bg, COL_DEFAULT);
	CU_ASSERT_TRUE(a.bold); /* the style's own, kept */
	CU_ASSERT_TRUE(a.underline);
	theme_attr(STY_LINK, true, &a);
	CU_ASSERT_EQUAL(a.fg, 202);
	/* a style not set keeps the built-in colours */
	theme_attr(STY_CODE, true, &a);
	CU_ASSERT_EQUAL(a.fg, COL_GREEN);
	/* monochrome does not change */
	theme_attr(STY_HEADING, false, &a);
	CU_ASSERT_EQUAL(a.fg, COL_DEFAULT);
	CU_ASSERT_FALSE(a.underline);
	theme_reset();
	theme_attr(STY_HEADING, true, &a);
	CU_ASSERT_EQUAL(a.fg, COL_CYAN);
	CU_ASSERT_FALSE(a.underline);
	conf_done(&c);
}

static struct catalog cat;
static struct app app;
static struct frame fr;

static char *
draw(void)
{
	app_draw(&app, &fr);
	return frame_dump(&fr);
}

static char *
last_row(void)
{
	app_draw(&app, &fr);
	return frame_row(&fr, fr.rows - 1);
}

static void
contains(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		fprintf(stderr, "\nexpected to find \"%s\" in:\n%s\n", needle, text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, needle));
}

/* Rebound keys work, and the help screen and the footers name them. */
static void
test_keys(void)
{
	struct conf c;
	char *err = NULL, *s;

	parse(&c, "key.checklist = C\nkey.help = h\nkey.open = o Enter\nkey.back = x\n");
	check_messages(&c, "");
	conf_apply(&c);
	CU_ASSERT_EQUAL(keys_action(CTX_READER, 'C'), ACT_CHECKLIST);
	CU_ASSERT_EQUAL(keys_action(CTX_READER, 'c'), ACT_NONE);
	CU_ASSERT_EQUAL(keys_key(CTX_READER, ACT_CHECKLIST), 'C');
	CU_ASSERT_EQUAL(keys_action(CTX_HOME, '?'), ACT_NONE);
	/* h was the checklist's hide-done: taken from it, which has no key now */
	CU_ASSERT_EQUAL(keys_action(CTX_CHECKLIST, 'h'), ACT_HELP);
	CU_ASSERT_EQUAL(keys_key(CTX_CHECKLIST, ACT_HIDE_DONE), K_NONE);
	/* x was the checklist's toggle too: Space is left to it */
	CU_ASSERT_EQUAL(keys_action(CTX_CHECKLIST, 'x'), ACT_BACK);
	CU_ASSERT_EQUAL(keys_key(CTX_CHECKLIST, ACT_TOGGLE), ' ');

	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	app_init(&app, &cat, 24, 80);
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 24, 80);
	s = last_row();
	UNIT_ASSERT_STR(" h:help o:open /:search R:review candidates x:quit", s);
	free(s);
	app_key(&app, 'o'); /* the first role */
	s = last_row();
	contains(s, "C:checklist");
	free(s);
	app_key(&app, 'h');
	s = draw();
	contains(s, "   C            open the onboarding checklist\n");
	contains(s, "   h            show help for this screen\n");
	contains(s, "   x            go back one screen\n");
	free(s);
	app_done(&app);
	catalog_done(&cat);
	frame_done(&fr);
	keys_reset();
	CU_ASSERT_EQUAL(keys_action(CTX_READER, 'c'), ACT_CHECKLIST);
	CU_ASSERT_EQUAL(keys_action(CTX_CHECKLIST, 'h'), ACT_HIDE_DONE);
	conf_done(&c);
}

/* Every text that names a key names the one in use: the help screens'
 * intros, home's review entry, the review heading, the note view and the
 * message for a key with no action. */
static void
test_key_texts(void)
{
	struct conf c;
	struct store *st = fixture_fresh("conf-key-texts");
	char *err = NULL, *s;

	parse(&c, "key.help = F1\nkey.review = W\nkey.sort = S\nkey.search = F\n"
		  "key.note = E\nkey.back = x\nkey.toggle = T\nkey.read-note = V\n"
		  "key.open-link = O\nkey.focus = Tab\n");
	check_messages(&c, "");
	conf_apply(&c);
	catalog_init(&cat);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	app_init(&app, &cat, 24, 80);
	app.store = st;
	app.profile = "alice";
	app.reviewer = "alice";
	app_push(&app, view_home_new(&app));
	frame_init(&fr, 24, 80);
	s = draw();
	contains(s, "readiness (W)");
	free(s);
	app_key(&app, 'z');
	s = last_row();
	UNIT_ASSERT_STR("No action for key 'z' here; press F1 for help", s);
	free(s);
	app_key(&app, '?'); /* no longer help */
	s = last_row();
	UNIT_ASSERT_STR("No action for key '?' here; press F1 for help", s);
	free(s);
	app_key(&app, K_ENTER); /* the first role */
	app_key(&app, 'c');
	app_key(&app, K_F1);
	s = draw();
	contains(s, "T ticks the selected item; E edits its note");
	contains(s, "and V reads it whole");
	contains(s, "(x comes back); O opens its link;");
	contains(s, "   T            mark the selected item done or not done\n");
	contains(s, "explains the selected item; x\n                comes back\n");
	free(s);
	app_key(&app, 'x');
	app_key(&app, 'V');
	s = draw();
	contains(s, "No note yet: E on the checklist writes one.");
	free(s);
	app_key(&app, 'x');
	app_key(&app, 'x');
	app_key(&app, 'x');
	app_key(&app, 'W');
	s = draw();
	contains(s, "S sorts, F filters");
	free(s);
	app_done(&app);
	catalog_done(&cat);
	frame_done(&fr);
	keys_reset();
	store_close(st);
	conf_done(&c);
}

/* The man page names every action a config file may bind, and every style. */
static void
test_man(void)
{
	size_t n, len;
	char *err = NULL, *man = content_read_file(TEST_SRCDIR "/man/rolebook.1", &len, &err);
	const struct keydef *t = keys_table(&n);
	const char *const *styles = theme_style_names();

	CU_ASSERT_PTR_NOT_NULL_FATAL(man);
	for (size_t i = 0; i < n; i++) {
		enum action act;
		const char *name = keys_action_name(t[i].act);
		char want[64];
		/* every binding has a name a config file can use */
		if (name == NULL)
			fprintf(stderr, "\nthe binding \"%s\" has no action name\n",
				t[i].names ? t[i].names : "?");
		CU_ASSERT_PTR_NOT_NULL(name);
		if (name == NULL || !keys_action_by_name(name, &act))
			continue;
		snprintf(want, sizeof want, ".B %s\n", name);
		if (strstr(man, want) == NULL)
			fprintf(stderr, "\nman/rolebook.1 does not list the action \"%s\"\n", name);
		CU_ASSERT_PTR_NOT_NULL(strstr(man, want));
	}
	for (size_t i = 0; styles[i] != NULL; i++) {
		char want[64];
		snprintf(want, sizeof want, ".B %s\n", styles[i]);
		if (strstr(man, want) == NULL)
			fprintf(stderr, "\nman/rolebook.1 does not list the style \"%s\"\n",
				styles[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(man, want));
	}
	free(man);
}

/* The installed example: every setting commented out, and each valid. */
static void
test_example(void)
{
	size_t len;
	char *err = NULL, *text = content_read_file(TEST_SRCDIR "/examples/config", &len, &err);
	struct conf c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	conf_parse(&c, "example", text, len);
	CU_ASSERT_EQUAL(c.nmessages + c.ncolors + c.nkeys, 0);
	CU_ASSERT_PTR_NULL(c.profile);
	conf_done(&c);
	/* uncommented: "#word" lines become settings */
	for (char *p = text; (p = strstr(p, "\n#")) != NULL; p++)
		if (p[2] >= 'a' && p[2] <= 'z')
			p[1] = ' ';
	conf_parse(&c, "example", text, len);
	check_messages(&c, "");
	CU_ASSERT_EQUAL(c.ncolors, 6);
	CU_ASSERT_EQUAL(c.nkeys, 4);
	UNIT_ASSERT_STR("alice", c.profile);
	CU_ASSERT_EQUAL(c.width, 80);
	conf_done(&c);
	free(text);
}

static void
test_path(void)
{
	char *p;

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	unsetenv("ROLEBOOK_CONFIG");
	UNIT_ASSERT_STR("/x/cfg/rolebook/config", p = conf_path(NULL));
	free(p);
	UNIT_ASSERT_STR("/other", p = conf_path("/other"));
	free(p);
	CU_ASSERT_PTR_NULL(conf_path("")); /* --config '' */
	setenv("ROLEBOOK_CONFIG", "/env", 1);
	UNIT_ASSERT_STR("/env", p = conf_path(NULL));
	free(p);
	setenv("ROLEBOOK_CONFIG", "", 1);
	CU_ASSERT_PTR_NULL(conf_path(NULL));
	unsetenv("ROLEBOOK_CONFIG");
	setenv("XDG_CONFIG_HOME", "relative", 1); /* invalid: ignored */
	p = conf_path(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	contains(p, "/.config/rolebook/config");
	free(p);
	setenv("XDG_CONFIG_HOME", unit_tmpdir, 1);
}

int
test_conf_register(void)
{
	CU_pSuite s = CU_add_suite("conf", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "every kind of setting", test_settings) ||
	    !CU_add_test(s, "a message naming file, line and setting", test_messages) ||
	    !CU_add_test(s, "a bad later value keeps the earlier", test_later_values) ||
	    !CU_add_test(s, "comments after a value", test_comments) ||
	    !CU_add_test(s, "the README's example config", test_readme) ||
	    !CU_add_test(s, "any bytes", test_any_bytes) ||
	    !CU_add_test(s, "colours of the theme", test_theme) ||
	    !CU_add_test(s, "key bindings, help and footers", test_keys) ||
	    !CU_add_test(s, "texts name the keys in use", test_key_texts) ||
	    !CU_add_test(s, "the man page lists actions and styles", test_man) ||
	    !CU_add_test(s, "the example config", test_example) ||
	    !CU_add_test(s, "which file", test_path))
		return CU_get_error();
	return 0;
}
