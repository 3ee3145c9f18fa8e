/*
 * hyperlink.h - links as terminal hyperlinks (OSC 8) in print's output:
 * which terminals show them, which targets a terminal can open, and the
 * escape sequence, with the target made safe.
 *
 * The URL comes from the document, so it must never drive the terminal:
 * the sequence holds only the bytes 0x21-0x7E, every other byte of the
 * URL written as %XX (no ESC, BEL, ST or other control can get in).
 */
#ifndef ROLEBOOK_HYPERLINK_H
#define ROLEBOOK_HYPERLINK_H

#include <stdbool.h>

#include "strbuf.h"

enum hyperlink_when {
	HYPERLINK_AUTO = 0, /* on a terminal known to show them */
	HYPERLINK_ALWAYS,   /* wherever print writes escape codes */
	HYPERLINK_NEVER,
};

/* The longest URL made a hyperlink (terminals drop longer ones). */
#define HYPERLINK_MAX_URL 2048

/*
 * Whether the terminal the environment describes shows OSC 8 hyperlinks:
 * a known one (iTerm2, WezTerm, kitty, foot, VTE 0.50 and later, Konsole,
 * Windows Terminal, VS Code, Ghostty), not behind tmux or screen (which
 * may pass the sequence on to a terminal that prints it), and not the
 * Linux console.  env looks a variable up (getenv, or a test's table).
 */
bool hyperlink_terminal(const char *(*env)(const char *name));

/* Whether links are hyperlinks on output that escape codes go to: when
 * is always, or auto on a terminal (tty) that shows them. */
bool hyperlink_wanted(enum hyperlink_when when, bool tty, const char *(*env)(const char *name));

/* Whether print makes url a hyperlink: http, https, ftp or mailto, no
 * longer than HYPERLINK_MAX_URL. */
bool hyperlink_url_ok(const char *url);

/* Appends the sequence that opens a hyperlink to url (made safe), or
 * nothing when url is not one (hyperlink_url_ok); returns whether it did. */
bool hyperlink_open(struct strbuf *sb, const char *url);

/* Appends the sequence that ends the hyperlink. */
void hyperlink_close(struct strbuf *sb);

#endif
