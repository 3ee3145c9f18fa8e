/*
 * unit.h - shared declarations for the CUnit runner.
 *
 * Each tests/unit/test_<module>.c defines test_<module>_register(), which
 * adds its suite(s) to the CUnit registry and returns 0 (or a CUnit error).
 * run_unit.c calls them all.  A failing string comparison prints what was
 * expected and what came instead.
 */
#ifndef ROLEBOOK_UNIT_H
#define ROLEBOOK_UNIT_H

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

/* A suite's tests, registered in order by unit_add_suite(). */
struct unit_test {
	const char *name;
	CU_TestFunc fn;
};

/* Adds a suite of the n tests; 0, or CUnit's error. */
static inline int
unit_add_suite(const char *name, const struct unit_test *tests, size_t n)
{
	CU_pSuite suite = CU_add_suite(name, NULL, NULL);

	if (suite == NULL)
		return (int)CU_get_error();
	for (size_t i = 0; i < n; i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL)
			return (int)CU_get_error();
	return 0;
}

int test_text_register(void);
int test_lines_register(void);
int test_mdrender_register(void);
int test_mdstream_register(void);
int test_mdlazy_register(void); /* issue 13: the reader lays out lazily */
int test_reader_lazy_register(void);
int test_hyperlink_register(void);
int test_mdhtmltable_register(void);
int test_content_register(void);
int test_catalog_register(void);
int test_identity_register(void);
int test_store_register(void);
int test_readiness_register(void);
int test_frame_register(void);
int test_screen_register(void);
int test_links_register(void);
int test_outline_register(void); /* issue 12 */
int test_nav_register(void);
int test_report_register(void);
int test_export_register(void);
int test_trust_register(void);
int test_listnav_register(void);
int test_lists_register(void);
int test_footer_register(void);
int test_dates_register(void);
int test_truth_register(void);
int test_views_register(void);
int test_steps_register(void);
int test_conf_register(void); /* issue 16 */
int test_due_register(void);
int test_due_views_register(void);
int test_hardening_register(void);
int test_change_register(void);	   /* issue 14: changes wait for a locked database */
int test_search_register(void);	   /* issue 12 */
int test_walkcache_register(void); /* issue 12 */

/* Temporary folder for this run (set by run_unit.c, under $TMPDIR). */
extern const char *unit_tmpdir;

/* Compares two strings; on mismatch prints both, then fails the test. */
#define UNIT_ASSERT_STR(expected, actual)                                                          \
	do {                                                                                       \
		const char *e_ = (expected), *a_ = (actual);                                       \
		int ok_ = (e_ == NULL && a_ == NULL) ||                                            \
			  (e_ != NULL && a_ != NULL && strcmp(e_, a_) == 0);                       \
		if (!ok_)                                                                          \
			fprintf(stderr, "\n%s:%d: expected:\n%s\n--- got:\n%s\n---\n", __FILE__,   \
				__LINE__, e_ ? e_ : "(null)", a_ ? a_ : "(null)");                 \
		CU_ASSERT_TRUE(ok_);                                                               \
	} while (0)

#endif
