/* h_accounts.c: accounts: register, login, tokens, profile, and the admin movie routes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "device.h"
#include "handlers.h"
#include "jwt.h"
#include "metrics.h"
#include "movie.h"
#include "password.h"
#include "pwpolicy.h"
#include "search_index.h"
#include "throttle.h"
#include "valid.h"

#define TX_TRIES	3	/* runs of a transaction that hits a deadlock */
#define REFRESH_BYTES	32	/* 256 random bits */
#define REFRESH_TEXT	CRYPTO_B64URL_LEN(REFRESH_BYTES)

/* Columns of STMT_ACC_USER_* rows. */
enum { U_ID, U_USERNAME, U_EMAIL, U_HASH, U_ADMIN, U_JOINED, U_VERIFIED };

/* The cost of new password hashes, from the configuration. */
static void
cost_get(struct password_cost *c)
{
	c->n_log2 = (unsigned)config.scrypt_n_log2;
	c->r = (unsigned)config.scrypt_r;
	c->p = (unsigned)config.scrypt_p;
}

/*
 * The public user object of a STMT_ACC_USER_* row (never the hash), with
 * email_verified from column verified_col (U_VERIFIED, or PROFILE_VERIFIED
 * of STMT_PROFILE).
 */
static cJSON *
user_json(struct db_res *res, int verified_col)
{
	cJSON	*u;

	if ((u = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(u, "id", (double)db_int(res, U_ID));
	json_str(u, "username", db_str(res, U_USERNAME));
	json_str(u, "email", db_str(res, U_EMAIL));
	json_bool(u, "email_verified", db_int(res, verified_col) != 0);
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
		*out = user_json(res, U_VERIFIED);
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
 * Open a login of r's client for user uid inside the caller's transaction:
 * a session row (with its device: sessions_device) and its first refresh
 * token (into refresh). Returns a db_rc; *sid gets the session.
 */
static int
session_open(struct req *r, long long uid, char refresh[REFRESH_TEXT], long long *sid)
{
	struct db	*db = r->db;
	char		 device[DEVICE_LABEL_MAX];
	const char	*addr;
	int		 rc;

	addr = sessions_device(r, device);
	if ((rc = db_exec(db, STMT_ACC_SESSION_INSERT, NULL, "iss", uid, device, addr)) != DB_OK)
		return rc;
	if ((*sid = db_insert_id(db)) <= 0)
		return DB_ERR_INTERNAL;
	return refresh_new(db, *sid, refresh);
}

/*
 * Answer status with the login answer of user uid, session sid and the
 * given refresh token: the user is read and an access token made here.
 * Wipes refresh. Returns the status sent (503/500 on failure).
 */
static int
login_send(struct req *r, struct resp *w, long long uid, long long sid,
    char refresh[REFRESH_TEXT], int status)
{
	char	 access[JWT_MAX];
	cJSON	*user = NULL, *data;
	int	 rc;

	if ((rc = user_load(r->db, uid, &user)) != DB_OK) {
		crypto_wipe(refresh, REFRESH_TEXT);
		return resp_db(w, rc);
	}
	if (access_new(uid, sid, access) == -1) {
		crypto_wipe(refresh, REFRESH_TEXT);
		cJSON_Delete(user);
		return resp_error(w, 500, NULL, NULL);
	}
	data = login_answer(access, refresh, user);
	crypto_wipe(refresh, REFRESH_TEXT);
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
	{ "device", IN_BODY, IN_STR, IN_NULLABLE, 1, DEVICE_LABEL_CHARS },
	{ NULL }
};

/*
 * Check a new password for the account name / email by the password
 * policy (lib/pwpolicy.h). Returns 0 when it may be chosen; else answers
 * 400 naming password with the reason (or 500 when the dictionary cannot
 * be read) and returns -1.
 */
static int
password_acceptable(struct resp *w, const char *pw, const char *name, const char *email)
{
	char	 why[PWPOLICY_WHY_MAX];

	switch (pwpolicy_check(pw, name, email, config.password_dict, why)) {
	case PWPOLICY_OK:
		return 0;
	case PWPOLICY_REFUSED:
		resp_field(w, "password", why);
		return -1;
	default:
		resp_error(w, 500, NULL, NULL);
		return -1;
	}
}

/*
 * POST /register {username, email, password, device?}: make an account and
 * log it in (its device: sessions_device), and mail a link that verifies
 * the address after the answer. Answers 201 with the login answer, 400 (fields; a password that is
 * common, guessable or built from the username or e-mail names password
 * and says why), 409 username_taken or email_taken (also when they differ
 * only in case), 503, 500.
 */
int
h_register(struct req *r, struct resp *w)
{
	struct password_cost	 cost;
	const char		*name = req_str(r, "username"), *email = req_str(r, "email");
	char			 hash[PASSWORD_HASH_MAX], refresh[REFRESH_TEXT];
	char			 addr[THROTTLE_ADDRESS_MAX];
	cJSON			*fields = NULL;
	long long		 uid = 0, sid = 0;
	int			 rc = DB_ERR_INTERNAL, tries;

	if (valid_username(name) == -1 || valid_email(email) == -1) {
		fields = cJSON_CreateObject();
		if (valid_username(name) == -1)
			cJSON_AddStringToObject(fields, "username",
			    "must be 3 to 32 of the letters A-Z, a-z, digits, '_', '.' and '-'");
		if (valid_email(email) == -1)
			cJSON_AddStringToObject(fields, "email", "must be a valid e-mail address");
		return resp_fields(w, fields);
	}
	if (password_acceptable(w, req_str(r, "password"), name, email) == -1)
		return w->status;
	if ((rc = exists(r->db, STMT_ACC_USER_BY_NAME, name)) == 1)
		return resp_error(w, 409, "username_taken", "That username is taken.");
	if (rc == 0 && (rc = exists(r->db, STMT_ACC_USER_BY_EMAIL, email)) == 1)
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	if (rc != 0)
		return resp_db(w, rc);
	cost_get(&cost);
	if (password_hash(req_str(r, "password"), &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	/* The user, its first login and the address it came from, in one transaction. */
	throttle_address_key(r->remote_addr, addr);
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_USER_INSERT, NULL, "sss", name, email,
		    hash)) == DB_OK &&
		    (rc = (uid = db_insert_id(r->db)) > 0 ? DB_OK : DB_ERR_INTERNAL) == DB_OK &&
		    (rc = session_open(r, uid, refresh, &sid)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_ADDRESS_PUT, NULL, "is", uid, addr)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	crypto_wipe(hash, sizeof(hash));
	if (rc == DB_ERR_DUPLICATE) {
		/* Someone else took it in between: say which. */
		if (exists(r->db, STMT_ACC_USER_BY_NAME, name) == 1)
			return resp_error(w, 409, "username_taken", "That username is taken.");
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	recovery_verify_mail(r, uid, email);	/* a link to prove the address, after the answer */
	return login_send(r, w, uid, sid, refresh, 201);
}

/* The throttling rules of the configuration (lib/throttle.h). */
static void
rules_get(struct throttle_rules *t)
{
	t->pair_max = config.login_max_failures;
	t->window = config.login_window;
	t->account_free = config.login_account_failures;
	t->address_free = config.login_max_address_failures;
	t->delay_max = config.login_delay_max;
}

/*
 * Whether a login for account (subject; uid 0 when the name is no user)
 * from the client's address (key addr) must wait (lib/throttle.h): answers
 * 429 with Retry-After and returns 1, or returns 0, or answers 503/500 and
 * returns -1. Read before any password is checked, in one round trip (two
 * when the pair is over its limit, for the time it has to wait).
 */
static int
throttled(struct req *r, struct resp *w, const char *account, long long uid, const char *addr)
{
	struct throttle_rules	 rules;
	struct throttle_state	 st;
	struct db_res		*res = NULL;
	long long		 wait;
	int			 rc;

	rules_get(&rules);
	memset(&st, 0, sizeof(st));
	if ((rc = db_exec(r->db, STMT_ACC_THROTTLE_STATE, &res, "ssisisisisiisi", account, addr,
	    rules.window, account, (long long)THROTTLE_ACCOUNT_WINDOW, account,
	    (long long)THROTTLE_ACCOUNT_WINDOW, addr, rules.window, addr, rules.window, uid, addr,
	    config.login_known_days)) != DB_OK)
		return resp_db(w, rc), -1;
	if ((rc = db_next(res)) == 1) {
		st.pair_failures = db_int(res, 0);
		st.account_failures = db_int(res, 1);
		st.account_last_age = db_isnull(res, 2) ? 1e9 : db_double(res, 2);
		st.address_failures = db_int(res, 3);
		st.address_last_age = db_isnull(res, 4) ? 1e9 : db_double(res, 4);
		st.known = uid > 0 && config.login_known_days > 0 && db_int(res, 5) > 0;
	}
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc), -1;
	st.pair_oldest_age = 1e9;
	if (st.pair_failures >= rules.pair_max) {
		if ((rc = db_exec(r->db, STMT_ACC_FAIL_NTH, &res, "ssii", account, addr,
		    rules.window, rules.pair_max - 1)) != DB_OK)
			return resp_db(w, rc), -1;
		st.pair_oldest_age = 0;
		if ((rc = db_next(res)) == 1)
			st.pair_oldest_age = db_double(res, 0);
		db_res_free(res);
		if (rc < 0)
			return resp_db(w, rc), -1;
	}
	if ((wait = throttle_wait(&st, &rules)) == 0)
		return 0;
	w->retry_after = (int)wait;
	resp_error(w, 429, "rate_limited", "Too many failed logins: try again later.");
	return 1;
}

/* Record one failed login of account from addr, dropping its rows that no rule reads any more. */
static int
fail_add(struct db *db, const char *account, const char *addr)
{
	long long	 keep = config.login_window > THROTTLE_ACCOUNT_WINDOW ?
			    config.login_window : THROTTLE_ACCOUNT_WINDOW;
	int		 rc;

	if ((rc = db_exec(db, STMT_ACC_FAIL_PRUNE, NULL, "si", account, keep)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_FAIL_INSERT, NULL, "ss", account, addr);
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
 * same time and fail), tried from the client's address key addr. A failure
 * is counted for the account and that address; a success clears that
 * address's failures of the account, trusts the address for the account
 * (login_known_days) and rehashes a weaker stored hash. Returns 1 (good),
 * 0 (bad) or a db_rc.
 */
static int
password_check(struct req *r, long long uid, const char *stored, const char *subject,
    const char *addr, const char *password)
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
		if ((rc = fail_add(r->db, subject, addr)) != DB_OK)
			return rc;
		return 0;
	}
	if ((rc = db_exec(r->db, STMT_ACC_FAIL_CLEAR_PAIR, NULL, "ss", subject, addr)) != DB_OK ||
	    (rc = db_exec(r->db, STMT_ACC_ADDRESS_PUT, NULL, "is", uid, addr)) != DB_OK)
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
	{ "device", IN_BODY, IN_STR, IN_NULLABLE, 1, DEVICE_LABEL_CHARS },
	{ NULL }
};

/*
 * POST /login {username (or the e-mail), password}: answers 200 with the
 * login answer; 401 invalid_credentials, the same body and about the same
 * time for an unknown user and a wrong password; 429 (Retry-After) when
 * the throttling rules (lib/throttle.h) make this account and address
 * wait; 400, 503, 500.
 */
int
h_login(struct req *r, struct resp *w)
{
	char		 hash[PASSWORD_HASH_MAX], subject[300], refresh[REFRESH_TEXT];
	char		 addr[THROTTLE_ADDRESS_MAX];
	long long	 uid, sid = 0;
	int		 rc, tries;

	throttle_address_key(r->remote_addr, addr);
	if ((rc = login_lookup(r->db, req_str(r, "username"), &uid, hash, subject)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = throttled(r, w, subject, uid, addr)) != 0) {
		if (w->status == 429)
			metrics_auth(AUTH_LOGIN_THROTTLED);
		return w->status;
	}
	rc = password_check(r, uid, hash, subject, addr, req_str(r, "password"));
	crypto_wipe(hash, sizeof(hash));
	if (rc == 0) {
		metrics_auth(AUTH_LOGIN_FAILED);
		return resp_error(w, 401, "invalid_credentials",
		    "The username or password is not correct.");
	}
	if (rc != 1)
		return resp_db(w, rc);
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = session_open(r, uid, refresh, &sid)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	metrics_auth(AUTH_LOGIN_OK);
	return login_send(r, w, uid, sid, refresh, 200);
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
	char		 refresh[REFRESH_TEXT];
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
		    (rc = db_exec(r->db, STMT_ACC_REFRESH_USE, NULL, "b", md, sizeof(md))) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ACC_REFRESH_PRUNE, NULL, "i", sid)) == DB_OK)
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
	if (state == 2) {
		board_touch();
		metrics_auth(AUTH_TOKEN_REUSE);
		return resp_error(w, 401, "invalid_token",
		    "The refresh token was used before: every token of that login is revoked.");
	}
	if (state != 3)
		return resp_error(w, 401, "invalid_token", "The refresh token is not valid.");
	w->www_error = NULL;
	metrics_auth(AUTH_TOKEN_REFRESHED);
	return login_send(r, w, uid, sid, refresh, 200);
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
	board_touch();	/* every worker sees the revoked login at once */
	return resp_empty(w, 204);
}

const struct input h_profile_get_in[] = { { NULL } };

/*
 * GET /profile (auth): {user, subscription, stats} under data, read in one
 * statement (STMT_PROFILE) and remembered by the worker (viewer.c) until
 * the caller's data changes. Answers 200, 401, 503, 500.
 */
int
h_profile_get(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	cJSON		*data, *stats;
	long long	 until;
	int		 rc;

	if (viewer_recall_profile(r, w))
		return 200;
	if ((rc = db_exec(r->db, STMT_PROFILE, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = db_next(res)) != 1) {
		db_res_free(res);
		return rc == 0 ? resp_error(w, 401, "invalid_token",
		    "The account no longer exists.") : resp_db(w, rc);
	}
	if ((data = cJSON_CreateObject()) == NULL) {
		db_res_free(res);
		return resp_error(w, 500, NULL, NULL);
	}
	cJSON_AddItemToObject(data, "user", user_json(res, PROFILE_VERIFIED));
	cJSON_AddItemToObject(data, "subscription", subs_profile_subscription(res, PROFILE_SUB));
	if ((stats = cJSON_AddObjectToObject(data, "stats")) != NULL)
		library_profile_stats(res, PROFILE_STATS, stats);
	until = (long long)db_double(res, PROFILE_UNTIL);
	db_res_free(res);
	if (stats == NULL || cJSON_GetObjectItemCaseSensitive(data, "user") == NULL) {
		cJSON_Delete(data);
		return resp_error(w, 500, NULL, NULL);
	}
	if ((rc = resp_data(w, 200, data)) == 200)
		viewer_keep_profile(r, w, until);
	return rc;
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
	char		 hash[PASSWORD_HASH_MAX], subject[300], addr[THROTTLE_ADDRESS_MAX];
	int		 rc;

	throttle_address_key(r->remote_addr, addr);
	if ((rc = db_exec(r->db, STMT_ACC_USER_GET, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc), 0;
	hash[0] = '\0';
	if ((rc = db_next(res)) == 1)
		snprintf(hash, sizeof(hash), "%s", db_str(res, U_HASH) ? db_str(res, U_HASH) : "");
	db_res_free(res);
	if (rc != 1)
		return resp_db(w, rc == 0 ? DB_ERR_NOTFOUND : rc), 0;
	snprintf(subject, sizeof(subject), "u:%lld", r->user_id);
	if ((rc = throttled(r, w, subject, r->user_id, addr)) != 0)
		return 0;
	rc = password_check(r, r->user_id, hash, subject, addr, password);
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
 * e-mail address and/or the password. A new address is unverified until
 * the link mailed to it is followed. A new password revokes every other
 * login of the user (the caller's stays). Answers 200 with {user} under
 * data, 400 (also a new password the policy refuses, before the current
 * one is checked), 401, 403 invalid_credentials (wrong current_password),
 * 409 email_taken, 429, 503, 500.
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
	if (pw != NULL) {
		cJSON	*me = NULL;

		/* Checked against the username and the e-mail address it will have. */
		if ((rc = user_load(r->db, r->user_id, &me)) != DB_OK)
			return resp_db(w, rc);
		rc = password_acceptable(w, pw, cJSON_GetStringValue(cJSON_GetObjectItem(me,
		    "username")), email != NULL ? email :
		    cJSON_GetStringValue(cJSON_GetObjectItem(me, "email")));
		cJSON_Delete(me);
		if (rc == -1)
			return w->status;
	}
	if (!confirm_password(r, w, req_str(r, "current_password")))
		return w->status;
	hash[0] = '\0';
	cost_get(&cost);
	if (pw != NULL && password_hash(pw, &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) != DB_OK)
			goto again;
		if (email != NULL && (rc = db_exec(r->db, STMT_ACC_USER_SET_EMAIL, NULL, "ssi",
		    email, email, r->user_id)) != DB_OK)
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
	if (pw != NULL)
		board_touch();	/* the other logins end at once in every worker */
	if ((rc = user_load(r->db, r->user_id, &user)) != DB_OK)
		return resp_db(w, rc);
	/* A new address starts unverified: a link to prove it goes there. */
	if (email != NULL && !cJSON_IsTrue(cJSON_GetObjectItem(user, "email_verified")))
		recovery_verify_mail(r, r->user_id, email);
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
	board_touch();	/* the account's tokens stop in every worker at once */
	return resp_empty(w, 204);
}

/* ---- admin: movies ---- */

#define GENRES_MAX	20	/* genres of one movie */
#define GENRE_NAME_MAX	64	/* characters of a genre name (genres.name) */
#define GENRES_TEXT_MAX	500	/* bytes of movies.genres */

/* A movie's editable columns, as bound to STMT_ADM_MOVIE_INSERT and _UPDATE. */
struct movie_row {
	char		*title, *description, *language, *poster_url, *banner_url,
			*video_path, *genres;		/* owned copies, NULL = SQL NULL */
	long long	 year, duration;
	double		 rating;
	int		 has_year, has_duration, has_rating;
};

/* The resolved genres of a request: ids and stored names, in order. */
struct genre_list {
	long long	 id[GENRES_MAX];
	size_t		 n;
	char		 text[GENRES_TEXT_MAX + 1];	/* '|'-joined stored names */
};

static void
movie_row_free(struct movie_row *m)
{
	free(m->title);
	free(m->description);
	free(m->language);
	free(m->poster_url);
	free(m->banner_url);
	free(m->video_path);
	free(m->genres);
	memset(m, 0, sizeof(*m));
}

/* strdup that accepts NULL; *ok is cleared when out of memory. */
static char *
dup_or_null(const char *s, int *ok)
{
	char	*p;

	if (s == NULL)
		return NULL;
	if ((p = strdup(s)) == NULL)
		*ok = 0;
	return p;
}

/* An absolute http or https URL without white space or quotes. Returns 0 or -1. */
static int
valid_http_url(const char *s)
{
	const char	*p;

	if (strncasecmp(s, "http://", 7) == 0)
		p = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		p = s + 8;
	else
		return -1;
	if (*p == '\0' || *p == '/' || *p == ':' || *p == '?' || *p == '#')
		return -1;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`' || (unsigned char)*p == 0x7f)
			return -1;
	return 0;
}

/* A relative media path: [A-Za-z0-9._/-], no leading '/', no empty or ".." segment. */
static int
valid_video_path(const char *s)
{
	const char	*p, *seg = s;

	if (*s == '\0' || *s == '/')
		return -1;
	for (p = s;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == seg || (p - seg == 2 && seg[0] == '.' && seg[1] == '.') ||
			    (p - seg == 1 && seg[0] == '.'))
				return -1;
			if (*p == '\0')
				return 0;
			seg = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			return -1;
	}
}

/*
 * Check the fields an admin movie request carries beyond what the input
 * table checks (URLs, language, path, genres' shape). Returns NULL when
 * they are good, else the fields object (the caller owns it).
 */
static cJSON *
movie_fields_check(struct req *r)
{
	static const char	*urls[] = { "poster_url", "banner_url" };
	const cJSON		*g, *e;
	cJSON			*f = NULL;
	const char		*s;
	size_t			 i, n = 0;
	long			 len;

#define BAD(name, msg) do { \
	if (f == NULL && (f = cJSON_CreateObject()) == NULL) return NULL; \
	if (cJSON_GetObjectItem(f, name) == NULL) cJSON_AddStringToObject(f, name, msg); \
} while (0)
	for (i = 0; i < 2; i++)
		if ((s = req_str(r, urls[i])) != NULL && valid_http_url(s) == -1)
			BAD(urls[i], "must be an http or https URL");
	if ((s = req_str(r, "language")) != NULL && valid_language(s) == -1)
		BAD("language", "must be 2 or 3 lowercase letters");
	if ((s = req_str(r, "video_path")) != NULL && valid_video_path(s) == -1)
		BAD("video_path", "must be a relative path of letters, digits, '.', '_', '-' and '/'");
	if ((g = cJSON_GetObjectItemCaseSensitive(r->json, "genres")) != NULL) {
		if (!cJSON_IsArray(g))
			BAD("genres", "must be an array of genre names");
		else {
			cJSON_ArrayForEach(e, g) {
				n++;
				if (!cJSON_IsString(e) ||
				    (len = valid_utf8(e->valuestring, strlen(e->valuestring), 0)) < 1 ||
				    len > GENRE_NAME_MAX || strchr(e->valuestring, '|') != NULL ||
				    isspace((unsigned char)e->valuestring[0]) ||
				    isspace((unsigned char)e->valuestring[strlen(e->valuestring) - 1]))
					BAD("genres", "must be names of 1 to 64 characters, without "
					    "'|' or spaces around");
			}
			if (n > GENRES_MAX)
				BAD("genres", "must have at most 20 genres");
		}
	}
#undef BAD
	return f;
}

/*
 * Make sure every genre named in the request exists (creating the missing
 * ones, under the name genre_synonyms stores their spelling under: "Science
 * Fiction" is Sci-Fi) and fill *gl with their ids and stored names in order. Returns a
 * db_rc, or 1 when a genre repeats (names that the database counts as the
 * same) or the joined names are too long for movies.genres.
 */
static int
genres_resolve(struct db *db, const cJSON *arr, struct genre_list *gl)
{
	const cJSON	*e;
	struct db_res	*res = NULL;
	size_t		 i, off = 0, len;
	const char	*name;
	int		 rc;

	memset(gl, 0, sizeof(*gl));
	cJSON_ArrayForEach(e, arr) {
		if ((rc = db_exec(db, STMT_ADM_GENRE_ADD, NULL, "ss", e->valuestring,
		    e->valuestring)) != DB_OK ||
		    (rc = db_exec(db, STMT_ADM_GENRE_FIND, &res, "ss", e->valuestring,
		    e->valuestring)) != DB_OK)
			return rc;
		if ((rc = db_next(res)) != 1) {
			db_res_free(res);
			return rc == 0 ? DB_ERR_INTERNAL : rc;
		}
		gl->id[gl->n] = db_int(res, 0);
		name = db_str(res, 1);
		len = name ? strlen(name) : 0;
		for (i = 0; i < gl->n; i++)
			if (gl->id[i] == gl->id[gl->n])
				break;
		if (i < gl->n || off + len + 1 > GENRES_TEXT_MAX) {
			db_res_free(res);
			return 1;
		}
		if (gl->n > 0)
			gl->text[off++] = '|';
		memcpy(gl->text + off, name, len);
		off += len;
		gl->text[off] = '\0';
		gl->n++;
		db_res_free(res);
	}
	return DB_OK;
}

/* Replace the movie_genres rows of movie id with gl, in order. Returns a db_rc. */
static int
genres_store(struct db *db, long long id, const struct genre_list *gl)
{
	size_t	 i;
	int	 rc;

	if ((rc = db_exec(db, STMT_ADM_MOVIE_GENRES_CLEAR, NULL, "i", id)) != DB_OK)
		return rc;
	for (i = 0; i < gl->n; i++)
		if ((rc = db_exec(db, STMT_ADM_MOVIE_GENRE_ADD, NULL, "iii", id, gl->id[i],
		    (long long)i)) != DB_OK)
			return rc;
	return DB_OK;
}

/* Override the columns of m with the fields the request carries. Returns 0, or -1 out of memory. */
static int
movie_row_merge(struct req *r, struct movie_row *m)
{
	struct { const char *name; char **col; } strs[] = {
		{ "title", &m->title }, { "description", &m->description },
		{ "language", &m->language }, { "poster_url", &m->poster_url },
		{ "banner_url", &m->banner_url }, { "video_path", &m->video_path },
	};
	size_t	 i;
	int	 good = 1;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (req_has(r, strs[i].name)) {
			free(*strs[i].col);
			*strs[i].col = dup_or_null(req_str(r, strs[i].name), &good);
		}
	if (req_has(r, "release_year")) {
		m->has_year = req_in(r, "release_year")->is_null == 0;
		m->year = req_int(r, "release_year", 0);
	}
	if (req_has(r, "duration")) {
		m->has_duration = req_in(r, "duration")->is_null == 0;
		m->duration = req_int(r, "duration", 0);
	}
	if (req_has(r, "rating")) {
		m->has_rating = req_in(r, "rating")->is_null == 0;
		m->rating = req_num(r, "rating", 0);
	}
	return good ? 0 : -1;
}

/* Answer status with the movie summary (and video_path) of id. */
static int
movie_answer(struct req *r, struct resp *w, long long id, int status)
{
	struct db_res	*res = NULL;
	cJSON		*m = NULL;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_ADM_MOVIE_SUMMARY, &res, "i", id)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = db_next(res)) == 1 && (m = movie_summary(res, 0)) != NULL)
		json_str(m, "video_path", db_str(res, MOVIE_NCOLS));
	db_res_free(res);
	if (rc != 1)
		return resp_db(w, rc == 0 ? DB_ERR_NOTFOUND : rc);
	if (m == NULL)
		return resp_error(w, 500, NULL, NULL);
	return resp_data(w, status, m);
}

/*
 * Write movie id (0: a new one) from m and, when genres is not NULL, its
 * genres, then refresh its search index: the caller's transaction. On a
 * new movie *newid receives its id. Returns a db_rc, or 1 (see
 * genres_resolve).
 */
static int
movie_write(struct db *db, long long id, struct movie_row *m, const cJSON *genres,
    long long *newid)
{
	struct genre_list	 gl;
	const char		*gtext;
	int			 rc;

	gtext = m->genres ? m->genres : "";
	if (genres != NULL) {
		if ((rc = genres_resolve(db, genres, &gl)) != DB_OK)
			return rc;
		gtext = gl.text;
	}
	if (id == 0) {
		rc = db_exec(db, STMT_ADM_MOVIE_INSERT, NULL, "ssIsDIssss", m->title,
		    m->description, m->has_year ? &m->year : NULL, gtext,
		    m->has_rating ? &m->rating : NULL, m->has_duration ? &m->duration : NULL,
		    m->language, m->poster_url, m->banner_url, m->video_path);
		if (rc != DB_OK)
			return rc;
		id = *newid = db_insert_id(db);
	} else if ((rc = db_exec(db, STMT_ADM_MOVIE_UPDATE, NULL, "ssIsDIssssi", m->title,
	    m->description, m->has_year ? &m->year : NULL, gtext,
	    m->has_rating ? &m->rating : NULL, m->has_duration ? &m->duration : NULL,
	    m->language, m->poster_url, m->banner_url, m->video_path, id)) != DB_OK)
		return rc;
	if (genres != NULL && (rc = genres_store(db, id, &gl)) != DB_OK)
		return rc;
	return search_index_movie(db, id);
}

#define MOVIE_INPUTS(title_flags) \
	{ "title", IN_BODY, IN_STR, title_flags, 1, 300 }, \
	{ "description", IN_BODY, IN_STR, IN_NULLABLE, 0, 10000 }, \
	{ "release_year", IN_BODY, IN_INT, IN_NULLABLE, 1870, 2100 }, \
	{ "rating", IN_BODY, IN_NUM, IN_NULLABLE, 0, 10 }, \
	{ "duration", IN_BODY, IN_INT, IN_NULLABLE, 1, 1000 }, \
	{ "language", IN_BODY, IN_STR, IN_NULLABLE, 2, 3 }, \
	{ "poster_url", IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ "banner_url", IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ "video_path", IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ NULL }

/* Answer the result of a failed movie_write transaction. */
static int
movie_write_error(struct resp *w, int rc)
{
	if (rc == 1)
		return resp_field(w, "genres", "must not repeat a genre, and must fit in 500 "
		    "bytes joined");
	return resp_db(w, rc);
}

const struct input h_admin_movie_create_in[] = { MOVIE_INPUTS(IN_REQUIRED) };

/*
 * POST /admin/movies (admin): a new movie; genres (an array of names) are
 * created when missing and kept in order in movies.genres and movie_genres.
 * Answers 201 with the movie under data, 400 with fields, 401, 403, 503, 500.
 */
int
h_admin_movie_create(struct req *r, struct resp *w)
{
	struct movie_row	 m;
	const cJSON		*genres;
	cJSON			*f;
	long long		 id = 0;
	int			 rc = DB_ERR_INTERNAL, tries;

	if ((f = movie_fields_check(r)) != NULL)
		return resp_fields(w, f);
	genres = cJSON_GetObjectItemCaseSensitive(r->json, "genres");
	memset(&m, 0, sizeof(m));
	if (movie_row_merge(r, &m) == -1) {
		movie_row_free(&m);
		return resp_error(w, 500, NULL, NULL);
	}
	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = movie_write(r->db, 0, &m, genres, &id)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	movie_row_free(&m);
	if (rc != DB_OK)
		return movie_write_error(w, rc);
	board_touch();	/* every worker drops its answers of the old catalog at once */
	return movie_answer(r, w, id, 201);
}

/* Read the editable columns of movie id, locking its row. Returns a db_rc (NOTFOUND). */
static int
movie_row_lock(struct db *db, long long id, struct movie_row *m)
{
	struct db_res	*res = NULL;
	int		 rc, good = 1;

	memset(m, 0, sizeof(*m));
	if ((rc = db_exec(db, STMT_ADM_MOVIE_LOCK, &res, "i", id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		m->title = dup_or_null(db_str(res, 0), &good);
		m->description = dup_or_null(db_str(res, 1), &good);
		m->has_year = !db_isnull(res, 2);
		m->year = db_int(res, 2);
		m->has_rating = !db_isnull(res, 3);
		m->rating = db_double(res, 3);
		m->has_duration = !db_isnull(res, 4);
		m->duration = db_int(res, 4);
		m->language = dup_or_null(db_str(res, 5), &good);
		m->poster_url = dup_or_null(db_str(res, 6), &good);
		m->banner_url = dup_or_null(db_str(res, 7), &good);
		m->video_path = dup_or_null(db_str(res, 8), &good);
		m->genres = dup_or_null(db_str(res, 9), &good);
		rc = good ? DB_OK : DB_ERR_INTERNAL;
	} else if (rc == 0)
		rc = DB_ERR_NOTFOUND;
	db_res_free(res);
	return rc;
}

const struct input h_admin_movie_update_in[] = { MOVIE_INPUTS(0) };

/*
 * PATCH /admin/movies/{id} (admin): change the fields given (null clears a
 * nullable one; genres replaces the list). Answers 200 with the movie under
 * data, 400 with fields, 401, 403, 404, 503, 500.
 */
int
h_admin_movie_update(struct req *r, struct resp *w)
{
	struct movie_row	 m;
	const cJSON		*genres;
	cJSON			*f;
	int			 rc = DB_ERR_INTERNAL, tries;

	if ((f = movie_fields_check(r)) != NULL)
		return resp_fields(w, f);
	genres = cJSON_GetObjectItemCaseSensitive(r->json, "genres");
	memset(&m, 0, sizeof(m));
	for (tries = 0; tries < TX_TRIES; tries++) {
		movie_row_free(&m);
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = movie_row_lock(r->db, req_id(r), &m)) == DB_OK &&
		    (rc = movie_row_merge(r, &m) == 0 ? DB_OK : DB_ERR_INTERNAL) == DB_OK &&
		    (rc = movie_write(r->db, req_id(r), &m, genres, NULL)) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	movie_row_free(&m);
	if (rc != DB_OK)
		return movie_write_error(w, rc);
	board_touch();
	return movie_answer(r, w, req_id(r), 200);
}

const struct input h_admin_movie_delete_in[] = { { NULL } };

/*
 * DELETE /admin/movies/{id} (admin): remove the movie and, by the foreign
 * keys' cascades, its genres, credits and every library row naming it.
 * Answers 204, 401, 403, 404, 503, 500.
 */
int
h_admin_movie_delete(struct req *r, struct resp *w)
{
	int	 rc = DB_ERR_INTERNAL, tries;

	for (tries = 0; tries < TX_TRIES; tries++) {
		if ((rc = db_begin(r->db)) == DB_OK &&
		    (rc = db_exec(r->db, STMT_ADM_MOVIE_DELETE, NULL, "i", req_id(r))) == DB_OK &&
		    (rc = db_affected(r->db) == 1 ? DB_OK : DB_ERR_NOTFOUND) == DB_OK &&
		    (rc = search_index_movie(r->db, req_id(r))) == DB_OK &&
		    (rc = db_commit(r->db)) == DB_OK)
			break;
		db_rollback(r->db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	board_touch();
	return resp_empty(w, 204);
}
