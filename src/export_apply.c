/*
 * export_apply.c - applying a checked import document to a store.
 *
 * export_import() checks a document whole (export_check.c) before the
 * database is touched, then applies it in one transaction, so a refused
 * document leaves the database exactly as it was.  The merge rule is
 * export.h's.  Also here: reading an import from a file or standard input
 * and loading a folder of exports for review.  Nothing here prints.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "export_doc.h"
#include "files.h"
#include "text.h"
#include "xalloc.h"

/* ---- applying ---- */

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
item_cmp(const void *x, const void *y)
{
	return strcmp(((const struct store_item *)x)->item_id,
		      ((const struct store_item *)y)->item_id);
}

static int
rating_cmp(const void *x, const void *y)
{
	const struct store_rating *p = x, *q = y;
	int c = strcmp(p->rater, q->rater);

	return c != 0 ? c : strcmp(p->statement_id, q->statement_id);
}

/* The merge rule for one record: import when the database has none or an
 * older one; count a kept one that differs. */
static bool
newer(bool exists, int64_t local, int64_t imported, bool differs, struct export_counts *c)
{
	if (!exists || imported > local) {
		c->changed++;
		return true;
	}
	if (differs)
		c->kept++;
	return false;
}

static enum store_status
apply_items(struct store *st, const char *profile, const struct export_doc_role *r,
	    struct export_counts *c)
{
	struct store_item *have = NULL;
	size_t nhave = 0;
	enum store_status s = store_items_get(st, profile, r->id, &have, &nhave);

	if (s != STORE_OK)
		return s;
	if (nhave > 0)
		qsort(have, nhave, sizeof *have, item_cmp);
	for (size_t i = 0; i < r->nitems && s == STORE_OK; i++) {
		const struct store_item *it = &r->items[i];
		const struct store_item *h =
		    nhave > 0 ? bsearch(it, have, nhave, sizeof *have, item_cmp) : NULL;
		bool differs =
		    h != NULL && (strcmp(h->text, it->text) != 0 || h->done != it->done ||
				  h->done_at != it->done_at || !same_str(h->note, it->note));

		if (!newer(h != NULL, h ? h->updated_at : 0, it->updated_at, differs, c))
			continue;
		/* done_at is the time of the first setter, updated_at of the last. */
		s = store_item_set_done(st, profile, r->id, it->item_id, it->text, it->done,
					it->done ? it->done_at : it->updated_at);
		if (s == STORE_OK)
			s = store_item_set_note(st, profile, r->id, it->item_id, it->text, it->note,
						it->updated_at);
	}
	store_items_free(have, nhave);
	return s;
}

static enum store_status
apply_ratings(struct store *st, const char *profile, const struct export_doc_role *r,
	      struct export_counts *c)
{
	struct store_rating *have = NULL;
	size_t nhave = 0;
	enum store_status s = store_ratings_get(st, profile, r->id, NULL, &have, &nhave);

	if (s != STORE_OK)
		return s;
	if (nhave > 0)
		qsort(have, nhave, sizeof *have, rating_cmp);
	for (size_t i = 0; i < r->nratings && s == STORE_OK; i++) {
		const struct store_rating *rt = &r->ratings[i];
		const struct store_rating *h =
		    nhave > 0 ? bsearch(rt, have, nhave, sizeof *have, rating_cmp) : NULL;
		bool differs =
		    h != NULL && (h->value != rt->value || strcmp(h->area, rt->area) != 0 ||
				  strcmp(h->text, rt->text) != 0 || !same_str(h->note, rt->note));

		if (!newer(h != NULL, h ? h->updated_at : 0, rt->updated_at, differs, c))
			continue;
		/* The note first, so that a rating with a note but no value is
		 * never pruned on the way. */
		s = store_rating_set_note(st, profile, r->id, rt->rater, rt->statement_id, rt->area,
					  rt->text, rt->note, rt->updated_at);
		if (s == STORE_OK)
			s = store_rating_set(st, profile, r->id, rt->rater, rt->statement_id,
					     rt->area, rt->text, rt->value, rt->updated_at);
	}
	store_ratings_free(have, nhave);
	return s;
}

static enum store_status
count_snapshots(struct store *st, const char *profile, const char *role, size_t *n)
{
	struct store_snapshot *sn;
	enum store_status s = store_snapshots_get(st, profile, role, NULL, &sn, n);

	store_snapshots_free(sn, *n);
	return s;
}

static enum store_status
apply_role(struct store *st, const char *profile, const struct export_doc_role *r, int64_t now,
	   struct export_counts *c)
{
	enum store_status s;
	size_t before = 0, after = 0;
	char *section = NULL;
	int line = 0;

	s = apply_items(st, profile, r, c);
	if (s == STORE_OK)
		s = apply_ratings(st, profile, r, c);
	if (s == STORE_OK && r->nsnaps > 0) {
		s = count_snapshots(st, profile, r->id, &before);
		for (size_t i = 0; i < r->nsnaps && s == STORE_OK; i++)
			s = store_snapshot_put(st, profile, r->id, &r->snaps[i]);
		if (s == STORE_OK)
			s = count_snapshots(st, profile, r->id, &after);
		c->changed += after - before;
	}
	if (s == STORE_OK && r->has_position) {
		s = store_position_get(st, profile, r->id, &section, &line);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_position_set(st, profile, r->id, r->section, r->line, now);
			c->changed++;
		} else if (s == STORE_OK && (!same_str(section, r->section) || line != r->line)) {
			c->kept++;
		}
		free(section);
	}
	return s;
}

enum export_status
export_import(struct store *st, const char *data, size_t len, const char *as, int64_t now,
	      char **profile, struct export_counts *counts, char **detail)
{
	struct export_counts c = {0};
	struct export_doc d;
	enum export_status status;
	enum store_status s;
	const char *who;
	int64_t pid;
	size_t i = 0;

	if (profile != NULL)
		*profile = NULL;
	if (counts != NULL)
		memset(counts, 0, sizeof *counts);
	if (as != NULL &&
	    (*as == '\0' || strlen(as) > STORE_NAME_MAX || !export_plain(as, strlen(as)))) {
		xreplacef(detail, "--as needs a name of 1 to %d bytes without control characters",
			  STORE_NAME_MAX);
		return EXPORT_ERR_INVALID;
	}
	if ((status = export_check(data, len, &d, detail)) != EXPORT_OK)
		return status;
	who = as != NULL ? as : d.profile;
	c.roles = d.nroles;
	for (size_t k = 0; k < d.nroles; k++) {
		c.items += d.roles[k].nitems;
		c.ratings += d.roles[k].nratings;
		c.snapshots += d.roles[k].nsnaps;
	}
	s = store_begin(st);
	if (s == STORE_OK) {
		s = store_profile(st, who, false, 0, &pid);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_profile(st, who, true, now, &pid);
			c.changed++;
		}
	}
	for (; i < d.nroles && s == STORE_OK; i++)
		s = apply_role(st, who, &d.roles[i], now, &c);
	if (s == STORE_OK)
		s = store_commit(st);
	else
		store_rollback(st);
	if (s != STORE_OK) {
		if (i > 0)
			xreplacef(detail, "%s (while importing roles[%zu]); nothing was changed",
				  store_strerror(s), i - 1);
		else
			xreplacef(detail, "%s; nothing was changed", store_strerror(s));
		export_doc_free(&d);
		return EXPORT_ERR_STORE;
	}
	if (profile != NULL)
		*profile = xstrdup(who);
	if (counts != NULL)
		*counts = c;
	export_doc_free(&d);
	return EXPORT_OK;
}

enum export_status
export_read_file(const char *path, char **data, size_t *len, char **detail)
{
	bool in = strcmp(path, "-") == 0;
	FILE *f = in ? stdin : fopen(path, "rbe");
	struct stat sb;
	enum export_status status = EXPORT_OK;
	char *name = text_clean(path, 0); /* for messages */
	int rc;

	*data = NULL;
	*len = 0;
	if (f == NULL) {
		xreplacef(detail, "cannot open %s: %s", name, strerror(errno));
		free(name);
		return EXPORT_ERR_IO;
	}
	if (fstat(fileno(f), &sb) != 0) {
		xreplacef(detail, "cannot read %s: %s", name, strerror(errno));
		status = EXPORT_ERR_IO;
	} else if (S_ISDIR(sb.st_mode)) {
		xreplacef(detail, "%s is a folder", name);
		status = EXPORT_ERR_IO;
	} else if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > EXPORT_MAX_BYTES) {
		xreplacef(detail,
			  "%s is %jd bytes, larger than the %u bytes (16 MiB) an export "
			  "may have",
			  name, (intmax_t)sb.st_size, EXPORT_MAX_BYTES);
		status = EXPORT_ERR_TOO_LARGE;
	} else if ((rc = files_read(f, EXPORT_MAX_BYTES, data, len)) == EFBIG) {
		/* a pipe has no size to check before reading */
		xreplacef(detail, "%s is larger than the %u bytes (16 MiB) an export may have",
			  name, EXPORT_MAX_BYTES);
		status = EXPORT_ERR_TOO_LARGE;
	} else if (rc != 0) {
		xreplacef(detail, "cannot read %s: %s", name, strerror(rc));
		status = EXPORT_ERR_IO;
	}
	if (!in)
		fclose(f);
	free(name);
	return status;
}

enum export_status
export_import_file(struct store *st, const char *path, const char *as, int64_t now, char **profile,
		   struct export_counts *counts, char **detail)
{
	char *data;
	size_t len;
	enum export_status status = export_read_file(path, &data, &len, detail);

	if (profile != NULL)
		*profile = NULL;
	if (status != EXPORT_OK)
		return status;
	status = export_import(st, data, len, as, now, profile, counts, detail);
	free(data);
	return status;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum export_status
export_load_dir(struct store *mem, const char *dir, size_t *nloaded, char ***errors,
		size_t *nerrors, char **detail)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **errs = NULL;
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
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]), *why = NULL, *name;
		enum export_status s = export_import_file(mem, path, NULL, now, NULL, NULL, &why);

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
