/* test-recs.c: similar movies and recommendations over HTTP, and the batch's generation switch. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "recommend.h"
#include "tap.h"

/*
 * Fixture movies with unique genres, keywords and directors, so their
 * neighbours are known whatever else the catalog holds:
 * A and B are twins (genre X, keywords k1 k2, director P1), C shares
 * genre X and keyword k3 with nothing, D and E are twins (genre Y,
 * keyword k4, director P2).
 */
enum { A, B, C, D, E, NFIX };
static long long	 mid[NFIX];
static char		 title[NFIX][96];

static long long
insert_id(const char *sql_select)
{
	return db_count("%s", sql_select);
}

static void
fixtures(void)
{
	const char	*u = api_unique();
	long long	 gx, gy, k[5], p1, p2;
	int		 i;

	for (i = 0; i < NFIX; i++) {
		snprintf(title[i], sizeof(title[i]), "Recs fixture %c %s", 'A' + i, u);
		if (db_do("INSERT INTO movies (title, release_year, popularity, vote_count) "
		    "VALUES ('%s', 1990, %d, 10)", title[i], 1000000 + i) != 0)
			bail("cannot insert fixture movies");
		mid[i] = insert_id("SELECT LAST_INSERT_ID()");
	}
	db_do("INSERT INTO genres (name) VALUES ('RecsX%s'), ('RecsY%s')", u, u);
	gx = db_count("SELECT id FROM genres WHERE name = 'RecsX%s'", u);
	gy = db_count("SELECT id FROM genres WHERE name = 'RecsY%s'", u);
	for (i = 1; i <= 4; i++) {
		db_do("INSERT INTO keywords (name) VALUES ('recs-k%d-%s')", i, u);
		k[i] = db_count("SELECT id FROM keywords WHERE name = 'recs-k%d-%s'", i, u);
	}
	db_do("INSERT INTO people (name) VALUES ('Recs P1 %s'), ('Recs P2 %s')", u, u);
	p1 = db_count("SELECT id FROM people WHERE name = 'Recs P1 %s'", u);
	p2 = db_count("SELECT id FROM people WHERE name = 'Recs P2 %s'", u);
	db_do("INSERT INTO movie_genres (movie_id, genre_id) VALUES (%lld, %lld), (%lld, %lld), "
	    "(%lld, %lld), (%lld, %lld), (%lld, %lld)", mid[A], gx, mid[B], gx, mid[C], gx,
	    mid[D], gy, mid[E], gy);
	db_do("UPDATE movies SET genres = 'RecsX%s' WHERE id IN (%lld, %lld, %lld)", u, mid[A],
	    mid[B], mid[C]);
	db_do("UPDATE movies SET genres = 'RecsY%s' WHERE id IN (%lld, %lld)", u, mid[D], mid[E]);
	db_do("INSERT INTO movie_keywords (movie_id, keyword_id) VALUES (%lld, %lld), (%lld, %lld), "
	    "(%lld, %lld), (%lld, %lld), (%lld, %lld), (%lld, %lld), (%lld, %lld)",
	    mid[A], k[1], mid[A], k[2], mid[B], k[1], mid[B], k[2], mid[C], k[3], mid[D], k[4],
	    mid[E], k[4]);
	db_do("INSERT INTO movie_crew (movie_id, person_id, job) VALUES (%lld, %lld, 'Director'), "
	    "(%lld, %lld, 'Director'), (%lld, %lld, 'Director'), (%lld, %lld, 'Director')",
	    mid[A], p1, mid[B], p1, mid[D], p2, mid[E], p2);
	ok(db_count("SELECT COUNT(*) FROM movie_genres WHERE movie_id IN (%lld, %lld)",
	    mid[A], mid[E]) == 2, "fixture movies inserted");
}

/*
 * Run streamify-batch similar against the test stack with env (may be "")
 * in front; its output goes to out (a file under the var directory).
 * Returns the shell's exit status (137 when it was killed).
 */
static int
run_batch(const char *env, const char *out)
{
	char	 cmd[4096];
	int	 st;

	snprintf(cmd, sizeof(cmd), "%s '%s/batch/streamify-batch' --config '%s' similar --quiet "
	    ">'%s/log/%s' 2>&1", env, getenv("STREAMIFY_BUILDDIR") ? getenv("STREAMIFY_BUILDDIR") :
	    ".", getenv("STREAMIFY_TEST_CONFIG"), getenv("STREAMIFY_TEST_VAR"), out);
	st = system(cmd);
	api_external_write();
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* 1 when the file VAR/log/name contains needle. */
static int
log_has(const char *name, const char *needle)
{
	char	 path[1024], buf[4096];
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof(path), "%s/log/%s", getenv("STREAMIFY_TEST_VAR"), name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, needle) != NULL;
}

static long long
active_generation(void)
{
	return db_count("SELECT id FROM rec_generation WHERE active = 1 ORDER BY id DESC LIMIT 1");
}

/* The ids of /movies/{id}/similar as "id,id,..." into buf. */
static long
similar_ids(long long id, char *buf, size_t len)
{
	struct api_resp	*r;
	char		 path[128];
	int		 i, n;
	long		 status;

	snprintf(path, sizeof(path), "/api/movies/%lld/similar?limit=50", id);
	r = api_get(path, NULL);
	buf[0] = '\0';
	n = jsize(r->json, "results");
	for (i = 0; i < n; i++) {
		char	 p[32];

		snprintf(p, sizeof(p), "results.%d.id", i);
		snprintf(buf + strlen(buf), len - strlen(buf), "%.0f,", jnum(r->json, p));
	}
	status = r->status;
	api_free(r);
	return status;
}

static void
test_similar(void)
{
	struct api_resp	*r;
	char		 path[128], h[64];
	long long	 g0 = active_generation(), g1, g2;

	is_int(run_batch("", "recs-batch-1.log"), 0, "streamify-batch similar succeeds");
	g1 = active_generation();
	ok(g1 > g0, "a new generation is active (%lld after %lld)", g1, g0);
	is_int(db_count("SELECT COUNT(*) FROM rec_generation WHERE active = 1"), 1,
	    "exactly one generation is active");
	is_str(db_count("SELECT status = 'complete' FROM rec_generation WHERE id = %lld", g1) == 1 ?
	    "complete" : "other", "complete", "the active generation is complete");
	r = api_get("/api/health", NULL);
	is_num(jnum(r->json, "data.recommendations.generation"), (double)g1, 0,
	    "health reports the active generation");
	ok(jstr(r->json, "data.recommendations.computed_at") != NULL, "health has computed_at");
	api_free(r);

	snprintf(path, sizeof(path), "/api/movies/%lld/similar", mid[A]);
	r = api_get(path, NULL);
	is_int(r->status, 200, "similar answers 200");
	ok(cJSON_IsTrue(jget(r->json, "success")), "similar: success");
	ok(jsize(r->json, "results") >= 2 && jsize(r->json, "results") <= 10,
	    "similar: default limit 10 (%d)", jsize(r->json, "results"));
	is_num(jnum(r->json, "results.0.id"), (double)mid[B], 0, "A's twin B comes first");
	is_num(jnum(r->json, "results.1.id"), (double)mid[C], 0, "then C, which shares a genre");
	ok(jnum(r->json, "results.0.score") > jnum(r->json, "results.1.score"),
	    "scores decrease");
	is_str(jstr(r->json, "results.0.title"), title[B], "results carry the summary");
	ok(jget(r->json, "results.0.genres") != NULL, "summary has genres");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/similar?limit=1", mid[D]);
	r = api_get(path, NULL);
	is_int(jsize(r->json, "results"), 1, "limit=1 gives one");
	is_num(jnum(r->json, "results.0.id"), (double)mid[E], 0, "D's twin E");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/recommendations", mid[E]);
	r = api_get(path, NULL);
	is_int(r->status, 200, "legacy /recommendations alias answers 200");
	is_num(jnum(r->json, "results.0.id"), (double)mid[D], 0, "alias: E's twin D");
	api_free(r);
	snprintf(path, sizeof(path), "/api/v1/movies/%lld/similar", mid[A]);
	r = api_get(path, NULL);
	is_int(r->status, 200, "/api/v1 prefix works");
	ok(api_header(r, "ETag", h, sizeof(h)) != NULL, "similar is a catalog GET with an ETag");
	api_free(r);
	r = api_get("/api/movies/999999999999/similar", NULL);
	is_error(r, 404, "not_found", "similar of a missing movie");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/similar?limit=51", mid[A]);
	r = api_get(path, NULL);
	is_error(r, 400, "bad_request", "limit=51");
	ok(jget(r->json, "fields.limit") != NULL, "limit=51: fields.limit");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/similar?limit=0", mid[A]);
	r = api_get(path, NULL);
	is_error(r, 400, "bad_request", "limit=0");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/similar?limit=", mid[A]);
	r = api_get(path, NULL);
	is_error(r, 400, "bad_request", "limit= (empty)");
	api_free(r);

	/* A second run: the previous generation is kept for rollback, older ones go. */
	is_int(run_batch("", "recs-batch-2.log"), 0, "a second run succeeds");
	g2 = active_generation();
	ok(g2 > g1, "the second run's generation is active");
	is_int(db_count("SELECT COUNT(*) FROM rec_generation WHERE id = %lld", g1), 1,
	    "the previous generation is kept");
	if (g0 > 0)
		is_int(db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g0),
		    0, "the one before is deleted");
	is_int(db_count("SELECT COUNT(*) FROM rec_generation"), 2, "two generations remain");
}

/*
 * The generation before last goes by emptying its partition of
 * movie_similar (sql/090: generation_id MOD 4) when it has it alone, and
 * row by row when another generation shares it: either way the kept
 * generations lose nothing.
 */
static void
test_partitions(void)
{
	long long	 g1 = active_generation(), g2, g3, n1, n2, n3;

	n1 = db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g1);
	/* The next generation lands in the active one's partition. */
	db_do("ALTER TABLE rec_generation AUTO_INCREMENT = %lld", g1 + 4);
	is_int(run_batch("", "recs-batch-part-1.log"), 0, "a run whose generation shares a partition");
	g2 = active_generation();
	is_int(g2 % 4, g1 % 4, "its generation sits in the previous one's partition");
	is_int(db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g1), n1,
	    "the previous generation keeps every row");
	n2 = db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g2);
	ok(n2 > 0, "the new one has its rows");
	is_int(db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id NOT IN "
	    "(%lld, %lld)", g1, g2), 0, "the one before (alone in its partition) is emptied");
	ok(log_has("recs-batch-part-1.log", "dropped (its partition emptied)"),
	    "by emptying its partition");
	/* Now g1 goes while g2 shares its partition: its rows are deleted one by one. */
	is_int(run_batch("", "recs-batch-part-2.log"), 0, "the next run");
	g3 = active_generation();
	ok(g3 > g2, "its generation is active");
	is_int(db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g1), 0,
	    "the generation before last is gone from a shared partition");
	ok(log_has("recs-batch-part-2.log", "dropped (its rows deleted)"), "by deleting its rows");
	is_int(db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g2), n2,
	    "the generation sharing it keeps every row");
	n3 = db_count("SELECT COUNT(*) FROM movie_similar WHERE generation_id = %lld", g3);
	ok(n3 > 0, "and the active one has its rows");
	is_int(db_count("SELECT COUNT(*) FROM rec_generation"), 2, "two generations remain");
}

static void
test_crash_and_lock(void)
{
	char		 before[4096], during[4096], after[4096];
	long long	 g = active_generation();
	pid_t		 pid;
	int		 st, mixed = 0, reads = 0;

	similar_ids(mid[A], before, sizeof(before));
	/* Killed (SIGKILL) after writing its rows, before the switch. */
	is_int(run_batch("STREAMIFY_TEST_SIMILAR_KILL_AFTER=1", "recs-batch-kill.log"), 137,
	    "the batch was killed");
	is_int(active_generation(), g, "a killed run leaves the old generation active");
	ok(db_count("SELECT COUNT(*) FROM rec_generation WHERE status = 'building'") >= 1,
	    "the killed run left a building generation behind");
	similar_ids(mid[A], after, sizeof(after));
	is_str(after, before, "readers still get the old complete lists");
	/* The next run clears the dead generation; readers meanwhile see one whole list. */
	if ((pid = fork()) == 0)
		_exit(run_batch("", "recs-batch-3.log"));
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (similar_ids(mid[A], during, sizeof(during)) != 200 ||
		    strcmp(during, before) != 0)
			mixed++;
		reads++;
	}
	is_int(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "the next run succeeds");
	is_int(mixed, 0, "%d reads during the run all saw one complete list", reads);
	is_int(db_count("SELECT COUNT(*) FROM rec_generation WHERE status <> 'complete'"), 0,
	    "the dead generation is gone");
	ok(active_generation() > g, "and a new one is active");

	/* Two runs at once: the second stops with a clear message. */
	is_int(db_count("SELECT GET_LOCK('streamify.similar', 5)"), 1, "the test holds the lock");
	g = active_generation();
	ok(run_batch("", "recs-batch-lock.log") != 0, "a second run exits non-zero");
	ok(log_has("recs-batch-lock.log", "another streamify-batch similar is running"),
	    "and says why");
	is_int(active_generation(), g, "and changes nothing");
	db_count("SELECT RELEASE_LOCK('streamify.similar')");
}

/* The 1-based place of movie id in r's results, 0 when absent. */
static int
place_of(struct api_resp *r, long long id)
{
	char	 key[64];
	int	 i, n = jsize(r->json, "results");

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "results.%d.id", i);
		if ((long long)jnum(r->json, key) == id)
			return i + 1;
	}
	return 0;
}

/* How many of r's results name movie id as their reason. */
static int
because_of(struct api_resp *r, long long id)
{
	char	 key[64];
	int	 i, n = jsize(r->json, "results"), c = 0;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "results.%d.reason.movie_id", i);
		if (jget(r->json, key) != NULL && (long long)jnum(r->json, key) == id)
			c++;
	}
	return c;
}

/*
 * The worker keeps a user's answer (h_recs.c): a change to anything it
 * depends on shows in the next request, same user, same limit.
 */
static void
test_answer_memory(const char *tok, long long uid)
{
	struct api_resp	*r;
	const char	*path = "/api/recommendations?limit=50";
	char		 newtitle[128], url[64];

	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 1, "memory: E first");
	api_free(r);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 1, "memory: E first again (kept answer)");
	api_free(r);
	snprintf(newtitle, sizeof(newtitle), "%s renamed", title[E]);
	db_do("UPDATE movies SET title = '%s' WHERE id = %lld", newtitle, mid[E]);
	r = api_get(path, tok);
	is_str(jstr(r->json, "results.0.title"), newtitle, "memory: a catalog change shows");
	api_free(r);
	db_do("UPDATE movies SET title = '%s' WHERE id = %lld", title[E], mid[E]);
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 4.5)", uid, mid[E]);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 0, "memory: a new rating shows");
	api_free(r);
	db_do("DELETE FROM ratings WHERE user_id = %lld AND movie_id = %lld", uid, mid[E]);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 1, "memory: a removed rating shows");
	api_free(r);
	db_do("INSERT INTO favorites (user_id, movie_id) VALUES (%lld, %lld)", uid, mid[E]);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 0, "memory: a new favorite shows");
	api_free(r);
	db_do("DELETE FROM favorites WHERE user_id = %lld AND movie_id = %lld", uid, mid[E]);
	db_do("INSERT INTO watchlist (user_id, movie_id) VALUES (%lld, %lld)", uid, mid[E]);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 0, "memory: a watchlist entry shows");
	api_free(r);
	db_do("DELETE FROM watchlist WHERE user_id = %lld AND movie_id = %lld", uid, mid[E]);
	r = api_get(path, tok);
	ok(because_of(r, mid[D]) > 0, "memory: D (completed) names picks");
	api_free(r);
	db_do("UPDATE watch_history SET completed = 0 WHERE user_id = %lld AND movie_id = %lld",
	    uid, mid[D]);
	r = api_get(path, tok);
	is_int(because_of(r, mid[D]), 0, "memory: a viewing no longer completed shows");
	api_free(r);
	db_do("UPDATE watch_history SET completed = 1 WHERE user_id = %lld AND movie_id = %lld",
	    uid, mid[D]);
	r = api_get(path, tok);
	ok(because_of(r, mid[D]) > 0, "memory: a completed viewing shows");
	api_free(r);
	/* The caller's own writes through the API show at once (no wait): the board's counter. */
	snprintf(url, sizeof(url), "/api/watchlist/%lld", mid[E]);
	r = api_send("POST", url, tok, NULL);
	is_int(r->status, 201, "memory: E added to the watchlist through the API");
	api_free(r);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 0, "memory: the caller's own write shows at once");
	api_free(r);
	r = api_send("DELETE", url, tok, NULL);
	is_int(r->status, 204, "memory: E removed through the API");
	api_free(r);
	r = api_get(path, tok);
	is_int(place_of(r, mid[E]), 1, "memory: and its removal at once");
	api_free(r);
}

static void
test_recommendations(void)
{
	struct api_resp	*r;
	char		 path[128], key[64];
	long long	 uid = 0;
	char		*tok;
	int		 i, n, seen_a = 0, seen_bad = 0, popular = 1;

	r = api_get("/api/recommendations", NULL);
	is_error(r, 401, "unauthorized", "recommendations without a token");
	api_free(r);
	if ((tok = api_new_user("recs", &uid)) == NULL) {
		ok(0, "register a user for the recommendations");
		return;
	}
	tok = strdup(tok);
	r = api_get("/api/recommendations?limit=51", tok);
	is_error(r, 400, "bad_request", "recommendations limit=51");
	api_free(r);
	/* A new user: popular movies. */
	r = api_get("/api/recommendations?limit=5", tok);
	is_int(r->status, 200, "new user: 200");
	n = jsize(r->json, "results");
	ok(n >= 1 && n <= 5, "new user: 1..5 results (%d)", n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "results.%d.reason.type", i);
		if (jstr(r->json, key) == NULL || strcmp(jstr(r->json, key), "popular") != 0)
			popular = 0;
	}
	ok(popular, "new user: every reason is popular");
	api_free(r);

	/* Likes A, rated B low, has C in the watchlist: B, C and A never come back. */
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 5.0), "
	    "(%lld, %lld, 2.0)", uid, mid[A], uid, mid[B]);
	db_do("INSERT INTO watchlist (user_id, movie_id) VALUES (%lld, %lld)", uid, mid[C]);
	db_do("INSERT INTO watch_history (user_id, movie_id, completed) VALUES (%lld, %lld, 1)",
	    uid, mid[D]);
	r = api_get("/api/recommendations?limit=50", tok);
	is_int(r->status, 200, "user with history: 200");
	n = jsize(r->json, "results");
	for (i = 0; i < n; i++) {
		long long	 id;

		snprintf(key, sizeof(key), "results.%d.id", i);
		id = (long long)jnum(r->json, key);
		if (id == mid[A] || id == mid[B] || id == mid[C] || id == mid[D])
			seen_bad++;
		if (id == mid[E])
			seen_a = i + 1;
	}
	is_int(seen_bad, 0, "never a rated, completed or watchlisted movie");
	is_int(seen_a, 1, "E (D's twin) comes first");
	is_str(jstr(r->json, "results.0.reason.type"), "because_you_watched",
	    "reason: because you watched");
	is_num(jnum(r->json, "results.0.reason.movie_id"), (double)mid[D], 0, "reason names D");
	is_str(jstr(r->json, "results.0.reason.title"), title[D], "reason carries D's title");
	ok(cJSON_IsNumber(jget(r->json, "results.0.score")), "score is a number");
	is_str(api_header(r, "Cache-Control", path, sizeof(path)), "private, no-store",
	    "recommendations are private");
	api_free(r);
	test_answer_memory(tok, uid);
	/* Now A's neighbours too: a user who rated a movie never gets it, even at limit 50. */
	db_do("DELETE FROM watch_history WHERE user_id = %lld", uid);
	r = api_get("/api/recommendations", tok);
	seen_bad = 0;
	n = jsize(r->json, "results");
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "results.%d.id", i);
		if ((long long)jnum(r->json, key) == mid[A] || (long long)jnum(r->json, key) == mid[B])
			seen_bad++;
	}
	is_int(seen_bad, 0, "the rated movies stay out");
	ok(n >= 1 && jstr(r->json, "results.0.reason.type") != NULL, "results have reasons");
	api_free(r);
	free(tok);
}

/*
 * Issue 13, item 6: a user with more events than the ranking seeds from
 * (2,100 ratings) never gets a movie they rated back. They liked A long
 * ago, then rated 2,100 movies 2 stars, then liked B, A's twin: A is B's
 * first neighbour, and must stay out however old its rating is.
 */
static void
test_long_history(void)
{
	struct api_resp	*r;
	char		 key[64];
	long long	 uid = 0, id, rated, nrated;
	char		*tok;
	int		 i, n, back = 0, from_b = 0;

	if ((tok = api_new_user("recslong", &uid)) == NULL) {
		ok(0, "register a user with a long history");
		return;
	}
	tok = strdup(tok);
	db_do("INSERT INTO ratings (user_id, movie_id, score, rated_at) VALUES "
	    "(%lld, %lld, 5.0, '2001-01-01 00:00:00')", uid, mid[A]);
	db_do("INSERT INTO ratings (user_id, movie_id, score, rated_at) SELECT %lld, id, 2.0, "
	    "'2010-01-01 00:00:00' + INTERVAL id SECOND FROM movies WHERE id NOT IN "
	    "(%lld, %lld, %lld, %lld, %lld) ORDER BY id LIMIT 2100", uid, mid[A], mid[B], mid[C],
	    mid[D], mid[E]);
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 5.0)", uid, mid[B]);
	nrated = db_count("SELECT COUNT(*) FROM ratings WHERE user_id = %lld", uid);
	ok(nrated > 2000, "long history: the user has rated %lld movies", nrated);
	r = api_get("/api/recommendations?limit=50", tok);
	is_int(r->status, 200, "long history: 200");
	n = jsize(r->json, "results");
	ok(n > 0, "long history: %d results", n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "results.%d.id", i);
		id = (long long)jnum(r->json, key);
		rated = db_count("SELECT COUNT(*) FROM ratings WHERE user_id = %lld AND movie_id = %lld",
		    uid, id);
		back += rated != 0;
	}
	is_int(place_of(r, mid[A]), 0, "long history: A, rated before 2,100 others, stays out");
	is_int(back, 0, "long history: no result is a movie the user rated");
	from_b = because_of(r, mid[B]);
	ok(from_b > 0, "long history: the recent like (B) still seeds picks (%d)", from_b);
	api_free(r);
	free(tok);
}

/* 1 when movie id is in r's results as a personal pick (a reason naming a seed). */
static int
picked_for_seed(struct api_resp *r, long long id)
{
	char	 key[64];
	int	 at = place_of(r, id);

	if (at == 0)
		return 0;
	snprintf(key, sizeof(key), "results.%d.reason.movie_id", at - 1);
	return jget(r->json, key) != NULL;
}

/* The hex of one movie_rank entry (rec_rank_encode) appended to buf. */
static void
rank_hex(char *buf, size_t len, long long id, float w)
{
	unsigned char	 e[REC_RANK_ENTRY];
	size_t		 b, at = strlen(buf);

	rec_rank_encode(e, (uint64_t)id, w);
	for (b = 0; b < sizeof(e) && at + 3 < len; b++, at += 2)
		snprintf(buf + at, len - at, "%02X", e[b]);
}

/*
 * A seed with a ranking list in movie_rank (sql/091) ranks from it and not
 * from its similar movies: its weights are summed, a negative one keeps a
 * movie out, and a second seed's weights add up. The lists are those of
 * the active generation; a fresh batch run first, so that no worker holds
 * them yet.
 */
static void
test_rank_lists(void)
{
	struct api_resp	*r;
	char		 hex[256] = "";
	long long	 uid = 0, gen;
	char		*tok;

	ok(run_batch("", "recs-batch-rank.log") == 0, "rank lists: a new generation");
	gen = active_generation();
	ok(db_count("SELECT COUNT(*) FROM movie_rank WHERE generation_id = %lld", gen) > 0,
	    "rank lists: the batch wrote EASE weights for the active generation");
	/* A: C weighs 0.6, E 0.5, B -0.9; D: B 0.4, E 0.2. */
	rank_hex(hex, sizeof(hex), mid[C], 0.6f);
	rank_hex(hex, sizeof(hex), mid[E], 0.5f);
	rank_hex(hex, sizeof(hex), mid[B], -0.9f);
	db_do("DELETE FROM movie_rank WHERE generation_id = %lld AND movie_id IN (%lld, %lld)", gen,
	    mid[A], mid[D]);
	db_do("INSERT INTO movie_rank (generation_id, movie_id, weights) VALUES (%lld, %lld, X'%s')",
	    gen, mid[A], hex);
	hex[0] = '\0';
	rank_hex(hex, sizeof(hex), mid[B], 0.4f);
	rank_hex(hex, sizeof(hex), mid[E], 0.2f);
	db_do("INSERT INTO movie_rank (generation_id, movie_id, weights) VALUES (%lld, %lld, X'%s')",
	    gen, mid[D], hex);
	if ((tok = api_new_user("recsrank", &uid)) == NULL) {
		ok(0, "register a user for the rank lists");
		return;
	}
	tok = strdup(tok);
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 5.0)", uid, mid[A]);
	r = api_get("/api/recommendations?limit=50", tok);
	is_int(place_of(r, mid[C]), 1, "rank lists: C, A's heaviest weight, first");
	is_int(place_of(r, mid[E]), 2, "rank lists: E second");
	is_int(picked_for_seed(r, mid[B]), 0,
	    "rank lists: B, weighed negatively, is no pick (A's twin; at most popular in genre)");
	is_num(jnum(r->json, "results.0.score"), 0.6, 1e-4, "rank lists: the score is the weight");
	is_num(jnum(r->json, "results.0.reason.movie_id"), (double)mid[A], 0,
	    "rank lists: the reason names A");
	api_free(r);
	/* D as well: E gets 0.5 + 0.2 and passes C; B's total stays below 0. */
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 4.0)", uid, mid[D]);
	r = api_get("/api/recommendations?limit=50", tok);
	is_int(place_of(r, mid[E]), 1, "rank lists: two seeds' weights add up (E first)");
	is_num(jnum(r->json, "results.0.score"), 0.7, 1e-4, "rank lists: E scores 0.7");
	is_int(place_of(r, mid[C]), 2, "rank lists: C second");
	is_int(picked_for_seed(r, mid[B]), 0, "rank lists: B still no pick (-0.9 + 0.4)");
	api_free(r);
	free(tok);
}

int
main(void)
{
	api_init();
	if (getenv("STREAMIFY_TEST_CONFIG") == NULL || getenv("STREAMIFY_TEST_VAR") == NULL)
		skip_all("no STREAMIFY_TEST_CONFIG: run through ./dev test");
	fixtures();
	test_similar();
	test_partitions();
	test_crash_and_lock();
	test_recommendations();
	test_long_history();
	test_rank_lists();
	return done_testing();
}
