/*
 * view_reader.c - the role screen: a table of contents beside the text
 * (above it on a narrow terminal), scrolling, sections and the keys; the
 * other parts are named in reader.h.
 *
 * The rendered lines are a cache keyed by the text pane's width: a resize
 * re-renders once, a keystroke only redraws the visible rows.  Positions
 * survive a re-render by their text, not their line number (see
 * reader_place.c).
 */
#include "config.h"

#include <string.h>

#include "anchors.h"
#include "checklist.h"
#include "open_link.h"
#include "reader.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

#define TOC_SIDE_MIN_COLS 72 /* narrower than this: contents above the text */
#define TOC_MAX_WIDTH 28

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
	const char *t = i < rd->base ? "" : reader_outline(rd)->v[i - rd->base].title;

	/* a document without headings has one untitled section */
	return t[0] ? t : rd->role->title;
}

static int
section_level(const struct reader *rd, size_t i)
{
	return i < rd->base ? 1 : reader_outline(rd)->v[i - rd->base].level;
}

static size_t
max_top(const struct reader *rd)
{
	size_t n = rd->r.lines.n, h = rd->body_h > 0 ? (size_t)rd->body_h : 1;

	return n > h ? n - h : 0;
}

void
reader_scroll_to(struct reader *rd, long line)
{
	size_t limit;

	/* a large document: laid out as far as the screen goes */
	reader_need_lines(rd, (line > 0 ? (size_t)line : 0) + (size_t)rd->body_h + 1);
	limit = max_top(rd);
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
	reader_need_section(rd, sec);
	reader_need_lines(rd, (sec < rd->r.nsections ? rd->r.section_line[sec] : 0) +
				  (size_t)rd->body_h + 1);
	if (sec < rd->r.nsections && rd->r.section_line[sec] < rd->r.lines.n)
		rd->top = rd->r.section_line[sec];
}

static uint32_t current_section(const struct reader *rd);

/* The contents as a list at their height: the entry they mark (the
 * selection while they have focus, else the section at the top of the
 * text) in view, no blank rows below while entries above could fill them. */
static void
toc_fit(struct reader *rd)
{
	uint32_t cur = current_section(rd);

	rd->toc.sel = rd->focus_toc ? (long)rd->toc_sel : cur == NO_SECTION ? 0 : (long)cur;
	listnav_layout(&rd->toc, rd->toc_h > 0 ? toc_count(rd) : 0, rd->toc_h);
	if (rd->focus_toc && rd->toc.sel >= 0)
		rd->toc_sel = (size_t)rd->toc.sel;
}

void
reader_layout(struct reader *rd, struct app *a, int top, int height)
{
	int cols = a->cols;
	size_t ns = reader_outline(rd)->n;

	rd->body_top = top;
	/* a large document has its contents pane from the start: its
	 * sections come as it is laid out, and the text keeps its width */
	if (ns == 0 && !reader_complete(rd))
		ns = 1;
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
	reader_rerender(rd, a, rd->text_w);
	reader_need_lines(rd, rd->top + 2 * (size_t)rd->body_h + 1);
	if (rd->boxes_stale || app_data_version(a) != rd->boxes_version)
		reader_show_progress(rd, a);
	if (!rd->restored) {
		reader_restore_position(rd, a);
		rd->restored = true;
	}
	if (rd->top >= rd->r.lines.n)
		rd->top = rd->r.lines.n ? rd->r.lines.n - 1 : 0;
	toc_fit(rd);
	if (rd->reveal) {
		rd->reveal = false;
		reader_reveal_link(rd, a);
	}
}

/* The layout step (view_ops.layout): the panes at the size, the text
 * wrapped at its width (its top line kept), the contents fitted. */
static void
reader_layout_op(struct view *v, struct app *a, int top, int height)
{
	reader_layout((struct reader *)v, a, top, height);
}

/* The section of the top line, or NO_SECTION (see line_section). */
static uint32_t
current_section(const struct reader *rd)
{
	return reader_line_section(rd, rd->top);
}

/* ---- drawing ---- */

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
		/* the terminal layer may make a link's cells a hyperlink */
		col += frame_put_link(f, row, col, text + sp->off, sp->len, style, end - col,
				      sp->link ? frame_url(f, reader_hyperlink(rd, sp->link)) : 0);
	}
	if (rd->pat != NULL && *rd->pat) {
		size_t plen = strlen(rd->pat), head;
		long at = 0;
		while ((at = search_in(text, ln->len, (size_t)at, rd->pat, plen, rd->icase)) >= 0) {
			int c0 = text_width(text, (size_t)at), w = text_width(text + at, plen);
			frame_add_style(f, row, rd->text_col + c0, w,
					(long)i == rd->match ? (STY_MATCH | STY_SELECT)
							     : STY_MATCH);
			at += (long)plen;
		}
		/* a match the wrapping cut in two: its start here, its end on the
		 * next line, or its end here after a start on the line above */
		if ((at = search_across(l, i, rd->pat, plen, rd->icase, &head)) >= 0) {
			int c0 = text_width(text, (size_t)at);
			frame_add_style(f, row, rd->text_col + c0, (int)ln->width - c0,
					(long)i == rd->match ? (STY_MATCH | STY_SELECT)
							     : STY_MATCH);
		}
		if (i > 0 && search_across(l, i - 1, rd->pat, plen, rd->icase, &head) >= 0) {
			size_t body = search_line_body(l, i);
			int c0 = text_width(text, body);
			frame_add_style(f, row, rd->text_col + c0, text_width(text + body, head),
					(long)i - 1 == rd->match ? (STY_MATCH | STY_SELECT)
								 : STY_MATCH);
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

	for (int r = 0; r < h; r++) {
		size_t i = rd->toc.top + (size_t)r;
		int row = rd->toc_row + r, indent, level;
		uint16_t style = STY_PLAIN;

		if (i >= ns && i < toc_count(rd)) {
			size_t done = 0, total = 0;
			char *label;
			if (i == ns && rd->role->nitems > 0) {
				done = rd->done;
				total = rd->total;
				label = xasprintf("%s Checklist %zu/%zu", a->ascii ? "*" : "\u2714",
						  done, total);
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
			frame_puts(f, rd->toc_row + r, rd->toc_w, a->ascii ? "|" : "│", STY_MARKER,
				   1);
	} else {
		frame_fill(f, rd->toc_row + rd->toc_h, 0, a->cols, a->ascii ? '-' : 0x2500,
			   STY_MARKER);
	}
}

static void
reader_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct reader *rd = (struct reader *)v;
	uint16_t link;

	(void)top; /* laid out by the layout step, before every draw */
	(void)height;
	link = reader_selected_link(rd);
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

	if (!reader_complete(rd)) {
		/* not all laid out: the share of the text laid out so far
		 * stands for its lines to come, and the figure says it is near */
		unsigned pm = md_lazy_permille(rd->lazy);
		double est = pm > 0 ? (double)n * 1000 / pm : (double)n;
		size_t pct = est > 0 ? (size_t)((double)(bottom < n ? bottom : n) * 100 / est) : 0;
		snprintf(where, sizeof where, "%s%2zu%%", a->ascii ? "~" : "≈",
			 pct > 99 ? 99 : pct);
	} else if (n == 0)
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

	reader_layout(rd, a, 1, a->rows - 2);
	from = reader_mark_at(rd, rd->top);
	top = rd->top;
	if (at->find != NULL && *at->find != '\0') {
		rd->focus_toc = false;
		free(rd->pat);
		rd->pat = xstrdup(at->find);
		rd->icase = search_icase(rd->pat);
		if (at->find_section != NO_SECTION)
			reader_need_section(rd, at->find_section);
		rd->search_origin =
		    reader_nth_match(rd, at->find_section, at->find_nth, at->find_text);
		reader_run_search(rd, a, rd->search_origin, 1, true);
	} else if (at->at_section) {
		rd->focus_toc = false;
		jump_to_section(rd, rd->base + at->section);
	} else if (at->anchor == NULL || *at->anchor == '\0') {
		rd->top = 0;
	} else {
		long i;
		reader_need_all(rd); /* the anchor may name any section */
		i = anchors_find(reader_outline(rd), at->anchor);
		if (i < 0) {
			app_status(a, false, "No section \"%s\" in %s", at->anchor,
				   rd->role->title);
			return;
		}
		jump_to_section(rd, rd->base + (size_t)i);
	}
	if (remember && rd->top != top)
		reader_push_mark(rd, from);
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
	/* in the contents [ and ] go from entry to entry too */
	enum action move = act == ACT_NEXT_SECTION   ? ACT_DOWN
			   : act == ACT_PREV_SECTION ? ACT_UP
						     : act;

	switch (act) {
	case ACT_OPEN:
		if (rd->toc_sel >= nsections(rd)) {
			open_extra(rd, a, rd->toc_sel);
			return VR_REDRAW;
		}
		rd->focus_toc = false;
		return VR_REDRAW;
	case ACT_WHEEL_UP: /* the wheel scrolls the text */
	case ACT_WHEEL_DOWN:
		return VR_NONE;
	default:
		break;
	}
	/* a large document: its sections below laid out first, all of
	 * them for the last */
	if (act == ACT_BOTTOM)
		reader_need_all(rd);
	else
		reader_need_section(rd, rd->toc_sel + 2 * (size_t)(rd->toc_h > 0 ? rd->toc_h : 1));
	rd->toc.sel = (long)rd->toc_sel;
	listnav_layout(&rd->toc, toc_count(rd), rd->toc_h);
	if (!listnav_act(&rd->toc, move))
		return VR_NONE;
	rd->toc_sel = rd->toc.sel >= 0 ? (size_t)rd->toc.sel : 0;
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
		/* an entry of the contents is a link: one click follows it */
		long i = listnav_at(&rd->toc, row - rd->toc_row);
		if (i >= 0 && (size_t)i < nsections(rd)) {
			rd->toc_sel = (size_t)i;
			goto_section(rd, (size_t)i);
		} else if (i >= 0) {
			open_extra(rd, a, (size_t)i);
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
				return reader_follow_link(rd, a);
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

	reader_layout(rd, a, 1, a->rows - 2); /* keys may come before the first draw */
	page = rd->body_h > 2 ? rd->body_h - 2 : 1;
	if (rd->focus_toc && toc_action(rd, a, act) != VR_NONE)
		return VR_REDRAW;
	switch (act) {
	case ACT_UP:
		reader_scroll_to(rd, (long)rd->top - 1);
		break;
	case ACT_DOWN:
		reader_scroll_to(rd, (long)rd->top + 1);
		break;
	case ACT_WHEEL_UP:
		reader_scroll_to(rd, (long)rd->top - 3);
		break;
	case ACT_WHEEL_DOWN:
		reader_scroll_to(rd, (long)rd->top + 3);
		break;
	case ACT_PAGE_UP:
		reader_scroll_to(rd, (long)rd->top - page);
		break;
	case ACT_PAGE_DOWN:
		reader_scroll_to(rd, (long)rd->top + page);
		break;
	case ACT_HALF_UP:
		reader_scroll_to(rd, (long)rd->top - rd->body_h / 2);
		break;
	case ACT_HALF_DOWN:
		reader_scroll_to(rd, (long)rd->top + rd->body_h / 2);
		break;
	case ACT_TOP:
		rd->top = 0;
		break;
	case ACT_BOTTOM:
		reader_need_all(rd);
		rd->top = max_top(rd);
		break;
	case ACT_FOCUS:
		if (reader_outline(rd)->n == 0)
			return VR_HANDLED;
		rd->focus_toc = !rd->focus_toc;
		sec = current_section(rd);
		rd->toc_sel = sec == NO_SECTION ? 0 : sec;
		break;
	case ACT_NEXT_SECTION:
		sec = current_section(rd);
		sec = sec == NO_SECTION ? 0 : sec + 1;
		/* skip sections that start on the same line */
		reader_need_section(rd, sec);
		while (sec < rd->r.nsections && rd->r.section_line[sec] <= rd->top) {
			sec++;
			reader_need_section(rd, sec);
		}
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
		reader_run_search(rd, a, rd->match >= 0 ? (size_t)rd->match : rd->top,
				  act == ACT_NEXT_MATCH ? 1 : -1, rd->match < 0);
		break;
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		if (!reader_select_link(rd, act == ACT_NEXT_LINK ? 1 : -1)) {
			app_status(a, false, "No more links on this screen");
		} else {
			const struct lines *l = &rd->r.lines;
			uint16_t id = l->spans[l->v[rd->link_line].span + rd->link_span].link;
			reader_say_link(rd, a, id);
			rd->reveal = true;
			/* the link is in the text: Enter, next, follows it (the
			 * contents would take it to mean "leave the contents") */
			rd->focus_toc = false;
		}
		break;
	case ACT_OPEN:
		return reader_follow_link(rd, a);
	case ACT_OPEN_LINK: {
		uint16_t id = reader_link_visible(rd) ? reader_selected_link(rd) : 0;
		if (id == 0 || id > rd->r.nlinks)
			app_status(a, false, "No link selected: l selects one");
		else
			app_open_url(a, rd->r.links[id - 1].url);
		break;
	}
	case ACT_HISTORY_BACK:
		/* first back along the links followed within this file */
		if (reader_pop_mark(rd))
			break;
		app_request(a, &(struct nav_request){.kind = NAV_LINK_BACK});
		break;
	case ACT_ASSESS:
	case ACT_CHECKLIST:
		/* a large document is read without its model: read it now */
		if (rd->lazy != NULL && !rd->role->loaded) {
			if (role_load(rd->role) != 0) {
				app_status(a, true, "%s", rd->role->error);
				break;
			}
			rd->boxes_stale = true;
		}
		if (act == ACT_ASSESS && rd->role->nstmts == 0)
			app_status(a, false, "This role names no skill areas to assess");
		else if (act == ACT_ASSESS)
			app_request(a, &(struct nav_request){.kind = NAV_ASSESS, .role = rd->role});
		else if (rd->role->nitems == 0)
			app_status(a, false, "This role has no onboarding checklist");
		else
			app_request(a,
				    &(struct nav_request){.kind = NAV_CHECKLIST, .role = rd->role});
		break;
	case ACT_CLICK:
		return click(rd, a);
	case ACT_RELOAD: /* progress is read again when the database changes */
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

	reader_save_position(rd);
	if (rd->lazy != NULL)
		md_lazy_done(rd->lazy);
	free(rd->lazy);
	free(rd->body);
	free(rd->front_title);
	render_done(&rd->r);
	free(rd->pat);
	hyperlink_cache_free(&rd->hc);
	free(rd);
}

/* The footer, most important first (see struct view_hint): what this
 * role has (a checklist, skill areas, links) and where the focus is.  The
 * contents open the checklist and the self-assessment too, so c and a may
 * go from a narrow footer. */
static size_t
reader_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct reader *rd = (struct reader *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	if (rd->focus_toc) {
		out[n++] = (struct view_hint){ACT_FOCUS, ACT_NONE, false, "text", HINT_HIGH};
		out[n++] =
		    (struct view_hint){ACT_OPEN, ACT_NONE, false,
				       rd->toc_sel < nsections(rd) ? "read" : "open", HINT_HIGH};
		return n;
	}
	if (reader_outline(rd)->n > 0)
		out[n++] = (struct view_hint){ACT_FOCUS, ACT_NONE, false, "contents", HINT_HIGH};
	if (reader_link_visible(rd)) {
		uint16_t id = reader_selected_link(rd);
		out[n++] = (struct view_hint){ACT_OPEN, ACT_NONE, false, "follow", HINT_HIGH};
		if (id > 0 && id <= rd->r.nlinks &&
		    open_link_allowed(rd->r.links[id - 1].url, NULL))
			out[n++] =
			    (struct view_hint){ACT_OPEN_LINK, ACT_NONE, false, "open", HINT_MID};
	}
	if (rd->r.nsections > 1)
		out[n++] = (struct view_hint){ACT_NEXT_SECTION, ACT_PREV_SECTION, false, "section",
					      HINT_MID};
	out[n++] = (struct view_hint){ACT_SEARCH, ACT_NONE, false, "search", HINT_MID};
	if (rd->pat != NULL && *rd->pat != '\0')
		out[n++] =
		    (struct view_hint){ACT_NEXT_MATCH, ACT_PREV_MATCH, false, "match", HINT_LOW};
	if (reader_links_on_screen(rd))
		out[n++] = (struct view_hint){ACT_NEXT_LINK, ACT_NONE, false, "link", HINT_LOW};
	if (rd->nmarks > 0)
		out[n++] =
		    (struct view_hint){ACT_HISTORY_BACK, ACT_NONE, false, "return", HINT_MID};
	if (rd->role->nitems > 0)
		out[n++] =
		    (struct view_hint){ACT_CHECKLIST, ACT_NONE, false, "checklist", HINT_MID};
	if (rd->role->nstmts > 0)
		out[n++] = (struct view_hint){ACT_ASSESS, ACT_NONE, false, "assess", HINT_MID};
	(void)a;
	return n;
}

/* Idle work (view_ops.idle): a large document laid out a part further,
 * its contents and its length growing on the screen. */
static bool
reader_idle(struct view *v, struct app *a)
{
	struct reader *rd = (struct reader *)v;

	(void)a;
	if (reader_complete(rd) || rd->rwidth == 0)
		return false;
	reader_lay_out_more(rd);
	return true;
}

static const struct view_ops reader_ops = {
    .name = "reader",
    .ctx = CTX_READER,
    .hints = reader_hints,
    .title = reader_title,
    .info = reader_info,
    .layout = reader_layout_op,
    .draw = reader_draw,
    .action = reader_action,
    .input = reader_input,
    .locate = reader_locate,
    .idle = reader_idle,
    .free = reader_free,
};

struct view *
view_reader_new(struct app *a, struct role *role)
{
	struct reader *rd = xcalloc(1, sizeof *rd);

	rd->v.ops = &reader_ops;
	rd->app = a;
	listnav_init(&rd->toc);
	rd->role = role;
	rd->base = role_render_base(role);
	rd->match = -1;
	rd->link_line = -1;
	rd->top_mark_line = SIZE_MAX;
	render_init(&rd->r);
	if (reader_wants_lazy(role)) {
		char *err = NULL;
		if (!reader_open_lazy(rd, &err)) {
			free(role->error);
			role->error = err;
			render_done(&rd->r);
			free(rd);
			return NULL;
		}
	}
	return &rd->v;
}

bool
view_reader_lazy(const struct role *role)
{
	return reader_wants_lazy(role);
}
