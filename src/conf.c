/*
 * conf.c - the config file (see conf.h): parsed from a buffer into a
 * struct conf, then applied to the theme and the key table.
 *
 * The parser reads no file and no environment and prints nothing, so it
 * can be tested and fuzzed on any bytes: a line is at most what lies
 * between two newlines, a NUL ends nothing, and every word it quotes back
 * in a message is cleaned of control characters first.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "export.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#define MAX_WORDS 8

struct line {
	const char *file;
	size_t no;	     /* from 1 */
	const char *setting; /* the name as written, "" before it is known */
	char *value;	     /* the value as written, blanks around it trimmed */
	char *words[MAX_WORDS];
	size_t nwords;
	bool too_many; /* more than MAX_WORDS words */
};

/* Adds "FILE:LINE: SETTING: why" (why from fmt) to c's messages, cleaned
 * of control characters: the words come from the file. */
static void RB_PRINTF(3, 4) say(struct conf *c, const struct line *l, const char *fmt, ...)
{
	va_list ap;
	char *why, *msg;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	msg = xasprintf("%s:%zu: %s%s%s", l->file, l->no, l->setting, *l->setting ? ": " : "", why);
	c->messages = xreallocarray(c->messages, c->nmessages + 1, sizeof *c->messages);
	c->messages[c->nmessages++] = text_clean(msg, 0);
	free(msg);
	free(why);
}

static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Splits s (modified) into words at blanks. */
static void
split(struct line *l, char *s)
{
	l->nwords = 0;
	l->too_many = false;
	for (;;) {
		while (blank(*s))
			s++;
		if (*s == '\0')
			return;
		if (l->nwords == MAX_WORDS) {
			l->too_many = true;
			return;
		}
		l->words[l->nwords++] = s;
		while (*s != '\0' && !blank(*s))
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* What stays after a bad value: an earlier line's value when had. */
static const char *
stays(bool had)
{
	return had ? "the earlier value stays" : "the default is used";
}

static void
set_color(struct conf *c, const struct line *l, const char *name)
{
	struct conf_color cc = {0, {COL_UNSET, COL_UNSET, 0}};
	size_t w = 0;
	int ncolors = 0;
	bool had = false;

	if (!theme_style_by_name(name, &cc.style)) {
		say(c, l,
		    "unknown style '%s' (see Styles under CONFIGURATION in rolebook(1)); "
		    "ignored",
		    name);
		return;
	}
	for (size_t i = 0; i < c->ncolors; i++)
		had = had || c->colors[i].style == cc.style;
	if (l->too_many) {
		say(c, l, "too many words (at most two colours and five attributes); %s",
		    stays(had));
		return;
	}
	for (; w < l->nwords; w++) {
		unsigned bit = theme_parse_attr(l->words[w]);
		int col;
		if (bit != 0) {
			cc.spec.attrs |= bit;
			continue;
		}
		if (theme_parse_color(l->words[w], &col)) {
			if (ncolors == 2) {
				say(c, l, "too many colours (at most two); %s", stays(had));
				return;
			}
			if (cc.spec.attrs != 0) {
				say(c, l, "'%s': the colours come before the attributes; %s",
				    l->words[w], stays(had));
				return;
			}
			*(ncolors++ == 0 ? &cc.spec.fg : &cc.spec.bg) = col;
			continue;
		}
		say(c, l,
		    "'%s' is neither a colour (default, black, red, green, yellow, blue, "
		    "magenta, cyan, white or 0-255, foreground then background) nor an "
		    "attribute (bold, underline, reverse, italic, dim); %s",
		    l->words[w], stays(had));
		return;
	}
	c->colors = xreallocarray(c->colors, c->ncolors + 1, sizeof *c->colors);
	c->colors[c->ncolors++] = cc;
}

static void
set_key(struct conf *c, const struct line *l, const char *name)
{
	struct conf_key ck = {ACT_NONE, {0}, 0};
	bool had = false;

	if (!keys_action_by_name(name, &ck.act)) {
		say(c, l,
		    "unknown action '%s' (see Actions under CONFIGURATION in rolebook(1)); "
		    "ignored",
		    name);
		return;
	}
	for (size_t i = 0; i < c->nkeys; i++)
		had = had || c->keys[i].act == ck.act;
	if (l->too_many || l->nwords > 4) {
		say(c, l, "too many keys (at most four); %s", stays(had));
		return;
	}
	for (size_t w = 0; w < l->nwords; w++) {
		int k = keys_parse(l->words[w]);
		if (k == K_NONE) {
			say(c, l,
			    "'%s' is not a key (a character, Ctrl-X, Space, Enter, Tab, Esc, "
			    "Up, PgDn, F1 ... as in rolebook(1)); %s",
			    l->words[w], stays(had));
			return;
		}
		ck.keys[ck.nkeys++] = k;
	}
	c->keys = xreallocarray(c->keys, c->nkeys + 1, sizeof *c->keys);
	c->keys[c->nkeys++] = ck;
}

static void
set_name(struct conf *c, const struct line *l, char **to)
{
	char *why = NULL;

	if (l->nwords != 1 || !export_name_ok(l->words[0], &why)) {
		say(c, l, "'%s' is not a name (%s); %s", l->value, why ? why : "a name is one word",
		    stays(*to != NULL));
		free(why);
		return;
	}
	free(*to);
	*to = xstrdup(l->words[0]);
}

static void
set_width(struct conf *c, const struct line *l)
{
	char *end;
	long w;

	if (l->nwords == 1) {
		w = strtol(l->words[0], &end, 10);
		if (l->words[0][0] >= '0' && l->words[0][0] <= '9' && *end == '\0' && w >= 20 &&
		    w <= 1000) {
			c->width = (int)w;
			return;
		}
	}
	say(c, l, "'%s' is not a width (a number from 20 to 1000); %s", l->value,
	    stays(c->width != 0));
}

/* The setting called name, its value in l. */
static void
dispatch(struct conf *c, const struct line *l, const char *name)
{
	if (strncmp(name, "color.", 6) == 0)
		set_color(c, l, name + 6);
	else if (strncmp(name, "key.", 4) == 0)
		set_key(c, l, name + 4);
	else if (strcmp(name, "profile") == 0)
		set_name(c, l, &c->profile);
	else if (strcmp(name, "reviewer") == 0)
		set_name(c, l, &c->reviewer);
	else if (strcmp(name, "width") == 0)
		set_width(c, l);
	else
		say(c, l,
		    "unknown setting (color.STYLE, key.ACTION, profile, reviewer or width); "
		    "ignored");
}

/* One line, NUL-terminated, without its newline. */
static void
parse_line(struct conf *c, struct line *l, char *s)
{
	char *eq, *name, *end, *value;

	while (blank(*s))
		s++;
	if (*s == '\0' || *s == '#')
		return;
	if ((eq = strchr(s, '=')) == NULL) {
		say(c, l, "'%s' is not a setting (NAME = VALUE); ignored", s);
		return;
	}
	*eq = '\0';
	name = s;
	for (end = eq; end > name && blank(end[-1]); end--)
		;
	*end = '\0';
	l->setting = name;
	for (value = eq + 1; blank(*value); value++)
		;
	/* a # after a blank starts a comment (so "=#" still binds the # key) */
	for (end = value; *end != '\0'; end++)
		if (*end == '#' && blank(end[-1])) {
			*end = '\0';
			break;
		}
	for (end = value + strlen(value); end > value && blank(end[-1]); end--)
		;
	*end = '\0';
	l->value = xstrdup(value);
	split(l, value);
	if (l->nwords == 0)
		say(c, l, "no value; ignored");
	else
		dispatch(c, l, name);
	free(l->value);
	l->value = NULL;
}

void
conf_parse(struct conf *c, const char *file, const char *buf, size_t len)
{
	struct line l = {file, 0, "", NULL, {NULL}, 0, false};
	size_t pos = 0;

	memset(c, 0, sizeof *c);
	if (len > CONF_MAX_BYTES) {
		say(c, &l, "larger than 1 MiB; ignored, the defaults are used");
		return;
	}
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		/* a NUL inside the line ends the copy's string early: the rest
		 * of that line is ignored, never read past */
		char *s = xmalloc(n + 1);

		memcpy(s, buf + pos, n);
		s[n] = '\0';
		l.no++;
		l.setting = "";
		parse_line(c, &l, s);
		free(s);
		pos += n + 1;
	}
}

void
conf_apply(const struct conf *c)
{
	for (size_t i = 0; i < c->ncolors; i++)
		theme_set(c->colors[i].style, &c->colors[i].spec);
	for (size_t i = 0; i < c->nkeys; i++)
		keys_bind(c->keys[i].act, c->keys[i].keys, c->keys[i].nkeys);
}

void
conf_done(struct conf *c)
{
	free(c->profile);
	free(c->reviewer);
	free(c->colors);
	free(c->keys);
	for (size_t i = 0; i < c->nmessages; i++)
		free(c->messages[i]);
	free(c->messages);
	memset(c, 0, sizeof *c);
}

char *
conf_path(const char *override)
{
	const char *env = getenv("ROLEBOOK_CONFIG"), *base;

	if (override != NULL)
		return *override ? xstrdup(override) : NULL;
	if (env != NULL)
		return *env ? xstrdup(env) : NULL;
	/* XDG: a relative path is invalid and must be ignored */
	if ((base = getenv("XDG_CONFIG_HOME")) != NULL && base[0] == '/')
		return xasprintf("%s/rolebook/config", base);
	if ((base = getenv("HOME")) != NULL && base[0] == '/')
		return xasprintf("%s/.config/rolebook/config", base);
	return NULL;
}
