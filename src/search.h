/*
 * search.h - finding text in rendered lines.
 *
 * Smart case: a pattern with no upper-case letter matches any case
 * (ASCII letters; other scripts match exactly).
 */
#ifndef ROLEBOOK_SEARCH_H
#define ROLEBOOK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lines.h"

/* True when pat should match case-insensitively. */
bool search_icase(const char *pat);

/* Byte offset of the first match of pat in s[from..len), or -1. */
long search_in(const char *s, size_t len, size_t from, const char *pat, size_t plen, bool icase);

/*
 * The next line after `from` (dir > 0) or before it (dir < 0) that holds
 * a match, wrapping around the ends (*wrapped tells); `from` itself is
 * looked at last.  Returns -1 when no line matches.  With inclusive set,
 * `from` is looked at first (for incremental search).
 */
long search_lines(const struct lines *l, const char *pat, bool icase, size_t from, int dir,
                  bool inclusive, bool *wrapped);

#endif
