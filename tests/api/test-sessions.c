/* test-sessions.c: logins as devices: labels, last use, GET /sessions, signing one or all others out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"

#define UA_IPHONE	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 " \
			"(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"

/* POST /api/login with an optional device field (raw JSON value) and User-Agent. */
static struct api_resp *
login_as(const char *name, const char *device_json, const char *user_agent)
{
	char		 body[1024], hdr[512];
	const char	*hdrs[] = { hdr, NULL };

	if (device_json != NULL)
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\","
		    "\"device\":%s}", name, PW, device_json);
	else
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", name, PW);
	snprintf(hdr, sizeof(hdr), "User-Agent: %s", user_agent ? user_agent : "");
	return api_req("POST", "/api/login", NULL, body, user_agent ? hdrs : NULL);
}

/* Log name in as a device; bails out when it fails. */
static void
device_login(struct acct *a, const char *name, const char *device_json, const char *user_agent)
{
	struct api_resp	*r = login_as(name, device_json, user_agent);

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	if (r->status != 200 || !acct_take(a, r))
		bail("login %s: %ld %.200s", name, r->status, r->body);
	api_free(r);
}

/* The entry of login sid in a GET /sessions answer, or NULL. */
static cJSON *
entry(const struct api_resp *r, long long sid)
{
	cJSON	*e;

	cJSON_ArrayForEach(e, jget(r->json, "results"))
		if ((long long)jnum(e, "id") == sid)
			return e;
	return NULL;
}

/* Seconds since login sid was last used, as the database has it (-1: none). */
static long long
idle_seconds(long long sid)
{
	return db_count("SELECT COALESCE(TIMESTAMPDIFF(SECOND, last_used_at, NOW()), -1) "
	    "FROM sessions WHERE id = %lld", sid);
}

static void
test_labels(void)
{
	struct acct	 a, b, c;
	struct api_resp	*r;
	char		 body[512], email[128];
	cJSON		*e;

	memset(&a, 0, sizeof(a));
	snprintf(a.name, sizeof(a.name), "dev%s", api_unique());
	snprintf(email, sizeof(email), "%s@example.com", a.name);
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s\",\"password\":\"%s\","
	    "\"device\":\"  Living  room\\u00a0 TV \\u202e\"}", a.name, email, PW);
	r = api_send("POST", "/api/register", NULL, body);
	is_int(r->status, 201, "register with a device label");
	acct_take(&a, r);
	api_free(r);
	r = api_get("/api/sessions", a.access);
	is_int(r->status, 200, "GET /sessions: 200");
	is_int(jsize(r->json, "results"), 1, "one login so far");
	e = entry(r, a.sid);
	ok(e != NULL, "it is the registration's login");
	is_str(jstr(e, "device"), "Living room TV", "the label is cleaned: overrides and runs of "
	    "white space go");
	ok(cJSON_IsTrue(jget(e, "current")), "it is marked current");
	ok(jstr(e, "created_at") != NULL && strlen(jstr(e, "created_at")) == 20,
	    "created_at is an ISO time");
	ok(jstr(e, "last_used_at") != NULL, "last_used_at is set from the start");
	is_str(jstr(e, "last_address"), "127.0.0.1", "last_address is the client's");
	ok(jget(r->json, "page") == NULL, "not paged");
	api_free(r);

	device_login(&b, a.name, NULL, UA_IPHONE);
	device_login(&c, a.name, "null", "curl/8.5.0");
	r = api_get("/api/sessions", b.access);
	is_str(jstr(entry(r, b.sid), "device"), "Safari on iPhone", "no device field: read from "
	    "the User-Agent");
	is_str(jstr(entry(r, c.sid), "device"), "curl", "device null: the User-Agent too");
	ok(cJSON_IsTrue(jget(entry(r, b.sid), "current")) &&
	    cJSON_IsFalse(jget(entry(r, a.sid), "current")) &&
	    cJSON_IsFalse(jget(entry(r, c.sid), "current")), "only the caller's login is current");
	api_free(r);

	r = login_as(a.name, "\"\"", NULL);
	is_error(r, 400, "bad_request", "device \"\" is 400");
	ok(jstr(r->json, "fields.device") != NULL, "fields names device");
	api_free(r);
	r = login_as(a.name, "\"0123456789012345678901234567890123456789012345678901234567890123456789\"",
	    NULL);
	is_error(r, 400, "bad_request", "a device label over 64 characters is 400");
	api_free(r);
	r = login_as(a.name, "\"tv\\u0007\"", NULL);
	is_error(r, 400, "bad_request", "a control character in the label is 400");
	api_free(r);
	r = login_as(a.name, "42", NULL);
	is_error(r, 400, "bad_request", "a device that is no string is 400");
	api_free(r);
	r = login_as(a.name, "\" \\u200b \"", "curl/8");
	is_int(r->status, 200, "a label of nothing visible: the login works");
	acct_take(&b, r);
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld AND device = 'curl'", b.sid), 1,
	    "and takes the User-Agent's label");
}

/* Newest use first; a login whose refresh token ended is not listed. */
static void
test_order_and_ended(void)
{
	struct acct	 a, b, c;
	struct api_resp	*r;

	acct_new(&a, "ord");
	device_login(&b, a.name, "\"phone\"", NULL);
	device_login(&c, a.name, "\"tv\"", NULL);
	db_do("UPDATE sessions SET last_used_at = NOW() - INTERVAL 3 HOUR WHERE id = %lld", c.sid);
	db_do("UPDATE sessions SET last_used_at = NOW() - INTERVAL 2 HOUR WHERE id = %lld", b.sid);
	db_do("UPDATE sessions SET last_used_at = NOW() - INTERVAL 1 HOUR WHERE id = %lld", a.sid);
	r = api_get("/api/sessions", c.access);
	is_int(jsize(r->json, "results"), 3, "three logins");
	ok((long long)jnum(r->json, "results.0.id") == a.sid &&
	    (long long)jnum(r->json, "results.1.id") == b.sid &&
	    (long long)jnum(r->json, "results.2.id") == c.sid, "newest use first");
	api_free(r);
	db_do("UPDATE refresh_tokens SET expires_at = NOW() - INTERVAL 1 SECOND WHERE session_id = %lld",
	    b.sid);
	r = api_get("/api/sessions", c.access);
	ok(entry(r, b.sid) == NULL && entry(r, a.sid) != NULL, "a login whose refresh token expired "
	    "is not listed");
	api_free(r);
}

/* The last use: marked after the answer, at most once a minute, with the address. */
static void
test_last_use(void)
{
	struct acct	 a;
	struct api_resp	*r;
	long long	 idle = -1;
	char		 addr[64] = "";
	int		 i;

	acct_new(&a, "use");
	db_do("UPDATE sessions SET last_used_at = NOW() - INTERVAL 1 HOUR, last_address = NULL "
	    "WHERE id = %lld", a.sid);
	api_set_source("127.0.0.9");
	is_int(profile_status(a.access), 200, "a request from 127.0.0.9");
	api_set_source(NULL);
	for (i = 0; i < 40; i++) {
		if ((idle = idle_seconds(a.sid)) >= 0 && idle < 60)
			break;
		usleep(50000);
	}
	ok(idle >= 0 && idle < 60, "the use is marked (idle %lld s)", idle);
	r = api_get("/api/sessions", a.access);
	snprintf(addr, sizeof(addr), "%s", jstr(entry(r, a.sid), "last_address") ?
	    jstr(entry(r, a.sid), "last_address") : "");
	api_free(r);
	is_str(addr, "127.0.0.9", "with the address it came from");

	/* A mark half a minute old stays, however many requests and workers. */
	db_do("UPDATE sessions SET last_used_at = NOW() - INTERVAL 30 SECOND WHERE id = %lld", a.sid);
	for (i = 0; i < 6; i++)
		profile_status(a.access);
	usleep(200000);
	idle = idle_seconds(a.sid);
	ok(idle >= 29 && idle <= 35, "at most one write a minute per login (idle %lld s)", idle);
}

/* Signing one login out: refused at once by every worker, the tokens of both kinds. */
static void
test_end_one(void)
{
	struct acct	 a, b, other;
	struct api_resp	*r;
	char		 path[64], body[256];
	int		 i, refused = 0;

	acct_new(&a, "end");
	device_login(&b, a.name, "\"old phone\"", NULL);
	acct_new(&other, "endo");
	for (i = 0; i < 6; i++)		/* each worker remembers the login as valid */
		profile_status(b.access);

	snprintf(path, sizeof(path), "/api/sessions/%lld", other.sid);
	r = api_send("DELETE", path, a.access, NULL);
	is_error(r, 404, "not_found", "another user's login is 404");
	api_free(r);
	is_int(profile_status(other.access), 200, "and it goes on working");
	r = api_send("DELETE", "/api/sessions/999999999999", a.access, NULL);
	is_error(r, 404, "not_found", "no such login: 404");
	api_free(r);

	snprintf(path, sizeof(path), "/api/sessions/%lld", b.sid);
	r = api_send("DELETE", path, a.access, NULL);
	is_int(r->status, 204, "DELETE /sessions/{id} of the caller's other login: 204");
	api_free(r);
	for (i = 0; i < 6; i++)
		refused += profile_status(b.access) == 401;
	is_int(refused, 6, "its access token is refused at once, by every worker");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", b.refresh);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "its refresh token is refused");
	api_free(r);
	is_int(profile_status(a.access), 200, "the caller's login goes on");
	r = api_get("/api/sessions", a.access);
	ok(entry(r, b.sid) == NULL && entry(r, a.sid) != NULL, "the list no longer has it");
	api_free(r);
	r = api_send("DELETE", path, a.access, NULL);
	is_int(r->status, 204, "again: still 204");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld AND revoke_reason = "
	    "'signed_out'", b.sid), 1, "revoked as signed_out");

	snprintf(path, sizeof(path), "/api/sessions/%lld", a.sid);
	r = api_send("DELETE", path, a.access, NULL);
	is_int(r->status, 204, "signing the current login out: 204");
	api_free(r);
	is_int(profile_status(a.access), 401, "and its own token stops");

	r = api_get("/api/sessions", NULL);
	is_error(r, 401, "unauthorized", "GET /sessions without a token");
	api_free(r);
	r = api_send("DELETE", "/api/sessions", NULL, NULL);
	is_error(r, 401, "unauthorized", "DELETE /sessions without a token");
	api_free(r);
	r = api_send("POST", "/api/sessions", a.access, NULL);
	is_int(r->status, 405, "POST /sessions: 405");
	api_free(r);
}

/* Signing every other login out. */
static void
test_end_others(void)
{
	struct acct	 a, b, c;
	struct api_resp	*r;
	int		 i, refused = 0;

	acct_new(&a, "all");
	device_login(&b, a.name, "\"laptop\"", NULL);
	device_login(&c, a.name, "\"tablet\"", NULL);
	for (i = 0; i < 4; i++) {
		profile_status(a.access);
		profile_status(b.access);
	}
	r = api_send("DELETE", "/api/sessions", c.access, NULL);
	is_int(r->status, 204, "DELETE /sessions: 204");
	api_free(r);
	for (i = 0; i < 4; i++)
		refused += (profile_status(a.access) == 401) + (profile_status(b.access) == 401);
	is_int(refused, 8, "every other login is refused at once");
	is_int(profile_status(c.access), 200, "the caller's goes on");
	r = api_get("/api/sessions", c.access);
	is_int(jsize(r->json, "results"), 1, "one login left");
	ok(cJSON_IsTrue(jget(r->json, "results.0.current")), "the current one");
	api_free(r);
	r = api_send("DELETE", "/api/sessions", c.access, NULL);
	is_int(r->status, 204, "again, with nothing to end: 204");
	api_free(r);
}

int
main(void)
{
	api_init();
	test_labels();
	test_order_and_ended();
	test_last_use();
	test_end_one();
	test_end_others();
	return done_testing();
}
