/*
 * item_why.c - where a role explains a checklist step: the section that
 * Enter on the checklist opens (see checklist_why()).
 *
 * A step's own link into the role wins; otherwise the section of the
 * role's text (not a checklist, statements or sources) whose title and
 * text share the most of the step's words, titles counting three times;
 * otherwise the heading the step is grouped under.  Pure: the role's
 * parsed tree in, an outline index out.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "links.h"
#include "strbuf.h"
#include "xalloc.h"

/* Words too common in a handbook to say what a step is about. */
static const char *const COMMON[] = {
    "about", "after", "also",  "been",	"before", "from",  "have", "into",
    "more",  "once",  "other", "role",	"that",	  "their", "them", "they",
    "this",  "when",  "what",  "which", "will",	  "with",  "your", "yours",
};

static bool
common(const char *w)
{
	for (size_t i = 0; i < sizeof COMMON / sizeof COMMON[0]; i++)
		if (strcmp(COMMON[i], w) == 0)
			return true;
	return false;
}

/* The distinct lower-case words of at least 4 letters of text, not
 * common, as "\0"-separated strings in *out; returns how many. */
static size_t
words_of(const char *text, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = text;

	while (*p != '\0') {
		size_t len = 0;
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		while (isalnum((unsigned char)p[len]))
			len++;
		if (len >= 4) {
			char *w = xstrndup(p, len);
			bool dup = false;
			for (char *c = w; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			for (size_t i = 0; i < n && !dup; i++)
				dup = strcmp(v[i], w) == 0;
			if (dup || common(w)) {
				free(w);
			} else {
				v = xgrow(v, &cap, n + 1, sizeof *v);
				v[n++] = w;
			}
		}
		p += len;
	}
	*out = v;
	return n;
}

/* How many of the words occur in hay (lower case) as words. */
static int
hits(char *const *w, size_t n, const char *hay)
{
	int h = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(w[i]);
		for (const char *p = strstr(hay, w[i]); p != NULL; p = strstr(p + 1, w[i]))
			if ((p == hay || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[len])) {
				h++;
				break;
			}
	}
	return h;
}

/* The lower-case text of the nodes after heading up to the next heading. */
static char *
body_of(cmark_node *heading)
{
	struct strbuf b = {0};

	for (cmark_node *n = cmark_node_next(heading);
	     n != NULL && cmark_node_get_type(n) != CMARK_NODE_HEADING; n = cmark_node_next(n)) {
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
	for (size_t i = 0; i < b.len; i++)
		b.s[i] = (char)tolower((unsigned char)b.s[i]);
	return strbuf_take(&b);
}

static char *
lower(const char *s)
{
	char *c = xstrdup(s);

	for (char *p = c; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return c;
}

long
checklist_why(const struct role *r, const struct check_item *it)
{
	const struct outline *o = &r->outline;
	char **w;
	size_t nw = words_of(it->text, &w);
	long best = -1;
	int best_score = 1; /* one shared word is chance */

	for (size_t i = 0; i < o->n; i++) {
		enum section_kind k = r->kinds[i];
		char *title, *body;
		int score;

		if (o->v[i].lead || cmark_node_get_type(o->v[i].node) != CMARK_NODE_HEADING ||
		    (k != SEC_OTHER && k != SEC_SKILLS))
			continue;
		title = lower(o->v[i].title);
		body = body_of(o->v[i].node);
		score = 3 * hits(w, nw, title) + hits(w, nw, body);
		free(title);
		free(body);
		if (score > best_score) {
			best_score = score;
			best = (long)i;
		}
	}
	for (size_t i = 0; i < nw; i++)
		free(w[i]);
	free(w);
	/* no section says more: the heading the step is listed under */
	for (size_t i = 0; best < 0 && i < o->n; i++)
		if ((r->kinds[i] == SEC_CHECKLIST || r->kinds[i] == SEC_OFFBOARDING) &&
		    it->group != NULL && strcmp(o->v[i].title, it->group) == 0)
			best = (long)i;
	if (best < 0)
		best = role_section_of_kind(r, r->noff_items > 0 && it >= r->off_items &&
						       it < r->off_items + r->noff_items
						   ? SEC_OFFBOARDING
						   : SEC_CHECKLIST);
	return best;
}

static bool
is_role(const char *id, void *arg)
{
	return strcmp(id, ((const struct role *)arg)->id) == 0;
}

bool
checklist_link_in_role(const struct role *r, const struct check_item *it)
{
	struct link_from from = {r->path, NULL, is_role, (void *)r};
	struct link_target t;
	bool in;

	if (it->url == NULL)
		return false;
	links_resolve(&from, it->url, &t);
	in = t.kind == LINK_ANCHOR || (t.kind == LINK_ROLE && strcmp(t.id, r->id) == 0);
	if (t.kind == LINK_FILE) { /* the role's own file, by path */
		char *self = realpath(r->path, NULL);
		in = self != NULL && strcmp(self, t.file) == 0;
		free(self);
	}
	in = in && t.anchor != NULL && *t.anchor != '\0';
	link_target_done(&t);
	return in;
}
