/*
 * mdprelude.c - the prelude of link definitions each part of a stream is
 * parsed after (see mdstream.h): the document's runs that may define
 * links, each once, each closed by a rule; which labels each really
 * defines; which of them a part may use.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "markdown.h"
#include "mdlabels.h"
#include "mdstream.h"
#include "mdstream_int.h"
#include "xalloc.h"

size_t
md_count_lines(const char *p, size_t n)
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
	pc->lines = md_count_lines(s->text + r->off, r->len) + 4;
	pc->any = r->any;
	pc->use = false;
	pc->notes = false;
	pc->e0 = pc->ne = 0; /* its index entries, set when it is probed */
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
void
md_prelude_build(struct md_stream *s)
{
	size_t nslots = 16, cap = 0, pcap = 0, icap = 0;
	uint64_t *slot_hash;
	size_t *slot_run; /* index + 1, 0 for empty */

	free(s->full);
	free(s->pieces);
	free(s->index);
	free(s->pentries);
	free(s->defs);
	s->full = NULL;
	s->pieces = NULL;
	s->index = NULL;
	s->pentries = NULL;
	s->defs = NULL;
	s->fulllen = s->fulllines = s->npieces = s->nindex = s->defslen = s->defscap = 0;
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
			s->index[s->nindex++] = (struct key_piece){
			    s->keys[r->key + j].key, s->npieces - 1, r->key + j, 0, 0, false};
	}
	free(slot_hash);
	free(slot_run);
	free(s->pre);
	s->precap = s->fulllen + 1;
	s->pre = xmalloc(s->precap);
	s->prelen = s->prelines = 0;
}

/* Appends n bytes of p to s->defs, each ASCII punctuation character
 * escaped (a backslash then it reads as itself, in a destination in
 * angle brackets and in a title alike), and each blank or control
 * character as a numeric reference: cmark-gfm trims blanks at a
 * destination's ends before it decodes references, so a tab the
 * document wrote as "&#9;" must come back as one, not as a tab. */
static void
put_escaped(struct md_stream *s, const char *p, size_t n, bool escape)
{
	s->defs = xgrow(s->defs, &s->defscap, s->defslen + 5 * n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (escape && c <= ' ') {
			s->defslen += (size_t)sprintf(s->defs + s->defslen, "&#%u;", (unsigned)c);
			continue;
		}
		if (escape && c > ' ' && c < 0x7f &&
		    !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			s->defs[s->defslen++] = '\\';
		s->defs[s->defslen++] = (char)c;
	}
}

/*
 * Entry e's definition written alone, from what the probe's link says it
 * defines: "[label]: <url> \"title\"", the label as the document spells
 * it.  A part that uses the label needs that line, not the whole run
 * around it (a list, a quote, paragraphs of prose).  None when the title
 * runs over lines (the line could then start a block of its own).
 */
static void
write_def(struct md_stream *s, struct key_piece *e, cmark_node *link)
{
	const struct label *l = &s->keys[e->label];
	const char *url = cmark_node_get_url(link), *title = cmark_node_get_title(link);

	url = url ? url : "";
	title = title ? title : "";
	e->deflen = 0;
	if (strchr(url, '\n') != NULL || strchr(title, '\n') != NULL)
		return;
	e->def = s->defslen;
	put_escaped(s, "[", 1, false);
	put_escaped(s, s->text + l->off, l->len, false);
	put_escaped(s, "]: <", 4, false);
	put_escaped(s, url, strlen(url), true);
	put_escaped(s, ">", 1, false);
	if (*title != '\0') {
		put_escaped(s, " \"", 2, false);
		put_escaped(s, title, strlen(title), true);
		put_escaped(s, "\"", 1, false);
	}
	put_escaped(s, "\n", 1, false);
	e->deflen = s->defslen - e->def;
}

/*
 * Which labels piece p really defines: it is parsed alone (it is whole
 * blocks, closed by its rule), followed by a reference "[x][label]" to
 * each label it may define, each a paragraph of its own that comes out a
 * link when the label is defined.  An entry that is not is dropped from
 * the index (its key set to 0 and its piece past the end).  Returns
 * whether the piece's rule is a top-level block: then the piece leaves
 * nothing open, and the next is parsed from a clean state.
 */
static bool
probe_piece(struct md_stream *s, size_t p)
{
	bool closes = false;
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

		if (line == pc->lines - 1 && cmark_node_get_type(n) == CMARK_NODE_THEMATIC_BREAK)
			closes = true;
		if (line <= pc->lines || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		i = (line - pc->lines - 1) / 2;
		if (i < pc->nikey && (line - pc->lines - 1) % 2 == 0 && c != NULL &&
		    cmark_node_get_type(c) == CMARK_NODE_LINK) {
			s->index[pc->ikey + i].piece = p;
			write_def(s, &s->index[pc->ikey + i], c);
		}
	}
	arena_reset();
	free(buf);
	return closes;
}

/*
 * The index of the labels each piece really defines, sorted by key, and
 * each piece's entries in pentries.  Every definer of a key stays: labels
 * that differ may share a key (mdlabels.h), and the parts get their
 * definitions in the document's order, so that the first definition of
 * a label is the one that counts, as in the whole document.
 */
static void
first_definers(struct md_stream *s)
{
	size_t n = 0, *at;

	for (size_t i = 0; i < s->nindex; i++)
		if (s->index[i].piece != SIZE_MAX)
			s->index[n++] = s->index[i];
	s->nindex = n;
	if (s->nindex > 1)
		qsort(s->index, s->nindex, sizeof *s->index, by_key);
	/* a label spelt the same as one a piece before defines nothing new */
	n = 0;
	for (size_t i = 0, g = 0; i < s->nindex; i++) {
		const struct label *l = &s->keys[s->index[i].label];
		bool seen = false;

		if (i > 0 && s->index[i].key != s->index[i - 1].key)
			g = n; /* the kept entries of this key start here */
		for (size_t j = g; j < n && !seen; j++) {
			const struct label *m = &s->keys[s->index[j].label];
			seen = m->len == l->len &&
			       memcmp(s->text + m->off, s->text + l->off, l->len) == 0;
		}
		if (!seen)
			s->index[n++] = s->index[i];
	}
	s->nindex = n;
	/* the entries by piece: a count, then a place for each */
	for (size_t p = 0; p < s->npieces; p++)
		s->pieces[p].ne = 0;
	for (size_t i = 0; i < s->nindex; i++)
		s->pieces[s->index[i].piece].ne++;
	at = xcalloc(s->npieces + 1, sizeof *at);
	for (size_t p = 0; p < s->npieces; p++) {
		s->pieces[p].e0 = p == 0 ? 0 : s->pieces[p - 1].e0 + s->pieces[p - 1].ne;
		at[p] = s->pieces[p].e0;
	}
	free(s->pentries);
	s->pentries = xcalloc(s->nindex + 1, sizeof *s->pentries);
	for (size_t i = 0; i < s->nindex; i++)
		s->pentries[at[s->index[i].piece]++] = i;
	free(at);
}

/* A table of the index's entries found defined so far, by key: enough
 * slots for n entries at most half full. */
static size_t
slots_for(size_t n)
{
	size_t k = 16;

	while (k < 2 * n + 2)
		k *= 2;
	return k;
}

/* The label of entry e, spelt as the document spells it. */
static bool
same_label(const struct md_stream *s, size_t e, size_t f)
{
	const struct label *l = &s->keys[s->index[e].label], *m = &s->keys[s->index[f].label];

	return l->len == m->len && memcmp(s->text + l->off, s->text + m->off, l->len) == 0;
}

/* Slot of an entry defined so far whose label is spelt as e's, or of the
 * empty slot where it goes. */
static size_t
defined_slot(const struct md_stream *s, size_t e)
{
	size_t k = (size_t)s->index[e].key & (s->nslots - 1);

	while (s->defined[k] != 0 && !same_label(s, s->defined[k] - 1, e))
		k = (k + 1) & (s->nslots - 1);
	return k;
}

static void
defined_add(struct md_stream *s, size_t e)
{
	size_t k = defined_slot(s, e);

	if (s->defined[k] == 0)
		s->defined[k] = e + 1;
}

/* Whether "ab" occurs in p[0..n) (memchr() then a look at the next byte:
 * glibc's memmem() is slow for so short a needle). */
static bool
has_pair(const char *p, size_t n, char a, char b)
{
	const char *end = p + n, *q;

	while (p + 1 < end && (q = memchr(p, a, (size_t)(end - p - 1))) != NULL) {
		if (q[1] == b)
			return true;
		p = q + 1;
	}
	return false;
}

/* Whether a block that a blank line does not end may open in t[0..n): a
 * fence ("``", "~~" anywhere: a fence's first two) or HTML (a '<' with nothing but blanks,
 * quote and list markers before it on its line; any footnote definition,
 * a container whose label may hold anything). */
static bool
may_stay_open(const char *t, size_t n)
{
	const char *p = t, *end = t + n;

	if (has_pair(t, n, '`', '`') || has_pair(t, n, '~', '~') || has_pair(t, n, '[', '^'))
		return true;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p;

		while (q > t && q[-1] != '\n' && q[-1] != '\0' &&
		       strchr(" \t>-+*.)0123456789", q[-1]) != NULL)
			q--;
		if (q == t || q[-1] == '\n')
			return true;
		p++;
	}
	return false;
}

/*
 * Whether piece p need not be parsed: it surely closes (no fence, no
 * HTML: nothing in it can run past its rule), it may define only labels
 * with keys, and a piece before it defines each of them spelt the same:
 * the first definition wins, so it defines nothing (its entries are
 * dropped).  A repository's files that define the same labels again,
 * each file its own copy, are probed once.
 */
static bool
redefines_only(struct md_stream *s, size_t p)
{
	const struct piece *pc = &s->pieces[p];
	const char *t = s->full + pc->off;

	if (pc->any || pc->nikey == 0 || may_stay_open(t, pc->len))
		return false;
	for (size_t j = 0; j < pc->nikey; j++)
		if (s->defined[defined_slot(s, pc->ikey + j)] == 0)
			return false;
	for (size_t j = 0; j < pc->nikey; j++)
		s->index[pc->ikey + j].piece = SIZE_MAX;
	return true;
}

/*
 * The prelude on its own must end with its last rule as a top-level
 * block: then nothing it opened reaches into the parts.  When every
 * piece's rule is one, each piece is parsed from a clean state, and any
 * of them in order defines what they define in the full one: parts may
 * then be given only the pieces they may use (s->select).
 */
bool
md_prelude_closes(struct md_stream *s)
{
	cmark_node *doc, *last;
	bool ok;

	/* Each piece alone first: when every one closes, so does the full
	 * prelude (blocks do not depend on the definitions before them) */
	s->defslen = 0;
	s->select = true;
	s->defined = xcalloc(s->nslots = slots_for(s->nindex), sizeof *s->defined);
	for (size_t i = 0; i < s->npieces && s->select; i++) {
		if (redefines_only(s, i))
			continue;
		s->select = probe_piece(s, i);
		for (size_t j = 0; j < s->pieces[i].nikey; j++)
			if (s->index[s->pieces[i].ikey + j].piece != SIZE_MAX)
				defined_add(s, s->pieces[i].ikey + j);
	}
	free(s->defined);
	s->defined = NULL;
	if (s->select) {
		first_definers(s);
		return true;
	}
	doc = md_parse_clean(arena_mem(), s->full, s->fulllen, "", 0);
	last = cmark_node_last_child(doc);
	ok = last != NULL && cmark_node_get_type(last) == CMARK_NODE_THEMATIC_BREAK &&
	     (size_t)cmark_node_get_start_line(last) == s->fulllines - 1;

	/* one that does not close alone does not in the full prelude */
	s->select = false;
	arena_reset();
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
	for (; lo < s->nindex && s->index[lo].key == key; lo++) {
		struct key_piece *e = &s->index[lo];
		if (e->deflen == 0) {
			s->pieces[e->piece].use = true; /* the whole piece, then */
			continue;
		}
		e->use = true;
		s->pieces[e->piece].defuse = true;
	}
}

static void
pre_add(struct md_stream *s, const char *p, size_t n)
{
	s->pre = xgrow(s->pre, &s->precap, s->prelen + n + 1, 1);
	memcpy(s->pre + s->prelen, p, n);
	s->prelen += n;
}

/* The prelude for the part text[from..to): the pieces whose labels it may
 * look up, or all of them. */
void
md_prelude_select(struct md_stream *s, size_t from, size_t to)
{
	bool all = !s->select;
	size_t defs = 0; /* lines of definitions alone not yet closed */

	s->prelen = s->prelines = 0;
	if (s->npieces == 0)
		return;
	for (size_t i = 0; i < s->npieces; i++) {
		s->pieces[i].use = s->pieces[i].any;
		s->pieces[i].defuse = false;
	}
	for (size_t i = 0; i < s->nindex; i++)
		s->index[i].use = false;
	if (!all)
		all = !md_label_uses(s->text + from, to - from, mark_use, s);
	if (all && (!s->select || !s->notes_pieces)) {
		pre_add(s, s->full, s->fulllen);
		s->prelines = s->fulllines;
		return;
	}
	/* every definition, but a piece that may hold a footnote gives its
	 * links' definitions alone: a footnote must not come before a part */
	for (size_t i = 0; all && i < s->npieces; i++) {
		struct piece *pc = &s->pieces[i];
		pc->use = !pc->notes;
		pc->defuse = pc->notes;
		for (size_t j = pc->e0; pc->notes && j < pc->e0 + pc->ne; j++)
			s->index[s->pentries[j]].use = true;
	}
	/* in the document's order: a piece whole, or the definitions of it
	 * the part may use, each alone, closed by a rule as a piece is */
	for (size_t i = 0; i <= s->npieces; i++) {
		static const char close[] = "\n\n***\n\n";
		const struct piece *pc = i < s->npieces ? &s->pieces[i] : NULL;

		if (defs > 0 && (pc == NULL || pc->use)) {
			/* the definitions alone so far, closed as a piece */
			pre_add(s, close, sizeof close - 1);
			s->prelines += defs + 4;
			defs = 0;
		}
		if (pc == NULL)
			break;
		if (pc->use) {
			pre_add(s, s->full + pc->off, pc->len);
			s->prelines += pc->lines;
			continue;
		}
		for (size_t j = pc->e0; pc->defuse && j < pc->e0 + pc->ne; j++) {
			const struct key_piece *e = &s->index[s->pentries[j]];
			if (e->use) {
				pre_add(s, s->defs + e->def, e->deflen);
				defs++;
			}
		}
	}
}
