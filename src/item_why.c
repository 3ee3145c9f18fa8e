/*
 * item_why.c - where a role explains a checklist step: the section that
 * Enter on the checklist opens (see checklist_why()).
 *
 * A step's own link into the role wins (view_checklist.c); otherwise the
 * section or lead paragraph of the role's text (never its title, a
 * checklist, statements or sources) sharing the step's rarest words,
 * each word weighed by how few sections hold it, with stop words, the
 * role's name and words found in over a third of the sections ignored,
 * when the evidence is enough; otherwise the step's own place, the
 * heading it is listed under.  Pure: the role's parsed tree in, an
 * outline index out.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "links.h"
#include "outline.h"
#include "strbuf.h"
#include "xalloc.h"

/* Words too common in a handbook to say what a step is about (verbs any
 * step may use, and "community": every role serves one). */
static const char *const COMMON[] = {
    "about",   "after",	   "against", "already",   "also",    "become",	  "been",    "before",
    "change",  "check",	   "choose",  "community", "contact", "could",	  "current", "does",
    "down",    "each",	   "every",   "existing",  "find",    "first",	  "follow",  "from",
    "good",    "hand",	   "have",    "including", "into",    "least",	  "list",    "make",
    "more",    "name",	   "next",    "note",	   "once",    "open",	  "other",   "read",
    "request", "right",	   "role",    "some",	   "sure",    "take",	  "tell",    "that",
    "their",   "them",	   "there",   "they",	   "this",    "together", "update",  "what",
    "when",    "where",	   "which",   "will",	   "with",    "work",	  "write",   "your",
    "yours",   "yourself",
};

static bool
common(const char *w)
{
	for (size_t i = 0; i < sizeof COMMON / sizeof COMMON[0]; i++)
		if (strcmp(COMMON[i], w) == 0)
			return true;
	return false;
}

/* A word's plain form: lower case, a plural's "s" dropped. */
static char *
word_form(const char *p, size_t len)
{
	char *w = xstrndup(p, len);

	for (char *c = w; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (len > 4 && w[len - 1] == 's' && w[len - 2] != 's')
		w[len - 1] = '\0';
	return w;
}

struct words {
	char **v;
	size_t n, cap;
};

static bool
words_has(const struct words *ws, const char *w)
{
	for (size_t i = 0; i < ws->n; i++)
		if (strcmp(ws->v[i], w) == 0)
			return true;
	return false;
}

/* Adds the distinct words of at least 4 letters of text that are neither
 * common nor in skip (may be NULL). */
static void
words_add(struct words *ws, const char *text, const struct words *skip)
{
	const char *p = text;

	while (*p != '\0') {
		size_t len = 0;
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		while (isalnum((unsigned char)p[len]))
			len++;
		if (len >= 4) {
			char *w = word_form(p, len);
			if (words_has(ws, w) || common(w) || (skip && words_has(skip, w))) {
				free(w);
			} else {
				ws->v = xgrow(ws->v, &ws->cap, ws->n + 1, sizeof *ws->v);
				ws->v[ws->n++] = w;
			}
		}
		p += len;
	}
}

static void
words_done(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->v[i]);
	free(ws->v);
}

/* A node that starts an outline entry. */
static bool
starts_entry(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING ||
	       (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && outline_is_lead(n));
}

/* The text of the nodes after an entry's node up to the next entry. */
static char *
body_of(cmark_node *start)
{
	struct strbuf b = {0};

	for (cmark_node *n = cmark_node_next(start); n != NULL && !starts_entry(n);
	     n = cmark_node_next(n)) {
		cmark_iter *it = cmark_iter_new(n);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *t = cmark_iter_get_node(it);
			const char *lit;
			if (ev == CMARK_EVENT_ENTER &&
			    (cmark_node_get_type(t) == CMARK_NODE_TEXT ||
			     cmark_node_get_type(t) == CMARK_NODE_CODE) &&
			    (lit = cmark_node_get_literal(t)) != NULL) {
				strbuf_puts(&b, lit);
				strbuf_puts(&b, " ");
			}
		}
		cmark_iter_free(it);
	}
	strbuf_puts(&b, "");
	return strbuf_take(&b);
}

/* An entry that can explain a step: a section (heading or lead paragraph
 * under the title) of the role's own text. */
static bool
explains(const struct role *r, size_t i)
{
	enum section_kind k = r->kinds[i];

	return r->outline.v[i].level > 1 && (k == SEC_OTHER || k == SEC_SKILLS);
}

void
why_rank(const struct role *r, const struct check_item *it, struct why_rank *out)
{
	const struct outline *o = &r->outline;
	struct words skip = {0}, item = {0};
	struct words *sec = xcalloc(o->n ? o->n : 1, sizeof *sec);
	struct words *title = xcalloc(o->n ? o->n : 1, sizeof *title);
	size_t nsec = 0;

	/* the role's own name says nothing about a step of it */
	words_add(&skip, r->title ? r->title : "", NULL);
	words_add(&item, it->text, &skip);
	for (size_t i = 0; i < o->n; i++) {
		char *body;
		if (!explains(r, i))
			continue;
		nsec++;
		words_add(&title[i], o->v[i].title, &skip);
		words_add(&sec[i], o->v[i].title, &skip);
		body = body_of(o->v[i].node);
		words_add(&sec[i], body, &skip);
		free(body);
	}
	out->entry = -1;
	out->score = 0;
	out->word[0] = '\0';
	/* a word's weight: how rare it is among the sections (their number
	 * over the number holding it, doubled in a title); a word in
	 * more than a third of them is the role's ubiquitous vocabulary */
	for (size_t i = 0; i < o->n; i++) {
		double score = 0, top = 0;
		const char *topw = NULL;
		size_t shared = 0;
		bool in_title = false;
		if (!explains(r, i))
			continue;
		for (size_t k = 0; k < item.n; k++) {
			size_t df = 0;
			double wt;
			if (!words_has(&sec[i], item.v[k]))
				continue;
			for (size_t j = 0; j < o->n; j++)
				df += words_has(&sec[j], item.v[k]);
			if (df > 1 && 3 * df > nsec)
				continue;
			wt = (double)(nsec + 1) / (double)df;
			if (words_has(&title[i], item.v[k])) {
				wt *= 2;
				in_title = true;
			}
			shared++;
			score += wt;
			if (wt > top) {
				top = wt;
				topw = item.v[k];
			}
		}
		/* minimum evidence: two shared words, or one in the title */
		if (shared < 2 && !in_title)
			continue;
		if (score > out->score) {
			out->score = score;
			out->entry = (long)i;
			snprintf(out->word, sizeof out->word, "%s", topw);
		}
	}
	/* and together as rare as a word in at most two sections */
	out->min = (double)(nsec + 1) / 2.0;
	for (size_t i = 0; i < o->n; i++) {
		words_done(&sec[i]);
		words_done(&title[i]);
	}
	free(sec);
	free(title);
	words_done(&item);
	words_done(&skip);
}

/* The entry of the heading a step is listed under, or of its list. */
long
why_place(const struct role *r, const struct check_item *it)
{
	const struct outline *o = &r->outline;
	bool off = r->noff_items > 0 && it >= r->off_items && it < r->off_items + r->noff_items;
	enum section_kind want = off ? SEC_OFFBOARDING : SEC_CHECKLIST;

	size_t glen = it->group ? strlen(it->group) : 0;

	/* the heading's title may still carry its marks: "First week (due: 7 days)" */
	for (size_t i = 0; it->group != NULL && i < o->n; i++)
		if (r->kinds[i] == want && strncmp(o->v[i].title, it->group, glen) == 0 &&
		    (o->v[i].title[glen] == '\0' || o->v[i].title[glen] == ' '))
			return (long)i;
	return role_section_of_kind(r, want);
}

long
checklist_why(const struct role *r, const struct check_item *it)
{
	struct why_rank w;

	why_rank(r, it, &w);
	if (w.entry >= 0 && w.score >= w.min)
		return w.entry;
	/* no section says enough: the step's own place in the checklist */
	return why_place(r, it);
}

bool
checklist_link_in_role(const struct role *r, const struct check_item *it)
{
	struct link_from from = {r->path, r->root, r->top};
	struct link_target t;
	bool in;

	if (it->url == NULL)
		return false;
	links_resolve(&from, it->url, &t);
	in = t.kind == LINK_ANCHOR;
	if (t.kind == LINK_FILE) { /* the role's own file, by path */
		char *self = realpath(r->path, NULL);
		in = self != NULL && strcmp(self, t.file) == 0;
		free(self);
	}
	in = in && t.anchor != NULL && *t.anchor != '\0';
	link_target_done(&t);
	return in;
}
