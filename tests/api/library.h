/* library.h: fixtures and helpers shared by the library's API tests. */
#ifndef STREAMIFY_TEST_LIBRARY_FIXTURES_H
#define STREAMIFY_TEST_LIBRARY_FIXTURES_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "tap.h"

/*
 * Insert a fixture movie with a unique title made from tag; minutes <= 0
 * leaves its running time NULL (as for MovieLens movies). Returns its id;
 * bails out when the database refuses.
 */
static long long
fixture_movie(const char *tag, int minutes)
{
	static int	 serial;
	char		 title[160], dur[16];
	long long	 id;

	snprintf(title, sizeof(title), "Library fixture %s %s %d", tag, api_unique(), serial++);
	if (minutes > 0)
		snprintf(dur, sizeof(dur), "%d", minutes);
	else
		snprintf(dur, sizeof(dur), "NULL");
	if (db_do("INSERT INTO movies (title, description, release_year, genres, duration, "
	    "language) VALUES ('%s', 'A fixture of the library tests.', 2001, 'Drama|Comedy', "
	    "%s, 'en')", title, dur) != 0)
		bail("cannot insert the fixture movie %s", title);
	if ((id = db_count("SELECT id FROM movies WHERE title = '%s'", title)) <= 0)
		bail("cannot find the fixture movie %s", title);
	return id;
}

/* An id that no movie has. */
static long long
missing_movie(void)
{
	return db_count("SELECT COALESCE(MAX(id), 0) + 1000000 FROM movies");
}

/* A new user's access token (copied), or a bail-out: every case here needs one. */
static char *
new_token(const char *prefix, long long *user_id)
{
	char	*t = api_new_user(prefix, user_id);

	if (t == NULL)
		bail("no user token: register and login (accounts) are needed by the library tests");
	if ((t = strdup(t)) == NULL)
		bail("out of memory");
	return t;
}

/* Send a request to a path made with printf; returns the response (free with api_free). */
static struct api_resp *
reqf(const char *method, const char *token, const char *body, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct api_resp *
reqf(const char *method, const char *token, const char *body, const char *fmt, ...)
{
	char	 path[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return api_send(method, path, token, body);
}

/* The status of a request, the response freed. */
static long
statusf(const char *method, const char *token, const char *body, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static long
statusf(const char *method, const char *token, const char *body, const char *fmt, ...)
{
	char		 path[512];
	va_list		 ap;
	struct api_resp	*r;
	long		 status;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	r = api_send(method, path, token, body);
	status = r->status;
	if (status >= 300)
		diag("%s %s: %ld %.200s", method, path, status, r->body);
	api_free(r);
	return status;
}

/* Whether the "results" of r hold a movie with this id; its index, or -1. */
static int
results_index(const struct api_resp *r, long long id)
{
	cJSON	*arr = jget(r->json, "results"), *it;
	int	 i = 0;

	cJSON_ArrayForEach(it, arr) {
		if (jnum(it, "id") == (double)id)
			return i;
		i++;
	}
	return -1;
}

/* Whether r says Cache-Control: private, no-store. */
static int
is_private(const struct api_resp *r)
{
	char	 h[128];

	return api_header(r, "Cache-Control", h, sizeof(h)) != NULL &&
	    strcmp(h, "private, no-store") == 0;
}

/*
 * Run fn(i, arg) in n child processes at once, each with its own HTTP
 * connection. Returns the sum of their exit statuses (each child exits with
 * its number of failures, capped at 100), or -1 when one crashed.
 */
static int
run_children(int n, int (*fn)(int, void *), void *arg)
{
	pid_t	 pids[64];
	int	 i, status, failures = 0, crashed = 0;

	fflush(stdout);
	for (i = 0; i < n && i < 64; i++) {
		if ((pids[i] = fork()) == -1)
			bail("fork failed");
		if (pids[i] == 0) {
			int	 f;

			api_init();	/* a connection of its own */
			f = fn(i, arg);
			_exit(f > 100 ? 100 : f);
		}
	}
	for (i = 0; i < n && i < 64; i++) {
		if (waitpid(pids[i], &status, 0) == -1 || !WIFEXITED(status))
			crashed = 1;
		else
			failures += WEXITSTATUS(status);
	}
	return crashed ? -1 : failures;
}

#endif
