/*
 * test_reader_lazy.c - the role screen on a large document (issue 13):
 * the first frame lays out only the first parts; a search finds matches
 * in parts not laid out yet (forward, and backward past the top), G
 * reaches the end, a keystroke lays nothing out again, a resize does
 * (keeping the words at the top), and once all is laid out the lines
 * are those of the whole render.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "content.h"
#include "frame.h"
#include "keys.h"
#include "reader.h"
#include "role_text.h"
#include "unit.h"
#include "xalloc.h"

/* A document over READER_LAZY_BYTES: sections of prose, "needle" in one
 * paragraph of every 400th section, "zebulon" only in the last. */
static char *
big_doc(size_t *nsec)
{
	char *path = xasprintf("%s/lazy-big.md", unit_tmpdir);
	FILE *f = fopen(path, "w");
	size_t i = 0;
	long size = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("# A big handbook\n\nIts opening words.\n\n", f);
	while (size < (long)READER_LAZY_BYTES + 200000) {
		fprintf(f, "## Section %zu\n\n", i);
		for (int k = 0; k < 8; k++)
			fprintf(f,
				"Words of section %zu paragraph %d, long enough to wrap over "
				"more than one line at the width of the text pane here.\n\n",
				i, k);
		if (i % 400 == 399)
			fprintf(f, "A needle in section %zu.\n\n", i);
		fprintf(f, "- an item\n- another item\n\n");
		size = ftell(f);
		i++;
	}
	fprintf(f, "## The last section\n\nOnly here: zebulon.\n");
	fclose(f);
	*nsec = i + 2;
	return path;
}

static bool
line_has(const struct reader *rd, long i, const char *s)
{
	char *t;
	bool has;

	if (i < 0 || (size_t)i >= rd->r.lines.n)
		return false;
	t = xstrndup(lines_text(&rd->r.lines, (size_t)i), rd->r.lines.v[i].len);
	has = strstr(t, s) != NULL;
	free(t);
	return has;
}

/* A role screen on role, pushed and drawn once. */
static struct reader *
open_reader(struct app *a, struct frame *f, struct role *role)
{
	struct reader *rd = (struct reader *)view_reader_new(a, role);

	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	app_push(a, &rd->v);
	app_draw(a, f);
	return rd;
}

static void
test_lazy_reader(void)
{
	size_t nsec, n0, match, lines_all;
	char *path = big_doc(&nsec), *err = NULL;
	struct catalog cat;
	struct role *role, *whole;
	struct reader *rd;
	struct render wr;
	struct app a;
	struct frame f;
	unsigned gen;

	catalog_init(&cat);
	role = catalog_add_file(&cat, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(role);
	CU_ASSERT_TRUE(view_reader_lazy(role));
	role_peek(role);
	app_init(&a, &cat, 24, 80);
	frame_init(&f, 24, 80);
	rd = open_reader(&a, &f, role);
	/* the first frame: a few parts, the model not loaded */
	CU_ASSERT_FALSE(reader_complete(rd));
	CU_ASSERT_FALSE(role->loaded);
	n0 = rd->r.lines.n;
	CU_ASSERT_TRUE(n0 > 0 && n0 < 12000); /* of about 40,000 */
	CU_ASSERT_TRUE(nsections(rd) < nsec / 2);

	/* a keystroke draws again but lays nothing out again */
	gen = rd->lazy->gen;
	app_key(&a, 'j');
	app_draw(&a, &f);
	CU_ASSERT_EQUAL(rd->lazy->gen, gen);
	CU_ASSERT_EQUAL(rd->top, 1);

	/* a search finds a match in a part not laid out yet, and n the next */
	rd->v.ops->input(&rd->v, &a, "needle", true);
	CU_ASSERT_TRUE(line_has(rd, rd->match, "needle in section 399"));
	match = (size_t)rd->match;
	CU_ASSERT_TRUE(rd->top <= match && match < rd->top + (size_t)rd->body_h);
	rd->v.ops->action(&rd->v, &a, ACT_NEXT_MATCH);
	CU_ASSERT_TRUE(line_has(rd, rd->match, "needle in section 799"));
	/* the count after Enter was of the whole document */
	CU_ASSERT_TRUE(reader_complete(rd));
	lines_all = rd->r.lines.n;
	app_pop(&a);

	/* from a fresh reader: N at the top wraps to the bottom, which is
	 * laid out for it */
	rd = open_reader(&a, &f, role);
	CU_ASSERT_FALSE(reader_complete(rd));
	free(rd->pat);
	rd->pat = xstrdup("zebulon");
	rd->icase = false;
	rd->v.ops->action(&rd->v, &a, ACT_PREV_MATCH);
	CU_ASSERT_TRUE(line_has(rd, rd->match, "zebulon"));
	CU_ASSERT_TRUE(reader_complete(rd));
	CU_ASSERT_EQUAL(rd->r.lines.n, lines_all);
	app_pop(&a);

	/* G goes to the end; a resize lays out again from the words at the
	 * top; everything laid out equals the whole render */
	rd = open_reader(&a, &f, role);
	rd->v.ops->action(&rd->v, &a, ACT_NEXT_SECTION);
	rd->v.ops->action(&rd->v, &a, ACT_NEXT_SECTION);
	CU_ASSERT_TRUE(line_has(rd, (long)rd->top, "Section 1"));
	gen = rd->lazy->gen;
	app_resize(&a, 30, 100);
	frame_done(&f);
	frame_init(&f, 30, 100);
	app_draw(&a, &f);
	CU_ASSERT_NOT_EQUAL(rd->lazy->gen, gen);
	CU_ASSERT_TRUE(line_has(rd, (long)rd->top, "Section 1"));
	rd->v.ops->action(&rd->v, &a, ACT_BOTTOM);
	CU_ASSERT_TRUE(reader_complete(rd));
	app_draw(&a, &f);
	CU_ASSERT_TRUE(line_has(rd, (long)rd->r.lines.n - 1, "zebulon"));
	CU_ASSERT_EQUAL(nsections(rd), nsec);

	app_pop(&a);

	/* in the contents, G selects the last section of the whole */
	rd = open_reader(&a, &f, role);
	rd->v.ops->action(&rd->v, &a, ACT_FOCUS);
	CU_ASSERT_TRUE(rd->focus_toc);
	rd->v.ops->action(&rd->v, &a, ACT_BOTTOM);
	CU_ASSERT_TRUE(reader_complete(rd));
	CU_ASSERT_EQUAL(rd->toc_sel, nsec - 1);

	whole = role_new(xstrdup("whole"), xstrdup(path), ORIGIN_FILE);
	CU_ASSERT_EQUAL_FATAL(role_load(whole), 0);
	render_init(&wr);
	role_render(whole, role_render_base(whole),
		    &(struct mdrender_opts){.width = rd->rwidth, .ascii = a.ascii}, &wr);
	CU_ASSERT_EQUAL(wr.nsections, rd->r.nsections);
	CU_ASSERT_EQUAL(wr.lines.n, rd->r.lines.n);
	if (wr.lines.n == rd->r.lines.n) {
		char *x = lines_dump(&wr.lines), *y = lines_dump(&rd->r.lines);
		CU_ASSERT_STRING_EQUAL(x, y);
		free(x);
		free(y);
	}
	render_done(&wr);
	role_free(whole);

	/* the checklist key reads the model the first frame went without */
	CU_ASSERT_FALSE(role->loaded);
	rd->v.ops->action(&rd->v, &a, ACT_CHECKLIST);
	CU_ASSERT_TRUE(role->loaded);

	frame_done(&f);
	app_done(&a);
	catalog_done(&cat);
	free(path);
}

int
test_reader_lazy_register(void)
{
	CU_pSuite suite = CU_add_suite("reader_lazy", NULL, NULL);

	if (suite == NULL || CU_add_test(suite, "a large document laid out as the screen goes",
					 test_lazy_reader) == NULL)
		return (int)CU_get_error();
	return 0;
}
