/* db_subs.h: subscriptions and payments: the charge-and-settle steps the API and the renewal job share. */
#ifndef STREAMIFY_DB_SUBS_H
#define STREAMIFY_DB_SUBS_H

#include "db.h"
#include "payment.h"

#define SUBS_RETRY_DELAY	(20 * 3600)	/* seconds between two renewal attempts of a period */

/* One plan row. */
struct subs_plan {
	long long	 id;
	char		 code[33];
	char		 name[65];
	long long	 price_cents;
	char		 currency[4];
	int		 period_months;
	char		 max_quality[17];
};

/* One payment row (the columns the settling needs). */
struct subs_payment {
	long long	 id;
	long long	 user_id;
	long long	 subscription_id;
	long long	 plan_id;
	char		 kind[16];		/* "initial" or "renewal" */
	long long	 amount_cents;
	char		 currency[4];
	char		 status[16];		/* "pending", "succeeded", "declined", "failed" */
	char		 idem_key[101];
	char		 period_start[20];	/* renewal: "YYYY-MM-DD HH:MM:SS", else "" */
	long long	 checks;
};

/*
 * Look a plan up by its code (stmt STMT_SUBS_PLAN_BY_CODE, arg "s") or id
 * (STMT_SUBS_PLAN_BY_ID, "i"). Returns DB_OK, DB_ERR_NOTFOUND or an error.
 */
int	db_subs_plan_by_code(struct db *db, const char *code, struct subs_plan *p);
int	db_subs_plan_by_id(struct db *db, long long id, struct subs_plan *p);

/* Read a payment by its id or its idempotency key. Returns DB_OK, DB_ERR_NOTFOUND or an error. */
int	db_subs_payment_get(struct db *db, long long id, struct subs_payment *pay);
int	db_subs_payment_by_key(struct db *db, const char *key, struct subs_payment *pay);

/*
 * Whether user_id may watch now (an active, paid-up subscription): *yes
 * is set to 1 or 0. Returns DB_OK or an error.
 */
int	db_subs_access(struct db *db, long long user_id, int *yes);

/*
 * Add a notification for user_id unless one with the same dedupe key
 * exists (so a job that runs twice tells once). data is a JSON object
 * text or NULL. Returns DB_OK or an error.
 */
int	db_subs_notify(struct db *db, long long user_id, const char *kind, const char *title,
	    const char *body, const char *data, const char *dedupe_key);

/*
 * Apply a provider's final answer to a pending payment and to its
 * subscription, with the notifications, in one transaction (retried on
 * deadlock). outcome is PAYMENT_APPROVED, PAYMENT_DECLINED, or
 * PAYMENT_UNKNOWN together with give_up set (no answer after every check:
 * the payment becomes 'failed'); PAYMENT_UNKNOWN without give_up changes
 * nothing. A payment that is no longer pending is left alone, so only
 * the first of concurrent callers changes anything. Returns DB_OK or an
 * error (the transaction then rolled back).
 *
 * An approved first payment starts its subscription now for one period
 * and ends any other active subscription of the user ('replaced'); a
 * declined one marks it 'failed'. An approved renewal extends the
 * subscription by one period from the period it paid for; a declined one
 * counts a failed attempt: 'past_due' with the next attempt in
 * SUBS_RETRY_DELAY, or 'expired' past config.renew_max_retries.
 */
int	db_subs_settle(struct db *db, long long payment_id, enum payment_outcome outcome,
	    const char *ref, const char *code, int give_up);

/*
 * Ask the provider for a pending payment (its stored idempotency key, so
 * asking again never charges twice) and settle the answer. *outcome
 * receives the provider's answer. Returns DB_OK or an error.
 */
int	db_subs_charge(struct db *db, long long payment_id, enum payment_outcome *outcome);

#endif
