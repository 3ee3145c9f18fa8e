/*
 * open_run.c - runs what open_link.c decided (see open_run.h).  The URL
 * reaches the opener as one argument of argv, never through a shell, and
 * the terminal only as base64 inside OSC 52.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "open_run.h"

extern char **environ;

/* Openers started in the background and not reaped yet. */
static pid_t background[16];

static void
reap(void)
{
	for (size_t i = 0; i < sizeof background / sizeof background[0]; i++)
		if (background[i] > 0 && waitpid(background[i], NULL, WNOHANG) != 0)
			background[i] = 0;
}

static int
spawn(const char *program, const char *url, bool detach, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	char *argv[] = {(char *)program, (char *)url, NULL};
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	if (detach) {
		/* out of the terminal's way: its own group, no tty output */
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
		posix_spawnattr_setpgroup(&at, 0);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	}
	rc = posix_spawnp(pid, program, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	return rc;
}

int
open_run(const struct open_plan *p, const char *url, int fd)
{
	pid_t pid;
	int rc, status;

	reap();
	switch (p->method) {
	case OPEN_DESKTOP:
		if ((rc = spawn(p->program, url, true, &pid)) != 0)
			return rc;
		for (size_t i = 0; i < sizeof background / sizeof background[0]; i++)
			if (background[i] == 0) {
				background[i] = pid;
				return 0;
			}
		waitpid(pid, NULL, 0); /* too many at once: wait for this one */
		return 0;
	case OPEN_TERMINAL:
		if ((rc = spawn(p->program, url, false, &pid)) != 0)
			return rc;
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR)
				return errno;
		return WIFEXITED(status) && WEXITSTATUS(status) == 127 ? ENOENT : 0;
	case OPEN_CLIPBOARD: {
		char *seq = open_link_osc52(url);
		size_t len = strlen(seq), off = 0;
		rc = 0;
		while (off < len) {
			ssize_t w = write(fd, seq + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = errno;
				break;
			}
			off += (size_t)w;
		}
		free(seq);
		return rc;
	}
	case OPEN_SHOW: {
		/* on the terminal's own screen (the caller has left curses):
		 * the URL as one line the terminal wraps itself, so that
		 * selecting it gives it whole; it is printable ASCII
		 * (open_link_allowed) */
		char *msg = NULL;
		char c;
		ssize_t r;
		int len = asprintf(&msg,
				   "\r\nThe link, as one line to select and copy:\r\n\r\n%s\r\n\r\n"
				   "Press Enter to come back to rolebook. ",
				   url);
		if (len < 0)
			return ENOMEM;
		rc = 0;
		for (size_t off = 0; off < (size_t)len;) {
			ssize_t w = write(fd, msg + off, (size_t)len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = errno;
				break;
			}
			off += (size_t)w;
		}
		free(msg);
		while (rc == 0 && ((r = read(STDIN_FILENO, &c, 1)) > 0 ? c != '\n' && c != '\r'
								       : r < 0 && errno == EINTR))
			;
		return rc;
	}
	case OPEN_REFUSED:
		break;
	}
	return 0;
}
