/*
 * links.c - where a link leads (see links.h): the link's target taken
 * apart, joined to the linking file's folder or the repository's root,
 * and looked for on the file system.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anchors.h"
#include "links.h"
#include "markdown.h"
#include "outline.h"
#include "text.h"
#include "xalloc.h"

/* The length of name without its ".md" or ".markdown" (any case), or 0
 * when it has neither. */
static size_t
markdown_stem(const char *name)
{
	size_t n = strlen(name);

	if (n > 3 && strcasecmp(name + n - 3, ".md") == 0)
		return n - 3;
	if (n > 9 && strcasecmp(name + n - 9, ".markdown") == 0)
		return n - 9;
	return 0;
}

/*
 * The length of url's URI scheme (RFC 3986: a letter, then letters,
 * digits, '+', '-' or '.', then ':'), or 0.  mailto:, tel: and urn: have
 * no "//" after it, and none of these can be a file of the handbook (a
 * relative link's first part cannot hold a ':').
 */
static size_t
scheme_len(const char *url)
{
	size_t i = 0;

	if (!isalpha((unsigned char)url[0]))
		return 0;
	while (isalnum((unsigned char)url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')
		i++;
	return url[i] == ':' ? i : 0;
}

/* The real path of path's folder (new string), or NULL. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real;

	if (slash == NULL)
		return realpath(".", NULL);
	dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	return real;
}

char *
links_find_root(const char *path)
{
	char *dir = folder_of(path);

	while (dir != NULL) {
		char *git = xasprintf("%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
		char *slash;
		bool found = access(git, F_OK) == 0;
		free(git);
		if (found)
			return dir;
		slash = strrchr(dir, '/');
		if (slash == NULL || strcmp(dir, "/") == 0) {
			free(dir);
			return NULL;
		}
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	return NULL;
}

/*
 * base (an absolute path) and rel joined, "." and ".." taken by name.
 * Returns a new string, or NULL when rel climbs above "/".
 */
static char *
join(const char *base, const char *rel)
{
	char *out = xmalloc(strlen(base) + strlen(rel) + 3);
	size_t n = strlen(base);

	memcpy(out, base, n);
	while (n > 1 && out[n - 1] == '/')
		n--;
	if (n == 1)
		n = 0; /* "/": the parts below add their own '/' */
	while (*rel) {
		size_t len = strcspn(rel, "/");
		if (len == 0 || (len == 1 && rel[0] == '.')) {
			/* nothing, or "." */
		} else if (len == 2 && rel[0] == '.' && rel[1] == '.') {
			char *slash;
			if (n == 0) {
				free(out);
				return NULL;
			}
			out[n] = '\0';
			slash = strrchr(out, '/');
			n = (size_t)(slash - out);
		} else {
			out[n++] = '/';
			memcpy(out + n, rel, len);
			n += len;
		}
		rel += len;
		if (*rel == '/')
			rel++;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return out;
}

/* True when path is root or below it. */
static bool
within(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* What is at path: fills out with a file (a folder's README.md) and
 * returns true, or returns false with out->reason. */
static bool
look(const char *path, struct link_target *out)
{
	struct stat st;
	char *file = xstrdup(path);

	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *readme = xasprintf("%s/README.md", strcmp(file, "/") == 0 ? "" : file);
		free(file);
		file = readme;
		if (stat(file, &st) != 0) {
			out->reason = "a folder without a README.md";
			free(file);
			return false;
		}
	} else if (stat(file, &st) != 0) {
		out->reason = "no such file";
		free(file);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		out->reason = "not a regular file";
		free(file);
		return false;
	}
	out->file = realpath(file, NULL);
	free(file);
	if (out->file == NULL) {
		out->reason = "no such file";
		return false;
	}
	out->kind = markdown_stem(out->file) ? LINK_FILE : LINK_OTHER_FILE;
	return true;
}

/*
 * Where a path starting with '/' starts (new real path), or NULL: --root,
 * else the nearest folder above holding a .git, else the content folder
 * the document was listed from.
 */
static char *
root_of(const struct link_from *from)
{
	char *root;

	if (from->root != NULL)
		return realpath(from->root, NULL);
	if ((root = links_find_root(from->path)) != NULL)
		return root;
	return from->top != NULL ? realpath(from->top, NULL) : NULL;
}

/* Steps 2 to 4 of links_resolve() for the decoded path. */
static void
resolve_path(const struct link_from *from, const char *path, struct link_target *out)
{
	char *dir = folder_of(from->path), *root = root_of(from), *full = NULL;
	bool found = false;

	if (dir == NULL) {
		out->reason = "the linking file's folder is not there";
	} else if (path[0] == '/' && root == NULL) {
		out->reason = "no repository root (no .git above; see --root)";
	} else {
		full = join(path[0] == '/' ? root : dir, path);
		if (full == NULL || (root != NULL && !within(full, root)))
			out->reason = "outside the repository root";
		else
			found = look(full, out);
	}
	if (!found)
		out->kind = LINK_NOT_FOUND;
	free(full);
	free(root);
	free(dir);
}

void
links_resolve(const struct link_from *from, const char *url, struct link_target *out)
{
	const char *hash = strchr(url, '#');
	size_t plen = hash ? (size_t)(hash - url) : strlen(url), n;
	char *path;

	memset(out, 0, sizeof *out);
	if ((n = scheme_len(url)) > 0) {
		out->kind = LINK_EXTERNAL;
		out->scheme = xstrndup(url, n);
		return;
	}
	if (hash != NULL)
		out->anchor = xstrdup(hash + 1);
	plen = strcspn(url, "?") < plen ? strcspn(url, "?") : plen;
	if (plen == 0) {
		out->kind = LINK_ANCHOR;
		return;
	}
	path = text_unescape_url(url, plen);
	resolve_path(from, path, out);
	free(path);
}

char *
links_heading(const char *file, const char *anchor)
{
	FILE *f = fopen(file, "r");
	cmark_node *doc;
	char *err = NULL, *title = NULL;
	struct outline o;
	long i;

	if (f == NULL)
		return NULL;
	doc = md_parse_file(f, file, NULL, &err);
	fclose(f);
	free(err);
	if (doc == NULL)
		return NULL;
	outline_build(&o, doc);
	i = anchors_find(&o, anchor);
	if (i >= 0)
		title = xstrdup(o.v[i].node == doc ? "(top)" : o.v[i].title);
	outline_done(&o);
	cmark_node_free(doc);
	return title;
}

void
link_target_done(struct link_target *t)
{
	free(t->scheme);
	free(t->file);
	free(t->anchor);
	memset(t, 0, sizeof *t);
}

const char *
link_kind_name(enum link_kind kind)
{
	switch (kind) {
	case LINK_EXTERNAL:
		return "external";
	case LINK_ANCHOR:
		return "anchor";
	case LINK_FILE:
		return "file";
	case LINK_OTHER_FILE:
		return "other file";
	case LINK_NOT_FOUND:
		break;
	}
	return "not found";
}
