/*
 * cli_export.h - the command-line glue of `rolebook export` and `import`.
 *
 * These print (results to out, errors to stderr) and return the process
 * exit status (0, or 1 on failure); the work is export.h's.
 */
#ifndef ROLEBOOK_CLI_EXPORT_H
#define ROLEBOOK_CLI_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "store.h"

/* `rolebook export`: to out, or to the file output when not NULL. */
int export_cli_export(struct store *st, struct catalog *cat, const char *profile,
		      const char *output, int64_t now, FILE *out);
/* `rolebook import FILE [--as NAME]`: a one-line summary on out. */
int export_cli_import(struct store *st, const char *path, const char *as, int64_t now, FILE *out);

#endif
