/* test-jwt.c: access tokens: signing, and every way a token must be refused. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "crypto.h"
#include "hex.h"
#include "jwt.h"

static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char key2[32] = "fedcba9876543210fedcba9876543210";
#define ISS	"streamify"
#define AUD	"streamify-api"
#define NOW	1800000000LL

/* A signed token for sub 42, sid 7, issued at NOW, living ttl seconds. */
static void
make(char *out, long long ttl)
{
	struct jwt_claims	 c;

	memset(&c, 0, sizeof(c));
	c.sub = 42;
	c.sid = 7;
	c.iat = NOW;
	c.exp = NOW + ttl;
	ck_assert_int_eq(jwt_sign(&c, ISS, AUD, key, sizeof(key), out), JWT_OK);
}

/* Sign header.payload (given as JSON texts) with k: a token as an attacker could build it. */
static void
forge(char *out, const char *header, const char *payload, const unsigned char *k)
{
	unsigned char	 md[32];
	int		 n, m;

	n = crypto_b64url_encode(header, strlen(header), out, JWT_MAX);
	out[n++] = '.';
	m = crypto_b64url_encode(payload, strlen(payload), out + n, JWT_MAX - n);
	n += m;
	ck_assert_int_eq(crypto_hmac_sha256(k, 32, out, n, md), 0);
	out[n++] = '.';
	crypto_b64url_encode(md, 32, out + n, JWT_MAX - n);
}

static enum jwt_rc
check(const char *tok)
{
	struct jwt_claims	 c;

	return jwt_verify(tok, ISS, AUD, key, sizeof(key), NOW + 1, &c);
}

#define GOOD_PAYLOAD "{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\"," \
	"\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"abc\"}"

START_TEST(roundtrip)
{
	struct jwt_claims	 c;
	char			 tok[JWT_MAX];

	make(tok, 900);
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key, sizeof(key), NOW + 10, &c), JWT_OK);
	ck_assert_int_eq(c.sub, 42);
	ck_assert_int_eq(c.sid, 7);
	ck_assert_int_eq(c.exp, NOW + 900);
	ck_assert_int_eq(strlen(c.jti), 22);
	/* A forged token with the right key and claims is good: the forge helper is right. */
	forge(tok, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", GOOD_PAYLOAD, key);
	ck_assert_int_eq(check(tok), JWT_OK);
}
END_TEST

START_TEST(expired)
{
	struct jwt_claims	 c;
	char			 tok[JWT_MAX];

	make(tok, 900);
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key, sizeof(key), NOW + 900, &c), JWT_EXPIRED);
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key, sizeof(key), NOW + 899, &c), JWT_OK);
	/* Issued in the future (past the leeway). */
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key, sizeof(key), NOW - 120, &c), JWT_INVALID);
}
END_TEST

START_TEST(wrong_key_and_tampering)
{
	struct jwt_claims	 c;
	char			 tok[JWT_MAX], bad[JWT_MAX + 8];
	char			*d1, *d2;

	make(tok, 900);
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key2, sizeof(key2), NOW, &c), JWT_INVALID);
	ck_assert_int_eq(jwt_verify(tok, ISS, AUD, key, 16, NOW, &c), JWT_INVALID); /* short key */
	d1 = strchr(tok, '.');
	d2 = strchr(d1 + 1, '.');
	/* One character changed in each part. */
	strcpy(bad, tok);
	bad[2] = bad[2] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(check(bad), JWT_INVALID);
	strcpy(bad, tok);
	bad[d1 - tok + 5] = bad[d1 - tok + 5] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(check(bad), JWT_INVALID);
	strcpy(bad, tok);
	bad[d2 - tok + 3] = bad[d2 - tok + 3] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(check(bad), JWT_INVALID);
	/* Truncated, extended, empty, wrong shapes. */
	strcpy(bad, tok);
	bad[strlen(bad) - 1] = '\0';
	ck_assert_int_eq(check(bad), JWT_INVALID);
	snprintf(bad, sizeof(bad), "%sA", tok);
	ck_assert_int_eq(check(bad), JWT_INVALID);
	strcpy(bad, tok);
	bad[d2 - tok + 1] = '\0';
	ck_assert_int_eq(check(bad), JWT_INVALID);	/* no signature */
	strcpy(bad, tok);
	bad[d2 - tok] = '\0';
	ck_assert_int_eq(check(bad), JWT_INVALID);	/* two parts */
	snprintf(bad, sizeof(bad), "%s.x", tok);
	ck_assert_int_eq(check(bad), JWT_INVALID);	/* four parts */
	ck_assert_int_eq(check(""), JWT_INVALID);
	ck_assert_int_eq(check(".."), JWT_INVALID);
	ck_assert_int_eq(check("not a token"), JWT_INVALID);
	ck_assert_int_eq(check(NULL), JWT_INVALID);
	/* A refresh token (43 base64url characters) is no access token. */
	ck_assert_int_eq(check("q1bJk2Zr0Hd3y5uKc8Qm0vX1aB2cD3eF4gH5iJ6kL7m"), JWT_INVALID);
}
END_TEST

START_TEST(algorithm_pinned)
{
	char		 tok[JWT_MAX], b64h[256], b64p[512];
	const char	*headers[] = {
		"{\"alg\":\"none\",\"typ\":\"JWT\"}",
		"{\"alg\":\"NoNe\",\"typ\":\"JWT\"}",
		"{\"alg\":\"NONE\"}",
		"{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
		"{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
		"{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
		"{\"typ\":\"JWT\"}",
		"{\"alg\":[\"HS256\"]}",
		"{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
		"{\"alg\":\"HS256\",\"typ\":\"JWE\"}",
		"{\"alg\":\"HS256\",\"alg\":\"none\"}",
		"{\"alg\":\"none\",\"alg\":\"HS256\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}",
		"[\"HS256\"]",
		"not json",
	};
	size_t		 i;

	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		/* Even correctly signed with our key, the header is refused. */
		forge(tok, headers[i], GOOD_PAYLOAD, key);
		ck_assert_msg(check(tok) == JWT_INVALID, "accepted header %s", headers[i]);
	}
	/* alg none with an empty signature, the classic. */
	crypto_b64url_encode("{\"alg\":\"none\"}", 14, b64h, sizeof(b64h));
	crypto_b64url_encode(GOOD_PAYLOAD, strlen(GOOD_PAYLOAD), b64p, sizeof(b64p));
	snprintf(tok, sizeof(tok), "%s.%s.", b64h, b64p);
	ck_assert_int_eq(check(tok), JWT_INVALID);
	/* Signed with another key. */
	forge(tok, "{\"alg\":\"HS256\"}", GOOD_PAYLOAD, key2);
	ck_assert_int_eq(check(tok), JWT_INVALID);
}
END_TEST

START_TEST(claims)
{
	char		 tok[JWT_MAX];
	const char	*payloads[] = {
		/* wrong aud, wrong iss, none of them */
		"{\"iss\":\"streamify\",\"aud\":\"other\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"evil\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		/* sub not a positive decimal string */
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":42,\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"0\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"4x\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		/* no sid, no exp, exp not a number, no jti */
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":\"1800000900\",\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900}",
		/* numbers far out of range (found by fuzz-jwt: never converted, just refused) */
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":1.8e26,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":-1e300,\"exp\":1800000900,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1e309,\"jti\":\"a\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7.5,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}",
	};
	size_t		 i;

	for (i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
		forge(tok, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloads[i], key);
		ck_assert_msg(check(tok) == JWT_INVALID, "accepted payload %s", payloads[i]);
	}
	/* aud as an array naming us is fine. */
	forge(tok, "{\"alg\":\"HS256\"}", "{\"iss\":\"streamify\",\"aud\":[\"x\",\"streamify-api\"],"
	    "\"sub\":\"42\",\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"a\"}", key);
	ck_assert_int_eq(check(tok), JWT_OK);
}
END_TEST

START_TEST(base64url)
{
	unsigned char	 out[16];
	char		 text[32];

	ck_assert_int_eq(crypto_b64url_encode("\xfb\xff", 2, text, sizeof(text)), 3);
	ck_assert_str_eq(text, "-_8");
	ck_assert_int_eq(crypto_b64url_decode("-_8", 3, out, sizeof(out)), 2);
	ck_assert_int_eq(crypto_b64url_decode("-_9", 3, out, sizeof(out)), -1); /* trailing bits */
	ck_assert_int_eq(crypto_b64url_decode("+/8", 3, out, sizeof(out)), -1); /* not url-safe */
	ck_assert_int_eq(crypto_b64url_decode("-_8=", 4, out, sizeof(out)), -1); /* padding */
	ck_assert_int_eq(crypto_b64url_decode("A", 1, out, sizeof(out)), -1);
	ck_assert_int_eq(crypto_b64url_decode("", 0, out, sizeof(out)), 0);
	ck_assert_int_eq(crypto_b64url_encode("", 0, text, sizeof(text)), 0);
	ck_assert_int_eq(crypto_b64url_encode("abc", 3, text, 4), -1);	/* too small */
}
END_TEST

/* Known answers of the primitives under the tokens (FIPS 180-2, RFC 4231 case 2). */
START_TEST(crypto_known_answers)
{
	unsigned char	 md[32], raw[4];
	char		 hex[65];

	ck_assert_int_eq(crypto_sha256("abc", 3, md), 0);
	hex_encode(md, 32, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, md), 0);
	hex_encode(md, 32, hex);
	ck_assert_str_eq(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	ck_assert_int_eq(hex_decode("DEADbeef", 8, raw, sizeof(raw)), 4);
	ck_assert_int_eq(raw[0], 0xde);
	ck_assert_int_eq(raw[3], 0xef);
	ck_assert_int_eq(hex_decode("abc", 3, raw, sizeof(raw)), -1);
	ck_assert_int_eq(hex_decode("zz", 2, raw, sizeof(raw)), -1);
	ck_assert_int_eq(hex_decode("0011223344", 10, raw, sizeof(raw)), -1);	/* too long */
	ck_assert(crypto_equal("abcd", "abcd", 4));
	ck_assert(!crypto_equal("abcd", "abce", 4));
	ck_assert_int_eq(crypto_random(raw, sizeof(raw)), 0);
}
END_TEST

/* A repeated claim, even signed with our key: two readers could see two subjects. */
START_TEST(duplicate_claims)
{
	char		 tok[JWT_MAX];
	const char	*payloads[] = {
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sub\":\"1\","
		    "\"sid\":7,\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"abc\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,"
		    "\"iat\":1800000000,\"exp\":1800000900,\"exp\":1900000000,\"jti\":\"abc\"}",
		"{\"iss\":\"streamify\",\"aud\":\"streamify-api\",\"sub\":\"42\",\"sid\":7,"
		    "\"iat\":1800000000,\"exp\":1800000900,\"jti\":\"abc\",\"x\":{\"y\":1,\"y\":2}}",
	};
	size_t		 i;

	for (i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
		forge(tok, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloads[i], key);
		ck_assert_msg(check(tok) == JWT_INVALID, "accepted payload %s", payloads[i]);
	}
}
END_TEST

CHECK_MAIN("jwt", crypto_known_answers, roundtrip, expired, wrong_key_and_tampering,
    algorithm_pinned, claims, base64url, duplicate_claims)
