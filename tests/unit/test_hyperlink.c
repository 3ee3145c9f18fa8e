/*
 * test_hyperlink.c - unit tests for src/hyperlink.c: which terminals get
 * OSC 8 hyperlinks, which targets become one, and that a target can never
 * put a control byte into the sequence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "hyperlink.h"
#include "links.h"
#include "unit.h"
#include "xalloc.h"

/* The environment a test describes: "NAME=value" strings, NULL-ended. */
static const char *const *test_env;

static const char *
env(const char *name)
{
	size_t n = strlen(name);

	for (const char *const *e = test_env; *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static bool
terminal(const char *const *vars)
{
	test_env = vars;
	return hyperlink_terminal(env);
}

static void
test_terminals(void)
{
	CU_ASSERT_TRUE(
	    terminal((const char *const[]){"TERM=xterm-256color", "TERM_PROGRAM=iTerm.app", NULL}));
	CU_ASSERT_TRUE(
	    terminal((const char *const[]){"TERM=xterm-256color", "VTE_VERSION=6800", NULL}));
	CU_ASSERT_TRUE(terminal((const char *const[]){"TERM=xterm-kitty", NULL}));
	CU_ASSERT_TRUE(terminal((const char *const[]){"TERM=foot", NULL}));
	CU_ASSERT_TRUE(
	    terminal((const char *const[]){"TERM=xterm-256color", "WT_SESSION=x", NULL}));
	/* not known, too old, behind a multiplexer, the console, no TERM */
	CU_ASSERT_FALSE(terminal((const char *const[]){"TERM=xterm-256color", NULL}));
	CU_ASSERT_FALSE(terminal((const char *const[]){"TERM=xterm", "VTE_VERSION=4803", NULL}));
	CU_ASSERT_FALSE(terminal(
	    (const char *const[]){"TERM=screen-256color", "TERM_PROGRAM=iTerm.app", NULL}));
	CU_ASSERT_FALSE(
	    terminal((const char *const[]){"TERM=xterm-kitty", "TMUX=/tmp/t,1,0", NULL}));
	CU_ASSERT_FALSE(terminal((const char *const[]){"TERM=linux", "KONSOLE_VERSION=1", NULL}));
	CU_ASSERT_FALSE(terminal((const char *const[]){"TERM_PROGRAM=WezTerm", NULL}));
}

static char *
opened(const char *url)
{
	struct strbuf sb = STRBUF_INIT;

	if (!hyperlink_open(&sb, url))
		return NULL;
	return strbuf_take(&sb);
}

static void
test_sequence(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s, *big;

	s = opened("https://k8s.io/docs?a=1;b");
	UNIT_ASSERT_STR("\033]8;;https://k8s.io/docs?a=1;b\033\\", s);
	free(s);
	hyperlink_close(&sb);
	UNIT_ASSERT_STR("\033]8;;\033\\", sb.s);
	strbuf_free(&sb);
	/* ESC, BEL, ST (ESC \ and U+009C), space and other bytes are %XX:
	 * nothing in the URL can end the sequence or start another */
	s = opened("http://x/\033]8;;\007a b\xc2\x9c\033\\\x7f\xc3\xbc");
	UNIT_ASSERT_STR("\033]8;;http://x/%1B]8;;%07a%20b%C2%9C%1B\\%7F%C3%BC\033\\", s);
	for (size_t i = 5; s != NULL && i + 2 < strlen(s); i++)
		CU_ASSERT_TRUE(s[i] >= 0x21 && s[i] <= 0x7e);
	free(s);
	/* only what a terminal opens: not relative, local or empty targets */
	CU_ASSERT_PTR_NOT_NULL(s = opened("mailto:a@b.c"));
	free(s);
	CU_ASSERT_PTR_NOT_NULL(s = opened("FTP://files.example/x"));
	free(s);
	CU_ASSERT_PTR_NULL(opened("../docs/x.md"));
	CU_ASSERT_PTR_NULL(opened("#anchor"));
	CU_ASSERT_PTR_NULL(opened("https://"));
	CU_ASSERT_PTR_NULL(opened("javascript:alert(1)"));
	CU_ASSERT_PTR_NULL(opened("file:///etc/passwd"));
	CU_ASSERT_PTR_NULL(opened(NULL));
	/* nor one too long for terminals to keep */
	big = malloc(HYPERLINK_MAX_URL + 2);
	memcpy(big, "https://", 8);
	memset(big + 8, 'a', HYPERLINK_MAX_URL - 7);
	big[HYPERLINK_MAX_URL + 1] = '\0';
	CU_ASSERT_PTR_NULL(opened(big));
	big[HYPERLINK_MAX_URL] = '\0';
	CU_ASSERT_PTR_NOT_NULL(s = opened(big));
	free(s);
	free(big);
}

/* A file:// URI names the host (OSC 8 asks for it) and holds only safe
 * bytes: anything but letters, digits, "-._~" and the path's '/' is %XX. */
static void
test_file_uri(void)
{
	char *s = hyperlink_file_uri("box", "/a b/c#d?e%f/\033]8;\u00e9.md");

	UNIT_ASSERT_STR("file://box/a%20b/c%23d%3Fe%25f/%1B%5D8%3B%C3%A9.md", s);
	free(s);
	s = hyperlink_file_uri("h/x y", "/r");
	UNIT_ASSERT_STR("file://h%2Fx%20y/r", s);
	free(s);
	/* a file URI opens only with a host: never "file:///" */
	CU_ASSERT_PTR_NULL(opened("file:///etc/passwd"));
	CU_ASSERT_PTR_NULL(opened("file://"));
	CU_ASSERT_PTR_NOT_NULL(s = opened("file://box/r"));
	free(s);
}

/* What a link becomes: the allowed schemes as they are, a relative or
 * root-relative link to a file that is there its file:// URI (no anchor),
 * else nothing: an anchor alone, a broken link, a file:// or javascript:
 * written in the document. */
static void
test_targets(void)
{
	char *dir = fixture_dir("hyperlink-targets"), *doc, *other, *sub, *uri, host[256];
	struct link_from from;
	FILE *f;

	doc = xasprintf("%s/doc.md", dir);
	other = xasprintf("%s/my notes.md", dir);
	sub = xasprintf("%s/sub", dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
	free(sub);
	sub = xasprintf("%s/sub/README.md", dir);
	for (const char *p = doc; p != NULL; p = p == doc ? other : p == other ? sub : NULL) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(p, "w"));
		fputs("# x\n", f);
		fclose(f);
	}
	from = (struct link_from){doc, dir, NULL};
	CU_ASSERT_EQUAL_FATAL(gethostname(host, sizeof host), 0);

	uri = hyperlink_target("https://k8s.io/x", &from);
	UNIT_ASSERT_STR("https://k8s.io/x", uri);
	free(uri);
	uri = hyperlink_target("my%20notes.md#part", &from);
	CU_ASSERT_PTR_NOT_NULL(uri);
	CU_ASSERT_EQUAL(strncmp(uri, "file://", 7), 0);
	CU_ASSERT_EQUAL(strncmp(uri + 7, host, strlen(host)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(uri, "/my%20notes.md"));
	CU_ASSERT_PTR_NULL(strchr(uri, '#'));
	free(uri);
	uri = hyperlink_target("/sub/", &from); /* a folder: its README.md */
	CU_ASSERT_PTR_NOT_NULL(uri);
	CU_ASSERT_PTR_NOT_NULL(uri != NULL ? strstr(uri, "/sub/README.md") : NULL);
	free(uri);
	CU_ASSERT_PTR_NULL(hyperlink_target("#part", &from));
	CU_ASSERT_PTR_NULL(hyperlink_target("missing.md", &from));
	CU_ASSERT_PTR_NULL(hyperlink_target("file:///etc/passwd", &from));
	CU_ASSERT_PTR_NULL(hyperlink_target("javascript:alert(1)", &from));
	CU_ASSERT_PTR_NULL(hyperlink_target("doc.md", NULL));
	{
		/* worked out once per link, again when its URL is another */
		struct hyperlink_cache c = {0};
		const char *a = hyperlink_cached(&c, 2, "doc.md", &from);
		CU_ASSERT_PTR_NOT_NULL(a);
		CU_ASSERT_PTR_EQUAL(hyperlink_cached(&c, 2, "doc.md", &from), a);
		CU_ASSERT_PTR_NULL(hyperlink_cached(&c, 1, "#x", &from));
		UNIT_ASSERT_STR("https://a.b", hyperlink_cached(&c, 2, "https://a.b", &from));
		CU_ASSERT_PTR_NULL(hyperlink_cached(&c, 0, "https://a.b", &from));
		hyperlink_cache_free(&c);
	}
	free(doc);
	free(other);
	free(sub);
	free(dir);
}

int
test_hyperlink_register(void)
{
	CU_pSuite suite = CU_add_suite("hyperlink", NULL, NULL);

	if (suite == NULL || CU_add_test(suite, "which terminals", test_terminals) == NULL ||
	    CU_add_test(suite, "the sequence, made safe", test_sequence) == NULL ||
	    CU_add_test(suite, "file URIs", test_file_uri) == NULL ||
	    CU_add_test(suite, "what a link becomes", test_targets) == NULL)
		return (int)CU_get_error();
	return 0;
}
