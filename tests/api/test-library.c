/* test-library.c: watchlist, favorites and ratings: idempotency, paging, bounds, isolation, cascade. */
#include "library.h"

static long long	 gone;	/* an id no movie has */

/* Requests without a valid token are refused on every library route. */
static void
test_auth(long long m)
{
	struct api_resp	*r;
	char		 h[128], path[128];

	r = api_get("/api/watchlist", NULL);
	is_error(r, 401, "unauthorized", "GET /watchlist without a token");
	ok(api_header(r, "WWW-Authenticate", h, sizeof(h)) != NULL && strncmp(h, "Bearer", 6) == 0,
	    "401 carries WWW-Authenticate: Bearer");
	api_free(r);
	snprintf(path, sizeof(path), "/api/favorites/%lld", m);
	r = api_send("POST", path, NULL, NULL);
	is_error(r, 401, "unauthorized", "POST /favorites/{id} without a token");
	api_free(r);
	snprintf(path, sizeof(path), "/api/history/%lld", m);
	r = api_send("PUT", path, NULL, "{\"progress\":10}");
	is_error(r, 401, "unauthorized", "PUT /history/{id} without a token");
	api_free(r);
	r = api_get("/api/ratings", "not-a-token");
	ok(r->status == 401, "a bad token gets 401 (%ld)", r->status);
	api_free(r);
	r = api_get("/api/continue-watching", NULL);
	is_error(r, 401, "unauthorized", "GET /continue-watching without a token");
	api_free(r);
}

/* The watchlist or the favorites: add, add again, page, remove, remove again. */
static void
test_list(const char *kind, const char *flag, const char *tok)
{
	struct api_resp	*r;
	long long	 m1, m2;
	const char	*table = strcmp(kind, "watchlist") == 0 ? "watchlist" : "favorites";

	m1 = fixture_movie(kind, 95);
	m2 = fixture_movie(kind, 0);
	r = reqf("POST", tok, NULL, "/api/%s/%lld", kind, m1);
	is_int(r->status, 201, "%s: POST adds with 201", kind);
	is_num(jnum(r->json, "data.movie_id"), (double)m1, 0, "%s: data.movie_id", kind);
	ok(cJSON_IsTrue(jget(r->json, flag)), "%s: %s is true", kind, flag);
	ok(jstr(r->json, "data.added_at") != NULL && strlen(jstr(r->json, "data.added_at")) == 20,
	    "%s: data.added_at is an ISO time", kind);
	ok(is_private(r), "%s: POST is private, no-store", kind);
	api_free(r);
	r = reqf("POST", tok, NULL, "/api/%s/%lld", kind, m1);
	is_int(r->status, 200, "%s: POST again is 200", kind);
	ok(cJSON_IsTrue(jget(r->json, "success")), "%s: POST again succeeds", kind);
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM %s WHERE movie_id = %lld", table, m1), 1,
	    "%s: one row after two adds", kind);
	is_int(statusf("POST", tok, NULL, "/api/v1/%s/%lld", kind, m2), 201,
	    "%s: POST under /api/v1 adds the second", kind);

	r = reqf("GET", tok, NULL, "/api/%s", kind);
	is_int(r->status, 200, "%s: GET is 200", kind);
	is_num(jnum(r->json, "total_results"), 2, 0, "%s: total_results", kind);
	is_num(jnum(r->json, "page"), 1, 0, "%s: page defaults to 1", kind);
	is_num(jnum(r->json, "per_page"), 20, 0, "%s: per_page defaults to 20", kind);
	is_num(jnum(r->json, "total_pages"), 1, 0, "%s: total_pages", kind);
	is_num(jnum(r->json, "results.0.id"), (double)m2, 0, "%s: newest first", kind);
	is_num(jnum(r->json, "results.1.id"), (double)m1, 0, "%s: then the older", kind);
	ok(jstr(r->json, "results.0.added_at") != NULL, "%s: results carry added_at", kind);
	ok(jstr(r->json, "results.0.title") != NULL && jget(r->json, "results.0.genres") != NULL,
	    "%s: results are movie summaries", kind);
	ok(cJSON_IsNull(jget(r->json, "results.0.duration")), "%s: unknown duration is null", kind);
	is_num(jnum(r->json, "results.1.duration"), 95, 0, "%s: duration in minutes", kind);
	ok(is_private(r), "%s: GET is private, no-store", kind);
	api_free(r);
	r = reqf("GET", tok, NULL, "/api/%s?per_page=1&page=2", kind);
	is_num(jnum(r->json, "results.0.id"), (double)m1, 0, "%s: page 2 of 1 per page", kind);
	is_int(jsize(r->json, "results"), 1, "%s: one result per page", kind);
	is_num(jnum(r->json, "total_pages"), 2, 0, "%s: two pages", kind);
	api_free(r);
	r = reqf("GET", tok, NULL, "/api/%s?per_page=1&page=3", kind);
	is_int(r->status, 200, "%s: a page past the end is 200", kind);
	is_int(jsize(r->json, "results"), 0, "%s: with no results", kind);
	is_num(jnum(r->json, "total_results"), 2, 0, "%s: and the true total", kind);
	api_free(r);
	r = reqf("GET", tok, NULL, "/api/%s?per_page=101", kind);
	is_error(r, 400, "bad_request", "per_page=101");
	ok(jstr(r->json, "fields.per_page") != NULL, "%s: fields names per_page", kind);
	api_free(r);
	r = reqf("GET", tok, NULL, "/api/%s?page=", kind);
	is_error(r, 400, "bad_request", "an empty page");
	ok(jstr(r->json, "fields.page") != NULL, "%s: fields names page", kind);
	api_free(r);
	r = reqf("GET", tok, NULL, "/api/%s?page=0", kind);
	is_error(r, 400, "bad_request", "page=0");
	api_free(r);

	r = reqf("POST", tok, NULL, "/api/%s/%lld", kind, gone);
	is_error(r, 404, "not_found", "adding a movie that does not exist");
	api_free(r);
	is_int(statusf("DELETE", tok, NULL, "/api/%s/%lld", kind, m1), 204,
	    "%s: DELETE is 204", kind);
	is_int(statusf("DELETE", tok, NULL, "/api/%s/%lld", kind, m1), 204,
	    "%s: DELETE again is still 204", kind);
	r = reqf("DELETE", tok, NULL, "/api/%s/%lld", kind, gone);
	is_error(r, 404, "not_found", "removing a movie that does not exist");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM %s WHERE movie_id = %lld", table, m1), 0,
	    "%s: the row is gone", kind);
	r = reqf("GET", tok, NULL, "/api/%s", kind);
	is_num(jnum(r->json, "total_results"), 1, 0, "%s: one left", kind);
	is_num(jnum(r->json, "results.0.id"), (double)m2, 0, "%s: the other one", kind);
	api_free(r);
	is_int(statusf("POST", tok, NULL, "/api/%s/%lld", kind, m1), 201,
	    "%s: adding it back is 201 again", kind);
}

/* Ratings: set, replace, the bounds, remove, page. */
static void
test_ratings(const char *tok)
{
	static const char *const bad[] = {
		"{\"score\":0}", "{\"score\":0.25}", "{\"score\":5.5}", "{\"score\":\"4\"}",
		"{\"score\":-1}", "{\"score\":4.3}", "{\"score\":null}", "{}", "{\"score\":true}",
	};
	struct api_resp	*r;
	const char	*text[] = { "Content-Type: text/plain", NULL };
	char		 path[128];
	long long	 m = fixture_movie("rated", 120), m2 = fixture_movie("rated", 0);
	size_t		 i;

	snprintf(path, sizeof(path), "/api/ratings/%lld", m);
	r = api_send("PUT", path, tok, "{\"score\":4.5}");
	is_int(r->status, 200, "rating: PUT is 200");
	is_num(jnum(r->json, "data.score"), 4.5, 0, "rating: data.score");
	is_num(jnum(r->json, "data.movie_id"), (double)m, 0, "rating: data.movie_id");
	ok(jstr(r->json, "data.rated_at") != NULL, "rating: data.rated_at");
	api_free(r);
	r = api_send("PUT", path, tok, "{\"score\":3}");
	is_int(r->status, 200, "rating: PUT again replaces");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM ratings WHERE movie_id = %lld", m), 1,
	    "rating: still one row");
	is_int(db_count("SELECT score * 10 FROM ratings WHERE movie_id = %lld", m), 30,
	    "rating: the new score is stored");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = api_send("PUT", path, tok, bad[i]);
		ok(r->status == 400 && jstr(r->json, "fields.score") != NULL,
		    "rating: %s is 400 naming score", bad[i]);
		api_free(r);
	}
	is_int(db_count("SELECT score * 10 FROM ratings WHERE movie_id = %lld", m), 30,
	    "rating: refused scores changed nothing");
	is_int(statusf("PUT", tok, "{\"score\":0.5}", "/api/ratings/%lld", m2), 200,
	    "rating: 0.5 is the least");
	is_int(statusf("PUT", tok, "{\"score\":5.0}", "/api/ratings/%lld", m2), 200,
	    "rating: 5.0 is the most");
	r = api_req("PUT", path, tok, "{\"score\":4}", text);
	is_error(r, 415, "unsupported_media_type", "rating: a body that is not JSON");
	api_free(r);
	r = reqf("PUT", tok, "{\"score\":4}", "/api/ratings/%lld", gone);
	is_error(r, 404, "not_found", "rating a movie that does not exist");
	api_free(r);

	r = api_get("/api/ratings", tok);
	is_int(r->status, 200, "ratings: GET is 200");
	is_num(jnum(r->json, "total_results"), 2, 0, "ratings: total_results");
	is_num(jnum(r->json, "results.0.id"), (double)m2, 0, "ratings: most recent first");
	is_num(jnum(r->json, "results.0.score"), 5, 0, "ratings: score of the first");
	is_num(jnum(r->json, "results.1.score"), 3, 0, "ratings: score of the second");
	ok(jstr(r->json, "results.1.rated_at") != NULL, "ratings: rated_at");
	ok(is_private(r), "ratings: private, no-store");
	api_free(r);

	is_int(statusf("DELETE", tok, NULL, "/api/ratings/%lld", m), 204, "rating: DELETE is 204");
	is_int(statusf("DELETE", tok, NULL, "/api/ratings/%lld", m), 204,
	    "rating: DELETE again is 204");
	r = reqf("DELETE", tok, NULL, "/api/ratings/%lld", gone);
	is_error(r, 404, "not_found", "removing the rating of a movie that does not exist");
	api_free(r);
	r = api_get("/api/ratings?per_page=5", tok);
	is_num(jnum(r->json, "total_results"), 1, 0, "ratings: one left");
	api_free(r);
}

/* User B neither sees nor changes user A's library, whatever the query says. */
static void
test_isolation(void)
{
	struct api_resp	*r;
	long long	 ua, ub, m = fixture_movie("shared", 100);
	char		*a = new_token("liba", &ua), *b = new_token("libb", &ub);
	char		 path[128];

	is_int(statusf("POST", a, NULL, "/api/watchlist/%lld", m), 201, "isolation: A adds");
	is_int(statusf("POST", a, NULL, "/api/favorites/%lld", m), 201, "isolation: A favors");
	is_int(statusf("PUT", a, "{\"score\":4}", "/api/ratings/%lld", m), 200,
	    "isolation: A rates");
	is_int(statusf("PUT", a, "{\"progress\":1200}", "/api/history/%lld", m), 200,
	    "isolation: A plays");

	snprintf(path, sizeof(path), "/api/watchlist?user_id=%lld", ua);
	r = api_get(path, b);
	is_num(jnum(r->json, "total_results"), 0, 0, "isolation: B's watchlist is empty");
	api_free(r);
	r = api_get("/api/favorites", b);
	is_num(jnum(r->json, "total_results"), 0, 0, "isolation: B's favorites are empty");
	api_free(r);
	r = api_get("/api/ratings", b);
	is_num(jnum(r->json, "total_results"), 0, 0, "isolation: B's ratings are empty");
	api_free(r);
	r = api_get("/api/history", b);
	is_num(jnum(r->json, "total_results"), 0, 0, "isolation: B's history is empty");
	api_free(r);
	r = api_get("/api/continue-watching", b);
	is_int(jsize(r->json, "results"), 0, "isolation: B has nothing to continue");
	api_free(r);

	/* B's removals touch only B's rows. */
	is_int(statusf("DELETE", b, NULL, "/api/watchlist/%lld", m), 204, "isolation: B removes");
	is_int(statusf("DELETE", b, NULL, "/api/favorites/%lld", m), 204, "isolation: B unfavors");
	is_int(statusf("DELETE", b, NULL, "/api/ratings/%lld", m), 204, "isolation: B unrates");
	is_int(statusf("DELETE", b, NULL, "/api/continue-watching/%lld", m), 204,
	    "isolation: B hides");
	is_int(statusf("PUT", b, "{\"score\":1}", "/api/ratings/%lld", m), 200,
	    "isolation: B rates the same movie");
	is_int(db_count("SELECT COUNT(*) FROM watchlist WHERE user_id = %lld AND movie_id = %lld",
	    ua, m), 1, "isolation: A's watchlist row stays");
	is_int(db_count("SELECT COUNT(*) FROM favorites WHERE user_id = %lld AND movie_id = %lld",
	    ua, m), 1, "isolation: A's favorite stays");
	is_int(db_count("SELECT score * 10 FROM ratings WHERE user_id = %lld AND movie_id = %lld",
	    ua, m), 40, "isolation: A's score stays 4");
	is_int(db_count("SELECT hidden FROM watch_history WHERE user_id = %lld AND movie_id = %lld",
	    ua, m), 0, "isolation: A's movie is not hidden");
	r = api_get("/api/continue-watching", a);
	ok(results_index(r, m) >= 0, "isolation: A still continues the movie");
	api_free(r);
	r = api_get("/api/ratings", a);
	is_num(jnum(r->json, "results.0.score"), 4, 0, "isolation: A sees A's score only");
	is_num(jnum(r->json, "total_results"), 1, 0, "isolation: one rating for A");
	api_free(r);
	free(a);
	free(b);
}

/* Deleting a movie takes it out of every library. */
static void
test_cascade(const char *tok)
{
	struct api_resp	*r;
	long long	 m = fixture_movie("doomed", 90), admin_id;
	char		*admin;

	statusf("POST", tok, NULL, "/api/watchlist/%lld", m);
	statusf("POST", tok, NULL, "/api/favorites/%lld", m);
	statusf("PUT", tok, "{\"score\":2.5}", "/api/ratings/%lld", m);
	statusf("PUT", tok, "{\"progress\":1000}", "/api/history/%lld", m);
	is_int(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM favorites WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM ratings WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld)", m, m, m, m), 4,
	    "cascade: the movie is in all four");
	ok(db_do("DELETE FROM movies WHERE id = %lld", m) == 0, "cascade: the movie is deleted");
	is_int(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM favorites WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM ratings WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld)", m, m, m, m), 0,
	    "cascade: and gone from every library table");
	r = api_get("/api/watchlist?per_page=100", tok);
	ok(r->status == 200 && results_index(r, m) == -1, "cascade: not in the watchlist");
	api_free(r);
	r = api_get("/api/continue-watching", tok);
	ok(r->status == 200 && results_index(r, m) == -1, "cascade: not in continue watching");
	api_free(r);
	r = reqf("POST", tok, NULL, "/api/watchlist/%lld", m);
	is_error(r, 404, "not_found", "cascade: adding the deleted movie");
	api_free(r);

	/* The same through the admin route. */
	m = fixture_movie("doomed", 0);
	statusf("POST", tok, NULL, "/api/favorites/%lld", m);
	statusf("PUT", tok, "{\"progress\":300}", "/api/history/%lld", m);
	admin = new_token("libadm", &admin_id);
	db_do("UPDATE users SET is_admin = 1 WHERE id = %lld", admin_id);
	is_int(statusf("DELETE", admin, NULL, "/api/admin/movies/%lld", m), 204,
	    "cascade: an admin deletes a movie");
	is_int(db_count("SELECT (SELECT COUNT(*) FROM favorites WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld)", m, m), 0,
	    "cascade: and it is gone from the libraries");
	r = api_get("/api/favorites?per_page=100", tok);
	ok(r->status == 200 && results_index(r, m) == -1, "cascade: not in the favorites");
	api_free(r);
	free(admin);
}

struct storm_arg {
	const char	*tok;
	long long	 movie;
};

/* One of several clients adding the same movie at once; fails on anything but 200/201. */
static int
add_child(int i, void *p)
{
	struct storm_arg	*a = p;
	long			 s;

	(void)i;
	s = statusf("POST", a->tok, NULL, "/api/watchlist/%lld", a->movie);
	return s == 201 ? 0 : s == 200 ? 0 : 1;
}

/* Adds of the same movie at once: all succeed, one row. */
static void
test_concurrent_adds(const char *tok)
{
	struct storm_arg	 a = { tok, fixture_movie("crowd", 100) };

	is_int(run_children(8, add_child, &a), 0, "concurrent adds: 8 at once all succeed");
	is_int(db_count("SELECT COUNT(*) FROM watchlist WHERE movie_id = %lld", a.movie), 1,
	    "concurrent adds: one row");
}

/* The catalog and the profile carry the caller's state (once those routes exist). */
static void
test_hooks(void)
{
	struct api_resp	*r;
	long long	 uid, m = fixture_movie("state", 100);
	char		*t = new_token("libs", &uid);
	char		 path[128];
	char		*before = NULL;	/* the anonymous detail before any library change */

	snprintf(path, sizeof(path), "/api/movies/%lld", m);
	r = api_get(path, NULL);
	if (r->status == 200)
		before = strdup(r->body);
	api_free(r);
	statusf("POST", t, NULL, "/api/watchlist/%lld", m);
	statusf("PUT", t, "{\"score\":3.5}", "/api/ratings/%lld", m);
	statusf("PUT", t, "{\"progress\":600}", "/api/history/%lld", m);
	r = api_get(path, t);
	is_int(r->status, 200, "the movie's detail with a token: 200");
	ok(cJSON_IsTrue(jget(r->json, "data.user_state.in_watchlist")), "user_state: in_watchlist");
	ok(cJSON_IsFalse(jget(r->json, "data.user_state.favorite")), "user_state: favorite");
	is_num(jnum(r->json, "data.user_state.progress"), 600, 0, "user_state: progress");
	ok(cJSON_IsFalse(jget(r->json, "data.user_state.completed")), "user_state: completed");
	is_num(jnum(r->json, "data.user_state.user_rating"), 3.5, 0, "user_state: user_rating");
	ok(is_private(r), "user_state: a detail with a token is private, no-store");
	api_free(r);
	r = api_get(path, NULL);
	ok(r->status == 200 && before != NULL, "the anonymous detail: 200, before and after");
	ok(jget(r->json, "data.user_state") == NULL && !is_private(r),
	    "user_state: none anonymously, and cacheable");
	is_str(r->body, before ? before : "", "user_state: the anonymous detail is byte for byte the same");
	api_free(r);
	free(before);
	r = api_get("/api/profile", t);
	is_int(r->status, 200, "profile: 200");
	is_num(jnum(r->json, "data.stats.watchlist_count"), 1, 0, "profile: watchlist_count");
	is_num(jnum(r->json, "data.stats.favorites_count"), 0, 0, "profile: favorites_count");
	is_num(jnum(r->json, "data.stats.watched_count"), 0, 0, "profile: watched_count");
	api_free(r);
	free(t);
}

/* Deleting an account takes its library with it. */
static void
test_account_delete(void)
{
	struct api_resp	*r;
	long long	 uid, m = fixture_movie("leaver", 100);
	char		*t = new_token("libd", &uid);

	statusf("POST", t, NULL, "/api/watchlist/%lld", m);
	statusf("POST", t, NULL, "/api/favorites/%lld", m);
	statusf("PUT", t, "{\"score\":1.5}", "/api/ratings/%lld", m);
	statusf("PUT", t, "{\"progress\":700}", "/api/history/%lld", m);
	r = api_send("DELETE", "/api/profile", t, "{\"password\":\"correct horse 1\"}");
	is_int(r->status, 204, "DELETE /profile: 204");
	is_int(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE user_id = %lld) + "
		    "(SELECT COUNT(*) FROM favorites WHERE user_id = %lld) + "
		    "(SELECT COUNT(*) FROM ratings WHERE user_id = %lld) + "
		    "(SELECT COUNT(*) FROM watch_history WHERE user_id = %lld)", uid, uid, uid, uid),
		    0, "a deleted account leaves no library rows");
	api_free(r);
	free(t);
}

int
main(void)
{
	char		*tok;
	long long	 uid;

	api_init();
	gone = missing_movie();
	test_auth(fixture_movie("auth", 100));
	tok = new_token("lib", &uid);
	test_list("watchlist", "data.in_watchlist", tok);
	test_list("favorites", "data.favorite", tok);
	test_ratings(tok);
	test_isolation();
	test_cascade(tok);
	test_concurrent_adds(tok);
	test_hooks();
	test_account_delete();
	free(tok);
	return done_testing();
}
