/*
 * agenda.c - a profile's due items across its started roles (see
 * agenda.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "checklist.h"
#include "xalloc.h"

static int
by_day(const void *x, const void *y)
{
	const struct agenda_row *a = x, *b = y;
	int c;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if ((c = strcmp(a->role->id, b->role->id)) != 0)
		return c;
	return a->num < b->num ? -1 : a->num > b->num;
}

enum store_status
agenda_load(struct agenda *a, struct store *st, struct catalog *cat, const char *profile,
	    int32_t today, bool with_done)
{
	struct store_appointment *ap;
	enum store_status s;
	size_t nap, cap = 0;

	memset(a, 0, sizeof *a);
	if ((s = store_appointments_list(st, profile, &ap, &nap)) != STORE_OK)
		return s;
	for (size_t k = 0; k < nap; k++) {
		struct role *r = catalog_find(cat, ap[k].role);
		struct checklist c;
		struct due_plan p;

		if (r == NULL || role_load(r) != 0) {
			a->missing = xreallocarray(a->missing, a->nmissing + 1, sizeof *a->missing);
			a->missing[a->nmissing++] = xstrdup(ap[k].role);
			continue;
		}
		a->roles++;
		if ((s = checklist_load(&c, st, profile, r)) != STORE_OK) {
			store_appointments_free(ap, nap);
			agenda_done(a);
			return s;
		}
		due_plan_make(&p, &c, ap[k].day, today);
		a->late += p.late;
		a->soon += p.soon;
		for (size_t i = 0; i < c.n; i++) {
			struct agenda_row *row;

			if (p.by_item[i] < 0 || (c.v[i].done && !with_done))
				continue;
			a->v = xgrow(a->v, &cap, a->n + 1, sizeof *a->v);
			row = &a->v[a->n++];
			row->role = r;
			row->item = c.v[i].item;
			row->num = i + 1;
			row->start = ap[k].day;
			row->due = p.by_item[i];
			row->days = row->due - today;
			row->state = due_state_of(row->due, today);
			row->done = c.v[i].done;
			row->done_at = c.v[i].done && c.v[i].rec ? c.v[i].rec->done_at : 0;
		}
		due_plan_done(&p);
		checklist_done(&c);
	}
	store_appointments_free(ap, nap);
	if (a->n > 1)
		qsort(a->v, a->n, sizeof *a->v, by_day);
	return STORE_OK;
}

void
agenda_done(struct agenda *a)
{
	for (size_t i = 0; i < a->nmissing; i++)
		free(a->missing[i]);
	free(a->missing);
	free(a->v);
	memset(a, 0, sizeof *a);
}
