/*
 * view_search.c - the results of a search of every document (`/` on the
 * home screen): the matching lines grouped by document, each with its
 * section and the words around the match.  Enter opens the document at
 * the match, highlighted, where n and N go on.  search_index.c finds;
 * this screen only lays out.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "app.h"
#include "content.h"
#include "listnav.h"
#include "search.h"
#include "search_index.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

struct sv_entry {
	size_t doc; /* catalogue index */
	long hit;   /* index into res, -1: the document's heading */
};

struct search_view {
	struct view v;
	char *pat;
	struct search_results res;
	char *error; /* why the search failed, or NULL */
	struct sv_entry *ent;
	size_t nent;
	/* the catalogue's documents as the search saw them (res's doc
	 * indices are into it): the catalogue may be read again while
	 * these results are shown (a link followed from a document opened
	 * here), and its documents live on (catalog_refresh) */
	struct role **docs;
	struct listnav nav;
	int body_top, body_h;
};

static bool
entry_selectable(const void *ctx, size_t k)
{
	const struct search_view *s = ctx;

	return s->ent[k].hit >= 0;
}

/* The progress of building the index (the first search of a tree), on
 * the status line, drawn now: the first document, then every tenth of a
 * second or so; Esc, q or Ctrl-C meanwhile stops it (what is indexed is
 * kept: the next search goes on from there). */
static const char stopped_text[] = "Indexing stopped (the next search goes on)";

struct indexing {
	struct app *a;
	struct timespec last;
	bool said;
};

static bool
indexing(void *arg, size_t done, size_t total)
{
	struct indexing *ix = arg;
	struct timespec now;

	if (ix->a->stop_asked != NULL && ix->a->stop_asked(ix->a))
		return true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ix->said && done < total &&
	    (now.tv_sec - ix->last.tv_sec) * 1000 + (now.tv_nsec - ix->last.tv_nsec) / 1000000 <
		100)
		return false;
	ix->last = now;
	ix->said = true;
	app_status(ix->a, false, "Indexing %zu of %zu documents (the first search of these)", done,
		   total);
	if (ix->a->show_now != NULL)
		ix->a->show_now(ix->a);
	return false;
}

/* Runs the search and makes the entries: each document's heading, then
 * its matches.  False when the indexing was stopped (no entries). */
static bool
run_search(struct search_view *s, struct app *a)
{
	struct indexing ix = {a, {0, 0}, false};
	int rc;

	search_results_done(&s->res);
	free(s->error);
	s->error = NULL;
	free(s->ent);
	s->ent = NULL;
	s->nent = 0;
	free(s->docs);
	/* every document there is now: files added since start are found,
	 * files gone are not (the entries are indices into the catalogue,
	 * made again below; the home screen finds its selection again) */
	catalog_refresh(a->cat);
	rc =
	    search_everything(a->cat, s->pat, SEARCH_EVERY_LINE, indexing, &ix, &s->res, &s->error);
	if (ix.said) { /* done: the count of matches, or the error, says the rest */
		free(a->status);
		a->status = NULL;
	}
	if (rc > 0)
		app_status(a, false, "%s", stopped_text);
	s->docs = xmalloc((a->cat->n ? a->cat->n : 1) * sizeof *s->docs);
	if (a->cat->n > 0)
		memcpy(s->docs, a->cat->v, a->cat->n * sizeof *s->docs);
	if (rc != 0)
		return rc < 0;
	s->ent = xcalloc(s->res.n + s->res.ndocs + 1, sizeof *s->ent);
	for (size_t i = 0; i < s->res.n; i++) {
		if (i == 0 || s->res.v[i].doc != s->res.v[i - 1].doc)
			s->ent[s->nent++] = (struct sv_entry){s->res.v[i].doc, -1};
		s->ent[s->nent++] = (struct sv_entry){s->res.v[i].doc, (long)i};
	}
	listnav_init(&s->nav);
	s->nav.selectable = entry_selectable;
	s->nav.ctx = s;
	return true;
}

static void
search_layout(struct view *v, struct app *a, int top, int height)
{
	struct search_view *s = (struct search_view *)v;

	(void)a;
	s->body_top = top + 1;
	s->body_h = height - 1;
	listnav_layout(&s->nav, s->nent, s->body_h);
}

/* The first byte to show of t so that the match at byte `at` starts at
 * most `keep` cells in: whole characters, back from the match. */
static size_t
context_start(const char *t, size_t at, int keep)
{
	size_t s = at;

	while (s > 0) {
		size_t p = s - 1;
		while (p > 0 && ((unsigned char)t[p] & 0xc0) == 0x80)
			p--;
		if (text_width(t + p, at - p) > keep)
			break;
		s = p;
	}
	return s;
}

/* A match's row: its section, then its line from a little before the
 * match (an ellipsis where it is cut), the match highlighted. */
static void
draw_hit(struct search_view *s, struct app *a, struct frame *f, int row, const struct search_hit *h,
	 uint16_t sel)
{
	const char *t = h->text, *ell = a->ascii ? "..." : "\u2026";
	size_t at = h->at, from, plen = strlen(s->pat);
	int col = 4, end = f->cols - 1, avail, mcol, mw;

	while (*t == ' ' && at > 0) { /* the line's indent says nothing here */
		t++;
		at--;
	}
	col += frame_puts_trunc(f, row, col, h->where, STY_DIM | sel, (end - col) / 3);
	col += frame_puts(f, row, col, ": ", STY_DIM | sel, end - col);
	avail = end - col;
	if (avail <= 0)
		return;
	from = context_start(t, at, avail / 3);
	if (from > 0)
		col += frame_puts(f, row, col, ell, STY_DIM | sel, end - col);
	mcol = col + text_width(t + from, at - from);
	frame_puts_trunc(f, row, col, t + from, sel, end - col);
	mw = text_width(t + at, plen);
	if (mcol + mw > end)
		mw = end - mcol;
	if (mw > 0)
		frame_add_style(f, row, mcol, mw, STY_MATCH);
}

static void
search_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct search_view *s = (struct search_view *)v;
	char head[128];
	size_t last;

	(void)height;
	if (s->error != NULL) {
		frame_puts(f, top + 1, 2, "The search failed:", STY_ALERT, -1);
		frame_puts_trunc(f, top + 2, 2, s->error, STY_PLAIN, f->cols - 3);
		return;
	}
	if (s->res.n == 0) {
		frame_puts(f, top + 1, 2, "No document holds", STY_STRONG, -1);
		frame_puts_trunc(f, top + 2, 4, s->pat, STY_PLAIN, f->cols - 5);
		return;
	}
	snprintf(head, sizeof head, "%zu match%s in %zu document%s", s->res.n,
		 s->res.n == 1 ? "" : "es", s->res.ndocs, s->res.ndocs == 1 ? "" : "s");
	frame_puts(f, top, 2, head, STY_DIM, -1);
	last = listnav_bottom(&s->nav);
	for (size_t k = s->nav.top; k <= last && k < s->nent; k++) {
		int row = s->body_top + (int)(k - s->nav.top);
		struct role *r = s->docs[s->ent[k].doc];
		uint16_t sel = (long)k == s->nav.sel ? STY_SELECT : 0;

		if (sel) {
			frame_fill(f, row, 0, f->cols, ' ', sel);
			frame_puts(f, row, 0, a->ascii ? ">" : "\u25b6", sel | STY_MARKER, 1);
		}
		if (s->ent[k].hit < 0) {
			int col = 2;
			role_peek(r);
			col += frame_puts_trunc(f, row, col, r->title, STY_STRONG, f->cols / 2);
			col += frame_puts(f, row, col, "  ", STY_PLAIN, -1);
			/* the path's end kept: its file name tells documents
			 * of one title apart (a newcomer's review) */
			frame_puts_trunc_start(f, row, col, r->rel, STY_DIM, f->cols - col - 1);
			continue;
		}
		draw_hit(s, a, f, row, &s->res.v[s->ent[k].hit], sel);
	}
}

static char *
search_title(struct view *v, struct app *a)
{
	struct search_view *s = (struct search_view *)v;

	(void)a;
	return xasprintf("search: %s", s->pat);
}

static char *
search_info(struct view *v, struct app *a)
{
	struct search_view *s = (struct search_view *)v;

	(void)a;
	if (s->nav.sel < 0 || s->res.n == 0)
		return NULL;
	return xasprintf("%ld/%zu", s->ent[s->nav.sel].hit + 1, s->res.n);
}

static int
search_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct search_view *s = (struct search_view *)v;

	if (text == NULL || !done || *text == '\0')
		return VR_HANDLED;
	free(s->pat);
	s->pat = xstrdup(text);
	if (!run_search(s, a)) /* stopped: the screen says so, not "no match" */
		s->error = xstrdup(stopped_text);
	return VR_REDRAW;
}

/* The words of line t around its match at..at+plen that any width shows
 * on one run of lines: a table's cell (between its bars), trimmed. */
static char *
cell_of(const char *t, size_t at, size_t plen)
{
	static const char bar[] = "\u2502";
	size_t from = at, to = at + plen, len = strlen(t);

	while (from > 0 && !(from >= 3 && memcmp(t + from - 3, bar, 3) == 0) && t[from - 1] != '|')
		from--;
	while (to < len && !(to + 3 <= len && memcmp(t + to, bar, 3) == 0) && t[to] != '|')
		to++;
	while (from < at && t[from] == ' ')
		from++;
	while (to > at + plen && t[to - 1] == ' ')
		to--;
	return xstrndup(t + from, to - from);
}

static int
search_action(struct view *v, struct app *a, enum action act)
{
	struct search_view *s = (struct search_view *)v;

	search_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (listnav_act(&s->nav, act))
		return VR_REDRAW;
	switch (act) {
	case ACT_CLICK:
		if (listnav_click(&s->nav, a->mouse_row - s->body_top) == LISTNAV_AGAIN)
			return search_action(v, a, ACT_OPEN);
		break;
	case ACT_OPEN: {
		const struct search_hit *h;
		char *cell;
		if (s->nav.sel < 0 || s->ent[s->nav.sel].hit < 0)
			break;
		h = &s->res.v[s->ent[s->nav.sel].hit];
		cell = cell_of(h->text, h->at, strlen(s->pat));
		app_request(a, &(struct nav_request){
				   .kind = NAV_ROLE,
				   .role = s->docs[h->doc],
				   .at = {.find = s->pat,
					  .find_text = cell,
					  .find_section = h->section,
					  .find_nth = h->nth},
			       });
		free(cell);
		break;
	}
	case ACT_SEARCH:
		app_prompt(a, "/", "");
		break;
	case ACT_BACK:
		return VR_CLOSE;
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

static size_t
search_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct search_view *s = (struct search_view *)v;
	size_t n = 0;

	(void)a;
	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	if (s->res.n > 0)
		out[n++] =
		    (struct view_hint){ACT_OPEN, ACT_NONE, false, "open at match", HINT_HIGH};
	out[n++] = (struct view_hint){ACT_SEARCH, ACT_NONE, false, "search again", HINT_MID};
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "back", HINT_KEEP};
	return n;
}

static void
search_free(struct view *v)
{
	struct search_view *s = (struct search_view *)v;

	search_results_done(&s->res);
	free(s->error);
	free(s->ent);
	free(s->docs);
	free(s->pat);
	free(s);
}

static const struct view_ops search_ops = {
    .name = "search",
    .ctx = CTX_SEARCH,
    .hints = search_hints,
    .title = search_title,
    .info = search_info,
    .layout = search_layout,
    .draw = search_draw,
    .action = search_action,
    .input = search_input,
    .free = search_free,
};

struct view *
view_search_new(struct app *a, const char *pat)
{
	struct search_view *s = xcalloc(1, sizeof *s);

	s->v.ops = &search_ops;
	s->pat = xstrdup(pat);
	listnav_init(&s->nav);
	if (!run_search(s, a)) { /* stopped: the screen below stays */
		search_free(&s->v);
		return NULL;
	}
	return &s->v;
}
