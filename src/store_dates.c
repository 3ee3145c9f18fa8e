/*
 * store_dates.c - appointments: the day a profile took up a role (see
 * store.h).  A day is kept as "YYYY-MM-DD", a calendar day that no time
 * zone moves; callers see dates.h day numbers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "store_int.h"

/* The profile's id, or 0 (then creating it when create). */
static enum store_status
pid_of(struct store *st, const char *profile, bool create, int64_t now, int64_t *pid)
{
	return store_profile(st, profile, create, now, pid);
}

/* Prepares sql on st's connection; the caller finalizes. */
static enum store_status
prep(struct store *st, const char *sql, sqlite3_stmt **s)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);

	return rc == SQLITE_OK ? STORE_OK : status_of(rc);
}

enum store_status
store_appointment_get(struct store *st, const char *profile, const char *role, int32_t *day)
{
	enum store_origin origin;

	return store_appointment_find(st, profile, role, day, &origin);
}

enum store_status
store_appointment_find(struct store *st, const char *profile, const char *role, int32_t *day,
		       enum store_origin *origin)
{
	enum store_status status;
	sqlite3_stmt *s;
	int rc;

	*day = -1;
	*origin = STORE_LOCAL;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	status = prep(st,
		      "SELECT a.day, a.origin FROM appointments AS a JOIN profiles AS p"
		      " ON p.id = a.profile_id WHERE p.name = ?1 AND a.role = ?2",
		      &s);
	if (status != STORE_OK)
		return status;
	sqlite3_bind_text(s, 1, profile, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);
		status = dates_day_parse(text, day) == 0 ? STORE_OK : STORE_ERR_CORRUPT;
		*origin = (enum store_origin)sqlite3_column_int(s, 1);
	} else {
		status = rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : status_of(rc);
	}
	sqlite3_finalize(s);
	return status;
}

enum store_status
store_appointment_set(struct store *st, const char *profile, const char *role, int32_t day,
		      int64_t now)
{
	enum store_status status;
	char buf[DATES_MAX];
	sqlite3_stmt *s;
	int32_t check;
	int64_t pid;
	int rc;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role))
		return STORE_ERR_INVALID;
	if (day >= 0 && dates_day_parse(dates_day_format(day, buf), &check) != 0)
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = pid_of(st, profile, day >= 0, now, &pid);
	if (status == STORE_OK)
		status =
		    prep(st,
			 day >= 0 ? "INSERT OR REPLACE INTO appointments"
				    " (profile_id, role, day, updated_at, origin)"
				    " VALUES (?1, ?2, ?3, ?4, 0)"
				  : "DELETE FROM appointments WHERE profile_id = ?1 AND role = ?2",
			 &s);
	if (status != STORE_OK)
		return finish(st, status);
	sqlite3_bind_int64(s, 1, pid);
	sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
	if (day >= 0) {
		sqlite3_bind_text(s, 3, buf, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, now);
	}
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	status = rc == SQLITE_DONE ? STORE_OK : status_of(rc);
	if (status == STORE_OK && day < 0 && sqlite3_changes(st->db) == 0)
		status = STORE_ERR_NOTFOUND;
	return finish(st, status);
}

enum store_status
store_appointments_list(struct store *st, const char *profile, struct store_appointment **out,
			size_t *n)
{
	enum store_status status;
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	status = prep(st,
		      "SELECT p.name, a.role, a.day, a.updated_at, a.origin"
		      " FROM appointments AS a JOIN profiles AS p ON p.id = a.profile_id"
		      " WHERE ?1 IS NULL OR p.name = ?1 ORDER BY p.name, a.role",
		      &s);
	if (status != STORE_OK)
		return status;
	if (profile != NULL)
		sqlite3_bind_text(s, 1, profile, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_appointment *a;
		int32_t day;

		if (dates_day_parse((const char *)sqlite3_column_text(s, 2), &day) != 0)
			continue; /* the CHECK lets "2026-19-39" through: not a day */
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->profile = col_str(s, 0);
		a->role = col_str(s, 1);
		a->day = day;
		a->updated_at = sqlite3_column_int64(s, 3);
		a->origin = (enum store_origin)sqlite3_column_int(s, 4);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_appointments_free(*out, *n);
		*out = NULL;
		*n = 0;
		return status_of(rc);
	}
	return STORE_OK;
}

void
store_appointments_free(struct store_appointment *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].profile);
		free(v[i].role);
	}
	free(v);
}

enum store_status
store_appointment_origin(struct store *st, const char *profile, const char *role,
			 enum store_origin origin)
{
	enum store_status status;
	sqlite3_stmt *s;
	int64_t pid;
	int rc;

	if (st->readonly)
		return STORE_ERR_READONLY;
	if (!name_ok(profile) || !id_ok(role) || (unsigned)origin > STORE_UNVERIFIED)
		return STORE_ERR_INVALID;
	if ((status = store_begin(st)) != STORE_OK)
		return status;
	status = pid_of(st, profile, false, 0, &pid);
	if (status == STORE_OK)
		status = prep(st,
			      "UPDATE appointments SET origin = ?3 WHERE profile_id = ?1"
			      " AND role = ?2",
			      &s);
	if (status != STORE_OK)
		return finish(st, status);
	sqlite3_bind_int64(s, 1, pid);
	sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, (int)origin);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	status = rc == SQLITE_DONE ? STORE_OK : status_of(rc);
	if (status == STORE_OK && sqlite3_changes(st->db) == 0)
		status = STORE_ERR_NOTFOUND;
	return finish(st, status);
}
