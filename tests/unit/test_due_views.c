/*
 * test_due_views.c - what is due, as people see it: the iCalendar file
 * parsed back with libical, the reports, and the home, checklist and
 * review screens on a fixed clock (tests/data/due, a role with due marks).
 */
#include "config.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agenda.h"
#include "app.h"
#include "calendar.h"
#include "content.h"
#include "dates.h"
#include "fixture.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "report.h"
#include "store.h"
#include "unit.h"
#include "view.h"
#include "xalloc.h"

/* The calendar file, read back by libical's own parser. */
static void
test_calendar(void)
{
	char *path = fixture_db_path("dueview-cal"), *ics1, *ics2, *err = NULL;
	struct store *st = fixture_open(path);
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
	CU_ASSERT_EQUAL(
	    store_appointment_set(st, "Ada", "due-lead", fixture_day("2026-11-01"), 100), STORE_OK);
	CU_ASSERT_EQUAL(
	    store_item_set_done(st, "Ada", "due-lead", "057e3b5f6b3d", "", true, 1790000000),
	    STORE_OK);
	CU_ASSERT_EQUAL(agenda_load(&a, st, &cat, "Ada", fixture_day("2026-11-10"), true),
			STORE_OK);
	CU_ASSERT_EQUAL(a.n, 6); /* and "Say hello", undated: last, not in the file */
	CU_ASSERT_EQUAL(a.undated, 1);
	CU_ASSERT_EQUAL(a.v[5].due, -1);
	CU_ASSERT_EQUAL(a.late, 1); /* item 2; item 1 is done */
	ics1 = calendar_build(&a, "Ada", 1790000000, &err);
	ics2 = calendar_build(&a, "Ada", 1790999999, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ics1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ics2);

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

/* A start date recorded before the 366-day rule (9999-12-31): the file
 * never holds an invalid DUE; the task keeps its date in the description. */
static void
test_calendar_far(void)
{
	char *path = fixture_db_path("dueview-far"), *ics, *err = NULL;
	struct store *st = fixture_open(path);
	struct catalog cat;
	struct agenda a;
	icalcomponent *cal, *c;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	catalog_init(&cat);
	CU_ASSERT_EQUAL(
	    catalog_add_dir(&cat, TEST_SRCDIR "/tests/data/due", ORIGIN_DIR, false, &err), 0);
	free(err);
	CU_ASSERT_EQUAL(
	    store_appointment_set(st, "Ada", "due-lead", fixture_day("9999-12-31"), 100), STORE_OK);
	CU_ASSERT_EQUAL(agenda_load(&a, st, &cat, "Ada", fixture_day("2026-11-10"), true),
			STORE_OK);
	ics = calendar_build(&a, "Ada", 1790000000, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ics);
	CU_ASSERT_PTR_NULL(strstr(ics, "DUE:0000"));
	CU_ASSERT_PTR_NULL(strstr(ics, "DUE;VALUE=DATE:0000"));
	cal = icalparser_parse_string(ics);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
	CU_ASSERT_EQUAL(icalcomponent_count_errors(cal), 0);
	for (c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c != NULL;
	     c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT), n++) {
		icalproperty *p = icalcomponent_get_first_property(c, ICAL_DUE_PROPERTY);
		if (p != NULL) {
			struct icaltimetype due = icalproperty_get_due(p);
			CU_ASSERT_TRUE(due.year >= 1970 && due.year <= 9999 && due.month >= 1);
		}
	}
	CU_ASSERT_EQUAL(n, 5);
	icalcomponent_free(cal);
	free(ics);
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
	char *path = fixture_db_path("dueview-report"), *out = NULL, *detail = NULL, *err = NULL;
	struct store *st = fixture_open(path);
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

	CU_ASSERT_EQUAL(store_appointment_set(st, "ada", "due-lead", fixture_day("2026-11-01"), 1),
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
					   "        \"today\": \"2026-11-10\",\n"
					   "        \"unverified\": false\n"));
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
		CU_ASSERT_EQUAL(
		    store_appointment_set(vst, "ada", "due-lead", fixture_day("2026-11-01"), 1),
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
	/* more than 366 days ahead: due.c's rule refuses it here too */
	app_key(&vapp, 's');
	for (int i = 0; i < 10; i++)
		app_key(&vapp, K_BACKSPACE);
	for (const char *p = "9999-12-31"; *p; p++)
		app_key(&vapp, *p);
	app_key(&vapp, K_ENTER);
	CU_ASSERT_TRUE(vfind("Start date 9999-12-31 refused: it is more than 366 days after "
			     "today; nothing changed") >= 0);
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
	/* one entry per candidate: the count and the oldest overdue item */
	UNIT_ASSERT_STR("    started:   2026-11-01 \xc2\xb7 2 overdue,", vrow(r));
	UNIT_ASSERT_STR("               the oldest: Join the organization (9 days late)",
			vrow(r + 1));
	CU_ASSERT_TRUE(frame_cell(&vfr, r, 16)->style & STY_ALERT);
	vstop();
	vstart(50, 200, false, true);
	app_push(&vapp, view_review_new(&vapp));
	r = vfind("started:");
	UNIT_ASSERT_STR(
	    "    started:   2026-11-01 \xc2\xb7 2 overdue, the oldest: Join the organization "
	    "(9 days late)",
	    vrow(r));
	vstop();
	/* not started: no line */
	vstart(24, 80, false, false);
	app_push(&vapp, view_review_new(&vapp));
	CU_ASSERT_EQUAL(vfind("started:"), -1);
	vstop();
}

int
test_due_views_register(void)
{
	CU_pSuite s = CU_add_suite("due_views", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "the iCalendar file, parsed back by libical", test_calendar) ||
	    !CU_add_test(s, "the iCalendar file: a far start date, no invalid DUE",
			 test_calendar_far) ||
	    !CU_add_test(s, "reports: the appointment and what is overdue", test_reports) ||
	    !CU_add_test(s, "home: overdue and next, per role", test_screen_home) ||
	    !CU_add_test(s, "checklist screen: due dates, alert style, the s key",
			 test_screen_checklist) ||
	    !CU_add_test(s, "review screen: start date and overdue items", test_screen_review))
		return CU_get_error();
	return 0;
}
