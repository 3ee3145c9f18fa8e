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
	char *profile;  /* whose assessment */
	char *rater;    /* who rates here: "" for the profile itself */
	struct store_rating *ratings; /* this rater's */
	size_t nratings;
	struct store_rating *all; /* every rater's, for the side-by-side columns */
	size_t nall;
	char **raters;  /* column order: "" (self) first, then reviewers by name */
	size_t nraters;
	uint64_t version;
	bool loaded, changed;
	long sel; /* statement index */
	size_t top;
	struct arow *rows;
	size_t nrows, rcap;
	int body_top, body_h;
};

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void
reload(struct assess *s, struct app *a)
{
	enum store_status st = STORE_OK;

	store_ratings_free(s->ratings, s->nratings);
	store_ratings_free(s->all, s->nall);
	for (size_t i = 0; i < s->nraters; i++)
		free(s->raters[i]);
	free(s->raters);
	s->ratings = s->all = NULL;
	s->nratings = s->nall = 0;
	if (a->store)
		st = store_ratings_get(a->store, s->profile, s->role->id, NULL, &s->all, &s->nall);
	if (st != STORE_OK)
		app_status(a, true, "Cannot read ratings: %s", store_strerror(st));
	/* this rater's own ratings, and the columns: self, then reviewers */
	s->ratings = xcalloc(s->nall ? s->nall : 1, sizeof *s->ratings);
	s->raters = xcalloc(s->nall + 2, sizeof *s->raters);
	s->nraters = 0;
	s->raters[s->nraters++] = xstrdup("");
	if (*s->rater)
		s->raters[s->nraters++] = xstrdup(s->rater);
	for (size_t i = 0; i < s->nall; i++) {
		bool known = false;
		if (strcmp(s->all[i].rater, s->rater) == 0) {
			struct store_rating *r = &s->ratings[s->nratings++];
			*r = s->all[i];
			r->rater = xstrdup(r->rater);
			r->statement_id = xstrdup(r->statement_id);
			r->area = xstrdup(r->area ? r->area : "");
			r->text = xstrdup(r->text ? r->text : "");
			r->note = r->note ? xstrdup(r->note) : NULL;
		}
		for (size_t k = 0; k < s->nraters; k++)
			known |= strcmp(s->raters[k], s->all[i].rater) == 0;
		if (!known)
			s->raters[s->nraters++] = xstrdup(s->all[i].rater);
	}
	if (s->nraters > 2)
		qsort(s->raters + 1, s->nraters - 1, sizeof *s->raters, cmp_str);
	s->version = a->store ? store_data_version(a->store) : 0;
	s->loaded = true;
}

static void
refresh(struct assess *s, struct app *a)
{
	if (!s->loaded || (a->store && store_data_version(a->store) != s->version))
		reload(s, a);
}

/* The value rater gave statement stmt, 0 when none. */
static int
value_by(const struct assess *s, const char *who, long stmt)
{
	const char *id = s->role->stmts[stmt].id;

	for (size_t i = 0; i < s->nall; i++)
		if (strcmp(s->all[i].statement_id, id) == 0 && strcmp(s->all[i].rater, who) == 0)
			return s->all[i].value;
	return 0;
}

/* Ratings 2 or more points apart among the columns. */
static bool
disagree(const struct assess *s, long stmt)
{
	int lo = 6, hi = 0;

	for (size_t k = 0; k < s->nraters; k++) {
		int v = value_by(s, s->raters[k], stmt);
		if (v == 0)
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	return hi - lo >= 2;
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
			do {
				size_t next, cut = text_wrap(t + pos, len - pos, width, &next);
				add_row(s, (long)i, (long)a, pos, cut, first, false);
				first = false;
				pos += next;
			} while (pos < len);
			r = rating_of(s, (long)i);
			if (r && r->note && *r->note)
				add_row(s, (long)i, (long)a, 0, 0, false, true);
		}
	}
}

/* Where statement text starts: after one rating column per rater. */
static int
text_col(const struct assess *s)
{
	return 2 + (int)(s->nraters ? s->nraters : 1) * 5 + 1;
}

static void
assess_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct assess *s = (struct assess *)v;
	struct readiness rd;
	int tw;

	refresh(s, a);
	s->body_top = top + 2;
	s->body_h = height - 2;
	tw = f->cols - text_col(s) - 1;
	layout(s, tw > 10 ? tw : 10);
	if (s->nraters > 1) {
		/* column labels: self, then each reviewer */
		for (size_t k = 0; k < s->nraters; k++)
			frame_puts_trunc(f, top + 1, 2 + (int)k * 5, *s->raters[k] ? s->raters[k] : "self",
			                 strcmp(s->raters[k], s->rater) == 0 ? STY_STRONG : STY_DIM, 4);
	}
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
		if (r->stmt < 0 && r->area >= 0 && s->nraters > 1) {
			/* every rater's average side by side */
			char *line = xstrdup(s->role->areas[r->area].name);
			for (size_t k = 0; k < s->nraters; k++) {
				double sum = 0;
				int n = 0;
				char *next;
				for (size_t j = 0; j < s->role->nstmts; j++) {
					int val;
					if (s->role->stmts[j].area != (size_t)r->area)
						continue;
					val = value_by(s, s->raters[k], (long)j);
					sum += val;
					n += val > 0;
				}
				if (n)
					next = xasprintf("%s  %s %.1f", line, *s->raters[k] ? s->raters[k] : "self",
					                 sum / n);
				else
					next = xasprintf("%s  %s -", line, *s->raters[k] ? s->raters[k] : "self");
				free(line);
				line = next;
			}
			frame_puts_trunc(f, row, 1, line, STY_HEADING, f->cols - 2);
			free(line);
		} else if (r->stmt < 0 && r->area >= 0) {
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
			int tc = text_col(s);
			if (r->note) {
				char *n = xasprintf("note: %s", rt->note);
				frame_puts_trunc(f, row, tc, n, STY_DIM | st, f->cols - tc - 1);
				free(n);
			} else {
				if (r->first) {
					bool apart = s->nraters > 1 && disagree(s, r->stmt);
					for (size_t k = 0; k < s->nraters; k++) {
						char box[16];
						int val = value_by(s, s->raters[k], r->stmt);
						bool mine = strcmp(s->raters[k], s->rater) == 0;
						uint16_t bs = val ? STY_STRONG : STY_DIM;
						if (val > 0)
							snprintf(box, sizeof box, mine ? "[%d]" : " %d ", val);
						else
							snprintf(box, sizeof box, mine ? "[ ]" : " - ");
						if (apart && val > 0)
							bs = STY_ALERT | STY_STRONG;
						frame_puts(f, row, 2 + (int)k * 5, box, bs | st, 3);
					}
					/* two points apart: marked for monochrome too */
					if (apart)
						frame_puts(f, row, tc - 2, "!", STY_ALERT | STY_STRONG, 1);
				}
				frame_put(f, row, tc, s->role->stmts[r->stmt].text + r->off, r->len,
				          STY_PLAIN | st, f->cols - tc - 1);
			}
		}
	}
	readiness_done(&rd);
}

static char *
assess_title(struct view *v, struct app *a)
{
	struct assess *s = (struct assess *)v;

	if (*s->rater)
		return xasprintf("%s %s Review of %s by %s", s->role->title, a->ascii ? ">" : "\xe2\x80\xba",
		                 s->profile, s->rater);
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

static long step(const struct assess *s, long from, int dir);

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
	rc = store_rating_set(a->store, s->profile, s->role->id, s->rater, st->id,
	                      s->role->areas[st->area].name, st->text, value, app_now(a));
	if (rc != STORE_OK) {
		app_status(a, true, "Not saved: %s", store_strerror(rc));
		return VR_REDRAW;
	}
	s->changed = true;
	reload(s, a);
	{
		long next = step(s, s->sel, 1);
		if (next >= 0)
			s->sel = next;
		else
			app_status(a, false, "Every statement has been seen: v shows the chart and readiness");
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
	rc = store_rating_set_note(a->store, s->profile, s->role->id, s->rater, st->id,
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
	if (store_snapshot_take(a->store, s->profile, s->role->id, s->rater, app_now(a), &id) ==
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
		app_request(a, &(struct nav_request){.kind = act == ACT_HISTORY ? NAV_HISTORY : NAV_CHART,
		                                     .role = s->role, .profile = s->profile,
		                                     .rater = s->rater});
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
	store_ratings_free(s->all, s->nall);
	for (size_t i = 0; i < s->nraters; i++)
		free(s->raters[i]);
	free(s->raters);
	free(s->profile);
	free(s->rater);
	free(s->rows);
	free(s);
}

/* in footer order, most important first (see struct view_hint) */
static const struct view_hint assess_hints[] = {
	{"?:help", true},
	{"1-5:rate", false},
	{"0:clear", false},
	{"e:note", false},
	{"v:chart", false},
	{"H:history", false},
	{"q:back", true},
	{NULL, false},
};

static const struct view_ops assess_ops = {
	.name = "assessment",
	.ctx = CTX_ASSESS,
	.hints = assess_hints,
	.title = assess_title,
	.info = assess_info,
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
	/* start at the first statement in screen order */
	s->sel = role->nstmts ? 0 : -1;
	for (long i = 0; i < (long)role->nstmts; i++)
		if (role->stmts[i].area < role->stmts[s->sel].area)
			s->sel = i;
	return &s->v;
}
