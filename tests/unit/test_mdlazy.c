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
		bool prefix_same = true;

		render_init(&whole);
		role_render(r, base, &optsets[o], &whole);
		render_init(&lz);
		md_lazy_init(&z, body, len, title, &optsets[o], &lz);
		z.part = part;
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

/* The quick look at the first part (md_stream_new_quick) takes every run
 * that may define a label at its word; where one does not (here inside a
 * fence that the run before it opens: the stream takes the document
 * whole), the next step lays the part out again as the
 * checked stream parses it, and says so by gen. */
static void
test_quick_replaced(void)
{
	const char *md = "# A\n\n[z]\n\n# B\n\n[y]: /y\n~~~\n\n[z]: /z\n";
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
	CU_ASSERT_TRUE(z.quick);
	CU_ASSERT_EQUAL(lz.nlinks, 1); /* provisional: [z] taken for a link */
	gen = z.gen;
	md_lazy_all(&z);
	CU_ASSERT_NOT_EQUAL(z.gen, gen);
	CU_ASSERT_EQUAL(lz.nlinks, whole.nlinks);
	CU_ASSERT_EQUAL_FATAL(lz.lines.n, whole.lines.n);
	CU_ASSERT_TRUE(same_lines("unclosed fence", &whole, &lz, whole.lines.n));
	md_lazy_done(&z);
	render_done(&lz);
	render_done(&whole);
	outline_done(&ol);
	cmark_node_free(doc);
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
	    CU_add_test(suite, "a quick first look laid out again when it was wrong",
			test_quick_replaced) == NULL)
		return (int)CU_get_error();
	return 0;
}
