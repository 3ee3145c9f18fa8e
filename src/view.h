/*
 * view.h - the screens.  Each screen is one file, view_<name>.c, with a
 * struct that embeds struct view first and a table of operations (tig's
 * view_ops).  Views draw into a frame region and receive actions; they
 * never touch the terminal and never call refresh.
 */
#ifndef ROLEBOOK_VIEW_H
#define ROLEBOOK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "frame.h"
#include "keys.h"

struct app;
struct view;
struct role;

/* What handling an action asks of the app loop (bits). */
enum view_result {
	VR_NONE = 0,     /* not handled */
	VR_HANDLED = 1 << 0,
	VR_REDRAW = 1 << 1,
	VR_CLOSE = 1 << 2, /* pop this view */
	VR_QUIT = 1 << 3,
};

/*
 * One key hint of the footer, "key:what".  A view lists its hints in
 * footer order, most important first, ending with {NULL}.  A footer too
 * narrow for them all drops whole hints from the end, never one marked
 * keep (help, and the way back or out), so it always names those.
 */
struct view_hint {
	const char *text;
	bool keep;
};

struct view_ops {
	const char *name;
	unsigned ctx;    /* enum key_context of its bindings */
	const struct view_hint *hints; /* footer: the keys that matter here */
	/* Header text: where you are (new string). */
	char *(*title)(struct view *v, struct app *a);
	/* Right side of the header, e.g. position or progress (new string or NULL). */
	char *(*info)(struct view *v, struct app *a);
	/* The layout step, before every draw, with the body's size: a view
	 * (re)loads what it shows here when its records changed or the size
	 * did, never in draw.  May be NULL. */
	void (*layout)(struct view *v, struct app *a, int height, int width);
	/* Draws the body: rows [top, top + height) of f. */
	void (*draw)(struct view *v, struct app *a, struct frame *f, int top, int height);
	int (*action)(struct view *v, struct app *a, enum action act);
	/* Text typed at the prompt the view opened: on every change (done
	 * false), on Enter (done true) and on Esc (text NULL). */
	int (*input)(struct view *v, struct app *a, const char *text, bool done);
	/* Work left for when no key is waiting (loading what the first frame
	 * skipped); returns true when it did some and wants a redraw.  May be
	 * NULL. */
	bool (*idle)(struct view *v, struct app *a);
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
};

struct view *view_home_new(struct app *a);
struct view *view_reader_new(struct app *a, struct role *role);
struct view *view_checklist_new(struct app *a, struct role *role);
/* The assessment of profile's role by rater (NULL or "": the profile's own),
 * with every other rater's ratings side by side. */
struct view *view_assess_new(struct app *a, struct role *role, const char *profile,
                             const char *rater);
/* The chart and readiness summary, or (history true) the snapshots, of
 * profile's own ratings; viewer (NULL or "": none) is the reviewer who
 * opened it, whose ratings it names beside them. */
struct view *view_chart_new(struct app *a, struct role *role, const char *profile,
                            const char *viewer, bool history);
/* Every profile and role with progress, ratings and readiness. */
struct view *view_review_new(struct app *a);
struct view *view_help_new(struct app *a, const struct view *about);

/* For following links: scrolls a reader to the section of its role whose
 * anchor (GitHub slug) is `anchor` (NULL or "": the top), or says in the
 * status line that there is none.  With remember, a move is a step that
 * Backspace (ACT_HISTORY_BACK) comes back from. */
void view_reader_goto_anchor(struct view *v, struct app *a, const char *anchor, bool remember);
/* Scrolls a reader to section sec of its role. */
void view_reader_goto_section(struct view *v, struct app *a, size_t sec);
/* The role a reader shows. */
struct role *view_reader_role(struct view *v);

#endif
