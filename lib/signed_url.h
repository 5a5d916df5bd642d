/* signed_url.h: play URLs signed with HMAC-SHA256 over path, user and expiry (pure, no I/O). */
#ifndef STREAMIFY_SIGNED_URL_H
#define STREAMIFY_SIGNED_URL_H

#include <stddef.h>

#define SIGNED_URL_SIGLEN	43	/* base64url of 32 bytes, unpadded */
#define SIGNED_URL_MINKEY	32	/* bytes a key must have */

enum signed_url_rc {
	SIGNED_URL_OK = 0,
	SIGNED_URL_BAD = -1,		/* malformed, or the signature does not match */
	SIGNED_URL_EXPIRED = -2,	/* well signed but past its expiry */
};

/*
 * Write the signature of (path, user_id, expires) under key (keylen >=
 * SIGNED_URL_MINKEY bytes) into sig (at least SIGNED_URL_SIGLEN + 1 bytes):
 * base64url of HMAC-SHA256(key, path "\n" user_id "\n" expires). path is
 * the URL path exactly as it will be requested (percent-encoded). Returns 0,
 * or -1 when the key is too short or the path is empty.
 */
int	signed_url_sign(const unsigned char *key, size_t keylen, const char *path,
	    long long user_id, long long expires, char *sig);

/*
 * Write "path?u=USER&e=EXPIRES&s=SIG" into out (outlen bytes). Returns 0,
 * or -1 when signing fails or it does not fit.
 */
int	signed_url_make(const unsigned char *key, size_t keylen, const char *path,
	    long long user_id, long long expires, char *out, size_t outlen);

/*
 * Check a request URI as the client sent it ("/media/x.mp4?u=1&e=2&s=...")
 * at time now. It must be spelled exactly as signed_url_make spells it, so
 * that one grant has one spelling: the path percent-encoded as
 * signed_url_encode_path does (uppercase hex, nothing kept encoded), then
 * "?u=USER&e=EXPIRES&s=SIG" in that order and nothing else, USER and
 * EXPIRES positive decimals without leading zeros, SIG 43 characters. The
 * signature is compared in constant time. Returns SIGNED_URL_OK (with
 * *user_id set when user_id is not NULL), SIGNED_URL_EXPIRED, or
 * SIGNED_URL_BAD (anything else, a non-canonical spelling included).
 */
int	signed_url_verify(const unsigned char *key, size_t keylen, const char *uri,
	    long long now, long long *user_id);

/*
 * Percent-encode a media file path for a URL: keeps A-Z a-z 0-9 - . _ ~ and
 * '/', encodes every other byte. Rejects (returns -1) an empty path, a path
 * starting with '/', and "." or ".." segments, and when out (outlen bytes)
 * is too small; returns 0.
 */
int	signed_url_encode_path(const char *path, char *out, size_t outlen);

#endif
