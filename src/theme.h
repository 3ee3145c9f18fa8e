/*
 * theme.h - semantic styles to terminal attributes, in colour or in
 * monochrome.  Curses-free: the terminal layer turns a struct attr into
 * curses attributes and colour pairs.
 */
#ifndef ROLEBOOK_THEME_H
#define ROLEBOOK_THEME_H

#include <stdbool.h>
#include <stdint.h>

enum theme_color {
	COL_DEFAULT = -1,
	COL_BLACK,
	COL_RED,
	COL_GREEN,
	COL_YELLOW,
	COL_BLUE,
	COL_MAGENTA,
	COL_CYAN,
	COL_WHITE
};

struct attr {
	bool bold, underline, reverse, italic, dim;
	int fg, bg; /* enum theme_color */
};

/* Attributes for a combination of enum style flags. */
void theme_attr(uint16_t style, bool color, struct attr *out);

/* An ASCII stand-in for cp on a terminal without UTF-8: box drawing to
 * - | +, bullets to *, quotes and dashes to their ASCII forms, the middle
 * dot to |, anything else non-ASCII to '?'.  ASCII passes through. */
uint32_t theme_ascii(uint32_t cp);

#endif
