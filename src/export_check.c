/*
 * export_check.c - checking an untrusted import document.
 *
 * Turns JSON text into a struct export_doc, or refuses it with a message
 * that names the field: input nested deeper than EXPORT_MAX_DEPTH is
 * refused before jansson parses it; every field is checked for type and
 * range; names and ids that are not clean are refused; free text is
 * sanitised.  Nothing here touches a database or prints.
 */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "export_doc.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

void
export_doc_free(struct export_doc *d)
{
	for (size_t i = 0; i < d->nroles; i++) {
		struct export_doc_role *r = &d->roles[i];
		free(r->id);
		store_items_free(r->items, r->nitems);
		store_ratings_free(r->ratings, r->nratings);
		store_snapshots_free(r->snaps, r->nsnaps);
		free(r->section);
	}
	free(d->roles);
	free(d->profile);
	memset(d, 0, sizeof *d);
}

/*
 * Refuses input nested deeper than EXPORT_MAX_DEPTH before jansson sees it
 * (jansson has no depth option): counts [ and { outside strings.  Line and
 * column (in bytes, from 1) of the bracket too many go to *line, *col.
 */
static bool
depth_ok(const char *s, size_t len, size_t *line, size_t *col)
{
	int depth = 0;
	bool in_str = false, esc = false;
	size_t ln = 1, c = 0;

	for (size_t i = 0; i < len; i++) {
		char ch = s[i];

		if (ch == '\n') {
			ln++;
			c = 0;
		} else {
			c++;
		}
		if (in_str) {
			if (esc)
				esc = false;
			else if (ch == '\\')
				esc = true;
			else if (ch == '"')
				in_str = false;
		} else if (ch == '"') {
			in_str = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > EXPORT_MAX_DEPTH) {
				*line = ln;
				*col = c;
				return false;
			}
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
	}
	return true;
}

/* ---- checking fields ---- */

enum kind {
	K_ID,	   /* an item or statement id: [a-z0-9]{1,64} */
	K_ROLE,	   /* a role id, like a file stem */
	K_PROFILE, /* a profile name: 1..STORE_NAME_MAX bytes of clean text */
	K_RATER,   /* "" (self) or a reviewer name */
	K_TEXT,	   /* one line of text, sanitised */
	K_NOTE,	   /* null or text with newlines and tabs, sanitised; "" is null */
	K_SECTION, /* null or one line of text */
};

/* "path.key" ("key" at the top) and "path[i]"; new strings. */
static char *
at_key(const char *path, const char *key)
{
	return *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

static char *
at_index(const char *path, size_t i)
{
	return xasprintf("%s[%zu]", path, i);
}

/* Sets *detail to "path.key: message". */
static bool fail_at(char **detail, const char *path, const char *key, const char *fmt, ...)
    RB_PRINTF(4, 5);

static bool
fail_at(char **detail, const char *path, const char *key, const char *fmt, ...)
{
	char *where = key != NULL ? at_key(path, key) : xstrdup(path), *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	xreplacef(detail, "%s: %s", where, msg);
	free(where);
	free(msg);
	return false;
}

/* The member key of object obj, or NULL with *detail "path.key: missing". */
static json_t *
member(const json_t *obj, const char *path, const char *key, char **detail)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL)
		fail_at(detail, path, key, "missing");
	return v;
}

bool
export_plain(const char *s, size_t len)
{
	char *c;
	size_t clen;
	bool same;

	if (!text_is_clean(s, len) || memchr(s, '\n', len) != NULL || memchr(s, '\t', len) != NULL)
		return false;
	c = text_sanitize(s, len, 0, &clen);
	same = clen == len && memcmp(c, s, len) == 0;
	free(c);
	return same;
}

/* A role id's shape (content.h): names joined by '/' ("chair",
 * "sig-a/README"), or a full path ("/home/me/x.md"); no part empty or
 * starting with '.' (no "..": an id names no file outside its folder). */
static bool
role_id_path(const char *s, size_t len)
{
	size_t i = s[0] == '/' && len > 1 ? 1 : 0;

	for (size_t part = i; i <= len; i++)
		if (i == len || s[i] == '/') {
			if (i == part || s[part] == '.')
				return false;
			part = i + 1;
		}
	return true;
}

static bool
id_chars(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* Reads obj.key as a string of the given kind into *out (a new string, or
 * NULL for a null note or section). */
static bool
get_text(const json_t *obj, const char *path, const char *key, enum kind kind, char **out,
	 char **detail)
{
	json_t *v = member(obj, path, key, detail);
	const char *s;
	size_t len;
	bool nullable = kind == K_NOTE || kind == K_SECTION;

	*out = NULL;
	if (v == NULL)
		return false;
	if (nullable && json_is_null(v))
		return true;
	if (!json_is_string(v))
		return fail_at(detail, path, key,
			       nullable ? "must be a string or null" : "must be a string");
	s = json_string_value(v);
	len = json_string_length(v);
	switch (kind) {
	case K_ID:
		if (len < 1 || len > EXPORT_MAX_ID || !id_chars(s, len))
			return fail_at(detail, path, key,
				       "must be an id of 1 to %d characters a-z and 0-9",
				       EXPORT_MAX_ID);
		break;
	case K_ROLE:
		if (len < 1 || len > EXPORT_MAX_ROLE_ID || !export_plain(s, len) ||
		    !role_id_path(s, len))
			return fail_at(detail, path, key,
				       "must be a role id (a file's path in its folder without "
				       ".md, or a full path): 1 to %d bytes, no empty part, "
				       "no part starting with '.', no control characters",
				       EXPORT_MAX_ROLE_ID);
		break;
	case K_PROFILE:
	case K_RATER:
		if (len > 0 && len <= STORE_NAME_MAX && strlen(s) == len &&
		    !export_name_ok(s, NULL)) {
			char *why = NULL;
			export_name_ok(s, &why);
			fail_at(detail, path, key, "%s", why);
			free(why);
			return false;
		}
		if ((kind == K_PROFILE && len < 1) || len > STORE_NAME_MAX || !export_plain(s, len))
			return fail_at(detail, path, key,
				       "must be %s of %s to %d bytes without control characters",
				       kind == K_PROFILE ? "a name"
							 : "\"\" (self) or a reviewer name",
				       kind == K_PROFILE ? "1" : "up", STORE_NAME_MAX);
		if (len > 0 && !export_name_ok(s, NULL)) {
			char *why = NULL;
			export_name_ok(s, &why);
			fail_at(detail, path, key, "%s", why);
			free(why);
			return false;
		}
		break;
	default:
		if (len > EXPORT_MAX_TEXT)
			return fail_at(detail, path, key, "must be at most %d bytes long",
				       EXPORT_MAX_TEXT);
		break;
	}
	if (kind == K_NOTE && len == 0)
		return true;
	*out =
	    text_sanitize(s, len, kind == K_NOTE ? TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS : 0, NULL);
	return true;
}

static bool
get_int(const json_t *obj, const char *path, const char *key, int64_t min, int64_t max,
	int64_t *out, char **detail)
{
	json_t *v = member(obj, path, key, detail);

	if (v == NULL)
		return false;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return fail_at(detail, path, key, "must be an integer from %lld to %lld%s",
			       (long long)min, (long long)max,
			       max == EXPORT_MAX_TIME ? " (a time in Unix seconds)" : "");
	*out = json_integer_value(v);
	return true;
}

/* The document being checked, for the latest time it carries (export_check
 * is not reentrant through this; it runs on one thread). */
static struct export_doc *checking;

static bool
get_time(const json_t *obj, const char *path, const char *key, int64_t *out, char **detail)
{
	if (!get_int(obj, path, key, BOUND_TIME_MIN, EXPORT_MAX_TIME, out, detail))
		return false;
	if (checking != NULL && *out > checking->latest) {
		char *where = at_key(path, key);
		checking->latest = *out;
		snprintf(checking->latest_at, sizeof checking->latest_at, "%s", where);
		free(where);
	}
	return true;
}

static bool
get_bool(const json_t *obj, const char *path, const char *key, bool *out, char **detail)
{
	json_t *v = member(obj, path, key, detail);

	if (v == NULL)
		return false;
	if (!json_is_boolean(v))
		return fail_at(detail, path, key, "must be true or false");
	*out = json_is_true(v);
	return true;
}

static const json_t *
get_array(const json_t *obj, const char *path, const char *key, char **detail)
{
	json_t *v = member(obj, path, key, detail);

	if (v != NULL && !json_is_array(v)) {
		fail_at(detail, path, key, "must be an array");
		return NULL;
	}
	return v;
}

static bool
want_object(const json_t *v, const char *path, char **detail)
{
	if (json_is_object(v))
		return true;
	return fail_at(detail, path, NULL, "must be an object");
}

/* Duplicate keys: entries sorted by (a, b), each with its index. */
struct key {
	const char *a, *b;
	size_t i;
};

static int
key_cmp(const void *x, const void *y)
{
	const struct key *p = x, *q = y;
	int c = strcmp(p->a, q->a);

	if (c == 0)
		c = strcmp(p->b, q->b);
	if (c == 0)
		c = p->i < q->i ? -1 : p->i > q->i;
	return c;
}

/* Refuses two of keys[0..n) with the same (a, b): "path[j].field: "a"
 * appears twice [for "b"] (also at path[i])". */
static bool
unique(struct key *keys, size_t n, const char *path, const char *field, char **detail)
{
	if (n > 1)
		qsort(keys, n, sizeof *keys, key_cmp);
	for (size_t k = 1; k < n; k++)
		if (strcmp(keys[k].a, keys[k - 1].a) == 0 &&
		    strcmp(keys[k].b, keys[k - 1].b) == 0) {
			char *where = xasprintf("%s[%zu]", path, keys[k].i);
			fail_at(detail, where, field,
				"\"%s\" appears twice%s%s%s (also at %s[%zu])", keys[k].a,
				*keys[k].b ? " for \"" : "", keys[k].b, *keys[k].b ? "\"" : "",
				path, keys[k - 1].i);
			free(where);
			return false;
		}
	return true;
}

/* ---- checking records ---- */

static bool
check_item(const json_t *v, const char *path, struct store_item *it, char **detail)
{
	return want_object(v, path, detail) &&
	       get_text(v, path, "item_id", K_ID, &it->item_id, detail) &&
	       get_text(v, path, "text", K_TEXT, &it->text, detail) &&
	       get_bool(v, path, "done", &it->done, detail) &&
	       get_time(v, path, "done_at", &it->done_at, detail) &&
	       get_text(v, path, "note", K_NOTE, &it->note, detail) &&
	       get_time(v, path, "updated_at", &it->updated_at, detail) &&
	       (it->done || it->done_at == 0 ||
		fail_at(detail, path, "done_at", "must be 0 when done is false")) &&
	       (!it->done || it->done_at > 0 ||
		fail_at(detail, path, "done_at", "must be the time it was done when done is true"));
}

/* A rating (in_snapshot: one of a snapshot's, without rater, valued 1..5). */
static bool
check_rating(const json_t *v, const char *path, bool in_snapshot, struct store_rating *rt,
	     char **detail)
{
	int64_t value = 0;

	if (!want_object(v, path, detail) ||
	    (!in_snapshot && !get_text(v, path, "rater", K_RATER, &rt->rater, detail)) ||
	    !get_text(v, path, "statement_id", K_ID, &rt->statement_id, detail) ||
	    !get_text(v, path, "area", K_TEXT, &rt->area, detail) ||
	    !get_text(v, path, "text", K_TEXT, &rt->text, detail) ||
	    !get_int(v, path, "value", in_snapshot ? BOUND_SNAPSHOT_RATING_MIN : BOUND_RATING_MIN,
		     BOUND_RATING_MAX, &value, detail) ||
	    !get_text(v, path, "note", K_NOTE, &rt->note, detail) ||
	    !get_time(v, path, "updated_at", &rt->updated_at, detail))
		return false;
	rt->value = (int)value;
	return true;
}

static bool
check_snapshot(const json_t *v, const char *path, struct store_snapshot *sn, char **detail)
{
	const json_t *ra;
	char *rpath;
	struct key *keys;
	bool ok = true;

	if (!want_object(v, path, detail) ||
	    !get_text(v, path, "rater", K_RATER, &sn->rater, detail) ||
	    !get_time(v, path, "taken_at", &sn->taken_at, detail) ||
	    (ra = get_array(v, path, "ratings", detail)) == NULL)
		return false;
	rpath = at_key(path, "ratings");
	sn->ratings = xcalloc(json_array_size(ra) + 1, sizeof *sn->ratings);
	keys = xcalloc(json_array_size(ra) + 1, sizeof *keys);
	for (size_t i = 0; i < json_array_size(ra) && ok; i++) {
		char *p = at_index(rpath, i);
		struct store_rating *rt = &sn->ratings[sn->nratings++];

		ok = check_rating(json_array_get(ra, i), p, true, rt, detail);
		rt->rater = xstrdup(sn->rater);
		if (ok)
			keys[i] = (struct key){rt->statement_id, "", i};
		free(p);
	}
	if (ok)
		ok = unique(keys, sn->nratings, rpath, "statement_id", detail);
	free(keys);
	free(rpath);
	return ok;
}

/* The content: checked, not stored (the database keeps no content). */
static bool
check_content(const json_t *obj, const char *path, char **detail)
{
	json_t *c = member(obj, path, "content", detail);
	char *cpath = at_key(path, "content");
	const char *lists[2] = {"items", "statements"};
	bool ok = c != NULL && want_object(c, cpath, detail);

	for (int l = 0; l < 2 && ok; l++) {
		const json_t *arr = get_array(c, cpath, lists[l], detail);
		char *lpath = at_key(cpath, lists[l]);

		ok = arr != NULL;
		for (size_t i = 0; ok && i < json_array_size(arr); i++) {
			const json_t *v = json_array_get(arr, i);
			char *p = at_index(lpath, i), *id = NULL, *area = NULL, *text = NULL;

			ok = want_object(v, p, detail) && get_text(v, p, "id", K_ID, &id, detail) &&
			     (l == 0 || get_text(v, p, "area", K_TEXT, &area, detail)) &&
			     get_text(v, p, "text", K_TEXT, &text, detail);
			free(id);
			free(area);
			free(text);
			free(p);
		}
		free(lpath);
	}
	free(cpath);
	return ok;
}

static bool
check_position(const json_t *obj, const char *path, struct export_doc_role *r, char **detail)
{
	const json_t *v = json_object_get(obj, "position");
	char *p;
	int64_t line = 0;
	bool ok;

	if (v == NULL || json_is_null(v))
		return true;
	p = at_key(path, "position");
	ok = want_object(v, p, detail) &&
	     get_text(v, p, "section", K_SECTION, &r->section, detail) &&
	     get_int(v, p, "line", BOUND_LINE_MIN, BOUND_LINE_MAX, &line, detail);
	free(p);
	r->has_position = ok;
	r->line = (int)line;
	return ok;
}

/* "appointment": {"day": "YYYY-MM-DD", "updated_at": N}, optional. */
static bool
check_appointment(const json_t *obj, const char *path, struct export_doc_role *r, char **detail)
{
	const json_t *v = json_object_get(obj, "appointment");
	char *p, *day = NULL;
	bool ok;

	if (v == NULL || json_is_null(v))
		return true;
	p = at_key(path, "appointment");
	ok = want_object(v, p, detail) && get_text(v, p, "day", K_TEXT, &day, detail) &&
	     get_time(v, p, "updated_at", &r->appointment_at, detail);
	if (ok && dates_day_parse(day, &r->appointment_day) != 0)
		ok = fail_at(detail, p, "day", "must be a calendar date, YYYY-MM-DD");
	free(day);
	free(p);
	r->has_appointment = ok;
	return ok;
}

static bool
check_role(const json_t *v, const char *path, struct export_doc_role *r, char **detail)
{
	const json_t *cl, *ra, *sn;
	char *title = NULL, *lp;
	struct key *keys;
	bool ok;

	ok = want_object(v, path, detail) && get_text(v, path, "id", K_ROLE, &r->id, detail) &&
	     get_text(v, path, "title", K_TEXT, &title, detail) && check_content(v, path, detail) &&
	     (cl = get_array(v, path, "checklist", detail)) != NULL &&
	     (ra = get_array(v, path, "ratings", detail)) != NULL &&
	     (sn = get_array(v, path, "snapshots", detail)) != NULL &&
	     check_position(v, path, r, detail) && check_appointment(v, path, r, detail);
	free(title);
	if (!ok)
		return false;

	lp = at_key(path, "checklist");
	r->items = xcalloc(json_array_size(cl) + 1, sizeof *r->items);
	keys = xcalloc(json_array_size(cl) + 1, sizeof *keys);
	for (size_t i = 0; i < json_array_size(cl) && ok; i++) {
		char *p = at_index(lp, i);
		ok = check_item(json_array_get(cl, i), p, &r->items[r->nitems++], detail);
		keys[i] = (struct key){r->items[i].item_id, "", i};
		free(p);
	}
	ok = ok && unique(keys, r->nitems, lp, "item_id", detail);
	free(keys);
	free(lp);

	lp = at_key(path, "ratings");
	r->ratings = xcalloc(json_array_size(ra) + 1, sizeof *r->ratings);
	keys = xcalloc(json_array_size(ra) + 1, sizeof *keys);
	for (size_t i = 0; i < json_array_size(ra) && ok; i++) {
		char *p = at_index(lp, i);
		ok = check_rating(json_array_get(ra, i), p, false, &r->ratings[r->nratings++],
				  detail);
		keys[i] = (struct key){r->ratings[i].statement_id, r->ratings[i].rater, i};
		free(p);
	}
	ok = ok && unique(keys, r->nratings, lp, "statement_id", detail);
	free(keys);
	free(lp);

	lp = at_key(path, "snapshots");
	r->snaps = xcalloc(json_array_size(sn) + 1, sizeof *r->snaps);
	for (size_t i = 0; i < json_array_size(sn) && ok; i++) {
		char *p = at_index(lp, i);
		ok = check_snapshot(json_array_get(sn, i), p, &r->snaps[r->nsnaps++], detail);
		free(p);
	}
	free(lp);
	return ok;
}

/* True for "YYYY-MM-DDTHH:MM:SSZ". */
static bool
iso_time_ok(const char *s)
{
	static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";

	for (size_t i = 0; i < sizeof pattern; i++)
		if (pattern[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pattern[i])
			return false;
	return true;
}

static enum export_status check_doc(const char *data, size_t len, struct export_doc *d,
				    char **detail);

enum export_status
export_check(const char *data, size_t len, struct export_doc *d, char **detail)
{
	enum export_status s;

	memset(d, 0, sizeof *d);
	checking = d;
	s = check_doc(data, len, d, detail);
	checking = NULL;
	return s;
}

static enum export_status
check_doc(const char *data, size_t len, struct export_doc *d, char **detail)
{
	json_error_t err;
	json_t *root, *v;
	const json_t *roles = NULL;
	size_t line, col;
	struct key *keys;
	char *when = NULL;
	int64_t version;
	enum export_status status = EXPORT_ERR_SCHEMA;
	bool ok;

	if (len > EXPORT_MAX_BYTES) {
		xreplacef(detail, "larger than %u bytes (16 MiB); an export is never that large",
			  EXPORT_MAX_BYTES);
		return EXPORT_ERR_TOO_LARGE;
	}
	if (!depth_ok(data, len, &line, &col)) {
		xreplacef(detail, "line %zu, column %zu: nested deeper than %d levels", line, col,
			  EXPORT_MAX_DEPTH);
		return EXPORT_ERR_TOO_DEEP;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		char *why = text_clean(err.text, 0);
		xreplacef(detail, "not valid JSON: line %d, column %d: %s", err.line, err.column,
			  why);
		free(why);
		return EXPORT_ERR_PARSE;
	}
	if (!json_is_object(root)) {
		xreplacef(detail, "not a rolebook export: the top level is not an object");
		json_decref(root);
		return EXPORT_ERR_FORMAT;
	}
	v = json_object_get(root, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v), EXPORT_FORMAT) != 0) {
		char *found = json_is_string(v) ? text_clean(json_string_value(v), 0) : NULL;
		if (found != NULL && strlen(found) > 60)
			strcpy(found + 57, "...");
		xreplacef(detail, "not a rolebook export: format is %s%s%s, expected \"%s\"%s",
			  found ? "\"" : "",
			  found ? found
			  : v	? "not a string"
				: "missing",
			  found ? "\"" : "", EXPORT_FORMAT,
			  found && strcmp(found, REPORT_FORMAT) == 0
			      ? " (a report cannot be imported; use 'rolebook export')"
			      : "");
		free(found);
		json_decref(root);
		return EXPORT_ERR_FORMAT;
	}
	if (!get_int(root, "", "version", 1, INT32_MAX, &version, detail)) {
		json_decref(root);
		return EXPORT_ERR_SCHEMA;
	}
	if (version > EXPORT_VERSION) {
		xreplacef(detail,
			  "made by a newer rolebook (format version %lld); this one reads "
			  "version %d",
			  (long long)version, EXPORT_VERSION);
		json_decref(root);
		return EXPORT_ERR_VERSION;
	}
	ok = get_text(root, "", "exported_at", K_TEXT, &when, detail) &&
	     get_text(root, "", "profile", K_PROFILE, &d->profile, detail) &&
	     (roles = get_array(root, "", "roles", detail)) != NULL;
	if (ok && !iso_time_ok(when))
		ok = fail_at(detail, "", "exported_at",
			     "must be a UTC time like \"2026-11-23T10:00:00Z\"");
	if (ok) {
		struct tm tm = {0};
		strptime(when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		d->exported_at = (int64_t)timegm(&tm);
		if (d->exported_at > d->latest) {
			d->latest = d->exported_at;
			snprintf(d->latest_at, sizeof d->latest_at, "exported_at");
		}
	}
	free(when);
	if (ok) {
		d->roles = xcalloc(json_array_size(roles) + 1, sizeof *d->roles);
		keys = xcalloc(json_array_size(roles) + 1, sizeof *keys);
		for (size_t i = 0; i < json_array_size(roles) && ok; i++) {
			char *p = at_index("roles", i);
			ok =
			    check_role(json_array_get(roles, i), p, &d->roles[d->nroles++], detail);
			keys[i] = (struct key){d->roles[i].id != NULL ? d->roles[i].id : "", "", i};
			free(p);
		}
		ok = ok && unique(keys, d->nroles, "roles", "id", detail);
		free(keys);
	}
	json_decref(root);
	if (ok)
		return EXPORT_OK;
	export_doc_free(d);
	return status;
}
