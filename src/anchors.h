/*
 * anchors.h - GitHub's anchors of a document's headings.
 */
#ifndef ROLEBOOK_ANCHORS_H
#define ROLEBOOK_ANCHORS_H

#include "outline.h"

/*
 * The outline entry whose anchor is anchor (as a link gives it: %XX
 * escapes decoded here, any case), or -1.  Headings have GitHub's
 * anchors: the slug of their text, and a repeated slug gets "-1", "-2" ...
 * for its second, third ... heading in document order.  Lead paragraphs
 * take no part in that count; their plain slug finds them when no heading
 * has it.
 */
long anchors_find(const struct outline *o, const char *anchor);

#endif
