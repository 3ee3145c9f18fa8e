/*
 * text.h - UTF-8 decoding, display width in terminal cells, sanitising.
 *
 * Pure functions, no locale: widths come from rolebook's own tables so that
 * rendering is the same in every locale and in tests.  Widths are terminal
 * cells: East Asian Wide/Fullwidth and emoji take 2, combining marks and
 * other zero-width code points take 0, everything else printable takes 1.
 */
#ifndef ROLEBOOK_TEXT_H
#define ROLEBOOK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/*
 * Decodes the code point at s[0..len).  Returns the number of bytes used,
 * at least 1 when len > 0 (0 when len == 0).  An invalid, overlong,
 * surrogate or truncated sequence yields *cp = U+FFFD and consumes the
 * maximal invalid subpart (at least one byte), as Unicode recommends.
 */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 to out (room for 4 bytes); returns the byte count.
 * Invalid code points are written as U+FFFD. */
size_t text_encode(uint32_t cp, char *out);

/*
 * cp in lower case: the one case folding, used by search and by anchors
 * alike.  It covers the scripts headings are mostly written in (ASCII,
 * Latin-1, Latin Extended-A, basic Greek and Cyrillic) and returns any
 * other code point as it is.  The result always takes as many UTF-8 bytes
 * as cp, so a match found on folded text has the original's length.
 */
uint32_t text_fold_cp(uint32_t cp);

/* Cells taken by cp: 0, 1 or 2.  Controls (C0, DEL, C1) return 0. */
int text_cp_width(uint32_t cp);

/* Cells taken by s[0..len) (decoded as text_decode does). */
int text_width(const char *s, size_t len);

/* Length of the run of printable ASCII but the space (0x21..0x7e) at
 * s[0..len): a cell each (wrap.c counts a word's cells with it). */
size_t text_word_run(const char *s, size_t len);

/*
 * Longest prefix of s[0..len) that fits in `cells` cells without splitting
 * a code point or separating a base character from the zero-width marks
 * that follow it.  Returns its length in bytes; *used (if not NULL)
 * receives its width in cells.
 */
size_t text_fit(const char *s, size_t len, int cells, int *used);

/*
 * One row of word-wrapped text: the byte length of the longest prefix of
 * s[0..len) that fits in `cells` cells and ends before a space, or, when
 * a single word is wider than that, the part of it that fits (at least
 * one code point).  *next (if not NULL) receives the offset where the
 * following row starts, spaces skipped.
 */
size_t text_wrap(const char *s, size_t len, int cells, size_t *next);

/*
 * text_wrap() for a list ("Leadership 3.0 · Objectivity 2.0; bob: ..."):
 * the row ends after a separator ("; ", ", " or " · ") where one fits, so
 * that an item stays whole (an area beside its average); else at a space.
 */
size_t text_wrap_list(const char *s, size_t len, int cells, size_t *next);

enum text_sanitize_flags {
	TEXT_KEEP_NEWLINES = 1 << 0, /* keep \n; \r\n and lone \r become \n */
	TEXT_KEEP_TABS = 1 << 1,     /* keep \t (otherwise it becomes a space) */
};

/*
 * Returns a new NUL-terminated copy of s[0..len) that is safe to show on a
 * terminal: valid UTF-8 (invalid bytes become U+FFFD), with every escape
 * sequence removed whole (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC
 * sequences, in their 7-bit and 8-bit forms), every other C0/C1 control and
 * DEL removed, NUL removed, and bidirectional override/isolate controls
 * (U+202A..U+202E, U+2066..U+2069) removed.  *outlen (if not NULL) receives
 * the length in bytes.  Caller frees with free().
 */
char *text_sanitize(const char *s, size_t len, unsigned flags, size_t *outlen);

/* text_sanitize() of the NUL-terminated s, NULL taken as "": a new string
 * (caller frees with free()), one line unless flags keep newlines. */
char *text_clean(const char *s, unsigned flags);

/* True when s[0..len) is valid UTF-8 with no control characters other than
 * \n and \t: the fast check that lets callers skip text_sanitize(). */
bool text_is_clean(const char *s, size_t len);

/* s[0..n) with its %XX escapes decoded, as a link's target writes bytes
 * ("a%20b.md" names "a b.md"; %00 stays as written).  Returns a new
 * string (caller frees); the bytes are not checked. */
char *text_unescape_url(const char *s, size_t n);

#endif
