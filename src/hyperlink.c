/*
 * hyperlink.c - OSC 8 hyperlinks for print (see hyperlink.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistd.h>

#include "hyperlink.h"
#include "links.h"
#include "xalloc.h"

static bool
starts(const char *s, const char *p)
{
	return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

static bool
set(const char *s)
{
	return s != NULL && *s != '\0';
}

bool
hyperlink_terminal(const char *(*env)(const char *name))
{
	static const char *const programs[] = {"iTerm.app", "WezTerm", "vscode", "ghostty"};
	const char *term = env("TERM"), *prog = env("TERM_PROGRAM"), *vte = env("VTE_VERSION");

	/* a multiplexer may hand the sequence to a terminal that prints it */
	if (set(env("TMUX")) || set(env("STY")) || starts(term, "screen") || starts(term, "tmux") ||
	    term == NULL || strcmp(term, "dumb") == 0 || strcmp(term, "linux") == 0)
		return false;
	for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++)
		if (prog != NULL && strcmp(prog, programs[i]) == 0)
			return true;
	if (set(vte) && atol(vte) >= 5000) /* VTE 0.50 */
		return true;
	return set(env("KITTY_WINDOW_ID")) || set(env("KONSOLE_VERSION")) ||
	       set(env("WT_SESSION")) || strcmp(term, "xterm-kitty") == 0 || starts(term, "foot") ||
	       strcmp(term, "xterm-ghostty") == 0 || strcmp(term, "wezterm") == 0;
}

bool
hyperlink_wanted(enum hyperlink_when when, bool tty, const char *(*env)(const char *name))
{
	return when == HYPERLINK_ALWAYS ||
	       (when == HYPERLINK_AUTO && tty && hyperlink_terminal(env));
}

bool
hyperlink_url_ok(const char *url)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://", "mailto:"};

	if (url == NULL || strlen(url) > HYPERLINK_MAX_URL)
		return false;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0 &&
		    url[strlen(schemes[i])] != '\0')
			return true;
	return false;
}

bool
hyperlink_open(struct strbuf *sb, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";

	/* a file:// URI names its host (hyperlink_file_uri's): "file:///"
	 * alone is a file of whatever machine the terminal runs on */
	if (!hyperlink_url_ok(url) &&
	    !(url != NULL && strncmp(url, "file://", 7) == 0 && url[7] != '/' && url[7] != '\0' &&
	      strlen(url) <= HYPERLINK_MAX_URL))
		return false;
	strbuf_puts(sb, "\033]8;;");
	for (const unsigned char *p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p >= 0x21 && *p <= 0x7e) {
			strbuf_add(sb, (const char *)p, 1);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_add(sb, esc, 3);
		}
	}
	strbuf_puts(sb, "\033\\");
	return true;
}

void
hyperlink_close(struct strbuf *sb)
{
	strbuf_puts(sb, "\033]8;;\033\\");
}

/* Appends s with every byte but a letter, a digit, "-._~" and those of
 * keep written %XX. */
static void
put_encoded(struct strbuf *sb, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL ||
		    strchr(keep, *p) != NULL) {
			strbuf_add(sb, (const char *)p, 1);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_add(sb, esc, 3);
		}
	}
}

char *
hyperlink_file_uri(const char *host, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "file://");
	put_encoded(&sb, host, "");
	put_encoded(&sb, path, "/");
	return strbuf_take(&sb);
}

char *
hyperlink_target(const char *url, const struct link_from *from)
{
	struct link_target t;
	char host[256], *uri = NULL;

	if (url == NULL)
		return NULL;
	if (hyperlink_url_ok(url))
		return xstrdup(url);
	if (from == NULL || from->path == NULL)
		return NULL;
	links_resolve(from, url, &t);
	if ((t.kind == LINK_FILE || t.kind == LINK_OTHER_FILE) && t.file != NULL &&
	    t.file[0] == '/' && gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		if (host[0] != '\0')
			uri = hyperlink_file_uri(host, t.file);
		if (uri != NULL && strlen(uri) > HYPERLINK_MAX_URL) {
			free(uri);
			uri = NULL;
		}
	}
	link_target_done(&t);
	return uri;
}

const char *
hyperlink_cached(struct hyperlink_cache *c, size_t id, const char *url,
		 const struct link_from *from)
{
	size_t i = id - 1;

	if (id == 0 || url == NULL)
		return NULL;
	if (i >= c->n) {
		c->url = xreallocarray(c->url, id, sizeof *c->url);
		c->target = xreallocarray(c->target, id, sizeof *c->target);
		for (size_t k = c->n; k < id; k++)
			c->url[k] = c->target[k] = NULL;
		c->n = id;
	}
	if (c->url[i] == NULL || strcmp(c->url[i], url) != 0) {
		free(c->url[i]);
		free(c->target[i]);
		c->url[i] = xstrdup(url);
		c->target[i] = hyperlink_target(url, from);
	}
	return c->target[i];
}

void
hyperlink_cache_free(struct hyperlink_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->url[i]);
		free(c->target[i]);
	}
	free(c->url);
	free(c->target);
	*c = (struct hyperlink_cache){0};
}
