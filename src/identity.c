/*
 * identity.c - the records of a file opened directly, kept by older
 * rolebooks under its file name, adopted under its full path (see
 * identity.h).  The catalogue says which old id is free to adopt
 * (catalog_old_id), the store moves the records (store_role_adopt); this
 * joins the two and words it, and a folder's document claims the old id
 * it has (store_role_claim).  A document's checklist records kept under
 * the id its step had by the other rule of content_item_id_in (before
 * folders every step's id was its words alone) move to the step's id now
 * (identity_rekey_items).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "xalloc.h"

void
identity_item_other_id(const struct role *r, const char *text, char out[13])
{
	/* a role's steps have no document in their id, any other
	 * document's have it (role.c): the other rule is the one not used */
	content_item_id_in(role_shares_steps(r) ? r->id : NULL, text, out);
}

bool
identity_old_record(const char *role, const char *item_id, const char *text)
{
	char old[13];

	if (strchr(role, '/') != NULL) /* a path: written since folders */
		return false;
	content_item_id_in(NULL, text, old); /* the rule before folders */
	return strcmp(old, item_id) == 0;
}

size_t
identity_rekey_items(struct store *st, const struct role *r)
{
	char **from, **to;
	size_t n = 0, moved = 0;

	if (st == NULL || r == NULL || !r->loaded || r->nitems == 0 || store_is_readonly(st))
		return 0;
	from = xcalloc(r->nitems, sizeof *from);
	to = xcalloc(r->nitems, sizeof *to);
	for (size_t i = 0; i < r->nitems; i++) {
		char other[13];

		identity_item_other_id(r, r->items[i].text, other);
		if (strcmp(other, r->items[i].id) == 0)
			continue;
		from[n] = xstrdup(other);
		to[n++] = r->items[i].id; /* (borrowed) */
	}
	if (n > 0 && store_items_rekey(st, r->id, from, to, n, &moved) != STORE_OK)
		moved = 0;
	for (size_t i = 0; i < n; i++)
		free(from[i]);
	free(from);
	free(to);
	return moved;
}

char *
identity_adopt(struct store *st, const struct catalog *cat, const struct role *r)
{
	const char *old = st != NULL && r != NULL ? catalog_old_id(cat, r) : NULL;
	size_t moved = 0;
	char *said = NULL;

	/* a folder's document under an id an older rolebook wrote: those
	 * records are its own, never a file opened directly's */
	if (st != NULL && r != NULL && r->origin != ORIGIN_FILE && !store_is_readonly(st))
		store_role_claim(st, r->id);

	if (old != NULL && !store_is_readonly(st) &&
	    store_role_adopt(st, old, r->id, &moved) == STORE_OK && moved > 0)
		said = xasprintf("%zu record%s kept under \"%s\" (this file's old id) %s now "
				 "this document's too",
				 moved, moved == 1 ? "" : "s", old, moved == 1 ? "is" : "are");
	/* then its steps' records under the ids an older rolebook gave
	 * them (adopted ones too): on the steps they are for (quietly: the
	 * ticks simply are where they were) */
	identity_rekey_items(st, r);
	return said;
}
