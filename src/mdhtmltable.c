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

#include "markdown.h"
#include "mdrender_state.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* A Markdown block in joined HTML: PLACE_A, its index in decimal, PLACE_B.
 * Joining is given up when an HTML block holds either byte. */
#define PLACE_A '\001'
#define PLACE_B '\002'

/* The Markdown blocks of joined HTML. */
struct between {
	cmark_node **v;
	size_t n;
};

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
	size_t *origin;		  /* per slot, the first slot of its cell (mdtable_src) */
	size_t *owner;		  /* per slot, its cell's index, SIZE_MAX: none */
	const struct between *bw; /* joined HTML's blocks, or NULL */
};

/* Where the tag or comment at s ends (after its '>'), or NULL. */
static const char *
tag_end(const char *s)
{
	const char *e;

	if (strncmp(s, "<!--", 4) == 0) {
		e = strstr(s + 4, "-->");
		return e ? e + 3 : NULL;
	}
	e = strchr(s, '>');
	return e ? e + 1 : NULL;
}

/* The first <table> tag of s outside comments, or NULL. */
static const char *
find_table(const char *s)
{
	char name[16];
	bool closing;

	while ((s = strchr(s, '<')) != NULL) {
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = tag_end(s);
			if (e == NULL)
				return NULL;
			s = e;
			continue;
		}
		if (mdhtml_tag(s, name, &closing) && !closing && strcmp(name, "table") == 0)
			return s;
		s++;
	}
	return NULL;
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
	const char *s = tag_end(html), *end;
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
		e = tag_end(s);
		if (e == NULL)
			break;
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

/* ---- a cell's content ---- */

/* Adds text with HTML's spacing (every run of blanks one space, none at
 * the start of a line) and its common entities decoded. */
static void
cell_text(struct state *st, const char *s, size_t len, uint16_t style, uint16_t link)
{
	static const struct {
		const char *name, *text;
	} ents[] = {
	    {"&amp;", "&"},   {"&lt;", "<"},	{"&gt;", ">"},	   {"&quot;", "\""},
	    {"&#39;", "'"},   {"&apos;", "'"},	{"&nbsp;", " "},   {"&#160;", " "},
	    {"&mdash;", "—"}, {"&ndash;", "–"}, {"&hellip;", "…"}, {"&copy;", "©"},
	};
	struct runbuf *rb = &st->run;

	for (size_t i = 0; i < len;) {
		char c = s[i];
		size_t k;

		if (c == ' ' || c == '\n' || c == '\t') {
			if (rb->len > 0 && rb->buf[rb->len - 1] != ' ' &&
			    rb->buf[rb->len - 1] != '\n')
				wrap_run_add(rb, " ", 1, style, link);
			i++;
			continue;
		}
		if (c == '&') {
			size_t e;
			for (e = 0; e < sizeof ents / sizeof ents[0]; e++) {
				size_t nl = strlen(ents[e].name);
				if (nl <= len - i && strncasecmp(s + i, ents[e].name, nl) == 0) {
					if (strcmp(ents[e].text, " ") == 0)
						cell_text(st, " ", 1, style, link);
					else
						wrap_run_add(rb, ents[e].text, strlen(ents[e].text),
							     style, link);
					i += nl;
					break;
				}
			}
			if (e < sizeof ents / sizeof ents[0])
				continue;
		}
		k = 1;
		while (i + k < len && s[i + k] != ' ' && s[i + k] != '\n' && s[i + k] != '\t' &&
		       s[i + k] != '&')
			k++;
		wrap_run_add(rb, s + i, k, style, link);
		i += k;
	}
}

/* An <a> tag of a cell: a link with an href is the render's link, as a
 * Markdown link is (selected and followed on screen, numbered in print). */
struct anchor {
	int depth;     /* <a> tags open */
	uint16_t link; /* the outermost one's link, 0 for none */
	bool mark;     /* print numbers it at its end */
};

/* href with each inner space written %20, as a browser sends it and as
 * cmark-gfm writes a Markdown link's: a URL is one word, so a reference
 * line that passes the width holds it whole and nothing else. */
static char *
spaces_encoded(char *href)
{
	size_t n = 0, k = 0;
	char *out;

	for (size_t i = 0; href[i] != '\0'; i++)
		n += href[i] == ' ' ? 3 : 1;
	out = xmalloc(n + 1);
	for (size_t i = 0; href[i] != '\0'; i++) {
		if (href[i] == ' ') {
			memcpy(out + k, "%20", 3);
			k += 3;
		} else {
			out[k++] = href[i];
		}
	}
	out[k] = '\0';
	free(href);
	return out;
}

static void
anchor_tag(struct state *st, struct anchor *an, const char *tag, bool closing, uint16_t base)
{
	if (!closing && an->depth++ == 0) {
		char *href = mdhtml_attr(tag, "href");
		if (href != NULL) {
			/* as browsers do: line breaks and tabs in it are dropped,
			 * spaces at its ends too (a link's target is one line) */
			size_t n = 0, a = 0;
			for (size_t i = 0; href[i] != '\0'; i++)
				if (href[i] != '\n' && href[i] != '\t' && href[i] != '\r')
					href[n++] = href[i];
			while (n > 0 && href[n - 1] == ' ')
				n--;
			href[n] = '\0';
			while (href[a] == ' ')
				a++;
			memmove(href, href + a, n - a + 1);
			href = spaces_encoded(href);
		}
		if (href != NULL && *href != '\0') {
			an->link = mdrender_link(st, href);
			an->mark = href[0] != '#';
		}
		free(href);
	} else if (closing && an->depth > 0 && --an->depth == 0) {
		if (an->link != 0 && an->mark && st->o->references)
			mdrender_ref_mark(st, an->link, base);
		an->link = 0;
	}
}

/* The index of the block whose PLACE mark is at s (past its PLACE_A),
 * with *end after the mark; SIZE_MAX when s holds none. */
static size_t
place_at(const struct between *bw, const char *s, const char **end)
{
	size_t i = 0, k = 0;

	while (s[k] >= '0' && s[k] <= '9' && k < 20) {
		i = i * 10 + (size_t)(s[k] - '0');
		k++;
	}
	if (k == 0 || s[k] != PLACE_B || bw == NULL || i >= bw->n)
		return SIZE_MAX;
	*end = s + k + 1;
	return i;
}

/* Starts a line of the cell unless the run is at one. */
static void
cell_break(struct state *st, uint16_t style)
{
	if (st->run.len > 0 && st->run.buf[st->run.len - 1] != '\n')
		wrap_run_add(&st->run, "\n", 1, style, 0);
}

static void cell_html(struct state *st, const char *s, size_t len, uint16_t base,
		      const struct between *bw);

/* Adds a Markdown block to the run as a cell shows it: each paragraph,
 * heading, list item, code line and table row a line of its own. */
static void
cell_block(struct state *st, cmark_node *node, uint16_t style)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	int *num = NULL; /* per list entered: its next item's number */
	size_t nlists = 0, cap = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit;

		if (t == CMARK_NODE_LIST) {
			if (ev == CMARK_EVENT_EXIT) {
				nlists--;
			} else {
				num = xgrow(num, &cap, nlists + 1, sizeof *num);
				num[nlists++] = cmark_node_get_list_start(n);
			}
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			/* a list item's first paragraph goes on its marker's line */
			if (cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_ITEM ||
			    cmark_node_previous(n) != NULL)
				cell_break(st, style);
			mdrender_inlines(st, n,
					 t == CMARK_NODE_HEADING ? style | STY_STRONG : style);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_ITEM: {
			cmark_node *list = cmark_node_parent(n);
			char mark[32];
			cell_break(st, style);
			if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST && nlists > 0) {
				int k = num[nlists - 1];
				if (k < 999999999) /* CommonMark's numbers have 9 digits */
					num[nlists - 1]++;
				snprintf(mark, sizeof mark, "%d. ", k);
			} else {
				snprintf(mark, sizeof mark, "%s ", st->bullets[0]);
			}
			wrap_run_add(&st->run, mark, strlen(mark), style | STY_MARKER, 0);
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			lit = cmark_node_get_literal(n);
			cell_break(st, style);
			if (lit == NULL)
				break;
			if (t == CMARK_NODE_HTML_BLOCK) {
				cell_html(st, lit, strlen(lit), style, NULL);
				break;
			}
			for (const char *p = lit; *p != '\0';) {
				size_t k = strcspn(p, "\n");
				char *line = xstrndup(p, k);
				wrap_run_text(&st->run, line, style | STY_CODE, 0);
				free(line);
				p += k;
				if (*p == '\n' && *++p != '\0')
					wrap_run_add(&st->run, "\n", 1, style, 0);
			}
			break;
		default:
			if (t == md_node_table_row) {
				cell_break(st, style);
			} else if (t == md_node_table_cell) {
				if (cmark_node_previous(n) != NULL)
					wrap_run_add(&st->run, " | ", 3, style | STY_MARKER, 0);
				mdrender_inlines(st, n, style);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		}
	}
	cmark_iter_free(it);
	free(num);
}

/* Adds the HTML s[0..len) of a cell to the run, in base style; the
 * PLACE marks in it are the blocks of bw (NULL: text). */
static void
cell_html(struct state *st, const char *s, size_t len, uint16_t base, const struct between *bw)
{
	char *h = xstrndup(s, len);
	const char *p = h;
	int strong = 0, emph = 0, code = 0, strike = 0;
	struct anchor an = {0};
	const char *stops = bw != NULL ? "<\001" : "<";

	while (*p != '\0') {
		uint16_t style = base | (strong ? STY_STRONG : 0) | (emph ? STY_EMPH : 0) |
				 (code ? STY_CODE : 0) | (strike ? STY_STRIKE : 0) |
				 (an.link ? STY_LINK : 0);
		uint16_t link = an.link;
		const char *e;
		char name[16];
		bool closing;
		int *count = NULL;

		if (*p == PLACE_A && bw != NULL) {
			size_t i = place_at(bw, p + 1, &e);
			if (i != SIZE_MAX) {
				cell_block(st, bw->v[i], base);
				cell_break(st, base);
				p = e;
			} else {
				cell_text(st, p, 1, style, link);
				p++;
			}
			continue;
		}
		if (*p != '<') {
			size_t k = strcspn(p + 1, stops) + 1;
			cell_text(st, p, k, style, link);
			p += k;
			continue;
		}
		e = tag_end(p);
		if (e == NULL) {
			/* a '<' that opens nothing is text */
			cell_text(st, p, 1, style, link);
			p++;
			continue;
		}
		if (strncmp(p, "<!--", 4) == 0) {
			p = e;
			continue;
		}
		if (!mdhtml_tag(p, name, &closing)) {
			char *tag = xstrndup(p, (size_t)(e - p));
			mdhtml_inline(st, tag, style, link);
			free(tag);
			p = e;
			continue;
		}
		if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0)
			count = &strong;
		else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0)
			count = &emph;
		else if (strcmp(name, "code") == 0 || strcmp(name, "tt") == 0 ||
			 strcmp(name, "kbd") == 0 || strcmp(name, "samp") == 0)
			count = &code;
		else if (strcmp(name, "s") == 0 || strcmp(name, "del") == 0 ||
			 strcmp(name, "strike") == 0)
			count = &strike;
		if (count != NULL) {
			if (!closing)
				++*count;
			else if (*count > 0)
				--*count;
		} else if (strcmp(name, "a") == 0) {
			anchor_tag(st, &an, p, closing, base);
		} else if (mdhtml_is_br(p)) {
			wrap_run_add(&st->run, "\n", 1, style, link);
		} else if (mdhtml_image(st, p, style, link)) {
			/* its stand-in is in the run */
		} else if (strcmp(name, "tr") == 0 || strcmp(name, "table") == 0) {
			wrap_run_add(&st->run, "\n", 1, style, link); /* a table in a cell */
		} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
			cell_text(st, " ", 1, style, link);
		} else {
			char *tag = xstrndup(p, (size_t)(e - p));
			mdhtml_inline(st, tag, style, link);
			free(tag);
		}
		p = e;
	}
	if (an.depth > 0) { /* an <a> the cell leaves open ends with it */
		an.depth = 1;
		anchor_tag(st, &an, "</a>", true, base);
	}
	free(h);
}

/* Text of joined HTML outside any table: the HTML as a paragraph, each
 * Markdown block as one. */
static void
text_and_blocks(struct state *st, const char *s, size_t len, const struct between *bw)
{
	const char *end = s + len;

	while (s < end) {
		const char *m = bw != NULL ? memchr(s, PLACE_A, (size_t)(end - s)) : NULL, *after;
		size_t i = m != NULL ? place_at(bw, m + 1, &after) : SIZE_MAX;
		char *piece;

		if (i == SIZE_MAX) {
			piece = xstrndup(s, (size_t)(end - s));
			mdhtml_text(st, piece);
			free(piece);
			return;
		}
		piece = xstrndup(s, (size_t)(m - s));
		mdhtml_text(st, piece);
		free(piece);
		wrap_run_reset(&st->run);
		cell_block(st, bw->v[i], STY_PLAIN);
		if (st->run.len > 0) {
			wrap_open_block(st);
			wrap_flow(st, 0);
			st->need_blank = true;
		}
		s = after;
	}
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
	cell_html(st, t->html + t->v[i].a, t->v[i].b - t->v[i].a, style, t->bw);
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
		if ((i = place_at(t->bw, p + 1, &after)) == SIZE_MAX)
			continue;
		wrap_run_reset(&st->run);
		cell_block(st, t->bw->v[i], STY_PLAIN);
		if (st->run.len > 0) {
			wrap_open_block(st);
			wrap_flow(st, 0);
			st->need_blank = true;
		}
	}
}

/* Renders the table at html; returns where the text after it starts. */
static const char *
render_table(struct state *st, const char *html, const struct between *bw)
{
	struct htable t = {0};
	const char *end = parse_table(&t, html);
	struct mdtable_src src = {0};

	t.bw = bw;
	if (t.n == 0 || !build_grid(&t, false) || t.nrows * t.ncols > MAX_CELLS) {
		/* no cell, or too big to hold: its text */
		text_and_blocks(st, html, (size_t)(end - html), bw);
	} else {
		t.origin = xreallocarray(NULL, t.nrows * t.ncols, sizeof *t.origin);
		t.owner = xreallocarray(NULL, t.nrows * t.ncols, sizeof *t.owner);
		for (size_t i = 0; i < t.nrows * t.ncols; i++)
			t.origin[i] = t.owner[i] = SIZE_MAX;
		build_grid(&t, true);
		settle_grid(&t);
		blocks_outside(st, &t, end);
		if (t.caption_b > t.caption_a)
			text_and_blocks(st, html + t.caption_a, t.caption_b - t.caption_a, bw);
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
render_html(struct state *st, const char *html, const struct between *bw)
{
	const char *t;

	while ((t = find_table(html)) != NULL) {
		if (t > html)
			text_and_blocks(st, html, (size_t)(t - html), bw);
		html = render_table(st, t, bw);
	}
	text_and_blocks(st, html, strlen(html), bw);
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
	char name[16];
	bool closing;

	while ((s = strchr(s, '<')) != NULL) {
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = tag_end(s);
			if (e == NULL)
				return depth;
			s = e;
			continue;
		}
		if (mdhtml_tag(s, name, &closing) && strcmp(name, "table") == 0) {
			if (!closing)
				depth++;
			else if (depth > 0)
				depth--;
		}
		s++;
	}
	return depth;
}

/* Whether the walk over node meets an entry of the outline (a lead
 * paragraph): its section must start at its own line, not in a table. */
static bool
outline_entry_in(const struct state *st, cmark_node *node)
{
	cmark_iter *it;
	cmark_event_type ev;
	bool found = false;

	if (st->ol == NULL || st->ol->n == 0)
		return false;
	it = cmark_iter_new(node);
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		size_t hint = st->hint;
		if (ev == CMARK_EVENT_ENTER &&
		    outline_find(st->ol, cmark_iter_get_node(it), &hint) >= 0)
			found = true;
	}
	cmark_iter_free(it);
	return found;
}

/* Blocks, and bytes of HTML, a table is joined across at most: a table
 * left open in a long document is not searched for to its end. */
#define MAX_JOINED 1024
#define MAX_JOINED_HTML (1u << 20)

/* Whether html can be joined: it holds no byte of a PLACE mark. */
static bool
joinable(const char *html)
{
	return html != NULL && strchr(html, PLACE_A) == NULL && strchr(html, PLACE_B) == NULL;
}

/* The HTML block after node that closes the tables node leaves open
 * (depth of them), or NULL: a heading (where print's parts may start,
 * and a section), an outline's entry or a footnote comes first, or
 * nothing closes them within MAX_JOINED blocks and MAX_JOINED_HTML
 * bytes. */
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
	struct between bw = {0};
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
