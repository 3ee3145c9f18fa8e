/*
 * walkcache.h - a cache of the catalogue's folder walk, kept by folder
 * change times (as git's untracked cache is).
 *
 * For each content folder tree, $XDG_CACHE_HOME/rolebook/walk-HASH (mode
 * 0600, replaced whole by a rename; HASH of the top folder's real path)
 * holds every folder read (its path below the top, device, inode, mtime
 * and ctime in nanoseconds) with the entries the walk kept from it (kind
 * and name).  A folder whose device, inode, mtime and ctime are what the
 * cache says, and whose times are older than the walk that wrote the cache
 * by WALKCACHE_RACY_NS (a change in the same tick would leave the times
 * unchanged), is not opened: its entries come from the cache, and go
 * through the walk's rules as if just read.  Anything else is read as
 * before.  A cache file that is damaged, truncated, written by another
 * user (or set of groups), or for another folder, is ignored and
 * rewritten.  The cache is only an accelerator: the walk lists the same
 * with it as without it.
 */
#ifndef ROLEBOOK_WALKCACHE_H
#define ROLEBOOK_WALKCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* A folder changed less than this before the walk that wrote the cache
 * is read again (file systems keep times in ticks of up to 2 s). */
#define WALKCACHE_RACY_NS 2000000000LL

struct walkcache;

/* The cache of the tree whose real path is top, loaded (nothing when
 * there is none or it cannot be trusted); NULL when no cache folder is
 * known (neither XDG_CACHE_HOME nor HOME set). */
struct walkcache *walkcache_open(const char *top);

/* The same, from and to the file at path (for tests). */
struct walkcache *walkcache_open_file(const char *path, const char *top);

/* True when the cache holds folder rel (worth a stat to check it). */
bool walkcache_has(const struct walkcache *wc, const char *rel);

/*
 * The entries of folder rel ("" the top, "a/b/" below it) whose stat sb
 * was just taken, as the cache holds them, when they can be trusted:
 * each a kind ('f' a Markdown file, 'd' a folder), the name and a NUL,
 * *len bytes in all, valid until walkcache_close().  NULL otherwise.
 */
const char *walkcache_get(struct walkcache *wc, const char *rel, const struct stat *sb,
			  size_t *len);

/* Records folder rel, read now (stat sb taken before its entries were
 * read), with its entries as walkcache_get() gives them. */
void walkcache_put(struct walkcache *wc, const char *rel, const struct stat *sb, const char *names,
		   size_t len);

/* Writes the cache when it changed (errors ignored: it is only a cache)
 * and frees it. */
void walkcache_close(struct walkcache *wc);

/* How many folders walkcache_get() gave (for tests). */
size_t walkcache_hits(const struct walkcache *wc);

/* For tests: caches opened from now on take the clock as this many
 * seconds ahead (a tree just made is then older than the racy margin). */
void walkcache_shift_clock(long seconds);

#endif
