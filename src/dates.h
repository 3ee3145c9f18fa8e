/*
 * dates.h - the one date formatter.
 *
 * Times are stored as Unix seconds (UTC) and never change with the time
 * zone; every date a person reads is formatted here, in their local time
 * zone (TZ), so that an item ticked at 17:59 in Los Angeles reads as done
 * that day, not the next.  Machine formats (the export) stay in UTC.
 */
#ifndef ROLEBOOK_DATES_H
#define ROLEBOOK_DATES_H

#include <stddef.h>
#include <stdint.h>

enum date_style {
	DATE_DAY,     /* "2026-03-02", local time */
	DATE_MINUTE,  /* "2026-03-02 17:59", local time */
	DATE_ISO_UTC, /* "2026-03-03T01:59:00Z", UTC: for files, not people */
};

/* Room for any style, NUL included. */
#define DATES_MAX 32

/*
 * Writes t (Unix seconds) in style to buf (DATES_MAX bytes) and returns
 * buf.  A time that is not set (t <= 0) or cannot be shown gives a row of
 * '-' as wide as a date, so that columns stay aligned; in DATE_ISO_UTC it
 * gives the epoch, a valid time.
 */
char *dates_format(int64_t t, enum date_style style, char *buf);

/*
 * Calendar days, for what is due on a day rather than at an instant (the
 * appointment, a due date): the number of days since 1970-01-01 in the
 * proleptic Gregorian calendar.  A day is no instant, so it never moves
 * with the time zone; only "today" (dates_today) depends on TZ.
 */

/* The day of year-month-day; month 1..12, day 1..31 (not checked). */
int32_t dates_day(int year, int month, int day);
/* The year, month (1..12) and day (1..31) of a day number. */
void dates_civil(int32_t day, int *year, int *month, int *mday);
/* Days in month (1..12) of year: 28..31. */
int dates_month_days(int year, int month);
/* Parses exactly "YYYY-MM-DD" (years 1970..9999) naming a real calendar
 * day (no 2026-02-30) into *day; returns 0, or -1 leaving *day alone. */
int dates_day_parse(const char *s, int32_t *day);
/* Writes day as "YYYY-MM-DD" to buf (DATES_MAX bytes); returns buf. */
char *dates_day_format(int32_t day, char *buf);
/* The local calendar day (TZ) that time t (Unix seconds) falls on. */
int32_t dates_today(int64_t t);

/* A label for time t among times[0..n) (snapshots): its day, DATE_DAY, or
 * its day and minute, DATE_MINUTE, when another of them falls on the same
 * local day.  Writes to buf (DATES_MAX bytes) and returns it. */
char *dates_label(int64_t t, const int64_t *times, size_t n, char *buf);

#endif
