/*
 * dates.c - the one date formatter (see dates.h): local time for people,
 * UTC for files.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dates.h"

char *
dates_format(int64_t t, enum date_style style, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (style == DATE_ISO_UTC) {
		if (t < 0 || gmtime_r(&tt, &tm) == NULL)
			snprintf(buf, DATES_MAX, "1970-01-01T00:00:00Z");
		else
			strftime(buf, DATES_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
		return buf;
	}
	/* TZ may have changed since the last call (tests set it) */
	tzset();
	if (t <= 0 || localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, DATES_MAX, "%s",
			 style == DATE_MINUTE ? "---------- --:--" : "----------");
		return buf;
	}
	strftime(buf, DATES_MAX, style == DATE_MINUTE ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
	return buf;
}
