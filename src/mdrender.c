/*
 * mdrender.c - walks a cmark-gfm tree and writes styled, wrapped lines.
 *
 * Blocks are visited with cmark_iter (no recursion, so deeply nested
 * input cannot exhaust the stack).  Containers (block quotes, list items)
 * push a prefix: what their first line starts with ("• ", "3. ", "☐ ") and
 * what later lines start with (spaces, "│ ").  Leaf blocks collect their
 * inline content into one flat buffer of styled segments, which flow()
 * then breaks at spaces into lines no wider than the space left after the
 * prefixes; a word wider than a whole line is cut at a cell boundary.
 *
 * Invariant: every line written is at most opt->width cells wide.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>

#include "markdown.h"
#include "mdrender.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* Prefix nesting beyond this adds no more indentation, so that absurdly
 * deep input still leaves room for its text. */
#define MAX_PREFIX_DEPTH 12
#define PREFIX_BYTES 48

struct prefix {
	char first[PREFIX_BYTES]; /* text of the first line */
	char cont[PREFIX_BYTES];  /* text of the lines after it */
	int width;                /* cells, same for both */
	bool used;                /* the first line has been written */
	uint16_t style;
	uint32_t task;            /* task number of a task item, 0 otherwise */
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

struct state {
	struct render *r;
	const struct mdrender_opts *o;
	const struct outline *ol;
	size_t hint;
	uint32_t section;
	long pending; /* section whose first line is still to come, or -1 */
	struct prefix *pre;
	size_t npre, precap, depth; /* depth counts pushes beyond MAX_PREFIX_DEPTH too */
	bool *pushed;               /* per depth: was the prefix recorded */
	size_t pushcap;
	uint32_t orphan_task;       /* task whose marker did not fit, still to mark */
	int quotes;                 /* block quotes we are in */
	struct list_state *lists;
	size_t nlists, listcap;
	bool need_blank;
	struct runbuf run;
	/* glyphs */
	const char *rule, *quote, *box_todo, *box_done, *bullets[3];
	const char *wrap_mark; /* ends a code line that goes on below */
};

/* What render->state holds between the parts of a document. */
struct mdrender_state {
	struct mdrender_opts o;
	struct state st;
};

/* ---- small helpers ---- */

static void
run_add(struct runbuf *rb, const char *s, size_t len, uint16_t style, uint16_t link)
{
	struct seg *sg;

	if (len == 0)
		return;
	rb->buf = xgrow(rb->buf, &rb->cap, rb->len + len + 1, 1);
	memcpy(rb->buf + rb->len, s, len);
	if (rb->nsegs > 0) {
		sg = &rb->segs[rb->nsegs - 1];
		if (sg->style == style && sg->link == link && sg->off + sg->len == rb->len) {
			sg->len += len;
			rb->len += len;
			return;
		}
	}
	rb->segs = xgrow(rb->segs, &rb->scap, rb->nsegs + 1, sizeof *rb->segs);
	sg = &rb->segs[rb->nsegs++];
	sg->off = rb->len;
	sg->len = len;
	sg->style = style;
	sg->link = link;
	rb->len += len;
}

/* Adds literal text, turning tabs and newlines into spaces. */
static void
run_text(struct runbuf *rb, const char *s, uint16_t style, uint16_t link)
{
	size_t len = strlen(s), start = rb->len;

	run_add(rb, s, len, style, link);
	for (size_t i = start; i < rb->len; i++)
		if (rb->buf[i] == '\t' || rb->buf[i] == '\n')
			rb->buf[i] = ' ';
}

static void
run_reset(struct runbuf *rb)
{
	rb->len = 0;
	rb->nsegs = 0;
}

static void
run_free(struct runbuf *rb)
{
	free(rb->buf);
	free(rb->segs);
	memset(rb, 0, sizeof *rb);
}

static int
prefix_width(const struct state *st)
{
	int w = 0;

	for (size_t i = 0; i < st->npre; i++)
		w += st->pre[i].width;
	return w;
}

/* Copies a prefix into its fixed buffer (callers keep them short). */
static void
copy_prefix(char dst[PREFIX_BYTES], const char *src)
{
	size_t n = strlen(src);

	if (n >= PREFIX_BYTES)
		n = PREFIX_BYTES - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
push_prefix(struct state *st, const char *first, const char *cont, uint16_t style, uint32_t task)
{
	struct prefix *p;
	int w;

	st->pushed = xgrow(st->pushed, &st->pushcap, st->depth + 1, sizeof *st->pushed);
	st->pushed[st->depth++] = false;
	w = text_width(first, strlen(first));
	/* Never let prefixes eat more than half the width. */
	if (st->npre >= MAX_PREFIX_DEPTH || prefix_width(st) + w > st->o->width / 2) {
		if (task)
			st->orphan_task = task;
		return;
	}
	st->pushed[st->depth - 1] = true;
	st->pre = xgrow(st->pre, &st->precap, st->npre + 1, sizeof *st->pre);
	p = &st->pre[st->npre++];
	copy_prefix(p->first, first);
	copy_prefix(p->cont, cont);
	p->width = w;
	p->used = false;
	p->style = style;
	p->task = task;
}

static void
pop_prefix(struct state *st)
{
	/* Pushes past the limit were not recorded; pop only what was. */
	if (st->pushed[--st->depth])
		st->npre--;
}

/* Starts a line and writes the prefixes; returns the cells left. */
static int
begin_line(struct state *st, bool blank)
{
	enum line_kind kind = LINE_TEXT;
	uint32_t aux = 0;
	struct lines *l = &st->r->lines;

	for (size_t i = 0; i < st->npre; i++)
		if (!st->pre[i].used && st->pre[i].task && !blank) {
			kind = LINE_TASK;
			aux = st->pre[i].task;
		}
	if (st->orphan_task && !blank) {
		kind = LINE_TASK;
		aux = st->orphan_task;
		st->orphan_task = 0;
	}
	if (st->pending >= 0 && !blank) {
		st->section = (uint32_t)st->pending;
		st->r->section_line[st->pending] = st->r->total;
		st->pending = -1;
	}
	lines_begin(l, kind, st->section, aux);
	st->r->total++;
	for (size_t i = 0; i < st->npre; i++) {
		struct prefix *p = &st->pre[i];
		const char *s = (p->used || blank) ? p->cont : p->first;
		size_t n = strlen(s);

		if (blank) {
			/* A blank line keeps quote bars but no trailing spaces. */
			bool rest_blank = true;
			for (size_t j = i; j < st->npre; j++)
				if (strspn(st->pre[j].cont, " ") != strlen(st->pre[j].cont))
					rest_blank = false;
			if (rest_blank)
				break;
			{
				bool last = true;
				for (size_t j = i + 1; j < st->npre; j++)
					if (strspn(st->pre[j].cont, " ") != strlen(st->pre[j].cont))
						last = false;
				if (last)
					while (n > 0 && s[n - 1] == ' ')
						n--;
			}
		}
		lines_add(l, s, n, p->style, 0);
		if (!blank)
			p->used = true;
	}
	l->v[l->n - 1].lead = (uint16_t)(l->v[l->n - 1].len < UINT16_MAX ? l->v[l->n - 1].len : 0);
	return st->o->width - prefix_width(st);
}

static void
blank_line(struct state *st)
{
	begin_line(st, true);
	lines_end(&st->r->lines);
	/* Trailing spaces of a blank quoted line are trimmed by construction. */
}

/* Emits the blank line owed before a new block. */
static void
open_block(struct state *st)
{
	if (st->need_blank && st->r->total > 0)
		blank_line(st);
	st->need_blank = false;
}

/* Copies run bytes [from, to) to the open line with their styles. */
static void
emit_range(struct state *st, size_t from, size_t to, size_t *si, uint16_t extra)
{
	struct runbuf *rb = &st->run;

	while (*si < rb->nsegs && rb->segs[*si].off + rb->segs[*si].len <= from)
		(*si)++;
	for (size_t k = *si; k < rb->nsegs && from < to; k++) {
		const struct seg *sg = &rb->segs[k];
		size_t end = sg->off + sg->len < to ? sg->off + sg->len : to;

		if (end <= from)
			continue;
		lines_add(&st->r->lines, rb->buf + from, end - from,
		          sg->style | extra | (st->quotes ? STY_QUOTE : 0), sg->link);
		from = end;
	}
}

/*
 * Breaks the run into lines at spaces.  '\n' in the run is a hard break.
 * extra is or-ed into every span's style.
 */
static void
flow(struct state *st, uint16_t extra)
{
	struct runbuf *rb = &st->run;
	struct lines *l = &st->r->lines;
	size_t pos = 0, si = 0;
	int avail = 0, col = 0;
	bool line_open = false, wrapped = false;

	while (pos < rb->len) {
		size_t start, end;
		int w;

		if (rb->buf[pos] == ' ') {
			pos++;
			continue;
		}
		if (rb->buf[pos] == '\n') {
			if (!line_open)
				begin_line(st, false);
			lines_end(l);
			line_open = false;
			pos++;
			continue;
		}
		/* find the word's end and count its cells in one pass */
		start = pos;
		w = 0;
		while (pos < rb->len && rb->buf[pos] != ' ' && rb->buf[pos] != '\n') {
			unsigned char c = (unsigned char)rb->buf[pos];
			if (c < 0x80) {
				w += c >= 0x20 && c != 0x7f;
				pos++;
			} else {
				uint32_t cp;
				pos += text_decode(rb->buf + pos, rb->len - pos, &cp);
				w += text_cp_width(cp);
			}
		}
		end = pos;
		if (line_open && col + 1 + w > avail) {
			lines_end_width(l, st->o->width - avail + col);
			line_open = false;
			wrapped = true; /* the space before this word becomes the break */
		}
		if (!line_open) {
			avail = begin_line(st, false);
			if (avail < 1)
				avail = 1;
			line_open = true;
			col = 0;
			if (wrapped)
				l->v[l->n - 1].join = JOIN_SPACE;
			wrapped = false;
		} else {
			/* the space keeps the style of the text before it */
			emit_range(st, start - 1, start, &si, extra);
			col++;
		}
		while (w > avail - col) {
			/* A word wider than the line: cut it at a cell boundary,
			 * or after a '/' or '-' (paths, URLs, compounds) when one
			 * leaves at least a third of the line filled. */
			int used = 0;
			size_t fit = text_fit(rb->buf + start, end - start, avail - col, &used), k;

			if (fit == 0 && col == 0) /* one glyph wider than the line */
				fit = text_decode(rb->buf + start, end - start, &(uint32_t){0});
			for (k = fit; k > fit / 3 + 1; k--)
				if (rb->buf[start + k - 1] == '/' || rb->buf[start + k - 1] == '-')
					break;
			if (k > fit / 3 + 1 && k < fit)
				fit = k;
			emit_range(st, start, start + fit, &si, extra);
			w -= text_width(rb->buf + start, fit);
			start += fit;
			lines_end(l);
			avail = begin_line(st, false);
			if (avail < 1)
				avail = 1;
			col = 0;
			l->v[l->n - 1].join = JOIN_WORD;
		}
		emit_range(st, start, end, &si, extra);
		col += w;
	}
	if (line_open)
		lines_end_width(l, st->o->width - avail + col);
	run_reset(rb);
}

/* ---- inline content ---- */

static uint16_t
add_link(struct state *st, const char *url)
{
	struct render *r = st->r;

	if (r->nlinks >= UINT16_MAX)
		return 0;
	r->links = xgrow(r->links, &r->links_cap, r->nlinks + 1, sizeof *r->links);
	r->links[r->nlinks].url = xstrdup(url ? url : "");
	r->links[r->nlinks].shown = false;
	return (uint16_t)++r->nlinks;
}

static bool
is_br(const char *html)
{
	const char *s = html;

	if (strncasecmp(s, "<br", 3) != 0)
		return false;
	s += 3;
	while (*s == ' ' || *s == '/')
		s++;
	return *s == '>';
}

/* The value of attribute name in the tag at s (up to its '>'): a new
 * string, or NULL. */
static char *
tag_attr(const char *s, const char *name)
{
	const char *end = strchr(s, '>'), *p = s;
	size_t nl = strlen(name);

	if (end == NULL)
		end = s + strlen(s);
	while ((p = strpbrk(p, " \t\n")) != NULL && p < end) {
		p++;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
			const char *v = p + nl + 1, *e;
			if (*v == '"' || *v == '\'') {
				e = strchr(v + 1, *v);
				v++;
			} else {
				e = v + strcspn(v, " \t\n>");
			}
			if (e == NULL || e > end)
				e = end;
			return xstrndup(v, (size_t)(e - v));
		}
	}
	return NULL;
}

/* For an <img> tag, what stands in for the picture, as for a Markdown
 * image: "[image: alt]", or the file's name when there is no alt text.
 * Adds it to the run and returns true; false for any other tag. */
static bool
html_image(struct state *st, const char *s, uint16_t style, uint16_t link)
{
	char *label;

	if (strncasecmp(s, "<img", 4) != 0 || (s[4] != ' ' && s[4] != '\t' && s[4] != '\n' &&
	                                       s[4] != '/' && s[4] != '>'))
		return false;
	label = tag_attr(s, "alt");
	if (label == NULL || label[0] == '\0') {
		char *src = tag_attr(s, "src");
		free(label);
		label = NULL;
		if (src != NULL) {
			const char *base = strrchr(src, '/');
			label = xstrdup(base && base[1] ? base + 1 : src);
			free(src);
		}
	}
	run_add(&st->run, "[image", 6, style | STY_DIM, link);
	if (label != NULL && label[0] != '\0') {
		run_add(&st->run, ": ", 2, style | STY_DIM, link);
		run_text(&st->run, label, style | STY_DIM, link);
	}
	run_add(&st->run, "]", 1, style | STY_DIM, link);
	free(label);
	return true;
}

/* Text of a link node's content, to compare with its URL. */
static bool
link_is_bare(cmark_node *link, const char *url)
{
	cmark_node *c = cmark_node_first_child(link);
	const char *lit;

	if (c == NULL || cmark_node_next(c) != NULL || cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return false;
	lit = cmark_node_get_literal(c);
	if (lit == NULL || url == NULL)
		return false;
	if (strncmp(url, "mailto:", 7) == 0)
		url += 7;
	return strcmp(lit, url) == 0 || (strncmp(url, "http://", 7) == 0 && strcmp(lit, url + 7) == 0);
}

/* Collects the inline children of node into st->run. */
static void
collect_inlines(struct state *st, cmark_node *node, uint16_t base)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	int emph = 0, strong = 0, strike = 0, image = 0;
	uint16_t link = 0;
	cmark_node *link_node = NULL;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int d = ev == CMARK_EVENT_ENTER ? 1 : -1;
		uint16_t style;

		if (n == node)
			continue;
		if (t == CMARK_NODE_EMPH) {
			emph += d;
			continue;
		}
		if (t == CMARK_NODE_STRONG) {
			strong += d;
			continue;
		}
		if (t == md_node_strikethrough) {
			strike += d;
			continue;
		}
		if (t == CMARK_NODE_IMAGE && ev == CMARK_EVENT_EXIT)
			image--;
		style = base | (emph ? STY_EMPH : 0) | (strong ? STY_STRONG : 0) |
		        (strike ? STY_STRIKE : 0) | (link ? STY_LINK : 0) | (image ? STY_DIM : 0);
		if (t == CMARK_NODE_IMAGE && ev == CMARK_EVENT_ENTER)
			image++;
		switch (t) {
		case CMARK_NODE_TEXT:
			run_text(&st->run, cmark_node_get_literal(n), style, link);
			break;
		case CMARK_NODE_CODE:
			run_text(&st->run, cmark_node_get_literal(n), style | STY_CODE, link);
			break;
		case CMARK_NODE_SOFTBREAK:
			run_add(&st->run, " ", 1, style, link);
			break;
		case CMARK_NODE_LINEBREAK:
			run_add(&st->run, "\n", 1, style, link);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (is_br(cmark_node_get_literal(n)))
				run_add(&st->run, "\n", 1, style, link);
			else
				html_image(st, cmark_node_get_literal(n), style, link);
			break;
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER) {
				if (link == 0) {
					link = add_link(st, cmark_node_get_url(n));
					link_node = n;
				}
			} else if (n == link_node) {
				const char *url = cmark_node_get_url(n);
				if (st->o->references && link && !link_is_bare(n, url) &&
				    url && *url && *url != '#') {
					struct render_link *rl = &st->r->links[link - 1];
					char mark[16];
					if (!rl->shown) {
						rl->shown = true;
						rl->ref = ++st->r->nrefs;
					}
					snprintf(mark, sizeof mark, "[%u]", (unsigned)rl->ref);
					run_add(&st->run, mark, strlen(mark), (uint16_t)(base | STY_DIM), 0);
				}
				link = 0;
				link_node = NULL;
			}
			break;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER)
				run_add(&st->run, "[image: ", 8, style | STY_DIM, link);
			else
				run_add(&st->run, "]", 1, style | STY_DIM, link);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- leaf blocks ---- */

static void
render_paragraph(struct state *st, cmark_node *n, uint16_t style)
{
	open_block(st);
	collect_inlines(st, n, style);
	if (st->run.len == 0) {
		/* an empty item ("- [ ]" alone) still gets its marker line */
		begin_line(st, false);
		lines_end(&st->r->lines);
	}
	flow(st, 0);
}

static void
rule_line(struct state *st, const char *glyph, int cells, uint16_t style)
{
	int avail = begin_line(st, false);
	size_t gl = strlen(glyph);

	if (cells > avail)
		cells = avail;
	for (int i = 0; i < cells; i++)
		lines_add(&st->r->lines, glyph, gl, style, 0);
	lines_end(&st->r->lines);
}

static void
render_heading(struct state *st, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	uint16_t style = level == 1 ? STY_TITLE : STY_HEADING;
	size_t first = st->r->lines.n;
	int w = 0;

	st->need_blank = st->r->total > 0;
	open_block(st);
	collect_inlines(st, n, style);
	flow(st, 0);
	for (size_t i = first; i < st->r->lines.n; i++)
		if (st->r->lines.v[i].width > w)
			w = st->r->lines.v[i].width;
	if (level <= 2 && w > 0)
		rule_line(st, level == 1 ? (st->o->ascii ? "=" : "═") : (st->o->ascii ? "-" : "─"),
		          w - prefix_width(st), STY_MARKER);
}

static void
render_code(struct state *st, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	struct lines *l = &st->r->lines;

	open_block(st);
	push_prefix(st, "  ", "  ", STY_PLAIN, 0);
	while (len > 0) {
		const char *nl = memchr(s, '\n', len), *p = s;
		size_t ll = nl ? (size_t)(nl - s) : len, rem = ll;
		char *expanded = NULL;

		if (memchr(s, '\t', ll) != NULL) {
			/* expand tabs to 4-cell stops */
			struct strbuf eb = STRBUF_INIT;
			int col = 0;

			for (size_t i = 0; i < ll;) {
				if (s[i] == '\t') {
					int k = 4 - col % 4;
					strbuf_pad(&eb, ' ', k);
					col += k;
					i++;
				} else {
					uint32_t cp;
					size_t k = text_decode(s + i, ll - i, &cp);
					strbuf_add(&eb, s + i, k);
					col += text_cp_width(cp);
					i += k;
				}
			}
			rem = eb.len;
			p = expanded = strbuf_take(&eb);
		}
		do {
			int avail = begin_line(st, false), used = 0;
			size_t fit = text_fit(p, rem, avail > 0 ? avail : 1, &used);

			if (fit < rem && avail > 2) {
				/* it goes on: one cell for the mark that says so */
				fit = text_fit(p, rem, avail - 1, &used);
			}
			if (fit == 0 && rem > 0) {
				fit = text_decode(p, rem, &(uint32_t){0});
				used = text_width(p, fit);
			}
			lines_add(l, p, fit, STY_CODE, 0);
			if (fit < rem && avail > 2) {
				lines_add(l, st->wrap_mark, strlen(st->wrap_mark), STY_MARKER, 0);
				used++;
			}
			lines_end_width(l, st->o->width - avail + used);
			p += fit;
			rem -= fit;
		} while (rem > 0);
		free(expanded);
		s += ll;
		len -= ll;
		if (len > 0) {
			s++;
			len--;
		}
		/* a long block is handed over as it goes (print), not kept whole */
		if (l->n >= 1024)
			lines_flush(l);
	}
	pop_prefix(st);
	st->need_blank = true;
}

/* Raw HTML blocks: comments vanish, tags are dropped, <br> breaks lines,
 * and whatever text remains is shown as a plain paragraph. */
static void
render_html(struct state *st, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	bool any = false;

	if (s == NULL)
		return;
	while (*s != '\0') {
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = strstr(s + 4, "-->");
			s = e ? e + 3 : s + strlen(s);
		} else if (*s == '<') {
			const char *e = strchr(s, '>');
			if (is_br(s))
				run_add(&st->run, "\n", 1, STY_PLAIN, 0);
			else if (html_image(st, s, STY_PLAIN, 0))
				any = true;
			else if (e != NULL)
				run_add(&st->run, " ", 1, STY_PLAIN, 0);
			s = e ? e + 1 : s + strlen(s);
		} else {
			size_t k = strcspn(s, "<");
			for (size_t i = 0; i < k; i++)
				if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
					any = true;
			run_add(&st->run, s, k, STY_PLAIN, 0);
			for (size_t i = st->run.len - k; i < st->run.len; i++)
				if (st->run.buf[i] == '\n' || st->run.buf[i] == '\t')
					st->run.buf[i] = ' ';
			s += k;
		}
	}
	if (!any) {
		run_reset(&st->run);
		return;
	}
	open_block(st);
	flow(st, 0);
	st->need_blank = true;
}

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
	run_reset(&st->run);
}

static void
cell_put(struct state *st, const struct cell *c, uint16_t extra)
{
	for (size_t k = 0; k < c->nsegs; k++)
		lines_add(&st->r->lines, c->text + c->segs[k].off, c->segs[k].len,
		          c->segs[k].style | extra, c->segs[k].link);
}

static void
border(struct state *st, const int *colw, size_t ncols, const char *l, const char *m,
       const char *r, const char *h)
{
	begin_line(st, false);
	lines_add(&st->r->lines, l, strlen(l), STY_MARKER, 0);
	for (size_t c = 0; c < ncols; c++) {
		for (int i = 0; i < colw[c] + 2; i++)
			lines_add(&st->r->lines, h, strlen(h), STY_MARKER, 0);
		const char *j = c + 1 < ncols ? m : r;
		lines_add(&st->r->lines, j, strlen(j), STY_MARKER, 0);
	}
	lines_end(&st->r->lines);
}

static void
render_table(struct state *st, cmark_node *table)
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
		for (cell = cmark_node_first_child(row); cell && c < ncols; cell = cmark_node_next(cell), c++) {
			collect_inlines(st, cell, head ? STY_TABLE_HEAD : STY_PLAIN);
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

	open_block(st);
	if (total <= st->o->width - prefix_width(st)) {
		border(st, colw, ncols, asc ? "+" : "┌", asc ? "+" : "┬", asc ? "+" : "┐", asc ? "-" : "─");
		for (r = 0; r < nrows; r++) {
			begin_line(st, false);
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
				border(st, colw, ncols, asc ? "+" : "├", asc ? "+" : "┼", asc ? "+" : "┤",
				       asc ? "-" : "─");
		}
		border(st, colw, ncols, asc ? "+" : "└", asc ? "+" : "┴", asc ? "+" : "┘", asc ? "-" : "─");
	} else {
		/* Too wide: each row becomes a block of "Header: value" lines. */
		for (r = 1; r < nrows; r++) {
			if (r > 1)
				blank_line(st);
			for (c = 0; c < ncols; c++) {
				const struct cell *h = &cells[c], *v = &cells[r * ncols + c];
				for (size_t k = 0; k < h->nsegs; k++)
					run_add(&st->run, h->text + h->segs[k].off, h->segs[k].len,
					        h->segs[k].style | STY_STRONG, h->segs[k].link);
				run_add(&st->run, ":", 1, STY_TABLE_HEAD | STY_STRONG, 0);
				for (size_t k = 0; k < v->nsegs; k++) {
					if (k == 0)
						run_add(&st->run, " ", 1, STY_PLAIN, 0);
					run_add(&st->run, v->text + v->segs[k].off, v->segs[k].len,
					        v->segs[k].style, v->segs[k].link);
				}
				flow(st, 0);
			}
		}
		if (nrows == 1) {
			for (c = 0; c < ncols; c++) {
				const struct cell *h = &cells[c];
				for (size_t k = 0; k < h->nsegs; k++)
					run_add(&st->run, h->text + h->segs[k].off, h->segs[k].len,
					        h->segs[k].style | STY_STRONG, h->segs[k].link);
				flow(st, 0);
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

/* ---- containers ---- */

static bool
in_tight_item(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n);

	return item && cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	       cmark_node_get_list_tight(cmark_node_parent(item));
}

static void
enter_item(struct state *st, cmark_node *item)
{
	struct list_state *ls = st->nlists ? &st->lists[st->nlists - 1] : NULL;
	char first[PREFIX_BYTES], cont[PREFIX_BYTES];
	bool checked = false, task = md_is_task(item, &checked);
	uint32_t tno = 0;
	int w;

	if (ls && !ls->tight && cmark_node_previous(item) != NULL)
		st->need_blank = true;
	else if (cmark_node_previous(item) != NULL)
		st->need_blank = false;
	if (task)
		tno = (uint32_t)++st->r->ntasks;
	if (ls && ls->ordered) {
		snprintf(first, sizeof first, "%d%c %s", ls->counter++, ls->delim,
		         task ? (checked ? st->box_done : st->box_todo) : "");
	} else if (task) {
		snprintf(first, sizeof first, "%s", checked ? st->box_done : st->box_todo);
	} else {
		size_t lvl = 0;
		for (size_t i = 0; i + 1 < st->nlists; i++)
			if (!st->lists[i].ordered)
				lvl++;
		snprintf(first, sizeof first, "%s ", st->bullets[lvl % 3]);
	}
	w = text_width(first, strlen(first));
	memset(cont, ' ', (size_t)w);
	cont[w] = '\0';
	push_prefix(st, first, cont, task && checked ? (STY_MARKER | STY_DONE) : STY_MARKER, tno);
}

static void
enter_list(struct state *st, cmark_node *list)
{
	struct list_state *ls;

	st->lists = xgrow(st->lists, &st->listcap, st->nlists + 1, sizeof *st->lists);
	ls = &st->lists[st->nlists++];
	ls->ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	ls->counter = cmark_node_get_list_start(list);
	ls->tight = cmark_node_get_list_tight(list);
	ls->delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
	if (!in_tight_item(list) || cmark_node_previous(list) == NULL ||
	    cmark_node_get_type(cmark_node_parent(list)) != CMARK_NODE_ITEM)
		open_block(st);
	else
		st->need_blank = false;
}

static void
render_references(struct state *st)
{
	struct render *r = st->r;
	bool any = false;

	for (size_t i = 0; i < r->nlinks; i++)
		any |= r->links[i].shown;
	if (!any)
		return;
	st->need_blank = true;
	open_block(st);
	run_add(&st->run, "References", 10, STY_HEADING, 0);
	flow(st, 0);
	for (size_t i = 0; i < r->nlinks; i++) {
		char mark[32];
		if (!r->links[i].shown)
			continue;
		snprintf(mark, sizeof mark, "[%u] ", (unsigned)r->links[i].ref);
		run_add(&st->run, mark, strlen(mark), STY_DIM, 0);
		run_add(&st->run, r->links[i].url, strlen(r->links[i].url), STY_LINK,
		        (uint16_t)(i + 1));
		flow(st, 0);
	}
}

/* ---- the walk ---- */

static void
state_free(struct render *r)
{
	struct mdrender_state *ms = r->state;

	if (ms == NULL)
		return;
	run_free(&ms->st.run);
	free(ms->st.pre);
	free(ms->st.pushed);
	free(ms->st.lists);
	free(ms);
	r->state = NULL;
}

void
render_init(struct render *r)
{
	memset(r, 0, sizeof *r);
	lines_init(&r->lines);
}

void
render_done(struct render *r)
{
	state_free(r); /* begun, never ended */
	lines_done(&r->lines);
	for (size_t i = 0; i < r->nlinks; i++)
		free(r->links[i].url);
	free(r->links);
	free(r->section_line);
	memset(r, 0, sizeof *r);
}

void
mdrender_begin(struct render *out, const struct mdrender_opts *opt)
{
	struct mdrender_state *ms = xcalloc(1, sizeof *ms);
	struct state *st = &ms->st;

	md_init();
	ms->o = *opt;
	if (ms->o.width < MDRENDER_MIN_WIDTH)
		ms->o.width = MDRENDER_MIN_WIDTH;
	st->r = out;
	st->o = &ms->o;
	st->pending = -1;
	st->rule = ms->o.ascii ? "-" : "─";
	st->quote = ms->o.ascii ? "| " : "│ ";
	st->box_todo = ms->o.ascii ? "[ ] " : "☐ ";
	st->box_done = ms->o.ascii ? "[x] " : "☑ ";
	st->bullets[0] = ms->o.ascii ? "*" : "•";
	st->bullets[1] = ms->o.ascii ? "-" : "◦";
	st->bullets[2] = ms->o.ascii ? "+" : "▪";
	st->wrap_mark = ms->o.ascii ? "\\" : "↩";
	out->state = ms;
	out->section_line = xcalloc(1, sizeof *out->section_line);
}

void
mdrender_part(struct render *out, cmark_node *doc, const struct outline *ol)
{
	struct state *st = &out->state->st;
	size_t base = out->nsections; /* outline entry 0 of this part */
	cmark_iter *it;
	cmark_event_type ev;

	if (ol != NULL && ol->n > 0) {
		out->section_line = xreallocarray(out->section_line, base + ol->n,
		                                  sizeof *out->section_line);
		memset(out->section_line + base, 0, ol->n * sizeof *out->section_line);
		out->nsections = base + ol->n;
	}
	st->ol = ol;
	st->hint = 0;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		bool enter = ev == CMARK_EVENT_ENTER;

		if (enter && ol != NULL) {
			long sec = outline_find(ol, n, &st->hint);
			if (sec >= 0) {
				/* The section starts at its first line, so the blank
				 * line before a heading belongs to the section above. */
				if (st->pending >= 0)
					out->section_line[st->pending] = out->total;
				st->pending = (long)base + sec;
			}
		}
		switch (t) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter) {
				open_block(st);
				push_prefix(st, st->quote, st->quote, STY_MARKER, 0);
				st->quotes++;
			} else {
				st->quotes--;
				pop_prefix(st);
				st->need_blank = true;
			}
			break;
		case CMARK_NODE_LIST:
			if (enter) {
				enter_list(st, n);
			} else {
				st->nlists--;
				st->need_blank = true;
			}
			break;
		case CMARK_NODE_ITEM:
			if (enter) {
				enter_item(st, n);
			} else {
				if (cmark_node_first_child(n) == NULL) {
					/* an empty item still shows its marker (and
					 * its task's box, which the checklist counts),
					 * without the space meant for its text */
					if (st->depth > 0 && st->pushed[st->depth - 1]) {
						char *m = st->pre[st->npre - 1].first;
						size_t ml = strlen(m);
						while (ml > 0 && m[ml - 1] == ' ')
							m[--ml] = '\0';
					}
					open_block(st);
					begin_line(st, false);
					lines_end(&st->r->lines);
				}
				pop_prefix(st);
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (!enter)
				break;
			render_paragraph(st, n,
			                 ol && st->pending >= (long)base &&
			                         ol->v[st->pending - (long)base].node == n &&
			                         ol->v[st->pending - (long)base].lead
			                     ? STY_STRONG
			                     : STY_PLAIN);
			st->need_blank = !in_tight_item(n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_HEADING:
			if (!enter)
				break;
			render_heading(st, n);
			st->need_blank = true;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			render_code(st, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
			render_html(st, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			open_block(st);
			rule_line(st, st->rule, st->o->width, STY_MARKER);
			st->need_blank = true;
			break;
		default:
			if (t == md_node_table && enter) {
				render_table(st, n);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		}
		/* Streaming: hand over what is complete after each top-level
		 * block (leaf blocks are done on entry; their exit is skipped). */
		if ((!enter || t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
		     t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK ||
		     t == CMARK_NODE_THEMATIC_BREAK || t == md_node_table) &&
		    cmark_node_parent(n) == doc)
			lines_flush(&out->lines);
	}
	cmark_iter_free(it);
	st->ol = NULL; /* borrowed for this part only */
}

void
mdrender_end(struct render *out)
{
	struct mdrender_state *ms = out->state;
	struct state *st = &ms->st;

	if (st->pending >= 0)
		out->section_line[st->pending] = out->total;
	if (ms->o.references)
		render_references(st);
	lines_flush(&out->lines);
	state_free(out);
}

void
mdrender(cmark_node *doc, const struct outline *ol, const struct mdrender_opts *opt,
         struct render *out)
{
	mdrender_begin(out, opt);
	mdrender_part(out, doc, ol);
	mdrender_end(out);
}
