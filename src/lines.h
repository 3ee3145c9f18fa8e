/*
 * lines.h - a buffer of styled lines: the renderer's output and the
 * screens' input.
 *
 * Text of every line lives in one growing byte arena; a line is a slice of
 * it plus a run of spans, each a byte range with a style (a set of
 * semantic flags the theme turns into attributes) and an optional link.
 * Lines hold only sanitised UTF-8 and never contain control characters;
 * their width in cells is computed once when the line ends.
 *
 * A buffer can stream: with a flush callback set, the renderer hands over
 * complete lines after each top-level block and the buffer is emptied,
 * which keeps `rolebook print` memory flat on huge documents.
 */
#ifndef ROLEBOOK_LINES_H
#define ROLEBOOK_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Semantic style flags; a span's style is any combination. */
enum style {
	STY_PLAIN = 0,
	STY_STRONG = 1 << 0,
	STY_EMPH = 1 << 1,
	STY_STRIKE = 1 << 2,
	STY_CODE = 1 << 3,
	STY_LINK = 1 << 4,
	STY_HEADING = 1 << 5, /* section headings, level 2 and below */
	STY_TITLE = 1 << 6,   /* the document title (level 1) */
	STY_MARKER = 1 << 7,  /* bullets, numbers, quote bars, rules, borders */
	STY_DONE = 1 << 8,    /* a checked task */
	STY_DIM = 1 << 9,     /* secondary text: references, image alt, notes */
	STY_QUOTE = 1 << 10,  /* text inside a block quote */
	STY_TABLE_HEAD = 1 << 11,
	STY_MATCH = 1 << 12,  /* search match (added when drawing) */
	STY_SELECT = 1 << 13, /* selected link or row (added when drawing) */
	STY_BAR = 1 << 14,    /* header and footer bars */
	STY_ALERT = 1 << 15,  /* errors and warnings */
};

struct span {
	uint32_t off;	/* byte offset within the line */
	uint32_t len;	/* bytes */
	uint16_t style; /* enum style flags */
	uint16_t link;	/* 1-based link number, 0 for none */
};

enum line_kind {
	LINE_TEXT = 0,
	LINE_BLANK,
	LINE_TASK, /* first line of a task-list item; aux = task number (1-based) */
};

/* How a line goes on from the one before it (for search across lines). */
enum line_join {
	JOIN_NONE = 0,
	JOIN_SPACE, /* wrapped at a space, which the break replaces */
	JOIN_WORD,  /* a word too wide for a line, cut in two */
};

struct line {
	uint64_t text; /* offset of the line's bytes in the arena */
	uint32_t len;  /* bytes */
	uint32_t span; /* index of the first span */
	uint32_t nspans;
	uint32_t section; /* index of the section the line belongs to */
	uint32_t aux;	  /* kind-specific number, see enum line_kind */
	uint16_t width;	  /* cells */
	uint16_t lead;	  /* bytes of prefix (bullets, bars, indent) before the text */
	uint8_t kind;	  /* enum line_kind */
	uint8_t join;	  /* enum line_join */
};

struct lines {
	char *arena;
	size_t arena_len, arena_cap;
	struct line *v;
	size_t n, cap;
	struct span *spans;
	size_t nspans, spans_cap;
	/* the line being built */
	bool open;
	uint16_t cur_style, cur_link;
	/* streaming */
	void (*flush)(struct lines *, void *arg);
	void *flush_arg;
};

void lines_init(struct lines *l);
void lines_done(struct lines *l);
/* Forgets every line but keeps the memory for reuse. */
void lines_clear(struct lines *l);

/* Starts a new line (ending any open one) of the given kind and section. */
void lines_begin(struct lines *l, enum line_kind kind, uint32_t section, uint32_t aux);
/* Appends len bytes of clean UTF-8 (no controls) with a style and link. */
void lines_add(struct lines *l, const char *s, size_t len, uint16_t style, uint16_t link);
/* Appends `n` spaces with the given style. */
void lines_pad(struct lines *l, int n, uint16_t style);
/* Ends the open line, if any, computing its width. */
void lines_end(struct lines *l);
/* Ends the open line whose width in cells the caller has counted. */
void lines_end_width(struct lines *l, int width);
/* Adds an empty line. */
void lines_blank(struct lines *l, uint32_t section);

/* Borrowed pointer to line i's bytes; valid until the buffer changes.
 * Never NULL: lines of no bytes may come before the arena exists. */
static inline const char *
lines_text(const struct lines *l, size_t i)
{
	return l->arena != NULL ? l->arena + l->v[i].text : "";
}

/* Writes line i to buf as plain text plus '\n' ... returns new text. */
char *lines_plain(const struct lines *l, size_t i);
/* Every line joined by '\n' (with a final '\n'); caller frees. */
char *lines_dump(const struct lines *l);

/* Hands the complete lines to the flush callback (if set) and clears. */
void lines_flush(struct lines *l);

#endif
