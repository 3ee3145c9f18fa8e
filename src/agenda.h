/*
 * agenda.h - what is due for a profile across every role it has started:
 * the appointments (store), each role's checklist and due plan (due.c),
 * as one list by due date.  `rolebook agenda`, `rolebook calendar`, the
 * home screen and the review read it; none computes a due date itself.
 */
#ifndef ROLEBOOK_AGENDA_H
#define ROLEBOOK_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "due.h"
#include "store.h"

/* Another role a shared step (the same item id, one record) belongs to. */
struct agenda_also {
	struct role *role; /* borrowed */
	size_t num;	   /* the item's number in that role's checklist */
};

struct agenda_row {
	struct role *role;	       /* borrowed from the catalogue */
	const struct check_item *item; /* borrowed from the role */
	size_t num;		       /* the item's number in `rolebook checklist` (1..) */
	int32_t start;		       /* the role's appointment day */
	int32_t due;		       /* day number; -1: the item has no due mark */
	int32_t days;		       /* due - today */
	enum due_state state;
	bool done;
	int64_t done_at; /* when done, else 0 */
	/* a shared step is one row: role is the one it falls due first in
	 * (the earliest due day), also the others, by role id; owned */
	struct agenda_also *also;
	size_t nalso;
	const char *uid_role; /* the least role id of them all: the step's
			       * one calendar UID (calendar_uid) */
};

struct agenda {
	struct agenda_row *v; /* by due day (undated last), then role id, then number */
	size_t n;
	size_t late, soon; /* open items overdue, due soon */
	size_t undated;	   /* open items without a due mark (the last rows) */
	size_t roles;	   /* roles started (with an appointment) */
	char **missing;	   /* started roles the catalogue lacks (ids), owned */
	size_t nmissing;
};

/*
 * Loads the agenda of profile on day today: every item of every role the
 * profile has an appointment for (done ones only when with_done), those
 * with a due date first, by date, then those without.  A step roles share
 * (same item id: one record) is one row, on its earliest due day.  Roles
 * are loaded as needed; a role that fails to load counts as missing.  On
 * failure the agenda is empty (and valid) and the store's status is
 * returned.  Free with agenda_done().
 */
enum store_status agenda_load(struct agenda *a, struct store *st, struct catalog *cat,
			      const char *profile, int32_t today, bool with_done);
void agenda_done(struct agenda *a);

#endif
