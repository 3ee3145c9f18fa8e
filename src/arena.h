/*
 * arena.h - a bump allocator for cmark-gfm trees that live a short while.
 *
 * `print` parses a long document one part at a time and drops each
 * part's tree before the next: allocating its nodes and buffers by
 * bumping a pointer through memory that is reused from part to part, and
 * dropping the tree by resetting the pointer, saves malloc and free most
 * of their work and keeps the tree in memory the CPU has just touched.
 *
 * There is one arena per process (cmark_mem callbacks take no context);
 * whoever resets it must know that no tree allocated from it is still in
 * use.  Under AddressSanitizer every allocation is fenced by a poisoned
 * red zone, freed and reset memory is poisoned, and use after a reset is
 * reported as it would be after free().
 */
#ifndef ROLEBOOK_ARENA_H
#define ROLEBOOK_ARENA_H

#include <cmark-gfm.h>

/* The allocator to give cmark_parser_new_with_mem(). */
cmark_mem *arena_mem(void);

/* Forgets everything allocated so far, keeping the memory for reuse. */
void arena_reset(void);

/* Forgets everything and gives the memory back. */
void arena_release(void);

#endif
