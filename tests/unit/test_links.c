/*
 * test_links.c - unit tests for src/links.c: where a link leads, on a tree
 * this suite builds in the run's temporary folder, with names that
 * collide: several README.md in different folders, a file named like a
 * role of the handbook, folder links, links from the repository's root,
 * repeated headings, ".." above the root, %20 in names.  Each result is
 * written as one line ("file sig-a/README.md #leads") and compared whole.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "links.h"
#include "unit.h"
#include "xalloc.h"

static char *tree; /* the real path of the tree's folder */

/* Writes text to rel in the tree, making the folders on the way. */
static void
put(const char *rel, const char *text)
{
	fixture_put(tree, rel, text);
}

static int
suite_init(void)
{
	char *dir = xasprintf("%s/links", unit_tmpdir), *empty;

	mkdir(dir, 0700);
	tree = realpath(dir, NULL);
	free(dir);
	if (tree == NULL)
		return 1;
	put("repo/.git/HEAD", "ref: refs/heads/main\n");
	put("repo/README.md", "# Community\n\n## Chairs\n\nx\n\n## Chairs\n\n## Chairs\n");
	put("repo/sig-list.md", "# SIGs\n\n## SIG A\n");
	put("repo/sig-a/README.md", "# SIG A\n\n## Leads\n\n## Meetings\n");
	put("repo/sig-a/doc.md", "# Doc\n");
	put("repo/sig-a/technical-lead.md", "# The SIG's own tech lead page\n");
	put("repo/sig-b/README.md", "# SIG B\n\n## Leads\n");
	put("repo/sig-b/notes dir/my notes.md", "# Notes\n");
	empty = xasprintf("%s/repo/sig-b/empty", tree);
	mkdir(empty, 0700);
	free(empty);
	put("repo/sig-b/logo.png", "PNG");
	put("outside.md", "# Outside\n");
	put("flat/a.md", "# A\n");
	put("flat/sig-governance.md", "# Governance\n");
	put("flat/deep/b.md", "# B\n");
	put("flat/deep/README.md", "# Deep\n");
	return 0;
}

static int
suite_clean(void)
{
	free(tree);
	tree = NULL;
	return 0;
}

/* url resolved from the document at rel (in the tree), with root and the
 * content folder top (in the tree, or NULL), as one line; paths from the
 * tree's folder. */
static char *
resolve_in(const char *rel, const char *root, const char *top, const char *url)
{
	char *path = xasprintf("%s/%s", tree, rel);
	char *rootp = root ? xasprintf("%s/%s", tree, root) : NULL, *out;
	char *topp = top ? xasprintf("%s/%s", tree, top) : NULL;
	struct link_from from = {path, rootp, topp};
	struct link_target t;
	size_t n = strlen(tree);

	links_resolve(&from, url, &t);
	switch (t.kind) {
	case LINK_EXTERNAL:
		out = xasprintf("external %s", t.scheme);
		break;
	case LINK_FILE:
	case LINK_OTHER_FILE:
		out = xasprintf("%s %s", link_kind_name(t.kind),
				strncmp(t.file, tree, n) == 0 ? t.file + n + 1 : t.file);
		break;
	case LINK_NOT_FOUND:
		out = xasprintf("not found: %s", t.reason);
		break;
	default:
		out = xstrdup(link_kind_name(t.kind));
		break;
	}
	if (t.anchor != NULL) {
		char *s = xasprintf("%s #%s", out, t.anchor);
		free(out);
		out = s;
	}
	link_target_done(&t);
	free(path);
	free(rootp);
	free(topp);
	return out;
}

#define RESOLVES_IN(path, root, top, url, want)                                                    \
	do {                                                                                       \
		char *got_ = resolve_in(path, root, top, url);                                     \
		UNIT_ASSERT_STR(want, got_);                                                       \
		free(got_);                                                                        \
	} while (0)
#define RESOLVES_ROOT(path, root, url, want) RESOLVES_IN(path, root, NULL, url, want)
#define RESOLVES(path, url, want) RESOLVES_ROOT(path, NULL, url, want)

static void
test_external(void)
{
	RESOLVES("repo/sig-a/doc.md", "https://example.org/x.md", "external https");
	RESOLVES("repo/sig-a/doc.md", "mailto:someone@example.org", "external mailto");
	RESOLVES("repo/sig-a/doc.md", "tel:+1-555", "external tel");
	RESOLVES("repo/sig-a/doc.md", "git+ssh://host/repo", "external git+ssh");
	/* no scheme: a first character that is no letter */
	RESOLVES("repo/sig-a/doc.md", "1x:y.md", "not found: no such file");
}

static void
test_anchor(void)
{
	RESOLVES("repo/sig-a/doc.md", "#risks", "anchor #risks");
	RESOLVES("repo/sig-a/doc.md", "#", "anchor #");
	RESOLVES("repo/sig-a/doc.md", "", "anchor");
	RESOLVES("repo/sig-a/doc.md", "?plain=1#x", "anchor #x");
	/* kept as written: decoded with the headings */
	RESOLVES("repo/sig-a/doc.md", "#caf%C3%A9", "anchor #caf%C3%A9");
}

static void
test_relative(void)
{
	/* from the linking file's folder: each README.md its own */
	RESOLVES("repo/sig-a/doc.md", "README.md#leads", "file repo/sig-a/README.md #leads");
	RESOLVES("repo/sig-a/doc.md", "../sig-b/README.md", "file repo/sig-b/README.md");
	RESOLVES("repo/sig-a/doc.md", "../README.md", "file repo/README.md");
	RESOLVES("repo/sig-a/doc.md", "./../sig-a/./doc.md", "file repo/sig-a/doc.md");
	/* a README.md not there is not the one beside the linking file */
	RESOLVES("repo/sig-a/doc.md", "../sig-c/README.md", "not found: no such file");
	RESOLVES("repo/sig-a/doc.md", "sub/doc.md", "not found: no such file");
	/* %XX decoded, a query dropped */
	RESOLVES("repo/sig-b/README.md", "notes%20dir/my%20notes.md",
		 "file repo/sig-b/notes dir/my notes.md");
	RESOLVES("repo/sig-b/README.md", "notes%20dir/my%20notes.md?plain=1#top",
		 "file repo/sig-b/notes dir/my notes.md #top");
	RESOLVES("repo/sig-b/README.md", "logo.png", "other file repo/sig-b/logo.png");
}

static void
test_folders(void)
{
	RESOLVES("repo/sig-a/doc.md", "../sig-b", "file repo/sig-b/README.md");
	RESOLVES("repo/sig-a/doc.md", "../sig-b/#leads", "file repo/sig-b/README.md #leads");
	RESOLVES("repo/README.md", "sig-a/", "file repo/sig-a/README.md");
	RESOLVES("repo/sig-a/doc.md", ".", "file repo/sig-a/README.md");
	RESOLVES("repo/sig-a/doc.md", "../sig-b/empty/", "not found: a folder without a README.md");
}

static void
test_root(void)
{
	/* the nearest folder above holding .git */
	RESOLVES("repo/sig-a/doc.md", "/sig-list.md#sig-a", "file repo/sig-list.md #sig-a");
	RESOLVES("repo/sig-b/notes dir/my notes.md", "/sig-a/README.md",
		 "file repo/sig-a/README.md");
	RESOLVES("repo/sig-a/doc.md", "/", "file repo/README.md");
	RESOLVES("repo/sig-a/doc.md", "/sig-a/../sig-b", "file repo/sig-b/README.md");
	/* or the one given (--root) */
	RESOLVES_ROOT("repo/sig-a/doc.md", "repo/sig-a", "/README.md", "file repo/sig-a/README.md");
	RESOLVES_ROOT("flat/a.md", "repo", "/sig-list.md", "file repo/sig-list.md");
	/* never above it */
	RESOLVES("repo/sig-a/doc.md", "../../outside.md", "not found: outside the repository root");
	RESOLVES("repo/sig-a/doc.md", "/../outside.md", "not found: outside the repository root");
	RESOLVES("repo/sig-a/doc.md", "/../../../../../../../../../../x.md",
		 "not found: outside the repository root");
	RESOLVES_ROOT("repo/sig-a/doc.md", "repo/sig-a", "../README.md",
		      "not found: outside the repository root");
}

static void
test_no_root(void)
{
	char *probe = xasprintf("%s/flat/a.md", tree), *root = links_find_root(probe);

	free(probe);
	if (root != NULL) { /* the temporary folder is in a checkout: nothing to test */
		free(root);
		return;
	}
	/* no root: a path from '/' is broken, never the file of its name
	 * beside the linking file, nor a README.md elsewhere */
	RESOLVES("flat/a.md", "/committee-steering/governance/sig-governance.md#x",
		 "not found: no repository root (no .git above; see --root) #x");
	RESOLVES("flat/a.md", "/sig-governance.md",
		 "not found: no repository root (no .git above; see --root)");
	RESOLVES("flat/deep/b.md", "/README.md",
		 "not found: no repository root (no .git above; see --root)");
	RESOLVES("flat/a.md", "../outside.md", "file outside.md");
	/* the content folder the document was listed from is the root then */
	RESOLVES_IN("flat/deep/b.md", NULL, "flat", "/sig-governance.md",
		    "file flat/sig-governance.md");
	RESOLVES_IN("flat/deep/b.md", NULL, "flat", "/README.md", "not found: no such file");
	RESOLVES_IN("flat/deep/b.md", NULL, "flat", "/../outside.md",
		    "not found: outside the repository root");
	RESOLVES_IN("flat/a.md", NULL, "flat", "/deep/", "file flat/deep/README.md");
	/* a .git above, or --root, comes first */
	RESOLVES_IN("repo/sig-a/doc.md", NULL, "repo/sig-a", "/sig-list.md",
		    "file repo/sig-list.md");
	RESOLVES_IN("repo/sig-a/doc.md", "repo/sig-b", "repo/sig-a", "/README.md",
		    "file repo/sig-b/README.md");
}

static void
test_roles(void)
{
	/* a file a link names by path is that file, whatever roles there are */
	RESOLVES("repo/sig-a/doc.md", "technical-lead.md#x",
		 "file repo/sig-a/technical-lead.md #x");
	RESOLVES("repo/sig-b/README.md", "../sig-a/technical-lead.md",
		 "file repo/sig-a/technical-lead.md");
	/* a path to no file is broken, even when its name is a role's */
	RESOLVES("repo/sig-b/README.md", "../sig-c/technical-lead.md", "not found: no such file");
	/* a path to no file is broken, even when its name is a role's */
	RESOLVES("repo/sig-b/README.md", "technical-lead.md#duties",
		 "not found: no such file #duties");
	RESOLVES("repo/README.md", "technical-lead.md", "not found: no such file");
	RESOLVES("repo/sig-b/README.md", "program-manager", "not found: no such file");
	RESOLVES("repo/sig-b/README.md", "technical%2Dlead.md", "not found: no such file");
	RESOLVES("repo/sig-b/README.md", "secretary.md", "not found: no such file");
}

static void
test_heading(void)
{
	char *readme = xasprintf("%s/repo/README.md", tree), *h;

	/* GitHub's numbers for repeated headings */
	h = links_heading(readme, "chairs");
	UNIT_ASSERT_STR("Chairs", h);
	free(h);
	h = links_heading(readme, "chairs-2");
	UNIT_ASSERT_STR("Chairs", h);
	free(h);
	h = links_heading(readme, "chairs-3");
	UNIT_ASSERT_STR(NULL, h);
	free(h);
	h = links_heading(readme, "Community");
	UNIT_ASSERT_STR("Community", h);
	free(h);
	free(readme);
}

int
test_links_register(void)
{
	CU_pSuite s = CU_add_suite("links", suite_init, suite_clean);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "a scheme leaves the handbook", test_external) ||
	    !CU_add_test(s, "an anchor alone stays in the document", test_anchor) ||
	    !CU_add_test(s, "a path from the linking file's folder", test_relative) ||
	    !CU_add_test(s, "a folder opens its README.md", test_folders) ||
	    !CU_add_test(s, "'/' from the repository root, never above it", test_root) ||
	    !CU_add_test(s, "no root: the content folder, else broken", test_no_root) ||
	    !CU_add_test(s, "a role never stands in for a file", test_roles) ||
	    !CU_add_test(s, "anchors as GitHub numbers them", test_heading))
		return CU_get_error();
	return 0;
}
