/*
 * paths.c - XDG base directories and the bundled content folder.
 */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "paths.h"
#include "xalloc.h"

#ifndef ROLEBOOK_DATADIR
#define ROLEBOOK_DATADIR "/usr/local/share/rolebook"
#endif

static const char *
nonempty(const char *name)
{
	const char *v = getenv(name);

	/* XDG: a relative path is invalid and must be ignored. */
	return v != NULL && v[0] == '/' ? v : NULL;
}

static char *
xdg(const char *var, const char *fallback, const char *tail)
{
	const char *base = nonempty(var), *home;

	if (base != NULL)
		return xasprintf("%s/%s", base, tail);
	home = nonempty("HOME");
	if (home == NULL)
		return NULL;
	return xasprintf("%s/%s/%s", home, fallback, tail);
}

char *
paths_db(void)
{
	const char *env = getenv("ROLEBOOK_DB");

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return xdg("XDG_STATE_HOME", ".local/state", "rolebook/rolebook.db");
}

char *
paths_search_db(void)
{
	return xdg("XDG_CACHE_HOME", ".cache", "rolebook/search.db");
}

char *
paths_cache(const char *name)
{
	return xdg("XDG_CACHE_HOME", ".cache", name);
}

char *
paths_user_roles(void)
{
	return xdg("XDG_DATA_HOME", ".local/share", "rolebook/roles");
}

char *
paths_allowed_signers(void)
{
	return xdg("XDG_CONFIG_HOME", ".config", "rolebook/allowed_signers");
}

static bool
is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *
paths_bundled_roles(const char *argv0)
{
	const char *env = getenv("ROLEBOOK_CONTENT_DIR");
	char exe[PATH_MAX], *p;
	ssize_t n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Run from a build tree: content/roles next to the binary (or one up,
	 * for a VPATH build) wins over an older installed copy. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strchr(exe, '/') != NULL) {
			char *dir = files_dirname(exe);

			p = xasprintf("%s/content/roles", dir);
			if (!is_dir(p) || (access(ROLEBOOK_DATADIR "/roles", F_OK) == 0 &&
					   strncmp(dir, "/usr", 4) == 0)) {
				free(p);
				p = NULL;
			}
			free(dir);
			if (p != NULL)
				return p;
		}
	}
	(void)argv0;
	return xstrdup(ROLEBOOK_DATADIR "/roles");
}

char *
paths_user_name(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u == NULL || *u == '\0')
		u = getenv("LOGNAME");
	if (u != NULL && *u != '\0')
		return xstrdup(u);
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	return xstrdup("me");
}
