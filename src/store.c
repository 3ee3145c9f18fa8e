/*
 * store.c - rolebook's local state in SQLite; all of rolebook's SQL.
 *
 * Invariants:
 *
 * - store_open() inspects a file on a separate read-only connection before
 *   anything may write to it, so a corrupt, foreign or newer database is
 *   refused with its bytes unchanged.  (A read-only connection to a WAL
 *   database may still leave the usual -shm/-wal companions beside it.)
 * - The schema is built by the frozen steps in migrations[]: step i takes
 *   PRAGMA user_version from i to i + 1 in one transaction.  A released step
 *   is never edited; a new schema is a new step.
 * - Every change runs in a write transaction begun with BEGIN IMMEDIATE, so
 *   two writers queue on the busy handler instead of failing to upgrade a
 *   read lock.  depth counts the open levels: 1 is the transaction, deeper
 *   levels are SAVEPOINTs, so a setter called inside store_begin() joins the
 *   caller's transaction and a failing setter undoes only its own part.
 * - Statements are prepared once (stmts[], indexed by enum stmt) and reset
 *   before a function returns, so no read transaction outlives a call.
 * - Once the database file exists this module never open()s it itself:
 *   closing any descriptor of a file drops every POSIX lock the process
 *   holds on it, SQLite's included.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "xalloc.h"

/* "Rolb": PRAGMA application_id of rolebook's databases. */
#define STORE_APPLICATION_ID 0x526f6c62
#define STORE_NAME_MAX 200 /* bytes in a profile name */

/*
 * The schema, one frozen step per version.  Step 1 also marks the file as
 * rolebook's (1383033954 == 0x526f6c62).  Each step ends by setting the
 * version it reaches, so running a step in a transaction is the whole
 * migration, here and in the tests that build old databases.
 */
/* clang-format off */
static const char *const migrations[] = {
	/* 0 -> 1: profiles, checklist items, reading positions. */
	"PRAGMA application_id = 1383033954;\n"
	"CREATE TABLE profiles (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL UNIQUE\n"
	"		CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),\n"
	"	created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE items (\n"
	"	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
	"	role TEXT NOT NULL,\n"
	"	item_id TEXT NOT NULL,\n"
	"	text TEXT NOT NULL DEFAULT '',\n"
	"	done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),\n"
	"	done_at INTEGER NOT NULL DEFAULT 0,\n"
	"	note TEXT,\n"
	"	updated_at INTEGER NOT NULL,\n"
	"	PRIMARY KEY (profile_id, role, item_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE positions (\n"
	"	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
	"	role TEXT NOT NULL,\n"
	"	section TEXT,\n"
	"	line INTEGER NOT NULL DEFAULT 0 CHECK (line >= 0),\n"
	"	updated_at INTEGER NOT NULL,\n"
	"	PRIMARY KEY (profile_id, role)\n"
	") WITHOUT ROWID;\n"
	"PRAGMA user_version = 1;\n",

	/* 1 -> 2: ratings, snapshots and their ratings. */
	"CREATE TABLE ratings (\n"
	"	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
	"	role TEXT NOT NULL,\n"
	"	rater TEXT NOT NULL DEFAULT '',\n"
	"	statement_id TEXT NOT NULL,\n"
	"	area TEXT NOT NULL DEFAULT '',\n"
	"	text TEXT NOT NULL DEFAULT '',\n"
	"	value INTEGER NOT NULL DEFAULT 0 CHECK (value BETWEEN 0 AND 5),\n"
	"	note TEXT,\n"
	"	updated_at INTEGER NOT NULL,\n"
	"	PRIMARY KEY (profile_id, role, rater, statement_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE snapshots (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
	"	role TEXT NOT NULL,\n"
	"	rater TEXT NOT NULL DEFAULT '',\n"
	"	taken_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX snapshots_owner ON snapshots (profile_id, role, rater, taken_at);\n"
	"CREATE TABLE snapshot_ratings (\n"
	"	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,\n"
	"	statement_id TEXT NOT NULL,\n"
	"	area TEXT NOT NULL DEFAULT '',\n"
	"	text TEXT NOT NULL DEFAULT '',\n"
	"	value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),\n"
	"	note TEXT,\n"
	"	updated_at INTEGER NOT NULL,\n"
	"	PRIMARY KEY (snapshot_id, statement_id)\n"
	") WITHOUT ROWID;\n"
	"PRAGMA user_version = 2;\n",
};
/* clang-format on */
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration step per schema version");

enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_DATA_VERSION,
	STMT_PROFILE_FIND,
	STMT_PROFILE_ADD,
	STMT_PROFILE_DELETE,
	STMT_PROFILES_LIST,
	STMT_RECORDS_LIST,
	STMT_ITEMS_GET,
	STMT_ITEM_DONE,
	STMT_ITEM_NOTE,
	STMT_ITEM_FORGET,
	STMT_POSITION_GET,
	STMT_POSITION_SET,
	STMT_RATINGS_GET,
	STMT_RATING_VALUE,
	STMT_RATING_NOTE,
	STMT_RATING_PRUNE,
	STMT_RATED_COUNT,
	STMT_SNAPSHOT_LATEST,
	STMT_SNAPSHOT_DIFFERS,
	STMT_SNAPSHOT_ADD,
	STMT_SNAPSHOT_COPY,
	STMT_SNAPSHOTS_GET,
	STMT_SNAPSHOT_FIND,
	STMT_SNAPSHOT_SIZE,
	STMT_SNAPSHOT_VALUE,
	STMT_SNAPSHOT_RATING_ADD,
	STMT_COUNT
};

/* Parameters are numbered (?1 ...) in the order of the bind formats below. */
/* clang-format off */
static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	/* SQLite resolves a repeated savepoint name to the innermost one. */
	[STMT_SAVEPOINT] = "SAVEPOINT nest",
	[STMT_RELEASE] = "RELEASE nest",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO nest",
	[STMT_DATA_VERSION] = "PRAGMA data_version",

	[STMT_PROFILE_FIND] = "SELECT id FROM profiles WHERE name = ?1",
	[STMT_PROFILE_ADD] = "INSERT INTO profiles (name, created_at) VALUES (?1, ?2)",
	[STMT_PROFILE_DELETE] = "DELETE FROM profiles WHERE name = ?1",
	/* Progress is items, ratings and snapshots; a reading position is
	 * none, and a profile that has only positions (it read, nothing
	 * more) is no candidate either. */
	[STMT_PROFILES_LIST] =
		"SELECT p.name, r.role, coalesce(sum(r.done), 0),"
		" coalesce(max(r.updated_at), p.created_at)"
		" FROM profiles AS p LEFT JOIN ("
		"  SELECT profile_id, role, done, updated_at FROM items"
		"  UNION ALL SELECT profile_id, role, 0, updated_at FROM ratings"
		"  UNION ALL SELECT profile_id, role, 0, taken_at FROM snapshots"
		" ) AS r ON r.profile_id = p.id"
		" WHERE r.role IS NOT NULL"
		"  OR NOT EXISTS (SELECT 1 FROM positions AS x WHERE x.profile_id = p.id)"
		" GROUP BY p.id, r.role ORDER BY p.name, r.role",
	[STMT_RECORDS_LIST] =
		"SELECT p.name, r.role, coalesce(sum(r.done), 0),"
		" coalesce(max(r.updated_at), p.created_at)"
		" FROM profiles AS p LEFT JOIN ("
		"  SELECT profile_id, role, done, updated_at FROM items"
		"  UNION ALL SELECT profile_id, role, 0, updated_at FROM positions"
		"  UNION ALL SELECT profile_id, role, 0, updated_at FROM ratings"
		"  UNION ALL SELECT profile_id, role, 0, taken_at FROM snapshots"
		" ) AS r ON r.profile_id = p.id"
		" GROUP BY p.id, r.role ORDER BY p.name, r.role",

	[STMT_ITEMS_GET] =
		"SELECT i.item_id, i.text, i.done, i.done_at, i.note, i.updated_at"
		" FROM items AS i JOIN profiles AS p ON p.id = i.profile_id"
		" WHERE p.name = ?1 AND i.role = ?2 ORDER BY i.item_id",
	/* ?4 NULL keeps the stored wording. */
	[STMT_ITEM_DONE] =
		"INSERT INTO items (profile_id, role, item_id, text, done, done_at, updated_at)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7)"
		" ON CONFLICT (profile_id, role, item_id) DO UPDATE SET"
		" text = coalesce(?4, text), done = ?5, done_at = ?6, updated_at = ?7",
	[STMT_ITEM_NOTE] =
		"INSERT INTO items (profile_id, role, item_id, text, note, updated_at)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6)"
		" ON CONFLICT (profile_id, role, item_id) DO UPDATE SET"
		" text = coalesce(?4, text), note = ?5, updated_at = ?6",
	[STMT_ITEM_FORGET] =
		"DELETE FROM items WHERE profile_id = ?1 AND role = ?2 AND item_id = ?3",

	[STMT_POSITION_GET] =
		"SELECT x.section, x.line FROM positions AS x JOIN profiles AS p"
		" ON p.id = x.profile_id WHERE p.name = ?1 AND x.role = ?2",
	[STMT_POSITION_SET] =
		"INSERT INTO positions (profile_id, role, section, line, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (profile_id, role) DO UPDATE SET"
		" section = ?3, line = ?4, updated_at = ?5",

	[STMT_RATINGS_GET] =
		"SELECT r.rater, r.statement_id, r.area, r.text, r.value, r.note, r.updated_at"
		" FROM ratings AS r JOIN profiles AS p ON p.id = r.profile_id"
		" WHERE p.name = ?1 AND r.role = ?2 AND (?3 IS NULL OR r.rater = ?3)"
		" ORDER BY r.rater, r.statement_id",
	[STMT_RATING_VALUE] =
		"INSERT INTO ratings (profile_id, role, rater, statement_id, area, text,"
		" value, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), ?7, ?8)"
		" ON CONFLICT (profile_id, role, rater, statement_id) DO UPDATE SET"
		" area = coalesce(?5, area), text = coalesce(?6, text), value = ?7,"
		" updated_at = ?8",
	[STMT_RATING_NOTE] =
		"INSERT INTO ratings (profile_id, role, rater, statement_id, area, text,"
		" note, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), ?7, ?8)"
		" ON CONFLICT (profile_id, role, rater, statement_id) DO UPDATE SET"
		" area = coalesce(?5, area), text = coalesce(?6, text), note = ?7,"
		" updated_at = ?8",
	/* A rating with neither a value nor a note says nothing: drop it. */
	[STMT_RATING_PRUNE] =
		"DELETE FROM ratings WHERE profile_id = ?1 AND role = ?2 AND rater = ?3"
		" AND statement_id = ?4 AND value = 0 AND note IS NULL",
	[STMT_RATED_COUNT] =
		"SELECT count(*) FROM ratings"
		" WHERE profile_id = ?1 AND role = ?2 AND rater = ?3 AND value > 0",

	[STMT_SNAPSHOT_LATEST] =
		"SELECT id FROM snapshots WHERE profile_id = ?1 AND role = ?2 AND rater = ?3"
		" ORDER BY taken_at DESC, id DESC LIMIT 1",
	/* 1 when the current ratings (value > 0) differ from snapshot ?4. */
	[STMT_SNAPSHOT_DIFFERS] =
		"SELECT EXISTS (SELECT statement_id, value FROM ratings"
		"  WHERE profile_id = ?1 AND role = ?2 AND rater = ?3 AND value > 0"
		"  EXCEPT SELECT statement_id, value FROM snapshot_ratings"
		"  WHERE snapshot_id = ?4)"
		" OR EXISTS (SELECT statement_id, value FROM snapshot_ratings"
		"  WHERE snapshot_id = ?4"
		"  EXCEPT SELECT statement_id, value FROM ratings"
		"  WHERE profile_id = ?1 AND role = ?2 AND rater = ?3 AND value > 0)",
	[STMT_SNAPSHOT_ADD] =
		"INSERT INTO snapshots (profile_id, role, rater, taken_at) VALUES (?1, ?2, ?3, ?4)",
	[STMT_SNAPSHOT_COPY] =
		"INSERT INTO snapshot_ratings (snapshot_id, statement_id, area, text, value,"
		" note, updated_at)"
		" SELECT ?4, statement_id, area, text, value, note, updated_at FROM ratings"
		" WHERE profile_id = ?1 AND role = ?2 AND rater = ?3 AND value > 0",
	[STMT_SNAPSHOTS_GET] =
		"SELECT s.id, s.rater, s.taken_at, r.statement_id, r.area, r.text, r.value,"
		" r.note, r.updated_at"
		" FROM snapshots AS s JOIN profiles AS p ON p.id = s.profile_id"
		" LEFT JOIN snapshot_ratings AS r ON r.snapshot_id = s.id"
		" WHERE p.name = ?1 AND s.role = ?2 AND (?3 IS NULL OR s.rater = ?3)"
		" ORDER BY s.taken_at, s.id, r.statement_id",
	[STMT_SNAPSHOT_FIND] =
		"SELECT id FROM snapshots"
		" WHERE profile_id = ?1 AND role = ?2 AND rater = ?3 AND taken_at = ?4",
	[STMT_SNAPSHOT_SIZE] = "SELECT count(*) FROM snapshot_ratings WHERE snapshot_id = ?1",
	[STMT_SNAPSHOT_VALUE] =
		"SELECT value FROM snapshot_ratings WHERE snapshot_id = ?1 AND statement_id = ?2",
	[STMT_SNAPSHOT_RATING_ADD] =
		"INSERT INTO snapshot_ratings (snapshot_id, statement_id, area, text, value,"
		" note, updated_at)"
		" VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), ?5, ?6, ?7)",
};
/* clang-format on */

struct store {
	sqlite3 *db;
	bool readonly;
	int depth;	      /* 0: no transaction; 1: BEGIN; more: SAVEPOINTs */
	int changes_at_begin; /* sqlite3_total_changes() when depth became 1 */
	uint64_t version;     /* what store_data_version() returns */
	int64_t data_version; /* last PRAGMA data_version seen */
	sqlite3_stmt *stmts[STMT_COUNT];
};

/* clang-format off */
static const char *const messages[] = {
	[STORE_OK] = "success",
	[STORE_ERR_OPEN] = "cannot open or create the database",
	[STORE_ERR_CORRUPT] = "the database is damaged or is not a database",
	[STORE_ERR_FOREIGN] = "the file is another program's database",
	[STORE_ERR_NEWER] = "the database was written by a newer rolebook",
	[STORE_ERR_READONLY] = "the database is read-only; changes are not saved",
	[STORE_ERR_BUSY] = "the database is locked by another rolebook; try again",
	[STORE_ERR_NOTFOUND] = "no such profile or record",
	[STORE_ERR_INVALID] = "invalid value",
	[STORE_ERR_IO] = "cannot read or write the database (disk full or I/O error)",
};
/* clang-format on */

const char *
store_strerror(enum store_status status)
{
	if ((unsigned)status >= sizeof messages / sizeof messages[0] || messages[status] == NULL)
		return "unknown error";
	return messages[status];
}

static enum store_status
status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_ERR_BUSY;
	case SQLITE_READONLY:
		return STORE_ERR_READONLY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return STORE_ERR_CORRUPT;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
	case SQLITE_RANGE:
		return STORE_ERR_INVALID;
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return STORE_ERR_OPEN;
	case SQLITE_NOMEM:
		/* Out of memory is the one error rolebook does not recover from. */
		fatal("out of memory (SQLite)");
	default:
		return STORE_ERR_IO;
	}
}

/* Replaces *detail (when detail is not NULL) with a new message. */
static void set_detail(char **detail, const char *fmt, ...) RB_PRINTF(2, 3);

static void
set_detail(char **detail, const char *fmt, ...)
{
	va_list ap;

	if (detail == NULL)
		return;
	free(*detail);
	va_start(ap, fmt);
	*detail = xvasprintf(fmt, ap);
	va_end(ap);
}

/* ---- statements ---- */

static enum store_status
prepare(struct store *st, enum stmt which, sqlite3_stmt **out)
{
	int rc = SQLITE_OK;

	if (st->stmts[which] == NULL)
		rc = sqlite3_prepare_v3(st->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
					&st->stmts[which], NULL);
	*out = st->stmts[which];
	return status_of(rc);
}

/* Resets s and drops its bindings, which point into the caller's strings. */
static void
release(sqlite3_stmt *s)
{
	if (s != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

/* Binds ?1, ?2 ... from fmt: 't' const char * (NULL binds NULL), 'l'
 * int64_t, 'd' int.  Strings are not copied; release() drops them. */
static enum store_status
vbind(sqlite3_stmt *s, const char *fmt, va_list ap)
{
	const char *text;
	int i, rc = SQLITE_OK;

	/* Every parameter is bound on every use. */
	assert((size_t)sqlite3_bind_parameter_count(s) == strlen(fmt));
	for (i = 0; fmt[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 't':
			text = va_arg(ap, const char *);
			if (text == NULL)
				rc = sqlite3_bind_null(s, i + 1);
			else
				rc = sqlite3_bind_text(s, i + 1, text, -1, SQLITE_STATIC);
			break;
		case 'l':
			rc = sqlite3_bind_int64(s, i + 1, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_int(s, i + 1, va_arg(ap, int));
			break;
		default:
			assert(!"bad bind format");
		}
	}
	return status_of(rc);
}

/* Prepares and binds a statement; on success the caller steps *out and
 * then release()s it. */
static enum store_status
query(struct store *st, enum stmt which, sqlite3_stmt **out, const char *fmt, ...)
{
	enum store_status status;
	va_list ap;

	status = prepare(st, which, out);
	if (status != STORE_OK)
		return status;
	va_start(ap, fmt);
	status = vbind(*out, fmt, ap);
	va_end(ap);
	if (status != STORE_OK) {
		release(*out);
		*out = NULL;
	}
	return status;
}

/* Runs a statement to the end, ignoring any rows. */
static enum store_status
run(struct store *st, enum stmt which, const char *fmt, ...)
{
	enum store_status status;
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	status = prepare(st, which, &s);
	if (status != STORE_OK)
		return status;
	va_start(ap, fmt);
	status = vbind(s, fmt, ap);
	va_end(ap);
	if (status == STORE_OK) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		status = status_of(rc);
	}
	release(s);
	return status;
}

/* Runs a statement that yields one integer; STORE_ERR_NOTFOUND when it
 * yields no row. */
static enum store_status
get_int(struct store *st, int64_t *out, enum stmt which, const char *fmt, ...)
{
	enum store_status status;
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	status = prepare(st, which, &s);
	if (status != STORE_OK)
		return status;
	va_start(ap, fmt);
	status = vbind(s, fmt, ap);
	va_end(ap);
	if (status == STORE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			*out = sqlite3_column_int64(s, 0);
		else
			status = rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : status_of(rc);
	}
	release(s);
	return status;
}

/* A new copy of a text column; "" for NULL. */
static char *
col_str(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* A new copy of a text column; NULL for NULL. */
static char *
col_opt(sqlite3_stmt *s, int col)
{
	const unsigned char *t;

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(s, col);
	return xstrdup(t != NULL ? (const char *)t : "");
}

/* ---- opening ---- */

/* Opens a connection with extended result codes and the busy timeout. */
static int
open_db(const char *name, int flags, int busy_ms, sqlite3 **out)
{
	int rc = sqlite3_open_v2(name, out, flags, NULL);

	if (*out != NULL) {
		sqlite3_extended_result_codes(*out, 1);
		sqlite3_busy_timeout(*out, busy_ms);
	}
	return rc;
}

static int
scalar_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}

/* *out receives a new copy of the first row's text, or NULL. */
static int
scalar_text(sqlite3 *db, const char *sql, char **out)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	*out = NULL;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = col_str(s, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* The folder part of path ("." when there is none); a new string. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* mkdir -p of path's folder; new folders get 0700 (the umask is 077). */
static enum store_status
make_folders(const char *path, char **detail)
{
	char *dir = folder_of(path), *p;
	enum store_status status = STORE_OK;

	for (p = dir + 1; status == STORE_OK; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			set_detail(detail, "cannot create folder %s: %s", dir, strerror(errno));
			status = STORE_ERR_OPEN;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return status;
}

/* Creates the file 0600 so SQLite (whose companions copy the database's
 * mode) never makes it from a looser umask. */
static enum store_status
create_file(const char *path, char **detail)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	if (fd < 0 && errno != EEXIST) {
		set_detail(detail, "cannot create %s: %s", path, strerror(errno));
		return STORE_ERR_OPEN;
	}
	if (fd >= 0)
		close(fd);
	return STORE_OK;
}

/* True when path-wal holds frames that an immutable connection would miss. */
static bool
wal_pending(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool pending = stat(wal, &sb) == 0 && sb.st_size > 0;

	free(wal);
	return pending;
}

/* "file:" URI for path with ?immutable=1; a new string. */
static char *
immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = xmalloc(8 + 3 * strlen(path) + sizeof "?immutable=1"), *p = uri;
	const unsigned char *c;

	/* An empty authority, so a path starting with "//" is not a host. */
	p += sprintf(p, "%s", path[0] == '/' ? "file://" : "file:");
	for (c = (const unsigned char *)path; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/._-~", *c) != NULL) {
			*p++ = (char)*c;
		} else {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		}
	}
	strcpy(p, "?immutable=1");
	return uri;
}

/*
 * Opens path read-only and decides whether it may be used: the checks that
 * refuse a file run here, before any connection could write to it.  On
 * success *out is the read-only connection and *version its user_version.
 */
static enum store_status
inspect(const char *path, bool writable, int busy_ms, sqlite3 **out, int *version, char **detail)
{
	sqlite3 *db = NULL;
	char *check = NULL, *uri;
	int64_t app = 0, uv = 0, objects = 0;
	enum store_status status = STORE_OK;
	int rc;

	*out = NULL;
	rc = open_db(path, SQLITE_OPEN_READONLY, busy_ms, &db);
	/* One read transaction, so every answer comes from the same state of
	 * a file that another rolebook may be setting up right now. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = scalar_text(db, "PRAGMA quick_check", &check);
	if (!writable && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
		/* A WAL database in a folder we cannot write: SQLite cannot
		 * create the -shm index, so read the file as it stands. */
		if (wal_pending(path)) {
			set_detail(detail,
				   "%s-wal holds changes that cannot be read while its "
				   "folder is read-only",
				   path);
			sqlite3_close(db);
			return STORE_ERR_OPEN;
		}
		sqlite3_close(db);
		db = NULL;
		uri = immutable_uri(path);
		rc = open_db(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, busy_ms, &db);
		free(uri);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = scalar_text(db, "PRAGMA quick_check", &check);
	}
	if (rc == SQLITE_OK)
		rc = scalar_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = scalar_int(db, "PRAGMA user_version", &uv);
	if (rc == SQLITE_OK)
		rc = scalar_int(db, "SELECT count(*) FROM sqlite_master", &objects);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		status = status_of(rc);
		if (status == STORE_ERR_CORRUPT)
			set_detail(detail, "%s is not a usable database: %s", path,
				   sqlite3_errmsg(db));
		else if (status == STORE_ERR_BUSY)
			set_detail(detail, "%s is locked by another process", path);
		else
			set_detail(detail, "cannot read %s: %s", path,
				   db != NULL ? sqlite3_errmsg(db) : "out of memory");
		if (status == STORE_ERR_READONLY || status == STORE_ERR_INVALID)
			status = STORE_ERR_OPEN;
	} else if (check == NULL || strcmp(check, "ok") != 0) {
		char *nl;

		/* One line, for a status line: the report comes in several. */
		while (check != NULL && (nl = strchr(check, '\n')) != NULL)
			*nl = ' ';
		set_detail(detail, "%s fails the integrity check: %s", path,
			   check != NULL ? check : "no result");
		status = STORE_ERR_CORRUPT;
	} else if (app == STORE_APPLICATION_ID && uv == 0 && objects > 0) {
		set_detail(detail, "%s is marked as rolebook's but has no schema version", path);
		status = STORE_ERR_CORRUPT;
	} else if (app != STORE_APPLICATION_ID && (app != 0 || uv != 0 || objects > 0)) {
		set_detail(detail,
			   "%s is not a rolebook database (application_id 0x%08llx, "
			   "%lld schema objects)",
			   path, (unsigned long long)(uint32_t)app, (long long)objects);
		status = STORE_ERR_FOREIGN;
	} else if (uv > STORE_SCHEMA_VERSION || uv < 0) {
		set_detail(detail,
			   "%s has schema version %lld; this rolebook knows up to "
			   "version %d",
			   path, (long long)uv, STORE_SCHEMA_VERSION);
		status = STORE_ERR_NEWER;
	}
	free(check);
	if (status != STORE_OK) {
		sqlite3_close(db);
		return status;
	}
	*out = db;
	*version = (int)uv;
	return STORE_OK;
}

/* Brings the schema from version up to STORE_SCHEMA_VERSION, one step per
 * transaction; another process may be doing the same, so each step checks
 * the version again under the write lock. */
static enum store_status
migrate(sqlite3 *db, const char *path, int version, char **detail)
{
	char *err = NULL;
	int64_t now;
	int rc;

	while (version < STORE_SCHEMA_VERSION) {
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = scalar_int(db, "PRAGMA user_version", &now);
		if (rc == SQLITE_OK && now > STORE_SCHEMA_VERSION) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			set_detail(detail,
				   "%s has schema version %lld; this rolebook knows up "
				   "to version %d",
				   path, (long long)now, STORE_SCHEMA_VERSION);
			return STORE_ERR_NEWER;
		}
		if (rc == SQLITE_OK && now == version)
			rc = sqlite3_exec(db, migrations[version], NULL, NULL, &err);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			enum store_status status = status_of(rc);

			if (status == STORE_ERR_BUSY)
				set_detail(detail, "%s is locked by another process", path);
			else
				set_detail(detail, "cannot upgrade %s from schema version %d: %s",
					   path, version, err != NULL ? err : sqlite3_errmsg(db));
			sqlite3_free(err);
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return status;
		}
		version = now == version ? version + 1 : (int)now;
	}
	return STORE_OK;
}

/* PRAGMA journal_mode = WAL takes an exclusive lock without calling the
 * busy handler, so two rolebooks setting up a new file at once would see
 * SQLITE_BUSY at once: retry for up to busy_ms. */
static int
to_wal(sqlite3 *db, int busy_ms, char **mode)
{
	int rc, slept, waited = 0;

	for (;;) {
		rc = scalar_text(db, "PRAGMA journal_mode = WAL", mode);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms)
			return rc;
		slept = sqlite3_sleep(10);
		waited += slept > 0 ? slept : 10;
	}
}

/* Opens the read-write connection and readies it: foreign keys, WAL,
 * synchronous, schema.  *rc tells the caller why it failed. */
static enum store_status
open_rw(struct store *st, const char *path, int busy_ms, int version, int *rc, char **detail)
{
	char *mode = NULL;
	enum store_status status;

	*rc = open_db(path, SQLITE_OPEN_READWRITE, busy_ms, &st->db);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* Switching to WAL writes the file, so only when it is not WAL yet. */
	if (*rc == SQLITE_OK)
		*rc = scalar_text(st->db, "PRAGMA journal_mode", &mode);
	if (*rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0)) {
		free(mode);
		*rc = to_wal(st->db, busy_ms, &mode);
		if (*rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0))
			*rc = SQLITE_ERROR;
	}
	free(mode);
	/* FULL: a commit that returned is on disk even after a power loss. */
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	if (*rc != SQLITE_OK) {
		status = status_of(*rc);
		if (status == STORE_ERR_BUSY)
			set_detail(detail, "%s is locked by another process", path);
		else
			set_detail(detail, "cannot open %s for writing: %s", path,
				   st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		return status == STORE_ERR_INVALID ? STORE_ERR_IO : status;
	}
	return migrate(st->db, path, version, detail);
}

static void
close_db(struct store *st)
{
	size_t i;

	for (i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
	sqlite3_close(st->db);
	st->db = NULL;
}

static enum store_status
open_file(struct store *st, const char *path, unsigned flags, int busy_ms, char **detail)
{
	struct stat sb;
	char *dir;
	bool writable;
	int version, rc = SQLITE_OK;
	enum store_status status;
	sqlite3 *db;

	if (stat(path, &sb) != 0) {
		if (errno != ENOENT) {
			set_detail(detail, "cannot open %s: %s", path, strerror(errno));
			return STORE_ERR_OPEN;
		}
		if (flags & STORE_READONLY) {
			set_detail(detail, "%s does not exist", path);
			return STORE_ERR_OPEN;
		}
		if ((status = make_folders(path, detail)) != STORE_OK ||
		    (status = create_file(path, detail)) != STORE_OK)
			return status;
	} else if (S_ISDIR(sb.st_mode)) {
		set_detail(detail, "%s is a folder", path);
		return STORE_ERR_OPEN;
	}

	/* The folder must be writable too: WAL keeps -wal and -shm beside
	 * the file. */
	dir = folder_of(path);
	writable = !(flags & STORE_READONLY) && access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);

	status = inspect(path, writable, busy_ms, &db, &version, detail);
	if (status != STORE_OK)
		return status;
	if (writable) {
		sqlite3_close(db);
		status = open_rw(st, path, busy_ms, version, &rc, detail);
		if (status == STORE_OK)
			return STORE_OK;
		close_db(st);
		/* Writing turned out to be impossible after all (a read-only
		 * mount, say): fall back to reading. */
		if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
			return status;
		if (detail != NULL) {
			free(*detail);
			*detail = NULL;
		}
		status = inspect(path, false, busy_ms, &db, &version, detail);
		if (status != STORE_OK)
			return status;
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (version == 0)
			set_detail(detail, "%s is read-only and has not been set up yet", path);
		else
			set_detail(detail,
				   "%s is read-only and needs upgrading from schema "
				   "version %d to %d",
				   path, version, STORE_SCHEMA_VERSION);
		sqlite3_close(db);
		return STORE_ERR_READONLY;
	}
	st->db = db;
	st->readonly = true;
	return STORE_OK;
}

enum store_status
store_open(const char *path, unsigned flags, int busy_ms, struct store **out, char **detail)
{
	struct store *st;
	enum store_status status;
	mode_t old_umask;
	int64_t dv = 0;

	assert(out != NULL);
	*out = NULL;
	if (detail != NULL)
		*detail = NULL;
	if (path == NULL || *path == '\0') {
		set_detail(detail, "no database path");
		return STORE_ERR_INVALID;
	}
	st = xcalloc(1, sizeof *st);
	/* Whatever SQLite creates while opening (-wal, -shm) stays private. */
	old_umask = umask(077);
	status = open_file(st, path, flags, busy_ms < 0 ? 0 : busy_ms, detail);
	umask(old_umask);
	if (status != STORE_OK) {
		close_db(st);
		free(st);
		return status;
	}
	if (scalar_int(st->db, "PRAGMA data_version", &dv) == SQLITE_OK)
		st->data_version = dv;
	st->version = 1;
	*out = st;
	return STORE_OK;
}

enum store_status
store_open_memory(struct store **out, char **detail)
{
	struct store *st;
	int rc;
	enum store_status status;

	assert(out != NULL);
	*out = NULL;
	if (detail != NULL)
		*detail = NULL;
	st = xcalloc(1, sizeof *st);
	rc = open_db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0, &st->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	status = status_of(rc);
	if (status != STORE_OK)
		set_detail(detail, "cannot open a database in memory: %s",
			   st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
	else
		status = migrate(st->db, ":memory:", 0, detail);
	if (status != STORE_OK) {
		close_db(st);
		free(st);
		return status;
	}
	st->version = 1;
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->depth > 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	close_db(st);
	free(st);
}

bool
store_is_readonly(const struct store *st)
{
	return st->readonly;
}

/*
 * PRAGMA data_version moves only when another connection commits, so the
 * counter returned also moves when this store commits a transaction that
 * changed rows.  It never goes back; it may move without a visible change.
 */
uint64_t
store_data_version(struct store *st)
{
	int64_t dv;

	if (get_int(st, &dv, STMT_DATA_VERSION, "") == STORE_OK && dv != st->data_version) {
		st->data_version = dv;
		st->version++;
	}
	return st->version;
}

const char *
store_migration_sql(int version)
{
	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return NULL;
	return migrations[version - 1];
}

/* ---- transactions ---- */

enum store_status
store_begin(struct store *st)
{
	enum store_status status;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (st->depth > 0 && sqlite3_get_autocommit(st->db))
		return STORE_ERR_IO; /* SQLite rolled the transaction back */
	status = run(st, st->depth == 0 ? STMT_BEGIN : STMT_SAVEPOINT, "");
	if (status != STORE_OK)
		return status;
	if (st->depth == 0)
		st->changes_at_begin = sqlite3_total_changes(st->db);
	st->depth++;
	return STORE_OK;
}

enum store_status
store_commit(struct store *st)
{
	enum store_status status;

	if (st->depth == 0)
		return STORE_ERR_INVALID;
	if (sqlite3_get_autocommit(st->db)) {
		/* SQLite already rolled back after an error (disk full, I/O). */
		st->depth--;
		return STORE_ERR_IO;
	}
	if (st->depth > 1) {
		status = run(st, STMT_RELEASE, "");
		st->depth--;
		return status;
	}
	status = run(st, STMT_COMMIT, "");
	if (status != STORE_OK && !sqlite3_get_autocommit(st->db))
		run(st, STMT_ROLLBACK, "");
	st->depth = 0;
	if (status == STORE_OK && sqlite3_total_changes(st->db) != st->changes_at_begin)
		st->version++;
	return status;
}

void
store_rollback(struct store *st)
{
	if (st->depth == 0)
		return;
	if (!sqlite3_get_autocommit(st->db)) {
		if (st->depth > 1) {
			run(st, STMT_ROLLBACK_TO, "");
			run(st, STMT_RELEASE, "");
		} else {
			run(st, STMT_ROLLBACK, "");
		}
	}
	st->depth--;
}

/* Ends the transaction a setter began: commits on success. */
static enum store_status
finish(struct store *st, enum store_status status)
{
	if (status == STORE_OK)
		return store_commit(st);
	store_rollback(st);
	return status;
}

/* ---- profiles ---- */

static bool
name_ok(const char *name)
{
	return name != NULL && *name != '\0' && strlen(name) <= STORE_NAME_MAX;
}

static bool
id_ok(const char *id)
{
	return id != NULL && *id != '\0';
}

/* The profile's id; inside a transaction when create is true. */
static enum store_status
profile_id(struct store *st, const char *name, bool create, int64_t now, int64_t *id)
{
	enum store_status status = get_int(st, id, STMT_PROFILE_FIND, "t", name);

	if (status != STORE_ERR_NOTFOUND || !create)
		return status;
	status = run(st, STMT_PROFILE_ADD, "tl", name, now);
	if (status == STORE_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return status;
}

enum store_status
store_profile(struct store *st, const char *name, bool create, int64_t now, int64_t *id)
{
	enum store_status status;

	if (!name_ok(name))
		return STORE_ERR_INVALID;
	status = profile_id(st, name, false, now, id);
	if (status != STORE_ERR_NOTFOUND || !create)
		return status;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	return finish(st, profile_id(st, name, true, now, id));
}

enum store_status
store_profile_delete(struct store *st, const char *name)
{
	enum store_status status;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(name))
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = run(st, STMT_PROFILE_DELETE, "t", name);
	if (status == STORE_OK && sqlite3_changes(st->db) == 0)
		status = STORE_ERR_NOTFOUND;
	return finish(st, status);
}

static enum store_status
progress_list(struct store *st, enum stmt which, struct store_progress **out, size_t *n)
{
	struct store_progress *v = NULL, *p;
	size_t len = 0, cap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((status = query(st, which, &s, "")) != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len + 1, sizeof *v);
		p = &v[len++];
		p->profile = col_str(s, 0);
		p->role = col_opt(s, 1);
		p->done = (size_t)sqlite3_column_int64(s, 2);
		p->updated_at = sqlite3_column_int64(s, 3);
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_progress_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

enum store_status
store_profiles_list(struct store *st, struct store_progress **out, size_t *n)
{
	return progress_list(st, STMT_PROFILES_LIST, out, n);
}

enum store_status
store_records_list(struct store *st, struct store_progress **out, size_t *n)
{
	return progress_list(st, STMT_RECORDS_LIST, out, n);
}

void
store_progress_free(struct store_progress *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].profile);
		free(p[i].role);
	}
	free(p);
}

/* ---- checklist ---- */

enum store_status
store_items_get(struct store *st, const char *profile, const char *role, struct store_item **out,
		size_t *n)
{
	struct store_item *v = NULL, *it;
	size_t len = 0, cap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	if ((status = query(st, STMT_ITEMS_GET, &s, "tt", profile, role)) != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len + 1, sizeof *v);
		it = &v[len++];
		it->item_id = col_str(s, 0);
		it->text = col_str(s, 1);
		it->done = sqlite3_column_int(s, 2) != 0;
		it->done_at = sqlite3_column_int64(s, 3);
		it->note = col_opt(s, 4);
		it->updated_at = sqlite3_column_int64(s, 5);
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_items_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

void
store_items_free(struct store_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].item_id);
		free(items[i].text);
		free(items[i].note);
	}
	free(items);
}

enum store_status
store_item_set_done(struct store *st, const char *profile, const char *role, const char *item_id,
		    const char *text, bool done, int64_t now)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || !id_ok(item_id))
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, true, now, &pid);
	if (status == STORE_OK)
		status = run(st, STMT_ITEM_DONE, "ltttdll", pid, role, item_id, text, (int)done,
			     done ? now : (int64_t)0, now);
	return finish(st, status);
}

enum store_status
store_item_set_note(struct store *st, const char *profile, const char *role, const char *item_id,
		    const char *text, const char *note, int64_t now)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || !id_ok(item_id))
		return STORE_ERR_INVALID;
	if (note != NULL && *note == '\0')
		note = NULL;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, true, now, &pid);
	if (status == STORE_OK)
		status = run(st, STMT_ITEM_NOTE, "lttttl", pid, role, item_id, text, note, now);
	return finish(st, status);
}

enum store_status
store_item_forget(struct store *st, const char *profile, const char *role, const char *item_id)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || !id_ok(item_id))
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, false, 0, &pid);
	if (status == STORE_OK)
		status = run(st, STMT_ITEM_FORGET, "ltt", pid, role, item_id);
	if (status == STORE_OK && sqlite3_changes(st->db) == 0)
		status = STORE_ERR_NOTFOUND;
	return finish(st, status);
}

/* ---- reading position ---- */

enum store_status
store_position_get(struct store *st, const char *profile, const char *role, char **section,
		   int *line)
{
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*section = NULL;
	*line = 0;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	if ((status = query(st, STMT_POSITION_GET, &s, "tt", profile, role)) != STORE_OK)
		return status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*section = col_opt(s, 0);
		*line = sqlite3_column_int(s, 1);
	}
	release(s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : status_of(rc);
}

enum store_status
store_position_set(struct store *st, const char *profile, const char *role, const char *section,
		   int line, int64_t now)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || line < 0)
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, true, now, &pid);
	if (status == STORE_OK)
		status = run(st, STMT_POSITION_SET, "lttdl", pid, role, section, line, now);
	return finish(st, status);
}

/* ---- ratings ---- */

static void
rating_from_row(struct store_rating *r, sqlite3_stmt *s, int col)
{
	r->statement_id = col_str(s, col);
	r->area = col_str(s, col + 1);
	r->text = col_str(s, col + 2);
	r->value = sqlite3_column_int(s, col + 3);
	r->note = col_opt(s, col + 4);
	r->updated_at = sqlite3_column_int64(s, col + 5);
}

enum store_status
store_ratings_get(struct store *st, const char *profile, const char *role, const char *rater,
		  struct store_rating **out, size_t *n)
{
	struct store_rating *v = NULL;
	size_t len = 0, cap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	if ((status = query(st, STMT_RATINGS_GET, &s, "ttt", profile, role, rater)) != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len + 1, sizeof *v);
		v[len].rater = col_str(s, 0);
		rating_from_row(&v[len++], s, 1);
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_ratings_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

static void
ratings_clear(struct store_rating *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].rater);
		free(r[i].statement_id);
		free(r[i].area);
		free(r[i].text);
		free(r[i].note);
	}
}

void
store_ratings_free(struct store_rating *r, size_t n)
{
	ratings_clear(r, n);
	free(r);
}

/* Sets the value (set_value) or the note of one rating, then drops the
 * record if it holds neither. */
static enum store_status
rating_change(struct store *st, const char *profile, const char *role, const char *rater,
	      const char *statement_id, const char *area, const char *text, bool set_value,
	      int value, const char *note, int64_t now)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || rater == NULL || !id_ok(statement_id) ||
	    value < 0 || value > 5)
		return STORE_ERR_INVALID;
	if (note != NULL && *note == '\0')
		note = NULL;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, true, now, &pid);
	if (status == STORE_OK && set_value)
		status = run(st, STMT_RATING_VALUE, "ltttttdl", pid, role, rater, statement_id,
			     area, text, value, now);
	else if (status == STORE_OK)
		status = run(st, STMT_RATING_NOTE, "lttttttl", pid, role, rater, statement_id, area,
			     text, note, now);
	if (status == STORE_OK)
		status = run(st, STMT_RATING_PRUNE, "lttt", pid, role, rater, statement_id);
	return finish(st, status);
}

enum store_status
store_rating_set(struct store *st, const char *profile, const char *role, const char *rater,
		 const char *statement_id, const char *area, const char *text, int value,
		 int64_t now)
{
	return rating_change(st, profile, role, rater, statement_id, area, text, true, value, NULL,
			     now);
}

enum store_status
store_rating_set_note(struct store *st, const char *profile, const char *role, const char *rater,
		      const char *statement_id, const char *area, const char *text,
		      const char *note, int64_t now)
{
	return rating_change(st, profile, role, rater, statement_id, area, text, false, 0, note,
			     now);
}

/* ---- snapshots ---- */

enum store_status
store_snapshot_take(struct store *st, const char *profile, const char *role, const char *rater,
		    int64_t now, int64_t *id)
{
	enum store_status status;
	int64_t pid, count = 0, latest = 0, differs = 1, sid = 0;

	*id = 0;
	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || rater == NULL)
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, false, 0, &pid);
	if (status == STORE_OK)
		status = get_int(st, &count, STMT_RATED_COUNT, "ltt", pid, role, rater);
	if (status == STORE_OK && count > 0) {
		status = get_int(st, &latest, STMT_SNAPSHOT_LATEST, "ltt", pid, role, rater);
		if (status == STORE_OK)
			status = get_int(st, &differs, STMT_SNAPSHOT_DIFFERS, "lttl", pid, role,
					 rater, latest);
		else if (status == STORE_ERR_NOTFOUND)
			status = STORE_OK; /* no snapshot yet */
		if (status == STORE_OK && differs)
			status = run(st, STMT_SNAPSHOT_ADD, "lttl", pid, role, rater, now);
		if (status == STORE_OK && differs) {
			sid = sqlite3_last_insert_rowid(st->db);
			status = run(st, STMT_SNAPSHOT_COPY, "lttl", pid, role, rater, sid);
		}
	}
	if (status == STORE_ERR_NOTFOUND)
		status = STORE_OK; /* no such profile: nothing rated */
	status = finish(st, status);
	if (status == STORE_OK)
		*id = sid;
	return status;
}

enum store_status
store_snapshots_get(struct store *st, const char *profile, const char *role, const char *rater,
		    struct store_snapshot **out, size_t *n)
{
	struct store_snapshot *v = NULL, *snap = NULL;
	size_t len = 0, cap = 0, rcap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	status = query(st, STMT_SNAPSHOTS_GET, &s, "ttt", profile, role, rater);
	if (status != STORE_OK)
		return status;
	/* One row per rating, grouped by snapshot: a single statement, so
	 * one consistent read. */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (snap == NULL || snap->id != sqlite3_column_int64(s, 0)) {
			v = xgrow(v, &cap, len + 1, sizeof *v);
			snap = &v[len++];
			snap->id = sqlite3_column_int64(s, 0);
			snap->rater = col_str(s, 1);
			snap->taken_at = sqlite3_column_int64(s, 2);
			snap->ratings = NULL;
			snap->nratings = 0;
			rcap = 0;
		}
		if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
			struct store_rating *r;

			snap->ratings =
			    xgrow(snap->ratings, &rcap, snap->nratings + 1, sizeof *snap->ratings);
			r = &snap->ratings[snap->nratings++];
			r->rater = xstrdup(snap->rater);
			rating_from_row(r, s, 3);
		}
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_snapshots_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

void
store_snapshots_free(struct store_snapshot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(s[i].rater);
		store_ratings_free(s[i].ratings, s[i].nratings);
	}
	free(s);
}

/* True when snapshot sid holds exactly snap's (statement_id, value) pairs,
 * whose statement ids are known to be distinct. */
static enum store_status
snapshot_same(struct store *st, int64_t sid, const struct store_snapshot *snap, bool *same)
{
	enum store_status status;
	int64_t count, value;
	size_t i;

	*same = false;
	status = get_int(st, &count, STMT_SNAPSHOT_SIZE, "l", sid);
	if (status != STORE_OK || (size_t)count != snap->nratings)
		return status;
	for (i = 0; i < snap->nratings; i++) {
		status = get_int(st, &value, STMT_SNAPSHOT_VALUE, "lt", sid,
				 snap->ratings[i].statement_id);
		if (status == STORE_ERR_NOTFOUND)
			return STORE_OK;
		if (status != STORE_OK || value != snap->ratings[i].value)
			return status;
	}
	*same = true;
	return STORE_OK;
}

static bool
snapshot_ok(const struct store_snapshot *snap)
{
	size_t i, j;

	if (snap == NULL || snap->rater == NULL || (snap->nratings > 0 && snap->ratings == NULL))
		return false;
	for (i = 0; i < snap->nratings; i++) {
		const struct store_rating *r = &snap->ratings[i];

		if (!id_ok(r->statement_id) || r->value < 1 || r->value > 5)
			return false;
		for (j = 0; j < i; j++)
			if (strcmp(snap->ratings[j].statement_id, r->statement_id) == 0)
				return false;
	}
	return true;
}

enum store_status
store_snapshot_put(struct store *st, const char *profile, const char *role,
		   const struct store_snapshot *snap)
{
	enum store_status status;
	int64_t pid, sid, *found = NULL;
	size_t nfound = 0, cap = 0, i;
	sqlite3_stmt *s;
	bool same = false;
	int rc;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || !snapshot_ok(snap))
		return STORE_ERR_INVALID;
	if (snap->nratings == 0)
		return STORE_OK; /* store_snapshot_take never records an empty one */
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, true, snap->taken_at, &pid);
	if (status == STORE_OK)
		status = query(st, STMT_SNAPSHOT_FIND, &s, "lttl", pid, role, snap->rater,
			       snap->taken_at);
	if (status == STORE_OK) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			found = xgrow(found, &cap, nfound + 1, sizeof *found);
			found[nfound++] = sqlite3_column_int64(s, 0);
		}
		release(s);
		status = status_of(rc);
	}
	for (i = 0; i < nfound && status == STORE_OK && !same; i++)
		status = snapshot_same(st, found[i], snap, &same);
	free(found);
	if (status == STORE_OK && !same) {
		status = run(st, STMT_SNAPSHOT_ADD, "lttl", pid, role, snap->rater, snap->taken_at);
		sid = sqlite3_last_insert_rowid(st->db);
		for (i = 0; i < snap->nratings && status == STORE_OK; i++) {
			const struct store_rating *r = &snap->ratings[i];

			status = run(st, STMT_SNAPSHOT_RATING_ADD, "ltttdtl", sid, r->statement_id,
				     r->area, r->text, r->value,
				     r->note != NULL && *r->note != '\0' ? r->note : NULL,
				     r->updated_at);
		}
	}
	return finish(st, status);
}
