/*
 * run_unit.c - runs every CUnit suite; exits non-zero when any test fails.
 * Usage: run_unit [SUITE-NAME-SUBSTRING]
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

const char *unit_tmpdir;

static int (*const registrars[])(void) = {
    test_text_register,	       test_lines_register,    test_mdrender_register,
    test_mdstream_register,    test_content_register,  test_store_register,
    test_readiness_register,   test_frame_register,    test_screen_register,
    test_links_register,       test_nav_register,      test_report_register,
    test_export_register,      test_listnav_register,  test_lists_register,
    test_footer_register,      test_dates_register,    test_truth_register,
    test_views_register,       test_steps_register,    test_trust_register,
    test_conf_register,	       test_due_register,      test_due_views_register,
    test_outline_register,     test_change_register,   test_catalog_register,
    test_hyperlink_register,   test_search_register,   test_mdlazy_register,
    test_reader_lazy_register, test_identity_register, test_mdhtmltable_register,
    test_walkcache_register,
};

int
main(int argc, char **argv)
{
	static char dir[4096];
	const char *tmp = getenv("TMPDIR");
	unsigned failed;
	size_t i;

	snprintf(dir, sizeof dir, "%s/rolebook-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	unit_tmpdir = dir;
	/* Tests never touch the real home. */
	setenv("HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("TZ", "UTC", 1);

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	for (i = 0; i < sizeof registrars / sizeof registrars[0]; i++)
		if (registrars[i]() != 0) {
			fprintf(stderr, "cannot register suite %zu: %s\n", i, CU_get_error_msg());
			return 1;
		}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (argc > 1) {
		CU_pSuite s;
		for (s = CU_get_registry()->pSuite; s != NULL; s = s->pNext)
			if (strstr(s->pName, argv[1]) != NULL)
				CU_basic_run_suite(s);
	} else {
		CU_basic_run_tests();
	}
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	if (failed == 0) {
		char cmd[4200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return failed ? 1 : 0;
}
