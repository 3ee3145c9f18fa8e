/*
 * mdhtml.c - what the renderer makes of inline HTML tags: line breaks for
 * <br> and list markup (so a list in a table cell keeps its items apart),
 * a mark for <sup>/<sub> (so the word before stays apart), and text that
 * only looks like a tag (a "<COMPANY>" placeholder) shown as written.
 * Tags of HTML itself otherwise leave no text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "files.h"
#include "mdrender_state.h"
#include "xalloc.h"

/* Element names of HTML (and the few SVG ones seen in documents), sorted. */
static const char *const html_names[] = {
    "a",	"abbr",	      "acronym",  "address",  "area",	  "article", "aside",
    "audio",	"b",	      "base",	  "bdi",      "bdo",	  "big",     "blockquote",
    "body",	"br",	      "button",	  "canvas",   "caption",  "center",  "cite",
    "code",	"col",	      "colgroup", "data",     "dd",	  "del",     "details",
    "dfn",	"dialog",     "div",	  "dl",	      "dt",	  "em",	     "embed",
    "fieldset", "figcaption", "figure",	  "font",     "footer",	  "form",    "g",
    "h1",	"h2",	      "h3",	  "h4",	      "h5",	  "h6",	     "head",
    "header",	"hr",	      "html",	  "i",	      "iframe",	  "img",     "input",
    "ins",	"kbd",	      "label",	  "legend",   "li",	  "link",    "main",
    "map",	"mark",	      "menu",	  "meta",     "meter",	  "nav",     "nobr",
    "noscript", "object",     "ol",	  "optgroup", "option",	  "output",  "p",
    "param",	"path",	      "picture",  "pre",      "progress", "q",	     "rp",
    "rt",	"ruby",	      "s",	  "samp",     "script",	  "section", "select",
    "small",	"source",     "span",	  "strike",   "strong",	  "style",   "sub",
    "summary",	"sup",	      "svg",	  "table",    "tbody",	  "td",	     "template",
    "textarea", "tfoot",      "th",	  "thead",    "time",	  "title",   "tr",
    "track",	"tt",	      "u",	  "ul",	      "var",	  "video",   "wbr",
};

static int
name_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

bool
mdhtml_tag(const char *s, char name[16], bool *closing)
{
	size_t n = 0;

	if (*s++ != '<')
		return false;
	*closing = *s == '/';
	if (*closing)
		s++;
	while (n < 15 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			  (n > 0 && *s >= '0' && *s <= '9'))) {
		char ch = *s++;
		name[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	name[n] = '\0';
	return n > 0 && n < 15 && strchr(">/ \t\n", *s) != NULL;
}

/* Like mdhtml_tag(), and the name is one of HTML's elements. */
static bool
tag_name(const char *s, char name[16], bool *closing)
{
	return mdhtml_tag(s, name, closing) &&
	       bsearch(name, html_names, sizeof html_names / sizeof html_names[0],
		       sizeof html_names[0], name_cmp) != NULL;
}

/* Ends the run's line unless it has nothing but blanks since the last
 * break (or the start): a break there would make an empty line. */
static void
run_break(struct runbuf *rb, uint16_t style, uint16_t link)
{
	size_t i = rb->len;

	while (i > 0 && rb->buf[i - 1] == ' ')
		i--;
	if (i > 0 && rb->buf[i - 1] != '\n')
		wrap_run_add(rb, "\n", 1, style, link);
}

bool
mdhtml_inline(struct state *st, const char *tag, uint16_t style, uint16_t link)
{
	struct runbuf *rb = &st->run;
	char name[16];
	bool closing;

	if (tag == NULL)
		return true;
	if (!tag_name(tag, name, &closing)) {
		/* a placeholder such as <COMPANY> or <your-name> (a bare name,
		 * no attributes) is text; other unknown tags vanish */
		if (strspn(tag + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789-_.:") == strlen(tag) - 2 &&
		    strlen(tag) > 2 && tag[strlen(tag) - 1] == '>')
			wrap_run_text(rb, tag, style, link);
		return true;
	}
	if (strcasecmp(name, "li") == 0) {
		run_break(rb, style, link);
		if (!closing) {
			wrap_run_add(rb, st->bullets[0], strlen(st->bullets[0]), style | STY_MARKER,
				     link);
			wrap_run_add(rb, " ", 1, style, link);
		}
		return true;
	}
	if (strcasecmp(name, "ul") == 0 || strcasecmp(name, "ol") == 0 ||
	    strcasecmp(name, "p") == 0 || strcasecmp(name, "div") == 0) {
		run_break(rb, style, link);
		return true;
	}
	if (!closing && (strcasecmp(name, "sup") == 0 || strcasecmp(name, "sub") == 0)) {
		/* x<sup>2</sup> reads x^2, H<sub>2</sub>O reads H_2O */
		wrap_run_add(rb, strcasecmp(name, "sup") == 0 ? "^" : "_", 1, style, link);
		return true;
	}
	return false;
}

/* ---- tags of blocks and of images ---- */

bool
mdhtml_is_br(const char *html)
{
	const char *s = html;

	if (strncasecmp(s, "<br", 3) != 0)
		return false;
	s += 3;
	while (*s == ' ' || *s == '/')
		s++;
	return *s == '>';
}

/* The value of attribute name in the tag at s (up to its '>'): a new
 * string, or NULL. */
char *
mdhtml_attr(const char *s, const char *name)
{
	const char *end = strchr(s, '>'), *p = s;
	size_t nl = strlen(name);

	if (end == NULL)
		end = s + strlen(s);
	while ((p = strpbrk(p, " \t\n")) != NULL && p < end) {
		p++;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
			const char *v = p + nl + 1, *e;
			if (*v == '"' || *v == '\'') {
				e = strchr(v + 1, *v);
				v++;
			} else {
				e = v + strcspn(v, " \t\n>");
			}
			if (e == NULL || e > end)
				e = end;
			return xstrndup(v, (size_t)(e - v));
		}
	}
	return NULL;
}

/* For an <img> tag, what stands in for the picture, as for a Markdown
 * image: "[image: alt]", or the file's name when there is no alt text.
 * Adds it to the run and returns true; false for any other tag. */
bool
mdhtml_image(struct state *st, const char *s, uint16_t style, uint16_t link)
{
	char *label;

	if (strncasecmp(s, "<img", 4) != 0 ||
	    (s[4] != ' ' && s[4] != '\t' && s[4] != '\n' && s[4] != '/' && s[4] != '>'))
		return false;
	label = mdhtml_attr(s, "alt");
	if (label == NULL || label[0] == '\0') {
		char *src = mdhtml_attr(s, "src");
		free(label);
		label = NULL;
		if (src != NULL) {
			const char *base = files_basename(src);
			label = xstrdup(*base != '\0' ? base : src);
			free(src);
		}
	}
	wrap_run_add(&st->run, "[image", 6, style | STY_DIM, link);
	if (label != NULL && label[0] != '\0') {
		wrap_run_add(&st->run, ": ", 2, style | STY_DIM, link);
		wrap_run_text(&st->run, label, style | STY_DIM, link);
	}
	wrap_run_add(&st->run, "]", 1, style | STY_DIM, link);
	free(label);
	return true;
}

void
mdhtml_text(struct state *st, const char *s)
{
	bool any = false;

	if (s == NULL)
		return;
	while (*s != '\0') {
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = strstr(s + 4, "-->");
			s = e ? e + 3 : s + strlen(s);
		} else if (*s == '<') {
			const char *e = strchr(s, '>');
			if (mdhtml_is_br(s))
				wrap_run_add(&st->run, "\n", 1, STY_PLAIN, 0);
			else if (mdhtml_image(st, s, STY_PLAIN, 0))
				any = true;
			else if (e != NULL) {
				char *tag = xstrndup(s, (size_t)(e - s + 1));
				size_t before = st->run.len;
				if (!mdhtml_inline(st, tag, STY_PLAIN, 0))
					wrap_run_add(&st->run, " ", 1, STY_PLAIN, 0);
				for (size_t i = before; i < st->run.len; i++)
					if (st->run.buf[i] != ' ' && st->run.buf[i] != '\n' &&
					    st->run.buf[i] != '^' && st->run.buf[i] != '_')
						any = true;
				free(tag);
			}
			s = e ? e + 1 : s + strlen(s);
		} else {
			size_t k = strcspn(s, "<");
			for (size_t i = 0; i < k; i++)
				if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
					any = true;
			wrap_run_add(&st->run, s, k, STY_PLAIN, 0);
			for (size_t i = st->run.len - k; i < st->run.len; i++)
				if (st->run.buf[i] == '\n' || st->run.buf[i] == '\t')
					st->run.buf[i] = ' ';
			s += k;
		}
	}
	if (!any) {
		wrap_run_reset(&st->run);
		return;
	}
	wrap_open_block(st);
	wrap_flow(st, 0);
	st->need_blank = true;
}
