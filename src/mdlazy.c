/*
 * mdlazy.c - a document laid out part by part, when asked for (see
 * mdlazy.h; the parts are mdparts.c's, taken one at a time).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "mdlazy.h"
#include "mdstream.h"
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

/* The next part of the stream z->s laid out; false after the last. */
static bool
next_part(struct md_lazy *z)
{
	struct outline ol;
	cmark_node *doc;
	bool restart, untitled;

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
	outline_flow_part(&ol, doc, &z->f, md_stream_next_level(z->s));
	/* A part without headings gets an untitled entry for its start; the
	 * whole document gets one only when it has no heading at all: when
	 * no part follows this one (each later part opens with a heading)
	 * and none before it had one (the footnotes' definitions come as a
	 * last part of their own, mdstream.h). */
	untitled = ol.n == 1 && ol.v[0].node == doc;
	if (untitled && (md_stream_offset(z->s) != SIZE_MAX || z->ol.n > 0)) {
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
	return true;
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
 * The first part of a quick stream laid out again from the checked one
 * (md_stream_new): the lines stay when they are the same, the usual case;
 * else they are replaced and gen counts it.
 */
static void
settle(struct md_lazy *z)
{
	struct render quick = *z->r; /* its state is freed, never used again */

	z->quick = false;
	render_init(z->r);
	outline_done(&z->ol);
	z->f.heads = z->f.leads = z->f.blocks = 0;
	z->started = false;
	z->base = 0;
	z->title_lines = z->title_untitled = false;
	z->s = md_stream_new(z->body, z->len, z->part);
	mdrender_begin(z->r, &z->opts);
	next_part(z);
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
		/* the top: a quick look at the first part, for the first
		 * screen, checked at the next step */
		z->s = md_stream_new_quick(z->body, z->len, z->part);
		mdrender_begin(z->r, &z->opts);
		next_part(z);
		if (!z->done) {
			z->quick = true;
			z->quick_off = md_stream_offset(z->s);
			md_stream_free(z->s);
			z->s = NULL;
		}
		return true;
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
