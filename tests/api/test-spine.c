/* test-spine.c: the envelope, routing, errors, limits and the worker pool, over real HTTP. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "procs.h"
#include "tap.h"

static void
test_health(void)
{
	struct api_resp	*r;
	char		 h[256];

	r = api_get("/api/health", NULL);
	is_int(r->status, 200, "health answers 200");
	ok(cJSON_IsTrue(jget(r->json, "success")), "health: success is true");
	is_str(jstr(r->json, "data.status"), "ok", "health: data.status");
	is_str(jstr(r->json, "data.database"), "ok", "health: data.database");
	ok(jstr(r->json, "data.version") != NULL, "health: data.version is a string");
	ok(jget(r->json, "data.recommendations.generation") != NULL,
	    "health: data.recommendations.generation is there");
	ok(api_header(r, "X-Request-Id", h, sizeof(h)) && strlen(h) >= 8,
	    "a request id is made when none is sent");
	is_str(api_header(r, "Content-Type", h, sizeof(h)), "application/json; charset=utf-8",
	    "JSON content type");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "no-store", "health is not cached");
	api_free(r);

	r = api_get("/api/v1/health", NULL);
	is_int(r->status, 200, "/api/v1/health reaches the same handler");
	is_str(jstr(r->json, "data.status"), "ok", "/api/v1/health: data.status");
	api_free(r);

	{
		const char	*hdr[] = { "X-Request-Id: test-rid.123", NULL };

		r = api_req("GET", "/api/health", NULL, NULL, hdr);
		is_str(api_header(r, "X-Request-Id", h, sizeof(h)), "test-rid.123",
		    "a sane X-Request-Id is echoed");
		api_free(r);
	}
	{
		const char	*hdr[] = { "X-Request-Id: bad id with spaces", NULL };

		r = api_req("GET", "/api/health", NULL, NULL, hdr);
		ok(api_header(r, "X-Request-Id", h, sizeof(h)) &&
		    strcmp(h, "bad id with spaces") != 0, "an insane X-Request-Id is replaced");
		api_free(r);
	}
	r = api_req("HEAD", "/api/health", NULL, NULL, NULL);
	is_int(r->status, 200, "HEAD answers like GET");
	is_int((long long)r->len, 0, "HEAD has no body");
	api_free(r);
}

static void
test_routing(void)
{
	struct api_resp	*r;
	char		 h[256];

	r = api_get("/api/no/such/thing", NULL);
	is_error(r, 404, "not_found", "unknown path");
	api_free(r);
	r = api_get("/api/movies/abc", NULL);
	is_error(r, 404, "not_found", "non-numeric id");
	api_free(r);
	r = api_get("/api/movies/0", NULL);
	is_error(r, 404, "not_found", "zero id");
	api_free(r);
	r = api_get("/api/health/../profile", NULL);
	ok(r->status == 404 || r->status == 400 || r->status == 401,
	    "dot segments do not reach another route (%ld)", r->status);
	api_free(r);
	r = api_send("DELETE", "/api/health", NULL, NULL);
	is_error(r, 405, "method_not_allowed", "wrong method");
	is_str(api_header(r, "Allow", h, sizeof(h)), "GET, HEAD, OPTIONS", "405 carries Allow");
	api_free(r);
	r = api_send("PUT", "/api/v1/watchlist/5", NULL, NULL);
	is_error(r, 405, "method_not_allowed", "wrong method under /api/v1");
	is_str(api_header(r, "Allow", h, sizeof(h)), "POST, DELETE, OPTIONS",
	    "Allow lists both methods and OPTIONS");
	api_free(r);
}

static void
test_bodies(void)
{
	struct api_resp	*r;
	const char	*text[] = { "Content-Type: text/plain", NULL };
	char		*big;

	r = api_req("POST", "/api/debug/echo", NULL, "{\"name\":\"x\"}", text);
	is_error(r, 415, "unsupported_media_type", "non-JSON content type");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "{\"name\": \"x\",");
	is_error(r, 400, "bad_request", "malformed JSON");
	ok(jstr(r->json, "fields.body") != NULL, "malformed JSON names the body in fields");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "[1,2]");
	is_error(r, 400, "bad_request", "a JSON array is not an object");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL,
	    "{\"name\":7,\"count\":\"3\",\"ratio\":2,\"flag\":\"yes\"}");
	is_error(r, 400, "bad_request", "wrong types");
	is_str(jstr(r->json, "fields.name"), "must be a string", "fields.name");
	is_str(jstr(r->json, "fields.count"), "must be an integer", "fields.count");
	ok(jstr(r->json, "fields.ratio") != NULL, "fields.ratio (out of range)");
	is_str(jstr(r->json, "fields.flag"), "must be true or false", "fields.flag");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "{}");
	is_error(r, 400, "bad_request", "missing required field");
	is_str(jstr(r->json, "fields.name"), "is required", "fields.name is required");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "");
	is_error(r, 400, "bad_request", "empty body with a required field");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "{\"name\":\"L\\u00e9on\",\"count\":3,"
	    "\"unknown\":{\"x\":1}}");
	is_int(r->status, 200, "valid body with an unknown field");
	is_str(jstr(r->json, "data.name"), "L\xc3\xa9on", "escaped UTF-8 survives");
	is_num(jnum(r->json, "data.count"), 3, 0, "count echoed");
	api_free(r);
	r = api_send("POST", "/api/debug/echo", NULL, "{\"name\":\"\xc3\x28\"}");
	is_error(r, 400, "bad_request", "invalid UTF-8 in the body");
	api_free(r);

	big = malloc(70 * 1024 + 64);
	memset(big, 'a', 70 * 1024 + 63);
	memcpy(big, "{\"name\":\"", 9);
	strcpy(big + 70 * 1024 + 60, "\"}");
	r = api_send("POST", "/api/debug/echo", NULL, big);
	is_error(r, 413, "payload_too_large", "a body over 64 KiB");
	api_free(r);
	free(big);
}

static void
test_query(void)
{
	struct api_resp	*r;

	r = api_send("POST", "/api/debug/echo?page=abc", NULL, "{\"name\":\"x\"}");
	is_error(r, 400, "bad_request", "a non-numeric query number");
	ok(jstr(r->json, "fields.page") != NULL, "fields names the query parameter");
	api_free(r);
	r = api_send("POST", "/api/debug/echo?page=", NULL, "{\"name\":\"x\"}");
	is_error(r, 400, "bad_request", "an empty query number");
	api_free(r);
	r = api_send("POST", "/api/debug/echo?page=1001", NULL, "{\"name\":\"x\"}");
	is_error(r, 400, "bad_request", "an out-of-range query number");
	api_free(r);
	r = api_send("POST", "/api/debug/echo?page=%zz", NULL, "{\"name\":\"x\"}");
	is_error(r, 400, "bad_request", "a bad percent escape");
	api_free(r);
	r = api_send("POST", "/api/debug/echo?page=7", NULL, "{\"name\":\"x\"}");
	is_num(jnum(r->json, "data.page"), 7, 0, "a good query number is read");
	api_free(r);
}

static void
test_auth_required(void)
{
	struct api_resp	*r;
	char		 h[256];

	r = api_get("/api/profile", NULL);
	is_error(r, 401, "unauthorized", "no token on an auth route");
	ok(api_header(r, "WWW-Authenticate", h, sizeof(h)) && strncmp(h, "Bearer", 6) == 0,
	    "401 carries WWW-Authenticate: Bearer");
	api_free(r);
	r = api_get("/api/profile", "not.a.token");
	is_int(r->status, 401, "a garbage token is 401");
	api_free(r);
}

/* Kill one worker with SIGKILL while requests run; the pool must heal. */
static void
test_worker_killed(void)
{
	pid_t		 master = master_pid(), before[64], after[64], child;
	struct api_resp	*r;
	int		 n, m, i, good = 0, status, tries;

	if (master <= 0) {
		skip(4, "no master pid file");
		return;
	}
	n = children_of(master, before, 64);
	ok(n >= 1, "the master has workers (%d)", n);
	/* Requests in flight: a child process keeps the pool busy. */
	if ((child = fork()) == 0) {
		for (i = 0; i < 20; i++)
			api_free(api_get("/api/debug/sleep?ms=20", NULL));
		_exit(0);
	}
	usleep(50000);
	kill(before[0], SIGKILL);
	waitpid(child, &status, 0);
	for (tries = 0; tries < 50; tries++) {
		m = children_of(master, after, 64);
		if (m == n && memcmp(after, before, sizeof(pid_t) * (size_t)n) != 0)
			break;
		usleep(100000);
	}
	is_int(m, n, "the pool is back to %d workers", n);
	ok(memcmp(after, before, sizeof(pid_t) * (size_t)n) != 0, "the killed worker was replaced");
	for (i = 0; i < 20; i++) {
		r = api_get("/api/health", NULL);
		good += r->status == 200;
		api_free(r);
	}
	is_int(good, 20, "every request after the kill succeeds");
}

int
main(void)
{
	api_init();
	test_health();
	test_routing();
	test_bodies();
	test_query();
	test_auth_required();
	test_worker_killed();
	return done_testing();
}
