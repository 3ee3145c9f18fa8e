/*
 * cmd_links.c - `rolebook links PATH`: every link of a document, or of
 * every Markdown document under a folder, with where it leads (links.c
 * decides, as for the reader) or why it does not, then a count.  Exit
 * status 1 when a link that is no URL is broken.  External links are
 * listed, never fetched.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "cmd.h"
#include "links.h"
#include "markdown.h"
#include "text.h"
#include "xalloc.h"

struct tally {
	size_t links, ok, broken, external;
	const char *top;  /* the real path results are shown from */
	const char *root; /* --root, or NULL */
	/* where '/' starts when neither --root nor a .git says: the folder
	 * walked, or the content folder a document given was listed from */
	const char *content;
	/* the folders walked (device, inode), against symlink loops */
	struct seen {
		dev_t dev;
		ino_t ino;
	} * seen;
	size_t nseen, seen_cap;
};

static bool
is_markdown(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && strcasecmp(name + n - 3, ".md") == 0) ||
	       (n > 9 && strcasecmp(name + n - 9, ".markdown") == 0);
}

/* file as shown: from the walk's top when below it, else whole. */
static const char *
shown(const struct tally *t, const char *file)
{
	size_t n = strlen(t->top);

	if (strncmp(file, t->top, n) == 0 && file[n] == '/')
		return file + n + 1;
	return file;
}

/* Prints one link (target as written, at name:line) and counts it. */
static void
report(struct tally *t, const char *path, const char *name, int line, const char *url)
{
	struct link_from from = {path, t->root, t->content};
	struct link_target lt;
	char *curl = text_clean(url, 0), *cname = text_clean(name, 0), *where = NULL;
	const char *why = NULL, *file = NULL;

	t->links++;
	links_resolve(&from, url, &lt);
	switch (lt.kind) {
	case LINK_EXTERNAL:
		t->external++;
		printf("%s:%d: %s -> external, not checked\n", cname, line, curl);
		goto done;
	case LINK_ANCHOR:
		file = path;
		break;
	case LINK_FILE:
	case LINK_OTHER_FILE:
		file = lt.file;
		break;
	case LINK_NOT_FOUND:
		why = lt.reason;
		break;
	}
	if (file != NULL) {
		char *cfile = text_clean(lt.kind == LINK_ANCHOR ? name : shown(t, file), 0);
		if (lt.kind == LINK_FILE || lt.kind == LINK_ANCHOR) {
			char *head = NULL;
			if (lt.anchor != NULL && *lt.anchor != '\0' &&
			    (head = links_heading(file, lt.anchor)) == NULL)
				why = "no heading has this anchor";
			if (head != NULL) {
				char *chead = text_clean(head, 0);
				where = xasprintf("%s, heading \"%s\"", cfile, chead);
				free(chead);
			}
			free(head);
		}
		if (where == NULL && why == NULL)
			where = xstrdup(cfile);
		free(cfile);
	}
	if (why != NULL) {
		t->broken++;
		printf("%s:%d: %s: broken (%s)\n", cname, line, curl, why);
	} else {
		t->ok++;
		printf("%s:%d: %s -> %s\n", cname, line, curl, where);
	}
done:
	free(where);
	free(curl);
	free(cname);
	link_target_done(&lt);
}

/* The links of the document at path (shown as name). */
static void
check_file(struct tally *t, const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	char *src = NULL, *front;
	size_t len = 0, body = 0, cap = 0, got;
	int before = 0;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	if (f == NULL) {
		char *c = text_clean(name, 0);
		cli_error("cannot read %s", c);
		free(c);
		return;
	}
	do {
		src = xgrow(src, &cap, len + 4096 + 1, 1);
		got = fread(src + len, 1, 4096, f);
		len += got;
	} while (got > 0);
	fclose(f);
	src[len] = '\0';
	front = md_front_matter(src, len, &body);
	free(front);
	for (size_t i = 0; i < body; i++)
		before += src[i] == '\n';
	doc = md_parse(src, len, NULL);
	free(src);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *p;
		int line;
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		line = cmark_node_get_start_line(n);
		for (p = n; line <= 0 && p != NULL; p = cmark_node_parent(p))
			line = cmark_node_get_start_line(p);
		report(t, path, name, line + before, cmark_node_get_url(n));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every Markdown document under dir (shown as name), in name order;
 * hidden entries, symlink loops and what is no regular file skipped. */
static void
check_dir(struct tally *t, const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL || stat(dir, &st) != 0) {
		if (d != NULL)
			closedir(d);
		return;
	}
	for (size_t i = 0; i < t->nseen; i++)
		if (t->seen[i].dev == st.st_dev && t->seen[i].ino == st.st_ino) {
			closedir(d);
			return;
		}
	t->seen = xgrow(t->seen, &t->seen_cap, t->nseen + 1, sizeof *t->seen);
	t->seen[t->nseen++] = (struct seen){st.st_dev, st.st_ino};
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		char *shown_name = xasprintf("%s%s%s", name, *name ? "/" : "", names[i]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			check_dir(t, p, shown_name);
		else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && is_markdown(names[i]))
			check_file(t, p, shown_name);
		free(shown_name);
		free(p);
		free(names[i]);
	}
	free(names);
}

int
cmd_exec_links(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct tally t = {.root = c->o->root};
	const char *path = argv[0];
	struct stat st;
	struct role *r;
	char *top, *real;

	(void)self;
	(void)argc;
	if (stat(path, &st) != 0 || (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))) {
		char *cp = text_clean(path, 0);
		cli_error("no document or folder '%s'", cp);
		free(cp);
		return 2;
	}
	if (c->o->root != NULL && (stat(c->o->root, &st) != 0 || !S_ISDIR(st.st_mode))) {
		char *cp = text_clean(c->o->root, 0);
		cli_error("--root: no folder '%s'", cp);
		free(cp);
		return 2;
	}
	stat(path, &st);
	if (S_ISDIR(st.st_mode)) {
		size_t n = strlen(path);
		char *name = xstrndup(path, n > 1 && path[n - 1] == '/' ? n - 1 : n);
		top = realpath(path, NULL);
		t.top = top;
		t.content = top; /* as `rolebook DIR` reads it */
		check_dir(&t, top, strcmp(name, ".") == 0 ? "" : name);
		free(name);
	} else {
		if ((real = realpath(path, NULL)) != NULL && (r = catalog_find_file(c->cat, real)))
			t.content = r->top;
		free(real);
		/* only for showing targets */
		if ((top = links_find_root(path)) == NULL && t.content != NULL)
			top = xstrdup(t.content);
		if (top == NULL) {
			char *dirname = xstrdup(path), *slash = strrchr(dirname, '/');
			if (slash != NULL)
				*slash = '\0';
			top = realpath(slash ? dirname : ".", NULL);
			free(dirname);
		}
		t.top = top ? top : "";
		check_file(&t, path, path);
	}
	printf("%zu link%s, %zu ok, %zu broken, %zu external not checked\n", t.links,
	       t.links == 1 ? "" : "s", t.ok, t.broken, t.external);
	free(top);
	free(t.seen);
	return t.broken > 0 ? 1 : 0;
}
