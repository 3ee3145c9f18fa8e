/*
 * fuzz_text.c - libFuzzer target: the text sanitiser, the UTF-8 decoder,
 * display widths, fitting and word wrap, and the frame (the last cleaner
 * before the terminal).
 *
 * Input: byte 0 the sanitiser's flags (bits 0-1) and byte 1 a width in
 * cells (1 to 128), the rest the text.
 *
 * Properties: the decoder always moves forward by 1 to 4 bytes to a valid
 * code point (U+FFFD for what is invalid) that encodes back to the same
 * bytes when it was valid; the sanitiser's output is clean (valid UTF-8,
 * no control but the newlines and tabs its flags keep, no bidi override),
 * no longer than what a replacement of every byte could make, and
 * sanitising it again changes nothing; text_clean() agrees with it; a
 * width is the sum of its code points' widths; text_fit() never goes over
 * and ends on a code point; every wrapped row fits the width (but a
 * single code point wider than it), the rows cover the text in order, and
 * wrapping a row alone keeps it whole; a frame holds no control and no
 * bidi character whatever is drawn into it.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "frame.h"
#include "fuzz.h"
#include "text.h"
#include "xalloc.h"

static bool
bidi(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void
check_decoder(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];
		size_t n = text_decode(s + i, len - i, &cp), m;

		FUZZ_CHECK(n >= 1 && n <= 4 && n <= len - i, "decode at %zu took %zu bytes", i, n);
		FUZZ_CHECK(cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff),
			   "decode at %zu gave U+%X", i, cp);
		m = text_encode(cp, enc);
		if (cp != TEXT_REPLACEMENT)
			FUZZ_CHECK(m == n && memcmp(enc, s + i, n) == 0,
				   "U+%X at %zu does not encode back to its %zu bytes", cp, i, n);
		i += n;
	}
}

static void
check_clean(const char *s, size_t len, unsigned flags)
{
	FUZZ_CHECK(strlen(s) == len, "a NUL inside the sanitised text");
	FUZZ_CHECK(text_is_clean(s, len), "sanitised text is not clean");
	if (!(flags & TEXT_KEEP_NEWLINES))
		FUZZ_CHECK(memchr(s, '\n', len) == NULL, "a newline kept without the flag");
	if (!(flags & TEXT_KEEP_TABS))
		FUZZ_CHECK(memchr(s, '\t', len) == NULL, "a tab kept without the flag");
	FUZZ_CHECK(memchr(s, '\r', len) == NULL, "a carriage return kept");
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += text_decode(s + i, len - i, &cp);
		FUZZ_CHECK(!bidi(cp), "bidi control U+%X kept", cp);
		FUZZ_CHECK(cp >= 0x20 || cp == '\n' || cp == '\t', "control U+%X kept", cp);
		FUZZ_CHECK(cp < 0x7f || cp >= 0xa0, "DEL or C1 U+%X kept", cp);
	}
}

static void
check_width(const char *s, size_t len, int cells)
{
	int sum = 0, used = -1;
	size_t fit;

	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += text_decode(s + i, len - i, &cp);
		sum += text_cp_width(cp);
	}
	FUZZ_CHECK(text_width(s, len) == sum, "width %d, its code points %d", text_width(s, len),
		   sum);
	fit = text_fit(s, len, cells, &used);
	FUZZ_CHECK(fit <= len && used <= cells && used == text_width(s, fit),
		   "fit %zu bytes in %d cells, says %d", fit, cells, used);
	if (fit < len) {
		uint32_t cp;
		/* the fit ends on a code point: what follows decodes as it
		 * does in the whole text */
		FUZZ_CHECK(text_decode(s + fit, len - fit, &cp) >= 1, "fit split a code point");
	}
}

static void
check_wrap(const char *s, size_t len, int cells, bool list)
{
	size_t pos = 0, rows = 0;

	while (pos < len) {
		size_t next = 0, row;
		int w;

		row = list ? text_wrap_list(s + pos, len - pos, cells, &next)
			   : text_wrap(s + pos, len - pos, cells, &next);
		FUZZ_CHECK(row <= len - pos && next <= len - pos,
			   "row of %zu bytes, next %zu, at %zu of %zu", row, next, pos, len);
		FUZZ_CHECK(next > 0, "wrap does not move on at %zu", pos);
		w = text_width(s + pos, row);
		if (w > cells) {
			uint32_t cp;
			/* only a single code point (with its marks) may overflow */
			size_t n = text_decode(s + pos, row, &cp);
			FUZZ_CHECK(text_width(s + pos + n, row - n) == 0,
				   "row of %d cells in %d at %zu", w, cells, pos);
		}
		if (row > 0 && !list) {
			size_t again_next = 0;
			size_t again = text_wrap(s + pos, row, cells, &again_next);
			FUZZ_CHECK(again == row, "a row of %zu bytes wraps again to %zu", row,
				   again);
		}
		pos += next;
		FUZZ_CHECK(++rows <= len + 1, "more rows than bytes");
	}
}

static void
check_frame(const char *s, size_t len, int cells)
{
	struct frame f;
	char *dump, *z = xmalloc(len + 1);

	memcpy(z, s, len);
	z[len] = '\0';
	frame_init(&f, 3, cells);
	frame_put(&f, 0, 0, s, len, 0, -1);
	frame_put(&f, 1, cells / 2, s, len, 0, cells / 3);
	frame_puts_trunc(&f, 2, 1, z, 0, cells - 1);
	free(z);
	dump = frame_dump(&f);
	for (int r = 0; r < f.rows; r++)
		for (int c = 0; c < f.cols; c++) {
			const struct cell *cl = frame_cell(&f, r, c);
			for (int k = -1; k < 2; k++) {
				uint32_t cp = k < 0 ? cl->cp : cl->comb[k];
				FUZZ_CHECK(cp == 0 || (cp >= 0x20 && (cp < 0x7f || cp >= 0xa0) &&
						       !bidi(cp)),
					   "frame cell %d,%d holds U+%X", r, c, cp);
			}
		}
	FUZZ_CHECK(text_is_clean(dump, strlen(dump)), "frame dump is not clean");
	free(dump);
	frame_done(&f);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	int cells;
	const char *s;
	size_t len, outlen = 0, againlen = 0;
	char *out, *again, *clean, *line;

	if (size < 2)
		return 0;
	flags = data[0] & (TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
	cells = 1 + data[1] % 128;
	s = (const char *)data + 2;
	len = size - 2;

	check_decoder(s, len);
	out = text_sanitize(s, len, flags, &outlen);
	check_clean(out, outlen, flags);
	FUZZ_CHECK(outlen <= 3 * len, "%zu bytes from %zu", outlen, len);
	again = text_sanitize(out, outlen, flags, &againlen);
	FUZZ_CHECK(againlen == outlen && memcmp(out, again, outlen) == 0,
		   "sanitising twice changes the text");
	if (memchr(s, '\0', len) == NULL) {
		line = xmalloc(len + 1);
		memcpy(line, s, len);
		line[len] = '\0';
		clean = text_clean(line, flags);
		FUZZ_CHECK(strcmp(clean, out) == 0, "text_clean differs from text_sanitize");
		free(clean);
		free(line);
	}
	check_width(out, outlen, cells);
	check_width(s, len, cells);
	if (!(flags & (TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS))) {
		check_wrap(out, outlen, cells, false);
		check_wrap(out, outlen, cells, true);
	}
	check_frame(s, len, cells < 4 ? 4 : cells);
	free(again);
	free(out);
	return 0;
}
