/*
 * doctree.h - the catalogue as a tree of folders (doctree.c): which
 * folders hold which documents, how many each holds at any depth, and
 * which rows a list shows with some folders open.  The home screen lays
 * it out; nothing here reads a file or draws.
 *
 * A document's folder is the part of its path in its folder (role->rel)
 * before the last '/'; a file opened directly sits at the top.  A folder's
 * rows are its folders, then its documents (as GitHub lists a folder),
 * each in the catalogue's order.  Every folder starts closed.
 */
#ifndef ROLEBOOK_DOCTREE_H
#define ROLEBOOK_DOCTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

struct doctree_folder {
	char *path;	  /* "sig-a/deep/" ("" for the top) */
	const char *name; /* its last part, within path, without the '/' */
	size_t name_len;
	long parent;  /* -1 for the top */
	int depth;    /* of its documents: the top's are 0 */
	size_t count; /* documents it holds, at any depth */
	bool open;
	/* the build's links: its folders, its next sibling, its documents */
	long first_child, last_child, next_sibling, first_doc, last_doc;
};

/* A row: a folder (folder >= 0) or a document (role >= 0, an index into
 * the catalogue), at depth (its indentation). */
struct doctree_row {
	long folder, role;
	int depth;
};

struct doctree {
	struct doctree_folder *folders; /* folders[0] is the top */
	size_t nfolders, folders_cap;
	struct doctree_row *all; /* every row, as if every folder were open */
	size_t nall;
	long *in;		  /* per row of all: the folder it is in */
	struct doctree_row *rows; /* the rows shown */
	size_t nrows;
};

/* Builds the tree of the catalogue's documents (folders closed). */
void doctree_build(struct doctree *t, const struct catalog *c);
void doctree_done(struct doctree *t);
/* Builds t again from the catalogue (changed: catalog_refresh), the
 * folders open before open again (by path). */
void doctree_rebuild(struct doctree *t, const struct catalog *c);

/* True when some document is in a folder: the home screen shows a tree. */
bool doctree_has_folders(const struct doctree *t);

/* Opens or closes a folder; the rows shown follow. */
void doctree_set_open(struct doctree *t, long folder, bool open);

/* Opens the folders around document role; its row shown, or -1 when the
 * tree does not hold it. */
long doctree_reveal(struct doctree *t, long role);

/* Which folders are open, saved (doctree_open_save) to be put back
 * (doctree_open_restore): the folders a type-ahead opened closed again,
 * as they were when it began.  Saved by path, so that a rebuild between
 * the two (doctree_rebuild) does not mix up the folders. */
struct doctree_open {
	char **paths; /* the open folders' (the top's not: always open) */
	size_t n;
};
void doctree_open_save(const struct doctree *t, struct doctree_open *s);
void doctree_open_restore(struct doctree *t, const struct doctree_open *s);
void doctree_open_free(struct doctree_open *s);

/* The row shown of document role, or of folder (the other -1), or -1. */
long doctree_row_of(const struct doctree *t, long folder, long role);

#endif
