/*
 * outline.h - finding a document's sections.
 *
 * A section starts at every heading, and also at a "lead paragraph": a
 * short top-level paragraph ending with a colon right before a list
 * ("Expectations of Technical Leads are:"), which upstream role documents
 * use in place of headings.  A lead paragraph's level is one below the
 * heading it follows.  Entries are in document order; a document with no
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

/* True when para is a lead paragraph as described above. */
bool outline_is_lead(cmark_node *para);

/* Index of the entry for node, searching from *hint onwards (updated),
 * or -1.  Lets a walk in document order find entries in O(1). */
long outline_find(const struct outline *o, cmark_node *node, size_t *hint);

#endif
