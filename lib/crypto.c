/* crypto.c: small general helpers over OpenSSL: random bytes, base64url, hex, SHA-256, HMAC. */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "log.h"

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Log the first OpenSSL error of the queue under fn, and clear the queue. */
static void
ssl_fail(const char *fn)
{
	char	 buf[256];

	ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
	log_error("%s: %s", fn, buf);
	ERR_clear_error();
}

int
crypto_random(void *buf, size_t len)
{
	if (len > 0x7fffffff || RAND_bytes(buf, (int)len) != 1) {
		ssl_fail("RAND_bytes");
		return -1;
	}
	return 0;
}

int
crypto_b64url_encode(const void *in, size_t len, char *out, size_t outlen)
{
	const unsigned char	*p = in;
	size_t			 i, o = 0;
	unsigned long		 v;

	if (outlen < CRYPTO_B64URL_LEN(len))
		return -1;
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 | p[i + 2];
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned long)p[i] << 16;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
	} else if (len - i == 2) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
	}
	out[o] = '\0';
	return (int)o;
}

/* The value of one base64url character, or -1. */
static int
b64url_val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

int
crypto_b64url_decode(const char *in, size_t len, unsigned char *out, size_t outlen)
{
	size_t		 i, o = 0, need;
	unsigned long	 v = 0;
	int		 bits = 0, d;

	if (len % 4 == 1)
		return -1;
	need = len / 4 * 3 + (len % 4 ? len % 4 - 1 : 0);
	if (need > outlen || len > 0x3fffffff)
		return -1;
	for (i = 0; i < len; i++) {
		if ((d = b64url_val((unsigned char)in[i])) < 0)
			return -1;
		v = (v << 6 | (unsigned long)d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	/* The bits left over must be zero: one text per byte string. */
	if (bits > 0 && (v & ((1UL << bits) - 1)) != 0)
		return -1;
	return (int)o;
}

void
crypto_hex(const void *in, size_t len, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	const unsigned char	*p = in;
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
crypto_unhex(const char *in, size_t len, unsigned char *out, size_t outlen)
{
	size_t	 i;
	int	 hi, lo;

	if (len % 2 != 0 || len / 2 > outlen)
		return -1;
	for (i = 0; i < len / 2; i++) {
		if ((hi = hexval((unsigned char)in[2 * i])) < 0 ||
		    (lo = hexval((unsigned char)in[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return (int)(len / 2);
}

int
crypto_sha256(const void *in, size_t len, unsigned char md[CRYPTO_SHA256_LEN])
{
	unsigned int	 n = 0;

	if (EVP_Digest(in, len, md, &n, EVP_sha256(), NULL) != 1 || n != CRYPTO_SHA256_LEN) {
		ssl_fail("EVP_Digest");
		return -1;
	}
	return 0;
}

int
crypto_hmac_sha256(const void *key, size_t keylen, const void *in, size_t len,
    unsigned char md[CRYPTO_SHA256_LEN])
{
	unsigned int	 n = 0;

	if (keylen > 0x7fffffff ||
	    HMAC(EVP_sha256(), key, (int)keylen, in, len, md, &n) == NULL ||
	    n != CRYPTO_SHA256_LEN) {
		ssl_fail("HMAC");
		return -1;
	}
	return 0;
}

int
crypto_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

void
crypto_wipe(void *p, size_t len)
{
	if (p != NULL)
		OPENSSL_cleanse(p, len);
}
