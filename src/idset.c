/*
 * idset.c - a set of borrowed id strings (see idset.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "idset.h"
#include "xalloc.h"

void
id_set_init(struct id_set *set, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	set->slot = xcalloc(cap, sizeof *set->slot);
	set->mask = cap - 1;
	set->n = 0;
}

void
id_set_done(struct id_set *set)
{
	free(set->slot);
}

/* A thousand ids of 40 bytes are hashed before the first frame. */
static size_t
id_hash(const char *id)
{
	size_t n = strlen(id);

	return hash_bytes(id, n, n);
}

static void
id_set_put(struct id_set *set, const char *id, size_t hash)
{
	size_t k = hash & set->mask;

	while (set->slot[k].id != NULL)
		k = (k + 1) & set->mask;
	set->slot[k].id = id;
	set->slot[k].hash = hash;
	set->n++;
}

bool
id_set_add(struct id_set *set, const char *id)
{
	size_t hash = id_hash(id);

	if (2 * (set->n + 1) + 2 > set->mask + 1) { /* twice the slots, again */
		struct id_set bigger;
		id_set_init(&bigger, 2 * (set->n + 1));
		for (size_t i = 0; i <= set->mask; i++)
			if (set->slot[i].id != NULL)
				id_set_put(&bigger, set->slot[i].id, set->slot[i].hash);
		id_set_done(set);
		*set = bigger;
	}
	for (size_t k = hash & set->mask; set->slot[k].id != NULL; k = (k + 1) & set->mask)
		if (set->slot[k].hash == hash && strcmp(set->slot[k].id, id) == 0)
			return false;
	id_set_put(set, id, hash);
	return true;
}
