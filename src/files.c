/*
 * files.c - reading a whole file, replacing one safely, and the folder
 * part of a path.
 *
 * files_read() reads in chunks, so pipes (an export on stdin) and files
 * whose size changed since fstat() are read the same way, and it never
 * holds more than one chunk past the caller's limit (a file's size under
 * the limit is read at once, into a buffer of that size).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "xalloc.h"

#define CHUNK 65536
#define HUGE_PAGE (2u * 1024 * 1024)

/*
 * A buffer of at least n bytes for a file's text (its size in *cap): a
 * large one on pages of 2 MiB where the system gives them when asked
 * (Linux's transparent huge pages in their "madvise" mode).  Read into
 * pages of 4 KiB, 10 MiB cost a page fault each, 2,560 of them, several
 * times the copy itself (the reader's first frame of a large document).
 */
static char *
file_buffer(size_t n, size_t *cap)
{
#ifdef MADV_HUGEPAGE
	if (n >= 2 * HUGE_PAGE) {
		size_t size = n / HUGE_PAGE * HUGE_PAGE + HUGE_PAGE;
		char *p = aligned_alloc(HUGE_PAGE, size);

		if (p != NULL) {
			(void)madvise(p, size, MADV_HUGEPAGE); /* advice: may be refused */
			*cap = size;
			return p;
		}
	}
#endif
	*cap = n;
	return xmalloc(n);
}

int
files_read(FILE *f, size_t max, char **data, size_t *len)
{
	size_t n = 0, cap = 0;
	char *buf = NULL;
	int err = 0;
	struct stat sb;

	*data = NULL;
	*len = 0;
	/* a file's size, when it tells, sizes the buffer: one read, no copy */
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (unsigned long long)sb.st_size < max)
		buf = file_buffer((size_t)sb.st_size + 2, &cap);
	for (;;) {
		/* at most one byte past the limit, to tell that it was passed */
		size_t want = max - n < CHUNK ? max - n + 1 : CHUNK, got;

		if (cap > n + 1 && cap - n - 1 > want && cap - n - 1 <= max - n + 1)
			want = cap - n - 1; /* the room there is */
		buf = xgrow(buf, &cap, n + want + 1, 1);
		errno = 0;
		got = fread(buf + n, 1, want, f);
		n += got;
		if (n > max) {
			err = EFBIG;
			break;
		}
		if (got < want) {
			if (ferror(f))
				err = errno != 0 ? errno : EIO;
			break;
		}
	}
	if (err != 0) {
		free(buf);
		return err;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

const char *
files_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

char *
files_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
files_make_folders(const char *path, char **failed)
{
	char *dir = files_dirname(path), *p;
	int err = 0;

	for (p = dir + 1; err == 0; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			err = errno;
			if (failed != NULL)
				*failed = xstrdup(dir);
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return err;
}

char *
files_replace_tmp(const char *path)
{
	char *dir = files_dirname(path);
	char *tmp = xasprintf("%s/.%s.rolebook-tmp", dir, files_basename(path));

	free(dir);
	return tmp;
}

static int
write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		off += (size_t)w;
	}
	return 0;
}

/* An unnamed file in dir holding data, synced, given the name tmp; -1
 * with errno when the system has no O_TMPFILE (or no /proc to name it
 * by), so that the caller writes tmp directly. */
static int
unnamed(const char *dir, const char *tmp, const char *data, size_t len, const char **what)
{
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600), err;
	char proc[64];

	if (fd < 0)
		return errno == ENOENT || errno == EACCES || errno == EROFS || errno == ENOSPC ||
			       errno == EDQUOT
			   ? errno
			   : -1;
	*what = "write";
	err = write_all(fd, data, len);
	if (err == 0 && fsync(fd) != 0)
		err = errno;
	if (err == 0) {
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		*what = "create";
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) != 0)
			err = errno == ENOENT ? -1 : errno;
	}
	close(fd);
	return err;
#else
	(void)dir, (void)tmp, (void)data, (void)len, (void)what;
	return -1;
#endif
}

int
files_replace(const char *path, const char *data, size_t len, const char **what)
{
	char *dir = files_dirname(path), *tmp = files_replace_tmp(path);
	int fd, dfd, err;

	*what = "create";
	/* what an export killed on its way left behind */
	if (unlink(tmp) != 0 && errno != ENOENT) {
		err = errno;
		goto done;
	}
	err = unnamed(dir, tmp, data, len, what);
	if (err < 0) {
		*what = "create";
		err = 0;
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			err = errno;
			goto done;
		}
		*what = "write";
		err = write_all(fd, data, len);
		if (err == 0 && fsync(fd) != 0)
			err = errno;
		if (close(fd) != 0 && err == 0)
			err = errno;
	}
	if (err == 0) {
		*what = "replace";
		if (rename(tmp, path) != 0)
			err = errno;
	}
	if (err != 0)
		unlink(tmp);
	else if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		/* the rename is durable once the folder is synced */
		fsync(dfd);
		close(dfd);
	}
done:
	free(tmp);
	free(dir);
	return err;
}
