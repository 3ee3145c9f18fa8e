/*
 * open_link.c - the decision of what `o` does with a link (see
 * open_link.h).  Pure: no environment, no processes, no terminal.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "open_link.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const SCHEMES[] = {"http:", "https:", "mailto:"};

bool
open_link_allowed(const char *url, const char **reason)
{
	const char *why = NULL;
	size_t len = url != NULL ? strlen(url) : 0;
	bool scheme = false;

	for (size_t i = 0; i < sizeof SCHEMES / sizeof SCHEMES[0]; i++)
		if (strncasecmp(url != NULL ? url : "", SCHEMES[i], strlen(SCHEMES[i])) == 0 &&
		    len > strlen(SCHEMES[i]))
			scheme = true;
	if (len == 0)
		why = "the link is empty";
	else if (!scheme)
		why = "only http, https and mailto links are opened";
	else if (len > OPEN_URL_MAX)
		why = "the link is too long";
	for (size_t i = 0; why == NULL && i < len; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
			why = "the link has spaces, control or non-ASCII characters";
	if (why != NULL && reason != NULL)
		*reason = why;
	return why == NULL;
}

/* The first command of $BROWSER when it is a program name or path alone
 * (a new string), else NULL. */
static char *
browser_program(const char *browser)
{
	size_t n;

	if (browser == NULL)
		return NULL;
	n = strcspn(browser, ":");
	if (n == 0 || strcspn(browser, " \t%") < n || browser[0] == '-')
		return NULL;
	return xstrndup(browser, n);
}

static bool
set(const char *v)
{
	return v != NULL && *v != '\0';
}

enum open_method
open_link_plan(const char *url, const struct open_env *env, struct open_plan *out)
{
	char *browser;

	memset(out, 0, sizeof *out);
	if (!open_link_allowed(url, &out->reason))
		return out->method = OPEN_REFUSED;
	browser = browser_program(env->browser);
	if (browser == NULL && set(env->browser))
		out->browser_unused = "it has a space, a % or a leading -; only a program "
				      "name or path is run, with the URL as its one argument";
	if (set(env->display) || set(env->wayland_display)) {
		if (browser == NULL && env->have_xdg_open)
			browser = xstrdup("xdg-open");
		if (browser != NULL) {
			out->program = browser;
			return out->method = OPEN_DESKTOP;
		}
	} else if (browser != NULL) {
		out->program = browser;
		return out->method = OPEN_TERMINAL;
	}
	free(browser);
	if (!set(env->term) || strcmp(env->term, "dumb") == 0 || strcmp(env->term, "linux") == 0)
		return out->method = OPEN_SHOW;
	return out->method = OPEN_CLIPBOARD;
}

void
open_plan_done(struct open_plan *p)
{
	free(p->program);
	memset(p, 0, sizeof *p);
}

char *
open_link_osc52(const char *url)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)url;
	size_t len = strlen(url);
	struct strbuf b = {0};

	strbuf_puts(&b, "\033]52;c;");
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		size_t left = len - i;
		if (left > 1)
			v |= (unsigned)s[i + 1] << 8;
		if (left > 2)
			v |= s[i + 2];
		strbuf_printf(&b, "%c%c%c%c", b64[v >> 18 & 63], b64[v >> 12 & 63],
			      left > 1 ? b64[v >> 6 & 63] : '=', left > 2 ? b64[v & 63] : '=');
	}
	strbuf_puts(&b, "\a");
	return strbuf_take(&b);
}

static char *
said(const struct open_plan *p, const char *url)
{
	switch (p->method) {
	case OPEN_DESKTOP:
	case OPEN_TERMINAL:
		return xasprintf("Opened with %s: %s", p->program, url);
	case OPEN_CLIPBOARD:
		return xasprintf("Copied to the clipboard (OSC 52): %s", url);
	case OPEN_SHOW:
		if (p->shown_plain)
			return xasprintf(
			    "Link shown as one line on the plain screen, to select: %s", url);
		return xasprintf("Link (select it to copy): %s", url);
	case OPEN_REFUSED:
		break;
	}
	return xasprintf("Not opened: %s", p->reason ? p->reason : "refused");
}

char *
open_link_message(const struct open_plan *p, const char *url)
{
	char *s = said(p, url), *t;

	if (p->browser_unused == NULL || p->method == OPEN_REFUSED)
		return s;
	t = xasprintf("%s ($BROWSER is not a plain program name: %s)", s, p->browser_unused);
	free(s);
	return t;
}
