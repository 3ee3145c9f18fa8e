/*
 * listnav.h - moving through a list on screen: the selection, the first
 * entry shown, and what every movement key, the mouse wheel, a click and
 * a new size do to them.  One routine for every list (tig's move_view),
 * so that a key means the same on every screen.  Pure: no curses, no
 * drawing; a view lays out its entries and draws what this says is shown.
 *
 * A list has `count` entries; entry i takes lines(i) lines (at least one:
 * a role on the home screen takes two, a checklist item as many as its
 * text wraps to).  `height` lines are on screen, from entry `top`.  Some
 * entries may be unselectable (trailing notes); a list where none is
 * selectable, or a pager, has no selection and its keys scroll.
 *
 * Invariants after every call that takes or moves: sel is -1 or a
 * selectable entry; the selected entry is shown whole (from its first
 * line when it is taller than the screen); top is never further down than
 * needed to show the last entry, so no row is left blank at the bottom
 * while entries above could fill it.
 */
#ifndef ROLEBOOK_LISTNAV_H
#define ROLEBOOK_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

/* What a wheel notch scrolls, in lines (rounded to whole entries, at
 * least one). */
#define LISTNAV_WHEEL_LINES 3

struct listnav {
	size_t count; /* entries */
	long sel;     /* selected entry, -1: none */
	size_t top;   /* first entry shown */
	int height;   /* lines on screen (taken as 1 when less) */
	bool pager;   /* no selection: every key scrolls (help, compare) */
	/* lines of entry i, at least 1 (NULL: `per` for every entry) */
	int (*lines)(const void *ctx, size_t i);
	/* whether entry i can be selected (NULL: every one) */
	bool (*selectable)(const void *ctx, size_t i);
	const void *ctx; /* for the two callbacks; borrowed */
	int per;	 /* lines per entry without the callback (0: 1) */
};

/* An empty list, selection on the first entry once there is one. */
void listnav_init(struct listnav *n);

/*
 * The layout step, after a resize or when the entries changed (count, or
 * any entry's lines): takes the new count and height, keeps the selection
 * (moved to the nearest selectable entry, the last one when the list got
 * shorter) and the first entry shown where it can, then keeps the
 * selection on screen and fills the screen.
 */
void listnav_layout(struct listnav *n, size_t count, int height);

/*
 * Carries out a movement action: ACT_UP and ACT_DOWN (the next selectable
 * entry; at either end of the selectable ones, scrolls the rest into view
 * while the selection stays on screen), ACT_PAGE_UP/DOWN (a page: `height`
 * lines), ACT_HALF_UP/DOWN (half of them), ACT_TOP and ACT_BOTTOM,
 * ACT_WHEEL_UP/DOWN (scrolls LISTNAV_WHEEL_LINES; the selection moves only
 * to stay on screen, as in tig and less).  Pages move the view and the
 * selection together, so the selection keeps its row where it can.
 * Returns true when act is one of these (handled, even at an end), false
 * for any other action.
 */
bool listnav_act(struct listnav *n, enum action act);

/* Selects entry i (or the nearest selectable one) and brings it into
 * view. */
void listnav_select(struct listnav *n, long i);

/* Scrolls as little as needed to show the selected entry whole. */
void listnav_reveal(struct listnav *n);

/* The entry shown on line `line` of the list (0: the first line shown),
 * or -1 for none. */
long listnav_at(const struct listnav *n, int line);

/* The line of the list where entry i starts on screen (negative when above
 * the top). */
long listnav_line_of(const struct listnav *n, size_t i);

/* Lines entry i takes. */
int listnav_lines(const struct listnav *n, size_t i);

/* The last entry that is shown, at least in part, from top in height lines
 * (top itself when the list is empty). */
size_t listnav_bottom(const struct listnav *n);

enum listnav_hit {
	LISTNAV_MISS,	/* no selectable entry there */
	LISTNAV_SELECT, /* the entry is now selected */
	LISTNAV_AGAIN,	/* it was already selected: act on it, like Enter */
};

/* A click on line `line` of the list: selects the entry there. */
enum listnav_hit listnav_click(struct listnav *n, int line);

#endif
