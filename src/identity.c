/*
 * identity.c - the records of a file opened directly, kept by older
 * rolebooks under its file name, adopted under its full path (see
 * identity.h).  The catalogue says which old id is free to adopt
 * (catalog_old_id), the store moves the records (store_role_adopt); this
 * joins the two and words it, and a folder's document claims the old id
 * it has (store_role_claim).
 */
#include "config.h"

#include "identity.h"
#include "xalloc.h"

char *
identity_adopt(struct store *st, const struct catalog *cat, const struct role *r)
{
	const char *old = st != NULL && r != NULL ? catalog_old_id(cat, r) : NULL;
	size_t moved = 0;

	/* a folder's document under an id an older rolebook wrote: those
	 * records are its own, never a file opened directly's */
	if (st != NULL && r != NULL && r->origin != ORIGIN_FILE && !store_is_readonly(st))
		store_role_claim(st, r->id);

	if (old == NULL || store_is_readonly(st) ||
	    store_role_adopt(st, old, r->id, &moved) != STORE_OK || moved == 0)
		return NULL;
	return xasprintf("%zu record%s kept under \"%s\" (this file's old id) %s now this "
			 "document's",
			 moved, moved == 1 ? "" : "s", old, moved == 1 ? "is" : "are");
}
