/*
 * test_links.c - unit tests for src/links.c: what a link's target means,
 * in the documented order, without a file system or a screen.  Each
 * result is written as one line ("file a/b.md | b.md #x") and compared
 * whole.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "unit.h"
#include "xalloc.h"

/* The handbook of these tests has two roles. */
static bool
has_role(const char *id, void *arg)
{
	(void)arg;
	return strcmp(id, "technical-lead") == 0 || strcmp(id, "program-manager") == 0;
}

/* url resolved from a document at path, as one line. */
static char *
resolve(const char *path, const char *url)
{
	struct link_from from = {path, has_role, NULL};
	struct link_target t;
	char *out;

	links_resolve(&from, url, &t);
	switch (t.kind) {
	case LINK_EXTERNAL:
		out = xasprintf("external %s", t.scheme);
		break;
	case LINK_ROLE:
		out = xasprintf("role %s", t.id);
		break;
	case LINK_FILE:
		out = xasprintf("file %s%s%s", t.paths[0], t.paths[1] ? " | " : "",
				t.paths[1] ? t.paths[1] : "");
		break;
	case LINK_NOT_FOUND:
		out = xasprintf("not found: %s", t.reason);
		break;
	default:
		out = xstrdup(link_kind_name(t.kind));
		break;
	}
	if (t.anchor != NULL) {
		char *s = xasprintf("%s #%s", out, t.anchor);
		free(out);
		out = s;
	}
	link_target_done(&t);
	return out;
}

#define RESOLVES(path, url, want)                                                                  \
	do {                                                                                       \
		char *got_ = resolve(path, url);                                                   \
		UNIT_ASSERT_STR(want, got_);                                                       \
		free(got_);                                                                        \
	} while (0)

static void
test_external(void)
{
	RESOLVES("roles/a.md", "https://example.org/x.md", "external https");
	RESOLVES("roles/a.md", "mailto:someone@example.org", "external mailto");
	RESOLVES("roles/a.md", "tel:+1-555", "external tel");
	RESOLVES("roles/a.md", "urn:isbn:123", "external urn");
	RESOLVES("roles/a.md", "git+ssh://host/repo", "external git+ssh");
	/* no scheme: a ':' after a '/' or a first character that is no letter */
	RESOLVES("roles/a.md", "./a:b.md", "file roles/./a:b.md | roles/a:b.md");
	RESOLVES("roles/a.md", "1x:y.md", "file roles/1x:y.md");
}

static void
test_anchor(void)
{
	RESOLVES("roles/a.md", "#risks", "anchor #risks");
	RESOLVES("roles/a.md", "#", "anchor #");
	RESOLVES("roles/a.md", "", "anchor");
	/* the anchor is kept as written: the reader decodes it with the headings */
	RESOLVES("roles/a.md", "#caf%C3%A9", "anchor #caf%C3%A9");
}

static void
test_role_by_id(void)
{
	/* 2: the file name without .md names a role, wherever the path points */
	RESOLVES("roles/a.md", "technical-lead.md", "role technical-lead");
	RESOLVES("roles/a.md", "../elsewhere/technical-lead.md#duties",
		 "role technical-lead #duties");
	RESOLVES("roles/a.md", "/sig/technical-lead.MD", "role technical-lead");
	RESOLVES("roles/a.md", "program-manager.markdown", "role program-manager");
	/* a target without .md names a role only this way */
	RESOLVES("roles/a.md", "technical-lead", "role technical-lead");
	RESOLVES("roles/a.md", "secretary", "not found: no role has this id");
	RESOLVES("roles/a.md", "docs/", "not found: no file name");
	/* escapes are decoded before the name is looked at */
	RESOLVES("roles/a.md", "technical%2Dlead.md", "role technical-lead");
}

static void
test_files(void)
{
	/* 3 then 4: the path from the document's folder, then its file name there */
	RESOLVES("roles/a.md", "notes.md", "file roles/notes.md");
	RESOLVES("roles/a.md", "sub/notes.md#x", "file roles/sub/notes.md | roles/notes.md #x");
	RESOLVES("roles/a.md", "../notes.md", "file roles/../notes.md | roles/notes.md");
	/* a path from the repository's root: only the file name in the folder */
	RESOLVES("roles/a.md", "/committee-steering/governance/sig-governance.md",
		 "file roles/sig-governance.md");
	RESOLVES("roles/a.md", "my%20notes.md", "file roles/my notes.md");
	/* the folder of a bare file name is ".", of a file in "/" the root */
	RESOLVES("a.md", "b.md", "file ./b.md");
	RESOLVES("/a.md", "sub/b.md", "file /sub/b.md | /b.md");
	/* the document itself, by path: a file like any other (the app
	 * finds it is the one shown) */
	RESOLVES("/r/a.md", "a.md#top", "file /r/a.md #top");
}

int
test_links_register(void)
{
	CU_pSuite s = CU_add_suite("links", NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	if (!CU_add_test(s, "a scheme leaves the handbook", test_external) ||
	    !CU_add_test(s, "an anchor alone stays in the document", test_anchor) ||
	    !CU_add_test(s, "a role by its id first", test_role_by_id) ||
	    !CU_add_test(s, "then files from the document's folder", test_files))
		return CU_get_error();
	return 0;
}
