/* db.c: the data layer: one connection per process, a closed list of prepared statements. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "movie.h"

#define DB_MAX_PARAMS	48		/* parameters of one statement */
#define DB_RETRY_NS	250000000LL	/* between two connection attempts */

enum col_kind { COL_INT, COL_DOUBLE, COL_STR };

struct db_res {
	struct db	*db;
	MYSQL_STMT	*stmt;
	unsigned	 ncols;
	unsigned	 cap;		/* columns the arrays below hold */
	MYSQL_BIND	*bind;
	unsigned long	*lengths;
	my_bool		*nulls;
	my_bool		*errors;
	long long	*ints;
	double		*doubles;
	char		**bufs;		/* string columns, NUL-terminated */
	size_t		*bufcaps;
	enum col_kind	*kinds;
	int		 open;		/* rows held by the statement */
};

struct db_slot {
	MYSQL_STMT	*stmt;
	int		 readonly;	/* a SELECT: safe to retry */
	struct db_res	 res;
};

int	db_api_session;

struct db {
	MYSQL		*conn;
	int		 connected;
	int		 was_connected;	/* a connection was made before (metrics: reconnects) */
	char		 where[256];	/* another server: "HOST:PORT" or a socket path; "" = config's */
	int		 prepare;	/* prepare the statement list on connect */
	int		 multi;		/* allow multi-statement db_query */
	int		 in_tx;
	long long	 last_try_ns;
	long long	 affected;
	long long	 insert_id;
	char		 errmsg[256];
	struct db_slot	 slot[STMT__MAX];
};

static const char *const stmt_sql[STMT__MAX] = {
#define STMT(id, sql) sql,
#include "stmt_all.def"
#undef STMT
};

static const char *const stmt_names[STMT__MAX] = {
#define STMT(id, sql) #id,
#include "stmt_all.def"
#undef STMT
};

const char *
db_stmt_name(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_names[id] : "?";
}

const char *
db_errmsg(struct db *db)
{
	return db->errmsg;
}

/* Whether a client or server error number means the connection is gone. */
static int
db_lost(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR ||
	    err == ER_CONNECTION_KILLED || err == ER_SERVER_SHUTDOWN ||
	    err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	    err == CR_COMMANDS_OUT_OF_SYNC;
}

/* Map an error number to a db_rc. */
static int
db_map(unsigned int err)
{
	if (db_lost(err))
		return DB_ERR_UNAVAILABLE;
	switch (err) {
	case ER_DUP_ENTRY:
	case ER_DUP_ENTRY_WITH_KEY_NAME:
		return DB_ERR_DUPLICATE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return DB_ERR_RETRY;
	case ER_NO_REFERENCED_ROW:
	case ER_NO_REFERENCED_ROW_2:
	case ER_ROW_IS_REFERENCED:
	case ER_ROW_IS_REFERENCED_2:
		return DB_ERR_FOREIGN;
	default:
		return DB_ERR_INTERNAL;
	}
}

static void
res_release(struct db_res *r)
{
	unsigned	 i;

	for (i = 0; i < r->cap; i++)
		free(r->bufs[i]);
	free(r->bind);
	free(r->lengths);
	free(r->nulls);
	free(r->errors);
	free(r->ints);
	free(r->doubles);
	free(r->bufs);
	free(r->bufcaps);
	free(r->kinds);
	memset(r, 0, sizeof(*r));
}

/* Drop the connection and its statements; the next call reconnects. */
static void
db_disconnect(struct db *db)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++) {
		if (db->slot[i].stmt != NULL)
			mysql_stmt_close(db->slot[i].stmt);
		db->slot[i].stmt = NULL;
		db->slot[i].res.open = 0;
		db->slot[i].res.stmt = NULL;
	}
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->connected = 0;
	db->in_tx = 0;
}

static int
is_select(const char *sql)
{
	while (isspace((unsigned char)*sql) || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT", 6) == 0;
}

static int
db_connect(struct db *db)
{
	unsigned int	 timeout, port = (unsigned int)config.db_port;
	my_bool		 yes = 1;
	size_t		 i;
	char		 hostbuf[256];
	const char	*host = config.db_socket[0] ? "localhost" : config.db_host;
	const char	*sock = config.db_socket[0] ? config.db_socket : NULL;
	const char	*init = "SET time_zone = '+00:00', sql_mode = "
	    "'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE'";

	db_disconnect(db);
	db->last_try_ns = clock_ns();
	if ((db->conn = mysql_init(NULL)) == NULL) {
		log_error("db_connect: mysql_init: out of memory");
		return DB_ERR_UNAVAILABLE;
	}
	timeout = (unsigned int)config.db_connect_timeout;
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	timeout = (unsigned int)config.db_read_timeout;
	mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
	timeout = (unsigned int)config.db_write_timeout;
	mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->conn, MYSQL_INIT_COMMAND, init);
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
	    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (db_api_session)
		mysql_options(db->conn, MYSQL_INIT_COMMAND, "SET @streamify_api = 1");
	if (db->where[0] == '/') {
		host = "localhost";
		sock = db->where;
	} else if (db->where[0] != '\0') {
		const char	*colon = strrchr(db->where, ':');

		snprintf(hostbuf, sizeof(hostbuf), "%.*s", colon ? (int)(colon - db->where) :
		    (int)strlen(db->where), db->where);
		host = hostbuf;
		port = colon ? (unsigned int)strtoul(colon + 1, NULL, 10) : 3306;
	}
	if (mysql_real_connect(db->conn, host, config.db_user, config.db_password,
	    config.db_name, port, sock, db->multi ? CLIENT_MULTI_STATEMENTS : 0) == NULL) {
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(db->conn));
		log_error("db_connect %s: %s", db_where(db), db->errmsg);
		db_disconnect(db);
		return DB_ERR_UNAVAILABLE;
	}
	if (db->prepare) {
		for (i = 0; i < STMT__MAX; i++) {
			struct db_slot	*s = &db->slot[i];

			if ((s->stmt = mysql_stmt_init(db->conn)) == NULL ||
			    mysql_stmt_attr_set(s->stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &yes) ||
			    mysql_stmt_prepare(s->stmt, stmt_sql[i], strlen(stmt_sql[i]))) {
				snprintf(db->errmsg, sizeof(db->errmsg), "%s",
				    s->stmt ? mysql_stmt_error(s->stmt) : "out of memory");
				log_error("db_connect: prepare %s: %s", stmt_names[i], db->errmsg);
				db_disconnect(db);
				return DB_ERR_UNAVAILABLE;
			}
			s->readonly = is_select(stmt_sql[i]);
		}
	}
	db->connected = 1;
	if (db->was_connected)
		metrics_db_reconnect();
	db->was_connected = 1;
	log_debug("db_connect: connected, %d statements prepared",
	    db->prepare ? (int)STMT__MAX : 0);
	return DB_OK;
}

static struct db *
db_new(int prepare, int multi)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->prepare = prepare;
	db->multi = multi;
	return db;
}

struct db *
db_open(void)
{
	struct db	*db;

	if ((db = db_new(1, 0)) == NULL)
		return NULL;
	(void)db_connect(db);
	return db;
}

struct db *
db_open_at(const char *where)
{
	struct db	*db;

	if ((db = db_new(1, 0)) == NULL)
		return NULL;
	snprintf(db->where, sizeof(db->where), "%s", where);
	(void)db_connect(db);
	return db;
}

const char *
db_where(const struct db *db)
{
	return db->where[0] != '\0' ? db->where : config.db_socket[0] ? config.db_socket :
	    config.db_host;
}

struct db *
db_open_raw(int multi)
{
	struct db	*db;

	if ((db = db_new(0, multi)) == NULL)
		return NULL;
	if (db_connect(db) != DB_OK) {
		db_close(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	size_t	 i;

	if (db == NULL)
		return;
	db_disconnect(db);
	for (i = 0; i < STMT__MAX; i++)
		res_release(&db->slot[i].res);
	free(db);
}

int
db_ready(struct db *db)
{
	if (db->connected)
		return DB_OK;
	if (clock_ns() - db->last_try_ns < DB_RETRY_NS)
		return DB_ERR_UNAVAILABLE;
	return db_connect(db);
}

int
db_in_tx(const struct db *db)
{
	return db->in_tx;
}

/* Make room for n columns in a result. Returns 0 or -1. */
static int
res_grow(struct db_res *r, unsigned n)
{
	unsigned	 i;

	if (n <= r->cap)
		return 0;
#define GROW(f) do {						\
		void	*p_ = realloc(r->f, n * sizeof(*r->f));	\
								\
		if (p_ == NULL)					\
			return -1;				\
		r->f = p_;					\
	} while (0)
	GROW(bind);
	GROW(lengths);
	GROW(nulls);
	GROW(errors);
	GROW(ints);
	GROW(doubles);
	GROW(bufs);
	GROW(bufcaps);
	GROW(kinds);
#undef GROW
	for (i = r->cap; i < n; i++) {
		r->bufs[i] = NULL;
		r->bufcaps[i] = 0;
	}
	r->cap = n;
	return 0;
}

/* Bind the columns of a stored result. Returns DB_OK or an error. */
static int
res_bind(struct db *db, struct db_slot *s, enum stmt_id id)
{
	struct db_res	*r = &s->res;
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	unsigned	 i, n;
	size_t		 need;

	if ((meta = mysql_stmt_result_metadata(s->stmt)) == NULL) {
		log_error("db_exec %s: no result metadata", stmt_names[id]);
		return DB_ERR_INTERNAL;
	}
	n = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	if (res_grow(r, n) == -1) {
		mysql_free_result(meta);
		log_error("db_exec %s: out of memory", stmt_names[id]);
		return DB_ERR_INTERNAL;
	}
	memset(r->bind, 0, n * sizeof(*r->bind));
	/*
	 * The client library leaves a column's error flag alone when it needs no
	 * conversion (a DOUBLE into a double): start every flag at 0, or
	 * mysql_stmt_fetch reports a truncation from whatever the heap held.
	 */
	memset(r->errors, 0, n * sizeof(*r->errors));
	for (i = 0; i < n; i++) {
		MYSQL_BIND	*b = &r->bind[i];

		b->length = &r->lengths[i];
		b->is_null = &r->nulls[i];
		b->error = &r->errors[i];
		switch (f[i].type) {
		case MYSQL_TYPE_TINY:
		case MYSQL_TYPE_SHORT:
		case MYSQL_TYPE_INT24:
		case MYSQL_TYPE_LONG:
		case MYSQL_TYPE_LONGLONG:
		case MYSQL_TYPE_YEAR:
			r->kinds[i] = COL_INT;
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &r->ints[i];
			b->is_unsigned = (f[i].flags & UNSIGNED_FLAG) != 0;
			break;
		case MYSQL_TYPE_FLOAT:
		case MYSQL_TYPE_DOUBLE:
		case MYSQL_TYPE_DECIMAL:
		case MYSQL_TYPE_NEWDECIMAL:
			r->kinds[i] = COL_DOUBLE;
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &r->doubles[i];
			break;
		default:
			r->kinds[i] = COL_STR;
			need = f[i].max_length + 1;
			if (need > r->bufcaps[i]) {
				char	*p = realloc(r->bufs[i], need);

				if (p == NULL) {
					mysql_free_result(meta);
					log_error("db_exec %s: out of memory", stmt_names[id]);
					return DB_ERR_INTERNAL;
				}
				r->bufs[i] = p;
				r->bufcaps[i] = need;
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = r->bufs[i];
			b->buffer_length = r->bufcaps[i];
			break;
		}
	}
	mysql_free_result(meta);
	r->ncols = n;
	if (mysql_stmt_bind_result(s->stmt, r->bind)) {
		log_error("db_exec %s: bind result: %s", stmt_names[id],
		    mysql_stmt_error(s->stmt));
		return DB_ERR_INTERNAL;
	}
	r->db = db;
	r->stmt = s->stmt;
	r->open = 1;
	return DB_OK;
}

/*
 * Bind, execute and store statement id once. Returns DB_OK or the mapped
 * error, counted and logged; a lost connection is closed (db_ready makes
 * the next one).
 */
static int
stmt_run(struct db *db, enum stmt_id id, size_t n, MYSQL_BIND *params)
{
	struct db_slot	*s = &db->slot[id];
	unsigned int	 err;
	int		 rc;

	metrics_db_statement();
	if (!((n > 0 && mysql_stmt_bind_param(s->stmt, params)) ||
	    mysql_stmt_execute(s->stmt) ||
	    (mysql_stmt_field_count(s->stmt) > 0 && mysql_stmt_store_result(s->stmt))))
		return DB_OK;
	err = mysql_stmt_errno(s->stmt);
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_stmt_error(s->stmt));
	rc = db_map(err);
	metrics_db_error(rc);
	if (rc == DB_ERR_UNAVAILABLE) {
		log_warn("db_exec %s: connection lost (%u %s)", stmt_names[id], err, db->errmsg);
		db_disconnect(db);
	} else if (rc == DB_ERR_INTERNAL)
		log_error("db_exec %s: %u %s", stmt_names[id], err, db->errmsg);
	else
		log_debug("db_exec %s: %u %s", stmt_names[id], err, db->errmsg);
	return rc;
}

/* Bind a number of type at buf to b; a NULL buf binds SQL NULL. */
static void
bind_value(MYSQL_BIND *b, enum enum_field_types type, void *buf)
{
	b->buffer_type = buf != NULL ? type : MYSQL_TYPE_NULL;
	b->buffer = buf;
}

/*
 * db_exec with its parameters as a va_list; with one_row set, db_row: the
 * first row is read, and its absence is DB_ERR_NOTFOUND.
 */
static int
db_vexec(struct db *db, enum stmt_id id, struct db_res **res, int one_row, const char *fmt,
    va_list ap)
{
	struct db_slot	*s;
	MYSQL_BIND	 params[DB_MAX_PARAMS];
	long long	 ints[DB_MAX_PARAMS];
	double		 doubles[DB_MAX_PARAMS];
	unsigned long	 lens[DB_MAX_PARAMS];
	size_t		 n, i;
	int		 retried = 0, was_tx, rc;

	if (res != NULL)
		*res = NULL;
	if ((unsigned)id >= STMT__MAX || !db->prepare)
		return DB_ERR_INTERNAL;
	n = strlen(fmt);
	if (n > DB_MAX_PARAMS) {
		log_error("db_exec %s: too many parameters", stmt_names[id]);
		return DB_ERR_INTERNAL;
	}

	if ((rc = db_ready(db)) != DB_OK)
		return rc;
	s = &db->slot[id];
	if (s->res.open) {
		mysql_stmt_free_result(s->stmt);
		s->res.open = 0;
	}
	if (mysql_stmt_param_count(s->stmt) != n) {
		log_error("db_exec %s: %lu parameters given, %lu expected", stmt_names[id],
		    (unsigned long)n, mysql_stmt_param_count(s->stmt));
		return DB_ERR_INTERNAL;
	}
	memset(params, 0, sizeof(params));
	for (i = 0; i < n; i++) {
		MYSQL_BIND	*b = &params[i];
		const long long	*ip;
		const double	*dp;
		const char	*sp;

		switch (fmt[i]) {
		case 'i':
			ints[i] = va_arg(ap, long long);
			bind_value(b, MYSQL_TYPE_LONGLONG, &ints[i]);
			break;
		case 'I':
			if ((ip = va_arg(ap, const long long *)) != NULL)
				ints[i] = *ip;
			bind_value(b, MYSQL_TYPE_LONGLONG, ip ? &ints[i] : NULL);
			break;
		case 'd':
			doubles[i] = va_arg(ap, double);
			bind_value(b, MYSQL_TYPE_DOUBLE, &doubles[i]);
			break;
		case 'D':
			if ((dp = va_arg(ap, const double *)) != NULL)
				doubles[i] = *dp;
			bind_value(b, MYSQL_TYPE_DOUBLE, dp ? &doubles[i] : NULL);
			break;
		case 's':
			if ((sp = va_arg(ap, const char *)) == NULL)
				b->buffer_type = MYSQL_TYPE_NULL;
			else {
				lens[i] = strlen(sp);
				b->buffer_type = MYSQL_TYPE_STRING;
				b->buffer = (void *)(uintptr_t)sp;
				b->buffer_length = lens[i];
				b->length = &lens[i];
			}
			break;
		case 'b':
			b->buffer = (void *)(uintptr_t)va_arg(ap, const void *);
			lens[i] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer_length = lens[i];
			b->length = &lens[i];
			break;
		default:
			log_error("db_exec %s: bad format letter '%c'", stmt_names[id], fmt[i]);
			return DB_ERR_INTERNAL;
		}
	}
	for (;;) {
		was_tx = db->in_tx;
		rc = stmt_run(db, id, n, params);
		if (rc != DB_ERR_UNAVAILABLE || was_tx || !db->slot[id].readonly || retried)
			break;
		/* A read outside a transaction lost its connection: once more on a new one. */
		retried = 1;
		db->last_try_ns = 0;
		if ((rc = db_ready(db)) != DB_OK)
			return rc;
	}
	if (rc != DB_OK)
		return rc;
	s = &db->slot[id];
	db->affected = (long long)mysql_stmt_affected_rows(s->stmt);
	db->insert_id = (long long)mysql_stmt_insert_id(s->stmt);
	if (mysql_stmt_field_count(s->stmt) > 0) {
		if (res == NULL) {
			mysql_stmt_free_result(s->stmt);
			return DB_OK;
		}
		if ((rc = res_bind(db, s, id)) != DB_OK) {
			mysql_stmt_free_result(s->stmt);
			s->res.open = 0;
			return rc;
		}
		*res = &s->res;
	}
	if (one_row && res != NULL && (rc = db_next(*res)) != 1) {
		db_res_free(*res);
		*res = NULL;
		return rc == 0 ? DB_ERR_NOTFOUND : rc;
	}
	return DB_OK;
}

int
db_exec(struct db *db, enum stmt_id id, struct db_res **res, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = db_vexec(db, id, res, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int
db_row(struct db *db, enum stmt_id id, struct db_res **res, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = db_vexec(db, id, res, 1, fmt, ap);
	va_end(ap);
	return rc;
}

long long
db_affected(struct db *db)
{
	return db->affected;
}

long long
db_insert_id(struct db *db)
{
	return db->insert_id;
}

int
db_next(struct db_res *r)
{
	unsigned	 i;
	int		 rc;

	if (r == NULL || !r->open)
		return 0;
	rc = mysql_stmt_fetch(r->stmt);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc != 0) {
		log_error("db_next: %s", rc == MYSQL_DATA_TRUNCATED ? "data truncated" :
		    mysql_stmt_error(r->stmt));
		return DB_ERR_INTERNAL;
	}
	for (i = 0; i < r->ncols; i++)
		if (r->kinds[i] == COL_STR && !r->nulls[i])
			r->bufs[i][r->lengths[i] < r->bufcaps[i] ? r->lengths[i] :
			    r->bufcaps[i] - 1] = '\0';
	return 1;
}

size_t
db_rows(struct db_res *r)
{
	return r != NULL && r->open ? (size_t)mysql_stmt_num_rows(r->stmt) : 0;
}

int
db_isnull(struct db_res *r, int col)
{
	return (unsigned)col >= r->ncols || r->nulls[col];
}

long long
db_int(struct db_res *r, int col)
{
	if (db_isnull(r, col))
		return 0;
	switch (r->kinds[col]) {
	case COL_INT:
		return r->ints[col];
	case COL_DOUBLE:
		return (long long)r->doubles[col];
	default:
		return strtoll(r->bufs[col], NULL, 10);
	}
}

double
db_double(struct db_res *r, int col)
{
	if (db_isnull(r, col))
		return 0;
	switch (r->kinds[col]) {
	case COL_INT:
		return (double)r->ints[col];
	case COL_DOUBLE:
		return r->doubles[col];
	default:
		return strtod(r->bufs[col], NULL);
	}
}

const char *
db_str(struct db_res *r, int col)
{
	static char	 num[2][32];	/* numbers as text: two at a time */
	static int	 which;

	if (db_isnull(r, col))
		return NULL;
	switch (r->kinds[col]) {
	case COL_INT:
		which ^= 1;
		snprintf(num[which], sizeof(num[which]), "%lld", r->ints[col]);
		return num[which];
	case COL_DOUBLE:
		which ^= 1;
		snprintf(num[which], sizeof(num[which]), "%.17g", r->doubles[col]);
		return num[which];
	default:
		return r->bufs[col];
	}
}

size_t
db_len(struct db_res *r, int col)
{
	if (db_isnull(r, col))
		return 0;
	return r->kinds[col] == COL_STR ? r->lengths[col] : strlen(db_str(r, col));
}

void
db_res_free(struct db_res *r)
{
	if (r == NULL || !r->open)
		return;
	mysql_stmt_free_result(r->stmt);
	r->open = 0;
}

/* Run trusted text; on a lost connection the transaction is gone too. */
static int
db_text(struct db *db, const char *sql)
{
	unsigned int	 err;
	int		 rc;
	MYSQL_RES	*r;

	if (!db->connected && (rc = db_ready(db)) != DB_OK)
		return rc;
	metrics_db_statement();
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0)
		goto fail;
	/* Drain every result of a multi-statement text. */
	do {
		if ((r = mysql_store_result(db->conn)) != NULL)
			mysql_free_result(r);
		else if (mysql_field_count(db->conn) != 0)
			goto fail;
		db->affected = (long long)mysql_affected_rows(db->conn);
	} while ((rc = mysql_next_result(db->conn)) == 0);
	if (rc > 0)
		goto fail;
	return DB_OK;
fail:
	err = mysql_errno(db->conn);
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(db->conn));
	rc = db_map(err);
	metrics_db_error(rc);
	if (rc == DB_ERR_UNAVAILABLE)
		db_disconnect(db);
	if (rc == DB_ERR_INTERNAL)
		log_error("db_query: %u %s", err, db->errmsg);
	return rc;
}

int
db_query(struct db *db, const char *sql)
{
	return db_text(db, sql);
}

int
db_scalar(struct db *db, const char *sql, long long *out)
{
	MYSQL_RES	*r;
	MYSQL_ROW	 row;
	unsigned int	 err;
	int		 rc;

	*out = 0;
	if (!db->connected && (rc = db_ready(db)) != DB_OK)
		return rc;
	metrics_db_statement();
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0 ||
	    (r = mysql_store_result(db->conn)) == NULL) {
		err = mysql_errno(db->conn);
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(db->conn));
		rc = db_map(err);
		metrics_db_error(rc);
		if (rc == DB_ERR_UNAVAILABLE)
			db_disconnect(db);
		log_error("db_scalar: %u %s", err, db->errmsg);
		return rc == DB_OK ? DB_ERR_INTERNAL : rc;
	}
	if ((row = mysql_fetch_row(r)) != NULL && row[0] != NULL)
		*out = strtoll(row[0], NULL, 10);
	mysql_free_result(r);
	return DB_OK;
}

unsigned long
db_thread_id(struct db *db)
{
	return db != NULL && db->connected ? mysql_thread_id(db->conn) : 0;
}

int
db_begin(struct db *db)
{
	int	 rc;

	if ((rc = db_ready(db)) != DB_OK)
		return rc;
	if ((rc = db_text(db, "START TRANSACTION")) == DB_OK)
		db->in_tx = 1;
	return rc;
}

int
db_commit(struct db *db)
{
	int	 rc = db_text(db, "COMMIT");

	db->in_tx = 0;
	return rc;
}

int
db_rollback(struct db *db)
{
	int	 rc;

	if (!db->in_tx)
		return DB_OK;
	rc = db->connected ? db_text(db, "ROLLBACK") : DB_OK;
	db->in_tx = 0;
	return rc;
}

void
db_retry_wait(int run)
{
	struct timespec	 ts;

	ts.tv_sec = 0;
	ts.tv_nsec = (1L << (run < 10 ? run : 10)) * 1000000L / 2 +
	    (long)((clock_ns() ^ (long long)getpid()) % 1000000LL);
	nanosleep(&ts, NULL);
}

int
db_tx(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	int	 tries, rc = DB_ERR_INTERNAL, reconnected = 0;

	for (tries = 1; tries <= DB_TRIES; tries++) {
		if (tries > 1 && rc == DB_ERR_RETRY)
			db_retry_wait(tries - 1);
		if ((rc = db_begin(db)) == DB_OK && (rc = fn(db, arg)) == DB_OK) {
			if ((rc = db_commit(db)) == DB_OK)
				return DB_OK;
			/* A COMMIT whose answer was lost may have happened: never run it twice. */
			if (rc == DB_ERR_UNAVAILABLE)
				return rc;
		}
		db_rollback(db);
		if (rc == DB_ERR_UNAVAILABLE && !reconnected && !db->connected) {
			reconnected = 1;	/* the server went away during fn: once on a new connection */
			db->last_try_ns = 0;
			continue;
		}
		if (rc != DB_ERR_RETRY)
			break;
	}
	return rc;
}

int
db_retry(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	int	 tries, rc;

	for (tries = 1; ; tries++) {
		if ((rc = fn(db, arg)) != DB_ERR_RETRY || tries == DB_TRIES)
			return rc;
		db_retry_wait(tries);
	}
}
