/*
 * calendar.h - a profile's due items as an iCalendar file (RFC 5545),
 * built with libical: one VTODO per item with a due date, its DUE the
 * calendar day (VALUE=DATE), its UID the same on every run (role, item
 * id and profile), so that a calendar program importing a newer file
 * updates its tasks instead of adding copies.
 */
#ifndef ROLEBOOK_CALENDAR_H
#define ROLEBOOK_CALENDAR_H

#include <stdint.h>

#include "agenda.h"

/* The UID of an item of role for profile: "ROLE-ITEMID-PROFILEHASH@rolebook"
 * (a new string). */
char *calendar_uid(const char *profile, const char *role, const char *item_id);

/*
 * The iCalendar text of agenda a (with done items: they become COMPLETED
 * tasks) of profile, stamped now (Unix seconds): a new string, lines ending
 * in CRLF as RFC 5545 says.  libical is loaded on the first call (see
 * calendar.c); NULL with *err (a new string that says what to install)
 * when it cannot be.
 */
char *calendar_build(const struct agenda *a, const char *profile, int64_t now, char **err);

#endif
