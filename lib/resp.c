/* resp.c: the response being built, and the API's success and error envelopes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hex.h"
#include "resp.h"

/* One row per status the API uses: code, reason phrase, default message. */
static const struct status_row {
	int		 status;
	const char	*code;
	const char	*reason;
	const char	*message;
} statuses[] = {
	{ 200, NULL, "OK", NULL },
	{ 201, NULL, "Created", NULL },
	{ 204, NULL, "No Content", NULL },
	{ 304, NULL, "Not Modified", NULL },
	{ 400, "bad_request", "Bad Request", "The request is not valid." },
	{ 401, "unauthorized", "Unauthorized", "Authentication is required." },
	{ 402, "payment_required", "Payment Required", "An active subscription or payment is required." },
	{ 403, "forbidden", "Forbidden", "You are not allowed to do this." },
	{ 404, "not_found", "Not Found", "There is no such resource." },
	{ 405, "method_not_allowed", "Method Not Allowed", "This method is not allowed here." },
	{ 409, "conflict", "Conflict", "The request conflicts with the current state." },
	{ 413, "payload_too_large", "Payload Too Large", "The request body is too large." },
	{ 415, "unsupported_media_type", "Unsupported Media Type", "The request body must be JSON (Content-Type: application/json)." },
	{ 429, "rate_limited", "Too Many Requests", "Too many requests: try again later." },
	{ 500, "internal", "Internal Server Error", "Something went wrong on our side." },
	{ 502, "bad_gateway", "Bad Gateway", "An upstream service failed." },
	{ 503, "unavailable", "Service Unavailable", "The service is temporarily unavailable: try again shortly." },
};

static const struct status_row *
status_find(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return &statuses[i];
	return NULL;
}

const char *
resp_code(int status)
{
	const struct status_row	*s = status_find(status);

	return s && s->code ? s->code : (status >= 500 ? "internal" : "bad_request");
}

const char *
resp_reason(int status)
{
	const struct status_row	*s = status_find(status);

	return s ? s->reason : "Unknown";
}

void
resp_reset(struct resp *w)
{
	free(w->body);
	memset(w, 0, sizeof(*w));
	w->status = 500;
}

int
resp_copy(struct resp *w, int status, const char *body, size_t len)
{
	char	*p;

	if ((p = malloc(len + 1)) == NULL)
		return resp_error(w, 500, NULL, NULL);
	memcpy(p, body, len + 1);
	free(w->body);
	w->body = p;
	w->body_len = len;
	w->status = status;
	return status;
}

int
resp_json(struct resp *w, int status, cJSON *root)
{
	char	*text;

	if (root == NULL)
		goto oom;
	if (cJSON_IsObject(root) && !cJSON_HasObjectItem(root, "success")) {
		cJSON	*t = cJSON_CreateBool(status < 400);

		if (t == NULL)
			goto oom;
		/* "success" first: clients and people read it first. */
		t->next = root->child;
		if (root->child != NULL) {
			t->prev = root->child->prev;
			root->child->prev = t;
		} else
			t->prev = t;
		t->string = strdup("success");
		root->child = t;
		if (t->string == NULL)
			goto oom;
	}
	if ((text = cJSON_PrintUnformatted(root)) == NULL)
		goto oom;
	cJSON_Delete(root);
	free(w->body);
	w->body = text;
	w->body_len = strlen(text);
	w->status = status;
	return status;
oom:
	cJSON_Delete(root);
	free(w->body);
	w->body = strdup("{\"success\":false,\"error\":\"internal\",\"message\":\"Out of memory.\"}");
	w->body_len = w->body ? strlen(w->body) : 0;
	w->status = 500;
	return 500;
}

/*
 * A new object {"key": item}, or NULL (item freed) when item is NULL or
 * memory ran out: resp_json answers 500 for NULL.
 */
static cJSON *
envelope(const char *key, cJSON *item)
{
	cJSON	*root;

	if (item == NULL || (root = cJSON_CreateObject()) == NULL) {
		cJSON_Delete(item);
		return NULL;
	}
	cJSON_AddItemToObject(root, key, item);
	return root;
}

int
resp_data(struct resp *w, int status, cJSON *data)
{
	return resp_json(w, status, envelope("data", data ? data : cJSON_CreateNull()));
}

int
resp_results(struct resp *w, cJSON *results)
{
	return resp_json(w, 200, envelope("results", results));
}

int
resp_page(struct resp *w, cJSON *results, long long page, long long per_page,
    long long total)
{
	cJSON	*root = envelope("results", results);

	if (root == NULL)
		return resp_json(w, 500, NULL);
	cJSON_AddNumberToObject(root, "page", (double)page);
	cJSON_AddNumberToObject(root, "per_page", (double)per_page);
	cJSON_AddNumberToObject(root, "total_results", (double)total);
	cJSON_AddNumberToObject(root, "total_pages",
	    (double)(per_page > 0 ? (total + per_page - 1) / per_page : 0));
	return resp_json(w, 200, root);
}

int
resp_empty(struct resp *w, int status)
{
	free(w->body);
	w->body = NULL;
	w->body_len = 0;
	w->status = status;
	return status;
}

int
resp_error(struct resp *w, int status, const char *code, const char *message)
{
	const struct status_row	*s = status_find(status);
	cJSON			*root = cJSON_CreateObject();

	if (root == NULL)
		return resp_json(w, 500, NULL);
	cJSON_AddBoolToObject(root, "success", 0);
	cJSON_AddStringToObject(root, "error", code ? code : resp_code(status));
	cJSON_AddStringToObject(root, "message", message ? message :
	    s && s->message ? s->message : "The request failed.");
	if ((status == 429 || status == 503) && w->retry_after == 0)
		w->retry_after = status == 503 ? (int)config.db_retry_after : 60;
	if (status == 401 && w->www_error == NULL)
		w->www_error = "";
	return resp_json(w, status, root);
}

int
resp_fields(struct resp *w, cJSON *fields)
{
	cJSON	*root;

	if (fields == NULL || (root = cJSON_CreateObject()) == NULL) {
		cJSON_Delete(fields);
		return resp_json(w, 500, NULL);
	}
	cJSON_AddBoolToObject(root, "success", 0);
	cJSON_AddStringToObject(root, "error", "bad_request");
	cJSON_AddStringToObject(root, "message", fields->child && fields->child->valuestring ?
	    "The request has invalid fields." : "The request is not valid.");
	cJSON_AddItemToObject(root, "fields", fields);
	return resp_json(w, 400, root);
}

int
resp_field(struct resp *w, const char *field, const char *problem)
{
	cJSON	*fields = cJSON_CreateObject();

	if (fields != NULL)
		cJSON_AddStringToObject(fields, field, problem);
	return resp_fields(w, fields);
}

void
resp_set_etag(struct resp *w)
{
	snprintf(w->etag, sizeof(w->etag), "\"%016llx\"",
	    (unsigned long long)hash_fnv1a(w->body, w->body_len));
}

int
resp_etag_match(const char *inm, const char *etag)
{
	const char	*p = inm;
	size_t		 n = strlen(etag);

	if (inm == NULL || *etag == '\0')
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' '))
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}
