/*
 * identity.h - a document's identity and the records older rolebooks kept
 * for it (identity.c).
 *
 * A file opened directly (rolebook ~/x.md) is keyed by its full path; a
 * rolebook before folders kept its records under its file name ("x").
 * The first time such a file is opened and has no records of its own, it
 * adopts the records kept under its old id, unless a role of the
 * catalogue has that id (a bundled "chair", a folder's "README": those
 * records are that role's).  The records move, so two different x.md
 * files opened one after the other do not both take them: the first one
 * opened adopts them, the second starts with none.  Only ids the records
 * had when the database was upgraded (schema 5) may be adopted: the
 * records this rolebook wrote for a folder's document ("README") are never
 * taken, and a folder's document opened under an old id claims it.
 */
#ifndef ROLEBOOK_IDENTITY_H
#define ROLEBOOK_IDENTITY_H

#include "content.h"
#include "store.h"

/*
 * Adopts for r (a role of cat, or a file reached by a link) the records
 * kept under its old id (catalog_old_id), when it has none and there are
 * some; for r of a folder, claims its id (store_role_claim).  Returns what to tell the user, once
 * (a new string; the caller frees), or NULL when nothing moved: nothing to adopt, the store
 * read-only or busy (tried again the next time).
 */
char *identity_adopt(struct store *st, const struct catalog *cat, const struct role *r);

#endif
