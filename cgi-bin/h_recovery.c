/* h_recovery.c: account recovery (a forgotten password) and e-mail verification, by single-use links mailed to the user. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "crypto.h"
#include "handlers.h"
#include "log.h"
#include "password.h"
#include "pwpolicy.h"
#include "smtp.h"
#include "throttle.h"
#include "valid.h"

#define TOKEN_BYTES	32		/* 256 random bits */
#define TOKEN_TEXT	CRYPTO_B64URL_LEN(TOKEN_BYTES)
#define RESET_TTL	1800		/* seconds a reset link works */
#define VERIFY_TTL	(48 * 3600)	/* seconds a verification link works */
#define SUBJECT_MAX	300		/* bytes of a throttling subject */
#define EMAIL_MAX	255		/* bytes of an address, NUL included */

enum purpose { PURPOSE_RESET, PURPOSE_VERIFY };

static const char *const purpose_names[] = { "reset", "verify" };

/*
 * How often each kind of request may come (lib/throttle.h's rules: the
 * pair is one account from one address within the window, the account is
 * from every address within the hour, the address is for every account
 * within the window). forgot and resend count requests, reset and verify
 * count failures.
 */
static const struct kind_rules {
	const char		*kind;
	struct throttle_rules	 rules;
} K_FORGOT = { "forgot", { 3, 900, 5, 10, 3600 } },
  K_RESET = { "reset", { 10, 900, 20, 10, 3600 } },
  K_VERIFY = { "verify", { 10, 900, 20, 10, 3600 } },
  K_RESEND = { "resend", { 3, 900, 5, 20, 3600 } };

/* One mail to send once the answer is out (http_defer): it holds the only copy of the token. */
struct mail_job {
	struct db	*db;
	enum purpose	 purpose;
	long long	 user_id;		/* 0: the account whose address is email (forgot) */
	char		 email[EMAIL_MAX];
	char		 token[TOKEN_TEXT];
};

/*
 * Whether a request of kind k for subject from the client's address key
 * addr must wait: answers 429 with Retry-After and returns 1, or returns
 * 0, or answers 503/500 and returns -1. One round trip (two when the pair
 * is over its limit).
 */
static int
throttled(struct req *r, struct resp *w, const struct kind_rules *k, const char *subject,
    const char *addr)
{
	struct throttle_state	 st;
	struct db_res		*res = NULL;
	long long		 wait, win = k->rules.window, hour = THROTTLE_ACCOUNT_WINDOW;
	int			 rc;

	memset(&st, 0, sizeof(st));
	if ((rc = db_exec(r->db, STMT_REC_THROTTLE_STATE, &res, "sssississississi", k->kind, subject,
	    addr, win, k->kind, subject, hour, k->kind, subject, hour, k->kind, addr, win, k->kind,
	    addr, win)) != DB_OK)
		return resp_db(w, rc), -1;
	if ((rc = db_next(res)) == 1) {
		account_throttle_row(res, &st);
	}
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc), -1;
	st.pair_oldest_age = 1e9;
	if (st.pair_failures >= k->rules.pair_max) {
		if ((rc = db_exec(r->db, STMT_REC_NTH, &res, "sssii", k->kind, subject, addr, win,
		    k->rules.pair_max - 1)) != DB_OK)
			return resp_db(w, rc), -1;
		if ((rc = account_throttle_oldest(res, &st)) < 0)
			return resp_db(w, rc), -1;
	}
	if ((wait = throttle_wait(&st, &k->rules)) == 0)
		return 0;
	w->retry_after = (int)wait;
	resp_error(w, 429, "rate_limited", "Too many requests of this kind: try again later.");
	return 1;
}

/* Count one request (or failure) of kind k. Returns a db_rc. */
static int
record(struct db *db, const struct kind_rules *k, const char *subject, const char *addr)
{
	return db_exec(db, STMT_REC_RECORD, NULL, "sss", k->kind, subject, addr);
}

/*
 * A new token: 256 random bits as base64url into text, and its SHA-256 (the
 * only form stored) into md. Returns 0 or -1.
 */
static int
token_new(char text[TOKEN_TEXT], unsigned char md[CRYPTO_SHA256_LEN])
{
	unsigned char	 raw[TOKEN_BYTES];
	int		 rc = -1;

	if (crypto_random(raw, sizeof(raw)) == 0 &&
	    crypto_b64url_encode(raw, sizeof(raw), text, TOKEN_TEXT) >= 0 &&
	    crypto_sha256(text, strlen(text), md) == 0)
		rc = 0;
	crypto_wipe(raw, sizeof(raw));
	return rc;
}

/* The text of a mail with its link (the caller frees it), or NULL out of memory. */
static char *
mail_text(enum purpose p, const char *username, const char *email, const char *token)
{
	static const char	 reset[] = "Hello %s,\n\nSomeone, we hope you, asked to reset the "
				    "password of your Streamify account. To choose a new one, open this "
				    "link within 30 minutes:\n\n%.*s/reset-password#token=%s\n\nThe link "
				    "works once, and every device signed in to the account will be signed "
				    "out. If you did not ask, ignore this mail: your password stays as it "
				    "is.\n\n-- \nStreamify\n";
	static const char	 verify[] = "Hello %s,\n\nPlease confirm that %s is your address by "
				    "opening this link within 48 hours:\n\n%.*s/verify-email#token=%s\n\n"
				    "If you did not make a Streamify account, ignore this mail.\n\n-- \n"
				    "Streamify\n";
	const char	*base = config.public_base_url;
	int		 blen = (int)strlen(base), n;
	char		*text;

	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	/* The token travels in the fragment: browsers never send it to a server or in a Referer. */
	if (p == PURPOSE_RESET)
		n = snprintf(NULL, 0, reset, username, blen, base, token);
	else
		n = snprintf(NULL, 0, verify, username, email, blen, base, token);
	if (n < 0 || (text = malloc((size_t)n + 1)) == NULL)
		return NULL;
	if (p == PURPOSE_RESET)
		snprintf(text, (size_t)n + 1, reset, username, blen, base, token);
	else
		snprintf(text, (size_t)n + 1, verify, username, email, blen, base, token);
	return text;
}

/*
 * Send one mail job (run by http_defer after the answer is out, so no
 * client waits for the mail server; at most smtp_timeout seconds), then
 * wipe and free it. When it fails the link is lost: the user asks again.
 */
static void
mail_run(void *arg)
{
	struct mail_job		*j = arg;
	struct smtp_server	 s;
	struct db_res		*res = NULL;
	char			 user[64] = "", to[EMAIL_MAX] = "", err[SMTP_ERR_MAX];
	char			*text = NULL;
	const char		*subject;
	int			 rc;

	if (config.smtp_url[0] == '\0') {
		log_warn("mail_run: smtp_url is not set: a %s link is not sent",
		    purpose_names[j->purpose]);
		goto out;
	}
	/* The account's own name and address (forgot knows the address as typed only). */
	if (j->user_id > 0)
		rc = db_exec(j->db, STMT_REC_USER, &res, "i", j->user_id);
	else
		rc = db_exec(j->db, STMT_ACC_USER_BY_EMAIL, &res, "s", j->email);
	if (rc != DB_OK)
		goto out;
	if (db_next(res) == 1) {
		snprintf(user, sizeof(user), "%s", db_str(res, j->user_id > 0 ? 0 : 1) ?
		    db_str(res, j->user_id > 0 ? 0 : 1) : "");
		snprintf(to, sizeof(to), "%s", db_str(res, j->user_id > 0 ? 1 : 2) ?
		    db_str(res, j->user_id > 0 ? 1 : 2) : "");
	}
	db_res_free(res);
	if (j->purpose == PURPOSE_VERIFY)
		snprintf(to, sizeof(to), "%s", j->email);	/* the address the token proves */
	if (to[0] == '\0' || user[0] == '\0')
		goto out;
	if ((text = mail_text(j->purpose, user, to, j->token)) == NULL)
		goto out;
	subject = j->purpose == PURPOSE_RESET ? "Reset your Streamify password" :
	    "Confirm your e-mail address for Streamify";
	s.url = config.smtp_url;
	s.from = config.smtp_from;
	s.ca_file = config.smtp_ca_file;
	s.starttls = config.smtp_starttls != 0;
	s.timeout = (long)config.smtp_timeout;
	if (smtp_send(&s, to, subject, text, err) == 0)
		log_info("mail_run: a %s link went to the mail server", purpose_names[j->purpose]);
	else
		log_error("mail_run: a %s link could not be sent (it is lost; the user can ask "
		    "again): %s", purpose_names[j->purpose], err);
out:
	if (text != NULL) {
		crypto_wipe(text, strlen(text));
		free(text);
	}
	crypto_wipe(j, sizeof(*j));
	free(j);
}

/* Queue a mail of purpose with token to go after the answer. Logs and drops it when it cannot. */
static void
mail_later(struct req *r, enum purpose p, long long user_id, const char *email, const char *token)
{
	struct mail_job	*j;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		log_error("mail_later: out of memory: a %s link is not sent", purpose_names[p]);
		return;
	}
	j->db = r->db;
	j->purpose = p;
	j->user_id = user_id;
	snprintf(j->email, sizeof(j->email), "%s", email);
	snprintf(j->token, sizeof(j->token), "%s", token);
	if (http_defer(mail_run, j) == -1) {
		log_error("mail_later: no room after the answer: a %s link is not sent",
		    purpose_names[p]);
		crypto_wipe(j, sizeof(*j));
		free(j);
	}
}

/*
 * Every worker drops what it remembered of user uid (a write of the
 * account by a request that may carry no token): this pool through its
 * board, others through the user's version in the database.
 */
static void
user_changed(struct req *r, long long uid)
{
	board_user_touch(uid);
	if (config_user_versions_database() && board_user_raise(r->db, uid) != DB_OK)
		log_warn("user_changed: the user's version is not raised: other hosts may answer "
		    "from what they remembered for up to a minute");
}

/* A new token's rows (db_tx): the previous ones of its kind used up, then the new one. */
struct issue {
	const unsigned char	*md;		/* CRYPTO_SHA256_LEN bytes */
	long long		 uid;		/* verify: the account */
	const char		*email;		/* the address it is mailed to */
	int			 issued;	/* reset: an account has the address */
};

static int
verify_write(struct db *db, void *arg)
{
	struct issue	*it = arg;
	int		 rc;

	if ((rc = db_exec(db, STMT_REC_RETIRE, NULL, "is", it->uid, "verify")) != DB_OK)
		return rc;
	return db_exec(db, STMT_REC_ISSUE, NULL, "bissi", it->md, (size_t)CRYPTO_SHA256_LEN,
	    it->uid, "verify", it->email, (long long)VERIFY_TTL);
}

/* The same statements whether an account has the address or not: only the rows they touch differ. */
static int
reset_issue(struct db *db, void *arg)
{
	struct issue	*it = arg;
	int		 rc;

	it->issued = 0;
	if ((rc = db_exec(db, STMT_REC_RESET_RETIRE_BY_EMAIL, NULL, "s", it->email)) != DB_OK ||
	    (rc = db_exec(db, STMT_REC_RESET_ISSUE, NULL, "bis", it->md, (size_t)CRYPTO_SHA256_LEN,
	    (long long)RESET_TTL, it->email)) != DB_OK)
		return rc;
	it->issued = db_affected(db) == 1;
	return DB_OK;
}

/*
 * Make a verification token for user uid's address email (the previous
 * ones used up) and mail it after the answer. Returns a db_rc.
 */
static int
verify_issue(struct req *r, long long uid, const char *email)
{
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		 token[TOKEN_TEXT];
	struct issue	 it;
	int		 rc;

	if (token_new(token, md) == -1)
		return DB_ERR_INTERNAL;
	it.md = md;
	it.uid = uid;
	it.email = email;
	rc = db_tx(r->db, verify_write, &it);
	if (rc == DB_OK)
		mail_later(r, PURPOSE_VERIFY, uid, email, token);
	crypto_wipe(token, sizeof(token));
	crypto_wipe(md, sizeof(md));
	return rc;
}

void
recovery_verify_mail(struct req *r, long long uid, const char *email)
{
	if (verify_issue(r, uid, email) != DB_OK)
		log_error("recovery_verify_mail: user %lld: no verification link was made", uid);
}

int
recovery_may_subscribe(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc, verified = 0;

	if (config.unverified_may_subscribe)
		return 0;
	if ((rc = db_exec(r->db, STMT_REC_USER, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc), -1;
	if ((rc = db_next(res)) == 1)
		verified = db_int(res, 2) != 0;
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc), -1;
	if (verified)
		return 0;
	resp_error(w, 403, "email_unverified", "Confirm your e-mail address first: follow the link "
	    "mailed to you, or ask for a new one (POST /email/verify/resend).");
	return -1;
}

/* A token presented by a client, looked up by its hash: what the handlers need of it. */
struct token_row {
	int		 found;
	int		 usable;		/* unused and not expired */
	long long	 user_id;
	char		 username[64];
	char		 email[EMAIL_MAX];	/* the account's address now */
	char		 sent_to[EMAIL_MAX];	/* the address the token was mailed to */
	unsigned char	 md[CRYPTO_SHA256_LEN];
};

/* Look token up for purpose into t. Returns a db_rc. */
static int
token_find(struct db *db, const char *token, enum purpose p, struct token_row *t)
{
	struct db_res	*res = NULL;
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (crypto_sha256(token, strlen(token), t->md) == -1)
		return DB_ERR_INTERNAL;
	if ((rc = db_exec(db, STMT_REC_TOKEN_GET, &res, "bs", t->md, sizeof(t->md),
	    purpose_names[p])) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		t->found = 1;
		t->user_id = db_int(res, 0);
		snprintf(t->username, sizeof(t->username), "%s", db_str(res, 1) ? db_str(res, 1) : "");
		snprintf(t->email, sizeof(t->email), "%s", db_str(res, 2) ? db_str(res, 2) : "");
		snprintf(t->sent_to, sizeof(t->sent_to), "%s", db_str(res, 3) ? db_str(res, 3) : "");
		t->usable = db_int(res, 4) != 0;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* Using a token up (db_tx), once, also against a twin request: only the first changes its row. */
#define TOKEN_SPENT	1	/* the transaction's own refusal: another request used it first */

struct token_use {
	const struct token_row	*t;
	const char		*hash;		/* reset: the new password's */
};

static int
token_spend(struct db *db, const struct token_row *t, enum purpose p)
{
	int	 rc;

	if ((rc = db_exec(db, STMT_REC_TOKEN_USE, NULL, "bs", t->md, sizeof(t->md),
	    purpose_names[p])) != DB_OK)
		return rc;
	return db_affected(db) == 1 ? DB_OK : TOKEN_SPENT;
}

/* The new password, the other reset links, every login of the account and its failed logins. */
static int
reset_use(struct db *db, void *arg)
{
	struct token_use	*u = arg;
	const struct token_row	*t = u->t;
	char			 account[32];
	int			 rc;

	snprintf(account, sizeof(account), "u:%lld", t->user_id);
	if ((rc = token_spend(db, t, PURPOSE_RESET)) != DB_OK ||
	    (rc = db_exec(db, STMT_REC_SET_PASSWORD, NULL, "ssi", t->sent_to, u->hash,
	    t->user_id)) != DB_OK ||
	    (rc = db_exec(db, STMT_REC_RETIRE, NULL, "is", t->user_id, "reset")) != DB_OK ||
	    (rc = db_exec(db, STMT_REC_REVOKE_ALL, NULL, "i", t->user_id)) != DB_OK)
		return rc;
	return db_exec(db, STMT_ACC_FAIL_CLEAR, NULL, "ss", "account", account);
}

static int
verify_use(struct db *db, void *arg)
{
	struct token_use	*u = arg;
	int			 rc;

	if ((rc = token_spend(db, u->t, PURPOSE_VERIFY)) != DB_OK)
		return rc;
	return db_exec(db, STMT_REC_VERIFY, NULL, "is", u->t->user_id, u->t->sent_to);
}

/*
 * The throttling subject of a token's account: "u:<id>", or for a token
 * that is nobody's "-:<address key>" (so that its failures count against
 * the address alone, never against everyone's).
 */
static void
token_subject(const struct token_row *t, const char *addr, char *subject)
{
	if (t->found)
		snprintf(subject, SUBJECT_MAX, "u:%lld", t->user_id);
	else
		snprintf(subject, SUBJECT_MAX, "-:%s", addr);
}

/* 400 invalid_token: one answer for a token that is unknown, used up, expired or of another address. */
static int
bad_token(struct resp *w)
{
	return resp_error(w, 400, "invalid_token", "This link is not valid any more (used, "
	    "expired, or replaced by a newer one): ask for a new one.");
}

/* What a token's use transaction returned: 0 when it was used, else answers 400 or 503 and returns -1. */
static int
token_used(struct resp *w, int rc)
{
	if (rc == TOKEN_SPENT)
		bad_token(w);		/* a twin request used it first */
	else if (rc != DB_OK)
		resp_db(w, rc);
	return rc == DB_OK ? 0 : -1;
}

/*
 * The token of r's body for purpose, looked up into t, throttled and
 * checked: found, unused, unexpired and, to verify, mailed to the address
 * the account has now (a failure is counted against subject and addr,
 * which are set either way). Returns 0, or answers 400 invalid_token, 429
 * or 503 and returns -1; t is wiped by the caller.
 */
static int
token_take(struct req *r, struct resp *w, enum purpose p, struct token_row *t, char *subject,
    char *addr)
{
	const struct kind_rules	*k = p == PURPOSE_RESET ? &K_RESET : &K_VERIFY;
	int			 rc;

	throttle_address_key(r->remote_addr, addr);
	if ((rc = token_find(r->db, req_str(r, ARG_TOKEN), p, t)) != DB_OK) {
		resp_db(w, rc);
		return -1;
	}
	token_subject(t, addr, subject);
	if (throttled(r, w, k, subject, addr) != 0)
		return -1;
	if (t->found && t->usable &&
	    (p != PURPOSE_VERIFY || strcasecmp(t->sent_to, t->email) == 0))
		return 0;
	if ((rc = record(r->db, k, subject, addr)) != DB_OK)
		resp_db(w, rc);
	else
		bad_token(w);
	return -1;
}

const struct input h_password_forgot_in[] = {
	{ ARG_EMAIL, IN_BODY, IN_STR, IN_REQUIRED, 3, 254 },
	{ ARG_NONE }
};

/*
 * POST /password/forgot {email}: when an account has that address, a
 * single-use reset link (30 minutes; the previous ones used up) is mailed
 * to it after the answer. Answers 202 with the same body, after the same
 * statements, whether or not the address is an account's; 400 for a
 * malformed address; 429 (Retry-After) per address and account; 503.
 */
int
h_password_forgot(struct req *r, struct resp *w)
{
	const char	*email = req_str(r, ARG_EMAIL);
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		 token[TOKEN_TEXT], subject[SUBJECT_MAX], addr[THROTTLE_ADDRESS_MAX];
	cJSON		*data;
	size_t		 i;
	struct issue	 it = { 0 };
	int		 rc;

	if (valid_email(email) == -1)
		return resp_field(w, "email", "must be a valid e-mail address");
	snprintf(subject, sizeof(subject), "e:%s", email);
	for (i = 2; subject[i] != '\0'; i++)
		subject[i] = (char)tolower((unsigned char)subject[i]);
	throttle_address_key(r->remote_addr, addr);
	if ((rc = throttled(r, w, &K_FORGOT, subject, addr)) != 0)
		return w->status;
	if ((rc = record(r->db, &K_FORGOT, subject, addr)) != DB_OK)
		return resp_db(w, rc);
	if (token_new(token, md) == -1)
		return resp_error(w, 500, NULL, NULL);
	it.md = md;
	it.email = email;
	rc = db_tx(r->db, reset_issue, &it);
	crypto_wipe(md, sizeof(md));
	if (rc == DB_OK && it.issued)
		mail_later(r, PURPOSE_RESET, 0, email, token);
	crypto_wipe(token, sizeof(token));
	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((data = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddStringToObject(data, "message", "If an account has this address, a link to choose "
	    "a new password is on its way to it. The link works once, for 30 minutes.");
	cJSON_AddNumberToObject(data, "expires_in", RESET_TTL);
	return resp_data(w, 202, data);
}

const struct input h_password_reset_in[] = {
	{ ARG_TOKEN, IN_BODY, IN_STR, IN_REQUIRED, 1, 256 },
	{ ARG_PASSWORD, IN_BODY, IN_STR, IN_REQUIRED, 8, 128 },
	{ ARG_NONE }
};

/*
 * POST /password/reset {token, password}: set the password of the reset
 * link's account (the password rules apply; a refusal leaves the link
 * usable), use the link up, and end every login of the account (its
 * tokens are refused at once by every worker). The link's address counts
 * as verified. Answers 204; 400 invalid_token (unknown, used, expired or
 * replaced) or with fields.password; 429 (Retry-After) after repeated
 * failures per address and account; 503, 500.
 */
int
h_password_reset(struct req *r, struct resp *w)
{
	struct password_cost	 cost;
	struct token_row	 t;
	const char		*pw = req_str(r, ARG_PASSWORD);
	char			 hash[PASSWORD_HASH_MAX], subject[SUBJECT_MAX];
	char			 addr[THROTTLE_ADDRESS_MAX];
	struct token_use	 u = { 0 };
	int			 rc;

	if (token_take(r, w, PURPOSE_RESET, &t, subject, addr) == -1)
		goto out;
	if (account_password_ok(w, pw, t.username, t.email) == -1) {
		(void)record(r->db, &K_RESET, subject, addr);
		goto out;
	}
	password_cost_config(&cost);
	if (password_hash(pw, &cost, hash) == -1) {
		resp_error(w, 500, NULL, NULL);
		goto out;
	}
	u.t = &t;
	u.hash = hash;
	rc = db_tx(r->db, reset_use, &u);
	crypto_wipe(hash, sizeof(hash));
	if (token_used(w, rc) == -1)
		goto out;
	user_changed(r, t.user_id);
	resp_empty(w, 204);
out:
	crypto_wipe(&t, sizeof(t));
	return w->status;
}

const struct input h_email_verify_in[] = {
	{ ARG_TOKEN, IN_BODY, IN_STR, IN_REQUIRED, 1, 256 },
	{ ARG_NONE }
};

/*
 * POST /email/verify {token}: the verification link's address is the
 * account's: the profile says email_verified. No token needed (the link
 * may be opened on another device). Answers 200 {email, email_verified};
 * 400 invalid_token (unknown, used, expired, replaced, or the account has
 * another address now); 429 after repeated failures; 503.
 */
int
h_email_verify(struct req *r, struct resp *w)
{
	struct token_row	 t;
	cJSON			*data;
	char			 subject[SUBJECT_MAX], addr[THROTTLE_ADDRESS_MAX];
	struct token_use	 u = { 0 };

	if (token_take(r, w, PURPOSE_VERIFY, &t, subject, addr) == -1)
		goto out;
	u.t = &t;
	if (token_used(w, db_tx(r->db, verify_use, &u)) == -1)
		goto out;
	user_changed(r, t.user_id);
	if ((data = cJSON_CreateObject()) == NULL) {
		resp_error(w, 500, NULL, NULL);
		goto out;
	}
	cJSON_AddStringToObject(data, "email", t.email);
	cJSON_AddBoolToObject(data, "email_verified", 1);
	resp_data(w, 200, data);
out:
	crypto_wipe(&t, sizeof(t));
	return w->status;
}

const struct input h_email_verify_resend_in[] = { { ARG_NONE } };

/*
 * POST /email/verify/resend (auth): mail a new verification link to the
 * caller's address (the previous links stop working). Answers 202, 401,
 * 409 already_verified, 429 (Retry-After), 503.
 */
int
h_email_verify_resend(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	cJSON		*data;
	char		 subject[SUBJECT_MAX], addr[THROTTLE_ADDRESS_MAX], email[EMAIL_MAX] = "";
	int		 rc, verified = 0;

	throttle_address_key(r->remote_addr, addr);
	snprintf(subject, sizeof(subject), "u:%lld", r->user_id);
	if (throttled(r, w, &K_RESEND, subject, addr) != 0)
		return w->status;
	if ((rc = db_exec(r->db, STMT_REC_USER, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = db_next(res)) == 1) {
		snprintf(email, sizeof(email), "%s", db_str(res, 1) ? db_str(res, 1) : "");
		verified = db_int(res, 2) != 0;
	}
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc);
	if (rc == 0) {
		w->www_error = "invalid_token";
		return resp_error(w, 401, "invalid_token", "The account no longer exists.");
	}
	if (verified)
		return resp_error(w, 409, "already_verified", "Your e-mail address is verified already.");
	if ((rc = record(r->db, &K_RESEND, subject, addr)) != DB_OK ||
	    (rc = verify_issue(r, r->user_id, email)) != DB_OK)
		return resp_db(w, rc);
	if ((data = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddStringToObject(data, "message", "A new link is on its way to your address. It works "
	    "once, for 48 hours.");
	cJSON_AddNumberToObject(data, "expires_in", VERIFY_TTL);
	return resp_data(w, 202, data);
}
