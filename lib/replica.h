/* replica.h: a worker's read replica: which one, whether it is up and caught up, when to use it. */
#ifndef STREAMIFY_REPLICA_H
#define STREAMIFY_REPLICA_H

#include <stddef.h>

struct db;

enum replica_state {
	REPLICA_UNKNOWN,	/* not checked yet */
	REPLICA_OK,		/* up and behind the primary by at most the limit */
	REPLICA_LAGGING,	/* up but further behind (or replication stopped) */
	REPLICA_DOWN,		/* no connection */
};

struct replica;

/*
 * The replica a worker reads from: entry slot (modulo their number) of the
 * setting db_replicas ("HOST:PORT" or socket paths, comma-separated), or
 * NULL when there is none or out of memory. Free with replica_free.
 */
struct replica	*replica_open(const char *list, int slot);

/* Close the connection and free; accepts NULL. */
void		 replica_free(struct replica *rp);

/*
 * The connection to read the anonymous catalog from: the replica while it
 * is up and behind the primary by at most max_lag_ms, else NULL (read from
 * the primary). At most every check_ms it checks again: the primary's GTID
 * position (one statement on primary) and the replica's applied position
 * with its catalog version (one on the replica). *catalog receives the
 * catalog version the replica had at that check, to key what is read from
 * it. A change of state is logged once.
 */
struct db	*replica_for_read(struct replica *rp, struct db *primary,
		    long long check_ms, long long max_lag_ms, unsigned long long *catalog);

/* The replica failed a statement just now: read from the primary until it checks fine again. */
void		 replica_failed(struct replica *rp);

/*
 * What /health says of it: its address, state name ("ok", "lagging",
 * "down", "unknown") and lag in ms (-1 when unknown).
 */
void		 replica_status(const struct replica *rp, const char **where,
		    const char **state, long long *lag_ms);

/*
 * Whether the GTID position r ("0-1-100,1-2-7") has everything of p: each
 * domain of p is in r with a sequence number at least as high. Empty p is
 * contained in anything.
 */
int		 replica_gtid_covers(const char *r, const char *p);

#endif
