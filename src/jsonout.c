/*
 * jsonout.c - JSON building for reports and exports (see jsonout.h).
 *
 * The one place a string enters a document (jsonout_text()), so that none
 * escapes sanitising; and the one place a document becomes text
 * (jsonout_dump()), so that reports and exports are formatted alike.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "text.h"
#include "xalloc.h"

/* A JSON string of s sanitised with flags; NULL becomes null. */
json_t *
jsonout_text(const char *s, unsigned flags)
{
	size_t len;
	char *c;
	json_t *j;

	if (s == NULL)
		return json_null();
	c = text_sanitize(s, strlen(s), flags, &len);
	j = json_stringn(c, len);
	free(c);
	if (j == NULL)
		fatal("out of memory (JSON)");
	return j;
}

/* A note: "" is no note (null); newlines and tabs are kept. */
json_t *
jsonout_note(const char *s)
{
	return jsonout_text(s != NULL && *s != '\0' ? s : NULL,
			    TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
}

void
jsonout_set(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL || json_object_set_new(obj, key, value) != 0)
		fatal("out of memory (JSON)");
}

void
jsonout_push(json_t *arr, json_t *value)
{
	if (value == NULL || json_array_append_new(arr, value) != 0)
		fatal("out of memory (JSON)");
}

/* A new string of doc with sorted keys and two-space indents, ending in a
 * newline. */
char *
jsonout_dump(const json_t *doc)
{
	char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	char *out;

	if (s == NULL)
		fatal("out of memory (JSON)");
	out = xasprintf("%s\n", s);
	free(s);
	return out;
}
