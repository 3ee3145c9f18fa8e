/*
 * xalloc.h - allocation that cannot fail, and fatal().
 *
 * Out of memory is the one error rolebook does not recover from: every
 * allocator here either returns memory or calls fatal(), which runs the
 * registered cleanup hook (the terminal layer uses it to end curses) before
 * printing, so the message is never lost on an alternate screen.
 */
#ifndef ROLEBOOK_XALLOC_H
#define ROLEBOOK_XALLOC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#if defined(__GNUC__)
#define RB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define RB_NORETURN __attribute__((noreturn))
#else
#define RB_PRINTF(f, a)
#define RB_NORETURN
#endif

/* Each returns new memory the caller frees with free(); never NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) RB_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) RB_PRINTF(1, 0);

/* Sets *dst to a new formatted string (caller frees) and frees the one it
 * held, after formatting, so an argument may be *dst itself.  Does nothing
 * when dst is NULL: made for optional out-parameters such as char **detail. */
void xreplacef(char **dst, const char *fmt, ...) RB_PRINTF(2, 3);

/* Grows *array (of *cap elements of size bytes) to hold at least need.
 * The check that usually finds room is inline: it runs for every word. */
void *xgrow_slow(void *array, size_t *cap, size_t need, size_t size);
static inline void *
xgrow(void *array, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? array : xgrow_slow(array, cap, need, size);
}

/* Registers the function fatal() calls before printing (one at a time). */
void xalloc_set_cleanup(void (*cleanup)(void));

/* Prints "rolebook: message" to stderr after the cleanup hook and exits 70. */
void fatal(const char *fmt, ...) RB_PRINTF(1, 2) RB_NORETURN;

#endif
