/*
 * keys.c - the key table (see keys.h).  Order matters twice: lookups take
 * the first match, and the help screen lists entries in this order.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "strbuf.h"

#define CTRL(c) ((c)&0x1f)

static const struct keydef builtin[] = {
    {ACT_HELP, CTX_GLOBAL, {'?', K_F1}, "? F1", "show help for this screen"},
    {ACT_BACK, CTX_GLOBAL, {'q', K_ESC}, "q Esc", "go back one screen"},
    {ACT_QUIT, CTX_GLOBAL, {'Q', 0x03}, "Q Ctrl-C", "quit rolebook from anywhere"},
    {ACT_REDRAW, CTX_GLOBAL, {CTRL('l')}, "Ctrl-L", "redraw the screen"},
    {ACT_SUSPEND, CTX_GLOBAL, {CTRL('z')}, "Ctrl-Z", "suspend rolebook; the shell's fg resumes it"},
    {ACT_UP, CTX_GLOBAL, {K_UP, 'k', CTRL('p')}, "Up k", "move up one line"},
    {ACT_DOWN, CTX_GLOBAL, {K_DOWN, 'j', CTRL('n')}, "Down j", "move down one line"},
    {ACT_PAGE_DOWN, CTX_GLOBAL, {K_PGDN, ' ', CTRL('f')}, "PgDn Space", "page down"},
    {ACT_PAGE_UP, CTX_GLOBAL, {K_PGUP, 'b', CTRL('b')}, "PgUp b", "page up"},
    {ACT_HALF_DOWN, CTX_GLOBAL, {CTRL('d')}, "Ctrl-D", "half a page down"},
    {ACT_HALF_UP, CTX_GLOBAL, {CTRL('u')}, "Ctrl-U", "half a page up"},
    {ACT_TOP, CTX_GLOBAL, {'g', K_HOME, '<'}, "g Home", "go to the top"},
    {ACT_BOTTOM, CTX_GLOBAL, {'G', K_END, '>'}, "G End", "go to the bottom"},
    {ACT_TOGGLE, CTX_CHECKLIST, {' ', 'x'}, "Space x", "mark the selected item done or not done"},
    {ACT_NOTE,
     CTX_CHECKLIST,
     {'e'},
     "e",
     "edit the selected item's note (evidence: a link, a date)"},
    {ACT_VIEW_NOTE, CTX_CHECKLIST, {'v'}, "v", "read the selected item's note in full"},
    {ACT_OPEN,
     CTX_CHECKLIST,
     {K_ENTER},
     "Enter",
     "read the section of the role that explains the selected item; {back} comes back"},
    {ACT_OPEN_LINK,
     CTX_CHECKLIST | CTX_READER,
     {'o'},
     "o",
     "open the item's or the selected link in a browser (http, https, mailto), or copy it"},
    {ACT_FOCUS,
     CTX_CHECKLIST,
     {K_TAB, K_BTAB},
     "Tab",
     "switch between the onboarding and the offboarding checklist"},
    {ACT_HIDE_DONE, CTX_CHECKLIST, {'h'}, "h", "hide or show done items"},
    {ACT_START, CTX_CHECKLIST, {'s'}, "s", "set or change the day you started in the role"},
    {ACT_RATE1, CTX_ASSESS, {'1'}, "1", "rate the statement 1, not yet, and go to the next"},
    {ACT_RATE2, CTX_ASSESS, {'2'}, "2", "rate it 2, learning"},
    {ACT_RATE3, CTX_ASSESS, {'3'}, "3", "rate it 3, practising"},
    {ACT_RATE4, CTX_ASSESS, {'4'}, "4", "rate it 4, confident"},
    {ACT_RATE5, CTX_ASSESS, {'5'}, "5", "rate it 5, could teach it"},
    {ACT_CLEAR,
     CTX_ASSESS,
     {'0', K_DELETE},
     "0 Delete",
     "clear the rating (skip the statement) and go to the next"},
    {ACT_NOTE, CTX_ASSESS, {'e', K_ENTER}, "e Enter", "edit the statement's note (evidence)"},
    {ACT_CHART, CTX_ASSESS, {'v'}, "v", "chart, trend and readiness summary"},
    {ACT_HISTORY, CTX_ASSESS | CTX_CHART, {'H'}, "H", "history of snapshots; compare two"},
    {ACT_MARK, CTX_CHART, {' ', 'x'}, "Space x", "in the history: mark a snapshot to compare"},
    {ACT_OPEN,
     CTX_CHART,
     {K_ENTER},
     "Enter",
     "read the role's section on the selected skill area; compare the marked snapshots"},
    {ACT_OPEN,
     CTX_HOME,
     {K_ENTER, K_RIGHT, 'l'},
     "Enter",
     "open the selected role; open or close the selected folder"},
    {ACT_COLLAPSE,
     CTX_HOME,
     {K_LEFT, 'h'},
     "Left h",
     "close the selected folder, or the folder of the selected document"},
    {ACT_REVIEW, CTX_HOME, {'R'}, "R", "review candidates: every profile's progress and readiness"},
    {ACT_OPEN,
     CTX_REVIEW,
     {K_ENTER},
     "Enter",
     "the candidate's ratings beside the reviewers'; rate as reviewer"},
    {ACT_SORT, CTX_REVIEW, {'s'}, "s", "sort by profile, role, progress or readiness"},
    {ACT_SEARCH, CTX_REVIEW, {'/'}, "/", "filter by profile, role or verdict"},
    {ACT_FOCUS, CTX_READER, {K_TAB, K_BTAB}, "Tab", "move between the contents and the text"},
    {ACT_OPEN, CTX_READER, {K_ENTER}, "Enter", "go to the section, or follow the selected link"},
    {ACT_NEXT_SECTION, CTX_READER, {']'}, "]", "next section"},
    {ACT_PREV_SECTION, CTX_READER, {'['}, "[", "previous section"},
    {ACT_NEXT_LINK, CTX_READER, {'l'}, "l", "select the next link on the screen"},
    {ACT_PREV_LINK, CTX_READER, {'L'}, "L", "select the previous link"},
    {ACT_HISTORY_BACK, CTX_READER, {K_BACKSPACE}, "Backspace", "come back from a followed link"},
    {ACT_CHECKLIST, CTX_READER, {'c'}, "c", "open the onboarding checklist"},
    {ACT_ASSESS, CTX_READER, {'a'}, "a", "open the self-assessment"},
    {ACT_SEARCH, CTX_READER, {'/'}, "/", "search as you type"},
    {ACT_SEARCH,
     CTX_HOME,
     {'/'},
     "/",
     "search every document's text: typing selects a title that matches, Enter lists the "
     "matches by document"},
    {ACT_OPEN,
     CTX_SEARCH,
     {K_ENTER, K_RIGHT, 'l'},
     "Enter",
     "open the document at the selected match, highlighted (the search goes on there)"},
    {ACT_SEARCH, CTX_SEARCH, {'/'}, "/", "search every document again, for another pattern"},
    {ACT_NEXT_MATCH, CTX_READER | CTX_HOME, {'n'}, "n", "next match"},
    {ACT_PREV_MATCH, CTX_READER | CTX_HOME, {'N'}, "N", "previous match"},
    {ACT_RELOAD, CTX_GLOBAL, {'r'}, "r", "reload progress and ratings (home: the folders too)"},
    {ACT_WHEEL_UP, CTX_GLOBAL, {K_WHEEL_UP}, "wheel", "scroll with the mouse wheel"},
    {ACT_WHEEL_DOWN, CTX_GLOBAL, {K_WHEEL_DOWN}, NULL, NULL},
    {ACT_CLICK, CTX_GLOBAL, {K_CLICK}, "click", "select a row, a section or a link"},
};

#define NKEYDEFS (sizeof builtin / sizeof builtin[0])

/* ---- issue 16: the table in use, the built-in one until keys_bind ---- */

static struct keydef bound[NKEYDEFS];
static char bound_names[NKEYDEFS][64];
static bool rebound;
static const struct keydef *table = builtin;

static const char *const action_names[] = {
    [ACT_QUIT] = "quit",
    [ACT_BACK] = "back",
    [ACT_HELP] = "help",
    [ACT_UP] = "up",
    [ACT_DOWN] = "down",
    [ACT_PAGE_UP] = "page-up",
    [ACT_PAGE_DOWN] = "page-down",
    [ACT_HALF_UP] = "half-page-up",
    [ACT_HALF_DOWN] = "half-page-down",
    [ACT_TOP] = "top",
    [ACT_BOTTOM] = "bottom",
    [ACT_OPEN] = "open",
    [ACT_FOCUS] = "focus",
    [ACT_NEXT_SECTION] = "next-section",
    [ACT_PREV_SECTION] = "previous-section",
    [ACT_SEARCH] = "search",
    [ACT_NEXT_MATCH] = "next-match",
    [ACT_PREV_MATCH] = "previous-match",
    [ACT_NEXT_LINK] = "next-link",
    [ACT_PREV_LINK] = "previous-link",
    [ACT_HISTORY_BACK] = "link-back",
    [ACT_CHECKLIST] = "checklist",
    [ACT_TOGGLE] = "toggle",
    [ACT_NOTE] = "note",
    [ACT_HIDE_DONE] = "hide-done",
    [ACT_RELOAD] = "reload",
    [ACT_REDRAW] = "redraw",
    [ACT_WHEEL_UP] = "wheel-up",
    [ACT_WHEEL_DOWN] = "wheel-down",
    [ACT_CLICK] = "click",
    [ACT_ASSESS] = "assessment",
    [ACT_RATE1] = "rate-1",
    [ACT_RATE2] = "rate-2",
    [ACT_RATE3] = "rate-3",
    [ACT_RATE4] = "rate-4",
    [ACT_RATE5] = "rate-5",
    [ACT_CLEAR] = "clear",
    [ACT_CHART] = "chart",
    [ACT_HISTORY] = "history",
    [ACT_MARK] = "mark",
    [ACT_SORT] = "sort",
    [ACT_REVIEW] = "review",
    [ACT_SUSPEND] = "suspend",
    [ACT_OPEN_LINK] = "open-link",
    [ACT_VIEW_NOTE] = "read-note",
    [ACT_START] = "start-date",
    [ACT_COLLAPSE] = "close-folder",
};

static const struct {
	int key;
	const char *name;
} key_names[] = {
    {K_UP, "Up"},	   {K_DOWN, "Down"},	    {K_LEFT, "Left"},
    {K_RIGHT, "Right"},	   {K_PGUP, "PgUp"},	    {K_PGDN, "PgDn"},
    {K_HOME, "Home"},	   {K_END, "End"},	    {K_ENTER, "Enter"},
    {K_TAB, "Tab"},	   {K_BTAB, "S-Tab"},	    {K_BACKSPACE, "Backspace"},
    {K_DELETE, "Delete"},  {K_ESC, "Esc"},	    {K_F1, "F1"},
    {K_WHEEL_UP, "wheel"}, {K_WHEEL_DOWN, "wheel"}, {K_CLICK, "click"},
    {' ', "Space"},
};

const char *
keys_action_name(enum action act)
{
	if ((size_t)act >= sizeof action_names / sizeof action_names[0])
		return NULL;
	return action_names[act];
}

bool
keys_action_by_name(const char *name, enum action *act)
{
	for (size_t i = 1; i < sizeof action_names / sizeof action_names[0]; i++)
		if (action_names[i] != NULL && strcmp(action_names[i], name) == 0) {
			if (i == ACT_WHEEL_UP || i == ACT_WHEEL_DOWN || i == ACT_CLICK)
				return false;
			*act = (enum action)i;
			return true;
		}
	return false;
}

int
keys_parse(const char *w)
{
	size_t len = strlen(w);

	if (len == 1 && (unsigned char)w[0] > 0x20 && (unsigned char)w[0] < 0x7f)
		return w[0];
	if (len == 6 && strncmp(w, "Ctrl-", 5) == 0 &&
	    ((w[5] >= 'A' && w[5] <= 'Z') || (w[5] >= 'a' && w[5] <= 'z')))
		return CTRL(w[5]);
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key != K_WHEEL_UP && key_names[i].key != K_WHEEL_DOWN &&
		    key_names[i].key != K_CLICK && strcmp(key_names[i].name, w) == 0)
			return key_names[i].key;
	return K_NONE;
}

/* Sets d's keys to keys[0..n-1] and its names to their spellings. */
static void
set_keys(size_t i, const int *keys, size_t n)
{
	struct keydef *d = &bound[i];
	size_t at = 0;

	memset(d->keys, 0, sizeof d->keys);
	bound_names[i][0] = '\0';
	for (size_t k = 0; k < n && k < 4; k++) {
		char name[16];
		d->keys[k] = keys[k];
		keys_name(keys[k], name, sizeof name);
		at += (size_t)snprintf(bound_names[i] + at, sizeof bound_names[i] - at, "%s%s",
				       k ? " " : "", name);
		if (at >= sizeof bound_names[i])
			break;
	}
	if (d->names != NULL)
		d->names = n > 0 ? bound_names[i] : NULL;
}

void
keys_bind(enum action act, const int *keys, size_t n)
{
	if (!rebound) {
		memcpy(bound, builtin, sizeof bound);
		table = bound;
		rebound = true;
	}
	for (size_t i = 0; i < NKEYDEFS; i++) {
		if (bound[i].act != act)
			continue;
		/* the keys leave the bindings that could shadow them here */
		for (size_t j = 0; j < NKEYDEFS; j++) {
			int left[5];
			size_t nleft = 0, kk;
			/* a global binding reaches every screen */
			bool overlap = (bound[j].ctx & bound[i].ctx) != 0 ||
				       bound[j].ctx == CTX_GLOBAL || bound[i].ctx == CTX_GLOBAL;
			if (j == i || bound[j].act == act || !overlap)
				continue;
			for (kk = 0; kk < 5 && bound[j].keys[kk]; kk++) {
				bool taken = false;
				for (size_t t = 0; t < n; t++)
					taken = taken || bound[j].keys[kk] == keys[t];
				if (!taken)
					left[nleft++] = bound[j].keys[kk];
			}
			if (nleft != kk)
				set_keys(j, left, nleft);
		}
		set_keys(i, keys, n);
	}
}

void
keys_reset(void)
{
	rebound = false;
	table = builtin;
}

char *
keys_name_for(unsigned ctx, enum action act, char *buf, size_t size)
{
	int key = keys_key(ctx, act);

	if (key == K_NONE) {
		snprintf(buf, size, "(no key)");
		return buf;
	}
	return keys_name(key, buf, size);
}

char *
keys_fill(unsigned ctx, const char *text)
{
	struct strbuf b = STRBUF_INIT;
	const char *p = text, *open, *close;

	while ((open = strchr(p, '{')) != NULL && (close = strchr(open, '}')) != NULL) {
		enum action act = ACT_NONE;
		char name[32], key[32];
		size_t n = (size_t)(close - open - 1);

		strbuf_add(&b, p, (size_t)(open - p));
		if (n < sizeof name) {
			memcpy(name, open + 1, n);
			name[n] = '\0';
			for (size_t i = 1; i < sizeof action_names / sizeof action_names[0]; i++)
				if (action_names[i] != NULL && strcmp(action_names[i], name) == 0)
					act = (enum action)i;
		}
		if (act == ACT_NONE)
			strbuf_add(&b, open, (size_t)(close + 1 - open));
		else
			strbuf_puts(&b, keys_name_for(ctx, act, key, sizeof key));
		p = close + 1;
	}
	strbuf_puts(&b, p);
	return strbuf_take(&b);
}

/* ---- end of issue 16 ---- */

const struct keydef *
keys_table(size_t *n)
{
	*n = NKEYDEFS;
	return table;
}

static enum action
lookup(unsigned ctx, int key, bool global)
{
	for (size_t i = 0; i < NKEYDEFS; i++) {
		const struct keydef *d = &table[i];
		if (global ? d->ctx != CTX_GLOBAL : (d->ctx & ctx) == 0 || d->ctx == CTX_GLOBAL)
			continue;
		for (size_t k = 0; k < 5 && d->keys[k]; k++)
			if (d->keys[k] == key)
				return d->act;
	}
	return ACT_NONE;
}

enum action
keys_action(unsigned ctx, int key)
{
	enum action a = lookup(ctx, key, false);

	return a != ACT_NONE ? a : lookup(ctx, key, true);
}

int
keys_key(unsigned ctx, enum action act)
{
	/* the context's own bindings first, as keys_action looks them up */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < NKEYDEFS; i++) {
			const struct keydef *d = &table[i];
			bool global = d->ctx == CTX_GLOBAL;
			if (d->act != act || (pass == 0 ? global || (d->ctx & ctx) == 0 : !global))
				continue;
			for (size_t k = 0; k < 5 && d->keys[k]; k++)
				if (keys_action(ctx, d->keys[k]) == act)
					return d->keys[k];
		}
	return K_NONE;
}

char *
keys_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", '@' + key);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "?");
	return buf;
}
