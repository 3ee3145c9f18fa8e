/*
 * mdhtmltable.c - raw HTML blocks, and the <table> inside them laid out
 * as a Markdown table is (mdtable_layout): rows from <tr>, cells from
 * <td> and <th>, a header row from <thead> or a first row of <th>, each
 * cell's text with its common inline tags (<b>, <i>, <code>, <a>, <br>,
 * <img>, lists).  What is not a table, and a table that holds no cell,
 * stays readable text (mdhtml_text).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "mdrender_state.h"
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

/* Adds the HTML s[0..len) of a cell to the run, in base style. */
static void
cell_html(struct state *st, const char *s, size_t len, uint16_t base)
{
	char *h = xstrndup(s, len);
	const char *p = h;
	int strong = 0, emph = 0, code = 0, strike = 0;
	struct anchor an = {0};

	while (*p != '\0') {
		uint16_t style = base | (strong ? STY_STRONG : 0) | (emph ? STY_EMPH : 0) |
				 (code ? STY_CODE : 0) | (strike ? STY_STRIKE : 0) |
				 (an.link ? STY_LINK : 0);
		uint16_t link = an.link;
		const char *e;
		char name[16];
		bool closing;
		int *count = NULL;

		if (*p != '<') {
			size_t k = strcspn(p, "<");
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

static void
fill(struct state *st, size_t r, size_t c, uint16_t style, void *arg)
{
	const struct htable *t = arg;
	size_t i = t->first[r] + c, end = r + 1 < t->nrows ? t->first[r + 1] : t->n;

	if (i >= end)
		return; /* a short row */
	if (t->v[i].th && !(t->head && r == 0))
		style |= STY_STRONG; /* a header cell of a row */
	cell_html(st, t->html + t->v[i].a, t->v[i].b - t->v[i].a, style);
}

/* Column alignments from the first row's align attributes, or NULL. */
static uint8_t *
alignments(const struct htable *t)
{
	uint8_t *al = NULL;
	size_t end = t->nrows > 1 ? t->first[1] : t->n;

	for (size_t i = 0; i < end && i < t->ncols; i++) {
		char *a = mdhtml_attr(t->html + t->v[i].tag, "align");
		if (a != NULL && (strcasecmp(a, "right") == 0 || strcasecmp(a, "center") == 0)) {
			if (al == NULL)
				al = xcalloc(t->ncols, 1);
			al[i] = (uint8_t)(a[0] == 'r' || a[0] == 'R' ? 'r' : 'c');
		}
		free(a);
	}
	return al;
}

/* Renders the table at html; returns where the text after it starts. */
static const char *
render_table(struct state *st, const char *html)
{
	struct htable t = {0};
	const char *end = parse_table(&t, html);
	struct mdtable_src src = {0};

	for (size_t r = 0; r < t.nrows; r++) {
		size_t n = (r + 1 < t.nrows ? t.first[r + 1] : t.n) - t.first[r];
		if (n > t.ncols)
			t.ncols = n;
	}
	if (t.n == 0 || t.ncols > MAX_COLS || t.nrows * t.ncols > MAX_CELLS) {
		/* no cell, or too big to hold: its text */
		char *all = xstrndup(html, (size_t)(end - html));
		mdhtml_text(st, all);
		free(all);
	} else {
		if (t.caption_b > t.caption_a) {
			char *cap = xstrndup(html + t.caption_a, t.caption_b - t.caption_a);
			mdhtml_text(st, cap);
			free(cap);
		}
		t.align = alignments(&t);
		src.nrows = t.nrows;
		src.ncols = t.ncols;
		src.align = t.align;
		src.head = t.head;
		src.fill = fill;
		src.arg = &t;
		mdtable_layout(st, &src);
	}
	free(t.v);
	free(t.first);
	free(t.align);
	return end;
}

void
mdhtml_block(struct state *st, const char *html)
{
	const char *t;

	if (html == NULL)
		return;
	while ((t = find_table(html)) != NULL) {
		if (t > html) {
			char *before = xstrndup(html, (size_t)(t - html));
			mdhtml_text(st, before);
			free(before);
		}
		html = render_table(st, t);
	}
	mdhtml_text(st, html);
}
