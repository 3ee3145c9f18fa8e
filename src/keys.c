/*
 * keys.c - the key table (see keys.h).  Order matters twice: lookups take
 * the first match, and the help screen lists entries in this order.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "keys.h"

#define CTRL(c) ((c)&0x1f)

static const struct keydef table[] = {
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
     {'e', K_ENTER},
     "e Enter",
     "edit the selected item's note (evidence: a link, a date)"},
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
    {ACT_OPEN, CTX_HOME, {K_ENTER, K_RIGHT, 'l'}, "Enter", "open the selected role"},
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
    {ACT_SEARCH, CTX_READER | CTX_HOME, {'/'}, "/", "search as you type"},
    {ACT_NEXT_MATCH, CTX_READER | CTX_HOME, {'n'}, "n", "next match"},
    {ACT_PREV_MATCH, CTX_READER | CTX_HOME, {'N'}, "N", "previous match"},
    {ACT_RELOAD, CTX_GLOBAL, {'r'}, "r", "reload progress and ratings from the database"},
    {ACT_WHEEL_UP, CTX_GLOBAL, {K_WHEEL_UP}, "wheel", "scroll with the mouse wheel"},
    {ACT_WHEEL_DOWN, CTX_GLOBAL, {K_WHEEL_DOWN}, NULL, NULL},
    {ACT_CLICK, CTX_GLOBAL, {K_CLICK}, "click", "select a row, a section or a link"},
};

const struct keydef *
keys_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

static enum action
lookup(unsigned ctx, int key, bool global)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
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
		for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
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
	static const struct {
		int key;
		const char *name;
	} names[] = {
	    {K_UP, "Up"},	   {K_DOWN, "Down"},	    {K_LEFT, "Left"},
	    {K_RIGHT, "Right"},	   {K_PGUP, "PgUp"},	    {K_PGDN, "PgDn"},
	    {K_HOME, "Home"},	   {K_END, "End"},	    {K_ENTER, "Enter"},
	    {K_TAB, "Tab"},	   {K_BTAB, "S-Tab"},	    {K_BACKSPACE, "Backspace"},
	    {K_DELETE, "Delete"},  {K_ESC, "Esc"},	    {K_F1, "F1"},
	    {K_WHEEL_UP, "wheel"}, {K_WHEEL_DOWN, "wheel"}, {K_CLICK, "click"},
	    {' ', "Space"},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
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
