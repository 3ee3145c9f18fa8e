/*
 * test_walkcache.c - the folder walk's cache (walkcache.c, issue 12): the
 * catalogue a walk with the cache lists is the one a fresh walk lists,
 * byte for byte (ids, order, paths, refusals), after every kind of change
 * to the tree; folders changed within the racy margin are read again; a
 * cache file truncated, with flipped bytes, or with bad names that hash
 * right is ignored, never a crash.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "files.h"
#include "fixture.h"
#include "hash.h"
#include "strbuf.h"
#include "unit.h"
#include "walkcache.h"
#include "xalloc.h"

static char *top_dir;

/* Writes text to rel in the tree, making the folders on the way. */
static void
put(const char *rel, const char *text)
{
	fixture_put(top_dir, rel, text);
}

/* Runs cmd in the tree's top folder. */
static void
sh(const char *cmd)
{
	char *line = xasprintf("cd '%s' && %s", top_dir, cmd);
	CU_ASSERT_EQUAL(system(line), 0);
	free(line);
}

/* Everything a walk of the tree gives: each document's id, rel and path
 * in order, and each refusal. */
static char *
listing(void)
{
	struct catalog c;
	struct strbuf b = STRBUF_INIT;
	char *err = NULL;

	catalog_init(&c);
	if (catalog_add_dir(&c, top_dir, ORIGIN_DIR, false, &err) != 0) {
		strbuf_printf(&b, "error %s\n", err);
		free(err);
	}
	for (size_t i = 0; i < c.n; i++)
		strbuf_printf(&b, "%s\t%s\t%s\n", c.v[i]->id, c.v[i]->rel, c.v[i]->path);
	for (size_t i = 0; i < c.nrefused; i++)
		strbuf_printf(&b, "refused %s\n", c.refused[i]);
	strbuf_printf(&b, "folders refused %zu\n", c.nrefused_folders);
	catalog_done(&c);
	return strbuf_take(&b);
}

/* The walk without a cache: no cache folder known. */
static char *
fresh_listing(void)
{
	char *home = xstrdup(getenv("HOME")), *cache = xstrdup(getenv("XDG_CACHE_HOME"));
	size_t hits = catalog_walk_cache_hits();
	char *s;

	unsetenv("HOME");
	unsetenv("XDG_CACHE_HOME");
	s = listing();
	setenv("HOME", home, 1);
	setenv("XDG_CACHE_HOME", cache, 1);
	CU_ASSERT_EQUAL(catalog_walk_cache_hits(), hits);
	free(home);
	free(cache);
	return s;
}

/* The walk with the cache lists what a fresh walk lists; returns how
 * many folders came from the cache. */
static size_t
check_same(const char *what)
{
	size_t hits = catalog_walk_cache_hits();
	char *cached = listing(), *fresh = fresh_listing();

	if (strcmp(cached, fresh) != 0)
		fprintf(stderr, "\n%s: cached\n%s\nfresh\n%s\n", what, cached, fresh);
	CU_ASSERT_STRING_EQUAL(cached, fresh);
	free(cached);
	free(fresh);
	return catalog_walk_cache_hits() - hits;
}

static bool
listed(const char *line)
{
	char *s = listing();
	bool found = strstr(s, line) != NULL;
	free(s);
	return found;
}

static void
make_tree(const char *name)
{
	free(top_dir);
	top_dir = xasprintf("%s/%s", unit_tmpdir, name);
	CU_ASSERT_TRUE_FATAL(mkdir(top_dir, 0700) == 0);
	put("README.md", "# Top\n");
	put("a/README.md", "# A\n");
	put("a/one.md", "# One\n");
	put("a/b/c/deep.md", "# Deep\n");
	put("a/b/two.md", "# Two\n");
	put("z/zed.md", "# Zed\n");
	put("z/notes.txt", "not listed\n");
	put(".hidden/h.md", "# Hidden\n");
	put("bad\xe2\x80\x8bname.md", "# Refused\n");
	put("sub\xe2\x80\x8b/x.md", "# In a refused folder\n");
}

/* Every kind of change: the cache lists what a fresh walk does, and the
 * change is seen. */
static void
test_changes(void)
{
	char *out = xasprintf("%s/walkcache-outside", unit_tmpdir);

	walkcache_shift_clock(30); /* the tree is older than the margin */
	make_tree("walkcache-changes");
	CU_ASSERT_EQUAL(check_same("first walk"), 0);
	/* every folder from the cache now */
	CU_ASSERT_EQUAL(check_same("unchanged"), 5);

	put("a/b/c/added.md", "# Added\n");
	check_same("file added deep");
	CU_ASSERT_TRUE(listed("a/b/c/added\t"));
	CU_ASSERT(check_same("again") >= 5);

	sh("rm a/one.md");
	check_same("file removed");
	CU_ASSERT_FALSE(listed("a/one\t"));

	sh("mv a/README.md a/renamed.md");
	check_same("file renamed");
	CU_ASSERT_TRUE(listed("a/renamed\t"));
	CU_ASSERT_FALSE(listed("a/README\t"));

	put("new/folder/n.md", "# New\n");
	check_same("folder added");
	CU_ASSERT_TRUE(listed("new/folder/n\t"));

	sh("mv new old");
	check_same("folder renamed");
	CU_ASSERT_TRUE(listed("old/folder/n\t"));
	CU_ASSERT_FALSE(listed("new/folder/n\t"));

	sh("rm -r old");
	check_same("folder removed");
	CU_ASSERT_FALSE(listed("old/folder/n\t"));

	/* a folder replaced by another of the same name (a new inode) */
	sh("rm -r z && mkdir z");
	put("z/other.md", "# Other\n");
	check_same("folder replaced");
	CU_ASSERT_TRUE(listed("z/other\t"));
	CU_ASSERT_FALSE(listed("z/zed\t"));

	/* a folder named like a document becomes a document */
	put("x.md/in.md", "# In\n");
	check_same("folder x.md");
	CU_ASSERT_TRUE(listed("x.md/in\t"));
	sh("rm -r x.md");
	put("x.md", "# X\n");
	check_same("folder became a file");
	CU_ASSERT_TRUE(listed("\tx.md\t"));

	/* a folder hidden, then shown again */
	sh("mv a/b a/.b");
	check_same("folder hidden");
	CU_ASSERT_FALSE(listed("two"));
	sh("mv a/.b a/b");
	check_same("folder shown");
	CU_ASSERT_TRUE(listed("a/b/two\t"));

	/* links: a loop, a folder of the tree, one out of it retargeted */
	sh("ln -s .. a/loop");
	CU_ASSERT_TRUE_FATAL(mkdir(out, 0700) == 0);
	sh("mkdir ../walkcache-outside2 && echo '# Out' > ../walkcache-outside/o.md && "
	   "echo '# Out2' > ../walkcache-outside2/p.md && ln -s ../walkcache-outside ext");
	check_same("links");
	CU_ASSERT_TRUE(listed("ext/o\t"));
	check_same("links again");
	sh("ln -sfn ../walkcache-outside2 ext");
	check_same("link retargeted");
	CU_ASSERT_TRUE(listed("ext/p\t"));
	CU_ASSERT_FALSE(listed("ext/o\t"));
	/* a change in the folder a link leads to */
	sh("echo '# Q' > ../walkcache-outside2/q.md");
	check_same("a file added behind a link");
	CU_ASSERT_TRUE(listed("ext/q\t"));

	/* a file that becomes a link to a folder, and a folder made unreadable */
	sh("rm a/renamed.md && ln -s b a/renamed.md");
	check_same("file became a link");
	sh("chmod 000 a/b/c");
	check_same("permissions taken");
	sh("chmod 700 a/b/c");
	check_same("permissions given back");
	CU_ASSERT_TRUE(listed("a/b/c/deep\t"));

	walkcache_shift_clock(0);
	free(out);
}

/* A folder changed within the racy margin of the walk that wrote the
 * cache is read again, even when its times look unchanged. */
static void
test_racy(void)
{
	struct stat sb;
	char *file = xasprintf("%s/walkcache-racy.cache", unit_tmpdir);
	struct walkcache *wc;
	const char *names;
	size_t len;
	struct timespec now;

	walkcache_shift_clock(0);
	/* a tree just made: written to the cache, never taken from it */
	make_tree("walkcache-racy");
	CU_ASSERT_EQUAL(check_same("first"), 0);
	put("a/b/c/same-second.md", "# Same second\n");
	CU_ASSERT_EQUAL(check_same("same second"), 0);
	CU_ASSERT_TRUE(listed("a/b/c/same-second\t"));

	/* the rule itself: a folder whose times are 1 s before the walk
	 * is not trusted, one 3 s before is */
	CU_ASSERT_EQUAL_FATAL(stat(top_dir, &sb), 0);
	clock_gettime(CLOCK_REALTIME, &now);
	sb.st_mtim.tv_sec = sb.st_ctim.tv_sec = now.tv_sec - 1;
	wc = walkcache_open_file(file, "/t");
	walkcache_put(wc, "", &sb, "fa.md\0dd\0", 9);
	sb.st_mtim.tv_sec = sb.st_ctim.tv_sec = now.tv_sec - 3;
	walkcache_put(wc, "old/", &sb, "fb.md\0", 6);
	walkcache_close(wc);
	wc = walkcache_open_file(file, "/t");
	sb.st_mtim.tv_sec = sb.st_ctim.tv_sec = now.tv_sec - 1;
	CU_ASSERT_PTR_NULL(walkcache_get(wc, "", &sb, &len));
	sb.st_mtim.tv_sec = sb.st_ctim.tv_sec = now.tv_sec - 3;
	names = walkcache_get(wc, "old/", &sb, &len);
	CU_ASSERT_PTR_NOT_NULL(names);
	CU_ASSERT_TRUE(names != NULL && len == 6 && memcmp(names, "fb.md", 6) == 0);
	sb.st_ino++; /* another folder of that name */
	CU_ASSERT_PTR_NULL(walkcache_get(wc, "old/", &sb, &len));
	walkcache_close(wc);
	/* another top: nothing */
	wc = walkcache_open_file(file, "/u");
	sb.st_ino--;
	CU_ASSERT_PTR_NULL(walkcache_get(wc, "old/", &sb, &len));
	walkcache_close(wc);
	free(file);
}

/* The cache file of the tree (the only walk-* file in the cache folder). */
static char *
cache_file(void)
{
	char *real = realpath(top_dir, NULL), *path;

	path = xasprintf("%s/rolebook/walk-%016llx", unit_tmpdir,
			 (unsigned long long)hash_bytes(real, strlen(real), 0x746f70));
	free(real);
	return path;
}

/* A damaged cache file is ignored (and rewritten): the same listing. */
static void
test_damaged(void)
{
	char *path, *data = NULL, *fresh, *s;
	size_t len = 0, mismatches = 0;
	FILE *f;
	struct stat sb;

	walkcache_shift_clock(30);
	make_tree("walkcache-damaged");
	fresh = fresh_listing();
	check_same("first");
	CU_ASSERT_EQUAL(check_same("second"), 5);
	path = cache_file();
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL_FATAL(files_read(f, 1 << 20, &data, &len), 0);
	fclose(f);
	CU_ASSERT_EQUAL(stat(path, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	/* truncated at every byte */
	for (size_t n = 0; n < len; n++) {
		fixture_put_bytes(path, data, n);
		s = listing();
		mismatches += strcmp(s, fresh) != 0;
		free(s);
	}
	/* each byte flipped, two ways */
	for (size_t i = 0; i < len; i++)
		for (int k = 0; k < 2; k++) {
			data[i] ^= k ? 0xff : 0x01;
			fixture_put_bytes(path, data, len);
			data[i] ^= k ? 0xff : 0x01;
			s = listing();
			mismatches += strcmp(s, fresh) != 0;
			free(s);
		}
	CU_ASSERT_EQUAL(mismatches, 0);
	/* names no walk keeps, with the hash made right: ignored whole */
	{
		const char *bad[] = {".EADME.md", "R/ADME.md", "README.mx"};
		char *hit = memmem(data, len, "README.md", 9);

		CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
		for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
			char *copy = xmalloc(len);
			size_t sum;

			memcpy(copy, data, len);
			memcpy(copy + (hit - data), bad[b], 9);
			sum = hash_bytes(copy, len - 8, 0);
			memcpy(copy + len - 8, &sum, 8);
			fixture_put_bytes(path, copy, len);
			s = listing();
			CU_ASSERT_STRING_EQUAL(s, fresh);
			free(s);
			free(copy);
		}
	}
	/* and rewritten: trusted again */
	check_same("rewritten");
	CU_ASSERT_EQUAL(check_same("after"), 5);
	walkcache_shift_clock(0);
	free(data);
	free(fresh);
	free(path);
}

/* A folder with nothing listed (the smallest cache file) is cached too. */
static void
test_empty(void)
{
	walkcache_shift_clock(30);
	free(top_dir);
	top_dir = xasprintf("%s/walkcache-empty", unit_tmpdir);
	CU_ASSERT_TRUE_FATAL(mkdir(top_dir, 0700) == 0);
	CU_ASSERT_EQUAL(check_same("first"), 0);
	CU_ASSERT_EQUAL(check_same("second"), 1);
	walkcache_shift_clock(0);
}

/* catalog_refresh() sees what changed, through the cache. */
static void
test_refresh(void)
{
	struct catalog c;
	char *err = NULL;
	bool found = false;

	walkcache_shift_clock(30);
	make_tree("walkcache-refresh");
	check_same("first");
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, top_dir, ORIGIN_DIR, false, &err), 0);
	put("a/b/c/later.md", "# Later\n");
	CU_ASSERT_TRUE(catalog_refresh(&c));
	for (size_t i = 0; i < c.n; i++)
		found = found || strcmp(c.v[i]->id, "a/b/c/later") == 0;
	CU_ASSERT_TRUE(found);
	CU_ASSERT_FALSE(catalog_refresh(&c));
	catalog_done(&c);
	walkcache_shift_clock(0);
}

int
test_walkcache_register(void)
{
	static const struct unit_test tests[] = {
	    {"the cache lists what a fresh walk lists, after every change", test_changes},
	    {"folders changed within the racy margin are read again", test_racy},
	    {"a damaged cache file is ignored", test_damaged},
	    {"a refresh sees changes through the cache", test_refresh},
	    {"an empty folder is cached too", test_empty},
	};
	return unit_add_suite("walkcache", tests, sizeof tests / sizeof tests[0]);
}
