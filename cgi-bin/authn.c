/* authn.c: bearer-token authentication of a request: the JWT, then its login in the database. */
#include <strings.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "handlers.h"
#include "jwt.h"
#include "metrics.h"

#define LOGIN_SLOTS	4096	/* logins a worker remembers (a slot per sid mod LOGIN_SLOTS) */

/*
 * The logins this worker found valid, each with the login version it read
 * before looking (sql/070_auth_version.sql): while that version holds, no
 * login has been revoked and no right has changed since, so the lookup's
 * answer still stands.
 */
static struct login_memo {
	long long		 sid;
	long long		 user_id;
	unsigned long long	 auth_v;
	int			 is_admin;
} logins[LOGIN_SLOTS];

int
accounts_jwt_key(unsigned char key[512])
{
	int	 n;

	if ((n = config_hex(config.jwt_secret, key, 512)) < JWT_KEY_MIN) {
		crypto_wipe(key, 512);
		return -1;
	}
	return n;
}

/* 401 with the given code and WWW-Authenticate: Bearer error="invalid_token". */
static int
reject(struct resp *w, const char *code, const char *message)
{
	w->www_error = "invalid_token";
	return resp_error(w, 401, code, message);
}

/*
 * Check "Authorization: Bearer <jwt>": the token's signature and claims
 * (jwt_verify), then that its login (sid) is not revoked and still belongs
 * to its user (one primary-key lookup, which also reads is_admin, so a
 * deleted user's or a revoked login's tokens stop at once). The lookup is
 * remembered while the login version holds (logins[] above), so most
 * requests make none. A valid login's use is noted after the answer
 * (sessions_seen). Answers 401 invalid_token or token_expired, 503 when
 * the database is down, 500.
 */
int
api_authenticate(struct req *r, struct resp *w)
{
	struct jwt_claims	 c;
	struct login_memo	*memo;
	struct db_res		*res = NULL;
	unsigned char		 key[512];
	const char		*tok = r->authorization;
	enum jwt_rc		 jrc;
	int			 keylen, rc, hit;

	if (tok == NULL)
		return 0;
	if (strncasecmp(tok, "Bearer ", 7) != 0)
		return reject(w, "invalid_token", "The Authorization header must be a Bearer token.");
	for (tok += 7; *tok == ' '; tok++)
		;
	if ((keylen = accounts_jwt_key(key)) < 0)
		return resp_error(w, 500, NULL, NULL);
	jrc = jwt_verify(tok, config.jwt_issuer, config.jwt_audience, key, (size_t)keylen,
	    (long long)time(NULL), &c);
	crypto_wipe(key, sizeof(key));
	switch (jrc) {
	case JWT_OK:
		break;
	case JWT_EXPIRED:
		return reject(w, "token_expired", "The access token has expired.");
	case JWT_INVALID:
		return reject(w, "invalid_token", "The access token is not valid.");
	default:
		return resp_error(w, 500, NULL, NULL);
	}
	memo = &logins[(unsigned long long)c.sid % LOGIN_SLOTS];
	hit = req_versions_of(r, c.sub) == DB_OK && memo->sid == c.sid && memo->user_id == c.sub &&
	    memo->auth_v == r->versions.auth;
	metrics_memory(MEM_LOGINS, hit);
	if (hit) {
		r->user_id = c.sub;
		r->is_admin = memo->is_admin;
		r->session_id = c.sid;
		sessions_seen(r);
		return 0;
	}
	if ((rc = db_exec(r->db, STMT_ACC_SESSION_CHECK, &res, "i", c.sid)) != DB_OK)
		return resp_db(w, rc);
	rc = db_next(res);
	if (rc == 1 && db_int(res, 0) == c.sub) {
		r->user_id = c.sub;
		r->is_admin = db_int(res, 1) != 0;
		r->session_id = c.sid;
		if (r->versions_read) {
			memo->sid = c.sid;
			memo->user_id = c.sub;
			memo->is_admin = r->is_admin;
			memo->auth_v = r->versions.auth;
		}
	}
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc);
	if (r->user_id == 0)
		return reject(w, "invalid_token", "The access token has been revoked.");
	sessions_seen(r);
	return 0;
}
