/*
 * links.h - where a link of a document leads, decided without touching
 * the screen, the view stack or the file system.
 *
 * Given the document the link is in (its file, and which role ids the
 * handbook has) and the link's target as written, links_resolve() says
 * what following it means: leave the handbook (a URI scheme), move within
 * the document (an "#anchor" alone), open a role of the handbook by its
 * id, or open a Markdown file found at the first of one or two paths --
 * each with the anchor to go to -- or nothing, and why.  The app carries
 * that out (src/nav.c); it alone looks at files.
 */
#ifndef ROLEBOOK_LINKS_H
#define ROLEBOOK_LINKS_H

#include <stdbool.h>
#include <stddef.h>

enum link_kind {
	LINK_NOT_FOUND = 0, /* reason says why */
	LINK_EXTERNAL,	    /* has a URI scheme (https:, mailto:): shown, not opened */
	LINK_ANCHOR,	    /* "#anchor" alone (or ""): a place in the same document */
	LINK_ROLE,	    /* the handbook's role `id` */
	LINK_FILE,	    /* the Markdown file at paths[0], else at paths[1] */
};

/* The document a link is in. */
struct link_from {
	const char *path; /* its file, as the catalogue has it */
	/* True when the handbook has a role of this id (arg is passed on). */
	bool (*has_role)(const char *id, void *arg);
	void *arg;
};

struct link_target {
	enum link_kind kind;
	char *scheme;	    /* LINK_EXTERNAL: "https", "mailto" ... */
	char *id;	    /* LINK_ROLE */
	char *paths[2];	    /* LINK_FILE: where to look, in order; paths[1] may be NULL */
	char *anchor;	    /* the part after '#', as written (NULL: none); not for EXTERNAL */
	const char *reason; /* LINK_NOT_FOUND: a static phrase */
};

/*
 * Resolves url (as written in the Markdown, %XX escapes and all) found in
 * the document from.  Tried in this order, whatever was opened before:
 *  0. a target with a URI scheme (a letter, then letters, digits, '+',
 *     '-' or '.', then ':') leaves the handbook;
 *  1. a target with no path ("#anchor", or "") stays in the document;
 *  2. the handbook's role whose id is the path's file name without .md
 *     (a path without .md or .markdown names a role only this way);
 *  3. the Markdown file at the path from the folder of from's file,
 *     unless the path starts with '/';
 *  4. the Markdown file of the path's file name in that folder (upstream
 *     repositories link by repository path).
 * Steps 3 and 4 are the two paths of a LINK_FILE.  Fills *out (free with
 * link_target_done()); never fails.
 */
void links_resolve(const struct link_from *from, const char *url, struct link_target *out);
void link_target_done(struct link_target *t);

/* The name of a kind, for tests and messages ("file", "role" ...). */
const char *link_kind_name(enum link_kind kind);

#endif
