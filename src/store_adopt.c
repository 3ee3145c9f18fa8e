/*
 * store_adopt.c - a document's records copied from an old id to its new
 * one (see store.h, store_role_adopt): the migration of the records of
 * files opened directly, which rolebook kept under their file name
 * before a document's identity was its path.  Copied, not moved: the
 * same records showed for a folder's document of that name, which keeps
 * them under the old id.
 *
 * Every table keyed by a role id is copied in one transaction, or none is:
 * checklist items, reading positions, ratings, snapshots (their ratings
 * follow by snapshot id), start dates, and the import log's saved records,
 * so that undoing an import still finds what it set.
 *
 * Only an id an older rolebook wrote may be adopted: the ids the records
 * had when the database was upgraded to schema 5 (legacy_ids), each once
 * (adopting removes it), and not one a folder's document has since
 * claimed (store_role_claim); a database made since has none, so the
 * records this rolebook writes for a folder's README.md ("README") are
 * never taken by a README.md opened directly.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "strbuf.h"

/* The tables whose rows are a document's records, by role. */
static const char *const records[] = {"items", "positions", "ratings", "snapshots", "appointments"};

/* Rows of role in every table of records[]: *n. */
static int
count_records(struct store *st, const char *role, int64_t *n)
{
	int rc = SQLITE_OK;

	*n = 0;
	for (size_t i = 0; i < sizeof records / sizeof records[0] && rc == SQLITE_OK; i++) {
		char *sql = xasprintf("SELECT count(*) FROM %s WHERE role = ?1", records[i]);
		sqlite3_stmt *s;

		rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_text(s, 1, role, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*n += sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	return rc;
}

/* True (*yes) when id is one of legacy_ids. */
static int
is_legacy(struct store *st, const char *id, bool *yes)
{
	sqlite3_stmt *s;
	int rc =
	    sqlite3_prepare_v2(st->db, "SELECT 1 FROM legacy_ids WHERE role = ?1", -1, &s, NULL);

	*yes = false;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*yes = rc == SQLITE_ROW;
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_finalize(s);
	return rc;
}

/* Removes id from legacy_ids. */
static int
unlist(struct store *st, const char *id)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "DELETE FROM legacy_ids WHERE role = ?1", -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs sql with its parameters ?1.. bound to p[0..np); *changed the
 * rows it changed. */
static int
exec_bound(struct store *st, const char *sql, const char *const *p, int np, int *changed)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	*changed = 0;
	if (rc != SQLITE_OK)
		return rc;
	for (int i = 0; i < np; i++)
		sqlite3_bind_text(s, i + 1, p[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		*changed = sqlite3_changes(st->db);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* The columns of table, comma-separated, with "role" given as ?2 and
 * skip (a column or NULL) left out: the two lists of an INSERT .. SELECT
 * that copies a row to role ?2.  NULL on an error (*rc). */
static char *
columns(struct store *st, const char *table, const char *skip, bool as_selected, int *rc)
{
	char *sql = xasprintf("PRAGMA table_info(%s)", table);
	sqlite3_stmt *s;
	struct strbuf b = STRBUF_INIT;

	*rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	free(sql);
	if (*rc != SQLITE_OK)
		return NULL;
	while ((*rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);

		if (name == NULL || (skip != NULL && strcmp(name, skip) == 0))
			continue;
		if (b.len > 0)
			strbuf_puts(&b, ", ");
		strbuf_puts(&b, as_selected && strcmp(name, "role") == 0 ? "?2" : name);
	}
	sqlite3_finalize(s);
	if (*rc != SQLITE_DONE) {
		strbuf_free(&b);
		return NULL;
	}
	*rc = SQLITE_OK;
	return strbuf_take(&b);
}

/* Copies every row of table from role from to role to, skip (an
 * INTEGER PRIMARY KEY, or NULL) given anew; *changed. */
static int
copy_rows(struct store *st, const char *table, const char *skip, const char *from, const char *to,
	  int *changed)
{
	const char *p[] = {from, to};
	int rc;
	char *into = columns(st, table, skip, false, &rc);
	char *sel = into != NULL ? columns(st, table, skip, true, &rc) : NULL;
	char *sql;

	*changed = 0;
	if (sel == NULL) {
		free(into);
		return rc;
	}
	/* of profiles that exist (a row of none is no one's: the move this
	 * was never saw it, a copy would break the foreign key), in the old
	 * rows' order where they have one (the import log's) */
	sql = xasprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE role = ?1"
			" AND profile_id IN (SELECT id FROM profiles)%s%s",
			table, into, sel, table, skip != NULL ? " ORDER BY " : "",
			skip != NULL ? skip : "");
	rc = exec_bound(st, sql, p, 2, changed);
	free(sql);
	free(into);
	free(sel);
	return rc;
}

/* Copies from's snapshots to to, each with its ratings under its new id.
 * The column lists are read once, as copy_rows reads them. */
static int
copy_snapshots(struct store *st, const char *from, const char *to, int *changed)
{
	const char *p[] = {from, to};
	sqlite3_stmt *s = NULL;
	int rc;
	char *into = columns(st, "snapshots", "id", false, &rc);
	char *sel = into != NULL ? columns(st, "snapshots", "id", true, &rc) : NULL;
	char *rinto =
	    sel != NULL ? columns(st, "snapshot_ratings", "snapshot_id", false, &rc) : NULL;

	*changed = 0;
	if (rinto != NULL)
		rc = sqlite3_prepare_v2(st->db,
					"SELECT id FROM snapshots WHERE role = ?1"
					" AND profile_id IN (SELECT id FROM profiles) ORDER BY id",
					-1, &s, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long id = (long long)sqlite3_column_int64(s, 0);
		char *sql = xasprintf("INSERT INTO snapshots (%s) SELECT %s FROM snapshots"
				      " WHERE id = %lld",
				      into, sel, id);
		int n = 0;

		rc = exec_bound(st, sql, p, 2, &n);
		free(sql);
		if (rc != SQLITE_OK)
			break;
		sql = xasprintf("INSERT INTO snapshot_ratings (snapshot_id, %s)"
				" SELECT %lld, %s FROM snapshot_ratings WHERE snapshot_id = %lld",
				rinto, (long long)sqlite3_last_insert_rowid(st->db), rinto, id);
		rc = exec_bound(st, sql, NULL, 0, &n);
		free(sql);
		*changed += 1;
	}
	sqlite3_finalize(s);
	free(into);
	free(sel);
	free(rinto);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_status
store_role_adopt(struct store *st, const char *from, const char *to, size_t *moved)
{
	enum store_status status;
	int64_t have = 0, old = 0;
	bool legacy = false;
	int rc, changed;

	*moved = 0;
	if (!id_ok(from) || !id_ok(to) || strcmp(from, to) == 0)
		return STORE_ERR_INVALID;
	if (st->readonly)
		return STORE_ERR_READONLY;
	/* asked before a write lock is taken: nearly always nothing to do */
	if ((rc = is_legacy(st, from, &legacy)) != SQLITE_OK)
		return status_of(rc);
	if (!legacy)
		return STORE_OK;
	if ((rc = count_records(st, from, &old)) != SQLITE_OK)
		return status_of(rc);
	if (old == 0)
		return STORE_OK;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	/* again under the lock: another rolebook may have moved them, or the
	 * document may have records of its own by now */
	rc = is_legacy(st, from, &legacy);
	if (rc == SQLITE_OK && legacy)
		rc = count_records(st, to, &have);
	if (rc == SQLITE_OK && legacy && have == 0)
		rc = count_records(st, from, &old);
	if (rc == SQLITE_OK && legacy && have == 0 && old > 0) {
		/* copied, not moved: an older rolebook showed the same records
		 * for a folder's document of that name (a --content this run
		 * was not given), which keeps them */
		for (size_t i = 0; i < sizeof records / sizeof records[0] && rc == SQLITE_OK; i++) {
			if (strcmp(records[i], "snapshots") == 0)
				rc = copy_snapshots(st, from, to, &changed);
			else
				rc = copy_rows(st, records[i], NULL, from, to, &changed);
			*moved += (size_t)changed;
		}
		if (rc == SQLITE_OK)
			rc = copy_rows(st, "import_undo", "seq", from, to, &changed);
		if (rc == SQLITE_OK)
			rc = unlist(st, from);
	}
	if (rc != SQLITE_OK)
		*moved = 0;
	return finish(st, rc == SQLITE_OK ? STORE_OK : status_of(rc));
}

enum store_status
store_role_claim(struct store *st, const char *id)
{
	enum store_status status;
	bool legacy = false;
	int rc;

	if (!id_ok(id))
		return STORE_ERR_INVALID;
	if (st->readonly)
		return STORE_ERR_READONLY;
	/* a read first: nearly always not listed, and no write lock taken */
	if ((rc = is_legacy(st, id, &legacy)) != SQLITE_OK)
		return status_of(rc);
	if (!legacy)
		return STORE_OK;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	rc = unlist(st, id);
	return finish(st, rc == SQLITE_OK ? STORE_OK : status_of(rc));
}

/* True (*yes) when role has a record (for some profile) under one of
 * the ids from[0..n): one to move or merge.  One scan of role's item
 * ids, not one query per step. */
static int
rekey_wanted(struct store *st, const char *role, char *const *from, size_t n, bool *yes)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "SELECT DISTINCT item_id FROM items WHERE role = ?1",
				    -1, &s, NULL);

	*yes = false;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, role, -1, SQLITE_STATIC);
	while (!*yes && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		for (size_t i = 0; i < n && !*yes && id != NULL; i++)
			*yes = strcmp(id, from[i]) == 0;
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_finalize(s);
	return rc;
}

/* Moves role's records of item from to item to (and what the import log
 * saved of them); *changed counts the records moved or merged. */
static int
rekey_one(struct store *st, const char *role, const char *from, const char *to, int *changed)
{
	static const char *const sql[] = {
	    /* a profile with both: one step twice (an old export imported
	     * again after the move), merged as import merges, the later
	     * updated_at wins (the one under to when as old) */
	    "DELETE FROM items WHERE role = ?1 AND item_id = ?3 AND EXISTS (SELECT 1 FROM"
	    " items f WHERE f.profile_id = items.profile_id AND f.role = ?1 AND f.item_id ="
	    " ?2 AND f.updated_at > items.updated_at)",
	    "DELETE FROM items WHERE role = ?1 AND item_id = ?2 AND EXISTS (SELECT 1 FROM"
	    " items t WHERE t.profile_id = items.profile_id AND t.role = ?1 AND t.item_id ="
	    " ?3)",
	    /* the log first: it asks which profiles move */
	    "UPDATE import_undo SET key = ?3 WHERE kind = 0 AND role = ?1 AND key = ?2"
	    " AND profile_id IN (SELECT i.profile_id FROM items i WHERE i.role = ?1 AND"
	    " i.item_id = ?2 AND NOT EXISTS (SELECT 1 FROM items j WHERE j.profile_id ="
	    " i.profile_id AND j.role = ?1 AND j.item_id = ?3))",
	    "UPDATE items SET item_id = ?3 WHERE role = ?1 AND item_id = ?2"
	    " AND NOT EXISTS (SELECT 1 FROM items j WHERE j.profile_id = items.profile_id"
	    " AND j.role = ?1 AND j.item_id = ?3)",
	};
	const char *p[] = {role, from, to};
	int rc = SQLITE_OK, n;

	*changed = 0;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && rc == SQLITE_OK; i++) {
		rc = exec_bound(st, sql[i], p, 3, &n);
		/* the records merged (1) and moved (3); not the log's rows */
		*changed += i == 1 || i == 3 ? n : 0;
	}
	return rc;
}

enum store_status
store_items_rekey(struct store *st, const char *role, char *const *from, char *const *to, size_t n,
		  size_t *moved)
{
	enum store_status status;
	bool any = false;
	int rc = SQLITE_OK, changed;

	*moved = 0;
	if (!id_ok(role))
		return STORE_ERR_INVALID;
	for (size_t i = 0; i < n; i++)
		if (!id_ok(from[i]) || !id_ok(to[i]) || strcmp(from[i], to[i]) == 0)
			return STORE_ERR_INVALID;
	if (st->readonly)
		return STORE_ERR_READONLY;
	/* reads first, no write lock: nearly always nothing to move */
	if (n > 0)
		rc = rekey_wanted(st, role, from, n, &any);
	if (rc != SQLITE_OK)
		return status_of(rc);
	if (!any)
		return STORE_OK;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		rc = rekey_one(st, role, from[i], to[i], &changed);
		*moved += (size_t)changed;
	}
	if (rc != SQLITE_OK)
		*moved = 0;
	return finish(st, rc == SQLITE_OK ? STORE_OK : status_of(rc));
}

enum store_status
store_role_note_legacy(struct store *st, const char *id)
{
	sqlite3_stmt *s;
	int rc;

	if (!id_ok(id))
		return STORE_ERR_INVALID;
	if (st->readonly)
		return STORE_ERR_READONLY;
	/* (the caller's transaction: an import's) */
	rc = sqlite3_prepare_v2(st->db, "INSERT OR IGNORE INTO legacy_ids (role) VALUES (?1)", -1,
				&s, NULL);
	if (rc != SQLITE_OK)
		return status_of(rc);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STORE_OK : status_of(rc);
}
