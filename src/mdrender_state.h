/*
 * mdrender_state.h - the renderer's state, shared by its parts (internal
 * to mdrender: not for views or other modules).
 *
 * mdrender.c walks the tree, wrap.c flows styled text into prefixed lines
 * no wider than the width, mdtable.c lays out tables.  A leaf block
 * collects its inline content into st->run (a flat buffer of styled
 * segments), then wrap_flow() writes it.
 */
#ifndef ROLEBOOK_MDRENDER_STATE_H
#define ROLEBOOK_MDRENDER_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "mdrender.h"

/* Prefix nesting beyond this adds no more indentation, so that absurdly
 * deep input still leaves room for its text. */
#define MAX_PREFIX_DEPTH 12
#define PREFIX_BYTES 48

struct prefix {
	char first[PREFIX_BYTES]; /* text of the first line */
	char cont[PREFIX_BYTES];  /* text of the lines after it */
	int width;		  /* cells, same for both */
	bool used;		  /* the first line has been written */
	uint16_t style;
	uint32_t task; /* task number of a task item, 0 otherwise */
	uint16_t link; /* the first line's text (not its blanks) is this link, 0: none */
};

struct seg {
	size_t off, len;
	uint16_t style, link;
};

/* A run of styled inline text. */
struct runbuf {
	char *buf;
	size_t len, cap;
	struct seg *segs;
	size_t nsegs, scap;
};

struct list_state {
	int counter; /* next ordinal */
	bool ordered, tight;
	char delim;
};

/* URL -> reference number (mdrefs.c); the keys are the render's links'. */
struct mdrefs {
	const char **url;
	uint16_t *ref;
	size_t n, cap;
};

struct state {
	struct render *r;
	const struct mdrender_opts *o;
	const struct outline *ol;
	size_t hint;
	uint32_t section;
	long pending; /* section whose first line is still to come, or -1 */
	struct prefix *pre;
	size_t npre, precap, depth; /* depth counts pushes beyond MAX_PREFIX_DEPTH too */
	bool *pushed;		    /* per depth: was the prefix recorded */
	size_t pushcap;
	uint32_t orphan_task; /* task whose marker did not fit, still to mark */
	int quotes;	      /* block quotes we are in */
	struct list_state *lists;
	size_t nlists, listcap;
	bool need_blank;
	int hang; /* cells wrap_flow() indents the lines after a flow's first */
	struct runbuf run;
	struct mdrefs refs;
	unsigned footnotes; /* footnote definitions written */
	/* glyphs */
	const char *rule, *quote, *box_todo, *box_done, *bullets[3];
	const char *wrap_mark; /* ends a code line that goes on below */
};

/* What render->state holds between the parts of a document. */
struct mdrender_state {
	struct mdrender_opts o;
	struct state st;
};

/* ---- word flow (wrap.c) ---- */

/* Appends len bytes of s to the run in style and link. */
void wrap_run_add(struct runbuf *rb, const char *s, size_t len, uint16_t style, uint16_t link);

/* Adds literal text, turning tabs and newlines into spaces. */
void wrap_run_text(struct runbuf *rb, const char *s, uint16_t style, uint16_t link);

/* Empties the run, keeping its memory. */
void wrap_run_reset(struct runbuf *rb);

/* Frees the run's memory. */
void wrap_run_free(struct runbuf *rb);

/* Cells the recorded prefixes take. */
int wrap_prefix_width(const struct state *st);

/* Enters a container: first starts its first line, cont the lines after
 * (both of the same width); task marks a task item's line. */
void wrap_push_prefix(struct state *st, const char *first, const char *cont, uint16_t style,
		      uint32_t task);

/* Leaves the container entered last. */
void wrap_pop_prefix(struct state *st);

/* Starts a line and writes the prefixes; returns the cells left. */
int wrap_begin_line(struct state *st, bool blank);

/* Writes a blank line (quote bars kept). */
void wrap_blank_line(struct state *st);

/* Emits the blank line owed before a new block. */
void wrap_open_block(struct state *st);

/*
 * Breaks the run into lines at spaces.  '\n' in the run is a hard break.
 * extra is or-ed into every span's style.
 */
void wrap_flow(struct state *st, uint16_t extra);

/* ---- inline content (mdrender.c) ---- */

/* Collects the inline children of node into st->run. */
void mdrender_inlines(struct state *st, cmark_node *node, uint16_t base);

/* Records a link to url in the render; returns its number (1-based), 0
 * when there are too many. */
uint16_t mdrender_link(struct state *st, const char *url);

/* Marks link (1-based; 0 for none) with its reference number (print). */
void mdrender_ref_mark(struct state *st, uint16_t link, uint16_t base);

/* ---- inline HTML (mdhtml.c) ---- */

/*
 * Adds what the inline tag at tag stands for to the run: breaks for list
 * markup, "^"/"_" for <sup>/<sub>, the text of what only looks like a tag.
 * Returns false for other HTML tags (the caller's, or nothing).
 */
bool mdhtml_inline(struct state *st, const char *tag, uint16_t style, uint16_t link);

/* The element name of the tag at s ("<name" or "</name", then '>', '/'
 * or a blank), lowercase, at most 15 letters and digits; *closing tells
 * "</".  False when s starts no tag. */
bool mdhtml_tag(const char *s, char name[16], bool *closing);

/* True when html starts with a <br> tag. */
bool mdhtml_is_br(const char *html);

/* The value of attribute name in the tag at s (up to its '>'): a new
 * string, or NULL. */
char *mdhtml_attr(const char *s, const char *name);

/* For an <img> tag at s, adds what stands in for the picture, as for a
 * Markdown image ("[image: alt]", or the file's name when there is no alt
 * text) and returns true; false for any other tag. */
bool mdhtml_image(struct state *st, const char *s, uint16_t style, uint16_t link);

/* Raw HTML as a paragraph: comments vanish, tags are dropped, <br> breaks
 * lines, and whatever text remains is shown plain. */
void mdhtml_text(struct state *st, const char *s);

/* ---- GitHub alerts (mdnote.c) ---- */

/* When para (collected in st->run) opens an alert ("> [!NOTE]"), writes
 * its label line, takes the marker out of the run and returns true. */
bool mdnote_label(struct state *st, cmark_node *para);

/* ---- references (mdrefs.c) ---- */

/* The reference number of link (1-based), given on first use: a URL
 * numbered before keeps its number.  0 when numbers ran out. */
uint16_t mdrefs_number(struct state *st, uint16_t link);

/* Lists each numbered URL once, under "References". */
void mdrefs_list(struct state *st);

void mdrefs_free(struct mdrefs *m);

/* ---- tables (mdtable.c) ---- */

/* Writes a GFM table node as bordered rows, columns shrunk to the width. */
void mdtable_render(struct state *st, cmark_node *table);

/* A table from any source: fill() puts cell (r, c)'s content in st->run
 * (in style; nothing for an empty or missing cell), asked row by row. */
struct mdtable_src {
	size_t nrows, ncols;
	const uint8_t *align; /* per column 'l', 'c', 'r' or 0; may be NULL */
	bool head;	      /* row 0 is the header */
	void (*fill)(struct state *st, size_t r, size_t c, uint16_t style, void *arg);
	void *arg;
	/* Cells that span columns or rows (HTML's colspan, rowspan), or NULL:
	 * per slot r * ncols + c, the slot of the cell that covers it (a
	 * cell's own first slot is its; SIZE_MAX: no cell).  fill() is asked
	 * for a cell's first slot only. */
	const size_t *origin;
};

/* Lays out a table as mdtable_render() does: bordered rows when they fit,
 * else a block of "Header: value" lines per row. */
void mdtable_layout(struct state *st, const struct mdtable_src *src);

/* ---- HTML tables (mdhtmltable.c) ---- */

/* Renders the HTML block literal html: each <table> in it as a table, the
 * text around them as render_text() would (a paragraph). */
void mdhtml_block(struct state *st, const char *html);

/* Renders the HTML block node as mdhtml_block() does; when it leaves a
 * <table> open and an HTML block among the blocks after it (blank lines
 * ended the one before) closes it, the table is all of them, its cells'
 * Markdown blocks laid out in them.  Returns the last block it rendered
 * (node, or that closing one). */
cmark_node *mdhtml_blocks(struct state *st, cmark_node *node);

#endif
