/*
 * test-memory.c: what the workers remember of logins and users (cgi-bin/authn.c,
 * cgi-bin/viewer.c, lib/board.c) never outlives a change: a change made through the API
 * shows at once on every worker, one made around it (SQL, as the batch or an operator would)
 * once version_check_ms has passed (the client waits that long after db_do), and access
 * that runs out shows without any write at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "tap.h"

#define TRIES	6	/* requests in a row: every worker of the test pool answers some */

static char	 path[64];	/* /api/movies/<the fixture movie> */
static long long movie;

/* How many of TRIES answers to GET url with token have status. */
static int
count_status(const char *url, const char *token, long status)
{
	struct api_resp	*r;
	int		 i, n = 0;

	for (i = 0; i < TRIES; i++) {
		r = api_get(url, token);
		n += r->status == status;
		api_free(r);
	}
	return n;
}

/* How many of TRIES answers to GET url with token have the JSON value want at jpath. */
static int
count_value(const char *url, const char *token, const char *jpath, const char *want)
{
	struct api_resp	*r;
	const cJSON	*v;
	char		*text;
	int		 i, n = 0;

	for (i = 0; i < TRIES; i++) {
		r = api_get(url, token);
		if (r->status == 200 && (v = jget(r->json, jpath)) != NULL &&
		    (text = cJSON_PrintUnformatted(v)) != NULL) {
			n += strcmp(text, want) == 0;
			free(text);
		}
		api_free(r);
	}
	return n;
}

static void
test_logins(void)
{
	struct api_resp	*r;
	long long	 uid;
	char		 tok[2048], body[256];

	snprintf(tok, sizeof(tok), "%s", api_new_user("mem", &uid));
	is_int(count_status("/api/profile", tok, 200), TRIES, "a fresh token works on every worker");
	r = api_send("POST", "/api/logout", tok, "{}");
	is_int(r->status, 204, "logout through the API");
	api_free(r);
	is_int(count_status("/api/profile", tok, 401), TRIES,
	    "after logout the token is refused at once on every worker");

	snprintf(tok, sizeof(tok), "%s", api_new_user("mem", &uid));
	is_int(count_status("/api/profile", tok, 200), TRIES, "a second user's token works");
	db_do("UPDATE sessions SET revoked_at = NOW(), revoke_reason = 'logout' WHERE user_id = %lld",
	    uid);
	is_int(count_status("/api/profile", tok, 401), TRIES,
	    "a login revoked by SQL is refused on every worker once version_check_ms passed");

	snprintf(tok, sizeof(tok), "%s", api_new_user("mem", &uid));
	snprintf(body, sizeof(body), "{\"title\":\"Memory admin %s\"}", api_unique());
	r = api_send("POST", "/api/admin/movies", tok, body);
	is_int(r->status, 403, "not an administrator yet");
	api_free(r);
	db_do("UPDATE users SET is_admin = 1 WHERE id = %lld", uid);
	r = api_send("POST", "/api/admin/movies", tok, body);
	is_int(r->status, 201, "made an administrator by SQL: the same token may now");
	if (r->status == 201)
		db_do("DELETE FROM movies WHERE id = %lld", (long long)jnum(r->json, "data.id"));
	api_free(r);
	db_do("UPDATE users SET is_admin = 0 WHERE id = %lld", uid);
	r = api_send("POST", "/api/admin/movies", tok, body);
	is_int(r->status, 403, "rights taken back by SQL: 403 again");
	api_free(r);
}

static void
test_library(void)
{
	struct api_resp	*r;
	long long	 a, b;
	char		 ta[2048], tb[2048], url[96];

	snprintf(ta, sizeof(ta), "%s", api_new_user("mema", &a));
	snprintf(tb, sizeof(tb), "%s", api_new_user("memb", &b));
	is_int(count_value(path, ta, "data.user_state.in_watchlist", "false"), TRIES,
	    "A: not in the watchlist (and now remembered)");
	is_int(count_value("/api/profile", ta, "data.stats.watchlist_count", "0"), TRIES,
	    "A: profile counts 0 (and now remembered)");

	snprintf(url, sizeof(url), "/api/watchlist/%lld", movie);
	r = api_send("POST", url, ta, NULL);
	is_int(r->status, 201, "A adds the movie to the watchlist");
	api_free(r);
	is_int(count_value(path, ta, "data.user_state.in_watchlist", "true"), TRIES,
	    "A's own write shows at once on every worker (detail)");
	is_int(count_value("/api/profile", ta, "data.stats.watchlist_count", "1"), TRIES,
	    "A's own write shows at once on every worker (profile)");
	is_int(count_value(path, tb, "data.user_state.in_watchlist", "false"), TRIES,
	    "B's detail is B's own");

	snprintf(url, sizeof(url), "/api/history/%lld", movie);
	r = api_send("PUT", url, ta, "{\"progress\": 600, \"duration\": 6000}");
	is_int(r->status, 200, "A's progress through the API");
	api_free(r);
	is_int(count_value(path, ta, "data.user_state.progress", "600"), TRIES,
	    "progress shows at once on every worker");

	db_do("INSERT INTO favorites (user_id, movie_id) VALUES (%lld, %lld)", a, movie);
	is_int(count_value(path, ta, "data.user_state.favorite", "true"), TRIES,
	    "a favorite added by SQL shows once version_check_ms passed (detail)");
	is_int(count_value("/api/profile", ta, "data.stats.favorites_count", "1"), TRIES,
	    "... and in the profile");
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 3.5)", a, movie);
	is_int(count_value(path, ta, "data.user_state.user_rating", "3.5"), TRIES,
	    "a rating added by SQL shows");
	db_do("UPDATE users SET email = 'mem-%s@example.com' WHERE id = %lld", api_unique(), a);
	r = api_get("/api/profile", ta);
	ok(jstr(r->json, "data.user.email") != NULL &&
	    strncmp(jstr(r->json, "data.user.email"), "mem-", 4) == 0,
	    "an e-mail changed by SQL shows in the profile");
	api_free(r);
	is_int(count_value(path, tb, "data.user_state.favorite", "false"), TRIES,
	    "B still has no favorite");
}

/* A library too large to keep (over 5,000 rows) is read per request, and right. */
static void
test_large_library(void)
{
	struct api_resp	*r;
	long long	 a, in, out;
	char		 ta[2048], url[96];

	snprintf(ta, sizeof(ta), "%s", api_new_user("memd", &a));
	db_do("INSERT INTO watchlist (user_id, movie_id) SELECT %lld, id FROM movies "
	    "ORDER BY id LIMIT 5001", a);
	ok(db_count("SELECT COUNT(*) FROM watchlist WHERE user_id = %lld", a) == 5001,
	    "a watchlist of 5,001 movies, written by SQL");
	in = db_count("SELECT MIN(movie_id) FROM watchlist WHERE user_id = %lld", a);
	out = db_count("SELECT MIN(id) FROM movies WHERE id NOT IN "
	    "(SELECT movie_id FROM watchlist WHERE user_id = %lld)", a);
	snprintf(url, sizeof(url), "/api/movies/%lld", in);
	is_int(count_value(url, ta, "data.user_state.in_watchlist", "true"), TRIES,
	    "large library: a listed movie shows in_watchlist on every worker");
	snprintf(url, sizeof(url), "/api/movies/%lld", out);
	is_int(count_value(url, ta, "data.user_state.in_watchlist", "false"), TRIES,
	    "large library: an unlisted one does not");
	snprintf(url, sizeof(url), "/api/watchlist/%lld", in);
	r = api_send("DELETE", url, ta, NULL);
	is_int(r->status, 204, "large library: removed through the API");
	api_free(r);
	snprintf(url, sizeof(url), "/api/movies/%lld", in);
	is_int(count_value(url, ta, "data.user_state.in_watchlist", "false"), TRIES,
	    "large library: the removal shows at once");
	db_do("DELETE FROM watchlist WHERE user_id = %lld", a);
}

static void
test_access(void)
{
	long long	 a, sub;
	char		 ta[2048];

	snprintf(ta, sizeof(ta), "%s", api_new_user("memc", &a));
	is_int(count_value(path, ta, "data.video_url", "null"), TRIES, "no subscription: no video_url");
	is_int(count_value("/api/profile", ta, "data.subscription", "null"), TRIES,
	    "no subscription in the profile");
	db_do("INSERT INTO subscriptions (user_id, plan_id, status, auto_renew, payment_token, "
	    "start_date, end_date) SELECT %lld, id, 'active', 0, 'tok_test', NOW(), "
	    "NOW() + INTERVAL 3 SECOND FROM plans WHERE code = 'basic'", a);
	sub = db_count("SELECT MAX(id) FROM subscriptions WHERE user_id = %lld", a);
	ok(sub > 0, "a subscription ending in 3 seconds, written by SQL");
	is_int(count_value(path, ta, "data.video_url", "null"), 0,
	    "it gives a video_url on every worker");
	is_int(count_value("/api/profile", ta, "data.subscription.status", "\"canceled\""), TRIES,
	    "the profile shows it (canceled: it will not renew)");
	sleep(4);
	is_int(count_value(path, ta, "data.video_url", "null"), TRIES,
	    "when it runs out, with no write at all, the video_url goes on every worker");
	is_int(count_value("/api/profile", ta, "data.subscription.status", "\"expired\""), TRIES,
	    "and the profile says expired");
	db_do("UPDATE subscriptions SET end_date = NOW() + INTERVAL 1 DAY WHERE id = %lld", sub);
	is_int(count_value(path, ta, "data.video_url", "null"), 0,
	    "extended by SQL: the video_url is back once version_check_ms passed");
}

int
main(void)
{
	char	 title[128];

	api_init();
	snprintf(title, sizeof(title), "Memory fixture %s", api_unique());
	if (db_do("INSERT INTO movies (title, genres) VALUES ('%s', '')", title) != 0)
		bail("cannot insert the fixture movie");
	movie = db_count("SELECT id FROM movies WHERE title = '%s'", title);
	ok(movie > 0, "fixture movie %lld", movie);
	snprintf(path, sizeof(path), "/api/movies/%lld", movie);

	test_logins();
	test_library();
	test_large_library();
	test_access();
	db_do("DELETE FROM movies WHERE id = %lld", movie);
	return done_testing();
}
