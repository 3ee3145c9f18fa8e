/*
 * mdlabels.h - which link reference definitions a stretch of text may use.
 *
 * A part of a long document (mdstream.h) is parsed after the regions of
 * the document that define links; it needs only those that define a label
 * the part may look up.  A label is keyed by its first word, ASCII letters
 * folded to lower case: two labels CommonMark matches (case folded,
 * blanks collapsed, trimmed) have the same first word, so equal keys are a
 * superset of matches (a hash collision only adds a region).  A label
 * whose first word cannot be told that way (a byte past ASCII, which case
 * folding may match to another, or nothing on its first line) has no key.
 */
#ifndef ROLEBOOK_MDLABELS_H
#define ROLEBOOK_MDLABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum md_label { MD_LABEL_KEY, MD_LABEL_EMPTY, MD_LABEL_ANY };

/* The key of the label whose text starts at p (just after its '[') and
 * runs to e at most: MD_LABEL_KEY with *key set, MD_LABEL_EMPTY for a
 * blank label before ']' (it matches nothing), or MD_LABEL_ANY. */
enum md_label md_label_key(const char *p, const char *e, uint64_t *key);

/*
 * Calls use(key, arg) for every label a link in text[0..len) may look
 * up: each stretch from a '[' to the next ']' with no '[' between
 * (backslash escapes skipped), a superset of what the inline parser
 * tries.  Returns false at the first whose key cannot be told: then the
 * text may use any definition.
 */
bool md_label_uses(const char *text, size_t len, void (*use)(uint64_t key, void *arg), void *arg);

#endif
