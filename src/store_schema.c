/*
 * store_schema.c - inspecting a database file before use, and the
 * schema's migrations.
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
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bounds.h"
#include "store_int.h"

/* "Rolb": PRAGMA application_id of rolebook's databases. */
#define STORE_APPLICATION_ID 0x526f6c62

/*
 * The schema, one frozen step per version.  Step 1 also marks the file as
 * rolebook's (1383033954 == 0x526f6c62).  Each step ends by setting the
 * version it reaches, so running a step in a transaction is the whole
 * migration, here and in the tests that build old databases.
 */
/* Step 1 is frozen with the limit it was written with. */
_Static_assert(STORE_NAME_MAX == 200, "migration 0 -> 1 checks names of 1 to 200 bytes");

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

	/* 2 -> 3: where a record came from (0 typed here, 1 a signed import,
	 * 2 an unsigned one) and the log of imports. */
	"ALTER TABLE items ADD COLUMN origin INTEGER NOT NULL DEFAULT 0"
	" CHECK (origin IN (0, 1, 2));\n"
	"ALTER TABLE ratings ADD COLUMN origin INTEGER NOT NULL DEFAULT 0"
	" CHECK (origin IN (0, 1, 2));\n"
	"CREATE TABLE imports (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	file TEXT NOT NULL,\n"
	"	signer TEXT,\n"
	"	profile TEXT NOT NULL,\n"
	"	exported_at INTEGER NOT NULL DEFAULT 0,\n"
	"	imported_at INTEGER NOT NULL,\n"
	"	added INTEGER NOT NULL DEFAULT 0,\n"
	"	changed INTEGER NOT NULL DEFAULT 0,\n"
	"	kept INTEGER NOT NULL DEFAULT 0,\n"
	"	refused INTEGER NOT NULL DEFAULT 0,\n"
	"	undone_at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	/* What each import replaced, to undo it: kind 0 an item, 1 a rating
	 * (key its id; existed 0: it added the record, else the old values;
	 * after the import's updated_at, to see a later edit), 2 the snapshots
	 * it added (ids above key up to after), 3 a position it set, 4 the
	 * profile it created. */
	"CREATE TABLE import_undo (\n"
	"	seq INTEGER PRIMARY KEY,\n"
	"	import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
	"	kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),\n"
	"	profile_id INTEGER NOT NULL,\n"
	"	role TEXT NOT NULL DEFAULT '',\n"
	"	rater TEXT NOT NULL DEFAULT '',\n"
	"	key TEXT NOT NULL DEFAULT '',\n"
	"	existed INTEGER NOT NULL DEFAULT 0,\n"
	"	text TEXT, done INTEGER, done_at INTEGER, area TEXT, value INTEGER,\n"
	"	note TEXT, updated_at INTEGER, origin INTEGER,\n"
	"	after INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX import_undo_of ON import_undo (import_id, seq);\n"
	"PRAGMA user_version = 3;\n",

	/* 3 -> 4: when a profile took up a role (a calendar day, "YYYY-MM-DD",
	 * rolebook start), and import_undo's kind 5: an appointment an import
	 * set (text the old day). */
	"CREATE TABLE appointments (\n"
	"	profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,\n"
	"	role TEXT NOT NULL,\n"
	"	day TEXT NOT NULL CHECK (day GLOB"
	" '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),\n"
	"	updated_at INTEGER NOT NULL,\n"
	"	origin INTEGER NOT NULL DEFAULT 0 CHECK (origin IN (0, 1, 2)),\n"
	"	PRIMARY KEY (profile_id, role)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE import_undo_4 (\n"
	"	seq INTEGER PRIMARY KEY,\n"
	"	import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
	"	kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 5),\n"
	"	profile_id INTEGER NOT NULL,\n"
	"	role TEXT NOT NULL DEFAULT '',\n"
	"	rater TEXT NOT NULL DEFAULT '',\n"
	"	key TEXT NOT NULL DEFAULT '',\n"
	"	existed INTEGER NOT NULL DEFAULT 0,\n"
	"	text TEXT, done INTEGER, done_at INTEGER, area TEXT, value INTEGER,\n"
	"	note TEXT, updated_at INTEGER, origin INTEGER,\n"
	"	after INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"INSERT INTO import_undo_4 SELECT seq, import_id, kind, profile_id, role, rater, key,"
	" existed, text, done, done_at, area, value, note, updated_at, origin, after"
	" FROM import_undo;\n"
	"DROP TABLE import_undo;\n"
	"ALTER TABLE import_undo_4 RENAME TO import_undo;\n"
	"CREATE INDEX import_undo_of ON import_undo (import_id, seq);\n"
	"PRAGMA user_version = 4;\n",

	/* 4 -> 5: the role ids the records had when a document's id was its
	 * file name (before folders): only these may a file opened directly
	 * adopt (store_adopt.c), each once; a new database has none. */
	"CREATE TABLE legacy_ids (\n"
	"	role TEXT PRIMARY KEY\n"
	") WITHOUT ROWID;\n"
	"INSERT OR IGNORE INTO legacy_ids (role)"
	" SELECT role FROM items UNION SELECT role FROM positions"
	" UNION SELECT role FROM ratings UNION SELECT role FROM snapshots"
	" UNION SELECT role FROM appointments;\n"
	"PRAGMA user_version = 5;\n",
};
/* clang-format on */
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration step per schema version");

/* Opens a connection with extended result codes and the busy timeout. */
int
store_schema_open_db(const char *name, int flags, int busy_ms, sqlite3 **out)
{
	int rc = sqlite3_open_v2(name, out, flags, NULL);

	if (*out != NULL) {
		sqlite3_extended_result_codes(*out, 1);
		sqlite3_busy_timeout(*out, busy_ms);
	}
	return rc;
}

/* Steps sql once on db: the first row's first column goes to *num or, as
 * a new string, to *text (whichever is not NULL).  With no row, *text is
 * NULL and SQLITE_OK returned, but a number is missed: SQLITE_ERROR. */
static int
scalar(sqlite3 *db, const char *sql, int64_t *num, char **text)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (text != NULL)
		*text = NULL;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (num != NULL)
			*num = sqlite3_column_int64(s, 0);
		else
			*text = col_str(s, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = num != NULL ? SQLITE_ERROR : SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_schema_int(sqlite3 *db, const char *sql, int64_t *out)
{
	return scalar(db, sql, out, NULL);
}

int
store_schema_text(sqlite3 *db, const char *sql, char **out)
{
	return scalar(db, sql, NULL, out);
}

/*
 * The CHECK constraints of the schema, one per row, from the version whose
 * step wrote them.  A read-only connection's quick_check skips CHECK
 * constraints, so inspect() asks each table for the rows that break one:
 * a hand-edited rating of 9 is found at open, not at the next import.
 * A migration step that adds a CHECK adds its rule here (test_hardening.c
 * counts them); a rule a later step replaced holds up to that step
 * (until, 0: still in force).  Rules may be more than the CHECKs: every
 * time and number must also lie in its range of bounds.h.
 */
#define IN_RANGE(col, lo, hi)                                                                      \
	"typeof(" col ") = 'integer' AND " col " BETWEEN " BOUND_SQL(lo) " AND " BOUND_SQL(hi)
#define TIME_RULE(col) IN_RANGE(col, BOUND_TIME_MIN, BOUND_TIME_MAX)
#define COUNT_RULE(col) IN_RANGE(col, BOUND_COUNT_MIN, BOUND_COUNT_MAX)
/* no more than BOUND_TIME_AHEAD past the clock at open, as import takes */
#define AHEAD_RULE(col)                                                                            \
	col " <= CAST(strftime('%s', 'now') AS INTEGER) + " BOUND_SQL(BOUND_TIME_AHEAD)
static const struct {
	int version, until;
	const char *table, *rule;
} rules[] = {
    {1, 0, "profiles", "name IS NOT NULL AND length(CAST(name AS BLOB)) BETWEEN 1 AND 200"},
    {1, 0, "items", "done IN (0, 1)"},
    {1, 0, "positions", "line >= 0"},
    {2, 0, "ratings", "value BETWEEN 0 AND 5"},
    {2, 0, "snapshot_ratings", "value BETWEEN 1 AND 5"},
    {3, 0, "items", "origin IN (0, 1, 2)"},
    {3, 0, "ratings", "origin IN (0, 1, 2)"},
    {3, 3, "import_undo", "kind BETWEEN 0 AND 4"},
    {4, 0, "appointments", "day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"},
    {4, 0, "appointments", "origin IN (0, 1, 2)"},
    {4, 0, "import_undo", "kind BETWEEN 0 AND 5"},
    /* every stored number in the range import takes (bounds.h), so that
     * what rolebook exports it imports again */
    {1, 0, "profiles", TIME_RULE("created_at")},
    {1, 0, "items", TIME_RULE("done_at")},
    {1, 0, "items", TIME_RULE("updated_at")},
    {1, 0, "positions", IN_RANGE("line", BOUND_LINE_MIN, BOUND_LINE_MAX)},
    {1, 0, "positions", TIME_RULE("updated_at")},
    {2, 0, "ratings", IN_RANGE("value", BOUND_RATING_MIN, BOUND_RATING_MAX)},
    {2, 0, "ratings", TIME_RULE("updated_at")},
    {2, 0, "snapshots", TIME_RULE("taken_at")},
    {2, 0, "snapshot_ratings", IN_RANGE("value", BOUND_SNAPSHOT_RATING_MIN, BOUND_RATING_MAX)},
    {2, 0, "snapshot_ratings", TIME_RULE("updated_at")},
    {3, 0, "imports", TIME_RULE("exported_at")},
    {3, 0, "imports", TIME_RULE("imported_at")},
    {3, 0, "imports", TIME_RULE("undone_at")},
    {3, 0, "imports", COUNT_RULE("added")},
    {3, 0, "imports", COUNT_RULE("changed")},
    {3, 0, "imports", COUNT_RULE("kept")},
    {3, 0, "imports", COUNT_RULE("refused")},
    {4, 0, "appointments", TIME_RULE("updated_at")},
    /* a role id as the store takes one (store_id_ok): text, not empty */
    {5, 0, "legacy_ids", "typeof(role) = 'text' AND length(role) > 0"},
    /* a done item has the time it was done, an open one none (0), as
     * store_item_set_done() writes and import takes */
    {1, 0, "items", "(done = 1 AND done_at > 0) OR (done = 0 AND done_at = 0)"},
    /* no time from the future: what import refuses, open does too */
    {1, 0, "profiles", AHEAD_RULE("created_at")},
    {1, 0, "items", AHEAD_RULE("done_at")},
    {1, 0, "items", AHEAD_RULE("updated_at")},
    {1, 0, "positions", AHEAD_RULE("updated_at")},
    {2, 0, "ratings", AHEAD_RULE("updated_at")},
    {2, 0, "snapshots", AHEAD_RULE("taken_at")},
    {2, 0, "snapshot_ratings", AHEAD_RULE("updated_at")},
    {3, 0, "imports", AHEAD_RULE("exported_at")},
    {3, 0, "imports", AHEAD_RULE("imported_at")},
    {3, 0, "imports", AHEAD_RULE("undone_at")},
    {4, 0, "appointments", AHEAD_RULE("updated_at")},
};

const char *
store_schema_rule(size_t i)
{
	return i < sizeof rules / sizeof rules[0] ? rules[i].rule : NULL;
}

/* Checks every rule of a schema at version on db; SQLITE_OK with *broken
 * NULL, or a new message naming the first rule broken. */
static int
check_rules(sqlite3 *db, int64_t version, char **broken)
{
	int rc = SQLITE_OK;

	*broken = NULL;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && rc == SQLITE_OK; i++) {
		char *sql;
		int64_t n = 0;

		if (rules[i].version > version || (rules[i].until != 0 && rules[i].until < version))
			continue;
		sql = xasprintf("SELECT count(*) FROM %s WHERE NOT (%s)", rules[i].table,
				rules[i].rule);
		rc = store_schema_int(db, sql, &n);
		free(sql);
		if (rc == SQLITE_OK && n > 0) {
			*broken = xasprintf("%lld %s of %s %s (%s)", (long long)n,
					    n == 1 ? "row" : "rows", rules[i].table,
					    n == 1 ? "breaks its rule" : "break their rule",
					    rules[i].rule);
			break;
		}
	}
	return rc;
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
enum store_status
store_schema_inspect(const char *path, bool writable, int busy_ms, sqlite3 **out, int *version,
		     int *frozen, char **detail)
{
	sqlite3 *db = NULL;
	char *check = NULL, *uri, *broken = NULL;
	int64_t app = 0, uv = 0, objects = 0;
	enum store_status status = STORE_OK;
	int rc;

	*out = NULL;
	*frozen = 0;
	rc = store_schema_open_db(path, SQLITE_OPEN_READONLY, busy_ms, &db);
	/* One read transaction, so every answer comes from the same state of
	 * a file that another rolebook may be setting up right now. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = store_schema_text(db, "PRAGMA quick_check", &check);
	if ((!writable && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) ||
	    (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) {
		/* A WAL database in a folder we cannot write, or on a full
		 * disk: SQLite cannot create or grow the -shm index, so read
		 * the file as it stands. */
		bool full = (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR;

		if (wal_pending(path)) {
			set_detail(
			    detail, "%s-wal holds changes that cannot be read while %s", path,
			    full ? "the disk is full (or failing)" : "its folder is read-only");
			sqlite3_close(db);
			return full ? STORE_ERR_IO : STORE_ERR_OPEN;
		}
		*frozen = rc & 0xff;
		sqlite3_close(db);
		db = NULL;
		uri = immutable_uri(path);
		rc =
		    store_schema_open_db(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, busy_ms, &db);
		free(uri);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = store_schema_text(db, "PRAGMA quick_check", &check);
	}
	if (rc == SQLITE_OK)
		rc = store_schema_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = store_schema_int(db, "PRAGMA user_version", &uv);
	if (rc == SQLITE_OK)
		rc = store_schema_int(db, "SELECT count(*) FROM sqlite_master", &objects);
	if (rc == SQLITE_OK && app == STORE_APPLICATION_ID && uv >= 1 &&
	    uv <= STORE_SCHEMA_VERSION && check != NULL && strcmp(check, "ok") == 0)
		rc = check_rules(db, uv, &broken);
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
	} else if (broken != NULL) {
		set_detail(detail, "%s fails the integrity check: %s", path, broken);
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
	free(broken);
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
enum store_status
store_schema_migrate(sqlite3 *db, const char *path, int version, char **detail)
{
	char *err = NULL;
	int64_t now;
	int rc;

	while (version < STORE_SCHEMA_VERSION) {
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = store_schema_int(db, "PRAGMA user_version", &now);
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
int
store_schema_to_wal(sqlite3 *db, int busy_ms, char **mode)
{
	int rc, slept, waited = 0;

	for (;;) {
		rc = store_schema_text(db, "PRAGMA journal_mode = WAL", mode);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms)
			return rc;
		slept = sqlite3_sleep(10);
		waited += slept > 0 ? slept : 10;
	}
}

const char *
store_migration_sql(int version)
{
	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return NULL;
	return migrations[version - 1];
}
