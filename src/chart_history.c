/*
 * chart_history.c - the chart screen's history of snapshots, oldest
 * first, each with its areas' averages (readiness's, of the snapshot's
 * ratings), and the comparison of two snapshots (or one with now), area
 * by area and statement by statement.  Lists wrap, never cut.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "dates.h"
#include "lines.h"
#include "text.h"
#include "xalloc.h"

/* "Architecture 3.5 · Community 2.0" of snapshot i, readiness's. */
static char *
snap_areas(const struct chart *c, size_t i, bool ascii)
{
	return readiness_area_list(&c->snaprd[i], ascii);
}

void
chart_draw_history(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	int row = top;
	char *line;

	line = xasprintf(HISTORY_HEAD, c->profile);
	row = chart_wrapped(f, row, line, STY_DIM);
	free(line);
	if (c->nsnaps == 0) {
		chart_wrapped(
		    f, row,
		    "No snapshots yet: one is recorded when you leave the assessment after "
		    "changes.",
		    STY_PLAIN);
		return;
	}
	row = chart_wrapped(f, row, HISTORY_HINT, STY_DIM);
	row++;
	for (size_t i = c->nav.top; i < c->nsnaps && row < top + height; i++) {
		const struct store_snapshot *s = &c->snaps[i];
		bool sel = (long)i == c->sel,
		     marked = c->mark[0] == (long)i || c->mark[1] == (long)i;
		uint16_t st = sel ? STY_SELECT : 0;
		char when[DATES_MAX], *areas = snap_areas(c, i, a->ascii);
		size_t len, pos = 0;
		int indent;

		/* to the minute: two snapshots of one day stay apart */
		dates_format(s->taken_at, DATE_MINUTE, when);
		line = xasprintf("%s %2zu  %s  ", marked ? "*" : " ", i + 1, when);
		indent = 1 + text_width(line, strlen(line));
		if (sel)
			frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
		frame_puts(f, row, 1, line, (marked ? STY_STRONG : STY_PLAIN) | st, -1);
		free(line);
		/* the areas wrap under themselves: none is cut off */
		len = strlen(areas);
		do {
			size_t next, cut = text_wrap_list(areas + pos, len - pos,
							  f->cols - indent - 1, &next);
			if (row >= top + height)
				break;
			if (sel && pos > 0)
				frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
			frame_put(f, row++, indent, areas + pos, cut,
				  (marked ? STY_STRONG : STY_PLAIN) | st, f->cols - indent - 1);
			pos += next;
		} while (pos < len);
		free(areas);
	}
}

static int
value_in(const struct store_rating *r, size_t n, const char *id)
{
	const struct store_rating *x = readiness_rating(r, n, id);

	return x != NULL && x->value >= 1 && x->value <= 5 ? x->value : 0;
}

/* The compare view's title (new string). */
char *
chart_compare_title(const struct chart *c)
{
	char d1[DATES_MAX], d2[DATES_MAX];

	dates_format(c->snaps[c->mark[0]].taken_at, DATE_MINUTE, d1);
	if (c->mark[1] < 0)
		return xasprintf("%s's snapshot %ld (%s) beside the ratings now", c->profile,
				 c->mark[0] + 1, d1);
	dates_format(c->snaps[c->mark[1]].taken_at, DATE_MINUTE, d2);
	return xasprintf("%s's snapshot %ld (%s) beside snapshot %ld (%s)", c->profile,
			 c->mark[0] + 1, d1, c->mark[1] + 1, d2);
}

/* The heading of area ar in the compare view, with its averages before
 * and after (new string). */
static char *
compare_heading(const struct chart *c, size_t ar, bool ascii)
{
	const struct readiness *ra = &c->snaprd[c->mark[0]];
	const struct readiness *rb = c->mark[1] >= 0 ? &c->snaprd[c->mark[1]] : chart_own(c);
	char b1[16], b2[16];

	readiness_area_value(&ra->areas[ar], "-", b1);
	readiness_area_value(&rb->areas[ar], "-", b2);
	return xasprintf("%s %s %s %s", c->role->areas[ar].name, b1, ascii ? "->" : "\xe2\x86\x92",
			 b2);
}

/* Where a compared statement's text starts: after "3 → 4  ↑ ". */
#define COMPARE_TEXT_COL 10

/* The compare view's entries: each area's heading, then its statements. */
void
chart_compare_entries(struct chart *c)
{
	free(c->cent);
	c->cent = xcalloc(c->role->nareas + c->role->nstmts + 1, sizeof *c->cent);
	c->ncent = 0;
	for (size_t ar = 0; ar < c->role->nareas; ar++) {
		c->cent[c->ncent++] = -1 - (long)ar;
		for (size_t i = 0; i < c->role->nstmts; i++)
			if (c->role->stmts[i].area == ar)
				c->cent[c->ncent++] = (long)i;
	}
}

/* Lines compare entry k takes: its heading or its statement, wrapped. */
int
chart_compare_lines(const void *ctx, size_t k)
{
	const struct chart *c = ctx;
	long e = c->cent[k];
	char *line;
	int rows;

	if (e >= 0)
		return chart_wrapped_rows(c->cols - COMPARE_TEXT_COL + 1, c->role->stmts[e].text);
	line = compare_heading(c, (size_t)(-1 - e), c->ascii);
	rows = chart_wrapped_rows(c->cols, line);
	free(line);
	return rows;
}

void
chart_draw_compare(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	const struct store_snapshot *old = &c->snaps[c->mark[0]];
	const struct store_rating *nr =
	    c->mark[1] >= 0 ? c->snaps[c->mark[1]].ratings : c->by.self.rt;
	size_t nn = c->mark[1] >= 0 ? c->snaps[c->mark[1]].nratings : c->by.self.nrt;
	char *line;
	int row = top, end = top + height, textw = f->cols - COMPARE_TEXT_COL - 1;

	line = chart_compare_title(c);
	row = chart_wrapped_to(f, row, end, line, STY_STRONG);
	free(line);
	row++;
	for (size_t k = c->nav.top; k < c->ncent && row < end; k++) {
		long e = c->cent[k];
		const struct statement *s;
		int before, after;
		char nums[24];
		size_t len, pos = 0;

		if (e < 0) {
			/* the area's heading, with its averages before and after */
			line = compare_heading(c, (size_t)(-1 - e), a->ascii);
			row = chart_wrapped_to(f, row, end, line, STY_HEADING);
			free(line);
			continue;
		}
		s = &c->role->stmts[e];
		before = value_in(old->ratings, old->nratings, s->id);
		after = value_in(nr, nn, s->id);
		snprintf(nums, sizeof nums, "%c %s %c", before ? '0' + before : '-',
			 a->ascii ? "->" : "\xe2\x86\x92", after ? '0' + after : '-');
		frame_puts(f, row, 1, nums, before != after ? STY_STRONG : STY_DIM, 6);
		frame_puts(f, row, 8,
			   before < after   ? (a->ascii ? "+" : "\xe2\x86\x91")
			   : before > after ? (a->ascii ? "-" : "\xe2\x86\x93")
					    : " ",
			   STY_STRONG, 1);
		/* the statement wraps under itself: none is cut off */
		len = strlen(s->text);
		do {
			size_t next, cut = text_wrap(s->text + pos, len - pos, textw, &next);
			frame_put(f, row++, COMPARE_TEXT_COL, s->text + pos, cut, STY_PLAIN, textw);
			pos += next ? next : len - pos;
		} while (pos < len && row < end);
	}
}

/* Rows chart_wrapped() takes for text on a screen cols wide. */
int
chart_wrapped_rows(int cols, const char *text)
{
	size_t len = strlen(text), pos = 0;
	int rows = 0;

	while (pos < len) {
		size_t next;
		text_wrap(text + pos, len - pos, cols - 2, &next);
		pos += next ? next : len - pos;
		rows++;
	}
	return rows;
}

/* The history's first columns: "* 12  2026-11-22 17:59  ". */
static int
history_indent(const struct chart *c, size_t i)
{
	char when[DATES_MAX], line[64];

	dates_format(c->snaps[i].taken_at, DATE_MINUTE, when);
	snprintf(line, sizeof line, "  %2zu  %s  ", i + 1, when);
	return 1 + text_width(line, strlen(line));
}

/* Lines snapshot i takes in the history: its areas wrap under themselves. */
int
chart_history_lines(const void *ctx, size_t i)
{
	const struct chart *c = ctx;
	char *areas = snap_areas(c, i, c->ascii);
	size_t len = strlen(areas), pos = 0;
	int indent = history_indent(c, i), rows = 0;

	do {
		size_t next;
		text_wrap_list(areas + pos, len - pos, c->cols - indent - 1, &next);
		pos += next ? next : len - pos;
		rows++;
	} while (pos < len);
	free(areas);
	return rows;
}
