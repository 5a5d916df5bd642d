/* replica.c: a worker's read replica: which one, whether it is up and caught up, when to use it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "replica.h"

#define SAMPLES		64	/* primary positions remembered, one per check */
#define GTID_MAX	512	/* longest GTID position kept */

/*
 * The lag is measured by positions, not by the replica's own estimate
 * (Seconds_Behind_Master counts whole seconds): each check reads the
 * primary's position, then the replica's applied one; the newest earlier
 * primary position the replica covers happened at most (now - then) ago,
 * so that is how far behind it is, within one check interval.
 */
struct sample {
	long long	 us;
	char		 gtid[GTID_MAX];
};

struct replica {
	char			 where[256];
	struct db		*db;
	enum replica_state	 state;
	long long		 checked_us;	/* last check, 0: never */
	long long		 lag_ms;	/* at the last check, -1: unknown */
	unsigned long long	 catalog;	/* the replica's catalog version then */
	struct sample		 samples[SAMPLES];
	size_t			 next;		/* the ring's next slot */
};

static const char *const state_names[] = { "unknown", "ok", "lagging", "down" };

/* The sequence number of domain in a GTID position, or -1 when it has none. */
static long long
gtid_seq(const char *pos, unsigned long domain)
{
	const char	*p = pos;
	char		*end;
	unsigned long	 d;

	while (p != NULL && *p != '\0') {
		while (*p == ',' || *p == ' ' || *p == '\n')
			p++;
		d = strtoul(p, &end, 10);
		if (end != p && *end == '-') {
			const char	*s = strchr(end + 1, '-');

			if (s != NULL && d == domain)
				return strtoll(s + 1, NULL, 10);
		}
		p = strchr(p, ',');
	}
	return -1;
}

int
replica_gtid_covers(const char *r, const char *p)
{
	const char	*q = p;
	char		*end;
	unsigned long	 d;
	long long	 want;

	while (q != NULL && *q != '\0') {
		while (*q == ',' || *q == ' ' || *q == '\n')
			q++;
		if (*q == '\0')
			break;
		d = strtoul(q, &end, 10);
		if (end == q || *end != '-')
			return 0;
		if ((want = gtid_seq(q, d)) < 0 || gtid_seq(r, d) < want)
			return 0;
		q = strchr(q, ',');
	}
	return 1;
}

struct replica *
replica_open(const char *list, int slot)
{
	struct replica	*rp;
	const char	*p, *q;
	int		 n = 0, k;

	for (p = list; *p != '\0'; p = q) {
		while (*p == ',' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ',' && *q != ' '; q++)
			;
		n++;
	}
	if (n == 0 || (rp = calloc(1, sizeof(*rp))) == NULL)
		return NULL;
	k = slot % n;
	for (p = list; *p != '\0'; p = q) {
		while (*p == ',' || *p == ' ')
			p++;
		for (q = p; *q != '\0' && *q != ',' && *q != ' '; q++)
			;
		if (k-- == 0) {
			snprintf(rp->where, sizeof(rp->where), "%.*s", (int)(q - p), p);
			break;
		}
	}
	rp->lag_ms = -1;
	if ((rp->db = db_open_at(rp->where)) == NULL) {
		free(rp);
		return NULL;
	}
	return rp;
}

void
replica_free(struct replica *rp)
{
	if (rp == NULL)
		return;
	db_close(rp->db);
	free(rp);
}

/* Move to state, with one log line for each change. */
static void
set_state(struct replica *rp, enum replica_state st)
{
	if (rp->state == st)
		return;
	if (st == REPLICA_OK)
		log_info("replica %s: reads go to it%s (lag %lld ms)", rp->where,
		    rp->state == REPLICA_UNKNOWN ? "" : " again", rp->lag_ms);
	else if (rp->state == REPLICA_OK || rp->state == REPLICA_UNKNOWN)
		log_warn("replica %s: %s: reads go to the primary", rp->where,
		    st == REPLICA_DOWN ? "down" : "lagging behind");
	if (rp->state != REPLICA_UNKNOWN)
		metrics_replica_switch(st == REPLICA_OK);
	rp->state = st;
}

/* Read one text column of statement id (no parameters) into buf. Returns DB_OK or a db_rc. */
static int
read_gtid(struct db *db, enum stmt_id id, char *buf, size_t len, unsigned long long *catalog)
{
	struct db_res	*res = NULL;
	int		 rc;

	if ((rc = db_exec(db, id, &res, "")) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		if (catalog != NULL) {
			*catalog = (unsigned long long)db_int(res, 0);
			snprintf(buf, len, "%s", db_str(res, 1) ? db_str(res, 1) : "");
		} else
			snprintf(buf, len, "%s", db_str(res, 0) ? db_str(res, 0) : "");
	}
	db_res_free(res);
	return rc == 1 ? DB_OK : rc < 0 ? rc : DB_ERR_INTERNAL;
}

/* Check the replica now: its state, lag and catalog version. */
static void
replica_check(struct replica *rp, struct db *primary, long long now, long long max_lag_ms)
{
	struct sample		*s = &rp->samples[rp->next];
	char			 applied[GTID_MAX];
	unsigned long long	 catalog = 0;
	long long		 best = -1;
	size_t			 i;

	rp->checked_us = now;
	/* The primary's position first: whatever the replica shows after it, it had then. */
	if (read_gtid(primary, STMT_PRIMARY_GTID, s->gtid, sizeof(s->gtid), NULL) != DB_OK)
		return;	/* the primary itself is in trouble: leave the replica's state as it is */
	s->us = now;
	rp->next = (rp->next + 1) % SAMPLES;
	if (read_gtid(rp->db, STMT_REPLICA_CHECK, applied, sizeof(applied), &catalog) != DB_OK) {
		rp->lag_ms = -1;
		set_state(rp, REPLICA_DOWN);
		return;
	}
	for (i = 0; i < SAMPLES; i++)
		if (rp->samples[i].us != 0 && rp->samples[i].us > best &&
		    replica_gtid_covers(applied, rp->samples[i].gtid))
			best = rp->samples[i].us;
	rp->lag_ms = best < 0 ? -1 : (now - best) / 1000;
	rp->catalog = catalog;
	set_state(rp, best >= 0 && rp->lag_ms <= max_lag_ms ? REPLICA_OK : REPLICA_LAGGING);
}

struct db *
replica_for_read(struct replica *rp, struct db *primary, long long check_ms,
    long long max_lag_ms, unsigned long long *catalog)
{
	long long	 now = clock_us();

	if (rp == NULL)
		return NULL;
	if (rp->checked_us == 0 || now - rp->checked_us >= check_ms * 1000)
		replica_check(rp, primary, now, max_lag_ms);
	if (rp->state != REPLICA_OK)
		return NULL;
	*catalog = rp->catalog;
	return rp->db;
}

void
replica_failed(struct replica *rp)
{
	if (rp == NULL)
		return;
	rp->lag_ms = -1;
	set_state(rp, REPLICA_DOWN);
	rp->checked_us = clock_us();	/* checked again after check_ms, as usual */
}

void
replica_status(const struct replica *rp, const char **where, const char **state,
    long long *lag_ms)
{
	*where = rp->where;
	*state = state_names[rp->state];
	*lag_ms = rp->lag_ms;
}
