/*
 * anchors.c - which heading a link's "#anchor" names, as GitHub makes
 * anchors: the heading's text in lower case, punctuation dropped, spaces
 * as '-', and "-1", "-2" ... after a repeated one.  Pure: no screen, no
 * files.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "anchors.h"
#include "text.h"
#include "xalloc.h"

/* True for what GitHub drops from an anchor: everything but letters,
 * marks, digits, connector punctuation ('_'), '-' and ' '.  Beyond ASCII
 * these are the blocks of punctuation and symbols (and emoji) that
 * headings use; a letter of any script is kept. */
static bool
slug_drops(uint32_t c)
{
	if (c < 0x80)
		return !isalnum((int)c) && c != '-' && c != '_' && c != ' ';
	if (c <= 0xbf) /* Latin-1 punctuation, signs, fractions; not ª µ º */
		return c != 0xaa && c != 0xb5 && c != 0xba;
	if (c == 0xd7 || c == 0xf7)
		return true;
	if (c >= 0x2000 && c <= 0x206f) /* general punctuation, but ‿ ⁀ ⁔ */
		return c != 0x203f && c != 0x2040 && c != 0x2054;
	if (c >= 0x3000 && c <= 0x303f) /* CJK punctuation; not 々〆〇 and the like */
		return c <= 0x3004 || (c >= 0x3008 && c <= 0x3020) || c == 0x3030 || c == 0x3036 ||
		       c == 0x3037 || c >= 0x303d;
	if (c >= 0xff01 && c <= 0xff65) /* fullwidth forms: punctuation, not letters */
		return !(c >= 0xff10 && c <= 0xff19) && !(c >= 0xff21 && c <= 0xff3a) &&
		       c != 0xff3f && !(c >= 0xff41 && c <= 0xff5a);
	return (c >= 0x20a0 && c <= 0x20cf) || /* currency */
	       (c >= 0x2190 && c <= 0x2bff) || /* arrows, maths, shapes, dingbats */
	       (c >= 0x2e00 && c <= 0x2e7f) || /* supplemental punctuation */
	       (c >= 0xfe10 && c <= 0xfe1f) || /* vertical forms */
	       (c >= 0xfe50 && c <= 0xfe6f) || /* small forms */
	       (c >= 0x1f000 && c <= 0x1faff); /* emoji and pictographs */
}

/* text in lower case; with slug, also as GitHub makes an anchor of a
 * heading: what slug_drops() drops goes, each space becomes '-'.  Returns a
 * new string. */
static char *
lower_text(const char *text, bool slug)
{
	size_t len = strlen(text), o = 0;
	char *s = xmalloc(3 * len + 1); /* İ becomes i and a combining dot */

	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += text_decode(text + i, len - i, &c);
		if (slug && slug_drops(c))
			continue;
		if (slug && c == ' ') {
			s[o++] = '-';
		} else if (c == 0x130) {
			s[o++] = 'i';
			o += text_encode(0x307, s + o);
		} else {
			o += text_encode(text_fold_cp(c), s + o);
		}
	}
	s[o] = '\0';
	return s;
}

/* An anchor as a link gives it, %XX escapes decoded (a browser's address
 * bar shows "ü" as "%C3%BC"), in lower case.  Returns a new string. */
static char *
anchor_key(const char *anchor)
{
	char *raw = text_unescape_url(anchor, strlen(anchor)), *key;

	key = lower_text(raw, false);
	free(raw);
	return key;
}

/*
 * The outline entry whose anchor is anchor, or -1.  Headings have GitHub's
 * anchors: the slug of their text, and a repeated slug gets "-1", "-2" ...
 * for its second, third ... heading in document order, as GitHub numbers
 * them.  Lead paragraphs are no headings there and take no part in that
 * count; their plain slug finds them when no heading has it.
 */
long
anchors_find(const struct outline *o, const char *anchor)
{
	char *want = anchor_key(anchor), **slugs = xcalloc(o->n ? o->n : 1, sizeof *slugs);
	long found = -1;

	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].title[0] != '\0')
			slugs[i] = lower_text(o->v[i].title, true);
	for (size_t i = 0; i < o->n && found < 0; i++) {
		size_t seen = 0;
		char *full;
		if (slugs[i] == NULL || o->v[i].lead)
			continue;
		for (size_t j = 0; j < i; j++)
			seen +=
			    slugs[j] != NULL && !o->v[j].lead && strcmp(slugs[j], slugs[i]) == 0;
		full = seen ? xasprintf("%s-%zu", slugs[i], seen) : xstrdup(slugs[i]);
		if (strcmp(full, want) == 0)
			found = (long)i;
		free(full);
	}
	for (size_t i = 0; i < o->n && found < 0; i++)
		if (slugs[i] != NULL && o->v[i].lead && strcmp(slugs[i], want) == 0)
			found = (long)i;
	for (size_t i = 0; i < o->n; i++)
		free(slugs[i]);
	free(slugs);
	free(want);
	return found;
}
