/*
 * test_outline.c - unit tests for the sections of src/outline.c (issue
 * 12): a paragraph ending in ':' before a list is a section only where it
 * works as a heading, and never more of them than real headings.  Each
 * outline is written as one line, "Title/2 *Lead/3 ...", and compared
 * whole.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "outline.h"
#include "strbuf.h"
#include "unit.h"
#include "xalloc.h"

/* The outline of md as one line: each entry "Title/level", a lead
 * paragraph's with a '*' before it. */
static char *
outline_of(const char *md)
{
	cmark_node *doc = md_parse(md, strlen(md), NULL);
	struct outline o;
	char *out = xstrdup("");

	outline_build(&o, doc);
	for (size_t i = 0; i < o.n; i++) {
		char *s = xasprintf("%s%s%s%s/%d", out, i ? " " : "", o.v[i].lead ? "*" : "",
				    o.v[i].title, o.v[i].level);
		free(out);
		out = s;
	}
	outline_done(&o);
	cmark_node_free(doc);
	return out;
}

#define OUTLINE(md, want)                                                                          \
	do {                                                                                       \
		char *got_ = outline_of(md);                                                       \
		UNIT_ASSERT_STR(want, got_);                                                       \
		free(got_);                                                                        \
	} while (0)

/* api-conventions.md's way: "The following terms are defined:" and the
 * like between real headings are prose. */
static void
test_api_conventions(void)
{
	OUTLINE("# API Conventions\n\n"
		"## Terminology\n\nThe following terms are defined:\n\n- **Kind** a name\n\n"
		"## Types\n\nKinds fall in groups.\n\nThe following kinds are defined:\n\n- a\n\n"
		"### Objects\n\nText.\n\nThe following fields are defined:\n\n- x\n\n"
		"### Lists\n\nThe following are defined:\n\n- y\n\n"
		"## Spec\n\nStuff.\n\nFields are:\n\n- z\n\nAlso:\n\n- w\n",
		/* between real headings all of them are prose */
		"API Conventions/1 Terminology/2 Types/2 Objects/3 Lists/3 Spec/2");
	/* more than the document's headings: none */
	OUTLINE("# Doc\n\nText.\n\nOne:\n\n- a\n\nTwo:\n\n- b\n", "Doc/1");
	OUTLINE("# Doc\n\n## Two\n\nText.\n\nOne:\n\n- a\n\nTwo:\n\n- b\n\nThree:\n\n- c\n",
		"Doc/1 Two/2");
	/* as many as the headings, in a part longer than all before it */
	OUTLINE("# Doc\n\n## Two\n\nText.\n\nOne:\n\n- a\n\nTwo:\n\n- b\n",
		"Doc/1 Two/2 *One/3 *Two/3");
	/* in a part other headings divide: not one */
	OUTLINE(
	    "# Doc\n\nText.\n\nOne:\n\n- a\n\n## Two\n\nText.\n\nTwo:\n\n- b\n\nThree:\n\n- c\n",
	    "Doc/1 Two/2 *Two/3 *Three/3");
}

/* contributing.md's way (issue 12 review): a colon paragraph alone in
 * the part of a heading, in a document whose headings divide it all,
 * introduces its list; wg-governance.md's: two of them in a part no
 * longer than the document before it are prose too. */
static void
test_real_headings(void)
{
	OUTLINE("# Contributing\n\nWelcome.\n\n### Communication\n\nAsk.\n\n"
		"## GitHub workflow\n\nSee the guide.\n\nThe full workflow is documented here:\n\n"
		"- [workflow](w.md)\n\nThat document is detailed:\n\n"
		"## Opening a Pull Request\n\nPRs.\n\nCommon new contributor PR issues are:\n\n"
		"- the CLA\n- the SIG\n\n## Code Review\n\nReview.\n\n## Testing\n\nTests.\n",
		"Contributing/1 Communication/3 GitHub workflow/2 Opening a Pull Request/2 "
		"Code Review/2 Testing/2");
	OUTLINE("# WG\n\n## Overview\n\nWhy.\n\nMore.\n\n- a\n- b\n\n## Goals\n\n- c\n- d\n\n"
		"## Relationship\n\nAssets.\n\nGroups may own the following:\n\n- e\n\n"
		"Groups are distinct in that they intend to:\n\n- f\n\nMore text.\n\n"
		"## Creation\n\nText.\n",
		"WG/1 Overview/2 Goals/2 Relationship/2 Creation/2");
	/* the same leads where the headings stop: sections */
	OUTLINE("# WG\n\n## Relationship\n\nAssets.\n\nGroups may own the following:\n\n- e\n\n"
		"Groups are distinct in that they intend to:\n\n- f\n\nMore text.\n",
		"WG/1 Relationship/2 *Groups may own the following/3 *Groups are distinct in that "
		"they intend to/3");
	/* none without a heading at all */
	OUTLINE("Text.\n\nOne:\n\n- a\n", "/1");
}

static const char *
upstream_dir(void)
{
	const char *e = getenv("UPSTREAM_DIR");
	return e && *e ? e : TEST_SRCDIR "/../shared/upstream-roles";
}

/* The outline of an upstream file, or NULL (after a note) when absent. */
static char *
upstream_outline(const char *name)
{
	char *path = xasprintf("%s/%s", upstream_dir(), name), *text, *out;
	FILE *f = fopen(path, "r");
	struct strbuf b = {0};
	char buf[4096];
	size_t n;

	free(path);
	if (f == NULL) {
		fprintf(stderr, "\nnote: upstream %s not found; skipped\n", name);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&b, buf, n);
	fclose(f);
	text = strbuf_take(&b);
	out = outline_of(text);
	free(text);
	return out;
}

/* Upstream's role files keep the sections their colon paragraphs make. */
static void
test_upstream_roles(void)
{
	char *tl = upstream_outline("technical-lead.md"),
	     *pm = upstream_outline("program-manager.md");

	if (tl != NULL)
		UNIT_ASSERT_STR("Technical Lead/1 Role Description/2 About/3 Abstract/3 "
				"*Expectations of Technical Leads are/4 *Examples for technical "
				"leadership within a SIG are/4 *The common skill set of Technical "
				"Leads divides into three areas/4",
				tl);
	if (pm != NULL)
		UNIT_ASSERT_STR("Program Manager/1 Role Description/2 About/3 Abstract/3 "
				"*Examples of Program Management leadership within a SIG include/4 "
				"*The common skill set of Program Managers covers three areas/4",
				pm);
	free(tl);
	free(pm);
}

int
test_outline_register(void)
{
	CU_pSuite s = CU_add_suite("sections", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "colon paragraphs between headings are prose", test_api_conventions) ||
	    !CU_add_test(s, "a part a real heading heads", test_real_headings) ||
	    !CU_add_test(s, "upstream roles keep theirs", test_upstream_roles))
		return CU_get_error();
	return 0;
}
