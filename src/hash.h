/*
 * hash.h - one hash of bytes for the hash tables that need speed (ids in
 * the catalogue's walk, paths in the search index): eight bytes at a time,
 * seeded, so that a table can hash a part of a key and mix in the rest.
 */
#ifndef ROLEBOOK_HASH_H
#define ROLEBOOK_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline size_t
hash_bytes(const char *s, size_t n, uint64_t seed)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ seed, w;

	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	return (size_t)(h ^ h >> 29);
}

#endif
