/*
 * store_open.c - opening and closing a store: a database file (created
 * with its folders when missing, inspected, migrated, in WAL mode) or a
 * scratch database in memory.
 *
 * Invariant: once the database file exists this module never open()s it
 * itself: closing any descriptor of a file drops every POSIX lock the
 * process holds on it, SQLite's included.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "files.h"
#include "store_int.h"

/* mkdir -p of path's folder; new folders get 0700 (the umask is 077). */
static enum store_status
make_folders(const char *path, char **detail)
{
	char *failed = NULL;
	int err = files_make_folders(path, &failed);

	if (err == 0)
		return STORE_OK;
	set_detail(detail, "cannot create folder %s: %s", failed, strerror(err));
	free(failed);
	return STORE_ERR_OPEN;
}

/* Creates the file 0600 so SQLite (whose companions copy the database's
 * mode) never makes it from a looser umask. */
static enum store_status
create_file(const char *path, char **detail)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	if (fd < 0 && errno != EEXIST) {
		set_detail(detail, "cannot create %s: %s", path, strerror(errno));
		return STORE_ERR_OPEN;
	}
	if (fd >= 0)
		close(fd);
	return STORE_OK;
}

/* Opens the read-write connection and readies it: foreign keys, WAL,
 * synchronous, schema.  *rc tells the caller why it failed. */
static enum store_status
open_rw(struct store *st, const char *path, int busy_ms, int version, int *rc, char **detail)
{
	char *mode = NULL;
	enum store_status status;

	*rc = store_schema_open_db(path, SQLITE_OPEN_READWRITE, busy_ms, &st->db);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* Switching to WAL writes the file, so only when it is not WAL yet. */
	if (*rc == SQLITE_OK)
		*rc = store_schema_text(st->db, "PRAGMA journal_mode", &mode);
	if (*rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0)) {
		free(mode);
		*rc = store_schema_to_wal(st->db, busy_ms, &mode);
		if (*rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0))
			*rc = SQLITE_ERROR;
	}
	free(mode);
	/* FULL: a commit that returned is on disk even after a power loss. */
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	if (*rc != SQLITE_OK) {
		status = status_of(*rc);
		if (status == STORE_ERR_BUSY)
			set_detail(detail, "%s is locked by another process", path);
		else
			set_detail(detail, "cannot open %s for writing: %s", path,
				   st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		return status == STORE_ERR_INVALID ? STORE_ERR_IO : status;
	}
	return store_schema_migrate(st->db, path, version, detail);
}

/* chmod go-rwx of path and its -wal and -shm. */
static void
make_private(const char *path, mode_t mode)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		chmod(p, mode & 0700);
		free(p);
	}
}

static void
close_db(struct store *st)
{
	size_t i;

	for (i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
	sqlite3_close(st->db);
	st->db = NULL;
}

/* True when the file system holding path has (next to) no room left: an
 * I/O error there is ENOSPC, which SQLite reports as such when it fails to
 * grow the -shm index it maps. */
static bool
disk_full(const char *path)
{
	char *dir = files_dirname(path);
	struct statvfs vfs;
	bool full =
	    statvfs(dir, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 64u * 1024;

	free(dir);
	return full;
}

static enum store_status
open_file(struct store *st, const char *path, unsigned flags, int busy_ms, char **detail)
{
	struct stat sb;
	char *dir;
	bool writable;
	int version, rc = SQLITE_OK, frozen = 0;
	enum store_status status;
	sqlite3 *db;

	if (stat(path, &sb) != 0) {
		struct stat lsb;

		if (errno != ENOENT) {
			set_detail(detail, "cannot open %s: %s", path, strerror(errno));
			return STORE_ERR_OPEN;
		}
		if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
			/* rolebook does not create a file where a link points */
			char to[4096];
			ssize_t n = readlink(path, to, sizeof to - 1);

			to[n > 0 ? n : 0] = '\0';
			set_detail(detail, "%s is a symbolic link to %s, which does not exist",
				   path, n > 0 ? to : "a missing file");
			return STORE_ERR_OPEN;
		}
		if (flags & STORE_READONLY) {
			set_detail(detail, "%s does not exist", path);
			return STORE_ERR_OPEN;
		}
		if ((status = make_folders(path, detail)) != STORE_OK ||
		    (status = create_file(path, detail)) != STORE_OK)
			return status;
		memset(&sb, 0, sizeof sb); /* made 0600 */
	} else if (S_ISDIR(sb.st_mode)) {
		set_detail(detail, "%s is a folder", path);
		return STORE_ERR_OPEN;
	}

	/* The folder must be writable too: WAL keeps -wal and -shm beside
	 * the file. */
	dir = files_dirname(path);
	writable = !(flags & STORE_READONLY) && access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);

	status = store_schema_inspect(path, writable, busy_ms, &db, &version, &frozen, detail);
	if (status != STORE_OK)
		return status;
	if (writable && !frozen) {
		sqlite3_close(db);
		/* A file made by an older rolebook (or by hand) may be readable
		 * by others: private, as on creation, before SQLite makes its
		 * -wal and -shm with the same mode. */
		if ((sb.st_mode & 077) != 0 && sb.st_uid == geteuid())
			make_private(path, sb.st_mode);
		status = open_rw(st, path, busy_ms, version, &rc, detail);
		if (status == STORE_OK)
			return STORE_OK;
		close_db(st);
		/* Writing turned out to be impossible after all (a read-only
		 * mount, a full disk): fall back to reading. */
		rc &= 0xff;
		if (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN && rc != SQLITE_FULL &&
		    rc != SQLITE_IOERR)
			return status;
		if (detail != NULL) {
			free(*detail);
			*detail = NULL;
		}
		status = store_schema_inspect(path, false, busy_ms, &db, &version, &frozen, detail);
		if (status != STORE_OK)
			return status;
	}
	if (flags & STORE_READONLY)
		st->why_readonly = STORE_RO_ASKED;
	else if (rc == SQLITE_FULL || frozen == SQLITE_FULL ||
		 ((rc == SQLITE_IOERR || frozen == SQLITE_IOERR) && disk_full(path)))
		st->why_readonly = STORE_RO_FULL;
	else if (rc == SQLITE_IOERR || frozen == SQLITE_IOERR)
		st->why_readonly = STORE_RO_FAILING;
	else
		st->why_readonly = STORE_RO_DENIED;
	if (version < STORE_SCHEMA_VERSION) {
		if (version == 0)
			set_detail(detail, "%s is read-only and has not been set up yet", path);
		else
			set_detail(detail,
				   "%s is read-only and needs upgrading from schema "
				   "version %d to %d",
				   path, version, STORE_SCHEMA_VERSION);
		sqlite3_close(db);
		return STORE_ERR_READONLY;
	}
	st->db = db;
	st->readonly = true;
	return STORE_OK;
}

enum store_status
store_open(const char *path, unsigned flags, int busy_ms, struct store **out, char **detail)
{
	struct store *st;
	enum store_status status;
	mode_t old_umask;
	int64_t dv = 0;

	assert(out != NULL);
	*out = NULL;
	if (detail != NULL)
		*detail = NULL;
	if (path == NULL || *path == '\0') {
		set_detail(detail, "no database path");
		return STORE_ERR_INVALID;
	}
	st = xcalloc(1, sizeof *st);
	/* Whatever SQLite creates while opening (-wal, -shm) stays private. */
	old_umask = umask(077);
	status = open_file(st, path, flags, busy_ms < 0 ? 0 : busy_ms, detail);
	umask(old_umask);
	if (status != STORE_OK) {
		close_db(st);
		free(st);
		return status;
	}
	if (store_schema_int(st->db, "PRAGMA data_version", &dv) == SQLITE_OK)
		st->data_version = dv;
	st->version = 1;
	st->path = xstrdup(path);
	st->busy_ms = busy_ms < 0 ? 0 : busy_ms;
	*out = st;
	return STORE_OK;
}

enum store_status
store_open_memory(struct store **out, char **detail)
{
	struct store *st;
	int rc;
	enum store_status status;

	assert(out != NULL);
	*out = NULL;
	if (detail != NULL)
		*detail = NULL;
	st = xcalloc(1, sizeof *st);
	rc = store_schema_open_db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0,
				  &st->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	status = status_of(rc);
	if (status != STORE_OK)
		set_detail(detail, "cannot open a database in memory: %s",
			   st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
	else
		status = store_schema_migrate(st->db, ":memory:", 0, detail);
	if (status != STORE_OK) {
		close_db(st);
		free(st);
		return status;
	}
	st->version = 1;
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->depth > 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	close_db(st);
	free(st->path);
	free(st);
}

bool
store_is_readonly(const struct store *st)
{
	return st->readonly;
}

enum store_readonly
store_readonly_why(const struct store *st)
{
	return st->readonly ? st->why_readonly : STORE_RO_NO;
}

const char *
store_readonly_text(enum store_readonly why)
{
	switch (why) {
	case STORE_RO_FULL:
		return "the disk is full, the database cannot be written";
	case STORE_RO_FAILING:
		return "the disk cannot be written (an I/O error)";
	case STORE_RO_NO:
	case STORE_RO_ASKED:
	case STORE_RO_DENIED:
		break;
	}
	return "the database is read-only";
}

const char *
store_readonly_title(enum store_readonly why)
{
	switch (why) {
	case STORE_RO_FULL:
		return "Disk full";
	case STORE_RO_FAILING:
		return "Disk error";
	case STORE_RO_NO:
	case STORE_RO_ASKED:
	case STORE_RO_DENIED:
		break;
	}
	return "Read-only";
}

void
store_set_busy_ms(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms < 0 ? st->busy_ms : ms);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

/*
 * PRAGMA data_version moves only when another connection commits, so the
 * counter returned also moves when this store commits a transaction that
 * changed rows.  It never goes back; it may move without a visible change.
 */
uint64_t
store_data_version(struct store *st)
{
	int64_t dv;

	if (get_int(st, &dv, STMT_DATA_VERSION, "") == STORE_OK && dv != st->data_version) {
		st->data_version = dv;
		st->version++;
	}
	return st->version;
}
