/* test-recovery.c: a forgotten password and e-mail verification, by links mailed through the SMTP fake and followed. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "mail.h"
#include "subs_helpers.h"

#define NEW_PW		"a brand new secret 42"
#define RESET_LINK	"/reset-password#token="
#define VERIFY_LINK	"/verify-email#token="

static char	 mail[MAIL_MAX];
static int	 source = 10;	/* loopback addresses of our own: 127.X.Y.N */

/*
 * Send the next requests from a loopback address no other request used
 * lately (throttling counts per address): 127.X.Y.N with X.Y from the pid.
 */
static void
new_source(void)
{
	static char	 a[32];

	snprintf(a, sizeof(a), "127.%d.%d.%d", 10 + (int)(getpid() % 200),
	    (int)(getpid() / 200 % 250), source++);
	api_set_source(a);
}

static struct api_resp *
forgot(const char *email)
{
	char	 body[512];

	snprintf(body, sizeof(body), "{\"email\":\"%s\"}", email);
	return api_send("POST", "/api/password/forgot", NULL, body);
}

static struct api_resp *
reset(const char *token, const char *pw)
{
	char	 body[512];

	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":\"%s\"}", token, pw);
	return api_send("POST", "/api/password/reset", NULL, body);
}

static struct api_resp *
verify(const char *token)
{
	char	 body[512];

	snprintf(body, sizeof(body), "{\"token\":\"%s\"}", token);
	return api_send("POST", "/api/email/verify", NULL, body);
}

static long
status_of(struct api_resp *r)
{
	long	 s = r->status;

	api_free(r);
	return s;
}

/* The address of an account made by acct_new. */
static const char *
email_of(const struct acct *a)
{
	static char	 e[128];

	snprintf(e, sizeof(e), "%.100s@example.com", a->name);
	return e;
}

/* Ask for a reset link for a's address and read it from the mail (prev: the last one); bails out when none comes. */
static void
reset_link(const struct acct *a, const char *prev, char *tok, size_t len)
{
	new_source();
	if (status_of(forgot(email_of(a))) != 202)
		bail("forgot %s", email_of(a));
	if (!mail_wait_link(email_of(a), RESET_LINK, prev, tok, len, mail))
		bail("no reset mail for %s", email_of(a));
}

static double
now_s(void)
{
	struct timeval	 tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
test_forgot_and_reset(void)
{
	struct acct	 a, b;
	struct api_resp	*r;
	char		 tok[128], body_known[1024], body_unknown[1024], unknown[128];

	acct_new(&a, "rec");
	acct_login(&b, a.name, PW);

	new_source();
	r = forgot(email_of(&a));
	is_int(r->status, 202, "forgot, a known address: 202");
	snprintf(body_known, sizeof(body_known), "%s", r->body);
	api_free(r);
	snprintf(unknown, sizeof(unknown), "nobody-%s@example.com", api_unique());
	r = forgot(unknown);
	is_int(r->status, 202, "forgot, an unknown address: 202");
	snprintf(body_unknown, sizeof(body_unknown), "%s", r->body);
	api_free(r);
	is_str(body_unknown, body_known, "the same body either way");
	ok(mail_wait_link(email_of(&a), RESET_LINK, "", tok, sizeof(tok), mail), "a mail with the "
	    "link reaches the known address, the token in the fragment");
	sleep(1);
	is_int(mail_to(unknown, NULL), 0, "none goes to the unknown one");
	ok(strstr(mail, "Subject: Reset your Streamify password\r\n") != NULL, "subject");
	ok(strstr(mail, "From: Streamify <no-reply@streamify.test>\r\n") != NULL, "from smtp_from");
	ok(strstr(mail, a.name) != NULL, "it greets the user by name");
	is_int((long long)strlen(tok), 43, "a 256-bit token");
	ok(strstr(mail, api_base()) != NULL, "under public_base_url");
	is_int(db_count("SELECT COUNT(*) FROM account_tokens WHERE token_hash = UNHEX(SHA2('%s', 256)) "
	    "AND purpose = 'reset' AND expires_at BETWEEN NOW() + INTERVAL 29 MINUTE AND "
	    "NOW() + INTERVAL 31 MINUTE", tok), 1, "stored as its SHA-256 only, for 30 minutes");

	/* The password rules apply, and a refusal leaves the link usable. */
	r = reset(tok, "password1");
	is_error(r, 400, "bad_request", "reset to a common password: 400");
	ok(jstr(r->json, "fields.password") != NULL, "fields.password says why");
	api_free(r);
	r = reset(tok, a.name);
	is_error(r, 400, "bad_request", "reset to the username: 400");
	api_free(r);

	is_int(profile_status(a.access) + profile_status(b.access), 400, "both logins work before");
	r = reset(tok, NEW_PW);
	is_int(r->status, 204, "following the link: the new password is set (204)");
	api_free(r);
	is_int(profile_status(a.access), 401, "every login of the account ends: one");
	is_int(profile_status(b.access), 401, "and the other, at once");
	r = login(a.name, PW);
	is_error(r, 401, "invalid_credentials", "the old password no longer works");
	api_free(r);
	r = login(a.name, NEW_PW);
	is_int(r->status, 200, "the new one does");
	ok(cJSON_IsTrue(jget(r->json, "data.user.email_verified")), "and the address counts as "
	    "verified: the link went there");
	api_free(r);
	r = reset(tok, "another fine secret 7");
	is_error(r, 400, "invalid_token", "the link works once");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM sessions WHERE user_id = %lld AND revoke_reason = "
	    "'reset'", a.id), 2, "the logins were revoked as reset");
}

static void
test_tokens(void)
{
	struct acct	 a;
	struct api_resp	*r;
	char		 first[128], second[128];

	acct_new(&a, "tok");
	reset_link(&a, "", first, sizeof(first));
	reset_link(&a, first, second, sizeof(second));
	ok(strcmp(first, second) != 0, "a second request makes a new link");
	r = reset(first, NEW_PW);
	is_error(r, 400, "invalid_token", "the previous one stops working");
	api_free(r);
	db_do("UPDATE account_tokens SET expires_at = NOW() - INTERVAL 1 SECOND WHERE token_hash = "
	    "UNHEX(SHA2('%s', 256))", second);
	r = reset(second, NEW_PW);
	is_error(r, 400, "invalid_token", "an expired link: 400 invalid_token");
	api_free(r);
	is_int(profile_status(a.access), 200, "nothing changed for the account");

	r = reset("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NEW_PW);
	is_error(r, 400, "invalid_token", "an unknown token: 400 invalid_token");
	api_free(r);
	r = api_send("POST", "/api/password/reset", NULL, "{\"password\":\"" NEW_PW "\"}");
	is_error(r, 400, "bad_request", "reset without a token: 400");
	ok(jstr(r->json, "fields.token") != NULL, "fields.token");
	api_free(r);
	r = api_send("POST", "/api/password/reset", NULL, "{\"token\":\"x\",\"password\":\"short\"}");
	is_error(r, 400, "bad_request", "a password under 8 characters: 400");
	api_free(r);
	r = api_send("POST", "/api/password/forgot", NULL, "{}");
	is_error(r, 400, "bad_request", "forgot without an address: 400");
	api_free(r);
	r = forgot("not an address");
	is_error(r, 400, "bad_request", "forgot with a malformed address: 400");
	ok(jstr(r->json, "fields.email") != NULL, "fields.email");
	api_free(r);
	r = api_send("POST", "/api/password/forgot", NULL, "{\"email\":42}");
	is_error(r, 400, "bad_request", "an address that is no string: 400");
	api_free(r);
}

/* The same timing whether or not the address is an account's. */
static void
test_timing(void)
{
	struct acct	 a[4];
	double		 known[4], unknown[4], t, mk, mu;
	char		 e[128];
	int		 i;

	for (i = 0; i < 4; i++)
		acct_new(&a[i], "tim");
	/*
	 * The answers' own times: a pause after each lets the mail a known address
	 * gets go out first (it goes after the answer, on that worker).
	 */
	for (i = 0; i < 4; i++) {
		new_source();
		snprintf(e, sizeof(e), "nobody%d-%s@example.com", i, api_unique());
		t = now_s();
		status_of(forgot(i % 2 ? e : email_of(&a[i])));
		(i % 2 ? unknown : known)[i] = now_s() - t;
		usleep(300000);
		t = now_s();
		status_of(forgot(i % 2 ? email_of(&a[i]) : e));
		(i % 2 ? known : unknown)[i] = now_s() - t;
		usleep(300000);
	}
	qsort(known, 4, sizeof(double), cmp_double);
	qsort(unknown, 4, sizeof(double), cmp_double);
	mk = (known[1] + known[2]) / 2;
	mu = (unknown[1] + unknown[2]) / 2;
	diag("forgot: median %.2f ms for a known address, %.2f ms for an unknown one", mk * 1e3,
	    mu * 1e3);
	ok(mk < mu + 0.03 && mu < mk + 0.03, "about the same time either way (%.1f / %.1f ms)",
	    mk * 1e3, mu * 1e3);
}

static void
test_throttling(void)
{
	struct acct	 a;
	struct api_resp	*r;
	char		 e[128], h[64];
	int		 i, codes[3];

	acct_new(&a, "thr");
	new_source();
	for (i = 0; i < 3; i++)
		codes[i] = (int)status_of(forgot(email_of(&a)));
	ok(codes[0] == 202 && codes[1] == 202 && codes[2] == 202, "three requests for one address "
	    "from one client: 202");
	r = forgot(email_of(&a));
	is_error(r, 429, "rate_limited", "then 429 (per account and client)");
	ok(api_header(r, "Retry-After", h, sizeof(h)) != NULL && atoi(h) > 0, "with Retry-After");
	api_free(r);
	snprintf(e, sizeof(e), "ghost-%s@example.com", api_unique());
	for (i = 0; i < 3; i++)
		status_of(forgot(e));
	is_int(status_of(forgot(e)), 429, "the same for an address that is nobody's");
	new_source();
	is_int(status_of(forgot(email_of(&a))), 202, "from another client it goes on");

	/* One client spraying addresses. */
	new_source();
	for (i = 0; i < 10; i++) {
		snprintf(e, sizeof(e), "spray%d-%s@example.com", i, api_unique());
		status_of(forgot(e));
	}
	snprintf(e, sizeof(e), "spray-last-%s@example.com", api_unique());
	is_int(status_of(forgot(e)), 429, "11 addresses from one client in 15 minutes: 429 (per "
	    "address)");

	/* Guessing tokens. */
	new_source();
	for (i = 0; i < 10; i++) {
		snprintf(e, sizeof(e), "guess%02dAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", i);
		status_of(reset(e, NEW_PW));
	}
	r = reset("guessXXAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NEW_PW);
	is_error(r, 429, "rate_limited", "ten wrong reset tokens from one client: then 429");
	api_free(r);
	r = verify("guessXXAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	is_error(r, 400, "invalid_token", "verification failures are counted apart");
	api_free(r);
	api_set_source(NULL);
}

static void
test_verification(void)
{
	struct acct	 a;
	struct api_resp	*r;
	char		 tok[128], old[128], body[512], newmail[128];

	acct_new(&a, "ver");
	ok(mail_wait_link(email_of(&a), VERIFY_LINK, "", tok, sizeof(tok), mail), "registering "
	    "mails a verification link");
	ok(strstr(mail, "Subject: Confirm your e-mail address for Streamify\r\n") != NULL, "subject");
	ok(strstr(mail, email_of(&a)) != NULL, "naming the address");
	r = api_get("/api/profile", a.access);
	ok(cJSON_IsFalse(jget(r->json, "data.user.email_verified")), "the profile says "
	    "email_verified false");
	api_free(r);
	r = login(a.name, PW);
	ok(cJSON_IsFalse(jget(r->json, "data.user.email_verified")), "so does the login answer");
	api_free(r);

	/* Resend: a new link, the old one stops. */
	r = api_send("POST", "/api/email/verify/resend", a.access, NULL);
	is_int(r->status, 202, "POST /email/verify/resend: 202");
	api_free(r);
	snprintf(old, sizeof(old), "%s", tok);
	ok(mail_wait_link(email_of(&a), VERIFY_LINK, old, tok, sizeof(tok), NULL), "a new link "
	    "arrives");
	r = verify(old);
	is_error(r, 400, "invalid_token", "the first link no longer works");
	api_free(r);

	r = verify(tok);
	is_int(r->status, 200, "following the link: POST /email/verify 200");
	ok(cJSON_IsTrue(jget(r->json, "data.email_verified")), "email_verified");
	is_str(jstr(r->json, "data.email"), email_of(&a), "for the address");
	api_free(r);
	r = api_get("/api/profile", a.access);
	ok(cJSON_IsTrue(jget(r->json, "data.user.email_verified")), "the profile says so at once "
	    "(the link needs no token; every worker drops what it remembered)");
	api_free(r);
	r = verify(tok);
	is_error(r, 400, "invalid_token", "a verification link works once");
	api_free(r);
	r = api_send("POST", "/api/email/verify/resend", a.access, NULL);
	is_error(r, 409, "already_verified", "resend when verified: 409");
	api_free(r);

	/* A new address starts unverified, and gets its own link. */
	snprintf(newmail, sizeof(newmail), "moved-%s@example.com", a.name);
	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"current_password\":\"%s\"}", newmail, PW);
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_int(r->status, 200, "PATCH /profile with a new address");
	ok(cJSON_IsFalse(jget(r->json, "data.email_verified")), "it is unverified");
	api_free(r);
	ok(mail_wait_link(newmail, VERIFY_LINK, "", tok, sizeof(tok), NULL), "a link goes to the "
	    "new address");
	r = api_send("POST", "/api/email/verify/resend", NULL, NULL);
	is_error(r, 401, "unauthorized", "resend without a token: 401");
	api_free(r);
	r = verify(tok);
	is_int(r->status, 200, "it verifies the new address");
	api_free(r);

	/* A link for an address the account no longer has proves nothing. */
	snprintf(old, sizeof(old), "%s", tok);
	snprintf(body, sizeof(body), "{\"email\":\"back-%s@example.com\",\"current_password\":\"%s\"}",
	    a.name, PW);
	db_do("UPDATE users SET email_verified_at = NULL WHERE id = %lld", a.id);
	r = api_send("POST", "/api/email/verify/resend", a.access, NULL);
	is_int(r->status, 202, "resend for the moved address");
	api_free(r);
	ok(mail_wait_link(newmail, VERIFY_LINK, old, tok, sizeof(tok), NULL), "its link arrives");
	r = api_send("PATCH", "/api/profile", a.access, body);
	is_int(r->status, 200, "the address changes again");
	api_free(r);
	r = verify(tok);
	is_error(r, 400, "invalid_token", "the old address's link: 400");
	api_free(r);
}

/* Whether the workers' log says a mail could not be sent; *unused keeps the signature simple. */
static void
log_has_mail_error(double *unused)
{
	char	 path[1024], line[2048];
	FILE	*f;
	int	 found = 0;

	(void)unused;
	snprintf(path, sizeof(path), "%s/log/fcgi.log", getenv("STREAMIFY_TEST_VAR"));
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			found |= strstr(line, "level=error") != NULL &&
			    strstr(line, "a reset link could not be sent") != NULL &&
			    strstr(line, "imeout") != NULL;
		fclose(f);
	}
	ok(found, "after smtp_timeout the worker gives up, and logs it as an error");
}

/* What happens when the mail server is down: the answer does not wait, the worker is free again. */
static void
test_mail_server_down(void)
{
	struct acct	 a;
	char		 pidfile[1024], line[64];
	double		 t, took, later;
	FILE		*f;
	pid_t		 fake = 0;

	snprintf(pidfile, sizeof(pidfile), "%s/run/fake-smtp.pid", getenv("STREAMIFY_TEST_VAR"));
	if ((f = fopen(pidfile, "r")) != NULL) {
		if (fgets(line, sizeof(line), f) != NULL)
			fake = (pid_t)atoi(line);
		fclose(f);
	}
	if (fake <= 0) {
		skip(2, "no fake-smtp pid file");
		return;
	}
	acct_new(&a, "down");
	/* The registration's mail is out first. */
	mail_wait_link(email_of(&a), VERIFY_LINK, "", pidfile, sizeof(pidfile), NULL);
	snprintf(pidfile, sizeof(pidfile), "%s/run/fake-smtp.pid", getenv("STREAMIFY_TEST_VAR"));
	/* Its worker may still be saying QUIT: stopped then, it would hang too. */
	ok(mail_wait_idle(), "the registration's mail session is over");
	kill(fake, SIGSTOP);		/* it accepts connections and never answers */
	new_source();
	t = now_s();
	is_int(status_of(forgot(email_of(&a))), 202, "forgot while the mail server hangs: 202");
	took = now_s() - t;
	ok(took < 1.0, "the answer does not wait for it (%.0f ms)", took * 1e3);
	t = now_s();
	is_int(profile_status(a.access) + profile_status(a.access) + profile_status(a.access), 600,
	    "the pool goes on answering");
	later = now_s() - t;
	diag("three requests meanwhile took %.0f ms", later * 1e3);
	ok(later < 1.5, "the other worker answers meanwhile");
	sleep(4);	/* smtp_timeout (3 s): the mail's worker gave up */
	log_has_mail_error(&later);
	kill(fake, SIGCONT);
	api_set_source(NULL);
}

static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	char	*buf = arg;
	size_t	 have = strlen(buf), add = size * n;

	if (have + add >= 4096)
		add = 4095 - have;
	memcpy(buf + have, p, add);
	buf[have + add] = '\0';
	return size * n;
}

/* POST /api/subscription {plan basic, payment_token} to base with token; its status, the body into out (4096). */
static long
subscribe_at(const char *base, const char *token, const char *ptoken, char *out)
{
	struct curl_slist	*h = NULL;
	CURL			*c;
	char			 url[256], auth[1200], body[256];
	long			 status = 0;

	out[0] = '\0';
	snprintf(url, sizeof(url), "%s/api/subscription", base);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	snprintf(body, sizeof(body), "{\"plan\":\"basic\",\"payment_token\":\"%s\"}", ptoken);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	if ((c = curl_easy_init()) == NULL)
		return 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return status;
}

/* unverified_may_subscribe = 0, on a second pool and nginx over the same database. */
static void
test_unverified_subscribe(void)
{
	const char	*src = getenv("STREAMIFY_TEST_SRCDIR");
	struct acct	 a;
	struct api_resp	*r;
	struct sockaddr_in	 sa;
	socklen_t	 salen = sizeof(sa);
	char		 dir[] = "/tmp/streamify-second-XXXXXX", cmd[2048], url[64], tok[128], pt[96];
	char		 out[4096];
	int		 port, fd;

	/* A free port: the kernel's pick. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &salen);
	port = ntohs(sa.sin_port);
	close(fd);
	if (mkdtemp(dir) == NULL) {
		ok(0, "a directory for the second stack");
		return;
	}
	snprintf(cmd, sizeof(cmd), "bash '%s/tests/lib/second-stack.sh' start '%s' %d "
	    "unverified_may_subscribe=0", src ? src : ".", dir, port);
	if (system(cmd) != 0) {
		ok(0, "a second pool with unverified_may_subscribe = 0 starts");
		goto out;
	}
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", port);
	acct_new(&a, "uvs");
	snprintf(pt, sizeof(pt), "tok_ok_%s_uvs", a.name);
	is_int(subscribe_at(url, a.access, pt, out), 403, "unverified_may_subscribe = 0: "
	    "subscribing unverified is 403");
	ok(strstr(out, "\"error\":\"email_unverified\"") != NULL, "email_unverified");
	mail_wait_link(email_of(&a), VERIFY_LINK, "", tok, sizeof(tok), NULL);
	is_int(status_of(verify(tok)), 200, "verify the address");
	is_int(subscribe_at(url, a.access, pt, out), 201, "then subscribing works");
	acct_new(&a, "uvd");
	snprintf(pt, sizeof(pt), "tok_ok_%s_uvd", a.name);
	r = subs_post(a.access, "basic", pt, NULL);
	is_int(r->status, 201, "with the default (1) an unverified account subscribes");
	api_free(r);
out:
	snprintf(cmd, sizeof(cmd), "bash '%s/tests/lib/second-stack.sh' stop '%s'; rm -rf '%s'",
	    src ? src : ".", dir, dir);
	if (system(cmd) != 0)
		diag("the second stack in %s may not have stopped", dir);
}

int
main(void)
{
	api_init();
	test_forgot_and_reset();
	test_tokens();
	test_timing();
	test_throttling();
	test_verification();
	test_mail_server_down();
	test_unverified_subscribe();
	return done_testing();
}
