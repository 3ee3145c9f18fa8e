/*
 * mdparts.h - a document rendered in parts, as `print` renders it.
 *
 * The parts come from md_stream, each with its outline from
 * outline_flow, into one render whose lines are handed over block by
 * block: memory stays that of a part, however long the document.  Lines
 * handed over may be taken back while the stream may still start again
 * or the count of lead paragraphs may still undo them; the caller holds
 * them until told they stand.  The lines are those mdrender() makes of
 * the whole document (tests/unit/test_mdstream.c, tests/fuzz).
 */
#ifndef ROLEBOOK_MDPARTS_H
#define ROLEBOOK_MDPARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mdrender.h"

struct md_parts_out {
	void (*flush)(struct lines *l, void *arg); /* lines, in order */
	/* Lines from now on may be taken back: hold them, dropping any held
	 * (before the first part and whenever the render begins again). */
	void (*hold)(void *arg);
	/* Everything handed over so far stands. */
	void (*release)(void *arg);
	/* Optional: before the first part is rendered (a title). */
	void (*first)(struct render *r, cmark_node *doc, void *arg);
	void *arg;
};

/* What the render did (for tests and notes). */
struct md_parts_stats {
	size_t parts;	/* parts rendered, over every pass */
	size_t prelude; /* bytes of definitions parsed before parts */
	bool whole;	/* the stream fell back to the whole document */
	bool restarted; /* the render began again at least once */
};

/* Renders body[0..len) (a sanitised body, md_read_body; borrowed) in
 * parts aimed at part bytes (md_stream_new()); stats may be NULL. */
void md_parts_render(const char *body, size_t len, size_t part, const struct mdrender_opts *o,
		     const struct md_parts_out *out, struct md_parts_stats *stats);

#endif
