/*
 * mdstream.c - parsing a document in parts (see mdstream.h for the rules).
 *
 * Line numbers are 1-based lines of the body text; cmark counts its lines
 * the same way because the sanitised text has no '\r'.  A part's tree
 * comes from the prelude followed by the part's text, so its cmark line
 * numbers are the body's shifted by the prelude's lines.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "markdown.h"
#include "mdlabels.h"
#include "mdstream.h"
#include "mdstream_int.h"
#include "xalloc.h"

static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* An ATX heading's opening: 1-6 '#' then a space, a tab or the end. */
static bool
atx(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && k < 7 && s[k] == '#')
		k++;
	return k >= 1 && k <= 6 && (k == n || s[k] == ' ' || s[k] == '\t');
}

/* A line in the first column that opens a block even with no blank line
 * before it: an ATX heading, or HTML ("<!--", "<div", "</p", "<?"): files
 * joined as they are run a definition straight into the next file's
 * title or comment. */
static bool
block_opener(const char *s, size_t n)
{
	if (atx(s, n))
		return true;
	return n >= 2 && s[0] == '<' &&
	       (s[1] == '!' || s[1] == '?' || s[1] == '/' || (s[1] >= 'a' && s[1] <= 'z') ||
		(s[1] >= 'A' && s[1] <= 'Z'));
}

/* The first "ab" in p[0..n), or NULL: memchr() then a look at the next
 * byte is several times faster than glibc's memmem() for two bytes. */
static const char *
find2(const char *p, size_t n, char a, char b)
{
	const char *end = p + n, *q;

	while (n >= 2 && (q = memchr(p, a, n - 1)) != NULL) {
		if (q[1] == b)
			return q;
		p = q + 1;
		n = (size_t)(end - p);
	}
	return NULL;
}

static size_t
line_end(const struct md_stream *s, size_t off)
{
	const char *nl = memchr(s->text + off, '\n', s->len - off);

	return nl != NULL ? (size_t)(nl - s->text) : s->len;
}

static void
add_run(struct md_stream *s, size_t *cap, size_t a, size_t b, size_t off, size_t end)
{
	s->runs = xgrow(s->runs, cap, s->nruns + 1, sizeof *s->runs);
	s->runs[s->nruns++] = (struct run){a, b, off, end - off, false, false, 0, 0};
}

/* The label that starts at i (after its '[') on a line ending at e: its
 * key, unless it goes on past the line (a quote's markers may stand in
 * it) or has none; false then: it may define anything, and its run goes
 * to every part.  A label starting with '^' (a footnote's, or a link's
 * that only a footnote's reference could use) is left out: the part that
 * holds the footnotes (md_notes_find(), mdnotes.c) holds every one of them. */
static bool
add_label(struct md_stream *s, size_t i, size_t e)
{
	size_t j = i;
	uint64_t key;

	if (i < e && s->text[i] == '^')
		return true; /* no key: only the footnotes' part uses it, and has it */
	while (j < e && s->text[j] != ']')
		j += s->text[j] == '\\' && j + 1 < e ? 2 : 1;
	if (j >= e || md_label_key(s->text + i, s->text + j + 1, &key) != MD_LABEL_KEY)
		return false;
	s->keys = xgrow(s->keys, &s->keys_cap, s->nkeys + 1, sizeof *s->keys);
	s->keys[s->nkeys++] = (struct label){key, i, j - i};
	return true;
}

/* A run found: lines v[0]..v[1], bytes v[2]..v[3], its keys from v[4]
 * on (find_runs()). */
static void
close_run(struct md_stream *s, size_t *cap, const size_t v[5], bool any)
{
	struct run *r;

	add_run(s, cap, v[0], v[1], v[2], v[3]);
	r = &s->runs[s->nruns - 1];
	r->any = any;
	r->key = v[4];
	r->nkeys = s->nkeys - v[4];
}

/* Skips what may stand before a paragraph's text on its line: blanks,
 * quote markers, list markers and task boxes (cmark-gfm takes the box
 * off before it looks for definitions). */
static size_t
skip_markers(const char *t, size_t i, size_t e)
{
	for (;;) {
		size_t j = i;

		while (j < e && (t[j] == ' ' || t[j] == '\t' || t[j] == '>'))
			j++;
		if (j < e && (t[j] == '-' || t[j] == '+' || t[j] == '*') &&
		    (j + 1 == e || t[j + 1] == ' ' || t[j + 1] == '\t')) {
			j++;
		} else if (j < e && t[j] >= '0' && t[j] <= '9') {
			size_t k = j;
			while (k < e && k - j < 9 && t[k] >= '0' && t[k] <= '9')
				k++;
			if (k < e && (t[k] == '.' || t[k] == ')') &&
			    (k + 1 == e || t[k + 1] == ' ' || t[k + 1] == '\t'))
				j = k + 1;
		} else if (j + 3 < e && t[j] == '[' &&
			   (t[j + 1] == ' ' || t[j + 1] == 'x' || t[j + 1] == 'X') &&
			   t[j + 2] == ']' && (t[j + 3] == ' ' || t[j + 3] == '\t')) {
			j += 3;
		} else if (j + 1 < e && t[j] == '[' && t[j + 1] == '^') {
			/* a footnote's definition "[^label]:" is a container too:
			 * a link's definition may open its text */
			size_t k = j + 2;
			while (k < e && t[k] != ']' && t[k] != '[')
				k++;
			if (k + 1 < e && t[k] == ']' && t[k + 1] == ':')
				j = k + 2; /* its text may follow at once */
		}
		if (j == i)
			return i;
		i = j;
	}
}

/* After "[label]:" at i: a destination (on this line or the next) then
 * the line's end or the start of a title; anything else is no definition. */
static bool
destination_fits(const struct md_stream *s, size_t i)
{
	const char *t = s->text;
	bool newline = false;

	while (i < s->len && (t[i] == ' ' || t[i] == '\t' || (t[i] == '\n' && !newline))) {
		newline = newline || t[i] == '\n';
		i++;
	}
	if (i >= s->len || t[i] == '\n')
		return false;
	if (t[i] == '<') {
		while (i < s->len && t[i] != '>' && t[i] != '\n')
			i += t[i] == '\\' ? 2 : 1;
		if (i >= s->len || t[i] != '>')
			return false;
		i++;
	} else {
		while (i < s->len && t[i] != ' ' && t[i] != '\t' && t[i] != '\n')
			i++;
	}
	while (i < s->len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return i >= s->len || t[i] == '\n' || t[i] == '"' || t[i] == '\'' || t[i] == '(';
}

/*
 * Whether a link reference definition may start on the line at off: its
 * text, after any markers, opens a bracket whose first unescaped bracket
 * after it (on this line or the run's next ones) is a ']' followed by
 * ':', and a destination follows.  Labels hold no unescaped brackets, so
 * this finds every definition and few lines besides.
 */
static bool
may_define(const struct md_stream *s, size_t off, size_t e)
{
	const char *t = s->text;
	size_t i = skip_markers(t, off, e);

	if (i >= e || t[i] != '[')
		return false;
	for (i++; i < s->len; i++) {
		if (t[i] == '\\' && i + 1 < s->len) {
			i++;
		} else if (t[i] == '[') {
			return false;
		} else if (t[i] == ']') {
			return i + 1 < s->len && t[i + 1] == ':' && destination_fits(s, i + 2);
		} else if (t[i] == '\n') {
			/* a label may go on, but never across a blank line */
			size_t n = line_end(s, i + 1);
			if (blank(t + i + 1, n - i - 1))
				return false;
		}
	}
	return false;
}

/* A list item's marker at off: "-", "+", "*" or 1-9 digits and "." or
 * ")", then a blank or the line's end. */
static bool
list_marker(const char *t, size_t off, size_t e)
{
	size_t k = off;

	if (k < e && (t[k] == '-' || t[k] == '+' || t[k] == '*'))
		k++;
	else {
		while (k < e && k - off < 9 && t[k] >= '0' && t[k] <= '9')
			k++;
		if (k == off || k >= e || (t[k] != '.' && t[k] != ')'))
			return false;
		k++;
	}
	return k == e || t[k] == ' ' || t[k] == '\t';
}

/*
 * Finds every region where a definition may start, in one pass (none
 * when the text holds no "]:" at all).  Regions start at a line that
 * follows a blank line and starts in the first column with anything but
 * a list marker: where top-level blocks usually start, so that a region
 * is usually whole blocks, lists with blank lines between their items
 * and definitions inside them included.
 */
static void
find_runs(struct md_stream *s)
{
	size_t cap = 0, line = 1, off = 0, start = 1, start_off = 0, key0 = 0;
	bool prev_blank = true, has = false, any = false;

	if (s->len < 2 || find2(s->text, s->len, ']', ':') == NULL)
		return;
	for (;;) {
		size_t e = line_end(s, off);
		bool b = blank(s->text + off, e - off);

		if (!b && line > 1 &&
		    ((prev_blank && s->text[off] != ' ' && s->text[off] != '\t' &&
		      !list_marker(s->text, off, e)) ||
		     block_opener(s->text + off, e - off))) {
			if (has)
				close_run(s, &cap,
					  (size_t[]){start, line - 1, start_off, off, key0}, any);
			start = line;
			start_off = off;
			key0 = s->nkeys;
			has = any = false;
		}
		if (!b && may_define(s, off, e)) {
			has = true;
			any = !add_label(s, skip_markers(s->text, off, e) + 1, e) || any;
		}
		prev_blank = b;
		if (e >= s->len)
			break;
		off = e + 1;
		line++;
	}
	if (has)
		close_run(s, &cap, (size_t[]){start, line, start_off, s->len, key0}, any);
}

struct md_stream *
md_stream_new(const char *text, size_t len, size_t part_bytes)
{
	struct md_stream *s = xcalloc(1, sizeof *s);

	s->text = text;
	s->len = len;
	s->part = part_bytes ? part_bytes : MD_STREAM_PART_BYTES;
	s->line = 1;
	md_notes_find(s);
	find_runs(s);
	if (s->nruns > 0 && !s->whole) {
		md_prelude_build(s);
		if (!md_prelude_closes(s))
			s->whole = true;
		md_notes_check(s);
		/* Parsing the prelude again for each part must stay cheap:
		 * when every part gets all of it, parts grow with it. */
		if (part_bytes == 0 && !s->select && s->part < 4 * s->fulllen)
			s->part = 4 * s->fulllen;
	}
	return s;
}

void
md_stream_free(struct md_stream *s)
{
	if (s == NULL)
		return;
	free(s->pre);
	free(s->full);
	free(s->pieces);
	free(s->index);
	free(s->pentries);
	free(s->defs);
	free(s->keys);
	free(s->runs);
	free(s);
	arena_release();
}

/* Where a part aimed at want bytes from s->pos ends: before the first
 * ATX heading after a blank line at or past the aim, or at the end. */
static size_t
find_cut(const struct md_stream *s, size_t want)
{
	size_t off, target = s->pos + want;
	bool prev_blank = false;

	if (want >= s->len - s->pos)
		return s->len;
	off = target;
	while (off > s->pos && s->text[off - 1] != '\n')
		off--;
	for (;;) {
		size_t e = line_end(s, off);

		if (prev_blank && off > s->pos && atx(s->text + off, e - off))
			return off;
		prev_blank = blank(s->text + off, e - off);
		if (e >= s->len)
			return s->len;
		off = e + 1;
	}
}

/* Offset of line k (1-based) of the text from s->pos on. */
static size_t
part_line(const struct md_stream *s, size_t k)
{
	size_t off = s->pos;

	while (--k > 0) {
		size_t e = line_end(s, off);
		if (e >= s->len)
			return s->len;
		off = e + 1;
	}
	return off;
}

/* Whether a fenced code block ends with its closing fence: that line has
 * up to three spaces, at least the opening's count of its character and
 * nothing but blanks after. */
static bool
fence_closed(const struct md_stream *s, cmark_node *code)
{
	int length = 0, offset = 0;
	char ch = 0;
	int start = cmark_node_get_start_line(code), end = cmark_node_get_end_line(code);
	size_t off, e, k = 0, n = 0;

	cmark_node_get_fenced(code, &length, &offset, &ch);
	if (end <= start || (size_t)end <= s->prelines)
		return false;
	off = part_line(s, (size_t)end - s->prelines);
	e = line_end(s, off);
	while (k < 3 && off + k < e && s->text[off + k] == ' ')
		k++;
	while (off + k < e && s->text[off + k] == ch) {
		k++;
		n++;
	}
	return ch != 0 && n >= (size_t)length && blank(s->text + off + k, e - off - k);
}

static bool
prefix_ci(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* Whether an HTML block is closed.  Blocks that only a blank line ends
 * are; those that end at a marker (script, pre, style, textarea,
 * comments, processing instructions, declarations, CDATA) are when their
 * last line holds it.  Doubtful cases count as open. */
static bool
html_closed(cmark_node *html)
{
	const char *lit = cmark_node_get_literal(html), *last, *marker[4] = {NULL};
	size_t n;

	if (lit == NULL)
		return true;
	while (*lit == ' ')
		lit++;
	if (lit[0] != '<')
		return true;
	if (prefix_ci(lit + 1, "script") || prefix_ci(lit + 1, "pre") ||
	    prefix_ci(lit + 1, "style") || prefix_ci(lit + 1, "textarea")) {
		marker[0] = "</script>";
		marker[1] = "</pre>";
		marker[2] = "</style>";
		marker[3] = "</textarea>";
	} else if (strncmp(lit, "<!--", 4) == 0) {
		marker[0] = "-->";
	} else if (strncmp(lit, "<![CDATA[", 9) == 0) {
		marker[0] = "]]>";
	} else if (lit[1] == '?') {
		marker[0] = "?>";
	} else if (lit[1] == '!') {
		marker[0] = ">";
	} else {
		return true;
	}
	n = strlen(lit);
	if (n > 0 && lit[n - 1] == '\n')
		n--;
	last = lit + n;
	while (last > lit && last[-1] != '\n')
		last--;
	for (int i = 0; i < 4 && marker[i] != NULL; i++) {
		size_t m = strlen(marker[i]);
		for (const char *p = last; p + m <= lit + n; p++)
			if (strncasecmp(p, marker[i], m) == 0)
				return true;
	}
	return false;
}

/* A part may end where its last top-level block is closed. */
static bool
ends_closed(const struct md_stream *s, cmark_node *doc)
{
	cmark_node *last = cmark_node_last_child(doc);

	if (last == NULL)
		return true;
	switch (cmark_node_get_type(last)) {
	case CMARK_NODE_CODE_BLOCK:
		return !cmark_node_get_fenced(last, &(int){0}, &(int){0}, &(char){0}) ||
		       fence_closed(s, last);
	case CMARK_NODE_HTML_BLOCK:
		return html_closed(last);
	default:
		return true;
	}
}

/*
 * Removes the prelude's blocks: everything up to its last rule.  They are
 * told by their place, not by their line numbers: the paragraph the table
 * extension makes of the lines above a table has none (it is numbered 0;
 * the table's own numbers cover its lines).  False if the rule is not
 * found where it must be.
 */
static bool
drop_prelude(const struct md_stream *s, cmark_node *doc)
{
	cmark_node *n;

	if (s->prelen == 0)
		return true;
	while ((n = cmark_node_first_child(doc)) != NULL) {
		bool rule = cmark_node_get_type(n) == CMARK_NODE_THEMATIC_BREAK &&
			    (size_t)cmark_node_get_start_line(n) == s->prelines - 1;

		if ((size_t)cmark_node_get_start_line(n) > s->prelines)
			return false; /* past the prelude without meeting its rule */
		cmark_node_unlink(n); /* its memory goes with the arena's reset */
		if (rule)
			return true;
	}
	return false;
}

enum runs_check {
	RUNS_OK,     /* every run is whole top-level blocks */
	RUNS_INERT,  /* some were found inside code or HTML: the prelude changes */
	RUNS_MISFIT, /* one is neither: only the whole document will do */
};

/*
 * Checks the runs in lines s->line .. last: each must start and end on
 * the boundaries of the part's top-level blocks, or a block would carry
 * text of the run (or the run text of a block) that the prelude parses
 * apart from it.  A run inside one code block or HTML block (a document
 * whose fences pair up otherwise than its author meant, say) defines
 * nothing and is marked inert instead.
 */
static enum runs_check
check_runs(struct md_stream *s, cmark_node *doc, size_t last)
{
	cmark_node *n = cmark_node_first_child(doc);
	long shift = (long)s->line - 1 - (long)s->prelines;
	enum runs_check res = RUNS_OK;

	for (; s->runcur < s->nruns && s->runs[s->runcur].a <= last; s->runcur++) {
		struct run *r = &s->runs[s->runcur];

		for (; n != NULL; n = cmark_node_next(n)) {
			long a = cmark_node_get_start_line(n) + shift;
			long b = cmark_node_get_end_line(n) + shift;
			cmark_node_type t = cmark_node_get_type(n);

			if (cmark_node_get_start_line(n) == 0)
				continue; /* above a table: the table's lines cover it */
			/* cmark numbers an HTML block that ends at its marker
			 * ("</script>", "-->") as ending on the line before */
			if (b + (t == CMARK_NODE_HTML_BLOCK) < (long)r->a)
				continue; /* before the run */
			if (a > (long)r->b)
				break; /* after it: look at the next run */
			if (a >= (long)r->a && b + (t == CMARK_NODE_HTML_BLOCK) <= (long)r->b)
				continue; /* a whole block of the run */
			if ((t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) &&
			    a < (long)r->a && (long)r->b <= b) {
				if (!r->inert)
					res = RUNS_INERT;
				r->inert = true;
				break; /* the next run may be inside it too */
			}
			return RUNS_MISFIT;
		}
	}
	return res;
}

/* The longest a stream starts again before it takes the whole document. */
#define MAX_RESTARTS 4

/*
 * After runs were found inert: the prelude without them.  When it differs
 * from the one the parts so far were parsed with, the stream begins again
 * from the top (returning true); they were parsed with definitions the
 * document does not make.  Too many times, or a prelude that does not
 * close, and the whole document is one part.
 */
static bool
begin_again(struct md_stream *s)
{
	struct md_stream old = *s; /* the prelude's fields: kept if it is the same */
	bool same;

	/* md_prelude_build() frees what it finds there */
	s->full = s->pre = s->defs = NULL;
	s->pieces = NULL;
	s->index = NULL;
	s->pentries = NULL;
	s->defslen = s->defscap = s->precap = 0;
	md_prelude_build(s);
	same = s->fulllen == old.fulllen &&
	       (old.fulllen == 0 || memcmp(s->full, old.full, old.fulllen) == 0);
	if (same) {
		/* the part being parsed lives in the arena: nothing may be
		 * parsed now, and the old index is the one to keep */
		free(s->full);
		free(s->pre);
		free(s->pieces);
		free(s->index);
		free(s->pentries);
		free(s->defs);
		s->pentries = old.pentries;
		s->defs = old.defs;
		s->defslen = old.defslen;
		s->defscap = old.defscap;
		s->precap = old.precap;
		s->full = old.full;
		s->fulllen = old.fulllen;
		s->fulllines = old.fulllines;
		s->pre = old.pre;
		s->pieces = old.pieces;
		s->npieces = old.npieces;
		s->index = old.index;
		s->nindex = old.nindex;
		return false;
	}
	free(old.full);
	free(old.pre);
	free(old.pieces);
	free(old.index);
	free(old.pentries);
	free(old.defs);
	if (++s->restarts > MAX_RESTARTS || (s->fulllen > 0 && !md_prelude_closes(s))) {
		s->whole = true;
		return true;
	}
	md_notes_check(s);
	s->pos = 0;
	s->line = 1;
	s->runcur = 0;
	s->done = false;
	s->notes_due = false;
	s->restarted = s->nparts > 0;
	return true;
}

cmark_node *
md_stream_next(struct md_stream *s, bool *restart)
{
	size_t want = s->part;

	*restart = s->restarted;
	s->restarted = false;
	arena_reset(); /* the part before is done with */
	if (s->done) {
		cmark_node *doc;

		if (!s->notes_due)
			return NULL;
		/* the footnotes, as the part that holds them has them */
		s->notes_due = false;
		md_prelude_select(s, s->fpos, s->fcut);
		s->prebytes += s->prelen;
		doc = md_parse_clean(arena_mem(), s->pre, s->prelen, s->text + s->fpos,
				     s->fcut - s->fpos);
		md_notes_keep(doc, true);
		s->nparts++;
		return doc;
	}
	if (s->whole) {
		s->notes_due = false;
		*restart = *restart || s->nparts > 0;
		s->done = true;
		s->nparts++;
		s->runcur = s->nruns;
		return md_parse_clean(arena_mem(), NULL, 0, s->text, s->len);
	}
	for (;;) {
		size_t cut = find_cut(s, want), nl;
		cmark_node *doc;

		bool notes = cut > s->notes && s->pos < s->notes_end;

		if (notes && cut < s->notes_end)
			cut = find_cut(s, s->notes_end - s->pos); /* all of them */
		nl = md_count_lines(s->text + s->pos, cut - s->pos);

		md_prelude_select(s, s->pos, cut);
		s->prebytes += s->prelen;
		doc =
		    md_parse_clean(arena_mem(), s->pre, s->prelen, s->text + s->pos, cut - s->pos);

		if (!drop_prelude(s, doc)) {
			arena_reset();
			s->whole = true;
			return md_stream_next(s, restart);
		}
		if (notes && cut < s->len)
			md_notes_keep(doc, false); /* they come last, in a part of their own */
		if (cut < s->len && !ends_closed(s, doc)) {
			/* Something open runs past the cut: aim further.  Doubling
			 * keeps the parsing spent on retries within the part's own. */
			arena_reset();
			want = 2 * (cut - s->pos);
			continue;
		}
		/* A part cut before a heading ends with a newline: its last
		 * line is the one before the heading's, s->line + nl. */
		switch (check_runs(s, doc, cut < s->len ? s->line + nl - 1 : SIZE_MAX)) {
		case RUNS_OK:
			break;
		case RUNS_INERT:
			if (!begin_again(s))
				break; /* the prelude came out the same */
			arena_reset();
			return md_stream_next(s, restart);
		case RUNS_MISFIT:
			arena_reset();
			s->whole = true;
			return md_stream_next(s, restart);
		}
		if (notes && cut < s->len) {
			s->fpos = s->pos;
			s->fcut = cut;
			s->notes_due = true;
		}
		s->pos = cut;
		s->line += nl;
		s->done = cut >= s->len;
		s->nparts++;
		return doc;
	}
}

bool
md_stream_settled(const struct md_stream *s)
{
	return s->whole || s->runcur >= s->nruns;
}

size_t
md_stream_offset(const struct md_stream *s)
{
	return s->done ? SIZE_MAX : s->pos;
}

int
md_stream_next_level(const struct md_stream *s)
{
	int k = 0;

	if (s->done || s->pos >= s->len)
		return 0;
	while (k < 6 && s->pos + (size_t)k < s->len && s->text[s->pos + (size_t)k] == '#')
		k++;
	return k;
}

size_t
md_stream_parts(const struct md_stream *s)
{
	return s->nparts;
}

size_t
md_stream_prelude_bytes(const struct md_stream *s)
{
	return s->prebytes;
}

bool
md_stream_whole(const struct md_stream *s)
{
	return s->whole;
}

size_t
md_stream_first_cut(const char *text, size_t len, size_t want)
{
	const struct md_stream s = {.text = text, .len = len};

	return find_cut(&s, want);
}
