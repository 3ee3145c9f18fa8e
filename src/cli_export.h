/*
 * cli_export.h - the command-line glue of `rolebook export`, `import`,
 * `imports` and `forget`.
 *
 * These print (results to out, errors to stderr) and return the process
 * exit status (0, or 1 on failure); the work is export.h's, sign.h's and
 * store.h's.
 */
#ifndef ROLEBOOK_CLI_EXPORT_H
#define ROLEBOOK_CLI_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "export.h"
#include "store.h"

/* `rolebook export [--reviews --reviewer NAME] [--sign KEY]`: to out, or
 * to the file output when not NULL; reviewer not NULL: only that
 * reviewer's ratings (export_reviews); key not NULL: signs the file with
 * ssh-keygen (FILE.sig beside it).  Signing needs a file: with standard
 * output it is refused before anything is written. */
int export_cli_export(struct store *st, struct catalog *cat, const char *profile,
		      const char *reviewer, const char *output, const char *key, int64_t now,
		      FILE *out);
/* `rolebook export --reviews --reviewer NAME -o FOLDER` without -p: one
 * file FOLDER/PROFILE.reviews-by-NAME.json per candidate NAME rated, each
 * signed when key is not NULL. */
int export_cli_reviews_all(struct store *st, struct catalog *cat, const char *reviewer,
			   const char *dir, const char *key, int64_t now, FILE *out);
/* `rolebook import FILE [--as NAME] [--allowed-signers F] [--accept-unsigned]
 * [--dry-run]`: a summary on out. */
int export_cli_import(struct store *st, const char *path, const struct export_import_opts *o,
		      FILE *out);
/* `rolebook import --undo N`: undoes import N and says how much. */
int export_cli_undo(struct store *st, int64_t id, int64_t now, FILE *out);
/* `rolebook imports`: the import log, one line per import. */
int export_cli_imports(struct store *st, FILE *out);

#endif
