/*
 * view_help.c - help for the screen it was opened from, built from the
 * key table so that it can never disagree with the bindings.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "lines.h"
#include "listnav.h"
#include "paths.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

struct help {
	struct view v;
	char *about;  /* name of the screen the help is for */
	unsigned ctx; /* its key context */
	char **rows;  /* as added: "#" starts a heading, "\001" a key's row */
	size_t nrows, cap;
	struct listnav nav; /* a pager over lines */
	/* the rows wrapped at the screen's width (top counts these) */
	struct help_line {
		char *text;
		bool heading;
		size_t row; /* the row it comes from */
	} * lines;
	size_t nlines, lcap;
	int wrapped_at; /* cells, 0 before the first draw */
};

static void
add_row(struct help *h, char *row)
{
	h->rows = xgrow(h->rows, &h->cap, h->nrows + 1, sizeof *h->rows);
	h->rows[h->nrows++] = row;
}

static void
add_line(struct help *h, char *text, bool heading, size_t row)
{
	h->lines = xgrow(h->lines, &h->lcap, h->nlines + 1, sizeof *h->lines);
	h->lines[h->nlines].text = text;
	h->lines[h->nlines].row = row;
	h->lines[h->nlines++].heading = heading;
}

/*
 * Wraps every row at cells: a key's description goes on under itself
 * (after the key column, "  %-12s "), other text under its first word,
 * so a narrow terminal loses nothing of the help.
 */
static void
wrap_rows(struct help *h, int cells)
{
	for (size_t i = 0; i < h->nlines; i++)
		free(h->lines[i].text);
	h->nlines = 0;
	h->wrapped_at = cells;
	for (size_t i = 0; i < h->nrows; i++) {
		const char *s = h->rows[i];
		bool heading = s[0] == '#';
		size_t len, pos = 0;
		int indent = s[0] == '\001' ? 15 : 0;

		if (heading || indent > 0)
			s++;
		len = strlen(s);
		if (indent == 0)
			indent = (int)strspn(s, " "); /* text goes on under itself */
		if (indent > cells / 2)
			indent = 4;
		if (len == 0)
			add_line(h, xstrdup(""), heading, i);
		while (pos < len) {
			int room = pos == 0 ? cells : cells - indent;
			size_t next, n = text_wrap(s + pos, len - pos, room > 1 ? room : 1, &next);
			add_line(h,
				 pos == 0 ? xstrndup(s, n)
					  : xasprintf("%*s%.*s", indent, "", (int)n, s + pos),
				 heading, i);
			pos += next > 0 ? next : len - pos;
		}
	}
}

/* The layout step: the rows wrapped at the width, the pager at the
 * height, keeping the line at the top where it can. */
static void
help_layout(struct view *v, struct app *a, int top, int height)
{
	struct help *h = (struct help *)v;

	if (h->wrapped_at != a->cols - 2) {
		/* the row at the top stays at the top after a new wrap */
		size_t row = h->nav.top < h->nlines ? h->lines[h->nav.top].row : 0;
		wrap_rows(h, a->cols - 2);
		h->nav.top = 0;
		while (h->nav.top + 1 < h->nlines && h->lines[h->nav.top].row < row)
			h->nav.top++;
	}
	listnav_layout(&h->nav, h->nlines, height);
	(void)top;
}

static void
help_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct help *h = (struct help *)v;

	for (int r = 0; r < height; r++) {
		size_t i = h->nav.top + (size_t)r;
		if (i >= h->nlines)
			break;
		frame_puts(f, top + r, 1, h->lines[i].text,
			   h->lines[i].heading ? STY_HEADING : STY_PLAIN, f->cols - 2);
	}
}

static char *
help_title(struct view *v, struct app *a)
{
	struct help *h = (struct help *)v;

	return xasprintf("help: %s screen", h->about);
}

static int
help_action(struct view *v, struct app *a, enum action act)
{
	struct help *h = (struct help *)v;

	help_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (listnav_act(&h->nav, act))
		return VR_REDRAW;
	switch (act) {
	case ACT_BACK:
	case ACT_HELP:
		return VR_CLOSE;
	default:
		return VR_HANDLED;
	}
}

static void
help_free(struct view *v)
{
	struct help *h = (struct help *)v;

	for (size_t i = 0; i < h->nrows; i++)
		free(h->rows[i]);
	free(h->rows);
	for (size_t i = 0; i < h->nlines; i++)
		free(h->lines[i].text);
	free(h->lines);
	free(h->about);
	free(h);
}

/* The footer (see struct view_hint): scrolling only when there is more
 * help than the screen shows. */
static size_t
help_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct help *h = (struct help *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "close help", HINT_KEEP};
	if (h->nlines > (size_t)h->nav.height)
		out[n++] = (struct view_hint){ACT_DOWN, ACT_UP, false, "scroll", HINT_MID};
	out[n++] = (struct view_hint){ACT_QUIT, ACT_NONE, false, "quit", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops help_ops = {
    .name = "help",
    .ctx = CTX_HELP,
    .hints = help_hints,
    .title = help_title,
    .layout = help_layout,
    .draw = help_draw,
    .action = help_action,
    .free = help_free,
};

static void
add_keys(struct help *h, unsigned ctx, bool global)
{
	size_t n;
	const struct keydef *t = keys_table(&n);

	for (size_t i = 0; i < n; i++) {
		if (t[i].names == NULL ||
		    (global ? t[i].ctx != CTX_GLOBAL
			    : (t[i].ctx & ctx) == 0 || t[i].ctx == CTX_GLOBAL))
			continue;
		/* \001: a key's row, wrapped under its description */
		char *help = keys_fill(ctx, t[i].help);
		add_row(h, xasprintf("\001  %-12s %s", t[i].names, help));
		free(help);
	}
}

/* What each screen is for, by its key context (not by its name). */
static const struct {
	unsigned ctx;
	const char *heading, *text;
} intros[] = {
    {CTX_HOME, "The home screen lists every role rolebook found.",
     "{open} opens the selected role; the last entry opens the review of candidates."},
    {CTX_READER, "A role: its contents on one side, its text on the other.",
     "{focus} puts the focus on the contents; {up}/{down} there jump between sections."},
    {CTX_CHECKLIST, "The onboarding checklist of the role, for your profile.",
     "{toggle} ticks the selected item; {note} edits its note (a link, a date), which never "
     "ticks it, and {read-note} reads it whole.  {open} reads the section of the role that "
     "explains the item ({back} comes back); {open-link} opens its link; {focus} shows the "
     "offboarding checklist.  A step two roles share is ticked in both.  Dates are in your "
     "time zone."},
    {CTX_ASSESS, "The self-assessment: rate each statement from 1 to 5.",
     "A number rates the selected statement and moves to the next; {note} edits its "
     "note.  Leaving after changes records a snapshot."},
    {CTX_CHART, "The readiness chart, the history of snapshots and their comparison.",
     "{history} switches between the chart and the history; in the history {mark} marks two "
     "snapshots and {open} compares them."},
    {CTX_SEARCH, "The matches of a search of every document, by document.",
     "Each match shows its section and the words around it; {open} opens the document at "
     "it.  Case is ignored unless the pattern has a capital letter."},
    {CTX_REVIEW, "Every candidate's progress, ratings and readiness.",
     "{open} opens the selected candidate's ratings beside the reviewers', to rate as "
     "reviewer."},
};

struct view *
view_help_new(struct app *a, const struct view *about)
{
	struct help *h = xcalloc(1, sizeof *h);

	h->v.ops = &help_ops;
	h->about = xstrdup(about->ops->name);
	h->ctx = about->ops->ctx;
	listnav_init(&h->nav);
	h->nav.pager = true;
	for (size_t i = 0; i < sizeof intros / sizeof intros[0]; i++)
		if (intros[i].ctx & h->ctx) {
			add_row(h, xasprintf("#%s", intros[i].heading));
			/* the keys in use, rebound or not */
			add_row(h, keys_fill(intros[i].ctx, intros[i].text));
		}
	if (h->ctx & CTX_HOME) {
		char *mine = paths_user_roles();
		add_row(h, xasprintf("Bundled roles, yours (%s) and --content folders.",
				     mine ? mine : "none: HOME is not set"));
		free(mine);
	}
	add_row(h, xstrdup(""));
	add_row(h, xstrdup("#Keys on this screen"));
	add_keys(h, h->ctx, false);
	add_row(h, xstrdup(""));
	add_row(h, xstrdup("#Keys everywhere"));
	add_keys(h, h->ctx, true);
	add_row(h, xstrdup(""));
	add_row(h, xstrdup("#Search"));
	if (h->ctx & CTX_HOME)
		add_row(
		    h,
		    xstrdup("  Type after / to select a title that matches; Enter searches every "
			    "document's text and lists the matches, Esc cancels."));
	else
		add_row(h,
			xstrdup("  Type after / to search as you type; Enter keeps the match, Esc "
				"cancels."));
	add_row(h,
		xstrdup("  Lower-case patterns ignore case; any capital makes the search exact."));
	add_row(h, xstrdup(""));
	add_row(h, xstrdup("See also: man rolebook"));
	(void)a;
	return &h->v;
}
