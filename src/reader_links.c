/*
 * reader_links.c - the reader's links that stay in the text, and what a
 * terminal hyperlink of a link drawn leads to (see reader.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "reader.h"

/* The first line with a span of a link to url, or -1; its span in *span. */
static long
line_with_link(const struct reader *rd, const char *url, uint32_t *span)
{
	const struct lines *l = &rd->r.lines;

	for (size_t i = 0; i < l->n; i++)
		for (uint32_t k = 0; k < l->v[i].nspans; k++) {
			uint16_t id = l->spans[l->v[i].span + k].link;
			if (id != 0 && id <= rd->r.nlinks &&
			    strcmp(rd->r.links[id - 1].url, url) == 0) {
				*span = k;
				return (long)i;
			}
		}
	return -1;
}

bool
reader_follow_note(struct reader *rd, struct app *a, uint16_t id)
{
	char *other;
	struct mark from;
	uint32_t span = 0;
	long line;

	if (id == 0 || id > rd->r.nlinks)
		return false;
	other = mdrender_note_other_end(rd->r.links[id - 1].url);
	if (other == NULL)
		return false;
	reader_need_all(rd); /* the notes come at the end */
	line = line_with_link(rd, other, &span);
	if (line < 0) {
		app_status(a, false, "This footnote is not in the text");
	} else {
		from = reader_mark_at(rd, rd->top);
		reader_scroll_to(rd, line);
		reader_push_mark(rd, from);
		/* the other end is selected: Enter comes back */
		rd->link_line = line;
		rd->link_span = span;
		reader_say_link(rd, a, rd->r.lines.spans[rd->r.lines.v[line].span + span].link);
	}
	free(other);
	return true;
}

void
reader_say_link(struct reader *rd, struct app *a, uint16_t id)
{
	bool back;
	unsigned n;

	if (id == 0 || id > rd->r.nlinks)
		return;
	n = mdrender_note_of(rd->r.links[id - 1].url, &back);
	if (n == 0)
		app_status(a, false, "Link: %s  (Enter follows)", rd->r.links[id - 1].url);
	else if (back)
		app_status(a, false, "Footnote %u  (Enter goes back to its reference)", n);
	else
		app_status(a, false, "Footnote %u  (Enter goes to it)", n);
}

const char *
reader_hyperlink(struct reader *rd, uint16_t id)
{
	struct link_from from = {rd->role->path, rd->role->root, rd->role->top};

	if (id == 0 || id > rd->r.nlinks)
		return NULL;
	return hyperlink_cached(&rd->hc, id, rd->r.links[id - 1].url, &from);
}
