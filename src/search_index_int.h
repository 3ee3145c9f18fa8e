/*
 * search_index_int.h - what search_index.c (opening, updating) and
 * search_find.c (finding) share of the index: not for other modules.
 */
#ifndef ROLEBOOK_SEARCH_INDEX_INT_H
#define ROLEBOOK_SEARCH_INDEX_INT_H

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "search_index.h"

/* A line's row id: its document's id in the high bits, its rank in the
 * document in the low ones, so that the matches FTS5 gives (by row id)
 * come by document and in the text's order, and a document is known
 * from the row id alone (search_index_find's first-per-document mode
 * skips a found document's other candidates without reading them). */
#define LINE_ID(doc, ord) ((int64_t)(doc) << 32 | (int64_t)(ord))
#define LINE_DOC(id) ((id) >> 32)

/* The bytes of a document's folded blob kept apart (heads.head):
 * the folded text whole when it is shorter. */
#define SEARCH_HEAD 8192

/* The catalogue's documents in the index: (id, catalogue position),
 * sorted by id, for the finding and the pruning. */
struct listed {
	int64_t id;
	size_t pos;
};

struct search_index {
	sqlite3 *db;
	char *path; /* NULL: in memory */
	/* the catalogue's documents as of the last update, by id */
	struct listed *listed;
	size_t nlisted, listed_cap;
	char cwd_buf[PATH_MAX], *cwd; /* the working folder during an update, or NULL */
	/* during an update, the folder of the last document looked at, open:
	 * the next in it is looked at from there (fstatat) */
	char *dir;
	size_t dirlen;
	int dirfd;
	/* told of each document indexed: how many so far, of how many */
	search_progress_fn *progress;
	void *progress_arg;
	size_t to_index, indexed;
	bool stopped; /* the progress asked to stop this update */
	enum search_plan plan;
};

/* The listed document of index id id, or NULL (another catalogue's). */
const struct listed *search_index_listed(const struct search_index *ix, int64_t id);

/* "search index: what: SQLite's message" (a new string). */
char *search_index_db_error(sqlite3 *db, const char *what);

#endif
