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

#include "mdrender_state.h"

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

/* The element name of the tag at s ("<name ..." or "</name"), lowercase
 * compared; false when s is not a tag of an HTML element. */
static bool
tag_name(const char *s, char name[16], bool *closing)
{
	size_t n = 0;

	if (*s++ != '<')
		return false;
	*closing = *s == '/';
	if (*closing)
		s++;
	while (n < 15 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			  (n > 0 && *s >= '0' && *s <= '9')))
		name[n++] = *s++;
	name[n] = '\0';
	if (n == 0 || n == 15)
		return false;
	return bsearch(name, html_names, sizeof html_names / sizeof html_names[0],
		       sizeof html_names[0], name_cmp) != NULL;
}

/* Ends the run's line unless it is empty or already ends one. */
static void
run_break(struct runbuf *rb, uint16_t style, uint16_t link)
{
	if (rb->len > 0 && rb->buf[rb->len - 1] != '\n')
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
