/* db.h: the data layer: one connection per process, a closed list of prepared statements. */
#ifndef STREAMIFY_DB_H
#define STREAMIFY_DB_H

#include <stddef.h>

/*
 * The closed list of statements. Each capability keeps its own in
 * lib/stmt_<name>.def as STMT(ID, "SQL") rows; all of them are prepared once
 * per connection, when it is made. A statement whose columns are read by
 * more than their order in a short list has them named beside its SQL
 * (#define NAME_COLUMN n), and a constant both the SQL and C use is written
 * once: the SQL takes it as STMT_STR(NAME).
 */
#define STMT_STR(x)	STMT_STR_(x)
#define STMT_STR_(x)	#x

enum stmt_id {
#define STMT(id, sql) id,
#include "stmt_all.def"
#undef STMT
	STMT__MAX
};

/* What a db_* call returns. Callers map these to HTTP statuses. */
enum db_rc {
	DB_OK = 0,
	DB_ERR_UNAVAILABLE = -1,	/* no connection: 503 */
	DB_ERR_DUPLICATE = -2,		/* unique key violated: 409 */
	DB_ERR_RETRY = -3,		/* deadlock or lock wait timeout: retry the transaction */
	DB_ERR_FOREIGN = -4,		/* foreign key violated */
	DB_ERR_INTERNAL = -5,		/* anything else: 500, logged where it happened */
	DB_ERR_NOTFOUND = -6,		/* for db_* helpers that look one row up */
};

struct db;
struct db_res;

/*
 * Make the connection object from the global configuration and try to
 * connect. Returns NULL only when out of memory; a failed connection is
 * retried by the next db_exec (see db_ready).
 */
/*
 * Set by streamify-fcgi before its workers connect: their sessions set
 * @streamify_api, so the user-data triggers of sql/070 leave their writes
 * to the board's per-user counters (lib/board.c).
 */
extern int	 db_api_session;

struct db	*db_open(void);

/*
 * The same for another server with the same user, password and database:
 * where is "HOST:PORT" or a unix socket path (a replica). Returns NULL only
 * when out of memory.
 */
struct db	*db_open_at(const char *where);

/* The server db talks to, for logs ("HOST:PORT", a socket path, or db_host). */
const char	*db_where(const struct db *db);

/* Close the connection and free everything; accepts NULL. */
void		 db_close(struct db *db);

/*
 * Make sure the connection is up and every statement prepared,
 * reconnecting when it was lost (at most one attempt per 250 ms while the
 * server stays down). Returns DB_OK or DB_ERR_UNAVAILABLE.
 */
int		 db_ready(struct db *db);

/*
 * Execute a prepared statement with parameters given by fmt, one letter
 * each:
 *   i  long long          I  const long long * (NULL binds SQL NULL)
 *   d  double             D  const double * (NULL binds SQL NULL)
 *   s  const char * (NULL binds SQL NULL), NUL-terminated
 *   b  const void *, size_t (bytes)
 * When res is not NULL and the statement returns rows, *res receives them,
 * owned by the statement: read with db_next and release with db_res_free
 * before the same statement runs again. A lost connection outside a
 * transaction is reconnected and a SELECT is retried once. Returns DB_OK
 * or a db_rc error (logged here, with the statement's name).
 */
int		 db_exec(struct db *db, enum stmt_id id, struct db_res **res,
		    const char *fmt, ...);

/*
 * db_exec for a statement that looks one row up: DB_OK with *res on that
 * row (read it with db_str and the like, then db_res_free), DB_ERR_NOTFOUND
 * when there is no row, or another db_rc.
 */
int		 db_row(struct db *db, enum stmt_id id, struct db_res **res,
		    const char *fmt, ...);

/* The server's id of the connection (Id in SHOW PROCESSLIST), 0 when there is none. */
unsigned long	 db_thread_id(struct db *db);

/* Rows changed by the last db_exec; the last AUTO_INCREMENT id it made. */
long long	 db_affected(struct db *db);
long long	 db_insert_id(struct db *db);

/* Advance to the next row. Returns 1 with a row, 0 at the end, or a db_rc error. */
int		 db_next(struct db_res *res);

/* Rows in the result. */
size_t		 db_rows(struct db_res *res);

/* Column values of the current row (columns count from 0). */
int		 db_isnull(struct db_res *res, int col);
long long	 db_int(struct db_res *res, int col);		/* 0 when NULL */
double		 db_double(struct db_res *res, int col);	/* 0 when NULL */
const char	*db_str(struct db_res *res, int col);		/* NULL when NULL */
size_t		 db_len(struct db_res *res, int col);

/* Release the rows; accepts NULL. */
void		 db_res_free(struct db_res *res);

/*
 * Transactions. db_begin starts one (READ COMMITTED unless told); db_commit
 * and db_rollback end it. db_rollback accepts being called with no
 * transaction open. Each returns DB_OK or a db_rc error.
 */
int		 db_begin(struct db *db);
int		 db_commit(struct db *db);
int		 db_rollback(struct db *db);
int		 db_in_tx(const struct db *db);

/*
 * The retry policy, one for the data layer: a deadlock or lock wait
 * timeout (DB_ERR_RETRY) is run again, DB_TRIES runs in all, after
 * db_retry_wait(run) (1, 2, 4, ... ms and a jitter of up to 1 ms).
 */
#define DB_TRIES	5
void		 db_retry_wait(int run);

/*
 * Run fn(db, arg) in a transaction of its own: begin, fn, commit; the one
 * way a transaction is run. A deadlock or lock wait timeout (DB_ERR_RETRY,
 * from fn or the commit) rolls back and runs fn again, as the retry policy
 * above says; a connection lost before the commit, once more on a new
 * connection.
 * Anything else fn returns rolls back and is returned as is.
 *
 * The data layer's one return convention, which fn follows too: DB_OK,
 * a negative db_rc, or a positive code of the caller's own for a refusal
 * the request caused (a repeated genre, a wrong password): nothing is
 * written and the caller answers it. fn must not begin, commit or roll
 * back, and must set everything it returns in arg on each run.
 */
int		 db_tx(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);

/*
 * Run fn(db, arg), autocommitted statements outside a transaction, again
 * on DB_ERR_RETRY as the retry policy says. fn sets everything it returns in
 * arg on each run. Returns what its last run returned.
 */
int		 db_retry(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);

/*
 * Run one statement of trusted SQL text with no parameters and no rows
 * (migrations, batch jobs, tests). Never with request data. Returns DB_OK
 * or a db_rc error.
 */
int		 db_query(struct db *db, const char *sql);

/*
 * Run one trusted SQL text (never with request data) and read the first
 * column of its first row into *out (0 when there is no row or it is NULL).
 * Returns DB_OK or a db_rc error.
 */
int		 db_scalar(struct db *db, const char *sql, long long *out);

/* The name of a statement ("STMT_PING"), for logs. */
const char	*db_stmt_name(enum stmt_id id);

/* The client library's message of the last failure (for logs only). */
const char	*db_errmsg(struct db *db);

/*
 * Connect without preparing the statements (for streamify-migrate, which
 * runs before the tables exist). multi allows several statements in one
 * db_query. Returns NULL on failure, with the reason logged.
 */
struct db	*db_open_raw(int multi);

#endif
