/*
 * mdhtmlcell.h - the content of an HTML table's cell (mdhtmlcell.c), for
 * mdhtmltable.c only.
 *
 * A table that blank lines split is several blocks to cmark-gfm; joined
 * again (mdhtml_blocks) its HTML holds a PLACE mark where each Markdown
 * block between the pieces was.
 */
#ifndef ROLEBOOK_MDHTMLCELL_H
#define ROLEBOOK_MDHTMLCELL_H

#include <stddef.h>
#include <stdint.h>

#include "mdrender_state.h"

/* A Markdown block in joined HTML: PLACE_A, its index in decimal, PLACE_B.
 * Joining is given up when an HTML block holds either byte. */
#define PLACE_A '\001'
#define PLACE_B '\002'

/* The Markdown blocks of joined HTML. */
struct mdhtml_between {
	cmark_node **v;
	size_t n;
};

/* Where the tag or comment at s ends (after its '>'), or NULL; a tag
 * never spans a PLACE mark. */
const char *mdhtml_tag_end(const char *s);

/* The index of the block whose PLACE mark is at s (past its PLACE_A),
 * with *end after the mark; SIZE_MAX when s holds none. */
size_t mdhtml_place_at(const struct mdhtml_between *bw, const char *s, const char **end);

/* Adds the HTML s[0..len) of a cell to the run, in base style; the
 * PLACE marks in it are the blocks of bw (NULL: text). */
void mdhtml_cell(struct state *st, const char *s, size_t len, uint16_t base,
		 const struct mdhtml_between *bw);

/* Lays out a Markdown block of joined HTML outside every cell: a
 * paragraph of what a cell would show of it. */
void mdhtml_place_para(struct state *st, cmark_node *block);

/* Text of joined HTML outside any table: the HTML as a paragraph, each
 * Markdown block as one. */
void mdhtml_text_and_blocks(struct state *st, const char *s, size_t len,
			    const struct mdhtml_between *bw);

#endif
