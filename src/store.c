/*
 * store.c - the store's records: profiles, checklist progress, reading
 * positions, ratings and snapshots (see store.h).
 *
 * Each setter runs in its own transaction, or joins the caller's
 * (store_begin()); each getter returns new records the caller frees with
 * the matching _free().  Opening is store_open.c's, the schema
 * store_schema.c's, statements and transactions store_sql.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---- profiles ---- */

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
	if (!name_ok(profile) || (role != NULL && !id_ok(role)))
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
		it->origin = (enum store_origin)sqlite3_column_int(s, 6);
		it->role = col_str(s, 7);
		it->pending = false;
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
		free(items[i].role);
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

enum store_status
store_origin_set(struct store *st, const char *profile, const char *role, const char *rater,
		 const char *id, enum store_origin origin)
{
	enum store_status status;
	int64_t pid;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || !id_ok(id) || (unsigned)origin > STORE_UNVERIFIED)
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, false, 0, &pid);
	if (status == STORE_OK && rater == NULL)
		status = run(st, STMT_ITEM_ORIGIN, "lttd", pid, role, id, (int)origin);
	else if (status == STORE_OK)
		status = run(st, STMT_RATING_ORIGIN, "ltttd", pid, role, rater, id, (int)origin);
	if (status == STORE_OK && sqlite3_changes(st->db) == 0)
		status = STORE_ERR_NOTFOUND;
	return finish(st, status);
}

enum store_status
store_forget(struct store *st, const char *profile, const char *role)
{
	static const enum stmt which[] = {STMT_FORGET_ITEMS, STMT_FORGET_RATINGS,
					  STMT_FORGET_SNAPSHOTS, STMT_FORGET_POSITION,
					  STMT_FORGET_APPOINTMENT};
	enum store_status status;
	int64_t pid;
	int changed = 0;

	if (role == NULL)
		return store_profile_delete(st, profile);
	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = profile_id(st, profile, false, 0, &pid);
	for (size_t i = 0; i < sizeof which / sizeof which[0] && status == STORE_OK; i++) {
		status = run(st, which[i], "lt", pid, role);
		changed += sqlite3_changes(st->db);
	}
	if (status == STORE_OK && changed == 0)
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
	r->pending = false;
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
		v[len].origin = (enum store_origin)sqlite3_column_int(s, 7);
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
	if (!name_ok(profile) || !id_ok(role) || !rater_ok(rater) || !id_ok(statement_id) ||
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
	int64_t pid, count = 0, latest = 0, differs = 1, sid = 0, taken = 0;

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
		/* one sitting, one snapshot: a change within
		 * STORE_SNAPSHOT_SITTING of the latest replaces it */
		if (status == STORE_OK && differs && latest > 0)
			status = get_int(st, &taken, STMT_SNAPSHOT_TAKEN, "l", latest);
		if (status == STORE_OK && differs && latest > 0 && now >= taken &&
		    now - taken < STORE_SNAPSHOT_SITTING) {
			sid = latest;
			status = run(st, STMT_SNAPSHOT_CLEAR, "l", sid);
			if (status == STORE_OK)
				status = run(st, STMT_SNAPSHOT_RETIME, "ll", sid, now);
		} else if (status == STORE_OK && differs) {
			status = run(st, STMT_SNAPSHOT_ADD, "lttl", pid, role, rater, now);
			sid = sqlite3_last_insert_rowid(st->db);
		}
		if (status == STORE_OK && differs)
			status = run(st, STMT_SNAPSHOT_COPY, "lttl", pid, role, rater, sid);
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

/* ---- the import log ---- */

enum store_status
store_import_log(struct store *st, const char *file, const char *signer, const char *profile,
		 int64_t exported_at, int64_t now, size_t added, size_t changed, size_t kept,
		 size_t refused, int64_t *id)
{
	enum store_status status;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (file == NULL || !name_ok(profile))
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = run(st, STMT_IMPORT_ADD, "tttllllll", file, signer, profile, exported_at, now,
		     (int64_t)added, (int64_t)changed, (int64_t)kept, (int64_t)refused);
	if (status == STORE_OK && id != NULL)
		*id = (int64_t)sqlite3_last_insert_rowid(st->db);
	return finish(st, status);
}

enum store_status
store_import_counts(struct store *st, int64_t id, size_t added, size_t changed, size_t kept,
		    size_t refused)
{
	enum store_status status;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = run(st, STMT_IMPORT_COUNTS, "lllll", id, (int64_t)added, (int64_t)changed,
		     (int64_t)kept, (int64_t)refused);
	return finish(st, status);
}

enum store_status
store_imports_list(struct store *st, struct store_import **out, size_t *n)
{
	struct store_import *v = NULL;
	size_t len = 0, cap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((status = query(st, STMT_IMPORTS_LIST, &s, "")) != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len + 1, sizeof *v);
		v[len].id = sqlite3_column_int64(s, 0);
		v[len].file = col_str(s, 1);
		v[len].signer = col_opt(s, 2);
		v[len].profile = col_str(s, 3);
		v[len].imported_at = sqlite3_column_int64(s, 4);
		v[len].added = sqlite3_column_int64(s, 5);
		v[len].changed = sqlite3_column_int64(s, 6);
		v[len].kept = sqlite3_column_int64(s, 7);
		v[len].refused = sqlite3_column_int64(s, 8);
		v[len].undone_at = sqlite3_column_int64(s, 9);
		len++;
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_imports_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

void
store_imports_free(struct store_import *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].signer);
		free(v[i].profile);
	}
	free(v);
}

enum store_status
store_sources_of(struct store *st, const char *profile, const char *role, const char *rater,
		 struct store_source **out, size_t *n)
{
	struct store_source *v = NULL;
	size_t len = 0, cap = 0;
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((status = query(st, STMT_SOURCE_OF, &s, "ttt", profile, role, rater)) != STORE_OK)
		return status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len + 1, sizeof *v);
		v[len].file = col_str(s, 0);
		v[len].signer = col_opt(s, 1);
		v[len].exported_at = sqlite3_column_int64(s, 2);
		v[len].records = (size_t)sqlite3_column_int64(s, 3);
		len++;
	}
	release(s);
	if (rc != SQLITE_DONE) {
		store_sources_free(v, len);
		return status_of(rc);
	}
	*out = v;
	*n = len;
	return STORE_OK;
}

void
store_sources_free(struct store_source *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].signer);
	}
	free(v);
}
