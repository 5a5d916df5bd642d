/* db_subs.c: subscriptions and payments: the charge-and-settle steps the API and the renewal job share. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "db_subs.h"
#include "log.h"


/* Copy a string column (NULL as "") into out. */
static void
subs_col(struct db_res *res, int col, char *out, size_t len)
{
	const char	*s = db_str(res, col);

	snprintf(out, len, "%s", s ? s : "");
}

/* Fill *p from the plan row db_row gave with rc (DB_OK) and free it; returns rc. */
static int
subs_plan_row(int rc, struct db_res **res, struct subs_plan *p)
{
	if (rc != DB_OK)
		return rc;
	p->id = db_int(*res, 0);
	subs_col(*res, 1, p->code, sizeof(p->code));
	subs_col(*res, 2, p->name, sizeof(p->name));
	p->price_cents = db_int(*res, 3);
	subs_col(*res, 4, p->currency, sizeof(p->currency));
	p->period_months = (int)db_int(*res, 5);
	subs_col(*res, 6, p->max_quality, sizeof(p->max_quality));
	db_res_free(*res);
	return DB_OK;
}

int
db_subs_plan_by_code(struct db *db, const char *code, struct subs_plan *p)
{
	struct db_res	*res;

	return subs_plan_row(db_row(db, STMT_SUBS_PLAN_BY_CODE, &res, "s", code), &res, p);
}

int
db_subs_plan_by_id(struct db *db, long long id, struct subs_plan *p)
{
	struct db_res	*res;

	return subs_plan_row(db_row(db, STMT_SUBS_PLAN_BY_ID, &res, "i", id), &res, p);
}

/* Fill *pay from the SUBS_PAY_COLS row db_row gave with rc (DB_OK) and free it; returns rc. */
static int
subs_payment_row(int rc, struct db_res **res, struct subs_payment *pay)
{
	if (rc != DB_OK)
		return rc;
	pay->id = db_int(*res, 0);
	pay->user_id = db_int(*res, 1);
	pay->subscription_id = db_int(*res, 2);
	pay->plan_id = db_int(*res, 3);
	subs_col(*res, 4, pay->kind, sizeof(pay->kind));
	pay->amount_cents = db_int(*res, 5);
	subs_col(*res, 6, pay->currency, sizeof(pay->currency));
	subs_col(*res, 7, pay->status, sizeof(pay->status));
	subs_col(*res, 8, pay->idem_key, sizeof(pay->idem_key));
	subs_col(*res, 9, pay->period_start, sizeof(pay->period_start));
	pay->checks = db_int(*res, 10);
	db_res_free(*res);
	return DB_OK;
}

int
db_subs_payment_get(struct db *db, long long id, struct subs_payment *pay)
{
	struct db_res	*res;

	return subs_payment_row(db_row(db, STMT_PAY_GET, &res, "i", id), &res, pay);
}

int
db_subs_payment_by_key(struct db *db, const char *key, struct subs_payment *pay)
{
	struct db_res	*res;

	return subs_payment_row(db_row(db, STMT_PAY_BY_KEY, &res, "s", key), &res, pay);
}

int
db_subs_access(struct db *db, long long user_id, int *yes)
{
	struct db_res	*res;
	int		 rc;

	*yes = 0;
	if ((rc = db_exec(db, STMT_SUBS_ACCESS, &res, "i", user_id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*yes = db_int(res, 0) > 0;
		rc = DB_OK;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

int
db_subs_notify(struct db *db, long long user_id, const char *kind, const char *title,
    const char *body, const char *data, const char *dedupe_key)
{
	return db_exec(db, STMT_NOTE_INSERT, NULL, "isssss", user_id, kind, title, body, data,
	    dedupe_key);
}

/* The settling of an approved payment, inside the transaction. */
static int
subs_settle_approved(struct db *db, const struct subs_payment *pay, const struct subs_plan *plan,
    const char *sub_end)
{
	char	 key[80], body[300];
	int	 rc;

	if (strcmp(pay->kind, "initial") == 0) {
		if ((rc = db_exec(db, STMT_SUBS_ACTIVATE, NULL, "ii", (long long)plan->period_months,
		    pay->subscription_id)) != DB_OK)
			return rc;
		if ((rc = db_exec(db, STMT_SUBS_REPLACE_OTHERS, NULL, "ii", pay->user_id,
		    pay->subscription_id)) != DB_OK)
			return rc;
		snprintf(key, sizeof(key), "started:%lld", pay->subscription_id);
		snprintf(body, sizeof(body), "Your %s subscription has started. Enjoy watching!",
		    plan->name);
		return db_subs_notify(db, pay->user_id, "subscription_started",
		    "Subscription started", body, NULL, key);
	}
	/* A renewal extends the period it paid for, and only while that is still the period. */
	if (strcmp(sub_end, pay->period_start) != 0) {
		log_warn("db_subs_settle: payment %lld paid for %s but subscription %lld ends %s",
		    pay->id, pay->period_start, pay->subscription_id, sub_end);
		return DB_OK;
	}
	if ((rc = db_exec(db, STMT_SUBS_RENEWED, NULL, "sisiii", pay->period_start,
	    (long long)plan->period_months, pay->period_start, (long long)plan->period_months,
	    (long long)plan->period_months, pay->subscription_id)) != DB_OK)
		return rc;
	snprintf(key, sizeof(key), "renewed:%lld:%s", pay->subscription_id, pay->period_start);
	snprintf(body, sizeof(body), "Your %s subscription has been renewed.", plan->name);
	return db_subs_notify(db, pay->user_id, "subscription_renewed", "Subscription renewed",
	    body, NULL, key);
}

/* The settling of a declined (or never answered) payment, inside the transaction. */
static int
subs_settle_declined(struct db *db, const struct subs_payment *pay, const struct subs_plan *plan,
    const char *sub_end, long long failed_attempts)
{
	char	 key[80], body[300];
	int	 rc;

	snprintf(key, sizeof(key), "payment_failed:%lld", pay->id);
	if (strcmp(pay->kind, "initial") == 0) {
		if ((rc = db_exec(db, STMT_SUBS_FAIL, NULL, "i", pay->subscription_id)) != DB_OK)
			return rc;
		snprintf(body, sizeof(body), "The payment for your %s subscription did not go "
		    "through. Try another payment method.", plan->name);
		return db_subs_notify(db, pay->user_id, "payment_failed", "Payment failed", body,
		    NULL, key);
	}
	if (strcmp(sub_end, pay->period_start) != 0)
		return DB_OK;	/* that period is over and done with */
	failed_attempts++;
	if (failed_attempts > config.renew_max_retries) {
		if ((rc = db_exec(db, STMT_SUBS_EXPIRE, NULL, "i", pay->subscription_id)) != DB_OK)
			return rc;
		snprintf(key, sizeof(key), "expired:%lld:%s", pay->subscription_id,
		    pay->period_start);
		snprintf(body, sizeof(body), "Your %s subscription has expired: the renewal "
		    "payment failed. Subscribe again to keep watching.", plan->name);
		return db_subs_notify(db, pay->user_id, "subscription_expired",
		    "Subscription expired", body, NULL, key);
	}
	if ((rc = db_exec(db, STMT_SUBS_RENEW_FAILED, NULL, "siii", "past_due", failed_attempts,
	    (long long)SUBS_RETRY_DELAY, pay->subscription_id)) != DB_OK)
		return rc;
	snprintf(body, sizeof(body), "The renewal payment for your %s subscription did not go "
	    "through. We will try again; update your payment method to keep watching.",
	    plan->name);
	return db_subs_notify(db, pay->user_id, "payment_failed", "Payment failed", body, NULL,
	    key);
}

/* The settling of one payment (db_tx), and for the log what it did. */
struct settle {
	long long		 payment_id;
	enum payment_outcome	 outcome;
	const char		*ref, *code;
	int			 settled;	/* 0: settled before, by someone else */
	const char		*status;
	char			 kind[16];
	long long		 subscription_id;
};

static int
settle_tx(struct db *db, void *arg)
{
	struct settle		*t = arg;
	long long		 payment_id = t->payment_id;
	enum payment_outcome	 outcome = t->outcome;
	const char		*ref = t->ref, *code = t->code;
	struct subs_payment	 pay;
	struct subs_plan	 plan;
	struct db_res		*res = NULL;
	char			 sub_end[20] = "";
	long long		 failed_attempts = 0;
	const char		*status;
	int			 rc;

	t->settled = 0;
	if ((rc = subs_payment_row(db_row(db, STMT_PAY_LOCK, &res, "i", payment_id), &res,
	    &pay)) != DB_OK)
		goto fail;
	if (strcmp(pay.status, "pending") != 0)
		return DB_OK;	/* settled already, by someone else */
	if ((rc = db_row(db, STMT_SUBS_LOCK, &res, "i", pay.subscription_id)) != DB_OK)
		goto fail;
	subs_col(res, 1, sub_end, sizeof(sub_end));
	failed_attempts = db_int(res, 2);
	db_res_free(res);
	res = NULL;
	if ((rc = db_subs_plan_by_id(db, pay.plan_id, &plan)) != DB_OK)
		goto fail;
	status = outcome == PAYMENT_APPROVED ? "succeeded" :
	    outcome == PAYMENT_DECLINED ? "declined" : "failed";
	if ((rc = db_exec(db, STMT_PAY_SETTLE, NULL, "sssi", status,
	    ref != NULL && *ref ? ref : NULL, code != NULL && *code ? code : NULL,
	    payment_id)) != DB_OK)
		goto fail;
	if (outcome == PAYMENT_APPROVED)
		rc = subs_settle_approved(db, &pay, &plan, sub_end);
	else
		rc = subs_settle_declined(db, &pay, &plan, sub_end, failed_attempts);
	if (rc != DB_OK)
		goto fail;
	t->settled = 1;
	snprintf(t->kind, sizeof(t->kind), "%s", pay.kind);
	t->status = status;
	t->subscription_id = pay.subscription_id;
	return DB_OK;
fail:
	db_res_free(res);
	return rc;
}

int
db_subs_settle(struct db *db, long long payment_id, enum payment_outcome outcome,
    const char *ref, const char *code, int give_up)
{
	struct settle	 t = { .payment_id = payment_id, .outcome = outcome, .ref = ref,
	    .code = code };
	int		 rc;

	if (outcome == PAYMENT_UNKNOWN && !give_up)
		return DB_OK;
	if (outcome == PAYMENT_UNKNOWN)
		t.code = "no_answer";
	if ((rc = db_tx(db, settle_tx, &t)) == DB_OK && t.settled)
		log_info("db_subs_settle: payment %lld (%s, subscription %lld) %s", payment_id,
		    t.kind, t.subscription_id, t.status);
	if (rc != DB_OK)
		log_error("db_subs_settle: payment %lld: not settled (%d)", payment_id, rc);
	return rc;
}

int
db_subs_charge(struct db *db, long long payment_id, enum payment_outcome *outcome)
{
	struct subs_payment	 pay;
	struct payment_result	 pr;
	struct db_res		*res;
	char			 token[201] = "", desc[160];
	int			 rc;

	*outcome = PAYMENT_UNKNOWN;
	if ((rc = db_subs_payment_get(db, payment_id, &pay)) != DB_OK)
		return rc;
	if (strcmp(pay.status, "pending") != 0)
		return DB_OK;
	if ((rc = db_exec(db, STMT_SUBS_TOKEN, &res, "i", pay.subscription_id)) != DB_OK)
		return rc;
	if (db_next(res) == 1)
		subs_col(res, 0, token, sizeof(token));
	db_res_free(res);
	snprintf(desc, sizeof(desc), "Streamify %s payment %lld, subscription %lld", pay.kind,
	    pay.id, pay.subscription_id);
	*outcome = payment_charge(pay.idem_key, pay.amount_cents, pay.currency, token, desc, &pr);
	log_info("db_subs_charge: payment %lld: %s %s", pay.id, payment_outcome_name(*outcome),
	    pr.code);
	return db_subs_settle(db, payment_id, *outcome, pr.ref, pr.code, 0);
}
