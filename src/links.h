/*
 * links.h - where a link of a document leads: the one place that decides
 * it, for the reader (src/nav.c) and for `rolebook links` alike, so what
 * the reader opens is what the checker reports.  It looks at the file
 * system (whether a file or folder is there, where the repository's root
 * is) but never at the screen, and never prints.
 */
#ifndef ROLEBOOK_LINKS_H
#define ROLEBOOK_LINKS_H

#include <stdbool.h>
#include <stddef.h>

enum link_kind {
	LINK_NOT_FOUND = 0, /* reason says why */
	LINK_EXTERNAL,	    /* has a URI scheme (https:, mailto:): shown, not opened */
	LINK_ANCHOR,	    /* "#anchor" alone (or ""): a place in the same document */
	LINK_FILE,	    /* the Markdown file `file` */
	LINK_OTHER_FILE,    /* a file that is there but no Markdown (`file`): not shown */
};

/* The document a link is in. */
struct link_from {
	const char *path; /* its file */
	/* The repository's root (--root), or NULL: the nearest folder above
	 * path's folder that holds a .git. */
	const char *root;
	/* The content folder the document was listed from (--content, the
	 * user's roles folder, the bundled roles, `rolebook DIR`), or NULL:
	 * where '/' starts when neither --root nor a .git says. */
	const char *top;
};

struct link_target {
	enum link_kind kind;
	char *scheme;	    /* LINK_EXTERNAL: "https", "mailto" ... */
	char *file;	    /* LINK_FILE, LINK_OTHER_FILE: its real path */
	char *anchor;	    /* the part after '#', as written (NULL: none); not for EXTERNAL */
	const char *reason; /* LINK_NOT_FOUND: a static phrase */
};

/*
 * Resolves url (as written in the Markdown, %XX escapes and all) found in
 * the document from.  In this order:
 *  0. a target with a URI scheme (a letter, then letters, digits, '+',
 *     '-' or '.', then ':') leaves the handbook;
 *  1. a target with no path ("#anchor", or "") stays in the document;
 *  2. the path ("?query" dropped, %XX decoded) names a file from the
 *     linking file's folder, or from the root when it starts with '/':
 *     --root, else the nearest folder above holding a .git, else the
 *     content folder the document was listed from; with none of them it
 *     is broken.  "." and ".." are taken by name, and a path that leaves
 *     the root (when there is one) is not followed;
 *  3. a folder stands for its README.md;
 *  4. a path leads to the file it names or nowhere: never to a role, nor
 *     to a file of the same name elsewhere.
 * Fills *out (free with
 * link_target_done()); never fails.
 */
void links_resolve(const struct link_from *from, const char *url, struct link_target *out);
void link_target_done(struct link_target *t);

/*
 * The repository root above the folder of path: the nearest folder
 * (path's own first) holding a ".git", as a new real path, or NULL.
 */
char *links_find_root(const char *path);

/*
 * The heading of the Markdown file `file` that anchor names, GitHub's way
 * (anchors_find): its title as a new string, or NULL when no heading has
 * that anchor or the file cannot be read.
 */
char *links_heading(const char *file, const char *anchor);

/* The name of a kind, for tests and messages ("file", "role" ...). */
const char *link_kind_name(enum link_kind kind);

#endif
