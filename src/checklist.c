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

enum store_status
checklist_load(struct checklist *c, struct store *st, const char *profile, const struct role *role)
{
	enum store_status s = STORE_OK;

	memset(c, 0, sizeof *c);
	c->n = role->nitems;
	c->v = xcalloc(c->n ? c->n : 1, sizeof *c->v);
	for (size_t i = 0; i < c->n; i++)
		c->v[i].item = &role->items[i];
	if (st != NULL)
		s = store_items_get(st, profile, role->id, &c->recs, &c->nrecs);
	if (s != STORE_OK) {
		c->recs = NULL;
		c->nrecs = 0;
		return s;
	}
	c->stale = xcalloc(c->nrecs ? c->nrecs : 1, sizeof *c->stale);
	for (size_t k = 0; k < c->nrecs; k++) {
		const struct store_item *rec = &c->recs[k];
		bool matched = false;

		for (size_t i = 0; i < c->n; i++)
			if (strcmp(c->v[i].item->id, rec->item_id) == 0) {
				c->v[i].rec = rec;
				c->v[i].done = rec->done;
				matched = true;
				break;
			}
		/* A stale record matters only if it holds progress or a note. */
		if (!matched && (rec->done || (rec->note && *rec->note)))
			c->stale[c->nstale++] = rec;
	}
	for (size_t i = 0; i < c->n; i++)
		c->done += c->v[i].done;
	return STORE_OK;
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
