/*
 * idset.h - a set of borrowed id strings (open addressing, at most half
 * full), each with its hash: grown without hashing again, compared only
 * on equal hashes.  The catalogue's walk and its refresh keep the ids
 * they have seen in one.
 */
#ifndef ROLEBOOK_IDSET_H
#define ROLEBOOK_IDSET_H

#include <stdbool.h>
#include <stddef.h>

struct id_set {
	struct id_slot {
		const char *id;
		size_t hash;
	} * slot;
	size_t mask, n;
};

/* An empty set with room for n ids before it grows. */
void id_set_init(struct id_set *set, size_t n);
void id_set_done(struct id_set *set);
/* Adds id (borrowed: it must outlive the set); false if it was there. */
bool id_set_add(struct id_set *set, const char *id);

#endif
