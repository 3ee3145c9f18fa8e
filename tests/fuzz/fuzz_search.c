/*
 * fuzz_search.c - libFuzzer target: search across documents
 * (src/search_index.c) on one document indexed in memory, against a
 * reference written here from the rule alone.
 *
 * Input: the pattern, a NUL, then the document (Markdown); without a NUL,
 * the first 1 to 8 bytes (byte 0's low bits) are the pattern.  A pattern
 * with control characters or invalid UTF-8 is made clean first, as the
 * command line and the prompt only let clean text in.
 *
 * Properties: every line reported holds the pattern at the offset given,
 * by the rule (smart case: with no upper-case letter, code points compared
 * after text_fold_cp; else byte for byte); no line that holds it is
 * missed (the trigram index never loses a candidate): the lines reported
 * are exactly the runs of the render (search_join_line) that the
 * reference finds, in order, with their sections; the folded text
 * (search_fold) is as long as the text, and search_in() with case ignored
 * finds what the reference finds;
 * every plan (the index alone, the scan of the document's blobs alone),
 * for every line or the first, reports the same lines, field by field.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "fuzz.h"
#include "role_text.h"
#include "search.h"
#include "search_index.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

static char base[] = "/tmp/rolebook-fuzz-search.XXXXXX";
static char *doc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (mkdtemp(base) == NULL)
		abort();
	doc = xasprintf("%s/doc.md", base);
	return 0;
}

/* The reference: does pat occur in s at byte i, by the rule? */
static bool
ref_at(const char *s, size_t len, size_t i, const char *pat, size_t plen, bool icase)
{
	size_t k = 0;

	if (!icase)
		return i + plen <= len && memcmp(s + i, pat, plen) == 0;
	while (k < plen) {
		uint32_t a, b;
		size_t na, nb;
		if (i >= len)
			return false;
		na = text_decode(s + i, len - i, &a);
		nb = text_decode(pat + k, plen - k, &b);
		if (text_fold_cp(a) != text_fold_cp(b))
			return false;
		i += na;
		k += nb;
	}
	return true;
}

/* The first offset where the reference finds pat, on a character, or -1. */
static long
ref_find(const char *s, size_t len, const char *pat, size_t plen, bool icase)
{
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (ref_at(s, len, i, pat, plen, icase))
			return (long)i;
	}
	return -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, 0, size);
	size_t praw = nul ? (size_t)((const uint8_t *)nul - data) : (size ? (data[0] & 7u) + 1 : 0);
	char *pat, *err = NULL;
	const char *text;
	size_t tlen, plen;
	struct catalog cat;
	struct search_index *ix;
	struct search_results res;
	struct role *r;
	bool icase;
	FILE *f;

	if (size == 0 || praw > size || size > 8192)
		return 0;
	pat = text_sanitize((const char *)data, praw, 0, &plen);
	text = (const char *)data + praw + (nul ? 1 : 0);
	tlen = size - praw - (nul ? 1 : 0);
	if (plen == 0 || plen > 64 || strlen(pat) != plen) {
		free(pat);
		return 0;
	}
	if ((f = fopen(doc, "w")) == NULL)
		abort();
	fwrite(text, 1, tlen, f);
	fclose(f);
	icase = search_icase(pat);

	catalog_init(&cat);
	r = catalog_add_file(&cat, doc, &err);
	FUZZ_CHECK(r != NULL, "%s", err ? err : "");
	ix = search_index_open(NULL, &err);
	FUZZ_CHECK(ix != NULL, "%s", err ? err : "");
	FUZZ_CHECK(search_index_update(ix, &cat, &err) == 1, "%s", err ? err : "");
	FUZZ_CHECK(search_index_find(ix, &cat, pat, SEARCH_EVERY_LINE, &res, &err) == 0, "%s",
		   err ? err : "");
	/* every plan finds the same lines (the index's candidates, or the
	 * scan of the document's blobs), for every line or the first */
	for (int plan = SEARCH_PLAN_INDEX; plan <= SEARCH_PLAN_SCAN; plan++) {
		for (int first = 0; first < 2; first++) {
			struct search_results o;
			size_t want = first ? (res.n > 0) : res.n;
			search_index_set_plan(ix, (enum search_plan)plan);
			FUZZ_CHECK(
			    search_index_find(ix, &cat, pat,
					      first ? SEARCH_FIRST_PER_DOC : SEARCH_EVERY_LINE, &o,
					      &err) == 0,
			    "%s", err ? err : "");
			FUZZ_CHECK(o.n == want, "plan %d: %zu lines, not %zu", plan, o.n, want);
			for (size_t i = 0; i < o.n && i < res.n; i++)
				FUZZ_CHECK(o.v[i].line == res.v[i].line &&
					       o.v[i].section == res.v[i].section &&
					       o.v[i].at == res.v[i].at &&
					       strcmp(o.v[i].text, res.v[i].text) == 0 &&
					       strcmp(o.v[i].where, res.v[i].where) == 0,
					   "plan %d: line %zu differs", plan, i);
			search_results_done(&o);
		}
		{ /* the documents alone (search -l): this one when a line holds it */
			struct search_results o;
			FUZZ_CHECK(search_index_find(ix, &cat, pat, SEARCH_DOCS, &o, &err) == 0,
				   "%s", err ? err : "");
			FUZZ_CHECK(o.n == (res.n > 0) && (o.n == 0 || o.v[0].doc == 0),
				   "plan %d: %zu documents, lines in %zu", plan, o.n, res.n);
			search_results_done(&o);
		}
	}

	/* every line reported holds it, where it says */
	for (size_t i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.v[i];
		size_t len = strlen(h->text);
		FUZZ_CHECK(h->doc == 0, "doc %zu", h->doc);
		FUZZ_CHECK(ref_at(h->text, len, h->at, pat, plen, icase),
			   "\"%s\" not at %zu of \"%s\"", pat, h->at, h->text);
		FUZZ_CHECK(ref_find(h->text, len, pat, plen, icase) == (long)h->at,
			   "not the first");
	}

	/* none missed: the runs of the render that hold it, in order */
	if (role_load(r) == 0) {
		struct mdrender_opts o = {.width = SEARCH_RENDER_WIDTH};
		struct render out;
		struct strbuf run = STRBUF_INIT;
		size_t k = 0;

		render_init(&out);
		role_render(r, role_render_base(r), &o, &out);
		for (size_t i = 0; i < out.lines.n;) {
			uint32_t sec = render_line_section(&out, i);
			char *folded;
			long at;

			run.len = 0;
			search_join_line(&run, &out.lines, i, false);
			for (i++; i < out.lines.n && out.lines.v[i].join != JOIN_NONE; i++)
				search_join_line(&run, &out.lines, i, true);
			if (run.len == 0)
				continue;
			folded = search_fold(run.s, run.len);
			FUZZ_CHECK(strlen(folded) == run.len || memchr(run.s, 0, run.len),
				   "folding changed the length");
			free(folded);
			at = ref_find(run.s, run.len, pat, plen, icase);
			FUZZ_CHECK(search_in(run.s, run.len, 0, pat, plen, icase) == at,
				   "search_in and the reference differ on \"%s\"", pat);
			if (at < 0)
				continue;
			FUZZ_CHECK(k < res.n, "a line holding \"%s\" missed: \"%.*s\"", pat,
				   (int)run.len, run.s);
			FUZZ_CHECK(strlen(res.v[k].text) == run.len &&
				       memcmp(res.v[k].text, run.s, run.len) == 0,
				   "line %zu differs", k);
			FUZZ_CHECK(res.v[k].section == sec, "section %u, not %u", res.v[k].section,
				   sec);
			k++;
		}
		FUZZ_CHECK(k == res.n, "%zu lines reported, %zu hold \"%s\"", res.n, k, pat);
		strbuf_free(&run);
		render_done(&out);
	}
	search_results_done(&res);
	search_index_close(ix);
	catalog_done(&cat);
	free(pat);
	free(err);
	return 0;
}
