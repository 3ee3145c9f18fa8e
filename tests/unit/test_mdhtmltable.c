/*
 * test_mdhtmltable.c - unit tests for HTML tables as GitHub shows them
 * (src/mdhtmltable.c, the spans of src/mdtable.c): a table that blank
 * lines split into several blocks is one table with the Markdown between
 * its pieces in its cells; cells across columns and rows; malformed input
 * stays text.  Each case at a width where the table fits and at one where
 * it is stacked.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "markdown.h"
#include "mdparts.h"
#include "mdrender.h"
#include "outline.h"
#include "text.h"
#include "unit.h"

/* md rendered whole at width (ASCII when ascii), every line's text; no
 * line is wider than the width, none holds a control byte.  Caller
 * frees. */
static char *
rendered(const char *md, int width, bool ascii)
{
	struct mdrender_opts o = {.width = width, .ascii = ascii};
	cmark_node *doc = md_parse(md, strlen(md), NULL);
	struct outline ol;
	struct render r;
	char *s;

	outline_build(&ol, doc);
	render_init(&r);
	mdrender(doc, &ol, &o, &r);
	for (size_t i = 0; i < r.lines.n; i++) {
		CU_ASSERT_TRUE(text_width(lines_text(&r.lines, i), r.lines.v[i].len) <= width);
		CU_ASSERT_TRUE(text_is_clean(lines_text(&r.lines, i), r.lines.v[i].len));
	}
	s = lines_dump(&r.lines);
	render_done(&r);
	outline_done(&ol);
	cmark_node_free(doc);
	return s;
}

#define RENDERS(md, width, ascii, expected)                                                        \
	do {                                                                                       \
		char *got_ = rendered((md), (width), (ascii));                                     \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

/* GitHub READMEs' way: each cell's Markdown between blank lines. */
static const char split_md[] = "<table>\n<tr>\n<th>Before</th>\n<th>After</th>\n</tr>\n<tr>\n"
			       "<td>\n\n```sh\nmake  all\n```\n\n</td>\n<td>\n\n"
			       "**Bold** and `code`\n\n1. one\n2. two\n\n</td>\n</tr>\n</table>\n\n"
			       "after\n";

static void
test_split(void)
{
	RENDERS(split_md, 40, false,
		"┌───────────┬───────────────┐\n"
		"│ Before    │ After         │\n"
		"├───────────┼───────────────┤\n"
		"│ make  all │ Bold and code │\n"
		"│           │ 1. one        │\n"
		"│           │ 2. two        │\n"
		"└───────────┴───────────────┘\n\nafter\n");
	RENDERS(split_md, 20, true,
		"Before: make all\nAfter:\n  Bold and code\n  1. one\n  2. two\n\nafter\n");
	/* blank lines between rows only */
	RENDERS("<table>\n  <tr><td>a</td><td>b</td></tr>\n\n  <tr><td>c</td><td>d</td></tr>\n"
		"</table>\n",
		40, false, "┌───┬───┐\n│ a │ b │\n│ c │ d │\n└───┴───┘\n");
	RENDERS("<table>\n  <tr><td>aaaa</td><td>b</td></tr>\n\n  <tr><td>c</td><td>d</td></tr>\n"
		"</table>\n",
		10, true, "aaaa\nb\n\nc\nd\n");
	/* a bullet list, a quote, a table in a cell: items and rows apart */
	RENDERS("<table><tr><td>\n\n- x\n- *y*\n\n> q\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n"
		"</td></tr></table>\n",
		40, false,
		"┌───────┐\n│ • x   │\n│ • y   │\n│ q     │\n│ h | i │\n│ 1 | 2 │\n└───────┘\n");
	/* ordered lists numbered from their start, each list its own */
	RENDERS("<table><tr><td>\n\n3. a\n4. b\n   1. c\n   2. d\n5. e\n\n</td></tr></table>\n", 40,
		false, "┌──────┐\n│ 3. a │\n│ 4. b │\n│ 1. c │\n│ 2. d │\n│ 5. e │\n└──────┘\n");
	RENDERS("<table><tr><td>\n\n- x\n- *y* and z\n\n</td></tr></table>\n", 10, true,
		"* x\n  * y and\n    z\n");
}

/* Where the Markdown is not in a cell (between rows) a browser shows it
 * before the table; a heading, an outline's entry or a table never closed
 * keeps the pieces apart, as before. */
static void
test_split_edges(void)
{
	static const char outside[] = "Intro\n\n<table>\n<tr>\n\nloose *words*\n\n"
				      "<td>cell</td></tr>\n</table>\n";

	RENDERS(outside, 40, false, "Intro\n\nloose words\n\n┌──────┐\n│ cell │\n└──────┘\n");
	RENDERS(outside, 10, true, "Intro\n\nloose\nwords\n\n+------+\n| cell |\n+------+\n");
	RENDERS("<table>\n<tr><td>\n\n# Heading\n\n</td></tr>\n</table>\n", 40, false,
		"┌──┐\n│  │\n└──┘\n\nHeading\n═══════\n");
	RENDERS("<table>\n<tr><td>\n\nnever closed\n", 40, false,
		"┌──┐\n│  │\n└──┘\n\nnever closed\n");
	/* a table in a cell, split too: its cells are lines of the cell (as
	 * a table in a cell is); tables left open again and again are not
	 * joined past 8 open (the search for their end is bounded) */
	RENDERS("<table><tr><td>\n\na\n\n<table><tr><td>\n\nb\n\n</td></tr></table>\n\n"
		"</td></tr></table>\n",
		40, false, "┌───┐\n│ a │\n│ b │\n└───┘\n");
	{
		char md[2048] = "";
		for (int i = 0; i < 9; i++)
			strcat(md, "<table><tr><td>\n\nword\n\n");
		for (int i = 0; i < 9; i++)
			strcat(md, "</td></tr></table>\n\n");
		char *s = rendered(md, 40, false);
		CU_ASSERT_PTR_NOT_NULL(strstr(s, "word"));
		free(s);
	}
	/* the bytes that mark a block in joined HTML, written in the HTML,
	 * are gone before (the parse cleans controls out): never a mark */
	RENDERS("<table><tr><td>\001"
		"0\002\n\nx\n\n</td></tr></table>\n",
		40, false, "┌───┐\n│ 0 │\n│ x │\n└───┘\n");
}

/* A tag ends in the HTML block it starts in: one whose '>' is past the
 * Markdown between the pieces is text, as cmark-gfm reads its block
 * alone.  It took that Markdown's mark into its attribute, and the mark's
 * control bytes into the line ("[image: ^A0^B <tr]", fuzz_markdown), and
 * the tags up to its '>' with it. */
static void
test_tag_across_blocks(void)
{
	static const char img[] = "<table><td><img src=\"\n\ns\n\n<tr><td>b</td></table>\n";

	RENDERS(img, 40, false,
		"┌────────────┐\n│ <img src=\" │\n│ s          │\n│ b          │\n"
		"└────────────┘\n");
	RENDERS(img, 10, true, "<img src=\"\n  s\n\nb\n");
	/* the fuzzer's input, minimised: a row of no cell follows */
	RENDERS("<table><td><img src=\"\n\ns\n<tr></table", 40, false,
		"┌────────────┐\n│ <img src=\" │\n│ s          │\n│            │\n"
		"└────────────┘\n");
	/* in a cell's tag: no cell (what follows up to the next cell is
	 * outside the cells), the block where a block outside the cells
	 * goes, before the table */
	RENDERS("<table><tr><td>a</td><td colspan=\"\n\nx\n\n<p>\">b</td></tr></table>\n", 40,
		false, "x\n\n┌───┐\n│ a │\n└───┘\n");
}

/* Cells across columns and rows are placed as HTML places them: the
 * cells after a tall one move right; a wide cell is one value when
 * stacked, a tall one a value of each of its rows. */
static const char spans_md[] = "<table>\n<tr><th colspan=\"2\">Both</th><th>C</th></tr>\n"
			       "<tr><td rowspan=\"2\">tall</td><td>b</td><td>c</td></tr>\n"
			       "<tr><td>e</td><td>f</td></tr>\n"
			       "<tr><td colspan=\"3\">across all three</td></tr>\n</table>\n";

static void
test_spans(void)
{
	RENDERS(spans_md, 40, false,
		"┌────────────┬─────┐\n"
		"│ Both       │ C   │\n"
		"├───────┬────┼─────┤\n"
		"│ tall  │ b  │ c   │\n"
		"│       │ e  │ f   │\n"
		"│ across all three │\n"
		"└──────────────────┘\n");
	RENDERS(spans_md, 40, true,
		"+------------+-----+\n| Both       | C   |\n+-------+----+-----+\n"
		"| tall  | b  | c   |\n|       | e  | f   |\n| across all three |\n"
		"+------------------+\n");
	RENDERS(spans_md, 14, true,
		"Both: tall\nBoth: b\nC: c\n\nBoth: tall\nBoth: e\nC: f\n\nBoth: across\n"
		"  all three\n");
	/* a header cell reaching down into the rows is kept when stacked: a
	 * value of each row, without a label */
	RENDERS("<table><tr><th>H</th><th rowspan=2>side note</th></tr>"
		"<tr><td>v</td></tr></table>\n",
		40, false,
		"┌───┬───────────┐\n│ H │ side note │\n├───┤           │\n│ v │           │\n"
		"└───┴───────────┘\n");
	RENDERS("<table><tr><th>H</th><th rowspan=2>side note</th></tr>"
		"<tr><td>v</td></tr></table>\n",
		12, false, "H: v\nside note\n");
	/* rowspan="0" to the last row, colspan past every column, bad
	 * numbers, a cell over a covered slot: no crash, nothing lost */
	RENDERS("<table><tr><td rowspan=0>r</td><td colspan=999>w</td></tr>"
		"<tr><td colspan=\"x\">x</td><td colspan=-3>y</td></tr>"
		"<tr><td>z</td></tr></table>\n",
		40, false,
		"┌───┬───────┐\n│ r │ w     │\n│   │ x │ y │\n│   │ z │   │\n└───┴───┴───┘\n");
	RENDERS("<table><tr><td rowspan=2>r</td><td>a</td></tr>"
		"<tr><td colspan=2>over</td></tr></table>\n",
		40, false, "┌───┬──────┐\n│ r │ a    │\n│   │ over │\n└───┴──────┘\n");
	/* a span past the columns a table may have ends at the last one
	 * (no cell starts in the columns between: dropped) */
	RENDERS("<table><tr><td colspan=60>a</td><td colspan=10>b</td></tr></table>\n", 40, false,
		"┌───┬───┐\n│ a │ b │\n└───┴───┘\n");
	RENDERS("<table><tr><td colspan=60>a</td><td colspan=10>b</td></tr></table>\n", 10, true,
		"+---+---+\n| a | b |\n+---+---+\n");
	/* more cells in a row than a table may have columns: its text */
	{
		char md[1024] = "<table><tr>";
		for (int i = 0; i < 65; i++)
			strcat(md, "<td>x</td>");
		strcat(md, "</tr></table>\n");
		char *s = rendered(md, 40, false);
		CU_ASSERT_EQUAL(strncmp(s, "x x x", 5), 0);
		free(s);
	}
}

int
test_mdhtmltable_register(void)
{
	static const struct unit_test tests[] = {
	    {"a table split by blank lines", test_split},
	    {"pieces that stay apart", test_split_edges},
	    {"a tag across the pieces", test_tag_across_blocks},
	    {"cells across columns and rows", test_spans},
	};

	return unit_add_suite("mdhtmltable", tests, sizeof tests / sizeof tests[0]);
}
