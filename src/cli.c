/*
 * cli.c - `list` and `print`.
 *
 * `print` streams: the renderer hands over each top-level block's lines,
 * which are written and forgotten, so memory stays flat however long the
 * document.  Styles become SGR sequences made here from the theme, never
 * from content (which is sanitised before parsing).
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "lines.h"
#include "markdown.h"
#include "mdrender.h"
#include "theme.h"
#include "xalloc.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("rolebook: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	FILE *out;
	enum cli_style style;
};

static void
sgr(FILE *out, uint16_t style, bool color)
{
	struct attr a;
	char buf[64];
	size_t n = 0;

	theme_attr(style, color, &a);
	n += (size_t)snprintf(buf + n, sizeof buf - n, "\033[0");
	if (a.bold)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";1");
	if (a.dim)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";2");
	if (a.italic)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";3");
	if (a.underline)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";4");
	if (a.reverse)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";7");
	if (a.fg >= 0)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";%d", 30 + a.fg);
	if (a.bg >= 0)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ";%d", 40 + a.bg);
	snprintf(buf + n, sizeof buf - n, "m");
	fputs(buf, out);
}

static void
write_lines(struct lines *l, void *arg)
{
	struct printer *p = arg;

	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->v[i];
		const char *text = lines_text(l, i);

		if (p->style == CLI_PLAIN) {
			fwrite(text, 1, ln->len, p->out);
		} else {
			for (uint32_t k = 0; k < ln->nspans; k++) {
				const struct span *sp = &l->spans[ln->span + k];
				if (sp->style != 0)
					sgr(p->out, sp->style, p->style == CLI_COLOR);
				fwrite(text + sp->off, 1, sp->len, p->out);
				if (sp->style != 0)
					fputs("\033[0m", p->out);
			}
		}
		putc('\n', p->out);
	}
}

int
cli_print(struct role *r, int width, enum cli_style style, bool ascii, FILE *out)
{
	struct mdrender_opts o = {.width = width, .ascii = ascii, .references = true};
	struct printer p = {.out = out, .style = style};
	struct render rr;

	if (role_load(r) != 0) {
		cli_error("%s", r->error);
		return 1;
	}
	render_init(&rr);
	rr.lines.flush = write_lines;
	rr.lines.flush_arg = &p;
	mdrender(r->doc, &r->outline, &o, &rr);
	render_done(&rr);
	if (fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the output");
		return 1;
	}
	return 0;
}
