/*
 * lines.c - the styled line buffer.
 *
 * Invariants: every span lies within its line; spans of a line are
 * consecutive in `spans` and in byte order; adjacent additions with the
 * same style and link merge into one span, so a plain paragraph line is a
 * single span.
 */
#include "config.h"

#include <string.h>

#include "lines.h"
#include "text.h"
#include "xalloc.h"

void
lines_init(struct lines *l)
{
	memset(l, 0, sizeof *l);
}

void
lines_done(struct lines *l)
{
	free(l->arena);
	free(l->v);
	free(l->spans);
	memset(l, 0, sizeof *l);
}

void
lines_clear(struct lines *l)
{
	l->arena_len = 0;
	l->n = 0;
	l->nspans = 0;
	l->open = false;
}

void
lines_begin(struct lines *l, enum line_kind kind, uint32_t section, uint32_t aux)
{
	struct line *ln;

	if (l->open)
		lines_end(l);
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	ln->text = l->arena_len;
	ln->span = (uint32_t)l->nspans;
	ln->section = section;
	ln->aux = aux;
	ln->kind = (uint8_t)kind;
	l->open = true;
}

void
lines_add(struct lines *l, const char *s, size_t len, uint16_t style, uint16_t link)
{
	struct line *ln;
	struct span *sp;

	if (len == 0)
		return;
	if (!l->open)
		lines_begin(l, LINE_TEXT, 0, 0);
	ln = &l->v[l->n - 1];
	l->arena = xgrow(l->arena, &l->arena_cap, l->arena_len + len + 1, 1);
	memcpy(l->arena + l->arena_len, s, len);
	l->arena_len += len;
	if (ln->nspans > 0) {
		sp = &l->spans[ln->span + ln->nspans - 1];
		if (sp->style == style && sp->link == link) {
			sp->len += (uint32_t)len;
			ln->len += (uint32_t)len;
			return;
		}
	}
	l->spans = xgrow(l->spans, &l->spans_cap, l->nspans + 1, sizeof *l->spans);
	sp = &l->spans[l->nspans++];
	sp->off = ln->len;
	sp->len = (uint32_t)len;
	sp->style = style;
	sp->link = link;
	ln->nspans++;
	ln->len += (uint32_t)len;
}

void
lines_pad(struct lines *l, int n, uint16_t style)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		int k = n < 32 ? n : 32;
		lines_add(l, spaces, (size_t)k, style, 0);
		n -= k;
	}
}

void
lines_end(struct lines *l)
{
	if (l->open)
		lines_end_width(l, text_width(lines_text(l, l->n - 1), l->v[l->n - 1].len));
}

/* The caller's count is trusted: the renderer's tests compare every
 * line's width with text_width() at every width from 10 to 100. */
void
lines_end_width(struct lines *l, int w)
{
	struct line *ln;

	if (!l->open)
		return;
	ln = &l->v[l->n - 1];
	ln->width = (uint16_t)(w > UINT16_MAX ? UINT16_MAX : w);
	if (ln->len == 0 && ln->kind == LINE_TEXT)
		ln->kind = LINE_BLANK;
	l->open = false;
}

void
lines_blank(struct lines *l, uint32_t section)
{
	lines_begin(l, LINE_BLANK, section, 0);
	lines_end(l);
}

char *
lines_plain(const struct lines *l, size_t i)
{
	return xstrndup(lines_text(l, i), l->v[i].len);
}

char *
lines_dump(const struct lines *l)
{
	size_t total = 0, i, pos = 0;
	char *out;

	for (i = 0; i < l->n; i++)
		total += l->v[i].len + 1;
	out = xmalloc(total + 1);
	for (i = 0; i < l->n; i++) {
		memcpy(out + pos, lines_text(l, i), l->v[i].len);
		pos += l->v[i].len;
		out[pos++] = '\n';
	}
	out[pos] = '\0';
	return out;
}

void
lines_flush(struct lines *l)
{
	if (l->flush == NULL)
		return;
	if (l->open)
		lines_end(l);
	if (l->n > 0)
		l->flush(l, l->flush_arg);
	lines_clear(l);
}
