/*
 * mdrender.h - a cmark-gfm tree to styled, wrapped lines at a width.
 *
 * Pure: no terminal, no globals besides cmark's registered extensions.
 * Widths are terminal cells; no line is ever wider than the width asked
 * for.  The renderer copies everything it keeps, so a render outlives the
 * tree it came from.
 */
#ifndef ROLEBOOK_MDRENDER_H
#define ROLEBOOK_MDRENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "lines.h"
#include "outline.h"

#define MDRENDER_MIN_WIDTH 10

struct mdrender_opts {
	int width;	    /* cells; values below MDRENDER_MIN_WIDTH are raised */
	bool ascii;	    /* ASCII bullets, boxes and rules instead of Unicode */
	bool references;    /* mark links with [n] and list their targets at the end */
	bool heading_marks; /* headings of level 3 and below start with a mark (print) */
};

struct render_link {
	char *url;    /* as written in the document */
	bool shown;   /* marked with [n] in the text */
	uint16_t ref; /* that n: references are numbered among shown links only */
};

struct mdrender_state;

struct render {
	struct lines lines;	   /* the output (emptied by each flush when streaming) */
	struct render_link *links; /* link n (1-based) is links[n - 1] */
	size_t nlinks, links_cap;
	size_t *section_line; /* first line of each outline entry */
	size_t nsections;
	size_t ntasks;		      /* task-list items seen, numbered from 1 */
	uint16_t nrefs;		      /* links shown with a reference number */
	size_t total;		      /* lines produced, flushed ones included */
	struct mdrender_state *state; /* between mdrender_begin() and _end() */
};

/* The section of line i, or UINT32_MAX when it comes before the first
 * section (lines above the first heading carry section 0, which starts
 * below them). */
static inline uint32_t
render_line_section(const struct render *r, size_t i)
{
	uint32_t sec = r->lines.v[i].section;

	return sec < r->nsections && r->section_line[sec] > i ? UINT32_MAX : sec;
}

void render_init(struct render *r);
void render_done(struct render *r);

/*
 * Renders doc with the sections of ol (built from the same doc) into out,
 * which must be initialised and empty.  When out->lines.flush is set the
 * lines are handed over after each top-level block.
 */
void mdrender(cmark_node *doc, const struct outline *ol, const struct mdrender_opts *opt,
	      struct render *out);

/*
 * The same in steps, for a document parsed in consecutive parts (see
 * md_stream): begin, then each part's tree with its own outline (entries
 * are numbered on from the parts before), then end, which adds the
 * references and flushes.  The lines are those mdrender() makes of the
 * whole document when the parts are its top-level blocks in order.
 */
void mdrender_begin(struct render *out, const struct mdrender_opts *opt);
void mdrender_part(struct render *out, cmark_node *doc, const struct outline *ol);
void mdrender_end(struct render *out);

/*
 * Footnotes are links within the text: a reference [^n] leads to the note
 * ("#^fn-n"), the note's label "[^n]" back to the reference ("#^fnref-n");
 * neither can be a heading's anchor (GitHub's anchors hold no '^').
 * For url one of these, the URL of the other end (a new string), which a
 * span of the render has; NULL for any other url.
 */
char *mdrender_note_other_end(const char *url);
/* The number of the footnote url leads to (*back false) or back from
 * (*back true); 0 when url is no footnote's. */
unsigned mdrender_note_of(const char *url, bool *back);

/* A title (plain text, never read as Markdown: made as nodes) as a
 * level-1 heading, between mdrender_begin() and _end(): a section of its
 * own when own is true, else the top of the section that follows it (a
 * front-matter title above the text, as the reader and print show it). */
void mdrender_title(struct render *out, const char *title, bool own);

#endif
