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

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "lines.h"
#include "readiness.h"
#include "search.h"
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
	char *self;      /* "Leadership 3.4 · Objectivity 2.0 ..." */
	char *reviewers; /* the same over every reviewer's ratings, or NULL */
	char *verdict;
	bool ready;
	double progress;
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
	size_t sel, top;
	int body_top, body_h;
};

static void
free_rows(struct review *r)
{
	for (size_t i = 0; i < r->nrows; i++) {
		free(r->rows[i].profile);
		free(r->rows[i].role_id);
		free(r->rows[i].self);
		free(r->rows[i].reviewers);
		free(r->rows[i].verdict);
	}
	free(r->rows);
	free(r->shown);
	r->rows = NULL;
	r->shown = NULL;
	r->nrows = r->nshown = 0;
}

/* "Leadership 3.4 · Objectivity -" for the ratings of one kind. */
static char *
averages(const struct role *role, const struct store_rating *rt, size_t n, bool reviewers)
{
	char *out = xstrdup("");
	bool any = false;

	for (size_t a = 0; a < role->nareas; a++) {
		double sum = 0;
		int cnt = 0;
		char *next;
		for (size_t i = 0; i < n; i++)
			if ((*rt[i].rater != '\0') == reviewers && rt[i].value > 0 &&
			    strcmp(rt[i].area, role->areas[a].name) == 0) {
				sum += rt[i].value;
				cnt++;
			}
		any |= cnt > 0;
		next = cnt ? xasprintf("%s%s%s %.1f", out, a ? " \xc2\xb7 " : "", role->areas[a].name,
		                       sum / cnt)
		           : xasprintf("%s%s%s -", out, a ? " \xc2\xb7 " : "", role->areas[a].name);
		free(out);
		out = next;
	}
	if (!any) {
		free(out);
		return NULL;
	}
	return out;
}

static void
build_row(struct review *r, struct app *a, struct rrow *row)
{
	struct store_rating *rt = NULL;
	size_t n = 0;
	struct readiness rd;

	row->role = catalog_find(a->cat, row->role_id);
	if (row->role == NULL || role_load(row->role) != 0) {
		row->role = NULL;
		row->verdict = xstrdup("role not in this handbook");
		return;
	}
	app_progress_of(a, row->profile, row->role, &row->done, &row->total);
	store_ratings_get(a->store, row->profile, row->role_id, NULL, &rt, &n);
	row->self = averages(row->role, rt, n, false);
	row->reviewers = averages(row->role, rt, n, true);
	{
		/* readiness from the candidate's own ratings */
		struct store_rating *self = xcalloc(n ? n : 1, sizeof *self);
		size_t ns = 0;
		for (size_t i = 0; i < n; i++)
			if (*rt[i].rater == '\0')
				self[ns++] = rt[i];
		readiness_compute(&rd, row->role, self, ns, row->done, row->total);
		free(self);
	}
	row->verdict = xstrdup(rd.verdict);
	row->ready = rd.ready;
	row->progress = row->total ? (double)row->done / (double)row->total : 0;
	readiness_done(&rd);
	store_ratings_free(rt, n);
	(void)r;
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
	if (r->sel >= r->nshown)
		r->sel = r->nshown ? r->nshown - 1 : 0;
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
		build_row(r, a, row);
		/* only reading a role (a saved position) makes no candidate */
		if (row->role != NULL && row->done == 0 && row->self == NULL && row->reviewers == NULL) {
			free(row->profile);
			free(row->role_id);
			free(row->verdict);
			memset(row, 0, sizeof *row);
			r->nrows--;
		}
	}
	store_progress_free(p, n);
	r->version = a->store ? store_data_version(a->store) : 0;
	r->loaded = true;
	arrange(r);
}

static void
refresh(struct review *r, struct app *a)
{
	if (!r->loaded || (a->store && store_data_version(a->store) != r->version))
		reload(r, a);
}

static void
review_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct review *r = (struct review *)v;
	int per = 4, visible;
	char head[200];

	refresh(r, a);
	snprintf(head, sizeof head, "%zu candidate role%s \xc2\xb7 sorted by %s%s%s%s", r->nshown,
	         r->nshown == 1 ? "" : "s", sort_names[r->sort], r->filter && *r->filter ? " \xc2\xb7 filter: " : "",
	         r->filter && *r->filter ? r->filter : "", " \xc2\xb7 s sorts, / filters");
	frame_puts_trunc(f, top, 1, head, STY_DIM, f->cols - 2);
	r->body_top = top + 2;
	r->body_h = height - 2;
	visible = r->body_h / per;
	if (visible < 1)
		visible = 1;
	if (r->nshown == 0) {
		frame_puts(f, r->body_top, 2,
		           r->nrows ? "No candidate matches the filter." :
		                      "No progress recorded yet: candidates appear once they tick an item or rate.",
		           STY_PLAIN, f->cols - 3);
		return;
	}
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + (size_t)visible)
		r->top = r->sel - (size_t)visible + 1;
	for (int i = 0; i < visible; i++) {
		size_t k = r->top + (size_t)i;
		const struct rrow *row;
		int y = r->body_top + i * per, col;
		uint16_t sel;
		char *line;

		if (k >= r->nshown)
			break;
		row = &r->rows[r->shown[k]];
		sel = k == r->sel ? STY_SELECT : 0;
		if (sel)
			frame_fill(f, y, 0, f->cols, ' ', sel);
		col = 2 + frame_puts_trunc(f, y, 2, row->profile, STY_STRONG | sel, 20);
		col += 2;
		col += frame_puts_trunc(f, y, col, row->role ? row->role->title : row->role_id,
		                        STY_PLAIN | sel, 24);
		if (row->total) {
			char *bar = checklist_bar(row->done, row->total, 10, a->ascii);
			line = xasprintf("%zu/%zu %s", row->done, row->total, bar);
			frame_puts(f, y, f->cols - text_width(line, strlen(line)) - 1, line,
			           (row->done == row->total ? STY_DONE : STY_DIM) | sel, -1);
			free(line);
			free(bar);
		}
		line = xasprintf("self:      %s", row->self ? row->self : "not rated");
		frame_puts_trunc(f, y + 1, 4, line, STY_DIM, f->cols - 5);
		free(line);
		line = xasprintf("reviewers: %s", row->reviewers ? row->reviewers : "none yet");
		frame_puts_trunc(f, y + 2, 4, line, STY_DIM, f->cols - 5);
		free(line);
		frame_puts_trunc(f, y + 3, 4, row->verdict, row->ready ? STY_DONE | STY_STRONG : STY_PLAIN,
		                 f->cols - 5);
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

	return r->nshown ? xasprintf("%zu/%zu", r->sel + 1, r->nshown) : NULL;
}

static int
review_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct review *r = (struct review *)v;

	free(r->filter);
	r->filter = text && *text ? xstrdup(text) : NULL;
	r->sel = 0;
	r->top = 0;
	arrange(r);
	return VR_REDRAW;
}

static int
review_action(struct view *v, struct app *a, enum action act)
{
	struct review *r = (struct review *)v;
	size_t n;

	refresh(r, a);
	n = r->nshown;
	switch (act) {
	case ACT_UP:
	case ACT_WHEEL_UP:
		if (r->sel > 0)
			r->sel--;
		break;
	case ACT_DOWN:
	case ACT_WHEEL_DOWN:
		if (r->sel + 1 < n)
			r->sel++;
		break;
	case ACT_PAGE_UP:
		r->sel = r->sel > 5 ? r->sel - 5 : 0;
		break;
	case ACT_PAGE_DOWN:
		r->sel = r->sel + 5 < n ? r->sel + 5 : (n ? n - 1 : 0);
		break;
	case ACT_TOP:
		r->sel = 0;
		break;
	case ACT_BOTTOM:
		r->sel = n ? n - 1 : 0;
		break;
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
		break;
	case ACT_CLICK: {
		int k = (a->mouse_row - r->body_top) / 4;
		if (a->mouse_row >= r->body_top && r->top + (size_t)k < n)
			r->sel = r->top + (size_t)k;
		break;
	}
	case ACT_OPEN: {
		const struct rrow *row;
		if (n == 0)
			break;
		row = &r->rows[r->shown[r->sel]];
		if (row->role == NULL) {
			app_status(a, true, "The role %s is not in this handbook", row->role_id);
			break;
		}
		if (row->role->nstmts == 0) {
			app_status(a, false, "%s names no skill areas to rate", row->role->title);
			break;
		}
		app_request(a, &(struct nav_request){.kind = NAV_ASSESS, .role = row->role,
		                                     .profile = row->profile, .rater = a->reviewer});
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

/* in footer order, most important first (see struct view_hint) */
static const struct view_hint review_hints[] = {
	{"?:help", true},
	{"Enter:candidate", false},
	{"s:sort", false},
	{"/:filter", false},
	{"r:reload", false},
	{"q:back", true},
	{NULL, false},
};

static const struct view_ops review_ops = {
	.name = "review",
	.ctx = CTX_REVIEW,
	.hints = review_hints,
	.title = review_title,
	.info = review_info,
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
	(void)a;
	return &r->v;
}
