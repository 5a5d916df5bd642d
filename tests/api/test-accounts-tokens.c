/* test-accounts-tokens.c: access tokens refused, refresh rotation and reuse, logout, throttling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "config.h"

static unsigned char	 key[512];	/* the stack's jwt_secret */
static int		 keylen;

/* An HS256 token over header and payload (JSON texts) with k, made here, not by the server. */
static void
forge(char *out, size_t outlen, const char *header, const char *payload,
    const unsigned char *k, size_t klen)
{
	char		 h[512], p[1024], sig[64], msg[1600];
	unsigned char	 md[32];

	crypto_b64url_encode(header, strlen(header), h, sizeof(h));
	crypto_b64url_encode(payload, strlen(payload), p, sizeof(p));
	snprintf(msg, sizeof(msg), "%s.%s", h, p);
	crypto_hmac_sha256(k, klen, msg, strlen(msg), md);
	crypto_b64url_encode(md, sizeof(md), sig, sizeof(sig));
	snprintf(out, outlen, "%s.%s", msg, sig);
}

/* A payload for user a with the given aud and exp offset from now. */
static void
payload(char *out, size_t len, const struct acct *a, const char *aud, long long exp_in)
{
	long long	 now = (long long)time(NULL);

	snprintf(out, len, "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%lld\",\"sid\":%lld,"
	    "\"iat\":%lld,\"exp\":%lld,\"jti\":\"test%lld\"}", test_setting("jwt_issuer", "streamify"),
	    aud, a->id, a->sid, now - 10, now + exp_in, now);
}

/* Expect 401 with code for tok on GET /profile, and the WWW-Authenticate error. */
static void
refused(const char *tok, const char *code, const char *name)
{
	struct api_resp	*r = api_get("/api/profile", tok);
	char		 h[256];

	is_error(r, 401, code, name);
	is_str(api_header(r, "WWW-Authenticate", h, sizeof(h)), "Bearer error=\"invalid_token\"",
	    "%s: WWW-Authenticate", name);
	api_free(r);
}

static void
test_access_tokens(void)
{
	struct acct	 a;
	char		 tok[2048], p[1024], bad[2048], *d1, *d2;
	const char	*aud = test_setting("jwt_audience", "streamify-api");
	unsigned char	 other[32];
	struct api_resp	*r;

	acct_new(&a, "tok");
	ok(a.sid > 0, "the access token carries the login (sid)");
	is_int(profile_status(a.access), 200, "the server's own token works");

	/* The forging here is right: a token made with the stack's key is accepted. */
	payload(p, sizeof(p), &a, aud, 600);
	forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	is_int(profile_status(tok), 200, "a token signed here with the stack's key is accepted");

	payload(p, sizeof(p), &a, aud, -5);
	forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	refused(tok, "token_expired", "an expired token");

	memset(other, 0x5a, sizeof(other));
	payload(p, sizeof(p), &a, aud, 600);
	forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", p, other, sizeof(other));
	refused(tok, "invalid_token", "a token signed with another key");

	payload(p, sizeof(p), &a, "someone-else", 600);
	forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	refused(tok, "invalid_token", "a token for another audience");

	forge(tok, sizeof(tok), "{\"alg\":\"none\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	refused(tok, "invalid_token", "alg none (even signed)");
	forge(tok, sizeof(tok), "{\"alg\":\"NoNe\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	refused(tok, "invalid_token", "alg NoNe");
	forge(tok, sizeof(tok), "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", p, key, (size_t)keylen);
	refused(tok, "invalid_token", "alg HS512");
	{
		char	 h[128], pp[1024];

		payload(p, sizeof(p), &a, aud, 600);
		crypto_b64url_encode("{\"alg\":\"none\"}", 14, h, sizeof(h));
		crypto_b64url_encode(p, strlen(p), pp, sizeof(pp));
		snprintf(tok, sizeof(tok), "%s.%s.", h, pp);
		refused(tok, "invalid_token", "alg none with no signature");
	}

	/* A repeated member, even signed with the stack's key: the first would win here. */
	payload(p, sizeof(p), &a, aud, 600);
	forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"alg\":\"none\",\"typ\":\"JWT\"}", p,
	    key, (size_t)keylen);
	refused(tok, "invalid_token", "a header naming alg twice");
	{
		char	 pd[1100];

		/* The payload again with "sub" repeated in front: another user's id first. */
		snprintf(pd, sizeof(pd), "{\"sub\":\"%lld\",%s", a.id + 1, p + 1);
		forge(tok, sizeof(tok), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", pd, key,
		    (size_t)keylen);
		refused(tok, "invalid_token", "a payload naming sub twice");
	}

	/* Tampering with the server's own token. */
	d1 = strchr(a.access, '.');
	d2 = strchr(d1 + 1, '.');
	{
		char	 h[128];

		crypto_b64url_encode("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", 27, h, sizeof(h));
		snprintf(bad, sizeof(bad), "%s%s", h, d1);
		refused(bad, "invalid_token", "the header swapped, the signature kept");
	}
	{
		struct acct	 b = a;
		char		 pp[1024];

		b.id = a.id + 1;
		payload(p, sizeof(p), &b, aud, 600);
		crypto_b64url_encode(p, strlen(p), pp, sizeof(pp));
		snprintf(bad, sizeof(bad), "%.*s.%s%s", (int)(d1 - a.access), a.access, pp, d2);
		refused(bad, "invalid_token", "the payload changed (another sub), the signature kept");
	}
	snprintf(bad, sizeof(bad), "%s", a.access);
	bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
	refused(bad, "invalid_token", "the signature changed");
	snprintf(bad, sizeof(bad), "%.*s", (int)strlen(a.access) - 10, a.access);
	refused(bad, "invalid_token", "a truncated token");
	snprintf(bad, sizeof(bad), "%.*s", (int)(d2 - a.access), a.access);
	refused(bad, "invalid_token", "a token without its signature part");
	refused(a.refresh, "invalid_token", "a refresh token in place of an access token");
	refused("", "invalid_token", "an empty bearer token");

	/* Well signed, but naming a login that does not exist, or another user's login. */
	{
		struct acct	 b = a;

		b.sid = a.sid + 1000000;
		payload(p, sizeof(p), &b, aud, 600);
		forge(tok, sizeof(tok), "{\"alg\":\"HS256\"}", p, key, (size_t)keylen);
		refused(tok, "invalid_token", "a good signature on an unknown login");
		b = a;
		b.id = a.id + 1;
		payload(p, sizeof(p), &b, aud, 600);
		forge(tok, sizeof(tok), "{\"alg\":\"HS256\"}", p, key, (size_t)keylen);
		refused(tok, "invalid_token", "a good signature, but the login is another user's");
	}
	{
		const char	*hdr[] = { NULL, NULL };
		char		 line[1200];

		snprintf(line, sizeof(line), "Authorization: Basic %s", a.access);
		hdr[0] = line;
		r = api_req("GET", "/api/profile", NULL, NULL, hdr);
		is_int(r->status, 401, "a non-Bearer Authorization is 401");
		api_free(r);
		snprintf(line, sizeof(line), "Authorization: bearer %s", a.access);
		r = api_req("GET", "/api/profile", NULL, NULL, hdr);
		is_int(r->status, 200, "the scheme is case-insensitive");
		api_free(r);
	}
	/* On an optional-auth route a bad token is refused, not taken as anonymous. */
	r = api_get("/api/movies", "garbage");
	is_error(r, 401, "invalid_token", "a bad token on an optional-auth route");
	api_free(r);
	r = api_get("/api/health", "garbage");
	is_int(r->status, 200, "a route without auth ignores the token");
	api_free(r);
}

static void
test_refresh(void)
{
	struct acct	 a, b;
	struct api_resp	*r;
	char		 body[1200], r1[128], r2[128], a2[1024];

	acct_new(&a, "ref");
	snprintf(r1, sizeof(r1), "%s", a.refresh);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", r1);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_int(r->status, 200, "refresh gives a new pair");
	ok(jstr(r->json, "data.access_token") && jstr(r->json, "data.refresh_token") &&
	    strcmp(jstr(r->json, "data.refresh_token"), r1) != 0, "a new refresh token");
	is_str(jstr(r->json, "data.token_type"), "Bearer", "refresh: token_type");
	is_str(jstr(r->json, "data.user.username"), a.name, "refresh: the user");
	snprintf(r2, sizeof(r2), "%s", jstr(r->json, "data.refresh_token") ?
	    jstr(r->json, "data.refresh_token") : "");
	snprintf(a2, sizeof(a2), "%s", jstr(r->json, "data.access_token") ?
	    jstr(r->json, "data.access_token") : "");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = %lld", a.sid) == 2,
	    "both tokens are kept, the used one marked");
	ok(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = UNHEX(SHA2('%s', 256))",
	    r1) == 1, "stored as SHA-256 only");
	is_int(profile_status(a2), 200, "the new access token works");
	is_int(profile_status(a.access), 200, "the older access token of the login still works");

	/* Reuse: the family is revoked. */
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "a rotated refresh token used again");
	api_free(r);
	is_int(profile_status(a2), 401, "reuse revokes the newest access token");
	is_int(profile_status(a.access), 401, "and the first one");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", r2);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "and the newest refresh token");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld AND revoke_reason = 'reuse'",
	    a.sid) == 1, "the login is recorded as revoked for reuse");
	/* Other logins of the user are not touched. */
	acct_login(&b, a.name, PW);
	is_int(profile_status(b.access), 200, "a new login works after a revoked one");

	r = api_send("POST", "/api/token/refresh", NULL, "{\"refresh_token\":\"nonsense\"}");
	is_error(r, 401, "invalid_token", "an unknown refresh token");
	api_free(r);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", b.access);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_int(r->status, r->status == 400 ? 400 : 401, "an access token as refresh token: %ld",
	    r->status);
	api_free(r);
	r = api_send("POST", "/api/token/refresh", NULL, "{}");
	is_error(r, 400, "bad_request", "refresh without a token");
	api_free(r);
	r = api_send("POST", "/api/token/refresh", NULL, "{\"refresh_token\":5}");
	is_error(r, 400, "bad_request", "refresh with a number");
	api_free(r);

	/* Expiry: 30 days, checked in the database. */
	db_do("UPDATE refresh_tokens SET expires_at = NOW() - INTERVAL 1 SECOND "
	    "WHERE session_id = %lld", b.sid);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", b.refresh);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "an expired refresh token");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = %lld AND "
	    "expires_at BETWEEN NOW() + INTERVAL 29 DAY AND NOW() + INTERVAL 31 DAY", a.sid) == 2,
	    "refresh tokens live 30 days");
}

static void
test_logout(void)
{
	struct acct	 a, b;
	struct api_resp	*r;
	char		 body[256];

	acct_new(&a, "out");
	acct_login(&b, a.name, PW);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", a.refresh);
	r = api_send("POST", "/api/logout", NULL, body);
	is_error(r, 401, "unauthorized", "logout without a token");
	api_free(r);
	r = api_send("POST", "/api/logout", a.access, body);
	is_int(r->status, 204, "logout");
	api_free(r);
	is_int(profile_status(a.access), 401, "the access token stops working");
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "the refresh token stops working");
	api_free(r);
	is_int(profile_status(b.access), 200, "another login of the user stays");
	r = api_send("POST", "/api/logout", b.access, NULL);
	is_int(r->status, 204, "logout without a body");
	api_free(r);
	is_int(profile_status(b.access), 401, "that login ends too");
}

int
main(void)
{
	api_init();
	keylen = config_hex(test_setting("jwt_secret", ""), key, sizeof(key));
	if (keylen < 32)
		bail("no jwt_secret in STREAMIFY_TEST_CONFIG");
	test_access_tokens();
	test_refresh();
	test_logout();
	return done_testing();
}
