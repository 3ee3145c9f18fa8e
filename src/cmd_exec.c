/*
 * cmd_exec.c - the command line's handlers: each command of cmd.c's table
 * (but export, import, imports and forget, in cmd_import.c) as glue from
 * the parsed options to the modules that do the work, and the loading of
 * the roles they all start from (cmd_run).
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "cli_due.h"
#include "cmd.h"
#include "export.h"
#include "hyperlink.h"
#include "identity.h"
#include "paths.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "tui.h"
#include "view.h"
#include "xalloc.h"

/* How long a change waits for another rolebook holding the database. */
#define BUSY_MS 3000

/* ---- the handlers' helpers ---- */

static bool
is_file_arg(const char *arg)
{
	size_t n = strlen(arg);

	return strchr(arg, '/') != NULL || (n > 3 && strcmp(arg + n - 3, ".md") == 0) ||
	       access(arg, F_OK) == 0;
}

static void
known_roles(struct catalog *cat)
{
	fputs("rolebook: known roles:", stderr);
	for (size_t i = 0; i < cat->n; i++)
		fprintf(stderr, " %s", cat->v[i]->id);
	fputs(cat->n ? "\n" : " none\n", stderr);
}

/* The role of an id, or of a path in a folder ("sig-apps/README.md"
 * stands for the id "sig-apps/README"), or NULL. */
static struct role *
find_id(struct catalog *cat, const char *arg)
{
	struct role *r = catalog_find(cat, arg);
	size_t n = strlen(arg);

	if (r == NULL && n > 3 && strcmp(arg + n - 3, ".md") == 0) {
		char *id = xstrndup(arg, n - 3);
		r = catalog_find(cat, id);
		free(id);
	}
	return r;
}

/* Finds ROLE or adds FILE.md; NULL (message printed) when neither.  A
 * path no file answers may name a role by its path in its folder. */
static struct role *
resolve(struct catalog *cat, const char *arg)
{
	struct role *r;
	char *err = NULL;

	if (!is_file_arg(arg) || (access(arg, F_OK) != 0 && find_id(cat, arg) != NULL)) {
		r = find_id(cat, arg);
		if (r == NULL) {
			cli_error("unknown role '%s'", arg);
			known_roles(cat);
		}
		return r;
	}
	r = catalog_add_file(cat, arg, &err);
	if (r == NULL) {
		cli_error("%s", err);
		free(err);
	}
	return r;
}

/* The roles: the folder `rolebook DIR` names (or NULL), the --content
 * folders, yours, the bundled ones; earlier sources win an id. */
static int
load_catalog(struct catalog *cat, const struct cmd_options *o, const char *argv0, const char *dir)
{
	char *user = paths_user_roles(), *bundled = paths_bundled_roles(argv0), *err = NULL;
	int rc = 0;

	if (dir != NULL && catalog_add_dir(cat, dir, ORIGIN_DIR, false, &err) != 0)
		rc = 1;
	for (size_t i = 0; i < o->ncontent && rc == 0; i++)
		if (catalog_add_dir(cat, o->content[i], ORIGIN_DIR, false, &err) != 0)
			rc = 1;
	/* A missing folder of your own is fine; one that cannot exist is said. */
	if (rc == 0 && user != NULL && access(user, F_OK) != 0 && errno == ENOTDIR)
		cli_error("your roles folder %s cannot exist: part of its path is a file "
			  "(XDG_DATA_HOME?); your own roles are not read",
			  user);
	if (rc == 0 && user != NULL && catalog_add_dir(cat, user, ORIGIN_USER, true, &err) != 0)
		rc = 1;
	/* A folder named in ROLEBOOK_CONTENT_DIR must exist; the installed
	 * one may be absent (a user with roles of their own). */
	if (rc == 0 && catalog_add_dir(cat, bundled, ORIGIN_BUNDLED,
				       getenv("ROLEBOOK_CONTENT_DIR") == NULL, &err) != 0)
		rc = 1;
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
	}
	for (size_t i = 0; i < cat->nrefused; i++)
		cli_error("%s", cat->refused[i]);
	free(user);
	free(bundled);
	return rc;
}

/* Opens the database; prints why not and returns NULL on failure. */
struct store *
cmd_open_store(const struct cmd_options *o)
{
	char *path = o->db ? xstrdup(o->db) : paths_db(), *detail = NULL;
	struct store *st = NULL;
	enum store_status s;

	if (path == NULL) {
		cli_error("no place for the database: set HOME, XDG_STATE_HOME or use --db PATH");
		return NULL;
	}
	s = store_open(path, 0, BUSY_MS, &st, &detail);
	if (s != STORE_OK) {
		cli_error("cannot use the database %s: %s%s%s", path, store_strerror(s),
			  detail ? ": " : "", detail ? detail : "");
		if (s == STORE_ERR_CORRUPT || s == STORE_ERR_FOREIGN || s == STORE_ERR_NEWER)
			fputs("rolebook: the file was left as it is; use --db to choose another\n",
			      stderr);
		st = NULL;
	}
	free(detail);
	free(path);
	return st;
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static bool
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ---- the handlers ---- */

int
cmd_exec_list(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	(void)self;
	(void)argc;
	(void)argv;
	return cli_list(c->cat, stdout);
}

static const char *
env_var(const char *name)
{
	return getenv(name);
}

int
cmd_exec_print(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct role *r;
	bool tty = isatty(STDOUT_FILENO), links;
	enum cli_style style = CLI_PLAIN;

	(void)self;
	(void)argc;
	if ((r = resolve(c->cat, argv[0])) == NULL)
		return 1;
	/* --color=never: plain text, no escape code at all (NO_COLOR only
	 * drops the colours); --color=always: styled in a pipe, for less -R */
	if ((tty || c->o->color_always) && !c->o->color_never)
		style = c->o->no_color ? CLI_MONO : CLI_COLOR;
	/* hyperlinks only where escape codes go anyway (style); by default
	 * only on a terminal known to show them */
	links = hyperlink_wanted((enum hyperlink_when)c->o->hyperlinks, tty, env_var);
	return cli_print(r, c->o->width ? c->o->width : (tty ? terminal_width() : 80), style,
			 !utf8_locale(), links, stdout);
}

/* The records an older rolebook kept for r (a file opened directly)
 * under its name, adopted (identity.c), and said on stderr; its steps'
 * records under their old ids too, so r is read first (a file that
 * cannot be read says so where the command reads it). */
static void
adopt(struct store *st, const struct catalog *cat, struct role *r)
{
	char *said;

	(void)role_load(r);
	said = identity_adopt(st, cat, r);

	if (said != NULL)
		cli_error("%s: %s", r->id, said);
	free(said);
}

/* What the commands on the store share: the role of argv[0] (when the
 * command takes one) found, the database opened, then run; 1 when either
 * cannot be. */
static int
with_store(const struct cmd_entry *self, struct cmd_ctx *c, char **argv,
	   int (*run)(struct store *st, struct cmd_ctx *c, struct role *r))
{
	struct store *st;
	struct role *r = NULL;
	int rc;

	if (self->min_args > 0 && (r = resolve(c->cat, argv[0])) == NULL)
		return 1;
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	if (r != NULL)
		adopt(st, c->cat, r);
	rc = run(st, c, r);
	store_close(st);
	return rc;
}

static int
run_checklist(struct store *st, struct cmd_ctx *c, struct role *r)
{
	return cli_checklist(st, c->profile, r,
			     c->o->stepping_down ? CHECKLIST_OFFBOARDING : CHECKLIST_ONBOARDING,
			     (int64_t)time(NULL), stdout);
}

int
cmd_exec_checklist(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	return with_store(self, c, argv, run_checklist);
}

static int
run_assessment(struct store *st, struct cmd_ctx *c, struct role *r)
{
	return cli_assessment(st, c->profile, NULL, r, !utf8_locale(), stdout);
}

int
cmd_exec_assessment(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	return with_store(self, c, argv, run_assessment);
}

static int
run_profiles(struct store *st, struct cmd_ctx *c, struct role *r)
{
	(void)r;
	return cli_profiles(st, c->cat, stdout);
}

int
cmd_exec_profiles(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	return with_store(self, c, argv, run_profiles);
}

/* check and uncheck: the items after the role */
int
cmd_exec_check(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct store *st;
	struct role *r;
	int rc;

	if ((r = resolve(c->cat, argv[0])) == NULL)
		return 1;
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	adopt(st, c->cat, r);
	rc = cli_check(st, c->profile, r,
		       c->o->stepping_down ? CHECKLIST_OFFBOARDING : CHECKLIST_ONBOARDING, argv + 1,
		       argc - 1, strcmp(self->name, "check") == 0, c->o->note, (int64_t)time(NULL),
		       stdout);
	store_close(st);
	return rc;
}

/* report: its format and role checked, then cli.c's cli_report. */
int
cmd_exec_report(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	enum report_format format = REPORT_TEXT;
	struct role *r = NULL;
	struct store *st;
	int rc;

	(void)self;
	(void)argc;
	(void)argv;
	if (c->o->format != NULL && !cli_report_format(c->o->format, &format)) {
		cli_error("unknown report format '%s' (text, markdown, json or issue)",
			  c->o->format);
		return 2;
	}
	if ((format == REPORT_ISSUE) != (c->o->sig != NULL) ||
	    (format != REPORT_ISSUE && (c->o->discussion || c->o->offboarding))) {
		cli_error(format == REPORT_ISSUE ? "--format issue needs --sig NAME"
						 : "--sig, --discussion and --offboarding go with "
						   "--format issue");
		return 2;
	}
	if (c->o->role != NULL && (r = resolve(c->cat, c->o->role)) == NULL)
		return 1;
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	if (r != NULL)
		adopt(st, c->cat, r);
	{
		struct report_issue_opts io = {c->o->sig, c->o->discussion, c->o->offboarding};
		rc = cli_report(st, c->cat, c->profile, c->o->all, r, format, &io, stdout);
	}
	store_close(st);
	return rc;
}

/* The handbook, at ROLE or FILE.md; `review`, at the review screen, of
 * the database or of a folder of exports. */
/* Whether the role named on the command line can be shown: a large
 * document, which the reader lays out as it reads it, only opened and
 * peeked at (its text is checked as it is read); any other loaded. */
static bool
ui_role_ready(struct role *r)
{
	FILE *f;

	if (!view_reader_lazy(r))
		return role_load(r) == 0;
	if ((f = role_open(r)) == NULL)
		return false;
	fclose(f);
	if (!r->peeked)
		role_peek(r);
	return true;
}

int
cmd_exec_ui(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct app a;
	struct role *r = NULL;
	struct store *st = NULL;
	char *login = paths_user_name();
	const char *reviewer = c->o->reviewer ? c->o->reviewer : login;
	char *notice = NULL; /* for the status line; a leading '!' marks a warning */
	char *unsaved;
	size_t loaded = 0;
	bool review = self->name != NULL;
	int rc;

	/* The argument first: a mistyped role is worth saying wherever
	 * rolebook runs, and a pipe is then told of print. */
	if (review && argc == 1) {
		/* a folder of exports, read into a scratch store, never imported */
		if ((st = cmd_open_exports(argv[0], c->o->allowed, c->o->accept_unsigned, &loaded,
					   &notice)) == NULL) {
			free(login);
			return 1;
		}
	} else {
		if (argc == 1 && (r = resolve(c->cat, argv[0])) == NULL) {
			free(login);
			return 1;
		}
		if (r != NULL && !ui_role_ready(r)) {
			cli_error("%s", r->error);
			free(login);
			return 1;
		}
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		store_close(st);
		free(notice);
		free(login);
		cli_error("the handbook needs a terminal; to read a role in a pipe use "
			  "'rolebook print ROLE'");
		return 1;
	}
	/* only now: a refusal must not create the database */
	if (st == NULL && (st = cmd_open_store(c->o)) == NULL) {
		free(login);
		return 1;
	}
	app_init(&a, c->cat, 24, 80);
	a.ascii = !utf8_locale();
	a.store = st;
	a.profile = c->profile;
	a.readonly = store_is_readonly(st) || loaded > 0 || notice != NULL;
	a.rater = c->o->reviewer;
	a.reviewer = reviewer;
	app_push(&a, view_home_new(&a));
	if (review)
		app_push(&a, view_review_new(&a));
	else if (r != NULL)
		app_open_role(&a, r, NULL);
	if (notice != NULL)
		app_status(&a, notice[0] == '!', "%s", notice + (notice[0] == '!'));
	else if (a.readonly)
		app_status(&a, true,
			   "%s: the database cannot be written; progress will not be saved",
			   store_readonly_title(store_readonly_why(st)));
	else if (a.status != NULL)
		; /* what opening the role said (its records adopted), said once */
	else if (cmd_config_problems() > 0) /* said on stderr, hidden by the screen until the end */
		app_status(&a, true,
			   "The config file has %zu line%s rolebook cannot use: see them on "
			   "quitting",
			   cmd_config_problems(), cmd_config_problems() == 1 ? "" : "s");
	else if (c->cat->nrefused > 0) { /* said on stderr too */
		char *left_out = catalog_refused_summary(c->cat);
		app_status(&a, true, "%s", left_out);
		free(left_out);
	}
	/* hyperlinks: the same rule as print's on a terminal */
	rc = tui_run(&a, !c->o->no_color,
		     !c->o->color_never &&
			 hyperlink_wanted((enum hyperlink_when)c->o->hyperlinks, true, env_var));
	if (rc >= 0)
		app_finish(&a); /* the screens' last changes: reading positions */
	if (rc < 0) {		/* nothing drawn: refused as a pipe is, with the reason */
		cli_error("cannot draw the handbook: %s; to read a role here use 'rolebook print "
			  "ROLE'",
			  a.status ? a.status : "this terminal cannot show it");
		rc = 1;
	} else if ((unsaved = app_unsaved(&a)) != NULL) {
		/* quit while changes waited for the database: said past the
		 * screen, and the exit status says it too */
		cli_error("%s", unsaved);
		free(unsaved);
		if (rc == 0) /* a signal's status stays */
			rc = 1;
	} else if (a.status != NULL && strncmp(a.status, "Not saved", 9) == 0) {
		cli_error("%s", a.status);
	}
	app_done(&a);
	store_close(st);
	free(notice);
	free(login);
	return rc;
}

int
cmd_run(const struct cmd_entry *e, const struct cmd_options *o, const char *argv0, int argc,
	char **argv)
{
	struct catalog cat;
	struct cmd_ctx c = {.o = o, .cat = &cat, .argv0 = argv0};
	const char *dir = NULL;
	struct stat sb;
	char *profile;
	int rc;

	catalog_init(&cat);
	cat.root = o->root; /* for every link any command resolves */
	/* `rolebook DIR`: the handbook of that folder, as --content DIR */
	if (e->name == NULL && argc == 1 && stat(argv[0], &sb) == 0 && S_ISDIR(sb.st_mode)) {
		dir = argv[0];
		argc = 0;
	}
	if (load_catalog(&cat, o, argv0, dir) != 0) {
		catalog_done(&cat);
		/* agenda keeps 1 for "overdue" (cli_due.h) */
		return e->name != NULL && strcmp(e->name, "agenda") == 0 ? CLI_AGENDA_ERROR : 1;
	}
	profile = o->profile ? xstrdup(o->profile) : paths_user_name();
	c.profile = profile;
	rc = e->exec(e, &c, argc, argv);
	free(profile);
	catalog_done(&cat);
	return rc;
}
