/*
 * export.h - the JSON export and import of a profile's records.
 *
 * A profile's records leave a database and come back here:
 *
 * - an export: one JSON document "rolebook-export" version 1 holding every
 *   record of a profile (checklist, ratings of every rater, snapshots,
 *   reading positions) and the role content they refer to;
 * - and, read back, an import of such a document into a database.
 *
 * (Readiness reports, which are only read, are report.h's.)
 *
 * man/json-format.txt documents the JSON format.  All times in it are
 * integers, Unix seconds UTC (0 = none), except exported_at, an ISO 8601
 * UTC string for people.
 *
 * An import is untrusted input: it is refused before being read whole when
 * larger than EXPORT_MAX_BYTES, refused when nested deeper than
 * EXPORT_MAX_DEPTH, and every field is checked for type and range before
 * anything is written; free text is sanitised (text_sanitize), names and
 * ids that are not clean are refused.  The import then runs in one
 * transaction: all or nothing.  Merge rule: a record (checklist item or
 * rating, keyed by role, item or rater and statement) replaces the
 * database's only when its updated_at is later, so importing the same file
 * twice changes nothing and a newer local change survives; snapshots are
 * added unless the same one (rater, taken_at, values) is there; a reading
 * position is set only where there is none.
 *
 * Functions never print and never exit: they return a status whose
 * message comes from export_strerror() and, where a detail pointer is
 * given, a new string with specifics (caller frees).  The command-line
 * glue that prints is cli_export.h's.
 */
#ifndef ROLEBOOK_EXPORT_H
#define ROLEBOOK_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bounds.h"
#include "content.h"
#include "store.h"

#define EXPORT_FORMAT "rolebook-export"
/* Version 2 (rolebook 0.3): may be signed (FILE.sig, see sign.h) and may
 * hold only one reviewer's ratings ("reviews": that reviewer's name).
 * Version 1 files still import, under the rules for unsigned files. */
#define EXPORT_VERSION 2

#define EXPORT_MAX_BYTES (16u * 1024 * 1024) /* an import file */
#define EXPORT_MAX_DEPTH 32		     /* nested arrays and objects */
#define EXPORT_MAX_TEXT 10240		     /* bytes in a note or other text */
#define EXPORT_MAX_ID 64		     /* bytes in an item or statement id */
#define EXPORT_MAX_ROLE_ID 1024		     /* bytes in a role id (a path) */
#define EXPORT_MAX_TIME BOUND_TIME_MAX	     /* 9999-12-31T23:59:59Z, bounds.h */
#define EXPORT_MAX_AHEAD (24 * 60 * 60)	     /* seconds a time may be past now */

enum export_status {
	EXPORT_OK = 0,
	EXPORT_ERR_IO,	      /* cannot read or write a file or folder */
	EXPORT_ERR_TOO_LARGE, /* input larger than EXPORT_MAX_BYTES */
	EXPORT_ERR_TOO_DEEP,  /* nested deeper than EXPORT_MAX_DEPTH */
	EXPORT_ERR_PARSE,     /* not JSON */
	EXPORT_ERR_FORMAT,    /* JSON, but not a rolebook export */
	EXPORT_ERR_VERSION,   /* an export of a newer format version */
	EXPORT_ERR_SCHEMA,    /* a field missing, of the wrong type or out of range */
	EXPORT_ERR_NOTFOUND,  /* no such profile in the database */
	EXPORT_ERR_STORE,     /* the database refused; the detail says why */
	EXPORT_ERR_INVALID,   /* bad argument (an --as name) */
	EXPORT_ERR_SIGNATURE, /* signed, but the signature does not verify */
};

/*
 * True when s is a name rolebook accepts from outside (a profile or a
 * rater, from an import or the command line): 1 to STORE_NAME_MAX bytes,
 * no control, format or invisible characters (zero-width, bidi, non-ASCII
 * spaces), no space at either end, and no word mixing Latin, Greek,
 * Cyrillic or Armenian letters.  Else false with *why (when why is not
 * NULL) a new message saying which rule (caller frees).
 */
bool export_name_ok(const char *s, char **why);

/* Static message for a status, e.g. "not a rolebook export". */
const char *export_strerror(enum export_status status);

/* ---- export ---- */

/*
 * Builds the export of profile, exported at now (Unix seconds), as JSON
 * text with sorted keys, two-space indents and a final newline: a new
 * string in *out (caller frees).  Roles are those with any record of the
 * profile, sorted by id; each carries the role's title and content from
 * cat when cat has it (else its id and empty content).  EXPORT_ERR_NOTFOUND
 * when the profile does not exist.
 */
enum export_status export_profile(struct store *st, struct catalog *cat, const char *profile,
				  int64_t now, char **out, char **detail);

/* The same, holding only the ratings and snapshots (with their notes) that
 * rater gave profile, and only the roles rater rated: a reviewer's review,
 * with "reviews": rater at the top.  EXPORT_ERR_INVALID without a rater,
 * EXPORT_ERR_NOTFOUND when rater rated nothing of profile. */
enum export_status export_reviews(struct store *st, struct catalog *cat, const char *profile,
				  const char *rater, int64_t now, char **out, char **detail);

/* Writes len bytes of data to path safely (files_replace(): an unnamed
 * temporary file in the same folder, mode 0600, fsync, rename over path).
 * A failure leaves path as it was and no temporary file behind. */
enum export_status export_write_file(const char *path, const char *data, size_t len, char **detail);

/* ---- import ---- */

/* What an import held and did. */
struct export_counts {
	size_t roles, items, ratings, snapshots; /* records in the document */
	size_t changed;		 /* records added or replaced, snapshots added, positions set */
	size_t added;		 /* of which new: the database had none */
	size_t kept;		 /* records not replaced because the database's is newer
				    and differs */
	size_t kept_signed;	 /* not replaced: signed in the database, the file unsigned */
	size_t same_time;	 /* not replaced: as old as the database's, and different */
	size_t refused_other;	 /* records attributed to someone not the signer */
	size_t refused_unsigned; /* reviewer ratings in an unsigned file */
	size_t refused_yours;	 /* would replace a reviewer's ratings typed here */
	int64_t exported_at;	 /* the document's time */
	int64_t import_id;	 /* its number in the import log (0: not logged) */
	char **listed;		 /* with opts.list: "add: demo, item ID: text", one per
				    record added, updated, kept or refused */
	size_t nlisted, listcap;
};

/* Frees c's list (a no-op without one). */
void export_counts_free(struct export_counts *c);

/* How to import, and what is known of the file. */
struct export_import_opts {
	const char *as;	      /* a profile name to import under, NULL: the file's */
	const char *file;     /* the file's name for the import log; NULL: not logged */
	const char *signer;   /* the verified signer; NULL: an unsigned file */
	bool accept_unsigned; /* take reviewer ratings from an unsigned file (unverified) */
	bool dry_run;	      /* count, then roll back: nothing is written */
	bool list;	      /* list each record's outcome (export_counts.listed) */
	int64_t now;	      /* Unix seconds */
	const char *allowed;  /* export_import_file: the allowed-signers file, NULL: none */
};

/*
 * What a file may carry.  From a file signed by SIGNER (signer not NULL)
 * the import takes the profile's own records (checklist, self-ratings and
 * snapshots, reading position) only when the document's profile is SIGNER,
 * and a reviewer's ratings and snapshots only when the reviewer is SIGNER;
 * anything else is counted in refused_other.  From an unsigned file it
 * takes the profile's own records, marked STORE_UNVERIFIED, and reviewer
 * ratings only with accept_unsigned (else refused_unsigned).  Whatever the
 * file, a reviewer's rating typed in this database is never replaced
 * (refused_yours), an unsigned record never replaces a signed one (and a
 * signed one replaces an unverified one whatever the times), a time
 * more than EXPORT_MAX_AHEAD past now refuses the whole file, and a
 * rating with neither value nor note is skipped.  Each import that writes
 * is logged (store_import_log) when o->file is given.
 */
enum export_status export_import_with(struct store *st, const char *data, size_t len,
				      const struct export_import_opts *o, char **profile,
				      struct export_counts *counts, char **detail);

/*
 * Imports an export document data[0..len) into st, under profile `as` when
 * not NULL (else the document's profile), all in one transaction.  now
 * (Unix seconds) dates what the document carries no time for (a reading
 * position).  On success *profile (when not NULL) receives a new copy of
 * the profile name used and *counts (when not NULL) the numbers.  On
 * failure nothing was changed and *detail says what and where: a JSON path
 * such as "roles[1].ratings[3].value: must be an integer from 0 to 5", or
 * "line 3, column 7: ..." for a parse error.  The document is taken as an
 * unsigned file imported with --accept-unsigned: every record it may carry
 * is taken, marked STORE_UNVERIFIED (export_import_with() says more).
 */
enum export_status export_import(struct store *st, const char *data, size_t len, const char *as,
				 int64_t now, char **profile, struct export_counts *counts,
				 char **detail);

/* Reads a whole file (path "-" is standard input) of at most
 * EXPORT_MAX_BYTES: *data receives a new NUL-terminated buffer and *len
 * its length.  A regular file over the limit is refused before reading. */
enum export_status export_read_file(const char *path, char **data, size_t *len, char **detail);

/*
 * export_read_file() then export_import_with().  When path.sig exists the
 * file is a signed one: its signature is verified (sign_verify) against
 * o->allowed, and the file refused whole (EXPORT_ERR_SIGNATURE, nothing
 * changed) when it does not verify or no allowed-signers file is given;
 * else the verified principal is the signer.  o->signer is ignored.
 * *signer (when not NULL) receives a new copy of the signer, or NULL.
 */
enum export_status export_import_file(struct store *st, const char *path,
				      const struct export_import_opts *o, char **profile,
				      char **signer, struct export_counts *counts, char **detail);

/*
 * Imports every "*.json" regular file of dir and its subfolders (symbolic
 * links are not followed; in name order) into
 * mem, without stopping at a bad one: for `rolebook review DIR`, whose
 * caller passes a scratch store (store_open_memory()) so that nothing
 * reaches the real database.  Each file is its own transaction, so a
 * refused file leaves nothing behind; files of the same profile merge by
 * the import rule.  A signed file is verified against allowed, else
 * DIR/allowed_signers; from an unsigned file only the profile's own records
 * are taken (marked unverified), and its reviewer ratings too with
 * accept_unsigned, as export_import_with() says; each file is logged in mem's import log
 * (store_imports_list) with its signer, by its path relative to dir.  *nloaded (when not NULL)
 * receives how many files were imported; *errors a new array of *nerrors new strings "NAME.json:
 * message: detail", one per refused file (free with export_errors_free()). Returns EXPORT_OK even
 * when files were refused; EXPORT_ERR_IO with *detail when dir cannot be read (then *errors is
 * NULL, *nerrors 0).
 */
enum export_status export_load_dir(struct store *mem, const char *dir, const char *allowed,
				   bool accept_unsigned, size_t *nloaded, char ***errors,
				   size_t *nerrors, char **detail);
void export_errors_free(char **errors, size_t n);

/* Where the records of profile's role by rater ("" its own) came from,
 * for review: "team/alice.json, signed by alice, 2 days old" or
 * "alice.json, unverified, exported today"; records from several files
 * name each with its count, the latest first ("4 from extra.json,
 * unverified, exported today + 28 from alice.json, signed by alice, 2 days
 * old"); from the import log (store_sources_of); a new string, or NULL
 * when no import set them (typed in this database). */
char *export_source_text(struct store *st, const char *profile, const char *role, const char *rater,
			 int64_t now);

#endif
