/*
 * reader.h - the role screen's parts, shared by its files (not an API for
 * other modules: other code opens a role with app_request()).
 *
 *   view_reader.c   the screen: layout, contents, drawing, keys
 *   reader_text.c   the rendered text: title heading, re-wrap, checklist boxes
 *   reader_place.c  places in the text: marks that survive a re-wrap,
 *                   Backspace's marks, the saved reading position
 *   reader_find.c   search as you type, and the links on the screen
 *   reader_links.c  links that stay in the text (footnotes), and the
 *                   hyperlink targets of the links drawn
 *   anchors.c       which heading a link's "#anchor" names
 *
 * A title given only in front matter heads the text as a level-1 heading
 * of its own, as in `rolebook print`, and is the first entry of the
 * contents.  The role's outline does not have it, so that its numbering
 * (saved positions, checklist groups, skill areas) stays that of the
 * file: the sections of the render and the entries of the contents are
 * numbered `base` (0 or 1) after the outline's.
 *
 * A large document (READER_LAZY_BYTES and more) is laid out lazily
 * (mdlazy.h): the reader keeps its body, not its tree, lays out the parts
 * the screen, a jump or a search reaches, and the rest in idle time; its
 * sections are those met so far (reader_outline), and the role model is
 * not loaded for it (a checklist or assessment screen loads it).
 */
#ifndef ROLEBOOK_READER_H
#define ROLEBOOK_READER_H

#include "listnav.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "content.h"
#include "hyperlink.h"
#include "mdlazy.h"
#include "mdrender.h"
#include "role_text.h"
#include "view.h"

#define NO_SECTION UINT32_MAX /* a line above the first section */

/* Documents at least this long are laid out lazily. */
#define READER_LAZY_BYTES (1024u * 1024)

#define MAX_MARKS 64 /* positions Backspace comes back to; older ones are dropped */

/*
 * A position in the text that a new width does not move: the section of a
 * line and the bytes of text before it within that section, counting
 * neither spaces nor markers (bullets, bars, rules), which wrapping only
 * spreads over other lines.  A line without text (a blank line, a
 * heading's rule) is the gap-th of those after the text before it.
 */
struct mark {
	uint32_t section; /* NO_SECTION: above the first section */
	size_t text;	  /* bytes of text before the line */
	size_t gap;	  /* 0: the line holds byte `text`; else its rank, from 1 */
};

struct reader {
	struct view v;
	struct app *app; /* for saving the reading position when closed */
	struct role *role;
	size_t base;   /* 1: the render's section 0 is the title of the front matter */
	bool restored; /* the saved reading position has been applied */
	struct render r;
	int rwidth; /* width of the cached render, 0 when none */
	/* a large document: its body and its layout so far, else NULL */
	char *body, *front_title;
	size_t body_len;
	struct md_lazy *lazy;
	unsigned lazy_gen; /* lazy->gen the lines above were made in */
	/* the checklist's progress, shown in the text's boxes (see
	 * reader_show_progress): as of store version boxes_version */
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
	size_t toc_sel;	    /* the entry selected while the contents have focus */
	struct listnav toc; /* the contents as a list: what they show */
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
	struct hyperlink_cache hc; /* the hyperlink targets of the links drawn */
};

/* The sections: the role's outline, or those laid out so far. */
static inline const struct outline *
reader_outline(const struct reader *rd)
{
	return rd->lazy != NULL ? &rd->lazy->ol : &rd->role->outline;
}

/* Sections of the render: the outline's and the title's, if shown. */
static inline size_t
nsections(const struct reader *rd)
{
	return rd->base + reader_outline(rd)->n;
}

/* ---- view_reader.c ---- */

/* Lays the screen out in rows [top, top + height) and renders the text
 * for the text pane's width when it changed (keys may come before the
 * first draw: actions lay out too). */
void reader_layout(struct reader *rd, struct app *a, int top, int height);
/* Puts line at the top, within the text. */
void reader_scroll_to(struct reader *rd, long line);

/* ---- reader_text.c ---- */

/* Renders the text at width (nothing when it is the cached width),
 * keeping the words at the top and where a search started. */
void reader_rerender(struct reader *rd, struct app *a, int width);
/* Loads the profile's checklist and shows it in the text's boxes. */
void reader_show_progress(struct reader *rd, struct app *a);
/* Whether role is laid out lazily (its file is large). */
bool reader_wants_lazy(const struct role *role);
/* Reads a large document's body for a lazy layout: false with *err (new
 * string) when it cannot be read. */
bool reader_open_lazy(struct reader *rd, char **err);
/* A lazy layout laid out further (nothing for a small document): until
 * line n exists, until section sec has a successor, everything, or one
 * part (false: none was left). */
void reader_need_lines(struct reader *rd, size_t n);
void reader_need_section(struct reader *rd, size_t sec);
void reader_need_all(struct reader *rd);
bool reader_lay_out_more(struct reader *rd);
/* Whether every line is laid out. */
bool reader_complete(const struct reader *rd);

/* ---- reader_place.c ---- */

/* The section of line i, or NO_SECTION above the first one. */
uint32_t reader_line_section(const struct reader *rd, size_t i);
/* The mark of line, and the line of a mark in the current render. */
struct mark reader_mark_at(const struct reader *rd, size_t line);
size_t reader_line_of(const struct reader *rd, struct mark m);
/* Backspace's marks: push one; go back to the latest (false: none). */
void reader_push_mark(struct reader *rd, struct mark m);
bool reader_pop_mark(struct reader *rd);
/* The profile's saved reading position: applied after the first render;
 * saved when the screen closes. */
void reader_restore_position(struct reader *rd, struct app *a);
void reader_save_position(struct reader *rd);

/* ---- reader_find.c ---- */

/* Searches from line `from` in direction dir (1, -1); scrolls to the
 * match or says there is none. */
void reader_run_search(struct reader *rd, struct app *a, size_t from, int dir, bool inclusive);
/* The first line of the run of lines in section sec (NO_SECTION: above
 * the first) that holds a match of rd->pat and the words `text` (NULL:
 * any), a run being a line and the lines that continue it after a wrap;
 * else of the nth (from 0) run that holds a match (a table laid out as
 * records at this width has other lines than the index's); else the
 * section's first line. */
size_t reader_nth_match(const struct reader *rd, uint32_t sec, size_t nth, const char *text);
/* view_ops.input: the search prompt. */
int reader_input(struct view *v, struct app *a, const char *text, bool done);
/* The number of the selected link, 0 for none. */
uint16_t reader_selected_link(const struct reader *rd);
/* Whether any link is on screen (what l and L select from). */
bool reader_links_on_screen(const struct reader *rd);
/* Whether the selected link is on screen. */
bool reader_link_visible(const struct reader *rd);
/* Selects the next (1) or previous (-1) link on the screen; false: none. */
bool reader_select_link(struct reader *rd, int dir);
/* Scrolls the selected link out from under a long status message. */
void reader_reveal_link(struct reader *rd, struct app *a);
/* Asks the app to follow the selected link (the first on the screen when
 * none is). */
int reader_follow_link(struct reader *rd, struct app *a);

/* ---- reader_links.c ---- */

/* Follows link id when it leads within the text to a footnote or back
 * to its reference: the other end at the top and selected, a step that
 * Backspace comes back from.  False for any other link. */
bool reader_follow_note(struct reader *rd, struct app *a, uint16_t id);
/* Says in the status line where link id leads (a footnote by its number). */
void reader_say_link(struct reader *rd, struct app *a, uint16_t id);
/* The hyperlink target of link id (hyperlink_target), or NULL. */
const char *reader_hyperlink(struct reader *rd, uint16_t id);

#endif
