/*
 * arena.c - the bump allocator behind arena_mem() (see arena.h).
 *
 * Memory is a list of chunks; an allocation is a 16-byte header holding
 * its size, then the caller's bytes, rounded up to 16 (then a red zone
 * under AddressSanitizer).  realloc() grows the newest allocation in
 * place, which is how cmark's buffers mostly grow; any other is copied.
 * free() gives nothing back until the next reset.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE 32
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0
#endif

#define ALIGN 16
#define HEADER 16
#define CHUNK_BYTES (1u << 20)

struct chunk {
	struct chunk *next;
	size_t cap, used; /* bytes of data */
	size_t last;	  /* offset of the newest allocation's header */
	_Alignas(ALIGN) unsigned char data[];
};

static struct chunk *first, *cur;

static size_t
round_up(size_t n)
{
	if (n > SIZE_MAX - HEADER - REDZONE - ALIGN)
		fatal("out of memory (%zu bytes)", n);
	return (HEADER + n + REDZONE + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static struct chunk *
chunk_new(size_t need)
{
	size_t cap = need > CHUNK_BYTES ? need : CHUNK_BYTES;
	struct chunk *c = xmalloc(sizeof *c + cap);

	c->next = NULL;
	c->cap = cap;
	c->used = 0;
	c->last = 0;
	POISON(c->data, cap);
	return c;
}

static void *
alloc(size_t n)
{
	size_t sz = round_up(n);
	unsigned char *h;

	if (cur == NULL)
		first = cur = chunk_new(sz);
	while (cur->cap - cur->used < sz) {
		/* after a reset, later chunks are empty and reused in turn */
		if (cur->next == NULL || cur->next->cap < sz) {
			struct chunk *c = chunk_new(sz);
			c->next = cur->next;
			cur->next = c;
		}
		cur = cur->next;
		cur->used = 0;
	}
	h = cur->data + cur->used;
	UNPOISON(h, HEADER + n);
	memcpy(h, &n, sizeof n);
	cur->last = cur->used;
	cur->used += sz;
	return h + HEADER;
}

static size_t
size_of(void *p)
{
	size_t n;

	memcpy(&n, (unsigned char *)p - HEADER, sizeof n);
	return n;
}

static void *
arena_calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	p = alloc(nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

static void *
arena_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return alloc(n);
	old = size_of(p);
	if ((unsigned char *)p - HEADER == cur->data + cur->last &&
	    cur->last + round_up(n) <= cur->cap) {
		cur->used = cur->last + round_up(n);
		UNPOISON(p, n);
		if (n < old)
			POISON((unsigned char *)p + n, old - n);
		memcpy((unsigned char *)p - HEADER, &n, sizeof n);
		return p;
	}
	q = alloc(n);
	memcpy(q, p, old < n ? old : n);
	POISON(p, old);
	return q;
}

static void
arena_free(void *p)
{
	if (p != NULL)
		POISON(p, size_of(p));
}

static cmark_mem mem = {arena_calloc, arena_realloc, arena_free};

cmark_mem *
arena_mem(void)
{
	return &mem;
}

void
arena_reset(void)
{
	for (struct chunk *c = first; c != NULL; c = c->next) {
		POISON(c->data, c->cap);
		c->used = 0;
		c->last = 0;
	}
	cur = first;
}

void
arena_release(void)
{
	while (first != NULL) {
		struct chunk *next = first->next;
		UNPOISON(first->data, first->cap);
		free(first);
		first = next;
	}
	cur = NULL;
}
