/*
 * test_trust.c - who wrote what: what an import takes from a signed or an
 * unsigned file (export_import_with), the one rule for names
 * (export_name_ok), future dates, the counts of the summary, the origin of
 * each record and the import log.  Signatures themselves (ssh-keygen) are
 * tried by tests/export.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fixture.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

#define NOW (T0 + 30 * DAY)

static enum export_status
import_as(struct store *st, const char *doc, const char *signer, bool accept, bool dry,
	  struct export_counts *c, char **detail)
{
	struct export_import_opts o = {.file = "alice.json",
				       .signer = signer,
				       .accept_unsigned = accept,
				       .dry_run = dry,
				       .now = NOW};

	return export_import_with(st, doc, strlen(doc), &o, NULL, c, detail);
}

/* The origin of (alice, demo)'s rating by rater of statement id; -1: none. */
static int
rating_origin(struct store *st, const char *rater, const char *id)
{
	struct store_rating *rt;
	size_t n;
	int o = -1;

	OK(store_ratings_get(st, "alice", DEMO, rater, &rt, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(rt[i].statement_id, id) == 0)
			o = (int)rt[i].origin;
	store_ratings_free(rt, n);
	return o;
}

static int
item_origin(struct store *st, const char *id)
{
	struct store_item *it;
	size_t n;
	int o = -1;

	OK(store_items_get(st, "alice", DEMO, &it, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item_id, id) == 0)
			o = (int)it[i].origin;
	store_items_free(it, n);
	return o;
}

static size_t
count_ratings(struct store *st, const char *rater)
{
	struct store_rating *rt;
	size_t n = 0, m = 0;

	OK(store_ratings_get(st, "alice", DEMO, rater, &rt, &n));
	store_ratings_free(rt, n);
	OK(store_ratings_get(st, "alice", "program-manager", rater, &rt, &m));
	store_ratings_free(rt, m);
	return n + m;
}

static void
test_names(void)
{
	static const char *const good[] = {"alice",
					   "Ana María",
					   "bob-smith",
					   "k8s_bot",
					   "Алиса",
					   "李雷",
					   "o'brien",
					   "J. Doe",
					   "l\xc3\xa9"
					   "ad"};
	static const struct {
		const char *name, *why;
	} bad[] = {
	    {"", "1 to 200 bytes"},
	    {"ch\xe2\x80\x8b"
	     "air",
	     "invisible or format characters (U+200B)"},
	    {"lead\xc2\xa0", "invisible or format characters (U+00A0)"},
	    {"l\xd0\xb5"
	     "ad",
	     "mix scripts in one word (U+0435)"},
	    {"\xe2\x80\xae"
	     "ecila",
	     "control or format characters (U+202E)"},
	    {"lead\x1b]0;x\x07", "control or format characters (U+001B)"},
	    {"lead ", "begin or end with a space"},
	    {"a\tb", "control or format characters (U+0009)"},
	    /* "léad" with a combining acute: a second spelling of "léad" */
	    {"le\xcc\x81"
	     "ad",
	     "combining marks (U+0301)"},
	};
	char *why = NULL;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		CU_ASSERT_TRUE(export_name_ok(good[i], &why));
		if (why != NULL)
			fprintf(stderr, "\n%s: %s\n", good[i], why);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CU_ASSERT_FALSE(export_name_ok(bad[i].name, &why));
		if (why == NULL || strstr(why, bad[i].why) == NULL)
			fprintf(stderr, "\nname %zu: expected \"%s\", got \"%s\"\n", i, bad[i].why,
				why ? why : "(none)");
		CU_ASSERT(why != NULL && strstr(why, bad[i].why) != NULL);
	}
	free(why);
}

/* The same rule on import: a look-alike rater or profile refuses the file. */
static void
test_names_on_import(void)
{
	struct store *st = fixture_fresh("trust-names");
	char *doc = fixture_json(), *bad, *detail = NULL;

	{
		const char *at = strstr(doc, "\"rater\": \"bob\"");
		CU_ASSERT_PTR_NOT_NULL_FATAL(at);
		bad = xasprintf("%.*s\"rater\": \"b\\u043eb\"%s", (int)(at - doc), doc,
				at + strlen("\"rater\": \"bob\""));
	}
	CU_ASSERT_EQUAL(import_as(st, bad, NULL, true, false, NULL, &detail), EXPORT_ERR_SCHEMA);
	CU_ASSERT(detail != NULL && strstr(detail, "rater: a name must not mix scripts") != NULL);
	CU_ASSERT_EQUAL(store_profile(st, "alice", false, 0, &(int64_t){0}), STORE_ERR_NOTFOUND);
	free(bad);
	free(detail);
	free(doc);
	store_close(st);
}

static void
test_future(void)
{
	struct store *st = fixture_fresh("trust-future");
	char *doc = fixture_json(), *detail = NULL, *bad, *at, *num;
	struct export_import_opts o = {.now = NOW, .accept_unsigned = true};

	/* the latest time of the fixture is fine a day before it... */
	at = strstr(doc, "\"updated_at\": ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	num = xasprintf("\"updated_at\": %lld", (long long)(NOW + DAY + 60));
	bad = xasprintf("%.*s%s%s", (int)(at - doc), doc, num, at + strcspn(at, ",\n"));
	CU_ASSERT_EQUAL(export_import_with(st, bad, strlen(bad), &o, NULL, NULL, &detail),
			EXPORT_ERR_SCHEMA);
	CU_ASSERT(detail != NULL && strstr(detail, "more than a day in the future") != NULL);
	CU_ASSERT(detail != NULL && strstr(detail, "updated_at") != NULL);
	CU_ASSERT_EQUAL(store_profile(st, "alice", false, 0, &(int64_t){0}), STORE_ERR_NOTFOUND);
	/* ...and within a day it is taken */
	o.now = NOW + 120;
	CU_ASSERT_EQUAL(export_import_with(st, bad, strlen(bad), &o, NULL, NULL, &detail),
			EXPORT_OK);
	free(num);
	free(bad);
	free(detail);
	free(doc);
	store_close(st);
}

static void
test_signed_by_profile(void)
{
	struct store *st = fixture_fresh("trust-signed-alice");
	char *doc = fixture_json();
	struct export_counts c;

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.refused_other, 6); /* bob's and carol's ratings and snapshots */
	CU_ASSERT_EQUAL(c.refused_unsigned, 0);
	CU_ASSERT_EQUAL(count_ratings(st, "bob"), 0);
	CU_ASSERT_EQUAL(count_ratings(st, "carol"), 0);
	CU_ASSERT(count_ratings(st, "") > 0);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), STORE_SIGNED);
	free(doc);
	store_close(st);
}

static void
test_signed_by_reviewer(void)
{
	struct store *st = fixture_fresh("trust-signed-bob");
	char *doc = fixture_json();
	struct export_counts c;

	/* a file signed by bob gives bob's ratings only: alice's checklist and
	 * self-ratings, and carol's ratings, are claims bob cannot make */
	CU_ASSERT_EQUAL(import_as(st, doc, "bob", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT(count_ratings(st, "bob") > 0);
	CU_ASSERT_EQUAL(count_ratings(st, "carol"), 0);
	CU_ASSERT_EQUAL(count_ratings(st, ""), 0);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), -1);
	CU_ASSERT(c.refused_other >= 5 + 2);
	free(doc);
	store_close(st);
}

/* A file whose every record is refused leaves no empty profile behind and
 * counts nothing new. */
static void
test_nothing_taken(void)
{
	struct store *st = fixture_fresh("trust-nothing");
	char *doc = fixture_json();
	struct export_counts c;

	CU_ASSERT_EQUAL(import_as(st, doc, "mallory", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.added, 0);
	CU_ASSERT_EQUAL(c.changed, 0);
	CU_ASSERT(c.refused_other > 0);
	CU_ASSERT_EQUAL(store_profile(st, "alice", false, 0, &(int64_t){0}), STORE_ERR_NOTFOUND);
	free(doc);
	store_close(st);
}

static void
test_unsigned(void)
{
	struct store *st = fixture_fresh("trust-unsigned");
	char *doc = fixture_json();
	struct export_counts c;

	CU_ASSERT_EQUAL(import_as(st, doc, NULL, false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.refused_unsigned, 6);
	CU_ASSERT_EQUAL(count_ratings(st, "bob"), 0);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), STORE_UNVERIFIED);
	/* with --accept-unsigned, taken and marked unverified */
	CU_ASSERT_EQUAL(import_as(st, doc, NULL, true, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.refused_unsigned, 0);
	CU_ASSERT(count_ratings(st, "bob") > 0);
	CU_ASSERT_EQUAL(rating_origin(st, "bob", S_ANSWER), STORE_UNVERIFIED);
	free(doc);
	store_close(st);
}

/* doc with the charter item's note and time changed: a new string. */
static char *
charter_edited(const char *doc, int64_t when)
{
	const char *at = strstr(doc, "\"item_id\": \"" I_CHARTER "\"");
	const char *note, *note_end, *upd, *upd_end;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	note = strstr(at, "\"note\": ");
	note_end = note + strcspn(note, ",\n");
	upd = strstr(at, "\"updated_at\": ");
	upd_end = upd + strcspn(upd, ",\n");
	return xasprintf("%.*s\"note\": \"Changed\"%.*s\"updated_at\": %lld%s", (int)(note - doc),
			 doc, (int)(upd - note_end), note_end, (long long)when, upd_end);
}

/* An unsigned file never replaces a signed record, even a newer one. */
static void
test_unsigned_never_replaces_signed(void)
{
	struct store *st = fixture_fresh("trust-signed-kept");
	char *doc = fixture_json(), *newer = charter_edited(doc, NOW - 60);
	struct export_counts c;

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(import_as(st, newer, NULL, false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 0);
	CU_ASSERT_EQUAL(c.kept_signed, 1);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), STORE_SIGNED);
	/* the same edit signed by alice replaces it */
	CU_ASSERT_EQUAL(import_as(st, newer, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 1);
	free(newer);
	free(doc);
	store_close(st);
}

/* The other way: a signed record replaces one from an unsigned file
 * whatever the times (the unsigned file's are only claims: a forger dates
 * his "chair's" ratings a day ahead), and an equal one becomes signed. */
static void
test_signed_replaces_unverified(void)
{
	struct store *st = fixture_fresh("trust-signed-wins");
	char *doc = fixture_json(), *forged = charter_edited(doc, NOW + DAY / 2);
	struct export_counts c;
	struct store_item *it;
	size_t n;

	CU_ASSERT_EQUAL(import_as(st, forged, NULL, true, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), STORE_UNVERIFIED);
	CU_ASSERT_EQUAL(rating_origin(st, "bob", S_ANSWER), STORE_UNVERIFIED);
	/* alice's signed file, older, gives her charter item back */
	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(item_origin(st, I_CHARTER), STORE_SIGNED);
	CU_ASSERT_EQUAL(c.kept, 0);
	OK(store_items_get(st, "alice", DEMO, &it, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item_id, I_CHARTER) == 0)
			CU_ASSERT(it[i].note == NULL || strcmp(it[i].note, "Changed") != 0);
	store_items_free(it, n);
	/* bob's signed review, the same ratings, marks them his */
	CU_ASSERT_EQUAL(import_as(st, doc, "bob", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(rating_origin(st, "bob", S_ANSWER), STORE_SIGNED);
	CU_ASSERT(c.changed > 0);
	/* and again changes nothing */
	CU_ASSERT_EQUAL(import_as(st, doc, "bob", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 0);
	free(forged);
	free(doc);
	store_close(st);
}

/* A review export (export --reviews, then signed) passes on only the
 * reviewer's own ratings: not those an unsigned file brought in their
 * name, which signing would make look proven. */
static void
test_review_export_no_unverified(void)
{
	struct store *st = fixture_fresh("trust-review-export");
	char *doc = fixture_json(), *out = NULL, *detail = NULL;

	CU_ASSERT_EQUAL(import_as(st, doc, NULL, true, false, NULL, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(rating_origin(st, "bob", S_ANSWER), STORE_UNVERIFIED);
	CU_ASSERT_EQUAL(export_reviews(st, &fixture_cat, "alice", "bob", NOW, &out, &detail),
			EXPORT_ERR_NOTFOUND);
	UNIT_ASSERT_STR(
	    "bob has not rated alice in this database (ratings in bob's name from unsigned "
	    "files are not bob's to pass on)",
	    detail);
	/* one rating typed here: that one alone, without the snapshot */
	OK(store_rating_set(st, "alice", DEMO, "bob", S_WRITE, "Architecture",
			    "I write design documents.", 2, NOW));
	CU_ASSERT_EQUAL(export_reviews(st, &fixture_cat, "alice", "bob", NOW, &out, NULL),
			EXPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "\"statement_id\": \"" S_WRITE "\"")
					   : NULL);
	CU_ASSERT_PTR_NULL(out != NULL ? strstr(out, "\"statement_id\": \"" S_ANSWER "\"") : NULL);
	free(out);
	free(detail);
	free(doc);
	store_close(st);
}

/* A reviewer's ratings typed here are never replaced, whatever the date. */
static void
test_yours(void)
{
	struct store *st = fixture_fresh("trust-yours");
	char *doc = fixture_json();
	struct export_counts c;
	struct store_rating *rt;
	size_t n;

	OK(store_rating_set(st, "alice", DEMO, "bob", S_ANSWER, NULL, NULL, 1, T0));
	CU_ASSERT_EQUAL(import_as(st, doc, "bob", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.refused_yours, 1);
	OK(store_ratings_get(st, "alice", DEMO, "bob", &rt, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(rt[i].statement_id, S_ANSWER) == 0) {
			CU_ASSERT_EQUAL(rt[i].value, 1);
			CU_ASSERT_EQUAL(rt[i].origin, STORE_LOCAL);
		}
	store_ratings_free(rt, n);
	free(doc);
	store_close(st);
}

/* A rating with neither value nor note is never counted as a change. */
static void
test_empty_rating_not_counted(void)
{
	struct store *st = fixture_fresh("trust-empty");
	char *doc = fixture_json(), *empty;
	struct export_counts c;
	char *at = strstr(doc, "\"note\": \"Roadmap updated in October.\"");

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	empty = xasprintf("%.*s\"note\": null%s", (int)(at - doc), doc,
			  at + strlen("\"note\": \"Roadmap updated in October.\""));
	CU_ASSERT_EQUAL(import_as(st, empty, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(import_as(st, empty, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.changed, 0);
	CU_ASSERT_EQUAL(c.added, 0);
	free(empty);
	free(doc);
	store_close(st);
}

/* An edit as old as the local one is said as such, not as "newer here". */
static void
test_same_time(void)
{
	struct store *st = fixture_fresh("trust-same-time");
	char *doc = fixture_json();
	struct export_counts c;
	struct store_item *it;
	size_t n;
	int64_t when = 0;

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	OK(store_items_get(st, "alice", DEMO, &it, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item_id, I_CHARTER) == 0)
			when = it[i].updated_at;
	store_items_free(it, n);
	OK(store_item_set_note(st, "alice", DEMO, I_CHARTER, NULL, "Edited here", when));
	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.same_time, 1);
	CU_ASSERT_EQUAL(c.kept, 0);
	CU_ASSERT_EQUAL(c.changed, 0);
	free(doc);
	store_close(st);
}

static void
test_dry_run_and_log(void)
{
	struct store *st = fixture_fresh("trust-dry");
	char *doc = fixture_json();
	struct export_counts c;
	struct store_import *log;
	size_t n;

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, true, &c, NULL), EXPORT_OK);
	CU_ASSERT(c.added > 0);
	CU_ASSERT_EQUAL(c.import_id, 0);
	CU_ASSERT_EQUAL(store_profile(st, "alice", false, 0, &(int64_t){0}), STORE_ERR_NOTFOUND);
	OK(store_imports_list(st, &log, &n));
	CU_ASSERT_EQUAL(n, 0);
	store_imports_free(log, n);

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, &c, NULL), EXPORT_OK);
	CU_ASSERT_EQUAL(c.import_id, 1);
	OK(store_imports_list(st, &log, &n));
	CU_ASSERT_EQUAL_FATAL(n, 1);
	UNIT_ASSERT_STR("alice.json", log[0].file);
	UNIT_ASSERT_STR("alice", log[0].signer);
	UNIT_ASSERT_STR("alice", log[0].profile);
	CU_ASSERT_EQUAL(log[0].imported_at, NOW);
	CU_ASSERT_EQUAL(log[0].added, (int64_t)c.added);
	CU_ASSERT_EQUAL(log[0].refused, 6);
	store_imports_free(log, n);
	free(doc);
	store_close(st);
}

/* Where records came from, for review DIR: file, signer, age. */
static void
test_source(void)
{
	struct store *st = fixture_fresh("trust-source");
	char *doc = fixture_json(), *src;

	CU_ASSERT_EQUAL(import_as(st, doc, "alice", false, false, NULL, NULL), EXPORT_OK);
	src = export_source_text(st, "alice", DEMO, "", NOW);
	UNIT_ASSERT_STR("alice.json, signed by alice, 20 days old", src);
	free(src);
	CU_ASSERT_PTR_NULL(export_source_text(st, "alice", DEMO, "bob", NOW)); /* refused */
	CU_ASSERT_EQUAL(import_as(st, doc, NULL, true, false, NULL, NULL), EXPORT_OK);
	src = export_source_text(st, "alice", DEMO, "bob", NOW);
	UNIT_ASSERT_STR("alice.json, unverified, 20 days old", src);
	free(src);
	free(doc);
	store_close(st);
}

/* Records from several files: each file named with how many of the
 * records now shown it gave, per role; a record changed here since is
 * nobody's file's. */
static void
test_sources(void)
{
	struct store *st = fixture_fresh("trust-sources");
	char *doc = fixture_json(), *edit = charter_edited(doc, NOW - 60), *src;
	struct export_import_opts o = {.file = "alice.json", .signer = "alice", .now = NOW};

	CU_ASSERT_EQUAL(export_import_with(st, doc, strlen(doc), &o, NULL, NULL, NULL), EXPORT_OK);
	o.file = "team/alice-2.json";
	CU_ASSERT_EQUAL(export_import_with(st, edit, strlen(edit), &o, NULL, NULL, NULL),
			EXPORT_OK);
	/* demo: the charter item from the second file, the rest from the first */
	src = export_source_text(st, "alice", DEMO, "", NOW);
	UNIT_ASSERT_STR("1 from team/alice-2.json, signed by alice, 20 days old + 7 from "
			"alice.json, signed by alice, 20 days old",
			src);
	free(src);
	/* the other role's records all came from the first file */
	src = export_source_text(st, "alice", "retired-role", "", NOW);
	UNIT_ASSERT_STR("alice.json, signed by alice, 20 days old", src);
	free(src);
	/* the charter item edited here: the second file gave nothing shown */
	OK(store_item_set_note(st, "alice", DEMO, I_CHARTER, NULL, "Mine", NOW));
	src = export_source_text(st, "alice", DEMO, "", NOW);
	UNIT_ASSERT_STR("alice.json, signed by alice, 20 days old", src);
	free(src);
	free(edit);
	free(doc);
	store_close(st);
}

/* review DIR: a candidate's unsigned file carrying a chair's ratings does
 * not show them as the chair's, unless --accept-unsigned. */
static void
test_review_dir_rules(void)
{
	char *dir = fixture_dir("trust-review"), *doc = fixture_json(), *path, **errors = NULL;
	size_t nerrors = 0, nloaded = 0;
	struct store *mem = NULL;

	path = xasprintf("%s/alice.json", dir);
	CU_ASSERT_EQUAL(export_write_file(path, doc, strlen(doc), NULL), EXPORT_OK);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&mem, NULL), STORE_OK);
	CU_ASSERT_EQUAL(export_load_dir(mem, dir, NULL, false, &nloaded, &errors, &nerrors, NULL),
			EXPORT_OK);
	CU_ASSERT_EQUAL(nloaded, 1);
	CU_ASSERT_EQUAL(count_ratings(mem, "bob"), 0);
	CU_ASSERT(count_ratings(mem, "") > 0);
	export_errors_free(errors, nerrors);
	store_close(mem);
	CU_ASSERT_EQUAL_FATAL(store_open_memory(&mem, NULL), STORE_OK);
	CU_ASSERT_EQUAL(export_load_dir(mem, dir, NULL, true, &nloaded, &errors, &nerrors, NULL),
			EXPORT_OK);
	CU_ASSERT(count_ratings(mem, "bob") > 0);
	export_errors_free(errors, nerrors);
	store_close(mem);
	free(path);
	free(doc);
	free(dir);
}

int
test_trust_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"names: one rule", test_names},
	    {"names: the rule on import", test_names_on_import},
	    {"dates more than a day ahead", test_future},
	    {"signed by the profile", test_signed_by_profile},
	    {"signed by a reviewer", test_signed_by_reviewer},
	    {"nothing taken, no profile made", test_nothing_taken},
	    {"unsigned: own records, unverified", test_unsigned},
	    {"unsigned never replaces signed", test_unsigned_never_replaces_signed},
	    {"signed replaces unverified", test_signed_replaces_unverified},
	    {"a review export: no unverified ratings", test_review_export_no_unverified},
	    {"your own ratings are yours", test_yours},
	    {"an empty rating is no change", test_empty_rating_not_counted},
	    {"an edit of the same time", test_same_time},
	    {"dry run and the import log", test_dry_run_and_log},
	    {"where records came from", test_source},
	    {"records from several files", test_sources},
	    {"review DIR: the import's rules", test_review_dir_rules},
	};
	CU_pSuite s = CU_add_suite("trust", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
