/*
 * mdparts.c - rendering a document in parts (see mdparts.h).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mdparts.h"
#include "mdstream.h"
#include "outline.h"
#include "xalloc.h"

static void
start(struct render *r, const struct mdrender_opts *o, const struct md_parts_out *out)
{
	render_init(r);
	r->lines.flush = out->flush;
	r->lines.flush_arg = out->arg;
	mdrender_begin(r, o);
}

/* How many of the n offsets in ends (ascending) are at or after off. */
static size_t
ends_from(const size_t *ends, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ends[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n - lo;
}

/*
 * One pass over the parts.  False when it ended with more lead paragraphs
 * kept than headings: what it made is void (it was held throughout) and
 * the document is rendered again with none.
 */
static bool
pass(const char *body, size_t len, size_t part, const struct mdrender_opts *o,
     const struct md_parts_out *out, const size_t *ends, size_t nends, struct outline_flow *f,
     struct md_parts_stats *st)
{
	struct md_stream *s;
	struct render r;
	cmark_node *doc;
	bool restart, held = true, first = true, ok;

	s = md_stream_new(body, len, part);
	out->hold(out->arg);
	start(&r, o, out);
	while ((doc = md_stream_next(s, &restart)) != NULL) {
		struct outline ol;

		if (restart) {
			render_done(&r);
			start(&r, o, out);
			out->hold(out->arg);
			held = first = true;
			f->heads = f->leads = f->blocks = 0;
			st->restarted = true;
		}
		if (first && out->first != NULL)
			out->first(&r, doc, out->arg);
		first = false;
		outline_flow_part(&ol, doc, f, md_stream_next_level(s));
		/* a part's definitions are checked before it is returned:
		 * once all are, and the leads to come cannot outnumber the
		 * headings, nothing can be taken back */
		if (held && md_stream_settled(s) &&
		    !outline_flow_open(f, ends_from(ends, nends, md_stream_offset(s)))) {
			out->release(out->arg);
			held = false;
		}
		mdrender_part(&r, doc, &ol);
		outline_done(&ol);
		st->parts++;
	}
	ok = !outline_flow_open(f, 0);
	if (ok) {
		mdrender_end(&r);
		out->release(out->arg);
	}
	st->whole = md_stream_whole(s);
	st->prelude += md_stream_prelude_bytes(s);
	render_done(&r);
	md_stream_free(s);
	return ok;
}

void
md_parts_render(const char *body, size_t len, size_t part, const struct mdrender_opts *o,
		const struct md_parts_out *out, struct md_parts_stats *stats)
{
	struct md_parts_stats st = {0};
	struct outline_flow f = {0};
	size_t nends, *ends = outline_lead_ends(body, len, &nends);

	if (!pass(body, len, part, o, out, ends, nends, &f, &st)) {
		f = (struct outline_flow){.no_leads = true};
		st.restarted = true;
		pass(body, len, part, o, out, ends, nends, &f, &st);
	}
	free(ends);
	if (stats != NULL)
		*stats = st;
}
