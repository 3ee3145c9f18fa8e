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

/* Undated rows (due -1) go last. */
static int
by_day(const void *x, const void *y)
{
	const struct agenda_row *a = x, *b = y;
	int c;

	if (a->due != b->due) {
		if (a->due < 0 || b->due < 0)
			return a->due < 0 ? 1 : -1;
		return a->due < b->due ? -1 : 1;
	}
	if ((c = strcmp(a->role->id, b->role->id)) != 0)
		return c;
	return a->num < b->num ? -1 : a->num > b->num;
}

/* The rows of one step together, in by_day's order among them. */
static int
by_item(const void *x, const void *y)
{
	const struct agenda_row *a = x, *b = y;
	int c = strcmp(a->item->id, b->item->id);

	return c != 0 ? c : by_day(x, y);
}

/* One row per step: the first of each run of the same item id (the
 * earliest due) keeps the others as also. */
static void
merge_shared(struct agenda *a)
{
	size_t out = 0;

	if (a->n == 0)
		return; /* no rows: no array either (qsort wants one) */
	qsort(a->v, a->n, sizeof *a->v, by_item);
	for (size_t i = 0; i < a->n; out++) {
		struct agenda_row *keep = &a->v[out];
		size_t j = i + 1;

		*keep = a->v[i];
		keep->uid_role = keep->role->id;
		while (j < a->n && strcmp(a->v[j].item->id, keep->item->id) == 0)
			j++;
		if (j > i + 1) {
			keep->nalso = j - i - 1;
			keep->also = xcalloc(keep->nalso, sizeof *keep->also);
			for (size_t k = i + 1; k < j; k++) {
				keep->also[k - i - 1] =
				    (struct agenda_also){a->v[k].role, a->v[k].num};
				if (strcmp(a->v[k].role->id, keep->uid_role) < 0)
					keep->uid_role = a->v[k].role->id;
				/* one record: done in one role is done in all */
				keep->done = keep->done && a->v[k].done;
			}
		}
		i = j;
	}
	a->n = out;
	for (size_t i = 0; i < a->n; i++) {
		const struct agenda_row *r = &a->v[i];
		if (r->done)
			continue;
		a->late += r->due >= 0 && r->state == DUE_LATE;
		a->soon += r->due >= 0 && r->state == DUE_SOON;
		a->undated += r->due < 0;
	}
	if (a->n > 1) /* (no rows: no array) */
		qsort(a->v, a->n, sizeof *a->v, by_day);
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
		for (size_t i = 0; i < c.n; i++) {
			struct agenda_row *row;

			if (c.v[i].done && !with_done)
				continue;
			a->v = xgrow(a->v, &cap, a->n + 1, sizeof *a->v);
			row = &a->v[a->n++];
			memset(row, 0, sizeof *row);
			row->role = r;
			row->item = c.v[i].item;
			row->num = i + 1;
			row->start = ap[k].day;
			row->due = p.by_item != NULL ? p.by_item[i] : -1;
			row->days = row->due >= 0 ? row->due - today : 0;
			row->state = row->due >= 0 ? due_state_of(row->due, today) : DUE_LATER;
			row->done = c.v[i].done;
			row->done_at = c.v[i].done && c.v[i].rec ? c.v[i].rec->done_at : 0;
		}
		due_plan_done(&p);
		checklist_done(&c);
	}
	store_appointments_free(ap, nap);
	merge_shared(a);
	return STORE_OK;
}

void
agenda_done(struct agenda *a)
{
	for (size_t i = 0; i < a->nmissing; i++)
		free(a->missing[i]);
	free(a->missing);
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].also);
	free(a->v);
	memset(a, 0, sizeof *a);
}
