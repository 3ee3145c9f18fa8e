/*
 * search_index.c - the search index: every document's rendered text, a
 * line a row, in SQLite with an FTS5 trigram index of the folded text;
 * kept fresh by size and modification time; candidates confirmed by the
 * reader's rule (see search_index.h).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "paths.h"
#include "role_text.h"
#include "search.h"
#include "search_index.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* The index's version: a file of another is made anew (user_version),
 * as is one another rolebook made (meta.version): its renderer may lay
 * the text out otherwise. */
#define SEARCH_SCHEMA 5

/* A line's row id: its document's id in the high bits, its rank in the
 * document in the low ones, so that the matches FTS5 gives (by row id)
 * come by document and in the text's order, and a document is known
 * from the row id alone (search_index_find's first-per-document mode
 * skips a found document's other candidates without reading them). */
#define LINE_ID(doc, ord) ((int64_t)(doc) << 32 | (int64_t)(ord))
#define LINE_DOC(id) ((id) >> 32)
#define MAX_LINES_PER_DOC UINT32_MAX

static const char schema[] =
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
    " size INTEGER NOT NULL, mtime INTEGER NOT NULL);"
    "CREATE TABLE lines(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, ord INTEGER NOT NULL,"
    " section INTEGER NOT NULL, stitle TEXT NOT NULL, text TEXT NOT NULL,"
    " folded TEXT NOT NULL);"
    "CREATE INDEX lines_doc ON lines(doc, ord);"
    "CREATE VIRTUAL TABLE fts USING fts5(folded, content='lines', content_rowid='id',"
    " tokenize='trigram case_sensitive 1');"
    "CREATE TABLE meta(version TEXT NOT NULL);"
    "INSERT INTO meta VALUES('" PACKAGE_VERSION "');"
    "PRAGMA user_version = 5;";

struct search_index {
	sqlite3 *db;
	char *path; /* NULL: in memory */
	/* the catalogue's documents as of the last update, by id */
	struct listed *listed;
	size_t nlisted, listed_cap;
	char cwd_buf[PATH_MAX], *cwd; /* the working folder during an update, or NULL */
	/* told of each document indexed: how many so far, of how many */
	search_progress_fn *progress;
	void *progress_arg;
	size_t to_index, indexed;
};

static char *
db_error(sqlite3 *db, const char *what)
{
	return xasprintf("search index: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

/* The file is an index of this version, made by this rolebook. */
static bool
usable(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(db,
			       "SELECT (SELECT user_version FROM pragma_user_version),"
			       " (SELECT count(*) FROM sqlite_master WHERE name IN"
			       " ('docs', 'lines', 'fts')),"
			       " (SELECT count(*) FROM meta WHERE version = ?1)",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, PACKAGE_VERSION, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == SEARCH_SCHEMA &&
	     sqlite3_column_int(st, 1) == 3 && sqlite3_column_int(st, 2) == 1;
	sqlite3_finalize(st);
	return ok;
}

/* An empty database (a new file, or memory). */
static bool
empty(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool none = false;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	none = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	return none;
}

static void
remove_files(const char *path)
{
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		char *p = xasprintf("%s%s", path, tails[i]);
		unlink(p);
		free(p);
	}
}

static int
connect(struct search_index *ix, char **err)
{
	const char *name = ix->path ? ix->path : ":memory:";

	if (sqlite3_open_v2(name, &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		*err = db_error(ix->db, "cannot open");
		sqlite3_close(ix->db);
		ix->db = NULL;
		return -1;
	}
	/* a rollback journal, not WAL: a search that finds the index up to
	 * date only reads, and a reader of a rollback journal opens no -wal
	 * and -shm files (fewer system calls each search) */
	sqlite3_busy_timeout(ix->db, 5000);
	/* pages read from the mapped file, not copied by read(2) */
	sqlite3_exec(ix->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	if (usable(ix->db))
		return 0;
	if (!empty(ix->db))
		return 1; /* damaged or foreign */
	if (sqlite3_exec(ix->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		*err = db_error(ix->db, "cannot create");
		return 1;
	}
	return 0;
}

/* Closes the database and, for a file, removes it; opens it anew. */
static int
reset(struct search_index *ix, char **err)
{
	int rc;

	sqlite3_close(ix->db);
	ix->db = NULL;
	if (ix->path != NULL)
		remove_files(ix->path);
	free(*err);
	*err = NULL;
	if ((rc = connect(ix, err)) == 1 && *err == NULL)
		*err = xasprintf("search index: %s cannot be made anew", ix->path);
	return rc == 0 ? 0 : -1;
}

struct search_index *
search_index_open(const char *path, char **err)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	char *failed = NULL;
	int rc;

	*err = NULL;
	if (path != NULL) {
		int e = files_make_folders(path, &failed);
		if (e != 0) {
			*err = xasprintf("search index: cannot create folder %s: %s", failed,
					 strerror(e));
			free(failed);
			free(ix);
			return NULL;
		}
		ix->path = xstrdup(path);
	}
	rc = connect(ix, err);
	if (rc == 1 || (rc < 0 && ix->path != NULL && ix->db != NULL))
		rc = reset(ix, err);
	if (rc != 0) {
		search_index_close(ix);
		return NULL;
	}
	return ix;
}

void
search_index_close(struct search_index *ix)
{
	if (ix == NULL)
		return;
	sqlite3_close(ix->db);
	free(ix->listed);
	free(ix->path);
	free(ix);
}

/* ---- indexing ---- */

static int64_t
mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* The title a line of section sec is found under. */
static const char *
section_title(const struct role *r, size_t base, uint32_t sec)
{
	const char *t = NULL;

	if (sec != SEARCH_NO_SECTION && sec >= base && sec - base < r->outline.n)
		t = r->outline.v[sec - base].title;
	return t != NULL && *t != '\0' ? t : r->title;
}

static int
run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Adds the lines of the document at path (read anew) as doc's. */
static int
index_lines(sqlite3 *db, int64_t doc, const struct role *src)
{
	struct role *r = role_new(xstrdup(src->id), xstrdup(src->path), src->origin);
	struct mdrender_opts o = {.width = SEARCH_RENDER_WIDTH};
	sqlite3_stmt *line = NULL, *fts = NULL;
	struct render out;
	struct strbuf sb = STRBUF_INIT;
	size_t base, ord = 0;
	int rc = SQLITE_OK;

	if (role_load(r) != 0) { /* unreadable now: indexed with no lines */
		role_free(r);
		return SQLITE_OK;
	}
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO lines(doc, ord, section, stitle, text, folded, id)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &line, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, folded) VALUES(?1, ?2)", -1, &fts,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(line);
		role_free(r);
		return sqlite3_errcode(db);
	}
	base = role_render_base(r);
	render_init(&out);
	role_render(r, base, &o, &out);
	for (size_t i = 0; i < out.lines.n && rc == SQLITE_OK;) {
		const struct lines *l = &out.lines;
		uint32_t sec = render_line_section(&out, i);
		char *folded;

		/* a line and the lines that continue it after a wrap, as one */
		sb.len = 0; /* reused */
		search_join_line(&sb, l, i, false);
		for (i++; i < l->n && l->v[i].join != JOIN_NONE; i++)
			search_join_line(&sb, l, i, true);
		if (sb.len == 0)
			continue;
		if (ord >= MAX_LINES_PER_DOC)
			break; /* more lines than a 64 MiB file can hold; not indexed */
		folded = search_fold(sb.s, sb.len);
		sqlite3_bind_int64(line, 1, doc);
		sqlite3_bind_int64(line, 7, LINE_ID(doc, ord));
		sqlite3_bind_int64(line, 2, (int64_t)ord++);
		sqlite3_bind_int64(line, 3, sec == SEARCH_NO_SECTION ? -1 : (int64_t)sec);
		{ /* "Steps:" heads its section as "Steps" (path:section: line) */
			const char *t = section_title(r, base, sec);
			size_t n = strlen(t);
			sqlite3_bind_text(line, 4, t, (int)(n > 1 && t[n - 1] == ':' ? n - 1 : n),
					  SQLITE_TRANSIENT);
		}
		sqlite3_bind_text(line, 5, sb.s, (int)sb.len, SQLITE_TRANSIENT);
		sqlite3_bind_text(line, 6, folded, (int)sb.len, SQLITE_TRANSIENT);
		if ((rc = run(line)) == SQLITE_OK) {
			sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
			sqlite3_bind_text(fts, 2, folded, (int)sb.len, SQLITE_TRANSIENT);
			rc = run(fts);
		}
		free(folded);
	}
	strbuf_free(&sb);
	render_done(&out);
	sqlite3_finalize(line);
	sqlite3_finalize(fts);
	role_free(r);
	return rc;
}

static int
drop_lines(sqlite3 *db, int64_t doc)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db,
				"INSERT INTO fts(fts, rowid, folded) SELECT 'delete', id, folded"
				" FROM lines WHERE doc = ?1;"
				"",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	rc = run(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_prepare_v2(db, "DELETE FROM lines WHERE doc = ?1", -1, &st, NULL)) !=
	    SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	rc = run(st);
	sqlite3_finalize(st);
	return rc;
}

/* The documents the index holds, read in one query, sorted by path. */
struct known {
	char *path;
	int64_t id, size, mtime;
};

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->path, ((const struct known *)b)->path);
}

static int
load_known(sqlite3 *db, struct known **v, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = sqlite3_prepare_v2(db, "SELECT path, id, size, mtime FROM docs ORDER BY path", -1,
				     &st, NULL)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		*v = xgrow(*v, &cap, *n + 1, sizeof **v);
		(*v)[(*n)++] =
		    (struct known){xstrdup(path ? path : ""), sqlite3_column_int64(st, 1),
				   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)};
	}
	sqlite3_finalize(st);
	if (*n > 0) /* SQLite's order is strcmp's (BINARY), but be sure */
		qsort(*v, *n, sizeof **v, by_path);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
free_known(struct known *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* The catalogue's documents in the index: (id, catalogue position),
 * sorted by id, for the finding and the pruning. */
struct listed {
	int64_t id;
	size_t pos;
};

static int
by_id(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static const struct listed *
listed_find(const struct search_index *ix, int64_t id)
{
	struct listed key = {id, 0};

	if (ix->nlisted == 0)
		return NULL;
	return bsearch(&key, ix->listed, ix->nlisted, sizeof key, by_id);
}

/* Drops the documents that the catalogue does not list and whose files
 * are gone (another catalogue's documents stay); counts them in
 * *changed, and only counts them unless write is set. */
static int
prune(struct search_index *ix, const struct known *kv, size_t nk, bool write, long *changed)
{
	sqlite3 *db = ix->db;
	sqlite3_stmt *del;
	int rc = SQLITE_OK;
	int64_t *gone = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < nk; i++) {
		struct stat sb;
		if (listed_find(ix, kv[i].id) != NULL ||
		    (stat(kv[i].path, &sb) == 0 && S_ISREG(sb.st_mode)))
			continue;
		gone = xgrow(gone, &cap, n + 1, sizeof *gone);
		gone[n++] = kv[i].id;
	}
	*changed += (long)n;
	if (write && n > 0 &&
	    (rc = sqlite3_prepare_v2(db, "DELETE FROM docs WHERE id = ?1", -1, &del, NULL)) ==
		SQLITE_OK) {
		for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
			if ((rc = drop_lines(db, gone[k])) != SQLITE_OK)
				break;
			sqlite3_bind_int64(del, 1, gone[k]);
			rc = run(del);
		}
		sqlite3_finalize(del);
	}
	free(gone);
	return rc;
}

enum { Q_ADD, Q_SET, NQ };

static const char *const queries[NQ] = {
    "INSERT INTO docs(path, size, mtime) VALUES(?1, ?2, ?3)",
    "UPDATE docs SET size = ?2, mtime = ?3 WHERE id = ?1",
};

/* The absolute path of a document, as the index keys it: from the
 * working folder when relative (no symbolic link resolved: a stat each,
 * not a readlink per folder). */
static char *
absolute(const char *path, const char *cwd)
{
	if (path[0] == '/' || cwd == NULL)
		return xstrdup(path);
	return xasprintf("%s/%s", cwd, path[0] == '.' && path[1] == '/' ? path + 2 : path);
}

/* One document: looked at and, when it changed (or is new), counted in
 * *changed and, with write, indexed again; listed. */
static int
update_doc(struct search_index *ix, sqlite3_stmt **q, const struct known *kv, size_t nk,
	   const struct role *r, size_t pos, bool write, long *changed)
{
	sqlite3 *db = ix->db;
	char *abs = absolute(r->path, ix->cwd);
	struct stat sb;
	int64_t id = -1, size = -1, mtime = -1;
	int rc;

	if (stat(abs, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		free(abs);
		return SQLITE_OK; /* gone: not listed, and pruned */
	}
	{
		struct known key = {abs, 0, 0, 0};
		const struct known *k = nk ? bsearch(&key, kv, nk, sizeof key, by_path) : NULL;
		if (k != NULL) {
			id = k->id;
			size = k->size;
			mtime = k->mtime;
		}
	}
	rc = SQLITE_OK;
	if (rc == SQLITE_OK && (id < 0 || size != (int64_t)sb.st_size || mtime != mtime_ns(&sb))) {
		(*changed)++;
		ix->to_index += !write;
		if (write && id >= 0) {
			if ((rc = drop_lines(db, id)) == SQLITE_OK) {
				sqlite3_bind_int64(q[Q_SET], 1, id);
				sqlite3_bind_int64(q[Q_SET], 2, (int64_t)sb.st_size);
				sqlite3_bind_int64(q[Q_SET], 3, mtime_ns(&sb));
				rc = run(q[Q_SET]);
			}
		} else if (write) {
			sqlite3_bind_text(q[Q_ADD], 1, abs, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q[Q_ADD], 2, (int64_t)sb.st_size);
			sqlite3_bind_int64(q[Q_ADD], 3, mtime_ns(&sb));
			rc = run(q[Q_ADD]);
			id = sqlite3_last_insert_rowid(db);
		}
		if (write && rc == SQLITE_OK)
			rc = index_lines(db, id, r);
		if (write && rc == SQLITE_OK && ix->progress != NULL)
			ix->progress(ix->progress_arg, ++ix->indexed, ix->to_index);
	}
	free(abs);
	if (rc == SQLITE_OK && id >= 0) {
		ix->listed =
		    xgrow(ix->listed, &ix->listed_cap, ix->nlisted + 1, sizeof *ix->listed);
		ix->listed[ix->nlisted++] = (struct listed){id, pos};
	}
	return rc;
}

/*
 * One pass over the catalogue in one transaction: with write, an
 * IMMEDIATE one that indexes what changed; without, a read that only
 * counts it, so that a search of an index that is up to date writes
 * nothing (and takes no write lock).  Returns the count, or -(SQLite
 * code).
 */
static long
update_pass(struct search_index *ix, const struct catalog *cat, bool write, char **err)
{
	sqlite3 *db = ix->db;
	sqlite3_stmt *q[NQ] = {NULL};
	struct known *kv = NULL;
	size_t nk = 0;
	long changed = 0;
	int rc;

	ix->nlisted = 0;
	ix->cwd = getcwd(ix->cwd_buf, sizeof ix->cwd_buf); /* once, not per document */
	rc = sqlite3_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = load_known(db, &kv, &nk);
	for (int k = 0; k < NQ && rc == SQLITE_OK && write; k++)
		rc = sqlite3_prepare_v2(db, queries[k], -1, &q[k], NULL);
	for (size_t k = 0; k < cat->n && rc == SQLITE_OK; k++)
		rc = update_doc(ix, q, kv, nk, cat->v[k], k, write, &changed);
	for (int k = 0; k < NQ; k++)
		sqlite3_finalize(q[k]);
	if (rc == SQLITE_OK && ix->nlisted > 0) {
		/* one document listed twice (two names of one file) counts once */
		qsort(ix->listed, ix->nlisted, sizeof *ix->listed, by_id);
		size_t w = 1;
		for (size_t k = 1; k < ix->nlisted; k++)
			if (ix->listed[k].id != ix->listed[w - 1].id)
				ix->listed[w++] = ix->listed[k];
			else if (ix->listed[k].pos < ix->listed[w - 1].pos)
				ix->listed[w - 1].pos = ix->listed[k].pos;
		ix->nlisted = w;
	}
	if (rc == SQLITE_OK)
		rc = prune(ix, kv, nk, write, &changed);
	free_known(kv, nk);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*err = db_error(db, "cannot update");
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -rc;
	}
	return changed;
}

static long
update_once(struct search_index *ix, const struct catalog *cat, char **err)
{
	long rc;

	ix->to_index = ix->indexed = 0;
	rc = update_pass(ix, cat, false, err);

	return rc > 0 ? update_pass(ix, cat, true, err) : rc;
}

/* A failure that making the file anew mends: not a busy or full disk. */
static bool
mendable(const struct search_index *ix, long rc)
{
	int code = (int)(-rc) & 0xff;

	return ix->path != NULL && code != SQLITE_BUSY && code != SQLITE_LOCKED &&
	       code != SQLITE_FULL && code != SQLITE_NOMEM && code != SQLITE_INTERRUPT;
}

long
search_index_update(struct search_index *ix, const struct catalog *cat, char **err)
{
	long rc;

	*err = NULL;
	rc = update_once(ix, cat, err);
	if (rc < 0 && mendable(ix, rc)) { /* damaged: made anew, once */
		if (reset(ix, err) != 0)
			return -1;
		rc = update_once(ix, cat, err);
	}
	return rc < 0 ? -1 : rc;
}

/* ---- finding ---- */

/* The FTS5 query for the folded pattern: one phrase, quotes doubled. */
static char *
phrase(const char *folded)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "\"", 1);
	for (const char *p = folded; *p; p++)
		strbuf_add(&sb, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	strbuf_add(&sb, "\"", 1);
	return strbuf_take(&sb);
}

static size_t
characters(const char *s)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; n++) {
		uint32_t c;
		i += text_decode(s + i, len - i, &c);
	}
	return n;
}

static int
by_place(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The candidates' rows: every line, or those the index says hold the
 * folded pattern; with rowid_only, their row ids alone (the rows read
 * one by one, by ROW). */
#define COLUMNS "l.doc, l.ord, l.section, l.stitle, l.text, l.folded"
static const char *const find_sql[2][2] = {
    /* [indexed][rowid_only] */
    {"SELECT " COLUMNS " FROM lines l", "SELECT id FROM lines ORDER BY id"},
    {"SELECT " COLUMNS " FROM fts JOIN lines l ON l.id = fts.rowid WHERE fts MATCH ?1",
     "SELECT rowid FROM fts WHERE fts MATCH ?1"},
};
#define ROW "SELECT " COLUMNS " FROM lines l WHERE l.id = ?1"

/* A row of COLUMNS that holds the pattern: added to res (its doc the
 * listed one's). */
static bool
confirm(sqlite3_stmt *st, const struct listed *doc, const char *pat, const char *folded, bool icase,
	struct search_results *res)
{
	const char *text = (const char *)sqlite3_column_text(st, 4);
	size_t len = (size_t)sqlite3_column_bytes(st, 4), plen = strlen(pat);
	int64_t sec = sqlite3_column_int64(st, 2);
	struct search_hit *h;
	long at;

	if (text == NULL)
		return false;
	/* search_in()'s rule; with case ignored, a match is where the folded
	 * pattern is in the folded text (search_fold), which the row keeps:
	 * found at memmem's speed */
	if (icase) {
		const char *f = (const char *)sqlite3_column_text(st, 5);
		const char *m = f && (size_t)sqlite3_column_bytes(st, 5) == len
				    ? memmem(f, len, folded, plen)
				    : NULL;
		at = m ? (long)(m - f) : -1;
	} else {
		at = search_in(text, len, 0, pat, plen, false);
	}
	if (at < 0)
		return false;
	res->v = xgrow(res->v, &res->cap, res->n + 1, sizeof *res->v);
	h = &res->v[res->n++];
	h->doc = doc->pos;
	h->line = (size_t)sqlite3_column_int64(st, 1);
	h->section = sec < 0 ? SEARCH_NO_SECTION : (uint32_t)sec;
	h->where = xstrdup((const char *)sqlite3_column_text(st, 3));
	h->text = xstrndup(text, len);
	h->at = (size_t)at;
	return true;
}

static int
find_once(struct search_index *ix, const char *pat, bool first_only, struct search_results *res)
{
	/* the trigram index needs three characters; shorter patterns are
	 * looked for in every line */
	bool indexed = characters(pat) >= 3;
	size_t plen = strlen(pat);
	bool icase = search_icase(pat);
	sqlite3_stmt *st, *row = NULL;
	char *folded, *q;
	int64_t done_doc = -1; /* first_only: the document whose match is found */
	int rc;

	if ((rc = sqlite3_prepare_v2(ix->db, find_sql[indexed][first_only], -1, &st, NULL)) !=
	    SQLITE_OK)
		return rc;
	if (first_only && (rc = sqlite3_prepare_v2(ix->db, ROW, -1, &row, NULL)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	folded = search_fold(pat, plen);
	q = phrase(folded);
	if (indexed)
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct listed *doc;
		int64_t id;

		if (!first_only) {
			if ((doc = listed_find(ix, sqlite3_column_int64(st, 0))) != NULL)
				confirm(st, doc, pat, folded, icase, res);
			continue;
		}
		/* by row id: a found document's other candidates are skipped
		 * unread, the others' rows read one by one */
		id = sqlite3_column_int64(st, 0);
		if (LINE_DOC(id) == done_doc || (doc = listed_find(ix, LINE_DOC(id))) == NULL)
			continue;
		sqlite3_bind_int64(row, 1, id);
		if (sqlite3_step(row) == SQLITE_ROW && confirm(row, doc, pat, folded, icase, res))
			done_doc = LINE_DOC(id);
		sqlite3_reset(row);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(row);
	free(folded);
	free(q);
	if (res->n > 0)
		qsort(res->v, res->n, sizeof *res->v, by_place);
	for (size_t i = 0; i < res->n; i++) {
		struct search_hit *h = &res->v[i], *prev = i > 0 ? h - 1 : NULL;
		bool same_doc = prev != NULL && prev->doc == h->doc;

		res->ndocs += !same_doc;
		h->nth = same_doc && prev->section == h->section ? prev->nth + 1 : 0;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
search_index_find(struct search_index *ix, const struct catalog *cat, const char *pat,
		  enum search_scope scope, struct search_results *res, char **err)
{
	int rc;

	(void)cat;
	*err = NULL;
	memset(res, 0, sizeof *res);
	if (*pat == '\0')
		return 0;
	if ((rc = find_once(ix, pat, scope == SEARCH_FIRST_PER_DOC, res)) != SQLITE_OK) {
		*err = db_error(ix->db, "cannot search");
		search_results_done(res);
		return -1;
	}
	return 0;
}

void
search_results_done(struct search_results *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->v[i].where);
		free(res->v[i].text);
	}
	free(res->v);
	memset(res, 0, sizeof *res);
}

void
search_index_set_progress(struct search_index *ix, search_progress_fn *fn, void *arg)
{
	ix->progress = fn;
	ix->progress_arg = arg;
}

int
search_everything(const struct catalog *cat, const char *pat, enum search_scope scope,
		  search_progress_fn *progress, void *progress_arg, struct search_results *res,
		  char **err)
{
	char *path = paths_search_db();
	struct search_index *ix = path ? search_index_open(path, err) : NULL;
	int rc;

	free(path);
	if (ix == NULL) { /* no place for a file: the index lives as long as the search */
		free(*err);
		if ((ix = search_index_open(NULL, err)) == NULL)
			return -1;
	}
	search_index_set_progress(ix, progress, progress_arg);
	if (search_index_update(ix, cat, err) < 0) {
		search_index_close(ix);
		return -1;
	}
	rc = search_index_find(ix, cat, pat, scope, res, err);
	search_index_close(ix);
	return rc;
}
