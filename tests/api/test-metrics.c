/* test-metrics.c: /metrics counts exactly what happened, for the whole pool, for the allowed only. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "accounts.h"
#include "client.h"
#include "procs.h"
#include "tap.h"

/* A scrape of /metrics: its text, or NULL. Freed by the caller. */
static char *
scrape(void)
{
	struct api_resp	*r = api_get("/metrics", NULL);
	char		*text = NULL, h[128];

	if (r->status == 200 && api_header(r, "Content-Type", h, sizeof(h)) &&
	    strncmp(h, "text/plain; version=0.0.4", 25) == 0)
		text = strdup(r->body);
	else
		diag("scrape: %ld %s", r->status, r->body);
	api_free(r);
	return text;
}

/*
 * The value of one series, written exactly as the exposition writes it
 * ("name{label=\"v\",...}" or "name"); 0 when it is not there (a counter
 * that never moved), -1 without a scrape.
 */
static double
value(const char *text, const char *series)
{
	const char	*p = text;
	size_t		 n = strlen(series);

	if (text == NULL)
		return -1;
	while ((p = strstr(p, series)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[n] == ' ')
			return strtod(p + n + 1, NULL);
		p += n;
	}
	return 0;
}

static double
delta(const char *before, const char *after, const char *series)
{
	return value(after, series) - value(before, series);
}

#define REQ(route, method, cls) \
	"streamify_http_requests_total{route=\"" route "\",method=\"" method "\",status=\"" cls "\"}"

/* promtool's own check of the exposition format and naming (Debian's prometheus). */
static void
promtool_check(const char *text)
{
	char	 path[] = "/tmp/streamify-metrics.XXXXXX", cmd[256], out[4096];
	FILE	*f, *p;
	size_t	 n;
	int	 fd, rc;

	if (system("command -v promtool >/dev/null 2>&1") != 0) {
		ok(0, "promtool is installed (./dev test installs Debian's prometheus)");
		return;
	}
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		ok(0, "temporary file for promtool");
		return;
	}
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "promtool check metrics < %s 2>&1", path);
	p = popen(cmd, "r");
	n = p ? fread(out, 1, sizeof(out) - 1, p) : 0;
	out[n] = '\0';
	rc = p ? pclose(p) : -1;
	unlink(path);
	ok(rc == 0 && n == 0, "promtool check metrics: no problem found");
	if (n > 0)
		diag("%s", out);
}

static void
test_refused_outside_allow_list(void)
{
	const char	*paths[] = { "/metrics", "/nginx_status" };
	char		 url[512];
	long		 status;
	size_t		 i;
	CURL		*c = curl_easy_init();

	/* Loopback takes any 127.x source address; metrics_allow is 127.0.0.1 here. */
	for (i = 0; i < 2; i++) {
		snprintf(url, sizeof(url), "%s%s", api_base(), paths[i]);
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_INTERFACE, "127.0.0.2");
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
		status = 0;
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		is_int(status, 403, "%s from 127.0.0.2 (outside metrics_allow): 403", paths[i]);
	}
	curl_easy_cleanup(c);
	{
		struct api_resp	*r = api_get("/api/metrics", NULL);

		is_error(r, 404, "not_found", "/api/metrics is no API route");
		api_free(r);
		r = api_get("/nginx_status", NULL);
		is_int(r->status, 200, "/nginx_status from 127.0.0.1: 200");
		ok(strstr(r->body, "Active connections:") != NULL, "/nginx_status is nginx's stub_status");
		api_free(r);
	}
}

static void
test_counts(void)
{
	char		*a, *b;
	struct api_resp	*r;
	int		 i;

	a = scrape();
	ok(a != NULL, "/metrics from 127.0.0.1: 200 in the text format");
	if (a == NULL)
		return;
	for (i = 0; i < 3; i++)
		api_free(api_get("/api/movies/1", NULL));
	api_free(api_get("/api/no/such/thing", NULL));
	api_free(api_get("/api/movies?page=0", NULL));
	api_free(api_req("HEAD", "/api/genres", NULL, NULL, NULL));
	api_free(api_send("DELETE", "/api/health", NULL, NULL));
	b = scrape();
	is_num(delta(a, b, REQ("/movies/{id}", "GET", "2xx")), 3, 0, "three details: +3 2xx");
	is_num(delta(a, b, REQ("unmatched", "GET", "4xx")), 1, 0, "a path no route has: +1 unmatched 4xx");
	is_num(delta(a, b, REQ("/movies", "GET", "4xx")), 1, 0, "a bad page number: +1 /movies 4xx");
	is_num(delta(a, b, REQ("/genres", "HEAD", "2xx")), 1, 0, "HEAD /genres: counted as HEAD");
	is_num(delta(a, b, REQ("/health", "DELETE", "4xx")), 1, 0, "a 405: counted under its route");
	is_num(delta(a, b, "streamify_http_request_duration_seconds_count{route=\"/movies/{id}\"}"),
	    3, 0, "the duration histogram of /movies/{id}: +3");
	ok(value(b, "streamify_http_request_duration_seconds_bucket{route=\"/movies/{id}\",le=\"+Inf\"}") ==
	    value(b, "streamify_http_request_duration_seconds_count{route=\"/movies/{id}\"}"),
	    "the +Inf bucket is the count");
	ok(delta(a, b, "streamify_memory_lookups_total{memory=\"catalog\"}") >= 3,
	    "catalog memory: the details looked it up");
	ok(delta(a, b, "streamify_memory_hits_total{memory=\"catalog\"}") >= 1,
	    "catalog memory: a repeated detail hit it");
	is_num(value(b, "streamify_workers_alive"), value(b, "streamify_workers_configured"), 0,
	    "every configured worker is alive");
	ok(value(b, "streamify_requests_in_flight") >= 1, "the scrape itself is in flight");
	ok(value(b, "streamify_database_up") == 1, "the database is up");
	ok(value(b, "streamify_recommendations_generation") >= 1, "a generation is active");
	ok(value(b, "streamify_job_last_ok{job=\"similar\"}") == 1,
	    "the similar batch's last run is recorded as a success");
	ok(value(b, "streamify_job_last_ok{job=\"import_movielens\"}") == 1,
	    "the MovieLens import's last run is recorded");
	ok(strstr(b, "process_resident_memory_bytes{slot=\"master\"}") != NULL &&
	    strstr(b, "process_resident_memory_bytes{slot=\"0\"}") != NULL,
	    "process metrics of the master and the workers");
	promtool_check(b);
	free(a);
	free(b);

	/* Logins: a registration (no login event), one good login, one wrong password. */
	{
		char	 name[64], email[96];

		snprintf(name, sizeof(name), "mtr%s", api_unique());
		snprintf(email, sizeof(email), "%s@example.com", name);
		r = reg(name, email, PW);
		is_int(r->status, 201, "a user to log in with");
		api_free(r);
		a = scrape();
		api_free(login(name, PW));
		api_free(login(name, "wrong password 9"));
		b = scrape();
	}
	is_num(delta(a, b, "streamify_auth_events_total{event=\"login_succeeded\"}"), 1, 0,
	    "a login: +1 login_succeeded");
	is_num(delta(a, b, "streamify_auth_events_total{event=\"login_failed\"}"), 1, 0,
	    "a wrong password: +1 login_failed");
	free(a);
	free(b);
}

/* A worker SIGKILLed: re-forked, counted, and nothing the pool counted is lost. */
static void
test_worker_killed(void)
{
	pid_t	 master = master_pid(), kids[64];
	char	*a, *b = NULL;
	int	 n, i;

	if (master <= 0 || (n = children_of(master, kids, 64)) < 1) {
		skip(4, "no worker pids");
		return;
	}
	a = scrape();
	ok(kill(kids[0], SIGKILL) == 0, "SIGKILL to a worker");
	for (i = 0; i < 50; i++) {
		usleep(100000);
		free(b);
		b = scrape();
		if (value(b, "streamify_worker_restarts_total") > value(a, "streamify_worker_restarts_total") &&
		    value(b, "streamify_workers_alive") == value(b, "streamify_workers_configured"))
			break;
	}
	is_num(delta(a, b, "streamify_worker_restarts_total"), 1, 0, "+1 worker restart");
	is_num(value(b, "streamify_workers_alive"), value(b, "streamify_workers_configured"), 0,
	    "the pool is whole again");
	ok(value(b, REQ("/movies/{id}", "GET", "2xx")) >= value(a, REQ("/movies/{id}", "GET", "2xx")),
	    "no count was lost with the worker");
	free(a);
	free(b);
}

/* The database stopped: a 503 and an unavailable error counted; back: a reconnect. */
static void
test_database_down(void)
{
	const char	*stop = getenv("STREAMIFY_TEST_DB_STOP");
	const char	*start = getenv("STREAMIFY_TEST_DB_START");
	struct api_resp	*r;
	char		*a, *b;
	int		 i, got503 = 0;

	if (stop == NULL || start == NULL) {
		skip(5, "no database control from ./dev test");
		return;
	}
	a = scrape();
	if (system(stop) != 0)
		bail("could not stop the database");
	/* An uncached detail needs the database (a big id no fixture has). */
	for (i = 0; i < 20 && !got503; i++) {
		r = api_get("/api/movies/987654321", NULL);
		got503 = r->status == 503;
		api_free(r);
		if (!got503)
			usleep(100000);
	}
	ok(got503, "a detail with the database stopped: 503");
	b = scrape();
	ok(value(b, "streamify_database_up") == 0, "streamify_database_up 0 while it is down");
	ok(delta(a, b, REQ("/movies/{id}", "GET", "5xx")) >= 1, "the 503 is counted as 5xx");
	ok(delta(a, b, "streamify_db_errors_total{class=\"unavailable\"}") >= 1,
	    "the lost connection is counted as unavailable");
	free(b);
	if (system(start) != 0)
		bail("could not start the database");
	for (i = 0, b = NULL; i < 50; i++) {
		free(b);
		b = scrape();
		if (value(b, "streamify_database_up") == 1)
			break;
		usleep(100000);
	}
	ok(delta(a, b, "streamify_db_reconnects_total") >= 1, "the reconnect is counted");
	free(a);
	free(b);
}

int
main(void)
{
	api_init();
	test_refused_outside_allow_list();
	test_counts();
	test_worker_killed();
	test_database_down();
	return done_testing();
}
