/*
 * reader_find.c - the role screen's search as you type and its links:
 * selecting them on the screen and asking the app to follow one.
 */
#include "config.h"

#include <string.h>

#include "reader.h"
#include "search.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* The number of the selected link, 0 for none. */
uint16_t
reader_selected_link(const struct reader *rd)
{
	const struct lines *l = &rd->r.lines;

	if (rd->link_line < 0 || (size_t)rd->link_line >= l->n ||
	    rd->link_span >= l->v[rd->link_line].nspans)
		return 0;
	return l->spans[l->v[rd->link_line].span + rd->link_span].link;
}

/* ---- search ---- */

/*
 * search_lines() over a large document laid out only in part: a match
 * past the lines laid out comes before wrapping to the top, so parts are
 * laid out until one is found (each searched as it comes) or none is
 * left; going back, lines before `from` are all laid out, and wrapping
 * to the bottom needs every one.
 */
static long
find(struct reader *rd, size_t from, int dir, bool inclusive, bool *wrapped)
{
	long i = search_lines(&rd->r.lines, rd->pat, rd->icase, from, dir, inclusive, wrapped);
	size_t start = from;
	bool incl = inclusive;

	while ((i < 0 || *wrapped) && !reader_complete(rd)) {
		size_t n0 = rd->r.lines.n;
		unsigned gen = rd->lazy->gen;

		if (dir < 0) {
			reader_need_all(rd);
		} else {
			reader_lay_out_more(rd);
			if (rd->lazy->gen == gen && n0 > 0 && n0 - 1 > start) {
				/* the last line searched may go on in the next */
				start = n0 - 1;
				incl = true;
			}
		}
		if (rd->lazy->gen != gen) { /* laid out anew: from the start */
			start = from;
			incl = inclusive;
		}
		i = search_lines(&rd->r.lines, rd->pat, rd->icase, start, dir, incl, wrapped);
	}
	return i;
}

void
reader_run_search(struct reader *rd, struct app *a, size_t from, int dir, bool inclusive)
{
	bool wrapped;
	long i;

	if (rd->pat == NULL || *rd->pat == '\0') {
		rd->match = -1;
		return;
	}
	i = find(rd, from, dir, inclusive, &wrapped);
	if (i < 0) {
		rd->match = -1;
		app_status(a, true, "Pattern not found: %s", rd->pat);
		return;
	}
	rd->match = i;
	if ((size_t)i < rd->top || (size_t)i >= rd->top + (size_t)rd->body_h)
		reader_scroll_to(rd, i - rd->body_h / 3);
	if (wrapped && !inclusive)
		app_status(a, false,
			   dir > 0 ? "Search wrapped to the top" : "Search wrapped to the bottom");
}

/* Whether line i holds a match of the pattern, or one starts there that
 * goes on to the next line: what n and N stop at. */
static bool
line_matches(const struct reader *rd, size_t i)
{
	const struct lines *l = &rd->r.lines;
	size_t plen = strlen(rd->pat);

	return search_in(lines_text(l, i), l->v[i].len, 0, rd->pat, plen, rd->icase) >= 0 ||
	       search_across(l, i, rd->pat, plen, rd->icase, &(size_t){0}) >= 0;
}

size_t
reader_nth_match(const struct reader *rd, uint32_t sec, size_t nth, const char *text)
{
	const struct lines *l = &rd->r.lines;
	size_t first = sec != NO_SECTION && sec < rd->r.nsections ? rd->r.section_line[sec] : 0;
	size_t by_rank = first, by_text = SIZE_MAX;
	struct strbuf run = STRBUF_INIT;

	for (size_t i = first; i < l->n && reader_line_section(rd, i) == sec;) {
		size_t start = i;
		bool hit = false;

		run.len = 0; /* the run's text, joined as the index joins it */
		do {
			hit = hit || line_matches(rd, i);
			search_join_line(&run, l, i, i > start);
		} while (++i < l->n && l->v[i].join != JOIN_NONE);
		if (!hit)
			continue;
		if (nth-- == 0)
			by_rank = start;
		if (text != NULL && *text != '\0' && run.len > 0 &&
		    memmem(run.s, run.len, text, strlen(text)) != NULL) {
			by_text = start;
			break;
		}
	}
	strbuf_free(&run);
	return by_text != SIZE_MAX ? by_text : by_rank;
}

int
reader_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct reader *rd = (struct reader *)v;

	reader_layout(rd, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (text == NULL) {		      /* cancelled: back where the search started */
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
	reader_run_search(rd, a, rd->search_origin, 1, true);
	/* nothing found: the text goes back to where the search started, as
	 * on Esc, rather than staying where a shorter pattern matched */
	if (done && rd->match < 0)
		rd->top = rd->search_origin;
	if (done && rd->match >= 0) {
		size_t count = 0;
		/* the lines of the whole document are counted */
		reader_need_all(rd);
		for (size_t i = 0; i < rd->r.lines.n; i++)
			if (line_matches(rd, i))
				count++;
		app_status(a, false, "%zu line%s match; n next, N previous", count,
			   count == 1 ? "" : "s");
	}
	return VR_REDRAW;
}

/* ---- links ---- */

/* Selects the next (dir 1) or previous (dir -1) link span among the
 * visible lines, starting after the current selection. */
bool
reader_select_link(struct reader *rd, int dir)
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
	uint16_t cur = reader_selected_link(rd);
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

bool
reader_links_on_screen(const struct reader *rd)
{
	const struct lines *l = &rd->r.lines;
	size_t last = rd->top + (size_t)rd->body_h;

	for (size_t i = rd->top; i < last && i < l->n; i++)
		for (uint32_t k = 0; k < l->v[i].nspans; k++)
			if (l->spans[l->v[i].span + k].link != 0)
				return true;
	return false;
}

bool
reader_link_visible(const struct reader *rd)
{
	return rd->link_line >= (long)rd->top &&
	       rd->link_line < (long)(rd->top + (size_t)rd->body_h) &&
	       rd->link_line < (long)rd->r.lines.n;
}

/* A message about the selected link may be longer than the footer and
 * cover the bottom rows of the text: scroll the link out from under it. */
void
reader_reveal_link(struct reader *rd, struct app *a)
{
	int covered = app_status_rows(a) - 1;
	size_t clear;

	if (covered <= 0 || !reader_link_visible(rd))
		return;
	clear = rd->top + (size_t)(rd->body_h > covered ? rd->body_h - covered : 1);
	if ((size_t)rd->link_line >= clear)
		rd->top += (size_t)rd->link_line - clear + 1;
}

int
reader_follow_link(struct reader *rd, struct app *a)
{
	uint16_t id;

	if (!reader_link_visible(rd) && !reader_select_link(rd, 1)) {
		app_status(a, false, "No link on this screen");
		return VR_REDRAW;
	}
	id = reader_selected_link(rd);
	if (id == 0 || id > rd->r.nlinks || reader_follow_note(rd, a, id))
		return VR_REDRAW;
	app_request(a, &(struct nav_request){
			   .kind = NAV_FOLLOW, .role = rd->role, .url = rd->r.links[id - 1].url});
	/* the link's target may come in a long message: see layout() */
	rd->reveal = true;
	return VR_REDRAW;
}
