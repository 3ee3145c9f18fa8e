/*
 * store_int.h - what the store's files share; internal to the store (no
 * other module includes it).
 *
 * The store is five files: store_open.c (opening and closing),
 * store_schema.c (inspecting a file before use, and the migrations),
 * store_sql.c (prepared statements, status codes, transactions), and
 * store.c (the records: profiles, checklist, reading positions, ratings,
 * snapshots), with store_dates.c, store_undo.c and store_adopt.c (a
 * document's records moved to its new id).  All of rolebook's SQL is in these files.
 */
#ifndef ROLEBOOK_STORE_INT_H
#define ROLEBOOK_STORE_INT_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "xalloc.h"

/* Every prepared statement, by what it does; store_sql.c holds its SQL. */
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
	STMT_ITEM_ORIGIN,
	STMT_IMPORT_ADD,
	STMT_IMPORTS_LIST,
	STMT_IMPORT_COUNTS,
	STMT_SOURCE_OF,
	STMT_RATING_ORIGIN,
	STMT_FORGET_ITEMS,
	STMT_FORGET_RATINGS,
	STMT_FORGET_SNAPSHOTS,
	STMT_FORGET_POSITION,
	STMT_FORGET_APPOINTMENT,
	STMT_SNAPSHOT_LATEST,
	STMT_SNAPSHOT_DIFFERS,
	STMT_SNAPSHOT_ADD,
	STMT_SNAPSHOT_COPY,
	STMT_SNAPSHOT_TAKEN,
	STMT_SNAPSHOT_CLEAR,
	STMT_SNAPSHOT_RETIME,
	STMT_SNAPSHOTS_GET,
	STMT_SNAPSHOT_FIND,
	STMT_SNAPSHOT_SIZE,
	STMT_SNAPSHOT_VALUE,
	STMT_SNAPSHOT_RATING_ADD,
	STMT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;  /* the file, as opened; NULL in memory */
	int busy_ms; /* store_open()'s */
	bool readonly;
	/* when readonly: why */
	enum store_readonly why_readonly;
	int depth;	      /* 0: no transaction; 1: BEGIN; more: SAVEPOINTs */
	int changes_at_begin; /* sqlite3_total_changes() when depth became 1 */
	uint64_t version;     /* what store_data_version() returns */
	int64_t data_version; /* last PRAGMA data_version seen */
	sqlite3_stmt *stmts[STMT_COUNT];
	/* store_set_busy_hook() */
	bool (*busy_hook)(void *arg, int waited_ms);
	void *busy_arg;
	int busy_max, busy_waited;
};

/* ---- store_sql.c ---- */

/* The status for an SQLite result code (out of memory is fatal()). */
enum store_status store_status_of(int rc);

/* Replaces *detail (when detail is not NULL) with a new message. */
void store_set_detail(char **detail, const char *fmt, ...) RB_PRINTF(2, 3);

/* The prepared statement which (prepared on first use) in *out. */
enum store_status store_prepare(struct store *st, enum stmt which, sqlite3_stmt **out);

/* Resets s and drops its bindings, which point into the caller's strings. */
void store_release(sqlite3_stmt *s);

/* Prepares which and binds ?1, ?2 ... from fmt ('t' const char *, NULL
 * binds NULL; 'l' int64_t; 'd' int); the caller steps *out and then
 * store_release()s it. */
enum store_status store_query(struct store *st, enum stmt which, sqlite3_stmt **out,
			      const char *fmt, ...);

/* Runs which (bound as store_query() does) to its end. */
enum store_status store_run(struct store *st, enum stmt which, const char *fmt, ...);

/* Runs which and reads its first row's first column into *out;
 * STORE_ERR_NOTFOUND when there is no row. */
enum store_status store_get_int(struct store *st, int64_t *out, enum stmt which, const char *fmt,
				...);

/* Column col as a new string ("" for NULL), or a new string or NULL. */
char *store_col_str(sqlite3_stmt *s, int col);
char *store_col_opt(sqlite3_stmt *s, int col);

/* Ends the transaction a setter began: commits on success. */
enum store_status store_finish(struct store *st, enum store_status status);

/* A profile or rater name of 1 to STORE_NAME_MAX bytes; a clean id. */
bool store_name_ok(const char *name);
bool store_id_ok(const char *id);

/* A rater: "" (the profile's own) or a name of at most STORE_NAME_MAX bytes. */
bool store_rater_ok(const char *rater);

/* The short names the store's functions were written with. */
#define status_of(...) store_status_of(__VA_ARGS__)
#define set_detail(...) store_set_detail(__VA_ARGS__)
#define prepare(...) store_prepare(__VA_ARGS__)
#define release(...) store_release(__VA_ARGS__)
#define query(...) store_query(__VA_ARGS__)
#define run(...) store_run(__VA_ARGS__)
#define get_int(...) store_get_int(__VA_ARGS__)
#define col_str(...) store_col_str(__VA_ARGS__)
#define col_opt(...) store_col_opt(__VA_ARGS__)
#define finish(...) store_finish(__VA_ARGS__)
#define name_ok(...) store_name_ok(__VA_ARGS__)
#define id_ok(...) store_id_ok(__VA_ARGS__)
#define rater_ok(...) store_rater_ok(__VA_ARGS__)

/* ---- store_schema.c ---- */

/* Opens a connection with extended result codes and the busy timeout. */
int store_schema_open_db(const char *name, int flags, int busy_ms, sqlite3 **out);

/* The first row's first column of sql, as an integer or a new string
 * (NULL when there is no row). */
int store_schema_int(sqlite3 *db, const char *sql, int64_t *out);
int store_schema_text(sqlite3 *db, const char *sql, char **out);

/*
 * Opens path read-only and decides whether it may be used: the checks that
 * refuse a file run here, before any connection could write to it.  On
 * success *out is the read-only connection and *version its user_version;
 * *frozen is not 0 when the file could only be read as it stands
 * (immutable: the folder is read-only, or the disk full, so no -shm index
 * could be made), and then it cannot be written either: the primary SQLite
 * result code that said so (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_FULL,
 * SQLITE_IOERR).
 */
enum store_status store_schema_inspect(const char *path, bool writable, int busy_ms, sqlite3 **out,
				       int *version, int *frozen, char **detail);

/* Brings the schema from version up to STORE_SCHEMA_VERSION. */
enum store_status store_schema_migrate(sqlite3 *db, const char *path, int version, char **detail);

/* Turns on WAL, retrying for up to busy_ms; *mode gets the journal mode. */
int store_schema_to_wal(sqlite3 *db, int busy_ms, char **mode);

#endif
