/*
 * mdhtmltable.c - raw HTML blocks, and the <table> inside them laid out
 * as a Markdown table is (mdtable_layout): rows from <tr>, cells from
 * <td> and <th>, a header row from <thead> or a first row of <th>, each
 * cell's text with its common inline tags (<b>, <i>, <code>, <a>, <br>,
 * <img>, lists), cells across columns and rows (colspan, rowspan).  What
 * is not a table, and a table that holds no cell, stays readable text
 * (mdhtml_text).
 *
 * A table written with blank lines in it is several blocks to cmark-gfm
 * (a blank line ends an HTML block): HTML blocks with Markdown between
 * them, the way GitHub READMEs put Markdown in a cell.  A browser reads
 * them as one table, so mdhtml_blocks() joins them: the Markdown blocks
 * are held in the joined text as PLACE marks, laid out where they are,
 * in a cell as its text or, outside every cell, before the table (where
 * a browser moves them).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mdhtmlcell.h"
#include "mdrender_state.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* Bigger tables are shown as text: the layout keeps every cell at once. */
#define MAX_COLS 64
#define MAX_CELLS (1u << 16)

struct hcell {
	size_t tag;  /* offset of its <td>/<th> */
	size_t a, b; /* its content */
	size_t row;
	bool th;
};

struct htable {
	const char *html; /* from the <table> tag on */
	struct hcell *v;
	size_t n, cap;
	size_t nrows, ncols;
	size_t *first; /* per row: index of its first cell */
	size_t caption_a, caption_b;
	bool head;
	uint8_t *align;
	size_t *origin;			 /* per slot, the first slot of its cell (mdtable_src) */
	size_t *owner;			 /* per slot, its cell's index, SIZE_MAX: none */
	const struct mdhtml_between *bw; /* joined HTML's blocks, or NULL */
};

/* The first <table> or </table> tag of s outside comments (*closing
 * tells which), or NULL. */
static const char *
next_table_tag(const char *s, bool *closing)
{
	char name[16];

	while ((s = strchr(s, '<')) != NULL) {
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = mdhtml_tag_end(s);
			if (e == NULL)
				return NULL;
			s = e;
			continue;
		}
		if (mdhtml_tag(s, name, closing) && strcmp(name, "table") == 0)
			return s;
		s++;
	}
	return NULL;
}

/* The first <table> tag of s outside comments, or NULL. */
static const char *
find_table(const char *s)
{
	bool closing;

	while ((s = next_table_tag(s, &closing)) != NULL && closing)
		s++;
	return s;
}

static void
close_cell(struct htable *t, bool *open, size_t at)
{
	if (*open)
		t->v[t->n - 1].b = at;
	*open = false;
}

static void
new_row(struct htable *t)
{
	t->first = xreallocarray(t->first, t->nrows + 1, sizeof *t->first);
	t->first[t->nrows++] = t->n;
}

/* Reads the table at html (its <table> tag); returns where it ends: after
 * its </table>, or at the end of html when it has none. */
static const char *
parse_table(struct htable *t, const char *html)
{
	const char *s = mdhtml_tag_end(html), *end;
	int depth = 1;
	bool cell = false, row = false, thead = false, caption = false;
	bool row0_th = true, row0_thead = false;

	t->html = html;
	if (s == NULL)
		return html + strlen(html);
	while (*s != '\0') {
		char name[16];
		bool closing;
		const char *e;

		if (*s != '<') {
			s++;
			continue;
		}
		e = mdhtml_tag_end(s);
		if (e == NULL) {
			/* no tag: none ends before the next PLACE mark, if any */
			const char *m = strchr(s, PLACE_A);
			if (m == NULL || strncmp(s, "<!--", 4) == 0)
				break;
			s = m;
			continue;
		}
		if (!mdhtml_tag(s, name, &closing)) {
			s = e;
			continue;
		}
		if (strcmp(name, "table") == 0) {
			depth += closing ? -1 : 1;
			if (depth == 0) {
				close_cell(t, &cell, (size_t)(s - html));
				if (caption)
					t->caption_b = (size_t)(s - html);
				t->head = t->nrows > 0 && (row0_thead || row0_th);
				return e;
			}
		} else if (depth > 1) {
			/* a table in a cell is that cell's text */
		} else if (strcmp(name, "caption") == 0) {
			if (!closing && t->caption_b == 0) {
				t->caption_a = (size_t)(e - html);
				caption = true;
			} else if (closing && caption) {
				t->caption_b = (size_t)(s - html);
				caption = false;
			}
		} else if (strcmp(name, "thead") == 0) {
			thead = !closing;
		} else if (strcmp(name, "tr") == 0) {
			close_cell(t, &cell, (size_t)(s - html));
			row = !closing;
			if (!closing) {
				new_row(t);
				if (t->nrows == 1)
					row0_thead = thead;
			}
		} else if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0)) {
			close_cell(t, &cell, (size_t)(s - html));
			if (!closing) {
				if (!row) {
					new_row(t);
					row = true;
					if (t->nrows == 1)
						row0_thead = thead;
				}
				t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
				t->v[t->n++] = (struct hcell){
				    (size_t)(s - html), (size_t)(e - html), (size_t)(e - html),
				    t->nrows - 1, name[1] == 'h'};
				if (t->nrows == 1 && name[1] != 'h')
					row0_th = false;
				cell = true;
			}
		}
		s = e;
	}
	end = html + strlen(html);
	close_cell(t, &cell, (size_t)(end - html));
	if (caption)
		t->caption_b = (size_t)(end - html);
	t->head = t->nrows > 0 && (row0_thead || row0_th);
	return end;
}

static void
fill(struct state *st, size_t r, size_t c, uint16_t style, void *arg)
{
	const struct htable *t = arg;
	size_t i = t->owner[r * t->ncols + c];

	if (i == SIZE_MAX)
		return;
	if (t->v[i].th && !(t->head && r == 0))
		style |= STY_STRONG; /* a header cell of a row */
	mdhtml_cell(st, t->html + t->v[i].a, t->v[i].b - t->v[i].a, style, t->bw);
}

/* The number an attribute of a cell's tag holds (its leading digits, as
 * HTML reads them), or dflt when it holds none. */
static size_t
span_attr(const char *tag, const char *name, size_t dflt)
{
	char *v = mdhtml_attr(tag, name);
	size_t n = 0, k = 0;

	if (v == NULL)
		return dflt;
	while (v[k] == ' ' || v[k] == '\t' || v[k] == '\n')
		k++;
	if (v[k] < '0' || v[k] > '9') {
		free(v);
		return dflt;
	}
	for (; v[k] >= '0' && v[k] <= '9'; k++)
		n = n < 1000000 ? n * 10 + (size_t)(v[k] - '0') : n;
	free(v);
	return n;
}

/*
 * Places the cells on the grid as HTML does: each row's cells from the
 * left, past the slots that cells of rows above cover (rowspan), each
 * taking colspan columns; rowspan="0" goes to the last row.  A cell that
 * would cover a covered slot stops before it.  With place false only
 * counts the columns (t->ncols); else fills t->owner.  False when the
 * cells of a row reach past MAX_COLS columns.
 */
static bool
build_grid(struct htable *t, bool place)
{
	size_t left[MAX_COLS] = {0}, cov[MAX_COLS] = {0}; /* rows still covered; by which cell */
	size_t ncols = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		size_t end = r + 1 < t->nrows ? t->first[r + 1] : t->n, c = 0;
		for (size_t i = t->first[r]; i < end; i++) {
			const char *tag = t->html + t->v[i].tag;
			size_t cs = span_attr(tag, "colspan", 1), rs = span_attr(tag, "rowspan", 1);

			while (c < MAX_COLS && left[c] > 0)
				c++;
			if (c >= MAX_COLS)
				return false;
			/* columns no cell starts in are dropped (as a browser
			 * gives them no width): a span may run to the last */
			if (cs == 0)
				cs = 1;
			if (cs > MAX_COLS - c)
				cs = MAX_COLS - c;
			if (rs == 0 || rs > t->nrows - r)
				rs = t->nrows - r;
			for (size_t k = 0; k < cs; k++) {
				if (left[c + k] > 0) {
					cs = k;
					break;
				}
				left[c + k] = rs;
				cov[c + k] = i;
			}
			c += cs;
		}
		for (c = 0; c < MAX_COLS; c++)
			if (left[c] > 0) {
				if (place)
					t->owner[r * t->ncols + c] = cov[c];
				if (c + 1 > ncols)
					ncols = c + 1;
				left[c]--;
			}
	}
	if (!place)
		t->ncols = ncols;
	return true;
}

/* Drops the columns no cell starts in, then sets t->origin from
 * t->owner: a cell's first slot is its top left one. */
static void
settle_grid(struct htable *t)
{
	size_t nc = 0, *first = xreallocarray(NULL, t->n, sizeof *first);

	for (size_t c = 0; c < t->ncols; c++) {
		bool starts = false;
		for (size_t r = 0; r < t->nrows && !starts; r++) {
			size_t o = t->owner[r * t->ncols + c];
			starts = o != SIZE_MAX && (c == 0 || t->owner[r * t->ncols + c - 1] != o);
		}
		if (!starts)
			continue;
		for (size_t r = 0; r < t->nrows; r++)
			t->owner[r * t->ncols + nc] = t->owner[r * t->ncols + c];
		nc++;
	}
	/* rows are ncols apart still: close them up */
	for (size_t r = 0; r < t->nrows; r++)
		memmove(t->owner + r * nc, t->owner + r * t->ncols, nc * sizeof *t->owner);
	t->ncols = nc;
	for (size_t i = 0; i < t->n; i++)
		first[i] = SIZE_MAX;
	for (size_t k = 0; k < t->nrows * nc; k++) {
		size_t o = t->owner[k];
		if (o != SIZE_MAX && first[o] == SIZE_MAX)
			first[o] = k;
		t->origin[k] = o != SIZE_MAX ? first[o] : SIZE_MAX;
	}
	free(first);
}

/* Column alignments from the first row's align attributes, or NULL. */
static uint8_t *
alignments(const struct htable *t)
{
	uint8_t *al = NULL;

	for (size_t c = 0; c < t->ncols; c++) {
		size_t i = t->owner[c];
		char *a = i != SIZE_MAX ? mdhtml_attr(t->html + t->v[i].tag, "align") : NULL;
		if (a != NULL && (strcasecmp(a, "right") == 0 || strcasecmp(a, "center") == 0)) {
			if (al == NULL)
				al = xcalloc(t->ncols, 1);
			al[c] = (uint8_t)(a[0] == 'r' || a[0] == 'R' ? 'r' : 'c');
		}
		free(a);
	}
	return al;
}

/* Lays out, before the table, the blocks of joined HTML that are in the
 * table's text [html, end) but in no cell nor its caption (a browser
 * puts them there). */
static void
blocks_outside(struct state *st, const struct htable *t, const char *end)
{
	size_t k = 0;

	if (t->bw == NULL)
		return;
	for (const char *p = t->html; (p = memchr(p, PLACE_A, (size_t)(end - p))) != NULL; p++) {
		size_t off = (size_t)(p - t->html);
		const char *after;
		size_t i;

		while (k < t->n && t->v[k].b <= off)
			k++;
		if ((k < t->n && t->v[k].a <= off && off < t->v[k].b) ||
		    (off >= t->caption_a && off < t->caption_b))
			continue;
		if ((i = mdhtml_place_at(t->bw, p + 1, &after)) == SIZE_MAX)
			continue;
		mdhtml_place_para(st, t->bw->v[i]);
	}
}

/* Renders the table at html; returns where the text after it starts. */
static const char *
render_table(struct state *st, const char *html, const struct mdhtml_between *bw)
{
	struct htable t = {0};
	const char *end = parse_table(&t, html);
	struct mdtable_src src = {0};

	t.bw = bw;
	if (t.n == 0 || !build_grid(&t, false) || t.nrows * t.ncols > MAX_CELLS) {
		/* no cell, or too big to hold: its text */
		mdhtml_text_and_blocks(st, html, (size_t)(end - html), bw);
	} else {
		t.origin = xreallocarray(NULL, t.nrows * t.ncols, sizeof *t.origin);
		t.owner = xreallocarray(NULL, t.nrows * t.ncols, sizeof *t.owner);
		for (size_t i = 0; i < t.nrows * t.ncols; i++)
			t.origin[i] = t.owner[i] = SIZE_MAX;
		build_grid(&t, true);
		settle_grid(&t);
		blocks_outside(st, &t, end);
		if (t.caption_b > t.caption_a)
			mdhtml_text_and_blocks(st, html + t.caption_a, t.caption_b - t.caption_a,
					       bw);
		t.align = alignments(&t);
		src.nrows = t.nrows;
		src.ncols = t.ncols;
		src.align = t.align;
		src.head = t.head;
		src.fill = fill;
		src.arg = &t;
		src.origin = t.origin;
		mdtable_layout(st, &src);
	}
	free(t.v);
	free(t.first);
	free(t.align);
	free(t.origin);
	free(t.owner);
	return end;
}

/* Renders html: each <table> in it as a table, the text around them as a
 * paragraph; bw: the blocks of joined HTML, or NULL. */
static void
render_html(struct state *st, const char *html, const struct mdhtml_between *bw)
{
	const char *t;

	while ((t = find_table(html)) != NULL) {
		if (t > html)
			mdhtml_text_and_blocks(st, html, (size_t)(t - html), bw);
		html = render_table(st, t, bw);
	}
	mdhtml_text_and_blocks(st, html, strlen(html), bw);
}

void
mdhtml_block(struct state *st, const char *html)
{
	if (html != NULL)
		render_html(st, html, NULL);
}

/* The tables open after s, given those open before (depth): <table> and
 * </table> tags outside comments counted, never below 0. */
static size_t
table_depth(const char *s, size_t depth)
{
	bool closing;

	while ((s = next_table_tag(s, &closing)) != NULL) {
		if (!closing)
			depth++;
		else if (depth > 0)
			depth--;
		s++;
	}
	return depth;
}

/* Whether node or a block inside it is the outline's next entry (a
 * heading, a lead paragraph): its section must start at its own line,
 * not in a table.  Entries come in document order, so only the next one
 * can be met (outline_find). */
static bool
outline_entry_in(const struct state *st, cmark_node *node)
{
	if (st->ol == NULL || st->hint >= st->ol->n)
		return false;
	for (cmark_node *p = st->ol->v[st->hint].node; p != NULL; p = cmark_node_parent(p))
		if (p == node)
			return true;
	return false;
}

/* Blocks, bytes of HTML and tables open a table is joined across at
 * most: a table left open in a long document is not searched for to its
 * end, nor one in tables left open again and again. */
#define MAX_JOINED 256
#define MAX_JOINED_HTML (1u << 20)
#define MAX_JOINED_DEPTH 8

/* Whether html can be joined: it holds no byte of a PLACE mark. */
static bool
joinable(const char *html)
{
	return html != NULL && strchr(html, PLACE_A) == NULL && strchr(html, PLACE_B) == NULL;
}

/* The HTML block after node that closes the tables node leaves open
 * (depth of them), or NULL: a heading (where print's parts may start,
 * and a section), an outline's entry or a footnote comes first, or
 * nothing closes them within the MAX_JOINED limits. */
static cmark_node *
closing_block(const struct state *st, cmark_node *node, size_t depth)
{
	size_t nblocks = 0, bytes = 0;

	for (cmark_node *m = cmark_node_next(node); m != NULL && nblocks < MAX_JOINED;
	     m = cmark_node_next(m)) {
		cmark_node_type t = cmark_node_get_type(m);

		nblocks++;
		if (t == CMARK_NODE_HTML_BLOCK) {
			const char *s = cmark_node_get_literal(m);
			if (!joinable(s) || (bytes += strlen(s)) > MAX_JOINED_HTML)
				return NULL;
			if ((depth = table_depth(s, depth)) == 0)
				return m;
			if (depth > MAX_JOINED_DEPTH)
				return NULL;
		} else if (t == CMARK_NODE_HEADING || t == CMARK_NODE_FOOTNOTE_DEFINITION ||
			   outline_entry_in(st, m)) {
			return NULL;
		}
	}
	return NULL;
}

cmark_node *
mdhtml_blocks(struct state *st, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	struct strbuf sb = STRBUF_INIT;
	struct mdhtml_between bw = {0};
	size_t depth;
	cmark_node *last;

	if (lit == NULL)
		return node;
	depth = table_depth(lit, 0);
	if (depth == 0 || !joinable(lit) || (last = closing_block(st, node, depth)) == NULL) {
		mdhtml_block(st, lit);
		return node;
	}
	/* one text of the HTML, a PLACE mark for each block between */
	strbuf_puts(&sb, lit);
	for (cmark_node *m = cmark_node_next(node);; m = cmark_node_next(m)) {
		if (cmark_node_get_type(m) == CMARK_NODE_HTML_BLOCK) {
			strbuf_puts(&sb, cmark_node_get_literal(m));
		} else {
			bw.v = xreallocarray(bw.v, bw.n + 1, sizeof *bw.v);
			bw.v[bw.n] = m;
			strbuf_printf(&sb, "%c%zu%c\n", PLACE_A, bw.n, PLACE_B);
			bw.n++;
		}
		if (m == last)
			break;
	}
	render_html(st, sb.s, &bw);
	strbuf_free(&sb);
	free(bw.v);
	return last;
}
