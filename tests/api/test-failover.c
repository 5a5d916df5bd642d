/* test-failover.c: the database going away and coming back, and SIGTERM draining (runs last). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "procs.h"
#include "tap.h"

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_database_down(void)
{
	const char	*stop = getenv("STREAMIFY_TEST_DB_STOP");
	const char	*start = getenv("STREAMIFY_TEST_DB_START");
	pid_t		 master = master_pid(), before[64], after[64];
	struct api_resp	*r;
	char		 h[64];
	double		 t0, waited;
	int		 n, m, up = 0, i;

	if (stop == NULL || start == NULL || master <= 0) {
		skip(7, "no database control from ./dev test");
		return;
	}
	n = children_of(master, before, 64);
	r = api_get("/api/health", NULL);
	is_int(r->status, 200, "health is 200 before the database stops");
	api_free(r);
	if (system(stop) != 0)
		bail("could not stop the database: %s", stop);
	/* A healthy answer may be reused for up to health_cache_ms (500 ms). */
	t0 = now();
	for (r = api_get("/api/health", NULL); r->status == 200 && now() - t0 < 2.0;
	    r = api_get("/api/health", NULL)) {
		api_free(r);
		usleep(20000);
	}
	waited = now() - t0;
	is_error(r, 503, "unavailable", "health with the database stopped");
	ok(waited < 1.0, "the 503 came within 1 s (%.3f s)", waited);
	ok(api_header(r, "Retry-After", h, sizeof(h)) != NULL, "503 carries Retry-After");
	api_free(r);
	if (system(start) != 0)
		bail("could not start the database: %s", start);
	/* Every worker must recover by itself: ask more times than there are workers. */
	for (i = 0; i < 100 && up < 2 * n + 2; i++) {
		r = api_get("/api/health", NULL);
		up = r->status == 200 ? up + 1 : 0;
		api_free(r);
		if (up == 0)
			usleep(100000);
	}
	ok(up >= 2 * n + 2, "health is 200 again on every worker after the restart");
	m = children_of(master, after, 64);
	ok(m == n && memcmp(before, after, sizeof(pid_t) * (size_t)n) == 0,
	    "the same workers answer (no restart)");
}

static void
test_sigterm_drains(void)
{
	pid_t		 master = master_pid(), child;
	int		 status, i, gone = 0;

	if (master <= 0) {
		skip(3, "no master pid file");
		return;
	}
	/* A slow request in flight when SIGTERM arrives must complete. */
	if ((child = fork()) == 0) {
		struct api_resp	*r = api_get("/api/debug/sleep?ms=1500", NULL);

		_exit(r->status == 200 ? 0 : 1);
	}
	usleep(400000);
	ok(kill(master, SIGTERM) == 0, "SIGTERM sent to the master");
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the request in flight completed with 200");
	for (i = 0; i < 50 && !gone; i++) {
		if (kill(master, 0) == -1 && errno == ESRCH)
			gone = 1;
		else
			usleep(100000);
	}
	ok(gone, "the master exited after draining");
}

/*
 * With no worker pool behind it, nginx answers 502 itself: in the JSON
 * envelope, with Retry-After, a request id, and the CORS headers an allowed
 * origin needs to read it (./dev test allows its browser tests' origin).
 */
static void
test_pool_gone(void)
{
	const char	*port = getenv("STREAMIFY_TEST_WEB_ORIGIN_PORT");
	char		 origin[128], h[256];
	const char	*hdr[] = { origin, NULL };
	struct api_resp	*r;

	if (port == NULL) {
		skip(5, "no allowed origin from ./dev test");
		return;
	}
	snprintf(origin, sizeof(origin), "Origin: http://127.0.0.1:%s", port);
	r = api_req("GET", "/api/movies/1", NULL, NULL, hdr);
	is_error(r, 502, "unavailable", "no pool: nginx's 502 in the JSON envelope");
	ok(api_header(r, "Retry-After", h, sizeof(h)) != NULL, "502 carries Retry-After");
	ok(api_header(r, "X-Request-Id", h, sizeof(h)) != NULL, "502 carries X-Request-Id");
	is_str(api_header(r, "Access-Control-Allow-Origin", h, sizeof(h)), origin + 8,
	    "502 to the allowed origin: Access-Control-Allow-Origin");
	ok(api_header(r, "Access-Control-Expose-Headers", h, sizeof(h)) != NULL,
	    "502 to the allowed origin: Expose-Headers");
	api_free(r);
}

int
main(void)
{
	api_init();
	test_database_down();
	test_sigterm_drains();
	test_pool_gone();
	return done_testing();
}
