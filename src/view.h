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
#include <stdint.h>

#include "frame.h"
#include "keys.h"

struct app;
struct view;
struct role;

/* What handling an action asks of the app loop (bits).  The loop redraws
 * only for VR_REDRAW and VR_CLOSE, a navigation request, a status message
 * or the prompt: VR_HANDLED alone is "nothing changed". */
enum view_result {
	VR_NONE = 0, /* not handled */
	VR_HANDLED = 1 << 0,
	VR_REDRAW = 1 << 1,
	VR_CLOSE = 1 << 2, /* pop this view */
	VR_QUIT = 1 << 3,
};

/*
 * Navigation as requests: a view never builds another view or looks at the
 * stack; it asks the app (app_request()) for a screen, and the app (nav.c)
 * builds it, pushes it and says so when it cannot.  The request is carried
 * out when the view's action returns; q and Esc (VR_CLOSE) always go back
 * to the screen below, the one the request came from.
 */
enum nav_kind {
	NAV_NONE = 0,
	NAV_ROLE,      /* role's text, at `at` */
	NAV_FOLLOW,    /* follow url, a link of role's text */
	NAV_LINK_BACK, /* come back from a followed link (Backspace) */
	NAV_CHECKLIST, /* role's checklist, for the app's profile */
	NAV_ASSESS,    /* role's assessment of profile by rater */
	NAV_CHART,     /* role's chart of profile by rater */
	NAV_HISTORY,   /* role's snapshots of profile by rater */
	NAV_REVIEW,    /* every candidate */
	NAV_HELP,      /* the keys of the screen on top */
	NAV_NOTE,      /* the note of role's checklist item whose id is url, in full */
	NAV_SEARCH,    /* every document searched for url (the pattern): the matches */
};

/* A place in a role's text: a section, an anchor, or (neither) where the
 * profile left it. */
struct nav_place {
	bool at_section;
	size_t section;	    /* outline entry, with at_section */
	const char *anchor; /* GitHub anchor of a heading, without '#'; "" the top */
	/* a match of the pattern find (search_index.h's numbering): the
	 * find_nth matching line (from 0) of the render's section
	 * find_section, highlighted, where n and N go on */
	const char *find;
	const char *find_text; /* the words around it (NULL: none), which pick the
				* line over find_nth where the lines differ */
	uint32_t find_section;
	size_t find_nth;
};

struct nav_request {
	enum nav_kind kind;
	struct role *role; /* borrowed from the catalogue */
	struct nav_place at;
	const char *url; /* NAV_FOLLOW; NAV_NOTE: the item's id */
	/* NAV_ASSESS, NAV_CHART, NAV_HISTORY: NULL, the app's profile and
	 * rater; else this profile, rated by rater (NULL or "": its own) */
	const char *profile, *rater;
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
/* A narrow footer first drops LOW and MID hints (the least important
 * first, the last of equal ones), then writes the labels that have a
 * shorter form in short (app.c, hint_brief), then drops HIGH ones: so a
 * HIGH hint, a key the screen is about, stays as long as it can. */
enum hint_prio {
	HINT_LOW = 1, /* dropped first by a narrow footer */
	HINT_MID,
	HINT_HIGH, /* kept, shortened to its brief, before it goes */
	HINT_KEEP, /* never dropped: help, the way back, the only way to a screen */
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
	unsigned ctx; /* enum key_context of its bindings */
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
	/* Shows a place of the role the view shows (a link within it was
	 * followed); with remember, a step Backspace comes back from.  NULL:
	 * the view shows no role's text, and a new one is opened. */
	void (*locate)(struct view *v, struct app *a, const struct nav_place *at, bool remember);
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
};

struct view *view_home_new(struct app *a);
/* The matches of pat in every document of the catalogue (view_search.c);
 * NULL when the user stopped the indexing (a->stop_asked). */
struct view *view_search_new(struct app *a, const char *pat);
/* The role screen; NULL with role->error when a large document, laid
 * out lazily without its model, cannot be read. */
struct view *view_reader_new(struct app *a, struct role *role);
/* Whether the role screen lays role out lazily (a large file): then it
 * needs no role_load(). */
bool view_reader_lazy(const struct role *role);
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
/* The note of role's checklist item item_id (either list), in full. */
struct view *view_note_new(struct app *a, struct role *role, const char *item_id);

#endif
