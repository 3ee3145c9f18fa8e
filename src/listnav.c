/*
 * listnav.c - selection and scrolling of a list (see listnav.h).
 *
 * Positions are counted in lines where the keys promise lines (a page is
 * the lines on screen, a wheel notch three of them) and rounded to whole
 * entries, since a list always starts an entry at its top row.  Every
 * movement ends in fix_view(): the selection shown whole, the first entry
 * no lower than max_top().  Lists are short (hundreds of entries), so
 * positions are summed when needed rather than cached.
 */
#include "config.h"

#include "listnav.h"

void
listnav_init(struct listnav *n)
{
	*n = (struct listnav){.sel = 0};
}

int
listnav_lines(const struct listnav *n, size_t i)
{
	int h = n->lines ? n->lines(n->ctx, i) : n->per;

	return h > 0 ? h : 1;
}

static size_t
height(const struct listnav *n)
{
	return n->height > 0 ? (size_t)n->height : 1;
}

static bool
can_select(const struct listnav *n, size_t i)
{
	return !n->pager && i < n->count && (n->selectable == NULL || n->selectable(n->ctx, i));
}

/* The line where entry i starts, counted from the first entry. */
static size_t
start_of(const struct listnav *n, size_t i)
{
	size_t s = 0;

	for (size_t k = 0; k < i && k < n->count; k++)
		s += (size_t)listnav_lines(n, k);
	return s;
}

/* The entry holding line `line` (from the first entry); the last entry
 * for a line past the end. */
static size_t
entry_at(const struct listnav *n, size_t line)
{
	size_t s = 0;

	for (size_t k = 0; k < n->count; k++) {
		s += (size_t)listnav_lines(n, k);
		if (line < s)
			return k;
	}
	return n->count ? n->count - 1 : 0;
}

/* The entry a move of some lines in direction dir reaches when it ends on
 * line `line`: the one holding it going down, the first one starting at it
 * or below going up, so that a move never goes further than its lines and
 * a move down and back up come back to the same entry. */
static size_t
entry_toward(const struct listnav *n, size_t line, int dir)
{
	size_t k = entry_at(n, line);

	if (dir < 0 && start_of(n, k) < line && k + 1 < n->count)
		k++;
	return k;
}

/* The lowest top that still shows the last entry whole: from there down
 * every entry is shown, and any higher leaves rows blank at the bottom
 * while entries above could fill them.  An entry taller than the screen
 * is shown from its first line. */
static size_t
max_top(const struct listnav *n)
{
	size_t t = n->count, sum = 0;

	while (t > 0 && sum + (size_t)listnav_lines(n, t - 1) <= height(n))
		sum += (size_t)listnav_lines(n, --t);
	if (t == n->count && t > 0)
		t--;
	return t;
}

/* Entry i is shown whole with the view at top (or from its first line
 * when it is taller than the screen). */
static bool
shown_whole(const struct listnav *n, size_t top, size_t i)
{
	size_t sum = 0;

	if (i < top || i >= n->count)
		return false;
	for (size_t k = top; k <= i; k++) {
		sum += (size_t)listnav_lines(n, k);
		if (sum > height(n))
			return k == top && i == top;
	}
	return true;
}

/* The highest top that shows entry i whole: i itself when it is taller
 * than the screen. */
static size_t
lowest_top_for(const struct listnav *n, size_t i)
{
	size_t t = i, sum = (size_t)listnav_lines(n, i);

	while (t > 0 && sum + (size_t)listnav_lines(n, t - 1) <= height(n))
		sum += (size_t)listnav_lines(n, --t);
	return t;
}

/* The nearest selectable entry from i, looking in direction dir first,
 * then the other way; -1 when there is none. */
static long
nearest(const struct listnav *n, long i, int dir)
{
	for (int pass = 0; pass < 2; pass++, dir = -dir)
		for (long k = i; k >= 0 && k < (long)n->count; k += dir)
			if (can_select(n, (size_t)k))
				return k;
	return -1;
}

/* The next selectable entry after i in direction dir, or -1. */
static long
next_from(const struct listnav *n, long i, int dir)
{
	for (long k = i + dir; k >= 0 && k < (long)n->count; k += dir)
		if (can_select(n, (size_t)k))
			return k;
	return -1;
}

void
listnav_reveal(struct listnav *n)
{
	size_t s, limit = max_top(n);

	if (n->sel >= 0) {
		s = (size_t)n->sel;
		if (s < n->top) {
			n->top = s;
			/* what comes right above it and cannot be selected (a
			 * heading) goes with it, when the screen has room */
			while (n->top > 0 && !can_select(n, n->top - 1) &&
			       shown_whole(n, n->top - 1, s))
				n->top--;
		} else if (!shown_whole(n, n->top, s)) {
			n->top = lowest_top_for(n, s);
		}
	}
	if (n->top > limit)
		n->top = limit;
}

/* Keeps the invariants (see listnav.h). */
static void
fix_view(struct listnav *n)
{
	if (n->pager || n->count == 0)
		n->sel = -1;
	else if (n->sel < 0)
		n->sel = nearest(n, 0, 1);
	else if (n->sel >= (long)n->count)
		n->sel = nearest(n, (long)n->count - 1, -1);
	else if (!can_select(n, (size_t)n->sel))
		n->sel = nearest(n, n->sel, 1);
	listnav_reveal(n);
}

void
listnav_layout(struct listnav *n, size_t count, int h)
{
	n->count = count;
	n->height = h;
	if (n->top >= count)
		n->top = count ? count - 1 : 0;
	fix_view(n);
}

void
listnav_select(struct listnav *n, long i)
{
	if (n->count == 0 || n->pager)
		return;
	if (i < 0)
		i = 0;
	if (i >= (long)n->count)
		i = (long)n->count - 1;
	n->sel = nearest(n, i, 1);
	fix_view(n);
}

/* The top after scrolling `lines` lines in direction dir: the entry that
 * holds the line that comes to the top, at least one entry on, never past
 * max_top. */
static size_t
scrolled(const struct listnav *n, size_t lines, int dir)
{
	size_t from = start_of(n, n->top), t, limit = max_top(n);

	if (dir > 0) {
		t = entry_toward(n, from + lines, 1);
		if (t <= n->top)
			t = n->top + 1;
		return t > limit ? (n->top > limit ? n->top : limit) : t;
	}
	t = entry_toward(n, from > lines ? from - lines : 0, -1);
	if (t >= n->top && n->top > 0)
		t = n->top - 1;
	return t;
}

/* The selection `lines` lines on in direction dir (at least the next
 * selectable entry), or where it is at the end. */
static long
moved(const struct listnav *n, size_t lines, int dir)
{
	size_t from = start_of(n, (size_t)n->sel), t;
	long k;

	t = entry_toward(n, dir > 0 ? from + lines : from > lines ? from - lines : 0, dir);
	k = nearest(n, (long)t, dir);
	if (k == n->sel || (dir > 0 ? k < n->sel : k > n->sel)) {
		long next = next_from(n, n->sel, dir);
		k = next >= 0 ? next : n->sel;
	}
	return k;
}

/* Scrolls by `lines`; the selection moves only to stay on screen. */
static void
scroll(struct listnav *n, size_t lines, int dir)
{
	size_t old = n->top;
	long k;

	n->top = scrolled(n, lines, dir);
	if (n->sel < 0 || shown_whole(n, n->top, (size_t)n->sel))
		return;
	/* the selection left the screen: the nearest entry shown whole,
	 * on the side it left by */
	k = -1;
	for (size_t i = n->top; i < n->count && shown_whole(n, n->top, i); i++)
		if (can_select(n, i)) {
			k = (long)i;
			if (dir > 0)
				break;
		}
	if (k >= 0)
		n->sel = k;
	else
		n->top = old; /* no selectable entry there: the selection stays in view */
}

/* A page or half a page: the view and the selection move together. */
static void
page(struct listnav *n, size_t lines, int dir)
{
	if (n->sel < 0) {
		n->top = scrolled(n, lines, dir);
		return;
	}
	n->sel = moved(n, lines, dir);
	n->top = scrolled(n, lines, dir);
}

/* One entry up or down; at the last selectable one, the rest scrolls into
 * view as long as the selection stays on screen. */
static void
step(struct listnav *n, int dir)
{
	long k;

	if (n->sel < 0) {
		n->top = scrolled(n, 1, dir);
		return;
	}
	k = next_from(n, n->sel, dir);
	if (k >= 0) {
		n->sel = k;
		return;
	}
	if (dir > 0 && n->top < max_top(n) && shown_whole(n, n->top + 1, (size_t)n->sel))
		n->top++;
	else if (dir < 0 && n->top > 0 && shown_whole(n, n->top - 1, (size_t)n->sel))
		n->top--;
}

bool
listnav_act(struct listnav *n, enum action act)
{
	size_t h = height(n), half = h / 2 ? h / 2 : 1;

	fix_view(n);
	switch (act) {
	case ACT_UP:
		step(n, -1);
		break;
	case ACT_DOWN:
		step(n, 1);
		break;
	case ACT_PAGE_UP:
		page(n, h, -1);
		break;
	case ACT_PAGE_DOWN:
		page(n, h, 1);
		break;
	case ACT_HALF_UP:
		page(n, half, -1);
		break;
	case ACT_HALF_DOWN:
		page(n, half, 1);
		break;
	case ACT_TOP:
		n->top = 0;
		if (n->sel >= 0)
			n->sel = nearest(n, 0, 1);
		break;
	case ACT_BOTTOM:
		n->top = max_top(n);
		if (n->sel >= 0)
			n->sel = nearest(n, (long)n->count - 1, -1);
		break;
	case ACT_WHEEL_UP:
		scroll(n, LISTNAV_WHEEL_LINES, -1);
		break;
	case ACT_WHEEL_DOWN:
		scroll(n, LISTNAV_WHEEL_LINES, 1);
		break;
	default:
		return false;
	}
	fix_view(n);
	return true;
}

long
listnav_at(const struct listnav *n, int line)
{
	size_t k;

	if (line < 0 || (size_t)line >= height(n) || n->top >= n->count)
		return -1;
	k = entry_at(n, start_of(n, n->top) + (size_t)line);
	return start_of(n, n->top) + (size_t)line < start_of(n, n->count) ? (long)k : -1;
}

long
listnav_line_of(const struct listnav *n, size_t i)
{
	return (long)start_of(n, i) - (long)start_of(n, n->top);
}

size_t
listnav_bottom(const struct listnav *n)
{
	size_t last = start_of(n, n->top) + height(n) - 1;

	return n->count ? entry_at(n, last) : n->top;
}

enum listnav_hit
listnav_click(struct listnav *n, int line)
{
	long k = listnav_at(n, line);

	if (k < 0 || !can_select(n, (size_t)k))
		return LISTNAV_MISS;
	if (k == n->sel)
		return LISTNAV_AGAIN;
	n->sel = k;
	fix_view(n);
	return LISTNAV_SELECT;
}
