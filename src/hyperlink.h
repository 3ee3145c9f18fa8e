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
 * nothing when url is not one (hyperlink_url_ok, or a file:// URI with a
 * host that hyperlink_file_uri made); returns whether it did. */
bool hyperlink_open(struct strbuf *sb, const char *url);

/* Appends the sequence that ends the hyperlink. */
void hyperlink_close(struct strbuf *sb);

struct link_from;

/*
 * The file:// URI of the local file at the absolute path, with host as
 * its host name (OSC 8 wants one: a terminal reached over ssh must not
 * open a file of its own machine by that name); every byte of either
 * that is not a letter, a digit, "-._~" (or '/' in the path) written %XX.
 * A new string.
 */
char *hyperlink_file_uri(const char *host, const char *path);

/*
 * What a link to url of the document from becomes: url itself when
 * hyperlink_url_ok(); for a link to a file of the document's tree that
 * is there (links_resolve: a relative or root-relative path, a folder's
 * README.md), its file:// URI with this machine's name, the "#anchor"
 * left off (a terminal opens files, not places in them); else NULL (an
 * anchor alone, a broken link, a scheme not allowed, a file:// written
 * in the document).  A new string.
 */
char *hyperlink_target(const char *url, const struct link_from *from);

/* The targets of a render's links, each worked out once (link ids are
 * 1-based; an id whose URL changed is worked out again). */
struct hyperlink_cache {
	char **url, **target;
	size_t n;
};

/* The target of link id with url (see hyperlink_target), or NULL. */
const char *hyperlink_cached(struct hyperlink_cache *c, size_t id, const char *url,
			     const struct link_from *from);
void hyperlink_cache_free(struct hyperlink_cache *c);

#endif
