/*
 * cli_output.c - where -o sends a command's output (see cli_output.h):
 * the one rule export and calendar share.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_output.h"
#include "files.h"
#include "text.h"
#include "xalloc.h"

/* A file name fit for a message. */
static char *
shown(const char *path)
{
	return text_clean(path, 0);
}

/* The descriptor a name such as /dev/stdout or /dev/fd/3 stands for, or -1. */
static int
named_fd(const char *path)
{
	static const char *const prefixes[] = {"/dev/fd/", "/proc/self/fd/"};
	char *end;
	long n;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t k = strlen(prefixes[i]);
		if (strncmp(path, prefixes[i], k) != 0 || path[k] < '0' || path[k] > '9')
			continue;
		errno = 0;
		n = strtol(path + k, &end, 10);
		if (*end == '\0' && errno == 0 && n <= INT_MAX)
			return (int)n;
	}
	return -1;
}

/* path with its folder resolved ("/real/folder/name"), or a copy of it
 * when the folder does not resolve; a new string. */
static char *
canonical(const char *path)
{
	char *dir = files_dirname(path), *real = realpath(dir, NULL), *c;

	c = real != NULL
		? xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, files_basename(path))
		: xstrdup(path);
	free(real);
	free(dir);
	return c;
}

/* Which of the database's files output is ("the database", "its
 * write-ahead log" ...), or NULL: by inode when both exist, by name
 * (folders resolved) otherwise. */
static const char *
database_file(const char *db, const char *output, const struct stat *osb)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	static const char *const what[] = {"the database", "the database's write-ahead log",
					   "the database's shared-memory index",
					   "the database's journal"};
	char *out = canonical(output);
	const char *found = NULL;

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0] && found == NULL; i++) {
		char *name = xasprintf("%s%s", db, suffix[i]), *c = canonical(name);
		struct stat sb;

		if ((osb != NULL && stat(name, &sb) == 0 && sb.st_dev == osb->st_dev &&
		     sb.st_ino == osb->st_ino) ||
		    strcmp(c, out) == 0)
			found = what[i];
		free(c);
		free(name);
	}
	free(out);
	return found;
}

/* Decides where output goes; 0, or 1 after saying why it cannot.  A
 * symbolic link to a file has *real set to the file (a new string), which
 * is replaced in its place. */
int
cli_output_target(struct store *st, const char *verb, const char *output, enum cli_target *t,
		  int *fd, char **real)
{
	const char *db = store_path(st), *which;
	struct stat lsb, sb;
	bool exists = stat(output, &sb) == 0;
	char *o;
	int n = named_fd(output);

	*t = CLI_TO_FILE;
	if (n >= 0) {
		/* the shell opened it: write there, whatever it is */
		*t = n == 1 ? CLI_TO_STDOUT : CLI_TO_FD;
		*fd = n;
		return 0;
	}
	if (!exists && lstat(output, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
		o = shown(output);
		cli_error("cannot %s to %s: it is a symbolic link to a file that does not "
			  "exist",
			  verb, o);
		free(o);
		return 1;
	}
	if (db != NULL && (which = database_file(db, output, exists ? &sb : NULL)) != NULL) {
		o = shown(output);
		cli_error("cannot %s to %s: it is %s (choose another file)", verb, o, which);
		free(o);
		return 1;
	}
	if (exists && S_ISREG(sb.st_mode) && lstat(output, &lsb) == 0 && S_ISLNK(lsb.st_mode))
		*real = realpath(output, NULL);
	if (!exists || S_ISREG(sb.st_mode))
		return 0;
	if (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode)) {
		*t = CLI_TO_DEVICE;
		return 0;
	}
	o = shown(output);
	cli_error("cannot %s to %s: it is %s", verb, o,
		  S_ISDIR(sb.st_mode) ? "a folder (name a file in it)"
				      : "not a regular file, a terminal or a pipe");
	free(o);
	return 1;
}

/* Writes text to the descriptor fd, or (fd < 0) to the terminal or pipe
 * output names, opened without creating or truncating anything. */
int
cli_output_into(const char *verb, const char *output, int fd, const char *text)
{
	int own = fd < 0 ? open(output, O_WRONLY | O_NOCTTY | O_CLOEXEC) : fd, err = 0;
	size_t len = strlen(text), off = 0;
	struct stat sb;

	if (own < 0)
		err = errno;
	else if (fd < 0 && (fstat(own, &sb) != 0 || !(S_ISFIFO(sb.st_mode) || isatty(own))))
		err = ENOTTY; /* a device, but not a terminal: nothing to show it on */
	while (err == 0 && off < len) {
		ssize_t w = write(own, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			err = errno;
		else
			off += (size_t)w;
	}
	if (fd < 0 && own >= 0)
		close(own);
	if (err != 0) {
		char *o = shown(output);
		cli_error("cannot %s to %s: %s", verb, o,
			  err == ENOTTY ? "it is a device, not a terminal or a pipe"
					: strerror(err));
		free(o);
		return 1;
	}
	return 0;
}
