/*
 * test_export.c - export and import (src/export.c) of alice's records
 * (fixture.h).
 *
 * Every refused import is checked to change nothing: the full export of
 * the database before and after must be equal.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "export.h"
#include "fixture.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

/* ---- helpers ---- */

/* The full export of profile at EXPORTED, or NULL when there is none. */
static char *
export_of(struct store *st, const char *profile)
{
	char *out = NULL, *detail = NULL;
	enum export_status s = export_profile(st, &fixture_cat, profile, EXPORTED, &out, &detail);

	CU_ASSERT(s == EXPORT_OK || s == EXPORT_ERR_NOTFOUND);
	free(detail);
	return out;
}

/* A new copy of s with the first (or, last true, the last) old replaced;
 * a failure when s has no old. */
static char *
edit(const char *s, const char *old, const char *new, bool last)
{
	const char *at = strstr(s, old), *p;

	if (at != NULL && last)
		for (p = at; (p = strstr(p + 1, old)) != NULL;)
			at = p;
	if (at == NULL) {
		fprintf(stderr, "\nno \"%s\" to replace\n", old);
		CU_FAIL("edit: text not found");
		return xstrdup(s);
	}
	return xasprintf("%.*s%s%s", (int)(at - s), s, new, at + strlen(old));
}

/* Imports doc into a store holding the fixture: it must be refused with
 * want and a detail containing want_detail, and change nothing. */
static void
refused(const char *name, const char *doc, size_t len, enum export_status want,
	const char *want_detail)
{
	struct store *st = fixture_store(name);
	char *before = export_of(st, "alice"), *after, *detail = NULL;
	struct store_progress *p;
	size_t n = 0, n2 = 0;
	enum export_status s;

	OK(store_profiles_list(st, &p, &n));
	store_progress_free(p, n);
	s = export_import(st, doc, len, NULL, T0 + 30 * DAY, NULL, NULL, &detail);
	if (s != want || detail == NULL || strstr(detail, want_detail) == NULL)
		fprintf(stderr, "\n%s: expected %s with \"%s\"\n--- got: %s: %s\n", name,
			export_strerror(want), want_detail, export_strerror(s),
			detail ? detail : "(no detail)");
	CU_ASSERT_EQUAL(s, want);
	CU_ASSERT(detail != NULL && strstr(detail, want_detail) != NULL);
	after = export_of(st, "alice");
	UNIT_ASSERT_STR(before, after);
	/* no profile appeared either (a --as name or the document's) */
	OK(store_profiles_list(st, &p, &n2));
	CU_ASSERT_EQUAL(n2, n);
	store_progress_free(p, n2);
	free(before);
	free(after);
	free(detail);
	store_close(st);
}

/* refused() with an edit of the fixture's export. */
static void
refused_edit(const char *name, const char *old, const char *new, bool last, enum export_status want,
	     const char *want_detail)
{
	char *doc = fixture_json(), *bad = edit(doc, old, new, last);

	refused(name, bad, strlen(bad), want, want_detail);
	free(bad);
	free(doc);
}

/* Role ids of documents in folders ("sig-a/README") and of files opened
 * directly (a full path) go out and come back in. */
static void
test_role_id_paths(void)
{
	static const char *ids[] = {"sig-a/README", "/home/me/notes/x.md"};

	for (size_t i = 0; i < 2; i++) {
		struct store *st = fixture_fresh(i ? "path-full" : "path-rel");
		char *doc = fixture_json(), *want = xasprintf("\"id\": \"%s\"", ids[i]);
		char *in = edit(doc, "\"id\": \"retired-role\"", want, false), *detail = NULL, *out;

		CU_ASSERT_EQUAL(
		    export_import(st, in, strlen(in), NULL, T0 + 30 * DAY, NULL, NULL, &detail),
		    EXPORT_OK);
		out = export_of(st, "alice");
		CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
		free(out);
		free(detail);
		free(in);
		free(want);
		free(doc);
		store_close(st);
	}
}

/* ---- export of the fixture ---- */

static void
test_export_fixture(void)
{
	struct store *st = fixture_store("fixture");
	char *out = export_of(st, "alice");

	fixture_assert_file("alice.json", out);
	free(out);
	store_close(st);
}

/* ---- round trip, idempotence, --as, merge rule ---- */

static void
test_round_trip(void)
{
	struct store *a = fixture_store("trip-a"), *b = fixture_fresh("trip-b");
	char *first = export_of(a, "alice"), *second, *detail = NULL, *who = NULL;
	struct export_counts c;

	CU_ASSERT_EQUAL(
	    export_import(b, first, strlen(first), NULL, T0 + 30 * DAY, &who, &c, &detail),
	    EXPORT_OK);
	UNIT_ASSERT_STR("alice", who);
	CU_ASSERT_EQUAL(c.roles, 2);
	CU_ASSERT_EQUAL(c.items, 5);
	CU_ASSERT_EQUAL(c.ratings, 9);
	CU_ASSERT_EQUAL(c.snapshots, 3);
	/* the profile, every record, every snapshot and the position */
	CU_ASSERT_EQUAL(c.changed, 1 + 5 + 9 + 3 + 1);
	CU_ASSERT_EQUAL(c.kept, 0);
	second = export_of(b, "alice");
	UNIT_ASSERT_STR(first, second);
	free(first);
	free(second);
	free(who);
	free(detail);
	store_close(a);
	store_close(b);
}

static void
test_idempotent(void)
{
	struct store *st = fixture_fresh("idempotent");
	char *doc = fixture_json(), *once, *twice;
	struct export_counts c;
	uint64_t v;

	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, &c, NULL), EXPORT_OK);
	once = export_of(st, "alice");
	v = store_data_version(st);
	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 0);
	CU_ASSERT_EQUAL(c.kept, 0);
	CU_ASSERT_EQUAL(c.items, 5);
	/* nothing was written at all */
	CU_ASSERT_EQUAL(store_data_version(st), v);
	twice = export_of(st, "alice");
	UNIT_ASSERT_STR(once, twice);
	UNIT_ASSERT_STR(doc, twice);
	free(once);
	free(twice);
	free(doc);
	store_close(st);
}

static void
test_import_as(void)
{
	struct store *st = fixture_store("as");
	char *doc = fixture_json(), *dana, *want, *alice, *who = NULL;
	enum export_status s;

	s = export_import(st, doc, strlen(doc), "dana", T0 + 30 * DAY, &who, NULL, NULL);
	CU_ASSERT_EQUAL(s, EXPORT_OK);
	UNIT_ASSERT_STR("dana", who);
	dana = export_of(st, "dana");
	want = edit(doc, "\"profile\": \"alice\"", "\"profile\": \"dana\"", false);
	UNIT_ASSERT_STR(want, dana);
	/* alice is untouched */
	alice = export_of(st, "alice");
	UNIT_ASSERT_STR(doc, alice);
	free(who);
	free(alice);
	free(want);
	free(dana);
	free(doc);
	store_close(st);
}

static void
test_import_as_invalid(void)
{
	struct store *st = fixture_fresh("as-invalid");
	char *doc = fixture_json(), *detail = NULL;

	CU_ASSERT_EQUAL(fixture_import(st, doc, "", NULL, &detail), EXPORT_ERR_INVALID);
	CU_ASSERT_EQUAL(fixture_import(st, doc, "eve\033[2J", NULL, &detail), EXPORT_ERR_INVALID);
	CU_ASSERT_PTR_NULL(export_of(st, "eve\033[2J"));
	free(detail);
	free(doc);
	store_close(st);
}

static void
test_merge_rule(void)
{
	struct store *st = fixture_fresh("merge");
	char *doc = fixture_json();
	struct export_counts c;
	struct store_item *it;
	struct store_rating *rt;
	size_t n;

	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, &c, NULL), EXPORT_OK);
	/* changed here after the export: kept */
	OK(store_item_set_note(st, "alice", DEMO, I_CHARTER, NULL, "Local note", T0 + 20 * DAY));
	/* a reviewer's rating typed here, older than the export's: still
	 * never replaced (your own records are yours) */
	OK(store_rating_set(st, "alice", DEMO, "bob", S_ANSWER, NULL, NULL, 1, T0));
	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.kept, 1);
	CU_ASSERT_EQUAL(c.changed, 0);
	CU_ASSERT_EQUAL(c.refused_yours, 1);
	OK(store_items_get(st, "alice", DEMO, &it, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item_id, I_CHARTER) == 0)
			UNIT_ASSERT_STR("Local note", it[i].note);
	store_items_free(it, n);
	OK(store_ratings_get(st, "alice", DEMO, "bob", &rt, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(rt[i].statement_id, S_ANSWER) == 0) {
			CU_ASSERT_EQUAL(rt[i].value, 1);
			CU_ASSERT_EQUAL(rt[i].updated_at, T0);
			CU_ASSERT_EQUAL(rt[i].origin, STORE_LOCAL);
		}
	store_ratings_free(rt, n);
	free(doc);
	store_close(st);
}

/* An export merges into a profile that has records of its own. */
static void
test_merge_into_other_records(void)
{
	struct store *st = fixture_fresh("merge-other");
	char *doc = fixture_json(), *out;
	struct export_counts c;

	OK(store_item_set_done(st, "alice", "other-role", "bbbbbbbbbbbb", "Elsewhere", true, T0));
	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 5 + 9 + 3 + 1); /* the profile existed */
	out = export_of(st, "alice");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"id\": \"other-role\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"item_id\": \"bbbbbbbbbbbb\""));
	free(out);
	free(doc);
	store_close(st);
}

/* ---- refusals: nothing changes ---- */

static void
test_refuse_truncated(void)
{
	char *doc = fixture_json();

	refused("truncated", doc, strlen(doc) / 2, EXPORT_ERR_PARSE, "not valid JSON: line ");
	refused("empty", "", 0, EXPORT_ERR_PARSE, "line 1, column 0:");
	refused("trailing", "{} {}", 5, EXPORT_ERR_PARSE, "end of file expected");
	free(doc);
}

static void
test_refuse_types(void)
{
	refused_edit("value-string", "\"value\": 4", "\"value\": \"4\"", false, EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[1].value: must be an integer from 0 to 5");
	refused_edit("value-real", "\"value\": 4", "\"value\": 4.0", false, EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[1].value: must be an integer from 0 to 5");
	refused_edit("value-6", "\"value\": 4", "\"value\": 6", false, EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[1].value: must be an integer from 0 to 5");
	refused_edit("done-int", "\"done\": true", "\"done\": 1", true, EXPORT_ERR_SCHEMA,
		     "roles[1].checklist[0].done: must be true or false");
	refused_edit("missing", "\"updated_at\": 1795395600", "\"updated\": 1795395600", false,
		     EXPORT_ERR_SCHEMA, "roles[0].checklist[2].updated_at: missing");
	refused_edit("negative-time", "\"done_at\": 1795392000", "\"done_at\": -5", false,
		     EXPORT_ERR_SCHEMA,
		     "roles[0].checklist[2].done_at: must be an integer from 0 to 253402300799");
	refused_edit("absurd-time", "\"taken_at\": 1795478400", "\"taken_at\": 99999999999999",
		     false, EXPORT_ERR_SCHEMA,
		     "roles[0].snapshots[0].taken_at: must be an integer");
	refused_edit("done-at-undone", "\"done_at\": 0", "\"done_at\": 5", false, EXPORT_ERR_SCHEMA,
		     "roles[0].checklist[1].done_at: must be 0 when done is false");
	refused_edit("id-upper", "\"item_id\": \"e8d44ad2ae15\"", "\"item_id\": \"E8D44AD2AE15\"",
		     false, EXPORT_ERR_SCHEMA,
		     "roles[0].checklist[2].item_id: must be an id of 1 to 64 characters");
	refused_edit("id-dup", "\"item_id\": \"e8d44ad2ae15\"", "\"item_id\": \"c59296626ebf\"",
		     false, EXPORT_ERR_SCHEMA,
		     "roles[0].checklist[2].item_id: \"c59296626ebf\" appears twice (also at "
		     "roles[0].checklist[1])");
	refused_edit("rating-dup", "\"statement_id\": \"4ae628f32ad4\"",
		     "\"statement_id\": \"6ad1b8194c5f\"", false, EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[6].statement_id: \"6ad1b8194c5f\" appears twice for \"bob\" "
		     "(also at roles[0].ratings[5])");
	refused_edit(
	    "snapshot-rating-dup", "\"statement_id\": \"da1f5e0c576e\"",
	    "\"statement_id\": \"6ad1b8194c5f\"", true, EXPORT_ERR_SCHEMA,
	    "roles[0].snapshots[1].ratings[2].statement_id: \"6ad1b8194c5f\" appears twice "
	    "(also at roles[0].snapshots[1].ratings[1])");
	refused_edit("snapshot-value-0", "\"value\": 1", "\"value\": 0", false, EXPORT_ERR_SCHEMA,
		     "roles[0].snapshots[0].ratings[1].value: must be an integer "
		     "from 1 to 5");
	refused_edit("role-path", "\"id\": \"retired-role\"", "\"id\": \"../etc\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
	refused_edit("role-path-up", "\"id\": \"retired-role\"", "\"id\": \"sig/../etc\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
	refused_edit("role-path-empty", "\"id\": \"retired-role\"", "\"id\": \"sig//a\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
	refused_edit("role-path-end", "\"id\": \"retired-role\"", "\"id\": \"sig/\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
	refused_edit("role-path-root", "\"id\": \"retired-role\"", "\"id\": \"/\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
	refused_edit("role-dup", "\"id\": \"retired-role\"", "\"id\": \"demo\"", false,
		     EXPORT_ERR_SCHEMA, "roles[1].id: \"demo\" appears twice (also at roles[0])");
	refused_edit("roles-object", "\"roles\": [", "\"roles\": 5, \"x\": [", false,
		     EXPORT_ERR_SCHEMA, "roles: must be an array");
	refused_edit("note-number", "\"note\": \"Roadmap updated in October.\"", "\"note\": 7",
		     false, EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[0].note: must be a string or null");
	refused_edit("content-missing", "\"content\": {", "\"contents\": {", false,
		     EXPORT_ERR_SCHEMA, "roles[0].content: missing");
	refused_edit("profile-empty", "\"profile\": \"alice\"", "\"profile\": \"\"", false,
		     EXPORT_ERR_SCHEMA, "profile: must be a name of 1 to 200 bytes");
	refused_edit("exported-at", "\"exported_at\": \"2026-12-03T00:00:00Z\"",
		     "\"exported_at\": 1795392000", false, EXPORT_ERR_SCHEMA,
		     "exported_at: must be a string");
	refused_edit("exported-at-form", "\"2026-12-03T00:00:00Z\"", "\"yesterday, 3pm GMT\"",
		     false, EXPORT_ERR_SCHEMA, "exported_at: must be a UTC time like");
	refused("not-object", "[1, 2]", 6, EXPORT_ERR_FORMAT, "the top level is not an object");
}

/* A duplicate key is refused by the parser (JSON_REJECT_DUPLICATES). */
static void
test_refuse_duplicate_key(void)
{
	refused_edit("dup-key", "\"value\": 4", "\"value\": 4, \"value\": 5", false,
		     EXPORT_ERR_PARSE, "duplicate object key");
}

static void
test_refuse_long_text(void)
{
	char *note = xmalloc(EXPORT_MAX_TEXT + 2), *repl;

	memset(note, 'x', EXPORT_MAX_TEXT + 1);
	note[EXPORT_MAX_TEXT + 1] = '\0';
	repl = xasprintf("\"note\": \"%s\"", note);
	refused_edit("long-note", "\"note\": \"Roadmap updated in October.\"", repl, false,
		     EXPORT_ERR_SCHEMA, "roles[0].ratings[0].note: must be at most 10240 bytes");
	/* exactly at the limit is fine */
	note[EXPORT_MAX_TEXT] = '\0';
	free(repl);
	repl = xasprintf("\"note\": \"%s\"", note);
	{
		char *doc = fixture_json(),
		     *ok = edit(doc, "\"note\": \"Roadmap updated in October.\"", repl, false);
		struct store *st = fixture_fresh("long-note-ok");

		CU_ASSERT_EQUAL(fixture_import(st, ok, NULL, NULL, NULL), EXPORT_OK);
		store_close(st);
		free(ok);
		free(doc);
	}
	free(repl);
	free(note);
}

static void
test_refuse_version(void)
{
	refused_edit("version-3", "\"version\": 2", "\"version\": 3", true, EXPORT_ERR_VERSION,
		     "made by a newer rolebook (format version 3); this one reads version 2");
	refused_edit("version-0", "\"version\": 2", "\"version\": 0", true, EXPORT_ERR_SCHEMA,
		     "version: must be an integer from 1 to");
	refused_edit("version-string", "\"version\": 2", "\"version\": \"2\"", true,
		     EXPORT_ERR_SCHEMA, "version: must be an integer");
}

static void
test_refuse_format(void)
{
	refused_edit("format-name", "\"rolebook-export\"", "\"something-else\"", false,
		     EXPORT_ERR_FORMAT,
		     "not a rolebook export: format is \"something-else\", expected "
		     "\"rolebook-export\"");
	refused_edit("format-report", "\"rolebook-export\"", "\"rolebook-report\"", false,
		     EXPORT_ERR_FORMAT, "a report cannot be imported");
	refused_edit("format-missing", "\"format\": \"rolebook-export\",", "", false,
		     EXPORT_ERR_FORMAT, "format is missing");
}

static void
test_refuse_too_large(void)
{
	size_t len = (size_t)EXPORT_MAX_BYTES + 1;
	char *big = xmalloc(len + 1), *dir, *path, *data = NULL, *detail = NULL;
	int fd;
	size_t n;
	struct store *st;

	/* a valid document, padded with spaces past the limit */
	memset(big, ' ', len);
	memcpy(big, "{}", 2);
	big[len] = '\0';
	refused("too-large", big, len, EXPORT_ERR_TOO_LARGE, "larger than 16777216 bytes");
	free(big);

	/* a file: refused from its size, before it is read */
	dir = fixture_dir("too-large-file");
	path = xasprintf("%s/big.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(ftruncate(fd, (off_t)EXPORT_MAX_BYTES + 1), 0);
	close(fd);
	CU_ASSERT_EQUAL(export_read_file(path, &data, &n, &detail), EXPORT_ERR_TOO_LARGE);
	CU_ASSERT_PTR_NULL(data);
	CU_ASSERT(detail != NULL && strstr(detail, "larger than the 16777216 bytes") != NULL);
	st = fixture_fresh("too-large-store");
	{
		struct export_import_opts o = {.now = T0};
		CU_ASSERT_EQUAL(export_import_file(st, path, &o, NULL, NULL, NULL, NULL),
				EXPORT_ERR_TOO_LARGE);
	}
	store_close(st);
	/* exactly at the limit is read */
	CU_ASSERT_EQUAL(truncate(path, (off_t)EXPORT_MAX_BYTES), 0);
	CU_ASSERT_EQUAL(export_read_file(path, &data, &n, &detail), EXPORT_OK);
	CU_ASSERT_EQUAL(n, EXPORT_MAX_BYTES);
	free(data);
	free(detail);
	free(path);
	free(dir);
}

static void
test_refuse_too_deep(void)
{
	char *deep = xmalloc(2001), *doc;
	size_t i;

	memset(deep, '[', 1000);
	memset(deep + 1000, ']', 1000);
	deep[2000] = '\0';
	refused("deep-1000", deep, 2000, EXPORT_ERR_TOO_DEEP,
		"line 1, column 33: nested deeper than 32 levels");
	/* 32 levels pass the scan (and fail as a format), 33 do not */
	for (i = 0; i < 32; i++)
		deep[i] = '[';
	memset(deep + 32, ']', 32);
	refused("deep-32", deep, 64, EXPORT_ERR_FORMAT, "top level is not an object");
	doc = xasprintf("{\"a\": %.*s%.*s}", 32, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 32,
			"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	refused("deep-33", doc, strlen(doc), EXPORT_ERR_TOO_DEEP, "nested deeper than 32");
	free(doc);
	free(deep);
}

/* Brackets inside strings do not count as nesting. */
static void
test_brackets_in_strings(void)
{
	struct store *st = fixture_fresh("brackets");
	char *doc = fixture_json(), *note = xmalloc(300), *repl, *bad;
	struct store_item *it;
	size_t n;

	/* 100 [, an escaped quote, 41 { */
	memset(note, '[', 100);
	note[100] = '\\';
	note[101] = '"';
	memset(note + 102, '{', 41);
	note[143] = '\0';
	repl = xasprintf("\"note\": \"%s\"", note);
	bad = edit(doc, "\"note\": \"Read it twice; the voting rules matter.\"", repl, false);
	CU_ASSERT_EQUAL(fixture_import(st, bad, NULL, NULL, NULL), EXPORT_OK);
	OK(store_items_get(st, "alice", DEMO, &it, &n));
	CU_ASSERT_EQUAL(n, 4);
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item_id, I_CHARTER) == 0)
			CU_ASSERT_EQUAL(strlen(it[i].note), 142);
	store_items_free(it, n);
	free(bad);
	free(repl);
	free(note);
	free(doc);
	store_close(st);
}

/* NUL and lone surrogates cannot come through jansson at all. */
static void
test_refuse_nul_and_surrogates(void)
{
	refused_edit("nul", "Read it twice", "Read\\u0000it twice", false, EXPORT_ERR_PARSE,
		     "\\u0000 is not allowed");
	refused_edit("surrogate", "Read it twice", "Read\\ud800it twice", false, EXPORT_ERR_PARSE,
		     "invalid Unicode");
	refused_edit("low-surrogate", "Read it twice", "Read\\udc00it twice", false,
		     EXPORT_ERR_PARSE, "invalid Unicode");
	refused("bad-utf8", "{\"format\": \"\xff\"}", 16, EXPORT_ERR_PARSE, "unable to decode");
}

/* Names are identities: refused when not clean, never silently renamed. */
static void
test_refuse_hostile_names(void)
{
	refused_edit("rater-esc", "\"rater\": \"bob\"", "\"rater\": \"bob\\u001b[2J\"", false,
		     EXPORT_ERR_SCHEMA,
		     "roles[0].ratings[4].rater: a name must not hold control or format "
		     "characters (U+001B)");
	refused_edit("profile-bidi", "\"profile\": \"alice\"", "\"profile\": \"al\\u202eice\"",
		     false, EXPORT_ERR_SCHEMA,
		     "profile: a name must not hold control or format characters (U+202E)");
	refused_edit("role-newline", "\"id\": \"retired-role\"", "\"id\": \"retired\\nrole\"",
		     false, EXPORT_ERR_SCHEMA, "roles[1].id: must be a role id");
}

/* Free text is sanitised: the import succeeds and stores clean text. */
static void
test_hostile_text_sanitised(void)
{
	struct store *st = fixture_fresh("hostile");
	char *doc = fixture_json(), *bad, *bad2, *bad3, *md, *txt;
	struct store_item *it;
	struct store_rating *rt;
	size_t n;

	bad = edit(doc, "\"Read it twice; the voting rules matter.\"",
		   "\"\\u001b[31mRed\\u001b[0m \\u001b]52;c;ZXZpbA==\\u0007copy "
		   "\\u202eevil\\u202c \\u009b2Jend\\r\\nline two\"",
		   false);
	bad2 =
	    edit(bad, "\"Roadmap updated in October.\"",
		 "\"| x | y |\\n# Heading `code` <b>bold</b> [link](http://x) *em* $m$\"", false);
	bad3 = edit(bad2, "\"text\": \"Join the channel\"",
		    "\"text\": \"Join\\tthe\\nchannel\\u0085\\u001bP1;2q\\u001b\\\\ now\"", false);
	CU_ASSERT_EQUAL(fixture_import(st, bad3, NULL, NULL, NULL), EXPORT_OK);
	OK(store_items_get(st, "alice", DEMO, &it, &n));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(it[i].item_id, I_CHARTER) == 0)
			UNIT_ASSERT_STR("Red copy evil end\nline two", it[i].note);
		if (strcmp(it[i].item_id, I_CHANNEL) == 0)
			UNIT_ASSERT_STR("Join the channel now", it[i].text);
	}
	store_items_free(it, n);
	OK(store_ratings_get(st, "alice", DEMO, "", &rt, &n));
	CU_ASSERT_EQUAL_FATAL(n, 4);
	UNIT_ASSERT_STR("| x | y |\n# Heading `code` <b>bold</b> [link](http://x) *em* $m$",
			rt[0].note);
	store_ratings_free(rt, n);

	/* Markdown cannot be broken by a note */
	md = fixture_report(st, "alice", NULL, REPORT_MARKDOWN);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, ": \\| x \\| y \\| \\# Heading \\`code\\` "
					  "\\<b\\>bold\\</b\\> \\[link\\](<http://x>) \\*em\\* "
					  "\\$m\\$\n"));
	CU_ASSERT_PTR_NULL(strstr(md, "\n# Heading"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md,
				      "- [x] Read the charter \xe2\x80\x94 done 2026-11-23 "
				      "(unverified) \xe2\x80\x94 Red copy evil end line two\n"));
	/* text keeps the note's lines, indented */
	txt = fixture_report(st, "alice", NULL, REPORT_TEXT);
	CU_ASSERT_PTR_NOT_NULL(strstr(txt, "       note: Red copy evil end\n"
					   "             line two\n"));
	CU_ASSERT_PTR_NULL(strchr(txt, '\033'));
	free(txt);
	free(md);
	free(bad3);
	free(bad2);
	free(bad);
	free(doc);
	store_close(st);
}

/* Text already in the database is sanitised on the way out too. */
static void
test_hostile_database_text(void)
{
	struct store *st = fixture_fresh("hostile-db");
	char *out;

	OK(store_item_set_done(st, "mallory", DEMO, I_CHARTER, "Read \033]0;pwned\007the charter",
			       true, T0));
	OK(store_item_set_note(st, "mallory", DEMO, I_CHARTER, NULL, "bad \xff byte \033[2J", T0));
	out = fixture_report(st, "mallory", NULL, REPORT_TEXT);
	CU_ASSERT_PTR_NULL(strchr(out, '\033'));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "note: bad \xef\xbf\xbd byte \n"));
	free(out);
	out = fixture_report(st, "mallory", NULL, REPORT_JSON);
	CU_ASSERT_PTR_NULL(strstr(out, "\\u001b"));
	free(out);
	out = export_of(st, "mallory");
	CU_ASSERT_PTR_NOT_NULL(out);
	CU_ASSERT_PTR_NULL(strstr(out, "\\u001b"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"text\": \"Read the charter\""));
	free(out);
	store_close(st);
}

/* A failure while writing undoes the whole import. */
static void
test_all_or_nothing(void)
{
	char *dir = fixture_dir("rollback"), *path = xasprintf("%s/rolebook.db", dir);
	char *doc = fixture_json(), *detail = NULL;
	struct store *st = NULL;
	struct store_progress *p;
	sqlite3 *db;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 2000, &st, NULL), STORE_OK);
	store_close(st);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db,
				     "CREATE TRIGGER no_snapshots BEFORE INSERT ON snapshots"
				     " BEGIN SELECT RAISE(ABORT, 'refused'); END;",
				     NULL, NULL, NULL),
			SQLITE_OK);
	sqlite3_close(db);
	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 2000, &st, NULL), STORE_OK);
	/* items and ratings go in before the snapshots fail */
	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, NULL, &detail), EXPORT_ERR_STORE);
	CU_ASSERT(detail != NULL && strstr(detail, "nothing was changed") != NULL);
	OK(store_profiles_list(st, &p, &n));
	CU_ASSERT_EQUAL(n, 0);
	store_progress_free(p, n);
	free(detail);
	store_close(st);
	free(doc);
	free(path);
	free(dir);
}

static void
test_import_readonly(void)
{
	char *dir = fixture_dir("readonly"), *path = xasprintf("%s/rolebook.db", dir);
	char *doc = fixture_json(), *detail = NULL;
	struct store *st = NULL;

	CU_ASSERT_EQUAL_FATAL(store_open(path, 0, 2000, &st, NULL), STORE_OK);
	store_close(st);
	CU_ASSERT_EQUAL_FATAL(store_open(path, STORE_READONLY, 2000, &st, NULL), STORE_OK);
	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, NULL, &detail), EXPORT_ERR_STORE);
	CU_ASSERT(detail != NULL && strstr(detail, "read-only") != NULL);
	free(detail);
	store_close(st);
	free(doc);
	free(path);
	free(dir);
}

/* ---- files and folders ---- */

static void
test_write_file(void)
{
	char *dir = fixture_dir("write"), *path = xasprintf("%s/out.json", dir), *back,
	     *detail = NULL;
	struct stat sb;
	DIR *d;
	struct dirent *e;
	int files = 0;

	CU_ASSERT_EQUAL(export_write_file(path, "old\n", 4, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(export_write_file(path, "{}\n", 3, NULL), EXPORT_OK);
	back = fixture_slurp(path);
	UNIT_ASSERT_STR("{}\n", back);
	free(back);
	CU_ASSERT_EQUAL(stat(path, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	d = opendir(dir);
	while (d != NULL && (e = readdir(d)) != NULL)
		files += e->d_name[0] != '.' || strncmp(e->d_name, ".out.json.", 10) == 0;
	if (d != NULL)
		closedir(d);
	CU_ASSERT_EQUAL(files, 1); /* no temporary file left */
	free(path);
	path = xasprintf("%s/no/such/folder/out.json", dir);
	CU_ASSERT_EQUAL(export_write_file(path, "{}\n", 3, &detail), EXPORT_ERR_IO);
	CU_ASSERT(detail != NULL && strstr(detail, "cannot create") != NULL);
	free(detail);
	free(path);
	free(dir);
}

static void
test_export_unknown_profile(void)
{
	struct store *st = fixture_fresh("unknown");
	char *out = NULL, *detail = NULL;

	CU_ASSERT_EQUAL(export_profile(st, &fixture_cat, "nobody", T0, &out, &detail),
			EXPORT_ERR_NOTFOUND);
	CU_ASSERT_PTR_NULL(out);
	UNIT_ASSERT_STR("no profile 'nobody' in the database", detail);
	free(detail);
	/* a profile without records exports, and imports back */
	OK(store_profile(st, "empty", true, T0, &(int64_t){0}));
	CU_ASSERT_EQUAL(export_profile(st, &fixture_cat, "empty", T0, &out, NULL), EXPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"roles\": []"));
	CU_ASSERT_EQUAL(fixture_import(st, out, "empty2", NULL, NULL), EXPORT_OK);
	free(out);
	out = NULL;
	CU_ASSERT_EQUAL(export_profile(st, &fixture_cat, "empty2", T0, &out, NULL), EXPORT_OK);
	free(out);
	store_close(st);
}

static void
test_load_dir(void)
{
	char *dir = fixture_dir("load-dir"), *doc = fixture_json(), *newer, *out, *detail = NULL;
	char **errors = NULL;
	size_t nerrors = 0, nloaded = 0;
	struct store *mem = NULL;

	char *sub = xasprintf("%s/sig-x", dir), *dana, *link, *fifo;

	newer = edit(doc, "\"version\": 2", "\"version\": 3", true);
	dana = edit(doc, "\"profile\": \"alice\"", "\"profile\": \"dana\"", true);
	fixture_put(dir, "a-alice.json", doc);
	fixture_put(dir, "b-broken.json", "{\"format\": ");
	fixture_put(dir, "c-newer.json", newer);
	fixture_put(dir, "notes.txt", "not an export");
	fixture_put(dir, ".hidden.json", "{");
	/* a subfolder is read; a link to a terminal and a FIFO are not opened
	 * (either would block) */
	CU_ASSERT_EQUAL(mkdir(sub, 0700), 0);
	fixture_put(sub, "d-dana.json", dana);
	link = xasprintf("%s/e-tty.json", dir);
	fifo = xasprintf("%s/f-fifo.json", dir);
	CU_ASSERT_EQUAL(symlink("/dev/tty", link), 0);
	CU_ASSERT_EQUAL(mkfifo(fifo, 0600), 0);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&mem, &detail), STORE_OK);
	CU_ASSERT_EQUAL(export_load_dir(mem, dir, NULL, true, &nloaded, &errors, &nerrors, &detail),
			EXPORT_OK);
	CU_ASSERT_EQUAL(nloaded, 2);
	CU_ASSERT_EQUAL_FATAL(nerrors, 4);
	CU_ASSERT(strncmp(errors[0], "b-broken.json: not valid JSON: line 1", 37) == 0);
	UNIT_ASSERT_STR("c-newer.json: made by a newer rolebook (format version 3); this one "
			"reads version 2",
			errors[1]);
	UNIT_ASSERT_STR("e-tty.json: not a regular file", errors[2]);
	UNIT_ASSERT_STR("f-fifo.json: not a regular file", errors[3]);
	out = export_of(mem, "dana");
	UNIT_ASSERT_STR(dana, out);
	free(out);
	free(dana);
	free(link);
	free(fifo);
	free(sub);
	out = export_of(mem, "alice");
	UNIT_ASSERT_STR(doc, out);
	free(out);
	export_errors_free(errors, nerrors);
	store_close(mem);

	/* no such folder */
	out = xasprintf("%s/missing", dir);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&mem, NULL), STORE_OK);
	CU_ASSERT_EQUAL(export_load_dir(mem, out, NULL, true, &nloaded, &errors, &nerrors, &detail),
			EXPORT_ERR_IO);
	CU_ASSERT_PTR_NULL(errors);
	CU_ASSERT_EQUAL(nerrors, 0);
	CU_ASSERT(detail != NULL && strstr(detail, "cannot read the folder") != NULL);
	store_close(mem);
	free(out);
	free(detail);
	free(newer);
	free(doc);
	free(dir);
}

/* The in-memory store writes nothing to the working folder. */
static void
test_memory_store(void)
{
	struct store *mem = NULL;
	int64_t id;

	CU_ASSERT_EQUAL_FATAL(store_open_memory(&mem, NULL), STORE_OK);
	CU_ASSERT_FALSE(store_is_readonly(mem));
	OK(store_profile(mem, "x", true, T0, &id));
	store_close(mem);
	CU_ASSERT_NOT_EQUAL(access(":memory:", F_OK), 0);
}

static void
test_strerror(void)
{
	for (int s = EXPORT_OK; s <= EXPORT_ERR_INVALID; s++)
		CU_ASSERT(strcmp(export_strerror((enum export_status)s), "unknown error") != 0);
	UNIT_ASSERT_STR("unknown error", export_strerror((enum export_status)99));
}

/* ---- registration ---- */

int
test_export_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"export of the fixture", test_export_fixture},
	    {"role ids that are paths", test_role_id_paths},
	    {"round trip", test_round_trip},
	    {"re-import changes nothing", test_idempotent},
	    {"import --as", test_import_as},
	    {"import --as: invalid names", test_import_as_invalid},
	    {"merge rule: newer wins, ties keep local", test_merge_rule},
	    {"merge into a profile with other records", test_merge_into_other_records},
	    {"refused: truncated JSON", test_refuse_truncated},
	    {"refused: wrong types, ranges, missing fields", test_refuse_types},
	    {"refused: duplicate keys", test_refuse_duplicate_key},
	    {"refused: text too long", test_refuse_long_text},
	    {"refused: newer version", test_refuse_version},
	    {"refused: wrong format name", test_refuse_format},
	    {"refused: too large", test_refuse_too_large},
	    {"refused: too deep", test_refuse_too_deep},
	    {"brackets in strings are not nesting", test_brackets_in_strings},
	    {"refused: NUL, surrogates, bad UTF-8", test_refuse_nul_and_surrogates},
	    {"refused: hostile names", test_refuse_hostile_names},
	    {"hostile text is sanitised", test_hostile_text_sanitised},
	    {"hostile text in the database", test_hostile_database_text},
	    {"a failing write undoes the import", test_all_or_nothing},
	    {"import into a read-only database", test_import_readonly},
	    {"export file: atomic, 0600", test_write_file},
	    {"export of an unknown or empty profile", test_export_unknown_profile},
	    {"load a folder of exports", test_load_dir},
	    {"memory store", test_memory_store},
	    {"status messages", test_strerror},
	};
	CU_pSuite s = CU_add_suite("export", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
