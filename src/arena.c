/*
 * arena.c - the bump allocator behind arena_mem() (see arena.h).
 *
 * Small allocations come from a list of 1 MiB chunks: a 16-byte header
 * (the size, and NULL), then the caller's bytes, rounded up to 16 (then
 * a red zone under AddressSanitizer).  realloc() grows the newest small
 * allocation in place, which is how cmark's buffers mostly grow; any
 * other is copied.  free() gives nothing back until the next reset.
 *
 * Allocations of BIG_BYTES or more (the buffer of a long code block, the
 * parser's line buffer on a long line) get a malloc() block of their own
 * on a doubly linked list, the header's second word pointing at it, so
 * that growing one is a realloc() (for large blocks the C library moves
 * pages, not bytes) instead of a copy left behind in a chunk each time.
 * A reset frees them.
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
#define BIG_BYTES (CHUNK_BYTES / 4)

struct chunk {
	struct chunk *next;
	size_t cap, used; /* bytes of data */
	size_t last;	  /* offset of the newest allocation's header */
	_Alignas(ALIGN) unsigned char data[];
};

/* A big allocation: its header (size, this) sits at the start of data. */
struct big {
	struct big *prev, *next;
	_Alignas(ALIGN) unsigned char data[];
};

static struct chunk *first, *cur;
static struct big *bigs;

struct header {
	size_t size;
	struct big *big; /* NULL for a small allocation */
};

static size_t
round_up(size_t n)
{
	if (n > SIZE_MAX - HEADER - REDZONE - ALIGN - sizeof(struct big))
		fatal("out of memory (%zu bytes)", n);
	return (HEADER + n + REDZONE + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static struct header *
header_of(void *p)
{
	return (struct header *)((unsigned char *)p - HEADER);
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
big_alloc(size_t n)
{
	struct big *b = xmalloc(sizeof *b + HEADER + n);
	struct header h = {n, b};

	b->prev = NULL;
	b->next = bigs;
	if (bigs != NULL)
		bigs->prev = b;
	bigs = b;
	memcpy(b->data, &h, sizeof h);
	return b->data + HEADER;
}

static void *
big_realloc(struct big *b, size_t n)
{
	struct big *nb = realloc(b, sizeof *b + HEADER + n);
	struct header h = {n, nb};

	if (nb == NULL)
		fatal("out of memory (%zu bytes)", n);
	if (nb->prev != NULL)
		nb->prev->next = nb;
	else
		bigs = nb;
	if (nb->next != NULL)
		nb->next->prev = nb;
	memcpy(nb->data, &h, sizeof h);
	return nb->data + HEADER;
}

static void *
alloc(size_t n)
{
	size_t sz;
	unsigned char *p;
	struct header h = {n, NULL};

	if (n >= BIG_BYTES)
		return big_alloc(n);
	sz = round_up(n);
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
	p = cur->data + cur->used;
	UNPOISON(p, HEADER + n);
	memcpy(p, &h, sizeof h);
	cur->last = cur->used;
	cur->used += sz;
	return p + HEADER;
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
	struct header *h;
	size_t old;
	void *q;

	if (p == NULL)
		return alloc(n);
	h = header_of(p);
	old = h->size;
	if (h->big != NULL)
		return big_realloc(h->big, n);
	if ((unsigned char *)h == cur->data + cur->last && n < BIG_BYTES &&
	    cur->last + round_up(n) <= cur->cap) {
		cur->used = cur->last + round_up(n);
		UNPOISON(p, n);
		if (n < old)
			POISON((unsigned char *)p + n, old - n);
		h->size = n;
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
	if (p != NULL && header_of(p)->big == NULL)
		POISON(p, header_of(p)->size);
}

static cmark_mem mem = {arena_calloc, arena_realloc, arena_free};

cmark_mem *
arena_mem(void)
{
	return &mem;
}

static void
free_bigs(void)
{
	while (bigs != NULL) {
		struct big *next = bigs->next;
		free(bigs);
		bigs = next;
	}
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
	free_bigs();
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
	free_bigs();
}
