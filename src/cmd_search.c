/*
 * cmd_search.c - `rolebook search [-l] PATTERN`: every line of every
 * document the handbook lists that holds PATTERN (search_index.c finds
 * them, by the reader's rule), as "path:section: line", the path the
 * document's in its folder (role->rel); with -l, each matching
 * document's path once.  Exit status 1 when nothing matches, 2 on an
 * error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "search_index.h"
#include "text.h"

int
cmd_exec_search(const struct cmd_entry *self, struct cmd_ctx *c, int argc, char **argv)
{
	struct search_results res;
	char *err = NULL;
	size_t n;

	(void)self;
	(void)argc;
	if (*argv[0] == '\0') {
		fputs("rolebook: search: the pattern is empty\n", stderr);
		return 2;
	}
	if (!text_is_clean(argv[0], strlen(argv[0]))) {
		fputs("rolebook: search: the pattern holds control characters\n", stderr);
		return 2;
	}
	if (search_everything(c->cat, argv[0], c->o->files_only ? SEARCH_DOCS : SEARCH_EVERY_LINE,
			      NULL, NULL, &res, &err) != 0) {
		fprintf(stderr, "rolebook: %s\n", err);
		free(err);
		return 2;
	}
	for (size_t i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.v[i];
		const char *t = h->text;

		if (c->o->files_only) {
			puts(c->cat->v[h->doc]->rel);
			continue;
		}
		while (*t == ' ')
			t++;
		printf("%s:%s: %s\n", c->cat->v[h->doc]->rel, h->where, t);
	}
	n = res.n;
	search_results_done(&res);
	return n > 0 ? 0 : 1;
}
