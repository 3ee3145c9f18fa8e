/*
 * test_listnav.c - the one movement routine of every list: pure tests of
 * listnav (the screens' lists, driven by keys, are in test_lists.c).
 */
#include "config.h"

#include "listnav.h"
#include "unit.h"

/* "sel/top" of a list, for exact comparisons. */
static const char *
pos(const struct listnav *n)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "%ld/%zu", n->sel, n->top);
	return buf;
}

static void
act(struct listnav *n, enum action a, int times)
{
	while (times-- > 0)
		CU_ASSERT_TRUE(listnav_act(n, a));
}

static void
test_one_line_entries(void)
{
	struct listnav n;

	listnav_init(&n);
	listnav_layout(&n, 100, 10);
	UNIT_ASSERT_STR("0/0", pos(&n));
	act(&n, ACT_DOWN, 3);
	UNIT_ASSERT_STR("3/0", pos(&n));
	/* a page is the lines on screen; the selection keeps its row */
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("13/10", pos(&n));
	/* half a page is half of them */
	act(&n, ACT_HALF_DOWN, 1);
	UNIT_ASSERT_STR("18/15", pos(&n));
	act(&n, ACT_HALF_UP, 1);
	UNIT_ASSERT_STR("13/10", pos(&n));
	act(&n, ACT_PAGE_UP, 1);
	UNIT_ASSERT_STR("3/0", pos(&n));
	/* at the top a page up takes the selection to the first entry */
	act(&n, ACT_PAGE_UP, 1);
	UNIT_ASSERT_STR("0/0", pos(&n));
	act(&n, ACT_BOTTOM, 1);
	UNIT_ASSERT_STR("99/90", pos(&n));
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("99/90", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("99/90", pos(&n));
	/* up past the top row scrolls one line */
	act(&n, ACT_UP, 10);
	UNIT_ASSERT_STR("89/89", pos(&n));
	act(&n, ACT_TOP, 1);
	UNIT_ASSERT_STR("0/0", pos(&n));
	/* other actions are not movements */
	CU_ASSERT_FALSE(listnav_act(&n, ACT_OPEN));
	CU_ASSERT_FALSE(listnav_act(&n, ACT_SEARCH));
}

static void
test_pages_near_the_end(void)
{
	struct listnav n;

	listnav_init(&n);
	listnav_layout(&n, 25, 10);
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("10/10", pos(&n));
	/* the view stops where the last entry is at the bottom; the
	 * selection goes on */
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("20/15", pos(&n));
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("24/15", pos(&n));
	/* a list shorter than the screen */
	listnav_layout(&n, 4, 10);
	UNIT_ASSERT_STR("3/0", pos(&n));
	act(&n, ACT_PAGE_UP, 1);
	UNIT_ASSERT_STR("0/0", pos(&n));
	act(&n, ACT_HALF_DOWN, 1);
	UNIT_ASSERT_STR("3/0", pos(&n));
}

static void
test_two_line_entries(void)
{
	struct listnav n;

	listnav_init(&n);
	n.per = 2;
	/* 21 lines: ten entries whole, the eleventh's first line */
	listnav_layout(&n, 40, 21);
	act(&n, ACT_DOWN, 9);
	UNIT_ASSERT_STR("9/0", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("10/1", pos(&n));
	act(&n, ACT_TOP, 1);
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("10/10", pos(&n));
	act(&n, ACT_TOP, 1);
	act(&n, ACT_HALF_DOWN, 1);
	UNIT_ASSERT_STR("5/5", pos(&n));
	act(&n, ACT_BOTTOM, 1);
	UNIT_ASSERT_STR("39/30", pos(&n));
	CU_ASSERT_EQUAL(listnav_lines(&n, 3), 2);
	CU_ASSERT_EQUAL(listnav_at(&n, 0), 30);
	CU_ASSERT_EQUAL(listnav_at(&n, 1), 30);
	CU_ASSERT_EQUAL(listnav_at(&n, 19), 39);
	CU_ASSERT_EQUAL(listnav_at(&n, 20), -1);
	CU_ASSERT_EQUAL(listnav_line_of(&n, 31), 2);
	CU_ASSERT_EQUAL(listnav_bottom(&n), 39);
}

static void
test_wheel(void)
{
	struct listnav n;

	listnav_init(&n);
	listnav_layout(&n, 50, 10);
	act(&n, ACT_DOWN, 5);
	/* the view scrolls; the selection stays while it is on screen */
	act(&n, ACT_WHEEL_DOWN, 1);
	UNIT_ASSERT_STR("5/3", pos(&n));
	/* and moves only to stay on screen: to the top row */
	act(&n, ACT_WHEEL_DOWN, 1);
	UNIT_ASSERT_STR("6/6", pos(&n));
	act(&n, ACT_WHEEL_DOWN, 20);
	UNIT_ASSERT_STR("40/40", pos(&n));
	/* scrolling back, to the bottom row */
	act(&n, ACT_WHEEL_UP, 1);
	UNIT_ASSERT_STR("40/37", pos(&n));
	act(&n, ACT_WHEEL_UP, 1);
	UNIT_ASSERT_STR("40/34", pos(&n));
	act(&n, ACT_WHEEL_UP, 1);
	UNIT_ASSERT_STR("40/31", pos(&n));
	act(&n, ACT_WHEEL_UP, 1);
	UNIT_ASSERT_STR("37/28", pos(&n));
	act(&n, ACT_WHEEL_UP, 20);
	UNIT_ASSERT_STR("9/0", pos(&n));
	/* with two-line entries a notch is at least one entry */
	listnav_init(&n);
	n.per = 2;
	listnav_layout(&n, 20, 10);
	act(&n, ACT_WHEEL_DOWN, 1);
	UNIT_ASSERT_STR("1/1", pos(&n));
	/* four-line entries */
	n.per = 4;
	listnav_layout(&n, 20, 12);
	act(&n, ACT_WHEEL_DOWN, 1);
	UNIT_ASSERT_STR("2/2", pos(&n));
}

static void
test_resize(void)
{
	struct listnav n;

	/* growing: the entries above come back instead of blank rows */
	listnav_init(&n);
	listnav_layout(&n, 20, 5);
	act(&n, ACT_BOTTOM, 1);
	UNIT_ASSERT_STR("19/15", pos(&n));
	listnav_layout(&n, 20, 50);
	UNIT_ASSERT_STR("19/0", pos(&n));
	listnav_layout(&n, 40, 10);
	listnav_select(&n, 30);
	UNIT_ASSERT_STR("30/21", pos(&n));
	listnav_layout(&n, 40, 15);
	UNIT_ASSERT_STR("30/21", pos(&n));
	listnav_layout(&n, 40, 25);
	UNIT_ASSERT_STR("30/15", pos(&n));
	/* shrinking: the top stays while the selection is still shown */
	act(&n, ACT_UP, 10);
	UNIT_ASSERT_STR("20/15", pos(&n));
	listnav_layout(&n, 40, 6);
	UNIT_ASSERT_STR("20/15", pos(&n));
	/* else the selection stays in view at the bottom */
	listnav_layout(&n, 40, 3);
	UNIT_ASSERT_STR("20/18", pos(&n));
	/* fewer entries: the selection goes to the last */
	listnav_layout(&n, 10, 3);
	UNIT_ASSERT_STR("9/7", pos(&n));
	listnav_layout(&n, 0, 3);
	UNIT_ASSERT_STR("-1/0", pos(&n));
	CU_ASSERT_TRUE(listnav_act(&n, ACT_DOWN));
	UNIT_ASSERT_STR("-1/0", pos(&n));
	listnav_layout(&n, 10, 3);
	UNIT_ASSERT_STR("0/0", pos(&n));
}

static const int heights[] = {1, 3, 1, 5, 2, 1, 1, 4, 1, 2};

static int
height_of(const void *ctx, size_t i)
{
	(void)ctx;
	return heights[i];
}

/* Entry 0 cannot be selected (a heading), nor 8 and 9 (notes at the end). */
static bool
sel_ok(const void *ctx, size_t i)
{
	(void)ctx;
	return i != 0 && i != 8 && i != 9;
}

static void
test_variable_heights(void)
{
	struct listnav n;

	listnav_init(&n);
	n.lines = height_of;
	n.selectable = sel_ok;
	listnav_layout(&n, 10, 6);
	/* the first selectable entry, with the heading above it */
	UNIT_ASSERT_STR("1/0", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("2/0", pos(&n));
	/* five lines: shown whole, scrolling no more than needed */
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("3/2", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("4/4", pos(&n));
	act(&n, ACT_DOWN, 2);
	UNIT_ASSERT_STR("6/4", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("7/5", pos(&n));
	CU_ASSERT_EQUAL(listnav_bottom(&n), 7);
	/* the last selectable entry: Down scrolls the notes after it into
	 * view, only while it stays on screen */
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("7/6", pos(&n));
	act(&n, ACT_DOWN, 3);
	UNIT_ASSERT_STR("7/7", pos(&n));
	CU_ASSERT_EQUAL(listnav_bottom(&n), 9);
	act(&n, ACT_UP, 1);
	UNIT_ASSERT_STR("6/6", pos(&n));
	/* going back up to the first shows the heading above it */
	act(&n, ACT_TOP, 1);
	UNIT_ASSERT_STR("1/0", pos(&n));
	/* taller than the screen: from its first line */
	listnav_layout(&n, 10, 3);
	listnav_select(&n, 3);
	UNIT_ASSERT_STR("3/3", pos(&n));
	listnav_layout(&n, 10, 40);
	UNIT_ASSERT_STR("3/0", pos(&n));
	act(&n, ACT_BOTTOM, 1);
	UNIT_ASSERT_STR("7/0", pos(&n));
	/* shrinking: the view moves only as far as the selection needs */
	listnav_layout(&n, 10, 14);
	UNIT_ASSERT_STR("7/2", pos(&n));
	/* a click selects; a second click on it asks to act */
	act(&n, ACT_TOP, 1);
	CU_ASSERT_EQUAL(listnav_click(&n, 0), LISTNAV_MISS); /* the heading */
	CU_ASSERT_EQUAL(listnav_click(&n, 4), LISTNAV_SELECT);
	UNIT_ASSERT_STR("2/0", pos(&n));
	CU_ASSERT_EQUAL(listnav_click(&n, 4), LISTNAV_AGAIN);
	CU_ASSERT_EQUAL(listnav_click(&n, 3), LISTNAV_SELECT);
	UNIT_ASSERT_STR("1/0", pos(&n));
	CU_ASSERT_EQUAL(listnav_click(&n, 40), LISTNAV_MISS);
	CU_ASSERT_EQUAL(listnav_click(&n, -1), LISTNAV_MISS);
}

static void
test_pager(void)
{
	struct listnav n;

	listnav_init(&n);
	n.pager = true;
	listnav_layout(&n, 100, 10);
	UNIT_ASSERT_STR("-1/0", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("-1/1", pos(&n));
	act(&n, ACT_PAGE_DOWN, 1);
	UNIT_ASSERT_STR("-1/11", pos(&n));
	act(&n, ACT_HALF_DOWN, 1);
	UNIT_ASSERT_STR("-1/16", pos(&n));
	act(&n, ACT_WHEEL_DOWN, 1);
	UNIT_ASSERT_STR("-1/19", pos(&n));
	act(&n, ACT_BOTTOM, 1);
	UNIT_ASSERT_STR("-1/90", pos(&n));
	act(&n, ACT_DOWN, 1);
	UNIT_ASSERT_STR("-1/90", pos(&n));
	act(&n, ACT_HALF_UP, 1);
	UNIT_ASSERT_STR("-1/85", pos(&n));
	/* a taller screen shows the end without blank rows */
	listnav_layout(&n, 100, 40);
	UNIT_ASSERT_STR("-1/60", pos(&n));
	act(&n, ACT_TOP, 1);
	UNIT_ASSERT_STR("-1/0", pos(&n));
	act(&n, ACT_UP, 1);
	UNIT_ASSERT_STR("-1/0", pos(&n));
	CU_ASSERT_EQUAL(listnav_click(&n, 1), LISTNAV_MISS);
}

int
test_listnav_register(void)
{
	CU_pSuite s = CU_add_suite("listnav", NULL, NULL);

	if (s == NULL)
		return -1;
	if (!CU_add_test(s, "one-line entries", test_one_line_entries) ||
	    !CU_add_test(s, "pages near the end", test_pages_near_the_end) ||
	    !CU_add_test(s, "two-line entries", test_two_line_entries) ||
	    !CU_add_test(s, "the mouse wheel", test_wheel) ||
	    !CU_add_test(s, "a new size keeps the place", test_resize) ||
	    !CU_add_test(s, "entries of many lines, some not selectable", test_variable_heights) ||
	    !CU_add_test(s, "a pager", test_pager))
		return -1;
	return 0;
}
