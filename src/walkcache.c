/*
 * walkcache.c - the folder walk's cache (see walkcache.h).
 *
 * The file, in the machine's byte order (it never leaves the machine):
 *   "RBWALK1\n", the writing walk's start (u64 seconds, u64 nanoseconds),
 *   the writer's identity (u64: a hash of its user and groups), the top
 *   folder's real path (u32 length, bytes), the number of folders (u32),
 *   then for each: its path below the top (u32 length, bytes), device,
 *   inode, mtime and ctime (u64 each; seconds and nanoseconds), its
 *   entries (u32 length, bytes); last, a hash of every byte before it
 *   (u64), so that a torn or damaged file is never read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "hash.h"
#include "paths.h"
#include "strbuf.h"
#include "walkcache.h"
#include "xalloc.h"

#define MAGIC "RBWALK1\n"
#define MAX_FILE (64u << 20)	/* a bigger file is not read */
#define REC_MIN (4 + 6 * 8 + 4) /* the bytes of a folder with no path nor entries */

struct rec {
	const char *rel; /* not NUL-terminated when read from the file */
	size_t rellen;
	int64_t dev, ino, ms, mn, cs, cn;
	const char *names;
	size_t len;
	char *own; /* rel and names, when not in the old file's bytes */
};

struct walkcache {
	char *path, *top;
	uint64_t ident;
	struct timespec start; /* this walk's */
	int64_t old_s, old_n;  /* the walk that wrote the file read */
	char *data;	       /* the file read */
	struct rec *old;
	size_t nold, *slot, mask; /* old records by rel (index + 1) */
	struct rec *new;
	size_t nnew, new_cap, hits, used;
	bool dirty;
};

static long clock_shift; /* walkcache_shift_clock() */

void
walkcache_shift_clock(long seconds)
{
	clock_shift = seconds;
}

/* ---- reading ---- */

struct cursor {
	const char *p, *end;
	bool bad;
};

static const char *
take(struct cursor *c, size_t n)
{
	const char *p = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	return p;
}

static uint64_t
take_u64(struct cursor *c)
{
	const char *p = take(c, 8);
	uint64_t v = 0;

	if (p != NULL)
		memcpy(&v, p, 8);
	return v;
}

static uint32_t
take_u32(struct cursor *c)
{
	const char *p = take(c, 4);
	uint32_t v = 0;

	if (p != NULL)
		memcpy(&v, p, 4);
	return v;
}

/* True when names holds entries as the walk keeps them: a kind, a name
 * that is no hidden entry nor a path, a NUL; a file's name ends in .md. */
static bool
names_ok(const char *names, size_t len)
{
	for (size_t k = 0; k < len;) {
		const char *name = names + k + 1, *nul;
		size_t n;

		if (len - k < 3 || (names[k] != 'f' && names[k] != 'd'))
			return false;
		if ((nul = memchr(name, '\0', len - k - 1)) == NULL)
			return false;
		n = (size_t)(nul - name);
		if (n == 0 || n > NAME_MAX || name[0] == '.' || memchr(name, '/', n) != NULL)
			return false;
		if (names[k] == 'f' && (n < 4 || strcasecmp(name + n - 3, ".md") != 0))
			return false;
		k += n + 2;
	}
	return true;
}

static size_t
rel_hash(const char *rel, size_t n)
{
	return hash_bytes(rel, n, 0x77616c6b);
}

/* The old record of rel, or NULL. */
static struct rec *
old_find(const struct walkcache *wc, const char *rel, size_t n)
{
	if (wc->slot == NULL)
		return NULL;
	for (size_t k = rel_hash(rel, n) & wc->mask; wc->slot[k] != 0; k = (k + 1) & wc->mask) {
		struct rec *r = &wc->old[wc->slot[k] - 1];
		if (r->rellen == n && memcmp(r->rel, rel, n) == 0)
			return r;
	}
	return NULL;
}

/* Parses the file's bytes into wc->old; false (nothing kept) when they
 * are not a whole cache of this tree by this user. */
static bool
parse(struct walkcache *wc, const char *data, size_t size)
{
	struct cursor c = {data, data + size, false};
	size_t toplen = strlen(wc->top), nrec, sum;
	const char *p;

	if (size < sizeof MAGIC - 1 + 8 || memcmp(data, MAGIC, sizeof MAGIC - 1) != 0)
		return false;
	memcpy(&sum, data + size - 8, sizeof sum < 8 ? sizeof sum : 8);
	if (hash_bytes(data, size - 8, 0) != sum)
		return false;
	c.end -= 8;
	take(&c, sizeof MAGIC - 1);
	wc->old_s = (int64_t)take_u64(&c);
	wc->old_n = (int64_t)take_u64(&c);
	if (take_u64(&c) != wc->ident || take_u32(&c) != toplen)
		return false;
	if ((p = take(&c, toplen)) == NULL || memcmp(p, wc->top, toplen) != 0)
		return false;
	if (wc->old_s < WALKCACHE_RACY_NS / 1000000000 || wc->old_n < 0 || wc->old_n >= 1000000000)
		return false;
	/* a walk "later" than now: the clock went back; trust nothing */
	if (wc->old_s > (int64_t)wc->start.tv_sec ||
	    (wc->old_s == (int64_t)wc->start.tv_sec && wc->old_n > wc->start.tv_nsec))
		return false;
	nrec = take_u32(&c);
	if (c.bad || nrec > (size_t)(c.end - c.p) / REC_MIN)
		return false;
	wc->old = xcalloc(nrec + 1, sizeof *wc->old);
	for (size_t i = 0; i < nrec; i++) {
		struct rec *r = &wc->old[i];
		int64_t *f[] = {&r->dev, &r->ino, &r->ms, &r->mn, &r->cs, &r->cn};

		r->rellen = take_u32(&c);
		r->rel = take(&c, r->rellen);
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			*f[k] = (int64_t)take_u64(&c);
		r->len = take_u32(&c);
		r->names = take(&c, r->len);
		if (c.bad || !names_ok(r->names, r->len))
			return false;
	}
	if (c.p != c.end)
		return false;
	wc->nold = nrec;
	for (wc->mask = 15; wc->mask < nrec * 2; wc->mask = wc->mask * 2 + 1)
		;
	wc->slot = xcalloc(wc->mask + 1, sizeof *wc->slot);
	for (size_t i = 0; i < nrec; i++) {
		size_t k = rel_hash(wc->old[i].rel, wc->old[i].rellen) & wc->mask;
		if (old_find(wc, wc->old[i].rel, wc->old[i].rellen) != NULL)
			return false; /* a folder twice */
		while (wc->slot[k] != 0)
			k = (k + 1) & wc->mask;
		wc->slot[k] = i + 1;
	}
	return true;
}

static void
load(struct walkcache *wc)
{
	struct stat sb;
	int fd = open(wc->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t size, got = 0;

	if (fd < 0)
		return;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
	    (uintmax_t)sb.st_size > MAX_FILE) {
		close(fd);
		return;
	}
	size = (size_t)sb.st_size;
	wc->data = xmalloc(size);
	while (got < size) {
		ssize_t n = read(fd, wc->data + got, size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != size || !parse(wc, wc->data, size)) {
		free(wc->old);
		free(wc->slot);
		wc->old = NULL;
		wc->slot = NULL;
		wc->nold = 0;
		wc->dirty = true;
	}
}

/* The user and groups: a cache written by another (root with this HOME,
 * or before a change of groups) may list folders this one cannot read. */
static uint64_t
identity(void)
{
	gid_t groups[256];
	int n = getgroups(256, groups);
	uint64_t id[2] = {(uint64_t)geteuid(), (uint64_t)getegid()};
	uint64_t h = hash_bytes((const char *)id, sizeof id, 1);

	if (n > 0)
		h ^= hash_bytes((const char *)groups, (size_t)n * sizeof *groups, 2);
	else if (n < 0)
		h = ~h;
	return h;
}

struct walkcache *
walkcache_open_file(const char *path, const char *top)
{
	struct walkcache *wc = xcalloc(1, sizeof *wc);

	wc->path = xstrdup(path);
	wc->top = xstrdup(top);
	wc->ident = identity();
	clock_gettime(CLOCK_REALTIME, &wc->start);
	wc->start.tv_sec += clock_shift;
	load(wc);
	return wc;
}

struct walkcache *
walkcache_open(const char *top)
{
	char name[40], *path;
	struct walkcache *wc;

	snprintf(name, sizeof name, "rolebook/walk-%016llx",
		 (unsigned long long)hash_bytes(top, strlen(top), 0x746f70));
	if ((path = paths_cache(name)) == NULL)
		return NULL;
	wc = walkcache_open_file(path, top);
	free(path);
	return wc;
}

/* ---- the walk ---- */

static bool
same_stat(const struct rec *r, const struct stat *sb)
{
	return r->dev == (int64_t)sb->st_dev && r->ino == (int64_t)sb->st_ino &&
	       r->ms == (int64_t)sb->st_mtim.tv_sec && r->mn == (int64_t)sb->st_mtim.tv_nsec &&
	       r->cs == (int64_t)sb->st_ctim.tv_sec && r->cn == (int64_t)sb->st_ctim.tv_nsec;
}

/* True when the time s.n is older than the old walk by the racy margin. */
static bool
settled(const struct walkcache *wc, int64_t s, int64_t n)
{
	int64_t ls = wc->old_s - WALKCACHE_RACY_NS / 1000000000, ln = wc->old_n;

	return s < ls || (s == ls && n < ln);
}

static struct rec *
new_rec(struct walkcache *wc)
{
	wc->new = xgrow(wc->new, &wc->new_cap, wc->nnew + 1, sizeof *wc->new);
	memset(&wc->new[wc->nnew], 0, sizeof *wc->new);
	return &wc->new[wc->nnew++];
}

bool
walkcache_has(const struct walkcache *wc, const char *rel)
{
	return wc != NULL && old_find(wc, rel, strlen(rel)) != NULL;
}

const char *
walkcache_get(struct walkcache *wc, const char *rel, const struct stat *sb, size_t *len)
{
	struct rec *r, *n;

	if (wc == NULL || (r = old_find(wc, rel, strlen(rel))) == NULL)
		return NULL;
	if (!same_stat(r, sb) || !settled(wc, r->ms, r->mn) || !settled(wc, r->cs, r->cn))
		return NULL;
	n = new_rec(wc);
	*n = *r;
	wc->hits++;
	wc->used++;
	*len = r->len;
	return r->names;
}

void
walkcache_put(struct walkcache *wc, const char *rel, const struct stat *sb, const char *names,
	      size_t len)
{
	size_t rellen = strlen(rel);
	struct rec *r, *old;

	if (wc == NULL)
		return;
	old = old_find(wc, rel, rellen);
	/* the same as before and settled now: the file need not change */
	if (old != NULL && same_stat(old, sb) && old->len == len &&
	    (len == 0 || memcmp(old->names, names, len) == 0) && settled(wc, old->ms, old->mn) &&
	    settled(wc, old->cs, old->cn))
		wc->used++;
	else
		wc->dirty = true;
	r = new_rec(wc);
	r->own = xmalloc(rellen + len + 1);
	memcpy(r->own, rel, rellen);
	if (len > 0)
		memcpy(r->own + rellen, names, len);
	r->rel = r->own;
	r->rellen = rellen;
	r->names = r->own + rellen;
	r->len = len;
	r->dev = (int64_t)sb->st_dev;
	r->ino = (int64_t)sb->st_ino;
	r->ms = (int64_t)sb->st_mtim.tv_sec;
	r->mn = (int64_t)sb->st_mtim.tv_nsec;
	r->cs = (int64_t)sb->st_ctim.tv_sec;
	r->cn = (int64_t)sb->st_ctim.tv_nsec;
}

size_t
walkcache_hits(const struct walkcache *wc)
{
	return wc != NULL ? wc->hits : 0;
}

/* ---- writing ---- */

static void
put_u64(struct strbuf *b, uint64_t v)
{
	strbuf_add(b, (const char *)&v, 8);
}

static void
put_u32(struct strbuf *b, size_t v)
{
	uint32_t u = (uint32_t)v;
	strbuf_add(b, (const char *)&u, 4);
}

/* Writes the file: a new one beside it, renamed over it. */
static void
save(struct walkcache *wc)
{
	struct strbuf b = STRBUF_INIT;
	char *tmp;
	size_t sum, off = 0;
	int fd;

	strbuf_add(&b, MAGIC, sizeof MAGIC - 1);
	put_u64(&b, (uint64_t)wc->start.tv_sec);
	put_u64(&b, (uint64_t)wc->start.tv_nsec);
	put_u64(&b, wc->ident);
	put_u32(&b, strlen(wc->top));
	strbuf_puts(&b, wc->top);
	put_u32(&b, wc->nnew);
	for (size_t i = 0; i < wc->nnew; i++) {
		const struct rec *r = &wc->new[i];
		const int64_t f[] = {r->dev, r->ino, r->ms, r->mn, r->cs, r->cn};

		put_u32(&b, r->rellen);
		strbuf_add(&b, r->rel, r->rellen);
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			put_u64(&b, (uint64_t)f[k]);
		put_u32(&b, r->len);
		strbuf_add(&b, r->names, r->len);
	}
	sum = hash_bytes(b.s, b.len, 0);
	put_u64(&b, (uint64_t)sum);
	if (files_make_folders(wc->path, NULL) != 0) {
		strbuf_free(&b);
		return;
	}
	tmp = files_replace_tmp(wc->path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0) {
		while (off < b.len) {
			ssize_t n = write(fd, b.s + off, b.len - off);
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		/* (no fsync: a torn file fails its hash and is rewritten) */
		if (close(fd) != 0 || off != b.len || rename(tmp, wc->path) != 0)
			unlink(tmp);
	}
	free(tmp);
	strbuf_free(&b);
}

void
walkcache_close(struct walkcache *wc)
{
	if (wc == NULL)
		return;
	if (wc->dirty || wc->used != wc->nold)
		save(wc);
	for (size_t i = 0; i < wc->nnew; i++)
		free(wc->new[i].own);
	free(wc->new);
	free(wc->old);
	free(wc->slot);
	free(wc->data);
	free(wc->path);
	free(wc->top);
	free(wc);
}
