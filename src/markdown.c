/*
 * markdown.c - cmark-gfm set-up, front matter and tree helpers.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "markdown.h"
#include "text.h"
#include "xalloc.h"

/* Exported by libcmark-gfm-extensions but not declared in its headers. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL,
	CMARK_NODE_STRIKETHROUGH;

cmark_node_type md_node_table, md_node_table_row, md_node_table_cell, md_node_strikethrough;

static cmark_syntax_extension *ext_table, *ext_tasklist, *ext_strike, *ext_autolink;

void
md_init(void)
{
	if (ext_table != NULL)
		return;
	cmark_gfm_core_extensions_ensure_registered();
	ext_table = cmark_find_syntax_extension("table");
	ext_tasklist = cmark_find_syntax_extension("tasklist");
	ext_strike = cmark_find_syntax_extension("strikethrough");
	ext_autolink = cmark_find_syntax_extension("autolink");
	if (!ext_table || !ext_tasklist || !ext_strike || !ext_autolink)
		fatal("cmark-gfm lacks its table, tasklist, strikethrough or autolink extension");
	md_node_table = CMARK_NODE_TABLE;
	md_node_table_row = CMARK_NODE_TABLE_ROW;
	md_node_table_cell = CMARK_NODE_TABLE_CELL;
	md_node_strikethrough = CMARK_NODE_STRIKETHROUGH;
}

/* Length of the line starting at s (without its newline). */
static size_t
line_len(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);

	return nl ? (size_t)(nl - s) : len;
}

static bool
is_fence(const char *s, size_t n, const char *fence)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 3 && memcmp(s, fence, 3) == 0;
}

/* Returns the offset where the body starts after front matter, or 0. */
static size_t
front_matter_end(const char *s, size_t len, size_t *front_start, size_t *front_len)
{
	size_t pos, n;

	if (len >= 3 && (unsigned char)s[0] == 0xEF && len >= 6 && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF) {
		s += 3;
		len -= 3;
		pos = 3;
	} else {
		pos = 0;
	}
	n = line_len(s, len);
	if (!is_fence(s, n, "---") || n >= len)
		return 0;
	*front_start = pos + n + 1;
	for (size_t at = n + 1; at < len;) {
		size_t m = line_len(s + at, len - at);
		if (is_fence(s + at, m, "---") || is_fence(s + at, m, "...")) {
			*front_len = at - (n + 1);
			return pos + (at + m < len ? at + m + 1 : at + m);
		}
		at += m + 1;
	}
	return 0; /* no closing fence: not front matter, just a rule */
}

/* Entity and numeric references decode after sanitising ("&#27;"), so
 * every literal and URL is checked again once the tree is built. */
static void
clean_tree(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *v;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((v = cmark_node_get_literal(n)) != NULL && !text_is_clean(v, strlen(v))) {
			char *c = text_sanitize(v, strlen(v), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, NULL);
			cmark_node_set_literal(n, c);
			free(c);
		}
		if ((cmark_node_get_type(n) == CMARK_NODE_LINK ||
		     cmark_node_get_type(n) == CMARK_NODE_IMAGE) &&
		    (v = cmark_node_get_url(n)) != NULL && !text_is_clean(v, strlen(v))) {
			char *c = text_sanitize(v, strlen(v), 0, NULL);
			cmark_node_set_url(n, c);
			free(c);
		}
	}
	cmark_iter_free(it);
}

static cmark_parser *
new_parser_mem(cmark_mem *mem)
{
	cmark_parser *p = mem != NULL ? cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem)
	                              : cmark_parser_new(CMARK_OPT_DEFAULT);

	cmark_parser_attach_syntax_extension(p, ext_table);
	cmark_parser_attach_syntax_extension(p, ext_tasklist);
	cmark_parser_attach_syntax_extension(p, ext_strike);
	cmark_parser_attach_syntax_extension(p, ext_autolink);
	return p;
}

static cmark_parser *
new_parser(void)
{
	return new_parser_mem(NULL);
}

/* Feeds text to the parser, sanitised when it needs to be. */
static void
feed(cmark_parser *p, const char *text, size_t len)
{
	if (text_is_clean(text, len)) {
		cmark_parser_feed(p, text, len);
	} else {
		size_t n;
		char *clean = text_sanitize(text, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, &n);
		cmark_parser_feed(p, clean, n);
		free(clean);
	}
}

#define CHUNK (256 * 1024)

cmark_node *
md_parse_file(FILE *f, const char *name, char **front, char **err)
{
	char *buf = xmalloc(CHUNK + 1);
	size_t have = 0, n;
	bool first = true, eof = false;
	cmark_parser *p;
	cmark_node *doc;

	md_init();
	p = new_parser();
	if (front != NULL)
		*front = NULL;
	while (!eof) {
		size_t cut;

		n = fread(buf + have, 1, CHUNK - have, f);
		if (n < CHUNK - have) {
			if (ferror(f)) {
				*err = xasprintf("cannot read %s: %s", name, strerror(errno));
				goto fail;
			}
			eof = true;
		}
		if (memchr(buf + have, '\0', n) != NULL) {
			*err = xasprintf("%s is not a text file", name);
			goto fail;
		}
		have += n;
		/* Cut after the last newline, so that no line (and no UTF-8
		 * sequence) is split between two chunks; a line longer than a
		 * chunk is cut where it is. */
		cut = have;
		if (!eof) {
			const char *nl = memrchr(buf, '\n', have);
			if (nl != NULL)
				cut = (size_t)(nl - buf) + 1;
			else {
				size_t lead = have;
				while (lead > 0 && have - lead < 4 &&
				       ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
					lead--;
				if (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0xC0)
					cut = lead - 1; /* keep the whole sequence for the next chunk */
			}
		}
		{
			size_t body = 0;
			if (first) {
				size_t fs = 0, fl = 0;
				body = front_matter_end(buf, cut, &fs, &fl);
				if (body > 0 && front != NULL)
					*front = text_sanitize(buf + fs, fl, TEXT_KEEP_NEWLINES, NULL);
				first = false;
			}
			feed(p, buf + body, cut - body);
		}
		memmove(buf, buf + cut, have - cut);
		have -= cut;
	}
	free(buf);
	doc = cmark_parser_finish(p);
	if (doc != NULL)
		clean_tree(doc);
	cmark_parser_free(p);
	if (doc == NULL)
		fatal("out of memory while parsing Markdown");
	return doc;
fail:
	free(buf);
	cmark_parser_free(p);
	if (front != NULL) {
		free(*front);
		*front = NULL;
	}
	return NULL;
}

char *
md_read_body(FILE *f, const char *name, size_t *len, char **front, char **err)
{
	size_t have = 0, cap = CHUNK + 1, n, first, body, fs = 0, fl = 0;
	char *buf = xmalloc(cap), *clean;

	*front = NULL;
	for (;;) {
		buf = xgrow(buf, &cap, have + CHUNK + 1, 1);
		n = fread(buf + have, 1, CHUNK, f);
		have += n;
		if (n < CHUNK)
			break;
	}
	if (ferror(f)) {
		*err = xasprintf("cannot read %s: %s", name, strerror(errno));
		free(buf);
		return NULL;
	}
	if (memchr(buf, '\0', have) != NULL) {
		*err = xasprintf("%s is not a text file", name);
		free(buf);
		return NULL;
	}
	/* Front matter is looked for where md_parse_file() looks: in its first
	 * chunk, which ends after the last newline of the first CHUNK bytes. */
	first = have;
	if (have > CHUNK) {
		const char *nl = memrchr(buf, '\n', CHUNK);
		first = nl != NULL ? (size_t)(nl - buf) + 1 : CHUNK;
	}
	body = front_matter_end(buf, first, &fs, &fl);
	if (body > 0)
		*front = text_sanitize(buf + fs, fl, TEXT_KEEP_NEWLINES, NULL);
	if (text_is_clean(buf + body, have - body)) {
		memmove(buf, buf + body, have - body);
		buf[have - body] = '\0';
		*len = have - body;
		return buf;
	}
	clean = text_sanitize(buf + body, have - body, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, len);
	free(buf);
	return clean;
}

cmark_node *
md_parse_clean(cmark_mem *mem, const char *pre, size_t prelen, const char *text, size_t len)
{
	cmark_parser *p;
	cmark_node *doc;

	md_init();
	p = new_parser_mem(mem);
	if (prelen > 0)
		cmark_parser_feed(p, pre, prelen);
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	if (doc == NULL)
		fatal("out of memory while parsing Markdown");
	clean_tree(doc);
	return doc;
}

cmark_node *
md_parse(const char *src, size_t len, char **front)
{
	size_t fstart = 0, flen = 0, body = front_matter_end(src, len, &fstart, &flen);
	char *clean = NULL;
	const char *text;
	size_t tlen;
	cmark_parser *p;
	cmark_node *doc;

	md_init();
	if (front != NULL)
		*front = body > 0 ? text_sanitize(src + fstart, flen, TEXT_KEEP_NEWLINES, NULL) : NULL;
	text = src + body;
	tlen = len - body;
	if (!text_is_clean(text, tlen)) {
		clean = text_sanitize(text, tlen, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, &tlen);
		text = clean;
	}
	p = new_parser();
	cmark_parser_feed(p, text, tlen);
	doc = cmark_parser_finish(p);
	if (doc != NULL)
		clean_tree(doc);
	cmark_parser_free(p);
	free(clean);
	if (doc == NULL)
		fatal("out of memory while parsing Markdown");
	return doc;
}

bool
md_is_task(cmark_node *node, bool *checked)
{
	if (cmark_node_get_type(node) != CMARK_NODE_ITEM ||
	    cmark_node_get_syntax_extension(node) != ext_tasklist)
		return false;
	if (checked != NULL)
		*checked = cmark_gfm_extensions_get_tasklist_item_checked(node);
	return true;
}

char *
md_plain_text(cmark_node *node)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	char *buf = NULL;
	size_t len = 0, cap = 0, start, end;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit = NULL;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			lit = cmark_node_get_literal(n);
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			lit = " ";
		if (lit != NULL) {
			size_t n2 = strlen(lit);
			buf = xgrow(buf, &cap, len + n2 + 1, 1);
			memcpy(buf + len, lit, n2);
			len += n2;
		}
	}
	cmark_iter_free(it);
	buf = xgrow(buf, &cap, len + 1, 1);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\t' || buf[i] == '\n')
			buf[i] = ' ';
	start = 0;
	while (start < len && buf[start] == ' ')
		start++;
	end = len;
	while (end > start && buf[end - 1] == ' ')
		end--;
	memmove(buf, buf + start, end - start);
	buf[end - start] = '\0';
	return buf;
}

char *
md_front_value(const char *front, const char *key)
{
	size_t klen = strlen(key);
	const char *s = front;

	if (front == NULL)
		return NULL;
	while (*s != '\0') {
		size_t n = line_len(s, strlen(s));
		if (n > klen && strncmp(s, key, klen) == 0 && s[klen] == ':') {
			const char *v = s + klen + 1, *e = s + n;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			if (e - v >= 2 && (*v == '"' || *v == '\'') && e[-1] == *v) {
				v++;
				e--;
			}
			return xstrndup(v, (size_t)(e - v));
		}
		s += n;
		if (*s == '\n')
			s++;
	}
	return NULL;
}
