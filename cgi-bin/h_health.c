/* h_health.c: GET /health, and the test-only /debug routes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "handlers.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

const struct input h_health_in[] = { { NULL } };

/*
 * GET /health: whether the worker reaches the database, and which
 * recommendation generation is active. Answers 200, or 503 (with
 * Retry-After) when the database is unreachable. A healthy answer is
 * reused for health_cache_ms (500 ms), so a load balancer polling hard
 * costs the database nothing; an unhealthy one is never reused.
 */
int
h_health(struct req *r, struct resp *w)
{
	static char	*cached;	/* this worker's last healthy body */
	static long long cached_us;
	struct db_res	*res = NULL;
	cJSON		*data, *recs;
	long long	 now = http_now_us();
	int		 rc;

	if (cached != NULL && now - cached_us < config.health_cache_ms * 1000) {
		free(w->body);
		if ((w->body = strdup(cached)) == NULL)
			return resp_error(w, 500, NULL, NULL);
		w->body_len = strlen(w->body);
		w->status = 200;
		return 200;
	}
	free(cached);
	cached = NULL;
	if ((rc = db_exec(r->db, STMT_PING, NULL, "")) != DB_OK)
		return resp_error(w, 503, "unavailable", "The database is unreachable.");
	if ((data = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddStringToObject(data, "status", "ok");
	cJSON_AddStringToObject(data, "database", "ok");
	recs = cJSON_AddObjectToObject(data, "recommendations");
	if ((rc = db_exec(r->db, STMT_REC_ACTIVE, &res, "")) == DB_OK && db_next(res) == 1) {
		cJSON_AddNumberToObject(recs, "generation", (double)db_int(res, 0));
		json_str(recs, "computed_at", db_str(res, 1));
	} else {
		cJSON_AddNullToObject(recs, "generation");
		cJSON_AddNullToObject(recs, "computed_at");
	}
	db_res_free(res);
	cJSON_AddStringToObject(data, "version", PACKAGE_VERSION);
	if (resp_data(w, 200, data) == 200 && (cached = strdup(w->body)) != NULL)
		cached_us = now;
	return w->status;
}

const struct input h_debug_sleep_in[] = {
	{ "ms", IN_QUERY, IN_INT, IN_REQUIRED, 0, 10000 },
	{ NULL }
};

/* GET /debug/sleep?ms=N (debug_routes only): answers 200 after N ms, for drain tests. */
int
h_debug_sleep(struct req *r, struct resp *w)
{
	long long	 ms = req_int(r, "ms", 0);
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };
	cJSON		*data = cJSON_CreateObject();

	while (nanosleep(&ts, &ts) == -1)
		;
	cJSON_AddNumberToObject(data, "slept_ms", (double)ms);
	return resp_data(w, 200, data);
}

const struct input h_debug_echo_in[] = {
	{ "name", IN_BODY, IN_STR, IN_REQUIRED, 1, 50 },
	{ "count", IN_BODY, IN_INT, 0, 1, 100 },
	{ "ratio", IN_BODY, IN_NUM, 0, 0, 1 },
	{ "flag", IN_BODY, IN_BOOL, 0, 0, 0 },
	{ "page", IN_QUERY, IN_INT, 0, 1, 1000 },
	{ NULL }
};

/* POST /debug/echo (debug_routes only): echoes the checked inputs, for validation tests. */
int
h_debug_echo(struct req *r, struct resp *w)
{
	cJSON	*data = cJSON_CreateObject();

	cJSON_AddStringToObject(data, "name", req_str(r, "name"));
	json_num(data, "count", (double)req_int(r, "count", 0), !req_has(r, "count"));
	json_num(data, "ratio", req_num(r, "ratio", 0), !req_has(r, "ratio"));
	if (req_has(r, "flag"))
		json_bool(data, "flag", (int)req_int(r, "flag", 0));
	json_num(data, "page", (double)req_int(r, "page", 1), 0);
	return resp_data(w, 200, data);
}
