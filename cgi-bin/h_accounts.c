/* h_accounts.c: accounts: register, login, tokens, profile. */
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

#define REFRESH_BYTES	32	/* 256 random bits */
#define REFRESH_TEXT	CRYPTO_B64URL_LEN(REFRESH_BYTES)

/* Columns of STMT_ACC_USER_* rows. */
enum { U_ID, U_USERNAME, U_EMAIL, U_HASH, U_ADMIN, U_JOINED, U_VERIFIED };

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
	if ((rc = db_row(db, STMT_ACC_USER_GET, &res, "i", id)) != DB_OK)
		return rc;
	*out = user_json(res, U_VERIFIED);
	db_res_free(res);
	return *out ? DB_OK : DB_ERR_INTERNAL;
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

/* A login being opened for uid in a transaction (db_tx): its session and first refresh token. */
struct login {
	struct req	*r;
	long long	 uid, sid;
	char		 refresh[REFRESH_TEXT];
};

static int
login_open(struct db *db, void *arg)
{
	struct login	*l = arg;

	(void)db;
	return session_open(l->r, l->uid, l->refresh, &l->sid);
}

/* Register's transaction: the user, its first login and the address it came from. */
struct new_user {
	struct login	 login;
	const char	*name, *email, *hash, *addr;
};

static int
user_create(struct db *db, void *arg)
{
	struct new_user	*u = arg;
	int		 rc;

	if ((rc = db_exec(db, STMT_ACC_USER_INSERT, NULL, "sss", u->name, u->email,
	    u->hash)) != DB_OK)
		return rc;
	if ((u->login.uid = db_insert_id(db)) <= 0)
		return DB_ERR_INTERNAL;
	if ((rc = login_open(db, &u->login)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_ADDRESS_PUT, NULL, "is", u->login.uid, u->addr);
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
	{ ARG_USERNAME, IN_BODY, IN_STR, IN_REQUIRED, 3, 32 },
	{ ARG_EMAIL, IN_BODY, IN_STR, IN_REQUIRED, 3, 254 },
	{ ARG_PASSWORD, IN_BODY, IN_STR, IN_REQUIRED, 8, 128 },
	{ ARG_DEVICE, IN_BODY, IN_STR, IN_NULLABLE, 1, DEVICE_LABEL_CHARS },
	{ ARG_NONE }
};

/*
 * Check a new password for the account name / email by the password
 * policy (lib/pwpolicy.h). Returns 0 when it may be chosen; else answers
 * 400 naming password with the reason (or 500 when the dictionary cannot
 * be read) and returns -1.
 */
int
account_password_ok(struct resp *w, const char *pw, const char *name, const char *email)
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
	const char		*name = req_str(r, ARG_USERNAME), *email = req_str(r, ARG_EMAIL);
	struct new_user		 u = { .name = name, .email = email };
	char			 hash[PASSWORD_HASH_MAX], addr[THROTTLE_ADDRESS_MAX];
	cJSON			*fields = NULL;
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
	if (account_password_ok(w, req_str(r, ARG_PASSWORD), name, email) == -1)
		return w->status;
	if ((rc = exists(r->db, STMT_ACC_USER_BY_NAME, name)) == 1)
		return resp_error(w, 409, "username_taken", "That username is taken.");
	if (rc == 0 && (rc = exists(r->db, STMT_ACC_USER_BY_EMAIL, email)) == 1)
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	if (rc != 0)
		return resp_db(w, rc);
	password_cost_config(&cost);
	if (password_hash(req_str(r, ARG_PASSWORD), &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	/* The user, its first login and the address it came from, in one transaction. */
	throttle_address_key(r->remote_addr, addr);
	u.login.r = r;
	u.hash = hash;
	u.addr = addr;
	rc = db_tx(r->db, user_create, &u);
	crypto_wipe(hash, sizeof(hash));
	if (rc == DB_ERR_DUPLICATE) {
		/* Someone else took it in between: say which. */
		if (exists(r->db, STMT_ACC_USER_BY_NAME, name) == 1)
			return resp_error(w, 409, "username_taken", "That username is taken.");
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	}
	if (rc != DB_OK)
		return resp_db(w, rc);
	recovery_verify_mail(r, u.login.uid, email);	/* a link to prove the address, after the answer */
	return login_send(r, w, u.login.uid, u.login.sid, u.login.refresh, 201);
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

void
account_throttle_row(struct db_res *res, struct throttle_state *st)
{
	st->pair_failures = db_int(res, 0);
	st->account_failures = db_int(res, 1);
	st->account_last_age = db_isnull(res, 2) ? 1e9 : db_double(res, 2);
	st->address_failures = db_int(res, 3);
	st->address_last_age = db_isnull(res, 4) ? 1e9 : db_double(res, 4);
}

int
account_throttle_oldest(struct db_res *res, struct throttle_state *st)
{
	int	 rc;

	st->pair_oldest_age = 0;
	if ((rc = db_next(res)) == 1)
		st->pair_oldest_age = db_double(res, 0);
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
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
		account_throttle_row(res, &st);
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
		if ((rc = account_throttle_oldest(res, &st)) < 0)
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

	password_cost_config(&cost);
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
	{ ARG_USERNAME, IN_BODY, IN_STR, IN_REQUIRED, 1, 254 },
	{ ARG_PASSWORD, IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ ARG_DEVICE, IN_BODY, IN_STR, IN_NULLABLE, 1, DEVICE_LABEL_CHARS },
	{ ARG_NONE }
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
	struct login	 l = { .r = r };
	char		 hash[PASSWORD_HASH_MAX], subject[300], addr[THROTTLE_ADDRESS_MAX];
	long long	 uid;
	int		 rc;

	throttle_address_key(r->remote_addr, addr);
	if ((rc = login_lookup(r->db, req_str(r, ARG_USERNAME), &uid, hash, subject)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = throttled(r, w, subject, uid, addr)) != 0) {
		if (w->status == 429)
			metrics_auth(AUTH_LOGIN_THROTTLED);
		return w->status;
	}
	rc = password_check(r, uid, hash, subject, addr, req_str(r, ARG_PASSWORD));
	crypto_wipe(hash, sizeof(hash));
	if (rc == 0) {
		metrics_auth(AUTH_LOGIN_FAILED);
		return resp_error(w, 401, "invalid_credentials",
		    "The username or password is not correct.");
	}
	if (rc != 1)
		return resp_db(w, rc);
	l.uid = uid;
	if ((rc = db_tx(r->db, login_open, &l)) != DB_OK)
		return resp_db(w, rc);
	metrics_auth(AUTH_LOGIN_OK);
	return login_send(r, w, l.uid, l.sid, l.refresh, 200);
}

const struct input h_token_refresh_in[] = {
	{ ARG_REFRESH_TOKEN, IN_BODY, IN_STR, IN_REQUIRED, 1, 256 },
	{ ARG_NONE }
};

/* A refresh token's rotation (db_tx): what the token was, and the new one when it was good. */
struct rotation {
	unsigned char	 md[CRYPTO_SHA256_LEN];		/* SHA-256 of the token presented */
	enum { REFRESH_UNKNOWN, REFRESH_DEAD, REFRESH_REUSED, REFRESH_GOOD } state;
	long long	 sid, uid;
	char		 refresh[REFRESH_TEXT];
};

/*
 * Look the token up; a good one is used up and a new one of the same login
 * made; one used before revokes its whole login (a thief or the owner
 * replayed it). Revoked and expired ones are REFRESH_DEAD.
 */
static int
refresh_rotate(struct db *db, void *arg)
{
	struct rotation	*t = arg;
	struct db_res	*res = NULL;
	int		 rc;

	t->state = REFRESH_UNKNOWN;
	if ((rc = db_exec(db, STMT_ACC_REFRESH_GET, &res, "b", t->md, sizeof(t->md))) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		t->sid = db_int(res, 0);
		t->uid = db_int(res, 4);
		if (db_int(res, 3) || db_int(res, 2))
			t->state = REFRESH_DEAD;	/* login revoked, or expired */
		else if (db_int(res, 1))
			t->state = REFRESH_REUSED;
		else
			t->state = REFRESH_GOOD;
	}
	db_res_free(res);
	if (rc < 0)
		return rc;
	if (t->state == REFRESH_REUSED)
		return db_exec(db, STMT_ACC_SESSION_REVOKE, NULL, "sii", "reuse", t->sid, t->uid);
	if (t->state != REFRESH_GOOD)
		return DB_OK;
	if ((rc = db_exec(db, STMT_ACC_REFRESH_USE, NULL, "b", t->md, sizeof(t->md))) != DB_OK ||
	    (rc = db_exec(db, STMT_ACC_REFRESH_PRUNE, NULL, "i", t->sid)) != DB_OK)
		return rc;
	return refresh_new(db, t->sid, t->refresh);
}

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
	const char	*tok = req_str(r, ARG_REFRESH_TOKEN);
	struct rotation	 t;
	int		 rc;

	memset(&t, 0, sizeof(t));
	if (crypto_sha256(tok, strlen(tok), t.md) == -1)
		return resp_error(w, 500, NULL, NULL);
	if ((rc = db_tx(r->db, refresh_rotate, &t)) != DB_OK)
		return resp_db(w, rc);
	w->www_error = "invalid_token";
	if (t.state == REFRESH_REUSED) {
		board_touch();	/* the one refusal that writes: not a 2xx, so not ROUTE_TOUCH */
		metrics_auth(AUTH_TOKEN_REUSE);
		return resp_error(w, 401, "invalid_token",
		    "The refresh token was used before: every token of that login is revoked.");
	}
	if (t.state != REFRESH_GOOD)
		return resp_error(w, 401, "invalid_token", "The refresh token is not valid.");
	w->www_error = NULL;
	metrics_auth(AUTH_TOKEN_REFRESHED);
	return login_send(r, w, t.uid, t.sid, t.refresh, 200);
}

const struct input h_logout_in[] = {
	{ ARG_REFRESH_TOKEN, IN_BODY, IN_STR, 0, 1, 256 },
	{ ARG_NONE }
};

/*
 * POST /logout {refresh_token?} (auth): revoke the login of the access
 * token, and the login of the refresh token when it is the caller's.
 * Answers 204, 401, 503, 500.
 */
int
h_logout(struct req *r, struct resp *w)
{
	const char	*tok = req_str(r, ARG_REFRESH_TOKEN);
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

const struct input h_profile_get_in[] = { { ARG_NONE } };

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

/* PATCH /profile's transaction: a new address, a new hash signing the other logins out. */
struct profile_change {
	long long	 uid, sid;
	const char	*email, *hash;		/* NULL: unchanged */
};

static int
profile_write(struct db *db, void *arg)
{
	struct profile_change	*c = arg;
	int			 rc;

	if (c->email != NULL && (rc = db_exec(db, STMT_ACC_USER_SET_EMAIL, NULL, "ssi", c->email,
	    c->email, c->uid)) != DB_OK)
		return rc;
	if (c->hash == NULL)
		return DB_OK;
	if ((rc = db_exec(db, STMT_ACC_USER_SET_HASH, NULL, "si", c->hash, c->uid)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_SESSION_REVOKE_OTHERS, NULL, "sii", "password", c->uid, c->sid);
}

const struct input h_profile_patch_in[] = {
	{ ARG_EMAIL, IN_BODY, IN_STR, 0, 3, 254 },
	{ ARG_PASSWORD, IN_BODY, IN_STR, 0, 8, 128 },
	{ ARG_CURRENT_PASSWORD, IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ ARG_NONE }
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
	const char		*email = req_str(r, ARG_EMAIL), *pw = req_str(r, ARG_PASSWORD);
	char			 hash[PASSWORD_HASH_MAX];
	cJSON			*user = NULL;
	struct profile_change	 c;
	int			 rc;

	if (email != NULL && valid_email(email) == -1)
		return resp_field(w, "email", "must be a valid e-mail address");
	if (pw != NULL) {
		cJSON	*me = NULL;

		/* Checked against the username and the e-mail address it will have. */
		if ((rc = user_load(r->db, r->user_id, &me)) != DB_OK)
			return resp_db(w, rc);
		rc = account_password_ok(w, pw, cJSON_GetStringValue(cJSON_GetObjectItem(me,
		    "username")), email != NULL ? email :
		    cJSON_GetStringValue(cJSON_GetObjectItem(me, "email")));
		cJSON_Delete(me);
		if (rc == -1)
			return w->status;
	}
	if (!confirm_password(r, w, req_str(r, ARG_CURRENT_PASSWORD)))
		return w->status;
	hash[0] = '\0';
	password_cost_config(&cost);
	if (pw != NULL && password_hash(pw, &cost, hash) == -1)
		return resp_error(w, 500, NULL, NULL);
	c.uid = r->user_id;
	c.sid = r->session_id;
	c.email = email;
	c.hash = pw != NULL ? hash : NULL;
	rc = db_tx(r->db, profile_write, &c);
	crypto_wipe(hash, sizeof(hash));
	if (rc == DB_ERR_DUPLICATE)
		return resp_error(w, 409, "email_taken", "That e-mail address is taken.");
	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((rc = user_load(r->db, r->user_id, &user)) != DB_OK)
		return resp_db(w, rc);
	/* A new address starts unverified: a link to prove it goes there. */
	if (email != NULL && !cJSON_IsTrue(cJSON_GetObjectItem(user, "email_verified")))
		recovery_verify_mail(r, r->user_id, email);
	return resp_data(w, 200, user);
}

const struct input h_profile_delete_in[] = {
	{ ARG_PASSWORD, IN_BODY, IN_STR, IN_REQUIRED, 1, 1024 },
	{ ARG_NONE }
};

/* The account *arg and its failed-login rows, in delete's transaction. */
static int
user_delete(struct db *db, void *arg)
{
	long long	 uid = *(long long *)arg;
	char		 subject[32];
	int		 rc;

	snprintf(subject, sizeof(subject), "u:%lld", uid);
	if ((rc = db_exec(db, STMT_ACC_USER_DELETE, NULL, "i", uid)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_FAIL_CLEAR, NULL, "ss", "account", subject);
}

/*
 * DELETE /profile {password} (auth): delete the account and, through the
 * foreign keys' cascades, everything of it (logins, tokens, library,
 * subscriptions), in one transaction. Answers 204, 400, 401, 403
 * invalid_credentials, 429, 503, 500.
 */
int
h_profile_delete(struct req *r, struct resp *w)
{
	int	 rc;

	if (!confirm_password(r, w, req_str(r, ARG_PASSWORD)))
		return w->status;
	if ((rc = db_tx(r->db, user_delete, &r->user_id)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}
