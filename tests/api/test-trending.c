/* test-trending.c: GET /movies/trending from a controlled watch history, through streamify-batch trending. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "tap.h"

#define USERS	20	/* viewers made for the fixture */

static long long	 movie[5];	/* A, B, C, D, E */
static long long	 user[USERS];

/*
 * Run streamify-batch trending with config (NULL: the test stack's),
 * its output into out. Returns its exit status.
 */
static int
batch(const char *config, const char *arg, char *out, size_t len)
{
	char	 bin[1024], cmd[2300];
	FILE	*p;
	size_t	 n;
	int	 st;

	snprintf(bin, sizeof(bin), "%s/batch/streamify-batch", getenv("STREAMIFY_BUILDDIR") ?
	    getenv("STREAMIFY_BUILDDIR") : ".");
	snprintf(cmd, sizeof(cmd), "'%s' --config '%s' trending %s 2>&1", bin,
	    config ? config : getenv("STREAMIFY_TEST_CONFIG"), arg);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	st = pclose(p);
	api_external_write();
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The entry of movie id in a list answer, and its index into *at (-1: absent). */
static cJSON *
find(const struct api_resp *r, long long id, int *at)
{
	cJSON	*m;
	int	 i = 0;

	*at = -1;
	cJSON_ArrayForEach(m, jget(r->json, "results")) {
		if ((long long)jnum(m, "id") == id) {
			*at = i;
			return m;
		}
		i++;
	}
	return NULL;
}

/* n viewers (users from first) of movie m, their last report hours_ago hours ago. */
static void
viewers(long long m, int first, int n, int hours_ago)
{
	int	 i;

	for (i = first; i < first + n; i++)
		db_do("INSERT INTO watch_history (user_id, movie_id, position, last_played_at) VALUES "
		    "(%lld, %lld, 600, NOW(6) - INTERVAL %d HOUR) ON DUPLICATE KEY UPDATE "
		    "last_played_at = VALUES(last_played_at)", user[i], m, hours_ago);
}

static void
fixture(void)
{
	const char	*names[] = { "A", "B", "C", "D", "E" };
	char		 title[128];
	int		 i;

	for (i = 0; i < 5; i++) {
		snprintf(title, sizeof(title), "Trending %s %s", names[i], api_unique());
		db_do("INSERT INTO movies (title, popularity) VALUES ('%s', 0)", title);
		movie[i] = db_count("SELECT MAX(id) FROM movies WHERE title = '%s'", title);
	}
	for (i = 0; i < USERS; i++) {
		db_do("INSERT INTO users (username, email, password_hash) VALUES ('trv%d%s', "
		    "'trv%d%s@example.com', 'x')", i, api_unique(), i, api_unique());
		user[i] = db_count("SELECT id FROM users WHERE username = 'trv%d%s'", i, api_unique());
	}
	viewers(movie[0], 0, 12, 2);	/* A: 12 today */
	viewers(movie[1], 0, 8, 20);	/* B: 8 today */
	viewers(movie[2], 0, 6, 72);	/* C: 6 three days ago: the week only */
	viewers(movie[3], 0, 2, 1);	/* D: 2 today: too few */
	viewers(movie[4], 0, USERS, 240); /* E: 20 ten days ago: neither */
}

static void
test_lists(void)
{
	struct api_resp	*r;
	char		 out[1024], etag[128], hdr[160];
	const char	*hdrs[] = { hdr, NULL };
	cJSON		*a, *b;
	int		 at_a, at_b, at_c, at_d, at_e;
	long long	 v0;

	is_int(batch(NULL, "", out, sizeof(out)), 0, "streamify-batch trending: exit 0");
	diag("%.*s", (int)strcspn(out, "\n"), out);
	ok(strncmp(out, "trending: day ", 14) == 0, "a one-line summary");

	r = api_get("/api/movies/trending?limit=50", NULL);
	is_int(r->status, 200, "GET /movies/trending: 200");
	is_str(jstr(r->json, "window"), "day", "the day by default");
	a = find(r, movie[0], &at_a);
	b = find(r, movie[1], &at_b);
	ok(a != NULL && b != NULL && at_a < at_b, "the movie more viewers played comes first");
	is_int((long long)jnum(a, "viewers"), 12, "with its count of distinct viewers");
	is_str(jstr(a, "source"), "viewers", "ranked by viewers");
	is_int((long long)jnum(b, "viewers"), 8, "the second's count");
	ok(jstr(a, "title") != NULL && jget(a, "genres") != NULL, "each is a movie summary");
	find(r, movie[2], &at_c);
	find(r, movie[3], &at_d);
	find(r, movie[4], &at_e);
	is_int(at_c, -1, "three days ago is not today");
	is_int(at_d, -1, "two viewers are too few (trending_min_viewers 3)");
	is_int(at_e, -1, "ten days ago is in neither window");
	ok(api_header(r, "ETag", etag, sizeof(etag)) != NULL, "an ETag");
	ok(api_header(r, "Cache-Control", out, sizeof(out)) != NULL && strstr(out, "public") != NULL,
	    "public, like the other catalog answers");
	api_free(r);
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	r = api_req("GET", "/api/movies/trending?limit=50", NULL, NULL, hdrs);
	is_int(r->status, 304, "If-None-Match: 304");
	api_free(r);

	r = api_get("/api/movies/trending?window=week&limit=50", NULL);
	is_str(jstr(r->json, "window"), "week", "window=week");
	a = find(r, movie[0], &at_a);
	b = find(r, movie[2], &at_c);
	ok(a != NULL && b != NULL && at_a < at_c, "the week has three days ago too, after A");
	is_int((long long)jnum(b, "viewers"), 6, "with its count");
	find(r, movie[4], &at_e);
	is_int(at_e, -1, "ten days ago is not in the week");
	api_free(r);

	/* A change in history shows at the next run, not before: the lists are the job's. */
	viewers(movie[1], 8, 7, 1);	/* B: 15 today now */
	r = api_get("/api/movies/trending?limit=50", NULL);
	find(r, movie[0], &at_a);
	find(r, movie[1], &at_b);
	ok(at_a < at_b, "before the job runs again the answer is the same");
	api_free(r);
	v0 = db_count("SELECT v FROM catalog_version WHERE id = 1");
	is_int(batch(NULL, "", out, sizeof(out)), 0, "the job runs again");
	ok(strstr(out, "written") != NULL, "and writes the changed lists");
	ok(db_count("SELECT v FROM catalog_version WHERE id = 1") > v0, "which moves the catalog "
	    "version");
	r = api_get("/api/movies/trending?limit=50", NULL);
	b = find(r, movie[1], &at_b);
	find(r, movie[0], &at_a);
	ok(at_b >= 0 && at_b < at_a, "every worker answers the new list at once");
	is_int((long long)jnum(b, "viewers"), 15, "with the new count");
	api_free(r);
	v0 = db_count("SELECT v FROM catalog_version WHERE id = 1");
	is_int(batch(NULL, "", out, sizeof(out)), 0, "a run with nothing new");
	ok(strstr(out, "unchanged") != NULL, "says unchanged");
	is_int(db_count("SELECT v FROM catalog_version WHERE id = 1"), v0, "and leaves the catalog "
	    "version (and every worker's memory) alone");
}

static void
test_fallback(void)
{
	struct api_resp	*r, *pop;
	char		 conf[1100], cmd[2400], out[1024];
	cJSON		*m;
	int		 all_popular = 1, at;

	/* Too little activity: with a threshold nobody reaches, the list is the popular one. */
	snprintf(conf, sizeof(conf), "%s.trending-test", getenv("STREAMIFY_TEST_CONFIG"));
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && echo 'trending_min_viewers = 1000000' >> '%s'",
	    getenv("STREAMIFY_TEST_CONFIG"), conf, conf);
	if (system(cmd) != 0)
		bail("cannot write %s", conf);
	is_int(batch(conf, "", out, sizeof(out)), 0, "the job with trending_min_viewers too high");
	unlink(conf);
	r = api_get("/api/movies/trending?limit=10", NULL);
	pop = api_get("/api/movies/popular?limit=10", NULL);
	is_int(jsize(r->json, "results"), 10, "ten movies still");
	cJSON_ArrayForEach(m, jget(r->json, "results"))
		all_popular &= jstr(m, "source") != NULL && strcmp(jstr(m, "source"), "popularity") == 0;
	ok(all_popular, "all there for their popularity");
	ok(jnum(r->json, "results.0.id") == jnum(pop->json, "results.0.id") &&
	    jnum(r->json, "results.9.id") == jnum(pop->json, "results.9.id"),
	    "the popular list, in its order");
	find(r, movie[0], &at);
	is_int(at, -1, "the fixture's movies (popularity 0) are not in it");
	api_free(pop);
	api_free(r);

	/* Before the job ever ran (no lists): popular movies too. */
	db_do("DELETE FROM trending");
	r = api_get("/api/movies/trending?window=week&limit=5", NULL);
	is_int(jsize(r->json, "results"), 5, "no lists at all: five movies");
	is_str(jstr(r->json, "results.0.source"), "popularity", "by popularity");
	is_int((long long)jnum(r->json, "results.0.viewers"), 0, "viewers 0");
	api_free(r);
	is_int(batch(NULL, "", out, sizeof(out)), 0, "the job restores the lists");
}

static void
test_errors(void)
{
	struct api_resp	*r;
	char		 out[2048];
	char		*tok;

	r = api_get("/api/movies/trending?window=month", NULL);
	is_error(r, 400, "bad_request", "window=month: 400");
	ok(jstr(r->json, "fields.window") != NULL, "fields.window");
	api_free(r);
	r = api_get("/api/movies/trending?window=", NULL);
	is_error(r, 400, "bad_request", "window empty: 400");
	api_free(r);
	r = api_get("/api/movies/trending?limit=51", NULL);
	is_error(r, 400, "bad_request", "limit=51: 400");
	api_free(r);
	r = api_get("/api/movies/trending?limit=0", NULL);
	is_error(r, 400, "bad_request", "limit=0: 400");
	api_free(r);
	r = api_send("POST", "/api/movies/trending", NULL, NULL);
	is_int(r->status, 405, "POST: 405");
	api_free(r);
	if ((tok = api_new_user("trt", NULL)) != NULL) {
		r = api_get("/api/v1/movies/trending", tok);
		is_int(r->status, 200, "with a token: 200");
		ok(api_header(r, "Cache-Control", out, sizeof(out)) != NULL &&
		    strstr(out, "private") != NULL, "private");
		api_free(r);
	}
	is_int(batch(NULL, "--help", out, sizeof(out)), 0, "trending --help: exit 0");
	ok(strstr(out, "usage: streamify-batch trending") != NULL, "with the usage");
	is_int(batch(NULL, "now", out, sizeof(out)), 2, "an argument: exit 2");
}

int
main(void)
{
	api_init();
	fixture();
	test_lists();
	test_fallback();
	test_errors();
	return done_testing();
}
