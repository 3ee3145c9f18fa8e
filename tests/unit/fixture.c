/*
 * fixture.c - alice's records and the helpers around them, for the export
 * and report suites (see fixture.h).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dates.h"
#include "fixture.h"
#include "unit.h"
#include "xalloc.h"

struct catalog fixture_cat;

char *
fixture_dir(const char *name)
{
	char *dir = xasprintf("%s/export-%s", unit_tmpdir, name);

	if (mkdir(dir, 0700) != 0)
		perror(dir);
	return dir;
}

char *
fixture_db_path(const char *name)
{
	char *dir = xasprintf("%s/%s", unit_tmpdir, name), *path;

	mkdir(dir, 0700); /* there already, it serves */
	path = xasprintf("%s/rolebook.db", dir);
	free(dir);
	return path;
}

struct store *
fixture_open(const char *path)
{
	struct store *st = NULL;
	char *detail = NULL;
	enum store_status s = store_open(path, 0, 2000, &st, &detail);

	if (s != STORE_OK)
		fprintf(stderr, "\nstore_open %s: %s\n", path, detail ? detail : "");
	CU_ASSERT_EQUAL_FATAL(s, STORE_OK);
	free(detail);
	return st;
}

/* A new store in its own folder; NULL (and a failure) when it cannot open. */
struct store *
fixture_fresh(const char *name)
{
	char *dir = fixture_dir(name), *path = xasprintf("%s/rolebook.db", dir);
	struct store *st = fixture_open(path);

	free(path);
	free(dir);
	return st;
}

int32_t
fixture_day(const char *s)
{
	int32_t d = -99;

	CU_ASSERT_EQUAL(dates_day_parse(s, &d), 0);
	return d;
}

struct role *
fixture_role_text(const char *id, const char *text)
{
	struct role *r = xcalloc(1, sizeof *r);

	r->id = xstrdup(id);
	r->path = xstrdup("(memory)");
	r->threshold = 3.0;
	role_load_text(r, text, strlen(text));
	return r;
}

struct role *
fixture_bundled(const char *id)
{
	return fixture_role_at(TEST_SRCDIR "/content/roles", id, ORIGIN_BUNDLED);
}

struct role *
fixture_role_at(const char *dir, const char *id, enum role_origin origin)
{
	char *path = xasprintf("%s/%s.md", dir, id), *err = NULL;
	size_t len;
	char *text = content_read_file(path, &len, &err);
	struct role *r = role_new(xstrdup(id), path, origin);

	if (text == NULL)
		fprintf(stderr, "\n%s\n", err ? err : path);
	free(err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	role_load_text(r, text, len);
	free(text);
	return r;
}

size_t
fixture_step(const struct role *r, const char *start)
{
	size_t i = 0;

	while (i < r->nitems && strncmp(r->items[i].text, start, strlen(start)) != 0)
		i++;
	if (i == r->nitems)
		fprintf(stderr, "\nno step \"%s\" in %s\n", start, r->id);
	CU_ASSERT_FATAL(i < r->nitems);
	return i;
}

char *
fixture_slurp(const char *path)
{
	char *err = NULL;
	size_t len;
	char *text = content_read_file(path, &len, &err);

	if (text == NULL)
		fprintf(stderr, "\n%s\n", err);
	free(err);
	return text;
}

/* Fatal to the test when not ok.  A suite's init function runs in no test,
 * where CUnit refuses any assertion: there the reason on stderr is all. */
static void
assert_written(bool ok)
{
	if (CU_get_current_test() != NULL)
		CU_ASSERT_FATAL(ok);
}

void
fixture_put_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok = f != NULL && (len == 0 || fwrite(data, 1, len, f) == len);

	if (f != NULL && fclose(f) != 0)
		ok = false;
	if (!ok)
		perror(path);
	assert_written(ok);
}

void
fixture_put(const char *dir, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", dir, rel);

	/* the folders on the way */
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			perror(path);
		*p = '/';
	}
	fixture_put_bytes(path, text, strlen(text));
	free(path);
}

/* Compares actual with the expected file; saves actual as NAME.actual on
 * a mismatch. */
void
fixture_assert_file(const char *name, const char *actual)
{
	char *path = xasprintf("%s/%s", DATA, name), *expected = fixture_slurp(path);

	CU_ASSERT_PTR_NOT_NULL(actual);
	if (expected == NULL || actual == NULL || strcmp(expected, actual) != 0) {
		char *save = xasprintf("%s/%s.actual", unit_tmpdir, name);
		FILE *f = fopen(save, "w");
		if (f != NULL && actual != NULL) {
			fputs(actual, f);
			fclose(f);
		}
		fprintf(stderr, "\n%s differs; the output is in %s\n", path, save);
		free(save);
	}
	UNIT_ASSERT_STR(expected, actual);
	free(expected);
	free(path);
}

char *
fixture_report(struct store *st, const char *profile, struct role *only, enum report_format f)
{
	char *out = NULL, *detail = NULL;
	enum report_status s = report_profile(st, &fixture_cat, profile, only, f, &out, &detail);

	if (s != REPORT_OK)
		fprintf(stderr, "\nreport_profile: %s\n", detail ? detail : report_strerror(s));
	CU_ASSERT_EQUAL(s, REPORT_OK);
	free(detail);
	return out;
}

/* alice's records, at fixed times; see tests/data/export/alice.json. */
static void
build_fixture(struct store *st)
{
	const char *a = "alice";
	int64_t id;

	OK(store_item_set_done(st, a, DEMO, I_CHARTER, "Read the charter", true, T0));
	OK(store_item_set_note(st, a, DEMO, I_CHARTER, NULL,
			       "Read it twice; the voting rules matter.", T0 + 3600));
	OK(store_item_set_done(st, a, DEMO, I_CHANNEL, "Join the channel", true, T0 + DAY));
	OK(store_item_set_note(st, a, DEMO, I_MEETING, "Attend a meeting",
			       "Next meeting:\n1 December.", T0 + 2 * DAY));
	OK(store_item_set_done(st, a, DEMO, "0123456789ab", "Subscribe to the old mailing list",
			       true, T0 - 30 * DAY));

	OK(store_rating_set(st, a, DEMO, "", S_REVIEW, "Architecture", "I review designs.", 4,
			    T0 + DAY));
	OK(store_rating_set_note(st, a, DEMO, "", S_REVIEW, NULL, NULL,
				 "I reviewed three designs this cycle.", T0 + DAY));
	OK(store_rating_set(st, a, DEMO, "", S_WRITE, "Architecture", "I write design documents.",
			    3, T0 + DAY));
	OK(store_rating_set(st, a, DEMO, "", S_ANSWER, "Community",
			    "I answer questions in the channel.", 1, T0 + DAY));
	OK(store_snapshot_take(st, a, DEMO, "", T0 + DAY, &id));
	OK(store_rating_set(st, a, DEMO, "", S_ANSWER, NULL, NULL, 2, T0 + 2 * DAY));
	OK(store_snapshot_take(st, a, DEMO, "", T0 + 2 * DAY, &id));
	/* a statement the role no longer has, with a note: still evidence */
	OK(store_rating_set_note(st, a, DEMO, "", "0000000000ff", "Architecture",
				 "I keep the roadmap current.", "Roadmap updated in October.",
				 T0 - 20 * DAY));

	OK(store_rating_set(st, a, DEMO, "bob", S_REVIEW, "Architecture", "I review designs.", 3,
			    T0 + 3 * DAY));
	OK(store_rating_set_note(st, a, DEMO, "bob", S_REVIEW, NULL, NULL,
				 "Solid reviews; wants more depth on trade-offs.", T0 + 3 * DAY));
	OK(store_rating_set(st, a, DEMO, "bob", S_ANSWER, "Community",
			    "I answer questions in the channel.", 4, T0 + 3 * DAY));
	OK(store_rating_set(st, a, DEMO, "bob", S_WELCOME, "Community", "I welcome newcomers.", 4,
			    T0 + 3 * DAY));
	OK(store_snapshot_take(st, a, DEMO, "bob", T0 + 3 * DAY, &id));
	OK(store_rating_set(st, a, DEMO, "carol", S_REVIEW, "Architecture", "I review designs.", 2,
			    T0 + 4 * DAY));
	OK(store_rating_set(st, a, DEMO, "carol", S_WELCOME, "Community", "I welcome newcomers.", 5,
			    T0 + 4 * DAY));
	OK(store_rating_set_note(st, a, DEMO, "carol", S_WELCOME, NULL, NULL,
				 "Welcomed two newcomers at the meeting.", T0 + 4 * DAY));

	OK(store_position_set(st, a, DEMO, "Skill areas", 12, T0 + 5 * DAY));
	OK(store_item_set_done(st, a, GONE, "aaaaaaaaaaaa", "An item of a role that is gone", true,
			       T0 - 60 * DAY));
}

struct store *
fixture_store(const char *name)
{
	struct store *st = fixture_fresh(name);

	build_fixture(st);
	return st;
}

char *
fixture_json(void)
{
	char *text = fixture_slurp(DATA "/alice.json");

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	return text;
}

enum export_status
fixture_import(struct store *st, const char *doc, const char *as, struct export_counts *c,
	       char **detail)
{
	return export_import(st, doc, strlen(doc), as, T0 + 30 * DAY, NULL, c, detail);
}

int
fixture_suite_init(void)
{
	char *err = NULL;

	catalog_init(&fixture_cat);
	if (catalog_add_dir(&fixture_cat, DATA "/roles", ORIGIN_DIR, false, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return 1;
	}
	return 0;
}

int
fixture_suite_clean(void)
{
	catalog_done(&fixture_cat);
	return 0;
}
