/*
 * search_text.h - a document's text as the search index keeps it to be
 * scanned (search_text.c): its lines' folded text in one blob, their
 * rendered text in another of the same length (folding keeps each code
 * point's length, so a match's offset is the same in both), and each
 * line's section and title, so that a scan finds and confirms a match
 * without reading the line's row.
 *
 * Line k of a blob is after k newlines.  A line that holds a newline of
 * its own (none that the renderer makes does) makes the document's text
 * blob empty: its candidates are then confirmed from their rows.
 */
#ifndef ROLEBOOK_SEARCH_TEXT_H
#define ROLEBOOK_SEARCH_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* The blobs of one document, built line by line. */
struct search_text_builder {
	struct strbuf folded, text;
	struct strbuf meta;   /* a line's section (int32) and title's offset (uint32), LE */
	struct strbuf titles; /* the titles, each NUL-terminated, the same one once in a row */
	size_t last_title;    /* offset of the last title added */
	bool plain;	      /* no line holds a newline */
};

void search_text_init(struct search_text_builder *b);
void search_text_done(struct search_text_builder *b);

/* Adds a line: its rendered text and folded text (len bytes each), its
 * section (-1: none) and the title it is found under (tlen bytes). */
void search_text_add(struct search_text_builder *b, const char *text, const char *folded,
		     size_t len, int64_t section, const char *title, size_t tlen);

/* The text blob to store: empty when the lines cannot be scanned from it
 * (a line holds a newline). */
const struct strbuf *search_text_plain(const struct search_text_builder *b);

/* One document's blobs, as read back (borrowed). */
struct search_text {
	const char *folded, *text; /* text: NULL (or of another length) when not kept */
	size_t len, text_len;
	const unsigned char *meta;
	size_t meta_len;
	const char *titles;
	size_t titles_len;
};

/* A line found: its rank; with line set (the text blob kept), confirmed
 * by the reader's rule, with where its first match is; with line NULL,
 * a candidate whose row must confirm it. */
struct search_text_match {
	size_t ord;
	int64_t section; /* -1: none */
	const char *title;
	const char *line;
	size_t line_len, at;
};

/* Told of each match; returns 1 when it confirmed (or took) the line, 0
 * when not, or a negative code that ends the scan. */
typedef int search_text_fn(void *arg, const struct search_text_match *m);

/*
 * The lines of t whose folded text holds folded (pat folded, no
 * newline), in order, each told to fn; with first_only, until fn takes
 * one.  *seen is set when folded is in the text at all.  Returns 0, or
 * what fn returned that was negative.
 */
int search_text_scan(const struct search_text *t, const char *pat, const char *folded, bool icase,
		     bool first_only, search_text_fn *fn, void *arg, bool *seen);

#endif
