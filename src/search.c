/*
 * search.c - plain-text search over styled lines.
 */
#include "config.h"

#include <string.h>

#include "search.h"

bool
search_icase(const char *pat)
{
	for (; *pat; pat++)
		if (*pat >= 'A' && *pat <= 'Z')
			return false;
	return true;
}

static inline unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

long
search_in(const char *s, size_t len, size_t from, const char *pat, size_t plen, bool icase)
{
	if (plen == 0 || len < plen)
		return -1;
	if (!icase) {
		const char *p = from <= len ? memmem(s + from, len - from, pat, plen) : NULL;
		return p ? (long)(p - s) : -1;
	}
	for (size_t i = from; i + plen <= len; i++) {
		size_t k = 0;
		while (k < plen && lower((unsigned char)s[i + k]) == (unsigned char)pat[k])
			k++;
		if (k == plen)
			return (long)i;
	}
	return -1;
}

long
search_across(const struct lines *l, size_t i, const char *pat, size_t plen, bool icase,
              size_t *head)
{
	const struct line *a, *b;
	char buf[512];
	size_t tail, sep, take, from;
	long at;

	if (plen < 2 || plen > 200 || i + 1 >= l->n)
		return -1;
	a = &l->v[i];
	b = &l->v[i + 1];
	if (b->join == JOIN_NONE)
		return -1;
	/* the end of line i (its text, not its prefix), what the break stood
	 * for, and the start of line i + 1's text: a match there that takes
	 * something of both lines crosses the break */
	tail = a->len - a->lead < plen - 1 ? a->len - a->lead : plen - 1;
	sep = b->join == JOIN_SPACE ? 1 : 0;
	take = b->len - b->lead < plen ? b->len - b->lead : plen;
	memcpy(buf, lines_text(l, i) + a->len - tail, tail);
	if (sep)
		buf[tail] = ' ';
	memcpy(buf + tail + sep, lines_text(l, i + 1) + b->lead, take);
	for (from = 0; (at = search_in(buf, tail + sep + take, from, pat, plen, icase)) >= 0;
	     from = (size_t)at + 1) {
		if ((size_t)at >= tail)
			break; /* starts on the next line: not this line's */
		if ((size_t)at + plen > tail + sep) {
			*head = (size_t)at + plen - tail - sep;
			return (long)(a->len - tail + (size_t)at);
		}
	}
	return -1;
}

long
search_lines(const struct lines *l, const char *pat, bool icase, size_t from, int dir,
             bool inclusive, bool *wrapped)
{
	size_t plen = strlen(pat), n = l->n;

	*wrapped = false;
	if (n == 0 || plen == 0)
		return -1;
	if (from >= n)
		from = n - 1;
	for (size_t step = inclusive ? 0 : 1; step <= n; step++) {
		size_t i;
		if (dir > 0) {
			i = (from + step) % n;
			if (from + step >= n)
				*wrapped = true;
		} else {
			i = (from + n - step % n) % n;
			if (step > from)
				*wrapped = true;
		}
		if (search_in(lines_text(l, i), l->v[i].len, 0, pat, plen, icase) >= 0 ||
		    search_across(l, i, pat, plen, icase, &(size_t){0}) >= 0)
			return (long)i;
		if (inclusive && step == n - 1)
			break;
	}
	return -1;
}
