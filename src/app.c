/*
 * app.c - the chrome (header, footer, prompt) and the dispatch of keys to
 * actions; the view stack and navigation are nav.c's.
 *
 * Layout: row 0 is the header (where you are), the last row is the footer
 * (prompt, status message or key hints), and the rows between belong to
 * the top view.  A status message wider than the footer goes on over the
 * bottom rows of the view until the next key.  Below APP_MIN_COLS x
 * APP_MIN_ROWS only a "terminal too small" message is drawn, and only
 * quitting (Q, not q) and resizing do anything.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "checklist.h"
#include "lines.h"
#include "text.h"
#include "xalloc.h"

/* The most rows a long status message may take (see status_max_rows). */
#define STATUS_MAX_ROWS 6

void
app_init(struct app *a, struct catalog *cat, int rows, int cols)
{
	memset(a, 0, sizeof *a);
	a->cat = cat;
	a->rows = rows;
	a->cols = cols;
	a->cursor_row = a->cursor_col = -1;
	change_queue_init(&a->changes, NULL);
}

void
app_done(struct app *a)
{
	nav_done(a); /* closing a screen may make a change (a reading position) */
	change_queue_done(&a->changes);
	free(a->status);
	free(a->input);
	memset(a, 0, sizeof *a);
}

int64_t
app_now(const struct app *a)
{
	return a->clock ? a->clock() : (int64_t)time(NULL);
}

static void
set_status(struct app *a, bool alert, bool row, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap);

	free(a->status);
	a->status = text_sanitize(raw, strlen(raw), 0, NULL);
	free(raw);
	a->status_alert = alert;
	a->status_row = row;
}

void
app_status(struct app *a, bool alert, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(a, alert, false, fmt, ap);
	va_end(ap);
}

void
app_status_row(struct app *a, bool alert, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(a, alert, true, fmt, ap);
	va_end(ap);
}

void
app_prompt(struct app *a, const char *label, const char *initial)
{
	size_t n = initial ? strlen(initial) : 0;

	a->prompting = true;
	a->prompt_label = label;
	a->input = xgrow(a->input, &a->input_cap, n + 1, 1);
	memcpy(a->input, initial ? initial : "", n + 1);
	a->input_len = a->cursor = n;
}

static bool too_small(const struct app *a);

void
app_resize(struct app *a, int rows, int cols)
{
	struct view *v = app_top(a);

	a->rows = rows;
	a->cols = cols;
	/* the view on top fits itself at once (the others when they are
	 * drawn again), so a key before the next frame finds it in place */
	if (v != NULL && v->ops->layout != NULL && !too_small(a))
		v->ops->layout(v, a, 1, rows - 2);
}

bool
app_idle(struct app *a)
{
	struct view *v = app_top(a);

	return v != NULL && v->ops->idle != NULL && v->ops->idle(v, a);
}

static bool
too_small(const struct app *a)
{
	return a->rows < APP_MIN_ROWS || a->cols < APP_MIN_COLS;
}

/* ---- the prompt's line editor ---- */

static size_t
prev_cp(const char *s, size_t pos)
{
	while (pos > 0 && ((unsigned char)s[--pos] & 0xC0) == 0x80)
		;
	return pos;
}

static size_t
next_cp(const char *s, size_t len, size_t pos)
{
	if (pos < len)
		pos++;
	while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

static bool
prompt_key(struct app *a, int key)
{
	struct view *v = app_top(a);
	bool changed = false;

	switch (key) {
	case K_ENTER:
		a->prompting = false;
		v->ops->input(v, a, a->input, true);
		return true;
	case K_ESC:
	case 0x03: /* Ctrl-C */
	case 0x07: /* Ctrl-G */
		a->prompting = false;
		v->ops->input(v, a, NULL, true);
		return true;
	case K_LEFT:
		a->cursor = prev_cp(a->input, a->cursor);
		return true;
	case K_RIGHT:
		a->cursor = next_cp(a->input, a->input_len, a->cursor);
		return true;
	case K_HOME:
	case 0x01: /* Ctrl-A */
		a->cursor = 0;
		return true;
	case K_END:
	case 0x05: /* Ctrl-E */
		a->cursor = a->input_len;
		return true;
	case K_BACKSPACE:
	case 0x7f:
	case 0x08: {
		size_t p = prev_cp(a->input, a->cursor);
		if (p == a->cursor) {
			if (a->input_len == 0) { /* backspace on empty: cancel, like less */
				a->prompting = false;
				v->ops->input(v, a, NULL, true);
			}
			return true;
		}
		memmove(a->input + p, a->input + a->cursor, a->input_len - a->cursor + 1);
		a->input_len -= a->cursor - p;
		a->cursor = p;
		changed = true;
		break;
	}
	case K_DELETE: {
		size_t e = next_cp(a->input, a->input_len, a->cursor);
		memmove(a->input + a->cursor, a->input + e, a->input_len - e + 1);
		a->input_len -= e - a->cursor;
		changed = e != a->cursor;
		break;
	}
	case 0x15: /* Ctrl-U */
		memmove(a->input, a->input + a->cursor, a->input_len - a->cursor + 1);
		a->input_len -= a->cursor;
		a->cursor = 0;
		changed = true;
		break;
	default:
		if (key >= 0x20 && key < 0x110000 && !(key >= 0x7f && key < 0xa0) &&
		    a->input_len < 1024) {
			char buf[4];
			size_t n = text_encode((uint32_t)key, buf);
			a->input = xgrow(a->input, &a->input_cap, a->input_len + n + 1, 1);
			memmove(a->input + a->cursor + n, a->input + a->cursor,
				a->input_len - a->cursor + 1);
			memcpy(a->input + a->cursor, buf, n);
			a->input_len += n;
			a->cursor += n;
			changed = true;
		}
		break;
	}
	if (changed)
		v->ops->input(v, a, a->input, false);
	return true;
}

/* ---- changes that wait for the database ---- */

enum store_status
app_change(struct app *a, const struct change *c, int64_t *id)
{
	if (a->store == NULL) {
		if (id != NULL)
			*id = 0;
		return STORE_ERR_READONLY;
	}
	if (change_waiting(&a->changes) > 0)
		app_retry(a); /* what was refused meanwhile is said first */
	return change_submit(&a->changes, a->store, c, id);
}

bool
app_retry(struct app *a)
{
	size_t before = change_waiting(&a->changes), landed, refused;
	enum store_status why;

	if (before == 0 || a->store == NULL)
		return false;
	change_retry(&a->changes, a->store, &landed, &refused, &why);
	if (refused > 0)
		app_status(a, true, "Not saved: %zu change%s waiting for the database: %s", refused,
			   refused == 1 ? "" : "s", store_strerror(why));
	if (a->quitting && (change_waiting(&a->changes) == 0 || ++a->quit_tries >= APP_QUIT_TRIES))
		a->quit = true;
	/* the footer counts the seconds too */
	return true;
}

void
app_finish(struct app *a)
{
	nav_done(a);
	app_retry(a);
}

char *
app_unsaved(const struct app *a)
{
	const struct change *c;
	size_t n = change_edits(&a->changes, &c);
	bool position = change_waiting(&a->changes) > n;
	char *first, *out;

	if (n == 0 && !position)
		return NULL;
	if (n == 0) {
		first = change_describe(&a->changes.v[0].c);
		out = xasprintf("Not saved: %s: the database is locked by another program", first);
		free(first);
		return out;
	}
	first = change_describe(c);
	out =
	    xasprintf("Not saved: %zu change%s (%s%s)%s: the database is locked by another program",
		      n, n == 1 ? "" : "s", first, n > 1 ? ", ..." : "",
		      position ? " and the reading position" : "");
	free(first);
	return out;
}

/* The footer's words while changes wait (a new string), or NULL: the
 * short form when the long one is wider than the row. */
static char *
waiting_text(const struct app *a, int cells)
{
	size_t n = change_edits(&a->changes, NULL);
	int64_t secs = app_now(a) - a->changes.since;
	const char *dot = a->ascii ? "-" : "\xc2\xb7";
	char *s;

	if (change_waiting(&a->changes) == 0)
		return NULL;
	if (secs < 0)
		secs = 0;
	if (a->quitting)
		s = xasprintf(
		    "Saving before quitting (another program has the database) %s Q: quit "
		    "unsaved",
		    dot);
	else if (n == 0)
		s = xasprintf("Waiting for the database (another program has it): the reading "
			      "position unsaved, %lld s",
			      (long long)secs);
	else
		s = xasprintf("Waiting for the database (another program has it): %zu change%s "
			      "unsaved, %lld s",
			      n, n == 1 ? "" : "s", (long long)secs);
	if (text_width(s, strlen(s)) <= cells)
		return s;
	free(s);
	if (a->quitting)
		return xasprintf("Saving before quitting %s Q: quit unsaved", dot);
	if (n == 0)
		return xasprintf("Another program has the database: position unsaved, %lld s",
				 (long long)secs);
	return xasprintf("Another program has the database: %zu unsaved, %lld s", n,
			 (long long)secs);
}

/* ---- keys ---- */

static bool key_in(struct app *a, int key);

/* A key; quitting while changes wait for the database first gives them
 * APP_QUIT_TRIES more tries (app_retry), and Q then quits at once. */
bool
app_key(struct app *a, int key)
{
	bool was_quitting = a->quitting, redraw = key_in(a, key);

	if (a->quit && !was_quitting && change_waiting(&a->changes) > 0) {
		a->quit = false;
		a->quitting = true;
		a->quit_tries = 0;
		return true;
	}
	return redraw;
}

static bool
key_in(struct app *a, int key)
{
	struct view *v = app_top(a);
	bool had_status = a->status != NULL;
	enum action act;
	unsigned ctx;
	int r;

	if (key == K_RESIZE || key == K_NONE)
		return true;
	if (v == NULL) {
		a->quit = true;
		return false;
	}
	if (a->prompting)
		return prompt_key(a, key);
	free(a->status);
	a->status = NULL;
	ctx = v->ops->ctx;
	act = keys_action(ctx, key);
	if (too_small(a)) {
		/* Only what the message offers: Q.  q and Esc step back one
		 * screen elsewhere, and a step taken unseen (or a quit from
		 * home) would surprise whoever resizes back. */
		if (act == ACT_QUIT)
			a->quit = true;
		return true;
	}
	switch (act) {
	case ACT_QUIT:
		a->quit = true;
		return false;
	case ACT_REDRAW:
		return true;
	case ACT_HELP:
		/* on the help screen, ? is the help's own key */
		if (a->stack[a->nviews - 1].kind != NAV_HELP) {
			app_request(a, &(struct nav_request){.kind = NAV_HELP});
			return true;
		}
		break;
	default:
		break;
	}
	r = nav_act(a, act);
	if (r & VR_QUIT)
		a->quit = true;
	if (r == VR_NONE) {
		if (act == ACT_BACK) {
			app_pop(a);
			r = VR_CLOSE;
		} else if (act == ACT_NONE && key >= 0x20 && key < 0x7f) {
			char *help = keys_fill(ctx, "{help}");
			app_status(a, false, "No action for key '%c' here; press %s for help", key,
				   help);
			free(help);
		} else if (act == ACT_NONE && (key == K_UNKNOWN || (key >= 0xa0 && key < K_UP))) {
			char *help = keys_fill(ctx, "{help}");
			app_status(a, false, "No action for that key here; press %s for help",
				   help);
			free(help);
		}
	}
	if (a->nviews == 0)
		a->quit = true;
	/* the view's result, and the status line (gone, or a new one) */
	return (r & (VR_REDRAW | VR_CLOSE)) != 0 || had_status || a->status != NULL || a->prompting;
}

/* ---- drawing ---- */

static void
draw_small(struct app *a, struct frame *f)
{
	char msg[96];
	int row = f->rows / 2;

	snprintf(msg, sizeof msg, "Terminal too small (%dx%d)", a->cols, a->rows);
	frame_puts(f, row > 0 ? row - 1 : 0, 0, msg, STY_ALERT, -1);
	snprintf(msg, sizeof msg, "rolebook needs %dx%d", APP_MIN_COLS, APP_MIN_ROWS);
	frame_puts(f, row, 0, msg, STY_PLAIN, -1);
	frame_puts(f, row + 1, 0, "Q quits", STY_PLAIN, -1);
}

/*
 * The header's path when it does not fit in avail cells: the screen's own
 * name (the title's last part, after the last separator) is what a user
 * needs, so the parts before it are cut first ("Technical… › Readiness of
 * alice"), then left out ("… › Readiness of alice").  Returns a new string.
 */
static char *
fit_title(const char *title, const char *sep, int avail)
{
	const char *last = NULL, *p = title;
	int lw, sw = text_width(sep, strlen(sep)), headw;

	while ((p = strstr(p, sep)) != NULL)
		last = p++;
	if (last == NULL || text_width(title, strlen(title)) <= avail)
		return xstrdup(title);
	last += strlen(sep);
	lw = text_width(last, strlen(last));
	headw = avail - lw - sw;
	if (headw >= 6) { /* enough of the path to recognise it */
		size_t hl = (size_t)(last - title) - strlen(sep);
		int used;
		size_t n = text_fit(title, hl, headw - 1, &used);
		return xasprintf("%.*s%s%s%s", (int)n, title, n < hl ? "\u2026" : "", sep, last);
	}
	return xasprintf("\u2026%s%s", sep, last);
}

static void
draw_header(struct app *a, struct frame *f, struct view *v)
{
	char *title = v->ops->title(v, a), *info = v->ops->info ? v->ops->info(v, a) : NULL;
	int iw = info ? text_width(info, strlen(info)) : 0, col = 1, avail;
	const char *sep = a->ascii ? " > " : " \u203a ";

	frame_fill(f, 0, 0, f->cols, ' ', STY_BAR);
	avail = f->cols - iw - 3;
	if (title && *title) {
		int tw = text_width(title, strlen(title));
		char *fit;
		/* "rolebook ›" first goes when the screen's name would not fit */
		if (8 + 3 + tw <= avail) {
			col += frame_puts(f, 0, col, "rolebook", STY_BAR | STY_STRONG, -1);
			col += frame_puts(f, 0, col, sep, STY_BAR, -1);
		}
		fit = fit_title(title, a->ascii ? " > " : " \u203a ", f->cols - col - iw - 2);
		frame_puts_trunc(f, 0, col, fit, STY_BAR, f->cols - col - iw - 2);
		free(fit);
	} else {
		frame_puts(f, 0, col, "rolebook", STY_BAR | STY_STRONG, f->cols - 2);
	}
	if (info && iw + 2 < f->cols)
		frame_puts(f, 0, f->cols - iw - 1, info, STY_BAR, iw);
	free(title);
	free(info);
}

/* The most rows a status message takes, bottom up: a few, and never more
 * than half the body, so that the text it covers stays in view. */
static int
status_max_rows(const struct app *a)
{
	int half = (a->rows - 2) / 2;

	if (a->status_row)
		return 1;
	return half < STATUS_MAX_ROWS ? (half > 1 ? half : 1) : STATUS_MAX_ROWS;
}

/*
 * Wraps the status message at the terminal's width: words go to the next
 * row whole, and a word wider than a row (a long URL) fills rows one after
 * another, so that all of it can be read and copied.  Fills start[] with
 * where each row begins and len[] with its length (bytes); returns the
 * number of rows, at most max.  *more is set when text is left over.
 */
static int
status_wrap(const struct app *a, int max, size_t *start, size_t *len, bool *more)
{
	const char *s = a->status;
	size_t n = strlen(s), at = 0;
	int rows = 0;

	*more = false;
	do {
		size_t next;
		start[rows] = at;
		len[rows] = text_wrap(s + at, n - at, a->cols, &next);
		rows++;
		at += next;
	} while (at < n && rows < max);
	*more = at < n;
	return rows;
}

int
app_status_rows(const struct app *a)
{
	size_t start[STATUS_MAX_ROWS], len[STATUS_MAX_ROWS];
	bool more;

	if (a->status == NULL || a->prompting || too_small(a))
		return 0;
	return status_wrap(a, status_max_rows(a), start, len, &more);
}

static void
draw_status(struct app *a, struct frame *f)
{
	size_t start[STATUS_MAX_ROWS], len[STATUS_MAX_ROWS];
	bool more;
	int n = status_wrap(a, status_max_rows(a), start, len, &more);
	uint16_t fill = a->status_alert ? STY_ALERT : STY_PLAIN;
	uint16_t style = a->status_alert ? STY_ALERT : STY_STRONG;

	/* over the bottom of the body: the next key takes the message away */
	for (int i = 0; i < n; i++) {
		int row = f->rows - n + i;
		frame_fill(f, row, 0, f->cols, ' ', fill);
		if (i == n - 1 && more) /* too long even so: say that it goes on */
			frame_puts_trunc(f, row, 0, a->status + start[i], style, f->cols);
		else
			frame_put(f, row, 0, a->status + start[i], len[i], style, f->cols);
	}
}

/* "key:label" for hint h of a view with key context ctx (see struct
 * view_hint): the keys from the key table; label is h's label or its
 * brief (hint_brief). */
static void
hint_text(unsigned ctx, const struct view_hint *h, const char *label, char *buf, size_t size)
{
	char k1[16], k2[16];

	keys_name(keys_key(ctx, h->act), k1, sizeof k1);
	if (h->alt != ACT_NONE)
		snprintf(buf, size, "%s%s%s:%s", k1, h->range ? "-" : "/",
			 keys_name(keys_key(ctx, h->alt), k2, sizeof k2), label);
	else
		snprintf(buf, size, "%s:%s", k1, label);
}

/* The shorter form of a hint's label for a narrow footer, or NULL: one
 * table, so that a label reads the same short on every screen. */
static const char *
hint_brief(const char *label)
{
	static const struct {
		const char *label, *brief;
	} briefs[] = {
	    {"offboarding", "offboard"},
	    {"onboarding", "onboard"},
	    {"read note", "read"},
	};

	for (size_t i = 0; i < sizeof briefs / sizeof briefs[0]; i++)
		if (strcmp(label, briefs[i].label) == 0)
			return briefs[i].brief;
	return NULL;
}

/* The least important of the shown hints of priority below `below` that
 * pass (brief: those with a brief not yet used), the last of equal ones;
 * -1 when there is none. */
static long
least_hint(const struct view_hint *h, size_t n, const bool *shown, const bool *brief,
	   enum hint_prio below)
{
	long pick = -1;

	for (size_t i = 0; i < n; i++)
		if (shown[i] && h[i].prio < below &&
		    (brief == NULL || (!brief[i] && hint_brief(h[i].label) != NULL)) &&
		    (pick < 0 || h[i].prio <= h[pick].prio))
			pick = (long)i;
	return pick;
}

/*
 * The view's hints in one row of `cells` cells from col, in the view's
 * order.  While they do not fit: the least important LOW or MID one goes
 * (the last of equal ones); then the hints with a brief take it, the
 * least important first; then HIGH ones go.  A HINT_KEEP one never does,
 * so that the footer always names help, the way back and the only key to
 * another screen (struct view_hint).
 */
static void
draw_hints(struct frame *f, int row, int col, struct view *v, struct app *a, int cells)
{
	struct view_hint h[VIEW_MAX_HINTS];
	char text[VIEW_MAX_HINTS][64];
	int w[VIEW_MAX_HINTS], used = -1;
	bool shown[VIEW_MAX_HINTS], brief[VIEW_MAX_HINTS] = {false};
	size_t n = v->ops->hints ? v->ops->hints(v, a, h) : 0;
	long i;

	for (size_t k = 0; k < n; k++) {
		/* an action no key does here is no hint (the footer test
		 * catches the view that offers one) */
		shown[k] = keys_key(v->ops->ctx, h[k].act) != K_NONE &&
			   (h[k].alt == ACT_NONE || keys_key(v->ops->ctx, h[k].alt) != K_NONE);
		hint_text(v->ops->ctx, &h[k], h[k].label, text[k], sizeof text[k]);
		w[k] = text_width(text[k], strlen(text[k]));
		if (shown[k])
			used += 1 + w[k];
	}
	while (used > cells && (i = least_hint(h, n, shown, NULL, HINT_HIGH)) >= 0) {
		shown[i] = false;
		used -= 1 + w[i];
	}
	while (used > cells && (i = least_hint(h, n, shown, brief, HINT_KEEP + 1)) >= 0) {
		brief[i] = true;
		used -= w[i];
		hint_text(v->ops->ctx, &h[i], hint_brief(h[i].label), text[i], sizeof text[i]);
		w[i] = text_width(text[i], strlen(text[i]));
		used += w[i];
	}
	while (used > cells && (i = least_hint(h, n, shown, NULL, HINT_KEEP)) >= 0) {
		shown[i] = false;
		used -= 1 + w[i];
	}
	used = 0;
	for (size_t k = 0; k < n && used < cells; k++) {
		if (!shown[k])
			continue;
		if (used > 0)
			used++;
		used += frame_puts_trunc(f, row, col + used, text[k], STY_BAR, cells - used);
	}
}

/* The footer while changes wait for the database, in every screen: true
 * when it was drawn. */
static bool
draw_waiting(struct app *a, struct frame *f)
{
	char *msg = waiting_text(a, f->cols - 2);
	int row = f->rows - 1;

	if (msg == NULL)
		return false;
	frame_fill(f, row, 0, f->cols, ' ', STY_BAR | STY_ALERT);
	frame_puts_trunc(f, row, 1, msg, STY_BAR | STY_ALERT, f->cols - 2);
	free(msg);
	return true;
}

static void
draw_footer(struct app *a, struct frame *f, struct view *v)
{
	int row = f->rows - 1;

	a->cursor_row = a->cursor_col = -1;
	if (a->prompting) {
		int lw;

		/* the prompt owns its row: nothing a view drew there shows
		 * behind what is typed */
		frame_fill(f, row, 0, f->cols, ' ', STY_PLAIN);
		lw = frame_puts(f, row, 0, a->prompt_label, STY_STRONG, -1);
		int avail = f->cols - lw - 1;
		int cw = text_width(a->input, a->cursor);
		size_t start = 0;
		/* keep the cursor on screen by scrolling the input */
		while (cw > avail && start < a->cursor) {
			start = next_cp(a->input, a->input_len, start);
			cw = text_width(a->input + start, a->cursor - start);
		}
		frame_put(f, row, lw, a->input + start, a->input_len - start, STY_PLAIN, avail);
		a->cursor_row = row;
		a->cursor_col = lw + cw;
		return;
	}
	if (a->status != NULL) {
		draw_status(a, f);
		return;
	}
	if (draw_waiting(a, f))
		return;
	frame_fill(f, row, 0, f->cols, ' ', STY_BAR);
	draw_hints(f, row, 1, v, a, f->cols - 2);
}

void
app_draw(struct app *a, struct frame *f)
{
	struct view *v = app_top(a);

	if (f->rows != a->rows || f->cols != a->cols)
		frame_resize(f, a->rows, a->cols);
	else
		frame_clear(f);
	a->cursor_row = a->cursor_col = -1;
	if (too_small(a)) {
		draw_small(a, f);
		return;
	}
	if (v == NULL) { /* quitting: what still waits */
		draw_waiting(a, f);
		return;
	}
	if (v->ops->layout != NULL)
		v->ops->layout(v, a, 1, f->rows - 2);
	/* the body first: the header reports where it ended up */
	v->ops->draw(v, a, f, 1, f->rows - 2);
	draw_header(a, f, v);
	draw_footer(a, f, v);
}

/* ---- progress ---- */

bool
app_progress(struct app *a, struct role *role, size_t *done, size_t *total)
{
	return app_progress_of(a, a->profile, role, done, total);
}

enum store_status
app_appointment_find(struct app *a, const char *profile, const char *role, int32_t *day,
		     enum store_origin *origin, bool *pending)
{
	*day = -1;
	*origin = STORE_LOCAL;
	*pending = change_pending_start(&a->changes, profile, role, day);
	if (*pending)
		return *day >= 0 ? STORE_OK : STORE_ERR_NOTFOUND;
	if (a->store == NULL)
		return STORE_ERR_READONLY;
	return store_appointment_find(a->store, profile, role, day, origin);
}

uint64_t
app_data_version(const struct app *a)
{
	return (a->store != NULL ? store_data_version(a->store) : 0) + a->changes.generation;
}

static void
overlay_items(void *arg, const char *profile, struct store_item **recs, size_t *n)
{
	change_overlay_items(arg, profile, recs, n);
}

enum store_status
app_checklist_load(struct app *a, struct checklist *c, const char *profile, const struct role *role,
		   enum checklist_list list)
{
	return checklist_load_over(c, a->store, profile, role, list, overlay_items, &a->changes);
}

enum store_status
app_ratings_get(struct app *a, const char *profile, const char *role, const char *rater,
		struct store_rating **out, size_t *n)
{
	enum store_status s;

	*out = NULL;
	*n = 0;
	if (a->store == NULL)
		return STORE_ERR_READONLY;
	s = store_ratings_get(a->store, profile, role, rater, out, n);
	if (s == STORE_OK)
		change_overlay_ratings(&a->changes, profile, role, rater, out, n);
	return s;
}

bool
app_progress_of(struct app *a, const char *profile, struct role *role, size_t *done, size_t *total)
{
	struct checklist cl;

	if (role_load(role) != 0 || role->nitems == 0)
		return false;
	app_checklist_load(a, &cl, profile, role, CHECKLIST_ONBOARDING);
	*done = cl.done;
	*total = cl.n;
	checklist_done(&cl);
	return true;
}
