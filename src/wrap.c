/*
 * wrap.c - word flow: styled inline text into prefixed lines at a width.
 *
 * Containers push a prefix (what their first line starts with, "• ",
 * "3. ", "☐ ", and what later lines start with, spaces or "│ ");
 * wrap_begin_line() writes them.  wrap_flow() breaks the collected run at
 * spaces into lines no wider than what the prefixes leave; a word wider
 * than a whole line is cut at a cell boundary (or after a '/' or '-').
 * Widths are display cells (text_width), never bytes.
 *
 * Invariant: every line written is at most opt->width cells wide.
 */
#include "config.h"

#include <string.h>

#include "mdrender_state.h"
#include "text.h"
#include "xalloc.h"

/* ---- small helpers ---- */

void
wrap_run_add(struct runbuf *rb, const char *s, size_t len, uint16_t style, uint16_t link)
{
	struct seg *sg;

	if (len == 0)
		return;
	rb->buf = xgrow(rb->buf, &rb->cap, rb->len + len + 1, 1);
	memcpy(rb->buf + rb->len, s, len);
	if (rb->nsegs > 0) {
		sg = &rb->segs[rb->nsegs - 1];
		if (sg->style == style && sg->link == link && sg->off + sg->len == rb->len) {
			sg->len += len;
			rb->len += len;
			return;
		}
	}
	rb->segs = xgrow(rb->segs, &rb->scap, rb->nsegs + 1, sizeof *rb->segs);
	sg = &rb->segs[rb->nsegs++];
	sg->off = rb->len;
	sg->len = len;
	sg->style = style;
	sg->link = link;
	rb->len += len;
}

/* Adds literal text, turning tabs and newlines into spaces, and the line
 * and paragraph separators U+2028 and U+2029 into breaks. */
void
wrap_run_text(struct runbuf *rb, const char *s, uint16_t style, uint16_t link)
{
	const char *e = s + strlen(s);

	for (;;) {
		const char *sep = s;
		size_t start = rb->len;

		while (
		    (sep = memchr(sep, 0xe2, (size_t)(e - sep))) != NULL &&
		    !(e - sep >= 3 && sep[1] == '\x80' && (sep[2] == '\xa8' || sep[2] == '\xa9')))
			sep++;
		wrap_run_add(rb, s, (size_t)((sep ? sep : e) - s), style, link);
		if (rb->len > start && (memchr(rb->buf + start, '\t', rb->len - start) != NULL ||
					memchr(rb->buf + start, '\n', rb->len - start) != NULL))
			for (size_t i = start; i < rb->len; i++)
				if (rb->buf[i] == '\t' || rb->buf[i] == '\n')
					rb->buf[i] = ' ';
		if (sep == NULL)
			break;
		wrap_run_add(rb, "\n", 1, style, link);
		s = sep + 3;
	}
}

void
wrap_run_reset(struct runbuf *rb)
{
	rb->len = 0;
	rb->nsegs = 0;
}

void
wrap_run_free(struct runbuf *rb)
{
	free(rb->buf);
	free(rb->segs);
	memset(rb, 0, sizeof *rb);
}

int
wrap_prefix_width(const struct state *st)
{
	int w = 0;

	for (size_t i = 0; i < st->npre; i++)
		w += st->pre[i].width;
	return w;
}

/* Copies a prefix into its fixed buffer (callers keep them short). */
static void
copy_prefix(char dst[PREFIX_BYTES], const char *src)
{
	size_t n = strlen(src);

	if (n >= PREFIX_BYTES)
		n = PREFIX_BYTES - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
wrap_push_prefix(struct state *st, const char *first, const char *cont, uint16_t style,
		 uint32_t task)
{
	struct prefix *p;
	int w;

	st->pushed = xgrow(st->pushed, &st->pushcap, st->depth + 1, sizeof *st->pushed);
	st->pushed[st->depth++] = false;
	w = text_width(first, strlen(first));
	/* Never let prefixes eat more than half the width. */
	if (st->npre >= MAX_PREFIX_DEPTH || wrap_prefix_width(st) + w > st->o->width / 2) {
		if (task)
			st->orphan_task = task;
		return;
	}
	st->pushed[st->depth - 1] = true;
	st->pre = xgrow(st->pre, &st->precap, st->npre + 1, sizeof *st->pre);
	p = &st->pre[st->npre++];
	copy_prefix(p->first, first);
	copy_prefix(p->cont, cont);
	p->width = w;
	p->used = false;
	p->style = style;
	p->task = task;
	p->link = 0;
}

void
wrap_pop_prefix(struct state *st)
{
	/* Pushes past the limit were not recorded; pop only what was. */
	if (st->pushed[--st->depth])
		st->npre--;
}

/* Starts a line and writes the prefixes; returns the cells left. */
int
wrap_begin_line(struct state *st, bool blank)
{
	enum line_kind kind = LINE_TEXT;
	uint32_t aux = 0;
	struct lines *l = &st->r->lines;

	for (size_t i = 0; i < st->npre; i++)
		if (!st->pre[i].used && st->pre[i].task && !blank) {
			kind = LINE_TASK;
			aux = st->pre[i].task;
		}
	if (st->orphan_task && !blank) {
		kind = LINE_TASK;
		aux = st->orphan_task;
		st->orphan_task = 0;
	}
	if (st->pending >= 0 && !blank) {
		st->section = (uint32_t)st->pending;
		st->r->section_line[st->pending] = st->r->total;
		st->pending = -1;
	}
	lines_begin(l, kind, st->section, aux);
	st->r->total++;
	for (size_t i = 0; i < st->npre; i++) {
		struct prefix *p = &st->pre[i];
		const char *s = (p->used || blank) ? p->cont : p->first;
		size_t n = strlen(s);

		if (blank) {
			/* A blank line keeps quote bars but no trailing spaces. */
			bool rest_blank = true;
			for (size_t j = i; j < st->npre; j++)
				if (strspn(st->pre[j].cont, " ") != strlen(st->pre[j].cont))
					rest_blank = false;
			if (rest_blank)
				break;
			{
				bool last = true;
				for (size_t j = i + 1; j < st->npre; j++)
					if (strspn(st->pre[j].cont, " ") != strlen(st->pre[j].cont))
						last = false;
				if (last)
					while (n > 0 && s[n - 1] == ' ')
						n--;
			}
		}
		if (p->link != 0 && !p->used && !blank) {
			size_t k = n; /* the label is the link, its blanks not */
			while (k > 0 && s[k - 1] == ' ')
				k--;
			lines_add(l, s, k, p->style, p->link);
			lines_add(l, s + k, n - k, p->style, 0);
		} else {
			lines_add(l, s, n, p->style, 0);
		}
		if (!blank)
			p->used = true;
	}
	l->v[l->n - 1].lead = (uint16_t)(l->v[l->n - 1].len < UINT16_MAX ? l->v[l->n - 1].len : 0);
	return st->o->width - wrap_prefix_width(st);
}

void
wrap_blank_line(struct state *st)
{
	wrap_begin_line(st, true);
	lines_end(&st->r->lines);
	/* Trailing spaces of a blank quoted line are trimmed by construction. */
}

/* Emits the blank line owed before a new block. */
void
wrap_open_block(struct state *st)
{
	if (st->need_blank && st->r->total > 0)
		wrap_blank_line(st);
	st->need_blank = false;
}

/* Copies run bytes [from, to) to the open line with their styles. */
static void
emit_range(struct state *st, size_t from, size_t to, size_t *si, uint16_t extra)
{
	struct runbuf *rb = &st->run;

	while (*si < rb->nsegs && rb->segs[*si].off + rb->segs[*si].len <= from)
		(*si)++;
	for (size_t k = *si; k < rb->nsegs && from < to; k++) {
		const struct seg *sg = &rb->segs[k];
		size_t end = sg->off + sg->len < to ? sg->off + sg->len : to;

		if (end <= from)
			continue;
		lines_add(&st->r->lines, rb->buf + from, end - from,
			  sg->style | extra | (st->quotes ? STY_QUOTE : 0), sg->link);
		from = end;
	}
}

/* Run bytes waiting to go to the open line: consecutive ranges are
 * copied at once (a line's words are one range, not two per word). */
struct pending {
	size_t from, to, si;
	uint16_t extra;
};

static void
pending_flush(struct state *st, struct pending *pd)
{
	if (pd->from < pd->to)
		emit_range(st, pd->from, pd->to, &pd->si, pd->extra);
	pd->from = pd->to = 0;
}

static void
pending_add(struct state *st, struct pending *pd, size_t from, size_t to)
{
	if (pd->from < pd->to && pd->to == from) {
		pd->to = to;
		return;
	}
	pending_flush(st, pd);
	pd->from = from;
	pd->to = to;
}

/* Whether the run's hard line at pos starts as a list item ("* ", "- ",
 * "+ ", "• "): its wrapped lines then go in under the item's text. */
static bool
item_start(const struct runbuf *rb, size_t pos)
{
	const char *s = rb->buf + pos;
	size_t n = rb->len - pos;

	if (n >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '+') && s[1] == ' ')
		return true;
	return n >= 4 && memcmp(s, "\xe2\x80\xa2 ", 4) == 0;
}

/* Starts a line of a flow: after its first, st->hang cells of indent
 * (2 more inside an item), at most half of what is left.  Returns the
 * cells left, at least 1. */
static int
flow_line(struct state *st, bool *first, bool item)
{
	int avail = wrap_begin_line(st, false), hang = st->hang + (item ? 2 : 0);

	if (!*first && st->hang > 0 && hang <= avail / 2) {
		lines_pad(&st->r->lines, hang, STY_PLAIN);
		avail -= hang;
	}
	*first = false;
	return avail < 1 ? 1 : avail;
}

/* Marks a line must not start with (CJK line breaking rules): closing
 * brackets and quotes, stops, commas and the like. */
static bool
no_line_start(uint32_t cp)
{
	static const uint32_t marks[] = {
	    0x2025, 0x2026, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
	    0x3015, 0x3017, 0x3019, 0x301B, 0x301C, 0x30FB, 0x30FC, 0xFF01, 0xFF09, 0xFF0C,
	    0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF61, 0xFF64,
	};

	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i] == cp)
			return true;
	return false;
}

static bool
latin(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Moves a cut at fit in word w (n bytes, wider than the line) back so
 * that the next line does not start with a closing mark, and so that a
 * Latin word inside CJK text goes whole to the next line; never to 0. */
static size_t
cut_cjk(const char *w, size_t n, size_t fit)
{
	size_t k = fit;
	uint32_t cp;

	while (k > 0 && k < n) {
		text_decode(w + k, n - k, &cp);
		if (!no_line_start(cp))
			break;
		do /* back one character */
			k--;
		while (k > 0 && ((unsigned char)w[k] & 0xC0) == 0x80);
	}
	if (k > 0 && k < n && latin(w[k]) && latin(w[k - 1])) {
		size_t b = k;
		while (b > 0 && latin(w[b - 1]))
			b--;
		size_t p = b;
		while (p > 0 && ((unsigned char)w[--p] & 0xC0) == 0x80)
			;
		if (b > 0 && text_decode(w + p, n - p, &cp) > 0 && text_cp_width(cp) == 2)
			k = b; /* the Latin word follows a wide (CJK) character */
	}
	return k > 0 ? k : fit;
}

/*
 * Breaks the run into lines at spaces.  '\n' in the run is a hard break.
 * extra is or-ed into every span's style.
 */
void
wrap_flow(struct state *st, uint16_t extra)
{
	struct runbuf *rb = &st->run;
	struct lines *l = &st->r->lines;
	struct pending pd = {0, 0, 0, extra};
	size_t pos = 0;
	int avail = 0, col = 0;
	bool line_open = false, wrapped = false, first = true, item = false, at_start = true;

	while (pos < rb->len) {
		size_t start, end;
		int w;

		if (rb->buf[pos] == ' ') {
			pos++;
			continue;
		}
		if (rb->buf[pos] == '\n') {
			pending_flush(st, &pd);
			if (!line_open)
				flow_line(st, &first, false);
			lines_end(l);
			line_open = false;
			at_start = true;
			pos++;
			continue;
		}
		if (at_start) {
			/* a hard line begins: is it a list item? */
			item = st->hang > 0 && item_start(rb, pos);
			at_start = false;
		}
		/* find the word's end and count its cells in one pass */
		start = pos;
		w = 0;
		while (pos < rb->len && rb->buf[pos] != ' ' && rb->buf[pos] != '\n') {
			unsigned char c = (unsigned char)rb->buf[pos];
			size_t run = text_word_run(rb->buf + pos, rb->len - pos);

			if (run > 0) {
				w += (int)run;
				pos += run;
			} else if (c < 0x80) {
				w += c >= 0x20 && c != 0x7f;
				pos++;
			} else {
				uint32_t cp;
				pos += text_decode(rb->buf + pos, rb->len - pos, &cp);
				w += text_cp_width(cp);
			}
		}
		end = pos;
		if (line_open && col + 1 + w > avail) {
			pending_flush(st, &pd);
			lines_end_width(l, st->o->width - avail + col);
			line_open = false;
			wrapped = true; /* the space before this word becomes the break */
		}
		if (!line_open) {
			avail = flow_line(st, &first, item && wrapped);
			line_open = true;
			col = 0;
			if (wrapped)
				l->v[l->n - 1].join = JOIN_SPACE;
			wrapped = false;
		} else {
			/* the space keeps the style of the text before it */
			pending_add(st, &pd, start - 1, start);
			col++;
		}
		while (w > avail - col) {
			/* A word wider than the line: cut it at a cell boundary,
			 * or after a '/' or '-' (paths, URLs, compounds) when one
			 * leaves at least a third of the line filled. */
			int used = 0;
			size_t fit = text_fit(rb->buf + start, end - start, avail - col, &used), k;

			if (fit == 0 && col == 0) /* one glyph wider than the line */
				fit = text_decode(rb->buf + start, end - start, &(uint32_t){0});
			for (k = fit; k > fit / 3 + 1; k--)
				if (rb->buf[start + k - 1] == '/' || rb->buf[start + k - 1] == '-')
					break;
			if (k > fit / 3 + 1 && k < fit)
				fit = k;
			fit = cut_cjk(rb->buf + start, end - start, fit);
			pending_add(st, &pd, start, start + fit);
			pending_flush(st, &pd);
			w -= text_width(rb->buf + start, fit);
			start += fit;
			lines_end(l);
			avail = flow_line(st, &first, item);
			col = 0;
			l->v[l->n - 1].join = JOIN_WORD;
		}
		pending_add(st, &pd, start, end);
		col += w;
	}
	pending_flush(st, &pd);
	if (line_open)
		lines_end_width(l, st->o->width - avail + col);
	wrap_run_reset(rb);
}
