/*
 * role_offboarding.c - a role's offboarding checklist ("## Offboarding
 * checklist", content/README.md): the steps of stepping down, a second
 * task list in the same item format as the onboarding one (groups under
 * sub-headings, "(required)" and "(form: KEY)" marks), kept apart in
 * r->off_items so that its progress is counted apart; and the link of a
 * checklist item, where the step is done.
 *
 * An offboarding item's id is made from its words like an onboarding
 * item's (content_item_id), so its record is matched the same way.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "role_int.h"
#include "xalloc.h"

char *
role_item_url(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	cmark_iter *it;
	cmark_event_type ev;
	char *url = NULL;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	it = cmark_iter_new(para);
	while (url == NULL && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *u;
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK &&
		    (u = cmark_node_get_url(n)) != NULL && *u != '\0')
			url = xstrdup(u);
	}
	cmark_iter_free(it);
	return url;
}

size_t
role_item_links(cmark_node *item, char ***out)
{
	cmark_node *para = cmark_node_first_child(item);
	cmark_iter *it;
	cmark_event_type ev;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	it = cmark_iter_new(para);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		const char *u;
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(nd) == CMARK_NODE_LINK &&
		    (u = cmark_node_get_url(nd)) != NULL && *u != '\0') {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = xstrdup(u);
		}
	}
	cmark_iter_free(it);
	*out = v;
	return n;
}

void
role_offboarding_add(struct role *r, cmark_node *item, long sec, uint32_t task, bool checked,
		     size_t *cap)
{
	cmark_node *para = cmark_node_first_child(item);
	const struct outline_entry *e = sec >= 0 ? &r->outline.v[sec] : NULL;
	struct check_item *ci;
	char id[13];

	r->off_items = xgrow(r->off_items, cap, r->noff_items + 1, sizeof *r->off_items);
	ci = &r->off_items[r->noff_items++];
	memset(ci, 0, sizeof *ci);
	ci->text = para ? md_plain_text(para) : xstrdup("");
	md_strip_item_marks(ci->text, &ci->required, &ci->form);
	content_item_id(ci->text, id);
	ci->id = xstrdup(id);
	ci->task = task;
	ci->checked = checked;
	ci->url = role_item_url(item);
	ci->nlinks = role_item_links(item, &ci->links);
	/* a sub-heading of the section groups its items, as in onboarding */
	if (e != NULL && e->level > 1 && strcasestr(e->title, "offboarding") == NULL)
		ci->group = xstrdup(e->title);
}

void
role_offboarding_free(struct role *r)
{
	for (size_t i = 0; i < r->noff_items; i++) {
		free(r->off_items[i].id);
		free(r->off_items[i].text);
		free(r->off_items[i].group);
		free(r->off_items[i].form);
		free(r->off_items[i].url);
		for (size_t k = 0; k < r->off_items[i].nlinks; k++)
			free(r->off_items[i].links[k]);
		free(r->off_items[i].links);
	}
	free(r->off_items);
	r->off_items = NULL;
	r->noff_items = 0;
}
