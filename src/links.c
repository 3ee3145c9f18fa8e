/*
 * links.c - where a link leads (see links.h): pure string work on the
 * link's target and the linking document's path; the catalogue is asked
 * only whether an id exists.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "links.h"
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

void
links_resolve(const struct link_from *from, const char *url, struct link_target *out)
{
	const char *hash = strchr(url, '#'), *base, *slash = strrchr(from->path, '/');
	size_t plen = hash ? (size_t)(hash - url) : strlen(url), stem, n;
	/* the folder of from's file: "." for a bare name, "" for one in "/" */
	size_t dlen = slash ? (size_t)(slash - from->path) : 1;
	const char *dir = slash ? from->path : ".";
	char *path, *id;

	memset(out, 0, sizeof *out);
	if ((n = scheme_len(url)) > 0) {
		out->kind = LINK_EXTERNAL;
		out->scheme = xstrndup(url, n);
		return;
	}
	if (hash != NULL)
		out->anchor = xstrdup(hash + 1);
	if (plen == 0) {
		out->kind = LINK_ANCHOR;
		return;
	}
	path = text_unescape_url(url, plen);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	stem = markdown_stem(base);
	id = xstrndup(base, stem ? stem : strlen(base));
	if (*id != '\0' && from->has_role(id, from->arg)) {
		out->kind = LINK_ROLE;
		out->id = id;
		free(path);
		return;
	}
	free(id);
	if (stem == 0) {
		out->kind = LINK_NOT_FOUND;
		out->reason = *base ? "no role has this id" : "no file name";
		free(path);
		return;
	}
	n = 0;
	if (path[0] != '/')
		out->paths[n++] = xasprintf("%.*s/%s", (int)dlen, dir, path);
	if (base != path)
		out->paths[n++] = xasprintf("%.*s/%s", (int)dlen, dir, base);
	out->kind = LINK_FILE;
	free(path);
}

void
link_target_done(struct link_target *t)
{
	free(t->scheme);
	free(t->id);
	free(t->paths[0]);
	free(t->paths[1]);
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
	case LINK_ROLE:
		return "role";
	case LINK_FILE:
		return "file";
	case LINK_NOT_FOUND:
		break;
	}
	return "not found";
}
