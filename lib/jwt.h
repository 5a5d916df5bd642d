/* jwt.h: access tokens: JSON Web Tokens signed with HMAC-SHA256, and nothing else. */
#ifndef STREAMIFY_JWT_H
#define STREAMIFY_JWT_H

#include <stddef.h>

#define JWT_MAX		1024	/* bytes of a token we make or accept, NUL included */
#define JWT_KEY_MIN	32	/* bytes of key at the least */

/* The claims of an access token. */
struct jwt_claims {
	long long	 sub;		/* user id ("sub" is its decimal text) */
	long long	 sid;		/* session (login) id */
	long long	 iat;		/* issued at, seconds since the epoch */
	long long	 exp;		/* expires at */
	char		 jti[48];	/* unique id of the token */
};

enum jwt_rc {
	JWT_OK,
	JWT_INVALID,	/* malformed, wrong algorithm, bad signature, wrong iss or aud */
	JWT_EXPIRED,	/* well signed and valid but for exp <= now */
	JWT_ERROR,	/* out of memory or an OpenSSL failure (logged) */
};

/*
 * Make a token for c (its jti, when empty, is filled with 128 random bits)
 * with header {"alg":"HS256","typ":"JWT"} and claims iss, aud, sub, sid,
 * iat, exp, jti, signed with key (keylen >= JWT_KEY_MIN bytes), into out
 * (JWT_MAX bytes). Returns JWT_OK or JWT_ERROR.
 */
enum jwt_rc jwt_sign(struct jwt_claims *c, const char *iss, const char *aud,
	    const unsigned char *key, size_t keylen, char *out);

/*
 * Check a token: three base64url parts, each a JSON object that repeats
 * no member name, a header whose alg is exactly
 * "HS256" (any other, "none" in any case included, is refused) and that
 * has no "crit", an HMAC-SHA256 signature under key compared in constant
 * time, then the claims: iss and aud equal to the given ones, sub a
 * positive decimal, sid positive, iat no later than now + 60, exp later
 * than now (else JWT_EXPIRED). Fills *c on JWT_OK.
 */
enum jwt_rc jwt_verify(const char *token, const char *iss, const char *aud,
	    const unsigned char *key, size_t keylen, long long now, struct jwt_claims *c);

#endif
