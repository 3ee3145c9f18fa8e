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

#include <limits.h>
#include <string.h>

#include "app.h"
#include "chart.h"
#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "lines.h"
#include "listnav.h"
#include "readiness.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

static void
free_data(struct chart *c)
{
	for (size_t i = 0; i < c->nsnaps; i++)
		readiness_done(&c->snaprd[i]);
	free(c->snaprd);
	readiness_raters_done(&c->by);
	store_ratings_free(c->ratings, c->nratings);
	store_snapshots_free(c->snaps, c->nsnaps);
	c->ratings = NULL;
	c->snaps = NULL;
	c->snaprd = NULL;
	c->nratings = c->nsnaps = 0;
}

static void
reload(struct chart *c, struct app *a)
{
	free_data(c);
	c->done = c->total = 0;
	app_progress_of(a, c->profile, c->role, &c->done, &c->total);
	if (a->store) {
		app_ratings_get(a, c->profile, c->role->id, NULL, &c->ratings, &c->nratings);
		store_snapshots_get(a->store, c->profile, c->role->id, "", &c->snaps, &c->nsnaps);
		c->version = app_data_version(a);
	}
	{
		struct checklist cl; /* the prerequisites, for the verdict */
		app_checklist_load(a, &cl, c->profile, c->role, CHECKLIST_ONBOARDING);
		readiness_by_rater_cl(&c->by, c->role, c->ratings, c->nratings, &cl);
		checklist_done(&cl);
	}
	c->snaprd = xcalloc(c->nsnaps ? c->nsnaps : 1, sizeof *c->snaprd);
	for (size_t i = 0; i < c->nsnaps; i++)
		readiness_of_snapshot(&c->snaprd[i], c->role, &c->snaps[i]);
	if (c->mark[0] >= (long)c->nsnaps || c->mark[1] >= (long)c->nsnaps) {
		c->mark[0] = c->mark[1] = -1;
		if (c->mode == MODE_COMPARE)
			c->mode = MODE_HISTORY;
	}
	c->loaded = true;
}

/* The profile's own readiness. */
const struct readiness *
chart_own(const struct chart *c)
{
	return &c->by.self.rd;
}

/*
 * A bar of `cells` cells for a value out of 5, with a tick where the
 * threshold is.  An area below its threshold is drawn with another glyph
 * and colour, so that it stands out in colour, in monochrome and in
 * ASCII alike: meets "█" (ASCII "#"), below "▒" ("="), empty "░" ("-", as the checklist's bars),
 * the threshold "│" ("|").
 */
static void
bar(struct frame *f, int row, int col, int cells, const struct area_score *sc, bool ascii)
{
	int full = (int)(sc->avg / 5.0 * cells + 0.5);
	int tick = (int)(sc->threshold / 5.0 * cells + 0.5);
	const char *fill =
	    sc->meets ? (ascii ? "#" : "\xe2\x96\x88") : (ascii ? "=" : "\xe2\x96\x92");
	uint16_t fs = sc->meets ? STY_DONE : STY_MARKER;

	if (tick >= cells)
		tick = cells - 1;
	for (int i = 0; i < cells; i++) {
		if (i == tick)
			frame_puts(f, row, col + i, ascii ? "|" : "\xe2\x94\x82", STY_STRONG, 1);
		else if (i < full)
			frame_puts(f, row, col + i, fill, fs, 1);
		else
			frame_puts(f, row, col + i, ascii ? "-" : "\xe2\x96\x91", STY_DIM, 1);
	}
}

/* The last `cells` snapshots' values of area k, one glyph each. */
static void
sparkline(struct chart *c, struct frame *f, int row, int col, int cells, size_t k, bool ascii)
{
	static const char *const ticks[] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
					    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
					    "\xe2\x96\x87", "\xe2\x96\x88"};
	size_t first;

	if (cells <= 0)
		return;
	first = c->nsnaps > (size_t)cells ? c->nsnaps - (size_t)cells : 0;
	for (size_t i = first; i < c->nsnaps; i++) {
		const struct area_score *sc = &c->snaprd[i].areas[k];
		char digit[2] = {0, 0};
		const char *g;
		if (sc->rated == 0) {
			g = " ";
		} else if (ascii) {
			digit[0] = (char)('0' + (int)(sc->avg + 0.5));
			g = digit;
		} else {
			int t = (int)((sc->avg - 1.0) / 4.0 * 7.0 + 0.5);
			g = ticks[t < 0 ? 0 : t > 7 ? 7 : t];
		}
		frame_puts(f, row, col + (int)(i - first), g, STY_MARKER, 1);
	}
}

/* Writes text word-wrapped from row on, above row `end`; returns the row
 * after it. */
int
chart_wrapped_to(struct frame *f, int row, int end, const char *text, uint16_t style)
{
	size_t len = strlen(text), pos = 0;

	while (pos < len && row < end) {
		size_t next, cut = text_wrap(text + pos, len - pos, f->cols - 2, &next);
		frame_put(f, row++, 1, text + pos, cut, style, f->cols - 2);
		pos += next;
	}
	return row;
}

/* chart_wrapped_to() above the footer. */
int
chart_wrapped(struct frame *f, int row, const char *text, uint16_t style)
{
	return chart_wrapped_to(f, row, f->rows - 1, text, style);
}

/* As chart_wrapped(), on at most max rows, the last one cut with an ellipsis
 * when the text goes on. */
static int
wrapped_max(struct frame *f, int row, const char *text, uint16_t style, int max)
{
	size_t len = strlen(text), pos = 0;
	int first = row;

	while (pos < len && row < f->rows - 1) {
		size_t next, cut = text_wrap(text + pos, len - pos, f->cols - 2, &next);
		if (row - first == max - 1 && pos + next < len) {
			frame_puts_trunc(f, row++, 1, text + pos, style, f->cols - 2);
			break;
		}
		frame_put(f, row++, 1, text + pos, cut, style, f->cols - 2);
		pos += next;
	}
	return row;
}

/* "Ratings: alice's own" and, from the review screen, the reviewer's. */
static char *
whose(const struct chart *c, bool ascii)
{
	const struct rater_readiness *g;
	char *list, *s, *mark = readiness_unverified_mark(&c->by.self.rd);

	if (*c->viewer == '\0') {
		s = xasprintf("Ratings: %s's own%s", c->profile, mark);
		free(mark);
		return s;
	}
	g = readiness_rater(&c->by, c->viewer);
	list = g != NULL ? readiness_area_list(&g->rd, ascii) : xstrdup("none yet");
	s = xasprintf("Ratings: %s's own%s; yours as %s: %s", c->profile, mark, c->viewer, list);
	free(list);
	free(mark);
	return s;
}

/* The columns of an area row. */
struct chart_cols {
	int name, bar, avg, below, trend, spark;
	int namew, barw, belw, sparkw;
};

/* Columns for a screen cols wide: the names whole where at all possible
 * (they are what Enter acts on), then the bar, at least 5 cells; the
 * sparkline gives way first. */
static void
chart_columns(struct chart_cols *k, int cols, const struct readiness *rd, double threshold)
{
	char thr[16];
	int fixed;

	readiness_format_threshold(threshold, thr);
	k->namew = 10; /* "Skill area" */
	for (size_t i = 0; i < rd->nareas; i++) {
		int w = text_width(rd->areas[i].name, strlen(rd->areas[i].name));
		if (w > k->namew)
			k->namew = w;
	}
	if (k->namew > 24)
		k->namew = 24;
	k->belw = 6 + (int)strlen(thr); /* "below 3.0" */
	k->sparkw = cols >= 80 ? 12 : cols >= 60 ? 8 : 6;
	fixed = 1 + 1 + 1 + 4 + 1 + k->belw + 1 + 1 + 1 + 1;
	k->barw = cols - fixed - k->namew - k->sparkw;
	if (k->barw < 5) {
		k->sparkw -= 5 - k->barw;
		if (k->sparkw < 3)
			k->sparkw = 3;
		k->barw = cols - fixed - k->namew - k->sparkw;
	}
	if (k->barw < 5) {
		k->namew -= 5 - k->barw;
		if (k->namew < 8)
			k->namew = 8;
		k->barw = 5;
	}
	if (k->barw > 30)
		k->barw = 30;
	k->name = 1;
	k->bar = k->name + k->namew + 1;
	k->avg = k->bar + k->barw + 1;
	k->below = k->avg + 5;
	k->trend = k->below + k->belw + 1;
	k->spark = k->trend + 2;
}

/* What the trend column compares with: the snapshot before the latest,
 * by its day (and time, when another snapshot fell on that day); "" when
 * there is no trend. */
static const char *
trend_since(const struct chart *c, char *buf)
{
	int64_t *times;

	if (c->nsnaps < 2)
		return "";
	times = xcalloc(c->nsnaps, sizeof *times);
	for (size_t i = 0; i < c->nsnaps; i++)
		times[i] = c->snaps[i].taken_at;
	dates_label(times[c->nsnaps - 2], times, c->nsnaps, buf);
	free(times);
	return buf;
}

static void
draw_chart(struct chart *c, struct app *a, struct frame *f, int top, int height)
{
	const struct readiness *rd = chart_own(c);
	struct chart_cols k;
	int row = top, hint;
	char *line, thr[16], when[DATES_MAX];

	line = whose(c, a->ascii);
	row = chart_wrapped(f, row, line, STY_DIM);
	free(line);
	line = xasprintf("Readiness: %s", c->by.verdict);
	/* on a short screen the verdict leaves room for the areas */
	row = wrapped_max(f, row, line, c->by.ready ? (STY_STRONG | STY_DONE) : STY_STRONG,
			  height >= 18 ? height : 2);
	free(line);
	/* each reviewer's averages, named, a line each where there is room */
	for (size_t i = 0; i < c->by.nrev && height >= 18; i++) {
		char *list = readiness_area_list(&c->by.rev[i].rd, a->ascii),
		     *mark = readiness_unverified_mark(&c->by.rev[i].rd);
		line = xasprintf("%s: %s%s", c->by.rev[i].rater, list, mark);
		free(mark);
		frame_puts_trunc(f, row++, 1, line, STY_DIM, f->cols - 2);
		free(line);
		free(list);
	}
	row = chart_wrapped(f, row, READINESS_DISCLAIMER, STY_DIM);
	row++;
	if (c->total > 0) {
		int bw = f->cols - 34 < 22 ? f->cols - 34 : 22;
		char *b = checklist_bar(c->done, c->total, bw > 5 ? bw : 5, a->ascii);
		line = xasprintf("%-20s %s %zu/%zu", "Checklist", b, c->done, c->total);
		frame_puts_trunc(f, row++, 1, line, c->done == c->total ? STY_DONE : STY_PLAIN,
				 f->cols - 2);
		free(line);
		free(b);
		if (rd->marked || rd->items_unverified > 0) { /* prerequisites, unsigned items */
			line = readiness_checklist_line(rd);
			frame_puts_trunc(f, row++, 1, line, STY_DIM, f->cols - 2);
			free(line);
		}
		row++;
	}
	if (rd->nareas == 0) {
		frame_puts(f, row, 1, "This role names no skill areas.", STY_PLAIN, -1);
		return;
	}
	chart_columns(&k, f->cols, rd, c->role->threshold);
	readiness_format_threshold(c->role->threshold, thr);
	line = xasprintf("%s marks the threshold, %s; %s is below it%s%s.",
			 a->ascii ? "|" : "\xe2\x94\x82", thr, a->ascii ? "=" : "\xe2\x96\x92",
			 c->nsnaps >= 2 ? "; trend since " : "", trend_since(c, when));
	if (text_width(line, strlen(line)) > f->cols - 2) {
		/* the trend's date only where it costs no row */
		free(line);
		line = xasprintf("%s marks the threshold, %s; %s is below it.",
				 a->ascii ? "|" : "\xe2\x94\x82", thr,
				 a->ascii ? "=" : "\xe2\x96\x92");
	}
	row = chart_wrapped(f, row, line, STY_DIM);
	free(line);
	frame_puts_trunc(f, row, k.name, "Skill area", STY_DIM, k.namew);
	frame_puts(f, row, k.avg, "avg", STY_DIM, 3);
	frame_puts_trunc(f, row++, k.trend, "trend", STY_DIM, f->cols - k.trend - 1);
	/* the areas are a list in the rows left, with the hint below it,
	 * whole, when there is room for both */
	c->areas_row = row;
	c->areas_h = top + height - row;
	hint = 1 + chart_wrapped_rows(f->cols, CHART_HINT);
	if (c->areas_h >= (int)rd->nareas + hint)
		c->areas_h -= hint;
	else
		hint = 0;
	if (c->areas_h < 1)
		c->areas_h = 1;
	listnav_layout(&c->nav, rd->nareas, c->areas_h);
	c->sel = c->nav.sel;
	for (size_t i = c->nav.top; i < rd->nareas && row < c->areas_row + c->areas_h; i++, row++) {
		const struct area_score *sc = &rd->areas[i];
		bool sel = (long)i == c->sel;
		uint16_t st = sel ? STY_SELECT : 0;
		char avg[16];

		if (sel)
			frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
		frame_puts_trunc(f, row, k.name, sc->name, STY_STRONG | st, k.namew);
		if (sc->rated == 0) {
			frame_puts(f, row, k.bar, "not rated yet", STY_DIM | st, -1);
			continue;
		}
		bar(f, row, k.bar, k.barw, sc, a->ascii);
		readiness_format(sc->avg, sc->threshold, avg);
		frame_puts(f, row, k.avg, avg, STY_STRONG | st, 4);
		if (!sc->meets) {
			char *below = xasprintf("below %s", thr);
			frame_puts(f, row, k.below, below, STY_ALERT | st, k.belw);
			free(below);
		}
		if (c->nsnaps >= 2) {
			/* trend: the latest snapshot against the one before */
			const struct readiness *p = &c->snaprd[c->nsnaps - 2];
			frame_puts(f, row, k.trend, readiness_trend_of(&p->areas[i], sc, a->ascii),
				   STY_STRONG | st, 1);
		}
		sparkline(c, f, row, k.spark,
			  k.sparkw < f->cols - k.spark - 1 ? k.sparkw : f->cols - k.spark - 1, i,
			  a->ascii);
	}
	if (hint > 0)
		chart_wrapped_to(f, row + 1, top + height, CHART_HINT, STY_DIM);
}

/*
 * The layout step: loads on open and when the records changed (never
 * while drawing); the history lists the snapshots below its heading, the
 * compare view pages through the areas and statements below its title;
 * the chart's areas are laid out as the chart is drawn (their rows depend
 * on what is written above them), from where the last frame put them.
 */
static void
chart_layout(struct view *v, struct app *a, int top, int height)
{
	struct chart *c = (struct chart *)v;
	int head = 0;

	if (!c->loaded || app_data_version(a) != c->version)
		reload(c, a);
	c->cols = a->cols;
	c->ascii = a->ascii;
	c->nav.lines = NULL;
	c->nav.ctx = c;
	if (c->mode == MODE_HISTORY) {
		char *line = xasprintf(HISTORY_HEAD, c->profile);
		head = chart_wrapped_rows(a->cols, line);
		free(line);
		if (c->nsnaps > 0)
			head += chart_wrapped_rows(a->cols, HISTORY_HINT) + 1;
		c->nav.lines = chart_history_lines;
	} else if (c->mode == MODE_COMPARE) {
		char *line = chart_compare_title(c);
		head = chart_wrapped_rows(a->cols, line) + 1;
		free(line);
		chart_compare_entries(c);
		c->nav.lines = chart_compare_lines;
	}
	c->body_top = top + head;
	c->body_h = height - head;
	c->nav.pager = c->mode == MODE_COMPARE;
	c->nav.sel = c->sel;
	if (c->mode == MODE_HISTORY)
		listnav_layout(&c->nav, c->nsnaps, c->body_h);
	else if (c->mode == MODE_COMPARE)
		listnav_layout(&c->nav, c->ncent, c->body_h);
	else
		listnav_layout(&c->nav, c->role->nareas, c->areas_h ? c->areas_h : height);
	if (c->mode != MODE_COMPARE)
		c->sel = c->nav.sel;
}

static void
chart_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct chart *c = (struct chart *)v;

	if (c->mode == MODE_CHART)
		draw_chart(c, a, f, top, height);
	else if (c->mode == MODE_HISTORY)
		chart_draw_history(c, a, f, top, height);
	else
		chart_draw_compare(c, a, f, top, height);
}

static char *
chart_title(struct view *v, struct app *a)
{
	struct chart *c = (struct chart *)v;
	const char *what = c->mode == MODE_CHART     ? "Readiness"
			   : c->mode == MODE_HISTORY ? "History"
						     : "Compare";

	/* whose, always: from the review screen it is a candidate's */
	return xasprintf("%s %s %s of %s", c->role->title, a->ascii ? ">" : "\xe2\x80\xba", what,
			 c->profile);
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
	long n;

	chart_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	n = c->mode == MODE_CHART ? (long)c->role->nareas : (long)c->nsnaps;
	if (listnav_act(&c->nav, act)) {
		if (c->mode != MODE_COMPARE)
			c->sel = c->nav.sel;
		return VR_REDRAW;
	}
	switch (act) {
	case ACT_CLICK: {
		int line = a->mouse_row - (c->mode == MODE_CHART ? c->areas_row : c->body_top);
		/* a second click on the selected entry acts as Enter */
		if (c->mode == MODE_COMPARE)
			return VR_HANDLED;
		if (listnav_click(&c->nav, line) == LISTNAV_AGAIN)
			return chart_action(v, a, ACT_OPEN);
		c->sel = c->nav.sel;
		break;
	}
	case ACT_HISTORY:
		c->mode = c->mode == MODE_CHART ? MODE_HISTORY : MODE_CHART;
		c->sel = c->mode == MODE_HISTORY && c->nsnaps ? (long)c->nsnaps - 1 : 0;
		c->nav.top = 0;
		chart_layout(v, a, 1, a->rows - 2);
		break;
	case ACT_MARK:
		if (c->mode != MODE_HISTORY || c->sel < 0 || c->sel >= n) {
			app_status(a, false, "Space marks snapshots in the history (H) to compare");
			return VR_REDRAW;
		}
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
			app_request(a,
				    &(struct nav_request){.kind = NAV_ROLE,
							  .role = c->role,
							  .at = {.at_section = true,
								 .section = (size_t)ar->section}});
			/* the reader's checklist boxes are the app's profile's */
			if (c->role->nitems > 0 && a->profile != NULL &&
			    strcmp(a->profile, c->profile) != 0)
				app_status(
				    a, false,
				    "The role's text: its checklist shows %s's progress, not "
				    "%s's",
				    a->profile, c->profile);
			return VR_REDRAW;
		}
		if (c->mode == MODE_HISTORY) {
			if (c->mark[0] < 0 && c->sel >= 0 && c->sel < n)
				c->mark[0] = c->sel;
			if (c->mark[0] < 0) {
				app_status(a, false, "No snapshots to compare yet");
				return VR_REDRAW;
			}
			if (c->mark[1] >= 0 && c->mark[1] < c->mark[0]) {
				long t = c->mark[0];
				c->mark[0] = c->mark[1];
				c->mark[1] = t;
			}
			c->mode = MODE_COMPARE;
			c->nav.top = 0;
			chart_layout(v, a, 1, a->rows - 2);
		} else {
			app_status(a, false,
				   "These are the marked snapshots side by side; q goes back");
		}
		break;
	case ACT_BACK:
		if (c->mode == MODE_COMPARE) {
			c->mode = MODE_HISTORY;
			c->nav.top = 0;
			chart_layout(v, a, 1, a->rows - 2);
			return VR_REDRAW;
		}
		return VR_CLOSE;
	case ACT_RELOAD:
		reload(c, a);
		app_status(a, false, "Reloaded");
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

	free_data(c);
	free(c->cent);
	free(c->profile);
	free(c->viewer);
	free(c);
}

/* The footer, most important first (see struct view_hint), for the mode
 * on screen.  H is the only way between the chart and the history: kept. */
static size_t
chart_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct chart *c = (struct chart *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (c->mode == MODE_CHART) {
		if (c->sel >= 0 && (size_t)c->sel < c->role->nareas &&
		    c->role->areas[c->sel].section >= 0)
			out[n++] = (struct view_hint){ACT_OPEN, ACT_NONE, false, "read the area",
						      HINT_HIGH};
		out[n++] = (struct view_hint){ACT_HISTORY, ACT_NONE, false, "history", HINT_KEEP};
	} else if (c->mode == MODE_HISTORY) {
		if (c->nsnaps > 0) {
			out[n++] = (struct view_hint){ACT_MARK, ACT_NONE, false, "mark", HINT_HIGH};
			out[n++] =
			    (struct view_hint){ACT_OPEN, ACT_NONE, false, "compare", HINT_HIGH};
		}
		out[n++] = (struct view_hint){ACT_HISTORY, ACT_NONE, false, "chart", HINT_KEEP};
	} else {
		out[n++] = (struct view_hint){ACT_HISTORY, ACT_NONE, false, "chart", HINT_MID};
	}
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops chart_ops = {
    .name = "chart",
    .ctx = CTX_CHART,
    .hints = chart_hints,
    .title = chart_title,
    .info = chart_info,
    .layout = chart_layout,
    .draw = chart_draw,
    .action = chart_action,
    .free = chart_free,
};

struct view *
view_chart_new(struct app *a, struct role *role, const char *profile, const char *viewer,
	       bool history)
{
	struct chart *c = xcalloc(1, sizeof *c);

	c->v.ops = &chart_ops;
	c->role = role;
	c->profile = xstrdup(profile);
	c->viewer = xstrdup(viewer ? viewer : "");
	c->mode = history ? MODE_HISTORY : MODE_CHART;
	c->mark[0] = c->mark[1] = -1;
	listnav_init(&c->nav);
	reload(c, a);
	/* the history opens on the latest snapshot */
	c->sel = history && c->nsnaps ? (long)c->nsnaps - 1 : 0;
	return &c->v;
}
