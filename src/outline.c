/*
 * outline.c - the section finder (see outline.h for the rules).
 */
#include "config.h"

#include <string.h>

#include "due.h"
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

/* Every heading and every paragraph of a lead's form in doc, in order. */
static void
scan(struct outline *o, cmark_node *doc)
{
	int heading_level = 1;
	cmark_node *n;

	memset(o, 0, sizeof *o);
	/* Headings can sit inside block quotes and list items too; walk every
	 * block but never into inline content. */
	for (n = cmark_node_first_child(doc); n != NULL;) {
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_HEADING) {
			char *title = md_plain_text(n);
			struct due_mark m;

			heading_level = cmark_node_get_heading_level(n);
			due_strip_mark(title, &m); /* a checklist group's (due.c) */
			add(o, n, title, heading_level, false);
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
}

/* What the choice of lead paragraphs looks at: each entry's level, and
 * whether it is a lead (right under a heading: `under`). */
struct shape {
	int level;
	bool lead, under;
};

static bool
right_under_heading(cmark_node *para)
{
	cmark_node *prev = cmark_node_previous(para);

	return prev != NULL && cmark_node_get_type(prev) == CMARK_NODE_HEADING;
}

/*
 * Which of the n entries' leads are sections (keep[i] for a lead i):
 * not one right under a heading (the heading heads it), nor one in the
 * part of a heading that has headings below it (they divide that part),
 * and none at all when more are left than the document has headings.
 */
static void
choose(const struct shape *v, size_t n, bool *keep)
{
	size_t heads = 0, leads = 0;

	for (size_t i = 0; i < n; i++) {
		long p = -1;
		bool divided = false;
		keep[i] = !v[i].lead;
		if (!v[i].lead) {
			heads++;
			continue;
		}
		for (size_t j = i; j-- > 0;)
			if (!v[j].lead) {
				p = (long)j;
				break;
			}
		/* the part of heading p: up to the next heading not below it
		 * (before the first heading: up to it, undivided) */
		for (size_t j = (size_t)(p + 1); p >= 0 && j < n && !divided; j++) {
			if (v[j].lead)
				continue;
			if (v[j].level <= v[p].level)
				break;
			divided = true;
		}
		keep[i] = !divided && !v[i].under;
		leads += keep[i];
	}
	for (size_t i = 0; i < n && leads > heads; i++)
		if (v[i].lead)
			keep[i] = false;
}

/* o without the leads keep leaves out (keep[i] for o->v[i]). */
static void
filter(struct outline *o, const bool *keep)
{
	size_t n = 0;

	for (size_t i = 0; i < o->n; i++) {
		if (!keep[i]) {
			free(o->v[i].title);
			continue;
		}
		o->v[n++] = o->v[i];
	}
	o->n = n;
}

static struct shape *
shapes(const struct outline *o)
{
	struct shape *v = xcalloc(o->n ? o->n : 1, sizeof *v);

	for (size_t i = 0; i < o->n; i++)
		v[i] = (struct shape){o->v[i].level, o->v[i].lead,
				      o->v[i].lead && right_under_heading(o->v[i].node)};
	return v;
}

void
outline_build(struct outline *o, cmark_node *doc)
{
	struct shape *v;
	bool *keep;

	scan(o, doc);
	v = shapes(o);
	keep = xcalloc(o->n ? o->n : 1, sizeof *keep);
	choose(v, o->n, keep);
	filter(o, keep);
	free(keep);
	free(v);
	if (o->n == 0)
		add(o, doc, xstrdup(""), 1, false);
}

/* ---- a document in parts ---- */

struct outline_plan {
	struct shape *v; /* every part's entries, in order */
	size_t n, cap;
	bool *keep;   /* after outline_plan_end(): for each lead, in order */
	size_t nkeep; /* how many leads */
	size_t next;  /* the next lead outline_build_part() meets */
};

struct outline_plan *
outline_plan_new(void)
{
	return xcalloc(1, sizeof(struct outline_plan));
}

void
outline_plan_add(struct outline_plan *p, cmark_node *doc)
{
	struct outline o;
	struct shape *v;

	scan(&o, doc);
	v = shapes(&o);
	p->v = xgrow(p->v, &p->cap, p->n + o.n + 1, sizeof *p->v);
	memcpy(p->v + p->n, v, o.n * sizeof *v);
	p->n += o.n;
	free(v);
	outline_done(&o);
}

void
outline_plan_restart(struct outline_plan *p)
{
	p->n = 0;
}

void
outline_plan_end(struct outline_plan *p)
{
	bool *keep = xcalloc(p->n ? p->n : 1, sizeof *keep);

	choose(p->v, p->n, keep);
	free(p->keep);
	p->keep = xcalloc(p->n ? p->n : 1, sizeof *p->keep);
	p->nkeep = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].lead)
			p->keep[p->nkeep++] = keep[i];
	p->next = 0;
	free(keep);
}

void
outline_plan_rewind(struct outline_plan *p)
{
	p->next = 0;
}

void
outline_build_part(struct outline *o, cmark_node *doc, struct outline_plan *p)
{
	bool *keep;

	scan(o, doc);
	keep = xcalloc(o->n ? o->n : 1, sizeof *keep);
	for (size_t i = 0; i < o->n; i++)
		keep[i] = !o->v[i].lead || (p->next < p->nkeep && p->keep[p->next++]);
	filter(o, keep);
	free(keep);
	if (o->n == 0)
		add(o, doc, xstrdup(""), 1, false);
}

void
outline_plan_free(struct outline_plan *p)
{
	if (p == NULL)
		return;
	free(p->v);
	free(p->keep);
	free(p);
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
