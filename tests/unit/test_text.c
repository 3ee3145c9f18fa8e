/*
 * test_text.c - unit tests for src/text.c: strict UTF-8 decoding, encoding,
 * display widths, text_fit() clipping, sanitising and the clean check.
 *
 * Every check compares against an exact value; decoding and sanitising
 * results are rendered as text so a failure shows expected and actual.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "search.h"
#include "strbuf.h"
#include "text.h"
#include "unit.h"

/* Byte sequences named so that tests read as what they send. */
#define ESC "\x1b"
#define BEL "\x07"
#define ST ESC "\\"
#define C1_DCS "\xc2\x90"    /* U+0090 */
#define C1_SOS "\xc2\x98"    /* U+0098 */
#define C1_CSI "\xc2\x9b"    /* U+009B */
#define C1_ST "\xc2\x9c"     /* U+009C */
#define C1_OSC "\xc2\x9d"    /* U+009D */
#define C1_PM "\xc2\x9e"     /* U+009E */
#define C1_APC "\xc2\x9f"    /* U+009F */
#define C1_PAD "\xc2\x80"    /* U+0080 */
#define C1_NEL "\xc2\x85"    /* U+0085 */
#define C1_RI "\xc2\x8d"     /* U+008D */
#define RAW_9B "\x9b"	     /* a lone byte 0x9B: not UTF-8 */
#define REPL "\xef\xbf\xbd"  /* U+FFFD */
#define U65E5 "\xe6\x97\xa5" /* 日 */
#define ZWNJ "\xe2\x80\x8c"
#define ZWJ "\xe2\x80\x8d"
#define LRM "\xe2\x80\x8e"
#define RLM "\xe2\x80\x8f"
#define LRE "\xe2\x80\xaa"
#define RLE "\xe2\x80\xab"
#define PDF "\xe2\x80\xac"
#define LRO "\xe2\x80\xad"
#define RLO "\xe2\x80\xae"
#define LRI "\xe2\x81\xa6"
#define RLI "\xe2\x81\xa7"
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

/* ---- decoding ---------------------------------------------------------- */

/* Decodes all of s[0..len) as "U+XXXX/n" items separated by spaces. */
static char *
decode_all(const char *s, size_t len)
{
	size_t cap = len * 12 + 1, o = 0, pos = 0;
	char *out = malloc(cap);

	out[0] = '\0';
	while (pos < len) {
		uint32_t cp;
		size_t n = text_decode(s + pos, len - pos, &cp);

		o += (size_t)snprintf(out + o, cap - o, "%sU+%04X/%zu", o ? " " : "", (unsigned)cp,
				      n);
		if (n == 0)
			break; /* would loop forever: the test fails on the output */
		pos += n;
	}
	return out;
}

/* Checks the decoding of a string literal (which may hold NUL bytes). */
#define DECODES(lit, expected)                                                                     \
	do {                                                                                       \
		char *got_ = decode_all(lit, sizeof(lit) - 1);                                     \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

static void
test_decode_ascii(void)
{
	uint32_t cp = 0;

	CU_ASSERT_EQUAL(text_decode("A", 1, &cp), 1);
	CU_ASSERT_EQUAL(cp, 0x41);
	CU_ASSERT_EQUAL(text_decode("", 0, &cp), 0);
	DECODES("Hi!", "U+0048/1 U+0069/1 U+0021/1");
	DECODES("\0\x7f", "U+0000/1 U+007F/1");
}

static void
test_decode_multibyte(void)
{
	DECODES("\xc3\xa9", "U+00E9/2");
	DECODES("\xe2\x82\xac", "U+20AC/3");
	DECODES("\xf0\x9f\x98\x80", "U+1F600/4");
	/* the edges of each length and of the surrogate gap */
	DECODES("\xc2\x80\xdf\xbf", "U+0080/2 U+07FF/2");
	DECODES("\xe0\xa0\x80\xef\xbf\xbf", "U+0800/3 U+FFFF/3");
	DECODES("\xed\x9f\xbf\xee\x80\x80", "U+D7FF/3 U+E000/3");
	DECODES("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", "U+10000/4 U+10FFFF/4");
	DECODES("\xef\xbf\xbd", "U+FFFD/3");
	DECODES("a" U65E5 "b", "U+0061/1 U+65E5/3 U+0062/1");
}

static void
test_decode_overlong(void)
{
	DECODES("\xc0\x80", "U+FFFD/1 U+FFFD/1");
	DECODES("\xc1\xbf", "U+FFFD/1 U+FFFD/1");
	DECODES("\xe0\x80\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xe0\x9f\xbf", "U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xf0\x80\x80\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xf0\x8f\xbf\xbf", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
}

static void
test_decode_surrogate(void)
{
	DECODES("\xed\xa0\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xed\xbf\xbf", "U+FFFD/1 U+FFFD/1 U+FFFD/1");
	/* a UTF-16 pair encoded as two CESU-8 halves */
	DECODES("\xed\xa0\xbd\xed\xb8\x80",
		"U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
}

static void
test_decode_too_big(void)
{
	DECODES("\xf4\x90\x80\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xf5\x80\x80\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xf7\xbf\xbf\xbf", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xf8\x88\x80\x80\x80", "U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1 U+FFFD/1");
	DECODES("\xfe\xff", "U+FFFD/1 U+FFFD/1");
	DECODES("a\xffz", "U+0061/1 U+FFFD/1 U+007A/1");
}

static void
test_decode_truncated(void)
{
	uint32_t cp = 0;

	DECODES("\xc3", "U+FFFD/1");
	DECODES("\xe2\x82", "U+FFFD/2");
	DECODES("\xf0\x9f\x98", "U+FFFD/3");
	DECODES("\xe2\x82Z", "U+FFFD/2 U+005A/1");
	DECODES("\xf0\x9f\xc3\xa9", "U+FFFD/2 U+00E9/2");
	/* cut short by len, not by the bytes */
	CU_ASSERT_EQUAL(text_decode("\xc3\xa9", 1, &cp), 1);
	CU_ASSERT_EQUAL(cp, TEXT_REPLACEMENT);
	CU_ASSERT_EQUAL(text_decode("\xf0\x9f\x98\x80", 3, &cp), 3);
	CU_ASSERT_EQUAL(cp, TEXT_REPLACEMENT);
}

static void
test_decode_stray_continuation(void)
{
	DECODES("\x80", "U+FFFD/1");
	DECODES("a\xbf\x80z", "U+0061/1 U+FFFD/1 U+FFFD/1 U+007A/1");
	DECODES("\xc3\xa9\xa9", "U+00E9/2 U+FFFD/1");
}

static void
test_decode_maximal_subparts(void)
{
	/* The example of Unicode 15 section 3.9, table 3-8. */
	DECODES("\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64",
		"U+0061/1 U+FFFD/3 U+FFFD/2 U+FFFD/1 U+0062/1 U+FFFD/1 U+0063/1 "
		"U+FFFD/1 U+FFFD/1 U+0064/1");
}

/* ---- encoding ---------------------------------------------------------- */

#define ENCODES(cp, lit)                                                                           \
	do {                                                                                       \
		char buf_[8] = {0};                                                                \
		size_t n_ = text_encode(cp, buf_);                                                 \
		CU_ASSERT_EQUAL(n_, sizeof(lit) - 1);                                              \
		UNIT_ASSERT_STR(lit, buf_);                                                        \
	} while (0)

static void
test_encode(void)
{
	uint32_t cp, bad = 0;

	ENCODES(0x41, "A");
	ENCODES(0xe9, "\xc3\xa9");
	ENCODES(0x7ff, "\xdf\xbf");
	ENCODES(0x65e5, "\xe6\x97\xa5");
	ENCODES(0x1f600, "\xf0\x9f\x98\x80");
	ENCODES(0x10ffff, "\xf4\x8f\xbf\xbf");
	ENCODES(0xd800, "\xef\xbf\xbd");
	ENCODES(0xdfff, "\xef\xbf\xbd");
	ENCODES(0x110000, "\xef\xbf\xbd");
	ENCODES(0xffffffffu, "\xef\xbf\xbd");

	/* every scalar value survives encode + decode */
	for (cp = 1; cp <= 0x10ffff; cp++) {
		char buf[4];
		uint32_t back = 0;
		size_t n;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = text_encode(cp, buf);
		if (text_decode(buf, n, &back) != n || back != cp)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* ---- widths ------------------------------------------------------------ */

#define WIDTH(lit) text_width(lit, sizeof(lit) - 1)

static void
test_width_ascii_controls(void)
{
	CU_ASSERT_EQUAL(text_cp_width('a'), 1);
	CU_ASSERT_EQUAL(text_cp_width(' '), 1);
	CU_ASSERT_EQUAL(text_cp_width('~'), 1);
	CU_ASSERT_EQUAL(text_cp_width(0), 0);
	CU_ASSERT_EQUAL(text_cp_width('\n'), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x1b), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x7f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x85), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x9f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xa0), 1);
	CU_ASSERT_EQUAL(text_cp_width(0xad), 1); /* soft hyphen, as glibc */
	CU_ASSERT_EQUAL(text_cp_width(0xe9), 1);
	CU_ASSERT_EQUAL(WIDTH("hello, world"), 12);
	CU_ASSERT_EQUAL(WIDTH("a\tb\n"), 2);
	CU_ASSERT_EQUAL(WIDTH(""), 0);
	/* an invalid sequence shows as one U+FFFD */
	CU_ASSERT_EQUAL(WIDTH("a\xff\xe2\x82z"), 4);
}

static void
test_width_cjk(void)
{
	CU_ASSERT_EQUAL(WIDTH("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6); /* 日本語 */
	CU_ASSERT_EQUAL(WIDTH("a" U65E5 "b"), 4);
	CU_ASSERT_EQUAL(text_cp_width(0x3042), 2); /* hiragana a */
	CU_ASSERT_EQUAL(text_cp_width(0x30a2), 2); /* katakana a */
	CU_ASSERT_EQUAL(text_cp_width(0xac00), 2); /* hangul syllable ga */
	CU_ASSERT_EQUAL(text_cp_width(0xd7a3), 2); /* last hangul syllable */
	CU_ASSERT_EQUAL(text_cp_width(0xd7a4), 1); /* just after it */
	CU_ASSERT_EQUAL(text_cp_width(0x1100), 2); /* hangul choseong */
	CU_ASSERT_EQUAL(text_cp_width(0x3000), 2); /* ideographic space */
	CU_ASSERT_EQUAL(text_cp_width(0xff01), 2); /* fullwidth ! */
	CU_ASSERT_EQUAL(text_cp_width(0xff60), 2);
	CU_ASSERT_EQUAL(text_cp_width(0xff61), 1); /* halfwidth ideographic full stop */
	CU_ASSERT_EQUAL(text_cp_width(0xffe6), 2);
	CU_ASSERT_EQUAL(text_cp_width(0xffe8), 1); /* halfwidth forms light vertical */
	CU_ASSERT_EQUAL(text_cp_width(0x4e00), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x9fff), 2);  /* unassigned, defaults to wide */
	CU_ASSERT_EQUAL(text_cp_width(0x20000), 2); /* CJK extension B */
	CU_ASSERT_EQUAL(text_cp_width(0x3fffd), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x31350), 2); /* extension H, new in Unicode 15 */
	CU_ASSERT_EQUAL(text_cp_width(0x4dc0), 1);  /* hexagram symbols are not wide */
}

static void
test_width_emoji(void)
{
	static const uint32_t wide_bmp[] = {
	    0x231a, 0x231b, 0x23e9, 0x23ec, 0x23f0, 0x23f3, 0x25fd, 0x25fe, 0x2614, 0x2615,
	    0x2648, 0x2653, 0x267f, 0x2693, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4,
	    0x26c5, 0x26ce, 0x26d4, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26fa, 0x26fd, 0x2705,
	    0x270a, 0x270b, 0x2728, 0x274c, 0x274e, 0x2753, 0x2755, 0x2757, 0x2795, 0x2797,
	    0x27b0, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b55,
	};
	size_t i;

	CU_ASSERT_EQUAL(WIDTH("\xf0\x9f\x98\x80"), 2); /* U+1F600 */
	CU_ASSERT_EQUAL(text_cp_width(0x1f300), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x1f64f), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x1f680), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x1f6ff), 1); /* unassigned */
	CU_ASSERT_EQUAL(text_cp_width(0x1f910), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x1f9ff), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x1fae8), 2); /* shaking face, Unicode 15 */
	CU_ASSERT_EQUAL(text_cp_width(0x1f3fb), 2); /* skin tone modifier */
	/* text-presentation symbols stay narrow */
	CU_ASSERT_EQUAL(text_cp_width(0x2764), 1);  /* heavy black heart */
	CU_ASSERT_EQUAL(text_cp_width(0x1f321), 1); /* thermometer */
	CU_ASSERT_EQUAL(text_cp_width(0x2600), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x1f1e6), 1); /* regional indicator */
	for (i = 0; i < sizeof wide_bmp / sizeof wide_bmp[0]; i++)
		if (text_cp_width(wide_bmp[i]) != 2) {
			fprintf(stderr, "\nU+%04X: expected width 2, got %d\n",
				(unsigned)wide_bmp[i], text_cp_width(wide_bmp[i]));
			CU_FAIL("BMP emoji width");
		}
	CU_ASSERT_EQUAL(text_cp_width(0x2319), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x231c), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x2b56), 1);
}

static void
test_width_zero(void)
{
	CU_ASSERT_EQUAL(WIDTH("e\xcc\x81"), 1); /* e + U+0301 */
	CU_ASSERT_EQUAL(WIDTH("e\xcc\x81\xcc\xa3x"), 2);
	CU_ASSERT_EQUAL(text_cp_width(0x0300), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x036f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x0370), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x20dd), 0); /* Me: combining enclosing circle */
	CU_ASSERT_EQUAL(text_cp_width(0x0903), 1); /* Mc: devanagari visarga */
	CU_ASSERT_EQUAL(text_cp_width(0x093f), 1); /* Mc */
	CU_ASSERT_EQUAL(text_cp_width(0x0941), 0); /* Mn */
	CU_ASSERT_EQUAL(text_cp_width(0x0600), 1); /* prepended concatenation mark */
	CU_ASSERT_EQUAL(text_cp_width(0x200b), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x200d), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x200f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x2010), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x2028), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x202e), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x202f), 1);
	CU_ASSERT_EQUAL(text_cp_width(0x2060), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x2065), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x206f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xfeff), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xfe00), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xfe0f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xfe10), 2); /* vertical comma, W */
	CU_ASSERT_EQUAL(text_cp_width(0xe0100), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xe01ef), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xe0000), 0);
	CU_ASSERT_EQUAL(text_cp_width(0xe0041), 0); /* tag latin capital A */
	CU_ASSERT_EQUAL(text_cp_width(0xe007f), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x1160), 0); /* hangul jungseong filler */
	CU_ASSERT_EQUAL(text_cp_width(0x11ff), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x115f), 2);
	CU_ASSERT_EQUAL(text_cp_width(0xd7b0), 0);
	/* wide combining marks are zero width */
	CU_ASSERT_EQUAL(text_cp_width(0x3099), 0);
	CU_ASSERT_EQUAL(text_cp_width(0x302a), 0);
	/* heart + VS16: no grapheme clustering, so 1 + 0 */
	CU_ASSERT_EQUAL(WIDTH("\xe2\x9d\xa4\xef\xb8\x8f"), 1);
}

/* man ZWJ woman ZWJ girl: each person counts 2, each joiner 0. */
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"

static void
test_width_zwj(void)
{
	CU_ASSERT_EQUAL(WIDTH(FAMILY), 6);
	CU_ASSERT_EQUAL(WIDTH("a" ZWJ "b"), 2);
	/* flag of Scotland: black flag + tags + cancel tag */
	CU_ASSERT_EQUAL(WIDTH("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb3"
			      "\xf3\xa0\x81\xa3\xf3\xa0\x81\xb4\xf3\xa0\x81\xbf"),
			2);
}

/* ---- text_fit ---------------------------------------------------------- */

#define FIT(lit, cells, exp_bytes, exp_used)                                                       \
	do {                                                                                       \
		int used_ = -1;                                                                    \
		size_t n_ = text_fit(lit, sizeof(lit) - 1, cells, &used_);                         \
		if (n_ != (size_t)(exp_bytes) || used_ != (exp_used))                              \
			fprintf(stderr,                                                            \
				"\n%s:%d: fit %d: expected %d bytes/%d cells, got %zu/%d\n",       \
				__FILE__, __LINE__, cells, exp_bytes, exp_used, n_, used_);        \
		CU_ASSERT_EQUAL(n_, (size_t)(exp_bytes));                                          \
		CU_ASSERT_EQUAL(used_, exp_used);                                                  \
	} while (0)

static void
test_fit_ascii(void)
{
	FIT("abc", 3, 3, 3); /* exact fit */
	FIT("abc", 4, 3, 3);
	FIT("abc", 2, 2, 2);
	FIT("abc", 0, 0, 0);
	FIT("abc", -1, 0, 0);
	FIT("", 5, 0, 0);
	CU_ASSERT_EQUAL(text_fit("abcdef", 6, 4, NULL), 4);
}

static void
test_fit_wide(void)
{
	/* a 日 b */
	FIT("a" U65E5 "b", 1, 1, 1);
	FIT("a" U65E5 "b", 2, 1, 1); /* one cell short of the wide char */
	FIT("a" U65E5 "b", 3, 4, 3);
	FIT("a" U65E5 "b", 4, 5, 4);
	/* 日本 */
	FIT("\xe6\x97\xa5\xe6\x9c\xac", 3, 3, 2);
	FIT("\xe6\x97\xa5\xe6\x9c\xac", 4, 6, 4);
	FIT("\xe6\x97\xa5\xe6\x9c\xac", 1, 0, 0);
	/* a 😀: the four bytes go together or not at all */
	FIT("a\xf0\x9f\x98\x80", 2, 1, 1);
	FIT("a\xf0\x9f\x98\x80", 3, 5, 3);
}

static void
test_fit_combining(void)
{
	/* marks after the cut stay with their base: ab e U+0301 x */
	FIT("abe\xcc\x81x", 3, 5, 3);
	FIT("abe\xcc\x81x", 2, 2, 2);
	/* e U+0301 U+0323 */
	FIT("e\xcc\x81\xcc\xa3", 1, 5, 1);
	/* a base that does not fit keeps its mark: ab 日 U+0301 */
	FIT("ab\xe6\x97\xa5\xcc\x81", 3, 2, 2);
	FIT("ab\xe6\x97\xa5\xcc\x81", 4, 7, 4);
	/* man ZWJ woman ...: the joiner follows the man */
	FIT(FAMILY, 3, 7, 2);
	FIT(FAMILY, 4, 14, 4); /* ... and the one after the woman */
	/* invalid bytes count as one U+FFFD each */
	FIT("\xff\xfe", 1, 1, 1);
	FIT("\xe2\x82z", 1, 2, 1);
}

/* ---- sanitising -------------------------------------------------------- */

#define SAN(lit, flags, expected)                                                                  \
	do {                                                                                       \
		size_t olen_ = (size_t)-1;                                                         \
		char *got_ = text_sanitize(lit, sizeof(lit) - 1, flags, &olen_);                   \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		CU_ASSERT_EQUAL(olen_, strlen(expected));                                          \
		free(got_);                                                                        \
	} while (0)

#define ALL (TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS)

static void
test_sanitize_clean(void)
{
	char *got;

	SAN("", 0, "");
	SAN("Hello, world!", 0, "Hello, world!");
	SAN("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 e\xcc\x81", 0,
	    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 e\xcc\x81");
	SAN("line one\nline two\n\tindented\n", ALL, "line one\nline two\n\tindented\n");
	SAN(FAMILY, 0, FAMILY);
	SAN("\xef\xbf\xbd", 0, "\xef\xbf\xbd");
	/* marks and joiners that are not overrides stay */
	SAN("a" LRM RLM ZWNJ "b", 0, "a" LRM RLM ZWNJ "b");
	got = text_sanitize("abc", 3, 0, NULL);
	UNIT_ASSERT_STR("abc", got);
	free(got);
}

static void
test_sanitize_csi(void)
{
	SAN("\x1b[31mred\x1b[0m", 0, "red");
	SAN("\x1b[1;31;42mX\x1b[m plain", 0, "X plain");
	SAN("\x1b[38;5;196mA\x1b[38;2;255;0;0mB\x1b[39m", 0, "AB");
	/* cursor movement, erase, private modes */
	SAN("a\x1b[2Ab\x1b[10;20Hc\x1b[2Jd\x1b[?25le\x1b[?1049hf\x1b[K", 0, "abcdef");
	SAN("x\x1b[6n\x1b[>c\x1b[ qy", 0, "xy");
	/* the lowest and highest final bytes: ICH '@' and '~' (function keys) */
	SAN("a\x1b[2@b\x1b[5~c", 0, "abc");
	/* 8-bit CSI, U+009B */
	SAN("a" C1_CSI "31mb", 0, "ab");
	SAN("a" C1_CSI "?25lb", 0, "ab");
	/* a raw 0x9B byte is not UTF-8: replaced, never interpreted */
	SAN("a" RAW_9B "31mb", 0, "a" REPL "31mb");
}

static void
test_sanitize_strings(void)
{
	/* OSC title set, ended by BEL, by ESC \ and by 8-bit ST */
	SAN(ESC "]0;evil title" BEL "after", 0, "after");
	SAN(ESC "]2;title" ST "after", 0, "after");
	SAN(ESC "]2;title" C1_ST "after", 0, "after");
	/* OSC 52: write to the clipboard */
	SAN("x" ESC "]52;c;ZWNobyBoaQ==" BEL "y", 0, "xy");
	SAN("x" ESC "]52;c;ZWNobyBoaQ==" ST "y", 0, "xy");
	/* OSC 8 hyperlink: the link text stays */
	SAN(ESC "]8;;http://example.com/" ST "link" ESC "]8;;" ST, 0, "link");
	/* 8-bit OSC */
	SAN("a" C1_OSC "0;t" BEL "b", 0, "ab");
	/* DCS: BEL does not end it */
	SAN("a" ESC "P1$r0m" ST "b", 0, "ab");
	SAN("a" ESC "Pq#0;2;0;0;0" BEL "#1" ST "b", 0, "ab");
	SAN("a" C1_DCS "x" C1_ST "b", 0, "ab");
	/* SOS, PM, APC in both forms */
	SAN("a" ESC "Xsos" ST "b" ESC "^pm" ST "c" ESC "_Gf=100;AAAA" ST "d", 0, "abcd");
	SAN("a" C1_SOS "s" C1_ST "b" C1_PM "p" C1_ST "c" C1_APC "A" C1_ST "d", 0, "abcd");
	/* the string's contents may be anything, newlines and UTF-8 included */
	SAN("a" ESC "]0;\n" U65E5 "\xff" BEL "b", ALL, "ab");
}

static void
test_sanitize_unterminated(void)
{
	SAN("a\x1b]0;title never ends\nmore", ALL, "a");
	SAN("a\x1bPdcs", 0, "a");
	SAN("a" C1_OSC "52;c;AAAA", 0, "a");
	SAN("a\x1b_apc\x1b", 0, "a");
	SAN("a\x1b", 0, "a");
	SAN("a\x1b[", 0, "a");
	SAN("a\x1b[12;", 0, "a");
	SAN("a\xc2\x9b", 0, "a");
	SAN("a\x1b(", 0, "a");
	/* another ESC ends a string and starts its own sequence */
	SAN("\x1b]0;t\x1b[1mX", 0, "X");
	/* CAN and SUB cancel a sequence */
	SAN("\x1b]0;t\x18X\x1bPq\x1aY", 0, "XY");
	/* a CSI broken by a control: the control is handled on its own */
	SAN("a\x1b[1\nb", TEXT_KEEP_NEWLINES, "a\nb");
	SAN("a\x1b[1\xc3\xa9", 0, "a\xc3\xa9");
}

static void
test_sanitize_escapes(void)
{
	/* two-byte sequences: save/restore cursor, reset, keypad, index */
	SAN("a" ESC "7b" ESC "8c" ESC "cd" ESC "=e" ESC ">f" ESC "Dg" ESC "Mh", 0, "abcdefgh");
	/* with intermediates: charset selection, DEC alignment test */
	SAN("a\x1b(0b\x1b(Bc\x1b#8d\x1b%Ge", 0, "abcde");
	/* ESC before something that is not a final byte: only ESC goes */
	SAN("a\x1b\xc3\xa9", 0, "a\xc3\xa9");
	SAN("a\x1b\x1b[31mb", 0, "ab");
	SAN("a\x1b\nb", TEXT_KEEP_NEWLINES, "a\nb");
	/* lone ST and other C1 controls */
	SAN("a" C1_ST "b" C1_NEL "c" C1_PAD "d" C1_RI "e", 0, "abcde");
}

static void
test_sanitize_controls(void)
{
	SAN("a\0b", 0, "ab");
	SAN("\0\0\0", ALL, "");
	SAN("a\x7fz", 0, "az");
	SAN("a\x07\x08\x0b\x0c\x0e\x1fz", ALL, "az");
	SAN("\x01\x02\x03xyz\x04", 0, "xyz");
}

static void
test_sanitize_newlines(void)
{
	SAN("a\nb\r\nc\rd", 0, "a b c d");
	SAN("a\nb\r\nc\rd", TEXT_KEEP_NEWLINES, "a\nb\nc\nd");
	SAN("a\nb\r\nc\rd", TEXT_KEEP_TABS, "a b c d");
	SAN("\r\r\n\n\r", TEXT_KEEP_NEWLINES, "\n\n\n\n");
	SAN("\r\r\n\n\r", 0, "    ");
	SAN("end\r", TEXT_KEEP_NEWLINES, "end\n");
}

static void
test_sanitize_tabs(void)
{
	SAN("a\tb", 0, "a b");
	SAN("a\tb", TEXT_KEEP_TABS, "a\tb");
	SAN("a\tb", TEXT_KEEP_NEWLINES, "a b");
	SAN("\t\n", ALL, "\t\n");
}

static void
test_sanitize_bidi(void)
{
	/* U+202A..U+202E and U+2066..U+2069 */
	SAN("a" LRE "b" RLE "c" PDF "d" LRO "e" RLO "f", 0, "abcdef");
	SAN("a" LRI "b" RLI "c" FSI "d" PDI "e", 0, "abcde");
	/* the classic trojan-source shape */
	SAN("if (admin) {" RLO " } " LRI "// check" PDI, 0, "if (admin) { } // check");
	/* neighbours of the ranges stay */
	SAN("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", 0,
	    "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
}

static void
test_sanitize_invalid(void)
{
	SAN("a\xffz", 0, "a" REPL "z");
	SAN("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN("\xf4\x90\x80\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN("ok\xe2\x82", 0, "ok\xef\xbf\xbd");
	SAN("\xf0\x9f\x98x", 0, REPL "x");
	SAN("\x80\xbf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_sanitize_growth(void)
{
	/* 1000 one-byte errors triple in size */
	char in[1000], *got;
	size_t n = 0, i, bad = 0;

	memset(in, 0xff, sizeof in);
	got = text_sanitize(in, sizeof in, 0, &n);
	CU_ASSERT_EQUAL(n, 3000);
	for (i = 0; i + 3 <= n; i += 3)
		if (memcmp(got + i, "\xef\xbf\xbd", 3) != 0)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(got[n], '\0');
	free(got);
}

/* A control at every offset of a long ASCII run, so every byte lane of the
 * eight-byte fast path has to notice it. */
static void
test_sanitize_lanes(void)
{
	static const char *const bad[] = {"\x01", "\x1f", "\x7f", "\033c", "\xc2\x85", "\xff"};
	static const char *const repl[] = {"", "", "", "", "", "\xef\xbf\xbd"};
	size_t k, off, wrong = 0;

	for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
		for (off = 0; off < 24; off++) {
			char in[64], want[64], *got;
			size_t blen = strlen(bad[k]), n;

			memset(in, 'a', 24);
			memcpy(in + off, bad[k], blen);
			memset(in + off + blen, 'b', 24);
			memset(want, 'a', off);
			strcpy(want + off, repl[k]);
			memset(want + strlen(want), 'b', 24);
			want[off + strlen(repl[k]) + 24] = '\0';
			got = text_sanitize(in, off + blen + 24, 0, &n);
			if (strcmp(got, want) != 0 || n != strlen(want)) {
				fprintf(stderr, "\nlane %zu/%zu: expected %s got %s\n", k, off,
					want, got);
				wrong++;
			}
			if (text_is_clean(in, off + blen + 24))
				wrong++;
			free(got);
		}
	CU_ASSERT_EQUAL(wrong, 0);
}

/* ---- text_is_clean ----------------------------------------------------- */

#define CLEAN(lit) text_is_clean(lit, sizeof(lit) - 1)

static void
test_is_clean(void)
{
	CU_ASSERT_TRUE(CLEAN(""));
	CU_ASSERT_TRUE(CLEAN("hello\n\tworld"));
	CU_ASSERT_TRUE(CLEAN("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xf0\x9f\x98\x80 e\xcc\x81"));
	CU_ASSERT_TRUE(CLEAN("\xef\xbf\xbd"));
	CU_ASSERT_TRUE(CLEAN(FAMILY));
	CU_ASSERT_FALSE(CLEAN("a\rb"));
	CU_ASSERT_FALSE(CLEAN("\x1b[0m"));
	CU_ASSERT_FALSE(CLEAN("a\0b"));
	CU_ASSERT_FALSE(CLEAN("\x7f"));
	CU_ASSERT_FALSE(CLEAN("\x07"));
	CU_ASSERT_FALSE(CLEAN("\xc2\x85"));
	CU_ASSERT_FALSE(CLEAN(C1_CSI "31m"));
	CU_ASSERT_FALSE(CLEAN("\xff"));
	CU_ASSERT_FALSE(CLEAN("\xc0\x80"));
	CU_ASSERT_FALSE(CLEAN("\xed\xa0\x80"));
	CU_ASSERT_FALSE(CLEAN("\xe6\x97"));
	CU_ASSERT_FALSE(CLEAN("a long clean prefix then " RLO));
	CU_ASSERT_FALSE(CLEAN(PDI));
	CU_ASSERT_TRUE(CLEAN(RLM));
	/* only the first len bytes count */
	CU_ASSERT_TRUE(text_is_clean("ab\x1b", 2));
}

/* Clean text is exactly what sanitising with both flags leaves alone. */
static void
test_is_clean_agrees(void)
{
	static const char *const samples[] = {
	    "plain",	    "tab\tand\nnewline", "cr\r\n",	 "\x1b[1m",
	    "\xc2\x9c",	    "\xe2\x80\xae",	 "\xe2\x80\x8d", "\xf0\x9f\x98\x80",
	    "\xf0\x9f\x98", "\xc3\xa9\xa9",	 "\x7f",	 "\xef\xbf\xbd",
	};
	size_t i, wrong = 0;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		size_t len = strlen(samples[i]), n;
		char *got = text_sanitize(samples[i], len, ALL, &n);
		bool same = n == len && memcmp(got, samples[i], len) == 0;

		if (same != text_is_clean(samples[i], len)) {
			fprintf(stderr, "\nsample %zu: clean=%d but sanitize %s it\n", i,
				(int)text_is_clean(samples[i], len), same ? "keeps" : "changes");
			wrong++;
		}
		free(got);
	}
	CU_ASSERT_EQUAL(wrong, 0);
}

/* %XX escapes in link targets: decoded, but never into a NUL, and left
 * as written when they are not two hex digits. */
static void
test_unescape_url(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"a%20b.md", "a b.md"}, {"%C3%BC", "\xc3\xbc"}, {"%00x", "%00x"}, {"%4", "%4"},
	    {"%zz%4G", "%zz%4G"},   {"100%", "100%"},	    {"%41%42", "AB"}, {"", ""},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_unescape_url(cases[i].in, strlen(cases[i].in));
		UNIT_ASSERT_STR(cases[i].out, got);
		free(got);
	}
}

/* Search folds the letters anchors fold: a lower-case pattern finds the
 * heading "Ünïcode Title" as the link #ünïcode-title finds it, and so for
 * Greek and Cyrillic.  Before one folding, search folded ASCII only. */
static void
test_search_folds_as_anchors(void)
{
	static const char *const hay[] = {"\xc3\x9cn\xc3\xaf"
					  "code Title",
					  "\xce\x9b\xcf\x8c\xce\xb3\xce\xbf\xcf\x82",
					  "\xd0\x9f\xd1\x80\xd0\xbe\xd0\xb5\xd0\xba\xd1\x82"};
	static const char *const pat[] = {"\xc3\xbcn\xc3\xaf"
					  "code title",
					  "\xce\xbb\xcf\x8c\xce\xb3", "\xd0\xbf\xd1\x80\xd0\xbe"};

	for (size_t i = 0; i < 3; i++) {
		CU_ASSERT_TRUE(search_icase(pat[i]));
		CU_ASSERT_EQUAL(search_in(hay[i], strlen(hay[i]), 0, pat[i], strlen(pat[i]), true),
				0);
	}
	/* an upper-case letter of any script makes the search exact */
	CU_ASSERT_FALSE(search_icase("\xc3\x9c"
				     "ber"));
	CU_ASSERT_EQUAL(search_in("\xc3\xbc\xc3\x9c", 4, 0, "\xc3\x9c", 2, false), 2);
	/* "é" finds the "É" after "x" */
	CU_ASSERT_EQUAL(search_in("x\xc3\x89", 3, 0, "\xc3\xa9", 2, true), 1);
	/* invalid bytes match only themselves */
	CU_ASSERT_EQUAL(search_in("\xff", 1, 0, "\xfe", 1, true), -1);
	CU_ASSERT_EQUAL(search_in("a\xff", 2, 0, "\xff", 1, true), 1);
	/* every letter folds to one of the same UTF-8 length, so a match found
	 * on folded text has the original's byte length */
	for (uint32_t c = 0; c < 0x800; c++) {
		char a[4], b[4];
		size_t na = text_encode(c, a), nb = text_encode(text_fold_cp(c), b);
		CU_ASSERT_EQUAL(na, nb);
		if (text_fold_cp(c) != c && c != 0x130) {
			CU_ASSERT_EQUAL(search_in(a, na, 0, b, nb, true), 0);
		}
	}
}

static void
test_strbuf(void)
{
	struct strbuf b = STRBUF_INIT;
	char *s = strbuf_take(&b);

	UNIT_ASSERT_STR("", s);
	free(s);
	strbuf_puts(&b, "ab");
	strbuf_add(&b, "cdef", 2);
	strbuf_pad(&b, '.', 3);
	strbuf_pad(&b, '.', -1);
	strbuf_printf(&b, "%d-%s", 42, "x");
	CU_ASSERT_EQUAL(b.len, 11);
	s = strbuf_take(&b);
	UNIT_ASSERT_STR("abcd...42-x", s);
	CU_ASSERT_PTR_NULL(b.s);
	free(s);
	strbuf_puts(&b, "y");
	strbuf_free(&b);
	CU_ASSERT_EQUAL(b.len, 0);
}

static void
test_files(void)
{
	static const struct {
		const char *path, *dir;
	} dirs[] = {
	    {"a/b/c.md", "a/b"}, {"c.md", "."}, {"/c.md", "/"}, {"/a/c", "/a"}, {"a/", "a"}};
	char *data = NULL;
	size_t len = 1;
	FILE *f;

	UNIT_ASSERT_STR("c.md", files_basename("a/b/c.md"));
	UNIT_ASSERT_STR("c.md", files_basename("c.md"));
	UNIT_ASSERT_STR("", files_basename("a/"));
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char *d = files_dirname(dirs[i].path);
		UNIT_ASSERT_STR(dirs[i].dir, d);
		free(d);
	}
	f = fmemopen((void *)"hello", 5, "r");
	CU_ASSERT_EQUAL(files_read(f, 5, &data, &len), 0);
	CU_ASSERT_EQUAL(len, 5);
	UNIT_ASSERT_STR("hello", data);
	free(data);
	rewind(f);
	CU_ASSERT_EQUAL(files_read(f, 4, &data, &len), EFBIG);
	CU_ASSERT_PTR_NULL(data);
	CU_ASSERT_EQUAL(len, 0);
	fclose(f);
}

int
test_text_register(void)
{
	static const struct {
		const char *name;
		CU_TestFunc fn;
	} tests[] = {
	    {"decode ascii", test_decode_ascii},
	    {"decode multibyte", test_decode_multibyte},
	    {"decode overlong", test_decode_overlong},
	    {"decode surrogate", test_decode_surrogate},
	    {"decode above U+10FFFF", test_decode_too_big},
	    {"decode truncated", test_decode_truncated},
	    {"decode stray continuation", test_decode_stray_continuation},
	    {"decode maximal subparts", test_decode_maximal_subparts},
	    {"encode", test_encode},
	    {"width ascii and controls", test_width_ascii_controls},
	    {"width cjk", test_width_cjk},
	    {"width emoji", test_width_emoji},
	    {"width zero", test_width_zero},
	    {"width zwj", test_width_zwj},
	    {"fit ascii", test_fit_ascii},
	    {"fit wide", test_fit_wide},
	    {"fit combining", test_fit_combining},
	    {"sanitize clean", test_sanitize_clean},
	    {"sanitize csi", test_sanitize_csi},
	    {"sanitize strings", test_sanitize_strings},
	    {"sanitize unterminated", test_sanitize_unterminated},
	    {"sanitize escapes", test_sanitize_escapes},
	    {"sanitize controls", test_sanitize_controls},
	    {"sanitize newlines", test_sanitize_newlines},
	    {"sanitize tabs", test_sanitize_tabs},
	    {"sanitize bidi", test_sanitize_bidi},
	    {"sanitize invalid", test_sanitize_invalid},
	    {"sanitize growth", test_sanitize_growth},
	    {"sanitize lanes", test_sanitize_lanes},
	    {"is_clean", test_is_clean},
	    {"is_clean agrees", test_is_clean_agrees},
	    {"unescape url", test_unescape_url},
	    {"search folds as anchors", test_search_folds_as_anchors},
	    {"strbuf", test_strbuf},
	    {"files", test_files},
	};
	CU_pSuite suite = CU_add_suite("text", NULL, NULL);
	size_t i;

	if (suite == NULL)
		return (int)CU_get_error();
	for (i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL)
			return (int)CU_get_error();
	return 0;
}
