/*
 * report_json.c - the JSON layout of a readiness report: the document's
 * head, each role's records, scores, verdicts, trend and evidence, and the
 * roles left out.  Every number comes from the report_role (report.c,
 * report_trend.c); this module only lays it out.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>

#include "checklist.h"
#include "jsonout.h"
#include "readiness.h"
#include "report.h"
#include "report_int.h"
#include "text.h"

/* An average rounded to two decimals; averages are 1..5. */
static json_t *
javg(const struct area_score *sc)
{
	if (sc->rated == 0)
		return json_null();
	return json_real((double)(long long)(sc->avg * 100 + 0.5) / 100);
}

static json_t *
jscore(const struct area_score *sc)
{
	json_t *o = json_object();

	jsonout_set(o, "average", javg(sc));
	jsonout_set(o, "rated", json_integer((json_int_t)sc->rated));
	jsonout_set(o, "meets", json_boolean(sc->meets));
	return o;
}

/* One rater's own verdict. */
static json_t *
jverdict(const struct readiness *rd)
{
	json_t *o = json_object();

	jsonout_set(o, "ready", json_boolean(rd->ready));
	jsonout_set(o, "verdict", jsonout_text(rd->verdict, 0));
	/* its counted ratings from unsigned files */
	jsonout_set(o, "unverified", json_integer((json_int_t)rd->rated_unverified));
	return o;
}

static json_t *
jitem(const char *id, const char *text, const char *group, bool required, bool done,
      const struct store_item *rec)
{
	json_t *o = json_object();

	jsonout_set(o, "id", jsonout_text(id, 0));
	jsonout_set(o, "text", jsonout_text(text, 0));
	jsonout_set(o, "group", jsonout_text(group, 0));
	jsonout_set(o, "done", json_boolean(done));
	jsonout_set(o, "done_at", json_integer(done && rec != NULL ? rec->done_at : 0));
	jsonout_set(o, "required", json_boolean(required));
	jsonout_set(o, "note", jsonout_note(rec != NULL ? rec->note : NULL));
	jsonout_set(o, "unverified", json_boolean(rec != NULL && rec->origin == STORE_UNVERIFIED));
	return o;
}

/* One rating with the date it was given; with its note when note. */
static json_t *
json_rating_note(const struct report_role *rr, const struct store_rating *rt, bool note)
{
	json_t *o = json_object();
	const char *text, *area;

	jsonout_set(o, "current", json_boolean(report_rating_subject(rr, rt, &text, &area)));
	jsonout_set(o, "statement_id", jsonout_text(rt->statement_id, 0));
	jsonout_set(o, "area", jsonout_text(area, 0));
	jsonout_set(o, "text", jsonout_text(text, 0));
	jsonout_set(o, "rater", jsonout_text(rt->rater, 0));
	jsonout_set(o, "value", json_integer(rt->value));
	if (note)
		jsonout_set(o, "note", jsonout_note(rt->note));
	jsonout_set(o, "updated_at", json_integer(rt->updated_at));
	jsonout_set(o, "unverified", json_boolean(rt->origin == STORE_UNVERIFIED));
	return o;
}

static void
json_evidence(void *arg, const struct report_role *rr, const struct store_rating *rt, bool heading)
{
	(void)heading;
	jsonout_push(arg, json_rating_note(rr, rt, true));
}

/* One area of a trend: the scores at the first snapshot and now, as the
 * scores are everywhere in the JSON (javg), and the arrow. */
static void
json_trend_area(void *arg, size_t i, const struct area_score *first, const struct area_score *now,
		const char *arrow)
{
	json_t *o = json_object();

	(void)i;
	jsonout_set(o, "area", json_string(first->name));
	jsonout_set(o, "first", javg(first)); /* null when not rated */
	jsonout_set(o, "now", javg(now));
	jsonout_set(o, "trend", json_string(arrow));
	jsonout_push(arg, o);
}

/* "trend": [{"rater", "since", "areas": [...]}], raters with a snapshot
 * (report_trend.c). */
static json_t *
json_trend(const struct report_role *rr)
{
	json_t *list = json_array();

	for (size_t i = 0; i < rr->ntrend; i++) {
		const struct report_trend *t = &rr->trend[i];
		json_t *o, *areas;

		if (!t->has)
			continue;
		o = json_object();
		areas = json_array();
		jsonout_set(o, "rater", json_string(report_trend_rater(rr, t)->rater));
		jsonout_set(o, "since", json_string(t->since));
		report_trend_each_area(rr, t, json_trend_area, areas);
		jsonout_set(o, "areas", areas);
		jsonout_push(list, o);
	}
	return list;
}

json_t *
report_json_role(const struct report_role *rr)
{
	const struct role *r = rr->role;
	json_t *o = json_object(), *cl = json_object(), *items = json_array(),
	       *stale = json_array(), *areas = json_array(), *raters = json_array(),
	       *rd = json_object(), *ev = json_array();

	jsonout_set(o, "id", jsonout_text(r->id, 0));
	jsonout_set(o, "title", jsonout_text(r->title, 0));
	jsonout_set(o, "threshold", json_real(r->threshold));
	for (size_t i = 0; i < rr->cl.n; i++) {
		const struct checklist_entry *e = &rr->cl.v[i];
		jsonout_push(items, jitem(e->item->id, e->item->text, e->item->group,
					  e->item->required, e->done, e->rec));
	}
	for (size_t k = 0; k < rr->cl.nstale; k++) {
		const struct store_item *rec = rr->cl.stale[k];
		json_t *it = jitem(rec->item_id, rec->text, NULL, false, rec->done, rec);
		json_object_del(it, "group");
		json_object_del(it, "required");
		jsonout_push(stale, it);
	}
	jsonout_set(cl, "done", json_integer((json_int_t)rr->cl.done));
	jsonout_set(cl, "total", json_integer((json_int_t)rr->cl.n));
	{
		json_t *pq = json_object();
		jsonout_set(pq, "done", json_integer((json_int_t)rr->by.self.rd.req_done));
		jsonout_set(pq, "total", json_integer((json_int_t)rr->by.self.rd.req_total));
		jsonout_set(pq, "marked", json_boolean(rr->by.self.rd.marked));
		jsonout_set(pq, "unverified",
			    json_integer((json_int_t)rr->by.self.rd.req_unverified));
		jsonout_set(cl, "prerequisites", pq);
	}
	jsonout_set(cl, "items", items);
	jsonout_set(cl, "stale", stale);
	jsonout_set(o, "checklist", cl);
	jsonout_set(o, "appointment", report_due_json(rr));
	for (size_t k = 0; k < rr->by.nrev; k++)
		jsonout_push(raters, jsonout_text(rr->by.rev[k].rater, 0));
	jsonout_set(o, "reviewers", raters);
	for (size_t a = 0; a < r->nareas; a++) {
		json_t *ao = json_object(), *rv = json_object();
		jsonout_set(ao, "name", jsonout_text(r->areas[a].name, 0));
		jsonout_set(ao, "statements",
			    json_integer((json_int_t)rr->by.self.rd.areas[a].total));
		jsonout_set(ao, "threshold", json_real(r->threshold));
		jsonout_set(ao, "self", jscore(&rr->by.self.rd.areas[a]));
		for (size_t k = 0; k < rr->by.nrev; k++) {
			char *name = text_clean(rr->by.rev[k].rater, 0);
			jsonout_set(rv, name, jscore(&rr->by.rev[k].rd.areas[a]));
			free(name);
		}
		jsonout_set(ao, "reviewers", rv);
		jsonout_push(areas, ao);
	}
	jsonout_set(o, "areas", areas);
	jsonout_set(rd, "ready", json_boolean(rr->by.ready));
	jsonout_set(rd, "verdict", jsonout_text(rr->by.verdict, 0));
	jsonout_set(rd, "reviewed", json_boolean(rr->by.nrev > 0));
	jsonout_set(rd, "unverified", json_integer((json_int_t)rr->by.unverified));
	jsonout_set(rd, "self", jverdict(&rr->by.self.rd));
	{
		json_t *rv = json_object();
		for (size_t k = 0; k < rr->by.nrev; k++) {
			char *name = text_clean(rr->by.rev[k].rater, 0);
			jsonout_set(rv, name, jverdict(&rr->by.rev[k].rd));
			free(name);
		}
		jsonout_set(rd, "reviewers", rv);
	}
	jsonout_set(rd, "disclaimer", json_string(READINESS_DISCLAIMER));
	jsonout_set(o, "readiness", rd);
	{ /* when each rater last rated, then every rating with its date */
		json_t *lr = json_object(), *rv = json_object(), *all = json_array();
		jsonout_set(lr, "self", json_integer(report_rater_latest(&rr->by.self)));
		for (size_t k = 0; k < rr->by.nrev; k++) {
			char *name = text_clean(rr->by.rev[k].rater, 0);
			jsonout_set(rv, name, json_integer(report_rater_latest(&rr->by.rev[k])));
			free(name);
		}
		jsonout_set(lr, "reviewers", rv);
		jsonout_set(o, "last_rated", lr);
		for (size_t i = 0; i < rr->nrt; i++)
			jsonout_push(all, json_rating_note(rr, &rr->rt[i], false));
		jsonout_set(o, "ratings", all);
	}
	jsonout_set(o, "trend", json_trend(rr));
	report_each_evidence(rr, json_evidence, ev);
	jsonout_set(o, "evidence", ev);
	return o;
}

json_t *
report_json_doc(const char *profile)
{
	json_t *doc = json_object(), *scale = json_array();

	jsonout_set(doc, "format", json_string(REPORT_FORMAT));
	jsonout_set(doc, "version", json_integer(REPORT_VERSION));
	jsonout_set(doc, "profile", jsonout_text(profile, 0));
	for (int i = 0; i <= 5; i++)
		jsonout_push(scale, json_string(readiness_labels[i]));
	jsonout_set(doc, "scale", scale);
	return doc;
}

json_t *
report_json_skipped(const struct report_skipped *skip, size_t nskip)
{
	json_t *js = json_array();

	for (size_t k = 0; k < nskip; k++) {
		json_t *o = json_object();
		jsonout_set(o, "id", jsonout_text(skip[k].id, 0));
		jsonout_set(o, "reason", jsonout_text(skip[k].reason, 0));
		jsonout_push(js, o);
	}
	return js;
}
