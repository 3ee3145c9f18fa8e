/*
 * test_content.c - unit tests for src/content.c: the role catalogue and
 * the role model (sections, checklist items, skill areas, statements).
 *
 * Bundled roles come from TEST_SRCDIR/content/roles, hostile and broken
 * files from TEST_SRCDIR/tests/data/broken, and the upstream corpus from
 * $UPSTREAM_DIR or TEST_SRCDIR/../shared/upstream-roles (skipped with a
 * note when absent).  Files the tests write go under unit_tmpdir.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "fixture.h"
#include "lines.h"
#include "mdrender.h"
#include "text.h"
#include "unit.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

#define BUNDLED TEST_SRCDIR "/content/roles"
#define BROKEN TEST_SRCDIR "/tests/data/broken"

/* ---- helpers ----------------------------------------------------------- */

static const char *
upstream_dir(void)
{
	const char *e = getenv("UPSTREAM_DIR");

	return e && *e ? e : TEST_SRCDIR "/../shared/upstream-roles";
}

/* Frees a role made by fixture_role_text() through a one-role catalogue, so
 * that the test uses content.c's own cleanup. */
static void
role_drop(struct role *r)
{
	struct catalog c;

	catalog_init(&c);
	c.v = malloc(sizeof *c.v);
	c.v[0] = r;
	c.n = c.cap = 1;
	catalog_done(&c);
}

/* Creates the folder unit_tmpdir/name (if needed); its path goes to out. */
static void
make_dir(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", unit_tmpdir, name);
	CU_ASSERT_TRUE(mkdir(out, 0700) == 0 || errno == EEXIST);
}

/* Renders r's model at width and returns the render (caller render_done). */
static void
render_role(const struct role *r, int width, struct render *out)
{
	struct mdrender_opts o = {width, false, false, false};

	render_init(out);
	mdrender(r->doc, &r->outline, &o, out);
}

static size_t
areas_stmts(const struct role *r, size_t area)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nstmts; i++)
		n += r->stmts[i].area == area;
	return n;
}

/* "(form: KEY)" at an item's end names the Leadership Change form task it
 * answers; like "(required)" it is left out of the text and the id, in
 * either order with it. */
static void
test_model_form_mark(void)
{
	struct role *r = fixture_role_text(
	    "form", "# F\n\n## Onboarding checklist\n\n"
		    "- [ ] Update sigs.yaml (form: sigs-yaml)\n"
		    "- [ ] Be an org member (form: org-member) (required)\n"
		    "- [ ] Take the course (required) (FORM:  lfc102 )\n"
		    "- [ ] Read the charter\n"
		    "- [ ] Ask (form: Not A Key)\n"
		    "- [ ] (form: youtube)\n"
		    "- [ ] Own the lists (form: group-list-owner,leads-list-owner )\n"
		    "- [ ] Trail (form: a,)\n");
	char id[13];

	CU_ASSERT_EQUAL_FATAL(r->nitems, 8);
	UNIT_ASSERT_STR("Update sigs.yaml", r->items[0].text);
	UNIT_ASSERT_STR("sigs-yaml", r->items[0].form);
	CU_ASSERT_FALSE(r->items[0].required);
	content_item_id("Update sigs.yaml", id);
	UNIT_ASSERT_STR(id, r->items[0].id);
	UNIT_ASSERT_STR("Be an org member", r->items[1].text);
	UNIT_ASSERT_STR("org-member", r->items[1].form);
	CU_ASSERT_TRUE(r->items[1].required);
	UNIT_ASSERT_STR("Take the course", r->items[2].text);
	UNIT_ASSERT_STR("lfc102", r->items[2].form);
	CU_ASSERT_TRUE(r->items[2].required);
	CU_ASSERT_PTR_NULL(r->items[3].form);
	/* not a key: kept as written */
	UNIT_ASSERT_STR("Ask (form: Not A Key)", r->items[4].text);
	CU_ASSERT_PTR_NULL(r->items[4].form);
	/* an item that is only the mark keeps it as its text */
	UNIT_ASSERT_STR("(form: youtube)", r->items[5].text);
	CU_ASSERT_PTR_NULL(r->items[5].form);
	/* several tasks: keys separated by commas */
	UNIT_ASSERT_STR("Own the lists", r->items[6].text);
	UNIT_ASSERT_STR("group-list-owner,leads-list-owner", r->items[6].form);
	UNIT_ASSERT_STR("Trail (form: a,)", r->items[7].text);
	CU_ASSERT_PTR_NULL(r->items[7].form);
	role_drop(r);
}

/* ---- content_item_id --------------------------------------------------- */

static void
test_item_id(void)
{
	char a[13], b[13];

	content_item_id("Read the SIG charter", a);
	CU_ASSERT_EQUAL(strlen(a), 12);
	CU_ASSERT_EQUAL(strspn(a, "0123456789abcdef"), 12);
	/* case, punctuation and spacing do not matter */
	content_item_id("  read THE   sig-charter!! ", b);
	UNIT_ASSERT_STR(a, b);
	content_item_id("Read the SIG charter.", b);
	UNIT_ASSERT_STR(a, b);
	content_item_id("**Read** the `SIG` charter", b);
	UNIT_ASSERT_STR(a, b);
	/* different words, or the same words in another order, do */
	content_item_id("Read the SIG charters", b);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	content_item_id("Read SIG the charter", b);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	content_item_id("Reread the SIG charter", b);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	/* stored ids must never change between versions: pinned values */
	content_item_id("Read the SIG charter", a);
	UNIT_ASSERT_STR("6a5234820af8", a);
	content_item_id("hello", a);
	UNIT_ASSERT_STR("d84680aabd0b", a); /* FNV-1a 64 of "hello", low 48 bits */
	/* non-ASCII words are words */
	content_item_id("Zürich", a);
	content_item_id("Zrich", b);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
}

/* ---- bundled roles ----------------------------------------------------- */

struct expect_role {
	const char *id, *title, *summary;
	const char *areas[3];
	size_t onboarding, offboarding; /* the checklists' steps */
};

static const struct expect_role bundled[] = {
    {"chair",
     "SIG Chair",
     "Runs a SIG's operations, meetings and reports, and grows its leads",
     {"Running the SIG's operations", "Facilitating and delegating",
      "Growing the community and its next leads"},
     40,
     12},
    {"program-manager",
     "Program Manager",
     "Helps a SIG plan, track and deliver its work with light process",
     {"Leadership", "Objectivity", "Strategic thinking"},
     29,
     8},
    {"subproject-owner",
     "Subproject Owner",
     "Owns a subproject's code: sets its direction, reviews and mentors",
     {"Technical direction", "Review and triage", "Mentoring contributors"},
     22,
     6},
    {"technical-lead",
     "Technical Lead",
     "Sets and guards a SIG's technical vision, design and code quality",
     {"Leadership", "Development", "Architecture"},
     33,
     10},
};
#define NBUNDLED (sizeof bundled / sizeof bundled[0])

/* The task lines of the role file's text between the line "## from" and
 * the next "## " heading. */
static size_t
tasks_under(const char *path, const char *from)
{
	char *text, *err = NULL, *p;
	size_t len, n = 0;
	bool in = false;

	text = content_read_file(path, &len, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, "## ", 3) == 0)
			in = strncmp(p + 3, from, strlen(from)) == 0 && p[3 + strlen(from)] == '\n';
		else if (in && strncmp(p, "- [ ] ", 6) == 0)
			n++;
	}
	free(text);
	return n;
}

/* A checklist group's name without a trailing "(due: ...)" mark, which
 * rolebook reads as the group's due date. */
static bool
group_is(const char *group, const char *name)
{
	size_t n = strlen(name);

	return group != NULL && strncmp(group, name, n) == 0 &&
	       (group[n] == '\0' || strncmp(group + n, " (due: ", 7) == 0);
}

static void
check_bundled(struct role *r, const struct expect_role *e)
{
	struct render rd;
	size_t task_lines = 0, required = 0;
	size_t on = tasks_under(r->path, "Onboarding checklist"),
	       off = tasks_under(r->path, "Offboarding checklist");

	role_peek(r);
	UNIT_ASSERT_STR(e->title, r->title);
	UNIT_ASSERT_STR(e->summary, r->summary);
	CU_ASSERT_TRUE(strlen(r->summary) <= 70);
	CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
	CU_ASSERT_PTR_NULL(r->error);
	CU_ASSERT_TRUE(r->loaded);
	CU_ASSERT_DOUBLE_EQUAL(r->threshold, 3.0, 1e-9);
	UNIT_ASSERT_STR(e->title, r->title);

	/* the section kinds */
	{
		long s = role_section_of_kind(r, SEC_SKILLS),
		     c = role_section_of_kind(r, SEC_CHECKLIST),
		     st = role_section_of_kind(r, SEC_STATEMENTS),
		     so = role_section_of_kind(r, SEC_SOURCES);
		CU_ASSERT_TRUE_FATAL(s >= 0 && c >= 0 && st >= 0 && so >= 0);
		UNIT_ASSERT_STR("Skill areas", r->outline.v[s].title);
		UNIT_ASSERT_STR("Onboarding checklist", r->outline.v[c].title);
		UNIT_ASSERT_STR("Self-assessment", r->outline.v[st].title);
		UNIT_ASSERT_STR("Sources", r->outline.v[so].title);
		CU_ASSERT_TRUE(s < c && c < st && st < so);
	}

	/* skill areas, in order, from the ### headings under Skill areas */
	CU_ASSERT_EQUAL_FATAL(r->nareas, 3);
	for (size_t a = 0; a < 3; a++) {
		UNIT_ASSERT_STR(e->areas[a], r->areas[a].name);
		CU_ASSERT_TRUE(strlen(r->areas[a].description) > 80);
		CU_ASSERT_TRUE(r->areas[a].section > role_section_of_kind(r, SEC_SKILLS));
		if (r->areas[a].section >= 0)
			UNIT_ASSERT_STR(e->areas[a], r->outline.v[r->areas[a].section].title);
		CU_ASSERT_TRUE(areas_stmts(r, a) >= 4);
	}

	/* statements: first person, distinct ids */
	CU_ASSERT_TRUE(r->nstmts >= 12);
	for (size_t i = 0; i < r->nstmts; i++) {
		CU_ASSERT_EQUAL(strncmp(r->stmts[i].text, "I ", 2), 0);
		CU_ASSERT_EQUAL(strlen(r->stmts[i].id), 12);
		for (size_t j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(r->stmts[i].id, r->stmts[j].id);
	}

	/* the checklists: onboarding steps are the items; the offboarding
	 * steps are items too while rolebook reads every "checklist" section
	 * as onboarding, and a list of their own once it tells them apart */
	CU_ASSERT_EQUAL(on, e->onboarding);
	CU_ASSERT_EQUAL(off, e->offboarding);
	CU_ASSERT_TRUE(on >= 12);
	CU_ASSERT_TRUE(r->nitems == on || r->nitems == on + off);
	for (size_t i = 0; i < r->nitems; i++) {
		const struct check_item *it = &r->items[i];
		char id[13];

		if (i < on) {
			CU_ASSERT_TRUE(group_is(it->group, "Before appointment") ||
				       group_is(it->group, "First week") ||
				       group_is(it->group, "First 30 days") ||
				       group_is(it->group, "First quarter") ||
				       group_is(it->group, "Yearly calendar"));
		} else {
			CU_ASSERT_PTR_NULL(it->group); /* straight under Offboarding */
		}
		CU_ASSERT_FALSE(it->checked);
		CU_ASSERT_EQUAL(it->task, i + 1);
		/* the marks are data, not text */
		CU_ASSERT_PTR_NULL(strstr(it->text, "(required)"));
		CU_ASSERT_PTR_NULL(strstr(it->text, "(form:"));
		if (it->required) {
			required++;
			CU_ASSERT_TRUE(group_is(it->group, "Before appointment"));
		}
		content_item_id(it->text, id);
		UNIT_ASSERT_STR(id, it->id);
		CU_ASSERT_PTR_EQUAL(role_item_by_task(r, it->task), it);
		for (size_t j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(it->id, r->items[j].id);
	}
	/* the prerequisites: org membership and the course, in that order */
	CU_ASSERT_EQUAL(required, 2);
	CU_ASSERT_TRUE(r->items[0].required && r->items[1].required);
	UNIT_ASSERT_STR("org-member", r->items[0].form);
	UNIT_ASSERT_STR("lfc102", r->items[1].form);
	CU_ASSERT_TRUE(group_is(r->items[0].group, "Before appointment"));
	CU_ASSERT_TRUE(group_is(r->items[on - 1].group, "First quarter") ||
		       group_is(r->items[on - 1].group, "Yearly calendar"));
	CU_ASSERT_PTR_NULL(role_item_by_task(r, 0));
	CU_ASSERT_PTR_NULL(role_item_by_task(r, (uint32_t)(on + off) + 1));

	/* the renderer numbers the same tasks: each item's task line shows it */
	render_role(r, 100, &rd);
	CU_ASSERT_EQUAL(rd.ntasks, on + off);
	for (size_t i = 0; i < rd.lines.n; i++) {
		const struct line *ln = &rd.lines.v[i];
		const struct check_item *it;
		char *s;

		if (ln->kind != LINE_TASK || (it = role_item_by_task(r, ln->aux)) == NULL)
			continue;
		task_lines++;
		s = lines_plain(&rd.lines, i);
		if (strncmp(s, "☐ ", strlen("☐ ")) == 0) {
			size_t k = strlen(it->text) < 30 ? strlen(it->text) : 30;
			CU_ASSERT_EQUAL(strncmp(s + strlen("☐ "), it->text, k), 0);
		} else {
			CU_FAIL("task line without its box");
		}
		free(s);
	}
	CU_ASSERT_EQUAL(task_lines, r->nitems);
	render_done(&rd);
}

static void
test_bundled(void)
{
	struct catalog c;
	char *err = NULL;

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, BUNDLED, ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_EQUAL_FATAL(c.n, NBUNDLED);
	for (size_t i = 0; i < NBUNDLED; i++) {
		UNIT_ASSERT_STR(bundled[i].id, c.v[i]->id);
		CU_ASSERT_EQUAL(c.v[i]->origin, ORIGIN_BUNDLED);
		CU_ASSERT_FALSE(c.v[i]->peeked);
		CU_ASSERT_FALSE(c.v[i]->loaded);
		check_bundled(c.v[i], &bundled[i]);
	}
	/* loading again is a no-op */
	CU_ASSERT_EQUAL(role_load(c.v[0]), 0);
	catalog_done(&c);
	CU_ASSERT_EQUAL(c.n, 0);
}

/* Ids come from the words alone, so loading the same text twice, or the
 * file through role_load_text(), gives the same ids in the same order. */
static void
test_bundled_ids_stable(void)
{
	for (size_t b = 0; b < NBUNDLED; b++) {
		char path[4096], *text, *err = NULL;
		size_t len;
		struct role *r1, *r2;

		snprintf(path, sizeof path, "%s/%s.md", BUNDLED, bundled[b].id);
		text = content_read_file(path, &len, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		r1 = fixture_role_text(bundled[b].id, text);
		r2 = fixture_role_text(bundled[b].id, text);
		CU_ASSERT_EQUAL(r1->nitems, r2->nitems);
		CU_ASSERT_EQUAL(r1->nstmts, r2->nstmts);
		for (size_t i = 0; i < r1->nitems && i < r2->nitems; i++)
			UNIT_ASSERT_STR(r1->items[i].id, r2->items[i].id);
		for (size_t i = 0; i < r1->nstmts && i < r2->nstmts; i++)
			UNIT_ASSERT_STR(r1->stmts[i].id, r2->stmts[i].id);
		/* without peeking, the title and summary come from the text too */
		UNIT_ASSERT_STR(bundled[b].title, r1->title);
		UNIT_ASSERT_STR(bundled[b].summary, r1->summary);
		/* reloading the same role in place keeps everything */
		role_load_text(r1, text, len);
		CU_ASSERT_EQUAL(r1->nitems, r2->nitems);
		CU_ASSERT_EQUAL(r1->nareas, 3);
		role_drop(r1);
		role_drop(r2);
		free(text);
	}
}

/* The reworked checklists kept every step the two first roles had: each
 * earlier item's id (tests/data/lists holds the roles as they were) is the
 * id of an item now, once a "(due: ...)" mark is left out of its text, so
 * the progress people recorded stays theirs. */
static void
test_bundled_ids_kept(void)
{
	static const char *ids[] = {"program-manager", "technical-lead"};
	struct catalog before, now;
	char *err = NULL;

	catalog_init(&before);
	catalog_init(&now);
	CU_ASSERT_EQUAL_FATAL(
	    catalog_add_dir(&before, TEST_SRCDIR "/tests/data/lists", ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&now, BUNDLED, ORIGIN_BUNDLED, false, &err), 0);
	for (size_t k = 0; k < 2; k++) {
		struct role *old = catalog_find(&before, ids[k]), *r = catalog_find(&now, ids[k]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(old);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL_FATAL(role_load(old), 0);
		CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
		CU_ASSERT_TRUE(old->nitems >= 28);
		for (size_t i = 0; i < old->nitems; i++) {
			bool found = false;

			for (size_t j = 0; j < r->nitems && !found; j++) {
				char *t = strdup(r->items[j].text), *m = strstr(t, " (due: ");
				char id[13];

				if (m != NULL && m[strlen(m) - 1] == ')')
					*m = '\0';
				content_item_id(t, id);
				found = strcmp(id, old->items[i].id) == 0;
				free(t);
			}
			if (!found)
				fprintf(stderr, "\n%s: \"%s\" is gone\n", ids[k],
					old->items[i].text);
			CU_ASSERT_TRUE(found);
		}
	}
	catalog_done(&before);
	catalog_done(&now);
}

/* ---- the role model from memory ---------------------------------------- */

/* A step's id: the same for two roles' onboarding checklists (one record,
 * issue 11); a document that is no role (a task list, no onboarding
 * checklist; a "Checklist" of another kind) has ids of its own, so two
 * documents made from one template never share a tick (issue 12). */
static void
test_step_ids_by_document(void)
{
	static const char role_text[] =
	    "# R\n\n## Onboarding checklist\n\n- [ ] Read the charter\n";
	static const char doc_text[] = "# D\n\n## Operational\n\n- [ ] Read the charter\n";
	static const char other_text[] = "# Q\n\n## Checklist\n\n- [ ] Read the charter\n";
	struct role *r1 = fixture_role_text("alpha", role_text);
	struct role *r2 = fixture_role_text("beta", role_text);
	struct role *d1 = fixture_role_text("sig/report-2022", doc_text);
	struct role *d2 = fixture_role_text("sig/report-2023", doc_text);
	struct role *q = fixture_role_text("requirements", other_text);
	char plain[13];

	CU_ASSERT_FATAL(r1->nitems == 1 && r2->nitems == 1 && d1->nitems == 1 && d2->nitems == 1 &&
			q->nitems == 1);
	CU_ASSERT_TRUE(role_shares_steps(r1));
	CU_ASSERT_FALSE(role_shares_steps(d1));
	CU_ASSERT_FALSE(role_shares_steps(q));
	content_item_id("Read the charter", plain);
	UNIT_ASSERT_STR(plain, r1->items[0].id);
	UNIT_ASSERT_STR(plain, r2->items[0].id);
	CU_ASSERT_STRING_NOT_EQUAL(d1->items[0].id, plain);
	CU_ASSERT_STRING_NOT_EQUAL(d1->items[0].id, d2->items[0].id);
	CU_ASSERT_STRING_NOT_EQUAL(q->items[0].id, plain);
	/* stable: the same document, the same id */
	{
		char again[13];
		content_item_id_in("sig/report-2022", "Read  the CHARTER.", again);
		UNIT_ASSERT_STR(d1->items[0].id, again);
	}
	role_free(r1);
	role_free(r2);
	role_free(d1);
	role_free(d2);
	role_free(q);
}

static void
test_model_checklist(void)
{
	struct role *r = fixture_role_text("demo", "# Demo\n"
						   "\n"
						   "## Notes\n"
						   "\n"
						   "- [ ] a task outside the checklist\n"
						   "\n"
						   "## Onboarding checklist\n"
						   "\n"
						   "- [ ] An ungrouped item\n"
						   "\n"
						   "### First week\n"
						   "\n"
						   "- [x] A *ticked* item\n"
						   "  - [ ] A nested item\n"
						   "- not a task\n"
						   "\n"
						   "## After\n"
						   "\n"
						   "- [ ] another outside\n");

	CU_ASSERT_EQUAL_FATAL(r->nitems, 3);
	UNIT_ASSERT_STR("An ungrouped item", r->items[0].text);
	CU_ASSERT_PTR_NULL(r->items[0].group);
	CU_ASSERT_EQUAL(r->items[0].task, 2); /* task 1 sits outside */
	UNIT_ASSERT_STR("A ticked item", r->items[1].text);
	UNIT_ASSERT_STR("First week", r->items[1].group);
	CU_ASSERT_TRUE(r->items[1].checked);
	CU_ASSERT_EQUAL(r->items[1].task, 3);
	UNIT_ASSERT_STR("A nested item", r->items[2].text);
	UNIT_ASSERT_STR("First week", r->items[2].group);
	CU_ASSERT_EQUAL(r->items[2].task, 4);
	CU_ASSERT_PTR_NULL(role_item_by_task(r, 1));
	CU_ASSERT_PTR_EQUAL(role_item_by_task(r, 3), &r->items[1]);
	CU_ASSERT_PTR_NULL(role_item_by_task(r, 5));
	CU_ASSERT_EQUAL(role_section_of_kind(r, SEC_CHECKLIST), 2);
	CU_ASSERT_EQUAL(role_section_of_kind(r, SEC_SKILLS), -1);
	/* "After" is its own ## section, not part of the checklist */
	CU_ASSERT_EQUAL(r->kinds[4], SEC_OTHER);
	role_drop(r);

	/* with no checklist section every task is an item */
	r = fixture_role_text("plain",
			      "Steps:\n\n- [ ] one\n- [ ] two\n\n# Later\n\n- [x] three\n");
	CU_ASSERT_EQUAL_FATAL(r->nitems, 3);
	CU_ASSERT_EQUAL(r->items[2].task, 3);
	CU_ASSERT_TRUE(r->items[2].checked);
	CU_ASSERT_PTR_NULL(r->items[0].group);
	role_drop(r);
}

static void
test_model_areas_statements(void)
{
	struct role *r = fixture_role_text("demo", "# Demo\n"
						   "\n"
						   "## Skill areas\n"
						   "\n"
						   "### Facilitation\n"
						   "\n"
						   "You run *good* meetings.\n"
						   "\n"
						   "### Writing\n"
						   "\n"
						   "- bullets, not a paragraph\n"
						   "\n"
						   "## Self-assessment\n"
						   "\n"
						   "- Not under an area\n"
						   "\n"
						   "### facilitation\n"
						   "\n"
						   "- I publish the agenda.\n"
						   "- I end on time.\n"
						   "  - a nested note, not a statement\n"
						   "\n"
						   "### Reviewing\n"
						   "\n"
						   "- I review one change a week.\n");

	CU_ASSERT_EQUAL_FATAL(r->nareas, 3);
	UNIT_ASSERT_STR("Facilitation", r->areas[0].name);
	UNIT_ASSERT_STR("You run good meetings.", r->areas[0].description);
	UNIT_ASSERT_STR("Writing", r->areas[1].name);
	UNIT_ASSERT_STR("", r->areas[1].description);
	/* an area named only in the self-assessment is added */
	UNIT_ASSERT_STR("Reviewing", r->areas[2].name);
	CU_ASSERT_EQUAL(r->areas[2].section, -1);
	CU_ASSERT_EQUAL_FATAL(r->nstmts, 4);
	UNIT_ASSERT_STR("I publish the agenda.", r->stmts[0].text);
	CU_ASSERT_EQUAL(r->stmts[0].area, 0); /* matched without regard to case */
	UNIT_ASSERT_STR("I end on time.", r->stmts[1].text);
	CU_ASSERT_EQUAL(r->stmts[1].area, 0);
	UNIT_ASSERT_STR("I review one change a week.", r->stmts[2].text);
	CU_ASSERT_EQUAL(r->stmts[2].area, 2);
	/* an area without statements is rated as a whole */
	UNIT_ASSERT_STR("I practise Writing in this role.", r->stmts[3].text);
	CU_ASSERT_EQUAL(r->stmts[3].area, 1);
	/* the same statement under another area has another id */
	{
		struct role *r2 =
		    fixture_role_text("demo2", "## Self-assessment\n\n### A\n\n- I do it.\n\n"
					       "### B\n\n- I do it.\n");
		CU_ASSERT_EQUAL_FATAL(r2->nstmts, 2);
		CU_ASSERT_STRING_NOT_EQUAL(r2->stmts[0].id, r2->stmts[1].id);
		role_drop(r2);
	}
	role_drop(r);
}

static void
test_model_bold_led(void)
{
	struct role *r = fixture_role_text("demo", "# Demo\n"
						   "\n"
						   "Text.\n"
						   "\n"
						   "Some list about other things:\n"
						   "\n"
						   "- **Bold** – but not an area\n"
						   "\n"
						   "The common skill set covers:\n"
						   "\n"
						   "- **Leadership** – You coach people.\n"
						   "- **Craft:** You build things.\n"
						   "- **Care**: You look after others.\n"
						   "- **Judgement** - You weigh options.\n"
						   "- plain item without bold\n"
						   "\n"
						   "# More\n");

	CU_ASSERT_EQUAL_FATAL(r->nareas, 4);
	UNIT_ASSERT_STR("Leadership", r->areas[0].name);
	UNIT_ASSERT_STR("You coach people.", r->areas[0].description);
	UNIT_ASSERT_STR("Craft", r->areas[1].name);
	UNIT_ASSERT_STR("You build things.", r->areas[1].description);
	UNIT_ASSERT_STR("Care", r->areas[2].name);
	UNIT_ASSERT_STR("You look after others.", r->areas[2].description);
	UNIT_ASSERT_STR("Judgement", r->areas[3].name);
	UNIT_ASSERT_STR("You weigh options.", r->areas[3].description);
	CU_ASSERT_EQUAL(r->areas[0].section, role_section_of_kind(r, SEC_SKILLS));
	CU_ASSERT_EQUAL(r->nstmts, 4);
	role_drop(r);
}

/* Bold text too long for a name is not an area (and must not leak: run
 * under LeakSanitizer, this test reports the strings bold_led() drops). */
static void
test_model_bold_led_long(void)
{
	struct role *r = fixture_role_text(
	    "demo", "Skills:\n\n"
		    "- **This bold text is far too long to be the name of any skill area at all** "
		    "- x\n"
		    "- **** - an empty name\n");

	CU_ASSERT_EQUAL(r->nareas, 0);
	CU_ASSERT_EQUAL(r->nstmts, 0);
	role_drop(r);
}

static void
test_model_front_matter(void)
{
	struct role *r;

	r = fixture_role_text("my-role", "---\ntitle: \"Front Title\"\nsummary: 'Quoted summary'\n"
					 "threshold: 4.5\n---\n# Heading Title\n\nFirst para.\n");
	UNIT_ASSERT_STR("Front Title", r->title);
	UNIT_ASSERT_STR("Quoted summary", r->summary);
	CU_ASSERT_DOUBLE_EQUAL(r->threshold, 4.5, 1e-9);
	CU_ASSERT_EQUAL(r->outline.n, 1);
	role_drop(r);
	/* out-of-range or malformed thresholds keep the default */
	r = fixture_role_text("my-role", "---\nthreshold: 9\n---\nText.\n");
	CU_ASSERT_DOUBLE_EQUAL(r->threshold, 3.0, 1e-9);
	role_drop(r);
	r = fixture_role_text("my-role", "---\nthreshold: high\n---\nText.\n");
	CU_ASSERT_DOUBLE_EQUAL(r->threshold, 3.0, 1e-9);
	role_drop(r);
	/* no front matter: the first H1 and the first paragraph after it,
	 * the same as role_peek() finds */
	r = fixture_role_text("my-role", "Before the title.\n\n# Heading Title\n\nFirst para.\n");
	UNIT_ASSERT_STR("Heading Title", r->title);
	UNIT_ASSERT_STR("First para.", r->summary);
	role_drop(r);
	r = fixture_role_text("my-role", "No title, *first* para.\n\n## Two\n\nSecond.\n");
	UNIT_ASSERT_STR("No title, first para.", r->summary);
	role_drop(r);
	/* nothing at all: the title comes from the id */
	r = fixture_role_text("my-role_name", "## Only a level two\n");
	UNIT_ASSERT_STR("My Role Name", r->title);
	UNIT_ASSERT_STR("", r->summary);
	role_drop(r);
}

/* ---- the catalogue ------------------------------------------------------ */

static void
test_catalog_missing(void)
{
	struct catalog c;
	char *err = NULL, path[4096];

	catalog_init(&c);
	snprintf(path, sizeof path, "%s/no-such-folder", unit_tmpdir);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, path, ORIGIN_USER, true, &err), 0);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_EQUAL(c.n, 0);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, path, ORIGIN_DIR, false, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(err);
	if (err != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
	free(err);
	err = NULL;
	CU_ASSERT_EQUAL(c.n, 0);
	/* a file where a folder is expected */
	CU_ASSERT_EQUAL(catalog_add_dir(&c, BUNDLED "/program-manager.md", ORIGIN_USER, true, &err),
			0);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, BUNDLED "/program-manager.md", ORIGIN_DIR, false, &err),
			-1);
	CU_ASSERT_PTR_NOT_NULL(err);
	free(err);
	err = NULL;
	/* single files */
	CU_ASSERT_PTR_NULL(catalog_add_file(&c, path, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	if (err != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot open"));
	free(err);
	err = NULL;
	CU_ASSERT_PTR_NULL(catalog_add_file(&c, unit_tmpdir, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	if (err != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "not a regular file"));
	free(err);
	CU_ASSERT_EQUAL(c.n, 0);
	CU_ASSERT_PTR_NULL(catalog_find(&c, "program-manager"));
	catalog_done(&c);
}

static void
test_catalog_ids(void)
{
	struct catalog c;
	char *err = NULL, dir[4096];
	static const char *want[] = {"UPPER", "a-role", "b-role", "lead", "lead-shadow"};

	make_dir("ids", dir, sizeof dir);
	fixture_put(dir, "b-role.md", "# B\n");
	fixture_put(dir, "a-role.md", "# A\n");
	fixture_put(dir, "UPPER.MD", "# Upper\n");
	fixture_put(dir, "lead.md", "# Lead\n");
	fixture_put(dir, "lead-shadow.md", "# Lead shadow\n");
	fixture_put(dir, "notes.txt", "not a role\n");
	fixture_put(dir, ".hidden.md", "# Hidden\n");
	fixture_put(dir, "md", "# No extension\n");
	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, dir, ORIGIN_DIR, false, &err), 0);
	/* sorted by id (content.h) */
	CU_ASSERT_EQUAL(c.n, 5);
	for (size_t i = 0; i < c.n && i < 5; i++) {
		UNIT_ASSERT_STR(want[i], c.v[i]->id);
		CU_ASSERT_EQUAL(c.v[i]->origin, ORIGIN_DIR);
	}
	CU_ASSERT_PTR_NOT_NULL(catalog_find(&c, "a-role"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "a-role.md"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, "notes"));
	CU_ASSERT_PTR_NULL(catalog_find(&c, ".hidden"));
	catalog_done(&c);
}

/* A folder whose name ends in ".md" is not a role file. */
static void
test_catalog_skips_folders(void)
{
	struct catalog c;
	char *err = NULL, dir[4096], sub[4200];

	make_dir("withsub", dir, sizeof dir);
	fixture_put(dir, "real.md", "# Real\n");
	snprintf(sub, sizeof sub, "%s/archive.md", dir);
	CU_ASSERT_TRUE(mkdir(sub, 0700) == 0 || errno == EEXIST);
	catalog_init(&c);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, dir, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_PTR_NULL(catalog_find(&c, "archive"));
	CU_ASSERT_EQUAL(c.n, 1);
	catalog_done(&c);
}

static void
test_catalog_duplicates(void)
{
	struct catalog c;
	char *err = NULL, d1[4096], d2[4096], path[4200];
	struct role *r, *f;

	make_dir("first", d1, sizeof d1);
	make_dir("second", d2, sizeof d2);
	fixture_put(d1, "same.md", "# From First\n");
	fixture_put(d1, "only-first.md", "# Only First\n");
	fixture_put(d2, "same.md", "# From Second\n");
	fixture_put(d2, "only-second.md", "# Only Second\n");
	catalog_init(&c);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, d1, ORIGIN_USER, false, &err), 0);
	CU_ASSERT_EQUAL(catalog_add_dir(&c, d2, ORIGIN_BUNDLED, false, &err), 0);
	CU_ASSERT_EQUAL(c.n, 3);
	/* the first source wins */
	r = catalog_find(&c, "same");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->origin, ORIGIN_USER);
	role_peek(r);
	UNIT_ASSERT_STR("From First", r->title);
	CU_ASSERT_EQUAL(catalog_find(&c, "only-second")->origin, ORIGIN_BUNDLED);

	/* a file named on the command line that a folder lists is that
	 * folder's role (its records); another is a role of its own, keyed
	 * by its full path, first */
	snprintf(path, sizeof path, "%s/only-first.md", d1);
	CU_ASSERT_PTR_EQUAL(catalog_add_file(&c, path, &err), catalog_find(&c, "only-first"));
	CU_ASSERT_EQUAL(c.n, 3);
	snprintf(path, sizeof path, "%s/same.md", d2);
	f = catalog_add_file(&c, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(c.n, 4);
	CU_ASSERT_PTR_EQUAL(c.v[0], f);
	CU_ASSERT_PTR_EQUAL(catalog_find(&c, "same"), r);
	CU_ASSERT_EQUAL(f->origin, ORIGIN_FILE);
	{
		char *real = realpath(path, NULL);
		UNIT_ASSERT_STR(real, f->path);
		UNIT_ASSERT_STR(real, f->id);
		UNIT_ASSERT_STR(real, f->rel);
		free(real);
	}
	role_peek(f);
	UNIT_ASSERT_STR("From Second", f->title);
	/* the others keep their order after it */
	UNIT_ASSERT_STR("only-first", c.v[1]->id);
	UNIT_ASSERT_STR("same", c.v[2]->id);
	UNIT_ASSERT_STR("only-second", c.v[3]->id);
	catalog_done(&c);
}

/* ---- broken and hostile files ----------------------------------------- */

static struct role *
load_broken(struct catalog *c, const char *id)
{
	struct role *r = catalog_find(c, id);

	CU_ASSERT_PTR_NOT_NULL(r);
	if (r != NULL)
		role_peek(r);
	return r;
}

/* Renders r at a few widths and checks the widths and the text bytes. */
static void
render_ok(const struct role *r)
{
	for (int w = 10; w <= 100; w += 30) {
		struct render rd;

		size_t bad = 0;

		render_role(r, w, &rd);
		for (size_t i = 0; i < rd.lines.n; i++) {
			const char *t = lines_text(&rd.lines, i);
			size_t len = rd.lines.v[i].len;
			if (rd.lines.v[i].width > w || text_width(t, len) != rd.lines.v[i].width ||
			    !text_is_clean(t, len) || memchr(t, '\n', len) || memchr(t, '\t', len))
				if (bad++ == 0)
					fprintf(stderr, "\n%s at %d: line %zu is wrong\n", r->id, w,
						i);
		}
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_TRUE(rd.lines.n > 0);
		render_done(&rd);
	}
}

static void
test_broken_files(void)
{
	struct catalog c;
	char *err = NULL;
	struct role *r;
	struct render rd;
	char *d;

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, BROKEN, ORIGIN_DIR, false, &err), 0);
	CU_ASSERT_EQUAL(c.n, 11);

	/* an empty file */
	if ((r = load_broken(&c, "empty")) != NULL) {
		UNIT_ASSERT_STR("Empty", r->title);
		UNIT_ASSERT_STR("", r->summary);
		CU_ASSERT_EQUAL(role_load(r), 0);
		CU_ASSERT_EQUAL(r->nitems + r->nareas + r->nstmts, 0);
		render_role(r, 80, &rd);
		CU_ASSERT_EQUAL(rd.lines.n, 0);
		render_done(&rd);
	}
	/* only front matter: nothing of it is rendered */
	if ((r = load_broken(&c, "only-front-matter")) != NULL) {
		UNIT_ASSERT_STR("Only Front Matter", r->title);
		UNIT_ASSERT_STR("Nothing but a header", r->summary);
		CU_ASSERT_EQUAL(role_load(r), 0);
		CU_ASSERT_DOUBLE_EQUAL(r->threshold, 4.5, 1e-9);
		render_role(r, 80, &rd);
		CU_ASSERT_EQUAL(rd.lines.n, 0);
		render_done(&rd);
	}
	/* unterminated front matter is a rule and a paragraph, not a header */
	if ((r = load_broken(&c, "unterminated-front-matter")) != NULL) {
		UNIT_ASSERT_STR("Real Title", r->title);
		UNIT_ASSERT_STR("Body text.", r->summary);
		CU_ASSERT_EQUAL(role_load(r), 0);
		render_role(r, 20, &rd);
		d = lines_dump(&rd.lines);
		UNIT_ASSERT_STR("────────────────────\n\ntitle: Never Closed\n\nReal Title\n"
				"══════════\n\nBody text.\n",
				d);
		free(d);
		render_done(&rd);
	}
	/* a NUL byte: not a text file */
	if ((r = load_broken(&c, "binary")) != NULL) {
		CU_ASSERT_EQUAL(role_load(r), -1);
		CU_ASSERT_FALSE(r->loaded);
		CU_ASSERT_PTR_NOT_NULL(r->error);
		if (r->error != NULL)
			CU_ASSERT_PTR_NOT_NULL(strstr(r->error, "not a text file"));
		CU_ASSERT_PTR_NULL(r->doc);
		/* a second try fails the same way */
		CU_ASSERT_EQUAL(role_load(r), -1);
		CU_ASSERT_PTR_NOT_NULL(r->error);
	}
	/* absurd nesting loads and renders within the width */
	{
		static const char *deep[] = {"deep-quotes", "deep-lists", "deep-ordered",
					     "deep-mixed"};
		for (size_t i = 0; i < 4; i++)
			if ((r = load_broken(&c, deep[i])) != NULL) {
				CU_ASSERT_EQUAL(role_load(r), 0);
				render_ok(r);
			}
	}
	catalog_done(&c);
}

/* role_peek() reads front matter the way md_parse() does: after a UTF-8
 * byte order mark, and closed by "---" or "...". */
static void
test_peek_front_matter(void)
{
	struct catalog c;
	char *err = NULL;
	struct role *r;

	catalog_init(&c);
	CU_ASSERT_EQUAL_FATAL(catalog_add_dir(&c, BROKEN, ORIGIN_DIR, false, &err), 0);
	if ((r = load_broken(&c, "bom")) != NULL) {
		UNIT_ASSERT_STR("Bom Title", r->title);
		UNIT_ASSERT_STR("Bom summary.", r->summary);
	}
	if ((r = load_broken(&c, "bom-front-matter")) != NULL) {
		UNIT_ASSERT_STR("Front Bom", r->title);
		UNIT_ASSERT_STR("Bom front summary", r->summary);
		CU_ASSERT_EQUAL(role_load(r), 0);
		UNIT_ASSERT_STR("Front Bom", r->title);
	}
	if ((r = load_broken(&c, "dots-front-matter")) != NULL) {
		UNIT_ASSERT_STR("Dots Title", r->title);
		UNIT_ASSERT_STR("Dots summary", r->summary);
		CU_ASSERT_EQUAL(role_load(r), 0);
		UNIT_ASSERT_STR("Dots Title", r->title);
	}
	catalog_done(&c);
}

/* Sub-headings name skill areas only under rolebook's own "Skill areas";
 * under upstream's "Minimum Skills and Requirements" they are about time,
 * not skills (mentoring-lead.md, contributor-comms-*.md). */
static void
test_model_skill_subheadings(void)
{
	struct role *r = fixture_role_text(
	    "upstream-like", "# Lead\n\n## Minimum Skills and Requirements\n\nSkills:\n\n"
			     "- Be a team player.\n\n#### Expected Time Investment\n\n"
			     "Two hours a week.\n\n#### Duration\n\nA year.\n");
	CU_ASSERT_EQUAL(r->nareas, 0);
	role_drop(r);
	r = fixture_role_text("own-format",
			      "# Lead\n\n## Skill areas\n\n### Leadership\n\nLeads.\n\n"
			      "### Architecture\n\nDesigns.\n");
	CU_ASSERT_EQUAL(r->nareas, 2);
	if (r->nareas == 2) {
		UNIT_ASSERT_STR("Leadership", r->areas[0].name);
		UNIT_ASSERT_STR("Architecture", r->areas[1].name);
	}
	role_drop(r);
}

/* role_peek() reads the title and summary as Markdown, the way the full
 * model does: no markup, raw HTML or entities left, a summary that goes
 * on past its first line, and the same text as role_load() finds. */
static void
test_peek_markdown(void)
{
	static const char md[] =
	    "Mentor *Guide* &amp; more\n=========\n\n## Sub\n\nUse `code`, *em*, **bold**,\n"
	    "[a link\nover two lines](http://x), [ref] and <b>html</b> &amp; here.\n\n"
	    "Second paragraph.\n";
	struct catalog c;
	char *err = NULL, path[4096];
	struct role *r;
	FILE *f;

	snprintf(path, sizeof path, "%s/peek-markdown.md", unit_tmpdir);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(md, f);
	fclose(f);
	catalog_init(&c);
	r = catalog_add_file(&c, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	role_peek(r);
	UNIT_ASSERT_STR("Mentor Guide & more", r->title);
	UNIT_ASSERT_STR("Use code, em, bold, a link over two lines, ref and html & here.",
			r->summary);
	catalog_done(&c);
	r = fixture_role_text("peek-markdown", md);
	UNIT_ASSERT_STR("Mentor Guide & more", r->title);
	/* the full model keeps what it cannot resolve: [ref] has no definition */
	UNIT_ASSERT_STR("Use code, em, bold, a link over two lines, [ref] and html & here.",
			r->summary);
	role_drop(r);
	unlink(path);
}

static void
test_huge_files(void)
{
	struct catalog c;
	char *err = NULL, path[4096];
	struct role *r;
	FILE *f;
	int fd;

	/* one 3 MB line */
	snprintf(path, sizeof path, "%s/huge-line.md", unit_tmpdir);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (int i = 0; i < 300000; i++)
		fputs(i % 1000 == 999 ? "averyveryverylongwordwithoutspaces " : "word word ", f);
	fclose(f);
	catalog_init(&c);
	r = catalog_add_file(&c, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	role_peek(r);
	UNIT_ASSERT_STR("Huge Line", r->title);
	CU_ASSERT_EQUAL(role_load(r), 0);
	render_ok(r);
	unlink(path);

	/* one line of 900 kB of CJK words: longer than any read buffer, and
	 * no character may be split where the reader cuts it */
	snprintf(path, sizeof path, "%s/cjk-line.md", unit_tmpdir);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (int i = 0; i < 90000; i++)
		fputs("日本語 ", f);
	fputc('\n', f);
	fclose(f);
	r = catalog_add_file(&c, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(role_load(r), 0);
	{
		struct render rd;
		size_t bad = 0, cells = 0;

		render_role(r, 100, &rd);
		for (size_t i = 0; i < rd.lines.n; i++) {
			const char *t = lines_text(&rd.lines, i);
			for (size_t k = 0; k + 3 <= rd.lines.v[i].len; k += 3)
				if (memcmp(t + k, "\xef\xbf\xbd", 3) == 0)
					bad++;
			cells += rd.lines.v[i].width;
		}
		if (bad != 0)
			fprintf(stderr, "\ncjk-line.md: %zu U+FFFD in the render\n", bad);
		CU_ASSERT_EQUAL(bad, 0);
		/* 14 words of 6 cells and 13 spaces make a 97-cell line */
		CU_ASSERT_EQUAL(rd.lines.n, (90000 + 13) / 14);
		CU_ASSERT_EQUAL(cells, 90000 * 6 + (90000 - rd.lines.n));
		render_done(&rd);
	}
	unlink(path);

	/* larger than CONTENT_MAX_BYTES (sparse, so it costs no disk) */
	snprintf(path, sizeof path, "%s/too-large.md", unit_tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(ftruncate(fd, (off_t)CONTENT_MAX_BYTES + 1), 0);
	close(fd);
	r = catalog_add_file(&c, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(role_load(r), -1);
	CU_ASSERT_PTR_NOT_NULL(r->error);
	if (r->error != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(r->error, "too large"));
	catalog_done(&c);
	unlink(path);
}

/* ---- the upstream corpus ---------------------------------------------- */

/* Loads every upstream file into c; false (after a note) when absent. */
static bool
upstream_catalog(struct catalog *c)
{
	char *err = NULL;

	catalog_init(c);
	if (catalog_add_dir(c, upstream_dir(), ORIGIN_DIR, false, &err) != 0 || c->n == 0) {
		fprintf(stderr, "\nnote: upstream roles not found in %s (%s); skipped\n",
			upstream_dir(), err ? err : "no files");
		free(err);
		catalog_done(c);
		return false;
	}
	return true;
}

/* What looks like unparsed Markdown in rendered line i, or NULL: a block
 * marker at the start of its text (after the marker spans), or inline
 * markup anywhere outside code.  src is the file's text: a marker escaped
 * there ("\* note") is legitimate text. */
static const char *
raw_marker(const struct lines *l, size_t i, const char *src)
{
	static const char *starts[] = {"# ",  "## ", "### ", "#### ", "- [ ]", "- [x]", "* [ ]",
				       "```", "~~~", "- ",   "* ",    "+ ",    "> "};
	const struct line *ln = &l->v[i];
	const char *t = lines_text(l, i);
	uint32_t k = 0, off = 0;

	while (k < ln->nspans && (l->spans[ln->span + k].style & STY_MARKER))
		off += l->spans[ln->span + k++].len;
	if (k == ln->nspans || (l->spans[ln->span + k].style & STY_CODE))
		return NULL;
	t += off;
	for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
		size_t n = strlen(starts[s]);
		if (ln->len - off >= n && memcmp(t, starts[s], n) == 0) {
			/* "\* text" in the source shows as "* text" legitimately */
			char probe[16];
			snprintf(probe, sizeof probe, "\\%s", starts[s]);
			if (strstr(src, probe) == NULL)
				return starts[s];
		}
	}
	/* inline markers anywhere in non-code text */
	for (; k < ln->nspans; k++) {
		const struct span *sp = &l->spans[ln->span + k];
		const char *p = lines_text(l, i) + sp->off;
		if (sp->style & STY_CODE)
			continue;
		if (memmem(p, sp->len, "**", 2) || memmem(p, sp->len, "```", 3) ||
		    memmem(p, sp->len, "](", 2) || memmem(p, sp->len, "<!--", 4) ||
		    memmem(p, sp->len, "<br", 3))
			return "inline markup";
	}
	return NULL;
}

static void
test_upstream_load(void)
{
	struct catalog c;

	if (!upstream_catalog(&c))
		return;
	CU_ASSERT_TRUE(c.n >= 30);
	for (size_t i = 0; i < c.n; i++) {
		struct role *r = c.v[i];
		struct render rd;
		char *src, *err = NULL;
		size_t len, bad = 0;

		role_peek(r);
		CU_ASSERT_TRUE(r->title != NULL && r->title[0] != '\0');
		if (role_load(r) != 0) {
			fprintf(stderr, "\n%s: %s\n", r->id, r->error ? r->error : "?");
			CU_FAIL("upstream file does not load");
			continue;
		}
		CU_ASSERT_PTR_NULL(r->error);
		if (r->outline.n == 0)
			fprintf(stderr, "\n%s: no sections\n", r->id);
		CU_ASSERT_TRUE(r->outline.n >= 1);
		src = content_read_file(r->path, &len, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(src);
		render_role(r, 80, &rd);
		CU_ASSERT_TRUE(rd.lines.n > 0);
		for (size_t k = 0; k < rd.lines.n; k++) {
			const char *m = raw_marker(&rd.lines, k, src);
			if (m != NULL && bad++ == 0) {
				fprintf(stderr, "\n%s line %zu: raw \"%s\": %.*s\n", r->id, k, m,
					(int)rd.lines.v[k].len, lines_text(&rd.lines, k));
			}
		}
		CU_ASSERT_EQUAL(bad, 0);
		render_done(&rd);
		free(src);
	}
	catalog_done(&c);
}

/* The checker above must be able to fail: raw markers are caught. */
static void
test_raw_marker_check(void)
{
	struct lines l;

	lines_init(&l);
	lines_add(&l, "• ", strlen("• "), STY_MARKER, 0);
	lines_add(&l, "## not a heading", 16, STY_PLAIN, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "some **bold** text", 18, STY_PLAIN, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "* escaped star", 14, STY_PLAIN, 0);
	lines_begin(&l, LINE_TEXT, 0, 0);
	lines_add(&l, "## in code", 10, STY_CODE, 0);
	lines_end(&l);
	CU_ASSERT_PTR_NOT_NULL(raw_marker(&l, 0, ""));
	CU_ASSERT_PTR_NOT_NULL(raw_marker(&l, 1, ""));
	CU_ASSERT_PTR_NULL(raw_marker(&l, 2, "text\n\\* _escaped_ star"));
	CU_ASSERT_PTR_NOT_NULL(raw_marker(&l, 2, "* escaped star"));
	CU_ASSERT_PTR_NULL(raw_marker(&l, 3, ""));
	lines_done(&l);
}

static void
test_upstream_skill_areas(void)
{
	static const struct {
		const char *id, *areas[3], *desc0;
	} want[] = {
	    {"program-manager",
	     {"Leadership", "Objectivity", "Strategic thinking"},
	     "You can coach team members to reach their goals"},
	    {"technical-lead",
	     {"Leadership", "Development", "Architecture"},
	     "Coaching team members to reach their target."},
	};
	struct catalog c;

	if (!upstream_catalog(&c))
		return;
	for (size_t i = 0; i < 2; i++) {
		struct role *r = catalog_find(&c, want[i].id);
		long skills;

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
		CU_ASSERT_EQUAL(r->nareas, 3);
		for (size_t a = 0; a < 3 && a < r->nareas; a++) {
			UNIT_ASSERT_STR(want[i].areas[a], r->areas[a].name);
			CU_ASSERT_EQUAL(areas_stmts(r, a), 1);
		}
		if (r->nareas > 0)
			CU_ASSERT_EQUAL(
			    strncmp(r->areas[0].description, want[i].desc0, strlen(want[i].desc0)),
			    0);
		/* the lead paragraph "The common skill set of ..." is the section */
		skills = role_section_of_kind(r, SEC_SKILLS);
		CU_ASSERT_TRUE_FATAL(skills >= 0);
		CU_ASSERT_TRUE(r->outline.v[skills].lead);
		CU_ASSERT_EQUAL(strncmp(r->outline.v[skills].title, "The common skill set of", 23),
				0);
		CU_ASSERT_EQUAL(r->areas[0].section, skills);
		CU_ASSERT_EQUAL(r->nitems, 0);
	}
	/* the lead paragraph "Expectations of Technical Leads are:" */
	{
		struct role *r = catalog_find(&c, "technical-lead");
		bool found = false;
		for (size_t s = 0; r && s < r->outline.n; s++)
			if (strcmp(r->outline.v[s].title, "Expectations of Technical Leads are") ==
			    0) {
				found = true;
				CU_ASSERT_TRUE(r->outline.v[s].lead);
				CU_ASSERT_EQUAL(r->outline.v[s].level, 4); /* under ### Abstract */
			}
		CU_ASSERT_TRUE(found);
	}
	catalog_done(&c);
}

static void
test_upstream_front_matter(void)
{
	static const struct {
		const char *id, *title, *first; /* first: how line 0 starts */
	} want[] = {
	    {"community-expectations", "Community Expectations",
	     "Kubernetes is a community project."},
	    {"nco-host-handbook", "NCO Host Handbook", "Host Responsibilities"},
	    {"nco-lead-handbook", "NCO Lead Handbook", NULL},
	    {"liaisons", "Liaisons", "Liaisons"},
	};
	struct catalog c;

	if (!upstream_catalog(&c))
		return;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct role *r = catalog_find(&c, want[i].id);
		struct render rd;
		char *d;

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		role_peek(r);
		UNIT_ASSERT_STR(want[i].title, r->title);
		CU_ASSERT_EQUAL_FATAL(role_load(r), 0);
		UNIT_ASSERT_STR(want[i].title, r->title);
		render_role(r, 80, &rd);
		d = lines_dump(&rd.lines);
		/* no front matter keys, no rule for its fences, no comment */
		CU_ASSERT_PTR_NULL(strstr(d, "weight:"));
		CU_ASSERT_PTR_NULL(strstr(d, "title:"));
		CU_ASSERT_PTR_NULL(strstr(d, "description:"));
		CU_ASSERT_PTR_NULL(strstr(d, "autogenerated"));
		CU_ASSERT_PTR_NULL(strstr(d, "sigs.yaml file in the project root"));
		CU_ASSERT_NOT_EQUAL(strncmp(d, "───", strlen("───")), 0);
		if (want[i].first != NULL && rd.lines.n > 0) {
			char *l0 = lines_plain(&rd.lines, 0);
			if (strlen(l0) > strlen(want[i].first))
				l0[strlen(want[i].first)] = '\0';
			UNIT_ASSERT_STR(want[i].first, l0);
			free(l0);
		}
		free(d);
		render_done(&rd);
	}
	catalog_done(&c);
}

int
test_content_register(void)
{
	static const struct unit_test tests[] = {
	    {"item ids", test_item_id},
	    {"bundled roles", test_bundled},
	    {"bundled ids stable", test_bundled_ids_stable},
	    {"bundled ids kept from before", test_bundled_ids_kept},
	    {"checklist items", test_model_checklist},
	    {"a step's id: shared by roles only", test_step_ids_by_document},
	    {"form task mark", test_model_form_mark},
	    {"skill areas and statements", test_model_areas_statements},
	    {"bold-led skill areas", test_model_bold_led},
	    {"bold-led name too long", test_model_bold_led_long},
	    {"skill sub-headings", test_model_skill_subheadings},
	    {"front matter", test_model_front_matter},
	    {"catalog missing folder", test_catalog_missing},
	    {"catalog ids", test_catalog_ids},
	    {"catalog skips folders", test_catalog_skips_folders},
	    {"catalog duplicates", test_catalog_duplicates},
	    {"broken files", test_broken_files},
	    {"peek front matter", test_peek_front_matter},
	    {"peek reads Markdown", test_peek_markdown},
	    {"huge files", test_huge_files},
	    {"raw marker check", test_raw_marker_check},
	    {"upstream load and render", test_upstream_load},
	    {"upstream skill areas", test_upstream_skill_areas},
	    {"upstream front matter", test_upstream_front_matter},
	};
	return unit_add_suite("content", tests, sizeof tests / sizeof tests[0]);
}
