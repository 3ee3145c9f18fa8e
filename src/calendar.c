/*
 * calendar.c - the agenda as iCalendar, through libical (see calendar.h).
 * Text from content and names is cleaned of control characters first;
 * libical does the escaping and the line folding.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "calendar.h"
#include "dates.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

char *
calendar_uid(const char *profile, const char *role, const char *item_id)
{
	char who[13];

	/* a hash keeps the name out of the UID, and the UID one token */
	content_item_id(profile, who);
	return xasprintf("%s-%s-%s@rolebook", role, item_id, who);
}

static struct icaltimetype
day_of(int32_t day)
{
	struct icaltimetype t = icaltime_null_date();
	int y, m, d;

	dates_civil(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	return t;
}

static struct icaltimetype
utc_of(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

static icalcomponent *
todo_of(const struct agenda_row *row, const char *profile, int64_t now)
{
	icalcomponent *c = icalcomponent_new_vtodo();
	/* a shared step is one task, whichever role it falls due in first */
	char *uid = calendar_uid(profile, row->uid_role, row->item->id);
	char *summary = text_clean(row->item->text, 0), *title = text_clean(row->role->title, 0);
	char *group = text_clean(row->item->group, 0), start[DATES_MAX];
	struct strbuf desc = {0};
	char *d;

	strbuf_printf(&desc, "%s onboarding, item %zu", title, row->num);
	if (*group != '\0')
		strbuf_printf(&desc, " (%s)", group);
	strbuf_printf(&desc, "; appointed %s", dates_day_format(row->start, start));
	for (size_t k = 0; k < row->nalso; k++) {
		char *other = text_clean(row->also[k].role->title, 0);
		strbuf_printf(&desc, "; also %s onboarding, item %zu", other, row->also[k].num);
		free(other);
	}
	d = strbuf_take(&desc);
	icalcomponent_add_property(c, icalproperty_new_uid(uid));
	icalcomponent_add_property(c, icalproperty_new_dtstamp(utc_of(now)));
	icalcomponent_add_property(c, icalproperty_new_summary(summary));
	icalcomponent_add_property(c, icalproperty_new_description(d));
	icalcomponent_add_property(c, icalproperty_new_categories(title));
	/* libical writes years past 3000 as DUE:00000000T000000: such a
	 * date (a start date recorded before due.h's rule) gets no DUE */
	if (row->due >= 0 && row->due <= dates_day(2999, 12, 31))
		icalcomponent_add_property(c, icalproperty_new_due(day_of(row->due)));
	icalcomponent_add_property(c, icalproperty_new_status(row->done ? ICAL_STATUS_COMPLETED
									: ICAL_STATUS_NEEDSACTION));
	if (row->done && row->done_at > 0)
		icalcomponent_add_property(c, icalproperty_new_completed(utc_of(row->done_at)));
	free(uid);
	free(summary);
	free(title);
	free(group);
	free(d);
	return c;
}

char *
calendar_build(const struct agenda *a, const char *profile, int64_t now)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	char *ics, *out;

	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(
	    cal, icalproperty_new_prodid("-//rolebook//rolebook " VERSION "//EN"));
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].due >= 0) /* a task without a due mark is no calendar's */
			icalcomponent_add_component(cal, todo_of(&a->v[i], profile, now));
	ics = icalcomponent_as_ical_string_r(cal);
	out = xstrdup(ics != NULL ? ics : "");
	icalmemory_free_buffer(ics);
	icalcomponent_free(cal);
	return out;
}
