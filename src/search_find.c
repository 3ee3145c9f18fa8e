/*
 * search_find.c - finding a pattern in the search index (see
 * search_index.h): the plan (a scan of the documents' blobs for a common
 * word, the FTS5 index's candidates for a rarer one), each line
 * confirmed by the reader's rule, the hits in the catalogue's order.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "search_index.h"
#include "search_index_int.h"
#include "search_text.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* The FTS5 query for the folded pattern: one phrase, quotes doubled. */
static char *
phrase(const char *folded)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "\"", 1);
	for (const char *p = folded; *p; p++)
		strbuf_add(&sb, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	strbuf_add(&sb, "\"", 1);
	return strbuf_take(&sb);
}

static size_t
characters(const char *s)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; n++) {
		uint32_t c;
		i += text_decode(s + i, len - i, &c);
	}
	return n;
}

static int
by_place(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The candidates' rows: every line, or those the index says hold the
 * folded pattern; with rowid_only, their row ids alone (the rows read
 * one by one, by ROW). */
#define COLUMNS "l.doc, l.ord, l.section, l.stitle, l.text, l.folded"
static const char *const find_sql[2][2] = {
    /* [indexed][rowid_only] */
    {"SELECT " COLUMNS " FROM lines l", "SELECT id FROM lines ORDER BY id"},
    {"SELECT " COLUMNS " FROM fts JOIN lines l ON l.id = fts.rowid"
     " WHERE fts MATCH ?1 AND fts.rowid >= ?2",
     "SELECT rowid FROM fts WHERE fts MATCH ?1 AND rowid >= ?2"},
};
#define ROW "SELECT " COLUMNS " FROM lines l WHERE l.id = ?1"

static void
add_hit(struct search_results *res, const struct listed *doc, size_t ord, int64_t sec,
	const char *where, const char *text, size_t len, size_t at)
{
	struct search_hit *h;

	res->v = xgrow(res->v, &res->cap, res->n + 1, sizeof *res->v);
	h = &res->v[res->n++];
	h->doc = doc->pos;
	h->line = ord;
	h->section = sec < 0 || sec > (int64_t)UINT32_MAX ? SEARCH_NO_SECTION : (uint32_t)sec;
	/* (the documents alone: no line) */
	h->where = text == NULL ? NULL : xstrdup(where ? where : "");
	h->text = text == NULL ? NULL : xstrndup(text, len);
	h->at = at;
}

/* A row of COLUMNS that holds the pattern: added to res (its doc the
 * listed one's). */
static bool
confirm(sqlite3_stmt *st, const struct listed *doc, const char *pat, const char *folded, bool icase,
	struct search_results *res)
{
	const char *text = (const char *)sqlite3_column_text(st, 4);
	size_t len = (size_t)sqlite3_column_bytes(st, 4), plen = strlen(pat);
	int64_t sec = sqlite3_column_int64(st, 2);
	long at;

	if (text == NULL)
		return false;
	/* search_in()'s rule; with case ignored, a match is where the folded
	 * pattern is in the folded text (search_fold), which the row keeps:
	 * found at memmem's speed */
	if (icase) {
		const char *f = (const char *)sqlite3_column_text(st, 5);
		const char *m = f && (size_t)sqlite3_column_bytes(st, 5) == len
				    ? memmem(f, len, folded, plen)
				    : NULL;
		at = m ? (long)(m - f) : -1;
	} else {
		at = search_in(text, len, 0, pat, plen, false);
	}
	if (at < 0)
		return false;
	add_hit(res, doc, (size_t)sqlite3_column_int64(st, 1), sec,
		(const char *)sqlite3_column_text(st, 3), text, len, (size_t)at);
	return true;
}

/* The plan's sample: the first SAMPLE_DOCS documents are scanned; when
 * fewer than one in SAMPLE_SHARE holds the folded pattern, the index
 * finds the rest (measured on 1,002 files, bench/README). */
#define SAMPLE_DOCS 24
#define SAMPLE_SHARE 2

/* A scan of one document's blobs: the hits go to res. */
struct scan_ctx {
	sqlite3_stmt *row; /* ROW, for a candidate the blobs cannot confirm */
	const struct listed *doc;
	int64_t id;
	const char *pat, *folded;
	bool icase;
	struct search_results *res;
};

static int
scan_hit(void *arg, const struct search_text_match *m)
{
	struct scan_ctx *c = arg;
	bool found = false;
	int rc;

	if (m->line != NULL) {
		add_hit(c->res, c->doc, m->ord, m->section, m->title, m->line, m->line_len, m->at);
		return 1;
	}
	sqlite3_bind_int64(c->row, 1, LINE_ID(c->id, m->ord));
	if ((rc = sqlite3_step(c->row)) == SQLITE_ROW)
		found = confirm(c->row, c->doc, c->pat, c->folded, c->icase, c->res);
	sqlite3_reset(c->row);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return found;
}

static const void *
blob(sqlite3_stmt *st, int k, size_t *len)
{
	const void *b = sqlite3_column_blob(st, k);

	*len = b != NULL ? (size_t)sqlite3_column_bytes(st, k) : 0;
	return b;
}

/* What a scan for the first match of each document (-l) reads blobs with,
 * kept from one document to the next. */
struct prefix {
	sqlite3_blob *folds, *texts;
	sqlite3_stmt *meta;
	char *buf, *tbuf;
	size_t cap, tcap;
};

static void
prefix_done(struct prefix *px)
{
	sqlite3_blob_close(px->folds);
	sqlite3_blob_close(px->texts);
	sqlite3_finalize(px->meta);
	free(px->buf);
	free(px->tbuf);
}

/* *b on row id of table's column (a handle moved, else opened); a handle
 * that failed is closed. */
static int
blob_on(sqlite3 *db, sqlite3_blob **b, const char *table, const char *col, int64_t id)
{
	int rc = *b != NULL ? sqlite3_blob_reopen(*b, id)
			    : sqlite3_blob_open(db, "main", table, col, id, 0, b);

	if (rc != SQLITE_OK) {
		sqlite3_blob_close(*b);
		*b = NULL;
	}
	return rc;
}

/* Bytes [from, to) of blob b into *buf (grown; [0, from) kept). */
static int
read_to(sqlite3_blob *b, char **buf, size_t *cap, size_t from, size_t to)
{
	if (to > *cap) {
		*cap = to;
		*buf = xreallocarray(*buf, to, 1);
	}
	return to > from ? sqlite3_blob_read(b, *buf + from, (int)(to - from), (int)from)
			 : SQLITE_OK;
}

/*
 * For -l: document c->id's blobs read (sqlite3_blob_read) only up to the
 * end of the first line whose folded text holds the pattern, not copied
 * whole as a column is (OP_Column copies every blob it returns), so that
 * a document that holds a common word in its first lines costs those
 * lines.  *holds says whether its folded text holds the pattern; *whole
 * asks for the whole blobs instead: a row the handles cannot read, or a
 * first folded match that is no match (case kept, or a damaged row).
 */
static int
scan_prefix(sqlite3 *db, struct prefix *px, struct scan_ctx *c, bool *holds, bool *whole)
{
	size_t plen = strlen(c->folded), len, got = 0, want = 4096, at = 0, end = 0;
	size_t before = c->res->n;
	bool found = false, seen;
	struct search_text t = {0};
	int rc;

	*holds = false;
	*whole = true;
	if (blob_on(db, &px->folds, "folds", "folded", c->id) != SQLITE_OK)
		return SQLITE_OK;
	len = (size_t)sqlite3_blob_bytes(px->folds);
	if (len == 0) { /* an empty document holds nothing (and no buffer was read) */
		*whole = false;
		return SQLITE_OK;
	}
	for (;;) {
		/* a match across two pieces: looked for from plen - 1 before */
		size_t from = found ? at : got >= plen ? got - plen + 1 : 0;
		const char *m, *eol;

		want = want < len ? want : len;
		if (read_to(px->folds, &px->buf, &px->cap, got, want) != SQLITE_OK)
			return SQLITE_OK;
		got = want;
		if (!found && (m = memmem(px->buf + from, got - from, c->folded, plen)) != NULL) {
			found = true;
			at = (size_t)(m - px->buf);
		}
		if (found && (eol = memchr(px->buf + at, '\n', got - at)) != NULL) {
			end = (size_t)(eol - px->buf);
			break;
		}
		if (got == len) {
			end = len;
			break;
		}
		want = 2 * got;
	}
	if (!found) {
		*whole = false;
		return SQLITE_OK;
	}
	*holds = true;
	if (blob_on(db, &px->texts, "texts", "text", c->id) != SQLITE_OK ||
	    (size_t)sqlite3_blob_bytes(px->texts) < end ||
	    read_to(px->texts, &px->tbuf, &px->tcap, 0, end) != SQLITE_OK)
		return SQLITE_OK;
	if (px->meta == NULL &&
	    (rc = sqlite3_prepare_v2(db, "SELECT meta, titles FROM texts WHERE id = ?1", -1,
				     &px->meta, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(px->meta, 1, c->id);
	if ((rc = sqlite3_step(px->meta)) != SQLITE_ROW) {
		sqlite3_reset(px->meta);
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	t.folded = px->buf;
	t.len = end;
	t.text = px->tbuf;
	t.text_len = end;
	t.meta = blob(px->meta, 0, &t.meta_len);
	t.titles = blob(px->meta, 1, &t.titles_len);
	rc = -search_text_scan(&t, c->pat, c->folded, c->icase, true, scan_hit, c, &seen);
	sqlite3_reset(px->meta);
	*whole = rc == SQLITE_OK && c->res->n == before;
	return rc;
}

/*
 * For SEARCH_DOCS: whether document id's folded blob holds the folded
 * pattern from byte from on, read (sqlite3_blob_read) in growing pieces
 * only until it is found.  Not SQLITE_OK when the blob cannot be read
 * (the caller reads the document as a first-per-document scan does).
 */
static int
holds_from(sqlite3 *db, struct prefix *px, int64_t id, const char *folded, size_t plen, size_t from,
	   bool *holds)
{
	size_t len, got = from, want = from + 16384;
	int rc;

	*holds = false;
	if ((rc = blob_on(db, &px->folds, "folds", "folded", id)) != SQLITE_OK)
		return rc;
	len = (size_t)sqlite3_blob_bytes(px->folds);
	while (got < len) {
		/* a match across two pieces: looked for from plen - 1 before */
		size_t at = got - from >= plen - 1 ? got - (plen - 1) : from;

		want = want < len ? want : len;
		if ((rc = read_to(px->folds, &px->buf, &px->cap, got, want)) != SQLITE_OK)
			return rc;
		got = want;
		if (memmem(px->buf + at, got - at, folded, plen) != NULL) {
			*holds = true;
			break;
		}
		want = 2 * got;
	}
	return SQLITE_OK;
}

/*
 * SEARCH_DOCS with case ignored, document c->id's row at st (id, plain, size,
 * head): in a plain document the folded pattern in the folded text is a
 * match by the reader's rule (search_in's with case ignored), on one line,
 * so its head and, if need be, the rest of its folded blob decide.  False
 * when they cannot (a line holds a newline, a blob not read): the caller
 * reads the document's lines.
 */
static bool
doc_holds(sqlite3 *db, struct prefix *px, sqlite3_stmt *st, const struct scan_ctx *c, size_t plen,
	  bool *holds)
{
	size_t hlen;
	const char *head;

	if (sqlite3_column_int(st, 1) == 0)
		return false;
	head = blob(st, 3, &hlen);
	*holds = head != NULL && memmem(head, hlen, c->folded, plen) != NULL;
	if (*holds || (int64_t)hlen == sqlite3_column_int64(st, 2)) /* the whole text */
		return true;
	return holds_from(db, px, c->id, c->folded, plen, hlen >= plen ? hlen - plen + 1 : 0,
			  holds) == SQLITE_OK;
}

/*
 * Scans the listed documents' blobs in id order (all of them, or with
 * sample set, while the pattern proves common).  Sets *fts_from to the
 * first document id left to the index, or -1 when none is.
 */
static int
scan(struct search_index *ix, sqlite3_stmt *row, const char *pat, const char *folded, bool icase,
     bool first_only, bool docs, bool sample, struct search_results *res, int64_t *fts_from)
{
	struct scan_ctx c = {row, NULL, 0, pat, folded, icase, res};
	sqlite3_stmt *st, *more = NULL, *one = NULL, *src;
	struct prefix px = {0};
	size_t sampled = 0, holding = 0, plen = strlen(folded);
	int rc;

	*fts_from = -1;
	/* the first line of each document reads each document's blob itself
	 * (scan_prefix), the documents alone their heads first (doc_holds) */
	docs = docs && icase;
	if ((rc = sqlite3_prepare_v2(ix->db,
				     docs ? "SELECT id, plain, size, head FROM heads ORDER BY id"
				     : first_only ? "SELECT id FROM folds ORDER BY id"
						  : "SELECT id, folded FROM folds ORDER BY id",
				     -1, &st, NULL)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_text t = {0};
		bool seen;

		if (one != NULL)
			sqlite3_reset(one);
		c.id = sqlite3_column_int64(st, 0);
		if ((c.doc = search_index_listed(ix, c.id)) == NULL)
			continue; /* another catalogue's */
		if (sample && sampled == SAMPLE_DOCS) {
			if (holding * SAMPLE_SHARE < sampled) {
				*fts_from = c.id;
				rc = SQLITE_DONE;
				break;
			}
			sample = false;
		}
		sampled++;
		src = st;
		if (docs) {
			bool holds;

			if (doc_holds(ix->db, &px, st, &c, plen, &holds)) {
				holding += holds;
				if (holds)
					add_hit(res, c.doc, 0, -1, NULL, NULL, 0, 0);
				continue;
			}
		}
		if (first_only) {
			bool holds, whole;

			if ((rc = scan_prefix(ix->db, &px, &c, &holds, &whole)) != SQLITE_OK)
				break;
			if (!whole) {
				holding += holds;
				continue;
			}
			/* the whole blobs, as a search of every line reads them */
			if (one == NULL &&
			    (rc = sqlite3_prepare_v2(ix->db,
						     "SELECT id, folded FROM folds WHERE id = ?1",
						     -1, &one, NULL)) != SQLITE_OK)
				break;
			sqlite3_bind_int64(one, 1, c.id);
			if ((rc = sqlite3_step(one)) != SQLITE_ROW) {
				if (rc != SQLITE_DONE)
					break;
				continue;
			}
			src = one;
		}
		t.folded = blob(src, 1, &t.len);
		if (t.folded == NULL || memmem(t.folded, t.len, folded, plen) == NULL)
			continue; /* most documents, for a rare pattern: no more read */
		holding++;
		/* prepared at the first document that holds it */
		if (more == NULL &&
		    (rc = sqlite3_prepare_v2(ix->db,
					     "SELECT text, meta, titles FROM texts WHERE id = ?1",
					     -1, &more, NULL)) != SQLITE_OK)
			break;
		sqlite3_bind_int64(more, 1, c.id);
		if ((rc = sqlite3_step(more)) == SQLITE_ROW) {
			t.text = blob(more, 0, &t.text_len);
			t.meta = blob(more, 1, &t.meta_len);
			t.titles = blob(more, 2, &t.titles_len);
		} else if (rc != SQLITE_DONE) {
			break; /* (none: each candidate's row confirms it) */
		}
		rc = -search_text_scan(&t, pat, folded, icase, first_only, scan_hit, &c, &seen);
		sqlite3_reset(more);
		if (rc != SQLITE_OK)
			break;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(more);
	sqlite3_finalize(one);
	prefix_done(&px);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
find_once(struct search_index *ix, const char *pat, enum search_scope scope,
	  struct search_results *res)
{
	bool first_only = scope != SEARCH_EVERY_LINE;
	/* the trigram index needs three characters; shorter patterns are
	 * looked for in every line */
	bool indexed = characters(pat) >= 3;
	size_t plen = strlen(pat);
	bool icase = search_icase(pat);
	/* the folded text's blob has a space for a line's newline */
	bool scannable = memchr(pat, '\n', plen) == NULL;
	sqlite3_stmt *st = NULL, *row = NULL;
	char *folded, *q;
	int64_t done_doc = -1; /* first_only: the document whose match is found */
	int64_t fts_from = 0;  /* the index finds the documents from this id on */
	int rc;

	if ((rc = sqlite3_prepare_v2(ix->db, ROW, -1, &row, NULL)) != SQLITE_OK)
		return rc;
	folded = search_fold(pat, plen);
	q = phrase(folded);
	if (scannable && (!indexed || ix->plan != SEARCH_PLAN_INDEX))
		rc = scan(ix, row, pat, folded, icase, first_only, scope == SEARCH_DOCS,
			  indexed && ix->plan == SEARCH_PLAN_AUTO, res, &fts_from);
	if (rc == SQLITE_OK && fts_from >= 0) {
		rc = sqlite3_prepare_v2(ix->db, find_sql[indexed][first_only], -1, &st, NULL);
		if (rc == SQLITE_OK && indexed) {
			sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, LINE_ID(fts_from, 0));
		}
	}
	while (st != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct listed *doc;
		int64_t id;

		if (!first_only) {
			if ((doc = search_index_listed(ix, sqlite3_column_int64(st, 0))) != NULL)
				confirm(st, doc, pat, folded, icase, res);
			continue;
		}
		/* by row id: a found document's other candidates are skipped
		 * unread, the others' rows read one by one */
		id = sqlite3_column_int64(st, 0);
		if (LINE_DOC(id) == done_doc ||
		    (doc = search_index_listed(ix, LINE_DOC(id))) == NULL)
			continue;
		sqlite3_bind_int64(row, 1, id);
		if (sqlite3_step(row) == SQLITE_ROW && confirm(row, doc, pat, folded, icase, res))
			done_doc = LINE_DOC(id);
		sqlite3_reset(row);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	sqlite3_finalize(row);
	free(folded);
	free(q);
	for (size_t i = 1; i < res->n; i++)
		if (by_place(&res->v[i - 1], &res->v[i]) > 0) { /* (found in order, mostly) */
			qsort(res->v, res->n, sizeof *res->v, by_place);
			break;
		}
	/* the documents alone, however each was found */
	for (size_t i = 0; i < res->n && scope == SEARCH_DOCS; i++) {
		struct search_hit *h = &res->v[i];

		free(h->where);
		free(h->text);
		h->where = h->text = NULL;
		h->line = h->at = 0;
		h->section = SEARCH_NO_SECTION;
	}
	for (size_t i = 0; i < res->n; i++) {
		struct search_hit *h = &res->v[i], *prev = i > 0 ? h - 1 : NULL;
		bool same_doc = prev != NULL && prev->doc == h->doc;

		res->ndocs += !same_doc;
		h->nth = same_doc && prev->section == h->section ? prev->nth + 1 : 0;
	}
	return rc;
}

int
search_index_find(struct search_index *ix, const struct catalog *cat, const char *pat,
		  enum search_scope scope, struct search_results *res, char **err)
{
	int rc;

	(void)cat;
	*err = NULL;
	memset(res, 0, sizeof *res);
	if (*pat == '\0')
		return 0;
	if ((rc = find_once(ix, pat, scope, res)) != SQLITE_OK) {
		*err = search_index_db_error(ix->db, "cannot search");
		search_results_done(res);
		return -1;
	}
	return 0;
}

void
search_results_done(struct search_results *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->v[i].where);
		free(res->v[i].text);
	}
	free(res->v);
	memset(res, 0, sizeof *res);
}

void
search_index_set_plan(struct search_index *ix, enum search_plan plan)
{
	ix->plan = plan;
}
