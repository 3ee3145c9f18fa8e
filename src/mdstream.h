/*
 * mdstream.h - a long document parsed in parts that each fit in the cache.
 *
 * `rolebook print` of a large document is faster, and needs a fraction of
 * the memory, when the document is parsed and rendered one part at a time
 * instead of as one tree of a hundred megabytes.  A part ends before an
 * ATX heading ("# ...") at the start of a line that follows a blank line,
 * where CommonMark closes every open block but a fenced code block or a
 * raw HTML block: the part's tree is checked for those, and a part whose
 * last block is left open grows to a later heading.
 *
 * Link reference definitions are global, so a part is parsed after a
 * prelude of the stretches of the document that could define one (a
 * paragraph-like run of lines containing "]:", each once, each closed by a
 * rule), and each such run is checked, when its part is parsed, to be made
 * of whole top-level blocks: then the runs define what the document
 * defines.  A part gets only the definitions of the labels it may look up
 * (mdlabels.h), each written alone as cmark-gfm read it ("[label]: <url>
 * \"title\"": which labels a run really defines, and how, is found once, by
 * parsing the run alone with a reference to each), so the prelude stays
 * small however many definitions the document has -- whole runs for a
 * label without a key, and all of them when the runs cannot be told apart
 * or the part has a label without a key.  When a
 * run is not whole blocks (a definition inside a code block or a list,
 * say), the stream starts again with the whole document as its one part;
 * that can only happen before md_stream_settled() is true, which is why a
 * caller holds its output until then.
 *
 * Footnotes are numbered, and unreferenced ones dropped, over the whole
 * tree, and put at its end: the part where the first may be ("[^", "[\\^"
 * or "[&#94;") runs to the document's end; the parts before it are parts as
 * ever.
 *
 * Invariant: rendering the parts in order with mdrender_part() gives the
 * lines mdrender() gives for the whole document parsed by md_parse_file().
 */
#ifndef ROLEBOOK_MDSTREAM_H
#define ROLEBOOK_MDSTREAM_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

/* Bytes a part is aimed at: its tree stays within the CPU's caches. */
#define MD_STREAM_PART_BYTES (64u * 1024)

struct md_stream;

/*
 * A stream over text[0..len), a sanitised body (md_read_body), borrowed
 * until md_stream_free().  part_bytes is the size parts are aimed at (0
 * for MD_STREAM_PART_BYTES; tests use 1 to cut at every heading they
 * can).  Returns a new stream; free with md_stream_free().
 */
struct md_stream *md_stream_new(const char *text, size_t len, size_t part_bytes);
void md_stream_free(struct md_stream *s);

/*
 * The next part: a document (borrowed, allocated from the arena of
 * arena.h) valid until the next call or md_stream_free(), or NULL after
 * the last one.  *restart is set when this part begins the document
 * again: everything made of the parts before must be dropped.  One
 * stream at a time: the arena is the process's.
 */
cmark_node *md_stream_next(struct md_stream *s, bool *restart);

/* True once no part returned so far can be taken back by a restart. */
bool md_stream_settled(const struct md_stream *s);

/* Where the next part starts: its byte offset in the text (SIZE_MAX after
 * the last part), and the level of the ATX heading it opens with (0 after
 * the last part). */
size_t md_stream_offset(const struct md_stream *s);
int md_stream_next_level(const struct md_stream *s);

/* Where the first part of text[0..len) aimed at want bytes is cut
 * before its blocks are checked (md_stream_next() may grow it): before
 * the first ATX heading after a blank line at or past want, or len. */
size_t md_stream_first_cut(const char *text, size_t len, size_t want);

/* How many parts were returned, and whether the stream fell back to the
 * whole document (for tests and the benchmark's notes). */
size_t md_stream_parts(const struct md_stream *s);
size_t md_stream_prelude_bytes(const struct md_stream *s);
bool md_stream_whole(const struct md_stream *s);

#endif
