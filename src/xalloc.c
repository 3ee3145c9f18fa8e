/*
 * xalloc.c - allocators that call fatal() instead of returning NULL.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void (*cleanup_hook)(void);

void
xalloc_set_cleanup(void (*cleanup)(void))
{
	cleanup_hook = cleanup;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (cleanup_hook != NULL) {
		void (*hook)(void) = cleanup_hook;

		cleanup_hook = NULL; /* a failing hook must not recurse */
		hook();
	}
	fputs("rolebook: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu bytes)", nmemb, size);
	p = realloc(ptr, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xgrow_slow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap;

	if (need <= n)
		return array;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			fatal("allocation overflow");
		n *= 2;
	}
	array = xreallocarray(array, n, size);
	*cap = n;
	return array;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	int len;
	char *p;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy); /* NULL, 0: measure only */
	va_end(copy);
	if (len < 0)
		fatal("bad format string");
	p = xmalloc((size_t)len + 1);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
xreplacef(char **dst, const char *fmt, ...)
{
	va_list ap;
	char *p;

	if (dst == NULL)
		return;
	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	free(*dst);
	*dst = p;
}
