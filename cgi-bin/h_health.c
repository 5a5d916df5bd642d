/* h_health.c: GET /health, GET /metrics, and the test-only /debug routes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "addr.h"
#include "api.h"
#include "config.h"
#include "handlers.h"
#include "metrics.h"
#include "replica.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

const struct input h_health_in[] = { { ARG_NONE } };

/*
 * GET /health: whether the worker reaches the database, which
 * recommendation generation is active, and, with db_replicas, the state of
 * the worker's replica ("ok", "lagging", "down") and its lag. Answers 200, or 503 (with
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
	long long	 now = clock_us();
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
	/* This worker's read replica, when there are any (lib/replica.h). */
	if (r->replica != NULL) {
		const char		*where, *state;
		long long		 lag;
		unsigned long long	 cat;
		cJSON			*rep = cJSON_AddObjectToObject(data, "replica");

		/* Checked now unless it was within version_check_ms. */
		(void)replica_for_read(r->replica, r->db, config.version_check_ms,
		    config.db_replica_max_lag_ms, &cat);
		replica_status(r->replica, &where, &state, &lag);
		cJSON_AddStringToObject(rep, "server", where);
		cJSON_AddStringToObject(rep, "state", state);
		json_num(rep, "lag_ms", (double)lag, lag < 0);
	}
	cJSON_AddStringToObject(data, "version", PACKAGE_VERSION);
	if (resp_data(w, 200, data) == 200 && (cached = strdup(w->body)) != NULL)
		cached_us = now;
	return w->status;
}

/* Append to the exposition; on failure the handler answers 500. */
#define P(...)	do { if (metrics_printf(&buf, &len, &cap, __VA_ARGS__) == -1) goto oom; } while (0)

/*
 * The part of /metrics the database knows: the batch jobs' and imports'
 * last runs, the active recommendation generation and its age, the
 * payments of the last hour by status. Without the database (up is 0)
 * it adds streamify_database_up 0 and nothing else.
 */
static int
metrics_database(struct req *r, int up, char **bufp, size_t *lenp, size_t *capp)
{
	/* name, type, help of each job family; its value is column k / 3 + 1 of STMT_METRICS_JOBS. */
	static const char *const jobs[] = {
		"streamify_job_last_start_timestamp_seconds", "gauge",
		"When the job's last run started (seconds since the epoch).",
		"streamify_job_last_end_timestamp_seconds", "gauge",
		"When the job's last finished run ended.",
		"streamify_job_last_success_timestamp_seconds", "gauge",
		"When the job's last successful run ended.",
		"streamify_job_last_ok", "gauge",
		"Whether the job's last finished run succeeded (1) or failed (0).",
		"streamify_job_last_duration_seconds", "gauge",
		"How long the job's last finished run took.",
		"streamify_job_runs_total", "counter", "Runs of the job started.",
		"streamify_job_failures_total", "counter", "Runs of the job that failed.",
	};
	static const char *const status[4] = { "pending", "succeeded", "declined", "failed" };
	char		*buf = *bufp, job[80];
	size_t		 len = *lenp, cap = *capp;
	struct db_res	*res = NULL;
	long long	 count[4] = { 0, 0, 0, 0 };
	int		 k, col, ret = 0;

	P("# HELP streamify_database_up Whether the answering worker reaches the database.\n"
	    "# TYPE streamify_database_up gauge\nstreamify_database_up %d\n", up);
	if (!up)
		goto out;
	if (db_exec(r->db, STMT_METRICS_GENERATION, &res, "") == DB_OK) {
		P("# HELP streamify_recommendations_generation The active generation of similar-movie lists (0: none).\n"
		    "# TYPE streamify_recommendations_generation gauge\n");
		if (db_next(res) == 1) {
			P("streamify_recommendations_generation %lld\n", db_int(res, 0));
			if (!db_isnull(res, 1))
				P("# HELP streamify_recommendations_age_seconds Seconds since the active generation was computed.\n"
				    "# TYPE streamify_recommendations_age_seconds gauge\n"
				    "streamify_recommendations_age_seconds %lld\n",
				    db_int(res, 2) - db_int(res, 1));
		} else
			P("streamify_recommendations_generation 0\n");
		db_res_free(res);
		res = NULL;
	}
	for (k = 0; k < (int)(sizeof(jobs) / sizeof(jobs[0])); k += 3) {
		P("# HELP %s %s Label job: similar, renew, notify, purge, import_movielens, ...\n"
		    "# TYPE %s %s\n", jobs[k], jobs[k + 2], jobs[k], jobs[k + 1]);
		if (db_exec(r->db, STMT_METRICS_JOBS, &res, "") != DB_OK)
			goto out;
		col = k / 3 + 1;
		while (db_next(res) == 1) {
			snprintf(job, sizeof(job), "%s", db_str(res, 0) ? db_str(res, 0) : "");
			/* Names come from our binaries; anything else stays out of a label. */
			if (job[0] == '\0' || strspn(job, "abcdefghijklmnopqrstuvwxyz_0123456789") !=
			    strlen(job) || db_isnull(res, col))
				continue;
			P("%s{job=\"%s\"} %.17g\n", jobs[k], job, db_double(res, col));
		}
		db_res_free(res);
		res = NULL;
	}
	if (db_exec(r->db, STMT_METRICS_PAYMENTS, &res, "") == DB_OK) {
		while (db_next(res) == 1)
			for (k = 0; k < 4; k++)
				if (db_str(res, 0) != NULL && strcmp(db_str(res, 0), status[k]) == 0)
					count[k] = db_int(res, 1);
		db_res_free(res);
		res = NULL;
		P("# HELP streamify_payments_last_hour Payments created in the last hour, by status (renewals included).\n"
		    "# TYPE streamify_payments_last_hour gauge\n");
		for (k = 0; k < 4; k++)
			P("streamify_payments_last_hour{status=\"%s\"} %lld\n", status[k], count[k]);
	}
	goto out;
oom:
	ret = -1;
out:
	db_res_free(res);
	*bufp = buf;
	*lenp = len;
	*capp = cap;
	return ret;
}

const struct input h_metrics_in[] = { { ARG_NONE } };

/*
 * GET /metrics (ROUTE_INTERNAL: only through nginx's /metrics location,
 * which serves the addresses of metrics_allow alone): the pool's counters
 * from shared memory (lib/metrics.c), so whichever worker answers tells the
 * whole pool's, and what the database knows (metrics_database), in
 * Prometheus' text exposition format. Answers 200; 403 when the client's
 * address is outside metrics_allow (checked here too); 404 when the
 * setting metrics is 0; 500 when out of memory.
 */
int
h_metrics(struct req *r, struct resp *w)
{
	static const char	*patterns[METRICS_MAX_ROUTES];
	char			*buf = NULL;
	size_t			 len = 0, cap = 0, i;
	int			 up;

	w->cache = CACHE_NONE;
	if (!addr_allowed(config.metrics_allow, r->remote_addr))
		return resp_error(w, 403, NULL, "Metrics are for the monitoring hosts only.");
	if (!metrics_enabled())
		return resp_error(w, 404, NULL, "Metrics are off (setting metrics = 0).");
	/* First: a reconnect this makes is in the counters below. */
	up = db_exec(r->db, STMT_PING, NULL, "") == DB_OK;
	for (i = 0; i < api_nroutes && i < METRICS_MAX_ROUTES; i++)
		patterns[i] = api_routes[i].pattern;
	P("# HELP streamify_build_info The running version.\n# TYPE streamify_build_info gauge\n"
	    "streamify_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);
	if (metrics_render(&buf, &len, &cap, patterns, i) == -1 ||
	    metrics_database(r, up, &buf, &len, &cap) == -1)
		goto oom;
	free(w->body);
	w->body = buf;
	w->body_len = len;
	w->status = 200;
	w->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return 200;
oom:
	free(buf);
	return resp_error(w, 500, NULL, NULL);
}

#undef P

const struct input h_debug_sleep_in[] = {
	{ ARG_MS, IN_QUERY, IN_INT, IN_REQUIRED, 0, 10000 },
	{ ARG_NONE }
};

/* GET /debug/sleep?ms=N (debug_routes only): answers 200 after N ms, for drain tests. */
int
h_debug_sleep(struct req *r, struct resp *w)
{
	long long	 ms = req_int(r, ARG_MS, 0);
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };
	cJSON		*data = cJSON_CreateObject();

	while (nanosleep(&ts, &ts) == -1)
		;
	cJSON_AddNumberToObject(data, "slept_ms", (double)ms);
	return resp_data(w, 200, data);
}

const struct input h_debug_echo_in[] = {
	{ ARG_NAME, IN_BODY, IN_STR, IN_REQUIRED, 1, 50 },
	{ ARG_COUNT, IN_BODY, IN_INT, 0, 1, 100 },
	{ ARG_RATIO, IN_BODY, IN_NUM, 0, 0, 1 },
	{ ARG_FLAG, IN_BODY, IN_BOOL, 0, 0, 0 },
	{ ARG_PAGE, IN_QUERY, IN_INT, 0, 1, 1000 },
	{ ARG_NONE }
};

/* POST /debug/echo (debug_routes only): echoes the checked inputs, for validation tests. */
int
h_debug_echo(struct req *r, struct resp *w)
{
	cJSON	*data = cJSON_CreateObject();

	cJSON_AddStringToObject(data, "name", req_str(r, ARG_NAME));
	json_num(data, "count", (double)req_int(r, ARG_COUNT, 0), !req_has(r, ARG_COUNT));
	json_num(data, "ratio", req_num(r, ARG_RATIO, 0), !req_has(r, ARG_RATIO));
	if (req_has(r, ARG_FLAG))
		json_bool(data, "flag", (int)req_int(r, ARG_FLAG, 0));
	json_num(data, "page", (double)req_int(r, ARG_PAGE, 1), 0);
	return resp_data(w, 200, data);
}
