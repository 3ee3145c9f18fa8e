/*
 * test_frame.c - the virtual screen: clipping, wide characters, marks,
 * controls, dumps.
 */
#include "config.h"

#include <stdlib.h>

#include "frame.h"
#include "lines.h"
#include "text.h"
#include "theme.h"
#include "unit.h"

static void
test_put_and_dump(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 2, 10);
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 2, "hello", STY_STRONG, -1), 5);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 2)->style, STY_STRONG);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("  hello\n\n", d);
	free(d);
	frame_done(&f);
}

static void
test_clip(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 1, 8);
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 5, "abcdef", 0, -1), 3);
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 0, "xyz", 0, 2), 2);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("xy   abc\n", d);
	free(d);
	/* out of range writes nothing */
	CU_ASSERT_EQUAL(frame_puts(&f, 1, 0, "x", 0, -1), 0);
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 8, "x", 0, -1), 0);
	frame_done(&f);
}

static void
test_wide(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 1, 5);
	/* 日本 takes 4 cells; 語 does not fit in the last one: a space */
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 0, "日本語", 0, -1), 5);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 1)->cp, 0u);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 4)->cp, (uint32_t)' ');
	d = frame_dump(&f);
	UNIT_ASSERT_STR("日本\n", d);
	free(d);
	/* overwriting half of a wide character clears the other half */
	frame_puts(&f, 0, 1, "x", 0, -1);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 0)->cp, (uint32_t)' ');
	d = frame_dump(&f);
	UNIT_ASSERT_STR(" x本\n", d);
	free(d);
	frame_done(&f);
}

static void
test_marks_and_controls(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 1, 10);
	CU_ASSERT_EQUAL(frame_puts(&f, 0, 0, "e\xcc\x81x", 0, -1), 2);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 0)->comb[0], 0x301u);
	/* an escape character never reaches a cell */
	frame_puts(&f, 0, 3, "\x1b[2J", 0, -1);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 3)->cp, 0xFFFDu);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("e\xcc\x81x \xef\xbf\xbd[2J\n", d);
	free(d);
	frame_done(&f);
}

/* Hyperlink cells (issue 13): a link's cells carry its number, and the
 * frame keeps its target; whatever is written over them is no link, and
 * the dump (the golden screens) holds the text only. */
static void
test_links(void)
{
	struct frame f;
	uint16_t id;
	char *d;

	frame_init(&f, 1, 12);
	id = frame_url(&f, "https://k8s.io/\x1b]8;;x");
	CU_ASSERT_EQUAL(id, 1);
	CU_ASSERT_EQUAL(frame_put_link(&f, 0, 0, "a 世b", 6, 0, -1, id), 5);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 0)->link, id);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 3)->link, id); /* the wide one's right half */
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 5)->link, 0);
	CU_ASSERT_STRING_EQUAL(f.urls[0], "https://k8s.io/\x1b]8;;x");
	/* a popup over part of it: those cells are no link, the wide one's
	 * other half is a space and no link either */
	frame_puts(&f, 0, 3, "Z", 0, 1);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 2)->link, 0);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 3)->link, 0);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 0)->link, id);
	frame_fill(&f, 0, 0, 1, 'x', 0);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 0)->link, 0);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("x  Zb\n", d);
	free(d);
	frame_clear(&f);
	CU_ASSERT_EQUAL(f.nurls, 0);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 4)->link, 0);
	frame_done(&f);
}

static void
test_trunc(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 2, 12);
	CU_ASSERT_EQUAL(frame_puts_trunc(&f, 0, 0, "Strategic thinking", 0, 10), 10);
	CU_ASSERT_EQUAL(frame_puts_trunc(&f, 1, 0, "short", 0, 10), 5);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("Strategic\xe2\x80\xa6\nshort\n", d);
	free(d);
	frame_done(&f);

	/* a path keeps its end: the file name */
	frame_init(&f, 3, 12);
	CU_ASSERT_EQUAL(frame_puts_trunc_start(&f, 0, 0, "sig-apps/deep/README.md", 0, 10), 10);
	CU_ASSERT_EQUAL(frame_puts_trunc_start(&f, 1, 0, "a/b.md", 0, 10), 6);
	/* a wide character dropped whole */
	CU_ASSERT_EQUAL(frame_puts_trunc_start(&f, 2, 0, "\xe6\x96\x87\xe6\x9b\xb8/x.md", 0, 7), 6);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("\xe2\x80\xa6README.md\na/b.md\n\xe2\x80\xa6/x.md\n", d);
	free(d);
	frame_done(&f);
}

static void
test_wrap(void)
{
	const char *s = "Read the SIG charter";
	size_t next;

	CU_ASSERT_EQUAL(text_wrap(s, strlen(s), 10, &next), 8); /* "Read the" */
	CU_ASSERT_EQUAL(next, 9);
	CU_ASSERT_EQUAL(text_wrap(s, strlen(s), 40, &next), strlen(s));
	CU_ASSERT_EQUAL(next, strlen(s));
	/* a word wider than the row is cut where it fits */
	CU_ASSERT_EQUAL(text_wrap("abcdefgh", 8, 3, &next), 3);
	CU_ASSERT_EQUAL(next, 3);
	/* a glyph wider than the row still moves on, whole */
	CU_ASSERT_EQUAL(text_wrap("\xe6\x97\xa5x", 4, 1, &next), 3);
	CU_ASSERT_EQUAL(next, 3);
}

static void
test_theme(void)
{
	struct attr a;

	theme_attr(STY_HEADING, false, &a);
	CU_ASSERT_TRUE(a.bold);
	CU_ASSERT_EQUAL(a.fg, COL_DEFAULT);
	theme_attr(STY_LINK, false, &a);
	CU_ASSERT_TRUE(a.underline);
	theme_attr(STY_MATCH, false, &a);
	CU_ASSERT_TRUE(a.reverse);
	theme_attr(STY_EMPH, false, &a);
	CU_ASSERT_TRUE(a.underline); /* monochrome shows emphasis too */
	theme_attr(STY_HEADING, true, &a);
	CU_ASSERT_EQUAL(a.fg, COL_CYAN);
	CU_ASSERT_EQUAL(theme_ascii(0x2500), (uint32_t)'-');
	CU_ASSERT_EQUAL(theme_ascii(0x2022), (uint32_t)'*');
	CU_ASSERT_EQUAL(theme_ascii(0x00b7), (uint32_t)'|'); /* a separator, not '?' */
	CU_ASSERT_EQUAL(theme_ascii('a'), (uint32_t)'a');
	CU_ASSERT_EQUAL(theme_ascii(0x65e5), (uint32_t)'?');
}

int
test_frame_register(void)
{
	CU_pSuite s = CU_add_suite("frame", NULL, NULL);

	if (s == NULL)
		return -1;
	if (!CU_add_test(s, "put and dump", test_put_and_dump) ||
	    !CU_add_test(s, "clip", test_clip) || !CU_add_test(s, "wide characters", test_wide) ||
	    !CU_add_test(s, "marks and controls", test_marks_and_controls) ||
	    !CU_add_test(s, "ellipsis", test_trunc) ||
	    !CU_add_test(s, "hyperlink cells", test_links) ||
	    !CU_add_test(s, "word wrap rows", test_wrap) || !CU_add_test(s, "themes", test_theme))
		return -1;
	/* The frame's last line of defence and the rest of issue 14's faults
	 * (test_hardening.c), registered with the frame's suite. */
	return test_hardening_register();
}
