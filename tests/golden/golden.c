/*
 * golden.c - golden screens: every screen of rolebook, reached with keys
 * from the home screen as a user would, drawn into a virtual frame and
 * compared with the text files committed under tests/data/screens.
 *
 * Each scene of the table below runs at 80x24, at 50x16 and in ASCII at
 * 80x24 (what a terminal without UTF-8 shows), from scratch: a new
 * catalogue of the bundled roles, a new database in memory seeded through
 * store.h at fixed times, a fixed clock, TZ=UTC.  A few scenes also keep a
 * style map (one letter per cell) at 80x24.
 *
 * Usage: golden [SCENE-SUBSTRING]
 * With GOLDEN_TRACE=1 it prints the screen after every key: to find where
 * a scene's keys went wrong.
 * With GOLDEN_UPDATE=1 in the environment the files are rewritten (and
 * files no scene makes any more are removed) instead of compared; the
 * diff is then reviewed like code.  See tests/data/screens/README.
 *
 * Exit status: 0 when every screen matches, 1 otherwise, with a unified
 * diff (or the expected and the actual text) for each mismatch.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "content.h"
#include "dates.h"
#include "frame.h"
#include "keys.h"
#include "lines.h"
#include "store.h"
#include "text.h"
#include "theme.h"
#include "view.h"
#include "xalloc.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

#define SCREENS TEST_SRCDIR "/tests/data/screens"

/*
 * The scenes: how each screen is reached from the home screen, with keys
 * as a user types them (<Name> for a named key, see key_names below).
 * After the keys the title of the screen (its header's text, uncut) must
 * contain `header`, else the scene
 * fails naming the screen: fix the keys here when a binding changes.
 * The profile is alice, the reviewer chair; see seed() for the records.
 */
static const struct scene {
	const char *name;   /* the files' name: NAME-80x24.txt and so on */
	const char *keys;   /* from the home screen */
	const char *header; /* the top view's title must contain it (each part of a|b) */
	bool styles;	    /* also NAME-80x24-styles.txt */
	bool locked;	    /* another program holds the database: changes wait */
	const char *tree;   /* a folder of tests/data read first (--content), or NULL */
} scenes[] = {
    {"home", "", "roles", true, false, NULL},
    {"reader-text", "j<Enter>]]]]]]]]]jj", "Program Manager", false, false, NULL},
    {"reader-contents", "j<Enter><Tab>jjjjjjjjjj", "Program Manager", true, false, NULL},
    {"checklist", "j<Enter>cjjj", "Program Manager|Checklist", true, false, NULL},
    {"note", "j<Enter>cjv", "Note", true, false, NULL},
    {"assess", "j<Enter>ajj", "Self-assessment", true, false, NULL},
    {"chart", "j<Enter>avj", "Readiness", true, false, NULL},
    {"history", "j<Enter>aH", "History", true, false, NULL},
    {"history-long", "jjj<Enter>aHG", "Technical Lead|History", true, false, NULL},
    {"compare", "j<Enter>aHGk<Space>k<Space><Enter>", "Compare", false, false, NULL},
    {"review", "R", "Review", true, false, NULL},
    {"review-rate", "R/program<Enter><Enter>j", "Review of alice by chair", true, false, NULL},
    {"help", "j<Enter>?", "help", false, false, NULL},
    {"chair-checklist", "<Enter>c", "SIG Chair|Checklist", false, false, NULL},
    {"subproject-owner-text", "jj<Enter>]]]]]]]]]]]", "Subproject Owner", false, false, NULL},
    /* a tick and an untick waiting for the database: marked, and the footer */
    {"checklist-waiting", "j<Enter>cjjj<Space>jjjjj<Space><Space><Space>",
     "Program Manager|Checklist", true, true, NULL},
    {"assess-waiting", "j<Enter>ajj3", "Self-assessment", false, true, NULL},
    /* a documentation tree: folders first, sig-a opened, its meetings
     * folder opened, then the selection back on sig-a, closed by Left
     * from its document and opened again */
    {"home-tree", "<Enter>j<Enter>jj<Left><Enter>", "roles", true, false, "tree"},
    /* issue 12: every document searched; a match opened, n goes on */
    {"search-results", "/review<Enter>jj", "search: review", true, false, NULL},
    {"search-open", "/review<Enter>jjj<Enter>", "SIG Chair", true, false, NULL},
    {"search-open-next", "/review<Enter>jjj<Enter>n", "SIG Chair", false, false, NULL},
    /* the results screen's help: its own keys, not the home screen's */
    {"search-help", "/review<Enter>?", "help", false, false, NULL},
    /* in a tree: each document's path in its folder; back on the home
     * screen, the view as it was at /: the folder selected then selected
     * again, the folders the type-ahead opened closed again */
    {"search-tree", "j/meetings<Enter>", "search: meetings", false, false, "tree"},
    {"search-tree-back", "j/meetings<Enter>q", "roles", false, false, "tree"},
    /* issue 13: an HTML table split by blank lines, cells across columns
     * and rows; a footnote reference followed to its note */
    {"reader-html", "<Enter>", "Tables in HTML", true, false, "html"},
    {"reader-footnote", "<Enter>l<Enter>", "Tables in HTML", false, false, "html"},
};

static const struct size {
	int rows, cols;
	bool ascii;
	const char *suffix;
} sizes[] = {
    {24, 80, false, "80x24"},
    {16, 50, false, "50x16"},
    {24, 80, true, "ascii-80x24"},
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
    {"Enter", K_ENTER}, {"Tab", K_TAB},	     {"BTab", K_BTAB},	{"Up", K_UP},	  {"Down", K_DOWN},
    {"Left", K_LEFT},	{"Right", K_RIGHT},  {"PgUp", K_PGUP},	{"PgDn", K_PGDN}, {"Home", K_HOME},
    {"End", K_END},	{"BS", K_BACKSPACE}, {"Del", K_DELETE}, {"Esc", K_ESC},	  {"Space", ' '},
    {"lt", '<'},	{"C-d", 0x04},	     {"C-u", 0x15},
};

/* ---- the records ---- */

#define T0 INT64_C(1794735000) /* 2026-11-15T09:30:00Z, a Sunday */
#define HOUR INT64_C(3600)
#define DAY INT64_C(86400)
#define NOW (T0 + 30 * DAY + 8 * HOUR) /* the app's clock */

static int64_t
fixed_clock(void)
{
	return NOW;
}

static struct catalog seed_cat; /* loaded once: the ids of items and statements */
static bool trace;		/* GOLDEN_TRACE: every screen on the way */
static int failures, passes;

static void
must(enum store_status s, const char *what)
{
	if (s != STORE_OK) {
		fprintf(stderr, "golden: seeding the database: %s: %s\n", what, store_strerror(s));
		exit(1);
	}
}

static struct role *
seed_role(const char *id)
{
	struct role *r = catalog_find(&seed_cat, id);

	if (r == NULL || role_load(r) != 0) {
		fprintf(stderr, "golden: the bundled role %s cannot be loaded: %s\n", id,
			r && r->error ? r->error : "not found");
		exit(1);
	}
	return r;
}

/* Items [0, n) of role done at t, one day apart. */
static void
seed_done(struct store *st, const char *profile, struct role *r, size_t n, int64_t t)
{
	for (size_t i = 0; i < n && i < r->nitems; i++)
		must(store_item_set_done(st, profile, r->id, r->items[i].id, r->items[i].text, true,
					 t + (int64_t)i * DAY),
		     "item done");
}

/* Rates the statements of r by rater in order from pattern: a digit each
 * (1-5, 0 to skip), spaces ignored, repeated when shorter. */
static void
seed_rate(struct store *st, const char *profile, struct role *r, const char *rater,
	  const char *pattern, int64_t t)
{
	const char *p = pattern;

	for (size_t i = 0; i < r->nstmts; i++) {
		int v;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			p = pattern;
		v = *p++ - '0';
		if (v > 0)
			must(store_rating_set(st, profile, r->id, rater, r->stmts[i].id,
					      r->areas[r->stmts[i].area].name, r->stmts[i].text, v,
					      t),
			     "rating");
	}
}

static void
seed_snapshot(struct store *st, const char *profile, struct role *r, const char *rater, int64_t t)
{
	int64_t id;

	must(store_snapshot_take(st, profile, r->id, rater, t, &id), "snapshot");
}

/*
 * alice (the profile shown) works towards Program Manager: 9 items done,
 * two with notes, four snapshots of her self-assessment (two on one day),
 * Objectivity below the threshold, a note on her first statement, rated by
 * the reviewers chair (with a note) and dana; she also took 40 snapshots
 * as a Technical Lead, and read a file notes.md.  bob is a Technical Lead who
 * meets the threshold; carol has only started.  The SIG Chair (first on
 * the home screen) and the Subproject Owner have no records.
 */
static struct store *
seed(void)
{
	struct role *pm = seed_role("program-manager"), *tl = seed_role("technical-lead");
	struct store *st = NULL;
	char *detail = NULL;

	if (store_open_memory(&st, &detail) != STORE_OK) {
		fprintf(stderr, "golden: cannot open a database in memory: %s\n", detail);
		exit(1);
	}
	seed_done(st, "alice", pm, 9, T0);
	/* she took up the role on 2026-11-01 (rolebook start): due dates */
	must(store_appointment_set(st, "alice", pm->id, dates_day(2026, 11, 1), T0), "start");
	must(store_item_set_note(st, "alice", pm->id, pm->items[1].id, pm->items[1].text,
				 "https://example.org/minutes/2026-11-16", T0 + DAY),
	     "note");
	must(store_item_set_note(st, "alice", pm->id, pm->items[4].id, pm->items[4].text,
				 "paired with bob", T0 + 4 * DAY),
	     "note");
	/* five statements an area: Leadership, Objectivity, Strategic thinking */
	seed_rate(st, "alice", pm, "", "21323 12212 23232", T0);
	seed_snapshot(st, "alice", pm, "", T0 + HOUR);
	seed_rate(st, "alice", pm, "", "22333 22322 33333", T0 + 7 * DAY);
	seed_snapshot(st, "alice", pm, "", T0 + 7 * DAY);
	seed_rate(st, "alice", pm, "", "33434 22322 34343", T0 + 7 * DAY + 6 * HOUR);
	seed_snapshot(st, "alice", pm, "", T0 + 7 * DAY + 6 * HOUR);
	seed_rate(st, "alice", pm, "", "34434 22332 44343", T0 + 20 * DAY);
	seed_snapshot(st, "alice", pm, "", T0 + 20 * DAY);
	must(store_rating_set_note(st, "alice", pm->id, "", pm->stmts[0].id,
				   pm->areas[pm->stmts[0].area].name, pm->stmts[0].text,
				   "ran the release meeting twice", T0 + 20 * DAY),
	     "rating note");
	seed_rate(st, "alice", pm, "chair", "32403 21302 43030", T0 + 21 * DAY);
	must(store_rating_set_note(st, "alice", pm->id, "chair", pm->stmts[0].id,
				   pm->areas[pm->stmts[0].area].name, pm->stmts[0].text,
				   "seen at the last two releases", T0 + 21 * DAY),
	     "rating note");
	seed_rate(st, "alice", pm, "dana", "4", T0 + 22 * DAY);

	seed_done(st, "bob", tl, tl->nitems, T0 - 40 * DAY);
	seed_rate(st, "bob", tl, "", "45", T0 - 10 * DAY);
	seed_snapshot(st, "bob", tl, "", T0 - 10 * DAY);
	seed_rate(st, "bob", tl, "chair", "4", T0 - 5 * DAY);

	seed_done(st, "carol", pm, 2, T0 + 25 * DAY);

	/* alice once read a file of her own: a place to come back to, not a
	 * role she is a candidate for */
	must(store_position_set(st, "alice", "notes", NULL, 3, T0 + 2 * DAY), "position");

	/* alice also rated herself as a Technical Lead, often: 40 snapshots,
	 * more than a screen holds */
	for (int k = 0; k < 40; k++) {
		char pattern[4] = {(char)('1' + k % 5), (char)('1' + (k / 5) % 5),
				   (char)('1' + (k + 2) % 5), '\0'};
		int64_t t = T0 - 200 * DAY + k * 4 * DAY + k * HOUR;
		seed_rate(st, "alice", tl, "", pattern, t);
		seed_snapshot(st, "alice", tl, "", t);
	}
	free(detail);
	return st;
}

/* ---- driving the app ---- */

/* The database as another program holding its write lock leaves it: every
 * change waits (scenes[].locked). */
static enum store_status
locked_out(struct store *st, const struct change *c, int64_t *id)
{
	(void)st;
	(void)c;
	if (id != NULL)
		*id = 0;
	return STORE_ERR_BUSY;
}

/* The key named at *p (advanced past it), or -1 for an unknown name. */
static int
next_key(const char **p)
{
	const char *s = *p, *end;

	if (*s != '<' || (end = strchr(s, '>')) == NULL || end == s + 1) {
		*p = s + 1;
		return (unsigned char)*s;
	}
	*p = end + 1;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strlen(key_names[i].name) == (size_t)(end - s - 1) &&
		    strncmp(key_names[i].name, s + 1, (size_t)(end - s - 1)) == 0)
			return key_names[i].key;
	return -1;
}

static void
idle(struct app *a)
{
	for (int i = 0; i < 10000 && app_idle(a); i++)
		;
}

/* What a terminal without UTF-8 shows (as tui.c draws it): each cell
 * through theme_ascii, wide characters as one stand-in and a space. */
static char *
dump_ascii(const struct frame *f)
{
	char *out = xmalloc((size_t)f->rows * ((size_t)f->cols + 1) + 1);
	size_t len = 0;

	for (int r = 0; r < f->rows; r++) {
		size_t keep = len;
		for (int c = 0; c < f->cols; c++) {
			uint32_t cp = f->cells[(size_t)r * (size_t)f->cols + (size_t)c].cp;
			out[len++] = cp == 0 ? ' ' : (char)theme_ascii(cp);
			if (out[len - 1] != ' ')
				keep = len;
		}
		len = keep;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

/* One letter per cell for its style, the first that applies of: S
 * selected, B bar, A alert, m match, T title, H heading, L link, D done,
 * M marker, s strong, d dim, c code, e emphasis, q quote, t table head,
 * x struck, '.' plain.  A blank plain cell is ' '. */
static char *
dump_styles(const struct frame *f)
{
	static const struct {
		uint16_t style;
		char letter;
	} order[] = {
	    {STY_SELECT, 'S'}, {STY_BAR, 'B'},	   {STY_ALERT, 'A'},	  {STY_MATCH, 'm'},
	    {STY_TITLE, 'T'},  {STY_HEADING, 'H'}, {STY_LINK, 'L'},	  {STY_DONE, 'D'},
	    {STY_MARKER, 'M'}, {STY_STRONG, 's'},  {STY_DIM, 'd'},	  {STY_CODE, 'c'},
	    {STY_EMPH, 'e'},   {STY_QUOTE, 'q'},   {STY_TABLE_HEAD, 't'}, {STY_STRIKE, 'x'},
	};
	char *out = xmalloc((size_t)f->rows * ((size_t)f->cols + 1) + 1);
	size_t len = 0;

	for (int r = 0; r < f->rows; r++) {
		size_t keep = len;
		for (int c = 0; c < f->cols; c++) {
			const struct cell *cl = &f->cells[(size_t)r * (size_t)f->cols + (size_t)c];
			char ch = cl->cp == ' ' || cl->cp == 0 ? ' ' : '.';
			for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
				if (cl->style & order[k].style) {
					ch = order[k].letter;
					break;
				}
			out[len++] = ch;
			if (ch != ' ')
				keep = len;
		}
		len = keep;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

/* Does title contain every '|'-separated part of want? */
static bool
title_has(const char *title, const char *want)
{
	while (*want) {
		size_t n = strcspn(want, "|");
		char *part = xstrndup(want, n);
		bool found = strstr(title, part) != NULL;
		free(part);
		if (!found)
			return false;
		want += n + (want[n] == '|');
	}
	return true;
}

/*
 * Runs scene sc at size sz; on success *text (and *styles when the scene
 * keeps a style map) receive new strings.  Returns false with *why (a new
 * string) when the screen cannot be reached.
 */
static bool
run_scene(const struct scene *sc, const struct size *sz, char **text, char **styles, char **why)
{
	struct catalog cat;
	struct app app;
	struct frame fr;
	struct store *st = seed();
	char *err = NULL, *head = NULL;
	const char *p = sc->keys;
	bool ok = true;
	int n = 0;

	*text = *styles = *why = NULL;
	catalog_init(&cat);
	if (sc->tree != NULL) {
		char *dir = xasprintf("%s/tests/data/%s", TEST_SRCDIR, sc->tree);
		if (catalog_add_dir(&cat, dir, ORIGIN_DIR, false, &err) != 0) {
			fprintf(stderr, "golden: %s\n", err);
			exit(1);
		}
		free(dir);
	}
	if (catalog_add_dir(&cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err) != 0) {
		fprintf(stderr, "golden: %s\n", err);
		exit(1);
	}
	app_init(&app, &cat, sz->rows, sz->cols);
	app.store = st;
	app.profile = "alice";
	app.reviewer = "chair";
	app.clock = fixed_clock;
	app.ascii = sz->ascii;
	if (sc->locked)
		change_queue_init(&app.changes, locked_out);
	app_push(&app, view_home_new(&app));
	frame_init(&fr, sz->rows, sz->cols);
	idle(&app);
	app_draw(&app, &fr);
	while (ok && *p) {
		const char *at = p;
		int key = next_key(&p);
		n++;
		if (key < 0) {
			*why = xasprintf("key %d of \"%s\", %.*s, has no name in key_names[]", n,
					 sc->keys, (int)(p - at), at);
			ok = false;
			break;
		}
		/* as the terminal loop does: a frame after every key */
		app_key(&app, key);
		idle(&app);
		app_draw(&app, &fr);
		if (trace) {
			char *t = frame_dump(&fr);
			printf("--- %s-%s after key %d, %.*s:\n%s", sc->name, sz->suffix, n,
			       (int)(p - at), at, t);
			free(t);
		}
		if (app.quit || app_top(&app) == NULL) {
			*why = xasprintf("key %d of \"%s\", %.*s, left rolebook", n, sc->keys,
					 (int)(p - at), at);
			ok = false;
		} else if (app.status != NULL && strstr(app.status, "? for help") != NULL) {
			*why = xasprintf("key %d of \"%s\", %.*s, did nothing: \"%s\"", n, sc->keys,
					 (int)(p - at), at, app.status);
			ok = false;
		}
	}
	app_draw(&app, &fr);
	if (ok) {
		/* the title in full: a narrow header may cut it */
		struct view *v = app_top(&app);
		head = v->ops->title ? v->ops->title(v, &app) : frame_row(&fr, 0);
		if (!title_has(head, sc->header)) {
			*why = xasprintf("after the keys \"%s\" the screen is \"%s\", not \"%s\"",
					 sc->keys, head, sc->header);
			ok = false;
		}
	}
	if (ok) {
		*text = sz->ascii ? dump_ascii(&fr) : frame_dump(&fr);
		if (sc->styles && sz->rows == 24 && sz->cols == 80 && !sz->ascii)
			*styles = dump_styles(&fr);
	}
	free(head);
	free(err);
	frame_done(&fr);
	app_done(&app);
	catalog_done(&cat);
	store_close(st);
	return ok;
}

/* ---- comparing and updating ---- */

static const char *tmpdir;
static bool update;

static char *
slurp(const char *path)
{
	char *err = NULL, *text;
	size_t len;

	if (access(path, F_OK) != 0)
		return NULL;
	text = content_read_file(path, &len, &err);
	if (text == NULL)
		fprintf(stderr, "golden: %s\n", err);
	free(err);
	return text;
}

static bool
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		fprintf(stderr, "golden: cannot write %s: %s\n", path, strerror(errno));
		return false;
	}
	return true;
}

/* Prints the difference between the golden file and what was drawn. */
static void
show_diff(const char *file, const char *expected, const char *got)
{
	char *mine = xasprintf("%s/%s", tmpdir, file), *theirs = xasprintf("%s/%s", SCREENS, file);
	char *cmd =
	    xasprintf("diff -u --label 'tests/data/screens/%s' --label 'drawn now' '%s' '%s'", file,
		      theirs, mine);
	int rc;

	if (!write_text(mine, got)) {
		rc = -1;
	} else {
		fflush(stdout);
		rc = system(cmd);
		fflush(stdout);
	}
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 1)
		printf("--- expected (tests/data/screens/%s):\n%s--- got:\n%s---\n", file, expected,
		       got);
	else
		printf("(the screen as drawn now is in %s)\n", mine);
	free(cmd);
	free(theirs);
	free(mine);
}

static void
check_file(const char *file, const char *got)
{
	char *path = xasprintf("%s/%s", SCREENS, file), *expected = slurp(path);

	if (update) {
		if (expected != NULL && strcmp(expected, got) == 0) {
			passes++;
		} else if (write_text(path, got)) {
			printf("%s %s\n", expected ? "updated" : "new    ", file);
			passes++;
		} else {
			failures++;
		}
	} else if (expected == NULL) {
		printf("FAIL %s: no such file; tests/golden-update.sh makes it\n", file);
		failures++;
	} else if (strcmp(expected, got) != 0) {
		printf("FAIL %s differs from the screen drawn now:\n", file);
		show_diff(file, expected, got);
		failures++;
	} else {
		printf("ok   %s\n", file);
		passes++;
	}
	free(expected);
	free(path);
}

/* Is file one that some scene makes? */
static bool
known_file(const char *file)
{
	for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++)
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			char *a = xasprintf("%s-%s.txt", scenes[i].name, sizes[k].suffix);
			char *b = xasprintf("%s-%s-styles.txt", scenes[i].name, sizes[k].suffix);
			bool hit =
			    strcmp(file, a) == 0 || (scenes[i].styles && strcmp(file, b) == 0);
			free(a);
			free(b);
			if (hit)
				return true;
		}
	return false;
}

/* Golden files no scene makes: a renamed or removed scene left them. */
static void
check_stale(void)
{
	DIR *d = opendir(SCREENS);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 4, ".txt") != 0 || known_file(e->d_name))
			continue;
		if (update) {
			char *path = xasprintf("%s/%s", SCREENS, e->d_name);
			if (unlink(path) == 0)
				printf("removed %s\n", e->d_name);
			free(path);
		} else {
			printf("FAIL %s: no scene makes it (tests/golden-update.sh removes it)\n",
			       e->d_name);
			failures++;
		}
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	static char dir[4096];
	const char *tmp = getenv("TMPDIR"), *up = getenv("GOLDEN_UPDATE");
	char *err = NULL;

	snprintf(dir, sizeof dir, "%s/rolebook-golden-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	tmpdir = dir;
	update = up != NULL && *up != '\0' && strcmp(up, "0") != 0;
	trace = getenv("GOLDEN_TRACE") != NULL && *getenv("GOLDEN_TRACE") != '\0';
	/* never the real home; dates as in UTC */
	setenv("HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("TZ", "UTC", 1);
	unsetenv("ROLEBOOK_DB");
	tzset();
	if (update && mkdir(SCREENS, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "golden: cannot make %s: %s\n", SCREENS, strerror(errno));
		return 1;
	}

	catalog_init(&seed_cat);
	if (catalog_add_dir(&seed_cat, TEST_SRCDIR "/content/roles", ORIGIN_BUNDLED, false, &err) !=
	    0) {
		fprintf(stderr, "golden: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++) {
		const struct scene *sc = &scenes[i];
		if (argc > 1 && strstr(sc->name, argv[1]) == NULL)
			continue;
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			const struct size *sz = &sizes[k];
			char *text, *styles, *why, *file;
			if (!run_scene(sc, sz, &text, &styles, &why)) {
				printf("FAIL %s-%s: the %s screen was not reached: %s "
				       "(fix its keys in scenes[] of tests/golden/golden.c)\n",
				       sc->name, sz->suffix, sc->name, why);
				failures++;
				free(why);
				continue;
			}
			file = xasprintf("%s-%s.txt", sc->name, sz->suffix);
			check_file(file, text);
			free(file);
			if (styles != NULL) {
				file = xasprintf("%s-%s-styles.txt", sc->name, sz->suffix);
				check_file(file, styles);
				free(file);
			}
			free(text);
			free(styles);
		}
	}
	if (argc <= 1)
		check_stale();
	catalog_done(&seed_cat);
	if (update && failures == 0)
		printf("Golden screens written to tests/data/screens; review the diff "
		       "(git diff tests/data/screens) before committing.\n");
	printf("%d passed, %d failed\n", passes, failures);
	if (failures == 0) {
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "golden: could not remove %s\n", dir);
		free(cmd);
	}
	return failures ? 1 : 0;
}
