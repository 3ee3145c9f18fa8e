/*
 * role_int.h - what role.c shares with role_offboarding.c: the second
 * task list of a role and the link of a checklist item.  Not for other
 * modules: they read struct role (content.h).
 */
#ifndef ROLEBOOK_ROLE_INT_H
#define ROLEBOOK_ROLE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "content.h"

/* The target of the first link in a task-list item's own paragraph, as
 * written (a new string), or NULL when it has none. */
char *role_item_url(cmark_node *item);
/* Every link target of a task item's paragraph, in order, into *out (new
 * strings); returns how many. */
size_t role_item_links(cmark_node *item, char ***out);

/* Adds the task-list item `item` (task number task, ticked in the Markdown
 * when checked) found in outline entry sec, a section of the offboarding
 * checklist, to r->off_items (*cap its capacity). */
void role_offboarding_add(struct role *r, cmark_node *item, long sec, uint32_t task, bool checked,
			  size_t *cap);

/* Frees r->off_items and clears them. */
void role_offboarding_free(struct role *r);

#endif
