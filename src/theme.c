/*
 * theme.c - the colour and monochrome themes.
 *
 * The monochrome theme must still show structure with attributes alone:
 * headings bold, links and emphasis underlined, matches and selections
 * reversed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "theme.h"

/* ---- issue 16: the colour theme as a table, so a config can change it ---- */

struct theme_entry {
	const char *name;
	uint16_t style;
	struct theme_spec spec;
};

/* Applied in this order, a later style's colour winning (a selected link
 * in a match shows the match's colours). */
static const struct theme_entry builtin[] = {
    {"strong", STY_STRONG, {COL_UNSET, COL_UNSET, 0}},
    {"emphasis", STY_EMPH, {COL_UNSET, COL_UNSET, 0}},
    {"strike", STY_STRIKE, {COL_UNSET, COL_UNSET, 0}},
    {"code", STY_CODE, {COL_GREEN, COL_UNSET, 0}},
    {"marker", STY_MARKER, {COL_YELLOW, COL_UNSET, 0}},
    {"link", STY_LINK, {COL_BLUE, COL_UNSET, 0}},
    {"heading", STY_HEADING, {COL_CYAN, COL_UNSET, 0}},
    {"title", STY_TITLE, {COL_CYAN, COL_UNSET, 0}},
    {"done", STY_DONE, {COL_GREEN, COL_UNSET, 0}},
    {"dim", STY_DIM, {COL_UNSET, COL_UNSET, 0}},
    {"quote", STY_QUOTE, {COL_UNSET, COL_UNSET, 0}},
    {"table-head", STY_TABLE_HEAD, {COL_UNSET, COL_UNSET, 0}},
    {"bar", STY_BAR, {COL_WHITE, COL_BLUE, 0}},
    {"alert", STY_ALERT, {COL_WHITE, COL_RED, TA_BOLD}},
    {"match", STY_MATCH, {COL_BLACK, COL_YELLOW, 0}},
    {"select", STY_SELECT, {COL_UNSET, COL_UNSET, 0}},
};
#define NSTYLES (sizeof builtin / sizeof builtin[0])

static struct theme_spec current[NSTYLES];
static bool changed; /* current[] differs from builtin[] */

static const struct theme_spec *
spec_of(size_t i)
{
	return changed ? &current[i] : &builtin[i].spec;
}

bool
theme_style_by_name(const char *name, uint16_t *style)
{
	for (size_t i = 0; i < NSTYLES; i++)
		if (strcmp(builtin[i].name, name) == 0) {
			*style = builtin[i].style;
			return true;
		}
	return false;
}

const char *const *
theme_style_names(void)
{
	static const char *names[NSTYLES + 1];

	for (size_t i = 0; i < NSTYLES; i++)
		names[i] = builtin[i].name;
	return names;
}

bool
theme_parse_color(const char *w, int *color)
{
	static const char *const names[] = {"black", "red",	"green", "yellow",
					    "blue",  "magenta", "cyan",	 "white"};
	char *end;
	long n;

	if (strcmp(w, "default") == 0) {
		*color = COL_DEFAULT;
		return true;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(w, names[i]) == 0) {
			*color = i;
			return true;
		}
	if (*w < '0' || *w > '9')
		return false;
	n = strtol(w, &end, 10);
	if (*end != '\0' || n > 255)
		return false;
	*color = (int)n;
	return true;
}

unsigned
theme_parse_attr(const char *w)
{
	static const struct {
		const char *name;
		unsigned bit;
	} attrs[] = {{"bold", TA_BOLD},
		     {"underline", TA_UNDERLINE},
		     {"reverse", TA_REVERSE},
		     {"italic", TA_ITALIC},
		     {"dim", TA_DIM}};

	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcmp(w, attrs[i].name) == 0)
			return attrs[i].bit;
	return 0;
}

void
theme_set(uint16_t style, const struct theme_spec *spec)
{
	if (!changed) {
		for (size_t i = 0; i < NSTYLES; i++)
			current[i] = builtin[i].spec;
		changed = true;
	}
	for (size_t i = 0; i < NSTYLES; i++)
		if (builtin[i].style == style)
			current[i] = *spec;
}

void
theme_reset(void)
{
	changed = false;
}

/* ---- end of issue 16 ---- */

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
		for (size_t i = 0; i < NSTYLES; i++) {
			const struct theme_spec *sp = spec_of(i);
			if ((s & builtin[i].style) == 0)
				continue;
			if (sp->fg != COL_UNSET)
				a->fg = sp->fg;
			if (sp->bg != COL_UNSET)
				a->bg = sp->bg;
			a->bold = a->bold || (sp->attrs & TA_BOLD);
			a->underline = a->underline || (sp->attrs & TA_UNDERLINE);
			a->reverse = a->reverse || (sp->attrs & TA_REVERSE);
			a->italic = a->italic || (sp->attrs & TA_ITALIC);
			a->dim = a->dim || (sp->attrs & TA_DIM);
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

const char *
theme_sgr(uint16_t style, bool color, int ncolors, char buf[THEME_SGR_MAX])
{
	struct attr a;
	size_t n = 0;

	theme_attr(style, color, &a);
	n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, "\033[0");
	if (a.bold)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, ";1");
	if (a.dim)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, ";2");
	if (a.italic)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, ";3");
	if (a.underline)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, ";4");
	if (a.reverse)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, ";7");
	/* 8 colours as 30-37/40-47, the rest of a config's 256 as 38;5;N */
	if (a.fg >= 0 && a.fg < ncolors)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, a.fg < 8 ? ";%d" : ";38;5;%d",
				      a.fg < 8 ? 30 + a.fg : a.fg);
	if (a.bg >= 0 && a.bg < ncolors)
		n += (size_t)snprintf(buf + n, THEME_SGR_MAX - n, a.bg < 8 ? ";%d" : ";48;5;%d",
				      a.bg < 8 ? 40 + a.bg : a.bg);
	snprintf(buf + n, THEME_SGR_MAX - n, "m");
	return buf;
}
