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

#endif
