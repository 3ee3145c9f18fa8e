/*
 * catalog.c - the role catalogue (see content.h): which roles there are,
 * from folders and from files named on the command line.
 *
 * Entries are created from directory listings alone, so that a folder of
 * a thousand roles costs a readdir; reading a role is role.c's.  Ids are
 * unique: a later folder does not add a role an earlier one has, and a
 * file named on the command line replaces the role of its id and comes
 * first.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "content.h"
#include "export.h"
#include "files.h"
#include "text.h"
#include "xalloc.h"

void
catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
}

void
catalog_done(struct catalog *c)
{
	for (size_t i = 0; i < c->n; i++)
		role_free(c->v[i]);
	free(c->v);
	for (size_t i = 0; i < c->nrefused; i++)
		free(c->refused[i]);
	free(c->refused);
	memset(c, 0, sizeof *c);
}

struct role *
catalog_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i]->id, id) == 0)
			return c->v[i];
	return NULL;
}

static char *
id_from_path(const char *path)
{
	const char *base = files_basename(path);
	size_t n = strlen(base);

	if (n > 3 && strcasecmp(base + n - 3, ".md") == 0)
		n -= 3;
	else if (n > 9 && strcasecmp(base + n - 9, ".markdown") == 0)
		n -= 9;
	return text_sanitize(base, n, 0, NULL);
}

/*
 * NULL when the file name base (without ".md") makes a clean role id, the
 * same rule as a person's name (export_name_ok: no control or format
 * characters, no mixed scripts) and what import takes; else why not (a new
 * string).  A role id must also not end in ".md": it would be taken for a
 * file.
 */
static char *
id_refused(const char *base)
{
	size_t n = strlen(base);
	char *id, *why = NULL;

	if (n > 3 && strcasecmp(base + n - 3, ".md") == 0)
		n -= 3;
	id = xstrndup(base, n);
	if (n > EXPORT_MAX_ROLE_ID)
		why = xasprintf("a role id must have at most %d bytes", EXPORT_MAX_ROLE_ID);
	else if (n > 3 && strcasecmp(id + n - 3, ".md") == 0)
		why = xasprintf("its id would end in .md, and be taken for a file");
	else if (!export_name_ok(id, &why) && why == NULL)
		why = xstrdup("it is no clean name");
	free(id);
	return why;
}

/* name with every character outside printable ASCII written as \uXXXX,
 * so that "a\u200bb.md" does not pass for "ab.md" (a new string). */
static char *
escaped(const char *name)
{
	size_t len = strlen(name);
	char *out = xmalloc(len * 10 + 1), *o = out;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(name + i, len - i, &cp);

		if (n == 0)
			n = 1;
		if (cp >= 0x20 && cp < 0x7f)
			*o++ = (char)cp;
		else
			o += sprintf(o, cp > 0xffff ? "\\U%08X" : "\\u%04X", (unsigned)cp);
		i += n;
	}
	*o = '\0';
	return out;
}

static void
refuse(struct catalog *c, const char *dir, const char *name, const char *why)
{
	char *path = xasprintf("%s/%s", dir, name), *clean = escaped(path);

	c->refused = xgrow(c->refused, &c->refused_cap, c->nrefused + 1, sizeof *c->refused);
	c->refused[c->nrefused++] = xasprintf("the role file %s is not listed: %s", clean, why);
	free(clean);
	free(path);
}

static void
catalog_push(struct catalog *c, struct role *r)
{
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = r;
}

static int
cmp_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = strlen(x) - 3, ny = strlen(y) - 3, n = nx < ny ? nx : ny;
	int c = strncmp(x, y, n);
	return c ? c : (nx < ny ? -1 : nx > ny ? 1 : strcmp(x, y));
}

/* A set of borrowed id strings (open addressing, never full). */
struct id_set {
	const char **slot;
	size_t mask;
};

static void
id_set_init(struct id_set *set, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	set->slot = xcalloc(cap, sizeof *set->slot);
	set->mask = cap - 1;
}

static void
id_set_done(struct id_set *set)
{
	free(set->slot);
}

/* Adds id (borrowed: it must outlive the set); false if it was there. */
static bool
id_set_add(struct id_set *set, const char *id)
{
	uint64_t h = 1469598103934665603u;
	size_t k;

	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	for (k = (size_t)h & set->mask; set->slot[k] != NULL; k = (k + 1) & set->mask)
		if (strcmp(set->slot[k], id) == 0)
			return false;
	set->slot[k] = id;
	return true;
}

int
catalog_add_dir(struct catalog *c, const char *dir, enum role_origin origin, bool optional,
		char **err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		if (optional && (errno == ENOENT || errno == ENOTDIR))
			return 0;
		*err = xasprintf("cannot read folder %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 || strcasecmp(de->d_name + len - 3, ".md") != 0)
			continue;
		/* Folders named *.md are no roles; the directory entry says
		 * so without a stat() unless it is a link or the file system
		 * does not tell. */
		if (de->d_type != DT_REG) {
			struct stat sb;
			char *p = xasprintf("%s/%s", dir, de->d_name);
			bool reg = (de->d_type == DT_LNK || de->d_type == DT_UNKNOWN) &&
				   stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
			free(p);
			if (!reg)
				continue;
		}
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1) /* (an empty folder: no array) */
		qsort(names, n, sizeof *names, cmp_name);
	/* Ids seen so far in a hash set: a folder of thousands of roles is
	 * listed in linear time, not one catalog_find() per file. */
	{
		struct id_set set;
		id_set_init(&set, c->n + n);
		for (size_t i = 0; i < c->n; i++)
			id_set_add(&set, c->v[i]->id);
		size_t dlen = strlen(dir);
		for (size_t i = 0; i < n; i++) {
			size_t nlen = strlen(names[i]);
			/* no printf per file: this loop runs before the first frame */
			char *path, *why = id_refused(names[i]);
			struct role *r;

			if (why != NULL) {
				refuse(c, dir, names[i], why);
				free(why);
				free(names[i]);
				continue;
			}
			path = xmalloc(dlen + 1 + nlen + 1);
			memcpy(path, dir, dlen);
			path[dlen] = '/';
			memcpy(path + dlen + 1, names[i], nlen + 1);
			r = role_new(id_from_path(names[i]), path, origin);
			if (id_set_add(&set, r->id))
				catalog_push(c, r);
			else
				role_free(r);
			free(names[i]);
		}
		id_set_done(&set);
	}
	free(names);
	return 0;
}

struct role *
catalog_add_file(struct catalog *c, const char *path, char **err)
{
	struct stat sb;
	char *id;
	struct role *r;

	if (stat(path, &sb) != 0) {
		*err = xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = xasprintf("%s is not a regular file", path);
		return NULL;
	}
	if ((id = id_refused(files_basename(path))) != NULL) {
		char *clean = escaped(path);
		*err = xasprintf("cannot read %s as a role: %s", clean, id);
		free(clean);
		free(id);
		return NULL;
	}
	id = id_from_path(path);
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i]->id, id) == 0) {
			role_free(c->v[i]);
			memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
			c->n--;
			break;
		}
	r = role_new(id, xstrdup(path), ORIGIN_FILE);
	/* Files named on the command line come first. */
	catalog_push(c, r);
	memmove(&c->v[1], &c->v[0], (c->n - 1) * sizeof *c->v);
	c->v[0] = r;
	return r;
}
