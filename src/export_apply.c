/*
 * export_apply.c - applying a checked import document to a store.
 *
 * export_import() checks a document whole (export_check.c) before the
 * database is touched, then applies it in one transaction, so a refused
 * document leaves the database exactly as it was.  The merge rule is
 * export.h's.  Also here: reading an import from a file or standard input
 * and loading a folder of exports for review.  Nothing here prints.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dates.h"
#include "due.h"
#include "export_doc.h"
#include "files.h"
#include "identity.h"
#include "text.h"
#include "xalloc.h"

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

/* What an import may take, from whom (see export.h, "What a file may
 * carry"). */
struct trust {
	const char *signer;   /* the verified signer, NULL: unsigned */
	const char *profile;  /* the document's profile */
	bool accept_unsigned; /* take reviewer ratings from an unsigned file */
	int64_t import_id;    /* the import's number in the log, 0: not logged */
	bool list;	      /* list each record's outcome in the counts */
};

/* What became of one record, by which of c's counts grew since before:
 * "add", "keep (newer here)", "refuse (typed here)"...; NULL when none. */
static const char *
outcome_verb(const struct export_counts *c, const struct export_counts *before)
{
	return c->added > before->added			  ? "add"
	       : c->changed > before->changed		  ? "update"
	       : c->kept > before->kept			  ? "keep (newer here)"
	       : c->kept_signed > before->kept_signed	  ? "keep (signed here, the file is not)"
	       : c->same_time > before->same_time	  ? "keep (edited here at the same time)"
	       : c->refused_other > before->refused_other ? "refuse (not by the signer)"
	       : c->refused_unsigned > before->refused_unsigned ? "refuse (a reviewer's, unsigned)"
	       : c->refused_yours > before->refused_yours	? "refuse (typed here)"
								: NULL;
}

/* Adds "VERB: ROLE, WHAT" to c's list (or "VERB: WHAT" when role is NULL:
 * "add: profile alice"); nothing without t->list or a verb.  Every record
 * the counts count is listed, so the list and "(N new, M updated)" agree. */
static void
list_record(const struct trust *t, struct export_counts *c, const char *verb, const char *role,
	    const char *what)
{
	if (!t->list || verb == NULL)
		return;
	c->listed = xgrow(c->listed, &c->listcap, c->nlisted + 1, sizeof *c->listed);
	c->listed[c->nlisted++] = role != NULL ? xasprintf("%s: %s, %s", verb, role, what)
					       : xasprintf("%s: %s", verb, what);
}

/* An item's or a rating's outcome (rater NULL: an item; "": the profile's
 * own rating). */
static void
list_outcome(const struct trust *t, struct export_counts *c, const struct export_counts *before,
	     const char *role, const char *rater, const char *id, const char *text)
{
	char *what;

	if (!t->list)
		return;
	what = rater == NULL ? xasprintf("item %s: %s", id, text)
	       : *rater	     ? xasprintf("rating by %s %s: %s", rater, id, text)
			     : xasprintf("self-rating %s: %s", id, text);
	list_record(t, c, outcome_verb(c, before), role, what);
	free(what);
}

static enum store_origin
origin_of(const struct trust *t)
{
	return t->signer != NULL ? STORE_SIGNED : STORE_UNVERIFIED;
}

/* May a record by rater ("" or NULL: the profile's own) be taken?  Counts
 * a refusal. */
static bool
allowed(const struct trust *t, const char *rater, struct export_counts *c)
{
	bool own = rater == NULL || *rater == '\0';

	if (t->signer != NULL) {
		if (strcmp(own ? t->profile : rater, t->signer) == 0)
			return true;
		c->refused_other++;
		return false;
	}
	if (own || t->accept_unsigned)
		return true;
	c->refused_unsigned++;
	return false;
}

/* A record of the database from an unsigned file, and the same record in
 * a file signed by its author (allowed() said so): the signed one replaces
 * it whatever the times, which are only the unsigned file's claims (a
 * forger dates his a day ahead), and marks it signed.  Counted as a
 * change. */
static bool
proven(const struct trust *t, enum store_origin have, struct export_counts *c)
{
	if (t->signer == NULL || have != STORE_UNVERIFIED)
		return false;
	c->changed++;
	return true;
}

/* The merge rule for one record: import when the database has none or an
 * older one; count a kept one that differs, apart when its time is the
 * same.  An unverified record never replaces a signed or local one of a
 * reviewer (yours: refused, and counted). */
static bool
newer(bool exists, int64_t local, int64_t imported, bool differs, struct export_counts *c)
{
	if (!exists) {
		c->changed++;
		c->added++;
		return true;
	}
	if (imported > local && differs) {
		c->changed++;
		return true;
	}
	if (imported == local && differs)
		c->same_time++;
	else if (differs)
		c->kept++;
	return false;
}

static enum store_status
apply_items(struct store *st, const char *profile, const struct export_doc_role *r,
	    const struct trust *t, struct export_counts *c)
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

		struct export_counts before = *c;
		bool take = false;

		if (!allowed(t, NULL, c))
			take = false;
		else if (h != NULL && h->origin == STORE_SIGNED && t->signer == NULL)
			c->kept_signed += differs;
		else if (proven(t, h != NULL ? h->origin : STORE_LOCAL, c))
			take = true;
		else
			take = newer(h != NULL, h ? h->updated_at : 0, it->updated_at, differs, c);
		list_outcome(t, c, &before, r->id, NULL, it->item_id, it->text);
		if (!take)
			continue;
		s = store_undo_save(st, t->import_id, STORE_UNDO_ITEM, profile, r->id, NULL,
				    it->item_id, it->updated_at);
		if (s != STORE_OK)
			break;
		/* done_at is the time of the first setter, updated_at of the last. */
		s = store_item_set_done(st, profile, r->id, it->item_id, it->text, it->done,
					it->done ? it->done_at : it->updated_at);
		if (s == STORE_OK)
			s = store_item_set_note(st, profile, r->id, it->item_id, it->text, it->note,
						it->updated_at);
		if (s == STORE_OK)
			s = store_origin_set(st, profile, r->id, NULL, it->item_id, origin_of(t));
	}
	store_items_free(have, nhave);
	return s;
}

static enum store_status
apply_ratings(struct store *st, const char *profile, const struct export_doc_role *r,
	      const struct trust *t, struct export_counts *c)
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

		struct export_counts before = *c;
		bool take = false;

		if (rt->value == 0 && rt->note == NULL)
			continue; /* says nothing: the store keeps no such record */
		if (!allowed(t, rt->rater, c))
			take = false;
		else if (h != NULL && h->origin == STORE_LOCAL && *rt->rater != '\0')
			/* a reviewer's own ratings, typed here, are never replaced */
			c->refused_yours += differs;
		else if (h != NULL && h->origin == STORE_SIGNED && t->signer == NULL)
			c->kept_signed += differs;
		else if (proven(t, h != NULL ? h->origin : STORE_LOCAL, c))
			take = true;
		else
			take = newer(h != NULL, h ? h->updated_at : 0, rt->updated_at, differs, c);
		list_outcome(t, c, &before, r->id, rt->rater, rt->statement_id, rt->text);
		if (!take)
			continue;
		s = store_undo_save(st, t->import_id, STORE_UNDO_RATING, profile, r->id, rt->rater,
				    rt->statement_id, rt->updated_at);
		if (s != STORE_OK)
			break;
		/* The note first, so that a rating with a note but no value is
		 * never pruned on the way. */
		s = store_rating_set_note(st, profile, r->id, rt->rater, rt->statement_id, rt->area,
					  rt->text, rt->note, rt->updated_at);
		if (s == STORE_OK)
			s = store_rating_set(st, profile, r->id, rt->rater, rt->statement_id,
					     rt->area, rt->text, rt->value, rt->updated_at);
		if (s == STORE_OK)
			s = store_origin_set(st, profile, r->id, rt->rater, rt->statement_id,
					     origin_of(t));
	}
	store_ratings_free(have, nhave);
	return s;
}

/* How many snapshots (profile, role) has, and the largest id. */
static enum store_status
count_snapshots(struct store *st, const char *profile, const char *role, size_t *n, int64_t *max_id)
{
	struct store_snapshot *sn;
	enum store_status s = store_snapshots_get(st, profile, role, NULL, &sn, n);

	*max_id = 0;
	for (size_t i = 0; s == STORE_OK && i < *n; i++)
		if (sn[i].id > *max_id)
			*max_id = sn[i].id;
	store_snapshots_free(sn, *n);
	return s;
}

/* The appointment date: the profile's own record, by the items' rule (the
 * newer one wins). */
static enum store_status
apply_appointment(struct store *st, const char *profile, const struct export_doc_role *r,
		  const struct trust *t, struct export_counts *c)
{
	struct store_appointment *have = NULL, *h = NULL;
	size_t nhave = 0;
	enum store_status s;
	bool take;

	struct export_counts before = *c;
	char day[DATES_MAX], *what;

	if (!r->has_appointment)
		return STORE_OK;
	what = xasprintf("appointment: %s", dates_day_format(r->appointment_day, day));
	if (!allowed(t, NULL, c)) {
		list_record(t, c, outcome_verb(c, &before), r->id, what);
		free(what);
		return STORE_OK;
	}
	if ((s = store_appointments_list(st, profile, &have, &nhave)) != STORE_OK) {
		free(what);
		return s;
	}
	for (size_t i = 0; i < nhave; i++)
		if (strcmp(have[i].profile, profile) == 0 && strcmp(have[i].role, r->id) == 0)
			h = &have[i];
	take = newer(h != NULL, h ? h->updated_at : 0, r->appointment_at,
		     h != NULL && h->day != r->appointment_day, c);
	list_record(t, c, outcome_verb(c, &before), r->id, what);
	free(what);
	if (take)
		s = store_undo_save(st, t->import_id, STORE_UNDO_APPOINTMENT, profile, r->id, NULL,
				    NULL, r->appointment_at);
	if (take && s == STORE_OK)
		s = store_appointment_set(st, profile, r->id, r->appointment_day,
					  r->appointment_at);
	if (take && s == STORE_OK)
		s = store_appointment_origin(st, profile, r->id, origin_of(t));
	store_appointments_free(have, nhave);
	return s;
}

/* Puts one snapshot of the file, when allowed; with t->list, lists it as
 * apply_role() counts it: added when the role's snapshots grew past *n
 * (the running count, updated), not at all when the database has it. */
static enum store_status
apply_snapshot(struct store *st, const char *profile, const struct export_doc_role *r,
	       const struct store_snapshot *sn, const struct trust *t, struct export_counts *c,
	       size_t *n)
{
	struct export_counts before = *c;
	enum store_status s = STORE_OK;
	const char *verb;
	char when[DATES_MAX], *what;
	int64_t max_id;

	if (!allowed(t, sn->rater, c)) {
		verb = outcome_verb(c, &before);
	} else {
		size_t now = *n;
		s = store_snapshot_put(st, profile, r->id, sn);
		if (s != STORE_OK || !t->list)
			return s;
		if ((s = count_snapshots(st, profile, r->id, &now, &max_id)) != STORE_OK)
			return s;
		verb = now > *n ? "add" : NULL;
		*n = now;
	}
	if (!t->list)
		return s;
	what = xasprintf("snapshot by %s, %s", *sn->rater ? sn->rater : "self",
			 dates_format(sn->taken_at, DATE_MINUTE, when));
	list_record(t, c, verb, r->id, what);
	free(what);
	return s;
}

static enum store_status
apply_role(struct store *st, const char *profile, const struct export_doc_role *r, int64_t now,
	   const struct trust *t, struct export_counts *c)
{
	enum store_status s;
	size_t before = 0, after = 0;
	int64_t id_before = 0, id_after = 0;
	char *section = NULL;
	int line = 0;

	s = apply_items(st, profile, r, t, c);
	/* records of an export written before folders: adoptable, as an
	 * upgraded database's are (identity.h) */
	for (size_t i = 0; i < r->nitems && s == STORE_OK; i++)
		if (identity_old_record(r->id, r->items[i].item_id, r->items[i].text)) {
			s = store_role_note_legacy(st, r->id);
			break;
		}
	if (s == STORE_OK)
		s = apply_ratings(st, profile, r, t, c);
	if (s == STORE_OK)
		s = apply_appointment(st, profile, r, t, c);
	if (s == STORE_OK && r->nsnaps > 0) {
		s = count_snapshots(st, profile, r->id, &before, &id_before);
		after = before;
		for (size_t i = 0; i < r->nsnaps && s == STORE_OK; i++)
			s = apply_snapshot(st, profile, r, &r->snaps[i], t, c, &after);
		if (s == STORE_OK)
			s = count_snapshots(st, profile, r->id, &after, &id_after);
		if (s == STORE_OK && after > before) {
			char key[24];
			snprintf(key, sizeof key, "%lld", (long long)id_before);
			s = store_undo_save(st, t->import_id, STORE_UNDO_SNAPSHOTS, profile, r->id,
					    NULL, key, id_after);
		}
		c->changed += after - before;
		c->added += after - before;
	}
	if (s == STORE_OK && r->has_position &&
	    (t->signer == NULL || strcmp(t->signer, t->profile) == 0)) {
		struct export_counts pos_before = *c;

		s = store_position_get(st, profile, r->id, &section, &line);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_position_set(st, profile, r->id, r->section, r->line, now);
			if (s == STORE_OK)
				s = store_undo_save(st, t->import_id, STORE_UNDO_POSITION, profile,
						    r->id, NULL, NULL, 0);
			c->changed++;
			c->added++;
		} else if (s == STORE_OK && (!same_str(section, r->section) || line != r->line)) {
			c->kept++;
		}
		list_record(t, c, outcome_verb(c, &pos_before), r->id, "reading position");
		free(section);
	}
	return s;
}

enum export_status
export_import_with(struct store *st, const char *data, size_t len,
		   const struct export_import_opts *o, char **profile, struct export_counts *counts,
		   char **detail)
{
	struct export_counts c = {0};
	struct export_doc d;
	struct trust t;
	enum export_status status;
	enum store_status s;
	const char *who;
	char *why = NULL;
	int64_t pid;
	size_t i = 0;
	bool created = false;

	if (profile != NULL)
		*profile = NULL;
	if (counts != NULL)
		memset(counts, 0, sizeof *counts);
	if (o->as != NULL && !export_name_ok(o->as, &why)) {
		xreplacef(detail, "--as: %s", why);
		free(why);
		return EXPORT_ERR_INVALID;
	}
	if ((status = export_check(data, len, &d, detail)) != EXPORT_OK)
		return status;
	if (d.latest > o->now + EXPORT_MAX_AHEAD) {
		xreplacef(detail, "%s: a time more than a day in the future; nothing was changed",
			  d.latest_at);
		export_doc_free(&d);
		return EXPORT_ERR_SCHEMA;
	}
	for (size_t k = 0; k < d.nroles; k++) {
		const char *no;
		char date[DATES_MAX];

		if (!d.roles[k].has_appointment ||
		    (no = due_start_refusal(d.roles[k].appointment_day, dates_today(o->now))) ==
			NULL)
			continue;
		xreplacef(detail, "roles[%zu].appointment.day: %s is %s; nothing was changed", k,
			  dates_day_format(d.roles[k].appointment_day, date), no);
		export_doc_free(&d);
		return EXPORT_ERR_SCHEMA;
	}
	t = (struct trust){o->signer, d.profile, o->accept_unsigned, 0, o->list};
	who = o->as != NULL ? o->as : d.profile;
	c.roles = d.nroles;
	c.exported_at = d.exported_at;
	for (size_t k = 0; k < d.nroles; k++) {
		c.items += d.roles[k].nitems;
		c.ratings += d.roles[k].nratings;
		c.snapshots += d.roles[k].nsnaps;
	}
	s = store_begin(st);
	/* logged first, so that what it replaces can be saved under its number */
	if (s == STORE_OK && !o->dry_run && o->file != NULL)
		s = store_import_log(st, o->file, o->signer, who, d.exported_at, o->now, 0, 0, 0, 0,
				     &c.import_id);
	t.import_id = c.import_id;
	if (s == STORE_OK) {
		s = store_profile(st, who, false, 0, &pid);
		if (s == STORE_ERR_NOTFOUND) {
			s = store_profile(st, who, true, o->now, &pid);
			if (s == STORE_OK)
				s = store_undo_save(st, t.import_id, STORE_UNDO_PROFILE, who, NULL,
						    NULL, NULL, 0);
			c.changed++;
			c.added++;
			created = true;
			if (o->list) {
				char *what = xasprintf("profile %s", who);
				list_record(&t, &c, "add", NULL, what);
				free(what);
			}
		}
	}
	for (; i < d.nroles && s == STORE_OK; i++)
		s = apply_role(st, who, &d.roles[i], o->now, &t, &c);
	if (s == STORE_OK && created && c.changed == 1 &&
	    c.refused_other + c.refused_unsigned + c.refused_yours > 0) {
		/* every record the file holds was refused: no empty profile is
		 * left behind, and none is counted (an export of an empty
		 * profile still makes it) */
		s = store_profile_delete(st, who);
		c.changed = c.added = 0;
		if (o->list && c.nlisted > 0 && strncmp(c.listed[0], "add: profile ", 13) == 0) {
			free(c.listed[0]); /* nor listed */
			memmove(c.listed, c.listed + 1, --c.nlisted * sizeof *c.listed);
		}
	}
	if (s == STORE_OK && c.import_id > 0)
		s = store_import_counts(st, c.import_id, c.added, c.changed - c.added,
					c.kept + c.kept_signed + c.same_time,
					c.refused_other + c.refused_unsigned + c.refused_yours);
	if (s == STORE_OK && o->dry_run)
		store_rollback(st);
	else if (s == STORE_OK)
		s = store_commit(st);
	else
		store_rollback(st);
	if (s != STORE_OK) {
		if (i > 0)
			xreplacef(detail, "%s (while importing roles[%zu]); nothing was changed",
				  store_strerror(s), i - 1);
		else
			xreplacef(detail, "%s; nothing was changed", store_strerror(s));
		export_counts_free(&c);
		export_doc_free(&d);
		return EXPORT_ERR_STORE;
	}
	if (profile != NULL)
		*profile = xstrdup(who);
	if (counts != NULL)
		*counts = c;
	else
		export_counts_free(&c);
	export_doc_free(&d);
	return EXPORT_OK;
}

void
export_counts_free(struct export_counts *c)
{
	for (size_t i = 0; i < c->nlisted; i++)
		free(c->listed[i]);
	free(c->listed);
	c->listed = NULL;
	c->nlisted = c->listcap = 0;
}

enum export_status
export_import(struct store *st, const char *data, size_t len, const char *as, int64_t now,
	      char **profile, struct export_counts *counts, char **detail)
{
	struct export_import_opts o = {.as = as, .now = now, .accept_unsigned = true};

	return export_import_with(st, data, len, &o, profile, counts, detail);
}

enum export_status
export_read_file(const char *path, char **data, size_t *len, char **detail)
{
	bool in = strcmp(path, "-") == 0;
	FILE *f = in ? stdin : fopen(path, "rbe");
	struct stat sb;
	enum export_status status = EXPORT_OK;
	char *name = text_clean(path, 0); /* for messages */
	int rc;

	*data = NULL;
	*len = 0;
	if (f == NULL) {
		xreplacef(detail, "cannot open %s: %s", name, strerror(errno));
		free(name);
		return EXPORT_ERR_IO;
	}
	if (fstat(fileno(f), &sb) != 0) {
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
	} else if ((rc = files_read(f, EXPORT_MAX_BYTES, data, len)) == EFBIG) {
		/* a pipe has no size to check before reading */
		xreplacef(detail, "%s is larger than the %u bytes (16 MiB) an export may have",
			  name, EXPORT_MAX_BYTES);
		status = EXPORT_ERR_TOO_LARGE;
	} else if (rc != 0) {
		xreplacef(detail, "cannot read %s: %s", name, strerror(rc));
		status = EXPORT_ERR_IO;
	}
	if (!in)
		fclose(f);
	free(name);
	return status;
}
