/*
 * role_text.h - a role's text as the role screen shows it: the one
 * rendering that the reader draws and the search index reads
 * (reader_text.c).
 */
#ifndef ROLEBOOK_ROLE_TEXT_H
#define ROLEBOOK_ROLE_TEXT_H

#include <stddef.h>

#include "content.h"
#include "mdrender.h"

/* 1 when a title given only in front matter heads the text as a section
 * of its own (the render's section 0), else 0: the render numbers its
 * sections that many after the outline's. */
size_t role_render_base(const struct role *r);

/* Renders loaded role r into out (initialised, empty) with o. */
void role_render(const struct role *r, size_t base, const struct mdrender_opts *o,
		 struct render *out);

#endif
