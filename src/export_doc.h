/*
 * export_doc.h - an import document, checked, as C records (internal to
 * the export module: export_check.c builds it, export_apply.c writes it).
 *
 * A struct export_doc holds only what export_check() accepted: every
 * string clean, every number in range, ids unique where they must be.
 */
#ifndef ROLEBOOK_EXPORT_DOC_H
#define ROLEBOOK_EXPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "store.h"

struct export_doc_role {
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
	/* "appointment": the day the profile took up the role */
	bool has_appointment;
	int32_t appointment_day;
	int64_t appointment_at; /* its updated_at */
};

struct export_doc {
	int64_t exported_at; /* Unix seconds */
	int64_t latest;	     /* the latest time any record carries */
	char latest_at[96];  /* where it is, a JSON path */
	char *profile;
	struct export_doc_role *roles;
	size_t nroles;
};

/*
 * Parses and checks the whole document data[0..len) into *d; nothing is
 * written anywhere.  On EXPORT_OK the caller frees *d with
 * export_doc_free(); on failure *d is empty and *detail says what and
 * where (a JSON path, or a line and column).
 */
enum export_status export_check(const char *data, size_t len, struct export_doc *d, char **detail);

/* Frees what d holds and leaves it empty. */
void export_doc_free(struct export_doc *d);

/* True when s[0..len) is clean one-line text that sanitising leaves as it
 * is: what a name or id from outside must be. */
bool export_plain(const char *s, size_t len);

#endif
