/*
 * outline.h - finding a document's sections.
 *
 * A section starts at every heading, and also at a "lead paragraph": a
 * short top-level paragraph ending with a colon right before a list
 * ("Expectations of Technical Leads are:"), which upstream role documents
 * use in place of headings -- where it works as one (issue 12): not right
 * under a heading (which heads it already), not in the part of a heading
 * that has headings of its own below it (they divide that part), only
 * where two or more divide the part of one heading that holds more
 * blocks than the whole document before it (where the document has no
 * headings for that part: one alone, or in a part like the others, is a
 * sentence that introduces its list), and none when more would be left
 * than the document has headings (there they are prose: "The following
 * terms are defined:").  A lead paragraph's level is
 * one below the heading it follows.  Entries are in document order; a document with no
 * heading at all gets one entry for its start, titled by the caller.
 */
#ifndef ROLEBOOK_OUTLINE_H
#define ROLEBOOK_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

struct outline_entry {
	cmark_node *node; /* borrowed: the heading or paragraph */
	char *title;	  /* plain text, trailing colon removed */
	int level;	  /* 1..6 */
	bool lead;	  /* a lead paragraph, not a heading */
};

struct outline {
	struct outline_entry *v;
	size_t n, cap;
};

/* Fills o (initialised by this call) from doc; free with outline_done(). */
void outline_build(struct outline *o, cmark_node *doc);
void outline_done(struct outline *o);

/* True when para has the form of a lead paragraph (whether it is one
 * depends on the rest of the document: outline_build()). */
bool outline_is_lead(cmark_node *para);

/*
 * A document rendered in parts (md_stream), each seen once.  Whether a
 * lead paragraph is a section depends on the headings after it, and on
 * the whole document (no more leads than headings).  outline_flow_part()
 * builds a part's outline given the level of the ATX heading that opens
 * the next part (0 for none), which settles the first rule as the whole
 * document would, and counts headings and leads.  The second rule is a
 * count: while outline_flow_open() is true for the lead paragraphs that
 * may still come, what the parts made may be taken back; if it is still
 * true after the last part (more = 0), the document is rendered again
 * with no_leads set.
 */
struct outline_flow {
	size_t heads, leads; /* so far: headings, and leads kept */
	size_t blocks;	     /* so far: blocks (outline.c's scan counts them) */
	bool no_leads;	     /* no lead is a section */
};
void outline_flow_part(struct outline *o, cmark_node *doc, struct outline_flow *f, int next_level);
bool outline_flow_open(const struct outline_flow *f, size_t more);

/* Offsets of the lines of text[0..len) that may end a lead paragraph (the
 * last visible character is ':' or the ';' of a reference to one, and the
 * next line with text may start a list), in order; *n of them (free the
 * array). */
size_t *outline_lead_ends(const char *text, size_t len, size_t *n);

/* Index of the entry for node, searching from *hint onwards (updated),
 * or -1.  Lets a walk in document order find entries in O(1). */
long outline_find(const struct outline *o, cmark_node *node, size_t *hint);

#endif
