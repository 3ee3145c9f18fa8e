/*
 * view_reader.c - the role screen: a table of contents beside the text
 * (above it on a narrow terminal), scrolling, sections, search and links.
 *
 * The rendered lines are a cache keyed by the text pane's width: a resize
 * re-renders once, a keystroke only redraws the visible rows.  Positions
 * survive a re-render by their text, not their line number: the top line
 * is remembered as a mark (its section and the bytes of text before it in
 * that section) and found again in the new lines, so the words at the top
 * stay at the top.  Following a link to a section of the same file keeps
 * a mark of the position it left, for Backspace.
 *
 * A title given only in front matter heads the text as a level-1 heading
 * of its own, as in `rolebook print`, and is the first entry of the
 * contents.  The role's outline does not have it, so that its numbering
 * (saved positions, checklist groups, skill areas) stays that of the
 * file: here the sections of the render and the entries of the contents
 * are numbered `base` (0 or 1) after the outline's.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "mdrender.h"
#include "search.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

#define TOC_SIDE_MIN_COLS 72 /* narrower than this: contents above the text */
#define TOC_MAX_WIDTH 28
#define MAX_MARKS 64 /* positions Backspace comes back to; older ones are dropped */
#define NO_SECTION UINT32_MAX

/*
 * A position in the text that a new width does not move: the section of a
 * line and the bytes of text before it within that section, counting
 * neither spaces nor markers (bullets, bars, rules), which wrapping only
 * spreads over other lines.  A line without text (a blank line, a
 * heading's rule) is the gap-th of those after the text before it.
 */
struct mark {
	uint32_t section; /* NO_SECTION: above the first section */
	size_t text;      /* bytes of text before the line */
	size_t gap;       /* 0: the line holds byte `text`; else its rank, from 1 */
};

#define READER_HINTS 8

struct reader {
	struct view v;
	/* this role's operations: the footer's hints are the keys it has */
	struct view_ops ops;
	struct view_hint hints[READER_HINTS + 1];
	struct app *app; /* for saving the reading position when closed */
	struct role *role;
	size_t base;     /* 1: the render's section 0 is the title of the front matter */
	bool restored;   /* the saved reading position has been applied */
	struct render r;
	int rwidth; /* width of the cached render, 0 when none */
	/* the checklist's progress, shown in the text's boxes (see
	 * show_progress): as of store version boxes_version */
	size_t done, total;
	uint64_t boxes_version;
	bool boxes_stale;
	size_t top;
	/* the mark the last re-render put at the top, while the top stays
	 * there: resizing back and forth comes back to the same words, not to
	 * the start of the longer line they shared at another width */
	struct mark top_mark;
	size_t top_mark_line; /* SIZE_MAX: none */
	bool focus_toc;
	size_t toc_sel, toc_top;
	/* layout, from the last draw */
	int body_top, body_h, text_col, text_w, toc_row, toc_col, toc_w, toc_h;
	/* search */
	char *pat;
	bool icase;
	long match; /* line of the current match, -1 none */
	size_t search_origin;
	/* selected link: line and span */
	long link_line;
	uint32_t link_span;
	bool reveal; /* scroll it out from under a long message at the next layout */
	/* where links within the file were followed from, the latest last */
	struct mark marks[MAX_MARKS];
	size_t nmarks;
};

static void reveal_link(struct reader *rd, struct app *a);

/* Sections of the render: the outline's and the title's, if shown. */
static size_t
nsections(const struct reader *rd)
{
	return rd->base + rd->role->outline.n;
}

/* Entries of the contents: the sections, then the checklist, if any. */
static size_t
toc_count(const struct reader *rd)
{
	return nsections(rd) + (rd->role->nitems > 0) + (rd->role->nstmts > 0);
}

/* The title and level of section i of the render. */
static const char *
section_title(const struct reader *rd, size_t i)
{
	const char *t = i < rd->base ? "" : rd->role->outline.v[i - rd->base].title;

	/* a document without headings has one untitled section */
	return t[0] ? t : rd->role->title;
}

static int
section_level(const struct reader *rd, size_t i)
{
	return i < rd->base ? 1 : rd->role->outline.v[i - rd->base].level;
}

/* The section of line i, or NO_SECTION when it comes before the first
 * one (text above the first heading: the renderer numbers those lines 0,
 * but section 0 starts below them). */
static uint32_t
line_section(const struct reader *rd, size_t i)
{
	uint32_t sec;

	if (i >= rd->r.lines.n)
		return 0;
	sec = rd->r.lines.v[i].section;
	return sec < rd->r.nsections && rd->r.section_line[sec] > i ? NO_SECTION : sec;
}

/* Bytes of text on line i, as a mark counts them. */
static size_t
text_bytes(const struct lines *l, size_t i)
{
	const struct line *ln = &l->v[i];
	const char *t = lines_text(l, i);
	size_t n = 0;

	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		if (sp->style & STY_MARKER)
			continue;
		for (size_t b = sp->off > ln->lead ? sp->off : ln->lead; b < sp->off + sp->len; b++)
			n += t[b] != ' ';
	}
	return n;
}

static size_t
section_start(const struct reader *rd, uint32_t sec)
{
	return sec < rd->r.nsections ? rd->r.section_line[sec] : 0;
}

static struct mark
mark_at(const struct reader *rd, size_t line)
{
	struct mark m = {line_section(rd, line), 0, 0};

	if (line >= rd->r.lines.n)
		return m;
	for (size_t i = section_start(rd, m.section); i <= line; i++) {
		size_t c = text_bytes(&rd->r.lines, i);
		if (i < line)
			m.text += c;
		m.gap = c > 0 ? 0 : m.gap + 1;
	}
	return m;
}

/* The line of m in the current lines: the one holding its byte of text,
 * or the gap-th line without text after the text before it; the last
 * line of the section when the section has less text than that. */
static size_t
line_of(const struct reader *rd, struct mark m)
{
	const struct lines *l = &rd->r.lines;
	size_t i = section_start(rd, m.section), text = 0;

	if (l->n == 0)
		return 0;
	if (i >= l->n || line_section(rd, i) != m.section)
		return i < l->n ? i : l->n - 1;
	for (; i + 1 < l->n && line_section(rd, i + 1) == m.section; i++) {
		size_t c = text_bytes(l, i);
		if (m.gap == 0 ? text + c > m.text : text >= m.text)
			break;
		text += c;
	}
	/* the line after the text before the mark starts its run of lines
	 * without text: go on along it */
	for (size_t k = 1; k < m.gap && i + 1 < l->n && line_section(rd, i + 1) == m.section &&
	                   text_bytes(l, i + 1) == 0;
	     k++)
		i++;
	return i;
}

/* A document without headings: its outline is one untitled entry. */
static bool
untitled(const struct role *r)
{
	return r->outline.n == 1 && r->outline.v[0].node == r->doc;
}

/* Renders the role, headed by its title when the text does not show it.
 * The heading is made as nodes, so the title is never read as Markdown. */
static void
render_text(struct reader *rd, const struct mdrender_opts *o)
{
	struct role *r = rd->role;

	mdrender_begin(&rd->r, o);
	if (r->title_unshown) {
		cmark_node *t = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		struct outline ol;

		cmark_node_set_heading_level(h, 1);
		cmark_node_set_literal(text, r->title);
		cmark_node_append_child(h, text);
		cmark_node_append_child(t, h);
		outline_build(&ol, t);
		mdrender_part(&rd->r, t, rd->base > 0 ? &ol : NULL);
		outline_done(&ol);
		cmark_node_free(t);
	}
	mdrender_part(&rd->r, r->doc, &r->outline);
	mdrender_end(&rd->r);
	/* without headings, the one section the title names starts at it */
	if (r->title_unshown && rd->base == 0 && rd->r.nsections > 0)
		rd->r.section_line[0] = 0;
}

static void
rerender(struct reader *rd, struct app *a, int width)
{
	struct mdrender_opts o = {.width = width, .ascii = a->ascii, .references = false};
	struct mark top = {0, 0, 0}, origin = {0, 0, 0};
	/* the first render starts at the top: only a re-render has a
	 * position to carry over */
	bool carry = rd->rwidth != 0 && rd->r.lines.n > 0;

	if (rd->rwidth == width)
		return;
	if (carry) {
		top = rd->top == rd->top_mark_line ? rd->top_mark : mark_at(rd, rd->top);
		origin = mark_at(rd, rd->search_origin); /* a search may be under way */
	}
	render_done(&rd->r);
	render_init(&rd->r);
	render_text(rd, &o);
	rd->rwidth = width;
	rd->boxes_stale = true;
	if (carry) {
		rd->top = line_of(rd, top);
		rd->search_origin = line_of(rd, origin);
		rd->top_mark = top;
		rd->top_mark_line = rd->top;
	}
	rd->link_line = -1;
	rd->match = -1;
}

/* The byte offset of the first nul-free needle within s[0..n), or -1. */
static long
find_bytes(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return (long)i;
	return -1;
}

/*
 * The boxes of the onboarding checklist in the text show the profile's
 * progress, as the checklist screen does: a box is ticked when the item
 * is done, whatever the Markdown says.  The renderer draws a box as the
 * marker of a task-list item; a ticked and an empty box are as long in
 * bytes and cells, so the rendered line is changed in place.  Loaded on
 * a re-render and when the database has changed (a layout step).
 */
static void
show_progress(struct reader *rd, struct app *a)
{
	struct lines *l = &rd->r.lines;
	const char *box[2] = {a->ascii ? "[ ]" : "\u2610", a->ascii ? "[x]" : "\u2611"};
	struct checklist cl;

	rd->boxes_stale = false;
	rd->boxes_version = a->store ? store_data_version(a->store) : 0;
	rd->done = rd->total = 0;
	if (rd->role->nitems == 0)
		return;
	checklist_load(&cl, a->store, a->profile, rd->role);
	rd->done = cl.done;
	rd->total = cl.n;
	for (size_t i = 0; i < l->n; i++) {
		struct line *ln = &l->v[i];
		const struct check_item *it;
		bool done;

		if (ln->kind != LINE_TASK || (it = role_item_by_task(rd->role, ln->aux)) == NULL)
			continue;
		done = cl.v[it - rd->role->items].done;
		for (uint32_t k = 0; k < ln->nspans; k++) {
			struct span *sp = &l->spans[ln->span + k];
			char *t = l->arena + ln->text + sp->off;
			long at;
			if (!(sp->style & STY_MARKER))
				continue;
			if ((at = find_bytes(t, sp->len, box[0])) < 0)
				at = find_bytes(t, sp->len, box[1]);
			if (at < 0)
				continue;
			memcpy(t + at, box[done], strlen(box[done]));
			sp->style = done ? sp->style | STY_DONE : sp->style & ~STY_DONE;
			break;
		}
	}
	checklist_done(&cl);
}

static size_t
max_top(const struct reader *rd)
{
	size_t n = rd->r.lines.n, h = rd->body_h > 0 ? (size_t)rd->body_h : 1;

	return n > h ? n - h : 0;
}

static void
scroll_to(struct reader *rd, long line)
{
	size_t limit = max_top(rd);

	/* A section jump may leave the last section at the top with empty
	 * rows below; scrolling down from there stays put rather than
	 * jumping back up. */
	if (rd->top > limit && (size_t)line > rd->top)
		limit = rd->top;
	if (line < 0)
		line = 0;
	rd->top = (size_t)line > limit ? limit : (size_t)line;
}

/* Puts the first line of section sec at the top, even near the end. */
static void
jump_to_section(struct reader *rd, size_t sec)
{
	if (sec < rd->r.nsections && rd->r.section_line[sec] < rd->r.lines.n)
		rd->top = rd->r.section_line[sec];
}

static void
push_mark(struct reader *rd, struct mark m)
{
	if (rd->nmarks == MAX_MARKS) {
		memmove(&rd->marks[0], &rd->marks[1], (MAX_MARKS - 1) * sizeof rd->marks[0]);
		rd->nmarks--;
	}
	rd->marks[rd->nmarks++] = m;
}

/* Goes back to the latest mark; false when there is none. */
static bool
pop_mark(struct reader *rd)
{
	if (rd->nmarks == 0)
		return false;
	rd->top = line_of(rd, rd->marks[--rd->nmarks]);
	return true;
}

/*
 * The reading position is kept as the section and the line within it.
 * The store has a text for the section: it holds "§N title", N the
 * section's number from 1, so that of sections with the same title
 * ("Homework" every week) the one read is found again; the title checks
 * that section N is still the one meant after an edit of the file, and
 * when it is not, the section of that title nearest to N is taken.  A
 * text without the number (saved by an older rolebook) is a title alone,
 * found first from the top.  No section (NULL) means the line is counted
 * from the top of the text.
 */
#define POSITION_SIGN "\u00a7" /* § */

static char *
position_section(size_t sec, const char *title)
{
	return xasprintf(POSITION_SIGN "%zu %s", sec + 1, title);
}

/* The section titled title nearest to section near (the first one of
 * two as near), or -1. */
static long
title_near(const struct outline *o, const char *title, size_t near)
{
	long best = -1;
	size_t best_d = SIZE_MAX;

	for (size_t i = 0; i < o->n; i++) {
		size_t d = i > near ? i - near : near - i;
		if (d < best_d && strcmp(o->v[i].title, title) == 0) {
			best = (long)i;
			best_d = d;
		}
	}
	return best;
}

/* The section a saved text names, or -1. */
static long
position_find(const struct outline *o, const char *saved)
{
	const char *p = saved;
	size_t n = 0;
	long sec;

	if (strncmp(p, POSITION_SIGN, strlen(POSITION_SIGN)) == 0) {
		p += strlen(POSITION_SIGN);
		for (; *p >= '0' && *p <= '9'; p++)
			if (n <= o->n) /* past it, it is out of range anyway */
				n = n * 10 + (size_t)(*p - '0');
		if (*p == ' ' && n >= 1 && (sec = title_near(o, p + 1, n - 1)) >= 0)
			return sec;
	}
	/* a title alone, or one that merely looks numbered */
	return title_near(o, saved, 0);
}

static void
restore_position(struct reader *rd, struct app *a)
{
	char *section = NULL;
	int line = 0;
	long found;
	size_t sec, at, first, end;

	if (a->store == NULL ||
	    store_position_get(a->store, a->profile, rd->role->id, &section, &line) != STORE_OK)
		return;
	at = line > 0 ? (size_t)line : 0;
	if (section == NULL) {
		rd->top = at;
	} else if ((found = position_find(&rd->role->outline, section)) >= 0 &&
	           (sec = rd->base + (size_t)found) < rd->r.nsections) {
		/* no further than the section's last line: it may have shrunk */
		first = rd->r.section_line[sec];
		end = sec + 1 < rd->r.nsections ? rd->r.section_line[sec + 1] : rd->r.lines.n;
		rd->top = first + at;
		if (rd->top >= end)
			rd->top = end > first ? end - 1 : first;
	}
	free(section);
}

static void
save_position(struct reader *rd)
{
	struct app *a = rd->app;
	const struct outline *o = &rd->role->outline;
	uint32_t sec;
	char *section = NULL;
	size_t line;

	if (a == NULL || a->store == NULL || a->readonly || rd->rwidth == 0 || rd->r.lines.n == 0)
		return;
	sec = line_section(rd, rd->top);
	line = rd->top;
	/* in the title's section: counted from the top */
	if (sec >= rd->base && sec < nsections(rd)) {
		section = position_section(sec - rd->base, o->v[sec - rd->base].title);
		line -= rd->r.section_line[sec];
	}
	store_position_set(a->store, a->profile, rd->role->id, section,
	                   line < INT_MAX ? (int)line : INT_MAX, app_now(a));
	free(section);
}

static void
layout(struct reader *rd, struct app *a, int top, int height)
{
	int cols = a->cols;
	size_t ns = rd->role->outline.n;

	rd->body_top = top;
	if (ns == 0) {
		rd->toc_w = rd->toc_h = 0;
		rd->text_col = 1;
		rd->text_w = cols - 2;
		rd->body_h = height;
	} else if (cols >= TOC_SIDE_MIN_COLS) {
		rd->toc_w = cols * 3 / 10 < TOC_MAX_WIDTH ? cols * 3 / 10 : TOC_MAX_WIDTH;
		rd->toc_row = top;
		rd->toc_col = 0;
		rd->toc_h = height;
		rd->text_col = rd->toc_w + 2;
		rd->text_w = cols - rd->text_col - 1;
		rd->body_h = height;
	} else {
		int h = height / 3;
		if (h > (int)toc_count(rd))
			h = (int)toc_count(rd);
		if (h < 2)
			h = 2;
		rd->toc_w = cols;
		rd->toc_row = top;
		rd->toc_col = 0;
		rd->toc_h = h;
		rd->text_col = 1;
		rd->text_w = cols - 2;
		rd->body_top = top + h + 1;
		rd->body_h = height - h - 1;
	}
	if (rd->body_h < 1)
		rd->body_h = 1;
	rerender(rd, a, rd->text_w);
	if (rd->boxes_stale || (a->store && store_data_version(a->store) != rd->boxes_version))
		show_progress(rd, a);
	if (!rd->restored) {
		restore_position(rd, a);
		rd->restored = true;
	}
	if (rd->top >= rd->r.lines.n)
		rd->top = rd->r.lines.n ? rd->r.lines.n - 1 : 0;
	if (rd->reveal) {
		rd->reveal = false;
		reveal_link(rd, a);
	}
}

/* The section of the top line, or NO_SECTION (see line_section). */
static uint32_t
current_section(const struct reader *rd)
{
	return line_section(rd, rd->top);
}

/* ---- drawing ---- */

/* The number of the selected link, 0 for none. */
static uint16_t
selected_link(const struct reader *rd)
{
	const struct lines *l = &rd->r.lines;

	if (rd->link_line < 0 || (size_t)rd->link_line >= l->n ||
	    rd->link_span >= l->v[rd->link_line].nspans)
		return 0;
	return l->spans[l->v[rd->link_line].span + rd->link_span].link;
}

/* Draws line i at row; the spans of link number `link` are selected,
 * wherever the wrapping put them. */
static void
draw_line(struct reader *rd, struct frame *f, size_t i, int row, uint16_t link)
{
	const struct lines *l = &rd->r.lines;
	const struct line *ln = &l->v[i];
	const char *text = lines_text(l, i);
	int col = rd->text_col, end = rd->text_col + rd->text_w;

	for (uint32_t k = 0; k < ln->nspans && col < end; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		uint16_t style = sp->style;
		if (link != 0 && sp->link == link)
			style |= STY_SELECT;
		col += frame_put(f, row, col, text + sp->off, sp->len, style, end - col);
	}
	if (rd->pat != NULL && *rd->pat) {
		size_t plen = strlen(rd->pat), head;
		long at = 0;
		while ((at = search_in(text, ln->len, (size_t)at, rd->pat, plen, rd->icase)) >= 0) {
			int c0 = text_width(text, (size_t)at), w = text_width(text + at, plen);
			frame_add_style(f, row, rd->text_col + c0, w,
			                (long)i == rd->match ? (STY_MATCH | STY_SELECT) : STY_MATCH);
			at += (long)plen;
		}
		/* a match the wrapping cut in two: its start here, its end on the
		 * next line, or its end here after a start on the line above */
		if ((at = search_across(l, i, rd->pat, plen, rd->icase, &head)) >= 0) {
			int c0 = text_width(text, (size_t)at);
			frame_add_style(f, row, rd->text_col + c0, (int)ln->width - c0,
			                (long)i == rd->match ? (STY_MATCH | STY_SELECT) : STY_MATCH);
		}
		if (i > 0 && search_across(l, i - 1, rd->pat, plen, rd->icase, &head) >= 0) {
			int c0 = text_width(text, ln->lead);
			frame_add_style(f, row, rd->text_col + c0, text_width(text + ln->lead, head),
			                (long)i - 1 == rd->match ? (STY_MATCH | STY_SELECT) : STY_MATCH);
		}
	}
}

static void
draw_toc(struct reader *rd, struct app *a, struct frame *f)
{
	size_t ns = nsections(rd);
	uint32_t cur = current_section(rd);
	/* above the first section nothing is current; the list starts at the top */
	size_t sel = rd->focus_toc ? rd->toc_sel : cur == NO_SECTION ? 0 : cur;
	bool mark = rd->focus_toc || cur != NO_SECTION;
	int h = rd->toc_h;

	if (sel < rd->toc_top)
		rd->toc_top = sel;
	if (h > 0 && sel >= rd->toc_top + (size_t)h)
		rd->toc_top = sel - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t i = rd->toc_top + (size_t)r;
		int row = rd->toc_row + r, indent, level;
		uint16_t style = STY_PLAIN;

		if (i >= ns && i < toc_count(rd)) {
			size_t done = 0, total = 0;
			char *label;
			if (i == ns && rd->role->nitems > 0) {
				done = rd->done;
				total = rd->total;
				label = xasprintf("%s Checklist %zu/%zu", a->ascii ? "*" : "\u2714", done,
				                  total);
			} else {
				label = xasprintf("%s Self-assessment", a->ascii ? "*" : "\u2605");
			}
			style = STY_STRONG | STY_DONE;
			if (i == sel && rd->focus_toc) {
				style |= STY_SELECT;
				frame_fill(f, row, rd->toc_col, rd->toc_w, ' ', style);
			}
			frame_puts_trunc(f, row, rd->toc_col + 1, label, style, rd->toc_w - 1);
			free(label);
			continue;
		}
		if (i >= ns)
			break;
		level = section_level(rd, i);
		indent = level > 1 ? (level - 2) * 2 + 1 : 0;
		if (indent > rd->toc_w / 3)
			indent = rd->toc_w / 3;
		if (level <= 2)
			style = STY_STRONG;
		if (i == cur)
			style |= STY_HEADING;
		if (i == sel && mark)
			style |= rd->focus_toc ? STY_SELECT : STY_MARKER;
		if (i == sel && rd->focus_toc)
			frame_fill(f, row, rd->toc_col, rd->toc_w, ' ', style);
		if (i == cur)
			frame_puts(f, row, rd->toc_col, a->ascii ? ">" : "▸", style, 1);
		frame_puts_trunc(f, row, rd->toc_col + 1 + indent, section_title(rd, i), style,
		                 rd->toc_w - 1 - indent);
	}
	/* the divider */
	if (rd->toc_w < a->cols) {
		for (int r = 0; r < rd->toc_h; r++)
			frame_puts(f, rd->toc_row + r, rd->toc_w, a->ascii ? "|" : "│", STY_MARKER, 1);
	} else {
		frame_fill(f, rd->toc_row + rd->toc_h, 0, a->cols, a->ascii ? '-' : 0x2500, STY_MARKER);
	}
}

static void
reader_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct reader *rd = (struct reader *)v;
	uint16_t link;

	layout(rd, a, top, height);
	link = selected_link(rd);
	if (rd->toc_h > 0)
		draw_toc(rd, a, f);
	for (int r = 0; r < rd->body_h; r++) {
		size_t i = rd->top + (size_t)r;
		if (i >= rd->r.lines.n)
			break;
		draw_line(rd, f, i, rd->body_top + r, link);
	}
}

static char *
reader_title(struct view *v, struct app *a)
{
	struct reader *rd = (struct reader *)v;
	uint32_t sec = current_section(rd);

	if (sec < nsections(rd) && section_level(rd, sec) > 1)
		return xasprintf("%s %s %s", rd->role->title, a->ascii ? ">" : "›",
		                 section_title(rd, sec));
	return xstrdup(rd->role->title);
}

static char *
reader_info(struct view *v, struct app *a)
{
	struct reader *rd = (struct reader *)v;
	size_t n = rd->r.lines.n, bottom = rd->top + (size_t)rd->body_h, done, total;
	char where[16], *bar, *out;

	if (n == 0)
		snprintf(where, sizeof where, "empty");
	else if (bottom >= n)
		snprintf(where, sizeof where, rd->top == 0 ? "all" : "end");
	else
		/* below 100 (bottom < n): two digits wide, as "all" and
		 * "end" are, so that nothing moves as it passes 9% */
		snprintf(where, sizeof where, "%2zu%%", bottom * 100 / n);
	done = rd->done;
	total = rd->total;
	if (rd->role->nitems == 0 || a->cols < 60)
		return xstrdup(where);
	bar = checklist_bar(done, total, 10, a->ascii);
	out = xasprintf("%zu/%zu %s  %s", done, total, bar, where);
	free(bar);
	return out;
}

/* ---- search ---- */

static void
run_search(struct reader *rd, struct app *a, size_t from, int dir, bool inclusive)
{
	bool wrapped;
	long i;

	if (rd->pat == NULL || *rd->pat == '\0') {
		rd->match = -1;
		return;
	}
	i = search_lines(&rd->r.lines, rd->pat, rd->icase, from, dir, inclusive, &wrapped);
	if (i < 0) {
		rd->match = -1;
		app_status(a, true, "Pattern not found: %s", rd->pat);
		return;
	}
	rd->match = i;
	if ((size_t)i < rd->top || (size_t)i >= rd->top + (size_t)rd->body_h)
		scroll_to(rd, i - rd->body_h / 3);
	if (wrapped && !inclusive)
		app_status(a, false, dir > 0 ? "Search wrapped to the top" : "Search wrapped to the bottom");
}

static int
reader_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct reader *rd = (struct reader *)v;

	layout(rd, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (text == NULL) { /* cancelled: back where the search started */
		free(rd->pat);
		rd->pat = NULL;
		rd->match = -1;
		rd->top = rd->search_origin;
		return VR_REDRAW;
	}
	free(rd->pat);
	rd->pat = xstrdup(text);
	rd->icase = search_icase(text);
	if (*text == '\0') {
		rd->match = -1;
		rd->top = rd->search_origin;
		return VR_REDRAW;
	}
	run_search(rd, a, rd->search_origin, 1, true);
	/* nothing found: the text goes back to where the search started, as
	 * on Esc, rather than staying where a shorter pattern matched */
	if (done && rd->match < 0)
		rd->top = rd->search_origin;
	if (done && rd->match >= 0) {
		size_t count = 0;
		for (size_t i = 0; i < rd->r.lines.n; i++)
			if (search_in(lines_text(&rd->r.lines, i), rd->r.lines.v[i].len, 0, rd->pat,
			              strlen(rd->pat), rd->icase) >= 0 ||
			    search_across(&rd->r.lines, i, rd->pat, strlen(rd->pat), rd->icase,
			                  &(size_t){0}) >= 0)
				count++;
		app_status(a, false, "%zu line%s match; n next, N previous", count,
		           count == 1 ? "" : "s");
	}
	return VR_REDRAW;
}

/* ---- links ---- */

/* Selects the next (dir 1) or previous (dir -1) link span among the
 * visible lines, starting after the current selection. */
static bool
select_link(struct reader *rd, int dir)
{
	const struct lines *l = &rd->r.lines;
	size_t first = rd->top, last = rd->top + (size_t)rd->body_h;
	long line = rd->link_line;
	long span = (long)rd->link_span;

	if (last > l->n)
		last = l->n;
	if (line < (long)first || line >= (long)last) {
		line = dir > 0 ? (long)first : (long)last - 1;
		span = dir > 0 ? -1 : (line >= 0 ? (long)l->v[line].nspans : 0);
	}
	uint16_t cur = selected_link(rd);
	while (line >= (long)first && line < (long)last) {
		const struct line *ln = &l->v[line];
		for (span += dir; span >= 0 && span < (long)ln->nspans; span += dir) {
			uint16_t id = l->spans[ln->span + (size_t)span].link;
			/* a link wrapped over lines is one link */
			if (id != 0 && id != cur) {
				rd->link_line = line;
				rd->link_span = (uint32_t)span;
				return true;
			}
		}
		line += dir;
		if (line >= 0 && line < (long)l->n)
			span = dir > 0 ? -1 : (long)l->v[line].nspans;
	}
	return false;
}

static bool
link_visible(const struct reader *rd)
{
	return rd->link_line >= (long)rd->top && rd->link_line < (long)(rd->top + (size_t)rd->body_h) &&
	       rd->link_line < (long)rd->r.lines.n;
}

/* A message about the selected link may be longer than the footer and
 * cover the bottom rows of the text: scroll the link out from under it. */
static void
reveal_link(struct reader *rd, struct app *a)
{
	int covered = app_status_rows(a) - 1;
	size_t clear;

	if (covered <= 0 || !link_visible(rd))
		return;
	clear = rd->top + (size_t)(rd->body_h > covered ? rd->body_h - covered : 1);
	if ((size_t)rd->link_line >= clear)
		rd->top += (size_t)rd->link_line - clear + 1;
}

static int
follow_link(struct reader *rd, struct app *a)
{
	uint16_t id;

	if (!link_visible(rd) && !select_link(rd, 1)) {
		app_status(a, false, "No link on this screen");
		return VR_REDRAW;
	}
	id = selected_link(rd);
	if (id == 0 || id > rd->r.nlinks)
		return VR_REDRAW;
	app_request(a, &(struct nav_request){.kind = NAV_FOLLOW, .role = rd->role,
	                                     .url = rd->r.links[id - 1].url});
	/* the link's target may come in a long message: see layout() */
	rd->reveal = true;
	return VR_REDRAW;
}

/* ---- anchors ---- */

/* cp in lower case, for the scripts headings are mostly written in: ASCII,
 * Latin-1, Latin Extended-A, basic Greek and Cyrillic; any other as it is. */
static uint32_t
lower_cp(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) || (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	/* Latin Extended-A pairs each capital with the small letter after it,
	 * from an even code point, then from an odd one, then even again */
	if ((c >= 0x100 && c <= 0x137 && c % 2 == 0) || (c >= 0x139 && c <= 0x148 && c % 2 == 1) ||
	    (c >= 0x14a && c <= 0x177 && c % 2 == 0) || (c >= 0x179 && c <= 0x17e && c % 2 == 1))
		return c + 1;
	if (c == 0x178)
		return 0xff;
	if (c == 0x386)
		return 0x3ac;
	if (c >= 0x388 && c <= 0x38a)
		return c + 0x25;
	if (c == 0x38c)
		return 0x3cc;
	if (c == 0x38e || c == 0x38f)
		return c + 0x3f;
	return c;
}

/* True for what GitHub drops from an anchor: everything but letters,
 * marks, digits, connector punctuation ('_'), '-' and ' '.  Beyond ASCII
 * these are the blocks of punctuation and symbols (and emoji) that
 * headings use; a letter of any script is kept. */
static bool
slug_drops(uint32_t c)
{
	if (c < 0x80)
		return !isalnum((int)c) && c != '-' && c != '_' && c != ' ';
	if (c <= 0xbf) /* Latin-1 punctuation, signs, fractions; not ª µ º */
		return c != 0xaa && c != 0xb5 && c != 0xba;
	if (c == 0xd7 || c == 0xf7)
		return true;
	if (c >= 0x2000 && c <= 0x206f) /* general punctuation, but ‿ ⁀ ⁔ */
		return c != 0x203f && c != 0x2040 && c != 0x2054;
	if (c >= 0x3000 && c <= 0x303f) /* CJK punctuation; not 々〆〇 and the like */
		return c <= 0x3004 || (c >= 0x3008 && c <= 0x3020) || c == 0x3030 ||
		       c == 0x3036 || c == 0x3037 || c >= 0x303d;
	if (c >= 0xff01 && c <= 0xff65) /* fullwidth forms: punctuation, not letters */
		return !(c >= 0xff10 && c <= 0xff19) && !(c >= 0xff21 && c <= 0xff3a) &&
		       c != 0xff3f && !(c >= 0xff41 && c <= 0xff5a);
	return (c >= 0x20a0 && c <= 0x20cf) ||  /* currency */
	       (c >= 0x2190 && c <= 0x2bff) ||  /* arrows, maths, shapes, dingbats */
	       (c >= 0x2e00 && c <= 0x2e7f) ||  /* supplemental punctuation */
	       (c >= 0xfe10 && c <= 0xfe1f) ||  /* vertical forms */
	       (c >= 0xfe50 && c <= 0xfe6f) ||  /* small forms */
	       (c >= 0x1f000 && c <= 0x1faff); /* emoji and pictographs */
}

/* text in lower case; with slug, also as GitHub makes an anchor of a
 * heading: what slug_drops() drops goes, each space becomes '-'.  Returns a
 * new string. */
static char *
lower_text(const char *text, bool slug)
{
	size_t len = strlen(text), o = 0;
	char *s = xmalloc(3 * len + 1); /* İ becomes i and a combining dot */

	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += text_decode(text + i, len - i, &c);
		if (slug && slug_drops(c))
			continue;
		if (slug && c == ' ') {
			s[o++] = '-';
		} else if (c == 0x130) {
			s[o++] = 'i';
			o += text_encode(0x307, s + o);
		} else {
			o += text_encode(lower_cp(c), s + o);
		}
	}
	s[o] = '\0';
	return s;
}

/* An anchor as a link gives it, %XX escapes decoded (a browser's address
 * bar shows "ü" as "%C3%BC"), in lower case.  Returns a new string. */
static char *
anchor_key(const char *anchor)
{
	char *raw = text_unescape_url(anchor, strlen(anchor)), *key;

	key = lower_text(raw, false);
	free(raw);
	return key;
}

/*
 * The outline entry whose anchor is anchor, or -1.  Headings have GitHub's
 * anchors: the slug of their text, and a repeated slug gets "-1", "-2" ...
 * for its second, third ... heading in document order, as GitHub numbers
 * them.  Lead paragraphs are no headings there and take no part in that
 * count; their plain slug finds them when no heading has it.
 */
static long
find_anchor(const struct outline *o, const char *anchor)
{
	char *want = anchor_key(anchor), **slugs = xcalloc(o->n ? o->n : 1, sizeof *slugs);
	long found = -1;

	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].title[0] != '\0')
			slugs[i] = lower_text(o->v[i].title, true);
	for (size_t i = 0; i < o->n && found < 0; i++) {
		size_t seen = 0;
		char *full;
		if (slugs[i] == NULL || o->v[i].lead)
			continue;
		for (size_t j = 0; j < i; j++)
			seen += slugs[j] != NULL && !o->v[j].lead && strcmp(slugs[j], slugs[i]) == 0;
		full = seen ? xasprintf("%s-%zu", slugs[i], seen) : xstrdup(slugs[i]);
		if (strcmp(full, want) == 0)
			found = (long)i;
		free(full);
	}
	for (size_t i = 0; i < o->n && found < 0; i++)
		if (slugs[i] != NULL && o->v[i].lead && strcmp(slugs[i], want) == 0)
			found = (long)i;
	for (size_t i = 0; i < o->n; i++)
		free(slugs[i]);
	free(slugs);
	free(want);
	return found;
}

/* Shows a place of the role (view_ops.locate): a section, or the one
 * whose anchor is at->anchor ("": the top), or says in the status line
 * that there is none.  With remember, a move is a step that Backspace
 * (ACT_HISTORY_BACK) comes back from. */
static void
reader_locate(struct view *v, struct app *a, const struct nav_place *at, bool remember)
{
	struct reader *rd = (struct reader *)v;
	struct mark from;
	size_t top;

	layout(rd, a, 1, a->rows - 2);
	from = mark_at(rd, rd->top);
	top = rd->top;
	if (at->at_section) {
		rd->focus_toc = false;
		jump_to_section(rd, rd->base + at->section);
	} else if (at->anchor == NULL || *at->anchor == '\0') {
		rd->top = 0;
	} else {
		long i = find_anchor(&rd->role->outline, at->anchor);
		if (i < 0) {
			app_status(a, false, "No section \"%s\" in %s", at->anchor, rd->role->title);
			return;
		}
		jump_to_section(rd, rd->base + (size_t)i);
	}
	if (remember && rd->top != top)
		push_mark(rd, from);
}

/* ---- actions ---- */

static void
goto_section(struct reader *rd, size_t sec)
{
	jump_to_section(rd, sec);
}

/* Opens the checklist or the self-assessment: the entries after the
 * sections in the contents. */
static void
open_extra(struct reader *rd, struct app *a, size_t entry)
{
	if (entry == nsections(rd) && rd->role->nitems > 0)
		app_request(a, &(struct nav_request){.kind = NAV_CHECKLIST, .role = rd->role});
	else if (rd->role->nstmts > 0)
		app_request(a, &(struct nav_request){.kind = NAV_ASSESS, .role = rd->role});
}

static int
toc_action(struct reader *rd, struct app *a, enum action act)
{
	size_t n = toc_count(rd), page = rd->toc_h > 1 ? (size_t)rd->toc_h - 1 : 1;

	switch (act) {
	case ACT_UP:
		if (rd->toc_sel > 0)
			rd->toc_sel--;
		break;
	case ACT_DOWN:
	case ACT_NEXT_SECTION:
		if (rd->toc_sel + 1 < n)
			rd->toc_sel++;
		break;
	case ACT_PREV_SECTION:
		if (rd->toc_sel > 0)
			rd->toc_sel--;
		break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		rd->toc_sel = rd->toc_sel > page ? rd->toc_sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		rd->toc_sel = rd->toc_sel + page < n ? rd->toc_sel + page : n - 1;
		break;
	case ACT_TOP:
		rd->toc_sel = 0;
		break;
	case ACT_BOTTOM:
		rd->toc_sel = n ? n - 1 : 0;
		break;
	case ACT_OPEN:
		if (rd->toc_sel >= nsections(rd)) {
			open_extra(rd, a, rd->toc_sel);
			return VR_REDRAW;
		}
		rd->focus_toc = false;
		return VR_REDRAW;
	default:
		return VR_NONE;
	}
	if (rd->toc_sel < nsections(rd))
		goto_section(rd, rd->toc_sel);
	return VR_REDRAW;
}

static int
click(struct reader *rd, struct app *a)
{
	int row = a->mouse_row, col = a->mouse_col;
	const struct lines *l = &rd->r.lines;

	if (rd->toc_h > 0 && row >= rd->toc_row && row < rd->toc_row + rd->toc_h &&
	    col < rd->toc_w) {
		size_t i = rd->toc_top + (size_t)(row - rd->toc_row);
		if (i < nsections(rd)) {
			rd->toc_sel = i;
			goto_section(rd, i);
		} else if (i < toc_count(rd)) {
			open_extra(rd, a, i);
		}
		return VR_REDRAW;
	}
	if (row >= rd->body_top && row < rd->body_top + rd->body_h && col >= rd->text_col) {
		size_t i = rd->top + (size_t)(row - rd->body_top);
		int c = rd->text_col;
		if (i >= l->n)
			return VR_HANDLED;
		for (uint32_t k = 0; k < l->v[i].nspans; k++) {
			const struct span *sp = &l->spans[l->v[i].span + k];
			int w = text_width(lines_text(l, i) + sp->off, sp->len);
			if (col >= c && col < c + w && sp->link) {
				rd->link_line = (long)i;
				rd->link_span = k;
				return follow_link(rd, a);
			}
			c += w;
		}
		rd->focus_toc = false;
	}
	return VR_REDRAW;
}

static int
reader_action(struct view *v, struct app *a, enum action act)
{
	struct reader *rd = (struct reader *)v;
	long page;
	uint32_t sec;

	layout(rd, a, 1, a->rows - 2); /* keys may come before the first draw */
	page = rd->body_h > 2 ? rd->body_h - 2 : 1;
	if (rd->focus_toc && toc_action(rd, a, act) != VR_NONE)
		return VR_REDRAW;
	switch (act) {
	case ACT_UP:
		scroll_to(rd, (long)rd->top - 1);
		break;
	case ACT_DOWN:
		scroll_to(rd, (long)rd->top + 1);
		break;
	case ACT_WHEEL_UP:
		scroll_to(rd, (long)rd->top - 3);
		break;
	case ACT_WHEEL_DOWN:
		scroll_to(rd, (long)rd->top + 3);
		break;
	case ACT_PAGE_UP:
		scroll_to(rd, (long)rd->top - page);
		break;
	case ACT_PAGE_DOWN:
		scroll_to(rd, (long)rd->top + page);
		break;
	case ACT_HALF_UP:
		scroll_to(rd, (long)rd->top - rd->body_h / 2);
		break;
	case ACT_HALF_DOWN:
		scroll_to(rd, (long)rd->top + rd->body_h / 2);
		break;
	case ACT_TOP:
		rd->top = 0;
		break;
	case ACT_BOTTOM:
		rd->top = max_top(rd);
		break;
	case ACT_FOCUS:
		if (rd->role->outline.n == 0)
			return VR_HANDLED;
		rd->focus_toc = !rd->focus_toc;
		sec = current_section(rd);
		rd->toc_sel = sec == NO_SECTION ? 0 : sec;
		break;
	case ACT_NEXT_SECTION:
		sec = current_section(rd);
		sec = sec == NO_SECTION ? 0 : sec + 1;
		/* skip sections that start on the same line */
		while (sec < rd->r.nsections && rd->r.section_line[sec] <= rd->top)
			sec++;
		if (sec < rd->r.nsections)
			goto_section(rd, sec);
		else
			app_status(a, false, "This is the last section");
		break;
	case ACT_PREV_SECTION:
		sec = current_section(rd);
		if (sec == NO_SECTION)
			rd->top = 0;
		else if (sec < rd->r.nsections && rd->r.section_line[sec] < rd->top)
			goto_section(rd, sec);
		else if (sec > 0)
			goto_section(rd, sec - 1);
		break;
	case ACT_SEARCH:
		rd->search_origin = rd->top;
		app_prompt(a, "/", "");
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (rd->pat == NULL || *rd->pat == '\0') {
			app_status(a, false, "No search yet: press / to search");
			break;
		}
		run_search(rd, a, rd->match >= 0 ? (size_t)rd->match : rd->top,
		           act == ACT_NEXT_MATCH ? 1 : -1, rd->match < 0);
		break;
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		if (!select_link(rd, act == ACT_NEXT_LINK ? 1 : -1)) {
			app_status(a, false, "No more links on this screen");
		} else {
			const struct lines *l = &rd->r.lines;
			uint16_t id = l->spans[l->v[rd->link_line].span + rd->link_span].link;
			app_status(a, false, "Link: %s  (Enter follows)", rd->r.links[id - 1].url);
			rd->reveal = true;
		}
		break;
	case ACT_OPEN:
		return follow_link(rd, a);
	case ACT_HISTORY_BACK:
		/* first back along the links followed within this file */
		if (pop_mark(rd))
			break;
		app_request(a, &(struct nav_request){.kind = NAV_LINK_BACK});
		break;
	case ACT_ASSESS:
		if (rd->role->nstmts == 0)
			app_status(a, false, "This role names no skill areas to assess");
		else
			app_request(a, &(struct nav_request){.kind = NAV_ASSESS, .role = rd->role});
		break;
	case ACT_CHECKLIST:
		if (rd->role->nitems == 0)
			app_status(a, false, "This role has no onboarding checklist");
		else
			app_request(a, &(struct nav_request){.kind = NAV_CHECKLIST, .role = rd->role});
		break;
	case ACT_CLICK:
		return click(rd, a);
	case ACT_RELOAD: /* progress is read on every draw */
		app_status(a, false, "Reloaded");
		break;
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static void
reader_free(struct view *v)
{
	struct reader *rd = (struct reader *)v;

	save_position(rd);
	render_done(&rd->r);
	free(rd->pat);
	free(rd);
}

/* in footer order, most important first (see struct view_hint); a role
 * without a checklist or skill areas is not offered the key for them */
enum hint_need { FOR_ALL, FOR_CHECKLIST, FOR_SKILLS };
static const struct {
	struct view_hint hint;
	enum hint_need need;
} reader_hints[READER_HINTS] = {
	{{"?:help", true}, FOR_ALL},
	{{"q:back", true}, FOR_ALL},
	{{"Tab:contents", false}, FOR_ALL},
	{{"]/[:section", false}, FOR_ALL},
	{{"/:search", false}, FOR_ALL},
	{{"l:link", false}, FOR_ALL},
	{{"c:checklist", false}, FOR_CHECKLIST},
	{{"a:assess", false}, FOR_SKILLS},
};

static const struct view_ops reader_ops = {
	.name = "reader",
	.ctx = CTX_READER,
	.title = reader_title,
	.info = reader_info,
	.draw = reader_draw,
	.action = reader_action,
	.input = reader_input,
	.locate = reader_locate,
	.free = reader_free,
};

struct view *
view_reader_new(struct app *a, struct role *role)
{
	struct reader *rd = xcalloc(1, sizeof *rd);

	rd->ops = reader_ops;
	for (size_t i = 0, n = 0; i < READER_HINTS; i++)
		if (reader_hints[i].need == FOR_ALL ||
		    (reader_hints[i].need == FOR_CHECKLIST && role->nitems > 0) ||
		    (reader_hints[i].need == FOR_SKILLS && role->nstmts > 0))
			rd->hints[n++] = reader_hints[i].hint;
	rd->ops.hints = rd->hints; /* ends with {NULL}: xcalloc'd */
	rd->v.ops = &rd->ops;
	rd->app = a;
	rd->role = role;
	/* the one section of a text without headings takes the title's name
	 * already: the title heads it rather than a section of its own */
	rd->base = role->title_unshown && !untitled(role);
	rd->match = -1;
	rd->link_line = -1;
	rd->top_mark_line = SIZE_MAX;
	render_init(&rd->r);
	return &rd->v;
}
