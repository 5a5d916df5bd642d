/* test-accounts-throttle.c: failed-login throttling through nginx, from the attacker's and the user's side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "client.h"
#include "tap.h"

/*
 * Every client address here is a loopback one of its own (127.0.0.N, the
 * request's source address): nginx sees it as REMOTE_ADDR, and its
 * limit_req (10 a second, bursts of 20) counts each apart. The user's
 * "home" is 127.0.0.1, where every account of the tests registers.
 */
#define HOME	"127.0.0.1"

/* Log name in with pw from addr; returns the response (the caller frees it). */
static struct api_resp *
login_from(const char *addr, const char *name, const char *pw)
{
	struct api_resp	*r;

	api_set_source(addr);
	r = login(name, pw);
	api_set_source(NULL);
	return r;
}

/* The Retry-After of r, or -1. */
static long
retry_after(const struct api_resp *r)
{
	char	 h[32];

	return api_header(r, "Retry-After", h, sizeof(h)) ? strtol(h, NULL, 10) : -1;
}

/* Forget the failures of this program's addresses and accounts (other programs log in too). */
static void
cleanup(void)
{
	db_do("DELETE FROM login_failures WHERE address LIKE '127.%%' AND address <> '" HOME
	    "'");
}

/* The hard limit: one account from one address. A stranger locks out only themselves. */
static void
test_pair_limit(void)
{
	struct acct	 a;
	struct api_resp	*r;
	long		 max = strtol(test_setting("login_max_failures", "5"), NULL, 10), i;
	int		 good = 1;

	acct_new(&a, "thp");
	for (i = 0; i < max; i++) {
		r = login_from("127.0.0.21", a.name, "wrong password");
		good &= r->status == 401;
		api_free(r);
	}
	ok(good, "attacker: %ld wrong passwords from one address are 401 each", max);
	r = login_from("127.0.0.21", a.name, "wrong password");
	is_error(r, 429, "rate_limited", "attacker: the next try from that address is 429");
	ok(retry_after(r) > 800 && retry_after(r) <= 900, "attacker: Retry-After up to the window "
	    "(%ld)", retry_after(r));
	api_free(r);
	r = login_from("127.0.0.21", a.name, PW);
	is_error(r, 429, "rate_limited", "attacker: even the right password is 429 there");
	api_free(r);

	r = login_from(HOME, a.name, PW);
	is_int(r->status, 200, "user: logs in from home meanwhile");
	api_free(r);
	r = login_from("127.0.0.22", a.name, PW);
	is_int(r->status, 200, "user: logs in from a new address meanwhile (no lock of the account)");
	api_free(r);
	is_int(profile_status(a.access), 200, "user: existing logins are untouched");

	/* The window passes (moved back in the database rather than waited for). */
	db_do("UPDATE login_failures SET failed_at = failed_at - INTERVAL 600 SECOND "
	    "WHERE subject = 'u:%lld'", a.id);
	r = login_from("127.0.0.21", a.name, PW);
	is_error(r, 429, "rate_limited", "attacker: still 429 ten minutes on");
	ok(retry_after(r) > 250 && retry_after(r) <= 300, "attacker: Retry-After counts down (%ld)",
	    retry_after(r));
	api_free(r);
	db_do("UPDATE login_failures SET failed_at = failed_at - INTERVAL 301 SECOND "
	    "WHERE subject = 'u:%lld'", a.id);
	r = login_from("127.0.0.21", a.name, PW);
	is_int(r->status, 200, "after the window the right password logs in from there too");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM login_failures WHERE subject = 'u:%lld' "
	    "AND address = '127.0.0.21'", a.id), 0, "a success clears that address's failures");

	/* A success in between resets the pair's count: max - 1, a success, max - 1: no 429. */
	good = 1;
	for (i = 0; i < 2 * (max - 1) + 1; i++) {
		r = login_from("127.0.0.23", a.name, i == max - 1 ? PW : "wrong password");
		good &= r->status == (i == max - 1 ? 200 : 401);
		api_free(r);
	}
	ok(good, "a success in between resets the count of that address");

	/* A name that is no account behaves the same (nothing tells them apart). */
	{
		char	 nobody[64];

		snprintf(nobody, sizeof(nobody), "ghost%s", api_unique());
		for (i = 0; i < max; i++)
			api_free(login_from("127.0.0.24", nobody, "wrong password"));
		r = login_from("127.0.0.24", nobody, "wrong password");
		is_error(r, 429, "rate_limited", "an unknown name is limited per address too");
		api_free(r);
		r = login_from("127.0.0.25", nobody, "wrong password");
		is_error(r, 401, "invalid_credentials", "and not from another address");
		api_free(r);
	}
	cleanup();
}

/*
 * Failures of one account spread over many addresses: past
 * login_account_failures in an hour, every further try from an address the
 * user never logged in from waits, longer each time. The user at home does not.
 */
static void
test_spread_delays(void)
{
	struct acct	 a;
	struct api_resp	*r;
	long		 free_ = strtol(test_setting("login_account_failures", "10"), NULL, 10), i;
	long		 w1, w2;
	char		 addr[32];
	int		 good = 1;

	acct_new(&a, "ths");
	for (i = 0; i < free_; i++) {
		snprintf(addr, sizeof(addr), "127.0.1.%ld", i + 1);
		r = login_from(addr, a.name, "wrong password");
		good &= r->status == 401;
		api_free(r);
	}
	ok(good, "attacker: %ld failures from %ld addresses are 401 each", free_, free_);
	r = login_from("127.0.1.100", a.name, "wrong password");
	is_error(r, 429, "rate_limited", "attacker: the next try, from yet another address, waits");
	w1 = retry_after(r);
	ok(w1 >= 1 && w1 <= 15, "attacker: Retry-After is the first delay, 15 s at most (%ld)", w1);
	api_free(r);
	r = login_from("127.0.1.101", a.name, PW);
	is_error(r, 429, "rate_limited", "attacker: the right password waits too (no oracle)");
	api_free(r);

	r = login_from(HOME, a.name, PW);
	is_int(r->status, 200, "user: logs in at once from home, where they logged in before");
	api_free(r);

	/* The delay passes: one more try goes through, and the next delay is longer. */
	db_do("UPDATE login_failures SET failed_at = failed_at - INTERVAL 16 SECOND "
	    "WHERE subject = 'u:%lld'", a.id);
	r = login_from("127.0.1.102", a.name, "wrong password");
	is_error(r, 401, "invalid_credentials", "attacker: after the delay one more try is answered");
	api_free(r);
	r = login_from("127.0.1.103", a.name, "wrong password");
	is_error(r, 429, "rate_limited", "attacker: then the next waits again");
	w2 = retry_after(r);
	ok(w2 > 15 && w2 <= 30, "attacker: twice as long (%ld)", w2);
	api_free(r);
	r = login_from(HOME, a.name, PW);
	is_int(r->status, 200, "user: still logs in from home");
	api_free(r);

	/* An hour after, the failures no longer count. */
	db_do("UPDATE login_failures SET failed_at = failed_at - INTERVAL 3601 SECOND "
	    "WHERE subject = 'u:%lld'", a.id);
	r = login_from("127.0.1.104", a.name, PW);
	is_int(r->status, 200, "an hour later a new address logs in");
	api_free(r);

	/* A known address that was last used long ago is a stranger's again. */
	for (i = 0; i < free_; i++)
		db_do("INSERT INTO login_failures (kind, subject, address) VALUES "
		    "('account', 'u:%lld', '127.0.1.200')", a.id);
	db_do("UPDATE login_addresses SET last_login = NOW() - INTERVAL 400 DAY "
	    "WHERE user_id = %lld AND address = '" HOME "'", a.id);
	r = login_from(HOME, a.name, PW);
	is_error(r, 429, "rate_limited", "a home not used for login_known_days is not trusted");
	api_free(r);
	db_do("DELETE FROM login_failures WHERE subject = 'u:%lld'", a.id);
	cleanup();
}

/* Many failures from one address (a bad client behind a NAT): its neighbours still log in. */
static void
test_shared_address(void)
{
	struct acct	 near, far;
	struct api_resp	*r;
	long		 lim = strtol(test_setting("login_max_address_failures", "50"), NULL, 10), i;

	/* near registers from the shared address; far never used it. */
	api_set_source("127.0.2.1");
	acct_new(&near, "thn");
	api_set_source(NULL);
	acct_new(&far, "thf");
	for (i = 0; i < lim; i++)
		db_do("INSERT INTO login_failures (kind, subject, address) VALUES "
		    "('account', 'n:bot%ld', '127.0.2.1')", i % 7);
	r = login_from("127.0.2.1", near.name, PW);
	is_int(r->status, 200, "user: a neighbour who logged in there before is let in at once");
	api_free(r);
	r = login_from("127.0.2.1", far.name, PW);
	is_error(r, 429, "rate_limited", "a first login from the noisy address waits a little");
	ok(retry_after(r) >= 1 && retry_after(r) <= 15, "with a short Retry-After (%ld)",
	    retry_after(r));
	api_free(r);
	r = login_from("127.0.2.1", "bot1", "wrong password");
	is_error(r, 429, "rate_limited", "attacker: the bad client waits too");
	api_free(r);
	r = login_from(HOME, far.name, PW);
	is_int(r->status, 200, "that user from elsewhere: no wait");
	api_free(r);
	db_do("UPDATE login_failures SET failed_at = failed_at - INTERVAL 901 SECOND "
	    "WHERE address = '127.0.2.1'");
	r = login_from("127.0.2.1", far.name, PW);
	is_int(r->status, 200, "after the window the address is quiet again");
	api_free(r);
	cleanup();
}

/* PATCH /profile's current_password counts like a login, per the caller's address. */
static void
test_profile_password(void)
{
	struct acct	 a;
	struct api_resp	*r;
	long		 max = strtol(test_setting("login_max_failures", "5"), NULL, 10), i;
	int		 good = 1;

	acct_new(&a, "thq");
	api_set_source("127.0.3.1");
	for (i = 0; i < max; i++) {
		r = api_send("PATCH", "/api/profile", a.access,
		    "{\"email\":\"x@example.com\",\"current_password\":\"wrong wrong\"}");
		good &= r->status == 403;
		api_free(r);
	}
	ok(good, "%ld wrong current passwords are 403", max);
	r = api_send("PATCH", "/api/profile", a.access,
	    "{\"email\":\"x@example.com\",\"current_password\":\"" PW "\"}");
	is_error(r, 429, "rate_limited", "then 429 from that address, even with the right one");
	api_free(r);
	api_set_source(NULL);
	r = login(a.name, PW);
	is_int(r->status, 200, "the user logs in from home all the same");
	api_free(r);
	cleanup();
}

int
main(void)
{
	api_init();
	cleanup();
	test_pair_limit();
	test_spread_delays();
	test_shared_address();
	test_profile_password();
	return done_testing();
}
