/*
 * assess_rows.c - the self-assessment screen's rows: every rater's ratings
 * loaded with readiness's numbers, then laid out at a width (per area a
 * heading, each statement wrapped beside one column per rater, every
 * rating's date, every rater's note, what is not counted).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "content.h"
#include "dates.h"
#include "lines.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

void
assess_free_data(struct assess *s)
{
	readiness_raters_done(&s->by);
	store_ratings_free(s->all, s->nall);
	for (size_t i = 0; i < s->nraters; i++)
		free(s->raters[i]);
	free(s->raters);
	s->all = NULL;
	s->nall = 0;
	s->raters = NULL;
	s->nraters = 0;
}

void
assess_reload(struct assess *s, struct app *a)
{
	enum store_status st = STORE_OK;
	size_t done = 0, total = 0;

	assess_free_data(s);
	if (a->store)
		st = app_ratings_get(a, s->profile, s->role->id, NULL, &s->all, &s->nall);
	if (st != STORE_OK)
		app_status(a, true, "Cannot read ratings: %s", store_strerror(st));
	app_progress_of(a, s->profile, s->role, &done, &total);
	readiness_by_rater(&s->by, s->role, s->all, s->nall, done, total);
	/* the columns: self, this rater, then the other reviewers by name */
	s->raters = xcalloc(s->by.nrev + 2, sizeof *s->raters);
	s->raters[s->nraters++] = xstrdup("");
	if (*s->rater)
		s->raters[s->nraters++] = xstrdup(s->rater);
	for (size_t k = 0; k < s->by.nrev; k++)
		if (strcmp(s->by.rev[k].rater, s->rater) != 0)
			s->raters[s->nraters++] = xstrdup(s->by.rev[k].rater);
	s->version = app_data_version(a);
	s->loaded = true;
	if (s->width > 0)
		assess_layout_rows(s, s->width);
}

/* The rating of statement stmt by who that counts, or NULL. */
const struct store_rating *
assess_rating_by(const struct assess *s, const char *who, long stmt)
{
	const struct rater_readiness *g = readiness_rater(&s->by, who);

	return g ? readiness_rating(g->rt, g->nrt, s->role->stmts[stmt].id) : NULL;
}

/* The value who gave statement stmt, 0 when none. */
int
assess_value_by(const struct assess *s, const char *who, long stmt)
{
	const struct store_rating *r = assess_rating_by(s, who, stmt);

	return r != NULL ? r->value : 0;
}

const struct store_rating *
assess_rating_of(const struct assess *s, long stmt)
{
	return assess_rating_by(s, s->rater, stmt);
}

static struct arow *
add_row(struct assess *s, long stmt, long area, size_t off, size_t len, bool first)
{
	struct arow *r;

	s->rows = xgrow(s->rows, &s->rcap, s->nrows + 1, sizeof *s->rows);
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->stmt = stmt;
	r->area = area;
	r->off = off;
	r->len = len;
	r->first = first;
	return r;
}

void
assess_clear_rows(struct assess *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		free(s->rows[i].line);
		free(s->rows[i].tail);
	}
	s->nrows = 0;
}

/* text wrapped at width from col on, one row each, continuation rows
 * indented by indent: nothing is cut off, however narrow. */
static void
add_wrapped(struct assess *s, long stmt, long area, const char *text, int col, int width,
	    int indent, uint16_t style, size_t (*wrap)(const char *, size_t, int, size_t *))
{
	size_t len = strlen(text), pos = 0;
	bool first = true;

	if (width < 10)
		width = 10;
	do {
		int w = first ? width : width - indent;
		size_t next, cut = wrap(text + pos, len - pos, w > 5 ? w : 5, &next);
		struct arow *r = add_row(s, stmt, area, 0, 0, false);
		r->line = first ? xstrndup(text + pos, cut)
				: xasprintf("%*s%.*s", indent, "", (int)cut, text + pos);
		r->col = col;
		r->style = style;
		first = false;
		pos += next;
	} while (pos < len);
}

static void
add_text(struct assess *s, long stmt, long area, const char *text, int col, int width, int indent,
	 uint16_t style)
{
	add_wrapped(s, stmt, area, text, col, width, indent, style, text_wrap);
}

/* A rater's name as a column shows it. */
const char *
assess_who_name(const char *rater)
{
	return *rater ? rater : "self";
}

static void columns(struct assess *s);

/*
 * An area's heading row(s) at width: its name and every rater's average
 * side by side ("Architecture  self 3.5  bob 3.0"), a rater's name never
 * apart from its number; or, with one rater, the rater's summary.  As
 * readiness has them.
 */
static void
add_heading(struct assess *s, size_t area, int width)
{
	char *line = xstrdup(s->role->areas[area].name);

	if (s->nraters <= 1) {
		const struct rater_readiness *g = readiness_rater(&s->by, s->rater);
		char *sum = g != NULL ? readiness_area_summary(&g->rd.areas[area]) : NULL, *next;
		next = xasprintf("%s  %s", line, sum ? sum : "not rated");
		add_text(s, -1, (long)area, next, 1, width, 2, STY_HEADING);
		free(sum);
		free(next);
		free(line);
		return;
	}
	for (size_t k = 0; k < s->nraters; k++) {
		const struct rater_readiness *g = readiness_rater(&s->by, s->raters[k]);
		char avg[16], *piece, *next;
		if (g != NULL)
			readiness_area_value(&g->rd.areas[area], "-", avg);
		else
			snprintf(avg, sizeof avg, "-");
		piece = xasprintf("%s %s", assess_who_name(s->raters[k]), avg);
		if (text_width(line, strlen(line)) + 2 + text_width(piece, strlen(piece)) > width) {
			struct arow *r = add_row(s, -1, (long)area, 0, 0, false);
			r->line = line;
			r->col = 1;
			r->style = STY_HEADING;
			next = xasprintf("  %s", piece);
		} else {
			next = xasprintf("%s  %s", line, piece);
			free(line);
		}
		free(piece);
		line = next;
	}
	add_text(s, -1, (long)area, line, 1, width, 2, STY_HEADING);
	free(line);
}

/*
 * When the ratings of statement stmt without a note were given (a note's
 * row says its own): "2026-11-25" with one rater, else "self 2026-11-24,
 * bob 2026-11-26"; NULL when there is none.  A new string.
 */
static char *
rated_dates(const struct assess *s, long stmt)
{
	struct strbuf b = {0};

	for (size_t k = 0; k < s->nraters; k++) {
		const struct store_rating *r = assess_rating_by(s, s->raters[k], stmt);
		char when[DATES_MAX];
		if (r == NULL || r->value <= 0 || r->updated_at <= 0 || (r->note && *r->note))
			continue;
		dates_format(r->updated_at, DATE_DAY, when);
		if (s->nraters > 1)
			strbuf_printf(&b, "%s%s %s", b.len ? ", " : "",
				      assess_who_name(s->raters[k]), when);
		else
			strbuf_puts(&b, when);
	}
	return b.len > 0 ? b.s : NULL;
}

/* How many rows t takes wrapped at cells; *lastw: the last one's width. */
static int
wrapped_rows(const char *t, int cells, size_t *lastw)
{
	size_t len = strlen(t), pos = 0;
	int n = 0;

	do {
		size_t next, cut = text_wrap(t + pos, len - pos, cells, &next);
		*lastw = (size_t)text_width(t + pos, cut);
		n++;
		pos += next;
	} while (pos < len);
	return n;
}

/* Rows for a screen `width` wide: per area a heading, its statements
 * wrapped, and every rater's note under the statement; last, what is not
 * counted. */
void
assess_layout_rows(struct assess *s, int width)
{
	const struct role *ro = s->role;
	int tc, tw;
	size_t uncounted = readiness_raters_uncounted(&s->by);

	assess_clear_rows(s);
	columns(s);
	tc = assess_text_col(s);
	tw = width - tc - 1;
	for (size_t a = 0; a < ro->nareas; a++) {
		if (a > 0)
			add_row(s, -1, -1, 0, 0, true);
		add_heading(s, a, width - 2);
		for (size_t i = 0; i < ro->nstmts; i++) {
			const char *t = ro->stmts[i].text;
			size_t len = strlen(t), pos = 0;
			bool first = true;

			if (ro->stmts[i].area != a)
				continue;
			char *dates = rated_dates(s, (long)i);
			int dw = dates ? text_width(dates, strlen(dates)) + 2 : 0;
			int ww = tw > 10 ? tw : 10, rows = wrapped_rows(t, ww, &pos);
			struct arow *last = NULL;

			/* the dates at the end of the last row: as wrapped, or
			 * wrapped that much narrower (in at most one more row, as
			 * many as a row under it would take); else under it */
			if (dates != NULL && pos + (size_t)dw > (size_t)ww) {
				int nw = ww - dw;
				size_t lw;
				if (nw >= 20 && wrapped_rows(t, nw, &lw) <= rows + 1)
					ww = nw;
			}
			pos = 0;
			do {
				size_t next, cut = text_wrap(t + pos, len - pos, ww, &next);
				last = add_row(s, (long)i, (long)a, pos, cut, first);
				first = false;
				pos += next;
			} while (pos < len);
			if (dates != NULL &&
			    tc + text_width(t + last->off, last->len) + dw <= width - 1) {
				last->tail = dates;
			} else if (dates != NULL) {
				char *d = xasprintf("rated %s", dates);
				/* a rater stays beside their date */
				add_wrapped(s, (long)i, (long)a, d, tc, tw, 2, STY_DIM,
					    text_wrap_list);
				free(d);
				free(dates);
			}
			for (size_t k = 0; k < s->nraters; k++) {
				const struct store_rating *r =
				    assess_rating_by(s, s->raters[k], (long)i);
				char *n, when[DATES_MAX];
				if (!r || !r->note || !*r->note)
					continue;
				/* dated: when the rating or note was given */
				dates_format(r->updated_at, DATE_DAY, when);
				n = s->nraters > 1
					? xasprintf("note, %s, %s: %s",
						    assess_who_name(s->raters[k]), when, r->note)
					: xasprintf("note, %s: %s", when, r->note);
				add_text(s, (long)i, (long)a, n, tc, tw, 2, STY_DIM);
				free(n);
			}
		}
	}
	if (uncounted > 0) {
		char *note = readiness_uncounted_note(uncounted);
		add_row(s, -1, -1, 0, 0, true);
		add_text(s, -1, -1, note, 1, width - 2, 2, STY_DIM);
		free(note);
	}
	{ /* ratings from unsigned imports (store.h's origin), by rater */
		struct strbuf b = {0};
		for (size_t k = 0; k < s->nraters; k++) {
			bool any = false;
			for (size_t i = 0; i < s->nall && !any; i++)
				any = strcmp(s->all[i].rater, s->raters[k]) == 0 &&
				      s->all[i].origin == STORE_UNVERIFIED;
			if (any)
				strbuf_printf(&b, "%s%s", b.len ? ", " : "",
					      assess_who_name(s->raters[k]));
		}
		if (b.len > 0) {
			char *line = xasprintf("Unverified (from an unsigned file): %s.", b.s);
			add_row(s, -1, -1, 0, 0, true);
			add_text(s, -1, -1, line, 1, width - 2, 2, STY_DIM);
			free(line);
		}
		strbuf_free(&b);
	}
}

/* The most cells a rater's name takes in its column's heading. */
#define NAME_CELLS 10
/* Statement text keeps at least this many cells before names are cut. */
#define MIN_TEXT_CELLS 20

/*
 * The rating columns for a screen s->width wide, one per rater: each its
 * rater's name and a space, so that names show whole where there is room
 * (up to NAME_CELLS, then cut), at least 5 cells ("[3]" and room); when
 * the statements would keep fewer than MIN_TEXT_CELLS, the widest give
 * way first, down to 5.  colx[k] is where column k starts, colx[n] where
 * the last ends.
 */
static void
columns(struct assess *s)
{
	size_t n = s->nraters ? s->nraters : 1;
	int *w = xcalloc(n, sizeof *w), x = 2;

	for (size_t k = 0; k < n; k++) {
		const char *name = k < s->nraters ? assess_who_name(s->raters[k]) : "self";
		int nw = text_width(name, strlen(name));
		w[k] = (nw < 4 ? 4 : nw > NAME_CELLS ? NAME_CELLS : nw) + 1;
		x += w[k];
	}
	while (s->width - (x + 1) - 1 < MIN_TEXT_CELLS) {
		size_t widest = 0;
		for (size_t k = 1; k < n; k++)
			if (w[k] > w[widest])
				widest = k;
		if (w[widest] <= 5)
			break;
		w[widest]--;
		x--;
	}
	free(s->colx);
	s->colx = xcalloc(n + 1, sizeof *s->colx);
	s->colx[0] = 2;
	for (size_t k = 0; k < n; k++)
		s->colx[k + 1] = s->colx[k] + w[k];
	s->ncols = n;
	free(w);
}

/* Where statement text starts: after the rating columns. */
int
assess_text_col(const struct assess *s)
{
	return s->colx ? s->colx[s->ncols] + 1 : 2 + 5 + 1;
}
