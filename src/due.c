/*
 * due.c - due dates from the content's marks and an appointment date
 * (see due.h).  Pure: no clock, no store, no printing; callers give today.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checklist.h"
#include "dates.h"
#include "due.h"
#include "xalloc.h"

#define DUE_MARK "(due:"
#define DUE_MAX_N 3650

static bool
unit_is(const char *w, size_t len, const char *name)
{
	size_t n = strlen(name);

	/* "day" or "days" */
	return (len == n || (len == n + 1 && (w[n] == 's' || w[n] == 'S'))) &&
	       strncasecmp(w, name, n) == 0;
}

bool
due_mark_parse(const char *spec, struct due_mark *out)
{
	const char *p = spec, *w;
	long n = 0;
	size_t len;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	/* "MM-DD" */
	if (isdigit((unsigned char)p[1]) && p[2] == '-' && isdigit((unsigned char)p[3]) &&
	    isdigit((unsigned char)p[4])) {
		int m = (p[0] - '0') * 10 + (p[1] - '0'), d = (p[3] - '0') * 10 + (p[4] - '0');
		for (w = p + 5; *w == ' ' || *w == '\t'; w++)
			;
		/* 2000 is a leap year: every day some year has */
		if (*w != '\0' || m < 1 || m > 12 || d < 1 || d > dates_month_days(2000, m))
			return false;
		*out = (struct due_mark){DUE_ANNUAL, m, d};
		return true;
	}
	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (*p++ - '0');
		if (n > DUE_MAX_N)
			return false;
	}
	if (*p != ' ' && *p != '\t')
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	for (w = p; isalpha((unsigned char)*p); p++)
		;
	len = (size_t)(p - w);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		return false;
	if (unit_is(w, len, "day"))
		*out = (struct due_mark){DUE_DAYS, (int)n, 0};
	else if (unit_is(w, len, "week"))
		*out = (struct due_mark){DUE_WEEKS, (int)n, 0};
	else if (unit_is(w, len, "month"))
		*out = (struct due_mark){DUE_MONTHS, (int)n, 0};
	else
		return false;
	return true;
}

bool
due_strip_mark(char *text, struct due_mark *out)
{
	size_t n = strlen(text), m = strlen(DUE_MARK), open;
	struct due_mark mark;
	char *spec;
	bool ok;

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n == 0 || text[n - 1] != ')')
		return false;
	for (open = n - 1; open > 0 && text[open - 1] != '('; open--)
		;
	if (open == 0 || n - (open - 1) < m || strncasecmp(text + open - 1, DUE_MARK, m) != 0)
		return false;
	spec = xstrndup(text + open - 1 + m, n - 1 - (open - 1 + m));
	ok = due_mark_parse(spec, &mark);
	free(spec);
	if (!ok)
		return false;
	open--; /* the '(' */
	while (open > 0 && (text[open - 1] == ' ' || text[open - 1] == '\t'))
		open--;
	if (open == 0)
		return false; /* only the mark: it stays the text */
	text[open] = '\0';
	*out = mark;
	return true;
}

char *
due_mark_text(const struct due_mark *m, char *buf)
{
	static const char *const units[] = {"", "day", "week", "month"};

	if (m->unit == DUE_ANNUAL)
		snprintf(buf, 24, "%02d-%02d", m->n, m->day);
	else if (m->unit == DUE_NONE)
		snprintf(buf, 24, "none");
	else
		snprintf(buf, 24, "%d %s%s", m->n, units[m->unit], m->n == 1 ? "" : "s");
	return buf;
}

int32_t
due_day(int32_t start, const struct due_mark *m)
{
	int y, mo, d, total;

	switch (m->unit) {
	case DUE_DAYS:
		return start + m->n;
	case DUE_WEEKS:
		return start + 7 * m->n;
	case DUE_MONTHS:
		dates_civil(start, &y, &mo, &d);
		total = (mo - 1) + m->n;
		y += total / 12;
		mo = total % 12 + 1;
		if (d > dates_month_days(y, mo))
			d = dates_month_days(y, mo); /* Jan 31 + 1 month: Feb 28 or 29 */
		return dates_day(y, mo, d);
	case DUE_ANNUAL:
		dates_civil(start, &y, &mo, &d);
		/* Feb 29 waits for a leap year: at most 8 years on */
		for (int k = 0; k <= 8; k++) {
			int32_t day;
			if (m->day > dates_month_days(y + k, m->n))
				continue;
			day = dates_day(y + k, m->n, m->day);
			if (day >= start)
				return day;
		}
		return -1;
	case DUE_NONE:
		break;
	}
	return -1;
}

const char *
due_start_refusal(int32_t day, int32_t today)
{
	if (day < 0)
		return "before 1970";
	if (day > today + DUE_START_AHEAD)
		return "more than 366 days after today";
	return NULL;
}

enum due_state
due_state_of(int32_t due, int32_t today)
{
	if (due < today)
		return DUE_LATE;
	return due - today <= DUE_SOON_DAYS ? DUE_SOON : DUE_LATER;
}

char *
due_phrase(int32_t due, int32_t today, char *buf)
{
	int32_t d = due - today;

	if (d == 0)
		snprintf(buf, 32, "today");
	else if (d > 0)
		snprintf(buf, 32, "in %ld day%s", (long)d, d == 1 ? "" : "s");
	else
		snprintf(buf, 32, "%ld day%s late", (long)-d, d == -1 ? "" : "s");
	return buf;
}

static int
by_due(const void *a, const void *b)
{
	const struct due_entry *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static bool
same_group(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

void
due_plan_make(struct due_plan *p, const struct checklist *c, int32_t start, int32_t today)
{
	int32_t cycle = -1; /* the due day of the group's last MM-DD item */

	memset(p, 0, sizeof *p);
	p->today = today;
	p->start = start;
	p->started = start >= 0;
	if (!p->started || c->n == 0)
		return;
	p->nitems = c->n;
	p->by_item = xcalloc(c->n, sizeof *p->by_item);
	p->v = xcalloc(c->n, sizeof *p->v);
	for (size_t i = 0; i < c->n; i++) {
		const struct check_item *it = c->v[i].item;
		int32_t due;
		struct due_entry *e;

		/* the MM-DD items of a group are one yearly cycle: each on or
		 * after the one before it (the first: after the appointment) */
		if (i > 0 && !same_group(c->v[i - 1].item->group, it->group))
			cycle = -1;
		due = due_day(it->due.unit == DUE_ANNUAL && cycle >= 0 ? cycle : start, &it->due);
		if (it->due.unit == DUE_ANNUAL && due >= 0)
			cycle = due;

		p->by_item[i] = due;
		if (due < 0 || c->v[i].done)
			continue;
		e = &p->v[p->n++];
		e->index = i;
		e->due = due;
		e->days = due - today;
		e->state = due_state_of(due, today);
		p->late += e->state == DUE_LATE;
		p->soon += e->state == DUE_SOON;
	}
	if (p->n > 1) /* (no entries: no array) */
		qsort(p->v, p->n, sizeof *p->v, by_due);
}

void
due_plan_done(struct due_plan *p)
{
	free(p->v);
	free(p->by_item);
	memset(p, 0, sizeof *p);
}

const struct due_entry *
due_plan_next(const struct due_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].state != DUE_LATE)
			return &p->v[i];
	return NULL;
}
