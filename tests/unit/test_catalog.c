/*
 * test_catalog.c - folders read recursively and a document's identity:
 * catalog.c's walk (hidden folders, non-regular files and symbolic link
 * loops skipped), ids as paths in their folder, full paths for files
 * opened directly, --root given to every role, a database of the
 * schema before folders keeping its records, and doctree.c's tree.
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
#include "doctree.h"
#include "fixture.h"
#include "identity.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

/* A tree like a community checkout: READMEs everywhere, a .git, a FIFO
 * named like a document, a link looping back, a link to a folder of the
 * tree and one to a folder outside it. */
static char *
make_tree(const char *name)
{
	char *top = xasprintf("%s/%s", unit_tmpdir, name), *p;

	CU_ASSERT_TRUE(mkdir(top, 0700) == 0 || errno == EEXIST);
	fixture_put(top, "README.md", "# Top\n");
	fixture_put(top, "sig-list.md", "# SIG list\n");
	fixture_put(top, "sig-a/README.md", "# SIG A\n");
	fixture_put(top, "sig-a/charter.md", "# Charter A\n");
	fixture_put(top, "sig-a/deep/er/README.md", "# Deep\n");
	fixture_put(top, "sig-b/README.md", "# SIG B\n");
	fixture_put(top, ".git/info.md", "# Hidden folder\n");
	fixture_put(top, "sig-a/.drafts/draft.md", "# Hidden too\n");
	fixture_put(top, "sig-b/notes.txt", "not Markdown\n");
	p = xasprintf("%s/sig-b/pipe.md", top);
	CU_ASSERT_TRUE(mkfifo(p, 0600) == 0 || errno == EEXIST);
	free(p);
	p = xasprintf("%s/sig-a/loop", top);
	CU_ASSERT_TRUE(symlink("..", p) == 0 || errno == EEXIST);
	free(p);
	p = xasprintf("%s/sig-a/to-b", top);
	CU_ASSERT_TRUE(symlink("../sig-b", p) == 0 || errno == EEXIST);
	free(p);
	/* a folder outside the tree, linked in: walked */
	p = xasprintf("%s/%s-outside", unit_tmpdir, name);
	CU_ASSERT_TRUE(mkdir(p, 0700) == 0 || errno == EEXIST);
	fixture_put(p, "README.md", "# Outside\n");
	free(p);
	p = xasprintf("%s/linked", top);
	{
		char *target = xasprintf("../%s-outside", name);
		CU_ASSERT_TRUE(symlink(target, p) == 0 || errno == EEXIST);
		free(target);
	}
	free(p);
	return top;
}

static void
test_walk(void)
{
	static const char *want[] = {
	    "README",	    "sig-list",	     "linked/README",
	    "sig-a/README", "sig-a/charter", "sig-a/deep/er/README",
	    "sig-b/README",
	};
	size_t nwant = sizeof want / sizeof want[0];
	char *top = make_tree("walk"), *err = NULL;
	struct catalog c;

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	/* a folder's files, then its folders, each sorted; nothing hidden,
	 * no FIFO, nothing twice through a link, no loop */
	CU_ASSERT_EQUAL(c.n, nwant);
	for (size_t i = 0; i < c.n && i < nwant; i++)
		UNIT_ASSERT_STR(want[i], c.v[i]->id);
	for (size_t i = 0; i < c.n; i++) {
		char *path = xasprintf("%s/%s", top, c.v[i]->rel);
		char *rel = xasprintf("%s.md", c.v[i]->id);
		UNIT_ASSERT_STR(rel, c.v[i]->rel);
		UNIT_ASSERT_STR(path, c.v[i]->path);
		free(path);
		free(rel);
	}
	CU_ASSERT_EQUAL(c.nrefused, 0);
	/* four README.md files, four records */
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "README"));
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "sig-a/README"));
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "sig-b/README"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "sig-a/to-b/README"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "sig-a/loop/README"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "sig-b/pipe"));
	catalog_done(&c);
	free(top);
}

/* A file opened directly: its full path, unless a folder lists it. */
static void
test_direct_identity(void)
{
	char *top = make_tree("direct"), *err = NULL, *a, *b, *ra, *rb;
	struct catalog c;
	struct role *x, *y;

	a = xasprintf("%s/sig-a/README.md", top);
	b = xasprintf("%s/sig-b/README.md", top);
	ra = realpath(a, NULL);
	rb = realpath(b, NULL);
	catalog_init(&c);
	x = catalog_add_file(&c, a, &err);
	y = catalog_add_file(&c, b, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(y);
	CU_ASSERT_EQUAL(c.n, 2);
	UNIT_ASSERT_STR(ra, x->id);
	UNIT_ASSERT_STR(rb, y->id);
	CU_ASSERT_EQUAL(x->origin, ORIGIN_FILE);
	/* opened again: the same role */
	CU_ASSERT_PTR_EQUAL(catalog_add_file(&c, a, &err), x);
	catalog_done(&c);

	/* listed by a folder: that role, with its records */
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	x = catalog_add_file(&c, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	UNIT_ASSERT_STR("sig-a/README", x->id);
	CU_ASSERT_PTR_EQUAL(catalog_find_file(&c, rb), catalog_find(&c, "sig-b/README"));
	catalog_done(&c);
	free(a);
	free(b);
	free(ra);
	free(rb);
	free(top);
}

/* --root is every role's, wherever a link of it is resolved. */
static void
test_root_everywhere(void)
{
	char *top = make_tree("rooted"), *err = NULL, *root = xasprintf("%s/sig-a", top);
	struct catalog c;
	struct role *r;
	const struct check_item *it;

	/* a checklist step linking to a heading of its own file, by a path
	 * from the root */
	fixture_put(
	    top, "sig-a/lead.md",
	    "# Lead\n\n## Onboarding checklist\n\n- [ ] Read [the duties](/lead.md#duties)\n\n"
	    "## Duties\n\nText.\n");
	catalog_init(&c);
	c.root = root;
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	for (size_t i = 0; i < c.n; i++)
		CU_ASSERT_PTR_EQUAL(c.v[i]->root, root);
	r = catalog_find(&c, "sig-a/lead");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	CU_ASSERT_EQUAL_FATAL(r->nitems, 1);
	it = &r->items[0];
	CU_ASSERT_TRUE(checklist_link_in_role(r, it));
	/* without --root, '/' has no root here (no .git above): not it */
	r->root = NULL;
	CU_ASSERT_FALSE(checklist_link_in_role(r, it));
	catalog_done(&c);
	catalog_init(&c);
	c.root = root;
	{
		char *f = xasprintf("%s/lead.md", root);
		r = catalog_add_file(&c, f, &err);
		CU_ASSERT_PTR_NOT_NULL(r);
		if (r != NULL)
			CU_ASSERT_PTR_EQUAL(r->root, root);
		free(f);
	}
	catalog_done(&c);
	free(root);
	free(top);
}

/* A database at path as the frozen steps 1 to 4 made it (the last schema
 * an older rolebook wrote), with the rows of sql (ending with COMMIT). */
static void
make_v4_db(const char *path, const char *sql)
{
	sqlite3 *db;

	unlink(path);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (int v = 1; v <= 4; v++)
		CU_ASSERT_EQUAL(sqlite3_exec(db, store_migration_sql(v), NULL, NULL, NULL),
				SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/*
 * A database of schema 4 (before folders, built by its frozen steps) with
 * records keyed as rolebook keyed them then: the bundled "chair" and a
 * --content folder's "README".  Opened now, every record is there, found
 * by the same documents, and the other README.md files have records of
 * their own.
 */
static void
test_old_database(void)
{
	char *top = make_tree("olddb"), *err = NULL, *path = xasprintf("%s/v4.db", unit_tmpdir);
	struct store *st = NULL;
	char *detail = NULL, *section = NULL;
	struct catalog c;
	int line = -1;

	make_v4_db(path, "INSERT INTO profiles VALUES (1, 'Ada', 100);"
			 "INSERT INTO positions VALUES (1, 'chair', 'Duties', 12, 150);"
			 "INSERT INTO positions VALUES (1, 'README', 'Chairs', 32, 150);"
			 "INSERT INTO items VALUES (1, 'chair', 'aaa', 'Plan', 1, 150, NULL, 160,"
			 " 0);"
			 "COMMIT");

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&c, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	/* the bundled role keeps its id, and its records */
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "chair"));
	CU_ASSERT_EQUAL(
	    store_position_get(st, "Ada", catalog_find(&c, "chair")->id, &section, &line),
	    STORE_OK);
	UNIT_ASSERT_STR("Duties", section);
	CU_ASSERT_EQUAL(line, 12);
	free(section);
	section = NULL;
	/* the folder's top README keeps the record it had */
	CU_ASSERT_EQUAL(
	    store_position_get(st, "Ada", catalog_find(&c, "README")->id, &section, &line),
	    STORE_OK);
	CU_ASSERT_EQUAL(line, 32);
	free(section);
	section = NULL;
	/* another README.md starts at its top, and keeps its own place */
	CU_ASSERT_EQUAL(
	    store_position_get(st, "Ada", catalog_find(&c, "sig-a/README")->id, &section, &line),
	    STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_position_set(st, "Ada", "sig-a/README", "Charter", 5, 200), STORE_OK);
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "README", &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 32);
	free(section);
	section = NULL;
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "sig-a/README", &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 5);
	free(section);
	store_close(st);
	catalog_done(&c);
	free(detail);
	free(path);
	free(top);
}

/* Rows of role in a table of the database at path. */
static int
rows_of(const char *path, const char *table, const char *role)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *sql = xasprintf("SELECT count(*) FROM %s WHERE role = ?1", table);
	int n = -1;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, role, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(sql);
	return n;
}

/*
 * A database of schema 4 with the records of files opened directly, kept
 * then under their names: "notes" (~/notes.md) in every table keyed by a
 * role, and "chair" (a file named chair.md, or the bundled role: the same
 * id then).  Opened now by its full path, notes.md adopts the records of
 * "notes", all of them, once, and says so; a second notes.md elsewhere
 * finds none left (the first one opened adopts); a chair.md opened
 * directly leaves "chair" to the bundled role; a document with records of
 * its own adopts nothing.
 */
static void
test_old_direct_records(void)
{
	static const char *const tables[] = {"items",	  "positions",	  "ratings",
					     "snapshots", "appointments", "import_undo"};
	char *path = xasprintf("%s/v4-direct.db", unit_tmpdir), *err = NULL, *detail = NULL;
	char *notes = xasprintf("%s/direct-old/notes.md", unit_tmpdir);
	char *notes2 = xasprintf("%s/direct-old/else/notes.md", unit_tmpdir);
	char *chair = xasprintf("%s/direct-old/chair.md", unit_tmpdir);
	char *mine = xasprintf("%s/direct-old/mine.md", unit_tmpdir), *said, *section = NULL;
	struct store *st = NULL;
	struct catalog c;
	struct role *r, *r2, *rc, *rm;
	int line = -1;

	fixture_put(unit_tmpdir, "direct-old/notes.md", "# Notes\n");
	fixture_put(unit_tmpdir, "direct-old/else/notes.md", "# Other notes\n");
	fixture_put(unit_tmpdir, "direct-old/chair.md", "# My chair\n");
	fixture_put(unit_tmpdir, "direct-old/mine.md", "# Mine\n");
	make_v4_db(path,
		   "INSERT INTO profiles VALUES (1, 'Ada', 100);"
		   "INSERT INTO profiles VALUES (2, 'Bob', 100);"
		   "INSERT INTO positions VALUES (1, 'notes', 'Part two', 40, 150);"
		   "INSERT INTO positions VALUES (2, 'notes', NULL, 3, 150);"
		   "INSERT INTO items VALUES (1, 'notes', 'n1', 'Read it', 1, 150, 'why',"
		   " 160, 0);"
		   "INSERT INTO ratings VALUES (1, 'notes', '', 's1', 'Craft', 'x', 4, NULL,"
		   " 170, 0);"
		   "INSERT INTO snapshots VALUES (7, 1, 'notes', '', 180);"
		   "INSERT INTO snapshot_ratings VALUES (7, 's1', 'Craft', 'x', 4, NULL, 170);"
		   "INSERT INTO appointments VALUES (1, 'notes', '2026-01-05', 190, 0);"
		   "INSERT INTO imports VALUES (1, 'f.json', NULL, 'Ada', 0, 175, 1, 0, 0,"
		   " 0, 0);"
		   "INSERT INTO import_undo (import_id, kind, profile_id, role, key)"
		   " VALUES (1, 0, 1, 'notes', 'n1');"
		   "INSERT INTO positions VALUES (1, 'chair', 'Duties', 12, 150);"
		   "INSERT INTO positions VALUES (1, 'mine', NULL, 9, 150);"
		   "COMMIT");

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&c, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	r = catalog_add_file(&c, notes, &err);
	r2 = catalog_add_file(&c, notes2, &err);
	rc = catalog_add_file(&c, chair, &err);
	rm = catalog_add_file(&c, mine, &err);
	CU_ASSERT_FATAL(r != NULL && r2 != NULL && rc != NULL && rm != NULL);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	UNIT_ASSERT_STR("notes", catalog_old_id(&c, r));
	CU_ASSERT_PTR_NULL(catalog_old_id(&c, rc)); /* the bundled chair's */

	/* every record of "notes" is the file's now, said once */
	said = identity_adopt(st, &c, r);
	CU_ASSERT_PTR_NOT_NULL(said);
	if (said != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(said, "6 records kept under \"notes\""));
	free(said);
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", r->id, &section, &line), STORE_OK);
	UNIT_ASSERT_STR("Part two", section);
	CU_ASSERT_EQUAL(line, 40);
	free(section);
	section = NULL;
	CU_ASSERT_EQUAL(store_position_get(st, "Bob", r->id, &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 3);
	{
		struct store_item *it = NULL;
		struct store_snapshot *sn = NULL;
		size_t n = 0;
		int32_t day = -1;

		CU_ASSERT_EQUAL(store_items_get(st, "Ada", r->id, &it, &n), STORE_OK);
		CU_ASSERT_EQUAL(n, 1);
		if (n == 1)
			CU_ASSERT_TRUE(it[0].done);
		store_items_free(it, n);
		CU_ASSERT_EQUAL(store_snapshots_get(st, "Ada", r->id, "", &sn, &n), STORE_OK);
		CU_ASSERT_EQUAL(n, 1);
		if (n == 1)
			CU_ASSERT_EQUAL(sn[0].nratings, 1);
		store_snapshots_free(sn, n);
		CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", r->id, &day), STORE_OK);
	}
	store_close(st);
	st = NULL;
	/* copied, not moved: a folder's notes.md (a --content this run was
	 * not given) showed the same records in the old version and keeps
	 * them (a newcomer's review: they were taken from it) */
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		CU_ASSERT_TRUE(rows_of(path, tables[i], "notes") > 0);
		CU_ASSERT_EQUAL(rows_of(path, tables[i], r->id), rows_of(path, tables[i], "notes"));
	}
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	/* once: opened again, nothing more to say */
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, r));
	/* another notes.md: none left (the first one opened adopted them) */
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, r2));
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", r2->id, &section, &line), STORE_ERR_NOTFOUND);
	/* and a folder's notes.md, whose records the old version showed for
	 * both, still has its own where it left them */
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "notes", &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 40);
	free(section);
	section = NULL;
	/* chair.md opened directly: "chair" stays the bundled role's */
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, rc));
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "chair", &section, &line), STORE_OK);
	free(section);
	section = NULL;
	/* a document with records of its own adopts none */
	CU_ASSERT_EQUAL(store_position_set(st, "Ada", rm->id, NULL, 1, 200), STORE_OK);
	CU_ASSERT_PTR_NULL(identity_adopt(st, &c, rm));
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "mine", &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 9);
	free(section);
	store_close(st);
	catalog_done(&c);
	free(detail);
	free(path);
	free(notes);
	free(notes2);
	free(chair);
	free(mine);
}

/*
 * Only the ids an older rolebook wrote are adopted (schema 5's legacy_ids).
 * A new database: the position this rolebook keeps for a --content
 * folder's README.md ("README") stays that document's when a README.md
 * elsewhere is opened directly.  A database of schema 4 upgraded: "README"
 * and "notes" are old ids; a folder's README opened claims "README", so a
 * README.md opened directly later takes nothing, and "notes" is adopted
 * once, then no longer an old id: what is written under "notes" since
 * (a folder's notes.md) stays there.
 */
static void
test_adopt_old_ids_only(void)
{
	char *path = xasprintf("%s/v5-new.db", unit_tmpdir),
	     *old = xasprintf("%s/v4-up.db", unit_tmpdir);
	char *x = xasprintf("%s/adopt-x", unit_tmpdir), *err = NULL, *detail = NULL;
	char *zreadme = xasprintf("%s/adopt-z/README.md", unit_tmpdir);
	char *znotes = xasprintf("%s/adopt-z/notes.md", unit_tmpdir), *section = NULL;
	struct store *st = NULL;
	struct catalog cx, cz;
	struct role *zr, *zn;
	int line = -1;

	CU_ASSERT_TRUE(mkdir(x, 0700) == 0 || errno == EEXIST);
	fixture_put(x, "README.md", "# X\n");
	fixture_put(x, "notes.md", "# X notes\n");
	fixture_put(unit_tmpdir, "adopt-z/README.md", "# Z\n");
	fixture_put(unit_tmpdir, "adopt-z/notes.md", "# Z notes\n");
	catalog_init(&cx);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&cx, x, ORIGIN_DIR, false, &err), 0);
	catalog_init(&cz);
	zr = catalog_add_file(&cz, zreadme, &err);
	zn = catalog_add_file(&cz, znotes, &err);
	CU_ASSERT_FATAL(zr != NULL && zn != NULL);

	/* a new database: nothing is old */
	unlink(path);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 1000, &st, &detail), STORE_OK);
	CU_ASSERT_PTR_NULL(identity_adopt(st, &cx, catalog_find(&cx, "README")));
	CU_ASSERT_EQUAL(store_position_set(st, "Ada", "README", "Chairs", 32, 200), STORE_OK);
	CU_ASSERT_PTR_NULL(identity_adopt(st, &cz, zr));
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", zr->id, &section, &line), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", "README", &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 32);
	free(section);
	section = NULL;
	store_close(st);
	st = NULL;
	CU_ASSERT_EQUAL(rows_of(path, "legacy_ids", "README"), 0);

	/* schema 4, upgraded */
	make_v4_db(old, "INSERT INTO profiles VALUES (1, 'Ada', 100);"
			"INSERT INTO positions VALUES (1, 'README', 'Chairs', 32, 150);"
			"INSERT INTO positions VALUES (1, 'notes', 'Two', 7, 150);"
			"COMMIT");
	CU_ASSERT_EQUAL_FATAL(store_open(old, 0, 1000, &st, &detail), STORE_OK);
	store_close(st);
	st = NULL;
	CU_ASSERT_EQUAL(rows_of(old, "legacy_ids", "README"), 1);
	CU_ASSERT_EQUAL(rows_of(old, "legacy_ids", "notes"), 1);
	CU_ASSERT_EQUAL_FATAL(store_open(old, 0, 1000, &st, &detail), STORE_OK);
	/* x's README opened (rolebook --content x): "README" is its */
	CU_ASSERT_PTR_NULL(identity_adopt(st, &cx, catalog_find(&cx, "README")));
	CU_ASSERT_PTR_NULL(identity_adopt(st, &cz, zr));
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", zr->id, &section, &line), STORE_ERR_NOTFOUND);
	/* z/notes.md opened directly first: adopts "notes", once */
	{
		char *said = identity_adopt(st, &cz, zn);
		CU_ASSERT_PTR_NOT_NULL(said);
		free(said);
	}
	CU_ASSERT_EQUAL(store_position_get(st, "Ada", zn->id, &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 7);
	free(section);
	section = NULL;
	CU_ASSERT_EQUAL(store_position_set(st, "Ada", "notes", NULL, 3, 200), STORE_OK);
	store_close(st);
	st = NULL;
	CU_ASSERT_EQUAL(rows_of(old, "legacy_ids", "README"), 0);
	CU_ASSERT_EQUAL(rows_of(old, "legacy_ids", "notes"), 0);
	CU_ASSERT_EQUAL(rows_of(old, "positions", "README"), 1);
	CU_ASSERT_EQUAL(rows_of(old, "positions", "notes"), 1);
	catalog_done(&cx);
	catalog_done(&cz);
	free(detail);
	free(path);
	free(old);
	free(x);
	free(zreadme);
	free(znotes);
}

/* A folder whose name is no clean id is left out, and said as a folder:
 * on stderr and in the status line's summary (it was "role files ... not
 * listed"). */
static void
test_refused_folder(void)
{
	char *top = xasprintf("%s/refused", unit_tmpdir), *err = NULL, *sum;
	struct catalog c;

	CU_ASSERT_TRUE(mkdir(top, 0700) == 0 || errno == EEXIST);
	fixture_put(top, "ok.md", "# OK\n");
	fixture_put(top,
		    "a\xe2\x80\x8b"
		    "b/inside.md",
		    "# Inside\n"); /* U+200B in the name */
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL(c.n, 1);
	CU_ASSERT_EQUAL_FATAL(c.nrefused, 1);
	CU_ASSERT_EQUAL(c.nrefused_folders, 1);
	CU_ASSERT_EQUAL(strncmp(c.refused[0], "the folder ", 11), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.refused[0], "a\\u200Bb is not read: "));
	sum = catalog_refused_summary(&c);
	UNIT_ASSERT_STR("1 folder is not read (its name is no clean id): see why on quitting", sum);
	free(sum);
	/* and a file beside it */
	fixture_put(top, "x.md.md", "# X\n");
	catalog_done(&c);
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	sum = catalog_refused_summary(&c);
	UNIT_ASSERT_STR("1 role file and 1 folder not read (names that are no clean ids): see why "
			"on quitting",
			sum);
	free(sum);
	catalog_done(&c);
	catalog_init(&c);
	CU_ASSERT_PTR_NULL(catalog_refused_summary(&c));
	catalog_done(&c);
	free(top);
}

/* Two --content folders that both hold a README.md (and a sig/x.md):
 * every document is listed, the later folder's twins under their full
 * paths (at the top of the tree); the same folder given twice lists each
 * file once. */
static void
test_twin_folders(void)
{
	char *a = xasprintf("%s/twin-a", unit_tmpdir), *b = xasprintf("%s/twin-b", unit_tmpdir);
	char *err = NULL, *rb, *rbx;
	struct catalog c;
	struct doctree t;

	CU_ASSERT_TRUE(mkdir(a, 0700) == 0 || errno == EEXIST);
	CU_ASSERT_TRUE(mkdir(b, 0700) == 0 || errno == EEXIST);
	fixture_put(a, "README.md", "# A\n");
	fixture_put(a, "sig/x.md", "# A x\n");
	fixture_put(b, "README.md", "# B\n");
	fixture_put(b, "sig/x.md", "# B x\n");
	fixture_put(b, "only-b.md", "# Only B\n");
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, a, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, b, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.n, 5);
	rb = xasprintf("%s/README.md", b);
	rbx = xasprintf("%s/sig/x.md", b);
	{
		char *r1 = realpath(rb, NULL), *r2 = realpath(rbx, NULL);
		UNIT_ASSERT_STR("README", c.v[0]->id);
		UNIT_ASSERT_STR("sig/x", c.v[1]->id);
		CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, r1));
		CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, r2));
		CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "only-b"));
		if (catalog_find(&c, r1) != NULL)
			UNIT_ASSERT_STR(r1, catalog_find(&c, r1)->rel);
		CU_ASSERT_EQUAL(strncmp(catalog_find(&c, "README")->path, a, strlen(a)), 0);
		/* in the tree: sig/ (one document: A's), then the top's */
		doctree_build(&t, &c);
		CU_ASSERT_EQUAL(t.nfolders, 2);
		CU_ASSERT_EQUAL(t.folders[1].count, 1);
		doctree_done(&t);
		free(r1);
		free(r2);
	}
	catalog_done(&c);
	/* the same folder twice: each file once */
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, a, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, a, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL(c.n, 2);
	/* a bundled role of a folder's document's id stays out (it stands in) */
	fixture_put(a, "chair.md", "# My chair\n");
	catalog_done(&c);
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, a, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&c, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL(catalog_find(&c, "chair")->origin, ORIGIN_DIR);
	for (size_t i = 0; i < c.n; i++)
		CU_ASSERT_EQUAL(c.v[i]->id[0] == '/', false);
	catalog_done(&c);
	free(rb);
	free(rbx);
	free(a);
	free(b);
}

/* The home screen's tree (doctree.c): folders first, counts at any depth,
 * closed until opened, a file opened directly at the top. */
static void
test_doctree(void)
{
	char *top = make_tree("doctree"), *err = NULL, *direct;
	struct catalog c;
	struct doctree t;
	long sig_a = -1, deep = -1;

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top, ORIGIN_DIR, false, &err), 0);
	direct = xasprintf("%s/doctree-direct.md", unit_tmpdir);
	fixture_put(unit_tmpdir, "doctree-direct.md", "# Direct\n");
	CU_ASSERT_PTR_NOT_NULL(catalog_add_file(&c, direct, &err));
	doctree_build(&t, &c);
	CU_ASSERT_TRUE(doctree_has_folders(&t));
	/* the top, linked, sig-a, sig-a/deep, sig-a/deep/er, sig-b */
	CU_ASSERT_EQUAL(t.nfolders, 6);
	for (size_t i = 0; i < t.nfolders; i++) {
		if (strcmp(t.folders[i].path, "sig-a/") == 0)
			sig_a = (long)i;
		if (strcmp(t.folders[i].path, "sig-a/deep/") == 0)
			deep = (long)i;
	}
	CU_ASSERT_FATAL(sig_a > 0 && deep > 0);
	CU_ASSERT_EQUAL(t.folders[0].count, c.n);
	CU_ASSERT_EQUAL(t.folders[sig_a].count, 3);
	CU_ASSERT_EQUAL(t.folders[deep].count, 1);
	CU_ASSERT_EQUAL(t.folders[sig_a].name_len, 5);
	CU_ASSERT_EQUAL(strncmp(t.folders[sig_a].name, "sig-a", 5), 0);
	/* closed: the top's folders, then its documents (the direct file,
	 * README, sig-list) */
	CU_ASSERT_EQUAL(t.nrows, 6);
	CU_ASSERT_TRUE(t.rows[0].folder > 0 && t.rows[1].folder > 0 && t.rows[2].folder > 0);
	CU_ASSERT_TRUE(t.rows[3].role >= 0 && t.rows[4].role >= 0 && t.rows[5].role >= 0);
	UNIT_ASSERT_STR("linked/", t.folders[t.rows[0].folder].path);
	UNIT_ASSERT_STR("sig-a/", t.folders[t.rows[1].folder].path);
	CU_ASSERT_EQUAL(c.v[t.rows[3].role]->origin, ORIGIN_FILE);
	/* sig-a opened: its folder deep, then its two documents */
	doctree_set_open(&t, sig_a, true);
	CU_ASSERT_EQUAL(t.nrows, 9);
	CU_ASSERT_EQUAL(t.rows[2].folder, deep);
	CU_ASSERT_EQUAL(t.rows[2].depth, 1);
	UNIT_ASSERT_STR("sig-a/README", c.v[t.rows[3].role]->id);
	CU_ASSERT_EQUAL(t.rows[3].depth, 1);
	/* closed again; a document deep down revealed opens its folders */
	doctree_set_open(&t, sig_a, false);
	CU_ASSERT_EQUAL(t.nrows, 6);
	{
		long k = -1, row;
		for (size_t i = 0; i < c.n; i++)
			if (strcmp(c.v[i]->id, "sig-a/deep/er/README") == 0)
				k = (long)i;
		row = doctree_reveal(&t, k);
		CU_ASSERT_TRUE(row > 0);
		CU_ASSERT_EQUAL(t.rows[row].role, k);
		CU_ASSERT_EQUAL(t.rows[row].depth, 3);
		CU_ASSERT_TRUE(t.folders[sig_a].open && t.folders[deep].open);
	}
	doctree_done(&t);
	catalog_done(&c);

	/* no folder: no tree (the flat list) */
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&c, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err), 0);
	doctree_build(&t, &c);
	CU_ASSERT_FALSE(doctree_has_folders(&t));
	CU_ASSERT_EQUAL(t.nrows, c.n);
	doctree_done(&t);
	catalog_done(&c);
	free(direct);
	free(top);
}

int
test_catalog_register(void)
{
	static const struct unit_test tests[] = {
	    {"folders walked", test_walk},
	    {"identity of a file opened directly", test_direct_identity},
	    {"--root for every role", test_root_everywhere},
	    {"a database before folders keeps its records", test_old_database},
	    {"files opened directly adopt their old records", test_old_direct_records},
	    {"only ids an older rolebook wrote are adopted", test_adopt_old_ids_only},
	    {"the home screen's tree", test_doctree},
	    {"a folder left out is said as a folder", test_refused_folder},
	    {"two folders with the same paths: every document", test_twin_folders},
	};
	return unit_add_suite("catalog", tests, sizeof tests / sizeof tests[0]);
}
