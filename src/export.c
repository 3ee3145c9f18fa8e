/*
 * export.c - the JSON export of a profile's records (see export.h); the
 * import is export_check.c (checking) and export_apply.c (applying), the
 * command-line glue cli_export.c.  Nothing here prints.
 *
 * Invariants:
 *
 * - Every string that reaches an export goes through text_sanitize() first
 *   (jsonout.h), whatever its source: the database may hold text written
 *   by an older rolebook or by hand.
 * - Output is deterministic: roles by id, records in the store's order
 *   (items by item_id, ratings by rater then statement_id, snapshots by
 *   taken_at), content in document order, JSON keys sorted.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "export.h"
#include "files.h"
#include "jsonout.h"
#include "text.h"
#include "xalloc.h"

/* clang-format off */
static const char *const messages[] = {
	[EXPORT_OK] = "success",
	[EXPORT_ERR_IO] = "cannot read or write the file",
	[EXPORT_ERR_TOO_LARGE] = "the file is too large to be an export",
	[EXPORT_ERR_TOO_DEEP] = "the file nests too deeply to be an export",
	[EXPORT_ERR_PARSE] = "the file is not valid JSON",
	[EXPORT_ERR_FORMAT] = "the file is not a rolebook export",
	[EXPORT_ERR_VERSION] = "the export was made by a newer rolebook",
	[EXPORT_ERR_SCHEMA] = "the export has a missing or invalid field",
	[EXPORT_ERR_NOTFOUND] = "no such profile in the database",
	[EXPORT_ERR_STORE] = "the database refused the change",
	[EXPORT_ERR_INVALID] = "invalid argument",
	[EXPORT_ERR_SIGNATURE] = "the signature does not verify; nothing was changed",
};
/* clang-format on */

const char *
export_strerror(enum export_status status)
{
	if ((unsigned)status >= sizeof messages / sizeof messages[0] || messages[status] == NULL)
		return "unknown error";
	return messages[status];
}

/* ==== export ==== */

/* The content of one role: every item and statement, in document order. */
static json_t *
json_content(const struct role *r)
{
	json_t *c = json_object(), *items = json_array(), *stmts = json_array();

	for (size_t i = 0; r != NULL && i < r->nitems; i++) {
		json_t *o = json_object();
		jsonout_set(o, "id", jsonout_text(r->items[i].id, 0));
		jsonout_set(o, "text", jsonout_text(r->items[i].text, 0));
		jsonout_push(items, o);
	}
	for (size_t i = 0; r != NULL && i < r->nstmts; i++) {
		json_t *o = json_object();
		jsonout_set(o, "id", jsonout_text(r->stmts[i].id, 0));
		jsonout_set(o, "area", jsonout_text(r->areas[r->stmts[i].area].name, 0));
		jsonout_set(o, "text", jsonout_text(r->stmts[i].text, 0));
		jsonout_push(stmts, o);
	}
	jsonout_set(c, "items", items);
	if (r != NULL && r->noff_items > 0) { /* read by people, not by the import */
		json_t *off = json_array();
		for (size_t i = 0; i < r->noff_items; i++) {
			json_t *o = json_object();
			jsonout_set(o, "id", jsonout_text(r->off_items[i].id, 0));
			jsonout_set(o, "text", jsonout_text(r->off_items[i].text, 0));
			jsonout_push(off, o);
		}
		jsonout_set(c, "offboarding", off);
	}
	jsonout_set(c, "statements", stmts);
	return c;
}

/* A rating as the export writes it; with_rater false inside a snapshot. */
static json_t *
json_rating(const struct store_rating *rt, bool with_rater)
{
	json_t *o = json_object();

	if (with_rater)
		jsonout_set(o, "rater", jsonout_text(rt->rater, 0));
	jsonout_set(o, "statement_id", jsonout_text(rt->statement_id, 0));
	jsonout_set(o, "area", jsonout_text(rt->area, 0));
	jsonout_set(o, "text", jsonout_text(rt->text, 0));
	jsonout_set(o, "value", json_integer(rt->value));
	jsonout_set(o, "note", jsonout_note(rt->note));
	jsonout_set(o, "updated_at", json_integer(rt->updated_at));
	return o;
}

/* "appointment": {"day", "updated_at"} of (profile, role), when there is one. */
static enum store_status
export_appointment(struct store *st, const char *profile, const char *role, json_t *o)
{
	struct store_appointment *a;
	size_t n;
	enum store_status s = store_appointments_list(st, profile, &a, &n);
	char day[DATES_MAX];

	for (size_t i = 0; i < n && s == STORE_OK; i++)
		if (strcmp(a[i].role, role) == 0) {
			json_t *x = json_object();
			jsonout_set(x, "day", json_string(dates_day_format(a[i].day, day)));
			jsonout_set(x, "updated_at", json_integer(a[i].updated_at));
			jsonout_set(o, "appointment", x);
		}
	store_appointments_free(a, n);
	return s;
}

/* Every record of (profile, role id) into o; with rater, only that
 * reviewer's ratings and snapshots, and not the ratings an unsigned file
 * brought in the reviewer's name (a review is signed as the reviewer's
 * own: it must not pass on a claim no one proved), nor, then, the
 * snapshots (they keep no origin to tell theirs apart). */
static enum store_status
export_records(struct store *st, const char *profile, const char *id, const char *rater, json_t *o)
{
	struct store_item *it = NULL;
	struct store_rating *rt = NULL;
	struct store_snapshot *sn = NULL;
	size_t nit = 0, nrt = 0, nsn = 0;
	json_t *cl = json_array(), *ra = json_array(), *sa = json_array();
	char *section = NULL;
	int line = 0;
	enum store_status s;

	jsonout_set(o, "checklist", cl);
	jsonout_set(o, "ratings", ra);
	jsonout_set(o, "snapshots", sa);
	if ((rater == NULL && (s = store_items_get(st, profile, id, &it, &nit)) != STORE_OK) ||
	    (s = store_ratings_get(st, profile, id, rater, &rt, &nrt)) != STORE_OK ||
	    (s = store_snapshots_get(st, profile, id, rater, &sn, &nsn)) != STORE_OK)
		goto out;
	for (size_t i = 0; i < nit; i++) {
		json_t *x = json_object();
		jsonout_set(x, "item_id", jsonout_text(it[i].item_id, 0));
		jsonout_set(x, "text", jsonout_text(it[i].text, 0));
		jsonout_set(x, "done", json_boolean(it[i].done));
		jsonout_set(x, "done_at", json_integer(it[i].done ? it[i].done_at : 0));
		jsonout_set(x, "note", jsonout_note(it[i].note));
		jsonout_set(x, "updated_at", json_integer(it[i].updated_at));
		jsonout_push(cl, x);
	}
	for (size_t i = 0; i < nrt; i++)
		if (rater == NULL || rt[i].origin != STORE_UNVERIFIED)
			jsonout_push(ra, json_rating(&rt[i], true));
	/* a snapshot keeps no origin: none when any rating was left out */
	for (size_t i = 0; i < nsn && (rater == NULL || json_array_size(ra) == nrt); i++) {
		json_t *x = json_object(), *rs = json_array();
		jsonout_set(x, "rater", jsonout_text(sn[i].rater, 0));
		jsonout_set(x, "taken_at", json_integer(sn[i].taken_at));
		for (size_t k = 0; k < sn[i].nratings; k++)
			jsonout_push(rs, json_rating(&sn[i].ratings[k], false));
		jsonout_set(x, "ratings", rs);
		jsonout_push(sa, x);
	}
	s = rater == NULL ? store_position_get(st, profile, id, &section, &line)
			  : STORE_ERR_NOTFOUND;
	if (s == STORE_OK) {
		json_t *x = json_object();
		jsonout_set(x, "section", jsonout_text(section, 0));
		jsonout_set(x, "line", json_integer(line));
		jsonout_set(o, "position", x);
	} else if (s == STORE_ERR_NOTFOUND) {
		s = STORE_OK;
	}
	if (s == STORE_OK && rater == NULL)
		s = export_appointment(st, profile, id, o);
out:
	free(section);
	store_items_free(it, nit);
	store_ratings_free(rt, nrt);
	store_snapshots_free(sn, nsn);
	return s;
}

static enum export_status
build(struct store *st, struct catalog *cat, const char *profile, const char *rater, int64_t now,
      char **out, char **detail)
{
	struct store_progress *p = NULL;
	size_t n = 0;
	int64_t pid;
	json_t *doc, *roles;
	char when[DATES_MAX];
	enum store_status s;

	*out = NULL;
	s = store_profile(st, profile, false, 0, &pid);
	if (s == STORE_ERR_NOTFOUND || s == STORE_ERR_INVALID) {
		char *who = text_clean(profile, 0);
		xreplacef(detail, "no profile '%s' in the database", who);
		free(who);
		return EXPORT_ERR_NOTFOUND;
	}
	if (s == STORE_OK)
		s = store_records_list(st, &p, &n);
	if (s != STORE_OK) {
		xreplacef(detail, "cannot read the database: %s", store_strerror(s));
		return EXPORT_ERR_STORE;
	}
	doc = json_object();
	roles = json_array();
	dates_format(now, DATE_ISO_UTC, when);
	jsonout_set(doc, "format", json_string(EXPORT_FORMAT));
	jsonout_set(doc, "version", json_integer(EXPORT_VERSION));
	jsonout_set(doc, "exported_at", json_string(when));
	jsonout_set(doc, "profile", jsonout_text(profile, 0));
	if (rater != NULL)
		jsonout_set(doc, "reviews", jsonout_text(rater, 0));
	jsonout_set(doc, "roles", roles);
	for (size_t i = 0; i < n && s == STORE_OK; i++) {
		struct role *r;
		json_t *o;

		if (strcmp(p[i].profile, profile) != 0 || p[i].role == NULL)
			continue;
		r = catalog_find(cat, p[i].role);
		if (r != NULL && role_load(r) != 0)
			r = NULL;
		o = json_object();
		jsonout_set(o, "id", jsonout_text(p[i].role, 0));
		jsonout_set(o, "title", jsonout_text(r != NULL ? r->title : p[i].role, 0));
		jsonout_set(o, "content", json_content(r));
		s = export_records(st, profile, p[i].role, rater, o);
		if (rater != NULL && json_array_size(json_object_get(o, "ratings")) == 0 &&
		    json_array_size(json_object_get(o, "snapshots")) == 0)
			json_decref(o); /* no review of this role */
		else
			jsonout_push(roles, o);
	}
	store_progress_free(p, n);
	if (s != STORE_OK) {
		json_decref(doc);
		xreplacef(detail, "cannot read the database: %s", store_strerror(s));
		return EXPORT_ERR_STORE;
	}
	if (rater != NULL && json_array_size(roles) == 0) {
		char *who = text_clean(profile, 0), *by = text_clean(rater, 0);
		xreplacef(detail,
			  "%s has not rated %s in this database (ratings in %s's name from "
			  "unsigned files are not %s's to pass on)",
			  by, who, by, by);
		free(who);
		free(by);
		json_decref(doc);
		return EXPORT_ERR_NOTFOUND;
	}
	*out = jsonout_dump(doc);
	json_decref(doc);
	return EXPORT_OK;
}

enum export_status
export_profile(struct store *st, struct catalog *cat, const char *profile, int64_t now, char **out,
	       char **detail)
{
	return build(st, cat, profile, NULL, now, out, detail);
}

enum export_status
export_reviews(struct store *st, struct catalog *cat, const char *profile, const char *rater,
	       int64_t now, char **out, char **detail)
{
	if (rater == NULL || *rater == '\0') {
		xreplacef(detail, "a review export needs the reviewer's name (--reviewer NAME)");
		return EXPORT_ERR_INVALID;
	}
	return build(st, cat, profile, rater, now, out, detail);
}

enum export_status
export_write_file(const char *path, const char *data, size_t len, char **detail)
{
	const char *what = "create";
	int err = files_replace(path, data, len, &what);

	if (err != 0) {
		char *name = text_clean(path, 0);
		xreplacef(detail, "cannot %s %s: %s", what, name, strerror(err));
		free(name);
	}
	return err == 0 ? EXPORT_OK : EXPORT_ERR_IO;
}
