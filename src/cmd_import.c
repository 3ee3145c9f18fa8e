/*
 * cmd_import.c - the handlers of `export`, `import`, `imports` and
 * `forget`, and reading a folder for `review DIR` (see cmd.h): options checked, the database
 * opened, the work done by cli_export.c and the store.  Part of the program, like cmd.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"
#include "cli.h"
#include "cli_export.h"
#include "cmd.h"
#include "paths.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

int
cmd_exec_export(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct store *st;
	char *allowed = NULL;
	int rc;

	if (strcmp(self->name, "export") == 0 && c->o->reviews && c->o->reviewer == NULL) {
		cli_error("export --reviews needs --reviewer NAME: whose reviews to export");
		return 2;
	}
	if (strcmp(self->name, "export") == 0 && c->o->reviews && c->o->profile == NULL &&
	    c->o->output != NULL) {
		/* one file per candidate: -o names a folder that must exist */
		struct stat sb;
		if (stat(c->o->output, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			char *name = text_clean(c->o->output, 0);
			cli_error("export --reviews without -p writes one file per candidate: -o "
				  "must be an existing folder, and %s is not (or give -p NAME "
				  "for one file)",
				  name);
			free(name);
			return 2;
		}
	}
	if (strcmp(self->name, "import") == 0 && (c->o->undo > 0) == (argc == 1)) {
		cli_error(c->o->undo > 0
			      ? "import --undo N takes no FILE"
			      : "import needs one FILE (an export; - reads standard input)");
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	}
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	if (strcmp(self->name, "import") == 0 && c->o->undo > 0) {
		rc = export_cli_undo(st, c->o->undo, (int64_t)time(NULL), stdout);
	} else if (strcmp(self->name, "import") == 0) {
		struct export_import_opts o = {.as = c->o->as,
					       .file = argv[0],
					       .accept_unsigned = c->o->accept_unsigned,
					       .dry_run = c->o->dry_run,
					       .list = c->o->dry_run,
					       .now = (int64_t)time(NULL)};
		allowed = c->o->allowed ? xstrdup(c->o->allowed) : paths_allowed_signers();
		if (c->o->allowed == NULL && allowed != NULL && access(allowed, F_OK) != 0) {
			free(allowed); /* no default file: signed files are refused */
			allowed = NULL;
		}
		o.allowed = allowed;
		rc = export_cli_import(st, argv[0], &o, stdout);
	} else if (strcmp(self->name, "imports") == 0) {
		rc = export_cli_imports(st, stdout);
	} else if (c->o->reviews && c->o->profile == NULL) {
		/* every candidate the reviewer rated, one file each */
		rc = export_cli_reviews_all(st, c->cat, c->o->reviewer, c->o->output, c->o->sign,
					    (int64_t)time(NULL), stdout);
	} else {
		rc =
		    export_cli_export(st, c->cat, c->profile, c->o->reviews ? c->o->reviewer : NULL,
				      c->o->output, c->o->sign, (int64_t)time(NULL), stdout);
	}
	free(allowed);
	store_close(st);
	return rc;
}

/* Asks on the terminal; true for y or yes. */
static bool
confirm(const char *question)
{
	char line[16];

	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	return strcmp(line, "y\n") == 0 || strcmp(line, "yes\n") == 0;
}

/* Appends the roles of ids, cleaned, as "a, b and c". */
static void
roles_text(struct strbuf *b, char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *id = text_clean(ids[i], 0);
		const char *sep = i + 1 == n ? " and " : ", ";

		strbuf_printf(b, "%s%s", i == 0 ? "" : sep, id);
		free(id);
	}
}

/* What forget --role does to the roles sharing its steps: gone (steps
 * forgotten there too), else kept (steps it shows, kept under others). */
static char *
shares_text(const struct checklist_shares *sh, bool gone)
{
	struct strbuf b = {0};

	if (gone) {
		strbuf_printf(&b, ", including %zu step%s shared with ", sh->gone,
			      sh->gone == 1 ? "" : "s");
		roles_text(&b, sh->gone_roles, sh->ngone_roles);
		strbuf_puts(&b, ", gone there too");
	} else {
		strbuf_printf(&b, "%zu shared step%s it shows %s kept under ", sh->kept,
			      sh->kept == 1 ? "" : "s", sh->kept == 1 ? "is" : "are");
		roles_text(&b, sh->kept_roles, sh->nkept_roles);
		strbuf_puts(&b, " (forget --role there removes it)");
	}
	return strbuf_take(&b);
}

/* The shared steps of --role's records (none without --role or when the
 * role is not among the roles found). */
static void
shares_of(struct checklist_shares *sh, struct store *st, struct cmd_ctx *c, const char *profile)
{
	struct role *r = c->o->role ? catalog_find(c->cat, c->o->role) : NULL;

	memset(sh, 0, sizeof *sh);
	if (r != NULL && role_load(r) == 0 &&
	    checklist_shares_of(sh, st, c->cat, profile, r) != STORE_OK)
		checklist_shares_done(sh);
}

int
cmd_exec_forget(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct store *st;
	struct checklist_shares sh;
	char *who, *why = NULL, *q = NULL;
	enum store_status s;
	int64_t pid;

	(void)self;
	(void)argc;
	if (!export_name_ok(argv[0], &why)) {
		who = text_clean(argv[0], 0);
		cli_error("invalid profile name '%s': %s", who, why);
		free(who);
		free(why);
		return 2;
	}
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	who = text_clean(argv[0], 0);
	s = store_profile(st, argv[0], false, 0, &pid);
	if (s != STORE_OK) {
		cli_error("no profile '%s' in the database (see 'rolebook profiles')", who);
		free(who);
		store_close(st);
		return 1;
	}
	if (!c->o->yes) {
		if (!isatty(STDIN_FILENO)) {
			cli_error("forget asks before removing records; add --yes to do it without "
				  "asking");
			free(who);
			store_close(st);
			return 1;
		}
		q = c->o->role ? xasprintf("Remove every record of %s for %s?", who, c->o->role)
			       : xasprintf("Remove the profile %s and every record of it?", who);
		if (!confirm(q)) {
			fputs("nothing was removed\n", stdout);
			free(q);
			free(who);
			store_close(st);
			return 1;
		}
		free(q);
		q = NULL;
	}
	shares_of(&sh, st, c, argv[0]);
	s = store_forget(st, argv[0], c->o->role);
	if (s != STORE_OK) {
		if (s == STORE_ERR_NOTFOUND && sh.kept > 0)
			cli_error("cannot forget %s: no records of its own for %s; %s", who,
				  c->o->role, q = shares_text(&sh, false));
		else
			cli_error("cannot forget %s: %s", who,
				  s == STORE_ERR_NOTFOUND ? "no records for that role"
							  : store_strerror(s));
		free(q);
		checklist_shares_done(&sh);
		free(who);
		store_close(st);
		return 1;
	}
	if (c->o->role) {
		printf("removed every record of %s for %s", who, c->o->role);
		if (sh.gone > 0) {
			fputs(q = shares_text(&sh, true), stdout);
			free(q);
		}
		if (sh.kept > 0) {
			printf("; %s", q = shares_text(&sh, false));
			free(q);
		}
		fputs("\n", stdout);
	} else {
		printf("removed the profile %s and every record of it\n", who);
	}
	checklist_shares_done(&sh);
	free(who);
	store_close(st);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* The refused exports the review screen names one by one. */

/*
 * rolebook review DIR: every export in DIR read into a store in memory.
 * Returns it, with *notice saying what was read (and what was refused);
 * NULL with a message printed when DIR cannot be read.
 */
struct store *
cmd_open_exports(const char *dir, const char *allowed, bool accept_unsigned, size_t *loaded,
		 char **notice)
{
	struct store *mem = NULL;
	char *detail = NULL, **errors = NULL, *own_allowed = NULL;
	size_t nerrors = 0;
	enum store_status s = store_open_memory(&mem, &detail);
	enum export_status e;

	if (s != STORE_OK) {
		cli_error("cannot open a scratch database: %s", store_strerror(s));
		free(detail);
		return NULL;
	}
	/* whose keys to trust: --allowed-signers, else DIR/allowed_signers,
	 * else the user's own file (as import does) */
	if (allowed == NULL) {
		char *in_dir = xasprintf("%s/allowed_signers", dir);
		if (access(in_dir, F_OK) != 0) {
			char *mine = paths_allowed_signers();
			if (mine != NULL && access(mine, F_OK) == 0) {
				free(in_dir);
				in_dir = mine;
			} else {
				free(mine);
			}
		}
		allowed = own_allowed = in_dir;
	} else if (access(allowed, R_OK) != 0) {
		/* said once, not as the reason of every signed file refused */
		char *name = text_clean(allowed, 0);
		cli_error("cannot read the allowed-signers file %s: %s", name, strerror(errno));
		free(name);
		store_close(mem);
		return NULL;
	}
	e = export_load_dir(mem, dir, allowed, accept_unsigned, loaded, &errors, &nerrors, &detail);
	if (e != EXPORT_OK) {
		cli_error("cannot read %s: %s%s%s", dir, export_strerror(e), detail ? ": " : "",
			  detail ? detail : "");
		free(detail);
		free(own_allowed);
		store_close(mem);
		return NULL;
	}
	for (size_t i = 0; i < nerrors; i++)
		cli_error("skipped %s", errors[i]);
	if (nerrors > 0) {
		/* every refused file by name, short enough for a status line
		 * that leaves the screen usable; the reasons are on standard
		 * error and in import --dry-run */
		struct strbuf b = {0};
		strbuf_printf(&b, "!Read %zu export%s from %s; %zu refused: ", *loaded,
			      *loaded == 1 ? "" : "s", dir, nerrors);
		for (size_t i = 0; i < nerrors; i++) {
			/* "NAME.json: reason" -> "NAME.json" */
			const char *end = strstr(errors[i], ".json: ");
			int len = end ? (int)(end - errors[i]) + 5 : (int)strlen(errors[i]);
			strbuf_printf(&b, "%s%.*s", i ? ", " : "", len, errors[i]);
		}
		strbuf_puts(&b, " (rolebook import --dry-run FILE says why)");
		*notice = strbuf_take(&b);
	} else
		*notice =
		    xasprintf("Read %zu export%s from %s (not imported: changes are not kept)",
			      *loaded, *loaded == 1 ? "" : "s", dir);
	export_errors_free(errors, nerrors);
	free(detail);
	free(own_allowed);
	return mem;
}
