/*
 * export_name.c - the one rule for a person's name (a profile or a rater)
 * coming from outside: an import, or -p, --reviewer and --as on the
 * command line (see export_name_ok() in export.h).
 *
 * A name is shown in lists where two look-alike rows would be taken for
 * one person, so besides control characters it refuses what renders as
 * nothing or as a plain space (format characters, zero-width and bidi
 * controls, non-ASCII spaces), spaces at either end, and a word mixing
 * Latin, Greek, Cyrillic or Armenian letters (a Cyrillic 'е' in "lead").
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "export_doc.h"
#include "text.h"
#include "xalloc.h"

/* Code points that print as nothing or as a space that is not ' '. */
static bool
invisible(uint32_t c)
{
	return c == 0x00A0 || c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F ||
	       c == 0x1160 || c == 0x1680 || c == 0x17B4 || c == 0x17B5 || c == 0x180E ||
	       (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
	       (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 ||
	       (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
	       (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE0FFF);
}

enum script { SC_NONE, SC_LATIN, SC_GREEK, SC_CYRILLIC, SC_ARMENIAN };

static enum script
script_of(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) ||
	    (c >= 0x1E00 && c <= 0x1EFF))
		return SC_LATIN;
	if ((c >= 0x0370 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF))
		return SC_GREEK;
	if ((c >= 0x0400 && c <= 0x052F) || (c >= 0x1C80 && c <= 0x1C8F))
		return SC_CYRILLIC;
	if (c >= 0x0530 && c <= 0x058F)
		return SC_ARMENIAN;
	return SC_NONE;
}

bool
export_name_ok(const char *s, char **why)
{
	size_t len = s != NULL ? strlen(s) : 0;
	enum script word = SC_NONE;

	if (len == 0 || len > STORE_NAME_MAX) {
		xreplacef(why, "a name must have 1 to %d bytes", STORE_NAME_MAX);
		return false;
	}
	if (!export_plain(s, len)) {
		/* name the first culprit: a bidi control shows as nothing */
		uint32_t c = 0;
		for (size_t i = 0; i < len;) {
			i += text_decode(s + i, len - i, &c);
			if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || invisible(c))
				break;
			c = 0;
		}
		if (c != 0)
			xreplacef(why, "a name must not hold control or format characters (U+%04X)",
				  (unsigned)c);
		else
			xreplacef(why, "a name must not hold control characters");
		return false;
	}
	if (s[0] == ' ' || s[len - 1] == ' ') {
		xreplacef(why, "a name must not begin or end with a space");
		return false;
	}
	for (size_t i = 0; i < len;) {
		uint32_t c;
		enum script sc;

		i += text_decode(s + i, len - i, &c);
		if (invisible(c)) {
			xreplacef(why,
				  "a name must not hold invisible or format characters (U+%04X)",
				  (unsigned)c);
			return false;
		}
		/* a combining mark makes a second spelling of a letter that
		 * has a precomposed one: "le\u0301ad" would stand beside "léad" */
		if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
		    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
		    (c >= 0xfe20 && c <= 0xfe2f)) {
			xreplacef(why,
				  "a name must not hold combining marks (U+%04X); write the "
				  "accented letter as one character",
				  (unsigned)c);
			return false;
		}
		if (c == ' ' || c == '-' || c == '_' || c == '.' || c == '@') {
			word = SC_NONE;
			continue;
		}
		sc = script_of(c);
		if (sc == SC_NONE)
			continue;
		if (word != SC_NONE && sc != word) {
			xreplacef(why, "a name must not mix scripts in one word (U+%04X)",
				  (unsigned)c);
			return false;
		}
		word = sc;
	}
	return true;
}
