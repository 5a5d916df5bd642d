/* api.c: the dispatcher: route, check inputs, authenticate, run the handler, cache, log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "api.h"
#include "config.h"
#include "log.h"
#include "metrics.h"
#include "rcache.h"
#include "replica.h"
#include "shcache.h"

#define RCACHE_MAX_BODY	(256 * 1024)	/* larger answers are not kept */

/* This worker's anonymous catalog answers (made at the first use; see rcache.h). */
static struct rcache	*answers;
static int		 answers_made;

/*
 * The value of input name of r's route. A name the route's input table
 * does not declare is a bug of the handler (a typo would silently give the
 * default): it is logged, and on a stack with debug_routes (the tests') the
 * worker aborts, so that the test of that route fails.
 */
const struct in_value *
req_in(const struct req *r, enum arg a)
{
	size_t	 i;

	if (r->route == NULL)
		return NULL;
	for (i = 0; r->route->inputs != NULL && i < INPUT_MAX &&
	    r->route->inputs[i].arg != ARG_NONE; i++)
		if (r->route->inputs[i].arg == a)
			return &r->in[i];
	log_error("req_in: %s %s declares no input \"%s\"", r->route->method, r->route->pattern,
	    arg_name(a));
	if (config.debug_routes)
		abort();
	return NULL;
}

long long
req_int(const struct req *r, enum arg a, long long def)
{
	const struct in_value	*v = req_in(r, a);

	return v && v->present && !v->is_null ? v->i : def;
}

double
req_num(const struct req *r, enum arg a, double def)
{
	const struct in_value	*v = req_in(r, a);

	return v && v->present && !v->is_null ? v->n : def;
}

const char *
req_str(const struct req *r, enum arg a)
{
	const struct in_value	*v = req_in(r, a);

	return v && v->present && !v->is_null ? v->s : NULL;
}

int
req_has(const struct req *r, enum arg a)
{
	const struct in_value	*v = req_in(r, a);

	return v && v->present;
}

int
req_versions_of(struct req *r, long long uid)
{
	int	 rc;

	if (r->versions_read && (uid == 0 || r->versions_uid == uid))
		return DB_OK;
	if (uid != 0 && config_user_versions_database()) {
		/* Fresh from the database: what this user wrote through any host shows. */
		if ((rc = board_get_user(r->db, uid, &r->versions)) != DB_OK)
			return rc;
	} else {
		if (!r->versions_read &&
		    (rc = board_get(r->db, config.version_check_ms, &r->versions)) != DB_OK)
			return rc;
		r->versions.user = uid != 0 ? board_user(uid) : 0;
	}
	r->versions_read = 1;
	r->versions_uid = uid;
	return DB_OK;
}

int
req_versions(struct req *r)
{
	return req_versions_of(r, r->user_id);
}

int
resp_db(struct resp *w, int rc)
{
	switch (rc) {
	case DB_ERR_UNAVAILABLE:
		return resp_error(w, 503, NULL, NULL);
	case DB_ERR_DUPLICATE:
		return resp_error(w, 409, NULL, NULL);
	case DB_ERR_NOTFOUND:
		return resp_error(w, 404, NULL, NULL);
	case DB_ERR_RETRY:
		return resp_error(w, 503, NULL, "The service is busy: try again shortly.");
	default:
		return resp_error(w, 500, NULL, NULL);
	}
}

int
resp_rows(struct resp *w, int rc, struct db_res *res,
    cJSON *(*row)(struct db_res *res, const void *arg), const void *arg)
{
	cJSON	*arr, *o;

	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((arr = cJSON_CreateArray()) == NULL)
		rc = DB_ERR_INTERNAL;
	while (rc == DB_OK && (rc = db_next(res)) == 1) {
		if ((o = row(res, arg)) == NULL)
			rc = DB_ERR_INTERNAL;
		else {
			cJSON_AddItemToArray(arr, o);
			rc = DB_OK;
		}
	}
	db_res_free(res);
	if (rc < 0) {
		cJSON_Delete(arr);
		return resp_db(w, rc);
	}
	return resp_results(w, arr);
}

/*
 * Run the route's handler as for an anonymous caller, on db, with the
 * catalog version cat (the server's own) as the one it sees.
 */
static int
anonymous_run(struct req *r, struct resp *w, struct db *db, unsigned long long cat)
{
	struct db		*primary = r->db;
	struct versions		 v = r->versions;
	long long		 uid = r->user_id, sid = r->session_id, vuid = r->versions_uid;
	int			 admin = r->is_admin, read = r->versions_read, status;

	r->user_id = 0;
	r->session_id = 0;
	r->is_admin = 0;
	r->db = db;
	if (db != primary) {
		/* Versions as the replica has them: nothing it reads mixes with the primary's. */
		r->versions.catalog = cat;
		r->versions_read = 1;
		r->versions_uid = 0;
	}
	status = r->route->handler(r, w);
	r->db = primary;
	r->versions = v;
	r->versions_read = read;
	r->versions_uid = vuid;
	r->user_id = uid;
	r->session_id = sid;
	r->is_admin = admin;
	return status;
}

int
api_anonymous(struct req *r, struct resp *w)
{
	struct db		*rdb = NULL;
	const char		*body;
	size_t			 len;
	unsigned long long	 cat = 0;
	int			 have_version = 0, status;

	if (!answers_made && !shcache_enabled()) {
		answers = rcache_new((size_t)config.catalog_cache, RCACHE_MAX_BODY);
		answers_made = 1;
	}
	/*
	 * With a replica that is up and close enough, the answer is read from
	 * it and kept under its catalog version, read from it too: a memory
	 * never holds data older than the version it is filed under.
	 */
	if (r->replica != NULL)
		rdb = replica_for_read(r->replica, r->db, config.version_check_ms,
		    config.db_replica_max_lag_ms, &cat);
	/*
	 * A caller whose versions were read already (a signed-in one: fresh from
	 * the primary with user_versions = database) never sees a catalog older
	 * than that: so an administrator reads their own edit at once.
	 */
	if (rdb != NULL && r->versions_read && cat < r->versions.catalog)
		rdb = NULL;
	if (rdb != NULL)
		have_version = 1;
	else if (req_versions(r) == DB_OK) {
		have_version = 1;
		cat = r->versions.catalog;
	}
	if (have_version && shcache_enabled()) {
		char	*copy;

		/* The host's memory (lib/shcache.c): every worker's answers. */
		if (shcache_get(r->uri, cat, &copy, &len)) {
			metrics_memory(MEM_CATALOG, 1);
			free(w->body);
			w->body = copy;
			w->body_len = len;
			w->status = 200;
			return 200;
		}
		metrics_memory(MEM_CATALOG, 0);
	} else if (answers != NULL && have_version) {
		body = rcache_get(answers, r->uri, cat, &len);
		metrics_memory(MEM_CATALOG, body != NULL);
		if (body != NULL)
			return resp_copy(w, 200, body, len);
	}
	if (rdb != NULL) {
		metrics_replica_read(1);
		status = anonymous_run(r, w, rdb, cat);
		if (status < 500)
			goto keep;
		/* The replica failed under this request: the primary answers it. */
		replica_failed(r->replica);
		{
			unsigned	 vary = w->vary;

			resp_reset(w);
			w->vary = vary;
		}
		have_version = req_versions(r) == DB_OK;
		cat = r->versions.catalog;
	}
	if (r->replica != NULL)
		metrics_replica_read(0);
	status = anonymous_run(r, w, r->db, cat);
keep:
	if (!have_version || status != 200 || w->status != 200 || w->cache != CACHE_DEFAULT ||
	    w->body == NULL)
		return status;
	if (shcache_enabled())
		shcache_put(r->uri, cat, w->body, w->body_len);
	else if (answers != NULL)
		rcache_put(answers, r->uri, cat, w->body, w->body_len);
	return status;
}

/* Whether r only reads (GET or HEAD). */
static int
is_read(const struct req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

/* Whether a Content-Type names JSON ("application/json; charset=utf-8"). */
static int
is_json_type(const char *ct)
{
	size_t	 n = strlen("application/json");

	if (ct == NULL || strncasecmp(ct, "application/json", n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/*
 * Whether the row rt is not there for this request: a test-only route with
 * debug_routes off, or a route only nginx's own locations may reach (they
 * set the FastCGI parameter STREAMIFY_INTERNAL, which no client header can:
 * headers arrive as HTTP_*).
 */
static int
route_hidden(const struct req *r, const struct route *rt)
{
	const char	*sub;

	if ((rt->flags & ROUTE_DEBUG) && !config.debug_routes)
		return 1;
	if (rt->flags & ROUTE_INTERNAL)
		return (sub = http_param(r, "STREAMIFY_INTERNAL")) == NULL ||
		    strcmp(sub, "1") != 0;
	return 0;
}

/*
 * OPTIONS of an existing path: 204 with Allow. A browser's preflight (it
 * sends Access-Control-Request-Method) also learns the methods it may use;
 * http.c adds the Access-Control-* headers when its Origin is allowed.
 */
static void
api_options(struct req *r, struct resp *w)
{
	const char	*acrm = http_param(r, "HTTP_ACCESS_CONTROL_REQUEST_METHOD");

	if (acrm != NULL)
		snprintf(w->preflight, sizeof(w->preflight), "%s", w->allow);
	resp_empty(w, 204);
}

/* Route, check and run; returns with w filled. */
static void
api_dispatch(struct req *r, struct resp *w)
{
	const struct route	*rt;
	cJSON			*fields;
	size_t			 idx;

	if (uri_api_path(r->uri, r->path, sizeof(r->path)) == -1) {
		resp_error(w, 404, NULL, NULL);
		return;
	}
	switch (route_lookup(api_routes, api_nroutes, r->method, r->path, &idx,
	    r->ids, w->allow, sizeof(w->allow))) {
	case ROUTE_NOT_FOUND:
		resp_error(w, 404, NULL, NULL);
		return;
	case ROUTE_BAD_METHOD:
		if (route_hidden(r, &api_routes[idx]))
			break;
		r->route_index = (int)idx;
		resp_error(w, 405, NULL, NULL);
		return;
	case ROUTE_OPTIONS:
		if (route_hidden(r, &api_routes[idx]))
			break;
		r->route_index = (int)idx;
		api_options(r, w);
		return;
	case ROUTE_FOUND:
		if (route_hidden(r, &api_routes[idx]))
			break;
		goto found;
	}
	w->allow[0] = '\0';
	resp_error(w, 404, NULL, NULL);
	return;
found:
	rt = &api_routes[idx];
	r->route = rt;
	r->route_index = (int)idx;
	/* The body of these depends on who asks: no shared cache may mix them up. */
	if ((rt->flags & ROUTE_PERSONAL) || rt->auth >= AUTH_REQUIRED)
		w->vary |= RESP_VARY_AUTHORIZATION;
	if (uri_query_parse(&r->query, r->query_string) == -1) {
		resp_field(w, "query", "is not a valid query string");
		return;
	}
	if ((rt->flags & ROUTE_BODY) && r->body_len > 0) {
		if (!is_json_type(r->content_type)) {
			resp_error(w, 415, NULL, NULL);
			return;
		}
		if ((r->json = input_parse_body(r->body, r->body_len)) == NULL) {
			resp_field(w, "body", "must be a JSON object");
			return;
		}
	}
	if ((fields = input_check(rt->inputs, &r->query, r->json, r->in)) != NULL) {
		resp_fields(w, fields);
		return;
	}
	if ((rt->flags & ROUTE_CACHE) && r->authorization == NULL && is_read(r)) {
		(void)api_anonymous(r, w);
		return;
	}
	if (rt->auth != AUTH_NONE || r->authorization != NULL) {
		if (rt->auth == AUTH_NONE)
			;	/* a token is not looked at where none is needed */
		else if (api_authenticate(r, w) != 0)
			return;
		else if (rt->auth >= AUTH_REQUIRED && r->user_id == 0) {
			w->www_error = "";
			resp_error(w, 401, NULL, "Log in to do this.");
			return;
		} else if (rt->auth == AUTH_ADMIN && !r->is_admin) {
			resp_error(w, 403, NULL, "This needs an administrator.");
			return;
		}
	}
	/* The same public answer for every caller: the token only made it private. */
	if ((rt->flags & (ROUTE_CACHE | ROUTE_PERSONAL)) == ROUTE_CACHE && is_read(r)) {
		(void)api_anonymous(r, w);
		return;
	}
	(void)rt->handler(r, w);
	/* A login ended or the catalog changed: no worker of the pool answers from before. */
	if ((rt->flags & ROUTE_TOUCH) && w->status >= 200 && w->status < 300)
		board_touch();
	/*
	 * Whatever a caller's write changed of their own data, every worker's
	 * memory of that user (cgi-bin/viewer.c) stops being trusted now,
	 * before the answer leaves: this pool's through its board and, when
	 * pools on other hosts serve the same users, every pool's through the
	 * user's version in the database.
	 */
	if (r->user_id != 0 && !is_read(r)) {
		board_user_touch(r->user_id);
		if (config_user_versions_database() &&
		    board_user_raise(r->db, r->user_id) != DB_OK)
			log_warn("api_dispatch: the user's version is not raised: other hosts "
			    "may answer from what they remembered for up to a minute");
	}
}

void
api_handle(struct req *r, struct resp *w, void *ctx)
{
	const struct api_conn	*c = ctx;

	r->db = c->db;
	r->replica = c->replica;
	api_dispatch(r, w);
	/* Caching: per-user answers are private, public catalog GETs get an ETag. */
	if (w->cache == CACHE_DEFAULT) {
		if (r->user_id != 0)
			w->cache = CACHE_PRIVATE;
		else if (r->route && (r->route->flags & ROUTE_CACHE) && w->status == 200) {
			w->cache = CACHE_PUBLIC;
			w->max_age = (int)config.cache_max_age;
		} else
			w->cache = CACHE_NONE;
	}
	if (w->cache == CACHE_PUBLIC && w->status == 200 && w->body != NULL) {
		resp_set_etag(w);
		if (resp_etag_match(r->if_none_match, w->etag))
			resp_empty(w, 304);
	}
	log_request(r->rid, r->method, r->route ? r->route->pattern : "-", w->status,
	    clock_us() - r->start_us, r->user_id, db_thread_id(r->db));
	cJSON_Delete(r->json);
	r->json = NULL;
	uri_query_free(&r->query);
}
