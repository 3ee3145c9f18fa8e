/*
 * checklist.c - content items joined with stored progress.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "checklist.h"
#include "dates.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

const struct check_item *
checklist_items(const struct role *role, enum checklist_list list, size_t *n)
{
	*n = list == CHECKLIST_OFFBOARDING ? role->noff_items : role->nitems;
	return list == CHECKLIST_OFFBOARDING ? role->off_items : role->items;
}

/* True when id names an item of either list of role. */
static bool
role_has_item(const struct role *role, const char *id)
{
	for (size_t i = 0; i < role->nitems; i++)
		if (strcmp(role->items[i].id, id) == 0)
			return true;
	for (size_t i = 0; i < role->noff_items; i++)
		if (strcmp(role->off_items[i].id, id) == 0)
			return true;
	return false;
}

/* True when item is a step of role's offboarding list: stepping down from
 * one role, never shared with another. */
static bool
is_offboarding(const struct role *role, const struct check_item *item)
{
	return role->noff_items > 0 && item >= role->off_items &&
	       item < role->off_items + role->noff_items;
}

/*
 * The record that holds the state of step id for the person: of all the
 * profile's records of that id, under any role (shared: an onboarding
 * step) or under role only (not shared: an offboarding step), the latest
 * (on a tie, the one under role).  NULL when none.
 */
static const struct store_item *
shared_record(const struct store_item *recs, size_t n, const char *id, const char *role,
	      bool shared)
{
	const struct store_item *best = NULL;

	for (size_t k = 0; k < n; k++) {
		const struct store_item *r = &recs[k];
		if (strcmp(r->item_id, id) != 0 || (!shared && strcmp(r->role, role) != 0))
			continue;
		if (best == NULL || r->updated_at > best->updated_at ||
		    (r->updated_at == best->updated_at && strcmp(r->role, role) == 0))
			best = r;
	}
	return best;
}

enum store_status
checklist_load_list(struct checklist *c, struct store *st, const char *profile,
		    const struct role *role, enum checklist_list list)
{
	return checklist_load_over(c, st, profile, role, list, NULL, NULL);
}

enum store_status
checklist_load_over(struct checklist *c, struct store *st, const char *profile,
		    const struct role *role, enum checklist_list list, checklist_over_fn over,
		    void *arg)
{
	enum store_status s = STORE_OK;
	const struct check_item *items;

	memset(c, 0, sizeof *c);
	c->list = list;
	items = checklist_items(role, list, &c->n);
	c->v = xcalloc(c->n ? c->n : 1, sizeof *c->v);
	for (size_t i = 0; i < c->n; i++)
		c->v[i].item = &items[i];
	if (st != NULL)
		s = store_items_get(st, profile, NULL, &c->recs, &c->nrecs);
	if (s != STORE_OK) {
		c->recs = NULL;
		c->nrecs = 0;
		return s;
	}
	if (over != NULL)
		over(arg, profile, &c->recs, &c->nrecs);
	c->stale = xcalloc(c->nrecs ? c->nrecs : 1, sizeof *c->stale);
	for (size_t i = 0; i < c->n; i++) {
		const struct store_item *rec = shared_record(
		    c->recs, c->nrecs, c->v[i].item->id, role->id, list == CHECKLIST_ONBOARDING);
		if (rec != NULL) {
			c->v[i].rec = rec;
			c->v[i].done = rec->done;
			c->v[i].shared = strcmp(rec->role, role->id) != 0;
		}
		c->done += c->v[i].done;
	}
	for (size_t k = 0; k < c->nrecs && list == CHECKLIST_ONBOARDING; k++) {
		const struct store_item *rec = &c->recs[k];
		/* A stale record of this role matters only if it holds
		 * progress or a note. */
		if (strcmp(rec->role, role->id) == 0 && !role_has_item(role, rec->item_id) &&
		    (rec->done || (rec->note && *rec->note)))
			c->stale[c->nstale++] = rec;
	}
	return STORE_OK;
}

enum store_status
checklist_load(struct checklist *c, struct store *st, const char *profile, const struct role *role)
{
	return checklist_load_list(c, st, profile, role, CHECKLIST_ONBOARDING);
}

/*
 * Writes the state of item for profile: done (set_done) or the state it
 * has, and note (set_note) or the one it has, under role and, for an
 * onboarding step, under every role holding a record of the same step, so
 * that every copy agrees.  An offboarding step is written under role only.
 */
static enum store_status
write_shared(struct store *st, const char *profile, const struct role *role,
	     const struct check_item *item, bool set_done, bool done, bool set_note,
	     const char *note, int64_t now)
{
	struct store_item *recs = NULL;
	size_t n = 0;
	const struct store_item *cur;
	enum store_status s;
	int64_t done_at;
	bool shared;

	if (store_is_readonly(st))
		return STORE_ERR_READONLY;
	if ((s = store_items_get(st, profile, NULL, &recs, &n)) != STORE_OK)
		return s;
	shared = !is_offboarding(role, item);
	cur = shared_record(recs, n, item->id, role->id, shared);
	if (!set_done)
		done = cur != NULL && cur->done;
	done_at = set_done || cur == NULL ? now : cur->done_at;
	if (!set_note)
		note = cur != NULL ? cur->note : NULL;
	if ((s = store_begin(st)) != STORE_OK) {
		store_items_free(recs, n);
		return s;
	}
	/* role first, then the others that have the step (one record of
	 * each role: recs are sorted by item id, then role) */
	for (size_t k = 0; k <= n && s == STORE_OK; k++) {
		const char *r = k == 0 ? role->id : recs[k - 1].role;
		if (k > 0 && (!shared || strcmp(recs[k - 1].item_id, item->id) != 0 ||
			      strcmp(r, role->id) == 0))
			continue;
		/* done_at through the time of setting, then updated_at now */
		s = store_item_set_done(st, profile, r, item->id, k == 0 ? item->text : NULL, done,
					done ? done_at : now);
		if (s == STORE_OK)
			s = store_item_set_note(st, profile, r, item->id, NULL, note, now);
	}
	store_items_free(recs, n);
	if (s != STORE_OK) {
		store_rollback(st);
		return s;
	}
	return store_commit(st);
}

enum store_status
checklist_set_done(struct store *st, const char *profile, const struct role *role,
		   const struct check_item *item, bool done, int64_t now)
{
	return write_shared(st, profile, role, item, true, done, false, NULL, now);
}

enum store_status
checklist_set_note(struct store *st, const char *profile, const struct role *role,
		   const struct check_item *item, const char *note, int64_t now)
{
	return write_shared(st, profile, role, item, false, false, true, note, now);
}

void
checklist_done(struct checklist *c)
{
	store_items_free(c->recs, c->nrecs);
	free(c->v);
	free(c->stale);
	memset(c, 0, sizeof *c);
}

long
checklist_find(const struct checklist *c, const char *arg)
{
	char *end;
	long n;
	size_t len = strlen(arg);
	long hit = -1;

	if (arg[0] == '#') { /* as `rolebook checklist` prints ids */
		arg++;
		len--;
	}
	if (len == 0)
		return -1;
	n = strtol(arg, &end, 10);
	if (*end == '\0' && arg[0] != '-' && arg[0] != '+')
		return n >= 1 && (size_t)n <= c->n ? n - 1 : -1;
	if (len < 4)
		return -1;
	for (size_t i = 0; i < c->n; i++)
		if (strncmp(c->v[i].item->id, arg, len) == 0) {
			if (hit >= 0)
				return -1; /* ambiguous prefix */
			hit = (long)i;
		}
	return hit;
}

char *
checklist_bar(size_t done, size_t total, int cells, bool ascii)
{
	const char *left = ascii ? "[" : "\u2595", *right = ascii ? "]" : "\u258f";
	const char *on = ascii ? "#" : "\u2588", *off = ascii ? "-" : "\u2591";
	int inner = cells - 2, full;
	char *out;
	size_t len = 0;

	if (inner < 1)
		inner = 1;
	full = total ? (int)((done * (size_t)inner + total / 2) / total) : 0;
	if (done > 0 && full == 0)
		full = 1; /* any progress shows */
	if (done < total && full == inner)
		full = inner - 1; /* and so does any gap */
	out = xmalloc((size_t)inner * 3 + 7);
	len += (size_t)sprintf(out + len, "%s", left);
	for (int i = 0; i < inner; i++)
		len += (size_t)sprintf(out + len, "%s", i < full ? on : off);
	sprintf(out + len, "%s", right);
	return out;
}

void
checklist_item_text(struct strbuf *b, size_t num, bool done, const char *text,
		    const struct store_item *rec, const char *id, enum item_id style, bool required)
{
	char *t = text_clean(text, 0), date[DATES_MAX];

	if (num > 0)
		strbuf_printf(b, "%3zu. [%c] %s", num, done ? 'x' : ' ', t);
	else
		strbuf_printf(b, "     [%c] %s", done ? 'x' : ' ', t);
	free(t);
	if (required)
		strbuf_puts(b, "  (prerequisite)");
	if (done && rec != NULL)
		strbuf_printf(b, "  (done %s)", dates_format(rec->done_at, DATE_DAY, date));
	if (rec != NULL && rec->origin == STORE_UNVERIFIED)
		strbuf_puts(b, "  (unverified)"); /* from an unsigned import */
	if (style != ITEM_ID_NONE && id != NULL) {
		char *c = text_clean(id, 0);
		/* the id stays valid when items are reordered; numbers do not */
		if (style == ITEM_ID_SHORT)
			strbuf_printf(b, "  #%.6s", c);
		else
			strbuf_printf(b, "  (id %s)", c);
		free(c);
	}
	strbuf_puts(b, "\n");
	if (rec != NULL && rec->note != NULL && *rec->note != '\0') {
		char *n = text_clean(rec->note, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS), *p = n, *nl;
		strbuf_puts(b, "       note: ");
		while ((nl = strchr(p, '\n')) != NULL) {
			strbuf_add(b, p, (size_t)(nl - p) + 1);
			strbuf_pad(b, ' ', 13);
			p = nl + 1;
		}
		strbuf_puts(b, p);
		strbuf_puts(b, "\n");
		free(n);
	}
}

void
checklist_item_where(struct strbuf *b, const struct check_item *item)
{
	char *u;

	if (item->url == NULL || *item->url == '\0')
		return;
	u = text_clean(item->url, 0);
	strbuf_printf(b, "      where: %s\n", u);
	free(u);
}
