/*
 * app.h - application state and the one loop body: a key in, a frame out.
 *
 * The app owns the catalogue, the view stack, the status line and the
 * prompt.  It is driven the same way by the terminal layer and by tests:
 * app_key() for each key, app_draw() into a frame.
 */
#ifndef ROLEBOOK_APP_H
#define ROLEBOOK_APP_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "change.h"
#include "checklist.h"
#include "content.h"
#include "frame.h"
#include "store.h"
#include "view.h"

#define APP_MIN_ROWS 10
#define APP_MIN_COLS 40
#define APP_MAX_VIEWS 32
/* While changes wait for the database: how long the screen's store waits
 * for a lock before a change is kept to try again (the screen never
 * freezes longer), how often they are tried again, and how many more
 * tries they get once the user quits (then the rest is said on stderr). */
#define APP_BUSY_MS 50
#define APP_RETRY_MS 250
#define APP_QUIT_TRIES 8
/* Beside a value a screen shows that still waits for the database (an
 * ASCII character: the same without UTF-8 or colour), and the word its
 * details say. */
#define APP_UNSAVED_MARK "*"
#define APP_UNSAVED_WORD "unsaved"

struct open_plan;

struct app {
	struct catalog *cat; /* borrowed */
	/* counts documents read again after their file changed (nav.c): a
	 * screen keeping pointers into documents' models drops them */
	uint64_t content_gen;
	struct store *store;	/* borrowed; NULL: progress is not kept */
	const char *profile;	/* whose progress */
	const char *rater;	/* --reviewer: rate the profile as this reviewer; else NULL */
	const char *reviewer;	/* who rates from the review screen: --reviewer or the login */
	bool readonly;		/* the store refuses changes */
	int64_t (*clock)(void); /* the time of a change (tests fix it) */
	bool ascii;		/* no UTF-8 locale: ASCII glyphs */
	int rows, cols;
	/* the screens, home first; nav.c alone pushes and pops them */
	struct app_screen {
		struct view *view;  /* owned */
		enum nav_kind kind; /* what it was opened as (NAV_NONE: app_push) */
		bool by_link;	    /* opened at a place: Backspace comes back */
	} stack[APP_MAX_VIEWS];
	size_t nviews;
	/* counts the screens pushed: a screen seeing it changed was covered,
	 * and is shown again (the home screen reads its folders again) */
	uint64_t pushes;
	/* the request of the view acting now, carried out when it returns */
	struct nav_request pending;
	char *pending_text[6]; /* owned copies of pending's strings */
	bool acting;
	/* files reached by links that the catalogue does not list, one per
	 * catalogue (see nav.c) */
	struct catalog *linked;
	size_t nlinked, linked_cap;
	char *status;
	bool status_alert;
	bool status_row; /* one row, cut with "…" (app_status_row) */
	/* the prompt line */
	bool prompting;
	const char *prompt_label;
	char *input;
	size_t input_len, input_cap, cursor; /* bytes */
	/* the last mouse event, for K_CLICK */
	int mouse_row, mouse_col;
	/* where the terminal cursor goes (-1: hidden) */
	int cursor_row, cursor_col;
	bool quit;
	/* changes waiting for the database (app_change); quit asked while
	 * some wait: they get APP_QUIT_TRIES more tries, Q again quits */
	struct change_queue changes;
	bool quitting;
	int quit_tries;
	/* carries out a plan of open_link_plan() (the terminal layer sets
	 * it; tests set their own); returns 0 or an errno.  NULL: the link
	 * is shown instead (see app_open_url). */
	int (*run_link)(struct app *a, const struct open_plan *plan, const char *url);
	/* draws the screen now, status line included, in the middle of a
	 * long step (building the search index); the terminal layer sets
	 * it, tests may.  NULL: nothing is drawn until the step ends. */
	void (*show_now)(struct app *a);
	/* during such a step: whether a key that cancels it (Esc, q, Ctrl-C)
	 * was pressed, read without waiting; other keys pressed meanwhile are
	 * dropped.  NULL: the step runs to its end. */
	bool (*stop_asked)(struct app *a);
};

void app_init(struct app *a, struct catalog *cat, int rows, int cols);
void app_done(struct app *a);

/* Pushes a view (takes ownership): the first screen, as main() opens it. */
void app_push(struct app *a, struct view *v);
/* The view on top, or NULL. */
struct view *app_top(struct app *a);
/* Closes the view on top (frees it). */
void app_pop(struct app *a);

/*
 * Asks for another screen (see enum nav_kind); the request's strings are
 * copied.  Asked while a view handles an action, it is carried out when
 * the action returns (a later request replaces an earlier one); else at
 * once.  What cannot be done is said in the status line.
 */
void app_request(struct app *a, const struct nav_request *rq);

/* For app.c, from nav.c: runs the top view's action and the request it
 * made (see app_request); returns the view's result (VR_REDRAW added when
 * a request ran).  nav_done() closes every view and what links opened. */
int nav_act(struct app *a, enum action act);
void nav_done(struct app *a);

/* Handles one key; returns true when the screen needs redrawing (the
 * view said so, the screens or the status line changed). */
bool app_key(struct app *a, int key);
void app_resize(struct app *a, int rows, int cols);
/* Runs the top view's idle work; true when the screen should be redrawn. */
bool app_idle(struct app *a);
/* Draws everything into f (resized to the app's size if needed). */
void app_draw(struct app *a, struct frame *f);

/* Sets the status line (cleared by the next key).  A message wider than
 * the footer is wrapped over the rows above it, drawn over the view. */
void app_status(struct app *a, bool alert, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same in one row, cut with "…" where it is wider: for a message
 * that would otherwise cover text for a detail (a link's path and why it
 * is broken, which `rolebook links` says in full). */
void app_status_row(struct app *a, bool alert, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The rows the status message takes at the bottom of the screen (the
 * footer and any it covers above it); 0 when there is none to draw. */
int app_status_rows(const struct app *a);

/*
 * Makes a change to the store (change.h): STORE_OK when it is saved;
 * STORE_ERR_BUSY when another program holds the database and it waits, to
 * be tried again by app_retry() (the footer says so: the caller need not);
 * any other status when it was refused (the caller says why).  *id (may
 * be NULL) as change_apply() says.
 */
enum store_status app_change(struct app *a, const struct change *c, int64_t *id);
/*
 * What the screens show of the records: the stored ones with the changes
 * still waiting for the database laid over them, marked pending (the
 * record's `pending`; change_overlay_items/_ratings).  As
 * checklist_load_list() and store_ratings_get(); a->store may be NULL.
 */
enum store_status app_checklist_load(struct app *a, struct checklist *c, const char *profile,
				     const struct role *role, enum checklist_list list);
enum store_status app_ratings_get(struct app *a, const char *profile, const char *role,
				  const char *rater, struct store_rating **out, size_t *n);
/* The start date screens show: a waiting one (*pending true, *origin
 * STORE_LOCAL; STORE_ERR_NOTFOUND when it clears the date), else
 * store_appointment_find's. */
enum store_status app_appointment_find(struct app *a, const char *profile, const char *role,
				       int32_t *day, enum store_origin *origin, bool *pending);
/* What the screens show changed when this did: the store's data version
 * (store_data_version, 0 without a store) and the changes waiting. */
uint64_t app_data_version(const struct app *a);
/* Tries the waiting changes again (every APP_RETRY_MS while some wait);
 * true when the screen should be redrawn.  Quitting, it quits once they
 * are saved or their tries are spent. */
bool app_retry(struct app *a);
/* Closes every screen once the terminal is left: what they save on
 * closing (reading positions) is saved, or waits with the rest, and
 * those waiting get one more try. */
void app_finish(struct app *a);
/* What quitting left unsaved, for stderr: a new string, or NULL. */
char *app_unsaved(const struct app *a);

/* Opens the prompt for the top view; its input op receives the text. */
void app_prompt(struct app *a, const char *label, const char *initial);

/* The current time for records, from a->clock or time(). */
int64_t app_now(const struct app *a);

/*
 * Checklist progress of role for the app's profile: loads the role if
 * needed.  Returns false when the role cannot be loaded or has no
 * checklist.
 */
bool app_progress(struct app *a, struct role *role, size_t *done, size_t *total);
/* The same for another profile. */
bool app_progress_of(struct app *a, const char *profile, struct role *role, size_t *done,
		     size_t *total);

/* Opens a role in a new reader, at `at` (NULL: where the profile left
 * it); returns false (status set) when the role cannot be loaded. */
bool app_open_role(struct app *a, struct role *role, const struct nav_place *at);
/* `o` on a link (app_open.c): url opened, copied or shown as
 * open_link_plan() decides from the environment, or refused; the status
 * line says which. */
void app_open_url(struct app *a, const char *url);

#endif
