/*
 * files.c - reading a whole file, and the folder part of a path.
 *
 * files_read() reads in chunks, so pipes (an export on stdin) and files
 * whose size changed since fstat() are read the same way, and it never
 * holds more than one chunk past the caller's limit.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "files.h"
#include "xalloc.h"

#define CHUNK 65536

int
files_read(FILE *f, size_t max, char **data, size_t *len)
{
	size_t n = 0, cap = 0;
	char *buf = NULL;
	int err = 0;

	*data = NULL;
	*len = 0;
	for (;;) {
		/* at most one byte past the limit, to tell that it was passed */
		size_t want = max - n < CHUNK ? max - n + 1 : CHUNK, got;

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
