/*
 * text.c - UTF-8 decoding, display width in terminal cells, sanitising.
 *
 * Everything here is pure: no locale, no allocation except the copy that
 * text_sanitize() returns.  Invariants:
 *
 * - Decoding is strict UTF-8 (Unicode 15, table 3-7): overlongs, surrogates,
 *   code points above U+10FFFF and truncated sequences are invalid, and each
 *   invalid stretch is one maximal subpart, so the same bytes always decode
 *   to the same code points whichever function reads them.
 * - Widths come from the two sorted, non-overlapping range tables below,
 *   never from wcwidth(): 0 for controls and zero-width code points, 2 for
 *   East Asian Wide/Fullwidth (which covers emoji with default emoji
 *   presentation), 1 for everything else.  A code point in both tables (a
 *   wide combining mark such as U+3099) is zero width.
 * - text_sanitize() output holds no C0 control other than the \n and \t its
 *   flags allow, no DEL, no C1 control, no bidi override or isolate, and is
 *   valid UTF-8; text_is_clean() is true exactly when sanitising with
 *   TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS would return the input unchanged.
 *   Both run in linear time, and skip runs of printable ASCII eight bytes
 *   at a time.
 */
#include "config.h"

#include <assert.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

/* Internal marker for an invalid sequence; callers outside see U+FFFD. */
#define BAD_CP UINT32_MAX

#define ESC 0x1b
#define BEL 0x07
#define CAN 0x18
#define SUB 0x1a

struct range {
	uint32_t lo, hi;
};

/*
 * The tables were generated from Python 3.12's unicodedata (Unicode 15.0.0)
 * by a throwaway script, not kept in the tree:
 *
 * zero_width: general category Mn, Me or Cf, less U+00AD SOFT HYPHEN (width
 *   1, as glibc) and the prepended concatenation marks (U+0600..U+0605,
 *   U+06DD, U+070F, U+0890, U+0891, U+08E2, U+110BD, U+110CD, which are
 *   visible); plus the Hangul medial and final jamo U+1160..U+11FF and
 *   U+D7B0..U+D7FF, U+200B..U+200F, U+2028..U+202E, U+2060..U+206F,
 *   variation selectors and the tag block U+E0000..U+E007F.  Code points
 *   below U+00A0 are left to text_cp_width().
 *
 * wide: East_Asian_Width W or F, plus the ranges EastAsianWidth.txt
 *   defaults to W when unassigned (U+3400..U+4DBF, U+4E00..U+9FFF,
 *   U+F900..U+FAFF, U+20000..U+2FFFD, U+30000..U+3FFFD), less zero_width.
 */
/* clang-format off */
static const struct range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
	{0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
	{0x061C, 0x061C}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC},
	{0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
	{0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x07FD, 0x07FD},
	{0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D},
	{0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x0902},
	{0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},
	{0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
	{0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x09FE},
	{0x0A01, 0x0A02}, {0x0A3C, 0x0A3C}, {0x0A41, 0x0A42}, {0x0A47, 0x0A48},
	{0x0A4B, 0x0A4D}, {0x0A51, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
	{0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC5}, {0x0AC7, 0x0AC8},
	{0x0ACD, 0x0ACD}, {0x0AE2, 0x0AE3}, {0x0AFA, 0x0AFF}, {0x0B01, 0x0B01},
	{0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F}, {0x0B41, 0x0B44}, {0x0B4D, 0x0B4D},
	{0x0B55, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82}, {0x0BC0, 0x0BC0},
	{0x0BCD, 0x0BCD}, {0x0C00, 0x0C00}, {0x0C04, 0x0C04}, {0x0C3C, 0x0C3C},
	{0x0C3E, 0x0C40}, {0x0C46, 0x0C48}, {0x0C4A, 0x0C4D}, {0x0C55, 0x0C56},
	{0x0C62, 0x0C63}, {0x0C81, 0x0C81}, {0x0CBC, 0x0CBC}, {0x0CBF, 0x0CBF},
	{0x0CC6, 0x0CC6}, {0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01},
	{0x0D3B, 0x0D3C}, {0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63},
	{0x0D81, 0x0D81}, {0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD4}, {0x0DD6, 0x0DD6},
	{0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1},
	{0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECE}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35},
	{0x0F37, 0x0F37}, {0x0F39, 0x0F39}, {0x0F71, 0x0F7E}, {0x0F80, 0x0F84},
	{0x0F86, 0x0F87}, {0x0F8D, 0x0F97}, {0x0F99, 0x0FBC}, {0x0FC6, 0x0FC6},
	{0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A}, {0x103D, 0x103E},
	{0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074}, {0x1082, 0x1082},
	{0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D}, {0x1160, 0x11FF},
	{0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733}, {0x1752, 0x1753},
	{0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD}, {0x17C6, 0x17C6},
	{0x17C9, 0x17D3}, {0x17DD, 0x17DD}, {0x180B, 0x180F}, {0x1885, 0x1886},
	{0x18A9, 0x18A9}, {0x1920, 0x1922}, {0x1927, 0x1928}, {0x1932, 0x1932},
	{0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B}, {0x1A56, 0x1A56},
	{0x1A58, 0x1A5E}, {0x1A60, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C},
	{0x1A73, 0x1A7C}, {0x1A7F, 0x1A7F}, {0x1AB0, 0x1ACE}, {0x1B00, 0x1B03},
	{0x1B34, 0x1B34}, {0x1B36, 0x1B3A}, {0x1B3C, 0x1B3C}, {0x1B42, 0x1B42},
	{0x1B6B, 0x1B73}, {0x1B80, 0x1B81}, {0x1BA2, 0x1BA5}, {0x1BA8, 0x1BA9},
	{0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6}, {0x1BE8, 0x1BE9}, {0x1BED, 0x1BED},
	{0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33}, {0x1C36, 0x1C37}, {0x1CD0, 0x1CD2},
	{0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8}, {0x1CED, 0x1CED}, {0x1CF4, 0x1CF4},
	{0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2028, 0x202E},
	{0x2060, 0x206F}, {0x20D0, 0x20F0}, {0x2CEF, 0x2CF1}, {0x2D7F, 0x2D7F},
	{0x2DE0, 0x2DFF}, {0x302A, 0x302D}, {0x3099, 0x309A}, {0xA66F, 0xA672},
	{0xA674, 0xA67D}, {0xA69E, 0xA69F}, {0xA6F0, 0xA6F1}, {0xA802, 0xA802},
	{0xA806, 0xA806}, {0xA80B, 0xA80B}, {0xA825, 0xA826}, {0xA82C, 0xA82C},
	{0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1}, {0xA8FF, 0xA8FF}, {0xA926, 0xA92D},
	{0xA947, 0xA951}, {0xA980, 0xA982}, {0xA9B3, 0xA9B3}, {0xA9B6, 0xA9B9},
	{0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5}, {0xAA29, 0xAA2E}, {0xAA31, 0xAA32},
	{0xAA35, 0xAA36}, {0xAA43, 0xAA43}, {0xAA4C, 0xAA4C}, {0xAA7C, 0xAA7C},
	{0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8}, {0xAABE, 0xAABF},
	{0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED}, {0xAAF6, 0xAAF6}, {0xABE5, 0xABE5},
	{0xABE8, 0xABE8}, {0xABED, 0xABED}, {0xD7B0, 0xD7FF}, {0xFB1E, 0xFB1E},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB},
	{0x101FD, 0x101FD}, {0x102E0, 0x102E0}, {0x10376, 0x1037A}, {0x10A01, 0x10A03},
	{0x10A05, 0x10A06}, {0x10A0C, 0x10A0F}, {0x10A38, 0x10A3A}, {0x10A3F, 0x10A3F},
	{0x10AE5, 0x10AE6}, {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC}, {0x10EFD, 0x10EFF},
	{0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11001, 0x11001}, {0x11038, 0x11046},
	{0x11070, 0x11070}, {0x11073, 0x11074}, {0x1107F, 0x11081}, {0x110B3, 0x110B6},
	{0x110B9, 0x110BA}, {0x110C2, 0x110C2}, {0x11100, 0x11102}, {0x11127, 0x1112B},
	{0x1112D, 0x11134}, {0x11173, 0x11173}, {0x11180, 0x11181}, {0x111B6, 0x111BE},
	{0x111C9, 0x111CC}, {0x111CF, 0x111CF}, {0x1122F, 0x11231}, {0x11234, 0x11234},
	{0x11236, 0x11237}, {0x1123E, 0x1123E}, {0x11241, 0x11241}, {0x112DF, 0x112DF},
	{0x112E3, 0x112EA}, {0x11300, 0x11301}, {0x1133B, 0x1133C}, {0x11340, 0x11340},
	{0x11366, 0x1136C}, {0x11370, 0x11374}, {0x11438, 0x1143F}, {0x11442, 0x11444},
	{0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x114B3, 0x114B8}, {0x114BA, 0x114BA},
	{0x114BF, 0x114C0}, {0x114C2, 0x114C3}, {0x115B2, 0x115B5}, {0x115BC, 0x115BD},
	{0x115BF, 0x115C0}, {0x115DC, 0x115DD}, {0x11633, 0x1163A}, {0x1163D, 0x1163D},
	{0x1163F, 0x11640}, {0x116AB, 0x116AB}, {0x116AD, 0x116AD}, {0x116B0, 0x116B5},
	{0x116B7, 0x116B7}, {0x1171D, 0x1171F}, {0x11722, 0x11725}, {0x11727, 0x1172B},
	{0x1182F, 0x11837}, {0x11839, 0x1183A}, {0x1193B, 0x1193C}, {0x1193E, 0x1193E},
	{0x11943, 0x11943}, {0x119D4, 0x119D7}, {0x119DA, 0x119DB}, {0x119E0, 0x119E0},
	{0x11A01, 0x11A0A}, {0x11A33, 0x11A38}, {0x11A3B, 0x11A3E}, {0x11A47, 0x11A47},
	{0x11A51, 0x11A56}, {0x11A59, 0x11A5B}, {0x11A8A, 0x11A96}, {0x11A98, 0x11A99},
	{0x11C30, 0x11C36}, {0x11C38, 0x11C3D}, {0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7},
	{0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3}, {0x11CB5, 0x11CB6}, {0x11D31, 0x11D36},
	{0x11D3A, 0x11D3A}, {0x11D3C, 0x11D3D}, {0x11D3F, 0x11D45}, {0x11D47, 0x11D47},
	{0x11D90, 0x11D91}, {0x11D95, 0x11D95}, {0x11D97, 0x11D97}, {0x11EF3, 0x11EF4},
	{0x11F00, 0x11F01}, {0x11F36, 0x11F3A}, {0x11F40, 0x11F40}, {0x11F42, 0x11F42},
	{0x13430, 0x13440}, {0x13447, 0x13455}, {0x16AF0, 0x16AF4}, {0x16B30, 0x16B36},
	{0x16F4F, 0x16F4F}, {0x16F8F, 0x16F92}, {0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E},
	{0x1BCA0, 0x1BCA3}, {0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46}, {0x1D167, 0x1D169},
	{0x1D173, 0x1D182}, {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244},
	{0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C}, {0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84},
	{0x1DA9B, 0x1DA9F}, {0x1DAA1, 0x1DAAF}, {0x1E000, 0x1E006}, {0x1E008, 0x1E018},
	{0x1E01B, 0x1E021}, {0x1E023, 0x1E024}, {0x1E026, 0x1E02A}, {0x1E08F, 0x1E08F},
	{0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF}, {0x1E4EC, 0x1E4EF},
	{0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0xE0000, 0xE007F}, {0xE0100, 0xE01EF},
};

static const struct range wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x2E99},
	{0x2E9B, 0x2EF3}, {0x2F00, 0x2FD5}, {0x2FF0, 0x2FFB}, {0x3000, 0x3029},
	{0x302E, 0x303E}, {0x3041, 0x3096}, {0x309B, 0x30FF}, {0x3105, 0x312F},
	{0x3131, 0x318E}, {0x3190, 0x31E3}, {0x31F0, 0x321E}, {0x3220, 0x3247},
	{0x3250, 0x4DBF}, {0x4E00, 0xA48C}, {0xA490, 0xA4C6}, {0xA960, 0xA97C},
	{0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52},
	{0xFE54, 0xFE66}, {0xFE68, 0xFE6B}, {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6},
	{0x16FE0, 0x16FE3}, {0x16FF0, 0x16FF1}, {0x17000, 0x187F7}, {0x18800, 0x18CD5},
	{0x18D00, 0x18D08}, {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE},
	{0x1B000, 0x1B122}, {0x1B132, 0x1B132}, {0x1B150, 0x1B152}, {0x1B155, 0x1B155},
	{0x1B164, 0x1B167}, {0x1B170, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
	{0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
	{0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
	{0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
	{0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
	{0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
	{0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
	{0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
	{0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
	{0x1F947, 0x1F9FF}, {0x1FA70, 0x1FA7C}, {0x1FA80, 0x1FA88}, {0x1FA90, 0x1FABD},
	{0x1FABF, 0x1FAC5}, {0x1FACE, 0x1FADB}, {0x1FAE0, 0x1FAE8}, {0x1FAF0, 0x1FAF8},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};
/* clang-format on */

static bool
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/*
 * Decodes one code point at p[0..len), len > 0.  Returns the bytes used;
 * *cp is BAD_CP for an invalid sequence, whose length is its maximal
 * subpart: the lead byte and as many following bytes as could still have
 * begun a valid sequence (so "E2 82" before "A" is one error, then "A").
 */
static inline size_t
decode(const unsigned char *p, size_t len, uint32_t *cp)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	uint32_t v;
	size_t need, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2) {
		/* stray continuation byte, or the lead of an overlong pair */
		*cp = BAD_CP;
		return 1;
	}
	if (c < 0xe0) {
		need = 1;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		need = 2;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0; /* overlong below U+0800 */
		else if (c == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (c < 0xf5) {
		need = 3;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90; /* overlong below U+10000 */
		else if (c == 0xf4)
			hi = 0x8f; /* above U+10FFFF */
	} else {
		*cp = BAD_CP;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || p[i] < lo || p[i] > hi) {
			*cp = BAD_CP;
			return i;
		}
		v = (v << 6) | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return need + 1;
}

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t n;

	if (len == 0) {
		*cp = TEXT_REPLACEMENT;
		return 0;
	}
	n = decode((const unsigned char *)s, len, cp);
	if (*cp == BAD_CP)
		*cp = TEXT_REPLACEMENT;
	return n;
}

size_t
text_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp >= 0xd800 && (cp <= 0xdfff || cp > 0x10ffff))
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

int
text_cp_width(uint32_t cp)
{
	if (cp < 0x7f)
		return cp >= 0x20;
	if (cp < 0xa0)
		return 0;
	/* nothing below U+0300 is zero width (U+00AD counts 1) */
	if (cp < 0x300)
		return 1;
	/* dashes, quotes, bullets and the ellipsis of English prose */
	if (cp >= 0x2010 && cp <= 0x2027)
		return 1;
	/* Greek, Cyrillic and Armenian letters (none is a mark) */
	if ((cp >= 0x370 && cp <= 0x482) || (cp >= 0x48a && cp <= 0x590))
		return 1;
	if (in_table(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (cp < 0x1100) /* the first wide range */
		return 1;
	if (in_table(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

static size_t ascii_run(const unsigned char *p, size_t len);

int
text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t pos = 0;
	int w = 0;

	while (pos < len) {
		uint32_t cp;
		size_t run = ascii_run(p + pos, len - pos); /* a cell each */

		w += (int)run;
		pos += run;
		if (pos >= len)
			break;
		if (p[pos] < 0x80) {
			w += p[pos] >= 0x20 && p[pos] != 0x7f;
			pos++;
			continue;
		}
		pos += decode(p + pos, len - pos, &cp);
		/* an invalid sequence shows as one U+FFFD */
		w += cp == BAD_CP ? 1 : text_cp_width(cp);
	}
	return w;
}

size_t
text_fit(const char *s, size_t len, int cells, int *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t pos = 0;
	int w = 0;

	/*
	 * Greedy is enough: a zero-width mark always fits once its base has,
	 * so marks stay with their base, and a base that does not fit stops
	 * the scan before its marks are reached.
	 */
	while (pos < len) {
		uint32_t cp;
		size_t n;
		int cw;

		if (p[pos] >= 0x20 && p[pos] < 0x7f) { /* printable ASCII: one cell */
			if (w >= cells)
				break;
			w++;
			pos++;
			continue;
		}
		n = decode(p + pos, len - pos, &cp);
		cw = cp == BAD_CP ? 1 : text_cp_width(cp);
		if (cw > cells - w)
			break;
		w += cw;
		pos += n;
	}
	if (used != NULL)
		*used = w;
	return pos;
}

/* Loads eight bytes without caring for alignment (memcpy compiles to one load). */
static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/*
 * Length of the run of printable ASCII (0x20..0x7e) at p[0..len).  Eight
 * bytes at a time: (v - 0x20..) & ~v has a high bit set iff some byte is
 * below 0x20, and (v + 0x01..) | v has one iff some byte is 0x7f or above;
 * both tests are exact about whether such a byte exists, which is all the
 * fast path needs before it finishes byte by byte.
 */
static inline size_t
run_from(const unsigned char *p, size_t len, unsigned char lo)
{
	size_t i = 0;

	while (len - i >= 8) {
		uint64_t v = load64(p + i);
		uint64_t m = (((v - lo * ONES) & ~v) | ((v + ONES) | v)) & HIGHS;

		if (m != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* a borrow or carry only runs upwards from a byte that is
			 * itself out of the run: the lowest bit set is exact */
			return i + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && p[i] >= lo && p[i] < 0x7f)
		i++;
	return i;
}

static size_t
ascii_run(const unsigned char *p, size_t len)
{
	return run_from(p, len, 0x20);
}

size_t
text_word_run(const char *s, size_t len)
{
	return run_from((const unsigned char *)s, len, 0x21);
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The skip_* helpers take the position just after an introducer and return
 * the position where normal text resumes.  Whatever they skip is dropped.
 */

/* CSI: parameter and intermediate bytes, then one final byte.  Anything
 * else ends the sequence early and is then handled as ordinary input. */
static size_t
skip_csi(const unsigned char *p, size_t len, size_t i)
{
	while (i < len && p[i] >= 0x20 && p[i] <= 0x3f)
		i++;
	if (i < len && p[i] >= 0x40 && p[i] <= 0x7e)
		i++;
	return i;
}

/*
 * OSC, DCS, SOS, PM, APC: a string ended by ST (ESC \ or U+009C), or by
 * BEL for OSC.  As in a terminal's parser, CAN or SUB cancels the string,
 * and any other ESC ends it and starts a new sequence.  An unterminated
 * string runs to the end of the input.
 */
static size_t
skip_string(const unsigned char *p, size_t len, size_t i, bool osc)
{
	for (; i < len; i++) {
		unsigned char c = p[i];

		if (c == ESC)
			return i + 1 < len && p[i + 1] == '\\' ? i + 2 : i;
		if ((c == BEL && osc) || c == CAN || c == SUB)
			return i + 1;
		if (c == 0xc2 && i + 1 < len && p[i + 1] == 0x9c)
			return i + 2;
	}
	return len;
}

/* After ESC: a CSI or string introducer, or intermediates 0x20..0x2f and a
 * final byte 0x30..0x7e.  A lone ESC is dropped by itself. */
static size_t
skip_escape(const unsigned char *p, size_t len, size_t i)
{
	if (i >= len)
		return i;
	switch (p[i]) {
	case '[':
		return skip_csi(p, len, i + 1);
	case ']':
		return skip_string(p, len, i + 1, true);
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(p, len, i + 1, false);
	}
	while (i < len && p[i] >= 0x20 && p[i] <= 0x2f)
		i++;
	if (i < len && p[i] >= 0x30 && p[i] <= 0x7e)
		i++;
	return i;
}

/* A C1 control (U+0080..U+009F, encoded C2 80..C2 9F) ending at i. */
static size_t
skip_c1(const unsigned char *p, size_t len, size_t i, uint32_t cp)
{
	switch (cp) {
	case 0x9b:
		return skip_csi(p, len, i);
	case 0x9d:
		return skip_string(p, len, i, true);
	case 0x90:
	case 0x98:
	case 0x9e:
	case 0x9f:
		return skip_string(p, len, i, false);
	}
	return i;
}

char *
text_sanitize(const char *s, size_t len, unsigned flags, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	char nl = (flags & TEXT_KEEP_NEWLINES) ? '\n' : ' ';
	char tab = (flags & TEXT_KEEP_TABS) ? '\t' : ' ';
	size_t cap, o = 0, i = 0;
	char *out;

	/*
	 * Every step writes no more bytes than it reads except U+FFFD for a
	 * one- or two-byte invalid sequence, so out always has room for the
	 * rest of the input and the NUL, and only that case may grow it.
	 */
	if (len == SIZE_MAX)
		fatal("allocation overflow");
	cap = len + 1;
	out = xmalloc(cap);
	while (i < len) {
		size_t run = ascii_run(p + i, len - i), n;
		uint32_t cp;

		if (run > 0) {
			memcpy(out + o, p + i, run);
			o += run;
			i += run;
			continue;
		}
		if (p[i] < 0x80) {
			switch (p[i]) {
			case '\n':
				out[o++] = nl;
				i++;
				break;
			case '\r':
				out[o++] = nl;
				i += i + 1 < len && p[i + 1] == '\n' ? 2 : 1;
				break;
			case '\t':
				out[o++] = tab;
				i++;
				break;
			case ESC:
				i = skip_escape(p, len, i + 1);
				break;
			default: /* other C0 controls, NUL, DEL */
				i++;
				break;
			}
			continue;
		}
		n = decode(p + i, len - i, &cp);
		if (cp == BAD_CP) {
			i += n;
			if (cap - o < 3 + (len - i) + 1)
				out = xgrow(out, &cap, o + 3 + (len - i) + 1, 1);
			out[o++] = (char)0xef;
			out[o++] = (char)0xbf;
			out[o++] = (char)0xbd;
		} else if (cp < 0xa0) {
			i = skip_c1(p, len, i + n, cp);
		} else if (is_bidi_control(cp)) {
			i += n;
		} else {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
		}
	}
	assert(o < cap);
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

char *
text_clean(const char *s, unsigned flags)
{
	return text_sanitize(s != NULL ? s : "", s != NULL ? strlen(s) : 0, flags, NULL);
}

bool
text_is_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;

		i += ascii_run(p + i, len - i);
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			if (p[i] != '\n' && p[i] != '\t')
				return false;
			i++;
			continue;
		}
		i += decode(p + i, len - i, &cp);
		if (cp == BAD_CP || cp < 0xa0 || is_bidi_control(cp))
			return false;
	}
	return true;
}

size_t
text_wrap(const char *s, size_t len, int cells, size_t *next)
{
	int used;
	size_t fit = text_fit(s, len, cells > 0 ? cells : 1, &used), cut = fit, pos;

	if (fit < len) {
		size_t k = fit;
		/* break at the last space that fits (or right after the fit) */
		while (k > 0 && s[k] != ' ')
			k--;
		if (k > 0)
			cut = k;
		else if (fit == 0) { /* one glyph wider than the row */
			uint32_t cp;
			cut = text_decode(s, len, &cp);
		}
	}
	pos = cut;
	while (pos < len && s[pos] == ' ')
		pos++;
	if (next != NULL)
		*next = pos;
	return cut;
}

size_t
text_wrap_list(const char *s, size_t len, int cells, size_t *next)
{
	size_t fit = text_fit(s, len, cells > 0 ? cells : 1, NULL);

	if (fit < len)
		for (size_t k = fit; k > 1; k--) {
			bool sep = s[k - 1] == ';' || s[k - 1] == ',' ||
				   (s[k - 1] == '\xb7' && s[k - 2] == '\xc2');
			if (s[k] == ' ' && sep) {
				size_t pos = k;
				while (pos < len && s[pos] == ' ')
					pos++;
				if (next != NULL)
					*next = pos;
				return k;
			}
		}
	return text_wrap(s, len, cells, next);
}

static int
hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

char *
text_unescape_url(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		int hi = s[i] == '%' && i + 2 < n ? hex_digit(s[i + 1]) : -1;
		int lo = hi >= 0 ? hex_digit(s[i + 2]) : -1;
		if (lo >= 0 && (hi | lo) != 0) {
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* ---- case folding ---- */

uint32_t
text_fold_cp(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) || (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	/* Latin Extended-A pairs each capital with the small letter after it,
	 * from an even code point, then from an odd one, then even again */
	if ((c >= 0x100 && c <= 0x137 && c % 2 == 0) || (c >= 0x139 && c <= 0x148 && c % 2 == 1) ||
	    (c >= 0x14a && c <= 0x177 && c % 2 == 0) || (c >= 0x179 && c <= 0x17e && c % 2 == 1))
		return c + 1;
	if (c == 0x178)
		return 0xff;
	if (c == 0x386)
		return 0x3ac;
	if (c >= 0x388 && c <= 0x38a)
		return c + 0x25;
	if (c == 0x38c)
		return 0x3cc;
	if (c == 0x38e || c == 0x38f)
		return c + 0x3f;
	return c;
}
