/*
 * assess.h - the self-assessment screen's insides, shared by
 * view_assess.c (layout, drawing, keys) and assess_rows.c (loading the
 * ratings and laying them out as rows).  Only these two files include it.
 */
#ifndef ROLEBOOK_ASSESS_H
#define ROLEBOOK_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "listnav.h"
#include "readiness.h"
#include "store.h"
#include "view.h"

struct arow {
	long stmt; /* statement index, or -1 for an area heading / blank / the uncounted note */
	long area; /* area index, or -1 */
	size_t off, len; /* a statement row: its part of the statement's text */
	bool first;
	char *line; /* a heading's or note's row, wrapped (owned), or NULL */
	char *tail; /* a statement's last row: the dates of its ratings, dim at the end (owned) */
	int col;    /* where line starts */
	uint16_t style;
};

struct assess {
	struct view v;
	struct app *app;
	struct role *role;
	char *profile;		  /* whose assessment */
	char *rater;		  /* who rates here: "" for the profile itself */
	struct store_rating *all; /* every rater's, for the side-by-side columns */
	size_t nall;
	struct readiness_raters by; /* every number shown: readiness's */
	char **raters;		    /* column order: "" (self) first, then reviewers by name */
	size_t nraters;
	uint64_t version;
	bool loaded, changed;
	long sel; /* statement index */
	struct arow *rows;
	size_t nrows, rcap;
	/* the list's entries: a statement with its area's heading above it
	 * when it is the first, its note and any blank row below; each the
	 * rows from ent_row[k] to the next one */
	size_t *ent_row;
	long *ent_stmt;
	size_t nent, ecap;
	struct listnav nav;
	int *colx; /* where each rating column starts (see columns()) */
	size_t ncols;
	int width;	 /* of the last layout */
	int legend_rows; /* the scale: 1, or 2 when narrow */
	int body_top, body_h;
};

/* assess_rows.c */
void assess_free_data(struct assess *s);
/* (Re)loads every rater's ratings and readiness's numbers, then the rows. */
void assess_reload(struct assess *s, struct app *a);
/* The rating of statement stmt by who that counts, or NULL. */
const struct store_rating *assess_rating_by(const struct assess *s, const char *who, long stmt);
/* The value who gave statement stmt, 0 when none. */
int assess_value_by(const struct assess *s, const char *who, long stmt);
/* The rating of stmt by the screen's rater, or NULL. */
const struct store_rating *assess_rating_of(const struct assess *s, long stmt);
/* A rater's column label: "self" for "". */
const char *assess_who_name(const char *rater);
void assess_clear_rows(struct assess *s);
/* Rows for a screen `width` wide (see struct assess). */
void assess_layout_rows(struct assess *s, int width);
/* Where statement text starts: after the rating columns. */
int assess_text_col(const struct assess *s);

#endif
