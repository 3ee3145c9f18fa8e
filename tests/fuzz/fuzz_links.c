/*
 * fuzz_links.c - libFuzzer target: the link resolver (src/links.c) on a
 * small repository built once in a temporary folder (a .git, README.md in
 * several folders, a file named like a role, a folder without README.md).
 *
 * Input: byte 0 picks the linking document (bits 0-1), whether a root is
 * given (bit 2) and whether the document was listed from a content folder
 * (bit 3: its own folder), the rest is the link's target as written.
 *
 * Properties: a scheme is the target's start before a ':'; an anchor is
 * what follows the first '#'; a file found is a real path of a regular
 * file, inside the root when there is one (given, else the .git's folder,
 * else the content folder); a target starting with '/' with no root is
 * not found; not found always says why; the same target resolves the
 * same way twice; the heading of a file found is found without fault.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "links.h"
#include "markdown.h"
#include "xalloc.h"

static char base[] = "/tmp/rolebook-fuzz-links.XXXXXX";
static char *docs[4], *tops[4], *root;

static void
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", base, rel);
	FILE *f;

	for (char *s = strchr(path + strlen(base) + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0700);
		*s = '/';
	}
	if (text == NULL)
		mkdir(path, 0700);
	else if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	md_init();
	if (mkdtemp(base) == NULL)
		abort();
	put("repo/.git/HEAD", "ref: refs/heads/main\n");
	put("repo/README.md", "# Top\n\n## Chairs\n\n## Chairs\n");
	put("repo/sig-a/README.md", "# A\n\n## Leads\n");
	put("repo/sig-a/technical-lead.md", "# Not the role\n");
	put("repo/sig-b/empty", NULL);
	put("repo/sig-b/my notes.md", "# Notes\n");
	put("flat/a.md", "# Flat\n");
	docs[0] = xasprintf("%s/repo/README.md", base);
	docs[1] = xasprintf("%s/repo/sig-a/README.md", base);
	docs[2] = xasprintf("%s/repo/sig-b/my notes.md", base);
	docs[3] = xasprintf("%s/flat/a.md", base);
	root = xasprintf("%s/repo", base);
	tops[0] = xasprintf("%s/repo", base);
	tops[1] = xasprintf("%s/repo/sig-a", base);
	tops[2] = xasprintf("%s/repo/sig-b", base);
	tops[3] = xasprintf("%s/flat", base);
	return 0;
}

static char *
describe(const struct link_target *t)
{
	return xasprintf("%d|%s|%s|%s|%s", (int)t->kind, t->scheme ? t->scheme : "",
			 t->file ? t->file : "", t->anchor ? t->anchor : "(none)",
			 t->reason ? t->reason : "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct link_from from;
	struct link_target t, again;
	char *url, *one, *two, *real_root = NULL;
	const char *hash;

	if (size < 1)
		return 0;
	url = xstrndup((const char *)data + 1, size - 1); /* up to a NUL */
	from = (struct link_from){docs[data[0] & 3], (data[0] & 4) ? root : NULL,
				  (data[0] & 8) ? tops[data[0] & 3] : NULL};
	links_resolve(&from, url, &t);
	hash = strchr(url, '#');
	switch (t.kind) {
	case LINK_EXTERNAL:
		FUZZ_CHECK(t.scheme != NULL && *t.scheme != '\0' &&
			       strncmp(url, t.scheme, strlen(t.scheme)) == 0 &&
			       url[strlen(t.scheme)] == ':',
			   "scheme %s of %s", t.scheme ? t.scheme : "(null)", url);
		break;
	case LINK_FILE:
	case LINK_OTHER_FILE: {
		struct stat st;
		char *real = realpath(t.file, NULL);
		FUZZ_CHECK(real != NULL && strcmp(real, t.file) == 0, "%s is no real path", t.file);
		FUZZ_CHECK(stat(t.file, &st) == 0 && S_ISREG(st.st_mode), "%s is no file", t.file);
		free(real);
		real_root = from.root ? realpath(from.root, NULL) : links_find_root(from.path);
		if (real_root == NULL && from.top != NULL)
			real_root = realpath(from.top, NULL);
		FUZZ_CHECK(url[0] != '/' || real_root != NULL, "'/' with no root found %s", url);
		if (real_root != NULL)
			FUZZ_CHECK(strncmp(t.file, real_root, strlen(real_root)) == 0 &&
				       t.file[strlen(real_root)] == '/',
				   "%s is outside %s", t.file, real_root);
		if (t.kind == LINK_FILE && t.anchor != NULL)
			free(links_heading(t.file, t.anchor));
		break;
	}
	case LINK_NOT_FOUND:
		FUZZ_CHECK(t.reason != NULL, "not found without a reason: %s", url);
		break;
	case LINK_ANCHOR:
		break;
	}
	if (t.kind != LINK_EXTERNAL)
		FUZZ_CHECK(
		    (hash == NULL && t.anchor == NULL) ||
			(hash != NULL && t.anchor != NULL && strcmp(t.anchor, hash + 1) == 0),
		    "anchor %s of %s", t.anchor ? t.anchor : "(none)", url);
	links_resolve(&from, url, &again);
	one = describe(&t);
	two = describe(&again);
	FUZZ_CHECK(strcmp(one, two) == 0, "%s then %s", one, two);
	free(one);
	free(two);
	free(real_root);
	link_target_done(&t);
	link_target_done(&again);
	free(url);
	return 0;
}
