/*
 * frame.c - the virtual screen (see frame.h for its invariants).
 *
 * The frame is the last cleaner before the terminal: whatever a view
 * draws, from content or from the database, no control character (C0,
 * DEL, C1) and no bidirectional control reaches a cell.
 */
#include "config.h"

#include <string.h>

#include "frame.h"
#include "text.h"
#include "xalloc.h"

void
frame_init(struct frame *f, int rows, int cols)
{
	f->rows = rows > 0 ? rows : 1;
	f->cols = cols > 0 ? cols : 1;
	f->cells = xcalloc((size_t)f->rows * (size_t)f->cols, sizeof *f->cells);
	f->urls = NULL;
	f->nurls = f->urlcap = 0;
	frame_clear(f);
}

static void
free_urls(struct frame *f)
{
	for (size_t i = 0; i < f->nurls; i++)
		free(f->urls[i]);
	f->nurls = 0;
}

void
frame_done(struct frame *f)
{
	free_urls(f);
	free(f->urls);
	f->urls = NULL;
	f->urlcap = 0;
	free(f->cells);
	f->cells = NULL;
	f->rows = f->cols = 0;
}

void
frame_resize(struct frame *f, int rows, int cols)
{
	frame_done(f);
	frame_init(f, rows, cols);
}

void
frame_clear(struct frame *f)
{
	size_t n = (size_t)f->rows * (size_t)f->cols;

	for (size_t i = 0; i < n; i++) {
		f->cells[i].cp = ' ';
		f->cells[i].comb[0] = f->cells[i].comb[1] = 0;
		f->cells[i].style = 0;
		f->cells[i].link = 0;
	}
	free_urls(f);
}

uint16_t
frame_url(struct frame *f, const char *url)
{
	if (url == NULL || f->nurls >= UINT16_MAX)
		return 0;
	f->urls = xgrow(f->urls, &f->urlcap, f->nurls + 1, sizeof *f->urls);
	f->urls[f->nurls++] = xstrdup(url);
	return (uint16_t)f->nurls;
}

/* Bidirectional controls: embeddings, overrides and isolates, and the
 * marks (LRM, RLM, ALM) that reorder what follows them.  Zero-width, so
 * they would join a cell as a mark; the frame drops them. */
static bool
bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

/* Clears the cell at (row, col), and the other half of a wide character
 * it is part of, before something else is written there. */
static void
unwide(struct frame *f, int row, int col)
{
	struct cell *c = frame_cell(f, row, col);

	if (c->cp == 0 && col > 0) {
		frame_cell(f, row, col - 1)->cp = ' ';
		frame_cell(f, row, col - 1)->link = 0;
	}
	if (col + 1 < f->cols && frame_cell(f, row, col + 1)->cp == 0) {
		frame_cell(f, row, col + 1)->cp = ' ';
		frame_cell(f, row, col + 1)->link = 0;
	}
}

int
frame_put(struct frame *f, int row, int col, const char *s, size_t len, uint16_t style, int cells)
{
	return frame_put_link(f, row, col, s, len, style, cells, 0);
}

int
frame_put_link(struct frame *f, int row, int col, const char *s, size_t len, uint16_t style,
	       int cells, uint16_t link)
{
	int start = col, limit;
	size_t pos = 0;

	if (row < 0 || row >= f->rows || col < 0 || col >= f->cols)
		return 0;
	limit = cells < 0 || col + cells > f->cols ? f->cols : col + cells;
	while (pos < len && col <= limit) {
		uint32_t cp;
		int w;

		pos += text_decode(s + pos, len - pos, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cp = TEXT_REPLACEMENT;
		else if (bidi_control(cp))
			continue;
		w = text_cp_width(cp);
		if (w == 0) {
			/* a zero-width mark joins the cell before it */
			if (col > start) {
				struct cell *c = frame_cell(f, row, col - 1);
				if (c->cp == 0 && col - 2 >= 0)
					c = frame_cell(f, row, col - 2);
				if (c->comb[0] == 0)
					c->comb[0] = cp;
				else if (c->comb[1] == 0)
					c->comb[1] = cp;
			}
			continue;
		}
		if (col + w > limit) {
			if (col < limit) {
				unwide(f, row, col);
				frame_cell(f, row, col)->cp = ' ';
				frame_cell(f, row, col)->style = style;
				frame_cell(f, row, col)->link = 0;
				col++;
			}
			break;
		}
		unwide(f, row, col);
		{
			struct cell *c = frame_cell(f, row, col);
			c->cp = cp;
			c->comb[0] = c->comb[1] = 0;
			c->style = style;
			c->link = link;
		}
		if (w == 2) {
			struct cell *c;
			unwide(f, row, col + 1);
			c = frame_cell(f, row, col + 1);
			c->cp = 0;
			c->comb[0] = c->comb[1] = 0;
			c->style = style;
			c->link = link;
		}
		col += w;
	}
	return col - start;
}

int
frame_puts(struct frame *f, int row, int col, const char *s, uint16_t style, int cells)
{
	return frame_put(f, row, col, s, strlen(s), style, cells);
}

int
frame_puts_trunc(struct frame *f, int row, int col, const char *s, uint16_t style, int cells)
{
	size_t len = strlen(s);
	int used;

	if (cells <= 0)
		return 0;
	if (text_width(s, len) <= cells)
		return frame_put(f, row, col, s, len, style, cells);
	len = text_fit(s, len, cells - 1, &used);
	frame_put(f, row, col, s, len, style, used);
	frame_put(f, row, col + used, "\u2026", 3, style, 1);
	return used + 1;
}

int
frame_puts_trunc_start(struct frame *f, int row, int col, const char *s, uint16_t style, int cells)
{
	size_t len = strlen(s), off = 0;
	int w;

	if (cells <= 0)
		return 0;
	if ((w = text_width(s, len)) <= cells)
		return frame_put(f, row, col, s, len, style, cells);
	if (cells == 1)
		return frame_put(f, row, col, "\u2026", 3, style, 1);
	/* drop code points from the start until the rest fits beside the
	 * ellipsis (a wide one may leave a cell free) */
	while (off < len && w > cells - 1) {
		uint32_t cp;
		size_t n = text_decode(s + off, len - off, &cp);

		w -= text_cp_width(cp);
		off += n;
	}
	frame_put(f, row, col, "\u2026", 3, style, 1);
	return 1 + frame_put(f, row, col + 1, s + off, len - off, style, cells - 1);
}

void
frame_fill(struct frame *f, int row, int col, int n, uint32_t cp, uint16_t style)
{
	if (row < 0 || row >= f->rows)
		return;
	for (int i = 0; i < n && col + i < f->cols; i++) {
		struct cell *c;
		if (col + i < 0)
			continue;
		unwide(f, row, col + i);
		c = frame_cell(f, row, col + i);
		c->cp = cp;
		c->comb[0] = c->comb[1] = 0;
		c->style = style;
		c->link = 0;
	}
}

void
frame_add_style(struct frame *f, int row, int col, int n, uint16_t style)
{
	if (row < 0 || row >= f->rows)
		return;
	for (int i = 0; i < n && col + i < f->cols; i++)
		if (col + i >= 0)
			frame_cell(f, row, col + i)->style |= style;
}

char *
frame_row(const struct frame *f, int r)
{
	char *out = xmalloc((size_t)f->cols * 12 + 1);
	size_t len = 0, keep = 0;

	for (int c = 0; c < f->cols; c++) {
		const struct cell *cl = &f->cells[(size_t)r * (size_t)f->cols + (size_t)c];
		if (cl->cp == 0)
			continue;
		len += text_encode(cl->cp, out + len);
		for (int k = 0; k < 2 && cl->comb[k]; k++)
			len += text_encode(cl->comb[k], out + len);
		if (cl->cp != ' ')
			keep = len;
	}
	out[keep] = '\0';
	return out;
}

char *
frame_dump(const struct frame *f)
{
	size_t cap = (size_t)f->rows * ((size_t)f->cols * 12 + 1) + 1, len = 0;
	char *out = xmalloc(cap);

	for (int r = 0; r < f->rows; r++) {
		char *row = frame_row(f, r);
		size_t n = strlen(row);
		memcpy(out + len, row, n);
		len += n;
		out[len++] = '\n';
		free(row);
	}
	out[len] = '\0';
	return out;
}
