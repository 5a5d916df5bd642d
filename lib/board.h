/* board.h: the versions every worker of one pool shares, so most requests skip reading them. */
#ifndef STREAMIFY_BOARD_H
#define STREAMIFY_BOARD_H

struct db;

/*
 * The numbers a worker checks before it trusts what it remembers: the
 * catalog's version (anonymous catalog answers), the logins' version
 * (which logins are valid and who is an administrator), and the version of
 * users' data written outside the workers (sql/070_auth_version.sql), which
 * only grow; and the active recommendation generation.
 */
struct versions {
	unsigned long long	 catalog;
	unsigned long long	 auth;
	unsigned long long	 userdata;
	unsigned long long	 generation;	/* the active recommendation generation, 0: none */
	unsigned long long	 user;		/* one user's own version (board_user or the database) */
};

/*
 * Make the board in memory shared with the processes forked after this
 * call (the master, before its workers). Without a board, board_get reads
 * the versions on every call. Returns 0, or -1 when mmap fails.
 */
int	 board_init(void);

/*
 * The current versions into v: from the board when they were read less than
 * max_age_ms ago and no board_touch came since, else read from the database
 * (one primary-key read) and shared. Returns DB_OK or a db_rc error.
 */
int	 board_get(struct db *db, long long max_age_ms, struct versions *v);

/*
 * The versions and user_id's own version read from the database in one
 * statement, never from the board (which they refresh): for pools on
 * several hosts, where only the database knows every host's writes.
 * Returns DB_OK or a db_rc error.
 */
int	 board_get_user(struct db *db, long long user_id, struct versions *v);

/*
 * Raise user_id's version in the database (user_versions = database), after
 * a write of theirs. Returns DB_OK or a db_rc error.
 */
int	 board_user_raise(struct db *db, long long user_id);

/*
 * Call after committing a write that changes a version (a catalog edit,
 * a revoked login, a deleted user): the next board_get of any worker reads
 * the versions again, so the pool's own writes are seen at once.
 */
void	 board_touch(void);

/*
 * A user's own counter: raised by board_user_touch after a worker commits
 * a write of that user's library, subscription or account; read before
 * what is remembered of the user is loaded. Users share counters modulo
 * the board's size, which only costs a needless reload. Without a board
 * every read differs (nothing is trusted).
 */
unsigned long long	 board_user(long long user_id);
void			 board_user_touch(long long user_id);

#endif
