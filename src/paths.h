/*
 * paths.h - where rolebook finds its files (XDG base directories).
 *
 * Each function returns a new string the caller frees.  Nothing is
 * created here; the store creates its own folder.
 */
#ifndef ROLEBOOK_PATHS_H
#define ROLEBOOK_PATHS_H

/* $XDG_STATE_HOME/rolebook/rolebook.db (default ~/.local/state/...),
 * unless ROLEBOOK_DB is set.  NULL when neither HOME nor XDG is set. */
char *paths_db(void);
/* $XDG_CACHE_HOME/rolebook/search.db (default ~/.cache/...), the search
 * index (search_index.c), or NULL. */
char *paths_search_db(void);
/* $XDG_CACHE_HOME/NAME (default ~/.cache/NAME), or NULL. */
char *paths_cache(const char *name);
/* $XDG_DATA_HOME/rolebook/roles (default ~/.local/share/...), or NULL. */
char *paths_user_roles(void);
/* The bundled roles: $ROLEBOOK_CONTENT_DIR if set, else the installed
 * folder, else content/roles beside the executable (a build tree). */
char *paths_bundled_roles(const char *argv0);
/* $XDG_CONFIG_HOME/rolebook/allowed_signers (default ~/.config/...), or
 * NULL: the SSH keys imports trust. */
char *paths_allowed_signers(void);
/* The login name for the default profile ($USER, $LOGNAME, getpwuid). */
char *paths_user_name(void);

#endif
