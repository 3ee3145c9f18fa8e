/*
 * app_open.c - `o`: a link handed to open_link.c's plan, with what it
 * depends on read from the environment here, and carried out by the
 * terminal layer (struct app's run_link); the status line says what was
 * done.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "open_link.h"
#include "text.h"
#include "xalloc.h"

/* True when program is an executable file in a folder of $PATH. */
static bool
on_path(const char *program)
{
	const char *path = getenv("PATH");
	bool found = false;

	while (path != NULL && *path != '\0' && !found) {
		size_t n = strcspn(path, ":");
		char *f = xasprintf("%.*s/%s", (int)n, n ? path : ".", program);
		found = access(f, X_OK) == 0;
		free(f);
		path += n + (path[n] == ':');
	}
	return found;
}

void
app_open_url(struct app *a, const char *url)
{
	struct open_env env = {getenv("DISPLAY"), getenv("WAYLAND_DISPLAY"), getenv("BROWSER"),
			       getenv("TERM"), on_path("xdg-open")};
	struct open_plan p;
	char *shown = text_clean(url != NULL ? url : "", 0), *msg;
	int err = 0;

	open_link_plan(url, &env, &p);
	if (p.method != OPEN_REFUSED) {
		if (a->run_link == NULL) {
			p.method = OPEN_SHOW;
		} else if ((err = a->run_link(a, &p, url)) != 0) {
			app_status(a, true, "Cannot run %s (%s); the link: %s",
				   p.program ? p.program : "the opener", strerror(err), shown);
			open_plan_done(&p);
			free(shown);
			return;
		}
	}
	/* shown by the terminal layer on its own screen */
	if (p.method == OPEN_SHOW && a->run_link != NULL)
		p.shown_plain = true;
	msg = open_link_message(&p, shown);
	app_status(a, p.method == OPEN_REFUSED, "%s", msg);
	free(msg);
	open_plan_done(&p);
	free(shown);
}
