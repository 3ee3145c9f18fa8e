/*
 * view_home.c - the home screen: every role found, with its summary.
 *
 * Titles and summaries are peeked lazily, for the rows being drawn only,
 * so that the first frame costs the same with a thousand roles as with two.
 * When some document is in a folder (--content of a documentation tree),
 * the list is doctree.c's tree: folders with their counts, closed until
 * opened, and the documents of the open ones.
 */
#include "config.h"

#include <string.h>

#include "app.h"
#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "doctree.h"
#include "due.h"
#include "lines.h"
#include "listnav.h"
#include "paths.h"
#include "search.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

/* Lines a role takes: its title, then its summary (cut to one line: the
 * role's text says the rest). */
#define ROLE_LINES 2
/* What the review entry says under its name, wrapped: its key is in it. */
/* the key is the one in use: keys_fill(CTX_HOME, REVIEW_TEXT) */
#define REVIEW_TEXT "For SIG chairs: every profile's progress, ratings and readiness ({review})"

struct home {
	struct view v;
	size_t vis_top, vis_n; /* the rows the last frame showed */
	struct listnav nav;    /* the roles, then the review entry */
	int body_top, body_h;
	char *pat;
	size_t search_origin; /* the role a search starts from (flat: the entry) */
	long origin_folder;   /* in the tree, the folder selected at '/', or -1 */
	bool origin_review;   /* in the tree, the review entry was */
	/* the view at '/': its open folders and first entry shown, put back
	 * by Escape, Enter and each pattern typed (the folders an earlier
	 * pattern opened close again) */
	struct doctree_open origin_open;
	size_t origin_top;
	/* each role's progress, read by the layout step once the role is
	 * loaded (known), again when the database changed (version) */
	struct home_progress {
		bool known, has;
		size_t done, total;
		/* with a start date (due.c): overdue items, the next one due */
		bool started;
		size_t late;
		const struct check_item *next; /* borrowed from the role, or NULL */
		int32_t next_due, today;
	} * prog;
	size_t nprog;
	uint64_t version;
	uint64_t content_gen; /* app's, as of the progress read */
	size_t nroles;	      /* of the last layout: the entries are the roles, then the review */
	int cols;	      /* of the last layout */
	/* the folders, when there are (treed): the entries are its rows */
	struct doctree tree;
	bool treed;
	size_t tree_n;	   /* roles of the catalogue it was built of (0: not built) */
	uint64_t tree_gen; /* the catalogue's gen it was built of */
	uint64_t prog_gen; /* the catalogue's gen of prog */
	uint64_t pushes;   /* app's, at the last layout: changed, home was covered */
	/* the entry selected at the last layout: its document, or its
	 * folder's path (home_reselect) */
	const struct role *sel_role;
	char *sel_folder;
	bool sel_review; /* the review entry, after the documents */
};

/* The tree of the catalogue, built again if the catalogue changed. */
static void
home_tree(struct home *h, struct app *a)
{
	if (h->tree_n == a->cat->n && h->tree_gen == a->cat->gen && h->tree.folders != NULL)
		return;
	if (h->tree.folders != NULL)
		doctree_rebuild(&h->tree, a->cat); /* the open folders stay open */
	else
		doctree_build(&h->tree, a->cat);
	h->tree_n = a->cat->n;
	h->tree_gen = a->cat->gen;
	h->treed = doctree_has_folders(&h->tree);
}

/* The entries before the review entry: the roles, or the tree's rows. */
static size_t
home_count(const struct home *h, const struct app *a)
{
	return h->treed ? h->tree.nrows : a->cat->n;
}

/* The list's entries, after the folders opened or closed: the roles (or
 * the tree's rows), then the review entry (when there are roles). */
static void
home_nav_count(struct home *h, const struct app *a)
{
	listnav_layout(&h->nav, a->cat->n ? home_count(h, a) + 1 : 0, h->body_h);
}

/* The role of entry k (an index into the catalogue), or -1: a folder,
 * or the review entry. */
static long
entry_role(const struct home *h, size_t k)
{
	if (h->treed)
		return k < h->tree.nrows ? h->tree.rows[k].role : -1;
	return k < h->nroles ? (long)k : -1;
}

/* The folder of entry k, or -1. */
static long
entry_folder(const struct home *h, size_t k)
{
	return h->treed && k < h->tree.nrows ? h->tree.rows[k].folder : -1;
}

/* The entry of role k (its folders opened): where a search lands. */
static long
role_entry(struct home *h, long k)
{
	return h->treed ? doctree_reveal(&h->tree, k) : k;
}

/* The entry selected when '/' was pressed (a folder's row, in the tree,
 * or a role's): where Escape, Enter and no match go back to. */
static long
origin_entry(struct home *h)
{
	if (h->treed && h->origin_folder >= 0)
		return doctree_row_of(&h->tree, h->origin_folder, -1);
	if (h->treed && h->origin_review)
		return (long)h->tree.nrows;
	return role_entry(h, (long)h->search_origin);
}

static const char *
origin_name(enum role_origin o)
{
	switch (o) {
	case ORIGIN_FILE:
		return "file";
	case ORIGIN_DIR:
		return "folder";
	case ORIGIN_USER:
		return "yours";
	case ORIGIN_BUNDLED:
		break;
	}
	return "bundled";
}

/*
 * The cells at the right of a role's row kept for its progress ("12/26"
 * and a bar), whether or not it is known yet: idle time loads it after
 * the first frame, and the title must not move when it appears.
 */
#define PROGRESS_CELLS 22
/* A title keeps at least this many cells; the origin tag goes first. */
#define MIN_TITLE_CELLS 10

/*
 * A role's first row: the title from column 2, cut with an ellipsis where
 * it must be; the origin tag after it, whole or not at all; at least one
 * space; the progress at the right edge.
 */
static void
draw_role_row(struct app *a, struct frame *f, int row, int col, bool treed, struct role *r,
	      const struct home_progress *p, uint16_t sel, const char *pat)
{
	char tag[32] = "", *prog = NULL;
	int pw = 0, end = f->cols - PROGRESS_CELLS, avail, tw, titlew, used;
	size_t done = p ? p->done : 0, total = p ? p->total : 0;

	/* progress needs the whole role: shown once idle time has loaded
	 * it, so the first frame only lists */
	if (p != NULL && p->known && p->has) {
		char *bar = checklist_bar(done, total, 12, a->ascii);
		prog = done == total ? xasprintf("done %s", bar)
				     : xasprintf("%zu/%zu %s", done, total, bar);
		pw = text_width(prog, strlen(prog));
		free(bar);
		/* counts too long for the reserve push the title back */
		if (f->cols - pw - 2 < end)
			end = f->cols - pw - 2;
	}
	avail = end - col;
	/* in the tree, where a folder's document is from goes without saying */
	if (r->origin != ORIGIN_BUNDLED && !(treed && r->origin == ORIGIN_DIR))
		snprintf(tag, sizeof tag, " (%s)", origin_name(r->origin));
	tw = text_width(tag, strlen(tag));
	titlew = text_width(r->title, strlen(r->title));
	if (titlew + tw > avail && avail - tw < MIN_TITLE_CELLS) {
		tag[0] = '\0';
		tw = 0;
	}
	used = frame_puts_trunc(f, row, col, r->title, STY_STRONG | sel,
				titlew + tw > avail ? avail - tw : avail);
	if (tw > 0)
		frame_puts(f, row, col + used, tag, STY_DIM | sel, tw);
	if (prog != NULL) {
		frame_puts(f, row, f->cols - pw - 1, prog,
			   (done == total ? STY_DONE : STY_DIM) | sel, pw);
		free(prog);
	}
	if (pat && *pat) {
		/* only over what is shown of the title, never the tag */
		long at =
		    search_in(r->title, strlen(r->title), 0, pat, strlen(pat), search_icase(pat));
		int from = at >= 0 ? text_width(r->title, (size_t)at) : used;
		int n = text_width(pat, strlen(pat));

		if (from + n > used)
			n = used - from;
		if (n > 0)
			frame_add_style(f, row, col + from, n, STY_MATCH);
	}
}

/* What is due in role r (loaded) for the profile, when it started it. */
static void
load_due(struct home_progress *p, struct app *a, struct role *r)
{
	struct checklist cl;
	struct due_plan plan;
	const struct due_entry *next;
	int32_t start = -1;
	enum store_origin origin;
	bool pending;

	if (app_appointment_find(a, a->profile, r->id, &start, &origin, &pending) != STORE_OK)
		return;
	app_checklist_load(a, &cl, a->profile, r, CHECKLIST_ONBOARDING);
	due_plan_make(&plan, &cl, start, dates_today(app_now(a)));
	p->started = true;
	p->late = plan.late;
	p->today = plan.today;
	if ((next = due_plan_next(&plan)) != NULL) {
		p->next = cl.v[next->index].item;
		p->next_due = next->due;
	}
	due_plan_done(&plan);
	checklist_done(&cl);
}

/* The second row of a started role: the count overdue (alert style, with
 * "!" for monochrome and ASCII) and the next item due; false when there
 * is nothing due to show (the summary is shown instead). */
static bool
draw_due_row(struct frame *f, int row, const struct home_progress *p)
{
	char date[DATES_MAX], phrase[32], buf[64];
	int col = 4, end = f->cols - 1;

	if (p == NULL || !p->started || (p->late == 0 && p->next == NULL))
		return false;
	if (p->late > 0) {
		snprintf(buf, sizeof buf, "! %zu overdue", p->late);
		col += frame_puts(f, row, col, buf, STY_ALERT, end - col);
		if (p->next != NULL)
			col += frame_puts(f, row, col, " \xc2\xb7 ", STY_DIM, end - col);
	}
	if (p->next != NULL) {
		snprintf(buf, sizeof buf, "next %s, %s: ", dates_day_format(p->next_due, date),
			 due_phrase(p->next_due, p->today, phrase));
		col += frame_puts(f, row, col, buf,
				  due_state_of(p->next_due, p->today) == DUE_SOON ? STY_MARKER
										  : STY_DIM,
				  end - col);
		frame_puts_trunc(f, row, col, p->next->text, STY_DIM, end - col);
	}
	return true;
}

/* The progress of every loaded role, read again when the database
 * changed: the layout step's, so that draw reads nothing. */
static void
load_progress(struct home *h, struct app *a)
{
	uint64_t version = app_data_version(a);

	if (h->nprog != a->cat->n || version != h->version || h->content_gen != a->content_gen ||
	    h->prog_gen != a->cat->gen) {
		free(h->prog);
		h->nprog = a->cat->n;
		h->prog_gen = a->cat->gen;
		h->prog = xcalloc(h->nprog ? h->nprog : 1, sizeof *h->prog);
		h->version = version;
		h->content_gen = a->content_gen;
	}
	for (size_t k = 0; k < h->nprog; k++) {
		struct home_progress *p = &h->prog[k];
		if (!p->known && a->cat->v[k]->loaded) {
			p->has = app_progress(a, a->cat->v[k], &p->done, &p->total);
			p->known = true;
			if (p->has)
				load_due(p, a, a->cat->v[k]);
		}
	}
}

/* Rows of the review entry's text under its name, at cols. */
static int
review_rows(int cols)
{
	char *rt = keys_fill(CTX_HOME, REVIEW_TEXT);
	size_t len = strlen(rt), pos = 0;
	int rows = 0;

	do {
		size_t next;
		text_wrap(rt + pos, len - pos, cols - 5, &next);
		pos += next ? next : len - pos;
		rows++;
	} while (pos < len);
	free(rt);
	return rows;
}

/* Lines entry k takes: a role two, a folder one, the review entry its
 * name and text. */
static int
entry_lines(const void *ctx, size_t k)
{
	const struct home *h = ctx;

	if (entry_folder(h, k) >= 0)
		return 1;
	return entry_role(h, k) >= 0 ? ROLE_LINES : 1 + review_rows(h->cols);
}

/* After the catalogue changed (catalog_refresh: by a search, by r, or
 * on coming back here), the entry selected before selected again: the
 * same document (roles live on), or the folder of the same path; a
 * document gone leaves the selection where it is, within the list. */
static void
home_reselect(struct home *h, struct app *a)
{
	long e = -1;

	if (h->sel_role != NULL)
		for (size_t k = 0; k < a->cat->n; k++)
			if (a->cat->v[k] == h->sel_role) {
				e = role_entry(h, (long)k);
				break;
			}
	if (h->sel_folder != NULL && h->treed)
		for (size_t i = 0; i < h->tree.nfolders; i++)
			if (strcmp(h->tree.folders[i].path, h->sel_folder) == 0) {
				e = doctree_row_of(&h->tree, (long)i, -1);
				break;
			}
	/* (role_entry may open folders: the rows first) */
	home_nav_count(h, a);
	if (h->sel_review && a->cat->n > 0)
		e = (long)home_count(h, a);
	if (e >= 0)
		listnav_select(&h->nav, e);
}

/* Notes the entry selected (its document, or its folder's path), for
 * home_reselect. */
static void
home_remember(struct home *h, struct app *a)
{
	size_t sel = h->nav.sel >= 0 ? (size_t)h->nav.sel : 0;
	long folder = h->nav.sel >= 0 ? entry_folder(h, sel) : -1;
	long role = h->nav.sel >= 0 ? entry_role(h, sel) : -1;

	h->sel_role = role >= 0 && (size_t)role < a->cat->n ? a->cat->v[role] : NULL;
	h->sel_review = h->nav.sel >= 0 && sel >= home_count(h, a);
	if (folder < 0 || h->sel_folder == NULL ||
	    strcmp(h->sel_folder, h->tree.folders[folder].path) != 0) {
		free(h->sel_folder);
		h->sel_folder = folder >= 0 ? xstrdup(h->tree.folders[folder].path) : NULL;
	}
}

/* The layout step: the list below its heading line; the progress shown. */
static void
home_layout(struct view *v, struct app *a, int top, int height)
{
	struct home *h = (struct home *)v;
	bool changed;

	/* shown again after another screen: the folders as they are now
	 * (files added or removed meanwhile), as a file manager does */
	if (h->pushes != a->pushes) {
		h->pushes = a->pushes;
		catalog_refresh(a->cat);
	}
	changed = h->tree_gen != a->cat->gen;
	load_progress(h, a);
	home_tree(h, a);
	h->nroles = a->cat->n;
	h->cols = a->cols;

	h->body_top = top + 1;
	h->body_h = height - 1;
	home_nav_count(h, a);
	if (changed)
		home_reselect(h, a);
	home_remember(h, a);
}

/* A folder's row: open or closed, its name, how many documents it holds. */
static void
draw_folder_row(struct app *a, struct frame *f, int row, int col, const struct doctree_folder *fo,
		uint16_t sel)
{
	const char *mark = fo->open ? (a->ascii ? "-" : "\u25be") : (a->ascii ? "+" : "\u25b8");
	char count[32];
	int used;

	snprintf(count, sizeof count, " (%zu)", fo->count);
	frame_puts(f, row, col, mark, STY_MARKER | sel, 1);
	used =
	    frame_put(f, row, col + 2, fo->name, fo->name_len, STY_STRONG | sel, f->cols - col - 3);
	used += frame_puts(f, row, col + 2 + used, "/", STY_STRONG | sel, f->cols - col - 3 - used);
	frame_puts(f, row, col + 2 + used, count, STY_DIM | sel, f->cols - col - 3 - used);
}

static void
home_draw(struct view *v, struct app *a, struct frame *f, int top, int height)
{
	struct home *h = (struct home *)v;
	struct catalog *c = a->cat;
	size_t last, n = home_count(h, a);

	if (c->n == 0) {
		char *mine = paths_user_roles();
		frame_puts(f, top + 1, 2, "No roles found.", STY_STRONG, -1);
		frame_puts(f, top + 3, 2, "Add Markdown files to", STY_PLAIN, -1);
		frame_puts_trunc(f, top + 4, 4, mine, STY_PLAIN, f->cols - 5);
		frame_puts(f, top + 5, 2, "or run: rolebook --content DIR, or rolebook FILE.md",
			   STY_PLAIN, -1);
		free(mine);
		return;
	}
	{
		char head[96];
		if (h->treed) /* (the top is no folder) */
			snprintf(head, sizeof head, "%zu document%s in %zu folder%s", c->n,
				 c->n == 1 ? "" : "s", h->tree.nfolders - 1,
				 h->tree.nfolders == 2 ? "" : "s");
		else
			snprintf(head, sizeof head, "%zu role%s", c->n, c->n == 1 ? "" : "s");
		frame_puts(f, top, 2, head, STY_DIM, -1);
	}
	last = listnav_bottom(&h->nav);
	h->vis_top = h->nav.top;
	h->vis_n = last + 1 - h->nav.top;
	for (size_t k = h->nav.top, row = (size_t)h->body_top; k <= last && k <= n; k++) {
		long ri = entry_role(h, k), fi = entry_folder(h, k);
		int depth = h->treed && k < n ? h->tree.rows[k].depth : 0;
		struct role *r;
		uint16_t sel = (long)k == h->nav.sel ? STY_SELECT : 0;

		if (sel) {
			frame_fill(f, (int)row, 0, f->cols, ' ', sel);
			frame_puts(f, (int)row, 0, a->ascii ? ">" : "\u25b6", sel | STY_MARKER, 1);
		}
		if (fi >= 0) {
			draw_folder_row(a, f, (int)row, 2 + 2 * depth, &h->tree.folders[fi], sel);
			row++;
			continue;
		}
		if (k == n) { /* the last entry: the chairs' review */
			sel = (long)k == h->nav.sel ? STY_SELECT : 0;
			frame_puts(f, (int)row, 2,
				   a->ascii ? "* Review candidates" : "\u2605 Review candidates",
				   STY_STRONG | sel, f->cols - 3);
			{
				char *rt = keys_fill(CTX_HOME, REVIEW_TEXT);
				size_t len = strlen(rt), pos = 0;
				for (int y = (int)row + 1; pos < len && y < h->body_top + h->body_h;
				     y++) {
					size_t next, cut = text_wrap(rt + pos, len - pos,
								     f->cols - 5, &next);
					frame_put(f, y, 4, rt + pos, cut, STY_DIM, f->cols - 5);
					pos += next ? next : len - pos;
				}
				free(rt);
			}
			break;
		}
		r = c->v[ri];
		role_peek(r);
		{
			const struct home_progress *p = (size_t)ri < h->nprog ? &h->prog[ri] : NULL;
			int col = 2 + 2 * depth;
			draw_role_row(a, f, (int)row, col, h->treed, r, p, sel, h->pat);
			/* a role shown in part at the bottom: its title only (the
			 * next line is the footer's, the prompt's) */
			if ((int)row + 1 >= h->body_top + h->body_h)
				break;
			if (!draw_due_row(f, (int)row + 1, p))
				frame_puts_trunc(f, (int)row + 1, col + 2, r->summary, STY_DIM,
						 f->cols - col - 3);
		}
		row += ROLE_LINES;
	}
}

static char *
home_title(struct view *v, struct app *a)
{
	return xstrdup("roles");
}

static char *
home_info(struct view *v, struct app *a)
{
	struct home *h = (struct home *)v;

	if (h->nav.sel < 0 || a->cat->n == 0)
		return NULL;
	/* the review entry after the last role: where the list is, still */
	if ((size_t)h->nav.sel >= home_count(h, a))
		return xasprintf("%s review", a->ascii ? "*" : "\u2605");
	return xasprintf("%ld/%zu", h->nav.sel + 1, home_count(h, a));
}

/* First role from `from` (inclusive when incl) whose title or summary
 * contains the pattern, wrapping: what the home screen shows of it (its
 * id, the file's name, is not shown, so not matched). */
static long
find_role(struct app *a, const char *pat, size_t from, int dir, bool incl)
{
	size_t n = a->cat->n, plen = strlen(pat);
	bool icase = search_icase(pat);

	for (size_t step = incl ? 0 : 1; step <= n && n; step++) {
		size_t k = dir > 0 ? (from + step) % n : (from + n - step % n) % n;
		struct role *r = a->cat->v[k];
		role_peek(r);
		if (search_in(r->title, strlen(r->title), 0, pat, plen, icase) >= 0 ||
		    search_in(r->summary, strlen(r->summary), 0, pat, plen, icase) >= 0)
			return (long)k;
	}
	return -1;
}

/* The view as it was at '/': its folders, the entry selected and the
 * first shown. */
static void
origin_restore(struct home *h, struct app *a)
{
	if (h->treed && h->origin_open.paths != NULL) /* (saved at '/') */
		doctree_open_restore(&h->tree, &h->origin_open);
	home_nav_count(h, a);
	h->nav.top = h->origin_top;
	listnav_select(&h->nav, origin_entry(h));
}

static int
home_input(struct view *v, struct app *a, const char *text, bool done)
{
	struct home *h = (struct home *)v;
	long k;

	free(h->pat);
	h->pat = text ? xstrdup(text) : NULL;
	/* each pattern from the view at '/' (as vim's incsearch): what a
	 * longer one opened is closed again */
	origin_restore(h, a);
	if (text == NULL || *text == '\0')
		return VR_REDRAW;
	/* Enter: every document's text searched, the matches listed; q
	 * comes back to the view as it was at '/' */
	if (done) {
		free(a->status); /* what typing said of the titles */
		a->status = NULL;
		app_request(a, &(struct nav_request){.kind = NAV_SEARCH, .url = text});
		return VR_REDRAW;
	}
	k = find_role(a, text, h->search_origin, 1, true);
	if (k >= 0) {
		k = role_entry(h, k);
		home_nav_count(h, a);
		listnav_select(&h->nav, k);
	} else {
		app_status(a, true, "No role matches: %s", text);
	}
	return VR_REDRAW;
}

/* Where a search starts: the selected role (in the flat list, the entry,
 * the review entry included: find_role wraps). */
static size_t
search_from(const struct home *h, size_t sel, long role)
{
	if (!h->treed)
		return sel;
	return role >= 0 ? (size_t)role : 0;
}

static int
home_action(struct view *v, struct app *a, enum action act)
{
	struct home *h = (struct home *)v;
	size_t sel;
	long folder, role;

	home_layout(v, a, 1, a->rows - 2); /* keys may come before the first draw */
	if (listnav_act(&h->nav, act))
		return VR_REDRAW;
	sel = h->nav.sel >= 0 ? (size_t)h->nav.sel : 0;
	folder = entry_folder(h, sel);
	role = entry_role(h, sel);
	switch (act) {
	case ACT_CLICK:
		/* a second click on the selected entry opens it */
		if (listnav_click(&h->nav, a->mouse_row - h->body_top) == LISTNAV_AGAIN)
			return home_action(v, a, ACT_OPEN);
		break;
	case ACT_OPEN:
		if (h->nav.sel < 0)
			break;
		if (folder >= 0) /* a folder opens, or closes */
			doctree_set_open(&h->tree, folder, !h->tree.folders[folder].open);
		else if (role < 0)
			app_request(a, &(struct nav_request){.kind = NAV_REVIEW});
		else
			app_request(
			    a, &(struct nav_request){.kind = NAV_ROLE, .role = a->cat->v[role]});
		break;
	case ACT_COLLAPSE: {
		/* an open folder closes; else the selection goes to the folder
		 * the entry is in, which closes */
		long in = -1;
		if (!h->treed || h->nav.sel < 0 || sel >= h->tree.nrows)
			return VR_NONE;
		if (folder >= 0 && h->tree.folders[folder].open)
			in = folder;
		else
			for (size_t i = 0; i < h->tree.nall; i++)
				if ((folder >= 0 && h->tree.all[i].folder == folder) ||
				    (folder < 0 && h->tree.all[i].role == role)) {
					in = h->tree.in[i];
					break;
				}
		if (in <= 0)
			return VR_NONE;
		doctree_set_open(&h->tree, in, false);
		home_layout(v, a, 1, a->rows - 2);
		listnav_select(&h->nav, doctree_row_of(&h->tree, in, -1));
		break;
	}
	case ACT_SEARCH:
		h->search_origin = search_from(h, sel, role);
		h->origin_folder = folder;
		h->origin_review = folder < 0 && role < 0;
		h->origin_top = h->nav.top;
		doctree_open_save(&h->tree, &h->origin_open);
		app_prompt(a, "/", "");
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH: {
		long k;
		if (h->pat == NULL || *h->pat == '\0') {
			app_status(a, false, "No search yet: press / to search");
			break;
		}
		k = find_role(a, h->pat, search_from(h, sel, role), act == ACT_NEXT_MATCH ? 1 : -1,
			      false);
		if (k < 0)
			app_status(a, true, "No role matches: %s", h->pat);
		else if ((size_t)k == search_from(h, sel, role))
			app_status(a, false, "The only role that matches: %s", h->pat);
		else
			listnav_select(&h->nav, role_entry(h, k));
		break;
	}
	case ACT_REVIEW:
		app_request(a, &(struct nav_request){.kind = NAV_REVIEW});
		break;
	case ACT_RELOAD: {
		size_t n = a->cat->n, gone = a->cat->ngone, added, removed;
		h->version = 0; /* read every role's progress again */
		h->nprog = 0;
		/* and the folders, as they are now (as tig's R) */
		catalog_refresh(a->cat);
		removed = a->cat->ngone - gone;
		added = a->cat->n + removed - n;
		if (added == 0 && removed == 0)
			app_status(a, false, "Reloaded");
		else
			app_status(a, false, "Reloaded: %zu document%s added, %zu removed", added,
				   added == 1 ? "" : "s", removed);
		break;
	}
	case ACT_BACK:
		return VR_QUIT;
	default:
		return VR_NONE;
	}
	return VR_REDRAW;
}

/* Loads one visible role that the frame showed without its progress.  A
 * large document is not: its whole parse would hold every key for up to
 * a second, and its tree a hundred megabytes, as long as the handbook is
 * open; its progress shows once the checklist (c) has read it, as the
 * role screen shows its boxes. */
static bool
home_idle(struct view *v, struct app *a)
{
	struct home *h = (struct home *)v;

	for (size_t k = h->vis_top; k < h->vis_top + h->vis_n && k < home_count(h, a); k++) {
		long ri = entry_role(h, k);
		struct role *r = ri >= 0 ? a->cat->v[ri] : NULL;
		if (r != NULL && !r->loaded && r->error == NULL && !view_reader_lazy(r)) {
			role_load(r);
			return true;
		}
	}
	return false;
}

static void
home_free(struct view *v)
{
	struct home *h = (struct home *)v;

	free(h->pat);
	free(h->prog);
	free(h->sel_folder);
	doctree_done(&h->tree);
	doctree_open_free(&h->origin_open);
	free(h);
}

/* The footer, most important first (see struct view_hint).  The review
 * screen is also an entry of the list, so R may go. */
static size_t
home_hints(struct view *v, struct app *a, struct view_hint *out)
{
	struct home *h = (struct home *)v;
	size_t n = 0;

	out[n++] = (struct view_hint){ACT_HELP, ACT_NONE, false, "help", HINT_KEEP};
	out[n++] = (struct view_hint){ACT_OPEN, ACT_NONE, false, "open", HINT_HIGH};
	if (h->treed)
		out[n++] =
		    (struct view_hint){ACT_COLLAPSE, ACT_NONE, false, "close folder", HINT_LOW};
	out[n++] = (struct view_hint){ACT_SEARCH, ACT_NONE, false, "search", HINT_MID};
	if (h->pat != NULL && *h->pat != '\0')
		out[n++] =
		    (struct view_hint){ACT_NEXT_MATCH, ACT_PREV_MATCH, false, "match", HINT_LOW};
	out[n++] = (struct view_hint){ACT_REVIEW, ACT_NONE, false, "review candidates", HINT_LOW};
	out[n++] = (struct view_hint){ACT_BACK, ACT_NONE, false, "quit", HINT_KEEP};
	(void)a;
	return n;
}

static const struct view_ops home_ops = {
    .name = "home",
    .ctx = CTX_HOME,
    .hints = home_hints,
    .title = home_title,
    .info = home_info,
    .layout = home_layout,
    .draw = home_draw,
    .action = home_action,
    .input = home_input,
    .idle = home_idle,
    .free = home_free,
};

struct view *
view_home_new(struct app *a)
{
	struct home *h = xcalloc(1, sizeof *h);

	h->v.ops = &home_ops;
	listnav_init(&h->nav);
	h->nav.lines = entry_lines;
	h->nav.ctx = h;
	h->origin_folder = -1;
	h->nroles = a->cat->n;
	h->cols = a->cols;
	h->pushes = a->pushes + 1; /* (pushed next: read as it is) */
	home_tree(h, a);
	return &h->v;
}
