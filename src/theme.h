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
	COL_UNSET = -2, /* in a theme_spec: keep the style's colour */
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
	int fg, bg; /* enum theme_color, or an ncurses colour number up to 255 */
};

/* ---- issue 16: the colour theme, configurable by style name ---- */

/* Attribute bits of a theme_spec. */
enum theme_attr_bit {
	TA_BOLD = 1 << 0,
	TA_UNDERLINE = 1 << 1,
	TA_REVERSE = 1 << 2,
	TA_ITALIC = 1 << 3,
	TA_DIM = 1 << 4,
};

/* What the colour theme gives a style: colours (COL_UNSET: none of its
 * own) and attributes added to the style's own (headings stay bold). */
struct theme_spec {
	int fg, bg;
	unsigned attrs; /* enum theme_attr_bit */
};

/* The style (one enum style bit) a user calls name ("heading", "link",
 * "table-head"); false when no style has that name.  Pure. */
bool theme_style_by_name(const char *name, uint16_t *style);
/* The style names in the theme's order, NULL-terminated. */
const char *const *theme_style_names(void);
/* A colour as written in the config file: "default", an ncurses colour
 * name ("red", "brightblue" is not one), or a number 0-255.  Pure. */
bool theme_parse_color(const char *word, int *color);
/* An attribute's bit: "bold", "underline", "reverse", "italic", "dim",
 * or 0 when word is none of them.  Pure. */
unsigned theme_parse_attr(const char *word);
/* Gives style (one bit, from theme_style_by_name) spec in the colour
 * theme, until theme_reset(); the monochrome theme never changes. */
void theme_set(uint16_t style, const struct theme_spec *spec);
/* Back to the built-in colour theme. */
void theme_reset(void);
/* ---- end of issue 16 ---- */

/* Attributes for a combination of enum style flags. */
void theme_attr(uint16_t style, bool color, struct attr *out);

/* The bytes that set style's attributes on a terminal (SGR: reset, then
 * bold, dim, italic, underline, reverse and colours, a colour numbered
 * ncolors or more taken as the default), in buf; returns buf. */
#define THEME_SGR_MAX 64
const char *theme_sgr(uint16_t style, bool color, int ncolors, char buf[THEME_SGR_MAX]);

/* An ASCII stand-in for cp on a terminal without UTF-8: box drawing to
 * - | +, bullets to *, quotes and dashes to their ASCII forms, the middle
 * dot to |, anything else non-ASCII to '?'.  ASCII passes through. */
uint32_t theme_ascii(uint32_t cp);

#endif
