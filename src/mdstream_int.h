/*
 * mdstream_int.h - what the parts of mdstream.c share with its prelude
 * (mdprelude.c): the stream itself, the runs of the document that may
 * define links, and the pieces of the prelude made of them.
 */
#ifndef ROLEBOOK_MDSTREAM_INT_H
#define ROLEBOOK_MDSTREAM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

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
	size_t e0, ne;	    /* after: its entries, pentries[e0..e0+ne) */
	bool any, use;	    /* use: in the prelude of the part being parsed */
	bool defuse;	    /* some of its definitions are, written alone */
	bool notes;	    /* it may hold a footnote: it never goes whole */
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
	size_t def, deflen; /* the definition alone (defs[def..]), 0: none */
	bool use;	    /* the part being parsed may use it */
};

struct md_stream {
	const char *text; /* borrowed */
	size_t len;
	size_t part;		 /* bytes a part is aimed at */
	size_t pos, line;	 /* where the next part starts: byte, line */
	size_t notes, notes_end; /* where footnotes may be: first, past the last */
	size_t fpos, fcut;	 /* the part that holds them */
	bool notes_due;		 /* their definitions are the last part */
	char *full;		 /* every unique run, each closed by a rule */
	size_t fulllen, fulllines;
	struct piece *pieces;
	size_t npieces;
	struct key_piece *index; /* sorted by key */
	size_t nindex;
	size_t *pentries; /* the index's entries in the order of their pieces */
	char *defs;	  /* each entry's definition alone, as cmark read it */
	size_t defslen, defscap;
	size_t *defined;   /* entries found defined, by key (index + 1; 0: none) */
	size_t nslots;	   /* its slots, a power of two */
	bool select;	   /* each part gets only the pieces it may use */
	bool notes_pieces; /* some piece may hold a footnote (md_notes_check) */
	char *pre;	   /* the prelude of the part being parsed: pieces of full */
	size_t prelen, prelines, precap;
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

size_t md_count_lines(const char *p, size_t n);

/* Footnotes (mdnotes.c): where they may be (s->notes, s->notes_end); the
 * whole document when the prelude could hold one; a part's top-level
 * footnote definitions unlinked, or with others its other blocks. */
void md_notes_find(struct md_stream *s);
void md_notes_check(struct md_stream *s);
void md_notes_keep(cmark_node *doc, bool others);

/* The full prelude, its pieces and the index of the labels they define,
 * from the runs not found inert; a prelude made of all pieces is ready. */
void md_prelude_build(struct md_stream *s);

/* Whether the full prelude ends with its last rule as a top-level block;
 * sets s->select when each piece does, and then keeps in the index only
 * the first piece that really defines each label. */
bool md_prelude_closes(struct md_stream *s);

/* s->pre: the prelude for the part text[from..to). */
void md_prelude_select(struct md_stream *s, size_t from, size_t to);

#endif
