/* db_streams.c: screens per plan: open, keep, stop and list the streams of a user's logins. */
#include <stdio.h>
#include <string.h>

#include "db_streams.h"


/* Copy a string column (NULL: "") into dst of len bytes. */
static void
col_copy(struct db_res *res, int col, char *dst, size_t len)
{
	snprintf(dst, len, "%s", db_str(res, col) ? db_str(res, col) : "");
}

/* Read the open streams of user_id but login sid's into out. Returns DB_OK or a db_rc. */
static int
streams_read(struct db *db, long long user_id, long long sid, long long timeout,
    struct stream_list *out)
{
	struct db_res		*res = NULL;
	struct stream_info	*s;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, STMT_STREAM_OPEN_LIST, &res, "iii", user_id, sid, timeout)) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1) {
		if (out->shown < STREAMS_SHOWN) {
			s = &out->s[out->shown++];
			s->id = db_int(res, 0);
			col_copy(res, 1, s->device, sizeof(s->device));
			s->movie_id = db_int(res, 2);
			col_copy(res, 3, s->title, sizeof(s->title));
			col_copy(res, 4, s->opened_at, sizeof(s->opened_at));
			col_copy(res, 5, s->last_seen, sizeof(s->last_seen));
		}
		out->total++;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* Read one number of a one-row statement into *v (def when no row). Returns DB_OK or a db_rc. */
static int
scalar(struct db *db, enum stmt_id id, long long arg, long long def, long long *v)
{
	struct db_res	*res = NULL;
	int		 rc;

	*v = def;
	if ((rc = db_exec(db, id, &res, "i", arg)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1)
		*v = db_int(res, 0);
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/*
 * A login's stream: *found, its movie, whether stopped and whether open.
 * Returns DB_OK or a db_rc.
 */
static int
login_stream(struct db *db, long long sid, long long timeout, int *found, long long *movie,
    int *stopped, int *open)
{
	struct db_res	*res = NULL;
	int		 rc;

	*found = *stopped = *open = 0;
	*movie = 0;
	if ((rc = db_exec(db, STMT_STREAM_OF_LOGIN, &res, "ii", timeout, sid)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*found = 1;
		*movie = db_int(res, 0);
		*stopped = db_int(res, 1) != 0;
		*open = db_int(res, 2) != 0;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* db_streams_open's transaction (db_tx): DB_OK with the stream open, or a STREAMS_* refusal. */
struct stream_open {
	long long		 user_id, sid, movie_id, timeout;
	int			 going_on, max_streams;
	struct stream_list	*others;
};

static int
open_tx(struct db *db, void *arg)
{
	struct stream_open	*o = arg;
	long long		 limit, id, movie;
	int			 rc, found, stopped, open;

	if ((rc = scalar(db, STMT_STREAM_USER_LOCK, o->user_id, 0, &id)) != DB_OK)
		return rc;
	if (id == 0)
		return DB_ERR_NOTFOUND;
	if ((rc = scalar(db, STMT_STREAM_LIMIT, o->user_id, 0, &limit)) != DB_OK)
		return rc;
	o->max_streams = (int)limit;
	if (limit <= 0)
		return STREAMS_NO_ACCESS;
	if (o->going_on) {
		if ((rc = login_stream(db, o->sid, o->timeout, &found, &movie, &stopped,
		    &open)) != DB_OK)
			return rc;
		if (found && stopped && movie == o->movie_id)
			return STREAMS_STOPPED;
	}
	if ((rc = streams_read(db, o->user_id, o->sid, o->timeout, o->others)) != DB_OK)
		return rc;
	if (o->others->total >= limit)
		return STREAMS_FULL;
	return db_exec(db, STMT_STREAM_PUT, NULL, "iiiii", o->sid, o->user_id, o->movie_id,
	    o->timeout, (long long)!o->going_on);
}

int
db_streams_open(struct db *db, long long user_id, long long sid, long long movie_id,
    int going_on, long long timeout, int *max_streams, struct stream_list *others)
{
	struct stream_open	 o = { user_id, sid, movie_id, timeout, going_on, 0, others };
	int			 rc;

	rc = db_tx(db, open_tx, &o);
	*max_streams = o.max_streams;
	return rc == DB_OK ? STREAMS_OPENED : rc;
}

int
db_streams_progress(struct db *db, long long user_id, long long sid, long long movie_id,
    long long timeout)
{
	struct stream_list	 others;
	long long		 movie;
	int			 rc, found, stopped, open, max;

	if ((rc = login_stream(db, sid, timeout, &found, &movie, &stopped, &open)) != DB_OK)
		return rc;
	if (!found || stopped || movie != movie_id)
		return DB_OK;
	if (open)
		return db_exec(db, STMT_STREAM_TOUCH, NULL, "ii", sid, movie_id);
	/* Closed by timeout (a long pause): open again if a screen is free, else let it be. */
	rc = db_streams_open(db, user_id, sid, movie_id, 1, timeout, &max, &others);
	return rc < 0 ? rc : DB_OK;
}

int
db_streams_end(struct db *db, long long sid, long long movie_id)
{
	return db_exec(db, STMT_STREAM_END, NULL, "iii", sid, movie_id, movie_id);
}

int
db_streams_stop(struct db *db, long long user_id, long long sid)
{
	struct db_res	*res = NULL;
	int		 rc;

	if ((rc = db_exec(db, STMT_SESS_OWNED, &res, "ii", sid, user_id)) != DB_OK)
		return rc;
	rc = db_next(res);
	db_res_free(res);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return DB_ERR_NOTFOUND;
	return db_exec(db, STMT_STREAM_STOP, NULL, "ii", sid, user_id);
}

int
db_streams_list(struct db *db, long long user_id, long long timeout, int *max_streams,
    struct stream_list *out)
{
	long long	 limit;
	int		 rc;

	*max_streams = 0;
	if ((rc = scalar(db, STMT_STREAM_LIMIT, user_id, 0, &limit)) != DB_OK)
		return rc;
	*max_streams = (int)limit;
	return streams_read(db, user_id, 0, timeout, out);
}
