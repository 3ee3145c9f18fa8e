/*
 * reader_place.c - places in the role screen's text.
 *
 * A mark is a position that a new width does not move (see struct mark):
 * the top line is remembered as one and found again in the new lines, so
 * the words at the top stay at the top.  Following a link to a section of
 * the same file keeps a mark of the position it left, for Backspace.  The
 * reading position saved for the profile is the section and the line
 * within it, so that an edit elsewhere in the file does not move it.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "reader.h"
#include "xalloc.h"

/* The section of line i, or NO_SECTION when it comes before the first
 * one (text above the first heading: the renderer numbers those lines 0,
 * but section 0 starts below them). */
uint32_t
reader_line_section(const struct reader *rd, size_t i)
{
	if (i >= rd->r.lines.n)
		return 0;
	return render_line_section(&rd->r, i); /* NO_SECTION is UINT32_MAX */
}

/* Bytes of text on line i, as a mark counts them. */
static size_t
text_bytes(const struct lines *l, size_t i)
{
	const struct line *ln = &l->v[i];
	const char *t = lines_text(l, i);
	size_t n = 0;

	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		if (sp->style & STY_MARKER)
			continue;
		for (size_t b = sp->off > ln->lead ? sp->off : ln->lead; b < sp->off + sp->len; b++)
			n += t[b] != ' ';
	}
	return n;
}

static size_t
section_start(const struct reader *rd, uint32_t sec)
{
	return sec < rd->r.nsections ? rd->r.section_line[sec] : 0;
}

struct mark
reader_mark_at(const struct reader *rd, size_t line)
{
	struct mark m = {reader_line_section(rd, line), 0, 0};

	if (line >= rd->r.lines.n)
		return m;
	for (size_t i = section_start(rd, m.section); i <= line; i++) {
		size_t c = text_bytes(&rd->r.lines, i);
		if (i < line)
			m.text += c;
		m.gap = c > 0 ? 0 : m.gap + 1;
	}
	return m;
}

/* The line of m in the current lines: the one holding its byte of text,
 * or the gap-th line without text after the text before it; the last
 * line of the section when the section has less text than that. */
size_t
reader_line_of(const struct reader *rd, struct mark m)
{
	const struct lines *l = &rd->r.lines;
	size_t i = section_start(rd, m.section), text = 0;

	if (l->n == 0)
		return 0;
	if (i >= l->n || reader_line_section(rd, i) != m.section)
		return i < l->n ? i : l->n - 1;
	for (; i + 1 < l->n && reader_line_section(rd, i + 1) == m.section; i++) {
		size_t c = text_bytes(l, i);
		if (m.gap == 0 ? text + c > m.text : text >= m.text)
			break;
		text += c;
	}
	/* the line after the text before the mark starts its run of lines
	 * without text: go on along it */
	for (size_t k = 1; k < m.gap && i + 1 < l->n &&
			   reader_line_section(rd, i + 1) == m.section && text_bytes(l, i + 1) == 0;
	     k++)
		i++;
	return i;
}

void
reader_push_mark(struct reader *rd, struct mark m)
{
	if (rd->nmarks == MAX_MARKS) {
		memmove(&rd->marks[0], &rd->marks[1], (MAX_MARKS - 1) * sizeof rd->marks[0]);
		rd->nmarks--;
	}
	rd->marks[rd->nmarks++] = m;
}

/* Goes back to the latest mark; false when there is none. */
bool
reader_pop_mark(struct reader *rd)
{
	if (rd->nmarks == 0)
		return false;
	rd->top = reader_line_of(rd, rd->marks[--rd->nmarks]);
	return true;
}

/*
 * The reading position is kept as the section and the line within it.
 * The store has a text for the section: it holds "§N title", N the
 * section's number from 1, so that of sections with the same title
 * ("Homework" every week) the one read is found again; the title checks
 * that section N is still the one meant after an edit of the file, and
 * when it is not, the section of that title nearest to N is taken.  A
 * text without the number (saved by an older rolebook) is a title alone,
 * found first from the top.  No section (NULL) means the line is counted
 * from the top of the text.
 */
#define POSITION_SIGN "\u00a7" /* § */

static char *
position_section(size_t sec, const char *title)
{
	return xasprintf(POSITION_SIGN "%zu %s", sec + 1, title);
}

/* The section titled title nearest to section near (the first one of
 * two as near), or -1. */
static long
title_near(const struct outline *o, const char *title, size_t near)
{
	long best = -1;
	size_t best_d = SIZE_MAX;

	for (size_t i = 0; i < o->n; i++) {
		size_t d = i > near ? i - near : near - i;
		if (d < best_d && strcmp(o->v[i].title, title) == 0) {
			best = (long)i;
			best_d = d;
		}
	}
	return best;
}

/* The section a saved text names, or -1. */
static long
position_find(const struct outline *o, const char *saved)
{
	const char *p = saved;
	size_t n = 0;
	long sec;

	if (strncmp(p, POSITION_SIGN, strlen(POSITION_SIGN)) == 0) {
		p += strlen(POSITION_SIGN);
		for (; *p >= '0' && *p <= '9'; p++)
			if (n <= o->n) /* past it, it is out of range anyway */
				n = n * 10 + (size_t)(*p - '0');
		if (*p == ' ' && n >= 1 && (sec = title_near(o, p + 1, n - 1)) >= 0)
			return sec;
	}
	/* a title alone, or one that merely looks numbered */
	return title_near(o, saved, 0);
}

void
reader_restore_position(struct reader *rd, struct app *a)
{
	char *section = NULL;
	const char *waiting;
	int line = 0;
	long found;
	size_t sec, at, first, end;

	if (a->store == NULL)
		return;
	/* one still waiting for the database is the latest */
	if (change_pending_position(&a->changes, a->profile, rd->role->id, &waiting, &line))
		section = waiting != NULL ? xstrdup(waiting) : NULL;
	else if (store_position_get(a->store, a->profile, rd->role->id, &section, &line) !=
		 STORE_OK)
		return;
	at = line > 0 ? (size_t)line : 0;
	if (section != NULL && rd->lazy != NULL) {
		/* a large document: laid out past the section saved (its
		 * number, when the text gives one), or to its end */
		const char *p = section + strlen(POSITION_SIGN);
		size_t n = 0;
		if (strncmp(section, POSITION_SIGN, strlen(POSITION_SIGN)) == 0 && *p >= '1' &&
		    *p <= '9')
			for (; *p >= '0' && *p <= '9' && n < SIZE_MAX / 10 - 10; p++)
				n = n * 10 + (size_t)(*p - '0');
		if (n > 0)
			reader_need_section(rd, rd->base + n);
		else
			reader_need_all(rd);
	}
	if (section == NULL) {
		rd->top = at;
	} else if ((found = position_find(reader_outline(rd), section)) >= 0 &&
		   (sec = rd->base + (size_t)found) < rd->r.nsections) {
		/* no further than the section's last line: it may have shrunk */
		first = rd->r.section_line[sec];
		end = sec + 1 < rd->r.nsections ? rd->r.section_line[sec + 1] : rd->r.lines.n;
		rd->top = first + at;
		if (rd->top >= end)
			rd->top = end > first ? end - 1 : first;
	}
	free(section);
	reader_need_lines(rd, rd->top + 2 * (size_t)rd->body_h + 1);
}

void
reader_save_position(struct reader *rd)
{
	struct app *a = rd->app;
	const struct outline *o = reader_outline(rd);
	uint32_t sec;
	char *section = NULL;
	size_t line;

	if (a == NULL || a->store == NULL || a->readonly || rd->rwidth == 0 || rd->r.lines.n == 0)
		return;
	sec = reader_line_section(rd, rd->top);
	line = rd->top;
	/* in the title's section: counted from the top */
	if (sec >= rd->base && sec < nsections(rd)) {
		section = position_section(sec - rd->base, o->v[sec - rd->base].title);
		line -= rd->r.section_line[sec];
	}
	/* while another program has the database it waits with the other
	 * changes, the latest per document (app_change) */
	app_change(a,
		   &(struct change){.kind = CHANGE_POSITION,
				    .profile = a->profile,
				    .doc = rd->role->id,
				    .text = section,
				    .value = line < INT_MAX ? (int)line : INT_MAX,
				    .at = app_now(a)},
		   NULL);
	free(section);
}
