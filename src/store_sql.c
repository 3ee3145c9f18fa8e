/*
 * store_sql.c - the store's prepared statements, status codes and
 * transactions.
 *
 * Invariants:
 *
 * - Statements are prepared once (stmts[], indexed by enum stmt) and reset
 *   before a function returns, so no read transaction outlives a call.
 * - Every change runs in a write transaction begun with BEGIN IMMEDIATE, so
 *   two writers queue on the busy handler instead of failing to upgrade a
 *   read lock.  depth counts the open levels: 1 is the transaction, deeper
 *   levels are SAVEPOINTs, so a setter called inside store_begin() joins the
 *   caller's transaction and a failing setter undoes only its own part.
 * - SQLite result codes become store statuses in one place (status_of).
 */
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

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
		"  UNION ALL SELECT profile_id, role, 0, updated_at FROM appointments"
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
		"  UNION ALL SELECT profile_id, role, 0, updated_at FROM appointments"
		" ) AS r ON r.profile_id = p.id"
		" GROUP BY p.id, r.role ORDER BY p.name, r.role",

	[STMT_ITEMS_GET] =
		"SELECT i.item_id, i.text, i.done, i.done_at, i.note, i.updated_at, i.origin,"
		" i.role FROM items AS i JOIN profiles AS p ON p.id = i.profile_id"
		" WHERE p.name = ?1 AND (?2 IS NULL OR i.role = ?2) ORDER BY i.item_id, i.role",
	/* ?4 NULL keeps the stored wording. */
	[STMT_ITEM_DONE] =
		"INSERT INTO items (profile_id, role, item_id, text, done, done_at, updated_at)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7)"
		" ON CONFLICT (profile_id, role, item_id) DO UPDATE SET"
		" text = coalesce(?4, text), done = ?5, done_at = ?6, updated_at = ?7, origin = 0",
	[STMT_ITEM_NOTE] =
		"INSERT INTO items (profile_id, role, item_id, text, note, updated_at)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6)"
		" ON CONFLICT (profile_id, role, item_id) DO UPDATE SET"
		" text = coalesce(?4, text), note = ?5, updated_at = ?6, origin = 0",
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
		"SELECT r.rater, r.statement_id, r.area, r.text, r.value, r.note, r.updated_at,"
		" r.origin"
		" FROM ratings AS r JOIN profiles AS p ON p.id = r.profile_id"
		" WHERE p.name = ?1 AND r.role = ?2 AND (?3 IS NULL OR r.rater = ?3)"
		" ORDER BY r.rater, r.statement_id",
	[STMT_RATING_VALUE] =
		"INSERT INTO ratings (profile_id, role, rater, statement_id, area, text,"
		" value, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), ?7, ?8)"
		" ON CONFLICT (profile_id, role, rater, statement_id) DO UPDATE SET"
		" area = coalesce(?5, area), text = coalesce(?6, text), value = ?7,"
		" updated_at = ?8, origin = 0",
	[STMT_RATING_NOTE] =
		"INSERT INTO ratings (profile_id, role, rater, statement_id, area, text,"
		" note, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), ?7, ?8)"
		" ON CONFLICT (profile_id, role, rater, statement_id) DO UPDATE SET"
		" area = coalesce(?5, area), text = coalesce(?6, text), note = ?7,"
		" updated_at = ?8, origin = 0",
	/* A rating with neither a value nor a note says nothing: drop it. */
	[STMT_RATING_PRUNE] =
		"DELETE FROM ratings WHERE profile_id = ?1 AND role = ?2 AND rater = ?3"
		" AND statement_id = ?4 AND value = 0 AND note IS NULL",
	[STMT_IMPORT_ADD] =
		"INSERT INTO imports (file, signer, profile, exported_at, imported_at, added,"
		" changed, kept, refused) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/* For each record of (profile, role, rater) an import set and that
	 * still holds what it set (no later import set it, not undone, not
	 * changed here since: origin not 0), that import; counted per import,
	 * the latest first. */
	[STMT_SOURCE_OF] =
		"WITH p AS (SELECT id FROM profiles WHERE name = ?1),"
		" last AS (SELECT u.kind, u.key, max(u.import_id) AS imp FROM import_undo AS u"
		"  JOIN imports AS i ON i.id = u.import_id"
		"  WHERE u.profile_id = (SELECT id FROM p) AND u.role = ?2 AND u.rater = ?3"
		"  AND u.kind IN (0, 1) AND i.undone_at = 0 GROUP BY u.kind, u.key)"
		" SELECT i.file, i.signer, i.exported_at, count(*) FROM last"
		" JOIN imports AS i ON i.id = last.imp"
		" WHERE (last.kind = 1 AND EXISTS (SELECT 1 FROM ratings AS r"
		"  WHERE r.profile_id = (SELECT id FROM p) AND r.role = ?2 AND r.rater = ?3"
		"  AND r.statement_id = last.key AND r.origin <> 0))"
		" OR (last.kind = 0 AND EXISTS (SELECT 1 FROM items AS t"
		"  WHERE t.profile_id = (SELECT id FROM p) AND t.role = ?2"
		"  AND t.item_id = last.key AND t.origin <> 0))"
		" GROUP BY i.id ORDER BY i.id DESC",
	[STMT_IMPORTS_LIST] =
		"SELECT id, file, signer, profile, imported_at, added, changed, kept, refused,"
		" undone_at FROM imports ORDER BY id",
	[STMT_IMPORT_COUNTS] =
		"UPDATE imports SET added = ?2, changed = ?3, kept = ?4, refused = ?5 WHERE id = ?1",
	[STMT_ITEM_ORIGIN] =
		"UPDATE items SET origin = ?4 WHERE profile_id = ?1 AND role = ?2 AND item_id = ?3",
	[STMT_RATING_ORIGIN] =
		"UPDATE ratings SET origin = ?5 WHERE profile_id = ?1 AND role = ?2 AND rater = ?3"
		" AND statement_id = ?4",
	[STMT_FORGET_ITEMS] = "DELETE FROM items WHERE profile_id = ?1 AND role = ?2",
	[STMT_FORGET_RATINGS] = "DELETE FROM ratings WHERE profile_id = ?1 AND role = ?2",
	[STMT_FORGET_SNAPSHOTS] = "DELETE FROM snapshots WHERE profile_id = ?1 AND role = ?2",
	[STMT_FORGET_POSITION] = "DELETE FROM positions WHERE profile_id = ?1 AND role = ?2",
	[STMT_FORGET_APPOINTMENT] = "DELETE FROM appointments WHERE profile_id = ?1 AND role = ?2",
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
	[STMT_SNAPSHOT_TAKEN] = "SELECT taken_at FROM snapshots WHERE id = ?1",
	[STMT_SNAPSHOT_CLEAR] = "DELETE FROM snapshot_ratings WHERE snapshot_id = ?1",
	[STMT_SNAPSHOT_RETIME] = "UPDATE snapshots SET taken_at = ?2 WHERE id = ?1",
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

/* clang-format off */
static const char *const messages[] = {
	[STORE_OK] = "success",
	[STORE_ERR_OPEN] = "cannot open or create the database",
	[STORE_ERR_CORRUPT] = "the database is damaged or is not a database",
	[STORE_ERR_FOREIGN] = "the file is another program's database",
	[STORE_ERR_NEWER] = "the database was written by a newer rolebook",
	[STORE_ERR_READONLY] = "the database is read-only; changes are not saved",
	[STORE_ERR_BUSY] = "the database is locked by another program; try again",
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

enum store_status
store_status_of(int rc)
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

void
store_set_detail(char **detail, const char *fmt, ...)
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

enum store_status
store_prepare(struct store *st, enum stmt which, sqlite3_stmt **out)
{
	int rc = SQLITE_OK;

	if (st->stmts[which] == NULL)
		rc = sqlite3_prepare_v3(st->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
					&st->stmts[which], NULL);
	*out = st->stmts[which];
	return status_of(rc);
}

/* Resets s and drops its bindings, which point into the caller's strings. */
void
store_release(sqlite3_stmt *s)
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
vquery(struct store *st, enum stmt which, sqlite3_stmt **out, const char *fmt, va_list ap)
{
	enum store_status status = prepare(st, which, out);

	if (status != STORE_OK)
		return status;
	status = vbind(*out, fmt, ap);
	if (status != STORE_OK) {
		release(*out);
		*out = NULL;
	}
	return status;
}

enum store_status
store_query(struct store *st, enum stmt which, sqlite3_stmt **out, const char *fmt, ...)
{
	enum store_status status;
	va_list ap;

	va_start(ap, fmt);
	status = vquery(st, which, out, fmt, ap);
	va_end(ap);
	return status;
}

/* Runs a statement to the end, ignoring any rows. */
enum store_status
store_run(struct store *st, enum stmt which, const char *fmt, ...)
{
	enum store_status status;
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	status = vquery(st, which, &s, fmt, ap);
	va_end(ap);
	if (status != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	release(s);
	return status_of(rc);
}

/* Runs a statement that yields one integer; STORE_ERR_NOTFOUND when it
 * yields no row. */
enum store_status
store_get_int(struct store *st, int64_t *out, enum stmt which, const char *fmt, ...)
{
	enum store_status status;
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	status = vquery(st, which, &s, fmt, ap);
	va_end(ap);
	if (status != STORE_OK)
		return status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else
		status = rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : status_of(rc);
	release(s);
	return status;
}

/* A new copy of a text column; "" for NULL. */
char *
store_col_str(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* A new copy of a text column; NULL for NULL. */
char *
store_col_opt(sqlite3_stmt *s, int col)
{
	const unsigned char *t;

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(s, col);
	return xstrdup(t != NULL ? (const char *)t : "");
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
enum store_status
store_finish(struct store *st, enum store_status status)
{
	if (status == STORE_OK)
		return store_commit(st);
	store_rollback(st);
	return status;
}

/* ---- names and ids ---- */

bool
store_name_ok(const char *name)
{
	return name != NULL && *name != '\0' && strlen(name) <= STORE_NAME_MAX;
}

bool
store_id_ok(const char *id)
{
	return id != NULL && *id != '\0';
}

/* The profile's id; inside a transaction when create is true. */

bool
store_rater_ok(const char *rater)
{
	return rater != NULL && strlen(rater) <= STORE_NAME_MAX;
}
