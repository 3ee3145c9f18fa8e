/*
 * change.c - the screens' changes as values, and the queue that keeps
 * them while another program holds the database (see change.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "checklist.h"
#include "xalloc.h"

enum store_status
change_apply(struct store *st, const struct change *c, int64_t *id)
{
	int64_t snap = 0;
	enum store_status s = STORE_ERR_INVALID;
	const char *area;

	switch (c->kind) {
	case CHANGE_DONE:
		s = checklist_set_done(st, c->profile, c->role, c->item, c->done, c->at);
		break;
	case CHANGE_ITEM_NOTE:
		s = checklist_set_note(st, c->profile, c->role, c->item, c->text, c->at);
		break;
	case CHANGE_START:
		s = store_appointment_set(st, c->profile, c->role->id, c->day, c->at);
		break;
	case CHANGE_RATING:
	case CHANGE_RATING_NOTE:
		area = c->role->areas[c->stmt->area].name;
		if (c->kind == CHANGE_RATING)
			s = store_rating_set(st, c->profile, c->role->id, c->rater, c->stmt->id,
					     area, c->stmt->text, c->value, c->at);
		else
			s = store_rating_set_note(st, c->profile, c->role->id, c->rater,
						  c->stmt->id, area, c->stmt->text, c->text, c->at);
		break;
	case CHANGE_SNAPSHOT:
		s = store_snapshot_take(st, c->profile, c->role->id, c->rater, c->at, &snap);
		break;
	}
	if (id != NULL)
		*id = s == STORE_OK ? snap : 0;
	return s;
}

char *
change_describe(const struct change *c)
{
	switch (c->kind) {
	case CHANGE_DONE:
		return xasprintf("%s '%s'", c->done ? "tick" : "untick", c->item->text);
	case CHANGE_ITEM_NOTE:
		return xasprintf("the note on '%s'", c->item->text);
	case CHANGE_START:
		return xasprintf("the start date of %s", c->role->id);
	case CHANGE_RATING:
		return xasprintf("the rating %d of '%s'", c->value, c->stmt->text);
	case CHANGE_RATING_NOTE:
		return xasprintf("the note on '%s'", c->stmt->text);
	case CHANGE_SNAPSHOT:
		return xasprintf("the snapshot of %s's ratings", c->role->id);
	}
	return xstrdup("a change");
}

void
change_queue_init(struct change_queue *q, change_fn apply)
{
	memset(q, 0, sizeof *q);
	q->apply = apply != NULL ? apply : change_apply;
}

static void
kept_free(struct change_kept *k)
{
	for (size_t i = 0; i < sizeof k->own / sizeof k->own[0]; i++)
		free(k->own[i]);
}

void
change_queue_done(struct change_queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		kept_free(&q->v[i]);
	free(q->v);
	q->v = NULL;
	q->n = q->cap = 0;
}

/* A copy of s the kept change owns (NULL stays NULL). */
static const char *
own(struct change_kept *k, size_t i, const char *s)
{
	k->own[i] = s != NULL ? xstrdup(s) : NULL;
	return k->own[i];
}

static void
keep(struct change_queue *q, const struct change *c)
{
	struct change_kept *k;

	q->v = xgrow(q->v, &q->cap, q->n + 1, sizeof q->v[0]);
	k = &q->v[q->n++];
	k->c = *c;
	k->c.profile = own(k, 0, c->profile);
	k->c.rater = own(k, 1, c->rater);
	k->c.text = own(k, 2, c->text);
	if (q->n == 1)
		q->since = c->at;
}

size_t
change_retry(struct change_queue *q, struct store *st, size_t *landed, size_t *refused,
	     enum store_status *why)
{
	size_t done = 0;

	*landed = *refused = 0;
	*why = STORE_OK;
	while (done < q->n) {
		enum store_status s = q->apply(st, &q->v[done].c, NULL);
		if (s == STORE_ERR_BUSY)
			break;
		if (s == STORE_OK) {
			++*landed;
		} else {
			if (*refused == 0)
				*why = s;
			++*refused;
		}
		kept_free(&q->v[done++]);
	}
	if (done > 0) {
		memmove(q->v, q->v + done, (q->n - done) * sizeof q->v[0]);
		q->n -= done;
		if (q->n > 0)
			q->since = q->v[0].c.at;
	}
	return q->n;
}

enum store_status
change_submit(struct change_queue *q, struct store *st, const struct change *c, int64_t *id)
{
	enum store_status s;

	if (id != NULL)
		*id = 0;
	if (q->n > 0) {
		size_t landed, refused;
		if (change_retry(q, st, &landed, &refused, &s) > 0) {
			keep(q, c);
			return STORE_ERR_BUSY;
		}
	}
	s = q->apply(st, c, id);
	if (s == STORE_ERR_BUSY)
		keep(q, c);
	return s;
}

size_t
change_waiting(const struct change_queue *q)
{
	return q->n;
}
