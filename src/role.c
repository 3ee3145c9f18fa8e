/*
 * role.c - the role model (see content.h): a role's title and summary
 * peeked from the first kilobytes of its file, and, loaded whole, its
 * outline, checklist items, skill areas and self-assessment statements.
 *
 * role_peek() reads only the first few kilobytes of a file (the catalogue
 * peeks at every role it lists), role_load() the whole of it.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "content.h"
#include "files.h"
#include "markdown.h"
#include "role_int.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#define PEEK_BYTES 8192
#define DEFAULT_THRESHOLD 3.0

/* ---- a role's life ---- */

struct role *
role_new(char *id, char *path, enum role_origin origin)
{
	struct role *r = xcalloc(1, sizeof *r);

	r->id = id;
	r->path = path;
	r->origin = origin;
	r->threshold = DEFAULT_THRESHOLD;
	return r;
}

void
role_unload(struct role *r)
{
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].id);
		free(r->items[i].text);
		free(r->items[i].group);
		free(r->items[i].form);
		free(r->items[i].url);
		for (size_t k = 0; k < r->items[i].nlinks; k++)
			free(r->items[i].links[k]);
		free(r->items[i].links);
	}
	free(r->items);
	role_offboarding_free(r);
	for (size_t i = 0; i < r->nareas; i++) {
		free(r->areas[i].name);
		free(r->areas[i].description);
	}
	free(r->areas);
	for (size_t i = 0; i < r->nstmts; i++) {
		free(r->stmts[i].id);
		free(r->stmts[i].text);
	}
	free(r->stmts);
	free(r->kinds);
	outline_done(&r->outline);
	if (r->doc != NULL)
		cmark_node_free(r->doc);
	r->doc = NULL;
	r->items = NULL;
	r->areas = NULL;
	r->stmts = NULL;
	r->kinds = NULL;
	r->nitems = r->nareas = r->nstmts = 0;
	r->title_unshown = false;
	r->loaded = false;
}

void
role_free(struct role *r)
{
	if (r == NULL)
		return;
	role_unload(r);
	free(r->id);
	free(r->path);
	free(r->rel);
	free(r->old_id);
	free(r->title);
	free(r->summary);
	free(r->error);
	free(r);
}

/* Opens path, a content file: a regular file within CONTENT_MAX_BYTES.
 * NULL with a new message in *err when it is not. */
static FILE *
open_content(const char *path, char **err)
{
	struct stat sb;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		*err = xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*err = xasprintf("%s is not a regular file", path);
	} else if ((uintmax_t)sb.st_size > CONTENT_MAX_BYTES) {
		*err = xasprintf("%s is too large (%jd bytes; the limit is %u MiB)", path,
				 (intmax_t)sb.st_size, CONTENT_MAX_BYTES >> 20);
	} else {
		return f;
	}
	fclose(f);
	return NULL;
}

char *
content_read_file(const char *path, size_t *len, char **err)
{
	FILE *f = open_content(path, err);
	char *buf;
	size_t n;
	int rc;

	if (f == NULL)
		return NULL;
	rc = files_read(f, CONTENT_MAX_BYTES, &buf, &n);
	fclose(f);
	if (rc == EFBIG) {
		*err =
		    xasprintf("%s is too large (more than %u MiB)", path, CONTENT_MAX_BYTES >> 20);
		return NULL;
	}
	if (rc != 0) {
		*err = xasprintf("cannot read %s: %s", path, strerror(rc));
		return NULL;
	}
	if (memchr(buf, '\0', n) != NULL) {
		*err = xasprintf("%s is not a text file", path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* ---- peeking at the title and summary ---- */

/* A title from the file's name: the last part of the id (a path in a
 * folder, or a full path) without ".md", words capitalised. */
static char *
title_from_id(const char *id)
{
	const char *base = strrchr(id, '/') ? strrchr(id, '/') + 1 : id;
	size_t n = strlen(base);
	char *t;
	bool start = true;

	if (n > 3 && strcasecmp(base + n - 3, ".md") == 0)
		n -= 3;
	t = xstrndup(base, n);

	for (char *p = t; *p; p++) {
		if (*p == '-' || *p == '_')
			*p = ' ';
		if (start && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		start = *p == ' ';
	}
	return t;
}

/* The paragraph that gives a document's summary: its first top-level
 * paragraph after its title's heading (h1, or NULL when it has none);
 * summary_of() is its plain text, "" when there is none. */
static cmark_node *
summary_node(cmark_node *doc, cmark_node *h1)
{
	cmark_node *p = h1 != NULL && cmark_node_parent(h1) == doc ? cmark_node_next(h1)
								   : cmark_node_first_child(doc);

	while (p != NULL && cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		p = cmark_node_next(p);
	return p;
}

static char *
summary_of(cmark_node *doc, cmark_node *h1)
{
	cmark_node *p = summary_node(doc, h1);

	return p != NULL ? md_plain_text(p) : xstrdup("");
}

/* Drops the brackets left around text that was a reference link whose
 * definition lies past what a peek reads ("[Charter README]"). */
static void
drop_brackets(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++) {
		if (*p == '[') {
			char *e = strpbrk(p + 1, "[]");
			if (e != NULL && *e == ']' && e > p + 1) {
				memmove(o, p + 1, (size_t)(e - p - 1));
				o += e - p - 1;
				p = e;
				continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
}

/* The plain text of a line of Markdown (markup dropped, entities read). */
static char *
plain_markdown(const char *s, size_t n)
{
	cmark_node *doc = md_parse(s, n, NULL), *first = cmark_node_first_child(doc);
	char *t = first != NULL ? md_plain_text(first) : xstrdup("");

	cmark_node_free(doc);
	return t;
}

/*
 * The first level-1 ATX heading of body[0..n) (the text after any front
 * matter) as plain text, when it can be found without parsing: a "# "
 * line with nothing before it but blank lines and paragraphs (no code
 * fence, HTML, list or quote that could hide or hold it).  NULL when
 * that is not certain; the caller then parses.
 */
static char *
atx_title(const char *body, size_t n)
{
	size_t pos = 0;

	while (pos < n) {
		const char *line = body + pos, *nl = memchr(line, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - line) : n - pos, k = len;

		pos += len + 1;
		while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t' || line[k - 1] == '\r'))
			k--;
		if (k >= 2 && line[0] == '#' && (line[1] == ' ' || line[1] == '\t'))
			return plain_markdown(line, len);
		if (k > 0 && strchr("#`~<>-*+_|=[ \t0123456789", line[0]) != NULL)
			return NULL; /* a block that may matter: let the parser decide */
	}
	return NULL;
}

/* Bytes of a peek's first, cheaper look (most roles state their title and
 * summary within them); PEEK_BYTES when that is not enough. */
#define PEEK_FIRST 2048

/* Up to n bytes cut after the last whole line (all of them at the end). */
static size_t
whole_lines(const char *buf, size_t n, size_t have)
{
	const char *nl;

	if (n >= have)
		return have;
	nl = memrchr(buf, '\n', n);
	return nl != NULL ? (size_t)(nl - buf) + 1 : n;
}

/*
 * Reads the title and summary from buf[0..n) as the full model reads
 * them: the first level-1 heading and the first paragraph after it, as
 * plain text.  Returns false, setting nothing, when the window may have
 * cut them off (none found, or the paragraph reaches its last line).
 */
static bool
peek_window(struct role *r, const char *buf, size_t n, bool all)
{
	char *front = NULL, *title, *summary;
	cmark_node *doc = md_parse(buf, n, &front), *h1 = NULL, *p;
	int last = 1;
	bool ok;

	for (size_t i = 0; i < n; i++)
		last += buf[i] == '\n';
	title = md_front_value(front, "title");
	summary = md_front_value(front, "summary");
	free(front);
	for (p = cmark_node_first_child(doc); p != NULL && h1 == NULL; p = cmark_node_next(p))
		if (cmark_node_get_type(p) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(p) == 1) {
			char *t = md_plain_text(p);
			if (t[0] != '\0')
				h1 = p;
			if (title == NULL && t[0] != '\0')
				title = t;
			else
				free(t);
		}
	if (summary == NULL) {
		p = summary_node(doc, h1);
		if (p != NULL && (all || cmark_node_get_end_line(p) < last - 1)) {
			summary = md_plain_text(p);
			drop_brackets(summary);
		}
	}
	ok = all || (title != NULL && summary != NULL);
	if (ok) {
		r->title = title;
		r->summary = summary != NULL ? summary : xstrdup("");
	} else {
		free(title);
		free(summary);
	}
	cmark_node_free(doc);
	return ok;
}

void
role_peek(struct role *r)
{
	char buf[PEEK_BYTES];
	size_t n = 0;
	FILE *f;

	if (r->peeked)
		return;
	r->peeked = true;
	f = fopen(r->path, "rb");
	if (f != NULL) {
		n = fread(buf, 1, PEEK_BYTES, f);
		fclose(f);
	}
	/* A summary in front matter (as rolebook's own roles have) leaves
	 * only the title to find: the first ATX "# " heading, parsed alone. */
	{
		size_t body, at = n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		char *front = md_front_matter(buf, whole_lines(buf, PEEK_BYTES, n + 1), &body);
		r->title = md_front_value(front, "title");
		r->summary = md_front_value(front, "summary");
		free(front);
		if (body > at)
			at = body;
		if (r->summary != NULL && r->title == NULL)
			r->title = atx_title(buf + at, n - at);
		if (r->title != NULL && r->summary != NULL && r->title[0] != '\0')
			return;
		free(r->title);
		free(r->summary);
		r->title = r->summary = NULL;
	}
	/* n < PEEK_BYTES: the whole file was read */
	if (!peek_window(r, buf, whole_lines(buf, PEEK_FIRST, n), n < PEEK_FIRST))
		peek_window(r, buf, whole_lines(buf, PEEK_BYTES, n == PEEK_BYTES ? n + 1 : n),
			    true);
	if (r->title == NULL || r->title[0] == '\0') {
		free(r->title);
		r->title = title_from_id(r->id);
	}
}

/* ---- the full model ---- */

void
content_item_id(const char *text, char out[13])
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a 64 offset basis */
	bool space = false, any = false;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		unsigned char ch = *p;
		if (ch < 0x80 && !isalnum(ch)) {
			space = any;
			continue;
		}
		if (space) {
			h = (h ^ ' ') * 1099511628211ull;
			space = false;
		}
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 1099511628211ull;
		any = true;
	}
	snprintf(out, 13, "%012llx", (unsigned long long)(h & 0xffffffffffffull));
}

static enum section_kind
kind_of_title(const char *t)
{
	if (strcasestr(t, "self-assessment") || strcasestr(t, "self assessment") ||
	    strcasestr(t, "statements"))
		return SEC_STATEMENTS;
	if (strcasestr(t, "offboarding"))
		return SEC_OFFBOARDING;
	if (strcasestr(t, "checklist") || strcasestr(t, "onboarding steps"))
		return SEC_CHECKLIST;
	if (strcasestr(t, "skill"))
		return SEC_SKILLS;
	if (strcasestr(t, "sources"))
		return SEC_SOURCES;
	return SEC_OTHER;
}

long
role_section_of_kind(const struct role *r, enum section_kind kind)
{
	for (size_t i = 0; i < r->outline.n; i++)
		if (r->kinds[i] == kind)
			return (long)i;
	return -1;
}

const struct check_item *
role_item_by_task(const struct role *r, uint32_t task)
{
	/* items are in task order: binary search */
	size_t lo = 0, hi = r->nitems;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->items[mid].task < task)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nitems && r->items[lo].task == task ? &r->items[lo] : NULL;
}

static size_t
area_find_or_add(struct role *r, const char *name, const char *desc, long section, size_t *cap)
{
	for (size_t i = 0; i < r->nareas; i++)
		if (strcasecmp(r->areas[i].name, name) == 0) {
			if (r->areas[i].description[0] == '\0' && desc && *desc) {
				free(r->areas[i].description);
				r->areas[i].description = xstrdup(desc);
			}
			if (r->areas[i].section < 0)
				r->areas[i].section = section;
			return i;
		}
	r->areas = xgrow(r->areas, cap, r->nareas + 1, sizeof *r->areas);
	r->areas[r->nareas].name = xstrdup(name);
	r->areas[r->nareas].description = xstrdup(desc ? desc : "");
	r->areas[r->nareas].section = section;
	return r->nareas++;
}

/* "**Leadership** – text": the strong text, and the rest without the dash. */
static bool
bold_led(cmark_node *item, char **name, char **rest)
{
	cmark_node *para = cmark_node_first_child(item), *strong;
	char *all, *p;
	size_t nl;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return false;
	strong = cmark_node_first_child(para);
	if (strong == NULL || cmark_node_get_type(strong) != CMARK_NODE_STRONG)
		return false;
	*name = md_plain_text(strong);
	nl = strlen(*name);
	while (nl > 0 && strchr(":.", (*name)[nl - 1]))
		(*name)[--nl] = '\0';
	all = md_plain_text(para);
	p = all;
	/* skip the name as it appears in the full text */
	if (strncmp(p, *name, nl) == 0)
		p += nl;
	while (*p == ' ' || *p == ':' || *p == '-' || *p == '.')
		p++;
	if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	*rest = xstrdup(p);
	free(all);
	if (nl == 0 || nl > 60) { /* a bold sentence, not a name */
		free(*name);
		free(*rest);
		return false;
	}
	return true;
}

/* Heading entry above entry i that starts its group (its parent), or -1. */
static long
parent_entry(const struct outline *o, size_t i)
{
	for (long j = (long)i - 1; j >= 0; j--)
		if (o->v[j].level < o->v[i].level)
			return j;
	return -1;
}

/* True when r's title comes from front matter and its text does not open
 * with a level-1 heading of the same words (see role.title_unshown). */
static bool
title_only_in_front(const struct role *r, const char *front)
{
	char *title = md_front_value(front, "title");
	bool only = title != NULL && *title != '\0' && strcmp(title, r->title) == 0 &&
		    !md_opens_with(r->doc, title);

	free(title);
	return only;
}

/* Builds the model from r->doc (parsed) and its front matter (taken). */
static void
analyse(struct role *r, char *front)
{
	struct outline *o = &r->outline;
	size_t hint = 0, items_cap = 0, areas_cap = 0, stmts_cap = 0, off_cap = 0;
	long sec = -1, skills_sec, stmts_sec;
	char *v;
	cmark_node *n;
	cmark_iter *it;
	cmark_event_type ev;
	uint32_t task = 0;

	outline_build(o, r->doc);
	r->kinds = xcalloc(o->n ? o->n : 1, sizeof *r->kinds);
	for (size_t i = 0; i < o->n; i++) {
		long p = parent_entry(o, i);
		r->kinds[i] = kind_of_title(o->v[i].title);
		if (r->kinds[i] == SEC_OTHER && p >= 0 && o->v[i].level > 1)
			r->kinds[i] = r->kinds[p];
	}
	if ((v = md_front_value(front, "threshold")) != NULL) {
		char *end;
		double t = strtod(v, &end);
		if (end != v && t >= 1.0 && t <= 5.0)
			r->threshold = t;
		free(v);
	}
	if (!r->peeked || r->title == NULL) {
		free(r->title);
		r->title = md_front_value(front, "title");
		if (r->title == NULL)
			for (size_t i = 0; i < o->n && r->title == NULL; i++)
				if (o->v[i].level == 1 && !o->v[i].lead && o->v[i].title[0])
					r->title = xstrdup(o->v[i].title);
		if (r->title == NULL)
			r->title = title_from_id(r->id);
	}
	if (r->summary == NULL) {
		r->summary = md_front_value(front, "summary");
		if (r->summary == NULL) {
			cmark_node *h1 = NULL;
			for (size_t i = 0; i < o->n && h1 == NULL; i++)
				if (o->v[i].level == 1 && !o->v[i].lead && o->v[i].node != r->doc &&
				    o->v[i].title[0])
					h1 = o->v[i].node;
			r->summary = summary_of(r->doc, h1); /* as role_peek() finds it */
		}
	}
	r->title_unshown = title_only_in_front(r, front);
	r->peeked = true;
	free(front);
	skills_sec = role_section_of_kind(r, SEC_SKILLS);
	stmts_sec = role_section_of_kind(r, SEC_STATEMENTS);
	bool has_checklist = role_section_of_kind(r, SEC_CHECKLIST) >= 0;

	/* Skill areas named by sub-headings of the skills section, in
	 * rolebook's own format only ("## Skill areas"): under headings such
	 * as upstream's "Minimum Skills and Requirements" the sub-headings
	 * are "Expected time commitment" and "Duration", no skills. */
	if (skills_sec >= 0 && strcasestr(o->v[skills_sec].title, "skill area") != NULL)
		for (size_t i = (size_t)skills_sec + 1; i < o->n; i++) {
			if (o->v[i].level <= o->v[skills_sec].level)
				break;
			if (o->v[i].level == o->v[skills_sec].level + 1 && !o->v[i].lead) {
				cmark_node *p = cmark_node_next(o->v[i].node);
				char *desc = NULL;
				if (p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH)
					desc = md_plain_text(p);
				area_find_or_add(r, o->v[i].title, desc, (long)i, &areas_cap);
				free(desc);
			}
		}

	it = cmark_iter_new(r->doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		long found;
		bool checked;

		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((found = outline_find(o, n, &hint)) >= 0)
			sec = found;
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (cmark_node_get_type(n) != CMARK_NODE_ITEM)
			continue;
		enum section_kind k = sec >= 0 ? r->kinds[sec] : SEC_OTHER;
		if (md_is_task(n, &checked)) {
			task++;
			if (k == SEC_OFFBOARDING)
				role_offboarding_add(r, n, sec, task, checked, &off_cap);
			else if (k == SEC_CHECKLIST || !has_checklist) {
				struct check_item *ci;
				cmark_node *para = cmark_node_first_child(n);
				char id[13];

				r->items =
				    xgrow(r->items, &items_cap, r->nitems + 1, sizeof *r->items);
				ci = &r->items[r->nitems++];
				ci->text = para ? md_plain_text(para) : xstrdup("");
				md_strip_item_marks_due(ci->text, &ci->required, &ci->form,
							&ci->due);
				content_item_id(ci->text, id);
				ci->id = xstrdup(id);
				ci->task = task;
				ci->checked = checked;
				ci->url = role_item_url(n);
				ci->nlinks = role_item_links(n, &ci->links);
				ci->group = NULL;
				if (sec >= 0 && r->kinds[sec] == SEC_CHECKLIST &&
				    o->v[sec].level > 1 &&
				    kind_of_title(o->v[sec].title) != SEC_CHECKLIST) {
					struct due_mark gd;
					/* the title leaves the mark out (outline.c); a
					 * group's due mark, for items without their own,
					 * is read from the heading itself */
					char *raw = md_plain_text(o->v[sec].node);
					ci->group = xstrdup(o->v[sec].title);
					if (due_strip_mark(raw, &gd) && ci->due.unit == DUE_NONE)
						ci->due = gd;
					free(raw);
				}
			}
			continue;
		}
		if (k == SEC_SKILLS && sec == skills_sec) {
			char *name, *rest;
			if (bold_led(n, &name, &rest)) {
				area_find_or_add(r, name, rest, sec, &areas_cap);
				free(name);
				free(rest);
			}
		} else if (k == SEC_STATEMENTS && sec >= 0 && sec != stmts_sec &&
			   cmark_node_parent(cmark_node_parent(n)) != NULL &&
			   cmark_node_get_type(cmark_node_parent(cmark_node_parent(n))) ==
			       CMARK_NODE_DOCUMENT) {
			cmark_node *para = cmark_node_first_child(n);
			struct statement *s;
			char *key;
			char id[13];
			size_t a = area_find_or_add(r, o->v[sec].title, NULL, -1, &areas_cap);

			r->stmts = xgrow(r->stmts, &stmts_cap, r->nstmts + 1, sizeof *r->stmts);
			s = &r->stmts[r->nstmts++];
			s->text = para ? md_plain_text(para) : xstrdup("");
			s->area = a;
			key = xasprintf("%s\n%s", r->areas[a].name, s->text);
			content_item_id(key, id);
			free(key);
			s->id = xstrdup(id);
		}
	}
	cmark_iter_free(it);

	/* Areas without statements (upstream files) are rated as a whole. */
	for (size_t a = 0; a < r->nareas; a++) {
		bool any = false;
		for (size_t i = 0; i < r->nstmts; i++)
			any |= r->stmts[i].area == a;
		if (!any) {
			struct statement *s;
			char *key;
			char id[13];
			r->stmts = xgrow(r->stmts, &stmts_cap, r->nstmts + 1, sizeof *r->stmts);
			s = &r->stmts[r->nstmts++];
			s->text = r->areas[a].description[0]
				      ? xstrdup(r->areas[a].description)
				      : xasprintf("I practise %s in this role.", r->areas[a].name);
			s->area = a;
			key = xasprintf("%s\n%s", r->areas[a].name, s->text);
			content_item_id(key, id);
			free(key);
			s->id = xstrdup(id);
		}
	}
	r->loaded = true;
}

void
role_load_text(struct role *r, const char *text, size_t len)
{
	char *front = NULL;

	role_unload(r);
	r->doc = md_parse(text, len, &front);
	analyse(r, front);
}

bool
role_file_changed(const struct role *r)
{
	struct stat sb;

	if (!r->loaded)
		return false;
	if (stat(r->path, &sb) != 0)
		return true;
	return (int64_t)sb.st_size != r->file_size ||
	       (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec != r->file_mtime_ns;
}

FILE *
role_open(struct role *r)
{
	free(r->error);
	r->error = NULL;
	return open_content(r->path, &r->error);
}

int
role_load(struct role *r)
{
	char *err = NULL, *front = NULL;
	FILE *f;

	if (r->loaded)
		return 0;
	role_unload(r);
	if ((f = role_open(r)) == NULL)
		return -1;
	{ /* what role_file_changed compares with */
		struct stat sb;
		if (fstat(fileno(f), &sb) == 0) {
			r->file_size = (int64_t)sb.st_size;
			r->file_mtime_ns =
			    (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
		}
	}
	r->doc = md_parse_file(f, r->path, &front, &err);
	if (r->doc == NULL)
		r->error = err;
	fclose(f);
	if (r->doc == NULL)
		return -1;
	analyse(r, front);
	return 0;
}
