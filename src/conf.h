/*
 * conf.h - the user's config file, $XDG_CONFIG_HOME/rolebook/config:
 * colours of the styles, key bindings, the default profile and reviewer,
 * print's default width.  rolebook reads it and never writes it.
 *
 * One setting a line, NAME = VALUE; '#' starts a comment line.
 *
 *   color.STYLE = [FG [BG]] [ATTRIBUTE...]   STYLE from theme.c's names
 *   key.ACTION = KEY [KEY...]               ACTION from keys.c's names
 *   profile = NAME     reviewer = NAME     width = N
 *
 * The parser is pure: a buffer in, the settings and the messages about
 * lines it could not use out; nothing printed, nothing changed until
 * conf_apply().
 */
#ifndef ROLEBOOK_CONF_H
#define ROLEBOOK_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "theme.h"

#define CONF_MAX_BYTES (1u << 20) /* a larger file is refused whole */

struct conf_color {
	uint16_t style; /* one enum style bit */
	struct theme_spec spec;
};

struct conf_key {
	enum action act;
	int keys[4];
	size_t nkeys;
};

struct conf {
	char *profile;	/* NULL: not set */
	char *reviewer; /* NULL: not set */
	int width;	/* print's width, 0: not set */
	struct conf_color *colors;
	size_t ncolors;
	struct conf_key *keys;
	size_t nkeys;
	/* "FILE:LINE: SETTING: why; ..." for each line not used, in order */
	char **messages;
	size_t nmessages;
};

/*
 * Parses len bytes of buf (NULs and any bytes allowed) as the config file
 * called file (for the messages) into c, which it initialises.  Never
 * fails: a line it cannot use gets a message and changes nothing.  Free
 * c with conf_done().  Reads no file, no environment, no global state:
 * the entry point for a fuzzer (conf_parse then conf_done).
 */
void conf_parse(struct conf *c, const char *file, const char *buf, size_t len);

/* Gives the theme the colours and the key table the bindings of c. */
void conf_apply(const struct conf *c);

/* Frees what c holds; c may then be parsed again. */
void conf_done(struct conf *c);

/*
 * The config file to read: override if not NULL (--config), else
 * $ROLEBOOK_CONFIG if set, else $XDG_CONFIG_HOME/rolebook/config
 * (default ~/.config/...).  NULL when the chosen value is empty (config
 * turned off) or no HOME is known.  A new string; the caller frees.
 */
char *conf_path(const char *override);

#endif
