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
#include "xalloc.h"

/* A region where a definition may start: lines a..b (its trailing blank
 * lines included), bytes off..off+len. */
struct run {
	size_t a, b;
	size_t off, len;
	bool inert;	   /* found inside a code or HTML block: it defines nothing */
	bool any;	   /* defines a label without a key (mdlabels.h) */
	size_t key, nkeys; /* its labels' keys: keys[key..key+nkeys) */
};

/* A run in the full prelude, closed by its rule. */
struct piece {
	size_t off, len, lines;
	size_t ikey, nikey; /* its entries in the index, before it is sorted */
	bool any, use;	    /* use: in the prelude of the part being parsed */
};

/* A label that a line may define: its key, its text (between brackets). */
struct label {
	uint64_t key;
	size_t off, len;
};

/* A label's key, the piece that may define it and the label there. */
struct key_piece {
	uint64_t key;
	size_t piece, label;
};

struct md_stream {
	const char *text; /* borrowed */
	size_t len;
	size_t part;	  /* bytes a part is aimed at */
	size_t pos, line; /* where the next part starts: byte, line */
	char *full;	  /* every unique run, each closed by a rule */
	size_t fulllen, fulllines;
	struct piece *pieces;
	size_t npieces;
	struct key_piece *index; /* sorted by key */
	size_t nindex;
	bool select; /* each part gets only the pieces it may use */
	char *pre;   /* the prelude of the part being parsed: pieces of full */
	size_t prelen, prelines;
	struct label *keys; /* the labels the runs may define */
	size_t nkeys, keys_cap;
	struct run *runs;
	size_t nruns, runcur; /* runs checked so far */
	size_t nparts;
	size_t prebytes; /* prelude bytes parsed, over all parts */
	int restarts;	 /* times the prelude changed and the stream began again */
	bool whole;	 /* fell back to the whole document as one part */
	bool restarted;	 /* the next part begins the document again */
	bool done;
};

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
 * it) or has none; false then: it may define anything. */
static bool
add_label(struct md_stream *s, size_t i, size_t e)
{
	size_t j = i;
	uint64_t key;

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

	if (s->len < 2 || memmem(s->text, s->len, "]:", 2) == NULL)
		return;
	for (;;) {
		size_t e = line_end(s, off);
		bool b = blank(s->text + off, e - off);

		if (!b && prev_blank && line > 1 && s->text[off] != ' ' && s->text[off] != '\t' &&
		    !list_marker(s->text, off, e)) {
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

static size_t
count_lines(const char *p, size_t n)
{
	size_t k = 0;
	const char *e = p + n;

	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static uint64_t
hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211u;
	return h;
}

static int
by_key(const void *a, const void *b)
{
	const struct key_piece *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->piece < y->piece ? -1 : x->piece > y->piece;
}

static void
add_piece(struct md_stream *s, size_t *cap, size_t *pcap, const struct run *r)
{
	static const char close[] = "\n\n***\n\n";
	struct piece *pc;

	s->full = xgrow(s->full, cap, s->fulllen + r->len + sizeof close, 1);
	s->pieces = xgrow(s->pieces, pcap, s->npieces + 1, sizeof *s->pieces);
	pc = &s->pieces[s->npieces++];
	pc->off = s->fulllen;
	pc->len = r->len + sizeof close - 1;
	pc->lines = count_lines(s->text + r->off, r->len) + 4;
	pc->any = r->any;
	pc->use = false;
	memcpy(s->full + s->fulllen, s->text + r->off, r->len);
	memcpy(s->full + s->fulllen + r->len, close, sizeof close - 1);
	s->fulllen += pc->len;
	s->fulllines += pc->lines;
}

/*
 * The full prelude: each distinct run once, in document order, each
 * followed by a thematic break at the start of a line, which closes
 * whatever the run left open (a list, a quote, indented code).  A later
 * copy of a run defines nothing new: the first definition of a label
 * wins.  Each run is a piece, and the index says which pieces may define
 * a label of a given key.
 */
static void
build_prelude(struct md_stream *s)
{
	size_t nslots = 16, cap = 0, pcap = 0, icap = 0;
	uint64_t *slot_hash;
	size_t *slot_run; /* index + 1, 0 for empty */

	free(s->full);
	free(s->pieces);
	free(s->index);
	s->full = NULL;
	s->pieces = NULL;
	s->index = NULL;
	s->fulllen = s->fulllines = s->npieces = s->nindex = 0;
	while (nslots < s->nruns * 2)
		nslots *= 2;
	slot_hash = xcalloc(nslots, sizeof *slot_hash);
	slot_run = xcalloc(nslots, sizeof *slot_run);
	for (size_t i = 0; i < s->nruns; i++) {
		const struct run *r = &s->runs[i];
		uint64_t h = hash(s->text + r->off, r->len);
		size_t k = (size_t)h & (nslots - 1);
		bool seen = false;

		if (r->inert)
			continue;
		for (; slot_run[k] != 0; k = (k + 1) & (nslots - 1)) {
			const struct run *o = &s->runs[slot_run[k] - 1];
			if (slot_hash[k] == h && o->len == r->len &&
			    memcmp(s->text + o->off, s->text + r->off, r->len) == 0) {
				seen = true;
				break;
			}
		}
		if (seen)
			continue;
		slot_hash[k] = h;
		slot_run[k] = i + 1;
		add_piece(s, &cap, &pcap, r);
		s->index = xgrow(s->index, &icap, s->nindex + r->nkeys + 1, sizeof *s->index);
		s->pieces[s->npieces - 1].ikey = s->nindex;
		s->pieces[s->npieces - 1].nikey = r->nkeys;
		for (size_t j = 0; j < r->nkeys; j++)
			s->index[s->nindex++] =
			    (struct key_piece){s->keys[r->key + j].key, s->npieces - 1, r->key + j};
	}
	free(slot_hash);
	free(slot_run);
	free(s->pre);
	s->pre = xmalloc(s->fulllen + 1);
	s->prelen = s->prelines = 0;
}

/*
 * Which labels piece p really defines: it is parsed alone (it is whole
 * blocks, closed by its rule), followed by a reference "[x][label]" to
 * each label it may define, each a paragraph of its own that comes out a
 * link when the label is defined.  An entry that is not is dropped from
 * the index (its key set to 0 and its piece past the end).
 */
static void
probe_piece(struct md_stream *s, size_t p)
{
	struct piece *pc = &s->pieces[p];
	size_t len = pc->len, cap = 0;
	char *buf = NULL;
	cmark_node *doc;

	buf = xgrow(buf, &cap, len + 1, 1);
	memcpy(buf, s->full + pc->off, len);
	for (size_t i = 0; i < pc->nikey; i++) {
		const struct label *l = &s->keys[s->index[pc->ikey + i].label];
		buf = xgrow(buf, &cap, len + l->len + 9, 1);
		memcpy(buf + len, "[x][", 4);
		memcpy(buf + len + 4, s->text + l->off, l->len);
		memcpy(buf + len + 4 + l->len, "]\n\n", 3);
		len += l->len + 7;
		s->index[pc->ikey + i].piece = SIZE_MAX; /* until found defined */
	}
	doc = md_parse_clean(arena_mem(), buf, len, "", 0);
	for (cmark_node *n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		size_t line = (size_t)cmark_node_get_start_line(n), i;
		cmark_node *c = cmark_node_first_child(n);

		if (line <= pc->lines || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		i = (line - pc->lines - 1) / 2;
		if (i < pc->nikey && (line - pc->lines - 1) % 2 == 0 && c != NULL &&
		    cmark_node_get_type(c) == CMARK_NODE_LINK)
			s->index[pc->ikey + i].piece = p;
	}
	arena_reset();
	free(buf);
}

/* The index with, for each key, the first piece that defines it: the
 * first definition of a label is the one that counts. */
static void
first_definers(struct md_stream *s)
{
	size_t n = 0;

	for (size_t p = 0; p < s->npieces; p++)
		if (s->pieces[p].nikey > 0)
			probe_piece(s, p);
	if (s->nindex > 1)
		qsort(s->index, s->nindex, sizeof *s->index, by_key);
	for (size_t i = 0; i < s->nindex; i++) {
		if (s->index[i].piece == SIZE_MAX)
			continue;
		if (n > 0 && s->index[n - 1].key == s->index[i].key)
			continue;
		s->index[n++] = s->index[i];
	}
	s->nindex = n;
}

/*
 * The prelude on its own must end with its last rule as a top-level
 * block: then nothing it opened reaches into the parts.  When every
 * piece's rule is one, each piece is parsed from a clean state, and any
 * of them in order defines what they define in the full one: parts may
 * then be given only the pieces they may use (s->select).
 */
static bool
prelude_closes(struct md_stream *s)
{
	cmark_node *doc = md_parse_clean(arena_mem(), s->full, s->fulllen, "", 0);
	cmark_node *last = cmark_node_last_child(doc);
	bool ok = last != NULL && cmark_node_get_type(last) == CMARK_NODE_THEMATIC_BREAK &&
		  (size_t)cmark_node_get_start_line(last) == s->fulllines - 1;
	size_t p = 0, line = 0;

	for (cmark_node *n = cmark_node_first_child(doc); n != NULL && p < s->npieces;
	     n = cmark_node_next(n)) {
		size_t rule = line + s->pieces[p].lines - 1;
		if (cmark_node_get_type(n) != CMARK_NODE_THEMATIC_BREAK ||
		    (size_t)cmark_node_get_start_line(n) != rule)
			continue;
		line += s->pieces[p].lines;
		p++;
	}
	s->select = ok && p == s->npieces;
	arena_reset();
	if (s->select)
		first_definers(s);
	return ok;
}

static void
mark_use(uint64_t key, void *arg)
{
	struct md_stream *s = arg;
	size_t lo = 0, hi = s->nindex;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->index[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nindex && s->index[lo].key == key; lo++)
		s->pieces[s->index[lo].piece].use = true;
}

/* The prelude for the part text[from..to): the pieces whose labels it may
 * look up, or all of them. */
static void
select_prelude(struct md_stream *s, size_t from, size_t to)
{
	bool all = !s->select;

	s->prelen = s->prelines = 0;
	if (s->npieces == 0)
		return;
	for (size_t i = 0; i < s->npieces; i++)
		s->pieces[i].use = s->pieces[i].any;
	if (!all)
		all = !md_label_uses(s->text + from, to - from, mark_use, s);
	if (all) {
		memcpy(s->pre, s->full, s->fulllen);
		s->prelen = s->fulllen;
		s->prelines = s->fulllines;
		return;
	}
	for (size_t i = 0; i < s->npieces; i++) {
		const struct piece *pc = &s->pieces[i];
		if (!pc->use)
			continue;
		memcpy(s->pre + s->prelen, s->full + pc->off, pc->len);
		s->prelen += pc->len;
		s->prelines += pc->lines;
	}
}

struct md_stream *
md_stream_new(const char *text, size_t len, size_t part_bytes)
{
	struct md_stream *s = xcalloc(1, sizeof *s);

	s->text = text;
	s->len = len;
	s->part = part_bytes ? part_bytes : MD_STREAM_PART_BYTES;
	s->line = 1;
	find_runs(s);
	if (s->nruns > 0) {
		build_prelude(s);
		if (!prelude_closes(s))
			s->whole = true;
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
	char *old = s->full;
	size_t oldlen = s->fulllen;
	bool same;

	s->full = NULL; /* build_prelude() frees what it finds there */
	build_prelude(s);
	same = s->fulllen == oldlen && (oldlen == 0 || memcmp(s->full, old, oldlen) == 0);
	free(old);
	if (same)
		return false;
	if (++s->restarts > MAX_RESTARTS || (s->fulllen > 0 && !prelude_closes(s))) {
		s->whole = true;
		return true;
	}
	s->pos = 0;
	s->line = 1;
	s->runcur = 0;
	s->done = false;
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
	if (s->done)
		return NULL;
	if (s->whole) {
		*restart = *restart || s->nparts > 0;
		s->done = true;
		s->nparts++;
		s->runcur = s->nruns;
		return md_parse_clean(arena_mem(), NULL, 0, s->text, s->len);
	}
	for (;;) {
		size_t cut = find_cut(s, want), nl = count_lines(s->text + s->pos, cut - s->pos);
		cmark_node *doc;

		select_prelude(s, s->pos, cut);
		s->prebytes += s->prelen;
		doc =
		    md_parse_clean(arena_mem(), s->pre, s->prelen, s->text + s->pos, cut - s->pos);

		if (!drop_prelude(s, doc)) {
			arena_reset();
			s->whole = true;
			return md_stream_next(s, restart);
		}
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
