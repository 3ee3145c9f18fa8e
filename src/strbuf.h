/*
 * strbuf.h - the growable string buffer.
 *
 * One way to build a string piece by piece (as cmark's cmark_strbuf):
 * a struct strbuf starts zeroed (STRBUF_INIT), grows as text is added,
 * always holds a NUL-terminated string once anything was added, and hands
 * its string over with strbuf_take().  Growth cannot fail (xalloc.h).
 */
#ifndef ROLEBOOK_STRBUF_H
#define ROLEBOOK_STRBUF_H

#include <stddef.h>

#include "xalloc.h"

struct strbuf {
	char *s;    /* NULL until something is added; then NUL-terminated */
	size_t len; /* bytes held, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Appends n bytes of s (which may hold NULs). */
void strbuf_add(struct strbuf *b, const char *s, size_t n);

/* Appends the string s. */
void strbuf_puts(struct strbuf *b, const char *s);

/* Appends n copies of byte c (nothing when n <= 0). */
void strbuf_pad(struct strbuf *b, char c, int n);

/* Appends what printf would print. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...) RB_PRINTF(2, 3);

/* The string built (never NULL: "" when nothing was added); the caller
 * frees it with free().  The buffer is left empty, ready for reuse. */
char *strbuf_take(struct strbuf *b);

/* Frees what the buffer holds and leaves it empty. */
void strbuf_free(struct strbuf *b);

#endif
