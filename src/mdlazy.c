/*
 * mdlazy.c - a document laid out part by part, when asked for (see
 * mdlazy.h; the parts are mdparts.c's, taken one at a time).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "mdlabels.h"
#include "mdlazy.h"
#include "mdstream.h"
#include "strbuf.h"
#include "xalloc.h"

void
md_lazy_init(struct md_lazy *z, const char *body, size_t len, const char *title,
	     const struct mdrender_opts *o, struct render *r)
{
	memset(z, 0, sizeof *z);
	z->body = body;
	z->len = len;
	z->title = title != NULL && *title != '\0' ? title : NULL;
	z->opts = *o;
	z->r = r;
	render_done(r);
	render_init(r);
}

/* Drops what was laid out: the next step begins at the top (keeping the
 * flow's no_leads, which only grows). */
static void
begin(struct md_lazy *z)
{
	md_stream_free(z->s);
	z->s = NULL;
	outline_done(&z->ol);
	render_done(z->r);
	render_init(z->r);
	z->f.heads = z->f.leads = z->f.blocks = 0;
	z->started = z->done = false;
	z->base = 0;
	z->title_lines = z->title_untitled = false;
	z->quick = false;
}

void
md_lazy_done(struct md_lazy *z)
{
	md_stream_free(z->s);
	z->s = NULL;
	outline_done(&z->ol);
}

void
md_lazy_restart(struct md_lazy *z, int width)
{
	begin(z);
	z->f = (struct outline_flow){0};
	z->opts.width = width;
	z->gen++;
}

/* The title above the text (as role_render() and print show it). */
static void
title_part(struct md_lazy *z, bool own)
{
	mdrender_title(z->r, z->title, own);
	z->base = own;
	z->title_lines = true;
}

/* A part laid out below the parts before it: level is that of the
 * heading the next part opens with, more whether one follows. */
static void
lay_out(struct md_lazy *z, cmark_node *doc, int level, bool more)
{
	struct outline ol;
	bool untitled;

	outline_flow_part(&ol, doc, &z->f, level);
	/* A part without headings gets an untitled entry for its start; the
	 * whole document gets one only when it has no heading at all: when
	 * no part follows this one (each later part opens with a heading)
	 * and none before it had one (the footnotes' definitions come as a
	 * last part of their own, mdstream.h). */
	untitled = ol.n == 1 && ol.v[0].node == doc;
	if (untitled && (more || z->ol.n > 0)) {
		free(ol.v[0].title);
		ol.n = 0;
		untitled = false;
	}
	if (!z->started && z->title != NULL && !md_opens_with(doc, z->title))
		title_part(z, !untitled);
	z->started = true;
	mdrender_part(z->r, doc, &ol);
	/* without headings, the one section the title names starts at it */
	z->title_untitled = z->title_lines && untitled;
	if (z->title_untitled && z->r->nsections > 0)
		z->r->section_line[0] = 0;
	for (size_t i = 0; i < ol.n; i++) {
		z->ol.v = xgrow(z->ol.v, &z->ol.cap, z->ol.n + 1, sizeof *z->ol.v);
		z->ol.v[z->ol.n++] =
		    (struct outline_entry){NULL, ol.v[i].title, ol.v[i].level, ol.v[i].lead};
		ol.v[i].title = NULL; /* taken */
	}
	outline_done(&ol);
}

/* The next part of the stream z->s laid out; false after the last. */
static bool
next_part(struct md_lazy *z)
{
	cmark_node *doc;
	bool restart;

	doc = md_stream_next(z->s, &restart);
	if (doc == NULL) {
		if (outline_flow_open(&z->f, 0)) {
			/* more lead paragraphs than headings: none is a section */
			begin(z);
			z->f.no_leads = true;
			z->gen++;
			return true;
		}
		mdrender_end(z->r);
		if (z->title_untitled && z->r->nsections > 0)
			z->r->section_line[0] = 0;
		md_stream_free(z->s);
		z->s = NULL;
		z->done = true;
		return false;
	}
	if (restart) {
		/* the stream began again: what it made is void */
		outline_done(&z->ol);
		render_done(z->r);
		render_init(z->r);
		mdrender_begin(z->r, &z->opts);
		z->f.heads = z->f.leads = z->f.blocks = 0;
		z->started = false;
		z->base = 0;
		z->title_lines = z->title_untitled = false;
		z->gen++;
	}
	lay_out(z, doc, md_stream_next_level(z->s), md_stream_offset(z->s) != SIZE_MAX);
	return true;
}

/* ---- the first part alone ----
 *
 * Link reference definitions anywhere in the document count, the first
 * of each label, so the first part alone is what the whole document makes
 * of it only when no definition after it gives a label it looks up and
 * does not define itself.  Finding which lines after it define what takes
 * the stream a scan of every line and a parse of every region
 * (mdstream.h); the first screen needs less: every "]:" after the part
 * that may close a label the part may use (mdlabels.h), a definition of
 * that label to a URL no document has (LATER) written after the part, and
 * the part parsed with them.  The part's own definitions come first and
 * win, as in the document; a link to LATER is a label the part looks up
 * and some line after it may define: then the stream decides.  The
 * definitions follow a rule in the place of the heading that follows the
 * part (after its blank line, and no other: a fence in a list item keeps
 * the blank lines before the item ends), which closes whatever the part
 * leaves open but a fence or an HTML block: the rule must come out a
 * top-level block at its line, or the part was not whole blocks.
 */

#define LATER "x-rolebook-later:"
#define LATER_MAX 4096 /* labels to write; more and the stream decides */
#define LABEL_MAX 4000 /* bytes a label may span (999 characters) */

/* The keys of the labels a part may use, then sorted. */
struct keyset {
	uint64_t *v;
	size_t n, cap;
};

static void
add_key(uint64_t key, void *arg)
{
	struct keyset *k = arg;

	k->v = xgrow(k->v, &k->cap, k->n + 1, sizeof *k->v);
	k->v[k->n++] = key;
}

static int
by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool
has_key(const struct keyset *k, uint64_t key)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n && k->v[lo] == key;
}

/* Whether the byte at i is escaped (an odd run of backslashes before it). */
static bool
escaped(const char *t, size_t from, size_t i)
{
	size_t n = 0;

	while (i - n > from && t[i - n - 1] == '\\')
		n++;
	return n % 2 == 1;
}

enum opener { NO_LABEL, ONE_LINE, LINES };

/* The '[' that the ']' at q may close a label with, at *a, found back to
 * from: none past an unescaped ']', a blank line or LABEL_MAX bytes (no
 * label holds them); LINES when the label spans lines. */
static enum opener
label_open(const char *t, size_t from, size_t q, size_t *a)
{
	size_t lo = q - from > LABEL_MAX ? q - LABEL_MAX : from;
	bool lines = false, blank = true;

	for (size_t i = q; i > lo; i--) {
		char c = t[i - 1];

		if (c == '\n') {
			if (blank && lines)
				return NO_LABEL; /* a blank line: no label spans it */
			lines = true;
			blank = true;
			continue;
		}
		blank = blank && (c == ' ' || c == '\t');
		if ((c == '[' || c == ']') && !escaped(t, from, i - 1)) {
			if (c == ']')
				return NO_LABEL;
			*a = i - 1;
			return lines ? LINES : ONE_LINE;
		}
	}
	return NO_LABEL;
}

/* A set of labels by their text, to write each once. */
struct seen {
	size_t *slot; /* offset + 1 of a label's '[' in t, 0: empty */
	size_t *slen;
	size_t nslots; /* twice LATER_MAX: never full */
};

/* Adds t[a..a+n), a label of that key (mdlabels.h), to the set; false
 * when it was there. */
static bool
seen_add(struct seen *sn, const char *t, size_t a, size_t n, uint64_t key)
{
	size_t k = (size_t)key & (sn->nslots - 1);

	for (; sn->slot[k] != 0; k = (k + 1) & (sn->nslots - 1))
		if (sn->slen[k] == n && memcmp(t + sn->slot[k] - 1, t + a, n) == 0)
			return false;
	sn->slot[k] = a + 1;
	sn->slen[k] = n;
	return true;
}

/*
 * t[0..cut) then a rule and a definition to LATER of each label that a
 * "]:" in t[cut..len) may close and a link in t[0..cut) may look up, in
 * a new string (length in *out); NULL when one cannot be told (a label
 * over lines, or too many).  A label holding '^' is left out: no link of
 * a part without one (md_may_have_caret) looks it up.
 */
static char *
with_later_labels(const char *t, size_t len, size_t cut, size_t *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct keyset k = {0};
	struct seen sn = {0};
	const char *p = t + cut, *e = t + len, *q;
	bool all = !md_label_uses(t, cut, add_key, &k), ok = true;
	size_t written = 0;

	if (k.n > 1)
		qsort(k.v, k.n, sizeof *k.v, by_u64);
	sn.nslots = 2 * LATER_MAX;
	sn.slot = xcalloc(sn.nslots, sizeof *sn.slot);
	sn.slen = xcalloc(sn.nslots, sizeof *sn.slen);
	strbuf_add(&sb, t, cut);
	strbuf_puts(&sb, "***\n\n"); /* where the heading after it stands */
	while (ok && e - p >= 2 && (q = memchr(p, ']', (size_t)(e - p) - 1)) != NULL) {
		size_t i = (size_t)(q - t), a = 0;
		enum opener o;
		uint64_t key;
		enum md_label m;

		p = q + 1;
		if (q[1] != ':' || escaped(t, cut, i) ||
		    (o = label_open(t, cut, i, &a)) == NO_LABEL)
			continue;
		m = md_label_key(t + a + 1, q + 1, &key);
		if (m == MD_LABEL_EMPTY || (m == MD_LABEL_KEY && !all && !has_key(&k, key)) ||
		    memchr(t + a, '^', i - a) != NULL)
			continue;
		if (o == LINES || written >= LATER_MAX) {
			ok = false;
			break;
		}
		if (m == MD_LABEL_KEY && !seen_add(&sn, t, a, i + 1 - a, key))
			continue;
		written++;
		strbuf_add(&sb, t + a, i + 1 - a);
		strbuf_printf(&sb, ": <" LATER "%zu>\n", a);
	}
	free(k.v);
	free(sn.slot);
	free(sn.slen);
	if (!ok) {
		strbuf_free(&sb);
		return NULL;
	}
	*out = sb.len;
	return strbuf_take(&sb);
}

/* Past the furthest line a link or image in doc goes to (LATER and the
 * offset of the label it was defined for there), or 0 for none. */
static size_t
links_later(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t later = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		const char *url;

		if (ev == CMARK_EVENT_ENTER && (ty == CMARK_NODE_LINK || ty == CMARK_NODE_IMAGE) &&
		    (url = cmark_node_get_url(n)) != NULL &&
		    strncmp(url, LATER, strlen(LATER)) == 0) {
			size_t at = (size_t)strtoull(url + strlen(LATER), NULL, 10) + 1;
			later = at > later ? at : later;
		}
	}
	cmark_iter_free(it);
	return later;
}

/*
 * The first part laid out alone, when it is what the whole document makes
 * of it: whole blocks, no footnote (they are numbered over the whole
 * document), no label looked up that a later line may define.  It is
 * aimed at z->part bytes, or MD_LAZY_FIRST_BYTES, and grown past the line
 * that may define such a label, as a document's definitions often come
 * at its end: MD_LAZY_FIRST_MAX bytes at most.  Else false, nothing laid
 * out (the stream then lays the first part out).
 */
static bool
first_part(struct md_lazy *z)
{
	size_t aim = z->part ? z->part : MD_LAZY_FIRST_BYTES;

	for (int tries = 0; tries < 4; tries++) {
		size_t cut = md_stream_first_cut(z->body, z->len, aim), blen = 0, lines = 0, later;
		const char *nl = z->body, *end = z->body + cut;
		char *buf;
		cmark_node *doc, *rule;
		bool whole;
		int level = 0;

		if (cut >= z->len || cut > MD_LAZY_FIRST_MAX || md_may_have_caret(z->body, cut) ||
		    (buf = with_later_labels(z->body, z->len, cut, &blen)) == NULL)
			return false;
		while ((nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL) {
			lines++;
			nl++;
		}
		doc = md_parse_clean(NULL, NULL, 0, buf, blen);
		free(buf);
		rule = cmark_node_last_child(doc);
		/* the part's lines (a blank line last), the rule */
		whole = rule != NULL && cmark_node_get_type(rule) == CMARK_NODE_THEMATIC_BREAK &&
			(size_t)cmark_node_get_start_line(rule) == lines + 1;
		later = whole ? links_later(doc) : 0;
		if (whole && later == 0) {
			cmark_node_free(rule);
			while (level < 6 && z->body[cut + (size_t)level] == '#')
				level++;
			lay_out(z, doc, level, true);
			z->quick = true;
			z->quick_off = cut;
		}
		cmark_node_free(doc);
		if (!whole)
			return false;
		if (later == 0)
			return true;
		aim = later; /* the line of that label's first definition inside */
	}
	return false;
}

/* Whether the first lines of a, and its links and sections, are those
 * of b. */
static bool
prefix_same(const struct render *a, const struct render *b)
{
	const struct lines *x = &a->lines, *y = &b->lines;

	if (y->n < x->n || b->nlinks < a->nlinks || b->nsections < a->nsections)
		return false;
	for (size_t i = 0; i < x->n; i++) {
		const struct line *p = &x->v[i], *q = &y->v[i];
		if (p->len != q->len || p->nspans != q->nspans || p->section != q->section ||
		    p->aux != q->aux || p->width != q->width || p->lead != q->lead ||
		    p->kind != q->kind || p->join != q->join ||
		    memcmp(lines_text(x, i), lines_text(y, i), p->len) != 0)
			return false;
		for (uint32_t k = 0; k < p->nspans; k++) {
			const struct span *u = &x->spans[p->span + k], *v = &y->spans[q->span + k];
			if (u->off != v->off || u->len != v->len || u->style != v->style ||
			    u->link != v->link)
				return false;
		}
	}
	for (size_t i = 0; i < a->nlinks; i++)
		if (strcmp(a->links[i].url, b->links[i].url) != 0)
			return false;
	for (size_t i = 0; i + 1 < a->nsections; i++)
		if (a->section_line[i] != b->section_line[i])
			return false;
	return true;
}

/*
 * The first part laid out alone, laid out again from the stream
 * (md_stream_new) as far as it went: the lines stay when they are the
 * same, as they are unless the lead paragraphs changed their minds; else
 * they are replaced and gen counts it.
 */
static void
settle(struct md_lazy *z)
{
	struct render quick = *z->r; /* its state is freed, never used again */
	size_t upto = z->quick_off;

	z->quick = false;
	render_init(z->r);
	outline_done(&z->ol);
	z->f.heads = z->f.leads = z->f.blocks = 0;
	z->started = false;
	z->base = 0;
	z->title_lines = z->title_untitled = false;
	z->s = md_stream_new(z->body, z->len, z->part);
	mdrender_begin(z->r, &z->opts);
	while (next_part(z) && z->s != NULL && md_stream_offset(z->s) < upto)
		;
	if (!prefix_same(&quick, z->r))
		z->gen++;
	render_done(&quick);
}

bool
md_lazy_step(struct md_lazy *z)
{
	if (z->done)
		return false;
	if (z->quick) {
		settle(z);
		return true;
	}
	if (z->s == NULL && !z->started) {
		/* the top: the first part alone, for the first screen, when
		 * no definition after it can change it; else the stream,
		 * which knows every definition before its first part */
		mdrender_begin(z->r, &z->opts);
		if (first_part(z))
			return true;
		z->s = md_stream_new(z->body, z->len, z->part);
		return next_part(z);
	}
	if (z->s == NULL) {
		z->s = md_stream_new(z->body, z->len, z->part);
		mdrender_begin(z->r, &z->opts);
	}
	return next_part(z);
}

void
md_lazy_lines(struct md_lazy *z, size_t n)
{
	while (z->r->lines.n < n && md_lazy_step(z))
		;
}

void
md_lazy_section(struct md_lazy *z, size_t sec)
{
	while (z->r->nsections <= sec + 1 && md_lazy_step(z))
		;
}

void
md_lazy_all(struct md_lazy *z)
{
	while (md_lazy_step(z))
		;
}

unsigned
md_lazy_permille(const struct md_lazy *z)
{
	size_t off;

	if (z->done)
		return 1000;
	if ((z->s == NULL && !z->quick) || z->len == 0)
		return 0;
	off = z->quick ? z->quick_off : md_stream_offset(z->s);
	return off >= z->len ? 1000 : (unsigned)((double)off * 1000 / (double)z->len);
}
