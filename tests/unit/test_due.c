/*
 * test_due.c - due dates: calendar days (dates.c), the content's due marks
 * (due.c, markdown.c, role.c), the plan of a profile's checklist, and the
 * appointment dates in the store (store_dates.c, schema step 4, undo).
 * What people see of them is test_due_views.c's.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "due.h"
#include "fixture.h"
#include "markdown.h"
#include "store.h"
#include "unit.h"
#include "xalloc.h"

#define PM "program-manager"

static const char *
fmt(int32_t d)
{
	static char buf[DATES_MAX];

	return dates_day_format(d, buf);
}

static void
test_days(void)
{
	int32_t d = 0;

	CU_ASSERT_EQUAL(fixture_day("1970-01-01"), 0);
	CU_ASSERT_EQUAL(fixture_day("2026-11-01") - fixture_day("2026-10-31"), 1);
	UNIT_ASSERT_STR("2024-02-29", fmt(fixture_day("2024-02-28") + 1));
	UNIT_ASSERT_STR("2100-03-01", fmt(fixture_day("2100-02-28") + 1)); /* no Feb 29 in 2100 */
	UNIT_ASSERT_STR("2000-02-29", fmt(fixture_day("2000-02-28") + 1)); /* but in 2000 */
	/* not real calendar days, or not the format */
	CU_ASSERT_EQUAL(dates_day_parse("2026-02-29", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-02-30", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-04-31", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-13-01", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-00-10", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-1-5", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("2026-01-05x", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("tomorrow", &d), -1);
	CU_ASSERT_EQUAL(dates_day_parse("", &d), -1);
	CU_ASSERT_EQUAL(d, 0); /* left alone */
	CU_ASSERT_EQUAL(dates_day_parse("2028-02-29", &d), 0);
}

/* "today" is the local day; a day number never moves with TZ. */
static void
test_today_tz(void)
{
	/* 2026-03-03 01:59 UTC */
	const int64_t t = 1772503140;
	const char *zones[][2] = {{"UTC", "2026-03-03"},
				  {"America/Los_Angeles", "2026-03-02"},
				  {"Asia/Tokyo", "2026-03-03"},
				  {"Pacific/Kiritimati", "2026-03-03"},
				  {"Pacific/Pago_Pago", "2026-03-02"}};
	struct due_mark m;

	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		setenv("TZ", zones[i][0], 1);
		tzset();
		UNIT_ASSERT_STR(zones[i][1], fmt(dates_today(t)));
		/* a due day is the same in every zone */
		CU_ASSERT_TRUE(due_mark_parse("30 days", &m));
		UNIT_ASSERT_STR("2026-12-01", fmt(due_day(fixture_day("2026-11-01"), &m)));
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Snapshot labels: the day, with the time when two fall on one local day. */
static void
test_labels(void)
{
	/* 2026-11-22 15:30, 2026-11-22 21:30 and 2026-11-23 09:00 UTC */
	const int64_t t[] = {1795361400, 1795383000, 1795424400};
	char b[DATES_MAX];

	setenv("TZ", "UTC", 1);
	UNIT_ASSERT_STR("2026-11-22 15:30", dates_label(t[0], t, 3, b));
	UNIT_ASSERT_STR("2026-11-23", dates_label(t[2], t, 3, b));
	UNIT_ASSERT_STR("2026-11-22", dates_label(t[0], t, 1, b));
	/* in Tokyo the second falls on the 23rd, with the third */
	setenv("TZ", "Asia/Tokyo", 1);
	UNIT_ASSERT_STR("2026-11-23 00:30", dates_label(t[0], t, 3, b));
	UNIT_ASSERT_STR("2026-11-23 06:30", dates_label(t[1], t, 3, b));
	setenv("TZ", "UTC", 1);
	tzset();
}

static const char *
due_of(const char *start, const char *spec)
{
	struct due_mark m;

	if (!due_mark_parse(spec, &m))
		return "(no mark)";
	return fmt(due_day(fixture_day(start), &m));
}

static void
test_arithmetic(void)
{
	UNIT_ASSERT_STR("2026-11-01", due_of("2026-11-01", "0 days"));
	UNIT_ASSERT_STR("2026-11-08", due_of("2026-11-01", "7 days"));
	UNIT_ASSERT_STR("2026-11-15", due_of("2026-11-01", "2 weeks"));
	UNIT_ASSERT_STR("2026-12-01", due_of("2026-11-01", "1 month"));
	UNIT_ASSERT_STR("2027-02-01", due_of("2026-11-01", "3 months"));
	/* month ends clamp */
	UNIT_ASSERT_STR("2026-02-28", due_of("2026-01-31", "1 month"));
	UNIT_ASSERT_STR("2028-02-29", due_of("2028-01-31", "1 month"));
	UNIT_ASSERT_STR("2026-04-30", due_of("2026-03-31", "1 month"));
	UNIT_ASSERT_STR("2027-01-31", due_of("2026-10-31", "3 months"));
	UNIT_ASSERT_STR("2027-02-28", due_of("2026-11-30", "3 months"));
	/* leap days */
	UNIT_ASSERT_STR("2029-02-28", due_of("2028-02-29", "12 months"));
	UNIT_ASSERT_STR("2032-02-29", due_of("2028-02-29", "48 months"));
	UNIT_ASSERT_STR("2028-03-01", due_of("2028-02-29", "1 day"));
	UNIT_ASSERT_STR("2028-03-07", due_of("2028-02-29", "1 week"));
	UNIT_ASSERT_STR("2028-02-29", due_of("2028-02-28", "1 day"));
	/* MM-DD: the first such day on or after the appointment */
	UNIT_ASSERT_STR("2027-03-31", due_of("2026-11-01", "03-31"));
	UNIT_ASSERT_STR("2026-11-01", due_of("2026-11-01", "11-01"));
	UNIT_ASSERT_STR("2027-10-31", due_of("2026-11-01", "10-31"));
	UNIT_ASSERT_STR("2028-02-29", due_of("2026-11-01", "02-29"));
	UNIT_ASSERT_STR("2032-02-29", due_of("2028-03-01", "02-29"));
	/* not marks */
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "soon"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "7"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "7 fortnights"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "-3 days"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "02-30"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "13-01"));
	UNIT_ASSERT_STR("(no mark)", due_of("2026-11-01", "99999 days"));
	UNIT_ASSERT_STR("2026-11-02", due_of("2026-11-01", " 1 Day "));
}

static void
test_phrases(void)
{
	char b[32];
	int32_t t = fixture_day("2026-11-10");

	UNIT_ASSERT_STR("today", due_phrase(t, t, b));
	UNIT_ASSERT_STR("in 1 day", due_phrase(t + 1, t, b));
	UNIT_ASSERT_STR("in 5 days", due_phrase(t + 5, t, b));
	UNIT_ASSERT_STR("1 day late", due_phrase(t - 1, t, b));
	UNIT_ASSERT_STR("3 days late", due_phrase(t - 3, t, b));
	CU_ASSERT_EQUAL(due_state_of(t - 1, t), DUE_LATE);
	CU_ASSERT_EQUAL(due_state_of(t, t), DUE_SOON);
	CU_ASSERT_EQUAL(due_state_of(t + 7, t), DUE_SOON);
	CU_ASSERT_EQUAL(due_state_of(t + 8, t), DUE_LATER);
}

static const char *
strip(const char *in, bool *required, char **form, struct due_mark *m)
{
	static char buf[200];

	snprintf(buf, sizeof buf, "%s", in);
	md_strip_item_marks_due(buf, required, form, m);
	return buf;
}

static void
test_marks(void)
{
	struct due_mark m;
	bool req;
	char *form, mt[24];

	UNIT_ASSERT_STR("Take the course",
			strip("Take the course (due: 30 days)", &req, &form, &m));
	CU_ASSERT_EQUAL(m.unit, DUE_DAYS);
	CU_ASSERT_EQUAL(m.n, 30);
	CU_ASSERT_FALSE(req);
	/* any order with the other marks */
	UNIT_ASSERT_STR("Join",
			strip("Join (due: 0 days) (required) (form: org)", &req, &form, &m));
	CU_ASSERT_TRUE(req);
	UNIT_ASSERT_STR("org", form);
	free(form);
	UNIT_ASSERT_STR("0 days", due_mark_text(&m, mt));
	UNIT_ASSERT_STR("Join", strip("Join (required) (due: 1 week)", &req, &form, &m));
	UNIT_ASSERT_STR("1 week", due_mark_text(&m, mt));
	UNIT_ASSERT_STR("Report", strip("Report (form: a) (due: 03-31)", &req, &form, &m));
	UNIT_ASSERT_STR("03-31", due_mark_text(&m, mt));
	free(form);
	/* a mark that is no due mark stays text; so does an item that is only a mark */
	UNIT_ASSERT_STR("Wait (due: soon)", strip("Wait (due: soon)", &req, &form, &m));
	CU_ASSERT_EQUAL(m.unit, DUE_NONE);
	UNIT_ASSERT_STR("(due: 7 days)", strip("(due: 7 days)", &req, &form, &m));
	CU_ASSERT_EQUAL(m.unit, DUE_NONE);
}

static const char *const ROLE_TEXT = "# Lead\n\n## Onboarding checklist\n\n"
				     "### Before appointment (due: 0 days)\n\n"
				     "- [ ] Join the org (required)\n\n"
				     "### First week (due: 7 days)\n\n"
				     "- [ ] Read the charter\n"
				     "- [ ] Take the course (due: 30 days)\n"
				     "- [ ] File the annual report (due: 03-31)\n\n"
				     "### Later\n\n"
				     "- [ ] Whenever\n";

static void
test_role_marks(void)
{
	struct role *r = fixture_role_text(PM, ROLE_TEXT);
	char id[13], mt[24];

	CU_ASSERT_EQUAL_FATAL(r->nitems, 5);
	UNIT_ASSERT_STR("Join the org", r->items[0].text);
	CU_ASSERT_TRUE(r->items[0].required);
	UNIT_ASSERT_STR("Before appointment", r->items[0].group);
	UNIT_ASSERT_STR("0 days", due_mark_text(&r->items[0].due, mt));
	UNIT_ASSERT_STR("First week", r->items[1].group);
	UNIT_ASSERT_STR("7 days", due_mark_text(&r->items[1].due, mt));
	UNIT_ASSERT_STR("Take the course", r->items[2].text);
	UNIT_ASSERT_STR("30 days", due_mark_text(&r->items[2].due, mt));
	UNIT_ASSERT_STR("03-31", due_mark_text(&r->items[3].due, mt));
	CU_ASSERT_EQUAL(r->items[4].due.unit, DUE_NONE);
	/* the mark is not part of the id */
	content_item_id("Take the course", id);
	UNIT_ASSERT_STR(id, r->items[2].id);
	role_free(r);
}

/* The plan: open items with a due date, by date; done ones left out;
 * an item added to the content after the start is due from the start. */
static void
test_plan(void)
{
	struct role *r = fixture_role_text(PM, ROLE_TEXT);
	struct checklist c;
	struct due_plan p;
	const struct due_entry *next;

	checklist_load(&c, NULL, "Ada", r);
	due_plan_make(&p, &c, -1, fixture_day("2026-11-10"));
	CU_ASSERT_FALSE(p.started);
	CU_ASSERT_EQUAL(p.n, 0);
	due_plan_done(&p);

	due_plan_make(&p, &c, fixture_day("2026-11-01"), fixture_day("2026-11-10"));
	CU_ASSERT_TRUE(p.started);
	CU_ASSERT_EQUAL_FATAL(p.n, 4);
	CU_ASSERT_EQUAL(p.v[0].index, 0); /* 11-01, 9 days late */
	CU_ASSERT_EQUAL(p.v[0].days, -9);
	CU_ASSERT_EQUAL(p.v[1].index, 1); /* 11-08 */
	CU_ASSERT_EQUAL(p.v[2].index, 2); /* 12-01 */
	CU_ASSERT_EQUAL(p.v[3].index, 3); /* 2027-03-31 */
	CU_ASSERT_EQUAL(p.late, 2);
	CU_ASSERT_EQUAL(p.soon, 0);
	CU_ASSERT_EQUAL(p.by_item[4], -1);
	next = due_plan_next(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(next);
	CU_ASSERT_EQUAL(next->index, 2);
	CU_ASSERT_EQUAL(next->days, 21);
	CU_ASSERT_EQUAL(next->state, DUE_LATER);
	due_plan_done(&p);

	/* done items leave the plan */
	c.v[0].done = true;
	due_plan_make(&p, &c, fixture_day("2026-11-01"), fixture_day("2026-11-28"));
	CU_ASSERT_EQUAL(p.n, 3);
	CU_ASSERT_EQUAL(p.late, 1);
	CU_ASSERT_EQUAL(p.soon, 1); /* the course, in 3 days */
	UNIT_ASSERT_STR("2026-11-01", fmt(p.by_item[0]));
	due_plan_done(&p);
	checklist_done(&c);
	role_free(r);

	/* the content gains an item a month after the start: due from the start */
	r = fixture_role_text(
	    PM, "# Lead\n\n## Onboarding checklist\n\n### First week (due: 7 days)\n\n"
		"- [ ] Read the charter\n- [ ] Meet the other leads\n");
	checklist_load(&c, NULL, "Ada", r);
	due_plan_make(&p, &c, fixture_day("2026-11-01"), fixture_day("2026-12-01"));
	CU_ASSERT_EQUAL(p.n, 2);
	CU_ASSERT_EQUAL(p.late, 2);
	CU_ASSERT_EQUAL(p.v[1].days, -23);
	due_plan_done(&p);
	checklist_done(&c);
	role_free(r);
}

static void
test_store_appointments(void)
{
	char *path = fixture_db_path("due-store");
	struct store *st = fixture_open(path);
	struct store_appointment *a;
	int32_t d = 5;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(d, -1);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, fixture_day("2026-11-01"), 100),
			STORE_OK);
	CU_ASSERT_EQUAL(
	    store_appointment_set(st, "Bo", "technical-lead", fixture_day("2028-02-29"), 100),
	    STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_OK);
	UNIT_ASSERT_STR("2026-11-01", fmt(d));
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, fixture_day("2026-11-03"), 110),
			STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_OK);
	UNIT_ASSERT_STR("2026-11-03", fmt(d));
	CU_ASSERT_EQUAL(store_appointments_list(st, NULL, &a, &n), STORE_OK);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	UNIT_ASSERT_STR("Ada", a[0].profile);
	UNIT_ASSERT_STR("2028-02-29", fmt(a[1].day));
	store_appointments_free(a, n);
	CU_ASSERT_EQUAL(store_appointments_list(st, "Bo", &a, &n), STORE_OK);
	CU_ASSERT_EQUAL(n, 1);
	store_appointments_free(a, n);
	/* cleared; clearing again finds none; forget takes it too */
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, -1, 120), STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, -1, 120), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_forget(st, "Bo", "technical-lead"), STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Bo", "technical-lead", &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_appointment_set(st, "", PM, 0, 1), STORE_ERR_INVALID);
	store_close(st);
	free(path);
}

/* Step 4 on a database version 3 left: records kept, appointments work,
 * and an import log of version 3 can still be undone. */
static void
test_migrate_v3(void)
{
	char *path = fixture_db_path("due-v3");
	struct store *st;
	struct store_item *items;
	sqlite3 *db;
	int32_t d;
	size_t n, undone, skipped;
	int64_t id = 0;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (int v = 1; v <= 3; v++)
		CU_ASSERT_EQUAL(sqlite3_exec(db, store_migration_sql(v), NULL, NULL, NULL),
				SQLITE_OK);
	CU_ASSERT_EQUAL(
	    sqlite3_exec(db,
			 "INSERT INTO profiles VALUES (1, 'Ada', 100);"
			 "INSERT INTO items VALUES (1, 'program-manager', 'aaa',"
			 " 'Write the plan', 1, 150, NULL, 160, 0);"
			 "INSERT INTO imports VALUES (1, 'x.json', NULL, 'Ada', 90, 100,"
			 " 1, 0, 0, 0, 0);"
			 "INSERT INTO import_undo (import_id, kind, profile_id, role, key,"
			 " existed, after) VALUES (1, 0, 1, 'program-manager', 'aaa', 0,"
			 " 160);"
			 "COMMIT",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	st = fixture_open(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(store_items_get(st, "Ada", PM, &items, &n), STORE_OK);
	CU_ASSERT_EQUAL(n, 1);
	store_items_free(items, n);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, fixture_day("2026-11-01"), 200),
			STORE_OK);
	CU_ASSERT_EQUAL(store_import_undo(st, 1, 300, &undone, &skipped), STORE_OK);
	CU_ASSERT_EQUAL(undone, 1);

	/* an import that sets an appointment is undone to the one before */
	CU_ASSERT_EQUAL(store_begin(st), STORE_OK);
	CU_ASSERT_EQUAL(store_import_log(st, "y.json", NULL, "Ada", 0, 400, 0, 0, 0, 0, &id),
			STORE_OK);
	CU_ASSERT_EQUAL(store_undo_save(st, id, STORE_UNDO_APPOINTMENT, "Ada", PM, "", "", 400),
			STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, fixture_day("2026-10-01"), 400),
			STORE_OK);
	CU_ASSERT_EQUAL(store_commit(st), STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_OK);
	UNIT_ASSERT_STR("2026-10-01", fmt(d));
	CU_ASSERT_EQUAL(store_import_undo(st, id, 500, &undone, &skipped), STORE_OK);
	CU_ASSERT_EQUAL(undone, 1);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_OK);
	UNIT_ASSERT_STR("2026-11-01", fmt(d));
	store_close(st);
	free(path);
}

int
test_due_register(void)
{
	CU_pSuite s = CU_add_suite("due", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "calendar days", test_days) ||
	    !CU_add_test(s, "today in several time zones", test_today_tz) ||
	    !CU_add_test(s, "snapshot labels: day, or day and time", test_labels) ||
	    !CU_add_test(s, "due arithmetic: month ends, leap days, MM-DD", test_arithmetic) ||
	    !CU_add_test(s, "phrases and states", test_phrases) ||
	    !CU_add_test(s, "due marks among the others", test_marks) ||
	    !CU_add_test(s, "group and item marks in a role", test_role_marks) ||
	    !CU_add_test(s, "the plan of a checklist", test_plan) ||
	    !CU_add_test(s, "appointments in the store", test_store_appointments) ||
	    !CU_add_test(s, "schema step 4 on a version 3 database", test_migrate_v3))
		return CU_get_error();
	return 0;
}
