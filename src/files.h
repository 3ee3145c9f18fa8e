/*
 * files.h - reading a whole file, and the folder part of a path.
 *
 * The one whole-file reader and the one dirname: content, Markdown,
 * exports and the store all use these, each with its own size limit and
 * its own messages.
 */
#ifndef ROLEBOOK_FILES_H
#define ROLEBOOK_FILES_H

#include <stddef.h>
#include <stdio.h>

/*
 * Reads f to its end, at most max bytes.  On success returns 0, sets
 * *data to a new buffer (caller frees) holding the *len bytes read and a
 * NUL after them.  Returns EFBIG when f holds more than max bytes, or the
 * errno of a failed read; *data is then NULL and *len 0.  f is left open.
 */
int files_read(FILE *f, size_t max, char **data, size_t *len);

/* The part of path after its last '/' (all of it when it has none; ""
 * when it ends in '/'): a pointer into path. */
const char *files_basename(const char *path);

/* The folder part of path: "." when it has no '/', "/" for "/name".
 * Returns a new string. */
char *files_dirname(const char *path);

/*
 * Replaces path with data[0..len) (mode 0600), so that path holds either
 * its old bytes or all the new ones, even after a crash or a kill: the
 * bytes go to an unnamed file in path's folder (O_TMPFILE), are synced,
 * get the name ".BASENAME.rolebook-tmp" and are renamed over path; the
 * folder is synced too.  Without O_TMPFILE that name is written directly.
 * A process killed on the way leaves nothing, or that one name, which the
 * next replacement of path removes: temporary files cannot pile up.
 * Returns 0, or an errno with *what (static) saying which step failed
 * ("create", "write", "replace").
 */
int files_replace(const char *path, const char *data, size_t len, const char **what);

/* mkdir -p of path's folder; new folders get 0700.  Returns 0, or an
 * errno with *failed (a new string, when failed is not NULL) the folder
 * that could not be made. */
int files_make_folders(const char *path, char **failed);

/* The hidden name files_replace() uses beside path; a new string. */
char *files_replace_tmp(const char *path);

#endif
