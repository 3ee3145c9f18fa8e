/*
 * reader_text.c - the role screen's text: rendered at the text pane's
 * width, headed by a title that only the front matter gives, and with
 * the onboarding checklist's boxes showing the profile's progress.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checklist.h"
#include "markdown.h"
#include "reader.h"
#include "xalloc.h"

size_t
role_render_base(const struct role *r)
{
	/* a document without headings has one untitled outline entry: the
	 * title heads that section rather than a section of its own */
	bool untitled = r->outline.n == 1 && r->outline.v[0].node == r->doc;

	return r->title_unshown && !untitled;
}

/* Renders the role, headed by its title when the text does not show it. */
void
role_render(const struct role *r, size_t base, const struct mdrender_opts *o, struct render *out)
{
	mdrender_begin(out, o);
	if (r->title_unshown)
		mdrender_title(out, r->title, base > 0);
	mdrender_part(out, r->doc, &r->outline);
	mdrender_end(out);
	/* without headings, the one section the title names starts at it */
	if (r->title_unshown && base == 0 && out->nsections > 0)
		out->section_line[0] = 0;
}

bool
reader_wants_lazy(const struct role *role)
{
	struct stat sb;

	return stat(role->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       (unsigned long long)sb.st_size >= READER_LAZY_BYTES;
}

bool
reader_open_lazy(struct reader *rd, char **err)
{
	char *front = NULL, *title;
	FILE *f = role_open(rd->role);

	if (f == NULL) {
		*err = xstrdup(rd->role->error);
		return false;
	}
	rd->body = md_read_body(f, rd->role->path, &rd->body_len, &front, err);
	fclose(f);
	if (rd->body == NULL) {
		free(front);
		return false;
	}
	/* the title heads the text when only the front matter gives it (as
	 * role_render() decides, the first part telling whether the text
	 * opens with it) */
	title = md_front_value(front, "title");
	free(front);
	if (title != NULL && (*title == '\0' || strcmp(title, rd->role->title) != 0)) {
		free(title);
		title = NULL;
	}
	rd->front_title = title;
	rd->lazy = xcalloc(1, sizeof *rd->lazy);
	rd->base = 0;
	return true;
}

/* After parts were laid out: the base the first part settled, and what
 * pointed into lines that were taken back (the layout began again). */
static void
laid_out(struct reader *rd)
{
	rd->base = rd->lazy->base;
	if (rd->lazy->gen != rd->lazy_gen) {
		rd->lazy_gen = rd->lazy->gen;
		rd->match = -1;
		rd->link_line = -1;
		rd->top_mark_line = SIZE_MAX;
	}
	if (rd->role->loaded && (rd->role->nitems > 0 || rd->role->noff_items > 0))
		rd->boxes_stale = true; /* new lines have boxes to show */
}

void
reader_need_lines(struct reader *rd, size_t n)
{
	if (rd->lazy == NULL || rd->lazy->done || rd->rwidth == 0 || rd->r.lines.n >= n)
		return;
	md_lazy_lines(rd->lazy, n);
	laid_out(rd);
}

void
reader_need_section(struct reader *rd, size_t sec)
{
	if (rd->lazy == NULL || rd->lazy->done || rd->rwidth == 0 || sec + 1 < rd->r.nsections)
		return;
	md_lazy_section(rd->lazy, sec);
	laid_out(rd);
}

void
reader_need_all(struct reader *rd)
{
	if (rd->lazy == NULL || rd->lazy->done || rd->rwidth == 0)
		return;
	md_lazy_all(rd->lazy);
	laid_out(rd);
}

bool
reader_lay_out_more(struct reader *rd)
{
	bool more;

	if (rd->lazy == NULL || rd->lazy->done || rd->rwidth == 0)
		return false;
	more = md_lazy_step(rd->lazy);
	laid_out(rd);
	return more;
}

bool
reader_complete(const struct reader *rd)
{
	return rd->lazy == NULL || rd->lazy->done;
}

/* A mark's line in a lazy layout: the parts up to its section laid out
 * first. */
static size_t
lazy_line_of(struct reader *rd, struct mark m)
{
	if (m.section == NO_SECTION)
		reader_need_lines(rd, 1);
	else
		reader_need_section(rd, m.section);
	return reader_line_of(rd, m);
}

void
reader_rerender(struct reader *rd, struct app *a, int width)
{
	struct mdrender_opts o = {.width = width, .ascii = a->ascii, .references = false};
	struct mark top = {0, 0, 0}, origin = {0, 0, 0};
	/* the first render starts at the top: only a re-render has a
	 * position to carry over */
	bool carry = rd->rwidth != 0 && rd->r.lines.n > 0;

	if (rd->rwidth == width)
		return;
	if (carry) {
		top = rd->top == rd->top_mark_line ? rd->top_mark : reader_mark_at(rd, rd->top);
		origin = reader_mark_at(rd, rd->search_origin); /* a search may be under way */
	}
	if (rd->lazy != NULL) {
		/* a large document: laid out anew as far as the screen needs */
		if (rd->rwidth == 0)
			md_lazy_init(rd->lazy, rd->body, rd->body_len, rd->front_title, &o, &rd->r);
		else
			md_lazy_restart(rd->lazy, width);
		rd->rwidth = width;
		md_lazy_step(rd->lazy);
		laid_out(rd);
	} else {
		render_done(&rd->r);
		render_init(&rd->r);
		role_render(rd->role, rd->base, &o, &rd->r);
		rd->rwidth = width;
	}
	rd->boxes_stale = true;
	if (carry) {
		rd->top = rd->lazy != NULL ? lazy_line_of(rd, top) : reader_line_of(rd, top);
		rd->search_origin =
		    rd->lazy != NULL ? lazy_line_of(rd, origin) : reader_line_of(rd, origin);
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
void
reader_show_progress(struct reader *rd, struct app *a)
{
	struct lines *l = &rd->r.lines;
	const char *box[2] = {a->ascii ? "[ ]" : "\u2610", a->ascii ? "[x]" : "\u2611"};
	struct checklist cl, off;

	rd->boxes_stale = false;
	rd->boxes_version = app_data_version(a);
	rd->done = rd->total = 0;
	if (rd->role->nitems == 0 && rd->role->noff_items == 0)
		return;
	app_checklist_load(a, &cl, a->profile, rd->role, CHECKLIST_ONBOARDING);
	/* the offboarding checklist's boxes too */
	app_checklist_load(a, &off, a->profile, rd->role, CHECKLIST_OFFBOARDING);
	rd->done = cl.done;
	rd->total = cl.n;
	for (size_t i = 0; i < l->n; i++) {
		struct line *ln = &l->v[i];
		const struct check_item *it;
		bool done;

		if (ln->kind != LINE_TASK)
			continue;
		if ((it = role_item_by_task(rd->role, ln->aux)) != NULL) {
			done = cl.v[it - rd->role->items].done;
		} else {
			size_t k = 0;
			while (k < off.n && off.v[k].item->task != ln->aux)
				k++;
			if (k == off.n)
				continue;
			done = off.v[k].done;
		}
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
	checklist_done(&off);
}
