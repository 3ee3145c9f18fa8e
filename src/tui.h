/*
 * tui.h - the terminal: the only module that includes curses.
 */
#ifndef ROLEBOOK_TUI_H
#define ROLEBOOK_TUI_H

#include <stdbool.h>

#include "app.h"

/* Runs the interactive loop until the app quits.  Returns the exit status. */
int tui_run(struct app *a, bool color);

#endif
