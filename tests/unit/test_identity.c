/*
 * test_identity.c - records an older rolebook kept, on the steps they are
 * for (identity.c): before folders a step's id was its words alone
 * (content_item_id); now a document that is no role has steps with ids
 * of their own.  The old database is built by the frozen steps 1 to 4
 * with the ids the old code gave (computed by `git show
 * 7828642:src/role.c`'s content_item_id, written here as text).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checklist.h"
#include "content.h"
#include "export.h"
#include "fixture.h"
#include "identity.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

/* The old version's ids (frozen: 7828642's content_item_id). */
#define OLD_GUIDE "5eadb40270db"  /* "Read the contributor guide" */
#define OLD_ASK "ea7e961765f6"	  /* "Ask a question in the channel" */
#define OLD_REPORT "294ff44decff" /* "Write the yearly report" */

static void
exec_db(const char *path, const char *sql, int from, int to)
{
	sqlite3 *db;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (int v = from; v <= to; v++)
		CU_ASSERT_EQUAL(sqlite3_exec(db, store_migration_sql(v), NULL, NULL, NULL),
				SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* One number from the database at path. */
static long
db_count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return n;
}

static struct role *
loaded(struct catalog *c, const char *id)
{
	struct role *r = catalog_find(c, id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	return r;
}

/* r's checklist for Ada: n steps, the first done or not, nothing stale
 * (no "earlier progress"). */
static void
expect_steps(struct store *st, const struct role *r, size_t n, bool first_done)
{
	struct checklist cl;

	CU_ASSERT_EQUAL(checklist_load(&cl, st, "Ada", r), STORE_OK);
	CU_ASSERT_EQUAL(cl.n, n);
	if (cl.n > 0)
		CU_ASSERT_EQUAL(cl.v[0].done, first_done);
	CU_ASSERT_EQUAL(cl.nstale, 0);
	checklist_done(&cl);
}

/* The ids of the old code are what content_item_id still gives: the
 * frozen values above are right. */
static void
test_old_rule(void)
{
	char id[13];

	content_item_id("Read the contributor guide", id);
	UNIT_ASSERT_STR(OLD_GUIDE, id);
	content_item_id("Ask a question in the channel", id);
	UNIT_ASSERT_STR(OLD_ASK, id);
	content_item_id("Write the yearly report", id);
	UNIT_ASSERT_STR(OLD_REPORT, id);
}

/*
 * A schema-4 database with ticks on documents that are no roles, keyed
 * as the old version keyed them: upgraded and each document opened
 * (identity_adopt), the ticks are on their steps, none is "earlier
 * progress" (stale); the role keeps its records as they were; a step the
 * old version showed in two documents (one record, kept under the one
 * where it was ticked) stays that document's; what the import log saved
 * follows; a step recorded under both ids keeps the later record.
 */
static void
test_old_step_records(void)
{
	char *dir = xasprintf("%s/oldsteps", unit_tmpdir), *err = NULL, *detail = NULL;
	char *path = xasprintf("%s/oldsteps.db", unit_tmpdir), *sql;
	struct store *st = NULL;
	struct catalog c;
	struct checklist cl;
	struct role *guide, *other, *role, *report;

	CU_ASSERT_TRUE_FATAL(mkdir(dir, 0700) == 0 || errno == EEXIST);
	fixture_put(
	    dir, "guide.md",
	    "# Guide\n\n- [ ] Read the contributor guide\n- [ ] Ask a question in the channel\n");
	fixture_put(dir, "other.md", "# Other\n\n- [ ] Read the contributor guide\n");
	fixture_put(dir, "role.md",
		    "# A role\n\n## Onboarding checklist\n\n"
		    "- [ ] Read the contributor guide\n");
	fixture_put(dir, "report.md", "# Report\n\n- [ ] Write the yearly report\n");
	unlink(path);
	exec_db(path,
		"INSERT INTO profiles VALUES (1, 'Ada', 100);"
		"INSERT INTO items VALUES (1, 'guide', '" OLD_GUIDE "',"
		" 'Read the contributor guide', 1, 150, 'done it', 160, 0);"
		"INSERT INTO items VALUES (1, 'role', '" OLD_GUIDE "',"
		" 'Read the contributor guide', 1, 150, NULL, 160, 0);"
		"INSERT INTO items VALUES (1, 'report', '" OLD_REPORT "',"
		" 'Write the yearly report', 1, 150, NULL, 160, 1);"
		"INSERT INTO imports VALUES (1, 'f.json', NULL, 'Ada', 0, 175, 1, 0, 0, 0, 0);"
		"INSERT INTO import_undo (import_id, kind, profile_id, role, key)"
		" VALUES (1, 0, 1, 'report', '" OLD_REPORT "');"
		"COMMIT",
		1, 4);

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, dir, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	guide = loaded(&c, "guide");
	other = loaded(&c, "other");
	role = loaded(&c, "role");
	report = loaded(&c, "report");
	CU_ASSERT_FALSE(role_shares_steps(guide));
	CU_ASSERT_TRUE(role_shares_steps(role));
	CU_ASSERT_STRING_NOT_EQUAL(guide->items[0].id, OLD_GUIDE);

	/* opened: quietly on their steps (nothing adopted to say) */
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, guide));
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, other));
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, role));
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, report));

	CU_ASSERT_EQUAL(checklist_load(&cl, st, "Ada", guide), STORE_OK);
	CU_ASSERT_EQUAL_FATAL(cl.n, 2);
	CU_ASSERT_TRUE(cl.v[0].done);
	CU_ASSERT_FALSE(cl.v[0].shared);
	CU_ASSERT_FATAL(cl.v[0].rec != NULL);
	UNIT_ASSERT_STR("done it", cl.v[0].rec->note);
	CU_ASSERT_FALSE(cl.v[1].done);
	CU_ASSERT_EQUAL(cl.nstale, 0);
	checklist_done(&cl);
	/* the old version showed guide's record here too; no more */
	expect_steps(st, other, 1, false);
	/* a role: its step's id is what it was */
	expect_steps(st, role, 1, true);
	CU_ASSERT_EQUAL(db_count(path, "SELECT count(*) FROM items WHERE role = 'role' AND "
				       "item_id = '" OLD_GUIDE "'"),
			1);
	/* the import log follows the record it saved */
	sql = xasprintf("SELECT count(*) FROM import_undo WHERE role = 'report' AND key = '%s'",
			report->items[0].id);
	CU_ASSERT_EQUAL(db_count(path, sql), 1);
	free(sql);

	/* the old record again (an old export imported after the move),
	 * older than the one on the step: merged, the later kept */
	CU_ASSERT_EQUAL(store_item_set_done(st, "Ada", "report", report->items[0].id,
					    "Write the yearly report", false, 300),
			STORE_OK);
	store_close(st);
	st = NULL;
	exec_db(path,
		"INSERT INTO items VALUES (1, 'report', '" OLD_REPORT "',"
		" 'Write the yearly report', 1, 150, NULL, 170, 1); COMMIT",
		1, 0);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	CU_ASSERT_EQUAL(identity_rekey_items(st, report), 1);
	expect_steps(st, report, 1, false);
	store_close(st);
	st = NULL;
	catalog_done(&c);
	free(detail);
	free(path);
	free(dir);
}

/*
 * The catalogue read again (catalog_refresh): a file added is listed, one
 * removed is not (kept in gone), a document found again is the same role
 * (its model still loaded, its id the same), a new file whose id a listed
 * document has (a second folder's x.md listed as "x") is listed under its
 * full path; nothing changed, nothing counted.
 */
static void
test_refresh(void)
{
	char *d1 = xasprintf("%s/fresh1", unit_tmpdir), *d2 = xasprintf("%s/fresh2", unit_tmpdir);
	char *err = NULL, *x1;
	struct catalog c;
	struct role *ra, *rx;
	uint64_t gen;

	CU_ASSERT_TRUE_FATAL(mkdir(d1, 0700) == 0 || errno == EEXIST);
	CU_ASSERT_TRUE_FATAL(mkdir(d2, 0700) == 0 || errno == EEXIST);
	x1 = xasprintf("%s/sub", d1);
	CU_ASSERT_TRUE_FATAL(mkdir(x1, 0700) == 0 || errno == EEXIST);
	free(x1);
	fixture_put(d1, "a.md", "# A\n");
	fixture_put(d1, "sub/b.md", "# B\n");
	fixture_put(d1, "sub/c.md", "# C\n");
	fixture_put(d2, "x.md", "# X of two\n");
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, d1, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, d2, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.n, 4);
	ra = loaded(&c, "a");
	rx = catalog_find(&c, "x");
	gen = c.gen;
	CU_ASSERT_FALSE(catalog_refresh(&c));
	CU_ASSERT_EQUAL(c.gen, gen);

	fixture_put(d1, "sub/d.md", "# D\n");
	fixture_put(d1, "x.md", "# X of one\n"); /* "x" is two's already */
	x1 = xasprintf("%s/sub/c.md", d1);
	CU_ASSERT_EQUAL(unlink(x1), 0);
	free(x1);
	CU_ASSERT_TRUE(catalog_refresh(&c));
	CU_ASSERT_EQUAL(c.gen, gen + 1);
	CU_ASSERT_EQUAL(c.n, 5);
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "sub/d"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "sub/c"));
	CU_ASSERT_EQUAL(c.ngone, 1);
	if (c.ngone == 1)
		UNIT_ASSERT_STR("sub/c", c.gone[0]->id);
	/* the same roles, ids and models */
	CU_ASSERT_PTR_EQUAL(catalog_find(&c, "a"), ra);
	CU_ASSERT_TRUE(ra->loaded);
	CU_ASSERT_PTR_EQUAL(catalog_find(&c, "x"), rx);
	/* one's new x.md: under its full path */
	x1 = xasprintf("%s/x.md", d1);
	{
		char *real = realpath(x1, NULL);
		struct role *r = catalog_find(&c, real);
		CU_ASSERT_PTR_NOT_NULL(r);
		if (r != NULL)
			UNIT_ASSERT_STR(real, r->rel);
		CU_ASSERT_PTR_EQUAL(catalog_find_file(&c, real), r);
		free(real);
	}
	free(x1);
	/* the walk's order: a folder's files, then its folders */
	UNIT_ASSERT_STR("a", c.v[0]->id);
	UNIT_ASSERT_STR("sub/b", c.v[2]->id);
	UNIT_ASSERT_STR("sub/d", c.v[3]->id);
	UNIT_ASSERT_STR("x", c.v[4]->id);
	catalog_done(&c);
	free(d1);
	free(d2);
}

/*
 * An export file written before folders, in the old form (by hand, as
 * 7828642:src/export.c wrote it: role ids file names, item ids the words
 * alone): imported into a new database, then the file opened directly,
 * its records are the file's and on its steps (no "earlier progress");
 * exported again (the new form) and imported into another database, the
 * same ticks.
 */
static void
test_old_export(void)
{
	static const char old_file[] =
	    "{\n"
	    "  \"exported_at\": \"2026-01-02T03:04:05Z\",\n"
	    "  \"format\": \"rolebook-export\",\n"
	    "  \"profile\": \"Ada\",\n"
	    "  \"roles\": [\n"
	    "    {\n"
	    "      \"checklist\": [\n"
	    "        {\n"
	    "          \"done\": true,\n"
	    "          \"done_at\": 1700000000,\n"
	    "          \"item_id\": \"" OLD_GUIDE "\",\n"
	    "          \"note\": \"read twice\",\n"
	    "          \"text\": \"Read the contributor guide\",\n"
	    "          \"updated_at\": 1700000000\n"
	    "        }\n"
	    "      ],\n"
	    "      \"content\": {\n"
	    "        \"items\": [\n"
	    "          {\"id\": \"" OLD_GUIDE "\", \"text\": \"Read the contributor guide\"},\n"
	    "          {\"id\": \"" OLD_ASK "\", \"text\": \"Ask a question in the channel\"}\n"
	    "        ],\n"
	    "        \"statements\": []\n"
	    "      },\n"
	    "      \"id\": \"notes\",\n"
	    "      \"position\": {\"line\": 7, \"section\": \"Start\"},\n"
	    "      \"ratings\": [],\n"
	    "      \"snapshots\": [],\n"
	    "      \"title\": \"Notes\"\n"
	    "    }\n"
	    "  ],\n"
	    "  \"version\": 2\n"
	    "}\n";
	char *dir = xasprintf("%s/oldexport", unit_tmpdir), *detail = NULL, *err = NULL;
	char *db1 = xasprintf("%s/oldexport1.db", unit_tmpdir);
	char *db2 = xasprintf("%s/oldexport2.db", unit_tmpdir), *file, *out = NULL, *said;
	struct store *st = NULL;
	struct catalog c;
	struct role *r;

	CU_ASSERT_TRUE_FATAL(mkdir(dir, 0700) == 0 || errno == EEXIST);
	fixture_put(
	    dir, "notes.md",
	    "# Notes\n\n- [ ] Read the contributor guide\n- [ ] Ask a question in the channel\n");
	file = xasprintf("%s/notes.md", dir);
	unlink(db1);
	unlink(db2);
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&c, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	r = catalog_add_file(&c, file, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);

	CU_ASSERT_EQUAL_FATAL(store_open(db1, 0, 1000, &st, &detail), STORE_OK);
	CU_ASSERT_EQUAL(
	    export_import(st, old_file, strlen(old_file), NULL, 1800000000, NULL, NULL, &detail),
	    EXPORT_OK);
	said = identity_adopt(st, &c, r);
	CU_ASSERT_PTR_NOT_NULL(said);
	free(said);
	expect_steps(st, r, 2, true);
	{
		char *section = NULL;
		int line = 0;
		CU_ASSERT_EQUAL(store_position_get(st, "Ada", r->id, &section, &line), STORE_OK);
		CU_ASSERT_EQUAL(line, 7);
		free(section);
	}
	/* the new form, round trip */
	CU_ASSERT_EQUAL(export_profile(st, &c, "Ada", 1800000000, &out, &detail), EXPORT_OK);
	store_close(st);
	st = NULL;
	CU_ASSERT_FATAL(out != NULL);
	/* the file's records under its path; the old id keeps its copy (a
	 * folder's notes.md showed the same records: adoption copies) */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, r->id));
	CU_ASSERT_EQUAL_FATAL(store_open(db2, 0, 1000, &st, &detail), STORE_OK);
	CU_ASSERT_EQUAL(export_import(st, out, strlen(out), NULL, 1800000000, NULL, NULL, &detail),
			EXPORT_OK);
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, r));
	expect_steps(st, r, 2, true);
	store_close(st);
	catalog_done(&c);
	free(out);
	free(detail);
	free(file);
	free(db1);
	free(db2);
	free(dir);
}

int
test_identity_register(void)
{
	static const struct unit_test tests[] = {
	    {"the old rule's ids are frozen", test_old_rule},
	    {"old step records land on their steps", test_old_step_records},
	    {"the catalogue read again: ids kept", test_refresh},
	    {"an export file before folders: adopted on its steps", test_old_export},
	};
	return unit_add_suite("identity", tests, sizeof tests / sizeof tests[0]);
}
