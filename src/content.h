/*
 * content.h - the role model: a catalogue of role files (catalog.c), each
 * loaded lazily into its title and summary first and its full model on
 * demand (role.c).
 *
 * A role is one Markdown file.  Its id, the key of its records in the
 * database (positions, progress, review), is its path relative to the
 * folder it was found in, without ".md" ("chair", "sig-apps/README"), or
 * its full real path when it was opened directly ("/home/me/x.md"): two
 * files never share one.
 * The full model is the parsed tree, its outline (sections), the kind of
 * each section, the onboarding checklist (task-list items), the skill
 * areas and the self-assessment statements.  content/README.md documents
 * the format.  Nothing here touches the terminal or the database.
 */
#ifndef ROLEBOOK_CONTENT_H
#define ROLEBOOK_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmark-gfm.h>

#include "due.h"
#include "outline.h"

/* Files larger than this are refused: a role is a handbook page, and the
 * limit keeps a stray file from eating memory. */
#define CONTENT_MAX_BYTES (64u * 1024 * 1024)

enum role_origin {
	ORIGIN_FILE = 0, /* named on the command line */
	ORIGIN_DIR,	 /* from a --content folder */
	ORIGIN_USER,	 /* from $XDG_DATA_HOME/rolebook/roles */
	ORIGIN_BUNDLED,	 /* shipped with rolebook */
};

enum section_kind {
	SEC_OTHER = 0,
	SEC_SKILLS,	/* describes the skill areas */
	SEC_CHECKLIST,	/* the onboarding checklist */
	SEC_STATEMENTS, /* self-assessment statements */
	SEC_SOURCES,
	SEC_OFFBOARDING, /* the offboarding checklist (role_offboarding.c) */
};

struct check_item {
	char *id;      /* stable id from the item's wording (see content_item_id_in) */
	char *text;    /* plain text */
	char *group;   /* sub-heading it sits under, or NULL */
	uint32_t task; /* task number in the document (mdrender numbering) */
	bool checked;  /* ticked in the Markdown itself */
	bool required; /* a prerequisite: the item ends with "(required)" */
	char *form;    /* keys of the Leadership Change form tasks it answers,
			* "a,b" ("(form: a, b)" at its end), or NULL */
	char *url;     /* its first link's target, as written, or NULL */
	char **links;  /* every link's target, as written, in order (links[0] is url) */
	size_t nlinks;
	/* its due mark: its own "(due: ...)", else its group heading's */
	struct due_mark due;
};

struct skill_area {
	char *name;
	char *description; /* plain text, may be "" */
	long section;	   /* outline entry describing the area, or -1 */
};

struct statement {
	char *id;
	char *text;
	size_t area; /* index into areas */
};

struct role {
	char *id;
	char *path; /* the file, as found (the folder's path, then rel) */
	/* the file's path relative to its folder ("sig-apps/README.md"), or
	 * its full path when opened directly: what lists show */
	char *rel;
	/* a file opened directly: the id rolebook kept its records under
	 * before ids were paths (its file name without ".md"), else NULL;
	 * catalog_old_id() says when they may still be its */
	char *old_id;
	/* where links starting with '/' start (--root, borrowed from the
	 * catalogue), or NULL: the nearest folder above holding a .git */
	const char *root;
	/* the real path of the content folder it was listed from (not for a
	 * file opened directly: NULL): where '/' starts when neither --root
	 * nor a .git says */
	char *top;
	enum role_origin origin;
	bool peeked, loaded;
	char *title;   /* after peek: from front matter or the first H1, else from the id */
	char *summary; /* after peek: front matter "summary", else the first paragraph; may be "" */
	/* after role_load(): */
	char *error; /* why the last load failed, or NULL */
	/* the file as it was loaded (role_file_changed) */
	int64_t file_size, file_mtime_ns;
	double threshold;
	/* The title is from front matter and the text does not open with a
	 * level-1 heading of the same words: shown, it heads the text (as
	 * `rolebook print` does), outside the outline below. */
	bool title_unshown;
	cmark_node *doc;
	struct outline outline;
	enum section_kind *kinds; /* per outline entry, inherited from parents */
	struct check_item *items;
	size_t nitems;
	struct check_item *off_items; /* the offboarding checklist */
	size_t noff_items;
	struct skill_area *areas;
	size_t nareas;
	struct statement *stmts;
	size_t nstmts;
};

struct catalog {
	struct role **v;
	size_t n, cap;
	/* Why each role file, or folder, whose name is no clean id was left
	 * out (new strings, one each; catalog_add_dir's), for the caller to
	 * say; nrefused_folders of them are folders. */
	char **refused;
	size_t nrefused, refused_cap, nrefused_folders;
	/* --root (borrowed), given to each role added; NULL: none */
	const char *root;
	/* the folders walked, in order, for catalog_refresh() */
	struct catalog_source {
		char *dir;
		enum role_origin origin;
		bool optional;
	} * src;
	size_t nsrc, src_cap;
	/* documents a refresh no longer found: kept (a screen may still
	 * show one) until catalog_done() */
	struct role **gone;
	size_t ngone, gone_cap;
	/* counts the refreshes that changed the list: whoever keeps
	 * indices into v (the home tree, progress) builds them again */
	uint64_t gen;
};

void catalog_init(struct catalog *c);
void catalog_done(struct catalog *c);

/*
 * Adds every "*.md" file of dir and of its folders, at any depth, without
 * reading them: a folder's files sorted by name, then its folders sorted
 * by name, each in turn.  Hidden files and folders (".git"), files that
 * are not regular (a FIFO named x.md) and a folder already walked (a
 * symbolic link looping back, or a second link to it) are skipped.  A role
 * whose id is already known is skipped (earlier sources win), except a
 * --content folder's file (ORIGIN_DIR) whose id an earlier such folder's
 * file has: unless it is that same file, it is listed under its full
 * real path (its rel too), so that every document is listed.  Returns 0,
 * or -1 with *err (new string) when dir cannot be read; a missing dir is
 * not an error when optional is true.
 */
int catalog_add_dir(struct catalog *c, const char *dir, enum role_origin origin, bool optional,
		    char **err);

/*
 * Reads the folders again (every catalog_add_dir() so far, in order) and
 * makes the list what they hold now: files added are listed, files gone
 * are left out (kept in gone, so a screen showing one goes on), the
 * others keep their role (its id, its model loaded) and the order is the
 * walk's; files opened directly stay first.  A document's id never
 * changes: the same path keeps the id it had, and a new file whose id a
 * listed document has is listed under its full real path (as a second
 * --content folder's is).  True when the list changed (gen counts it).
 */
bool catalog_refresh(struct catalog *c);

/* Adds one file, opened directly, as a role whose id is its full real
 * path; a file the catalogue lists already (the same real path) is that
 * role.  Returns the role (borrowed, first in the list), or NULL with
 * *err. */
struct role *catalog_add_file(struct catalog *c, const char *path, char **err);

/* The role with this id, or NULL. */
struct role *catalog_find(const struct catalog *c, const char *id);

/*
 * The id under which rolebook kept the records of r, a file opened
 * directly, before ids were paths (its file name without ".md": "x" for
 * ~/x.md), when no role of c has that id; else NULL (a role of c keeps
 * its own records, and a role of a folder had its id then too).
 * Borrowed from r.  (identity.c adopts such records.)
 */
const char *catalog_old_id(const struct catalog *c, const struct role *r);

/* What the status line says of the files and folders left out (see
 * refused): a new string, or NULL when none was. */
char *catalog_refused_summary(const struct catalog *c);

/* How many folders the walks took from their cache, so far (for tests;
 * see walkcache.h). */
size_t catalog_walk_cache_hits(void);

/* The role whose file has this real path, or NULL. */
struct role *catalog_find_file(const struct catalog *c, const char *real);

/* A role of id and path, both taken (the role frees them), not read yet;
 * for the catalogue.  Free with role_free() (NULL is a no-op). */
struct role *role_new(char *id, char *path, enum role_origin origin);
void role_free(struct role *r);

/* Reads the title and summary from the start of the file (cheap). */
void role_peek(struct role *r);

/* Opens r's file for reading after checking that it is a regular file
 * within CONTENT_MAX_BYTES.  Returns it (caller closes), or NULL with
 * r->error set. */
FILE *role_open(struct role *r);

/* Loads the full model.  Returns 0, or -1 with r->error set. */
int role_load(struct role *r);

/* The full model is loaded and its file is no longer the one it was
 * loaded from (another size or modification time, or gone). */
bool role_file_changed(const struct role *r);

/* Drops the full model (role_load reads the file again); what pointed
 * into it (items, outline, areas) is gone. */
void role_unload(struct role *r);

/* Parses a model from memory (used by role_load and by tests). */
void role_load_text(struct role *r, const char *text, size_t len);

/* Index of the first section of a kind, or -1. */
long role_section_of_kind(const struct role *r, enum section_kind kind);

/* The checklist item with this task number, or NULL. */
const struct check_item *role_item_by_task(const struct role *r, uint32_t task);

/* A stable id for a text: 12 hex digits of a hash of its words, ignoring
 * case, punctuation and spacing.  Writes into out (13 bytes). */
void content_item_id(const char *text, char out[13]);
/* The same, for a step of the document of id doc, or of none (NULL: as
 * content_item_id): a checklist step's id.  A role's onboarding steps
 * have no document in it (role_shares_steps), so a step two roles share
 * word for word is one record; any other document's task list items
 * have theirs, so its progress is its own (19 annual reports made from
 * one template do not share a tick). */
void content_item_id_in(const char *doc, const char *text, char out[13]);

/* True when r (loaded) is a role of the handbook: it has an onboarding
 * checklist, a section whose title names a checklist and says
 * "onboarding" ("Onboarding checklist", "Onboarding steps").  Only such
 * documents share steps. */
bool role_shares_steps(const struct role *r);

/* Reads a whole file (at most CONTENT_MAX_BYTES).  Returns a new
 * NUL-terminated buffer, or NULL with *err. */
char *content_read_file(const char *path, size_t *len, char **err);

#endif
