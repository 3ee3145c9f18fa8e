/*
 * cli_due.c - the commands about time (see cli_due.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "calendar.h"
#include "cli.h"
#include "cli_due.h"
#include "cli_output.h"
#include "dates.h"
#include "export.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

char *
cli_due_cell(const struct due_plan *p, size_t i, bool done, char *buf)
{
	char date[DATES_MAX], phrase[32];

	if (p->by_item == NULL || i >= p->nitems || p->by_item[i] < 0 || done) {
		snprintf(buf, CLI_DUE_SIZE, "%*s", CLI_DUE_WIDTH, "");
		return buf;
	}
	snprintf(buf, CLI_DUE_SIZE, "%s %-*s", dates_day_format(p->by_item[i], date),
		 CLI_DUE_WIDTH - 11, due_phrase(p->by_item[i], p->today, phrase));
	return buf;
}

int
cli_start(struct store *st, const char *profile, struct role *r, const char *day, int64_t now,
	  FILE *out)
{
	bool clear = day != NULL && strcmp(day, "clear") == 0;
	int32_t d = dates_today(now), was = -1;
	char buf[DATES_MAX], *who = text_clean(profile, 0), *title;
	const char *why;
	enum store_status s;

	if (day != NULL && !clear && dates_day_parse(day, &d) != 0) {
		cli_error("not a calendar date: '%s' (expected YYYY-MM-DD, e.g. 2026-11-01, or "
			  "'clear')",
			  day);
		free(who);
		return 2;
	}
	if (!clear && (why = due_start_refusal(d, dates_today(now))) != NULL) {
		cli_error("start date %s refused: it is %s", day, why);
		free(who);
		return 2;
	}
	store_appointment_get(st, profile, r->id, &was);
	s = store_appointment_set(st, profile, r->id, clear ? -1 : d, now);
	if (clear && s == STORE_ERR_NOTFOUND) {
		fprintf(out, "%s had no start date for %s\n", who, r->id);
		free(who);
		return 0;
	}
	if (s != STORE_OK) {
		cli_error("cannot record the start date: %s", store_strerror(s));
		free(who);
		return 1;
	}
	role_peek(r);
	title = text_clean(r->title, 0);
	if (clear)
		fprintf(out, "%s: start date cleared (profile %s)\n", title, who);
	else if (was >= 0 && was != d)
		fprintf(out, "%s: started %s, was %s (profile %s)\n", title,
			dates_day_format(d, buf), dates_day_format(was, (char[DATES_MAX]){0}), who);
	else
		fprintf(out, "%s: started %s (profile %s)\n", title, dates_day_format(d, buf), who);
	free(title);
	free(who);
	return fflush(out) == 0 ? 0 : 1;
}

int
cli_agenda(struct store *st, struct catalog *cat, const char *profile, int64_t now, FILE *out)
{
	int32_t today = dates_today(now);
	struct agenda a;
	enum store_status s;
	char date[DATES_MAX], phrase[32], *who = text_clean(profile, 0);
	int rc;

	if ((s = agenda_load(&a, st, cat, profile, today, false)) != STORE_OK) {
		cli_error("cannot read the agenda: %s", store_strerror(s));
		free(who);
		return CLI_AGENDA_ERROR;
	}
	fprintf(out, "Agenda of %s on %s: ", who, dates_day_format(today, date));
	if (a.roles == 0 && a.nmissing == 0)
		fputs("no role started (rolebook start ROLE [YYYY-MM-DD])\n", out);
	else if (a.n == 0)
		fputs("nothing open\n", out);
	else
		fprintf(out, "%zu overdue, %zu due soon, %zu later, %zu without a due date\n",
			a.late, a.soon, a.n - a.late - a.soon - a.undated, a.undated);
	for (size_t i = 0; i < a.n; i++) {
		const struct agenda_row *row = &a.v[i];
		char *text = text_clean(row->item->text, 0), *role = text_clean(row->role->id, 0);

		if (row->due >= 0)
			fprintf(out, "%c %s  %-13s  ", row->state == DUE_LATE ? '!' : ' ',
				dates_day_format(row->due, date),
				due_phrase(row->due, today, phrase));
		else
			fprintf(out, "  %-10s  %-13s  ", "", "no due date");
		fprintf(out, "%s %zu.", role, row->num);
		/* a shared step: every role it belongs to */
		for (size_t k = 0; k < row->nalso; k++) {
			char *id = text_clean(row->also[k].role->id, 0);
			fprintf(out, ", %s %zu.", id, row->also[k].num);
			free(id);
		}
		fprintf(out, " %s\n", text);
		cli_put_where(out, row->item);
		free(text);
		free(role);
	}
	for (size_t i = 0; i < a.nmissing; i++) {
		char *id = text_clean(a.missing[i], 0);
		fprintf(out, "(started %s, which is not among the roles found)\n", id);
		free(id);
	}
	rc = a.late > 0 ? 1 : 0;
	agenda_done(&a);
	free(who);
	if (fflush(out) != 0 || ferror(out))
		return CLI_AGENDA_ERROR;
	return rc;
}

int
cli_calendar(struct store *st, struct catalog *cat, const char *profile, const char *output,
	     int64_t now, FILE *out)
{
	bool to_file = output != NULL && strcmp(output, "-") != 0;
	enum cli_target t = CLI_TO_STDOUT;
	int fd = -1;
	char *real = NULL;
	struct agenda a;
	enum store_status s;
	enum export_status es;
	char *ics, *detail = NULL;
	int rc = 0;

	/* the very rule export -o follows (cli_output.h) */
	if (to_file && cli_output_target(st, "write the calendar", output, &t, &fd, &real) != 0)
		return 1;
	if ((s = agenda_load(&a, st, cat, profile, dates_today(now), true)) != STORE_OK) {
		cli_error("cannot read the agenda: %s", store_strerror(s));
		free(real);
		return 1;
	}
	if ((ics = calendar_build(&a, profile, now, &detail)) == NULL) {
		cli_error("%s", detail);
		free(detail);
		free(real);
		agenda_done(&a);
		return 1;
	}
	if (t == CLI_TO_STDOUT) {
		fputs(ics, out);
	} else if (t == CLI_TO_FD || t == CLI_TO_DEVICE) {
		rc = cli_output_into("write the calendar", output, fd, ics);
	} else if ((es = export_write_file(real != NULL ? real : output, ics, strlen(ics),
					   &detail)) != EXPORT_OK) {
		cli_error("cannot write the calendar: %s", detail ? detail : export_strerror(es));
		free(detail);
		rc = 1;
	} else {
		char *o = text_clean(output, 0);
		size_t n = 0;

		for (size_t i = 0; i < a.n; i++)
			n += a.v[i].due >= 0; /* the tasks calendar_build wrote */
		fprintf(out, "wrote %zu task%s to %s\n", n, n == 1 ? "" : "s", o);
		free(o);
	}
	free(real);
	if (rc != 0) {
		free(ics);
		agenda_done(&a);
		return rc;
	}
	free(ics);
	agenda_done(&a);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the calendar");
		return 1;
	}
	return 0;
}
