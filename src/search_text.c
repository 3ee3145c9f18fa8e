/*
 * search_text.c - a document's text in blobs, built when it is indexed
 * and scanned at memmem's speed when a pattern is common (see
 * search_text.h).  A blob read back from a damaged file is never trusted
 * beyond its length: a line whose section or title is out of bounds is
 * handed on as a candidate, for its row to confirm.
 */
#include "config.h"

#include <string.h>

#include "search.h"
#include "search_text.h"

#define META_SIZE 8 /* per line: int32 section, uint32 title offset */

void
search_text_init(struct search_text_builder *b)
{
	memset(b, 0, sizeof *b);
	b->plain = true;
}

void
search_text_done(struct search_text_builder *b)
{
	strbuf_free(&b->folded);
	strbuf_free(&b->text);
	strbuf_free(&b->meta);
	strbuf_free(&b->titles);
}

static void
put_u32(struct strbuf *sb, uint32_t v)
{
	char le[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
		      (char)(v >> 24 & 0xff)};

	strbuf_add(sb, le, 4);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void
search_text_add(struct search_text_builder *b, const char *text, const char *folded, size_t len,
		int64_t section, const char *title, size_t tlen)
{
	size_t at = b->folded.len;

	if (memchr(text, '\n', len) != NULL)
		b->plain = false;
	strbuf_add(&b->folded, folded, len);
	/* a newline in a line (never in the renderer's) is a space here, the
	 * line confirmed from its row */
	for (char *p = b->folded.s + at;
	     (p = memchr(p, '\n', b->folded.len - (size_t)(p - b->folded.s))) != NULL;)
		*p = ' ';
	strbuf_add(&b->folded, "\n", 1);
	if (b->plain) {
		strbuf_add(&b->text, text, len);
		strbuf_add(&b->text, "\n", 1);
	}
	if (b->titles.len == 0 || strlen(b->titles.s + b->last_title) != tlen ||
	    memcmp(b->titles.s + b->last_title, title, tlen) != 0) {
		b->last_title = b->titles.len;
		strbuf_add(&b->titles, title, tlen);
		strbuf_add(&b->titles, "", 1); /* its NUL */
	}
	put_u32(&b->meta, section < 0 || section > INT32_MAX ? UINT32_MAX : (uint32_t)section);
	put_u32(&b->meta, (uint32_t)b->last_title);
}

const struct strbuf *
search_text_plain(const struct search_text_builder *b)
{
	static const struct strbuf none = STRBUF_INIT;

	return b->plain ? &b->text : &none;
}

/* Line ord's section and title from the blobs, or false when they are
 * not there (a damaged file: the row confirms). */
static bool
line_meta(const struct search_text *t, size_t ord, struct search_text_match *m)
{
	uint32_t sec, off;

	if (t->meta == NULL || ord >= t->meta_len / META_SIZE)
		return false;
	sec = get_u32(t->meta + ord * META_SIZE);
	off = get_u32(t->meta + ord * META_SIZE + 4);
	if (t->titles == NULL || off >= t->titles_len ||
	    memchr(t->titles + off, '\0', t->titles_len - off) == NULL)
		return false;
	m->section = sec == UINT32_MAX ? -1 : (int64_t)sec;
	m->title = t->titles + off;
	return true;
}

int
search_text_scan(const struct search_text *t, const char *pat, const char *folded, bool icase,
		 bool first_only, search_text_fn *fn, void *arg, bool *seen)
{
	const char *b = t->folded, *m;
	size_t n = t->len, plen = strlen(folded), from = 0, ord = 0;
	bool kept = t->text != NULL && t->text_len == n;

	*seen = false;
	if (b == NULL || plen == 0)
		return 0;
	while (from < n && (m = memmem(b + from, n - from, folded, plen)) != NULL) {
		const char *p = b + from, *eol;
		struct search_text_match hit = {0};
		size_t start, end;
		int rc;

		*seen = true;
		/* the pattern holds no newline: the match is on one line */
		while ((p = memchr(p, '\n', (size_t)(m - p))) != NULL) {
			ord++;
			from = (size_t)(++p - b);
		}
		start = from;
		eol = memchr(m, '\n', n - (size_t)(m - b));
		end = eol != NULL ? (size_t)(eol - b) : n;
		hit.ord = ord;
		if (kept && line_meta(t, ord, &hit)) {
			/* search_in()'s rule: with case ignored, the folded
			 * pattern in the folded text (the first in the line
			 * is m: the scan starts lines at their start) */
			long at = icase ? (long)(m - b - (long)start)
					: search_in(t->text + start, end - start, 0, pat,
						    strlen(pat), false);
			hit.line = t->text + start;
			hit.line_len = end - start;
			hit.at = at < 0 ? 0 : (size_t)at;
			rc = at < 0 ? 0 : fn(arg, &hit);
		} else {
			rc = fn(arg, &hit);
		}
		if (rc < 0)
			return rc;
		if (rc > 0 && first_only)
			break;
		from = end + 1;
		ord++;
	}
	return 0;
}
