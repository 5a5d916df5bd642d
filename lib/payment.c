/* payment.c: the payment-provider client: one idempotent charge over HTTPS (libcurl). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <cjson/cJSON.h>

#include "config.h"
#include "crypto.h"
#include "log.h"
#include "payment.h"

#define PAYMENT_MAX_RESPONSE	65536	/* bytes of a provider answer we read */

struct payment_buf {
	char	*p;
	size_t	 len;
};

static size_t
payment_on_data(char *ptr, size_t size, size_t n, void *arg)
{
	struct payment_buf	*b = arg;
	char			*p;

	if (b->len + size * n > PAYMENT_MAX_RESPONSE)
		return 0;	/* makes curl fail with CURLE_WRITE_ERROR */
	if ((p = realloc(b->p, b->len + size * n + 1)) == NULL)
		return 0;
	memcpy(p + b->len, ptr, size * n);
	b->len += size * n;
	p[b->len] = '\0';
	b->p = p;
	return size * n;
}

const char *
payment_outcome_name(enum payment_outcome o)
{
	switch (o) {
	case PAYMENT_APPROVED:
		return "approved";
	case PAYMENT_DECLINED:
		return "declined";
	default:
		return "unknown";
	}
}

/* Copy a string member of obj into out (len bytes), or "" when absent. */
static void
payment_member(const cJSON *obj, const char *name, char *out, size_t len)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, name);

	snprintf(out, len, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

/* Read the provider's answer (status and JSON body) into res. */
static void
payment_classify(long status, const char *body, struct payment_result *res)
{
	cJSON		*root = body ? cJSON_Parse(body) : NULL;
	const cJSON	*err;
	char		 st[32];

	res->http_status = status;
	if (root != NULL) {
		payment_member(root, "id", res->ref, sizeof(res->ref));
		payment_member(root, "status", st, sizeof(st));
		if ((err = cJSON_GetObjectItemCaseSensitive(root, "error")) != NULL)
			payment_member(err, "code", res->code, sizeof(res->code));
	} else
		st[0] = '\0';
	if ((status == 200 || status == 201) && strcmp(st, "succeeded") == 0 &&
	    res->ref[0] != '\0')
		res->outcome = PAYMENT_APPROVED;
	else if (status == 402 || (status >= 400 && status < 500 && status != 408 &&
	    status != 409 && status != 429)) {
		res->outcome = PAYMENT_DECLINED;
		if (res->code[0] == '\0')
			snprintf(res->code, sizeof(res->code), "http_%ld", status);
		if (status != 402)
			log_error("payment_charge: the provider refused the request: HTTP %ld",
			    status);
	} else {
		/* 2xx without "succeeded", 5xx, 408, 409 (same key in flight), 429. */
		res->outcome = PAYMENT_UNKNOWN;
		snprintf(res->code, sizeof(res->code), "http_%ld", status);
	}
	cJSON_Delete(root);
}

enum payment_outcome
payment_charge(const char *idem_key, long long amount_cents, const char *currency,
    const char *token, const char *description, struct payment_result *res)
{
	CURL			*curl = NULL;
	struct curl_slist	*hl = NULL;
	struct payment_buf	 b = { NULL, 0 };
	cJSON			*req = NULL;
	char			*body = NULL, url[512], line[512];
	long			 status = 0;
	CURLcode		 cc;

	memset(res, 0, sizeof(*res));
	res->outcome = PAYMENT_UNKNOWN;
	snprintf(url, sizeof(url), "%s/v1/charges", config.payment_url);
	if ((req = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(req, "amount", (double)amount_cents) == NULL ||
	    cJSON_AddStringToObject(req, "currency", currency) == NULL ||
	    cJSON_AddStringToObject(req, "source", token) == NULL ||
	    cJSON_AddStringToObject(req, "description", description) == NULL ||
	    (body = cJSON_PrintUnformatted(req)) == NULL) {
		log_error("payment_charge: out of memory");
		snprintf(res->code, sizeof(res->code), "client_error");
		goto out;
	}
	if ((curl = curl_easy_init()) == NULL) {
		log_error("payment_charge: curl_easy_init failed");
		snprintf(res->code, sizeof(res->code), "client_error");
		goto out;
	}
	hl = curl_slist_append(hl, "Content-Type: application/json");
	hl = curl_slist_append(hl, "Accept: application/json");
	hl = curl_slist_append(hl, "Expect:");
	snprintf(line, sizeof(line), "Idempotency-Key: %s", idem_key);
	hl = curl_slist_append(hl, line);
	snprintf(line, sizeof(line), "Authorization: Bearer %s", config.payment_secret);
	hl = curl_slist_append(hl, line);
	crypto_wipe(line, sizeof(line));
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, payment_on_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)config.payment_timeout);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)config.payment_timeout);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	if ((cc = curl_easy_perform(curl)) != CURLE_OK) {
		log_warn("payment_charge: no answer from the provider: %s",
		    curl_easy_strerror(cc));
		snprintf(res->code, sizeof(res->code), "%s",
		    cc == CURLE_OPERATION_TIMEDOUT ? "timeout" : "network");
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	payment_classify(status, b.p, res);
out:
	if (hl != NULL) {
		struct curl_slist	*h;

		for (h = hl; h != NULL; h = h->next)
			crypto_wipe(h->data, strlen(h->data));
		curl_slist_free_all(hl);
	}
	curl_easy_cleanup(curl);
	cJSON_Delete(req);
	free(body);
	free(b.p);
	return res->outcome;
}
