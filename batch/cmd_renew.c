/* cmd_renew.c: streamify-batch renew (renewals, retries, expiry) and notify (new movies in favoured genres). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "batch.h"
#include "config.h"
#include "db.h"
#include "db_subs.h"
#include "log.h"

#define RENEW_MAX_ROUNDS	1000000	/* rows one run handles at most */
#define NOTIFY_TITLES		3	/* movie titles named in one notification */
#define NOTIFY_IDS		20	/* movie ids kept in its data */

struct renew_stats {
	long long	 renewed, declined, expired, pending, resolved, expiring;
};

/* Seconds a renew process may hold a claim: two provider timeouts and a margin. */
static long long
renew_lease(void)
{
	return config.payment_timeout * 2 + 60;
}

/*
 * Ask the provider again about payments left pending (no answer in time),
 * oldest first, each claimed so that a concurrent run skips it. A payment
 * with no answer after renew_max_retries + 1 checks is given up: 'failed'.
 */
static int
renew_resolve_pending(struct db *db, struct renew_stats *st)
{
	struct subs_payment	 pay;
	struct db_res		*res;
	enum payment_outcome	 outcome;
	long long		 id;
	int			 rc, n;

	for (n = 0; n < RENEW_MAX_ROUNDS; n++) {
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		if ((rc = db_exec(db, STMT_PAY_PENDING, &res, "i", config.payment_timeout)) != DB_OK)
			goto fail;
		id = db_next(res) == 1 ? db_int(res, 0) : 0;
		db_res_free(res);
		if (id == 0)
			return db_commit(db);
		if ((rc = db_exec(db, STMT_PAY_CHECKING, NULL, "ii", renew_lease(), id)) != DB_OK ||
		    (rc = db_commit(db)) != DB_OK)
			goto fail;
		if ((rc = db_subs_charge(db, id, &outcome)) != DB_OK)
			return rc;
		if (outcome == PAYMENT_UNKNOWN) {
			if ((rc = db_subs_payment_get(db, id, &pay)) != DB_OK)
				return rc;
			if (pay.checks > config.renew_max_retries) {
				log_warn("renew: payment %lld: no answer after %lld checks: failed",
				    id, pay.checks);
				if ((rc = db_subs_settle(db, id, PAYMENT_UNKNOWN, NULL, NULL, 1)) != DB_OK)
					return rc;
				st->declined++;
			} else
				st->pending++;
		} else
			st->resolved++;
	}
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/*
 * Renew the due subscriptions one at a time. Each is picked with FOR UPDATE
 * SKIP LOCKED and claimed (claimed_until) together with the insertion of
 * its pending renewal payment, in one short transaction; the provider is
 * asked outside it. The unique key of payments on (subscription_id,
 * renewal_period) makes a second charge of one period impossible, whatever
 * runs at the same time.
 */
static int
renew_due(struct db *db, struct renew_stats *st)
{
	struct subs_plan	 plan;
	struct db_res		*res;
	enum payment_outcome	 outcome;
	long long		 sub_id, user_id, plan_id, auto_renew, failed, pay_id;
	char			 end[20], key[100], note_key[80];
	int			 rc, n, i, j;

	for (n = 0; n < RENEW_MAX_ROUNDS; n++) {
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		if ((rc = db_exec(db, STMT_SUBS_DUE, &res, "")) != DB_OK)
			goto fail;
		if (db_next(res) != 1) {
			db_res_free(res);
			return db_commit(db);
		}
		sub_id = db_int(res, 0);
		user_id = db_int(res, 1);
		plan_id = db_int(res, 2);
		auto_renew = db_int(res, 3);
		failed = db_int(res, 4);
		snprintf(end, sizeof(end), "%s", db_str(res, 5) ? db_str(res, 5) : "");
		db_res_free(res);
		if ((rc = db_subs_plan_by_id(db, plan_id, &plan)) != DB_OK)
			goto fail;
		if (!auto_renew) {
			/* Cancelled: it ends at end_date. */
			snprintf(note_key, sizeof(note_key), "expired:%lld:%s", sub_id, end);
			if ((rc = db_exec(db, STMT_SUBS_EXPIRE, NULL, "i", sub_id)) != DB_OK ||
			    (rc = db_subs_notify(db, user_id, "subscription_expired",
			    "Subscription expired", "Your subscription has ended. Subscribe again "
			    "to keep watching.", NULL, note_key)) != DB_OK ||
			    (rc = db_commit(db)) != DB_OK)
				goto fail;
			st->expired++;
			continue;
		}
		/* ren_<subscription>_<period start, digits only>_<attempt> */
		i = snprintf(key, sizeof(key), "ren_%lld_", sub_id);
		for (j = 0; end[j] != '\0' && i < (int)sizeof(key) - 24; j++)
			if (end[j] >= '0' && end[j] <= '9')
				key[i++] = end[j];
		snprintf(key + i, sizeof(key) - (size_t)i, "_%lld", failed + 1);
		rc = db_exec(db, STMT_PAY_INSERT, NULL, "iiisisss", user_id, sub_id, plan.id,
		    "renewal", plan.price_cents, plan.currency, key, end);
		if (rc == DB_ERR_DUPLICATE) {
			/* This period has a pending payment: the pending pass asks about it. */
			if ((rc = db_exec(db, STMT_SUBS_RELEASE, NULL, "ii", renew_lease(),
			    sub_id)) != DB_OK || (rc = db_commit(db)) != DB_OK)
				goto fail;
			st->pending++;
			continue;
		}
		if (rc != DB_OK)
			goto fail;
		pay_id = db_insert_id(db);
		if ((rc = db_exec(db, STMT_SUBS_CLAIM, NULL, "ii", renew_lease(), sub_id)) != DB_OK ||
		    (rc = db_commit(db)) != DB_OK)
			goto fail;
		if ((rc = db_subs_charge(db, pay_id, &outcome)) != DB_OK)
			return rc;
		switch (outcome) {
		case PAYMENT_APPROVED:
			st->renewed++;
			break;
		case PAYMENT_DECLINED:
			st->declined++;
			break;
		default:
			/* No answer: the payment stays pending until a later run asks again. */
			if ((rc = db_exec(db, STMT_SUBS_RELEASE, NULL, "ii", renew_lease(),
			    sub_id)) != DB_OK)
				return rc;
			st->pending++;
			break;
		}
	}
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/* Tell the users whose cancelled subscription ends within 3 days (once per end date). */
static int
renew_expiring(struct db *db, struct renew_stats *st)
{
	struct db_res	*res;
	char		 key[80], body[300];
	int		 rc;

	if ((rc = db_exec(db, STMT_SUBS_EXPIRING, &res, "")) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1) {
		snprintf(key, sizeof(key), "expiring:%lld:%s", db_int(res, 0), db_str(res, 2));
		snprintf(body, sizeof(body), "Your %s subscription ends on %.10s. Turn auto-renew "
		    "back on (subscribe again to the same plan) to keep watching.",
		    db_str(res, 3), db_str(res, 2));
		if ((rc = db_subs_notify(db, db_int(res, 1), "subscription_expiring",
		    "Subscription ending soon", body, NULL, key)) != DB_OK)
			break;
		st->expiring++;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

int
cmd_renew(int argc, char *argv[])
{
	static const char	 help[] =
	    "usage: streamify-batch renew\n"
	    "\n"
	    "Asks the payment provider again about payments left pending, renews the due\n"
	    "subscriptions that auto-renew (a declined charge is retried renew_max_retries\n"
	    "times, one attempt per run at most every 20 hours, then the subscription expires),\n"
	    "expires the cancelled ones at their end date and tells users whose subscription\n"
	    "ends within 3 days. Safe to run twice at once: no period is ever charged twice.\n";
	struct renew_stats	 st;
	struct db		*db;
	int			 rc;

	if ((rc = batch_no_options(argc, argv, help)) != -1)
		return rc;
	memset(&st, 0, sizeof(st));
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-batch renew: cannot reach the database\n");
		db_close(db);
		return 1;
	}
	if ((rc = renew_resolve_pending(db, &st)) == DB_OK &&
	    (rc = renew_due(db, &st)) == DB_OK)
		rc = renew_expiring(db, &st);
	db_close(db);
	printf("renew: %lld renewed, %lld declined, %lld expired, %lld pending, %lld resolved, "
	    "%lld told of expiry\n", st.renewed, st.declined, st.expired, st.pending, st.resolved,
	    st.expiring);
	if (rc != DB_OK) {
		fprintf(stderr, "streamify-batch renew: stopped on a database error (%d)\n", rc);
		return 1;
	}
	return 0;
}

/* One user's new movies, gathered from the rows of STMT_NOTIFY_NEW_MOVIES. */
struct notify_user {
	long long	 user_id;
	long long	 count;
	char		 titles[NOTIFY_TITLES][128];
	cJSON		*ids;
};

/* Write the notification of one user. */
static int
notify_flush(struct db *db, struct notify_user *u, const char *upper)
{
	char	 body[700], key[64], *data = NULL;
	cJSON	*obj;
	size_t	 off;
	int	 i, rc;

	if (u->user_id == 0)
		return DB_OK;
	off = (size_t)snprintf(body, sizeof(body), "New in genres you like: ");
	for (i = 0; i < NOTIFY_TITLES && i < u->count; i++)
		off += (size_t)snprintf(body + off, sizeof(body) - off, "%s%s",
		    i ? ", " : "", u->titles[i]);
	if (u->count > NOTIFY_TITLES && off < sizeof(body))
		snprintf(body + off, sizeof(body) - off, " and %lld more.",
		    u->count - NOTIFY_TITLES);
	else if (off < sizeof(body))
		snprintf(body + off, sizeof(body) - off, ".");
	snprintf(key, sizeof(key), "new_movies:%s", upper);
	if ((obj = cJSON_CreateObject()) != NULL) {
		cJSON_AddItemToObject(obj, "movie_ids", u->ids);
		u->ids = NULL;
		cJSON_AddNumberToObject(obj, "count", (double)u->count);
		data = cJSON_PrintUnformatted(obj);
		cJSON_Delete(obj);
	}
	rc = db_subs_notify(db, u->user_id, "new_movies", "New movies for you", body, data, key);
	free(data);
	cJSON_Delete(u->ids);
	memset(u, 0, sizeof(*u));
	return rc;
}

/* The title of a movie into out ("?" when it is gone). Returns DB_OK or an error. */
static int
notify_title(struct db *db, long long movie_id, char *out, size_t len)
{
	struct db_res	*res;
	int		 rc;

	snprintf(out, len, "?");
	if ((rc = db_exec(db, STMT_NOTIFY_TITLE, &res, "i", movie_id)) != DB_OK)
		return rc;
	if (db_next(res) == 1 && db_str(res, 0) != NULL)
		snprintf(out, len, "%s", db_str(res, 0));
	db_res_free(res);
	return DB_OK;
}

int
cmd_notify(int argc, char *argv[])
{
	static const char	 help[] =
	    "usage: streamify-batch notify\n"
	    "\n"
	    "Finds the movies created since its last run and tells each user whose favorites\n"
	    "share a genre with them (one notification per user and run). The first run only\n"
	    "sets the starting point. Safe to run twice at once.\n";
	struct notify_user	 u;
	struct db		*db;
	struct db_res		*res = NULL;
	char			 mark[20] = "", upper[20] = "";
	long long		 users = 0;
	int			 rc, first;

	if ((rc = batch_no_options(argc, argv, help)) != -1)
		return rc;
	memset(&u, 0, sizeof(u));
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-batch notify: cannot reach the database\n");
		db_close(db);
		return 1;
	}
	if ((rc = db_begin(db)) != DB_OK)
		goto out;
	if ((rc = db_exec(db, STMT_MARK_INIT, NULL, "s", "notify")) != DB_OK)
		goto out;
	first = db_affected(db) > 0;
	if ((rc = db_exec(db, STMT_MARK_LOCK, &res, "s", "notify")) != DB_OK)
		goto out;
	if (db_next(res) == 1 && db_str(res, 0) != NULL)
		snprintf(mark, sizeof(mark), "%s", db_str(res, 0));
	db_res_free(res);
	if ((rc = db_exec(db, STMT_MARK_NOW, &res, "")) != DB_OK)
		goto out;
	if (db_next(res) == 1 && db_str(res, 0) != NULL)
		snprintf(upper, sizeof(upper), "%s", db_str(res, 0));
	db_res_free(res);
	res = NULL;
	if (first || strcmp(upper, mark) <= 0) {
		rc = db_commit(db);
		printf("notify: %s\n", first ? "first run: movies created from now on will be told" :
		    "nothing new");
		goto out;
	}
	if ((rc = db_exec(db, STMT_NOTIFY_NEW_MOVIES, &res, "ss", mark, upper)) != DB_OK)
		goto out;
	while ((rc = db_next(res)) == 1) {
		if (db_int(res, 0) != u.user_id) {
			if ((rc = notify_flush(db, &u, upper)) != DB_OK)
				goto out;
			u.user_id = db_int(res, 0);
			u.ids = cJSON_CreateArray();
			users++;
		}
		if (u.count < NOTIFY_TITLES &&
		    (rc = notify_title(db, db_int(res, 1), u.titles[u.count],
		    sizeof(u.titles[0]))) != DB_OK)
			goto out;
		if (u.count < NOTIFY_IDS)
			cJSON_AddItemToArray(u.ids, cJSON_CreateNumber((double)db_int(res, 1)));
		u.count++;
	}
	if (rc < 0 || (rc = notify_flush(db, &u, upper)) != DB_OK)
		goto out;
	if ((rc = db_exec(db, STMT_MARK_SET, NULL, "ss", upper, "notify")) != DB_OK)
		goto out;
	rc = db_commit(db);
	printf("notify: movies created after %s up to %s: %lld users told\n", mark, upper, users);
out:
	db_res_free(res);
	cJSON_Delete(u.ids);
	if (rc != DB_OK)
		db_rollback(db);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "streamify-batch notify: stopped on a database error (%d)\n", rc);
		return 1;
	}
	return 0;
}
