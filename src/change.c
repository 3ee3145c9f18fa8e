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
	case CHANGE_POSITION:
		s = store_position_set(st, c->profile, c->doc, c->text, c->value, c->at);
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
	case CHANGE_POSITION:
		return xasprintf("the reading position in %s", c->doc);
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
	q->generation++;
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

/* Equal strings, NULL equal to NULL only. */
static bool
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Do a and b change the same record (a snapshot changes none)? */
static bool
same_record(const struct change *a, const struct change *b)
{
	if (a->kind != b->kind || a->kind == CHANGE_SNAPSHOT || !same(a->profile, b->profile))
		return false;
	switch (a->kind) {
	case CHANGE_DONE:
	case CHANGE_ITEM_NOTE:
		return a->role == b->role && a->item == b->item;
	case CHANGE_START:
		return a->role == b->role;
	case CHANGE_RATING:
	case CHANGE_RATING_NOTE:
		return a->role == b->role && a->stmt == b->stmt && same(a->rater, b->rater);
	case CHANGE_POSITION:
		return same(a->doc, b->doc);
	case CHANGE_SNAPSHOT:
		break;
	}
	return false;
}

/* The change waiting that c would replace: the latest of the same record,
 * unless a snapshot waits after it (it must keep what it saw).  -1: none. */
static long
replaces(const struct change_queue *q, const struct change *c)
{
	for (size_t i = q->n; i-- > 0;) {
		if (q->v[i].c.kind == CHANGE_SNAPSHOT)
			return -1;
		if (same_record(&q->v[i].c, c))
			return (long)i;
	}
	return -1;
}

static void
keep(struct change_queue *q, const struct change *c)
{
	struct change_kept *k;
	long at = replaces(q, c);

	if (at >= 0) { /* the latest value per record: in its place */
		k = &q->v[at];
		kept_free(k);
	} else {
		q->v = xgrow(q->v, &q->cap, q->n + 1, sizeof q->v[0]);
		k = &q->v[q->n++];
		if (q->n == 1)
			q->since = c->at;
	}
	q->generation++;
	k->c = *c;
	k->c.profile = own(k, 0, c->profile);
	k->c.rater = own(k, 1, c->rater);
	k->c.text = own(k, 2, c->text);
	k->c.doc = own(k, 3, c->doc);
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
		q->generation++;
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

size_t
change_edits(const struct change_queue *q, const struct change **first)
{
	size_t n = 0;

	if (first != NULL)
		*first = NULL;
	for (size_t i = 0; i < q->n; i++) {
		if (q->v[i].c.kind == CHANGE_POSITION)
			continue;
		if (n++ == 0 && first != NULL)
			*first = &q->v[i].c;
	}
	return n;
}

/* ---- what the screens show: stored values with the waiting ones over ---- */

void
change_overlay_items(const struct change_queue *q, const char *profile, struct store_item **v,
		     size_t *n)
{
	size_t cap = *n;

	for (size_t i = 0; i < q->n; i++) {
		const struct change *c = &q->v[i].c;
		struct store_item *r = NULL;

		if ((c->kind != CHANGE_DONE && c->kind != CHANGE_ITEM_NOTE) ||
		    !same(c->profile, profile))
			continue;
		for (size_t k = 0; k < *n && r == NULL; k++)
			if (strcmp((*v)[k].item_id, c->item->id) == 0 &&
			    same((*v)[k].role, c->role->id))
				r = &(*v)[k];
		if (r == NULL) {
			*v = xgrow(*v, &cap, *n + 1, sizeof **v);
			r = &(*v)[(*n)++];
			memset(r, 0, sizeof *r);
			r->item_id = xstrdup(c->item->id);
			r->text = xstrdup(c->item->text);
			r->role = xstrdup(c->role->id);
			r->origin = STORE_LOCAL;
		}
		if (c->kind == CHANGE_DONE) {
			r->done = c->done;
			r->done_at = c->done ? c->at : 0;
		} else {
			free(r->note);
			r->note = c->text != NULL && *c->text ? xstrdup(c->text) : NULL;
		}
		r->updated_at = c->at;
		r->pending = true;
	}
}

void
change_overlay_ratings(const struct change_queue *q, const char *profile, const char *role,
		       const char *rater, struct store_rating **v, size_t *n)
{
	size_t cap = *n;

	for (size_t i = 0; i < q->n; i++) {
		const struct change *c = &q->v[i].c;
		const char *by = c->rater != NULL ? c->rater : "";
		struct store_rating *r = NULL;

		if ((c->kind != CHANGE_RATING && c->kind != CHANGE_RATING_NOTE) ||
		    !same(c->profile, profile) || strcmp(c->role->id, role) != 0 ||
		    (rater != NULL && strcmp(by, rater) != 0))
			continue;
		for (size_t k = 0; k < *n && r == NULL; k++)
			if (strcmp((*v)[k].statement_id, c->stmt->id) == 0 &&
			    strcmp((*v)[k].rater, by) == 0)
				r = &(*v)[k];
		if (r == NULL) {
			*v = xgrow(*v, &cap, *n + 1, sizeof **v);
			r = &(*v)[(*n)++];
			memset(r, 0, sizeof *r);
			r->rater = xstrdup(by);
			r->statement_id = xstrdup(c->stmt->id);
			r->area = xstrdup(c->role->areas[c->stmt->area].name);
			r->text = xstrdup(c->stmt->text);
			r->origin = STORE_LOCAL;
		}
		if (c->kind == CHANGE_RATING) {
			r->value = c->value;
		} else {
			free(r->note);
			r->note = c->text != NULL && *c->text ? xstrdup(c->text) : NULL;
		}
		r->updated_at = c->at;
		r->pending = true;
	}
}

/* The latest change waiting of kind for profile's role or document id
 * (CHANGE_START: a role; CHANGE_POSITION: a document), or NULL. */
static const struct change *
latest_of(const struct change_queue *q, enum change_kind kind, const char *profile, const char *id)
{
	for (size_t i = q->n; i-- > 0;) {
		const struct change *c = &q->v[i].c;
		if (c->kind == kind && same(c->profile, profile) &&
		    same(kind == CHANGE_START ? c->role->id : c->doc, id))
			return c;
	}
	return NULL;
}

bool
change_pending_start(const struct change_queue *q, const char *profile, const char *role,
		     int32_t *day)
{
	const struct change *c = latest_of(q, CHANGE_START, profile, role);

	if (c != NULL)
		*day = c->day;
	return c != NULL;
}

bool
change_pending_position(const struct change_queue *q, const char *profile, const char *doc,
			const char **section, int *line)
{
	const struct change *c = latest_of(q, CHANGE_POSITION, profile, doc);

	if (c != NULL) {
		*section = c->text;
		*line = c->value;
	}
	return c != NULL;
}
