/*
 * markdown.h - parsing Markdown with cmark-gfm and reading its tree.
 *
 * The one place that knows how rolebook configures cmark-gfm: the table,
 * tasklist, strikethrough and autolink extensions, footnotes, no raw HTML
 * output.
 * Input is sanitised before parsing (see text_sanitize), so every literal
 * in the tree is clean UTF-8 without control characters other than \n
 * and \t.
 */
#ifndef ROLEBOOK_MARKDOWN_H
#define ROLEBOOK_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cmark-gfm.h>

/* Node types of the extensions, valid after md_init(). */
extern cmark_node_type md_node_table, md_node_table_row, md_node_table_cell, md_node_strikethrough;

/* Registers the extensions; safe to call more than once. */
void md_init(void);

/*
 * Parses src[0..len): strips YAML front matter (a first line "---" up to
 * the next "---" or "..." line) and sanitises the text first.  Returns a
 * new document the caller frees with cmark_node_free().  When front is
 * not NULL it receives the front matter's text (new string, or NULL).
 */
cmark_node *md_parse(const char *src, size_t len, char **front);

/*
 * Parses the file f (md_read_body, then md_parse_clean): front matter and
 * sanitising as md_parse().  Returns a new document, or NULL with *err
 * (new string) when the file cannot be read or holds a NUL byte (not a
 * text file); name is used in messages.
 */
cmark_node *md_parse_file(FILE *f, const char *name, char **front, char **err);

/*
 * Reads the whole of f: the body after any front matter, sanitised as
 * md_parse() sanitises text.  Returns a new NUL-terminated buffer of
 * *len bytes, or NULL with *err (new string) when f cannot be read or
 * holds a NUL byte.  *front receives the front matter (new string) or
 * NULL.
 */
char *md_read_body(FILE *f, const char *name, size_t *len, char **front, char **err);

/*
 * Parses pre[0..prelen) followed by text[0..len), both already sanitised
 * (md_read_body), as one document: every literal is checked again (an
 * entity can spell a control character), and a list item that a link
 * reference definition left empty gets its text back (see markdown.c).  The tree is allocated with
 * mem (NULL for cmark's default). Returns a new document the caller frees with cmark_node_free(),
 * or, from an arena (arena.h), by resetting it.
 */
cmark_node *md_parse_clean(cmark_mem *mem, const char *pre, size_t prelen, const char *text,
			   size_t len);

/* True when node is a GFM task-list item; *checked (if not NULL) tells
 * whether it is ticked. */
bool md_is_task(cmark_node *node, bool *checked);

/* The text of node's inline content, soft and hard breaks as spaces,
 * markup dropped, ends trimmed.  Returns a new string. */
char *md_plain_text(cmark_node *node);

/* The front matter of src[0..len), sanitised: a new string, or NULL when
 * there is none (md_parse() finds the same).  *body (if not NULL)
 * receives the offset of the text after it, 0 when there is none. */
char *md_front_matter(const char *src, size_t len, size_t *body);

/* url (taken) with each blank or control (C0 and DEL) written %XX, as a
 * browser sends it and as cmark-gfm writes a link's: a URL is one word, so
 * that a reference line that passes the width holds it whole and nothing
 * else.  A new string. */
char *md_url_one_word(char *url);

/* Whether s[0..len) may hold a footnote or a reference to one (a '^', or
 * an entity that may decode to one): without, cmark-gfm's footnote option
 * changes nothing in its tree. */
bool md_may_have_caret(const char *s, size_t len);

/* True when doc opens with a level-1 heading whose plain text is title:
 * a title from front matter then need not be shown above it. */
bool md_opens_with(cmark_node *doc, const char *title);

/*
 * Looks up key in front matter text made of "key: value" lines.  Returns
 * a new string with surrounding spaces and quotes removed, or NULL.
 */
char *md_front_value(const char *front, const char *key);

/*
 * rolebook's marks at the end of a checklist item's text, "(required)"
 * and "(form: KEY[, KEY])" in either order (content/README.md): cut off
 * text in place (with the spaces before them); *required says whether it
 * was required, *form gets the form's keys as "a,b" (a new string) or
 * NULL.  An item that is only a mark keeps it as text.  The role model
 * reads the marks; the renderer leaves them out of the item's text.
 */
void md_strip_item_marks(char *text, bool *required, char **form);
/* The same, also cutting off a due mark "(due: 7 days)" (due.h) into *due
 * (unit DUE_NONE when there is none); the three marks in any order. */
struct due_mark;
void md_strip_item_marks_due(char *text, bool *required, char **form, struct due_mark *due);

#endif
