/*
 * view_review.c - the chairs' review screen: every profile and role in
 * the database with checklist progress, the candidate's own averages and
 * the reviewers' averages per skill area, and the readiness verdict.
 * s sorts, / filters, Enter opens the candidate's ratings side by side
 * with the reviewers' (and lets the chair rate as reviewer).
 */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "due.h"
#include "export.h"
#include "lines.h"
#include "listnav.h"
#include "readiness.h"
#include "search.h"
#include "strbuf.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

enum sort_key { SORT_PROFILE, SORT_ROLE, SORT_PROGRESS, SORT_READINESS, SORT_COUNT };

static const char *const sort_names[SORT_COUNT] = {"profile", "role", "progress", "readiness"};

struct rrow {
	char *profile;
	struct role *role; /* NULL when the role is not in the handbook */
	char *role_id;
	size_t done, total;
	struct store_rating *rt; /* every rater's */
	size_t nrt;
	struct readiness_raters by; /* every number shown: readiness's */
	char *self;		    /* "Leadership 3.4 · Objectivity 2.0 ...", or NULL */
	char *reviewers;	    /* "bob: Leadership 3.0 ...; carol: ...", or NULL */
	size_t *rev_at;		    /* where each rater's part of reviewers starts */
	size_t nrev_at;
	char *verdict;
	char *started; /* "2026-11-01 · 2 overdue: ...", NULL: no start date */
	bool late;
	bool ready;
	double progress;
	/* the candidate's lines at the last layout's width (see wrap_row) */
	struct rline *lines;
	size_t nlines, lcap;
};

/* One line of a candidate: the first names who and which role; the others
 * are a part of self, reviewers or verdict, wrapped under its label. */
struct rline {
	const char *text; /* the row's string this line shows part of, or NULL */
	size_t off, len;
	const char *label; /* "self:" on the first line of its part, or NULL */
	uint16_t style;
};

struct review {
	struct view v;
	struct rrow *rows;
	size_t nrows;
	size_t *shown; /* indices of rows passing the filter, in sort order */
	size_t nshown;
	uint64_t version;
	bool loaded;
	enum sort_key sort;
	char *filter;
	struct listnav nav; /* over shown[] */
	int body_top, body_h;
	int width; /* of the last layout, that the rows' lines are wrapped to */
};

/* Where the parts of a candidate start: the labels, then their text. */
#define LABEL_COL 4
#define TEXT_COL (LABEL_COL + 11) /* after "reviewers: " */

static void
free_row(struct rrow *row)
{
	free(row->profile);
	free(row->role_id);
	free(row->self);
	free(row->reviewers);
	free(row->verdict);
	free(row->started);
	readiness_raters_done(&row->by);
	store_ratings_free(row->rt, row->nrt);
	free(row->lines);
	free(row->rev_at);
	memset(row, 0, sizeof *row);
}

static void
free_rows(struct review *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		free_row(&r->rows[i]);
	free(r->rows);
	free(r->shown);
	r->rows = NULL;
	r->shown = NULL;
	r->nrows = r->nshown = 0;
}

/* Whether a rater rated anything of the role (1..5, counted). */
static bool
any_rated(const struct readiness *rd)
{
	for (size_t a = 0; a < rd->nareas; a++)
		if (rd->areas[a].rated > 0)
			return true;
	return false;
}

/* The candidate's start date and overdue items (due.c), for its line. */
static void
row_dates(struct app *a, struct rrow *row, const struct checklist *cl)
{
	struct due_plan p;
	struct strbuf b = {0};
	int32_t start = -1;
	enum store_origin origin;
	char date[DATES_MAX], phrase[32];
	bool pending;

	if (app_appointment_find(a, row->profile, row->role_id, &start, &origin, &pending) !=
	    STORE_OK)
		return;
	due_plan_make(&p, cl, start, dates_today(app_now(a)));
	strbuf_puts(&b, dates_day_format(start, date));
	if (origin == STORE_UNVERIFIED)
		strbuf_puts(&b, DUE_UNVERIFIED);
	if (pending)
		strbuf_puts(&b, " (" APP_UNSAVED_WORD ")");
	if (p.late == 0)
		strbuf_puts(&b, ", nothing overdue");
	else
		strbuf_printf(&b, " \xc2\xb7 %zu overdue%s", p.late,
			      p.late > 1 ? ", the oldest:" : ":");
	/* one line per candidate on a list: the oldest overdue item names
	 * what is late; the reports list every one */
	const struct due_entry *old = NULL;
	for (size_t i = 0; i < p.n; i++)
		if (p.v[i].state == DUE_LATE && (old == NULL || p.v[i].due < old->due))
			old = &p.v[i];
	if (old != NULL)
		strbuf_printf(&b, " %s (%s)", cl->v[old->index].item->text,
			      due_phrase(old->due, p.today, phrase));
	row->started = strbuf_take(&b);
	row->late = p.late > 0;
	due_plan_done(&p);
}

/* A rater's averages, and how many of their ratings no one signed. */
static char *
rated_list(const struct readiness *rd, bool ascii)
{
	char *list = readiness_area_list(rd, ascii), *mark = readiness_unverified_mark(rd);
	char *out = xasprintf("%s%s", list, mark);

	free(list);
	free(mark);
	return out;
}

/* The lines of a row, every number from readiness_by_rater(). */
static void
build_row(struct app *a, struct rrow *row)
{
	row->role = catalog_find(a->cat, row->role_id);
	if (row->role == NULL || role_load(row->role) != 0) {
		row->role = NULL;
		row->verdict = xstrdup("role not in this handbook");
		return;
	}
	app_progress_of(a, row->profile, row->role, &row->done, &row->total);
	if (a->store != NULL)
		app_ratings_get(a, row->profile, row->role_id, NULL, &row->rt, &row->nrt);
	{
		struct checklist cl; /* the prerequisites, for the verdict */
		app_checklist_load(a, &cl, row->profile, row->role, CHECKLIST_ONBOARDING);
		readiness_by_rater_cl(&row->by, row->role, row->rt, row->nrt, &cl);
		row_dates(a, row, &cl);
		checklist_done(&cl);
	}
	if (any_rated(&row->by.self.rd))
		row->self = rated_list(&row->by.self.rd, a->ascii);
	row->rev_at = xcalloc(row->by.nrev ? row->by.nrev : 1, sizeof *row->rev_at);
	if (a->store != NULL) { /* where it came from: file, signer, age (export.h) */
		char *src = export_source_text(a->store, row->profile, row->role_id, "",
					       (int64_t)time(NULL));
		if (src != NULL) {
			char *next =
			    xasprintf("%s  [%s]", row->self ? row->self : "not rated", src);
			free(row->self);
			row->self = next;
		}
		free(src);
	}
	for (size_t k = 0; k < row->by.nrev; k++) {
		const struct rater_readiness *g = &row->by.rev[k];
		char *list, *next, *src;

		if (!any_rated(&g->rd))
			continue;
		list = rated_list(&g->rd, a->ascii);
		src = a->store ? export_source_text(a->store, row->profile, row->role_id, g->rater,
						    (int64_t)time(NULL))
			       : NULL;
		row->rev_at[row->nrev_at++] = row->reviewers ? strlen(row->reviewers) + 2 : 0;
		next = xasprintf("%s%s%s%s%s%s: %s", row->reviewers ? row->reviewers : "",
				 row->reviewers ? "; " : "", g->rater, src ? " [" : "",
				 src ? src : "", src ? "]" : "", list);
		free(src);
		free(list);
		free(row->reviewers);
		row->reviewers = next;
	}
	row->verdict = xstrdup(row->by.verdict);
	row->ready = row->by.ready;
	row->progress = row->total ? (double)row->done / (double)row->total : 0;
}

static void
add_line(struct rrow *row, const char *text, size_t off, size_t len, const char *label,
	 uint16_t style)
{
	row->lines = xgrow(row->lines, &row->lcap, row->nlines + 1, sizeof *row->lines);
	row->lines[row->nlines++] = (struct rline){text, off, len, label, style};
}

/* text[from..to) wrapped into lines of `cells` cells, the label on the
 * first. */
static void
add_part(struct rrow *row, const char *label, const char *text, size_t from, size_t to, int cells,
	 uint16_t style)
{
	size_t pos = from;

	do {
		size_t next,
		    cut = text_wrap_list(text + pos, to - pos, cells < 8 ? 8 : cells, &next);
		add_line(row, text, pos, cut, pos == from ? label : NULL, style);
		pos += next ? next : to - pos;
	} while (pos < to);
}

/* A candidate's lines for a screen `width` wide: who and which role; then
 * their own averages, the reviewers' and the verdict, each wrapped under
 * its label so that every rater's average and the whole verdict show. */
static void
wrap_row(struct rrow *row, int width)
{
	const char *self = row->self ? row->self : "not rated";
	const char *rev = row->reviewers ? row->reviewers : "none yet";
	int cells = width - TEXT_COL - 1;

	row->nlines = 0;
	add_line(row, NULL, 0, 0, NULL, 0);
	add_part(row, "self:", self, 0, strlen(self), cells, STY_DIM);
	if (row->nrev_at < 2 || text_width(rev, strlen(rev)) <= cells) {
		add_part(row, "reviewers:", rev, 0, strlen(rev), cells, STY_DIM);
	} else {
		/* too long for one line: a line (or more) per reviewer */
		for (size_t k = 0; k < row->nrev_at; k++) {
			size_t to = k + 1 < row->nrev_at ? row->rev_at[k + 1] - 1 : strlen(rev);
			add_part(row, k == 0 ? "reviewers:" : NULL, rev, row->rev_at[k], to, cells,
				 STY_DIM);
		}
	}
	if (row->started != NULL)
		add_part(row, "started:", row->started, 0, strlen(row->started), cells,
			 row->late ? STY_ALERT : STY_DIM);
	add_part(row, NULL, row->verdict, 0, strlen(row->verdict), width - LABEL_COL - 3,
		 row->ready ? STY_DONE | STY_STRONG : STY_PLAIN);
}

static void
wrap_rows(struct review *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		wrap_row(&r->rows[i], r->width);
}

/* Lines candidate k of the list takes. */
static int
candidate_lines(const void *ctx, size_t k)
{
	const struct review *r = ctx;

	return (int)r->rows[r->shown[k]].nlines;
}

static struct review *sorting; /* qsort has no context argument */

static int
cmp_rows(const void *x, const void *y)
{
	const struct rrow *p = &sorting->rows[*(const size_t *)x];
	const struct rrow *q = &sorting->rows[*(const size_t *)y];
	int c = 0;

	switch (sorting->sort) {
	case SORT_ROLE:
		c = strcmp(p->role_id, q->role_id);
		break;
	case SORT_PROGRESS:
		c = p->progress < q->progress ? 1 : p->progress > q->progress ? -1 : 0;
		break;
	case SORT_READINESS:
		c = (int)q->ready - (int)p->ready;
		if (c == 0)
			c = p->progress < q->progress ? 1 : p->progress > q->progress ? -1 : 0;
		break;
	default:
		break;
	}
	if (c == 0)
		c = strcmp(p->profile, q->profile);
	if (c == 0)
		c = strcmp(p->role_id, q->role_id);
	return c;
}

static bool
passes(const struct review *r, const struct rrow *row)
{
	const char *f = r->filter;

	if (f == NULL || *f == '\0')
		return true;
	return strcasestr(row->profile, f) || strcasestr(row->role_id, f) ||
	       (row->role && strcasestr(row->role->title, f)) || strcasestr(row->verdict, f);
}

static void
arrange(struct review *r)
{
	free(r->shown);
	r->shown = xcalloc(r->nrows ? r->nrows : 1, sizeof *r->shown);
	r->nshown = 0;
	for (size_t i = 0; i < r->nrows; i++)
		if (passes(r, &r->rows[i]))
			r->shown[r->nshown++] = i;
	sorting = r;
	qsort(r->shown, r->nshown, sizeof *r->shown, cmp_rows);
	sorting = NULL;
	listnav_layout(&r->nav, r->nshown, r->body_h);
}

static void
reload(struct review *r, struct app *a)
{
	struct store_progress *p = NULL;
	size_t n = 0;

	free_rows(r);
	if (a->store && store_profiles_list(a->store, &p, &n) != STORE_OK)
		app_status(a, true, "Cannot list profiles");
	r->rows = xcalloc(n ? n : 1, sizeof *r->rows);
	for (size_t i = 0; i < n; i++) {
		struct rrow *row;
		if (p[i].role == NULL)
			continue;
		row = &r->rows[r->nrows++];
		row->profile = xstrdup(p[i].profile);
		row->role_id = xstrdup(p[i].role);
		build_row(a, row);
		/* only reading a role (a saved position) makes no candidate */
		if (row->role != NULL && row->done == 0 && row->nrt == 0) {
			free_row(row);
			r->nrows--;
		}
	}
	store_progress_free(p, n);
	r->version = app_data_version(a);
	r->loaded = true;
	if (r->width > 0)
		wrap_rows(r);
	arrange(r);
}

/* The layout step: the list below a line of heading and a blank one;
 * loads on open and when the records changed (a rating given on the
 * candidate's screen), never while drawing. */
static void
review_layout(struct view *v, struct app *a, int top, int height)
{
	struct review *r = (struct review *)v;

	if (r->width != a->cols) {
		r->width = a->cols;
		wrap_rows(r);
	}
	if (!r->loaded || app_data_version(a) != r->version)
		reload(r, a);
	r->body_top = top + 2;
	r->body_h = height - 2;
	listnav_layout(&r->nav, r->nshown, r->body_h);
}

/* A candidate's first line: who, which role (cut where it must be), and
 * the checklist's progress at the right edge (its bar goes first). */
static void
draw_head(struct app *a, struct frame *f, int y, const struct rrow *row, uint16_t sel)
{
	const char *title = row->role ? row->role->title : row->role_id;
	char *prog = NULL;
	int col, pw = 0, room;

	if (sel)
		frame_fill(f, y, 0, f->cols, ' ', sel);
	col = 2 + frame_puts_trunc(f, y, 2, row->profile, STY_STRONG | sel, 20);
	col += 2;
	if (row->total) {
		char *bar = checklist_bar(row->done, row->total, 10, a->ascii);
		prog = xasprintf("%zu/%zu %s", row->done, row->total, bar);
		pw = text_width(prog, strlen(prog));
		if (f->cols - pw - 1 - col - 2 < 8) { /* the title first */
			free(prog);
			prog = xasprintf("%zu/%zu", row->done, row->total);
			pw = text_width(prog, strlen(prog));
		}
		free(bar);
	}
	room = (prog ? f->cols - pw - 1 : f->cols) - col - 1;
	if (room > 0)
		frame_puts_trunc(f, y, col, title, STY_PLAIN | sel, room);
	if (prog != NULL) {
		frame_puts(f, y, f->cols - pw - 1, prog,
			   (row->done == row->total ? STY_DONE : STY_DIM) | sel, pw);
		free(prog);
	}
}

/* The heading: the count, the order, the filter; the keys when they fit
 * whole. */
static void
draw_heading(struct review *r, struct frame *f, int top)
{
	char *keys = keys_fill(CTX_REVIEW, " \xc2\xb7 {sort} sorts, {search} filters");
	char *head = xasprintf("%zu candidate role%s \xc2\xb7 sorted by %s%s%s", r->nshown,
			       r->nshown == 1 ? "" : "s", sort_names[r->sort],
			       r->filter && *r->filter ? " \xc2\xb7 filter: " : "",
			       r->filter && *r->filter ? r->filter : "");
	int used = frame_puts_trunc(f, top, 1, head, STY_DIM, f->cols - 2);

	if (used == text_width(head, strlen(head)) &&
	    used + text_width(keys, strlen(keys)) <= f->cols - 2)
		frame_puts(f, top, 1 + used, keys, STY_DIM, -1);
	free(keys);
	free(head);
}

static void
review_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct review *r = (struct review *)v;
	int y = r->body_top, end = r->body_top + r->body_h;

	(void)height; /* laid out by the layout step, before every draw */
	draw_heading(r, f, top);
	if (r->nshown == 0) {
		frame_puts(f, r->body_top, 2,
			   r->nrows ? "No candidate matches the filter."
				    : "No progress recorded yet: candidates appear once they tick "
				      "an item or rate.",
			   STY_PLAIN, f->cols - 3);
		return;
	}
	for (size_t k = r->nav.top; k < r->nshown && y < end; k++) {
		const struct rrow *row = &r->rows[r->shown[k]];
		uint16_t sel = (long)k == r->nav.sel ? STY_SELECT : 0;

		for (size_t i = 0; i < row->nlines && y < end; i++, y++) {
			const struct rline *l = &row->lines[i];
			/* self and reviewers under their labels, the verdict
			 * from the labels' column, going on indented */
			int col = l->text != row->verdict ? TEXT_COL
				  : l->off == 0		  ? LABEL_COL
							  : LABEL_COL + 2;
			if (l->text == NULL) {
				draw_head(a, f, y, row, sel);
				continue;
			}
			if (l->label != NULL)
				frame_puts(f, y, LABEL_COL, l->label, STY_DIM, -1);
			frame_put(f, y, col, l->text + l->off, l->len, l->style, f->cols - col - 1);
		}
	}
}

static char *
review_title(struct view *v, struct app *a)
{
	return xstrdup("Review");
}

static char *
review_info(struct view *v, struct app *a)
{
	struct review *r = (struct review *)v;

	return r->nav.sel >= 0 ? xasprintf("%ld/%zu", r->nav.sel + 1, r->nshown) : NULL;
}

static int
review_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct review *r = (struct review *)v;

	free(r->filter);
	r->filter = text && *text ? xstrdup(text) : NULL;
	r->nav.sel = 0;
	r->nav.top = 0;
	arrange(r);
	return VR_REDRAW;
}

static int
review_action(struct view *v, struct app *a, enum action act)
{
	struct review *r = (struct review *)v;
	size_t n;

	review_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	n = r->nshown;
	if (listnav_act(&r->nav, act))
		return VR_REDRAW;
	switch (act) {
	case ACT_SORT:
		r->sort = (enum sort_key)((r->sort + 1) % SORT_COUNT);
		arrange(r);
		app_status(a, false, "Sorted by %s", sort_names[r->sort]);
		break;
	case ACT_SEARCH:
		app_prompt(a, "Filter: ", r->filter ? r->filter : "");
		break;
	case ACT_RELOAD:
		reload(r, a);
		app_status(a, false, "Reloaded");
		break;
	case ACT_CLICK:
		/* a second click on the selected candidate opens it */
		if (listnav_click(&r->nav, a->mouse_row - r->body_top) == LISTNAV_AGAIN)
			return review_action(v, a, ACT_OPEN);
		break;
	case ACT_OPEN: {
		const struct rrow *row;
		if (n == 0 || r->nav.sel < 0)
			break;
		row = &r->rows[r->shown[r->nav.sel]];
		if (row->role == NULL) {
			app_status(a, true, "The role %s is not in this handbook", row->role_id);
			break;
		}
		if (row->role->nstmts == 0) {
			app_status(a, false, "%s names no skill areas to rate", row->role->title);
			break;
		}
		app_request(a, &(struct nav_request){.kind = NAV_ASSESS,
						     .role = row->role,
						     .profile = row->profile,
						     .rater = a->reviewer});
		if (a->readonly)
			app_status(a, false, "Read-only: ratings can be read, not changed");
		break;
	}
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static void
review_free(struct view *v)
{
	struct review *r = (struct review *)v;

	free_rows(r);
	free(r->filter);
	free(r);
}

/* The footer, most important first (see struct view_hint). */
static size_t
review_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct review *r = (struct review *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (r->nshown > 0)
		out[n++] = (struct view_hint){ACT_OPEN, ACT_NONE, false, "candidate", HINT_HIGH};
	if (r->nrows > 1)
		out[n++] = (struct view_hint){ACT_SORT, ACT_NONE, false, "sort", HINT_MID};
	out[n++] = (struct view_hint){ACT_SEARCH, ACT_NONE, false, "filter", HINT_MID};
	out[n++] = (struct view_hint){ACT_RELOAD, ACT_NONE, false, "reload", HINT_LOW};
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops review_ops = {
    .name = "review",
    .ctx = CTX_REVIEW,
    .hints = review_hints,
    .title = review_title,
    .info = review_info,
    .layout = review_layout,
    .draw = review_draw,
    .action = review_action,
    .input = review_input,
    .free = review_free,
};

struct view *
view_review_new(struct app *a)
{
	struct review *r = xcalloc(1, sizeof *r);

	r->v.ops = &review_ops;
	listnav_init(&r->nav);
	r->nav.lines = candidate_lines;
	r->nav.ctx = r;
	reload(r, a);
	return &r->v;
}
