/*
 * outline.c - the section finder (see outline.h for the rules).
 */
#include "config.h"

#include <string.h>

#include "markdown.h"
#include "outline.h"
#include "xalloc.h"

/* Lead paragraphs longer than this read as prose, not as a heading. */
#define LEAD_MAX_BYTES 200

bool
outline_is_lead(cmark_node *para)
{
	cmark_node *next = cmark_node_next(para), *last;
	const char *lit;
	size_t n;

	if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH || next == NULL ||
	    cmark_node_get_type(next) != CMARK_NODE_LIST ||
	    cmark_node_get_type(cmark_node_parent(para)) != CMARK_NODE_DOCUMENT)
		return false;
	last = cmark_node_last_child(para);
	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return false;
	lit = cmark_node_get_literal(last);
	n = lit ? strlen(lit) : 0;
	while (n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t'))
		n--;
	if (n == 0 || lit[n - 1] != ':')
		return false;
	/* Cheap length bound before building the text. */
	{
		char *t = md_plain_text(para);
		bool ok = strlen(t) <= LEAD_MAX_BYTES;
		free(t);
		return ok;
	}
}

static void
add(struct outline *o, cmark_node *node, char *title, int level, bool lead)
{
	struct outline_entry *e;

	o->v = xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
	e = &o->v[o->n++];
	e->node = node;
	e->title = title;
	e->level = level;
	e->lead = lead;
}

void
outline_build(struct outline *o, cmark_node *doc)
{
	int heading_level = 1;
	cmark_node *n;

	memset(o, 0, sizeof *o);
	/* Headings can sit inside block quotes and list items too; walk every
	 * block but never into inline content. */
	for (n = cmark_node_first_child(doc); n != NULL;) {
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_HEADING) {
			heading_level = cmark_node_get_heading_level(n);
			add(o, n, md_plain_text(n), heading_level, false);
		} else if (t == CMARK_NODE_PARAGRAPH && outline_is_lead(n)) {
			char *title = md_plain_text(n);
			size_t len = strlen(title);
			while (len > 0 && (title[len - 1] == ':' || title[len - 1] == ' '))
				title[--len] = '\0';
			add(o, n, title, heading_level < 6 ? heading_level + 1 : 6, true);
		}
		if ((t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM) &&
		    cmark_node_first_child(n) != NULL) {
			n = cmark_node_first_child(n);
			continue;
		}
		while (n != NULL && cmark_node_next(n) == NULL && n != doc)
			n = cmark_node_parent(n);
		if (n == NULL || n == doc)
			break;
		n = cmark_node_next(n);
	}
	if (o->n == 0)
		add(o, doc, xstrdup(""), 1, false);
}

void
outline_done(struct outline *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].title);
	free(o->v);
	memset(o, 0, sizeof *o);
}

long
outline_find(const struct outline *o, cmark_node *node, size_t *hint)
{
	if (*hint < o->n && o->v[*hint].node == node)
		return (long)(*hint)++;
	return -1;
}
