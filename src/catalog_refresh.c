/*
 * catalog_refresh.c - the catalogue read again (see content.h,
 * catalog_refresh): the content folders walked as they are now, the
 * documents found again keeping their ids and roles, new ones listed,
 * gone ones kept alive until the end.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "export.h"
#include "idset.h"
#include "xalloc.h"

static int
cmp_role_path(const void *a, const void *b)
{
	const struct role *x = *(struct role *const *)a, *y = *(struct role *const *)b;
	int c = strcmp(x->path, y->path);
	return c ? c : (int)x->origin - (int)y->origin;
}

/* The index in olds (sorted by path) of the role with r's path and
 * origin, or -1. */
static long
same_file(struct role **olds, size_t n, const struct role *r)
{
	struct role *const *hit = n ? bsearch(&r, olds, n, sizeof *olds, cmp_role_path) : NULL;
	return hit != NULL ? (long)(hit - olds) : -1;
}

/* True when r (a new file) is one of the files opened directly (their
 * ids are their real paths): that role stands for it. */
static bool
opened_directly(const struct catalog *c, const struct role *r)
{
	char *real = NULL;
	bool found = false;

	for (size_t i = 0; i < c->n && !found; i++) {
		if (c->v[i]->origin != ORIGIN_FILE)
			continue;
		if (real == NULL && (real = realpath(r->path, NULL)) == NULL)
			return false;
		found = strcmp(real, c->v[i]->id) == 0;
	}
	free(real);
	return found;
}

bool
catalog_refresh(struct catalog *c)
{
	struct catalog fresh;
	struct role **olds, **v;
	bool *kept;
	struct id_set ids;
	size_t n = 0, nolds = 0, cap;
	bool changed = false;
	char *err = NULL;

	if (c->nsrc == 0)
		return false;
	catalog_init(&fresh);
	fresh.root = c->root;
	for (size_t i = 0; i < c->nsrc; i++)
		if (catalog_add_dir(&fresh, c->src[i].dir, c->src[i].origin, true, &err) != 0) {
			free(err); /* a folder that cannot be read now lists nothing */
			err = NULL;
		}
	/* the listed documents by path: a file found again is the same role */
	olds = xcalloc(c->n + 1, sizeof *olds);
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i]->origin != ORIGIN_FILE)
			olds[nolds++] = c->v[i];
	if (nolds > 1)
		qsort(olds, nolds, sizeof *olds, cmp_role_path);
	kept = xcalloc(nolds + 1, sizeof *kept);
	cap = c->n + fresh.n + 1;
	v = xcalloc(cap, sizeof *v);
	id_set_init(&ids, cap);
	for (size_t i = 0; i < c->n; i++) /* files opened directly: first, as they were */
		if (c->v[i]->origin == ORIGIN_FILE) {
			v[n++] = c->v[i];
			id_set_add(&ids, c->v[i]->id);
		}
	/* the ids of the documents found again first: a new file never
	 * takes the id of one listed before */
	for (size_t i = 0; i < fresh.n; i++) {
		long k = same_file(olds, nolds, fresh.v[i]);
		if (k >= 0)
			id_set_add(&ids, olds[k]->id);
	}
	for (size_t i = 0; i < fresh.n; i++) {
		struct role *r = fresh.v[i];
		long k = same_file(olds, nolds, r);

		fresh.v[i] = NULL;
		if (k >= 0) { /* the same file: its role, its id, its model */
			if (!kept[k])
				v[n++] = olds[k];
			kept[k] = true;
			role_free(r);
			continue;
		}
		if (opened_directly(c, r)) {
			role_free(r);
			continue;
		}
		if (!id_set_add(&ids, r->id)) {
			/* its id is a listed document's: its full real path */
			char *real = realpath(r->path, NULL);
			if (real == NULL || strlen(real) > EXPORT_MAX_ROLE_ID ||
			    !id_set_add(&ids, real)) {
				free(real);
				role_free(r);
				continue;
			}
			free(r->id);
			free(r->rel);
			r->id = real;
			r->rel = xstrdup(real);
		}
		v[n++] = r;
		changed = true;
	}
	/* what was listed and is no more: gone, but kept */
	for (size_t i = 0; i < nolds; i++)
		if (!kept[i]) {
			c->gone = xgrow(c->gone, &c->gone_cap, c->ngone + 1, sizeof *c->gone);
			c->gone[c->ngone++] = olds[i];
			changed = true;
		}
	if (!changed && n == c->n)
		for (size_t i = 0; i < n && !changed; i++)
			changed = v[i] != c->v[i];
	free(c->v);
	c->v = v;
	c->n = n;
	c->cap = cap;
	c->gen += changed;
	id_set_done(&ids);
	free(olds);
	free(kept);
	fresh.n = 0; /* (its roles are c's now, or freed) */
	catalog_done(&fresh);
	return changed;
}
