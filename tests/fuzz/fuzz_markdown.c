/*
 * fuzz_markdown.c - libFuzzer target: a Markdown document parsed and
 * rendered whole at a width, and again in parts the way `rolebook print`
 * streams it (md_stream), with the whole render as the oracle.
 *
 * Input: byte 0 the width (1 to 160 cells; the renderer raises it to
 * MDRENDER_MIN_WIDTH), byte 1 the options (bit 0 ASCII glyphs, bit 1
 * link references), bytes 2-3 the part size (0: the default; else 1 byte
 * up to MD_STREAM_PART_BYTES), the rest the document.
 *
 * Properties: every rendered line is clean (valid UTF-8, no control
 * character, no bidi override) and no wider than the width, its width
 * field is its text's width, its spans lie inside it and name links that
 * exist; the parts give exactly the lines of the whole; the reader's first
 * part laid out alone (mdlazy.c), when it is, gives the first lines of the
 * whole (unless the lead paragraphs all turn to prose at the end).
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "markdown.h"
#include "mdlazy.h"
#include "mdparts.h"
#include "mdrender.h"
#include "mdstream.h"
#include "outline.h"
#include "text.h"
#include "xalloc.h"

struct dump {
	char *s;
	size_t len, cap;
	int width;
	const struct render *r;
};

static void
put(struct dump *d, const char *s, size_t n)
{
	d->s = xgrow(d->s, &d->cap, d->len + n + 1, 1);
	memcpy(d->s + d->len, s, n);
	d->len += n;
	d->s[d->len] = '\0';
}

/* No bidi override or isolate (what text_sanitize removes). */
static bool
no_bidi(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += text_decode(s + i, len - i, &cp);
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return false;
	}
	return true;
}

/* A reference line "[n] URL" (mdrefs.c): it may pass the width, only to
 * keep a URL whole (one word after the number). */
static bool
reference_line(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && text[i] == ' ')
		i++;
	if (i >= len || text[i++] != '[' || i >= len || text[i] < '0' || text[i] > '9')
		return false;
	while (i < len && text[i] >= '0' && text[i] <= '9')
		i++;
	if (i + 2 > len || text[i] != ']' || text[i + 1] != ' ')
		return false;
	return memchr(text + i + 2, ' ', len - i - 2) == NULL;
}

/* Checks each line handed over, then dumps it (kind, aux, width, lead,
 * join, spans) for the comparison of parts with the whole. */
static void
take(struct lines *l, void *arg)
{
	struct dump *d = arg;
	char buf[64];

	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->v[i];
		const char *text = lines_text(l, i);
		int w = text_width(text, ln->len);

		FUZZ_CHECK(text_is_clean(text, ln->len) && memchr(text, '\n', ln->len) == NULL &&
			       memchr(text, '\t', ln->len) == NULL && no_bidi(text, ln->len),
			   "line %zu is not clean: '%.*s'", i, (int)ln->len, text);
		FUZZ_CHECK(w <= d->width || reference_line(text, ln->len),
			   "line %zu is %d cells wide, over %d: '%.*s'", i, w, d->width,
			   (int)ln->len, text);
		FUZZ_CHECK(w == ln->width, "line %zu says %u cells, has %d", i, ln->width, w);
		FUZZ_CHECK(ln->lead <= ln->len, "line %zu: lead %u over %u bytes", i, ln->lead,
			   ln->len);
		put(d, buf,
		    (size_t)snprintf(buf, sizeof buf, "%u:%u:%u:%u:%u|", ln->kind, ln->aux,
				     ln->width, ln->lead, ln->join));
		for (uint32_t k = 0; k < ln->nspans; k++) {
			const struct span *sp = &l->spans[ln->span + k];

			FUZZ_CHECK((uint64_t)sp->off + sp->len <= ln->len,
				   "line %zu: span %u outside the line", i, k);
			put(d, buf,
			    (size_t)snprintf(buf, sizeof buf, "%x/%u'", sp->style, sp->link));
			put(d, text + sp->off, sp->len);
			put(d, "'", 1);
		}
		put(d, "\n", 1);
	}
}

/* Links are numbered when they are met: a span may only name one seen. */
static void
check_links(const struct render *r, const char *dump)
{
	for (size_t i = 0; i < r->nlinks; i++)
		FUZZ_CHECK(r->links[i].url != NULL, "link %zu has no target", i + 1);
	FUZZ_CHECK(r->nrefs <= r->nlinks, "%u references for %zu links", r->nrefs, r->nlinks);
	(void)dump;
}

static char *
render_whole(const char *md, size_t len, const struct mdrender_opts *o, int width)
{
	struct dump d = {.width = width};
	FILE *f = fmemopen((void *)(len ? md : "\n"), len ? len : 1, "r");
	char *front = NULL, *err = NULL;
	cmark_node *doc = md_parse_file(f, "fuzz", &front, &err);
	struct outline ol;
	struct render r;

	fclose(f);
	free(front);
	if (doc == NULL) {
		/* only a file with a NUL byte is refused */
		FUZZ_CHECK(memchr(md, '\0', len) != NULL, "refused: %s", err ? err : "?");
		free(err);
		return NULL;
	}
	outline_build(&ol, doc);
	render_init(&r);
	r.lines.flush = take;
	r.lines.flush_arg = &d;
	mdrender(doc, &ol, o, &r);
	check_links(&r, d.s);
	FUZZ_CHECK(r.nsections == ol.n, "%zu section lines for %zu outline entries", r.nsections,
		   ol.n);
	render_done(&r);
	outline_done(&ol);
	cmark_node_free(doc);
	put(&d, "", 0);
	return d.s;
}

/* What the parts render hands over, with what of it stands. */
struct sink {
	struct dump d;
	size_t stand;  /* d.len once released: lines that stand */
	bool released; /* something was released */
};

static void
sink_flush(struct lines *l, void *arg)
{
	take(l, &((struct sink *)arg)->d);
}

static void
sink_hold(void *arg)
{
	struct sink *k = arg;

	FUZZ_CHECK(!k->released, "lines taken back after they were said to stand");
	k->d.len = k->stand;
}

static void
sink_release(void *arg)
{
	struct sink *k = arg;

	k->stand = k->d.len;
	k->released = true;
}

/* The same document in parts aimed at part bytes, as cli_print() renders
 * them (the links the lines name are checked on the whole's render). */
static char *
render_parts(const char *md, size_t len, size_t part, const struct mdrender_opts *o, int width)
{
	struct sink k = {.d = {.width = width}};
	struct md_parts_out out = {sink_flush, sink_hold, sink_release, NULL, &k};
	FILE *f = fmemopen((void *)(len ? md : "\n"), len ? len : 1, "r");
	char *front = NULL, *err = NULL, *body;
	size_t blen;

	body = md_read_body(f, "fuzz", &blen, &front, &err);
	fclose(f);
	free(front);
	FUZZ_CHECK(body != NULL, "the parts refuse what the whole took: %s", err ? err : "?");
	md_parts_render(body, blen, part, o, &out, NULL);
	free(body);
	FUZZ_CHECK(k.released, "the parts render never released its lines");
	k.d.len = k.stand;
	put(&k.d, "", 0);
	return k.d.s;
}

/* The reader's first step on the same document with parts aimed at part
 * bytes: its lines when the first part was laid out alone and stands,
 * else NULL. */
static char *
render_first(const char *md, size_t len, size_t part, const struct mdrender_opts *o, int width)
{
	struct dump d = {.width = width};
	FILE *f = fmemopen((void *)(len ? md : "\n"), len ? len : 1, "r");
	char *front = NULL, *err = NULL, *body;
	size_t blen;
	struct md_lazy z;
	struct render r;
	bool alone;

	body = md_read_body(f, "fuzz", &blen, &front, &err);
	fclose(f);
	free(front);
	FUZZ_CHECK(body != NULL, "the reader refuses what the whole took: %s", err ? err : "?");
	render_init(&r);
	md_lazy_init(&z, body, blen, NULL, o, &r);
	z.part = part;
	md_lazy_step(&z);
	alone = z.quick;
	if (alone)
		take(&r.lines, &d);
	md_lazy_all(&z);
	md_lazy_done(&z);
	render_done(&r);
	free(body);
	if (!alone || z.f.no_leads) {
		free(d.s);
		return NULL;
	}
	put(&d, "", 0);
	return d.s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	md_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdrender_opts o = {0};
	size_t part;
	const char *md;
	size_t len;
	char *whole, *parts;

	if (size < 4)
		return 0;
	o.width = 1 + data[0] % 160;
	o.ascii = data[1] & 1;
	o.references = (data[1] & 2) != 0;
	part = (size_t)data[2] << 8 | data[3];
	part = part == 0 ? 0 : 1 + (part * 2) % MD_STREAM_PART_BYTES;
	md = (const char *)data + 4;
	len = size - 4;

	{
		int width = o.width < MDRENDER_MIN_WIDTH ? MDRENDER_MIN_WIDTH : o.width;

		whole = render_whole(md, len, &o, width);
		if (whole == NULL)
			return 0;
		parts = render_parts(md, len, part, &o, width);
	}
	FUZZ_CHECK(strcmp(whole, parts) == 0,
		   "parts of %zu bytes differ from the whole:\n--- whole\n%s\n--- parts\n%s", part,
		   whole, parts);
	free(parts);
	if (part > 0) {
		int width = o.width < MDRENDER_MIN_WIDTH ? MDRENDER_MIN_WIDTH : o.width;
		char *first = render_first(md, len, part, &o, width);

		FUZZ_CHECK(first == NULL || strncmp(whole, first, strlen(first)) == 0,
			   "the first part alone differs from the whole:\n--- whole\n%s\n--- "
			   "first\n%s",
			   whole, first);
		free(first);
	}
	free(whole);
	return 0;
}
