/*
 * fuzz_links.c - libFuzzer target: the link resolver (src/links.c), any
 * target from any file of a small tree.
 *
 * Input: byte 0 picks the linking file (one of files[], at the root or in
 * folders below it), the rest is the link's target as written.  The tree
 * is made once in a temporary folder (links_resolve() only reads names,
 * but the paths are real ones); the handbook has the roles of roles[].
 *
 * Properties: resolving is deterministic (twice, the same answer, field by
 * field); a target with a URI scheme is external, with that scheme and
 * nothing else; one with no path is an anchor; the anchor is what follows
 * the first '#'; a role is one the handbook has; a file's paths are
 * Markdown files in the linking file's folder or below it, and a path
 * leaves the tree's root only when the target's path (its %XX escapes
 * decoded) climbs with "..": a name alone never escapes; a reason is
 * given for what is not found.
 *
 * API assumed (links.h as of this target): links_resolve(from, url, out)
 * with struct link_from { path, has_role(id, arg), arg }, struct
 * link_target { kind, scheme, id, paths[2], anchor, reason },
 * link_target_done(); text_unescape_url() from text.h.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "links.h"
#include "text.h"
#include "xalloc.h"

static const char *const files[] = {"a.md", "sub/b.md", "sub/deep/c.md", "sub/deep/x y.markdown"};
static const char *const roles[] = {"lead", "chair", "program-manager"};
static char *root;
static char *paths[sizeof files / sizeof files[0]];

static bool
has_role(const char *id, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(id, roles[i]) == 0)
			return true;
	return false;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char tmpl[] = "/tmp/rolebook-fuzz-links-XXXXXX";

	(void)argc;
	(void)argv;
	if (mkdtemp(tmpl) == NULL)
		abort();
	root = xstrdup(tmpl);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		FILE *f;
		char *dir;

		paths[i] = xasprintf("%s/%s", root, files[i]);
		dir = xstrdup(paths[i]);
		*strrchr(dir, '/') = '\0';
		for (char *p = dir + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		mkdir(dir, 0700);
		free(dir);
		if ((f = fopen(paths[i], "w")) != NULL) {
			fputs("# A role\n", f);
			fclose(f);
		}
	}
	return 0;
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* How many folders path climbs above its start, at the deepest (lexical,
 * segment by segment: ".." up, "." and "" stay, a name down). */
static long
climb(const char *path)
{
	long depth = 0, lowest = 0;

	for (const char *p = path; *p != '\0';) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.')
			depth--;
		else if (n > 0 && !(n == 1 && p[0] == '.'))
			depth++;
		if (depth < lowest)
			lowest = depth;
		p += n + (e != NULL);
	}
	return -lowest;
}

static bool
markdown_name(const char *path)
{
	size_t n = strlen(path);

	return (n > 3 && strcasecmp(path + n - 3, ".md") == 0) ||
	       (n > 9 && strcasecmp(path + n - 9, ".markdown") == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *from_path;
	char *url, *hash, *dir;
	struct link_from from = {NULL, has_role, NULL};
	struct link_target t, u;
	size_t plen, depth;

	if (size < 1)
		return 0;
	from_path = paths[data[0] % (sizeof files / sizeof files[0])];
	from.path = from_path;
	url = xstrndup((const char *)data + 1, size - 1); /* a NUL ends it, as in Markdown's C */
	hash = strchr(url, '#');
	plen = hash ? (size_t)(hash - url) : strlen(url);
	dir = xstrndup(from_path, (size_t)(strrchr(from_path, '/') - from_path));
	/* folders between the root and from's */
	depth = 0;
	for (const char *p = dir + strlen(root); *p != '\0'; p++)
		depth += *p == '/';

	links_resolve(&from, url, &t);
	links_resolve(&from, url, &u);
	FUZZ_CHECK(t.kind == u.kind && same(t.scheme, u.scheme) && same(t.id, u.id) &&
		       same(t.paths[0], u.paths[0]) && same(t.paths[1], u.paths[1]) &&
		       same(t.anchor, u.anchor) && same(t.reason, u.reason),
		   "two resolutions of \"%s\" differ", url);
	link_target_done(&u);

	switch (t.kind) {
	case LINK_EXTERNAL:
		FUZZ_CHECK(t.scheme != NULL && *t.scheme != '\0' &&
			       strncmp(url, t.scheme, strlen(t.scheme)) == 0 &&
			       url[strlen(t.scheme)] == ':',
			   "\"%s\": external, scheme \"%s\"", url, t.scheme ? t.scheme : "(null)");
		FUZZ_CHECK(t.id == NULL && t.paths[0] == NULL && t.paths[1] == NULL &&
			       t.anchor == NULL,
			   "\"%s\": external with more than its scheme", url);
		break;
	case LINK_ANCHOR:
		FUZZ_CHECK(plen == 0, "\"%s\": an anchor, but a path of %zu bytes", url, plen);
		break;
	case LINK_ROLE:
		FUZZ_CHECK(t.id != NULL && has_role(t.id, NULL), "\"%s\": role \"%s\"", url,
			   t.id ? t.id : "(null)");
		break;
	case LINK_FILE: {
		char *path = text_unescape_url(url, plen);
		/* ".." in the target: how far it may climb above from's folder */
		long allowed = (long)climb(path);

		FUZZ_CHECK(t.paths[0] != NULL || t.paths[1] != NULL, "\"%s\": a file, no path",
			   url);
		for (int i = 0; i < 2; i++) {
			const char *p = t.paths[i];
			long up;

			if (p == NULL)
				continue;
			FUZZ_CHECK(strncmp(p, dir, strlen(dir)) == 0 && p[strlen(dir)] == '/',
				   "\"%s\": path %s not from the folder %s", url, p, dir);
			FUZZ_CHECK(markdown_name(p), "\"%s\": path %s is no Markdown file", url, p);
			up = climb(p + strlen(dir) + 1);
			FUZZ_CHECK(up <= allowed, "\"%s\": path %s climbs %ld, the target %ld", url,
				   p, up, allowed);
			/* out of the root only by the target's own ".." */
			if (up > (long)depth)
				FUZZ_CHECK(i == 0 && allowed > (long)depth,
					   "\"%s\": path %s leaves the root %s", url, p, root);
		}
		free(path);
		break;
	}
	case LINK_NOT_FOUND:
		FUZZ_CHECK(t.reason != NULL && *t.reason != '\0', "\"%s\": not found, no reason",
			   url);
		break;
	}
	if (t.kind != LINK_EXTERNAL)
		FUZZ_CHECK(hash == NULL ? t.anchor == NULL : same(t.anchor, hash + 1),
			   "\"%s\": anchor \"%s\"", url, t.anchor ? t.anchor : "(null)");
	link_target_done(&t);
	free(dir);
	free(url);
	return 0;
}
