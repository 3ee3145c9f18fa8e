/*
 * search.c - plain-text search over styled lines.
 *
 * Smart case: a pattern with no upper-case letter matches any case, with
 * the same case folding as anchors (text_fold_cp()), so "émile" finds
 * "Émile" and "проект" finds "Проект".
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "search.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

bool
search_icase(const char *pat)
{
	size_t len = strlen(pat);

	for (size_t i = 0; i < len;) {
		uint32_t c;

		i += text_decode(pat + i, len - i, &c);
		if (text_fold_cp(c) != c)
			return false;
	}
	return true;
}

size_t
search_line_body(const struct lines *l, size_t i)
{
	const char *t = lines_text(l, i);
	size_t from = l->v[i].lead;

	while (from < l->v[i].len && t[from] == ' ')
		from++;
	return from;
}

void
search_join_line(struct strbuf *sb, const struct lines *l, size_t i, bool more)
{
	const char *t = lines_text(l, i);
	size_t from = 0;

	if (more) {
		from = search_line_body(l, i);
		if (l->v[i].join == JOIN_SPACE)
			strbuf_add(sb, " ", 1);
	}
	strbuf_add(sb, t + from, l->v[i].len - from);
}

char *
search_fold(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);

	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = text_decode(s + i, len - i, &c);

		if (c == 0xfffd)
			memcpy(out + i, s + i, n); /* invalid bytes stay as they are */
		else
			text_encode(text_fold_cp(c), out + i);
		i += n;
	}
	out[len] = '\0';
	return out;
}

/* The bytes of s[0..len) that match pat[0..plen) with case folded, or 0.
 * Folding keeps each code point's UTF-8 length, so a match is plen long. */
static size_t
match_folded(const char *s, size_t len, const char *pat, size_t plen)
{
	size_t i = 0, k = 0;

	while (k < plen) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)pat[k];
		uint32_t ca, cb;
		size_t na, nb;

		if (i >= len)
			return 0;
		if (a < 0x80 && b < 0x80) { /* the common case: ASCII */
			if (text_fold_cp(a) != text_fold_cp(b))
				return 0;
			i++;
			k++;
			continue;
		}
		na = text_decode(s + i, len - i, &ca);
		nb = text_decode(pat + k, plen - k, &cb);
		if (ca == 0xfffd || cb == 0xfffd) {
			/* invalid bytes decode alike: they match only themselves */
			if (na != nb || memcmp(s + i, pat + k, na) != 0)
				return 0;
		} else if (text_fold_cp(ca) != text_fold_cp(cb)) {
			return 0;
		}
		i += na;
		k += nb;
	}
	return i;
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
		/* a match starts on a character, never inside one */
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (match_folded(s + i, len - i, pat, plen) > 0)
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
	size_t tail, sep, take, from, bstart;
	long at;

	if (plen < 2 || plen > 200 || i + 1 >= l->n)
		return -1;
	a = &l->v[i];
	b = &l->v[i + 1];
	if (b->join == JOIN_NONE)
		return -1;
	bstart = search_line_body(l, i + 1); /* as search_join_line joins it */
	/* the end of line i (its text, not its prefix), what the break stood
	 * for, and the start of line i + 1's text: a match there that takes
	 * something of both lines crosses the break */
	tail = a->len - a->lead < plen - 1 ? a->len - a->lead : plen - 1;
	sep = b->join == JOIN_SPACE ? 1 : 0;
	take = b->len - bstart < plen ? b->len - bstart : plen;
	memcpy(buf, lines_text(l, i) + a->len - tail, tail);
	if (sep)
		buf[tail] = ' ';
	memcpy(buf + tail + sep, lines_text(l, i + 1) + bstart, take);
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
