/*
 * report_issue.c - the body of the community's "Leadership Change" issue
 * (its issue form: SIG/WG name, onboarding and offboarding leads, link to
 * the discussion, prerequisites, onboarding tasks, additional
 * information, labels), filled from the candidates' records (see
 * report.h, report_issue()).
 *
 * Invariants: every number and verdict comes from readiness (through
 * report_role_load()); text from the database and the command line goes
 * through report_md_text(), so that it renders as written on GitHub and
 * mentions no one.  The only mentions written are the handles of the
 * onboarding and offboarding leads, checked to be GitHub handles first.
 * Output is deterministic: candidates in the order given, content in
 * document order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "dates.h"
#include "readiness.h"
#include "report.h"
#include "report_int.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* What a GitHub issue form writes for a field left empty. */
#define NO_RESPONSE "_No response_"

/* GitHub's rule for a user name: 1 to 39 letters, digits or hyphens, no
 * hyphen first, last or twice in a row. */
static bool
is_handle(const char *s, size_t n)
{
	if (n == 0 || n > 39 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum =
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (c != '-' || s[i + 1] == '-'))
			return false;
	}
	return true;
}

/* Appends "@a, @b" for the handles in list (separated by commas or
 * spaces, each with or without its '@'); false with *detail naming the
 * first that is not a handle. */
static bool
put_handles(struct strbuf *b, const char *list, char **detail)
{
	const char *p = list;
	bool first = true;

	while (*p != '\0') {
		size_t n;
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (*p == '@')
			p++;
		n = strcspn(p, ", \t");
		if (!is_handle(p, n)) {
			char *raw = xstrndup(p, n), *c = text_clean(raw, 0);
			xreplacef(
			    detail,
			    "'%s' is not a GitHub handle (letters, digits and single hyphens, "
			    "at most 39)",
			    c);
			free(c);
			free(raw);
			return false;
		}
		strbuf_printf(b, "%s@%.*s", first ? "" : ", ", (int)n, p);
		first = false;
		p += n;
	}
	if (first)
		strbuf_puts(b, NO_RESPONSE);
	return true;
}

/* The one role the candidates have records of; NULL with *detail when
 * none or several. */
static struct role *
common_role(struct store *st, struct catalog *cat, char *const *profiles, size_t n, char **detail)
{
	struct store_progress *p;
	size_t np;
	const char *found = NULL;
	bool several = false;
	struct role *r;

	if (store_profiles_list(st, &p, &np) != STORE_OK) {
		xreplacef(detail, "cannot list the profiles' roles");
		return NULL;
	}
	for (size_t i = 0; i < np; i++)
		for (size_t k = 0; k < n; k++)
			if (p[i].role != NULL && strcmp(p[i].profile, profiles[k]) == 0) {
				if (found != NULL && strcmp(found, p[i].role) != 0)
					several = true;
				found = p[i].role;
			}
	r = found != NULL && !several ? catalog_find(cat, found) : NULL;
	if (r == NULL)
		xreplacef(detail, "%s: choose the role with --role",
			  several	  ? "the candidates have records of several roles"
			  : found == NULL ? "the candidates have no records of any role"
					  : "the candidates' role is not in the handbook");
	store_progress_free(p, np);
	return r;
}

/* The checkbox tasks of the community's Leadership Change issue form, in
 * the form's order, each in rolebook's own words.  A checklist item
 * answers one when it ends with "(form: KEY, ...)" (content/README.md); the
 * keys are fixed here and documented in content/README.md and the man
 * page. */
static const struct form_task {
	const char *key;
	bool prereq; /* under "Prerequisites for new leads" */
	const char *words;
} FORM_TASKS[] = {
    {"org-member", true, "Member of the Kubernetes GitHub organization"},
    {"lfc102", true, "LFC102 inclusive open source community course completed"},
    {"sigs-yaml", false,
     "sigs.yaml and its generated files updated; leaving leads listed as emeritus"},
    {"org-owners", false, "OWNERS_ALIASES in kubernetes/org updated"},
    {"milestone-maintainers", false, "Milestone maintainers team in kubernetes/org updated"},
    {"org-teams", false, "Other kubernetes/org teams checked and updated"},
    {"enhancements-owners", false, "OWNERS_ALIASES in kubernetes/enhancements updated"},
    {"k8s-io-owners", false, "OWNERS_ALIASES in kubernetes/k8s.io updated"},
    {"feature-approvers", false,
     "Feature approvers in kubernetes/kubernetes OWNERS_ALIASES updated, if they apply"},
    {"leads-list", false, "Membership of the leads mailing list updated (groups.yaml)"},
    {"other-lists", false, "Membership of other mailing lists and groups updated"},
    {"slack-chairs", false, "In the #chairs-and-techleads Slack channel"},
    {"leads-list-owner", false, "Owners of the group's leads mailing list updated"},
    {"group-list-owner", false, "Owners of the group's mailing list updated"},
    {"calendar-owner", false, "Owners of the group's calendar updated"},
    {"1password", false, "1Password access and teams updated (through the ContribEx leads)"},
    {"youtube", false, "YouTube playlist permissions updated (through the YouTube moderators)"},
};

/* True when the item's form keys ("a,b", or NULL) hold key. */
static bool
has_key(const char *keys, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = keys; p != NULL && *p != '\0'; p += strcspn(p, ","), p += *p == ',')
		if (strncmp(p, key, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* True when candidate k has done every item of the role that answers
 * the form task key; false when none does (*any false). */
static bool
answered(const struct report_role *rr, size_t k, const char *key, bool *any)
{
	const struct role *r = rr[k].role;
	bool all = true;

	*any = false;
	for (size_t i = 0; i < r->nitems; i++)
		if (has_key(r->items[i].form, key)) {
			*any = true;
			all &= rr[k].cl.v[i].done;
		}
	return *any && all;
}

/* True when a done item of candidate k that answers key came from an
 * unsigned file. */
static bool
unverified_answer(const struct report_role *rr, size_t k, const char *key)
{
	const struct role *r = rr[k].role;

	for (size_t i = 0; i < r->nitems; i++)
		if (has_key(r->items[i].form, key) && rr[k].cl.v[i].done &&
		    rr[k].cl.v[i].rec != NULL && rr[k].cl.v[i].rec->origin == STORE_UNVERIFIED)
			return true;
	return false;
}

/* The form's tasks (its prerequisites when prereq, else its other
 * tasks) as task-list items, ticked when every candidate has done the
 * checklist items that answer them; otherwise who has.  A task no item
 * answers is left unticked. */
static void
put_tasks(struct strbuf *b, const struct report_role *rr, char *const *profiles, size_t n,
	  bool prereq)
{
	for (size_t t = 0; t < sizeof FORM_TASKS / sizeof FORM_TASKS[0]; t++) {
		const struct form_task *f = &FORM_TASKS[t];
		size_t done = 0;
		bool any;

		if (f->prereq != prereq)
			continue;
		for (size_t k = 0; k < n; k++)
			done += answered(rr, k, f->key, &any);
		strbuf_printf(b, "- [%c] ", n > 0 && done == n ? 'x' : ' ');
		report_md_text(b, f->words);
		if (done > 0 && done < n) {
			const char *sep = " (done: ";
			for (size_t k = 0; k < n; k++)
				if (answered(rr, k, f->key, &any)) {
					strbuf_puts(b, sep);
					report_md_text(b, profiles[k]);
					sep = ", ";
				}
			strbuf_puts(b, ")");
		}
		{ /* whose tick rests on an unsigned file's record */
			const char *sep = " (unverified: ";
			for (size_t k = 0; k < n; k++)
				if (unverified_answer(rr, k, f->key)) {
					strbuf_puts(b, sep);
					report_md_text(b, profiles[k]);
					sep = ", ";
				}
			if (*sep == ',')
				strbuf_puts(b, ")");
		}
		strbuf_puts(b, "\n");
	}
}

/*
 * The offboarding leads' tasks under "Additional information": for each
 * handle of list (checked by put_handles first), the role's offboarding
 * checklist as task-list items, ticked as that profile recorded them
 * (a handle with no profile here has none ticked).
 */
static void
put_offboarding(struct strbuf *b, struct store *st, const struct role *r, const char *list)
{
	const char *p = list;

	while (*p != '\0') {
		struct checklist cl;
		char *handle;
		size_t n;

		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		p += *p == '@';
		n = strcspn(p, ", \t");
		handle = xstrndup(p, n);
		p += n;
		if (checklist_load_list(&cl, st, handle, r, CHECKLIST_OFFBOARDING) != STORE_OK)
			cl.done = 0; /* read as nothing done */
		strbuf_printf(b, "\n#### Offboarding: @%s\n\n%zu of %zu offboarding steps done\n\n",
			      handle, cl.done, cl.n);
		for (size_t i = 0; i < cl.n; i++) {
			strbuf_printf(b, "- [%c] ", cl.v[i].done ? 'x' : ' ');
			report_md_text(b, cl.v[i].item->text);
			strbuf_puts(b, "\n");
		}
		checklist_done(&cl);
		free(handle);
	}
}

/* One candidate under "Additional information". */
static void
put_candidate(struct strbuf *b, struct store *st, const char *profile, const struct report_role *rr)
{
	char *line = readiness_checklist_line(&rr->by.self.rd);
	size_t before;

	strbuf_puts(b, "\n#### ");
	report_md_text(b, profile);
	strbuf_puts(b, ": ");
	report_md_text(b, rr->role->title);
	strbuf_puts(b, "\n\n");
	report_due_text(b, rr, true);
	report_md_text(b, line);
	strbuf_puts(b, "\n\n");
	free(line);
	report_md_scores(b, rr);
	report_uncounted_line(b, rr, "\n");
	report_md_verdicts(b, rr);
	report_trend_md(b, rr, "**", "**");
	strbuf_puts(b, "\n**Evidence**\n\n");
	before = b->len;
	report_each_evidence(rr, report_md_evidence, b);
	report_each_step_evidence(rr, report_md_step_evidence, b);
	if (b->len == before)
		strbuf_puts(b, "No notes yet.\n");
}

enum report_status
report_issue(struct store *st, struct catalog *cat, char *const *profiles, size_t n,
	     struct role *role, const struct report_issue_opts *opts, char **out, char **detail)
{
	struct report_role *rr;
	struct strbuf b = {0};
	enum report_status s = REPORT_OK;
	size_t loaded = 0;

	*out = NULL;
	if (opts == NULL || opts->sig == NULL || *opts->sig == '\0') {
		xreplacef(detail, "the issue needs the SIG or WG name (--sig NAME)");
		return REPORT_ERR_INVALID;
	}
	for (size_t k = 0; k < n; k++) {
		if ((s = report_known_profile(st, profiles[k], detail)) != REPORT_OK)
			return s;
		if (!is_handle(profiles[k], strlen(profiles[k]))) {
			char *c = text_clean(profiles[k], 0);
			xreplacef(detail,
				  "profile '%s' is not a GitHub handle: the issue names the new "
				  "leads by their handles",
				  c);
			free(c);
			return REPORT_ERR_INVALID;
		}
	}
	if (opts->discussion != NULL &&
	    (strncmp(opts->discussion, "https://", 8) != 0 || strpbrk(opts->discussion, " \t<>") ||
	     opts->discussion[8] == '\0')) {
		xreplacef(detail, "--discussion needs a web address (https://...)");
		return REPORT_ERR_INVALID;
	}
	if (role == NULL && (role = common_role(st, cat, profiles, n, detail)) == NULL)
		return REPORT_ERR_INVALID;
	if (role_load(role) != 0) {
		xreplacef(detail, "%s", role->error);
		return REPORT_ERR_INVALID;
	}

	strbuf_puts(&b, "### SIG/WG name:\n\n");
	report_md_text(&b, opts->sig);
	strbuf_puts(&b, "\n\n### Onboarding Lead(s):\n\n");
	for (size_t k = 0; k < n; k++)
		strbuf_printf(&b, "%s@%s", k ? ", " : "", profiles[k]);
	strbuf_puts(&b, "\n\n### Offboarding Lead(s):\n\n");
	if (!put_handles(&b, opts->offboarding ? opts->offboarding : "", detail)) {
		free(b.s);
		return REPORT_ERR_INVALID;
	}
	strbuf_puts(&b, "\n\n### Link to discussion:\n\n");
	if (opts->discussion != NULL)
		report_md_text(&b, opts->discussion);
	else
		strbuf_puts(&b, NO_RESPONSE);
	strbuf_puts(&b, "\n");

	rr = xcalloc(n ? n : 1, sizeof *rr);
	for (; loaded < n; loaded++) {
		enum store_status ss = report_role_load(&rr[loaded], st, profiles[loaded], role);
		if (ss != STORE_OK) {
			xreplacef(detail, "cannot read the records: %s", store_strerror(ss));
			s = REPORT_ERR_STORE;
			loaded++;
			break;
		}
	}
	if (s == REPORT_OK) {
		strbuf_puts(&b, "\n### Prerequisites for new leads:\n\n");
		put_tasks(&b, rr, profiles, n, true);
		strbuf_puts(&b, "\n### Onboarding / Offboarding tasks:\n\n");
		put_tasks(&b, rr, profiles, n, false);
		strbuf_puts(&b, "\n### Additional information:\n");
		for (size_t k = 0; k < n; k++)
			put_candidate(&b, st, profiles[k], &rr[k]);
		if (opts->offboarding != NULL && role->noff_items > 0)
			put_offboarding(&b, st, role, opts->offboarding);
		strbuf_puts(&b, "\n### Labels:\n\n" NO_RESPONSE "\n");
	}
	for (size_t k = 0; k < loaded; k++)
		report_role_done(&rr[k]);
	free(rr);
	if (s != REPORT_OK) {
		free(b.s);
		return s;
	}
	*out = strbuf_take(&b);
	return REPORT_OK;
}
