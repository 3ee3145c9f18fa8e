/*
 * test_mdlazy.c - unit tests for src/mdlazy.c: a document laid out part
 * by part gives, once every part is laid out, the lines, sections and
 * section titles that role_render() gives for the whole document (as the
 * reader renders a small one); laid out only in part, its lines are the
 * first lines of the whole.  Checked on the bundled roles, the test
 * documents, the community sample (when there) and a long generated
 * document, at the smallest part size and at the default.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "lines.h"
#include "markdown.h"
#include "mdlazy.h"
#include "mdrender.h"
#include "role_text.h"
#include "unit.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

/* Line i as text: kind, aux, section, width, lead, join, then each span
 * as style/link'text'. */
static char *
line_str(const struct lines *l, size_t i)
{
	const struct line *ln = &l->v[i];
	const char *text = lines_text(l, i);
	char *s = xasprintf("%u:%u:%u:%u:%u:%u|", ln->kind, ln->aux, ln->section, ln->width,
			    ln->lead, ln->join);

	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		char *t = xasprintf("%s%x/%u'%.*s'", s, sp->style, sp->link, (int)sp->len,
				    text + sp->off);
		free(s);
		s = t;
	}
	return s;
}

/* Whether the first n lines of a and b are the same; says where not. */
static bool
same_lines(const char *name, const struct render *a, const struct render *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *x = line_str(&a->lines, i), *y = line_str(&b->lines, i);
		bool eq = strcmp(x, y) == 0;
		if (!eq)
			fprintf(stderr, "\n%s: line %zu differs:\n  whole %s\n  lazy  %s\n", name,
				i, x, y);
		free(x);
		free(y);
		if (!eq)
			return false;
	}
	return true;
}

/* Lays out path lazily with parts aimed at part bytes and checks it
 * against role_render() of the whole, at two sets of options; also that
 * a layout of only the first lines matches.  Returns the parts' count
 * (steps) of the first layout. */
static size_t
check_file(const char *path, size_t part)
{
	static const struct mdrender_opts optsets[] = {
	    {.width = 60},
	    {.width = 17, .ascii = true, .references = true},
	};
	struct role *r = role_new(xstrdup("lazy-test"), xstrdup(path), ORIGIN_FILE);
	char *body, *front = NULL, *err = NULL, *title;
	size_t len, steps = 0;
	FILE *f;

	if (role_load(r) != 0) { /* not a text file: nothing to lay out */
		role_free(r);
		return 0;
	}
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	body = md_read_body(f, path, &len, &front, &err);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(body);
	/* the title the reader gives: the front matter's, when it is the role's */
	title = md_front_value(front, "title");
	if (title != NULL && strcmp(title, r->title) != 0) {
		free(title);
		title = NULL;
	}
	for (size_t o = 0; o < sizeof optsets / sizeof optsets[0]; o++) {
		struct render whole, lz;
		struct md_lazy z;
		size_t base = role_render_base(r), n;
		unsigned gen;
		bool prefix_same = true, alone, first;

		render_init(&whole);
		role_render(r, base, &optsets[o], &whole);
		render_init(&lz);
		md_lazy_init(&z, body, len, title, &optsets[o], &lz);
		z.part = part;
		/* the first part laid out alone: the first lines of the whole
		 * (unless the leads all turn to prose at the end, below) */
		md_lazy_step(&z);
		alone = z.quick;
		first = alone && lz.lines.n <= whole.lines.n &&
			same_lines(path, &whole, &lz, lz.lines.n);
		/* the first screen: a prefix of the whole */
		md_lazy_lines(&z, 30);
		gen = z.gen;
		n = lz.lines.n < whole.lines.n ? lz.lines.n : whole.lines.n;
		/* unless what was laid out is taken back later (more lead
		 * paragraphs than headings, or definitions the stream drops) */
		for (size_t i = 0; i < n; i++) {
			char *x = line_str(&whole.lines, i), *y = line_str(&lz.lines, i);
			prefix_same = prefix_same && strcmp(x, y) == 0;
			free(x);
			free(y);
		}
		while (md_lazy_step(&z))
			steps += o == 0;
		if (z.gen == gen && !prefix_same)
			fprintf(stderr, "\n%s: the first lines differ, never taken back\n", path);
		CU_ASSERT_TRUE(z.gen != gen || prefix_same);
		CU_ASSERT_TRUE(!alone || first || z.f.no_leads);
		CU_ASSERT_TRUE(z.done);
		CU_ASSERT_EQUAL(md_lazy_permille(&z), 1000);
		if (whole.lines.n != lz.lines.n)
			fprintf(stderr, "\n%s: %zu lines whole, %zu lazily\n", path, whole.lines.n,
				lz.lines.n);
		CU_ASSERT_EQUAL(whole.lines.n, lz.lines.n);
		n = lz.lines.n < whole.lines.n ? lz.lines.n : whole.lines.n;
		CU_ASSERT_TRUE(same_lines(path, &whole, &lz, n));
		CU_ASSERT_EQUAL(whole.nsections, lz.nsections);
		for (size_t i = 0; i < whole.nsections && i < lz.nsections; i++) {
			if (whole.section_line[i] != lz.section_line[i])
				fprintf(stderr, "\n%s: section %zu at line %zu whole, %zu lazily\n",
					path, i, whole.section_line[i], lz.section_line[i]);
			CU_ASSERT_EQUAL(whole.section_line[i], lz.section_line[i]);
		}
		CU_ASSERT_EQUAL(whole.nlinks, lz.nlinks);
		/* the sections' titles and levels, as the reader lists them */
		CU_ASSERT_EQUAL(z.base, base);
		CU_ASSERT_EQUAL(z.ol.n, r->outline.n);
		for (size_t i = 0; i < z.ol.n && i < r->outline.n; i++) {
			CU_ASSERT_STRING_EQUAL(z.ol.v[i].title, r->outline.v[i].title);
			CU_ASSERT_EQUAL(z.ol.v[i].level, r->outline.v[i].level);
		}
		md_lazy_done(&z);
		render_done(&lz);
		render_done(&whole);
	}
	free(title);
	free(front);
	free(body);
	role_free(r);
	return steps;
}

/* Every *.md file of dir and its folders. */
static size_t
check_dir(const char *dir, size_t part, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		char *p;
		struct stat st;
		size_t k = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			n += check_dir(p, part, max - n);
		else if (k > 3 && strcmp(e->d_name + k - 3, ".md") == 0 && S_ISREG(st.st_mode)) {
			check_file(p, part);
			n++;
		}
		free(p);
	}
	closedir(d);
	return n;
}

static void
test_bundled(void)
{
	CU_ASSERT_TRUE(check_dir(TEST_SRCDIR "/content/roles", 1, SIZE_MAX) > 0);
	CU_ASSERT_TRUE(check_dir(TEST_SRCDIR "/content/roles", 0, SIZE_MAX) > 0);
	check_dir(TEST_SRCDIR "/tests/data", 1, SIZE_MAX);
}

/* Real documents: the community sample beside the source tree (skipped
 * when it is not there), each file cut at every heading it can be. */
static void
test_real(void)
{
	const char *dir = getenv("REAL_DIR");
	size_t n =
	    check_dir(dir != NULL ? dir : TEST_SRCDIR "/../shared/community-sample", 1, SIZE_MAX);

	if (n == 0)
		fprintf(stderr, "\n(no community sample: real documents not checked)\n");
}

/* A long document of the kinds of blocks real ones have: headings, lead
 * paragraphs, lists, tables, code, link definitions used before they are
 * made, a front-matter title; laid out in many parts. */
static void
test_long(void)
{
	char *path = xasprintf("%s/lazy-long.md", unit_tmpdir);
	FILE *f = fopen(path, "w");
	size_t steps;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("---\ntitle: A long handbook\n---\nIntro with a [ref] link.\n\n", f);
	for (int i = 0; i < 400; i++) {
		fprintf(f, "# Part %d\n\nSome words about part %d, see [ref] and [r%d].\n\n", i, i,
			i);
		fprintf(f, "## Duties %d\n\nThe duties are:\n\n- one %d\n- two\n  - nested\n\n", i,
			i);
		fprintf(
		    f, "| a | b |\n| - | - |\n| %d | cell |\n\n```\ncode %d\n# no heading\n```\n\n",
		    i, i);
		fprintf(f, "[r%d]: https://example.com/%d\n\n", i, i);
	}
	fputs("[ref]: https://example.com/ref\n", f);
	fclose(f);
	steps = check_file(path, 2048);
	CU_ASSERT_TRUE(steps > 10);
	free(path);
}

/* Footnotes in the middle of a long document: the stream gives their
 * definitions as a last part of their own, which adds no section. */
static void
test_footnotes(void)
{
	char *path = xasprintf("%s/lazy-notes.md", unit_tmpdir);
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (int i = 0; i < 60; i++) {
		fprintf(f, "# Part %d\n\nSome words about part %d.\n\n", i, i);
		if (i == 20)
			fputs("A note here.[^n] Another.[^m]\n\n[^n]: The first note.\n\n", f);
		if (i == 25)
			fputs("[^m]: The second note, with words.\n\nAgain.[^n]\n\n", f);
	}
	fclose(f);
	CU_ASSERT_TRUE(check_file(path, 256) > 2);
	free(path);
}

/* The first step on md (parts aimed at 1 byte): its lines are the first
 * lines of the whole document's, and laid out alone (z.quick) as
 * expected; no later step takes them back. */
static void
first_step(const char *name, const char *md, bool alone)
{
	struct mdrender_opts o = {.width = 40};
	cmark_node *doc = md_parse(md, strlen(md), NULL);
	struct render whole, lz;
	struct md_lazy z;
	struct outline ol;
	unsigned gen;

	outline_build(&ol, doc);
	render_init(&whole);
	mdrender(doc, &ol, &o, &whole);
	render_init(&lz);
	md_lazy_init(&z, md, strlen(md), NULL, &o, &lz);
	z.part = 1;
	CU_ASSERT_TRUE(md_lazy_step(&z));
	if (z.quick != alone)
		fprintf(stderr, "\n%s: the first part %s\n", name,
			alone ? "not laid out alone" : "laid out alone");
	CU_ASSERT_EQUAL(z.quick, alone);
	CU_ASSERT_TRUE_FATAL(lz.lines.n > 0 && lz.lines.n <= whole.lines.n);
	CU_ASSERT_TRUE(same_lines(name, &whole, &lz, lz.lines.n));
	for (size_t i = 0; i < lz.nlinks; i++)
		CU_ASSERT_STRING_EQUAL(lz.links[i].url, whole.links[i].url);
	gen = z.gen;
	md_lazy_all(&z);
	CU_ASSERT_EQUAL(z.gen, gen);
	CU_ASSERT_EQUAL(lz.nlinks, whole.nlinks);
	CU_ASSERT_EQUAL_FATAL(lz.lines.n, whole.lines.n);
	CU_ASSERT_TRUE(same_lines(name, &whole, &lz, whole.lines.n));
	md_lazy_done(&z);
	render_done(&lz);
	render_done(&whole);
	outline_done(&ol);
	cmark_node_free(doc);
}

/* Definitions anywhere count: the first part goes alone only when no
 * line after it may define a label it looks up and does not define
 * itself; else the stream, which knows them all, lays it out. */
static void
test_first_exact(void)
{
	/* used first, defined after: the stream's */
	first_step("defined after", "# A\n\n[z] and [y][]\n\n# B\n\n[z]: /z\n", false);
	first_step("defined after, other case",
		   "# A\n\nSee [The  Guide].\n\n# B\n\n- [the guide]: /g\n", false);
	first_step("defined after, in a quote", "# A\n\n[z]\n\n# B\n\n> [z]: /z\n", false);
	first_step("defined after over two lines",
		   "# A\n\n[z w]\n\n# B\n\nText [z\nw]: /z\n\n[z\nw]: /z\n", false);
	/* "]:" inside a fence after it defines nothing, but may: the
	 * stream's, which tells (the quick look took [z] for a link) */
	first_step("fenced after", "# A\n\n[z]\n\n# B\n\n[y]: /y\n~~~\n\n[z]: /z\n", false);
	/* defined after it, before a heading: the part grows to hold it */
	first_step("grown to its definition",
		   "# A\n\n[z] and [y]\n\n# B\n\n```\n[y]: /no\n```\n\n# C\n\n[y]: /y\n[z]: /z\n\n"
		   "# D\n\nText [z].\n",
		   true);
	/* defined in the part first: its own definition wins, alone */
	first_step("defined first", "# A\n\n[z]\n\n[z]: /a\n\n# B\n\n[z]: /b\n", true);
	/* labels it does not use, an escaped bracket, an inline link */
	first_step("others defined after",
		   "# A\n\n[x](/x) \\[z]\n\n# B\n\n[x]: /y\n[z]: /z\n[w\\]: /w\n", true);
	first_step("nothing defined", "# A\n\nText.\n\n# B\n\nMore [a]: b.\n", true);
	/* a footnote is numbered over the whole document */
	first_step("footnote", "# A\n\nText.[^n]\n\n# B\n\n[^n]: The note.\n", false);
	/* a fence in a list item: the heading after the part's blank line
	 * closes both, and no blank line more goes into the code */
	first_step("fence in an item", "# A\n\n- item\n  ~~~\n  code\n\n# B\n\nText.\n", true);
	/* a fence left open: the part is not whole blocks */
	first_step("open fence", "# A\n\n```\n\n# B\n\n[z]\n", false);
}

int
test_mdlazy_register(void)
{
	CU_pSuite suite = CU_add_suite("mdlazy", NULL, NULL);

	if (suite == NULL ||
	    CU_add_test(suite, "lazily laid out = whole: roles and test documents", test_bundled) ==
		NULL ||
	    CU_add_test(suite, "lazily laid out = whole: real documents", test_real) == NULL ||
	    CU_add_test(suite, "lazily laid out = whole: a long document", test_long) == NULL ||
	    CU_add_test(suite, "lazily laid out = whole: footnotes in the middle",
			test_footnotes) == NULL ||
	    CU_add_test(suite, "the first part alone only when no later definition counts",
			test_first_exact) == NULL)
		return (int)CU_get_error();
	return 0;
}
