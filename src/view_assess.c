/*
 * view_assess.c - the self-assessment: the role's statements grouped by
 * skill area, each rated on a five-point scale whose labels are on the
 * screen.  A number key rates the selected statement and moves to the
 * next, so a whole assessment can be typed quickly; 0 or Delete clears.
 *
 * Ratings are saved as they are given (committed before they are shown,
 * like the checklist).  Leaving the screen after changes records a dated
 * snapshot, which the chart and history compare against.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "assess.h"
#include "content.h"
#include "dates.h"
#include "lines.h"
#include "listnav.h"
#include "readiness.h"
#include "strbuf.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

/* The scale, on one line or two. */
static int
legend_lines(int cols, char out[2][100])
{
	snprintf(out[0], 100, "1 %s  2 %s  3 %s  4 %s  5 %s  0 clear", readiness_labels[1],
		 readiness_labels[2], readiness_labels[3], readiness_labels[4],
		 readiness_labels[5]);
	out[1][0] = '\0';
	if ((int)strlen(out[0]) <= cols - 2)
		return 1;
	snprintf(out[0], 100, "1 %s  2 %s  3 %s", readiness_labels[1], readiness_labels[2],
		 readiness_labels[3]);
	snprintf(out[1], 100, "4 %s  5 %s  0 clear", readiness_labels[4], readiness_labels[5]);
	return 2;
}

/* Groups the rows into the list's entries (see struct assess). */
static void
entries(struct assess *s)
{
	long lead = -1; /* the first of the rows above a statement */

	s->nent = 0;
	for (size_t r = 0; r < s->nrows; r++) {
		const struct arow *w = &s->rows[r];
		if (w->stmt < 0) {
			/* a heading goes with the statement below it, the
			 * blank row before it with the one above */
			if (lead < 0 && (w->area >= 0 || s->nent == 0))
				lead = (long)r;
		} else if (w->first) {
			size_t cap = s->ecap;
			s->ent_row = xgrow(s->ent_row, &cap, s->nent + 1, sizeof *s->ent_row);
			s->ent_stmt =
			    xgrow(s->ent_stmt, &s->ecap, s->nent + 1, sizeof *s->ent_stmt);
			s->ent_row[s->nent] = lead >= 0 ? (size_t)lead : r;
			s->ent_stmt[s->nent++] = w->stmt;
			lead = -1;
		}
	}
}

static int
entry_lines(const void *ctx, size_t k)
{
	const struct assess *s = ctx;
	size_t end = k + 1 < s->nent ? s->ent_row[k + 1] : s->nrows;

	return (int)(end - s->ent_row[k]);
}

/* The layout step: the rows at the width, the entries, the list on screen
 * with the selected statement in view. */
static void
assess_layout(struct view *v, struct app *a, int top, int height)
{
	struct assess *s = (struct assess *)v;
	char legend[2][100];

	if (!s->loaded || app_data_version(a) != s->version)
		assess_reload(s, a);
	s->legend_rows = legend_lines(a->cols, legend);
	s->body_top = top + s->legend_rows + 1;
	s->body_h = height - s->legend_rows - 1;
	if (a->cols != s->width || s->nrows == 0) {
		s->width = a->cols;
		assess_layout_rows(s, a->cols);
	}
	entries(s);
	s->nav.sel = -1;
	for (size_t k = 0; k < s->nent; k++)
		if (s->ent_stmt[k] == s->sel)
			s->nav.sel = (long)k;
	listnav_layout(&s->nav, s->nent, s->body_h);
	if (s->nav.sel >= 0)
		s->sel = s->ent_stmt[s->nav.sel];
}

static void
assess_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct assess *s = (struct assess *)v;
	char legend[2][100];

	/* the scale, always on screen, whole */
	legend_lines(f->cols, legend);
	for (int i = 0; i < s->legend_rows; i++)
		frame_puts_trunc(f, top + i, 1, legend[i], STY_DIM, f->cols - 2);
	if (s->nraters > 1) {
		/* column labels: self, then each reviewer */
		for (size_t k = 0; k < s->nraters && k < s->ncols; k++)
			frame_puts_trunc(f, top + s->legend_rows, s->colx[k],
					 assess_who_name(s->raters[k]),
					 strcmp(s->raters[k], s->rater) == 0 ? STY_STRONG : STY_DIM,
					 s->colx[k + 1] - s->colx[k] - 1);
	}
	if (s->role->nstmts == 0) {
		frame_puts(f, s->body_top, 2, "This role names no skill areas to assess.",
			   STY_PLAIN, -1);
		return;
	}
	for (int i = 0; i < s->body_h && s->nent > 0; i++) {
		size_t ri = s->ent_row[s->nav.top] + (size_t)i;
		int row = s->body_top + i;
		const struct arow *r;

		if (ri >= s->nrows)
			break;
		r = &s->rows[ri];
		if (r->line != NULL) {
			uint16_t st = r->stmt >= 0 && r->stmt == s->sel ? STY_SELECT : 0;
			if (st)
				frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
			frame_puts_trunc(f, row, r->col, r->line, r->style | st,
					 f->cols - r->col - 1);
		} else if (r->stmt >= 0) {
			bool sel = r->stmt == s->sel;
			uint16_t st = sel ? STY_SELECT : 0;
			if (sel)
				frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
			int tc = assess_text_col(s);
			if (r->first) {
				bool apart = s->nraters > 1 &&
					     readiness_disagree(&s->by, s->role->stmts[r->stmt].id);
				for (size_t k = 0; k < s->nraters && k < s->ncols; k++) {
					char box[16];
					int val = assess_value_by(s, s->raters[k], r->stmt);
					bool m = strcmp(s->raters[k], s->rater) == 0;
					uint16_t bs = val ? STY_STRONG : STY_DIM;
					if (val > 0)
						snprintf(box, sizeof box, m ? "[%d]" : " %d ", val);
					else
						snprintf(box, sizeof box, m ? "[ ]" : " - ");
					if (apart && val > 0)
						bs = STY_ALERT | STY_STRONG;
					frame_puts(f, row, s->colx[k], box, bs | st, 3);
				}
				/* two points apart: marked for monochrome too */
				if (apart)
					frame_puts(f, row, tc - 2, "!", STY_ALERT | STY_STRONG, 1);
				/* a rating or note that waits to be saved */
				const struct store_rating *mine =
				    assess_rating_by(s, s->rater, r->stmt);
				for (size_t k = 0; mine != NULL && mine->pending &&
						   k < s->nraters && k < s->ncols;
				     k++)
					if (strcmp(s->raters[k], s->rater) == 0) /* after its box */
						frame_puts(f, row, s->colx[k] + 3, APP_UNSAVED_MARK,
							   STY_ALERT | st, 1);
			}
			frame_put(f, row, tc, s->role->stmts[r->stmt].text + r->off, r->len,
				  STY_PLAIN | st, f->cols - tc - 1);
			if (r->tail != NULL) {
				int tw = text_width(r->tail, strlen(r->tail));
				frame_puts(f, row, f->cols - 1 - tw, r->tail, STY_DIM | st, tw);
			}
		}
	}
}

static char *
assess_title(struct view *v, struct app *a)
{
	struct assess *s = (struct assess *)v;

	if (*s->rater)
		return xasprintf("%s %s Review of %s by %s", s->role->title,
				 a->ascii ? ">" : "\xe2\x80\xba", s->profile, s->rater);
	return xasprintf("%s %s Self-assessment", s->role->title, a->ascii ? ">" : "\xe2\x80\xba");
}

static char *
assess_info(struct view *v, struct app *a)
{
	struct assess *s = (struct assess *)v;
	const struct rater_readiness *g = readiness_rater(&s->by, s->rater);
	size_t rated = 0, total = 0;

	/* readiness's counts, area by area */
	for (size_t k = 0; g != NULL && k < g->rd.nareas; k++)
		rated += g->rd.areas[k].rated;
	for (size_t k = 0; k < s->by.self.rd.nareas; k++)
		total += s->by.self.rd.areas[k].total;
	if (s->sel >= 0 && (size_t)s->sel < s->role->nstmts) {
		/* the date the selected statement's rating was given */
		const struct store_rating *r = assess_rating_by(s, s->rater, s->sel);
		char when[DATES_MAX];
		if (r != NULL && r->pending)
			return xasprintf("%zu/%zu rated%s%s", rated, total,
					 a->ascii ? ", " : " \xc2\xb7 ", APP_UNSAVED_WORD);
		if (r != NULL && r->value > 0 && r->updated_at > 0)
			return xasprintf("%zu/%zu rated%s%s", rated, total,
					 a->ascii ? ", " : " \xc2\xb7 ",
					 dates_format(r->updated_at, DATE_DAY, when));
	}
	return xasprintf("%zu/%zu rated", rated, total);
}

static long step(const struct assess *s, long from, int dir);

static int
rate(struct assess *s, struct app *a, int value)
{
	const struct statement *st;
	enum store_status rc;

	if (s->sel < 0 || (size_t)s->sel >= s->role->nstmts)
		return VR_HANDLED;
	if (a->readonly) {
		app_status(a, true, "%s: the database cannot be written, nothing was changed",
			   store_readonly_title(a->store != NULL ? store_readonly_why(a->store)
								 : STORE_RO_NO));
		return VR_REDRAW;
	}
	st = &s->role->stmts[s->sel];
	rc = app_change(a,
			&(struct change){.kind = CHANGE_RATING,
					 .profile = s->profile,
					 .role = s->role,
					 .stmt = st,
					 .rater = s->rater,
					 .value = value,
					 .at = app_now(a)},
			NULL);
	if (rc != STORE_OK && rc != STORE_ERR_BUSY) { /* busy: it waits, the footer says so */
		app_status(a, true, "Not saved: %s", store_strerror(rc));
		return VR_REDRAW;
	}
	s->changed = true;
	assess_reload(s, a);
	{
		long next = step(s, s->sel, 1);
		if (next >= 0)
			s->sel = next;
		else
			app_status(
			    a, false,
			    "Every statement has been seen: v shows the chart and readiness");
	}
	return VR_REDRAW;
}

/* Statements are stored grouped by area only in the order areas were
 * found; moving follows the screen's order (area by area). */
static long
step(const struct assess *s, long from, int dir)
{
	long best = -1;
	/* order key: (area, index) */
	for (long i = 0; i < (long)s->role->nstmts; i++) {
		size_t ai = s->role->stmts[i].area, af = s->role->stmts[from].area;
		bool after = ai > af || (ai == af && i > from);
		bool before = ai < af || (ai == af && i < from);
		if (dir > 0 && after) {
			if (best < 0 || s->role->stmts[i].area < s->role->stmts[best].area ||
			    (s->role->stmts[i].area == s->role->stmts[best].area && i < best))
				best = i;
		} else if (dir < 0 && before) {
			if (best < 0 || s->role->stmts[i].area > s->role->stmts[best].area ||
			    (s->role->stmts[i].area == s->role->stmts[best].area && i > best))
				best = i;
		}
	}
	return best;
}

static int
assess_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct assess *s = (struct assess *)v;
	const struct statement *st;
	enum store_status rc;

	if (text == NULL || !done || s->sel < 0)
		return VR_REDRAW;
	st = &s->role->stmts[s->sel];
	rc = app_change(a,
			&(struct change){.kind = CHANGE_RATING_NOTE,
					 .profile = s->profile,
					 .role = s->role,
					 .stmt = st,
					 .rater = s->rater,
					 .text = text,
					 .at = app_now(a)},
			NULL);
	if (rc == STORE_ERR_BUSY)
		; /* it waits: the footer says so */
	else if (rc != STORE_OK)
		app_status(a, true, "Note not saved: %s", store_strerror(rc));
	else
		app_status(a, false, *text ? "Note saved" : "Note removed");
	s->changed = true;
	assess_reload(s, a);
	return VR_REDRAW;
}

/* Records a snapshot when the ratings changed; tells the user. */
static void
snapshot(struct assess *s, struct app *a, bool quiet)
{
	int64_t id = 0;

	if (!s->changed || a->store == NULL || a->readonly)
		return;
	/* after the ratings that may still wait for the database */
	if (app_change(a,
		       &(struct change){.kind = CHANGE_SNAPSHOT,
					.profile = s->profile,
					.role = s->role,
					.rater = s->rater,
					.at = app_now(a)},
		       &id) == STORE_OK &&
	    id > 0 && !quiet)
		app_status(a, false, "Snapshot recorded: the chart's trend compares against it");
	s->changed = false;
}

static int
assess_action(struct view *v, struct app *a, enum action act)
{
	struct assess *s = (struct assess *)v;

	assess_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (s->role->nstmts == 0 && act != ACT_BACK)
		return VR_NONE;
	if (listnav_act(&s->nav, act)) {
		if (s->nav.sel >= 0)
			s->sel = s->ent_stmt[s->nav.sel];
		return VR_REDRAW;
	}
	switch (act) {
	case ACT_RATE1:
	case ACT_RATE2:
	case ACT_RATE3:
	case ACT_RATE4:
	case ACT_RATE5:
		return rate(s, a, (int)(act - ACT_RATE1) + 1);
	case ACT_CLEAR:
		return rate(s, a, 0);
	case ACT_NOTE:
		if (a->readonly) {
			app_status(a, true, "Read-only: notes cannot be changed");
			break;
		}
		{
			const struct store_rating *r = assess_rating_of(s, s->sel);
			app_prompt(a, "Note: ", r && r->note ? r->note : "");
		}
		break;
	case ACT_CHART:
	case ACT_HISTORY:
		snapshot(s, a, false);
		app_request(
		    a, &(struct nav_request){.kind = act == ACT_HISTORY ? NAV_HISTORY : NAV_CHART,
					     .role = s->role,
					     .profile = s->profile,
					     .rater = s->rater});
		break;
	case ACT_RELOAD:
		assess_reload(s, a);
		app_status(a, false, "Reloaded");
		break;
	case ACT_CLICK:
		/* a second click on the selected statement acts as Enter */
		if (listnav_click(&s->nav, a->mouse_row - s->body_top) == LISTNAV_AGAIN &&
		    assess_action(v, a, ACT_OPEN) != VR_NONE)
			return VR_REDRAW;
		if (s->nav.sel >= 0)
			s->sel = s->ent_stmt[s->nav.sel];
		break;
	case ACT_BACK:
		snapshot(s, a, false);
		return VR_CLOSE;
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static void
assess_free(struct view *v)
{
	struct assess *s = (struct assess *)v;

	/* leaving after changes records a snapshot, even on quit */
	if (s->app)
		snapshot(s, s->app, true);
	assess_free_data(s);
	assess_clear_rows(s);
	free(s->profile);
	free(s->rater);
	free(s->rows);
	free(s->colx);
	free(s->ent_row);
	free(s->ent_stmt);
	free(s);
}

/* The footer, most important first (see struct view_hint).  v is the only
 * way from here to the chart: kept. */
static size_t
assess_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct assess *s = (struct assess *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (s->sel >= 0 && (size_t)s->sel < s->role->nstmts) {
		out[n++] = (struct view_hint){ACT_RATE1, ACT_RATE5, true, "rate", HINT_HIGH};
		out[n++] = (struct view_hint){ACT_CLEAR, ACT_NONE, false, "clear", HINT_MID};
		out[n++] = (struct view_hint){ACT_NOTE, ACT_NONE, false, "note", HINT_MID};
		out[n++] = (struct view_hint){ACT_CHART, ACT_NONE, false, "chart", HINT_KEEP};
		out[n++] = (struct view_hint){ACT_HISTORY, ACT_NONE, false, "history", HINT_MID};
	}
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops assess_ops = {
    .name = "assessment",
    .ctx = CTX_ASSESS,
    .hints = assess_hints,
    .title = assess_title,
    .info = assess_info,
    .layout = assess_layout,
    .draw = assess_draw,
    .action = assess_action,
    .input = assess_input,
    .free = assess_free,
};

struct view *
view_assess_new(struct app *a, struct role *role, const char *profile, const char *rater)
{
	struct assess *s = xcalloc(1, sizeof *s);

	s->v.ops = &assess_ops;
	s->app = a;
	s->role = role;
	s->profile = xstrdup(profile);
	s->rater = xstrdup(rater ? rater : "");
	listnav_init(&s->nav);
	s->nav.lines = entry_lines;
	s->nav.ctx = s;
	assess_reload(s, a);
	/* start at the first statement in screen order */
	s->sel = role->nstmts ? 0 : -1;
	for (long i = 0; i < (long)role->nstmts; i++)
		if (role->stmts[i].area < role->stmts[s->sel].area)
			s->sel = i;
	return &s->v;
}
