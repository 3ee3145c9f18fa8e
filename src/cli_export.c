/*
 * cli_export.c - the command-line glue of `rolebook export` and `import`:
 * runs export.h's functions and says what happened, results on out and
 * errors on stderr (cli_error()).  The only printing part of exports.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_export.h"
#include "cli_output.h"
#include "export.h"
#include "files.h"
#include "sign.h"
#include "text.h"
#include "xalloc.h"

/* A file name fit for a message. */
static char *
shown(const char *path)
{
	return text_clean(path, 0);
}

int
export_cli_export(struct store *st, struct catalog *cat, const char *profile, const char *reviewer,
		  const char *output, const char *key, int64_t now, FILE *out)
{
	char *text = NULL, *detail = NULL, *who;
	bool to_file = output != NULL && strcmp(output, "-") != 0;
	enum export_status s;
	enum sign_status ss = SIGN_OK;
	enum cli_target t = CLI_TO_STDOUT;
	int fd = -1;
	char *real = NULL;

	if (to_file && cli_output_target(st, "export", output, &t, &fd, &real) != 0)
		return 1;
	if (t != CLI_TO_FILE)
		to_file = false;
	if (key != NULL && !to_file) {
		/* a signature is a file beside the export: there is none for a pipe */
		cli_error("cannot export: --sign needs -o FILE (the signature is written to "
			  "FILE.sig)");
		return 1;
	}
	s = reviewer != NULL ? export_reviews(st, cat, profile, reviewer, now, &text, &detail)
			     : export_profile(st, cat, profile, now, &text, &detail);
	if (s == EXPORT_OK && (t == CLI_TO_FD || t == CLI_TO_DEVICE)) {
		int rc = cli_output_into("export", output, fd, text);
		free(text);
		return rc;
	}
	if (s == EXPORT_OK && to_file)
		s = export_write_file(real != NULL ? real : output, text, strlen(text), &detail);
	free(real);
	if (s != EXPORT_OK) {
		cli_error("cannot export: %s%s", detail ? detail : export_strerror(s),
			  s == EXPORT_ERR_NOTFOUND ? " (see 'rolebook profiles')" : "");
		free(detail);
		free(text);
		return 1;
	}
	if (key != NULL && (ss = sign_file(key, output, &detail)) != SIGN_OK) {
		char *o = shown(output);
		cli_error("exported %s, but cannot sign it: %s", o,
			  detail ? detail : sign_strerror(ss));
		free(o);
		free(detail);
		free(text);
		return 1;
	}
	who = text_clean(profile, 0);
	if (to_file) {
		char *o = shown(output);
		fprintf(out, "exported %s%s to %s", reviewer ? "the reviews of " : "profile ", who,
			o);
		if (key)
			fprintf(out, " (signed: %s.sig)", o);
		fputc('\n', out);
		free(o);
	} else {
		fputs(text, out);
	}
	free(who);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the export");
		return 1;
	}
	return 0;
}

/* A profile name as a file name: '/' and a leading '.' become '_'. */
static char *
file_name_of(const char *profile, const char *reviewer)
{
	char *name = xasprintf("%s.reviews-by-%s.json", profile, reviewer);

	for (char *p = name; *p; p++)
		if (*p == '/' || (*p == '.' && p == name))
			*p = '_';
	return name;
}

int
export_cli_reviews_all(struct store *st, struct catalog *cat, const char *reviewer, const char *dir,
		       const char *key, int64_t now, FILE *out)
{
	struct store_progress *p = NULL;
	size_t n = 0, written = 0;
	enum store_status s;
	int rc = 0;

	if (dir == NULL || strcmp(dir, "-") == 0) {
		cli_error("export --reviews for every candidate needs -o FOLDER (one file per "
			  "candidate), or -p NAME for one");
		return 1;
	}
	if ((s = store_profiles_list(st, &p, &n)) != STORE_OK) {
		cli_error("cannot read the database: %s", store_strerror(s));
		return 1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *name, *path;
		if (i > 0 && strcmp(p[i].profile, p[i - 1].profile) == 0)
			continue;
		{
			char *text = NULL, *detail = NULL;
			enum export_status e =
			    export_reviews(st, cat, p[i].profile, reviewer, now, &text, &detail);
			free(text);
			free(detail);
			if (e == EXPORT_ERR_NOTFOUND)
				continue; /* not rated by this reviewer */
		}
		name = file_name_of(p[i].profile, reviewer);
		path = xasprintf("%s/%s", dir, name);
		rc = export_cli_export(st, cat, p[i].profile, reviewer, path, key, now, out);
		written += rc == 0;
		free(path);
		free(name);
	}
	store_progress_free(p, n);
	if (rc == 0 && written == 0) {
		char *by = text_clean(reviewer, 0);
		cli_error("cannot export: %s has rated no one in this database", by);
		free(by);
		return 1;
	}
	return rc;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
export_cli_import(struct store *st, const char *path, const struct export_import_opts *o, FILE *out)
{
	struct export_counts c;
	char *detail = NULL, *who = NULL, *signer = NULL, *name = shown(path);
	enum export_status s = export_import_file(st, path, o, &who, &signer, &c, &detail);

	if (s != EXPORT_OK) {
		cli_error("cannot import %s: %s", name, detail ? detail : export_strerror(s));
		if (s != EXPORT_ERR_INVALID && (detail == NULL || !strstr(detail, "nothing was")))
			fputs("rolebook: nothing was changed\n", stderr);
		free(detail);
		free(name);
		return 1;
	}
	fprintf(out, "%s profile %s%s%s: %zu %s, %zu %s, %zu %s, %zu %s",
		o->dry_run ? "would import" : "imported", who,
		signer ? ", signed by " : " (unsigned", signer ? signer : ": unverified)", c.roles,
		plural(c.roles, "role", "roles"), c.items, plural(c.items, "item", "items"),
		c.ratings, plural(c.ratings, "rating", "ratings"), c.snapshots,
		plural(c.snapshots, "snapshot", "snapshots"));
	if (c.changed == 0 && c.kept == 0 && c.kept_signed == 0 && c.same_time == 0)
		fputs(" (nothing new)", out);
	else
		fprintf(out, " (%zu new, %zu updated)", c.added, c.changed - c.added);
	fputc('\n', out);
	if (c.kept > 0)
		fprintf(out, "  %zu kept: newer in this database\n", c.kept);
	if (c.kept_signed > 0)
		fprintf(
		    out,
		    "  %zu kept: signed in this database; an unsigned file does not replace them\n",
		    c.kept_signed);
	if (c.same_time > 0)
		fprintf(out, "  %zu kept: edited at the same time here, differently\n",
			c.same_time);
	if (c.refused_other > 0)
		fprintf(out, "  %zu refused: attributed to someone other than the signer %s\n",
			c.refused_other, signer ? signer : "");
	if (c.refused_unsigned > 0)
		fprintf(out,
			"  %zu refused: reviewer ratings in an unsigned file (--accept-unsigned "
			"takes them, marked unverified)\n",
			c.refused_unsigned);
	if (c.refused_yours > 0)
		fprintf(out, "  %zu refused: would replace ratings typed in this database\n",
			c.refused_yours);
	for (size_t i = 0; i < c.nlisted; i++)
		fprintf(out, "  %s\n", c.listed[i]);
	export_counts_free(&c);
	if (o->dry_run)
		fputs("  (dry run: nothing was written)\n", out);
	else if (c.import_id > 0)
		fprintf(out, "  logged as import %lld (rolebook imports)\n",
			(long long)c.import_id);
	free(who);
	free(signer);
	free(name);
	return fflush(out) == 0 ? 0 : 1;
}

int
export_cli_undo(struct store *st, int64_t id, int64_t now, FILE *out)
{
	size_t undone = 0, skipped = 0;
	enum store_status s = store_import_undo(st, id, now, &undone, &skipped);

	if (s != STORE_OK) {
		cli_error("cannot undo import %lld: %s", (long long)id,
			  s == STORE_ERR_NOTFOUND  ? "no such import (see 'rolebook imports')"
			  : s == STORE_ERR_INVALID ? "it was undone already"
						   : store_strerror(s));
		return 1;
	}
	fprintf(out, "undid import %lld: %zu %s put back as %s were", (long long)id, undone,
		plural(undone, "record", "records"), plural(undone, "it", "they"));
	if (skipped > 0)
		fprintf(out, "; %zu changed since, left as %s", skipped,
			plural(skipped, "it is", "they are"));
	fputc('\n', out);
	return fflush(out) == 0 ? 0 : 1;
}

int
export_cli_imports(struct store *st, FILE *out)
{
	struct store_import *v = NULL;
	size_t n = 0;
	enum store_status s = store_imports_list(st, &v, &n);

	if (s != STORE_OK) {
		cli_error("cannot read the import log: %s", store_strerror(s));
		return 1;
	}
	if (n == 0)
		fputs("no imports yet\n", out);
	for (size_t i = 0; i < n; i++) {
		char when[32], *file = shown(v[i].file), *who = text_clean(v[i].profile, 0);
		time_t t = (time_t)v[i].imported_at;
		struct tm tm;
		if (gmtime_r(&t, &tm) != NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		else
			snprintf(when, sizeof when, "?");
		fprintf(out,
			"%3lld  %s UTC  %s  profile %s, %s%s: %lld new, %lld updated, %lld kept, "
			"%lld refused%s\n",
			(long long)v[i].id, when, file, who,
			v[i].signer ? "signed by " : "unsigned", v[i].signer ? v[i].signer : "",
			(long long)v[i].added, (long long)v[i].changed, (long long)v[i].kept,
			(long long)v[i].refused, v[i].undone_at ? " (undone)" : "");
		free(file);
		free(who);
	}
	store_imports_free(v, n);
	return fflush(out) == 0 ? 0 : 1;
}
