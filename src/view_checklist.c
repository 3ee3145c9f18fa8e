/*
 * view_checklist.c - a role's onboarding checklist, or (Tab) its
 * offboarding one: items grouped under their sub-headings, ticked with
 * Space or x, each with an optional note (v reads it whole) and the date
 * it was done; progress in the header.  Enter reads the section of the
 * role that explains the selected item, o opens the item's link.
 *
 * Every change goes to the store first and is shown only once it is
 * committed; the list is re-read from the store after each change and
 * whenever another process has changed the database (checked on every
 * draw through store_data_version), so two copies of rolebook agree.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "due.h"
#include "lines.h"
#include "listnav.h"
#include "open_link.h"
#include "strbuf.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

/* Item text starts here: number, box, a space (room for ASCII "[x]"). */
#define TEXT_COL 7

enum row_kind { ROW_GROUP, ROW_ITEM, ROW_DETAIL, ROW_BLANK, ROW_STALE_HEAD, ROW_STALE };

struct row {
	enum row_kind kind;
	long item;	 /* index into the checklist (items) or stale list */
	size_t off, len; /* the slice of the text shown on this row */
	bool first;	 /* first row of its item */
};

struct clview {
	struct view v;
	struct role *role;
	struct checklist cl;
	enum checklist_list list;
	bool loaded;
	uint64_t version;
	bool hide_done;
	long sel; /* selected item (index into cl.v), -1 none */
	/* rows of the last layout */
	struct row *rows;
	size_t nrows, rcap;
	/* the list's entries: an item with the heading above it, its
	 * detail row and any blank row below, or an item of the stale
	 * progress (not selectable); each the rows from ent_row[k] to the
	 * next one */
	size_t *ent_row;
	long *ent_item; /* item of each entry, -1 for stale ones */
	size_t nent, ecap;
	struct listnav nav;
	int width, body_top, body_h;
	struct due_plan plan; /* due dates, from the appointment (due.c) */
	bool prompt_start;    /* the prompt open is the start date's */
	bool start_pending;   /* the start date shown waits for the database */
	/* o again on the same item: its next link */
	const struct check_item *link_item;
	size_t link_at;
};

/* The due plan of the checklist as loaded, as of today (the app's clock). */
static void
due_reload(struct clview *c, struct app *a)
{
	int32_t start = -1;
	enum store_origin origin = STORE_LOCAL;

	due_plan_done(&c->plan);
	c->start_pending = false;
	/* offboarding has no due dates: they count from the appointment */
	if (c->list == CHECKLIST_ONBOARDING)
		app_appointment_find(a, a->profile, c->role->id, &start, &origin,
				     &c->start_pending);
	due_plan_make(&c->plan, &c->cl, start, dates_today(app_now(a)));
	c->plan.unverified = origin == STORE_UNVERIFIED;
}

/* Item i is open and has a due date. */
static bool
due_open(const struct clview *c, size_t i)
{
	return c->plan.by_item != NULL && i < c->plan.nitems && c->plan.by_item[i] >= 0 &&
	       !c->cl.v[i].done;
}

static void
reload(struct clview *c, struct app *a)
{
	enum store_status s;

	checklist_done(&c->cl);
	s = app_checklist_load(a, &c->cl, a->profile, c->role, c->list);
	if (s != STORE_OK)
		app_status(a, true, "Cannot read progress: %s", store_strerror(s));
	due_reload(c, a);
	c->version = app_data_version(a);
	c->loaded = true;
}

static void
refresh(struct clview *c, struct app *a)
{
	if (!c->loaded || app_data_version(a) != c->version)
		reload(c, a);
}

static bool
visible(const struct clview *c, size_t i)
{
	return !(c->hide_done && c->cl.v[i].done);
}

static void
add_row(struct clview *c, enum row_kind kind, long item, size_t off, size_t len, bool first)
{
	struct row *r;

	c->rows = xgrow(c->rows, &c->rcap, c->nrows + 1, sizeof *c->rows);
	r = &c->rows[c->nrows++];
	r->kind = kind;
	r->item = item;
	r->off = off;
	r->len = len;
	r->first = first;
}

/* Splits text into rows of at most width cells, at spaces where possible. */
static void
wrap_rows(struct clview *c, enum row_kind kind, long item, const char *text, int width)
{
	size_t len = strlen(text), pos = 0;
	bool first = true;

	if (width < 4)
		width = 4;
	do {
		size_t next, cut = text_wrap(text + pos, len - pos, width, &next);
		add_row(c, kind, item, pos, cut, first);
		first = false;
		pos += next;
	} while (pos < len);
}

static void
layout(struct clview *c, struct app *a, int width)
{
	const char *group = NULL;

	c->nrows = 0;
	c->width = width;
	for (size_t i = 0; i < c->cl.n; i++) {
		const struct checklist_entry *e = &c->cl.v[i];
		const char *g = e->item->group;

		if (!visible(c, i))
			continue;
		if (g != NULL && (group == NULL || strcmp(g, group) != 0)) {
			if (c->nrows > 0)
				add_row(c, ROW_BLANK, -1, 0, 0, true);
			add_row(c, ROW_GROUP, -1, 0, 0, true);
			c->rows[c->nrows - 1].item = (long)i;
			group = g;
		}
		wrap_rows(c, ROW_ITEM, (long)i, e->item->text, width - TEXT_COL);
		if (e->item->required || due_open(c, i) ||
		    (e->rec != NULL &&
		     (e->done || e->rec->pending || (e->rec->note && *e->rec->note))))
			add_row(c, ROW_DETAIL, (long)i, 0, 0, true);
	}
	if (c->cl.nstale > 0) {
		add_row(c, ROW_BLANK, -1, 0, 0, true);
		add_row(c, ROW_STALE_HEAD, -1, 0, 0, true);
		for (size_t k = 0; k < c->cl.nstale; k++)
			wrap_rows(c, ROW_STALE, (long)k, c->cl.stale[k]->text, width - TEXT_COL);
	}
	(void)a;
}

static void
ensure_sel(struct clview *c)
{
	if (c->sel >= 0 && (size_t)c->sel < c->cl.n && visible(c, (size_t)c->sel))
		return;
	/* the nearest visible item after, else before */
	for (long i = c->sel < 0 ? 0 : c->sel; i < (long)c->cl.n; i++)
		if (visible(c, (size_t)i)) {
			c->sel = i;
			return;
		}
	for (long i = c->sel < (long)c->cl.n ? c->sel : (long)c->cl.n - 1; i >= 0; i--)
		if (visible(c, (size_t)i)) {
			c->sel = i;
			return;
		}
	c->sel = -1;
}

/* Groups the rows into the list's entries (see struct clview). */
static void
entries(struct clview *c)
{
	long lead = -1; /* the first row of headings waiting for their entry */

	c->nent = 0;
	for (size_t r = 0; r < c->nrows; r++) {
		const struct row *w = &c->rows[r];
		/* a heading goes with the entry below it, the blank row
		 * before it with the entry above */
		if (w->kind == ROW_GROUP || w->kind == ROW_STALE_HEAD ||
		    (w->kind == ROW_BLANK && c->nent == 0)) {
			if (lead < 0)
				lead = (long)r;
		} else if ((w->kind == ROW_ITEM || w->kind == ROW_STALE) && w->first) {
			size_t cap = c->ecap;
			c->ent_row = xgrow(c->ent_row, &cap, c->nent + 1, sizeof *c->ent_row);
			c->ent_item =
			    xgrow(c->ent_item, &c->ecap, c->nent + 1, sizeof *c->ent_item);
			c->ent_row[c->nent] = lead >= 0 ? (size_t)lead : r;
			c->ent_item[c->nent++] = w->kind == ROW_ITEM ? w->item : -1;
			lead = -1;
		}
	}
}

static int
entry_lines(const void *ctx, size_t k)
{
	const struct clview *c = ctx;
	size_t end = k + 1 < c->nent ? c->ent_row[k + 1] : c->nrows;

	return (int)(end - c->ent_row[k]);
}

static bool
entry_selectable(const void *ctx, size_t k)
{
	return ((const struct clview *)ctx)->ent_item[k] >= 0;
}

/* The layout step: the rows at the width, the entries, and the list on
 * screen with the selected item in view. */
static void
prepare(struct clview *c, struct app *a, int top, int height)
{
	refresh(c, a);
	ensure_sel(c);
	c->body_top = top + 2;
	c->body_h = height - 2;
	if (c->body_h < 1)
		c->body_h = 1;
	layout(c, a, a->cols - 2);
	entries(c);
	c->nav.sel = -1;
	for (size_t k = 0; k < c->nent; k++)
		if (c->ent_item[k] == c->sel)
			c->nav.sel = (long)k;
	listnav_layout(&c->nav, c->nent, c->body_h);
	c->sel = c->nav.sel >= 0 ? c->ent_item[c->nav.sel] : -1;
}

static void
cl_layout(struct view *v, struct app *a, int top, int height)
{
	prepare((struct clview *)v, a, top, height);
}

/* After the header's counts: the start date and, in the alert style, how
 * many are overdue. */
static void
draw_started(struct clview *c, struct frame *f, int top, int col)
{
	char date[DATES_MAX], buf[96];

	snprintf(buf, sizeof buf, " \xc2\xb7 started %s%s%s", dates_day_format(c->plan.start, date),
		 c->plan.unverified ? DUE_UNVERIFIED : "",
		 c->start_pending ? " (" APP_UNSAVED_WORD ")" : "");
	col += frame_puts(f, top, col, buf, STY_DIM, f->cols - col - 1);
	if (c->plan.late > 0) {
		snprintf(buf, sizeof buf, "%zu overdue", c->plan.late);
		col += frame_puts(f, top, col, " \xc2\xb7 ", STY_DIM, f->cols - col - 1);
		frame_puts(f, top, col, buf, STY_ALERT, f->cols - col - 1);
	}
}

/* An open item's due date on its detail row: "due 2026-11-08, in 5 days";
 * overdue ones start with "!" and take the alert style, so that they
 * stand out in monochrome and in ASCII too.  Returns the column after it. */
static int
draw_due(struct clview *c, struct frame *f, int row, size_t i)
{
	int32_t due = c->plan.by_item[i];
	enum due_state st = due_state_of(due, c->plan.today);
	char date[DATES_MAX], phrase[32], buf[96];

	snprintf(buf, sizeof buf, "%sdue %s, %s", st == DUE_LATE ? "! " : "",
		 dates_day_format(due, date), due_phrase(due, c->plan.today, phrase));
	return TEXT_COL + frame_puts(f, row, TEXT_COL, buf,
				     st == DUE_LATE   ? STY_ALERT
				     : st == DUE_SOON ? STY_MARKER
						      : STY_DIM,
				     f->cols - TEXT_COL - 1);
}

static void
cl_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct clview *c = (struct clview *)v;
	char head[160];

	(void)height; /* laid out by the layout step, before every draw */
	snprintf(head, sizeof head, "%zu of %zu done%s%s", c->cl.done, c->cl.n,
		 c->hide_done ? " \xc2\xb7 done items hidden (h shows them)" : "",
		 a->readonly ? " \xc2\xb7 read-only" : "");
	frame_puts(f, top, 1, head, a->readonly ? STY_ALERT : STY_DIM, f->cols - 2);
	if (c->plan.started)
		draw_started(c, f, top, 1 + text_width(head, strlen(head)));
	if (c->cl.n == 0) {
		frame_puts(f, c->body_top, 2,
			   c->list == CHECKLIST_OFFBOARDING
			       ? "This role has no offboarding checklist."
			       : "This role has no onboarding checklist (no task list).",
			   STY_PLAIN, -1);
		return;
	}
	if (c->nrows == 0)
		frame_puts(f, c->body_top, 2, "Every item is done and hidden; h shows them.",
			   STY_PLAIN, -1);
	for (int i = 0; i < c->body_h && c->nent > 0; i++) {
		size_t ri = c->ent_row[c->nav.top] + (size_t)i;
		int row = c->body_top + i;
		const struct row *r;

		if (ri >= c->nrows)
			break;
		r = &c->rows[ri];
		switch (r->kind) {
		case ROW_BLANK:
			break;
		case ROW_GROUP:
			frame_puts(f, row, 1, c->cl.v[r->item].item->group, STY_HEADING,
				   f->cols - 2);
			break;
		case ROW_ITEM: {
			const struct checklist_entry *e = &c->cl.v[r->item];
			bool sel = r->item == c->sel;
			uint16_t st = sel ? STY_SELECT : 0;
			if (sel)
				frame_fill(f, row, 0, f->cols, ' ', STY_SELECT);
			if (r->first) {
				char num[24];
				snprintf(num, sizeof num, "%2ld", r->item + 1);
				frame_puts(f, row, 0, num, STY_DIM | st, 2);
				frame_puts(f, row, 3,
					   e->done ? (a->ascii ? "[x]" : "\xe2\x98\x91")
						   : (a->ascii ? "[ ]" : "\xe2\x98\x90"),
					   (e->done ? STY_DONE : STY_MARKER) | st, 3);
				if (e->rec != NULL && e->rec->pending) /* waits to be saved */
					frame_puts(f, row, 2, APP_UNSAVED_MARK, STY_ALERT | st, 1);
			}
			frame_put(f, row, TEXT_COL, e->item->text + r->off, r->len,
				  (e->done ? STY_DONE : STY_PLAIN) | st, f->cols - TEXT_COL - 1);
			break;
		}
		case ROW_DETAIL: {
			const struct checklist_entry *e = &c->cl.v[r->item];
			const char *sep = " \xc2\xb7 "; /* "|" in ASCII (theme_ascii) */
			char date[DATES_MAX];
			struct strbuf b = {0};
			char *line;
			int col = TEXT_COL;

			if (due_open(c, (size_t)r->item))
				col = draw_due(c, f, row, (size_t)r->item);
			/* a prerequisite says so: the readiness summary counts it apart */
			if (e->rec != NULL && e->rec->pending)
				strbuf_puts(&b, APP_UNSAVED_WORD);
			if (e->item->required)
				strbuf_printf(&b, "%sprerequisite", b.len ? sep : "");
			if (e->done) {
				dates_format(e->rec->done_at, DATE_DAY, date);
				strbuf_printf(&b, "%sdone %s", b.len ? sep : "", date);
			}
			if (e->rec != NULL && e->rec->origin == STORE_UNVERIFIED)
				strbuf_printf(&b, "%sunverified", b.len ? sep : ""); /* unsigned */
			if (e->rec != NULL && e->rec->note && *e->rec->note) {
				/* on one line (v reads it whole) */
				char *one = text_clean(e->rec->note, 0);
				strbuf_printf(&b, "%s%s%s", b.len ? sep : "",
					      e->done ? "" : "note: ", one);
				free(one);
			}
			line = strbuf_take(&b);
			if (col > TEXT_COL && *line != '\0')
				col += frame_puts(f, row, col, sep, STY_DIM, f->cols - col - 1);
			frame_puts_trunc(f, row, col, line, STY_DIM, f->cols - col - 1);
			free(line);
			break;
		}
		case ROW_STALE_HEAD:
			frame_puts(f, row, 1,
				   "Earlier progress that no longer matches the content:",
				   STY_HEADING, f->cols - 2);
			break;
		case ROW_STALE: {
			const struct store_item *rec = c->cl.stale[r->item];
			frame_put(f, row, TEXT_COL, rec->text + r->off, r->len,
				  STY_DIM | STY_STRIKE, f->cols - TEXT_COL - 1);
			if (r->first) {
				frame_puts(f, row, 3, rec->done ? "x" : "-", STY_DIM, 1);
			}
			break;
		}
		}
	}
}

static char *
cl_title(struct view *v, struct app *a)
{
	struct clview *c = (struct clview *)v;

	return xasprintf("%s %s %s", c->role->title, a->ascii ? ">" : "\xe2\x80\xba",
			 c->list == CHECKLIST_OFFBOARDING ? "Offboarding" : "Checklist");
}

static char *
cl_info(struct view *v, struct app *a)
{
	struct clview *c = (struct clview *)v;
	char *bar, *out;

	refresh(c, a);
	bar = checklist_bar(c->cl.done, c->cl.n, 12, a->ascii);
	out = xasprintf("%zu/%zu %s", c->cl.done, c->cl.n, bar);
	free(bar);
	return out;
}

static void
move_sel(struct clview *c, int dir, int steps)
{
	long i = c->sel;

	while (steps-- > 0) {
		long j = i + dir;
		while (j >= 0 && j < (long)c->cl.n && !visible(c, (size_t)j))
			j += dir;
		if (j < 0 || j >= (long)c->cl.n)
			break;
		i = j;
	}
	c->sel = i;
}

static int
toggle(struct clview *c, struct app *a)
{
	const struct checklist_entry *e;
	enum store_status s;
	bool done;

	if (c->sel < 0)
		return VR_HANDLED;
	if (a->readonly) {
		app_status(a, true, "%s: the database cannot be written, nothing was changed",
			   store_readonly_title(a->store != NULL ? store_readonly_why(a->store)
								 : STORE_RO_NO));
		return VR_REDRAW;
	}
	e = &c->cl.v[c->sel];
	done = !e->done;
	s = app_change(a,
		       &(struct change){.kind = CHANGE_DONE,
					.profile = a->profile,
					.role = c->role,
					.item = e->item,
					.done = done,
					.at = app_now(a)},
		       NULL);
	if (s == STORE_ERR_BUSY) /* it waits: the footer says so */
		return VR_REDRAW;
	if (s != STORE_OK) {
		app_status(a, true, "Not saved: %s", store_strerror(s));
		return VR_REDRAW;
	}
	reload(c, a);
	if (done && c->cl.done == c->cl.n)
		app_status(a, false, "All %zu items done: the %s checklist is complete!", c->cl.n,
			   c->list == CHECKLIST_OFFBOARDING ? "offboarding" : "onboarding");
	else if (c->hide_done && done)
		move_sel(c, 1, 1);
	return VR_REDRAW;
}

/* The start date's prompt ended: a calendar date sets it, nothing clears it. */
static int
start_input(struct clview *c, struct app *a, const char *text, bool done)
{
	enum store_status s;
	int32_t day = -1;
	char date[DATES_MAX];
	const char *why;

	if (!done)
		return VR_REDRAW;
	c->prompt_start = false;
	if (text == NULL)
		return VR_REDRAW;
	if (*text != '\0' && dates_day_parse(text, &day) != 0) {
		app_status(a, true, "Not a calendar date: %s (YYYY-MM-DD); nothing changed", text);
		return VR_REDRAW;
	}
	if (day >= 0 && (why = due_start_refusal(day, dates_today(app_now(a)))) != NULL) {
		app_status(a, true, "Start date %s refused: it is %s; nothing changed", text, why);
		return VR_REDRAW;
	}
	s = app_change(a,
		       &(struct change){.kind = CHANGE_START,
					.profile = a->profile,
					.role = c->role,
					.day = day,
					.at = app_now(a)},
		       NULL);
	if (s == STORE_ERR_BUSY)
		; /* it waits: the footer says so */
	else if (s == STORE_ERR_NOTFOUND)
		app_status(a, false, "No start date to clear");
	else if (s != STORE_OK)
		app_status(a, true, "Start date not saved: %s", store_strerror(s));
	else if (day < 0)
		app_status(a, false, "Start date cleared");
	else
		app_status(a, false, "Started %s", dates_day_format(day, date));
	reload(c, a);
	return VR_REDRAW;
}

static int
cl_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct clview *c = (struct clview *)v;
	const struct checklist_entry *e;
	enum store_status s;

	if (c->prompt_start)
		return start_input(c, a, text, done);
	if (text == NULL || !done || c->sel < 0)
		return VR_REDRAW;
	e = &c->cl.v[c->sel];
	s = app_change(a,
		       &(struct change){.kind = CHANGE_ITEM_NOTE,
					.profile = a->profile,
					.role = c->role,
					.item = e->item,
					.text = text,
					.at = app_now(a)},
		       NULL);
	if (s == STORE_ERR_BUSY)
		; /* it waits: the footer says so */
	else if (s != STORE_OK)
		app_status(a, true, "Note not saved: %s", store_strerror(s));
	else
		app_status(a, false, *text ? "Note saved" : "Note removed");
	reload(c, a);
	return VR_REDRAW;
}

/* o: the selected item's link; o again, its next one ("link 2 of 3: ...").
 * A link into the handbook (no scheme: another role, an anchor) is
 * followed in the reader; others go to app_open_url's opener. */
static int
open_link(struct clview *c, struct app *a)
{
	const struct check_item *it;
	const char *url;

	if (c->sel < 0 || c->cl.v[c->sel].item->nlinks == 0) {
		app_status(a, false, "This item has no link");
		return VR_REDRAW;
	}
	it = c->cl.v[c->sel].item;
	if (c->link_item == it)
		c->link_at = (c->link_at + 1) % it->nlinks;
	else
		c->link_at = 0;
	c->link_item = it;
	url = it->links[c->link_at];
	if (strchr(url, ':') == NULL) {
		app_request(a,
			    &(struct nav_request){.kind = NAV_FOLLOW, .role = c->role, .url = url});
		return VR_REDRAW;
	}
	app_open_url(a, url);
	if (it->nlinks > 1 && a->status != NULL) {
		char *said = xstrdup(a->status);
		app_status(a, a->status_alert, "Link %zu of %zu (o: next): %s", c->link_at + 1,
			   it->nlinks, said);
		free(said);
	}
	return VR_REDRAW;
}

/* Enter: the selected item's why, in the role's text (q comes back). */
static int
why(struct clview *c, struct app *a)
{
	const struct check_item *it;
	struct nav_request rq = {.kind = NAV_ROLE, .role = c->role};

	if (c->sel < 0)
		return VR_HANDLED;
	it = c->cl.v[c->sel].item;
	if (checklist_link_in_role(c->role, it)) {
		rq.kind = NAV_FOLLOW;
		rq.url = it->url;
	} else if ((rq.at.section = (size_t)checklist_why(c->role, it)) != (size_t)-1) {
		rq.at.at_section = true;
	} else {
		app_status(a, false, "The role's text has no sections");
		return VR_REDRAW;
	}
	app_request(a, &rq);
	return VR_REDRAW;
}

static int
cl_action(struct view *v, struct app *a, enum action act)
{
	struct clview *c = (struct clview *)v;

	prepare(c, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (listnav_act(&c->nav, act)) {
		c->sel = c->nav.sel >= 0 ? c->ent_item[c->nav.sel] : -1;
		return VR_REDRAW;
	}
	switch (act) {
	case ACT_TOGGLE:
		return toggle(c, a);
	case ACT_NOTE:
		if (c->sel < 0)
			break;
		if (a->readonly) {
			app_status(a, true, "Read-only: notes cannot be changed");
			break;
		}
		{
			const struct store_item *rec = c->cl.v[c->sel].rec;
			app_prompt(a, "Note: ", rec && rec->note ? rec->note : "");
		}
		break;
	case ACT_OPEN:
		return why(c, a);
	case ACT_OPEN_LINK:
		return open_link(c, a);
	case ACT_VIEW_NOTE:
		if (c->sel >= 0)
			app_request(a, &(struct nav_request){.kind = NAV_NOTE,
							     .role = c->role,
							     .url = c->cl.v[c->sel].item->id});
		break;
	case ACT_FOCUS:
		if (c->role->noff_items == 0) {
			app_status(a, false, "This role has no offboarding checklist");
			break;
		}
		c->list =
		    c->list == CHECKLIST_OFFBOARDING ? CHECKLIST_ONBOARDING : CHECKLIST_OFFBOARDING;
		c->sel = 0;
		c->nav.top = 0;
		reload(c, a);
		app_status(a, false, "%s checklist",
			   c->list == CHECKLIST_OFFBOARDING ? "The offboarding" : "The onboarding");
		break;
	case ACT_START: {
		char date[DATES_MAX];
		if (a->readonly || a->store == NULL) {
			app_status(a, true, "Read-only: the start date cannot be changed");
			break;
		}
		c->prompt_start = true;
		app_prompt(a, "Started on (YYYY-MM-DD, empty clears): ",
			   dates_day_format(
			       c->plan.started ? c->plan.start : dates_today(app_now(a)), date));
		break;
	}
	case ACT_HIDE_DONE:
		c->hide_done = !c->hide_done;
		ensure_sel(c);
		app_status(a, false, c->hide_done ? "Done items hidden" : "Done items shown");
		break;
	case ACT_RELOAD:
		reload(c, a);
		app_status(a, false, "Reloaded");
		break;
	case ACT_CLICK: {
		int line = a->mouse_row - c->body_top;
		/* the row clicked, as shown before the click moves anything */
		const struct row *r = c->nent > 0 && line >= 0 && listnav_at(&c->nav, line) >= 0
					  ? &c->rows[c->ent_row[c->nav.top] + (size_t)line]
					  : NULL;
		enum listnav_hit hit = listnav_click(&c->nav, line);

		c->sel = c->nav.sel >= 0 ? c->ent_item[c->nav.sel] : -1;
		/* a second click: on the box ticks it, elsewhere acts as Enter */
		if (hit == LISTNAV_AGAIN && r->kind == ROW_ITEM && r->first && a->mouse_col >= 3 &&
		    a->mouse_col < TEXT_COL)
			return toggle(c, a);
		if (hit == LISTNAV_AGAIN && cl_action(v, a, ACT_OPEN) != VR_NONE)
			return VR_REDRAW;
		break;
	}
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static void
cl_free(struct view *v)
{
	struct clview *c = (struct clview *)v;

	checklist_done(&c->cl);
	due_plan_done(&c->plan);
	free(c->rows);
	free(c->ent_row);
	free(c->ent_item);
	free(c);
}

/* The footer, most important first (see struct view_hint): the labels
 * say what the keys will do to the selected item and the list now. */
static size_t
cl_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct clview *c = (struct clview *)v;
	bool item = c->sel >= 0 && (size_t)c->sel < c->cl.n;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (item) {
		out[n++] =
		    (struct view_hint){ACT_TOGGLE, ACT_NONE, false,
				       c->cl.v[c->sel].done ? "not done" : "done", HINT_HIGH};
		const struct checklist_entry *e = &c->cl.v[c->sel];
		out[n++] = (struct view_hint){ACT_OPEN, ACT_NONE, false, "why", HINT_MID};
		if (e->item->nlinks > 0)
			out[n++] = (struct view_hint){ACT_OPEN_LINK, ACT_NONE, false, "open link",
						      HINT_MID};
		out[n++] = (struct view_hint){ACT_NOTE, ACT_NONE, false, "note", HINT_MID};
		/* the only way to a note the row cuts short */
		if (e->rec != NULL && e->rec->note != NULL && *e->rec->note != '\0')
			out[n++] = (struct view_hint){ACT_VIEW_NOTE, ACT_NONE, false, "read note",
						      HINT_HIGH};
	}
	/* the only way to the other list */
	if (c->role->noff_items > 0)
		out[n++] = (struct view_hint){
		    ACT_FOCUS, ACT_NONE, false,
		    c->list == CHECKLIST_OFFBOARDING ? "onboarding" : "offboarding", HINT_HIGH};
	out[n++] = (struct view_hint){ACT_HIDE_DONE, ACT_NONE, false,
				      c->hide_done ? "show done" : "hide done", HINT_MID};
	out[n++] = (struct view_hint){ACT_START, ACT_NONE, false, "start date", HINT_LOW};
	out[n++] = (struct view_hint){ACT_RELOAD, ACT_NONE, false, "reload", HINT_LOW};
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops checklist_ops = {
    .name = "checklist",
    .ctx = CTX_CHECKLIST,
    .hints = cl_hints,
    .title = cl_title,
    .info = cl_info,
    .layout = cl_layout,
    .draw = cl_draw,
    .action = cl_action,
    .input = cl_input,
    .free = cl_free,
};

struct view *
view_checklist_new(struct app *a, struct role *role)
{
	struct clview *c = xcalloc(1, sizeof *c);

	c->v.ops = &checklist_ops;
	c->role = role;
	c->sel = 0;
	listnav_init(&c->nav);
	c->nav.lines = entry_lines;
	c->nav.selectable = entry_selectable;
	c->nav.ctx = c;
	(void)a;
	return &c->v;
}
