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
};

struct change {
	enum change_kind kind;
	const char *profile;
	/* borrowed from the catalogue, which outlives the app and its queue */
	const struct role *role;
	const struct check_item *item; /* CHANGE_DONE, CHANGE_ITEM_NOTE */
	const struct statement *stmt;  /* CHANGE_RATING, CHANGE_RATING_NOTE */
	const char *rater;	       /* ratings, snapshots: "" the profile's own */
	const char *text;	       /* notes */
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
	char *own[3];
};

struct change_queue {
	struct change_kept *v;
	size_t n, cap;
	int64_t since; /* when the oldest change waiting was made */
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

#endif
