/* test-subs.c: plans, subscribing (approved, declined, idempotent retries), cancelling, payments, notifications. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "subs_helpers.h"
#include "tap.h"

static void
test_plans(void)
{
	struct api_resp	*r;
	int		 i;

	r = api_get("/api/plans", NULL);
	is_int(r->status, 200, "GET /plans answers 200");
	is_int(jsize(r->json, "results"), 3, "three plans");
	is_str(jstr(r->json, "results.0.code"), "basic", "basic first");
	is_str(jstr(r->json, "results.1.code"), "standard", "standard second");
	is_str(jstr(r->json, "results.2.code"), "premium", "premium third");
	for (i = 0; i < 3; i++) {
		char	 p[64];

		snprintf(p, sizeof(p), "results.%d.price_cents", i);
		ok(jnum(r->json, p) > 0, "plan %d has a price in cents", i);
		snprintf(p, sizeof(p), "results.%d.currency", i);
		is_str(jstr(r->json, p), "USD", "plan %d has a currency", i);
		snprintf(p, sizeof(p), "results.%d.period", i);
		is_str(jstr(r->json, p), "month", "plan %d is monthly", i);
		snprintf(p, sizeof(p), "results.%d.max_quality", i);
		ok(jstr(r->json, p) != NULL, "plan %d has a max quality", i);
	}
	is_num(jnum(r->json, "results.0.price_cents"), 799, 0, "basic costs 799 cents");
	is_num(jnum(r->json, "results.0.price"), 7.99, 0.001, "and 7.99 as a number");
	api_free(r);
	r = api_get("/api/v1/plans", NULL);
	is_int(r->status, 200, "GET /api/v1/plans answers too");
	api_free(r);
}

static void
test_auth_and_validation(void)
{
	struct api_resp	*r;
	char		*t;

	r = api_get("/api/subscription", NULL);
	is_error(r, 401, "unauthorized", "GET /subscription without a token");
	api_free(r);
	r = subs_post(NULL, "basic", "tok_ok", NULL);
	is_error(r, 401, "unauthorized", "POST /subscription without a token");
	api_free(r);
	r = api_get("/api/payments", NULL);
	is_error(r, 401, "unauthorized", "GET /payments without a token");
	api_free(r);
	r = api_get("/api/notifications", NULL);
	is_error(r, 401, "unauthorized", "GET /notifications without a token");
	api_free(r);

	if ((t = api_new_user("subv", NULL)) == NULL) {
		ok(0, "a user for validation");
		return;
	}
	r = api_get("/api/subscription", t);
	is_int(r->status, 200, "GET /subscription with none: 200");
	ok(cJSON_IsNull(jget(r->json, "data")), "and data is null");
	api_free(r);
	r = api_get("/api/profile", t);
	ok(cJSON_IsNull(jget(r->json, "data.subscription")), "GET /profile: subscription null");
	api_free(r);
	r = api_send("POST", "/api/subscription", t, "{}");
	is_error(r, 400, "bad_request", "POST /subscription without fields");
	ok(jstr(r->json, "fields.plan") != NULL, "fields.plan named");
	ok(jstr(r->json, "fields.payment_token") != NULL, "fields.payment_token named");
	api_free(r);
	r = subs_post(t, "gold", "tok_ok", NULL);
	is_error(r, 400, "bad_request", "an unknown plan");
	ok(jstr(r->json, "fields.plan") != NULL, "fields.plan says so");
	api_free(r);
	r = api_send("POST", "/api/subscription", t,
	    "{\"plan\":999999999,\"payment_token\":\"tok_ok\"}");
	is_error(r, 400, "bad_request", "a plan id that is no plan");
	is_str(jstr(r->json, "fields.plan"), "is not a plan's code or id (see GET /plans)",
	    "fields.plan says so");
	api_free(r);
	{
		const char	*bad[] = { "1.5", "0", "-2", "true", "null", "[1]", "{\"id\":1}",
		    "\"\"", "\"02\"" };
		char		 body[128];
		size_t		 i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(body, sizeof(body), "{\"plan\":%s,\"payment_token\":\"tok_ok\"}",
			    bad[i]);
			r = api_send("POST", "/api/subscription", t, body);
			ok(r->status == 400 && jstr(r->json, "fields.plan") != NULL,
			    "plan %s is 400 naming plan", bad[i]);
			api_free(r);
		}
	}
	r = subs_post(t, "basic", "tok_ok", "has space");
	is_error(r, 400, "bad_request", "a malformed Idempotency-Key");
	api_free(r);
	r = api_get("/api/payments?per_page=101", t);
	is_error(r, 400, "bad_request", "per_page=101 on /payments");
	ok(jstr(r->json, "fields.per_page") != NULL, "fields.per_page named");
	api_free(r);
	r = api_get("/api/notifications?page=0", t);
	is_error(r, 400, "bad_request", "page=0 on /notifications");
	api_free(r);
	r = api_send("DELETE", "/api/subscription", t, NULL);
	is_int(r->status, 204, "DELETE /subscription with none: 204");
	api_free(r);
}

/* POST /subscription takes the plan as GET /plans lists it: its code, or its id. */
static void
test_plan_by_id(void)
{
	struct api_resp	*r;
	char		 good[64], body[256], *t;
	long long	 uid, id;

	r = api_get("/api/plans", NULL);
	id = (long long)jnum(r->json, "results.1.id");
	is_str(jstr(r->json, "results.1.code"), "standard", "GET /plans lists standard with its id");
	api_free(r);

	snprintf(good, sizeof(good), "tok_ok_%s_byid", api_unique());
	if ((t = api_new_user("subi", &uid)) == NULL) {
		ok(0, "a user to subscribe by id");
		return;
	}
	snprintf(body, sizeof(body), "{\"plan\":%lld,\"payment_token\":\"%s\"}", id, good);
	r = api_send("POST", "/api/subscription", t, body);
	is_int(r->status, 201, "plan given by its id (a number): 201");
	is_str(jstr(r->json, "data.plan.code"), "standard", "the plan of that id");
	api_free(r);
	is_int(subs_charges(good), 1, "charged once");
	/* The same plan by its code now: already subscribed to it. */
	r = subs_post(t, "standard", good, NULL);
	is_error(r, 409, "already_subscribed", "then by its code: the same plan (409)");
	api_free(r);

	snprintf(good, sizeof(good), "tok_ok_%s_byidtext", api_unique());
	if ((t = api_new_user("subj", &uid)) == NULL) {
		ok(0, "a second user to subscribe by id");
		return;
	}
	snprintf(body, sizeof(body), "%lld", id);
	r = subs_post(t, body, good, NULL);
	is_int(r->status, 201, "plan given by its id written as text: 201");
	is_str(jstr(r->json, "data.plan.code"), "standard", "the plan of that id, again");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld", uid), 1,
	    "one payment for it");
}

static void
test_declined_then_approved(void)
{
	struct api_resp	*r;
	char		 declined[64], good[64], *t;
	long long	 uid;

	snprintf(declined, sizeof(declined), "tok_declined_%s_a", api_unique());
	snprintf(good, sizeof(good), "tok_ok_%s_a", api_unique());
	if ((t = api_new_user("subd", &uid)) == NULL) {
		ok(0, "a user to decline");
		return;
	}
	r = subs_post(t, "standard", declined, NULL);
	is_error(r, 402, "payment_required", "a declined card: 402");
	api_free(r);
	is_int(subs_charges(declined), 0, "nothing was charged");
	r = api_get("/api/subscription", t);
	ok(cJSON_IsNull(jget(r->json, "data")), "no subscription after a decline");
	api_free(r);
	r = api_get("/api/payments", t);
	is_int(r->status, 200, "GET /payments: 200");
	is_num(jnum(r->json, "total_results"), 1, 0, "the declined attempt is a payment");
	is_str(jstr(r->json, "results.0.status"), "declined", "with status declined");
	is_num(jnum(r->json, "results.0.amount_cents"), 1299, 0, "the standard amount");
	is_str(jstr(r->json, "results.0.currency"), "USD", "its currency");
	is_str(jstr(r->json, "results.0.failure_code"), "card_declined", "the provider's reason");
	ok(jstr(r->json, "results.0.created_at") != NULL, "and its time");
	api_free(r);
	is_int(subs_notes(uid, "payment_failed"), 1, "a payment_failed notification");
	r = subs_post(t, "standard", declined, NULL);
	is_error(r, 402, "payment_required", "the same request again: the same 402");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld", uid), 1,
	    "and no second attempt row");

	r = subs_post(t, "standard", good, NULL);
	is_int(r->status, 201, "another card: 201");
	is_str(jstr(r->json, "data.status"), "active", "the subscription is active");
	ok(cJSON_IsTrue(jget(r->json, "data.active")), "and gives access");
	ok(cJSON_IsTrue(jget(r->json, "data.auto_renew")), "and renews");
	is_str(jstr(r->json, "data.plan.code"), "standard", "on the standard plan");
	ok(jstr(r->json, "data.start_date") != NULL && jstr(r->json, "data.end_date") != NULL,
	    "with start and end dates");
	api_free(r);
	is_int(subs_charges(good), 1, "charged once");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld AND status = "
	    "'active' AND end_date BETWEEN NOW() + INTERVAL 27 DAY AND NOW() + INTERVAL 32 DAY", uid),
	    1, "paid for one month");
	r = api_get("/api/subscription", t);
	is_str(jstr(r->json, "data.status"), "active", "GET /subscription: active");
	api_free(r);
	r = api_get("/api/profile", t);
	is_str(jstr(r->json, "data.subscription.plan.code"), "standard",
	    "GET /profile carries the subscription");
	api_free(r);
	r = api_get("/api/payments", t);
	is_num(jnum(r->json, "total_results"), 2, 0, "two payments now");
	is_str(jstr(r->json, "results.0.status"), "succeeded", "newest first: succeeded");
	ok(jstr(r->json, "results.0.provider_reference") != NULL &&
	    strncmp(jstr(r->json, "results.0.provider_reference"), "ch_", 3) == 0,
	    "with the provider's reference");
	api_free(r);
	r = api_get("/api/payments?per_page=1&page=2", t);
	is_int(jsize(r->json, "results"), 1, "paged: one per page");
	is_str(jstr(r->json, "results.0.status"), "declined", "page 2 is the older one");
	is_num(jnum(r->json, "total_pages"), 2, 0, "two pages");
	api_free(r);
	is_int(subs_notes(uid, "subscription_started"), 1, "a subscription_started notification");
	r = subs_post(t, "standard", good, "another-key");
	is_error(r, 409, "already_subscribed", "subscribing again to the same plan");
	api_free(r);
	is_int(subs_charges(good), 1, "still charged once");
}

static void
test_idempotency(void)
{
	struct api_resp	*r;
	char		 good[64], key[64], *t;
	long long	 uid, sub1 = 0, charges, requests;

	snprintf(good, sizeof(good), "tok_ok_%s_idem", api_unique());
	snprintf(key, sizeof(key), "order-%s-1", api_unique());
	if ((t = api_new_user("subi", &uid)) == NULL) {
		ok(0, "a user for idempotency");
		return;
	}
	r = subs_post(t, "basic", good, key);
	is_int(r->status, 201, "with an Idempotency-Key: 201");
	sub1 = (long long)jnum(r->json, "data.id");
	api_free(r);
	r = subs_post(t, "basic", good, key);
	is_int(r->status, 201, "the retried POST: the same 201");
	is_num(jnum(r->json, "data.id"), (double)sub1, 0, "the same subscription");
	api_free(r);
	subs_fake_stats(good, &charges, &requests);
	is_int(charges, 1, "charged once");
	is_int(requests, 1, "the provider was not even asked again");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld", uid), 1,
	    "one payment row");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld", uid), 1,
	    "one subscription row");
	r = subs_post(t, "premium", good, key);
	is_error(r, 409, "idempotency_key_reused", "the same key for another plan");
	api_free(r);
	/* Without a key, a repeated request is refused before any second charge. */
	if ((t = api_new_user("subj", &uid)) == NULL) {
		ok(0, "a second user for idempotency");
		return;
	}
	snprintf(good, sizeof(good), "tok_ok_%s_nokey", api_unique());
	r = subs_post(t, "premium", good, NULL);
	is_int(r->status, 201, "no key: 201");
	sub1 = (long long)jnum(r->json, "data.id");
	api_free(r);
	r = subs_post(t, "premium", good, NULL);
	is_error(r, 409, "already_subscribed", "no key, retried: already subscribed");
	api_free(r);
	is_int(subs_charges(good), 1, "charged once");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld", uid), 1,
	    "one subscription row");
}

static void
test_concurrent_retries(void)
{
	struct api_resp	*r;
	char		 good[64], key[64], *t;
	long long	 uid;
	pid_t		 pids[4];
	int		 i, st, good_exits = 0;

	snprintf(good, sizeof(good), "tok_ok_%s_race", api_unique());
	snprintf(key, sizeof(key), "race-%s", api_unique());
	if ((t = api_new_user("subk", &uid)) == NULL) {
		ok(0, "a user for concurrent retries");
		return;
	}
	fflush(stdout);
	for (i = 0; i < 4; i++) {
		if ((pids[i] = fork()) == 0) {
			api_init();	/* a connection of its own */
			r = subs_post(t, "standard", good, key);
			/* Not 201: the status less 200 as the exit code, for the diagnostic below. */
			_exit(r->status == 201 ? 0 : r->status > 200 && r->status < 455 ?
			    (int)(r->status - 200) : 255);
		}
	}
	for (i = 0; i < 4; i++)
		if (pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st)) {
			if (WEXITSTATUS(st) == 0)
				good_exits++;
			else
				diag("a concurrent POST answered %d", WEXITSTATUS(st) == 255 ? -1 :
				    200 + WEXITSTATUS(st));
		}
	is_int(good_exits, 4, "four POSTs at once with one key: each gets 201");
	is_int(subs_charges(good), 1, "charged once");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld", uid), 1,
	    "one payment row");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld", uid), 1,
	    "one subscription row");
}

/*
 * The POSTs of one account take turns (a named lock): while the turn is
 * held a POST waits, and after 2 * payment_timeout + 2 s it gives up with
 * 409 request_in_progress, having written and charged nothing.
 */
static void
test_turns(void)
{
	struct api_resp	*r;
	char		 good[64], good2[64], cfg[32], *t, *t2;
	long long	 uid, uid2, charges = -1, requests = -1, wait;
	pid_t		 pid;
	time_t		 t0;
	int		 st = 0;

	subs_config("payment_timeout", cfg, sizeof(cfg));
	wait = 2 * atoll(cfg) + 2;
	snprintf(good, sizeof(good), "tok_ok_%s_turn", api_unique());
	snprintf(good2, sizeof(good2), "tok_ok_%s_turn2", api_unique());
	if ((t = api_new_user("subt", &uid)) == NULL || (t2 = api_new_user("subu", &uid2)) == NULL) {
		ok(0, "two users for the subscribe turns");
		return;
	}
	is_int(db_count("SELECT GET_LOCK('streamify.subscribe.%lld', 0)", uid), 1,
	    "the test holds the account's subscribe turn");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		api_init();
		r = subs_post(t, "basic", good, NULL);
		_exit(r->status == 201 ? 0 : 1);
	}
	usleep(1500 * 1000);
	is_int(waitpid(pid, &st, WNOHANG), 0, "a POST meanwhile waits for its turn");
	is_int(subs_charges(good), 0, "nothing is charged while it waits");
	is_int(db_count("SELECT RELEASE_LOCK('streamify.subscribe.%lld')", uid), 1,
	    "the test gives the turn back");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "then the POST goes on: 201");
	is_int(subs_charges(good), 1, "charged once");

	is_int(db_count("SELECT GET_LOCK('streamify.subscribe.%lld', 0)", uid2), 1,
	    "the test holds another account's turn");
	t0 = time(NULL);
	r = subs_post(t2, "basic", good2, "turn-key");
	is_error(r, 409, "request_in_progress", "held past the wait");
	api_free(r);
	ok(time(NULL) - t0 >= wait - 1, "after waiting about %lld s", wait);
	(void)db_count("SELECT RELEASE_LOCK('streamify.subscribe.%lld')", uid2);
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld", uid2), 0,
	    "no subscription row");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld", uid2), 0,
	    "no payment row");
	subs_fake_stats(good2, &charges, &requests);
	is_int(requests, 0, "the provider was not asked");
	r = subs_post(t2, "basic", good2, "turn-key");
	is_int(r->status, 201, "the same POST once the turn is free: 201");
	api_free(r);
}

static void
test_cancel_and_change(void)
{
	struct api_resp	*r;
	char		 good[64], *t;
	long long	 uid, sub1 = 0;
	char		 end[64] = "";

	snprintf(good, sizeof(good), "tok_ok_%s_cancel", api_unique());
	if ((t = subs_new_subscriber("subc", "basic", good, &uid, &sub1)) == NULL) {
		ok(0, "a subscriber to cancel");
		return;
	}
	r = api_get("/api/subscription", t);
	snprintf(end, sizeof(end), "%s", jstr(r->json, "data.end_date") ?
	    jstr(r->json, "data.end_date") : "");
	api_free(r);
	r = api_send("DELETE", "/api/subscription", t, NULL);
	is_int(r->status, 200, "DELETE /subscription: 200");
	ok(cJSON_IsFalse(jget(r->json, "data.auto_renew")), "auto-renew is off");
	is_str(jstr(r->json, "data.status"), "canceled", "status canceled");
	ok(cJSON_IsTrue(jget(r->json, "data.active")), "access is kept");
	is_str(jstr(r->json, "data.end_date"), end, "until the same end date");
	api_free(r);
	r = api_send("DELETE", "/api/subscription", t, NULL);
	is_int(r->status, 200, "cancelling twice is fine");
	api_free(r);
	r = subs_post(t, "basic", good, NULL);
	is_int(r->status, 200, "subscribing again to the cancelled plan: 200");
	ok(cJSON_IsTrue(jget(r->json, "data.auto_renew")), "auto-renew is back on");
	is_num(jnum(r->json, "data.id"), (double)sub1, 0, "the same subscription");
	api_free(r);
	is_int(subs_charges(good), 1, "without a charge");

	/* Another plan: charged in full now, the old subscription ends now. */
	r = subs_post(t, "premium", good, NULL);
	is_int(r->status, 201, "changing plan: 201");
	is_str(jstr(r->json, "data.plan.code"), "premium", "now premium");
	ok(jnum(r->json, "data.id") != (double)sub1, "a new subscription");
	api_free(r);
	is_int(subs_charges(good), 2, "the new plan was charged");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'replaced' "
	    "AND end_date <= NOW()", sub1), 1, "the old one is replaced and ended");
	r = api_get("/api/subscription", t);
	is_str(jstr(r->json, "data.plan.code"), "premium", "GET /subscription shows premium");
	api_free(r);
}

static void
test_provider_error(void)
{
	struct api_resp	*r;
	char		 bad[64], *t;
	long long	 uid;

	snprintf(bad, sizeof(bad), "tok_error_%s", api_unique());
	if ((t = api_new_user("sube", &uid)) == NULL) {
		ok(0, "a user for the provider error");
		return;
	}
	r = subs_post(t, "basic", bad, NULL);
	is_int(r->status, 202, "the provider answers 500: 202, pending");
	is_str(jstr(r->json, "data.status"), "pending", "the subscription is pending");
	ok(cJSON_IsFalse(jget(r->json, "data.active")), "without access");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld AND status = 'pending'",
	    uid), 1, "the payment is pending, not succeeded");
	r = subs_post(t, "standard", "tok_ok_other", NULL);
	is_error(r, 409, "payment_pending", "a new subscription while one is pending");
	api_free(r);
	/* The renewal job asks again; after every check it gives up. */
	db_do("UPDATE payments SET created_at = NOW(6) - INTERVAL 1 MINUTE, checks = 3 "
	    "WHERE user_id = %lld", uid);
	is_int(subs_batch("renew"), 0, "streamify-batch renew runs");
	is_int(db_count("SELECT COUNT(*) FROM payments WHERE user_id = %lld AND status = 'failed'",
	    uid), 1, "no answer after every check: the payment failed");
	is_int(db_count("SELECT COUNT(*) FROM subscriptions WHERE user_id = %lld AND status = "
	    "'failed'", uid), 1, "and the subscription never started");
	is_int(subs_charges(bad), 0, "nothing was charged");
}

static void
test_notifications(void)
{
	struct api_resp	*r;
	char		 good[64], *t, *other, path[128];
	long long	 uid, first, n;

	snprintf(good, sizeof(good), "tok_ok_%s_note", api_unique());
	if ((t = subs_new_subscriber("subn", "basic", good, &uid, NULL)) == NULL) {
		ok(0, "a subscriber for notifications");
		return;
	}
	db_do("INSERT INTO notifications (user_id, kind, title, body, dedupe_key, created_at) "
	    "VALUES (%lld, 'test', 'Old', 'An older one.', 'test:1', NOW(6) - INTERVAL 1 DAY)", uid);
	db_do("INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key) "
	    "VALUES (%lld, 'test', 'New', 'A newer one.', '{\"x\":1}', 'test:2')", uid);
	r = api_get("/api/notifications", t);
	is_int(r->status, 200, "GET /notifications: 200");
	is_num(jnum(r->json, "total_results"), 3, 0, "three notifications");
	is_num(jnum(r->json, "unread_count"), 3, 0, "all unread");
	ok(jstr(r->json, "results.0.type") != NULL && jstr(r->json, "results.0.title") != NULL &&
	    jstr(r->json, "results.0.message") != NULL && jstr(r->json, "results.0.created_at"),
	    "each has type, title, message, created_at");
	ok(cJSON_IsFalse(jget(r->json, "results.0.read")), "read is false");
	first = (long long)jnum(r->json, "results.2.id");
	is_str(jstr(r->json, "results.2.title"), "Old", "newest first: the old one last");
	api_free(r);
	r = api_get("/api/notifications?per_page=1", t);
	is_int(jsize(r->json, "results"), 1, "per_page=1");
	is_num(jnum(r->json, "total_pages"), 3, 0, "three pages");
	api_free(r);

	snprintf(path, sizeof(path), "/api/notifications/%lld/read", first);
	r = api_send("POST", path, t, NULL);
	is_int(r->status, 204, "POST /notifications/{id}/read: 204");
	api_free(r);
	r = api_send("POST", path, t, NULL);
	is_int(r->status, 204, "reading it again: 204");
	api_free(r);
	r = api_get("/api/notifications", t);
	is_num(jnum(r->json, "unread_count"), 2, 0, "two unread");
	is_str(jstr(r->json, "results.0.title"), "New", "unread first");
	ok(cJSON_IsTrue(jget(r->json, "results.2.read")), "the read one last, read");
	ok(jstr(r->json, "results.2.read_at") != NULL, "with read_at");
	is_num(jnum(r->json, "results.0.data.x"), 1, 0, "data is an object");
	api_free(r);

	other = api_new_user("subo", NULL);
	r = api_send("POST", path, other, NULL);
	is_error(r, 404, "not_found", "someone else's notification");
	api_free(r);
	r = api_send("POST", "/api/notifications/999999999/read", t, NULL);
	is_error(r, 404, "not_found", "no such notification");
	api_free(r);
	r = api_send("POST", "/api/notifications/read-all", t, NULL);
	is_int(r->status, 204, "POST /notifications/read-all: 204");
	api_free(r);
	n = db_count("SELECT COUNT(*) FROM notifications WHERE user_id = %lld AND read_at IS NULL",
	    uid);
	is_int(n, 0, "nothing unread");
	r = api_get("/api/notifications", t);
	is_num(jnum(r->json, "unread_count"), 0, 0, "unread_count 0");
	api_free(r);
}

int
main(void)
{
	api_init();
	test_plans();
	test_auth_and_validation();
	test_plan_by_id();
	test_declined_then_approved();
	test_idempotency();
	test_concurrent_retries();
	test_turns();
	test_cancel_and_change();
	test_provider_error();
	test_notifications();
	return done_testing();
}
