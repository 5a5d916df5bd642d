/* test-accounts-purge.c: streamify-batch purge deletes what no request can use, and only that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "accounts.h"

/* Run `streamify-batch purge ARGS`; its output into out. Returns its exit status. */
static int
run_purge(const char *args, char *out, size_t len)
{
	const char	*bdir = getenv("STREAMIFY_BUILDDIR"), *cfg = getenv("STREAMIFY_TEST_CONFIG");
	char		 cmd[2048];
	size_t		 n = 0;
	FILE		*p;
	int		 st;

	snprintf(cmd, sizeof(cmd), "'%s/batch/streamify-batch' --config '%s' purge %s 2>&1",
	    bdir ? bdir : ".", cfg ? cfg : "", args);
	out[0] = '\0';
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (n + 1 < len && fgets(out + n, (int)(len - n), p) != NULL)
		n += strlen(out + n);
	st = pclose(p);
	api_external_write();
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The count before `what` in purge's summary line, or -1. */
static long long
purged(const char *out, const char *what)
{
	const char	*p = strstr(out, what);

	while (p != NULL && p > out && p[-1] == ' ')
		p--;
	while (p != NULL && p > out && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return p != NULL && *p >= '0' && *p <= '9' ? strtoll(p, NULL, 10) : -1;
}

int
main(void)
{
	struct acct	 live, gone, fresh, ended;
	struct api_resp	*r;
	char		 out[1024], body[256], old[64], recent[64];

	api_init();
	snprintf(old, sizeof(old), "purge-old-%s", api_unique());
	snprintf(recent, sizeof(recent), "purge-new-%s", api_unique());

	/* An old login still in use: made 40 days ago, its refresh token valid. */
	acct_new(&live, "pglive");
	db_do("UPDATE sessions SET created_at = NOW() - INTERVAL 40 DAY WHERE id = %lld", live.sid);
	/* A token of it that expired an hour ago: within the day of grace. */
	db_do("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES "
	    "(UNHEX(SHA2('%s', 256)), %lld, NOW() - INTERVAL 1 HOUR)", recent, live.sid);
	/* Logged out two days ago, and logged out just now. */
	acct_new(&gone, "pggone");
	acct_new(&fresh, "pgfresh");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", gone.refresh);
	r = api_send("POST", "/api/logout", gone.access, body);
	is_int(r->status, 204, "a logout");
	api_free(r);
	db_do("UPDATE sessions SET revoked_at = NOW() - INTERVAL 2 DAY WHERE id = %lld", gone.sid);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", fresh.refresh);
	r = api_send("POST", "/api/logout", fresh.access, body);
	is_int(r->status, 204, "another logout");
	api_free(r);
	/* A login made 40 days ago whose refresh tokens all expired two days ago. */
	acct_new(&ended, "pgend");
	db_do("UPDATE refresh_tokens SET expires_at = NOW() - INTERVAL 2 DAY WHERE session_id = %lld",
	    ended.sid);
	db_do("UPDATE sessions SET created_at = NOW() - INTERVAL 40 DAY WHERE id = %lld", ended.sid);
	/* Failed logins of two days ago and of an hour ago. */
	db_do("INSERT INTO login_failures (kind, subject, address, failed_at) VALUES "
	    "('account', '%s', '127.0.9.1', NOW(6) - INTERVAL 2 DAY), "
	    "('address', '%s', '', NOW(6) - INTERVAL 2 DAY), "
	    "('account', '%s', '127.0.9.1', NOW(6) - INTERVAL 1 HOUR)", old, old, recent);
	/* Reset links expired two days ago and five minutes ago; recovery requests of two days and an hour ago. */
	db_do("INSERT INTO account_tokens (token_hash, user_id, purpose, email, expires_at) VALUES "
	    "(UNHEX(SHA2('%s-old-link', 256)), %lld, 'reset', 'x@example.com', NOW() - INTERVAL 2 DAY), "
	    "(UNHEX(SHA2('%s-new-link', 256)), %lld, 'reset', 'x@example.com', "
	    "NOW() - INTERVAL 5 MINUTE)", old, live.id, old, live.id);
	db_do("INSERT INTO recovery_requests (kind, subject, address, requested_at) VALUES "
	    "('forgot', 'e:%s', '127.0.9.1', NOW(6) - INTERVAL 2 DAY), "
	    "('forgot', 'e:%s', '127.0.9.1', NOW(6) - INTERVAL 1 HOUR)", old, recent);
	/* Where fresh logged in 40 days ago (no longer trusted), and live just now. */
	db_do("UPDATE login_addresses SET last_login = NOW() - INTERVAL 40 DAY "
	    "WHERE user_id = %lld", fresh.id);

	is_int(run_purge("", out, sizeof(out)), 0, "purge: exit 0");
	diag("%.*s", (int)strcspn(out, "\n"), out);
	ok(strncmp(out, "purge: deleted ", 15) == 0, "a one-line summary");
	ok(purged(out, "failed logins") >= 2, "failed logins counted");
	ok(purged(out, "trusted login addresses") >= 1, "addresses no longer trusted counted");
	ok(purged(out, "revoked logins") >= 1, "revoked logins counted");
	ok(purged(out, "expired refresh tokens") >= 1, "expired refresh tokens counted");
	ok(purged(out, "ended logins") >= 1, "ended logins counted");
	ok(purged(out, "expired reset and verification links") >= 1, "expired links counted");
	ok(purged(out, "old recovery requests") >= 1, "old recovery requests counted");

	is_int(db_count("SELECT COUNT(*) FROM login_failures WHERE subject = '%s'", old), 0,
	    "failed logins of two days ago are gone");
	is_int(db_count("SELECT COUNT(*) FROM login_failures WHERE subject = '%s'", recent), 1,
	    "one of an hour ago stays");
	is_int(db_count("SELECT COUNT(*) FROM login_addresses WHERE user_id = %lld", fresh.id), 0,
	    "an address last logged in from 40 days ago is gone");
	is_int(db_count("SELECT COUNT(*) FROM login_addresses WHERE user_id = %lld", live.id), 1,
	    "one of today stays");
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld", gone.sid), 0,
	    "a login revoked two days ago is gone");
	is_int(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = %lld", gone.sid), 0,
	    "with its refresh tokens");
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld", fresh.sid), 1,
	    "a login revoked just now stays");
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld", ended.sid), 0,
	    "a login whose refresh tokens all expired is gone");
	is_int(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = %lld", ended.sid), 0,
	    "with its refresh tokens");
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE id = %lld", live.sid), 1,
	    "an old login with a valid refresh token stays");
	is_int(db_count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = %lld", live.sid), 2,
	    "its refresh tokens stay, the one expired an hour ago too");

	is_int(db_count("SELECT COUNT(*) FROM account_tokens WHERE token_hash = "
	    "UNHEX(SHA2('%s-old-link', 256))", old), 0, "a link expired two days ago is gone");
	is_int(db_count("SELECT COUNT(*) FROM account_tokens WHERE token_hash = "
	    "UNHEX(SHA2('%s-new-link', 256))", old), 1, "one expired minutes ago stays");
	is_int(db_count("SELECT COUNT(*) FROM recovery_requests WHERE subject = 'e:%s'", old), 0,
	    "a recovery request of two days ago is gone");
	is_int(db_count("SELECT COUNT(*) FROM recovery_requests WHERE subject = 'e:%s'", recent), 1,
	    "one of an hour ago stays");

	is_int(profile_status(live.access), 200, "the kept login still works");
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", live.refresh);
	r = api_send("POST", "/api/token/refresh", NULL, body);
	is_int(r->status, 200, "and its refresh token refreshes");
	api_free(r);
	is_int(profile_status(gone.access), 401, "a purged revoked login stays refused");
	is_int(profile_status(ended.access), 401, "a purged ended login is refused");
	r = api_send("POST", "/api/login", NULL, "{\"username\":\"nobody\",\"password\":\"x\"}");
	ok(r->status == 401 || r->status == 429, "logins still answer");
	api_free(r);

	is_int(run_purge("", out, sizeof(out)), 0, "a second purge: exit 0");
	is_str(out, "purge: deleted 0 failed logins, 0 trusted login addresses, 0 revoked logins, "
	    "0 expired refresh tokens, 0 ended logins, 0 expired reset and verification links, "
	    "0 old recovery requests\n", "and nothing left to delete");
	is_int(run_purge("--help", out, sizeof(out)), 0, "purge --help: exit 0");
	ok(strstr(out, "usage: streamify-batch purge") != NULL, "with the usage");
	is_int(run_purge("now", out, sizeof(out)), 2, "an argument: exit 2");
	return done_testing();
}
