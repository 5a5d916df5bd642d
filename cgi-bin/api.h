/* api.h: what every handler sees: the request, the response, and the helpers between them. */
#ifndef STREAMIFY_API_H
#define STREAMIFY_API_H

#include "db.h"
#include "http.h"
#include "input.h"
#include "json.h"
#include "resp.h"
#include "route.h"

/* The route table (routes.c) and its size. */
extern const struct route	 api_routes[];
extern const size_t		 api_nroutes;

/* What a worker serves with: its connection to the primary, and its read replica or NULL. */
struct api_conn {
	struct db	*db;
	struct replica	*replica;
};

/*
 * Answer one request (ctx: the worker's struct api_conn): route it (404, 405), check its declared inputs
 * (400, 415), authenticate (401, 403), run the handler, set the caching
 * headers (ETag, 304) and write the log line. Frees what it parsed.
 */
void		 api_handle(struct req *r, struct resp *w, void *ctx);

/*
 * Authenticate the bearer token of r, if any, filling r->user_id,
 * r->is_admin and r->session_id (authn.c). Returns 0 when there is no
 * token or it is valid; otherwise the error response is written to w and
 * its status (401, 503) is returned.
 */
int		 api_authenticate(struct req *r, struct resp *w);

/*
 * The checked value of the declared input a (lib/args.def), or NULL when
 * the route does not declare it (logged; with debug_routes the worker
 * aborts, so that the tests catch it).
 */
const struct in_value *req_in(const struct req *r, enum arg a);

/* A declared input's value when present, else def. */
long long	 req_int(const struct req *r, enum arg a, long long def);
double		 req_num(const struct req *r, enum arg a, double def);
const char	*req_str(const struct req *r, enum arg a);	/* NULL when absent */
int		 req_has(const struct req *r, enum arg a);	/* present (null included) */

/*
 * The shared versions (lib/board.c) and user uid's own version (0: none),
 * read at most once a request into r->versions: from the pool's board, or,
 * with user_versions = database and a user, from the database in one
 * statement. Returns DB_OK or a db_rc error.
 */
int		 req_versions_of(struct req *r, long long uid);

/* req_versions_of(r, r->user_id). */
int		 req_versions(struct req *r);

/*
 * Answer r (a GET of a ROUTE_CACHE route) as for an anonymous caller: from
 * this worker's memory while the catalog version it was made under holds,
 * else by the route's handler with r->user_id 0, then remembered. A handler
 * that adds a caller's own fields starts from this. Returns the status.
 */
int		 api_anonymous(struct req *r, struct resp *w);

/* The first {id} of the path. */
#define req_id(r)	((r)->ids[0])

/*
 * Answer a db_rc error: 503 (with Retry-After) when the store is
 * unavailable, 409 for a duplicate, 404 for DB_ERR_NOTFOUND, else 500.
 * Returns the status.
 */
int		 resp_db(struct resp *w, int db_rc);

/*
 * Answer the rows of a list statement (db_rc from its db_exec, res its
 * rows) as {results: [...]}, each row made an object by row(res, arg);
 * res is freed. A db_rc error, or a row that cannot be made (NULL), is
 * answered by resp_db, with nothing of the list. Returns the status.
 */
int		 resp_rows(struct resp *w, int db_rc, struct db_res *res,
		    cJSON *(*row)(struct db_res *res, const void *arg), const void *arg);

#endif
