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

/*
 * The id a step of r (loaded) with this text has by the rule r does not
 * use (content_item_id_in): for a document that is no role, the id every
 * step had before folders, its words alone; for a role, the id with its
 * document.  Writes into out (13 bytes).  Old records and old export
 * files carry such ids.
 */
void identity_item_other_id(const struct role *r, const char *text, char out[13]);

/*
 * Moves r's (loaded) checklist records kept under a step's other id
 * (identity_item_other_id) to the step's id, every profile, one
 * transaction (store_items_rekey: one step recorded under both keeps
 * the later).  A record stays with the document it was written under:
 * before folders two documents with one step's words showed one record,
 * kept under the document where it was ticked; that document keeps it,
 * the other starts without it (sharing between documents that are no
 * roles was the defect).  Returns how many records moved (0 read-only,
 * busy: tried again at the next open).
 */
size_t identity_rekey_items(struct store *st, const struct role *r);

/*
 * True when a checklist record of role (an id) with item_id and text (as
 * an export file carries them) was written before folders: the role id is
 * a file name (no '/') and the item id the old rule's (its words alone,
 * what identity_item_other_id gives a document that is no role).  A
 * document that is no role, exported since, has item ids with its id in
 * them; a role's are the same in both (its records need no adoption: a
 * role keeps its id).  Import notes such a role id as an old one
 * (store_role_note_legacy), so that the records it brings are adopted and
 * moved to their steps (identity_adopt) as an upgraded database's are.
 */
bool identity_old_record(const char *role, const char *item_id, const char *text);

#endif
