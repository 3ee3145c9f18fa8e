/*
 * frame.h - a virtual screen: rows x cols cells that views draw into.
 *
 * The terminal layer copies a frame to the screen; tests dump it as text.
 * A cell holds one code point (plus up to two zero-width marks) and a
 * style; a wide character takes its cell and a following continuation
 * cell (cp 0).  Drawing clips at the frame's edges and never splits a wide
 * character: one that does not fit becomes a space.  Control characters
 * are never stored (they become U+FFFD) and bidirectional controls are
 * dropped, so a frame cannot carry escape sequences to the terminal nor
 * reorder what it shows.
 */
#ifndef ROLEBOOK_FRAME_H
#define ROLEBOOK_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cell {
	uint32_t cp;	  /* 0 for the right half of a wide character */
	uint32_t comb[2]; /* zero-width marks drawn with cp */
	uint16_t style;	  /* enum style flags */
	uint16_t link;	  /* the hyperlink it is part of (frame_url), 0 for none */
};

struct frame {
	int rows, cols;
	struct cell *cells;
	char **urls; /* hyperlink n's target is urls[n - 1], until frame_clear */
	size_t nurls, urlcap;
};

void frame_init(struct frame *f, int rows, int cols);
void frame_done(struct frame *f);
/* Changes the size and clears. */
void frame_resize(struct frame *f, int rows, int cols);
void frame_clear(struct frame *f);

static inline struct cell *
frame_cell(struct frame *f, int row, int col)
{
	return &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
}

/*
 * Writes s[0..len) at (row, col) in at most `cells` cells (-1: to the
 * right edge).  Returns the number of cells written.
 */
int frame_put(struct frame *f, int row, int col, const char *s, size_t len, uint16_t style,
	      int cells);
/*
 * The number of a hyperlink to url (a copy is kept until frame_clear),
 * for frame_put_link; 0 when there are too many.  Only the terminal
 * layer reads it, and only to make cells a hyperlink (hyperlink.h): text
 * written over a link's cells by anything else is no link.
 */
uint16_t frame_url(struct frame *f, const char *url);
/* frame_put, the cells written part of hyperlink link (frame_url). */
int frame_put_link(struct frame *f, int row, int col, const char *s, size_t len, uint16_t style,
		   int cells, uint16_t link);
/* frame_put of a NUL-terminated string. */
int frame_puts(struct frame *f, int row, int col, const char *s, uint16_t style, int cells);
/* frame_puts, but text wider than `cells` ends with an ellipsis. */
int frame_puts_trunc(struct frame *f, int row, int col, const char *s, uint16_t style, int cells);
/* frame_puts, but text wider than `cells` starts with an ellipsis: its
 * end kept (a path's file name). */
int frame_puts_trunc_start(struct frame *f, int row, int col, const char *s, uint16_t style,
			   int cells);
/* Fills n cells with cp (a narrow character) and style. */
void frame_fill(struct frame *f, int row, int col, int n, uint32_t cp, uint16_t style);
/* Ors style into n cells. */
void frame_add_style(struct frame *f, int row, int col, int n, uint16_t style);

/* The frame as text: one line per row, trailing spaces trimmed; new string. */
char *frame_dump(const struct frame *f);
/* Row r as text (trailing spaces trimmed); new string. */
char *frame_row(const struct frame *f, int r);

#endif
