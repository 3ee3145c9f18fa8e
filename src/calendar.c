/*
 * calendar.c - the agenda as iCalendar, through libical (see calendar.h).
 * Text from content and names is cleaned of control characters first;
 * libical does the escaping and the line folding.
 *
 * libical is loaded here, when a calendar is built, with dlopen(): linked
 * to the program it cost every command its start-up (libical pulls in
 * ICU and the C++ runtime: about three times the dynamic loading of all
 * the other libraries together), for one command that needs it.  Its
 * header still declares the functions; the table below takes each one's
 * type from it, so a change of signature fails the build, not the run.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdbool.h>
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

/* The functions of libical used here, by their names in the library. */
#define ICAL_FUNCTIONS(X)                                                                          \
	X(icaltime_null_date)                                                                      \
	X(icaltime_from_timet_with_zone)                                                           \
	X(icaltimezone_get_utc_timezone)                                                           \
	X(icalcomponent_new_vcalendar)                                                             \
	X(icalcomponent_new_vtodo)                                                                 \
	X(icalcomponent_add_component)                                                             \
	X(icalcomponent_add_property)                                                              \
	X(icalcomponent_as_ical_string_r)                                                          \
	X(icalcomponent_free)                                                                      \
	X(icalmemory_free_buffer)                                                                  \
	X(icalproperty_new_version)                                                                \
	X(icalproperty_new_prodid)                                                                 \
	X(icalproperty_new_uid)                                                                    \
	X(icalproperty_new_dtstamp)                                                                \
	X(icalproperty_new_summary)                                                                \
	X(icalproperty_new_description)                                                            \
	X(icalproperty_new_categories)                                                             \
	X(icalproperty_new_due)                                                                    \
	X(icalproperty_new_status)                                                                 \
	X(icalproperty_new_completed)

static struct {
#define FIELD(name) __typeof__(name) *name;
	ICAL_FUNCTIONS(FIELD)
#undef FIELD
} ical;

/* Loads libical once (kept loaded: the process ends soon).  Returns 0,
 * or -1 with *err (a new string). */
static int
load_ical(char **err)
{
	static bool loaded;
	void *lib;

	if (loaded)
		return 0;
	/* RTLD_NOW: a missing function shows here, not midway through a calendar */
	if ((lib = dlopen(CALENDAR_LIBICAL, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		const char *why = dlerror();
		*err = xasprintf("the calendar needs libical (%s), which cannot be loaded: %s; "
				 "on Debian or Ubuntu install it with: apt-get install %s",
				 CALENDAR_LIBICAL, why ? why : "unknown error",
				 CALENDAR_LIBICAL_PACKAGE);
		return -1;
	}
#define LOOKUP(name)                                                                               \
	if ((*(void **)&ical.name = dlsym(lib, #name)) == NULL) {                                  \
		*err = xasprintf("the calendar needs libical: %s has no function %s",              \
				 CALENDAR_LIBICAL, #name);                                         \
		return -1;                                                                         \
	}
	ICAL_FUNCTIONS(LOOKUP)
#undef LOOKUP
	loaded = true;
	return 0;
}

static struct icaltimetype
day_of(int32_t day)
{
	struct icaltimetype t = ical.icaltime_null_date();
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
	return ical.icaltime_from_timet_with_zone((time_t)t, 0,
						  ical.icaltimezone_get_utc_timezone());
}

static icalcomponent *
todo_of(const struct agenda_row *row, const char *profile, int64_t now)
{
	icalcomponent *c = ical.icalcomponent_new_vtodo();
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
	ical.icalcomponent_add_property(c, ical.icalproperty_new_uid(uid));
	ical.icalcomponent_add_property(c, ical.icalproperty_new_dtstamp(utc_of(now)));
	ical.icalcomponent_add_property(c, ical.icalproperty_new_summary(summary));
	ical.icalcomponent_add_property(c, ical.icalproperty_new_description(d));
	ical.icalcomponent_add_property(c, ical.icalproperty_new_categories(title));
	/* libical writes years past 3000 as DUE:00000000T000000: such a
	 * date (a start date recorded before due.h's rule) gets no DUE */
	if (row->due >= 0 && row->due <= dates_day(2999, 12, 31))
		ical.icalcomponent_add_property(c, ical.icalproperty_new_due(day_of(row->due)));
	ical.icalcomponent_add_property(
	    c, ical.icalproperty_new_status(row->done ? ICAL_STATUS_COMPLETED
						      : ICAL_STATUS_NEEDSACTION));
	if (row->done && row->done_at > 0)
		ical.icalcomponent_add_property(
		    c, ical.icalproperty_new_completed(utc_of(row->done_at)));
	free(uid);
	free(summary);
	free(title);
	free(group);
	free(d);
	return c;
}

char *
calendar_build(const struct agenda *a, const char *profile, int64_t now, char **err)
{
	icalcomponent *cal;
	char *ics, *out;

	*err = NULL;
	if (load_ical(err) != 0)
		return NULL;
	cal = ical.icalcomponent_new_vcalendar();

	ical.icalcomponent_add_property(cal, ical.icalproperty_new_version("2.0"));
	ical.icalcomponent_add_property(
	    cal, ical.icalproperty_new_prodid("-//rolebook//rolebook " VERSION "//EN"));
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].due >= 0) /* a task without a due mark is no calendar's */
			ical.icalcomponent_add_component(cal, todo_of(&a->v[i], profile, now));
	ics = ical.icalcomponent_as_ical_string_r(cal);
	out = xstrdup(ics != NULL ? ics : "");
	ical.icalmemory_free_buffer(ics);
	ical.icalcomponent_free(cal);
	return out;
}
