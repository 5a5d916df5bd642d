/* metrics.h: the pool's counters in shared memory, and their Prometheus text exposition. */
#ifndef STREAMIFY_METRICS_H
#define STREAMIFY_METRICS_H

#include <stddef.h>
#include <sys/types.h>

#define METRICS_MAX_ROUTES	96	/* rows of a route table that get their own label */
#define METRICS_MAX_SLOTS	256	/* worker slots of the pool */

/* The answer memories whose lookups and hits are counted (label "memory"). */
enum metrics_memory {
	MEM_CATALOG,		/* anonymous catalog answers (cgi-bin/api.c) */
	MEM_RECS,		/* a user's recommendations (cgi-bin/h_recs.c) */
	MEM_NEIGHBOURS,		/* a seed's neighbour list (cgi-bin/h_recs.c) */
	MEM_LOGINS,		/* valid logins (cgi-bin/authn.c) */
	MEM_VIEWERS,		/* a user's own data (cgi-bin/viewer.c) */
	MEM__MAX
};

/* What happened to a login or a token (metric streamify_auth_events_total). */
enum metrics_auth {
	AUTH_LOGIN_OK,
	AUTH_LOGIN_FAILED,
	AUTH_LOGIN_THROTTLED,
	AUTH_TOKEN_REFRESHED,
	AUTH_TOKEN_REUSE,	/* a refresh token used twice: the login was revoked */
	AUTH__MAX
};

/*
 * Make the counters, in memory shared with the processes forked after this
 * call (the master calls it before forking its workers). workers is the
 * pool's configured size. Without it (it failed, or a batch binary), every
 * metrics_* call does nothing. Returns 0, or -1 when mmap fails.
 */
int	metrics_init(int workers);

/* Whether counting is on (metrics_init ran and the setting "metrics" is 1). */
int	metrics_enabled(void);

/* The master: worker slot now runs pid (0: the slot's worker died, counted as a re-fork when replaced). */
void	metrics_worker(int slot, pid_t pid);

/* A worker: which slot it fills (its in-flight flag and process metrics). */
void	metrics_set_slot(int slot);

/* A request was accepted / answered. route is its row, or -1 when none matched. */
void	metrics_request_begin(void);
void	metrics_request_end(int route, const char *method, int status, long long us);

/* One lookup of an answer memory, and whether it hit. */
void	metrics_memory(enum metrics_memory m, int hit);

/* A read of the shared versions: from the board (shared) or from the database. */
void	metrics_board(int from_database);

/* The data layer: a statement sent, an error of a db_rc class, a new connection after a loss. */
void	metrics_db_statement(void);
void	metrics_db_error(int db_rc);
void	metrics_db_reconnect(void);

/* Anonymous catalog reads: from a replica (1) or the primary (0); a replica's switch to ok (1) or away (0). */
void	metrics_replica_read(int replica);
void	metrics_replica_switch(int to_replica);

/* An account event. */
void	metrics_auth(enum metrics_auth e);

/*
 * Append the exposition of every counter, gauge and histogram to *buf
 * (*len bytes used, *cap allocated; grown with realloc), with route labels
 * from patterns[0..nroutes-1]. Process metrics come from /proc for the
 * master and each live worker. Returns 0, or -1 when out of memory.
 */
int	metrics_render(char **buf, size_t *len, size_t *cap,
	    const char *const *patterns, size_t nroutes);

/* printf-style append to the buffer of metrics_render. Returns 0 or -1. */
int	metrics_printf(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

#endif
