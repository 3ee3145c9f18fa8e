/*
 * search_index.c - the search index: every document's rendered text, a
 * line a row, in SQLite with an FTS5 trigram index of the folded text,
 * and in blobs per document (search_text.c); kept fresh by size and
 * modification time (see search_index.h).  Finding is search_find.c's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "hash.h"
#include "paths.h"
#include "role_text.h"
#include "search.h"
#include "search_index.h"
#include "search_index_int.h"
#include "search_text.h"
#include "strbuf.h"
#include "xalloc.h"

/* The index's version: a file of another is made anew (user_version),
 * as is one another rolebook made (meta.version): its renderer may lay
 * the text out otherwise. */
#define SEARCH_SCHEMA 9

#define MAX_LINES_PER_DOC UINT32_MAX

static const char schema[] =
    /* large pages: most documents' folded text fits in one, not in a
     * chain of overflow pages read (and mapped) one by one */
    "PRAGMA page_size = 65536;"
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
    " size INTEGER NOT NULL, stamp INTEGER NOT NULL);"
    "CREATE TABLE lines(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, ord INTEGER NOT NULL,"
    " section INTEGER NOT NULL, stitle TEXT NOT NULL, text TEXT NOT NULL,"
    " folded TEXT NOT NULL);"
    "CREATE INDEX lines_doc ON lines(doc, ord);"
    /* a document's lines in blobs, for a scan at memmem's speed
     * (search_text.h): the folded text alone in its rows, which the scan
     * reads from the mapped page (SQLite copies a blob it returns, but
     * a row within a page is read without a chain of overflow pages),
     * the rest read for a document that holds the pattern */
    "CREATE TABLE folds(id INTEGER PRIMARY KEY, folded BLOB NOT NULL);"
    /* for a scan of the documents that match (grep -l): plain, no line
     * holds a newline, so a match in the folded blob is on one line;
     * head, the folded blob's first SEARCH_HEAD bytes, of its size.  A table of its
     * own, a few pages for every document: a word near the top is found
     * there, and the pages of the whole blobs are not touched (each
     * page of the mapped file costs a fault the first time) */
    "CREATE TABLE heads(id INTEGER PRIMARY KEY, plain INTEGER NOT NULL, size INTEGER NOT NULL,"
    " head BLOB NOT NULL);"
    "CREATE TABLE texts(id INTEGER PRIMARY KEY, text BLOB NOT NULL, meta BLOB NOT NULL,"
    " titles BLOB NOT NULL);"
    "CREATE VIRTUAL TABLE fts USING fts5(folded, content='lines', content_rowid='id',"
    " tokenize='trigram case_sensitive 1');"
    "CREATE TABLE meta(version TEXT NOT NULL);"
    "INSERT INTO meta VALUES('" PACKAGE_VERSION "');"
    "PRAGMA user_version = 9;";

char *
search_index_db_error(sqlite3 *db, const char *what)
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
			       " ('docs', 'lines', 'fts', 'folds', 'heads', 'texts')),"
			       " (SELECT count(*) FROM meta WHERE version = ?1)",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, PACKAGE_VERSION, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == SEARCH_SCHEMA &&
	     sqlite3_column_int(st, 1) == 6 && sqlite3_column_int(st, 2) == 1;
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

	/* one thread uses it: no mutex taken at each call (NOMUTEX) */
	if (sqlite3_open_v2(name, &ix->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		*err = search_index_db_error(ix->db, "cannot open");
		sqlite3_close(ix->db);
		ix->db = NULL;
		return -1;
	}
	/* a rollback journal, not WAL: a search that finds the index up to
	 * date only reads, and a reader of a rollback journal opens no -wal
	 * and -shm files (fewer system calls each search) */
	/* it holds the text of every document: the user's alone, as the
	 * state database is (SQLite gives its journal the same mode) */
	if (ix->path != NULL)
		chmod(ix->path, 0600);
	sqlite3_busy_timeout(ix->db, 5000);
	/* pages read from the mapped file, not copied by read(2) */
	sqlite3_exec(ix->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	if (usable(ix->db))
		return 0;
	if (!empty(ix->db))
		return 1; /* damaged or foreign */
	if (sqlite3_exec(ix->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		*err = search_index_db_error(ix->db, "cannot create");
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

	ix->dirfd = -1;
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

/* What says a file may have changed, beside its size: its modification
 * time, and its status change time and inode, which no tool sets back
 * (an edit of the same size whose mtime `touch -r`, `cp -p` or `rsync -a`
 * put back still changes them; a newcomer's review found it stale). */
static int64_t
file_stamp(const struct stat *sb)
{
	uint64_t m = (uint64_t)sb->st_mtim.tv_sec * 1000000000u + (uint64_t)sb->st_mtim.tv_nsec;
	uint64_t c = (uint64_t)sb->st_ctim.tv_sec * 1000000000u + (uint64_t)sb->st_ctim.tv_nsec;
	uint64_t h = m * 0x9e3779b97f4a7c15u ^ c * 0xc4ceb9fe1a85ec53u ^ (uint64_t)sb->st_ino;

	return (int64_t)(h >> 1); /* SQLite's INTEGER, never negative */
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

static void
bind_buf(sqlite3_stmt *st, int k, const struct strbuf *sb)
{
	sqlite3_bind_blob(st, k, sb->len ? sb->s : "", (int)sb->len, SQLITE_STATIC);
}

/* The document's blobs (folds, heads, texts). */
static int
put_text(sqlite3 *db, int64_t doc, const struct search_text_builder *b)
{
	sqlite3_stmt *st;
	int rc;

	size_t head = b->folded.len < SEARCH_HEAD ? b->folded.len : SEARCH_HEAD;

	if ((rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO folds(id, folded) VALUES(?1, ?2)",
				     -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	bind_buf(st, 2, &b->folded);
	rc = run(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(db,
				     "INSERT OR REPLACE INTO heads(id, plain, size, head)"
				     " VALUES(?1, ?2, ?3, ?4)",
				     -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int(st, 2, b->plain);
	sqlite3_bind_int64(st, 3, (int64_t)b->folded.len);
	sqlite3_bind_blob(st, 4, head ? b->folded.s : "", (int)head, SQLITE_STATIC);
	rc = run(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(db,
				     "INSERT OR REPLACE INTO texts(id, text, meta,"
				     " titles) VALUES(?1, ?2, ?3, ?4)",
				     -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	bind_buf(st, 2, search_text_plain(b));
	bind_buf(st, 3, &b->meta);
	bind_buf(st, 4, &b->titles);
	rc = run(st);
	sqlite3_finalize(st);
	return rc;
}

/* Adds the lines of the document at path (read anew) as doc's, and its
 * blobs. */
static int
index_lines(sqlite3 *db, int64_t doc, const struct role *src)
{
	struct role *r = role_new(xstrdup(src->id), xstrdup(src->path), src->origin);
	struct mdrender_opts o = {.width = SEARCH_RENDER_WIDTH};
	sqlite3_stmt *line = NULL, *fts = NULL;
	struct render out;
	struct strbuf sb = STRBUF_INIT;
	struct search_text_builder blobs;
	size_t base, ord = 0;
	int rc = SQLITE_OK;

	search_text_init(&blobs);
	if (role_load(r) != 0) { /* unreadable now: indexed with no lines */
		role_free(r);
		rc = put_text(db, doc, &blobs);
		search_text_done(&blobs);
		return rc;
	}
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO lines(doc, ord, section, stitle, text, folded, id)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &line, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, folded) VALUES(?1, ?2)", -1, &fts,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(line);
		role_free(r);
		search_text_done(&blobs);
		return sqlite3_errcode(db);
	}
	base = role_render_base(r);
	render_init(&out);
	role_render(r, base, &o, &out);
	for (size_t i = 0; i < out.lines.n && rc == SQLITE_OK;) {
		const struct lines *l = &out.lines;
		uint32_t sec = render_line_section(&out, i);
		int64_t section = sec == SEARCH_NO_SECTION ? -1 : (int64_t)sec;
		const char *t;
		size_t tlen;
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
		/* "Steps:" heads its section as "Steps" (path:section: line) */
		t = section_title(r, base, sec);
		tlen = strlen(t);
		if (tlen > 1 && t[tlen - 1] == ':')
			tlen--;
		search_text_add(&blobs, sb.s, folded, sb.len, section, t, tlen);
		sqlite3_bind_int64(line, 1, doc);
		sqlite3_bind_int64(line, 7, LINE_ID(doc, ord));
		sqlite3_bind_int64(line, 2, (int64_t)ord++);
		sqlite3_bind_int64(line, 3, section);
		sqlite3_bind_text(line, 4, t, (int)tlen, SQLITE_TRANSIENT);
		sqlite3_bind_text(line, 5, sb.s, (int)sb.len, SQLITE_TRANSIENT);
		sqlite3_bind_text(line, 6, folded, (int)sb.len, SQLITE_TRANSIENT);
		if ((rc = run(line)) == SQLITE_OK) {
			sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
			sqlite3_bind_text(fts, 2, folded, (int)sb.len, SQLITE_TRANSIENT);
			rc = run(fts);
		}
		free(folded);
	}
	if (rc == SQLITE_OK)
		rc = put_text(db, doc, &blobs);
	strbuf_free(&sb);
	search_text_done(&blobs);
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
	for (int k = 0; k < 3 && rc == SQLITE_OK; k++) {
		static const char *const del[3] = {"DELETE FROM folds WHERE id = ?1",
						   "DELETE FROM heads WHERE id = ?1",
						   "DELETE FROM texts WHERE id = ?1"};
		if ((rc = sqlite3_prepare_v2(db, del[k], -1, &st, NULL)) != SQLITE_OK)
			return rc;
		sqlite3_bind_int64(st, 1, doc);
		rc = run(st);
		sqlite3_finalize(st);
	}
	return rc;
}

/* The documents the index holds, read in one query: their paths in one
 * buffer, found through a hash table (no sort, no string a row). */
struct known {
	int64_t id, size, stamp;
	size_t path, len; /* the path: its offset in the buffer, its length */
};

struct known_set {
	struct known *v;
	size_t n, cap;
	struct strbuf paths; /* each path, NUL-terminated */
	uint32_t *slot;	     /* index in v + 1; 0: empty */
	size_t mask;
};

/* The paths of one tree share long beginnings: their last 40 bytes (and
 * length) are hashed, eight at a time. */
static size_t
path_hash(const char *p, size_t len)
{
	size_t n = len > 40 ? 40 : len;

	return hash_bytes(p + len - n, n, len);
}

static const char *
known_path(const struct known_set *ks, const struct known *k)
{
	return ks->paths.s + k->path;
}

static const struct known *
known_find(const struct known_set *ks, const char *path, size_t len)
{
	if (ks->n == 0)
		return NULL;
	for (size_t k = path_hash(path, len) & ks->mask; ks->slot[k] != 0; k = (k + 1) & ks->mask) {
		const struct known *e = &ks->v[ks->slot[k] - 1];
		if (e->len == len && memcmp(known_path(ks, e), path, len) == 0)
			return e;
	}
	return NULL;
}

static int
load_known(sqlite3 *db, struct known_set *ks)
{
	sqlite3_stmt *st;
	size_t cap = 16;
	int rc;

	memset(ks, 0, sizeof *ks);
	if ((rc = sqlite3_prepare_v2(db, "SELECT path, id, size, stamp FROM docs", -1, &st,
				     NULL)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ks->n < UINT32_MAX - 1) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		size_t len = path ? (size_t)sqlite3_column_bytes(st, 0) : 0;

		ks->v = xgrow(ks->v, &ks->cap, ks->n + 1, sizeof *ks->v);
		ks->v[ks->n++] =
		    (struct known){sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				   sqlite3_column_int64(st, 3), ks->paths.len, len};
		strbuf_add(&ks->paths, path ? path : "", len);
		strbuf_add(&ks->paths, "", 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return rc;
	while (cap < 2 * ks->n)
		cap *= 2;
	ks->slot = xcalloc(cap, sizeof *ks->slot);
	ks->mask = cap - 1;
	for (size_t i = 0; i < ks->n; i++) {
		const struct known *e = &ks->v[i];
		size_t k = path_hash(known_path(ks, e), e->len) & ks->mask;

		while (ks->slot[k] != 0)
			k = (k + 1) & ks->mask;
		ks->slot[k] = (uint32_t)(i + 1);
	}
	return SQLITE_OK;
}

static void
free_known(struct known_set *ks)
{
	free(ks->v);
	free(ks->slot);
	strbuf_free(&ks->paths);
}

static int
by_id(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

const struct listed *
search_index_listed(const struct search_index *ix, int64_t id)
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
prune(struct search_index *ix, const struct known_set *ks, bool write, long *changed)
{
	sqlite3 *db = ix->db;
	sqlite3_stmt *del;
	int rc = SQLITE_OK;
	int64_t *gone = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < ks->n; i++) {
		const struct known *k = &ks->v[i];
		struct stat sb;

		if (search_index_listed(ix, k->id) != NULL ||
		    (stat(known_path(ks, k), &sb) == 0 && S_ISREG(sb.st_mode)))
			continue;
		gone = xgrow(gone, &cap, n + 1, sizeof *gone);
		gone[n++] = k->id;
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
    "INSERT INTO docs(path, size, stamp) VALUES(?1, ?2, ?3)",
    "UPDATE docs SET size = ?2, stamp = ?3 WHERE id = ?1",
};

/* The absolute path of a document, as the index keys it, into sb (its
 * length sb->len): from the working folder when relative (no symbolic
 * link resolved: a stat each, not a readlink per folder). */
static void
absolute(struct strbuf *sb, const char *path, const char *cwd)
{
	sb->len = 0;
	if (path[0] != '/' && cwd != NULL) {
		if (path[0] == '.' && path[1] == '/')
			path += 2;
		strbuf_add(sb, cwd, strlen(cwd));
		strbuf_add(sb, "/", 1);
	}
	strbuf_add(sb, path, strlen(path) + 1);
	sb->len--; /* (its NUL kept) */
}

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

/* stat(2) of path, from its folder's descriptor when the last document
 * was in the same folder: one look-up of a name, not of every folder on
 * the way (the catalogue lists a folder's files one after another). */
static int
stat_doc(struct search_index *ix, const char *path, struct stat *sb)
{
	const char *slash = strrchr(path, '/');
	size_t dlen;

	if (slash == NULL || slash == path)
		return stat(path, sb);
	dlen = (size_t)(slash - path);
	if (ix->dir == NULL || ix->dirlen != dlen || memcmp(ix->dir, path, dlen) != 0) {
		if (ix->dirfd >= 0)
			close(ix->dirfd);
		free(ix->dir);
		ix->dir = xstrndup(path, dlen);
		ix->dirlen = dlen;
		ix->dirfd = open(ix->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	}
	return ix->dirfd >= 0 ? fstatat(ix->dirfd, slash + 1, sb, 0) : stat(path, sb);
}

static void
stat_done(struct search_index *ix)
{
	if (ix->dirfd >= 0)
		close(ix->dirfd);
	free(ix->dir);
	ix->dir = NULL;
	ix->dirfd = -1;
}

/* One document: looked at and, when it changed (or is new), counted in
 * *changed and, with write, indexed again; listed. */
static int
update_doc(struct search_index *ix, sqlite3_stmt **q, const struct known_set *ks,
	   struct strbuf *abs, const struct role *r, size_t pos, bool write, long *changed)
{
	sqlite3 *db = ix->db;
	const struct known *k;
	struct stat sb;
	int64_t id = -1, size = -1, stamp = -1;
	int rc;

	/* the path as the catalogue has it: the same file as the absolute
	 * one (the working folder is the same), with fewer folders to look up */
	if (stat_doc(ix, r->path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return SQLITE_OK; /* gone: not listed, and pruned */
	absolute(abs, r->path, ix->cwd);
	if ((k = known_find(ks, abs->s, abs->len)) != NULL) {
		id = k->id;
		size = k->size;
		stamp = k->stamp;
	}
	rc = SQLITE_OK;
	if ((id < 0 || size != (int64_t)sb.st_size || stamp != file_stamp(&sb))) {
		(*changed)++;
		ix->to_index += !write;
		if (write && id >= 0) {
			if ((rc = drop_lines(db, id)) == SQLITE_OK) {
				sqlite3_bind_int64(q[Q_SET], 1, id);
				sqlite3_bind_int64(q[Q_SET], 2, (int64_t)sb.st_size);
				sqlite3_bind_int64(q[Q_SET], 3, file_stamp(&sb));
				rc = run(q[Q_SET]);
			}
		} else if (write) {
			sqlite3_bind_text(q[Q_ADD], 1, abs->s, (int)abs->len, SQLITE_STATIC);
			sqlite3_bind_int64(q[Q_ADD], 2, (int64_t)sb.st_size);
			sqlite3_bind_int64(q[Q_ADD], 3, file_stamp(&sb));
			rc = run(q[Q_ADD]);
			id = sqlite3_last_insert_rowid(db);
		}
		if (write && rc == SQLITE_OK)
			rc = index_lines(db, id, r);
		/* the document is whole here: a stop keeps it */
		if (write && rc == SQLITE_OK && ix->progress != NULL &&
		    ix->progress(ix->progress_arg, ++ix->indexed, ix->to_index))
			ix->stopped = true;
	}
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
	struct known_set ks = {0};
	struct strbuf abs = STRBUF_INIT;
	long changed = 0;
	int rc;

	ix->nlisted = 0;
	ix->cwd = getcwd(ix->cwd_buf, sizeof ix->cwd_buf); /* once, not per document */
	rc = sqlite3_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = load_known(db, &ks);
	for (int k = 0; k < NQ && rc == SQLITE_OK && write; k++)
		rc = sqlite3_prepare_v2(db, queries[k], -1, &q[k], NULL);
	for (size_t k = 0; k < cat->n && rc == SQLITE_OK && !ix->stopped; k++)
		rc = update_doc(ix, q, &ks, &abs, cat->v[k], k, write, &changed);
	strbuf_free(&abs);
	stat_done(ix);
	for (int k = 0; k < NQ; k++)
		sqlite3_finalize(q[k]);
	if (rc == SQLITE_OK && ix->nlisted > 0) {
		/* one document listed twice (two names of one file) counts once */
		size_t w = 1;

		while (w < ix->nlisted && ix->listed[w - 1].id < ix->listed[w].id)
			w++;
		if (w < ix->nlisted) /* (in order already when the catalogue is as indexed) */
			qsort(ix->listed, ix->nlisted, sizeof *ix->listed, by_id);
		w = 1;
		for (size_t k = 1; k < ix->nlisted; k++)
			if (ix->listed[k].id != ix->listed[w - 1].id)
				ix->listed[w++] = ix->listed[k];
			else if (ix->listed[k].pos < ix->listed[w - 1].pos)
				ix->listed[w - 1].pos = ix->listed[k].pos;
		ix->nlisted = w;
	}
	if (rc == SQLITE_OK && !ix->stopped) /* stopped: the listing is partial */
		rc = prune(ix, &ks, write, &changed);
	free_known(&ks);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*err = search_index_db_error(db, "cannot update");
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
	ix->stopped = false;
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

/* After a failed search: whether the file is damaged (a page the update
 * did not read, found by the search); checked only then, as it reads the
 * whole file. */
static bool
damaged(struct search_index *ix)
{
	sqlite3_stmt *st;
	bool bad = true;

	if (ix->path == NULL || ix->db == NULL)
		return false;
	if (sqlite3_prepare_v2(ix->db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
		bad = sqlite3_step(st) != SQLITE_ROW ||
		      strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0;
		sqlite3_finalize(st);
	}
	return bad;
}

long
search_index_update(struct search_index *ix, const struct catalog *cat, char **err)
{
	long rc;

	*err = NULL;
	rc = update_once(ix, cat, err);
	if (ix->stopped && rc >= 0)
		return SEARCH_STOPPED;
	if (rc < 0 && mendable(ix, rc)) { /* damaged: made anew, once */
		if (reset(ix, err) != 0)
			return -1;
		rc = update_once(ix, cat, err);
	}
	if (ix->stopped && rc >= 0)
		return SEARCH_STOPPED;
	return rc < 0 ? -1 : rc;
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
	if ((rc = (int)search_index_update(ix, cat, err)) < 0) {
		search_index_close(ix);
		return rc == SEARCH_STOPPED ? 1 : -1;
	}
	rc = search_index_find(ix, cat, pat, scope, res, err);
	if (rc < 0 && damaged(ix)) { /* a page the update did not read: made anew, once */
		search_results_done(res);
		if (reset(ix, err) != 0 || (rc = (int)search_index_update(ix, cat, err)) < 0) {
			search_index_close(ix);
			return rc == SEARCH_STOPPED ? 1 : -1;
		}
		rc = search_index_find(ix, cat, pat, scope, res, err);
	}
	search_index_close(ix);
	return rc;
}
