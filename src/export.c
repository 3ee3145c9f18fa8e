/*
 * export.c - the JSON export of a profile's records and its import; no
 * terminal (see export.h).
 *
 * Invariants:
 *
 * - Every string that reaches an export goes through text_sanitize() first
 *   (jsonout.h), whatever its source: the database may hold text written
 *   by an older rolebook or by hand.
 * - Output is deterministic: roles by id, records in the store's order
 *   (items by item_id, ratings by rater then statement_id, snapshots by
 *   taken_at), content in document order, JSON keys sorted.
 * - An import is checked whole into C records (struct doc) before the
 *   database is touched, then applied in one transaction; a refused
 *   document leaves the database exactly as it was.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "jsonout.h"
#include "report.h"
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
};
/* clang-format on */

const char *
export_strerror(enum export_status status)
{
	if ((unsigned)status >= sizeof messages / sizeof messages[0] || messages[status] == NULL)
		return "unknown error";
	return messages[status];
}

/* ISO 8601 UTC, "2026-11-23T10:00:00Z", into buf (32 bytes). */
static void
iso_time(int64_t t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || gmtime_r(&tt, &tm) == NULL) {
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
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

/* Every record of (profile, role id) into o. */
static enum store_status
export_records(struct store *st, const char *profile, const char *id, json_t *o)
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
	if ((s = store_items_get(st, profile, id, &it, &nit)) != STORE_OK ||
	    (s = store_ratings_get(st, profile, id, NULL, &rt, &nrt)) != STORE_OK ||
	    (s = store_snapshots_get(st, profile, id, NULL, &sn, &nsn)) != STORE_OK)
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
		jsonout_push(ra, json_rating(&rt[i], true));
	for (size_t i = 0; i < nsn; i++) {
		json_t *x = json_object(), *rs = json_array();
		jsonout_set(x, "rater", jsonout_text(sn[i].rater, 0));
		jsonout_set(x, "taken_at", json_integer(sn[i].taken_at));
		for (size_t k = 0; k < sn[i].nratings; k++)
			jsonout_push(rs, json_rating(&sn[i].ratings[k], false));
		jsonout_set(x, "ratings", rs);
		jsonout_push(sa, x);
	}
	s = store_position_get(st, profile, id, &section, &line);
	if (s == STORE_OK) {
		json_t *x = json_object();
		jsonout_set(x, "section", jsonout_text(section, 0));
		jsonout_set(x, "line", json_integer(line));
		jsonout_set(o, "position", x);
	} else if (s == STORE_ERR_NOTFOUND) {
		s = STORE_OK;
	}
out:
	free(section);
	store_items_free(it, nit);
	store_ratings_free(rt, nrt);
	store_snapshots_free(sn, nsn);
	return s;
}

enum export_status
export_profile(struct store *st, struct catalog *cat, const char *profile, int64_t now, char **out,
	       char **detail)
{
	struct store_progress *p = NULL;
	size_t n = 0;
	int64_t pid;
	json_t *doc, *roles;
	char when[32];
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
	iso_time(now, when);
	jsonout_set(doc, "format", json_string(EXPORT_FORMAT));
	jsonout_set(doc, "version", json_integer(EXPORT_VERSION));
	jsonout_set(doc, "exported_at", json_string(when));
	jsonout_set(doc, "profile", jsonout_text(profile, 0));
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
		s = export_records(st, profile, p[i].role, o);
		jsonout_push(roles, o);
	}
	store_progress_free(p, n);
	if (s != STORE_OK) {
		json_decref(doc);
		xreplacef(detail, "cannot read the database: %s", store_strerror(s));
		return EXPORT_ERR_STORE;
	}
	*out = jsonout_dump(doc);
	json_decref(doc);
	return EXPORT_OK;
}

enum export_status
export_write_file(const char *path, const char *data, size_t len, char **detail)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".")
				  : xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, slash != NULL ? slash + 1 : path);
	const char *what = "create";
	int fd, dfd, err = 0;
	size_t off = 0;

	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
	} else {
		what = "write";
		if (fchmod(fd, 0600) != 0)
			err = errno;
		while (err == 0 && off < len) {
			ssize_t w = write(fd, data + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				err = errno;
			else
				off += (size_t)w;
		}
		if (err == 0 && fsync(fd) != 0)
			err = errno;
		if (close(fd) != 0 && err == 0)
			err = errno;
		if (err == 0) {
			what = "replace";
			if (rename(tmp, path) != 0)
				err = errno;
		}
		if (err != 0)
			unlink(tmp);
	}
	if (err == 0 && (dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		/* The rename is durable once the folder is synced. */
		fsync(dfd);
		close(dfd);
	}
	if (err != 0) {
		char *name = text_clean(fd < 0 ? tmp : path, 0);
		xreplacef(detail, "cannot %s %s: %s", what, name, strerror(err));
		free(name);
	}
	free(tmp);
	free(dir);
	return err == 0 ? EXPORT_OK : EXPORT_ERR_IO;
}

/* ==== import ==== */

struct doc_role {
	char *id;
	struct store_item *items;
	size_t nitems;
	struct store_rating *ratings;
	size_t nratings;
	struct store_snapshot *snaps;
	size_t nsnaps;
	bool has_position;
	char *section;
	int line;
};

struct doc {
	char *profile;
	struct doc_role *roles;
	size_t nroles;
};

static void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->nroles; i++) {
		struct doc_role *r = &d->roles[i];
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
	K_PROFILE, /* a profile name: 1..200 bytes of clean text */
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

/* True when s is clean one-line text that sanitising leaves as it is. */
static bool
plain(const char *s, size_t len)
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
		if (len < 1 || len > EXPORT_MAX_ROLE_ID || !plain(s, len) || s[0] == '.' ||
		    memchr(s, '/', len) != NULL)
			return fail_at(detail, path, key,
				       "must be a role id (a file name without .md): 1 to %d "
				       "bytes, no '/', no leading '.', no control characters",
				       EXPORT_MAX_ROLE_ID);
		break;
	case K_PROFILE:
	case K_RATER:
		if ((kind == K_PROFILE && len < 1) || len > EXPORT_MAX_NAME || !plain(s, len))
			return fail_at(detail, path, key,
				       "must be %s of %s to %d bytes without control characters",
				       kind == K_PROFILE ? "a name"
							 : "\"\" (self) or a reviewer name",
				       kind == K_PROFILE ? "1" : "up", EXPORT_MAX_NAME);
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

static bool
get_time(const json_t *obj, const char *path, const char *key, int64_t *out, char **detail)
{
	return get_int(obj, path, key, 0, EXPORT_MAX_TIME, out, detail);
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
	    !get_int(v, path, "value", in_snapshot ? 1 : 0, 5, &value, detail) ||
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
check_position(const json_t *obj, const char *path, struct doc_role *r, char **detail)
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
	     get_int(v, p, "line", 0, INT32_MAX, &line, detail);
	free(p);
	r->has_position = ok;
	r->line = (int)line;
	return ok;
}

static bool
check_role(const json_t *v, const char *path, struct doc_role *r, char **detail)
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
	     check_position(v, path, r, detail);
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

/* Parses and checks a whole document into d; nothing is written. */
static enum export_status
check_doc(const char *data, size_t len, struct doc *d, char **detail)
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

	memset(d, 0, sizeof *d);
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
	doc_free(d);
	return status;
}

/* ---- applying ---- */

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
item_cmp(const void *x, const void *y)
{
	return strcmp(((const struct store_item *)x)->item_id,
		      ((const struct store_item *)y)->item_id);
}

static int
rating_cmp(const void *x, const void *y)
{
	const struct store_rating *p = x, *q = y;
	int c = strcmp(p->rater, q->rater);

	return c != 0 ? c : strcmp(p->statement_id, q->statement_id);
}

/* The merge rule for one record: import when the database has none or an
 * older one; count a kept one that differs. */
static bool
newer(bool exists, int64_t local, int64_t imported, bool differs, struct export_counts *c)
{
	if (!exists || imported > local) {
		c->changed++;
		return true;
	}
	if (differs)
		c->kept++;
	return false;
}

static enum store_status
apply_items(struct store *st, const char *profile, const struct doc_role *r,
	    struct export_counts *c)
{
	struct store_item *have = NULL;
	size_t nhave = 0;
	enum store_status s = store_items_get(st, profile, r->id, &have, &nhave);

	if (s != STORE_OK)
		return s;
	if (nhave > 0)
		qsort(have, nhave, sizeof *have, item_cmp);
	for (size_t i = 0; i < r->nitems && s == STORE_OK; i++) {
		const struct store_item *it = &r->items[i];
		const struct store_item *h =
		    nhave > 0 ? bsearch(it, have, nhave, sizeof *have, item_cmp) : NULL;
		bool differs =
		    h != NULL && (strcmp(h->text, it->text) != 0 || h->done != it->done ||
				  h->done_at != it->done_at || !same_str(h->note, it->note));

		if (!newer(h != NULL, h ? h->updated_at : 0, it->updated_at, differs, c))
			continue;
		/* done_at is the time of the first setter, updated_at of the last. */
		s = store_item_set_done(st, profile, r->id, it->item_id, it->text, it->done,
					it->done ? it->done_at : it->updated_at);
		if (s == STORE_OK)
			s = store_item_set_note(st, profile, r->id, it->item_id, it->text, it->note,
						it->updated_at);
	}
	store_items_free(have, nhave);
	return s;
}

static enum store_status
apply_ratings(struct store *st, const char *profile, const struct doc_role *r,
	      struct export_counts *c)
{
	struct store_rating *have = NULL;
	size_t nhave = 0;
	enum store_status s = store_ratings_get(st, profile, r->id, NULL, &have, &nhave);

	if (s != STORE_OK)
		return s;
	if (nhave > 0)
		qsort(have, nhave, sizeof *have, rating_cmp);
	for (size_t i = 0; i < r->nratings && s == STORE_OK; i++) {
		const struct store_rating *rt = &r->ratings[i];
		const struct store_rating *h =
		    nhave > 0 ? bsearch(rt, have, nhave, sizeof *have, rating_cmp) : NULL;
		bool differs =
		    h != NULL && (h->value != rt->value || strcmp(h->area, rt->area) != 0 ||
				  strcmp(h->text, rt->text) != 0 || !same_str(h->note, rt->note));

		if (!newer(h != NULL, h ? h->updated_at : 0, rt->updated_at, differs, c))
			continue;
		/* The note first, so that a rating with a note but no value is
		 * never pruned on the way. */
		s = store_rating_set_note(st, profile, r->id, rt->rater, rt->statement_id, rt->area,
					  rt->text, rt->note, rt->updated_at);
		if (s == STORE_OK)
			s = store_rating_set(st, profile, r->id, rt->rater, rt->statement_id,
					     rt->area, rt->text, rt->value, rt->updated_at);
	}
	store_ratings_free(have, nhave);
	return s;
}

static enum store_status
count_snapshots(struct store *st, const char *profile, const char *role, size_t *n)
{
	struct store_snapshot *sn;
	enum store_status s = store_snapshots_get(st, profile, role, NULL, &sn, n);

	store_snapshots_free(sn, *n);
	return s;
}

static enum store_status
apply_role(struct store *st, const char *profile, const struct doc_role *r, int64_t now,
	   struct export_counts *c)
{
	enum store_status s;
	size_t before = 0, after = 0;
	char *section = NULL;
	int line = 0;

	s = apply_items(st, profile, r, c);
	if (s == STORE_OK)
		s = apply_ratings(st, profile, r, c);
	if (s == STORE_OK && r->nsnaps > 0) {
		s = count_snapshots(st, profile, r->id, &before);
		for (size_t i = 0; i < r->nsnaps && s == STORE_OK; i++)
			s = store_snapshot_put(st, profile, r->id, &r->snaps[i]);
		if (s == STORE_OK)
			s = count_snapshots(st, profile, r->id, &after);
		c->changed += after - before;
	}
	if (s == STORE_OK && r->has_position) {
		s = store_position_get(st, profile, r->id, &section, &line);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_position_set(st, profile, r->id, r->section, r->line, now);
			c->changed++;
		} else if (s == STORE_OK && (!same_str(section, r->section) || line != r->line)) {
			c->kept++;
		}
		free(section);
	}
	return s;
}

enum export_status
export_import(struct store *st, const char *data, size_t len, const char *as, int64_t now,
	      char **profile, struct export_counts *counts, char **detail)
{
	struct export_counts c = {0};
	struct doc d;
	enum export_status status;
	enum store_status s;
	const char *who;
	int64_t pid;
	size_t i = 0;

	if (profile != NULL)
		*profile = NULL;
	if (counts != NULL)
		memset(counts, 0, sizeof *counts);
	if (as != NULL && (*as == '\0' || strlen(as) > EXPORT_MAX_NAME || !plain(as, strlen(as)))) {
		xreplacef(detail, "--as needs a name of 1 to %d bytes without control characters",
			  EXPORT_MAX_NAME);
		return EXPORT_ERR_INVALID;
	}
	if ((status = check_doc(data, len, &d, detail)) != EXPORT_OK)
		return status;
	who = as != NULL ? as : d.profile;
	c.roles = d.nroles;
	for (size_t k = 0; k < d.nroles; k++) {
		c.items += d.roles[k].nitems;
		c.ratings += d.roles[k].nratings;
		c.snapshots += d.roles[k].nsnaps;
	}
	s = store_begin(st);
	if (s == STORE_OK) {
		s = store_profile(st, who, false, 0, &pid);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_profile(st, who, true, now, &pid);
			c.changed++;
		}
	}
	for (; i < d.nroles && s == STORE_OK; i++)
		s = apply_role(st, who, &d.roles[i], now, &c);
	if (s == STORE_OK)
		s = store_commit(st);
	else
		store_rollback(st);
	if (s != STORE_OK) {
		if (i > 0)
			xreplacef(detail, "%s (while importing roles[%zu]); nothing was changed",
				  store_strerror(s), i - 1);
		else
			xreplacef(detail, "%s; nothing was changed", store_strerror(s));
		doc_free(&d);
		return EXPORT_ERR_STORE;
	}
	if (profile != NULL)
		*profile = xstrdup(who);
	if (counts != NULL)
		*counts = c;
	doc_free(&d);
	return EXPORT_OK;
}

enum export_status
export_read_file(const char *path, char **data, size_t *len, char **detail)
{
	bool in = strcmp(path, "-") == 0;
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	size_t n = 0, cap = 0;
	char *buf = NULL;
	enum export_status status = EXPORT_OK;
	char *name = text_clean(path, 0); /* for messages */

	*data = NULL;
	*len = 0;
	if (fd < 0) {
		xreplacef(detail, "cannot open %s: %s", name, strerror(errno));
		free(name);
		return EXPORT_ERR_IO;
	}
	if (fstat(fd, &sb) != 0) {
		xreplacef(detail, "cannot read %s: %s", name, strerror(errno));
		status = EXPORT_ERR_IO;
	} else if (S_ISDIR(sb.st_mode)) {
		xreplacef(detail, "%s is a folder", name);
		status = EXPORT_ERR_IO;
	} else if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > EXPORT_MAX_BYTES) {
		xreplacef(detail,
			  "%s is %jd bytes, larger than the %u bytes (16 MiB) an export "
			  "may have",
			  name, (intmax_t)sb.st_size, EXPORT_MAX_BYTES);
		status = EXPORT_ERR_TOO_LARGE;
	}
	/* Read at most one byte past the limit: a pipe has no size to check. */
	while (status == EXPORT_OK) {
		ssize_t r;

		buf = xgrow(buf, &cap, n + 65536 + 1, 1);
		r = read(fd, buf + n,
			 cap - n - 1 < EXPORT_MAX_BYTES + 1 - n ? cap - n - 1
								: EXPORT_MAX_BYTES + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			xreplacef(detail, "cannot read %s: %s", name, strerror(errno));
			status = EXPORT_ERR_IO;
		} else if (r == 0) {
			break;
		} else if ((n += (size_t)r) > EXPORT_MAX_BYTES) {
			xreplacef(detail,
				  "%s is larger than the %u bytes (16 MiB) an export may have",
				  name, EXPORT_MAX_BYTES);
			status = EXPORT_ERR_TOO_LARGE;
		}
	}
	if (!in)
		close(fd);
	free(name);
	if (status != EXPORT_OK) {
		free(buf);
		return status;
	}
	buf = xgrow(buf, &cap, n + 1, 1);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return EXPORT_OK;
}

enum export_status
export_import_file(struct store *st, const char *path, const char *as, int64_t now, char **profile,
		   struct export_counts *counts, char **detail)
{
	char *data;
	size_t len;
	enum export_status status = export_read_file(path, &data, &len, detail);

	if (profile != NULL)
		*profile = NULL;
	if (status != EXPORT_OK)
		return status;
	status = export_import(st, data, len, as, now, profile, counts, detail);
	free(data);
	return status;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum export_status
export_load_dir(struct store *mem, const char *dir, size_t *nloaded, char ***errors,
		size_t *nerrors, char **detail)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **errs = NULL;
	size_t n = 0, cap = 0, nerr = 0, ecap = 0, loaded = 0;
	int64_t now = (int64_t)time(NULL);

	*errors = NULL;
	*nerrors = 0;
	if (nloaded != NULL)
		*nloaded = 0;
	if (d == NULL) {
		xreplacef(detail, "cannot read the folder %s: %s", dir, strerror(errno));
		return EXPORT_ERR_IO;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]), *why = NULL, *name;
		enum export_status s = export_import_file(mem, path, NULL, now, NULL, NULL, &why);

		if (s == EXPORT_OK) {
			loaded++;
		} else {
			name = text_clean(names[i], 0);
			errs = xgrow(errs, &ecap, nerr + 1, sizeof *errs);
			errs[nerr++] = xasprintf("%s: %s", name, why ? why : export_strerror(s));
			free(name);
		}
		free(why);
		free(path);
		free(names[i]);
	}
	free(names);
	*errors = errs;
	*nerrors = nerr;
	if (nloaded != NULL)
		*nloaded = loaded;
	return EXPORT_OK;
}

void
export_errors_free(char **errors, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(errors[i]);
	free(errors);
}

/* ==== command-line glue ==== */

/* A file name fit for a message. */
static char *
shown(const char *path)
{
	return text_clean(path, 0);
}

int
export_cli_export(struct store *st, struct catalog *cat, const char *profile, const char *output,
		  int64_t now, FILE *out)
{
	char *text = NULL, *detail = NULL, *who;
	enum export_status s = export_profile(st, cat, profile, now, &text, &detail);

	if (s == EXPORT_OK && output != NULL && strcmp(output, "-") != 0)
		s = export_write_file(output, text, strlen(text), &detail);
	if (s != EXPORT_OK) {
		cli_error("cannot export: %s%s", detail ? detail : export_strerror(s),
			  s == EXPORT_ERR_NOTFOUND ? " (see 'rolebook profiles')" : "");
		free(detail);
		free(text);
		return 1;
	}
	who = text_clean(profile, 0);
	if (output != NULL && strcmp(output, "-") != 0) {
		char *o = shown(output);
		fprintf(out, "exported profile %s to %s\n", who, o);
		free(o);
	} else {
		fputs(text, out);
	}
	free(who);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the export");
		return 1;
	}
	return 0;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
export_cli_import(struct store *st, const char *path, const char *as, int64_t now, FILE *out)
{
	struct export_counts c;
	char *detail = NULL, *who = NULL, *name = shown(path);
	enum export_status s = export_import_file(st, path, as, now, &who, &c, &detail);

	if (s != EXPORT_OK) {
		cli_error("cannot import %s: %s", name, detail ? detail : export_strerror(s));
		if (s != EXPORT_ERR_INVALID && (detail == NULL || !strstr(detail, "nothing was")))
			fputs("rolebook: nothing was changed\n", stderr);
		free(detail);
		free(name);
		return 1;
	}
	fprintf(out, "imported profile %s: %zu %s, %zu %s, %zu %s, %zu %s", who, c.roles,
		plural(c.roles, "role", "roles"), c.items, plural(c.items, "item", "items"),
		c.ratings, plural(c.ratings, "rating", "ratings"), c.snapshots,
		plural(c.snapshots, "snapshot", "snapshots"));
	if (c.changed == 0 && c.kept == 0)
		fputs(" (nothing new)\n", out);
	else if (c.kept == 0)
		fprintf(out, " (%zu new or updated)\n", c.changed);
	else
		fprintf(out, " (%zu new or updated, %zu kept: newer in this database)\n", c.changed,
			c.kept);
	free(who);
	free(name);
	return fflush(out) == 0 ? 0 : 1;
}
