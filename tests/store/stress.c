/*
 * stress.c - drives the store from shell tests (concurrency.sh, crash.sh).
 *
 *   stress DB write PROFILE N       N changes; prints "committed I" after each,
 *                                   between "started MS" and "finished MS"
 *                                   (wall clock, ms: lets tests see overlap)
 *   stress DB verify PROFILE N      exit 0 iff changes 0 .. N-1 are all there
 *   stress DB verify-committed PROFILE FILE [PROFILE FILE ...]
 *                                   exit 0 iff every "committed I" line in
 *                                   FILE (a killed writer's log) is there
 *   stress DB check                 exit 0 iff the store opens
 *
 * Change I of PROFILE marks item "PROFILE-I" of role "stress" done and
 * rates statement "PROFILE-I" (self) with value I % 5 + 1.  Even changes are
 * one store_begin/store_commit group, odd ones two separate transactions,
 * and every 25th also takes a snapshot, so both paths meet other writers.
 * The line is printed and flushed only after the commit returned: whatever
 * a log shows must be on disk, even if the writer is then killed.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "xalloc.h"

#define ROLE "stress"
#define BUSY_MS 20000 /* well past any commit of the other writer */

static struct store *
open_store(const char *db)
{
	struct store *st;
	char *detail = NULL;
	enum store_status status = store_open(db, 0, BUSY_MS, &st, &detail);

	if (status != STORE_OK) {
		fprintf(stderr, "stress: cannot open %s: %s (%s)\n", db, store_strerror(status),
			detail != NULL ? detail : "no detail");
		free(detail);
		exit(1);
	}
	return st;
}

static long
parse_count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0) {
		fprintf(stderr, "stress: bad count '%s'\n", s);
		exit(2);
	}
	return n;
}

static long long
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum store_status
change(struct store *st, const char *profile, long i)
{
	char *id = xasprintf("%s-%ld", profile, i), *text = xasprintf("item %ld", i);
	enum store_status status = STORE_OK;
	int64_t now = 1700000000 + i, snap;
	bool group = i % 2 == 0;

	if (group)
		status = store_begin(st);
	if (status == STORE_OK)
		status = store_item_set_done(st, profile, ROLE, id, text, true, now);
	if (status == STORE_OK)
		status = store_rating_set(st, profile, ROLE, "", id, "Stress", text,
					  (int)(i % 5) + 1, now);
	if (status == STORE_OK && i % 25 == 0)
		status = store_snapshot_take(st, profile, ROLE, "", now, &snap);
	if (group) {
		if (status == STORE_OK)
			status = store_commit(st);
		else
			store_rollback(st);
	}
	free(id);
	free(text);
	return status;
}

static int
do_write(const char *db, const char *profile, long n)
{
	struct store *st = open_store(db);
	struct timespec pause = {0, 1000000};
	enum store_status status;
	long i;

	printf("started %lld\n", wall_ms());
	fflush(stdout);
	for (i = 0; i < n; i++) {
		status = change(st, profile, i);
		if (status != STORE_OK) {
			fprintf(stderr, "stress: change %ld: %s\n", i, store_strerror(status));
			store_close(st);
			return 1;
		}
		printf("committed %ld\n", i);
		fflush(stdout);
		/* SQLite's busy handler polls rather than queues: a writer
		 * committing in a tight loop would starve the other one until
		 * it is done.  A pause, as between a user's actions, lets the
		 * two take turns. */
		nanosleep(&pause, NULL);
	}
	store_close(st);
	printf("finished %lld\n", wall_ms());
	return 0;
}

/* Marks in *found (n entries) which changes of profile are complete. */
static bool *
load_found(struct store *st, const char *profile, long n)
{
	struct store_item *items;
	struct store_rating *ratings;
	size_t nitems, nratings, i, plen = strlen(profile);
	bool *item_ok = xcalloc((size_t)n + 1, sizeof *item_ok);
	bool *found = xcalloc((size_t)n + 1, sizeof *found);
	enum store_status status;
	long k;

	status = store_items_get(st, profile, ROLE, &items, &nitems);
	if (status == STORE_OK)
		status = store_ratings_get(st, profile, ROLE, "", &ratings, &nratings);
	if (status != STORE_OK) {
		fprintf(stderr, "stress: cannot read %s: %s\n", profile, store_strerror(status));
		exit(1);
	}
	for (i = 0; i < nitems; i++) {
		const char *id = items[i].item_id;

		if (strncmp(id, profile, plen) == 0 && id[plen] == '-') {
			k = strtol(id + plen + 1, NULL, 10);
			if (k >= 0 && k < n && items[i].done && items[i].done_at == 1700000000 + k)
				item_ok[k] = true;
		}
	}
	for (i = 0; i < nratings; i++) {
		const char *id = ratings[i].statement_id;

		if (strncmp(id, profile, plen) == 0 && id[plen] == '-') {
			k = strtol(id + plen + 1, NULL, 10);
			if (k >= 0 && k < n && item_ok[k] && ratings[i].value == (int)(k % 5) + 1)
				found[k] = true;
		}
	}
	store_items_free(items, nitems);
	store_ratings_free(ratings, nratings);
	free(item_ok);
	return found;
}

static int
do_verify(const char *db, const char *profile, long n)
{
	struct store *st = open_store(db);
	bool *found = load_found(st, profile, n);
	long i, missing = 0;

	for (i = 0; i < n; i++)
		if (!found[i] && missing++ < 10)
			fprintf(stderr, "stress: %s: change %ld is missing\n", profile, i);
	free(found);
	store_close(st);
	if (missing > 0) {
		fprintf(stderr, "stress: %s: %ld of %ld changes missing\n", profile, missing, n);
		return 1;
	}
	printf("%s: all %ld changes present\n", profile, n);
	return 0;
}

/* Reads the indexes a writer logged; *count receives how many. */
static long *
read_log(const char *file, size_t *count, long *max)
{
	FILE *f = fopen(file, "r");
	char line[128];
	long *v = NULL, k;
	size_t cap = 0;
	char nl;

	*count = 0;
	*max = -1;
	if (f == NULL) {
		perror(file);
		exit(2);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		/* A line cut short by the kill has no newline; ignore it. */
		if (sscanf(line, "committed %ld%c", &k, &nl) != 2 || nl != '\n' || k < 0)
			continue;
		v = xgrow(v, &cap, *count + 1, sizeof *v);
		v[(*count)++] = k;
		if (k > *max)
			*max = k;
	}
	fclose(f);
	return v;
}

static int
do_verify_committed(const char *db, int npairs, char **pairs)
{
	struct store *st = open_store(db);
	size_t count, i, total = 0;
	long *logged, max, missing = 0;
	bool *found;
	int p;

	for (p = 0; p < npairs; p++) {
		const char *profile = pairs[2 * p], *file = pairs[2 * p + 1];

		logged = read_log(file, &count, &max);
		found = load_found(st, profile, max + 1);
		for (i = 0; i < count; i++)
			if (!found[logged[i]] && missing++ < 10)
				fprintf(stderr, "stress: %s: committed change %ld is missing\n",
					profile, logged[i]);
		total += count;
		free(found);
		free(logged);
	}
	store_close(st);
	if (missing > 0) {
		fprintf(stderr, "stress: %ld committed changes missing\n", missing);
		return 1;
	}
	printf("all %zu committed changes present\n", total);
	return 0;
}

static void
usage(void)
{
	fputs("usage: stress DB write PROFILE N\n"
	      "       stress DB verify PROFILE N\n"
	      "       stress DB verify-committed PROFILE FILE [PROFILE FILE ...]\n"
	      "       stress DB check\n",
	      stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	if (strcmp(argv[2], "write") == 0 && argc == 5)
		return do_write(argv[1], argv[3], parse_count(argv[4]));
	if (strcmp(argv[2], "verify") == 0 && argc == 5)
		return do_verify(argv[1], argv[3], parse_count(argv[4]));
	if (strcmp(argv[2], "verify-committed") == 0 && argc >= 5 && argc % 2 == 1)
		return do_verify_committed(argv[1], (argc - 3) / 2, argv + 3);
	if (strcmp(argv[2], "check") == 0 && argc == 3) {
		store_close(open_store(argv[1]));
		return 0;
	}
	usage();
	return 2;
}
