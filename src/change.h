/*
 * change.h - the changes the screens make to the store, as values: made at
 * once when the database is free, else kept, in order, and tried again
 * until they land.  Another program holding the write lock (sqlite3, a
 * second rolebook importing) must neither freeze the screen nor lose a
 * change (issue 14).
 *
 * A screen describes its change and hands it to app_change(); the queue
 * knows nothing of the terminal: the app retries it in idle time
 * (app_retry) and its footer says that changes wait.  A change is a value
 * (done = true), never a toggle, so a change tried twice does what it does
 * once.  A change waits only for a lock: refused for any other reason
 * (read-only, disk full) it is dropped and the refusal is said.
 */
#ifndef ROLEBOOK_CHANGE_H
#define ROLEBOOK_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "store.h"

enum change_kind {
	CHANGE_DONE,	    /* item ticked (done) or not */
	CHANGE_ITEM_NOTE,   /* item's note: text (NULL or "" removes it) */
	CHANGE_START,	    /* the role's start date: day (< 0 clears it) */
	CHANGE_RATING,	    /* stmt's rating by rater: value (0 clears it) */
	CHANGE_RATING_NOTE, /* stmt's note by rater: text */
	CHANGE_SNAPSHOT,    /* a snapshot of rater's ratings */
	CHANGE_POSITION,    /* the reading position in doc: text (section), value (line) */
};

struct change {
	enum change_kind kind;
	const char *profile;
	/* borrowed from the catalogue, which outlives the app and its queue */
	const struct role *role;
	const struct check_item *item; /* CHANGE_DONE, CHANGE_ITEM_NOTE */
	const struct statement *stmt;  /* CHANGE_RATING, CHANGE_RATING_NOTE */
	const char *rater;	       /* ratings, snapshots: "" the profile's own */
	const char *text;	       /* notes; a position's section (NULL: none) */
	const char *doc;	       /* CHANGE_POSITION: the role or file id */
	bool done;
	int value;
	int32_t day;
	int64_t at; /* when it was made: the time it is stored with */
};

/* Makes c in st now; *id (may be NULL) gets a snapshot's id (0: none was
 * needed), else 0.  STORE_ERR_BUSY: another program holds the database. */
enum store_status change_apply(struct store *st, const struct change *c, int64_t *id);

/* What c is, in words, for a message: "tick 'Read the charter'" (new). */
char *change_describe(const struct change *c);

/* How a queue makes a change: change_apply, or a test's own. */
typedef enum store_status (*change_fn)(struct store *st, const struct change *c, int64_t *id);

/* A change kept: c's strings point into own. */
struct change_kept {
	struct change c;
	char *own[4];
};

struct change_queue {
	struct change_kept *v;
	size_t n, cap;
	int64_t since;	     /* when the oldest change waiting was made */
	uint64_t generation; /* changes whenever what waits does */
	change_fn apply;
};

/* An empty queue that makes changes with apply (NULL: change_apply). */
void change_queue_init(struct change_queue *q, change_fn apply);
/* Drops every change waiting (not saved). */
void change_queue_done(struct change_queue *q);

/*
 * Makes c, after the changes already waiting (tried first, in order):
 * STORE_OK when it landed (*id as change_apply says); STORE_ERR_BUSY when
 * the database is locked, and c, copied, waits in q; any other status
 * when it was refused (not kept).  c's strings are copied.
 *
 * The queue keeps the latest value per record: a change of a record that
 * already waits (the same item's tick or note, statement's rating or
 * note by the same rater, role's start date, document's position)
 * replaces it, so ticking twice leaves one change waiting, the second
 * value (the original: the stored value may have changed meanwhile, the
 * queue writes what the screen last showed).  Not across a snapshot
 * waiting after it, which must keep what it saw: then c waits after it.
 */
enum store_status change_submit(struct change_queue *q, struct store *st, const struct change *c,
				int64_t *id);

/*
 * Tries the changes waiting, oldest first, up to the first one still
 * locked out.  *landed counts those made; one refused for another reason
 * is dropped, counted in *refused, and *why is the first such status
 * (STORE_OK when none).  Returns how many still wait.
 */
size_t change_retry(struct change_queue *q, struct store *st, size_t *landed, size_t *refused,
		    enum store_status *why);

/* How many changes wait. */
size_t change_waiting(const struct change_queue *q);
/* How many of them a person made: every one but a reading position (kept
 * on leaving a document, on quitting too), the one count every message
 * gives (issue 14 review); *first (may be NULL) the oldest of them, or
 * NULL.  A change that sets a value back to the one stored still counts,
 * and is marked unsaved: it waits, because the other program may change
 * the stored row before it lands, and the screen's value is what lands. */
size_t change_edits(const struct change_queue *q, const struct change **first);

/*
 * One truth for the screens: what they show is the stored value with the
 * changes still waiting laid over it, each marked pending (unsaved).
 *
 * change_overlay_items: profile's item records (store_items_get of every
 * role) with the waiting ticks and notes of profile applied: a record
 * changed or added (its role the change's, updated_at the change's time,
 * so checklist.c's "latest record wins" picks it), pending set.
 * change_overlay_ratings: the same for ratings of (profile, role) by
 * rater (NULL: every rater), as store_ratings_get returns them.
 * Both may grow the array (*v, *n); free as the store's.
 */
void change_overlay_items(const struct change_queue *q, const char *profile, struct store_item **v,
			  size_t *n);
void change_overlay_ratings(const struct change_queue *q, const char *profile, const char *role,
			    const char *rater, struct store_rating **v, size_t *n);

/* The start date waiting for role (profile's): true with *day set (< 0:
 * it clears the date) when one waits. */
bool change_pending_start(const struct change_queue *q, const char *profile, const char *role,
			  int32_t *day);
/* The reading position waiting for doc: true with *section (borrowed,
 * may be NULL) and *line set when one waits. */
bool change_pending_position(const struct change_queue *q, const char *profile, const char *doc,
			     const char **section, int *line);

#endif
