/* h_subs.c: plans, subscriptions, payments, notifications and the playback gate. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


#include "config.h"
#include "crypto.h"
#include "db_subs.h"
#include "handlers.h"
#include "log.h"
#include "signed_url.h"
#include "valid.h"

#define SUBS_SAMPLE_MEDIA	"sample.mp4"	/* what a movie plays without movies.video_path */
#define SUBS_URL_MAX		2048

/* A plan object from SUBS_PLAN_COLS starting at column c. */
static cJSON *
subs_plan_json(struct db_res *res, int c)
{
	cJSON		*p;
	long long	 months = db_int(res, c + 5);
	char		 period[32];

	if ((p = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(p, "id", (double)db_int(res, c));
	json_str(p, "code", db_str(res, c + 1));
	json_str(p, "name", db_str(res, c + 2));
	cJSON_AddNumberToObject(p, "price_cents", (double)db_int(res, c + 3));
	json_round(p, "price", (double)db_int(res, c + 3) / 100.0, 2, 0);
	json_str(p, "currency", db_str(res, c + 4));
	if (months == 1)
		snprintf(period, sizeof(period), "month");
	else
		snprintf(period, sizeof(period), "%lld months", months);
	cJSON_AddStringToObject(p, "period", period);
	cJSON_AddNumberToObject(p, "period_months", (double)months);
	json_str(p, "max_quality", db_str(res, c + 6));
	cJSON_AddNumberToObject(p, "max_streams", (double)db_int(res, c + 7));
	return p;
}

/*
 * A subscription object from a SUBS_SUB_COLS row. The status shown is the
 * stored one, except that an active row that was cancelled says
 * "canceled" and one whose access lapsed says "expired".
 */
static cJSON *
subs_sub_json(struct db_res *res, int col)
{
	cJSON		*s;
	const char	*status = db_str(res, col + 1);
	int		 access = db_int(res, col + 6) != 0, renew = db_int(res, col + 2) != 0;

	if ((s = cJSON_CreateObject()) == NULL)
		return NULL;
	if (status != NULL && strcmp(status, "active") == 0)
		status = !access ? "expired" : renew ? "active" : "canceled";
	cJSON_AddNumberToObject(s, "id", (double)db_int(res, col));
	json_str(s, "status", status);
	json_bool(s, "active", access);
	json_bool(s, "auto_renew", renew);
	json_time(s, "start_date", db_str(res, col + 3));
	json_time(s, "end_date", db_str(res, col + 4));
	json_time(s, "created_at", db_str(res, col + 5));
	cJSON_AddItemToObject(s, "plan", subs_plan_json(res, col + 7));
	return s;
}

/*
 * Read one subscription (STMT_SUBS_CURRENT by user, STMT_SUBS_BY_ID by id)
 * into *out: an object, or NULL when there is none. Returns DB_OK or an error.
 */
static int
subs_sub_read(struct db *db, enum stmt_id id, long long arg, cJSON **out)
{
	struct db_res	*res;
	int		 rc;

	*out = NULL;
	if ((rc = db_exec(db, id, &res, "i", arg)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		if ((*out = subs_sub_json(res, 0)) == NULL)
			rc = DB_ERR_INTERNAL;
		else
			rc = DB_OK;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/*
 * The signed URL of a media file for user_id: config.media_base_url (made
 * absolute with public_base_url when it is a path) + the encoded
 * video_path (NULL: the sample), signed until *expires. Returns 0, or -1
 * (logged) when the media secret or the path is unusable.
 */
static int
subs_media_url(long long user_id, const char *video_path, long long *expires, char *out,
    size_t outlen)
{
	unsigned char	 key[128];
	char		 enc[1024], path[1280], signed_path[SUBS_URL_MAX];
	const char	*base = config.media_base_url, *prefix = "", *bpath = base, *p;
	size_t		 plen = 0, blen;
	int		 keylen, n, rc = -1;

	if ((p = strstr(base, "://")) != NULL) {
		/* An absolute base: the path part is what the browser requests and nginx sees. */
		prefix = base;
		bpath = strchr(p + 3, '/');
		if (bpath == NULL)
			bpath = "";
		plen = (size_t)(bpath - base);
	} else {
		prefix = config.public_base_url;
		plen = strlen(prefix);
		if (plen > 0 && prefix[plen - 1] == '/')
			plen--;
	}
	blen = strlen(bpath);
	while (blen > 0 && bpath[blen - 1] == '/')
		blen--;
	if (signed_url_encode_path(video_path && *video_path ? video_path : SUBS_SAMPLE_MEDIA,
	    enc, sizeof(enc)) == -1) {
		log_error("subs_media_url: unusable video_path \"%.100s\"", video_path);
		return -1;
	}
	n = snprintf(path, sizeof(path), "%.*s/%s", (int)blen, bpath, enc);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -1;
	if ((keylen = config_hex(config.media_secret, key, sizeof(key))) < SIGNED_URL_MINKEY) {
		log_error("subs_media_url: media_secret must be at least %d bytes of hex",
		    SIGNED_URL_MINKEY);
		goto out;
	}
	*expires = (long long)time(NULL) + config.play_ttl;
	if (signed_url_make(key, (size_t)keylen, path, user_id, *expires, signed_path,
	    sizeof(signed_path)) == -1)
		goto out;
	n = snprintf(out, outlen, "%.*s%s", (int)plen, prefix, signed_path);
	if (n < 0 || (size_t)n >= outlen)
		goto out;
	rc = 0;
out:
	crypto_wipe(key, sizeof(key));
	return rc;
}

int
subs_media_path(struct db *db, long long movie_id, int *found, char *path, size_t len)
{
	struct db_res	*res;
	int		 rc;

	*found = 0;
	path[0] = '\0';
	if ((rc = db_exec(db, STMT_MEDIA_PATH, &res, "i", movie_id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*found = 1;
		if (db_str(res, 0) != NULL)
			snprintf(path, len, "%s", db_str(res, 0));
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* A plan of GET /plans (resp_rows). */
static cJSON *
plan_row(struct db_res *res, const void *arg)
{
	(void)arg;
	return subs_plan_json(res, 0);
}

const struct input h_plans_in[] = { { ARG_NONE } };

/* GET /plans: the plans on sale, cheapest first. Answers 200, 503. */
int
h_plans(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc;

	rc = db_exec(r->db, STMT_SUBS_PLANS, &res, "");
	return resp_rows(w, rc, res, plan_row, NULL);
}

const struct input h_subscription_get_in[] = { { ARG_NONE } };

/*
 * GET /subscription: the caller's subscription (the active one, else the
 * latest past_due, pending or expired one), or data null when there is
 * none. Answers 200, 401, 503.
 */
int
h_subscription_get(struct req *r, struct resp *w)
{
	cJSON	*sub;
	int	 rc;

	if ((rc = subs_sub_read(r->db, STMT_SUBS_CURRENT, r->user_id, &sub)) != DB_OK)
		return resp_db(w, rc);
	return resp_data(w, 200, sub);
}

/*
 * The provider's idempotency key of a first payment. With the client's
 * Idempotency-Key: from the user and that key, so a retried request is the
 * same charge. Without one: from the user, the plan, the day (the period
 * it starts), the payment token and the subscription the user had before
 * (cur_id, 0 for none), so that the same request repeated is the same
 * charge, while a new card after a decline, or a return to a plan after
 * another, is a new one.
 */
static void
subs_initial_key(long long user_id, const char *ckey, const char *plan, const char *token,
    long long cur_id, char *out, size_t len)
{
	char		 msg[600], day[16], hex[2 * CRYPTO_SHA256_LEN + 1];
	time_t		 now = time(NULL);
	struct tm	 tm;

	if (ckey != NULL)
		snprintf(msg, sizeof(msg), "initial\n%lld\nkey\n%s", user_id, ckey);
	else {
		gmtime_r(&now, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		snprintf(msg, sizeof(msg), "initial\n%lld\n%s\n%s\n%s\n%lld", user_id, plan, day,
		    token, cur_id);
	}
	(void)crypto_sha256_hex(msg, strlen(msg), hex);	/* "" on failure, logged */
	crypto_wipe(msg, sizeof(msg));
	snprintf(out, len, "sub_%s", hex);
}

/* Whether an Idempotency-Key header value is 1..100 visible ASCII characters. */
static int
subs_key_ok(const char *k)
{
	size_t	 n;

	for (n = 0; k[n] != '\0'; n++)
		if (k[n] < 0x21 || k[n] > 0x7e)
			return 0;
	return n >= 1 && n <= 100;
}

/*
 * Answer POST /subscription from where its payment stands: 201 with the
 * subscription when it succeeded, 402 when it was declined, 202 with the
 * pending subscription while the provider has not answered.
 */
static int
subs_answer(struct req *r, struct resp *w, const struct subs_payment *pay)
{
	cJSON	*sub;
	int	 rc;

	if (strcmp(pay->status, "declined") == 0 || strcmp(pay->status, "failed") == 0)
		return resp_error(w, 402, "payment_required",
		    "The payment was declined: try another payment method.");
	if ((rc = subs_sub_read(r->db, STMT_SUBS_BY_ID, pay->subscription_id, &sub)) != DB_OK)
		return resp_db(w, rc);
	if (sub == NULL)
		return resp_error(w, 500, NULL, NULL);
	return resp_data(w, strcmp(pay->status, "succeeded") == 0 ? 201 : 202, sub);
}

/* The pending subscription and its first payment (db_tx). */
struct sub_start {
	long long		 user_id;
	const struct subs_plan	*plan;
	const char		*token, *key;
};

static int
subs_start_tx(struct db *db, void *arg)
{
	struct sub_start	*st = arg;
	long long		 sub_id;
	int			 rc;

	if ((rc = db_exec(db, STMT_SUBS_INSERT, NULL, "iis", st->user_id, st->plan->id,
	    st->token)) != DB_OK)
		return rc;
	sub_id = db_insert_id(db);
	return db_exec(db, STMT_PAY_INSERT, NULL, "iiisissI", st->user_id, sub_id, st->plan->id,
	    "initial", st->plan->price_cents, st->plan->currency, st->key, NULL);
}

static int
subs_start(struct db *db, long long user_id, const struct subs_plan *plan, const char *token,
    const char *key)
{
	struct sub_start	 st = { user_id, plan, token, key };

	return db_tx(db, subs_start_tx, &st);
}

const struct input h_subscription_create_in[] = {
	{ ARG_PLAN, IN_BODY, IN_KEY, IN_REQUIRED, 1, 32 },	/* a plan's code or its id */
	{ ARG_PAYMENT_TOKEN, IN_BODY, IN_STR, IN_REQUIRED, 1, 200 },
	{ ARG_NONE }
};

/*
 * Find the payment of key into *pay: 1 when there is one, 0 when not, or
 * a db_rc error.
 */
static int
subs_find(struct db *db, const char *key, struct subs_payment *pay)
{
	int	 rc;

	if ((rc = db_subs_payment_by_key(db, key, pay)) == DB_OK)
		return 1;
	return rc == DB_ERR_NOTFOUND ? 0 : rc;
}

/*
 * Wait for the user's subscribe turn (the named lock of STMT_SUBS_USER_LOCK)
 * at most 2 * payment_timeout + 2 seconds, in waits shorter than the
 * connection's read timeout. *got is 1 when it is ours, 0 when the wait
 * ran out. Returns DB_OK or a db_rc error.
 */
static int
subs_take_turn(struct db *db, long long user_id, int *got)
{
	struct db_res	*res;
	struct timespec	 now;
	long long	 left, slice;
	time_t		 deadline;
	int		 rc;

	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = now.tv_sec + 2 * (time_t)config.payment_timeout + 2;
	for (*got = 0;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long long)(deadline - now.tv_sec);
		/* Each wait ends 2 s before the read timeout; under 3 s, polls. */
		slice = config.db_read_timeout > 2 ? config.db_read_timeout - 2 : 0;
		if (slice > left)
			slice = left > 0 ? left : 0;
		if ((rc = db_exec(db, STMT_SUBS_USER_LOCK, &res, "ii", user_id, slice)) != DB_OK)
			return rc;
		if (db_next(res) == 1)
			*got = db_int(res, 0) == 1;
		db_res_free(res);
		if (*got || left <= 0)
			return DB_OK;
		if (slice == 0)
			usleep(100 * 1000);
	}
}

/*
 * The plan that POST /subscription names, as GET /plans lists it: by its
 * code ("basic"), by its id (2), or by its id written as text ("2") when no
 * code is spelled so. Returns DB_OK, DB_ERR_NOTFOUND or another db_rc.
 */
static int
plan_find(struct req *r, struct subs_plan *plan)
{
	const char	*code = req_str(r, ARG_PLAN);
	long long	 id;
	int		 rc;

	if (code == NULL)
		return db_subs_plan_by_id(r->db, req_int(r, ARG_PLAN, 0), plan);
	if ((rc = db_subs_plan_by_code(r->db, code, plan)) != DB_ERR_NOTFOUND)
		return rc;
	if (valid_int(code, 1, 999999999999LL, &id) == -1 || code[0] == '0')
		return DB_ERR_NOTFOUND;
	return db_subs_plan_by_id(r->db, id, plan);
}

/* The body of POST /subscription, run while the caller's subscribe lock is held. */
static int
subs_create_locked(struct req *r, struct resp *w)
{
	struct subs_plan	 plan;
	struct subs_payment	 pay;
	struct db_res		*res = NULL;
	enum payment_outcome	 outcome;
	const char		*token = req_str(r, ARG_PAYMENT_TOKEN);
	const char		*ckey = http_param(r, "HTTP_IDEMPOTENCY_KEY");
	char			 key[80];
	long long		 cur_id = 0, cur_plan = 0, pending = 0;
	int			 rc, cur_access = 0, cur_renew = 0, found = 0;

	if ((rc = plan_find(r, &plan)) == DB_ERR_NOTFOUND)
		return resp_field(w, "plan", "is not a plan's code or id (see GET /plans)");
	if (rc != DB_OK)
		return resp_db(w, rc);

	/* A retry under the client's key: the first answer again. */
	if (ckey != NULL) {
		subs_initial_key(r->user_id, ckey, NULL, NULL, 0, key, sizeof(key));
		if ((found = subs_find(r->db, key, &pay)) < 0)
			return resp_db(w, found);
	}
	if (!found) {
		/* What does the caller have now? */
		if ((rc = db_exec(r->db, STMT_SUBS_CURRENT, &res, "i", r->user_id)) != DB_OK)
			return resp_db(w, rc);
		if (db_next(res) == 1 && db_str(res, 1) != NULL &&
		    strcmp(db_str(res, 1), "active") == 0) {
			cur_id = db_int(res, 0);
			cur_renew = db_int(res, 2) != 0;
			cur_access = db_int(res, 6) != 0;
			cur_plan = db_int(res, 7);
		}
		db_res_free(res);
		res = NULL;
		if (cur_id != 0 && cur_access && cur_plan == plan.id) {
			cJSON	*sub;

			if (cur_renew)
				return resp_error(w, 409, "already_subscribed",
				    "You are already subscribed to this plan.");
			if ((rc = db_exec(r->db, STMT_SUBS_RESUME, NULL, "i", cur_id)) != DB_OK ||
			    (rc = subs_sub_read(r->db, STMT_SUBS_BY_ID, cur_id, &sub)) != DB_OK)
				return resp_db(w, rc);
			return resp_data(w, 200, sub);
		}
		if (ckey == NULL) {
			subs_initial_key(r->user_id, NULL, plan.code, token, cur_id, key,
			    sizeof(key));
			if ((found = subs_find(r->db, key, &pay)) < 0)
				return resp_db(w, found);
		}
	}
	if (!found) {
		if ((rc = db_exec(r->db, STMT_SUBS_PENDING_COUNT, &res, "i", r->user_id)) != DB_OK)
			return resp_db(w, rc);
		if (db_next(res) == 1)
			pending = db_int(res, 0);
		db_res_free(res);
		if (pending > 0)
			return resp_error(w, 409, "payment_pending", "A payment for a subscription "
			    "is still waiting for the provider's answer: try again later.");
		rc = subs_start(r->db, r->user_id, &plan, token, key);
		if (rc != DB_OK && rc != DB_ERR_DUPLICATE)
			return resp_db(w, rc);
		/* Made here, or by a concurrent request with the same key: read it back. */
		if ((found = subs_find(r->db, key, &pay)) < 0)
			return resp_db(w, found);
		if (!found)
			return resp_error(w, 500, NULL, NULL);
	}
	if (pay.plan_id != plan.id)
		return resp_error(w, 409, "idempotency_key_reused",
		    "That Idempotency-Key was used for another plan.");
	if (strcmp(pay.status, "pending") == 0) {
		if ((rc = db_subs_charge(r->db, pay.id, &outcome)) != DB_OK)
			return resp_db(w, rc);
		if ((rc = db_subs_payment_get(r->db, pay.id, &pay)) != DB_OK)
			return resp_db(w, rc);
	}
	return subs_answer(r, w, &pay);
}

/*
 * POST /subscription {plan, payment_token}: charge the first period and
 * start the subscription now; another plan replaces the current one at
 * once (no pro-rating). With an Idempotency-Key header a retried request
 * gets the first answer again and is never charged twice; without one the
 * same request repeated is the same provider charge. Answers 201
 * (started), 200 (the same plan, cancelled: auto-renew is back on, no
 * charge), 202 (the provider did not answer: pending until the renewal job
 * asks again), 400, 401, 402 (declined), 403 email_unverified (with
 * unverified_may_subscribe = 0), 409 (already subscribed to that plan, a
 * payment still pending, or the key reused for another plan), 503.
 */
int
h_subscription_create(struct req *r, struct resp *w)
{
	const char	*ckey = http_param(r, "HTTP_IDEMPOTENCY_KEY");
	struct db_res	*res;
	int		 rc, rc2, got;

	if (ckey != NULL && !subs_key_ok(ckey))
		return resp_field(w, "Idempotency-Key", "must be 1..100 visible ASCII characters");
	if (recovery_may_subscribe(r, w) != 0)
		return w->status;	/* 403 email_unverified, by the setting unverified_may_subscribe */
	/*
	 * Concurrent requests of one user (a client retrying before the first
	 * answer came) take turns, so each sees what the one before it did: the
	 * same key gets the same answer, never a payment_pending of its twin.
	 * The wait is bounded (subs_take_turn): one provider call
	 * (payment_timeout) and the writes around it.
	 */
	if ((rc = subs_take_turn(r->db, r->user_id, &got)) != DB_OK)
		return resp_db(w, rc);
	if (got != 1)
		return resp_error(w, 409, "request_in_progress", "Another subscription request "
		    "of this account is still running: try again in a moment.");
	rc = subs_create_locked(r, w);
	if ((rc2 = db_exec(r->db, STMT_SUBS_USER_UNLOCK, &res, "i", r->user_id)) == DB_OK)
		db_res_free(res);
	else
		log_error("h_subscription_create: user %lld: the subscribe lock was not released "
		    "(%d)", r->user_id, rc2);
	return rc;
}

const struct input h_subscription_cancel_in[] = { { ARG_NONE } };

/*
 * DELETE /subscription: turn auto-renew off; access stays until end_date.
 * Answers 200 with the subscription, 204 when there is nothing to cancel,
 * 401, 503.
 */
int
h_subscription_cancel(struct req *r, struct resp *w)
{
	cJSON	*sub, *status;
	int	 rc;

	if ((rc = db_exec(r->db, STMT_SUBS_CANCEL, NULL, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = subs_sub_read(r->db, STMT_SUBS_CURRENT, r->user_id, &sub)) != DB_OK)
		return resp_db(w, rc);
	status = sub ? cJSON_GetObjectItemCaseSensitive(sub, "status") : NULL;
	if (sub == NULL || !cJSON_IsString(status) ||
	    strcmp(status->valuestring, "expired") == 0) {
		cJSON_Delete(sub);
		return resp_empty(w, 204);
	}
	return resp_data(w, 200, sub);
}

const struct input h_payments_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/* GET /payments: the caller's payment attempts, newest first, paged. Answers 200, 400, 401, 503. */
int
h_payments_list(struct req *r, struct resp *w)
{
	struct db_res	*res;
	cJSON		*arr, *p;
	long long	 page = req_int(r, ARG_PAGE, 1), per = req_int(r, ARG_PER_PAGE, 20), total = 0;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_PAY_COUNT, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if (db_next(res) == 1)
		total = db_int(res, 0);
	db_res_free(res);
	if ((rc = db_exec(r->db, STMT_PAY_LIST, &res, "iii", r->user_id, per,
	    (page - 1) * per)) != DB_OK)
		return resp_db(w, rc);
	arr = cJSON_CreateArray();
	while ((rc = db_next(res)) == 1) {
		if ((p = cJSON_CreateObject()) == NULL)
			break;
		cJSON_AddNumberToObject(p, "id", (double)db_int(res, 0));
		json_str(p, "kind", db_str(res, 1));
		cJSON_AddNumberToObject(p, "amount_cents", (double)db_int(res, 2));
		json_round(p, "amount", (double)db_int(res, 2) / 100.0, 2, 0);
		json_str(p, "currency", db_str(res, 3));
		json_str(p, "status", db_str(res, 4));
		json_str(p, "provider_reference", db_str(res, 5));
		json_str(p, "failure_code", db_str(res, 6));
		json_time(p, "period_start", db_str(res, 7));
		json_time(p, "created_at", db_str(res, 8));
		json_str(p, "plan", db_str(res, 9));
		cJSON_AddNumberToObject(p, "subscription_id", (double)db_int(res, 10));
		cJSON_AddItemToArray(arr, p);
	}
	db_res_free(res);
	if (rc < 0) {
		cJSON_Delete(arr);
		return resp_db(w, rc);
	}
	return resp_page(w, arr, page, per, total);
}

int
subs_play_sign(struct req *r, const char *video_path, cJSON *data)
{
	char		 url[SUBS_URL_MAX], when[32];
	long long	 expires = 0;

	if (subs_media_url(r->user_id, video_path, &expires, url, sizeof(url)) == -1)
		return -1;
	json_iso_time(expires, when, sizeof(when));
	if (cJSON_AddStringToObject(data, "url", url) == NULL ||
	    cJSON_AddStringToObject(data, "expires_at", when) == NULL)
		return -1;
	return 0;
}

const struct input h_movie_play_in[] = { { ARG_NONE } };

/*
 * GET /movies/{id}/play: open a stream of the caller's login on the movie
 * (h_streams.c: one per login, replacing its previous one; at most the
 * plan's max_streams at once) and answer a signed URL of the movie's media
 * that expires after play_ttl seconds. Answers 200 {url, expires_at,
 * stream}, 401, 402 without an active subscription, 404 for no such movie,
 * 409 too_many_streams (with the streams holding the screens), 500, 503.
 */
int
h_movie_play(struct req *r, struct resp *w)
{
	return streams_play(r, w, 0);
}

const struct input h_media_auth_in[] = { { ARG_NONE } };

/*
 * GET /media-auth (ROUTE_INTERNAL: nginx's auth_request subrequest only):
 * whether the original request, whose path and query nginx passes as the
 * FastCGI parameter STREAMIFY_ORIGINAL_URI (no client header can set it),
 * carries a valid, unexpired signature. Answers 200 or 403, without a body;
 * no database access.
 */
int
h_media_auth(struct req *r, struct resp *w)
{
	unsigned char	 key[128];
	const char	*uri = http_param(r, "STREAMIFY_ORIGINAL_URI");
	int		 keylen, rc = SIGNED_URL_BAD;

	w->cache = CACHE_NONE;
	keylen = config_hex(config.media_secret, key, sizeof(key));
	if (uri != NULL && keylen >= SIGNED_URL_MINKEY)
		rc = signed_url_verify(key, (size_t)keylen, uri, (long long)time(NULL), NULL);
	crypto_wipe(key, sizeof(key));
	if (rc != SIGNED_URL_OK) {
		log_info("h_media_auth: refused (%s)", rc == SIGNED_URL_EXPIRED ? "expired" :
		    uri == NULL ? "no original URI" : "bad signature");
		return resp_empty(w, 403);
	}
	return resp_empty(w, 200);
}

const struct input h_notifications_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/*
 * GET /notifications: the caller's notifications, unread first, then
 * newest first; paged, with unread_count. Answers 200, 400, 401, 503.
 */
int
h_notifications_list(struct req *r, struct resp *w)
{
	struct db_res	*res;
	cJSON		*root, *arr, *n, *data;
	long long	 page = req_int(r, ARG_PAGE, 1), per = req_int(r, ARG_PER_PAGE, 20);
	long long	 total = 0, unread = 0;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_NOTE_COUNT, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if (db_next(res) == 1) {
		total = db_int(res, 0);
		unread = db_int(res, 1);
	}
	db_res_free(res);
	if ((rc = db_exec(r->db, STMT_NOTE_LIST, &res, "iii", r->user_id, per,
	    (page - 1) * per)) != DB_OK)
		return resp_db(w, rc);
	arr = cJSON_CreateArray();
	while ((rc = db_next(res)) == 1) {
		if ((n = cJSON_CreateObject()) == NULL)
			break;
		cJSON_AddNumberToObject(n, "id", (double)db_int(res, 0));
		json_str(n, "type", db_str(res, 1));
		json_str(n, "title", db_str(res, 2));
		json_str(n, "message", db_str(res, 3));
		data = db_str(res, 4) ? cJSON_Parse(db_str(res, 4)) : NULL;
		cJSON_AddItemToObject(n, "data", data ? data : cJSON_CreateNull());
		json_bool(n, "read", !db_isnull(res, 5));
		json_time(n, "read_at", db_str(res, 5));
		json_time(n, "created_at", db_str(res, 6));
		cJSON_AddItemToArray(arr, n);
	}
	db_res_free(res);
	if (rc < 0) {
		cJSON_Delete(arr);
		return resp_db(w, rc);
	}
	root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "results", arr);
	cJSON_AddNumberToObject(root, "page", (double)page);
	cJSON_AddNumberToObject(root, "per_page", (double)per);
	cJSON_AddNumberToObject(root, "total_results", (double)total);
	cJSON_AddNumberToObject(root, "total_pages", (double)((total + per - 1) / per));
	cJSON_AddNumberToObject(root, "unread_count", (double)unread);
	return resp_json(w, 200, root);
}

const struct input h_notification_read_in[] = { { ARG_NONE } };

/*
 * POST /notifications/{id}/read: mark one of the caller's notifications
 * read (again is fine). Answers 204, 401, 404 when the caller has no such
 * notification, 503.
 */
int
h_notification_read(struct req *r, struct resp *w)
{
	struct db_res	*res;
	long long	 n = 0;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_NOTE_EXISTS, &res, "ii", req_id(r), r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if (db_next(res) == 1)
		n = db_int(res, 0);
	db_res_free(res);
	if (n == 0)
		return resp_error(w, 404, NULL, "There is no such notification.");
	if ((rc = db_exec(r->db, STMT_NOTE_READ, NULL, "ii", req_id(r), r->user_id)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

const struct input h_notifications_read_all_in[] = { { ARG_NONE } };

/* POST /notifications/read-all: mark every notification of the caller read. Answers 204, 401, 503. */
int
h_notifications_read_all(struct req *r, struct resp *w)
{
	int	 rc;

	if ((rc = db_exec(r->db, STMT_NOTE_READ_ALL, NULL, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

cJSON *
subs_video_url(struct req *r, int access, const char *video_path)
{
	char		 url[SUBS_URL_MAX];
	long long	 expires;

	if (r->user_id == 0 || !access ||
	    subs_media_url(r->user_id, video_path, &expires, url, sizeof(url)) == -1)
		return cJSON_CreateNull();
	return cJSON_CreateString(url);
}

cJSON *
subs_profile_subscription(struct db_res *res, int col)
{
	cJSON	*sub;

	if (db_isnull(res, col) || (sub = subs_sub_json(res, col)) == NULL)
		return cJSON_CreateNull();
	return sub;
}
