/*
 * main.c - command line, locale, paths and wiring; no logic of its own.
 *
 *   rolebook [OPTIONS] [ROLE|FILE.md]     the interactive handbook
 *   rolebook list                         roles found: id, title, summary
 *   rolebook print ROLE|FILE.md           a role rendered to stdout
 *   rolebook checklist ROLE               the onboarding checklist and progress
 *   rolebook check|uncheck ROLE N|ID...   change progress from the shell
 *   rolebook assessment ROLE              ratings, averages, readiness, history
 *   rolebook profiles                     whose progress the database holds
 *   rolebook report|export|import         readiness reports, JSON export/import
 *
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "content.h"
#include "export.h"
#include "paths.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "tui.h"
#include "xalloc.h"

#define MAX_CONTENT_DIRS 32

struct options {
	const char *content[MAX_CONTENT_DIRS];
	size_t ncontent;
	bool no_color;
	int width; /* 0: the terminal's, or 80 */
	const char *db;      /* --db */
	const char *reviewer; /* --reviewer */
	const char *profile; /* --profile */
	const char *format;  /* --format (report) */
	const char *role;    /* --role (report) */
	const char *output;  /* -o, --output (export) */
	const char *as;      /* --as (import) */
};

/* How long a change waits for another rolebook holding the database. */
#define BUSY_MS 3000

/* The help; db is the --db given before --help, if any. */
static void
usage(FILE *out, const char *db_option)
{
	fputs("Usage: rolebook [OPTIONS] [ROLE|FILE.md]\n"
	      "       rolebook [OPTIONS] list\n"
	      "       rolebook [OPTIONS] print ROLE|FILE.md [--width N]\n"
	      "       rolebook [OPTIONS] checklist ROLE\n"
	      "       rolebook [OPTIONS] check|uncheck ROLE N|ID...\n"
	      "       rolebook [OPTIONS] assessment ROLE\n"
	      "       rolebook [OPTIONS] profiles\n"
	      "       rolebook [OPTIONS] report [--role ROLE] [--format text|markdown|json]\n"
	      "       rolebook [OPTIONS] export [-o FILE]\n"
	      "       rolebook [OPTIONS] import FILE [--as NAME]\n"
	      "       rolebook [OPTIONS] [--reviewer NAME] review [DIR]\n"
	      "\n"
	      "A terminal handbook for community leadership roles: read a role's\n"
	      "description, responsibilities, skill areas and onboarding checklist.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)            open the handbook; with ROLE or FILE.md, open that role\n"
	      "  list              list the roles found: id, title and summary\n"
	      "  print ROLE|FILE   write the rendered role to standard output (styled on a\n"
	      "                    terminal, plain text in a pipe)\n"
	      "  checklist ROLE    print the onboarding checklist: numbered items, [x] or [ ],\n"
	      "                    the date each was done and its note\n"
	      "  check ROLE N|ID...    mark items done (numbers from 'checklist', or ids)\n"
	      "  uncheck ROLE N|ID...  mark items not done\n"
	      "  assessment ROLE   print the self-assessment: ratings per skill area, averages,\n"
	      "                    readiness summary and the history of snapshots\n"
	      "  profiles          list the profiles in the database and their progress\n"
	      "  report            the readiness report of the profile: checklist, self and\n"
	      "                    reviewer averages, verdict, notes (--format markdown pastes\n"
	      "                    into a GitHub issue; --role ROLE for one role)\n"
	      "  export [-o FILE]  every record of the profile as one JSON document\n"
	      "  import FILE       read an export into the database (--as NAME: under\n"
	      "                    another profile name); all or nothing\n"
	      "  review [DIR]      open the review screen: every candidate's progress, ratings\n"
	      "                    and readiness, for SIG chairs; with DIR, of the exports in\n"
	      "                    DIR (read, not imported)\n"
	      "\n"
	      "Options:\n"
	      "  -C, --content DIR  also read roles from DIR (repeatable; first wins)\n"
	      "  -w, --width N      print at N columns (default: the terminal's, or 80)\n"
	      "      --no-color     monochrome output (also when NO_COLOR is set)\n"
	      "  -p, --profile NAME whose progress to show and change (default: your login)\n"
	      "      --role ROLE    report: only this role\n"
	      "      --format FMT   report: text (default), markdown or json\n"
	      "  -o, --output FILE  export: write FILE (mode 0600) instead of standard output\n"
	      "      --as NAME      import: under profile NAME instead of the file's\n"
	      "  -r, --reviewer NAME rate the profile as this reviewer (a SIG chair), apart\n"
	      "                     from its own self-assessment\n"
	      "      --db PATH      the database (default: $ROLEBOOK_DB, else\n"
	      "                     $XDG_STATE_HOME/rolebook/rolebook.db)\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "Roles come from --content folders, then your own folder\n"
	      "($XDG_DATA_HOME/rolebook/roles), then the bundled roles.  Progress is kept\n"
	      "in the database (--db, else $ROLEBOOK_DB, else\n"
	      "$XDG_STATE_HOME/rolebook/rolebook.db).  Here and now:\n",
	      out);
	{
		/* from the environment and the command line, so not to be
		 * trusted with the terminal: cleaned as content is */
		char *roles = paths_user_roles(), *db = db_option ? xstrdup(db_option) : paths_db();
		char *croles = text_clean(roles ? roles : "(none: HOME is not set)", 0);
		char *cdb = text_clean(db ? db : "(none: HOME is not set)", 0);
		fprintf(out, "  your roles: %s\n  database:   %s\n", croles, cdb);
		free(croles);
		free(cdb);
		free(roles);
		free(db);
	}
	fputs("In the handbook, press ? for the keys of each screen.  See rolebook(1).\n", out);
}

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

/* Finds ROLE or adds FILE.md; NULL (message printed) when neither. */
static struct role *
resolve(struct catalog *cat, const char *arg)
{
	struct role *r;
	char *err = NULL;

	if (!is_file_arg(arg)) {
		r = catalog_find(cat, arg);
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

static int
load_catalog(struct catalog *cat, const struct options *o, const char *argv0)
{
	char *user = paths_user_roles(), *bundled = paths_bundled_roles(argv0), *err = NULL;
	int rc = 0;

	for (size_t i = 0; i < o->ncontent && rc == 0; i++)
		if (catalog_add_dir(cat, o->content[i], ORIGIN_DIR, false, &err) != 0)
			rc = 1;
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
	free(user);
	free(bundled);
	return rc;
}

/* Opens the database; prints why not and returns NULL on failure. */
static struct store *
open_store(const struct options *o)
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

static int
cmd_print(struct catalog *cat, const struct options *o, int argc, char **argv)
{
	struct role *r;
	bool tty = isatty(STDOUT_FILENO);
	enum cli_style style = CLI_PLAIN;

	if (argc != 1) {
		cli_error(argc ? "print takes one role or file" : "print needs a role or a file");
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	}
	if ((r = resolve(cat, argv[0])) == NULL)
		return 1;
	if (tty)
		style = o->no_color ? CLI_MONO : CLI_COLOR;
	return cli_print(r, o->width ? o->width : (tty ? terminal_width() : 80), style,
	                 !utf8_locale(), stdout);
}

/*
 * rolebook review DIR: every export in DIR read into a store in memory.
 * Returns it, with *notice saying what was read (and what was refused);
 * NULL with a message printed when DIR cannot be read.
 */
static struct store *
open_exports(const char *dir, size_t *loaded, char **notice)
{
	struct store *mem = NULL;
	char *detail = NULL, **errors = NULL;
	size_t nerrors = 0;
	enum store_status s = store_open_memory(&mem, &detail);
	enum export_status e;

	if (s != STORE_OK) {
		cli_error("cannot open a scratch database: %s", store_strerror(s));
		free(detail);
		return NULL;
	}
	e = export_load_dir(mem, dir, loaded, &errors, &nerrors, &detail);
	if (e != EXPORT_OK) {
		cli_error("cannot read %s: %s%s%s", dir, export_strerror(e), detail ? ": " : "",
		          detail ? detail : "");
		free(detail);
		store_close(mem);
		return NULL;
	}
	for (size_t i = 0; i < nerrors; i++)
		cli_error("skipped %s", errors[i]);
	if (nerrors > 0)
		*notice = xasprintf("!Read %zu export%s from %s; %zu refused: %s", *loaded,
		                    *loaded == 1 ? "" : "s", dir, nerrors, errors[0]);
	else
		*notice = xasprintf("Read %zu export%s from %s (not imported: changes are not kept)",
		                    *loaded, *loaded == 1 ? "" : "s", dir);
	export_errors_free(errors, nerrors);
	free(detail);
	return mem;
}

static int
cmd_ui(struct catalog *cat, const struct options *o, const char *profile, bool review, int argc,
       char **argv)
{
	struct app a;
	struct role *r = NULL;
	struct store *st = NULL;
	char *login = paths_user_name();
	const char *reviewer = o->reviewer ? o->reviewer : login;
	char *notice = NULL; /* for the status line; a leading '!' marks a warning */
	size_t loaded = 0;
	int rc;

	if (argc > 1) {
		cli_error("unexpected argument '%s'", argv[1]);
		fputs("Try 'rolebook --help'.\n", stderr);
		free(login);
		return 2;
	}
	/* The argument first: a mistyped role is worth saying wherever
	 * rolebook runs, and a pipe is then told of print. */
	if (review && argc == 1) {
		/* a folder of exports, read into a scratch store, never imported */
		if ((st = open_exports(argv[0], &loaded, &notice)) == NULL) {
			free(login);
			return 1;
		}
	} else {
		if (argc == 1 && (r = resolve(cat, argv[0])) == NULL) {
			free(login);
			return 1;
		}
		if (r != NULL && role_load(r) != 0) {
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
	if (st == NULL && (st = open_store(o)) == NULL) {
		free(login);
		return 1;
	}
	app_init(&a, cat, 24, 80);
	a.ascii = !utf8_locale();
	a.store = st;
	a.profile = profile;
	a.readonly = store_is_readonly(st) || loaded > 0 || notice != NULL;
	a.rater = o->reviewer;
	a.reviewer = reviewer;
	app_push(&a, view_home_new(&a));
	if (review)
		app_push(&a, view_review_new(&a));
	else if (r != NULL)
		app_open_role(&a, r, NULL);
	if (notice != NULL)
		app_status(&a, notice[0] == '!', "%s", notice + (notice[0] == '!'));
	else if (a.readonly)
		app_status(&a, true, "Read-only: the database cannot be written; progress will not be saved");
	rc = tui_run(&a, !o->no_color);
	if (rc < 0) { /* nothing drawn: refused as a pipe is, with the reason */
		cli_error("cannot draw the handbook: %s; to read a role here use 'rolebook print "
			  "ROLE'",
			  a.status ? a.status : "this terminal cannot show it");
		rc = 1;
	}
	app_done(&a);
	store_close(st);
	free(notice);
	free(login);
	return rc;
}

/* report (report.c), export and import (export.c); --format, --role, -o and --as
 * belong to them. */
static bool
is_export_cmd(const char *cmd)
{
	return strcmp(cmd, "report") == 0 || strcmp(cmd, "export") == 0 ||
	       strcmp(cmd, "import") == 0;
}

static int
cmd_export(struct catalog *cat, const struct options *o, const char *profile, const char *cmd,
           int argc, char **argv)
{
	enum report_format format = REPORT_TEXT;
	struct role *r = NULL;
	struct store *st;
	bool report = strcmp(cmd, "report") == 0, import = strcmp(cmd, "import") == 0;
	int rc;

	if ((!report && (o->format || o->role)) || (strcmp(cmd, "export") != 0 && o->output) ||
	    (!import && o->as)) {
		cli_error("%s does not take %s", cmd,
		          !report && o->format ? "--format"
		          : !report && o->role ? "--role"
		          : !import && o->as   ? "--as"
		                               : "--output");
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	}
	if (import ? argc != 1 : argc != 0) {
		if (import)
			cli_error("import needs one FILE (an export; - reads standard input)");
		else
			cli_error("%s takes no arguments", cmd);
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	}
	if (o->format != NULL && !cli_report_format(o->format, &format)) {
		cli_error("unknown report format '%s' (text, markdown or json)", o->format);
		return 2;
	}
	if (o->role != NULL && (r = resolve(cat, o->role)) == NULL)
		return 1;
	if ((st = open_store(o)) == NULL)
		return 1;
	if (report)
		rc = cli_report(st, cat, profile, r, format, stdout);
	else if (import)
		rc = export_cli_import(st, argv[0], o->as, (int64_t)time(NULL), stdout);
	else
		rc = export_cli_export(st, cat, profile, o->output, (int64_t)time(NULL), stdout);
	store_close(st);
	return rc;
}

/* checklist, check, uncheck, profiles: the commands that use the store. */
static int
cmd_store(struct catalog *cat, const struct options *o, const char *profile, const char *cmd,
          int argc, char **argv)
{
	struct store *st;
	struct role *r = NULL;
	int rc;

	if (strcmp(cmd, "profiles") == 0) {
		if (argc != 0) {
			cli_error("profiles takes no arguments");
			return 2;
		}
	} else if (argc < 1 || ((strcmp(cmd, "checklist") == 0 || strcmp(cmd, "assessment") == 0) &&
	                        argc != 1)) {
		cli_error(argc ? "%s takes one role" : "%s needs a role", cmd);
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	} else if ((r = resolve(cat, argv[0])) == NULL) {
		return 1;
	}
	if ((st = open_store(o)) == NULL)
		return 1;
	if (strcmp(cmd, "profiles") == 0)
		rc = cli_profiles(st, cat, stdout);
	else if (strcmp(cmd, "checklist") == 0)
		rc = cli_checklist(st, profile, r, stdout);
	else if (strcmp(cmd, "assessment") == 0)
		rc = cli_assessment(st, profile, NULL, r, !utf8_locale(), stdout);
	else
		rc = cli_check(st, profile, r, argv + 1, argc - 1, strcmp(cmd, "check") == 0,
		               (int64_t)time(NULL), stdout);
	store_close(st);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"content", required_argument, NULL, 'C'},
		{"width", required_argument, NULL, 'w'},
		{"no-color", no_argument, NULL, 'n'},
		{"profile", required_argument, NULL, 'p'},
		{"db", required_argument, NULL, 'd'},
		{"reviewer", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'},
		{"role", required_argument, NULL, 'R'},
		{"output", required_argument, NULL, 'o'},
		{"as", required_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct options o;
	struct catalog cat;
	const char *nc = getenv("NO_COLOR");
	char *profile;
	int ch, rc;

	setlocale(LC_ALL, "");
	memset(&o, 0, sizeof o);
	o.no_color = nc != NULL && *nc != '\0';
	opterr = 0; /* our messages, prefixed "rolebook:" like every other */
	while ((ch = getopt_long(argc, argv, ":C:w:p:r:o:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			if (o.ncontent == MAX_CONTENT_DIRS) {
				cli_error("too many --content folders (at most %d)", MAX_CONTENT_DIRS);
				return 2;
			}
			o.content[o.ncontent++] = optarg;
			break;
		case 'w': {
			char *end;
			long w = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || w < 20 || w > 1000) {
				cli_error("invalid width '%s' (a number from 20 to 1000)", optarg);
				return 2;
			}
			o.width = (int)w;
			break;
		}
		case 'n':
			o.no_color = true;
			break;
		case 'p':
			if (*optarg == '\0' || strlen(optarg) > 200) {
				cli_error("invalid profile name (1 to 200 bytes)");
				return 2;
			}
			o.profile = optarg;
			break;
		case 'd':
			o.db = optarg;
			break;
		case 'r':
			if (*optarg == '\0' || strlen(optarg) > 200) {
				cli_error("invalid reviewer name (1 to 200 bytes)");
				return 2;
			}
			o.reviewer = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'R':
			o.role = optarg;
			break;
		case 'o':
			if (*optarg == '\0') {
				cli_error("-o needs a file name");
				return 2;
			}
			o.output = optarg;
			break;
		case 'A':
			if (*optarg == '\0' || strlen(optarg) > 200) {
				cli_error("invalid name for --as (1 to 200 bytes)");
				return 2;
			}
			o.as = optarg;
			break;
		case 'h':
			usage(stdout, o.db);
			return fflush(stdout) == 0 ? 0 : 1;
		case 'V':
			printf("rolebook %s\n", PACKAGE_VERSION);
			return fflush(stdout) == 0 ? 0 : 1;
		case ':':
			cli_error("option '%s' needs an argument", argv[optind - 1]);
			fputs("Try 'rolebook --help'.\n", stderr);
			return 2;
		case '?':
			if (optopt != 0)
				cli_error("unknown option '-%c'", optopt);
			else
				cli_error("unknown option '%s'", argv[optind - 1]);
			fputs("Try 'rolebook --help'.\n", stderr);
			return 2;
		default:
			fputs("Try 'rolebook --help'.\n", stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;

	catalog_init(&cat);
	if (load_catalog(&cat, &o, argv[-optind]) != 0) {
		catalog_done(&cat);
		return 1;
	}
	profile = o.profile ? xstrdup(o.profile) : paths_user_name();
	if ((o.format || o.role || o.output || o.as) && (argc == 0 || !is_export_cmd(argv[0]))) {
		cli_error("--format, --role, --output and --as go with report, export and import");
		fputs("Try 'rolebook --help'.\n", stderr);
		rc = 2;
	} else if (argc > 0 && is_export_cmd(argv[0])) {
		rc = cmd_export(&cat, &o, profile, argv[0], argc - 1, argv + 1);
	} else if (argc > 0 && strcmp(argv[0], "list") == 0) {
		if (argc > 1) {
			cli_error("list takes no arguments");
			rc = 2;
		} else {
			rc = cli_list(&cat, stdout);
		}
	} else if (argc > 0 && strcmp(argv[0], "print") == 0) {
		rc = cmd_print(&cat, &o, argc - 1, argv + 1);
	} else if (argc > 0 && (strcmp(argv[0], "checklist") == 0 || strcmp(argv[0], "check") == 0 ||
	                        strcmp(argv[0], "uncheck") == 0 || strcmp(argv[0], "profiles") == 0 ||
	                        strcmp(argv[0], "assessment") == 0)) {
		rc = cmd_store(&cat, &o, profile, argv[0], argc - 1, argv + 1);
	} else if (argc > 0 && strcmp(argv[0], "review") == 0) {
		rc = cmd_ui(&cat, &o, profile, true, argc - 1, argv + 1);
	} else {
		rc = cmd_ui(&cat, &o, profile, false, argc, argv);
	}
	free(profile);
	catalog_done(&cat);
	return rc;
}
