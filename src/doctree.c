/*
 * doctree.c - the catalogue as a tree of folders (see doctree.h).
 *
 * Built once per catalogue in time linear in its documents (a folder is
 * looked up from the previous document's, which is nearly always the
 * same), so that a thousand documents cost no more than listing them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doctree.h"
#include "xalloc.h"

/* The folder part of a document's path: rel up to its last '/' (its
 * length), 0 for a file opened directly or at the top. */
static size_t
folder_len(const struct role *r)
{
	const char *rel = r->rel, *slash;

	/* (a full path: a file opened directly, or a folder's file listed by
	 * its full path beside its twin of another folder) */
	if (rel == NULL || r->origin == ORIGIN_FILE || rel[0] == '/' ||
	    (slash = strrchr(rel, '/')) == NULL)
		return 0;
	return (size_t)(slash - rel) + 1;
}

static long
folder_new(struct doctree *t, const char *path, size_t len, long parent)
{
	struct doctree_folder *f;
	const char *name;

	t->folders = xgrow(t->folders, &t->folders_cap, t->nfolders + 1, sizeof *t->folders);
	f = &t->folders[t->nfolders];
	memset(f, 0, sizeof *f);
	f->path = xstrndup(path, len);
	f->parent = parent;
	f->depth = parent < 0 ? 0 : t->folders[parent].depth + 1;
	f->first_child = f->last_child = f->next_sibling = f->first_doc = f->last_doc = -1;
	/* its name: the part before the final '/' */
	name = f->path + len - (len > 0);
	while (name > f->path && name[-1] != '/')
		name--;
	f->name = name;
	f->name_len = len > 0 ? (size_t)(f->path + len - 1 - name) : 0;
	if (parent >= 0) {
		struct doctree_folder *p = &t->folders[parent];
		if (p->last_child >= 0)
			t->folders[p->last_child].next_sibling = (long)t->nfolders;
		else
			p->first_child = (long)t->nfolders;
		p->last_child = (long)t->nfolders;
	}
	return (long)t->nfolders++;
}

/* The folder of path[0..len) ("a/b/"), made with its parents if new. */
static long
folder_get(struct doctree *t, const char *path, size_t len)
{
	size_t plen;
	long parent;

	if (len == 0)
		return 0;
	for (size_t i = 1; i < t->nfolders; i++)
		if (strlen(t->folders[i].path) == len && memcmp(t->folders[i].path, path, len) == 0)
			return (long)i;
	/* its parent: up to the '/' before its last part */
	plen = len - 1;
	while (plen > 0 && path[plen - 1] != '/')
		plen--;
	parent = folder_get(t, path, plen);
	return folder_new(t, path, len, parent);
}

static void
push_all(struct doctree *t, size_t *cap, long folder, long role, int depth, long in)
{
	t->all = xgrow(t->all, cap, t->nall + 1, sizeof *t->all);
	t->in = xreallocarray(t->in, *cap, sizeof *t->in);
	t->all[t->nall] = (struct doctree_row){folder, role, depth};
	t->in[t->nall] = in;
	t->nall++;
}

/* Rows of folder f's contents: each folder (its row, then its contents),
 * then its documents, as GitHub lists a folder. */
static void
emit(struct doctree *t, size_t *cap, const long *next_doc, long f)
{
	const struct doctree_folder *fo = &t->folders[f];

	for (long c = fo->first_child; c >= 0; c = t->folders[c].next_sibling) {
		push_all(t, cap, c, -1, fo->depth, f);
		emit(t, cap, next_doc, c);
	}
	for (long d = fo->first_doc; d >= 0; d = next_doc[d])
		push_all(t, cap, -1, d, fo->depth, f);
}

/* The rows shown: those whose folders are all open. */
static void
show(struct doctree *t)
{
	bool *inside = xcalloc(t->nfolders ? t->nfolders : 1, sizeof *inside);

	/* parents come before their folders */
	for (size_t i = 0; i < t->nfolders; i++) {
		long p = t->folders[i].parent;
		inside[i] = p < 0 || (inside[p] && t->folders[i].open);
	}
	t->nrows = 0;
	for (size_t i = 0; i < t->nall; i++)
		if (inside[t->in[i]])
			t->rows[t->nrows++] = t->all[i];
	free(inside);
}

void
doctree_build(struct doctree *t, const struct catalog *c)
{
	long *next_doc = xmalloc((c->n ? c->n : 1) * sizeof *next_doc), last = 0;
	size_t cap = 0;

	memset(t, 0, sizeof *t);
	folder_new(t, "", 0, -1);
	t->folders[0].open = true; /* the top is always shown */
	for (size_t i = 0; i < c->n; i++) {
		const struct role *r = c->v[i];
		size_t len = folder_len(r);
		const struct doctree_folder *lf = &t->folders[last];
		long f;

		/* nearly always the folder of the document before */
		if (strlen(lf->path) == len && memcmp(lf->path, r->rel ? r->rel : "", len) == 0)
			f = last;
		else
			f = folder_get(t, r->rel, len);
		next_doc[i] = -1;
		if (t->folders[f].last_doc >= 0)
			next_doc[t->folders[f].last_doc] = (long)i;
		else
			t->folders[f].first_doc = (long)i;
		t->folders[f].last_doc = (long)i;
		for (long p = f; p >= 0; p = t->folders[p].parent)
			t->folders[p].count++;
		last = f;
	}
	emit(t, &cap, next_doc, 0);
	free(next_doc);
	t->rows = xmalloc((t->nall ? t->nall : 1) * sizeof *t->rows);
	show(t);
}

void
doctree_done(struct doctree *t)
{
	for (size_t i = 0; i < t->nfolders; i++)
		free(t->folders[i].path);
	free(t->folders);
	free(t->all);
	free(t->in);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

void
doctree_open_save(const struct doctree *t, struct doctree_open *s)
{
	doctree_open_free(s);
	s->paths = xcalloc(t->nfolders + 1, sizeof *s->paths);
	for (size_t i = 1; i < t->nfolders; i++)
		if (t->folders[i].open)
			s->paths[s->n++] = xstrdup(t->folders[i].path);
}

void
doctree_open_restore(struct doctree *t, const struct doctree_open *s)
{
	bool changed = false;

	for (size_t i = 1; i < t->nfolders; i++) {
		bool open = false;
		for (size_t k = 0; k < s->n && !open; k++)
			open = strcmp(s->paths[k], t->folders[i].path) == 0;
		if (t->folders[i].open != open) {
			t->folders[i].open = open;
			changed = true;
		}
	}
	if (changed)
		show(t);
}

void
doctree_open_free(struct doctree_open *s)
{
	for (size_t k = 0; k < s->n; k++)
		free(s->paths[k]);
	free(s->paths);
	s->paths = NULL;
	s->n = 0;
}

void
doctree_rebuild(struct doctree *t, const struct catalog *c)
{
	struct doctree_open saved = {NULL, 0};

	doctree_open_save(t, &saved);
	doctree_done(t);
	doctree_build(t, c);
	doctree_open_restore(t, &saved);
	doctree_open_free(&saved);
}

bool
doctree_has_folders(const struct doctree *t)
{
	return t->nfolders > 1;
}

void
doctree_set_open(struct doctree *t, long folder, bool open)
{
	if (folder > 0 && (size_t)folder < t->nfolders && t->folders[folder].open != open) {
		t->folders[folder].open = open;
		show(t);
	}
}

long
doctree_row_of(const struct doctree *t, long folder, long role)
{
	for (size_t i = 0; i < t->nrows; i++)
		if ((folder >= 0 && t->rows[i].folder == folder) ||
		    (role >= 0 && t->rows[i].role == role))
			return (long)i;
	return -1;
}

long
doctree_reveal(struct doctree *t, long role)
{
	bool changed = false;

	for (size_t i = 0; i < t->nall; i++)
		if (t->all[i].role == role) {
			for (long f = t->in[i]; f > 0; f = t->folders[f].parent)
				if (!t->folders[f].open) {
					t->folders[f].open = true;
					changed = true;
				}
			break;
		}
	if (changed)
		show(t);
	return doctree_row_of(t, -1, role);
}
