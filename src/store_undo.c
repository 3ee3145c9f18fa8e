/*
 * store_undo.c - what an import replaced, and undoing it (see store.h,
 * "the import log").
 *
 * Before an import sets a record it saves the record as it was (or that
 * there was none) in import_undo, with the time the import gives it.
 * Undoing import N walks its saved rows newest first: a record still as
 * the import left it (same updated_at) is put back as it was, or removed
 * when the import added it; a record changed since is left alone and
 * counted.  Snapshots the import added and a position it set are removed,
 * and a profile it created is removed when nothing is left of it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Runs sql with bind (format as store_run's) and steps it once. */
static int
exec1(struct store *st, const char *sql, sqlite3_stmt **out)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);

	return rc;
}

static int64_t
pid_of(struct store *st, const char *profile)
{
	sqlite3_stmt *s;
	int64_t id = 0;

	if (exec1(st, "SELECT id FROM profiles WHERE name = ?1", &s) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, profile, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

enum store_status
store_undo_save(struct store *st, int64_t import_id, enum store_undo_kind kind, const char *profile,
		const char *role, const char *rater, const char *key, int64_t after)
{
	static const char *const sql[] = {
	    [STORE_UNDO_ITEM] =
		"INSERT INTO import_undo (import_id, kind, profile_id, role, rater, key, existed,"
		" text, done, done_at, note, updated_at, origin, after)"
		" SELECT ?1, 0, ?2, ?3, '', ?5, count(*), max(text), max(done), max(done_at),"
		" max(note), max(updated_at), max(origin), ?6 FROM items"
		" WHERE profile_id = ?2 AND role = ?3 AND item_id = ?5",
	    [STORE_UNDO_RATING] =
		"INSERT INTO import_undo (import_id, kind, profile_id, role, rater, key, existed,"
		" text, area, value, note, updated_at, origin, after)"
		" SELECT ?1, 1, ?2, ?3, ?4, ?5, count(*), max(text), max(area), max(value),"
		" max(note), max(updated_at), max(origin), ?6 FROM ratings"
		" WHERE profile_id = ?2 AND role = ?3 AND rater = ?4 AND statement_id = ?5",
	    [STORE_UNDO_SNAPSHOTS] =
		"INSERT INTO import_undo (import_id, kind, profile_id, role, key, after)"
		" VALUES (?1, 2, ?2, ?3, ?5, ?6)",
	    [STORE_UNDO_POSITION] = "INSERT INTO import_undo (import_id, kind, profile_id, role)"
				    " VALUES (?1, 3, ?2, ?3)",
	    [STORE_UNDO_PROFILE] = "INSERT INTO import_undo (import_id, kind, profile_id)"
				   " VALUES (?1, 4, ?2)",
	    [STORE_UNDO_APPOINTMENT] =
		"INSERT INTO import_undo (import_id, kind, profile_id, role, rater, key, existed,"
		" text, updated_at, origin, after)"
		" SELECT ?1, 5, ?2, ?3, ?4, ?5, count(*), max(day), max(updated_at), max(origin), "
		"?6"
		" FROM appointments WHERE profile_id = ?2 AND role = ?3",
	};
	sqlite3_stmt *s;
	int64_t pid;
	int rc;

	if (import_id <= 0)
		return STORE_OK; /* not logged: nothing to save */
	if ((unsigned)kind >= sizeof sql / sizeof sql[0] || (pid = pid_of(st, profile)) == 0)
		return STORE_ERR_INVALID;
	if ((rc = exec1(st, sql[kind], &s)) != SQLITE_OK)
		return status_of(rc);
	sqlite3_bind_int64(s, 1, import_id);
	sqlite3_bind_int64(s, 2, pid);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_text(s, 3, role ? role : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 4)
		sqlite3_bind_text(s, 4, rater ? rater : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 5)
		sqlite3_bind_text(s, 5, key ? key : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 6)
		sqlite3_bind_int64(s, 6, after);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STORE_OK : status_of(rc);
}

/* Steps a prepared statement with ?1..?n bound from the undo row u. */
static int
run_on(struct store *st, const char *sql, sqlite3_stmt *u)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	/* ?1 profile_id ?2 role ?3 rater ?4 key ?5 text ?6 done ?7 done_at ?8 area
	 * ?9 value ?10 note ?11 updated_at ?12 origin ?13 after */
	for (int i = 1; i <= sqlite3_bind_parameter_count(s) && i <= 13; i++)
		sqlite3_bind_value(s, i, sqlite3_column_value(u, i + 1));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* 1 when the record of undo row u still has the import's updated_at. */
static int
unchanged(struct store *st, int kind, sqlite3_stmt *u)
{
	const char *sql = kind == 0
			      ? "SELECT count(*) FROM items WHERE profile_id = ?1 AND role = ?2"
				" AND ?3 = ?3 AND item_id = ?4 AND updated_at = ?13"
			      : "SELECT count(*) FROM ratings WHERE profile_id = ?1 AND role = ?2"
				" AND rater = ?3 AND statement_id = ?4 AND updated_at = ?13";

	if (kind == 5)
		sql = "SELECT count(*) FROM appointments WHERE profile_id = ?1 AND role = ?2"
		      " AND ?3 = ?3 AND ?4 = ?4 AND updated_at = ?13";
	sqlite3_stmt *s;
	int n = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	for (int i = 1; i <= 13; i++)
		sqlite3_bind_value(s, i, sqlite3_column_value(u, i + 1));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

enum store_status
store_import_undo(struct store *st, int64_t import_id, int64_t now, size_t *undone, size_t *skipped)
{
	static const char *const restore[] = {
	    "INSERT OR REPLACE INTO items (profile_id, role, item_id, text, done, done_at, note,"
	    " updated_at, origin) VALUES (?1, ?2, ?4, ?5, ?6, ?7, ?10, ?11, ?12)",
	    "INSERT OR REPLACE INTO ratings (profile_id, role, rater, statement_id, text, area,"
	    " value, note, updated_at, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?8, ?9, ?10, ?11, ?12)",
	    NULL,
	    NULL,
	    NULL,
	    "INSERT OR REPLACE INTO appointments (profile_id, role, day, updated_at, origin)"
	    " VALUES (?1, ?2, ?5, ?11, ?12)",
	};
	static const char *const drop[] = {
	    "DELETE FROM items WHERE profile_id = ?1 AND role = ?2 AND ?3 = ?3 AND item_id = ?4",
	    "DELETE FROM ratings WHERE profile_id = ?1 AND role = ?2 AND rater = ?3"
	    " AND statement_id = ?4",
	    "DELETE FROM snapshots WHERE profile_id = ?1 AND role = ?2 AND ?3 = ?3"
	    " AND id > CAST(?4 AS INTEGER) AND id <= ?13",
	    "DELETE FROM positions WHERE profile_id = ?1 AND role = ?2",
	    "DELETE FROM profiles WHERE id = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM items WHERE profile_id = ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM ratings WHERE profile_id = ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM snapshots WHERE profile_id = ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM positions WHERE profile_id = ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM appointments WHERE profile_id = ?1)",
	    "DELETE FROM appointments WHERE profile_id = ?1 AND role = ?2",
	};
	sqlite3_stmt *q, *u;
	enum store_status status;
	int rc, found = 0;
	int64_t undone_at = 0;

	*undone = *skipped = 0;
	if (st->readonly)
		return STORE_ERR_READONLY;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	rc =
	    sqlite3_prepare_v2(st->db, "SELECT undone_at FROM imports WHERE id = ?1", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, import_id);
		if (sqlite3_step(q) == SQLITE_ROW) {
			found = 1;
			undone_at = sqlite3_column_int64(q, 0);
		}
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_OK)
		return finish(st, status_of(rc));
	if (!found)
		return finish(st, STORE_ERR_NOTFOUND);
	if (undone_at != 0)
		return finish(st, STORE_ERR_INVALID);
	rc = sqlite3_prepare_v2(
	    st->db,
	    "SELECT seq, kind, profile_id, role, rater, key, text, done, done_at,"
	    " area, value, note, updated_at, origin, after, existed"
	    " FROM import_undo WHERE import_id = ?1 ORDER BY seq DESC",
	    -1, &u, NULL);
	if (rc != SQLITE_OK)
		return finish(st, status_of(rc));
	sqlite3_bind_int64(u, 1, import_id);
	while (rc == SQLITE_OK && sqlite3_step(u) == SQLITE_ROW) {
		int kind = sqlite3_column_int(u, 1);
		bool existed = sqlite3_column_int(u, 15) != 0;

		bool record = kind <= 1 || kind == 5; /* put back, not only dropped */

		if (record && !unchanged(st, kind, u)) {
			(*skipped)++;
			continue;
		}
		rc = run_on(st, record && existed ? restore[kind] : drop[kind], u);
		if (rc == SQLITE_OK && record)
			(*undone)++;
		else if (rc == SQLITE_OK && kind <= 3)
			*undone += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(u);
	if (rc == SQLITE_OK) {
		rc = sqlite3_prepare_v2(st->db, "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
					-1, &q, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(q, 1, import_id);
			sqlite3_bind_int64(q, 2, now > 0 ? now : 1);
			rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			sqlite3_finalize(q);
		}
	}
	return finish(st, rc == SQLITE_OK ? STORE_OK : status_of(rc));
}
