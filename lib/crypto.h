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

/* SHA-256 of len bytes into md. Returns 0 or -1 (logged). */
int	crypto_sha256(const void *in, size_t len, unsigned char md[CRYPTO_SHA256_LEN]);

/*
 * SHA-256 of a stream of pieces: crypto_sha256_new (NULL when out of
 * memory), crypto_sha256_add for each piece, crypto_sha256_end for the
 * digest as 64 lowercase hex digits into hex ("" on failure), which also
 * frees the state (hex NULL: only that). Every function accepts NULL.
 */
struct crypto_sha256;
struct crypto_sha256	*crypto_sha256_new(void);
void	crypto_sha256_add(struct crypto_sha256 *h, const void *p, size_t len);
void	crypto_sha256_end(struct crypto_sha256 *h, char hex[2 * CRYPTO_SHA256_LEN + 1]);

/* SHA-256 of len bytes as 64 lowercase hex digits into hex. Returns 0 or -1 (logged). */
int	crypto_sha256_hex(const void *in, size_t len, char hex[2 * CRYPTO_SHA256_LEN + 1]);

/* HMAC-SHA256 of len bytes under key into md. Returns 0 or -1 (logged). */
int	crypto_hmac_sha256(const void *key, size_t keylen, const void *in, size_t len,
	    unsigned char md[CRYPTO_SHA256_LEN]);

/* Whether a and b (len bytes each) are equal, in time that depends only on len. */
int	crypto_equal(const void *a, const void *b, size_t len);

/* Overwrite len bytes at p so the compiler cannot skip it (secrets after use). */
void	crypto_wipe(void *p, size_t len);

#endif
