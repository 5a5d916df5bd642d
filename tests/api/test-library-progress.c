/* test-library-progress.c: playback progress: the 5% and 90% rules, continue watching, storms. */
#include "library.h"

static long long	 gone;	/* an id no movie has */

/* PUT /history/{m} with body; returns the response (free with api_free). */
static struct api_resp *
put_progress(const char *tok, long long m, const char *body)
{
	return reqf("PUT", tok, body, "/api/history/%lld", m);
}

/* Whether continue-watching of tok holds m; its index or -1. */
static int
continuing(const char *tok, long long m)
{
	struct api_resp	*r = api_get("/api/continue-watching", tok);
	int		 i = r->status == 200 ? results_index(r, m) : -2;

	api_free(r);
	return i;
}

/* The answer's shape, and the boundaries 4.9%, 5%, 89.9%, 90% of a 100-minute movie. */
static void
test_boundaries(const char *tok)
{
	struct api_resp	*r;
	long long	 m = fixture_movie("bounds", 100);	/* 6000 s */

	r = put_progress(tok, m, "{\"progress\":294}");
	is_int(r->status, 200, "4.9%%: 200");
	is_num(jnum(r->json, "data.movie_id"), (double)m, 0, "4.9%%: data.movie_id");
	is_num(jnum(r->json, "data.progress"), 294, 0, "4.9%%: the position is kept");
	is_num(jnum(r->json, "data.percent"), 4.9, 1e-9, "4.9%%: percent");
	ok(cJSON_IsFalse(jget(r->json, "data.completed")), "4.9%%: not completed");
	ok(jstr(r->json, "data.updated_at") != NULL && strlen(jstr(r->json, "data.updated_at")) == 20,
	    "4.9%%: updated_at is an ISO time");
	ok(is_private(r), "PUT /history is private, no-store");
	api_free(r);
	is_int(continuing(tok, m), -1, "4.9%%: not in progress");

	r = put_progress(tok, m, "{\"progress\":300}");
	is_num(jnum(r->json, "data.percent"), 5, 1e-9, "5%%: percent");
	ok(cJSON_IsFalse(jget(r->json, "data.completed")), "5%%: not completed");
	api_free(r);
	is_int(continuing(tok, m), 0, "5%%: in progress, first in the row");

	r = put_progress(tok, m, "{\"progress\":5394}");
	is_num(jnum(r->json, "data.progress"), 5394, 0, "89.9%%: the position");
	is_num(jnum(r->json, "data.percent"), 89.9, 1e-9, "89.9%%: percent");
	ok(cJSON_IsFalse(jget(r->json, "data.completed")), "89.9%%: not completed");
	api_free(r);
	is_int(continuing(tok, m), 0, "89.9%%: still in progress");

	r = put_progress(tok, m, "{\"progress\":5400}");
	is_int(r->status, 200, "90%%: 200");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "90%%: completed");
	is_num(jnum(r->json, "data.progress"), 0, 0, "90%%: the position resets to 0");
	is_num(jnum(r->json, "data.percent"), 100, 0, "90%%: percent says watched");
	api_free(r);
	is_int(continuing(tok, m), -1, "90%%: no longer in progress");
	is_int(db_count("SELECT play_count FROM watch_history WHERE movie_id = %lld", m), 1,
	    "90%%: play_count 1");
	r = put_progress(tok, m, "{\"progress\":5700}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "95%% after 90%%: still completed");
	api_free(r);
	is_int(db_count("SELECT play_count FROM watch_history WHERE movie_id = %lld", m), 1,
	    "reports past 90%% of the same viewing count once");
	r = put_progress(tok, m, "{\"progress\":100}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")),
	    "under 5%% after completion: still completed");
	api_free(r);
	is_int(continuing(tok, m), -1, "under 5%% of a rewatch: not in progress");
	r = put_progress(tok, m, "{\"progress\":3000}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")),
	    "a rewatch at 50%%: completed stays (it was watched)");
	is_num(jnum(r->json, "data.progress"), 3000, 0, "a rewatch at 50%%: the position");
	api_free(r);
	is_int(continuing(tok, m), 0, "a rewatch is in continue watching");
	r = put_progress(tok, m, "{\"progress\":99999}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "past the end: clamped, completed");
	is_num(jnum(r->json, "data.progress"), 0, 0, "past the end: position 0");
	api_free(r);
	is_int(db_count("SELECT play_count FROM watch_history WHERE movie_id = %lld", m), 2,
	    "the second viewing counts: play_count 2");
	is_int(db_count("SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld", m), 1,
	    "one history row for the movie");

	/* Fractions of a second, and the 5% of a 120-minute movie computed in binary. */
	m = fixture_movie("bounds2", 120);	/* 7200 s */
	r = put_progress(tok, m, "{\"progress\":352.8}");
	is_num(jnum(r->json, "data.percent"), 4.9, 1e-9, "4.9%% of 7200 s: percent");
	is_num(jnum(r->json, "data.progress"), 352, 0, "whole seconds are stored");
	api_free(r);
	is_int(continuing(tok, m), -1, "4.9%% of 7200 s: not in progress");
	r = put_progress(tok, m, "{\"progress\":6472.8}");
	is_num(jnum(r->json, "data.percent"), 89.9, 1e-9, "89.9%% of 7200 s: percent");
	ok(cJSON_IsFalse(jget(r->json, "data.completed")), "89.9%% of 7200 s: not completed");
	api_free(r);
	r = put_progress(tok, m, "{\"progress\":6480}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "90%% of 7200 s: completed");
	api_free(r);
}

/* No running time in the catalog: the player's duration, remembered; none at all. */
static void
test_unknown_runtime(const char *tok)
{
	struct api_resp	*r;
	long long	 m = fixture_movie("noruntime", 0), m2 = fixture_movie("noruntime", 0);
	long long	 m3 = fixture_movie("runtime", 100);

	r = put_progress(tok, m, "{\"progress\":1234}");
	is_int(r->status, 200, "no running time: 200");
	is_num(jnum(r->json, "data.progress"), 1234, 0, "no running time: the position is kept");
	ok(cJSON_IsNull(jget(r->json, "data.percent")), "no running time: percent is null");
	ok(cJSON_IsFalse(jget(r->json, "data.completed")), "no running time: not completed");
	api_free(r);
	ok(continuing(tok, m) >= 0, "no running time: a position to continue from");
	r = put_progress(tok, m, "{\"progress\":99999,\"duration\":null}");
	is_num(jnum(r->json, "data.progress"), 99999, 0, "no running time: nothing to clamp to");
	api_free(r);

	r = put_progress(tok, m2, "{\"progress\":100,\"duration\":2000}");
	is_num(jnum(r->json, "data.percent"), 5, 1e-9, "the player's duration is used");
	api_free(r);
	is_int(db_count("SELECT duration FROM watch_history WHERE movie_id = %lld", m2), 2000,
	    "and remembered");
	r = put_progress(tok, m2, "{\"progress\":1000}");
	is_num(jnum(r->json, "data.percent"), 50, 1e-9, "the remembered duration is used");
	api_free(r);
	r = put_progress(tok, m2, "{\"progress\":3000}");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "clamped to the remembered duration");
	is_num(jnum(r->json, "data.progress"), 0, 0, "and completed");
	api_free(r);
	r = put_progress(tok, m2, "{\"progress\":500,\"duration\":null}");
	is_num(jnum(r->json, "data.percent"), 25, 1e-9, "duration null means unknown");
	api_free(r);
	r = put_progress(tok, m2, "{\"progress\":500,\"duration\":0}");
	is_error(r, 400, "bad_request", "duration 0 is refused");
	is_str(jstr(r->json, "fields.duration"), "must be an integer from 1 to 864000",
	    "duration 0: fields.duration says what a duration is");
	api_free(r);
	is_int(db_count("SELECT duration FROM watch_history WHERE movie_id = %lld", m2), 2000,
	    "duration 0: the remembered duration is unchanged");
	r = put_progress(tok, m2, "{\"progress\":10,\"duration\":1}");
	is_int(r->status, 200, "duration 1 (the least) is taken");
	ok(cJSON_IsTrue(jget(r->json, "data.completed")), "duration 1: 10 s is past the end");
	api_free(r);
	r = put_progress(tok, m2, "{\"progress\":100,\"duration\":2000}");
	is_num(jnum(r->json, "data.percent"), 5, 1e-9, "back to a duration of 2000");
	api_free(r);

	r = put_progress(tok, m3, "{\"progress\":300,\"duration\":100000}");
	is_num(jnum(r->json, "data.percent"), 5, 1e-9, "the catalog's running time wins");
	api_free(r);
}

/* Refused reports change nothing. */
static void
test_invalid(const char *tok)
{
	static const struct {
		const char	*body, *field;
	} bad[] = {
		{ "{\"progress\":-1}", "progress" },
		{ "{\"progress\":\"abc\"}", "progress" },
		{ "{\"progress\":\"300\"}", "progress" },
		{ "{\"progress\":null}", "progress" },
		{ "{\"progress\":true}", "progress" },
		{ "{}", "progress" },
		{ "{\"progress\":10,\"duration\":-5}", "duration" },
		{ "{\"progress\":10,\"duration\":\"x\"}", "duration" },
		{ "{\"progress\":-0.5,\"duration\":60}", "progress" },
		{ "{\"progress\":1e9}", "progress" },
		{ "{\"progress\":10,\"duration\":1e9}", "duration" },
		{ "{\"progress\":10,\"duration\":0}", "duration" },
		{ "{\"progress\":10,\"duration\":0.5}", "duration" },
		{ "{\"progress\":10,\"duration\":5400.5}", "duration" },
		{ "{\"progress\":10,\"duration\":true}", "duration" },
	};
	struct api_resp	*r;
	char		 field[64];
	long long	 m = fixture_movie("invalid", 100);
	size_t		 i;

	is_int(statusf("PUT", tok, "{\"progress\":1000}", "/api/history/%lld", m), 200,
	    "invalid: a valid report first");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = put_progress(tok, m, bad[i].body);
		snprintf(field, sizeof(field), "fields.%s", bad[i].field);
		ok(r->status == 400 && jstr(r->json, field) != NULL &&
		    strcmp(jstr(r->json, "error"), "bad_request") == 0,
		    "invalid: %s is 400 naming %s", bad[i].body, bad[i].field);
		api_free(r);
	}
	r = api_send("PUT", "/api/history/1", tok, NULL);
	is_error(r, 400, "bad_request", "invalid: no body");
	api_free(r);
	is_int(db_count("SELECT position FROM watch_history WHERE movie_id = %lld", m), 1000,
	    "invalid: the position is unchanged");
	r = put_progress(tok, gone, "{\"progress\":10}");
	is_error(r, 404, "not_found", "a movie that does not exist");
	api_free(r);
}

/* Hide from continue watching, keep the position, reappear on the next report. */
static void
test_hide(const char *tok)
{
	struct api_resp	*r;
	long long	 m = fixture_movie("hide", 100), other = fixture_movie("hide", 100);

	statusf("PUT", tok, "{\"progress\":2000}", "/api/history/%lld", m);
	is_int(continuing(tok, m), 0, "hide: in progress");
	is_int(statusf("DELETE", tok, NULL, "/api/continue-watching/%lld", m), 204, "hide: 204");
	is_int(continuing(tok, m), -1, "hide: gone from continue watching");
	is_int(statusf("DELETE", tok, NULL, "/api/continue-watching/%lld", m), 204,
	    "hide: again is 204");
	is_int(statusf("DELETE", tok, NULL, "/api/continue-watching/%lld", other), 204,
	    "hide: a movie with no history is 204");
	r = reqf("DELETE", tok, NULL, "/api/continue-watching/%lld", gone);
	is_error(r, 404, "not_found", "hide: a movie that does not exist");
	api_free(r);
	is_int(db_count("SELECT position FROM watch_history WHERE movie_id = %lld", m), 2000,
	    "hide: the position is kept");
	r = api_get("/api/history", tok);
	ok(results_index(r, m) >= 0, "hide: still in the history");
	api_free(r);
	statusf("PUT", tok, "{\"progress\":2100}", "/api/history/%lld", m);
	is_int(continuing(tok, m), 0, "hide: back after the next report, first");
}

/* History and continue watching: most recent first, paging, fields. */
static void
test_order(void)
{
	struct api_resp	*r;
	long long	 a = fixture_movie("order", 100), b = fixture_movie("order", 100);
	long long	 c = fixture_movie("order", 100), uid;
	char		*t = new_token("libo", &uid);

	statusf("PUT", t, "{\"progress\":1000}", "/api/history/%lld", a);
	statusf("PUT", t, "{\"progress\":1000}", "/api/history/%lld", b);
	statusf("PUT", t, "{\"progress\":5999}", "/api/history/%lld", c);
	r = api_get("/api/continue-watching", t);
	is_int(r->status, 200, "continue: 200");
	is_int(jsize(r->json, "results"), 2, "continue: the two in progress");
	is_num(jnum(r->json, "results.0.id"), (double)b, 0, "continue: most recent first");
	is_num(jnum(r->json, "results.0.progress"), 1000, 0, "continue: progress");
	is_num(jnum(r->json, "results.0.percent"), 16.66, 1e-9, "continue: percent");
	ok(jget(r->json, "page") == NULL && jget(r->json, "total_results") == NULL,
	    "continue: not paged");
	ok(is_private(r), "continue: private, no-store");
	api_free(r);
	statusf("PUT", t, "{\"progress\":1100}", "/api/v1/history/%lld", a);
	r = api_get("/api/continue-watching?limit=1", t);
	is_int(jsize(r->json, "results"), 1, "continue: limit=1");
	is_num(jnum(r->json, "results.0.id"), (double)a, 0, "continue: a new report moves it up");
	api_free(r);
	r = api_get("/api/continue-watching?limit=0", t);
	is_error(r, 400, "bad_request", "continue: limit=0");
	api_free(r);

	r = api_get("/api/history", t);
	is_int(r->status, 200, "history: 200");
	is_num(jnum(r->json, "total_results"), 3, 0, "history: all three, completed too");
	is_num(jnum(r->json, "results.0.id"), (double)a, 0, "history: most recent first");
	is_num(jnum(r->json, "results.1.id"), (double)c, 0, "history: then the completed one");
	ok(cJSON_IsTrue(jget(r->json, "results.1.completed")), "history: completed");
	is_num(jnum(r->json, "results.1.play_count"), 1, 0, "history: play_count");
	ok(jstr(r->json, "results.0.last_played_at") != NULL, "history: last_played_at");
	ok(is_private(r), "history: private, no-store");
	api_free(r);
	r = api_get("/api/history?page=2&per_page=2", t);
	is_int(jsize(r->json, "results"), 1, "history: page 2");
	is_num(jnum(r->json, "results.0.id"), (double)b, 0, "history: the oldest last");
	is_num(jnum(r->json, "total_pages"), 2, 0, "history: total_pages");
	api_free(r);
	r = api_get("/api/history?per_page=0", t);
	is_error(r, 400, "bad_request", "history: per_page=0");
	api_free(r);
	free(t);
}

struct storm {
	const char	*tok;
	long long	 movie;
	int		 base;		/* positions are base + child * 100 + j */
	int		 count;		/* reports per child */
};

/* One client of a storm: count reports, increasing; counts answers other than 200. */
static int
storm_child(int i, void *p)
{
	struct storm	*s = p;
	char		 body[64];
	int		 j, failures = 0;

	for (j = 0; j < s->count; j++) {
		snprintf(body, sizeof(body), "{\"progress\":%d}", s->base + i * 100 + j);
		if (statusf("PUT", s->tok, body, "/api/history/%lld", s->movie) != 200)
			failures++;
	}
	return failures;
}

/* One client reporting the end of the movie: counts answers other than 200. */
static int
finish_child(int i, void *p)
{
	struct storm	*s = p;

	(void)i;
	return statusf("PUT", s->tok, "{\"progress\":5800}", "/api/history/%lld", s->movie) ==
	    200 ? 0 : 1;
}

/* Two users' storms on one movie at once. */
static int
two_storms_child(int i, void *p)
{
	struct storm	*s = p;

	return storm_child(i / 2, &s[i % 2]);
}

/* Many clients reporting progress for the same user and movie at once. */
static void
test_storm(const char *tok)
{
	struct storm	 s = { tok, fixture_movie("storm", 100), 1000, 25 };
	struct storm	 two[2];
	long long	 pos, ua, ub;
	char		*a, *b;

	is_int(run_children(8, storm_child, &s), 0, "storm: 8 x 25 reports, every answer 200");
	is_int(db_count("SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld", s.movie), 1,
	    "storm: one row");
	pos = db_count("SELECT position FROM watch_history WHERE movie_id = %lld", s.movie);
	ok(pos >= 1000 && pos < 1800 && (pos - 1000) % 100 < 25,
	    "storm: the stored position is one that was sent (%lld)", pos);
	is_int(statusf("PUT", tok, "{\"progress\":4321}", "/api/history/%lld", s.movie), 200,
	    "storm: one more report");
	is_int(db_count("SELECT position FROM watch_history WHERE movie_id = %lld", s.movie),
	    4321, "storm: the last report is what is stored");

	is_int(run_children(8, finish_child, &s), 0, "storm: 8 reach the end at once");
	is_int(db_count("SELECT play_count FROM watch_history WHERE movie_id = %lld", s.movie), 1,
	    "storm: one viewing counted once");
	is_int(db_count("SELECT completed FROM watch_history WHERE movie_id = %lld", s.movie), 1,
	    "storm: completed");

	a = new_token("libsa", &ua);
	b = new_token("libsb", &ub);
	two[0] = (struct storm){ a, s.movie, 1000, 20 };
	two[1] = (struct storm){ b, s.movie, 3000, 20 };
	is_int(run_children(8, two_storms_child, two), 0,
	    "two users' storms on one movie: every answer 200");
	pos = db_count("SELECT position FROM watch_history WHERE user_id = %lld AND movie_id = %lld",
	    ua, s.movie);
	ok(pos >= 1000 && pos < 1400, "two users: A's position is one of A's (%lld)", pos);
	pos = db_count("SELECT position FROM watch_history WHERE user_id = %lld AND movie_id = %lld",
	    ub, s.movie);
	ok(pos >= 3000 && pos < 3400, "two users: B's position is one of B's (%lld)", pos);
	is_int(db_count("SELECT COUNT(*) FROM watch_history WHERE movie_id = %lld AND user_id IN "
	    "(%lld, %lld)", s.movie, ua, ub), 2, "two users: one row each");
	free(a);
	free(b);
}

/*
 * Deadlocks, injected: a trigger raises error 1213 on the fixture movie's
 * upsert while a counter (in a non-transactional table, so it survives the
 * statement's rollback) is at most its limit. Two deadlocks are retried
 * into a 200; endless ones end, after a bounded number of tries, in 503
 * with Retry-After and nothing written.
 */
static void
test_deadlock_retry(const char *tok)
{
	struct api_resp	*r;
	char		 h[64], tab[64], trg[64];
	long long	 m = fixture_movie("deadlock", 100), before;

	snprintf(tab, sizeof(tab), "lib_fault_%s", api_unique());
	snprintf(trg, sizeof(trg), "lib_fault_trg_%s", api_unique());
	if (db_do("CREATE TABLE %s (n INT NOT NULL, lim INT NOT NULL) ENGINE=MyISAM", tab) != 0 ||
	    db_do("INSERT INTO %s VALUES (0, 2)", tab) != 0 ||
	    db_do("CREATE TRIGGER %s BEFORE INSERT ON watch_history FOR EACH ROW BEGIN "
	    "IF NEW.movie_id = %lld THEN UPDATE %s SET n = n + 1; "
	    "IF (SELECT n <= lim FROM %s) THEN SIGNAL SQLSTATE '40001' "
	    "SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'injected deadlock'; END IF; END IF; END",
	    trg, m, tab, tab) != 0) {
		ok(0, "deadlock: the fault trigger is in place");
		return;
	}
	r = put_progress(tok, m, "{\"progress\":1500}");
	is_int(r->status, 200, "deadlock: two deadlocks are retried into a 200");
	api_free(r);
	is_int(db_count("SELECT n FROM %s", tab), 3, "deadlock: three tries in all");
	is_int(db_count("SELECT position FROM watch_history WHERE movie_id = %lld", m), 1500,
	    "deadlock: the report is stored");

	db_do("UPDATE %s SET n = 0, lim = 1000000", tab);
	before = db_count("SELECT position FROM watch_history WHERE movie_id = %lld", m);
	r = put_progress(tok, m, "{\"progress\":2500}");
	is_error(r, 503, "unavailable", "deadlock: endless deadlocks end in 503");
	ok(api_header(r, "Retry-After", h, sizeof(h)) != NULL, "deadlock: 503 carries Retry-After");
	api_free(r);
	ok(db_count("SELECT n FROM %s", tab) >= 2 && db_count("SELECT n FROM %s", tab) <= 10,
	    "deadlock: a bounded number of tries (%lld)", db_count("SELECT n FROM %s", tab));
	is_int(db_count("SELECT position FROM watch_history WHERE movie_id = %lld", m), before,
	    "deadlock: nothing half-written");
	db_do("DROP TRIGGER %s", trg);
	db_do("DROP TABLE %s", tab);
	is_int(statusf("PUT", tok, "{\"progress\":2600}", "/api/history/%lld", m), 200,
	    "deadlock: writes work again without the fault");
}

int
main(void)
{
	char		*tok;
	long long	 uid;

	api_init();
	gone = missing_movie();
	tok = new_token("libp", &uid);
	test_boundaries(tok);
	test_unknown_runtime(tok);
	test_invalid(tok);
	test_hide(tok);
	test_order();
	test_storm(tok);
	test_deadlock_retry(tok);
	free(tok);
	return done_testing();
}
