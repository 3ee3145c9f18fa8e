/*
 * dates.c - the one date formatter (see dates.h): local time for people,
 * UTC for files.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
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

/* Days from civil and back: H. Hinnant's algorithms, eras of 400 years. */
int32_t
dates_day(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void
dates_civil(int32_t day, int *year, int *month, int *mday)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int
dates_month_days(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[(month - 1) % 12];
}

int
dates_day_parse(const char *s, int32_t *day)
{
	int y = 0, m = 0, d = 0;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > dates_month_days(y, m))
		return -1;
	*day = dates_day(y, m, d);
	return 0;
}

char *
dates_day_format(int32_t day, char *buf)
{
	int y, m, d;

	dates_civil(day, &y, &m, &d);
	snprintf(buf, DATES_MAX, "%04d-%02d-%02d", y, m, d);
	return buf;
}

int32_t
dates_today(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	tzset();
	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return dates_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *
dates_label(int64_t t, const int64_t *times, size_t n, char *buf)
{
	int32_t day = dates_today(t);

	for (size_t i = 0; i < n; i++)
		if (times[i] != t && dates_today(times[i]) == day)
			return dates_format(t, DATE_MINUTE, buf);
	return dates_format(t, DATE_DAY, buf);
}
