/* crypto.h: small general helpers over OpenSSL: random bytes, base64url, hex, SHA-256, HMAC. */
#ifndef STREAMIFY_CRYPTO_H
#define STREAMIFY_CRYPTO_H

#include <stddef.h>

#define CRYPTO_SHA256_LEN	32

/* Fill buf with len bytes from the system's CSPRNG. Returns 0, or -1 (logged). */
int	crypto_random(void *buf, size_t len);

/*
 * The base64url text (RFC 4648 section 5, no padding) of len bytes of in,
 * NUL-terminated into out (outlen bytes, at least CRYPTO_B64URL_LEN(len)).
 * Returns the text's length, or -1 when out is too small.
 */
#define CRYPTO_B64URL_LEN(n)	(((n) * 4 + 2) / 3 + 1)
int	crypto_b64url_encode(const void *in, size_t len, char *out, size_t outlen);

/*
 * Decode len characters of base64url text (no padding, no white space, and
 * unused trailing bits zero, so each byte string has one text) into out
 * (outlen bytes). Returns the number of bytes, or -1 when the text is not
 * canonical base64url or out is too small.
 */
int	crypto_b64url_decode(const char *in, size_t len, unsigned char *out, size_t outlen);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes), NUL-terminated. */
void	crypto_hex(const void *in, size_t len, char *out);

/*
 * Decode exactly len hex digits (either case) into out (outlen bytes).
 * Returns the number of bytes, or -1 when len is odd, a digit is not hex or
 * out is too small.
 */
int	crypto_unhex(const char *in, size_t len, unsigned char *out, size_t outlen);

/* SHA-256 of len bytes into md. Returns 0 or -1 (logged). */
int	crypto_sha256(const void *in, size_t len, unsigned char md[CRYPTO_SHA256_LEN]);

/* HMAC-SHA256 of len bytes under key into md. Returns 0 or -1 (logged). */
int	crypto_hmac_sha256(const void *key, size_t keylen, const void *in, size_t len,
	    unsigned char md[CRYPTO_SHA256_LEN]);

/* Whether a and b (len bytes each) are equal, in time that depends only on len. */
int	crypto_equal(const void *a, const void *b, size_t len);

/* Overwrite len bytes at p so the compiler cannot skip it (secrets after use). */
void	crypto_wipe(void *p, size_t len);

#endif
