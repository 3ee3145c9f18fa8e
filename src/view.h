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
 * One key hint of the footer, "key:label": an action the view can do now
 * (never one that would do nothing), and what it does, in words that may
 * depend on the view's state ("h:show done" once done items are hidden).
 * The key is never written here: the footer takes it from the key table
 * (keys_key), so that it is always the key that does the action.  With
 * alt, the hint names two actions, "]/[:section"; with range, actions act
 * to alt, "1-5:rate".
 */
enum hint_prio {
	HINT_LOW = 1,  /* dropped first by a narrow footer */
	HINT_MID,
	HINT_HIGH,
	HINT_KEEP,     /* never dropped: help, the way back, the only way to a screen */
};

struct view_hint {
	enum action act;
	enum action alt; /* ACT_NONE: one action */
	bool range;
	const char *label; /* static: a string literal */
	enum hint_prio prio;
};

#define VIEW_MAX_HINTS 12

struct view_ops {
	const char *name;
	unsigned ctx;    /* enum key_context of its bindings */
	/* The footer: fills out[] (at most VIEW_MAX_HINTS) with the actions
	 * available now, in footer order; returns how many. */
	size_t (*hints)(struct view *v, struct app *a, struct view_hint *out);
	/* Header text: where you are (new string). */
	char *(*title)(struct view *v, struct app *a);
	/* Right side of the header, e.g. position or progress (new string or NULL). */
	char *(*info)(struct view *v, struct app *a);
	/* The layout step for a body of rows [top, top + height), a->cols
	 * wide: fits the view to its size and (re)loads what it shows when
	 * its records changed, never in draw.  The app calls it on resize and
	 * before every draw; a key may come first, so actions call it too.
	 * May be NULL. */
	void (*layout)(struct view *v, struct app *a, int top, int height);
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
