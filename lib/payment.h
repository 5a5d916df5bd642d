/* payment.h: the payment-provider client: one idempotent charge over HTTPS (libcurl). */
#ifndef STREAMIFY_PAYMENT_H
#define STREAMIFY_PAYMENT_H

#include <stddef.h>

/* What a charge came to. */
enum payment_outcome {
	PAYMENT_APPROVED,	/* the provider charged: ref is its charge id */
	PAYMENT_DECLINED,	/* the provider refused (402, or a 4xx it will never accept) */
	PAYMENT_UNKNOWN,	/* no answer (timeout, network, 5xx, 409, 429): ask again, same key */
};

struct payment_result {
	enum payment_outcome	 outcome;
	char			 ref[101];	/* provider's charge id, "" when none */
	char			 code[65];	/* decline or error code, "" when none */
	long			 http_status;	/* 0 when no HTTP answer came */
};

/*
 * Charge amount_cents of currency to the payment method token, under the
 * idempotency key idem_key (the provider charges at most once per key and
 * answers a repeated key with the first result). Talks to
 * config.payment_url + "/v1/charges" with config.payment_secret, giving up
 * after config.payment_timeout seconds. Fills *res and returns its outcome;
 * never returns PAYMENT_APPROVED without the provider saying so.
 */
enum payment_outcome payment_charge(const char *idem_key, long long amount_cents,
		    const char *currency, const char *token, const char *description,
		    struct payment_result *res);

/* The outcome's name ("approved", "declined", "unknown"), for logs. */
const char	*payment_outcome_name(enum payment_outcome o);

#endif
