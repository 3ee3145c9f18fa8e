/*
 * mdrender.c - the node walk: a cmark-gfm tree into styled, wrapped lines.
 *
 * Blocks are visited with cmark_iter (no recursion, so deeply nested
 * input cannot exhaust the stack).  Containers (block quotes, list items)
 * push a prefix (wrap.c); leaf blocks collect their inline content into
 * one flat buffer of styled segments, which wrap_flow() then breaks into
 * lines; tables are mdtable.c's.
 *
 * Invariant: every line written is at most opt->width cells wide.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>

#include "due.h"
#include "files.h"
#include "markdown.h"
#include "mdrender.h"
#include "mdrender_state.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* ---- inline content ---- */

uint16_t
mdrender_link(struct state *st, const char *url)
{
	struct render *r = st->r;

	if (r->nlinks >= UINT16_MAX)
		return 0;
	r->links = xgrow(r->links, &r->links_cap, r->nlinks + 1, sizeof *r->links);
	r->links[r->nlinks].url = xstrdup(url ? url : "");
	r->links[r->nlinks].shown = false;
	return (uint16_t)++r->nlinks;
}

void
mdrender_ref_mark(struct state *st, uint16_t link, uint16_t base)
{
	uint16_t ref = link ? mdrefs_number(st, link) : 0;
	char mark[16];
	size_t n = sizeof mark;

	if (ref == 0)
		return;
	/* "[%u]" by hand: one for every link of the document */
	mark[--n] = ']';
	do
		mark[--n] = (char)('0' + ref % 10);
	while ((ref /= 10) > 0);
	mark[--n] = '[';
	wrap_run_add(&st->run, mark + n, sizeof mark - n, (uint16_t)(base | STY_DIM), 0);
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
	return strcmp(lit, url) == 0 ||
	       (strncmp(url, "http://", 7) == 0 && strcmp(lit, url + 7) == 0);
}

#define NOTE_URL "#^fn-"
#define NOTE_BACK_URL "#^fnref-"

/* A link to footnote num's end written by prefix (NOTE_URL: the note,
 * NOTE_BACK_URL: its reference). */
static uint16_t
note_link(struct state *st, const char *prefix, const char *num)
{
	char *url = xasprintf("%s%s", prefix, num ? num : "");
	uint16_t id = mdrender_link(st, url);

	free(url);
	return id;
}

unsigned
mdrender_note_of(const char *url, bool *back)
{
	const char *num;
	unsigned long n;

	*back = url != NULL && strncmp(url, NOTE_BACK_URL, strlen(NOTE_BACK_URL)) == 0;
	if (url == NULL || (!*back && strncmp(url, NOTE_URL, strlen(NOTE_URL)) != 0))
		return 0;
	num = url + strlen(*back ? NOTE_BACK_URL : NOTE_URL);
	if (*num == '\0' || strspn(num, "0123456789") != strlen(num) || strlen(num) > 9)
		return 0;
	n = strtoul(num, NULL, 10);
	return (unsigned)n;
}

char *
mdrender_note_other_end(const char *url)
{
	bool back;
	unsigned n = mdrender_note_of(url, &back);

	if (n == 0)
		return NULL;
	return xasprintf("%s%u", back ? NOTE_URL : NOTE_BACK_URL, n);
}

/* Collects the inline children of node into st->run. */
void
mdrender_inlines(struct state *st, cmark_node *node, uint16_t base)
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
			wrap_run_text(&st->run, cmark_node_get_literal(n), style, link);
			break;
		case CMARK_NODE_CODE:
			wrap_run_text(&st->run, cmark_node_get_literal(n), style | STY_CODE, link);
			break;
		case CMARK_NODE_SOFTBREAK:
			wrap_run_add(&st->run, " ", 1, style, link);
			break;
		case CMARK_NODE_LINEBREAK:
			wrap_run_add(&st->run, "\n", 1, style, link);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (mdhtml_is_br(cmark_node_get_literal(n)))
				wrap_run_add(&st->run, "\n", 1, style, link);
			else if (!mdhtml_image(st, cmark_node_get_literal(n), style, link))
				mdhtml_inline(st, cmark_node_get_literal(n), style, link);
			break;
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER) {
				if (link == 0) {
					link = mdrender_link(st, cmark_node_get_url(n));
					link_node = n;
				}
			} else if (n == link_node) {
				const char *url = cmark_node_get_url(n);
				if (st->o->references && link && !link_is_bare(n, url) && url &&
				    *url && *url != '#') {
					mdrender_ref_mark(st, link, base);
				}
				link = 0;
				link_node = NULL;
			}
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			/* cmark-gfm numbers it (its literal is the number); outside
			 * a link it is a link to its note */
			if (ev == CMARK_EVENT_ENTER) {
				const char *num = cmark_node_get_literal(n);
				uint16_t to = link ? link : note_link(st, NOTE_URL, num);
				wrap_run_add(&st->run, "[^", 2, style | STY_DIM, to);
				wrap_run_text(&st->run, num ? num : "", style | STY_DIM, to);
				wrap_run_add(&st->run, "]", 1, style | STY_DIM, to);
			}
			break;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER) {
				wrap_run_add(&st->run, "[image: ", 8, style | STY_DIM, link);
			} else {
				const char *url = cmark_node_get_url(n);
				wrap_run_add(&st->run, "]", 1, style | STY_DIM, link);
				/* print lists a picture's file among the references */
				if (st->o->references && url && *url && *url != '#' &&
				    strncmp(url, "data:", 5) != 0)
					mdrender_ref_mark(st, mdrender_link(st, url), base);
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- leaf blocks ---- */

/* Cuts the run back to len bytes. */
static void
run_cut(struct runbuf *rb, size_t len)
{
	while (rb->nsegs > 0 && rb->segs[rb->nsegs - 1].off >= len)
		rb->nsegs--;
	if (rb->nsegs > 0 && rb->segs[rb->nsegs - 1].off + rb->segs[rb->nsegs - 1].len > len)
		rb->segs[rb->nsegs - 1].len = len - rb->segs[rb->nsegs - 1].off;
	rb->len = len;
}

/* A checklist item's marks for rolebook ("(required)", "(form: KEY)")
 * are the role model's data, not text for the reader: the rendered item
 * leaves them out, by the role model's own rule (md_strip_item_marks). */
static void
strip_item_marks(struct state *st, cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	struct runbuf *rb = &st->run;
	bool checked, required;
	char *text, *form = NULL;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM ||
	    cmark_node_first_child(item) != para || !md_is_task(item, &checked) || rb->len == 0 ||
	    rb->buf[rb->len - 1] != ')')
		return;
	text = xstrndup(rb->buf, rb->len);
	md_strip_item_marks(text, &required, &form);
	if (strlen(text) < rb->len)
		run_cut(rb, strlen(text));
	free(form);
	free(text);
}

/* A checklist group's due mark ("### First week (due: 7 days)") is the
 * role model's data as well (due.c): the heading leaves it out. */
static void
strip_heading_mark(struct state *st)
{
	struct runbuf *rb = &st->run;
	struct due_mark m;
	char *text;

	if (rb->len == 0 || rb->buf[rb->len - 1] != ')')
		return;
	text = xstrndup(rb->buf, rb->len);
	if (due_strip_mark(text, &m) && strlen(text) < rb->len)
		run_cut(rb, strlen(text));
	free(text);
}

static void
render_paragraph(struct state *st, cmark_node *n, uint16_t style)
{
	cmark_node *parent = cmark_node_parent(n);

	mdrender_inlines(st, n, style);
	strip_item_marks(st, n);
	/* a paragraph of tags that show nothing ("<span>") is no line at all */
	if (st->run.len == 0 && (parent == NULL || cmark_node_get_type(parent) != CMARK_NODE_ITEM))
		return;
	wrap_open_block(st);
	if (mdnote_label(st, n) && st->run.len == 0)
		return; /* an alert of its label alone */
	if (st->run.len == 0) {
		/* an empty item ("- [ ]" alone) still gets its marker line */
		wrap_begin_line(st, false);
		lines_end(&st->r->lines);
	}
	wrap_flow(st, 0);
}

static void
rule_line(struct state *st, const char *glyph, int cells, uint16_t style)
{
	int avail = wrap_begin_line(st, false);
	size_t gl = strlen(glyph), n = 0;
	char buf[256];

	if (cells > avail)
		cells = avail;
	/* in a few copies at once, not one call per cell */
	for (int i = 0; i < cells; i++) {
		if (n + gl > sizeof buf) {
			lines_add(&st->r->lines, buf, n, style, 0);
			n = 0;
		}
		memcpy(buf + n, glyph, gl);
		n += gl;
	}
	lines_add(&st->r->lines, buf, n, style, 0);
	/* the prefixes' cells, as wrap_flow() counts them, and the rule's */
	lines_end_width(&st->r->lines,
			st->o->width - avail + (cells > 0 ? cells * text_width(glyph, gl) : 0));
}

static void
render_heading(struct state *st, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	uint16_t style = level == 1 ? STY_TITLE : STY_HEADING;
	size_t first = st->r->lines.n;
	int w = 0;

	bool mark = level >= 3 && st->o->heading_marks;

	st->need_blank = st->r->total > 0;
	wrap_open_block(st);
	/* without colour a minor heading would read as a paragraph: a mark
	 * says what it is (print), its wrapped lines go in under its text */
	if (mark)
		wrap_push_prefix(st, st->o->ascii ? ">> " : "▸ ", st->o->ascii ? "   " : "  ",
				 STY_MARKER, 0);
	mdrender_inlines(st, n, style);
	strip_heading_mark(st);
	wrap_flow(st, 0);
	if (mark)
		wrap_pop_prefix(st);
	for (size_t i = first; i < st->r->lines.n; i++)
		if (st->r->lines.v[i].width > w)
			w = st->r->lines.v[i].width;
	if (level <= 2 && w > 0)
		rule_line(st, level == 1 ? (st->o->ascii ? "=" : "═") : (st->o->ascii ? "-" : "─"),
			  w - wrap_prefix_width(st), STY_MARKER);
}

static void
render_code(struct state *st, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	struct lines *l = &st->r->lines;

	wrap_open_block(st);
	wrap_push_prefix(st, "  ", "  ", STY_PLAIN, 0);
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
			int avail = wrap_begin_line(st, false), used = 0;
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
	wrap_pop_prefix(st);
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

/* dst = a then b, cut to fit (snprintf's "%s%s" without its cost: one
 * call per list item). */
static void
copy_mark(char dst[PREFIX_BYTES], const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na > PREFIX_BYTES - 1)
		na = PREFIX_BYTES - 1;
	if (nb > PREFIX_BYTES - 1 - na)
		nb = PREFIX_BYTES - 1 - na;
	memcpy(dst, a, na);
	memcpy(dst + na, b, nb);
	dst[na + nb] = '\0';
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
		copy_mark(first, checked ? st->box_done : st->box_todo, "");
	} else {
		size_t lvl = 0;
		for (size_t i = 0; i + 1 < st->nlists; i++)
			if (!st->lists[i].ordered)
				lvl++;
		copy_mark(first, st->bullets[lvl % 3], " ");
	}
	w = text_width(first, strlen(first));
	memset(cont, ' ', (size_t)w);
	cont[w] = '\0';
	wrap_push_prefix(st, first, cont, task && checked ? (STY_MARKER | STY_DONE) : STY_MARKER,
			 tno);
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
		wrap_open_block(st);
	else
		st->need_blank = false;
}

/* A footnote's definition (cmark-gfm has put them all at the document's
 * end, in the order of their first references): its number, as the
 * references show it, then its blocks; the first comes under a title. */
static void
enter_footnote(struct state *st)
{
	char first[PREFIX_BYTES], cont[PREFIX_BYTES];
	int w;

	if (st->footnotes++ == 0) {
		st->need_blank = true;
		wrap_open_block(st);
		wrap_run_add(&st->run, "Footnotes", 9, STY_HEADING, 0);
		wrap_flow(st, 0);
	}
	st->need_blank = false; /* one note under the other */
	snprintf(first, sizeof first, "[^%u] ", st->footnotes);
	w = text_width(first, strlen(first));
	memset(cont, ' ', (size_t)w);
	cont[w] = '\0';
	wrap_push_prefix(st, first, cont, STY_DIM, 0);
	if (st->pushed[st->depth - 1]) { /* its label leads back to the reference */
		char num[16];
		snprintf(num, sizeof num, "%u", st->footnotes);
		st->pre[st->npre - 1].link = note_link(st, NOTE_BACK_URL, num);
	}
}

/* ---- the walk ---- */

static void
state_free(struct render *r)
{
	struct mdrender_state *ms = r->state;

	if (ms == NULL)
		return;
	wrap_run_free(&ms->st.run);
	free(ms->st.pre);
	free(ms->st.pushed);
	free(ms->st.lists);
	mdrefs_free(&ms->st.refs);
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
		out->section_line =
		    xreallocarray(out->section_line, base + ol->n, sizeof *out->section_line);
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
				wrap_open_block(st);
				wrap_push_prefix(st, st->quote, st->quote, STY_MARKER, 0);
				st->quotes++;
			} else {
				st->quotes--;
				wrap_pop_prefix(st);
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
					wrap_open_block(st);
					wrap_begin_line(st, false);
					lines_end(&st->r->lines);
				}
				wrap_pop_prefix(st);
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
		case CMARK_NODE_HTML_BLOCK: {
			cmark_node *last = mdhtml_blocks(st, n);
			if (last != n) /* a table over the blocks up to last */
				cmark_iter_reset(it, last, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			if (enter) {
				enter_footnote(st);
			} else {
				wrap_pop_prefix(st);
				st->need_blank = true;
			}
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			wrap_open_block(st);
			rule_line(st, st->rule, st->o->width, STY_MARKER);
			st->need_blank = true;
			break;
		default:
			if (t == md_node_table && enter) {
				mdtable_render(st, n);
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
		mdrefs_list(st);
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

void
mdrender_title(struct render *out, const char *title, bool own)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	struct outline ol;

	cmark_node_set_heading_level(h, 1);
	cmark_node_set_literal(text, title);
	cmark_node_append_child(h, text);
	cmark_node_append_child(t, h);
	outline_build(&ol, t);
	mdrender_part(out, t, own ? &ol : NULL);
	outline_done(&ol);
	cmark_node_free(t);
}
