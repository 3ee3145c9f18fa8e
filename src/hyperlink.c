/*
 * hyperlink.c - OSC 8 hyperlinks for print (see hyperlink.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hyperlink.h"

static bool
starts(const char *s, const char *p)
{
	return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

static bool
set(const char *s)
{
	return s != NULL && *s != '\0';
}

bool
hyperlink_terminal(const char *(*env)(const char *name))
{
	static const char *const programs[] = {"iTerm.app", "WezTerm", "vscode", "ghostty"};
	const char *term = env("TERM"), *prog = env("TERM_PROGRAM"), *vte = env("VTE_VERSION");

	/* a multiplexer may hand the sequence to a terminal that prints it */
	if (set(env("TMUX")) || set(env("STY")) || starts(term, "screen") || starts(term, "tmux") ||
	    term == NULL || strcmp(term, "dumb") == 0 || strcmp(term, "linux") == 0)
		return false;
	for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++)
		if (prog != NULL && strcmp(prog, programs[i]) == 0)
			return true;
	if (set(vte) && atol(vte) >= 5000) /* VTE 0.50 */
		return true;
	return set(env("KITTY_WINDOW_ID")) || set(env("KONSOLE_VERSION")) ||
	       set(env("WT_SESSION")) || strcmp(term, "xterm-kitty") == 0 || starts(term, "foot") ||
	       strcmp(term, "xterm-ghostty") == 0 || strcmp(term, "wezterm") == 0;
}

bool
hyperlink_wanted(enum hyperlink_when when, bool tty, const char *(*env)(const char *name))
{
	return when == HYPERLINK_ALWAYS ||
	       (when == HYPERLINK_AUTO && tty && hyperlink_terminal(env));
}

bool
hyperlink_url_ok(const char *url)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://", "mailto:"};

	if (url == NULL || strlen(url) > HYPERLINK_MAX_URL)
		return false;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0 &&
		    url[strlen(schemes[i])] != '\0')
			return true;
	return false;
}

bool
hyperlink_open(struct strbuf *sb, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!hyperlink_url_ok(url))
		return false;
	strbuf_puts(sb, "\033]8;;");
	for (const unsigned char *p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p >= 0x21 && *p <= 0x7e) {
			strbuf_add(sb, (const char *)p, 1);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_add(sb, esc, 3);
		}
	}
	strbuf_puts(sb, "\033\\");
	return true;
}

void
hyperlink_close(struct strbuf *sb)
{
	strbuf_puts(sb, "\033]8;;\033\\");
}
