/*
 * search.h - finding text in rendered lines.
 *
 * Smart case: a pattern with no upper-case letter matches any case;
 * letters are folded by text_fold_cp(), as anchors are.
 */
#ifndef ROLEBOOK_SEARCH_H
#define ROLEBOOK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lines.h"

/* True when pat should match case-insensitively. */
bool search_icase(const char *pat);

/* s[0..len) with every letter folded (a new string, NUL-terminated, as
 * long as s): a pattern folded so is found in a text folded so exactly
 * where search_in() with icase finds it in the text (the search index's
 * key). */
char *search_fold(const char *s, size_t len);

/*
 * Adds line i of l to sb as part of one run of lines: the first whole;
 * one that goes on (more) after a wrap without its lead and indent, after
 * what the break stood for (a space or nothing).  The run is the line of
 * a search across documents (search_index.c) and what the reader finds
 * such a line by.
 */
struct strbuf;
void search_join_line(struct strbuf *sb, const struct lines *l, size_t i, bool more);

/* Byte offset of the first match of pat in s[from..len), or -1. */
long search_in(const char *s, size_t len, size_t from, const char *pat, size_t plen, bool icase);

/*
 * Where the text of line i, a line a break continues, starts: past its
 * prefix (lead) and the blanks of its hang (a stacked table value's later
 * lines are indented by spaces that are text, not prefix).
 */
size_t search_line_body(const struct lines *l, size_t i);

/*
 * A match of pat that starts on line i and goes on to line i + 1, where
 * i + 1 continues i's text after a wrap (struct line's join): its byte
 * offset on line i, with *head set to the bytes of line i + 1's text
 * (from search_line_body) that it takes; -1 when there is none.  A match longer
 * than two lines is not looked for.
 */
long search_across(const struct lines *l, size_t i, const char *pat, size_t plen, bool icase,
		   size_t *head);

/*
 * The next line after `from` (dir > 0) or before it (dir < 0) that holds
 * a match, or where one starts that goes on to the next line, wrapping around the ends (*wrapped
 * tells); `from` itself is looked at last.  Returns -1 when no line matches.  With inclusive set,
 * `from` is looked at first (for incremental search).
 */
long search_lines(const struct lines *l, const char *pat, bool icase, size_t from, int dir,
		  bool inclusive, bool *wrapped);

#endif
