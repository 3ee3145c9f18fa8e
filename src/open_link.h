/*
 * open_link.h - what `o` does with a link, decided without touching the
 * terminal, the environment or any process: whether the link may leave
 * rolebook at all (http, https and mailto only), and how it goes: to the
 * desktop's opener in a graphical session, to a terminal browser named
 * by $BROWSER (curses suspended), to the terminal's clipboard (OSC 52),
 * or shown whole for the user to select.  The program carries the plan
 * out (src/open_run.c); the opener always runs with argv {program, url}
 * and no shell, so content never chooses its arguments.
 */
#ifndef ROLEBOOK_OPEN_LINK_H
#define ROLEBOOK_OPEN_LINK_H

#include <stdbool.h>
#include <stddef.h>

/* A URL longer than this is refused (no browser needs more; it bounds
 * the OSC 52 sequence). */
#define OPEN_URL_MAX 4096

enum open_method {
	OPEN_REFUSED = 0, /* not a link rolebook opens: reason says why */
	OPEN_DESKTOP,	  /* run program in the background, its output discarded */
	OPEN_TERMINAL,	  /* run program on the terminal, curses suspended, and wait */
	OPEN_CLIPBOARD,	  /* write open_link_osc52() to the terminal */
	OPEN_SHOW,	  /* show the whole URL in a line the user can select */
};

/* What the plan depends on, read from the environment by the caller. */
struct open_env {
	const char *display;	     /* $DISPLAY, or NULL */
	const char *wayland_display; /* $WAYLAND_DISPLAY, or NULL */
	const char *browser;	     /* $BROWSER, or NULL */
	const char *term;	     /* $TERM, or NULL */
	bool have_xdg_open;	     /* xdg-open is on $PATH */
};

struct open_plan {
	enum open_method method;
	char *program;	    /* OPEN_DESKTOP, OPEN_TERMINAL: the opener (new string) */
	const char *reason; /* OPEN_REFUSED: a static phrase */
	/* $BROWSER was set but not used: why (a static phrase), or NULL */
	const char *browser_unused;
	/* OPEN_SHOW: it was shown as one line on the terminal's own screen */
	bool shown_plain;
};

/* True when url may be handed to an opener: an http:, https: or mailto:
 * URL (scheme in any case) of printable ASCII, no spaces, at most
 * OPEN_URL_MAX bytes.  Otherwise *reason (when not NULL) says why. */
bool open_link_allowed(const char *url, const char **reason);

/*
 * The plan for url in env: refused unless open_link_allowed(); in a
 * graphical session ($DISPLAY or $WAYLAND_DISPLAY set), the first command
 * of $BROWSER (up to a ':', when it is a plain program name or path:
 * no spaces, no '%'), else xdg-open when it is there, on the desktop;
 * without one, a terminal browser named by $BROWSER the same way; else
 * the clipboard, unless $TERM is unset, "dumb" or "linux" (terminals that
 * have none), where the URL is shown.  Fills *out (free with
 * open_plan_done()); returns out->method.
 */
enum open_method open_link_plan(const char *url, const struct open_env *env, struct open_plan *out);
void open_plan_done(struct open_plan *p);

/* The OSC 52 sequence that puts url on the clipboard: ESC ] 52 ; c ;
 * base64(url) BEL (a new string: the URL's bytes never reach the
 * terminal as they are). */
char *open_link_osc52(const char *url);

/* What was done, for the status line (a new string): "Opened with
 * xdg-open: URL", "Copied to the clipboard (OSC 52): URL", "Link: URL",
 * "Not opened: REASON"; then, when $BROWSER was set but not used, " ($BROWSER
 * is not a plain program name: WHY)". */
char *open_link_message(const struct open_plan *p, const char *url);

#endif
