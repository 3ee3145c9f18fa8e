/*
 * test_hardening.c - the faults found by killing, fuzzing and filling
 * rolebook (issue 14), each kept from coming back: what the screen draws
 * from the database is cleaned by the frame; the database's own rules
 * (CHECK constraints, done flags against their times, times from the
 * future) are checked when it is opened; no arithmetic on stored ratings
 * overflows.  A lock held by another program is tested elsewhere: the
 * queue of changes that wait, and what the screens show of them, in
 * test_change.c; the handbook in a terminal with sqlite3 holding the lock,
 * a full disk, a torn write-ahead log and odd files in place of the
 * database in tests/hardening.sh.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "files.h"
#include "fixture.h"
#include "frame.h"
#include "readiness.h"
#include "text.h"
#include "unit.h"
#include "xalloc.h"

#define RLO "\xe2\x80\xae" /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define LRI "\xe2\x81\xa6" /* U+2066 LEFT-TO-RIGHT ISOLATE */
#define PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */

/* ---- the frame cleans what is drawn ------------------------------------ */

/* The offset of the first control, C1 or bidi character of s[0..len),
 * or -1: what must never reach the terminal.  Invalid UTF-8 counts. */
static long
unsafe_at(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);

		if ((cp == TEXT_REPLACEMENT && memcmp(s + i, "\xef\xbf\xbd", n < 3 ? n : 3) != 0) ||
		    (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f || cp == 0x061c)
			return (long)i;
		i += n;
	}
	return -1;
}

/* No cell of f holds a control or bidi character, as code point or mark. */
static bool
frame_safe(const struct frame *f)
{
	char *d = frame_dump(f);
	long at = unsafe_at(d, strlen(d));

	if (at >= 0)
		fprintf(stderr, "\nan unsafe character at byte %ld of the screen:\n%s\n", at, d);
	free(d);
	return at < 0;
}

static void
test_frame_bidi(void)
{
	struct frame f;
	char *d;

	frame_init(&f, 2, 20);
	frame_puts(&f, 0, 0, "ab" RLO "cd" LRI "e" PDI "f", 0, -1);
	frame_puts(&f, 1, 0,
		   "x\xe2\x80\x8f"
		   "y\xd8\x9cz\xc2\x9b",
		   0, -1);
	d = frame_dump(&f);
	UNIT_ASSERT_STR("abcdef\nxyz\xef\xbf\xbd\n", d);
	free(d);
	CU_ASSERT_EQUAL(frame_cell(&f, 0, 1)->comb[0], 0u);
	frame_done(&f);
}

/* A profile name and a stale item written by hand into the database, with
 * an override and an escape sequence, drawn by the checklist ("earlier
 * progress") and the review screen. */
static void
test_screens_clean_names(void)
{
	static const char *const name = "mallory" RLO "gnp.exe";
	struct store *st = fixture_fresh("hardening-names");
	struct app app;
	struct frame fr;
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	char *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_PTR_NOT_NULL_FATAL(demo);
	role_load(demo);
	OK(store_item_set_done(st, name, DEMO, I_CHARTER, "Read the charter", true, T0));
	OK(store_item_set_done(st, name, DEMO, "0123456789ab", "Old " RLO "step\x1b[31m", true,
			       T0));
	OK(store_rating_set(st, name, DEMO, "chair" RLO, S_REVIEW, "Architecture", "Reviews", 4,
			    T0));

	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = name;
	frame_init(&fr, 24, 80);
	app_push(&app, view_checklist_new(&app, demo));
	app_draw(&app, &fr);
	d = frame_dump(&fr);
	if (strstr(d, "Old step") == NULL)
		fprintf(stderr, "\n%s\n", d);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "Old step"));
	free(d);
	CU_ASSERT_TRUE(frame_safe(&fr));
	app_done(&app);

	app_init(&app, &fixture_cat, 24, 80);
	app.store = st;
	app.profile = "chair" RLO;
	app.reviewer = "chair" RLO;
	app_push(&app, view_review_new(&app));
	app_draw(&app, &fr);
	d = frame_dump(&fr);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "mallorygnp.exe"));
	free(d);
	CU_ASSERT_TRUE(frame_safe(&fr));
	app_done(&app);
	frame_done(&fr);
	store_close(st);
}

/* Every committed golden screen, byte by byte. */
static void
test_golden_bytes(void)
{
	const char *dir = TEST_SRCDIR "/tests/data/screens";
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
	while ((e = readdir(dp)) != NULL) {
		char *path, *text;
		long at;

		if (strstr(e->d_name, ".txt") == NULL)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = fixture_slurp(path);
		CU_ASSERT_PTR_NOT_NULL(text);
		if (text != NULL && (at = unsafe_at(text, strlen(text))) >= 0) {
			fprintf(stderr, "\n%s: an unsafe character at byte %ld\n", path, at);
			CU_FAIL("a golden screen holds a control, C1 or bidi character");
		}
		files++;
		free(text);
		free(path);
	}
	closedir(dp);
	CU_ASSERT_TRUE(files >= 40);
}

/* ---- the database's own rules ------------------------------------------ */

/* The bytes of path and its length (a new buffer), or NULL. */
static char *
bytes_of(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;

	*len = 0;
	if (f != NULL) {
		if (files_read(f, SIZE_MAX / 2, &data, len) != 0)
			data = NULL;
		fclose(f);
	}
	return data;
}

static bool
same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	return a != NULL && b != NULL && alen == blen && memcmp(a, b, alen) == 0;
}

/* A new database at path holding sql run with the CHECK constraints off,
 * as a hand edit with sqlite3 can do; fatal to the test when it fails. */
static void
hand_edit(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "\n%s: %s\n", sql, err);
		CU_FAIL("the hand edit failed");
	}
	sqlite3_free(err);
	sqlite3_close(db);
}

/* A hand edit that breaks each CHECK constraint of the schema: the file is
 * reported as damaged, named rule and all, and left as it is. */
static void
test_check_constraints(void)
{
	static const struct {
		const char *sql, *rule;
	} edits[] = {
	    {"UPDATE profiles SET name = ''",
	     "1 row of profiles breaks its rule (name IS NOT NULL"},
	    {"UPDATE items SET done = 2", "1 row of items breaks its rule (done IN (0, 1))"},
	    {"INSERT INTO positions VALUES (1, 'demo', NULL, -1, 0)",
	     "of positions breaks its rule (line >= 0)"},
	    {"INSERT INTO ratings (profile_id, role, statement_id, value, updated_at) "
	     "VALUES (1, 'demo', 's', 9, 0)",
	     "1 row of ratings breaks its rule (value BETWEEN 0 AND 5)"},
	    {"INSERT INTO ratings (profile_id, role, statement_id, value, updated_at) "
	     "VALUES (1, 'demo', 's', -2147483648, 0)",
	     "1 row of ratings breaks its rule (value BETWEEN 0 AND 5)"},
	    {"INSERT INTO snapshots VALUES (1, 1, 'demo', '', 0);"
	     "INSERT INTO snapshot_ratings VALUES (1, 's', '', '', 0, NULL, 0)",
	     "1 row of snapshot_ratings breaks its rule (value BETWEEN 1 AND 5)"},
	    {"UPDATE items SET origin = 7", "1 row of items breaks its rule (origin IN (0, 1, 2))"},
	    {"INSERT INTO ratings (profile_id, role, statement_id, value, updated_at, origin) "
	     "VALUES (1, 'demo', 's', 3, 0, 3)",
	     "1 row of ratings breaks its rule (origin IN (0, 1, 2))"},
	    {"INSERT INTO imports (id, file, profile, imported_at) VALUES (1, 'f', 'p', 0);"
	     "INSERT INTO import_undo (import_id, kind, profile_id) VALUES (1, 6, 1)",
	     "1 row of import_undo breaks its rule (kind BETWEEN 0 AND 5)"},
	    {"INSERT INTO appointments VALUES (1, 'demo', '1 Nov', 0, 0)",
	     "1 row of appointments breaks its rule (day GLOB "
	     "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"},
	    {"INSERT INTO appointments VALUES (1, 'demo', '2026-11-01', 0, 9)",
	     "1 row of appointments breaks its rule (origin IN (0, 1, 2))"},
	    /* the ranges import takes (bounds.h), so rolebook's own export
	     * imports again */
	    {"UPDATE items SET done_at = 9223372036854775807, "
	     "updated_at = -9223372036854775808",
	     "1 row of items breaks its rule (typeof(done_at) = 'integer' AND done_at BETWEEN 0 "
	     "AND 253402300799)"},
	    {"UPDATE items SET updated_at = 1.5",
	     "1 row of items breaks its rule (typeof(updated_at) = 'integer' AND updated_at "
	     "BETWEEN 0 AND 253402300799)"},
	    {"UPDATE profiles SET created_at = -1",
	     "1 row of profiles breaks its rule (typeof(created_at) = 'integer'"},
	    {"INSERT INTO positions VALUES (1, 'demo', NULL, 9223372036854775807, 0)",
	     "1 row of positions breaks its rule (typeof(line) = 'integer' AND line BETWEEN 0 "
	     "AND 2147483647)"},
	    {"INSERT INTO positions VALUES (1, 'demo', NULL, 3, 253402300800)",
	     "1 row of positions breaks its rule (typeof(updated_at) = 'integer'"},
	    {"INSERT INTO ratings (profile_id, role, statement_id, value, updated_at) "
	     "VALUES (1, 'demo', 's', 2.5, 0)",
	     "1 row of ratings breaks its rule (typeof(value) = 'integer' AND value BETWEEN 0 "
	     "AND 5)"},
	    {"INSERT INTO ratings (profile_id, role, statement_id, value, updated_at) "
	     "VALUES (1, 'demo', 's', 3, -9223372036854775808)",
	     "1 row of ratings breaks its rule (typeof(updated_at) = 'integer'"},
	    {"INSERT INTO snapshots VALUES (1, 1, 'demo', '', -1)",
	     "1 row of snapshots breaks its rule (typeof(taken_at) = 'integer'"},
	    {"INSERT INTO snapshots VALUES (1, 1, 'demo', '', 0);"
	     "INSERT INTO snapshot_ratings VALUES (1, 's', '', '', 3, NULL, 9223372036854775807)",
	     "1 row of snapshot_ratings breaks its rule (typeof(updated_at) = 'integer'"},
	    {"INSERT INTO imports (id, file, profile, imported_at) VALUES (1, 'f', 'p', 'soon')",
	     "1 row of imports breaks its rule (typeof(imported_at) = 'integer'"},
	    {"INSERT INTO imports (id, file, profile, exported_at, imported_at) "
	     "VALUES (1, 'f', 'p', -1, 0)",
	     "1 row of imports breaks its rule (typeof(exported_at) = 'integer'"},
	    {"INSERT INTO imports (id, file, profile, imported_at, undone_at) "
	     "VALUES (1, 'f', 'p', 0, 253402300800)",
	     "1 row of imports breaks its rule (typeof(undone_at) = 'integer'"},
	    {"INSERT INTO imports (id, file, profile, imported_at, refused) "
	     "VALUES (1, 'f', 'p', 0, -3)",
	     "1 row of imports breaks its rule (typeof(refused) = 'integer'"},
	    {"INSERT INTO appointments VALUES (1, 'demo', '2026-11-01', -1, 0)",
	     "1 row of appointments breaks its rule (typeof(updated_at) = 'integer'"},
	    /* an old id is a role id: text, not empty */
	    {"INSERT INTO legacy_ids VALUES ('')",
	     "1 row of legacy_ids breaks its rule (typeof(role) = 'text' AND length(role) > 0)"},
	    {"INSERT INTO legacy_ids VALUES (x'61')",
	     "1 row of legacy_ids breaks its rule (typeof(role) = 'text'"},
	    /* the done flag agrees with its time, as import demands */
	    {"UPDATE items SET done_at = 0",
	     "1 row of items breaks its rule ((done = 1 AND done_at > 0) OR (done = 0 AND "
	     "done_at = 0))"},
	    {"UPDATE items SET done = 0",
	     "1 row of items breaks its rule ((done = 1 AND done_at > 0) OR (done = 0 AND "
	     "done_at = 0))"},
	    /* no time more than a day past the clock, as import refuses */
	    /* an hour past the limit: a second ticking between this edit and
	     * the check must not make it pass (a test that flickered) */
	    {"UPDATE items SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) + 86400 + 3600",
	     "1 row of items breaks its rule (updated_at <= CAST(strftime('%s', 'now') AS "
	     "INTEGER) + 86400)"},
	    {"UPDATE profiles SET created_at = 4102444800", /* 2100 */
	     "1 row of profiles breaks its rule (created_at <= CAST(strftime('%s', 'now')"},
	    {"INSERT INTO snapshots (id, profile_id, role, rater, taken_at) "
	     "VALUES (1, 1, 'demo', '', CAST(strftime('%s', 'now') AS INTEGER) + 2 * 86400)",
	     "1 row of snapshots breaks its rule (taken_at <= CAST(strftime('%s', 'now')"},
	};
	char *dir = fixture_dir("hardening-checks");
	int checks = 0;

	/* every CHECK of the migrations has a rule in store_schema.c that holds
	 * its condition, and a hand edit here that breaks it (the first 11);
	 * the rules past the CHECKs are the ranges of bounds.h */
	for (int v = 1; store_migration_sql(v) != NULL; v++)
		for (const char *p = store_migration_sql(v); (p = strstr(p, "CHECK (")) != NULL;
		     p++) {
			const char *start = p + strlen("CHECK ("), *end = start;
			char *cond;
			bool found = false;

			for (int depth = 1; *end != '\0' && depth > 0; end++)
				depth += *end == '(' ? 1 : *end == ')' ? -1 : 0;
			cond = xasprintf("%.*s", (int)(end - 1 - start), start);
			for (size_t r = 0; store_schema_rule(r) != NULL && !found; r++)
				found = strstr(store_schema_rule(r), cond) != NULL;
			if (!found)
				fprintf(stderr, "\nno rule holds CHECK (%s)\n", cond);
			CU_ASSERT_TRUE(found);
			free(cond);
			checks++;
		}
	CU_ASSERT_EQUAL(checks, 11);
	{
		size_t rules = 0;

		while (store_schema_rule(rules) != NULL)
			rules++;
		CU_ASSERT_TRUE(rules > (size_t)checks);
	}

	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		char *path = xasprintf("%s/%zu.db", dir, i), *sql, *detail = NULL, *before, *after;
		size_t blen, alen;
		struct store *st = NULL;
		enum store_status s;

		CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 0, &st, &detail), STORE_OK);
		OK(store_item_set_done(st, "alice", DEMO, I_CHARTER, "Read the charter", true, T0));
		store_close(st);
		sql = xasprintf("PRAGMA ignore_check_constraints = ON; %s", edits[i].sql);
		hand_edit(path, sql);
		before = bytes_of(path, &blen);
		s = store_open(path, 0, 0, &st, &detail);
		CU_ASSERT_EQUAL(s, STORE_ERR_CORRUPT);
		CU_ASSERT_PTR_NULL(st);
		if (detail == NULL || strstr(detail, edits[i].rule) == NULL ||
		    strstr(detail, "fails the integrity check") == NULL) {
			fprintf(stderr, "\n%s: expected \"%s\" in \"%s\"\n", edits[i].sql,
				edits[i].rule, detail ? detail : "(none)");
			CU_FAIL("the broken rule is not reported");
		}
		after = bytes_of(path, &alen);
		CU_ASSERT_TRUE(same_bytes(before, blen, after, alen));
		/* read-only too */
		free(detail);
		detail = NULL;
		CU_ASSERT_EQUAL(store_open(path, STORE_READONLY, 0, &st, &detail),
				STORE_ERR_CORRUPT);
		store_close(st);
		free(before);
		free(after);
		free(detail);
		free(sql);
		free(path);
	}
	free(dir);
}

/* Values a database may hold but no rating can have: no overflow (UBSan
 * would stop the run), and they count as no rating. */
static void
test_disagree_extremes(void)
{
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct store_rating all[4];
	struct readiness_raters by;

	CU_ASSERT_PTR_NOT_NULL_FATAL(demo);
	role_load(demo);
	memset(all, 0, sizeof all);
	for (int i = 0; i < 4; i++) {
		all[i].statement_id = (char *)S_REVIEW;
		all[i].area = (char *)"Architecture";
		all[i].text = (char *)"";
		all[i].rater = (char *)(i == 0 ? "" : i == 1 ? "bob" : i == 2 ? "carol" : "dana");
		all[i].updated_at = T0;
	}
	all[0].value = INT_MIN;
	all[1].value = 5;
	all[2].value = INT_MAX;
	all[3].value = 4;
	readiness_by_rater(&by, demo, all, 4, 1, 3);
	CU_ASSERT_FALSE(readiness_disagree(&by, S_REVIEW));
	readiness_raters_done(&by);
	all[3].value = 1;
	readiness_by_rater(&by, demo, all, 4, 1, 3);
	CU_ASSERT_TRUE(readiness_disagree(&by, S_REVIEW));
	readiness_raters_done(&by);
}

/* A time a little past the clock (another time zone, a clock a little
 * fast) is no damage: up to a day ahead, as import takes it. */
static void
test_time_ahead_taken(void)
{
	char *dir = fixture_dir("hardening-ahead"), *path = xasprintf("%s/a.db", dir);
	char *detail = NULL;
	struct store *st = NULL;

	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 0, &st, &detail), STORE_OK);
	OK(store_item_set_done(st, "alice", DEMO, I_CHARTER, "Read the charter", true, T0));
	store_close(st);
	hand_edit(path, "UPDATE items SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) "
			"+ 86400 - 60, done_at = CAST(strftime('%s', 'now') AS INTEGER) + 3600");
	CU_ASSERT_EQUAL(store_open(path, 0, 0, &st, &detail), STORE_OK);
	if (detail != NULL)
		fprintf(stderr, "\n%s\n", detail);
	store_close(st);
	free(detail);
	free(path);
	free(dir);
}

int
test_hardening_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"frame: bidi controls dropped, C1 replaced", test_frame_bidi},
	    {"screens: stored names drawn clean", test_screens_clean_names},
	    {"golden screens: no control, C1 or bidi byte", test_golden_bytes},
	    {"open: a database breaking a CHECK is damaged, left as it is", test_check_constraints},
	    {"disagree: INT_MIN and INT_MAX ratings, no overflow", test_disagree_extremes},
	    {"open: a time less than a day ahead is no damage", test_time_ahead_taken},
	};
	CU_pSuite s = CU_add_suite("hardening", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
