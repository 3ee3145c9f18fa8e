/*
 * test_report.c - readiness reports (src/report.c) of alice's records
 * (fixture.h): text, Markdown and JSON byte for byte, from the store and
 * from an imported export, and of a profile without records.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <jansson.h>

#include "cli.h"
#include "fixture.h"
#include "report.h"
#include "strbuf.h"
#include "unit.h"
#include "xalloc.h"

static void
test_report_text(void)
{
	struct store *st = fixture_store("report-text");
	char *out = fixture_report(st, "alice", NULL, REPORT_TEXT);

	fixture_assert_file("report.txt", out);
	free(out);
	store_close(st);
}

static void
test_report_markdown(void)
{
	struct store *st = fixture_store("report-md");
	char *out = fixture_report(st, "alice", NULL, REPORT_MARKDOWN);

	fixture_assert_file("report.md", out);
	free(out);
	store_close(st);
}

static void
test_report_json(void)
{
	struct store *st = fixture_store("report-json");
	char *out = fixture_report(st, "alice", NULL, REPORT_JSON);

	fixture_assert_file("report.json", out);
	free(out);
	store_close(st);
}

/* From the imported file, the reports are the same as from the store. */
static void
test_report_after_import(void)
{
	struct store *st = fixture_fresh("report-import");
	char *doc = fixture_json(), *out;
	struct role *demo = catalog_find(&fixture_cat, DEMO);

	CU_ASSERT_EQUAL(fixture_import(st, doc, NULL, NULL, NULL), EXPORT_OK);
	out = fixture_report(st, "alice", NULL, REPORT_MARKDOWN);
	/* an unsigned file's records are marked where they are shown; apart
	 * from the marks the report is the store's */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "- [x] Join the channel \xe2\x80\x94 done 2026-11-24 "
					   "(unverified)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  - bob (3), 2026-11-26, unverified: Solid reviews"));
	/* and counted under the scores, each rater's, and on the checklist */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n| Unverified | 3 of 3 | 3 of 3 | 2 of 2 |  |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "**Checklist:** 2 of 3 done, 2 unverified\n"));
	{
		struct strbuf b = {0};
		char *plain;
		for (const char *p = out; *p;) {
			static const char tail[] =
			    " of the records it rests on are unverified, from unsigned files)";
			const char *q = p + 2;
			while (p[0] == ' ' && p[1] == '(' && *q >= '0' && *q <= '9')
				q++;
			const char *n = p + 2; /* ", 2 unverified" after a count */
			while (p[0] == ',' && p[1] == ' ' && *n >= '0' && *n <= '9')
				n++;
			if (q > p + 2 && strncmp(q, tail, sizeof tail - 1) == 0)
				p = q + sizeof tail - 1; /* the verdict's note */
			else if (n > p + 2 && strncmp(n, " unverified", 11) == 0)
				p = n + 11;
			else if (strncmp(p, "| Unverified |", 14) == 0)
				p += strcspn(p, "\n") + 1; /* the scores' row of them */
			else if (strncmp(p, " (unverified)", 13) == 0)
				p += 13;
			else if (strncmp(p, ", unverified", 12) == 0)
				p += 12;
			else
				strbuf_add(&b, p++, 1);
		}
		plain = strbuf_take(&b);
		fixture_assert_file("report.md", plain);
		free(plain);
	}
	free(out);
	/* --role: the same role alone, without the note on the missing one */
	out = fixture_report(st, "alice", demo, REPORT_TEXT);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Demo Lead (demo)\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "Not reported"));
	free(out);
	free(doc);
	store_close(st);
}

/* A report for a profile the database does not hold is an error naming
 * the known ones (it was an empty report, exit 0). */
static void
test_report_no_records(void)
{
	struct store *st = fixture_store("report-empty");
	char *out = NULL, *detail = NULL;

	CU_ASSERT_EQUAL(
	    report_profile(st, &fixture_cat, "nobody", NULL, REPORT_TEXT, &out, &detail),
	    REPORT_ERR_NOPROFILE);
	CU_ASSERT_PTR_NULL(out);
	UNIT_ASSERT_STR("no profile 'nobody' in the database; known profiles: alice", detail);
	free(detail);
	store_close(st);

	st = fixture_fresh("report-none");
	detail = NULL;
	CU_ASSERT_EQUAL(
	    report_profile(st, &fixture_cat, "me", NULL, REPORT_MARKDOWN, &out, &detail),
	    REPORT_ERR_NOPROFILE);
	UNIT_ASSERT_STR("no profile 'me' in the database; it holds no profiles yet", detail);
	free(detail);
	store_close(st);
}

/* report --all: every profile, or every candidate for a role. */
static void
test_report_all(void)
{
	struct store *st = fixture_store("report-all");
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	char **names, *out = NULL, *detail = NULL, *alone;
	size_t n;
	json_t *doc;

	OK(store_item_set_done(st, "dan", DEMO, I_CHANNEL, "Join the channel", true, T0));
	OK(store_item_set_done(st, "erin", GONE, "0123456789ab", "Old item", true, T0));
	CU_ASSERT_EQUAL_FATAL(report_candidates(st, NULL, &names, &n, &detail), REPORT_OK);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	UNIT_ASSERT_STR("alice", names[0]);
	UNIT_ASSERT_STR("dan", names[1]);
	UNIT_ASSERT_STR("erin", names[2]);
	report_names_free(names, n);
	CU_ASSERT_EQUAL_FATAL(report_candidates(st, DEMO, &names, &n, &detail), REPORT_OK);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL(report_many(st, &fixture_cat, names, n, demo, REPORT_TEXT, &out, &detail),
			REPORT_OK);
	alone = fixture_report(st, "alice", demo, REPORT_TEXT);
	CU_ASSERT(strncmp(out, alone, strlen(alone)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nReadiness report for dan\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "erin"));
	free(alone);
	free(out);
	CU_ASSERT_EQUAL(report_many(st, &fixture_cat, names, n, demo, REPORT_JSON, &out, &detail),
			REPORT_OK);
	doc = json_loads(out, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	UNIT_ASSERT_STR("rolebook-reports", json_string_value(json_object_get(doc, "format")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "reports")), 2);
	UNIT_ASSERT_STR("dan", json_string_value(json_object_get(
				   json_array_get(json_object_get(doc, "reports"), 1), "profile")));
	json_decref(doc);
	free(out);
	report_names_free(names, n);
	CU_ASSERT_EQUAL(report_candidates(st, "nothing-here", &names, &n, &detail),
			REPORT_ERR_NOPROFILE);
	UNIT_ASSERT_STR("no profile in the database has records of nothing-here", detail);
	free(detail);
	store_close(st);
}

static void
test_report_format_names(void)
{
	enum report_format f;

	CU_ASSERT(cli_report_format("text", &f) && f == REPORT_TEXT);
	CU_ASSERT(cli_report_format("markdown", &f) && f == REPORT_MARKDOWN);
	CU_ASSERT(cli_report_format("md", &f) && f == REPORT_MARKDOWN);
	CU_ASSERT(cli_report_format("json", &f) && f == REPORT_JSON);
	CU_ASSERT_FALSE(cli_report_format("html", &f));
	CU_ASSERT_FALSE(cli_report_format("", &f));
}

static void
test_report_strerror(void)
{
	UNIT_ASSERT_STR("success", report_strerror(REPORT_OK));
	UNIT_ASSERT_STR("cannot read the database", report_strerror(REPORT_ERR_STORE));
	UNIT_ASSERT_STR("invalid argument", report_strerror(REPORT_ERR_INVALID));
	UNIT_ASSERT_STR("unknown error", report_strerror((enum report_status)99));
}

/* ---- Markdown that survives GitHub ---- */

/* md rendered to HTML as GitHub does: cmark-gfm with the table, tasklist,
 * strikethrough and autolink extensions.  A new string. */
static char *
github_html(const char *md)
{
	static const char *const names[] = {"table", "tasklist", "strikethrough", "autolink"};
	cmark_parser *p;
	cmark_node *doc;
	char *html;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < 4; i++)
		cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
	cmark_parser_feed(p, md, strlen(md));
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

static bool
html_has(const char *html, const char *needle, bool want)
{
	bool found = strstr(html, needle) != NULL;

	if (found != want)
		fprintf(stderr, "\n%s \"%s\" in:\n%s\n", want ? "expected" : "did not expect",
			needle, html);
	return found == want;
}

/* Notes with web addresses keep working links once pasted (the href
 * whole, '#', '_' and '*' unescaped, trailing punctuation outside), and
 * an @mention notifies no one. */
static void
test_report_markdown_github(void)
{
	struct store *st = fixture_store("report-github");
	struct role *demo = catalog_find(&fixture_cat, DEMO);
	char *out, *html;

	OK(store_rating_set_note(
	    st, "alice", DEMO, "", S_WRITE, "Architecture", "I write design documents.",
	    "See https://github.com/kubernetes/kubernetes/pull/120001#issuecomment-1. Also "
	    "(https://example.org/a_b*c_d_) and www.x.org, www.y.org/a_b; cc @team "
	    "@kubernetes/sig-leads, "
	    "mail a@b.org, http://x.org/<b>x</b>",
	    T0 + 5 * DAY));
	out = fixture_report(st, "alice", demo, REPORT_MARKDOWN);
	html = github_html(out);
	CU_ASSERT(html_has(html,
			   "<a href=\"https://github.com/kubernetes/kubernetes/pull/"
			   "120001#issuecomment-1\">https://github.com/kubernetes/kubernetes/pull/"
			   "120001#issuecomment-1</a>. Also (",
			   true));
	CU_ASSERT(html_has(html, "<a href=\"https://example.org/a_b*c_d\">", true));
	CU_ASSERT(html_has(html, "\\#", false));
	CU_ASSERT(html_has(html,
			   "<a href=\"http://www.x.org\">www.x.org</a>, "
			   "<a href=\"http://www.y.org/a_b\">http://www.y.org/a_b</a>;",
			   true));
	CU_ASSERT(html_has(html, "@team", false));
	CU_ASSERT(html_has(html, "@kubernetes", false));
	CU_ASSERT(html_has(html,
			   "cc @<!-- raw HTML omitted -->team @<!-- raw HTML omitted "
			   "-->kubernetes/sig-leads, mail <a href=\"mailto:a@b.org\">",
			   true));
	CU_ASSERT(html_has(html, "<a href=\"http://x.org/\">http://x.org/</a>&lt;b&gt;x&lt;/b&gt;",
			   true));
	CU_ASSERT(html_has(html, "<b>", false));
	free(html);
	free(out);
	store_close(st);
}

/* ---- the Leadership Change issue ---- */

/* How many times needle occurs in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Appends mark to the checklist item line "- [ ] item" of text. */
static void
mark_item(char **text, const char *item, const char *mark)
{
	struct strbuf b = {0};
	char *line = xasprintf("- [ ] %s\n", item), *at = strstr(*text, line);

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	strbuf_add(&b, *text, (size_t)(at - *text) + strlen(line) - 1);
	strbuf_printf(&b, " %s", mark);
	strbuf_puts(&b, at + strlen(line) - 1);
	free(line);
	free(*text);
	*text = strbuf_take(&b);
}

/* The demo role with "Join the channel" marked required, and items
 * marked with the Leadership Change form's tasks they answer, loaded
 * from memory under the demo role's id so that alice's records match. */
static struct role *
demo_with_prerequisite(void)
{
	char *text = fixture_slurp(DATA "/roles/demo.md");
	struct role *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	mark_item(&text, "Read the charter", "(form: sigs-yaml)");
	mark_item(&text, "Join the channel", "(form: org-member, slack-chairs) (required)");
	mark_item(&text, "Attend a meeting", "(form: youtube)");
	r = fixture_role_text(DEMO, text);
	free(text);
	return r;
}

static void
test_report_issue(void)
{
	struct store *st = fixture_store("report-issue");
	struct role *r = demo_with_prerequisite();
	struct catalog one;
	char *out = NULL, *detail = NULL, *html;
	char *two[] = {"alice", "dan"}, *bad[] = {"alice", "dan.x"};
	struct report_issue_opts o = {"SIG Demo", "https://example.org/d_1#c", "old-lead @former"};

	OK(store_item_set_done(st, "dan", DEMO, I_CHANNEL, "Join the channel", true, T0 + DAY));
	/* dan's from an unsigned file: the task it ticks says so */
	OK(store_origin_set(st, "dan", DEMO, NULL, I_CHANNEL, STORE_UNVERIFIED));
	OK(store_rating_set_note(st, "dan", DEMO, "carol", S_REVIEW, "Architecture",
				 "I review designs.", "Ask @team; see https://x.org/a_b",
				 T0 + DAY));
	CU_ASSERT_EQUAL_FATAL(report_issue(st, &fixture_cat, two, 2, r, &o, &out, &detail),
			      REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(
	    out, "### SIG/WG name:\n\nSIG Demo\n\n### Onboarding Lead(s):\n\n@alice, @dan\n\n"
		 "### Offboarding Lead(s):\n\n@old-lead, @former\n\n### Link to discussion:"
		 "\n\n<https://example.org/d_1#c>\n\n### Prerequisites for new leads:\n\n"
		 "- [x] Member of the Kubernetes GitHub organization (unverified: dan)\n"
		 "- [ ] LFC102 inclusive open source community course completed\n\n"
		 "### Onboarding / Offboarding tasks:\n\n"
		 "- [ ] sigs.yaml and its generated files updated; leaving leads listed as "
		 "emeritus (done: alice)\n"
		 "- [ ] OWNERS\\_ALIASES in kubernetes/org updated\n"
		 "- [ ] Milestone maintainers team in kubernetes/org updated\n"
		 "- [ ] Other kubernetes/org teams checked and updated\n"
		 "- [ ] OWNERS\\_ALIASES in kubernetes/enhancements updated\n"
		 "- [ ] OWNERS\\_ALIASES in kubernetes/k8s.io updated\n"
		 "- [ ] Feature approvers in kubernetes/kubernetes OWNERS\\_ALIASES updated, if "
		 "they apply\n"
		 "- [ ] Membership of the leads mailing list updated (groups.yaml)\n"
		 "- [ ] Membership of other mailing lists and groups updated\n"
		 "- [x] In the \\#chairs-and-techleads Slack channel (unverified: dan)\n"
		 "- [ ] Owners of the group's leads mailing list updated\n"
		 "- [ ] Owners of the group's mailing list updated\n"
		 "- [ ] Owners of the group's calendar updated\n"
		 "- [ ] 1Password access and teams updated (through the ContribEx leads)\n"
		 "- [ ] YouTube playlist permissions updated (through the YouTube moderators)\n\n"
		 "### Additional information:\n\n#### alice: Demo Lead\n\n"
		 "Prerequisites: 1 of 1 done; onboarding tasks: 1 of 2 done\n\n"
		 "| Skill area | Self | bob | carol | Threshold |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n#### dan: Demo Lead\n"));
	/* the trend of alice's own ratings and of bob's, who has snapshots too;
	 * dan has none */
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(out, "\n**Trend since the first snapshot**\n\n"
			"- self, since 2026-11-24: Architecture 3.5 \xe2\x86\x92 3.5 = "
			"\xc2\xb7 Community 1.0 \xe2\x86\x92 2.0 \xe2\x86\x91\n"
			"- bob, since 2026-11-26: Architecture 3.0 \xe2\x86\x92 3.0 = "
			"\xc2\xb7 Community 4.0 \xe2\x86\x92 4.0 =\n\n**Evidence**"));
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(out, "\n**Trend since the first snapshot:** no snapshot yet\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  - bob (3), 2026-11-26: Solid reviews"));
	{
		static const char end[] = "\n\n### Labels:\n\n_No response_\n";
		CU_ASSERT(strlen(out) > sizeof end &&
			  strcmp(out + strlen(out) - (sizeof end - 1), end) == 0);
	}
	/* as GitHub shows it: the form's headings, the task lists, whole links,
	 * and no mention but the leads' */
	html = github_html(out);
	CU_ASSERT_EQUAL(count(html, "<h3>"), 8);
	CU_ASSERT_EQUAL(count(html, "<input type=\"checkbox\""), 17);
	CU_ASSERT_EQUAL(count(html, "<input type=\"checkbox\" checked"), 2);
	CU_ASSERT(html_has(html, "<a href=\"https://example.org/d_1#c\">", true));
	CU_ASSERT(html_has(html, "<a href=\"https://x.org/a_b\">", true));
	CU_ASSERT(html_has(html, "@team", false));
	free(html);
	free(out);

	/* wrong input is refused, saying why */
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, bad, 2, r, &o, &out, &detail),
			REPORT_ERR_NOPROFILE);
	UNIT_ASSERT_STR("no profile 'dan.x' in the database; known profiles: alice, dan", detail);
	o.sig = "";
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, two, 2, r, &o, &out, &detail),
			REPORT_ERR_INVALID);
	UNIT_ASSERT_STR("the issue needs the SIG or WG name (--sig NAME)", detail);
	o.sig = "SIG Demo";
	o.offboarding = "bad_handle";
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, two, 2, r, &o, &out, &detail),
			REPORT_ERR_INVALID);
	UNIT_ASSERT_STR("'bad_handle' is not a GitHub handle (letters, digits and single hyphens, "
			"at most 39)",
			detail);
	o.offboarding = NULL;
	o.discussion = "javascript:alert(1)";
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, two, 2, r, &o, &out, &detail),
			REPORT_ERR_INVALID);
	/* the role of the candidates' records, when there is one */
	o.discussion = NULL;
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, two, 1, NULL, &o, &out, &detail),
			REPORT_ERR_INVALID);
	UNIT_ASSERT_STR("the candidates have records of several roles: choose the role with --role",
			detail);
	CU_ASSERT_EQUAL(report_issue(st, &fixture_cat, two + 1, 1, NULL, &o, &out, &detail),
			REPORT_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "### Onboarding Lead(s):\n\n@dan\n"));
	free(out);
	free(detail);

	catalog_init(&one);
	one.v = xmalloc(sizeof *one.v);
	one.v[0] = r;
	one.n = one.cap = 1;
	catalog_done(&one);
	store_close(st);
}

/* The JSON trend gives the scores as the JSON's areas do, numbers from
 * the readiness itself: an average of 10/3 is 3.33 in both, never the
 * 3.3 that the text layout prints (it was atof() of that text). */
static void
test_report_json_trend_numbers(void)
{
	struct store *st = fixture_fresh("report-trend-numbers");
	char *text = fixture_slurp(DATA "/roles/demo.md"), *out, *at;
	struct role *r;
	const char *third = "- I write design documents.\n- I mentor new designers.\n";
	struct strbuf b = {0};
	json_t *doc, *role, *area, *trend;
	int64_t id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	at = strstr(text, "- I write design documents.\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	strbuf_add(&b, text, (size_t)(at - text));
	strbuf_puts(&b, third);
	strbuf_puts(&b, at + strlen("- I write design documents.\n"));
	free(text);
	text = strbuf_take(&b);
	r = fixture_role_text(DEMO, text);
	free(text);
	CU_ASSERT_EQUAL_FATAL(r->nstmts, 5);
	for (size_t i = 0; i < 3; i++) /* Architecture: 4, 3, 3 */
		OK(store_rating_set(st, "alice", DEMO, "", r->stmts[i].id, "Architecture",
				    r->stmts[i].text, i == 0 ? 4 : 3, T0));
	OK(store_snapshot_take(st, "alice", DEMO, "", T0 + DAY, &id));
	out = fixture_report(st, "alice", r, REPORT_JSON);
	doc = json_loads(out, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	role = json_array_get(json_object_get(doc, "roles"), 0);
	area = json_object_get(json_array_get(json_object_get(role, "areas"), 0), "self");
	trend = json_array_get(
	    json_object_get(json_array_get(json_object_get(role, "trend"), 0), "areas"), 0);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(area, "average")), 3.33, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(trend, "first")), 3.33, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(trend, "now")), 3.33, 1e-9);
	CU_ASSERT(json_is_null(json_object_get(
	    json_array_get(
		json_object_get(json_array_get(json_object_get(role, "trend"), 0), "areas"), 1),
	    "now")));
	json_decref(doc);
	free(out);
	role_free(r);
	store_close(st);
}

/* ---- registration ---- */

int
test_report_register(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"report: text", test_report_text},
	    {"report: markdown", test_report_markdown},
	    {"report: json", test_report_json},
	    {"report: json trend, numbers as the scores", test_report_json_trend_numbers},
	    {"report after an import, --role", test_report_after_import},
	    {"report of a profile the database does not hold", test_report_no_records},
	    {"report --all", test_report_all},
	    {"report --format issue", test_report_issue},
	    {"report format names", test_report_format_names},
	    {"report: Markdown that survives GitHub", test_report_markdown_github},
	    {"status messages", test_report_strerror},
	};
	CU_pSuite s = CU_add_suite("report", fixture_suite_init, fixture_suite_clean);

	if (s == NULL)
		return CU_get_error();
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(s, tests[i].name, tests[i].fn) == NULL)
			return CU_get_error();
	return 0;
}
