/*
 * checklist_shares.c - what a role's records mean to the roles sharing
 * its steps, for forget --role (see checklist.h).
 */
#include "config.h"

#include <string.h>

#include "checklist.h"
#include "xalloc.h"

static bool
in_list(const struct check_item *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return true;
	return false;
}

/* True when the profile has a record of step id under role. */
static bool
has_record(const struct store_item *recs, size_t n, const char *role, const char *id)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(recs[k].role, role) == 0 && strcmp(recs[k].item_id, id) == 0)
			return true;
	return false;
}

/* Adds id to the set *v of *n role ids (no duplicates). */
static void
add_role(char ***v, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], id) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(id);
}

enum store_status
checklist_shares_of(struct checklist_shares *sh, struct store *st, const struct catalog *cat,
		    const char *profile, const struct role *role)
{
	struct store_item *recs = NULL;
	size_t n = 0;
	enum store_status s;

	memset(sh, 0, sizeof *sh);
	if ((s = store_items_get(st, profile, NULL, &recs, &n)) != STORE_OK)
		return s;
	/* role's records that another role shows only through them: an
	 * onboarding step of that role with no record of its own there */
	for (size_t k = 0; k < n; k++) {
		const char *id = recs[k].item_id;
		bool counted = false;

		if (strcmp(recs[k].role, role->id) != 0 ||
		    in_list(role->off_items, role->noff_items, id))
			continue; /* not role's, or an offboarding step: never shared */
		for (size_t r = 0; r < cat->n; r++) {
			struct role *o = cat->v[r];
			if (strcmp(o->id, role->id) == 0 || role_load(o) != 0 ||
			    !in_list(o->items, o->nitems, id) || has_record(recs, n, o->id, id))
				continue;
			add_role(&sh->gone_roles, &sh->ngone_roles, o->id);
			sh->gone += !counted;
			counted = true;
		}
	}
	/* role's onboarding steps it shows only through another role's record */
	for (size_t i = 0; i < role->nitems; i++) {
		const char *id = role->items[i].id;
		bool counted = false;

		if (has_record(recs, n, role->id, id))
			continue;
		for (size_t k = 0; k < n; k++) {
			if (strcmp(recs[k].item_id, id) != 0)
				continue;
			add_role(&sh->kept_roles, &sh->nkept_roles, recs[k].role);
			sh->kept += !counted;
			counted = true;
		}
	}
	store_items_free(recs, n);
	return STORE_OK;
}

void
checklist_shares_done(struct checklist_shares *sh)
{
	for (size_t i = 0; i < sh->ngone_roles; i++)
		free(sh->gone_roles[i]);
	for (size_t i = 0; i < sh->nkept_roles; i++)
		free(sh->kept_roles[i]);
	free(sh->gone_roles);
	free(sh->kept_roles);
	memset(sh, 0, sizeof *sh);
}
