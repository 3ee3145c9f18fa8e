/*
 * fuzz_import.c - libFuzzer target: a JSON document imported into a
 * temporary store (in memory), then every report format, the export, and
 * the export imported into a second store.
 *
 * Properties: an import either succeeds or changes nothing and says why
 * in a clean message; after a success every report format is produced
 * (text and Markdown clean, JSON that parses), the export imports into an
 * empty store and exports again byte for byte (export -> import ->
 * export is the identity), and importing it a second time changes
 * nothing.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "content.h"
#include "export.h"
#include "fuzz.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

/* 2030-01-01T00:00:00Z: a fixed "now", so every run is the same. */
#define NOW INT64_C(1893456000)

static struct catalog cat;

static struct store *
fresh(void)
{
	struct store *st = NULL;
	char *detail = NULL;

	FUZZ_CHECK(store_open_memory(&st, &detail) == STORE_OK, "no store: %s",
		   detail ? detail : "?");
	return st;
}

static size_t
profiles(struct store *st)
{
	struct store_progress *p = NULL;
	size_t n = 0;

	FUZZ_CHECK(store_profiles_list(st, &p, &n) == STORE_OK, "cannot list profiles");
	store_progress_free(p, n);
	return n;
}

static void
check_reports(struct store *st, const char *who)
{
	static const enum report_format formats[] = {REPORT_TEXT, REPORT_MARKDOWN, REPORT_JSON};
	char *out = NULL, *detail = NULL;
	char *names[] = {(char *)who};
	struct report_issue_opts io = {.sig = "SIG Fuzz"};
	enum report_status rs;

	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		rs = report_profile(st, &cat, who, NULL, formats[i], &out, &detail);
		FUZZ_CHECK(rs == REPORT_OK && out != NULL, "report format %u: %s", formats[i],
			   detail ? detail : report_strerror(rs));
		FUZZ_CHECK(text_is_clean(out, strlen(out)), "report format %u is not clean",
			   formats[i]);
		if (formats[i] == REPORT_JSON) {
			json_error_t e;
			json_t *j = json_loads(out, 0, &e);
			FUZZ_CHECK(j != NULL, "the JSON report does not parse: %s", e.text);
			json_decref(j);
		}
		free(out);
		out = NULL;
	}
	rs = report_issue(st, &cat, names, 1, NULL, &io, &out, &detail);
	FUZZ_CHECK(rs == REPORT_OK || rs == REPORT_ERR_INVALID, "issue report: %s",
		   detail ? detail : report_strerror(rs));
	FUZZ_CHECK(rs != REPORT_OK || text_is_clean(out, strlen(out)),
		   "the issue report is not clean");
	free(out);
	free(detail);
}

static char *
export_of(struct store *st, const char *who)
{
	char *out = NULL, *detail = NULL;
	enum export_status s = export_profile(st, &cat, who, NOW, &out, &detail);

	FUZZ_CHECK(s == EXPORT_OK, "export of '%s': %s", who, detail ? detail : export_strerror(s));
	return out;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	catalog_init(&cat);
	if (catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/export/roles", ORIGIN_DIR, false,
			    &err) != 0 ||
	    catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_DIR, false, &err) != 0) {
		fprintf(stderr, "fuzz_import: %s\n", err);
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fresh(), *again;
	struct export_counts c = {0};
	char *who = NULL, *detail = NULL, *e1, *e2, *e3, *who2 = NULL;
	enum export_status s;

	s = export_import(st, (const char *)data, size, NULL, NOW, &who, &c, &detail);
	export_counts_free(&c);
	if (s != EXPORT_OK) {
		FUZZ_CHECK(profiles(st) == 0, "a refused import (%s) changed the store",
			   detail ? detail : "?");
		FUZZ_CHECK(detail == NULL || text_is_clean(detail, strlen(detail)),
			   "the refusal is not clean");
		free(detail);
		store_close(st);
		return 0;
	}
	free(detail);
	detail = NULL;
	check_reports(st, who);
	e1 = export_of(st, who);

	/* export -> import -> export is the identity */
	again = fresh();
	memset(&c, 0, sizeof c);
	s = export_import(again, e1, strlen(e1), NULL, NOW, &who2, &c, &detail);
	FUZZ_CHECK(s == EXPORT_OK, "the export does not import: %s\n%s",
		   detail ? detail : export_strerror(s), e1);
	FUZZ_CHECK(strcmp(who, who2) == 0, "imported as '%s', exported '%s'", who2, who);
	export_counts_free(&c);
	e2 = export_of(again, who);
	FUZZ_CHECK(strcmp(e1, e2) == 0, "export -> import -> export differs:\n%s\n---\n%s", e1, e2);

	/* a second import changes nothing */
	memset(&c, 0, sizeof c);
	s = export_import(again, e1, strlen(e1), NULL, NOW, NULL, &c, &detail);
	FUZZ_CHECK(s == EXPORT_OK, "the second import fails: %s",
		   detail ? detail : export_strerror(s));
	FUZZ_CHECK(c.changed == 0, "the second import changed %zu records", c.changed);
	export_counts_free(&c);
	e3 = export_of(again, who);
	FUZZ_CHECK(strcmp(e2, e3) == 0, "the second import changed the export");

	free(e1);
	free(e2);
	free(e3);
	free(who);
	free(who2);
	free(detail);
	store_close(again);
	store_close(st);
	return 0;
}
