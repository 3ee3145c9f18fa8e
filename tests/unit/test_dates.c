/*
 * test_dates.c - the one date formatter: local time for people, UTC for
 * files, whatever TZ says.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "dates.h"
#include "unit.h"

/* 2026-03-03 01:59 UTC: 17:59 on 2 March in Los Angeles (PST, UTC-8) */
#define EVENING_IN_LA 1772503140

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_local_day(void)
{
	char b[DATES_MAX];

	set_tz("America/Los_Angeles");
	UNIT_ASSERT_STR("2026-03-02", dates_format(EVENING_IN_LA, DATE_DAY, b));
	UNIT_ASSERT_STR("2026-03-02 17:59", dates_format(EVENING_IN_LA, DATE_MINUTE, b));
	/* stored times are UTC, and files say so */
	UNIT_ASSERT_STR("2026-03-03T01:59:00Z", dates_format(EVENING_IN_LA, DATE_ISO_UTC, b));
	set_tz("Asia/Tokyo");
	UNIT_ASSERT_STR("2026-03-03 10:59", dates_format(EVENING_IN_LA, DATE_MINUTE, b));
	set_tz("UTC");
	UNIT_ASSERT_STR("2026-03-03", dates_format(EVENING_IN_LA, DATE_DAY, b));
	UNIT_ASSERT_STR("2026-03-03 01:59", dates_format(EVENING_IN_LA, DATE_MINUTE, b));
}

static void
test_unset(void)
{
	char b[DATES_MAX];

	UNIT_ASSERT_STR("----------", dates_format(0, DATE_DAY, b));
	UNIT_ASSERT_STR("---------- --:--", dates_format(-5, DATE_MINUTE, b));
	UNIT_ASSERT_STR("1970-01-01T00:00:00Z", dates_format(-5, DATE_ISO_UTC, b));
}

int
test_dates_register(void)
{
	CU_pSuite s = CU_add_suite("dates", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "local time for people, UTC for files", test_local_day) ||
	    !CU_add_test(s, "a time not set", test_unset))
		return CU_get_error();
	return 0;
}
