/*
 * checklist.h - a role's onboarding or offboarding checklist joined with
 * the progress stored for a profile.
 *
 * Items come from the content (struct check_item), progress from the
 * store (struct store_item), matched by item id.  Records whose id no
 * longer names an item of the content (the item was reworded or removed)
 * are kept aside as stale: never dropped silently, shown with their old
 * text.
 *
 * An onboarding step two roles share word for word has the same item id
 * in both: it is one record for the person.  Only roles share: any other
 * document's steps have ids of their own (content_item_id_in), so its
 * progress is its own.  Offboarding steps are never
 * shared (stepping down is from one role): each is read and written under
 * its own role only.  Its state is read across the profile's
 * roles (the latest record of that id wins) and written through
 * checklist_set_done() and checklist_set_note(), which keep every copy
 * alike, so ticking it under one role ticks it under the other
 * everywhere (screens, commands, reports, exports).
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
	bool shared; /* rec is kept under another role that has the same step */
};

/* Which of a role's task lists. */
enum checklist_list {
	CHECKLIST_ONBOARDING = 0,
	CHECKLIST_OFFBOARDING,
};

struct checklist {
	struct checklist_entry *v; /* one per content item, in content order */
	size_t n, done;
	const struct store_item **stale; /* records matching no item */
	size_t nstale;
	struct store_item *recs; /* owned: every record of the profile */
	size_t nrecs;
	enum checklist_list list;
};

/* Loads the checklist of role (loaded) for profile.  On failure the
 * checklist is empty (and valid) and the store's status is returned. */
enum store_status checklist_load(struct checklist *c, struct store *st, const char *profile,
				 const struct role *role);
/* The same for either list; records that match no item of either list are
 * stale, and listed with the onboarding one only. */
enum store_status checklist_load_list(struct checklist *c, struct store *st, const char *profile,
				      const struct role *role, enum checklist_list list);
/* The same, with over (may be NULL) laying what is not stored yet over
 * the profile's records before they are joined with the items (the
 * changes waiting for the database: app_checklist_load, change.h). */
typedef void (*checklist_over_fn)(void *arg, const char *profile, struct store_item **recs,
				  size_t *n);
enum store_status checklist_load_over(struct checklist *c, struct store *st, const char *profile,
				      const struct role *role, enum checklist_list list,
				      checklist_over_fn over, void *arg);
/* The items of a list of role, and how many. */
const struct check_item *checklist_items(const struct role *role, enum checklist_list list,
					 size_t *n);

/* Marks item (of role's lists) done or not done for profile, under role
 * and, for an onboarding step, under every other role that holds a record
 * of the same step (an offboarding step: under role only), in one
 * transaction, keeping its note; done_at is now.  Store status. */
enum store_status checklist_set_done(struct store *st, const char *profile, const struct role *role,
				     const struct check_item *item, bool done, int64_t now);
/* Sets (note NULL or "": clears) item's note the same way, keeping its
 * state and the date it was done. */
enum store_status checklist_set_note(struct store *st, const char *profile, const struct role *role,
				     const struct check_item *item, const char *note, int64_t now);
void checklist_done(struct checklist *c);

/*
 * What role's records of profile mean to the other roles that share its
 * onboarding steps (checklist_shares.c), for `forget --role`: gone, the
 * steps of role's records that other roles (gone_roles) show only
 * through them, so forgetting role forgets them there too; kept, role's
 * steps it shows only through records kept under other roles
 * (kept_roles), which forgetting role leaves.  Loads the catalogue's
 * roles as needed; role must be loaded.
 */
struct checklist_shares {
	size_t gone, kept;
	char **gone_roles, **kept_roles; /* role ids */
	size_t ngone_roles, nkept_roles;
};
struct catalog;
enum store_status checklist_shares_of(struct checklist_shares *sh, struct store *st,
				      const struct catalog *cat, const char *profile,
				      const struct role *role);
void checklist_shares_done(struct checklist_shares *sh);

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

/* Where item is done: its first link, cleaned, as the line
 * "      where: URL" that goes under the item's first line in `checklist`,
 * `check` and `agenda` (nothing when it has no link).  Appends to b. */
void checklist_item_where(struct strbuf *b, const struct check_item *item);

/* The outline entry of role that explains item (a step of either list):
 * the section of the role's text that shares enough of its rare words,
 * else the heading it is listed under; -1 when the role has no sections
 * (item_why.c). */
long checklist_why(const struct role *role, const struct check_item *item);

/* How checklist_why ranks: the best section (-1: none shares a word),
 * its score, the least it must have, and its rarest shared word. */
struct why_rank {
	long entry;
	double score, min;
	char word[32];
};
void why_rank(const struct role *role, const struct check_item *item, struct why_rank *out);
/* The heading item is listed under, or its checklist's section. */
long why_place(const struct role *role, const struct check_item *item);
/* True when item's link leads to a place in role itself (an "#anchor",
 * or the role's own file with one): Enter follows it instead. */
bool checklist_link_in_role(const struct role *role, const struct check_item *item);

/* A progress bar of `cells` cells for done/total, e.g. "[####------]" in
 * ASCII or with block characters; returns a new string. */
char *checklist_bar(size_t done, size_t total, int cells, bool ascii);

#endif
