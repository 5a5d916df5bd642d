/* test-accounts.c: register, login, profile (GET, PATCH, DELETE) and their validation. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts.h"
#include "../vectors/werkzeug.h"

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
	ok(strlen(jstr(r->json, "data.refresh_token") ? jstr(r->json, "data.refresh_token") : "")
	    == 43, "the refresh token is 256 bits of base64url");
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
	ok(db_count("SELECT COUNT(*) FROM users WHERE username = '%s' AND password_hash LIKE "
	    "'scrypt:32768:8:3$%%'", name) == 1, "the stored hash is scrypt N=2^15 r=8 p=3");
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

static void
test_register_validation(void)
{
	struct {
		const char	*body, *field, *name;
	} cases[] = {
		{ "{\"username\":\"ab\",\"email\":\"v1@example.com\",\"password\":\"" PW "\"}",
		    "username", "username of 2 characters" },
		{ "{\"username\":\"abcdefghijabcdefghijabcdefghijabc\",\"email\":\"v2@example.com\","
		    "\"password\":\"" PW "\"}", "username", "username of 33 characters" },
		{ "{\"username\":\"bad name\",\"email\":\"v3@example.com\",\"password\":\"" PW "\"}",
		    "username", "username with a space" },
		{ "{\"username\":\"bad!x\",\"email\":\"v4@example.com\",\"password\":\"" PW "\"}",
		    "username", "username with '!'" },
		{ "{\"username\":\"b\\u00e9b\\u00e9b\",\"email\":\"v5@example.com\",\"password\":\"" PW "\"}",
		    "username", "username with a non-ASCII letter" },
		{ "{\"email\":\"v6@example.com\",\"password\":\"" PW "\"}", "username",
		    "username missing" },
		{ "{\"username\":42,\"email\":\"v7@example.com\",\"password\":\"" PW "\"}",
		    "username", "username a number" },
		{ "{\"username\":\"valid_name\",\"email\":\"nope\",\"password\":\"" PW "\"}",
		    "email", "email without @" },
		{ "{\"username\":\"valid_name\",\"email\":\"a@b\",\"password\":\"" PW "\"}",
		    "email", "email without a domain dot" },
		{ "{\"username\":\"valid_name\",\"password\":\"" PW "\"}", "email", "email missing" },
		{ "{\"username\":\"valid_name\",\"email\":null,\"password\":\"" PW "\"}", "email",
		    "email null" },
		{ "{\"username\":\"valid_name\",\"email\":\"v8@example.com\",\"password\":\"1234567\"}",
		    "password", "password of 7 characters" },
		{ "{\"username\":\"valid_name\",\"email\":\"v9@example.com\",\"password\":\""
		    "0123456789012345678901234567890123456789012345678901234567890123"
		    "01234567890123456789012345678901234567890123456789012345678901234\"}",
		    "password", "password of 129 characters" },
		{ "{\"username\":\"valid_name\",\"email\":\"va@example.com\"}", "password",
		    "password missing" },
		{ "{\"username\":\"valid_name\",\"email\":\"vb@example.com\",\"password\":true}",
		    "password", "password a boolean" },
	};
	struct api_resp	*r;
	const char	*text[] = { "Content-Type: text/plain", NULL };
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		usleep(100000);		/* under nginx's 10 a second on /register */
		r = api_send("POST", "/api/register", NULL, cases[i].body);
		is_error(r, 400, "bad_request", cases[i].name);
		{
			char	 path[64];

			snprintf(path, sizeof(path), "fields.%s", cases[i].field);
			ok(jstr(r->json, path) != NULL, "%s: fields.%s says why", cases[i].name,
			    cases[i].field);
		}
		api_free(r);
	}
	r = api_req("POST", "/api/register", NULL, "{\"username\":\"x\"}", text);
	is_error(r, 415, "unsupported_media_type", "register with text/plain");
	api_free(r);
	r = api_send("POST", "/api/register", NULL, "{\"username\":");
	is_error(r, 400, "bad_request", "register with malformed JSON");
	api_free(r);
	/* A password of 128 characters, 8 of them multi-byte, is fine: characters, not bytes. */
	{
		char	 body[2048], name[64];

		snprintf(name, sizeof(name), "len%s", api_unique());
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
		    "\"password\":\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
		    "a quiet river of tangled kites drifts over the bold mountain gate while "
		    "seven owls hum softly near the old mill pond at \"}", name, name);
		r = api_send("POST", "/api/register", NULL, body);
		is_int(r->status, 201, "a password of 128 characters (some multi-byte) is accepted");
		api_free(r);
	}
}

/* NIST SP 800-63B: no composition rules, but no common, guessable or account-made passwords. */
static void
test_password_policy(void)
{
	static const struct {
		const char	*pw, *why, *name;
	} bad[] = {
		{ "password", "common password", "password" },
		{ "12345678", "simple sequence", "12345678" },
		{ "Password1!", "common password", "Password1! (capital, digit and symbol)" },
		{ "aaaaaaaaaaaa", "too few different characters", "one letter repeated" },
		{ "%s", "username", "the username itself" },
		{ "%s 2024", "username", "the username and a year" },
		{ "my mail is %s", "username", "the username within a sentence" },
	};
	struct api_resp	*r;
	struct acct	 a;
	char		 name[64], body[512], pw[128], user_hash[256];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "pwp%zu%s", i, api_unique());
		str_fill(pw, sizeof(pw), bad[i].pw, name);
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
		    "\"password\":\"%s\"}", name, name, pw);
		r = api_send("POST", "/api/register", NULL, body);
		snprintf(pw, sizeof(pw), "register with %s", bad[i].name);
		is_error(r, 400, "bad_request", pw);
		ok(jstr(r->json, "fields.password") != NULL &&
		    strstr(jstr(r->json, "fields.password"), bad[i].why) != NULL,
		    "%s: fields.password says why (%s)", bad[i].name,
		    jstr(r->json, "fields.password") ? jstr(r->json, "fields.password") : "none");
		api_free(r);
		is_int(db_count("SELECT COUNT(*) FROM users WHERE username = '%s'", name), 0,
		    "%s: no account made", bad[i].name);
	}
	/* Built from the e-mail address (its name part), not the username. */
	snprintf(name, sizeof(name), "pwpm%s", api_unique());
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"jane.margarethe@example.com\","
	    "\"password\":\"Margarethe 1961\"}", name);
	r = api_send("POST", "/api/register", NULL, body);
	is_error(r, 400, "bad_request", "register with a password made of the e-mail's name");
	is_str(jstr(r->json, "fields.password"), "must not be built from your e-mail address",
	    "fields.password names the e-mail address");
	api_free(r);
	/* A passphrase without digits, capitals or symbols is welcome. */
	snprintf(name, sizeof(name), "pwpk%s", api_unique());
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
	    "\"password\":\"tangled kites drift over\"}", name, name);
	r = api_send("POST", "/api/register", NULL, body);
	is_int(r->status, 201, "a plain passphrase is accepted");
	api_free(r);

	/* PATCH /profile: a refused new password changes nothing and costs no failed login. */
	acct_new(&a, "pwpp");
	snprintf(user_hash, sizeof(user_hash), "%lld", db_count("SELECT CRC32(password_hash) "
	    "FROM users WHERE id = %lld", a.id));
	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"password\":\"iloveyou\",\"current_password\":\"" PW "\"}");
	is_error(r, 400, "bad_request", "PATCH to a common password");
	ok(jstr(r->json, "fields.password") != NULL, "fields.password named");
	api_free(r);
	snprintf(body, sizeof(body), "{\"password\":\"%s!!\",\"current_password\":\"" PW "\"}",
	    a.name);
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_error(r, 400, "bad_request", "PATCH to a password made of the username");
	api_free(r);
	snprintf(body, sizeof(body), "{\"email\":\"holger.brandstetter@example.org\","
	    "\"password\":\"brandstetter 77\",\"current_password\":\"" PW "\"}");
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_error(r, 400, "bad_request", "PATCH to a password made of the new e-mail address");
	api_free(r);
	snprintf(body, sizeof(body), "%lld", db_count("SELECT CRC32(password_hash) FROM users "
	    "WHERE id = %lld", a.id));
	is_str(body, user_hash, "the stored hash is unchanged");
	is_int(db_count("SELECT COUNT(*) FROM users WHERE id = %lld AND email LIKE 'holger%%'",
	    a.id), 0, "and so is the e-mail address");
	r = login(a.name, PW);
	is_int(r->status, 200, "the old password still logs in");
	api_free(r);
}

static void
test_duplicates(void)
{
	struct acct	 a;
	struct api_resp	*r;
	char		 upper[64], email[160], other[80];
	size_t		 i;

	acct_new(&a, "dup");
	snprintf(upper, sizeof(upper), "%s", a.name);
	for (i = 0; upper[i]; i++)
		upper[i] = (char)toupper((unsigned char)upper[i]);
	snprintf(other, sizeof(other), "o%s", a.name);
	snprintf(email, sizeof(email), "%s@example.com", other);
	r = reg(a.name, email, PW);
	is_error(r, 409, "username_taken", "the same username again");
	api_free(r);
	r = reg(upper, email, PW);
	is_error(r, 409, "username_taken", "the username differing only in case");
	api_free(r);
	snprintf(email, sizeof(email), "%s@EXAMPLE.com", upper);
	r = reg(other, email, PW);
	is_error(r, 409, "email_taken", "the e-mail differing only in case");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM users WHERE username = '%s'", other) == 0,
	    "no user was made by the refused registrations");
	/* Logging in ignores case too (the column's collation). */
	r = login(upper, PW);
	is_int(r->status, 200, "login with the username in another case");
	api_free(r);
}

static void
test_bad_credentials(void)
{
	struct acct	 a;
	struct api_resp	*r1, *r2, *r3;
	char		 nobody[64];

	acct_new(&a, "cred");
	snprintf(nobody, sizeof(nobody), "nobody%s", api_unique());
	r1 = login(a.name, "wrong password!");
	r2 = login(nobody, "wrong password!");
	r3 = login("nobody@nowhere.example", "wrong password!");
	is_error(r1, 401, "invalid_credentials", "wrong password");
	is_error(r2, 401, "invalid_credentials", "unknown user");
	is_str(r2->body, r1->body, "unknown user and wrong password: the same body");
	is_str(r3->body, r1->body, "unknown e-mail: the same body");
	diag("wrong password %.3f s, unknown user %.3f s", r1->seconds, r2->seconds);
	/* A lookup miss alone takes about a millisecond; a hash, hundreds. */
	ok(r2->seconds > r1->seconds / 4 && r3->seconds > r1->seconds / 4,
	    "an unknown user costs a hash, like a wrong password");
	api_free(r1);
	api_free(r2);
	api_free(r3);
	r1 = api_send("POST", "/api/login", NULL, "{\"username\":\"x\"}");
	is_error(r1, 400, "bad_request", "login without a password");
	ok(jstr(r1->json, "fields.password") != NULL, "fields.password");
	api_free(r1);
	/* These failures count against this address: forget them for the other programs. */
	db_do("DELETE FROM login_failures WHERE address = '127.0.0.1'");
}

/* A user made straight in the database with a Werkzeug hash logs in and is rehashed. */
static void
test_werkzeug_migration(void)
{
	struct api_resp	*r;
	char		 name[64];
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < sizeof(werkzeug_vectors) / sizeof(werkzeug_vectors[0]); i++) {
		if (strchr(werkzeug_vectors[i].password, '\\') || strchr(werkzeug_vectors[i].password, '"'))
			continue;
		if (strncmp(werkzeug_vectors[i].stored, "scrypt:16384", 12) == 0)
			continue;
		snprintf(name, sizeof(name), "wz%d%s", n++, api_unique());
		if (db_do("INSERT INTO users (username, email, password_hash) VALUES "
		    "('%s', '%s@example.com', '%s')", name, name, werkzeug_vectors[i].stored) != 0) {
			ok(0, "insert a Flask-era user");
			continue;
		}
		r = login(name, "not the password");
		is_error(r, 401, "invalid_credentials", "Flask-era hash, wrong password");
		api_free(r);
		r = login(name, werkzeug_vectors[i].password);
		is_int(r->status, 200, "Flask-era %.20s hash: the old password logs in",
		    werkzeug_vectors[i].stored);
		api_free(r);
		ok(db_count("SELECT COUNT(*) FROM users WHERE username = '%s' AND password_hash "
		    "LIKE 'scrypt:32768:8:3$%%'", name) == 1, "and it is rehashed to scrypt p=3");
		r = login(name, werkzeug_vectors[i].password);
		is_int(r->status, 200, "the rehashed password logs in");
		api_free(r);
	}
	db_do("DELETE FROM login_failures WHERE address = '127.0.0.1'");
}

static void
test_profile_patch(void)
{
	struct acct	 a, b, a2;
	struct api_resp	*r;
	char		 body[512], email[128];

	acct_new(&a, "pat");
	acct_new(&b, "pat");
	acct_login(&a2, a.name, PW);	/* a second login of a */
	r = api_send("PATCH", "/api/profile", a.access, "{\"email\":\"x@example.com\"}");
	is_error(r, 400, "bad_request", "PATCH without current_password");
	ok(jstr(r->json, "fields.current_password") != NULL, "fields.current_password");
	api_free(r);
	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"email\":\"not an email\",\"current_password\":\"" PW "\"}");
	is_error(r, 400, "bad_request", "PATCH with a bad e-mail");
	ok(jstr(r->json, "fields.email") != NULL, "fields.email");
	api_free(r);
	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"password\":\"short\",\"current_password\":\"" PW "\"}");
	is_error(r, 400, "bad_request", "PATCH with a short new password");
	api_free(r);
	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"email\":\"new@example.com\",\"current_password\":\"wrong wrong\"}");
	is_error(r, 403, "invalid_credentials", "PATCH with a wrong current_password");
	api_free(r);
	snprintf(body, sizeof(body), "{\"email\":\"%s@EXAMPLE.COM\",\"current_password\":\"" PW
	    "\"}", b.name);
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_error(r, 409, "email_taken", "PATCH to another user's e-mail (other case)");
	api_free(r);
	r = api_send("PATCH", "/api/profile", NULL, "{\"current_password\":\"" PW "\"}");
	is_error(r, 401, "unauthorized", "PATCH without a token");
	api_free(r);

	snprintf(email, sizeof(email), "new.%s@example.org", a.name);
	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"current_password\":\"" PW "\"}", email);
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_int(r->status, 200, "PATCH the e-mail");
	is_str(jstr(r->json, "data.email"), email, "the answer has the new e-mail");
	api_free(r);
	is_int(profile_status(a2.access), 200, "an e-mail change keeps the other logins");

	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"password\":\"a new password 2\",\"current_password\":\"" PW "\"}");
	is_int(r->status, 200, "PATCH the password");
	api_free(r);
	is_int(profile_status(a.access), 200, "the login that changed the password stays");
	is_int(profile_status(a2.access), 401, "a password change revokes the other logins");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", a2.refresh);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "and their refresh tokens");
	api_free(r);
	r = login(a.name, PW);
	is_error(r, 401, "invalid_credentials", "the old password no longer logs in");
	api_free(r);
	r = login(email, "a new password 2");
	is_int(r->status, 200, "the new password logs in with the new e-mail");
	api_free(r);
	db_do("DELETE FROM login_failures WHERE address = '127.0.0.1'");
}

static void
test_profile_delete(void)
{
	struct acct	 a, b;
	struct api_resp	*r;
	long long	 movie;
	char		 body[256];

	acct_new(&a, "del");
	acct_login(&b, a.name, PW);
	/* Something of every kind that belongs to the user. */
	db_do("INSERT INTO movies (title) VALUES ('Deletion test %s')", api_unique());
	movie = db_count("SELECT MAX(id) FROM movies WHERE title = 'Deletion test %s'", api_unique());
	db_do("INSERT INTO watchlist (user_id, movie_id) VALUES (%lld, %lld)", a.id, movie);
	db_do("INSERT INTO favorites (user_id, movie_id) VALUES (%lld, %lld)", a.id, movie);
	db_do("INSERT INTO ratings (user_id, movie_id, score) VALUES (%lld, %lld, 4.5)", a.id, movie);
	db_do("INSERT INTO watch_history (user_id, movie_id, position) VALUES (%lld, %lld, 60)",
	    a.id, movie);
	ok(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM favorites WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM ratings WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM watch_history WHERE user_id = %lld)", a.id, a.id, a.id, a.id) == 4,
	    "the user has library rows");

	r = api_send("DELETE", "/api/profile", a.access, "{}");
	is_error(r, 400, "bad_request", "DELETE /profile without the password");
	api_free(r);
	r = api_send("DELETE", "/api/profile", a.access, "{\"password\":\"wrong wrong\"}");
	is_error(r, 403, "invalid_credentials", "DELETE /profile with a wrong password");
	api_free(r);
	is_int(profile_status(a.access), 200, "still there after the refusals");
	r = api_send("DELETE", "/api/profile", a.access, "{\"password\":\"" PW "\"}");
	is_int(r->status, 204, "DELETE /profile with the password");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM users WHERE id = %lld", a.id) == 0, "the user is gone");
	ok(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM favorites WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM ratings WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM watch_history WHERE user_id = %lld) + "
	    "(SELECT COUNT(*) FROM sessions WHERE user_id = %lld)", a.id, a.id, a.id, a.id, a.id) == 0,
	    "and everything of it (library, logins)");
	ok(db_count("SELECT COUNT(*) FROM refresh_tokens rt LEFT JOIN sessions s ON "
	    "s.id = rt.session_id WHERE s.id IS NULL") == 0, "no refresh token outlives its login");
	ok(db_count("SELECT COUNT(*) FROM movies WHERE id = %lld", movie) == 1,
	    "the movie itself stays");
	r = api_get("/api/profile", a.access);
	is_error(r, 401, "invalid_token", "the deleted user's token stops working");
	api_free(r);
	is_int(profile_status(b.access), 401, "and the tokens of its other logins");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", b.refresh);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_error(r, 401, "invalid_token", "and its refresh tokens");
	api_free(r);
	r = login(a.name, PW);
	is_error(r, 401, "invalid_credentials", "the deleted user cannot log in");
	api_free(r);
	r = reg(a.name, "again@example.net", PW);
	is_int(r->status, 201, "its username is free again");
	api_free(r);
	db_do("DELETE FROM movies WHERE id = %lld", movie);
	db_do("DELETE FROM login_failures WHERE address = '127.0.0.1'");
}

int
main(void)
{
	api_init();
	test_register_login_profile();
	test_new_user_helper();
	test_register_validation();
	test_password_policy();
	test_duplicates();
	test_bad_credentials();
	test_werkzeug_migration();
	test_profile_patch();
	test_profile_delete();
	return done_testing();
}
