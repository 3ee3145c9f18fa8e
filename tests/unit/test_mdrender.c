/*
 * test_mdrender.c - unit tests for src/mdrender.c (Markdown to styled,
 * wrapped lines) and src/outline.c (the section finder).
 *
 * Rendered lines are compared as exact text; where styles matter, a line's
 * spans are compared in a compact form (see styled()).  Width sweeps render
 * every construct, every bundled role and every upstream role at widths
 * 10..100 and check the invariants every line must keep: no wider than the
 * width, a width field that agrees with text_width(), spans that tile the
 * line, and no control characters.  The upstream corpus is found through
 * $UPSTREAM_DIR or TEST_SRCDIR/../shared/upstream-roles; without it those
 * checks print a note and pass.
 */
#include "config.h"

#include <dirent.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lines.h"
#include "markdown.h"
#include "mdrender.h"
#include "outline.h"
#include "search.h"
#include "text.h"
#include "unit.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

enum { F_UNICODE = 0, F_ASCII = 1, F_REFS = 2, F_MARKS = 4 };

/* ---- helpers ----------------------------------------------------------- */

struct rendered {
	cmark_node *doc;
	struct outline ol;
	struct render r;
};

static void
rd_open_len(struct rendered *x, const char *md, size_t len, int width, unsigned flags)
{
	struct mdrender_opts o = {.width = width,
				  .ascii = (flags & F_ASCII) != 0,
				  .references = (flags & F_REFS) != 0,
				  .heading_marks = (flags & F_MARKS) != 0};

	x->doc = md_parse(md, len, NULL);
	outline_build(&x->ol, x->doc);
	render_init(&x->r);
	mdrender(x->doc, &x->ol, &o, &x->r);
}

static void
rd_open(struct rendered *x, const char *md, int width, unsigned flags)
{
	rd_open_len(x, md, strlen(md), width, flags);
}

static void
rd_close(struct rendered *x)
{
	render_done(&x->r);
	outline_done(&x->ol);
	cmark_node_free(x->doc);
}

/* Renders md and returns the text of every line (caller frees). */
static char *
render_text(const char *md, int width, unsigned flags)
{
	struct rendered x;
	char *s;

	rd_open(&x, md, width, flags);
	s = lines_dump(&x.r.lines);
	rd_close(&x);
	return s;
}

#define RENDERS(md, width, flags, expected)                                                        \
	do {                                                                                       \
		char *got_ = render_text((md), (width), (flags));                                  \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

/*
 * Line i's spans as "<flags>[#link]'<text>'" items joined by spaces, where
 * flags are letters for the style bits (S strong, E emph, X strike, C code,
 * L link, H heading, T title, M marker, D done, d dim, Q quote, h table
 * head) or "-" for plain.  Caller frees.
 */
static char *
styled(const struct lines *l, size_t i)
{
	static const struct {
		uint16_t bit;
		char c;
	} names[] = {
	    {STY_STRONG, 'S'}, {STY_EMPH, 'E'},	   {STY_STRIKE, 'X'}, {STY_CODE, 'C'},
	    {STY_LINK, 'L'},   {STY_HEADING, 'H'}, {STY_TITLE, 'T'},  {STY_MARKER, 'M'},
	    {STY_DONE, 'D'},   {STY_DIM, 'd'},	   {STY_QUOTE, 'Q'},  {STY_TABLE_HEAD, 'h'},
	};
	const struct line *ln = &l->v[i];
	size_t cap = 64 + (size_t)ln->len * 2 + 48 * (size_t)ln->nspans, o = 0;
	char *out = malloc(cap);

	out[0] = '\0';
	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		char fl[24];
		size_t nf = 0;

		for (size_t b = 0; b < sizeof names / sizeof names[0]; b++)
			if (sp->style & names[b].bit)
				fl[nf++] = names[b].c;
		if (nf == 0)
			fl[nf++] = '-';
		fl[nf] = '\0';
		o += (size_t)snprintf(out + o, cap - o, "%s%s", k ? " " : "", fl);
		if (sp->link)
			o += (size_t)snprintf(out + o, cap - o, "#%u", (unsigned)sp->link);
		o += (size_t)snprintf(out + o, cap - o, "'%.*s'", (int)sp->len,
				      lines_text(l, i) + sp->off);
	}
	return out;
}

#define STYLED(l, i, expected)                                                                     \
	do {                                                                                       \
		if ((size_t)(i) >= (l)->n) {                                                       \
			fprintf(stderr, "\n%s:%d: line %zu missing (%zu lines)\n", __FILE__,       \
				__LINE__, (size_t)(i), (l)->n);                                    \
			CU_FAIL("line missing");                                                   \
			break;                                                                     \
		}                                                                                  \
		char *got_ = styled((l), (i));                                                     \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

/* Text of line i (new string), or "(no such line)". */
static char *
line_str(const struct lines *l, size_t i)
{
	if (i >= l->n)
		return strdup("(no such line)");
	return lines_plain(l, i);
}

#define LINE_IS(l, i, expected)                                                                    \
	do {                                                                                       \
		char *got_ = line_str((l), (i));                                                   \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

/* Writes s[0..len) to stderr with controls and bytes >= 0x80 that are not
 * part of valid UTF-8 shown as \xNN, so that a failing check never sends
 * an escape sequence to the terminal running the tests. */
static void
put_escaped(const char *s, size_t len)
{
	for (size_t p = 0; p < len;) {
		uint32_t cp;
		size_t n = text_decode(s + p, len - p, &cp);
		bool bad =
		    cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		    (cp == TEXT_REPLACEMENT && memcmp(s + p, "\xef\xbf\xbd", n < 3 ? n : 3) != 0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
		if (bad)
			for (size_t k = 0; k < n; k++)
				fprintf(stderr, "\\x%02X", (unsigned)(unsigned char)s[p + k]);
		else
			fwrite(s + p, 1, n, stderr);
		p += n;
	}
}

/* A line of print's reference list ("[n] " then one link span, the URL):
 * the one line that may pass the width, to hold a whole URL. */
static bool
ref_line(const struct lines *l, size_t i)
{
	const struct line *ln = &l->v[i];
	const struct span *sp = &l->spans[ln->span];
	const char *t = lines_text(l, i);

	return ln->nspans == 2 && sp[0].style == STY_DIM && t[0] == '[' &&
	       t[sp[0].len - 1] == ' ' && sp[1].style == STY_LINK && sp[1].link > 0 &&
	       memchr(t + sp[1].off, ' ', sp[1].len) == NULL;
}

/* Set while testing the checker itself, which must fail quietly. */
static bool quiet_checks;

/* Reports a broken invariant (once per check) with the offending line,
 * if any, shown escaped; returns false. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static bool
fail_once(bool *reported, const char *what, const char *line, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!*reported && !quiet_checks) {
		fprintf(stderr, "\n%s: ", what);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		if (line != NULL) {
			fputs(": '", stderr);
			put_escaped(line, len);
			fputc('\'', stderr);
		}
		fputc('\n', stderr);
	}
	*reported = true;
	return false;
}

/*
 * Checks the invariants of every line of a render at width: width field
 * equal to text_width() and at most width; spans tile the line in order;
 * valid UTF-8 with no C0, DEL or C1 control; sections and task numbers in
 * range.  Prints the first problem with `what` and returns false.
 */
static bool
check_render(const struct render *r, int width, const char *what)
{
	const struct lines *l = &r->lines;
	bool ok = true, rep = false;

	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->v[i];
		const char *t = lines_text(l, i);
		int w = text_width(t, ln->len);
		uint32_t off = 0;

		if (w != ln->width)
			ok = fail_once(&rep, what, NULL, 0,
				       "line %zu: width field %u, text_width %d", i,
				       (unsigned)ln->width, w);
		if (w > width && !ref_line(l, i))
			ok = fail_once(&rep, what, t, ln->len, "line %zu is %d cells wide (> %d)",
				       i, w, width);
		for (uint32_t k = 0; k < ln->nspans; k++) {
			const struct span *sp = &l->spans[ln->span + k];
			if (sp->off != off || sp->len == 0)
				ok = fail_once(&rep, what, NULL, 0,
					       "line %zu: span %u at %u (want %u)", i, (unsigned)k,
					       (unsigned)sp->off, (unsigned)off);
			off = sp->off + sp->len;
			if (sp->link > r->nlinks)
				ok = fail_once(&rep, what, NULL, 0, "line %zu: link %u of %zu", i,
					       (unsigned)sp->link, r->nlinks);
		}
		if (off != ln->len)
			ok = fail_once(&rep, what, NULL, 0, "line %zu: spans cover %u of %u bytes",
				       i, (unsigned)off, (unsigned)ln->len);
		for (size_t p = 0; p < ln->len;) {
			uint32_t cp;
			size_t n = text_decode(t + p, ln->len - p, &cp);
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
				ok = fail_once(&rep, what, t, ln->len,
					       "line %zu: control U+%04X at byte %zu", i,
					       (unsigned)cp, p);
			if (cp == TEXT_REPLACEMENT &&
			    (n != 3 || memcmp(t + p, "\xef\xbf\xbd", 3) != 0))
				ok = fail_once(&rep, what, NULL, 0,
					       "line %zu: invalid UTF-8 at byte %zu", i, p);
			p += n;
		}
		if (r->nsections > 0 && ln->section >= r->nsections)
			ok = fail_once(&rep, what, NULL, 0, "line %zu: section %u of %zu", i,
				       (unsigned)ln->section, r->nsections);
		if (ln->kind == LINE_TASK && (ln->aux < 1 || ln->aux > r->ntasks))
			ok = fail_once(&rep, what, NULL, 0, "line %zu: task %u of %zu", i,
				       (unsigned)ln->aux, r->ntasks);
	}
	for (size_t s = 0; s < r->nsections; s++)
		if (r->section_line[s] > r->total ||
		    (s > 0 && r->section_line[s] < r->section_line[s - 1]))
			ok = fail_once(&rep, what, NULL, 0, "section %zu starts at line %zu", s,
				       r->section_line[s]);
	return ok;
}

/* Reads a whole file into a new buffer; NULL when it cannot. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *
upstream_dir(void)
{
	const char *e = getenv("UPSTREAM_DIR");

	return e && *e ? e : TEST_SRCDIR "/../shared/upstream-roles";
}

/* Sorted list of the *.md files of dir as full paths; NULL when dir cannot
 * be read.  Free with free_list(). */
static char **
md_files(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;

	*count = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		v = realloc(v, (n + 2) * sizeof *v);
		v[n] = malloc(strlen(dir) + len + 2);
		sprintf(v[n], "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	if (v == NULL)
		v = malloc(sizeof *v);
	v[n] = NULL;
	*count = n;
	return v;
}

static void
free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Renders text at every width in [lo, hi] with each flag set; checks. */
static void
sweep(const char *name, const char *text, size_t len, int lo, int hi)
{
	/* ASCII glyphs are as wide as the Unicode ones; references only add
	 * lines at the end, so two sets cover the four combinations. */
	static const unsigned sets[] = {F_UNICODE, F_ASCII | F_REFS | F_MARKS};
	cmark_node *doc = md_parse(text, len, NULL);
	struct outline ol;

	outline_build(&ol, doc);
	for (int w = lo; w <= hi; w++)
		for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
			struct mdrender_opts o = {w, (sets[s] & F_ASCII) != 0,
						  (sets[s] & F_REFS) != 0,
						  (sets[s] & F_MARKS) != 0};
			struct render r;
			char what[512];

			render_init(&r);
			mdrender(doc, &ol, &o, &r);
			snprintf(what, sizeof what, "%s at width %d (flags %u)", name, w, sets[s]);
			CU_ASSERT_TRUE(check_render(&r, w, what));
			CU_ASSERT_EQUAL(r.total, r.lines.n);
			render_done(&r);
		}
	outline_done(&ol);
	cmark_node_free(doc);
}

/* ---- headings and inline styles ---------------------------------------- */

static void
test_headings(void)
{
	struct rendered x;

	rd_open(&x, "# Title *here*\n\n## Second\n\n### Third\n\ntext\n\n#### Fourth\n", 40, 0);
	LINE_IS(&x.r.lines, 0, "Title here");
	LINE_IS(&x.r.lines, 1, "══════════");
	STYLED(&x.r.lines, 0, "T'Title ' ET'here'");
	STYLED(&x.r.lines, 1, "M'══════════'");
	LINE_IS(&x.r.lines, 2, "");
	STYLED(&x.r.lines, 3, "H'Second'");
	STYLED(&x.r.lines, 4, "M'──────'");
	/* level 3 and below: bold heading text, no underline */
	STYLED(&x.r.lines, 6, "H'Third'");
	LINE_IS(&x.r.lines, 7, "");
	STYLED(&x.r.lines, 8, "-'text'");
	STYLED(&x.r.lines, 10, "H'Fourth'");
	CU_ASSERT_EQUAL(x.r.lines.n, 11);
	rd_close(&x);

	/* the underline is as wide as the widest line of a wrapped heading */
	RENDERS("## A heading that wraps\n", 12, 0, "A heading\nthat wraps\n──────────\n");
	RENDERS("# Über 日本\n", 40, 0, "Über 日本\n═════════\n");
}

/* print marks headings of level 3 and below, which without colour would
 * read as paragraphs; a long one's lines go in under its text.  The
 * reader (no marks asked) shows them as before. */
static const char minor_md[] = "## Section\n\n### A minor heading that wraps\n\nText.\n\n"
			       "#### Four\n\n###### Six\n";

static void
test_heading_marks(void)
{
	struct rendered x;

	RENDERS(minor_md, 40, F_MARKS,
		"Section\n───────\n\n▸ A minor heading that wraps\n\nText.\n\n▸ Four\n\n▸ Six\n");
	RENDERS(minor_md, 16, F_MARKS | F_ASCII,
		"Section\n-------\n\n>> A minor\n   heading that\n   wraps\n\nText.\n\n"
		">> Four\n\n>> Six\n");
	RENDERS(minor_md, 40, 0,
		"Section\n───────\n\nA minor heading that wraps\n\nText.\n\nFour\n\nSix\n");
	rd_open(&x, minor_md, 40, F_MARKS);
	STYLED(&x.r.lines, 3, "M'▸ ' H'A minor heading that wraps'");
	rd_close(&x);
}

static void
test_inline_styles(void)
{
	struct rendered x;

	rd_open(&x, "Some *emph* and **strong** and ~~gone~~ and `co de` and ***both*** end.\n", 80,
		0);
	LINE_IS(&x.r.lines, 0, "Some emph and strong and gone and co de and both end.");
	STYLED(&x.r.lines, 0,
	       "-'Some ' E'emph' -' and ' S'strong' -' and ' X'gone' -' and ' C'co de' -' and ' "
	       "SE'both' -' end.'");
	CU_ASSERT_EQUAL(x.r.lines.n, 1);
	rd_close(&x);

	/* a wrapped styled run keeps its style on both lines */
	rd_open(&x, "aaaa **bold text here** b\n", 12, 0);
	STYLED(&x.r.lines, 0, "-'aaaa ' S'bold'");
	STYLED(&x.r.lines, 1, "S'text here' -' b'");
	rd_close(&x);

	/* paragraphs are separated by one blank line; soft breaks are spaces */
	RENDERS("one\ntwo\n\n\n\nthree\n", 40, 0, "one two\n\nthree\n");
}

static void
test_breaks(void)
{
	RENDERS("Two  \nlines\\\nthree\n", 40, 0, "Two\nlines\nthree\n");
	RENDERS("inline<br>html<br/>breaks<BR />too\n", 40, 0, "inline\nhtml\nbreaks\ntoo\n");
	/* other inline tags vanish, their text stays */
	RENDERS("a <span>b</span> <!-- hidden --> c\n", 40, 0, "a b c\n");
}

/* ---- code blocks ------------------------------------------------------- */

static void
test_code_block(void)
{
	struct rendered x;

	rd_open(&x, "Before\n\n```\n\tx\ta\nab\tc\n0123456789012345678901234567890\n```\n\nAfter\n",
		20, 0);
	LINE_IS(&x.r.lines, 0, "Before");
	LINE_IS(&x.r.lines, 1, "");
	/* tabs to 4-cell stops; indented by two */
	LINE_IS(&x.r.lines, 2, "      x   a");
	LINE_IS(&x.r.lines, 3, "  ab  c");
	/* a long line is cut hard, never wrapped at spaces, and a mark in
	 * the last cell says that it goes on */
	LINE_IS(&x.r.lines, 4, "  01234567890123456↩");
	LINE_IS(&x.r.lines, 5, "  78901234567890");
	STYLED(&x.r.lines, 4, "-'  ' C'01234567890123456' M'↩'");
	LINE_IS(&x.r.lines, 6, "");
	LINE_IS(&x.r.lines, 7, "After");
	STYLED(&x.r.lines, 3, "-'  ' C'ab  c'");
	CU_ASSERT_TRUE(check_render(&x.r, 20, "code block"));
	rd_close(&x);

	/* spaces inside code are kept as they are */
	RENDERS("    a  b   c\n", 20, 0, "  a  b   c\n");
	/* a blank line inside the block stays (whether it keeps the indent's
	 * spaces is left open) */
	rd_open(&x, "```\na\n\nb\n```\n", 20, 0);
	CU_ASSERT_EQUAL(x.r.lines.n, 3);
	LINE_IS(&x.r.lines, 0, "  a");
	if (x.r.lines.n == 3) {
		char *blank = lines_plain(&x.r.lines, 1);
		CU_ASSERT_EQUAL(strspn(blank, " "), strlen(blank));
		free(blank);
	}
	LINE_IS(&x.r.lines, 2, "  b");
	rd_close(&x);
	/* wide characters are cut at a cell boundary */
	RENDERS("```\n日本語日本語日本語\n```\n", 10, 0, "  日本語↩\n  日本語↩\n  日本語\n");
	RENDERS("```\n0123456789abc\n```\n", 10, F_ASCII, "  0123456\\\n  789abc\n");
	/* an indented code block inside a list keeps the item's indent */
	RENDERS("- item\n\n      code\n", 20, 0, "• item\n\n    code\n");
}

static void
test_code_tab_cells(void)
{
	/* Tab stops are measured in cells: 日 takes two, a combining mark none. */
	RENDERS("```\n日\tx\n```\n", 20, 0, "  日  x\n");
	RENDERS("```\ne\xcc\x81\tx\n```\n", 20, 0, "  e\xcc\x81   x\n");
}

/* ---- lists --------------------------------------------------------------- */

static void
test_bullets(void)
{
	struct rendered x;
	const char *md = "- one\n- two words that wrap around\n  - nested item here\n"
			 "    - third level\n      - fourth level\n- back\n";

	RENDERS(md, 20, 0,
		"• one\n"
		"• two words that\n"
		"  wrap around\n"
		"  ◦ nested item here\n"
		"    ▪ third level\n"
		"      • fourth level\n"
		"• back\n");
	RENDERS(md, 20, F_ASCII,
		"* one\n"
		"* two words that\n"
		"  wrap around\n"
		"  - nested item here\n"
		"    + third level\n"
		"      * fourth level\n"
		"* back\n");
	rd_open(&x, md, 20, 0);
	STYLED(&x.r.lines, 0, "M'• ' -'one'");
	STYLED(&x.r.lines, 2, "M'  ' -'wrap around'");
	STYLED(&x.r.lines, 3, "M'  ◦ ' -'nested item here'");
	rd_close(&x);
	/* a hanging indent under a wrapped nested item */
	RENDERS("- a\n  - nested item that wraps\n", 16, 0,
		"• a\n  ◦ nested item\n    that wraps\n");
}

static void
test_ordered(void)
{
	struct rendered x;

	RENDERS("3. three\n4. four has a longer text\n\n9) nine\n10) ten wraps here too\n", 16, 0,
		"3. three\n"
		"4. four has a\n"
		"   longer text\n"
		"\n"
		"9) nine\n"
		"10) ten wraps\n"
		"    here too\n");
	RENDERS("1. a\n   1. b\n   2. c\n2. d\n", 20, 0, "1. a\n   1. b\n   2. c\n2. d\n");
	/* a bullet list inside an ordered one is at bullet level one */
	RENDERS("1. a\n   - b\n", 20, 0, "1. a\n   • b\n");
	rd_open(&x, "7. seven\n", 20, 0);
	STYLED(&x.r.lines, 0, "M'7. ' -'seven'");
	rd_close(&x);
}

/* A checklist item's marks for rolebook ("(required)", "(form: KEY)") are
 * data for the role model, not text: the rendered item leaves them out;
 * the same words elsewhere stay. */
static void
test_task_marks(void)
{
	struct rendered x;
	const char *md = "- [ ] Join the org (form: org-member) (required)\n"
			 "- [x] Update sigs.yaml (form: sigs-yaml, org-owners)\n"
			 "- [ ] Say (required) in the middle\n"
			 "- plain item (required)\n";

	rd_open(&x, md, 60, 0);
	LINE_IS(&x.r.lines, 0, "\xe2\x98\x90 Join the org");
	LINE_IS(&x.r.lines, 1, "\xe2\x98\x91 Update sigs.yaml");
	LINE_IS(&x.r.lines, 2, "\xe2\x98\x90 Say (required) in the middle");
	LINE_IS(&x.r.lines, 3, "\xe2\x80\xa2 plain item (required)");
	rd_close(&x);
}

static void
test_tasks(void)
{
	struct rendered x;
	const char *md = "- [ ] first task that is long enough to wrap\n"
			 "- [x] done\n"
			 "- plain\n"
			 "  - [ ] nested task\n"
			 "\n"
			 "1. [ ] ordered task\n"
			 "2. [X] ordered done\n";

	rd_open(&x, md, 20, 0);
	LINE_IS(&x.r.lines, 0, "☐ first task that is");
	LINE_IS(&x.r.lines, 1, "  long enough to");
	LINE_IS(&x.r.lines, 2, "  wrap");
	LINE_IS(&x.r.lines, 3, "☑ done");
	LINE_IS(&x.r.lines, 4, "• plain");
	LINE_IS(&x.r.lines, 5, "  ☐ nested task");
	LINE_IS(&x.r.lines, 6, "");
	LINE_IS(&x.r.lines, 7, "1. ☐ ordered task");
	LINE_IS(&x.r.lines, 8, "2. ☑ ordered done");
	CU_ASSERT_EQUAL(x.r.lines.n, 9);
	/* first lines of tasks are LINE_TASK, numbered in document order */
	{
		static const uint8_t kind[] = {LINE_TASK,  LINE_TEXT, LINE_TEXT,
					       LINE_TASK,  LINE_TEXT, LINE_TASK,
					       LINE_BLANK, LINE_TASK, LINE_TASK};
		static const uint32_t aux[] = {1, 0, 0, 2, 0, 3, 0, 4, 5};
		for (size_t i = 0; i < 9 && i < x.r.lines.n; i++) {
			CU_ASSERT_EQUAL(x.r.lines.v[i].kind, kind[i]);
			CU_ASSERT_EQUAL(x.r.lines.v[i].aux, aux[i]);
		}
	}
	CU_ASSERT_EQUAL(x.r.ntasks, 5);
	STYLED(&x.r.lines, 0, "M'☐ ' -'first task that is'");
	STYLED(&x.r.lines, 3, "MD'☑ ' -'done'");
	STYLED(&x.r.lines, 8, "MD'2. ☑ ' -'ordered done'");
	rd_close(&x);

	RENDERS(md, 30, F_ASCII,
		"[ ] first task that is long\n"
		"    enough to wrap\n"
		"[x] done\n"
		"* plain\n"
		"  [ ] nested task\n"
		"\n"
		"1. [ ] ordered task\n"
		"2. [x] ordered done\n");
}

/* An item that is nothing but a link reference definition (as in upstream
 * leadership-changes.md) keeps its text, read as Markdown, while the
 * definition still holds; an item left empty as written stays empty. */
static void
test_definition_items(void)
{
	const char *md = "- [ ] one\n"
			 "- [ ] [k/e]: `OWNERS_ALIASES`\n"
			 "- [x] [plain]: /url *too*\n"
			 "- \n"
			 "- [ ] \n"
			 "\n"
			 "See [k/e].\n";
	struct rendered x;

	RENDERS(md, 40, F_ASCII,
		"[ ] one\n"
		"[ ] [k/e]: OWNERS_ALIASES\n"
		"[x] [plain]: /url too\n"
		"*\n"
		"[ ]\n"
		"\n"
		"See k/e.\n");
	rd_open(&x, md, 40, F_REFS);
	/* every task has its LINE_TASK line, the empty one too */
	CU_ASSERT_EQUAL(x.r.ntasks, 4);
	{
		size_t tasks = 0;
		for (size_t i = 0; i < x.r.lines.n; i++)
			tasks += x.r.lines.v[i].kind == LINE_TASK;
		CU_ASSERT_EQUAL(tasks, 4);
	}
	/* the definition holds: [k/e] links to its destination */
	CU_ASSERT_TRUE(x.r.nlinks >= 1);
	if (x.r.nlinks >= 1)
		UNIT_ASSERT_STR("`OWNERS_ALIASES`", x.r.links[x.r.nlinks - 1].url);
	STYLED(&x.r.lines, 1, "M'☐ ' -'[k/e]: ' C'OWNERS_ALIASES'");
	rd_close(&x);
	/* what comes back is checked like any text: an entity that spells an
	 * escape does not reach the screen */
	RENDERS("- [ ] [e]: &#27;[31mx\n", 40, F_ASCII, "[ ] [e]: x\n");
}

/* A word too long for a line is cut after a '/' or '-' when that leaves
 * the line at least a third full, else at the edge. */
static void
test_long_word_breaks(void)
{
	RENDERS("See https://github.com/kubernetes/community/blob/master/sig-list.md now\n", 40, 0,
		"See\n"
		"https://github.com/kubernetes/community/\n"
		"blob/master/sig-list.md now\n");
	RENDERS("content/roles/technical-lead.md\n", 20, 0, "content/roles/\ntechnical-lead.md\n");
	/* nothing to break at: the edge */
	RENDERS("abcdefghijklmnopqrstuvwxyz\n", 10, 0, "abcdefghij\nklmnopqrst\nuvwxyz\n");
	/* a slash too near the start is no break */
	RENDERS("a/bcdefghijklmnopqrstuvwxyz\n", 10, 0, "a/bcdefghi\njklmnopqrs\ntuvwxyz\n");
}

/* Real documents' odd text: U+2028 and U+2029 break the line (they
 * neither glue the words around them nor pass through); <sup> and <sub>
 * leave a mark after the word before; a placeholder such as <COMPANY>,
 * which is no HTML, shows as written (alone on its line too), while tags
 * of HTML and unknown tags with attributes still vanish. */
static const char odd_md[] = "One\xe2\x80\xa8two\xe2\x80\xa9three four five six.\n\n"
			     "Ten<sup>6</sup> H<sub>2</sub>O note<sup>[1]</sup>, "
			     "ask <COMPANY> or <your-name> <span class=x>here</span>"
			     "<widget a=b>.\n\n<COMPANY>\n";

static void
test_odd_text(void)
{
	RENDERS(odd_md, 40, 0,
		"One\n"
		"two\n"
		"three four five six.\n"
		"\n"
		"Ten^6 H_2O note^[1], ask <COMPANY> or\n"
		"<your-name> here.\n"
		"\n"
		"<COMPANY>\n");
	RENDERS(odd_md, 14, F_ASCII,
		"One\n"
		"two\n"
		"three four\n"
		"five six.\n"
		"\n"
		"Ten^6 H_2O\n"
		"note^[1], ask\n"
		"<COMPANY> or\n"
		"<your-name>\n"
		"here.\n"
		"\n"
		"<COMPANY>\n");
}

/* CJK text breaks between characters, but no line starts with a closing
 * mark (the character before goes down with it), and a Latin word in it
 * goes whole to the next line. */
static const char cjk_md[] = "日本語の文章です。これは、テストです。日本語のtestingです。\n";

static void
test_cjk_breaks(void)
{
	RENDERS(cjk_md, 20, 0, "日本語の文章です。こ\nれは、テストです。日\n本語のtestingです。\n");
	RENDERS(cjk_md, 12, 0,
		"日本語の文章\nです。これ\nは、テストで\nす。日本語の\ntestingで\nす。\n");
}

/* Pictures given as HTML stand in as Markdown images do: by their alt
 * text, else their file's name; other tags still vanish. */
static void
test_html_images(void)
{
	RENDERS("Text <img alt=\"a cat\" src=\"x/cat.png\"> and <IMG SRC=dog.png>.\n\n"
		"<p><img src=\"/a/b.png\" alt=\"\"/></p>\n\n<img>\n\n<imgx src=y>\n",
		60, F_ASCII,
		"Text [image: a cat] and [image: dog.png].\n"
		"\n"
		"[image: b.png]\n"
		"\n"
		"[image]\n");
}

/* Lines record how they go on from the line before, so that search finds
 * a phrase the wrapping cut in two: after a space, after a prefix (a list
 * item's indent, a quote's bar), and inside a word cut for being too wide;
 * never across two paragraphs. */
static void
test_search_across(void)
{
	struct rendered x;
	size_t head = 0;
	bool wrapped;
	long at;

	rd_open(&x,
		"A Special Interest Group (SIG) meets.\n\n"
		"- a list item whose interest group wraps\n\n"
		"> quoted text with an interest group in it\n\n"
		"Interest\n\ngroup apart\n",
		20, 0);
	LINE_IS(&x.r.lines, 0, "A Special Interest");
	LINE_IS(&x.r.lines, 1, "Group (SIG) meets.");
	CU_ASSERT_EQUAL(x.r.lines.v[0].join, JOIN_NONE);
	CU_ASSERT_EQUAL(x.r.lines.v[1].join, JOIN_SPACE);
	CU_ASSERT_EQUAL(
	    search_in(lines_text(&x.r.lines, 0), x.r.lines.v[0].len, 0, "interest group", 14, true),
	    -1);
	at = search_across(&x.r.lines, 0, "interest group", 14, true, &head);
	CU_ASSERT_EQUAL(at, 10);
	CU_ASSERT_EQUAL(head, 5);
	CU_ASSERT_EQUAL(search_lines(&x.r.lines, "interest group", true, 0, 1, true, &wrapped), 0);
	/* case: a capital makes it exact */
	CU_ASSERT_EQUAL(search_across(&x.r.lines, 0, "Interest Group", 14, false, &head), 10);
	CU_ASSERT_EQUAL(search_across(&x.r.lines, 0, "interest Group", 14, false, &head), -1);
	/* inside a list item and a quote: the prefix is not text */
	for (size_t i = 2; i + 1 < x.r.lines.n; i++) {
		if (x.r.lines.v[i + 1].join == JOIN_NONE)
			continue;
		CU_ASSERT_TRUE(x.r.lines.v[i + 1].lead > 0);
	}
	{
		size_t found = 0;
		for (size_t i = 0; i < x.r.lines.n; i++)
			found +=
			    search_in(lines_text(&x.r.lines, i), x.r.lines.v[i].len, 0,
				      "interest group", 14, true) >= 0 ||
			    search_across(&x.r.lines, i, "interest group", 14, true, &head) >= 0;
		/* the sentence, the item and the quote; not the two paragraphs */
		CU_ASSERT_EQUAL(found, 3);
	}
	rd_close(&x);
	/* a word cut in two */
	rd_open(&x, "abcdefghijklmnopqrstuvwxyz\n", 10, 0);
	CU_ASSERT_EQUAL(x.r.lines.v[1].join, JOIN_WORD);
	CU_ASSERT_EQUAL(search_across(&x.r.lines, 0, "hijkl", 5, true, &head), 7);
	CU_ASSERT_EQUAL(head, 2);
	rd_close(&x);
	/* a stacked table value wrapped: its later lines' hang is no text (a
	 * newcomer's review: a match the results screen listed was "not
	 * found" when the document opened at a narrow width), at two widths */
	for (int w = 24; w <= 30; w += 6) {
		size_t found = 0;

		rd_open(&x,
			"| Name | Description |\n| --- | --- |\n"
			"| alice | A very long description that will not fit a narrow screen |\n",
			w, 0);
		for (size_t i = 0; i + 1 < x.r.lines.n; i++) {
			const char *t = lines_text(&x.r.lines, i);
			if (search_in(t, x.r.lines.v[i].len, 0, "will not fit", 12, true) >= 0)
				found++;
			else if (search_across(&x.r.lines, i, "will not fit", 12, true, &head) >=
				 0) {
				const char *u = lines_text(&x.r.lines, i + 1);
				size_t body = search_line_body(&x.r.lines, i + 1);
				found++;
				CU_ASSERT_TRUE(body > x.r.lines.v[i + 1].lead); /* the hang */
				CU_ASSERT_TRUE(body + head <= x.r.lines.v[i + 1].len);
				CU_ASSERT_NOT_EQUAL(u[body], ' ');
			}
		}
		CU_ASSERT_EQUAL(found, 1);
		rd_close(&x);
	}
}

/* Every task item keeps its box and its LINE_TASK line, however narrow the
 * width and however deep the nesting. */
static void
test_tasks_narrow(void)
{
	const char *md = "- a\n  - b\n    - [ ] deep task\n- [ ] top task\n";

	for (int w = 10; w <= 40; w += 30) {
		struct rendered x;
		size_t seen[3] = {0, 0, 0};

		rd_open(&x, md, w, 0);
		CU_ASSERT_EQUAL(x.r.ntasks, 2);
		for (size_t i = 0; i < x.r.lines.n; i++)
			if (x.r.lines.v[i].kind == LINE_TASK && x.r.lines.v[i].aux <= 2)
				seen[x.r.lines.v[i].aux]++;
		if (seen[1] != 1 || seen[2] != 1) {
			char *d = lines_dump(&x.r.lines);
			fprintf(stderr, "\nwidth %d: task lines seen 1:%zu 2:%zu in:\n%s", w,
				seen[1], seen[2], d);
			free(d);
		}
		CU_ASSERT_EQUAL(seen[1], 1);
		CU_ASSERT_EQUAL(seen[2], 1);
		rd_close(&x);
	}
}

static void
test_tight_loose(void)
{
	RENDERS("- a\n- b\n  - c\n- d\n\nafter\n", 40, 0, "• a\n• b\n  ◦ c\n• d\n\nafter\n");
	RENDERS("- a\n\n  second para\n- b\n\n- c\n", 40, 0,
		"• a\n\n  second para\n\n• b\n\n• c\n");
	/* a paragraph before and after a tight list */
	RENDERS("Intro\n\n- x\n- y\n\nOutro\n", 40, 0, "Intro\n\n• x\n• y\n\nOutro\n");
}

/* An item whose marker does not fit must not leave its inner items'
 * prefixes behind: "after inner" belongs to the outer item, not to the
 * bullet list inside it. */
static void
test_prefix_stack(void)
{
	struct rendered x;
	long outer = -1, after = -1;

	rd_open(&x, "123456789. outer\n\n           - inner\n\n           after inner\n\nnext\n",
		20, 0);
	for (size_t i = 0; i < x.r.lines.n; i++) {
		const char *t = lines_text(&x.r.lines, i);
		size_t n = x.r.lines.v[i].len;
		const char *o = memmem(t, n, "outer", 5), *a = memmem(t, n, "after inner", 11);
		if (o != NULL)
			outer = text_width(t, (size_t)(o - t));
		if (a != NULL)
			after = text_width(t, (size_t)(a - t));
	}
	/* both paragraphs belong to the same item: same column */
	CU_ASSERT_TRUE(outer >= 0 && after >= 0);
	if (outer != after) {
		char *d = lines_dump(&x.r.lines);
		fprintf(stderr, "\n'outer' at column %ld, 'after inner' at column %ld:\n%s", outer,
			after, d);
		free(d);
	}
	CU_ASSERT_EQUAL(after, outer);
	LINE_IS(&x.r.lines, x.r.lines.n - 1, "next");
	rd_close(&x);
}

/* ---- block quotes -------------------------------------------------------- */

static void
test_quotes(void)
{
	struct rendered x;

	rd_open(&x, "> quoted text that goes on\n> > nested quote here\n\nafter\n", 20, 0);
	LINE_IS(&x.r.lines, 0, "│ quoted text that");
	LINE_IS(&x.r.lines, 1, "│ goes on");
	LINE_IS(&x.r.lines, 3, "│ │ nested quote");
	LINE_IS(&x.r.lines, 4, "│ │ here");
	LINE_IS(&x.r.lines, 5, "");
	LINE_IS(&x.r.lines, 6, "after");
	CU_ASSERT_EQUAL(x.r.lines.n, 7);
	/* the bars are markers (the text's style is checked below) */
	CU_ASSERT_TRUE(x.r.lines.n > 4 && x.r.lines.v[4].nspans == 2 &&
		       x.r.lines.spans[x.r.lines.v[4].span].style == STY_MARKER &&
		       x.r.lines.spans[x.r.lines.v[4].span].len == strlen("│ │ "));
	rd_close(&x);
	RENDERS("> - a\n> - b\n", 20, F_ASCII, "| * a\n| * b\n");
	RENDERS("- item\n\n  > quoted in item\n", 30, 0, "• item\n\n  │ quoted in item\n");
}

/* A blank line inside a quote shows the bars only, with no trailing space. */
static void
test_quote_blank_lines(void)
{
	RENDERS("> one\n>\n> two\n", 20, 0, "│ one\n│\n│ two\n");
	RENDERS("> a\n>\n> > b\n>\n> c\n", 20, 0, "│ a\n│\n│ │ b\n│\n│ c\n");
	RENDERS("> a\n>\n> b\n", 20, F_ASCII, "| a\n|\n| b\n");
}

/* Text inside a block quote carries STY_QUOTE (lines.h). */
/* GitHub's alerts: the marker line becomes the kind's label; a marker
 * with text after it on its line is no alert. */
static const char alerts_md[] = "> [!NOTE]\n> Useful *info* that wraps at this width.\n\n"
				"> [!tip]\n\n"
				"> [!WARNING] same line\n\n"
				"> [!CAUTION]\n> Careful.\n>\n> More.\n";

/* Footnotes: references show cmark-gfm's numbers, the definitions come
 * at the end in that order under a title, a long one indented under its
 * number; one without a reference is dropped, a reference without a
 * definition stays text. */
static const char footnotes_md[] = "Says[^long] and[^s].\n\n[^s]: Short.\n\n"
				   "[^long]: A longer note that wraps.\n\n    Its second part.\n\n"
				   "[^unused]: Gone.\n\nThen [^nothing].\n";

static void
test_footnotes(void)
{
	struct rendered x;

	RENDERS(footnotes_md, 40, 0,
		"Says[^1] and[^2].\n\nThen [^nothing].\n\nFootnotes\n"
		"[^1] A longer note that wraps.\n\n     Its second part.\n[^2] Short.\n");
	RENDERS(footnotes_md, 16, F_ASCII | F_REFS,
		"Says[^1]\nand[^2].\n\nThen [^nothing].\n\nFootnotes\n"
		"[^1] A longer\n     note that\n     wraps.\n\n     Its second\n     part.\n"
		"[^2] Short.\n");
	rd_open(&x, footnotes_md, 40, 0);
	/* a reference is a link to its note, the note's label one back */
	STYLED(&x.r.lines, 0, "-'Says' d#1'[^1]' -' and' d#2'[^2]' -'.'");
	STYLED(&x.r.lines, 4, "H'Footnotes'");
	STYLED(&x.r.lines, 5, "d#3'[^1]' d' ' -'A longer note that wraps.'");
	STYLED(&x.r.lines, 8, "d#4'[^2]' d' ' -'Short.'");
	CU_ASSERT_EQUAL(x.r.nlinks, 4);
	UNIT_ASSERT_STR("#^fn-1", x.r.links[0].url);
	UNIT_ASSERT_STR("#^fnref-1", x.r.links[2].url);
	CU_ASSERT_TRUE(check_render(&x.r, 40, "footnotes"));
	rd_close(&x);
	rd_open(&x, footnotes_md, 16, F_ASCII);
	STYLED(&x.r.lines, 0, "-'Says' d#1'[^1]'");
	STYLED(&x.r.lines, 6, "d#3'[^1]' d' ' -'A longer'");
	rd_close(&x);
}

/* The two ends of a footnote's links name each other; nothing else is a
 * footnote's. */
static void
test_note_ends(void)
{
	char *s;

	s = mdrender_note_other_end("#^fn-12");
	UNIT_ASSERT_STR("#^fnref-12", s);
	free(s);
	s = mdrender_note_other_end("#^fnref-3");
	UNIT_ASSERT_STR("#^fn-3", s);
	free(s);
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("#fn-1"));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("#^fn-"));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("#^fn-1x"));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("https://x/#^fn-1"));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end(NULL));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("#^fn-1234567890"));
	CU_ASSERT_PTR_NULL(mdrender_note_other_end("#^fn-0"));
	{
		bool back;
		CU_ASSERT_EQUAL(mdrender_note_of("#^fnref-7", &back), 7);
		CU_ASSERT_TRUE(back);
		CU_ASSERT_EQUAL(mdrender_note_of("#^fn-7", &back), 7);
		CU_ASSERT_FALSE(back);
	}
}

static void
test_alerts(void)
{
	struct rendered x;

	RENDERS(alerts_md, 40, 0,
		"│ Note:\n"
		"│ Useful info that wraps at this width.\n"
		"\n"
		"│ Tip:\n"
		"\n"
		"│ [!WARNING] same line\n"
		"\n"
		"│ Caution:\n"
		"│ Careful.\n"
		"│\n"
		"│ More.\n");
	RENDERS(alerts_md, 20, F_ASCII,
		"| Note:\n"
		"| Useful info that\n"
		"| wraps at this\n"
		"| width.\n"
		"\n"
		"| Tip:\n"
		"\n"
		"| [!WARNING] same\n"
		"| line\n"
		"\n"
		"| Caution:\n"
		"| Careful.\n"
		"|\n"
		"| More.\n");
	rd_open(&x, alerts_md, 40, 0);
	STYLED(&x.r.lines, 0, "M'│ ' SQ'Note:'");
	STYLED(&x.r.lines, 1, "M'│ ' Q'Useful ' EQ'info' Q' that wraps at this width.'");
	rd_close(&x);
}

static void
test_quote_style(void)
{
	struct rendered x;

	rd_open(&x, "> plain *emph*\n", 40, 0);
	STYLED(&x.r.lines, 0, "M'│ ' Q'plain ' EQ'emph'");
	rd_close(&x);
}

/* ---- tables -------------------------------------------------------------- */

static const char table_md[] = "| Left | Center | Right |\n"
			       "|:-----|:------:|------:|\n"
			       "| a | b | c |\n"
			       "| longer cell | mid | 12345 |\n";

static void
test_table(void)
{
	struct rendered x;

	RENDERS(table_md, 40, 0,
		"┌─────────────┬────────┬───────┐\n"
		"│ Left        │ Center │ Right │\n"
		"├─────────────┼────────┼───────┤\n"
		"│ a           │   b    │     c │\n"
		"│ longer cell │  mid   │ 12345 │\n"
		"└─────────────┴────────┴───────┘\n");
	/* exactly as wide as the table: still boxed */
	RENDERS(table_md, 32, F_ASCII,
		"+-------------+--------+-------+\n"
		"| Left        | Center | Right |\n"
		"+-------------+--------+-------+\n"
		"| a           |   b    |     c |\n"
		"| longer cell |  mid   | 12345 |\n"
		"+-------------+--------+-------+\n");
	rd_open(&x, table_md, 40, 0);
	STYLED(&x.r.lines, 1,
	       "M'│' -' ' h'Left' -'        ' M'│' -' ' h'Center' -' ' M'│' -' ' "
	       "h'Right' -' ' M'│'");
	STYLED(&x.r.lines, 3, "M'│' -' a           ' M'│' -'   b    ' M'│' -'     c ' M'│'");
	rd_close(&x);
	/* wide characters are padded by cells */
	RENDERS("| 名前 | n |\n|---|---|\n| 日本語 | 1 |\n", 40, 0,
		"┌────────┬───┐\n"
		"│ 名前   │ n │\n"
		"├────────┼───┤\n"
		"│ 日本語 │ 1 │\n"
		"└────────┴───┘\n");
	/* a short row gets empty cells */
	RENDERS("| a | b |\n|---|---|\n| x |\n", 40, F_ASCII,
		"+---+---+\n| a | b |\n+---+---+\n| x |   |\n+---+---+\n");
}

static void
test_table_stacked(void)
{
	struct rendered x;

	/* one column too wide: every row becomes "Header: value" lines */
	RENDERS(table_md, 31, 0,
		"Left: a\nCenter: b\nRight: c\n\nLeft: longer cell\nCenter: mid\nRight: 12345\n");
	rd_open(&x, table_md, 20, 0);
	STYLED(&x.r.lines, 0, "Sh'Left:' -' a'");
	STYLED(&x.r.lines, 4, "Sh'Left:' -' longer cell'");
	rd_close(&x);
	/* long values wrap under the width, indented under their label */
	RENDERS("| Name | Notes |\n|---|---|\n| x | a very long note that wraps |\n", 16, 0,
		"Name: x\nNotes: a very\n  long note that\n  wraps\n");
	/* in a list item the available width is what the prefix leaves */
	RENDERS("- item\n\n  | aaaa | bbbb |\n  |---|---|\n  | 1 | 2 |\n", 16, 0,
		"• item\n\n  aaaa: 1\n  bbbb: 2\n");
}

/* A <br> in a cell breaks the cell's line (a list written as items with
 * <br> between them keeps them apart), in the box and in the stacked form;
 * HTML list markup in a cell does the same; an empty value in the stacked
 * form writes no bare label, and a row of nothing writes nothing. */
static const char cell_lines_md[] =
    "| Name | Leads | Notes |\n"
    "|---|---|---|\n"
    "| Apps | * Ann<br>* Bo <br/> | |\n"
    "| | | |\n"
    "| Auth | <ul><li>Cy</li><li>Di</li></ul> | - long words wrap<br>- b |\n";

static void
test_table_cell_lines(void)
{
	RENDERS(cell_lines_md, 40, 0,
		"┌──────┬───────┬───────────────────┐\n"
		"│ Name │ Leads │ Notes             │\n"
		"├──────┼───────┼───────────────────┤\n"
		"│ Apps │ * Ann │                   │\n"
		"│      │ * Bo  │                   │\n"
		"│      │       │                   │\n"
		"│ Auth │ • Cy  │ - long words wrap │\n"
		"│      │ • Di  │ - b               │\n"
		"└──────┴───────┴───────────────────┘\n");
	/* stacked: a value of several lines starts below its label, and an
	 * item's wrapped lines go in under its text */
	RENDERS(cell_lines_md, 18, F_ASCII,
		"Name: Apps\n"
		"Leads:\n"
		"  * Ann\n"
		"  * Bo\n"
		"\n"
		"Name: Auth\n"
		"Leads:\n"
		"  * Cy\n"
		"  * Di\n"
		"Notes:\n"
		"  - long words\n"
		"    wrap\n"
		"  - b\n");
}

/* A <br> in a cell must not put a newline into a line. */
static void
test_table_br(void)
{
	struct rendered x;

	rd_open(&x, "| a<br>b | c |\n|---|---|\n| x<br/>y | z |\n", 40, 0);
	CU_ASSERT_TRUE(check_render(&x.r, 40, "table with <br>"));
	for (size_t i = 0; i < x.r.lines.n; i++)
		CU_ASSERT_PTR_NULL(memchr(lines_text(&x.r.lines, i), '\n', x.r.lines.v[i].len));
	rd_close(&x);
}

/* ---- links, images, rules, HTML ----------------------------------------- */

static const char links_md[] =
    "See [the guide](https://example.com/guide) and <https://example.org> and "
    "https://bare.example.com/x and [anchor](#sec) and [**bold** link](http://b.example).\n";

static void
test_links(void)
{
	struct rendered x;

	rd_open(&x, links_md, 40, 0);
	LINE_IS(&x.r.lines, 0, "See the guide and https://example.org");
	LINE_IS(&x.r.lines, 1, "and https://bare.example.com/x and");
	LINE_IS(&x.r.lines, 2, "anchor and bold link.");
	STYLED(&x.r.lines, 0, "-'See ' L#1'the guide' -' and ' L#2'https://example.org'");
	STYLED(&x.r.lines, 2, "L#4'anchor' -' and ' SL#5'bold' L#5' link' -'.'");
	CU_ASSERT_EQUAL(x.r.nlinks, 5);
	if (x.r.nlinks == 5) {
		UNIT_ASSERT_STR("https://example.com/guide", x.r.links[0].url);
		UNIT_ASSERT_STR("https://example.org", x.r.links[1].url);
		UNIT_ASSERT_STR("https://bare.example.com/x", x.r.links[2].url);
		UNIT_ASSERT_STR("#sec", x.r.links[3].url);
		UNIT_ASSERT_STR("http://b.example", x.r.links[4].url);
		for (size_t i = 0; i < 5; i++)
			CU_ASSERT_FALSE(x.r.links[i].shown);
	}
	rd_close(&x);
}

static void
test_references(void)
{
	struct rendered x;

	/* named links get [n]; autolinks and anchors do not */
	RENDERS(links_md, 40, F_REFS,
		"See the guide[1] and https://example.org\n"
		"and https://bare.example.com/x and\n"
		"anchor and bold link[2].\n"
		"\n"
		"References\n"
		"[1] https://example.com/guide\n"
		"[2] http://b.example\n");
	rd_open(&x, links_md, 40, F_REFS);
	STYLED(&x.r.lines, 0, "-'See ' L#1'the guide' d'[1]' -' and ' L#2'https://example.org'");
	STYLED(&x.r.lines, 4, "H'References'");
	STYLED(&x.r.lines, 5, "d'[1] ' L#1'https://example.com/guide'");
	CU_ASSERT_TRUE(x.r.nlinks == 5 && x.r.links[0].shown && !x.r.links[1].shown &&
		       !x.r.links[2].shown && !x.r.links[3].shown && x.r.links[4].shown);
	rd_close(&x);
	/* a mail autolink is bare too; no marked link means no list */
	RENDERS("Mail <someone@example.com>.\n", 40, F_REFS, "Mail someone@example.com.\n");
	/* a long URL in the list is never cut: its line passes the width */
	RENDERS("[x](https://example.com/a/very/long/path)\n", 20, F_REFS,
		"x[1]\n\nReferences\n[1] https://example.com/a/very/long/path\n");
	/* and is one word: its blanks, written "<b c>" or as references,
	 * come out %XX (fuzz_markdown: a line of U+FFFD over the width) */
	RENDERS("[x][a] and [y](<b c>)\n\n[a]: /f&#9;g&#32;h&#10;\n", 20, F_REFS,
		"x[1] and y[2]\n\nReferences\n[1] /f%09g%20h%0A\n[2] b%20c\n");
}

/* The same URL keeps one number; pictures' files are listed too. */
static const char refs_md[] = "See [a](https://a.example/x) and [b](https://b.example/y), "
			      "then [a again](https://a.example/x) and ![logo](img/logo.png) "
			      "and ![pic](https://a.example/x) and ![inline](data:image/png,x).\n";

/* A reference line holds its URL as one word: a blank or control in the
 * URL (written <a b>, or as a numeric reference that decodes to a
 * carriage return or a tab) is %XX of that byte (fuzz_markdown: the line went past
 * the width with a second word). */
static void
test_reference_url_one_word(void)
{
	RENDERS("A [x](<a b>) and [y](/c&#13;d) [z](/e&#9;).\n", 20, F_REFS,
		"A x[1] and y[2]\nz[3].\n\nReferences\n[1] a%20b\n[2] /c%0Dd\n[3] /e%09\n");
	RENDERS("A [x](<a b>) and [y](/c&#13;d) [z](/e&#9;).\n", 40, F_REFS,
		"A x[1] and y[2] z[3].\n\nReferences\n[1] a%20b\n[2] /c%0Dd\n[3] /e%09\n");
}

static void
test_references_once(void)
{
	RENDERS(refs_md, 40, F_REFS,
		"See a[1] and b[2], then a again[1] and\n"
		"[image: logo][3] and [image: pic][1] and\n"
		"[image: inline].\n"
		"\n"
		"References\n"
		"[1] https://a.example/x\n"
		"[2] https://b.example/y\n"
		"[3] img/logo.png\n");
	RENDERS(refs_md, 16, F_REFS | F_ASCII,
		"See a[1] and\n"
		"b[2], then a\n"
		"again[1] and\n"
		"[image: logo][3]\n"
		"and [image:\n"
		"pic][1] and\n"
		"[image: inline].\n"
		"\n"
		"References\n"
		"[1] https://a.example/x\n"
		"[2] https://b.example/y\n"
		"[3] img/logo.png\n");
	/* without references (the reader), no numbers and no list */
	RENDERS(refs_md, 40, 0,
		"See a and b, then a again and [image:\n"
		"logo] and [image: pic] and [image:\n"
		"inline].\n");
}

static void
test_images(void)
{
	struct rendered x;

	RENDERS("![alt text](img.png) and ![](empty.png)\n", 40, 0,
		"[image: alt text] and [image: ]\n");
	/* a linked badge */
	rd_open(&x, "[![badge](b.svg)](https://ci.example)\n", 40, F_REFS);
	LINE_IS(&x.r.lines, 0, "[image: badge][1][2]");
	rd_close(&x);
	rd_open(&x, "![alt text](img.png)\n", 40, 0);
	CU_ASSERT_EQUAL(x.r.lines.n, 1);
	CU_ASSERT_TRUE(x.r.lines.n > 0 && x.r.lines.v[0].nspans > 0 &&
		       (x.r.lines.spans[x.r.lines.v[0].span].style & STY_DIM));
	rd_close(&x);
}

/* lines.h: STY_DIM marks "image alt" - the alt text as well as its frame. */
static void
test_image_alt_dim(void)
{
	struct rendered x;

	rd_open(&x, "![alt text](img.png)\n", 40, 0);
	STYLED(&x.r.lines, 0, "d'[image: alt text]'");
	rd_close(&x);
}

static void
test_rules(void)
{
	struct rendered x;

	RENDERS("a\n\n***\n\nb\n", 12, 0, "a\n\n────────────\n\nb\n");
	RENDERS("a\n\n---\n\nb\n", 12, F_ASCII, "a\n\n------------\n\nb\n");
	rd_open(&x, "___\n", 10, 0);
	STYLED(&x.r.lines, 0, "M'──────────'");
	rd_close(&x);
	/* a rule in a quote fills what the bar leaves */
	RENDERS("> ***\n", 12, 0, "│ ──────────\n");
}

static void
test_html_blocks(void)
{
	RENDERS("<!-- a comment\nover lines -->\n\ntext\n", 40, 0, "text\n");
	RENDERS("<div align=\"center\">\n<b>Bold</b> text<br>next line\n</div>\n", 40, 0,
		"Bold text\nnext line\n");
	RENDERS("<details>\n<summary>Click</summary>\n\nhidden body\n\n</details>\n", 40, 0,
		"Click\n\nhidden body\n");
	/* a block of nothing but tags leaves no line at all */
	RENDERS("a\n\n<div>\n</div>\n\nb\n", 40, 0, "a\n\nb\n");
	/* nor does a paragraph of tags that show nothing (the fuzz target
	 * found its empty line, and an empty line of no bytes, UB) */
	RENDERS("<e  \niv>\n\ntext\n\n<span></span>\n\nmore\n", 40, 0, "text\n\nmore\n");
	RENDERS("- <span></span>\n- b\n", 40, 0, "• \n• b\n");
	/* blanks then list markup in an HTML block: no empty line first */
	RENDERS("<div a=1>\n<x y><ul><li>1</li><li>2</li></ul>\n", 40, 0, "• 1\n• 2\n");
	/* the liaisons.md header: a comment with three dashes */
	RENDERS("<!---\nThis is an autogenerated file!\n--->\n\n# Liaisons\n", 40, 0,
		"Liaisons\n════════\n");
}

/* An HTML <table> is laid out as a Markdown table: a header row from
 * <thead> or <th>, cells' inline tags (<b>, <code>, <br>, lists,
 * entities), an align attribute; stacked when too wide.  Malformed
 * tables stay readable text. */
static const char html_table_md[] =
    "<table>\n<thead>\n<tr><th>Name</th><th align=\"right\">N</th></tr>\n</thead>\n"
    "<tbody>\n<tr><td><b>alpha</b></td><td>12</td></tr>\n"
    "<tr><td>a &amp; b<br>c</td><td><ul><li>x</li><li>y</li></ul></td></tr>\n"
    "<tr><td><code>z</code></td></tr>\n</tbody>\n</table>\n";

static void
test_html_table(void)
{
	struct rendered x;

	RENDERS(html_table_md, 40, 0,
		"┌───────┬─────┐\n│ Name  │   N │\n├───────┼─────┤\n│ alpha │  12 │\n"
		"│ a & b │ • x │\n│ c     │ • y │\n│ z     │     │\n└───────┴─────┘\n");
	RENDERS(html_table_md, 12, F_ASCII,
		"Name: alpha\nN: 12\n\nName:\n  a & b\n  c\nN:\n  * x\n  * y\n\nName: z\n");
	rd_open(&x, html_table_md, 40, 0);
	STYLED(&x.r.lines, 1, "M'│' -' ' h'Name' -'  ' M'│' -'   ' h'N' -' ' M'│'");
	STYLED(&x.r.lines, 3, "M'│' -' ' S'alpha' -' ' M'│' -'  12 ' M'│'");
	CU_ASSERT_TRUE(check_render(&x.r, 40, "html table"));
	rd_close(&x);
	/* no header row: no rule under the first, no labels when stacked */
	RENDERS("<div><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></div>\n", 40,
		0, "┌───┬───┐\n│ a │ b │\n│ c │   │\n└───┴───┘\n");
	RENDERS("<table><tr><td>aaaa</td><td>bbbb</td></tr></table>\n", 10, 0, "aaaa\nbbbb\n");
	/* text around it, a caption, a table in a cell */
	RENDERS("<p>Before</p><table><caption>Cap</caption><tr><td>in<table><tr><td>ner</td>"
		"</tr></table></td></tr></table>after\n",
		40, 0, "Before\n\nCap\n\n┌─────┐\n│ in  │\n│ ner │\n└─────┘\n\nafter\n");
	/* a link in a cell is a link: selected on screen, numbered in print */
	RENDERS("<table><tr><td><a href=\"https://k8s.io\">site</a> <a name=x>no</a> "
		"<a href=#top>up</a></td></tr></table>\n",
		40, F_REFS,
		"┌───────────────┐\n│ site[1] no up │\n└───────────────┘\n\nReferences\n"
		"[1] https://k8s.io\n");
	/* a target over lines is one line (the fuzz target found the break) */
	RENDERS("<table><tr><td><a href=\" u\n|x|\tv \">l</a></td></tr></table>\n", 20, F_REFS,
		"┌──────┐\n│ l[1] │\n└──────┘\n\nReferences\n[1] u|x|v\n");
	/* spaces inside a target are written %20: a URL is one word, and a
	 * reference line passes the width only to hold it (fuzz_markdown) */
	RENDERS("<table><tr><td><a href=\"https://k8s.io/a b and c d e f g\">l</a></td></tr>"
		"</table>\n",
		20, F_REFS,
		"┌──────┐\n│ l[1] │\n└──────┘\n\nReferences\n"
		"[1] https://k8s.io/a%20b%20and%20c%20d%20e%20f%20g\n");
	rd_open(&x, "<table><tr><td>a <a href=\"https://k8s.io\">site</a></td></tr></table>\n", 40,
		0);
	STYLED(&x.r.lines, 1, "M'│' -' a ' L#1'site' -' ' M'│'");
	CU_ASSERT_EQUAL(x.r.nlinks, 1);
	rd_close(&x);
	/* malformed: no cell, no end, a tag cut off: text, never a crash */
	RENDERS("<table>\nloose words\n</table>\n", 40, 0, "loose words\n");
	RENDERS("<table><tr><td>open cell\n", 40, 0,
		"┌───────────┐\n│ open cell │\n└───────────┘\n");
	RENDERS("<table><tr><td>x <b\n", 40, 0, "┌──────┐\n│ x <b │\n└──────┘\n");
	RENDERS("<table><tr><td\n", 40, 0, "");
}

static void
test_ascii_mode(void)
{
	char *s = render_text("# Title\n\n## Sub\n\n- a\n  - b\n    - c\n- [ ] t\n- [x] d\n\n"
			      "> q\n\n---\n\n| h | i |\n|---|--:|\n| 1 | 2 |\n",
			      30, F_ASCII);

	UNIT_ASSERT_STR("Title\n=====\n\nSub\n---\n\n* a\n  - b\n    + c\n[ ] t\n[x] d\n\n| q\n\n"
			"------------------------------\n\n+---+---+\n| h | i |\n+---+---+\n"
			"| 1 | 2 |\n+---+---+\n",
			s);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80) {
			CU_FAIL("ASCII mode wrote a non-ASCII byte");
			break;
		}
	free(s);
}

/* ---- the same document at three widths -------------------------------- */

static const char same_md[] = "Roles give *structure* to a **community**; see the `guide`.\n"
			      "\n"
			      "- First item with enough words to wrap\n"
			      "  - Nested item\n"
			      "- Second\n"
			      "\n"
			      "> Quoted advice for new leads.\n"
			      "\n"
			      "| Role | Count |\n"
			      "|:-----|------:|\n"
			      "| Chair | 2 |\n"
			      "| Tech lead | 3 |\n";

static void
test_width_20(void)
{
	RENDERS(same_md, 20, 0,
		"Roles give structure\n"
		"to a community; see\n"
		"the guide.\n"
		"\n"
		"• First item with\n"
		"  enough words to\n"
		"  wrap\n"
		"  ◦ Nested item\n"
		"• Second\n"
		"\n"
		"│ Quoted advice for\n"
		"│ new leads.\n"
		"\n"
		"Role: Chair\n"
		"Count: 2\n"
		"\n"
		"Role: Tech lead\n"
		"Count: 3\n");
}

static void
test_width_40(void)
{
	RENDERS(same_md, 40, 0,
		"Roles give structure to a community; see\n"
		"the guide.\n"
		"\n"
		"• First item with enough words to wrap\n"
		"  ◦ Nested item\n"
		"• Second\n"
		"\n"
		"│ Quoted advice for new leads.\n"
		"\n"
		"┌───────────┬───────┐\n"
		"│ Role      │ Count │\n"
		"├───────────┼───────┤\n"
		"│ Chair     │     2 │\n"
		"│ Tech lead │     3 │\n"
		"└───────────┴───────┘\n");
}

static void
test_width_80(void)
{
	RENDERS(same_md, 80, 0,
		"Roles give structure to a community; see the guide.\n"
		"\n"
		"• First item with enough words to wrap\n"
		"  ◦ Nested item\n"
		"• Second\n"
		"\n"
		"│ Quoted advice for new leads.\n"
		"\n"
		"┌───────────┬───────┐\n"
		"│ Role      │ Count │\n"
		"├───────────┼───────┤\n"
		"│ Chair     │     2 │\n"
		"│ Tech lead │     3 │\n"
		"└───────────┴───────┘\n");
	/* widths below the minimum are raised to it */
	{
		char *a = render_text(same_md, 3, 0),
		     *b = render_text(same_md, MDRENDER_MIN_WIDTH, 0);
		UNIT_ASSERT_STR(b, a);
		free(a);
		free(b);
	}
}

/* ---- width sweeps ---------------------------------------------------------- */

static void
test_sweep_constructs(void)
{
	size_t len;
	char *md = slurp(TEST_SRCDIR "/tests/data/constructs.md", &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(md);
	sweep("constructs.md", md, len, 10, 100);
	free(md);
	/* and each snippet of this file on its own */
	sweep("same_md", same_md, strlen(same_md), 10, 100);
	sweep("table_md", table_md, strlen(table_md), 10, 100);
	sweep("links_md", links_md, strlen(links_md), 10, 100);
}

/* The sweeps are only as good as check_render(): it must catch each
 * broken invariant. */
static void
test_checker(void)
{
	static const struct {
		const char *text;
		int width;
		bool fake_width;
	} bad[] = {
	    {"eleven cell", 10, false},	 /* too wide */
	    {"日本語日本語", 11, false}, /* 12 cells */
	    {"esc \x1b[1m", 20, false},	 /* C0 control */
	    {"c1 \xc2\x9b", 20, false},	 /* C1 control */
	    {"del \x7f", 20, false},	 /* DEL */
	    {"bad \xff", 20, false},	 /* invalid UTF-8 */
	    {"width", 20, true},	 /* width field disagrees */
	};

	quiet_checks = true;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct render r;

		render_init(&r);
		lines_add(&r.lines, "ok", 2, STY_PLAIN, 0);
		lines_begin(&r.lines, LINE_TEXT, 0, 0);
		lines_add(&r.lines, bad[i].text, strlen(bad[i].text), STY_PLAIN, 0);
		lines_end(&r.lines);
		if (bad[i].fake_width)
			r.lines.v[1].width++;
		r.total = r.lines.n;
		CU_ASSERT_FALSE(check_render(&r, bad[i].width, bad[i].text));
		render_done(&r);
	}
	/* a task number beyond ntasks, and spans that do not tile the line */
	{
		struct render r;

		render_init(&r);
		lines_begin(&r.lines, LINE_TASK, 0, 1);
		lines_add(&r.lines, "task", 4, STY_PLAIN, 0);
		lines_end(&r.lines);
		CU_ASSERT_FALSE(check_render(&r, 20, "task"));
		r.ntasks = 1;
		CU_ASSERT_TRUE(check_render(&r, 20, "task"));
		r.lines.spans[0].len = 3;
		CU_ASSERT_FALSE(check_render(&r, 20, "spans"));
		render_done(&r);
	}
	quiet_checks = false;
}

static void
sweep_dir(const char *dir, bool required)
{
	size_t n;
	char **files = md_files(dir, &n);

	if (files == NULL || n == 0) {
		if (required) {
			CU_FAIL("no role files found");
		} else {
			fprintf(stderr, "\nnote: %s not found; upstream sweep skipped\n", dir);
		}
		free_list(files);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *md = slurp(files[i], &len);
		CU_ASSERT_PTR_NOT_NULL(md);
		if (md != NULL)
			sweep(files[i], md, len, 10, 100);
		free(md);
	}
	free_list(files);
}

static void
test_sweep_bundled(void)
{
	sweep_dir(TEST_SRCDIR "/content/roles", true);
}

static void
test_sweep_upstream(void)
{
	sweep_dir(upstream_dir(), false);
}

/* ---- wide characters ---------------------------------------------------- */

static void
test_wide(void)
{
	const char *md = "日本語のテキストです 漢字漢字漢字漢字漢字漢字漢字 😀😀😀 "
			 "e\xcc\x81"
			 "e\xcc\x81"
			 "e\xcc\x81 cafe\xcc\x81 done\n";
	const char *want = "日本語のテ\n"
			   "キストです\n"
			   "漢字漢字漢\n"
			   "字漢字漢字\n"
			   "漢字漢字\n"
			   "😀😀😀 e\xcc\x81"
			   "e\xcc\x81"
			   "e\xcc\x81\n"
			   "cafe\xcc\x81 done\n";
	struct rendered x;

	RENDERS(md, 10, 0, want);
	/* an odd width: a CJK character never straddles the edge */
	RENDERS(md, 11, 0, want);
	rd_open(&x, md, 11, 0);
	CU_ASSERT_EQUAL(x.r.lines.v[0].width, 10);
	CU_ASSERT_EQUAL(x.r.lines.v[5].width, 10); /* 3 emoji of 2, a space, 3 of 1 */
	CU_ASSERT_TRUE(check_render(&x.r, 11, "wide text"));
	rd_close(&x);
	/* a combining mark stays with its base when a word is cut */
	RENDERS("abcde\xcc\x81"
		"fghijkl\n",
		10, 0,
		"abcde\xcc\x81"
		"fghij\nkl\n");
	/* wide text in a list: the hanging indent is counted in cells */
	RENDERS("- 日本語日本語日本語\n", 11, 0, "• 日本語日\n  本語日本\n  語\n");
	/* emoji flow like words */
	RENDERS("👍 ok 👍👍👍👍👍 end\n", 10, 0, "👍 ok\n👍👍👍👍👍\nend\n");
}

/* ---- neutralisation ----------------------------------------------------- */

static void
test_neutralise(void)
{
	size_t len;
	char *md = slurp(TEST_SRCDIR "/tests/data/hostile.md", &len);
	struct rendered x;
	char *d;
	bool ok;

	CU_ASSERT_PTR_NOT_NULL_FATAL(md);
	rd_open_len(&x, md, len, 80, F_REFS);
	/* compared only once known to be safe to print */
	ok = check_render(&x.r, 80, "hostile.md");
	CU_ASSERT_TRUE(ok);
	d = lines_dump(&x.r.lines);
	if (ok)
		UNIT_ASSERT_STR(
		    "Title\n"
		    "═════\n"
		    "\n"
		    "Red ALERT text.\n"
		    "\n"
		    "Window title set.\n"
		    "\n"
		    "Clipboard write.\n"
		    "\n"
		    "Eight bit CSI.\n"
		    "\n"
		    "Lone \xef\xbf\xbd"
		    "31m byte.\n"
		    "\n"
		    "Bell and backspace.\n"
		    "\n"
		    "Bad \xef\xbf\xbd\xef\xbf\xbd bytes, cut \xef\xbf\xbd and \xef\xbf\xbd end.\n"
		    "\n"
		    "• item bold\n"
		    "\n"
		    "  code  clear\n"
		    "\n"
		    "┌───┬───┐\n"
		    "│ a │ b │\n"
		    "├───┼───┤\n"
		    "│ \xef\xbf\xbd │ c │\n"
		    "└───┴───┘\n"
		    "\n"
		    "link[1]\n"
		    "\n"
		    "References\n"
		    "[1] http://example.com/x\n",
		    d);
	free(d);
	rd_close(&x);
	free(md);
}

/* Numeric character references decode after sanitising: they must not
 * smuggle controls, C1 codes or bidi overrides into the lines. */
static void
test_neutralise_entities(void)
{
	struct rendered x;
	const char *md = "ent &#27;[31mred &#x1b;]0;title&#7; c1 &#x9b;31m &#155; del &#127; "
			 "bidi &#x202e;x\n\n"
			 "[link](http://a&#27;b) `&#27;` ![&#x1b;[2J](i.png)\n\n"
			 "# T&#8;itle\n";

	rd_open(&x, md, 80, F_REFS);
	CU_ASSERT_TRUE(check_render(&x.r, 80, "entities"));
	for (size_t i = 0; i < x.r.lines.n; i++) {
		const char *t = lines_text(&x.r.lines, i);
		size_t n = x.r.lines.v[i].len;
		CU_ASSERT_PTR_NULL(memmem(t, n, "\xe2\x80\xae", 3)); /* U+202E */
	}
	for (size_t i = 0; i < x.r.nlinks; i++)
		for (const char *p = x.r.links[i].url; *p; p++)
			CU_ASSERT_FALSE((unsigned char)*p < 0x20 || *p == 0x7f);
	for (size_t i = 0; i < x.ol.n; i++)
		for (const char *p = x.ol.v[i].title; *p; p++)
			CU_ASSERT_FALSE((unsigned char)*p < 0x20 || *p == 0x7f);
	rd_close(&x);
}

/* ---- hostile structure ------------------------------------------------- */

static void
test_deep_nesting(void)
{
	static const char *names[] = {"deep-quotes.md", "deep-lists.md", "deep-ordered.md",
				      "deep-mixed.md"};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[4096];
		size_t len;
		char *md;

		snprintf(path, sizeof path, "%s/tests/data/broken/%s", TEST_SRCDIR, names[i]);
		md = slurp(path, &len);
		CU_ASSERT_PTR_NOT_NULL(md);
		if (md == NULL)
			continue;
		CU_ASSERT_TRUE(len >= 10000);
		for (int w = 10; w <= 100; w += 45) {
			struct rendered x;
			char what[4200];
			bool any = false;

			rd_open_len(&x, md, len, w, 0);
			snprintf(what, sizeof what, "%s at %d", names[i], w);
			CU_ASSERT_TRUE(check_render(&x.r, w, what));
			/* the innermost text still shows */
			for (size_t k = 0; k < x.r.lines.n; k++)
				any |= memmem(lines_text(&x.r.lines, k), x.r.lines.v[k].len, "deep",
					      4) != NULL;
			CU_ASSERT_TRUE(any);
			rd_close(&x);
		}
		free(md);
	}
}

static void
test_huge_line(void)
{
	size_t n = 1 << 20, words = n / 5 + (n % 5 != 0);
	char *md = malloc(n + 1);
	struct rendered x;

	/* a million bytes of four-letter words on one line */
	for (size_t i = 0; i < n; i++)
		md[i] = i % 5 == 4 ? ' ' : 'w';
	md[n] = '\0';
	rd_open_len(&x, md, n, 24, 0);
	/* five words of four letters fill a 24-cell line exactly */
	CU_ASSERT_EQUAL(x.r.lines.n, (words + 4) / 5);
	LINE_IS(&x.r.lines, 0, "wwww wwww wwww wwww wwww");
	CU_ASSERT_TRUE(check_render(&x.r, 24, "huge line"));
	rd_close(&x);
	free(md);
}

/* Renders one word of `bytes` copies of unit in a child process and
 * reports whether it finished (with every line within the width and the
 * expected number of lines) before `seconds`. */
static bool
render_word_in_time(const char *unit, size_t bytes, int width, size_t want_lines, int seconds)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		size_t ul = strlen(unit), n = bytes / ul * ul;
		char *md = malloc(n + 1);
		struct rendered x;
		bool ok;

		for (size_t i = 0; i < n; i += ul)
			memcpy(md + i, unit, ul);
		md[n] = '\0';
		rd_open_len(&x, md, n, width, 0);
		ok = check_render(&x.r, width, "long word") && x.r.lines.n == want_lines;
		if (!ok)
			fprintf(stderr, "\nlong word: %zu lines, want %zu\n", x.r.lines.n,
				want_lines);
		_exit(ok ? 0 : 1);
	}
	for (int waited = 0; waited < seconds * 20; waited++) {
		struct timespec ts = {0, 50 * 1000 * 1000};
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0;
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	fprintf(stderr, "\nrendering a %zu-byte word at width %d took over %d s\n", bytes, width,
		seconds);
	return false;
}

/* A word longer than the line is cut piece by piece; the cost must grow
 * with its length, not with its square (a 1 MB word is 13,000 lines). */
static void
test_long_word_time(void)
{
	/* ASCII: 1 MiB of x at width 80 is 13,108 lines */
	CU_ASSERT_TRUE(render_word_in_time("x", 1 << 20, 80, ((1 << 20) + 79) / 80, 15));
	/* CJK: 349,525 characters of two cells, 40 to a line */
	CU_ASSERT_TRUE(render_word_in_time("日", 1 << 20, 80, ((1 << 20) / 3 + 39) / 40, 15));
}

/* ---- streaming --------------------------------------------------------- */

struct collect {
	char *buf;
	size_t len, calls, most;
};

static void
collect_flush(struct lines *l, void *arg)
{
	struct collect *c = arg;
	char *d = lines_dump(l);
	size_t n = strlen(d);

	c->buf = realloc(c->buf, c->len + n + 1);
	memcpy(c->buf + c->len, d, n + 1);
	c->len += n;
	free(d);
	c->calls++;
	if (l->n > c->most)
		c->most = l->n;
}

static void
test_streaming(void)
{
	size_t len;
	char *md = slurp(TEST_SRCDIR "/content/roles/program-manager.md", &len);
	struct rendered whole;
	struct collect c = {NULL, 0, 0, 0};
	struct render r;
	struct mdrender_opts o = {60, false, true, false};
	char *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(md);
	rd_open_len(&whole, md, len, 60, F_REFS);
	render_init(&r);
	r.lines.flush = collect_flush;
	r.lines.flush_arg = &c;
	mdrender(whole.doc, &whole.ol, &o, &r);
	d = lines_dump(&whole.r.lines);
	UNIT_ASSERT_STR(d, c.buf);
	free(d);
	CU_ASSERT_EQUAL(r.lines.n, 0); /* everything was handed over */
	CU_ASSERT_EQUAL(r.total, whole.r.lines.n);
	CU_ASSERT_TRUE(c.calls > 20);
	CU_ASSERT_TRUE(c.most < whole.r.lines.n / 4);
	CU_ASSERT_EQUAL(r.nsections, whole.r.nsections);
	for (size_t i = 0; i < r.nsections && i < whole.r.nsections; i++)
		CU_ASSERT_EQUAL(r.section_line[i], whole.r.section_line[i]);
	CU_ASSERT_EQUAL(r.ntasks, whole.r.ntasks);
	CU_ASSERT_EQUAL(r.nlinks, whole.r.nlinks);
	render_done(&r);
	rd_close(&whole);
	free(c.buf);
	free(md);
}

/* ---- outline (section finder) ----------------------------------------- */

static const char sections_md[] = "# Handbook\n"
				  "\n"
				  "Intro text.\n"
				  "\n"
				  "## Duties\n"
				  "\n"
				  "What leads do.\n"
				  "\n"
				  "Expectations of leads are:\n"
				  "\n"
				  "- one\n"
				  "- two\n"
				  "\n"
				  "Typical duties include: \n"
				  "1. first\n"
				  "\n"
				  "## Detail\n"
				  "\n"
				  "A paragraph with a colon but no list after it:\n"
				  "\n"
				  "Middle.\n"
				  "\n"
				  "- x\n";

static void
test_outline_entries(void)
{
	struct rendered x;

	rd_open(&x, sections_md, 40, 0);
	CU_ASSERT_EQUAL_FATAL(x.ol.n, 5);
	UNIT_ASSERT_STR("Handbook", x.ol.v[0].title);
	CU_ASSERT_EQUAL(x.ol.v[0].level, 1);
	CU_ASSERT_FALSE(x.ol.v[0].lead);
	UNIT_ASSERT_STR("Duties", x.ol.v[1].title);
	CU_ASSERT_EQUAL(x.ol.v[1].level, 2);
	UNIT_ASSERT_STR("Expectations of leads are", x.ol.v[2].title);
	CU_ASSERT_EQUAL(x.ol.v[2].level, 3);
	CU_ASSERT_TRUE(x.ol.v[2].lead);
	UNIT_ASSERT_STR("Typical duties include", x.ol.v[3].title);
	CU_ASSERT_EQUAL(x.ol.v[3].level, 3);
	CU_ASSERT_TRUE(x.ol.v[3].lead);
	CU_ASSERT_EQUAL(cmark_node_get_type(x.ol.v[3].node), CMARK_NODE_PARAGRAPH);
	UNIT_ASSERT_STR("Detail", x.ol.v[4].title);
	CU_ASSERT_EQUAL(x.ol.v[4].level, 2);

	/* section_line points at each heading or lead line */
	CU_ASSERT_EQUAL(x.r.nsections, 5);
	LINE_IS(&x.r.lines, x.r.section_line[0], "Handbook");
	LINE_IS(&x.r.lines, x.r.section_line[1], "Duties");
	LINE_IS(&x.r.lines, x.r.section_line[2], "Expectations of leads are:");
	LINE_IS(&x.r.lines, x.r.section_line[3], "Typical duties include:");
	LINE_IS(&x.r.lines, x.r.section_line[4], "Detail");
	CU_ASSERT_EQUAL(x.r.section_line[0], 0);
	CU_ASSERT_EQUAL(x.r.section_line[1], 5);
	CU_ASSERT_EQUAL(x.r.section_line[2], 10);
	/* lead paragraphs are shown strong; the blank line before a section
	 * belongs to the section above */
	STYLED(&x.r.lines, x.r.section_line[2], "S'Expectations of leads are:'");
	CU_ASSERT_EQUAL(x.r.lines.v[4].section, 0);
	CU_ASSERT_EQUAL(x.r.lines.v[5].section, 1);
	CU_ASSERT_EQUAL(x.r.lines.v[9].section, 1);
	CU_ASSERT_EQUAL(x.r.lines.v[10].section, 2);
	CU_ASSERT_EQUAL(x.r.lines.v[x.r.lines.n - 1].section, 4);
	rd_close(&x);
}

/* Lead paragraphs among the outline entries. */
static size_t
count_leads(const struct outline *ol)
{
	size_t n = 0;

	for (size_t i = 0; i < ol->n; i++)
		n += ol->v[i].lead;
	return n;
}

static void
test_outline_not_lead(void)
{
	char para[512];
	struct rendered x;
	size_t n;

	/* longer than 200 bytes: prose, not a heading */
	n = 0;
	while (n < 201 - 1)
		n += (size_t)snprintf(para + n, sizeof para - n, "word ");
	para[200] = ':';
	para[201] = '\0';
	CU_ASSERT_EQUAL(strlen(para), 201);
	{
		char md[1024];
		/* (under a heading, after text: issue 12's rules let it be one) */
		snprintf(md, sizeof md, "# H\n\n## I\n\nText.\n\n%s\n\n- a\n\nTwo:\n\n- b\n", para);
		rd_open(&x, md, 80, 0);
		CU_ASSERT_EQUAL(count_leads(&x.ol), 0);
		rd_close(&x);
		/* exactly 200 bytes still counts */
		snprintf(md, sizeof md, "# H\n\n## I\n\nText.\n\n%s\n\n- a\n\nTwo:\n\n- b\n",
			 para + 1);
		rd_open(&x, md, 80, 0);
		CU_ASSERT_EQUAL(count_leads(&x.ol), 2);
		CU_ASSERT_TRUE(x.ol.n == 4 && x.ol.v[2].lead && x.ol.v[2].level == 3);
		rd_close(&x);
	}
	/* a colon paragraph followed by a paragraph, a quote or code */
	rd_open(&x, "# H\n\nFirst:\n\nnot a list\n\nSecond:\n\n> quote\n\nThird:\n\n    code\n", 80,
		0);
	CU_ASSERT_EQUAL(x.ol.n, 1);
	CU_ASSERT_EQUAL(count_leads(&x.ol), 0);
	rd_close(&x);
	/* not top level: inside a list item or a quote */
	rd_open(&x, "- item\n\n  Nested lead:\n\n  - n\n\n> Quoted lead:\n>\n> - q\n", 80, 0);
	CU_ASSERT_EQUAL(count_leads(&x.ol), 0);
	rd_close(&x);
	/* no colon at the end; a colon inside code does not count */
	rd_open(&x, "No colon here\n\n- a\n\nCode `at end:`\n\n- b\n", 80, 0);
	CU_ASSERT_EQUAL(count_leads(&x.ol), 0);
	rd_close(&x);
}

static void
test_outline_levels(void)
{
	struct rendered x;

	/* before any heading a lead is level 2; under ###### it stays at 6 */
	rd_open(&x,
		"Lead:\n\n- a\n\nLead 2:\n\n- a\n\n###### Six\n\nx\n\nDeep:\n\n- b\n\nDeep 2:\n\n"
		"- b\n\n- b\n\n## Two\n\n# One\n\n## Three\n",
		40, 0);
	CU_ASSERT_EQUAL_FATAL(x.ol.n, 8);
	CU_ASSERT_EQUAL(x.ol.v[0].level, 2);
	CU_ASSERT_EQUAL(x.ol.v[2].level, 6);
	CU_ASSERT_EQUAL(x.ol.v[3].level, 6);
	CU_ASSERT_TRUE(x.ol.v[3].lead);
	CU_ASSERT_EQUAL(x.ol.v[5].level, 2);
	UNIT_ASSERT_STR("Two", x.ol.v[5].title);
	rd_close(&x);
	/* headings inside quotes and list items are sections too */
	rd_open(&x, "> ## In quote\n\n- ### In item\n", 40, 0);
	CU_ASSERT_EQUAL_FATAL(x.ol.n, 2);
	UNIT_ASSERT_STR("In quote", x.ol.v[0].title);
	UNIT_ASSERT_STR("In item", x.ol.v[1].title);
	LINE_IS(&x.r.lines, x.r.section_line[0], "│ In quote");
	LINE_IS(&x.r.lines, x.r.section_line[1], "• In item");
	rd_close(&x);
	/* setext headings; markup is dropped from titles */
	rd_open(&x, "Big *title*\n===\n\nSmall `t`\n---\n", 40, 0);
	CU_ASSERT_EQUAL_FATAL(x.ol.n, 2);
	UNIT_ASSERT_STR("Big title", x.ol.v[0].title);
	CU_ASSERT_EQUAL(x.ol.v[1].level, 2);
	UNIT_ASSERT_STR("Small t", x.ol.v[1].title);
	rd_close(&x);
}

static void
test_outline_find(void)
{
	struct rendered x;
	size_t hint = 0;

	rd_open(&x, sections_md, 40, 0);
	CU_ASSERT_EQUAL(outline_find(&x.ol, x.ol.v[0].node, &hint), 0);
	CU_ASSERT_EQUAL(hint, 1);
	CU_ASSERT_EQUAL(outline_find(&x.ol, x.ol.v[0].node, &hint), -1);
	CU_ASSERT_EQUAL(outline_find(&x.ol, x.doc, &hint), -1);
	CU_ASSERT_EQUAL(hint, 1);
	CU_ASSERT_EQUAL(outline_find(&x.ol, x.ol.v[1].node, &hint), 1);
	CU_ASSERT_TRUE(outline_is_lead(x.ol.v[2].node));
	CU_ASSERT_FALSE(outline_is_lead(x.ol.v[1].node)); /* a heading */
	rd_close(&x);
}

/* outline.h: "a document with no heading at all gets one entry for its
 * start" - so every document has at least one section. */
static void
test_outline_no_heading(void)
{
	struct rendered x;

	rd_open(&x, "Just a paragraph.\n\n1. and a list\n", 40, 0);
	CU_ASSERT_EQUAL(x.ol.n, 1);
	CU_ASSERT_EQUAL(x.r.nsections, 1);
	if (x.r.nsections == 1)
		CU_ASSERT_EQUAL(x.r.section_line[0], 0);
	rd_close(&x);
}

int
test_mdrender_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"headings", test_headings},
	    {"minor headings marked in print", test_heading_marks},
	    {"inline styles", test_inline_styles},
	    {"hard breaks and <br>", test_breaks},
	    {"code block", test_code_block},
	    {"code tab stops count cells", test_code_tab_cells},
	    {"bullet lists", test_bullets},
	    {"ordered lists", test_ordered},
	    {"task lists", test_tasks},
	    {"a task's marks are not text", test_task_marks},
	    {"task lines at narrow widths", test_tasks_narrow},
	    {"items that are only a definition", test_definition_items},
	    {"search across wrapped lines", test_search_across},
	    {"HTML images", test_html_images},
	    {"CJK: no closing mark starts a line, Latin words whole", test_cjk_breaks},
	    {"separators, sup and sub, placeholders", test_odd_text},
	    {"long words break after / and -", test_long_word_breaks},
	    {"tight and loose lists", test_tight_loose},
	    {"prefix stack after an unfitting marker", test_prefix_stack},
	    {"block quotes", test_quotes},
	    {"blank quoted lines", test_quote_blank_lines},
	    {"quote text style", test_quote_style},
	    {"GitHub alerts", test_alerts},
	    {"footnotes", test_footnotes},
	    {"footnote links: the two ends", test_note_ends},
	    {"table aligned", test_table},
	    {"table stacked", test_table_stacked},
	    {"table cell with <br>", test_table_br},
	    {"table cells of several lines", test_table_cell_lines},
	    {"links", test_links},
	    {"references", test_references},
	    {"references: one number per URL, pictures listed", test_references_once},
	    {"references: a URL is one word", test_reference_url_one_word},
	    {"images", test_images},
	    {"image alt style", test_image_alt_dim},
	    {"thematic breaks", test_rules},
	    {"html blocks", test_html_blocks},
	    {"HTML tables", test_html_table},
	    {"ascii mode", test_ascii_mode},
	    {"same input at width 20", test_width_20},
	    {"same input at width 40", test_width_40},
	    {"same input at width 80", test_width_80},
	    {"invariant checker", test_checker},
	    {"sweep constructs 10..100", test_sweep_constructs},
	    {"sweep bundled roles 10..100", test_sweep_bundled},
	    {"sweep upstream roles 10..100", test_sweep_upstream},
	    {"wide characters", test_wide},
	    {"neutralise escapes", test_neutralise},
	    {"neutralise entities", test_neutralise_entities},
	    {"deep nesting", test_deep_nesting},
	    {"huge line", test_huge_line},
	    {"long word in linear time", test_long_word_time},
	    {"streaming", test_streaming},
	};
	static const struct {
		const char *name;
		void (*fn)(void);
	} otests[] = {
	    {"entries and section lines", test_outline_entries},
	    {"not lead paragraphs", test_outline_not_lead},
	    {"levels", test_outline_levels},
	    {"find", test_outline_find},
	    {"no heading", test_outline_no_heading},
	};
	CU_pSuite suite = CU_add_suite("mdrender", NULL, NULL), osuite;

	if (suite == NULL)
		return (int)CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL)
			return (int)CU_get_error();
	osuite = CU_add_suite("outline", NULL, NULL);
	if (osuite == NULL)
		return (int)CU_get_error();
	for (size_t i = 0; i < sizeof otests / sizeof otests[0]; i++)
		if (CU_add_test(osuite, otests[i].name, otests[i].fn) == NULL)
			return (int)CU_get_error();
	return 0;
}
