/*
 * report.c - readiness reports of a profile's records: the choice of roles
 * and the text layout (Markdown: report_md.c, JSON: report_json.c); no
 * terminal (see report.h).
 *
 * Invariants:
 *
 * - Every string that reaches a report goes through text_sanitize() first,
 *   whatever its source: the database may hold text written by an older
 *   rolebook or by hand.  Markdown output is escaped on top of that
 *   (md_text()), and never lets text start a line.
 * - Output is deterministic: roles by id, records in the store's order
 *   (items by item_id, ratings by rater then statement_id), content in
 *   document order, JSON keys sorted.  Reports carry no clock, so the same
 *   database gives the same report.
 */
#include "config.h"

#include <assert.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "dates.h"
#include "jsonout.h"
#include "readiness.h"
#include "report.h"
#include "report_int.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

const char *
report_strerror(enum report_status status)
{
	switch (status) {
	case REPORT_OK:
		return "success";
	case REPORT_ERR_STORE:
		return "cannot read the database";
	case REPORT_ERR_INVALID:
		return "invalid argument";
	case REPORT_ERR_NOPROFILE:
		return "no such profile";
	}
	return "unknown error";
}

/* ---- numbers and widths ---- */

static int
width_of(const char *s)
{
	return text_width(s, strlen(s));
}

/* ---- one role's records ---- */

enum store_status
report_role_load(struct report_role *rr, struct store *st, const char *profile, struct role *r)
{
	enum store_status s;

	memset(rr, 0, sizeof *rr);
	rr->role = r;
	s = checklist_load(&rr->cl, st, profile, r);
	if (s == STORE_OK)
		s = store_ratings_get(st, profile, r->id, NULL, &rr->rt, &rr->nrt);
	if (s != STORE_OK)
		return s;
	readiness_by_rater_cl(&rr->by, r, rr->rt, rr->nrt, &rr->cl);
	report_due_load(rr, st, profile);
	return report_trend_load(rr, st, profile);
}

void
report_role_done(struct report_role *rr)
{
	report_trend_done(rr);
	readiness_raters_done(&rr->by);
	due_plan_done(&rr->plan);
	store_ratings_free(rr->rt, rr->nrt);
	checklist_done(&rr->cl);
}

/* The statement of the role with this id, or NULL. */
static const struct statement *
find_statement(const struct role *r, const char *id)
{
	for (size_t i = 0; i < r->nstmts; i++)
		if (strcmp(r->stmts[i].id, id) == 0)
			return &r->stmts[i];
	return NULL;
}

void
report_each_evidence(const struct report_role *rr, evidence_fn fn, void *arg)
{
	const struct role *r = rr->role;

	for (size_t i = 0; i < r->nstmts; i++) {
		bool first = true;
		for (size_t k = 0; k < rr->nrt; k++) {
			const struct store_rating *rt = &rr->rt[k];
			if (rt->note == NULL || *rt->note == '\0' ||
			    strcmp(rt->statement_id, r->stmts[i].id) != 0)
				continue;
			fn(arg, rr, rt, first);
			first = false;
		}
	}
	for (size_t k = 0; k < rr->nrt; k++) {
		const struct store_rating *rt = &rr->rt[k];
		if (rt->note != NULL && *rt->note != '\0' &&
		    find_statement(r, rt->statement_id) == NULL)
			fn(arg, rr, rt, true);
	}
}

void
report_each_step_evidence(const struct report_role *rr, step_evidence_fn fn, void *arg)
{
	for (size_t i = 0; i < rr->cl.n; i++) {
		const struct checklist_entry *e = &rr->cl.v[i];
		if (e->rec != NULL && e->rec->note != NULL && *e->rec->note != '\0')
			fn(arg, i + 1, e);
	}
}

bool
report_rating_subject(const struct report_role *rr, const struct store_rating *rt,
		      const char **text, const char **area)
{
	const struct statement *s = find_statement(rr->role, rt->statement_id);

	*text = s != NULL ? s->text : rt->text;
	*area = s != NULL ? rr->role->areas[s->area].name : rt->area;
	return s != NULL;
}

int64_t
report_rater_latest(const struct rater_readiness *rd)
{
	int64_t t = 0;

	for (size_t i = 0; i < rd->nrt; i++)
		if (rd->rt[i].updated_at > t)
			t = rd->rt[i].updated_at;
	return t;
}

void
report_uncounted_line(struct strbuf *b, const struct report_role *rr, const char *prefix)
{
	char *n = readiness_uncounted_note(readiness_raters_uncounted(&rr->by));

	if (n != NULL)
		strbuf_printf(b, "%s%s\n", prefix, n);
	free(n);
}

/* ---- text ---- */

/* Appends a sanitised note after label, continuation lines indented under
 * its first line. */
static void
text_note(struct strbuf *b, int indent, const char *label, const char *note)
{
	char *c = text_clean(note, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS), *p = c, *nl;
	int at = indent + width_of(label);

	strbuf_pad(b, ' ', indent);
	strbuf_puts(b, label);
	while ((nl = strchr(p, '\n')) != NULL) {
		strbuf_add(b, p, (size_t)(nl - p) + 1);
		strbuf_pad(b, ' ', at);
		p = nl + 1;
	}
	strbuf_puts(b, p);
	strbuf_puts(b, "\n");
	free(c);
}

/* An item as `checklist` prints it (checklist.c's one format). */
static void
text_item(struct strbuf *b, size_t num, bool done, const char *text, const struct store_item *rec,
	  bool show_id, bool required)
{
	checklist_item_text(b, num, done, text, rec, rec ? rec->item_id : NULL,
			    show_id ? ITEM_ID_FULL : ITEM_ID_NONE, required);
}

static void
text_evidence(void *arg, const struct report_role *rr, const struct store_rating *rt, bool heading)
{
	struct strbuf *b = arg;
	const char *text, *area;
	char *label;

	bool current = report_rating_subject(rr, rt, &text, &area);

	if (heading) {
		char *a = text_clean(area, 0), *t = text_clean(text, 0);
		strbuf_printf(b, "  %s: %s%s\n", a, t, current ? "" : "  " GONE_NOTE);
		free(a);
		free(t);
	}
	{
		char *who = text_clean(*rt->rater ? rt->rater : "self", 0);
		char when[DATES_MAX + 2] = "";
		if (rt->updated_at > 0) {
			char d[DATES_MAX];
			snprintf(when, sizeof when, ", %s",
				 dates_format(rt->updated_at, DATE_DAY, d));
		}
		/* from an unsigned import: said where it is shown */
		const char *unv = rt->origin == STORE_UNVERIFIED ? ", unverified" : "";
		if (rt->value > 0)
			label = xasprintf("%s (%d)%s%s: ", who, rt->value, when, unv);
		else
			label = xasprintf("%s%s%s: ", who, when, unv);
		free(who);
	}
	text_note(b, 4, label, rt->note);
	free(label);
}

/* A checklist step's note as evidence: "  Step 3: text", then the note
 * dated. */
static void
text_step_evidence(void *arg, size_t num, const struct checklist_entry *e)
{
	struct strbuf *b = arg;
	char *t = text_clean(e->item->text, 0), d[DATES_MAX], *label;

	strbuf_printf(b, "  Step %zu: %s\n", num, t);
	label = xasprintf("%s: ", dates_format(e->rec->updated_at, DATE_DAY, d));
	text_note(b, 4, label, e->rec->note);
	free(label);
	free(t);
}

/* A rater's last rating date, or "-". */
static char *
text_latest(const struct rater_readiness *rd)
{
	char d[DATES_MAX];
	int64_t t = report_rater_latest(rd);

	return xstrdup(t > 0 ? dates_format(t, DATE_DAY, d) : "-");
}

/* The scores table: one row per area, a column per rater, and when each
 * rater last rated. */
bool
report_any_unverified(const struct readiness_raters *by)
{
	bool any = by->self.rd.rated_unverified > 0;

	for (size_t k = 0; k < by->nrev; k++)
		any = any || by->rev[k].rd.rated_unverified > 0;
	return any;
}

char *
report_unverified_cell(const struct readiness *rd, const char *none)
{
	size_t rated = 0;

	for (size_t a = 0; a < rd->nareas; a++)
		rated += rd->areas[a].rated;
	return rated ? xasprintf("%zu of %zu", rd->rated_unverified, rated) : xstrdup(none);
}

static void
text_scores(struct strbuf *b, const struct report_role *rr)
{
	const struct role *r = rr->role;
	size_t ncols = 3 + rr->by.nrev, rows = r->nareas + 2 + report_any_unverified(&rr->by);
	char ***cell = xcalloc(rows, sizeof *cell);
	int *w = xcalloc(ncols, sizeof *w);
	char avg[16];

	for (size_t y = 0; y < rows; y++)
		cell[y] = xcalloc(ncols, sizeof **cell);
	cell[0][0] = xstrdup("Skill area");
	cell[0][1] = xstrdup("Self");
	for (size_t k = 0; k < rr->by.nrev; k++)
		cell[0][2 + k] = text_clean(rr->by.rev[k].rater, 0);
	cell[0][ncols - 1] = xstrdup("Threshold");
	for (size_t a = 0; a < r->nareas; a++) {
		char **row = cell[a + 1];
		row[0] = text_clean(r->areas[a].name, 0);
		readiness_area_value(&rr->by.self.rd.areas[a], "-", avg);
		row[1] = xstrdup(avg);
		for (size_t k = 0; k < rr->by.nrev; k++) {
			readiness_area_value(&rr->by.rev[k].rd.areas[a], "-", avg);
			row[2 + k] = xstrdup(avg);
		}
		readiness_format_threshold(r->threshold, avg);
		row[ncols - 1] = xstrdup(avg);
	}
	/* when each rater last rated: how current the column is */
	cell[r->nareas + 1][0] = xstrdup(LATEST_LABEL);
	cell[r->nareas + 1][1] = text_latest(&rr->by.self);
	for (size_t k = 0; k < rr->by.nrev; k++)
		cell[r->nareas + 1][2 + k] = text_latest(&rr->by.rev[k]);
	cell[r->nareas + 1][ncols - 1] = xstrdup("");
	if (rows > r->nareas + 2) { /* how much of each column no one signed */
		cell[rows - 1][0] = xstrdup(UNVERIFIED_LABEL);
		cell[rows - 1][1] = report_unverified_cell(&rr->by.self.rd, "-");
		for (size_t k = 0; k < rr->by.nrev; k++)
			cell[rows - 1][2 + k] = report_unverified_cell(&rr->by.rev[k].rd, "-");
		cell[rows - 1][ncols - 1] = xstrdup("");
	}
	for (size_t y = 0; y < rows; y++)
		for (size_t x = 0; x < ncols; x++)
			if (width_of(cell[y][x]) > w[x])
				w[x] = width_of(cell[y][x]);
	for (size_t y = 0; y < rows; y++) {
		for (size_t x = 0; x < ncols; x++) {
			strbuf_puts(b, cell[y][x]);
			if (x + 1 < ncols && *cell[y][x + 1] != '\0')
				strbuf_pad(b, ' ', w[x] - width_of(cell[y][x]) + 2);
			free(cell[y][x]);
		}
		strbuf_puts(b, "\n");
		free(cell[y]);
	}
	free(cell);
	free(w);
}

/* The overall verdict, then each rater's own when there are reviewers. */
static void
text_verdicts(struct strbuf *b, const struct report_role *rr)
{
	char *v = text_clean(rr->by.verdict, 0);

	strbuf_printf(b, "\nReadiness: %s\n", v);
	free(v);
	if (rr->by.nrev > 0) {
		v = text_clean(rr->by.self.rd.verdict, 0);
		strbuf_printf(b, "  self: %s\n", v);
		free(v);
	}
	for (size_t k = 0; k < rr->by.nrev; k++) {
		char *who = text_clean(rr->by.rev[k].rater, 0);
		v = text_clean(rr->by.rev[k].rd.verdict, 0);
		strbuf_printf(b, "  %s: %s\n", who, v);
		free(who);
		free(v);
	}
	strbuf_printf(b, "%s\n", READINESS_DISCLAIMER);
}

static void
text_role(struct strbuf *b, const struct report_role *rr)
{
	const struct role *r = rr->role;
	const char *group = NULL;
	char *title = text_clean(r->title, 0), *id = text_clean(r->id, 0), *head;
	size_t nevidence = b->len;

	head = xasprintf("%s (%s)", title, id);
	strbuf_printf(b, "\n%s\n", head);
	for (int i = width_of(head); i > 0; i--)
		strbuf_puts(b, "=");
	strbuf_puts(b, "\n\n");
	free(head);
	free(title);
	free(id);

	report_due_text(b, rr, false);
	{
		char *line = readiness_checklist_line(&rr->by.self.rd);
		strbuf_printf(b, "%s\n", line);
		free(line);
	}
	for (size_t i = 0; i < rr->cl.n; i++) {
		const struct checklist_entry *e = &rr->cl.v[i];
		const char *g = e->item->group;

		if (g != NULL && (group == NULL || strcmp(g, group) != 0)) {
			char *cg = text_clean(g, 0);
			strbuf_printf(b, "\n%s\n", cg);
			free(cg);
			group = g;
		} else if (i == 0) {
			strbuf_puts(b, "\n");
		}
		text_item(b, i + 1, e->done, e->item->text, e->rec, false, e->item->required);
	}
	if (rr->cl.nstale > 0) {
		strbuf_puts(b, "\nEarlier progress that no longer matches the content:\n");
		for (size_t k = 0; k < rr->cl.nstale; k++)
			text_item(b, 0, rr->cl.stale[k]->done, rr->cl.stale[k]->text,
				  rr->cl.stale[k], true, false);
	}

	strbuf_puts(b, "\n");
	if (r->nareas == 0)
		strbuf_puts(b, "Skill areas: none in this role\n");
	else
		text_scores(b, rr);
	report_uncounted_line(b, rr, "");
	text_verdicts(b, rr);
	report_trend_text(b, rr);

	strbuf_puts(b, "\nEvidence:\n");
	nevidence = b->len;
	report_each_evidence(rr, text_evidence, b);
	report_each_step_evidence(rr, text_step_evidence, b);
	if (b->len == nevidence)
		strbuf_puts(b, "  no notes yet\n");
}

/* ---- choosing the roles ---- */

/* The roles to report, loaded: those with records of the profile, by id,
 * or every role of cat when there are none.  Roles with records that cat
 * lacks or cannot load go to *skip. */
static enum store_status
report_roles(struct store *st, struct catalog *cat, const char *profile, struct role ***roles,
	     size_t *nroles, struct report_skipped **skip, size_t *nskip)
{
	struct store_progress *p;
	size_t n, scap = 0;
	bool any = false;
	enum store_status s = store_profiles_list(st, &p, &n);

	*roles = xcalloc(cat->n + 1, sizeof **roles);
	*nroles = 0;
	*skip = NULL;
	*nskip = 0;
	if (s != STORE_OK)
		return s;
	for (size_t i = 0; i < n; i++) {
		struct role *r;
		if (strcmp(p[i].profile, profile) != 0 || p[i].role == NULL)
			continue;
		any = true;
		r = catalog_find(cat, p[i].role);
		if (r != NULL && role_load(r) == 0) {
			(*roles)[(*nroles)++] = r;
			continue;
		}
		*skip = xgrow(*skip, &scap, *nskip + 1, sizeof **skip);
		(*skip)[*nskip].id = xstrdup(p[i].role);
		(*skip)[*nskip].reason = r == NULL ? xstrdup("not in the handbook")
						   : xasprintf("does not load: %s", r->error);
		(*nskip)++;
	}
	store_progress_free(p, n);
	if (!any)
		for (size_t i = 0; i < cat->n; i++)
			if (role_load(cat->v[i]) == 0)
				(*roles)[(*nroles)++] = cat->v[i];
	return STORE_OK;
}

enum report_status
report_candidates(struct store *st, const char *role, char ***names, size_t *n, char **detail)
{
	struct store_progress *p;
	size_t np, cap = 0;
	enum store_status s = store_profiles_list(st, &p, &np);

	*names = NULL;
	*n = 0;
	if (s != STORE_OK) {
		xreplacef(detail, "cannot list the profiles: %s", store_strerror(s));
		return REPORT_ERR_STORE;
	}
	/* sorted by profile then role: a profile's rows are together */
	for (size_t i = 0; i < np; i++) {
		if (p[i].role == NULL || (role != NULL && strcmp(p[i].role, role) != 0))
			continue;
		if (*n > 0 && strcmp((*names)[*n - 1], p[i].profile) == 0)
			continue;
		*names = xgrow(*names, &cap, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrdup(p[i].profile);
	}
	store_progress_free(p, np);
	if (*n == 0) {
		char *r = role ? text_clean(role, 0) : NULL;
		if (r != NULL)
			xreplacef(detail, "no profile in the database has records of %s", r);
		else
			xreplacef(detail, "the database holds no profiles yet");
		free(r);
		return REPORT_ERR_NOPROFILE;
	}
	return REPORT_OK;
}

void
report_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

enum report_status
report_known_profile(struct store *st, const char *profile, char **detail)
{
	struct store_progress *p;
	size_t n;
	int64_t id;
	enum store_status s = store_profile(st, profile, false, 0, &id);
	struct strbuf b = {0};
	char *who;

	if (s == STORE_OK)
		return REPORT_OK;
	if (s != STORE_ERR_NOTFOUND || (s = store_profiles_list(st, &p, &n)) != STORE_OK) {
		xreplacef(detail, "cannot read the profiles: %s", store_strerror(s));
		return REPORT_ERR_STORE;
	}
	who = text_clean(profile, 0);
	strbuf_printf(&b, "no profile '%s' in the database; ", who);
	for (size_t i = 0, k = 0; i < n; i++) {
		char *c;
		if (i > 0 && strcmp(p[i].profile, p[i - 1].profile) == 0)
			continue;
		c = text_clean(p[i].profile, 0);
		strbuf_printf(&b, "%s%s", k++ == 0 ? "known profiles: " : ", ", c);
		free(c);
	}
	if (n == 0)
		strbuf_puts(&b, "it holds no profiles yet");
	xreplacef(detail, "%s", b.s);
	free(b.s);
	store_progress_free(p, n);
	free(who);
	return REPORT_ERR_NOPROFILE;
}

enum report_status
report_many(struct store *st, struct catalog *cat, char *const *profiles, size_t n,
	    struct role *only, enum report_format format, char **out, char **detail)
{
	struct strbuf b = {0};
	json_t *doc = NULL, *reports = NULL;
	enum report_status s = REPORT_OK;

	*out = NULL;
	if (format == REPORT_JSON) {
		doc = json_object();
		reports = json_array();
		jsonout_set(doc, "format", json_string(REPORT_FORMAT "s"));
		jsonout_set(doc, "version", json_integer(REPORT_VERSION));
		jsonout_set(doc, "reports", reports);
	}
	for (size_t i = 0; i < n && s == REPORT_OK; i++) {
		char *one = NULL;
		if ((s = report_profile(st, cat, profiles[i], only, format, &one, detail)) !=
		    REPORT_OK)
			break;
		if (doc != NULL)
			jsonout_push(reports, json_loads(one, 0, NULL));
		else
			strbuf_printf(&b, "%s%s", i > 0 ? "\n" : "", one);
		free(one);
	}
	if (s != REPORT_OK) {
		json_decref(doc);
		free(b.s);
		return s;
	}
	if (doc != NULL) {
		*out = jsonout_dump(doc);
		json_decref(doc);
	} else {
		*out = strbuf_take(&b);
	}
	return REPORT_OK;
}

enum report_status
report_profile(struct store *st, struct catalog *cat, const char *profile, struct role *only,
	       enum report_format format, char **out, char **detail)
{
	struct role **roles = NULL;
	struct report_skipped *skip = NULL;
	size_t nroles = 0, nskip = 0;
	struct strbuf b = {0};
	json_t *doc = NULL, *jroles = NULL;
	char *who = text_clean(profile, 0);
	enum store_status s = STORE_OK;
	enum report_status known;

	*out = NULL;
	assert(format != REPORT_ISSUE);
	if ((known = report_known_profile(st, profile, detail)) != REPORT_OK) {
		free(who);
		return known;
	}
	if (only != NULL) {
		if (role_load(only) != 0) {
			xreplacef(detail, "%s", only->error);
			free(who);
			return REPORT_ERR_INVALID;
		}
		roles = xcalloc(1, sizeof *roles);
		roles[nroles++] = only;
	} else if ((s = report_roles(st, cat, profile, &roles, &nroles, &skip, &nskip)) !=
		   STORE_OK) {
		xreplacef(detail, "cannot read the records of %s: %s", who, store_strerror(s));
		free(roles);
		free(who);
		return REPORT_ERR_STORE;
	}

	if (format == REPORT_TEXT) {
		strbuf_printf(&b, "Readiness report for %s\n", who);
	} else if (format == REPORT_MARKDOWN) {
		strbuf_puts(&b, "# Readiness report: ");
		report_md_text(&b, profile);
		strbuf_puts(&b, "\n");
	} else {
		doc = report_json_doc(profile);
		jroles = json_array();
	}
	for (size_t i = 0; i < nroles && s == STORE_OK; i++) {
		struct report_role rr;

		s = report_role_load(&rr, st, profile, roles[i]);
		if (s != STORE_OK)
			xreplacef(detail, "cannot read the records of %s for %s: %s", who,
				  roles[i]->id, store_strerror(s));
		else if (format == REPORT_TEXT)
			text_role(&b, &rr);
		else if (format == REPORT_MARKDOWN)
			report_md_role(&b, &rr);
		else
			jsonout_push(jroles, report_json_role(&rr));
		report_role_done(&rr);
	}
	if (format == REPORT_JSON) {
		jsonout_set(doc, "roles", jroles);
		jsonout_set(doc, "not_reported", report_json_skipped(skip, nskip));
	} else if (nskip > 0) {
		strbuf_puts(&b, format == REPORT_TEXT
				    ? "\nNot reported (records kept):\n"
				    : "\n## Not reported\n\nRoles with records that this report "
				      "leaves out:\n\n");
		for (size_t k = 0; k < nskip; k++) {
			if (format == REPORT_TEXT) {
				char *id = text_clean(skip[k].id, 0),
				     *why = text_clean(skip[k].reason, 0);
				strbuf_printf(&b, "  %s: %s\n", id, why);
				free(id);
				free(why);
			} else {
				strbuf_puts(&b, "- ");
				report_md_text(&b, skip[k].id);
				strbuf_puts(&b, ": ");
				report_md_text(&b, skip[k].reason);
				strbuf_puts(&b, "\n");
			}
		}
	}
	for (size_t k = 0; k < nskip; k++) {
		free(skip[k].id);
		free(skip[k].reason);
	}
	free(skip);
	free(roles);
	free(who);
	if (s != STORE_OK) {
		json_decref(doc);
		free(b.s);
		return REPORT_ERR_STORE;
	}
	if (doc != NULL) {
		*out = jsonout_dump(doc);
		json_decref(doc);
	} else {
		*out = strbuf_take(&b);
	}
	return REPORT_OK;
}
