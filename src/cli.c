/*
 * cli.c - `list`, `print`, `checklist`, `check`, `profiles`, `assessment`
 * and the writing side of `report` (report.c builds the text).
 *
 * `print` streams: the document is rendered in parts (mdparts.h), each
 * top-level block's lines handed over, written and forgotten, so memory
 * stays flat however long the document.  While the render may still
 * begin again, lines are held in memory instead.
 * Styles become SGR sequences made here from the theme, never from
 * content (which is sanitised before parsing).
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "checklist.h"
#include "cli.h"
#include "cli_due.h"
#include "dates.h"
#include "export.h"
#include "hyperlink.h"
#include "lines.h"
#include "links.h"
#include "markdown.h"
#include "mdparts.h"
#include "mdrender.h"
#include "outline.h"
#include "readiness.h"
#include "report.h"
#include "strbuf.h"
#include "text.h"
#include "theme.h"
#include "xalloc.h"

/*
 * Messages name files, folders and arguments as the user or the content
 * gave them, and stderr is usually a terminal: the whole message is
 * sanitised as content is, so that a file name cannot write escape
 * sequences (set the title, the clipboard) through it.
 */
void
cli_error(const char *fmt, ...)
{
	va_list ap;
	char *raw, *clean;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(raw, 0);
	fflush(stdout);
	fprintf(stderr, "rolebook: %s\n", clean);
	free(clean);
	free(raw);
}

int
cli_list(struct catalog *cat, FILE *out)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct role *r = cat->v[i];
		role_peek(r);
		fprintf(out, "%s\t%s\t%s\n", r->id, r->title, r->summary);
	}
	return fflush(out) == 0 ? 0 : 1;
}

struct printer {
	FILE *out; /* where lines go: dest, or memory while held */
	FILE *dest;
	char *held;
	size_t nheld;
	enum cli_style style;
	bool ascii;		 /* the locale is not UTF-8: ASCII stand-ins, as on screen */
	char *title;		 /* from front matter, or NULL */
	bool hyperlinks;	 /* links as OSC 8 hyperlinks (hyperlink.h) */
	const struct render *rr; /* whose links the lines' spans name */
	char *buf;		 /* plain lines: held (plain_held), or of one flush */
	size_t buflen, bufcap;
	bool plain_held;	    /* plain output held in buf, not in a memory stream */
	struct link_from from;	    /* the document, for links to its files */
	struct hyperlink_cache *hc; /* each link's hyperlink target */
};

/* Opens span's link as a hyperlink when print makes them; returns
 * whether it did (then hyperlink_close() must follow its text). */
static bool
link_open(const struct printer *p, uint16_t link)
{
	struct strbuf sb = STRBUF_INIT;
	bool open;

	if (!p->hyperlinks || link == 0 || p->rr == NULL || link > p->rr->nlinks)
		return false;
	open = hyperlink_open(&sb,
			      hyperlink_cached(p->hc, link, p->rr->links[link - 1].url, &p->from));
	if (open)
		fwrite(sb.s, 1, sb.len, p->out);
	strbuf_free(&sb);
	return open;
}

static void
link_close(const struct printer *p)
{
	struct strbuf sb = STRBUF_INIT;

	hyperlink_close(&sb);
	fwrite(sb.s, 1, sb.len, p->out);
	strbuf_free(&sb);
}

/* Writes UTF-8 text as the screen shows it in an ASCII locale: each
 * character by its stand-in (theme_ascii), a wide one followed by a
 * space so that columns stay where the renderer put them. */
static void
put_text(const struct printer *p, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (!p->ascii) {
		fwrite(s, 1, len, p->out);
		return;
	}
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int w;

		if ((unsigned char)s[i] < 0x80) {
			putc(s[i++], p->out);
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		w = text_cp_width(cp);
		if (w == 0)
			continue; /* a combining mark */
		putc((int)theme_ascii(cp), p->out);
		if (w == 2)
			putc(' ', p->out);
	}
}

static void
sgr(FILE *out, uint16_t style, bool color)
{
	char buf[THEME_SGR_MAX];

	fputs(theme_sgr(style, color, 256, buf), out);
}

static void
write_lines(struct lines *l, void *arg)
{
	struct printer *p = arg;

	if (p->style == CLI_PLAIN && !p->ascii) {
		/* one write for the flush, not a call per line and newline;
		 * held, the lines stay in buf (a memory stream zeroes and
		 * copies its buffer at each growth: a third of print's page
		 * faults on 10 MiB) */
		size_t n = p->plain_held ? p->buflen : 0;
		for (size_t i = 0; i < l->n; i++) {
			p->buf = xgrow(p->buf, &p->bufcap, n + l->v[i].len + 1, 1);
			if (l->v[i].len > 0)
				memcpy(p->buf + n, lines_text(l, i), l->v[i].len);
			n += l->v[i].len;
			p->buf[n++] = '\n';
		}
		if (p->plain_held)
			p->buflen = n;
		else if (n > 0)
			fwrite(p->buf, 1, n, p->out);
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->v[i];
		const char *text = lines_text(l, i);

		if (p->style == CLI_PLAIN) {
			put_text(p, text, ln->len);
		} else {
			for (uint32_t k = 0; k < ln->nspans; k++) {
				const struct span *sp = &l->spans[ln->span + k];
				bool linked = link_open(p, sp->link);
				if (sp->style != 0)
					sgr(p->out, sp->style, p->style == CLI_COLOR);
				put_text(p, text + sp->off, sp->len);
				if (sp->style != 0)
					fputs("\033[0m", p->out);
				if (linked)
					link_close(p);
			}
		}
		putc('\n', p->out);
	}
}

static void release(struct printer *p, bool keep);

/* Output is held in memory while the render may still begin again; what
 * was held before is dropped. */
static void
hold(struct printer *p)
{
	release(p, false);
	if (p->style == CLI_PLAIN && !p->ascii) {
		p->plain_held = true;
		p->buflen = 0;
		return;
	}
	p->held = NULL;
	p->nheld = 0;
	p->out = open_memstream(&p->held, &p->nheld);
	if (p->out == NULL)
		fatal("out of memory");
}

static void
release(struct printer *p, bool keep)
{
	if (p->plain_held) {
		if (keep && p->buflen > 0)
			fwrite(p->buf, 1, p->buflen, p->dest);
		p->plain_held = false;
		p->buflen = 0;
		return;
	}
	if (p->out == p->dest)
		return;
	fclose(p->out);
	if (keep)
		fwrite(p->held, 1, p->nheld, p->dest);
	free(p->held);
	p->out = p->dest;
}

/*
 * A title given only in front matter heads the print, as it heads the
 * screen: unless the document starts with a level-1 heading of the same
 * words.  The heading is made as nodes, so the title is never read as
 * Markdown.
 */
static void
print_title(struct render *rr, cmark_node *doc, const char *title)
{
	if (!md_opens_with(doc, title))
		mdrender_title(rr, title, true);
}

static void
on_hold(void *arg)
{
	hold(arg);
}

static void
on_release(void *arg)
{
	release(arg, true);
}

static void
on_first(struct render *rr, cmark_node *doc, void *arg)
{
	struct printer *p = arg;

	p->rr = rr; /* the render whose links the lines name, begun again or not */
	if (p->title != NULL)
		print_title(rr, doc, p->title);
}

int
cli_print(struct role *r, int width, enum cli_style style, bool ascii, bool hyperlinks, FILE *out)
{
	struct mdrender_opts o = {
	    .width = width, .ascii = ascii, .references = true, .heading_marks = true};
	struct hyperlink_cache hc = {0};
	struct printer p = {.out = out,
			    .dest = out,
			    .style = style,
			    .ascii = ascii,
			    .hyperlinks = hyperlinks && style != CLI_PLAIN,
			    .from = {r->path, r->root, r->top},
			    .hc = &hc};
	struct md_parts_out po = {write_lines, on_hold, on_release, on_first, &p};
	char *body, *front = NULL, *err = NULL;
	size_t len;
	FILE *f;

	if ((f = role_open(r)) == NULL) {
		cli_error("%s", r->error);
		return 1;
	}
	body = md_read_body(f, r->path, &len, &front, &err);
	fclose(f);
	p.title = md_front_value(front, "title");
	free(front);
	if (body == NULL) {
		cli_error("%s", err);
		free(err);
		free(p.title);
		return 1;
	}
	/* Parts keep the tree small: a long document prints in the time
	 * and memory of its parts, not of one tree of all of it. */
	md_parts_render(body, len, 0, &o, &po, NULL);
	free(body);
	free(p.title);
	free(p.buf);
	hyperlink_cache_free(&hc);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the output");
		return 1;
	}
	return 0;
}

/*
 * Writes s cleaned as content is (text_clean with flags).  Profile names
 * come from the command line and notes and stale items from a database
 * that an import or another program may have written: like file names,
 * they must not reach a terminal raw.
 */
static void
put_clean(FILE *out, const char *s, unsigned flags)
{
	char *c = text_clean(s, flags);

	fputs(c, out);
	free(c);
}

static void
put_note(FILE *out, const char *indent, const char *note)
{
	char *c = text_clean(note, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS), *p = c, *nl;

	/* every line of the note under the first */
	fprintf(out, "%snote: ", indent);
	while ((nl = strchr(p, '\n')) != NULL) {
		fprintf(out, "%.*s%s      ", (int)(nl - p) + 1, p, indent);
		p = nl + 1;
	}
	fprintf(out, "%s\n", p);
	free(c);
}

static int
load_or_fail(struct role *r)
{
	if (role_load(r) != 0) {
		cli_error("%s", r->error);
		return 1;
	}
	return 0;
}

void
cli_put_where(FILE *out, const struct check_item *item)
{
	struct strbuf b = {0};
	char *s;

	checklist_item_where(&b, item);
	s = strbuf_take(&b);
	fputs(s, out);
	free(s);
}

/*
 * One item of a checklist as `checklist` and `check` print it: number,
 * box, text, the date it was done (local time), its short id, then where
 * it is done (its link) and its note on the next lines.
 */
static void
put_item(FILE *out, size_t i, const struct checklist_entry *e, const char *due)
{
	struct strbuf b = {0};
	char *s, *line, *nl;

	checklist_item_text(&b, i + 1, e->done, e->item->text, e->rec, e->item->id, ITEM_ID_SHORT,
			    e->item->required);
	s = strbuf_take(&b);
	/* the link right under the item's line, before its note */
	if ((nl = strchr(s, '\n')) != NULL) {
		strbuf_add(&b, s, (size_t)(nl - s) + 1);
		checklist_item_where(&b, e->item);
		strbuf_puts(&b, nl + 1);
		free(s);
		s = strbuf_take(&b);
	}
	/* the due column (cli_due.c) before the first line, blanks before the others */
	for (line = s; due != NULL && *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		fprintf(out, "%-*s%.*s", CLI_DUE_WIDTH, line == s ? due : "",
			(int)(nl ? nl - line + 1 : (long)strlen(line)), line);
		if (nl == NULL)
			break;
	}
	if (due == NULL)
		fputs(s, out);
	free(s);
}

/* Loads list of r for profile, or says why not (1). */
static int
load_list(struct checklist *cl, struct store *st, const char *profile, struct role *r,
	  enum checklist_list list)
{
	enum store_status s;
	size_t n;

	if (load_or_fail(r))
		return 1;
	checklist_items(r, list, &n);
	if (n == 0) {
		cli_error(
		    list == CHECKLIST_OFFBOARDING
			? "%s has no offboarding checklist (no \"Offboarding checklist\" section)"
			: "%s has no onboarding checklist (no task list)",
		    r->id);
		return 1;
	}
	s = checklist_load_list(cl, st, profile, r, list);
	if (s != STORE_OK) {
		cli_error("cannot read progress: %s", store_strerror(s));
		return 1;
	}
	return 0;
}

int
cli_checklist(struct store *st, const char *profile, struct role *r, enum checklist_list list,
	      int64_t now, FILE *out)
{
	struct checklist cl;
	const char *group = NULL;
	struct due_plan plan;
	int32_t start = -1;
	enum store_origin origin = STORE_LOCAL;
	char due[CLI_DUE_SIZE], date[DATES_MAX];

	if (load_list(&cl, st, profile, r, list) != 0)
		return 1;
	/* offboarding has no due dates: they count from the appointment */
	if (st != NULL && list == CHECKLIST_ONBOARDING)
		store_appointment_find(st, profile, r->id, &start, &origin);
	due_plan_make(&plan, &cl, start, dates_today(now));
	fprintf(out, "%s%s: %zu of %zu done (profile ", r->title,
		list == CHECKLIST_OFFBOARDING ? ", offboarding" : "", cl.done, cl.n);
	put_clean(out, profile, 0);
	fputs(")", out);
	if (plan.started)
		fprintf(out, ", started %s%s: %zu overdue, %zu due soon\ndue",
			dates_day_format(start, date),
			origin == STORE_UNVERIFIED ? DUE_UNVERIFIED : "", plan.late, plan.soon);
	fputs("\n", out);
	for (size_t i = 0; i < cl.n; i++) {
		const struct checklist_entry *e = &cl.v[i];
		const char *g = e->item->group;

		if (g != NULL && (group == NULL || strcmp(g, group) != 0)) {
			fprintf(out, "\n%s\n", g);
			group = g;
		}
		put_item(out, i, e, plan.started ? cli_due_cell(&plan, i, e->done, due) : NULL);
	}
	if (cl.nstale > 0) {
		fputs("\nEarlier progress that no longer matches the content:\n", out);
		for (size_t k = 0; k < cl.nstale; k++) {
			const struct store_item *rec = cl.stale[k];
			struct strbuf b = {0};
			char *line;

			checklist_item_text(&b, 0, rec->done, rec->text, rec, rec->item_id,
					    ITEM_ID_FULL, false);
			line = strbuf_take(&b);
			fputs(line, out);
			free(line);
		}
	}
	due_plan_done(&plan);
	checklist_done(&cl);
	return fflush(out) == 0 ? 0 : 1;
}

int
cli_check(struct store *st, const char *profile, struct role *r, enum checklist_list list,
	  char **args, int nargs, bool done, const char *note, int64_t now, FILE *out)
{
	struct checklist cl;
	enum store_status s = STORE_OK;
	long *idx;
	int rc = 0;
	char *clean = NULL;

	if (load_list(&cl, st, profile, r, list) != 0)
		return 1;
	if (nargs == 0) {
		cli_error("%s needs item numbers (1-%zu) or ids", done ? "check" : "uncheck", cl.n);
		checklist_done(&cl);
		return 2;
	}
	if (note != NULL && strlen(note) > EXPORT_MAX_TEXT) {
		cli_error("the note is too long (at most %d bytes); nothing was changed",
			  EXPORT_MAX_TEXT);
		checklist_done(&cl);
		return 2;
	}
	if (store_is_readonly(st)) {
		cli_error("%s; nothing was changed", store_readonly_text(store_readonly_why(st)));
		checklist_done(&cl);
		return 1;
	}
	/* as an import takes a note: controls out, lines and tabs kept */
	if (note != NULL)
		clean = text_clean(note, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
	/* Every argument is checked before anything changes. */
	idx = xcalloc((size_t)nargs, sizeof *idx);
	for (int i = 0; i < nargs; i++) {
		idx[i] = checklist_find(&cl, args[i]);
		if (idx[i] < 0) {
			cli_error("no item '%s' in %s: items are numbered 1-%zu (see 'rolebook "
				  "checklist %s'); nothing was changed",
				  args[i], r->id, cl.n, r->id);
			rc = 1;
		}
	}
	if (rc == 0 && (s = store_begin(st)) == STORE_OK) {
		for (int i = 0; i < nargs && s == STORE_OK; i++) {
			const struct check_item *it = cl.v[idx[i]].item;
			/* re-checking keeps the first date */
			if (cl.v[idx[i]].done != done)
				s = checklist_set_done(st, profile, r, it, done, now);
			if (s == STORE_OK && clean != NULL)
				s = checklist_set_note(st, profile, r, it, clean, now);
		}
		if (s == STORE_OK)
			s = store_commit(st);
		else
			store_rollback(st);
	}
	if (rc == 0 && s != STORE_OK) {
		cli_error("nothing was changed: %s", store_strerror(s));
		rc = 1;
	}
	/* each item as `checklist` now prints it */
	if (rc == 0) {
		checklist_done(&cl);
		s = checklist_load_list(&cl, st, profile, r, list);
		for (int i = 0; i < nargs && s == STORE_OK; i++)
			put_item(out, (size_t)idx[i], &cl.v[idx[i]], NULL);
		if (s != STORE_OK) {
			cli_error("changed, but cannot read progress back: %s", store_strerror(s));
			rc = 1;
		}
	}
	free(idx);
	free(clean);
	checklist_done(&cl);
	return rc;
}

int
cli_profiles(struct store *st, struct catalog *cat, FILE *out)
{
	struct store_progress *p;
	size_t n;
	enum store_status s = store_profiles_list(st, &p, &n);
	const char *last = NULL;

	if (s != STORE_OK) {
		cli_error("cannot list profiles: %s", store_strerror(s));
		return 1;
	}
	if (n == 0)
		fputs("No profiles yet: progress is recorded when you tick an item.\n", out);
	for (size_t i = 0; i < n; i++) {
		struct role *r;
		if (last == NULL || strcmp(last, p[i].profile) != 0) {
			put_clean(out, p[i].profile, 0);
			fputc('\n', out);
			last = p[i].profile;
		}
		if (p[i].role == NULL)
			continue;
		r = catalog_find(cat, p[i].role);
		if (r != NULL && role_load(r) == 0 && r->nitems > 0) {
			struct checklist cl;
			checklist_load(&cl, st, p[i].profile, r);
			fprintf(out, "  %-24s %zu/%zu\n", r->id, cl.done, cl.n);
			checklist_done(&cl);
		} else {
			char *role = text_clean(p[i].role, 0);
			fprintf(out, "  %-24s %zu done (role not found)\n", role, p[i].done);
			free(role);
		}
	}
	store_progress_free(p, n);
	return fflush(out) == 0 ? 0 : 1;
}

int
cli_assessment(struct store *st, const char *profile, const char *rater, struct role *r, bool ascii,
	       FILE *out)
{
	struct store_rating *rt = NULL;
	struct store_snapshot *sn = NULL;
	size_t nrt = 0, nsn = 0;
	struct checklist cl;
	struct readiness rd;
	struct readiness_raters by;
	struct store_rating *all = NULL;
	size_t nall = 0;
	enum store_status s;
	const char *who = rater ? rater : "";

	if (load_or_fail(r))
		return 1;
	if (r->nstmts == 0) {
		cli_error("%s names no skill areas to assess", r->id);
		return 1;
	}
	s = store_ratings_get(st, profile, r->id, who, &rt, &nrt);
	if (s == STORE_OK)
		s = store_snapshots_get(st, profile, r->id, who, &sn, &nsn);
	if (s != STORE_OK) {
		cli_error("cannot read ratings: %s", store_strerror(s));
		store_ratings_free(rt, nrt);
		return 1;
	}
	checklist_load(&cl, st, profile, r);
	/* every number below is readiness's; the verdict hears every rater */
	readiness_compute_cl(&rd, r, rt, nrt, &cl);
	if (store_ratings_get(st, profile, r->id, NULL, &all, &nall) != STORE_OK)
		nall = 0;
	readiness_by_rater_cl(&by, r, all, nall, &cl);
	fprintf(out, "%s: %s", r->title, *who ? "review of " : "self-assessment of ");
	put_clean(out, profile, 0);
	if (*who) {
		fputs(" by ", out);
		put_clean(out, who, 0);
	}
	fputc('\n', out);
	fprintf(out, "Scale: 1 %s, 2 %s, 3 %s, 4 %s, 5 %s\n", readiness_labels[1],
		readiness_labels[2], readiness_labels[3], readiness_labels[4], readiness_labels[5]);
	for (size_t a = 0; a < rd.nareas; a++) {
		const struct area_score *sc = &rd.areas[a];
		char thr[16], *sum = readiness_area_summary(sc);

		readiness_format_threshold(sc->threshold, thr);
		fprintf(out, "\n%s: %s, threshold %s%s\n", sc->name, sum, thr,
			sc->meets ? "" : ", below");
		free(sum);
		for (size_t i = 0; i < r->nstmts; i++) {
			const struct store_rating *x;
			if (r->stmts[i].area != a)
				continue;
			x = readiness_rating(rt, nrt, r->stmts[i].id);
			if (x && x->value)
				fprintf(out, "  [%d] %s%s\n", x->value, r->stmts[i].text,
					x->origin == STORE_UNVERIFIED ? "  (unverified)" : "");
			else
				fprintf(out, "  [ ] %s\n", r->stmts[i].text);
			if (x && x->note && *x->note)
				put_note(out, "      ", x->note);
		}
	}
	{
		char *note = readiness_uncounted_note(rd.uncounted);
		if (note != NULL)
			fprintf(out, "\n%s\n", note);
		free(note);
	}
	{
		size_t nl;
		char **lines = readiness_summary_lines(&by, ascii, &nl);
		fputc('\n', out);
		for (size_t i = 0; i < nl; i++) {
			put_clean(out, lines[i], 0);
			fputc('\n', out);
		}
		fprintf(out, "%s\n", READINESS_DISCLAIMER);
		readiness_lines_free(lines, nl);
	}
	fprintf(out, "\nHistory (%zu snapshot%s):\n", nsn, nsn == 1 ? "" : "s");
	for (size_t i = 0; i < nsn; i++) {
		struct readiness snap;
		char when[DATES_MAX], *list;

		readiness_of_snapshot(&snap, r, &sn[i]);
		dates_format(sn[i].taken_at, DATE_MINUTE, when);
		list = readiness_area_list(&snap, ascii);
		fprintf(out, "  %s  %s\n", when, list);
		free(list);
		readiness_done(&snap);
	}
	readiness_done(&rd);
	readiness_raters_done(&by);
	store_ratings_free(all, nall);
	checklist_done(&cl);
	store_ratings_free(rt, nrt);
	store_snapshots_free(sn, nsn);
	return fflush(out) == 0 ? 0 : 1;
}

bool
cli_report_format(const char *name, enum report_format *out)
{
	if (strcmp(name, "text") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		*out = REPORT_MARKDOWN;
	else if (strcmp(name, "json") == 0)
		*out = REPORT_JSON;
	else if (strcmp(name, "issue") == 0)
		*out = REPORT_ISSUE;
	else
		return false;
	return true;
}

int
cli_report(struct store *st, struct catalog *cat, const char *profile, bool all, struct role *only,
	   enum report_format format, const struct report_issue_opts *issue, FILE *out)
{
	char *text = NULL, *detail = NULL, **names = NULL;
	char *one[1] = {(char *)profile};
	size_t n = 0;
	enum report_status s = REPORT_OK;

	if (all)
		s = report_candidates(st, only ? only->id : NULL, &names, &n, &detail);
	if (s == REPORT_OK && format == REPORT_ISSUE)
		s = report_issue(st, cat, all ? names : one, all ? n : 1, only, issue, &text,
				 &detail);
	else if (s == REPORT_OK && all)
		s = report_many(st, cat, names, n, only, format, &text, &detail);
	else if (s == REPORT_OK)
		s = report_profile(st, cat, profile, only, format, &text, &detail);
	report_names_free(names, n);
	if (s != REPORT_OK) {
		cli_error("cannot make the report: %s", detail ? detail : report_strerror(s));
		free(detail);
		return 1;
	}
	fputs(text, out);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the report");
		return 1;
	}
	return 0;
}
