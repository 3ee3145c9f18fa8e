/*
 * test_change.c - the changes that wait for the database (change.h,
 * app_change): kept in order while another program holds the write lock,
 * tried again until they land, never lost without saying so (issue 14).
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "change.h"
#include "checklist.h"
#include "fixture.h"
#include "unit.h"
#include "xalloc.h"

/* ---- the queue alone, with a database of its own ---- */

static struct {
	bool locked;	  /* every change is STORE_ERR_BUSY */
	int refuse_value; /* a change of this value is refused (not 0) */
	char log[16][64]; /* what was made, in order */
	size_t nlog, tries;
} fake;

static enum store_status
fake_apply(struct store *st, const struct change *c, int64_t *id)
{
	(void)st;
	fake.tries++;
	if (id != NULL)
		*id = 0;
	if (fake.locked)
		return STORE_ERR_BUSY;
	if (fake.refuse_value != 0 && c->value == fake.refuse_value)
		return STORE_ERR_READONLY;
	if (fake.nlog < 16)
		snprintf(fake.log[fake.nlog++], sizeof fake.log[0], "%s %s %d", c->profile,
			 c->text ? c->text : "-", c->value);
	return STORE_OK;
}

static void
test_queue_order(void)
{
	struct change_queue q;
	/* snapshots: each waits on its own (none replaces another) */
	struct change c = {.kind = CHANGE_SNAPSHOT, .profile = "alice", .at = 10};
	char text[16];
	size_t landed, refused;
	enum store_status why;

	memset(&fake, 0, sizeof fake);
	change_queue_init(&q, fake_apply);
	/* free: made at once, nothing kept */
	c.value = 1;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_OK);
	CU_ASSERT_EQUAL(change_waiting(&q), 0);
	/* locked: kept, in order, their strings copied */
	fake.locked = true;
	strcpy(text, "first");
	c.text = text;
	c.value = 2;
	c.at = 20;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	strcpy(text, "second");
	c.value = 3;
	c.at = 30;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	strcpy(text, "changed");
	CU_ASSERT_EQUAL(change_waiting(&q), 2);
	CU_ASSERT_EQUAL(q.since, 20);
	/* still locked: a retry tries the oldest only and keeps both */
	fake.tries = 0;
	CU_ASSERT_EQUAL(change_retry(&q, NULL, &landed, &refused, &why), 2);
	CU_ASSERT_EQUAL(fake.tries, 1);
	CU_ASSERT_EQUAL(landed, 0);
	/* the lock goes: a new change lands after those kept, never before */
	fake.locked = false;
	c.text = "third";
	c.value = 4;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_OK);
	CU_ASSERT_EQUAL(change_waiting(&q), 0);
	CU_ASSERT_EQUAL_FATAL(fake.nlog, 4);
	UNIT_ASSERT_STR("alice - 1", fake.log[0]);
	UNIT_ASSERT_STR("alice first 2", fake.log[1]);
	UNIT_ASSERT_STR("alice second 3", fake.log[2]);
	UNIT_ASSERT_STR("alice third 4", fake.log[3]);
	change_queue_done(&q);
}

static void
test_queue_refused(void)
{
	struct change_queue q;
	struct change c = {.kind = CHANGE_SNAPSHOT, .profile = "bob", .at = 5};
	size_t landed, refused;
	enum store_status why;

	memset(&fake, 0, sizeof fake);
	change_queue_init(&q, fake_apply);
	fake.locked = true;
	for (int v = 1; v <= 3; v++) {
		c.value = v;
		c.at = 5 + v;
		CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	}
	CU_ASSERT_EQUAL(q.since, 6);
	/* the oldest lands, the next is refused (dropped, said), the last lands */
	fake.locked = false;
	fake.refuse_value = 2;
	CU_ASSERT_EQUAL(change_retry(&q, NULL, &landed, &refused, &why), 0);
	CU_ASSERT_EQUAL(landed, 2);
	CU_ASSERT_EQUAL(refused, 1);
	CU_ASSERT_EQUAL(why, STORE_ERR_READONLY);
	CU_ASSERT_EQUAL(fake.nlog, 2);
	/* refused at once: not kept */
	c.value = 2;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_READONLY);
	CU_ASSERT_EQUAL(change_waiting(&q), 0);
	/* dropped unsaved at the end: no leak (the sanitizer build checks) */
	fake.locked = true;
	c.text = "kept";
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	change_queue_done(&q);
	CU_ASSERT_EQUAL(change_waiting(&q), 0);
}

/* ---- the app with a real lock held by another connection ---- */

static int64_t
clock_t0(void)
{
	return T0;
}

static size_t
done_items(struct store *st)
{
	struct store_item *items = NULL;
	size_t n = 0, done = 0;

	OK(store_items_get(st, "alice", DEMO, &items, &n));
	for (size_t i = 0; i < n; i++)
		done += items[i].done;
	store_items_free(items, n);
	return done;
}

/* Ticks the demo role's i-th item through the app. */
static enum store_status
tick(struct app *a, struct role *demo, size_t i)
{
	return app_change(a,
			  &(struct change){.kind = CHANGE_DONE,
					   .profile = "alice",
					   .role = demo,
					   .item = &demo->items[i],
					   .done = true,
					   .at = T0},
			  NULL);
}

/* An app on a database of its own (name: the fixture's folder), alice's,
 * at the fixed clock, with a frame of 24x80; *path gets the file. */
static struct store *
open_app(struct app *a, struct frame *f, const char *name, char **path)
{
	char *dir = fixture_dir(name);
	struct store *st = NULL;

	*path = xasprintf("%s/t.db", dir);
	free(dir);
	CU_ASSERT_EQUAL_FATAL(store_open(*path, 0, 0, &st, NULL), STORE_OK);
	app_init(a, &fixture_cat, 24, 80);
	a->store = st;
	a->profile = "alice";
	a->clock = clock_t0;
	frame_init(f, 24, 80);
	return st;
}

static void
close_app(struct app *a, struct frame *f, sqlite3 *other, char *path)
{
	struct store *st = a->store;

	frame_done(f);
	app_done(a);
	sqlite3_close(other);
	store_close(st);
	free(path);
}

/* The other program takes the write lock (sqlite3 in a transaction). */
static void
hold_lock(sqlite3 *other)
{
	CU_ASSERT_EQUAL(sqlite3_exec(other,
				     "BEGIN IMMEDIATE; UPDATE profiles SET created_at = created_at",
				     NULL, NULL, NULL),
			SQLITE_OK);
}

/* sqlite3 or another rolebook holds the write lock: a change returns at
 * once and waits, the footer says so, it lands when the lock goes; Q
 * while one waits gives it a few tries, then quits saying what was not
 * saved. */
static void
test_app_locked(void)
{
	char *path = NULL, *msg, *dump;
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct store *st = NULL;
	sqlite3 *other = NULL;
	struct app a;
	struct frame f;
	int tries;

	CU_ASSERT_FATAL(demo != NULL && role_load(demo) == 0 && demo->nitems >= 3);
	st = open_app(&a, &f, "change-locked", &path);
	app_push(&a, view_checklist_new(&a, demo));
	CU_ASSERT_EQUAL(tick(&a, demo, 0), STORE_OK);
	CU_ASSERT_EQUAL(done_items(st), 1);

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &other), SQLITE_OK);
	hold_lock(other);
	CU_ASSERT_EQUAL(tick(&a, demo, 1), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	CU_ASSERT_FALSE(app_retry(&a) && change_waiting(&a.changes) == 0);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	/* every screen's footer says it waits, and who has the database */
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(
	    dump, "Waiting for the database (another program has it): 1 change unsaved, 0 s"));
	free(dump);
	/* the lock goes: the change lands on the next try */
	CU_ASSERT_EQUAL(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	CU_ASSERT_TRUE(app_retry(&a));
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 0);
	CU_ASSERT_EQUAL(done_items(st), 2);
	CU_ASSERT_PTR_NULL(app_unsaved(&a));

	/* quitting while a change waits: more tries, then the quit */
	hold_lock(other);
	CU_ASSERT_EQUAL(tick(&a, demo, 2), STORE_ERR_BUSY);
	app_key(&a, 'Q');
	CU_ASSERT_FALSE(a.quit);
	CU_ASSERT_TRUE(a.quitting);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(dump, "Saving before quitting (another program has the database)"));
	free(dump);
	for (tries = 0; tries < 100 && !a.quit; tries++)
		app_retry(&a);
	CU_ASSERT_EQUAL(tries, APP_QUIT_TRIES);
	msg = app_unsaved(&a);
	CU_ASSERT_PTR_NOT_NULL(msg);
	if (msg != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, "Not saved: 1 change (tick '"));
	free(msg);
	CU_ASSERT_EQUAL(done_items(st), 2);

	/* Q again quits at once; the lock going during the tries saves it */
	a.quit = a.quitting = false;
	app_key(&a, 'Q');
	CU_ASSERT_FALSE(a.quit);
	app_key(&a, 'Q');
	CU_ASSERT_TRUE(a.quit);
	a.quit = a.quitting = false;
	app_key(&a, 'Q');
	CU_ASSERT_EQUAL(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	app_retry(&a);
	CU_ASSERT_TRUE(a.quit);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 0);
	CU_ASSERT_EQUAL(done_items(st), 3);

	close_app(&a, &f, other, path);
}

/* One count (issue 14 review, 2): items 1, 2, 3 ticked and 2 unticked
 * while the lock is held wait as three changes (2's back to its stored
 * value, still waiting and counted); the reading position kept on
 * quitting is said apart, never counted as a fourth. */
static void
test_app_locked_count(void)
{
	char *path = NULL, *msg, *dump;
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct store *st = NULL;
	sqlite3 *other = NULL;
	struct app a;
	struct frame f;

	CU_ASSERT_FATAL(demo != NULL && role_load(demo) == 0 && demo->nitems >= 3);
	st = open_app(&a, &f, "change-count", &path);
	app_push(&a, view_checklist_new(&a, demo));
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &other), SQLITE_OK);
	hold_lock(other);
	for (size_t i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(tick(&a, demo, i), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(app_change(&a,
				   &(struct change){.kind = CHANGE_DONE,
						    .profile = "alice",
						    .role = demo,
						    .item = &demo->items[1],
						    .done = false,
						    .at = T0},
				   NULL),
			STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_edits(&a.changes, NULL), 3);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, ": 3 changes unsaved"));
	free(dump);
	/* leaving the document keeps its position: the count stays */
	CU_ASSERT_EQUAL(app_change(&a,
				   &(struct change){.kind = CHANGE_POSITION,
						    .profile = "alice",
						    .doc = demo->id,
						    .value = 7,
						    .at = T0},
				   NULL),
			STORE_ERR_BUSY);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, ": 3 changes unsaved"));
	free(dump);
	msg = app_unsaved(&a);
	CU_ASSERT_PTR_NOT_NULL(msg);
	if (msg != NULL) {
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, "Not saved: 3 changes (tick '"));
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, ") and the reading position: the database"));
	}
	free(msg);
	CU_ASSERT_EQUAL(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	app_retry(&a);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 0);
	CU_ASSERT_EQUAL(done_items(st), 2);
	close_app(&a, &f, other, path);
}

/* The queue keeps the latest value per record: Space twice on a waiting
 * tick leaves one change (the second value), not two ticks; a snapshot
 * waiting between two ratings keeps the first; the latest reading
 * position per document. */
static void
test_queue_coalesce(void)
{
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct change_queue q;
	struct change c = {.kind = CHANGE_DONE, .profile = "alice", .at = 10};
	const char *section = NULL;
	int line = 0;

	CU_ASSERT_FATAL(demo != NULL && role_load(demo) == 0 && demo->nitems >= 2 &&
			demo->nstmts >= 1);
	memset(&fake, 0, sizeof fake);
	fake.locked = true;
	change_queue_init(&q, fake_apply);
	c.role = demo;
	c.item = &demo->items[0];
	c.done = true;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.done = false;
	c.at = 11;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_waiting(&q), 1);
	CU_ASSERT_FALSE(q.v[0].c.done);
	CU_ASSERT_EQUAL(q.since, 10); /* waiting since the first */
	/* another item, and the item's note: records of their own */
	c.item = &demo->items[1];
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.kind = CHANGE_ITEM_NOTE;
	c.text = "first";
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.text = "second";
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_waiting(&q), 3);
	UNIT_ASSERT_STR("second", q.v[2].c.text);

	/* rating 3, snapshot, rating 4: the snapshot keeps the 3 */
	c = (struct change){.kind = CHANGE_RATING,
			    .profile = "alice",
			    .role = demo,
			    .stmt = &demo->stmts[0],
			    .rater = "",
			    .value = 3,
			    .at = 12};
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.value = 2;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_waiting(&q), 4);
	c.kind = CHANGE_SNAPSHOT;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY); /* never merged */
	c.kind = CHANGE_RATING;
	c.value = 4;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL_FATAL(change_waiting(&q), 7);
	CU_ASSERT_EQUAL(q.v[3].c.value, 2);
	CU_ASSERT_EQUAL(q.v[6].c.value, 4);

	/* reading positions: the latest per document */
	c = (struct change){.kind = CHANGE_POSITION,
			    .profile = "alice",
			    .doc = "demo",
			    .text = "2 Duties",
			    .value = 5,
			    .at = 13};
	CU_ASSERT_FALSE(change_pending_position(&q, "alice", "demo", &section, &line));
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.text = NULL;
	c.value = 9;
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	c.doc = "notes";
	CU_ASSERT_EQUAL(change_submit(&q, NULL, &c, NULL), STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(change_waiting(&q), 9);
	CU_ASSERT_TRUE(change_pending_position(&q, "alice", "demo", &section, &line));
	CU_ASSERT_PTR_NULL(section);
	CU_ASSERT_EQUAL(line, 9);
	CU_ASSERT_FALSE(change_pending_position(&q, "bob", "demo", &section, &line));
	change_queue_done(&q);
}

/* What a screen shows is the stored value with the waiting changes over
 * it, marked unsaved: a tick waiting shows ticked (and counts), Space on
 * it again unticks it on screen and in the queue (one change, no second
 * tick), a rating waiting shows its value; all once the lock goes. */
static void
test_app_overlay(void)
{
	char *path = NULL, *dump;
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct store *st = NULL;
	struct store_rating *rt = NULL;
	struct checklist cl;
	sqlite3 *other = NULL;
	struct app a;
	struct frame f;
	size_t nrt = 0, done = 0, total = 0;

	CU_ASSERT_FATAL(demo != NULL && role_load(demo) == 0 && demo->nitems >= 2 &&
			demo->nstmts >= 1);
	st = open_app(&a, &f, "change-overlay", &path);
	app_push(&a, view_checklist_new(&a, demo));
	app_draw(&a, &f);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &other), SQLITE_OK);
	hold_lock(other);

	/* Space on the first item: it waits, shown ticked and unsaved */
	app_key(&a, ' ');
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, " 1*\xe2\x98\x91 ")); /* " 1*☑" */
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, "unsaved"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, "1 of "));
	free(dump);
	CU_ASSERT_EQUAL(app_checklist_load(&a, &cl, "alice", demo, CHECKLIST_ONBOARDING), STORE_OK);
	CU_ASSERT_TRUE(cl.v[0].done && cl.v[0].rec != NULL && cl.v[0].rec->pending);
	CU_ASSERT_EQUAL(cl.done, 1);
	checklist_done(&cl);
	CU_ASSERT_TRUE(app_progress(&a, demo, &done, &total));
	CU_ASSERT_EQUAL(done, 1);
	CU_ASSERT_EQUAL(done_items(st), 0);

	/* Space again: unticked on screen, one change waiting (the untick) */
	app_key(&a, ' ');
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	CU_ASSERT_FALSE(a.changes.v[0].c.done);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, " 1*\xe2\x98\x90 ")); /* " 1*☐" */
	CU_ASSERT_PTR_NOT_NULL(strstr(dump, "0 of "));
	free(dump);

	/* a rating waiting: read back with its value, marked */
	CU_ASSERT_EQUAL(app_change(&a,
				   &(struct change){.kind = CHANGE_RATING,
						    .profile = "alice",
						    .role = demo,
						    .stmt = &demo->stmts[0],
						    .rater = "",
						    .value = 4,
						    .at = T0},
				   NULL),
			STORE_ERR_BUSY);
	CU_ASSERT_EQUAL(app_ratings_get(&a, "alice", demo->id, "", &rt, &nrt), STORE_OK);
	CU_ASSERT_EQUAL_FATAL(nrt, 1);
	CU_ASSERT_EQUAL(rt[0].value, 4);
	CU_ASSERT_TRUE(rt[0].pending);
	store_ratings_free(rt, nrt);

	/* a start date waiting: the one the screens plan with, said unsaved */
	{
		int32_t day = -1;
		enum store_origin origin;
		bool pending = false;
		CU_ASSERT_EQUAL(app_change(&a,
					   &(struct change){.kind = CHANGE_START,
							    .profile = "alice",
							    .role = demo,
							    .day = 20000,
							    .at = T0},
					   NULL),
				STORE_ERR_BUSY);
		CU_ASSERT_EQUAL(
		    app_appointment_find(&a, "alice", demo->id, &day, &origin, &pending), STORE_OK);
		CU_ASSERT_EQUAL(day, 20000);
		CU_ASSERT_TRUE(pending);
		app_draw(&a, &f);
		dump = frame_dump(&f);
		CU_ASSERT_PTR_NOT_NULL(strstr(dump, " (unsaved)"));
		free(dump);
	}

	/* the lock goes: what was shown is what is stored, no mark */
	CU_ASSERT_EQUAL(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	app_retry(&a);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 0);
	CU_ASSERT_EQUAL(done_items(st), 0);
	app_draw(&a, &f);
	dump = frame_dump(&f);
	CU_ASSERT_PTR_NULL(strstr(dump, "unsaved"));
	CU_ASSERT_PTR_NULL(strstr(dump, " 1*"));
	free(dump);
	CU_ASSERT_EQUAL(app_ratings_get(&a, "alice", demo->id, "", &rt, &nrt), STORE_OK);
	CU_ASSERT_EQUAL_FATAL(nrt, 1);
	CU_ASSERT_EQUAL(rt[0].value, 4);
	CU_ASSERT_FALSE(rt[0].pending);
	store_ratings_free(rt, nrt);

	close_app(&a, &f, other, path);
}

/* A reading position saved while another program holds the database
 * waits with the changes (the latest per document), is read back from
 * there, and is said on quitting when it could not be saved. */
static void
test_app_position(void)
{
	char *path = NULL, *msg;
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	struct store *st = NULL;
	sqlite3 *other = NULL;
	char *section = NULL;
	int line = -1;
	struct app a;
	struct frame f;

	CU_ASSERT_FATAL(demo != NULL && role_load(demo) == 0);
	st = open_app(&a, &f, "change-position", &path);
	app_push(&a, view_reader_new(&a, demo));
	app_draw(&a, &f);
	app_key(&a, 'j');
	app_key(&a, 'j');
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &other), SQLITE_OK);
	hold_lock(other);
	app_pop(&a); /* closing the reader saves its position: it waits */
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	msg = app_unsaved(&a);
	CU_ASSERT_PTR_NOT_NULL(msg);
	if (msg != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, "the reading position in " DEMO));
	free(msg);
	/* opened again meanwhile (it starts from the waiting position),
	 * closed again on quitting: the latest one still waits */
	app_push(&a, view_reader_new(&a, demo));
	app_draw(&a, &f);
	app_finish(&a); /* quitting: closed, still locked out, said */
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 1);
	CU_ASSERT_EQUAL(store_position_get(st, "alice", DEMO, &section, &line), STORE_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	app_retry(&a);
	CU_ASSERT_EQUAL(change_waiting(&a.changes), 0);
	CU_ASSERT_EQUAL(store_position_get(st, "alice", DEMO, &section, &line), STORE_OK);
	CU_ASSERT_EQUAL(line, 2);
	free(section);
	close_app(&a, &f, other, path);
}

int
test_change_register(void)
{
	CU_pSuite s = CU_add_suite("change", fixture_suite_init, fixture_suite_clean);

	if (s == NULL ||
	    CU_add_test(s, "queue: in order, kept while locked, copied", test_queue_order) ==
		NULL ||
	    CU_add_test(s, "queue: a change refused is dropped and counted", test_queue_refused) ==
		NULL ||
	    CU_add_test(s, "app: a locked database never freezes nor loses a change",
			test_app_locked) == NULL ||
	    CU_add_test(s, "app: one count of the changes waiting, the position apart",
			test_app_locked_count) == NULL ||
	    CU_add_test(s, "queue: the latest value per record, not across a snapshot",
			test_queue_coalesce) == NULL ||
	    CU_add_test(s, "app: screens show the waiting changes, marked unsaved",
			test_app_overlay) == NULL ||
	    CU_add_test(s, "app: a reading position waits too, and is said when lost",
			test_app_position) == NULL)
		return CU_get_error();
	return 0;
}
