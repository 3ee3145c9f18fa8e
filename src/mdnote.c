/*
 * mdnote.c - GitHub's alerts: a block quote whose first line is only
 * "[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]" or "[!CAUTION]" (in
 * any case) is a note of that kind: the marker gives way to a label line.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "mdrender_state.h"

static const char *const kinds[][2] = {
    {"NOTE", "Note:"},	     {"TIP", "Tip:"},	      {"IMPORTANT", "Important:"},
    {"WARNING", "Warning:"}, {"CAUTION", "Caution:"},
};

/* The label of para's alert, or NULL when para is not an alert's first
 * paragraph; *marker is the marker's bytes with the break after it. */
static const char *
alert_label(cmark_node *para, size_t *marker)
{
	cmark_node *q = cmark_node_parent(para), *c;
	char first[16];
	size_t n = 0;

	if (q == NULL || cmark_node_get_type(q) != CMARK_NODE_BLOCK_QUOTE ||
	    cmark_node_first_child(q) != para)
		return NULL;
	/* the first line's text, which cmark may hold in several nodes */
	for (c = cmark_node_first_child(para); c && cmark_node_get_type(c) == CMARK_NODE_TEXT;
	     c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_literal(c);
		size_t l = lit ? strlen(lit) : 0;
		if (n + l >= sizeof first)
			return NULL;
		if (l > 0)
			memcpy(first + n, lit, l);
		n += l;
	}
	if (c != NULL && cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(c) != CMARK_NODE_LINEBREAK)
		return NULL;
	while (n > 0 && first[n - 1] == ' ')
		n--;
	first[n] = '\0';
	if (n < 4 || strncmp(first, "[!", 2) != 0 || first[n - 1] != ']')
		return NULL;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (strlen(kinds[k][0]) == n - 3 &&
		    strncasecmp(first + 2, kinds[k][0], n - 3) == 0) {
			*marker = n;
			return kinds[k][1];
		}
	return NULL;
}

/* Drops the run's first k bytes. */
static void
run_drop_front(struct runbuf *rb, size_t k)
{
	size_t j = 0;

	if (k > rb->len)
		k = rb->len;
	if (k == 0)
		return;
	memmove(rb->buf, rb->buf + k, rb->len - k);
	rb->len -= k;
	for (size_t i = 0; i < rb->nsegs; i++) {
		struct seg sg = rb->segs[i];
		size_t end = sg.off + sg.len;
		if (end <= k)
			continue;
		sg.off = sg.off > k ? sg.off - k : 0;
		sg.len = end - k - sg.off;
		rb->segs[j++] = sg;
	}
	rb->nsegs = j;
}

bool
mdnote_label(struct state *st, cmark_node *para)
{
	size_t marker = 0;
	const char *label = alert_label(para, &marker);

	if (label == NULL)
		return false;
	while (marker < st->run.len && (st->run.buf[marker] == ' ' || st->run.buf[marker] == '\n'))
		marker++;
	run_drop_front(&st->run, marker);
	/* the label on a line of its own, the note's text below it */
	{
		struct runbuf text = st->run;
		memset(&st->run, 0, sizeof st->run);
		wrap_run_add(&st->run, label, strlen(label), STY_STRONG, 0);
		wrap_flow(st, 0);
		wrap_run_free(&st->run);
		st->run = text;
	}
	return true;
}
