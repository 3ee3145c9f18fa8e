/*
 * mdrefs.c - print's reference numbers: one number per URL, however many
 * links lead to it (a hash of the URLs numbered so far, kept across the
 * parts of a document), and the list of them at the document's end.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "mdrender_state.h"
#include "xalloc.h"

static size_t
url_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot of url: where it is, or the empty one where it would go. */
static size_t
slot(const struct mdrefs *m, const char *url)
{
	size_t i = url_hash(url) & (m->cap - 1);

	while (m->url[i] != NULL && strcmp(m->url[i], url) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
grow(struct mdrefs *m)
{
	struct mdrefs old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->url = xcalloc(m->cap, sizeof *m->url);
	m->ref = xcalloc(m->cap, sizeof *m->ref);
	for (size_t i = 0; i < old.cap; i++)
		if (old.url[i] != NULL) {
			size_t j = slot(m, old.url[i]);
			m->url[j] = old.url[i];
			m->ref[j] = old.ref[i];
		}
	free(old.url);
	free(old.ref);
}

uint16_t
mdrefs_number(struct state *st, uint16_t link)
{
	struct render_link *rl = &st->r->links[link - 1];
	struct mdrefs *m = &st->refs;
	size_t i;

	if (rl->shown)
		return rl->ref;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = slot(m, rl->url); /* the url is the render's: it outlives the state */
	if (m->url[i] == NULL) {
		if (st->r->nrefs == UINT16_MAX)
			return 0;
		m->url[i] = rl->url;
		m->ref[i] = ++st->r->nrefs;
		m->n++;
	}
	rl->shown = true;
	rl->ref = m->ref[i];
	return rl->ref;
}

void
mdrefs_free(struct mdrefs *m)
{
	free(m->url);
	free(m->ref);
	memset(m, 0, sizeof *m);
}

/* Each number once, with its URL whole on its line: a long URL passes the
 * width rather than be cut (copying it, or a terminal's link detection,
 * needs it in one piece). */
/* Adds url as one word (md_url_one_word, the rule every URL the render
 * takes went through already): the line holds the whole URL and nothing
 * else. */
static void
put_url(struct lines *l, const char *url, uint16_t link)
{
	char *w = md_url_one_word(xstrdup(url));

	lines_add(l, w, strlen(w), STY_LINK, link);
	free(w);
}

void
mdrefs_list(struct state *st)
{
	struct render *r = st->r;
	uint16_t next = 1;

	if (r->nrefs == 0)
		return;
	st->need_blank = true;
	wrap_open_block(st);
	wrap_run_add(&st->run, "References", 10, STY_HEADING, 0);
	wrap_flow(st, 0);
	for (size_t i = 0; i < r->nlinks; i++) {
		char mark[32];
		if (!r->links[i].shown || r->links[i].ref != next)
			continue;
		next++;
		snprintf(mark, sizeof mark, "[%u] ", (unsigned)r->links[i].ref);
		wrap_begin_line(st, false);
		lines_add(&r->lines, mark, strlen(mark), STY_DIM, 0);
		put_url(&r->lines, r->links[i].url, (uint16_t)(i + 1));
		lines_end(&r->lines);
	}
}
