/*
 * test_search.c - the search index (issue 12): never stale (a file
 * edited, added, removed, renamed), made anew when damaged, the reader's
 * matching rule (smart case, the one folding), and the same lines the
 * reader's n and N visit.
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "fixture.h"
#include "role_text.h"
#include "search.h"
#include "search_index.h"
#include "strbuf.h"
#include "unit.h"
#include "xalloc.h"

static char *dir, *dbpath;
static int serial;

/* Writes a document; its mtime a second later than the last one, so that
 * an edit that keeps the size is seen even on a coarse clock. */
static void
put(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct timespec ts[2] = {{1700000000 + ++serial, 0}, {1700000000 + serial, 0}};

	fixture_put(dir, name, text);
	utimensat(AT_FDCWD, p, ts, 0);
	free(p);
}

static void
load(struct catalog *c)
{
	char *err = NULL;

	catalog_init(c);
	CU_ASSERT_EQUAL(catalog_add_dir(c, dir, ORIGIN_DIR, false, &err), 0);
	free(err);
}

/* How many lines hold pat, after an update with the folder as it is now;
 * *changed the documents the update (re)indexed. */
static size_t
count(const char *pat, long *changed, const char *in)
{
	struct catalog c;
	struct search_results res;
	struct search_index *ix;
	char *err = NULL;
	size_t n;
	long ch;

	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	ch = search_index_update(ix, &c, &err);
	CU_ASSERT(ch >= 0);
	if (changed)
		*changed = ch;
	CU_ASSERT_EQUAL(search_index_find(ix, &c, pat, SEARCH_EVERY_LINE, &res, &err), 0);
	n = res.n;
	for (size_t i = 0; in && i < res.n; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(c.v[res.v[i].doc]->path, in));
	search_results_done(&res);
	/* the index alone, and the scan alone, find as many */
	for (int plan = SEARCH_PLAN_INDEX; plan <= SEARCH_PLAN_SCAN; plan++) {
		search_index_set_plan(ix, (enum search_plan)plan);
		CU_ASSERT_EQUAL(search_index_find(ix, &c, pat, SEARCH_EVERY_LINE, &res, &err), 0);
		CU_ASSERT_EQUAL(res.n, n);
		search_results_done(&res);
	}
	search_index_close(ix);
	catalog_done(&c);
	free(err);
	return n;
}

static void
setup(const char *name)
{
	char *cmd;

	free(dir);
	free(dbpath);
	dir = xasprintf("%s/search-%s", unit_tmpdir, name);
	dbpath = xasprintf("%s/search-%s-cache/search.db", unit_tmpdir, name);
	cmd = xasprintf("rm -rf '%s' '%s-cache' && mkdir -p '%s'", dir, dir, dir);
	CU_ASSERT_EQUAL(system(cmd), 0);
	free(cmd);
	put("alpha.md", "# Alpha\n\nThe quick fox.\n\n## Later\n\nA lazy dog sleeps.\n");
	put("beta.md", "# Beta\n\nNothing about animals here.\n");
}

/* An empty document, with -l and the scan plan: no match, and no read of
 * a buffer that was never filled (UBSan in CI's fuzz_search) */
static void
test_empty_document(void)
{
	struct catalog c;
	struct search_results res;
	struct search_index *ix;
	char *err = NULL;

	setup("empty");
	put("empty.md", "");
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT(search_index_update(ix, &c, &err) >= 0);
	for (int plan = SEARCH_PLAN_INDEX; plan <= SEARCH_PLAN_SCAN; plan++) {
		search_index_set_plan(ix, (enum search_plan)plan);
		CU_ASSERT_EQUAL(search_index_find(ix, &c, "fox", SEARCH_FIRST_PER_DOC, &res, &err),
				0);
		CU_ASSERT_EQUAL(res.n, 1);
		search_results_done(&res);
	}
	search_index_close(ix);
	catalog_done(&c);
	free(err);
}

static void
test_fresh(void)
{
	long ch;

	setup("fresh");
	CU_ASSERT_EQUAL(count("quick", &ch, "alpha.md"), 1);
	CU_ASSERT_EQUAL(ch, 2); /* both indexed */
	CU_ASSERT_EQUAL(count("quick", &ch, NULL), 1);
	CU_ASSERT_EQUAL(ch, 0); /* warm: nothing read again */

	/* edited, the same size */
	put("alpha.md", "# Alpha\n\nThe brown fox.\n\n## Later\n\nA lazy dog sleeps.\n");
	CU_ASSERT_EQUAL(count("quick", &ch, NULL), 0);
	CU_ASSERT_EQUAL(ch, 1);
	CU_ASSERT_EQUAL(count("brown", NULL, "alpha.md"), 1);

	/* added */
	put("gamma.md", "# Gamma\n\nAnother quick fox.\n");
	CU_ASSERT_EQUAL(count("quick", &ch, "gamma.md"), 1);
	CU_ASSERT_EQUAL(ch, 1);

	/* removed */
	{
		char *p = xasprintf("%s/gamma.md", dir);
		unlink(p);
		free(p);
	}
	CU_ASSERT_EQUAL(count("quick", &ch, NULL), 0);
	CU_ASSERT_EQUAL(ch, 1); /* dropped */

	/* renamed */
	{
		char *a = xasprintf("%s/alpha.md", dir), *b = xasprintf("%s/delta.md", dir);
		CU_ASSERT_EQUAL(rename(a, b), 0);
		free(a);
		free(b);
	}
	CU_ASSERT_EQUAL(count("brown", &ch, "delta.md"), 1);
	CU_ASSERT_EQUAL(ch, 2); /* the new path indexed, the old one dropped */
}

/* -l: each document's first matching line once, in the text's order;
 * a candidate that is no match (smart case) does not count; patterns of
 * fewer than three characters too (no trigram index). */
static void
test_first_per_doc(void)
{
	struct catalog c;
	struct search_results res;
	struct search_index *ix;
	char *err = NULL;
	const struct {
		const char *pat;
		size_t n;
		const char *first[2]; /* each document's line, in order */
	} cases[] = {
	    {"fox", 2, {"The fox one.", "A fox here."}},
	    {"Fox", 1, {"Fox two, in capitals."}},
	    {"fo", 2, {"The fox one.", "A fox here."}},
	    {"zebra", 0, {NULL}},
	};

	setup("first");
	put("alpha.md", "# Alpha\n\nThe fox one.\n\nFox two, in capitals.\n\nA fox three.\n");
	put("beta.md", "# Beta\n\nA fox here.\n");
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 2);
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		CU_ASSERT_EQUAL(
		    search_index_find(ix, &c, cases[k].pat, SEARCH_FIRST_PER_DOC, &res, &err), 0);
		CU_ASSERT_EQUAL(res.n, cases[k].n);
		CU_ASSERT_EQUAL(res.ndocs, cases[k].n);
		for (size_t i = 0; i < res.n && i < 2; i++)
			CU_ASSERT_STRING_EQUAL(res.v[i].text, cases[k].first[i]);
		search_results_done(&res);
	}
	/* every line, for comparison: three in alpha, one in beta */
	CU_ASSERT_EQUAL(search_index_find(ix, &c, "fox", SEARCH_EVERY_LINE, &res, &err), 0);
	CU_ASSERT_EQUAL(res.n, 4);
	search_results_done(&res);
	search_index_close(ix);
	catalog_done(&c);
	free(err);
}

/* The progress of an update: each document (re)indexed, of how many;
 * nothing when nothing changed. */
struct told {
	size_t n, last_done, last_total;
};

static bool
tell(void *arg, size_t done, size_t total)
{
	struct told *t = arg;

	t->n++;
	CU_ASSERT_EQUAL(done, t->last_done + 1);
	t->last_done = done;
	t->last_total = total;
	return false;
}

static void
test_progress(void)
{
	struct catalog c;
	struct search_index *ix;
	struct told t = {0, 0, 0};
	char *err = NULL;

	setup("progress");
	put("gamma.md", "# Gamma\n\nA third.\n");
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	search_index_set_progress(ix, tell, &t);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 3);
	CU_ASSERT_EQUAL(t.n, 3);
	CU_ASSERT_EQUAL(t.last_done, 3);
	CU_ASSERT_EQUAL(t.last_total, 3);
	t = (struct told){0, 0, 0};
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 0);
	CU_ASSERT_EQUAL(t.n, 0); /* warm: nothing to say */
	put("beta.md", "# Beta\n\nChanged, and longer than before.\n");
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 1);
	CU_ASSERT_EQUAL(t.n, 1);
	CU_ASSERT_EQUAL(t.last_total, 1);
	search_index_close(ix);
	catalog_done(&c);
	free(err);
}

/* Stops an update after stop_after documents (Esc while indexing). */
static bool
stop_at(void *arg, size_t done, size_t total)
{
	(void)total;
	return done >= *(size_t *)arg;
}

/* What the index at path holds of each document, in id order: its path,
 * size, stamp, and how many rows of lines, folds, heads and texts. */
static char *
holdings(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct strbuf sb = STRBUF_INIT;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(
	    sqlite3_prepare_v2(db,
			       "SELECT path, size, stamp,"
			       " (SELECT count(*) FROM lines l WHERE l.doc = d.id),"
			       " (SELECT count(*) FROM folds f WHERE f.id = d.id),"
			       " (SELECT count(*) FROM heads h WHERE h.id = d.id),"
			       " (SELECT count(*) FROM texts t WHERE t.id = d.id)"
			       " FROM docs d ORDER BY id",
			       -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *row = xasprintf("%s %lld %lld %d %d %d %d\n", sqlite3_column_text(st, 0),
				      sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				      sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
				      sqlite3_column_int(st, 5), sqlite3_column_int(st, 6));
		strbuf_add(&sb, row, strlen(row));
		free(row);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	strbuf_add(&sb, "", 1);
	return sb.s;
}

/* The lines of a find of pat, one string. */
static char *
found(struct search_index *ix, const struct catalog *c, const char *pat)
{
	struct search_results res;
	struct strbuf sb = STRBUF_INIT;
	char *err = NULL;

	CU_ASSERT_EQUAL_FATAL(search_index_find(ix, c, pat, SEARCH_EVERY_LINE, &res, &err), 0);
	for (size_t i = 0; i < res.n; i++) {
		char *row = xasprintf("%zu %zu %s\n", res.v[i].doc, res.v[i].line, res.v[i].text);
		strbuf_add(&sb, row, strlen(row));
		free(row);
	}
	strbuf_add(&sb, "", 1);
	search_results_done(&res);
	return sb.s;
}

/* An update stopped after k documents keeps exactly the first k, each
 * whole (its lines, blobs, size and stamp), prunes nothing; the next
 * update indexes only the rest, and the index is then the same as one
 * built without a stop. */
static void
test_stop(void)
{
	struct catalog c;
	struct search_index *ix, *ref;
	char *err = NULL, *refpath, *part, *whole, *got, *want;
	size_t k = 3;

	setup("stop");
	for (int i = 0; i < 6; i++) {
		char name[32], text[128];

		snprintf(name, sizeof name, "doc%d.md", i);
		snprintf(text, sizeof text,
			 "# Doc %d\n\nThe fox %d runs.\n\n## More\n\nA fox again.\n", i, i);
		put(name, text);
	}
	load(&c);
	CU_ASSERT_EQUAL_FATAL(c.n, 8);
	refpath = xasprintf("%s-ref.db", dbpath);
	ref = search_index_open(refpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
	CU_ASSERT_EQUAL(search_index_update(ref, &c, &err), 8);
	whole = holdings(refpath);

	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	search_index_set_progress(ix, stop_at, &k);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), SEARCH_STOPPED);
	CU_ASSERT_PTR_NULL(err);
	part = holdings(dbpath);
	{ /* exactly the first k documents of the whole build, each whole */
		const char *p = whole;

		for (size_t n = 0; n < k && p != NULL; n++)
			if ((p = strchr(p, '\n')) != NULL)
				p++;
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_EQUAL(strlen(part), (size_t)(p - whole));
		CU_ASSERT_EQUAL(strncmp(part, whole, (size_t)(p - whole)), 0);
	}
	/* stopped again at once: still nothing lost, nothing pruned */
	k = 1;
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), SEARCH_STOPPED);
	free(part);
	part = holdings(dbpath);
	CU_ASSERT_EQUAL(strlen(part) > 0 && strchr(part, '\n') != NULL, true);
	free(part);

	/* the next search completes it: only the documents missing */
	search_index_set_progress(ix, NULL, NULL);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 8 - 4);
	part = holdings(dbpath);
	CU_ASSERT_STRING_EQUAL(part, whole);
	got = found(ix, &c, "fox");
	want = found(ref, &c, "fox");
	CU_ASSERT_STRING_EQUAL(got, want);
	CU_ASSERT(strlen(want) > 0);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 0);
	free(got);
	free(want);
	free(part);
	free(whole);
	search_index_close(ix);
	search_index_close(ref);
	free(refpath);
	catalog_done(&c);
	free(err);
}

/* A role the catalogue still lists whose file is gone is no result. */
static void
test_gone_under_catalogue(void)
{
	struct catalog c;
	struct search_results res;
	struct search_index *ix;
	char *err = NULL, *p;

	setup("gone");
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 2);
	p = xasprintf("%s/alpha.md", dir);
	unlink(p);
	free(p);
	CU_ASSERT_EQUAL(search_index_update(ix, &c, &err), 1);
	CU_ASSERT_EQUAL(search_index_find(ix, &c, "fox", SEARCH_EVERY_LINE, &res, &err), 0);
	CU_ASSERT_EQUAL(res.n, 0);
	search_results_done(&res);
	search_index_close(ix);
	catalog_done(&c);
}

static void
damage(const char *how)
{
	int fd = open(dbpath, O_WRONLY);
	char junk[8192];

	CU_ASSERT_FATAL(fd >= 0);
	memset(junk, 0x5a, sizeof junk);
	if (strcmp(how, "header") == 0) {
		CU_ASSERT_EQUAL(pwrite(fd, "not an index, no", 16, 0), 16);
	} else { /* the pages after the first: the tables' contents */
		struct stat sb;
		fstat(fd, &sb);
		for (off_t at = 4096; at < sb.st_size; at += (off_t)sizeof junk)
			CU_ASSERT(pwrite(fd, junk, sizeof junk, at) > 0);
	}
	close(fd);
}

static void
test_damaged(void)
{
	setup("damaged");
	CU_ASSERT_EQUAL(count("fox", NULL, NULL), 1);
	damage("header");
	CU_ASSERT_EQUAL(count("fox", NULL, NULL), 1);
	damage("pages");
	CU_ASSERT_EQUAL(count("fox", NULL, NULL), 1);
	CU_ASSERT_EQUAL(count("lazy dog", NULL, NULL), 1);
	/* a foreign database: another program's tables */
	{
		char *cmd =
		    xasprintf("rm -f '%s'* && sqlite3 '%s' 'CREATE TABLE t(x)'", dbpath, dbpath);
		if (system(cmd) == 0)
			CU_ASSERT_EQUAL(count("fox", NULL, NULL), 1);
		free(cmd);
	}
}

static void
test_rule(void)
{
	setup("rule");
	put("fold.md",
	    "# Fold\n\n\xc3\x89mile met the \xd0\x9f\xd0\xa0\xd0\x9e\xd0\x95\xd0\x9a\xd0\xa2 "
	    "team; say \"hi\" 100%.\n");
	CU_ASSERT_EQUAL(count("\xc3\xa9mile", NULL, "fold.md"), 1); /* émile: any case */
	CU_ASSERT_EQUAL(count("\xc3\x89mile", NULL, "fold.md"), 1); /* Émile: as typed */
	CU_ASSERT_EQUAL(count("\xc3\x89MILE", NULL, NULL), 0);	    /* ÉMILE: as typed */
	CU_ASSERT_EQUAL(count("\xd0\xbf\xd1\x80\xd0\xbe\xd0\xb5\xd0\xba\xd1\x82", NULL, NULL), 1);
	CU_ASSERT_EQUAL(count("\xc3\xa9m", NULL, NULL), 1);  /* two characters: no trigram */
	CU_ASSERT_EQUAL(count("say \"hi\"", NULL, NULL), 1); /* quotes in the phrase */
	CU_ASSERT_EQUAL(count("100%", NULL, NULL), 1);
	CU_ASSERT_EQUAL(count("Fox", NULL, NULL), 0); /* upper case: exact */
	CU_ASSERT_EQUAL(count("fox", NULL, NULL), 1);
	CU_ASSERT_EQUAL(count("zebra", NULL, NULL), 0);
}

/* The lines found are the runs of lines the reader's n and N stop at, at
 * any width: each run (a line and what continues it after a wrap) that
 * holds a match, in order, with its section. */
static void
test_same_as_reader(void)
{
	static const char text[] =
	    "# Guide\n\nIntro about review work.\n\n## Reviews\n\n"
	    "A long paragraph that talks about review and then goes on and on so that it "
	    "wraps at a narrow width, and mentions a review again at its very end.\n\n"
	    "- a list item with a review\n- another without\n\n## Other\n\nNo match here.\n"
	    "\nReviewers review.\n";
	struct catalog c;
	struct search_results res;
	struct search_index *ix;
	char *err = NULL;

	setup("reader");
	put("guide.md", text);
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT(search_index_update(ix, &c, &err) >= 0);
	CU_ASSERT_EQUAL(search_index_find(ix, &c, "review", SEARCH_EVERY_LINE, &res, &err), 0);
	for (size_t k = 0; k < c.n; k++) {
		struct role *r = c.v[k];
		if (strstr(r->path, "guide.md") == NULL)
			continue;
		CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
		for (int width = 20; width <= 120; width += 50) {
			struct mdrender_opts o = {.width = width};
			struct render out;
			struct strbuf run = STRBUF_INIT;
			size_t hit = 0, h = 0;

			while (h < res.n && res.v[h].doc != k)
				h++;
			render_init(&out);
			role_render(r, role_render_base(r), &o, &out);
			for (size_t i = 0; i < out.lines.n;) {
				uint32_t sec = render_line_section(&out, i);
				run.len = 0;
				search_join_line(&run, &out.lines, i, false);
				for (i++; i < out.lines.n && out.lines.v[i].join != JOIN_NONE; i++)
					search_join_line(&run, &out.lines, i, true);
				if (run.len == 0 ||
				    search_in(run.s, run.len, 0, "review", 6, true) < 0)
					continue;
				CU_ASSERT_FATAL(h + hit < res.n);
				CU_ASSERT_EQUAL(res.v[h + hit].section, sec);
				hit++;
			}
			CU_ASSERT_EQUAL(hit, 5);
			strbuf_free(&run);
			render_done(&out);
		}
	}
	search_results_done(&res);
	search_index_close(ix);
	catalog_done(&c);
}

/* Two finds give the same hits, field by field. */
static void
same_results(const struct search_results *a, const struct search_results *b)
{
	CU_ASSERT_EQUAL_FATAL(a->n, b->n);
	CU_ASSERT_EQUAL(a->ndocs, b->ndocs);
	for (size_t i = 0; i < a->n; i++) {
		const struct search_hit *x = &a->v[i], *y = &b->v[i];
		CU_ASSERT(x->doc == y->doc && x->line == y->line && x->section == y->section &&
			  x->nth == y->nth && x->at == y->at);
		if (x->text == NULL || y->text == NULL) { /* the documents alone */
			CU_ASSERT(x->text == NULL && y->text == NULL);
			CU_ASSERT(x->where == NULL && y->where == NULL);
			continue;
		}
		CU_ASSERT_STRING_EQUAL(x->text, y->text);
		CU_ASSERT_STRING_EQUAL(x->where, y->where);
	}
}

/* The plans (the index, the scan of each document's blobs, and the
 * automatic one that samples the first documents and goes on by either)
 * find the same lines, on more documents than the sample: a word in
 * every one, one in a few (inside the sample and past it), case as
 * typed, two characters, one that is nowhere. */
static void
test_plans(void)
{
	static const char *const pats[] = {"common", "rare",	    "Rare",   "RARE",
					   "co",     "section two", "zqxjkw", "\xc3\xa9t\xc3\xa9",
					   "e",	     "straddle"};
	struct catalog c;
	struct search_index *ix;
	char *err = NULL;

	setup("plans");
	for (int k = 0; k < 60; k++) {
		char name[32], *text;
		snprintf(name, sizeof name, "doc%02d.md", k);
		text =
		    xasprintf("# Doc %d\n\nA common word.\n\n## Section two\n\n%s\n\n"
			      "- an item, common again\n- \xc3\x89T\xc3\x89 %d\n",
			      k, k == 5 || k == 50 ? "A Rare one, and rare." : "Nothing else.", k);
		put(name, text);
		free(text);
	}
	/* longer than the first piece -l reads (4 KiB): a word across the
	 * pieces' boundary in one of them, a first folded match of "Rare"
	 * in the wrong case */
	for (int k = 0; k < 48; k++) {
		char name[32];
		struct strbuf b = STRBUF_INIT;
		snprintf(name, sizeof name, "long%02d.md", k);
		strbuf_printf(&b, "# Long %d\n\nrare first.\n\n", k);
		for (int n = 0; n < 4040 + k; n++)
			strbuf_add(&b, n % 5 == 4 ? " " : "x", 1);
		strbuf_puts(&b, " straddle Rare end.\n");
		put(name, b.s);
		strbuf_free(&b);
	}
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT(search_index_update(ix, &c, &err) >= 0);
	for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
		for (int scope = SEARCH_EVERY_LINE; scope <= SEARCH_FIRST_PER_DOC; scope++) {
			struct search_results base, other;
			search_index_set_plan(ix, SEARCH_PLAN_INDEX);
			CU_ASSERT_EQUAL(search_index_find(ix, &c, pats[i], (enum search_scope)scope,
							  &base, &err),
					0);
			for (int plan = SEARCH_PLAN_AUTO; plan <= SEARCH_PLAN_SCAN; plan++) {
				search_index_set_plan(ix, (enum search_plan)plan);
				CU_ASSERT_EQUAL(search_index_find(ix, &c, pats[i],
								  (enum search_scope)scope, &other,
								  &err),
						0);
				same_results(&base, &other);
				search_results_done(&other);
			}
			if (strcmp(pats[i], "common") == 0)
				CU_ASSERT_EQUAL(base.ndocs, 60);
			if (strcmp(pats[i], "Rare") == 0)
				CU_ASSERT_EQUAL(base.n, 2 + 48);
			if (strcmp(pats[i], "straddle") == 0)
				CU_ASSERT_EQUAL(base.ndocs, 48);
			if (strcmp(pats[i], "rare") == 0 && scope == SEARCH_EVERY_LINE)
				CU_ASSERT_EQUAL(base.n, 2 + 2 * 48);
			search_results_done(&base);
		}
	}
	search_index_close(ix);
	catalog_done(&c);
	free(err);
}

/* The documents alone (search -l): the same documents as their first
 * lines, found in a document's head, past it in one piece or several, or
 * across the head's end and a piece's; case kept reads the lines; no
 * line, section or text said. */
static void
test_docs_only(void)
{
	static const char *const pats[] = {"deepword", "nearword", "edgeword", "Deepword",
					   "DEEPWORD", "zqxjkw",   "x",	       "word"};
	/* where each document's word is: from 0 to far past the head
	 * (SEARCH_HEAD 4096), around its end, past 4096 + 16384 */
	static const int at[] = {0, 100, 4085, 4090, 4093, 4096, 8000, 20470, 20476, 45000};
	struct catalog c;
	struct search_index *ix;
	char *err = NULL;
	size_t nat = sizeof at / sizeof *at;

	setup("docs");
	for (size_t k = 0; k < nat; k++) {
		char name[32];
		struct strbuf b = STRBUF_INIT;

		snprintf(name, sizeof name, "doc%02zu.md", k);
		for (int n = 0; n < at[k]; n++)
			strbuf_add(&b, n % 7 == 6 ? (n % 700 == 699 ? "\n\n" : " ") : "y", 1);
		strbuf_printf(&b, " %s\n", k % 3 == 0 ? "Deepword" : "nearword");
		if (k == 3)
			strbuf_puts(&b, "\nedgeword\n");
		put(name, b.s);
		strbuf_free(&b);
	}
	put("none.md", "# None\n\nNothing here.\n");
	load(&c);
	ix = search_index_open(dbpath, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ix);
	CU_ASSERT(search_index_update(ix, &c, &err) >= 0);
	for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
		for (int plan = SEARCH_PLAN_AUTO; plan <= SEARCH_PLAN_SCAN; plan++) {
			struct search_results first, docs;

			search_index_set_plan(ix, (enum search_plan)plan);
			CU_ASSERT_EQUAL(
			    search_index_find(ix, &c, pats[i], SEARCH_FIRST_PER_DOC, &first, &err),
			    0);
			CU_ASSERT_EQUAL(
			    search_index_find(ix, &c, pats[i], SEARCH_DOCS, &docs, &err), 0);
			CU_ASSERT_EQUAL_FATAL(first.n, docs.n);
			CU_ASSERT_EQUAL(first.ndocs, docs.ndocs);
			for (size_t h = 0; h < docs.n; h++) {
				CU_ASSERT_EQUAL(first.v[h].doc, docs.v[h].doc);
				CU_ASSERT_EQUAL(docs.v[h].line, 0);
				CU_ASSERT_EQUAL(docs.v[h].section, SEARCH_NO_SECTION);
				CU_ASSERT_PTR_NULL(docs.v[h].text);
				CU_ASSERT_PTR_NULL(docs.v[h].where);
			}
			if (strcmp(pats[i], "deepword") == 0)
				CU_ASSERT_EQUAL(docs.ndocs, (nat + 2) / 3);
			if (strcmp(pats[i], "nearword") == 0)
				CU_ASSERT_EQUAL(docs.ndocs, nat - (nat + 2) / 3);
			if (strcmp(pats[i], "word") == 0)
				CU_ASSERT_EQUAL(docs.ndocs, nat);
			if (strcmp(pats[i], "Deepword") == 0 || strcmp(pats[i], "edgeword") == 0)
				CU_ASSERT(docs.ndocs >= 1);
			if (strcmp(pats[i], "DEEPWORD") == 0 || strcmp(pats[i], "zqxjkw") == 0)
				CU_ASSERT_EQUAL(docs.ndocs, 0);
			search_results_done(&first);
			search_results_done(&docs);
		}
	}
	search_index_close(ix);
	catalog_done(&c);
	free(err);
}

int
test_search_register(void)
{
	CU_pSuite s = CU_add_suite("search_index", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "fresh: edited, added, removed, renamed", test_fresh) ||
	    !CU_add_test(s, "a listed file that is gone", test_gone_under_catalogue) ||
	    !CU_add_test(s, "first match per document (-l)", test_first_per_doc) ||
	    !CU_add_test(s, "progress of an update", test_progress) ||
	    !CU_add_test(s, "an update stopped midway: kept whole, completed", test_stop) ||
	    !CU_add_test(s, "damaged or foreign: made anew", test_damaged) ||
	    !CU_add_test(s, "an empty document", test_empty_document) ||
	    !CU_add_test(s, "smart case and folding as the reader", test_rule) ||
	    !CU_add_test(s, "the runs of lines the reader stops at", test_same_as_reader) ||
	    !CU_add_test(s, "every plan finds the same lines", test_plans) ||
	    !CU_add_test(s, "the documents alone (-l)", test_docs_only))
		return CU_get_error();
	return 0;
}
