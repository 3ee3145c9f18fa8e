/*
 * test_due.c - due dates: calendar days (dates.c), the content's due marks
 * (due.c, markdown.c, role.c), the plan of a profile's checklist, and the
 * appointment dates in the store (store_dates.c, schema step 4, undo).
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libical/ical.h>

#include "agenda.h"
#include "app.h"
#include "calendar.h"
#include "checklist.h"
#include "content.h"
#include "dates.h"
#include "due.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "markdown.h"
#include "report.h"
#include "store.h"
#include "unit.h"
#include "view.h"
#include "xalloc.h"

#define PM "program-manager"

static int32_t
day(const char *s)
{
	int32_t d = -99;

	CU_ASSERT_EQUAL(dates_day_parse(s, &d), 0);
	return d;
}

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

	CU_ASSERT_EQUAL(day("1970-01-01"), 0);
	CU_ASSERT_EQUAL(day("2026-11-01") - day("2026-10-31"), 1);
	UNIT_ASSERT_STR("2024-02-29", fmt(day("2024-02-28") + 1));
	UNIT_ASSERT_STR("2100-03-01", fmt(day("2100-02-28") + 1)); /* no Feb 29 in 2100 */
	UNIT_ASSERT_STR("2000-02-29", fmt(day("2000-02-28") + 1)); /* but in 2000 */
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
		UNIT_ASSERT_STR("2026-12-01", fmt(due_day(day("2026-11-01"), &m)));
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
	return fmt(due_day(day(start), &m));
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
	int32_t t = day("2026-11-10");

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

static struct role *
role_of(const char *text)
{
	struct role *r = xcalloc(1, sizeof *r);

	r->id = xstrdup(PM);
	r->path = xstrdup("(memory)");
	r->threshold = 3.0;
	role_load_text(r, text, strlen(text));
	return r;
}

static void
test_role_marks(void)
{
	struct role *r = role_of(ROLE_TEXT);
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
	struct role *r = role_of(ROLE_TEXT);
	struct checklist c;
	struct due_plan p;
	const struct due_entry *next;

	checklist_load(&c, NULL, "Ada", r);
	due_plan_make(&p, &c, -1, day("2026-11-10"));
	CU_ASSERT_FALSE(p.started);
	CU_ASSERT_EQUAL(p.n, 0);
	due_plan_done(&p);

	due_plan_make(&p, &c, day("2026-11-01"), day("2026-11-10"));
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
	due_plan_make(&p, &c, day("2026-11-01"), day("2026-11-28"));
	CU_ASSERT_EQUAL(p.n, 3);
	CU_ASSERT_EQUAL(p.late, 1);
	CU_ASSERT_EQUAL(p.soon, 1); /* the course, in 3 days */
	UNIT_ASSERT_STR("2026-11-01", fmt(p.by_item[0]));
	due_plan_done(&p);
	checklist_done(&c);
	role_free(r);

	/* the content gains an item a month after the start: due from the start */
	r = role_of("# Lead\n\n## Onboarding checklist\n\n### First week (due: 7 days)\n\n"
		    "- [ ] Read the charter\n- [ ] Meet the other leads\n");
	checklist_load(&c, NULL, "Ada", r);
	due_plan_make(&p, &c, day("2026-11-01"), day("2026-12-01"));
	CU_ASSERT_EQUAL(p.n, 2);
	CU_ASSERT_EQUAL(p.late, 2);
	CU_ASSERT_EQUAL(p.v[1].days, -23);
	due_plan_done(&p);
	checklist_done(&c);
	role_free(r);
}

static char *
tmp_db(const char *name)
{
	char *dir = xasprintf("%s/due-%s", unit_tmpdir, name), *path;

	mkdir(dir, 0700);
	path = xasprintf("%s/rolebook.db", dir);
	free(dir);
	return path;
}

static struct store *
open_ok(const char *path)
{
	struct store *st = NULL;
	char *detail = NULL;

	CU_ASSERT_EQUAL(store_open(path, 0, 2000, &st, &detail), STORE_OK);
	free(detail);
	return st;
}

static void
test_store_appointments(void)
{
	char *path = tmp_db("store");
	struct store *st = open_ok(path);
	struct store_appointment *a;
	int32_t d = 5;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(d, -1);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, day("2026-11-01"), 100), STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Bo", "technical-lead", day("2028-02-29"), 100),
			STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_OK);
	UNIT_ASSERT_STR("2026-11-01", fmt(d));
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, day("2026-11-03"), 110), STORE_OK);
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
	char *path = tmp_db("v3");
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
	st = open_ok(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(store_items_get(st, "Ada", PM, &items, &n), STORE_OK);
	CU_ASSERT_EQUAL(n, 1);
	store_items_free(items, n);
	CU_ASSERT_EQUAL(store_appointment_get(st, "Ada", PM, &d), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, day("2026-11-01"), 200), STORE_OK);
	CU_ASSERT_EQUAL(store_import_undo(st, 1, 300, &undone, &skipped), STORE_OK);
	CU_ASSERT_EQUAL(undone, 1);

	/* an import that sets an appointment is undone to the one before */
	CU_ASSERT_EQUAL(store_begin(st), STORE_OK);
	CU_ASSERT_EQUAL(store_import_log(st, "y.json", NULL, "Ada", 0, 400, 0, 0, 0, 0, &id),
			STORE_OK);
	CU_ASSERT_EQUAL(store_undo_save(st, id, STORE_UNDO_APPOINTMENT, "Ada", PM, "", "", 400),
			STORE_OK);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", PM, day("2026-10-01"), 400), STORE_OK);
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

/* The calendar file, read back by libical's own parser. */
static void
test_calendar(void)
{
	char *path = tmp_db("cal"), *ics1, *ics2, *err = NULL;
	struct store *st = open_ok(path);
	struct catalog cat;
	struct agenda a;
	icalcomponent *cal, *c;
	const char *want_due[] = {"2026-11-01", "2026-11-08", "2026-12-01", "2027-02-01",
				  "2027-03-31"};
	char *uids[5] = {0};
	size_t k = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	catalog_init(&cat);
	CU_ASSERT_EQUAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/due", ORIGIN_DIR, false, &err), 0);
	free(err);
	CU_ASSERT_EQUAL(store_appointment_set(st, "Ada", "due-lead", day("2026-11-01"), 100),
			STORE_OK);
	CU_ASSERT_EQUAL(
	    store_item_set_done(st, "Ada", "due-lead", "057e3b5f6b3d", "", true, 1790000000),
	    STORE_OK);
	CU_ASSERT_EQUAL(agenda_load(&a, st, &cat, "Ada", day("2026-11-10"), true), STORE_OK);
	CU_ASSERT_EQUAL(a.n, 5);
	CU_ASSERT_EQUAL(a.late, 1); /* item 2; item 1 is done */
	ics1 = calendar_build(&a, "Ada", 1790000000);
	ics2 = calendar_build(&a, "Ada", 1790999999);

	cal = icalparser_parse_string(ics1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
	CU_ASSERT_EQUAL(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	CU_ASSERT_EQUAL(icalcomponent_count_errors(cal), 0);
	CU_ASSERT_EQUAL(icalcomponent_count_components(cal, ICAL_VTODO_COMPONENT), 5);
	for (c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c != NULL && k < 5;
	     c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT), k++) {
		struct icaltimetype due = icalcomponent_get_due(c);
		char got[16];

		snprintf(got, sizeof got, "%04d-%02d-%02d", due.year, due.month, due.day);
		CU_ASSERT_TRUE(due.is_date);
		UNIT_ASSERT_STR(want_due[k], got);
		uids[k] = xstrdup(icalcomponent_get_uid(c));
		for (size_t j = 0; j < k; j++)
			CU_ASSERT_STRING_NOT_EQUAL(uids[j], uids[k]);
		CU_ASSERT_EQUAL(icalcomponent_get_status(c),
				k == 0 ? ICAL_STATUS_COMPLETED : ICAL_STATUS_NEEDSACTION);
	}
	CU_ASSERT_EQUAL(k, 5);
	UNIT_ASSERT_STR("Join the organization",
			icalcomponent_get_summary(
			    icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT)));
	icalcomponent_free(cal);

	/* another run, another stamp: the same UIDs */
	cal = icalparser_parse_string(ics2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
	k = 0;
	for (c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c != NULL && k < 5;
	     c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT), k++)
		UNIT_ASSERT_STR(uids[k], icalcomponent_get_uid(c));
	icalcomponent_free(cal);
	CU_ASSERT_STRING_NOT_EQUAL(ics1, ics2); /* DTSTAMP differs */

	for (k = 0; k < 5; k++)
		free(uids[k]);
	free(ics1);
	free(ics2);
	agenda_done(&a);
	catalog_done(&cat);
	store_close(st);
	free(path);
}

static int64_t
clock_nov10(void)
{
	return 1794312000; /* 2026-11-10T12:00:00Z */
}

/* Reports: the appointment and what is overdue, in every format. */
static void
test_reports(void)
{
	char *path = tmp_db("report"), *out = NULL, *detail = NULL, *err = NULL;
	struct store *st = open_ok(path);
	struct catalog cat;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	catalog_init(&cat);
	CU_ASSERT_EQUAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/due", ORIGIN_DIR, false, &err), 0);
	free(err);
	report_set_clock(clock_nov10);
	CU_ASSERT_EQUAL(store_item_set_done(st, "ada", "due-lead", "591273452626", "", true, 1),
			STORE_OK);
	/* not started: no line */
	CU_ASSERT_EQUAL(report_profile(st, &cat, "ada", NULL, REPORT_TEXT, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NULL(strstr(out, "Started"));
	free(out);
	CU_ASSERT_EQUAL(report_profile(st, &cat, "ada", NULL, REPORT_JSON, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"appointment\": null"));
	free(out);

	CU_ASSERT_EQUAL(store_appointment_set(st, "ada", "due-lead", day("2026-11-01"), 1),
			STORE_OK);
	CU_ASSERT_EQUAL(report_profile(st, &cat, "ada", NULL, REPORT_TEXT, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
				      "Started: 2026-11-01; 2 overdue on 2026-11-10:\n"
				      "  ! 1. Join the organization (due 2026-11-01, 9 days "
				      "late)\n"
				      "  ! 2. Read the charter (due 2026-11-08, 2 days late)\n\n"
				      "Prerequisites: 0 of 1 done"));
	free(out);
	CU_ASSERT_EQUAL(report_profile(st, &cat, "ada", NULL, REPORT_MARKDOWN, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
				      "**Started:** 2026-11-01; 2 overdue on 2026-11-10:\n\n"
				      "- item 1: Join the organization (due 2026-11-01, 9 days "
				      "late)\n"));
	free(out);
	CU_ASSERT_EQUAL(report_profile(st, &cat, "ada", NULL, REPORT_JSON, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"appointment\": {\n"
					   "        \"overdue\": [\n"
					   "          {\n"
					   "            \"days_late\": 9,\n"
					   "            \"due\": \"2026-11-01\",\n"
					   "            \"id\": \"057e3b5f6b3d\",\n"
					   "            \"text\": \"Join the organization\"\n"
					   "          },\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "        \"started\": \"2026-11-01\",\n"
					   "        \"today\": \"2026-11-10\"\n"));
	free(out);
	{
		char *const who[] = {"ada"};
		struct report_issue_opts io = {.sig = "SIG Node"};
		CU_ASSERT_EQUAL(report_issue(st, &cat, who, 1, NULL, &io, &out, &detail),
				REPORT_OK);
		CU_ASSERT_PTR_NOT_NULL(
		    strstr(out, "#### ada: Due Lead\n\n"
				"**Started:** 2026-11-01; 2 overdue on 2026-11-10:\n\n"
				"- item 1: Join the organization (due 2026-11-01, 9 days late)\n"));
		if (out == NULL || strstr(out, "**Started:**") == NULL)
			fprintf(stderr, "\n%s\n%s\n", out ? out : "(null)", detail ? detail : "");
		free(out);
	}
	report_set_clock(NULL);
	catalog_done(&cat);
	store_close(st);
	free(path);
}

/* ---- the screens ---- */

static struct catalog vcat;
static struct app vapp;
static struct frame vfr;
static struct store *vst;

/* The due-lead test role on the home screen at rows x cols, started on
 * 2026-11-01, item 3 done; today 2026-11-10.  (The frame holds UTF-8 in
 * ASCII mode too: tui.c maps it, theme_ascii.) */
static void
vstart(int rows, int cols, bool ascii, bool started)
{
	char *err = NULL;

	catalog_init(&vcat);
	CU_ASSERT_EQUAL(
	    catalog_add_dir(&vcat, TEST_SRCDIR "/tests/data/due", ORIGIN_DIR, false, &err), 0);
	free(err);
	CU_ASSERT_EQUAL(store_open_memory(&vst, &err), STORE_OK);
	if (started)
		CU_ASSERT_EQUAL(store_appointment_set(vst, "ada", "due-lead", day("2026-11-01"), 1),
				STORE_OK);
	CU_ASSERT_EQUAL(
	    store_item_set_done(vst, "ada", "due-lead", "591273452626", "", true, 1794300000),
	    STORE_OK);
	app_init(&vapp, &vcat, rows, cols);
	vapp.store = vst;
	vapp.profile = "ada";
	vapp.clock = clock_nov10;
	vapp.ascii = ascii;
	app_push(&vapp, view_home_new(&vapp));
	frame_init(&vfr, rows, cols);
	role_load(vcat.v[0]);
	app_draw(&vapp, &vfr);
}

static void
vstop(void)
{
	app_done(&vapp);
	frame_done(&vfr);
	store_close(vst);
	catalog_done(&vcat);
}

static char *
vrow(int r)
{
	static char *last;

	free(last);
	app_draw(&vapp, &vfr);
	last = frame_row(&vfr, r);
	return last;
}

/* The first row holding needle, or -1. */
static int
vfind(const char *needle)
{
	app_draw(&vapp, &vfr);
	for (int r = 0; r < vfr.rows; r++) {
		char *t = frame_row(&vfr, r);
		bool found = strstr(t, needle) != NULL;
		free(t);
		if (found)
			return r;
	}
	return -1;
}

static void
test_screen_home(void)
{
	vstart(24, 80, false, true);
	UNIT_ASSERT_STR(
	    "    ! 2 overdue \xc2\xb7 next 2027-02-01, in 83 days: Run a planning meeting",
	    vrow(3));
	vstop();
	vstart(16, 50, true, true);
	UNIT_ASSERT_STR("    ! 2 overdue \xc2\xb7 next 2027-02-01, in 83 days: R\xe2\x80\xa6",
			vrow(3));
	vstop();
	/* not started: the summary, as before */
	vstart(24, 80, false, false);
	UNIT_ASSERT_STR("    A test role whose checklist carries due marks.", vrow(3));
	vstop();
}

static void
test_screen_checklist(void)
{
	const int sizes[][2] = {{24, 80}, {16, 50}, {50, 200}};
	int r;

	for (size_t k = 0; k < 3; k++) {
		vstart(sizes[k][0], sizes[k][1], false, true);
		app_key(&vapp, K_ENTER);
		app_key(&vapp, 'c');
		UNIT_ASSERT_STR(" 1 of 6 done \xc2\xb7 started 2026-11-01 \xc2\xb7 2 overdue",
				vrow(1));
		r = vfind("Read the charter");
		CU_ASSERT_TRUE_FATAL(r > 0);
		UNIT_ASSERT_STR("       ! due 2026-11-08, 2 days late", vrow(r + 1));
		/* the alert style on the late item's date, not on the next one's */
		CU_ASSERT_TRUE(frame_cell(&vfr, r + 1, 8)->style & STY_ALERT);
		r = vfind("Join the organization");
		UNIT_ASSERT_STR(
		    sizes[k][1] == 50
			? "       ! due 2026-11-01, 9 days late \xc2\xb7 prerequis\xe2\x80\xa6"
			: "       ! due 2026-11-01, 9 days late \xc2\xb7 prerequisite",
		    vrow(r + 1));
		vstop();
	}
	/* the later ones: not in the alert style; a done item: its done date */
	vstart(50, 200, true, true);
	app_key(&vapp, K_ENTER);
	app_key(&vapp, 'c');
	r = vfind("Run a planning meeting");
	UNIT_ASSERT_STR("       due 2027-02-01, in 83 days", vrow(r + 1));
	CU_ASSERT_FALSE(frame_cell(&vfr, r + 1, 8)->style & STY_ALERT);
	r = vfind("Take the course");
	UNIT_ASSERT_STR("       done 2026-11-10", vrow(r + 1));
	UNIT_ASSERT_STR(" 1 of 6 done \xc2\xb7 started 2026-11-01 \xc2\xb7 2 overdue", vrow(1));
	r = vfind("Say hello");
	UNIT_ASSERT_STR("", vrow(r + 1));

	/* s: a prompt with the date; a non-date is refused, a date sets it, empty clears */
	app_key(&vapp, 's');
	for (int i = 0; i < 10; i++)
		app_key(&vapp, K_BACKSPACE);
	for (const char *p = "2026-02-30"; *p; p++)
		app_key(&vapp, *p);
	app_key(&vapp, K_ENTER);
	CU_ASSERT_TRUE(vfind("Not a calendar date: 2026-02-30") >= 0);
	UNIT_ASSERT_STR(" 1 of 6 done \xc2\xb7 started 2026-11-01 \xc2\xb7 2 overdue", vrow(1));
	app_key(&vapp, 's');
	for (int i = 0; i < 10; i++)
		app_key(&vapp, K_BACKSPACE);
	for (const char *p = "2026-11-09"; *p; p++)
		app_key(&vapp, *p);
	app_key(&vapp, K_ENTER);
	UNIT_ASSERT_STR(" 1 of 6 done \xc2\xb7 started 2026-11-09 \xc2\xb7 1 overdue", vrow(1));
	app_key(&vapp, 's');
	for (int i = 0; i < 10; i++)
		app_key(&vapp, K_BACKSPACE);
	app_key(&vapp, K_ENTER);
	UNIT_ASSERT_STR(" 1 of 6 done", vrow(1));
	CU_ASSERT_TRUE(vfind("Start date cleared") >= 0);
	vstop();
}

/* The review screen: per candidate, the start date and what is overdue,
 * in the alert style; wrapped at 50 columns, whole at 200. */
static void
test_screen_review(void)
{
	int r;

	vstart(24, 80, false, true);
	app_push(&vapp, view_review_new(&vapp));
	r = vfind("started:");
	CU_ASSERT_TRUE_FATAL(r > 0);
	UNIT_ASSERT_STR(
	    "    started:   2026-11-01 \xc2\xb7 2 overdue: Join the organization (9 days late);",
	    vrow(r));
	UNIT_ASSERT_STR("               Read the charter (2 days late)", vrow(r + 1));
	CU_ASSERT_TRUE(frame_cell(&vfr, r, 16)->style & STY_ALERT);
	vstop();
	vstart(50, 200, false, true);
	app_push(&vapp, view_review_new(&vapp));
	r = vfind("started:");
	UNIT_ASSERT_STR(
	    "    started:   2026-11-01 \xc2\xb7 2 overdue: Join the organization (9 days late); "
	    "Read the charter (2 days late)",
	    vrow(r));
	vstop();
	/* not started: no line */
	vstart(24, 80, false, false);
	app_push(&vapp, view_review_new(&vapp));
	CU_ASSERT_EQUAL(vfind("started:"), -1);
	vstop();
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
	    !CU_add_test(s, "schema step 4 on a version 3 database", test_migrate_v3) ||
	    !CU_add_test(s, "the iCalendar file, parsed back by libical", test_calendar) ||
	    !CU_add_test(s, "reports: the appointment and what is overdue", test_reports) ||
	    !CU_add_test(s, "home: overdue and next, per role", test_screen_home) ||
	    !CU_add_test(s, "checklist screen: due dates, alert style, the s key",
			 test_screen_checklist) ||
	    !CU_add_test(s, "review screen: start date and overdue items", test_screen_review))
		return CU_get_error();
	return 0;
}
