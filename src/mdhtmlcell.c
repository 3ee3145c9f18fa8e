/*
 * mdhtmlcell.c - the content of an HTML table's cell (see mdhtmlcell.h):
 * its inline tags, entities and links, and the Markdown blocks that a
 * table split by blank lines holds between its pieces.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "mdhtmlcell.h"
#include "xalloc.h"

/* Where the tag or comment at s ends (after its '>'), or NULL.  A tag
 * ends in the HTML block it starts in: one that a PLACE mark (the next
 * Markdown block of joined HTML) comes in before its '>' is none, its
 * '<' text, as cmark-gfm reads the block alone. */
const char *
mdhtml_tag_end(const char *s)
{
	const char *e;
	size_t k;

	if (strncmp(s, "<!--", 4) == 0) {
		e = strstr(s + 4, "-->");
		return e ? e + 3 : NULL;
	}
	k = strcspn(s, (const char[]){'>', PLACE_A, '\0'});
	return s[k] == '>' ? s + k + 1 : NULL;
}

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
			href = md_url_one_word(href);
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
size_t
mdhtml_place_at(const struct mdhtml_between *bw, const char *s, const char **end)
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
				mdhtml_cell(st, lit, strlen(lit), style, NULL);
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
void
mdhtml_cell(struct state *st, const char *s, size_t len, uint16_t base,
	    const struct mdhtml_between *bw)
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
			size_t i = mdhtml_place_at(bw, p + 1, &e);
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
		e = mdhtml_tag_end(p);
		if (e == NULL) {
			/* a '<' that opens nothing is text, and so is all up to
			 * the next PLACE mark: no tag ends before it (each '<'
			 * looked at again made "<<<..." quadratic) */
			size_t k = strncmp(p, "<!--", 4) == 0
				       ? 1
				       : strcspn(p, (const char[]){PLACE_A, '\0'});
			cell_text(st, p, k, style, link);
			p += k;
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

void
mdhtml_place_para(struct state *st, cmark_node *block)
{
	wrap_run_reset(&st->run);
	cell_block(st, block, STY_PLAIN);
	if (st->run.len > 0) {
		wrap_open_block(st);
		wrap_flow(st, 0);
		st->need_blank = true;
	}
}

/* Text of joined HTML outside any table: the HTML as a paragraph, each
 * Markdown block as one. */
void
mdhtml_text_and_blocks(struct state *st, const char *s, size_t len, const struct mdhtml_between *bw)
{
	const char *end = s + len;

	while (s < end) {
		const char *m = bw != NULL ? memchr(s, PLACE_A, (size_t)(end - s)) : NULL, *after;
		size_t i = m != NULL ? mdhtml_place_at(bw, m + 1, &after) : SIZE_MAX;
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
		mdhtml_place_para(st, bw->v[i]);
		s = after;
	}
}
