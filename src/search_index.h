/*
 * search_index.h - search across every document of the catalogue: an
 * SQLite FTS5 index of the rendered text (search_index.c; finding in it,
 * search_find.c).
 *
 * The index is a cache, in a database of its own
 * ($XDG_CACHE_HOME/rolebook/search.db), never in the state database: it
 * holds nothing that the documents do not, so a damaged or foreign file
 * is removed and built again, and the records' schema never migrates for
 * it.  Each document's row keeps its file's size and modification time;
 * every search first looks at each file (stat) and indexes again what
 * changed, was added, removed or renamed, so results are never stale.
 *
 * FTS5 (a trigram index of the folded text) only gives candidates: a
 * line is a match when search_in() finds the pattern in it, the reader's
 * own rule (smart case, the one folding), so the results are the lines
 * the reader's n and N visit.  A line here is a whole paragraph, list
 * item or heading of the rendered text (what the reader wraps is joined).
 *
 * A word on nearly every page makes the index's lists long and its
 * candidates many: each document's text is also kept in blobs
 * (search_text.h), and a find first scans the first documents' folded
 * text (memmem); when the pattern is in many of them it scans the rest
 * too, else it asks the index for the rest (search_plan).  Both ways
 * give the same lines (the unit tests and fuzz_search compare them).
 */
#ifndef ROLEBOOK_SEARCH_INDEX_H
#define ROLEBOOK_SEARCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"

#define SEARCH_NO_SECTION UINT32_MAX /* a line above the first section */

/* Width the index renders at: lines wrapped at it are joined again. */
#define SEARCH_RENDER_WIDTH 400

struct search_hit {
	size_t doc;	  /* the document: index into the catalogue */
	uint32_t section; /* the render's section (the reader's numbering), or SEARCH_NO_SECTION */
	size_t nth;	  /* its rank among the matching lines of that section, from 0 */
	size_t line;	  /* its rank among the document's lines, from 0 */
	char *where;	  /* the section's title, or the document's above its first */
	char *text;	  /* the line, as rendered */
	size_t at;	  /* byte offset of the first match in text */
};

struct search_results {
	struct search_hit *v;
	size_t n, cap;
	size_t ndocs; /* documents with a match */
};

struct search_index;

/*
 * Opens (creating it and its folders) the index at path, or one in
 * memory when path is NULL.  A file that is no index of this version, or
 * damaged, is removed and made anew.  NULL with *err (new string) when
 * even that fails.
 */
struct search_index *search_index_open(const char *path, char **err);
void search_index_close(struct search_index *ix);

/* Told after each document an update (re)indexes: done of total.
 * Returns true to stop the update there: what is indexed so far is kept
 * (each document whole, or not at all), the next update goes on. */
typedef bool search_progress_fn(void *arg, size_t done, size_t total);

/* What search_index_update() returns when the progress stopped it. */
#define SEARCH_STOPPED (-2L)

/* fn (NULL: none) is told of the updates' progress from now on. */
void search_index_set_progress(struct search_index *ix, search_progress_fn *fn, void *arg);

/*
 * Brings the index up to date with the catalogue's files: a document
 * whose size or modification time changed, or that is new, is read and
 * indexed again; a document whose file is gone is dropped.  Returns the
 * number of documents (re)indexed, or -1 with *err, or SEARCH_STOPPED
 * (nothing in *err) when the progress asked to stop: the documents done
 * are kept, nothing is pruned.
 */
long search_index_update(struct search_index *ix, const struct catalog *cat, char **err);

enum search_scope {
	SEARCH_EVERY_LINE,    /* every line that holds the pattern */
	SEARCH_DOCS,	      /* the documents that hold it, each once (grep -l):
			       * a hit each, its doc alone set (line 0, where
			       * and text NULL), found without reading its lines
			       * where the folded text confirms it */
	SEARCH_FIRST_PER_DOC, /* a document's first such line only: the
			       * rest of its candidates are not read */
};

/*
 * Every line of the catalogue's documents (as of the last update) that
 * holds pat, or the first of each document (scope), in the catalogue's
 * order and the text's.  Returns 0 (res filled; free with
 * search_results_done()), or -1 with *err.
 */
int search_index_find(struct search_index *ix, const struct catalog *cat, const char *pat,
		      enum search_scope scope, struct search_results *res, char **err);

void search_results_done(struct search_results *res);

/* How search_index_find() finds the candidate lines; the results are the
 * same by each. */
enum search_plan {
	SEARCH_PLAN_AUTO,  /* scans the first documents' folded text; goes on so
			    * when the pattern is in many of them (a common
			    * word: the index's lists would be long), else asks
			    * the index for the rest */
	SEARCH_PLAN_INDEX, /* the FTS5 index alone (patterns of 3 characters or more) */
	SEARCH_PLAN_SCAN,  /* every document's folded text, scanned (memmem) */
};

/* Sets the plan of the finds to come (SEARCH_PLAN_AUTO at first): for tests. */
void search_index_set_plan(struct search_index *ix, enum search_plan plan);

/*
 * The one call for commands and screens: opens the index at
 * paths_search_db() (in memory when there is no such place or it cannot
 * be written), updates it (telling progress, when not NULL, of each
 * document it indexes) and finds pat.  Returns 0, or -1 with *err, or 1
 * (nothing found, no *err) when progress asked to stop.
 */
int search_everything(const struct catalog *cat, const char *pat, enum search_scope scope,
		      search_progress_fn *progress, void *progress_arg, struct search_results *res,
		      char **err);

#endif
