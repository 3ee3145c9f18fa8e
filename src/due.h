/*
 * due.h - due dates: the one place that says when a checklist item is due
 * and whether it is late.
 *
 * The content gives a checklist group heading, or an item, a due mark
 * (content/README.md): "(due: 7 days)", "(due: 2 weeks)", "(due: 3
 * months)" after the appointment, or "(due: 03-31)", the first such day of
 * the year on or after it; the MM-DD items of a group are one yearly
 * cycle, each on or after the group's previous one (due_plan_make).  From a profile's appointment
 * date for a role (rolebook start), the mark and today, due.c computes the due day and its state;
 * every screen, command and report lays out what it returns. Days are calendar days (dates.h), so
 * no time zone moves a due date; only "today" is the local day.
 */
#ifndef ROLEBOOK_DUE_H
#define ROLEBOOK_DUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum due_unit {
	DUE_NONE = 0, /* no due mark */
	DUE_DAYS,
	DUE_WEEKS,
	DUE_MONTHS, /* calendar months, clamped to the month's end */
	DUE_ANNUAL, /* the first month-day on or after the appointment */
};

struct due_mark {
	enum due_unit unit;
	int n;	 /* days, weeks or months; for DUE_ANNUAL the month 1..12 */
	int day; /* DUE_ANNUAL: the day of the month 1..31 */
};

/* Items due within this many days (today included) are due soon. */
#define DUE_SOON_DAYS 7

/*
 * Parses the inside of a due mark, after "due:": "N day(s)", "N week(s)",
 * "N month(s)" (N 0..3650, spaces around) or "MM-DD" (a day some year
 * has: 02-29 is one).  Returns true with *out set, or false.
 */
bool due_mark_parse(const char *spec, struct due_mark *out);

/*
 * Cuts a trailing "(due: SPEC)" off text (with the spaces before it) when
 * SPEC parses; returns true with *out set, else false, text unchanged.  A
 * text that is only the mark keeps it.
 */
bool due_strip_mark(char *text, struct due_mark *out);

/* The mark as content writes it ("7 days", "1 month", "03-31"), for
 * reports; writes at most 24 bytes to buf and returns it. */
char *due_mark_text(const struct due_mark *m, char *buf);

/* The day (dates.h day number) an item with mark m is due for an
 * appointment on day start; -1 when m has no date (DUE_NONE). */
int32_t due_day(int32_t start, const struct due_mark *m);

enum due_state {
	DUE_LATER, /* due in more than DUE_SOON_DAYS days */
	DUE_SOON,  /* due today or within DUE_SOON_DAYS days */
	DUE_LATE,  /* the day has passed: overdue */
};

/* The state of an open item due on day due, on day today. */
enum due_state due_state_of(int32_t due, int32_t today);

/* How a person reads it: "in 5 days", "in 1 day", "today", "1 day late",
 * "3 days late".  Writes at most 32 bytes to buf and returns it. */
char *due_phrase(int32_t due, int32_t today, char *buf);

/* A start date may be at most this many days after today: a later one is
 * a typing slip (9999-12-31), and its due dates would leave every calendar. */
#define DUE_START_AHEAD 366

/*
 * The one rule for a start (appointment) date, for `rolebook start`, the
 * checklist screen and import: NULL when day (dates.h day number) may be
 * recorded on day today, else why not (a static English phrase, such as
 * "more than 366 days after today").  Before 1970 is refused too.
 */
const char *due_start_refusal(int32_t day, int32_t today);

/* ---- a profile's plan for one role ---- */

/* What follows a start date from an unsigned file, wherever it is shown. */
#define DUE_UNVERIFIED " (unverified)"

struct checklist;

struct due_entry {
	size_t index; /* into the checklist (and the role's items) */
	int32_t due;  /* day number */
	int32_t days; /* due - today: negative when late */
	enum due_state state;
};

struct due_plan {
	bool started;	      /* an appointment date is known */
	bool unverified;      /* it came from an unsigned file (store_appointment_find);
			       * set by the caller, shown as DUE_UNVERIFIED */
	int32_t start, today; /* day numbers */
	struct due_entry *v;  /* the open items with a due date, by due day
			       * then content order; owned */
	size_t n;
	size_t late, soon; /* how many are overdue, due soon */
	int32_t *by_item;  /* per checklist entry: its due day or -1; owned */
	size_t nitems;
};

/*
 * Builds the plan of checklist c for an appointment on day start (or no
 * appointment: start < 0, then the plan is empty and not started) on day
 * today.  Items done have a due day in by_item but no entry.  Free with
 * due_plan_done(); a zeroed plan is valid and empty.
 */
void due_plan_make(struct due_plan *p, const struct checklist *c, int32_t start, int32_t today);
void due_plan_done(struct due_plan *p);

/* The first entry not late (the next due), or NULL. */
const struct due_entry *due_plan_next(const struct due_plan *p);

#endif
