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
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "export.h"
#include "files.h"
#include "idset.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "walkcache.h"
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
	for (size_t i = 0; i < c->nsrc; i++)
		free(c->src[i].dir);
	free(c->src);
	for (size_t i = 0; i < c->ngone; i++)
		role_free(c->gone[i]);
	free(c->gone);
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
 * True for a name that export_name_ok() takes at a glance: printable
 * ASCII (one script, Latin, and nothing invisible), 1 to STORE_NAME_MAX
 * bytes, no space at either end, not ending in ".md".  Most file names
 * are such; the others take the whole check.
 */
static bool
plain_id(const char *s, size_t n)
{
	if (n == 0 || n > STORE_NAME_MAX || s[0] == ' ' || s[n - 1] == ' ' ||
	    (n > 3 && strncasecmp(s + n - 3, ".md", 3) == 0))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return false;
	return true;
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
	if (plain_id(base, n))
		return NULL; /* the usual name: no copy, no decoding */
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

/* Says why a file (folder false) or a folder is left out. */
static void
refuse(struct catalog *c, const char *dir, const char *name, bool folder, const char *why)
{
	char *path = xasprintf("%s/%s", dir, name), *clean = escaped(path);

	c->refused = xgrow(c->refused, &c->refused_cap, c->nrefused + 1, sizeof *c->refused);
	c->refused[c->nrefused++] =
	    folder ? xasprintf("the folder %s is not read: %s", clean, why)
		   : xasprintf("the role file %s is not listed: %s", clean, why);
	c->nrefused_folders += folder;
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

/* What a walk of one folder tree keeps. */
struct walk {
	struct catalog *c;
	enum role_origin origin;
	struct id_set set;
	/* every folder walked (device, inode): a link looping back or a
	 * second way to a folder is not walked again */
	struct walked {
		dev_t dev;
		ino_t ino;
	} * seen;
	size_t nseen, seen_cap;
	char *top;		 /* the real path of the folder walked, or NULL */
	char *buf;		 /* a folder's entries as the system hands them (walk_next) */
	struct walkcache *cache; /* or NULL */
	int topfd;		 /* the top, open, when there is a cache */
};

/* Folders the walk took from its cache (for tests). */
static size_t walk_cache_hits;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
#define WALK_GETDENTS 1
#define WALK_BUF 32768
#endif

/* One folder's entries, read from its descriptor: with getdents64(2)
 * where the C library has it (no DIR: no fstat and fcntl of each folder,
 * no buffer allocated for each), readdir(3) elsewhere. */
struct entries {
	int fd;
	bool failed; /* a read failed: the entries are not all there */
#ifdef WALK_GETDENTS
	size_t pos, len;
#else
	DIR *d;
#endif
};

/* Opens the entries of folder fd (taken: closed by walk_end, even when
 * this fails). */
static bool
walk_begin(struct walk *w, struct entries *e, int fd)
{
	e->fd = fd;
	e->failed = false;
#ifdef WALK_GETDENTS
	if (w->buf == NULL)
		w->buf = xmalloc(WALK_BUF);
	e->pos = e->len = 0;
	return true;
#else
	(void)w;
	return (e->d = fdopendir(fd)) != NULL;
#endif
}

/* The next entry's name and type (a DT_ value), or NULL at the end (or on
 * an error: the entries so far are walked, as readdir(3) would). */
static const char *
walk_next(struct walk *w, struct entries *e, unsigned char *type)
{
#ifdef WALK_GETDENTS
	const struct dirent64 *de;

	if (e->pos >= e->len) {
		ssize_t n = getdents64(e->fd, w->buf, WALK_BUF);
		if (n <= 0) {
			e->failed = n < 0;
			return NULL;
		}
		e->pos = 0;
		e->len = (size_t)n;
	}
	de = (const struct dirent64 *)(void *)(w->buf + e->pos);
	e->pos += de->d_reclen;
	*type = de->d_type;
	return de->d_name;
#else
	struct dirent *de;

	(void)w;
	errno = 0;
	if ((de = readdir(e->d)) == NULL) {
		e->failed = errno != 0;
		return NULL;
	}
	*type = de->d_type;
	return de->d_name;
#endif
}

static void
walk_end(struct entries *e)
{
#ifdef WALK_GETDENTS
	close(e->fd);
#else
	if (e->d != NULL)
		closedir(e->d);
	else
		close(e->fd);
#endif
}

/* Deeper folders than this are not walked (no real tree is that deep). */
#define WALK_MAX_DEPTH 40

/* Folder names as walk_dir keeps them: a kind character, then the name. */
static int
cmp_dir(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* False when the folder was walked before; else remembers it. */
static bool
walk_first_visit(struct walk *w, const struct stat *sb)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino)
			return false;
	w->seen = xgrow(w->seen, &w->seen_cap, w->nseen + 1, sizeof *w->seen);
	w->seen[w->nseen].dev = sb->st_dev;
	w->seen[w->nseen].ino = sb->st_ino;
	w->nseen++;
	return true;
}

/* The kind of a directory entry: 'f' a regular file, 'd' a folder, 'l' a
 * folder that may be a symbolic link, 0 anything else.  The entry says so
 * without a stat() unless it is a link or the file system does not tell. */
static char
entry_kind(int dfd, const char *name, unsigned char type)
{
	struct stat sb;

	if (type == DT_REG)
		return 'f';
	if (type == DT_DIR)
		return 'd';
	if (type != DT_LNK && type != DT_UNKNOWN)
		return 0;
	/* from the folder's descriptor: one name looked up, not the path */
	if (fstatat(dfd, name, &sb, 0) != 0)
		return 0;
	return S_ISREG(sb.st_mode) ? 'f' : S_ISDIR(sb.st_mode) ? 'l' : 0;
}

static void walk_names(struct walk *w, int fd, const char *dir, const char *rel, const char *names,
		       size_t len, int depth);

/* True when path is a symbolic link to a folder inside the tree walked:
 * its files are listed where they are, not a second time by the link's
 * name (and a link to a folder above is a loop).  A link out of the
 * tree is walked. */
static bool
walk_link_inside(const struct walk *w, const char *path)
{
	struct stat sb;
	char *real;
	size_t n;
	bool inside;

	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode) || w->top == NULL)
		return false;
	if ((real = realpath(path, NULL)) == NULL)
		return true; /* dangling, or a loop the system gave up on */
	n = strlen(w->top);
	inside = strncmp(real, w->top, n) == 0 && (real[n] == '/' || real[n] == '\0' || n == 1);
	free(real);
	return inside;
}

/*
 * r, a file of a --content folder, has the id of a document an earlier
 * --content folder listed (both hold a README.md at the top): unless it is
 * the same file (the same folder given twice), it is listed too, under its
 * full real path, as a file opened directly is, so that the two never
 * share a record.  A role of your own or bundled one is not listed: a
 * --content folder's document of its id stands in for it.  True when r
 * is to be listed (its id and rel changed).
 */
static bool
walk_twin(struct walk *w, struct role *r)
{
	const struct role *twin = catalog_find(w->c, r->id);
	char *real, *treal;
	bool same;

	if (w->origin != ORIGIN_DIR || twin == NULL || twin->origin != ORIGIN_DIR)
		return false;
	if ((real = realpath(r->path, NULL)) == NULL)
		return false;
	treal = realpath(twin->path, NULL);
	same = treal != NULL && strcmp(real, treal) == 0;
	free(treal);
	if (same || strlen(real) > EXPORT_MAX_ROLE_ID || !id_set_add(&w->set, real)) {
		free(real);
		return false;
	}
	free(r->id);
	free(r->rel);
	r->id = real;
	r->rel = xstrdup(real);
	return true;
}

/* Adds the Markdown files of one folder (names sorted), rel its path
 * below the top ("" or "a/b/"). */
static void
walk_files(struct walk *w, const char *dir, const char *rel, char **names, size_t n)
{
	size_t dlen = strlen(dir), rlen = strlen(rel);

	if (n > 1) /* (an empty folder: no array) */
		qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		size_t nlen = strlen(names[i]);
		/* no printf per file: this loop runs before the first frame */
		char *path, *relpath, *base, *id, *why = id_refused(names[i]);
		struct role *r;

		if (why == NULL && rlen + nlen - 3 > EXPORT_MAX_ROLE_ID)
			why = xasprintf("a role id (its path in the folder) must have at most "
					"%d bytes",
					EXPORT_MAX_ROLE_ID);
		if (why != NULL) {
			refuse(w->c, dir, names[i], false, why);
			free(why);
			continue;
		}
		path = xmalloc(dlen + 1 + nlen + 1);
		memcpy(path, dir, dlen);
		path[dlen] = '/';
		memcpy(path + dlen + 1, names[i], nlen + 1);
		relpath = xmalloc(rlen + nlen + 1);
		memcpy(relpath, rel, rlen);
		memcpy(relpath + rlen, names[i], nlen + 1);
		/* a plain name (printable ASCII) is its own id, as sanitized */
		base = plain_id(names[i], nlen - 3) ? NULL : id_from_path(names[i]);
		{
			size_t blen = base ? strlen(base) : nlen - 3;
			id = xmalloc(rlen + blen + 1);
			memcpy(id, rel, rlen);
			memcpy(id + rlen, base ? base : names[i], blen);
			id[rlen + blen] = '\0';
		}
		free(base);
		r = role_new(id, path, w->origin);
		r->rel = relpath;
		r->root = w->c->root;
		r->top = w->top ? xstrdup(w->top) : NULL;
		if (id_set_add(&w->set, r->id) || walk_twin(w, r))
			catalog_push(w->c, r);
		else
			role_free(r);
	}
}

/* a, b and c joined (a new string): no formatting, before the first frame */
static char *
join3(const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
	char *s = xmalloc(na + nb + nc + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb);
	memcpy(s + na + nb, c, nc + 1);
	return s;
}

static void walk_dir(struct walk *w, int fd, const struct stat *sb, const char *dir,
		     const char *rel, int depth);

/* Walks folder sub (rel subrel, name in its folder dfd; dfd -1 when that
 * folder came from the cache and is not open): from the cache when it
 * holds the folder as it is, else read. */
static void
walk_sub(struct walk *w, int dfd, const char *name, const char *sub, const char *subrel, int depth)
{
	struct stat sb;
	const char *at = name, *names;
	char *relpath = NULL;
	size_t len;
	int base = dfd, fd;

	if (dfd < 0) { /* from the top's descriptor, by its path in the tree */
		relpath = xstrndup(subrel, strlen(subrel) - 1);
		base = w->topfd;
		at = relpath;
	}
	if (walkcache_has(w->cache, subrel)) {
		if (fstatat(base, at, &sb, 0) != 0 || !S_ISDIR(sb.st_mode))
			goto out;
		if ((names = walkcache_get(w->cache, subrel, &sb, &len)) != NULL) {
			walk_cache_hits++;
			if (walk_first_visit(w, &sb))
				walk_names(w, -1, sub, subrel, names, len, depth);
			goto out;
		}
	}
	/* opened from its folder's descriptor (one name looked up), and the
	 * folder open is the one stat()ed */
	fd = openat(base, at, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &sb) == 0 && walk_first_visit(w, &sb))
		walk_dir(w, fd, &sb, sub, subrel, depth); /* (closes fd) */
	else if (fd >= 0)
		close(fd);
out:
	free(relpath);
}

/* Walks the folders of one folder, open as dfd or -1 (names sorted, each
 * after its kind character: entry_kind's), each after the last. */
static void
walk_dirs(struct walk *w, int dfd, const char *dir, const char *rel, char **names, size_t n,
	  int depth)
{
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_dir);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i] + 1;
		bool link = names[i][0] == 'l';
		char *why = id_refused(name);
		char *sub, *subrel;

		if (why != NULL) {
			refuse(w->c, dir, name, true, why);
			free(why);
			continue;
		}
		if (depth + 1 > WALK_MAX_DEPTH)
			continue;
		sub = join3(dir, "/", name);
		subrel = join3(rel, name, "/");
		if (!(link && walk_link_inside(w, sub)))
			walk_sub(w, dfd, name, sub, subrel, depth + 1);
		free(sub);
		free(subrel);
	}
}

/* A folder's entries (see walk_dir) in names: its Markdown files, then its
 * folders, open as fd or -1. */
static void
walk_names(struct walk *w, int fd, const char *dir, const char *rel, const char *names, size_t len,
	   int depth)
{
	char **files = NULL, **dirs = NULL;
	size_t nf = 0, nd = 0, k;

	for (k = 0; k < len; k += strlen(names + k) + 1) {
		nf += names[k] == 'f';
		nd += names[k] != 'f';
	}
	if (nf > 0)
		files = xreallocarray(NULL, nf, sizeof *files);
	if (nd > 0)
		dirs = xreallocarray(NULL, nd, sizeof *dirs);
	nf = nd = 0;
	for (k = 0; k < len; k += strlen(names + k) + 1) {
		if (names[k] == 'f')
			files[nf++] = (char *)names + k + 1;
		else
			dirs[nd++] = (char *)names + k;
	}
	walk_files(w, dir, rel, files, nf);
	walk_dirs(w, fd, dir, rel, dirs, nd, depth);
	free(files);
	free(dirs);
}

/* One folder, open as fd (closed here), stat()ed as sb (or NULL) before
 * its entries are read: its files, then its folders.  A folder below the
 * top that cannot be read is left out, as find(1) goes on.  The folders
 * above stay open while it is walked (at most WALK_MAX_DEPTH
 * descriptors). */
static void
walk_dir(struct walk *w, int fd, const struct stat *sb, const char *dir, const char *rel, int depth)
{
	struct entries e;
	/* the names in one buffer (a folder's, "f" or its kind before each),
	 * not a string each */
	struct strbuf names = STRBUF_INIT;
	const char *name;
	unsigned char type;
	/* a link, or an entry of a type not given: what it is may change
	 * without the folder changing, so the folder is not cached */
	bool plain = true;

	if (walk_begin(w, &e, fd))
		while ((name = walk_next(w, &e, &type)) != NULL) {
			size_t len = strlen(name);
			bool md = len >= 4 && strcasecmp(name + len - 3, ".md") == 0;
			char kind;

			if (name[0] == '.') /* hidden, and "." and ".." */
				continue;
			plain = plain && type != DT_LNK && type != DT_UNKNOWN;
			/* a folder named *.md is walked as a folder */
			kind = entry_kind(fd, name, type);
			if ((kind == 'f' && md) || kind == 'd' || kind == 'l') {
				strbuf_add(&names, &kind, 1);
				strbuf_add(&names, name, len + 1);
			}
		}
	else
		plain = false;
	if (plain && !e.failed && sb != NULL)
		walkcache_put(w->cache, rel, sb, names.s, names.len);
	walk_names(w, fd, dir, rel, names.s, names.len, depth);
	walk_end(&e);
	strbuf_free(&names);
}

/* Notes a folder walked, for catalog_refresh() (once each). */
static void
catalog_remember(struct catalog *c, const char *dir, enum role_origin origin, bool optional)
{
	for (size_t i = 0; i < c->nsrc; i++)
		if (strcmp(c->src[i].dir, dir) == 0 && c->src[i].origin == origin)
			return;
	c->src = xgrow(c->src, &c->src_cap, c->nsrc + 1, sizeof *c->src);
	c->src[c->nsrc].dir = xstrdup(dir);
	c->src[c->nsrc].origin = origin;
	c->src[c->nsrc].optional = optional;
	c->nsrc++;
}

int
catalog_add_dir(struct catalog *c, const char *dir, enum role_origin origin, bool optional,
		char **err)
{
	struct walk w = {.c = c, .origin = origin, .topfd = -1};
	struct stat sb;
	const char *names;
	size_t len;
	bool statted;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		if (optional && (errno == ENOENT || errno == ENOTDIR))
			return 0;
		*err = xasprintf("cannot read folder %s: %s", dir, strerror(errno));
		return -1;
	}
	/* Ids seen so far in a hash set: a folder of thousands of roles is
	 * listed in linear time, not one catalog_find() per file. */
	id_set_init(&w.set, c->n + 64);
	for (size_t i = 0; i < c->n; i++)
		id_set_add(&w.set, c->v[i]->id);
	if ((statted = fstat(fd, &sb) == 0))
		walk_first_visit(&w, &sb);
	w.top = realpath(dir, NULL);
	if (statted && w.top != NULL && (w.cache = walkcache_open(w.top)) != NULL &&
	    (w.topfd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		walkcache_close(w.cache);
		w.cache = NULL;
	}
	if (statted && (names = walkcache_get(w.cache, "", &sb, &len)) != NULL) {
		walk_cache_hits++;
		walk_names(&w, fd, dir, "", names, len, 0);
		close(fd);
	} else {
		walk_dir(&w, fd, statted ? &sb : NULL, dir, "", 0); /* (closes fd) */
	}
	walkcache_close(w.cache);
	if (w.topfd >= 0)
		close(w.topfd);
	id_set_done(&w.set);
	free(w.seen);
	free(w.top);
	free(w.buf);
	catalog_remember(c, dir, origin, optional);
	return 0;
}

size_t
catalog_walk_cache_hits(void)
{
	return walk_cache_hits;
}

struct role *
catalog_find_file(const struct catalog *c, const char *real)
{
	for (size_t i = 0; i < c->n; i++) {
		char *p = realpath(c->v[i]->path, NULL);
		bool same = p != NULL && strcmp(p, real) == 0;
		free(p);
		if (same)
			return c->v[i];
	}
	return NULL;
}

char *
catalog_refused_summary(const struct catalog *c)
{
	size_t files = c->nrefused - c->nrefused_folders, dirs = c->nrefused_folders;
	const char *why =
	    c->nrefused == 1 ? "its name is no clean id" : "names that are no clean ids";

	if (c->nrefused == 0)
		return NULL;
	if (dirs == 0)
		return xasprintf("%zu role file%s not listed (%s): see why on quitting", files,
				 files == 1 ? " is" : "s are", "names that are no clean ids");
	if (files == 0)
		return xasprintf("%zu folder%s not read (%s): see why on quitting", dirs,
				 dirs == 1 ? " is" : "s are", why);
	return xasprintf("%zu role file%s and %zu folder%s not read (%s): see why on quitting",
			 files, files == 1 ? "" : "s", dirs, dirs == 1 ? "" : "s", why);
}

const char *
catalog_old_id(const struct catalog *c, const struct role *r)
{
	if (r->origin != ORIGIN_FILE || r->old_id == NULL || *r->old_id == '\0' ||
	    strcmp(r->old_id, r->id) == 0 || catalog_find(c, r->old_id) != NULL)
		return NULL;
	return r->old_id;
}

struct role *
catalog_add_file(struct catalog *c, const char *path, char **err)
{
	struct stat sb;
	char *why, *real;
	struct role *r;

	if (stat(path, &sb) != 0) {
		*err = xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = xasprintf("%s is not a regular file", path);
		return NULL;
	}
	if ((why = id_refused(files_basename(path))) != NULL) {
		char *clean = escaped(path);
		*err = xasprintf("cannot read %s as a role: %s", clean, why);
		free(clean);
		free(why);
		return NULL;
	}
	if ((real = realpath(path, NULL)) == NULL) {
		*err = xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (strlen(real) > EXPORT_MAX_ROLE_ID) {
		char *clean = escaped(real);
		*err = xasprintf("cannot read %s as a role: its path, its id, is longer than %d "
				 "bytes",
				 clean, EXPORT_MAX_ROLE_ID);
		free(clean);
		free(real);
		return NULL;
	}
	/* a file a folder lists is that folder's role, with its records */
	if ((r = catalog_find_file(c, real)) != NULL) {
		free(real);
		return r;
	}
	/* its identity: the full path, which no other file has */
	r = role_new(xstrdup(real), real, ORIGIN_FILE);
	r->rel = xstrdup(real);
	r->old_id = id_from_path(path); /* as catalog_add_file made ids then */
	r->root = c->root;
	if (catalog_find(c, r->id) != NULL) { /* (a role of that id: replaced) */
		for (size_t i = 0; i < c->n; i++)
			if (strcmp(c->v[i]->id, r->id) == 0) {
				role_free(c->v[i]);
				memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
				c->n--;
				break;
			}
	}
	/* Files named on the command line come first. */
	catalog_push(c, r);
	memmove(&c->v[1], &c->v[0], (c->n - 1) * sizeof *c->v);
	c->v[0] = r;
	return r;
}
