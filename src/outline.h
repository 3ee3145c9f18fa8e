/*
 * outline.h - finding a document's sections.
 *
 * A section starts at every heading, and also at a "lead paragraph": a
 * short top-level paragraph ending with a colon right before a list
 * ("Expectations of Technical Leads are:"), which upstream role documents
 * use in place of headings -- where it works as one (issue 12): not right
 * under a heading (which heads it already), not in the part of a heading
 * that has headings of its own below it (they divide that part), and none
 * when more would be left than the document has headings (there they are
 * prose: "The following terms are defined:").  A lead paragraph's level is
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
 * A document parsed in parts (md_stream): which of its lead paragraphs
 * are sections depends on all of it, so the parts are first shown to a
 * plan (outline_plan_add() in order, outline_plan_restart() when the
 * stream starts again, then outline_plan_end()); outline_build_part()
 * then gives each part's outline as outline_build() gives the whole's
 * (outline_plan_rewind() when the parts begin again).
 */
struct outline_plan;
struct outline_plan *outline_plan_new(void);
void outline_plan_add(struct outline_plan *p, cmark_node *doc);
void outline_plan_restart(struct outline_plan *p);
void outline_plan_end(struct outline_plan *p);
void outline_plan_rewind(struct outline_plan *p);
void outline_build_part(struct outline *o, cmark_node *doc, struct outline_plan *p);
void outline_plan_free(struct outline_plan *p);

/* Index of the entry for node, searching from *hint onwards (updated),
 * or -1.  Lets a walk in document order find entries in O(1). */
long outline_find(const struct outline *o, cmark_node *node, size_t *hint);

#endif
