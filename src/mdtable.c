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
	int width;     /* cells of its widest line */
	size_t nlines; /* lines ('\n' separates them), 0 when empty */
};

/* Drops the run's last byte. */
static void
run_pop(struct runbuf *rb)
{
	rb->len--;
	if (--rb->segs[rb->nsegs - 1].len == 0)
		rb->nsegs--;
}

/* Keeps the run's line breaks (a <br>, a list's items) as the cell's
 * lines: spaces around a break, empty lines and breaks at either end go. */
static void
run_squeeze(struct runbuf *rb, struct runbuf *out)
{
	wrap_run_reset(out);
	for (size_t k = 0; k < rb->nsegs; k++) {
		const struct seg *sg = &rb->segs[k];
		for (size_t i = sg->off; i < sg->off + sg->len; i++) {
			char ch = rb->buf[i];
			char last = out->len ? out->buf[out->len - 1] : '\n';

			if (ch == '\n') {
				while (out->len > 0 && out->buf[out->len - 1] == ' ')
					run_pop(out);
				last = out->len ? out->buf[out->len - 1] : '\n';
			}
			if ((ch == ' ' || ch == '\n') && last == '\n')
				continue;
			wrap_run_add(out, &ch, 1, sg->style, sg->link);
		}
	}
	while (out->len > 0 && (out->buf[out->len - 1] == ' ' || out->buf[out->len - 1] == '\n'))
		run_pop(out);
}

/* The end of the cell's line that starts at byte from. */
static size_t
cell_line_end(const struct cell *c, size_t from)
{
	const char *nl = memchr(c->text + from, '\n', c->len - from);

	return nl ? (size_t)(nl - c->text) : c->len;
}

static void
cell_take(struct state *st, struct cell *c)
{
	struct runbuf sq = {0};

	/* move the squeezed run into the cell; its width is its widest line */
	run_squeeze(&st->run, &sq);
	c->text = xstrndup(sq.buf ? sq.buf : "", sq.len);
	c->len = sq.len;
	c->segs = xreallocarray(NULL, sq.nsegs ? sq.nsegs : 1, sizeof *c->segs);
	if (sq.nsegs > 0)
		memcpy(c->segs, sq.segs, sq.nsegs * sizeof *c->segs);
	c->nsegs = sq.nsegs;
	c->width = 0;
	c->nlines = c->len > 0;
	for (size_t from = 0; from < c->len;) {
		size_t end = cell_line_end(c, from);
		int w = text_width(c->text + from, end - from);
		if (w > c->width)
			c->width = w;
		if (end < c->len)
			c->nlines++;
		from = end + 1;
	}
	wrap_run_free(&sq);
	wrap_run_reset(&st->run);
}

/* Writes bytes [from, to) of the cell with their styles. */
static void
cell_put(struct state *st, const struct cell *c, size_t from, size_t to, uint16_t extra)
{
	for (size_t k = 0; k < c->nsegs; k++) {
		size_t a = c->segs[k].off, b = a + c->segs[k].len;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		if (a < b)
			lines_add(&st->r->lines, c->text + a, b - a, c->segs[k].style | extra,
				  c->segs[k].link);
	}
}

/* Adds the cell to the run (its breaks kept). */
static void
cell_run(struct state *st, const struct cell *c, uint16_t extra)
{
	for (size_t k = 0; k < c->nsegs; k++)
		wrap_run_add(&st->run, c->text + c->segs[k].off, c->segs[k].len,
			     c->segs[k].style | extra, c->segs[k].link);
}

/* The slot of the cell covering slot i (SIZE_MAX: none). */
static size_t
org(const struct mdtable_src *src, size_t i)
{
	return src->origin ? src->origin[i] : i;
}

/* Whether row r (SIZE_MAX: none) has cells on both sides of the line
 * between columns c and c + 1, not one cell across it. */
static bool
split_at(const struct mdtable_src *src, size_t r, size_t c)
{
	size_t o;

	if (r == SIZE_MAX)
		return false;
	o = org(src, r * src->ncols + c);
	return o == SIZE_MAX || o != org(src, r * src->ncols + c + 1);
}

/* Whether the rule between rows above and below runs under column c:
 * not where one cell covers both rows. */
static bool
rule_under(const struct mdtable_src *src, size_t above, size_t below, size_t c)
{
	size_t o;

	if (above == SIZE_MAX || below == SIZE_MAX)
		return true;
	o = org(src, above * src->ncols + c);
	return o == SIZE_MAX || o != org(src, below * src->ncols + c);
}

/* The box character where lines meet from the sides asked. */
static const char *
joint(bool ascii, bool up, bool down, bool left, bool right)
{
	static const char *const box[16] = {/* index: up 8, down 4, left 2, right 1 */
					    " ", "─", "─", "─", "│", "┌", "┐", "┬",
					    "│", "└", "┘", "┴", "│", "├", "┤", "┼"};

	if (ascii)
		return (left || right) ? ((up || down) ? "+" : "-") : (up || down) ? "|" : " ";
	return box[(up ? 8 : 0) | (down ? 4 : 0) | (left ? 2 : 0) | (right ? 1 : 0)];
}

/* A rule between row above and row below (SIZE_MAX: the table's edge),
 * left out under a cell that covers both, with joints where column lines
 * meet it. */
static void
border(struct state *st, const struct mdtable_src *src, const int *colw, size_t above, size_t below)
{
	bool asc = st->o->ascii;
	size_t n = src->ncols;

	wrap_begin_line(st, false);
	for (size_t c = 0; c <= n; c++) {
		/* the joint left of column c (c == n: the right edge) */
		bool left = c > 0 && rule_under(src, above, below, c - 1);
		bool right = c < n && rule_under(src, above, below, c);
		bool edge = c == 0 || c == n;
		bool up = above != SIZE_MAX && (edge || split_at(src, above, c - 1));
		bool down = below != SIZE_MAX && (edge || split_at(src, below, c - 1));
		const char *j = joint(asc, up, down, left, right);

		lines_add(&st->r->lines, j, strlen(j), STY_MARKER, 0);
		if (c < n) {
			const char *h = right ? (asc ? "-" : "─") : " ";
			for (int i = 0; i < colw[c] + 2; i++)
				lines_add(&st->r->lines, h, strlen(h), STY_MARKER, 0);
		}
	}
	lines_end(&st->r->lines);
}

/* How many columns from c on the cell at slot i of row r covers. */
static size_t
span_cols(const struct mdtable_src *src, size_t r, size_t c, size_t i)
{
	size_t k = 1;

	while (i != SIZE_MAX && c + k < src->ncols && org(src, r * src->ncols + c + k) == i)
		k++;
	return k;
}

void
mdtable_layout(struct state *st, const struct mdtable_src *src)
{
	size_t ncols = src->ncols, nrows = src->nrows, r, c;
	const uint8_t *align = src->align;
	struct cell *cells;
	int *colw, total;
	size_t *from; /* per column: where the cell's next line starts */
	bool asc = st->o->ascii, head = src->head;
	const char *bar = asc ? "|" : "│";

	if (ncols == 0 || nrows == 0)
		return;
	cells = xcalloc(nrows * ncols, sizeof *cells);
	colw = xcalloc(ncols, sizeof *colw);
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++) {
			size_t i = r * ncols + c;
			if (org(src, i) == i)
				src->fill(st, r, c, head && r == 0 ? STY_TABLE_HEAD : STY_PLAIN,
					  src->arg);
			cell_take(st, &cells[i]);
			if (span_cols(src, r, c, i) == 1 && cells[i].width > colw[c])
				colw[c] = cells[i].width;
		}
	/* a cell across columns widens them if they are too narrow together */
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++) {
			size_t i = r * ncols + c, k = span_cols(src, r, c, i);
			int room = 3 * (int)(k - 1);
			if (k == 1 || org(src, i) != i)
				continue;
			for (size_t j = c; j < c + k; j++)
				room += colw[j];
			/* spread over them, the last ones taking what is left */
			for (size_t j = 0; cells[i].width > room && j < k; j++) {
				int more =
				    (cells[i].width - room + (int)(k - j) - 1) / (int)(k - j);
				colw[c + k - 1 - j] += more;
				room += more;
			}
		}
	total = 1;
	for (c = 0; c < ncols; c++)
		total += colw[c] + 3;
	from = xcalloc(ncols, sizeof *from);

	wrap_open_block(st);
	if (total <= st->o->width - wrap_prefix_width(st)) {
		border(st, src, colw, SIZE_MAX, 0);
		for (r = 0; r < nrows; r++) {
			size_t nl = 1;
			for (c = 0; c < ncols; c++) {
				size_t i = r * ncols + c;
				from[c] = 0;
				if (org(src, i) == i && cells[i].nlines > nl)
					nl = cells[i].nlines;
			}
			for (size_t k = 0; k < nl; k++) {
				wrap_begin_line(st, false);
				for (c = 0; c < ncols;) {
					size_t o = org(src, r * ncols + c),
					       n = span_cols(src, r, c, o);
					/* a cell from a row above is shown there */
					static char nothing[1];
					static const struct cell none = {.text = nothing};
					const struct cell *ce =
					    o != SIZE_MAX && o / ncols == r ? &cells[o] : &none;
					size_t end = from[c] < ce->len ? cell_line_end(ce, from[c])
								       : from[c];
					int w = text_width(ce->text + from[c], end - from[c]);
					int cw = 3 * (int)(n - 1), pad, left = 0;
					uint8_t a = align ? align[c] : 0;

					for (size_t j = c; j < c + n; j++)
						cw += colw[j];
					pad = cw - w;
					if (a == 'r')
						left = pad;
					else if (a == 'c')
						left = pad / 2;
					lines_add(&st->r->lines, bar, strlen(bar), STY_MARKER, 0);
					lines_pad(&st->r->lines, 1 + left, STY_PLAIN);
					cell_put(st, ce, from[c], end, 0);
					lines_pad(&st->r->lines, pad - left + 1, STY_PLAIN);
					from[c] = end < ce->len ? end + 1 : end;
					c += n;
				}
				lines_add(&st->r->lines, bar, strlen(bar), STY_MARKER, 0);
				lines_end(&st->r->lines);
			}
			if (r == 0 && head)
				border(st, src, colw, 0, nrows > 1 ? 1 : SIZE_MAX);
		}
		border(st, src, colw, nrows - 1, SIZE_MAX);
	} else {
		/* Too wide: each row becomes a block of "Header: value" lines,
		 * an empty value none, a value's later lines indented; without
		 * a header row, a block of values.  A cell across columns is
		 * one value, under its first column's header; a cell across
		 * rows is a value of each of them (a header cell too, then
		 * without a label). */
		bool shown = false; /* a row has been written */
		st->hang = 2;
		for (r = head ? 1 : 0; r < nrows; r++) {
			bool any = false;
			for (c = 0; c < ncols; c++) {
				size_t o = org(src, r * ncols + c),
				       ho = head ? org(src, c) : SIZE_MAX;
				const struct cell *v;
				/* none, or the cell of the column before */
				if (o == SIZE_MAX || (c > 0 && org(src, r * ncols + c - 1) == o))
					continue;
				v = &cells[o];
				if (ho == o) /* a header cell reaching down: no label */
					ho = SIZE_MAX;
				if (v->len == 0)
					continue;
				if (shown && !any)
					wrap_blank_line(st);
				any = shown = true;
				if (ho != SIZE_MAX && cells[ho].len > 0) {
					cell_run(st, &cells[ho], STY_STRONG);
					wrap_run_add(&st->run, ":", 1, STY_TABLE_HEAD | STY_STRONG,
						     0);
					/* a value of several lines starts below */
					wrap_run_add(&st->run, v->nlines > 1 ? "\n" : " ", 1,
						     STY_PLAIN, 0);
				}
				cell_run(st, v, 0);
				wrap_flow(st, 0);
			}
		}
		if (nrows == 1 && head) {
			for (c = 0; c < ncols; c++) {
				if (org(src, c) != c)
					continue;
				cell_run(st, &cells[c], STY_STRONG);
				wrap_flow(st, 0);
			}
		}
		st->hang = 0;
	}
	for (r = 0; r < nrows * ncols; r++) {
		free(cells[r].text);
		free(cells[r].segs);
	}
	free(cells);
	free(colw);
	free(from);
	st->need_blank = true;
}

/* A GFM table's cells, met in order (mdtable_layout asks row by row). */
struct gfm_cursor {
	cmark_node *table, *row, *cell;
};

static void
gfm_fill(struct state *st, size_t r, size_t c, uint16_t style, void *arg)
{
	struct gfm_cursor *cur = arg;

	if (c == 0) {
		cur->row = r == 0 ? cmark_node_first_child(cur->table) : cmark_node_next(cur->row);
		cur->cell = cur->row ? cmark_node_first_child(cur->row) : NULL;
	} else if (cur->cell != NULL) {
		cur->cell = cmark_node_next(cur->cell);
	}
	if (cur->cell != NULL)
		mdrender_inlines(st, cur->cell, style);
}

void
mdtable_render(struct state *st, cmark_node *table)
{
	struct gfm_cursor cur = {table, NULL, NULL};
	struct mdtable_src src = {0};
	cmark_node *row;

	src.ncols = cmark_gfm_extensions_get_table_columns(table);
	src.align = cmark_gfm_extensions_get_table_alignments(table);
	src.head = true;
	src.fill = gfm_fill;
	src.arg = &cur;
	for (row = cmark_node_first_child(table); row; row = cmark_node_next(row))
		src.nrows++;
	mdtable_layout(st, &src);
}
