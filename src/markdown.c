/*
 * markdown.c - cmark-gfm set-up, front matter and tree helpers.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "due.h"
#include "files.h"
#include "markdown.h"
#include "strbuf.h"
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

/* A byte a URL may not hold as it is: a blank or a control (C0, DEL). */
static bool
url_blank(char c)
{
	return (unsigned char)c <= 0x20 || (unsigned char)c == 0x7f;
}

char *
md_url_one_word(char *url)
{
	size_t n = 0, k = 0;
	char *out;

	for (size_t i = 0; url[i] != '\0'; i++)
		n += url_blank(url[i]) ? 3 : 1;
	out = xmalloc(n + 1);
	for (size_t i = 0; url[i] != '\0'; i++) {
		if (url_blank(url[i]))
			k += (size_t)snprintf(out + k, 4, "%%%02X", (unsigned char)url[i]);
		else
			out[k++] = url[i];
	}
	out[k] = '\0';
	free(url);
	return out;
}

/* Checks one node's literal and URL again (see finish_tree): a URL's
 * blanks (from "<a b>", or a reference such as "&#9;") are written %XX. */
static void
clean_node(cmark_node *n)
{
	const char *v;

	if ((v = cmark_node_get_literal(n)) != NULL && !text_is_clean(v, strlen(v))) {
		char *c = text_sanitize(v, strlen(v), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, NULL);
		cmark_node_set_literal(n, c);
		free(c);
	}
	if ((cmark_node_get_type(n) == CMARK_NODE_LINK ||
	     cmark_node_get_type(n) == CMARK_NODE_IMAGE) &&
	    (v = cmark_node_get_url(n)) != NULL &&
	    (!text_is_clean(v, strlen(v)) || strpbrk(v, " \t\n\r") != NULL)) {
		char *w = md_url_one_word(xstrdup(v));
		char *c = text_sanitize(w, strlen(w), 0, NULL);
		cmark_node_set_url(n, c);
		free(w);
		free(c);
	}
}

/* Whether the node's literal is its source text as written (no
 * references decoded): code and HTML. */
static bool
verbatim(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

/* ---- list items lost to link reference definitions ---- */

static cmark_parser *new_parser_mem(cmark_mem *mem, bool footnotes);

/* Reads lines of pre followed by text in order, by number. */
struct line_reader {
	const char *pre, *text;
	size_t prelen, len;
	size_t line, off; /* line number (1-based) at offset off of pre+text */
};

static char
lr_at(const struct line_reader *lr, size_t off)
{
	return off < lr->prelen ? lr->pre[off] : lr->text[off - lr->prelen];
}

/* Copies line k (at or after the reader's line) into a new string. */
static char *
lr_line(struct line_reader *lr, size_t k)
{
	size_t total = lr->prelen + lr->len, end;
	char *out;

	while (lr->line < k && lr->off < total) {
		if (lr_at(lr, lr->off++) == '\n')
			lr->line++;
	}
	for (end = lr->off; end < total && lr_at(lr, end) != '\n'; end++)
		;
	out = xmalloc(end - lr->off + 1);
	for (size_t i = lr->off; i < end; i++)
		out[i - lr->off] = lr_at(lr, i);
	out[end - lr->off] = '\0';
	return out;
}

/* Skips what stands before an item's text on its first line: quote
 * markers, blanks, the list marker and a task box. */
static const char *
after_marker(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '>')
		s++;
	if (*s == '-' || *s == '+' || *s == '*')
		s++;
	else {
		while (*s >= '0' && *s <= '9')
			s++;
		if (*s == '.' || *s == ')')
			s++;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (s[0] == '[' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') && s[2] == ']')
		s += 3;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * A list item whose text is nothing but a link reference definition
 * ("- [ ] [kubernetes/org]: `OWNERS_ALIASES`", in upstream
 * leadership-changes.md) is empty by the letter of CommonMark: the line
 * defines a link and shows nothing.  In a handbook that loses a
 * checklist step, so such an item gets its text back, read as inline
 * Markdown with the opening bracket escaped (so it defines nothing).
 * The definition itself still holds, as cmark read it.
 */
static bool
restore_item(cmark_node *item, cmark_mem *mem, struct line_reader *lr)
{
	int start = cmark_node_get_start_line(item), end = cmark_node_get_end_line(item);
	cmark_node *mini, *para, *c;
	struct strbuf sb = STRBUF_INIT;
	bool done = false;

	if (start < 1 || (size_t)start < lr->line)
		return false;
	for (int k = start; k <= end; k++) {
		char *line = lr_line(lr, (size_t)k);
		const char *t = k == start ? after_marker(line) : line;
		size_t tl;

		while (*t == ' ' || *t == '\t' || *t == '>')
			t++;
		tl = strlen(t);
		if (tl > 0) {
			if (sb.len == 0 && t[0] == '[')
				strbuf_add(&sb, "\\", 1);
			strbuf_add(&sb, t, tl);
			strbuf_add(&sb, "\n", 1);
		}
		free(line);
	}
	if (sb.len == 0)
		return false; /* an empty item, as written */
	{
		cmark_parser *p = new_parser_mem(mem, true);
		cmark_parser_feed(p, sb.s, sb.len);
		mini = cmark_parser_finish(p);
		cmark_parser_free(p);
	}
	if (mini == NULL)
		fatal("out of memory while parsing Markdown");
	para = cmark_node_first_child(mini);
	if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		cmark_node_unlink(para);
		cmark_node_append_child(item, para);
		done = true;
	}
	while ((c = cmark_node_first_child(mini)) != NULL)
		cmark_node_free(c);
	cmark_node_free(mini);
	strbuf_free(&sb);
	return done;
}

/* ---- a footnote reference written with a reference or an escape ----
 *
 * libcmark-gfm 0.29.0.gfm.6 (Debian 12) reads freed memory on a footnote
 * reference whose caret is written as an entity or numeric reference
 * ("[&Hat;x]", "[&#94;x]", "[&#x5E;x]").  In inlines.c (handle_close_bracket,
 * noMatch) it takes the text node after the '[' for a footnote reference
 * when its decoded literal starts with '^', and makes the label a view of
 * that literal, as long as the source text from the '[' to the ']' less
 * two.  A reference's literal is a buffer of its own holding "^", freed
 * with the nodes after it, so cmark_parser_finish() copies the label out
 * of freed memory (AddressSanitizer: heap-use-after-free, or
 * use-after-poison in our arena; without it, garbage such as "[^arly").
 * An escaped caret ("[\^x]") points into the source instead: a label one
 * byte too long ("[^x]]").
 *
 * So cmark-gfm never sees these forms: a FENCE goes in after every '['
 * followed by such a caret.  The text after the '[' then starts with the
 * FENCE, not '^', and is no footnote reference; a link ("[&Hat;x](url)")
 * stays a link, and a label keeps matching its definition, rewritten
 * alike.  unfence() takes the FENCE out of every literal, URL, title and
 * info string again, code and HTML included, so what shows is what was
 * written (the text "[^x]", as with footnotes off).  The FENCE is U+0081,
 * a C1 control, which clean text never holds, but an autolink or a link's
 * destination may (an ASCII control would end them).  Bytes inserted
 * within a line move no line, and the rule is local to the text after a
 * '[', so a document parses alike whole and in parts (mdstream.c).
 */
#define FENCE "\xc2\x81" /* U+0081 */

/* Length of the caret written as a reference or escape at s ("&Hat;",
 * "&#94;", "&#x5e;", "\\^"), or 0 for anything else.  Any number of
 * leading zeros: cmark-gfm decodes up to 8 digits (more than CommonMark's
 * 7 and 6), and a FENCE before a reference it leaves alone does no harm. */
static size_t
caret_ref(const char *s, const char *end)
{
	const char *p;
	unsigned long v = 0;
	bool hex;

	if (end - s >= 2 && s[0] == '\\' && s[1] == '^')
		return 2;
	if (end - s >= 5 && memcmp(s, "&Hat;", 5) == 0)
		return 5;
	if (end - s < 4 || s[0] != '&' || s[1] != '#')
		return 0;
	p = s + 2;
	hex = *p == 'x' || *p == 'X';
	if (hex)
		p++;
	for (const char *d0 = p; p < end; p++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (hex && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (hex && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else if (*p == ';' && p > d0 && v == '^')
			return (size_t)(p + 1 - s);
		else
			return 0;
		if (v <= 0x10ffff) /* no more than a code point: no overflow */
			v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	return 0;
}

/* s with a FENCE after every '[' before a caret_ref() (new, length in
 * *out), or NULL when there is none. */
static char *
fence_carets(const char *s, size_t len, size_t *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s, *end, *from = s;

	if (len == 0)
		return NULL; /* s may be no pointer at all */
	end = s + len;
	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		p++;
		if (caret_ref(p, end) == 0)
			continue;
		strbuf_add(&sb, from, (size_t)(p - from));
		strbuf_add(&sb, FENCE, strlen(FENCE));
		from = p;
	}
	if (from == s)
		return NULL;
	strbuf_add(&sb, from, (size_t)(end - from));
	*out = sb.len;
	return strbuf_take(&sb);
}

/* Takes the FENCE out of the string get() gives, through set(). */
static void
unfence_one(cmark_node *n, const char *(*get)(cmark_node *), int (*set)(cmark_node *, const char *))
{
	const char *v = get(n), *f;
	struct strbuf sb = STRBUF_INIT;

	if (v == NULL || strstr(v, FENCE) == NULL)
		return;
	while ((f = strstr(v, FENCE)) != NULL) {
		strbuf_add(&sb, v, (size_t)(f - v));
		v = f + strlen(FENCE);
	}
	strbuf_puts(&sb, v);
	set(n, sb.s);
	strbuf_free(&sb);
}

/* Takes the FENCE out of a node's strings again. */
static void
unfence(cmark_node *n)
{
	unfence_one(n, cmark_node_get_literal, cmark_node_set_literal);
	unfence_one(n, cmark_node_get_url, cmark_node_set_url);
	unfence_one(n, cmark_node_get_title, cmark_node_set_title);
	if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK)
		unfence_one(n, cmark_node_get_fence_info, cmark_node_set_fence_info);
}

/*
 * The one walk after parsing: empty list items get their text back
 * (restore_item) before their literals are looked at, a FENCE goes out
 * again (when fenced: fence_carets), and every literal
 * and URL is checked again, as entity and numeric references decode
 * after sanitising ("&#27;").
 */
/* Whether s[0..len) holds "&#": a numeric character reference may. */
static bool
has_numeric_ref(const char *s, size_t len)
{
	const char *p = s, *end, *q;

	if (len == 0)
		return false; /* s may be no pointer at all: no s + 0 either */
	end = s + len;
	while ((q = memchr(p, '&', (size_t)(end - p))) != NULL) {
		if (q + 1 < end && q[1] == '#')
			return true;
		p = q + 1;
	}
	return false;
}

static void
finish_tree(cmark_node *doc, cmark_mem *mem, const char *pre, size_t prelen, const char *text,
	    size_t len, bool fenced)
{
	struct line_reader lr = {pre ? pre : "", text, pre ? prelen : 0, len, 1, 0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	/* only a numeric reference ("&#27;") makes what was clean unclean
	 * again (no named one stands for a control, a C1 or a bidi override or
	 * isolate); code and HTML keep their text as written */
	bool refs = has_numeric_ref(pre, pre ? prelen : 0) || has_numeric_ref(text, len);
	/* cmark-gfm 0.29.0.gfm.6 may also cut a footnote's label text by the
	 * source's byte length, in the middle of a character (fuzz_markdown):
	 * with any '^' the literals are checked too */
	refs = refs || md_may_have_caret(pre, pre ? prelen : 0) || md_may_have_caret(text, len);

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		type = cmark_node_get_type(n);
		if (type == CMARK_NODE_ITEM && cmark_node_first_child(n) == NULL &&
		    restore_item(n, mem, &lr)) {
			/* enter again, so that the walk goes into what came back */
			cmark_iter_reset(it, n, CMARK_EVENT_ENTER);
			continue;
		}
		if (fenced)
			unfence(n);
		/* a link's URL may come from a definition written alone in the
		 * prelude, decoded already ("&#9;" as a tab): checked always */
		if ((refs && !verbatim(n)) || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
			clean_node(n);
	}
	cmark_iter_free(it);
}

/*
 * Whether text may hold a footnote or a reference to one: a '^', or an
 * entity that may decode to one ("&#94;", "&#x5e;", "&Hat;"), as cmark-gfm
 * looks for the '^' after an opening bracket in the decoded text.  Without
 * any, its footnote option changes nothing but costs a walk of the tree.
 */
bool
md_may_have_caret(const char *s, size_t len)
{
	const char *p = s, *end;

	if (len == 0)
		return false; /* s may be no pointer at all */
	end = s + len;
	if (memchr(s, '^', len) != NULL)
		return true;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		p++;
		if (p < end && (*p == '#' || (end - p >= 4 && memcmp(p, "Hat;", 4) == 0)))
			return true;
	}
	return false;
}

static cmark_parser *
new_parser_mem(cmark_mem *mem, bool footnotes)
{
	/* footnotes: "[^label]" refers to a "[^label]: text" definition, which
	 * cmark-gfm moves to the document's end, numbered in reference order */
	int opts = CMARK_OPT_DEFAULT | (footnotes ? CMARK_OPT_FOOTNOTES : 0);
	cmark_parser *p =
	    mem != NULL ? cmark_parser_new_with_mem(opts, mem) : cmark_parser_new(opts);

	cmark_parser_attach_syntax_extension(p, ext_table);
	cmark_parser_attach_syntax_extension(p, ext_tasklist);
	cmark_parser_attach_syntax_extension(p, ext_strike);
	cmark_parser_attach_syntax_extension(p, ext_autolink);
	return p;
}

cmark_node *
md_parse_file(FILE *f, const char *name, char **front, char **err)
{
	size_t len;
	char *fm = NULL, *body = md_read_body(f, name, &len, &fm, err);
	cmark_node *doc;

	if (front != NULL)
		*front = fm;
	else
		free(fm);
	if (body == NULL)
		return NULL;
	doc = md_parse_clean(NULL, NULL, 0, body, len);
	free(body);
	return doc;
}

char *
md_front_matter(const char *src, size_t len, size_t *body)
{
	size_t fs = 0, fl = 0, b = front_matter_end(src, len, &fs, &fl);

	if (body != NULL)
		*body = b;
	return b > 0 ? text_sanitize(src + fs, fl, TEXT_KEEP_NEWLINES, NULL) : NULL;
}

bool
md_opens_with(cmark_node *doc, const char *title)
{
	cmark_node *first = cmark_node_first_child(doc);
	char *words;
	bool same;

	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_HEADING ||
	    cmark_node_get_heading_level(first) != 1)
		return false;
	words = md_plain_text(first);
	same = strcmp(words, title) == 0;
	free(words);
	return same;
}

char *
md_read_body(FILE *f, const char *name, size_t *len, char **front, char **err)
{
	size_t have, body, fs = 0, fl = 0;
	char *buf, *sane;
	bool clean;
	int rc;

	*front = NULL;
	/* no limit here: role_open() checked the file's size */
	if ((rc = files_read(f, SIZE_MAX - 1, &buf, &have)) != 0) {
		*err = xasprintf("cannot read %s: %s", name, strerror(rc));
		return NULL;
	}
	body = front_matter_end(buf, have, &fs, &fl);
	/* clean text holds no nul: one pass over a body that is */
	clean = text_is_clean(buf + body, have - body);
	if (memchr(buf, '\0', clean ? body : have) != NULL) {
		*err = xasprintf("%s is not a text file", name);
		free(buf);
		return NULL;
	}
	if (body > 0)
		*front = text_sanitize(buf + fs, fl, TEXT_KEEP_NEWLINES, NULL);
	if (clean) {
		if (body > 0)
			memmove(buf, buf + body, have - body);
		buf[have - body] = '\0';
		*len = have - body;
		return buf;
	}
	sane = text_sanitize(buf + body, have - body, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, len);
	free(buf);
	return sane;
}

cmark_node *
md_parse_clean(cmark_mem *mem, const char *pre, size_t prelen, const char *text, size_t len)
{
	cmark_parser *p;
	cmark_node *doc;
	size_t fprelen = 0, flen = 0;
	char *fpre = fence_carets(pre, prelen, &fprelen), *ftext = fence_carets(text, len, &flen);

	if (fpre != NULL) {
		pre = fpre;
		prelen = fprelen;
	}
	if (ftext != NULL) {
		text = ftext;
		len = flen;
	}
	md_init();
	p = new_parser_mem(mem, md_may_have_caret(pre, prelen) || md_may_have_caret(text, len));
	if (prelen > 0)
		cmark_parser_feed(p, pre, prelen);
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	if (doc == NULL)
		fatal("out of memory while parsing Markdown");
	finish_tree(doc, mem, pre, prelen, text, len, fpre != NULL || ftext != NULL);
	free(fpre);
	free(ftext);
	return doc;
}

cmark_node *
md_parse(const char *src, size_t len, char **front)
{
	size_t fstart = 0, flen = 0, body = front_matter_end(src, len, &fstart, &flen);
	char *clean = NULL;
	const char *text;
	size_t tlen;
	cmark_node *doc;

	if (front != NULL)
		*front =
		    body > 0 ? text_sanitize(src + fstart, flen, TEXT_KEEP_NEWLINES, NULL) : NULL;
	text = src + body;
	tlen = len - body;
	if (!text_is_clean(text, tlen)) {
		clean = text_sanitize(text, tlen, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, &tlen);
		text = clean;
	}
	doc = md_parse_clean(NULL, NULL, 0, text, tlen);
	free(clean);
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
	struct strbuf sb = STRBUF_INIT;
	size_t len, start, end;
	char *buf;

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
		if (lit != NULL)
			strbuf_puts(&sb, lit);
	}
	cmark_iter_free(it);
	len = sb.len;
	buf = strbuf_take(&sb);
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

/* The mark of a prerequisite: a checklist item ending with it is required
 * (content/README.md).  It is not part of the item's text or id, so
 * marking an item keeps the progress recorded against it. */
#define REQUIRED_MARK "(required)"

/* Removes a trailing REQUIRED_MARK (any case, spaces before it) from
 * text; true when there was one. */
static bool
strip_required(char *text)
{
	size_t n = strlen(text), m = strlen(REQUIRED_MARK);

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n < m || strncasecmp(text + n - m, REQUIRED_MARK, m) != 0)
		return false;
	n -= m;
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n == 0)
		return false; /* an item that is only the mark keeps it as text */
	text[n] = '\0';
	return true;
}

/* The mark naming the Leadership Change form tasks an item answers:
 * "(form: KEY)" or "(form: KEY, KEY)" at its end, each KEY of lowercase
 * letters, digits and hyphens (content/README.md; the keys are listed in
 * report_issue.c).  Like REQUIRED_MARK it is not part of the item's
 * text or id. */
#define FORM_MARK "(form:"

static bool
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Removes a trailing form mark (spaces before it and around its keys)
 * from text; its keys as "a,b" (allocated) when there was one, else
 * NULL. */
static char *
strip_form(char *text)
{
	size_t n = strlen(text), m = strlen(FORM_MARK), start, p;
	struct strbuf keys = {0};
	bool key_next = true; /* reading right to left: a key is due */

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n == 0 || text[n - 1] != ')')
		return NULL;
	n--; /* the ')' */
	start = n;
	while (start > 0 &&
	       (is_key_char(text[start - 1]) || text[start - 1] == ' ' || text[start - 1] == ','))
		start--;
	/* the keys: words separated by commas, none empty */
	for (size_t i = start; i < n;) {
		size_t w;
		if (text[i] == ' ') {
			i++;
			continue;
		}
		if (text[i] == ',') {
			if (key_next)
				break;
			key_next = true;
			i++;
			continue;
		}
		if (!key_next)
			break;
		for (w = i; w < n && is_key_char(text[w]); w++)
			;
		strbuf_printf(&keys, "%s%.*s", keys.len ? "," : "", (int)(w - i), text + i);
		key_next = false;
		i = w;
	}
	p = start;
	if (key_next || keys.len == 0 || p < m || strncasecmp(text + p - m, FORM_MARK, m) != 0) {
		free(keys.s);
		return NULL;
	}
	p -= m;
	while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
		p--;
	if (p == 0) { /* an item that is only the mark keeps it as text */
		free(keys.s);
		return NULL;
	}
	text[p] = '\0';
	return strbuf_take(&keys);
}

void
md_strip_item_marks(char *text, bool *required, char **form)
{
	struct due_mark due;

	md_strip_item_marks_due(text, required, form, &due);
}

void
md_strip_item_marks_due(char *text, bool *required, char **form, struct due_mark *due)
{
	bool more = true;

	*required = false;
	*form = NULL;
	*due = (struct due_mark){DUE_NONE, 0, 0};
	/* the marks, in any order, each once */
	while (more) {
		char *f;
		more = false;
		if (!*required && strip_required(text))
			more = *required = true;
		if (*form == NULL && (f = strip_form(text)) != NULL) {
			*form = f;
			more = true;
		}
		if (due->unit == DUE_NONE && due_strip_mark(text, due))
			more = true;
	}
}
