/*
 * view_chart.c - where a self-assessment stands and how it has grown:
 * a bar per skill area with its average, a trend against the previous
 * snapshot and a sparkline of all of them, the readiness summary, and
 * the history of snapshots, two of which can be compared statement by
 * statement.
 *
 * Everything is drawn with characters and attributes only, so that it
 * reads the same in monochrome; numbers always stand beside the bars.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "lines.h"
#include "readiness.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

enum chart_mode { MODE_CHART, MODE_HISTORY, MODE_COMPARE };

struct chart {
	struct view v;
	struct role *role;
	char *profile, *rater;
	enum chart_mode mode;
	struct store_rating *ratings;
	size_t nratings;
	struct store_snapshot *snaps;
	size_t nsnaps;
	uint64_t version;
	bool loaded;
	long sel;       /* area (chart) or snapshot (history) */
	long mark[2];   /* marked snapshots, -1 none */
	size_t top;     /* compare mode scroll */
	int body_h;
};

static void
reload(struct chart *c, struct app *a)
{
	store_ratings_free(c->ratings, c->nratings);
	store_snapshots_free(c->snaps, c->nsnaps);
	c->ratings = NULL;
	c->snaps = NULL;
	c->nratings = c->nsnaps = 0;
	if (a->store) {
		store_ratings_get(a->store, c->profile, c->role->id, c->rater, &c->ratings,
		                  &c->nratings);
		store_snapshots_get(a->store, c->profile, c->role->id, c->rater, &c->snaps, &c->nsnaps);
		c->version = store_data_version(a->store);
	}
	c->loaded = true;
}

static void
refresh(struct chart *c, struct app *a)
{
	if (!c->loaded || (a->store && store_data_version(a->store) != c->version))
		reload(c, a);
}

/* A bar of `cells` cells for a value out of 5. */
static void
bar(struct frame *f, int row, int col, int cells, double value, bool ascii, uint16_t style)
{
	int full = (int)(value / 5.0 * cells + 0.5);

	for (int i = 0; i < cells; i++)
		frame_puts(f, row, col + i,
		           i < full ? (ascii ? "#" : "\xe2\x96\x88") : (ascii ? "." : "\xe2\x96\x91"),
		           i < full ? style : STY_DIM, 1);
}

static void
sparkline(struct chart *c, struct frame *f, int row, int col, int cells, const char *area,
          bool ascii)
{
	static const char *const ticks[] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
	                                    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	                                    "\xe2\x96\x87", "\xe2\x96\x88"};
	size_t first = c->nsnaps > (size_t)cells ? c->nsnaps - (size_t)cells : 0;

	for (size_t i = first; i < c->nsnaps; i++) {
		size_t rated;
		double avg = readiness_area_avg(c->snaps[i].ratings, c->snaps[i].nratings, area, &rated);
		char digit[2] = {0, 0};
		const char *g;
		if (rated == 0) {
			g = " ";
		} else if (ascii) {
			digit[0] = (char)('0' + (int)(avg + 0.5));
			g = digit;
		} else {
			int k = (int)((avg - 1.0) / 4.0 * 7.0 + 0.5);
			g = ticks[k < 0 ? 0 : k > 7 ? 7 : k];
		}
		frame_puts(f, row, col + (int)(i - first), g, STY_MARKER, 1);
	}
}

/* Writes text word-wrapped from row on; returns the row after it. */
static int
wrapped(struct frame *f, int row, const char *text, uint16_t style)
{
	size_t len = strlen(text), pos = 0;

	while (pos < len && row < f->rows - 1) {
		size_t next, cut = text_wrap(text + pos, len - pos, f->cols - 2, &next);
		frame_put(f, row++, 1, text + pos, cut, style, f->cols - 2);
		pos += next;
	}
	return row;
}

static void
draw_chart(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	struct readiness rd;
	size_t done = 0, total = 0;
	int row = top, namew = 20, barw, col;
	char *line;

	app_progress_of(a, c->profile, c->role, &done, &total);
	readiness_compute(&rd, c->role, c->ratings, c->nratings, done, total);
	line = xasprintf("Readiness: %s", rd.verdict);
	row = wrapped(f, row, line, rd.ready ? (STY_STRONG | STY_DONE) : STY_STRONG);
	free(line);
	row = wrapped(f, row, READINESS_DISCLAIMER, STY_DIM);
	row++;
	if (total > 0) {
		int bw = f->cols - 34 < 22 ? f->cols - 34 : 22;
		char *b = checklist_bar(done, total, bw > 5 ? bw : 5, a->ascii);
		line = xasprintf("%-20s %s %zu/%zu", "Checklist", b, done, total);
		frame_puts_trunc(f, row++, 1, line, done == total ? STY_DONE : STY_PLAIN, f->cols - 2);
		free(line);
		free(b);
		row++;
	}
	if (rd.nareas == 0) {
		frame_puts(f, row, 1, "This role names no skill areas.", STY_PLAIN, -1);
		readiness_done(&rd);
		return;
	}
	if (f->cols < 70)
		namew = 14;
	barw = f->cols - namew - 30;
	if (barw > 30)
		barw = 30;
	if (barw < 5)
		barw = 5;
	line = xasprintf("%-*s %-*s avg  trend (threshold %.1f)", namew, "Skill area", barw, "",
	                 c->role->threshold);
	frame_puts_trunc(f, row++, 1, line, STY_DIM, f->cols - 2);
	free(line);
	for (size_t i = 0; i < rd.nareas && row < top + height; i++, row++) {
		const struct area_score *sc = &rd.areas[i];
		bool sel = (long)i == c->sel;
		uint16_t st = sel ? STY_SELECT : 0;
		char avg[16];

		if (sel)
			frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
		frame_puts_trunc(f, row, 1, sc->name, STY_STRONG | st, namew);
		col = 2 + namew;
		if (sc->rated == 0) {
			frame_puts(f, row, col, "not rated yet", STY_DIM | st, -1);
			continue;
		}
		bar(f, row, col, barw, sc->avg, a->ascii, sc->meets ? STY_DONE : STY_ALERT);
		col += barw + 1;
		readiness_format(sc->avg, sc->threshold, avg);
		col += frame_puts(f, row, col, avg, STY_STRONG | st, 5) + 1;
		if (c->nsnaps >= 2) {
			/* trend: the latest snapshot against the one before */
			const struct store_snapshot *p = &c->snaps[c->nsnaps - 2];
			size_t pr;
			double pavg = readiness_area_avg(p->ratings, p->nratings, sc->name, &pr);
			col += frame_puts(f, row, col,
			                  readiness_trend(pavg, pr, sc->avg, sc->rated, a->ascii),
			                  STY_STRONG | st, 1) + 1;
		} else {
			col += 2;
		}
		sparkline(c, f, row, col, f->cols - col - 12 > 12 ? 12 : f->cols - col - 12 , sc->name,
		          a->ascii);
		if (!sc->meets) {
			char below[32];
			snprintf(below, sizeof below, "below %.1f", sc->threshold);
			frame_puts(f, row, f->cols - 12, below, STY_ALERT | st, 11);
		}
	}
	row++;
	if (row < top + height)
		frame_puts_trunc(f, row, 1,
		                 "Enter on an area reads what the role says about it; H shows the history.",
		                 STY_DIM, f->cols - 2);
	readiness_done(&rd);
}

static void
draw_history(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	int row = top;

	if (c->nsnaps == 0) {
		frame_puts(f, row, 1,
		           "No snapshots yet: one is recorded when you leave the assessment after changes.",
		           STY_PLAIN, f->cols - 2);
		return;
	}
	frame_puts_trunc(f, row++, 1,
	                 "Snapshots, oldest first. Space marks two, Enter compares them (one: with now).",
	                 STY_DIM, f->cols - 2);
	row++;
	for (size_t i = 0; i < c->nsnaps && row < top + height; i++, row++) {
		const struct store_snapshot *s = &c->snaps[i];
		bool sel = (long)i == c->sel, marked = c->mark[0] == (long)i || c->mark[1] == (long)i;
		uint16_t st = sel ? STY_SELECT : 0;
		char date[11], *line, *areas = xstrdup("");

		checklist_date(s->taken_at, date);
		for (size_t k = 0; k < c->role->nareas; k++) {
			size_t rated;
			double avg = readiness_area_avg(s->ratings, s->nratings, c->role->areas[k].name,
			                                &rated);
			char *next = rated ? xasprintf("%s%s%s %.1f", areas, k ? " \xc2\xb7 " : "",
			                               c->role->areas[k].name, avg)
			                   : xasprintf("%s%s%s -", areas, k ? " \xc2\xb7 " : "",
			                               c->role->areas[k].name);
			free(areas);
			areas = next;
		}
		if (sel)
			frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
		line = xasprintf("%s %2zu  %s  %s", marked ? "*" : " ", i + 1, date, areas);
		frame_puts_trunc(f, row, 1, line, (marked ? STY_STRONG : STY_PLAIN) | st, f->cols - 2);
		free(line);
		free(areas);
	}
}

static int
value_in(const struct store_rating *r, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].statement_id, id) == 0)
			return r[i].value;
	return 0;
}

static void
draw_compare(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	const struct store_snapshot *old = &c->snaps[c->mark[0]];
	const struct store_rating *nr = c->mark[1] >= 0 ? c->snaps[c->mark[1]].ratings : c->ratings;
	size_t nn = c->mark[1] >= 0 ? c->snaps[c->mark[1]].nratings : c->nratings;
	char d1[11], d2[11], *line;
	int row = top, textw = f->cols - 14;
	size_t k = 0;

	checklist_date(old->taken_at, d1);
	if (c->mark[1] >= 0)
		checklist_date(c->snaps[c->mark[1]].taken_at, d2);
	else
		snprintf(d2, sizeof d2, "now");
	if (c->mark[1] >= 0)
		line = xasprintf("Snapshot %ld (%s) beside snapshot %ld (%s)", c->mark[0] + 1, d1,
		                 c->mark[1] + 1, d2);
	else
		line = xasprintf("Snapshot %ld (%s) beside the ratings now", c->mark[0] + 1, d1);
	frame_puts_trunc(f, row++, 1, line, STY_STRONG, f->cols - 2);
	free(line);
	row++;
	for (size_t ar = 0; ar < c->role->nareas; ar++) {
		for (size_t i = 0; i < c->role->nstmts; i++) {
			const struct statement *s = &c->role->stmts[i];
			int before, after;
			char nums[24];
			if (s->area != ar)
				continue;
			if (k++ < c->top)
				continue;
			if (row >= top + height)
				return;
			before = value_in(old->ratings, old->nratings, s->id);
			after = value_in(nr, nn, s->id);
			snprintf(nums, sizeof nums, "%c %s %c", before ? '0' + before : '-',
			         a->ascii ? "->" : "\xe2\x86\x92", after ? '0' + after : '-');
			frame_puts(f, row, 1, nums, before != after ? STY_STRONG : STY_DIM, 7);
			frame_puts(f, row, 9, before < after ? (a->ascii ? "+" : "\xe2\x86\x91")
			                      : before > after ? (a->ascii ? "-" : "\xe2\x86\x93") : " ",
			           STY_STRONG, 1);
			frame_puts_trunc(f, row, 11, s->text, STY_PLAIN, textw);
			row++;
		}
	}
}

static void
chart_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct chart *c = (struct chart *)v;

	refresh(c, a);
	c->body_h = height;
	if (c->mode == MODE_CHART)
		draw_chart(c, a, f, top, height);
	else if (c->mode == MODE_HISTORY)
		draw_history(c, a, f, top, height);
	else
		draw_compare(c, a, f, top, height);
}

static char *
chart_title(struct view *v, struct app *a)
{
	struct chart *c = (struct chart *)v;
	const char *what = c->mode == MODE_CHART ? "Readiness" : c->mode == MODE_HISTORY ? "History"
	                                                                                 : "Compare";

	return xasprintf("%s %s %s", c->role->title, a->ascii ? ">" : "\xe2\x80\xba", what);
}

static char *
chart_info(struct view *v, struct app *a)
{
	struct chart *c = (struct chart *)v;

	return xasprintf("%zu snapshot%s", c->nsnaps, c->nsnaps == 1 ? "" : "s");
}

static int
chart_action(struct view *v, struct app *a, enum action act)
{
	struct chart *c = (struct chart *)v;
	long n = c->mode == MODE_CHART ? (long)c->role->nareas : (long)c->nsnaps;

	refresh(c, a);
	switch (act) {
	case ACT_UP:
	case ACT_WHEEL_UP:
		if (c->mode == MODE_COMPARE) {
			if (c->top > 0)
				c->top--;
		} else if (c->sel > 0) {
			c->sel--;
		}
		break;
	case ACT_DOWN:
	case ACT_WHEEL_DOWN:
		if (c->mode == MODE_COMPARE)
			c->top++;
		else if (c->sel + 1 < n)
			c->sel++;
		break;
	case ACT_TOP:
		c->sel = 0;
		c->top = 0;
		break;
	case ACT_BOTTOM:
		c->sel = n > 0 ? n - 1 : 0;
		break;
	case ACT_HISTORY:
		c->mode = c->mode == MODE_CHART ? MODE_HISTORY : MODE_CHART;
		c->sel = c->mode == MODE_HISTORY && c->nsnaps ? (long)c->nsnaps - 1 : 0;
		break;
	case ACT_MARK:
		if (c->mode != MODE_HISTORY || c->sel < 0 || c->sel >= n)
			return VR_HANDLED;
		if (c->mark[0] == c->sel) {
			c->mark[0] = c->mark[1];
			c->mark[1] = -1;
		} else if (c->mark[1] == c->sel) {
			c->mark[1] = -1;
		} else if (c->mark[0] < 0) {
			c->mark[0] = c->sel;
		} else {
			c->mark[1] = c->sel;
		}
		break;
	case ACT_OPEN:
		if (c->mode == MODE_CHART) {
			const struct skill_area *ar;
			if (c->sel < 0 || (size_t)c->sel >= c->role->nareas)
				return VR_HANDLED;
			ar = &c->role->areas[c->sel];
			if (ar->section < 0) {
				app_status(a, false, "The role has no section about %s", ar->name);
				return VR_REDRAW;
			}
			app_request(a, &(struct nav_request){.kind = NAV_ROLE, .role = c->role,
			                                     .at = {.at_section = true,
			                                            .section = (size_t)ar->section}});
			return VR_REDRAW;
		}
		if (c->mode == MODE_HISTORY) {
			if (c->mark[0] < 0 && c->sel >= 0 && c->sel < n)
				c->mark[0] = c->sel;
			if (c->mark[0] < 0)
				return VR_HANDLED;
			if (c->mark[1] >= 0 && c->mark[1] < c->mark[0]) {
				long t = c->mark[0];
				c->mark[0] = c->mark[1];
				c->mark[1] = t;
			}
			c->mode = MODE_COMPARE;
			c->top = 0;
		}
		break;
	case ACT_BACK:
		if (c->mode == MODE_COMPARE) {
			c->mode = MODE_HISTORY;
			return VR_REDRAW;
		}
		return VR_CLOSE;
	case ACT_RELOAD:
		reload(c, a);
		break;
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static void
chart_free(struct view *v)
{
	struct chart *c = (struct chart *)v;

	store_ratings_free(c->ratings, c->nratings);
	store_snapshots_free(c->snaps, c->nsnaps);
	free(c->profile);
	free(c->rater);
	free(c);
}

/* in footer order, most important first (see struct view_hint) */
static const struct view_hint chart_hints[] = {
	{"?:help", true},
	{"Enter:read the area", false},
	{"H:history/chart", false},
	{"Space:mark", false},
	{"q:back", true},
	{NULL, false},
};

static const struct view_ops chart_ops = {
	.name = "chart",
	.ctx = CTX_CHART,
	.hints = chart_hints,
	.title = chart_title,
	.info = chart_info,
	.draw = chart_draw,
	.action = chart_action,
	.free = chart_free,
};

struct view *
view_chart_new(struct app *a, struct role *role, const char *profile, const char *rater,
               bool history)
{
	struct chart *c = xcalloc(1, sizeof *c);

	c->v.ops = &chart_ops;
	c->role = role;
	c->profile = xstrdup(profile);
	c->rater = xstrdup(rater ? rater : "");
	c->mode = history ? MODE_HISTORY : MODE_CHART;
	c->mark[0] = c->mark[1] = -1;
	(void)a;
	return &c->v;
}
