/* test-subs-renew.c: streamify-batch renew (concurrent runs, declines and retries, timeouts, expiry) and notify. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "subs_helpers.h"
#include "tap.h"

static void
test_concurrent_renewal(void)
{
	char		 good[64], *t;
	long long	 uid, sub = 0;
	pid_t		 a, b;

	snprintf(good, sizeof(good), "tok_ok_%s_renew", api_unique());
	if ((t = subs_new_subscriber("subr", "standard", good, &uid, &sub)) == NULL) {
		ok(0, "a subscriber to renew");
		return;
	}
	(void)t;
	is_int(subs_charges(good), 1, "the first period is charged");
	db_do("UPDATE subscriptions SET end_date = NOW() - INTERVAL 1 HOUR WHERE id = %lld", sub);
	a = subs_batch_start("renew");
	b = subs_batch_start("renew");
	is_int(subs_batch_wait(a), 0, "the first renew run succeeds");
	is_int(subs_batch_wait(b), 0, "the second, concurrent one too");
	is_int(subs_charges(good), 2, "the fake charged the renewal once");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE subscription_id = %lld AND kind = "
	    "'renewal'", sub), 1, "one renewal payment row");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE subscription_id = %lld AND kind = "
	    "'renewal' AND status = 'succeeded' AND amount_cents = 1299 AND provider_ref LIKE 'ch_%%'",
	    sub), 1, "succeeded, with amount and reference");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'active' "
	    "AND end_date > NOW() + INTERVAL 27 DAY", sub), 1, "the subscription runs a month on");
	is_int(subs_notes(uid, "subscription_renewed"), 1, "one renewed notification");
	is_int(subs_batch("renew"), 0, "a third run");
	is_int(subs_charges(good), 2, "charges nothing more");
}

static void
test_lapsed_renewal(void)
{
	char		 good[64], *t;
	long long	 uid, sub = 0;

	snprintf(good, sizeof(good), "tok_ok_%s_lapsed", api_unique());
	if ((t = subs_new_subscriber("subl", "basic", good, &uid, &sub)) == NULL) {
		ok(0, "a subscriber whose renewals were missed");
		return;
	}
	(void)t;
	db_do("UPDATE subscriptions SET end_date = NOW() - INTERVAL 70 DAY WHERE id = %lld", sub);
	is_int(subs_batch("renew"), 0, "renew after two missed periods");
	is_int(subs_charges(good), 2, "one renewal charged, not one per missed period");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND end_date > NOW() + "
	    "INTERVAL 27 DAY AND end_date < NOW() + INTERVAL 32 DAY", sub), 1,
	    "the new period runs from now");
}

static void
test_declined_renewal(void)
{
	struct api_resp	*r;
	char		 good[64], declined[64], *t;
	long long	 uid, sub = 0;

	snprintf(good, sizeof(good), "tok_ok_%s_pd", api_unique());
	snprintf(declined, sizeof(declined), "tok_declined_%s_pd", api_unique());
	if ((t = subs_new_subscriber("subp", "basic", good, &uid, &sub)) == NULL) {
		ok(0, "a subscriber whose card stops working");
		return;
	}
	db_do("UPDATE subscriptions SET payment_token = '%s', end_date = NOW() - INTERVAL 2 DAY "
	    "WHERE id = %lld", declined, sub);
	is_int(subs_batch("renew"), 0, "renew runs");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE subscription_id = %lld AND kind = "
	    "'renewal' AND status = 'declined'", sub), 1, "a declined renewal row");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'past_due' "
	    "AND failed_attempts = 1 AND next_attempt_at > NOW()", sub), 1,
	    "past due, retried later");
	is_int(subs_notes(uid, "payment_failed"), 1, "a payment_failed notification");
	r = api_get("/api/subscription", t);
	is_str(jstr(r->json, "data.status"), "past_due", "GET /subscription: past_due");
	ok(cJSON_IsFalse(jget(r->json, "data.active")), "without access");
	api_free(r);
	is_int(subs_batch("renew"), 0, "renew runs again at once");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE subscription_id = %lld AND kind = "
	    "'renewal'", sub), 1, "no retry before its time");
	db_do("UPDATE subscriptions SET next_attempt_at = NULL WHERE id = %lld", sub);
	is_int(subs_batch("renew"), 0, "renew when the retry is due");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE subscription_id = %lld AND kind = "
	    "'renewal' AND status = 'declined'", sub), 2, "a second declined attempt");
	db_do("UPDATE subscriptions SET next_attempt_at = NULL, failed_attempts = 3 WHERE id = %lld",
	    sub);
	is_int(subs_batch("renew"), 0, "renew on the last retry");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'expired'",
	    sub), 1, "retries used up: expired");
	is_int(subs_notes(uid, "subscription_expired"), 1, "an expired notification");
	is_int(subs_charges(declined), 0, "nothing charged to the declined card");
}

static void
test_timeout(void)
{
	struct api_resp	*r;
	char		 slow[64], *t;
	long long	 uid;

	snprintf(slow, sizeof(slow), "tok_timeout_%s", api_unique());
	if ((t = api_new_user("subt", &uid)) == NULL) {
		ok(0, "a user for the timeout");
		return;
	}
	r = subs_post(t, "premium", slow, "timeout-key-1");
	is_int(r->status, 202, "the provider does not answer in time: 202");
	is_str(jstr(r->json, "data.status"), "pending", "the subscription is pending");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld AND status = 'pending'",
	    uid), 1, "the payment is pending, not succeeded");
	r = api_get("/api/subscription", t);
	ok(cJSON_IsFalse(jget(r->json, "data.active")), "no access while pending");
	api_free(r);
	is_int(subs_batch("renew"), 0, "renew asks the provider again");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld AND status = "
	    "'succeeded' AND provider_ref LIKE 'ch_%%'", uid), 1, "now succeeded, with a reference");
	is_int(subs_charges(slow), 1, "charged once, the same idempotency key");
	r = api_get("/api/subscription", t);
	is_str(jstr(r->json, "data.status"), "active", "the subscription is active");
	ok(cJSON_IsTrue(jget(r->json, "data.active")), "with access");
	api_free(r);
	r = subs_post(t, "premium", slow, "timeout-key-1");
	is_int(r->status, 201, "the client's retry now gets 201");
	api_free(r);
	is_int(subs_charges(slow), 1, "still charged once");
	is_int(subs_notes(uid, "subscription_started"), 1, "a started notification");
}

static void
test_cancel_expiry(void)
{
	struct api_resp	*r;
	char		 good[64], *t;
	long long	 uid, sub = 0;

	snprintf(good, sizeof(good), "tok_ok_%s_exp", api_unique());
	if ((t = subs_new_subscriber("subx", "basic", good, &uid, &sub)) == NULL) {
		ok(0, "a subscriber who cancels");
		return;
	}
	r = api_send("DELETE", "/api/subscription", t, NULL);
	is_int(r->status, 200, "cancelled");
	api_free(r);
	db_do("UPDATE subscriptions SET end_date = NOW() + INTERVAL 2 DAY WHERE id = %lld", sub);
	is_int(subs_batch("renew"), 0, "renew runs");
	is_int(subs_notes(uid, "subscription_expiring"), 1, "told it ends within 3 days");
	is_int(subs_batch("renew"), 0, "renew runs again");
	is_int(subs_notes(uid, "subscription_expiring"), 1, "told once");
	db_do("UPDATE subscriptions SET end_date = NOW() - INTERVAL 1 MINUTE WHERE id = %lld", sub);
	r = api_get("/api/subscription", t);
	ok(cJSON_IsFalse(jget(r->json, "data.active")), "after end_date: no access");
	is_str(jstr(r->json, "data.status"), "expired", "and shown expired");
	api_free(r);
	is_int(subs_batch("renew"), 0, "renew runs after the end");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'expired'",
	    sub), 1, "expired");
	is_int(subs_notes(uid, "subscription_expired"), 1, "an expired notification");
	is_int(subs_charges(good), 1, "and never charged again");
}

static void
test_notify(void)
{
	struct api_resp	*r;
	char		 genre[64], *t;
	long long	 uid, gid, old, fresh, other;
	int		 i, n, seen = 0;

	if ((t = api_new_user("subf", &uid)) == NULL) {
		ok(0, "a user with favorites");
		return;
	}
	snprintf(genre, sizeof(genre), "SubsGenre %s", api_unique());
	db_do("INSERT INTO genres (name) VALUES ('%s')", genre);
	gid = db_count("SELECT id FROM genres WHERE name = '%s'", genre);
	old = subs_movie("old favourite", NULL);
	db_do("UPDATE movies SET created_at = NOW() - INTERVAL 1 DAY WHERE id = %lld", old);
	db_do("INSERT INTO movie_genres (movie_id, genre_id) VALUES (%lld, %lld)", old, gid);
	db_do("INSERT INTO favorites (user_id, movie_id) VALUES (%lld, %lld)", uid, old);
	is_int(subs_batch("notify"), 0, "notify runs (maybe its first run)");
	db_do("UPDATE batch_marks SET mark = NOW() - INTERVAL 3 SECOND WHERE name = 'notify'");
	fresh = subs_movie("fresh release", NULL);
	other = subs_movie("fresh, other genre", NULL);
	db_do("UPDATE movies SET created_at = NOW() - INTERVAL 2 SECOND WHERE id IN (%lld, %lld)",
	    fresh, other);
	db_do("INSERT INTO movie_genres (movie_id, genre_id) VALUES (%lld, %lld)", fresh, gid);
	is_int(subs_batch("notify"), 0, "notify runs after an import");
	is_int(subs_notes(uid, "new_movies"), 1, "the user is told of new movies");
	r = api_get("/api/notifications", t);
	n = jsize(r->json, "results");
	for (i = 0; i < n; i++) {
		char	 p[64];

		snprintf(p, sizeof(p), "results.%d.type", i);
		if (jstr(r->json, p) == NULL || strcmp(jstr(r->json, p), "new_movies") != 0)
			continue;
		snprintf(p, sizeof(p), "results.%d.data.movie_ids.0", i);
		ok(jnum(r->json, p) == (double)fresh, "the new movie in the genre is named");
		snprintf(p, sizeof(p), "results.%d.data.movie_ids.1", i);
		ok(jget(r->json, p) == NULL, "the one in another genre is not");
		snprintf(p, sizeof(p), "results.%d.message", i);
		ok(jstr(r->json, p) && strstr(jstr(r->json, p), "fresh release") != NULL,
		    "the message names it");
		seen = 1;
	}
	ok(seen, "GET /notifications lists it");
	api_free(r);
	is_int(subs_batch("notify"), 0, "notify runs once more");
	is_int(subs_notes(uid, "new_movies"), 1, "nothing told twice");
}

int
main(void)
{
	api_init();
	test_concurrent_renewal();
	test_lapsed_renewal();
	test_declined_renewal();
	test_timeout();
	test_cancel_expiry();
	test_notify();
	return done_testing();
}
