/*
 * view_note.c - one checklist item's note in full: the item, its state
 * and the whole note, wrapped at the screen's width with its own line
 * breaks kept, scrolled as a pager.  The checklist shows a note on one
 * line, cut; this screen is where a long one is read.
 *
 * The item is named by its id (in either of the role's lists: a step's
 * state is one record, see checklist.h); the note is read from the store
 * again whenever another process has changed it.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "checklist.h"
#include "dates.h"
#include "lines.h"
#include "listnav.h"
#include "strbuf.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

struct noteview {
	struct view v;
	struct role *role;
	char *item_id;
	struct checklist cl;
	const struct checklist_entry *e; /* in cl, NULL: the item is gone */
	uint64_t version;
	bool loaded;
	struct note_line {
		char *text;
		uint16_t style;
	} * lines;
	size_t nlines, lcap;
	int wrapped_at;
	struct listnav nav;
};

static void
load(struct noteview *n, struct app *a)
{
	checklist_done(&n->cl);
	n->e = NULL;
	for (int l = CHECKLIST_ONBOARDING; l <= CHECKLIST_OFFBOARDING && n->e == NULL; l++) {
		checklist_done(&n->cl);
		app_checklist_load(a, &n->cl, a->profile, n->role, (enum checklist_list)l);
		for (size_t i = 0; i < n->cl.n && n->e == NULL; i++)
			if (strcmp(n->cl.v[i].item->id, n->item_id) == 0)
				n->e = &n->cl.v[i];
	}
	n->version = app_data_version(a);
	n->loaded = true;
	n->wrapped_at = 0;
}

static void
add_line(struct noteview *n, char *text, uint16_t style)
{
	n->lines = xgrow(n->lines, &n->lcap, n->nlines + 1, sizeof *n->lines);
	n->lines[n->nlines].text = text;
	n->lines[n->nlines++].style = style;
}

/* Adds s[0..len) wrapped at cells. */
static void
add_rows(struct noteview *n, const char *s, size_t len, uint16_t style)
{
	size_t pos = 0;

	while (pos < len) {
		size_t next, cut = text_wrap(s + pos, len - pos, n->wrapped_at, &next);
		add_line(n, xstrndup(s + pos, cut), style);
		pos += next > 0 ? next : len - pos;
	}
}

/* Where the next URL wider than cells starts in s[0..len) (len: none);
 * *end receives where it ends (at a space). */
static size_t
long_url(const char *s, size_t len, int cells, size_t *end)
{
	static const char *const schemes[] = {"https://", "http://", "mailto:"};

	for (size_t i = 0; i < len; i++) {
		if (i > 0 && s[i - 1] != ' ')
			continue;
		for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
			size_t sl = strlen(schemes[k]), e = i;
			if (len - i < sl || strncmp(s + i, schemes[k], sl) != 0)
				continue;
			while (e < len && s[e] != ' ')
				e++;
			if (text_width(s + i, e - i) > cells) {
				*end = e;
				return i;
			}
		}
	}
	return len;
}

/* Adds text wrapped at cells, a line per paragraph line.  A URL too wide
 * for a row is never broken among other words: it starts a row and takes
 * rows of its own (a curses screen cannot give it one selectable line;
 * o on the checklist shows it whole). */
static void
add_wrapped(struct noteview *n, const char *text, int cells, uint16_t style)
{
	const char *p = text;
	int keep = n->wrapped_at;

	if (cells < 4)
		cells = 4;
	n->wrapped_at = cells;
	do {
		size_t len = strcspn(p, "\n"), pos = 0, u, end;
		if (len == 0)
			add_line(n, xstrdup(""), style);
		while (pos < len) {
			u = pos + long_url(p + pos, len - pos, cells, &end);
			if (u == len) {
				add_rows(n, p + pos, len - pos, style);
				break;
			}
			end += pos;
			add_rows(n, p + pos, u > pos && p[u - 1] == ' ' ? u - 1 - pos : u - pos,
				 style);
			add_rows(n, p + u, end - u, style);
			pos = end;
			while (pos < len && p[pos] == ' ')
				pos++;
		}
		p += len;
	} while (*p++ == '\n');
	n->wrapped_at = keep;
}

static void
wrap(struct noteview *n, struct app *a, int cells)
{
	char *text, date[DATES_MAX];
	struct strbuf b = {0};

	for (size_t i = 0; i < n->nlines; i++)
		free(n->lines[i].text);
	n->nlines = 0;
	n->wrapped_at = cells;
	if (n->e == NULL) {
		add_wrapped(n, "This item is no longer in the role's checklists.", cells,
			    STY_PLAIN);
		return;
	}
	text = text_clean(n->e->item->text, 0);
	add_wrapped(n, text, cells, STY_HEADING);
	free(text);
	strbuf_puts(&b, n->e->done ? "done" : "not done");
	if (n->e->done && n->e->rec != NULL)
		strbuf_printf(&b, " %s", dates_format(n->e->rec->done_at, DATE_DAY, date));
	if (n->e->item->required)
		strbuf_puts(&b, a->ascii ? " | prerequisite" : " \xc2\xb7 prerequisite");
	text = strbuf_take(&b);
	add_wrapped(n, text, cells, STY_DIM);
	free(text);
	add_line(n, xstrdup(""), STY_PLAIN);
	if (n->e->rec == NULL || n->e->rec->note == NULL || *n->e->rec->note == '\0') {
		char *none =
		    keys_fill(CTX_CHECKLIST, "No note yet: {note} on the checklist writes one.");
		add_wrapped(n, none, cells, STY_DIM);
		free(none);
		return;
	}
	text = text_clean(n->e->rec->note, TEXT_KEEP_NEWLINES);
	add_wrapped(n, text, cells, STY_PLAIN);
	free(text);
}

static void
note_layout(struct view *v, struct app *a, int top, int height)
{
	struct noteview *n = (struct noteview *)v;

	if (!n->loaded || app_data_version(a) != n->version)
		load(n, a);
	if (n->wrapped_at != a->cols - 2)
		wrap(n, a, a->cols - 2);
	listnav_layout(&n->nav, n->nlines, height);
	(void)top;
}

static void
note_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct noteview *n = (struct noteview *)v;

	for (int r = 0; r < height; r++) {
		size_t i = n->nav.top + (size_t)r;
		if (i >= n->nlines)
			break;
		frame_puts(f, top + r, 1, n->lines[i].text, n->lines[i].style, f->cols - 2);
	}
	(void)a;
}

static char *
note_title(struct view *v, struct app *a)
{
	struct noteview *n = (struct noteview *)v;

	return xasprintf("%s %s Note", n->role->title, a->ascii ? ">" : "\xe2\x80\xba");
}

static int
note_action(struct view *v, struct app *a, enum action act)
{
	struct noteview *n = (struct noteview *)v;

	note_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (listnav_act(&n->nav, act))
		return VR_REDRAW;
	switch (act) {
	case ACT_BACK:
		return VR_CLOSE;
	case ACT_RELOAD:
		load(n, a);
		return VR_REDRAW;
	default:
		return VR_NONE;
	}
}

static size_t
note_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct noteview *n = (struct noteview *)v;
	size_t k = 0;

	out[k++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (n->nlines > (size_t)n->nav.height)
		out[k++] = (struct view_hint){ACT_DOWN, ACT_UP, false, "scroll", HINT_MID};
	out[k++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	(void)a;
	return k;
}

static void
note_free(struct view *v)
{
	struct noteview *n = (struct noteview *)v;

	for (size_t i = 0; i < n->nlines; i++)
		free(n->lines[i].text);
	free(n->lines);
	checklist_done(&n->cl);
	free(n->item_id);
	free(n);
}

static const struct view_ops note_ops = {
    .name = "note",
    .ctx = CTX_HELP,
    .hints = note_hints,
    .title = note_title,
    .layout = note_layout,
    .draw = note_draw,
    .action = note_action,
    .free = note_free,
};

struct view *
view_note_new(struct app *a, struct role *role, const char *item_id)
{
	struct noteview *n = xcalloc(1, sizeof *n);

	n->v.ops = &note_ops;
	n->role = role;
	n->item_id = xstrdup(item_id);
	listnav_init(&n->nav);
	n->nav.pager = true;
	(void)a;
	return &n->v;
}
