/*
 * test_hyperlink.c - unit tests for src/hyperlink.c: which terminals get
 * OSC 8 hyperlinks, which targets become one, and that a target can never
 * put a control byte into the sequence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hyperlink.h"
#include "unit.h"

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

int
test_hyperlink_register(void)
{
	CU_pSuite suite = CU_add_suite("hyperlink", NULL, NULL);

	if (suite == NULL || CU_add_test(suite, "which terminals", test_terminals) == NULL ||
	    CU_add_test(suite, "the sequence, made safe", test_sequence) == NULL)
		return (int)CU_get_error();
	return 0;
}
