/*
 * store.h - rolebook's local state in SQLite: profiles, checklist
 * progress, reading positions, self and reviewer ratings, snapshots.
 *
 * All SQL lives in store.c.  Every change is one transaction committed
 * before the call returns, so what a caller shows as saved is on disk.
 * Roles and items are named by the ids the content model gives them
 * (role id "program-manager", item id "a1b2c3d4e5f6"); the store treats
 * them as opaque strings and also keeps the text each record was made
 * against, so a reworded item is recognised and never dropped silently.
 *
 * Times are Unix seconds (int64_t) supplied by the caller, so tests can
 * fix the clock.  Functions never print and never exit; they return a
 * status whose message comes from store_strerror(), and, where a detail
 * pointer is given, a new string with specifics (caller frees).
 */
#ifndef ROLEBOOK_STORE_H
#define ROLEBOOK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_status {
	STORE_OK = 0,
	STORE_ERR_OPEN,	    /* cannot open or create the file or folder */
	STORE_ERR_CORRUPT,  /* not a database, or fails integrity checks */
	STORE_ERR_FOREIGN,  /* a SQLite database that is not rolebook's */
	STORE_ERR_NEWER,    /* written by a newer rolebook (user_version) */
	STORE_ERR_READONLY, /* opened read-only: changes are refused */
	STORE_ERR_BUSY,	    /* locked by another process for too long */
	STORE_ERR_NOTFOUND, /* no such profile or record */
	STORE_ERR_INVALID,  /* bad argument (empty name, rating out of range) */
	STORE_ERR_IO,	    /* disk full, I/O error, other SQLite failure */
};

/* Static message for a status, e.g. "database is locked by another process". */
const char *store_strerror(enum store_status status);

struct store;

enum store_open_flags {
	STORE_READONLY = 1 << 0, /* never write; refuse changes */
};

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 5

/* The one name-length limit: bytes in a profile name or a rater's name,
 * checked alike by the store, by imports and on the command line. */
#define STORE_NAME_MAX 200

/*
 * Opens (creating if needed) the database at path.  Creates missing parent
 * folders with mode 0700 and the file with mode 0600; turns on WAL, a busy
 * timeout of busy_ms milliseconds (negative means 0) and foreign keys;
 * migrates an older schema forward, one transaction per version step.  A
 * database that is corrupt (or fails PRAGMA quick_check), foreign or newer
 * is never modified.  When the folder or file cannot be written the store
 * opens read-only (store_is_readonly() tells) instead of failing, unless the
 * file does not exist yet (STORE_ERR_OPEN) or would need setting up or
 * upgrading (STORE_ERR_READONLY).  Held locks beyond busy_ms give
 * STORE_ERR_BUSY.  On success *out receives a new store the caller closes
 * with store_close(); on failure *out is NULL and *detail, when detail is
 * not NULL, a new string naming the file and the reason (caller frees).
 */
enum store_status store_open(const char *path, unsigned flags, int busy_ms, struct store **out,
			     char **detail);
/* Opens a new, empty, private database in memory with the current schema:
 * a scratch store for reading exports without touching any file (rolebook
 * review DIR).  Its records go when it is closed.  Same *out and *detail
 * contract as store_open(). */
enum store_status store_open_memory(struct store **out, char **detail);
void store_close(struct store *st); /* NULL is a no-op; rolls back an open group */
bool store_is_readonly(const struct store *st);
/* Why a store is read-only, for the words that tell the user. */
enum store_readonly {
	STORE_RO_NO = 0,  /* writable */
	STORE_RO_ASKED,	  /* opened with STORE_READONLY */
	STORE_RO_DENIED,  /* the file or its folder cannot be written (EROFS, EACCES) */
	STORE_RO_FULL,	  /* the disk is full (SQLITE_FULL, ENOSPC) */
	STORE_RO_FAILING, /* the disk failed to write (an I/O error) */
};
enum store_readonly store_readonly_why(const struct store *st);
/* What stops writing, for "...; nothing was changed": "the database is
 * read-only", "the disk is full", ...; static. */
const char *store_readonly_text(enum store_readonly why);
/* The same as the title of a status line: "Read-only", "Disk full", ... */
const char *store_readonly_title(enum store_readonly why);
/*
 * While another program holds the write lock, a change waits up to the
 * busy_ms given to store_open(), then fails with STORE_ERR_BUSY.  A screen
 * must not freeze that long: it sets a short wait here and keeps the
 * changes that fail to try them again (change.h).  ms < 0: back to
 * store_open()'s busy_ms.
 */
void store_set_busy_ms(struct store *st, int ms);

/* The database file's path as opened (borrowed, valid until store_close()),
 * or NULL for a store in memory. */
const char *store_path(const struct store *st);

/* A number that changes whenever another connection commits a change
 * (PRAGMA data_version) and also when this store commits one (which
 * data_version alone does not show): callers compare it to know when to
 * reload.  It only grows, and may grow without a visible change. */
uint64_t store_data_version(struct store *st);

/* Groups several changes into one all-or-nothing transaction (BEGIN
 * IMMEDIATE).  Setters called inside join it; groups nest, an inner
 * rollback undoing only the inner part.  store_commit() without a group is
 * STORE_ERR_INVALID; when it fails the whole group is rolled back.
 * store_rollback() without a group does nothing. */
enum store_status store_begin(struct store *st);
enum store_status store_commit(struct store *st);
void store_rollback(struct store *st);

/* ---- profiles ---- */

/* Returns the profile's id, creating it when create is true. */
enum store_status store_profile(struct store *st, const char *name, bool create, int64_t now,
				int64_t *id);
/* Deletes a profile and, through ON DELETE CASCADE, all its records and
 * snapshots.  STORE_ERR_NOTFOUND when there is no such profile. */
enum store_status store_profile_delete(struct store *st, const char *name);

struct store_progress {
	char *profile;
	char *role;
	size_t done; /* items recorded as done (the caller intersects with content) */
	int64_t updated_at;
};
/* Every profile (even with no records: role NULL, done 0) and role with
 * progress (checklist items, ratings or snapshots), sorted by profile then
 * role.  A reading position is no progress: it makes no role, and a
 * profile with nothing but positions is left out.  Free with
 * store_progress_free(). */
enum store_status store_profiles_list(struct store *st, struct store_progress **out, size_t *n);
/* The same with the reading positions counted as records (done 0): every
 * role a profile has any record of, for an export that must carry them
 * all.  Free with store_progress_free(). */
enum store_status store_records_list(struct store *st, struct store_progress **out, size_t *n);
void store_progress_free(struct store_progress *p, size_t n);

/* ---- checklist ---- */

/* Where a record came from: typed in this database, or imported from a
 * file whose signature verified, or from an unsigned one.  A local change
 * makes a record STORE_LOCAL again. */
enum store_origin {
	STORE_LOCAL = 0,
	STORE_SIGNED = 1,
	STORE_UNVERIFIED = 2,
};

struct store_item {
	char *item_id;
	char *text; /* the item's text when the record was last changed */
	bool done;
	int64_t done_at; /* 0 when not done */
	char *note;	 /* NULL when none */
	int64_t updated_at;
	enum store_origin origin;
	char *role;   /* the role the record is kept under (NULL in an export's records) */
	bool pending; /* a change waiting for the database, not saved yet (change.h) */
};

/* All records of (profile, role), or of every role of profile when role is
 * NULL (a step two roles share is read across them: checklist.c), sorted
 * by item id then role (none for an unknown profile).
 * Free with store_items_free(). */
enum store_status store_items_get(struct store *st, const char *profile, const char *role,
				  struct store_item **out, size_t *n);
void store_items_free(struct store_item *items, size_t n);

/* Marks an item done or not done (done_at = now, or 0), creating the
 * profile and record as needed and storing text as its current wording
 * (text NULL keeps the stored wording, "" for a new record). */
enum store_status store_item_set_done(struct store *st, const char *profile, const char *role,
				      const char *item_id, const char *text, bool done,
				      int64_t now);
/* Sets or (note NULL or "") clears an item's note. */
enum store_status store_item_set_note(struct store *st, const char *profile, const char *role,
				      const char *item_id, const char *text, const char *note,
				      int64_t now);
/* Removes an item's record (used to discard stale progress on request);
 * STORE_ERR_NOTFOUND when there is none. */
enum store_status store_item_forget(struct store *st, const char *profile, const char *role,
				    const char *item_id);

/* Sets the origin of an item's record (rater NULL) or of a rating
 * (rater "" for the profile's own): for imports, after setting the record.
 * STORE_ERR_NOTFOUND when there is no such record. */
enum store_status store_origin_set(struct store *st, const char *profile, const char *role,
				   const char *rater, const char *id, enum store_origin origin);

/* Removes every record (checklist, ratings of every rater, snapshots,
 * reading position) of profile for role; with role NULL the profile
 * itself (store_profile_delete).  STORE_ERR_NOTFOUND when it had none. */
enum store_status store_forget(struct store *st, const char *profile, const char *role);

/*
 * Copies the records of role id from to role id to, for every profile, in
 * one transaction: checklist items, reading positions, ratings,
 * snapshots (new ids, their ratings with them), start dates and what the
 * import log saved of them; from keeps its own (a folder's document of
 * that name showed them in an older rolebook).  Only
 * when from is an id an older rolebook wrote (see store_role_claim),
 * to has no record at all and from has some: otherwise nothing changes
 * (*moved 0).  *moved counts the records copied.  STORE_ERR_
 * READONLY on a read-only store; from and to must differ.
 */
enum store_status store_role_adopt(struct store *st, const char *from, const char *to,
				   size_t *moved);

/*
 * Only ids an older rolebook wrote may be adopted (schema 5's legacy_ids,
 * noted at the upgrade; each once): store_role_adopt() moves nothing from
 * another.  A document of a folder opened under such an id ("README" of
 * a --content folder) claims it: its records are that document's, and
 * no file opened directly adopts them later.  STORE_ERR_READONLY on a
 * read-only store.
 */
enum store_status store_role_claim(struct store *st, const char *id);

/*
 * Notes id as one an older rolebook wrote (legacy_ids, as schema step 5
 * noted those of an upgraded database), so that a file opened directly
 * may adopt its records (store_role_adopt): import's, for the records of
 * an export file written before folders.  In the caller's transaction.
 */
enum store_status store_role_note_legacy(struct store *st, const char *id);

/*
 * Gives role's checklist records kept under item id from[i] to item id
 * to[i], for each i and every profile, in one transaction, with what the
 * import log saved of them; a profile with both (one step twice) keeps
 * the later updated_at, as import merges, under to[i].  *moved counts the
 * records moved or merged.  identity_rekey_items() says which ids (the
 * rule that made a step's id before, content_item_id_in).
 * STORE_ERR_READONLY on a read-only store; each from[i] and to[i] must
 * differ.
 */
enum store_status store_items_rekey(struct store *st, const char *role, char *const *from,
				    char *const *to, size_t n, size_t *moved);

/* ---- reading position ---- */

/* *section (a new string, or NULL for the top) and *line of (profile,
 * role); STORE_ERR_NOTFOUND when none was saved.  line must be >= 0. */

enum store_status store_position_get(struct store *st, const char *profile, const char *role,
				     char **section, int *line);
enum store_status store_position_set(struct store *st, const char *profile, const char *role,
				     const char *section, int line, int64_t now);

/* ---- ratings: the candidate's own (rater "") and reviewers' ---- */

struct store_rating {
	char *rater; /* "" for the profile's own self-assessment */
	char *statement_id;
	char *area; /* skill area name, e.g. "Leadership" */
	char *text; /* statement wording when rated */
	int value;  /* 1..5, 0 = not rated (cleared or note only) */
	char *note; /* NULL when none */
	int64_t updated_at;
	enum store_origin origin; /* STORE_LOCAL inside a snapshot */
	bool pending;		  /* a change waiting for the database (change.h) */
};

/* All ratings of (profile, role) by rater, or by every rater when rater is
 * NULL.  Free with store_ratings_free(). */
enum store_status store_ratings_get(struct store *st, const char *profile, const char *role,
				    const char *rater, struct store_rating **out, size_t *n);
void store_ratings_free(struct store_rating *r, size_t n);
/* Sets a rating (0 clears it but keeps any note); value outside 0..5 is
 * STORE_ERR_INVALID, and so is a NULL rater or one longer than
 * STORE_NAME_MAX bytes; area and text NULL keep the
 * stored ones.  A record left with neither value nor note is removed. */
enum store_status store_rating_set(struct store *st, const char *profile, const char *role,
				   const char *rater, const char *statement_id, const char *area,
				   const char *text, int value, int64_t now);
enum store_status store_rating_set_note(struct store *st, const char *profile, const char *role,
					const char *rater, const char *statement_id,
					const char *area, const char *text, const char *note,
					int64_t now);

/* ---- snapshots: dated copies of a rater's ratings ---- */

struct store_snapshot {
	int64_t id;
	char *rater;
	int64_t taken_at;
	struct store_rating *ratings; /* value > 0 only */
	size_t nratings;
};

/* One sitting: a snapshot taken less than this many seconds after the
 * latest one of the same rater replaces it (see store_snapshot_take). */
#define STORE_SNAPSHOT_SITTING (30 * 60)

/* Records the current ratings (value > 0) of (profile, role, rater) as a
 * snapshot taken at now, *id its id; does nothing (and sets *id to 0) when
 * there are none or they equal the latest one (same statement_id, value
 * pairs; wording and notes do not count).  When the latest one of the
 * rater was taken less than STORE_SNAPSHOT_SITTING seconds before now,
 * it is replaced (its ratings and time become the current ones, *id its
 * id) instead of adding another: corrections of one sitting make one
 * snapshot. */
enum store_status store_snapshot_take(struct store *st, const char *profile, const char *role,
				      const char *rater, int64_t now, int64_t *id);
/* Snapshots of (profile, role, rater), or of every rater when rater is
 * NULL, oldest first (by taken_at); ratings sorted by statement_id. */
enum store_status store_snapshots_get(struct store *st, const char *profile, const char *role,
				      const char *rater, struct store_snapshot **out, size_t *n);
void store_snapshots_free(struct store_snapshot *s, size_t n);

/* Inserts a snapshot as given (import): ignored when one with the same
 * rater, taken_at and ratings (statement_id, value pairs) already exists,
 * or when it has no ratings.  snap->id is ignored; values must be 1..5 and
 * statement ids distinct, else STORE_ERR_INVALID.  Creates the profile. */
enum store_status store_snapshot_put(struct store *st, const char *profile, const char *role,
				     const struct store_snapshot *snap);

/* ---- the import log ---- */

struct store_import {
	int64_t id;
	char *file;   /* as given */
	char *signer; /* NULL: unsigned */
	char *profile;
	int64_t imported_at;
	int64_t added, changed, kept, refused;
	int64_t undone_at; /* 0: not undone */
};

/* Records one import of a file exported at exported_at; *id (when not
 * NULL) its number, from 1. */
enum store_status store_import_log(struct store *st, const char *file, const char *signer,
				   const char *profile, int64_t exported_at, int64_t now,
				   size_t added, size_t changed, size_t kept, size_t refused,
				   int64_t *id);
/* Where the records of profile's role by rater ("" the profile's own)
 * came from: the imports (not undone) whose records still stand, that is
 * that no later import replaced and that were not changed here since,
 * each with how many; the latest first.  *out a new array of *n (0: typed
 * here, or none); free with store_sources_free(). */
struct store_source {
	char *file;
	char *signer; /* NULL: an unsigned file */
	int64_t exported_at;
	size_t records;
};
enum store_status store_sources_of(struct store *st, const char *profile, const char *role,
				   const char *rater, struct store_source **out, size_t *n);
void store_sources_free(struct store_source *v, size_t n);
/* What store_undo_save() saves before an import sets a record. */
enum store_undo_kind {
	STORE_UNDO_ITEM,      /* key: the item id */
	STORE_UNDO_RATING,    /* rater, key: the statement id */
	STORE_UNDO_SNAPSHOTS, /* key: the largest snapshot id before, after: after */
	STORE_UNDO_POSITION,  /* a reading position it set (there was none) */
	STORE_UNDO_PROFILE,   /* the profile it created */
	/* the appointment date of (profile, role) */
	STORE_UNDO_APPOINTMENT,
};

/* Saves, for import import_id (0: none, then nothing is saved), the record
 * an import is about to set, as it is (or that there is none); after is
 * the updated_at the import gives it.  Call inside the import's group. */
enum store_status store_undo_save(struct store *st, int64_t import_id, enum store_undo_kind kind,
				  const char *profile, const char *role, const char *rater,
				  const char *key, int64_t after);
/* Undoes import import_id: every record it added or changed and that was
 * not changed since is put back as it was (*undone counts them), records
 * changed since are left (*skipped); snapshots and a position it added go,
 * and a profile it created when nothing is left of it.  The import stays
 * in the log, marked undone.  STORE_ERR_NOTFOUND: no such import;
 * STORE_ERR_INVALID: already undone. */
enum store_status store_import_undo(struct store *st, int64_t import_id, int64_t now,
				    size_t *undone, size_t *skipped);
/* Sets the counts of a logged import (logged first with zeros). */
enum store_status store_import_counts(struct store *st, int64_t id, size_t added, size_t changed,
				      size_t kept, size_t refused);

/* Every import logged, oldest first.  Free with store_imports_free(). */
enum store_status store_imports_list(struct store *st, struct store_import **out, size_t *n);
void store_imports_free(struct store_import *v, size_t n);

/* ---- appointments: when a profile took up a role (store_dates.c) ---- */

/* Days are dates.h day numbers (days since 1970-01-01), stored as
 * "YYYY-MM-DD": a calendar day, the same in every time zone. */
struct store_appointment {
	char *profile;
	char *role;
	int32_t day;
	int64_t updated_at;
	enum store_origin origin;
};

/* The appointment date of (profile, role) in *day; STORE_ERR_NOTFOUND
 * when none is recorded (*day is then -1). */
enum store_status store_appointment_get(struct store *st, const char *profile, const char *role,
					int32_t *day);
/* The same, and where the date came from (*origin: STORE_UNVERIFIED when
 * an unsigned file brought it, to be marked so wherever it is shown). */
enum store_status store_appointment_find(struct store *st, const char *profile, const char *role,
					 int32_t *day, enum store_origin *origin);
/* Records (creating the profile as needed) that profile took up role on
 * day; day < 0 clears it (STORE_ERR_NOTFOUND when there was none).  A day
 * dates_day_parse() would refuse is STORE_ERR_INVALID. */
enum store_status store_appointment_set(struct store *st, const char *profile, const char *role,
					int32_t day, int64_t now);
/* Every appointment of profile (NULL: of every profile), sorted by
 * profile then role.  Free with store_appointments_free(). */
enum store_status store_appointments_list(struct store *st, const char *profile,
					  struct store_appointment **out, size_t *n);
void store_appointments_free(struct store_appointment *v, size_t n);
/* Sets the origin of (profile, role)'s appointment (imports). */
enum store_status store_appointment_origin(struct store *st, const char *profile, const char *role,
					   enum store_origin origin);

/* ---- for tests ---- */

/* The frozen SQL that takes the schema from version - 1 to version (1 ..
 * STORE_SCHEMA_VERSION), ending with the PRAGMA user_version it reaches;
 * NULL for any other version.  Static; tests run it to build old databases. */
const char *store_migration_sql(int version);

/* The i-th rule open checks every row of its table against (an SQL
 * expression, static), from 0; NULL past the last. */
const char *store_schema_rule(size_t i);

#endif
