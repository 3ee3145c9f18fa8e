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
#include "content.h"
#include "lines.h"
#include "readiness.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

struct arow {
	long stmt;  /* statement index, or -1 for an area heading / blank */
	long area;  /* area index for headings */
	size_t off, len;
	bool first, note;
};

struct assess {
	struct view v;
	struct app *app;
	struct role *role;
	struct store_rating *ratings;
	size_t nratings;
	uint64_t version;
	bool loaded, changed;
	long sel; /* statement index */
	size_t top;
	struct arow *rows;
	size_t nrows, rcap;
	int body_top, body_h;
};

static const char *
rater(const struct app *a)
{
	return a->rater ? a->rater : "";
}

static void
reload(struct assess *s, struct app *a)
{
	enum store_status st = STORE_OK;

	store_ratings_free(s->ratings, s->nratings);
	s->ratings = NULL;
	s->nratings = 0;
	if (a->store)
		st = store_ratings_get(a->store, a->profile, s->role->id, rater(a), &s->ratings,
		                       &s->nratings);
	if (st != STORE_OK)
		app_status(a, true, "Cannot read ratings: %s", store_strerror(st));
	s->version = a->store ? store_data_version(a->store) : 0;
	s->loaded = true;
}

static void
refresh(struct assess *s, struct app *a)
{
	if (!s->loaded || (a->store && store_data_version(a->store) != s->version))
		reload(s, a);
}

static const struct store_rating *
rating_of(const struct assess *s, long stmt)
{
	const char *id = s->role->stmts[stmt].id;

	for (size_t i = 0; i < s->nratings; i++)
		if (strcmp(s->ratings[i].statement_id, id) == 0)
			return &s->ratings[i];
	return NULL;
}

static void
add_row(struct assess *s, long stmt, long area, size_t off, size_t len, bool first, bool note)
{
	struct arow *r;

	s->rows = xgrow(s->rows, &s->rcap, s->nrows + 1, sizeof *s->rows);
	r = &s->rows[s->nrows++];
	r->stmt = stmt;
	r->area = area;
	r->off = off;
	r->len = len;
	r->first = first;
	r->note = note;
}

static void
layout(struct assess *s, int width)
{
	const struct role *ro = s->role;

	s->nrows = 0;
	for (size_t a = 0; a < ro->nareas; a++) {
		if (a > 0)
			add_row(s, -1, -1, 0, 0, true, false);
		add_row(s, -1, (long)a, 0, 0, true, false);
		for (size_t i = 0; i < ro->nstmts; i++) {
			const char *t = ro->stmts[i].text;
			size_t len = strlen(t), pos = 0;
			const struct store_rating *r;
			bool first = true;

			if (ro->stmts[i].area != a)
				continue;
			do { /* wrap at spaces */
				int used;
				size_t fit = text_fit(t + pos, len - pos, width, &used), cut = fit;
				if (pos + fit < len) {
					size_t k = fit;
					while (k > 0 && t[pos + k] != ' ')
						k--;
					cut = k > 0 ? k : (fit ? fit : 1);
				}
				add_row(s, (long)i, (long)a, pos, cut, first, false);
				first = false;
				pos += cut;
				while (pos < len && t[pos] == ' ')
					pos++;
			} while (pos < len);
			r = rating_of(s, (long)i);
			if (r && r->note && *r->note)
				add_row(s, (long)i, (long)a, 0, 0, false, true);
		}
	}
}

static void
assess_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct assess *s = (struct assess *)v;
	struct readiness rd;
	int tw = f->cols - 10;

	refresh(s, a);
	s->body_top = top + 2;
	s->body_h = height - 2;
	layout(s, tw > 10 ? tw : 10);
	/* the scale, always on screen */
	{
		char legend[200];
		snprintf(legend, sizeof legend, "1 %s  2 %s  3 %s  4 %s  5 %s  0 clear",
		         readiness_labels[1], readiness_labels[2], readiness_labels[3],
		         readiness_labels[4], readiness_labels[5]);
		frame_puts_trunc(f, top, 1, legend, STY_DIM, f->cols - 2);
	}
	if (s->role->nstmts == 0) {
		frame_puts(f, s->body_top, 2, "This role names no skill areas to assess.", STY_PLAIN, -1);
		return;
	}
	readiness_compute(&rd, s->role, s->ratings, s->nratings, 0, 0);
	/* keep the selection in view */
	for (size_t r = 0; r < s->nrows; r++)
		if (s->rows[r].stmt == s->sel && s->rows[r].first) {
			size_t last = r;
			while (last + 1 < s->nrows && s->rows[last + 1].stmt == s->sel)
				last++;
			if (r < s->top)
				s->top = r > 0 && s->rows[r - 1].stmt < 0 ? r - 1 : r;
			if (last >= s->top + (size_t)s->body_h)
				s->top = last - (size_t)s->body_h + 1;
			break;
		}
	for (int i = 0; i < s->body_h; i++) {
		size_t ri = s->top + (size_t)i;
		int row = s->body_top + i;
		const struct arow *r;

		if (ri >= s->nrows)
			break;
		r = &s->rows[ri];
		if (r->stmt < 0 && r->area >= 0) {
			const struct area_score *sc = &rd.areas[r->area];
			char avg[16], *line;
			if (sc->rated) {
				readiness_format(sc->avg, sc->threshold, avg);
				line = xasprintf("%s  average %s (%zu of %zu rated)", sc->name, avg, sc->rated,
				                 sc->total);
			} else {
				line = xasprintf("%s  (%zu statements, none rated)", sc->name, sc->total);
			}
			frame_puts_trunc(f, row, 1, line, STY_HEADING, f->cols - 2);
			free(line);
		} else if (r->stmt >= 0) {
			const struct store_rating *rt = rating_of(s, r->stmt);
			bool sel = r->stmt == s->sel;
			uint16_t st = sel ? STY_SELECT : 0;
			if (sel)
				frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
			if (r->note) {
				char *n = xasprintf("note: %s", rt->note);
				frame_puts_trunc(f, row, 8, n, STY_DIM | st, f->cols - 9);
				free(n);
			} else {
				if (r->first) {
					char box[16];
					if (rt && rt->value > 0)
						snprintf(box, sizeof box, "[%d]", rt->value);
					else
						snprintf(box, sizeof box, "[ ]");
					frame_puts(f, row, 2, box, (rt && rt->value ? STY_STRONG : STY_DIM) | st, 3);
				}
				frame_put(f, row, 8, s->role->stmts[r->stmt].text + r->off, r->len,
				          STY_PLAIN | st, f->cols - 9);
			}
		}
	}
	readiness_done(&rd);
}

static char *
assess_title(struct view *v, struct app *a)
{
	struct assess *s = (struct assess *)v;

	if (a->rater && *a->rater)
		return xasprintf("%s %s Review of %s by %s", s->role->title, a->ascii ? ">" : "\xe2\x80\xba",
		                 a->profile, a->rater);
	return xasprintf("%s %s Self-assessment", s->role->title, a->ascii ? ">" : "\xe2\x80\xba");
}

static char *
assess_info(struct view *v, struct app *a)
{
	struct assess *s = (struct assess *)v;
	size_t rated = 0;

	refresh(s, a);
	for (size_t i = 0; i < s->role->nstmts; i++) {
		const struct store_rating *r = rating_of(s, (long)i);
		rated += r && r->value > 0;
	}
	return xasprintf("%zu/%zu rated", rated, s->role->nstmts);
}

static int
rate(struct assess *s, struct app *a, int value)
{
	const struct statement *st;
	enum store_status rc;

	if (s->sel < 0 || (size_t)s->sel >= s->role->nstmts)
		return VR_HANDLED;
	if (a->readonly) {
		app_status(a, true, "Read-only: the database cannot be written, nothing was changed");
		return VR_REDRAW;
	}
	st = &s->role->stmts[s->sel];
	rc = store_rating_set(a->store, a->profile, s->role->id, rater(a), st->id,
	                      s->role->areas[st->area].name, st->text, value, app_now(a));
	if (rc != STORE_OK) {
		app_status(a, true, "Not saved: %s", store_strerror(rc));
		return VR_REDRAW;
	}
	s->changed = true;
	reload(s, a);
	if (value > 0 && (size_t)s->sel + 1 < s->role->nstmts)
		s->sel++;
	else if (value > 0)
		app_status(a, false, "Every statement has been seen: v shows the chart and readiness");
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

static void
move(struct assess *s, int dir, int n)
{
	while (n-- > 0) {
		long j = step(s, s->sel, dir);
		if (j < 0)
			break;
		s->sel = j;
	}
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
	rc = store_rating_set_note(a->store, a->profile, s->role->id, rater(a), st->id,
	                           s->role->areas[st->area].name, st->text, text, app_now(a));
	if (rc != STORE_OK)
		app_status(a, true, "Note not saved: %s", store_strerror(rc));
	else
		app_status(a, false, *text ? "Note saved" : "Note removed");
	s->changed = true;
	reload(s, a);
	return VR_REDRAW;
}

/* Records a snapshot when the ratings changed; tells the user. */
static void
snapshot(struct assess *s, struct app *a, bool quiet)
{
	int64_t id = 0;

	if (!s->changed || a->store == NULL || a->readonly)
		return;
	if (store_snapshot_take(a->store, a->profile, s->role->id, rater(a), app_now(a), &id) ==
	        STORE_OK &&
	    id > 0 && !quiet)
		app_status(a, false, "Snapshot recorded: the chart's trend compares against it");
	s->changed = false;
}

static int
assess_action(struct view *v, struct app *a, enum action act)
{
	struct assess *s = (struct assess *)v;
	int page = s->body_h > 4 ? s->body_h / 3 : 1;

	refresh(s, a);
	if (s->role->nstmts == 0 && act != ACT_BACK)
		return VR_NONE;
	switch (act) {
	case ACT_RATE1:
	case ACT_RATE2:
	case ACT_RATE3:
	case ACT_RATE4:
	case ACT_RATE5:
		return rate(s, a, (int)(act - ACT_RATE1) + 1);
	case ACT_CLEAR:
		return rate(s, a, 0);
	case ACT_UP:
	case ACT_WHEEL_UP:
		move(s, -1, 1);
		break;
	case ACT_DOWN:
	case ACT_WHEEL_DOWN:
		move(s, 1, 1);
		break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		move(s, -1, page);
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		move(s, 1, page);
		break;
	case ACT_TOP:
		move(s, -1, (int)s->role->nstmts);
		s->top = 0;
		break;
	case ACT_BOTTOM:
		move(s, 1, (int)s->role->nstmts);
		break;
	case ACT_NOTE:
		if (a->readonly) {
			app_status(a, true, "Read-only: notes cannot be changed");
			break;
		}
		{
			const struct store_rating *r = rating_of(s, s->sel);
			app_prompt(a, "Note: ", r && r->note ? r->note : "");
		}
		break;
	case ACT_CHART:
	case ACT_HISTORY:
		snapshot(s, a, false);
		app_push(a, view_chart_new(a, s->role, act == ACT_HISTORY));
		break;
	case ACT_RELOAD:
		reload(s, a);
		break;
	case ACT_CLICK: {
		long r = (long)s->top + (a->mouse_row - s->body_top);
		if (a->mouse_row >= s->body_top && r < (long)s->nrows && s->rows[r].stmt >= 0)
			s->sel = s->rows[r].stmt;
		break;
	}
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
	store_ratings_free(s->ratings, s->nratings);
	free(s->rows);
	free(s);
}

static const struct view_ops assess_ops = {
	.name = "assessment",
	.ctx = CTX_ASSESS,
	.hints = "?:help 1-5:rate 0:clear e:note v:chart H:history q:back",
	.title = assess_title,
	.info = assess_info,
	.draw = assess_draw,
	.action = assess_action,
	.input = assess_input,
	.free = assess_free,
};

struct view *
view_assess_new(struct app *a, struct role *role)
{
	struct assess *s = xcalloc(1, sizeof *s);

	s->v.ops = &assess_ops;
	s->app = a;
	s->role = role;
	/* start at the first statement in screen order */
	s->sel = role->nstmts ? 0 : -1;
	for (long i = 0; i < (long)role->nstmts; i++)
		if (role->stmts[i].area < role->stmts[s->sel].area)
			s->sel = i;
	return &s->v;
}
