/* h_accounts.c: accounts: register, login, tokens, profile, and the admin movie routes. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "handlers.h"
#include "jwt.h"
#include "movie.h"
#include "password.h"
#include "search_index.h"
#include "valid.h"

#define TX_TRIES	3	/* runs of a transaction that hits a deadlock */
#define REFRESH_BYTES	32	/* 256 random bits */
#define REFRESH_TEXT	CRYPTO_B64URL_LEN(REFRESH_BYTES)

/* Columns of STMT_ACC_USER_* rows. */
enum { U_ID, U_USERNAME, U_EMAIL, U_HASH, U_ADMIN, U_JOINED };

/* The cost of new password hashes, from the configuration. */
static void
cost_get(struct password_cost *c)
{
	c->n_log2 = (unsigned)config.scrypt_n_log2;
	c->r = (unsigned)config.scrypt_r;
	c->p = (unsigned)config.scrypt_p;
}

/* The public user object of a STMT_ACC_USER_* row (never the hash). */
static cJSON *
user_json(struct db_res *res)
{
	cJSON	*u;

	if ((u = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(u, "id", (double)db_int(res, U_ID));
	json_str(u, "username", db_str(res, U_USERNAME));
	json_str(u, "email", db_str(res, U_EMAIL));
	json_time(u, "join_date", db_str(res, U_JOINED));
	json_bool(u, "is_admin", db_int(res, U_ADMIN) != 0);
	return u;
}

/* Read the user object of id into *out (NULL when there is none). Returns a db_rc. */
static int
user_load(struct db *db, long long id, cJSON **out)
{
	struct db_res	*res = NULL;
	int		 rc;

	*out = NULL;
	if ((rc = db_exec(db, STMT_ACC_USER_GET, &res, "i", id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*out = user_json(res);
		rc = *out ? DB_OK : DB_ERR_INTERNAL;
	} else if (rc == 0)
		rc = DB_ERR_NOTFOUND;
	db_res_free(res);
	return rc;
}

/* Whether a row exists for stmt with one string parameter: 1, 0, or a db_rc error. */
static int
exists(struct db *db, enum stmt_id stmt, const char *s)
{
	struct db_res	*res = NULL;
	int		 rc;

	if ((rc = db_exec(db, stmt, &res, "s", s)) != DB_OK)
		return rc;
	rc = db_next(res);
	db_res_free(res);
	return rc;
}

/*
 * Make a refresh token for session sid: 256 random bits as base64url into
 * text, stored as its SHA-256. Returns a db_rc.
 */
static int
refresh_new(struct db *db, long long sid, char text[REFRESH_TEXT])
{
	unsigned char	 raw[REFRESH_BYTES], md[CRYPTO_SHA256_LEN];
	int		 rc = DB_ERR_INTERNAL;

	if (crypto_random(raw, sizeof(raw)) == 0) {
		crypto_b64url_encode(raw, sizeof(raw), text, REFRESH_TEXT);
		if (crypto_sha256(text, strlen(text), md) == 0)
			rc = db_exec(db, STMT_ACC_REFRESH_INSERT, NULL, "bii", md, sizeof(md), sid,
			    config.refresh_ttl);
	}
	crypto_wipe(raw, sizeof(raw));
	return rc;
}

/* A new access token for user uid and session sid into out (JWT_MAX). Returns 0 or -1. */
static int
access_new(long long uid, long long sid, char *out)
{
	struct jwt_claims	 c;
	unsigned char		 key[512];
	int			 keylen, rc = -1;

	memset(&c, 0, sizeof(c));
	c.sub = uid;
	c.sid = sid;
	c.iat = (long long)time(NULL);
	c.exp = c.iat + config.access_ttl;
	if ((keylen = accounts_jwt_key(key)) >= 0 &&
	    jwt_sign(&c, config.jwt_issuer, config.jwt_audience, key, (size_t)keylen, out) ==
	    JWT_OK)
		rc = 0;
	crypto_wipe(key, sizeof(key));
	return rc;
}

/*
 * The login answer's data: {access_token, token_type, expires_in,
 * refresh_token, user}. Takes user (also on error). Returns NULL when out
 * of memory.
 */
static cJSON *
login_answer(const char *access, const char *refresh, cJSON *user)
{
	cJSON	*d;

	if ((d = cJSON_CreateObject()) == NULL) {
		cJSON_Delete(user);
		return NULL;
	}
	cJSON_AddStringToObject(d, "access_token", access);
	cJSON_AddStringToObject(d, "token_type", "Bearer");
	cJSON_AddNumberToObject(d, "expires_in", (double)config.access_ttl);
	cJSON_AddStringToObject(d, "refresh_token", refresh);
	cJSON_AddItemToObject(d, "user", user);
	return d;
}

/*
 * Start a login for user uid: a session and its first refresh token, in one
 * transaction, then the access token. Answers status with the login answer,
 * or 503/500.
 */
static int
login_start(struct req *r, struct resp *w, long long uid, int status)
{
	char		 refresh[REFRESH_TEXT], access[JWT_MAX];
	cJSON		*user = NULL, *data;
	long long	 sid = 0;
	int		 rc = DB_ERR_INTERNAL, tries;

	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_SESSION_INSERT, NULL, "i", uid)) == DB_OK &&
		    (sid = db_insert_id(r->db)) > 0 &&
		    (rc = refresh_new(r->db, sid, refresh)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((rc = user_load(r->db, uid, &user)) != DB_OK)
		return resp_db(w, rc);
	if (access_new(uid, sid, access) == -1) {
		cJSON_Delete(user);
		return resp_error(w, 500, NULL, NULL);
	}
	data = login_answer(access, refresh, user);
	crypto_wipe(refresh, sizeof(refresh));
	crypto_wipe(access, sizeof(access));
	if (data == NULL)
		return resp_error(w, 500, NULL, NULL);
	w->cache = CACHE_PRIVATE;
	return resp_data(w, status, data);
}

const struct input h_register_in[] = {
	{ "username", IN_BODY, IN_STR, IN_REQUIRED, 3, 32 },
	{ "email", IN_BODY, IN_STR, IN_REQUIRED, 3, 254 },
	{ "password", IN_BODY, IN_STR, IN_REQUIRED, 8, 128 },
	{ NULL }
};

/*
 * POST /register {username, email, password}: make an account and log it
 * in. Answers 201 with the login answer, 400 (fields), 409 username_taken
 * or email_taken (also when they differ only in case), 503, 500.
 */
int
h_register(struct req *r, struct resp *w)
{
	struct password_cost	 cost;
	const char		*name = req_str(r, "username"), *email = req_str(r, "email");
	char			 hash[PASSWORD_HASH_MAX];
	cJSON			*fields = NULL;
	long long		 uid;
	int			 rc;

	if (valid_username(name) == -1 || valid_email(email) == -1) {
		fields = cJSON_CreateObject();
		if (valid_username(name) == -1)
			cJSON_AddStringToObject(fields, "username",
			    "must be 3 to 32 of the letters A-Z, a-z, digits, '_', '.' and '-'");
		if (valid_email(email) == -1)
			cJSON_AddStringToObject(fields, "email", "must be a valid e-mail address");
		return resp_fields(w, fields);
	}
	if ((rc = exists(r->db, STMT_ACC_USER_BY_NAME, name)) == 1)
		return resp_error(w, 409, "username_taken", "That username is taken.");
	if (rc == 0 && (rc = exists(r->db, STMT_ACC_USER_BY_EMAIL, email)) == 1)
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	if (rc != 0)
		return resp_db(w, rc);
	cost_get(&cost);
	if (password_hash(req_str(r, "password"), &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	rc = db_exec(r->db, STMT_ACC_USER_INSERT, NULL, "sss", name, email, hash);
	crypto_wipe(hash, sizeof(hash));
	if (rc == DB_ERR_DUPLICATE) {
		/* Someone else took it in between: say which. */
		if (exists(r->db, STMT_ACC_USER_BY_NAME, name) == 1)
			return resp_error(w, 409, "username_taken", "That username is taken.");
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	uid = db_insert_id(r->db);
	return login_start(r, w, uid, 201);
}

/*
 * The failed-login count of (kind, subject) in the window. Returns a
 * db_rc; *retry gets the seconds until the oldest failure leaves it.
 */
static int
fail_count(struct db *db, const char *kind, const char *subject, long long *count,
    long long *retry)
{
	struct db_res	*res = NULL;
	int		 rc;

	*count = 0;
	*retry = 1;
	if ((rc = db_exec(db, STMT_ACC_FAIL_COUNT, &res, "ssi", kind, subject,
	    config.login_window)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*count = db_int(res, 0);
		*retry = config.login_window - db_int(res, 1);
		if (*retry < 1)
			*retry = 1;
		rc = DB_OK;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* Record one failed login of (kind, subject), dropping its failures older than the window. */
static int
fail_add(struct db *db, const char *kind, const char *subject)
{
	int	 rc;

	if ((rc = db_exec(db, STMT_ACC_FAIL_PRUNE, NULL, "ssi", kind, subject,
	    config.login_window)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_FAIL_INSERT, NULL, "ss", kind, subject);
}

/*
 * Whether logins for account (subject) or from the client's address are
 * throttled: answers 429 with Retry-After and returns 1, or returns 0, or
 * answers 503/500 and returns -1.
 */
static int
throttled(struct req *r, struct resp *w, const char *account)
{
	long long	 n, retry;
	int		 rc;

	if ((rc = fail_count(r->db, "address", r->remote_addr ? r->remote_addr : "",
	    &n, &retry)) != DB_OK)
		return resp_db(w, rc), -1;
	if (n < config.login_max_address_failures) {
		if ((rc = fail_count(r->db, "account", account, &n, &retry)) != DB_OK)
			return resp_db(w, rc), -1;
		if (n < config.login_max_failures)
			return 0;
	}
	w->retry_after = (int)retry;
	resp_error(w, 429, "rate_limited", "Too many failed logins: try again later.");
	return 1;
}

/*
 * Look a login name (username or e-mail) up. Fills *uid (0 when none),
 * hash (PASSWORD_HASH_MAX) and subject (the throttling key, 300 bytes).
 * Returns a db_rc.
 */
static int
login_lookup(struct db *db, const char *login, long long *uid, char *hash, char *subject)
{
	struct db_res	*res = NULL;
	int		 rc;

	*uid = 0;
	hash[0] = '\0';
	if ((rc = db_exec(db, strchr(login, '@') ? STMT_ACC_USER_BY_EMAIL : STMT_ACC_USER_BY_NAME,
	    &res, "s", login)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		*uid = db_int(res, U_ID);
		snprintf(hash, PASSWORD_HASH_MAX, "%s", db_str(res, U_HASH) ?
		    db_str(res, U_HASH) : "");
	}
	db_res_free(res);
	if (rc < 0)
		return rc;
	if (*uid > 0)
		snprintf(subject, 300, "u:%lld", *uid);
	else
		snprintf(subject, 300, "n:%.250s", login);
	return DB_OK;
}

/*
 * Check password for the account of uid and stored hash (uid 0: spend the
 * same time and fail). A failure is counted against the account subject and
 * the client's address; a success clears the account's failures and
 * rehashes a weaker stored hash. Returns 1 (good), 0 (bad) or a db_rc / -100
 * on a hashing failure.
 */
static int
password_check(struct req *r, long long uid, const char *stored, const char *subject,
    const char *password)
{
	struct password_cost	 cost;
	enum password_rc	 prc;
	char			 hash[PASSWORD_HASH_MAX];
	int			 rehash = 0, rc;

	cost_get(&cost);
	if (uid == 0)
		prc = password_dummy(password, &cost);
	else
		prc = password_verify(password, stored, &cost, &rehash);
	if (prc == PASSWORD_ERROR)
		return DB_ERR_INTERNAL;
	if (prc != PASSWORD_OK) {
		if ((rc = fail_add(r->db, "account", subject)) != DB_OK ||
		    (rc = fail_add(r->db, "address", r->remote_addr ? r->remote_addr : "")) != DB_OK)
			return rc;
		return 0;
	}
	if ((rc = db_exec(r->db, STMT_ACC_FAIL_CLEAR, NULL, "ss", "account", subject)) != DB_OK)
		return rc;
	if (rehash && password_hash(password, &cost, hash) == 0) {
		rc = db_exec(r->db, STMT_ACC_USER_SET_HASH, NULL, "si", hash, uid);
		crypto_wipe(hash, sizeof(hash));
		if (rc != DB_OK)
			return rc;
	}
	return 1;
}

const struct input h_login_in[] = {
	{ "username", IN_BODY, IN_STR, IN_REQUIRED, 1, 254 },
	{ "password", IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ NULL }
};

/*
 * POST /login {username (or the e-mail), password}: answers 200 with the
 * login answer; 401 invalid_credentials, the same body and about the same
 * time for an unknown user and a wrong password; 429 (Retry-After) past
 * login_max_failures failures of the account or login_max_address_failures
 * of the client address in login_window; 400, 503, 500.
 */
int
h_login(struct req *r, struct resp *w)
{
	char		 hash[PASSWORD_HASH_MAX], subject[300];
	long long	 uid;
	int		 rc;

	if ((rc = login_lookup(r->db, req_str(r, "username"), &uid, hash, subject)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = throttled(r, w, subject)) != 0)
		return w->status;
	rc = password_check(r, uid, hash, subject, req_str(r, "password"));
	crypto_wipe(hash, sizeof(hash));
	if (rc == 0)
		return resp_error(w, 401, "invalid_credentials",
		    "The username or password is not correct.");
	if (rc != 1)
		return resp_db(w, rc);
	return login_start(r, w, uid, 200);
}

const struct input h_token_refresh_in[] = {
	{ "refresh_token", IN_BODY, IN_STR, IN_REQUIRED, 1, 256 },
	{ NULL }
};

/*
 * POST /token/refresh {refresh_token}: rotate: the token is used up and a
 * new pair of the same login is answered (200, login answer). An unknown,
 * expired or revoked token is 401 invalid_token; a used one revokes its
 * whole login (every refresh and access token of it) and is 401 too.
 * 400, 503, 500.
 */
int
h_token_refresh(struct req *r, struct resp *w)
{
	const char	*tok = req_str(r, "refresh_token");
	struct db_res	*res = NULL;
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		 refresh[REFRESH_TEXT], access[JWT_MAX];
	cJSON		*user = NULL, *data;
	long long	 sid = 0, uid = 0;
	int		 rc = DB_ERR_INTERNAL, tries, state = 0;

	if (crypto_sha256(tok, strlen(tok), md) == -1)
		return resp_error(w, 500, NULL, NULL);
	for (tries = 0; tries < TX_TRIES; tries++) {
		state = 0;
		if ((rc = db_begin(r->db)) != DB_OK)
			goto again;
		if ((rc = db_exec(r->db, STMT_ACC_REFRESH_GET, &res, "b", md, sizeof(md))) != DB_OK)
			goto again;
		if ((rc = db_next(res)) == 1) {
			sid = db_int(res, 0);
			uid = db_int(res, 4);
			if (db_int(res, 3))
				state = 1;		/* login revoked */
			else if (db_int(res, 1))
				state = 2;		/* used before: reuse */
			else if (db_int(res, 2))
				state = 1;		/* expired */
			else
				state = 3;		/* good */
		}
		db_res_free(res);
		res = NULL;
		if (rc < 0)
			goto again;
		rc = DB_OK;
		if (state == 2)
			rc = db_exec(r->db, STMT_ACC_SESSION_REVOKE, NULL, "sii", "reuse", sid, uid);
		else if (state == 3 &&
		    (rc = db_exec(r->db, STMT_ACC_REFRESH_USE, NULL, "b", md, sizeof(md))) == DB_OK)
			rc = refresh_new(r->db, sid, refresh);
		if (rc == DB_OK && (rc = db_commit(r->db)) == DB_OK)
			break;
again:
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	w->www_error = "invalid_token";
	if (state == 2)
		return resp_error(w, 401, "invalid_token",
		    "The refresh token was used before: every token of that login is revoked.");
	if (state != 3)
		return resp_error(w, 401, "invalid_token", "The refresh token is not valid.");
	w->www_error = NULL;
	if ((rc = user_load(r->db, uid, &user)) != DB_OK)
		return resp_db(w, rc);
	if (access_new(uid, sid, access) == -1) {
		cJSON_Delete(user);
		return resp_error(w, 500, NULL, NULL);
	}
	data = login_answer(access, refresh, user);
	crypto_wipe(refresh, sizeof(refresh));
	crypto_wipe(access, sizeof(access));
	if (data == NULL)
		return resp_error(w, 500, NULL, NULL);
	w->cache = CACHE_PRIVATE;
	return resp_data(w, 200, data);
}

const struct input h_logout_in[] = {
	{ "refresh_token", IN_BODY, IN_STR, 0, 1, 256 },
	{ NULL }
};

/*
 * POST /logout {refresh_token?} (auth): revoke the login of the access
 * token, and the login of the refresh token when it is the caller's.
 * Answers 204, 401, 503, 500.
 */
int
h_logout(struct req *r, struct resp *w)
{
	const char	*tok = req_str(r, "refresh_token");
	struct db_res	*res = NULL;
	unsigned char	 md[CRYPTO_SHA256_LEN];
	long long	 other = 0;
	int		 rc;

	if (tok != NULL) {
		if (crypto_sha256(tok, strlen(tok), md) == -1)
			return resp_error(w, 500, NULL, NULL);
		if ((rc = db_exec(r->db, STMT_ACC_REFRESH_GET, &res, "b", md, sizeof(md))) != DB_OK)
			return resp_db(w, rc);
		if ((rc = db_next(res)) == 1 && db_int(res, 4) == r->user_id)
			other = db_int(res, 0);
		db_res_free(res);
		if (rc < 0)
			return resp_db(w, rc);
	}
	if ((rc = db_exec(r->db, STMT_ACC_SESSION_REVOKE, NULL, "sii", "logout", r->session_id,
	    r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if (other != 0 && other != r->session_id &&
	    (rc = db_exec(r->db, STMT_ACC_SESSION_REVOKE, NULL, "sii", "logout", other,
	    r->user_id)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

const struct input h_profile_get_in[] = { { NULL } };

/*
 * GET /profile (auth): {user, subscription, stats} under data. Answers
 * 200, 401, 503, 500.
 */
int
h_profile_get(struct req *r, struct resp *w)
{
	cJSON	*data, *user = NULL, *stats;
	int	 rc;

	if ((rc = user_load(r->db, r->user_id, &user)) != DB_OK)
		return rc == DB_ERR_NOTFOUND ? resp_error(w, 401, "invalid_token",
		    "The account no longer exists.") : resp_db(w, rc);
	if ((data = cJSON_CreateObject()) == NULL) {
		cJSON_Delete(user);
		return resp_error(w, 500, NULL, NULL);
	}
	cJSON_AddItemToObject(data, "user", user);
	cJSON_AddItemToObject(data, "subscription", subs_profile_subscription(r));
	stats = cJSON_AddObjectToObject(data, "stats");
	if (stats == NULL || (rc = library_profile_stats(r, stats)) != 0) {
		cJSON_Delete(data);
		return stats == NULL ? resp_error(w, 500, NULL, NULL) : resp_db(w, rc);
	}
	return resp_data(w, 200, data);
}

/*
 * Check the caller's password for PATCH and DELETE /profile (counted like
 * a login: failures throttle). Returns 1 when it is right; else answers
 * (403 invalid_credentials, 429, 503, 500) and returns 0.
 */
static int
confirm_password(struct req *r, struct resp *w, const char *password)
{
	struct db_res	*res = NULL;
	char		 hash[PASSWORD_HASH_MAX], subject[300];
	int		 rc;

	if ((rc = db_exec(r->db, STMT_ACC_USER_GET, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc), 0;
	hash[0] = '\0';
	if ((rc = db_next(res)) == 1)
		snprintf(hash, sizeof(hash), "%s", db_str(res, U_HASH) ? db_str(res, U_HASH) : "");
	db_res_free(res);
	if (rc != 1)
		return resp_db(w, rc == 0 ? DB_ERR_NOTFOUND : rc), 0;
	snprintf(subject, sizeof(subject), "u:%lld", r->user_id);
	if ((rc = throttled(r, w, subject)) != 0)
		return 0;
	rc = password_check(r, r->user_id, hash, subject, password);
	crypto_wipe(hash, sizeof(hash));
	if (rc == 0)
		return resp_error(w, 403, "invalid_credentials",
		    "The current password is not correct."), 0;
	if (rc != 1)
		return resp_db(w, rc), 0;
	return 1;
}

const struct input h_profile_patch_in[] = {
	{ "email", IN_BODY, IN_STR, 0, 3, 254 },
	{ "password", IN_BODY, IN_STR, 0, 8, 128 },
	{ "current_password", IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ NULL }
};

/*
 * PATCH /profile {email?, password?, current_password} (auth): change the
 * e-mail address and/or the password. A new password revokes every other
 * login of the user (the caller's stays). Answers 200 with {user} under
 * data, 400, 401, 403 invalid_credentials (wrong current_password), 409
 * email_taken, 429, 503, 500.
 */
int
h_profile_patch(struct req *r, struct resp *w)
{
	struct password_cost	 cost;
	const char		*email = req_str(r, "email"), *pw = req_str(r, "password");
	char			 hash[PASSWORD_HASH_MAX];
	cJSON			*user = NULL;
	int			 rc, tries;

	if (email != NULL && valid_email(email) == -1)
		return resp_field(w, "email", "must be a valid e-mail address");
	if (!confirm_password(r, w, req_str(r, "current_password")))
		return w->status;
	hash[0] = '\0';
	cost_get(&cost);
	if (pw != NULL && password_hash(pw, &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) != DB_OK)
			goto again;
		if (email != NULL && (rc = db_exec(r->db, STMT_ACC_USER_SET_EMAIL, NULL, "si",
		    email, r->user_id)) != DB_OK)
			goto again;
		if (pw != NULL && ((rc = db_exec(r->db, STMT_ACC_USER_SET_HASH, NULL, "si", hash,
		    r->user_id)) != DB_OK || (rc = db_exec(r->db, STMT_ACC_SESSION_REVOKE_OTHERS,
		    NULL, "sii", "password", r->user_id, r->session_id)) != DB_OK))
			goto again;
		if ((rc = db_commit(r->db)) == DB_OK)
			break;
again:
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	crypto_wipe(hash, sizeof(hash));
	if (rc == DB_ERR_DUPLICATE)
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((rc = user_load(r->db, r->user_id, &user)) != DB_OK)
		return resp_db(w, rc);
	return resp_data(w, 200, user);
}

const struct input h_profile_delete_in[] = {
	{ "password", IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ NULL }
};

/*
 * DELETE /profile {password} (auth): delete the account and, through the
 * foreign keys' cascades, everything of it (logins, tokens, library,
 * subscriptions), in one transaction. Answers 204, 400, 401, 403
 * invalid_credentials, 429, 503, 500.
 */
int
h_profile_delete(struct req *r, struct resp *w)
{
	char	 subject[32];
	int	 rc, tries;

	if (!confirm_password(r, w, req_str(r, "password")))
		return w->status;
	snprintf(subject, sizeof(subject), "u:%lld", r->user_id);
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_USER_DELETE, NULL, "i", r->user_id)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_FAIL_CLEAR, NULL, "ss", "account", subject)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

const struct input h_admin_movie_create_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_create(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_admin_movie_update_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_update(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_admin_movie_delete_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_delete(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}
