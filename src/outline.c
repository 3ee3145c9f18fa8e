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

/* Every heading and every paragraph of a lead's form in doc, in order;
 * with blocks (if not NULL, freed by the caller) the blocks after each
 * entry up to the next one, and *pre those before the first (a block:
 * one the walk does not go into -- paragraph, code, table, rule, ...). */
static void
scan(struct outline *o, cmark_node *doc, size_t **blocks, size_t *pre)
{
	int heading_level = 1;
	cmark_node *n;
	size_t cap = 0, *b = NULL, count = 0;

	memset(o, 0, sizeof *o);
	*pre = 0;
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
		if (o->n > count) { /* n is the entry o->n - 1 */
			b = xgrow(b, &cap, o->n, sizeof *b);
			b[o->n - 1] = 0;
			count = o->n;
		} else if (count > 0)
			b[count - 1]++;
		else
			(*pre)++;
		while (n != NULL && cmark_node_next(n) == NULL && n != doc)
			n = cmark_node_parent(n);
		if (n == NULL || n == doc)
			break;
		n = cmark_node_next(n);
	}
	if (blocks != NULL)
		*blocks = b;
	else
		free(b);
}

/* What the choice of lead paragraphs looks at: each entry's level,
 * whether it is a lead (right under a heading: `under`), and the blocks
 * after it up to the next entry. */
struct shape {
	int level;
	bool lead, under;
	size_t blocks;
};

static bool
right_under_heading(cmark_node *para)
{
	cmark_node *prev = cmark_node_previous(para);

	return prev != NULL && cmark_node_get_type(prev) == CMARK_NODE_HEADING;
}

/*
 * Which of the n entries' leads are sections by the rules that look only
 * at the document up to the next heading (keep[i] for a lead i), given
 * the blocks before the entries (`before`: of the parts already seen,
 * and pre: before the first entry).  Not a lead right under a heading
 * (the heading heads it), nor one in the part of a heading that has
 * headings below it (they divide that part); and only where the leads
 * divide a stretch the headings leave undivided: two of them or more in
 * the part of one heading (or before the first), a part with more blocks
 * than the whole document before it (there its headings stop: "a
 * document without headings for that part").  Returns how many leads
 * are kept.
 */
static size_t
choose_near(const struct shape *v, size_t n, size_t before, size_t pre, bool *keep)
{
	size_t leads = 0, at = before + (n > 0 && v[0].lead ? 0 : pre); /* blocks before part s */

	for (size_t i = 0; i < n; i++) {
		long p = -1;
		bool divided = false;
		keep[i] = !v[i].lead;
		if (!v[i].lead)
			continue;
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
	}
	/* each part: entries [s, e), a heading at s (or s == 0: the start) */
	for (size_t s = 0, e; s < n; s = e) {
		bool start = v[s].lead;
		size_t k = 0, size = start ? pre : 0, part_before = at;

		for (e = s; e < n && (e == s || v[e].lead); e++) {
			k += v[e].lead && keep[e];
			size += v[e].blocks + (e > s || start);
		}
		for (size_t j = s; j < e; j++)
			if (v[j].lead && keep[j] && (k < 2 || size <= part_before))
				keep[j] = false;
		leads += k >= 2 && size > part_before ? k : 0;
		at += (start ? 0 : 1) + size;
	}
	return leads;
}

static size_t
count_heads(const struct shape *v, size_t n)
{
	size_t heads = 0;

	for (size_t i = 0; i < n; i++)
		heads += !v[i].lead;
	return heads;
}

/* Blocks in the n entries and after them, with pre before the first. */
static size_t
count_blocks(const struct shape *v, size_t n, size_t pre)
{
	for (size_t i = 0; i < n; i++)
		pre += 1 + v[i].blocks;
	return pre;
}

/* keep[i] for every lead set to false */
static void
drop_leads(const struct shape *v, size_t n, bool *keep)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].lead)
			keep[i] = false;
}

/* choose_near(), and none at all when more leads are left than the
 * document has headings. */
static void
choose(const struct shape *v, size_t n, size_t pre, bool *keep)
{
	if (choose_near(v, n, 0, pre, keep) > count_heads(v, n))
		drop_leads(v, n, keep);
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

/* The entries of o as shapes (blocks: scan's, freed here). */
static struct shape *
shapes(const struct outline *o, size_t *blocks)
{
	struct shape *v = xcalloc(o->n ? o->n : 1, sizeof *v);

	for (size_t i = 0; i < o->n; i++)
		v[i] = (struct shape){o->v[i].level, o->v[i].lead,
				      o->v[i].lead && right_under_heading(o->v[i].node), blocks[i]};
	free(blocks);
	return v;
}

void
outline_build(struct outline *o, cmark_node *doc)
{
	struct shape *v;
	size_t *blocks, pre;
	bool *keep;

	scan(o, doc, &blocks, &pre);
	v = shapes(o, blocks);
	keep = xcalloc(o->n ? o->n : 1, sizeof *keep);
	choose(v, o->n, pre, keep);
	filter(o, keep);
	free(keep);
	free(v);
	if (o->n == 0)
		add(o, doc, xstrdup(""), 1, false);
}

/* ---- a document in parts ---- */

void
outline_flow_part(struct outline *o, cmark_node *doc, struct outline_flow *f, int next_level)
{
	struct shape *v;
	bool *keep;
	size_t n, leads, *blocks, pre;

	scan(o, doc, &blocks, &pre);
	v = shapes(o, blocks);
	n = o->n;
	/* the heading that opens the next part closes or divides the last
	 * heading's part as it does in the whole document */
	if (next_level > 0) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = (struct shape){next_level, false, false, 0};
	}
	keep = xcalloc(n ? n : 1, sizeof *keep);
	leads = choose_near(v, n, f->blocks, pre, keep);
	f->heads += count_heads(v, o->n);
	f->blocks += count_blocks(v, o->n, pre);
	/* the last part, with no lead kept before it: the count is known */
	if (next_level == 0 && f->leads == 0 && leads > f->heads)
		f->no_leads = true;
	f->leads += f->no_leads ? 0 : leads;
	if (f->no_leads)
		drop_leads(v, n, keep);
	filter(o, keep);
	free(keep);
	free(v);
	if (o->n == 0)
		add(o, doc, xstrdup(""), 1, false);
}

bool
outline_flow_open(const struct outline_flow *f, size_t more)
{
	return !f->no_leads && f->leads + more > f->heads;
}

/* Whether the first line with text at or after off may open a list (or
 * hold a definition, which leaves the tree and lets a list follow): up to
 * three spaces, then a bullet, a digit or a bracket. */
static bool
list_may_follow(const char *text, size_t len, size_t off)
{
	for (;;) {
		size_t k = 0;

		while (off + k < len && k < 3 && text[off + k] == ' ')
			k++;
		while (off + k < len && (text[off + k] == ' ' || text[off + k] == '\t'))
			k++;
		if (off + k >= len)
			return false;
		if (text[off + k] != '\n')
			break;
		off += k + 1;
	}
	{
		size_t k = 0;
		while (k < 3 && text[off + k] == ' ')
			k++;
		return strchr("-+*[0123456789", text[off + k]) != NULL && text[off + k] != '\0';
	}
}

size_t *
outline_lead_ends(const char *text, size_t len, size_t *n)
{
	size_t *v = NULL, cap = 0, off = 0;

	*n = 0;
	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t e = nl != NULL ? (size_t)(nl - text) : len, k = e;

		while (k > off && (text[k - 1] == ' ' || text[k - 1] == '\t'))
			k--;
		/* ':' itself, or an entity or numeric reference for it, on the
		 * last line of a paragraph a list may follow */
		if (k > off && (text[k - 1] == ':' || text[k - 1] == ';') &&
		    list_may_follow(text, len, e + 1)) {
			v = xgrow(v, &cap, *n + 1, sizeof *v);
			v[(*n)++] = off;
		}
		off = e + 1;
	}
	return v;
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
