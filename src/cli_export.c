/*
 * cli_export.c - the command-line glue of `rolebook export` and `import`:
 * runs export.h's functions and says what happened, results on out and
 * errors on stderr (cli_error()).  The only printing part of exports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_export.h"
#include "export.h"
#include "text.h"

/* A file name fit for a message. */
static char *
shown(const char *path)
{
	return text_clean(path, 0);
}

int
export_cli_export(struct store *st, struct catalog *cat, const char *profile, const char *output,
		  int64_t now, FILE *out)
{
	char *text = NULL, *detail = NULL, *who;
	enum export_status s = export_profile(st, cat, profile, now, &text, &detail);

	if (s == EXPORT_OK && output != NULL && strcmp(output, "-") != 0)
		s = export_write_file(output, text, strlen(text), &detail);
	if (s != EXPORT_OK) {
		cli_error("cannot export: %s%s", detail ? detail : export_strerror(s),
			  s == EXPORT_ERR_NOTFOUND ? " (see 'rolebook profiles')" : "");
		free(detail);
		free(text);
		return 1;
	}
	who = text_clean(profile, 0);
	if (output != NULL && strcmp(output, "-") != 0) {
		char *o = shown(output);
		fprintf(out, "exported profile %s to %s\n", who, o);
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

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
export_cli_import(struct store *st, const char *path, const char *as, int64_t now, FILE *out)
{
	struct export_counts c;
	char *detail = NULL, *who = NULL, *name = shown(path);
	enum export_status s = export_import_file(st, path, as, now, &who, &c, &detail);

	if (s != EXPORT_OK) {
		cli_error("cannot import %s: %s", name, detail ? detail : export_strerror(s));
		if (s != EXPORT_ERR_INVALID && (detail == NULL || !strstr(detail, "nothing was")))
			fputs("rolebook: nothing was changed\n", stderr);
		free(detail);
		free(name);
		return 1;
	}
	fprintf(out, "imported profile %s: %zu %s, %zu %s, %zu %s, %zu %s", who, c.roles,
		plural(c.roles, "role", "roles"), c.items, plural(c.items, "item", "items"),
		c.ratings, plural(c.ratings, "rating", "ratings"), c.snapshots,
		plural(c.snapshots, "snapshot", "snapshots"));
	if (c.changed == 0 && c.kept == 0)
		fputs(" (nothing new)\n", out);
	else if (c.kept == 0)
		fprintf(out, " (%zu new or updated)\n", c.changed);
	else
		fprintf(out, " (%zu new or updated, %zu kept: newer in this database)\n", c.changed,
			c.kept);
	free(who);
	free(name);
	return fflush(out) == 0 ? 0 : 1;
}
