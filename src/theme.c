/*
 * theme.c - the colour and monochrome themes.
 *
 * The monochrome theme must still show structure with attributes alone:
 * headings bold, links and emphasis underlined, matches and selections
 * reversed.
 */
#include "config.h"

#include <string.h>

#include "lines.h"
#include "theme.h"

void
theme_attr(uint16_t s, bool color, struct attr *a)
{
	memset(a, 0, sizeof *a);
	a->fg = a->bg = COL_DEFAULT;
	if (s & (STY_STRONG | STY_TABLE_HEAD | STY_HEADING | STY_TITLE))
		a->bold = true;
	if (s & STY_TITLE)
		a->underline = !color;
	if (s & STY_EMPH) {
		a->italic = color;
		a->underline = !color;
	}
	if (s & STY_LINK)
		a->underline = true;
	if (s & (STY_DIM | STY_STRIKE))
		a->dim = true;
	if (color) {
		if (s & STY_CODE)
			a->fg = COL_GREEN;
		if (s & STY_MARKER)
			a->fg = COL_YELLOW;
		if (s & STY_LINK)
			a->fg = COL_BLUE;
		if (s & (STY_HEADING | STY_TITLE))
			a->fg = COL_CYAN;
		if (s & STY_DONE)
			a->fg = COL_GREEN;
		if (s & STY_BAR) {
			a->fg = COL_WHITE;
			a->bg = COL_BLUE;
		}
		if (s & STY_ALERT) {
			a->fg = COL_WHITE;
			a->bg = COL_RED;
			a->bold = true;
		}
		if (s & STY_MATCH) {
			a->fg = COL_BLACK;
			a->bg = COL_YELLOW;
		}
	} else {
		if (s & (STY_BAR | STY_MATCH))
			a->reverse = true;
		if (s & STY_ALERT)
			a->reverse = a->bold = true;
	}
	if (s & STY_SELECT) {
		a->reverse = !a->reverse || (s & STY_MATCH);
		a->bold = a->bold || !color;
	}
}

uint32_t
theme_ascii(uint32_t cp)
{
	if (cp < 0x80)
		return cp;
	if (cp >= 0x2500 && cp <= 0x257f) { /* box drawing */
		if (cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
			return '|';
		if (cp == 0x2500 || cp == 0x2501)
			return '-';
		if (cp == 0x2550)
			return '=';
		return '+';
	}
	switch (cp) {
	case 0x2022:
	case 0x25e6:
	case 0x25aa:
	case 0x25b8:
	case 0x25b6:
		return '*';
	case 0x2018:
	case 0x2019:
		return '\'';
	case 0x201c:
	case 0x201d:
		return '"';
	case 0x2013:
	case 0x2014:
		return '-';
	case 0x2026:
		return '~';
	case 0x203a:
		return '>';
	case 0x2610:
		return ' ';
	case 0x2611:
		return 'x';
	case 0x00a0:
		return ' ';
	case 0x00b7: /* the separator in "Leadership 3.4 · Objectivity 2.0" */
		return '|';
	default:
		return '?';
	}
}
