/*
 * main.c - the locale, then the command line: parsed and looked up in the
 * tables of cmd.c, whose handlers do the rest.  No logic of its own.
 *
 *   rolebook [OPTIONS] [ROLE|FILE.md]     the interactive handbook
 *   rolebook [OPTIONS] COMMAND ARGS...    see `rolebook --help` (cmd.c)
 *
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include "config.h"

#include <locale.h>

#include "cmd.h"

int
main(int argc, char **argv)
{
	struct cmd_options o;
	const struct cmd_entry *e;
	int first, skip, rc;

	setlocale(LC_ALL, "");
	if ((rc = cmd_parse(&o, argc, argv, &first)) >= 0)
		return rc;
	e = cmd_find(argc - first, argv + first, &skip);
	first += skip;
	if ((rc = cmd_check(e, &o, argc - first, argv + first)) != 0)
		return rc;
	return cmd_run(e, &o, argv[0], argc - first, argv + first);
}
