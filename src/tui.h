/*
 * tui.h - the terminal: the only module that includes curses.
 */
#ifndef ROLEBOOK_TUI_H
#define ROLEBOOK_TUI_H

#include <stdbool.h>

#include "app.h"

/* Runs the interactive loop until the app quits.  Returns the exit status,
 * or -1, having printed nothing, when the terminal cannot be used (TERM
 * unset or unknown to terminfo, or no cursor addressing, as TERM=dumb):
 * the caller says so and points to `rolebook print`.  With links, the
 * reader's links are also OSC 8 hyperlinks (hyperlink.h). */
int tui_run(struct app *a, bool color, bool links);

#endif
