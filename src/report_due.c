/*
 * report_due.c - the time part of a readiness report: the day the
 * candidate took up the role and what is overdue, laid out from due.c's
 * plan in text, Markdown and JSON (report.c and report_md.c call these).
 *
 * A report has no clock of its own: "today" is the local day of
 * report_set_clock()'s clock, by default the system's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "jsonout.h"
#include "report_int.h"
#include "text.h"

static int64_t (*clock_fn)(void);

void
report_set_clock(int64_t (*clock)(void))
{
	clock_fn = clock;
}

void
report_due_load(struct report_role *rr, struct store *st, const char *profile)
{
	int32_t start = -1;
	enum store_origin origin = STORE_LOCAL;

	if (st != NULL)
		store_appointment_find(st, profile, rr->role->id, &start, &origin);
	due_plan_make(&rr->plan, &rr->cl, start,
		      dates_today(clock_fn ? clock_fn() : (int64_t)time(NULL)));
	rr->plan.unverified = origin == STORE_UNVERIFIED;
}

void
report_due_text(struct strbuf *b, const struct report_role *rr, bool md)
{
	const struct due_plan *p = &rr->plan;
	char date[DATES_MAX], phrase[32];
	bool any = false;

	if (!p->started)
		return;
	strbuf_printf(b, md ? "**Started:** %s%s" : "Started: %s%s",
		      dates_day_format(p->start, date), p->unverified ? DUE_UNVERIFIED : "");
	if (p->late == 0)
		strbuf_printf(b, "; nothing overdue on %s\n", dates_day_format(p->today, date));
	else
		strbuf_printf(b, "; %zu overdue on %s:\n", p->late,
			      dates_day_format(p->today, date));
	for (size_t i = 0; i < p->n; i++) {
		const struct due_entry *e = &p->v[i];
		const struct check_item *it = rr->cl.v[e->index].item;

		if (e->state != DUE_LATE)
			continue;
		if (md && !any)
			strbuf_puts(b, "\n");
		any = true;
		strbuf_printf(b, md ? "- item %zu: " : "  ! %zu. ", e->index + 1);
		if (md) {
			report_md_text(b, it->text);
		} else {
			char *t = text_clean(it->text, 0);
			strbuf_puts(b, t);
			free(t);
		}
		strbuf_printf(b, " (due %s, %s)\n", dates_day_format(e->due, date),
			      due_phrase(e->due, p->today, phrase));
	}
	strbuf_puts(b, "\n");
}

json_t *
report_due_json(const struct report_role *rr)
{
	const struct due_plan *p = &rr->plan;
	json_t *o, *late;
	char date[DATES_MAX];

	if (!p->started)
		return json_null();
	o = json_object();
	late = json_array();
	jsonout_set(o, "started", json_string(dates_day_format(p->start, date)));
	jsonout_set(o, "unverified", json_boolean(p->unverified));
	jsonout_set(o, "today", json_string(dates_day_format(p->today, date)));
	for (size_t i = 0; i < p->n; i++) {
		const struct due_entry *e = &p->v[i];
		const struct check_item *it = rr->cl.v[e->index].item;
		json_t *x;

		if (e->state != DUE_LATE)
			continue;
		x = json_object();
		jsonout_set(x, "id", jsonout_text(it->id, 0));
		jsonout_set(x, "text", jsonout_text(it->text, 0));
		jsonout_set(x, "due", json_string(dates_day_format(e->due, date)));
		jsonout_set(x, "days_late", json_integer(-e->days));
		jsonout_push(late, x);
	}
	jsonout_set(o, "overdue", late);
	return o;
}
