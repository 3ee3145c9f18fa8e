/*
 * mdlabels.c - keys of link labels (see mdlabels.h).
 */
#include "config.h"

#include <string.h>

#include "mdlabels.h"
#include "text.h"

/* cmark's blanks but the line end */
static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* A class no code point has: the stand-in for a block's letters. */
#define CLASS(k) (0x110000u + (k))
#define ANY UINT32_MAX

/*
 * What cp stands for in a key: itself, a partner it folds with, the class
 * of its block, or ANY.  Two code points that case folding (CommonMark's
 * label matching) maps alike must stand for the same, unless one of them
 * is ANY: letters of scripts with case fold within their block (to their
 * partner, or to the block's class), and what folds to several characters
 * or across blocks is ANY, as are the blocks not listed.
 */
static uint32_t
stand_in(uint32_t cp)
{
	static const uint32_t any_blocks[][2] = {
	    {0x02b0, 0x036f},	{0x10a0, 0x10ff},   {0x13a0, 0x13ff},	{0x1c80, 0x1cbf},
	    {0x1f00, 0x1fff},	{0x2100, 0x218f},   {0x24b6, 0x24e9},	{0x2c00, 0x2d2f},
	    {0xa640, 0xa7ff},	{0xab30, 0xabbf},   {0xfb00, 0xfb17},	{0xff21, 0xff5a},
	    {0x10400, 0x104ff}, {0x10570, 0x105bf}, {0x10c80, 0x10cff}, {0x118a0, 0x118ff},
	    {0x16e40, 0x16e9f}, {0x1e900, 0x1e95f}, {0xfffd, 0xfffd},
	};

	if (cp == 0x00b5 || cp == 0x00df || cp == 0x0130 || cp == 0x0149 || cp == 0x017f ||
	    cp == 0x01f0 || cp == 0x023a || cp == 0x023e || cp == 0x0390 || cp == 0x03b0 ||
	    cp == 0x0587 || (cp >= 0x1e96 && cp <= 0x1e9e))
		return ANY; /* folds to several characters or into ASCII */
	for (size_t i = 0; i < sizeof any_blocks / sizeof any_blocks[0]; i++)
		if (cp >= any_blocks[i][0] && cp <= any_blocks[i][1])
			return ANY;
	if (cp >= 0x00c0 && cp <= 0x00fe)
		return cp | 0x20; /* Latin-1: À..Þ with à..þ */
	if (cp == 0x00ff || (cp >= 0x0100 && cp <= 0x02af))
		return CLASS(0); /* Latin Extended and IPA: Ÿ folds to ÿ */
	if (cp >= 0x0370 && cp <= 0x03ff)
		return CLASS(1); /* Greek */
	if (cp >= 0x0400 && cp <= 0x040f)
		return cp + 0x50; /* Cyrillic: Ѐ..Џ with ѐ..џ */
	if (cp >= 0x0410 && cp <= 0x042f)
		return cp + 0x20; /* А..Я with а..я */
	if (cp >= 0x0460 && cp <= 0x052f)
		return CLASS(2);
	if (cp >= 0x0530 && cp <= 0x058f)
		return CLASS(3); /* Armenian */
	if (cp >= 0x1e00 && cp <= 0x1eff)
		return CLASS(4); /* Latin Extended Additional */
	return cp;
}

static uint64_t
mix(uint64_t h, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		h = (h ^ ((v >> (8 * i)) & 0xffu)) * 1099511628211u;
	return h;
}

static uint64_t
mix_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * 1099511628211u;
}

enum md_label
md_label_key(const char *p, const char *e, uint64_t *key)
{
	uint64_t h = 1469598103934665603u;
	bool gap = false, text = false, line_start = true, quoted = false;

	while (p < e && *p != ']') {
		unsigned char c = (unsigned char)*p;

		if (c == '\n' || (line_start && c == '>') || space(*p)) {
			/* a quote's markers at a line's start are skipped as the
			 * parser skips them (and any '>' there, on both sides) */
			quoted = quoted || c == '>';
			line_start = line_start || c == '\n';
			gap = true;
			p++;
			continue;
		}
		line_start = false;
		if (c == '\r')
			return MD_LABEL_ANY;
		if (gap && text)
			h = mix_byte(h, ' '); /* blanks collapse to one space */
		gap = false;
		text = true;
		if (c == '\\') {
			h = mix_byte(h, c);
			if (++p < e && (*p == ']' || *p == '[' || *p == '\\'))
				h = mix_byte(h, (unsigned char)*p++);
			continue;
		}
		if (c >= 0x80) {
			uint32_t cp;
			size_t k = text_decode(p, (size_t)(e - p), &cp);
			/* a bad sequence reads as U+FFFD, as others do: ANY */
			if (k == 0 || (cp = stand_in(cp)) == ANY)
				return MD_LABEL_ANY;
			h = mix(h, cp);
			p += k;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = mix_byte(h, c);
		/* the rest of the word at once: printable ASCII, none of the
		 * bytes above (no line starts inside it) */
		while (++p < e && (unsigned char)*p > ' ' && (unsigned char)*p < 0x7f &&
		       *p != '\\' && *p != ']') {
			c = (unsigned char)*p;
			h = mix_byte(h, c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c);
		}
	}
	if (p >= e || (!text && quoted))
		return MD_LABEL_ANY;
	if (!text)
		return MD_LABEL_EMPTY;
	*key = h;
	return MD_LABEL_KEY;
}

bool
md_label_uses(const char *text, size_t len, void (*use)(uint64_t key, void *arg), void *arg)
{
	const char *p = text, *e = text + len;

	while (p < e && (p = memchr(p, '[', (size_t)(e - p))) != NULL) {
		const char *q = p + 1;
		uint64_t key;

		while (q < e && *q != ']' && *q != '[')
			q += *q == '\\' && q + 1 < e ? 2 : 1;
		if (q < e && *q == ']') {
			switch (md_label_key(p + 1, q + 1, &key)) {
			case MD_LABEL_KEY:
				use(key, arg);
				break;
			case MD_LABEL_EMPTY:
				break;
			case MD_LABEL_ANY:
				return false;
			}
		}
		p++;
	}
	return true;
}
