/*
 * cmd.c - the command line as tables (see cmd.h).
 *
 * options[] lists every option once: getopt's tables and the Options of
 * --help are made from it.  commands[] lists every command once: the
 * lookup, the checks of options and arguments, the Usage and Commands of
 * --help are made from it.  An option is a command's own when a command
 * lists it in its `options`; any other goes with every command.
 *
 * The handlers (cmd_exec.c, cmd_import.c) are the glue: they check what only they can (a role
 * that exists, a report format), open the database, and call the module
 * that does the work (cli.c, report.c, export.c, tui.c).  They print
 * errors on stderr through cli_error and return the exit status: 0
 * success, 1 failure, 2 usage error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "cli_export.h"
#include "cmd.h"
#include "conf.h"
#include "export.h"
#include "files.h"
#include "hyperlink.h"
#include "paths.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "tui.h"
#include "xalloc.h"

/* --config as given before --help, for its "Here and now" (issue 16). */
static const char *help_config;

/* --help: where descriptions start, and the width they wrap at. */
#define HELP_COL 24
#define HELP_WIDTH 79

struct cmd_option {
	int key;	  /* getopt's value: the short letter, or a letter for a long-only one */
	bool has_short;	  /* -key works too */
	const char *name; /* --name */
	const char *arg;  /* its argument's name, NULL: none */
	const char *help;
};

static const struct cmd_option options[] = {
    {'C', true, "content", "DIR",
     "also read roles from DIR and its folders, at any depth (repeatable; first wins)"},
    {'w', true, "width", "N", "print at N columns (default: the terminal's, or 80)"},
    {'n', false, "no-color", NULL,
     "no colours; print writes plain text (NO_COLOR: no colours only)"},
    {'c', false, "color", "[=WHEN]",
     "colours and styles: auto (default: on a terminal, unless NO_COLOR is set), always "
     "(print styles a pipe too, for less -R) or never"},
    {'Y', false, "hyperlinks", "[=WHEN]",
     "links as terminal hyperlinks (OSC 8), on screen and in print: auto (default: on a "
     "terminal known to show them, not through tmux or screen), always (wherever escape codes "
     "go) or never"},
    {'F', false, "config", "FILE",
     "read settings from FILE (default: $ROLEBOOK_CONFIG, else "
     "$XDG_CONFIG_HOME/rolebook/config; empty: none)"},
    {'p', true, "profile", "NAME", "whose progress to show and change (default: your login)"},
    {'R', false, "role", "ROLE", "report: only this role"},
    {'f', false, "format", "FMT", "report: text (default), markdown, json or issue"},
    {'a', false, "all", NULL, "report: every profile (with --role, every candidate for it)"},
    {'S', false, "sig", "NAME", "report --format issue: the SIG or WG, e.g. \"SIG Node\""},
    {'L', false, "discussion", "URL", "report --format issue: link to the discussion"},
    {'O', false, "offboarding", "HANDLES", "report --format issue: the leads stepping down"},
    {'X', false, "stepping-down", NULL,
     "checklist, check, uncheck: the offboarding checklist (for stepping down)"},
    {'T', false, "note", "TEXT", "check, uncheck: set the items' note to TEXT (\"\" removes it)"},
    {'o', true, "output", "FILE",
     "export, calendar: write FILE (mode 0600) instead of standard output"},
    {'A', false, "as", "NAME", "import: under profile NAME instead of the file's"},
    {'K', false, "sign", "KEY", "export: sign FILE with this SSH private key (FILE.sig)"},
    {'W', false, "reviews", NULL, "export: only the ratings you gave as --reviewer"},
    {'G', false, "allowed-signers", "FILE",
     "import, review: whose SSH keys to trust (default: DIR/allowed_signers for review, "
     "$XDG_CONFIG_HOME/rolebook/allowed_signers)"},
    {'U', false, "accept-unsigned", NULL,
     "import, review: also take reviewer ratings from unsigned files (marked unverified)"},
    {'D', false, "dry-run", NULL, "import: say what would change, write nothing"},
    {'u', false, "undo", "N", "import: undo import N (see 'rolebook imports') instead"},
    {'y', false, "yes", NULL, "forget: do not ask"},
    {'l', true, "files-with-matches", NULL,
     "search: print only the path of each document that matches (as grep -l), reading no "
     "more of it after its first match"},
    {'r', true, "reviewer", "NAME",
     "rate the profile as this reviewer (a SIG chair), apart from its own self-assessment"},
    {'Q', false, "root", "DIR",
     "the repository root that links starting with '/' start from (default: the nearest "
     "folder above the document holding a .git)"},
    {'d', false, "db", "PATH",
     "the database (default: $ROLEBOOK_DB, else $XDG_STATE_HOME/rolebook/rolebook.db)"},
    {'h', true, "help", NULL, "show this help and exit"},
    {'V', true, "version", NULL, "show the version and exit"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* In --help's order; the first is the handbook, which has no name. */
static const struct cmd_entry commands[] = {
    {NULL, "[ROLE|FILE.md|DIR]", "", 0, 1, NULL,
     "open the handbook; with ROLE or FILE.md, open that role; with DIR, the handbook of "
     "the documents in that folder and its folders",
     cmd_exec_ui},
    {"list", "", "", 0, 0, NULL,
     "list the roles found: id (the file's path in its folder, without .md), title and "
     "summary",
     cmd_exec_list},
    {"print", "ROLE|FILE.md [--width N]", "", 1, 1, "one role or file",
     "write the rendered role to standard output (styled on a terminal, plain text in a pipe)",
     cmd_exec_print},
    {"checklist", "ROLE [--stepping-down]", "X", 1, 1, "one role",
     "print the onboarding checklist (--stepping-down: the offboarding one): numbered items, "
     "[x] or [ ], the date each was done and its note; a step two roles share is one record",
     cmd_exec_checklist},
    {"check", "ROLE N|ID... [--note TEXT]", "XT", 1, -1, "a role and item numbers or ids",
     "mark items done (numbers from 'checklist', or ids); --note TEXT sets their note",
     cmd_exec_check},
    {"uncheck", "ROLE N|ID... [--note TEXT]", "XT", 1, -1, "a role and item numbers or ids",
     "mark items not done", cmd_exec_check},
    {"start", "ROLE [YYYY-MM-DD|clear]", "", 1, 2, "a role and a date",
     "record the day you took up ROLE (default: today; clear: forget it), from which "
     "checklist items fall due",
     cmd_exec_start},
    {"agenda", "", "", 0, 0, NULL,
     "list the open checklist items of every started role by due date, overdue first; exit "
     "status 1 when one is overdue",
     cmd_exec_agenda},
    {"calendar", "[-o FILE]", "o", 0, 0, NULL,
     "write the due checklist items as an iCalendar file (VTODO tasks) for calendar programs",
     cmd_exec_agenda},
    {"assessment", "ROLE", "", 1, 1, "one role",
     "print the self-assessment: ratings per skill area, averages, readiness summary and the "
     "history of snapshots",
     cmd_exec_assessment},
    {"profiles", "", "", 0, 0, NULL, "list the profiles in the database and their progress",
     cmd_exec_profiles},
    {"report", "[--all] [--role ROLE] [--format FMT]", "RfaSLO", 0, 0, NULL,
     "the readiness report of the profile (--all: of every profile): checklist, self and "
     "reviewer averages, verdict, notes (--format markdown pastes into a GitHub issue; "
     "--format issue --sig NAME writes a Leadership Change issue; --role ROLE for one role)",
     cmd_exec_report},
    {"export", "[-o FILE] [--sign KEY] [--reviews]", "oKW", 0, 0, NULL,
     "every record of the profile as one JSON document (--reviews: only your ratings as "
     "--reviewer; --sign KEY: signed with ssh-keygen, FILE.sig)",
     cmd_exec_export},
    {"import", "FILE [--as NAME] [--dry-run] | --undo N", "AGUDu", 0, 1,
     "one FILE (an export; - reads standard input)",
     "read an export into the database (a signed one verified; --as NAME: under another "
     "profile name); all or nothing",
     cmd_exec_export},
    {"imports", "", "", 0, 0, NULL, "list the imports made: file, signer, time and counts",
     cmd_exec_export},
    {"forget", "PROFILE [--role ROLE] [--yes]", "Ry", 1, 1, "one profile",
     "remove every record of a profile (or of one role), after asking", cmd_exec_forget},
    {"search", "[-l] PATTERN", "l", 1, 1, "one pattern",
     "print every line of every document that holds PATTERN, as path:section: line, the "
     "path in its folder (smart case and letters folded, as in the reader); with -l, only "
     "the paths; exit status 1 when nothing matches",
     cmd_exec_search},
    {"links", "PATH", "", 1, 1, "one document or folder",
     "check the links of a document, or of every document in a folder: where each leads "
     "(file and heading) or why it does not; exit status 1 when a relative link is broken",
     cmd_exec_links},
    {"review", "[DIR]", "GU", 0, 1, "one folder",
     "open the review screen: every candidate's progress, ratings and readiness, for SIG "
     "chairs; with DIR, of the exports in DIR (read, not imported)",
     cmd_exec_ui},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cmd_option *
option_of(int key)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].key == key)
			return &options[i];
	return NULL;
}

/* True when some command lists the option as its own. */
static bool
specific(int key)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strchr(commands[i].options, key) != NULL)
			return true;
	return false;
}

static void
try_help(void)
{
	fputs("Try 'rolebook --help'.\n", stderr);
}

/* ---- --help ---- */

/* Writes text from column col (the cursor being at column at), wrapped
 * at HELP_WIDTH, each further line indented to col; at least two spaces
 * after what is before it, else from the next line. */
static void
put_wrapped(FILE *out, int at, int col, const char *text)
{
	size_t len = strlen(text), pos = 0;

	if (at + 2 > col) { /* no room: the text starts on the next line */
		fputc('\n', out);
		at = 0;
	}
	while (pos < len) {
		size_t next, n = text_wrap(text + pos, len - pos, HELP_WIDTH - col, &next);
		fprintf(out, "%*s%.*s\n", col - at, "", (int)n, text + pos);
		at = 0;
		pos += next > 0 ? next : len - pos;
	}
}

/* args without its options ("[--width N]", "-o FILE"), for the list of
 * commands: "ROLE|FILE.md [--width N]" gives "ROLE|FILE.md". */
static void
positional(const char *args, char *buf, size_t size)
{
	size_t n = 0;

	while (*args && n + 1 < size) {
		if (args[0] == '[' && args[1] == '-') {
			const char *end = strchr(args, ']');
			args = end ? end + 1 : args + strlen(args);
			while (*args == ' ')
				args++;
			continue;
		}
		buf[n++] = *args++;
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

/* One option's row: "  -w, --width N", "      --db PATH", then its help. */
static void
put_option(FILE *out, const struct cmd_option *op)
{
	int at;

	/* an optional argument ("[=WHEN]") is written against the name */
	const char *sep = op->arg == NULL || op->arg[0] == '[' ? "" : " ";

	if (op->has_short)
		at =
		    fprintf(out, "  -%c, --%s%s%s", op->key, op->name, sep, op->arg ? op->arg : "");
	else
		at = fprintf(out, "      --%s%s%s", op->name, sep, op->arg ? op->arg : "");
	put_wrapped(out, at, HELP_COL, op->help);
}

void
cmd_usage(FILE *out, const char *db_option)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct cmd_entry *e = &commands[i];
		fprintf(out, "%s rolebook [OPTIONS]%s%s%s%s\n", i == 0 ? "Usage:" : "      ",
			e->name ? " " : "", e->name ? e->name : "", *e->args ? " " : "", e->args);
	}
	fputs("\n"
	      "A terminal handbook for community leadership roles: read a role's\n"
	      "description, responsibilities, skill areas and onboarding checklist.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct cmd_entry *e = &commands[i];
		char args[64];
		int at;

		/* the handbook's help says what its arguments are */
		positional(e->name ? e->args : "", args, sizeof args);
		at = fprintf(out, "  %s%s%s", e->name ? e->name : "(none)", *args ? " " : "", args);
		put_wrapped(out, at, HELP_COL, e->help);
	}
	fputs("\nOptions:\n", out);
	for (size_t i = 0; i < NOPTIONS; i++)
		put_option(out, &options[i]);
	fputs("\n"
	      "Roles come from --content folders, then your own folder\n"
	      "($XDG_DATA_HOME/rolebook/roles), then the bundled roles.  Progress is kept\n"
	      "in the database (--db, else $ROLEBOOK_DB, else\n"
	      "$XDG_STATE_HOME/rolebook/rolebook.db), its times in UTC; dates are shown in\n"
	      "your time zone (TZ).  Here and now:\n",
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
		/* issue 16: the config file read, if any */
		{
			char *conf = conf_path(help_config);
			char *cconf = text_clean(conf ? conf : "(none)", 0);
			fprintf(out, "  config:     %s%s\n", cconf,
				conf && access(conf, F_OK) != 0 ? " (absent)" : "");
			free(cconf);
			free(conf);
		}
		free(roles);
		free(db);
	}
	fputs("In the handbook, press ? for the keys of each screen.  See rolebook(1).\n", out);
}

/* ---- parsing ---- */

/* Checks and stores one option; returns -1, or the exit status. */
static int
take_option(struct cmd_options *o, int key, const char *arg)
{
	switch (key) {
	case 'C':
		if (o->ncontent == CMD_MAX_CONTENT_DIRS) {
			cli_error("too many --content folders (at most %d)", CMD_MAX_CONTENT_DIRS);
			return 2;
		}
		o->content[o->ncontent++] = arg;
		break;
	case 'w': {
		char *end;
		long w = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || w < 20 || w > 1000) {
			cli_error("invalid width '%s' (a number from 20 to 1000)", arg);
			return 2;
		}
		o->width = (int)w;
		break;
	}
	case 'n':
		o->no_color = true;
		o->color_always = false;
		o->color_never = true;
		break;
	case 'c': /* --color[=WHEN] (issue 16); --color alone is always, as ls's */
		if (arg == NULL || strcmp(arg, "always") == 0 || strcmp(arg, "auto") == 0) {
			const char *nc = getenv("NO_COLOR");
			o->color_always = arg == NULL || strcmp(arg, "always") == 0;
			o->no_color = !o->color_always && nc != NULL && *nc != '\0';
			o->color_never = false;
		} else if (strcmp(arg, "never") == 0) {
			o->no_color = true;
			o->color_always = false;
			o->color_never = true;
		} else {
			char *shown = text_clean(arg, 0);
			cli_error("invalid --color '%s' (auto, always or never)", shown);
			free(shown);
			try_help();
			return 2;
		}
		break;
	case 'Y': /* --hyperlinks[=WHEN]; alone, always */
		if (arg == NULL || strcmp(arg, "always") == 0) {
			o->hyperlinks = HYPERLINK_ALWAYS;
		} else if (strcmp(arg, "auto") == 0) {
			o->hyperlinks = HYPERLINK_AUTO;
		} else if (strcmp(arg, "never") == 0) {
			o->hyperlinks = HYPERLINK_NEVER;
		} else {
			char *shown = text_clean(arg, 0);
			cli_error("invalid --hyperlinks '%s' (auto, always or never)", shown);
			free(shown);
			try_help();
			return 2;
		}
		break;
	case 'F':
		o->config = help_config = arg;
		break;
	case 'p':
	case 'r':
	case 'A': {
		/* the import's rule for names (export_name_ok), so that a name
		 * the import would refuse is never stored from here */
		char *why = NULL;
		if (!export_name_ok(arg, &why)) {
			char *shown = text_clean(arg, 0);
			cli_error("invalid %s '%s': %s",
				  key == 'A'   ? "name for --as"
				  : key == 'p' ? "profile name"
					       : "reviewer name",
				  shown, why);
			free(shown);
			free(why);
			return 2;
		}
		*(key == 'A' ? &o->as : key == 'p' ? &o->profile : &o->reviewer) = arg;
		break;
	}
	case 'K':
		o->sign = arg;
		break;
	case 'G':
		o->allowed = arg;
		break;
	case 'W':
		o->reviews = true;
		break;
	case 'U':
		o->accept_unsigned = true;
		break;
	case 'D':
		o->dry_run = true;
		break;
	case 'l':
		o->files_only = true;
		break;
	case 'y':
		o->yes = true;
		break;
	case 'u': {
		char *end;
		long long n = strtoll(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || n < 1) {
			cli_error("invalid import number '%s' (see 'rolebook imports')", arg);
			return 2;
		}
		o->undo = (int64_t)n;
		break;
	}
	case 'd':
		o->db = arg;
		break;
	case 'Q':
		o->root = arg;
		break;
	case 'f':
		o->format = arg;
		break;
	case 'R':
		o->role = arg;
		break;
	case 'a':
		o->all = true;
		break;
	case 'S':
		o->sig = arg;
		break;
	case 'L':
		o->discussion = arg;
		break;
	case 'O':
		o->offboarding = arg;
		break;
	case 'X':
		o->stepping_down = true;
		break;
	case 'T':
		o->note = arg;
		break;
	case 'o':
		if (*arg == '\0') {
			cli_error("-o needs a file name");
			return 2;
		}
		o->output = arg;
		break;
	case 'h':
		cmd_usage(stdout, o->db);
		return fflush(stdout) == 0 ? 0 : 1;
	case 'V': /* the GNU format: name and version, copyright, license */
		printf("rolebook %s\n%s\n%s\n%s\n%s\n", PACKAGE_VERSION, RB_COPYRIGHT, RB_LICENSE,
		       "This is free software: you are free to change and redistribute it.",
		       "There is NO WARRANTY, to the extent permitted by law.");
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (specific(key) && strchr(o->given, key) == NULL) {
		size_t n = strlen(o->given);
		if (n + 1 < sizeof o->given)
			o->given[n] = (char)key;
	}
	return -1;
}

/* ---- issue 16: the config file ---- */

/* What the config file set, kept for the whole run (o points into it). */
static struct conf settings;

/*
 * Reads the config file (--config, else $ROLEBOOK_CONFIG, else the XDG
 * one), says on stderr what in it is not used, applies the rest; the
 * command line's --profile, --reviewer and --width win over the file's.
 * A missing default file is no error.  Returns -1: the program goes on.
 */
static int
read_config(struct cmd_options *o)
{
	const char *env = getenv("ROLEBOOK_CONFIG");
	bool chosen = o->config != NULL || env != NULL;
	char *path = conf_path(o->config), *data = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	if (path == NULL)
		return -1;
	if ((f = fopen(path, "r")) == NULL) {
		if (chosen || errno != ENOENT) {
			char *shown = text_clean(path, 0);
			cli_error("%s: %s; the defaults are used", shown, strerror(errno));
			free(shown);
		}
		free(path);
		return -1;
	}
	err = files_read(f, CONF_MAX_BYTES + 1, &data, &len);
	fclose(f);
	if (err != 0 && err != EFBIG) {
		char *shown = text_clean(path, 0);
		cli_error("%s: %s; the defaults are used", shown, strerror(err));
		free(shown);
	} else {
		conf_done(&settings);
		/* a file over the limit: conf_parse says so */
		conf_parse(&settings, path, data ? data : "",
			   err == EFBIG ? CONF_MAX_BYTES + 1 : len);
		for (size_t i = 0; i < settings.nmessages; i++)
			cli_error("%s", settings.messages[i]);
		conf_apply(&settings);
		if (o->profile == NULL)
			o->profile = settings.profile;
		if (o->reviewer == NULL)
			o->reviewer = settings.reviewer;
		if (o->width == 0)
			o->width = settings.width;
	}
	free(data);
	free(path);
	return -1;
}

size_t
cmd_config_problems(void)
{
	return settings.nmessages;
}

/* ---- end of issue 16 ---- */

int
cmd_parse(struct cmd_options *o, int argc, char **argv, int *optind_out)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2], *sp = shortopts;
	const char *nc = getenv("NO_COLOR");
	int ch;

	memset(o, 0, sizeof *o);
	o->no_color = nc != NULL && *nc != '\0';
	*sp++ = ':'; /* a missing argument is ':', not '?' */
	for (size_t i = 0; i < NOPTIONS; i++) {
		longopts[i] = (struct option){options[i].name,
					      options[i].arg == NULL	 ? no_argument
					      : options[i].arg[0] == '[' ? optional_argument
									 : required_argument,
					      NULL, options[i].key};
		if (options[i].has_short) {
			*sp++ = (char)options[i].key;
			if (options[i].arg)
				*sp++ = ':';
		}
	}
	*sp = '\0';
	longopts[NOPTIONS] = (struct option){NULL, 0, NULL, 0};
	opterr = 0; /* our messages, prefixed "rolebook:" like every other */
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int rc;
		if (ch == ':') {
			cli_error("option '%s' needs an argument", argv[optind - 1]);
			try_help();
			return 2;
		}
		if (ch == '?' || option_of(ch) == NULL) {
			if (optopt != 0)
				cli_error("unknown option '-%c'", optopt);
			else
				cli_error("unknown option '%s'", argv[optind - 1]);
			try_help();
			return 2;
		}
		if ((rc = take_option(o, ch, optarg)) >= 0)
			return rc;
	}
	*optind_out = optind;
	return read_config(o);
}

const struct cmd_entry *
cmd_find(int argc, char **argv, int *skip)
{
	*skip = 0;
	if (argc > 0)
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (commands[i].name != NULL && strcmp(commands[i].name, argv[0]) == 0) {
				*skip = 1;
				return &commands[i];
			}
	return &commands[0];
}

/* Appends word, the k-th (from 1) of n, to a list "a, b and c". */
static void
list_add(struct strbuf *b, size_t k, size_t n, const char *prefix, const char *word)
{
	strbuf_printf(b, "%s%s%s", k == 1 ? "" : k == n ? " and " : ", ", prefix, word);
}

/* "--a, --b and --c" of the command-specific options, and "x, y and z"
 * of the commands that take them: a new string. */
static char *
specific_summary(void)
{
	struct strbuf opts = {0}, cmds = {0};
	size_t nopts = 0, ncmds = 0, k = 0;
	char *out;

	for (size_t i = 0; i < NOPTIONS; i++)
		nopts += specific(options[i].key);
	for (size_t i = 0; i < NCOMMANDS; i++)
		ncmds += *commands[i].options != '\0';
	for (size_t i = 0; i < NOPTIONS; i++)
		if (specific(options[i].key))
			list_add(&opts, ++k, nopts, "--", options[i].name);
	k = 0;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (*commands[i].options != '\0')
			list_add(&cmds, ++k, ncmds, "", commands[i].name);
	out = xasprintf("%s go with %s", opts.len ? opts.s : "", cmds.len ? cmds.s : "");
	free(opts.s);
	free(cmds.s);
	return out;
}

int
cmd_check(const struct cmd_entry *e, const struct cmd_options *o, int argc, char **argv)
{
	const char *name = e->name ? e->name : "the handbook";

	for (const char *k = o->given; *k; k++) {
		char *why;
		if (strchr(e->options, *k) != NULL)
			continue;
		if (*e->options != '\0') {
			cli_error("%s does not take --%s", name, option_of(*k)->name);
		} else {
			why = specific_summary();
			cli_error("%s does not take --%s: %s", name, option_of(*k)->name, why);
			free(why);
		}
		try_help();
		return 2;
	}
	if (argc < e->min_args) {
		cli_error("%s needs %s", name, e->what);
		try_help();
		return 2;
	}
	if (e->max_args >= 0 && argc > e->max_args) {
		if (e->name == NULL)
			cli_error("unexpected argument '%s'", argv[e->max_args]);
		else if (e->max_args == 0)
			cli_error("%s takes no arguments", name);
		else
			cli_error("%s takes %s", name, e->what);
		try_help();
		return 2;
	}
	return 0;
}
