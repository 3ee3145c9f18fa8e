/*
 * mdnotes.c - footnotes in a stream (see mdstream.h): where they may be,
 * whether the prelude keeps out of their way, and their definitions
 * taken out of the part that holds them.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mdstream_int.h"

/*
 * Where footnotes may be: "[^", "[\\^" or '[' and a reference to '^'
 * ("&#94;", "&Hat;": a footnote's reference may spell its '^' so), first
 * and last.  cmark-gfm numbers footnotes in the order of their first
 * references over the whole tree, drops those no reference points to and
 * puts the rest at the document's end.  One part holds them all, so that
 * it numbers them as the whole document does; its definitions are taken
 * out of it, and a last part made of them alone (that part parsed again).
 */

/* Whether p starts a reference to '^' ("&#94;", "&#x5e;", "&Hat;"). */
static bool
caret_entity(const char *p, const char *end)
{
	unsigned long v = 0;
	int base = 10, digits = 0;

	if (end - p >= 5 && memcmp(p, "&Hat;", 5) == 0)
		return true;
	if (end - p < 4 || p[0] != '&' || p[1] != '#')
		return false;
	p += 2;
	if (*p == 'x' || *p == 'X') {
		base = 16;
		p++;
	}
	for (; p < end && digits < 8; p++, digits++) {
		int d = *p >= '0' && *p <= '9'		       ? *p - '0'
			: base == 16 && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
			: base == 16 && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
							       : -1;
		if (d < 0)
			break;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	return digits > 0 && p < end && *p == ';' && v == '^';
}

/* The next '[' from p that may open a footnote's label, or NULL. */
static const char *
next_note(const char *p, const char *end)
{
	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL && p + 1 < end) {
		if (p[1] == '^' || (p[1] == '\\' && p + 2 < end && p[2] == '^') ||
		    caret_entity(p + 1, end))
			return p;
		p++;
	}
	return NULL;
}

void
md_notes_find(struct md_stream *s)
{
	const char *t = s->text, *p = t, *end;

	s->notes = SIZE_MAX;
	s->notes_end = 0;
	if (s->len == 0)
		return; /* the text may be no pointer at all */
	end = t + s->len;
	for (; (p = next_note(p, end)) != NULL; p++) {
		if (s->notes == SIZE_MAX)
			s->notes = (size_t)(p - t);
		s->notes_end = (size_t)(p - t) + 2;
	}
}

/*
 * No prelude may hold a footnote: the footnotes' part must define them
 * itself, in its order, and a footnote before any part would be numbered
 * there (a note's definition may refer to another).  Marks the pieces
 * that may hold one: those give a part their links' definitions alone.
 * When one of them could go whole to a part (every part gets every run,
 * or it has a label without a key, or a definition that cannot be
 * written alone), the document is one part.
 */
void
md_notes_check(struct md_stream *s)
{
	s->notes_pieces = false;
	if (s->notes == SIZE_MAX || s->whole || s->npieces == 0)
		return;
	if (!s->select) {
		s->whole = true;
		return;
	}
	for (size_t i = 0; i < s->npieces && !s->whole; i++) {
		struct piece *pc = &s->pieces[i];

		pc->notes = next_note(s->full + pc->off, s->full + pc->off + pc->len) != NULL;
		if (!pc->notes)
			continue;
		s->notes_pieces = true;
		s->whole = pc->any;
		for (size_t j = pc->e0; j < pc->e0 + pc->ne; j++)
			if (s->index[s->pentries[j]].deflen == 0)
				s->whole = true;
	}
}

/* Unlinks the top-level footnote definitions (cmark-gfm has put those
 * referenced at the end; the others are gone); with others, every other
 * block instead. */
void
md_notes_keep(cmark_node *doc, bool others)
{
	cmark_node *n = cmark_node_first_child(doc), *next;

	for (; n != NULL; n = next) {
		next = cmark_node_next(n);
		if ((cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) != others)
			cmark_node_unlink(n); /* its memory goes with the arena's reset */
	}
}
