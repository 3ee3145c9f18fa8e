/*
 * mdtable.c - GitHub tables: cells measured in display cells, columns
 * shrunk to fit the width, drawn with box rules (or ASCII ones).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "mdrender_state.h"
#include "text.h"
#include "xalloc.h"

/* ---- tables ---- */

struct cell {
	char *text;
	struct seg *segs;
	size_t len, nsegs;
	int width;
};

static void
cell_take(struct state *st, struct cell *c)
{
	/* trim the run, then move it into the cell */
	c->text = xstrndup(st->run.buf ? st->run.buf : "", st->run.len);
	c->len = st->run.len;
	for (size_t i = 0; i < c->len; i++)
		if (c->text[i] == '\n')
			c->text[i] = ' ';
	c->segs = xreallocarray(NULL, st->run.nsegs ? st->run.nsegs : 1, sizeof *c->segs);
	memcpy(c->segs, st->run.segs, st->run.nsegs * sizeof *c->segs);
	c->nsegs = st->run.nsegs;
	c->width = text_width(c->text, c->len);
	wrap_run_reset(&st->run);
}

static void
cell_put(struct state *st, const struct cell *c, uint16_t extra)
{
	for (size_t k = 0; k < c->nsegs; k++)
		lines_add(&st->r->lines, c->text + c->segs[k].off, c->segs[k].len,
			  c->segs[k].style | extra, c->segs[k].link);
}

static void
border(struct state *st, const int *colw, size_t ncols, const char *l, const char *m, const char *r,
       const char *h)
{
	wrap_begin_line(st, false);
	lines_add(&st->r->lines, l, strlen(l), STY_MARKER, 0);
	for (size_t c = 0; c < ncols; c++) {
		for (int i = 0; i < colw[c] + 2; i++)
			lines_add(&st->r->lines, h, strlen(h), STY_MARKER, 0);
		const char *j = c + 1 < ncols ? m : r;
		lines_add(&st->r->lines, j, strlen(j), STY_MARKER, 0);
	}
	lines_end(&st->r->lines);
}

void
mdtable_render(struct state *st, cmark_node *table)
{
	size_t ncols = cmark_gfm_extensions_get_table_columns(table), nrows = 0, r, c;
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	struct cell *cells;
	int *colw, total;
	cmark_node *row, *cell;
	bool asc = st->o->ascii;
	const char *bar = asc ? "|" : "│";

	if (ncols == 0)
		return;
	for (row = cmark_node_first_child(table); row; row = cmark_node_next(row))
		nrows++;
	cells = xcalloc(nrows * ncols, sizeof *cells);
	colw = xcalloc(ncols, sizeof *colw);
	r = 0;
	for (row = cmark_node_first_child(table); row; row = cmark_node_next(row), r++) {
		bool head = r == 0;
		c = 0;
		for (cell = cmark_node_first_child(row); cell && c < ncols;
		     cell = cmark_node_next(cell), c++) {
			mdrender_inlines(st, cell, head ? STY_TABLE_HEAD : STY_PLAIN);
			cell_take(st, &cells[r * ncols + c]);
			if (cells[r * ncols + c].width > colw[c])
				colw[c] = cells[r * ncols + c].width;
		}
		for (; c < ncols; c++)
			cells[r * ncols + c].text = xstrdup("");
	}
	total = 1;
	for (c = 0; c < ncols; c++)
		total += colw[c] + 3;

	wrap_open_block(st);
	if (total <= st->o->width - wrap_prefix_width(st)) {
		border(st, colw, ncols, asc ? "+" : "┌", asc ? "+" : "┬", asc ? "+" : "┐",
		       asc ? "-" : "─");
		for (r = 0; r < nrows; r++) {
			wrap_begin_line(st, false);
			for (c = 0; c < ncols; c++) {
				const struct cell *ce = &cells[r * ncols + c];
				int pad = colw[c] - ce->width, left = 0;
				uint8_t a = align ? align[c] : 0;

				if (a == 'r')
					left = pad;
				else if (a == 'c')
					left = pad / 2;
				lines_add(&st->r->lines, bar, strlen(bar), STY_MARKER, 0);
				lines_pad(&st->r->lines, 1 + left, STY_PLAIN);
				cell_put(st, ce, 0);
				lines_pad(&st->r->lines, pad - left + 1, STY_PLAIN);
			}
			lines_add(&st->r->lines, bar, strlen(bar), STY_MARKER, 0);
			lines_end(&st->r->lines);
			if (r == 0)
				border(st, colw, ncols, asc ? "+" : "├", asc ? "+" : "┼",
				       asc ? "+" : "┤", asc ? "-" : "─");
		}
		border(st, colw, ncols, asc ? "+" : "└", asc ? "+" : "┴", asc ? "+" : "┘",
		       asc ? "-" : "─");
	} else {
		/* Too wide: each row becomes a block of "Header: value" lines. */
		for (r = 1; r < nrows; r++) {
			if (r > 1)
				wrap_blank_line(st);
			for (c = 0; c < ncols; c++) {
				const struct cell *h = &cells[c], *v = &cells[r * ncols + c];
				for (size_t k = 0; k < h->nsegs; k++)
					wrap_run_add(&st->run, h->text + h->segs[k].off,
						     h->segs[k].len, h->segs[k].style | STY_STRONG,
						     h->segs[k].link);
				wrap_run_add(&st->run, ":", 1, STY_TABLE_HEAD | STY_STRONG, 0);
				for (size_t k = 0; k < v->nsegs; k++) {
					if (k == 0)
						wrap_run_add(&st->run, " ", 1, STY_PLAIN, 0);
					wrap_run_add(&st->run, v->text + v->segs[k].off,
						     v->segs[k].len, v->segs[k].style,
						     v->segs[k].link);
				}
				wrap_flow(st, 0);
			}
		}
		if (nrows == 1) {
			for (c = 0; c < ncols; c++) {
				const struct cell *h = &cells[c];
				for (size_t k = 0; k < h->nsegs; k++)
					wrap_run_add(&st->run, h->text + h->segs[k].off,
						     h->segs[k].len, h->segs[k].style | STY_STRONG,
						     h->segs[k].link);
				wrap_flow(st, 0);
			}
		}
	}
	for (r = 0; r < nrows * ncols; r++) {
		free(cells[r].text);
		free(cells[r].segs);
	}
	free(cells);
	free(colw);
	st->need_blank = true;
}
