/*
 * cmd_due.c - the handlers of the commands about time (start, agenda,
 * calendar): glue from the parsed options to cli_due.c.
 */
#include "config.h"

#include <time.h>

#include "cli.h"
#include "cli_due.h"
#include "cmd.h"

int
cmd_exec_start(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct role *r = catalog_find(c->cat, argv[0]);
	struct store *st;
	int rc;

	(void)self;
	if (r == NULL) {
		cli_error("unknown role '%s' (see 'rolebook list')", argv[0]);
		return 1;
	}
	if ((st = cmd_open_store(c->o)) == NULL)
		return 1;
	rc = cli_start(st, c->profile, r, argc > 1 ? argv[1] : NULL, (int64_t)time(NULL), stdout);
	store_close(st);
	return rc;
}

/* agenda and calendar, told apart by the command's name */
int
cmd_exec_agenda(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct store *st;
	int rc;

	(void)argc;
	(void)argv;
	if ((st = cmd_open_store(c->o)) == NULL)
		return self->name[0] == 'a' ? CLI_AGENDA_ERROR : 1;
	if (self->name[0] == 'a')
		rc = cli_agenda(st, c->cat, c->profile, (int64_t)time(NULL), stdout);
	else
		rc =
		    cli_calendar(st, c->cat, c->profile, c->o->output, (int64_t)time(NULL), stdout);
	store_close(st);
	return rc;
}
