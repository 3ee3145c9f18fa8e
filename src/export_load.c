/*
 * export_load.c - importing an export from a file: its signature checked
 * first (sign.h), then export_import_with(); and loading a folder of
 * exports (and its subfolders) for review.  Nothing here prints.
 *
 * Invariants:
 *
 * - A signature is checked against the very bytes that are imported: they
 *   are read once, copied to a private temporary file, and ssh-keygen reads
 *   that copy, so a file changed between the check and the import cannot
 *   slip through.
 * - A file with a FILE.sig beside it is signed: when the signature cannot
 *   be verified the file is refused whole, never taken as unsigned.
 * - A folder is walked without following symbolic links, and only regular
 *   files are opened (O_NOFOLLOW | O_NONBLOCK, then fstat), so a FIFO or a
 *   link to a terminal cannot block.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export_doc.h"
#include "files.h"
#include "sign.h"
#include "text.h"
#include "xalloc.h"

/* Verifies sigpath over data[0..len) against allowed: *signer a new
 * string on EXPORT_OK. */
static enum export_status
verify(const char *data, size_t len, const char *sigpath, const char *allowed, char **signer,
       char **detail)
{
	const char *tmpdir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/rolebook-verify.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	char *why = NULL;
	int fd = mkstemp(tmp);
	size_t off = 0;
	enum sign_status s;

	*signer = NULL;
	if (allowed == NULL) {
		xreplacef(detail,
			  "the file is signed, but no allowed-signers file says whose keys to "
			  "trust (give --allowed-signers FILE); nothing was changed");
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return EXPORT_ERR_SIGNATURE;
	}
	if (fd < 0) {
		xreplacef(detail, "cannot make a temporary file to verify: %s", strerror(errno));
		free(tmp);
		return EXPORT_ERR_IO;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		off += (size_t)w;
	}
	close(fd);
	s = off == len ? sign_verify(allowed, tmp, sigpath, signer, &why) : SIGN_ERR_TOOL;
	unlink(tmp);
	free(tmp);
	if (s == SIGN_OK && !export_name_ok(*signer, NULL)) {
		s = SIGN_ERR_UNKNOWN;
		xreplacef(&why, "the allowed-signers principal is not a valid name");
		free(*signer);
		*signer = NULL;
	}
	if (s != SIGN_OK) {
		if (s == SIGN_ERR_NOSIGNERS && why != NULL) /* it says so itself */
			xreplacef(detail, "%s; nothing was changed", why);
		else
			xreplacef(detail, "%s: %s; nothing was changed", sign_strerror(s),
				  why ? why : "ssh-keygen refused it");
		free(why);
		return s == SIGN_ERR_TOOL ? EXPORT_ERR_IO : EXPORT_ERR_SIGNATURE;
	}
	free(why);
	return EXPORT_OK;
}

enum export_status
export_import_file(struct store *st, const char *path, const struct export_import_opts *o,
		   char **profile, char **signer, struct export_counts *counts, char **detail)
{
	struct export_import_opts opts = *o;
	char *data, *who = NULL, *sig = xasprintf("%s.sig", path);
	size_t len;
	struct stat sb;
	enum export_status status;

	if (profile != NULL)
		*profile = NULL;
	if (signer != NULL)
		*signer = NULL;
	status = export_read_file(path, &data, &len, detail);
	if (status != EXPORT_OK) {
		free(sig);
		return status;
	}
	opts.signer = NULL;
	if (strcmp(path, "-") != 0 && lstat(sig, &sb) == 0) {
		status = verify(data, len, sig, o->allowed, &who, detail);
		opts.signer = who;
	}
	if (status == EXPORT_OK)
		status = export_import_with(st, data, len, &opts, profile, counts, detail);
	if (status == EXPORT_OK && signer != NULL)
		*signer = who;
	else
		free(who);
	free(data);
	free(sig);
	return status;
}

/* "alice.json, signed by alice, 2 days old" of one source. */
static char *
source_one(const struct store_source *src, int64_t now)
{
	char *name = text_clean(src->file, 0), *out, age[48];
	int64_t at = src->exported_at, days = now > at ? (now - at) / (24 * 60 * 60) : 0;

	if (at <= 0)
		snprintf(age, sizeof age, "undated");
	else if (days == 0)
		snprintf(age, sizeof age, "exported today");
	else
		snprintf(age, sizeof age, "%lld day%s old", (long long)days, days == 1 ? "" : "s");
	out = src->signer ? xasprintf("%s, signed by %s, %s", name, src->signer, age)
			  : xasprintf("%s, unverified, %s", name, age);
	free(name);
	return out;
}

char *
export_source_text(struct store *st, const char *profile, const char *role, const char *rater,
		   int64_t now)
{
	struct store_source *v = NULL;
	size_t n = 0;
	char *out = NULL;

	if (store_sources_of(st, profile, role, rater, &v, &n) != STORE_OK || n == 0) {
		store_sources_free(v, n);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char *one = source_one(&v[i], now), *next;

		/* several files: how many records each gave */
		if (n > 1)
			next = xasprintf("%s%s%zu from %s", out ? out : "", out ? " + " : "",
					 v[i].records, one);
		else
			next = xstrdup(one);
		free(one);
		free(out);
		out = next;
	}
	store_sources_free(v, n);
	return out;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every "*.json" regular file under dir (at most depth levels of folders
 * below), as paths relative to dir, appended to *names. */
static void
collect(const char *dir, const char *rel, int depth, char ***names, size_t *n, size_t *cap)
{
	char *here = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	DIR *d = opendir(here);
	struct dirent *e;

	free(here);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *sub, *full;
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		sub = *rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		full = xasprintf("%s/%s", dir, sub);
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode) && depth > 0) {
			collect(dir, sub, depth - 1, names, n, cap);
			free(sub);
		} else if (len >= 6 && strcmp(e->d_name + len - 5, ".json") == 0) {
			*names = xgrow(*names, cap, *n + 1, sizeof **names);
			(*names)[(*n)++] = sub;
		} else {
			free(sub);
		}
		free(full);
	}
	closedir(d);
}

/* Folders below DIR that review reads. */
#define LOAD_DEPTH 8

enum export_status
export_load_dir(struct store *mem, const char *dir, const char *allowed, bool accept_unsigned,
		size_t *nloaded, char ***errors, size_t *nerrors, char **detail)
{
	DIR *d = opendir(dir);
	char **names = NULL, **errs = NULL, *own = NULL;
	size_t n = 0, cap = 0, nerr = 0, ecap = 0, loaded = 0;
	int64_t now = (int64_t)time(NULL);

	*errors = NULL;
	*nerrors = 0;
	if (nloaded != NULL)
		*nloaded = 0;
	if (d == NULL) {
		xreplacef(detail, "cannot read the folder %s: %s", dir, strerror(errno));
		return EXPORT_ERR_IO;
	}
	closedir(d);
	if (allowed == NULL) {
		own = xasprintf("%s/allowed_signers", dir);
		allowed = own;
	}
	collect(dir, "", LOAD_DEPTH, &names, &n, &cap);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]), *why = NULL, *name;
		struct export_import_opts o = {.file = names[i],
					       .now = now,
					       .allowed = allowed,
					       .accept_unsigned = accept_unsigned};
		enum export_status s = EXPORT_OK;
		struct stat sb;

		if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			s = EXPORT_ERR_IO;
			xreplacef(&why, "not a regular file");
		} else {
			s = export_import_file(mem, path, &o, NULL, NULL, NULL, &why);
		}
		if (s == EXPORT_OK) {
			loaded++;
		} else {
			name = text_clean(names[i], 0);
			errs = xgrow(errs, &ecap, nerr + 1, sizeof *errs);
			errs[nerr++] = xasprintf("%s: %s", name, why ? why : export_strerror(s));
			free(name);
		}
		free(why);
		free(path);
		free(names[i]);
	}
	free(names);
	free(own);
	*errors = errs;
	*nerrors = nerr;
	if (nloaded != NULL)
		*nloaded = loaded;
	return EXPORT_OK;
}

void
export_errors_free(char **errors, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(errors[i]);
	free(errors);
}
