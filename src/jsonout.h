/*
 * jsonout.h - building the JSON documents rolebook writes (a report, an
 * export) with jansson.
 *
 * Every string goes through text_sanitize() on its way into a document,
 * whatever its source.  Out of memory is fatal (see xalloc.h), so nothing
 * here returns NULL or a failure to check.  A finished document is dumped
 * deterministically: keys sorted, two-space indents, a final newline.
 */
#ifndef ROLEBOOK_JSONOUT_H
#define ROLEBOOK_JSONOUT_H

#include <jansson.h>

/* A new JSON string of s sanitised with flags (enum text_sanitize_flags),
 * or a JSON null for NULL; the caller owns the reference. */
json_t *jsonout_text(const char *s, unsigned flags);

/* A note as jsonout_text() makes it, newlines and tabs kept; NULL and ""
 * (no note) become null. */
json_t *jsonout_note(const char *s);

/* Sets obj[key] to value, taking ownership of value.  A NULL value (a
 * jansson constructor out of memory) is fatal. */
void jsonout_set(json_t *obj, const char *key, json_t *value);

/* Appends value to the array arr, taking ownership of value; as
 * jsonout_set(), a NULL value is fatal. */
void jsonout_push(json_t *arr, json_t *value);

/* doc as text with sorted keys and two-space indents, ending in a newline:
 * a new string, caller frees.  doc stays the caller's. */
char *jsonout_dump(const json_t *doc);

#endif
