/*
 * chart.h - the chart screen's insides, shared by view_chart.c (the chart
 * of skill areas, the keys, the layout) and chart_history.c (the history
 * of snapshots and the comparison of two).  Not a public interface: only
 * these two files include it.
 */
#ifndef ROLEBOOK_CHART_H
#define ROLEBOOK_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "frame.h"
#include "listnav.h"
#include "readiness.h"
#include "store.h"
#include "view.h"

enum chart_mode { MODE_CHART, MODE_HISTORY, MODE_COMPARE };

struct chart {
	struct view v;
	struct role *role;
	char *profile; /* whose readiness: always the profile's own ratings */
	char *viewer;  /* the reviewer who opened it from the review screen, or "" */
	enum chart_mode mode;
	struct store_rating *ratings; /* every rater's */
	size_t nratings;
	struct readiness_raters by;   /* every number shown: readiness's */
	struct store_snapshot *snaps; /* the profile's own, oldest first */
	size_t nsnaps;
	struct readiness *snaprd; /* per snapshot, its areas */
	size_t done, total;
	uint64_t version;
	bool loaded;
	long sel;     /* area (chart) or snapshot (history) */
	long mark[2]; /* marked snapshots, -1 none */
	/* the list of the mode on screen: areas, snapshots, or (a pager) the
	 * statements compared; sel follows its selection */
	struct listnav nav;
	int body_top, body_h;
	int areas_row, areas_h; /* where the chart's areas went in the last frame */
	int cols;		/* of the last layout, for history_lines */
	bool ascii;
	/* the compare view's entries in screen order: an area's heading
	 * (-1 - area) or a statement (its index) */
	long *cent;
	size_t ncent;
};

#define HISTORY_HEAD "Snapshots of %s's own ratings, oldest first, in local time."
#define HISTORY_HINT "Space marks two, Enter compares them (one: with now)."
#define CHART_HINT "Enter on an area reads what the role says about it; H shows the history."

/* view_chart.c */
/* The profile's own readiness (borrowed from c). */
const struct readiness *chart_own(const struct chart *c);
/* Writes text word-wrapped from row on, stopping before row end; returns
 * the row after it. */
int chart_wrapped_to(struct frame *f, int row, int end, const char *text, uint16_t style);
/* chart_wrapped_to() above the footer. */
int chart_wrapped(struct frame *f, int row, const char *text, uint16_t style);

/* chart_history.c */
void chart_draw_history(struct chart *c, struct app *a, struct frame *f, int top, int height);
void chart_draw_compare(struct chart *c, struct app *a, struct frame *f, int top, int height);
/* The compare view's title (new string). */
char *chart_compare_title(const struct chart *c);
/* The compare view's entries: an area's heading, then its statements. */
void chart_compare_entries(struct chart *c);
/* listnav lines callbacks (ctx: the chart) of the compare view and the
 * history. */
int chart_compare_lines(const void *ctx, size_t k);
int chart_history_lines(const void *ctx, size_t i);
/* Rows chart_wrapped() takes for text on a screen cols wide. */
int chart_wrapped_rows(int cols, const char *text);

#endif
