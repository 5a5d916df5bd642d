/* test-accounts.c: register, login, profile and tokens over real HTTP. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "client.h"
#include "tap.h"

#define PW	"correct horse 1"

/* POST /register for name (also the e-mail's local part). */
static struct api_resp *
reg(const char *name, const char *email, const char *pw)
{
	char	 body[1024];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}",
	    name, email, pw);
	return api_send("POST", "/api/register", NULL, body);
}

static struct api_resp *
login(const char *name, const char *pw)
{
	char	 body[1024];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", name, pw);
	return api_send("POST", "/api/login", NULL, body);
}

/* Check the login answer shape; returns 1 when it holds. */
static int
is_login_answer(const struct api_resp *r, long status, const char *name, const char *what)
{
	int	 good;

	good = r->status == status && cJSON_IsTrue(jget(r->json, "success")) &&
	    jstr(r->json, "data.access_token") != NULL &&
	    jstr(r->json, "data.refresh_token") != NULL &&
	    jstr(r->json, "data.token_type") && strcmp(jstr(r->json, "data.token_type"), "Bearer") == 0 &&
	    jnum(r->json, "data.expires_in") == 900 &&
	    jnum(r->json, "data.user.id") > 0 &&
	    jstr(r->json, "data.user.username") && strcmp(jstr(r->json, "data.user.username"), name) == 0 &&
	    jstr(r->json, "data.user.email") != NULL && jstr(r->json, "data.user.join_date") != NULL &&
	    cJSON_IsFalse(jget(r->json, "data.user.is_admin")) &&
	    jget(r->json, "data.user.password_hash") == NULL && strstr(r->body, "scrypt") == NULL;
	ok(good, "%s: %ld with the login answer", what, status);
	if (!good)
		diag("got %ld %.400s", r->status, r->body);
	return good;
}

static void
test_register_login_profile(void)
{
	struct api_resp	*r;
	char		 name[64], email[128], tok[1024], h[256];

	snprintf(name, sizeof(name), "acc%s", api_unique());
	snprintf(email, sizeof(email), "%s@example.com", name);
	r = reg(name, email, PW);
	is_login_answer(r, 201, name, "register");
	api_free(r);

	r = login(name, PW);
	is_login_answer(r, 200, name, "login by username");
	snprintf(tok, sizeof(tok), "%s", jstr(r->json, "data.access_token") ?
	    jstr(r->json, "data.access_token") : "");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "private, no-store",
	    "the login answer is not cached");
	api_free(r);
	r = login(email, PW);
	is_login_answer(r, 200, name, "login by e-mail");
	api_free(r);

	r = api_get("/api/profile", tok);
	is_int(r->status, 200, "GET /profile with the token");
	is_str(jstr(r->json, "data.user.username"), name, "profile: data.user.username");
	is_str(jstr(r->json, "data.user.email"), email, "profile: data.user.email");
	ok(jstr(r->json, "data.user.join_date") && strlen(jstr(r->json, "data.user.join_date")) == 20,
	    "profile: join_date is ISO 8601 UTC");
	ok(cJSON_IsFalse(jget(r->json, "data.user.is_admin")), "profile: is_admin false");
	ok(jget(r->json, "data.subscription") != NULL, "profile: subscription is there");
	ok(!isnan(jnum(r->json, "data.stats.watchlist_count")) &&
	    !isnan(jnum(r->json, "data.stats.favorites_count")) &&
	    !isnan(jnum(r->json, "data.stats.watched_count")), "profile: stats counts");
	ok(strstr(r->body, "password") == NULL, "profile: no password hash");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "private, no-store",
	    "profile is private");
	api_free(r);
	r = api_get("/api/v1/profile", tok);
	is_int(r->status, 200, "GET /api/v1/profile too");
	api_free(r);
}

static void
test_new_user_helper(void)
{
	long long	 id = 0;
	char		*t = api_new_user("hlp", &id);
	struct api_resp	*r;

	ok(t != NULL && id > 0, "api_new_user registers and logs in");
	if (t == NULL)
		return;
	r = api_get("/api/profile", t);
	is_num(jnum(r->json, "data.user.id"), (double)id, 0, "its token is the user's");
	api_free(r);
}

int
main(void)
{
	api_init();
	test_register_login_profile();
	test_new_user_helper();
	return done_testing();
}
