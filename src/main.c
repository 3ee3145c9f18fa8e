/*
 * main.c - command line, locale, paths and wiring; no logic of its own.
 *
 *   rolebook [OPTIONS] [ROLE|FILE.md]     the interactive handbook
 *   rolebook list                         roles found: id, title, summary
 *   rolebook print ROLE|FILE.md           a role rendered to stdout
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
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "content.h"
#include "paths.h"
#include "tui.h"
#include "xalloc.h"

#define MAX_CONTENT_DIRS 32

struct options {
	const char *content[MAX_CONTENT_DIRS];
	size_t ncontent;
	bool no_color;
	int width; /* 0: the terminal's, or 80 */
};

static void
usage(FILE *out)
{
	fputs("Usage: rolebook [OPTIONS] [ROLE|FILE.md]\n"
	      "       rolebook [OPTIONS] list\n"
	      "       rolebook [OPTIONS] print ROLE|FILE.md [--width N]\n"
	      "\n"
	      "A terminal handbook for community leadership roles: read a role's\n"
	      "description, responsibilities, skill areas and onboarding checklist.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)            open the handbook; with ROLE or FILE.md, open that role\n"
	      "  list              list the roles found: id, title and summary\n"
	      "  print ROLE|FILE   write the rendered role to standard output (styled on a\n"
	      "                    terminal, plain text in a pipe)\n"
	      "\n"
	      "Options:\n"
	      "  -C, --content DIR  also read roles from DIR (repeatable; first wins)\n"
	      "  -w, --width N      print at N columns (default: the terminal's, or 80)\n"
	      "      --no-color     monochrome output (also when NO_COLOR is set)\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "Roles come from --content folders, then $XDG_DATA_HOME/rolebook/roles\n"
	      "(~/.local/share/rolebook/roles), then the bundled roles.  In the handbook,\n"
	      "press ? for the keys of each screen.  See rolebook(1).\n",
	      out);
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
	if (rc == 0 && catalog_add_dir(cat, bundled, ORIGIN_BUNDLED, true, &err) != 0)
		rc = 1;
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
	}
	free(user);
	free(bundled);
	return rc;
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

static int
cmd_ui(struct catalog *cat, const struct options *o, int argc, char **argv)
{
	struct app a;
	struct role *r = NULL;
	int rc;

	if (argc > 1) {
		cli_error("unexpected argument '%s'", argv[1]);
		fputs("Try 'rolebook --help'.\n", stderr);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the handbook needs a terminal; to read a role in a pipe use "
		          "'rolebook print ROLE'");
		return 1;
	}
	if (argc == 1 && (r = resolve(cat, argv[0])) == NULL)
		return 1;
	if (r != NULL && role_load(r) != 0) {
		cli_error("%s", r->error);
		return 1;
	}
	app_init(&a, cat, 24, 80);
	a.ascii = !utf8_locale();
	app_push(&a, view_home_new(&a));
	if (r != NULL)
		app_open_role(&a, r, NULL);
	rc = tui_run(&a, !o->no_color);
	app_done(&a);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"content", required_argument, NULL, 'C'},
		{"width", required_argument, NULL, 'w'},
		{"no-color", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct options o;
	struct catalog cat;
	const char *nc = getenv("NO_COLOR");
	int ch, rc;

	setlocale(LC_ALL, "");
	memset(&o, 0, sizeof o);
	o.no_color = nc != NULL && *nc != '\0';
	while ((ch = getopt_long(argc, argv, "C:w:hV", longopts, NULL)) != -1) {
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
		case 'h':
			usage(stdout);
			return fflush(stdout) == 0 ? 0 : 1;
		case 'V':
			printf("rolebook %s\n", PACKAGE_VERSION);
			return fflush(stdout) == 0 ? 0 : 1;
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
	if (argc > 0 && strcmp(argv[0], "list") == 0) {
		if (argc > 1) {
			cli_error("list takes no arguments");
			rc = 2;
		} else {
			rc = cli_list(&cat, stdout);
		}
	} else if (argc > 0 && strcmp(argv[0], "print") == 0) {
		rc = cmd_print(&cat, &o, argc - 1, argv + 1);
	} else {
		rc = cmd_ui(&cat, &o, argc, argv);
	}
	catalog_done(&cat);
	return rc;
}
