/* test-streams.c: screens per plan: /play opens a stream, heartbeats and reports keep it, the plan's limit holds, races included. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "accounts.h"
#include "subs_helpers.h"

#define RACERS	6	/* devices racing for the last screen */
#define ROUNDS	4	/* races */

/* A login of an account, with a device label; bails out when it fails. */
static void
device(struct acct *a, const char *name, const char *label)
{
	struct api_resp	*r;
	char		 body[512];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\",\"device\":\"%s\"}",
	    name, PW, label);
	r = api_send("POST", "/api/login", NULL, body);
	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	if (r->status != 200 || !acct_take(a, r))
		bail("login %s: %ld %.200s", name, r->status, r->body);
	api_free(r);
}

/* A new account subscribed to plan; its first login is a. */
static void
subscriber(struct acct *a, const char *prefix, const char *plan)
{
	struct api_resp	*r;
	char		 tok[128];

	acct_new(a, prefix);
	snprintf(tok, sizeof(tok), "tok_ok_%s_%s", a->name, plan);
	r = subs_post(a->access, plan, tok, NULL);
	if (r->status != 201)
		bail("subscribe %s to %s: %ld %.200s", a->name, plan, r->status, r->body);
	api_free(r);
}

static struct api_resp *
play(const struct acct *a, long long movie)
{
	char	 path[96];

	snprintf(path, sizeof(path), "/api/movies/%lld/play", movie);
	return api_get(path, a->access);
}

static long
play_status(const struct acct *a, long long movie)
{
	struct api_resp	*r = play(a, movie);
	long		 s = r->status;

	api_free(r);
	return s;
}

static struct api_resp *
heartbeat(const struct acct *a, long long movie)
{
	char	 path[96];

	snprintf(path, sizeof(path), "/api/movies/%lld/play/heartbeat", movie);
	return api_send("POST", path, a->access, NULL);
}

static long
send_status(const char *method, const char *path, const struct acct *a)
{
	struct api_resp	*r = api_send(method, path, a->access, NULL);
	long		 s = r->status;

	api_free(r);
	return s;
}

static long
progress(const struct acct *a, long long movie, int pos)
{
	struct api_resp	*r;
	char		 path[96], body[96];
	long		 s;

	snprintf(path, sizeof(path), "/api/history/%lld", movie);
	snprintf(body, sizeof(body), "{\"progress\":%d,\"duration\":7200}", pos);
	r = api_send("PUT", path, a->access, body);
	s = r->status;
	api_free(r);
	return s;
}

/* Make login sid's stream as if its last report came secs ago. */
static void
age_stream(long long sid, int secs)
{
	db_do("UPDATE streams SET last_seen = NOW(3) - INTERVAL %d SECOND WHERE session_id = %lld",
	    secs, sid);
}

static void
test_plans(void)
{
	struct api_resp	*r = api_get("/api/plans", NULL);
	cJSON		*p;
	int		 seen = 0;

	cJSON_ArrayForEach(p, jget(r->json, "results")) {
		const char	*code = jstr(p, "code");
		int		 n = (int)jnum(p, "max_streams");

		if (code == NULL)
			continue;
		if (strcmp(code, "basic") == 0)
			seen += is_int(n, 1, "basic: 1 screen");
		else if (strcmp(code, "standard") == 0)
			seen += is_int(n, 2, "standard: 2 screens");
		else if (strcmp(code, "premium") == 0)
			seen += is_int(n, 4, "premium: 4 screens");
	}
	is_int(seen, 3, "GET /plans gives each plan's max_streams");
	api_free(r);
}

static void
test_one_screen(void)
{
	struct acct	 a, b, c;
	struct api_resp	*r;
	long long	 m1 = subs_movie("streams one", NULL), m2 = subs_movie("streams two", NULL);
	char		 path[96];

	subscriber(&a, "scr", "basic");
	device(&b, a.name, "Bedroom TV");
	device(&c, a.name, "Phone");

	r = play(&a, m1);
	is_int(r->status, 200, "basic: the first device plays");
	is_int((long long)jnum(r->json, "data.stream.id"), a.sid, "its stream is its login");
	is_int((long long)jnum(r->json, "data.stream.timeout"), 120, "stream.timeout: 120 s");
	ok(jnum(r->json, "data.stream.heartbeat_every") > 0, "stream.heartbeat_every");
	api_free(r);
	is_int(play_status(&a, m1), 200, "the same login playing again replaces its own stream");
	is_int(play_status(&a, m2), 200, "and so does another movie on the same login");

	r = play(&b, m1);
	is_error(r, 409, "too_many_streams", "a second device on one screen: 409 too_many_streams");
	is_int((long long)jnum(r->json, "max_streams"), 1, "with max_streams");
	is_int(jsize(r->json, "streams"), 1, "and the stream that holds the screen");
	is_int((long long)jnum(r->json, "streams.0.id"), a.sid, "its id is the holding login");
	ok(jstr(r->json, "streams.0.device") != NULL, "with its device");
	is_int((long long)jnum(r->json, "streams.0.movie_id"), m2, "what it plays");
	ok(jstr(r->json, "streams.0.title") != NULL && jstr(r->json, "streams.0.last_seen") != NULL,
	    "its title and when it was last seen");
	api_free(r);

	r = api_get("/api/streams", b.access);
	is_int(r->status, 200, "GET /streams: 200");
	is_int((long long)jnum(r->json, "max_streams"), 1, "max_streams");
	is_int(jsize(r->json, "results"), 1, "one open stream");
	ok(cJSON_IsFalse(jget(r->json, "results.0.current")), "not the caller's");
	api_free(r);

	/* Stop it from the other device; it stays stopped for its player. */
	snprintf(path, sizeof(path), "/api/streams/%lld", a.sid);
	is_int(send_status("DELETE", path, &b), 204, "DELETE /streams/{id} of another device: 204");
	is_int(play_status(&b, m1), 200, "its screen is free at once");
	r = heartbeat(&a, m2);
	is_error(r, 409, "stream_stopped", "the stopped player's heartbeat: 409 stream_stopped");
	api_free(r);
	is_int(progress(&a, m2, 100), 200, "its progress report is still saved");
	r = play(&a, m1);
	is_error(r, 409, "too_many_streams", "playing anew: the screen is taken");
	is_int((long long)jnum(r->json, "streams.0.id"), b.sid, "by the other device");
	api_free(r);

	/* A heartbeat keeps the stream open and renews the URL. */
	r = heartbeat(&b, m1);
	is_int(r->status, 200, "heartbeat of the open stream: 200");
	ok(jstr(r->json, "data.url") != NULL, "with a fresh signed URL");
	ok(jstr(r->json, "data.expires_at") != NULL, "and its expiry");
	if (jstr(r->json, "data.url") != NULL) {
		struct api_resp	*m;
		size_t		 n = strlen(api_base());

		m = api_get(jstr(r->json, "data.url") + n, NULL);
		is_int(m->status, 200, "nginx serves the renewed URL");
		api_free(m);
	}
	api_free(r);
	is_int(db_count("SELECT TIMESTAMPDIFF(SECOND, last_seen, NOW(3)) FROM streams WHERE "
	    "session_id = %lld", b.sid) <= 1, 1, "last_seen is now");

	/* Stopping one's own player frees the screen. */
	snprintf(path, sizeof(path), "/api/movies/%lld/play", m1);
	is_int(send_status("DELETE", path, &b), 204, "DELETE /movies/{id}/play: 204");
	is_int(send_status("DELETE", path, &b), 204, "again: 204");
	is_int(play_status(&c, m1), 200, "the screen is free for a third device");

	/* Two minutes without a report close a stream. */
	age_stream(c.sid, 121);
	is_int(play_status(&a, m2), 200, "a stream quiet for over 2 minutes no longer holds the screen");
	age_stream(a.sid, 100);
	is_int(progress(&a, m2, 160), 200, "a progress report...");
	ok(db_count("SELECT TIMESTAMPDIFF(SECOND, last_seen, NOW(3)) FROM streams WHERE "
	    "session_id = %lld", a.sid) <= 1, "...keeps the player's stream open");
	is_int(play_status(&c, m1), 409, "so the other device still waits");
	/* A long pause: the report reopens the stream when the screen is free. */
	age_stream(a.sid, 300);
	is_int(progress(&a, m2, 170), 200, "a report after a long pause");
	is_int(play_status(&c, m1), 409, "takes the free screen back for the paused player");
	age_stream(a.sid, 300);
	is_int(play_status(&c, m1), 200, "the other device takes it when it is free");
	is_int(progress(&a, m2, 180), 200, "the paused player's report is saved...");
	is_int(db_count("SELECT last_seen < NOW(3) - INTERVAL 200 SECOND FROM streams WHERE "
	    "session_id = %lld", a.sid), 1, "...without taking the screen over");

	/* Signing a device out frees its screen. */
	snprintf(path, sizeof(path), "/api/sessions/%lld", c.sid);
	is_int(send_status("DELETE", path, &a), 204, "sign the playing device out");
	is_int(play_status(&a, m2), 200, "its screen is free at once");

	/* Errors. */
	snprintf(path, sizeof(path), "/api/streams/%lld", b.sid);
	is_int(send_status("DELETE", path, &b), 204, "stopping one's own login with no stream: 204");
	r = api_send("DELETE", "/api/streams/999999999999", b.access, NULL);
	is_error(r, 404, "not_found", "DELETE /streams of no such login: 404");
	api_free(r);
	r = heartbeat(&a, 999999999999LL);
	is_error(r, 404, "not_found", "heartbeat of no such movie: 404");
	api_free(r);
	r = api_send("DELETE", "/api/movies/999999999999/play", a.access, NULL);
	is_error(r, 404, "not_found", "stop of no such movie: 404");
	api_free(r);
	snprintf(path, sizeof(path), "/api/movies/%lld/play/heartbeat", m1);
	r = api_send("POST", path, NULL, NULL);
	is_error(r, 401, "unauthorized", "heartbeat without a token: 401");
	api_free(r);
	r = api_get("/api/streams", NULL);
	is_error(r, 401, "unauthorized", "GET /streams without a token: 401");
	api_free(r);
}

static void
test_two_screens(void)
{
	struct acct	 a, b, c, x;
	struct api_resp	*r;
	long long	 m = subs_movie("streams std", NULL);
	char		 path[96];

	subscriber(&a, "std", "standard");
	device(&b, a.name, "Laptop");
	device(&c, a.name, "Tablet");
	is_int(play_status(&a, m), 200, "standard: one");
	is_int(play_status(&b, m), 200, "standard: two");
	r = play(&c, m);
	is_error(r, 409, "too_many_streams", "standard: a third is 409");
	is_int((long long)jnum(r->json, "max_streams"), 2, "max_streams 2");
	is_int(jsize(r->json, "streams"), 2, "both streams listed");
	api_free(r);
	r = api_get("/api/streams", a.access);
	is_int(jsize(r->json, "results"), 2, "GET /streams lists both");
	ok(cJSON_IsTrue(jget(r->json, "results.0.current")) !=
	    cJSON_IsTrue(jget(r->json, "results.1.current")), "one of them is the caller's");
	api_free(r);

	subscriber(&x, "stdx", "standard");
	snprintf(path, sizeof(path), "/api/streams/%lld", a.sid);
	r = api_send("DELETE", path, x.access, NULL);
	is_error(r, 404, "not_found", "another account's stream: 404");
	api_free(r);
	is_int(play_status(&x, m), 200, "accounts do not share screens");
}

static void
test_no_subscription(void)
{
	struct acct	 a;
	struct api_resp	*r;
	long long	 m = subs_movie("streams nosub", NULL);

	acct_new(&a, "nsb");
	r = play(&a, m);
	is_error(r, 402, "payment_required", "play without a subscription: 402");
	api_free(r);
	r = heartbeat(&a, m);
	is_error(r, 402, "payment_required", "heartbeat without a subscription: 402");
	api_free(r);
	r = api_get("/api/streams", a.access);
	is_int(r->status, 200, "GET /streams without a subscription: 200");
	is_int((long long)jnum(r->json, "max_streams"), 0, "max_streams 0");
	is_int(jsize(r->json, "results"), 0, "no streams");
	api_free(r);
}

/* ---- devices racing for the last screen, through nginx ---- */

struct racer {
	const char	*url;
	char		 auth[1200];
	long		 status;
};

static pthread_barrier_t	 start;

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static void *
race(void *arg)
{
	struct racer		*rc = arg;
	struct curl_slist	*h = curl_slist_append(NULL, rc->auth);
	CURL			*c = curl_easy_init();

	curl_easy_setopt(c, CURLOPT_URL, rc->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	pthread_barrier_wait(&start);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rc->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static void
test_race(void)
{
	struct acct	 first, dev[RACERS];
	struct racer	 rc[RACERS];
	pthread_t	 t[RACERS];
	char		 url[256], label[32];
	long long	 m = subs_movie("streams race", NULL);
	int		 i, round, won, lost, rounds_ok = 0;

	subscriber(&first, "race", "basic");
	for (i = 0; i < RACERS; i++) {
		snprintf(label, sizeof(label), "Racer %d", i);
		device(&dev[i], first.name, label);
	}
	snprintf(url, sizeof(url), "%s/api/movies/%lld/play", api_base(), m);
	for (round = 0; round < ROUNDS; round++) {
		db_do("DELETE FROM streams WHERE user_id = %lld", first.id);
		pthread_barrier_init(&start, NULL, RACERS);
		for (i = 0; i < RACERS; i++) {
			rc[i].url = url;
			rc[i].status = 0;
			snprintf(rc[i].auth, sizeof(rc[i].auth), "Authorization: Bearer %s",
			    dev[i].access);
			pthread_create(&t[i], NULL, race, &rc[i]);
		}
		for (won = lost = i = 0; i < RACERS; i++) {
			pthread_join(t[i], NULL);
			won += rc[i].status == 200;
			lost += rc[i].status == 409;
		}
		pthread_barrier_destroy(&start);
		if (won == 1 && lost == RACERS - 1)
			rounds_ok++;
		else
			diag("round %d: %d won, %d refused", round, won, lost);
		is_int(db_count("SELECT COUNT(*) FROM streams WHERE user_id = %lld", first.id), 1,
		    "round %d: one stream row", round);
	}
	is_int(rounds_ok, ROUNDS, "%d devices racing for one screen: exactly one wins, every round",
	    RACERS);
}

int
main(void)
{
	api_init();
	test_plans();
	test_one_screen();
	test_two_screens();
	test_no_subscription();
	test_race();
	return done_testing();
}
