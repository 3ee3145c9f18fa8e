/*
 * test_lines.c - unit tests for src/lines.c: the styled line buffer.
 *
 * Checks span merging, line kinds and widths, padding, the plain-text
 * dumps and the streaming flush callback.  Spans are compared as text in
 * the form "<style>/<link>'<bytes>'" so that a failure shows them all.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "unit.h"

/* Every span of line i as "style/link'text'" items joined by spaces. */
static char *
spans_of(const struct lines *l, size_t i)
{
	const struct line *ln = &l->v[i];
	size_t cap = 64 + (size_t)ln->len + 32 * (size_t)ln->nspans, o = 0;
	char *out = malloc(cap);

	out[0] = '\0';
	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		o += (size_t)snprintf(out + o, cap - o, "%s%u/%u'%.*s'", k ? " " : "",
				      (unsigned)sp->style, (unsigned)sp->link, (int)sp->len,
				      lines_text(l, i) + sp->off);
	}
	return out;
}

#define SPANS(l, i, expected)                                                                      \
	do {                                                                                       \
		char *got_ = spans_of((l), (i));                                                   \
		UNIT_ASSERT_STR(expected, got_);                                                   \
		free(got_);                                                                        \
	} while (0)

static void
test_merge(void)
{
	struct lines l;

	lines_init(&l);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "ab", 2, STY_PLAIN, 0);
	lines_add(&l, "cd", 2, STY_PLAIN, 0);  /* same style: merges */
	lines_add(&l, "EF", 2, STY_STRONG, 0); /* new style: new span */
	lines_add(&l, "gh", 2, STY_STRONG, 0); /* merges again */
	lines_add(&l, "ij", 2, STY_STRONG | STY_LINK, 3);
	lines_add(&l, "kl", 2, STY_STRONG | STY_LINK, 4); /* other link: new span */
	lines_add(&l, "", 0, STY_EMPH, 0);		  /* nothing added */
	lines_end(&l);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_EQUAL(l.v[0].nspans, 4);
	CU_ASSERT_EQUAL(l.nspans, 4);
	SPANS(&l, 0, "0/0'abcd' 1/0'EFgh' 17/3'ij' 17/4'kl'");
	CU_ASSERT_EQUAL(l.v[0].len, 12);
	CU_ASSERT_EQUAL(l.v[0].width, 12);
	/* A new line never merges into the previous line's last span. */
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "mn", 2, STY_STRONG | STY_LINK, 4);
	lines_end(&l);
	CU_ASSERT_EQUAL(l.v[1].span, 4);
	SPANS(&l, 1, "17/4'mn'");
	SPANS(&l, 0, "0/0'abcd' 1/0'EFgh' 17/3'ij' 17/4'kl'");
	lines_done(&l);
	CU_ASSERT_PTR_NULL(l.arena);
	CU_ASSERT_EQUAL(l.n, 0);
}

static void
test_kinds_and_widths(void)
{
	struct lines l;

	lines_init(&l);
	lines_begin(&l, LINE_TEXT, 2, 0);
	lines_add(&l, "日本 e\xcc\x81", 10, STY_PLAIN, 0); /* 2+2+1+1+0 cells */
	lines_begin(&l, LINE_TASK, 3, 7);		   /* ends the open line */
	lines_add(&l, "☐ x", strlen("☐ x"), STY_MARKER, 0);
	lines_end(&l);
	lines_begin(&l, LINE_TEXT, 3, 0); /* empty text line becomes blank */
	lines_end(&l);
	lines_begin(&l, LINE_TASK, 3, 8); /* an empty task line stays a task */
	lines_end(&l);
	lines_blank(&l, 4);
	lines_end(&l); /* nothing open: no-op */
	CU_ASSERT_EQUAL(l.n, 5);
	CU_ASSERT_EQUAL(l.v[0].width, 6);
	CU_ASSERT_EQUAL(l.v[0].kind, LINE_TEXT);
	CU_ASSERT_EQUAL(l.v[0].section, 2);
	CU_ASSERT_EQUAL(l.v[1].kind, LINE_TASK);
	CU_ASSERT_EQUAL(l.v[1].aux, 7);
	CU_ASSERT_EQUAL(l.v[1].width, 3);
	CU_ASSERT_EQUAL(l.v[2].kind, LINE_BLANK);
	CU_ASSERT_EQUAL(l.v[3].kind, LINE_TASK);
	CU_ASSERT_EQUAL(l.v[3].aux, 8);
	CU_ASSERT_EQUAL(l.v[4].kind, LINE_BLANK);
	CU_ASSERT_EQUAL(l.v[4].section, 4);
	CU_ASSERT_EQUAL(l.v[4].len, 0);
	CU_ASSERT_FALSE(l.open);
	lines_done(&l);
}

/* Lines of no bytes before any text (a document that renders to blanks
 * alone, "<br></t>" in fuzz_markdown): their text is a pointer all the
 * same, for memcpy and the like (UBSan: zero offset to a null pointer). */
static void
test_empty_lines_have_text(void)
{
	struct lines l;
	char *s;

	lines_init(&l);
	lines_blank(&l, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_end(&l);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_PTR_NULL(l.arena);
	CU_ASSERT_PTR_NOT_NULL(lines_text(&l, 0));
	CU_ASSERT_PTR_NOT_NULL(lines_text(&l, 1));
	CU_ASSERT_EQUAL(lines_text(&l, 1)[0], '\0'); /* (NULL + 0 may pass the above) */
	s = lines_dump(&l);
	CU_ASSERT_STRING_EQUAL(s, "\n\n");
	free(s);
	s = lines_plain(&l, 1);
	CU_ASSERT_STRING_EQUAL(s, "");
	free(s);
	lines_done(&l);
}

static void
test_add_opens_line(void)
{
	struct lines l;

	lines_init(&l);
	lines_add(&l, "", 0, STY_PLAIN, 0);
	CU_ASSERT_EQUAL(l.n, 0); /* an empty add opens nothing */
	lines_add(&l, "x", 1, STY_PLAIN, 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_TRUE(l.open);
	lines_end(&l);
	CU_ASSERT_EQUAL(l.v[0].width, 1);
	lines_done(&l);
}

static void
test_pad(void)
{
	struct lines l;
	char *s;

	lines_init(&l);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "a", 1, STY_PLAIN, 0);
	lines_pad(&l, 0, STY_PLAIN);
	lines_pad(&l, -3, STY_PLAIN);
	lines_pad(&l, 40, STY_MARKER); /* more than one chunk, still one span */
	lines_add(&l, "b", 1, STY_PLAIN, 0);
	lines_end(&l);
	CU_ASSERT_EQUAL(l.v[0].width, 42);
	CU_ASSERT_EQUAL(l.v[0].nspans, 3);
	s = lines_plain(&l, 0);
	UNIT_ASSERT_STR("a                                        b", s);
	free(s);
	lines_done(&l);
}

static void
test_wide_line_width(void)
{
	struct lines l;
	size_t n = 70000;
	char *big = malloc(n);

	memset(big, 'x', n);
	lines_init(&l);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, big, n, STY_PLAIN, 0);
	lines_end(&l);
	/* wider than a uint16_t: clamped, not wrapped around */
	CU_ASSERT_EQUAL(l.v[0].width, UINT16_MAX);
	CU_ASSERT_EQUAL(l.v[0].len, n);
	free(big);
	lines_done(&l);
}

static void
test_dump(void)
{
	struct lines l;
	char *s;

	lines_init(&l);
	s = lines_dump(&l);
	UNIT_ASSERT_STR("", s);
	free(s);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "one", 3, STY_STRONG, 0);
	lines_add(&l, " two", 4, STY_PLAIN, 0);
	lines_blank(&l, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "│ ünï", strlen("│ ünï"), STY_MARKER, 0);
	lines_end(&l);
	s = lines_dump(&l);
	UNIT_ASSERT_STR("one two\n\n│ ünï\n", s);
	free(s);
	s = lines_plain(&l, 0);
	UNIT_ASSERT_STR("one two", s);
	free(s);
	s = lines_plain(&l, 1);
	UNIT_ASSERT_STR("", s);
	free(s);
	lines_done(&l);
}

static void
test_clear(void)
{
	struct lines l;
	size_t cap, acap;
	char *s;

	lines_init(&l);
	for (int i = 0; i < 100; i++) {
		lines_begin(&l, LINE_TEXT, 0, 0);
		lines_add(&l, "line", 4, STY_PLAIN, 0);
	}
	cap = l.cap;
	acap = l.arena_cap;
	lines_clear(&l);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(l.nspans, 0);
	CU_ASSERT_EQUAL(l.arena_len, 0);
	CU_ASSERT_FALSE(l.open);
	CU_ASSERT_EQUAL(l.cap, cap);
	CU_ASSERT_EQUAL(l.arena_cap, acap);
	lines_add(&l, "again", 5, STY_EMPH, 0);
	lines_end(&l);
	s = lines_dump(&l);
	UNIT_ASSERT_STR("again\n", s);
	free(s);
	SPANS(&l, 0, "2/0'again'");
	lines_done(&l);
}

/* Flush callback: appends the dump of what it is given and counts calls. */
struct sink {
	char buf[256];
	int calls;
	size_t most;
};

static void
sink_flush(struct lines *l, void *arg)
{
	struct sink *s = arg;
	char *d = lines_dump(l);

	strncat(s->buf, d, sizeof s->buf - strlen(s->buf) - 1);
	free(d);
	s->calls++;
	if (l->n > s->most)
		s->most = l->n;
	CU_ASSERT_FALSE(l->open); /* complete lines only */
}

static void
test_flush(void)
{
	struct lines l;
	struct sink s = {.calls = 0};

	lines_init(&l);
	/* Without a callback, flushing keeps the lines. */
	lines_add(&l, "kept", 4, STY_PLAIN, 0);
	lines_flush(&l);
	CU_ASSERT_EQUAL(l.n, 1);
	lines_clear(&l);

	l.flush = sink_flush;
	l.flush_arg = &s;
	lines_flush(&l); /* nothing to hand over: no call */
	CU_ASSERT_EQUAL(s.calls, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "a", 1, STY_PLAIN, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "b", 1, STY_PLAIN, 0); /* still open: flush ends it */
	lines_flush(&l);
	CU_ASSERT_EQUAL(s.calls, 1);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(l.arena_len, 0);
	lines_blank(&l, 0);
	lines_add(&l, "c", 1, STY_PLAIN, 0);
	lines_flush(&l);
	CU_ASSERT_EQUAL(s.calls, 2);
	UNIT_ASSERT_STR("a\nb\n\nc\n", s.buf);
	CU_ASSERT_EQUAL(s.most, 2);
	lines_done(&l);
}

int
test_lines_register(void)
{
	static const struct unit_test tests[] = {
	    {"spans merge", test_merge},
	    {"kinds and widths", test_kinds_and_widths},
	    {"empty lines have text", test_empty_lines_have_text},
	    {"add opens a line", test_add_opens_line},
	    {"pad", test_pad},
	    {"width clamps", test_wide_line_width},
	    {"dump and plain", test_dump},
	    {"clear keeps memory", test_clear},
	    {"flush callback", test_flush},
	};
	return unit_add_suite("lines", tests, sizeof tests / sizeof tests[0]);
}
