/*
 * keys.h - keys, actions and the one table that binds them.
 *
 * The terminal layer turns curses input into `enum key` values (Unicode
 * code points for characters, K_* for the rest); views receive actions
 * looked up in the table for their context.  The same table drives the
 * help screen, the footers and (by a test) the man page.
 */
#ifndef ROLEBOOK_KEYS_H
#define ROLEBOOK_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum key {
	K_NONE = 0,
	K_CTRL_L = 0x0c,
	K_UP = 0x110000,
	K_DOWN,
	K_LEFT,
	K_RIGHT,
	K_PGUP,
	K_PGDN,
	K_HOME,
	K_END,
	K_ENTER,
	K_TAB,
	K_BTAB,
	K_BACKSPACE,
	K_DELETE,
	K_ESC,
	K_F1,
	K_RESIZE,
	K_WHEEL_UP,
	K_WHEEL_DOWN,
	K_CLICK,
	K_UNKNOWN, /* a key the terminal sent that rolebook does not know (F12, Alt-x) */
};

enum action {
	ACT_NONE = 0,
	ACT_QUIT,
	ACT_BACK,
	ACT_HELP,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HALF_UP,
	ACT_HALF_DOWN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_OPEN,
	ACT_FOCUS,
	ACT_NEXT_SECTION,
	ACT_PREV_SECTION,
	ACT_SEARCH,
	ACT_NEXT_MATCH,
	ACT_PREV_MATCH,
	ACT_NEXT_LINK,
	ACT_PREV_LINK,
	ACT_HISTORY_BACK,
	ACT_CHECKLIST,
	ACT_TOGGLE,
	ACT_NOTE,
	ACT_HIDE_DONE,
	ACT_RELOAD,
	ACT_REDRAW,
	ACT_WHEEL_UP,
	ACT_WHEEL_DOWN,
	ACT_CLICK,
	ACT_ASSESS,
	ACT_RATE1,
	ACT_RATE2,
	ACT_RATE3,
	ACT_RATE4,
	ACT_RATE5,
	ACT_CLEAR,
	ACT_CHART,
	ACT_HISTORY,
	ACT_MARK,
	ACT_SORT,
	ACT_REVIEW,
	ACT_SUSPEND,
	ACT_OPEN_LINK, /* open the link at hand in a browser, or copy it */
	ACT_VIEW_NOTE, /* read the selected item's note in full */
	ACT_START,
	ACT_COLLAPSE, /* close a folder of the home screen's tree */
};

/* Where a binding applies (a view's context is one of these bits). */
enum key_context {
	CTX_GLOBAL = 1 << 0,
	CTX_HOME = 1 << 1,
	CTX_READER = 1 << 2,
	CTX_CHECKLIST = 1 << 3,
	CTX_HELP = 1 << 4,
	CTX_ASSESS = 1 << 5,
	CTX_CHART = 1 << 6,
	CTX_REVIEW = 1 << 7,
	CTX_SEARCH = 1 << 8,		     /* the matches of a search of every document */
	CTX_LIST = CTX_HOME | CTX_CHECKLIST, /* row lists */
	CTX_PAGER = CTX_READER | CTX_HELP,   /* scrolling text */
};

struct keydef {
	enum action act;
	unsigned ctx;	   /* enum key_context bits */
	int keys[5];	   /* enum key values, 0-terminated */
	const char *names; /* how the help screen and the man page spell them */
	const char *help;  /* what the action does */
};

/* The action bound to key in ctx (specific bindings before global ones). */
enum action keys_action(unsigned ctx, int key);

/*
 * The key that does act in ctx: the first key of its binding there that
 * no other binding takes first (so that keys_action(ctx, key) == act), or
 * K_NONE when no key does.  This is the key a footer names for act.
 */
int keys_key(unsigned ctx, enum action act);

/*
 * How a key is spelt on screen and in the help: "Enter", "Space", "Tab",
 * "PgDn", "Ctrl-D", "x".  Writes at most size bytes (NUL included) to
 * buf and returns buf.
 */
char *keys_name(int key, char *buf, size_t size);

/* The table, and its length. */
const struct keydef *keys_table(size_t *n);

/* ---- issue 16: key bindings from the config file ---- */

/* An action's name in the config file and the man page ("quit",
 * "next-section"), or NULL for ACT_NONE. */
const char *keys_action_name(enum action act);
/* The action called name; false when none is, or when it cannot be
 * bound (the mouse's wheel and click).  Pure. */
bool keys_action_by_name(const char *name, enum action *act);
/*
 * The key a config file spells: one character ("x", "?"), "Space",
 * "Enter", "Tab", "S-Tab", "Esc", "Backspace", "Delete", "Up", "Down",
 * "Left", "Right", "PgUp", "PgDn", "Home", "End", "F1", or "Ctrl-X" (a
 * letter).  K_NONE when it is none of them.  Pure.
 */
int keys_parse(const char *spelling);
/*
 * Binds keys[0..n-1] (n from 1 to 4) to act wherever act has a binding:
 * they replace its keys there, and its help names them.  A key another
 * binding of an overlapping context held is taken from it.  Changes the
 * table until keys_reset().
 */
void keys_bind(enum action act, const int *keys, size_t n);
/* Back to the built-in table. */
void keys_reset(void);
/*
 * The name of the key that does act in ctx ("Space", "e"), or "(no key)"
 * when none does: how every text that names a key spells it.  Writes at
 * most size bytes to buf and returns buf.
 */
char *keys_name_for(unsigned ctx, enum action act, char *buf, size_t size);
/*
 * text with every "{action}" (an action's name) replaced by
 * keys_name_for(ctx, that action): "{toggle} ticks the item" reads
 * "Space ticks the item" with the default keys.  Allocated.
 */
char *keys_fill(unsigned ctx, const char *text);
/* ---- end of issue 16 ---- */

#endif
