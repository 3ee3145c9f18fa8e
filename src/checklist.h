/*
 * checklist.h - a role's onboarding checklist joined with the progress
 * stored for a profile.
 *
 * Items come from the content (struct check_item), progress from the
 * store (struct store_item), matched by item id.  Records whose id no
 * longer names an item of the content (the item was reworded or removed)
 * are kept aside as stale: never dropped silently, shown with their old
 * text.
 */
#ifndef ROLEBOOK_CHECKLIST_H
#define ROLEBOOK_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "store.h"

struct checklist_entry {
	const struct check_item *item; /* borrowed from the role */
	const struct store_item *rec;  /* borrowed from the checklist, NULL: never touched */
	bool done;
};

struct checklist {
	struct checklist_entry *v; /* one per content item, in content order */
	size_t n, done;
	const struct store_item **stale; /* records matching no item */
	size_t nstale;
	struct store_item *recs; /* owned */
	size_t nrecs;
};

/* Loads the checklist of role (loaded) for profile.  On failure the
 * checklist is empty (and valid) and the store's status is returned. */
enum store_status checklist_load(struct checklist *c, struct store *st, const char *profile,
				 const struct role *role);
void checklist_done(struct checklist *c);

/*
 * Finds the item an argument names: a number from 1 to n, or an item id
 * (or a unique prefix of one, at least 4 characters).  Returns its index,
 * or -1.
 */
long checklist_find(const struct checklist *c, const char *arg);

/* How checklist_item_text() names an item: not at all, by its short id
 * ("#c59296", what `check` takes) or by its whole id ("(id ...)", for
 * progress that no longer matches the content). */
enum item_id { ITEM_ID_NONE, ITEM_ID_SHORT, ITEM_ID_FULL };

/*
 * One checklist item as text, the one format of `checklist`, `check` and
 * the text report: "  3. [x] text  (prerequisite)  (done 2026-11-22)
 * #c59296" (num 0: no number; rec NULL: no progress; "(prerequisite)"
 * for a required item; "(unverified)" after the date for progress from an
 * unsigned import), then its note under it, every line
 * of the note indented under the first.  Text, ids and notes are
 * cleaned.  Appends to b.
 */
struct strbuf;
void checklist_item_text(struct strbuf *b, size_t num, bool done, const char *text,
			 const struct store_item *rec, const char *id, enum item_id style,
			 bool required);

/* A progress bar of `cells` cells for done/total, e.g. "[####------]" in
 * ASCII or with block characters; returns a new string. */
char *checklist_bar(size_t done, size_t total, int cells, bool ascii);

#endif
