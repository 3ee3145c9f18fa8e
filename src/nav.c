/*
 * nav.c - the view stack and the navigation requests: the one place that
 * builds screens, pushes them and pops them.
 *
 * Views ask (app_request()) for a role at a place, a checklist, an
 * assessment, a chart, a history, the review, help, or to come back from
 * a link; they never look at the stack.  A request made while a view
 * handles an action waits until the action has returned, so a view is
 * never freed under its own feet.  Every screen opened goes on top of the
 * one that asked, so q (VR_CLOSE) always comes back to it.
 *
 * Links are resolved by links.c; here they are carried out: files reached
 * by a link that the catalogue does not list get catalogues of their own
 * (see linked_role), and a link to the role on screen moves that screen.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "identity.h"
#include "links.h"
#include "xalloc.h"

static void
push(struct app *a, struct view *v, enum nav_kind kind, bool by_link)
{
	if (a->nviews == APP_MAX_VIEWS) {
		/* Following links in a loop: forget the oldest screen above home. */
		struct view *old = a->stack[1].view;
		old->ops->free(old);
		memmove(&a->stack[1], &a->stack[2], (APP_MAX_VIEWS - 2) * sizeof *a->stack);
		a->nviews--;
	}
	a->stack[a->nviews++] = (struct app_screen){v, kind, by_link};
	a->pushes++;
}

void
app_push(struct app *a, struct view *v)
{
	push(a, v, NAV_NONE, false);
}

struct view *
app_top(struct app *a)
{
	return a->nviews ? a->stack[a->nviews - 1].view : NULL;
}

void
app_pop(struct app *a)
{
	struct view *v;

	if (a->nviews == 0)
		return;
	v = a->stack[--a->nviews].view;
	v->ops->free(v);
	a->prompting = false;
}

/* Every screen on the stack is a list of documents (the home screen,
 * search results): none holds a document's model. */
static bool
only_lists(const struct app *a)
{
	for (size_t i = 0; i < a->nviews; i++) {
		const char *name = a->stack[i].view->ops->name;
		if (strcmp(name, "home") != 0 && strcmp(name, "search") != 0)
			return false;
	}
	return true;
}

/* ---- roles and links ---- */

bool
app_open_role(struct app *a, struct role *role, const struct nav_place *at)
{
	struct view *v;
	/* a large document is laid out as it is read, without its model */
	bool lazy = view_reader_lazy(role);

	/* a document whose file changed since it was read is read again, so
	 * that it opens as it is now, when no screen below holds its model
	 * (a reader, a checklist): only lists (home, search results) */
	if (role_file_changed(role) && only_lists(a)) {
		role_unload(role);
		a->content_gen++; /* the home screen's progress pointed into it */
	}
	if (!lazy && role_load(role) != 0) {
		app_status(a, true, "%s", role->error);
		return false;
	}
	if (lazy && !role->peeked)
		role_peek(role);
	/* a file opened directly: the records an older rolebook kept under
	 * its name, adopted before the screen reads its position (a folder's
	 * document: its id claimed) */
	if (!a->readonly) {
		char *said = identity_adopt(a->store, a->cat, role);
		if (said != NULL)
			app_status(a, false, "%s", said);
		free(said);
	}
	if ((v = view_reader_new(a, role)) == NULL) {
		app_status(a, true, "%s", role->error);
		return false;
	}
	push(a, v, NAV_ROLE, at != NULL);
	if (at != NULL)
		v->ops->locate(v, a, at, false);
	return true;
}

/*
 * The role of a Markdown file reached by a link, or NULL when path is no
 * readable regular file.  Such files stay out of the handbook's catalogue,
 * so that the home screen and what a link by id finds do not depend on
 * the links followed before; each has a catalogue of its own (its id is
 * its full path, catalog_add_file's: two README.md files are two
 * documents).  Found again by real path, so each is loaded once.
 */
static struct role *
linked_role(struct app *a, const char *path)
{
	char *real = realpath(path, NULL), *err = NULL;
	struct catalog *c;
	struct role *r;

	if (real == NULL || access(real, R_OK) != 0) {
		free(real);
		return NULL;
	}
	for (size_t i = 0; i < a->nlinked; i++)
		if (strcmp(a->linked[i].v[0]->path, real) == 0) {
			free(real);
			return a->linked[i].v[0];
		}
	a->linked = xgrow(a->linked, &a->linked_cap, a->nlinked + 1, sizeof *a->linked);
	c = &a->linked[a->nlinked];
	catalog_init(c);
	c->root = a->cat->root;
	r = catalog_add_file(c, real, &err); /* refuses what is not a regular file */
	if (r != NULL)
		a->nlinked++;
	else
		catalog_done(c);
	free(err);
	free(real);
	return r;
}

/* Follows url, a link of from's text shown by the view on top. */
static void
follow(struct app *a, struct role *from, const char *url)
{
	struct link_from lf = {from->path, from->root, from->top};
	struct link_target t;
	struct view *top = app_top(a);
	struct role *r = NULL;
	struct nav_place at = {0};

	links_resolve(&lf, url, &t);
	switch (t.kind) {
	case LINK_EXTERNAL:
		app_status(a, false, "External link: %s", url);
		break;
	case LINK_ANCHOR:
		r = from;
		break;
	case LINK_FILE: {
		char *self = realpath(from->path, NULL);
		if (self != NULL && strcmp(self, t.file) == 0)
			r = from;
		free(self);
		if (r == NULL)
			r = catalog_find_file(a->cat, t.file);
		/* a file added to a folder since it was read: listed now,
		 * under its id in the folder, not its full path */
		if (r == NULL && catalog_refresh(a->cat))
			r = catalog_find_file(a->cat, t.file);
		if (r == NULL)
			r = linked_role(a, t.file);
		if (r == NULL)
			app_status(a, false, "Cannot open: %s", url);
		break;
	}
	case LINK_OTHER_FILE:
		app_status(a, false, "Not a Markdown document: %s", url);
		break;
	case LINK_NOT_FOUND:
		app_status_row(a, false, "Broken link: %s (%s)", url, t.reason);
		break;
	}
	if (r != NULL) {
		at.anchor = t.anchor ? t.anchor : "";
		/* A section of the text on screen: a step within it, which
		 * Backspace comes back from as from another role. */
		if (r == from && top != NULL && top->ops->locate != NULL)
			top->ops->locate(top, a, &at, true);
		else
			app_open_role(a, r, t.anchor ? &at : NULL);
		/* opened by a link: Backspace comes back */
		if (r != from && app_top(a) != top)
			a->stack[a->nviews - 1].by_link = true;
	}
	link_target_done(&t);
}

/* ---- requests ---- */

static void
carry_out(struct app *a, const struct nav_request *rq)
{
	const char *profile = rq->profile ? rq->profile : a->profile;
	const char *rater = rq->profile ? rq->rater : a->rater;
	struct view *top = app_top(a);

	switch (rq->kind) {
	case NAV_NONE:
		break;
	case NAV_ROLE:
		app_open_role(a, rq->role,
			      rq->at.at_section || rq->at.anchor != NULL || rq->at.find != NULL
				  ? &rq->at
				  : NULL);
		break;
	case NAV_FOLLOW:
		follow(a, rq->role, rq->url);
		break;
	case NAV_LINK_BACK:
		if (a->nviews > 1 && a->stack[a->nviews - 1].by_link)
			app_pop(a);
		else
			app_status(a, false, "Nothing to come back to");
		break;
	case NAV_CHECKLIST:
		push(a, view_checklist_new(a, rq->role), rq->kind, false);
		break;
	case NAV_ASSESS:
		push(a, view_assess_new(a, rq->role, profile, rater), rq->kind, false);
		break;
	case NAV_CHART:
	case NAV_HISTORY:
		push(a, view_chart_new(a, rq->role, profile, rater, rq->kind == NAV_HISTORY),
		     rq->kind, false);
		break;
	case NAV_NOTE:
		push(a, view_note_new(a, rq->role, rq->url), rq->kind, false);
		break;
	case NAV_SEARCH: {
		struct view *v = view_search_new(a, rq->url);
		if (v != NULL) /* NULL: the indexing was stopped */
			push(a, v, rq->kind, false);
		break;
	}
	case NAV_REVIEW:
		push(a, view_review_new(a), rq->kind, false);
		break;
	case NAV_HELP:
		/* help about help is the help itself */
		if (top != NULL && a->stack[a->nviews - 1].kind != NAV_HELP)
			push(a, view_help_new(a, top), rq->kind, false);
		break;
	}
}

static void
forget_pending(struct app *a)
{
	for (size_t i = 0; i < sizeof a->pending_text / sizeof a->pending_text[0]; i++) {
		free(a->pending_text[i]);
		a->pending_text[i] = NULL;
	}
	memset(&a->pending, 0, sizeof a->pending);
}

void
app_request(struct app *a, const struct nav_request *rq)
{
	if (!a->acting) {
		carry_out(a, rq);
		return;
	}
	forget_pending(a);
	a->pending = *rq;
	/* the strings may belong to the view, which the request may close */
	if (rq->at.anchor)
		a->pending.at.anchor = a->pending_text[0] = xstrdup(rq->at.anchor);
	if (rq->url)
		a->pending.url = a->pending_text[1] = xstrdup(rq->url);
	if (rq->profile)
		a->pending.profile = a->pending_text[2] = xstrdup(rq->profile);
	if (rq->rater)
		a->pending.rater = a->pending_text[3] = xstrdup(rq->rater);
	if (rq->at.find)
		a->pending.at.find = a->pending_text[4] = xstrdup(rq->at.find);
	if (rq->at.find_text)
		a->pending.at.find_text = a->pending_text[5] = xstrdup(rq->at.find_text);
}

/* Runs the action act of the view on top, then the request it made, if
 * any.  Returns the view's result, with VR_REDRAW when a request ran. */
int
nav_act(struct app *a, enum action act)
{
	struct view *v = app_top(a);
	int r;

	a->acting = true;
	r = v->ops->action(v, a, act);
	a->acting = false;
	if (r & VR_CLOSE)
		app_pop(a);
	if (a->pending.kind != NAV_NONE) {
		struct nav_request rq = a->pending;
		carry_out(a, &rq);
		forget_pending(a);
		r |= VR_REDRAW;
	}
	return r;
}

/* Frees the stack and what links opened. */
void
nav_done(struct app *a)
{
	while (a->nviews > 0)
		app_pop(a);
	forget_pending(a);
	/* after the views: readers borrow these roles */
	for (size_t i = 0; i < a->nlinked; i++)
		catalog_done(&a->linked[i]);
	free(a->linked);
	a->linked = NULL;
	a->nlinked = a->linked_cap = 0;
}
