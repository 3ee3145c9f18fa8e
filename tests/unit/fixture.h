/*
 * fixture.h - what the unit suites share: a store in a folder of its own,
 * a day, a role from memory or from the bundled handbook, a file written
 * for a test; and alice's records, for the export and report suites
 * (test_export.c, test_report.c).
 *
 * The fixture is built through the store's own setters at fixed times
 * (T0 = 2026-11-23T00:00:00Z), for the role tests/data/export/roles/demo.md
 * and a role the handbook no longer has.  Its export must equal
 * tests/data/export/alice.json and its reports report.txt, report.md and
 * report.json there byte for byte; on a mismatch the output is saved
 * beside the run's temporary files as NAME.actual.
 */
#ifndef ROLEBOOK_FIXTURE_H
#define ROLEBOOK_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "export.h"
#include "report.h"
#include "store.h"

#define T0 INT64_C(1795392000) /* 2026-11-23T00:00:00Z */
#define DAY INT64_C(86400)
#define EXPORTED (T0 + 10 * DAY)
#define DATA TEST_SRCDIR "/tests/data/export"

/* The demo role's ids (content_item_id of the wording). */
#define DEMO "demo"
#define GONE "retired-role"
#define I_CHARTER "e8d44ad2ae15"
#define I_CHANNEL "f87ac471c1ed"
#define I_MEETING "c59296626ebf"
#define S_REVIEW "11c4e7b58c6c"
#define S_WRITE "da1f5e0c576e"
#define S_ANSWER "6ad1b8194c5f"
#define S_WELCOME "4ae628f32ad4"

#define OK(call) CU_ASSERT_EQUAL((call), STORE_OK)

/* The handbook of the suites: tests/data/export/roles, loaded by
 * fixture_suite_init() and freed by fixture_suite_clean() (a suite's CUnit
 * init and cleanup functions). */
extern struct catalog fixture_cat;
int fixture_suite_init(void);
int fixture_suite_clean(void);

/* A new folder "export-NAME" in the run's temporary folder; caller frees
 * the path. */
char *fixture_dir(const char *name);

/* A new store in its own folder; NULL (and a failure) when it cannot open. */
struct store *fixture_fresh(const char *name);

/* The path of a database in the folder NAME of the run's temporary
 * folder, made if need be (caller frees); fixture_open() opens it, which
 * must succeed. */
char *fixture_db_path(const char *name);
struct store *fixture_open(const char *path);

/* The day of "YYYY-MM-DD", which must parse. */
int32_t fixture_day(const char *s);

/* A role parsed from text as role_load() would after reading a file, under
 * id (path "(memory)", threshold 3.0); free with role_free(). */
struct role *fixture_role_text(const char *id, const char *text);
/* The role of the file DIR/ID.md, loaded, of origin; free with
 * role_free().  fixture_bundled(): of the bundled handbook,
 * content/roles. */
struct role *fixture_role_at(const char *dir, const char *id, enum role_origin origin);
struct role *fixture_bundled(const char *id);
/* The index of r's onboarding step whose text starts with start; fatal
 * to the test when there is none. */
size_t fixture_step(const struct role *r, const char *start);

/* A file's text (a new string, caller frees), or NULL with the reason on
 * stderr. */
char *fixture_slurp(const char *path);

/* Writes text to the file DIR/REL, making the folders on the way below
 * DIR; fixture_put_bytes() writes len bytes of data to path.  Fatal to the
 * test when the file cannot be written (the reason on stderr; a suite's
 * init function, which runs in no test, gets only that). */
void fixture_put(const char *dir, const char *rel, const char *text);
void fixture_put_bytes(const char *path, const void *data, size_t len);

/* Compares actual with the expected file tests/data/export/NAME; saves
 * actual as NAME.actual on a mismatch. */
void fixture_assert_file(const char *name, const char *actual);

/* fixture_fresh() holding alice's records; see tests/data/export/alice.json. */
struct store *fixture_store(const char *name);

/* The text of tests/data/export/alice.json (caller frees); fatal to the
 * test when it cannot be read. */
char *fixture_json(void);

/* export_import() of doc at T0 + 30 days, under as when not NULL. */
enum export_status fixture_import(struct store *st, const char *doc, const char *as,
				  struct export_counts *c, char **detail);

/* The report of profile (for only, or every role), which must succeed;
 * caller frees. */
char *fixture_report(struct store *st, const char *profile, struct role *only,
		     enum report_format f);

#endif
