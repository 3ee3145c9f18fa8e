/*
 * mdlazy.h - a long document laid out part by part, when asked for.
 *
 * The reader of a large document: the parts of md_stream rendered one at
 * a time into a render the caller keeps (its lines stay; no tree does),
 * so that the first screen needs only the first part and the rest comes
 * as the view goes further, or in idle time.  The sections met so far
 * are kept as an outline (titles and levels; no nodes).  As in mdparts.c,
 * the stream may begin again (definitions it had to drop) and the count
 * of lead paragraphs may turn them all into prose at the end: then the
 * lines laid out so far are dropped and the layout begins again, which
 * `gen` counts.  Once every part is laid out the lines are those
 * role_render() makes of the whole document (tests/unit/test_mdlazy.c).
 */
#ifndef ROLEBOOK_MDLAZY_H
#define ROLEBOOK_MDLAZY_H

#include <stdbool.h>
#include <stddef.h>

#include "mdrender.h"
#include "outline.h"

struct md_stream;

/* Bytes the first part alone is aimed at (z->part when set): enough for
 * the first screen of a large terminal, little to parse. */
#define MD_LAZY_FIRST_BYTES (16u * 1024)
/* ... and at most, grown to hold the definitions it uses (mdlazy.c). */
#define MD_LAZY_FIRST_MAX (192u * 1024)

struct md_lazy {
	const char *body; /* the sanitised body (md_read_body), borrowed */
	size_t len;
	const char *title; /* a title given only in front matter, or NULL; borrowed */
	size_t part;	   /* bytes a part is aimed at (0: the stream's default) */
	struct mdrender_opts opts;
	struct render *r;    /* the lines laid out so far; borrowed */
	struct outline ol;   /* the sections met so far (node: NULL) */
	size_t base;	     /* 1: the title heads the text as a section of its own */
	struct md_stream *s; /* NULL before the first part and once done */
	struct outline_flow f;
	bool started, done;
	bool quick;	     /* the lines are the first part laid out alone (mdlazy.c) */
	size_t quick_off;    /* where the part after it starts */
	bool title_lines;    /* the title was laid out above the text */
	bool title_untitled; /* ... and names the one section of a text without headings */
	unsigned gen;	     /* times the lines laid out were dropped and begun again */
};

/* Starts laying out body[0..len) into r (initialised; emptied here) with
 * o; title (may be NULL) heads the text when the body does not open with
 * a level-1 heading of its words.  Nothing is parsed yet. */
void md_lazy_init(struct md_lazy *z, const char *body, size_t len, const char *title,
		  const struct mdrender_opts *o, struct render *r);
/* Frees what z holds (not the body, the title or the render). */
void md_lazy_done(struct md_lazy *z);
/* Begins again at width (a resize): r is emptied. */
void md_lazy_restart(struct md_lazy *z, int width);

/* Lays out one more part; false when every part already is. */
bool md_lazy_step(struct md_lazy *z);
/* Lays out parts until r holds at least n lines, or all of them. */
void md_lazy_lines(struct md_lazy *z, size_t n);
/* Lays out parts until section sec has a successor (its lines are all
 * there), or all of them. */
void md_lazy_section(struct md_lazy *z, size_t sec);
/* Lays out every part. */
void md_lazy_all(struct md_lazy *z);
/* How much of the body is laid out, in thousandths (1000 when done). */
unsigned md_lazy_permille(const struct md_lazy *z);

#endif
